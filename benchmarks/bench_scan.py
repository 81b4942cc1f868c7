"""Streaming scan of a generated web-text dataset: pages/s against a floor measured in the same run, MB/s, time
to first result and peak memory.

Run: python benchmarks/bench_scan.py [--pages 10000] [--threads 300] [--repeat 3] [--plain] [--keep PATH] [--no-bar]
The file is C4-shaped JSON Lines (`text`, `timestamp`, `url`), gzip-compressed unless --plain: most pages are
filler articles, `--threads` of them (3% by default) carry a generated comment thread (markers before or after
the bodies, some with missing parents). The floor is one Python pass that decompresses the file, `json.loads`
every line and tests its text for "In reply to " (target: the scan at least half the floor's pages/s). Floor
and scan alternate `--repeat` times (medians; the ratio is the median of the pairs), then the scan's time is
split into parsing the threaded pages (`parse_text`, the flat-page reader) and the rest. The scan runs once
more under tracemalloc for the peak of Python allocations. --keep writes the file to PATH to try it in the app.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc

from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

from thread_explorer.core import datasets
from thread_explorer.core.flatpage import parse_text
from thread_explorer.core.flatpage.generate import generate_page, sentence

MARKER = "In reply to "


def filler(rng: random.Random) -> str:
    """An article page without comments: a title line and a few paragraphs."""
    title = sentence(rng).rstrip(".?!")
    paragraphs = [
        " ".join(sentence(rng) for _ in range(rng.randint(2, 6))) for _ in range(rng.randint(3, 12))
    ]
    return "\n".join([title, *paragraphs])


def write_dataset(path: str, pages: int, threads: int, seed: int, compress: bool) -> set[int]:
    """Write the file; return the page numbers that carry a thread."""
    rng = random.Random(seed)
    with_threads = set(rng.sample(range(pages), threads))
    opener = gzip.open if compress else open
    with opener(path, "wt", encoding="utf-8") as out:  # type: ignore[operator]
        for n in range(pages):
            if n in with_threads:
                text = generate_page(
                    rng.randint(5, 120),
                    seed=seed + n,
                    markers=rng.choice(("before", "after")),
                    missing=rng.choice((0.0, 0.0, 0.1)),
                )
                host = "forum.example.org/node"
            else:
                text = filler(rng)
                host = "news.example.com/story"
            stamp = f"2019-04-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:00Z"
            out.write(json.dumps({"text": text, "timestamp": stamp, "url": f"https://{host}/{n}"}) + "\n")
    return with_threads


def floor_pass(path: str) -> tuple[int, float]:
    """The floor: decompress, json.loads each line, test its text for the marker; (pages with it, seconds)."""
    start = time.perf_counter()
    found = 0
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as handle:
        for line in handle:
            if MARKER in json.loads(line)["text"]:
                found += 1
    return found, time.perf_counter() - start


def parse_share(path: str) -> tuple[int, float]:
    """Seconds parse_text takes on the pages with the marker, as the scan parses them (their count too)."""
    pages = [page for page in datasets.iter_pages(path) if MARKER in page.text]
    start = time.perf_counter()
    for page in pages:
        parse_text(page.text, source=page.label).stats()
    return len(pages), time.perf_counter() - start


def timed_scan(path: str, bar: bool) -> tuple[list[datasets.PageSummary], float, float]:
    """Scan once; return the results, total seconds and seconds to the first result."""
    start = time.perf_counter()
    first = 0.0
    results: list[datasets.PageSummary] = []
    columns = (
        TextColumn("scanning"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, disable=not bar, transient=False) as progress:
        task = progress.add_task("scan", total=os.path.getsize(path))
        for summary in datasets.scan(
            path, progress=lambda done, total: progress.update(task, completed=done)
        ):
            if not results:
                first = time.perf_counter() - start
            results.append(summary)
    return results, time.perf_counter() - start, first


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--threads", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="floor and scan runs (medians)")
    parser.add_argument("--plain", action="store_true", help="write .jsonl instead of .json.gz")
    parser.add_argument("--keep", metavar="PATH", help="write the dataset here and keep it")
    parser.add_argument("--no-bar", action="store_true", help="no progress bar")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory()
    path = args.keep or os.path.join(tmp.name, "pages.jsonl" if args.plain else "pages.json.gz")
    t0 = time.perf_counter()
    expected = write_dataset(path, args.pages, args.threads, args.seed, not args.plain)
    made = time.perf_counter() - t0
    size = os.path.getsize(path)
    raw_size = size
    if not args.plain:
        with gzip.open(path, "rb") as handle:
            raw_size = sum(len(chunk) for chunk in iter(lambda: handle.read(1 << 20), b""))
    print(
        f"dataset: {path}: {args.pages} pages, {args.threads} with threads, {size / 1e6:.1f} MB on disk, "
        f"{raw_size / 1e6:.1f} MB of JSON Lines (written in {made:.1f} s)"
    )
    print(f"is_dataset: {datasets.is_dataset(path)}")

    floors: list[float] = []
    scans: list[float] = []
    firsts: list[float] = []
    results: list[datasets.PageSummary] = []
    for number in range(args.repeat):
        floor_found, floor_seconds = floor_pass(path)
        floors.append(floor_seconds)
        results, seconds, first = timed_scan(path, not args.no_bar and number == 0)
        scans.append(seconds)
        firsts.append(first)
    seconds, first, floor_seconds = (
        statistics.median(scans),
        statistics.median(firsts),
        statistics.median(floors),
    )
    share = statistics.median(f / s for f, s in zip(floors, scans))
    found = {s.index for s in results}
    print(
        f"scan: {len(results)} pages with reply markers found (expected {len(expected)}, "
        f"{'all found' if found == expected else f'{len(expected - found)} missed, {len(found - expected)} extra'})"
    )
    print(
        f"      {seconds:.2f} s, {args.pages / seconds:,.0f} pages/s, {size / 1e6 / seconds:.1f} MB/s on disk, "
        f"{raw_size / 1e6 / seconds:.1f} MB/s of JSON; first result after {first * 1000:.0f} ms"
    )
    print(
        f"floor (gzip + json.loads + substring test, {floor_found} pages with the marker): {floor_seconds:.2f} s, "
        f"{args.pages / floor_seconds:,.0f} pages/s"
    )
    print(
        f"scan / floor pages per second: {share:.2f} (median of {args.repeat} pairs; target at least 0.5): "
        + ("target met" if share >= 0.5 else "TARGET MISSED")
    )
    parsed, parsing = parse_share(path)
    print(
        f"      of the scan's {seconds:.2f} s, parse_text on the {parsed} pages with the marker takes {parsing:.2f} s "
        f"({parsing / seconds:.0%}); the rest (reading, the raw marker test, summaries) {seconds - parsing:.2f} s, "
        f"{args.pages / max(seconds - parsing, 1e-9):,.0f} pages/s ({floor_seconds / max(seconds - parsing, 1e-9):.2f}"
        " of the floor's rate)"
    )

    t0 = time.perf_counter()
    read_only = sum(1 for _ in datasets.iter_pages(path))
    reading = time.perf_counter() - t0
    print(
        f"read only (iter_pages, no parsing): {read_only} pages in {reading:.2f} s, "
        f"{read_only / reading:,.0f} pages/s, {raw_size / 1e6 / reading:.0f} MB/s of JSON; the rest of the scan "
        f"time is parse_text on the pages with markers"
    )

    tracemalloc.start()
    count = sum(1 for _ in datasets.scan(path))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform != "darwin" else 1 << 20)
    print(
        f"memory: peak Python allocations during a scan {peak / 1e6:.1f} MB ({count} results); "
        f"process max RSS {rss:.0f} MB"
    )

    page = min(expected)
    t0 = time.perf_counter()
    thread = datasets.load_page(path, page)
    first_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    datasets.load_page(path, args.pages - 1)
    last_ms = (time.perf_counter() - t0) * 1000
    print(
        f"load_page: page {page} ({thread.stats()['comments']} comments) in {first_ms:.0f} ms, "
        f"the last page ({args.pages - 1}) in {last_ms:.0f} ms"
    )
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
