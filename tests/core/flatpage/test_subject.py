"""Drupal's subject cut, which every marker is compared against."""

from hypothesis import example, given
from hypothesis import strategies as st

from thread_explorer.core.flatpage.subject import (
    NO_SUBJECT,
    both_cuts,
    drupal_subject,
    is_word_boundary,
    last_boundary,
    truncate,
)


def test_seed_subjects_are_reproduced() -> None:
    assert (
        drupal_subject("Armenia is looking to be a real trouble spot. Plenty of CIA")
        == "Armenia is looking to be a…"
    )
    assert (
        drupal_subject("This fucked-up map still shows Crimea as part of Ukraine.")
        == "This fucked-up map still…"
    )


def test_short_body_is_its_own_subject_without_ellipsis() -> None:
    assert drupal_subject("How many divisions?") == "How many divisions?"
    assert drupal_subject("x" * 29) == "x" * 29


def test_cut_is_word_safe_and_drops_trailing_periods() -> None:
    assert drupal_subject("Yes. No. Maybe. Perhaps so... and more words") == "Yes. No. Maybe. Perhaps so…"
    assert truncate("a" * 40, 29) == "a" * 28 + "…"  # no boundary: a hard cut at 28


def test_paragraphs_join_with_one_space_and_older_drupal_has_no_ellipsis() -> None:
    assert drupal_subject(["First line", "second line is here and long"]) == "First line second line is…"
    assert drupal_subject("First line second line is here", ellipsis=False) == "First line second line is"


def test_empty_body_has_drupals_placeholder_subject() -> None:
    assert drupal_subject("   ") == NO_SUBJECT


@given(st.text(alphabet=st.sampled_from("ab .,;-_'\"!?\t\x7f~é漢…\u00a0"), max_size=40), st.integers(1, 35))
def test_the_boundary_search_agrees_with_drupal_character_by_character(text: str, top: int) -> None:
    top = min(top, len(text) - 1)
    slow = next((end for end in range(top, 0, -1) if is_word_boundary(text[end])), None)
    assert last_boundary(text, top) == slow


@example("a" * 29 + " b")  # a boundary on the one character only Drupal 7's longer cut keeps
@example("word " * 5 + "four. longer")
@given(st.text(alphabet=st.sampled_from("aaab .,;-!?\t…é漢"), min_size=25, max_size=40))
def test_both_cuts_are_the_two_truncates(text: str) -> None:
    assert both_cuts(text) == (truncate(text), truncate(text, ellipsis=False))
