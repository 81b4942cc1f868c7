"""What the readers of id-linked sources share: hanging records under their parents by id in one linear pass
(duplicates renamed, missing parents under one placeholder each, loops cut), times, and one-or-many results.

Every record given to `link` ends up in the tree: a reply whose parent is not in the input hangs under a visible
placeholder for that parent (shared by all its replies), and a chain of parent ids that loops is cut at its
first record in input order, which goes to the top level with an explanation.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..collection import Collection, ListCollection
from ..errors import InputError, prefixed
from ..html_text import html_to_text
from ..jsonio import json_error, loads_raw, number_or_none
from ..model import Attach, Comment, Thread, make_placeholder

__all__ = [
    "Pending",
    "as_int",
    "as_text",
    "has_keys",
    "html_with_images",
    "json_values",
    "link",
    "one_or_many",
    "parse_time",
    "require_list",
]


@dataclass
class Pending:
    """A record on its way into the tree: its comment, the key replies name it by, and its parent's key (None:
    top level, `why_root` saying why)."""

    comment: Comment
    key: str
    parent: str | None
    why_root: str = "top level: no parent"


def link(items: Sequence[Pending], *, field: str, noun: str, notes: list[str]) -> list[Comment]:
    """Hang each item under the item its `parent` key names (the parent field is called `field` in the
    explanations, a record a `noun`); returns the top-level comments in input order. Linear in the items."""
    by_key: dict[str, Pending] = {}
    repeated = 0
    taken = {item.comment.id for item in items}
    for item in items:
        if item.key in by_key:
            repeated += 1
            n, base = 2, item.comment.id
            while f"{base}#{n}" in taken:
                n += 1
            item.comment.id = f"{base}#{n}"
            taken.add(item.comment.id)
            item.comment.explanation = f"the input repeats {noun} {item.key}; this copy is renamed. "
        else:
            by_key[item.key] = item
    if repeated:
        notes.append(f"{repeated} {noun}(s) repeat an id seen before; the copies are renamed ID#2, ...")
    children: dict[int, list[Pending]] = {}
    placeholders: dict[str, Comment] = {}
    roots: list[tuple[Comment, Pending | None]] = []  # top-level entries: a record, or a placeholder (None)
    held: list[Pending] = []  # records under a placeholder
    for item in items:
        parent = by_key.get(item.parent) if item.parent is not None else None
        if item.parent is None:
            roots.append((item.comment, item))
        elif parent is not None and parent is not item:
            children.setdefault(id(parent), []).append(item)
        elif parent is item:
            roots.append((item.comment, item))
            item.why_root = f"{field} names the {noun} itself; kept at the top level"
        else:
            holder = placeholders.get(item.parent)
            if holder is None:
                holder = make_placeholder(
                    f"missing-{item.parent}",
                    f"[{noun} {item.parent}: not in the file]",
                    explanation=f"stands for {noun} {item.parent}: replies name it in {field}, the file lacks it",
                )
                placeholders[item.parent] = holder
                roots.append((holder, None))
            holder.add_reply(item.comment)
            item.comment.attached_by = Attach.PLACEHOLDER
            item.comment.explanation += (
                f"{field} {item.parent} is not in the file: kept under a placeholder for it"
            )
            held.append(item)
    if placeholders:
        notes.append(f"{len(placeholders)} parent {noun}(s) missing from the file, shown as placeholders")
    for comment, root in roots:
        if root is not None:
            comment.attached_by = Attach.ROOT
            comment.explanation += root.why_root
            _attach_below([root], children, field)
    _attach_below(held, children, field)
    reached = {id(c) for top, _ in roots for c in top.walk()}
    loops = 0
    top = [comment for comment, _ in roots]
    for (
        item
    ) in items:  # what no root reaches sits on a loop of parent ids (or below one): cut it at its first
        if id(item.comment) in reached:
            continue
        loops += 1
        item.comment.attached_by = Attach.ROOT
        item.comment.explanation += (
            f"{field} {item.parent} leads round a loop back to this {noun}; kept at the top level"
        )
        _attach_below([item], children, field, cut=item)
        reached.update(id(c) for c in item.comment.walk())
        top.append(item.comment)
    if loops:
        notes.append(f"{loops} loop(s) of {field} cut; the first {noun} of each is shown at the top level")
    return top


def _attach_below(
    stack: list[Pending],
    children: dict[int, list[Pending]],
    field: str,
    cut: Pending | None = None,
) -> None:
    """Attach the replies of the items on `stack`, and theirs, depth-first (no recursion); `cut` is not
    attached again below its own descendants (the loop it closed)."""
    while stack:
        item = stack.pop()
        for child in children.pop(id(item), []):
            if child is cut:
                continue
            item.comment.add_reply(child.comment)
            child.comment.attached_by = Attach.ID
            child.comment.explanation += (
                f"reply: {field} names {item.key} (by {item.comment.author or 'unknown'})"
            )
            stack.append(child)


def parse_time(value: Any) -> float | None:
    """Unix seconds from a number, a datetime or an ISO 8601 string (`Z` and offsets read; no zone means UTC);
    else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()
    if isinstance(value, (int, float)):
        return number_or_none(value)  # None for a time no float holds (a 400-digit integer)
    if isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            moment = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
        except ValueError:
            try:
                return number_or_none(float(text))
            except (ValueError, OverflowError):
                return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.timestamp()
    return None


