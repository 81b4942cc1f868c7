"""The flat-page reader on real threads: real Reddit and Hacker News threads from ../shared/realworld rendered
as Drupal pages (every theme, both display orders, Drupal 8 and 7 subjects, typed subjects, parents left out)
and read back. Prints, per theme and order: reply links right (precision, recall), exact bodies, the bodies
the text itself bounds beyond doubt ("provable"; beyond them a reader can only guess: without a template the
first comment after the article and a reply-less comment glued to its neighbour have no proven bounds), authors, lines lost and
template lines leaked into text, and the reading time.

Run: python benchmarks/bench_real.py [--seeds 2] [--missing 0.05] [--typed 0.08]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from thread_explorer.core.flatpage.evaluate import Score, score_reading
from thread_explorer.core.flatpage.reader import parse_text
from thread_explorer.core.flatpage.themes import ORDERS, TEMPLATES, RenderOptions, render_page
from thread_explorer.core.load import load_thread
from thread_explorer.core.model import Thread

REALWORLD = Path(__file__).resolve().parents[1].parent / "shared" / "realworld"
THREADS = (
    "hn/algolia_items_8828543_communal.json",
    "hn/derived_algolia_from_hnpwa_25015967.json",
    "reddit/derived_morechildren_as_listing.json",
    "reddit/praw/praw_TestCommentForest.test_replace__all__1.json",
    "reddit/praw/praw_TestCommentForest.test_replace__all_large__1.json",
    "reddit/praw/praw_TestCommentForest.test_replace__on_direct_comment__2.json",
    "reddit/rtv_test_content_flatten_comments_2__0.json",
    "reddit/rtv_test_content_flatten_comments__0.json",
    "reddit/rtv_test_content_submission__0.json",
    "reddit/rtv_test_content_submission_load_more_comments__0.json",
)


def load_all() -> list[Thread]:
    return [load_thread(str(REALWORLD / name)) for name in THREADS if (REALWORLD / name).exists()]


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--seeds", type=int, default=2, help="renderings per thread and subject style")
    ap.add_argument("--missing", type=float, default=0.05)
    ap.add_argument("--typed", type=float, default=0.08)
    args = ap.parse_args()
    threads = load_all()
    comments = sum(t.stats()["comments"] for t in threads)
    print(
        f"{len(threads)} real threads ({comments} comments), {args.seeds} seeds x Drupal 8/7 subjects, "
        f"{args.typed:.0%} typed subjects, {args.missing:.0%} of parents left out"
    )
    print(
        f"{'template':9} {'order':9} {'replies':>8} {'precision':>10} {'recall':>8} {'exact body':>11} "
        f"{'provable':>9} {'authors':>8} {'lost':>5} {'leaked':>7} {'ms/page':>8}"
    )
    for template in TEMPLATES:
        markers = ("before", "after") if template == "stripped" else ("before",)
        for position in markers:
            for order in ORDERS:
                total, elapsed, pages = Score(), 0.0, 0
                for n, thread in enumerate(threads):
                    for seed in range(args.seeds):
                        for drupal7 in (False, True):
                            options = RenderOptions(
                                template,
                                order,
                                position,
                                drupal7,
                                args.typed,
                                args.missing,
                                seed=seed * 100 + n,
                            )
                            page = render_page(thread, options)
                            started = time.perf_counter()
                            got = parse_text(page.text)
                            elapsed += time.perf_counter() - started
                            pages += 1
                            total.add(score_reading(page, got))
                name = template if template != "stripped" else f"stripped-{position[0]}"
                print(
                    f"{name:9} {order:9} {total.true_links:8d} {total.precision:10.2%} {total.recall:8.2%} "
                    f"{total.exact:11.2%} {total.provable:9.2%} {total.authors:8.2%} {total.lost_lines:5d} {total.leaked_lines:7d} "
                    f"{elapsed / pages * 1000:8.1f}"
                )


if __name__ == "__main__":
    main()
