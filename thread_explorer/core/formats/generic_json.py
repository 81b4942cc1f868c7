"""A generic JSON thread: comment objects linked by parent ids, in a list or in an object's `comments` list.

Each object needs an `id` (string or integer) and a text (`text`, `body` or `content`); its parent is
`parent`, `parent_id`, `reply_to` or `in_reply_to` (null, "", 0 or missing = top level; 0 only when no comment
has id 0); its author is `author`, `by`, `user` or `username`. Objects may also nest their replies in
`replies` or `children`. Times (`time`, `timestamp`, `created_utc`, `created_at`: seconds or ISO 8601) and
scores (`score`, `points`, `ups`) are kept; other scalar fields go to `meta`. JSON Lines (one comment object a
line) work too. Parents may come after their children. A parent id that no object has gets one placeholder
comment holding its replies; a cycle of parent ids is broken at its earliest comment, which becomes
top-level; duplicate ids get a `#2`, `#3` suffix. Every case is explained on the comment; nothing is dropped.

An object without a `comments` list that is a page record (a `text` field and no parent or author: a web page
as datasets store them, `{"url": ..., "text": ...}`) is read as that page: its text parsed as flat page text.

When is input JSON at all? Text that starts with `{"` or `[{` (after white space or a byte-order mark) always is,
so a truncated file is an error naming line and column, never a page; otherwise see `sniff` and `meant_as_json`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..datasets import is_page_record, page_of_record, page_thread
from ..errors import InputError, prefixed
from ..jsonio import json_error, json_lines, loads_raw
from ..model import Article, Attach, Comment, Thread, make_placeholder
from ..textsafe import one_line
from .base import Format
from .native import SCHEMA_PREFIX, from_dict

NAME = "json"
SNIFF_CHARS = 65536  # load.py hands sniffers this much text
ID_KEYS = ("id",)
TEXT_KEYS = ("text", "body", "content")
PARENT_KEYS = ("parent", "parent_id", "reply_to", "in_reply_to")
AUTHOR_KEYS = ("author", "by", "user", "username")
TIME_KEYS = ("time", "timestamp", "created_utc", "created_at")
SCORE_KEYS = ("score", "points", "ups")
NESTED_KEYS = ("replies", "children")
KNOWN_KEYS = frozenset(
    (*ID_KEYS, *TEXT_KEYS, *PARENT_KEYS, *AUTHOR_KEYS, *TIME_KEYS, *SCORE_KEYS, *NESTED_KEYS)
)
# Openings that make a text JSON whatever follows (white space and a byte-order mark before them allowed): an
# object with a key, a list of objects. No page starts that way; a cut-off or broken file is reported as JSON.
_ALWAYS_JSON = re.compile(r'\ufeff?\s*(\{\s*"|\[\s*\{)')
# Other openings of a document meant as JSON: an empty object, a list of lists or strings, an empty list.
_JSON_START = re.compile(r'\ufeff?\s*(\{\s*["}]|\[\s*[\[{"\]])')


def starts_as_json(text: str) -> bool:
    """Text that starts with `{"` or `[{` (after white space and a byte-order mark): JSON, never a page."""
    return _ALWAYS_JSON.match(text) is not None


def meant_as_json(text: str) -> bool:
    """Text that starts with `{"` or `[{`, or starts like JSON (`{}`, `[[`, `["`, `[]`) and ends with the
    matching bracket."""
    if starts_as_json(text):
        return True
    match = _JSON_START.match(text)
    if match is None:
        return False
    closing = "}" if match.group(1)[0] == "{" else "]"
    return text.rstrip().endswith(closing)


def sniff(head: str) -> bool:
    """JSON if the text starts with `{"` or `[{`; else if it starts with `{` or `[` and parses, or is otherwise
    meant as JSON (see meant_as_json). A broken or cut-off one is then an error naming line and column.

    `head` is the whole text when it is shorter than SNIFF_CHARS; a longer one counts when its head is a valid
    JSON prefix cut off by the sniffing limit. JSON Lines count when their first line is a JSON object.
    """
    if starts_as_json(head):
        return True
    stripped = head.lstrip()
    if not stripped or stripped[0] not in "{[":
        return False
    try:
        json.loads(head)
        return True
    except RecursionError:
        return True
    except json.JSONDecodeError as error:
        if meant_as_json(head):
            return True
        if error.msg == "Extra data" and stripped[0] == "{":
            return _first_line_is_object(stripped)
        if len(head) < SNIFF_CHARS or _JSON_START.match(head) is None:
            return False
        cut = error.pos >= len(head.rstrip()) - 8 or error.msg.startswith("Unterminated string")
        return cut
    except ValueError:  # more digits than Python converts: JSON all the same (the reader says what is wrong)
        return True


def _first_line_is_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text.split("\n", 1)[0]), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


@dataclass
class Item:
    """One input object on its way to becoming a comment."""

    comment: Comment
    parent: str | None
    index: int  # input order (depth-first for nested replies)


def _text_of(value: Any, where: str, key: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        found = "an object" if isinstance(value, dict) else "a list"
        raise InputError(f"{where}: {key} should be a string, not {found}")
    return str(value)


def _id_of(value: Any, where: str, key: str) -> str | None:
    """An id as a string; None for the "no parent" values null and ""."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InputError(f"{where}: {key} should be a string or an integer")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _time_of(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.timestamp()
    return None


