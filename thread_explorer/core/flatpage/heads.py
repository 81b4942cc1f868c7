"""Drupal's subjects of the text that starts at each line of a page, computed once and shared by its readings.

Drupal cuts a body at 29 characters, so a line of `DECIDING_LENGTH` characters or more decides the subjects of any
text that starts with it: the readers look them up here instead of joining lines and cutting them again for every
marker that asks (the inner loop of reading a page).
"""

from __future__ import annotations

from .lines import Line
from .markers import generated_subjects
from .subject import SUBJECT_LENGTH

DECIDING_LENGTH = SUBJECT_LENGTH + 2  # the cut looks at characters 0..29, and the text must be longer than 29


class LineSubjects:
    """Subjects (Drupal 8's cut and Drupal 7's) of the text from line k on, for lines long enough to decide them."""

    def __init__(self, lines: list[Line]) -> None:
        self.texts = [line.text for line in lines]
        self.known: dict[int, tuple[str, str]] = {}

    def decides(self, k: int) -> bool:
        """Whether line k alone decides the subjects of any text starting with it."""
        return k < len(self.texts) and len(self.texts[k]) >= DECIDING_LENGTH

    def of(self, k: int) -> tuple[str, str]:
        """The subjects of any text that starts with line k (only where `decides(k)`)."""
        got = self.known.get(k)
        if got is None:
            got = self.known[k] = generated_subjects(self.texts[k])
        return got
