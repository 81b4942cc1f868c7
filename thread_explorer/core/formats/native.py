"""The native format, `thread-explorer/1` JSON: what `export` writes (`to_dict`) and its strict reader
(`from_dict`), a lossless round trip. Everything here is iterative, so a reply chain thousands of levels deep
exports and re-imports like any other."""

from __future__ import annotations

import re
from typing import Any

from ..errors import InputError, prefixed
from ..jsonio import FAST_LEVELS, loads, plain, plain_float
from ..model import Article, Attach, Comment, Kind, MarkerPosition, ReplyMarker, Segment, Thread
from .base import Format

NAME = "native"
SCHEMA_PREFIX = "thread-explorer/"
_SCHEMA_RE = re.compile(r'"schema"\s*:\s*"thread-explorer/')
SCHEMA = "thread-explorer/1"
DEFAULT_FORMAT = "text"  # Thread.format's default: not written to JSON
ATTACH_VALUES = {a.value: a for a in Attach}
SEGMENT_VALUES = {s.value: s for s in Segment}


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
    marker, lines, kind = comment.reply_to, comment.lines, comment.kind
    data: dict[str, Any] = {
        "id": comment.id,
        "author": comment.author,
        "text": comment.text,
        "lines": [lines[0], lines[1]] if lines is not None else None,
        "reply_to": (
            {"subject": marker.subject, "author": marker.author, "line": marker.line} if marker else None
        ),
        "attached_by": str(comment.attached_by),
        "placeholder": kind == Kind.PLACEHOLDER or kind == Kind.MORE,  # Comment.placeholder, inlined
    }
    explanation = comment.explanation  # (built once: it may be an Explaining's sentence)
    if explanation:
        data["explanation"] = explanation
    if comment.segmented_by is not None:
        data["segmented_by"] = str(comment.segmented_by)
    if comment.time is not None:
        data["time"] = comment.time
    if comment.score is not None:
        data["score"] = comment.score
    if kind != Kind.COMMENT:
        data["kind"] = kind
    if comment.meta:
        data["meta"] = dict(comment.meta)
    data["replies"] = []
    return data


def document_fields(thread: Thread) -> dict[str, Any]:
    """The document's top-level fields in contract order, `comments` left empty (see to_dict)."""
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
    return doc


def comment_tree(top: Comment) -> tuple[dict[str, Any], bool]:
    """A top-level comment and its replies as nested objects, and whether orjson writes them exactly as the
    pure-Python writer does (see jsonio.plain: no deep nesting, no NaN or oddly spelled float), checked on the
    way so that the export never walks the document twice."""
    root = comment_fields(top)
    vetted = True
    stack: list[tuple[Comment, dict[str, Any], int]] = [(top, root, 2)]  # JSON nesting level of the object
    while stack:
        comment, data, level = stack.pop()
        if vetted:
            time = comment.time
            vetted = (
                level + 1 < FAST_LEVELS
                and (type(time) is not float or plain_float(time))
                and (not comment.meta or plain(data["meta"], level + 1))
            )
        replies = data["replies"]
        for child in comment.replies:
            child_data = comment_fields(child)
            replies.append(child_data)
            stack.append((child, child_data, level + 2))
    return root, vetted


def to_dict(thread: Thread) -> dict[str, Any]:
    """The `thread-explorer/1` document: schema, source, article, comments (nested `replies`), plus extras.

    Contract fields are always written; the extras (`explanation`, `segmented_by`, `time`, `score`, `kind`, `meta` on
    comments, `reason` on the article, `marker_position`, `format`, `notes`, `meta` at the top) only when set,
    so that `from_dict` rebuilds exactly the same thread.
    """
    doc = document_fields(thread)
    doc["comments"] = [comment_tree(top)[0] for top in thread.comments]
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


_NUMBER_TYPES = (int, float)


