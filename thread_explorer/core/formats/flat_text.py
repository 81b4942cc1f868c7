"""Flattened page text with `In reply to SUBJECT by AUTHOR` markers: the fallback format, read by flatpage.reader."""

from __future__ import annotations

from collections.abc import Callable

from ..flatpage import parse_text
from ..model import Thread
from .base import Format

NAME = "text"
ACCEPTS_PROGRESS = True  # `read` takes a progress callback (big pages take seconds)


def sniff(head: str) -> bool:
    """Any text can be a flattened page (this format is tried last)."""
    return True


def read(
    text: str, *, source: str = "", markers: str = "auto", progress: Callable[[float], None] | None = None
) -> Thread:
    """Rebuild the reply tree with `parse.parse_text` (which never raises on any text)."""
    return parse_text(text, markers=markers, source=source, progress=progress)


FORMAT = Format(
    NAME,
    "a flat page: the article, then comments with `In reply to` markers",
    sniff,
    lambda text, options: read(
        text, source=options.source, markers=options.markers, progress=options.progress
    ),
)
