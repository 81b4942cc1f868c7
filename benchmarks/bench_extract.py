"""Corpus extraction: pages/s of `thread-explorer extract` with --jobs 1 and --jobs 2 on generated gzip JSON Lines
shards, their ratio, and one job against a floor measured in the same run.

Run: python benchmarks/bench_extract.py [--shards 4] [--pages 10000] [--share 0.03] [--repeat 3]
The shards are C4-shaped (`text`, `timestamp`, `url`; bench_scan's generator): filler articles, and a `--share`
of pages carrying a generated comment thread (5-120 comments, markers before or after, some missing parents).
The floor is what any extractor must pay: read every shard, decode each JSON line and test its text for
`In reply to ` (the project's own reader, one process). Each figure is the median of --repeat interleaved runs,
outputs removed between runs. The machine may be shared, so the script prints the load average, the cores each
run really got (CPU time / wall time), and the floor on 2 processes: the speedup the machine gave right then.
Targets (issue 14): jobs 2 >= 1.7x jobs 1 on 2 cores; one job >= half the floor.
"""

from __future__ import annotations

import argparse
import gzip
import multiprocessing
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_scan import write_dataset
from startup import compile_package

from thread_explorer.cli import main as cli_main
from thread_explorer.core.datasets.records import record_text, records
from thread_explorer.core.flatpage.writer import MARKER_PREFIX
from thread_explorer.extract import ShardJob, extract_shard, thread_of

NAMES = {
    "floor": "floor (read, decode JSON, substring test)",
    "floor2": "floor on 2 processes",
    "one": "extract --jobs 1",
    "two": "extract --jobs 2",
}


def floor(shards: list[str]) -> tuple[int, int]:
    """Read every shard, decode JSON, substring test: (pages, pages with the marker)."""
    pages = hits = 0
    for shard in shards:
        for _, record, _ in records(shard):
            pages += 1
            hits += MARKER_PREFIX in (record_text(record) or "")
    return pages, hits


def parse_only(shards: list[str]) -> float:
    """CPU seconds spent in thread_of on the pages with the marker alone (what the floor does not pay)."""
    texts = [r for s in shards for _, r, _ in records(s) if MARKER_PREFIX in (record_text(r) or "")]
    start = time.process_time()
    for record in texts:
        thread_of(record)
    return time.process_time() - start


def memory(shard: str, outdir: str) -> tuple[int, int, int]:
    """Peak Python allocations while one job extracts one shard, its largest line and its JSON Lines size."""
    with gzip.open(shard, "rb") as handle:
        sizes = [len(line) for line in handle]
    os.makedirs(outdir, exist_ok=True)
    tracemalloc.start()
    extract_shard(ShardJob(shard, outdir))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak, max(sizes), sum(sizes)


def extract(shards: list[str], outdir: str, jobs: int) -> None:
    shutil.rmtree(outdir, ignore_errors=True)
    saved = sys.stderr
    with open(os.devnull, "w") as devnull:
        sys.stderr = devnull  # the summary line; no bar (not a terminal)
        try:
            status = cli_main(["extract", *shards, "-o", outdir, "--jobs", str(jobs)])
        finally:
            sys.stderr = saved
    if status != 0:
        raise SystemExit(f"extract failed with status {status}")


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the worker processes)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall seconds of one run, and CPU seconds / wall seconds: the cores it really got (on a shared machine,
    fewer than the jobs asked for)."""
    start, cpu = time.perf_counter(), cpu_seconds()
    run()
    wall = time.perf_counter() - start
    return wall, (cpu_seconds() - cpu) / wall


def floor_shard(shard: str) -> tuple[int, int]:
    return floor([shard])


def floor_parallel(shards: list[str], jobs: int) -> None:
    """The floor on `jobs` spawned processes, a shard each at a time: what parallelism the machine gives now."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        list(pool.map(floor_shard, shards))


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--pages", type=int, default=10_000, help="pages per shard")
    parser.add_argument("--share", type=float, default=0.03, help="share of pages with a thread")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    compile_package()  # fresh processes start as an installed copy does (see startup.py)

    tmp = tempfile.mkdtemp(prefix="bench-extract-")
    try:
        shards = [os.path.join(tmp, f"c4-{n:05d}.json.gz") for n in range(args.shards)]
        threaded = round(args.pages * args.share)
        t0 = time.perf_counter()
        for n, shard in enumerate(shards):
            write_dataset(shard, args.pages, threaded, args.seed + 1000 * n, True)
        size = sum(os.path.getsize(s) for s in shards)
        total = args.shards * args.pages
        print(
            f"shards: {args.shards} x {args.pages:,} pages ({threaded} threaded each, {args.share:.0%}), "
            f"{size / 1e6:.1f} MB gzip, made in {time.perf_counter() - t0:.1f} s"
        )
        print(f"before: {load()}")
        out = os.path.join(tmp, "out")
        pages, hits = floor(shards)
        assert pages == total and hits == threaded * args.shards, (pages, hits)
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in NAMES}
        for _ in range(args.repeat):  # interleaved, so a change of load hits every figure alike
            runs["floor"].append(timed(lambda: floor(shards)))
            runs["floor2"].append(timed(lambda: floor_parallel(shards, 2)))
            runs["one"].append(timed(lambda: extract(shards, out, 1)))
            runs["two"].append(timed(lambda: extract(shards, out, 2)))
        found = 0
        for name in os.listdir(out):
            with open(os.path.join(out, name), encoding="utf-8") as handle:
                found += sum(1 for _ in handle)
        wall = {name: statistics.median(w for w, _ in runs[name]) for name in NAMES}
        cores = {name: statistics.median(c for _, c in runs[name]) for name in NAMES}
        parse_s = parse_only(shards)
        peak, largest, raw = memory(shards[0], os.path.join(tmp, "mem"))
        print(f"after:  {load()}")
        for name, label in NAMES.items():
            print(
                f"{label:46} {total / wall[name]:9,.0f} pages/s  {wall[name]:6.2f} s  "
                f"{cores[name]:.2f} cores busy  {total / (wall[name] * cores[name]):9,.0f} pages per CPU second"
            )
        print(f"threads written: {found} of {hits} pages with the marker (medians of {args.repeat} runs)")
        speedup, machine = wall["one"] / wall["two"], wall["floor"] / wall["floor2"]
        print(
            f"jobs 2 / jobs 1: {speedup:.2f}x (target >= 1.7x on 2 cores); the floor on 2 processes got "
            f"{machine:.2f}x in the same run, so extract reached {speedup / machine:.0%} of what the machine gave"
        )
        per_cpu = (wall["one"] * cores["one"]) / (wall["two"] * cores["two"])
        print(
            f"pages per CPU second, jobs 2 / jobs 1: {per_cpu:.2f} (1.00: the second process costs nothing extra, "
            "so on 2 free cores jobs 2 would run about twice as fast)"
        )
        print(f"jobs 1 / floor: {wall['floor'] / wall['one']:.2f} (target >= 0.5)")
        one_cpu = wall["one"] * cores["one"]
        print(
            f"of the one-job CPU time ({one_cpu:.2f} s), parsing the {hits} threaded pages takes {parse_s:.2f} s "
            f"({parse_s / one_cpu:.0%}; {parse_s / hits * 1000:.1f} ms of CPU a page), the floor "
            f"{wall['floor'] * cores['floor'] / one_cpu:.0%}"
        )
        print(
            f"memory of one job (tracemalloc peak over one shard): {peak / 1e6:.1f} MB; the shard holds "
            f"{raw / 1e6:.1f} MB of JSON Lines, its largest page {largest / 1e6:.2f} MB"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
