"""Argument parsing shared by every command: a parser that raises instead of exiting, and the options."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from ..core.formats import format_names
from ..core.load import MARKER_CHOICES
from .status import EXIT_ERROR

PROG = "thread-explorer"


COMMANDS_HELP = """\
commands (give one as the first argument; to open a file named like a command,
write ./export):
  scan FILE        list the pages of a dataset file (JSON Lines, .gz, .zst,
                   Parquet) that hold a thread
  extract SHARD... -o OUTDIR
                   write the threads of many dataset shards (also WET), on
                   --jobs processes
  export FILE      write a thread or one subtree as JSON, Markdown or flat text
  search FILE Q    print the comments that best match a fuzzy query
  stats FILE       print counts: comments, replies, placeholders, authors,
                   depth, marker position
  generate N       print a random flat comment page with N comments (for
                   trying things out)
  eval FILE        render a thread as a Drupal page kept as text, read it back
                   and print how much came back right
On a dataset file, export, search and stats take --page N (from 0) or --page
URL for one page. Run `thread-explorer COMMAND --help` for a command's options.

exit status: 0 ok, 1 search found nothing, 2 error (one line on stderr),
130 interrupted, 141 standard output closed early (| head)."""


class Usage(Exception):
    """A usage error raised by the argument parsers (instead of argparse exiting on its own)."""

    def __init__(self, status: int, message: str = "") -> None:
        super().__init__(message)
        self.status = status


class Parser(argparse.ArgumentParser):
    """argparse that raises instead of calling sys.exit, so `main` always returns a status."""

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            sys.stderr.write(message)
        raise Usage(status)

    def error(self, message: str) -> NoReturn:
        """A usage error as one line, like every other error: `thread-explorer: error: export: …`."""
        command = self.prog.removeprefix(PROG).strip()
        where = f"{command}: " if command else ""
        self.exit(EXIT_ERROR, f"{PROG}: error: {where}{message} (see {self.prog} --help)\n")


def format_help() -> str:
    """The input format names for help texts."""
    return ", ".join(format_names())


def add_markers_option(parser: argparse.ArgumentParser) -> None:
    """--markers: where the reply markers of flat page text sit."""
    parser.add_argument(
        "--markers", choices=MARKER_CHOICES, default="auto",
        help="where `In reply to` lines sit in a flat page: before or after the reply (default: detect)",
    )  # fmt: skip


def add_input_options(
    parser: argparse.ArgumentParser, format_flag: str = "--input-format", *, submissions: bool = True
) -> None:
    """The options every command that reads a thread takes (`submissions`: --submissions for Reddit dumps)."""
    parser.add_argument(
        format_flag, dest="input_format", metavar="NAME",
        help=f"read FILE in this format instead of detecting it ({format_help()})",
    )  # fmt: skip
    add_markers_option(parser)
    if submissions:
        parser.add_argument(
            "--submissions", metavar="FILE",
            help="with a Reddit dump of comments (RC_ NDJSON): the submissions file (RS_) that gives each "
            "thread its post",
        )  # fmt: skip


def add_page_option(parser: argparse.ArgumentParser) -> None:
    """--page: one page of a dataset file."""
    parser.add_argument(
        "-p", "--page", metavar="N|URL",
        help="in a dataset file of many pages (JSON Lines, .gz, .zst, Parquet): use page N (from 0, as `scan` "
        "numbers them) or the page with this url or id",
    )  # fmt: skip
