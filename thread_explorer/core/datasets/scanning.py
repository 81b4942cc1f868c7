"""One streaming pass over a dataset: a summary of each page (counts, marker position) without keeping its text,
and totals over the whole file. Only pages holding an `In reply to ` line are parsed."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from typing import Any

from ..collection import BadLines, PageSummary
from ..flatpage import parse_text
from ..flatpage.writer import MARKER_PREFIX as MARKER
from .records import Page, page_of_record, records, records_kept

PROGRESS_EVERY = 0.1  # seconds between progress calls during a scan
RAW_MARKER = MARKER.encode("ascii")
# An escaped printable ASCII character (`\u0049` for I) could spell the marker in JSON without its bytes;
# json.dumps never writes one, so a line without such an escape and without the marker's bytes has no marker.
# A NUL byte: text in UTF-16 or UTF-32, where the marker's bytes differ too.
_HIDDEN_MARKER = re.compile(rb"\\u00[2-7]|\x00")


def may_hold_marker(line: bytes) -> bool:
    """Whether a raw JSON line can hold the marker: False only when its text certainly does not. (Two byte
    searches first: they cost a third of the regex, which runs only on a line with an escape or a NUL.)"""
    if RAW_MARKER in line:
        return True
    if b"\\u00" not in line and b"\x00" not in line:
        return False
    return _HIDDEN_MARKER.search(line) is not None


def iter_pages(path: str, *, bad: BadLines | None = None) -> Iterator[Page]:
    """Every page of a dataset file in order, one at a time; bad lines are skipped (counted in `bad`), unreadable
    data or a file without any page record raises InputError."""
    for index, record, _ in records(path, bad):
        yield page_of_record(record, index)


def summarize(page: Page, markers: str = "auto") -> PageSummary:
    """Parse a page (only when it has an "In reply to " line: the rest have no thread) and count what it holds."""
    stats: dict[str, Any] = {}
    if MARKER in page.text:
        stats = parse_text(page.text, markers=markers, source=page.label).stats()
    return PageSummary(
        index=page.index,
        url=page.url,
        id=page.id,
        title=page.title,
        comments=stats.get("comments", 0),
        replies=stats.get("replies", 0),
        placeholders=stats.get("placeholders", 0),
        marker_position=stats.get("marker_position"),
        has_markers=bool(stats.get("replies") or stats.get("placeholders")),
        chars=len(page.text),
    )


def bare_summary(index: int) -> PageSummary:
    """A page known to hold no thread, by its number alone."""
    return PageSummary(index, None, None, "", 0, 0, 0, None, False, 0)


def scan(
    path: str,
    *,
    only_with_markers: bool = True,
    markers: str = "auto",
    progress: Callable[[int, int], None] | None = None,
    bad: BadLines | None = None,
    bare: bool = False,
) -> Iterator[PageSummary]:
    """Summaries of the pages in file order, streamed; progress(bytes_read, total_bytes) about 10 times a second.
    Bad lines are skipped and counted in `bad` (see the module docstring). With only_with_markers, pages without
    a thread are left out, or with `bare` come as a bare summary (their number only; such a line is not even
    decoded when its raw bytes cannot hold the marker)."""
    total = os.path.getsize(path) if os.path.isfile(path) else 0
    last = time.monotonic()
    read = 0
    lines: Iterator[tuple[int, dict[str, Any] | None, int]] = (
        records_kept(path, may_hold_marker, bad) if only_with_markers else records(path, bad)
    )
    for index, record, read in lines:
        summary = None
        if (
            record is not None
        ):  # None: a line without the marker's bytes (no thread), only checked to be a page
            page = page_of_record(record, index)
            if not only_with_markers or MARKER in page.text:
                summary = summarize(page, markers)
        if summary is not None and (summary.has_markers or not only_with_markers):
            yield summary
        elif bare:
            yield bare_summary(index)
        if progress is not None and time.monotonic() - last >= PROGRESS_EVERY:
            last = time.monotonic()
            progress(min(read, total), total)
    if progress is not None:
        progress(total, total)
