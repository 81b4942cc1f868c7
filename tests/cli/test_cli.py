"""The command line as a user meets it: bad input gets one line and exit 2; export, search, stats work."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import assert_one_line_error, run
from paths import ROOT, SEED

from thread_explorer.cli import main
from thread_explorer.cli.main import COMMANDS
from thread_explorer.core.formats.native import from_dict
from thread_explorer.core.load import load_text


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("bad")
    (base / "binary.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (base / "broken.json").write_text('[{"id": 1, "text": "x"},\n {"id": 2 "text": "y"}]')
    (base / "shape.json").write_text('{"title": "not a thread"}')
    (base / "noid.json").write_text('[{"text": "who am I"}]')
    (base / "cut.json").write_text('[{"id": 1, "text": "x"},\n{"id": 2, "parent": 1, "text": "y"')
    (base / "unterminated.json").write_text('[{"id": 1, "text": "x"},\n{"id": 2, "text": "cut off here')
    return {
        "missing": base / "does-not-exist.txt",
        "directory": base,
        "binary": base / "binary.png",
        "broken": base / "broken.json",
        "shape": base / "shape.json",
        "noid": base / "noid.json",
        "cut": base / "cut.json",
        "unterminated": base / "unterminated.json",
    }


@pytest.mark.parametrize(
    ("case", "command", "expected"),
    [
        ("missing", "stats", "does-not-exist.txt: no such file"),
        ("directory", "export", "is a directory, not a file"),
        ("binary", "search", "binary.png: looks like binary data, not text"),
        ("broken", "export", "broken.json: not valid JSON: line 2 column 11: Expecting ',' delimiter"),
        ("shape", "stats", 'shape.json: a JSON object without a "comments" list'),
        ("noid", "export", r"noid.json: item[0]: a comment needs an id"),
        ("cut", "stats", "cut.json: not valid JSON: line 2 column 35: Expecting ',' delimiter"),
        (
            "unterminated",
            "stats",
            "unterminated.json: not valid JSON: Unterminated string starting at line 2 column 19",
        ),
    ],
)
def test_bad_input_gives_one_line_and_exit_2(bad: dict, case: str, command: str, expected: str) -> None:
    args = [command, str(bad[case])] + (["query"] if command == "search" else [])
    result = run(*args)
    assert_one_line_error(result, expected)


def test_version_and_help() -> None:
    assert run("--version").stdout.strip().startswith("thread-explorer ")
    helped = run("--help")
    assert helped.returncode == 0
    for command in ("export", "search", "stats", "generate"):
        assert command in helped.stdout


def test_the_help_lists_every_command_within_80_columns(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["--help"]) == 0
    shown = capsys.readouterr().out
    listed = {line.split()[0] for line in shown.split("commands (")[1].splitlines() if line.startswith("  ")}
    assert set(COMMANDS) <= listed
    assert max(map(len, shown.splitlines())) <= 80
    export_help = run("export", "--help").stdout
    assert "--subtree" in export_help and "overwritten" in export_help


def test_export_from_stdin_round_trips_through_json() -> None:
    page = SEED.read_bytes()
    first = run("export", "-", stdin=page)
    assert first.returncode == 0 and first.stderr == ""
    doc = json.loads(first.stdout)
    assert doc["schema"] == "thread-explorer/1" and doc["source"] == "<stdin>"
    again = run("export", "-", stdin=first.stdout.encode())
    assert again.stdout == first.stdout


def test_closing_stdout_early_is_quiet() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "thread_explorer", "generate", "20000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(100)
    process.stdout.close()
    status = process.wait(timeout=60)
    assert process.stderr.read() == b""
    assert status == 141


# ---------------------------------------------------------------------------------- in-process commands
def test_export_each_format_to_a_file_overwrites_it(tmp_path, capsys) -> None:
    target = tmp_path / "out.json"
    target.write_text("old content")
    assert main(["export", str(SEED), "--output", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["article"]["lines"] == [1, 13]
    assert f"wrote {target}" in capsys.readouterr().err
    md = tmp_path / "usura.md"
    assert main(["export", str(SEED), "-f", "markdown", "--subtree", "c18", "-o", str(md)]) == 0
    text = md.read_text(encoding="utf-8")
    assert "- **Usura** · c18" in text and "NubianSundance** ·" not in text
    assert main(["export", str(SEED), "-f", "text"]) == 0
    flat = capsys.readouterr().out
    assert "In reply to Armenia is looking to be a… by NubianSundance" in flat


def test_export_takes_the_format_from_the_file_ending_unless_one_is_given(tmp_path, capsys) -> None:
    """As the app's export dialog does: `-o notes.md` is Markdown, `-o page.txt` the flat text; `-f` wins."""
    md, txt, forced = tmp_path / "notes.md", tmp_path / "page.txt", tmp_path / "data.md"
    assert main(["export", str(SEED), "-o", str(md)]) == 0
    assert md.read_text(encoding="utf-8").startswith("# ")
    assert "(markdown)" in capsys.readouterr().err
    assert main(["export", str(SEED), "-f", "txt", "-o", str(txt)]) == 0
    assert "In reply to " in txt.read_text(encoding="utf-8")
    assert main(["export", str(SEED), "-f", "json", "-o", str(forced)]) == 0
    assert json.loads(forced.read_text(encoding="utf-8"))["schema"] == "thread-explorer/1"
    assert main(["export", str(SEED), "-f", "md"]) == 0 and capsys.readouterr().out.startswith("# ")


