"""A JSON Lines file of comments is one thread; a JSON Lines file of pages is a dataset."""

import json
from pathlib import Path

import pytest

from thread_explorer.core.datasets import is_dataset
from thread_explorer.core.errors import InputError
from thread_explorer.core.load import load_thread


def write_lines(path: Path, records: list[dict[str, object]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_comment_lines_without_parents_are_a_thread_not_pages(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "comments.jsonl",
        [
            {"id": 1, "author": "a", "text": "first top-level"},
            {"id": 2, "author": "b", "text": "second top-level"},
            {"id": 3, "parent": 1, "author": "c", "text": "reply"},
        ],
    )
    assert not is_dataset(path)
    thread = load_thread(path)
    assert [c.author for c in thread.comments] == ["a", "b"]
    assert thread.comments[0].replies[0].text == "reply"


def test_page_lines_with_urls_are_a_dataset(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "pages.jsonl",
        [
            {"url": "https://example.org/1", "text": "page one", "timestamp": "2019-04-20"},
            {"url": "https://example.org/2", "text": "page two", "author": "site staff"},
        ],
    )
    assert is_dataset(path)


def test_a_dataset_whose_first_page_is_too_long_to_sniff_is_still_a_dataset(tmp_path: Path) -> None:
    """Its first line past what is sniffed (24 MiB) made it a list of comments: `line 1: a comment needs an id`
    (found by the newcomer's run, with a 70 MiB line). By its .jsonl name it is read as pages, whose reader
    gives the real answer: this page is read, a line past 64 MiB would be refused as too long."""
    from thread_explorer.cli import main

    path = tmp_path / "pages.jsonl"
    big = {"url": "u0", "text": "word " * (5 << 20)}  # 25 MiB of text
    small = {"url": "u1", "text": "In reply to Hello… by ann\nhi"}
    path.write_text(json.dumps(big) + "\n" + json.dumps(small) + "\n", encoding="utf-8")
    assert is_dataset(str(path))
    assert main(["stats", str(path)]) == 0
    assert not is_dataset(str(tmp_path / "missing.jsonl"))


def test_load_thread_of_a_dataset_says_it_is_many_threads(tmp_path: Path) -> None:
    """load_thread promises an error for a file of many threads; given a dataset it read the pages as the
    top-level comments of one JSON thread (and then, once streams of pages were refused, called the file a pipe)."""
    path = write_lines(
        tmp_path / "pages.jsonl",
        [{"url": f"https://example.org/{n}", "text": f"page {n}"} for n in range(3)],
    )
    with pytest.raises(
        InputError, match=r"pages.jsonl: a file of many threads \(dataset of pages \(JSON Lines"
    ):
        load_thread(path)
