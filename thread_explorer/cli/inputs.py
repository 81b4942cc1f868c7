"""The one place commands load their input: FILE, --page, --input-format and --markers."""

from __future__ import annotations

import argparse

from ..core import datasets
from ..core.decode import open_binary
from ..core.errors import InputError
from ..core.load import load_thread_as
from ..core.model import Thread
from .args import PROG


def check_file(path: str) -> None:
    """InputError when the path cannot be opened for reading (without reading it)."""
    open_binary(path).close()


def require_dataset(path: str, why: str) -> None:
    """InputError (one line: what is wrong and what would work) unless the path is a dataset file."""
    if path == "-":
        raise InputError(f"{why} reads a dataset file by name, not standard input")
    if datasets.is_dataset(path):
        return
    check_file(path)
    raise InputError(
        f"{path}: not a dataset file (JSON Lines, .gz, .zst or Parquet records of pages with a text field); "
        f"{why} works only on those"
    )


def is_dataset_input(args: argparse.Namespace) -> bool:
    """FILE is a dataset of pages and no --input-format asks to read it as one thread."""
    return not args.input_format and datasets.is_dataset(args.file)


def load_input(args: argparse.Namespace) -> Thread:
    """The thread named by a command's FILE, --page, --input-format and --markers (see load_input_as)."""
    return load_input_as(args)[0]


def load_input_as(args: argparse.Namespace) -> tuple[Thread, str]:
    """The thread named by a command's FILE, --page, --input-format and --markers (the one place commands load),
    and the name of the format that read it ("text" for a dataset page).

    With --page, one page of a dataset file; a dataset without --page is refused with a hint, since it holds
    many threads; anything else is read as one thread in its detected (or named) format."""
    page = getattr(args, "page", None)
    if page is not None:
        if args.input_format:
            raise InputError(
                "--page takes a page of a dataset file, which is always page text: drop --input-format"
            )
        require_dataset(args.file, "--page")
        return datasets.load_page(args.file, page, markers=args.markers), "text"
    if is_dataset_input(args):
        raise InputError(
            f"{args.file}: a dataset file of many pages: give --page N (from 0) or --page URL "
            f"(`{PROG} scan {args.file}` lists the pages with threads), or --input-format json "
            "if its lines are the comments of one thread"
        )
    return load_thread_as(args.file, format=args.input_format, markers=args.markers)
