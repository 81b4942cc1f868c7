"""The header line: the app's name, what is open and its counts, shortened to the width it has.

Textual's Header cuts its title at the right edge, mid-word; this one drops the least useful parts first: the
app's name, then the counts from the last, then a note in brackets after the name (`(bundled sample)`), then the
counts altogether, and only then cuts the name itself, in the middle so its ending (`.txt`) stays.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.widgets import Header, Static

__all__ = ["TitleBar", "title_choices"]

APP_SEPARATOR = " · "
COUNTS_SEPARATOR = " — "
NOTE_RE = re.compile(r"^(?P<name>.*\S) \((?P<note>[^()]*)\)$")  # `name.txt (bundled sample)`
CLOCK_SPACE = 10  # Header keeps this much room on the right (HeaderClockSpace)


def title_choices(app_name: str, title: str, sub_title: str) -> list[tuple[str, str, str]]:
    """(app name, title, counts) from the fullest to the shortest, each dropping one more of the least useful
    parts; the last keeps only what is open (a name with nothing to drop shows as it is)."""
    counts = [part for part in sub_title.split(" · ") if part] if sub_title else []
    named = title if title and title != app_name else ""
    note = NOTE_RE.match(named)
    bare = note.group("name") if note else named
    choices = [(app_name, named, " · ".join(counts))] if app_name else []
    choices += [("", named, " · ".join(counts[:k])) for k in range(len(counts), 0, -1)]
    if note:
        choices.append(("", bare, counts[0] if counts else ""))
    choices.append(("", bare, ""))
    if not bare:
        choices.append((app_name, "", ""))
    return choices


def _joined(choice: tuple[str, str, str]) -> str:
    app_name, title, counts = choice
    text = APP_SEPARATOR.join(part for part in (app_name, title) if part)
    return text + (COUNTS_SEPARATOR + counts if counts else "")


def _cut_middle(text: str, width: int) -> str:
    """The text in `width` cells at most: its start, `…`, its end."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    keep = width - 1
    head = text[: keep - keep // 2]
    tail = text[len(text) - keep // 2 :] if keep // 2 else ""
    while cell_len(head) + cell_len(tail) > keep:  # wide characters: trim until it fits
        if cell_len(head) >= cell_len(tail):
            head = head[:-1]
        else:
            tail = tail[1:]
    return f"{head}…{tail}"


def fit_title(app_name: str, title: str, sub_title: str, width: int) -> Content:
    """The fullest choice that fits in `width` cells (the name cut in the middle if even it alone does not),
    the app's name bold and the counts dim; input text stays plain content, never markup."""
    choices = title_choices(app_name, title, sub_title)
    choice = next((c for c in choices if cell_len(_joined(c)) <= width), None)
    if choice is None:
        return Content(_cut_middle(choices[-1][1] or app_name, width))
    app_part, title_part, counts = choice
    parts: list[Content | str | tuple[str, str]] = []
    if app_part:
        parts.append((app_part, "bold"))
    if title_part:
        parts += [APP_SEPARATOR] if app_part else []
        parts.append(Content(title_part))
    if counts:
        parts += [COUNTS_SEPARATOR, Content(counts).stylize("dim")]
    return Content.assemble(*parts)


class TitleBar(Header):
    """Textual's Header, its title fitted to the room it has (again whenever the window changes)."""

    def format_title(self) -> Content:
        full = self.app.format_title(self.screen_title, self.screen_sub_title)
        room = self.size.width - CLOCK_SPACE if self.size.width else self.app.size.width - CLOCK_SPACE
        if cell_len(full.plain) <= room:
            return full
        return fit_title(self.app.title, self.screen_title, self.screen_sub_title, max(1, room))

    def on_resize(self, event: events.Resize) -> None:
        for title in self.query("HeaderTitle").results(Static):
            title.update(self.format_title())
