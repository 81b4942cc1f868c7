"""Opening the files the program reads (`-` is standard input), with one-line errors naming the path."""

from __future__ import annotations

import os
import sys
from typing import BinaryIO

from .compression import decompress
from .decode import decode_bytes
from .errors import InputError


def display_name(path: str) -> str:
    """How a path is named in messages (`<stdin>` for `-`)."""
    return "<stdin>" if path == "-" else path


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


def read_bytes(path: str) -> bytes:
    """The whole content of a file (`-` reads standard input), decompressed when it is gzip or zstandard data
    (see the module docstring); failure -> InputError naming the path."""
    if path == "-":
        try:
            data = sys.stdin.buffer.read()
        except (OSError, AttributeError, ValueError) as error:
            raise InputError(f"<stdin>: cannot read standard input: {error}") from None
        return decompress(data, name="<stdin>")
    with open_binary(path) as handle:
        try:
            data = handle.read()
        except OSError as error:
            raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    return decompress(data, name=path)


def read_text(path: str) -> str:
    """read_bytes then decode_bytes, with the path in any error message."""
    return decode_bytes(read_bytes(path), name=display_name(path))
