"""`thread-explorer generate N`: a random flat page, for trying the parser and the app."""

from __future__ import annotations

from ..core.flatpage.generate import generate_page
from .args import PROG, Parser
from .output import write_output
from .status import EXIT_OK


def cmd_generate(argv: list[str]) -> int:
    """`generate N`: a random flat page (markers before or after bodies) for trying the parser and the app."""
    parser = Parser(
        prog=f"{PROG} generate",
        description="Print a random threaded comment page, flattened the way web-text datasets keep pages.",
    )
    parser.add_argument("n", metavar="N", type=int, help="number of comments")
    parser.add_argument("--seed", type=int, default=0, help="random seed: the same seed gives the same page")
    parser.add_argument("--markers", choices=("before", "after"), default="before", help="marker position")
    parser.add_argument(
        "--missing",
        type=float,
        default=None,
        metavar="FRACTION",
        help="leave this fraction of parents out of the page (they become placeholders)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="write to PATH instead of standard output (an existing file is overwritten)",
    )
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must not be negative")
    if args.missing is not None and not 0.0 <= args.missing <= 1.0:
        parser.error("--missing must be between 0 and 1")
    extra = {"missing": args.missing} if args.missing is not None else {}
    write_output(generate_page(args.n, seed=args.seed, markers=args.markers, **extra), args.output)
    return EXIT_OK
