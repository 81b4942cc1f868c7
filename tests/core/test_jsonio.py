"""The JSON writer: orjson where it writes the same bytes, the pure-Python writer elsewhere, and a streamed
export that equals the joined one byte for byte."""

from __future__ import annotations

import io
import json
import math
import random
import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import SEED

from thread_explorer.core import jsonio
from thread_explorer.core.errors import InputError
from thread_explorer.core.export import export_chunks, export_thread, export_to
from thread_explorer.core.formats.native import from_dict, to_dict
from thread_explorer.core.jsonio import dumps, encode_object, loads
from thread_explorer.core.load import load_thread
from thread_explorer.core.model import Comment, Thread

pytestmark = pytest.mark.skipif(not jsonio.FAST, reason="orjson (the fast extra) is not installed")


def python_dumps(obj: Any, monkeypatch: pytest.MonkeyPatch) -> str:
    """What the pure-Python writer alone writes."""
    with monkeypatch.context() as patch:
        patch.setattr(jsonio, "FAST", False)
        return dumps(obj)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(1 << 70), max_value=1 << 70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(json_values)
def test_fast_and_pure_python_writers_agree_byte_for_byte(value: Any) -> None:
    """Whatever orjson takes on (and whatever it hands back to the fallback) comes out as json.dumps writes it."""
    fast = dumps(value)
    jsonio.FAST = False
    try:
        slow = dumps(value)
    finally:
        jsonio.FAST = True
    assert fast == slow
    assert fast == json.dumps(value, ensure_ascii=False, indent=2)


ODD_VALUES = [
    {"time": math.nan, "score": math.inf, "low": -math.inf},  # orjson would write null
    {"big": 1 << 70, "small": -(1 << 64)},  # orjson refuses past 64 bits
    {"tiny": 1e-7, "huge": 1e22, "quarter": 2.5e-05},  # orjson spells these differently
    {"text": "lone \ud800 surrogate"},  # orjson refuses it
    {"kind": b"bytes".decode(), "tuple": (1, 2), 3: "int key"},
]


