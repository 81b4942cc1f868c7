"""Dataset files on the command line: `scan` streams the pages that hold threads, `--page` picks one page for
export, search and stats, `stats` alone counts the whole file, and misuse is one line on stderr."""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
from pathlib import Path

import pytest
from cli_helpers import assert_one_line_error, run

from thread_explorer.cli import main
from thread_explorer.cli import progress as scan_progress
from thread_explorer.core.datasets import scanning as dataset_scan
from thread_explorer.core.errors import InputError
from thread_explorer.core.flatpage.generate import generate_page
from thread_explorer.core.flatpage.reader import parse_text
from thread_explorer.core.formats.native import from_dict
from thread_explorer.core.model import Comment, Thread

FORUM = "https://forum.example.org/t/"
FILLER = (
    "Council approves the new bus routes\n"
    "The city council voted on Tuesday to add three bus routes to the eastern districts.\n"
    "Residents had asked for better connections for years. In reply to your letter of May, the mayor wrote that "
    "work starts in spring.\n"
)
PAGES: list[dict[str, str]] = [
    {"text": FILLER, "url": "https://news.example.com/bus", "timestamp": "2019-04-25T12:57:54Z"},
    {
        "text": generate_page(12, seed=1, markers="before"),
        "url": FORUM + "1",
        "timestamp": "2019-04-26T08:00:00Z",
    },
    {
        "text": "Weather\nSunny all week, light wind from the west.\n",
        "url": "https://news.example.com/weather",
    },
    {"text": generate_page(9, seed=2, markers="after"), "id": "<urn:uuid:0000-page-3>"},
    {"text": FILLER.replace("bus", "tram"), "url": "https://news.example.com/tram"},
    {"text": generate_page(15, seed=3, missing=0.3), "url": FORUM + "5"},
]
WITH_THREADS = [1, 3, 5]


def truth(index: int) -> Thread:
    """The page's thread as the parser reads its text on its own."""
    return parse_text(PAGES[index]["text"])


def write(path: Path, pages: list[dict[str, str]] = PAGES, tail: str = "") -> Path:
    """A C4-style JSON Lines file (gzip-compressed when the name ends in .gz)."""
    data = ("".join(json.dumps(page) + "\n" for page in pages) + tail).encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


