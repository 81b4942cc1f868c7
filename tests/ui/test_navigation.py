"""Moving around the tree with the keys of issue 3, and what the detail pane shows for the selection."""

from __future__ import annotations

from ui_helpers import SIZE, detail, make_app, rows, selected_author, selected_text, tree

from thread_explorer.ui.widgets.thread_view import ThreadView


async def test_opens_on_the_article_with_every_comment_visible() -> None:
    app = make_app()
    async with app.run_test(size=SIZE):
        shown = rows(app)
        assert shown[0].startswith("■ Article  NATO and Russia held a rare meeting.")
        assert len(shown) == 10  # the article and 9 entries
        assert "Article" in detail(app) and "Both sides accuse each other." in detail(app)
        assert app.screen.sub_title == "8 comments · 3 threads · 1 missing · 6 authors"


async def test_j_k_g_G_move_the_selection_and_the_detail_follows() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert selected_author(app) == "alice"
        assert "Armenia is looking to be a real trouble spot." in detail(app)
        await pilot.press("down", "j")
        assert selected_author(app) == "carol"
        await pilot.press("k")
        assert selected_author(app) == "bob"
        await pilot.press("G")
        assert selected_author(app) == "gina"
        await pilot.press("g")
        assert tree(app).selected.kind == "article"  # type: ignore[union-attr]
        await pilot.press("end", "up", "home")
        assert tree(app).selected.kind == "article"  # type: ignore[union-attr]


async def test_detail_shows_the_text_first_and_the_diagnostics_behind_i_remembered() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j")
        lines = detail(app).split("\n")
        assert lines[0].startswith("carol")
        assert lines[1] == "reply to bob: its marker names the parent exactly"
        assert lines[3].startswith("Napoleon to Hitler")  # the text at once
        assert "lines 10-11" not in detail(app) and "Thread ›" not in detail(app)
        await pilot.press("i")
        text = detail(app)
        assert "lines 10-11" in text
        assert "alice: Armenia is looking to be a" in text and "bob: How many divisions" in text
        assert "Attached: exact — marker subject equals the parent's subject" in text
        assert "In reply to How many divisions does… by bob  (line 9)" in text
    again = make_app()  # a new run remembers the choice (the settings file)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j")
        assert "lines 10-11" in detail(again)


async def test_p_walks_up_and_backspace_walks_back_down() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j")
        assert selected_author(app) == "carol"
        await pilot.press("p")
        assert selected_author(app) == "bob"
        await pilot.press("p")
        assert selected_author(app) == "alice"
        await pilot.press("backspace")
        assert selected_author(app) == "bob"
        await pilot.press("backspace")
        assert selected_author(app) == "carol"
        await pilot.press("backspace")  # history empty: stays, says so
        assert selected_author(app) == "carol"


async def test_siblings_and_top_level_threads() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j")  # bob, first reply of alice
        await pilot.press("J")
        assert selected_author(app) == "dave"
        await pilot.press("K")
        assert selected_author(app) == "bob"
        await pilot.press("}")
        assert selected_author(app) == "erin"
        await pilot.press("}")
        assert tree(app).selected.placeholder  # type: ignore[union-attr]
        await pilot.press("{", "{")
        assert selected_author(app) == "alice"
        await pilot.press("j", "j", "{")  # inside a thread, `{` goes to its top first
        assert selected_author(app) == "alice"


async def test_l_and_h_unfold_fold_or_move() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "l")  # alice is open: l goes to the first reply
        assert selected_author(app) == "bob"
        await pilot.press("h")  # bob is open: h folds it
        assert any("bob" in row and "+2 hidden" in row for row in rows(app))
        await pilot.press("h")  # folded: h goes to the parent
        assert selected_author(app) == "alice"
        await pilot.press("j", "right")  # folded bob: right unfolds
        assert selected_author(app) == "bob"
        assert not any("hidden" in row for row in rows(app))
        await pilot.press("left", "left")
        assert selected_author(app) == "alice"


async def test_author_filter_and_next_by_same_author() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j")  # bob
        await pilot.press("asterisk")
        assert selected_text(app).startswith("Sanctions never work")
        await pilot.press("asterisk")  # wraps around to the first
        assert selected_text(app).startswith("How many divisions")
        await pilot.press("a")
        shown = rows(app)
        assert sum("bob" in row for row in shown) == 2
        assert not any("carol" in row or "dave" in row or "gina" in row for row in shown)
        assert any("alice" in row for row in shown)  # kept as the context of bob's reply
        await pilot.press("a")
        assert len(rows(app)) == 10


async def test_mouse_click_selects_and_click_on_marker_folds() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = tree(app)
        top = view.content_region.y
        await pilot.click(offset=(view.content_region.x + 20, top + 5))
        assert selected_author(app) == "dave"
        assert len(rows(app)) == 10
        await pilot.click(offset=(view.content_region.x + 0, top + 1))  # alice's ▾
        assert selected_author(app) == "alice"
        assert len(rows(app)) == 6
        assert "+4 hidden" in rows(app)[1] and rows(app)[1].startswith("▸")


async def test_enter_on_a_leaf_opens_it_in_the_detail_pane() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the article
        assert app.focused is app.screen.query_one("DetailPane")
        await pilot.press("escape")
        assert app.focused is tree(app)


async def test_help_lists_every_key_binding() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        from thread_explorer.ui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        described = {description for _, rows_ in app.screen.sections for _, description in rows_}
        for binding in ThreadView.BINDINGS:
            assert (binding.tooltip or binding.description) in described  # type: ignore[union-attr]
        keys = {keys for _, rows_ in app.screen.sections for keys, _ in rows_}
        assert {"j / ↓", "p", "Backspace", "1…9", "}", "/", "e", "y", "q", "?"} <= keys
        dialog = app.screen.query_one("#help-dialog")
        await pilot.press("j", "j", "j")  # the list scrolls with the keys it teaches (found by the newcomer)
        assert dialog.scroll_y == 3
        await pilot.press("k")
        assert dialog.scroll_y == 2
        await pilot.press("G")
        assert dialog.scroll_y == dialog.max_scroll_y > 3
        await pilot.press("g")
        assert dialog.scroll_y == 0
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_command_palette_runs_explorer_actions_by_name() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        await pilot.press(*"fold all")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert len(rows(app)) == 4


async def test_the_breadcrumb_uses_the_width_it_has() -> None:
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.press("i", "j", "j", "j")
        assert "Thread › alice: Armenia is looking to be a real trouble spot. › bob: How many" in detail(app)
