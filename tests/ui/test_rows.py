"""What a row says for comments from structured sources: age and score by the author, "more" stubs, mail."""

from __future__ import annotations

from itertools import pairwise

from ui_helpers import NOW, SIZE, comment, detail, make_app, rows

from thread_explorer.core.model import Comment, Kind, Thread
from thread_explorer.ui.outline import Outline
from thread_explorer.ui.rows import guide_prefix


def sourced_thread() -> Thread:
    """A Reddit-like thread (times, scores, a "more" stub) with a mail-like reply quoting its parent."""
    thread = Thread(
        comments=[
            comment(
                "t1_a",
                "Hoplite",
                "Mostly by fords.",
                comment(
                    "t1_b",
                    "reader",
                    "On Mon, Mar 4, 2024 at 9:12 AM Hoplite wrote:\n> Mostly by fords.\nWhich ones?",
                    time=NOW - 5 * 86400,
                    score=-3,
                ),
                comment("more_1", None, "12 more replies", kind=Kind.MORE),
                time=NOW - 2 * 3600,
                score=812,
            ),
        ]
    )
    thread.link_parents()
    return thread


async def test_age_and_score_follow_the_author_and_stubs_say_what_they_are() -> None:
    app = make_app(sourced_thread())
    async with app.run_test(size=SIZE) as pilot:
        shown = rows(app)
        assert shown[0].startswith("▾ Hoplite 2h ▲812  Mostly by fords.") and shown[0].endswith("2 replies")
        assert shown[1].startswith("├─• reader 5d ▲-3  Which ones?")  # own words, not the quote
        assert shown[2].startswith("└─• more: 12 more replies")
        await pilot.press("j")
        assert "> Mostly by fords." in detail(app)  # the detail pane keeps the quote
        assert "5d ago" in detail(app) and "▲-3" in detail(app)
        await pilot.press("j")
        assert detail(app).startswith("Comments not loaded")


def test_deep_rows_at_80_columns_keep_their_guides_and_relative_indentation() -> None:
    top = node = Comment(id="d0", text="top", author="a")
    for depth in range(1, 41):
        reply = Comment(id=f"d{depth}", text=f"depth {depth}", author="b")
        node.add_reply(reply)
        node = reply
    thread = Thread(source="deep.json", comments=[top])
    thread.link_parents()
    outline = Outline(thread)
    prefixes = [guide_prefix(outline, n, 78) for n in range(len(outline))]
    assert all(p.endswith("└─") for p in prefixes[1:])  # every row its own connector
    assert all(len(p) <= 39 for p in prefixes)  # at most half the row
    deep = prefixes[12:]
    assert any("›" in p for p in deep)  # the count of outer levels left out
    for a, b in pairwise(deep):  # the next level sits further right, or a new block starts
        assert len(b) == len(a) + 2 or ("›" in b and len(b) < len(a))
