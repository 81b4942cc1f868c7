"""Starting the app: the loader with its progress screen, bad input, and `run_app` before any screen."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from paths import FIXTURES
from textual.pilot import Pilot
from ui_helpers import NOW, SIZE, make_thread, rows

from thread_explorer.core.datasets.collection import DatasetCollection
from thread_explorer.core.errors import InputError
from thread_explorer.ui.app import ThreadExplorerApp
from thread_explorer.ui.launch import run_app
from thread_explorer.ui.prepared import Prepared
from thread_explorer.ui.screens.explorer import ExplorerScreen
from thread_explorer.ui.screens.loading import LoadingScreen
from thread_explorer.ui.screens.page_list import PageListScreen


async def test_a_slow_load_shows_progress_then_the_thread() -> None:
    release = threading.Event()

    def loader() -> Prepared:
        release.wait(5)
        return Prepared.build(make_thread())

    app = ThreadExplorerApp(title="big.txt", loader=loader, size=22_000_000)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, LoadingScreen)
        assert "Reading big.txt (22.0 MB)…" in str(app.screen.query_one("#loading-what").render())
        release.set()
        for _ in range(50):
            await pilot.pause(0.05)
            if isinstance(app.screen, ExplorerScreen):
                break
        assert isinstance(app.screen, ExplorerScreen)
        await pilot.pause()  # let the new screen finish mounting
        assert rows(app)[0].startswith("■ Article")


async def test_bad_input_found_while_loading_closes_with_one_line_and_status_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def loader() -> Prepared:
        raise InputError("broken.json: not valid JSON: line 3 column 1")

    app = ThreadExplorerApp(title="broken.json", loader=loader)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(50):
            await pilot.pause(0.05)
            if not app.is_running:
                break
    assert app.return_code == 2
    assert capsys.readouterr().err == "thread-explorer: error: broken.json: not valid JSON: line 3 column 1\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "missing.txt: no such file"),
        ("binary.dat", b"\x00\x01\x02\x03 binary", "binary.dat: looks like binary data, not text"),
        ("broken.json", b'{"schema": "thread-explorer/1", "comments": [', "broken.json: not valid JSON"),
    ],
)
def test_run_app_reports_bad_input_before_any_screen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    assert run_app(str(path)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(
        f"thread-explorer: error: {tmp_path / message}".replace(str(tmp_path / name), str(path))
    )


def test_run_app_on_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_app(str(tmp_path)) == 2
    assert capsys.readouterr().err == f"thread-explorer: error: {tmp_path}: is a directory, not a file\n"


def test_run_app_with_an_unknown_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "page.txt"
    path.write_text("hello\n", encoding="utf-8")
    assert run_app(str(path), format="nosuch") == 2
    assert capsys.readouterr().err.startswith("thread-explorer: error: unknown input format 'nosuch'")


async def test_a_dataset_opens_on_its_page_list_and_escape_comes_back() -> None:
    dataset = FIXTURES / "pages.jsonl"
    app = ThreadExplorerApp(collection=DatasetCollection(str(dataset)), title="pages.jsonl", now=NOW)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if isinstance(app.screen, PageListScreen) and not app.screen.scanning:
                break
        await app.workers.wait_for_complete()
        await pilot.pause()
        list_screen = app.screen
        assert isinstance(list_screen, PageListScreen)
        await pilot.press("enter")
        for _ in range(100):
            await pilot.pause(0.02)
            if isinstance(app.screen, ExplorerScreen):
                break
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)
        assert any("NubianSundance" in row for row in rows(app))
        await pilot.press("question_mark")
        await pilot.press("escape", "escape")  # close help, then back to the list
        assert app.screen is list_screen
        await pilot.press("question_mark")
        assert "Open the page under the cursor" in " ".join(d for _, r in app.screen.sections for _, d in r)  # type: ignore[attr-defined]


def test_page_option_opens_that_page_of_a_dataset_directly(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}
    original = ThreadExplorerApp.run

    def headless_run(self: ThreadExplorerApp, **_: object) -> None:
        async def look(pilot: Pilot[None]) -> None:
            for _ in range(100):
                await pilot.pause(0.02)
                if isinstance(pilot.app.screen, ExplorerScreen):
                    break
            await pilot.pause()
            seen["screen"], seen["rows"] = pilot.app.screen, rows(pilot.app)  # type: ignore[arg-type]
            pilot.app.exit()

        original(self, headless=True, auto_pilot=look, size=SIZE)

    monkeypatch.setattr(ThreadExplorerApp, "run", headless_run)
    assert run_app(str(FIXTURES / "pages.jsonl"), page="1") == 0
    assert isinstance(seen["screen"], ExplorerScreen)
    assert any("NubianSundance" in row for row in seen["rows"])  # type: ignore[attr-defined]


def test_page_option_on_a_file_of_one_thread_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "page.txt"
    path.write_text("hello\n", encoding="utf-8")
    assert run_app(str(path), page="2") == 2
    assert capsys.readouterr().err == (
        f"thread-explorer: error: {path}: --page needs a file of many threads (a dataset); this is one thread\n"
    )
    assert run_app(str(FIXTURES / "pages.jsonl"), page="99") == 2
    assert "no page 99" in capsys.readouterr().err


def test_starting_the_app_leaves_the_markdown_parser_until_a_markdown_body_shows() -> None:
    check = "import sys, thread_explorer.ui.launch; print(sorted({m.split('.')[0] for m in sys.modules}))"
    done = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, timeout=60, check=True
    )
    loaded = done.stdout
    assert "textual" in loaded and "markdown_it" not in loaded and "pygments" not in loaded
