"""Reddit: the /api/morechildren wrapper, a user's comment listing as a list of threads, Markdown bodies marked
as such, and linear handling of deep chains and repeated stub ids."""

from __future__ import annotations

import json

import pytest
from paths import REALWORLD

from thread_explorer.core.collection import ListCollection
from thread_explorer.core.errors import InputError
from thread_explorer.core.formats import reddit
from thread_explorer.core.load import open_input
from thread_explorer.core.model import Kind, Thread

REDDIT = REALWORLD / "reddit"


def test_the_morechildren_wrapper_reads_like_its_listing() -> None:
    wrapped = open_input(str(REDDIT / "rtv_test_content_flatten_comments__1.json"))
    listing = open_input(str(REDDIT / "derived_morechildren_as_listing.json"))
    assert isinstance(wrapped, Thread) and isinstance(listing, Thread) and wrapped.format == "reddit"
    assert [(c.depth, c.id) for c in wrapped.walk()] == [(c.depth, c.id) for c in listing.walk()]
    stats = wrapped.stats()
    assert (stats["comments"], stats["not_loaded"], stats["not_loaded_replies"]) == (96, 37, 340)
    with pytest.raises(InputError, match="reports errors"):
        reddit.read('{"json": {"errors": [["RATELIMIT", "slow down", "ratelimit"]], "data": {}}}')


def test_a_users_comment_listing_is_a_list_of_threads() -> None:
    opened = open_input(str(REDDIT / "rtv_user-comments__0.json"))
    assert isinstance(opened, ListCollection) and len(opened.threads) == 28
    first = opened.load(0)
    assert first.meta["name"] == "t3_9260bz" and first.meta["title"] == "An update on going private"
    assert first.article is not None and first.article.text == "An update on going private"
    assert sum(t.stats()["comments"] for t in opened.threads) == 100
    for thread in opened.threads:  # each thread holds only comments of its own post
        links = {c.meta["link_id"] for c in thread.walk() if not c.placeholder}
        assert links == {thread.meta["name"]}


def test_bodies_are_marked_as_markdown() -> None:
    thread = open_input(str(REDDIT / "rtv_test_content_submission__0.json"))
    assert isinstance(thread, Thread)
    assert all(c.meta["markup"] == "markdown" for c in thread.walk() if not c.placeholder)


def test_deep_parent_id_chains_and_repeated_stub_ids_keep_everything() -> None:
    n = 5000
    things = [
        {"kind": "t1", "data": {"id": f"c{i}", "name": f"t1_c{i}", "body": "x", "link_id": "t3_p",
                                "parent_id": f"t1_c{i - 1}" if i else "t3_p"}}
        for i in range(n)
    ]  # fmt: skip
    things += [{"kind": "more", "data": {"id": "_", "parent_id": "t1_c0", "count": 0}}] * 50
    thread = reddit.read(json.dumps({"kind": "Listing", "data": {"children": things}}))
    assert isinstance(thread, Thread)
    assert thread.stats()["max_depth"] == n
    stubs = [c.id for c in thread.walk() if c.kind == Kind.MORE]
    assert len(stubs) == len(set(stubs)) == 50


def test_a_listing_of_several_posts_is_a_list_with_each_post_as_its_article() -> None:
    things = [
        {"kind": "t3", "data": {"name": "t3_a", "id": "a", "title": "First post", "selftext": "hello"}},
        {"kind": "t3", "data": {"name": "t3_b", "id": "b", "title": "Second post"}},
        {
            "kind": "t1",
            "data": {"id": "c", "name": "t1_c", "body": "on a", "link_id": "t3_a", "parent_id": "t3_a"},
        },
        {"kind": "more", "data": {"id": "_", "parent_id": "t1_zz", "count": 2}},  # its comment is not listed
    ]
    opened = reddit.read(json.dumps({"kind": "Listing", "data": {"children": things}}))
    assert isinstance(opened, ListCollection)
    first, second, rest = opened.threads
    assert first.article is not None and first.article.text == "First post\nhello"
    assert [c.text for c in first.comments] == ["on a"]
    assert second.meta["title"] == "Second post" and second.comments == []
    assert [c.kind for c in rest.walk()] == [Kind.PLACEHOLDER, Kind.MORE]  # nothing dropped
