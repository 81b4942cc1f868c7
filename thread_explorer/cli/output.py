"""Writing results: exact bytes to stdout or a file, lines for people, and whether colour is wanted."""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

from ..core.atomic import write_atomic
from ..core.errors import InputError

CHUNK = 1 << 20  # bytes per write to stdout


def write_output(text: str, output: str | None) -> None:
    """Write text exactly (UTF-8, \\n line ends) to stdout, or atomically to a file that is created or
    overwritten."""
    if output is None or output == "-":
        if sys.stdout is None:  # started with standard output closed (`>&-`)
            raise InputError("standard output is closed: give -o PATH to write to a file")
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:
            sys.stdout.write(text)
        else:
            sys.stdout.flush()
            write_all(stream, text.encode("utf-8"))
        return
    if os.path.isdir(output):
        raise InputError(f"{output}: is a directory; give a file name to write to")
    try:
        write_atomic(output, text)  # a failed write (a full disk) leaves any old file whole, never a fragment
    except OSError as error:
        raise InputError(f"{output}: cannot write: {error.strerror or error}") from None


def write_all(stream: Any, data: bytes) -> None:
    """Write every byte: a write cut short (the reader went away mid-write) is retried, so it raises."""
    view = memoryview(data)
    while view:
        written = stream.write(view[:CHUNK])
        if not written:  # 0, or None from a non-blocking stream that is full
            raise OSError("standard output accepts no more data")
        view = view[written:]
    stream.flush()


def say(line: str = "", stream: TextIO | None = None) -> None:
    """Print one line for people (a character the terminal's encoding lacks becomes `?`)."""
    stream = stream or sys.stdout
    if stream is None:  # a closed standard stream: nobody to tell
        return
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.write(line.encode(encoding, errors="replace").decode(encoding) + "\n")


def use_color(stream: TextIO) -> bool:
    """Bold matches only on a terminal, and never when NO_COLOR is set."""
    return hasattr(stream, "isatty") and stream.isatty() and not os.environ.get("NO_COLOR")
