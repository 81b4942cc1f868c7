"""`python -m thread_explorer`: the same as the `thread-explorer` command."""

from .cli import run

run()
