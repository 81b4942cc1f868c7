"""The help screen: every key, read from the widgets' bindings so that it can never drift from them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEY_NAMES = {
    "down": "↓", "up": "↑", "left": "←", "right": "→", "home": "Home", "end": "End", "pagedown": "PgDn",
    "pageup": "PgUp", "space": "Space", "enter": "Enter", "backspace": "Backspace", "escape": "Esc",
    "tab": "Tab", "minus": "-", "plus": "+", "asterisk": "*", "slash": "/", "question_mark": "?",
    "left_curly_bracket": "{", "right_curly_bracket": "}",
}  # fmt: skip

MOUSE_KEYS: list[tuple[str, str]] = [
    ("click", "Select a comment"),
    ("click ▸ / ▾", "Fold / unfold it"),
    ("wheel", "Scroll"),
]


def key_name(key: str) -> str:
    """How a key is written for people: `ctrl+f` -> `Ctrl+F`, `down` -> `↓`, single characters as they are."""
    key = key.strip()
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    if "+" in key and len(key) > 1:
        *mods, last = key.split("+")
        return "+".join([m.capitalize() for m in mods] + [KEY_NAMES.get(last, last.upper())])
    return key


def key_rows(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """(keys, description) pairs in binding order; bindings that share a description share a row (1..9)."""
    rows: dict[str, list[str]] = {}
    for item in bindings:
        binding = item if isinstance(item, Binding) else Binding(*item)
        if not binding.description or binding.system:
            continue
        keys = rows.setdefault(binding.description, [])
        for key in binding.key.split(","):
            name = key_name(key)
            if name not in keys:
                keys.append(name)
    out: list[tuple[str, str]] = []
    for description, keys in rows.items():
        if len(keys) > 3 and all(len(k) == 1 and k.isdigit() for k in keys):
            out.append((f"{keys[0]}…{keys[-1]}", description))
        else:
            out.append((" / ".join(keys), description))
    return out


def key_sections(sections: Sequence[tuple[str, Iterable[BindingType]]]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Sections of (keys, description) rows, mouse last: the help screen's content and the README's table."""
    return [(title, key_rows(bindings)) for title, bindings in sections] + [("Mouse", MOUSE_KEYS)]


class HelpScreen(ModalScreen[None]):
    """Lists every key by section; escape, q or ? close it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,?", "dismiss", "Close help")]

    def __init__(self, sections: Sequence[tuple[str, Iterable[BindingType]]]) -> None:
        super().__init__()
        self.sections = key_sections(sections)

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=False)
        table.add_column("key", style="bold", no_wrap=True)
        table.add_column("what")
        for number, (title, rows) in enumerate(self.sections):
            if number:
                table.add_row("", "")
            table.add_row(Text(title, style="bold underline"), "")
            for keys, description in rows:
                table.add_row(Text(keys), Text(description))
        with VerticalScroll(id="help-dialog"):
            yield Static(Text("thread-explorer keys  (esc, q or ? to close)", style="bold"), id="help-title")
            yield Static(table, id="help-table")