def _first(data: dict[str, Any], keys: tuple[str, ...]) -> tuple[str, Any] | None:
    for key in keys:
        if key in data:
            return key, data[key]
    return None


def _comment_like(value: Any) -> bool:
    """A list of objects that have an id and a text: replies, whatever the key holding them is called."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(v, dict) and _first(v, ID_KEYS) and _first(v, TEXT_KEYS) for v in value)
    )


def make_item(
    data: Any,
    where: str,
    index: int,
    implied_parent: str | None,
    unknown: dict[tuple[str, bool], int] | None = None,
) -> tuple[Item, list[Any]]:
    """An Item from one object, and its nested replies (raw): those under `replies`/`children`, and lists of
    comment-like objects under any other key, counted in `unknown` by (key, read) so that a note names the key;
    other lists of objects are counted there as not read."""
    if not isinstance(data, dict):
        raise InputError(f"{where}: expected a comment object, found {type(data).__name__}")
    found = _first(data, ID_KEYS)
    comment_id = _id_of(found[1], where, "id") if found else None
    if comment_id is None:
        raise InputError(f"{where}: a comment needs an id")
    found = _first(data, TEXT_KEYS)
    if found is None:
        raise InputError(f"{where}: comment {one_line(comment_id, 80)} has no text (text, body or content)")
    text = _text_of(found[1], where, found[0]) or ""
    found = _first(data, AUTHOR_KEYS)
    author = _text_of(found[1], where, found[0]) if found else None
    found = _first(data, PARENT_KEYS)
    parent = _id_of(found[1], where, found[0]) if found else implied_parent
    comment = Comment(id=comment_id, text=text.replace("\r\n", "\n"), author=author)
    comment.meta = {
        key: value
        for key, value in data.items()
        if key not in KNOWN_KEYS and isinstance(value, (str, int, float, bool))
    }
    found = _first(data, TIME_KEYS)
    if found is not None:
        comment.time = _time_of(found[1])
        if comment.time is None and isinstance(found[1], str):
            comment.meta[found[0]] = found[1]  # a date we cannot read: keep it as it was
    found = _first(data, SCORE_KEYS)
    if found is not None and isinstance(found[1], int) and not isinstance(found[1], bool):
        comment.score = found[1]
    nested: list[Any] = []
    for key in NESTED_KEYS:
        if isinstance(data.get(key), list):
            nested.extend(data[key])
    for key, value in data.items():
        if key in KNOWN_KEYS or not isinstance(value, list) or not value:
            continue
        if _comment_like(value):
            nested.extend(value)
            if unknown is not None:
                unknown[(key, True)] = unknown.get((key, True), 0) + len(value)
        elif unknown is not None and any(isinstance(v, dict) for v in value):
            unknown[(key, False)] = unknown.get((key, False), 0) + sum(isinstance(v, dict) for v in value)
    return Item(comment, parent, index), nested


def collect(entries: list[Any], wheres: list[str], notes: list[str] | None = None) -> list[Item]:
    """Every object of the list and of the lists nested in it, depth-first, as Items (`wheres` name them);
    `notes` gets one line per key this reader does not know that held objects (read as replies or not)."""
    items: list[Item] = []
    unknown: dict[tuple[str, bool], int] = {}
    stack: list[tuple[Any, str, str | None]] = [(e, where, None) for e, where in zip(entries, wheres)]
    stack.reverse()
    while stack:
        data, where, implied = stack.pop()
        item, nested = make_item(data, where, len(items), implied, unknown)
        items.append(item)
        children = [(child, f"{where}.replies[{i}]", item.comment.id) for i, child in enumerate(nested)]
        stack.extend(reversed(children))
    for (key, read), count in unknown.items():
        if notes is None:
            continue
        if read:
            notes.append(
                f"{count:,} objects under the key {key!r} (not a key this reader knows) read as replies"
            )
        else:
            notes.append(
                f"{count:,} objects under the key {key!r} are not comments (no id and text): not read"
            )
    return items


def _dedupe(items: list[Item], notes: list[str]) -> None:
    """Give repeated ids a `#2`, `#3` suffix (replies keep pointing at the first)."""
    seen: dict[str, int] = {}
    taken = {item.comment.id for item in items}
    repeated: list[str] = []
    for item in items:
        base = item.comment.id
        if base not in seen:
            seen[base] = 2
            continue
        n = seen[base]
        if n == 2:  # the first repeat of this id
            repeated.append(base)
        while f"{base}#{n}" in taken:
            n += 1
        seen[base] = n + 1
        new = f"{base}#{n}"
        taken.add(new)
        item.comment.id = new
        item.comment.explanation = f"the input repeats id {base}; this one is renamed {new}. "
    for base in repeated[:20]:
        notes.append(f"id {base} appears more than once; later copies renamed {base}#2, ...")
    if len(repeated) > 20:
        notes.append(f"{len(repeated) - 20:,} more ids appear more than once (renamed the same way)")


def _break_cycles(items: list[Item], by_id: dict[str, Item], notes: list[str]) -> dict[str, str]:
    """Cut each cycle of parent ids at its earliest comment; returns {cut id: description of the cycle}."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    cut: dict[str, str] = {}
    for item in items:
        path: list[Item] = []
        node: Item | None = item
        while node is not None and state.get(node.comment.id) is None:
            state[node.comment.id] = 1
            path.append(node)
            node = by_id.get(node.parent) if node.parent is not None and node.comment.id not in cut else None
        if node is not None and state.get(node.comment.id) == 1:
            cycle = path[path.index(node) :]
            breaker = min(cycle, key=lambda i: i.index)
            ids = [c.comment.id for c in cycle]
            start = ids.index(breaker.comment.id)
            ring = ids[start:] + ids[:start] + [breaker.comment.id]
            shown = " → ".join(ring if len(ring) <= 6 else [*ring[:5], "…", ring[-1]])
            cut[breaker.comment.id] = shown
            notes.append(f"reply cycle {shown} broken at {breaker.comment.id}")
        for visited in path:
            state[visited.comment.id] = 2
    return cut


