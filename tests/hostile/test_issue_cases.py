"""Every hand-made case of issue 11: one clear line and exit 2, or read right; never a traceback."""

from __future__ import annotations

import gzip
import json
import os
import pty
import select
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from hostile_helpers import assert_one_line_error, check_promise, run_cli
from paths import FIXTURES

from thread_explorer.core.compression import decompress
from thread_explorer.core.errors import InputError
from thread_explorer.core.jsonio import loads
from thread_explorer.core.limits import LINE_COST, MAX_INPUT_COST
from thread_explorer.ui import launch

REDDIT = (FIXTURES / "reddit_thread.json").read_text(encoding="utf-8")
HN = (FIXTURES / "hn_items.json").read_text(encoding="utf-8")
MBOX = (FIXTURES / "list.mbox").read_bytes()


def write(tmp_path: Path, name: str, data: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("big.json", '[{"id": "1", "text": "t", "score": ' + "9" * 5000 + "}]", "more than 4,300 digits"),
        ("nan.json", REDDIT.replace('"count": 12', '"count": NaN'), "NaN is not a JSON number"),
        ("inf.json", REDDIT.replace('"count": 12', '"count": 1e999'), "the number 1e999 is too large"),
        ("score.json", REDDIT.replace('"score": 812', '"score": Infinity'), "Infinity is not a JSON number"),
        ("hn.json", HN.replace('"score": ', '"score": NaN, "x": ', 1), "NaN is not a JSON number"),
        (
            "native.json",
            json.dumps(
                {
                    "schema": "thread-explorer/1",
                    "source": "x",
                    "article": None,
                    "comments": [{"id": "1", "text": "t", "attached_by": []}],
                }
            ),
            "comments[0].attached_by: unknown value []",
        ),
    ],
)
def test_numbers_and_shapes_json_cannot_hold_are_one_line(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    assert (
        text.count("NaN") + text.count("1e999") + text.count("Infinity") + text.count("9" * 5000)
        or "[]" in text
    )
    line = assert_one_line_error(run_cli("export", write(tmp_path, name, text), "-f", "markdown"), expected)
    assert "line 1 column" in line or "line " in line or "attached_by" in line  # says where


def test_a_lone_surrogate_reads_as_a_replacement_character_and_never_truncates_the_output(
    tmp_path: Path,
) -> None:
    source = write(
        tmp_path, "s.json", '[{"id": "1", "author": "a\\udc00", "text": "x\\ud800y \\ud83d\\ude00"}]'
    )
    target = tmp_path / "out.json"
    target.write_text("the old export", encoding="utf-8")
    result = run_cli("export", source, "-o", str(target))
    check_promise(result)
    assert result.status == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["comments"][0]["text"] == "x\ufffdy 😀" and data["comments"][0]["author"] == "a\ufffd"
    markdown = run_cli("export", source, "-f", "markdown")
    assert markdown.status == 0 and "x\ufffdy 😀" in markdown.stdout.decode("utf-8")


@pytest.mark.parametrize(
    "header",
    [b"Content-Type: text/plain; charset=idna", b"Content-Type: text/plain; charset=punycode",
     "From: =?é?q?x?= <a@b.c>".encode(), b"Subject: =?utf-8?b?!!!?="],
)  # fmt: skip
def test_mbox_charsets_that_are_not_charsets_read_by_the_loaders_rule(tmp_path: Path, header: bytes) -> None:
    data = MBOX.replace(b"\nSubject:", b"\n" + header + b"\nX-Was-Subject:", 1)
    result = run_cli("export", write(tmp_path, "list.mbox", data), "-f", "markdown")
    check_promise(result)
    assert result.status == 0 and result.stdout.count(b"\n- ") >= 3


def test_page_selectors_that_look_like_digits_are_urls(tmp_path: Path) -> None:
    pages = str(FIXTURES / "pages.jsonl")
    assert_one_line_error(run_cli("stats", pages, "--page", "²"), "no page with url or id '²'")
    assert_one_line_error(run_cli("stats", pages, "--page", "١"), "no page with url or id")


def test_a_parquet_timestamp_past_year_9999_is_kept_as_its_number(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "ts.parquet"
    stamps = pa.array([10**14, 5], type=pa.timestamp("s"))
    pq.write_table(pa.table({"url": ["a", "b"], "text": ["x", "y"], "timestamp": stamps}), path)
    result = run_cli("scan", str(path), "--all")
    check_promise(result)
    assert result.status == 0 and result.stdout.decode().count("\n") == 2
    page = run_cli("export", str(path), "--page", "0")
    assert page.status == 0 and json.loads(page.stdout)["meta"]["timestamp"] == str(10**14)  # seconds


def test_closed_standard_output_is_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "thread_explorer", "export", str(FIXTURES / "hn_items.json")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False, timeout=60,
        preexec_fn=lambda: os.close(1),
    )  # fmt: skip
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == "thread-explorer: error: standard output is closed: give -o PATH to write to a file"
    )


