"""The JSON writer: orjson where it writes the same bytes, the pure-Python writer elsewhere, and a streamed
export that equals the joined one byte for byte."""

from __future__ import annotations

import io
import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import SEED

from thread_explorer.core import jsonio
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
