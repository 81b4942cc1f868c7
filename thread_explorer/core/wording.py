"""How counts are said to people, the same in the app, the command line and Markdown: `1 reply`, `3 replies`,
`88,395 comments` (thousands separated)."""

from __future__ import annotations


def plural_of(word: str) -> str:
    """`reply` -> `replies`, `match` -> `matches`, `story` -> `stories`, `day` -> `days`, `page` -> `pages`."""
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
        return word[:-1] + "ies"
    if word.endswith(("ch", "sh", "s", "x")):
        return word + "es"
    return word + "s"


def plural(count: int, word: str) -> str:
    """`1 reply`, `3 replies`, `2 comments`, `4 matches`, `12,000 pages`."""
    return f"1 {word}" if count == 1 else f"{count:,} {plural_of(word)}"
