"""Reddit, Hacker News and mbox inputs open as the right tree, are detected from content and round-trip as JSON."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import FIXTURES

from thread_explorer.core.collection import ListCollection
from thread_explorer.core.errors import InputError
from thread_explorer.core.formats import hackernews, mbox, reddit
from thread_explorer.core.formats.native import from_dict, to_dict
from thread_explorer.core.html_text import html_to_text
from thread_explorer.core.load import load_text, load_thread
from thread_explorer.core.model import Attach, Comment, Thread


def shape(thread: Thread) -> list[tuple[int, str, str | None]]:
    """(depth, id, author) for every comment in page order: the tree as a user sees it."""
    return [(c.depth, c.id, c.author) for c in thread.walk()]


def by_id(thread: Thread) -> dict[str, Comment]:
    return thread.index()


# ------------------------------------------------------------------------------------------------- Reddit
def test_reddit_thread_tree_article_and_fields() -> None:
    thread = load_thread(str(FIXTURES / "reddit_thread.json"))
    assert thread.format == "reddit"
    assert thread.article is not None
    assert thread.article.text.startswith("How did medieval armies cross rivers without bridges?\nI've read")
    assert "&amp;" not in thread.article.text and "manage it & what" in thread.article.text
    assert shape(thread) == [
        (0, "kc1", "Hoplite_Historian"),
        (1, "kd1", "[deleted]"),
        (1, "kd2", "curious_reader"),
        (2, "kd3", "Hoplite_Historian"),
        (3, "kd4", "ford_finder"),
        (4, "more-kd4", None),
        (1, "more-kc1", None),
        (0, "kc2", "AutoModerator"),
        (0, "kc3", "[deleted]"),
        (1, "kd5", "bridgebuilder"),
        (0, "more-1b2c3d4", None),
    ]
    c = by_id(thread)
    assert c["kc1"].score == 812 and c["kc1"].time == 1709201000.0
    assert "\n> How did they actually manage it\n" in c["kc1"].text  # &gt; decoded: a quote line
    assert c["kd1"].text == "[deleted]" and c["kc3"].text == "[removed]"
    assert c["kd2"].attached_by is Attach.ID and "t1_kc1" in c["kd2"].explanation
    assert c["kc2"].meta["distinguished"] == "moderator"


def test_reddit_more_stubs_say_what_is_not_loaded() -> None:
    c = by_id(load_thread(str(FIXTURES / "reddit_thread.json")))
    more = c["more-kc1"]
    assert more.kind == "more" and more.placeholder
    assert more.text == "12 more replies not loaded"
    assert more.meta["count"] == 12 and more.meta["children"][:2] == ["kd9", "kda"]
    assert c["more-kd4"].text == "continue this thread (replies not loaded)"
    assert c["more-1b2c3d4"].text == "9 more replies not loaded"


def test_reddit_flat_listing_uses_parent_id_and_placeholders() -> None:
    thread = load_thread(str(FIXTURES / "reddit_morechildren.json"))
    assert thread.format == "reddit"
    assert shape(thread) == [
        (0, "missing-kc1", None),
        (1, "kz1", "late_reply"),
        (2, "kz2", "Hoplite_Historian"),
        (0, "kz3", "newcomer"),
    ]
    holder = thread.comments[0]
    assert holder.placeholder and holder.kind == "placeholder" and "t1_kc1" in holder.text
    assert holder.replies[0].attached_by is Attach.PLACEHOLDER


def test_reddit_parent_id_loop_keeps_both_comments() -> None:
    def t1(cid: str, parent: str) -> dict[str, object]:
        return {
            "kind": "t1",
            "data": {
                "id": cid,
                "name": f"t1_{cid}",
                "parent_id": parent,
                "body": cid,
                "author": "a",
                "replies": "",
            },
        }

    doc = {"kind": "Listing", "data": {"children": [t1("a", "t1_b"), t1("b", "t1_a")]}}
    thread = reddit.read(json.dumps(doc))
    assert sorted(c.id for c in thread.walk()) == ["a", "b"]


def test_reddit_wrong_shape_is_an_input_error() -> None:
    with pytest.raises(InputError, match="Listing"):
        reddit.read('[{"kind": "Listing", "data": {"children": []}}, {"kind": "t1"}]', source="x.json")


# ------------------------------------------------------------------------------------------------- Hacker News
def test_hn_items_tree_in_kids_order() -> None:
    thread = load_thread(str(FIXTURES / "hn_items.json"))
    assert thread.format == "hackernews"
    assert thread.article is not None
    assert (
        thread.article.text
        == "SQLite as an application file format\nhttps://www.sqlite.org/appfileformat.html"
    )
    assert shape(thread) == [
        (0, "39500150", "mwexler"),
        (1, "39500200", None),
        (2, "39500250", "jcalvert"),
        (0, "39500120", "dang"),
        (1, "39500410", "kragen"),  # kids order [39500410, 39500180], not file order
        (1, "39500180", "throwaway_9981"),
        (2, "39500190", "simonw"),
        (0, "39500300", "latecomer"),
        (0, "missing-39500888", None),
        (1, "39500999", "orphan_fan"),
    ]


def test_hn_items_text_deleted_dead_and_missing_parent() -> None:
    thread = load_thread(str(FIXTURES / "hn_items.json"))
    c = by_id(thread)
    assert c["39500150"].text.split("\n")[:3] == [
        "We moved our desktop app to SQLite in 2019.",
        "Two things surprised us:",
        "1. Crash safety came for free.",
    ]
    assert c["39500150"].text.endswith("https://github.com/example/sqlite-dump-for-diff-tool-with-long-name")
    assert c["39500120"].text.startswith(
        "Please don't post shallow dismissals. See https://news.ycombinator.com/"
    )
    assert c["39500200"].text == "[deleted]" and c["39500200"].replies[0].id == "39500250"
    assert c["39500180"].text == "[dead] This is just an ad & you know it."
    assert c["39500250"].text.split("\n")[1:] == [
        "    PRAGMA journal_mode=WAL;",
        "    PRAGMA synchronous=NORMAL;",
    ]
    assert c["39500190"].time == 1708962000.0
    holder = c["missing-39500888"]
    assert holder.placeholder and holder.kind == "placeholder" and "39500888" in holder.text
    assert c["39500999"].attached_by is Attach.PLACEHOLDER


def test_hn_algolia_tree() -> None:
    thread = load_thread(str(FIXTURES / "hn_algolia.json"))
    assert thread.format == "hackernews"
    assert shape(thread) == [
        (0, "39500150", "mwexler"),
        (1, "39500200", None),
        (2, "39500250", "jcalvert"),
        (0, "39500120", "dang"),
    ]
    c = by_id(thread)
    assert c["39500150"].text == "We moved our desktop app to SQLite in 2019.\nTwo things surprised us."
    assert c["39500200"].text == "[deleted]"
    assert thread.meta["score"] == 312


def test_hn_algolia_subtree_root_gets_placeholder_for_its_parent() -> None:
    thread = load_thread(str(FIXTURES / "hn_algolia_subtree.json"))
    assert shape(thread) == [
        (0, "missing-39500150", None),
        (1, "39500200", None),
        (2, "39500250", "jcalvert"),
    ]


def test_hn_single_story_item_with_no_comments() -> None:
    thread = load_text(
        '{"by": "pg", "id": 1, "kids": [], "score": 57, "time": 1160418111, '
        '"title": "Y Combinator", "type": "story", "url": "http://ycombinator.com"}'
    )
    assert thread.format == "hackernews" and thread.comments == []
    assert thread.article is not None and thread.article.text == "Y Combinator\nhttp://ycombinator.com"


def test_html_to_text_rules() -> None:
    assert html_to_text("a &amp; b<p>c &#x27;d&#x27;") == "a & b\nc 'd'"
    assert html_to_text('<a href="https://x.org/docs">the docs</a>') == "the docs (https://x.org/docs)"
    assert html_to_text("<script>alert(1)</script>ok") == "ok"
    assert html_to_text("x<blockquote>quoted</blockquote>y") == "x\n> quoted\ny"
    assert html_to_text("[bold]not markup[/bold]") == "[bold]not markup[/bold]"
    assert html_to_text(None) == ""


def test_a_code_block_stays_one_indented_block() -> None:
    html = (
        "<p>Try this:</p><pre><code>  def f(x):\n      if x:\n\n          return x &lt; 2\n</code></pre>"
        "<p>Done &amp; dusted.</p>"
    )
    assert html_to_text(html).split("\n") == [
        "Try this:",
        "    def f(x):",  # the block's own two-space indentation becomes Markdown's four
        "        if x:",
        "",  # a blank line inside the code is kept, inside the block
        "            return x < 2",
        "Done & dusted.",
    ]
    assert html_to_text("<blockquote><pre>a\n  b\n</pre></blockquote>after") == ">     a\n>       b\nafter"
    assert html_to_text("see<pre>\n\ncut off\n  here") == "see\n    cut off\n      here"  # never closed


# ------------------------------------------------------------------------------------------------- mbox
MBOX_SHAPE = [
    (0, "m1", "Alice Liddell"),
    (1, "m2", "Bob Dobbs"),
    (2, "m3", "carol@example.com"),  # References only, no In-Reply-To
    (3, "m4", "François Pignon"),
    (1, "missing-1", None),  # References: <A> <lost>: the lost message hangs under A
    (2, "m7", "Günter"),
    (0, "missing-2", None),  # two replies to a message not in the archive share one placeholder
    (1, "m5", "Dave"),
    (1, "m6", "Erin"),
    (0, "m8", "Heidi"),  # "Re:" subject but no references: not merged by subject
]


def test_mbox_threads_like_a_mail_reader() -> None:
    thread = load_thread(str(FIXTURES / "list.mbox"))
    assert thread.format == "mbox"
    assert shape(thread) == MBOX_SHAPE
    c = by_id(thread)
    assert c["m2"].attached_by is Attach.ID and "<20240304091201.A1@example.org>" in c["m2"].explanation
    assert c["missing-2"].placeholder and c["missing-2"].text == "[dev] Release schedule for 2.0"
    assert c["missing-2"].meta["message_id"] == "<schedule.0@example.org>"
    assert c["m5"].attached_by is Attach.PLACEHOLDER
    assert "subjects are not used" in c["m8"].explanation


def test_mbox_bodies_headers_and_charsets() -> None:
    c = by_id(load_thread(str(FIXTURES / "list.mbox")))
    assert c["m1"].meta["subject"] == "[dev] Proposal: drop Python 3.8 support"
    assert c["m1"].meta["message_id"] == "<20240304091201.A1@example.org>"
    assert c["m1"].time == 1709543521.0
    assert "\nFrom now on CI" in c["m1"].text  # the mbox ">From " escape undone
    assert "> Python 3.8 reaches end of life" in c["m2"].text  # quotes kept for the app to dim
    assert "everywhere — finally" in c["m2"].text  # quoted-printable UTF-8
    assert c["m4"].text.startswith("Très bien, déjà fait")  # quoted-printable ISO-8859-1, RFC 2047 name
    assert c["m7"].text.startswith("Grüße aus München")  # 8-bit ISO-8859-1 body
    assert c["m8"].text == "My mail client lost the references, sorry. +1 from me."  # text/plain part chosen


def test_mbox_read_bytes_uses_each_messages_charset() -> None:
    data = (FIXTURES / "list.mbox").read_bytes()
    data += (
        b"\nFrom z@example.org Thu Mar  7 10:00:00 2024\nFrom: Zoe <z@example.org>\nMessage-ID: <z.9@x>\n"
        b"In-Reply-To: <gunter.7@example.de>\nContent-Type: text/plain; charset=utf-8\n"
        b"Content-Transfer-Encoding: 8bit\n\nSch\xc3\xb6n.\n"
    )
    c = by_id(mbox.read_bytes(data, source="list.mbox"))
    assert c["m7"].text.startswith("Grüße aus München")
    assert c["m9"].text == "Schön." and c["m9"].parent is c["m7"]


def test_mbox_reference_loop_keeps_every_message() -> None:
    text = (
        "From a Mon\nMessage-ID: <a@x>\nReferences: <b@x>\nSubject: a\n\nA\n\n"
        "From b Mon\nMessage-ID: <b@x>\nReferences: <a@x>\nSubject: b\n\nB\n"
    )
    thread = mbox.read(text)
    assert sorted(c.id for c in thread.walk()) == ["m1", "m2"]


def test_mbox_sniff() -> None:
    assert mbox.sniff("From alice@example.org Mon Mar  4 09:12:01 2024\nReturn-Path: <a@b>\n")
    assert not mbox.sniff("From the article: people said\nIn reply to x by y\n")


# ------------------------------------------------------------------------------------------------- all
@pytest.mark.parametrize(
    "name",
    [
        "reddit_thread.json",
        "reddit_morechildren.json",
        "hn_items.json",
        "hn_algolia.json",
        "hn_algolia_subtree.json",
        "list.mbox",
    ],
)
def test_json_export_reimports_as_the_same_tree(name: str) -> None:
    thread = load_thread(str(FIXTURES / name))
    doc = to_dict(thread)
    again = from_dict(json.loads(json.dumps(doc)))
    assert shape(again) == shape(thread)
    assert [(c.text, c.time, c.score, c.kind, c.placeholder, c.meta) for c in again.walk()] == [
        (c.text, c.time, c.score, c.kind, c.placeholder, c.meta) for c in thread.walk()
    ]
    assert to_dict(again) == doc


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("reddit_thread.json", "reddit"),
        ("hn_items.json", "hackernews"),
        ("hn_algolia.json", "hackernews"),
        ("list.mbox", "mbox"),
    ],
)
def test_formats_are_detected_from_content_and_not_confused(name: str, fmt: str) -> None:
    head = (FIXTURES / name).read_text(encoding="latin-1")[:65536]
    sniffers = {"reddit": reddit.sniff, "hackernews": hackernews.sniff, "mbox": mbox.sniff}
    assert [n for n, sniff in sniffers.items() if sniff(head)] == [fmt]


def test_generic_json_comment_list_is_not_taken_for_hn() -> None:
    text = json.dumps(
        [{"id": "1", "parent": None, "author": "a", "text": "hi", "type": "comment", "time": 5}]
    )
    assert not hackernews.sniff(text) and not reddit.sniff(text)


# ------------------------------------------------------------------------------------------------- robustness
JUNK = (
    st.none()
    | st.booleans()
    | st.integers(-3, 9)
    | st.floats()  # NaN and infinities too (refused as not JSON, in one line)
    | st.integers(10**300, 10**400)  # times and scores no float holds
    | st.text(max_size=4)
    | st.text(st.characters(categories=["Cs"]), min_size=1, max_size=2)  # lone surrogates
    | st.lists(st.integers(), max_size=2)
    | st.sampled_from(["t1_a", "t1_b", "t3_x", "a", "b", "_", ""])
)
FIELDS = st.dictionaries(
    st.sampled_from(
        [
            "id",
            "name",
            "parent_id",
            "body",
            "author",
            "count",
            "children",
            "created_utc",
            "score",
            "title",
            "selftext",
            "url",
        ]
    ),
    JUNK,
    max_size=8,
)


def _listing(thing: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.fixed_dictionaries(
        {"kind": st.just("Listing"), "data": st.fixed_dictionaries({"children": st.lists(thing, max_size=4)})}
    )


REDDIT = _listing(
    st.recursive(
        st.fixed_dictionaries({"kind": st.sampled_from(["t1", "t3", "more", "t5"]), "data": FIELDS}),
        lambda inner: st.fixed_dictionaries(
            {
                "kind": st.just("t1"),
                "data": st.builds(
                    lambda d, r: {**d, "replies": r}, FIELDS, _listing(inner) | st.just("") | JUNK
                ),
            }
        ),
        max_leaves=10,
    )
)
HN = st.lists(
    st.fixed_dictionaries(
        {"id": st.integers(1, 6) | JUNK},
        optional={
            "by": JUNK,
            "parent": st.integers(1, 6) | JUNK,
            "kids": st.lists(st.integers(1, 6) | JUNK, max_size=3) | JUNK,
            "text": JUNK,
            "type": st.sampled_from(["story", "comment", "poll"]) | JUNK,
            "time": JUNK,
            "deleted": JUNK,
            "dead": JUNK,
        },
    ),
    max_size=6,
)
MBOX_LINES = st.lists(
    st.sampled_from(
        [
            "From a@b Mon Jan  1 00:00:00 2024",
            "Message-ID: <a@x>",
            "Message-ID: <b@x>",
            "In-Reply-To: <a@x>",
            "In-Reply-To: <b@x> <c@x>",
            "References: <c@x> <a@x>",
            "References: <b@x>",
            "Subject: Re: x",
            "Date: nonsense",
            "Content-Type: text/plain; charset=bogus",
            "Content-Transfer-Encoding: base64",
            "",
            "> quoted",
            ">From x",
            "=E9=",
            "From: =?iso-8859-1?q?Fran=E7ois?= <f@x>",
        ]
    )
    | st.text(max_size=8),
    max_size=25,
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(REDDIT, min_size=1, max_size=2) | REDDIT, HN)
def test_odd_json_is_read_or_refused_in_one_line(reddit_doc: object, hn_doc: object) -> None:
    for module, doc in ((reddit, reddit_doc), (hackernews, hn_doc)):
        try:
            opened = module.read(json.dumps(doc))
        except InputError:
            continue
        threads = opened.threads if isinstance(opened, ListCollection) else [opened]
        for thread in threads:  # a file of several stories is a list of threads
            ids = [c.id for c in thread.walk()]
            assert len(ids) == len(set(ids))


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(MBOX_LINES)
def test_any_mbox_text_keeps_every_message_once(lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        thread = mbox.read(text)
    except InputError:  # refused only when no line is a From line and the first is no header
        data = text.encode("utf-8", "surrogateescape")
        assert next(mbox._separators(data), None) is None
        first = data.lstrip().split(b"\n", 1)[0].decode("utf-8", "replace")
        assert not first.startswith("From ") and mbox._FIELD_NAME.match(first) is None
        return
    messages = [c for c in thread.walk() if not c.placeholder]
    assert len(messages) == thread.meta["messages"] == len({c.id for c in messages})
