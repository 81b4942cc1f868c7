"""The header line fits its room: the least useful parts go first, never a cut mid-word while a part can go."""

from __future__ import annotations

from textual.widgets import Static
from ui_helpers import NOW, make_thread

from thread_explorer.ui.app import ThreadExplorerApp
from thread_explorer.ui.widgets.title_bar import fit_title

NAME = "zerohedge_nato_russia.txt (bundled sample)"


def header(app: ThreadExplorerApp) -> str:
    """The header's title as shown."""
    return str(app.screen.query_one("HeaderTitle", Static).render()).strip()


async def test_a_narrow_window_drops_the_app_name_and_the_last_counts_rather_than_cutting_mid_word() -> None:
    app = ThreadExplorerApp(make_thread(), title=NAME, now=NOW)
    async with app.run_test(size=(130, 30)) as pilot:
        wide = header(app)
        assert wide.startswith(f"thread-explorer · {NAME} — 8 comments · 3 threads")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        narrow = header(app)
        assert narrow.startswith(f"{NAME} — 8 comments") and "…" not in narrow and len(narrow) <= 70
        await pilot.resize_terminal(48, 24)  # 38 columns for the title: the note in brackets goes
        await pilot.pause()
        assert header(app) == "zerohedge_nato_russia.txt — 8 comments"
        await pilot.resize_terminal(40, 24)  # then the counts
        await pilot.pause()
        assert header(app) == "zerohedge_nato_russia.txt"


def test_only_a_name_too_long_for_the_room_is_cut_and_in_its_middle() -> None:
    shown = fit_title("thread-explorer", "a-very-long-file-name-of-a-thread.txt", "3 comments", 20).plain
    assert shown == "a-very-lon…hread.txt" and len(shown) == 20
    assert fit_title("thread-explorer", "[bold]x[/]", "", 40).plain == "thread-explorer · [bold]x[/]"
