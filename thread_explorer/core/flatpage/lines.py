"""A flat page as the readers see it: its non-blank lines, stripped, each with its marker readings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .markers import MarkerReading, read_marker

MARKER_START = "In reply to "


@dataclass(slots=True)
class Line:
    """A non-blank source line: its 1-based number, its text, and its marker readings (empty if none)."""

    no: int
    text: str
    readings: Sequence[MarkerReading]


def scan_lines(text: str) -> list[Line]:
    """The non-blank lines of the text, each with its marker readings.

    Lines end at \\n, \\r\\n or \\r only: form feeds, U+2028 and the other characters `str.splitlines` also
    breaks at stay inside their line, so line numbers match what editors and `wc -l` count.
    """
    out: list[Line] = []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for no, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if stripped:
            out.append(Line(no, stripped, read_marker(stripped) if stripped.startswith(MARKER_START) else ()))
    return out
