"""The pure core: model, parsing, search and export, usable as a library. Never imports Textual.

from thread_explorer.core import load_thread, export_thread
thread = load_thread("page.txt")            # flat text, JSON, Reddit, HN, mbox: detected
print(export_thread(thread, "markdown"))
"""

from .errors import InputError
from .export import EXPORT_FORMATS, export_thread
from .flatpage import drupal_subject, parse_text, truncate
from .formats.native import from_dict, to_dict
from .load import load_text, load_thread
from .model import Article, Attach, Comment, ReplyMarker, Thread
from .search import SearchHit, SearchIndex, search_thread

__all__ = [
    "EXPORT_FORMATS",
    "Article",
    "Attach",
    "Comment",
    "InputError",
    "ReplyMarker",
    "SearchHit",
    "SearchIndex",
    "Thread",
    "drupal_subject",
    "export_thread",
    "from_dict",
    "load_text",
    "load_thread",
    "parse_text",
    "search_thread",
    "to_dict",
    "truncate",
]
