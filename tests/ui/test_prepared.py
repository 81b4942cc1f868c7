"""The header's counts, taken from the outline at once, say what the full statistics (built later) say."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import FIXTURES, REALWORLD, SEED

from thread_explorer.core.load import load_thread
from thread_explorer.core.model import Comment, Kind, Thread, make_placeholder
from thread_explorer.ui.prepared import Prepared, counts_line

HEADER = ("comments", "threads", "placeholders", "authors")


def stand_ins() -> Thread:
    """Stand-ins with authors nobody else is (they wrote nothing), a gone author, and an author on both."""
    missing = make_placeholder("p", "gone", explanation="named by c", author="zed")
    missing.add_reply(Comment("c", "third", author="[deleted]"))
    more = make_placeholder("m", "7 more", explanation="not loaded", kind=Kind.MORE, author="ann")
    top = Comment("a", "first", author="ann")
    top.add_reply(more)
    return Thread(comments=[top, missing, Comment("b", "second", author="bob")])


INPUTS = [SEED, REALWORLD / "flat" / "alvinalexander_java_exec.txt"] + [
    FIXTURES / name
    for name in ("reddit_morechildren.json", "hn_items.json", "list.mbox", "guessed_bounds.txt")
]


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: Path(p).name)
def test_the_header_counts_are_the_full_statistics_counts(path: Path) -> None:
    prepared = Prepared.build(load_thread(str(path)))
    stats = prepared.stats
    assert prepared.counts == {key: stats[key] for key in HEADER}
    assert counts_line(prepared.counts) == counts_line(stats)


def test_stand_ins_and_gone_accounts_are_not_authors() -> None:
    prepared = Prepared.build(stand_ins())
    assert prepared.counts == {"comments": 3, "threads": 3, "placeholders": 1, "authors": 2}  # ann, bob
    assert prepared.counts == {key: prepared.stats[key] for key in HEADER}


def test_a_top_level_stub_for_comments_not_sent_is_not_a_thread() -> None:
    thread = stand_ins()
    thread.comments.append(make_placeholder("m2", "40 more", explanation="not loaded", kind=Kind.MORE))
    counts = Prepared.build(thread).counts
    assert counts["threads"] == 3  # a, the placeholder p with its reply, b: not the stub m2
    real = load_thread(str(REALWORLD / "reddit" / "rtv_test_content_flatten_comments_2__0.json"))
    stats = real.stats()
    assert stats["placeholders"] == 0 and stats["not_loaded"] > 0
    assert Prepared.build(real).counts["threads"] == stats["top_level"] == 166
