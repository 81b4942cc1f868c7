"""The keys readers expect, pressed for real: pager keys, go to, links, sibling order, statistics, toggles."""

from __future__ import annotations

import io
from typing import Any

import pytest
from paths import FIXTURES
from rich.console import Console
from textual.widgets import Static
from ui_helpers import comment, detail, make_app, rows, selected_author, tree

from thread_explorer.core.load import load_thread
from thread_explorer.core.model import Thread
from thread_explorer.ui.app import ThreadExplorerApp
from thread_explorer.ui.screens import explorer
from thread_explorer.ui.screens.goto import LinksScreen
from thread_explorer.ui.screens.stats import StatsScreen
from thread_explorer.ui.widgets.detail import DetailPane

SMALL = (80, 24)


def status(app: ThreadExplorerApp) -> str:
    return str(app.screen.query_one("#status").render())


def long_thread() -> Thread:
    text = "\n".join(f"Paragraph {n} of a long comment that goes on for a while." for n in range(1, 61))
    thread = Thread(source="long.txt", comments=[comment("c1", "alice", text), comment("c2", "bob", "short")])
    thread.link_parents()
    return thread


async def test_pager_keys_in_the_detail_pane_at_80x24() -> None:
    app = make_app(long_thread())
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("enter")  # a leaf: read it
        pane = app.screen.query_one(DetailPane)
        assert app.focused is pane and "Paragraph 1 of" in detail(app)
        height = pane.scrollable_content_region.height
        await pilot.press("space")
        assert pane.scroll_offset.y == height - 2
        await pilot.press("b")
        assert pane.scroll_offset.y == 0
        await pilot.press("ctrl+d")
        assert pane.scroll_offset.y == height // 2
        await pilot.press("ctrl+u")
        assert pane.scroll_offset.y == 0
        await pilot.press("ctrl+f", "ctrl+f")
        assert pane.scroll_offset.y == 2 * (height - 2)
        await pilot.press("ctrl+b")
        assert pane.scroll_offset.y == height - 2
        await pilot.press("G")
        assert pane.scroll_offset.y == pane.max_scroll_y > 0
        await pilot.press("g")
        assert pane.scroll_offset.y == 0
        await pilot.press("escape")
        assert app.focused is tree(app)


async def test_ctrl_d_and_ctrl_u_move_half_a_screen_in_the_tree() -> None:
    thread = Thread(
        source="many.txt", comments=[comment(f"c{n}", f"a{n}", f"comment {n}") for n in range(60)]
    )
    app = make_app(thread)
    async with app.run_test(size=SMALL) as pilot:
        view = tree(app)
        half = view.scrollable_content_region.height // 2
        await pilot.press("ctrl+d")
        assert view.cursor == half
        await pilot.press("ctrl+d", "ctrl+u")
        assert view.cursor == half


async def test_colon_goes_to_a_comment_by_id_or_line_inside_folded_ancestors() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("minus")  # fold every thread
        assert not any("carol" in row for row in rows(app))
        await pilot.press("colon", *"c3", "enter")
        assert selected_author(app) == "carol" and any("carol" in row for row in rows(app))
        await pilot.press("backspace")  # the jump is in the history
        assert tree(app).selected is not None and tree(app).selected.kind == "article"
        await pilot.press("colon", *"13", "enter")  # a source line: dave's comment is line 13
        assert selected_author(app) == "dave"
        await pilot.press("colon", *"nosuch", "enter")
        assert "no comment with id or line nosuch" in status(app)


async def test_colon_takes_the_reddit_fullname_the_detail_pane_shows() -> None:
    """The prompt suggests `t1_abc` and the detail pane shows a Reddit comment's fullname: both lead to it."""
    thread = Thread(
        source="r.json",
        format="reddit",
        comments=[
            comment("abc", "ann", "first", meta={"name": "t1_abc"}),
            comment("xyz", "bob", "second", meta={"name": "t1_xyz"}),
        ],
    )
    app = make_app(thread)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("colon", *"t1_xyz", "enter")
        assert selected_author(app) == "bob"
    assert thread.find("t1_abc") is thread.comments[0] and thread.find("t3_abc") is None


