"""Mastodon: a status's context, the status itself, or both, as one thread linked by in_reply_to_id."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import ROOT

from thread_explorer.core.errors import InputError
from thread_explorer.core.load import load_thread
from thread_explorer.core.model import Attach, Kind

FIXTURES = ROOT / "tests" / "fixtures" / "formats"


def test_status_with_its_context_is_the_whole_thread() -> None:
    thread = load_thread(str(FIXTURES / "mastodon_status_and_context.json"))
    assert thread.format == "mastodon"
    assert [(c.id, c.author, c.depth, c.score) for c in thread.walk()] == [
        ("1001", "alice", 0, 4),
        ("1002", "bob@other.example", 1, 7),
        ("1003", "carol", 2, 1),
        ("1004", "bob@other.example", 3, 0),
        ("1005", "alice", 2, 2),
    ]
    by_id = thread.index()
    assert by_id["1001"].text == (
        "Is anyone else running #fediverse (https://mastodon.example/tags/fediverse) servers at home?"
    )
    assert by_id["1002"].text == (
        "@alice (https://mastodon.example/@alice) yes, on a Pi & it works.\n"
        "[media: A Raspberry Pi on a shelf (https://files.example/pi.jpg)]"
    )
    assert by_id["1005"].text == "[CW: envy]\nNice!"
    assert by_id["1002"].meta["display_name"] == "Bob" and by_id["1002"].time == 1704103500.0
    assert all(c.attached_by == Attach.ID for c in thread.walk() if c.id != "1001")
    assert thread.notes == []


def test_context_alone_keeps_the_replies_to_its_status_under_a_placeholder() -> None:
    thread = load_thread(str(FIXTURES / "mastodon_context.json"))
    assert [c.id for c in thread.comments] == ["1001", "missing-1002"]
    holder = thread.comments[1]
    assert holder.kind == Kind.PLACEHOLDER and [c.id for c in holder.replies] == ["1003", "1005"]
    assert any("give the status and its context together" in note for note in thread.notes)
    assert thread.stats()["comments"] == 4


def test_a_status_alone_hangs_under_its_missing_parent() -> None:
    thread = load_thread(str(FIXTURES / "mastodon_status.json"))
    (holder,) = thread.comments
    assert holder.id == "missing-1001" and [c.id for c in holder.replies] == ["1002"]


def test_a_status_without_id_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "context.json"
    bad.write_text('{"ancestors": [{"content": "<p>x</p>", "account": {"acct": "a"}}], "descendants": []}')
    with pytest.raises(InputError, match="ancestor 0: not a Mastodon status"):
        load_thread(str(bad))
