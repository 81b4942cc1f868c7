"""The Textual app and `run_app`, the command line's way in.

`ThreadExplorerApp` is the one factory for the command line and the tests: give it a Thread (tests) or a loader
(the command line, for inputs that take a while to parse, shown with a progress screen). `run_app` loads first
and starts the app only with a thread in hand whenever loading is quick, so bad input gets one line on stderr
and exit status 2, never a traceback and never a flash of the screen.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import App
from textual.binding import Binding, BindingType
from textual.message import Message

from thread_explorer.core.datasets import is_dataset, load_page
from thread_explorer.core.decode import decode_bytes
from thread_explorer.core.errors import InputError
from thread_explorer.core.files import display_name, read_bytes
from thread_explorer.core.load import load_text, load_thread
from thread_explorer.core.model import Thread

from .commands import ExplorerCommands
from .rows import one_line
from .screens.explorer import ExplorerScreen, Prepared
from .screens.help import HelpScreen
from .screens.loading import LoadingScreen, LoadProgress
from .screens.page_list import PageListScreen, PageRows
from .widgets.search_bar import SearchInput
from .widgets.thread_view import ThreadView

SAMPLE_NAME = "zerohedge_nato_russia.txt"
QUICK_LOAD_SECONDS = 0.4  # wait this long for a load before showing the progress screen instead
EXIT_BAD_INPUT = 2


class ThreadExplorerApp(App[None]):
    """Explore one thread: tree, detail, search, export. Quits with `q`; `?` lists every key."""

    CSS_PATH = "app.tcss"
    TITLE = "thread-explorer"
    COMMANDS = App.COMMANDS | {ExplorerCommands}
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-narrow"), (96, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("?", "help", "Help", tooltip="This list of keys"),
    ]

    def __init__(
        self,
        thread: Thread | Prepared | None = None,
        *,
        title: str = "thread-explorer",
        loader: Callable[[], Prepared] | None = None,
        dataset: str | None = None,
        markers: str = "auto",
        size: int | None = None,
        now: float | None = None,
        export_dir: Path | None = None,
        progress: LoadProgress | None = None,
    ) -> None:
        """`thread` to show at once, `loader` to run behind a progress screen, or `dataset`: a multi-page file
        whose page list comes first (`enter` opens a page, parsed with `markers`; `escape` comes back).

        `title` names the input in the header; `size` (bytes) is shown while loading; `now` pins the clock for
        relative ages and `export_dir` the export dialog's default folder (else the current one), for tests and
        screenshots. `progress` is what the loader reports its progress to, shown on the loading screen.
        """
        super().__init__()
        if thread is None and loader is None and dataset is None:
            raise ValueError("give a thread, a loader or a dataset")
        self.prepared = Prepared.build(thread) if isinstance(thread, Thread) else thread
        self.loader = loader
        self.dataset = dataset
        self.markers = markers
        self.source_name = one_line(title)  # a file name or url from the input: shown, never obeyed
        self.source_size = size
        self.now = now
        self.export_dir = export_dir
        self.progress = progress

    @dataclass
    class Loaded(Message):
        """A load finished (its future holds the result or the error); `page` names a dataset page."""

        future: Future[Prepared]
        page: str | None = None

    def _explorer(self, prepared: Prepared, title: str, *, back: bool = False) -> ExplorerScreen:
        return ExplorerScreen(prepared, title=title, now=self.now, export_dir=self.export_dir, back=back)

    def on_mount(self) -> None:
        if self.prepared is not None:
            self.push_screen(self._explorer(self.prepared, self.source_name))
        elif self.dataset is not None:
            self.push_screen(PageListScreen(self.dataset, markers=self.markers, title=self.source_name))
        else:
            assert self.loader is not None
            self._load(self.loader, self.source_name, self.source_size, progress=self.progress)

    def _load(
        self,
        job: Callable[[], Prepared],
        name: str,
        size: int | None,
        page: str | None = None,
        progress: LoadProgress | None = None,
    ) -> None:
        self.push_screen(LoadingScreen(name, size, progress))
        # A daemon thread rather than a Textual worker: quitting during a long load must not wait for it.
        future = _in_background(job)
        future.add_done_callback(lambda done: self.post_message(self.Loaded(done, page)))

    def on_page_list_screen_open(self, message: PageListScreen.Open) -> None:
        """Enter on a page of the list: parse it behind the progress screen, then explore it."""
        path, index, markers = message.path, message.index, self.markers
        self._load(
            lambda: Prepared.build(load_page(path, index, markers=markers)),
            message.label,
            None,
            page=message.label,
        )

    def on_thread_explorer_app_loaded(self, message: Loaded) -> None:
        """Show the thread, or close with one line (status 2 for bad input, never a traceback); a dataset page
        that fails says so and the list stays."""
        try:
            prepared = message.future.result()
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
        self.prepared = prepared
        title = one_line(message.page or self.source_name)
        self.switch_screen(self._explorer(prepared, title, back=message.page is not None))

    def action_help(self) -> None:
        """Show every key of the current screen, read from the bindings."""
        if isinstance(self.screen, HelpScreen):
            return
        if isinstance(self.screen, PageListScreen):
            self.push_screen(HelpScreen(page_list_sections()))
        else:
            self.push_screen(HelpScreen(help_sections()))


def help_sections() -> list[tuple[str, list[BindingType]]]:
    """The binding lists the help screen (and the README's key table) is made from, by section."""
    return [
        ("Moving", [b for b in ThreadView.BINDINGS if _section(b) == "move"]),
        ("Folding", [b for b in ThreadView.BINDINGS if _section(b) == "fold"]),
        (
            "Search and filters",
            [*ExplorerScreen.BINDINGS[:2], *[b for b in ThreadView.BINDINGS if _section(b) == "find"]],
        ),
        (
            "While typing a search",
            [
                *SearchInput.BINDINGS,
                Binding("enter", "", "Done", tooltip="Done: back to the tree, matches kept"),
            ],
        ),
        (
            "Actions",
            [
                *ExplorerScreen.BINDINGS[2:],
                *ThreadExplorerApp.BINDINGS,
                Binding("tab", "", "Focus", tooltip="Switch between the tree and the detail pane"),
                Binding("ctrl+p", "", "Palette", tooltip="Command palette: every action by name"),
            ],
        ),
    ]


def page_list_sections() -> list[tuple[str, list[BindingType]]]:
    """The keys of a dataset's page list, for its help screen."""
    return [
        (
            "Page list",
            [
                *PageRows.BINDINGS,
                *PageListScreen.BINDINGS,
                Binding("escape", "", "Back", tooltip="In a page: back to this list, its place kept"),
            ],
        ),
        ("Actions", [*ThreadExplorerApp.BINDINGS]),
    ]


def _section(binding: BindingType) -> str:
    action = binding.action if isinstance(binding, Binding) else binding[1]
    if action in ("toggle", "fold_all", "unfold_all", "expand", "collapse") or action.startswith("depth"):
        return "fold"
    if action in ("next_match", "previous_match", "toggle_filter", "author_filter", "next_by_author"):
        return "find"
    return "move"


# ---------------------------------------------------------------------------------------------- command line
def error_line(message: str) -> str:
    """The one line bad input gets on stderr, worded as the command line words its errors
    (`thread-explorer: error: …`); names in it may come from the input, so it is made printable."""
    return f"thread-explorer: error: {one_line(message)}"


def _sample_text() -> str:
    return (resources.files("thread_explorer") / "sample" / SAMPLE_NAME).read_text(encoding="utf-8")


def _attach_terminal() -> None:
    """After reading standard input, read keys from the terminal instead (Textual reads fd 0)."""
    fd = os.open("/dev/tty", os.O_RDONLY)
    os.dup2(fd, 0)
    os.close(fd)


def _loader_for(
    path: str | None, format: str | None, markers: str, progress: LoadProgress | None = None
) -> tuple[Callable[[], Thread], str, int | None]:
    """What to load, its display name and size; reads stdin at once (before the terminal takes fd 0)."""
    if path is None:
        text = _sample_text()
        return (
            (lambda: load_text(text, source=SAMPLE_NAME, format=format, markers=markers, progress=progress)),
            f"{SAMPLE_NAME} (bundled sample)",
            len(text.encode("utf-8")),
        )
    if path == "-":
        data = read_bytes("-")
        text = decode_bytes(data, name=display_name("-"))
        return (
            (lambda: load_text(text, source="<stdin>", format=format, markers=markers, progress=progress)),
            "<stdin>",
            len(data),
        )
    size: int | None
    try:
        size = os.path.getsize(path)
    except OSError:
        size = None
    return (
        (lambda: load_thread(path, format=format, markers=markers, progress=progress)),
        Path(path).name or path,
        size,
    )


def _in_background(job: Callable[[], Prepared]) -> Future[Prepared]:
    """Run a job in a daemon thread (quitting during a long load must not wait for it)."""
    future: Future[Prepared] = Future()

    def run() -> None:
        try:
            future.set_result(job())
        except BaseException as error:  # noqa: BLE001 - handed to whoever waits on the future
            future.set_exception(error)

    threading.Thread(target=run, name="thread-explorer-load", daemon=True).start()
    return future


def run_app(path: str | None, *, format: str | None = None, markers: str = "auto") -> int:
    """Open a file (None: the bundled sample; "-": standard input) in the explorer; returns the exit status.

    The input is loaded in a background thread. If that finishes quickly the app starts with the thread in
    hand, and errors are printed as one line before any screen is drawn; a slow load shows a progress screen.
    """
    if path is not None and path != "-" and format is None and is_dataset(path):
        app = ThreadExplorerApp(dataset=path, markers=markers, title=Path(path).name or path)
        app.run()
        return app.return_code or 0
    try:
        progress = LoadProgress()
        load, name, size = _loader_for(path, format, markers, progress)
        future = _in_background(lambda: Prepared.build(load()))
        try:
            prepared: Prepared | None = future.result(timeout=QUICK_LOAD_SECONDS)
        except FutureTimeout:
            prepared = None
        if path == "-":
            if not sys.stdout.isatty():
                raise InputError(
                    "<stdin>: the explorer needs a terminal; use `thread-explorer export -` instead"
                )
            try:
                _attach_terminal()
            except OSError:
                raise InputError(
                    "<stdin>: no terminal to read keys from after reading standard input"
                ) from None
    except InputError as error:
        print(error_line(str(error)), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - a bug must still not show a traceback
        print(
            error_line(f"cannot open {display_name(path or SAMPLE_NAME)}: {type(error).__name__}: {error}"),
            file=sys.stderr,
        )
        return 1
    if prepared is not None:
        app = ThreadExplorerApp(prepared, title=name, size=size)
    else:
        app = ThreadExplorerApp(title=name, loader=future.result, size=size, progress=progress)
    app.run()
    return app.return_code or 0
