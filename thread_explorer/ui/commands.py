"""Command palette entries (ctrl+p) for the explorer's actions, from the key table, for people who prefer names."""

from __future__ import annotations

from collections.abc import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode

from .keys import Key, key_name, palette_keys
from .screens.explorer import ExplorerScreen


class ExplorerCommands(Provider):
    """Offers the explorer's actions by name (with their key); does nothing on other screens (loading, dialogs)."""

    def _runner(self, key: Key) -> Callable[[], None] | None:
        screen = self.screen
        if not isinstance(screen, ExplorerScreen):
            return None
        target: DOMNode = {
            "tree": screen.thread_view,
            "detail": screen.detail_pane,
            "app": screen.app,
        }.get(key.owner, screen)

        def run() -> None:
            screen.call_later(screen.app.run_action, key.action, target)

        return run

    @staticmethod
    def _help(key: Key) -> str:
        return f"{key.help} ({key_name(key.keys.split(',')[0])})"

    async def discover(self) -> Hits:
        for key in palette_keys():
            runner = self._runner(key)
            if runner is not None and key.palette is not None and not key.action.startswith("depth"):
                yield DiscoveryHit(key.palette, runner, help=self._help(key))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for key in palette_keys():
            runner = self._runner(key)
            if runner is None or key.palette is None:
                continue
            score = matcher.match(key.palette)
            if score > 0:
                yield Hit(score, matcher.highlight(key.palette), runner, help=self._help(key))
