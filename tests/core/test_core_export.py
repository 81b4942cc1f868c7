"""Export: the thread-explorer/1 JSON contract and its lossless round trip, Markdown, flat text, subtrees."""

from __future__ import annotations

import json

import pytest
from paths import SEED

from thread_explorer.core.errors import InputError
from thread_explorer.core.export import EXPORT_FORMATS, default_export_name, export_thread, subtree
from thread_explorer.core.formats.native import from_dict, to_dict
from thread_explorer.core.jsonio import dumps
from thread_explorer.core.load import load_text, load_thread
from thread_explorer.core.model import Article, Attach, Comment, Kind, ReplyMarker, Thread


def rich_thread() -> Thread:
    """A thread using every field: placeholder, markers, extras, odd characters."""
    root = Comment(id="c1", text="First *bold* [link](http://x)\n# not a heading", author="ann", lines=(3, 4))
    reply = Comment(
        id="c2",
        text="<b>hi</b> \x1b[31mred\x1b[0m 😀",
        author=None,
        lines=(6, 6),
        reply_to=ReplyMarker("First *bold* [link](http://x)…", "ann", 5),
        attached_by=Attach.EXACT,
        why="subject matches",
        time=1524200000.5,
        score=-3,
        meta={"url": "https://example.com/c2", "nested": {"a": [1, 2.5, None, True]}},
    )
    root.add_reply(reply)
    ghost = Comment(
        id="missing-1",
        text="Gone but not forgotten…",
        author="bob",
        kind=Kind.PLACEHOLDER,
        why="not on the page",
    )
    orphan = Comment(
        id="c3",
        text="An orphan",
        lines=(8, 8),
        reply_to=ReplyMarker("Gone but not forgotten…", "bob", 7),
        attached_by=Attach.PLACEHOLDER,
        why="kept under a placeholder",
    )
    ghost.add_reply(orphan)
    return Thread(
        source="page.txt",
        article=Article("Article line one\nline two", (1, 2), reason="first marker on line 5"),
        comments=[root, ghost],
        marker_position="before",
        notes=["one placeholder"],
        meta={"url": "https://example.com"},
    )


def test_json_follows_the_contract() -> None:
    doc = json.loads(export_thread(rich_thread(), "json"))
    assert doc["schema"] == "thread-explorer/1"
    assert doc["source"] == "page.txt"
    article = {"text": "Article line one\nline two", "lines": [1, 2], "reason": "first marker on line 5"}
    assert doc["article"] == article
    first = doc["comments"][0]
    contract = ["id", "author", "text", "lines", "reply_to", "attached_by", "placeholder", "replies"]
    assert list(first) == contract
    assert first["lines"] == [3, 4] and first["reply_to"] is None and first["attached_by"] == "root"
    reply = first["replies"][0]
    assert reply["reply_to"] == {"subject": "First *bold* [link](http://x)…", "author": "ann", "line": 5}
    assert reply["author"] is None and reply["time"] == 1524200000.5 and reply["score"] == -3
    ghost = doc["comments"][1]
    assert ghost["placeholder"] is True and ghost["lines"] is None and ghost["kind"] == "placeholder"
    assert "kind" not in first and "meta" not in first and "explanation" not in first


def test_json_round_trip_is_identical_including_placeholders_and_extras() -> None:
    doc = to_dict(rich_thread())
    thread = from_dict(json.loads(dumps(doc)))
    assert to_dict(thread) == doc
    reply = thread.comments[0].replies[0]
    assert reply.parent is thread.comments[0] and reply.attached_by is Attach.EXACT
    assert thread.comments[1].replies[0].parent is thread.comments[1]
    assert thread.article == rich_thread().article and thread.marker_position == "before"


def test_reimporting_exported_json_through_the_loader_gives_the_same_tree() -> None:
    text = export_thread(rich_thread(), "json")
    again = load_text(text, source="export.json")
    assert export_thread(again, "json") == text


def test_seed_json_round_trip() -> None:
    thread = load_thread(str(SEED))
    text = export_thread(thread, "json")
    assert export_thread(load_text(text), "json") == text
    assert json.loads(text)["article"]["lines"] == [1, 13]


def test_dumps_matches_json_dumps() -> None:
    doc = to_dict(rich_thread())
    doc["meta"] = {"float": 1e300, "neg": -0.0, "empty": {}, "list": [], "unicode": 'é\u2028"\\'}
    assert dumps(doc) == json.dumps(doc, ensure_ascii=False, indent=2)


