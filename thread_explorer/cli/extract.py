"""`thread-explorer extract SHARD... -o OUTDIR`: the threads of many dataset shards, one output file per shard,
on several processes, resumable.

Exit status: 0 when every shard is done (or was already done by an earlier run); 2 when any shard failed, with
one line naming them (their outputs are not written, so running the same command again retries just those).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from types import TracebackType
from typing import Any, Self

from ..core.errors import InputError
from ..core.textsafe import one_line
from ..extract import ShardJob, ShardResult, default_jobs, run_jobs
from ..extract.outputs import require_writer
from .args import PROG, Parser, add_markers_option
from .output import say
from .status import EXIT_ERROR, EXIT_OK

MAX_NAMED = 5  # failed shards named in the final error line


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = Parser(
        prog=f"{PROG} extract",
        description="Find the comment threads in many dataset shards (JSON Lines, .gz, .zst, Parquet, or Common "
        "Crawl WET .warc.wet.gz) and write, per shard, OUTDIR/<shard name>.threads.jsonl (one JSON object per "
        "page with a thread: source, page, url, id and the thread-explorer/1 document) or, with --to parquet, "
        "OUTDIR/<shard name>.comments.parquet (one row per comment). Outputs appear only when complete, so a "
        "second run skips shards already done and redoes the rest. Exit status 2 when any shard failed.",
    )
    parser.add_argument("shards", nargs="+", metavar="SHARD", help="dataset files to read")
    parser.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="folder for the outputs")
    parser.add_argument(
        "-j", "--jobs", type=int, default=default_jobs(), metavar="N",
        help="shards read at once, each in its own process (default: the number of cores, here %(default)s)",
    )  # fmt: skip
    parser.add_argument(
        "--to", choices=("jsonl", "parquet"), default="jsonl",
        help="output: a thread per page as JSON Lines (default), or a comment per row as Parquet",
    )  # fmt: skip
    add_markers_option(parser)
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    return args


def make_jobs(args: argparse.Namespace) -> list[ShardJob]:
    """One job per shard; two shards of the same file name would write the same output, so that is refused."""
    require_writer(args.to)
    if os.path.exists(args.output) and not os.path.isdir(args.output):
        raise InputError(f"{args.output}: not a folder (give -o a folder for the outputs)")
    seen: dict[str, str] = {}
    shards: dict[str, str] = {}  # real path -> the shard as given (a file named twice is read once)
    for shard in args.shards:
        name = os.path.basename(shard)
        if name in seen and os.path.realpath(seen[name]) != os.path.realpath(shard):
            raise InputError(
                f"{seen[name]} and {shard} have the same file name, so their outputs would collide: "
                "extract them into different folders"
            )
        seen[name] = shard
        shards.setdefault(os.path.realpath(shard), shard)
    try:
        os.makedirs(args.output, exist_ok=True)
    except OSError as error:
        raise InputError(f"{args.output}: cannot create the folder: {error.strerror or error}") from None
    return [ShardJob(shard, args.output, args.to, args.markers) for shard in shards.values()]


class ExtractProgress:
    """A transient Rich bar on stderr, shown only when stderr is a terminal: shards done out of all, pages
    read, pages/s and threads found; messages (a failed shard) are printed above it."""

    def __init__(self, shards: int) -> None:
        self.shards = shards
        self.done = self.pages = self.threads = 0
        self.started = time.monotonic()
        self.bar: Any = None
        if hasattr(sys.stderr, "isatty") and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            counts = "{task.fields[shards]} shards, {task.fields[pages]} pages, {task.fields[rate]} pages/s, "
            self.bar = Progress(
                TextColumn("extract", markup=False),
                BarColumn(),
                TextColumn(counts + "{task.fields[threads]} threads", markup=False),
                TimeElapsedColumn(),
                console=Console(file=sys.stderr),
                transient=True,
                redirect_stdout=False,
                redirect_stderr=False,
            )  # fmt: skip
            self.task = self.bar.add_task("extract", total=shards, **self.fields())
            self.bar.start()

    def fields(self) -> dict[str, str]:
        seconds = max(time.monotonic() - self.started, 1e-9)
        return {
            "shards": f"{self.done}/{self.shards}",
            "pages": f"{self.pages:,}",
            "rate": f"{self.pages / seconds:,.0f}",
            "threads": f"{self.threads:,}",
        }

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.bar is not None:
            self.bar.stop()

    def advance(self, pages: int, threads: int) -> None:
        """Progress from a running shard."""
        self.pages += pages
        self.threads += threads
        self.redraw()

    def finished(self, result: ShardResult) -> None:
        """A shard ended; on a terminal a failure is said at once, above the bar (the end says it again)."""
        self.done += 1
        if result.status == "failed" and self.bar is not None:
            self.bar.console.print(one_line(f"{PROG}: failed: {result.error}"), markup=False, highlight=False)
        self.redraw(now=True)

    def redraw(self, *, now: bool = False) -> None:
        """New figures for the bar: drawn at its next refresh (ten a second), or `now`."""
        if self.bar is not None:
            self.bar.update(self.task, completed=self.done, refresh=now, **self.fields())


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def summary(results: list[ShardResult], skipped: int, jobs: int, seconds: float, outdir: str) -> str:
    """The line said at the end: what was done, counted, how fast, and where it went."""
    ran = [r for r in results if r.status != "skipped"]
    done = sum(r.status == "done" for r in ran)
    failed = sum(r.status == "failed" for r in ran)
    pages = sum(r.pages for r in ran if r.status == "done")
    threads = sum(r.threads for r in ran if r.status == "done")
    comments = sum(r.comments for r in ran if r.status == "done")
    rate = f"{sum(r.pages for r in ran) / seconds:,.0f}" if seconds > 0 else "-"
    with_bad = [r for r in ran if r.bad]
    bad = f"; bad lines skipped in {plural(len(with_bad), 'shard')}" if with_bad else ""
    return (
        f"extract: {plural(done, 'shard')} done, {skipped:,} already done, {failed:,} failed: "
        f"{plural(pages, 'page')}, {threads:,} with threads ({plural(comments, 'comment')}) in {seconds:.1f} s "
        f"({rate} pages/s, {plural(jobs, 'job')}){bad}; output in {outdir}"
    )


def failure_line(failed: list[ShardResult], total: int) -> str:
    """The one error line when shards failed: how many, and which (their first reason)."""
    named = "; ".join(r.error for r in failed[:MAX_NAMED])
    more = f"; and {len(failed) - MAX_NAMED} more" if len(failed) > MAX_NAMED else ""
    retry = "not written; run the command again to retry them"
    return f"{len(failed)} of {total} shards failed ({retry}): {named}{more}"


def cmd_extract(argv: list[str]) -> int:
    """`extract SHARD... -o OUTDIR [--jobs N] [--to jsonl|parquet]`."""
    args = parse_args(argv)
    jobs = make_jobs(args)
    todo = [job for job in jobs if not job.done]
    skipped = len(jobs) - len(todo)
    if skipped:
        say(
            f"{PROG}: skipping {plural(skipped, 'shard')} already done (output exists in {args.output})",
            sys.stderr,
        )
    started = time.monotonic()
    workers = min(args.jobs, max(len(todo), 1))
    with ExtractProgress(len(todo)) as progress:
        results = run_jobs(todo, workers, progress=progress.advance, done=progress.finished)
    seconds = time.monotonic() - started
    for result in results:
        if result.bad:
            say(one_line(f"{PROG}: {result.shard}: {result.bad}"), sys.stderr)
    say(one_line(summary(results, skipped, workers, seconds, args.output)), sys.stderr)
    failed = [r for r in results if r.status == "failed"]
    if failed:
        say(one_line(f"{PROG}: error: {failure_line(failed, len(jobs))}"), sys.stderr)
        return EXIT_ERROR
    return EXIT_OK
