"""What the detail pane shows: paragraphs, the breadcrumb of deep replies, mail subjects, unknown authors."""

from __future__ import annotations

from paths import SEED
from textual.widgets import Static
from ui_helpers import SIZE, comment, detail, make_app, rows, tree

from thread_explorer.core.model import Article, Attach, Comment, Thread
from thread_explorer.ui.widgets.detail import DetailPane


def status(app) -> str:  # type: ignore[no-untyped-def]
    """The status line's text."""
    return str(app.screen.query_one("#status").render())


async def test_blank_line_runs_show_as_one_blank_line() -> None:
    thread = Thread(
        source="reddit.json",
        format="reddit",
        comments=[
            comment("t1_a", "Hoplite", "First!\n\nSecond\n\n\n\nThird"),
            comment("t1_b", "reader", "One line\nanother line"),
        ],
    )
    app = make_app(thread)
    async with app.run_test(size=SIZE) as pilot:
        assert "First!\n\nSecond\n\nThird" in detail(app)
        assert "\n\n\n" not in detail(app)
        await pilot.press("j")
        assert "One line\n\nanother line" in detail(app)  # page text: one paragraph a line, a gap between


async def test_a_deep_reply_shows_a_short_breadcrumb_and_its_text_at_once() -> None:
    top = node = Comment(id="d0", text="The very first word.", author="a0")
    for depth in range(1, 3000):
        reply = Comment(
            id=f"d{depth}", text=f"Reply number {depth}.", author=f"a{depth % 7}", attached_by=Attach.ID
        )
        node.add_reply(reply)
        node = reply
    thread = Thread(source="deep.json", comments=[top])
    thread.link_parents()
    app = make_app(thread)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G")
        assert "Reply number 2999." in detail(app).split("\n")[:4]  # the text at once, no diagnostics
        assert "Thread ›" not in detail(app)
        await pilot.press("i")  # the diagnostics, breadcrumb first
        lines = detail(app).split("\n")
        crumb = next(line for line in lines if line.startswith("Thread ›"))
        assert "… 2,994 more …" in crumb and len(crumb) < 400
        assert "The very first word." in crumb and "Reply number 2998." in crumb
        assert crumb.endswith("Reply number 2999.")
        assert "Reply number 2999." in lines[:8]  # the text follows within a few lines


async def test_a_mail_subject_is_shown() -> None:
    thread = Thread(
        source="list.mbox",
        format="mbox",
        comments=[
            comment("m1", "ann@example.org", "Body of the mail.", meta={"subject": "Re: [list] pipelines"})
        ],
    )
    app = make_app(thread)
    async with app.run_test(size=SIZE):
        assert "Subject: Re: [list] pipelines" in detail(app)


async def test_a_comment_without_author_says_unknown_in_the_tree_and_the_detail() -> None:
    thread = Thread(source="page.txt", comments=[comment("c1", None, "Nobody signed this.")])
    app = make_app(thread)
    async with app.run_test(size=SIZE) as pilot:
        assert rows(app)[0].startswith("• unknown  Nobody signed this.")
        assert detail(app).startswith("unknown\ntop-level comment\n\nNobody signed this.")
        await pilot.press("i")
        assert "Thread › unknown: Nobody signed this." in detail(app) and "anonymous" not in detail(app)


async def test_keys_on_an_empty_thread_say_nothing_is_selected() -> None:
    app = make_app(Thread())
    async with app.run_test(size=SIZE) as pilot:
        for key in ("p", "J", "a", "asterisk"):
            await pilot.press(key)
            assert "No comment selected" in status(app)
        assert tree(app).selected is None


async def test_search_highlights_land_on_the_matched_words_after_the_layout() -> None:
    thread = Thread(
        source="reddit.json",
        format="reddit",
        comments=[comment("t1_a", "Hoplite", "First!\n\n\n\nSecond paragraph\n\n\n\nThird pipeline here")],
    )
    app = make_app(thread)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"pipelin")
        await app.workers.wait_for_complete()
        await pilot.pause()
        body = app.screen.query_one(DetailPane).query_one("#detail-body", Static).content.renderables[-1]
        match = app.screen.query_one(DetailPane).get_component_rich_style("detail-pane--match")
        assert [body.plain[s.start : s.end] for s in body.spans if s.style == match] == ["pipelin"]


async def test_the_article_says_how_the_page_was_read() -> None:

    from thread_explorer.core.flatpage.reader import parse_text

    seed = SEED
    app = make_app(parse_text(seed.read_text(encoding="utf-8"), source="seed.txt"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        assert "Ends here because" not in detail(app)  # diagnostics behind i
        await pilot.press("i")
        shown = detail(app)
        assert "Ends here because: the article ends before line 14" in shown
        assert "Reading: markers detected before bodies" in shown and "--markers after" in shown
    post = Thread(
        source="r.json",
        format="reddit",
        article=Article(
            "Bridges\nHow were rivers crossed?", reason="the post's title and text (Reddit t3 item)"
        ),
        comments=[comment("abc", "ann", "By ford.")],
    )
    app = make_app(post)
    async with app.run_test(size=SIZE) as pilot:  # a post has no end on a page: it was read from a record
        await pilot.press("g")  # (i is still on: the setting is remembered)
        assert "Read from: the post's title and text (Reddit t3 item)" in detail(app)
        assert "Ends here because" not in detail(app)


async def test_quoted_lines_keep_their_marks_when_cut_to_the_pane() -> None:
    long_quote = "> > " + " ".join(["quoted words"] * 20)
    thread = Thread(
        source="list.mbox", format="mbox", comments=[comment("m1", "ann", f"{long_quote}\nMy answer.")]
    )
    app = make_app(thread)
    async with app.run_test(size=(80, 24)):
        lines = detail(app).split("\n")
        quoted = [line for line in lines if "quoted words" in line]
        assert len(quoted) > 1 and all(line.startswith("> > ") for line in quoted)
        assert "My answer." in lines


async def test_the_header_has_one_space_before_each_dot() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")  # alice: a time, a score and replies
        head = detail(app).split("\n")[0]
        assert head.startswith("alice · ") and head.endswith(" · ▲12 · 2 replies")
        assert "  " not in head


async def test_with_the_details_on_a_small_window_still_shows_the_text_first() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i", "j", "j", "j")  # carol, three deep: a long path from the root
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        lines = detail(app).split("\n")
        text = next(n for n, line in enumerate(lines) if line.startswith("Napoleon to Hitler"))
        assert text < pane.scrollable_content_region.height  # on screen without scrolling
        crumb = next(n for n, line in enumerate(lines) if line.startswith("Thread ›"))
        assert crumb > text and any(line.startswith("Attached:") for line in lines[text:])  # after it
