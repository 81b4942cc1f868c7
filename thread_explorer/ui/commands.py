"""Command palette entries (ctrl+p) for the explorer's actions, for people who prefer names to keys."""

from __future__ import annotations

from collections.abc import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (name, help, screen action): actions of the explorer screen, or of its tree when prefixed "tree."
COMMANDS: list[tuple[str, str, str]] = [
    ("Search", "Fuzzy search the article, comments and authors (/)", "search"),
    ("Export subtree…", "Write the selected subtree as JSON, Markdown or text (e)", "export"),
    ("Copy subtree as Markdown", "Copy the selected subtree to the clipboard (y)", "copy"),
    ("Fold all threads", "Fold every thread to its top-level comment (-)", "tree.fold_all"),
    ("Unfold all", "Open every comment (+)", "tree.unfold_all"),
    (
        "Only this author",
        "Show only the selected comment's author, or everyone again (a)",
        "tree.author_filter",
    ),
    (
        "Only matches",
        "Hide comments that do not match the search, or show them again (f)",
        "tree.toggle_filter",
    ),
    ("Jump to parent", "Select the parent of the selected comment (p)", "tree.parent"),
    ("Back", "Return to where the last jump started (backspace)", "tree.back"),
    *[
        (f"Show depth {n}", f"Show the tree down to level {n} ({n})", f"tree.depth({n})")
        for n in range(1, 10)
    ],
]


class ExplorerCommands(Provider):
    """Offers the explorer's actions by name; does nothing on other screens (loading, dialogs)."""

    def _runner(self, action: str) -> Callable[[], None] | None:
        screen = self.screen
        if not hasattr(screen, "tree"):
            return None
        if action.startswith("tree."):
            name = action.removeprefix("tree.")

            def run_tree() -> None:
                tree = screen.tree  # type: ignore[attr-defined]
                screen.call_later(tree.run_action, name)

            return run_tree

        def run_screen() -> None:
            screen.call_later(screen.run_action, action)

        return run_screen

    async def discover(self) -> Hits:
        for name, help_text, action in COMMANDS:
            runner = self._runner(action)
            if runner is not None and not name.startswith("Show depth"):
                yield DiscoveryHit(name, runner, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in COMMANDS:
            runner = self._runner(action)
            if runner is None:
                continue
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), runner, help=help_text)
