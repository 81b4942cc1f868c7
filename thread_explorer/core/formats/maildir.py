"""A maildir folder (`cur/`, `new/`, `tmp/`, one message a file) read as one mail archive, threaded like an mbox.

Messages are taken from `cur/` and `new/` (`tmp/` holds deliveries in progress) in file-name order, which for
maildir names is delivery order (they start with the delivery time). Files are read one at a time.
"""

from __future__ import annotations

import os

from ..compression import decompress
from ..errors import InputError
from ..files import display_name
from ..model import Thread
from .base import FileFormat, ReadOptions
from .mail import parse_message
from .mbox import thread_of

NAME = "maildir"
PARTS = ("cur", "new")


def is_maildir(path: str) -> bool:
    """A folder holding `cur/` and `new/` (and usually `tmp/`)."""
    return os.path.isdir(path) and all(os.path.isdir(os.path.join(path, part)) for part in PARTS)


def message_files(path: str) -> list[str]:
    """The message files of the folder, `cur/` and `new/` merged in file-name (delivery) order."""
    files = []
    for part in PARTS:
        folder = os.path.join(path, part)
        files += [
            (name, os.path.join(folder, name))
            for name in os.listdir(folder)
            if not name.startswith(".") and os.path.isfile(os.path.join(folder, name))
        ]
    return [full for _, full in sorted(files)]


def read_maildir(path: str, options: ReadOptions) -> Thread:
    """Every message of the folder, threaded; a folder that is not a maildir is an InputError."""
    name = options.source or display_name(path)
    if not is_maildir(path):
        raise InputError(f"{name}: not a maildir (a folder with cur/ and new/)")
    messages = []
    try:
        for file in message_files(path):
            with open(file, "rb") as handle:
                messages.append(parse_message(decompress(handle.read(), name=file)))
    except OSError as error:
        raise InputError(f"{name}: cannot read {error.filename}: {error.strerror}") from None
    thread = thread_of(messages, name, NAME)
    return thread


FORMAT = FileFormat(
    NAME,
    "a maildir folder (cur/, new/, tmp/): every message, threaded",
    is_maildir,
    read_maildir,
)
