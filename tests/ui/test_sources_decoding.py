"""The detail pane shows structured sources' text as the reader decoded it, once: Reddit's entities are not
decoded a second time, and a Hacker News code block keeps its lines and indentation."""

from __future__ import annotations

import io

from paths import FIXTURES
from rich.console import Console

from thread_explorer.core.load import load_thread
from thread_explorer.ui.widgets.detail import DetailOptions, comment_detail


def shown(renderable: object) -> str:
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def test_reddit_entities_show_decoded_once_in_the_detail_pane() -> None:
    thread = load_thread(str(FIXTURES / "reddit_escaped.json"))
    assert "5 &lt; 6 & 7 > 6" in shown(comment_detail(thread.comments[0], options=DetailOptions(now=0.0)))


def test_hn_code_keeps_its_lines_and_indentation_in_the_detail_pane() -> None:
    thread = load_thread(str(FIXTURES / "hn_items.json"))
    comment = thread.find("39500250")
    assert comment is not None
    lines = shown(comment_detail(comment, options=DetailOptions(now=0.0))).splitlines()
    assert "    PRAGMA journal_mode=WAL;" in lines and "    PRAGMA synchronous=NORMAL;" in lines
