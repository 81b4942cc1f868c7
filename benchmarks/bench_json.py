"""Native JSON (`thread-explorer/1`) read and export against a floor measured in the same run.

Run: python benchmarks/bench_json.py [--sizes 10000,100000,1000000] [--repeat 3]

For each size a generated thread (`generate_thread`, as the flat-page reader hands it over) is written once as
native JSON. Then, alternating so that a loaded machine slows both alike, `--repeat` times each:

- floor: a fresh interpreter that reads the file, `json.loads` it and writes `json.dumps(doc, ensure_ascii=False)`
  (the standard library's C encoder: one call, no indentation, nothing checked);
- ours: `thread-explorer export FILE -o OUT` in a fresh interpreter (detection, decoding, `from_dict` with its
  checks, the export streamed; the collector policy and the exit without teardown included).

It prints the medians of wall seconds and of peak RSS (/usr/bin/time's %M), the ratio to the floor, the cost
per comment, and whether the export re-created the input byte for byte. In-process phases (read, export) are
printed for one run as well. `PYTHONPATH=/path/to/other/checkout` measures another version of the code.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from thread_explorer.core.export import export_thread
from thread_explorer.core.flatpage.generate import generate_thread

FLOOR = (
    "import json, sys\n"
    "source, target = sys.argv[1:3]\n"
    "with open(source, encoding='utf-8') as handle:\n"
    "    doc = json.loads(handle.read())\n"
    "with open(target, 'w', encoding='utf-8') as handle:\n"
    "    handle.write(json.dumps(doc, ensure_ascii=False))\n"
)
PHASES = (
    "import sys, time\n"
    "from thread_explorer.core.load import open_input\n"
    "from thread_explorer.core.export import export_thread\n"
    "start = time.perf_counter()\n"
    "thread = open_input(sys.argv[1])\n"
    "read = time.perf_counter()\n"
    "text = export_thread(thread, 'json')\n"
    "print(f'{read - start:.3f} {time.perf_counter() - read:.3f}')\n"
)


def child_rss(args: list[str]) -> tuple[float, float, str]:
    """Run a fresh interpreter under /usr/bin/time; wall seconds, its peak RSS in MiB, and its stdout.

    (The rusage of a child forked from this process would count this process's own size: Linux keeps the
    high-water mark across exec.)"""
    with tempfile.NamedTemporaryFile("r") as report:
        start = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", report.name, sys.executable, *args],
            capture_output=True,
            check=False,
            cwd=tempfile.gettempdir(),  # not the checkout: `-m` puts the working directory first on sys.path
        )
        wall = time.perf_counter() - start
        if done.returncode:
            raise SystemExit(f"{args}: exit {done.returncode}: {done.stderr.decode(errors='replace')[-500:]}")
        rss = int(report.read().split()[-1]) / 1024
    return wall, rss, done.stdout.decode()


def measure(size: int, repeat: int, folder: str) -> dict[str, float | str]:
    """The figures for one size."""
    thread = generate_thread(size, seed=1)
    source = os.path.join(folder, f"native-{size}.json")
    target = os.path.join(folder, f"out-{size}.json")
    with open(source, "w", encoding="utf-8") as handle:
        handle.write(export_thread(thread, "json"))
    del thread
    mb = os.path.getsize(source) / 1e6
    floors, ours, floor_rss, our_rss = [], [], [], []
    for _ in range(repeat):
        wall, rss, _ = child_rss(["-c", FLOOR, source, os.path.join(folder, "floor.json")])
        floors.append(wall)
        floor_rss.append(rss)
        wall, rss, _ = child_rss(["-m", "thread_explorer", "export", source, "-o", target])
        ours.append(wall)
        our_rss.append(rss)
    with open(source, "rb") as a, open(target, "rb") as b:
        same = a.read() == b.read()
    _, _, phases = child_rss(["-c", PHASES, source])
    read, export = (float(x) for x in phases.split())
    floor, our = statistics.median(floors), statistics.median(ours)
    ratios = [o / f for o, f in zip(ours, floors)]
    for path in (source, target, os.path.join(folder, "floor.json")):
        os.remove(path)
    return {
        "size": size,
        "mb": mb,
        "floor": floor,
        "ours": our,
        "ratio": statistics.median(ratios),
        "us": our / size * 1e6,
        "floor_rss": statistics.median(floor_rss),
        "rss": statistics.median(our_rss),
        "read": read,
        "export": export,
        "same": "yes" if same else "NO",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'comments':>10} {'MB':>7} {'floor s':>8} {'ours s':>8} {'ratio':>6} {'µs/comment':>10} "
          f"{'floor MiB':>9} {'ours MiB':>9} {'RSS/file':>8} {'read s':>7} {'export s':>8} identical")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            f = measure(size, args.repeat, folder)
            print(
                f"{f['size']:>10,} {f['mb']:>7.1f} {f['floor']:>8.2f} {f['ours']:>8.2f} {f['ratio']:>5.1f}x "
                f"{f['us']:>10.1f} {f['floor_rss']:>9.0f} {f['rss']:>9.0f} "
                f"{float(f['rss']) * 1.048576 / float(f['mb']):>7.1f}x {f['read']:>7.2f} {f['export']:>8.2f} "
                f"{f['same']}",
                flush=True,
            )
    print(
        "\nfloor: a fresh interpreter's json.loads + json.dumps (C encoder, compact) of the same file; ratio:"
    )
    print(
        "median over the runs of ours/floor, each pair run back to back. RSS/file: our peak RSS over the size."
    )


if __name__ == "__main__":
    main()
