"""The page list: one row per page of a dataset file, filled by a streaming scan, with a filter and fuzzy search.

The scan runs in a thread worker and hands rows over in batches, so the first pages show at once and the screen
never freezes; a progress bar follows the bytes read. `m` toggles "only pages with reply markers" (on at first),
`/` searches urls and titles as you type (rapidfuzz, in a worker, best first), `enter` posts
`PageListScreen.Open` for the app to open that page in the explorer; when the app pops the explorer, this screen
is as it was, cursor included. Bad lines the scan skipped (a corrupt record, a truncated last line) are counted
in the status line; only an error that stops the scan gets a "Scan stopped" notification. The rows are drawn by `PageRows`, which renders only the lines on screen, so a
list of a million pages filters and scrolls as fast as one of ten.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import ClassVar

from rapidfuzz import fuzz, process, utils
from rich.style import Style
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Footer, Header, Input, Label, ProgressBar, Static
from textual.worker import get_current_worker

from thread_explorer.core.collection import BadLines, Collection, PageSummary
from thread_explorer.core.errors import InputError
from thread_explorer.core.textsafe import printable
from thread_explorer.core.wording import plural

from ..keys import bindings

BATCH_SECONDS = 0.1  # how often the scan worker hands rows to the screen
SEARCH_CUTOFF = 60.0
NUMBERS = ((" comments", 9), ("replies", 8), ("missing", 8))
MARKERS_WIDTH = 8


def _one_line(text: str, limit: int) -> str:
    """Terminal-safe text on one line, cut to `limit` cells with an ellipsis."""
    flat = " ".join(printable(text[: limit * 2 + 2]).split())
    return flat if len(flat) <= limit else flat[: max(0, limit - 1)] + "…"


def _columns(width: int, index_width: int) -> tuple[int, int]:
    """Widths of the number column and the page column for a row `width` cells wide."""
    fixed = index_width + 2 + sum(w + 1 for _, w in NUMBERS) + 1 + MARKERS_WIDTH
    return index_width, max(10, width - fixed)


def _header(width: int, index_width: int) -> str:
    number, page = _columns(width, index_width)
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
        number, page = _columns(width, self.index_width)
        dim = self.get_component_rich_style("page-rows--dim", partial=True)
        plain = Style() if summary.has_markers else dim
        text = Text(no_wrap=True, end="")
        text.append(f"{summary.index:>{number}}  ", style=dim)
        text.append(f"{_one_line(summary.label, page):<{page}}", style=plain)
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


class PageListScreen(Screen[None]):
    """Pages of a dataset file with their comment counts; pick one to explore it."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("page-list")

    @dataclass
    class Open(Message):
        """Open entry `index` (numbered from 0) of the collection in the explorer; `label` names it."""

        index: int
        label: str

    @dataclass
    class ScanFinished(Message):
        """The scan ended: how many pages, how many with reply markers, the error if it stopped early, and what
        it skipped ("2 bad lines skipped (first: line 4)", "" when nothing)."""

        pages: int
        with_markers: int
        error: str | None = None
        skipped: str = ""

    @dataclass
    class _Rows(Message, bubble=False):
        summaries: list[PageSummary]
        done: int
        total: int

    @dataclass
    class _Ranked(Message, bubble=False):
        query: str
        positions: list[int]

    def __init__(self, collection: Collection, *, title: str | None = None) -> None:
        """List the entries of a collection (a dataset's pages, the threads of a many-thread file)."""
        super().__init__()
        self.collection = collection
        self.title = _one_line(title or os.path.basename(collection.source) or collection.source, 200)
        self.summaries: list[PageSummary] = []
        self.marked = 0
        self.only_markers = True
        self.search_query = ""
        self.matches = 0
        self.scanning = True
        self.error: str | None = None
        self.skipped = ""  # bad lines the scan skipped, as the status line says it
        self._started = time.monotonic()
        self._elapsed: float | None = None
        self._focus_pending = False  # `/` was pressed and the search field has not got the focus yet

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder="fuzzy search urls and titles (enter: back to the list, esc: clear)", id="page-search"
        )
        yield Static("", id="page-columns")
        yield PageRows(id="pages")
        yield Static("", id="page-title")
        with Horizontal(id="page-progress"):
            yield Label("scanning ")
            yield ProgressBar(total=None, show_eta=True, id="page-bar")
        yield Static("", id="page-status")
        yield Footer()

    @property
    def rows(self) -> PageRows:
        """The list widget."""
        return self.query_one(PageRows)

    def current_summary(self) -> PageSummary | None:
        """The page under the cursor, or None when the list is empty."""
        return self.rows.current

    def on_mount(self) -> None:
        self.query_one("#page-search", Input).display = False
        self.rows.empty_text = "Scanning… pages with reply markers show here as they are found."
        self.rows.focus()
        self._update_status()
        self._scan()

    def on_resize(self, event: events.Resize) -> None:
        self._update_columns()

    def _update_columns(self) -> None:
        rows = self.rows
        self.query_one("#page-columns", Static).update(
            Text(_header(max(1, rows.scrollable_content_region.width), rows.index_width), no_wrap=True)
        )

    # ------------------------------------------------------------------ the scan
    @work(thread=True, exclusive=True, group="scan")
    def _scan(self) -> None:
        """Stream summaries from the file, handing them over in batches with the bytes read so far."""
        worker = get_current_worker()
        batch: list[PageSummary] = []
        state = {"done": 0, "total": 0}
        last = time.monotonic()

        def progress(done: int, total: int) -> None:
            state["done"], state["total"] = done, total

        pages = with_markers = 0
        error = None
        bad = BadLines()
        try:
            for summary in self.collection.summaries(progress=progress, bad=bad):
                if worker.is_cancelled:
                    return
                pages += 1
                with_markers += summary.has_markers
                batch.append(summary)
                if time.monotonic() - last >= BATCH_SECONDS:
                    self.post_message(self._Rows(batch, state["done"], state["total"]))
                    batch, last = [], time.monotonic()
        except InputError as exc:
            error = str(exc)
        except Exception as exc:  # noqa: BLE001 - a bug must not kill the app: show it in the status line
            error = f"cannot scan {self.collection.source}: {type(exc).__name__}: {exc}"
        self.post_message(self._Rows(batch, state["done"], state["total"]))
        self.post_message(self.ScanFinished(pages, with_markers, error, str(bad)))

    @on(_Rows)
    def _add_rows(self, message: _Rows) -> None:
        start = len(self.summaries)
        self.summaries.extend(message.summaries)
        self.marked += sum(1 for s in message.summaries if s.has_markers)
        if message.total:
            self.query_one("#page-bar", ProgressBar).update(total=message.total, progress=message.done)
        if self.search_query.strip():
            self._search(self.search_query)  # a search ranks everything: redo it with the new rows
        else:
            self.rows.add_rows([s for s in self.summaries[start:] if self._visible(s)])
        self._update_columns()
        self._update_status()

    @on(ScanFinished)
    def _scan_finished(self, message: ScanFinished) -> None:
        self.scanning = False
        self._elapsed = time.monotonic() - self._started
        self.error = message.error
        self.skipped = message.skipped
        self.query_one("#page-progress").add_class("-done")
        self._update_empty_text()
        if message.error:
            self.notify(
                _one_line(message.error, 500),
                title="Scan stopped",
                severity="error",
                timeout=10,
                markup=False,
            )
        self._update_status()

    def _update_empty_text(self) -> None:
        """What the list says when it shows no row: still scanning, no match for the search, no page with
        replies (m lists them all), or an empty file."""
        query = self.search_query.strip()
        if query:
            text = f"No page matches “{_one_line(query, 40)}”: esc clears the search."
            if self.only_markers and self.marked < len(self.summaries):
                text += " (Only pages with replies are searched: m searches every page.)"
        elif self.scanning:
            text = "Scanning… pages with reply markers show here as they are found."
        elif self.only_markers and self.summaries and not self.marked:
            text = "No page in this file has reply markers: press m to list every page."
        else:
            text = "No pages."
        self.rows.empty_text = text
        self.rows.refresh()

    # ------------------------------------------------------------------ filter and search
    def _visible(self, summary: PageSummary) -> bool:
        return summary.has_markers or not self.only_markers

    def _refilter(self, positions: list[int] | None = None) -> None:
        """Show the pages the filter (and the search, when `positions` is given) let through; keep the place."""
        current = self.rows.current
        if positions is None:
            shown = [s for s in self.summaries if self._visible(s)]
        else:
            shown = [self.summaries[n] for n in positions]
        self.rows.set_rows(shown, keep=current.index if current is not None else None)
        self._update_status()

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str) -> None:
        """Rank the visible pages against the query in a worker; the result comes back as a message."""
        summaries = self.summaries[:]  # the list only grows: a snapshot is enough
        positions = [n for n, s in enumerate(summaries) if self._visible(s)]
        ranked = rank_pages(summaries, positions, query)
        if not get_current_worker().is_cancelled:
            self.post_message(self._Ranked(query, ranked))

    @on(_Ranked)
    def _ranked(self, message: _Ranked) -> None:
        if message.query != self.search_query:
            return
        self.matches = len(message.positions)
        self._refilter(message.positions)
        self._update_empty_text()
        if self.rows.rows:
            self.rows.move_to(0)

    def action_toggle_markers(self) -> None:
        """Show only pages with reply markers, or every page."""
        self.only_markers = not self.only_markers
        if self.search_query.strip():
            self._search(self.search_query)
        else:
            self._refilter()

    def action_search(self) -> None:
        field = self.query_one("#page-search", Input)
        field.display = True
        self._focus_pending = True
        field.focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._focus_pending = False

    def action_leave_search(self) -> None:
        """Clear the search and go back to the list, keeping the page under the cursor."""
        field = self.query_one("#page-search", Input)
        if self.search_query or field.display:
            field.display = False
            with field.prevent(Input.Changed):
                field.value = ""
            self.workers.cancel_group(self, "search")
            self.search_query = ""
            self._refilter()
            self._update_empty_text()
        self.rows.focus()

    def on_key(self, event: events.Key) -> None:
        """`/` opens the search at once, and keys typed before the field has the focus still go into it."""
        field = self.query_one("#page-search", Input)
        if (
            event.character == "/" and not field.has_focus
        ):  # open now: the binding would run after queued keys
            event.stop()
            event.prevent_default()
            self.action_search()
        elif self._focus_pending and not field.has_focus and event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            field.insert_text_at_cursor(event.character)
            field.focus()

    @on(Input.Changed, "#page-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.search_query = event.value
        if event.value.strip():
            self._search(event.value)
        else:
            self.workers.cancel_group(self, "search")
            self._refilter()

    @on(Input.Submitted, "#page-search")
    def _search_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.rows.focus()

    # ------------------------------------------------------------------ rows
    @on(PageRows.Highlighted)
    def _highlighted(self, event: PageRows.Highlighted) -> None:
        text = Text(_one_line(event.summary.title, 300) if event.summary is not None else "", no_wrap=True)
        self.query_one("#page-title", Static).update(text)

    @on(PageRows.Selected)
    def _selected(self, event: PageRows.Selected) -> None:
        event.stop()
        self.post_message(self.Open(event.summary.index, event.summary.label))

    def _update_status(self) -> None:
        status = Text(no_wrap=True)
        status.append(f"{plural(len(self.summaries), 'page')} · {self.marked:,} with replies", style="bold")
        status.append(
            " · scanning…" if self._elapsed is None else f" · scanned in {self._elapsed:.1f} s", style="dim"
        )
        status.append(
            " · showing "
            + ("pages with replies (m: all)" if self.only_markers else "all pages (m: only with replies)"),
            style="dim",
        )
        if self.search_query.strip():
            status.append(f" · search “{_one_line(self.search_query, 30)}”: {plural(self.matches, 'match')}")
        if self.skipped:
            status.append(f" · {self.skipped}", style="yellow")
        if self.error:
            status.append(f" · {self.error}", style="red")
        self.query_one("#page-status", Static).update(status)
        self.sub_title = f"{len(self.summaries):,} pages · {self.marked:,} with replies"


def rank_pages(summaries: list[PageSummary], positions: list[int], query: str) -> list[int]:
    """Positions whose url/id or title fuzzily match the query, best first (ties in file order).

    A page scores the best of rapidfuzz's WRatio and partial_ratio over its label and over its title:
    partial_ratio finds a word inside a long url, WRatio forgives misspellings across several words.
    """
    best: dict[int, float] = {}
    for field in ("label", "title"):
        choices = {n: getattr(summaries[n], field) for n in positions}
        for scorer in (fuzz.WRatio, fuzz.partial_ratio):
            for _, score, n in process.extract(
                query,
                choices,
                scorer=scorer,
                processor=utils.default_process,
                limit=None,
                score_cutoff=SEARCH_CUTOFF,
            ):
                best[n] = max(score, best.get(n, 0.0))
    return sorted(best, key=lambda n: (-best[n], n))
