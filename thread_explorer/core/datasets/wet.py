"""Common Crawl WET files (`.warc.wet.gz`): WARC `conversion` records, one page of plain text each, as page
records like those of a JSON Lines dataset.

A WET file is WARC 1.0 (gzip, one member per record): a `warcinfo` record, then one `conversion` record per
crawled page whose block is the page's text in UTF-8. Each becomes `{"text", "url" (WARC-Target-URI), "id"
(WARC-Record-ID), "timestamp" (WARC-Date)}`, numbered from 0 in file order; other record types are skipped.
Records are read one at a time through warcio (the `wet` extra), so memory stays that of the largest page.
A record cut short (a truncated download) ends the pass, noted in `BadLines.truncated`; data that is not WARC
at all, or corrupt compressed data, is an InputError naming the file.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import Any

from ..collection import BadLines
from ..compression import compression, decompressed_chunks
from ..errors import InputError, needs_extra
from ..files import open_binary
from .stream import limited

WARC_MAGIC = b"WARC/"
# The package is not on PyPI: extras are installed from a clone, as the README says.
WET_EXTRA = needs_extra("reading WET", "wet")


def is_warc(path: str) -> bool:
    """The file (plain, gzip or zstandard) starts with a WARC version line; decides from its first bytes."""
    try:
        with open_binary(path) as raw:
            head = raw.read(4)
            raw.seek(0)
            kind = compression(head)
            if kind is None:
                return raw.read(len(WARC_MAGIC)) == WARC_MAGIC
            data = b"".join(limited(decompressed_chunks(raw, kind, path), len(WARC_MAGIC)))
    except (OSError, InputError):
        return False
    return data.startswith(WARC_MAGIC)


def warcio_reader(path: str) -> tuple[Any, tuple[type[BaseException], ...]]:
    """warcio's ArchiveIterator class and the errors it raises on data that is not WARC, or an InputError
    naming the extra."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
        from warcio.statusandheaders import StatusAndHeadersParserException
    except ImportError:
        raise InputError(f"{path}: {WET_EXTRA}") from None
    return ArchiveIterator, (ArchiveLoadFailed, StatusAndHeadersParserException)


class ChunkStream(io.RawIOBase):
    """A read-only binary stream over an iterator of byte chunks (the decompressed WARC data). Compressed data
    that ends early ends the stream and sets `truncated` (warcio takes an EOFError for the end of the file)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        super().__init__()
        self.chunks = chunks
        self.pending = b""
        self.truncated = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self.pending:
            try:
                chunk = next(self.chunks, None)
            except EOFError:
                self.truncated, chunk = True, None
            if chunk is None:
                return 0
            self.pending = chunk
        size = min(len(buffer), len(self.pending))
        buffer[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size


def wet_records(path: str, bad: BadLines | None = None) -> Iterator[tuple[int, dict[str, Any], int]]:
    """(page number, page record, compressed bytes read) for each conversion record of a WET file.

    The project's own decompression (`decode.decompressed_chunks`, as for `.jsonl.gz`) unpacks the data, so
    truncated and corrupt gzip are told apart from the end of the file exactly as for JSON Lines; warcio
    only splits the plain WARC stream into records. A record cut short (no Content-Length, or fewer bytes)
    is the end of a truncated file too."""
    iterator, warc_errors = warcio_reader(path)
    unreadable: tuple[type[BaseException], ...] = (*warc_errors, ValueError, OSError, zlib.error)
    bad = bad if bad is not None else BadLines()
    index = -1
    with open_binary(path) as raw:
        kind = compression(raw.read(4))
        raw.seek(0)
        chunks = (
            iter(lambda: raw.read(1 << 16), b"") if kind is None else decompressed_chunks(raw, kind, path)
        )
        stream = ChunkStream(chunks)
        try:
            for record in iterator(io.BufferedReader(stream, 1 << 16)):
                body = record.content_stream().read()
                if record.length is None or len(body) < record.length or stream.truncated:
                    bad.truncated, bad.lines_read = True, index + 1  # cut inside its headers or block
                    return
                if record.rec_type != "conversion":
                    continue
                index += 1
                headers = record.rec_headers
                yield (
                    index,
                    {
                        "text": body.decode("utf-8", errors="replace"),
                        "url": headers.get_header("WARC-Target-URI"),
                        "id": headers.get_header("WARC-Record-ID"),
                        "timestamp": headers.get_header("WARC-Date"),
                    },
                    raw.tell(),
                )
            if stream.truncated:
                bad.truncated, bad.lines_read = True, index + 1
        except InputError:
            raise
        except unreadable as error:
            where = f"after page {index}" if index >= 0 else "at its start"
            why = " ".join(str(error).split())[:120]
            raise InputError(f"{path}: not a readable WET file {where} ({why})") from None
