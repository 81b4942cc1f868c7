"""Input that is not a plain file: a FIFO (as `<(...)` and /dev/stdin on a pipe are) where FILE goes."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_helpers import assert_one_line_error, run_cli
from paths import REALWORLD

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")

DATASET = REALWORLD / "datasets" / "derived_dolma_plus_alvin.jsonl"


@contextlib.contextmanager
def fed_fifo(folder: Path, data: bytes) -> Iterator[Path]:
    """A FIFO with a writer on the other end, as `mkfifo p; cat FILE > p &` gives; a writer still waiting for a
    reader at the end (the command never opened it) is let go."""
    fifo = folder / "pages.jsonl"
    os.mkfifo(fifo)

    def feed() -> None:
        with contextlib.suppress(BrokenPipeError), open(fifo, "wb") as handle:
            handle.write(data)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        yield fifo
    finally:
        if writer.is_alive():
            os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
        writer.join(5)


def test_a_format_read_by_name_refuses_a_fifo_with_its_own_line(tmp_path: Path) -> None:
    """`--input-format dataset` on a FIFO said "output: File or stream is not seekable" (an input named as
    the output), and waited forever on one that nobody writes into."""
    with fed_fifo(tmp_path, DATASET.read_bytes()) as fifo:
        result = run_cli("stats", "--input-format", "dataset", str(fifo))
    line = assert_one_line_error(result, f"{fifo}: a pipe or device, which can be read only once: ")
    assert line.endswith(
        "the dataset format reads its input by name, more than once (save it to a file first)"
    )


def test_scan_of_a_dataset_through_a_fifo_says_it_needs_the_file_not_that_it_is_no_dataset(
    tmp_path: Path,
) -> None:
    """`scan <(zcat pages.jsonl.gz)` said "not a dataset file (JSON Lines, ...)" of a dataset: it is the pipe
    that scan cannot use, as it cannot use standard input."""
    with fed_fifo(tmp_path, DATASET.read_bytes()) as fifo:
        result = run_cli("scan", str(fifo))
    line = assert_one_line_error(result, f"{fifo}: a pipe or device, which can be read only once: scan reads")
    assert "not a dataset file" not in line
