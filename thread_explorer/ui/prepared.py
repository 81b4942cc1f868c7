"""A thread ready to show: its outline and counts, built once (in the loading thread for big inputs)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from thread_explorer.core.gcpolicy import collector_paused
from thread_explorer.core.model import Thread
from thread_explorer.core.wording import plural

from .outline import Outline

__all__ = ["Prepared", "counts_line"]


@dataclass
class Prepared:
    """A thread with its outline (the tree view's arrays) and its counts (`Thread.stats`)."""

    thread: Thread
    outline: Outline
    stats: dict[str, Any]

    @classmethod
    def build(cls, thread: Thread) -> Prepared:
        """Build the outline and counts for a thread."""
        with collector_paused():  # arrays over every comment: nothing for the collector to find
            stats = thread.stats()
            stats["threads"] = len(thread.comments)  # a thread under a placeholder is a thread on screen too
            return cls(thread, Outline(thread), stats)


def counts_line(stats: dict[str, Any]) -> str:
    """The header's sub-title: `37 comments · 9 threads · 2 missing`."""
    parts = [plural(stats.get("comments", 0), "comment"), plural(stats.get("threads", 0), "thread")]
    if stats.get("placeholders"):
        parts.append(f"{stats['placeholders']:,} missing")
    if stats.get("authors"):
        parts.append(plural(stats["authors"], "author"))
    return " · ".join(parts)
