"""The flat page parser on the seed page and on small pages built to show each rule."""

from pathlib import Path

import pytest
from paths import SEED

from thread_explorer.core.export import export_thread
from thread_explorer.core.flatpage.reader import parse_text
from thread_explorer.core.flatpage.writer import render_flat
from thread_explorer.core.model import Attach, Comment, Kind, Thread


def shape(thread: Thread) -> list[tuple[int, tuple[int, int] | None, str | None, str]]:
    """Depth, source lines, author and attachment of every comment, in page order."""
    return [(c.depth, c.lines, c.author, str(c.attached_by)) for c in thread.walk()]


def test_seed_page_reads_as_documented() -> None:
    thread = parse_text(SEED.read_text(encoding="utf-8"), source=str(SEED))
    assert thread.marker_position == "before"
    assert thread.article is not None and thread.article.lines == (1, 13)
    assert "line 14" in thread.article.reason
    assert shape(thread) == [
        (0, (14, 16), "NubianSundance", "root"),
        (1, (18, 23), "Usura", "exact"),
        (2, (25, 31), None, "exact"),
    ]
    usura = thread.find("c18")
    assert usura is not None and usura.reply_to is not None
    assert (usura.reply_to.subject, usura.reply_to.author, usura.reply_to.line) == (
        "Armenia is looking to be a…",
        "NubianSundance",
        17,
    )
    assert "line 17" in usura.explanation and "Drupal subject" in usura.explanation


def test_seed_page_read_with_markers_after_bodies_differs_but_loses_nothing() -> None:
    thread = parse_text(SEED.read_text(encoding="utf-8"), markers="after")
    assert thread.marker_position == "after"
    assert [c.lines for c in thread.walk()] == [(14, 14), (15, 16), (18, 18), (19, 23), (25, 31)]


def page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def test_a_last_reply_running_over_several_lines_to_the_end_of_the_page_is_a_guess() -> None:
    seed = parse_text(SEED.read_text(encoding="utf-8"), markers="before")
    assert [str(c.segmented_by) for c in seed.walk()] == ["marker", "marker", "guess"]  # c25: lines 25-31
    one_line = parse_text(
        page(
            "Article.",
            "First comment here, long enough.",
            "In reply to First comment here, long… by ann",
            "A reply.",
        ),
        markers="before",
    )
    assert [str(c.segmented_by) for c in one_line.walk()] == ["marker", "marker"]  # nothing can follow it


def test_missing_parent_is_kept_under_a_visible_placeholder() -> None:
    thread = parse_text(
        page(
            "Article paragraph.",
            "In reply to Something said on page one… by Ghost",
            "A reply whose parent is on another page.",
            "In reply to Something said on page one… by Ghost",
            "A second reply to the same missing comment.",
        ),
        markers="before",
    )
    assert len(thread.comments) == 1
    holder = thread.comments[0]
    assert holder.placeholder and holder.text == "Something said on page one…" and holder.author == "Ghost"
    assert [c.text for c in holder.replies] == [
        "A reply whose parent is on another page.",
        "A second reply to the same missing comment.",
    ]
    assert all(c.attached_by == Attach.PLACEHOLDER for c in holder.replies)
    assert thread.article is not None and thread.article.text == "Article paragraph."


def test_repeated_subject_goes_to_the_nearest_on_the_thread_path() -> None:
    thread = parse_text(
        page(
            "Article.",
            "This.",
            "In reply to This. by alice",
            "Reply to alice's first comment.",
            "In reply to Reply to alice's first comment. by bob",
            "This.",
            "In reply to This. by carol",
            "Carol is answered here.",
        ),
        markers="before",
    )
    carol_reply = thread.find("c8")
    assert carol_reply is not None and carol_reply.parent is not None
    assert carol_reply.parent.id == "c6" and carol_reply.parent.author == "carol"


