"""Export a thread or one subtree as JSON (`thread-explorer/1`, re-imports losslessly), Markdown or flat text.

Everything here is iterative, so a reply chain thousands of levels deep exports (and re-imports) like any
other.
The JSON contract is described in `to_dict`; `from_dict` is its strict reader.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from .decode import InputError
from .flat import render_flat
from .formats.native_json import dumps
from .model import Article, Attach, Comment, ReplyMarker, Thread
from .textsafe import printable

SCHEMA = "thread-explorer/1"
EXPORT_FORMATS = ("json", "markdown", "text")
EXTENSIONS = {"json": "json", "markdown": "md", "text": "txt"}
DEFAULT_FORMAT = "text"  # Thread.format's default: not written to JSON
ATTACH_VALUES = {a.value: a for a in Attach}


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
    if comment.kind != "comment":
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


def _comment(data: Any, where: str) -> tuple[Comment, list[Any]]:
    """A Comment from one object (its replies still empty) and the raw replies list."""
    if not isinstance(data, dict):
        raise _fail(where, "expected a comment object")
    if "id" not in data or "text" not in data:
        raise _fail(where, "a comment needs an id and a text")
    attached = data.get("attached_by", "root")
    if attached not in ATTACH_VALUES:
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
        placeholder=placeholder,
        time=time,
        score=score,
        kind=_str(data, "kind", where, default="comment"),
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
        marker_position=marker_position,
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


# ---------------------------------------------------------------------------------------------------- subtree
def copy_comment(comment: Comment) -> Comment:
    """A deep copy of a comment and its replies (parent links inside the copy, the copy's own parent None)."""

    def clone(c: Comment) -> Comment:
        return Comment(
            id=c.id, text=c.text, author=c.author, lines=c.lines, reply_to=c.reply_to,
            attached_by=c.attached_by, explanation=c.explanation, placeholder=c.placeholder,
            time=c.time, score=c.score, kind=c.kind, meta=dict(c.meta),
        )  # fmt: skip

    root = clone(comment)
    stack = [(comment, root)]
    while stack:
        original, copy = stack.pop()
        for child in original.replies:
            child_copy = clone(child)
            copy.add_reply(child_copy)
            stack.append((child, child_copy))
    return root


def subtree(thread: Thread, comment_id: str) -> Thread:
    """A thread of a copy of this comment (parent None) and its replies; an unknown id raises InputError."""
    comment = thread.find(comment_id)
    if comment is None:
        raise InputError(f"no comment with id {comment_id!r}")
    return Thread(
        source=thread.source,
        article=None,
        comments=[copy_comment(comment)],
        marker_position=thread.marker_position,
        format=thread.format,
        meta=dict(thread.meta),
    )


# -------------------------------------------------------------------------------------------------- markdown
_INLINE = re.compile(r"([\\`*_\[\]<~])|&(?=#?\w+;)")
_LINE_START = re.compile(r"^([#>+=-]|\d+(?=[.)]))")


def md_escape(text: str) -> str:
    """Text Markdown shows literally: no emphasis, links, HTML, code, headings, quotes or lists from it."""
    text = _INLINE.sub(lambda m: "\\" + m.group(0), printable(text.strip()))
    match = _LINE_START.match(text)
    if match:
        end = match.end()
        text = text[:end] + "\\" + text[end:] if match.group(0)[0].isdigit() else "\\" + text
    return text


def _heading(comment: Comment) -> str:
    """The bold author line of a comment's list item."""
    if comment.placeholder:
        text = comment.text.strip()
        if comment.kind == "more":  # a stub for replies the source did not load: not a missing comment
            return f"*{md_escape(text)}*"
        if text.startswith("[") and text.endswith("]"):  # already says what it is: "[missing comment 42]"
            return f"*{md_escape(text)}*"
        return f"*[missing comment: {md_escape(text)}]*"
    author = f"**{md_escape(comment.author)}**" if comment.author else "*unknown author*"
    details = [md_escape(comment.id)]
    if comment.score is not None:
        details.append(_count(comment.score, "point"))
    if comment.time is not None:
        try:
            moment = datetime.fromtimestamp(comment.time, tz=UTC)
            details.append(moment.strftime("%Y-%m-%d %H:%M UTC"))
        except (OverflowError, OSError, ValueError):
            pass  # a time no calendar holds: leave it out
    if comment.lines is not None:
        first, last = comment.lines
        details.append(f"line {first}" if first == last else f"lines {first}–{last}")
    return f"{author} · " + " · ".join(details)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _markdown_body(text: str, pad: str) -> list[str]:
    """A comment's paragraphs as Markdown lines; runs of lines indented four spaces (code, e.g. HN's <pre>)
    become one fenced block that keeps their layout."""
    out: list[str] = []
    code: list[str] = []

    def flush() -> None:
        if code:
            longest = max((len(run) for line in code for run in re.findall(r"`+", line)), default=0)
            fence = "`" * max(3, longest + 1)
            out.extend(["", f"{pad}{fence}", *(f"{pad}{line}" for line in code), f"{pad}{fence}"])
            code.clear()

    for paragraph in text.split("\n"):
        if paragraph.startswith("    ") and paragraph.strip():
            code.append(printable(paragraph[4:]))
        elif paragraph.strip():
            flush()
            out += ["", f"{pad}{md_escape(paragraph)}"]
    flush()
    return out


MARKDOWN_MAX_INDENT = (
    24  # deeper replies stay at this indentation and say their depth (no megabytes of spaces)
)


def to_markdown(thread: Thread) -> str:
    """The thread as a nested Markdown list: the article quoted first, each author in bold, text below."""
    title = md_escape(thread.source) if thread.source else "Thread"
    out = [f"# {title}", ""]
    stats = thread.stats()
    counts = [_count(stats["comments"], "comment"), _count(stats["replies"], "reply", "replies")]
    if stats["placeholders"]:
        counts.append(_count(stats["placeholders"], "missing parent"))
    out += [f"*{', '.join(counts)}*", ""]
    if thread.article is not None and thread.article.text.strip():
        for paragraph in (p for p in thread.article.text.split("\n") if p.strip()):
            out += [f"> {md_escape(paragraph)}", ">"]
        out[-1] = ""
    stack = [(c, 0) for c in reversed(thread.comments)]
    while stack:
        comment, depth = stack.pop()
        pad = "  " * min(depth, MARKDOWN_MAX_INDENT)
        deeper = f" · depth {depth + 1}" if depth > MARKDOWN_MAX_INDENT else ""
        out.append(f"{pad}- {_heading(comment)}{deeper}")
        if comment.parent is None and comment.reply_to is not None:
            marker = comment.reply_to
            by = f" by {md_escape(marker.author)}" if marker.author else ""
            out += ["", f"{pad}  *in reply to “{md_escape(marker.subject)}”{by}*"]
        if not comment.placeholder:
            out += _markdown_body(comment.text, f"{pad}  ")
        out.append("")
        stack.extend((child, depth + 1) for child in reversed(comment.replies))
    return "\n".join(out).rstrip("\n") + "\n"


# ----------------------------------------------------------------------------------------------------- export
def export_thread(thread: Thread, fmt: str, subtree_id: str | None = None) -> str:
    """The thread (or the subtree under `subtree_id`) as JSON, Markdown or flat text (markers first)."""
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {fmt!r}; choose from: {', '.join(EXPORT_FORMATS)}")
    if subtree_id is not None:
        thread = subtree(thread, subtree_id)
    if fmt == "json":
        return dumps(to_dict(thread)) + "\n"
    if fmt == "markdown":
        return to_markdown(thread)
    return render_flat(thread, markers="before")


def _slug(text: str, limit: int = 32) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:limit].strip("-")


def default_export_name(comment: Comment | None, fmt: str) -> str:
    """A file name for an export, e.g. `thread-c18-usura.md` (`thread.md` for the whole thread)."""
    ext = EXTENSIONS.get(fmt, fmt)
    if comment is None:
        return f"thread.{ext}"
    parts = ["thread", _slug(comment.id) or "comment"]
    if comment.author and _slug(comment.author):
        parts.append(_slug(comment.author))
    return "-".join(parts) + f".{ext}"
