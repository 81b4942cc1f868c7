"""Comment text is data: Rich markup and terminal escapes in it are shown literally, never interpreted."""

from __future__ import annotations

from ui_helpers import SIZE, comment, detail, make_app, rows, tree, wait_for_search

from thread_explorer.core.model import Thread


async def test_markup_and_escapes_show_literally_in_row_and_detail() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("}", "}")
        assert tree(app).selected.author == "erin"  # type: ignore[union-attr]
        row = next(r for r in rows(app) if "erin" in r)
        assert "[bold red]not markup[/] and ␛[2J no escape" in row
        assert "[bold red]not markup[/] and ␛[2J no escape either" in detail(app)
        strip = tree(app).render_line(rows(app).index(row))
        assert all("\x1b" not in segment.text for segment in strip)


async def test_hostile_author_names_and_search_queries_are_plain_text() -> None:
    thread = Thread(comments=[comment("x1", "[link=x]me[/]", "body with \x9b31m C1 CSI and \x07 bell")])
    app = make_app(thread)
    async with app.run_test(size=SIZE) as pilot:
        shown = rows(app)[0]
        assert "[link=x]me[/]" in shown
        assert "␦31m C1 CSI and ␇ bell" in shown
        await pilot.press("slash", *"[bold]")
        await wait_for_search(pilot, app)
        assert "“[bold]”" in str(app.screen.query_one("#status").render())
        assert "[link=x]me[/]" in detail(app)


async def test_an_empty_thread_says_so_and_keys_do_nothing_harmful() -> None:
    app = make_app(Thread())
    async with app.run_test(size=SIZE) as pilot:
        assert rows(app) == ["This thread has no comments."]
        await pilot.press(
            "j", "k", "G", "space", "p", "backspace", "J", "}", "minus", "plus", "3", "a", "asterisk"
        )
        await pilot.press("n", "f", "y")
        assert app.is_running
        assert "This thread has no comments." in detail(app)
