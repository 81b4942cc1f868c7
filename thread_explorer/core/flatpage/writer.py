"""Write a thread back in the flat page format: article lines, then comments with `In reply to` markers.

The writer the generator and the text export share; `parse.parse_text` is its reader.
"""

from __future__ import annotations

from ..model import Comment, Thread
from .subject import drupal_subject

MARKER_PREFIX = "In reply to "
ANONYMOUS = "Anonymous"


def marker_line(comment: Comment) -> str | None:
    """The `In reply to SUBJECT by AUTHOR` line for a reply (None for a top-level comment)."""
    parent = comment.parent
    if parent is None:
        return None
    if comment.reply_to is not None:
        subject, author = comment.reply_to.subject, comment.reply_to.author
    else:
        subject = parent.text if parent.placeholder else drupal_subject(parent.text)
        author = parent.author
    return f"{MARKER_PREFIX}{subject} by {author or ANONYMOUS}"


def comment_lines(comment: Comment, markers: str = "before") -> list[str]:
    """The lines one comment contributes: its paragraphs, with its marker before or after them."""
    if comment.placeholder:
        return []
    body = [p for p in comment.text.split("\n") if p.strip()]
    marker = marker_line(comment)
    if marker is None:
        return body
    return [marker, *body] if markers == "before" else [*body, marker]


def render_flat(thread: Thread, markers: str = "before", roots: list[Comment] | None = None) -> str:
    """The page as flat text, comments depth-first (Drupal's threaded order); `roots` limits it to subtrees."""
    if markers not in ("before", "after"):
        raise ValueError(f"markers must be 'before' or 'after', not {markers!r}")
    lines: list[str] = []
    if roots is None:
        roots = thread.comments
        if thread.article is not None and thread.article.text:
            lines.extend(p for p in thread.article.text.split("\n") if p.strip())
    for root in roots:
        for node in root.walk():
            lines.extend(comment_lines(node, markers))
    return "\n".join(lines) + ("\n" if lines else "")