async def test_o_lists_links_opens_the_chosen_one_and_Y_copies_it(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(explorer.webbrowser, "open", lambda url: opened.append(url) or True)
    thread = Thread(
        source="links.txt",
        comments=[
            comment(
                "c1",
                "alice",
                "See https://example.org/a, and (https://example.net/b). Also https://example.org/a",
            ),
            comment("c2", "bob", "no links here"),
        ],
    )
    app = make_app(thread)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, LinksScreen)
        assert app.screen.links == ["https://example.org/a", "https://example.net/b"]
        await pilot.press("down", "enter")
        assert opened == ["https://example.net/b"]
        await pilot.press("o", "Y")
        assert copied == ["https://example.org/a"] and "copied https://example.org/a" in status(app)
        await pilot.press("j", "o")
        assert not isinstance(app.screen, LinksScreen) and "no links in this comment" in status(app)


async def test_s_cycles_the_sibling_order_where_the_source_has_scores_and_times() -> None:
    app = make_app(load_thread(str(FIXTURES / "reddit_thread.json")))
    async with app.run_test(size=(120, 40)) as pilot:
        view = tree(app)

        def top_level() -> list[Any]:
            return [
                view.outline.nodes[n] for n in view.outline.roots if view.outline.nodes[n].kind == "comment"
            ]

        page = [c.id for c in top_level()]
        await pilot.press("s")
        assert "siblings by score" in status(app)
        scores = [c.score or 0 for c in top_level()]
        assert scores == sorted(scores, reverse=True)
        await pilot.press("s")
        assert "siblings by time" in status(app)
        times = [c.time for c in top_level()]
        assert times == sorted(times)
        await pilot.press("s", "s")
        assert [c.id for c in top_level()] == page  # back to page order
    plain = make_app()  # no scores on most, no times: the order still cycles over what exists
    async with plain.run_test(size=SMALL) as pilot:
        await pilot.press("s")
        assert "siblings by" in status(plain)


async def test_a_new_sibling_order_keeps_the_folds_the_filters_and_the_search() -> None:
    """`s` rebuilt the view from scratch: what the user had folded, the depth view, the author filter and the
    search with its match filter were all gone (found by the newcomer's run)."""
    app = make_app(load_thread(str(FIXTURES / "reddit_thread.json")))
    async with app.run_test(size=(120, 40)) as pilot:
        view = tree(app)

        def shown_ids() -> set[str]:
            return {view.outline.nodes[n].id for n in view.outline.rows}

        await pilot.press("2")  # top-level comments and their direct replies
        two_levels = shown_ids()
        assert "kd2" in two_levels and "kd3" not in two_levels
        await pilot.press("s")
        assert "siblings by score" in status(app) and shown_ids() == two_levels
        await pilot.press("9", "slash", *"Verbruggen", "enter", "f")
        assert shown_ids() == {"kc1", "kd2", "kd3"}
        await pilot.press("s")
        assert "siblings by time" in status(app) and shown_ids() == {"kc1", "kd2", "kd3"}
        await pilot.press("n")
        assert view.selected is not None and view.selected.id == "kd3"
        await pilot.press("escape", "escape", ":", *"kc1", "enter", "a")  # only Hoplite_Historian's comments
        only_hoplite = shown_ids()
        assert {"kc1", "kd3"} <= only_hoplite and not {"kd1", "kc2", "kd5"} & only_hoplite
        await pilot.press("s")
        assert shown_ids() == only_hoplite and "only Hoplite_Historian" in status(app)


async def test_the_original_poster_is_marked_in_rows_and_detail() -> None:
    thread = Thread(
        source="r.json",
        format="reddit",
        meta={"author": "alice"},
        comments=[comment("t1_a", "bob", "Question?", comment("t1_b", "alice", "My own answer."))],
    )
    thread.link_parents()
    app = make_app(thread)
    async with app.run_test(size=SMALL) as pilot:
        assert [row for row in rows(app) if "alice OP " in row] and not [
            r for r in rows(app) if "bob OP" in r
        ]
        await pilot.press("j")
        assert detail(app).startswith("alice OP")


