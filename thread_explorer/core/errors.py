"""The core's one error type and how its message is worded: one line, naming the input it is about."""

from __future__ import annotations


class InputError(Exception):
    """Input the program cannot use; `str(error)` is the one-line message shown to the user."""


def prefixed(source: str, message: str) -> str:
    """`SOURCE: message`, or the bare message when there is no source name."""
    return f"{source}: {message}" if source else message
