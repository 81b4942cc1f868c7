"""`thread-explorer eval FILE`: render a structured thread as a Drupal page kept as text, read it back, score it."""

from __future__ import annotations

import time

from ..core.flatpage.evaluate import score_reading
from ..core.flatpage.reader import parse_text
from ..core.flatpage.themes import ORDERS, TEMPLATES, RenderOptions, render_page
from ..core.textsafe import printable
from .args import PROG, Parser, add_input_options, add_page_option
from .inputs import load_input_as
from .output import say
from .status import EXIT_OK


def fraction(text: str) -> float:
    """An argparse type: a number from 0 to 1."""
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise ValueError(text)
    return value


def cmd_eval(argv: list[str]) -> int:
    """`eval FILE`: how well the flat-page reader rebuilds this thread from its flattened Drupal page."""
    parser = Parser(
        prog=f"{PROG} eval",
        description="Render a thread the project reads (Reddit, Hacker News, mbox, JSON) as a Drupal page kept "
        "as text (theme template, display order, Drupal 8 or 7 subjects, some typed subjects, some parents "
        "left out as pagination would), parse it back and print how much came back right: reply links "
        "(precision and recall), exact bodies, authors, lines lost, template lines leaked into text.",
    )
    parser.add_argument("file", metavar="FILE", help="input file, or - for standard input")
    parser.add_argument(
        "--template", choices=TEMPLATES, default="classy", help="theme template (default classy)"
    )
    parser.add_argument(
        "--order", choices=ORDERS, default="threaded", help="display order (default threaded)"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed for subjects and left-out parents")
    parser.add_argument("--drupal7", action="store_true", help="Drupal 7 subjects (cut without …)")
    parser.add_argument("--typed", type=fraction, default=0.08, metavar="F", help="share of typed subjects")
    parser.add_argument(
        "--missing", type=fraction, default=0.05, metavar="F", help="share of parents left out"
    )
    parser.add_argument(
        "--after", action="store_true", help="stripped template: markers after the bodies (default before)"
    )
    add_input_options(parser)
    add_page_option(parser)
    args = parser.parse_args(argv)
    thread, _ = load_input_as(args)
    options = RenderOptions(
        args.template, args.order, "after" if args.after else "before", args.drupal7, args.typed, args.missing,
        seed=args.seed,
    )  # fmt: skip
    page = render_page(thread, options)
    started = time.perf_counter()
    got = parse_text(page.text, source=thread.source)
    elapsed = time.perf_counter() - started
    score = score_reading(page, got)
    found = f"{got.meta.get('template', 'none')}, {got.meta.get('display_order', 'not detected')} order"
    rows: list[tuple[str, object]] = [
        ("source", printable(thread.source or "-")),
        ("rendered as", f"{args.template}, {args.order} order, Drupal {7 if args.drupal7 else 8} subjects"),
        ("read as", found if got.meta.get("template") else f"by markers ({got.marker_position or 'none'})"),
        ("comments", f"{score.comments} on the page, {page.left_out} left out"),
        (
            "reply links",
            f"{score.true_links} on the page, {score.found_links} found, {score.right_links} right",
        ),
        ("  precision", f"{score.precision:.2%}"),
        ("  recall", f"{score.recall:.2%}"),
        ("exact bodies", f"{score.exact_bodies} ({score.exact:.2%})"),
        ("  provable", f"{score.provable_bodies} ({score.provable:.2%}): the most any reader can be sure of"),
        ("authors right", f"{score.right_authors} ({score.authors:.2%})"),
        ("lines lost", f"{score.lost_lines} of {score.body_lines}"),
        ("lines leaked", score.leaked_lines),
        ("read in", f"{elapsed * 1000:.1f} ms"),
    ]
    for label, value in rows:
        say(f"{label + ':':<15} {value}")
    return EXIT_OK
