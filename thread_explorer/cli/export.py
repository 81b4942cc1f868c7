"""`thread-explorer export FILE`: a thread or one subtree as JSON, Markdown or flat text."""

from __future__ import annotations

import sys

from ..core.errors import InputError
from ..core.export import EXPORT_FORMATS, FORMAT_ALIASES, export_chunks, format_of_path
from ..core.files import display_name
from ..core.textsafe import json_for_terminal, printable
from .args import PROG, Parser, add_input_options, add_page_option
from .inputs import load_input
from .output import say, write_output
from .status import EXIT_OK


def cmd_export(argv: list[str]) -> int:
    """`export FILE`: the thread or a subtree as JSON, Markdown or flat text, to stdout or --output."""
    parser = Parser(
        prog=f"{PROG} export",
        description="Write a thread (or one comment and its replies) as JSON (thread-explorer/1, re-imports "
        "losslessly), Markdown (a nested discussion) or flat text (the page format, markers before bodies).",
    )
    parser.add_argument("file", metavar="FILE", help="input file, or - for standard input")
    parser.add_argument(
        "-f", "--format", choices=(*EXPORT_FORMATS, *FORMAT_ALIASES),
        help="output format (md and txt name markdown and text; default: the ending of -o PATH, .md, .txt or "
        ".json, else json)",
    )  # fmt: skip
    parser.add_argument("-s", "--subtree", metavar="ID", help="export only this comment and its replies")
    parser.add_argument(
        "-o", "--output", metavar="PATH",
        help="write to PATH instead of standard output (an existing file is overwritten)",
    )  # fmt: skip
    add_input_options(parser)
    add_page_option(parser)
    args = parser.parse_args(argv)
    fmt = FORMAT_ALIASES.get(args.format, args.format) or (
        format_of_path(args.output) if args.output not in (None, "-") else None
    ) or "json"  # fmt: skip
    thread = load_input(args)
    if args.subtree is not None and thread.find(args.subtree) is None:
        some = ", ".join(printable(c.id) for c, _ in zip(thread.walk(), range(3)))
        hint = f" (ids look like {some}, …)" if some else " (the thread is empty)"
        raise InputError(f"{display_name(args.file)}: no comment with id {printable(args.subtree)!r}{hint}")
    chunks = export_chunks(thread, fmt, subtree_id=args.subtree)
    if args.output in (None, "-") and sys.stdout is not None and sys.stdout.isatty():
        # People read a terminal: escapes from the input are shown, never obeyed (JSON keeps its value exactly).
        text = b"".join(chunks).decode("utf-8")
        chunks = iter([(json_for_terminal(text) if fmt == "json" else printable(text)).encode("utf-8")])
    write_output(chunks, args.output)
    if args.output not in (None, "-"):
        say(f"wrote {args.output} ({fmt})", sys.stderr)
    return EXIT_OK
