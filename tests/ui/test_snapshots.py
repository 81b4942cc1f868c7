"""Snapshot tests pinning the layout at a fixed terminal size (pytest-textual-snapshot; update with
`pytest tests/ui/test_snapshots.py --snapshot-update` after a deliberate change, and look at the report)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from ui_helpers import make_app

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
