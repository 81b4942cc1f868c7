"""OpenAssistant (oasst1/oasst2): flat messages, nested trees, tree exports and Parquet as lists of trees."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from paths import REALWORLD, ROOT

from thread_explorer.core.collection import Collection
from thread_explorer.core.errors import InputError
from thread_explorer.core.load import open_input, open_input_as
from thread_explorer.core.model import Attach, Kind, Thread

FIXTURE = ROOT / "tests" / "fixtures" / "formats" / "oasst_messages.jsonl"
REAL = REALWORLD / "unsupported"
FIRST_TREE = "054e1df3-35e0-4bb8-a585-607dbdcd24e0"


def _trees(path: Path) -> Collection:
    opened, name = open_input_as(str(path))
    assert isinstance(opened, Collection), name
    return opened


@pytest.mark.parametrize(
    "name", ["oasst_en_100_message.jsonl", "oasst_en_100_tree.jsonl", "derived_oasst_flat_messages.jsonl"]
)
def test_real_files_are_100_trees_of_1167_messages(name: str) -> None:
    trees = _trees(REAL / name)
    summaries = list(trees.summaries())
    assert len(summaries) == 100
    assert sum(s.comments for s in summaries) == 1167 and sum(s.replies for s in summaries) == 1067
    assert sum(s.placeholders for s in summaries) == 0
    assert (
        summaries[0].id == FIRST_TREE
        and summaries[0].title == "How can I find the best 401k plan for my needs?"
    )
    first = trees.load(0)
    (prompt,) = first.comments
    assert (prompt.id, prompt.author) == (FIRST_TREE, "prompter")
    assert [c.author for c in prompt.replies] == ["assistant"] * 3
    assert [c.meta["rank"] for c in prompt.replies] == [0, 1, 2]
    assert all(c.attached_by == Attach.ID for c in prompt.replies)


def test_real_single_tree_is_one_thread() -> None:
    thread = open_input(str(REAL / "derived_oasst_one_message_tree.json"))
    assert isinstance(thread, Thread) and thread.format == "oasst"
    (prompt,) = thread.comments
    assert prompt.id == FIRST_TREE and len(prompt.replies) == 3 and thread.stats()["comments"] == 4


def test_flat_messages_link_by_parent_id_with_a_placeholder_for_a_missing_prompt() -> None:
    trees = _trees(FIXTURE)
    first, second = trees.load(0), trees.load(1)
    (prompt,) = first.comments
    assert [(c.id, c.author, c.depth) for c in prompt.walk()] == [
        ("m1", "prompter", 0), ("m2", "assistant", 1), ("m4", "prompter", 2), ("m3", "assistant", 1),
    ]  # fmt: skip
    assert prompt.meta["markup"] == "markdown" and prompt.text == "Explain **recursion**."
    assert prompt.time == 1675591200.0 and prompt.meta["user_id"] == "u1"
    assert prompt.replies[1].meta["deleted"] is True  # kept, and said so
    (holder,) = second.comments
    assert holder.kind == Kind.PLACEHOLDER and [c.id for c in holder.replies] == ["n2"]


def test_parquet_split_reads_like_the_json_lines(tmp_path: Path) -> None:
    rows = [json.loads(line) for line in FIXTURE.read_text().splitlines()]
    for row in rows:
        row.pop("emojis"), row.pop("labels"), row.pop("detoxify")
    split = tmp_path / "train.parquet"
    pq.write_table(pa.Table.from_pylist(rows), split)
    opened, name = open_input_as(str(split))
    assert name == "oasst-parquet" and isinstance(opened, Collection)
    assert [(s.comments, s.replies, s.placeholders) for s in opened.summaries()] == [(4, 3, 0), (1, 1, 1)]


def test_a_message_without_id_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"message_id": "a", "parent_id": null, "role": "prompter", "text": "x", "replies": [{"role": "assistant"}]}\n'
    )
    with pytest.raises(InputError, match="needs a message_id"):
        open_input(str(bad))