def as_int(value: Any) -> int | None:
    """A whole number (int, integral float or digits), not a boolean; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def as_text(value: Any) -> str | None:
    """A name or id as a string (numbers accepted); None for anything else or an empty string."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def require_list(value: Any, source: str, what: str) -> list[Any]:
    """`value` when it is a list; else the one-line InputError saying what was expected."""
    if not isinstance(value, list):
        raise InputError(prefixed(source, f"{what} should be a list, found {type(value).__name__}"))
    return value


def one_or_many(threads: list[Thread], source: str, description: str, noun: str) -> Thread | Collection:
    """One thread as itself; several as a collection (a file of many threads never opens as one glued thread)."""
    if len(threads) == 1:
        return threads[0]
    return ListCollection(source, description, threads, noun=noun)


def has_keys(head: str, *keys: str) -> bool:
    """Every one of these JSON keys (`"key":`) occurs in the head of a text that starts like JSON."""
    if head.lstrip()[:1] not in ("{", "["):
        return False
    return all(re.search(rf'(?<!\\)"{re.escape(key)}"\s*:', head) for key in keys)


def json_values(text: str, source: str) -> list[tuple[Any, str]]:
    """The JSON document, or the values of JSON Lines (one a line, blank lines skipped), each with where it is
    ("line N" for JSON Lines, "" for a document); a syntax error is a one-line InputError."""
    try:
        return [(loads_raw(text), "")]
    except json.JSONDecodeError as error:
        if error.msg != "Extra data":
            raise json_error(error, source) from None
    values: list[tuple[Any, str]] = []
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            try:
                values.append((loads_raw(line), f"line {number}"))
            except json.JSONDecodeError as error:
                raise json_error(error, source, line=number) from None
    return values


_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""\b(alt|src)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def _image(match: re.Match[str]) -> str:
    attrs = {
        m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or "") for m in _ATTR.finditer(match[0])
    }
    alt, src = attrs.get("alt", "").strip(), attrs.get("src", "").strip()
    shown = f"{alt} ({src})" if alt and src and alt != src else alt or src
    return html.escape(f"[image: {shown}]") if shown else ""


def html_with_images(fragment: str | None) -> str:
    """HTML as readable text (html_to_text), an image shown as `[image: ALT (SRC)]` instead of vanishing."""
    return html_to_text(_IMG.sub(_image, fragment or ""))
