"""The datatrove step: a real LocalPipelineExecutor (tasks=2) between datatrove's JSONL reader and writer, on
shards in tmp_path, finds the same threads as `thread-explorer extract`; an option keeps pages without one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from extract_helpers import read_jsonl, shard_records, write_shard

from thread_explorer.cli import main

pytest.importorskip("datatrove")
pytest.importorskip("orjson")
from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from thread_explorer.integrations.datatrove import ThreadExtractor


def pipeline_output(shards: Path, out: Path, **options: Any) -> list[dict[str, Any]]:
    executor = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(shards)),
            ThreadExtractor(**options),
            JsonlWriter(str(out), compression=None),
        ],
        tasks=2,
        logging_dir=str(out.parent / f"{out.name}-logs"),
    )
    executor.run()
    return [doc for path in sorted(out.glob("*.jsonl")) for doc in read_jsonl(path)]


def test_the_pipeline_finds_the_same_threads_as_extract(tmp_path: Path) -> None:
    shards = tmp_path / "shards"
    shards.mkdir()
    paths = [write_shard(shards / f"part-{n}.jsonl.gz", shard_records(n)) for n in range(2)]
    docs = pipeline_output(shards, tmp_path / "threads")
    assert main(["extract", *map(str, paths), "-o", str(tmp_path / "extract"), "-j", "1"]) == 0
    extracted = [
        line for path in paths for line in read_jsonl(tmp_path / "extract" / f"{path.name}.threads.jsonl")
    ]
    assert len(docs) == len(extracted) == 6
    by_id = {doc["id"]: doc for doc in docs}
    assert set(by_id) == {line["id"] for line in extracted}
    for line in extracted:
        got = by_id[line["id"]]["metadata"]["thread"]
        want = line["thread"]
        assert got["comments"] == want["comments"] and got["article"] == want["article"]
        assert got["marker_position"] == want["marker_position"]
        assert by_id[line["id"]]["metadata"]["url"] == line["url"]


def test_keep_unthreaded_forwards_every_page_and_counts_what_it_found() -> None:
    docs = [Document(text=r["text"], id=r["id"], metadata={"url": r["url"]}) for r in shard_records(0)]
    step = ThreadExtractor(keep_unthreaded=True)
    forwarded = list(step.run(iter(docs)))
    assert len(forwarded) == 12
    threaded = [d for d in forwarded if d.metadata["thread"] is not None]
    assert [d.id for d in threaded] == ["doc-0-1", "doc-0-5", "doc-0-9"]
    assert all(d.metadata["thread"]["schema"] == "thread-explorer/1" for d in threaded)
    assert step.stats["threads"].total == 3 and step.stats["dropped"].total == 0
    dropping = ThreadExtractor()
    assert [d.id for d in dropping.run(iter(docs))] == ["doc-0-1", "doc-0-5", "doc-0-9"]
    assert dropping.stats["dropped"].total == 9
