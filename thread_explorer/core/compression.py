"""Compressed input: gzip and zstandard recognised by their magic bytes and decompressed with a bound.

Data that starts with the gzip magic bytes (`1f 8b`) or the zstandard ones (`28 b5 2f fd`) is decompressed first,
so `thread.json.gz` or `list.mbox.zst` read like the plain file. Decompression stops with a one-line error past
the input limit (`limits.py`: bytes, lines and objects counted as they come out, a guard against decompression
bombs), on data that ends early (a truncated download) and on corrupt data. zstandard is an optional extra; without it the error
names the extra to install. Dataset files of many pages are streamed (`datasets.stream`), never whole.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from types import ModuleType
from typing import BinaryIO

from .errors import InputError, needs_extra
from .limits import MAX_INPUT_COST, InputBudget

GZIP_MAGIC, ZSTD_MAGIC = b"\x1f\x8b", b"\x28\xb5\x2f\xfd"
MAX_DECOMPRESSED = MAX_INPUT_COST  # the cost one compressed thread may grow to (see limits.py)
# Compressed bytes fed to the decompressor at a time: bounds what one call can produce (deflate expands at most
# about 1,000 times, zstandard's run-length blocks about 30,000 times).
COMPRESSED_CHUNK = {"gzip": 1 << 17, "zstd": 1 << 12}
# The package is not on PyPI: extras are installed from a clone, as the README says.
ZSTD_EXTRA = needs_extra("reading .zst", "zstd")


def compression(head: bytes) -> str | None:
    """ "gzip" or "zstd" when data starts with that format's magic bytes, else None."""
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(ZSTD_MAGIC):
        return "zstd"
    return None


def zstandard_module(name: str) -> ModuleType:
    """The zstandard module, or an InputError naming the extra to install."""
    try:
        import zstandard
    except ImportError:
        raise InputError(f"{name}: {ZSTD_EXTRA}") from None
    return zstandard


def _new_decompressor(kind: str, name: str) -> object:
    """A fresh decompressor object for one gzip member or zstandard frame."""
    if kind == "gzip":
        return zlib.decompressobj(wbits=31)
    return zstandard_module(name).ZstdDecompressor(max_window_size=1 << 31).decompressobj()


def decompressed_chunks(raw: BinaryIO, kind: str, name: str) -> Iterator[bytes]:
    """The decompressed content of a gzip or zstandard stream, a chunk at a time (several members or frames in
    a row, as `cat a.gz b.gz` makes, read as one). Data that ends inside a member raises EOFError; corrupt data
    raises InputError naming `name`."""
    decompressor: object = None
    fed = False  # the current decompressor has been given data and not reached its end
    label = "gzip" if kind == "gzip" else "zstandard"
    try:
        while chunk := raw.read(COMPRESSED_CHUNK[kind]):
            while chunk:
                if decompressor is None:
                    chunk = chunk.lstrip(b"\0")  # zero padding after the last member
                    if not chunk:
                        break
                    decompressor = _new_decompressor(kind, name)
                out = decompressor.decompress(chunk)  # type: ignore[attr-defined]
                fed = True
                if out:
                    yield out
                if decompressor.eof:  # type: ignore[attr-defined]
                    chunk, decompressor, fed = decompressor.unused_data, None, False  # type: ignore[attr-defined]
                else:
                    chunk = b""
    except InputError:
        raise
    except zlib.error as error:
        raise InputError(f"{name}: not valid {label} data ({error})") from None
    except Exception as error:
        if type(error).__module__.startswith("zstandard"):  # zstandard.ZstdError: corrupt or unsupported data
            raise InputError(f"{name}: not valid {label} data ({error})") from None
        raise
    if fed:
        raise EOFError(f"{name}: the compressed data ends early")


def decompress(data: bytes, *, name: str = "input", limit: int = MAX_DECOMPRESSED) -> bytes:
    """gzip or zstandard data decompressed (anything else returned as it is); truncated, corrupt or too large
    data (past `limit` by the cost `limits.py` describes, plain data too) raises InputError naming `name`."""
    kind = compression(data[:4])
    budget = InputBudget(name, limit, compressed=kind is not None)
    if kind is None:
        budget.add(data)
        return data
    parts: list[bytes] = []
    try:
        for chunk in decompressed_chunks(io.BytesIO(data), kind, name):
            budget.add(chunk)
            parts.append(chunk)
    except EOFError:
        raise InputError(f"{name}: the compressed data ends early (a truncated download?)") from None
    return b"".join(parts)
