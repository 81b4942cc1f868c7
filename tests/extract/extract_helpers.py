"""Small dataset shards for the extraction tests, and the threads a direct parse finds in them."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from paths import ROOT

from thread_explorer.core.datasets import page_of_record, page_thread
from thread_explorer.core.flatpage.generate import generate_page
from thread_explorer.core.formats.native import to_dict

FILLER = (
    "Council approves the new bus routes\n"
    "The city council voted on Tuesday to add three bus routes to the eastern districts.\n"
)
NEAR_MISS = (  # holds the substring but no thread: parsed, found to have none, not written
    "Letters\nIn reply to your letter of May, the mayor wrote that work starts in spring.\n"
)


def shard_records(seed: int, pages: int = 12) -> list[dict[str, Any]]:
    """Pages of one shard: fillers, a near miss, and a threaded page every fourth page (both marker positions)."""
    out: list[dict[str, Any]] = []
    for n in range(pages):
        if n % 4 == 1:
            text = generate_page(4 + n, seed=seed * 100 + n, markers=("before", "after")[n % 2])
            url = f"https://forum.example.org/{seed}/{n}"
        elif n == 2:
            text, url = NEAR_MISS, f"https://news.example.com/letters/{seed}"
        else:
            text, url = FILLER, f"https://news.example.com/{seed}/{n}"
        out.append({"text": text, "url": url, "id": f"doc-{seed}-{n}", "timestamp": "2019-04-25T12:57:54Z"})
    return out


def write_shard(path: Path, records: list[dict[str, Any]]) -> Path:
    """A gzip JSON Lines shard."""
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record) + "\n")
    return path


def expected_threads(name: str, records: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """Page number -> thread-explorer/1 document, for every page a direct parse finds a thread on."""
    found = {}
    for n, record in enumerate(records):
        thread = page_thread(page_of_record(record, n), source=f"{name}#{n}")
        stats = thread.stats()
        if stats["replies"] or stats["placeholders"]:
            found[n] = to_dict(thread)
    return found


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command in a fresh interpreter (stderr is a pipe: no progress bar)."""
    return subprocess.run(
        [sys.executable, "-m", "thread_explorer", *args],
        capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=ROOT, check=False,
    )  # fmt: skip
