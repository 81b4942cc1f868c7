"""The shard job: read one dataset file page by page, write the threads it holds to its output, atomically.

A shard is any file the datasets package reads (JSON Lines plain, `.gz` or `.zst`, Parquet, WET). Pages are
streamed one at a time and each threaded page is written as soon as it is found, so a job holds one page (and
its thread) at a time, never the shard. Outcomes: "done" (output renamed into place), "skipped" (its output
already exists: a previous run completed it) or "failed" (unreadable, not a dataset, truncated compressed
data; the partial output is removed, so a later run retries it). Bad lines inside a readable shard are
skipped and counted, as `scan` does, and reported with the result.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from ..core.atomic import special_target
from ..core.datasets import BadLines, is_dataset
from ..core.datasets.records import records_kept
from ..core.datasets.scanning import may_hold_marker
from ..core.datasets.stream import head_lines
from ..core.errors import InputError
from ..core.files import open_binary, stream_error
from .outputs import SINKS, output_path
from .page import thread_of

REPORT_EVERY = 0.2  # seconds between progress reports from a running job
Progress = Callable[[int, int], None]  # (pages read, threads found) since the last report


@dataclass(frozen=True)
class ShardJob:
    """One shard to extract: the input file, the output folder, the output kind and the marker position."""

    shard: str
    outdir: str
    to: str = "jsonl"
    markers: str = "auto"

    @property
    def output(self) -> str:
        """The output file this job writes."""
        return output_path(self.shard, self.outdir, self.to)

    @property
    def done(self) -> bool:
        """Whether an earlier run finished this shard: a file is at its output's name (a folder or a FIFO
        there is no output)."""
        return os.path.isfile(self.output)


@dataclass(frozen=True)
class ShardResult:
    """What became of one shard: its status ("done", "skipped", "failed"), counts, and why when it failed."""

    shard: str
    output: str
    status: str
    pages: int = 0
    threads: int = 0
    comments: int = 0
    bad: str = ""  # the bad lines skipped (BadLines' summary), "" when clean
    error: str = ""
    seconds: float = 0.0


def extract_shard(job: ShardJob, progress: Progress | None = None) -> ShardResult:
    """Run one shard job (see the module docstring); never raises for bad input: a failure is a result."""
    if job.done:
        return ShardResult(job.shard, job.output, "skipped")
    if os.path.exists(job.output):
        why = f"{job.output}: exists and is not a file (a folder, a pipe or a device): move it away"
        return ShardResult(job.shard, job.output, "failed", error=why)
    started = time.monotonic()
    counts = [0, 0, 0]  # pages, threads, comments
    bad = BadLines()
    try:
        read_shard(job, bad, counts, progress)
    except InputError as error:
        return failed(job, counts, started, str(error))
    except RecursionError:
        why = f"{job.shard}: a page after the first {counts[0]} is nested too deeply to process"
        return failed(job, counts, started, why)
    except Exception as error:  # noqa: BLE001 - a bug on one page must not stop a corpus job: name it
        why = f"{job.shard}: unexpected {type(error).__name__} after {counts[0]} pages: {error}"
        return failed(job, counts, started, why)
    pages, threads, comments = counts
    return ShardResult(
        job.shard, job.output, "done", pages, threads, comments, str(bad), seconds=time.monotonic() - started
    )


def failed(job: ShardJob, counts: list[int], started: float, error: str) -> ShardResult:
    pages, threads, comments = counts
    return ShardResult(
        job.shard,
        job.output,
        "failed",
        pages,
        threads,
        comments,
        error=error,
        seconds=time.monotonic() - started,
    )


def read_shard(job: ShardJob, bad: BadLines, counts: list[int], progress: Progress | None) -> None:
    """Stream the shard's pages into its output; commits only when the whole shard was read."""
    if special_target(job.shard):  # a FIFO would be read by detection, and opening one with no writer waits
        raise stream_error(job.shard, "extract")
    if not is_dataset(job.shard):
        open_binary(job.shard).close()  # a missing file, a folder, no permission: say that
        head_lines(job.shard)  # corrupt compressed data: say that
        raise InputError(
            f"{job.shard}: not a dataset file (JSON Lines, .gz, .zst, Parquet or WET records of pages)"
        )
    name = os.path.basename(job.shard)
    last = time.monotonic()
    reported = [0, 0]
    with SINKS[job.to](job.output) as sink:
        for index, record, _ in records_kept(job.shard, may_hold_marker, bad):
            counts[0] += 1  # a record of None: its line cannot hold the marker (checked to be a page only)
            thread = (
                None if record is None else thread_of(record, source=name, page=index, markers=job.markers)
            )
            if thread is not None:
                sink.add(thread, source=name, page=index)
                counts[1] += 1
                counts[2] += sum(1 for comment in thread.walk() if not comment.placeholder)
            if progress is not None and time.monotonic() - last >= REPORT_EVERY:
                last = time.monotonic()
                progress(counts[0] - reported[0], counts[1] - reported[1])
                reported = counts[:2]
        if bad.truncated:
            raise InputError(f"{job.shard}: {bad}; the output is not written")
        sink.commit()
    if progress is not None:
        progress(counts[0] - reported[0], counts[1] - reported[1])
