"""`Thread.stats` on a hand-built tree: what each count covers where stand-ins sit among real comments, and that
counts keyed by a name merge an enum member with the plain string a reader may have stored."""

from __future__ import annotations

from thread_explorer.core.model import Attach, Comment, Kind, Segment, Thread, make_placeholder


def tree() -> Thread:
    """a (exact, by ann) → b (prefix, by bob) → [more: 7 not loaded]; a placeholder → c (by [deleted]);
    e (its attached_by the plain string "root") → d (by ann)."""
    a = Comment("a", "first", author="ann", attached_by=Attach.EXACT, segmented_by=Segment.MARKER)
    b = Comment("b", "second", author="bob", attached_by=Attach.PREFIX)
    more = make_placeholder("m", "7 more", explanation="not loaded", kind=Kind.MORE, meta={"count": 7})
    a.add_reply(b)
    b.add_reply(more)
    missing = make_placeholder("p", "gone", explanation="named by c")
    c = Comment("c", "third", author="[deleted]", attached_by=Attach.PLACEHOLDER)
    d = Comment("d", "fourth", author="ann", attached_by="exact", segmented_by="marker")  # type: ignore[arg-type]
    missing.add_reply(c)
    e = Comment("e", "fifth", author="eve", attached_by="root")  # type: ignore[arg-type]
    e.add_reply(d)
    return Thread(comments=[a, missing, e])


def test_counts_cover_written_comments_and_stand_ins_apart() -> None:
    stats = tree().stats()
    assert stats["comments"] == 5  # a b c d e: the placeholder and the "more" stub are not comments
    assert stats["top_level"] == 2  # a and e (the placeholder stands at the top, but nobody wrote it)
    assert stats["replies"] == 3  # b, c (its parent is a placeholder, still a reply) and d
    assert stats["placeholders"] == 1
    assert (stats["not_loaded"], stats["not_loaded_replies"]) == (1, 7)
    assert stats["authors"] == 3  # ann, bob, eve: "[deleted]" is not an author, ann counts once
    assert stats["max_depth"] == 2  # b, c and d; the "more" stub at depth 3 is no comment


def test_counts_by_name_merge_enum_members_and_plain_strings() -> None:
    stats = tree().stats()
    assert stats["attached_by"] == {"exact": 2, "placeholder": 1, "prefix": 1, "root": 1}
    assert list(stats["attached_by"]) == sorted(stats["attached_by"])
    assert stats["segmented_by"] == {"marker": 2}  # only comments whose boundaries were found say how


def test_a_thread_of_stand_ins_only_has_no_depth() -> None:
    missing = make_placeholder("p", "gone", explanation="named by nobody here")
    stats = Thread(comments=[missing]).stats()
    assert (stats["comments"], stats["placeholders"], stats["max_depth"], stats["top_level"]) == (0, 1, 0, 0)
