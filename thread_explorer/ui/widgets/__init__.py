"""The explorer's widgets: the tree (Line API), the detail pane and the search line."""

from .detail import DetailPane
from .search_bar import SearchBar
from .thread_view import ThreadView

__all__ = ["DetailPane", "SearchBar", "ThreadView"]