@pytest.mark.parametrize("value", ODD_VALUES)
def test_odd_values_past_the_cap_are_written_as_the_pure_python_writer_does(
    value: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Records past the indentation cap (one orjson call around their one deep value) with values orjson
    cannot write alike, in the record, in its deep value, and in a record with two deep values."""
    records = [
        {**value, "replies": [value]},
        {"replies": [value], **value},
        {"a": [[value]], "b": [[1]], **value},
    ]
    document = nested({"records": records}, jsonio.MAX_INDENT_LEVEL)
    assert dumps(document) == python_dumps(document, monkeypatch)


@pytest.mark.parametrize(
    "value",
    [
        {"time": math.nan, "score": math.inf, "low": -math.inf},  # orjson would write null
        {"big": 1 << 70, "small": -(1 << 64)},  # orjson refuses past 64 bits
        {"tiny": 1e-7, "huge": 1e22, "quarter": 2.5e-05},  # orjson spells these differently
        {"text": "lone \ud800 surrogate"},  # orjson refuses it
        {"kind": b"bytes".decode(), "tuple": (1, 2), 3: "int key"},
    ],
)
def test_values_orjson_cannot_write_alike_take_the_fallback(
    value: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert dumps(value) == python_dumps(value, monkeypatch)


def test_nan_is_written_as_nan_not_null() -> None:
    assert json.loads(dumps({"t": math.nan}).replace("NaN", '"NaN"')) == {"t": "NaN"}


def test_nesting_past_the_indentation_cap_matches_the_pure_python_writer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """orjson stops at 255 levels and indents without a cap: past FAST_LEVELS the fallback writes it."""
    for depth in (jsonio.FAST_LEVELS - 1, jsonio.FAST_LEVELS + 1, 300, 3000):
        value: Any = "leaf"
        for _ in range(depth):
            value = {"replies": [value]}
        assert dumps(value) == python_dumps(value, monkeypatch), depth


@pytest.mark.parametrize("batch", [1, 2, 3, 256])
def test_a_streamed_object_equals_the_whole_one(batch: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Items in batches (orjson), one by one (not vetted, or refused), and empty lists, all in the same bytes."""
    monkeypatch.setattr(jsonio, "BATCH_ITEMS", batch)
    items = [{"id": n, "t": 1.5} for n in range(5)] + [{"id": 5, "t": math.nan}, {"id": 6, "x": "\ud800"}]
    items += [{"id": 7}]
    vetted = [jsonio.plain(item, 2) for item in items]
    assert vetted == [True] * 5 + [False, True, True]  # the surrogate is only found by orjson refusing it
    for chosen in (items, items[:1], []):
        fields = {"schema": "s", "comments": [], "after": {"a": [1]}}
        streamed_chunks = encode_object(fields, "comments", zip(chosen, vetted), "surrogatepass")
        streamed = b"".join(streamed_chunks).decode("utf-8", "surrogatepass")
        assert streamed == python_dumps({**fields, "comments": chosen}, monkeypatch)


def chain(depth: int) -> Thread:
    """A reply chain `depth` comments deep."""
    thread = Thread(source="chain")
    node = Comment(id="c0", text="top", author="a")
    thread.comments.append(node)
    for n in range(1, depth):
        child = Comment(id=f"c{n}", text=f"reply {n}", author="b", time=1.5e9 + n)
        node.add_reply(child)
        node = child
    return thread


@pytest.mark.parametrize(
    "thread",
    [
        load_thread(str(SEED)),
        chain(400),
        # Readers refuse NaN (strict JSON), but a thread built in code can hold one: the writer's fallback.
        Thread(comments=[Comment(id="1", text="x", time=float("nan")), Comment(id="2", text="y")]),
    ],
    ids=["sample page", "deep chain", "NaN time"],
)
def test_the_export_is_the_same_bytes_as_before(thread: Thread, monkeypatch: pytest.MonkeyPatch) -> None:
    """Streamed through orjson and the fallback, the JSON export is what the pure-Python writer wrote of the
    whole document, and export_to writes the same bytes to a stream."""
    before = python_dumps(to_dict(thread), monkeypatch) + "\n"
    assert export_thread(thread, "json") == before
    stream = io.BytesIO()
    export_to(thread, "json", stream)
    assert stream.getvalue() == before.encode("utf-8")
    assert b"".join(export_chunks(thread, "markdown")).decode() == export_thread(thread, "markdown")


def test_a_deep_chain_round_trips_through_native_json() -> None:
    thread = chain(2000)
    text = export_thread(thread, "json")
    again = from_dict(loads(text))
    assert export_thread(again, "json") == text
    deepest = again.comments[0]
    while deepest.replies:
        deepest = deepest.replies[0]
    assert (deepest.id, deepest.depth) == ("c1999", 1999)


def test_a_wrong_entry_deep_in_a_document_is_named_by_its_place() -> None:
    doc = to_dict(chain(3))
    doc["comments"][0]["replies"][0]["replies"][0]["score"] = "high"
    with pytest.raises(
        Exception, match=r"comments\[0\]\.replies\[0\]\.replies\[0\]\.score: expected an integer"
    ):
        from_dict(doc)


# ------------------------------------------------------------------------------ deep documents, both ways
finite_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(1 << 70), max_value=1 << 70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.sampled_from('ab"\\{}[]:, \n\u00e9\U0001f600'), max_size=6),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(alphabet=st.sampled_from('k"\\{[]:, '), max_size=4), children, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None)
@given(finite_values, st.sampled_from([None, 0, 2]), st.sampled_from([(", ", ": "), (",", ":")]))
def test_the_iterative_parser_reads_what_json_loads_reads(value: Any, indent: int | None, seps: Any) -> None:
    """Flat stretches read in one scanner call, containers one by one: the same value, keys in the same order,
    for any spacing and any brackets, quotes or commas inside strings and keys."""
    text = json.dumps(value, indent=indent, separators=seps, ensure_ascii=indent == 0)
    parsed = jsonio.loads_iterative(text)
    assert parsed == json.loads(text)
    assert json.dumps(parsed) == json.dumps(json.loads(text))  # key order too


