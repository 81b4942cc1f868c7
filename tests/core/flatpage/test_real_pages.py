"""A real Drupal 7 page kept as text (flat order, Classy-like template) reads as the page shows it.

The expected tree is written out from the page itself: each reply's true parent (by the line its comment's
`Submitted by` line is on), every author, and every body line in exactly one comment's text.
"""

from __future__ import annotations

import re

import pytest
from paths import REALWORLD

from thread_explorer.core.datasets.pages import load_page
from thread_explorer.core.export import export_thread
from thread_explorer.core.flatpage.reader import parse_text
from thread_explorer.core.formats.native import from_dict, to_dict
from thread_explorer.core.model import Segment, Thread

PAGE = REALWORLD / "flat" / "alvinalexander_java_exec.txt"
DATASET = REALWORLD / "datasets" / "derived_dolma_plus_alvin.jsonl"
# reply's first line -> its parent's first line (read off the page: `In reply to S by P` and the dates)
TRUE_PARENTS = {
    25: 10, 72: 43, 82: 51, 119: 98, 174: 164, 199: 152, 214: 199, 224: 199,
    264: 243, 309: 298, 348: 329, 389: 373, 421: 412, 465: 444,
}  # fmt: skip
TEMPLATE_LINE = re.compile(
    r"^(Submitted by .* on .*|In reply to .* by .*|Permalink|Log in to post comments)$"
)

pytestmark = pytest.mark.skipif(not PAGE.exists(), reason="needs ../shared/realworld")


def expected_comments(text: str) -> list[tuple[int, str, bool, str, str]]:
    """(first line, author, not verified, subject, body) per comment, read straight off the page's shape."""
    lines = [line.strip() for line in text.split("\n")]
    out = []
    starts = [i for i, line in enumerate(lines) if line.startswith("Submitted by ")]
    for start in starts:
        author = re.match(r"Submitted by (.*) on ", lines[start]).group(1)  # type: ignore[union-attr]
        permalink = lines.index("Permalink", start)
        end = lines.index("Log in to post comments", permalink)
        body = [line for line in lines[permalink + 2 : end] if line]
        name = author.removesuffix(" (not verified)")
        out.append((start + 1, name, name != author, lines[permalink + 1], "\n".join(body)))
    return out


def by_first_line(thread: Thread) -> dict[int, object]:
    return {c.lines[0]: c for c in thread.walk() if c.lines}


def check_page(thread: Thread, text: str) -> None:
    expected = expected_comments(text)
    got = by_first_line(thread)
    assert sorted(got) == [e[0] for e in expected]
    for first, author, unverified, subject, body in expected:
        comment = got[first]
        assert comment.author == author, first  # type: ignore[attr-defined]
        assert comment.meta.get("not_verified", False) is unverified  # type: ignore[attr-defined]
        assert comment.meta["subject"] == subject  # type: ignore[attr-defined]
        assert comment.text == body, first  # type: ignore[attr-defined]
        assert comment.segmented_by is Segment.TEMPLATE  # type: ignore[attr-defined]
    for comment in thread.walk():
        parent = comment.parent
        want = TRUE_PARENTS.get(comment.lines[0]) if comment.lines else None
        assert (parent.lines[0] if parent and parent.lines else None) == want, comment.lines
        assert not any(TEMPLATE_LINE.match(line) for line in comment.text.split("\n"))
    assert not any(c.placeholder for c in thread.walk())
    assert thread.meta["template"] == "classy" and thread.meta["display_order"] == "flat"


def test_real_drupal_page_reads_as_the_page_shows_it() -> None:
    text = PAGE.read_text(encoding="utf-8")
    thread = parse_text(text, source=str(PAGE))
    check_page(thread, text)
    assert thread.article is not None and thread.article.lines == (1, 8)
    first = by_first_line(thread)[10]
    assert first.time == 1250746620.0 and first.meta["date"] == "August 20, 2009 - 5:37am"  # type: ignore[attr-defined]
    assert thread.meta["page_footer"]["text"] == "java\njava applets\njava faqs"
    assert from_dict(to_dict(thread)).stats() == thread.stats()


@pytest.mark.parametrize("markers", ["before", "after"])
def test_the_template_decides_whatever_marker_position_is_asked(markers: str) -> None:
    text = PAGE.read_text(encoding="utf-8")
    check_page(parse_text(text, markers=markers), text)


def test_the_same_page_inside_a_dataset_reads_the_same() -> None:
    thread = load_page(str(DATASET), 3)
    text = PAGE.read_text(encoding="utf-8")
    got = {c.lines[0]: (c.author, c.text, c.parent and c.parent.lines) for c in thread.walk() if c.lines}
    want = {
        c.lines[0]: (c.author, c.text, c.parent and c.parent.lines)
        for c in parse_text(text).walk()
        if c.lines
    }
    assert got == want


def test_the_text_export_of_a_templated_page_reads_back_with_every_reply_under_its_parent() -> None:
    """Its markers carried titles only the template showed ("In reply to Java comand by Sumit (not verified)"):
    written back as they were, 8 of 14 replies came back under placeholders. The text export names each parent
    by its Drupal subject and author instead, which the text it writes proves."""
    thread = parse_text(PAGE.read_text(encoding="utf-8"), source=PAGE.name)
    back = parse_text(export_thread(thread, "text"))

    def links(t: Thread) -> list[tuple[str, str]]:
        return sorted((c.text.split("\n")[0], c.parent.text.split("\n")[0]) for c in t.walk() if c.parent)

    assert back.stats()["placeholders"] == 0
    assert links(back) == links(thread) and len(links(thread)) == 14
