"""Opening a dataset file as a stream: magic bytes, decompression, lines, and what a pass had to skip.

Nothing here reads a whole file: lines come one at a time from the (decompressed) stream, so a multi-gigabyte
file is read in constant memory. `.gz` needs only the standard library; `.zst` needs the `zstd` extra
(zstandard) and Parquet the `parquet` extra (pyarrow); without them the InputError names the extra to install.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, BinaryIO

from ..collection import BadLines
from ..compression import compression, decompressed_chunks
from ..errors import InputError
from ..files import open_binary

PARQUET_MAGIC = b"PAR1"
# The package is not on PyPI: extras are installed from a clone, as the README says.
PARQUET_EXTRA = "reading Parquet needs the parquet extra (pip install '.[parquet]' in the project folder)"
HEAD_LINE_LIMIT = 8 << 20  # bytes read per line when sniffing (one page can be large)
SNIFF_LINES = 3


def open_raw(path: str) -> BinaryIO:
    """The file opened for binary reading; failures as InputError naming the path."""
    return open_binary(path)


def magic(path: str) -> bytes:
    with open_raw(path) as handle:
        return handle.read(4)


def pyarrow_parquet(path: str) -> Any:
    """pyarrow.parquet, or an InputError naming the extra."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(f"{path}: {PARQUET_EXTRA}") from None
    return pq


def split_lines(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The lines (with their newline) of a stream given as chunks of bytes."""
    pending: list[bytes] = []
    for chunk in chunks:
        start = 0
        while (end := chunk.find(b"\n", start)) >= 0:
            if pending:
                pending.append(chunk[start : end + 1])
                yield b"".join(pending)
                pending = []
            else:
                yield chunk[start : end + 1]
            start = end + 1
        if start < len(chunk):
            pending.append(chunk[start:])
    if pending:
        yield b"".join(pending)


@contextmanager
def open_lines(path: str, bad: BadLines | None = None) -> Iterator[tuple[Iterator[bytes], Callable[[], int]]]:
    """The decompressed lines of a JSON Lines file and a function giving how many file bytes were read so far.
    With `bad`, compressed data that ends early ends the lines (noted there) instead of raising."""
    raw = open_raw(path)
    try:
        kind = compression(raw.read(4))
        raw.seek(0)
        lines = iter(raw) if kind is None else split_lines(decompressed_chunks(raw, kind, path))
        yield guarded(lines, path, bad), raw.tell
    finally:
        raw.close()


def guarded(lines: Iterator[bytes], path: str, bad: BadLines | None = None) -> Iterator[bytes]:
    """Lines, with read failures turned into one-line InputErrors (truncated compressed data only noted in `bad`
    when there is one)."""
    count = 0
    try:
        for line in lines:
            count += 1
            yield line
    except EOFError:
        if bad is None:
            raise InputError(f"{path}: the compressed data ends early (a truncated download?)") from None
        bad.truncated, bad.lines_read = True, count
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error}") from None


def head_lines(path: str) -> tuple[list[bytes], bool]:
    """The first SNIFF_LINES non-blank lines of the (decompressed) file, each complete or the file's last line,
    and whether more follows that was not sniffed (a line longer than HEAD_LINE_LIMIT, or more lines)."""
    with open_raw(path) as raw:
        kind = compression(raw.read(4))
        raw.seek(0)
        chunks = (
            iter(lambda: raw.read(1 << 16), b"") if kind is None else decompressed_chunks(raw, kind, path)
        )
        lines: list[bytes] = []
        for line in split_lines(limited(chunks, HEAD_LINE_LIMIT * SNIFF_LINES)):
            if not line.endswith(b"\n") and len(line) >= HEAD_LINE_LIMIT:
                return lines, True  # too long to sniff, or cut by the limit
            if line.strip():
                lines.append(line)
                if len(lines) == SNIFF_LINES:
                    return lines, True
    return lines, False


def limited(chunks: Iterator[bytes], limit: int) -> Iterator[bytes]:
    """Chunks up to about `limit` bytes in all; data that ends early (a truncated file) just ends."""
    size = 0
    try:
        for chunk in chunks:
            yield chunk
            size += len(chunk)
            if size >= limit:
                return
    except EOFError:
        return
