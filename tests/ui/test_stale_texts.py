"""Nothing stale or wrong on screen: hints that go when their moment goes, counts that agree, the app's title."""

from __future__ import annotations

from ui_helpers import SIZE, make_app, rows, tree

from thread_explorer.ui.status import StatusState, status_line
from thread_explorer.ui.widgets.detail import DetailPane


def status(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#status").render())


async def test_the_reading_hint_goes_when_the_detail_pane_is_left() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j", "enter")  # carol's comment is a leaf: read it
        assert isinstance(app.focused, DetailPane)
        assert "reading: space/b page" in status(app)
        await pilot.press("escape")
        assert "reading:" not in status(app)


async def test_the_header_and_the_status_line_count_the_same_comments() -> None:
    app = make_app()
    async with app.run_test(size=SIZE):
        assert app.screen.sub_title.startswith("8 comments · 3 threads")  # the placeholder's thread counts
        assert "8/8 shown" in status(app)  # article and placeholder rows are not comments
        header = app.format_title(app.screen.title or "", app.screen.sub_title or "").plain
        assert header.startswith("thread-explorer · sample.txt — 8 comments")


async def test_reply_counts_under_only_matches_count_what_is_shown() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"Napoleon")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+f", "enter")
        await pilot.pause()
        shown = rows(app)
        alice = next(row for row in shown if "Armenia is looking" in row)
        bob = next(row for row in shown if "How many divisions" in row)
        assert "1/2 replies" in alice and "1/2 replies" in bob  # dave and alice's wink are hidden
        assert tree(app).selected is not None


def test_match_positions_have_thousands_separators() -> None:
    line = status_line(StatusState(15_445, 15_445, "word", 15_445, 15_445), 120).plain
    assert "15,445/15,445 matches" in line


def test_a_search_without_matches_offers_no_keys_that_need_one() -> None:
    """`0 matches  n/N next/prev · f only matches` offered keys that do nothing (found by the newcomer's run)."""
    line = status_line(StatusState(45, 45, "zzzqq", 0), 120).plain
    assert "0 matches  esc leave" in line and "n/N" not in line and "f only" not in line
    assert "n/N next/prev · f only matches" in status_line(StatusState(45, 45, "vim", 2), 120).plain