def test_a_very_deep_reply_chain_exports_and_reimports() -> None:
    top = node = Comment(id="0", text="root")
    for i in range(1, 1500):
        child = Comment(id=str(i), text=f"reply {i}", attached_by=Attach.ID)
        node.add_reply(child)
        node = child
    thread = Thread(source="deep", comments=[top])
    text = export_thread(thread, "json")
    again = load_text(text)
    assert again.find("1499") is not None and again.find("1499").depth == 1499
    assert export_thread(again, "json") == text


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ([], "expected a JSON object"),
        ({"schema": "other/1"}, "schema is 'other/1'"),
        ({"schema": "thread-explorer/1", "comments": {}}, "comments: expected a list"),
        ({"schema": "thread-explorer/1", "comments": [{"id": "a"}]}, "needs an id and a text"),
        ({"schema": "thread-explorer/1", "comments": [{"id": "a", "text": "t", "lines": [1]}]}, "lines"),
        ({"schema": "thread-explorer/1", "comments": [{"id": "a", "text": "t", "attached_by": "x"}]}, "'x'"),
        (
            {"schema": "thread-explorer/1", "comments": [{"id": "a", "text": "t", "replies": [{"id": "b"}]}]},
            r"comments\[0\].replies\[0\]",
        ),
        ({"schema": "thread-explorer/1", "article": "text"}, "article"),
    ],
)
def test_from_dict_rejects_wrong_shapes_with_a_clear_message(doc: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        from_dict(doc)


def test_subtree_is_a_copy_of_one_comment_and_its_replies() -> None:
    thread = rich_thread()
    part = subtree(thread, "c1")
    assert part.article is None and [c.id for c in part.walk()] == ["c1", "c2"]
    assert part.comments[0].parent is None and part.comments[0] is not thread.comments[0]
    assert part.comments[0].replies[0].parent is part.comments[0]
    part.comments[0].replies.clear()
    assert thread.comments[0].replies, "the original is untouched"
    with pytest.raises(InputError, match="no comment with id 'zz'"):
        subtree(thread, "zz")


def test_export_subtree_in_each_format() -> None:
    seed = load_thread(str(SEED))
    usura = next(c for c in seed.walk() if c.author == "Usura")
    for fmt in EXPORT_FORMATS:
        out = export_thread(seed, fmt, subtree_id=usura.id)
        assert "This fucked-up map" in out and "Armenia is looking to be a real trouble spot" not in out
    doc = json.loads(export_thread(seed, "json", subtree_id=usura.id))
    assert doc["article"] is None and [c["author"] for c in doc["comments"]] == ["Usura"]


def test_text_export_writes_markers_before_bodies_and_parses_back_to_the_same_tree() -> None:
    seed = load_thread(str(SEED))
    text = export_thread(seed, "text")
    assert text.splitlines()[13].startswith("Armenia is looking to be a real trouble spot.")
    assert "In reply to Armenia is looking to be a… by NubianSundance" in text
    again = load_text(text, markers="before")
    shape = [(c.depth, c.author, c.text) for c in again.walk()]
    assert shape == [(c.depth, c.author, c.text) for c in seed.walk()]


def test_markdown_is_a_nested_discussion() -> None:
    md = export_thread(rich_thread(), "markdown")
    lines = md.splitlines()
    assert lines[0] == "# page.txt"
    assert "> Article line one" in lines
    assert any(line.startswith("- **ann** · c1") for line in lines)
    assert "  - *unknown author* · c2 · -3 points · 2018-04-20 04:53 UTC · line 6" in lines
    assert "- *[missing comment: Gone but not forgotten…]*" in lines
    assert any(line.startswith("  - *unknown author* · c3") for line in lines)


def test_markdown_escapes_comment_text_so_it_cannot_inject_markup() -> None:
    md = export_thread(rich_thread(), "markdown")
    assert r"First \*bold\* \[link\](http://x)" in md
    assert r"  \# not a heading" in md
    assert r"\<b>hi\</b>" in md
    text = "1. one\n> quote\n- item\n`code` ~~s~~ &amp; _u_"
    evil = Thread(comments=[Comment(id="x", text=text, author="**me**")])
    out = export_thread(evil, "markdown")
    assert r"- **\*\*me\*\*** · x" in out
    for escaped in (r"1\. one", r"\> quote", r"\- item", r"\`code\` \~\~s\~\~ \&amp; \_u\_"):
        assert escaped in out


def test_default_export_name() -> None:
    comment = Comment(id="c18", text="t", author="Usura")
    assert default_export_name(comment, "markdown") == "thread-c18-usura.md"
    assert default_export_name(comment, "json") == "thread-c18-usura.json"
    assert default_export_name(Comment(id="t1_ab/c", text="", author=None), "text") == "thread-t1-ab-c.txt"
    assert default_export_name(None, "json") == "thread.json"


def test_unknown_export_format_is_an_input_error() -> None:
    with pytest.raises(InputError, match="choose from: json, markdown, text"):
        export_thread(rich_thread(), "pdf")


def test_markdown_shows_escapes_as_symbols_and_caps_indentation() -> None:
    from thread_explorer.core.markdown import MARKDOWN_MAX_INDENT, to_markdown
    from thread_explorer.core.model import Comment, Thread

    top = Comment(id="t", text="\x1b[31mred\x1b[0m", author="a", score=1)
    node = top
    for depth in range(60):
        child = Comment(id=f"d{depth}", text=f"level {depth + 1}", author="b")
        node.add_reply(child)
        node = child
    thread = Thread(comments=[top])
    md = to_markdown(thread)
    assert "\x1b" not in md and "1 point" in md and "1 points" not in md
    widest = max(len(line) - len(line.lstrip(" ")) for line in md.splitlines())
    assert widest <= 2 * MARKDOWN_MAX_INDENT + 2
    assert "level 60" in md and "depth 61" in md


def test_markdown_keeps_indented_code_together_in_a_fence() -> None:
    from thread_explorer.core.markdown import to_markdown
    from thread_explorer.core.model import Comment, Thread

    text = "Try this:\n    def f(x):\n        return `x` * 2\nWorks for me."
    md = to_markdown(Thread(comments=[Comment(id="c", text=text, author="a")]))
    assert "  ```\n  def f(x):\n      return `x` * 2\n  ```" in md
    assert "Try this:" in md and "Works for me." in md
