"""What counts and labels say about structured sources: "more" stubs are not missing comments, gone accounts are
not authors, a re-imported export says it was read as one, and Reddit text is decoded exactly once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from paths import FIXTURES, SEED

from thread_explorer.cli import main
from thread_explorer.core.export import export_thread
from thread_explorer.core.load import load_text, load_thread

REDDIT = FIXTURES / "reddit_thread.json"


def report(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, str]:
    """`thread-explorer stats ARGS` as {label: value}."""
    assert main(["stats", *args]) == 0
    lines = capsys.readouterr().out.splitlines()
    return {
        k.strip(): v.strip() for k, v in (line.split(":", 1) for line in lines if not line.startswith("note"))
    }


def test_more_stubs_are_not_loaded_not_missing(capsys: pytest.CaptureFixture[str]) -> None:
    stats = load_thread(str(REDDIT)).stats()
    assert stats["placeholders"] == 0  # no parent is missing: Reddit just did not send some replies
    assert (stats["not_loaded"], stats["not_loaded_replies"]) == (3, 21)
    shown = report(capsys, str(REDDIT))
    assert shown["placeholders"] == "0"
    assert shown["not loaded"] == '3 ("more" stubs for 21 replies the source did not send)'
    markdown = export_thread(load_thread(str(REDDIT)), "markdown")
    assert "missing" not in markdown.split("\n\n")[1]  # the counts line under the title
    assert "not loaded" not in "\n".join(report(capsys, str(SEED)))  # no such line where there are none


def test_real_placeholders_still_count_next_to_stubs() -> None:
    listing = {"kind": "Listing", "data": {"children": [
        {"kind": "t1", "data": {"id": "b", "name": "t1_b", "parent_id": "t1_gone", "author": "x", "body": "hi"}},
        {"kind": "more", "data": {"count": 4, "id": "m", "parent_id": "t1_b", "children": ["c", "d"]}},
    ]}}  # fmt: skip
    stats = load_text(json.dumps(listing)).stats()
    assert (stats["placeholders"], stats["not_loaded"], stats["not_loaded_replies"]) == (1, 1, 4)


def test_deleted_and_removed_are_not_authors() -> None:
    thread = load_thread(str(REDDIT))
    assert "[deleted]" in {c.author for c in thread.walk()}  # kept on the comments as the source has them
    assert (
        thread.stats()["authors"] == 5
    )  # Hoplite_Historian, curious_reader, ford_finder, AutoModerator, ...
    items = [
        {"id": 1, "author": "[removed]", "text": "a"},
        {"id": 2, "parent": 1, "author": "ann", "text": "b"},
    ]
    assert load_text(json.dumps(items)).stats()["authors"] == 1


@pytest.mark.parametrize(("source", "original"), [(SEED, "text"), (REDDIT, "reddit")])
def test_stats_of_an_export_says_what_was_read(tmp_path: Path, source: Path, original: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    exported = tmp_path / "thread.json"
    exported.write_text(export_thread(load_thread(str(source)), "json"), encoding="utf-8")
    assert report(capsys, str(exported))["format"] == f"native (thread-explorer/1), originally {original}"
    assert report(capsys, str(source))["format"] == original


def test_stats_of_a_page_record_says_json_read_as_a_page(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    record = tmp_path / "page.json"
    record.write_text(json.dumps({"url": "https://e.org/p", "text": SEED.read_text(encoding="utf-8")}))
    shown = report(capsys, str(record))
    assert shown["format"] == "json page record, its text read as a flat page" and shown["comments"] == "3"


def test_reddit_entities_are_decoded_once_everywhere(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "reddit_escaped.json"  # as Reddit sends it without raw_json=1: &, <, > as entities
    thread = load_thread(str(path))
    assert (
        thread.meta["title"] == "Is NATO & Russia <3 talking?"
        and thread.meta["url"] == "https://e.org/?a=1&b=2"
    )
    assert (
        thread.article is not None and thread.article.text == "Is NATO & Russia <3 talking?\nTom &amp; Jerry"
    )
    comment = thread.comments[0]
    assert comment.text == "5 &lt; 6 & 7 > 6"  # the user typed "&lt;": it stays that
    assert report(capsys, str(path))["title"] == "Is NATO & Russia <3 talking?"
    markdown = export_thread(thread, "markdown")
    assert (
        "5 \\&lt; 6 & 7 > 6" in markdown and "Tom \\&amp; Jerry" in markdown
    )  # shown literally, not re-decoded