def test_strict_json_refuses_what_is_not_json_and_cleans_surrogates() -> None:
    with pytest.raises(
        InputError, match=r"src: not valid JSON: line 2 column 7: -Infinity is not a JSON number"
    ):
        loads('{"a": "x NaN",\n "b": -Infinity}', "src")
    assert loads('["\\udc00", {"\\ud800": 1}]') == ["\ufffd", {"\ufffd": 1}]
    deep = "[" * 5000 + "NaN" + "]" * 5000  # the iterative parser (too deep to recurse) is just as strict
    with pytest.raises(InputError, match="NaN is not a JSON number"):
        loads(deep)


def test_the_input_limit_counts_lines_not_only_bytes() -> None:
    lines = MAX_INPUT_COST // (LINE_COST + 2) + 1000
    bomb = zlib.compress(b"y\n" * lines, 9)  # deflate of a run: a few KiB
    packed = gzip.compress(b"y\n" * lines, 9)
    assert len(packed) < 100_000 and len(b"y\n" * lines) < MAX_INPUT_COST // 100
    with pytest.raises(InputError, match=r"x.gz: decompresses to more than 512 MiB, too much for one thread"):
        decompress(packed, name="x.gz")
    assert bomb  # plain text of that many lines is refused the same way
    with pytest.raises(InputError, match=r"holds more than 512 MiB"):
        decompress(b"y\n" * lines, name="x")


def read_pty(*args: str) -> str:
    """What the command writes to a terminal (a pseudo-terminal as its standard output)."""

    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "thread_explorer", *args], stdout=slave, stderr=subprocess.PIPE, close_fds=True
    )
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert process.wait(timeout=30) == 0
    return b"".join(chunks).decode("utf-8")


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_export_to_a_terminal_shows_escapes_and_never_obeys_them(tmp_path: Path, fmt: str) -> None:
    hostile = "\x1b]0;pwned\x07 \x1b]52;c;cm0K\x07 \x1b[2J \x9b31m \u202eexe.txt \u200b"
    source = write(tmp_path, "h.json", json.dumps([{"id": "1", "author": "a\u202e", "text": hostile}]))
    shown = read_pty("export", source, "-f", fmt)
    for raw in ("\x1b", "\x9b", "\u202e", "\u200b", "\x07"):
        assert raw not in shown, (fmt, raw)
    if fmt == "json":
        assert json.loads(shown)["comments"][0]["text"] == hostile  # the same value, escaped
    else:
        assert "␛]0;pwned␇" in shown.replace("\\", "") and "⇄exe.txt" in shown  # Markdown escapes the ]
    piped = run_cli("export", source, "-f", fmt)  # not a terminal: the exact bytes
    assert hostile in piped.stdout.decode("utf-8") or fmt != "text"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("nan.json", REDDIT.replace('"count": 12', '"count": NaN')),
        ("big.json", '[{"id": "1", "text": "t", "score": ' + "9" * 5000 + "}]"),
        (
            "native.json",
            '{"schema": "thread-explorer/1", "comments": [{"id": "1", "text": "t", "attached_by": []}]}',
        ),
    ],
)
def test_the_app_gives_these_inputs_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str
) -> None:
    assert launch.run_app(write(tmp_path, name, text)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("thread-explorer: error: ") and "Traceback" not in err


def test_the_app_gives_an_unexpected_failure_status_2_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object, **__: object) -> object:
        raise MemoryError

    monkeypatch.setattr(launch, "_opener", broken)
    assert launch.run_app(write(tmp_path, "x.txt", "text")) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "MemoryError" in err and "Traceback" not in err


def test_refusing_a_number_says_where_in_linear_time() -> None:
    """Found by the fuzzer: finding the refused number's position by a regex search was quadratic in a long run
    of digits (30 s for 285 KB); the iterative parser now says where, in one pass."""
    text = '[{"id": "1", "text": "NaN"}, ' + "1" * 300_000 + "e5]"
    start = time.process_time()
    with pytest.raises(InputError, match=r"line 1 column 30: the number 1{20} is too large"):
        loads(text, "x")
    assert time.process_time() - start < 1.0
