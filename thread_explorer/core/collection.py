"""Files that hold many threads: a dataset's pages, a dump of many Reddit threads, a user's comment listing, a
search response. Such a file always opens as a list of threads, never as one glued thread.

A `Collection` streams a summary of each entry (`summaries`, in file order, numbered from 0) and reads one entry
as a Thread when asked (`load`, by number or by url/id). `ListCollection` holds threads already read (small
files); streamed ones (datasets, dumps) read their file again for each pass and never hold it whole.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import InputError
from .model import MarkerPosition, Thread

ProgressBytes = Callable[[int, int], None]  # (bytes read, total bytes) about ten times a second


@dataclass(frozen=True)
class PageSummary:
    """One entry of a collection as a list shows it: its number (from 0), where it came from, a title, and what
    it holds (counts and marker position) without its text. `has_markers`: it holds a thread (replies)."""

    index: int
    url: str | None
    id: str | None
    title: str
    comments: int
    replies: int
    placeholders: int
    marker_position: MarkerPosition | None
    has_markers: bool
    chars: int

    @property
    def label(self) -> str:
        """The entry's url, else its id, else "page N"."""
        return self.url or self.id or f"page {self.index}"


@dataclass
class BadLines:
    """What a pass over a file skipped: how many bad lines, the first one and why, and whether the compressed
    data ended early. Pass one to a pass to learn it; `str()` is the user's summary."""

    count: int = 0
    first_line: int | None = None
    first_problem: str = ""
    truncated: bool = False  # the compressed data ended early: the pass stopped there
    lines_read: int = 0  # lines read when the pass ended (for the truncation message)

    def add(self, line: int, problem: str) -> None:
        """Count one skipped line (line numbers from 1)."""
        self.count += 1
        if self.first_line is None:
            self.first_line, self.first_problem = line, problem

    def __bool__(self) -> bool:
        return bool(self.count or self.truncated)

    def __str__(self) -> str:
        """`2 bad lines skipped (first: line 4)`, and/or that the compressed data ends early; "" when clean."""
        parts = []
        if self.count:
            parts.append(
                f"{self.count:,} bad line{'s' if self.count != 1 else ''} skipped (first: line {self.first_line})"
            )
        if self.truncated:
            parts.append(
                f"the compressed data ends early, after line {self.lines_read} (a truncated download?)"
            )
        return "; ".join(parts)


class Collection(ABC):
    """A file of many threads: summaries of its entries in one pass, and any one entry read as a Thread."""

    source: str  # the file as the user named it
    description: str  # what the file is, for `stats`: "dataset of pages (JSON Lines, gzip)"
    noun: str = "page"  # what one entry is called in messages: page, thread, question, conversation

    @abstractmethod
    def summaries(
        self,
        *,
        progress: ProgressBytes | None = None,
        bad: BadLines | None = None,
        threads_only: bool = False,
    ) -> Iterator[PageSummary]:
        """Every entry's summary in file order, streamed; bad lines counted in `bad`. With `threads_only` (a
        caller that needs the entries holding threads, and how many entries there are) an entry without a
        thread may come as a bare summary, its number alone: a dataset then skips decoding such pages."""

    @abstractmethod
    def load(self, selector: int | str) -> Thread:
        """Entry `selector` (a number from 0, a string of digits, or a url/id) as a Thread; InputError if none."""


def summary_of(thread: Thread, index: int) -> PageSummary:
    """The summary of a thread already read, as entry `index` of a collection."""
    stats = thread.stats()
    meta: dict[str, Any] = thread.meta
    url = meta.get("url") if isinstance(meta.get("url"), str) else None
    ident = str(meta["id"]) if isinstance(meta.get("id"), (str, int)) else None
    title = meta.get("title") if isinstance(meta.get("title"), str) else ""
    if not title and thread.article is not None:
        title = " ".join(thread.article.text.split("\n", 1)[0].split())[:120]
    chars = sum(len(c.text) for c in thread.walk())
    return PageSummary(
        index=index, url=url, id=ident, title=title or thread.source, comments=stats["comments"],
        replies=stats["replies"], placeholders=stats["placeholders"], marker_position=thread.marker_position,
        has_markers=bool(stats["comments"]), chars=chars,
    )  # fmt: skip


class ListCollection(Collection):
    """Threads read already (a file small enough to hold: a user listing, a search response, a dump of trees)."""

    def __init__(
        self, source: str, description: str, threads: Sequence[Thread], *, noun: str = "thread"
    ) -> None:
        self.source = source
        self.description = description
        self.noun = noun
        self.threads = list(threads)

    def summaries(
        self,
        *,
        progress: ProgressBytes | None = None,
        bad: BadLines | None = None,
        threads_only: bool = False,
    ) -> Iterator[PageSummary]:
        for index, thread in enumerate(self.threads):
            yield summary_of(thread, index)

    def load(self, selector: int | str) -> Thread:
        number, key = parse_selector(selector)
        if number is not None:
            if not 0 <= number < len(self.threads):
                raise InputError(
                    f"{self.source}: no {self.noun} {number}: the file has {len(self.threads)} (numbered from 0)"
                )
            return self.threads[number]
        for thread in self.threads:
            if key in (thread.meta.get("url"), str(thread.meta.get("id", "")), thread.source):
                return thread
        raise InputError(f"{self.source}: no {self.noun} with url or id {key!r}")


def parse_selector(selector: int | str) -> tuple[int | None, str | None]:
    """A number (an int, or a string of ASCII digits) or a url/id."""
    if isinstance(selector, int):
        return selector, None
    text = selector.strip()
    return (int(text), None) if text.isascii() and text.isdigit() else (None, text)


def totals(collection: Collection, *, progress: ProgressBytes | None = None) -> dict[str, Any]:
    """Counts over a whole collection (for `thread-explorer stats FILE`): entries, entries with threads, and the
    comments, replies and placeholders in them, with how many pages put markers before or after bodies; "bad"
    is the BadLines of the lines skipped."""
    bad = BadLines()
    result: dict[str, Any] = {
        "pages": 0, "pages_with_markers": 0, "comments": 0, "replies": 0, "placeholders": 0,
        "markers_before": 0, "markers_after": 0, "bad": bad,
    }  # fmt: skip
    for summary in collection.summaries(progress=progress, bad=bad, threads_only=True):
        result["pages"] += 1
        if not summary.has_markers:
            continue
        result["pages_with_markers"] += 1
        result["comments"] += summary.comments
        result["replies"] += summary.replies
        result["placeholders"] += summary.placeholders
        if summary.marker_position is not None:
            result[f"markers_{summary.marker_position}"] += 1
    return result
