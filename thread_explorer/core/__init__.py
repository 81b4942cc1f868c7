"""The pure core: model, parsing, search and export. Never imports Textual."""

from .model import Article, Attach, Comment, ReplyMarker, Thread
from .subject import drupal_subject, truncate

__all__ = ["Article", "Attach", "Comment", "ReplyMarker", "Thread", "drupal_subject", "truncate"]
