"""Export a thread or one subtree as JSON (`thread-explorer/1`, re-imports losslessly), Markdown or flat text:
the choice of format, the subtree copy and the file names exports get."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import BinaryIO

from .errors import InputError
from .flatpage import render_flat
from .flatpage.writer import checkable_marker_line
from .formats.native import comment_tree, document_fields
from .gcpolicy import collector_paused
from .jsonio import encode_object
from .markdown import to_markdown
from .model import Comment, Thread

EXPORT_FORMATS = ("json", "markdown", "text")
EXTENSIONS = {"json": "json", "markdown": "md", "text": "txt"}
FORMAT_ALIASES = {"md": "markdown", "txt": "text"}  # the endings, accepted as format names too
FORMAT_OF_ENDING = {".json": "json", ".md": "markdown", ".markdown": "markdown", ".txt": "text"}


def format_of_path(path: str) -> str | None:
    """The export format a file name's ending asks for (`x.md`: markdown), or None for any other ending."""
    return FORMAT_OF_ENDING.get(os.path.splitext(path.strip())[1].lower())


def copy_comment(comment: Comment) -> Comment:
    """A deep copy of a comment and its replies (parent links inside the copy, the copy's own parent None)."""

    def clone(c: Comment) -> Comment:
        return Comment(
            id=c.id, text=c.text, author=c.author, lines=c.lines, reply_to=c.reply_to,
            attached_by=c.attached_by, why=c.why, segmented_by=c.segmented_by,
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


def export_chunks(thread: Thread, fmt: str, subtree_id: str | None = None) -> Iterator[bytes]:
    """The export (see export_thread) as UTF-8 in chunks: JSON is written one top-level comment at a time, so
    neither the whole document nor its text is ever held at once."""
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {fmt!r}; choose from: {', '.join(EXPORT_FORMATS)}")
    if subtree_id is not None:
        thread = subtree(thread, subtree_id)
    if fmt == "json":
        return _json_chunks(thread)
    text = (
        to_markdown(thread)
        if fmt == "markdown"
        else render_flat(thread, markers="before", marker_of=checkable_marker_line)
    )
    return iter((text.encode("utf-8"),))


def _json_chunks(thread: Thread) -> Iterator[bytes]:
    with collector_paused():  # the objects written are freed by reference counting as they go
        yield from encode_object(document_fields(thread), "comments", map(comment_tree, thread.comments))
    yield b"\n"


def export_to(thread: Thread, fmt: str, stream: BinaryIO, subtree_id: str | None = None) -> None:
    """Write the export (see export_thread) to a binary stream, chunk by chunk."""
    stream.writelines(export_chunks(thread, fmt, subtree_id))


def export_thread(thread: Thread, fmt: str, subtree_id: str | None = None) -> str:
    """The thread (or the subtree under `subtree_id`) as JSON, Markdown or flat text (markers first)."""
    return b"".join(export_chunks(thread, fmt, subtree_id)).decode("utf-8")


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
