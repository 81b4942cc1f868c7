"""The screen shown while a big input is parsed: what is being read, a moving bar and the time so far."""

from __future__ import annotations

import time

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label, ProgressBar

from thread_explorer.core.textsafe import one_line


def size_text(size: int | None) -> str:
    """`12.3 MB`, `840 KB`, `17 bytes` (empty for an unknown size)."""
    if size is None:
        return ""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.0f} KB"
    return f"{size} bytes"


class LoadProgress:
    """The share of the input parsed so far, set by the loading thread and read by the screen's timer."""

    def __init__(self) -> None:
        self.share: float | None = None

    def __call__(self, share: float) -> None:
        self.share = share


class LoadingScreen(Screen[None]):
    """Progress while the loading worker parses; the app replaces it with the explorer when done."""

    def __init__(self, name: str, size: int | None = None, progress: LoadProgress | None = None) -> None:
        super().__init__()
        self.source_name = name
        self.source_size = size
        self.progress = progress
        self.started = time.monotonic()

    def compose(self) -> ComposeResult:
        what = Text("Reading ")
        what.append(one_line(self.source_name), style="bold")  # from the input: never raw on the terminal
        if self.source_size is not None:
            what.append(f" ({size_text(self.source_size)})")
        what.append("…")
        with Vertical(id="loading-box"):
            yield Label(what, id="loading-what")
            yield ProgressBar(total=None, show_eta=False, show_percentage=False, id="loading-bar")
            yield Label(Text("parsing and rebuilding the reply tree", style="dim"), id="loading-elapsed")

    def on_mount(self) -> None:
        self.set_interval(0.25, self._tick)

    def _tick(self) -> None:
        seconds = time.monotonic() - self.started
        share = self.progress.share if self.progress is not None else None
        done = "" if share is None else f" · {share:.0%}"
        text = Text(f"parsing and rebuilding the reply tree{done} · {seconds:.1f} s", style="dim")
        self.query_one("#loading-elapsed", Label).update(text)
        if share is not None:
            self.query_one("#loading-bar", ProgressBar).update(total=100, progress=share * 100)
