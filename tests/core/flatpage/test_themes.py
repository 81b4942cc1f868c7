"""A real thread rendered as a Drupal page of every theme and order comes back from the reader."""

from __future__ import annotations

import pytest
from paths import REALWORLD

from thread_explorer.core.flatpage.evaluate import score_reading
from thread_explorer.core.flatpage.reader import parse_text
from thread_explorer.core.flatpage.themes import RenderOptions, render_page
from thread_explorer.core.load import load_thread
from thread_explorer.core.model import Segment

REDDIT = REALWORLD / "reddit" / "rtv_test_content_submission__0.json"
pytestmark = pytest.mark.skipif(not REDDIT.exists(), reason="needs ../shared/realworld")


@pytest.mark.parametrize("template", ["classy", "bartik", "olivero"])
@pytest.mark.parametrize("order", ["threaded", "flat"])
@pytest.mark.parametrize("drupal7", [False, True])
def test_templated_pages_come_back_whole(template: str, order: str, drupal7: bool) -> None:
    thread = load_thread(str(REDDIT))
    page = render_page(
        thread, RenderOptions(template, order, drupal7=drupal7, typed=0.1, missing=0.1, seed=3)
    )
    got = parse_text(page.text)
    score = score_reading(page, got)
    assert got.meta["template"] == template
    assert got.meta["display_order"] == order
    assert score.true_links > 10 and score.precision >= 0.98 and score.recall >= 0.98
    assert score.exact == 1.0 and score.authors == 1.0
    assert score.lost_lines == 0 and score.leaked_lines == 0
    assert {c.segmented_by for c in got.walk() if not c.placeholder} == {Segment.TEMPLATE}


def test_a_stripped_page_is_read_by_its_markers_and_loses_nothing() -> None:
    thread = load_thread(str(REDDIT))
    page = render_page(thread, RenderOptions("stripped", "threaded", typed=0.0, missing=0.0))
    got = parse_text(page.text)
    score = score_reading(page, got)
    assert "template" not in got.meta and got.marker_position == "before"
    assert score.lost_lines == 0 and score.leaked_lines == 0
    assert score.precision >= 0.95


def test_provable_bodies_are_those_the_text_bounds() -> None:
    """A template bounds every body; a stripped page leaves the comment after the article and reply-less
    comments glued to a neighbour unproven, and a typed subject proves nothing."""
    from thread_explorer.core.model import Comment, Thread

    def chain() -> Thread:
        first = Comment(id="a", author="ann", text="A first comment that has enough words in it.")
        reply = Comment(id="b", author="bob", text="A reply to the first one, with enough words too.")
        lone = Comment(id="c", author="cy", text="A second top-level comment that nobody answers.")
        first.add_reply(reply)
        return Thread(comments=[first, lone])

    templated = render_page(chain(), RenderOptions("olivero", typed=0.0))
    assert score_reading(templated, parse_text(templated.text)).provable_bodies == 3
    stripped = render_page(chain(), RenderOptions("stripped", typed=0.0))
    # "a" is named by b's marker (both ends proven: its end is b's marker); b starts at its marker but the
    # unanswered "c" glued after it leaves b's end and c's start unproven.
    assert score_reading(stripped, parse_text(stripped.text)).provable_bodies == 1
    typed = render_page(chain(), RenderOptions("stripped", typed=1.0))
    assert score_reading(typed, parse_text(typed.text)).provable_bodies == 0
