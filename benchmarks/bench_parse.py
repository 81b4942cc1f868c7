"""Parser accuracy and speed on generated pages: prints how many replies land under the right parent.

Run: python benchmarks/bench_parse.py [--seeds 20] [--comments 400]
A reply counts as right when the parser hangs it under the comment that truly starts on its parent's first line,
or, when the parent was left out of the page, under a placeholder carrying the parent's subject.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from thread_explorer.core.flatpage.generate import Case, GenOptions, covered_lines, make_case
from thread_explorer.core.flatpage.reader import parse_text
from thread_explorer.core.model import Thread


def score(case: Case, thread: Thread) -> dict[str, int]:
    """Counts of right parents, right reply extents and lost or doubled lines for one parsed page."""
    by_marker = {c.reply_to.line: c for c in thread.walk() if c.reply_to is not None and c.reply_to.line}
    out: Counter[str] = Counter()
    for marker_no, truth in case.parent_of.items():
        out["replies"] += 1
        got = by_marker.get(marker_no)
        if got is None or got.parent is None:
            out["unmatched"] += 1
            continue
        out["missing_parents"] += truth.placeholder
        out["right_parent"] += case.right_parent(marker_no, got)
        out["right_extent"] += got.lines == case.reply_lines[marker_no]
    covered = covered_lines(thread)
    markers = set(case.parent_of)
    total = len(case.text.splitlines())
    out["lost_lines"] = sum(1 for n in range(1, total + 1) if n not in markers and covered[n] == 0)
    out["doubled_lines"] = sum(1 for n, k in covered.items() if k > 1 or n in markers)
    out["detected_right"] = thread.marker_position == case.marker_position
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=20)
    ap.add_argument("--comments", type=int, default=400)
    ap.add_argument("--missing", type=float, default=0.03)
    ap.add_argument("--typed", type=float, default=GenOptions.typed, help="share of typed subjects")
    ap.add_argument("--drupal7", type=float, default=0.0, help="share of pages with Drupal 7 subjects")
    ap.add_argument("--no-big", action="store_true", help="skip the 10,000 and 100,000 comment timings")
    args = ap.parse_args()
    print(
        f"{args.seeds} pages per row, {args.comments} comments each, {args.missing:.0%} of parents left out, "
        f"{args.typed:.0%} typed subjects, {args.drupal7:.0%} of pages with Drupal 7 subjects"
    )
    print(
        f"{'markers':8} {'read as':8} {'replies':>8} {'right parent':>13} {'right extent':>13} "
        f"{'lost':>5} {'doubled':>8} {'detected':>9} {'ms/page':>8}"
    )
    for position in ("before", "after"):
        for mode in ("auto", position):
            total: Counter[str] = Counter()
            elapsed = 0.0
            for seed in range(args.seeds):
                options = GenOptions(typed=args.typed, drupal7=seed < args.drupal7 * args.seeds)
                case = make_case(
                    args.comments, seed=seed, markers=position, missing=args.missing, options=options
                )
                started = time.perf_counter()
                thread = parse_text(case.text, markers=mode)
                elapsed += time.perf_counter() - started
                total.update(score(case, thread))
            replies = total["replies"] or 1
            print(
                f"{position:8} {mode:8} {total['replies']:8d} {total['right_parent'] / replies:13.2%} "
                f"{total['right_extent'] / replies:13.2%} {total['lost_lines']:5d} {total['doubled_lines']:8d} "
                f"{total['detected_right']:>4d}/{args.seeds:<4d} {elapsed / args.seeds * 1000:8.1f}"
            )
    for n in () if args.no_big else (10_000, 100_000):
        text = make_case(n, seed=1).text
        started = time.perf_counter()
        parse_text(text)
        print(f"parse {n:,} comments ({len(text) / 1e6:.1f} MB), auto: {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
