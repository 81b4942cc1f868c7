"""A thread ready to show: its outline and the header's counts, built once (in the loading thread for big
inputs); the full statistics (`Thread.stats`, for the stats dialog) are built on first use."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from thread_explorer.core.gcpolicy import collector_paused
from thread_explorer.core.model import GONE_AUTHORS, Kind, Thread
from thread_explorer.core.wording import plural

from .outline import Outline

__all__ = ["Prepared", "counts_line", "header_counts"]


def header_counts(thread: Thread, outline: Outline) -> dict[str, int]:
    """What the header says (comments, threads, missing parents, authors), counted as `Thread.stats` counts them
    but from the outline's arrays: one pass over the comments instead of the full statistics."""
    nodes = outline.nodes
    placeholder = Kind.PLACEHOLDER
    stubs = set(outline.stubs)  # the article, stand-ins for missing parents, comments not loaded
    if any(nodes[i].author for i in stubs):  # a stand-in's author wrote nothing: not counted
        authors = {c.author for i, c in enumerate(nodes) if c.author and i not in stubs}
    else:
        authors = {c.author for c in nodes if c.author}
    return {
        "comments": outline.comment_count,
        "threads": thread.thread_count(),
        "placeholders": sum(1 for i in stubs if nodes[i].kind == placeholder),
        "authors": len(authors - GONE_AUTHORS),
    }


@dataclass
class Prepared:
    """A thread with its outline (the tree view's arrays) and its counts: `counts` for the header at once,
    `stats` (`Thread.stats` and the number of threads) when first asked for."""

    thread: Thread
    outline: Outline
    counts: dict[str, int]
    _stats: dict[str, Any] | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def build(cls, thread: Thread) -> Prepared:
        """Build the outline and the header's counts for a thread."""
        with collector_paused():  # arrays over every comment: nothing for the collector to find
            outline = Outline(thread)
            return cls(thread, outline, header_counts(thread, outline))

    @property
    def stats(self) -> dict[str, Any]:
        """The full statistics (`Thread.stats`, with `threads`), built once on first use (thread-safe: the
        explorer builds them in the background after the first paint)."""
        with self._lock:
            if self._stats is None:
                with collector_paused():
                    stats = self.thread.stats()
                stats["threads"] = self.counts["threads"]
                self._stats = stats
            return self._stats


def counts_line(stats: dict[str, Any]) -> str:
    """The header's sub-title: `37 comments · 9 threads · 2 missing`."""
    parts = [plural(stats.get("comments", 0), "comment"), plural(stats.get("threads", 0), "thread")]
    if stats.get("placeholders"):
        parts.append(f"{stats['placeholders']:,} missing")
    if stats.get("authors"):
        parts.append(plural(stats["authors"], "author"))
    return " · ".join(parts)
