"""Hacker News in the forms people keep it: HNPWA, Firebase lists and JSON Lines, Algolia trees and search
hits; kids not in the file shown as not loaded; several stories as a list of threads."""

from __future__ import annotations

import json

from paths import REALWORLD

from thread_explorer.core.collection import ListCollection
from thread_explorer.core.formats import hackernews
from thread_explorer.core.load import load_text, open_input
from thread_explorer.core.model import Kind, Thread

HN = REALWORLD / "hn"


def test_hnpwa_item_reads_every_nested_comment_as_text() -> None:
    thread = open_input(str(HN / "circumflex_comments_hnpwa.json"))
    assert isinstance(thread, Thread) and thread.format == "hackernews"
    stats = thread.stats()
    assert (stats["comments"], stats["top_level"]) == (2170, 237)  # 237 and nothing else before
    assert thread.article is not None and thread.article.text.startswith("Biden wins White House")
    first = thread.comments[0]
    assert first.author == "dang" and first.text.startswith("All: before reading further")
    assert "<p>" not in first.text and "&#x27;" not in first.text
    nested = next(c for c in thread.walk() if c.parent is not None)
    assert nested.parent is not None and not nested.parent.placeholder


def test_firebase_json_lines_read_like_the_json_list() -> None:
    as_list = open_input(str(HN / "hn_firebase_47336100.json"))
    as_lines = open_input(str(HN / "hn_firebase_47336100.jsonl"))
    assert isinstance(as_list, Thread) and isinstance(as_lines, Thread)
    shape = [(c.depth, c.id, c.author) for c in as_list.walk()]
    assert shape == [(c.depth, c.id, c.author) for c in as_lines.walk()]


def test_kids_not_in_the_file_are_shown_as_not_loaded() -> None:
    thread = open_input(str(HN / "hn_firebase_47336100.json"))
    assert isinstance(thread, Thread)
    stubs = [c for c in thread.walk() if c.kind == Kind.MORE]
    assert len(stubs) == 10 and sum(s.meta["count"] for s in stubs) == 24
    assert all(s.parent is not None and not s.parent.placeholder for s in stubs)
    assert any("counts 57 comments" in note for note in thread.notes)
    story = load_text(
        '{"by": "a", "id": 5, "descendants": 57, "score": 3, "time": 1, "title": "T", "type": "story"}'
    )
    (stub,) = story.comments
    assert stub.kind == Kind.MORE and stub.meta["count"] == 57 and stub.text == "57 more replies not loaded"


def test_several_stories_are_a_list_of_threads_and_dead_reads_once() -> None:
    for name in ("hn_firebase_mixed_types.jsonl", "derived_hn_mixed_types_list.json"):
        opened = open_input(str(HN / name))
        assert isinstance(opened, ListCollection)
        titles = [t.meta.get("title") for t in opened.threads]
        assert titles == [
            "Willow Sideloading Protocol",
            "UpCodes (YC S17) is hiring remote SWEs, PMs to automate construction compliance",
            "Poll: Do you prefer the office or work from home?",
            "comments whose story is not in the file",
        ]
        story, job, poll, orphans = opened.threads
        texts = sorted(c.text for c in story.walk() if not c.placeholder)
        assert texts == ["[dead]", "[deleted]"]  # not "[dead] [dead]"
        assert [c.kind for c in story.walk()].count(Kind.MORE) == 1  # its two kids not in the file
        assert job.comments == []
        assert [c.text for c in poll.walk() if not c.placeholder] == [
            "Work from home, prefer working from the office"
        ]
        (holder,) = orphans.comments
        assert holder.placeholder and holder.replies[0].author == "eranation"


def test_an_algolia_search_response_is_a_list_of_hits() -> None:
    opened = open_input(str(HN / "algolia_search_hits_communal.json"))
    assert isinstance(opened, ListCollection) and len(opened.threads) == 4
    first = opened.load(0)
    assert first.meta["title"] == "Why aren’t we using SSH for everything?" and first.meta["id"] == "8828543"
    (stub,) = first.comments
    assert stub.kind == Kind.MORE and stub.meta["count"] == 103


def test_duplicate_ids_and_wide_stories_keep_every_item_in_kids_order() -> None:
    kids = list(range(1000, 0, -1))
    items = [{"id": 0, "type": "story", "by": "a", "time": 1, "title": "t", "kids": kids}]
    items += [
        {"id": k, "type": "comment", "by": "u", "time": k, "parent": 0, "text": str(k)}
        for k in range(1, 1001)
    ]
    items += [{"id": 7, "type": "comment", "by": "v", "time": 1, "parent": 0, "text": "copy"}] * 3
    thread = hackernews.read(json.dumps(items))
    assert isinstance(thread, Thread)
    ids = [c.id for c in thread.comments]
    assert ids[:3] == ["1000", "999", "998"] and len(ids) == len(set(ids)) == 1003
    assert {"7~2", "7~3", "7~4"} <= set(ids)


def test_a_list_with_comments_whose_story_is_missing_counts_them_as_one_more_thread() -> None:
    """`Hacker News items of 3 stories` above `stories: 4` (found by the newcomer's run): the fourth entry holds
    the comments whose story is not in the file, and the description and the count now say so."""
    listed = open_input(str(HN / "derived_hn_mixed_types_list.json"))
    assert isinstance(listed, ListCollection)
    assert listed.description.endswith("of 3 stories, and comments whose story is not in the file")
    assert listed.noun == "thread" and len(list(listed.summaries())) == 4
