"""Make comment text safe to print on a terminal: control characters become visible symbols.

Comments are data. An ANSI escape sequence inside one (`\\x1b[2J` clears the screen) must never reach a
terminal raw, so everything the command line prints from comments goes through `printable`. C0 controls and
DEL become their Unicode control pictures (U+2400 to U+2421, `\\x1b` is shown as `␛`); C1 controls (U+0080 to
U+009F, where U+009B is a one-character CSI) become `␦`. Newline and tab are kept. Every character maps to
exactly one, so positions (highlight spans) stay valid on the printable text.
"""

from __future__ import annotations

C1_SYMBOL = "\u2426"  # ␦


def _table() -> dict[int, str]:
    """The translation table `printable` applies."""
    table: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
    del table[ord("\n")], table[ord("\t")]
    table[0x7F] = "\u2421"  # ␡
    table.update({code: C1_SYMBOL for code in range(0x80, 0xA0)})
    return table


PRINTABLE_TABLE = _table()


def printable(text: str) -> str:
    """The text with C0/C1 control characters and DEL (not newline and tab) replaced by visible symbols."""
    return text.translate(PRINTABLE_TABLE)


def one_line(text: str) -> str:
    """Printable text on one line: runs of white space (newlines and tabs included) become one space."""
    return " ".join(printable(text).split())
