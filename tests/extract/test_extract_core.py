"""The library side: threads_of is a pure, picklable flat-map; a shard job writes atomically, so a failure part
way through leaves neither an output nor a partial file; any reply depth is written as one JSON line."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path
from typing import Any

import pytest
from extract_helpers import FILLER, NEAR_MISS, shard_records, write_shard

from thread_explorer.core.datasets import page_of_record, page_thread
from thread_explorer.core.errors import InputError
from thread_explorer.core.flatpage.generate import generate_page
from thread_explorer.core.formats.native import to_dict
from thread_explorer.core.jsonio import loads_raw
from thread_explorer.extract import ShardJob, extract_shard, run_jobs, shard, threads_of
from thread_explorer.extract.outputs import json_line


def test_threads_of_gives_the_page_record_of_a_threaded_page_and_nothing_for_others() -> None:
    page = {"text": generate_page(6, seed=3), "url": "https://forum.example.org/9", "id": "d9"}
    [found] = threads_of(page, source="s.jsonl", page=9)
    assert {k: found[k] for k in ("source", "page", "url", "id")} == {
        "source": "s.jsonl", "page": 9, "url": "https://forum.example.org/9", "id": "d9",
    }  # fmt: skip
    assert found["thread"] == to_dict(page_thread(page_of_record(page, 9), source="s.jsonl#9"))
    assert found["thread"]["meta"]["page"] == 9 and found["thread"]["comments"]
    assert threads_of({"text": FILLER}) == []
    assert threads_of({"text": NEAR_MISS}) == []  # the marker substring, but no thread
    assert threads_of({"url": "https://x.example/"}) == []  # no text at all


def test_threads_of_is_picklable_and_keeps_no_state_between_calls() -> None:
    again = pickle.loads(pickle.dumps(threads_of))
    pages = [{"text": generate_page(5, seed=s), "url": f"u{s}"} for s in range(3)]
    first = [again(p) for p in pages]
    assert [threads_of(p) for p in reversed(pages)] == list(reversed(first))
    assert all(len(result) == 1 for result in first)


def test_a_failure_part_way_leaves_no_output_and_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_shard(tmp_path / "s.jsonl.gz", shard_records(1, pages=20))
    out = tmp_path / "out"
    out.mkdir()
    real = shard.thread_of
    calls = []

    def failing(record: dict[str, Any], **options: Any) -> Any:
        calls.append(1)
        if len(calls) == 4:  # the fourth page with the marker (of six)
            raise InputError("disk went away")
        return real(record, **options)

    monkeypatch.setattr(shard, "thread_of", failing)
    result = extract_shard(ShardJob(str(path), str(out)))
    assert result.status == "failed" and result.error == "disk went away"
    assert os.listdir(out) == []
    monkeypatch.setattr(shard, "thread_of", real)
    assert extract_shard(ShardJob(str(path), str(out))).status == "done"
    assert os.listdir(out) == ["s.jsonl.gz.threads.jsonl"]
    assert extract_shard(ShardJob(str(path), str(out))).status == "skipped"


def test_run_jobs_reports_progress_and_every_result_in_order(tmp_path: Path) -> None:
    paths = [write_shard(tmp_path / f"p{n}.jsonl.gz", shard_records(n)) for n in range(2)]
    seen: list[tuple[int, int]] = []
    results = run_jobs(
        [ShardJob(str(p), str(tmp_path)) for p in paths], 1, progress=lambda *c: seen.append(c)
    )
    assert [r.shard for r in results] == [str(p) for p in paths]
    assert [(r.status, r.pages, r.threads) for r in results] == [("done", 12, 3)] * 2
    assert tuple(map(sum, zip(*seen))) == (24, 6)


def test_a_reply_chain_too_deep_for_json_dumps_is_still_one_line() -> None:
    node: dict[str, Any] = {"id": "c0", "replies": []}
    top = node
    for n in range(1, 3000):
        child: dict[str, Any] = {"id": f"c{n}", "replies": []}
        node["replies"].append(child)
        node = child
    line = json_line({"source": "s", "thread": {"comments": [top]}})
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert loads_raw(line.decode())["thread"]["comments"][0]["id"] == "c0"
    assert json.loads(json_line({"text": "a\nb"})) == {"text": "a\nb"}


def test_a_lone_surrogate_in_a_page_still_makes_a_valid_utf8_line() -> None:
    line = json_line({"text": "broken \ud800 half", "author": "é"})
    line.decode("utf-8")  # valid UTF-8, whatever the input held
    assert json.loads(line) == {"text": "broken \ud800 half", "author": "é"}


def test_a_page_record_reads_back_the_same_with_or_without_orjson(monkeypatch: pytest.MonkeyPatch) -> None:
    page = {"text": generate_page(12, seed=5, missing=0.2), "url": "https://forum.example.org/5"}
    [record] = threads_of(page, source="s.jsonl", page=5)
    record["thread"]["meta"]["score"] = 1.5e16  # a float the two writers spell differently
    fast = json_line(record)
    monkeypatch.setattr("thread_explorer.core.jsonio.FAST", False)
    slow = json_line(record)
    assert fast.count(b"\n") == slow.count(b"\n") == 1
    assert json.loads(fast) == json.loads(slow) == json.loads(json.dumps(record))
