"""The documented input limits (README, *Limits*), in one place, and the budget that enforces the first.

One thread's input (a file or standard input, after decompression) may cost at most MAX_INPUT_COST, where the
cost counts each byte once, each line LINE_COST bytes and each `{` (a JSON object) OBJECT_COST bytes: what a
parsed thread takes in memory grows with its lines and records, not only its bytes, so 50 million short lines
in a 97 KB gzip are refused as surely as a 600 MB page. Reading stops as soon as the budget is spent, so a
decompression bomb or `yes | thread-explorer export -` never grows past it.

A dataset file (many pages, streamed) may hold lines of at most MAX_LINE_BYTES and at most MAX_RECORDS lines;
a Parquet value may hold at most MAX_VALUE_BYTES. Past any limit the input is refused with one InputError line.
"""

from __future__ import annotations

from .errors import InputError

__all__ = [
    "LINE_COST",
    "MAX_INPUT_COST",
    "MAX_LINE_BYTES",
    "MAX_RECORDS",
    "MAX_VALUE_BYTES",
    "OBJECT_COST",
    "InputBudget",
    "too_large",
]

MAX_INPUT_COST = 512 << 20  # the cost one thread's input may reach
LINE_COST = 256  # bytes charged per line: a line becomes strings, list entries, maybe a comment
OBJECT_COST = 1024  # bytes charged per `{`: a JSON object becomes a dict and usually a Comment
MAX_LINE_BYTES = 64 << 20  # the longest line (one record) a dataset file may hold
MAX_RECORDS = 10_000_000  # lines (records, rows) one dataset file may hold
MAX_VALUE_BYTES = MAX_LINE_BYTES  # the longest value one Parquet record may hold


class InputBudget:
    """The cost of input read so far; `add` raises one InputError line as soon as it passes the limit."""

    def __init__(self, name: str, limit: int = MAX_INPUT_COST, *, compressed: bool = False) -> None:
        self.name, self.limit, self.compressed = name, limit, compressed
        self.cost = 0

    def add(self, chunk: bytes) -> None:
        """Count one chunk of input; InputError when the total passes the limit."""
        self.cost += len(chunk) + LINE_COST * chunk.count(b"\n") + OBJECT_COST * chunk.count(b"{")
        if self.cost > self.limit:
            raise InputError(too_large(self.name, self.limit, compressed=self.compressed))


def too_large(name: str, limit: int = MAX_INPUT_COST, *, compressed: bool = False) -> str:
    """The one line for input past the limit."""
    verb = "decompresses to" if compressed else "holds"
    return (
        f"{name}: {verb} more than {limit >> 20:,} MiB, too much for one thread (the limit counts each byte, "
        f"{LINE_COST} bytes a line and {OBJECT_COST:,} a JSON object; see Limits in the README; a dataset of "
        "pages is read page by page: see `thread-explorer scan`)"
    )
