"""The export dialog and the clipboard copy: files written, formats, overwrite prompt."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets._toast import Toast
from ui_helpers import SIZE, comment, make_app, make_thread

from thread_explorer.core.formats.native import from_dict
from thread_explorer.core.load import load_text
from thread_explorer.core.model import Article, Comment, Thread
from thread_explorer.ui.screens import explorer
from thread_explorer.ui.screens import export as export_screen
from thread_explorer.ui.screens.confirm import ConfirmScreen
from thread_explorer.ui.screens.export import ExportScreen, FormatChoice
from thread_explorer.ui.widgets.thread_view import ThreadView


async def settle(pilot, app) -> None:  # type: ignore[no-untyped-def]
    """Let the export worker write and the dialog close."""
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_export_json_of_the_selected_subtree_with_the_default_name(in_tmp: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "e")  # bob's reply and its two replies
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("enter")
        await settle(pilot, app)
        assert not isinstance(app.screen, ExportScreen)
        written = in_tmp / "thread-c2-bob.json"
        thread = from_dict(json.loads(written.read_text(encoding="utf-8")))
        assert [c.author for c in thread.walk()] == ["bob", "carol", "alice"]
        assert any(n.message == f"Wrote 3 comments as json to {written}" for n in app._notifications)
        status = str(app.screen.query_one("#status").render())  # cut in the middle to fit: the name shows
        assert "Wrote 3 comments as json to" in status and status.endswith("/thread-c2-bob.json")


async def test_arrow_picks_markdown_and_the_file_name_follows(in_tmp: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "e", "down")
        assert app.screen.query_one("#export-path").value == str(in_tmp / "thread-c1-alice.md")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot, app)
        text = (in_tmp / "thread-c1-alice.md").read_text(encoding="utf-8")
        assert "**alice**" in text and "Napoleon to Hitler" in text and "Sanctions" not in text


async def test_text_export_of_the_whole_thread_from_the_article_reparses(in_tmp: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "down", "down", "enter")
        await settle(pilot, app)
        text = (in_tmp / "thread.txt").read_text(encoding="utf-8")
        assert text.startswith("NATO and Russia held a rare meeting.")
        again = load_text(text)
        assert sum(1 for c in again.walk() if not c.placeholder) == 8


async def test_a_typed_path_is_used(in_tmp: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "e", "tab")
        field = app.screen.query_one("#export-path")
        field.value = "mine.json"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot, app)
        assert json.loads((in_tmp / "mine.json").read_text(encoding="utf-8"))["schema"] == "thread-explorer/1"


async def test_an_existing_file_is_never_overwritten_without_asking(in_tmp: Path) -> None:
    target = in_tmp / "thread-c1-alice.json"
    target.write_text("keep me", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "e", "enter")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot, app)
        assert target.read_text(encoding="utf-8") == "keep me"
        assert isinstance(app.screen, ExportScreen)
        assert "Not written" in str(app.screen.query_one("#export-error").render())
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot, app)
        assert json.loads(target.read_text(encoding="utf-8"))["comments"][0]["author"] == "alice"


async def test_a_missing_folder_is_reported_in_the_dialog(in_tmp: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "e", "tab")
        app.screen.query_one("#export-path").value = "no/such/dir/x.json"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, ExportScreen)
        assert "does not exist" in str(app.screen.query_one("#export-error").render())
        await pilot.press("escape")
        assert not isinstance(app.screen, ExportScreen)
        assert list(in_tmp.iterdir()) == []


async def test_y_copies_the_subtree_as_markdown() -> None:
    app = make_app()
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(copied) == 1
        assert (
            "**bob**" in copied[0]
            and "Napoleon to Hitler" in copied[0]
            and "real trouble spot" not in copied[0]
        )


async def test_a_typed_ending_picks_the_format_and_a_picked_format_changes_the_ending(in_tmp: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "e", "tab", "ctrl+u", *"notes.md")  # JSON was chosen
        await pilot.pause()
        assert "Writes Markdown" in str(app.screen.query_one("#export-note").render())
        assert app.screen.query_one(FormatChoice).pressed_button.name == "markdown"  # type: ignore[union-attr]
        await pilot.press("shift+tab", "up")  # back to the list, JSON: the ending follows
        assert app.screen.query_one("#export-path").value == "notes.json"  # type: ignore[attr-defined]
        await pilot.press("tab", "ctrl+u", *"notes.markdown", "enter")  # typed and written at once
        await settle(pilot, app)
        text = (in_tmp / "notes.markdown").read_text(encoding="utf-8")
        assert text.lstrip().startswith(("#", "**", "-")) and "**alice**" in text and not text.startswith("{")
        assert "as markdown" in str(app.screen.query_one("#status").render())


async def test_other_endings_keep_the_chosen_format(in_tmp: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "e", "down", "tab", "ctrl+u", *"notes.log", "enter")  # Markdown chosen
        await settle(pilot, app)
        assert "**alice**" in (in_tmp / "notes.log").read_text(encoding="utf-8")


async def test_the_default_name_of_a_dataset_page_export_names_the_page(in_tmp: Path) -> None:
    thread = make_thread()
    thread.source = "pages.jsonl#12"
    thread.meta["page"] = 12
    app = make_app(thread)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert app.screen.query_one("#export-path").value == str(in_tmp / "thread-p12.json")  # type: ignore[attr-defined]
        await pilot.press("escape", "j", "e", "down", "enter")
        await settle(pilot, app)
        assert (in_tmp / "thread-p12-c1-alice.md").is_file()


async def test_y_on_a_huge_subtree_copies_nothing_and_points_to_export(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    big = "Words of a very long comment. " * 200
    thread = Thread(
        source="big.txt",
        article=Article("A page with many comments.", (1, 1)),
        comments=[
            comment(
                "c1", "alice", "Top of a huge thread.", *[comment(f"r{n}", "bob", big) for n in range(300)]
            )
        ],
    )
    thread.link_parents()
    built: list[str] = []
    real = explorer.export_thread
    monkeypatch.setattr(explorer, "export_thread", lambda *args: built.append("md") or real(*args))
    app = make_app(thread)
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        await settle(pilot, app)
        assert copied == [] and built == []  # ~1.8 MB: refused from an estimate, never built
        notes = [n.message for n in app._notifications]
        assert any("Not copied" in n and "Press e to export" in n for n in notes)
        assert "not copied (too big for the clipboard): e exports it" in str(
            app.screen.query_one("#status").render()
        )
        await pilot.press("j", "j", "y")  # one reply is small: copied
        await settle(pilot, app)
        assert len(copied) == 1 and copied[0].count("Words of a very long comment.") == 200


async def test_y_says_at_once_that_it_is_copying(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()
    real = explorer.export_thread
    monkeypatch.setattr(explorer, "export_thread", lambda *args: release.wait(5) and real(*args))
    app = make_app()
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "y")
        assert "copying the subtree as Markdown…" in str(app.screen.query_one("#status").render())
        await pilot.press("j")  # the screen still answers keys meanwhile
        assert app.screen.query_one(ThreadView).selected.author == "bob"  # type: ignore[union-attr]
        release.set()
        await settle(pilot, app)
        assert len(copied) == 1 and "**alice**" in copied[0]


def big_thread(count: int) -> Thread:
    """An article and a flat thread of `count` comments, each a few hundred characters."""
    thread = Thread(
        source="big.txt",
        article=Article("A page with many comments.", (1, 1)),
        comments=[Comment(id=f"c{n}", text="word " * 80, author=f"a{n % 50}") for n in range(count)],
    )
    thread.link_parents()
    return thread


async def test_escape_while_a_large_export_writes_cancels_it_and_leaves_no_file(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()  # the write pauses after some chunks, so escape comes while it writes
    real = export_screen.export_chunks

    def paused(*args: object) -> Iterator[bytes]:
        for n, chunk in enumerate(real(*args)):  # type: ignore[arg-type]
            if n == 1:  # JSON comes in a few dozen chunks: pause after the first
                gate.wait(5)
            yield chunk

    monkeypatch.setattr(export_screen, "export_chunks", paused)
    app = make_app(big_thread(5_000), export_dir=in_tmp)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("e", "enter")
        await pilot.pause(0.05)
        dialog = app.screen
        assert isinstance(dialog, ExportScreen) and dialog.writing  # progress is shown while it writes
        assert dialog.query_one("#export-progress").display
        await pilot.press("escape")
        assert not isinstance(app.screen, ExportScreen)  # closes at once
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "export cancelled: no file written" in str(app.screen.query_one("#status").render())
    assert list(in_tmp.iterdir()) == []  # neither the export nor its temporary file


async def test_notifications_never_cover_the_status_line(in_tmp: Path) -> None:
    app = make_app()
    app.copy_to_clipboard = lambda text: None  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("j", "e", "down", "enter")
        await settle(pilot, app)
        await pilot.pause()
        status = app.screen.query_one("#status")
        toasts = list(app.screen.query(Toast))
        assert toasts and all(toast.region.bottom <= status.region.y for toast in toasts)
        await pilot.press("y")
        await settle(pilot, app)
        assert "Copied the subtree as Markdown (" in str(status.render())  # the whole message, readable
        assert not [n for n in app._notifications if n.message.startswith("Copied")]  # not twice


async def test_the_dialog_opens_on_the_last_format_written_even_in_a_new_session(in_tmp: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "e", "down", "enter")  # Markdown
        await settle(pilot, app)
        assert (in_tmp / "thread-c1-alice.md").exists()
        await pilot.press("j", "e")
        assert isinstance(app.screen, ExportScreen) and app.screen.fmt == "markdown"
        assert app.screen.query_one("#export-path").value.endswith("thread-c2-bob.md")  # type: ignore[attr-defined]
        await pilot.press("escape")  # a cancelled dialog changes nothing
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("e", "enter")
        await settle(pilot, again)
        assert (in_tmp / "thread.md").exists()
