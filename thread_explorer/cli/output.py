"""Writing results: exact bytes to stdout or a file, lines for people, and whether colour is wanted."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from ..core.atomic import write_atomic
from ..core.errors import InputError

CHUNK = 1 << 20  # bytes per write to stdout
# Characters a terminal acts on or that reorder or hide text (C1 controls, bidi overrides and isolates, zero-width
# marks, line and paragraph separators, BOM): JSON may hold them raw, so `json_line` writes them as \\u escapes.
_UNSAFE_IN_JSON = {
    code: f"\\u{code:04x}"
    for code in (*range(0x80, 0xA0), *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2066, 0x206A),
                 0x2028, 0x2029, 0xFEFF)
}  # fmt: skip


def write_output(text: str | Iterable[bytes], output: str | None) -> None:
    """Write text exactly (UTF-8, \\n line ends), or UTF-8 chunks as they come (a streamed export), to stdout,
    or to a file that is created or overwritten."""
    chunks = (text.encode("utf-8"),) if isinstance(text, str) else text
    if output is None or output == "-":
        if sys.stdout is None:  # started with standard output closed (`>&-`)
            raise InputError("standard output is closed: give -o PATH to write to a file")
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:
            sys.stdout.write(b"".join(chunks).decode("utf-8"))
            return
        sys.stdout.flush()
        for block in blocks(chunks):
            write_all(stream, block)
        return
    if os.path.isdir(output):
        raise InputError(f"{output}: is a directory; give a file name to write to")
    try:
        write_atomic(output, blocks(chunks))  # a failed write (a full disk) leaves any old file whole
    except OSError as error:
        raise InputError(f"{output}: cannot write: {error.strerror or error}") from None


def blocks(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Chunks gathered into blocks of about CHUNK bytes (one write each)."""
    pending: list[bytes] = []
    size = 0
    for chunk in chunks:
        pending.append(chunk)
        size += len(chunk)
        if size >= CHUNK:
            yield b"".join(pending)
            pending.clear()
            size = 0
    if pending:
        yield b"".join(pending)


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


def json_line(value: Any) -> str:
    """One JSON document on one line for scripts: UTF-8 text kept readable, but every character that could act
    on a terminal or reorder text escaped (`json.dumps` already escapes C0 controls), so piping it to a terminal
    is safe. Lone surrogates are escaped too."""
    return (
        json.dumps(value, ensure_ascii=False)
        .translate(_UNSAFE_IN_JSON)
        .encode("utf-8", "backslashreplace")
        .decode("utf-8")
    )