def test_known_author_rules_out_a_comment_with_the_same_subject() -> None:
    thread = parse_text(
        page(
            "Article.",
            "lol",
            "In reply to lol by alice",
            "lol",
            "In reply to lol by bob",
            "to bob",
            "In reply to lol by alice",
            "to alice again",
        ),
        markers="before",
    )
    again = thread.find("c8")
    assert again is not None and again.parent is not None and again.parent.id == "c2"


def test_typed_subject_goes_to_the_comment_before_it() -> None:
    thread = parse_text(
        page(
            "Article.",
            "A top level comment that is long enough to be cut.",
            "In reply to A top level comment that is… by alice",
            "A reply.",
            "In reply to My own subject by bob",
            "Answer to the reply.",
        ),
        markers="before",
    )
    answer = thread.find("c6")
    assert answer is not None and answer.parent is not None and answer.parent.id == "c4"
    assert answer.attached_by == Attach.POSITION and "typed" in answer.explanation


def test_marker_proves_a_new_top_level_comment_inside_a_reply() -> None:
    thread = parse_text(
        page(
            "Article.",
            "First thread starts here and goes on for a while.",
            "In reply to First thread starts here and… by alice",
            "A reply.",
            "Another top-level comment, unrelated to the first.",
            "In reply to Another top-level comment,… by bob",
            "Reply to bob.",
        ),
        markers="before",
    )
    assert [c.id for c in thread.comments] == ["c2", "c5"]
    assert thread.find("c4") is not None and thread.find("c4").lines == (4, 4)  # type: ignore[union-attr]
    assert thread.comments[1].author == "bob" and thread.comments[1].replies[0].text == "Reply to bob."


def test_page_without_markers_is_all_article_and_empty_text_is_an_empty_thread() -> None:
    thread = parse_text("Just an article.\nTwo paragraphs.\n")
    assert thread.comments == [] and thread.article is not None and thread.article.lines == (1, 2)
    assert thread.marker_position is None
    empty = parse_text("")
    assert empty.comments == [] and empty.article is None


def test_crlf_and_blank_lines_do_not_change_the_tree() -> None:
    text = SEED.read_text(encoding="utf-8")
    spaced = text.replace("\n", "\r\n\r\n")
    assert [(c.author, c.text) for c in parse_text(spaced).walk()] == [
        (c.author, c.text) for c in parse_text(text).walk()
    ]


def test_rich_markup_and_escapes_in_text_are_kept_verbatim() -> None:
    thread = parse_text(
        page(
            "Article.",
            "[bold]not bold[/bold] \x1b[31mred\x1b[0m and more text here",
            "In reply to [bold]not bold[/bold] \x1b[31mred… by x",
            "ok",
        ),
        markers="before",
    )
    assert thread.comments[0].text == "[bold]not bold[/bold] \x1b[31mred\x1b[0m and more text here"


@pytest.mark.parametrize("markers", ["before", "after"])
def test_flat_text_written_back_parses_to_the_same_tree(markers: str) -> None:
    thread = parse_text(SEED.read_text(encoding="utf-8"))
    again = parse_text(render_flat(thread, markers))
    assert again.marker_position == markers
    assert [(c.depth, c.author, c.text) for c in again.walk()] == [
        (c.depth, c.author, c.text) for c in thread.walk()
    ]


def test_ids_follow_the_documented_rule() -> None:
    """`c14` is the comment whose body starts on line 14, `missing-17` the placeholder for the parent named on
    line 17 (its first reply's marker): ids depend on where a comment is, so they survive a re-parse and shift
    with the page when lines are added above."""
    path = SEED.parent / "generated_500.txt"
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    thread = parse_text(text)
    placeholders = [c for c in thread.walk() if c.placeholder]
    comments = [c for c in thread.walk() if not c.placeholder]
    assert placeholders and len(comments) > 400
    for comment in comments:
        assert comment.lines is not None
        assert comment.id == f"c{comment.lines[0]}"
        assert lines[comment.lines[0] - 1].strip() == comment.text.split("\n")[0].strip()
    for holder in placeholders:
        named = min(r.reply_to.line for r in holder.replies if r.reply_to and r.reply_to.line)
        assert holder.id == f"missing-{named}"
        assert lines[named - 1].startswith("In reply to ")
    shifted = parse_text("A new first line.\n" + text)
    assert [c.id for c in shifted.walk()][:5] == [
        f"c{int(c.id[1:]) + 1}" if c.id.startswith("c") else f"missing-{int(c.id[8:]) + 1}"
        for c in list(thread.walk())[:5]
    ]


