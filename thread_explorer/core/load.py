"""Open any input the program reads: decode it, pick its format from the content (or `--format`), parse it.

Format detection: each registered format (see `formats/__init__.py`) is asked in turn whether the first 64 KiB
of text look like it; the first that says yes reads the input, and flat page text is the fallback. JSON rule:
text that starts with `{"` or `[{` (after white space or a byte-order mark; `[ {` and `{ "` too) is JSON, so a
cut-off or broken file is reported as "not valid JSON: line L column C", never read as a page. Text that starts
with another `{` or `[` is JSON when it parses, or when it starts with `{}`, `[[`, `["` or `[]` and ends with the
matching bracket, or when it is JSON Lines (its first line a JSON object). Any other text, even one that starts
with `[` (`[Editor's note] …`), is page text.
`format="json"` (or another name) skips detection. Empty (or blank) input is an empty thread, never an error.
gzip and zstandard input (by its magic bytes) is decompressed first and then read like the plain file (see
`decode.py`: `thread.json.gz`, `list.mbox.gz`, a gzipped page on standard input).

Detection always looks at the decoded text (see `decode.py`), but a format module that also defines
`read_bytes(data, *, source, markers)` (mbox) is then given the file's raw bytes instead, so it can decode each
part by its own declared charset: an archive mixing ISO-8859-1 and UTF-8 messages reads right, where one
decoding of the whole file would garble one of them. Input that starts with a UTF-16 or UTF-32 byte-order mark
is the exception: its bytes mean nothing to such a reader, so it gets the decoded text (a UTF-8 mark is removed).
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from types import ModuleType

from .decode import BOMS, InputError, decode_bytes, decompress, display_name, read_bytes
from .formats import format_modules
from .formats.generic_json import SNIFF_CHARS, meant_as_json
from .model import Thread

MARKER_CHOICES = ("auto", "before", "after")


def format_by_name(name: str) -> ModuleType:
    """The format module called `name` (any case); an unknown name raises InputError listing the choices."""
    modules = format_modules()
    for module in modules:
        if module.NAME == name.strip().lower():
            return module
    names = ", ".join(module.NAME for module in modules)
    raise InputError(f"unknown input format {name!r}; choose from: {names}")


def detect_format(text: str) -> ModuleType:
    """The first registered format whose sniff accepts the head of the text (flat text as the last resort)."""
    head = text[:SNIFF_CHARS]
    modules = format_modules()
    for module in modules:
        if module.sniff(head):
            chosen = module
            break
    else:
        chosen = modules[-1]
    if chosen.NAME == "text" and len(text) > SNIFF_CHARS and meant_as_json(text):
        # A long JSON document broken early on: report it rather than parse it as a page.
        return format_by_name("json")
    return chosen


def choose_format(text: str, format: str | None = None) -> ModuleType | None:
    """The module that reads this text: the named one, else the detected one; None for blank text (no thread)."""
    module = format_by_name(format) if format else None
    if not text.strip():
        return None
    return module if module is not None else detect_format(text)


def _check_markers(markers: str) -> None:
    if markers not in MARKER_CHOICES:
        raise InputError(f"unknown marker position {markers!r}; choose from: {', '.join(MARKER_CHOICES)}")


def _empty(source: str, format: str | None) -> Thread:
    """The thread of blank input: no comments, in the named format (flat text when none was named)."""
    return Thread(source=source, format=format_by_name(format).NAME if format else "text")


Progress = Callable[[float], None]


def _read(module: ModuleType, text: str, source: str, markers: str, progress: Progress | None) -> Thread:
    """Call a format's reader, with the progress callback where it takes one."""
    if progress is not None and getattr(module, "ACCEPTS_PROGRESS", False):
        return module.read(text, source=source, markers=markers, progress=progress)
    return module.read(text, source=source, markers=markers)


def load_text(
    text: str,
    *,
    source: str = "",
    format: str | None = None,
    markers: str = "auto",
    progress: Progress | None = None,
) -> Thread:
    """Parse text in the named format, or the detected one; InputError for unusable input. `progress` is
    called with the share read so far (0.0 to 1.0) by the formats that can tell (flat pages)."""
    _check_markers(markers)
    text = text.removeprefix("\ufeff")  # a byte-order mark left in the text is not part of it
    module = choose_format(text, format)
    if module is None:
        return _empty(source, format)
    return _read(module, text, source, markers, progress)


def raw_for_bytes_reader(data: bytes) -> bytes | None:
    """The bytes a `read_bytes` reader should get: the data without a UTF-8 mark; None after a UTF-16/32 mark."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :]
    if any(data.startswith(bom) for bom, _ in BOMS):
        return None
    return data


def load_bytes(
    data: bytes,
    *,
    source: str = "",
    format: str | None = None,
    markers: str = "auto",
    progress: Progress | None = None,
) -> Thread:
    """Decode and parse raw input (decompressed first when it is gzip or zstandard data): detection on the
    decoded text, then the format's `read_bytes` when it has one (each part decoded by its own charset), else
    its `read`; InputError (naming `source`) when unusable."""
    return load_bytes_as(data, source=source, format=format, markers=markers, progress=progress)[0]


def load_bytes_as(
    data: bytes,
    *,
    source: str = "",
    format: str | None = None,
    markers: str = "auto",
    progress: Progress | None = None,
) -> tuple[Thread, str]:
    """load_bytes, and the name of the format that read the input. That can differ from `Thread.format`, the
    thread's original format: a thread-explorer export of a page is read by "native" and says "text"."""
    _check_markers(markers)
    data = decompress(data, name=source or "input")
    text = decode_bytes(data, name=source or None)
    module = choose_format(text, format)
    if module is None:
        thread = _empty(source, format)
        return thread, thread.format
    reader = getattr(module, "read_bytes", None)
    raw = raw_for_bytes_reader(data) if callable(reader) else None
    if raw is not None:
        return reader(raw, source=source, markers=markers), module.NAME
    return _read(module, text, source, markers, progress), module.NAME


def load_thread(
    path: str, *, format: str | None = None, markers: str = "auto", progress: Progress | None = None
) -> Thread:
    """Read, decode and parse a file (`-` = standard input); any problem is an InputError naming the path."""
    return load_thread_as(path, format=format, markers=markers, progress=progress)[0]


def load_thread_as(
    path: str, *, format: str | None = None, markers: str = "auto", progress: Progress | None = None
) -> tuple[Thread, str]:
    """load_thread, and the name of the format that read the file (see load_bytes_as)."""
    if format:
        format_by_name(format)  # an unknown format is reported before the file is read
    _check_markers(markers)
    return load_bytes_as(
        read_bytes(path), source=display_name(path), format=format, markers=markers, progress=progress
    )
