"""The Textual app: one factory for the command line (`launch.run_app`) and the tests.

Give it a thread to show at once, a collection of threads (its page list comes first), or a loader to run behind
a progress screen (for inputs that take a while to parse). Process concerns (standard input, the terminal, the
bundled sample, the quick-load wait) live in `launch.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.theme import Theme

from thread_explorer.core.collection import Collection
from thread_explorer.core.errors import InputError
from thread_explorer.core.gcpolicy import release_frozen
from thread_explorer.core.model import Thread
from thread_explorer.core.textsafe import one_line

from .background import in_background
from .commands import ExplorerCommands
from .keys import PAGE_LIST_OWNERS, bindings
from .prepared import Prepared
from .screens.explorer import ExplorerScreen
from .screens.help import HelpScreen
from .screens.loading import LoadingScreen, LoadProgress
from .screens.page_list import PageListScreen
from .settings import Settings

__all__ = ["EXIT_BAD_INPUT", "Opened", "ThreadExplorerApp", "error_line"]

EXIT_BAD_INPUT = 2
APP_TITLE = "thread-explorer"

Opened = Prepared | Collection  # what a load gives the app: a thread ready to show, or a list of threads


def error_line(message: str) -> str:
    """The one line bad input gets on stderr, worded as the command line words its errors
    (`thread-explorer: error: …`); names in it may come from the input, so it is made printable."""
    return f"thread-explorer: error: {one_line(message)}"


class ThreadExplorerApp(App[None]):
    """Explore threads: tree, detail, search, export. Quits with `q`; `?` lists every key."""

    CSS_PATH = "app.tcss"
    TITLE = APP_TITLE
    COMMANDS = App.COMMANDS | {ExplorerCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (96, "-wide")]  # noqa: RUF012 - App declares it so
    BINDINGS: ClassVar[list[BindingType]] = bindings("app")

    def __init__(
        self,
        thread: Thread | Prepared | None = None,
        *,
        title: str = APP_TITLE,
        loader: Callable[[], Opened] | None = None,
        collection: Collection | None = None,
        size: int | None = None,
        now: float | None = None,
        export_dir: Path | None = None,
        progress: LoadProgress | None = None,
    ) -> None:
        """`thread` to show at once, `loader` to run behind a progress screen, or `collection`: a file of many
        threads whose page list comes first (`enter` opens one; `escape` comes back).

        `title` names the input in the header; `size` (bytes) is shown while loading; `now` pins the clock for
        relative ages and `export_dir` the export dialog's default folder (else the current one), for tests and
        screenshots. `progress` is what the loader reports its progress to, shown on the loading screen.
        """
        super().__init__()
        if thread is None and loader is None and collection is None:
            raise ValueError("give a thread, a loader or a collection")
        self.prepared = Prepared.build(thread) if isinstance(thread, Thread) else thread
        self.loader = loader
        self.collection = collection
        self.source_name = one_line(title)  # a file name or url from the input: shown, never obeyed
        self.source_size = size
        self.now = now
        self.export_dir = export_dir
        self.progress = progress
        self.settings = Settings.load()

    @dataclass
    class Loaded(Message):
        """A load finished (its future holds the result or the error); `page` names an entry of a collection."""

        future: Future[Opened] | Future[Prepared]
        page: str | None = None

    def _explorer(self, prepared: Prepared, title: str, *, back: bool = False) -> ExplorerScreen:
        return ExplorerScreen(
            prepared, title=title, now=self.now, export_dir=self.export_dir, back=back, settings=self.settings
        )

    def _first_screen(self, opened: Opened) -> Screen[None]:
        if isinstance(opened, Collection):
            self.collection = opened
            return PageListScreen(opened, title=self.source_name)
        self.prepared = opened
        return self._explorer(opened, self.source_name)

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.prepared is not None:
            self.push_screen(self._first_screen(self.prepared))
        elif self.collection is not None:
            self.push_screen(self._first_screen(self.collection))
        else:
            assert self.loader is not None
            self._load(self.loader, self.source_name, self.source_size, progress=self.progress)

    def _load(
        self,
        job: Callable[[], Opened] | Callable[[], Prepared],
        name: str,
        size: int | None,
        page: str | None = None,
        progress: LoadProgress | None = None,
    ) -> None:
        self.push_screen(LoadingScreen(name, size, progress))
        future: Future[Opened] | Future[Prepared] = in_background(job)
        future.add_done_callback(lambda done: self.post_message(self.Loaded(done, page)))

    def on_page_list_screen_open(self, message: PageListScreen.Open) -> None:
        """Enter on an entry of the list: read it behind the progress screen, then explore it."""
        collection, index = self.collection, message.index
        assert collection is not None

        def load_page() -> Prepared:
            release_frozen()  # the page shown before (a frozen thread, now garbage) is freed first
            return Prepared.build(collection.load(index))

        self._load(load_page, message.label, None, page=message.label)

    def on_thread_explorer_app_loaded(self, message: Loaded) -> None:
        """Show what was loaded, or close with one line (status 2 for bad input, never a traceback); an entry of
        a collection that fails says so and the list stays."""
        try:
            opened = message.future.result()
        except Exception as error:  # noqa: BLE001 - a bug must still not show a traceback
            text = str(error) if isinstance(error, InputError) else f"{type(error).__name__}: {error}"
            if message.page is not None:
                self.pop_screen()
                self.notify(one_line(f"Cannot open {message.page}: {text}"), severity="error", markup=False)
            elif isinstance(error, InputError):
                self.exit(None, EXIT_BAD_INPUT, Text(error_line(text)))
            else:
                self.exit(None, EXIT_BAD_INPUT, Text(error_line(f"cannot open {self.source_name}: {text}")))
            return
        if message.page is not None and isinstance(opened, Prepared):
            self.switch_screen(self._explorer(opened, one_line(message.page), back=True))
        else:
            self.switch_screen(self._first_screen(opened))

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header: the app's own name, then what is open and its counts (input text as plain content)."""
        parts: list[Content | str | tuple[str, str]] = [(APP_TITLE, "bold")]
        if title and title != APP_TITLE:
            parts += [" · ", Content(title)]
        if sub_title:
            parts += [" — ", Content(sub_title).stylize("dim")]
        return Content.assemble(*parts)

    def _theme_changed(self, theme: Theme) -> None:
        """A theme picked in the palette is remembered."""
        if theme.name != self.settings.theme:
            self.settings.theme = theme.name
            self.settings.save()

    def action_help(self) -> None:
        """Show every key of the current screen, from the key table."""
        if isinstance(self.screen, HelpScreen):
            return
        if isinstance(self.screen, PageListScreen):
            self.push_screen(HelpScreen(PAGE_LIST_OWNERS, title="page list keys"))
        else:
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's palette commands, with its Keys panel (which escape does not close) replaced by our help."""
        for command in super().get_system_commands(screen):
            if command.title == "Keys":
                yield SystemCommand("Keys", "Every key of this screen (? shows it too)", self.action_help)
            else:
                yield command
