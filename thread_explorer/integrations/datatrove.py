"""A datatrove pipeline step that finds the comment thread of each Document (the `datatrove` extra).

datatrove (Hugging Face's web-text pipeline library, the one behind FineWeb) runs the same pipeline on one
machine (`LocalPipelineExecutor`), on Slurm (`SlurmPipelineExecutor`) or on Ray (`RayPipelineExecutor`);
`ThreadExtractor` goes between any reader and writer:

    pipeline=[JsonlReader("shards/"), ThreadExtractor(), JsonlWriter("threads/")]

For each Document it puts the thread-explorer/1 document of the page's thread in `metadata["thread"]` and
drops Documents without a thread (`keep_unthreaded=True` forwards them with `metadata["thread"] = None`).
Pages are read exactly as `thread-explorer extract` reads them (`thread_of`), so both find the same threads.
It is a plain PipelineStep (not a datatrove filter, whose package needs datatrove's `processing` extra).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from datatrove.pipeline.base import PipelineStep

from ..core.formats.native import to_dict
from ..extract.page import thread_of

__all__ = ["ThreadExtractor"]


class ThreadExtractor(PipelineStep):  # type: ignore[misc]
    """Forward the Documents whose text holds a comment thread, with the thread in `metadata["thread"]`."""

    name = "🧵 Thread extractor"
    type = "🔻 - FILTER"

    def __init__(self, *, keep_unthreaded: bool = False, markers: str = "auto") -> None:
        """`keep_unthreaded` forwards pages without a thread too; `markers` is `auto`, `before` or `after`
        (where the `In reply to` lines sit, as the command line's --markers)."""
        super().__init__()
        self.keep_unthreaded = keep_unthreaded
        self.markers = markers

    def attach(self, doc: Any) -> bool:
        """Parse the Document's text (only when it has an `In reply to ` line), attach its thread, and say
        whether the Document goes on."""
        record = {**doc.metadata, "text": doc.text, "id": doc.id}
        thread = thread_of(record, source=str(doc.id), markers=self.markers)
        if thread is None:
            if self.keep_unthreaded:
                doc.metadata["thread"] = None
            return bool(self.keep_unthreaded)
        doc.metadata["thread"] = to_dict(thread)
        self.stat_update("threads")
        self.stat_update("comments", value=sum(1 for c in thread.walk() if not c.placeholder))
        return True

    def run(self, data: Iterable[Any] | None, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        """datatrove's entry point: the Documents that go on, counted as total, forwarded and dropped."""
        for doc in data or ():
            self.stat_update("total")
            with self.track_time():
                keep = self.attach(doc)
            if keep:
                self.stat_update("forwarded")
                self.update_doc_stats(doc)
                yield doc
            else:
                self.stat_update("dropped")
