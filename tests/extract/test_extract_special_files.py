"""extract among files that are not plain files: links, FIFOs and folders where a shard or an output goes."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from extract_helpers import run, shard_records, write_shard

from thread_explorer.extract import ShardJob, ShardResult, extract_shard

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def within(seconds: float, work: Callable[[], ShardResult], fifo: Path) -> ShardResult:
    """`work()`'s result, or a failure when it is still running after `seconds` (blocked on the FIFO, which is
    then opened from the other end so the stuck thread can end)."""
    result: list[ShardResult] = []
    worker = threading.Thread(target=lambda: result.append(work()), daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
        pytest.fail(f"still waiting on {fifo.name} after {seconds} s")
    return result[0]


def shard_and_outdir(tmp_path: Path) -> tuple[Path, Path]:
    shard = write_shard(tmp_path / "s.jsonl.gz", shard_records(1, pages=8))
    out = tmp_path / "out"
    out.mkdir()
    return shard, out


def test_a_link_or_fifo_at_the_partial_name_is_replaced_never_written_through(tmp_path: Path) -> None:
    """The partial name is fixed and hidden: a link there made the run overwrite the file it names (outside
    OUTDIR), and a FIFO there made it wait forever for a reader."""
    shard, out = shard_and_outdir(tmp_path)
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me", encoding="utf-8")
    partial = out / ".s.jsonl.gz.threads.jsonl.partial"
    partial.symlink_to(victim)
    result: Any = extract_shard(ShardJob(str(shard), str(out)))
    assert result.status == "done" and victim.read_text(encoding="utf-8") == "keep me"
    assert os.listdir(out) == ["s.jsonl.gz.threads.jsonl"]
    assert (out / "s.jsonl.gz.threads.jsonl").read_bytes().count(b"\n") == result.threads == 2
    os.unlink(out / "s.jsonl.gz.threads.jsonl")
    os.mkfifo(partial)
    result = within(5, lambda: extract_shard(ShardJob(str(shard), str(out))), partial)
    assert result.status == "done" and os.listdir(out) == ["s.jsonl.gz.threads.jsonl"]


def test_a_fifo_given_as_a_shard_fails_at_once_with_one_line(tmp_path: Path) -> None:
    """A shard is read more than once (detection, then the pages), which a FIFO cannot give: it failed as an
    "unexpected UnsupportedOperation" when something wrote into it, and waited forever when nothing did."""
    _, out = shard_and_outdir(tmp_path)
    fifo = tmp_path / "pages.jsonl"
    os.mkfifo(fifo)
    result = within(5, lambda: extract_shard(ShardJob(str(fifo), str(out))), fifo)
    assert result.status == "failed" and os.listdir(out) == []
    assert result.error == (
        f"{fifo}: a pipe or device, which can be read only once: extract reads its input by name, more than "
        "once (save it to a file first)"
    )


def test_a_folder_or_fifo_where_the_output_goes_fails_the_shard_not_counted_as_done(tmp_path: Path) -> None:
    """The resume check took anything at the output's name for a finished output: a folder or FIFO there made
    the shard "already done" (exit 0) with nothing extracted."""
    shard, out = shard_and_outdir(tmp_path)
    output = out / "s.jsonl.gz.threads.jsonl"
    output.mkdir()
    result = extract_shard(ShardJob(str(shard), str(out)))
    assert result.status == "failed" and output.is_dir() and list(output.iterdir()) == []
    assert result.error == f"{output}: exists and is not a file (a folder, a pipe or a device): move it away"
    command = run("extract", str(shard), "-o", str(out), "-j", "1")  # its resume count said "already done"
    assert command.returncode == 2 and result.error in command.stderr
    assert "already done (" not in command.stderr
    output.rmdir()
    os.mkfifo(output)
    assert extract_shard(ShardJob(str(shard), str(out))).status == "failed"
    assert os.listdir(out) == ["s.jsonl.gz.threads.jsonl"]


def test_a_link_at_the_output_name_is_written_through_and_stays(tmp_path: Path) -> None:
    """Outputs linked elsewhere (a bigger disk) before the run: the rename replaced the link with a file."""
    shard, out = shard_and_outdir(tmp_path)
    elsewhere = tmp_path / "disk2"
    elsewhere.mkdir()
    link = out / "s.jsonl.gz.threads.jsonl"
    link.symlink_to(elsewhere / "s.threads.jsonl")
    result = extract_shard(ShardJob(str(shard), str(out)))
    assert result.status == "done" and link.is_symlink() and os.listdir(elsewhere) == ["s.threads.jsonl"]
    assert link.read_bytes().count(b"\n") == result.threads == 2
    assert extract_shard(ShardJob(str(shard), str(out))).status == "skipped"
