"""Drupal's default comment subject: the body cut word-safe to 29 characters with an ellipsis.

Mirrors `Unicode::truncate($body, 29, wordsafe: TRUE, add_ellipsis: TRUE)` from Drupal core, which the comment
module uses when the author typed no subject; the parser compares reply markers against it.
"""

from __future__ import annotations

import re
import unicodedata

SUBJECT_LENGTH = 29
ELLIPSIS = "…"
NO_SUBJECT = "(No subject)"


_BOUNDARY: dict[str, bool] = {}


def is_word_boundary(char: str) -> bool:
    """True for the characters Drupal's PREG_CLASS_WORD_BOUNDARY holds: white space, punctuation, symbols."""
    known = _BOUNDARY.get(char)
    if known is None:
        known = _BOUNDARY[char] = char.isspace() or unicodedata.category(char)[0] in "PSZC"
    return known


_ASCII_BOUNDARIES = "".join(chr(c) for c in range(128) if is_word_boundary(chr(c)))
_FIRST_BOUNDARY = re.compile(f"[{re.escape(_ASCII_BOUNDARIES)}]")


def last_boundary(text: str, top: int) -> int | None:
    """The last index in 1..top of text that holds a word boundary (a regex over ASCII text, the common case)."""
    window = text[1 : top + 1]
    if window.isascii():
        found = _FIRST_BOUNDARY.search(window[::-1])
        return None if found is None else top - found.start()
    for end in range(top, 0, -1):
        if is_word_boundary(text[end]):
            return end
    return None


def truncate(text: str, max_length: int = SUBJECT_LENGTH, *, ellipsis: bool = True) -> str:
    """Drupal's word-safe truncate: cut before the last boundary within max_length, drop trailing periods."""
    if len(text) <= max_length:
        return text
    limit = max_length - 1 if ellipsis else max_length
    cut = last_boundary(text, min(limit, len(text) - 1))
    head = text[:cut] if cut is not None else text[:limit]
    if ellipsis:
        return head.rstrip(".") + ELLIPSIS
    return head


def both_cuts(text: str, max_length: int = SUBJECT_LENGTH) -> tuple[str, str]:
    """`truncate(text)` and `truncate(text, ellipsis=False)` at once (Drupal 8's and 7's subject): the shorter
    cut's boundary is the longer one's unless that one sits on the last character only the longer may keep."""
    if len(text) <= max_length:
        return text, text
    top = min(max_length, len(text) - 1)
    cut = last_boundary(text, top)
    short_top = min(max_length - 1, len(text) - 1)
    short_cut = cut if cut is None or cut <= short_top else last_boundary(text, short_top)
    head = text[:cut] if cut is not None else text[:max_length]
    short = text[:short_cut] if short_cut is not None else text[: max_length - 1]
    return short.rstrip(".") + ELLIPSIS, head


def body_for_subject(paragraphs: list[str] | str) -> str:
    """The body as the subject sees it: paragraphs joined by one space (how breaks show on the page), trimmed."""
    if isinstance(paragraphs, str):
        paragraphs = paragraphs.split("\n")
    return " ".join(p.strip() for p in paragraphs if p.strip()).strip()


def drupal_subject(paragraphs: list[str] | str, *, ellipsis: bool = True) -> str:
    """The subject Drupal would give a comment with this body (`(No subject)` for an empty one)."""
    body = body_for_subject(paragraphs)
    if not body:
        return NO_SUBJECT
    return truncate(body, SUBJECT_LENGTH, ellipsis=ellipsis)
