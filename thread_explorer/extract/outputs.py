"""Where a shard's results go and how they are written: atomically, so an output that exists is complete.

Per input shard, `OUTDIR/<shard file name>.threads.jsonl` (one JSON object a line per threaded page) or
`OUTDIR/<shard file name>.comments.parquet` (one row per comment). Each is written under a hidden partial name
beside the target (`.<name>.partial`) and renamed into place only when the whole shard has been read; a failure
removes the partial file. A later run therefore skips every shard whose output exists, and redoes the rest.
Whatever already sits at the partial name (left by a killed run, or a link or FIFO put there) is removed and the
partial file created afresh: never followed, so a link there cannot make a run overwrite the file it names.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
from types import TracebackType
from typing import Any, BinaryIO, Self

from ..core.atomic import real_target
from ..core.errors import InputError, needs_extra
from ..core.jsonio import dumps, fast_line
from ..core.model import Thread
from .page import COMMENT_COLUMNS, comment_rows, thread_record

SUFFIXES = {"jsonl": ".threads.jsonl", "parquet": ".comments.parquet"}
PARQUET_ROWS = 8192  # comment rows buffered before a Parquet row group is written
PARQUET_EXTRA = needs_extra("writing Parquet", "parquet")


def require_writer(to: str) -> None:
    """InputError naming the extra when the output kind needs a library that is not installed (Parquet)."""
    if to == "parquet" and importlib.util.find_spec("pyarrow") is None:
        raise InputError(f"--to parquet: {PARQUET_EXTRA}")


def output_path(shard: str, outdir: str, to: str) -> str:
    """The output file of a shard: OUTDIR/<shard file name> plus the suffix of the output kind."""
    return os.path.join(outdir, os.path.basename(shard) + SUFFIXES[to])


def partial_path(path: str) -> str:
    """The hidden name an output is written under until it is complete, beside the file it becomes (the one a
    link at the output's name names: the link stays)."""
    folder, name = os.path.split(real_target(path))
    return os.path.join(folder, f".{name}.partial")


def json_line(record: dict[str, Any]) -> bytes:
    """A record as one line of JSON (UTF-8, newline-terminated), whatever the depth of its reply tree: orjson
    where it is installed and can (several times faster than json.dumps, which was a sixth of a job's time);
    else json.dumps; too deep for json.dumps, the iterative writer, its layout newlines removed (newlines inside
    strings are escaped, so every raw newline is layout)."""
    fast = fast_line(record)
    if fast is not None:
        return fast
    try:
        text = json.dumps(record, ensure_ascii=False)
    except RecursionError:
        text = dumps(record, indent=0).replace("\n", "")
    # Only a lone surrogate (from a `\ud800` escape in the input) cannot be UTF-8, and only inside a string:
    # backslashreplace writes it as `\ud800`, the JSON escape that reads back as the same character.
    return (text + "\n").encode("utf-8", errors="backslashreplace")


class AtomicOutput:
    """A context manager for one output file written under its partial name: `commit()` renames it into
    place; leaving the block without a commit (an error) removes the partial file."""

    def __init__(self, path: str) -> None:
        self.target = real_target(path)
        self.partial = partial_path(path)
        self.handle: BinaryIO | None = None

    def __enter__(self) -> Self:
        try:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.partial)  # a leftover, a link or a FIFO: never written through
            fd = os.open(self.partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            self.handle = os.fdopen(fd, "wb")
        except OSError as error:
            raise InputError(f"{self.partial}: cannot write: {error.strerror or error}") from None
        return self

    def commit(self) -> None:
        """Close the file and rename it to its final name: from now on the output counts as complete."""
        self.close()
        os.replace(self.partial, self.target)

    def close(self) -> None:
        """Flush and close the partial file (idempotent)."""
        if self.handle is not None:
            self.handle.close()
            self.handle = None

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
        if os.path.exists(self.partial):
            os.unlink(self.partial)


class JsonlSink(AtomicOutput):
    """`.threads.jsonl`: one JSON object per threaded page, written as each page is found."""

    def add(self, thread: Thread, *, source: str, page: int) -> None:
        """Write the page's record (see `threads_of`)."""
        assert self.handle is not None
        self.handle.write(json_line(thread_record(thread, source=source, page=page)))


class ParquetSink(AtomicOutput):
    """`.comments.parquet`: one row per comment, written in row groups of about PARQUET_ROWS rows so memory
    stays bounded (an empty shard still gets a file with the columns, so it counts as done)."""

    def __enter__(self) -> Self:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise InputError(PARQUET_EXTRA) from None
        super().__enter__()
        self.pa: Any = pa
        self.schema = pa.schema(
            [
                ("source", pa.string()),
                ("page", pa.int64()),
                ("url", pa.string()),
                ("comment_id", pa.string()),
                ("parent_id", pa.string()),
                ("depth", pa.int32()),
                ("author", pa.string()),
                ("time", pa.float64()),
                ("text", pa.string()),
                ("attached_by", pa.string()),
                ("placeholder", pa.bool_()),
            ]
        )
        assert tuple(self.schema.names) == COMMENT_COLUMNS
        self.writer: Any = pq.ParquetWriter(self.handle, self.schema)
        self.rows: list[dict[str, Any]] = []
        return self

    def add(self, thread: Thread, *, source: str, page: int) -> None:
        """Buffer the page's comment rows (see `comment_rows`), writing a row group when enough are held."""
        self.rows.extend(comment_rows(thread, source=source, page=page))
        if len(self.rows) >= PARQUET_ROWS:
            self.flush()

    def flush(self) -> None:
        """Write the buffered rows as one row group."""
        if self.rows:
            self.writer.write_table(self.pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def commit(self) -> None:
        self.flush()
        self.writer.close()
        super().commit()

    def close(self) -> None:
        writer = getattr(self, "writer", None)
        if writer is not None and writer.is_open:
            writer.close()
        super().close()


SINKS: dict[str, type[JsonlSink | ParquetSink]] = {"jsonl": JsonlSink, "parquet": ParquetSink}
