"""A dataset file as a Collection: its pages summarised in one streaming pass, one page parsed on demand."""

from __future__ import annotations

from collections.abc import Iterator

from ..collection import BadLines, Collection, PageSummary, ProgressBytes
from ..compression import GZIP_MAGIC, ZSTD_MAGIC
from ..model import Thread
from .pages import load_page
from .scanning import scan
from .stream import PARQUET_MAGIC, magic
from .wet import is_warc


class DatasetCollection(Collection):
    """The pages of a JSON Lines (plain, gzip, zstandard) or Parquet dataset file; `markers` as for a page."""

    noun = "page"

    def __init__(self, path: str, *, markers: str = "auto") -> None:
        self.source = path
        self.markers = markers
        self.description = describe(path)

    def summaries(
        self,
        *,
        progress: ProgressBytes | None = None,
        bad: BadLines | None = None,
        threads_only: bool = False,
    ) -> Iterator[PageSummary]:
        return scan(
            self.source,
            only_with_markers=threads_only,
            bare=threads_only,
            markers=self.markers,
            progress=progress,
            bad=bad,
        )

    def load(self, selector: int | str) -> Thread:
        return load_page(self.source, selector, markers=self.markers)


def describe(path: str) -> str:
    """How a dataset file is stored: Parquet, or JSON Lines plain or compressed."""
    head = magic(path)
    if head == PARQUET_MAGIC:
        return "dataset of pages (Parquet)"
    if is_warc(path):
        return "dataset of pages (WET)"
    if head == ZSTD_MAGIC:
        return "dataset of pages (JSON Lines, zstandard)"
    if head.startswith(GZIP_MAGIC):
        return "dataset of pages (JSON Lines, gzip)"
    return "dataset of pages (JSON Lines)"
