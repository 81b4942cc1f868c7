"""Opening a dataset file as a stream: magic bytes, decompression, lines, and what a pass had to skip.

Nothing here reads a whole file: lines come one at a time from the (decompressed) stream, so a multi-gigabyte
file is read in constant memory. Limits (see Limits in the README): a line (one record) may hold at most
MAX_LINE_BYTES (64 MiB) and a file at most MAX_RECORDS (10 million) lines; past either the pass stops with one
InputError line, before the line is held in memory. `.gz` needs only the standard library; `.zst` needs the `zstd` extra
(zstandard) and Parquet the `parquet` extra (pyarrow); without them the InputError names the extra to install.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, BinaryIO

from ..collection import BadLines
from ..compression import compression, decompressed_chunks
from ..errors import InputError, needs_extra
from ..files import open_binary
from ..limits import MAX_LINE_BYTES, MAX_RECORDS

PARQUET_MAGIC = b"PAR1"
# The package is not on PyPI: extras are installed from a clone, as the README says.
PARQUET_EXTRA = needs_extra("reading Parquet", "parquet")
HEAD_LINE_LIMIT = 8 << 20  # bytes read per line when sniffing (one page can be large)
SNIFF_LINES = 3


class LineTooLong(Exception):
    """A line passed MAX_LINE_BYTES (turned into an InputError naming the file and line by `guarded`)."""


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


def split_lines(chunks: Iterable[bytes], max_line: int | None = None) -> Iterator[bytes]:
    """The lines (with their newline) of a stream given as chunks of bytes; a line longer than `max_line` raises
    LineTooLong as soon as that many bytes are pending (it is never held whole)."""
    pending: list[bytes] = []
    held = 0
    for chunk in chunks:
        start = 0
        while (end := chunk.find(b"\n", start)) >= 0:
            if max_line is not None and held + end + 1 - start > max_line:
                raise LineTooLong
            if pending:
                pending.append(chunk[start : end + 1])
                yield b"".join(pending)
                pending, held = [], 0
            else:
                yield chunk[start : end + 1]
            start = end + 1
        if start < len(chunk):
            pending.append(chunk[start:])
            held += len(chunk) - start
            if max_line is not None and held > max_line:
                raise LineTooLong
    if pending:
        yield b"".join(pending)


def plain_lines(raw: BinaryIO, max_line: int) -> Iterator[bytes]:
    """The lines of an uncompressed file, none held longer than `max_line` bytes (LineTooLong past it)."""
    while line := raw.readline(max_line + 1):
        if len(line) > max_line:
            raise LineTooLong
        yield line


@contextmanager
def open_lines(path: str, bad: BadLines | None = None) -> Iterator[tuple[Iterator[bytes], Callable[[], int]]]:
    """The decompressed lines of a JSON Lines file and a function giving how many file bytes were read so far.
    With `bad`, compressed data that ends early ends the lines (noted there) instead of raising."""
    raw = open_raw(path)
    try:
        yield bounded_lines(raw, path, bad), raw.tell
    finally:
        raw.close()


def bounded_lines(
    raw: BinaryIO, path: str, bad: BadLines | None = None, *, max_records: int | None = MAX_RECORDS
) -> Iterator[bytes]:
    """The (decompressed) lines of an open file, none longer than MAX_LINE_BYTES and at most `max_records`
    of them (None: no count limit), read failures as one-line InputErrors (see `guarded`)."""
    kind = compression(raw.read(4))
    raw.seek(0)
    if kind is None:
        lines = plain_lines(raw, MAX_LINE_BYTES)
    else:
        lines = split_lines(decompressed_chunks(raw, kind, path), MAX_LINE_BYTES)
    return guarded(lines, path, bad, max_records=max_records)


def guarded(
    lines: Iterator[bytes], path: str, bad: BadLines | None = None, *, max_records: int | None = MAX_RECORDS
) -> Iterator[bytes]:
    """Lines, with read failures turned into one-line InputErrors (truncated compressed data only noted in `bad`
    when there is one); more than `max_records` lines is one too (None: no count limit)."""
    count = 0
    try:
        for line in lines:
            count += 1
            if max_records is not None and count > max_records:
                raise InputError(
                    f"{path}: more than {max_records:,} lines, the most one dataset file may hold (see Limits "
                    "in the README): split it"
                )
            yield line
    except LineTooLong:
        raise InputError(
            f"{path}: line {count + 1} is longer than {MAX_LINE_BYTES >> 20} MiB, the longest record a dataset "
            "may hold (see Limits in the README)"
        ) from None
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
