"""What a row says for comments from structured sources: age and score by the author, "more" stubs, mail."""

from __future__ import annotations

from ui_helpers import NOW, SIZE, comment, detail, make_app, rows

from thread_explorer.core.model import Kind, Thread


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
