"""Reading marker lines and weighing a subject against a candidate parent."""

from thread_explorer.core.flatpage.markers import EXACT, FUZZY, NONE, PREFIX, match_strength, read_marker


def test_marker_is_split_after_the_ellipsis_even_when_the_author_contains_by() -> None:
    readings = read_marker("In reply to Armenia is looking to be a… by Stand by Me")
    assert (readings[0].subject, readings[0].author) == ("Armenia is looking to be a…", "Stand by Me")


def test_subject_containing_by_prefers_the_last_by() -> None:
    readings = read_marker("In reply to Stand by your man by Usura")
    assert (readings[0].subject, readings[0].author) == ("Stand by your man", "Usura")
    assert {(r.subject, r.author) for r in readings} == {
        ("Stand by your man", "Usura"),
        ("Stand", "your man by Usura"),
    }


def test_three_dots_count_as_the_ellipsis() -> None:
    assert (
        read_marker("In reply to This fucked-up map still... by Usura")[0].subject
        == "This fucked-up map still…"
    )


def test_ordinary_lines_are_not_markers() -> None:
    assert read_marker("In reply to your question: no.") == []
    assert read_marker("He wrote this in reply to a friend by mail") == []
    assert read_marker("In reply to " + "x" * 120 + " by someone") == []


def test_strengths() -> None:
    body = "This fucked-up map still shows Crimea as part of Ukraine."
    assert match_strength("This fucked-up map still…", body)[0] == EXACT
    assert match_strength("This fucked-up map still", body)[0] == EXACT  # older Drupal: no ellipsis
    assert match_strength("This fucked-up map…", body)[0] == PREFIX
    assert match_strength("Crimea as part of Ukrane", body)[0] == FUZZY
    assert match_strength("Nonsense", body)[0] == NONE
    assert match_strength("Good point", body, seen={"Good point"})[0] == EXACT


def test_a_marker_line_with_a_huge_space_run_is_text_at_once() -> None:
    """Longer than any Drupal subject and author together: not a marker (it once took minutes to decide)."""
    line = "In reply to A comment body line" + " " * 200_000 + "x by someone"
    assert read_marker(line) == []
    assert read_marker("In reply to A comment body line   x by someone") != []
