"""The rows of a page list: one row per entry of a collection, drawn line by line (only the lines on screen), so
a list of a million pages scrolls as fast as one of ten."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from thread_explorer.core.collection import PageSummary
from thread_explorer.core.textsafe import one_line

from ..keys import bindings

NUMBERS = ((" comments", 9), ("replies", 8), ("missing", 8))
MARKERS_WIDTH = 8


def columns(width: int, index_width: int) -> tuple[int, int]:
    """Widths of the number column and the page column for a row `width` cells wide."""
    fixed = index_width + 2 + sum(w + 1 for _, w in NUMBERS) + 1 + MARKERS_WIDTH
    return index_width, max(10, width - fixed)


def column_header(width: int, index_width: int) -> str:
    number, page = columns(width, index_width)
    cells = f"{'#':>{number}}  {'page':<{page}}" + "".join(f" {name.strip():>{w}}" for name, w in NUMBERS)
    return cells + f" {'markers':<{MARKERS_WIDTH}}"


class PageRows(ScrollView, can_focus=True):
    """The rows of the page list; renders only the lines on screen and moves a cursor over them."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "page-rows--cursor",
        "page-rows--dim",
        "page-rows--missing",
        "page-rows--empty",
    }
    BINDINGS: ClassVar[list[BindingType]] = bindings("pages")

    @dataclass
    class Highlighted(Message):
        """The cursor moved to this page (None: the list is empty)."""

        summary: PageSummary | None

    @dataclass
    class Selected(Message):
        """Enter or a double click on this page."""

        summary: PageSummary

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[PageSummary] = []
        self.cursor = 0
        self.empty_text = "No pages yet."
        self.index_width = 5

    # ------------------------------------------------------------------ content
    def set_rows(self, rows: list[PageSummary], *, keep: int | None = None) -> None:
        """Show these rows; the cursor goes to page `keep` if it is among them, else to the first row."""
        self.rows = rows
        self.cursor = next((n for n, s in enumerate(rows) if s.index == keep), 0) if keep is not None else 0
        self._resized()
        self._scroll_to_cursor(center=True)
        self.refresh()
        self.post_message(self.Highlighted(self.current))

    def add_rows(self, rows: list[PageSummary]) -> None:
        """Append rows (the scan found more pages); the cursor stays where it is."""
        first = not self.rows
        self.rows.extend(rows)
        self._resized()
        self.refresh()
        if first and self.rows:
            self.post_message(self.Highlighted(self.current))

    @property
    def current(self) -> PageSummary | None:
        """The page under the cursor."""
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def _resized(self) -> None:
        last = max((s.index for s in self.rows[-1:]), default=0)
        self.index_width = max(self.index_width, len(str(last)))
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))

    def on_resize(self, event: events.Resize) -> None:
        self._resized()
        self._scroll_to_cursor()

    # ------------------------------------------------------------------ drawing
    def render_line(self, y: int) -> Strip:
        width = max(1, self.scrollable_content_region.width)
        row = int(self.scroll_offset.y) + y
        base = self.rich_style
        if row >= len(self.rows):
            if row == 0:
                style = base + self.get_component_rich_style("page-rows--empty", partial=True)
                return self._strip(Text(self.empty_text, style=style), width, base)
            return Strip.blank(width, base)
        summary = self.rows[row]
        number, page = columns(width, self.index_width)
        dim = self.get_component_rich_style("page-rows--dim", partial=True)
        plain = Style() if summary.has_markers else dim
        text = Text(no_wrap=True, end="")
        text.append(f"{summary.index:>{number}}  ", style=dim)
        text.append(f"{one_line(summary.label, page, ellipsis=True):<{page}}", style=plain)
        for value, (_, w) in zip((summary.comments, summary.replies), NUMBERS):
            text.append(f" {value:>{w},}", style=plain)
        missing = f"{summary.placeholders:,}" if summary.placeholders else ""
        text.append(
            f" {missing:>{NUMBERS[2][1]}}",
            style=self.get_component_rich_style("page-rows--missing", partial=True),
        )
        text.append(f" {summary.marker_position or '':<{MARKERS_WIDTH}}", style=plain)
        if row == self.cursor:
            text.stylize(self.get_component_rich_style("page-rows--cursor", partial=True))
        return self._strip(text, width, base)

    def _strip(self, text: Text, width: int, base: Style) -> Strip:
        text.truncate(width, overflow="ellipsis", pad=True)
        return (
            Strip(list(text.render(self.app.console)), text.cell_len)
            .crop_extend(0, width, base)
            .apply_style(base)
        )

    # ------------------------------------------------------------------ moving
    def move_to(self, row: int) -> None:
        """Put the cursor on a row (clamped), scroll it into view and announce it."""
        if not self.rows:
            return
        row = max(0, min(row, len(self.rows) - 1))
        if row == self.cursor:
            return
        old, self.cursor = self.cursor, row
        self.refresh_line(old)
        self.refresh_line(row)
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self.current))

    def _scroll_to_cursor(self, *, center: bool = False) -> None:
        height = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_offset.y)
        if center and not top <= self.cursor < top + height:
            self.scroll_to(y=max(0, self.cursor - height // 2), animate=False)
        elif self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    def action_move(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(1, self.scrollable_content_region.height - 1))

    def action_edge(self, last: int) -> None:
        self.move_to(len(self.rows) - 1 if last else 0)

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self.current))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = int(self.scroll_offset.y) + offset.y
        if 0 <= row < len(self.rows):
            self.focus()
            self.move_to(row)
            if getattr(event, "chain", 1) >= 2:
                self.action_select()
