"""A long enough line decides the Drupal subjects of any text that starts with it (the readers rely on it)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from thread_explorer.core.flatpage.heads import DECIDING_LENGTH, LineSubjects
from thread_explorer.core.flatpage.lines import scan_lines
from thread_explorer.core.flatpage.markers import generated_subjects
from thread_explorer.core.flatpage.subject import body_for_subject

LETTERS = st.sampled_from("ab .,…!\t-é漢")
WORDY = st.text(alphabet=LETTERS, min_size=1, max_size=60)


@given(first=st.text(alphabet=LETTERS, min_size=20, max_size=45), rest=st.lists(WORDY, max_size=3))
def test_the_subjects_of_a_long_first_line_are_those_of_the_whole_text(first: str, rest: list[str]) -> None:
    lines = scan_lines("\n".join([first, *rest]))
    subjects = LineSubjects(lines)
    if lines and subjects.decides(0):
        whole = generated_subjects(body_for_subject([line.text for line in lines]))
        assert subjects.of(0) == whole


def test_a_short_line_does_not_decide() -> None:
    lines = scan_lines("x" * (DECIDING_LENGTH - 1) + "\n" + "y" * 40)
    assert not LineSubjects(lines).decides(0) and LineSubjects(lines).decides(1)
