"""Bluesky getPostThread: the parent chain, the post, its replies; not-found and blocked posts as placeholders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from paths import ROOT

from thread_explorer.core.errors import InputError
from thread_explorer.core.load import load_thread
from thread_explorer.core.model import Attach, Kind

THREAD = ROOT / "tests" / "fixtures" / "formats" / "bluesky_thread.json"


def test_parent_chain_post_and_replies_with_stand_ins_in_place() -> None:
    thread = load_thread(str(THREAD))
    assert thread.format == "bluesky"
    shape = [(c.id, c.author, c.depth, c.kind) for c in thread.walk()]
    assert shape == [
        ("3jabove", None, 0, Kind.PLACEHOLDER),
        ("3k0top", "alice.bsky.social", 1, Kind.COMMENT),
        ("3k0mid", "bob.example.com", 2, Kind.COMMENT),
        ("3k0r1", "carol.bsky.social", 3, Kind.COMMENT),
        ("3k0gone", None, 3, Kind.PLACEHOLDER),
        ("3k0blk", "did:plc:eeee", 3, Kind.PLACEHOLDER),
        ("3k0r2", "alice.bsky.social", 3, Kind.COMMENT),
        ("more-3k0r2", None, 4, Kind.MORE),
        ("more-3k0top", None, 2, Kind.MORE),
    ]
    by_id = thread.index()
    assert by_id["3k0mid"].text == "Sourdough, always.\n[image: A sourdough loaf]"
    assert by_id["3k0mid"].score == 5 and by_id["3k0mid"].time == 1706775000.0
    assert by_id["3k0top"].attached_by == Attach.PLACEHOLDER and by_id["3k0mid"].attached_by == Attach.ID
    assert by_id["3k0gone"].text == "[post not found: at://did:plc:dddd/app.bsky.feed.post/3k0gone]"
    assert "blockedPost" in by_id["3k0blk"].explanation
    stats = thread.stats()
    assert (stats["comments"], stats["placeholders"], stats["not_loaded_replies"]) == (4, 3, 5)


def test_a_not_found_thread_is_a_placeholder_with_a_note(tmp_path: Path) -> None:
    gone = tmp_path / "thread.json"
    gone.write_text(
        json.dumps(
            {"thread": {"$type": "app.bsky.feed.defs#notFoundPost", "uri": "at://x/p/1", "notFound": True}}
        )
    )
    thread = load_thread(str(gone))
    assert [c.kind for c in thread.comments] == [Kind.PLACEHOLDER]
    assert any("stand-in" in note for note in thread.notes)


def test_an_entry_of_unknown_shape_is_a_one_line_error(tmp_path: Path) -> None:
    data = json.loads(THREAD.read_text())
    data["thread"]["replies"].append({"$type": "app.bsky.feed.defs#somethingElse"})
    odd = tmp_path / "thread.json"
    odd.write_text(json.dumps(data))
    with pytest.raises(InputError, match="reply 4: not a Bluesky thread entry"):
        load_thread(str(odd))


@pytest.mark.parametrize("thread", [None, [], {"$type": "app.bsky.feed.defs#threadViewPost", "post": []}])
def test_a_thread_that_is_not_an_entry_is_a_one_line_error(tmp_path: Path, thread: object) -> None:
    odd = tmp_path / "thread.json"
    odd.write_text(json.dumps({"thread": thread}))
    with pytest.raises(InputError, match="thread"):
        load_thread(str(odd))
