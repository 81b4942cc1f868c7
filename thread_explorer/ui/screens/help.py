"""The help screen: every key of a screen by section, from the one key table (`ui/keys.py`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..keys import EXPLORER_OWNERS, bindings, help_sections


class HelpScreen(ModalScreen[None]):
    """Lists every key of the given owners (see `keys.OWNERS`) by section; escape, q or ? close it."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("help")

    def __init__(
        self, owners: Sequence[str] = EXPLORER_OWNERS, *, title: str = "thread-explorer keys"
    ) -> None:
        super().__init__()
        self.sections = help_sections(owners)
        self.heading = title

    def action_help_line(self, step: int) -> None:
        """j/k scroll the list a line, as they move everywhere else."""
        self.query_one("#help-dialog", VerticalScroll).scroll_relative(y=step, animate=False)

    def action_help_edge(self, end: int) -> None:
        """g/G go to the top or the end of the list."""
        dialog = self.query_one("#help-dialog", VerticalScroll)
        dialog.scroll_end(animate=False) if end else dialog.scroll_home(animate=False)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog"):
            yield Static(Text(f"{self.heading}  (esc, q or ? to close)", style="bold"), id="help-title")
            for title, rows in self.sections:
                table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=False)
                table.add_column("key", style="bold", no_wrap=True, width=16)
                table.add_column("what")
                for keys, description in rows:
                    table.add_row(Text(keys), Text(description))
                yield Static(Text(title, style="bold underline"), classes="help-section")
                yield Static(table, classes="help-table")
