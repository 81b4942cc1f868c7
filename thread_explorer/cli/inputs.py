"""The one place commands load their input: FILE, --page, --input-format and --markers, through open_input."""

from __future__ import annotations

import argparse

from ..core.atomic import special_target
from ..core.collection import Collection
from ..core.errors import InputError
from ..core.files import display_name, stream_error
from ..core.load import open_input_as
from ..core.model import Thread
from .args import PROG


def open_args(args: argparse.Namespace) -> tuple[Thread | Collection, str]:
    """FILE opened as one thread or a collection of many, and the name of the format that read it."""
    submissions = getattr(args, "submissions", None)
    return open_input_as(args.file, format=args.input_format, markers=args.markers, submissions=submissions)


def require_collection(args: argparse.Namespace, why: str) -> Collection:
    """FILE as a collection of many threads, or an InputError (one line: what is wrong and what would work)."""
    opened, _ = open_args(args)
    if isinstance(opened, Collection):
        return opened
    raise not_a_collection(args, why)


def not_a_collection(args: argparse.Namespace, why: str) -> InputError:
    """The error for a command or option that needs a file of many threads, given one thread."""
    if args.file == "-":
        return InputError(f"{why} reads a dataset file by name, not standard input")
    if special_target(args.file):  # a FIFO, `<(...)`: read once, as standard input is, so never a dataset
        return stream_error(args.file, why)
    return InputError(
        f"{display_name(args.file)}: not a dataset file (JSON Lines, .gz, .zst or Parquet records of pages with "
        f"a text field) nor another file of many threads; {why} works only on those"
    )


def load_input(args: argparse.Namespace) -> Thread:
    """The thread named by a command's FILE, --page, --input-format and --markers (see load_input_as)."""
    return load_input_as(args)[0]


def load_input_as(args: argparse.Namespace) -> tuple[Thread, str]:
    """The thread named by a command's FILE, --page, --input-format and --markers (the one place commands load),
    and the name of the format that read it.

    A file of many threads (a dataset) needs --page N|URL and is refused without it, with a hint; --page on a
    file of one thread is refused too."""
    page = getattr(args, "page", None)
    if page is not None and args.input_format and args.input_format.strip().lower() in ("json", "text"):
        raise InputError(
            "--page takes a page of a dataset file, which is always page text: drop --input-format"
        )
    return pick(args, *open_args(args))


def pick(args: argparse.Namespace, opened: Thread | Collection, name: str) -> tuple[Thread, str]:
    """The one thread a command works on: the input itself, or the --page entry of a collection."""
    page = getattr(args, "page", None)
    if isinstance(opened, Collection):
        if page is None:
            raise InputError(
                f"{display_name(args.file)}: a file of many {opened.noun}s ({opened.description}): give --page N "
                f"(from 0) or --page URL (`{PROG} scan {args.file}` lists the {opened.noun}s with threads), or "
                "--input-format json if its lines are the comments of one thread"
            )
        return opened.load(page), "text" if name == "dataset" else name
    if page is not None:
        raise not_a_collection(args, "--page")
    return opened, name
