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
    """(keys, what it does) in binding order; bindings that share a description share a row (`1…9`).

    What it does is the binding's tooltip when it has one (the footer shows the short description)."""
    rows: dict[str, tuple[list[str], str]] = {}
    for item in bindings:
        binding = item if isinstance(item, Binding) else Binding(*item)
        if not binding.description or binding.system:
            continue
        keys, _ = rows.setdefault(binding.description, ([], binding.tooltip or binding.description))
        for key in binding.key.split(","):
            name = key_name(key)
            if name not in keys:
                keys.append(name)
    out: list[tuple[str, str]] = []
    for keys, what in rows.values():
        if len(keys) > 3 and all(len(k) == 1 and k.isdigit() for k in keys):
            out.append((f"{keys[0]}…{keys[-1]}", what))
        else:
            out.append((" / ".join(keys), what))
    return out


def key_sections(
    sections: Sequence[tuple[str, Iterable[BindingType]]],
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Sections of (keys, description) rows, mouse last: the help screen's content and the README's table."""
    return [(title, key_rows(bindings)) for title, bindings in sections] + [("Mouse", MOUSE_KEYS)]


class HelpScreen(ModalScreen[None]):
    """Lists every key by section; escape, q or ? close it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,?", "dismiss", "Close help")]

    def __init__(self, sections: Sequence[tuple[str, Iterable[BindingType]]]) -> None:
        super().__init__()
        self.sections = key_sections(sections)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog"):
            yield Static(Text("thread-explorer keys  (esc, q or ? to close)", style="bold"), id="help-title")
            for title, rows in self.sections:
                table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=False)
                table.add_column("key", style="bold", no_wrap=True, width=14)
                table.add_column("what")
                for keys, description in rows:
                    table.add_row(Text(keys), Text(description))
                yield Static(Text(title, style="bold underline"), classes="help-section")
                yield Static(table, classes="help-table")
