"""Snapshot tests pinning the layout at a fixed terminal size (pytest-textual-snapshot; update with
`pytest tests/ui/test_snapshots.py --snapshot-update` after a deliberate change, and look at the report)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from paths import FIXTURES, SEED
from textual.pilot import Pilot
from ui_helpers import make_app

from thread_explorer.core.load import load_thread

TERMINAL = (100, 30)


def test_first_screen(snap_compare: Any) -> None:
    assert snap_compare(make_app(), terminal_size=TERMINAL)


def test_folded_thread_and_search_highlight(snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("}", "}", "space", "slash", *"napolean")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")

    assert snap_compare(make_app(), terminal_size=TERMINAL, run_before=run_before)


def test_help_screen(snap_compare: Any) -> None:
    assert snap_compare(make_app(), terminal_size=(100, 44), press=["question_mark"])


def test_export_dialog(snap_compare: Any) -> None:
    app = make_app(export_dir=Path("/home/reader"))
    assert snap_compare(app, terminal_size=TERMINAL, press=["j", "j", "e", "down"])


SOURCES = {  # the file, and the keys that select a reply with some text
    "flat": (SEED, ["j", "j"]),
    "reddit": (FIXTURES / "reddit_thread.json", ["j"]),
    "mail": (FIXTURES / "list.mbox", ["j", "j"]),
}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("source", list(SOURCES))
def test_detail_pane(snap_compare: Any, source: str, size: tuple[int, int]) -> None:
    """A reply selected: the detail pane leads with author, time and text (flat page, Reddit, mail)."""
    path, keys = SOURCES[source]
    app = make_app(load_thread(str(path)))
    assert snap_compare(app, terminal_size=size, press=keys)


def test_a_guessed_split_on_a_stripped_page(snap_compare: Any) -> None:
    """The guessed comment selected at 80x24: `?` before its first words, the Bounds line above its text."""
    app = make_app(load_thread(str(FIXTURES / "guessed_bounds.txt")))
    assert snap_compare(app, terminal_size=(80, 24), press=["j", "j", "j"])
