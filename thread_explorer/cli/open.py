"""`thread-explorer [FILE]`: open the explorer app (the bundled sample without FILE)."""

from __future__ import annotations

import argparse

from .. import __version__
from ..core.errors import InputError
from ..core.formats import format_by_name
from .args import COMMANDS_HELP, PROG, Parser, add_input_options, add_page_option


def cmd_open(argv: list[str]) -> int:
    """`thread-explorer [FILE]`: open the explorer app (the bundled sample without FILE)."""
    parser = Parser(
        prog=PROG,
        description="Rebuild, explore and export comment threads. Without a command, open FILE\n"
        "(or the bundled sample page) in the explorer app.",  # raw text (the epilog's layout): broken by hand
        epilog=COMMANDS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE", nargs="?", help="file to open (- for standard input)")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    add_input_options(parser, "--format", submissions=False)  # the app reads one thread
    add_page_option(parser)
    args = parser.parse_args(argv)
    if args.input_format:
        format_by_name(args.input_format)
    try:
        from ..ui.launch import run_app  # only here: the headless commands never import Textual
    except ImportError as error:
        raise InputError(
            f"the explorer app cannot start ({error}); export, search, stats and generate still work"
        ) from None
    return run_app(args.file, format=args.input_format, markers=args.markers, page=args.page)
