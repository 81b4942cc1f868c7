"""Read input bytes and turn them into text by one documented rule, refusing binary data with a clear message.

Decoding rule (in this order):

1. A byte-order mark decides: UTF-32 (LE/BE), UTF-8, UTF-16 (LE/BE). The mark is removed; bytes that are not
   valid in the announced encoding become U+FFFD.
2. Without a mark, the data is binary, and refused, when the first 8 KiB hold a NUL byte or more than 5% of
   them are control bytes that text does not use (below 0x20 other than tab, newline, carriage return, form
   feed, vertical tab, backspace and escape; and DEL).
3. Data that is valid UTF-8 is UTF-8.
4. Anything else is Windows-1252 (the usual encoding of Western pages saved on Windows, a superset of the
   printable part of Latin-1); the five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D)
   decode as their Latin-1 code points. This step never fails.

Line ends are then normalised: CRLF and lone CR become LF.

Compressed input: data that starts with the gzip magic bytes (`1f 8b`) or the zstandard ones (`28 b5 2f fd`)
is decompressed first (`read_bytes` does it for files and standard input, `decompress` for bytes in hand), so
`thread.json.gz` or `list.mbox.zst` read like the plain file. Decompression stops with a one-line error on data
that ends early (a truncated download) and on corrupt data. zstandard is an optional extra; without it the
error names the extra to install. (Dataset files of many pages are streamed by `datasets/` instead, never whole.)

Limit: one thread's input (after decompression) may cost at most MAX_INPUT_COST (512 MiB), where the cost
counts each byte once, each line LINE_COST (256) bytes and each `{` (a JSON object) OBJECT_COST (1,024) bytes:
what the parsed thread takes in memory grows with lines and records, not only bytes, so 50 million short lines
in a 97 KB gzip are refused as surely as a 600 MB page. Reading stops as soon as the budget is spent (a
decompression bomb or `yes | thread-explorer export -` never grows past it) with one InputError line.
"""

from __future__ import annotations

import codecs
import io
import os
import sys
import zlib
from collections.abc import Iterator
from types import ModuleType
from typing import BinaryIO

from .errors import InputError

SNIFF_BYTES = 8192
CONTROL_SHARE = 0.05
# Control bytes that turn up in real text files and so do not count as a sign of binary data.
TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\b\x1b")
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


GZIP_MAGIC, ZSTD_MAGIC = b"\x1f\x8b", b"\x28\xb5\x2f\xfd"
MAX_INPUT_COST = 512 << 20  # the cost one thread's input may reach (see the module docstring)
MAX_DECOMPRESSED = MAX_INPUT_COST  # the old name
LINE_COST = 256  # bytes charged per line: a line becomes strings, list entries, maybe a comment
OBJECT_COST = 1024  # bytes charged per `{`: a JSON object becomes a dict and usually a Comment
READ_CHUNK = 1 << 20  # bytes read from a file or standard input at a time
# Compressed bytes fed to the decompressor at a time: bounds what one call can produce (deflate expands at most
# about 1,000 times, zstandard's run-length blocks about 30,000 times).
COMPRESSED_CHUNK = {"gzip": 1 << 17, "zstd": 1 << 12}
# The package is not on PyPI: extras are installed from a clone, as the README says.
ZSTD_EXTRA = "reading .zst needs the zstd extra (pip install '.[zstd]' in the project folder)"


def _cp1252_table() -> str:
    """Windows-1252 as a 256-character decoding table, undefined bytes mapped to their Latin-1 code points."""
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars)


CP1252_TABLE = _cp1252_table()


def display_name(path: str) -> str:
    """How a path is named in messages (`<stdin>` for `-`)."""
    return "<stdin>" if path == "-" else path


