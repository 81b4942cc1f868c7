"""The comment tree as a Line API widget: only the rows on screen are rendered, over the outline's row list.

A key press changes the outline (a splice, or a rebuild from precomputed arrays for fold all / depth) and
refreshes the lines that changed; rendered rows are cached by everything that decides how they look.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from thread_explorer.core.model import Comment
from thread_explorer.core.search import highlight_spans

from ..keys import bindings
from ..outline import ARTICLE_KIND, Outline
from ..rows import GUIDE_WIDTH, RowStyles, guide_prefix, render_row
from ..search_state import SearchState

HISTORY_LIMIT = 500


class ThreadView(ScrollView, can_focus=True):
    """A keyboard- and mouse-driven tree of comments that stays fast at 100,000 comments."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("tree")

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "thread-view--cursor",
        "thread-view--cursor-focused",
        "thread-view--guide",
        "thread-view--marker",
        "thread-view--author",
        "thread-view--meta",
        "thread-view--placeholder",
        "thread-view--article",
        "thread-view--match",
        "thread-view--context",
        "thread-view--empty",
        "thread-view--guess",
    }

    @dataclass
    class Selected(Message):
        """The selected comment changed (or the view was asked to announce it again)."""

        thread_view: ThreadView
        node: int
        comment: Comment

        @property
        def control(self) -> ThreadView:
            """The tree that sent it (for `@on` selectors)."""
            return self.thread_view

    @dataclass
    class StateChanged(Message):
        """Search, filter or row counts changed: what a status line shows."""

        thread_view: ThreadView
        rows: int
        query: str
        matches: int
        match_position: int | None
        filtering: bool
        author: str | None

        @property
        def control(self) -> ThreadView:
            """The tree that sent it (for `@on` selectors)."""
            return self.thread_view

    @dataclass
    class Notice(Message):
        """A short remark for the user (nothing to jump to, and so on)."""

        text: str

    @dataclass
    class Opened(Message):
        """Enter on an entry without replies (or the article): read it in the detail pane."""

        node: int

    def __init__(
        self,
        outline: Outline,
        *,
        now: float | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.outline = outline
        self.now = now
        self.cursor = outline.rows[0] if outline.rows else -1
        self.history: list[int] = []
        self.search = SearchState()
        self.absolute_time = False
        self._cache: LRUCache[tuple[object, ...], Strip] = LRUCache(maxsize=4096)
        self._generation = 0
        self._styles: RowStyles | None = None

    def set_outline(self, outline: Outline) -> None:
        """Show another outline of the same thread (a new sibling order), keeping what the user made of the
        view: the folds (so a depth view too), the search's matches, the match and author filters, and the
        selected comment; only the jump history starts afresh (its places were rows of the old order)."""
        old, chosen, search = self.outline, self.selected, self.search

        def carried(comment: Comment) -> int:
            """Its node in the new outline (each outline has its own article row, first)."""
            return 0 if comment.kind == ARTICLE_KIND else outline.index_of(comment)

        for node in (i for i, folded in enumerate(old.folded) if folded):
            outline.folded[carried(old.nodes[node])] = 1
        self.search = SearchState(filtering=search.filtering, author=search.author)
        self.search.set_results(search.query, sorted(carried(old.nodes[node]) for node in search.matches))
        self.outline = outline
        self.history.clear()
        self._generation += 1
        filtered = search.author is not None or search.filtering
        if chosen is None or not outline.nodes:
            outline.rebuild()
            self.cursor = outline.rows[0] if outline.rows else -1
        else:
            if not filtered:  # (the filters rebuild the rows themselves)
                outline.rebuild()
            self.cursor = carried(chosen)
        if filtered:
            self.cursor = self.search.apply_filters(outline, self.cursor)
        self._rows_changed()
        self._announce()

    def go_to(self, node: int) -> bool:
        """Select a node, unfolding its ancestors (a jump: backspace comes back); False when a filter hides it."""
        return self.select(node, jump=True)

    def set_time_format(self, *, absolute: bool) -> None:
        """Show dates (`absolute`) or ages in the rows."""
        if absolute != self.absolute_time:
            self.absolute_time = absolute
            self._generation += 1
            self.refresh()

    # ------------------------------------------------------------------ rendering
    def on_mount(self) -> None:
        self._sync_size()
        self._announce()

    def on_resize(self, event: events.Resize) -> None:
        self._sync_size()
        self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        self._generation += 1

    @property
    def row_width(self) -> int:
        """Cells available for a row."""
        return max(1, self.scrollable_content_region.width)

    def _sync_size(self) -> None:
        self.virtual_size = Size(self.row_width, len(self.outline.rows))

    def _row_styles(self) -> RowStyles:
        """Row part styles from the component classes: colours blended, backgrounds only where they mean
        something (cursor, match), so that the cursor background shows through the other parts."""
        if self._styles is None:

            def part(name: str, *, background: bool = False) -> Style:
                full = self.get_component_rich_style(f"thread-view--{name}")
                return Style(
                    color=full.color,
                    bgcolor=full.bgcolor if background else None,
                    bold=full.bold,
                    italic=full.italic,
                    underline=full.underline,
                    dim=full.dim,
                )

            self._styles = RowStyles(
                base=self.rich_style,
                cursor=part("cursor-focused" if self.has_focus else "cursor", background=True),
                guide=part("guide"),
                marker=part("marker"),
                author=part("author"),
                meta=part("meta"),
                placeholder=part("placeholder"),
                article=part("article"),
                match=part("match", background=True),
                context=part("context"),
                guess=part("guess"),
            )
        return self._styles

    def on_focus(self) -> None:
        self._styles = None
        self._refresh_node(self.cursor)

    def on_blur(self) -> None:
        self._styles = None
        self._refresh_node(self.cursor)

    def render_line(self, y: int) -> Strip:
        """The strip for screen line y: the row at scroll offset + y, from the cache when nothing changed."""
        rows = self.outline.rows
        index = self.scroll_offset.y + y
        width = self.row_width
        if index >= len(rows):
            if not rows:
                lines = self.search.empty_lines(self.outline)
                if index < len(lines):
                    style = self.get_component_rich_style("thread-view--empty")
                    return self._text_strip(lines[index], width, style)
            return Strip.blank(width, self.rich_style)
        node = rows[index]
        outline = self.outline
        is_match = self.search.is_match(node)
        context = outline.mask is not None and not self.search.wanted(node)
        selected = node == self.cursor
        key = (
            node,
            width,
            selected and self.has_focus,
            selected,
            outline.folded[node],
            is_match,
            context,
            self._generation,
        )
        strip = self._cache.get(key)
        if strip is None:
            query = self.search.query
            highlight = (lambda text: highlight_spans(text, query)) if is_match else None
            text = render_row(
                outline,
                node,
                width,
                self._row_styles(),
                selected=selected,
                highlight=highlight,
                context=context,
                now=self.now,
                absolute=self.absolute_time,
            )
            strip = Strip(list(text.render(self.app.console)), text.cell_len).crop_extend(
                0, width, self.rich_style
            )
            self._cache[key] = strip
        return strip

    def _text_strip(self, message: str, width: int, style: Style) -> Strip:
        text = Text(message, style=style, no_wrap=True, end="")
        text.truncate(width, overflow="ellipsis", pad=True)
        return Strip(list(text.render(self.app.console)), width)

    # ------------------------------------------------------------------ moving
    @property
    def selected(self) -> Comment | None:
        """The selected comment (the article stand-in included), or None for an empty thread."""
        return self.outline.nodes[self.cursor] if self.cursor >= 0 else None

    def select(self, node: int, *, jump: bool = False) -> bool:
        """Select a node, unfolding its ancestors if needed; `jump` records where we came from for `back`."""
        outline = self.outline
        if node < 0 or node >= len(outline) or not outline.shown(node):
            return False
        before = len(outline.rows)
        outline.reveal(node)
        if jump and self.cursor >= 0 and node != self.cursor:
            self.history.append(self.cursor)
            del self.history[:-HISTORY_LIMIT]
        old, self.cursor = self.cursor, node
        if len(outline.rows) != before:
            self._rows_changed()
        else:
            self._refresh_node(old)
            self._refresh_node(node)
            self._scroll_to_cursor()
        if old != node:
            self._announce()
        return True

    def _select_row(self, row: int) -> None:
        rows = self.outline.rows
        if rows:
            self.select(rows[max(0, min(row, len(rows) - 1))])

    def _cursor_row(self) -> int:
        row = self.outline.row_of(self.cursor) if self.cursor >= 0 else None
        return 0 if row is None else row

    def _refresh_node(self, node: int) -> None:
        row = self.outline.row_of(node) if node >= 0 else None
        if row is not None:
            self.refresh_line(row)

    def _scroll_to_cursor(self) -> None:
        if self.cursor < 0:
            return
        row = self._cursor_row()
        height = max(1, self.scrollable_content_region.height)
        margin = min(2, (height - 1) // 2)
        top = int(self.scroll_offset.y)
        if not top - height < row < top + 2 * height:  # a far jump: show the target mid-screen, with context
            self.scroll_to(y=max(0, row - height // 3), animate=False)
        elif row - margin < top:
            self.scroll_to(y=max(0, row - margin), animate=False)
        elif row + margin >= top + height:
            self.scroll_to(y=row + margin - height + 1, animate=False)

    def _rows_changed(self) -> None:
        """Rows were spliced or rebuilt: resize the virtual space, keep the cursor valid and on screen."""
        outline = self.outline
        if self.cursor >= 0 and outline.row_of(self.cursor) is None:
            self._move_cursor_to_visible()
        self._sync_size()
        self._scroll_to_cursor()
        self.refresh()
        self._announce_state()

    def _move_cursor_to_visible(self) -> None:
        """After a fold or filter hid the cursor: its nearest shown ancestor, else the nearest row."""
        outline = self.outline
        for up in reversed(outline.ancestors(self.cursor)):
            if outline.row_of(up) is not None:
                self.cursor = up
                self._announce()
                return
        if outline.rows:
            k = min(bisect_left(outline.rows, self.cursor), len(outline.rows) - 1)
            self.cursor = outline.rows[k]
        elif outline.mask is None:
            self.cursor = -1
        else:  # the filters leave nothing: the selection stays (detail pane too) until a filter goes
            return
        self._announce()

    def _notice(self, text: str) -> None:
        self.post_message(self.Notice(text))

    def _announce(self) -> None:
        if self.cursor >= 0:
            self.post_message(self.Selected(self, self.cursor, self.outline.nodes[self.cursor]))

    def _announce_state(self) -> None:
        search = self.search
        self.post_message(
            self.StateChanged(
                self,
                len(self.outline.rows),
                search.query,
                len(search.matches),
                search.position(self.cursor),
                search.filtering,
                search.author,
            )
        )

    def action_cursor_down(self) -> None:
        self._select_row(self._cursor_row() + 1)

    def action_cursor_up(self) -> None:
        self._select_row(self._cursor_row() - 1)

    def action_page_down(self) -> None:
        self._select_row(self._cursor_row() + max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self._select_row(self._cursor_row() - max(1, self.scrollable_content_region.height - 1))

    def action_half_page(self, direction: int) -> None:
        """Half a screen down (1) or up (-1), as ctrl+d / ctrl+u in less and vim."""
        self._select_row(self._cursor_row() + direction * max(1, self.scrollable_content_region.height // 2))

    def action_first(self) -> None:
        if self.outline.rows:
            self.select(self.outline.rows[0], jump=True)

    def action_last(self) -> None:
        if self.outline.rows:
            self.select(self.outline.rows[-1], jump=True)

    def action_next_sibling(self) -> None:
        if self._nothing_to_move_from():
            return
        node = self.outline.next_sibling(self.cursor)
        while node >= 0 and not self.outline.shown(node):
            node = self.outline.next_sibling(node)
        if node < 0 or not self.select(node):
            self._notice("No next sibling")

    def action_previous_sibling(self) -> None:
        if self._nothing_to_move_from():
            return
        node = self.outline.prev_sibling[self.cursor]
        while node >= 0 and not self.outline.shown(node):
            node = self.outline.prev_sibling[node]
        if node < 0 or not self.select(node):
            self._notice("No previous sibling")

    def _thread_step(self, step: int) -> None:
        if self.cursor < 0:
            return
        roots = self.outline.roots
        k = bisect_right(roots, self.cursor) - 1
        if step < 0 and roots[k] != self.cursor:
            k += 1  # `{` inside a thread goes to its own top first
        k += step
        while 0 <= k < len(roots) and not self.outline.shown(roots[k]):
            k += step
        if 0 <= k < len(roots):
            self.select(roots[k], jump=True)
        else:
            self._notice("No more threads")

    def action_next_thread(self) -> None:
        self._thread_step(1)

    def action_previous_thread(self) -> None:
        self._thread_step(-1)

    def _nothing_to_move_from(self) -> bool:
        """True (and the user is told why) when there is no selection, or the filters show nothing."""
        if self.cursor < 0:
            self._notice("No comment selected")
        elif not self.outline.rows:
            self._notice("Nothing is shown: esc drops the filters")
        else:
            return False
        return True

    def action_parent(self) -> None:
        if self._nothing_to_move_from():
            return
        up = self.outline.parent[self.cursor]
        if up >= 0:
            self.select(up, jump=True)
        elif self.outline.nodes[self.cursor].kind == ARTICLE_KIND:
            self._notice("The article is the top: no parent")
        else:
            self._notice("Top-level comment: no parent")

    def action_back(self) -> None:
        if self._nothing_to_move_from():
            return
        while self.history:
            node = self.history.pop()
            if self.select(node):
                return
        self._notice("No earlier position")

    def _hidden_cursor(self) -> bool:
        """True when nothing is selected, or the selection is kept while the filters show nothing."""
        return self.cursor < 0 or not self.outline.rows

    def action_expand(self) -> None:
        if self._hidden_cursor() or not self.outline.has_children(self.cursor):
            return
        if self.outline.folded[self.cursor]:
            self._fold(unfold=True)
            return
        child = self.cursor + 1
        while child >= 0 and not self.outline.shown(child):
            child = self.outline.next_sibling(child)
        if child >= 0:
            self.select(child)

    def action_collapse(self) -> None:
        if self._hidden_cursor():
            return
        if self.outline.has_children(self.cursor) and not self.outline.folded[self.cursor]:
            self._fold(unfold=False)
        elif self.outline.parent[self.cursor] >= 0:
            self.select(self.outline.parent[self.cursor])

    # ------------------------------------------------------------------ folding
    def _fold(self, *, unfold: bool) -> None:
        outline = self.outline
        changed = outline.unfold(self.cursor) if unfold else outline.fold(self.cursor)
        if not changed:
            return
        row = self._cursor_row()
        self._sync_size()
        self.refresh_lines(row, max(1, self.scrollable_content_region.height))
        self._scroll_to_cursor()
        self._announce_state()

    def action_toggle_fold(self) -> None:
        if self._hidden_cursor():
            return
        if self.outline.has_children(self.cursor):
            self._fold(unfold=bool(self.outline.folded[self.cursor]))
        else:
            self.post_message(self.Opened(self.cursor))

    def toggle_node(self, node: int) -> None:
        """Fold or unfold a node (a click on its marker) and select it."""
        self.select(node)
        self.action_toggle_fold()

    def action_fold_all(self) -> None:
        self.outline.fold_all()
        self._rows_changed()

    def action_unfold_all(self) -> None:
        self.outline.unfold_all()
        self._rows_changed()

    def action_depth(self, levels: int) -> None:
        self.outline.show_depth(levels)
        self._rows_changed()

    # ------------------------------------------------------------------ mouse
    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = int(self.scroll_offset.y) + offset.y
        rows = self.outline.rows
        if not 0 <= row < len(rows):
            return
        node = rows[row]
        self.focus()
        marker = len(guide_prefix(self.outline, node, self.row_width))
        if event.chain == 2 or (
            marker <= offset.x < marker + GUIDE_WIDTH and self.outline.has_children(node)
        ):
            self.toggle_node(node)  # a double click folds, or reads a leaf, like enter
        else:
            self.select(node)

    # ------------------------------------------------------------------ search and filters
    def is_match(self, node: int) -> bool:
        """True when the node matches the current search."""
        return self.search.is_match(node)

    def set_search(self, query: str, matches: list[int], best: int | None) -> None:
        """Show search results while the user types: highlight `matches` (page order), select `best`.

        Threads opened to show an earlier keystroke's best match fold again first (the fold state and the
        selection from before the search are kept until `end_typing`), so typing leaves no trail of open threads.
        """
        outline, search = self.outline, self.search
        if search.before is None:
            search.before = (bytearray(outline.folded), self.cursor)
        else:
            folded, cursor = search.before
            if outline.folded != folded:
                outline.folded = bytearray(folded)
                outline.rebuild()
                self.cursor = cursor
        search.set_results(query, matches)
        self._generation += 1
        if search.filtering:
            self._apply_filters()
        if best is not None:
            self.select(best)
        elif search.before is not None:
            self.select(search.before[1])
        self._rows_changed()

    def end_typing(self) -> None:
        """The user is done typing (enter or escape): what is open now stays open."""
        self.search.before = None

    def clear_search(self) -> None:
        """Forget the query, its highlights and the match filter. Mid-typing (the query was erased) the folds
        and selection from before the search come back; after `end_typing` the selection stays."""
        search = self.search
        had_filter = search.clear()
        self._generation += 1
        if search.before is not None:
            folded, cursor = search.before
            search.before = None
            self.outline.folded = bytearray(folded)
            self.outline.rebuild()
            self.cursor = cursor
        if had_filter:
            self._apply_filters()
        self._rows_changed()
        self._announce()

    def _apply_filters(self) -> None:
        """Show what the filters ask for; the selection moves only when the filters hide it."""
        cursor = self.search.apply_filters(self.outline, self.cursor)
        self._generation += 1
        if cursor != self.cursor and self.outline.shown(cursor):
            self.cursor = cursor
            self._announce()
        self._rows_changed()
        notice = self.search.nothing_left_notice(self.outline)
        if notice:
            self._notice(notice)

    def action_toggle_filter(self) -> None:
        if not self.search.query:
            self._notice("Search first (/), then f shows only the matches")
            return
        self.search.filtering = not self.search.filtering
        self._apply_filters()

    def action_author_filter(self) -> None:
        search = self.search
        if search.author is not None:
            search.author = None
        else:
            author = self._selected_author()
            if author is None:
                return
            if not self.outline.by_author(author):
                self._notice(f"No comment by {author} in the input: this entry stands for a missing one")
                return
            search.author = author
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
        target, notice = self.search.author_target(self.outline, self.cursor, author)
        if target < 0:
            self._notice(notice)
            return
        self.select(target, jump=True)

    def _match_step(self, step: int) -> None:
        target, notice = self.search.match_target(self.outline, self.cursor, step)
        if target >= 0:
            self.select(target, jump=True)
            self._announce_state()
        if notice:
            self._notice(notice)

    def action_next_match(self) -> None:
        self._match_step(1)

    def action_previous_match(self) -> None:
        self._match_step(-1)
