"""A JSON Lines file of comments is one thread; a JSON Lines file of pages is a dataset."""

import json
from pathlib import Path

from thread_explorer.core.datasets import is_dataset
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