def build_thread(items: list[Item], source: str) -> Thread:
    """Link Items into a tree: parents by id, placeholders for missing ones, cycles broken."""
    thread = Thread(source=source, format=NAME)
    _dedupe(items, thread.notes)
    by_id = {item.comment.id: item for item in items}
    for item in items:
        if item.parent == "0" and "0" not in by_id:
            item.parent = None
    cut = _break_cycles(items, by_id, thread.notes)
    placeholders: dict[str, Comment] = {}
    for item in items:
        comment, parent = item.comment, item.parent
        if parent is None:
            comment.attached_by = Attach.ROOT
            comment.explanation += "no parent id: top level"
            thread.comments.append(comment)
        elif comment.id in cut:
            comment.attached_by = Attach.ROOT
            comment.explanation += (
                f"parent id {parent} given in the input would close a reply cycle ({cut[comment.id]}); "
                "shown at the top level instead"
            )
            thread.comments.append(comment)
        elif parent in by_id:
            comment.attached_by = Attach.ID
            comment.explanation += f"parent id {parent} given in the input"
            by_id[parent].comment.add_reply(comment)
        else:
            holder = placeholders.get(parent)
            if holder is None:
                holder = make_placeholder(
                    parent,
                    f"[missing comment {parent}]",
                    explanation=f"stands for comment {parent}: replies name it as parent, the input lacks it",
                )
                placeholders[parent] = holder
                thread.comments.append(holder)
            comment.attached_by = Attach.PLACEHOLDER
            comment.explanation += f"parent id {parent} is not in the input: kept under a placeholder for it"
            holder.add_reply(comment)
    if placeholders:
        thread.notes.append(f"{len(placeholders)} parent id(s) missing from the input, shown as placeholders")
    return thread


