"""Open any input the program reads: decode it, pick its format from the content (or `--format`), parse it.

`open_input` is the one way in, for the command line and the app alike: it gives one Thread, or a Collection
for a file of many threads (a dataset's pages). Formats that read a path themselves (`FILE_FORMATS`: streamed
datasets) are asked first, by the file's head; everything else is read whole, decompressed and decoded.

Format detection: each registered format (see `formats/__init__.py`) is asked in turn whether the first 64 KiB
of text look like it; the first that says yes reads the input, and flat page text is the fallback. JSON rule:
text that starts with `{"` or `[{` (after white space or a byte-order mark; `[ {` and `{ "` too) is JSON, so a
cut-off or broken file is reported as "not valid JSON: line L column C", never read as a page. Text that starts
with another `{` or `[` is JSON when it parses, or when it starts with `{}`, `[[`, `["` or `[]` and ends with the
matching bracket, or when it is JSON Lines (its first line a JSON object). Any other text, even one that starts
with `[` (`[Editor's note] …`), is page text.
`format="json"` (or another name) skips detection. Empty (or blank) input is an empty thread, never an error.
gzip and zstandard input (by its magic bytes) is decompressed first and then read like the plain file (see
`compression.py`: `thread.json.gz`, `list.mbox.gz`, a gzipped page on standard input).

Detection always looks at the decoded text (see `decode.py`), but a format module that also defines
`read_bytes(data, *, source, markers)` (mbox) is then given the file's raw bytes instead, so it can decode each
part by its own declared charset: an archive mixing ISO-8859-1 and UTF-8 messages reads right, where one
decoding of the whole file would garble one of them. Input that starts with a UTF-16 or UTF-32 byte-order mark
is the exception: its bytes mean nothing to such a reader, so it gets the decoded text (a UTF-8 mark is removed).
"""

from __future__ import annotations

import codecs
import re

from .atomic import special_target
from .collection import Collection
from .compression import decompress
from .datasets.records import is_page_line
from .decode import BOMS, decode_bytes
from .errors import InputError
from .files import display_name, read_bytes, stream_error
from .formats import FILE_FORMATS, TEXT_FORMATS, FileFormat, Format, Opened, ReadOptions, format_by_name
from .formats.base import Progress
from .formats.generic_json import SNIFF_CHARS, meant_as_json
from .gcpolicy import collector_paused
from .model import Thread

MARKER_CHOICES = ("auto", "before", "after")
NON_SPACE = re.compile(rb"\S")
JSON_FORMAT = next(f for f in TEXT_FORMATS if f.name == "json")
FALLBACK = TEXT_FORMATS[-1]  # flat page text


def text_format(name: str) -> Format:
    """The text format called `name`; a format read by path (a dataset) cannot read text in hand."""
    found = format_by_name(name)
    if isinstance(found, FileFormat):
        raise InputError(f"the {found.name} format is read from a file by name, not from text in hand")
    return found


def detect_format(text: str) -> Format:
    """The first registered format whose sniff accepts the head of the text (flat text as the last resort)."""
    head = text[:SNIFF_CHARS]
    chosen = next((f for f in TEXT_FORMATS if f.sniff(head)), FALLBACK)
    if chosen is FALLBACK and len(text) > SNIFF_CHARS and meant_as_json(text):
        return JSON_FORMAT  # a long JSON document broken early on: report it rather than parse it as a page
    return chosen


def choose_format(text: str, format: str | None = None) -> Format | None:
    """The format that reads this text: the named one, else the detected one; None for blank text (no thread)."""
    named = text_format(format) if format else None
    if not text or text.isspace():  # (isspace stops at the first other character; strip would copy it all)
        return None
    return named if named is not None else detect_format(text)


def _check_markers(markers: str) -> None:
    if markers not in MARKER_CHOICES:
        raise InputError(f"unknown marker position {markers!r}; choose from: {', '.join(MARKER_CHOICES)}")


def _empty(source: str, format: str | None) -> Thread:
    """The thread of blank input: no comments, in the named format (flat text when none was named)."""
    return Thread(source=source, format=format_by_name(format).name if format else "text")


def _one_thread(opened: Opened, source: str) -> Thread:
    """The thread a caller asked for; a file of many threads is an error saying how to pick one."""
    if isinstance(opened, Collection):
        raise InputError(
            f"{source or 'input'}: a file of many threads ({opened.description}); open it with open_input and "
            f"pick one with load(N)"
        )
    return opened


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
    chosen = choose_format(text, format)
    if chosen is None:
        return _empty(source, format)
    with collector_paused():
        return _one_thread(chosen.read(text, ReadOptions(source, markers, progress)), source)


