"""Fuzzy search as you type: selection, highlights, ancestors opened, the filter, n/N, escape."""

from __future__ import annotations

from ui_helpers import (
    SIZE,
    detail,
    highlighted,
    make_app,
    row_of,
    rows,
    selected_author,
    tree,
    wait_for_search,
)


async def test_a_misspelt_word_finds_the_comment_and_highlights_it() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"napolean")
        await wait_for_search(pilot, app)
        assert selected_author(app) == "carol"
        row = row_of(app, "Napoleon")
        assert "Napoleon" in highlighted(app, row)
        assert "search “napolean”" in str(app.screen.query_one("#status").render())
        assert "Napoleon to Hitler" in detail(app)


async def test_folded_ancestors_open_for_the_selected_match() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("minus")
        assert len(rows(app)) == 4
        await pilot.press("slash", *"napoleon", "enter")
        await wait_for_search(pilot, app)
        assert selected_author(app) == "carol"
        assert row_of(app, "Napoleon") > 0
        assert row_of(app, "Armenia") >= 0 and row_of(app, "How many divisions") >= 0
        assert app.focused is tree(app)  # enter: back to the tree, results kept


async def test_filter_hides_non_matching_rows_and_keeps_ancestors() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"pipeline")
        await wait_for_search(pilot, app)
        await pilot.press("ctrl+f")
        shown = rows(app)
        assert any("Sanctions never work, says the pipeline lobby" in row for row in shown)
        assert any("Deleted comment about pipeline" in row for row in shown)
        assert not any("Napoleon" in row or "Crimea" in row for row in shown)
        assert any("not markup" in row for row in shown)  # the parent of a match stays, as context
        await pilot.press("enter", "f")  # f in the tree: show everything again
        assert len(rows(app)) == 10


async def test_n_and_N_step_through_matches_in_page_order() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"pipeline", "enter")
        await wait_for_search(pilot, app)
        view = tree(app)
        order = [view.outline.nodes[n].id for n in view.matches]
        assert order == sorted(order, key=lambda cid: [n.id for n in view.outline.nodes].index(cid))
        await pilot.press("g", "n")
        first = view.selected
        await pilot.press("n")
        assert view.selected is not first
        await pilot.press("N")
        assert view.selected is first
        await pilot.press("N")  # wraps to the last match
        assert view.outline.nodes.index(view.selected) == view.matches[-1]  # type: ignore[arg-type]


async def test_escape_leaves_search_and_keeps_the_selection() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"napoleon")
        await wait_for_search(pilot, app)
        await pilot.press("ctrl+f", "escape")
        assert selected_author(app) == "carol"
        assert len(rows(app)) == 10
        assert highlighted(app, row_of(app, "Napoleon")) == ""
        assert not app.screen.query_one("#search").display
        assert app.focused is tree(app)


async def test_typing_in_the_search_line_does_not_trigger_keys() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"quiet pe", "question_mark")
        await wait_for_search(pilot, app)
        assert app.is_running
        assert app.screen.query_one("#search-input").value == "quiet pe?"  # type: ignore[attr-defined]
        assert len(rows(app)) == 10  # `-`, `1` etc. were not fold keys here


async def test_typing_leaves_no_trail_of_opened_threads() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("minus")
        await pilot.press("slash", *"napoleon")
        await wait_for_search(pilot, app)
        assert selected_author(app) == "carol"  # alice's thread opened to show it
        await pilot.press("ctrl+u")  # erase the query: back to how it was
        await wait_for_search(pilot, app)
        assert len(rows(app)) == 4 and tree(app).selected.kind == "article"  # type: ignore[union-attr]
        await pilot.press(*"sanctions")
        await wait_for_search(pilot, app)
        shown = rows(app)
        assert selected_author(app) == "bob" and any("Sanctions never work" in row for row in shown)
        assert not any("Napoleon" in row for row in shown)  # alice's thread folded again
        await pilot.press("escape")  # leaving keeps what the search opened, and the selection
        assert selected_author(app) == "bob" and len(rows(app)) == 5
