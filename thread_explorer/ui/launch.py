"""Starting the explorer from the command line: process concerns the App itself never sees.

`run_app` opens the input through the one way in (`core.load.open_input`: a Thread, or a Collection of many
threads that opens on the page list), reads standard input before handing the terminal to Textual, waits a
moment for a quick load so that bad input gets one line on stderr and exit status 2 before any screen is drawn,
and otherwise starts the app on a progress screen.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from importlib import resources
from pathlib import Path

from thread_explorer.core.atomic import special_target
from thread_explorer.core.collection import Collection
from thread_explorer.core.errors import InputError
from thread_explorer.core.files import display_name, read_bytes
from thread_explorer.core.gcpolicy import kept_frozen
from thread_explorer.core.load import open_input, read_data_as
from thread_explorer.core.model import Thread

from .app import EXIT_BAD_INPUT, Opened, ThreadExplorerApp, error_line
from .background import in_background
from .prepared import Prepared
from .screens.loading import LoadProgress

__all__ = ["QUICK_LOAD_SECONDS", "SAMPLE_NAME", "run_app"]

SAMPLE_NAME = "zerohedge_nato_russia.txt"
QUICK_LOAD_SECONDS = 0.4  # wait this long for a load before showing the progress screen instead


def _attach_terminal() -> None:
    """After reading standard input, read keys from the terminal instead (Textual reads fd 0)."""
    fd = os.open("/dev/tty", os.O_RDONLY)
    os.dup2(fd, 0)
    os.close(fd)


def names_standard_input(path: str) -> bool:
    """Whether FILE is another name for a standard input that is no terminal (/dev/stdin or /dev/fd/0 on a
    pipe): it is read as `-` is, before the terminal takes fd 0."""
    try:
        return special_target(path) and not os.isatty(0) and os.path.samestat(os.stat(path), os.fstat(0))
    except (OSError, ValueError):
        return False


def prepare(opened: Thread | Collection) -> Opened:
    """A thread gets its outline and counts; a collection opens as it is (its page list scans it)."""
    return Prepared.build(opened) if isinstance(opened, Thread) else opened


def _opener(
    path: str | None, format: str | None, markers: str, progress: LoadProgress
) -> tuple[Callable[[], Opened], str, int | None]:
    """What to load, its display name and size. Standard input is read now, before the terminal takes fd 0,
    and then goes the road `open_input` takes for it (decompression, per-message charsets for mail)."""
    if path is None:
        sample = resources.files("thread_explorer") / "sample" / SAMPLE_NAME
        data = sample.read_bytes()

        def load_sample() -> Opened:
            opened, _ = read_data_as(
                data, source=SAMPLE_NAME, format=format, markers=markers, progress=progress
            )
            return prepare(opened)

        return load_sample, f"{SAMPLE_NAME} (bundled sample)", len(data)
    if path == "-":
        if _stdin_is_terminal():  # nothing piped in: say what the blank terminal waits for
            print(
                "thread-explorer: reading the page from the terminal: paste it, then Ctrl+D", file=sys.stderr
            )
        held = [read_bytes("-")]  # handed over (popped) when read, so the bytes are not kept while it parses
        name = display_name("-")

        def load_stdin() -> Opened:
            opened, _ = read_data_as(
                held.pop(), source=name, format=format, markers=markers, progress=progress
            )
            return prepare(opened)

        return load_stdin, name, len(held[0])
    size: int | None
    try:
        size = os.path.getsize(path)
    except OSError:
        size = None
    return (
        lambda: prepare(open_input(path, format=format, markers=markers, progress=progress)),
        Path(path).name or path,
        size,
    )


def _with_page(load: Callable[[], Opened], page: str | None, source: str) -> Callable[[], Opened]:
    """With `--page N|URL`: open that entry of a collection directly (an error for a file of one thread)."""
    if page is None:
        return load

    def load_page() -> Opened:
        opened = load()
        if not isinstance(opened, Collection):
            raise InputError(f"{source}: --page needs a file of many threads (a dataset); this is one thread")
        return Prepared.build(opened.load(page))

    return load_page


def run_app(
    path: str | None, *, format: str | None = None, markers: str = "auto", page: str | None = None
) -> int:
    """Open a file (None: the bundled sample; "-": standard input; `page`: that entry of a file of many
    threads) in the explorer; returns the exit status.

    The input is opened in a background thread. If that finishes quickly the app starts with the result in
    hand, and errors are printed as one line before any screen is drawn; a slow load shows a progress screen.
    The imported modules and the thread shown are kept frozen from the collector's full passes meanwhile.
    """
    with kept_frozen():
        return _run_app(path, format=format, markers=markers, page=page)


def _stdin_is_terminal() -> bool:
    try:
        return os.isatty(0)
    except OSError:  # pragma: no cover - fd 0 closed
        return False


def _run_app(path: str | None, *, format: str | None, markers: str, page: str | None) -> int:
    """run_app's work, inside its collector policy."""
    try:
        if path is not None and path != "-" and names_standard_input(path):
            path = "-"
        progress = LoadProgress()
        load, name, size = _opener(path, format, markers, progress)
        load = _with_page(load, page, display_name(path or SAMPLE_NAME))
        future = in_background(load)
        try:
            opened: Opened | None = future.result(timeout=QUICK_LOAD_SECONDS)
        except FutureTimeout:
            opened = None
        if path == "-" and not sys.stdout.isatty():
            raise InputError("<stdin>: the explorer needs a terminal; use `thread-explorer export -` instead")
        if path == "-" or (not os.isatty(0) and sys.stdout.isatty()):  # keys from the terminal, not from fd 0
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
        return EXIT_BAD_INPUT  # one line and status 2, as the command line gives bad input
    if page is not None:
        name = f"{name} · page {page}"
    if isinstance(opened, Collection):
        app = ThreadExplorerApp(collection=opened, title=name)
    elif opened is not None:
        app = ThreadExplorerApp(opened, title=name, size=size)
    else:
        app = ThreadExplorerApp(title=name, loader=future.result, size=size, progress=progress)
    app.run()
    return app.return_code or 0
