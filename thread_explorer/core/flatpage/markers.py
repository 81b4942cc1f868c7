"""Recognise `In reply to SUBJECT by AUTHOR` lines and compare their subject with a candidate parent.

Kept apart from the parser so the matching rules (exact Drupal subject, other cuts, fuzzy typed subjects) can be
read and tested on their own.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from rapidfuzz import fuzz, process

from .subject import ELLIPSIS, NO_SUBJECT, SUBJECT_LENGTH, both_cuts, is_word_boundary

MAX_SUBJECT = 64  # Drupal's comment subject field holds at most 64 characters
MAX_AUTHOR = 60  # and a username at most 60
MAX_MARKER = len("In reply to ") + MAX_SUBJECT + 3 + len(" by ") + MAX_AUTHOR + 32  # (`...`, stray spaces)
SPACES = re.compile(r"\s+")

# Match strengths, strongest first; 0 means no textual evidence.
EXACT, PREFIX, FUZZY, NONE = 3, 2, 1, 0
FUZZY_THRESHOLD = 86.0


class MarkerReading(NamedTuple):
    """One way to split a marker line into subject and author (a line with several " by " has several)."""

    subject: str
    author: str


def normalise(text: str) -> str:
    """Fold runs of white space and write a trailing `...` as `…`, as scrapes often do."""
    text = " ".join(text.split()) if ("  " in text or "\t" in text or "\n" in text) else text.strip()
    if text.endswith("...") and not text.endswith("...."):
        text = text[:-3].rstrip() + ELLIPSIS
    return text


def read_marker(line: str) -> list[MarkerReading]:
    """The readings of a marker line, most likely first; empty if the line is not a marker."""
    line = line.strip()
    if not line.startswith("In reply to ") or len(line) > MAX_MARKER:
        return []  # longer than any subject and author Drupal allows (and no regex backtracks on space runs)
    rest = line[len("In reply to ") :].strip()
    first = rest.find(" by ")
    if first < 0:
        return []
    if rest.find(" by ", first + 1) < 0:  # the common case: one way to read it
        subject, author = rest[:first].strip(), rest[first + 4 :].strip()
        if subject and author and len(subject) <= MAX_SUBJECT + 3 and len(author) <= MAX_AUTHOR:
            return [MarkerReading(normalise(subject), author)]
        return []
    readings: list[MarkerReading] = []
    start = 0
    while True:
        at = rest.find(" by ", start)
        if at < 0:
            break
        subject, author = rest[:at].strip(), rest[at + 4 :].strip()
        if subject and author and len(subject) <= MAX_SUBJECT + 3 and len(author) <= MAX_AUTHOR:
            readings.append(MarkerReading(normalise(subject), author))
        start = at + 1
    # A subject ending in the ellipsis is the generated one: the " by " right after it is the split. Otherwise
    # prefer the last " by " (usernames with " by " are rarer than subjects with it).
    readings.sort(key=lambda r: (not r.subject.endswith(ELLIPSIS), -len(r.subject)))
    return readings


def looks_generated(subject: str) -> bool:
    """True if the subject has the shape of Drupal's automatic cut (ends with `…`), so it was not typed."""
    return subject.endswith(ELLIPSIS) or subject == NO_SUBJECT


DRUPAL7_LONG = 20  # on a Drupal 7 page, an unmatched subject this long is taken for a cut, not typed


def page_is_drupal7(subjects: list[str]) -> bool:
    """Whether a page's markers carry Drupal 7 cuts: several markers, and no subject ends in `…`."""
    return len(subjects) >= 3 and not any(s.endswith(ELLIPSIS) for s in subjects)


def names_missing(subject: str, drupal7: bool = False) -> bool:
    """Whether a subject that matches no comment was cut by Drupal (so names a comment not on the page) rather
    than typed: it ends in `…`; or it ends like a sentence (`.`, `!`: a whole short body kept as its subject;
    people do not end titles so); or, on a Drupal 7 page, it is long enough to be a cut."""
    if looks_generated(subject):
        return True
    if subject.endswith((".", "!")) and not subject.endswith(".."):
        return True
    return drupal7 and len(subject) >= DRUPAL7_LONG


