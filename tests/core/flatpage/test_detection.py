"""Auto detection of the marker position: both readings race, and the loser is dropped once the lead is clear."""

from __future__ import annotations

import re

import pytest

from thread_explorer.core.flatpage.generate import make_case
from thread_explorer.core.flatpage.reader import parse_text
from thread_explorer.core.model import Thread


def shape(thread: Thread) -> list[tuple[str, str | None, str]]:
    """Every comment as (id, parent id, text): what a reader sees of the tree."""
    return [(c.id, c.parent.id if c.parent else None, c.text) for c in thread.walk()]


@pytest.mark.parametrize("position", ["before", "after"])
def test_a_long_page_is_judged_early_and_read_as_the_winner_alone_would(position: str) -> None:
    case = make_case(300, seed=7, markers=position, missing=0.05)
    auto = parse_text(case.text)
    note = next(n for n in auto.notes if n.startswith("markers detected"))
    judged = re.search(r"judged on the first (\d+) markers", note)
    assert judged is not None and int(judged.group(1)) < len(case.parent_of) / 2  # decided on a small share
    assert auto.marker_position == position
    assert shape(auto) == shape(parse_text(case.text, markers=position))


def test_a_page_too_close_to_call_is_read_to_the_end_both_ways() -> None:
    text = "Article.\nFirst comment here.\nIn reply to First comment here. by ann\nA reply.\n"
    note = next(n for n in parse_text(text).notes if n.startswith("markers detected"))
    assert "judged on the first" not in note


@pytest.mark.parametrize("position", ["before", "after"])
def test_the_loser_stops_as_soon_as_it_cannot_catch_up_and_the_winner_is_unchanged(position: str) -> None:
    case = make_case(60, seed=11, markers=position)
    auto = parse_text(case.text)
    note = next(n for n in auto.notes if n.startswith("markers detected"))
    stopped = re.search(r"which stopped after (\d+) of (\d+) markers: it could no longer catch up", note)
    assert stopped is not None and int(stopped.group(1)) < int(stopped.group(2))
    assert auto.marker_position == position
    assert shape(auto) == shape(parse_text(case.text, markers=position))
