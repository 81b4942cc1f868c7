"""Opening input keeps one copy of it while the reader works: the raw bytes go once they are decoded."""

from __future__ import annotations

import tracemalloc

import pytest

from thread_explorer.core import load
from thread_explorer.core.formats.base import Format, ReadOptions
from thread_explorer.core.model import Thread

SIZE = 4_000_000  # bytes of plain ASCII text: decoded, the same number of bytes again


def test_the_raw_bytes_are_not_held_while_a_text_reader_builds_the_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[int] = []

    def read(text: str, options: ReadOptions) -> Thread:
        seen.append(tracemalloc.get_traced_memory()[0])  # what is alive while the reader runs
        return Thread(source=options.source)

    probe = Format("probe", "a reader that measures", lambda head: True, read)
    monkeypatch.setattr(load, "text_format", lambda name: probe)
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        held = [b"word " * (SIZE // 5)]
        load.read_data_as(held.pop(), source="big.txt", format="probe")
    finally:
        tracemalloc.stop()
    alive = seen[0] - base
    assert SIZE <= alive < 1.5 * SIZE  # the decoded text, not the text and the bytes (2x)
