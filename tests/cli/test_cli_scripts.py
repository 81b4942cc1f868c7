"""The command line for scripts: JSON output of search and stats, a header row for scan, search over the article."""

from __future__ import annotations

import json

import pytest
from paths import FIXTURES, SEED

from thread_explorer.cli import main


def test_search_covers_the_article_like_the_app(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", str(SEED), "Scaparrotti"]) == 0
    first = capsys.readouterr().out.splitlines()[0].split()
    assert first[:3] == ["article", "100.0", "(article)"]


def test_search_json_is_one_document_with_every_hit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", str(SEED), "NATO", "--json", "-n", "3"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    document = json.loads(out)
    assert document["query"] == "NATO"
    assert [hit["id"] for hit in document["hits"]][:2] == ["article", "c18"]
    usura = document["hits"][1]
    assert usura["author"] == "Usura" and usura["parent"] == "c14" and usura["lines"] == [18, 23]


def test_search_json_with_no_match_still_prints_a_document_and_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["search", str(SEED), "qqqqzzzz", "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == {"query": "qqqqzzzz", "hits": []}


def test_search_json_escapes_what_a_terminal_would_act_on(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "t.json"
    page.write_text(json.dumps([{"id": "1", "author": "x", "text": "evil \u009b2J \u202egnirts\u202c here"}]))
    assert main(["search", str(page), "evil", "--json"]) == 0
    out = capsys.readouterr().out
    assert "\u009b" not in out and "\u202e" not in out and "\\u009b" in out and "\\u202e" in out
    assert json.loads(out)["hits"][0]["text"] == "evil \u009b2J \u202egnirts\u202c here"


def test_stats_json_for_a_thread_and_for_a_dataset(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(SEED), "--json"]) == 0
    thread = json.loads(capsys.readouterr().out)
    assert (thread["comments"], thread["replies"], thread["marker_position"]) == (3, 2, "before")
    assert thread["article"]["lines"] == [1, 13] and thread["source"] == str(SEED)
    assert main(["stats", str(FIXTURES / "pages.jsonl"), "--json"]) == 0
    dataset = json.loads(capsys.readouterr().out)
    assert (dataset["pages"], dataset["pages_with_markers"], dataset["format"]) == (
        6,
        3,
        "dataset of pages (JSON Lines)",
    )
    assert dataset["bad"] == 0 and dataset["truncated"] is False  # numbers, not ""
    assert "warning" not in dataset


def test_scan_header_names_the_columns_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(FIXTURES / "pages.jsonl"), "--header"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert rows[0] == ["page", "url", "comments", "replies", "placeholders", "markers"]
    assert len(rows) == 4 and all(len(row) == 6 for row in rows) and rows[1][0] == "1"
