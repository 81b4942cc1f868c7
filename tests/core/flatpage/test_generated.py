"""Random threaded pages, rendered with markers before and after bodies, must come back as their trees."""

import pytest

from thread_explorer.core.flatpage.generate import Case, GenOptions, covered_lines, make_case
from thread_explorer.core.flatpage.reader import parse_text
from thread_explorer.core.model import Thread


def right_parents(case: Case, thread: Thread) -> float:
    """Share of replies hung under their true parent (see `Case.right_parent`)."""
    by_marker = {c.reply_to.line: c for c in thread.walk() if c.reply_to is not None}
    return sum(case.right_parent(no, by_marker[no]) for no in case.parent_of) / len(case.parent_of)


@pytest.mark.parametrize("markers", ["before", "after"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_clean_pages_come_back_exactly(markers: str, seed: int) -> None:
    """No typed subjects, no missing parents, distinct bodies: every reply and its extent must be right."""
    options = GenOptions(short=0.0, stock=0.0, typed=0.0, top_level=0.3)
    case = make_case(150, seed=seed, markers=markers, options=options)
    thread = parse_text(case.text)
    assert thread.marker_position == markers
    assert right_parents(case, thread) == 1.0


@pytest.mark.parametrize("markers", ["before", "after"])
def test_awkward_pages_stay_accurate_and_lose_no_line(markers: str) -> None:
    case = make_case(300, seed=11, markers=markers, missing=0.05)
    thread = parse_text(case.text)
    assert thread.marker_position == markers
    assert right_parents(case, thread) >= 0.95
    covered = covered_lines(thread)
    total = len(case.text.splitlines())
    for no in range(1, total + 1):
        expected = 0 if no in case.parent_of else 1
        assert covered[no] == expected, f"line {no} covered {covered[no]} times"


def test_placeholders_only_for_missing_parents_on_clean_pages() -> None:
    case = make_case(200, seed=5, options=GenOptions(short=0.0, stock=0.0, typed=0.0))
    thread = parse_text(case.text)
    assert not any(c.placeholder for c in thread.walk())
