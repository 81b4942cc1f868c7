"""`thread-explorer scan FILE`: one line per page of a dataset file that holds a thread, streamed."""

from __future__ import annotations

import sys
import time

from ..core.collection import BadLines, PageSummary
from ..core.textsafe import printable
from ..core.wording import plural
from .args import PROG, Parser, add_input_options
from .inputs import require_collection
from .output import say
from .progress import ScanProgress
from .status import EXIT_OK

HEADER = "page\turl\tcomments\treplies\tplaceholders\tmarkers"  # the columns of summary_line


def summary_line(summary: PageSummary) -> str:
    """One tab-separated line for `thread-explorer scan`: page number, url (or id), comments, replies,
    placeholders, marker position; tabs and line breaks inside the url become spaces, so the columns hold."""
    label = " ".join(summary.label.split())
    return "\t".join(
        (
            str(summary.index),
            label,
            str(summary.comments),
            str(summary.replies),
            str(summary.placeholders),
            summary.marker_position or "-",
        )
    )


def cmd_scan(argv: list[str]) -> int:
    """`scan FILE`: one line per page of a dataset file that holds a thread, streamed as the file is read."""
    parser = Parser(
        prog=f"{PROG} scan",
        description="Read a dataset file of web pages (JSON Lines, .jsonl.gz, .zst or Parquet; one page with a "
        "text field a record) in one streaming pass and print a line for each page that has `In reply to` "
        "markers, as soon as it is found: page number (from 0, for --page), url (or id), comments, replies, "
        "placeholders and marker position, separated by tabs. A total goes to stderr at the end.",
    )
    parser.add_argument("file", metavar="FILE", help="a dataset file")
    parser.add_argument("-a", "--all", action="store_true", help="print every page, with a thread or not")
    parser.add_argument(
        "--header", action="store_true", help="print a header row first (the column names, tab-separated)"
    )
    add_input_options(parser)
    args = parser.parse_args(argv)
    collection = require_collection(args, "scan")
    started = time.monotonic()
    counts = {"comments": 0, "replies": 0, "placeholders": 0}
    bad = BadLines()
    with ScanProgress(args.file) as progress:
        if args.header:
            progress.emit(HEADER)
        for summary in collection.summaries(progress=progress.update, bad=bad, threads_only=not args.all):
            progress.pages += 1
            if summary.has_markers:
                progress.found += 1
                counts["comments"] += summary.comments
                counts["replies"] += summary.replies
                counts["placeholders"] += summary.placeholders
            if summary.has_markers or args.all:
                progress.emit(printable(summary_line(summary)))
    seconds = time.monotonic() - started
    skipped = f"; {bad}" if bad else ""
    found = ", ".join(
        plural(counts[key], word)
        for key, word in (("comments", "comment"), ("replies", "reply"), ("placeholders", "placeholder"))
    )
    say(f"{plural(progress.pages, collection.noun)} scanned in {seconds:.1f} s; {progress.found:,} with threads: "
        f"{found}{skipped}", sys.stderr)  # fmt: skip
    return EXIT_OK
