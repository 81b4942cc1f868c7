"""`thread-explorer extract`: four gzip shards give four outputs holding every threaded page and its tree, a
second run skips them, a corrupt shard fails alone (and is retried by the next run), outputs are atomic."""

from __future__ import annotations

import gzip
import importlib.util
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from extract_helpers import expected_threads, read_jsonl, run, shard_records, write_shard
from paths import ROOT

from thread_explorer.cli import main
from thread_explorer.core.flatpage.generate import generate_page
from thread_explorer.extract import shard as shard_module


def make_shards(folder: Path, count: int = 4) -> list[Path]:
    folder.mkdir(exist_ok=True)
    return [write_shard(folder / f"part-{n}.jsonl.gz", shard_records(n)) for n in range(count)]


def outputs(outdir: Path) -> list[str]:
    return sorted(os.listdir(outdir))


def test_four_shards_give_four_outputs_with_every_threaded_page_and_its_tree(tmp_path: Path) -> None:
    shards = make_shards(tmp_path / "in")
    result = run("extract", *map(str, shards), "-o", str(tmp_path / "out"), "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert outputs(tmp_path / "out") == [f"part-{n}.jsonl.gz.threads.jsonl" for n in range(4)]
    total = 0
    for n, shard in enumerate(shards):
        records = shard_records(n)
        expected = expected_threads(shard.name, records)
        got = read_jsonl(tmp_path / "out" / f"{shard.name}.threads.jsonl")
        assert [line["page"] for line in got] == sorted(expected)  # the near miss (page 2) is not there
        for line in got:
            record = records[line["page"]]
            assert line["source"] == shard.name
            assert (line["url"], line["id"]) == (record["url"], record["id"])
            assert line["thread"] == expected[line["page"]]
            assert line["thread"]["schema"] == "thread-explorer/1"
        total += len(got)
    assert total == 12
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith("extract: 4 shards done, 0 already done, 0 failed: 48 pages, 12 with threads")
    assert "2 jobs" in summary


def test_a_second_run_skips_complete_outputs_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shards = [str(s) for s in make_shards(tmp_path / "in")]
    out = tmp_path / "out"
    assert main(["extract", *shards, "-o", str(out), "-j", "1"]) == 0
    before = {name: (out / name).stat().st_mtime_ns for name in outputs(out)}
    capsys.readouterr()
    assert main(["extract", *shards, "-o", str(out), "-j", "1"]) == 0
    err = capsys.readouterr().err
    assert "skipping 4 shards already done" in err
    assert "0 shards done, 4 already done, 0 failed" in err
    assert {name: (out / name).stat().st_mtime_ns for name in outputs(out)} == before


def test_a_corrupt_shard_fails_alone_leaves_no_partial_file_and_is_retried_next_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shards = make_shards(tmp_path / "in")
    good = shards[2].read_bytes()
    damaged = bytearray(good)
    damaged[len(good) // 2 : len(good) // 2 + 64] = b"\xff" * 64  # corrupt deflate data mid-file
    shards[2].write_bytes(bytes(damaged))
    out = tmp_path / "out"
    assert main(["extract", *map(str, shards), "-o", str(out), "-j", "1"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("thread-explorer: error: 1 of 4 shards failed")
    assert "part-2.jsonl.gz" in err[-1] and "not valid gzip data" in err[-1]
    assert "Traceback" not in "\n".join(err)
    assert "3 shards done, 0 already done, 1 failed" in err[-2]
    assert outputs(out) == [f"part-{n}.jsonl.gz.threads.jsonl" for n in (0, 1, 3)]  # no partial file either
    shards[2].write_bytes(good)  # fetched again: the next run does just that shard
    assert main(["extract", *map(str, shards), "-o", str(out), "-j", "1"]) == 0
    err = capsys.readouterr().err
    assert "skipping 3 shards already done" in err and "1 shard done, 3 already done" in err
    assert len(read_jsonl(out / "part-2.jsonl.gz.threads.jsonl")) == 3


def test_a_truncated_shard_fails_rather_than_writing_half_its_threads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shard = make_shards(tmp_path / "in", 1)[0]
    data = shard.read_bytes()
    shard.write_bytes(data[: len(data) * 2 // 3])
    assert main(["extract", str(shard), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "the compressed data ends early" in err
    assert outputs(tmp_path / "out") == []


def test_bad_lines_are_skipped_counted_and_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shard = tmp_path / "mixed.jsonl.gz"
    write_shard(shard, shard_records(5))
    lines = gzip.decompress(shard.read_bytes()).split(b"\n")
    lines.insert(3, b'{"text": "cut off')
    shard.write_bytes(gzip.compress(b"\n".join(lines)))
    assert main(["extract", str(shard), "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "mixed.jsonl.gz: 1 bad line skipped (first: line 4)" in err
    assert len(read_jsonl(tmp_path / "out" / "mixed.jsonl.gz.threads.jsonl")) == 3


def test_a_file_that_is_not_a_dataset_fails_with_a_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.txt"
    page.write_text("An article.\nIn reply to An article by someone\nA reply.\n", encoding="utf-8")
    good = make_shards(tmp_path / "in", 1)[0]
    missing = tmp_path / "nowhere.jsonl"
    assert main(["extract", str(page), str(good), str(missing), "-o", str(tmp_path / "out"), "-j", "1"]) == 2
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert "2 of 3 shards failed" in last
    assert "page.txt: not a dataset file" in last and "nowhere.jsonl: no such file" in last
    assert outputs(tmp_path / "out") == ["part-0.jsonl.gz.threads.jsonl"]


def test_misuse_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = write_shard(tmp_path / "a" / "x.jsonl.gz", shard_records(0))
    two = write_shard(tmp_path / "b" / "x.jsonl.gz", shard_records(1))
    assert main(["extract", str(one), str(two), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "have the same file name" in err[0]
    (tmp_path / "file").write_text("")
    assert main(["extract", str(one), "-o", str(tmp_path / "file")]) == 2
    assert "not a folder" in capsys.readouterr().err
    assert main(["extract", str(one), "-o", str(tmp_path / "out"), "-j", "0"]) == 2
    assert "--jobs must be at least 1" in capsys.readouterr().err


def test_parquet_output_has_one_row_per_comment(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    shard = make_shards(tmp_path / "in", 1)[0]
    assert main(["extract", str(shard), "-o", str(tmp_path / "out"), "--to", "parquet"]) == 0
    table = pq.read_table(tmp_path / "out" / "part-0.jsonl.gz.comments.parquet")
    assert table.column_names == [
        "source", "page", "url", "comment_id", "parent_id", "depth", "author", "time", "text", "attached_by",
        "placeholder",
    ]  # fmt: skip
    rows = table.to_pylist()
    expected = expected_threads(shard.name, shard_records(0))
    want = []
    for page, doc in sorted(expected.items()):
        stack = [(c, None, 0) for c in reversed(doc["comments"])]
        while stack:
            comment, parent, depth = stack.pop()
            want.append((page, comment["id"], parent, depth, comment["author"], comment["text"],
                         comment["attached_by"], comment["placeholder"]))  # fmt: skip
            stack.extend((r, comment["id"], depth + 1) for r in reversed(comment["replies"]))
    got = [(r["page"], r["comment_id"], r["parent_id"], r["depth"], r["author"], r["text"], r["attached_by"],
            r["placeholder"]) for r in rows]  # fmt: skip
    assert got == want
    assert {r["source"] for r in rows} == {"part-0.jsonl.gz"}
    assert any(r["depth"] > 0 for r in rows)


def test_an_interrupt_stops_every_worker_at_once_and_leaves_no_partial_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    texts = [generate_page(40, seed=n) for n in range(5)]
    slow = [
        {"text": texts[n % 5], "url": f"https://forum.example.org/{n}"} for n in range(3000)
    ]  # all threaded: seconds of work per shard even on a quiet machine, so the interrupt comes mid-shard
    shards = [str(write_shard(folder / f"slow-{n}.jsonl.gz", slow)) for n in range(3)]
    out = tmp_path / "out"
    # As in a terminal: a job a script starts in the background inherits SIGINT ignored, and Python then never
    # raises KeyboardInterrupt (CI may start the suite that way). A handler here makes the child's default again.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "thread_explorer", "extract", *shards, "-o", str(out), "-j", "2"],
            stderr=subprocess.PIPE, text=True, start_new_session=True, cwd=ROOT,
        )  # fmt: skip
    finally:
        signal.signal(signal.SIGINT, previous)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (out.is_dir() and len(os.listdir(out)) == 2):
        time.sleep(0.02)  # until both workers are writing
    assert sorted(os.listdir(out)) == [
        ".slow-0.jsonl.gz.threads.jsonl.partial",
        ".slow-1.jsonl.gz.threads.jsonl.partial",
    ]
    os.killpg(process.pid, signal.SIGINT)  # ^C reaches the whole process group
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "Traceback" not in err and "Exception" not in err
    assert os.listdir(out) == []


class Terminal(io.StringIO):
    """A captured stream that says it is a terminal, as stderr is in an interactive shell."""

    def isatty(self) -> bool:
        return True


def test_the_progress_bar_shows_on_a_terminal_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shards = [str(s) for s in make_shards(tmp_path / "in", 2)] + [str(tmp_path / "gone.jsonl")]
    monkeypatch.setattr(shard_module, "REPORT_EVERY", 0.0)  # report after every page, as a long shard would
    assert main(["extract", *shards, "-o", str(tmp_path / "plain"), "-j", "1"]) == 2
    plain = capsys.readouterr().err
    assert "━" not in plain and plain.count("\n") == 2  # the summary and the error line
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["extract", *shards, "-o", str(tmp_path / "bar"), "-j", "1"]) == 2
    drawn = terminal.getvalue()
    assert "━" in drawn and "shards, " in drawn and "pages/s" in drawn
    assert "2/3 shards, 24 pages" in drawn and "6 threads" in drawn
    assert "thread-explorer: failed: " in drawn  # said at once, above the bar
    assert drawn.rstrip().endswith(plain.rstrip().splitlines()[-1].split(": ")[-1])  # the end comes after it


def test_a_shard_named_twice_or_by_two_paths_is_read_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shard = make_shards(tmp_path / "in", 1)[0]
    same = tmp_path / "in" / ".." / "in" / shard.name
    assert main(["extract", str(shard), str(same), str(shard), "-o", str(tmp_path / "out")]) == 0
    assert "1 shard done" in capsys.readouterr().err


def test_parquet_output_without_pyarrow_is_one_line_before_any_shard_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shard = make_shards(tmp_path / "in", 1)[0]
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a)
    )
    assert main(["extract", str(shard), "-o", str(tmp_path / "out"), "--to", "parquet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    extra = (
        "writing Parquet needs the parquet extra (in the project folder: .venv/bin/pip install '.[parquet]')"
    )
    assert err == [f"thread-explorer: error: --to parquet: {extra}"]
    assert not (tmp_path / "out").exists()
