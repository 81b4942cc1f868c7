"""Running the real `thread-explorer` command in tests, and the check every bad-input case shares."""

from __future__ import annotations

import subprocess
import sys

from paths import ROOT


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in a fresh interpreter (stdout and stderr are pipes: no progress bar)."""
    return subprocess.run(
        [sys.executable, "-m", "thread_explorer", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        cwd=ROOT,
        check=False,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], expected: str) -> None:
    """Bad input: exit 2, nothing on stdout, one `thread-explorer: error: …` line holding `expected`, no traceback."""
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("thread-explorer: error: ")
    assert expected in lines[0]
