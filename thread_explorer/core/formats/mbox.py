"""Mailing-list archives in mbox format: split at "From " lines (">From " escapes undone), each message read
by mail.py and the whole threaded by mailthread.py (Jamie Zawinski's algorithm, made linear; bogus and
Gmane-rewritten ids handled as its docstring says).

Each message becomes a Comment with id "m1", "m2"... in archive order (stable). `read(text)` gets text the loader
already decoded; 8-bit bodies are then taken as decoded. `read_bytes(data)` decodes each message by its own
declared charset, which is right for archives mixing charsets.
"""

from __future__ import annotations

import re

from ..model import Thread
from .base import Format
from .mail import MailMessage, parse_message, record_of
from .mailthread import thread_messages

NAME = "mbox"

_FROM_LINE = re.compile(rb"^From (?:\S+|\".*\") ", re.MULTILINE)
_HEADER = re.compile(r"^[!-9;-~]+:[ \t]?")  # a header field name: printable ASCII except ":"
_NOT_BLANK = re.compile(rb"\S")
_ESCAPED_FROM = re.compile(rb"^>(>*From )", re.MULTILINE)
_BOUNDARY = re.compile(rb'boundary\s*=\s*("[^"\r\n]+"|[^;\s]+)', re.IGNORECASE)


def sniff(head: str) -> bool:
    """An mbox: the first line is a "From " separator and the next one a mail header."""
    lines = head.lstrip("\n").split("\n", 2)
    return len(lines) >= 2 and lines[0].startswith("From ") and bool(_HEADER.match(lines[1]))


def split_messages(data: bytes) -> list[bytes]:
    """The messages of an mbox, separator lines removed and ">From " escapes undone (mboxrd and mboxo). A "From "
    line inside a multipart message before its closing boundary (an attached `git format-patch` file) is part of
    that message, not a separator."""
    starts: list[int] = []
    closing: bytes | None = None  # the closing boundary of the open multipart message, while it is not seen
    searched = 0
    for match in _FROM_LINE.finditer(data):
        start = match.start()
        if closing is not None:
            found = data.find(closing, searched, start)
            if found < 0:
                searched = max(searched, start - len(closing))
                continue
        starts.append(start)
        head_end = data.find(b"\n\n", start)
        head = data[start : head_end if head_end >= 0 else len(data)]
        boundary = _BOUNDARY.search(head) if b"multipart/" in head.lower() else None
        closing = b"\n--" + boundary.group(1).strip(b'"') + b"--" if boundary else None
        searched = start
    if not starts or starts[0] != data.find(b"From "):
        starts = [0] + starts if data.strip() else starts
    messages = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(data)
        if data.startswith(b"From ", start):  # the separator line goes (one copy of the message)
            line_end = data.find(b"\n", start, end)
            chunk = data[line_end + 1 : end] if line_end >= 0 else b""
        else:
            chunk = data[start:end]
        if _NOT_BLANK.search(chunk) is not None:  # (without copying the message, as strip() would)
            messages.append(_ESCAPED_FROM.sub(rb"\1", chunk) if b">From " in chunk else chunk)
    return messages


def read(text: str, *, source: str = "", markers: str = "auto") -> Thread:
    """An mbox that the loader decoded already (8-bit bodies taken as decoded)."""
    raw = text.encode("utf-8", "surrogateescape")
    return thread_of([parse_message(m, text_input=True) for m in split_messages(raw)], source)


def read_bytes(data: bytes, *, source: str = "", markers: str = "auto") -> Thread:
    """An mbox from its bytes: each message decoded by its own declared charset."""
    return thread_of([parse_message(m) for m in split_messages(data)], source)


def thread_of(messages: list[MailMessage], source: str, fmt: str = NAME) -> Thread:
    """Messages in archive order, threaded (see mailthread.py)."""
    taken: set[str] = set()
    records = [record_of(n, message, taken) for n, message in enumerate(messages, 1)]
    return thread_messages(records, source, fmt)


FORMAT = Format(
    NAME,
    "a mail archive (mbox), threaded by Message-ID / In-Reply-To / References",
    sniff,
    lambda text, options: read(text, source=options.source, markers=options.markers),
    read_bytes=lambda data, options: read_bytes(data, source=options.source, markers=options.markers),
)
