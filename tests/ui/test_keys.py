"""One key table: the footer, the help screen, the palette and the README all come from `ui/keys.py`."""

from __future__ import annotations

from typing import Any

from paths import FIXTURES, ROOT
from textual.binding import Binding
from ui_helpers import SIZE, make_app, rows, tree

from thread_explorer.core.datasets.collection import DatasetCollection
from thread_explorer.ui.app import ThreadExplorerApp
from thread_explorer.ui.keys import KEYS, help_sections, key_name, markdown_table, palette_keys
from thread_explorer.ui.screens.help import HelpScreen
from thread_explorer.ui.widgets.detail import DetailPane
from thread_explorer.ui.widgets.thread_view import ThreadView


def test_the_readme_key_table_is_the_key_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "README key table is stale; paste keys.markdown_table() into it"
    for key in KEYS:
        if key.owner in ("tree", "detail", "screen", "app", "search"):
            for name in key.keys.split(","):
                assert f"`{key_name(name)}" in readme or name.isdigit()  # 1…9 share one row


def test_widget_bindings_are_built_from_the_table() -> None:
    def actions(widget: type[Any]) -> set[str]:
        return {b.action for b in widget.BINDINGS if isinstance(b, Binding)}

    assert actions(ThreadView) == {k.action for k in KEYS if k.owner == "tree"}
    assert actions(DetailPane) == {k.action for k in KEYS if k.owner == "detail"}


async def test_help_lists_every_key_and_the_palette_offers_actions_by_name() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        listed = {text for _, section in app.screen.sections for _, text in section}
        assert {k.help for k in KEYS if k.owner in ("tree", "detail", "screen", "app")} <= listed
        await pilot.press("escape")
        names = [k.palette for k in palette_keys()]
        assert "Export subtree…" in names and "Only this author" in names
        assert len(help_sections()) >= 6


async def test_a_double_click_on_a_row_folds_it_and_does_not_crash() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = tree(app)
        before = len(rows(app))
        await pilot.double_click(ThreadView, offset=(10, 2))  # alice's row (inside the border)
        await pilot.pause()
        assert app.is_running
        assert view.selected is not None and view.selected.author == "alice"
        assert len(rows(app)) < before  # her thread folded


async def test_the_page_list_has_its_own_help_and_the_palette_keys_entry_opens_ours() -> None:
    app = ThreadExplorerApp(collection=DatasetCollection(str(FIXTURES / "pages.jsonl")), title="pages.jsonl")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        texts = [text for _, rows in app.screen.sections for _, text in rows]
        assert "Open the page under the cursor" in texts and "Open it" in texts
        assert "Fold / unfold it" not in texts and "Select a comment" not in texts  # not the tree's
        await pilot.press("escape")
        keys = [c for c in app.get_system_commands(app.screen) if c.title == "Keys"]
        assert len(keys) == 1
        keys[0].callback()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")  # closes, unlike Textual's own Keys panel
        assert not isinstance(app.screen, HelpScreen)
