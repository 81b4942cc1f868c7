"""Thread statistics (`S`): depth histogram, replies over time, top authors, how comments were attached and,
for a flat page, how their bounds were found (guesses counted) and the page's template and display order.

Drawn as Rich text bars (block characters scaled to the dialog's width) rather than with textual-plotext: the
data are a few short categorical series, bars read well at 80 columns, and no extra dependency is needed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from thread_explorer.core.model import GONE_AUTHORS, Kind
from thread_explorer.core.textsafe import one_line

from ..keys import bindings
from ..outline import Outline
from ..rows import layout_line

SEGMENT_LABELS = {"template": "comment template", "marker": "reply markers", "guess": "guess"}
BAR_WIDTH = 36
TOP_AUTHORS = 10
EIGHTHS = " ▏▎▍▌▋▊▉█"


def bar(value: int, most: int, width: int = BAR_WIDTH) -> str:
    """A bar of `value` against `most`, in eighths of a cell (at least a sliver for any non-zero value)."""
    if most <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / most * width * 8))
    return "█" * (eighths // 8) + (EIGHTHS[eighths % 8] if eighths % 8 else "")


def chart(rows: list[tuple[str, int]]) -> Table:
    """Label, bar and count for each row."""
    most = max((count for _, count in rows), default=0)
    table = Table(box=None, show_header=False, padding=(0, 1, 0, 0), expand=False)
    table.add_column("what", no_wrap=True, max_width=24)
    table.add_column("bar", no_wrap=True, style="cyan", width=BAR_WIDTH)
    table.add_column("count", justify="right", no_wrap=True)
    for label, count in rows:
        table.add_row(Text(label), Text(bar(count, most)), Text(f"{count:,}"))
    return table


def thread_charts(outline: Outline, stats: dict[str, Any]) -> list[tuple[str, list[tuple[str, int]]]]:
    """The charts' data: (title, rows) for depth, time (where the source has times), authors and attachment."""
    comments = [(i, c) for i, c in enumerate(outline.nodes) if c.kind == Kind.COMMENT]
    depths = Counter(outline.depth[i] + 1 for i, _ in comments)  # top-level comments are depth 1
    charts: list[tuple[str, list[tuple[str, int]]]] = [
        ("Comments by depth", [(f"depth {d}", depths[d]) for d in sorted(depths)]),
    ]
    times = [c.time for _, c in comments if c.time is not None]
    if times:
        span = max(times) - min(times)
        fmt = "%Y-%m-%d %H:00" if span < 3 * 86_400 else "%Y-%m-%d" if span < 120 * 86_400 else "%Y-%m"
        when = Counter(datetime.fromtimestamp(t, UTC).strftime(fmt) for t in times)
        charts.append((f"Comments over time (UTC, {len(times):,} with a time)", sorted(when.items())[-24:]))
    gone = GONE_AUTHORS  # "[deleted]" is no author: the count agrees with the title and `stats`
    authors = Counter(c.author for _, c in comments if c.author and c.author not in gone)
    charts.append(
        (
            f"Top authors (of {len(authors):,})",
            [(one_line(name, 24), n) for name, n in authors.most_common(TOP_AUTHORS)],
        )
    )
    attached = stats.get("attached_by") or {}
    charts.append(("How comments were attached", [(str(k), int(v)) for k, v in attached.items()]))
    segmented = stats.get("segmented_by") or {}
    if segmented:  # flat pages only
        guesses = int(segmented.get("guess", 0))
        title = "How comment bounds were found" + (f" ({guesses:,} guessed)" if guesses else "")
        charts.append(
            (
                title,
                [(SEGMENT_LABELS.get(str(k), one_line(str(k), 24)), int(v)) for k, v in segmented.items()],
            )
        )
    return charts


class StatsScreen(ModalScreen[None]):
    """The thread's statistics; escape, q or S close it."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("stats")

    def __init__(
        self, outline: Outline, stats: dict[str, Any], meta: Mapping[str, object] | None = None
    ) -> None:
        super().__init__()
        self.charts = thread_charts(outline, stats)
        self.page_layout = layout_line(meta or {})

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="stats-dialog", classes="small-dialog"):
            yield Static(Text("Thread statistics  (esc to close)", style="bold"))
            if self.page_layout:
                yield Static(Text.assemble(("Layout: ", "bold"), self.page_layout))
            for title, rows in self.charts:
                yield Static(Text(title, style="bold underline"), classes="help-section")
                yield Static(chart(rows) if rows else Text("none", style="dim"))
