"""One page record in, its thread out: the pure, picklable functions a corpus job maps over pages.

A page holds a thread when its text has an `In reply to ` line (a substring test, before any parse) and the
parse finds at least one reply or placeholder, the rule `scan` uses. `threads_of` gives the page's result as a
JSON-ready record, `comment_rows` one flat row per comment (for Parquet). Nothing here keeps state between
calls, so Dask, Ray or Spark can map them over partitions, and extract's worker processes call the same ones.
"""

from __future__ import annotations

from typing import Any

from ..core.datasets import page_of_record, page_thread
from ..core.datasets.records import record_text
from ..core.flatpage.writer import MARKER_PREFIX as MARKER
from ..core.formats.native import to_dict
from ..core.model import Comment, Thread

COMMENT_COLUMNS = (
    "source",
    "page",
    "url",
    "comment_id",
    "parent_id",
    "depth",
    "author",
    "time",
    "text",
    "attached_by",
    "placeholder",
)


def thread_of(
    record: dict[str, Any], *, source: str = "", page: int | None = None, markers: str = "auto"
) -> Thread | None:
    """The page's thread when it holds one (see the module docstring), else None; pages without the marker
    substring are never parsed. The thread's source is "SOURCE#PAGE" (as `--page` names it)."""
    text = record_text(record)
    if not text or MARKER not in text:
        return None
    name = f"{source}#{page}" if page is not None else source
    thread = page_thread(page_of_record(record, page or 0), source=name, markers=markers)
    if page is None:
        thread.meta.pop("page", None)  # not known: not 0
    stats = thread.stats()
    if not (stats["replies"] or stats["placeholders"]):
        return None
    return thread


def thread_record(thread: Thread, *, source: str, page: int | None) -> dict[str, Any]:
    """The output record of a threaded page: source, page, url, id and the thread-explorer/1 document."""
    return {
        "source": source,
        "page": page,
        "url": thread.meta.get("url"),
        "id": thread.meta.get("id"),
        "thread": to_dict(thread),
    }


def threads_of(
    record: dict[str, Any], *, source: str = "", page: int | None = None, markers: str = "auto"
) -> list[dict[str, Any]]:
    """`[{"source", "page", "url", "id", "thread"}]` for a page record (a dict with a `text` field, and
    usually `url` and `id`) that holds a thread, `[]` for any other: a flat-map for any engine. `source` and
    `page` name where the record came from (a shard's file name and the page's number in it)."""
    thread = thread_of(record, source=source, page=page, markers=markers)
    return [] if thread is None else [thread_record(thread, source=source, page=page)]


def comment_rows(thread: Thread, *, source: str, page: int | None) -> list[dict[str, Any]]:
    """One row per comment of the thread (placeholders too) in page order, with the columns of COMMENT_COLUMNS;
    depth is 0 for a top-level comment. Iterative: a chain thousands deep costs what a flat thread does."""
    url = thread.meta.get("url")
    rows: list[dict[str, Any]] = []
    stack: list[tuple[Comment, str | None, int]] = [(top, None, 0) for top in reversed(thread.comments)]
    while stack:
        comment, parent_id, depth = stack.pop()
        rows.append(
            {
                "source": source,
                "page": page,
                "url": url,
                "comment_id": comment.id,
                "parent_id": parent_id,
                "depth": depth,
                "author": comment.author,
                "time": comment.time,
                "text": comment.text,
                "attached_by": str(comment.attached_by),
                "placeholder": comment.placeholder,
            }
        )
        stack.extend((reply, comment.id, depth + 1) for reply in reversed(comment.replies))
    return rows
