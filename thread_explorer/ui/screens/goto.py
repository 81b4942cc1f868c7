"""Small modal dialogs of the explorer: go to a comment (`:`) and pick a link of a comment (`o`)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from thread_explorer.core.textsafe import printable

from ..keys import bindings


class GotoScreen(ModalScreen[str | None]):
    """Ask for a comment id or a source line number; enter answers it, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("goto")

    def compose(self) -> ComposeResult:
        with Vertical(id="goto-dialog", classes="small-dialog"):
            yield Label(Text("Go to a comment: its id (c18, t1_abc) or a line number of the page"))
            yield Input(
                placeholder="id or line number (enter: go, esc: cancel)", id="goto-input", compact=True
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#goto-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)


class LinksScreen(ModalScreen[tuple[str, str] | None]):
    """The links of a comment: enter opens the chosen one in the browser, Y copies it, escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("links")

    def __init__(self, links: list[str]) -> None:
        super().__init__()
        self.links = links

    def compose(self) -> ComposeResult:
        with Vertical(id="links-dialog", classes="small-dialog"):
            yield Label(Text("Links in this comment\nenter: open in the browser · Y: copy · esc: close"))
            yield OptionList(*[Option(Text(printable(link)), id=str(n)) for n, link in enumerate(self.links)])

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def action_choose(self, what: str) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None:
            self.dismiss((what, self.links[highlighted]))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(("open", self.links[event.option_index]))
