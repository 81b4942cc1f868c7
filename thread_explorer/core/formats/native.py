"""The native format, `thread-explorer/1` JSON: what `export` writes (`to_dict`) and its strict reader
(`from_dict`), a lossless round trip. Everything here is iterative, so a reply chain thousands of levels deep
exports and re-imports like any other."""

from __future__ import annotations

import re
from typing import Any

from ..errors import InputError, prefixed
from ..jsonio import loads
from ..model import Article, Attach, Comment, Kind, MarkerPosition, ReplyMarker, Thread
from .base import Format

NAME = "native"
SCHEMA_PREFIX = "thread-explorer/"
_SCHEMA_RE = re.compile(r'"schema"\s*:\s*"thread-explorer/')
SCHEMA = "thread-explorer/1"
DEFAULT_FORMAT = "text"  # Thread.format's default: not written to JSON
ATTACH_VALUES = {a.value: a for a in Attach}


def sniff(head: str) -> bool:
    """A JSON object naming a thread-explorer schema near its start."""
    return head.lstrip().startswith("{") and _SCHEMA_RE.search(head, 0, 4096) is not None


def read(text: str, *, source: str = "", markers: str = "auto") -> Thread:
    """Parse the document and rebuild its thread (the markers option does not apply to JSON)."""
    data = loads(text, source)
    try:
        return from_dict(data)
    except InputError as error:
        raise InputError(prefixed(source, str(error))) from None


# ---------------------------------------------------------------------------------------------------- to_dict
def comment_fields(comment: Comment) -> dict[str, Any]:
    """One comment's own fields in contract order, with an empty `replies` list (the caller fills it)."""
    marker = comment.reply_to
    data: dict[str, Any] = {
        "id": comment.id,
        "author": comment.author,
        "text": comment.text,
        "lines": list(comment.lines) if comment.lines is not None else None,
        "reply_to": (
            {"subject": marker.subject, "author": marker.author, "line": marker.line} if marker else None
        ),
        "attached_by": str(comment.attached_by),
        "placeholder": comment.placeholder,
    }
    if comment.explanation:
        data["explanation"] = comment.explanation
    if comment.time is not None:
        data["time"] = comment.time
    if comment.score is not None:
        data["score"] = comment.score
    if comment.kind != Kind.COMMENT:
        data["kind"] = comment.kind
    if comment.meta:
        data["meta"] = dict(comment.meta)
    data["replies"] = []
    return data


def to_dict(thread: Thread) -> dict[str, Any]:
    """The `thread-explorer/1` document: schema, source, article, comments (nested `replies`), plus extras.

    Contract fields are always written; the extras (`explanation`, `time`, `score`, `kind`, `meta` on
    comments, `reason` on the article, `marker_position`, `format`, `notes`, `meta` at the top) only when set,
    so that `from_dict` rebuilds exactly the same thread.
    """
    article = None
    if thread.article is not None:
        a = thread.article
        article = {"text": a.text, "lines": list(a.lines) if a.lines is not None else None}
        if a.reason:
            article["reason"] = a.reason
    doc: dict[str, Any] = {"schema": SCHEMA, "source": thread.source, "article": article, "comments": []}
    if thread.marker_position is not None:
        doc["marker_position"] = thread.marker_position
    if thread.format != DEFAULT_FORMAT:
        doc["format"] = thread.format
    if thread.notes:
        doc["notes"] = list(thread.notes)
    if thread.meta:
        doc["meta"] = dict(thread.meta)
    stack: list[tuple[Comment, list[Any]]] = [(c, doc["comments"]) for c in reversed(thread.comments)]
    while stack:
        comment, siblings = stack.pop()
        data = comment_fields(comment)
        siblings.append(data)
        stack.extend((child, data["replies"]) for child in reversed(comment.replies))
    return doc


# -------------------------------------------------------------------------------------------------- from_dict
def _fail(where: str, problem: str) -> InputError:
    return InputError(f"not a valid {SCHEMA} document: {where}: {problem}")


def _str(data: dict[str, Any], key: str, where: str, *, optional: bool = False, default: Any = "") -> Any:
    """data[key] as a string (missing -> default; None allowed only when optional)."""
    value = data.get(key, None if optional else default)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise _fail(f"{where}.{key}", f"expected a string, found {type(value).__name__}")
    return value


def _line_range(value: Any, where: str) -> tuple[int, int] | None:
    if value is None:
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        raise _fail(where, "expected [first, last] line numbers or null")
    return (value[0], value[1])


def _marker(value: Any, where: str) -> ReplyMarker | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise _fail(where, "expected an object or null")
    line = value.get("line")
    if line is not None and (not isinstance(line, int) or isinstance(line, bool)):
        raise _fail(f"{where}.line", "expected a line number or null")
    return ReplyMarker(
        subject=_str(value, "subject", where),
        author=_str(value, "author", where, optional=True),
        line=line,
    )


