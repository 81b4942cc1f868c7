"""The page list of a dataset file, driven with the real keys through a minimal host app."""

from __future__ import annotations

import json
from pathlib import Path
from typing import ClassVar

from paths import FIXTURES
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static

from thread_explorer.core.datasets.collection import DatasetCollection
from thread_explorer.ui.prepared import Prepared
from thread_explorer.ui.screens.explorer import ExplorerScreen
from thread_explorer.ui.screens.page_list import PageListScreen

PAGES = FIXTURES / "pages.jsonl"
SEED_URL = "https://www.zerohedge.com/news/2018-04-19/nato-russia-military-chiefs-hold-rare-meeting"


class Stand_in(Screen[None]):
    """What the app would show for an opened page; escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index

    def compose(self) -> ComposeResult:
        yield Static(f"page {self.index}")


class Host(App[None]):
    """Pushes the page list, and on Open either a stand-in screen or the real explorer."""

    def __init__(self, path: Path, *, real_explorer: bool = False) -> None:
        super().__init__()
        self.collection = DatasetCollection(str(path))
        self.real_explorer = real_explorer
        self.opened: list[int] = []
        self.finished: list[PageListScreen.ScanFinished] = []

    def on_mount(self) -> None:
        self.push_screen(PageListScreen(self.collection))

    def on_page_list_screen_open(self, message: PageListScreen.Open) -> None:
        self.opened.append(message.index)
        if self.real_explorer:
            thread = self.collection.load(message.index)
            self.push_screen(ExplorerScreen(Prepared.build(thread), title=f"page {message.index}"))
        else:
            self.push_screen(Stand_in(message.index))

    def on_page_list_screen_scan_finished(self, message: PageListScreen.ScanFinished) -> None:
        self.finished.append(message)


async def scanned(pilot: Pilot[None]) -> PageListScreen:
    app = pilot.app
    assert isinstance(app, Host)
    for _ in range(200):
        await pilot.pause(0.02)
        if app.finished:
            break
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, PageListScreen)
    return screen


async def settle(pilot: Pilot[None]) -> None:
    """Let search workers finish and their results arrive."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def shown(screen: PageListScreen) -> list[int]:
    return [summary.index for summary in screen.rows.rows]


def line(screen: PageListScreen, y: int) -> str:
    return screen.rows.render_line(y).text


def status(screen: PageListScreen) -> str:
    return str(screen.query_one("#page-status", Static).render())


async def test_lists_pages_with_replies_and_toggles_all() -> None:
    app = Host(PAGES)
    async with app.run_test(size=(160, 30)) as pilot:
        screen = await scanned(pilot)
        assert shown(screen) == [1, 3, 5]
        assert line(screen, 0).split() == ["1", SEED_URL, "3", "2", "before"]
        assert "6 pages · 3 with threads" in status(screen)
        assert app.finished[0].pages == 6 and app.finished[0].with_markers == 3
        await pilot.press("m")
        assert shown(screen) == [0, 1, 2, 3, 4, 5]
        assert "all pages" in status(screen)
        await pilot.press("m")
        assert shown(screen) == [1, 3, 5]


async def test_enter_opens_and_escape_comes_back_to_the_same_row() -> None:
    app = Host(PAGES)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await scanned(pilot)
        await pilot.press("j", "enter")
        assert app.opened == [3]
        assert isinstance(app.screen, Stand_in)
        await pilot.press("escape")
        assert app.screen is screen
        assert screen.current_summary() is not None and screen.current_summary().index == 3
        await pilot.press("G", "enter")
        assert app.opened == [3, 5]


async def test_fuzzy_search_over_urls_and_titles() -> None:
    app = Host(PAGES)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await scanned(pilot)
        await pilot.press("m", "/")
        await pilot.press(*"zerohedeg nato")  # misspelt
        await settle(pilot)
        assert shown(screen)[0] == 1
        assert "search “zerohedeg nato”" in status(screen)
        await pilot.press("enter")  # back to the list, results kept
        assert shown(screen)[0] == 1
        await pilot.press("enter")
        assert app.opened == [1]
        await pilot.press("escape")  # back from the page
        await pilot.press("escape")  # leave the search: every page again, still on page 1
        assert shown(screen) == [0, 1, 2, 3, 4, 5]
        assert screen.current_summary() is not None and screen.current_summary().index == 1


async def test_opens_in_the_real_explorer() -> None:
    app = Host(PAGES, real_explorer=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await scanned(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)
        assert app.screen.thread.stats()["comments"] == 3


async def test_text_is_data_and_bad_lines_are_skipped_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    page = json.loads(PAGES.read_text(encoding="utf-8").splitlines()[1])
    page["url"] = "https://example.org/[bold red]x[/bold red]\x1b[31m"
    path.write_text(
        json.dumps(page) + "\n" + json.dumps(page) + "\n{broken\n" + json.dumps(page) + "\n", encoding="utf-8"
    )
    app = Host(path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await scanned(pilot)
        assert shown(screen) == [0, 1, 3]  # the page after the bad line is read too
        label = line(screen, 0)
        assert "[bold red]x[/bold red]" in label and "\x1b" not in label
        assert "1 bad line skipped (first: line 3)" in status(screen)
        assert app.finished[0].error is None
        assert not [n for n in app._notifications if n.title == "Scan stopped"]
    narrow = Host(path)
    async with narrow.run_test(size=(80, 24)) as pilot:  # the line number was cut off at the edge
        screen = await scanned(pilot)
        field = screen.query_one("#page-status", Static)
        assert status(screen).endswith("1 bad line skipped (first: line 3)")
        assert len(status(screen)) <= field.size.width and "scanned in" not in status(screen)


async def test_mouse_click_selects_and_double_click_opens() -> None:
    app = Host(PAGES)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await scanned(pilot)
        await pilot.click("#pages", offset=(10, 2))
        assert screen.current_summary() is not None and screen.current_summary().index == 5
        assert app.opened == []
        await pilot.click("#pages", offset=(10, 1), times=2)
        assert app.opened == [3]


async def test_a_search_without_match_says_so_and_the_headers_sit_over_their_values() -> None:
    app = Host(PAGES)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await scanned(pilot)
        header = str(screen.query_one("#page-columns").render())
        row = line(screen, 0)
        for name, value in (("comments", "3"), ("replies", "2")):
            assert header.index(name) + len(name) == row.index(f" {value} ") + 1 + len(value)  # right-aligned
        await pilot.press("/", *"qqqqxxxxzzzz")
        await settle(pilot)
        assert shown(screen) == []
        empty = str(screen.rows.render_line(0).text)
        assert "No page matches “qqqqxxxxzzzz”: esc clears the search." in empty
        assert "has reply markers" not in empty
