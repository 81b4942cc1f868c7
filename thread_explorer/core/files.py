"""Opening the files the program reads (`-` is standard input), with one-line errors naming the path."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import BinaryIO

from .compression import compression, decompress
from .decode import decode_bytes
from .errors import InputError
from .limits import MAX_INPUT_COST, InputBudget, too_large


def display_name(path: str) -> str:
    """How a path is named in messages (`<stdin>` for `-`)."""
    return "<stdin>" if path == "-" else path


def stream_error(path: str, reader: str) -> InputError:
    """The error for a pipe or device (a FIFO, /dev/stdin on a pipe, a process substitution) given to a reader
    that needs a file it can read again and seek in (`reader` names it): such a stream is read only once."""
    return InputError(
        f"{path}: a pipe or device, which can be read only once: {reader} reads its input by name, more than "
        "once (save it to a file first)"
    )


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


READ_CHUNK = 1 << 20  # bytes read from a file or standard input at a time


def read_limited(
    stream: BinaryIO, name: str, limit: int = MAX_INPUT_COST, *, head: Callable[[bytes], None] | None = None
) -> bytes:
    """Everything a stream holds, read a chunk at a time and refused as soon as it passes the input limit (plain
    data by its full cost, see limits.py; compressed data by its bytes here, by its full cost once
    decompressed), so `yes | thread-explorer export -` stops within the limit instead of growing. `head` sees
    the first chunk of plain data and may refuse it at once (raising), before the rest is read."""
    parts: list[bytes] = []
    budget: InputBudget | None = None
    size = 0
    typed = _is_terminal(stream)  # Ctrl+D ends a terminal's input once: the next read would wait for more
    while chunk := stream.read(READ_CHUNK):
        if not parts and compression(chunk[:4]) is None:
            if head is not None:
                head(chunk)
            budget = InputBudget(name, limit)
        if budget is not None:
            budget.add(chunk)
        else:
            size += len(chunk)
            if size > limit:
                raise InputError(too_large(name, limit))
        parts.append(chunk)
        if typed and len(chunk) < READ_CHUNK:
            break
    return b"".join(parts)


def _is_terminal(stream: BinaryIO) -> bool:
    try:
        return os.isatty(stream.fileno())
    except (OSError, ValueError, AttributeError):  # (a stream without a descriptor: BytesIO in tests)
        return False


def read_bytes(path: str, *, head: Callable[[bytes], None] | None = None) -> bytes:
    """The whole content of a file (`-` reads standard input), decompressed when it is gzip or zstandard data;
    failure or input past the limit (limits.py) -> InputError naming the path. `head`: see read_limited."""
    if path == "-":
        stdin = getattr(sys.stdin, "buffer", None)
        if stdin is None:
            raise InputError("<stdin>: standard input is closed")
        try:
            data = read_limited(stdin, "<stdin>", head=head)
        except (OSError, ValueError) as error:
            raise InputError(f"<stdin>: cannot read standard input: {error}") from None
        return decompress(data, name="<stdin>")
    with open_binary(path) as handle:
        try:
            data = read_limited(handle, path, head=head)
        except OSError as error:
            raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    return decompress(data, name=path)


def read_text(path: str) -> str:
    """read_bytes then decode_bytes, with the path in any error message."""
    return decode_bytes(read_bytes(path), name=display_name(path))
