"""The explorer's widgets: the tree (Line API), the detail pane, the search line, the header."""

from .detail import DetailPane
from .search_bar import SearchBar
from .thread_view import ThreadView
from .title_bar import TitleBar

__all__ = ["DetailPane", "SearchBar", "ThreadView", "TitleBar"]