def names_short_body(subject: str) -> bool:
    """A subject that is a whole short body (`lol`, `This.`): many comments share it, so it proves little."""
    return not subject.endswith(ELLIPSIS) and len(subject) < SUBJECT_LENGTH - 9


def generated_subjects(body: str) -> tuple[str, str]:
    """The subjects Drupal would generate for this body: with the ellipsis, and without (older Drupal)."""
    if not body:
        return NO_SUBJECT, NO_SUBJECT
    cut, old_cut = both_cuts(body)
    return normalise(cut), normalise(old_cut)


SEEN_WHY = "the same subject an earlier reply to it carried"


def exact_match(subject: str, subjects: tuple[str, str]) -> str | None:
    """Why a marker subject is exactly one of a body's generated subjects (Drupal 8's or 7's cut), or None."""
    if subject == subjects[0]:
        return "its Drupal subject (body cut to 29 characters)"
    if subject == subjects[1]:
        return "its Drupal subject cut without the ellipsis (older Drupal)"
    return None


def marker_head(subject: str) -> str:
    """The part of a marker subject that a body's text must start with (a cut's `…` and trailing dots off)."""
    return subject[:-1].rstrip(". ") if subject.endswith(ELLIPSIS) else subject


def prefix_match(subject: str, head: str, flat: str) -> str | None:
    """Why the normalised body `flat` starts with the subject (cut at another length, or typed as its opening
    words), or None."""
    if head and flat.startswith(head):
        nxt = flat[len(head) : len(head) + 1]
        if subject.endswith(ELLIPSIS) and len(head) >= 3:
            return "the start of its text, cut at another length"
        if len(head) >= 15 and (not nxt or is_word_boundary(nxt)):
            return "the start of its text"
    return None


FUZZY_TEXT = 400  # characters of a body a typed subject is compared with
FUZZY_HEAD = 6  # a subject shorter than this is never compared fuzzily


def fuzzy_text(flat: str) -> str:
    """The part of a normalised body that fuzzy comparison looks at, as it compares it."""
    return flat[:FUZZY_TEXT].lower()


def resembling(head: str, texts: list[str]) -> list[tuple[int, float]]:
    """(index, score) of the texts (cut by fuzzy_text) a typed subject's head resembles, in their order: what
    match_strength's fuzzy step finds for each of them, in one batched rapidfuzz call."""
    hits = process.extract(
        head.lower(),
        texts,
        scorer=fuzz.partial_ratio,
        processor=None,
        score_cutoff=FUZZY_THRESHOLD,
        limit=None,
    )
    return sorted((index, score) for _, score, index in hits)


def fuzzy_why(score: float) -> str:
    return f"a typed subject resembling its text ({score:.0f}% similar)"


def match_strength(
    subject: str,
    body: str,
    seen: set[str] | frozenset[str] | None = None,
    *,
    fuzzy: bool = True,
    subjects: tuple[str, str] | None = None,
) -> tuple[int, str]:
    """How well a marker subject names a comment with this body (see `body_for_subject`), and why in words.

    Only the first few hundred characters of the body matter; `fuzzy=False` skips the costly fuzzy comparison;
    `subjects` passes `generated_subjects(body)` when the caller has them already.
    """
    if seen and subject in seen:
        return EXACT, SEEN_WHY
    if not body:
        return (EXACT, "its Drupal subject (an empty body)") if subject == NO_SUBJECT else (NONE, "")
    exact = exact_match(subject, subjects or generated_subjects(body))
    if exact is not None:
        return EXACT, exact
    head = marker_head(subject)
    flat = normalise(body)
    prefix = prefix_match(subject, head, flat)
    if prefix is not None:
        return PREFIX, prefix
    if fuzzy and len(head) >= FUZZY_HEAD:
        score = fuzz.partial_ratio(head.lower(), fuzzy_text(flat))
        if score >= FUZZY_THRESHOLD:
            return FUZZY, fuzzy_why(score)
    return NONE, ""
