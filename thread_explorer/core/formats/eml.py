"""A single mail message saved as a file (`.eml`, RFC 5322, no mbox "From " line), read as mail: one message,
threaded like an archive of one, so a reply hangs under a placeholder for the message it answers."""

from __future__ import annotations

import re

from ..model import Thread
from .base import Format
from .mail import parse_message
from .mbox import thread_of

NAME = "eml"

_HEADER = re.compile(r"^([!-9;-~]+)[ \t]*:")
# Headers that mark a mail message; a page that happens to start with "Title: x" has none of them.
_MAIL_HEADERS = frozenset(
    {"from", "to", "date", "subject", "message-id", "received", "return-path", "mime-version", "in-reply-to",
     "references", "delivered-to", "cc", "content-type"}
)  # fmt: skip


def sniff(head: str) -> bool:
    """A mail message: every line up to the first empty one is a header (or a folded continuation), with at
    least three of the usual mail headers among them, From or Message-ID or Received one of them."""
    seen: set[str] = set()
    lines = head.split("\n")
    for number, line in enumerate(lines):
        if not line.strip():
            return (
                number > 0
                and len(seen & _MAIL_HEADERS) >= 3
                and bool(seen & {"from", "message-id", "received"})
            )
        if line[:1] in (" ", "\t") and number:
            continue
        match = _HEADER.match(line)
        if match is None:
            return False
        seen.add(match.group(1).lower())
    return False


def read(text: str, source: str = "") -> Thread:
    """A message the loader decoded already."""
    return thread_of([parse_message(text.encode("utf-8", "surrogateescape"), text_input=True)], source, NAME)


def read_bytes(data: bytes, source: str = "") -> Thread:
    """A message from its bytes, each part decoded by its own charset."""
    return thread_of([parse_message(data)], source, NAME)


FORMAT = Format(
    NAME,
    "a single mail message (.eml, RFC 5322 headers then the body)",
    sniff,
    lambda text, options: read(text, options.source),
    read_bytes=lambda data, options: read_bytes(data, options.source),
)