def read_page_record(record: dict[str, Any], source: str, markers: str = "auto") -> Thread:
    """One web page saved as a JSON object (`{"url": ..., "text": ...}`, a dataset record on its own): its text
    parsed as a flat page; url, id, time and title (its `title` field, else the first line) go to meta."""
    page = page_of_record(record)
    thread = page_thread(page, source=source or page.url or page.id or "", markers=markers)
    del thread.meta["page"]
    if isinstance(record.get("title"), str) and record["title"].strip():
        thread.meta["title"] = " ".join(record["title"].split())
    thread.notes.append("a JSON page record: its text is read as a flat page")
    return thread


def read(text: str, *, source: str = "", markers: str = "auto") -> Thread:
    """Parse a generic JSON thread or JSON Lines of comments (a thread-explorer document: from_dict)."""
    wheres: list[str] | None = None
    try:
        data = loads_raw(text)
    except json.JSONDecodeError as error:
        if error.msg != "Extra data":
            raise json_error(error, source) from None
        data, wheres = json_lines(text, source)  # several JSON values: JSON Lines, one comment a line
    article: Article | None = None
    meta: dict[str, Any] = {}
    if isinstance(data, dict):
        schema = data.get("schema")
        if isinstance(schema, str) and schema.startswith(SCHEMA_PREFIX):
            try:
                return from_dict(data)
            except InputError as error:
                raise InputError(prefixed(source, str(error))) from None
        entries = data.get("comments")
        if not isinstance(entries, list) and is_page_record(data):
            return read_page_record(data, source, markers)
        if not isinstance(entries, list):
            problem = 'a JSON object without a "comments" list is not a thread this program reads'
            raise InputError(prefixed(source, problem))
        found = _first(data, ("article", *TEXT_KEYS))
        if found is not None and isinstance(found[1], str) and found[1].strip():
            reason = f"the document's {found[0]!r} field"
            article = Article(text=found[1].replace("\r\n", "\n"), reason=reason)
        meta = {k: v for k, v in data.items() if k in ("title", "url", "id") and isinstance(v, (str, int))}
        wheres = [f"comments[{i}]" for i in range(len(entries))]
    elif isinstance(data, list):
        entries = data
        wheres = wheres or [f"item[{i}]" for i in range(len(entries))]
    else:
        problem = f"JSON {type(data).__name__} is not a thread: expected a list of comment objects"
        raise InputError(prefixed(source, problem))
    notes: list[str] = []
    try:
        items = collect(entries, wheres, notes)
    except InputError as error:
        raise InputError(prefixed(source, str(error))) from None
    thread = build_thread(items, source)
    thread.notes[:0] = notes
    if len(items) > 1 and all(item.parent is None for item in items):
        thread.notes.append(
            f"no object names a parent (parent, parent_id, reply_to, in_reply_to): all {len(items):,} are top-level"
        )
    thread.article, thread.meta = article, meta
    return thread


FORMAT = Format(
    NAME,
    'generic JSON: comment objects linked by parent ids (a list, JSON Lines, {"comments": [...]})',
    sniff,
    lambda text, options: read(text, source=options.source, markers=options.markers),
)
