"""The main screen: tree and detail side by side, a search line, a status line, header and footer.

The screen wires messages to widgets: the tree announces selection and state, the search line announces queries;
the screen runs searches in a worker and hands results down. Widgets never reach into each other.
"""

from __future__ import annotations

import re
import threading
import webbrowser
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from thread_explorer.core.export import export_thread
from thread_explorer.core.search import SearchIndex, highlight_spans
from thread_explorer.core.textsafe import one_line
from thread_explorer.core.wording import plural

from ..keys import bindings
from ..outline import ARTICLE_KIND, Outline, available_orders
from ..prepared import Prepared, counts_line
from ..settings import SPLITS, Settings
from ..status import StatusState, status_line
from ..widgets.detail import DetailPane, renders_markdown
from ..widgets.search_bar import SearchBar
from ..widgets.thread_view import ThreadView
from ..widgets.title_bar import TitleBar
from .export import ExportDone, ExportScreen
from .goto import GotoScreen, LinksScreen
from .stats import StatsScreen

LINK_RE = re.compile(r"https?://[^\s<>\"'\]\[)(]+", re.IGNORECASE)
COPY_LIMIT = 1_000_000  # characters of Markdown `y` puts on the clipboard at most; beyond, export with `e`
HOLD_KEYS_SECONDS = 2.0  # keys typed behind a search's enter wait at most this long for its results


def links_in(text: str) -> list[str]:
    """The web links of a text, each once, in order, without the punctuation that ends a sentence."""
    found = (match.group().rstrip(".,;:!?'\"") for match in LINK_RE.finditer(text))
    return list(dict.fromkeys(link for link in found if len(link) > len("https://")))


