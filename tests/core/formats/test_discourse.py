"""Discourse topics and post lists: the opening post as article, replies by reply_to_post_number."""

from __future__ import annotations

from paths import REALWORLD, ROOT

from thread_explorer.core.collection import Collection
from thread_explorer.core.load import open_input, open_input_as
from thread_explorer.core.model import Attach, Kind, Thread

TOPIC = ROOT / "tests" / "fixtures" / "formats" / "discourse_topic.json"
REAL = REALWORLD / "unsupported"


def _thread(name: str) -> Thread:
    opened, format_name = open_input_as(str(REAL / name))
    assert format_name == "discourse" and isinstance(opened, Thread)
    return opened


def test_real_topic_has_its_opening_post_as_article_and_three_posts() -> None:
    thread = _thread("discourse_api_topic.json")
    assert thread.meta["title"] == "THIS SITE IS A SANDBOX -- it is reset every day"
    assert thread.article is not None and thread.article.text.startswith(
        "THIS SITE IS A SANDBOX -- it is reset every day\nWelcome!\nTry is a sandbox"
    )
    assert [(c.id, c.author, c.score) for c in thread.comments] == [
        ("2", "samsaffron", 0), ("3", "stienman", 5), ("14", "splattne", 5),
    ]  # fmt: skip
    assert "reply_to_post_number 1" in thread.comments[2].explanation  # a reply to the opening post
    assert (
        thread.comments[1].text
        == "[image: image (http://i288.photobucket.com/albums/ll164/stienman/ahh.gif)]"
    )
    assert thread.comments[0].time == 1360009592.362  # 2013-02-04T15:26:32.362-05:00


def test_real_bare_post_list_reads_like_the_topic() -> None:
    listed = _thread("derived_discourse_topic_posts_list.json")
    assert [(c.id, c.author) for c in listed.comments] == [
        ("2", "samsaffron"),
        ("3", "stienman"),
        ("14", "splattne"),
    ]
    assert listed.article is not None and listed.article.text.startswith(
        "Welcome!"
    )  # no title in a bare list


def test_real_posts_page_without_the_opening_post_says_so() -> None:
    thread = _thread("discourse_api_topic_posts.json")
    assert [(c.id, c.author, c.text, c.score) for c in thread.comments] == [
        ("2", "Some-username", "Some text.", 3)
    ]
    assert thread.article is None and any("opening post" in n for n in thread.notes)


def test_real_latest_posts_are_a_list_of_three_topics() -> None:
    opened = open_input(str(REAL / "discourse_api_posts_latest.json"))
    assert isinstance(opened, Collection)
    summaries = list(opened.summaries())
    assert [(s.id, s.title, s.comments) for s in summaries] == [
        ("11", "This is an uncategorized title", 1),
        ("7", "Welcome to Discourse", 0),
        ("2", "About the Site Feedback category", 0),
    ]
    topic = opened.load(0)
    assert (
        topic.article is not None
        and topic.article.text == "This is an uncategorized title\nhi there. hi there. hi there."
    )
    assert [(c.id, c.author, c.text) for c in topic.comments] == [("2", "johndoe", "holla bullhonky.")]


def test_topic_replies_nest_missing_targets_get_placeholders_and_unloaded_posts_a_stub() -> None:
    thread = open_input(str(TOPIC))
    assert isinstance(thread, Thread)
    assert (
        thread.article is not None and thread.article.text == "Engines for sale\nWhich engine should I buy?"
    )
    shape = [(c.id, c.author, c.depth, c.kind) for c in thread.walk()]
    assert shape == [
        ("2", "charles", 0, Kind.COMMENT),
        ("3", "ada", 1, Kind.COMMENT),
        ("4", "mod", 0, Kind.COMMENT),
        ("missing-6", None, 0, Kind.PLACEHOLDER),
        ("7", "late", 1, Kind.COMMENT),
        ("more-posts", None, 0, Kind.MORE),
    ]
    by_id = thread.index()
    assert by_id["2"].text == "The analytical one & nothing else.\n[image: engine (/uploads/engine.png)]"
    assert by_id["2"].score == 5 and by_id["2"].meta["name"] == "Charles Babbage"
    assert by_id["3"].attached_by == Attach.ID and by_id["7"].attached_by == Attach.PLACEHOLDER
    assert by_id["4"].text == "[closed.enabled]"
    assert by_id["more-posts"].meta["post_ids"] == ["505", "506"]
    assert thread.stats()["not_loaded_replies"] == 2