def test_placeholder_round_trips_through_flat_text() -> None:
    holder = Comment(id="p", text="Gone but not forgotten…", author="Ghost", kind=Kind.PLACEHOLDER)
    holder.add_reply(Comment(id="r", text="I answer a missing comment."))
    thread = Thread(comments=[holder])
    again = parse_text("Article.\n" + render_flat(thread))
    assert again.comments[0].placeholder and again.comments[0].text == "Gone but not forgotten…"
    assert again.comments[0].replies[0].text == "I answer a missing comment."


def test_progress_is_reported_while_a_big_page_is_read(tmp_path: Path) -> None:
    from thread_explorer.core.flatpage.generate import generate_page
    from thread_explorer.core.load import load_thread

    path = tmp_path / "big.txt"
    path.write_text(generate_page(3000, seed=2), encoding="utf-8")
    seen: list[float] = []
    thread = load_thread(str(path), progress=seen.append)
    assert len(list(thread.walk())) > 2000
    assert len(seen) > 3 and seen == sorted(seen) and 0.0 <= seen[0] and seen[-1] <= 1.0


def test_only_newlines_end_lines() -> None:
    text = (
        "Article line.\nFirst comment has a \x0c form feed and a \u2028 separator inside.\n"
        "In reply to First comment has a form… by Alice\nReply here.\n"
    )
    thread = parse_text(text, markers="before")
    assert [(c.id, c.lines, c.author) for c in thread.walk()] == [
        ("c2", (2, 2), "Alice"),
        ("c4", (4, 4), None),
    ]
    reply = thread.find("c4")
    assert reply is not None and reply.reply_to is not None and reply.reply_to.line == 3


NESTED_RESTARTS = """\
In reply to Gone away… by a
Alpha beta gamma delta epsilon zeta
Short line.
In reply to Missing one… by b
In reply to Short line. by c
In reply to Alpha beta gamma delta… by d
THIS LINE IS LOST
Omega one two three four five six
In reply to Typed subject by d
In reply to Omega one two three four… by e
"""


@pytest.mark.parametrize("markers", ["auto", "after"])
@pytest.mark.parametrize("fmt", ["json", "markdown", "text"])
def test_a_restart_inside_a_restart_loses_no_line(markers: str, fmt: str) -> None:
    """Markers after bodies: a comment split off by one restart and split again by a later one keeps both parts
    (the line once vanished from every export format)."""
    thread = parse_text(NESTED_RESTARTS, markers=markers)
    texts = [c.text for c in thread.walk() if not c.placeholder]
    assert texts.count("THIS LINE IS LOST") == 1
    assert "THIS LINE IS LOST" in export_thread(thread, fmt)


def _page(*lines: str) -> str:
    return "\n".join(("The article.", *lines, ""))


def test_drupal7_subject_finds_a_comment_off_the_thread_path() -> None:
    # Drupal 7 cuts (no `…`): the last marker names bob's reply, which is no longer on the thread path.
    page = _page(
        "First comment body says hello there to all friends.",
        "In reply to First comment body says hello by alice",
        "Reply one body text goes here at some length.",
        "Second top comment opens with other words entirely.",
        "In reply to Second top comment opens with by carol",
        "A second reply, short and plain.",
        "In reply to Reply one body text goes here by bob",
        "A third reply to the first reply.",
    )
    thread = parse_text(page, markers="before")
    last = thread.find("c9")
    assert last is not None and last.parent is not None
    assert last.parent.id == "c4" and last.parent.author == "bob"
    assert last.attached_by == Attach.EXACT


