"""What a format is to the loader: a typed record per format, so that nothing is looked up by name at run time.

A `Format` reads decoded text (sniffed from its first 64 KiB); it may also read the raw bytes (mail: each part
by its own charset). A `FileFormat` reads a path itself (streamed datasets and dumps, folders), detected from
the file's head without reading it whole. Either gives one Thread or a Collection of many.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..collection import Collection
from ..model import Thread

Progress = Callable[[float], None]  # the share of the input read so far, 0.0 to 1.0


@dataclass(frozen=True)
class ReadOptions:
    """What every reader is told: the input's name, where flat-page markers sit, and whom to tell progress."""

    source: str = ""
    markers: str = "auto"
    progress: Progress | None = None
    submissions: str | None = None  # the submissions file given with a Reddit dump (--submissions)


Opened = Thread | Collection
TextReader = Callable[[str, ReadOptions], Opened]
BytesReader = Callable[[bytes, ReadOptions], Opened]


@dataclass(frozen=True)
class Format:
    """A format read from decoded text: its `--format` name, one line saying what it is, its sniff and reader."""

    name: str
    what: str
    sniff: Callable[[str], bool]
    read: TextReader
    read_bytes: BytesReader | None = None  # given the raw bytes instead, when it decodes them itself


@dataclass(frozen=True)
class FileFormat:
    """A format read from the path itself (a stream or a folder), detected from its head: its name, what it
    is, its detector and its opener."""

    name: str
    what: str
    detect: Callable[[str], bool]
    open: Callable[[str, ReadOptions], Opened]
