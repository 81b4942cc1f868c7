"""Fuzzy search as you type: selection, highlights, ancestors opened, the filter, n/N, escape."""

from __future__ import annotations

from ui_helpers import (
    SIZE,
    burst,
    comment,
    detail,
    highlighted,
    make_app,
    row_of,
    rows,
    selected_author,
    tree,
    wait_for_search,
)

from thread_explorer.core.model import Article, Thread
from thread_explorer.ui.app import ThreadExplorerApp
from thread_explorer.ui.screens.explorer import ExplorerScreen
from thread_explorer.ui.widgets.detail import DetailPane


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
        assert any("Deleted comment about pip" in row for row in shown)
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
        order = [view.outline.nodes[n].id for n in view.search.matches]
        assert order == sorted(order, key=lambda cid: [n.id for n in view.outline.nodes].index(cid))
        await pilot.press("g", "n")
        first = view.selected
        await pilot.press("n")
        assert view.selected is not first
        await pilot.press("N")
        assert view.selected is first
        await pilot.press("N")  # wraps to the last match
        assert view.outline.nodes.index(view.selected) == view.search.matches[-1]  # type: ignore[arg-type]


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


def pipeline_thread() -> Thread:
    """Matches for "pipeline" by alice, carol, bob and frank; bob and erin also have rows that do not match."""
    comments = [
        comment(
            "c1",
            "alice",
            "Pipelines are old news.",
            comment("c2", "bob", "I agree with that.", comment("c3", "carol", "The pipeline was sabotaged.")),
            comment("c4", "bob", "Pipeline politics again."),
        ),
        comment("c6", "erin", "Something unrelated.", comment("c7", "frank", "A pipeline here too.")),
    ]
    thread = Thread(source="pipes.txt", comments=comments)
    thread.link_parents()
    return thread


def status(app: ThreadExplorerApp) -> str:
    """The status line's text."""
    return str(app.screen.query_one("#status").render())


async def test_author_filter_on_a_context_row_with_no_match_says_so_and_keeps_the_selection() -> None:
    app = make_app(pipeline_thread())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"pipeline", "enter")
        await wait_for_search(pilot, app)
        await pilot.press("f", "G", "k")  # erin's row: shown dimmed, as the parent of frank's match
        assert selected_author(app) == "erin"
        await pilot.press("a")  # erin wrote nothing that matches
        shown = rows(app)
        assert shown[0] == "No comment matches both filters:" and "none by erin" in shown[1]
        assert not any("no comments" in row for row in shown)
        assert selected_author(app) == "erin" and "Something unrelated." in detail(app)
        assert "no comment matches both filters" in status(app)
        await pilot.press("n")  # there are matches, just none by erin
        assert "No match by erin (a: every author)" in status(app) and selected_author(app) == "erin"
        await pilot.press("escape")  # leave the search: erin's comments, the selection still on hers
        assert selected_author(app) == "erin" and row_of(app, "Something unrelated.") >= 0
        assert "search" not in status(app) and "only erin" in status(app)
        await pilot.press("escape")  # and the author filter goes too
        assert len(rows(app)) == 6 and selected_author(app) == "erin"


async def test_author_filter_on_a_context_row_shows_that_authors_matches() -> None:
    app = make_app(pipeline_thread())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"pipeline", "enter")
        await wait_for_search(pilot, app)
        await pilot.press("f", "g", "j")  # bob's reply: shown dimmed, as the parent of carol's match
        assert selected_author(app) == "bob" and "I agree" in detail(app)
        await pilot.press(
            "a"
        )  # bob's matching comments: the selection goes to his, not to alice's context row
        assert selected_author(app) == "bob" and "Pipeline politics again." in detail(app)
        shown = rows(app)
        assert any("Pipeline politics again." in row for row in shown)
        assert not any("carol" in row or "frank" in row for row in shown)


async def test_keys_typed_in_one_burst_after_slash_go_into_the_search() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "/", *"Armenai")  # the `e` and `a` are not export and author filter here
        await wait_for_search(pilot, app)
        assert isinstance(app.screen, ExplorerScreen)
        assert app.screen.query_one("#search-input").value == "Armenai"  # type: ignore[attr-defined]
        assert tree(app).search.author is None and selected_author(app) == "alice"
        await pilot.press("escape")
        await burst(pilot, "/", *"divisoins", "backspace", "backspace", "enter")  # a paste ending in enter
        await wait_for_search(pilot, app)
        assert tree(app).search.query == "divisoi" and selected_author(app) == "bob"
        assert app.focused is tree(app) and not app.screen.query_one("#search").display