def _fast_comment(data: Any) -> tuple[Comment, list[Any]] | None:
    """_comment for an entry whose every field has the expected type (what export writes), checked with a few
    type tests; None for anything else, which _comment then checks field by field to say what is wrong."""
    if type(data) is not dict:
        return None
    get = data.get
    cid, text, author = get("id"), get("text"), get("author")
    attached_by = (
        ATTACH_VALUES.get(get("attached_by", "root")) if type(get("attached_by", "")) is str else None
    )
    placeholder, time, score = get("placeholder", False), get("time"), get("score")
    meta, replies, explanation = get("meta", {}), get("replies", []), get("explanation", "")
    lines, marker, raw_kind = get("lines"), get("reply_to"), get("kind")
    if not (
        type(cid) is str
        and type(text) is str
        and (author is None or type(author) is str)
        and attached_by is not None
        and type(placeholder) is bool
        and (time is None or type(time) in _NUMBER_TYPES)
        and (score is None or type(score) is int)
        and type(meta) is dict
        and type(replies) is list
        and type(explanation) is str
        and (
            lines is None
            or (type(lines) is list and len(lines) == 2 and type(lines[0]) is type(lines[1]) is int)
        )
        and (raw_kind is None or (type(raw_kind) is str and raw_kind in KIND_VALUES))
    ):
        return None
    reply_to = None
    if marker is not None:
        if type(marker) is not dict:
            return None
        subject, by, line = marker.get("subject", ""), marker.get("author"), marker.get("line")
        if (
            type(subject) is not str
            or not (by is None or type(by) is str)
            or not (line is None or type(line) is int)
        ):
            return None
        reply_to = ReplyMarker(subject, by, line)
    kind = KIND_VALUES[raw_kind] if raw_kind is not None else Kind.COMMENT
    if placeholder and kind is Kind.COMMENT:
        kind = Kind.PLACEHOLDER
    raw_segment = get("segmented_by")
    segmented_by = SEGMENT_VALUES.get(raw_segment) if type(raw_segment) is str else None
    if raw_segment is not None and segmented_by is None:
        return None
    comment = Comment(
        cid, text, author, (lines[0], lines[1]) if lines is not None else None, reply_to, attached_by,
        explanation, kind, [], time, score, dict(meta) if meta else {}, segmented_by,
    )  # fmt: skip
    return comment, replies


def _where(path: tuple[Any, ...]) -> str:
    """The place of an entry for an error message, from its (index, parent path) chain."""
    indexes: list[int] = []
    node: tuple[Any, ...] | None = path
    while node is not None:
        indexes.append(node[0])
        node = node[1]
    indexes.reverse()
    return f"comments[{indexes[0]}]" + "".join(f".replies[{i}]" for i in indexes[1:])


def _comment(data: Any, where: str) -> tuple[Comment, list[Any]]:
    """A Comment from one object (its replies still empty) and the raw replies list."""
    if not isinstance(data, dict):
        raise _fail(where, "expected a comment object")
    if "id" not in data or "text" not in data:
        raise _fail(where, "a comment needs an id and a text")
    attached = data.get("attached_by", "root")
    if not isinstance(attached, str) or attached not in ATTACH_VALUES:
        raise _fail(f"{where}.attached_by", f"unknown value {attached!r}")
    segmented = data.get("segmented_by")
    if segmented is not None and segmented not in SEGMENT_VALUES:
        raise _fail(f"{where}.segmented_by", f"unknown value {segmented!r}")
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
        why=_str(data, "explanation", where, default=""),
        kind=_kind(data, placeholder, where),
        segmented_by=SEGMENT_VALUES[segmented] if segmented is not None else None,
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
    # (entry, its parent, its path: (index, parent's path), formatted only for an error message)
    stack: list[tuple[Any, Comment | None, tuple[Any, ...]]] = [
        (raw, None, (i, None)) for i, raw in reversed(list(enumerate(comments)))
    ]
    tops = thread.comments
    while stack:
        raw, parent, path = stack.pop()
        made = _fast_comment(raw) or _comment(raw, _where(path))
        comment, replies = made
        if parent is None:
            tops.append(comment)
        else:
            comment.parent = parent
            parent.replies.append(comment)
        stack.extend((replies[i], comment, (i, path)) for i in range(len(replies) - 1, -1, -1))
    return thread


FORMAT = Format(
    NAME,
    "native (thread-explorer/1) JSON, the export re-imported losslessly",
    sniff,
    lambda text, options: read(text, source=options.source, markers=options.markers),
)
