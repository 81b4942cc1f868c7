"""Running the command line in-process on hostile input, and the promise every run must keep.

`run_cli` calls `thread_explorer.cli.main` with standard output and error captured as real byte streams (so
`sys.stdout.buffer` works as on a terminal pipe); `check_promise` asserts the README's rule for bad input: exit
0, 1 or 2 only, never a traceback or an internal error, exactly one `thread-explorer: error: …` line for 2, and
no terminal escape from the input on either stream.
"""

from __future__ import annotations

import gc
import io
import sys
import time
from dataclasses import dataclass

from thread_explorer.cli.main import main

ERROR_PREFIX = "thread-explorer: error: "
ESCAPES = ("\x1b", "\x9b", "\x07", "\u202e", "\u2066", "\u200b")  # what no output for people may hold raw


@dataclass(frozen=True)
class Result:
    """What one in-process run of the command gave."""

    status: int
    stdout: bytes
    stderr: str
    seconds: float


def _stream() -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", newline="")


def run_cli(*args: str, stdin: bytes | None = None) -> Result:
    """`thread-explorer ARGS` in this process; stdin bytes are given as standard input."""
    saved = sys.stdin, sys.stdout, sys.stderr
    out, err = _stream(), _stream()
    sys.stdout, sys.stderr = out, err
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    start = time.perf_counter()
    try:
        status = main(list(args))
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        gc.unfreeze()  # the command froze what it built (core/gcpolicy.py); many runs in one process must not keep it
    seconds = time.perf_counter() - start
    out.flush()
    err.flush()
    return Result(
        status,
        out.buffer.getvalue(),  # type: ignore[attr-defined]
        err.buffer.getvalue().decode("utf-8"),  # type: ignore[attr-defined]
        seconds,
    )


def check_promise(result: Result, what: str = "") -> None:
    """Exit 0/1/2 only; 2 means exactly one error line; never a traceback or an internal error."""
    label = f"{what}: " if what else ""
    assert result.status in (0, 1, 2), f"{label}exit {result.status}: {result.stderr[-500:]}"
    assert "Traceback" not in result.stderr, f"{label}{result.stderr[-2000:]}"
    assert "internal error" not in result.stderr, f"{label}{result.stderr[-500:]}"
    if result.status == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith(ERROR_PREFIX), f"{label}{result.stderr[-500:]!r}"
    for escape in ESCAPES:
        assert escape not in result.stderr, f"{label}raw {escape!r} on stderr"


def assert_one_line_error(result: Result, expected: str = "") -> str:
    """Bad input: exit 2, nothing on stdout, one error line holding `expected`; returns that line."""
    check_promise(result)
    assert result.status == 2, result.stderr
    assert result.stdout == b""
    assert expected in result.stderr, result.stderr
    return result.stderr.strip()
