"""Linearity of the structured readers (issue 10): deep chains, wide threads and duplicate ids in mbox, Hacker
News and Reddit input, each read and exported as JSON.

Run: python benchmarks/bench_readers.py [--n 100000] [--only NAME] [--repeat 3]
Prints, per case, the median seconds to read and to export, and the ratio of the read to a floor measured in the
same run (`json.loads` of the same input, or for mbox one pass that splits the messages and finds their ids), so
the figures stay meaningful on a loaded machine. The target is under 2 s for read plus export at 100,000.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections.abc import Callable
from functools import partial

from thread_explorer.core.export import export_thread
from thread_explorer.core.load import load_bytes, load_text
from thread_explorer.core.model import Thread


def hn_chain(n: int) -> str:
    """A story and a reply chain n deep (each comment the only kid of the one before)."""
    items = [{"id": 1, "type": "story", "by": "op", "time": 1, "title": "t", "kids": [2]}]
    for i in range(2, n + 2):
        items.append(
            {"id": i, "type": "comment", "by": f"u{i % 97}", "time": i, "parent": i - 1, "text": f"c {i}"}
            | ({"kids": [i + 1]} if i < n + 1 else {})
        )
    return json.dumps(items)


def hn_wide(n: int) -> str:
    """A story with n kids, all in the file."""
    kids = list(range(2, n + 2))
    items = [{"id": 1, "type": "story", "by": "op", "time": 1, "title": "t", "kids": kids}]
    items += [{"id": i, "type": "comment", "by": "u", "time": i, "parent": 1, "text": "x"} for i in kids]
    return json.dumps(items)


def hn_duplicates(n: int) -> str:
    """A story and n comments that all carry the same id."""
    items = [{"id": 1, "type": "story", "by": "op", "time": 1, "title": "t", "kids": [2]}]
    items += [{"id": 2, "type": "comment", "by": "u", "time": i, "parent": 1, "text": "x"} for i in range(n)]
    return json.dumps(items)


def reddit_chain(n: int) -> str:
    """A flat comment Listing (as /api/morechildren gives) whose parent_ids make a chain n deep."""
    things = [
        {
            "kind": "t1",
            "data": {
                "id": f"c{i}",
                "name": f"t1_c{i}",
                "author": "u",
                "body": "x",
                "link_id": "t3_p",
                "parent_id": f"t1_c{i - 1}" if i else "t3_p",
                "created_utc": i,
                "score": 1,
            },
        }
        for i in range(n)
    ]
    return json.dumps({"kind": "Listing", "data": {"children": things}})


def reddit_duplicates(n: int) -> str:
    """A Listing of one comment and n "more" stubs that share a parent (one id base for all of them)."""
    things = [{"kind": "t1", "data": {"id": "a", "name": "t1_a", "body": "x", "parent_id": "t3_p"}}]
    things += [
        {"kind": "more", "data": {"id": "_", "name": "t1__", "parent_id": "t1_a", "count": 0, "children": []}}
        for _ in range(n)
    ]
    return json.dumps({"kind": "Listing", "data": {"children": things}})


def mbox_chain(n: int) -> str:
    """An mbox of n messages, each In-Reply-To the one before."""
    parts = []
    for i in range(n):
        reply = f"In-Reply-To: <m{i - 1}@x>\n" if i else ""
        parts.append(
            f"From a@x Mon Jan  1 00:00:00 2024\nFrom: A <a@x>\nSubject: Re: s\nMessage-ID: <m{i}@x>\n"
            f"{reply}Date: Mon, 1 Jan 2024 00:00:00 +0000\n\nbody {i}\n\n"
        )
    return "".join(parts)


_FROM = re.compile(r"^From ", re.MULTILINE)
_ID = re.compile(r"^Message-ID: (\S+)", re.MULTILINE)


def mbox_floor(text: str) -> None:
    """One pass over the archive: split the messages and find each one's Message-ID."""
    for chunk in _FROM.split(text):
        _ID.search(chunk)


CASES: dict[str, tuple[Callable[[int], str], str | None, Callable[[str], object]]] = {
    "hn-chain": (hn_chain, "hackernews", json.loads),
    "hn-kids": (hn_wide, "hackernews", json.loads),
    "hn-duplicate-ids": (hn_duplicates, "hackernews", json.loads),
    "reddit-chain": (reddit_chain, "reddit", json.loads),
    "reddit-duplicate-ids": (reddit_duplicates, "reddit", json.loads),
    "mbox-chain": (mbox_chain, "mbox", mbox_floor),
}


def timed(work: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--only", action="append", choices=sorted(CASES))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(f"{'case':22} {'n':>9} {'MB':>6} {'floor s':>8} {'read s':>8} {'export s':>9} {'read/floor':>11}")
    for name in args.only or list(CASES):
        make, fmt, floor = CASES[name]
        text = make(args.n)
        floors, reads, exports = [], [], []
        for _ in range(args.repeat):
            floors.append(timed(partial(floor, text))[0])
            if fmt == "mbox":
                seconds, thread = timed(partial(load_bytes, text.encode(), format=fmt))
            else:
                seconds, thread = timed(partial(load_text, text, format=fmt))
            reads.append(seconds)
            assert isinstance(thread, Thread)
            exports.append(timed(partial(export_thread, thread, "json"))[0])
        floor_s, read_s, export_s = (statistics.median(v) for v in (floors, reads, exports))
        print(
            f"{name:22} {args.n:9,} {len(text) / 1e6:6.1f} {floor_s:8.3f} {read_s:8.3f} {export_s:9.3f} "
            f"{read_s / floor_s:10.1f}x"
        )


if __name__ == "__main__":
    main()
