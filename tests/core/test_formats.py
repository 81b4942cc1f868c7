"""Input formats and detection: generic JSON threads, the native document, page text, what counts as JSON."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import FIXTURES, SEED

from thread_explorer.core.errors import InputError
from thread_explorer.core.export import export_thread
from thread_explorer.core.formats import format_names
from thread_explorer.core.load import detect_format, load_bytes, load_text, load_thread
from thread_explorer.core.model import Attach


def shape(thread) -> list[tuple[int, str, str | None]]:
    """(depth, id, parent id) for every comment, in page order."""
    return [(c.depth, c.id, c.parent.id if c.parent else None) for c in thread.walk()]


def load_json(doc: object, **kwargs):
    return load_text(json.dumps(doc), source="t.json", **kwargs)


def test_generic_json_with_int_ids_and_parents_after_children() -> None:
    thread = load_json(
        [
            {"id": 3, "parent": 2, "author": "cy", "text": "three"},
            {"id": 2, "parent_id": 1, "by": "bo", "body": "two"},
            {"id": 1, "parent": None, "user": "al", "content": "one"},
            {"id": 4, "reply_to": "", "author": "di", "text": "four"},
            {"id": 5, "parent": 0, "author": "ed", "text": "five"},
        ]
    )
    assert thread.format == "json"
    assert shape(thread) == [(0, "1", None), (1, "2", "1"), (2, "3", "2"), (0, "4", None), (0, "5", None)]
    two = thread.find("2")
    assert two.author == "bo" and two.text == "two"
    assert two.attached_by is Attach.ID and two.explanation == "parent id 1 given in the input"
    assert thread.find("1").attached_by is Attach.ROOT


def test_generic_json_missing_parent_gets_one_placeholder_holding_its_replies() -> None:
    thread = load_json(
        [
            {"id": "a", "text": "top"},
            {"id": "b", "parent": "42", "text": "orphan one"},
            {"id": "c", "parent": "42", "text": "orphan two"},
            {"id": "d", "parent": "b", "text": "reply to orphan"},
        ]
    )
    assert shape(thread) == [(0, "a", None), (0, "42", None), (1, "b", "42"), (2, "d", "b"), (1, "c", "42")]
    ghost = thread.find("42")
    assert ghost.placeholder and ghost.kind == "placeholder" and ghost.text == "[missing comment 42]"
    orphan = thread.find("b")
    assert orphan.attached_by is Attach.PLACEHOLDER and "42 is not in the input" in orphan.explanation
    assert thread.stats()["placeholders"] == 1 and thread.stats()["comments"] == 4


def test_generic_json_cycles_are_broken_with_an_explanation_and_nothing_is_lost() -> None:
    thread = load_json(
        [
            {"id": 1, "parent": 3, "text": "one"},
            {"id": 2, "parent": 1, "text": "two"},
            {"id": 3, "parent": 2, "text": "three"},
            {"id": 4, "parent": 4, "text": "myself"},
        ]
    )
    assert shape(thread) == [(0, "1", None), (1, "2", "1"), (2, "3", "2"), (0, "4", None)]
    why = thread.find("1").explanation
    assert "parent id 3 given in the input would close a reply cycle (1 → 3 → 2 → 1)" in why
    assert "shown at the top level" in thread.find("4").explanation
    assert any("cycle" in note for note in thread.notes)


def test_generic_json_long_cycle_and_many_comments_do_not_hang() -> None:
    n = 20_000
    items = [{"id": i, "parent": (i + 1) % n, "text": f"c{i}"} for i in range(n)]
    thread = load_json(items)
    assert sum(1 for _ in thread.walk()) == n
    assert len(thread.comments) == 1 and thread.comments[0].id == "0"


def test_generic_json_object_with_comments_nested_replies_and_extras() -> None:
    thread = load_json(
        {
            "title": "A post",
            "text": "The article body",
            "comments": [
                {
                    "id": "x",
                    "author": "al",
                    "text": "top",
                    "score": 7,
                    "time": "2018-04-20T10:00:00Z",
                    "url": "https://e.com/x",
                    "replies": [{"id": "y", "text": "nested reply", "points": 2, "created_utc": 1524218400}],
                }
            ],
        }
    )
    assert shape(thread) == [(0, "x", None), (1, "y", "x")]
    x, y = thread.find("x"), thread.find("y")
    assert x.score == 7 and x.time == 1524218400.0 and x.meta == {"url": "https://e.com/x"}
    assert y.score == 2 and y.time == 1524218400
    assert thread.article is not None and thread.article.text == "The article body"
    assert thread.meta == {"title": "A post"}


def test_generic_json_duplicate_ids_are_kept_under_new_names() -> None:
    thread = load_json([{"id": 1, "text": "a"}, {"id": 1, "text": "b"}, {"id": 2, "parent": 1, "text": "c"}])
    assert shape(thread) == [(0, "1", None), (1, "2", "1"), (0, "1#2", None)]
    assert "repeats id 1" in thread.find("1#2").explanation


def test_json_lines_of_comments() -> None:
    lines = [{"id": 2, "parent": 1, "text": "reply"}, {"id": 1, "text": "top", "author": "al"}]
    text = "\n".join(json.dumps(line) for line in lines) + "\n\n"
    thread = load_text(text, source="c.jsonl")
    assert thread.format == "json" and shape(thread) == [(0, "1", None), (1, "2", "1")]
    broken = text + '{"id": 3, "text": }\n'
    with pytest.raises(InputError, match="c.jsonl: not valid JSON: line 4 column 19"):
        load_text(broken, source="c.jsonl")
    with pytest.raises(InputError, match=r"c.jsonl: line 2: expected a comment object"):
        load_text('{"id": 1, "text": "a"}\n[1]\n', source="c.jsonl")
    big = "\n".join(json.dumps({"id": i, "text": "x" * 80}) for i in range(2000))
    assert detect_format(big).name == "json" and len(load_text(big).comments) == 2000


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[{"id": 1, "text": "x",]', r"t.json: not valid JSON: line 1 column 24: Expecting property name"),
        ('{\n "comments": [\n  {"id": 1 "text": "x"}\n ]\n}', r"not valid JSON: line 3 column 12: Expecting"),
        ("[1, 2]", r"t.json: item\[0\]: expected a comment object"),
        ('{"a": 1}', 'without a "comments" list'),
        ('[{"text": "no id"}]', r"item\[0\]: a comment needs an id"),
        ('[{"id": 1, "author": "x"}]', "comment 1 has no text"),
        ('[{"id": [1], "text": "x"}]', "id should be a string or an integer"),
        ('{"schema": "thread-explorer/9", "comments": []}', "schema is 'thread-explorer/9'"),
        ('{"schema": "thread-explorer/1", "comments": [{"id": 1, "text": "x"}]}', r"comments\[0\].id"),
    ],
)
def test_wrongly_shaped_or_broken_json_is_one_line_error(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        load_text(text, source="t.json")
    assert "\n" not in str(caught.value)


def test_text_that_starts_with_a_bracket_is_still_a_page() -> None:
    pages = ("[Editor's note] An article.\nA comment.\n", "[1] A footnote ... see [2]", "{{template}} text")
    for text in pages:
        assert detect_format(text).name == "text"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[{"id": 1, "text": "x"},\n{"id": 2, "parent": 1, "text": "y"',
            "line 2 column 35: Expecting ',' delimiter",
        ),
        ('{"title": "cut', "Unterminated string starting at line 1 column 11"),
        ('\ufeff  \n [ {"id": 1', "line 2 column 12: Expecting ',' delimiter"),
        (
            '{ "id": 1, "text": "a"}\n{"id": 2, "parent": 1, "text": "b',
            "Unterminated string starting at line 2 column 32",
        ),
        ('[{"id": 1, "text": "x"}, {"id": 2, "text": "y"}] trailing words', "line 1 column 50: Extra data"),
    ],
    ids=["list-cut", "object-cut", "bom-and-spaces", "json-lines-cut", "trailing-words"],
)
def test_text_starting_with_an_object_or_a_list_of_objects_is_json_even_when_cut(
    text: str, message: str
) -> None:
    with pytest.raises(InputError) as caught:
        load_text(text, source="t.json")
    assert str(caught.value).startswith("t.json: not valid JSON: ") and message in str(caught.value)


@pytest.mark.parametrize("name", ["reddit_thread.json", "hn_items.json", "hn_algolia.json"])
def test_cut_off_reddit_and_hn_files_name_line_and_column(name: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    cut = text[: len(text) // 2]
    with pytest.raises(InputError, match=rf"^{name}: not valid JSON: line \d+ column \d+: "):
        load_text(cut, source=name)


def test_a_json_page_record_is_read_as_that_page() -> None:
    page = SEED.read_text(encoding="utf-8")
    record = {"url": "https://www.zerohedge.com/news/nato", "text": page, "timestamp": "2018-04-19T12:00:00Z"}
    thread = load_text(json.dumps(record), source="page.json")
    flat = load_text(page, source="page.json")
    assert export_thread(thread, "text") == export_thread(flat, "text")  # the same tree as the page's text
    assert thread.stats()["comments"] == 3 and thread.marker_position == "before" and thread.format == "text"
    assert thread.source == "page.json" and thread.meta["url"] == record["url"]
    assert thread.meta["title"].startswith("In an attempt to ease") and "page" not in thread.meta
    assert "a JSON page record: its text is read as a flat page" in thread.notes
    titled = load_text(json.dumps({**record, "title": "NATO and Russia\n"}))
    assert (
        titled.meta["title"] == "NATO and Russia" and titled.source == record["url"]
    )  # no file name: the url
    after = load_text(json.dumps({"text": page}), markers="after")
    assert after.marker_position == "after"
    with pytest.raises(InputError, match='without a "comments" list'):  # one comment, not a page
        load_text(json.dumps({"author": "bob", "text": "hi"}), source="c.json")


def test_long_json_broken_after_the_sniffed_head_is_still_reported_as_json() -> None:
    items = [{"id": i, "text": "x" * 100} for i in range(2000)]
    text = json.dumps(items)
    text = text.replace('}, {"id": 1500,', '} {"id": 1500,')
    with pytest.raises(InputError, match="not valid JSON: line 1 column"):
        load_text(text, source="big.json")
    early = '[{"id": 1 "text": "x"}, ' + json.dumps(items)[1:]
    with pytest.raises(InputError, match="not valid JSON: line 1 column 11"):
        load_text(early, source="big.json")


def test_native_document_is_detected_and_format_json_reads_it_too() -> None:
    text = export_thread(load_thread(str(SEED)), "json")
    assert detect_format(text).name == "native"
    assert export_thread(load_text(text, format="json"), "json") == text
    assert export_thread(load_text(text, format="native"), "json") == text


def test_format_override_and_unknown_format() -> None:
    text = '[{"id": 1, "text": "hello"}]'
    page = load_text(text, format="text")
    assert page.format != "json"
    with pytest.raises(InputError, match="unknown input format 'yaml'; choose from: .*json.*text"):
        load_text(text, format="yaml")
    assert {"native", "json", "text"} <= set(format_names())


def test_unknown_marker_position_is_an_input_error() -> None:
    with pytest.raises(InputError, match="marker position 'sideways'"):
        load_text("x", markers="sideways")


@pytest.mark.parametrize("text", ["", "\n\n  \n", "\ufeff"])
def test_empty_input_is_an_empty_thread(text: str) -> None:
    thread = load_text(text.lstrip("\ufeff"), source="empty.txt")
    assert thread.comments == [] and thread.article is None and thread.source == "empty.txt"
    assert load_text(text.lstrip("\ufeff"), format="json").comments == []


def test_flat_text_reads_the_seed_page() -> None:
    thread = load_thread(str(SEED))
    assert thread.format == "text" and thread.marker_position == "before"
    assert thread.article is not None and thread.article.lines == (1, 13)
    authors = [c.author for c in thread.walk()]
    assert authors[:2] == ["NubianSundance", "Usura"]


def test_load_thread_from_stdin(monkeypatch) -> None:
    import io
    import sys

    fake = io.TextIOWrapper(io.BytesIO(b'[{"id": 1, "text": "from stdin"}]'))
    monkeypatch.setattr(sys, "stdin", fake)
    thread = load_thread("-")
    assert thread.source == "<stdin>" and thread.comments[0].text == "from stdin"


SURROGATES = st.text(
    st.characters(categories=["Cs"]), min_size=1, max_size=2
)  # lone, written as \udXXX escapes
HOSTILE_SCALARS = (
    st.floats()  # NaN and infinities too: json.dumps writes NaN, Infinity, which readers must refuse in one line
    | st.integers(10**300, 10**400)  # scores and times no float holds
    | SURROGATES
    | st.sampled_from(["\x1b]0;t\x07", "\u202e", "\u200b", "x\n# H", "[bold]"])
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8) | HOSTILE_SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "parent", "text", "author", "replies", "comments", "schema", "time", "x"]),
            children,
            max_size=5,
        )
    ),
    max_leaves=25,
)


NATIVE_DOCS = st.fixed_dictionaries(
    {"schema": st.just("thread-explorer/1"), "comments": st.lists(JSON_VALUES, max_size=3)},
    optional={key: JSON_VALUES for key in ("article", "source", "notes", "marker_position", "meta")},
)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES | NATIVE_DOCS)
def test_any_json_loads_or_raises_one_line_input_error(value: object) -> None:
    text = json.dumps(value)
    try:
        thread = load_text(text, source="any.json")
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert all(c.id for c in thread.walk())
        for fmt in ("json", "markdown", "text"):
            export_thread(thread, fmt).encode("utf-8")  # no lone surrogate left to fail the output


# Random bytes alone are nearly always refused as binary: mix in pieces of every format, byte-order marks,
# escapes, invalid UTF-8 (a surrogate's encoding) and a few random bytes, so the readers get the input.
PIECES = st.sampled_from(
    [b'{"', b"[{", b'"id": 1, ', b'"parent": 1', b'"text": "', b'"', b"}", b"]", b",", b":", b"NaN", b"1e999",
     b"9" * 400, b"\\ud800", b"In reply to ", b" by ", b"\xe2\x80\xa6", b"\n", b"\r\n", b"\t",
     b"From a@b Mon Jan  1 00:00:00 2024\n", b"Message-ID: <a@x>\n", b"In-Reply-To: <a@x>\n",
     b"Content-Type: text/plain; charset=idna\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\xed\xa0\x80", b"\x1b[2J",
     b"\xc2\x9b", b"\xe2\x80\xae", b'{"kind": "Listing", "data": {"children": [', b'{"schema": "thread-explorer/1"']
)  # fmt: skip
MIXED_BYTES = st.lists(
    PIECES | st.text(max_size=12).map(str.encode) | st.binary(max_size=4), max_size=40
).map(b"".join)


@settings(max_examples=300, deadline=None)
@given(MIXED_BYTES | st.binary(max_size=300))
def test_any_bytes_decode_and_load_or_raise_input_error(data: bytes) -> None:
    try:
        thread = load_bytes(data, source="any.bin")
    except InputError as error:
        assert "\n" not in str(error)
    else:
        export_thread(thread, "markdown").encode("utf-8")
