"""The app on hostile titles, urls, file names and texts: nothing from the input reaches the terminal raw.

The app runs with a driver that acts like a real terminal's (not headless, so Textual renders every frame and
writes it) but records what it writes instead; the recording must hold none of the input's escape sequences
(OSC 0 sets the window title, OSC 52 writes the clipboard), bidi overrides or zero-width characters, and no
input text is read as markup (a `[@click=app.quit]` in a file name stays text and quits nothing).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import ClassVar

import pytest
from textual.drivers.headless_driver import HeadlessDriver
from textual.pilot import Pilot

from thread_explorer.core.datasets import stream
from thread_explorer.core.datasets.collection import DatasetCollection
from thread_explorer.core.errors import InputError
from thread_explorer.core.model import Comment, Thread
from thread_explorer.ui.app import ThreadExplorerApp
from thread_explorer.ui.screens.explorer import ExplorerScreen
from thread_explorer.ui.screens.page_list import PageListScreen

SET_TITLE = "\x1b]0;pwned\x07"
CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4K\x07"
CSI = "\x1b[2J\x9b31m"
BIDI = "\u202etxt.exe\u202c\u2066x\u2069"
ZERO_WIDTH = "a\u200bb\ufeffc"
HOSTILE = SET_TITLE + CLIPBOARD + CSI + BIDI + ZERO_WIDTH
# BEL alone is not on the list: Textual ends its own OSC 22 (pointer shape) with one.
RAW = ("\x1b]0;", "\x1b]52;", "\x9b", "\x1b[2J", "\u202e", "\u2066", "\u200b", "\ufeff")
MARKUP_NAME = "[red on red]x[@click=app.quit]"  # no "/": it is a file name too
SIZE = (120, 30)


class RecordingDriver(HeadlessDriver):
    """A headless driver that says it is not headless, so the app renders and writes; it keeps what it gets."""

    written: ClassVar[list[str]] = []

    @property
    def is_headless(self) -> bool:
        return False

    def write(self, data: str) -> None:
        RecordingDriver.written.append(data)


def recording(app: ThreadExplorerApp) -> ThreadExplorerApp:
    RecordingDriver.written.clear()
    app.driver_class = RecordingDriver
    return app


def assert_nothing_raw(app: ThreadExplorerApp) -> str:
    """Every frame written so far, checked for the input's escapes; returns it."""
    output = "".join(RecordingDriver.written)
    assert output, "the driver recorded nothing: the check would prove nothing"
    for raw in RAW:
        assert raw not in output, f"{raw!r} reached the terminal"
    for note in app._notifications:
        assert not note.markup, note.message
        assert not any(raw in note.message for raw in RAW), note.message
    return output


def dataset(tmp_path: Path, name: str, lines: list[dict[str, str]] | None = None) -> Path:
    page = {
        "url": "https://example.org/" + HOSTILE,
        "text": f"Article {HOSTILE}\nfirst {HOSTILE}\nIn reply to first {ZERO_WIDTH} by x{BIDI}\nreply {CSI}",
    }
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in (lines or [page, page])), encoding="utf-8")
    return path


async def until(pilot: Pilot[None], done: object, tries: int = 300) -> None:
    for _ in range(tries):
        await pilot.pause(0.02)
        if callable(done) and done():
            return
    raise AssertionError("the app did not get there in time")


async def test_a_hostile_url_and_file_name_in_a_dataset_reach_no_terminal(tmp_path: Path) -> None:
    path = dataset(tmp_path, MARKUP_NAME + HOSTILE[:12] + ".jsonl")
    app = recording(ThreadExplorerApp(collection=DatasetCollection(str(path)), title=path.name))
    async with app.run_test(size=SIZE, headless=False) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PageListScreen) and app.screen.summaries)
        assert "[@click=app.quit]" in str(app.screen.title) and "␛]0;" in str(app.screen.title)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ExplorerScreen))
        await pilot.pause(0.2)
        assert app.is_running
        title = str(app.screen.title)
        assert "␛]0;pwned␇" in title and "⇄txt.exe" in title and "a·b·c" in title  # shown, visibly
        output = assert_nothing_raw(app)
        assert "␛]52;c;" in output  # the clipboard sequence is on screen as text
        svg = app.export_screenshot()
        assert not any(raw in svg for raw in RAW)


async def test_a_scan_error_naming_a_markup_file_is_plain_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stream, "MAX_LINE_BYTES", 2000)
    good = {"url": "u", "text": "In reply to a by b\nx"}
    path = dataset(tmp_path, MARKUP_NAME + ".jsonl", [good, good, {"url": "v", "text": "y" * 5000}])
    app = recording(ThreadExplorerApp(collection=DatasetCollection(str(path)), title=path.name))
    async with app.run_test(size=SIZE, headless=False) as pilot:
        await until(pilot, lambda: any(n.title == "Scan stopped" for n in app._notifications))
        await pilot.pause(0.1)
        assert app.is_running  # [@click=app.quit] was not obeyed
        note = next(n for n in app._notifications if n.title == "Scan stopped")
        assert MARKUP_NAME in note.message and "longer than" in note.message
        assert_nothing_raw(app)


async def test_a_page_that_cannot_open_says_so_in_plain_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object, **__: object) -> Thread:
        raise InputError(f"page {HOSTILE} [bold]is broken[/bold]")

    monkeypatch.setattr(DatasetCollection, "load", refuse)
    path = dataset(tmp_path, "pages.jsonl")
    app = recording(ThreadExplorerApp(collection=DatasetCollection(str(path)), title=path.name))
    async with app.run_test(size=SIZE, headless=False) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PageListScreen) and app.screen.summaries)
        await pilot.press("enter")
        await until(pilot, lambda: any("Cannot open" in n.message for n in app._notifications))
        await pilot.pause(0.1)
        note = next(n for n in app._notifications if "Cannot open" in n.message)
        assert "[bold]is broken[/bold]" in note.message and "␛]0;pwned␇" in note.message
        assert isinstance(app.screen, PageListScreen)
        assert_nothing_raw(app)


async def test_hostile_comments_authors_and_titles_in_the_explorer(tmp_path: Path) -> None:
    thread = Thread(
        source=HOSTILE,
        comments=[
            Comment(id="x" + HOSTILE, text=f"text {HOSTILE}\nsecond line {HOSTILE}", author="a" + HOSTILE),
            Comment(id="y", text="[@click=app.quit]click me[/]", author=MARKUP_NAME),
        ],
    )
    app = recording(ThreadExplorerApp(thread, title="file" + HOSTILE + ".json", now=0))
    async with app.run_test(size=SIZE, headless=False) as pilot:
        await pilot.pause(0.2)
        await pilot.press("j", "tab", "j", "slash", *"pwned", "enter")
        await pilot.pause(0.3)
        assert app.is_running
        output = assert_nothing_raw(app)
        assert "␛]0;pwned␇" in output and "[@click=app.quit]" in output


async def test_copying_a_comment_with_a_lone_surrogate_does_not_crash() -> None:
    thread = Thread(comments=[Comment(id="1", text="broken \ud800 text", author="a\udc00")])
    app = ThreadExplorerApp(thread, title="t", now=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        assert app.is_running
        assert "broken \ufffd text" in app.clipboard
