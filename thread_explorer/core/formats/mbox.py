"""Mailing-list archives in mbox format: split at "From " lines (">From " escapes undone), each message read
by mail.py and the whole threaded by mailthread.py (Jamie Zawinski's algorithm, made linear; bogus and
Gmane-rewritten ids handled as its docstring says).

Each message becomes a Comment with id "m1", "m2"... in archive order (stable). `read(text)` gets text the loader
already decoded; 8-bit bodies are then taken as decoded. `read_bytes(data)` decodes each message by its own
declared charset, which is right for archives mixing charsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import InputError
from ..model import Thread
from ..textsafe import one_line
from .base import Format
from .mail import MailMessage, parse_message, record_of
from .mailthread import thread_messages

NAME = "mbox"

_FROM_LINE = re.compile(rb"^From (?:\S+|\".*\") ", re.MULTILINE)
_HEADER = re.compile(r"^[!-9;-~]+:[ \t]?")  # a header field name: printable ASCII except ":"
_FIELD_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9-]*:")  # ... as mail writes them (`[{"kind":` is JSON, not one)
_ESCAPED_FROM = re.compile(rb"^>(>*From )", re.MULTILINE)
_BOUNDARY = re.compile(rb'boundary\s*=\s*("[^"\r\n]+"|[^;\s]+)', re.IGNORECASE)
_MULTIPART = b"multipart/"
_BLOCK = 1 << 20  # bytes lower-cased at a time when looking for _MULTIPART


def sniff(head: str) -> bool:
    """An mbox: the first line is a "From " separator and the next one a mail header."""
    lines = head.lstrip("\n").split("\n", 2)
    return len(lines) >= 2 and lines[0].startswith("From ") and bool(_HEADER.match(lines[1]))


class _Leftmost:
    """The leftmost match of a pattern in data[start:end], for searches with rising starts: while the bound stays
    the same and the last match is still ahead of the new start, it is the answer again (a regex without anchors
    or lookbehind matches at a position whatever the search started from). So archives whose heads overlap (many
    "From " lines and no empty line) are scanned once, not once per separator."""

    __slots__ = ("end", "found", "pattern", "start")

    def __init__(self, pattern: re.Pattern[bytes]) -> None:
        self.pattern = pattern
        self.start = self.end = -1
        self.found: re.Match[bytes] | None = None

    def search(self, data: bytes, start: int, end: int) -> re.Match[bytes] | None:
        found = self.found
        if end != self.end or start < self.start or (found is not None and found.start() < start):
            found = self.found = self.pattern.search(data, start, end)
            self.start, self.end = start, end
        return found


def _positions_any_case(data: bytes, needle: bytes) -> Iterator[int]:
    """Where a lower-case needle starts in data, in any case (ASCII, as bytes.lower()), in order: the data is
    lower-cased a block at a time, so there is no second copy of a whole archive and no slow case-blind regex."""
    for block_start in range(0, len(data), _BLOCK):
        block = data[block_start : block_start + _BLOCK + len(needle) - 1].lower()
        at = block.find(needle)
        while 0 <= at < _BLOCK:  # (one starting further belongs to the next block)
            yield block_start + at
            at = block.find(needle, at + 1)


def _separators(data: bytes) -> Iterator[int]:
    """Where the "From " separator lines start, in order: each line start found by bytes.find, then matched (as
    _FROM_LINE.finditer would find them, without running the regex over every byte of the archive)."""
    if data.startswith(b"From ") and _FROM_LINE.match(data, 0) is not None:
        yield 0
    at = data.find(b"\nFrom ")
    while at >= 0:
        if _FROM_LINE.match(data, at + 1) is not None:  # (its "^" sees the newline before: a line start)
            yield at + 1
        at = data.find(b"\nFrom ", at + 1)


def split_messages(data: bytes) -> list[bytes]:
    """The messages of an mbox, separator lines removed and ">From " escapes undone (mboxrd and mboxo). A "From "
    line inside a multipart message before its closing boundary (an attached `git format-patch` file) is part of
    that message, not a separator. Linear: every search below moves forward through the data."""
    starts: list[int] = []
    closing: bytes | None = None  # the closing boundary of the open multipart message, while it is not seen
    searched = 0
    blank = -1  # the first empty line at or after the last separator (its "\n\n"), len(data) when none
    multiparts = _positions_any_case(data, _MULTIPART)
    multipart = -1  # the first "multipart/" at or after the last separator, len(data) when none
    boundaries = _Leftmost(_BOUNDARY)
    for start in _separators(data):
        if closing is not None:
            found = data.find(closing, searched, start)
            if found < 0:
                searched = max(searched, start - len(closing))
                continue
        starts.append(start)
        if blank < start:
            blank = data.find(b"\n\n", start)
            blank = len(data) if blank < 0 else blank
        while multipart < start:
            multipart = next(multiparts, len(data))
        # (the head is data[start:blank]: searched within those bounds rather than copied)
        in_head = multipart + len(_MULTIPART) <= blank
        boundary = boundaries.search(data, start, blank) if in_head else None
        closing = b"\n--" + boundary.group(1).strip(b'"') + b"--" if boundary else None
        searched = start
    if not starts or starts[0] != data.find(b"From "):
        starts = [0] + starts if data and not data.isspace() else starts
    messages = []
    ends = starts[1:]
    ends.append(len(data))
    for start, end in zip(starts, ends):
        if data.startswith(b"From ", start):  # the separator line goes (one copy of the message)
            line_end = data.find(b"\n", start, end)
            chunk = data[line_end + 1 : end] if line_end >= 0 else b""
        else:
            chunk = data[start:end]
        if chunk and not chunk.isspace():  # (bytes.isspace: the ASCII blanks of strip(), without a copy)
            messages.append(_ESCAPED_FROM.sub(rb"\1", chunk) if b">From " in chunk else chunk)
    return messages


def read(text: str, *, source: str = "", markers: str = "auto") -> Thread:
    """An mbox that the loader decoded already (8-bit bodies taken as decoded)."""
    raw = text.encode("utf-8", "surrogateescape")
    return thread_of([parse_message(m, text_input=True) for m in split_messages(_mail(raw, source))], source)


def read_bytes(data: bytes, *, source: str = "", markers: str = "auto") -> Thread:
    """An mbox from its bytes: each message decoded by its own declared charset."""
    return thread_of([parse_message(m) for m in split_messages(_mail(data, source))], source)


def _mail(data: bytes, source: str) -> bytes:
    """The data, when it holds a "From " separator line or starts with one (even a bare `From alice`) or with a
    header line (a message saved without its separator). Anything else (`--input-format mbox` on a JSON file)
    is an InputError, not one message made of the whole file."""
    if not data.strip() or next(_separators(data), None) is not None:
        return data
    first = data.lstrip().split(b"\n", 1)[0].decode("utf-8", "replace")
    if not (first.startswith("From ") or _FIELD_NAME.match(first)):
        raise InputError(
            f"{source or 'input'}: not an mbox: no From line, and it does not start with a mail header "
            f"({one_line(first, 40)!r})"
        )
    return data


def thread_of(messages: list[MailMessage], source: str, fmt: str = NAME) -> Thread:
    """Messages in archive order, threaded (see mailthread.py)."""
    taken: dict[str, str] = {}  # Message-ID -> the comment id of the message that has it
    records = [record_of(n, message, taken) for n, message in enumerate(messages, 1)]
    return thread_messages(records, source, fmt)


FORMAT = Format(
    NAME,
    "a mail archive (mbox), threaded by Message-ID / In-Reply-To / References",
    sniff,
    lambda text, options: read(text, source=options.source, markers=options.markers),
    read_bytes=lambda data, options: read_bytes(data, source=options.source, markers=options.markers),
)
