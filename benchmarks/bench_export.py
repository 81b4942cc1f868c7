"""`thread-explorer export --format json` on big generated flat pages, against a floor measured in the same run.

The floor is one Python pass that reads the page, splits it into lines and regex-matches the markers; the
export runs as the real command in a fresh interpreter (so its start-up counts, as a user would see it).
Prints, per size: page size, floor, export time, the ratio, cost per comment, and the export's peak memory
against the file size. Medians of --repeat runs.

Run: python benchmarks/bench_export.py [--sizes 10000,100000,1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from startup import compile_package

from thread_explorer.core.flatpage.generate import make_case

MARKER = re.compile(r"^\s*In reply to (.{1,70}) by (.{1,60})$")


def floor(path: Path) -> float:
    """Seconds for the least any reader must do: read, split lines, match the markers."""
    started = time.perf_counter()
    text = path.read_text(encoding="utf-8")
    found = 0
    for line in text.split("\n"):
        if line.startswith("In reply to ") and MARKER.match(line):
            found += 1
    return time.perf_counter() - started


class Refused(Exception):
    """The export refused the page (exit 2: one line on stderr, e.g. past the input limit)."""


def export(path: Path, out: Path) -> tuple[float, int]:
    """Seconds and peak resident memory (bytes) of the real export command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "thread_explorer", "export", str(path), "-f", "json", "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise Refused(
            done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"
        )
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) * 1024  # ru_maxrss is in KiB on Linux (the largest child so far)


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    compile_package()  # fresh processes start as an installed copy does (see startup.py)
    print(
        f"{'comments':>10} {'MB':>7} {'floor s':>8} {'export s':>9} {'x floor':>8} {'us/comment':>11} {'peak/file':>10}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            page = Path(tmp) / f"page_{size}.txt"
            page.write_text(make_case(size, seed=1).text, encoding="utf-8")
            mb = os.path.getsize(page) / 1e6
            floors, exports, peaks = [], [], []
            try:
                for _ in range(args.repeat):
                    floors.append(floor(page))
                    seconds, peak = export(page, Path(tmp) / "out.json")
                    exports.append(seconds)
                    peaks.append(peak)
            except Refused as refused:
                print(f"{size:10,d} {mb:7.1f} {floors[-1]:8.2f}  refused: {refused}")
                continue
            f, e = statistics.median(floors), statistics.median(exports)
            print(
                f"{size:10,d} {mb:7.1f} {f:8.2f} {e:9.2f} {e / f:8.1f} {e / size * 1e6:11.1f} "
                f"{max(peaks) / os.path.getsize(page):10.1f}"
            )


if __name__ == "__main__":
    main()