def test_flat_order_splits_an_earlier_reply_where_a_glued_comment_starts() -> None:
    # Flat (chronological) order: erin's top-level comment (line 8) follows bob's reply with no marker, so it
    # is glued to it; the marker on line 11 names it, so it is split off there and takes the reply.
    page = _page(
        "Alpha comment opens the discussion today.",
        "Bravo comment is another opening remark.",
        "In reply to Alpha comment opens the… by alice",
        "Charlie answers alpha at some length here.",
        "In reply to Bravo comment is another… by bob",
        "Delta answers bravo with a few plain words.",
        "Echo comment starts a third thread now.",
        "In reply to Charlie answers alpha at… by carol",
        "Foxtrot answers charlie late in the day.",
        "In reply to Echo comment starts a third… by erin",
        "Golf answers echo, the glued comment.",
        "In reply to Alpha comment opens the… by alice",
        "Hotel answers alpha once more at the end.",
    )
    thread = parse_text(page, markers="before")
    assert thread.meta["display_order"] == "flat"
    assert [(c.id, c.lines, c.parent.id if c.parent else None) for c in thread.walk()] == [
        ("c2", (2, 2), None),
        ("c5", (5, 5), "c2"),
        ("c10", (10, 10), "c5"),
        ("c14", (14, 14), "c2"),
        ("c3", (3, 3), None),
        ("c7", (7, 7), "c3"),
        ("c8", (8, 8), None),
        ("c12", (12, 12), "c8"),
    ]
    golf = thread.find("c12")
    assert golf is not None and "line 8" in golf.explanation and "flat order" in golf.explanation


def test_flat_order_short_whole_body_names_a_comment_by_an_unknown_author() -> None:
    # "Short and sweet." is a whole short body: in threaded order only a comment known to be dave's could take
    # it; in flat order the named comment is off the path as a rule, so one whose author is not known yet fits.
    page = _page(
        "Alpha comment opens the discussion today.",
        "Bravo comment is another opening remark.",
        "In reply to Alpha comment opens the… by alice",
        "Charlie answers alpha at some length here.",
        "In reply to Bravo comment is another… by bob",
        "Short and sweet.",
        "Echo comment starts a third thread now.",
        "In reply to Charlie answers alpha at… by carol",
        "Foxtrot answers charlie late in the day.",
        "In reply to Echo comment starts a third… by erin",
        "Golf answers echo, the glued comment.",
        "In reply to Short and sweet. by dave",
        "Hotel answers the short one.",
    )
    thread = parse_text(page, markers="before")
    hotel = thread.find("c14")
    assert hotel is not None and hotel.parent is not None
    assert (hotel.parent.id, hotel.parent.text, hotel.parent.author) == ("c7", "Short and sweet.", "dave")


def test_stock_opening_shared_by_two_earlier_comments_is_not_guessed() -> None:
    # Threaded order, two comments off the path open the same way: the subject cannot tell them apart, so
    # neither is chosen (a placeholder says the parent is not settled by the page).
    page = _page(
        "First comment body says hello there to all friends.",
        "In reply to First comment body says… by alice",
        "I agree with you on this one, but only in part.",
        "Second top comment opens with other words entirely.",
        "In reply to Second top comment opens… by carol",
        "I agree with you on this one, and I would add more.",
        "Third top comment about something else again.",
        "In reply to Third top comment about… by dave",
        "A reply to the third comment.",
        "In reply to I agree with you on this one… by erin",
        "Which of the two agreements does this answer?",
    )
    thread = parse_text(page, markers="before")
    assert thread.meta["display_order"] == "threaded"
    last = thread.find("c12")
    assert last is not None and last.parent is not None
    assert last.parent.placeholder and last.attached_by == Attach.PLACEHOLDER
    assert [c.author for c in thread.walk() if c.id in ("c4", "c7")] == [None, None]
