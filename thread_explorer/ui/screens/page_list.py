"""The page list: one row per entry of a collection (a dataset's pages, a dump's threads), filled by a streaming
pass, with a filter and fuzzy search.

The pass runs in a thread worker and hands rows over in batches, so the first entries show at once and the
screen never freezes; a progress bar follows the bytes read. `m` toggles "only entries with threads" (on at
first), `/` searches urls and titles as you type (`core.search.rank_pages`, in a worker, best first), `enter`
posts `PageListScreen.Open` for the app to open that entry in the explorer; when the app pops the explorer, this
screen is as it was, cursor included. Bad lines the pass skipped are counted in the status line; only an error
that stops it gets a "Scan stopped" notification. The rows are drawn by `widgets.page_rows.PageRows`.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, ProgressBar, Static
from textual.worker import get_current_worker

from thread_explorer.core.collection import BadLines, Collection, PageSummary
from thread_explorer.core.errors import InputError
from thread_explorer.core.search import rank_pages
from thread_explorer.core.textsafe import one_line
from thread_explorer.core.wording import plural

from ..keys import bindings
from ..widgets.page_rows import PageRows, column_header
from ..widgets.title_bar import TitleBar

BATCH_SECONDS = 0.1  # how often the scan worker hands rows to the screen


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
        self.title = one_line(
            title or os.path.basename(collection.source) or collection.source, 200, ellipsis=True
        )
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
        yield TitleBar()
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
        self._update_status()  # (its wording fits the width)

    def _update_columns(self) -> None:
        rows = self.rows
        self.query_one("#page-columns", Static).update(
            Text(column_header(max(1, rows.scrollable_content_region.width), rows.index_width), no_wrap=True)
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
                one_line(message.error, 500, ellipsis=True),
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
            text = f"No page matches “{one_line(query, 40, ellipsis=True)}”: esc clears the search."
            if self.only_markers and self.marked < len(self.summaries):
                text += " (Only pages with threads are searched: m searches every page.)"
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
        text = Text(
            one_line(event.summary.title, 300, ellipsis=True) if event.summary is not None else "",
            no_wrap=True,
        )
        self.query_one("#page-title", Static).update(text)

    @on(PageRows.Selected)
    def _selected(self, event: PageRows.Selected) -> None:
        event.stop()
        self.post_message(self.Open(event.summary.index, event.summary.label))

    def _update_status(self) -> None:
        """The counts, the scan's time, what is shown, the search, bad lines and errors; at a narrow width the
        time goes first, then the wording of what is shown shrinks, so bad lines and errors stay whole."""
        field = self.query_one("#page-status", Static)
        width = field.size.width or 1_000
        counts = f"{plural(len(self.summaries), 'page')} · {self.marked:,} with threads"
        timing = " · scanning…" if self._elapsed is None else f" · scanned in {self._elapsed:.1f} s"
        shown = (
            ("pages with threads (m: all)", "m: all")
            if self.only_markers
            else ("all pages (m: only with threads)", "m: with threads")
        )
        tail: list[tuple[str, str]] = []
        if self.search_query.strip():
            query = one_line(self.search_query, 30, ellipsis=True)
            tail.append((f" · search “{query}”: {plural(self.matches, 'match')}", ""))
        if self.skipped:
            tail.append((f" · {self.skipped}", "yellow"))
        if self.error:
            tail.append((f" · {self.error}", "red"))
        room = width - len(counts) - sum(len(text) for text, _ in tail)
        middles = [time_part + showing for showing in (f" · showing {shown[0]}", f" · {shown[1]}")
                   for time_part in (timing, "")]  # fmt: skip
        status = Text(no_wrap=True, overflow="ellipsis")
        status.append(counts, style="bold")
        status.append(next((m for m in middles if len(m) <= room), middles[-1]), style="dim")
        for text, style in tail:
            status.append(text, style=style)
        field.update(status)
        self.sub_title = f"{len(self.summaries):,} pages · {self.marked:,} with threads"
