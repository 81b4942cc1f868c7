"""Across every new format, real files and fixtures alike: each entry of each thread says why it hangs there."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import REALWORLD, ROOT

from thread_explorer.core.collection import Collection
from thread_explorer.core.load import open_input_as

FIXTURES = ROOT / "tests" / "fixtures" / "formats"
INPUTS = sorted((REALWORLD / "unsupported").iterdir()) + [
    FIXTURES / name
    for name in (
        "RC_sample.ndjson", "oasst_messages.jsonl", "convokit_corpus", "stackexchange/Posts.xml",
        "discourse_topic.json", "mastodon_context.json", "mastodon_status.json",
        "mastodon_status_and_context.json", "bluesky_thread.json",
    )
]  # fmt: skip
NEW = {
    "reddit-dump", "oasst", "oasst-parquet", "convokit", "convokit-corpus", "stackexchange", "discourse",
    "mastodon", "bluesky",
}  # fmt: skip


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_every_comment_and_stand_in_is_explained(path: Path) -> None:
    opened, name = open_input_as(str(path))
    assert name in NEW
    threads = (
        [opened.load(s.index) for s in opened.summaries()] if isinstance(opened, Collection) else [opened]
    )
    assert threads
    for thread in threads:
        for comment in thread.walk():
            assert comment.explanation, (thread.source, comment.id)
            assert (comment.parent is None) == (comment in thread.comments)
