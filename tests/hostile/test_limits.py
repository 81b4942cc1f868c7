"""The documented limits, in real processes under a memory cap (`resource.RLIMIT_AS`): each oversized input is
refused with one line and exit 2, quickly, without growing; memory running out anyway is one line and exit 2."""

from __future__ import annotations

import gzip
import resource
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from paths import FIXTURES, ROOT

from thread_explorer.core.limits import LINE_COST, MAX_INPUT_COST, MAX_LINE_BYTES

CAP_MB = 1500  # address space a run may use: far below what the inputs below took before the limits
TIME_CAP = 60


def run_capped(*args: str, stdin: object = None, cap_mb: int = CAP_MB) -> subprocess.CompletedProcess[str]:
    """The real command with its address space capped at cap_mb."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap_mb << 20, cap_mb << 20))

    return subprocess.run(
        [sys.executable, "-m", "thread_explorer", *args],
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        capture_output=True, text=True, timeout=TIME_CAP, cwd=ROOT, check=False, preexec_fn=limit,
    )  # fmt: skip


def assert_refused(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode == 2, result.stderr[-1000:]
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("thread-explorer: error: "), result.stderr[-1000:]
    assert expected in lines[0], lines[0]


def test_yes_piped_into_export_stops_with_an_error() -> None:
    yes = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
    try:
        result = run_capped("export", "-", stdin=yes.stdout)
    finally:
        yes.kill()
        yes.wait()
    assert_refused(result, "<stdin>: holds more than 512 MiB, too much for one thread")


def test_a_small_gzip_of_many_short_lines_is_refused_by_its_line_cost(tmp_path: Path) -> None:
    lines = MAX_INPUT_COST // (LINE_COST + 2) * 4  # far past the limit, still only a few MB of text
    path = tmp_path / "lines.txt.gz"
    path.write_bytes(gzip.compress(b"y\n" * lines, 9))
    assert path.stat().st_size < 100_000
    assert_refused(run_capped("export", str(path)), "decompresses to more than 512 MiB")


def test_a_dataset_line_longer_than_the_limit_is_refused_without_holding_it(tmp_path: Path) -> None:
    pack = zlib.compressobj(6, zlib.DEFLATED, 31)
    page = b'{"url": "u", "text": "In reply to x by y\\nhello"}\n'
    parts = [pack.compress(page * 3 + b'{"url": "v", "text": "')]
    block = b"a" * (1 << 20)
    parts += [pack.compress(block) for _ in range((MAX_LINE_BYTES >> 20) + 8)]
    parts += [pack.compress(b'"}\n'), pack.flush()]
    path = tmp_path / "pages.jsonl.gz"
    path.write_bytes(b"".join(parts))
    assert_refused(run_capped("scan", str(path), cap_mb=600), "line 4 is longer than 64 MiB")


def test_parquet_with_a_dictionary_encoded_large_value_is_read_in_bounded_memory(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    big = "word " * (2 << 20)  # 10 MB, stored once in the dictionary
    rows = 100  # 1 GB once decoded, twice over (Arrow, then Python) before the fix
    text = pa.DictionaryArray.from_arrays(pa.array([0] * rows, type=pa.int32()), pa.array([big]))
    table = pa.table({"url": [f"u{i}" for i in range(rows)], "text": text})
    path = tmp_path / "dict.parquet"
    pq.write_table(table, path, use_dictionary=True, compression="zstd")
    assert path.stat().st_size < 100_000
    result = run_capped("scan", str(path), "--all", cap_mb=1200)
    assert result.returncode == 0, result.stderr[-1000:]
    assert result.stdout.count("\n") == rows
    value = pa.array(["x" * (MAX_LINE_BYTES + 10)])
    huge = pa.table(
        {"url": ["u"], "text": pa.DictionaryArray.from_arrays(pa.array([0], type=pa.int32()), value)}
    )
    pq.write_table(huge, tmp_path / "huge.parquet", use_dictionary=True, compression="zstd")
    assert_refused(run_capped("scan", str(tmp_path / "huge.parquet"), cap_mb=1200), "more than the 64 MiB")


def test_running_out_of_memory_is_one_line_and_exit_2(tmp_path: Path) -> None:
    # Within the input limit (250 MB of one line), but not within a cap this low: decoding it runs out of memory.
    # (One large allocation fails cleanly; running out among millions of small ones can stall CPython itself.)
    pack = zlib.compressobj(9, zlib.DEFLATED, 31)
    path = tmp_path / "big.txt.gz"
    path.write_bytes(b"".join([pack.compress(b"a" * (1 << 20)) for _ in range(250)] + [pack.flush()]))
    base = run_capped("stats", str(FIXTURES / "hn_items.json"), cap_mb=400)
    assert base.returncode == 0, "the cap is too low even to start: the test would prove nothing"
    assert_refused(run_capped("stats", str(path), cap_mb=400), "out of memory")
