"""Search results, the match filter and the author filter of the tree view (a mixin of ThreadView).

Kept apart from the widget so that each file stays readable; the methods work on the view's outline and call
back into its selection and refresh methods.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from ..rows import one_line

if TYPE_CHECKING:
    from thread_explorer.core.model import Comment

    from ..outline import Outline


class TreeSearchMixin:
    """Matches (highlighted, stepped through in page order), `f` to show only them, `a` for one author."""

    outline: Outline
    cursor: int
    query: str
    matches: list[int]
    _match_set: frozenset[int]
    filtering: bool
    author: str | None
    _generation: int
    _before_search: tuple[bytearray, int] | None
    _wanted_nodes: frozenset[int] | None

    if TYPE_CHECKING:

        @property
        def selected(self) -> Comment | None: ...
        def select(self, node: int, *, jump: bool = False) -> bool: ...
        def refresh(self, *args: object, **kwargs: object) -> object: ...
        def _rows_changed(self) -> None: ...
        def _announce_state(self) -> None: ...
        def _notice(self, text: str) -> None: ...
        def _announce(self) -> None: ...

    def _wanted(self, node: int) -> bool:
        """True when the node is one the active filters ask for (not just an ancestor shown for context)."""
        return self._wanted_nodes is None or node in self._wanted_nodes

    def empty_lines(self) -> list[str]:
        """What the tree says when it shows no row: an empty thread, or filters that leave nothing (with the
        keys that drop them; the selection is kept meanwhile)."""
        if self.outline.mask is None or not self.outline.nodes:
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

    def is_match(self, node: int) -> bool:
        """True when the node matches the current search."""
        return node in self._match_set

    def set_search(self, query: str, matches: list[int], best: int | None) -> None:
        """Show search results while the user types: highlight `matches` (page order), select `best`.

        Threads opened to show an earlier keystroke's best match fold again first (the fold state and the
        selection from before the search are kept until `end_typing`), so typing leaves no trail of open threads.
        """
        outline = self.outline
        if self._before_search is None:
            self._before_search = (bytearray(outline.folded), self.cursor)
        else:
            folded, cursor = self._before_search
            if outline.folded != folded:
                outline.folded = bytearray(folded)
                outline.rebuild()
                self.cursor = cursor
        self.query = query
        self.matches = matches
        self._match_set = frozenset(matches)
        self._generation += 1
        if self.filtering:
            self._apply_filters()
        if best is not None:
            self.select(best)
        elif self._before_search is not None:
            self.select(self._before_search[1])
        self._rows_changed()

    def end_typing(self) -> None:
        """The user is done typing (enter or escape): what is open now stays open."""
        self._before_search = None

    def clear_search(self) -> None:
        """Forget the query, its highlights and the match filter. Mid-typing (the query was erased) the folds
        and selection from before the search come back; after `end_typing` the selection stays."""
        had_filter = self.filtering
        self.query, self.matches, self._match_set, self.filtering = "", [], frozenset(), False
        self._generation += 1
        if self._before_search is not None:
            folded, cursor = self._before_search
            self._before_search = None
            self.outline.folded = bytearray(folded)
            self.outline.rebuild()
            self.cursor = cursor
        if had_filter:
            self._apply_filters()
        self._rows_changed()
        self._announce()

    def _apply_filters(self) -> None:
        """Show what the author filter and the match filter both ask for (and its ancestors, as context).

        The selection stays when it is still shown; else it goes to the nearest wanted comment (never to a
        context row by someone else); when nothing is left it stays where it was (the tree says why and how to
        get out), so dropping a filter brings it back.
        """
        outline = self.outline
        wanted: list[int] | None = None
        if self.author is not None:
            wanted = outline.by_author(self.author)
        if self.filtering:
            wanted = self.matches if wanted is None else [n for n in wanted if n in self._match_set]
        outline.set_filter(wanted)
        self._wanted_nodes = None if wanted is None else frozenset(wanted)
        self._generation += 1
        cursor = self.cursor
        if cursor >= 0:
            if wanted and not outline.shown(cursor):
                k = bisect_left(wanted, cursor)
                cursor = wanted[k] if k < len(wanted) else wanted[-1]
            if outline.shown(cursor):
                outline.reveal(cursor)
                if cursor != self.cursor:
                    self.cursor = cursor
                    self._announce()
        self._rows_changed()
        if wanted is not None and not wanted:
            self._notice(
                "no comment matches both filters"
                if self.filtering and self.author is not None
                else "nothing to show: " + self.empty_lines()[-1]
            )

    def action_toggle_filter(self) -> None:
        if not self.query:
            self._notice("Search first (/), then f shows only the matches")
            return
        self.filtering = not self.filtering
        self._apply_filters()

    def action_author_filter(self) -> None:
        if self.author is not None:
            self.author = None
        else:
            author = self._selected_author()
            if author is None:
                return
            if not self.outline.by_author(author):
                self._notice(f"No comment by {author} in the input: this entry stands for a missing one")
                return
            self.author = author
        self._apply_filters()

    def _selected_author(self) -> str | None:
        """The selected comment's author, or None after telling the user why there is none."""
        comment = self.selected
        if comment is None:
            self._notice("No comment selected")
            return None
        if not comment.author:
            self._notice("This entry has no author")
            return None
        return comment.author

    def action_next_by_author(self) -> None:
        author = self._selected_author()
        if author is None:
            return
        nodes = [n for n in self.outline.by_author(author) if self.outline.shown(n)]
        k = bisect_right(nodes, self.cursor)
        target = nodes[k % len(nodes)] if nodes else -1
        if target < 0 or target == self.cursor:
            self._notice(f"No other comment by {author}")
            return
        self.select(target, jump=True)

    def _match_step(self, step: int) -> None:
        nodes = (
            [n for n in self.matches if self.outline.shown(n)]
            if self.outline.mask is not None
            else self.matches
        )
        if not nodes:
            if not self.query:
                self._notice("No search: press / first")
            elif self.matches:
                self._notice(
                    f"No match by {one_line(self.author or '', 30)} (a: every author)"
                    if self.author
                    else "No match is shown"
                )
            else:
                self._notice("No matches")
            return
        if step > 0:
            k = bisect_right(nodes, self.cursor) % len(nodes)
        else:
            k = (bisect_left(nodes, self.cursor) - 1) % len(nodes)
        self.select(nodes[k], jump=True)
        self._announce_state()

    def action_next_match(self) -> None:
        self._match_step(1)

    def action_previous_match(self) -> None:
        self._match_step(-1)
