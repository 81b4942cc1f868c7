"""Deep and wide threads in every format: read + JSON export of a 100,000-deep reply chain and of a story with
100,000 direct replies, each in a fresh interpreter. Target (issue 10): each under 2 s.

Run: python benchmarks/bench_chains.py [--n 100000] [--timeout 60] [--only NAME,...]

Inputs are written once per case: flat page text (`In reply to` markers, markers before bodies), native JSON
(`thread-explorer/1`), generic JSON (a list with parent ids), Reddit (nested Listings), Hacker News (API items)
and mbox (In-Reply-To). Each case runs `open_input` then the streamed JSON export to /dev/null in a child
process (killed after --timeout seconds: a reader that is not linear shows as "> T s"); read and export times
are printed apart. For scale, the floor line times json.loads + json.dumps of the wide native file in the same
run (json.loads cannot read the chain at all: too deep), so a loaded machine can be told from a slow reader.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

from startup import compile_package

from thread_explorer.core.export import export_thread
from thread_explorer.core.flatpage import render_flat
from thread_explorer.core.jsonio import dumps
from thread_explorer.core.model import Article, Comment, Thread

CHILD = (
    "import sys, time\n"
    "from thread_explorer.core.load import open_input_as\n"
    "try:\n"
    "    from thread_explorer.core.export import export_to\n"
    "except ImportError:  # older code: the joined export\n"
    "    from thread_explorer.core.export import export_thread\n"
    "    def export_to(thread, fmt, sink): sink.write(export_thread(thread, fmt).encode())\n"
    "start = time.perf_counter()\n"
    "thread, name = open_input_as(sys.argv[1])\n"
    "read = time.perf_counter()\n"
    "with open(__import__('os').devnull, 'wb') as sink:\n"
    "    export_to(thread, 'json', sink)\n"
    "done = time.perf_counter()\n"
    "count = sum(1 for _ in thread.walk())\n"
    "print(name, count, f'{read - start:.3f}', f'{done - read:.3f}')\n"
)
TARGET = 2.0


def model(n: int, deep: bool) -> Thread:
    """A chain n comments deep (deep) or one comment with n - 1 replies."""
    thread = Thread(source="bench", article=Article("An article about rivers and bridges."))
    root = Comment(id="c0", text="The first comment, about bridges.", author="ann")
    thread.comments.append(root)
    parent = root
    for i in range(1, n):
        child = Comment(id=f"c{i}", text=f"Reply number {i} says something new.", author=f"user{i % 97}")
        parent.add_reply(child)
        if deep:
            parent = child
    return thread


def generic(n: int, deep: bool) -> str:
    items = [{"id": 0, "author": "ann", "text": "The first comment."}]
    items += [
        {"id": i, "parent": i - 1 if deep else 0, "author": f"u{i % 97}", "text": f"Reply {i}."}
        for i in range(1, n)
    ]
    return json.dumps(items)


def reddit(n: int, deep: bool) -> str:
    def thing(i: int, replies: object) -> dict[str, object]:
        data = {"id": f"k{i}", "name": f"t1_k{i}", "author": f"u{i % 97}", "body": f"Reply {i}.", "score": 1,
                "created_utc": 1700000000 + i, "parent_id": f"t1_k{i - 1}" if deep and i else "t3_p", "replies": replies}  # fmt: skip
        return {"kind": "t1", "data": data}

    def listing(children: list[object]) -> dict[str, object]:
        return {"kind": "Listing", "data": {"children": children}}

    post = listing([{"kind": "t3", "data": {"id": "p", "name": "t3_p", "title": "Bridges", "author": "op",
                                            "selftext": "How were rivers crossed?", "created_utc": 1700000000}}])  # fmt: skip
    if deep:
        node: object = ""
        for i in range(n - 1, -1, -1):
            node = listing([thing(i, node)])
        comments = node
    else:
        comments = listing([thing(i, "") for i in range(n)])
    # json.dumps recurses: build the deep document's text by hand, innermost first
    return (
        json.dumps([post, comments])
        if not deep
        else "[" + json.dumps(post) + "," + _dump_deep(comments) + "]"
    )


def _dump_deep(value: object) -> str:
    """json.dumps of a very deep document without recursion."""
    return dumps(value, indent=0).replace("\n", "")


def hackernews(n: int, deep: bool) -> str:
    items: list[dict[str, object]] = [
        {"id": 1, "type": "story", "by": "op", "time": 1700000000, "title": "Bridges", "kids": [2] if deep else list(range(2, n + 2))}
    ]  # fmt: skip
    for i in range(2, n + 2):
        kids = [i + 1] if deep and i < n + 1 else []
        items.append({"id": i, "type": "comment", "by": f"u{i % 97}", "time": 1700000000 + i,
                      "parent": i - 1 if deep else 1, "text": f"Reply {i}.", "kids": kids})  # fmt: skip
    return json.dumps(items)


def mbox(n: int, deep: bool) -> str:
    parts = []
    for i in range(n):
        parent = (i - 1 if deep else 0) if i else None
        headers = [f"From u{i % 97}@example.org Mon Mar  4 09:12:01 2024", f"From: u{i % 97} <u{i % 97}@example.org>",
                   f"Subject: {'Re: ' if i else ''}Bridges", "Date: Mon, 04 Mar 2024 09:12:01 +0000",
                   f"Message-ID: <m{i}@example.org>"]  # fmt: skip
        if parent is not None:
            headers.append(f"In-Reply-To: <m{parent}@example.org>")
        parts.append("\n".join(headers) + f"\n\nMessage {i} of the thread.\n")
    return "\n".join(parts)


CASES: dict[str, Callable[[int, bool], str]] = {
    "flat text": lambda n, deep: render_flat(model(n, deep), markers="before"),
    "native JSON": lambda n, deep: export_thread(model(n, deep), "json"),
    "generic JSON": generic,
    "Reddit": reddit,
    "Hacker News": hackernews,
    "mbox": mbox,
}


def floor(path: str) -> float:
    """json.loads + json.dumps of the file (the native chain), in this process."""
    start = time.perf_counter()
    with open(path, encoding="utf-8") as handle:
        doc = json.loads(handle.read())
    json.dumps(doc, ensure_ascii=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--only", default="", help="comma-separated case names (default: all)")
    args = parser.parse_args()
    compile_package()  # fresh processes start as an installed copy does (see startup.py)
    wanted = [c.strip() for c in args.only.split(",") if c.strip()] or list(CASES)
    print(
        f"{'case':<28} {'format read':<12} {'comments':>9} {'read s':>8} {'export s':>9} {'total s':>8}  < {TARGET:.0f} s"
    )
    with tempfile.TemporaryDirectory() as folder:
        for name in wanted:
            for deep in (True, False):
                label = f"{name}, {'chain' if deep else 'wide'} {args.n:,}"
                path = os.path.join(folder, "input")
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(CASES[name](args.n, deep))
                if name == "native JSON" and not deep:  # (json.loads cannot read the chain: too deep)
                    print(f"{'floor: json.loads+dumps':<28} {'of the wide':<12} {'':>9} {floor(path):>8.2f}")
                start = time.perf_counter()
                try:
                    done = subprocess.run([sys.executable, "-c", CHILD, path], capture_output=True, text=True,
                                          timeout=args.timeout, check=False, cwd=folder)  # fmt: skip
                except subprocess.TimeoutExpired:
                    print(
                        f"{label:<28} {'':<12} {'':>9} {'':>8} {'':>9} {'>' + format(args.timeout, '.0f'):>8}  NO (killed)"
                    )
                    continue
                wall = time.perf_counter() - start
                if done.returncode:
                    last = (done.stderr.strip().splitlines() or ["?"])[-1][:80]
                    print(f"{label:<28} failed after {wall:.1f} s: {last}")
                    continue
                fmt, count, read, export = done.stdout.split()
                total = float(read) + float(export)
                print(f"{label:<28} {fmt:<12} {int(count):>9,} {float(read):>8.2f} {float(export):>9.2f} {total:>8.2f}  "
                      + ("yes" if total < TARGET else "NO"), flush=True)  # fmt: skip
    print(
        "\nread: open_input (detection, decoding, the reader); export: the streamed JSON export; a fresh process each."
    )


if __name__ == "__main__":
    main()
