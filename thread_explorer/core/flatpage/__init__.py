"""Flat pages: web pages kept as text, whose comments carry `In reply to SUBJECT by AUTHOR` lines.

`parse_text` rebuilds the reply tree (the reader), `render_flat` writes a thread back in that form (the writer);
`subject` holds Drupal's subject rule and `markers` the marker lines and how a subject names a comment.
"""

from .reader import parse_text
from .subject import drupal_subject, truncate
from .writer import render_flat

__all__ = ["drupal_subject", "parse_text", "render_flat", "truncate"]
