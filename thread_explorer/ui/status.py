"""The explorer's status line: search, filters, the `shown` count and the last remark, fitted to the width.

The count of rows shown is what a user checks after every filter, so it must never be cut: when the line is too
long, the key hints go first, then the query and the author's name are shortened, and only then the remark at
the end is cut with an ellipsis.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.text import Text

from thread_explorer.core.textsafe import one_line
from thread_explorer.core.wording import plural

BOLD, DIM, ITALIC = "bold", "dim", "italic"


@dataclass(frozen=True)
class StatusState:
    """What the status line reports (plain values, so that it can be built and tested without a screen)."""

    rows: int
    total: int
    query: str = ""
    matches: int = 0
    position: int | None = None  # 1-based place of the selection among the matches, when it is one
    filtering: bool = False
    author: str | None = None
    notice: str = ""


def _line(state: StatusState, *, hints: bool, query_chars: int, author_chars: int) -> Text:
    status = Text(no_wrap=True, overflow="ellipsis", end="")
    if state.query:
        status.append("search ", style=BOLD)
        query = one_line(state.query, query_chars + 1)
        status.append(f"“{query if len(query) <= query_chars else query[: query_chars - 1] + '…'}”")
        position = f"{state.position:,}/" if state.position is not None else ""
        status.append(f": {position}{plural(state.matches, 'match')}")
        if hints:
            status.append(
                "  only matches (f: all) · esc leave"
                if state.filtering
                else "  n/N next/prev · f only matches · esc leave"
                if state.matches
                else "  esc leave",  # nothing to step through or keep
                style=DIM,
            )
        elif state.filtering:
            status.append(", only these", style=DIM)
        status.append(" · ")
    if state.author is not None:
        status.append("only ", style=BOLD)
        author = one_line(state.author, author_chars + 1)
        status.append(author if len(author) <= author_chars else author[: author_chars - 1] + "…", style=BOLD)
        if hints:
            status.append(" (a: everyone)", style=DIM)
        status.append(" · ")
    status.append(f"{state.rows:,}/{state.total:,} shown", style=DIM)
    if state.notice:
        status.append("  ")
        status.append(one_line(state.notice), style=ITALIC)
    return status


def status_line(state: StatusState, width: int) -> Text:
    """The status line for `width` cells: shortened step by step until it fits; the count always shows."""
    status = Text()
    for hints, query_chars, author_chars in (
        (True, 40, 30),
        (False, 40, 30),
        (False, 16, 16),
        (False, 8, 10),
    ):
        status = _line(state, hints=hints, query_chars=query_chars, author_chars=author_chars)
        if status.cell_len <= width:
            return status
    notice = one_line(state.notice)
    room = width - (status.cell_len - len(notice))
    if notice and room >= 12:  # cut the remark in the middle: its end (a file name, say) matters too
        status = _line(
            replace(state, notice=elide_middle(notice, room)), hints=False, query_chars=8, author_chars=10
        )
    status.truncate(max(1, width), overflow="ellipsis")  # wide characters may still overflow: cut the end
    return status


def elide_middle(text: str, width: int) -> str:
    """The text cut to `width` characters by an ellipsis in the middle (a third of the room for the start)."""
    if len(text) <= width:
        return text
    head = max(1, (width - 1) // 3)
    return text[:head] + "…" + text[len(text) - (width - 1 - head) :]