def test_export_unknown_subtree_id_names_the_file_and_some_ids(capsys) -> None:
    assert main(["export", str(SEED), "--subtree", "c999"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("thread-explorer: error: ") and "no comment with id 'c999'" in err
    assert "c14" in err and err.count("\n") == 1


def test_export_to_an_unwritable_place_is_one_line(tmp_path, capsys) -> None:
    assert main(["export", str(SEED), "-o", str(tmp_path / "no" / "such" / "dir.json")]) == 2
    err = capsys.readouterr().err
    assert "cannot write" in err and err.count("\n") == 1


def test_search_prints_id_score_author_and_excerpt(capsys) -> None:
    assert main(["search", str(SEED), "Armenai"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["c14", "85.7", "NubianSundance"]
    assert "Armenia is looking" in lines[0]
    assert main(["search", str(SEED), "crimea map", "--limit", "1"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_search_without_a_match_exits_1(capsys) -> None:
    assert main(["search", str(SEED), "qqqzzzxx"]) == 1
    assert "no comment matches" in capsys.readouterr().err


def test_search_output_never_carries_terminal_escapes(tmp_path, capsys) -> None:
    evil = tmp_path / "evil.json"
    payload = "attack \x1b[2J\x1b]0;pwned\x07 here \x9b31m"
    evil.write_text(json.dumps([{"id": "e\x1b1", "author": "x\x1b[31m", "text": payload}]), encoding="utf-8")
    assert main(["search", str(evil), "attack"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "␛[2J" in out


def test_stats_reports_counts_and_marker_position(capsys) -> None:
    assert main(["stats", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "reply markers:  before the reply's body" in out
    assert "article:        lines 1-13" in out
    report = {line.split(":", 1)[0].strip(): line.split(":", 1)[1].strip() for line in out.splitlines()}
    assert report["comments"] == "3" and report["top-level"] == "1" and report["replies"] == "2"
    assert report["placeholders"] == "0" and report["authors"] == "2" and report["max depth"] == "3"
    assert report["attached by"] == "exact 2, root 1"


def test_stats_on_empty_input_is_an_empty_thread(tmp_path, capsys) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["stats", str(empty)]) == 0
    assert "comments:       0" in capsys.readouterr().out


def test_stats_reads_stdin(monkeypatch, capsys) -> None:
    data = b'[{"id": 1, "text": "a"}, {"id": 2, "parent": 9, "text": "b"}]'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["stats", "-"]) == 0
    out = capsys.readouterr().out
    assert "source:         <stdin>" in out and "placeholders:   1" in out and "format:         json" in out


def test_generate_writes_a_page_the_parser_reads_back(tmp_path, capsys) -> None:
    page = tmp_path / "page.txt"
    assert main(["generate", "40", "--seed", "7", "--markers", "after", "-o", str(page)]) == 0
    thread = load_text(page.read_text(encoding="utf-8"))
    assert thread.marker_position == "after" and thread.stats()["comments"] >= 30
    assert main(["generate", "40", "--seed", "7", "--markers", "after"]) == 0
    assert capsys.readouterr().out == page.read_text(encoding="utf-8")


def test_usage_errors_exit_2(capsys) -> None:
    assert main(["export"]) == 2
    assert main(["export", str(SEED), "--format", "pdf"]) == 2
    assert main(["search", str(SEED), "x", "--limit", "0"]) == 2
    assert main(["stats", str(SEED), "--input-format", "yaml"]) == 2
    assert "unknown input format 'yaml'" in capsys.readouterr().err
    assert main(["--format", "yaml", str(SEED)]) == 2


def test_opening_the_app_when_it_cannot_be_imported_is_one_line(monkeypatch, capsys) -> None:
    monkeypatch.setitem(sys.modules, "thread_explorer.ui.launch", None)
    assert main([str(SEED)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("thread-explorer: error: the explorer app cannot start") and err.count("\n") == 1


def test_mbox_mixing_charsets_reads_each_message_by_its_own(tmp_path, capsys) -> None:
    archive = tmp_path / "mixed.mbox"
    archive.write_bytes(
        b"From a@example.de Thu Mar  7 10:00:00 2024\nFrom: Anna <a@example.de>\nMessage-ID: <a.1@example.de>\n"
        b"Subject: Gruss\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\n"
        b"Gr\xfc\xdfe aus M\xfcnchen\n\n"
        b"From z@example.org Thu Mar  7 11:00:00 2024\nFrom: Zoe <z@example.org>\nMessage-ID: <z.9@example.org>\n"
        b"In-Reply-To: <a.1@example.de>\nContent-Type: text/plain; charset=utf-8\n"
        b"Content-Transfer-Encoding: 8bit\n\nSch\xc3\xb6n, danke.\n"
    )
    assert main(["export", str(archive)]) == 0
    thread = from_dict(json.loads(capsys.readouterr().out))
    texts = {c.author: (c.text, c.parent.author if c.parent else None) for c in thread.walk()}
    assert texts == {"Anna": ("Grüße aus München", None), "Zoe": ("Schön, danke.", "Anna")}
    assert main(["export", str(archive), "--input-format", "mbox"]) == 0  # a named format reads bytes too
    assert "Schön, danke." in [c.text for c in from_dict(json.loads(capsys.readouterr().out)).walk()]


def test_usage_errors_are_one_line_naming_the_command(capsys) -> None:
    assert main(["export", str(SEED), "--format", "pdf"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("thread-explorer: error: export: argument -f/--format: invalid choice: 'pdf'")
    assert err.rstrip().endswith("(see thread-explorer export --help)")


def test_stats_counts_the_threads_the_app_shows_when_a_missing_parent_holds_one(capsys) -> None:
    """The app's title said 3 threads where `stats` said top-level 2: replies under a missing parent are a
    thread on screen. `stats` now says so (found by the newcomer's run)."""
    assert main(["stats", str(ROOT / "tests" / "fixtures" / "sources" / "list.mbox")]) == 0
    out = capsys.readouterr().out
    assert "  top-level:    2" in out and "threads:        3 (1 under a missing parent)" in out
    assert main(["stats", str(SEED)]) == 0
    assert "threads:" not in capsys.readouterr().out  # as many as the top-level comments: nothing to add


def test_open_file_is_the_app_as_the_other_commands_are_written(tmp_path, capsys, monkeypatch) -> None:
    """`thread-explorer open FILE` named the file as an unrecognised argument (found by the newcomer's run)."""
    monkeypatch.chdir(tmp_path)
    assert main(["open", "nosuch.txt"]) == 2
    assert capsys.readouterr().err.strip() == "thread-explorer: error: nosuch.txt: no such file"


def test_stats_writes_counts_with_thousands_separators_as_the_app_does(tmp_path, capsys) -> None:
    """`comments: 17722` in `stats`, `17,722` in the app (found by the newcomer's run)."""
    page = tmp_path / "big.txt"
    assert main(["generate", "1500", "--seed", "2", "-o", str(page)]) == 0
    capsys.readouterr()
    assert main(["stats", str(page)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^comments: +1,\d{3}$", out, re.MULTILINE) and re.search(
        r"attached by: .*exact 1,\d{3}", out
    )