async def test_S_shows_thread_statistics() -> None:
    app = make_app(load_thread(str(FIXTURES / "reddit_thread.json")))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("S")
        assert isinstance(app.screen, StatsScreen)
        titles = [title for title, _ in app.screen.charts]
        assert titles[0] == "Comments by depth" and any(t.startswith("Comments over time") for t in titles)
        assert any(t.startswith("Top authors") for t in titles) and "How comments were attached" in titles
        depth = dict(app.screen.charts[0][1])
        attached = dict(app.screen.charts[-1][1])
        assert depth["depth 1"] >= 1 and sum(depth.values()) == sum(attached.values()) == 8
        authors = next(rows for title, rows in app.screen.charts if title.startswith("Top authors"))
        thread_stats = app.screen.charts  # [deleted] is no author, as the title and `stats` count them
        assert "[deleted]" not in dict(authors) and any(
            title
            == f"Top authors (of {load_thread(str(FIXTURES / 'reddit_thread.json')).stats()['authors']})"
            for title, _ in thread_stats
        )
        await pilot.press("escape")
        assert not isinstance(app.screen, StatsScreen)


async def test_t_toggles_dates_and_ages_and_mail_starts_with_dates() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert "3h ▲12" in rows(app)[1]
        await pilot.press("j", "t")
        assert "2023-11-14 ▲12" in rows(app)[1] and "2023-11-14 19:13 UTC" in detail(app)
        await pilot.press("t")
        assert "3h ▲12" in rows(app)[1]


async def test_mail_shows_subjects_and_dates_in_rows_and_detail() -> None:
    mail = make_app(load_thread(str(FIXTURES / "list.mbox")))
    async with mail.run_test(size=(120, 40)):
        first = rows(mail)[0]
        assert "Alice Liddell OP 2024-03-04  [dev] Proposal: drop Pytho" in first
        assert detail(mail).startswith("Alice Liddell OP · 2024-03-04 09:12 UTC")
        assert "Subject: [dev] Proposal: drop Python 3.8 support" in detail(mail)
        assert "Re: [dev]" not in rows(mail)[1]  # a reply under the same subject shows its words instead


async def test_r_renders_markdown_of_reddit_as_data_and_never_for_page_text() -> None:
    thread = Thread(
        source="r.json",
        format="reddit",
        comments=[
            comment("t1_a", "alice", "Some **bold** words, [a link](https://example.org) and [red]x[/red]")
        ],
    )
    app = make_app(thread)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "**bold**" in detail(app)
        await pilot.press("r")
        assert "Markdown rendered" in status(app)
        body = app.screen.query_one("#detail-body", Static)
        console = Console(width=60, record=True, file=io.StringIO())
        console.print(body.content)
        shown = console.export_text()
        assert "Some bold words" in shown and "**" not in shown
        assert "[red]x[/red]" in shown  # Rich markup in the text stays text
        assert "\x1b]8;" not in console.export_text(styles=True)  # no hyperlink to follow
        await pilot.press("r")
        assert "as written" in status(app) and "**bold**" in detail(app)
        await pilot.press("slash", *"bold", "enter", "r")  # a search highlights the text as written
        assert "Markdown shown once the search is left" in status(app) and "**bold**" in detail(app)
    page = make_app()
    async with page.run_test(size=SMALL) as pilot:
        await pilot.press("j", "r")
        assert "nothing to render" in status(page)


async def test_each_thread_of_a_mailbox_marks_its_own_starter_as_op() -> None:
    mail = load_thread(str(FIXTURES / "list.mbox"))  # Alice's thread, one under a missing parent, Heidi's
    app = make_app(mail)
    async with app.run_test(size=(120, 40)) as pilot:
        shown = rows(app)
        assert any("Alice Liddell OP" in row for row in shown)
        assert any("Heidi OP" in row for row in shown)  # she started her own thread
        assert not any(" OP " in row for row in shown if "Dave" in row or "Erin" in row)  # nobody known did
        await pilot.press("G")  # Heidi's message, the last
        assert detail(app).startswith("Heidi OP")
