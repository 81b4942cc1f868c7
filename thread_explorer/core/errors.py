"""The core's one error type and how its message is worded: one line, naming the input it is about."""

from __future__ import annotations


class InputError(Exception):
    """Input the program cannot use; `str(error)` is the one-line message shown to the user."""


def prefixed(source: str, message: str) -> str:
    """`SOURCE: message`, or the bare message when there is no source name."""
    return f"{source}: {message}" if source else message


def needs_extra(what: str, extra: str) -> str:
    """The one line for a feature whose optional library is missing: which extra to install, and how, with the
    command the README's set-up uses."""
    return f"{what} needs the {extra} extra (in the project folder: .venv/bin/pip install '.[{extra}]')"