async def test_keys_typed_in_one_burst_after_enter_or_escape_are_commands_again() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"divisions")
        await wait_for_search(pilot, app)
        assert selected_author(app) == "bob"
        await burst(pilot, "enter", "j", "j")  # done typing, then two moves down before the focus moved
        assert tree(app).search.query == "divisions" and selected_author(app) == "alice"  # bob, carol, alice
        assert app.focused is tree(app)
        await pilot.press("slash", *"Armenai")
        await wait_for_search(pilot, app)
        await burst(pilot, "escape", "/", *"Ukraine")  # leave, and search again at once
        await wait_for_search(pilot, app)
        assert app.screen.query_one("#search-input").value == "Ukraine"  # type: ignore[attr-defined]
        assert selected_author(app) == "dave"


async def test_keys_behind_the_enter_of_a_burst_search_move_from_its_best_match() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "/", *"divisions", "enter", "j", "j")  # typed faster than the search runs
        await wait_for_search(pilot, app)
        await pilot.pause()
        assert (
            tree(app).search.query == "divisions" and selected_author(app) == "alice"
        )  # bob (best), carol, alice
        assert app.focused is tree(app) and not app.screen.query_one("#search").display
        await pilot.press("escape")  # enter kept what the search opened: leaving keeps the selection
        assert selected_author(app) == "alice"


async def test_the_article_is_searched_too() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "slash", *"Rusia")  # misspelt; only the article says "Russia"
        await wait_for_search(pilot, app)
        assert tree(app).selected.kind == "article"  # type: ignore[union-attr]
        assert "Russia" in highlighted(app, 0)
        assert "1/1 match" in status(app)
        await pilot.press("ctrl+f")  # only matches: the article stays
        assert len(rows(app)) == 1 and rows(app)[0].startswith("■ Article")


async def test_a_match_far_down_a_long_article_is_scrolled_into_view() -> None:
    filler = "\n".join(f"Paragraph {n} says nothing in particular about anything." for n in range(60))
    thread = Thread(
        source="long.txt",
        article=Article(filler + "\nThe pipeline finally appears here.", (1, 61)),
        comments=[comment("c1", "alice", "A short comment.")],
    )
    app = make_app(thread)
    async with app.run_test(size=SIZE) as pilot:
        pane = app.screen.query_one(DetailPane)
        await pilot.press("slash", *"pipelnie")
        await wait_for_search(pilot, app)
        await pilot.pause()
        assert tree(app).selected.kind == "article"  # type: ignore[union-attr]
        assert pane.scroll_y > 60  # the match, not the first paragraphs, is on screen
        await pilot.press("escape", "j")
        await pilot.pause()
        assert pane.scroll_y == 0


async def test_the_status_line_fits_and_keeps_the_shown_count_with_search_and_author_filter() -> None:
    app = make_app()
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.press("slash", *"Sanctions never work, says the pipeline lobby", "enter")
        await wait_for_search(pilot, app)
        await pilot.press("f", "a")  # bob's comment matches: both filters on
        line = status(app)
        width = app.screen.query_one("#status").content_region.width
        assert len(line) <= width
        assert "2/8 shown" in line and "only bob" in line and "search “Sanctions" in line
        assert "1/1 match" in line


async def test_n_and_N_say_when_they_wrap() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"alice", "enter")
        await wait_for_search(pilot, app)
        view = tree(app)
        matches = list(view.search.matches)
        assert len(matches) >= 2
        await pilot.press("G")
        await pilot.press("n")  # past the last match: back to the first, and it says so
        assert view.cursor == matches[0]
        assert "search wrapped: back to the first match" in status(app)
        await pilot.press("N")  # before the first: on to the last
        assert view.cursor == matches[-1]
        assert "search wrapped: on to the last match" in status(app)
        await pilot.press("N")
        assert "wrapped" not in status(app)


async def test_the_search_index_is_built_in_the_background_as_soon_as_the_thread_shows() -> None:
    """No key pressed yet: the index is ready, so the first search does not wait for it to be built."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        assert screen._index is not None and len(screen._index.comments) == len(screen.outline.nodes)
        await pilot.press("slash", *"armenai")
        await wait_for_search(pilot, app)
        assert selected_author(app) == "alice"
