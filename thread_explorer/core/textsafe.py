"""The one safety rule at the boundary: text from input is made visible before it reaches a screen or terminal.

Comments, authors, urls, ids and file names are data. An ANSI escape sequence inside one (`\\x1b[2J` clears the
screen, `\\x1b]0;…\\x07` sets the window title, `\\x1b]52;c;…` writes the clipboard) must never reach a terminal
raw, and a bidi override (U+202E) or a zero-width character must not reorder or misalign what is shown. So
every string that came from input goes through `printable` (or `one_line`) before it is shown, used as a title
or notification, or printed for people:

- C0 controls and DEL become their Unicode control pictures (U+2400 to U+2421: `\\x1b` is shown as `␛`);
  newline and tab are kept.
- C1 controls (U+0080 to U+009F, where U+009B is a one-character CSI) become `␦`.
- Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and the bidi marks (U+200E, U+200F,
  U+061C) become `⇄`.
- Zero-width and invisible formatting characters (U+200B-U+200D, U+2060-U+2064, U+FEFF, U+180E, U+00AD, the
  line and paragraph separators U+2028/U+2029) become `·` (a visible mark where nothing would show).
- A lone surrogate (only possible from broken input) becomes U+FFFD, so the text can always be encoded.

Every character maps to exactly one, so positions (search highlight spans) stay valid on the printable text.
Nothing here is Rich markup: callers build `rich.text.Text` from the result (or pass `markup=False`).
"""

from __future__ import annotations

__all__ = [
    "BIDI_SYMBOL",
    "C1_SYMBOL",
    "INVISIBLE_SYMBOL",
    "PRINTABLE_TABLE",
    "json_for_terminal",
    "one_line",
    "printable",
]

C1_SYMBOL = "\u2426"  # ␦
BIDI_SYMBOL = "\u21c4"  # ⇄
INVISIBLE_SYMBOL = "\u00b7"  # ·
BIDI_CONTROLS = (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)
INVISIBLE = (*range(0x200B, 0x200E), *range(0x2060, 0x2065), 0xFEFF, 0x180E, 0x00AD, 0x2028, 0x2029)
SURROGATES = range(0xD800, 0xE000)


def _table() -> dict[int, str]:
    """The translation table `printable` applies."""
    table: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
    del table[ord("\n")], table[ord("\t")]
    table[0x7F] = "\u2421"  # ␡
    table.update({code: C1_SYMBOL for code in range(0x80, 0xA0)})
    table.update({code: BIDI_SYMBOL for code in BIDI_CONTROLS})
    table.update({code: INVISIBLE_SYMBOL for code in INVISIBLE})
    table.update({code: "\ufffd" for code in SURROGATES})
    return table


PRINTABLE_TABLE = _table()
# For JSON text: every such character as a \\uXXXX escape (newline and tab outside strings are white space, and
# inside strings the encoder has escaped them already), so the document stays valid and lossless.
JSON_ESCAPE_TABLE = {code: f"\\u{code:04x}" for code in PRINTABLE_TABLE}


def printable(text: str) -> str:
    """The text with control, bidi and invisible characters replaced by visible symbols (newline and tab kept)."""
    return text.translate(PRINTABLE_TABLE)


def json_for_terminal(text: str) -> str:
    """JSON text safe to show on a terminal: the characters `printable` replaces written as \\u escapes instead
    (the same JSON value, nothing lost)."""
    return text.translate(JSON_ESCAPE_TABLE)


def one_line(text: str, limit: int | None = None, *, ellipsis: bool = False) -> str:
    """Printable text on one line: runs of white space (newlines and tabs included) become one space. `limit`
    cuts it to that many characters (the input is cut first, for speed), with `…` as the last when `ellipsis`."""
    if limit is None:
        return " ".join(printable(text).split())
    flat = " ".join(printable(text[: limit * 2 + 2]).split())
    if len(flat) <= limit:
        return flat
    return flat[: max(0, limit - 1)] + "…" if ellipsis else flat[:limit]