class ExplorerScreen(Screen[None]):
    """Browse one thread: the tree on the left, the selected comment in full on the right."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("screen")

    def __init__(
        self,
        prepared: Prepared,
        *,
        title: str,
        now: float | None = None,
        export_dir: Path | None = None,
        back: bool = False,
        settings: Settings | None = None,
    ) -> None:
        """`back`: opened from a page list, which escape returns to once there is no search or filter to leave;
        `settings`: what the app remembers between runs (the defaults, unsaved, when not given)."""
        super().__init__()
        self.settings = settings if settings is not None else Settings()
        self.export_dir = export_dir
        self.back = back
        self.prepared = prepared
        self.thread = prepared.thread
        self.outline = prepared.outline
        self.now = now
        self.title = one_line(title)  # a file name or url from the input
        self.sub_title = counts_line(prepared.counts)
        self._query = ""
        self._index: SearchIndex | None = None
        self._index_lock = threading.Lock()
        self._notice = ""
        self._shown_query = ""
        self._typing_pending = False  # `/` was pressed and the search field has not got the focus yet
        self._after_close: list[tuple[str, str | None]] = []  # keys typed behind enter/escape in the search
        self._holding_keys = False  # enter ended a search whose results are not in yet: later keys wait
        self._shown_results = ""  # the query whose results the tree shows

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="panes"):
            yield ThreadView(self.outline, now=self.now, id="tree")
            yield DetailPane(self.thread, now=self.now, op=self.outline.op_for, id="detail")
        bar = SearchBar(id="search")
        bar.display = False
        yield bar
        yield Static(Text(""), id="status")
        yield Footer()

    @property
    def thread_view(self) -> ThreadView:
        """The tree widget."""
        return self.query_one(ThreadView)

    @property
    def detail_pane(self) -> DetailPane:
        """The detail pane."""
        return self.query_one(DetailPane)

    def on_mount(self) -> None:
        settings = self.settings
        absolute = settings.absolute_for(self.thread.format)
        self.thread_view.set_time_format(absolute=absolute)
        pane = self.detail_pane
        pane.show_info, pane.absolute_time = settings.show_info, absolute
        self._apply_split()
        self.thread_view.focus()
        if not self.outline.rows:
            self.query_one(DetailPane).show(None)
        self._update_status()
        self.call_after_refresh(self._build_index)  # after the first paint, which it would slow down

    @work(thread=True, group="index")
    def _build_index(self) -> None:
        """Build the search index in the background as soon as the thread shows, so the first search does not
        wait for it (a search started meanwhile waits on the same lock instead of building it twice); it starts
        after the first paint, which would otherwise share the interpreter with it. The full statistics (the
        stats dialog's) follow, so that `S` does not wait for them either."""
        self.search_index()
        _ = self.prepared.stats

    # ------------------------------------------------------------------ messages from the tree
    @on(ThreadView.Selected)
    def _selected(self, event: ThreadView.Selected) -> None:
        self._show_detail()
        self._notice = ""
        self._update_status()

    def _show_detail(self) -> None:
        """Show the selected entry in the detail pane, search matches highlighted in its text."""
        tree = self.thread_view
        comment = tree.selected
        if comment is None:
            self.query_one(DetailPane).show(None)
            return
        spans = None
        if tree.search.query and tree.is_match(tree.cursor):
            spans = highlight_spans(comment.text, tree.search.query)
        self.query_one(DetailPane).show(comment, spans, below=self.outline.descendants(tree.cursor))

    @on(ThreadView.Opened)
    def _opened(self, event: ThreadView.Opened) -> None:
        self.query_one(DetailPane).focus()
        self._say("reading: space/b page, g/G top/end, esc back to the tree")

    @on(DetailPane.Closed)
    def _detail_closed(self, event: DetailPane.Closed) -> None:
        self.thread_view.focus()

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        """Leaving the detail pane (esc, tab, a click): its reading hint goes."""
        if self._notice.startswith("reading:") and not isinstance(event.widget, DetailPane):
            self._say("")

    @on(ThreadView.StateChanged)
    def _state_changed(self, event: ThreadView.StateChanged) -> None:
        if event.query != self._shown_query:  # highlights in the detail pane follow the search
            self._shown_query = event.query
            self._show_detail()
        self._update_status()

    @on(ThreadView.Notice)
    def _notice_posted(self, event: ThreadView.Notice) -> None:
        self._notice = event.text
        self._update_status()

    def _update_status(self) -> None:
        tree = self.thread_view
        search = tree.search
        state = StatusState(
            self.outline.shown_comments(),
            self.outline.comment_count,
            search.query,
            len(search.matches),
            search.position(tree.cursor),
            search.filtering,
            search.author,
            self._notice,
        )
        widget = self.query_one("#status", Static)
        width = widget.content_region.width or max(1, self.app.size.width - 2)
        widget.update(status_line(state, width))

    def on_resize(self, event: events.Resize) -> None:
        self._update_status()

    # ------------------------------------------------------------------ reading toggles (remembered)
    def action_toggle_info(self) -> None:
        pane = self.detail_pane
        pane.show_info = self.settings.show_info = not pane.show_info
        self.settings.save()
        pane.redraw()
        self._say("details shown (i hides them)" if pane.show_info else "details hidden (i shows them)")

    def action_time_format(self) -> None:
        absolute = not self.detail_pane.absolute_time
        self.settings.time_format = "absolute" if absolute else "relative"
        self.settings.save()
        self.detail_pane.absolute_time = absolute
        self.thread_view.set_time_format(absolute=absolute)
        self.detail_pane.redraw()
        self._say("dates (t: ages)" if absolute else "ages (t: dates)")

    def action_markdown(self) -> None:
        pane = self.detail_pane
        comment = pane.comment
        if comment is None or not renders_markdown(comment, self.thread.format):
            self._say("this source's text is plain: nothing to render")
            return
        pane.markdown = not pane.markdown
        pane.redraw()
        if pane.markdown and pane.highlighted:  # the highlights mark places in the text as written
            self._say("Markdown shown once the search is left (r: as written)")
            return
        self._say(
            "Markdown rendered (r: as written)" if pane.markdown else "Markdown as written (r: rendered)"
        )

    def action_goto(self) -> None:
        def answered(target: str | None) -> None:
            if target is None:
                return
            node = self.outline.find(target)
            if node < 0:
                self._say(f"no comment with id or line {one_line(target, 40)}")
            elif not self.thread_view.go_to(node):
                self._say("that comment is hidden by a filter: esc drops the filters")
            else:
                self._say_after(f"went to {one_line(self.outline.nodes[node].id, 40)} (backspace: back)")

        self.app.push_screen(GotoScreen(), answered)

    def action_links(self) -> None:
        comment = self.thread_view.selected
        links = links_in(comment.text) if comment is not None else []
        if not links:
            self._say("no links in this comment")
            return

        def chosen(answer: tuple[str, str] | None) -> None:
            if answer is None:
                return
            what, link = answer
            if what == "copy":
                self.app.copy_to_clipboard(link)
                self._say(f"copied {one_line(link, 80)}")
            else:
                opened = webbrowser.open(link)
                self._say(f"opened {one_line(link, 80)}" if opened else "no browser to open it: Y copies it")

        self.app.push_screen(LinksScreen(links), chosen)

    def action_sort(self) -> None:
        orders = available_orders(self.thread)
        if len(orders) < 2:
            self._say("this source has no scores or times: page order only")
            return
        following = (
            orders[(orders.index(self.outline.order) + 1) % len(orders)]
            if self.outline.order in orders
            else orders[0]
        )
        self.outline = Outline(self.thread, order=following)
        with self._index_lock:
            self._index = None  # the article's row is a new entry in the new outline
        if self.query_one(SearchBar).display:
            self.query_one(SearchBar).close()
        self._query = self._shown_results = ""  # (the view keeps its results: set_outline carries them)
        self.thread_view.set_outline(self.outline)
        self._build_index()
        self._say_after(f"siblings by {following} (s: next order)")

    def action_stats(self) -> None:
        self.app.push_screen(StatsScreen(self.outline, self.prepared.stats, self.thread.meta))

    def action_split(self, step: int) -> None:
        splits = list(SPLITS)
        k = max(0, min(len(splits) - 1, splits.index(self.settings.split) + step))
        self.settings.split = splits[k]
        self.settings.save()
        self._apply_split()

    def _apply_split(self) -> None:
        """The split is a class of the screen the stylesheet sizes the panes by, so it follows the layout when the
        window changes (an inline width would outlast the side-by-side layout it was set for)."""
        for split in SPLITS:
            self.set_class(split == self.settings.split, f"split-{split}")

    def _say_after(self, notice: str) -> None:
        """Say it once the tree's selection message (which clears remarks) has been handled."""
        self.thread_view.post_message(ThreadView.Notice(notice))

    def _say(self, notice: str) -> None:
        self._notice = notice
        self._update_status()

    # ------------------------------------------------------------------ search
    def action_search(self) -> None:
        self.query_one(SearchBar).open(self.thread_view.search.query)
        self._typing_pending = True

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._typing_pending = False

    def on_key(self, event: events.Key) -> None:
        """`/` opens the search at once, and keys typed before the search field has the focus (one burst, a
        paste) go into it rather than running as commands (`e` would open the export dialog); keys typed behind
        the enter that ends such a burst wait until the search is done, then run as commands, in order."""
        field = self.query_one(SearchBar).input
        if field.has_focus:
            return
        if self._holding_keys:
            event.stop()
            event.prevent_default()
            self._after_close.append((event.key, event.character))
        elif self._typing_pending and (
            event.key in ("enter", "backspace") or (event.is_printable and event.character)
        ):
            event.stop()
            event.prevent_default()
            if event.key == "backspace":
                field.action_delete_left()
            elif event.key == "enter":
                self._typing_pending = False
                self._holding_keys = True
                field.post_message(Input.Submitted(field, field.value))
            else:
                field.insert_text_at_cursor(event.character or "")
        elif event.character == "/":  # open now: the binding would run only after the keys queued behind it
            event.stop()
            event.prevent_default()
            self.action_search()

    def action_leave_search(self) -> None:
        self._typing_pending = False
        bar = self.query_one(SearchBar)
        tree = self.thread_view
        if tree.search.query or bar.display:
            self._query = self._shown_results = ""
            bar.close()
            tree.end_typing()  # what the search opened stays open: the selection must stay in view
            tree.clear_search()
        elif tree.search.author is not None:
            tree.action_author_filter()
        elif self.back:
            self.app.pop_screen()
            return
        tree.focus()
        self._replay_keys()

    @on(SearchBar.Changed)
    def _query_changed(self, event: SearchBar.Changed) -> None:
        self._query = event.query
        if not event.query.strip():
            self._shown_results = ""
            self.workers.cancel_group(self, "search")
            self.thread_view.clear_search()
            self.query_one(SearchBar).set_count("")
            return
        self._run_search(event.query)

    @on(SearchBar.Done)
    def _search_done(self, event: SearchBar.Done) -> None:
        self._typing_pending = False
        self.query_one(SearchBar).close()
        self.thread_view.end_typing()
        self.thread_view.focus()
        if self._query.strip() and self._shown_results != self._query:
            self._holding_keys = (
                True  # keys typed behind enter run once its results are in (they move from there)
            )
            self.set_timer(HOLD_KEYS_SECONDS, self._replay_keys)
        else:
            self._replay_keys()

    @on(SearchBar.KeyAfterClose)
    def _key_after_close(self, event: SearchBar.KeyAfterClose) -> None:
        """A key typed behind enter/escape: run it as if the tree had it, once the search line has closed
        (before, the enter or escape it follows has not yet taken effect) and its results are in."""
        self._after_close.append((event.key, event.character))
        if not self.query_one(SearchBar).display and not self._holding_keys:
            self._replay_keys()

    def _replay_keys(self) -> None:
        """The search line closed: focus the tree now and send it the keys typed meanwhile, in order."""
        self._holding_keys = False
        keys, self._after_close = self._after_close, []
        if not keys:
            return
        self.set_focus(self.thread_view)
        for name, character in keys:
            key = events.Key(name, character)
            key.set_sender(self.app)  # as if from the terminal: to the focused tree, then its bindings
            self.app.post_message(key)

    @on(SearchBar.Left)
    def _search_left(self, event: SearchBar.Left) -> None:
        self.action_leave_search()

    @on(SearchBar.Step)
    def _search_step(self, event: SearchBar.Step) -> None:
        if event.step > 0:
            self.thread_view.action_next_match()
        else:
            self.thread_view.action_previous_match()

    @on(SearchBar.FilterToggled)
    def _search_filter(self, event: SearchBar.FilterToggled) -> None:
        self.thread_view.action_toggle_filter()

    def search_index(self) -> SearchIndex:
        """The search index over every entry, the article's stand-in row included (its text is searched like a
        comment's), built once on first use (thread-safe)."""
        with self._index_lock:
            if self._index is None:
                self._index = SearchIndex(self.outline.nodes)
            return self._index

    @work(thread=True, exclusive=True, group="search")
    def _run_search(self, query: str) -> None:
        """Search in a thread; results for a query the user has already changed are dropped."""
        hits = self.search_index().search(query)
        if get_current_worker().is_cancelled:
            return
        index_of = self.outline.index_of
        nodes = sorted(index_of(hit.comment) for hit in hits)
        best = index_of(hits[0].comment) if hits else None
        self.app.call_from_thread(self._show_results, query, nodes, best)

    def _show_results(self, query: str, nodes: list[int], best: int | None) -> None:
        if query != self._query:
            return
        self._shown_results = query
        self.thread_view.set_search(query, nodes, best)
        if not self.query_one(SearchBar).display:  # enter came before the results: what they open stays open
            self.thread_view.end_typing()
            if self._holding_keys:
                self._replay_keys()
        count = plural(len(nodes), "match")
        self.query_one(SearchBar).set_count(count)
        if not nodes:
            self._notice = "no match"
        self._update_status()

    # ------------------------------------------------------------------ export and copy
    def _subtree_id(self) -> str | None:
        comment = self.thread_view.selected
        return None if comment is None or comment.kind == ARTICLE_KIND else comment.id

    def action_export(self) -> None:
        def done(result: ExportDone | None) -> None:
            if result is None:
                self._say("export cancelled: no file written")
            else:
                self.settings.export_format = result.fmt  # the dialog opens on it next time
                self.settings.save()
                message = f"Wrote {plural(result.comments, 'comment')} as {result.fmt} to {result.path}"
                self.notify(one_line(message), title="Exported", markup=False, timeout=8)
                self._notice = message
                self._update_status()

        self.app.push_screen(
            ExportScreen(
                self.thread,
                self.thread_view.selected,
                folder=self.export_dir,
                fmt=self.settings.export_format,
            ),
            done,
        )

    def action_copy(self) -> None:
        tree = self.thread_view
        if tree.cursor < 0:
            self._notice = "nothing to copy"
            self._update_status()
            return
        what = "the thread" if self._subtree_id() is None else "the subtree"
        self._notice = f"copying {what} as Markdown…"
        self._update_status()
        self._copy(self._subtree_id(), tree.cursor)

    @work(thread=True, exclusive=True, group="copy")
    def _copy(self, subtree_id: str | None, node: int) -> None:
        """Build the Markdown in a thread; past COPY_LIMIT characters (OSC 52 is not for megabytes, and some
        terminals drop it silently) nothing is copied and the user is pointed to the export dialog instead.
        The size is estimated from the texts first, so a huge subtree is refused without building it."""
        outline = self.outline
        first, stop = (0, len(outline)) if subtree_id is None else (node, outline.end[node])
        nodes = outline.nodes
        estimate = sum(len(nodes[i].text) + len(nodes[i].author or "") + 40 for i in range(first, stop))
        what = "the thread" if subtree_id is None else "the subtree"
        markdown = export_thread(self.thread, "markdown", subtree_id) if estimate <= COPY_LIMIT else ""
        if get_current_worker().is_cancelled:
            return
        size = len(markdown) if markdown else estimate
        if size > COPY_LIMIT:
            message = (
                f"Not copied: {what} is about {size / 1e6:.1f} MB of Markdown, too much for the clipboard "
                f"(up to {COPY_LIMIT / 1e6:.0f} MB). Press e to export it to a file instead."
            )
            self.app.call_from_thread(self._copied, message, "warning")
            return
        self.app.call_from_thread(self.app.copy_to_clipboard, markdown)
        self.app.call_from_thread(
            self._copied, f"Copied {what} as Markdown ({len(markdown):,} characters)", "information"
        )

    def _copied(self, message: str, severity: SeverityLevel) -> None:
        """A copy says so in the status line; a refused one also explains why in a notification (a toast that
        repeated a one-line success would only say it twice)."""
        if severity == "warning":
            self.notify(message, title="Clipboard", severity=severity, markup=False, timeout=10)
            message = "not copied (too big for the clipboard): e exports it"
        self._notice = message
        self._update_status()