@settings(max_examples=200, deadline=None)
@given(finite_values, st.data())
def test_the_iterative_parser_refuses_what_json_loads_refuses(value: Any, data: st.DataObject) -> None:
    """A document with one character dropped, doubled or swapped for a bracket is refused by both or by none."""
    text = json.dumps(value, separators=(",", ":"))
    at = data.draw(st.integers(0, len(text) - 1))
    change = data.draw(st.sampled_from(["", text[at] * 2, "[", "}", ",", '"', "NaN"]))
    broken = text[:at] + change + text[at + 1 :]
    try:
        expected: Any = json.loads(
            broken, parse_constant=jsonio._refuse_constant, parse_float=float_or_refuse
        )
    except ValueError:
        with pytest.raises(json.JSONDecodeError):
            jsonio.loads_iterative(broken)
    else:
        assert jsonio.loads_iterative(broken) == expected


def float_or_refuse(text: str) -> float:
    """The strict reading of a float (as loads does): 1e999 is refused, not infinity."""
    if math.isinf(float(text)):
        raise ValueError(text)
    return float(text)


def test_duplicate_keys_keep_the_last_value_in_the_first_place() -> None:
    text = '{"a": 1, "b": [2, {"c": 3}], "a": 4, "d": {"e": [5]}, "b": null}'
    assert list(jsonio.loads_iterative(text).items()) == list(json.loads(text).items())


def test_a_refused_number_deep_in_a_long_list_is_placed_in_linear_time() -> None:
    """Found by the fuzzer: a stretch the scanner refuses was read piece by piece, and every later value then
    scanned the rest of the list again."""
    text = "[" + "1, " * 60_000 + "1" * 5000 + "]"
    start = time.process_time()
    with pytest.raises(InputError, match="line 1 column 180002: a number of more than 4,300 digits"):
        loads(text)
    assert time.process_time() - start < 1.0


def nested(value: Any, depth: int) -> Any:
    for _ in range(depth):
        value = {"replies": [value]}
    return value


@settings(max_examples=150, deadline=None)
@given(json_values)
def test_a_container_past_the_indentation_cap_is_compact_json(value: Any) -> None:
    """From MAX_INDENT_LEVEL levels down, both writers write what json.dumps writes without any spacing."""
    compact = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for fast in (True, False):
        jsonio.FAST = fast
        try:
            written = b"".join(jsonio.encode(value, jsonio.MAX_INDENT_LEVEL, errors="surrogatepass"))
        finally:
            jsonio.FAST = True
        assert written.decode("utf-8", "surrogatepass") == compact


