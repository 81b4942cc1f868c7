"""The linker every id-linked reader shares: linear, nothing dropped, every attachment explained."""

from __future__ import annotations

from thread_explorer.core.formats.building import Pending, html_with_images, link, parse_time
from thread_explorer.core.model import Attach, Comment, Kind


def _item(key: str, parent: str | None) -> Pending:
    return Pending(Comment(id=key, text=f"text {key}"), key, parent)


def test_a_deep_chain_given_children_first_links_in_one_pass() -> None:
    n = 20_000  # a quadratic linker would take minutes here
    items = [_item(f"c{i}", f"c{i - 1}" if i else None) for i in reversed(range(n))]
    notes: list[str] = []
    (top,) = link(items, field="parent_id", noun="comment", notes=notes)
    chain = list(top.walk())
    assert [c.id for c in chain[:3]] == ["c0", "c1", "c2"] and len(chain) == n
    assert all(len(c.replies) == 1 for c in chain[:-1]) and notes == []


def test_missing_parents_duplicates_self_references_and_loops_are_all_kept_and_explained() -> None:
    items = [
        _item("a", None), _item("b", "a"), _item("x", "gone"), _item("y", "gone"), _item("a", None),
        _item("s", "s"), _item("l1", "l2"), _item("l2", "l1"), _item("l3", "l1"),
    ]  # fmt: skip
    notes: list[str] = []
    tops = link(items, field="parent_id", noun="comment", notes=notes)
    assert [c.id for c in tops] == ["a", "missing-gone", "a#2", "s", "l1"]
    assert sum(1 for top in tops for _ in top.walk()) == len(items) + 1  # every record, plus one placeholder
    holder = tops[1]
    assert holder.kind == Kind.PLACEHOLDER and [c.id for c in holder.replies] == ["x", "y"]
    assert all(c.attached_by == Attach.PLACEHOLDER for c in holder.replies)
    assert [c.id for c in tops[4].replies] == ["l2", "l3"] and "loop" in tops[4].explanation
    assert "renamed" in tops[2].explanation and "itself" in tops[3].explanation
    assert all(c.explanation for top in tops for c in top.walk())
    assert len(notes) == 3


def test_times_and_images() -> None:
    assert parse_time("2024-01-01T00:00:00Z") == 1704067200.0
    assert parse_time("2024-01-01T00:00:00.000") == 1704067200.0  # no zone: UTC
    assert parse_time("2013-02-04T15:26:26.278-05:00") == 1360009586.278
    assert parse_time("not a date") is None and parse_time(True) is None
    assert html_with_images('<p>look</p><img alt="a cat" src="https://x/c.png">') == (
        "look\n[image: a cat (https://x/c.png)]"
    )
