"""Properties over generated pages of every awkward shape: nothing is lost, nothing is doubled.

The generator builds typed subjects, missing parents (whole runs of them), short repeated bodies, unmarked
top-level comments between replies (restarts, and restarts inside restarts with markers after bodies), Drupal 7
subjects, and, through the theme renderer, template pages in threaded and flat order.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from thread_explorer.core.flatpage.evaluate import score_reading
from thread_explorer.core.flatpage.generate import (
    GenOptions,
    case_of,
    covered_lines,
    generate_thread,
    make_case,
)
from thread_explorer.core.flatpage.reader import parse_text
from thread_explorer.core.flatpage.subject import drupal_subject
from thread_explorer.core.flatpage.themes import ORDERS, TEMPLATES, RenderOptions, render_page
from thread_explorer.core.model import Article, Comment, Kind, ReplyMarker, Thread

SHARE = st.floats(min_value=0.0, max_value=0.7)
OPTIONS = st.builds(
    GenOptions,
    top_level=SHARE,
    short=SHARE,
    stock=st.floats(min_value=0.0, max_value=0.3),
    multi=SHARE,
    typed=SHARE,
    max_depth=st.integers(min_value=1, max_value=6),
    drupal7=st.booleans(),
    paragraphs=st.sampled_from([(1, 2), (2, 4)]),
    empty=st.sampled_from([0.0, 0.0, 0.2, 0.5]),
)


@settings(max_examples=250, deadline=None)
@given(
    st.integers(min_value=1, max_value=14),
    st.integers(min_value=0, max_value=10_000),
    st.sampled_from(["before", "after"]),
    st.sampled_from(["auto", "before", "after"]),
    st.floats(min_value=0.0, max_value=0.8),
    OPTIONS,
)
def test_every_line_of_a_generated_page_is_kept_once(
    n: int, seed: int, markers: str, read_as: str, missing: float, options: GenOptions
) -> None:
    case = make_case(n, seed=seed, markers=markers, missing=missing, options=options)
    thread = parse_text(case.text, markers=read_as)
    covered = covered_lines(thread)
    total = len(case.text.splitlines())
    for no in range(1, total + 1):
        expected = 0 if no in case.parent_of else 1
        assert covered[no] == expected, f"line {no} held {covered[no]} times"
    texts = [line for c in thread.walk() if not c.placeholder and c.text for line in c.text.split("\n")]
    article = thread.article.text.split("\n") if thread.article and thread.article.text else []
    assert len(texts) + len(article) == total - len(case.parent_of)


@settings(max_examples=120, deadline=None)
@given(
    st.integers(min_value=1, max_value=25),
    st.integers(min_value=0, max_value=10_000),
    st.sampled_from(TEMPLATES),
    st.sampled_from(ORDERS),
    st.floats(min_value=0.0, max_value=0.5),
    st.floats(min_value=0.0, max_value=0.5),
    OPTIONS,
)
def test_template_pages_keep_every_body_line_and_leak_no_template_line(
    n: int, seed: int, template: str, order: str, missing: float, typed: float, options: GenOptions
) -> None:
    thread = generate_thread(n, seed=seed, options=options)
    page = render_page(
        thread,
        RenderOptions(template, order, drupal7=options.drupal7, typed=typed, missing=missing, seed=seed),
    )
    got = parse_text(page.text)
    score = score_reading(page, got)
    assert score.lost_lines == 0 and score.leaked_lines == 0
    # (a lone Olivero comment, an author line and a date line, cannot be told from an article's byline)
    if template in ("classy", "bartik") or (template == "olivero" and len(page.comments) >= 2):
        assert score.exact == 1.0 and score.authors == 1.0


BODIES = st.sampled_from(
    [
        "Short line.",
        "Alpha beta gamma delta epsilon zeta",
        "Omega one two three four five six",
        "Alpha beta gamma delta epsilon zeta\nShort line.",
        "lol",
        "This.",
        "",
    ]
)
ENTRY = st.tuples(
    st.one_of(st.none(), st.integers(min_value=0, max_value=12)),  # parent: how far back, or top level
    BODIES,
    st.sampled_from([None, None, None, "Typed subject"]),  # the subject its author typed, if any
    st.booleans(),  # left off the page (a missing parent, when it has replies)
    st.sampled_from("abcde"),
    st.booleans(),  # Drupal 7 subject
)


def tree_of(
    entries: list[tuple[int | None, str, str | None, bool, str, bool]],
) -> tuple[Thread, list[Comment]]:
    """A thread built entry by entry (each comment replies to an earlier one, or starts a thread), and its
    comments in entry order (a flat, chronological page order)."""
    thread = Thread(article=Article("An article line that no marker names, long enough to stay one."))
    made: list[Comment] = []
    for i, (back, text, typed, gone, author, drupal7) in enumerate(entries):
        comment = Comment(id=f"g{i}", text=text, author=author)
        if typed:
            comment.meta["subject"] = typed
        if gone:
            comment.meta["gone"] = True
        comment.meta["drupal7"] = drupal7
        if back is None or not made:
            thread.comments.append(comment)
        else:
            parent = made[max(0, len(made) - 1 - back)]
            subject = parent.meta.get("subject") or drupal_subject(
                parent.text, ellipsis=not parent.meta["drupal7"]
            )
            comment.reply_to = ReplyMarker(subject, parent.author)
            parent.add_reply(comment)
        made.append(comment)
    for comment in made:
        if comment.meta.get("gone") and comment.replies:
            comment.kind = Kind.PLACEHOLDER
    return thread, made


# issue 9's ten-line page: a restart inside a restart, markers after bodies, flat order (it lost a line)
NESTED_RESTART = [
    (None, "Alpha beta gamma delta epsilon zeta", None, True, "a", False),  # missing
    (None, "Omega one two three four five six", None, True, "b", False),  # missing
    (None, "Short line.", "Typed subject", True, "d", False),  # missing, typed subject
    (2, "", None, False, "x", False),
    (None, "Alpha beta gamma delta epsilon zeta", None, False, "d", False),
    (3, "Short line.", None, False, "c", False),
    (0, "", None, False, "y", False),
    (2, "", None, False, "z", False),
    (None, "lol", None, False, "q", False),
    (6, "Omega one two three four five six", None, False, "e", False),
    (0, "", None, False, "w", False),
]


@settings(max_examples=400, deadline=None)
@example(NESTED_RESTART, "after", "after", True)
@given(
    st.lists(ENTRY, min_size=1, max_size=12),
    st.sampled_from(["before", "after"]),
    st.sampled_from(["auto", "before", "after"]),
    st.booleans(),
)
def test_any_tree_of_awkward_comments_keeps_every_line_once(
    entries: list[tuple[int | None, str, str | None, bool, str, bool]], markers: str, read_as: str, flat: bool
) -> None:
    """Nested restarts, typed subjects, runs of missing parents, empty replies, markers after bodies, mixed
    Drupal 7 and 8 subjects, threaded or flat order: the reading holds each non-marker line exactly once."""
    thread, made = tree_of(entries)
    case = case_of(thread, markers, made if flat else None)
    thread = parse_text(case.text, markers=read_as)
    covered = covered_lines(thread)
    total = len(case.text.splitlines())
    for no in range(1, total + 1):
        expected = 0 if no in case.parent_of else 1
        assert covered[no] == expected, f"line {no} held {covered[no]} times:\n{case.text}"
    texts = [line for c in thread.walk() if not c.placeholder and c.text for line in c.text.split("\n")]
    article = thread.article.text.split("\n") if thread.article and thread.article.text else []
    assert len(texts) + len(article) == total - len(case.parent_of)