def test_deep_nesting_is_indented_to_the_cap_then_compact(monkeypatch: pytest.MonkeyPatch) -> None:
    """A document deeper than the cap: json.dumps's bytes down to the cap, then one compact line each, and the
    text reads back to the same value; its size grows with its content, not with its depth squared."""
    cap = jsonio.MAX_INDENT_LEVEL
    leaf = {"id": "x", "n": 1, "t": 1.5, "lines": [1, 2]}
    shallow = dumps(nested(leaf, cap // 2 - 1))  # its deepest container, the leaf, opens at level cap - 2
    assert shallow == json.dumps(nested(leaf, cap // 2 - 1), ensure_ascii=False, indent=2)
    for depth in (cap // 2 + 1, 5000):
        value = nested(leaf, depth)
        text = dumps(value)
        assert text == python_dumps(value, monkeypatch)
        assert dumps(loads(text)) == text  # (== of two values this deep would recurse)
        lines = text.split("\n")
        assert len(lines) == 2 * cap + 1
        assert max(len(line) - len(line.lstrip(" ")) for line in lines) == 2 * cap
    small, large = len(dumps(nested(leaf, 1000))), len(dumps(nested(leaf, 4000)))
    assert large < 4.5 * small


def deep_document(seed: int, depth: int) -> tuple[str, Any]:
    """A document `depth` levels of records deep, each level laid out at random (the deeper record last, in the
    middle, among flat siblings of a list, under a key given twice), as text and as the value it means."""
    rng = random.Random(seed)
    quote = '"' if seed % 2 else ""  # (a quote inside a string is written escaped: strings found another way)
    words = f"a [string] {{with}} {quote}brackets{quote}, NaN"
    parts: list[tuple[str, str]] = []  # (text before the deeper record, text after it) per level
    values: list[tuple[Any, Any]] = []  # (builder of the level's value around the deeper one)
    for level in range(depth):
        layout = rng.choice(["last", "middle", "list", "twice", "spaced"])
        flat = {"id": level, "t": words, "n": [1, 2.5]}
        head = json.dumps(flat)[:-1]
        if layout == "last":
            parts.append((head + ', "replies": ', "}"))
        elif layout == "middle":
            parts.append((head + ', "replies": ', ', "after": {"x": null}}'))
        elif layout == "list":
            parts.append((head + ', "replies": [{"s": 1}, [], ', ', {"s": [2]}]}'))
        elif layout == "twice":
            parts.append(('{"replies": 1, "other": {}, "replies": ', "}"))
        else:
            parts.append((f'{{\n  "id" : {level} ,\n  "replies" :\n  ', "\n}"))
        values.append((layout, level))
    text = "".join(before for before, _ in parts) + '"leaf"' + "".join(after for _, after in reversed(parts))
    value: Any = "leaf"
    for layout, level in reversed(values):
        flat = {"id": level, "t": words, "n": [1, 2.5]}
        if layout == "last":
            value = {**flat, "replies": value}
        elif layout == "middle":
            value = {**flat, "replies": value, "after": {"x": None}}
        elif layout == "list":
            value = {**flat, "replies": [{"s": 1}, [], value, {"s": [2]}]}
        elif layout == "twice":
            value = {"replies": value, "other": {}}
        else:
            value = {"id": level, "replies": value}
    return text, value


@pytest.mark.parametrize("seed", range(6))
def test_a_deep_document_of_any_layout_reads_as_it_means(seed: int) -> None:
    """Windows and stretches (and their fallbacks: a key given twice) read a document too deep for json.loads
    into the value it means: each record's members in order, the deeper one wherever it stands."""
    text, value = deep_document(seed, 1500)
    with pytest.raises(RecursionError):
        json.loads(text)
    assert dumps(loads(text)) == dumps(value)  # (== of two values this deep would recurse)


def test_a_nan_deep_in_a_document_is_refused_and_placed() -> None:
    text, _ = deep_document(0, 1500)
    at = text.index('"leaf"')
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    with pytest.raises(InputError, match=f"line {line} column {column}: NaN is not a JSON number"):
        loads(text[:at] + "NaN" + text[at + 6 :])


@pytest.mark.parametrize("odd", ODD_VALUES)
@pytest.mark.parametrize("every", [1, 7, 1000])
def test_odd_values_down_a_chain_past_the_cap_are_written_alike(
    odd: Any, every: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chain written many records an orjson call: a record orjson cannot write alike (once, every 7th, in
    every one) makes the call fall back around it, and the bytes stay the pure-Python writer's."""
    value: Any = {"id": "leaf"}
    for n in range(600):
        value = {"id": n, "replies": [value], **(odd if n % every == 0 else {})}
    assert dumps(value) == python_dumps(value, monkeypatch)
