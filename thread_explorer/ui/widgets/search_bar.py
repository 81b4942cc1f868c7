"""The search line: type to search as you go, arrows to step through matches, escape to leave search."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label

from ..keys import bindings


class SearchInput(Input):
    """The text field of the search line; its keys become SearchBar messages."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("search")

    closing = False  # enter or escape was typed: the line is about to close

    async def _on_key(self, event: events.Key) -> None:
        """Keys that reach the field after enter or escape (typed in one burst, before the line closed and the
        focus moved back to the tree) are commands for the tree, not more query."""
        parent = self.parent
        if self.closing or (parent is not None and not parent.display):
            event.stop()
            event.prevent_default()
            self.post_message(SearchBar.KeyAfterClose(event.key, event.character))
            return
        if event.key in ("enter", "escape"):
            self.closing = True
        await super()._on_key(event)

    def action_leave(self) -> None:
        self.post_message(SearchBar.Left())

    def action_step(self, step: int) -> None:
        self.post_message(SearchBar.Step(step))

    def action_filter(self) -> None:
        self.post_message(SearchBar.FilterToggled())


class SearchBar(Horizontal):
    """A docked one-line search field; it sends messages and leaves searching to the screen."""

    @dataclass
    class Changed(Message):
        """The query changed (every keystroke)."""

        query: str

    @dataclass
    class Done(Message):
        """Enter: keep the results and go back to the tree."""

        query: str

    @dataclass
    class Left(Message):
        """Escape: leave search, clearing highlights and filter."""

    @dataclass
    class Step(Message):
        """Up/down while typing: previous/next match."""

        step: int

    @dataclass
    class FilterToggled(Message):
        """Ctrl+F while typing: show only matches, or everything again."""

    @dataclass
    class KeyAfterClose(Message):
        """A key that reached the closed search line: the screen runs it as a command."""

        key: str
        character: str | None

    def compose(self) -> ComposeResult:
        yield Label("/", id="search-prompt")
        yield SearchInput(
            placeholder="fuzzy search text and authors (enter: done, esc: leave)", id="search-input"
        )
        yield Label("", id="search-count")

    @property
    def input(self) -> SearchInput:
        """The text field."""
        return self.query_one(SearchInput)

    def open(self, query: str = "") -> None:
        """Show the bar with a query and focus it."""
        self.display = True
        field = self.input
        field.closing = False
        with field.prevent(Input.Changed):
            field.value = query
        field.cursor_position = len(query)
        field.focus()

    def close(self) -> None:
        """Hide the bar."""
        self.display = False

    def set_count(self, text: str) -> None:
        """The match count shown at the right end."""
        self.query_one("#search-count", Label).update(text)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Done(event.value))
