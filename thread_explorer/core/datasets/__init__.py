"""Web-text dataset files holding many pages: JSON Lines (plain, gzip, zstandard) and Parquet, read as a stream.

`stream` opens a file and yields its lines, `records` turns lines into pages, `detect` tells a dataset from a
single thread, `scanning` summarises every page in one pass and `pages` finds and parses one page.
"""

from ..collection import BadLines, PageSummary
from .collection import DatasetCollection
from .detect import is_dataset
from .pages import find_page, load_page, page_thread
from .records import Page, is_page_record, page_of_record
from .scanning import iter_pages, scan, summarize
from .stream import PARQUET_MAGIC

__all__ = [
    "PARQUET_MAGIC",
    "BadLines",
    "DatasetCollection",
    "Page",
    "PageSummary",
    "find_page",
    "is_dataset",
    "is_page_record",
    "iter_pages",
    "load_page",
    "page_of_record",
    "page_thread",
    "scan",
    "summarize",
]