@pytest.fixture(params=["c4-pages.jsonl", "c4-train.00000-of-01024.json.gz"])
def dataset(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return write(tmp_path / request.param)


def shape(thread: Thread) -> list[tuple[str, str | None, str | None, str, bool]]:
    """What a reader sees of a tree: each comment's id, parent, author, text and placeholder flag, in order."""
    return [(c.id, c.parent.id if c.parent else None, c.author, c.text, c.placeholder) for c in thread.walk()]


def depth(comment: Comment) -> int:
    """How many ancestors the comment has."""
    return 0 if comment.parent is None else 1 + depth(comment.parent)


def outline(thread: Thread) -> list[tuple[int, str | None, str]]:
    """The tree without ids (they follow line numbers, which a re-flattened page changes): depth, author, text."""
    return [(depth(c), c.author, c.text) for c in thread.walk()]


# ------------------------------------------------------------------------------------------------------ scan
def test_scan_prints_exactly_the_pages_with_threads(
    dataset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["scan", str(dataset)]) == 0
    out, err = capsys.readouterr()
    rows = [line.split("\t") for line in out.splitlines()]
    assert [int(row[0]) for row in rows] == WITH_THREADS
    for row in rows:
        page, stats = PAGES[int(row[0])], truth(int(row[0])).stats()
        assert row[1] == page.get("url", page.get("id"))
        assert row[2:] == [str(stats["comments"]), str(stats["replies"]), str(stats["placeholders"]),
                           stats["marker_position"]]  # fmt: skip
    assert rows[1][5] == "after" and int(rows[2][4]) >= 1  # markers after bodies; missing parents
    assert err.count("\n") == 1 and err.startswith("6 pages scanned in ") and "3 with threads" in err


def test_scan_all_prints_every_page(dataset: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(dataset), "--all"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert [int(row[0]) for row in rows] == list(range(len(PAGES)))
    assert rows[0] == ["0", "https://news.example.com/bus", "0", "0", "0", "-"]  # "In reply to your letter"
    assert rows[2][1:] == ["https://news.example.com/weather", "0", "0", "0", "-"]


def test_scan_skips_a_broken_last_line_and_says_so_in_the_total(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = write(tmp_path / "cut.jsonl", tail='{"text": "the download stopped here\n')
    assert main(["scan", str(broken)]) == 0
    out, err = capsys.readouterr()
    assert [line.split("\t")[0] for line in out.splitlines()] == ["1", "3", "5"]
    assert err.count("\n") == 1 and err.startswith("6 pages scanned in ")
    assert err.rstrip().endswith("; 1 bad line skipped (first: line 7)")


def test_head_of_a_big_file_scans_and_stats_with_its_cut_line_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    whole = write(tmp_path / "pages.jsonl").read_bytes()
    cut = tmp_path / "trunc.jsonl"  # `head -c N pages.jsonl > trunc.jsonl`: the last record is cut mid-way
    cut.write_bytes(whole[: whole.index(b"\n", len(whole) // 2) + 40])
    assert main(["scan", str(cut), "--all"]) == 0
    out, err = capsys.readouterr()
    read = len(out.splitlines())
    assert 0 < read < len(PAGES) and f"1 bad line skipped (first: line {read + 1})" in err
    assert main(["stats", str(cut)]) == 0
    report = capsys.readouterr().out
    assert f"pages:          {read}\n" in report
    assert f"warning:        1 bad line skipped (first: line {read + 1})" in report


def test_scan_output_never_carries_terminal_escapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evil = write(
        tmp_path / "evil.jsonl", [PAGES[0], {**PAGES[1], "url": "https://e.org/\x1b[2J\x1b]0;x\x07\tq"}]
    )
    assert main(["scan", str(evil)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert out.startswith("1\thttps://e.org/␛[2J␛]0;x␇ q\t")  # a tab inside the url does not add a column


class Terminal(io.StringIO):
    """A captured stream that says it is a terminal, as stderr is in an interactive shell."""

    def isatty(self) -> bool:
        return True


def displayed(terminal: Terminal) -> list[str]:
    """The lines as the terminal shows them: a carriage return starts the line over, escapes take no room."""
    return [
        re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", line.rsplit("\r", 1)[-1])
        for line in terminal.getvalue().split("\n")
    ]


def test_progress_bar_only_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    dataset = write(tmp_path / "pages.jsonl")
    monkeypatch.setattr(dataset_scan, "PROGRESS_EVERY", 0.0)  # report after every page, as a long scan would
    assert main(["scan", str(dataset)]) == 0
    plain = capsys.readouterr()
    assert "━" not in plain.err and plain.err.count("\n") == 1  # stderr is not a terminal: no bar
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["scan", str(dataset)]) == 0
    assert capsys.readouterr().out == plain.out  # the results still go to stdout, whole and in order
    drawn = terminal.getvalue()
    assert "━" in drawn and "with threads" in drawn and dataset.name[:20] in drawn
    assert drawn.rstrip().endswith(plain.err.split(" s; ")[-1].strip())  # the total comes after the bar (the
    # seconds before it may differ between the two runs on a loaded machine)


def test_results_print_above_the_bar_when_stdout_shares_its_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    dataset = write(tmp_path / "pages.jsonl")
    assert main(["scan", str(dataset), "--all"]) == 0
    expected = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    monkeypatch.setattr(dataset_scan, "PROGRESS_EVERY", 0.0)
    monkeypatch.setattr(scan_progress, "same_terminal", lambda first, second: True)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["scan", str(dataset), "--all"]) == 0
    before = [line.split("\t") for line in capsys.readouterr().out.splitlines()]  # before the bar showed
    assert len(before) < len(expected)  # the rest went through the bar's console, above it
    shown = before + [line.split() for line in displayed(terminal) if line[:1].isdigit()]
    assert shown[: len(expected)] == expected  # every line once, in order, none torn by the bar
    assert shown[len(expected)][:2] == ["6", "pages"]  # then the total


def test_lines_held_for_the_bar_still_show_when_a_scan_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(scan_progress, "same_terminal", lambda first, second: True)
    with pytest.raises(InputError), scan_progress.ScanProgress("big.jsonl") as progress:
        progress.update(10, 100)  # a long scan: the bar is up
        progress.emit("7\thttps://e.org/seven\t3\t2\t0\tbefore")
        raise InputError("big.jsonl: line 9 is not valid JSON")
    assert ["7", "https://e.org/seven", "3", "2", "0", "before"] in [
        line.split() for line in displayed(terminal)
    ]


# ---------------------------------------------------------------------------------------------------- --page
@pytest.mark.parametrize("index", WITH_THREADS)
def test_export_page_reimports_as_the_pages_tree(dataset: Path, index: int,
                                                 capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    assert main(["export", str(dataset), "--page", str(index)]) == 0
    thread = from_dict(json.loads(capsys.readouterr().out))
    assert shape(thread) == shape(truth(index)) and len(shape(thread)) >= 9
    assert thread.source == f"{dataset}#{index}"


def test_page_by_url_or_id_is_the_same_page(dataset: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(dataset), "--page", "5"]) == 0
    by_number = capsys.readouterr().out
    assert main(["export", str(dataset), "--page", FORUM + "5"]) == 0
    assert capsys.readouterr().out == by_number
    assert main(["export", str(dataset), "-p", "<urn:uuid:0000-page-3>", "-f", "text"]) == 0
    flat = capsys.readouterr().out
    assert outline(parse_text(flat)) == outline(truth(3))


def test_search_in_one_page(dataset: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = max(truth(1).walk(), key=lambda c: len(c.text))
    words = " ".join(target.text.split()[:6])
    assert main(["search", str(dataset), words, "--page", "1", "--limit", "1"]) == 0
    assert capsys.readouterr().out.split()[0] == target.id


def test_stats_totals_over_the_whole_file(dataset: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(dataset)]) == 0
    report = dict(line.split(":", 1) for line in capsys.readouterr().out.splitlines())
    report = {key.strip(): value.strip() for key, value in report.items()}
    stats = [truth(i).stats() for i in WITH_THREADS]
    assert report["pages"] == "6" and report["with threads"] == "3"
    assert report["comments"] == str(sum(s["comments"] for s in stats))
    assert report["replies"] == str(sum(s["replies"] for s in stats))
    assert report["placeholders"] == str(sum(s["placeholders"] for s in stats))
    assert report["reply markers"] == "before the body on 2 pages, after it on 1"
    kind = "gzip" if dataset.name.endswith(".gz") else "JSON Lines"
    assert report["format"].startswith("dataset of pages") and kind in report["format"]


def test_stats_of_one_page(dataset: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(dataset), "--page", "3"]) == 0
    report = {
        k.strip(): v.strip() for k, v in (line.split(":", 1) for line in capsys.readouterr().out.splitlines())
    }
    assert report["page"] == "3" and report["comments"] == str(truth(3).stats()["comments"])
    assert report["reply markers"] == "after the reply's body"


# ---------------------------------------------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["scan", "{flat}"], "page.txt: not a dataset file (JSON Lines, .gz, .zst or Parquet"),
        (["scan", "{missing}"], "nothing.jsonl: no such file"),
        (
            ["export", "{data}"],
            "pages.jsonl: a file of many pages (dataset of pages (JSON Lines)): give --page N (from 0) or --page URL",
        ),
        (["search", "{data}", "vote"], "a file of many pages (dataset of pages (JSON Lines)): give --page N"),
        (["export", "{flat}", "--page", "1"], "page.txt: not a dataset file"),
        (["stats", "{flat}", "--page", "1"], "--page works only on those"),
        (["export", "{data}", "--page", "6"], "no page 6: the file has 6 pages (numbered from 0)"),
        (["export", "{data}", "--page", "https://nowhere.example/"], "no page with url or id"),
        (["export", "{data}", "--page", "1", "--input-format", "json"], "drop --input-format"),
    ],
)
def test_misuse_is_one_line_and_exit_2(tmp_path: Path, args: list[str], expected: str) -> None:
    names = {"data": str(write(tmp_path / "pages.jsonl")), "missing": str(tmp_path / "nothing.jsonl"),
             "flat": str(tmp_path / "page.txt")}  # fmt: skip
    (tmp_path / "page.txt").write_text(str(PAGES[1]["text"]), encoding="utf-8")
    result = run(*[arg.format(**names) for arg in args])
    assert_one_line_error(result, expected)


def test_help_names_scan_and_page() -> None:
    assert "scan FILE" in run("--help").stdout
    scan_help = run("scan", "--help").stdout
    assert "--all" in scan_help and "streaming" in scan_help
    assert "--page N|URL" in run("export", "--help").stdout
