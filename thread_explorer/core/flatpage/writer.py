"""Write a thread back in the flat page format: article lines, then comments with `In reply to` markers.

The writer the generator and the text export share; `parse.parse_text` is its reader.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Comment, Thread
from .subject import drupal_subject

MARKER_PREFIX = "In reply to "
ANONYMOUS = "Anonymous"


def marker_line(comment: Comment) -> str | None:
    """The `In reply to SUBJECT by AUTHOR` line for a reply (None for a top-level comment): the marker it was
    read with, else one that names its parent (parent_marker)."""
    parent = comment.parent
    if parent is None:
        return None
    if comment.reply_to is not None:
        return _marker(comment.reply_to.subject, comment.reply_to.author)
    return parent_marker(parent)


def checkable_marker_line(comment: Comment) -> str | None:
    """The marker a reader can check against the text written with it: the parent's Drupal subject (its body
    cut) and author, whatever subject the page showed (a typed title its template held, which the text export
    does not write); under a placeholder, the subject replies gave it (marker_line)."""
    parent = comment.parent
    if parent is None or parent.placeholder:
        return marker_line(comment)
    return parent_marker(parent)


def parent_marker(parent: Comment) -> str:
    """The marker that names a parent by its own text: its Drupal subject (a placeholder's text is the subject
    replies gave it) and its author."""
    return _marker(parent.text if parent.placeholder else drupal_subject(parent.text), parent.author)


def _marker(subject: str, author: str | None) -> str:
    return f"{MARKER_PREFIX}{subject} by {author or ANONYMOUS}"


MarkerOf = Callable[[Comment], "str | None"]  # a comment's marker line (None for a top-level comment)


def comment_lines(comment: Comment, markers: str = "before", marker_of: MarkerOf = marker_line) -> list[str]:
    """The lines one comment contributes: its paragraphs, with its marker before or after them."""
    if comment.placeholder:
        return []
    body = [p for p in comment.text.split("\n") if p.strip()]
    marker = marker_of(comment)
    if marker is None:
        return body
    return [marker, *body] if markers == "before" else [*body, marker]


def render_flat(
    thread: Thread,
    markers: str = "before",
    roots: list[Comment] | None = None,
    marker_of: MarkerOf = marker_line,
) -> str:
    """The page as flat text, comments depth-first (Drupal's threaded order); `roots` limits it to subtrees;
    `marker_of` writes each marker (the subject as read, or checkable_marker_line)."""
    if markers not in ("before", "after"):
        raise ValueError(f"markers must be 'before' or 'after', not {markers!r}")
    lines: list[str] = []
    if roots is None:
        roots = thread.comments
        if thread.article is not None and thread.article.text:
            lines.extend(p for p in thread.article.text.split("\n") if p.strip())
    for root in roots:
        for node in root.walk():
            lines.extend(comment_lines(node, markers, marker_of))
    return "\n".join(lines) + ("\n" if lines else "")