KIND_VALUES = {k.value: k for k in Kind if k is not Kind.ARTICLE}


def _kind(data: dict[str, Any], placeholder: bool, where: str) -> Kind:
    """The entry's kind: its `kind` field, else placeholder when `placeholder` is true (older documents)."""
    raw = data.get("kind")
    if raw is None:
        return Kind.PLACEHOLDER if placeholder else Kind.COMMENT
    if not isinstance(raw, str) or raw not in KIND_VALUES:
        raise _fail(f"{where}.kind", f"unknown value {raw!r}")
    kind = KIND_VALUES[raw]
    if placeholder and kind is Kind.COMMENT:
        return Kind.PLACEHOLDER
    return kind


def _comment(data: Any, where: str) -> tuple[Comment, list[Any]]:
    """A Comment from one object (its replies still empty) and the raw replies list."""
    if not isinstance(data, dict):
        raise _fail(where, "expected a comment object")
    if "id" not in data or "text" not in data:
        raise _fail(where, "a comment needs an id and a text")
    attached = data.get("attached_by", "root")
    if not isinstance(attached, str) or attached not in ATTACH_VALUES:
        raise _fail(f"{where}.attached_by", f"unknown value {attached!r}")
    placeholder = data.get("placeholder", False)
    if not isinstance(placeholder, bool):
        raise _fail(f"{where}.placeholder", "expected true or false")
    time = data.get("time")
    if time is not None and (not isinstance(time, (int, float)) or isinstance(time, bool)):
        raise _fail(f"{where}.time", "expected a number")
    score = data.get("score")
    if score is not None and (not isinstance(score, int) or isinstance(score, bool)):
        raise _fail(f"{where}.score", "expected an integer")
    meta = data.get("meta", {})
    if not isinstance(meta, dict):
        raise _fail(f"{where}.meta", "expected an object")
    replies = data.get("replies", [])
    if not isinstance(replies, list):
        raise _fail(f"{where}.replies", "expected a list")
    comment = Comment(
        id=_str(data, "id", where),
        text=_str(data, "text", where),
        author=_str(data, "author", where, optional=True),
        lines=_line_range(data.get("lines"), f"{where}.lines"),
        reply_to=_marker(data.get("reply_to"), f"{where}.reply_to"),
        attached_by=ATTACH_VALUES[attached],
        explanation=_str(data, "explanation", where, default=""),
        kind=_kind(data, placeholder, where),
        time=time,
        score=score,
        meta=dict(meta),
    )
    return comment, replies


def from_dict(data: Any) -> Thread:
    """The thread a `thread-explorer/1` document describes, parents linked; wrong shapes raise InputError."""
    if not isinstance(data, dict):
        raise InputError(f"not a {SCHEMA} document: expected a JSON object")
    schema = data.get("schema")
    if schema != SCHEMA:
        raise InputError(f"not a {SCHEMA} document: schema is {schema!r}")
    comments = data.get("comments", [])
    if not isinstance(comments, list):
        raise _fail("comments", "expected a list")
    article = None
    raw_article = data.get("article")
    if raw_article is not None:
        if not isinstance(raw_article, dict):
            raise _fail("article", "expected an object or null")
        article = Article(
            text=_str(raw_article, "text", "article", default=""),
            lines=_line_range(raw_article.get("lines"), "article.lines"),
            reason=_str(raw_article, "reason", "article", default=""),
        )
    notes = data.get("notes", [])
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        raise _fail("notes", "expected a list of strings")
    meta = data.get("meta", {})
    if not isinstance(meta, dict):
        raise _fail("meta", "expected an object")
    marker_position = data.get("marker_position")
    if marker_position not in (None, "before", "after"):
        raise _fail("marker_position", "expected 'before', 'after' or null")
    thread = Thread(
        source=_str(data, "source", "document", default=""),
        article=article,
        marker_position=MarkerPosition(marker_position) if marker_position else None,
        format=_str(data, "format", "document", default=DEFAULT_FORMAT),
        notes=list(notes),
        meta=dict(meta),
    )
    stack: list[tuple[Any, str, Comment | None]] = [
        (raw, f"comments[{i}]", None) for i, raw in reversed(list(enumerate(comments)))
    ]
    while stack:
        raw, where, parent = stack.pop()
        comment, replies = _comment(raw, where)
        if parent is None:
            thread.comments.append(comment)
        else:
            parent.add_reply(comment)
        children = [(child, f"{where}.replies[{i}]", comment) for i, child in enumerate(replies)]
        stack.extend(reversed(children))
    return thread


FORMAT = Format(
    NAME,
    "native (thread-explorer/1) JSON, the export re-imported losslessly",
    sniff,
    lambda text, options: read(text, source=options.source, markers=options.markers),
)
