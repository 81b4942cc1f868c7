"""OpenAssistant conversation trees (oasst1, oasst2): messages as flat records, nested trees, or Parquet.

Shapes read: JSON Lines (or a JSON list) of flat messages (`message_id`, `parent_id`, `message_tree_id`, `role`,
`text`, `rank`, `deleted`, `created_date`, ...), messages with their `replies` nested, the tree export
(`{"message_tree_id", "tree_state", "prompt": MESSAGE}` a line), one tree as a JSON object, and the datasets'
Parquet files (read by path: `PAR1` with `message_id` and `parent_id` columns).

Mapping: each message a Comment (id `message_id`; author its `role`, prompter or assistant, with `user_id` in
meta; `text` is Markdown, so `meta["markup"]`; `rank`, `lang`, `deleted`, `synthetic`, `model_name`, `emojis`,
`labels`, `review_*` kept in meta). Messages hang by nesting, else by `parent_id`; a parent not in the file gets
a placeholder. Every tree (each top-level message or placeholder) is one thread; a file of several trees opens
as a list of trees.
"""

from __future__ import annotations

import os
from typing import Any

from ..collection import Collection
from ..datasets.stream import pyarrow_parquet
from ..errors import InputError, prefixed
from ..model import Comment, Thread
from .base import FileFormat, Format, ReadOptions
from .building import Pending, as_text, has_keys, json_values, link, one_or_many, parse_time

NAME = "oasst"
_META = (
    "rank", "lang", "deleted", "synthetic", "model_name", "emojis", "labels", "review_count", "review_result",
    "user_id", "message_tree_id", "tree_state",
)  # fmt: skip


def sniff(head: str) -> bool:
    """JSON whose head has OpenAssistant message keys (`message_id` and `role`), or a tree export's keys."""
    return has_keys(head, "message_id", "role") or has_keys(head, "message_tree_id", "prompt")


def _comment(record: dict[str, Any], where: str) -> Comment:
    ident = as_text(record.get("message_id"))
    if ident is None:
        raise InputError(f"{where}: an OpenAssistant message needs a message_id")
    text = record.get("text")
    if text is not None and not isinstance(text, str):
        raise InputError(f"{where}: message {ident} has a text that is not a string")
    meta: dict[str, Any] = {"markup": "markdown"}
    meta.update({k: record[k] for k in _META if record.get(k) is not None})
    role = record.get("role")
    return Comment(
        id=ident,
        text=text or "",
        author=role if isinstance(role, str) else None,
        time=parse_time(record.get("created_date")),
        meta=meta,
    )


def messages(values: list[tuple[Any, str]], source: str) -> list[Pending]:
    """Every message of the values (flat records, nested replies, tree exports, lists of them), depth-first."""
    items: list[Pending] = []
    stack: list[tuple[Any, str, str | None]] = [
        (v, prefixed(source, w or "the document"), None) for v, w in reversed(values)
    ]
    while stack:
        value, where, nested_in = stack.pop()
        if isinstance(value, list):
            stack.extend((v, f"{where} item {i}", nested_in) for i, v in reversed(list(enumerate(value))))
            continue
        if not isinstance(value, dict):
            raise InputError(f"{where}: not an OpenAssistant message or tree, found {type(value).__name__}")
        if (
            "prompt" in value and "message_id" not in value
        ):  # a tree export: {message_tree_id, tree_state, prompt}
            prompt = value["prompt"]
            if isinstance(prompt, dict):
                prompt = {**prompt, **{k: value[k] for k in ("message_tree_id", "tree_state") if k in value}}
            stack.append((prompt, f"{where} prompt", None))
            continue
        comment = _comment(value, where)
        parent = nested_in or as_text(value.get("parent_id"))
        items.append(Pending(comment, comment.id, parent, "top level: the tree's prompt (parent_id is null)"))
        replies = value.get("replies")
        if replies is not None and not isinstance(replies, list):
            raise InputError(f"{where}: replies of message {comment.id} is not a list")
        for i, reply in reversed(list(enumerate(replies or []))):
            stack.append((reply, f"{where} reply {i}", comment.id))
    return items


def build(items: list[Pending], source: str, description: str) -> Thread | Collection:
    """The trees of these messages: one thread, or a list of them."""
    notes: list[str] = []
    tops = link(items, field="parent_id", noun="message", notes=notes)
    threads = []
    for index, top in enumerate(tops):
        tree_id = top.meta.get("message_tree_id") or top.id
        title = " ".join(top.text.split("\n", 1)[0].split())[:120]
        thread = Thread(
            source=f"{source}#{index}" if len(tops) > 1 else source,
            format=NAME,
            comments=[top],
            notes=list(notes),
            meta={"id": str(tree_id), "title": title or f"tree {tree_id}"},
        )
        threads.append(thread)
    if not threads:
        return Thread(source=source, format=NAME, notes=["no OpenAssistant message in the file"])
    return one_or_many(threads, source, f"{description}: {len(threads):,} conversation trees", "tree")


def read(text: str, options: ReadOptions) -> Thread | Collection:
    """OpenAssistant messages or trees from JSON or JSON Lines text."""
    values = json_values(text, options.source)
    shape = "JSON Lines" if len(values) > 1 or (values and values[0][1]) else "JSON"
    return build(messages(values, options.source), options.source, f"OpenAssistant messages ({shape})")


def detect_parquet(path: str) -> bool:
    """A Parquet file with `message_id` and `parent_id` columns (an oasst1/oasst2 split)."""
    if path == "-" or not os.path.isfile(path):
        return False
    try:
        with open(path, "rb") as raw:
            if raw.read(4) != b"PAR1":
                return False
        import pyarrow.parquet as pq  # the optional parquet extra: only for Parquet input
    except (OSError, ImportError):
        return False
    try:
        names = set(pq.ParquetFile(path).schema_arrow.names)
    except (OSError, ValueError):
        return False
    return {"message_id", "parent_id"} <= names


def open_parquet(path: str, options: ReadOptions) -> Thread | Collection:
    """An oasst Parquet split, batch by batch, as its trees."""
    pq = pyarrow_parquet(path)
    records: list[tuple[Any, str]] = []
    try:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=4096):
            records.extend((record, f"row {len(records) + i}") for i, record in enumerate(batch.to_pylist()))
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: cannot read as Parquet ({error})") from None
    return build(messages(records, options.source), options.source, "OpenAssistant messages (Parquet)")


FORMAT = Format(
    NAME,
    "OpenAssistant oasst1/oasst2 messages or trees (JSON Lines, JSON): a list of conversation trees",
    sniff,
    read,
)
PARQUET = FileFormat(
    "oasst-parquet",
    "OpenAssistant oasst1/oasst2 messages in Parquet: a list of conversation trees",
    detect_parquet,
    open_parquet,
)
