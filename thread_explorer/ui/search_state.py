"""The tree's search and filters as a plain object: the query and its matches, "only matches", "only this author".

The tree view holds one `SearchState` and asks it where to go; the state works on the outline alone (no Textual),
so every rule here can be tested without a screen. Methods that move say where to (a node, or -1) and what to
tell the user ("" for nothing).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from thread_explorer.core.textsafe import one_line

from .outline import Outline

__all__ = ["SearchState"]


@dataclass
class SearchState:
    """Matches (node indices in page order), the match filter, the author filter, and the fold state and selection
    from before the search (so that typing a query leaves no trail of opened threads)."""

    query: str = ""
    matches: list[int] = field(default_factory=list)
    match_set: frozenset[int] = frozenset()
    filtering: bool = False
    author: str | None = None
    wanted_nodes: frozenset[int] | None = None  # what the filters ask for (None: no filter)
    before: tuple[bytearray, int] | None = None  # folds and cursor from before the search, while typing

    def is_match(self, node: int) -> bool:
        """True when the node matches the current search."""
        return node in self.match_set

    def wanted(self, node: int) -> bool:
        """True when the node is one the active filters ask for (not just an ancestor shown for context)."""
        return self.wanted_nodes is None or node in self.wanted_nodes

    def position(self, node: int) -> int | None:
        """The node's 1-based place among the matches, or None when it is not one."""
        if node not in self.match_set:
            return None
        return bisect_left(self.matches, node) + 1

    def set_results(self, query: str, matches: list[int]) -> None:
        """A search's results (page order)."""
        self.query, self.matches, self.match_set = query, matches, frozenset(matches)

    def clear(self) -> bool:
        """Forget the query, its matches and the match filter; True when the match filter was on."""
        had_filter = self.filtering
        self.query, self.matches, self.match_set, self.filtering = "", [], frozenset(), False
        return had_filter

    # ------------------------------------------------------------------ filters
    def apply_filters(self, outline: Outline, cursor: int) -> int:
        """Show what the author filter and the match filter both ask for (and its ancestors, as context); the
        new cursor: the same when still shown, else the nearest wanted comment (never a context row by someone
        else); when nothing is left it stays (the tree says why), so dropping a filter brings it back."""
        wanted: list[int] | None = None
        if self.author is not None:
            wanted = outline.by_author(self.author)
        if self.filtering:
            match_set = self.match_set
            wanted = self.matches if wanted is None else [n for n in wanted if n in match_set]
        outline.set_filter(wanted)
        self.wanted_nodes = None if wanted is None else frozenset(wanted)
        if cursor >= 0:
            if wanted and not outline.shown(cursor):
                k = bisect_left(wanted, cursor)
                cursor = wanted[k] if k < len(wanted) else wanted[-1]
            if outline.shown(cursor):
                outline.reveal(cursor)
        return cursor

    def nothing_left_notice(self, outline: Outline) -> str:
        """What to say when the filters leave no row ("" when they leave some, or there are none)."""
        if self.wanted_nodes is None or self.wanted_nodes:
            return ""
        if self.filtering and self.author is not None:
            return "no comment matches both filters"
        return "nothing to show: " + self.empty_lines(outline)[-1]

    def empty_lines(self, outline: Outline) -> list[str]:
        """What the tree says when it shows no row: an empty thread, or filters that leave nothing (with the
        keys that drop them)."""
        if outline.mask is None or not outline.nodes:
            return ["This thread has no comments."]
        author = one_line(self.author or "", 30)
        if self.filtering and self.author is not None:
            return [
                "No comment matches both filters:",
                f"none by {author} matches the search.",
                "esc: leave the search · a: every author · f: all comments",
            ]
        if self.filtering:
            return ["No comment matches the search.", "f: all comments · esc: leave the search"]
        return [f"No comment by {author}.", "a: every author"]

    # ------------------------------------------------------------------ stepping
    def match_target(self, outline: Outline, cursor: int, step: int) -> tuple[int, str]:
        """The next (`step` > 0) or previous shown match from the cursor, in page order, and a remark: why there
        is none, or that the step wrapped past the last (first) match."""
        nodes = [n for n in self.matches if outline.shown(n)] if outline.mask is not None else self.matches
        if not nodes:
            if not self.query:
                return -1, "No search: press / first"
            if self.matches:
                if self.author:
                    return -1, f"No match by {one_line(self.author, 30)} (a: every author)"
                return -1, "No match is shown"
            return -1, "No matches"
        if step > 0:
            k = bisect_right(nodes, cursor)
            wrapped = k == len(nodes)
            target = nodes[k % len(nodes)]
            note = "search wrapped: back to the first match" if wrapped and len(nodes) > 1 else ""
        else:
            k = bisect_left(nodes, cursor) - 1
            wrapped = k < 0
            target = nodes[k % len(nodes)]
            note = "search wrapped: on to the last match" if wrapped and len(nodes) > 1 else ""
        if len(nodes) == 1 and target == cursor:
            note = "the only match"
        return target, note

    @staticmethod
    def author_target(outline: Outline, cursor: int, author: str) -> tuple[int, str]:
        """The next shown comment by `author` after the cursor (wrapping), or -1 and why not."""
        nodes = [n for n in outline.by_author(author) if outline.shown(n)]
        k = bisect_right(nodes, cursor)
        target = nodes[k % len(nodes)] if nodes else -1
        if target < 0 or target == cursor:
            return -1, f"No other comment by {author}"
        return target, ""
