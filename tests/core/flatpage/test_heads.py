"""A long enough line decides the Drupal subjects of any text that starts with it, and a text can only match a
subject that opens with its first character (the readers rely on both)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from thread_explorer.core.flatpage.heads import DECIDING_LENGTH, LineSubjects
from thread_explorer.core.flatpage.lines import scan_lines
from thread_explorer.core.flatpage.markers import NONE, generated_subjects, match_strength
from thread_explorer.core.flatpage.reader import opens_alike
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


SUBJECTS = st.text(alphabet=st.sampled_from("ab .…(N"), min_size=1, max_size=12)


@given(
    subject=SUBJECTS, lines=st.lists(st.text(alphabet=st.sampled_from("ab .…(\t"), min_size=1), min_size=1)
)
def test_a_body_only_matches_a_subject_that_opens_alike(subject: str, lines: list[str]) -> None:
    """The reader skips a new comment's start when opens_alike says no subject evidence can be found there."""
    texts = [line.text for line in scan_lines("\n".join(lines))]
    if texts and not opens_alike(subject, texts[0]):
        assert match_strength(subject, body_for_subject(texts), fuzzy=False)[0] == NONE


def test_a_body_of_dots_is_compared_in_full() -> None:
    assert generated_subjects("...") == ("…", "…")  # folding changes the first character
    assert opens_alike("…", "...") and opens_alike("x", ". x")
    assert not opens_alike("b…", "a b")