class InputBudget:
    """The cost of input read so far (bytes, plus LINE_COST a line and OBJECT_COST a `{`); `add` raises one
    InputError line as soon as it passes the limit."""

    def __init__(self, name: str, limit: int = MAX_INPUT_COST, *, compressed: bool = False) -> None:
        self.name, self.limit, self.compressed = name, limit, compressed
        self.cost = 0

    def add(self, chunk: bytes) -> None:
        """Count one chunk of input; InputError when the total passes the limit."""
        self.cost += len(chunk) + LINE_COST * chunk.count(b"\n") + OBJECT_COST * chunk.count(b"{")
        if self.cost > self.limit:
            raise InputError(too_large(self.name, self.limit, compressed=self.compressed))


def too_large(name: str, limit: int, *, compressed: bool = False) -> str:
    """The one line for input past the limit."""
    verb = "decompresses to" if compressed else "holds"
    return (
        f"{name}: {verb} more than {limit >> 20:,} MiB, too much for one thread (the limit counts each byte, "
        f"{LINE_COST} bytes a line and {OBJECT_COST:,} a JSON object; see Limits in the README; a dataset of "
        "pages is read page by page: see `thread-explorer scan`)"
    )


def read_limited(stream: BinaryIO, name: str, limit: int = MAX_INPUT_COST) -> bytes:
    """Everything a stream holds, read a chunk at a time and refused as soon as it passes the limit (plain data
    by its full cost; compressed data by its bytes, and by its full cost once decompressed)."""
    parts: list[bytes] = []
    budget: InputBudget | None = None
    size = 0
    while chunk := stream.read(READ_CHUNK):
        if budget is None and not parts:
            budget = None if compression(chunk[:4]) else InputBudget(name, limit)
        if budget is not None:
            budget.add(chunk)
        else:
            size += len(chunk)
            if size > limit:
                raise InputError(too_large(name, limit))
        parts.append(chunk)
    return b"".join(parts)


def read_bytes(path: str) -> bytes:
    """The whole content of a file (`-` reads standard input), decompressed when it is gzip or zstandard data
    (see the module docstring); failure or input past the limit -> InputError naming the path."""
    if path == "-":
        stdin = getattr(sys.stdin, "buffer", None)
        if stdin is None:
            raise InputError("<stdin>: standard input is closed")
        try:
            data = read_limited(stdin, "<stdin>")
        except (OSError, ValueError) as error:
            raise InputError(f"<stdin>: cannot read standard input: {error}") from None
        return decompress(data, name="<stdin>")
    with open_binary(path) as handle:
        try:
            data = read_limited(handle, path)
        except OSError as error:
            raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    return decompress(data, name=path)


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


def decompress(data: bytes, *, name: str = "input", limit: int = MAX_INPUT_COST) -> bytes:
    """gzip or zstandard data decompressed (anything else returned as it is); truncated, corrupt or too large
    data (past `limit` by the cost the module docstring describes) raises InputError naming `name`."""
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


def open_binary(path: str) -> BinaryIO:
    """A file opened for binary reading; a missing file, a directory or no permission -> InputError."""
    if not path:
        raise InputError("no file name given")
    if os.path.isdir(path):
        raise InputError(f"{path}: is a directory, not a file")
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None


def looks_binary(data: bytes) -> bool:
    """True when the start of BOM-less data holds a NUL byte or too many control bytes to be text."""
    sample = data[:SNIFF_BYTES]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if (byte < 0x20 and byte not in TEXT_CONTROLS) or byte == 0x7F)
    return controls > CONTROL_SHARE * len(sample)


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, *, name: str | None = None) -> str:
    """Text from bytes by the module's rule; binary data raises InputError (prefixed with `name` if given)."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return normalise_newlines(data[len(bom) :].decode(encoding, errors="replace"))
    if looks_binary(data):
        prefix = f"{name}: " if name else ""
        raise InputError(f"{prefix}looks like binary data, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = codecs.charmap_decode(data, "strict", CP1252_TABLE)[0]
    return normalise_newlines(text)


def read_text(path: str) -> str:
    """read_bytes then decode_bytes, with the path in any error message."""
    return decode_bytes(read_bytes(path), name=display_name(path))