def raw_for_bytes_reader(data: bytes) -> bytes | None:
    """The bytes a `read_bytes` reader should get: the data without a UTF-8 mark; None after a UTF-16/32 mark."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :]
    if any(data.startswith(bom) for bom, _ in BOMS):
        return None
    return data


def head_records(data: bytes, count: int = 2) -> list[bytes]:
    """The first `count` non-blank lines of the data (from their first non-space byte), found without splitting
    or copying the rest."""
    lines: list[bytes] = []
    position = 0
    while len(lines) < count and (found := NON_SPACE.search(data, position)):
        end = data.find(b"\n", found.start())
        end = len(data) if end < 0 else end
        lines.append(data[found.start() : end])
        position = end + 1
    return lines


def refuse_pages(data: bytes, source: str) -> None:
    """InputError when data read whole (standard input, a pipe; its head is enough) begins as a dataset does,
    with two page records (see datasets/detect.py): a dataset is read page by page from its file, never as one
    thread whose comments are its pages."""
    lines = head_records(data)
    if len(lines) == 2 and lines[0].startswith(b"{") and all(is_page_line(line) for line in lines):
        raise InputError(
            f"{source or 'input'}: JSON Lines of pages (a dataset), which is read from its file by name, page by "
            "page, not from standard input or a pipe: give the file (or --input-format json if its lines are "
            "the comments of one thread)"
        )


def read_data_as(
    data: bytes,
    *,
    source: str = "",
    format: str | None = None,
    markers: str = "auto",
    progress: Progress | None = None,
) -> tuple[Opened, str]:
    """Decode and parse raw input (decompressed first when it is gzip or zstandard data): detection on the
    decoded text, then the format's `read_bytes` when it has one (each part decoded by its own charset), else
    its `read`; returns what was read and the name of the format that read it. That can differ from
    `Thread.format`, the thread's original format: a thread-explorer export of a page is read by "native" and
    says "text". InputError (naming `source`) when unusable."""
    _check_markers(markers)
    data = decompress(data, name=source or "input")
    text = decode_bytes(data, name=source or None)
    chosen = choose_format(text, format)
    if chosen is None:
        thread = _empty(source, format)
        return thread, thread.format
    if format is None and chosen is JSON_FORMAT:
        refuse_pages(data, source)
    options = ReadOptions(source, markers, progress)
    raw = raw_for_bytes_reader(data) if chosen.read_bytes is not None else None
    del data  # not held while the reader builds the thread (the size of the file)
    with collector_paused():  # millions of objects that all stay: nothing for the collector to find
        if chosen.read_bytes is not None and raw is not None:
            del text
            return chosen.read_bytes(raw, options), chosen.name
        return chosen.read(text, options), chosen.name


def load_bytes(
    data: bytes,
    *,
    source: str = "",
    format: str | None = None,
    markers: str = "auto",
    progress: Progress | None = None,
) -> Thread:
    """One thread from raw input (see read_data_as); a file of many threads is an InputError."""
    opened, _ = read_data_as(data, source=source, format=format, markers=markers, progress=progress)
    return _one_thread(opened, source)


def open_input_as(
    path: str,
    *,
    format: str | None = None,
    markers: str = "auto",
    progress: Progress | None = None,
    submissions: str | None = None,
) -> tuple[Opened, str]:
    """The one way in: a file (`-` = standard input) as one Thread or a Collection of many, and the name of the
    format that read it. Formats read by path (datasets) are asked first; any problem is an InputError naming
    the path. `submissions`: the submissions file of a Reddit dump (its threads' articles)."""
    named = (
        format_by_name(format) if format else None
    )  # an unknown format is reported before the file is read
    _check_markers(markers)
    if submissions is not None and special_target(submissions):  # indexed by offset, then read again
        raise stream_error(submissions, "--submissions")
    options = ReadOptions(display_name(path), markers, progress, submissions)
    if path != "-":
        if isinstance(named, FileFormat):
            if special_target(path):  # a FIFO, /dev/stdin on a pipe: these formats seek and read it again
                raise stream_error(path, f"the {named.name} format")
            return named.open(path, options), named.name
        if named is None:
            for candidate in FILE_FORMATS:
                if candidate.detect(path):
                    return candidate.open(path, options), candidate.name
    elif isinstance(named, FileFormat):
        raise InputError(f"<stdin>: the {named.name} format is read from a file by name, not standard input")
    if submissions is not None:
        raise InputError(
            f"{options.source}: --submissions goes with a Reddit dump (RC_ NDJSON), not this input"
        )
    head = None if format else lambda chunk: refuse_pages(chunk, options.source)  # before the rest is read
    return read_data_as(
        read_bytes(path, head=head), source=options.source, format=format, markers=markers, progress=progress
    )


def open_input(
    path: str, *, format: str | None = None, markers: str = "auto", progress: Progress | None = None
) -> Opened:
    """A file as one Thread, or a Collection of many (see open_input_as)."""
    return open_input_as(path, format=format, markers=markers, progress=progress)[0]


def load_thread(
    path: str, *, format: str | None = None, markers: str = "auto", progress: Progress | None = None
) -> Thread:
    """Read, decode and parse a file holding one thread (`-` = standard input); any problem, a file of many
    threads included (a dataset, a Reddit dump: as open_input finds them), is an InputError naming the path."""
    opened, _ = open_input_as(path, format=format, markers=markers, progress=progress)
    return _one_thread(opened, display_name(path))
