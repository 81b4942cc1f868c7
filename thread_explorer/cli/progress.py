"""A progress bar for passes over big dataset files, on stderr, that never gets in the way of the results.

Rich draws the bar (transient: erased at the end) only when stderr is a terminal and the pass outlasts its first
progress report, so small files and pipes see no bar at all. Result lines go to stdout as they are found; when
stdout is the same terminal as the bar they are printed through the bar's console, above it, so the two never
overwrite each other.
"""

from __future__ import annotations

import os
import sys
from types import TracebackType
from typing import Any, Self, TextIO

from ..core.textsafe import one_line


def same_terminal(first: TextIO, second: TextIO) -> bool:
    """Both streams are terminals, and the same one (stdout and stderr of an interactive shell)."""
    try:
        return (
            first.isatty()
            and second.isatty()
            and os.path.samestat(os.fstat(first.fileno()), os.fstat(second.fileno()))
        )
    except (AttributeError, OSError, ValueError):
        return False


class ScanProgress:
    """A transient Rich progress bar on stderr for a pass over a dataset file, driven by the scan's
    progress(bytes_read, total) callback. It shows only when stderr is a terminal and the scan outlasts its
    first report (about 0.1 s: a small file never flashes a bar), and it is erased when the scan ends."""

    def __init__(self, label: str, *, counting: bool = True) -> None:
        """`label` names the file on the bar; with `counting`, the bar also shows the `pages` and `found`
        counters the caller keeps up to date."""
        self.label = label
        self.counting = counting
        self.enabled = hasattr(sys.stderr, "isatty") and sys.stderr.isatty()
        self.pages = 0
        self.found = 0
        self.progress: Any = None
        self.task: Any = None
        self.pending: list[str] = []  # result lines waiting to be printed above the bar
        self.shared = False  # stdout is the bar's terminal

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.progress is not None:
            self.flush()  # lines found before an error or ^C are still shown
            self.progress.stop()
            self.progress = None

    def update(self, done: int, total: int) -> None:
        """The scan's progress callback."""
        if not self.enabled:
            return
        if self.progress is None:
            if done >= total:
                return  # finished before a bar was worth showing
            self.start(total)
        self.flush()
        self.progress.update(
            self.task, completed=done, total=total or None, pages=self.pages, found=self.found
        )

    def flush(self) -> None:
        """Print the result lines held back while the bar shares the terminal."""
        if self.pending:
            self.progress.console.out("\n".join(self.pending), highlight=False)
            self.pending.clear()

    def start(self, total: int) -> None:
        """Show the bar (Rich is imported only now: quick commands never pay for it)."""
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )

        counter = "{task.fields[pages]} pages, {task.fields[found]} with threads"
        counts = [TextColumn(counter, markup=False)] if self.counting else []
        self.progress = Progress(
            TextColumn("{task.description}", markup=False),
            BarColumn(),
            TaskProgressColumn(),
            DownloadColumn(),
            *counts,
            TimeRemainingColumn(),
            console=Console(file=sys.stderr),
            transient=True,
            redirect_stdout=False,  # result lines must stay on stdout, wherever it goes
            redirect_stderr=False,
        )  # fmt: skip
        name = one_line(self.label)
        self.task = self.progress.add_task(
            name if len(name) <= 40 else "…" + name[-39:],
            total=total or None,
            pages=self.pages,
            found=self.found,
        )
        self.shared = same_terminal(sys.stdout, sys.stderr)
        self.progress.start()

    def emit(self, line: str) -> None:
        """Print a result line on stdout at once; above the bar when stdout shares its terminal (then in
        batches at each progress report, about 10 a second: Rich redraws the bar for every print)."""
        if self.progress is not None and self.shared:
            self.pending.append(line)
            return
        encoding = getattr(sys.stdout, "encoding", None) or "utf-8"  # a character it lacks becomes `?`
        sys.stdout.write(line.encode(encoding, errors="replace").decode(encoding) + "\n")
        sys.stdout.flush()
