"""Learn a page's comment template: the lines a Drupal theme prints around every comment.

Text extractors keep what the theme shows: `Submitted by AUTHOR on DATE` (Classy, Drupal 7's default), or an
author line and a date line (Bartik, Olivero), `Permalink`, the comment's own subject, and a links line
(`Reply`, `Log in to post comments`, ...). Lines of these shapes that recur on the page are its template: they
bound comments for certain and give author, date and subject. A page without them is read by markers alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from .markers import MAX_AUTHOR, MAX_SUBJECT, generated_subjects

NOT_VERIFIED = " (not verified)"
SUBMITTED_RE = re.compile(r"^Submitted by (?P<author>.{1,80}?)(?: on (?P<date>.{1,60}))?$")
# Date shapes Drupal sites print (`medium` and custom formats) and relative ones; whole lines only.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?"
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?\s?(?:[ap]\.?m\.?|[AP]M)?"
DATE_RE = re.compile(
    rf"^(?:{_DAY} )?(?:"
    rf"\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|{_MONTH} \d{{1,2}},? \d{{4}}|\d{{1,2}} {_MONTH},? \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf")(?:,? (?:-|at|@)? ?{_CLOCK})?$"
    rf"|^(?:\d+ (?:sec|min|hour|day|week|month|year)s? ?)+ago$",
    re.IGNORECASE,
)
DATE_LINES_RE = re.compile(DATE_RE.pattern, re.IGNORECASE | re.MULTILINE)  # the same, over many lines
DATE_FORMATS = (
    "%B %d, %Y - %I:%M%p",
    "%b %d, %Y - %I:%M%p",
    "%a, %m/%d/%Y - %H:%M",
    "%m/%d/%Y - %H:%M",
    "%d/%m/%Y - %H:%M",
    "%B %d, %Y",
    "%Y-%m-%d %H:%M",
    "%d %B %Y at %H:%M",
)
LINK_PHRASES = (
    "log in or register to post comments",
    "login or register to post comments",
    "log in to post comments",
    "login to post comments",
    "register to post comments",
)
LINK_WORDS = frozenset(
    ["reply", "delete", "edit", "quote", "flag", "report", "approve", "unpublish", "permalink"]
)
COMMENT_NO_RE = re.compile(r"^(?:Comment )?#\d+$")
DIGIT_RE = re.compile(r"\d")


class Kind(StrEnum):
    """What a non-blank line is to the template."""

    TEXT = "text"
    MARKER = "marker"
    SUBMITTED = "submitted"
    DATE = "date"
    PERMALINK = "permalink"
    LINKS = "links"
    NEW = "new"  # Drupal's `new` flag, or a `Comment #N` line


def is_links_line(text: str) -> bool:
    """A line of comment links only: `Reply`, `Delete Edit Reply`, `Log in to post comments`, ..."""
    lowered = text.lower()
    rest = lowered
    if "post comments" in rest:
        for phrase in LINK_PHRASES:
            rest = rest.replace(phrase, " ")
    words = rest.replace("|", " ").replace("·", " ").split()
    return rest != lowered or (0 < len(words) <= 6 and all(w in LINK_WORDS for w in words))


def line_kind(text: str, is_marker: bool) -> Kind:
    """The template kind of one stripped, non-blank line."""
    if is_marker:
        return Kind.MARKER
    size = len(text)
    if size > 140:
        return Kind.TEXT
    if text == "Permalink":
        return Kind.PERMALINK
    if text.startswith("Submitted by ") and SUBMITTED_RE.match(text):
        return Kind.SUBMITTED
    if size > 60:  # dates, links lines and `Comment #N` are short
        return Kind.TEXT
    if text == "new" or (text[-1].isdigit() and COMMENT_NO_RE.match(text)):
        return Kind.NEW
    if size <= 45 and DIGIT_RE.search(text) and DATE_RE.match(text):
        return Kind.DATE
    if is_links_line(text):
        return Kind.LINKS
    return Kind.TEXT


def split_author(name: str) -> tuple[str, bool]:
    """`NAME (not verified)` -> (`NAME`, True): the flag Drupal adds to anonymous authors is not the name."""
    if name.endswith(NOT_VERIFIED):
        return name[: -len(NOT_VERIFIED)].rstrip(), True
    return name, False


def submitted_parts(line: str) -> tuple[str, str | None]:
    """`Submitted by AUTHOR on DATE` -> (AUTHOR, DATE); the name may hold " on " itself (`Stuck on Zero`), so
    the split is the first " on " followed by a date, else the last one."""
    rest = line[len("Submitted by ") :]
    splits: list[int] = []
    at = rest.find(" on ")
    while at >= 0:
        splits.append(at)
        at = rest.find(" on ", at + 1)
    for at in splits:
        if DATE_RE.match(rest[at + 4 :]):
            return rest[:at], rest[at + 4 :]
    if splits:
        return rest[: splits[-1]], rest[splits[-1] + 4 :]
    return rest, None


def parse_date(text: str) -> float | None:
    """Unix seconds for the date shapes that say a day and time (taken as UTC: the site's zone is unknown)."""
    cleaned = text.replace("a.m.", "am").replace("p.m.", "pm").replace(" am", "am").replace(" pm", "pm")
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).replace(tzinfo=UTC).timestamp()
        except ValueError:
            continue
    return None


@dataclass
class Block:
    """One comment as the template bounds it: lines [start, end) over the non-blank lines."""

    start: int
    end: int
    author: str | None = None
    not_verified: bool = False
    date: str | None = None
    marker: int | None = None  # line index of its `In reply to` line
    subject: int | None = None  # line index of its displayed subject
    body: list[int] = field(default_factory=list)  # line indexes of its text
    template: list[int] = field(default_factory=list)  # other template lines (Permalink, links, ...)


@dataclass
class Template:
    """The template found on a page: its name, a description, the comment blocks, and lines after them."""

    name: str
    description: str
    blocks: list[Block]
    footer: list[int] = field(default_factory=list)  # lines after the last comment's links line


SAMPLE_LINES = 3000  # lines from the page's start, and markers whose neighbours, are looked at first
SAMPLE_MARKERS = 200
HEADER_GROUP = (Kind.DATE, Kind.PERMALINK, Kind.MARKER, Kind.NEW)


def learn_template(texts: list[str], marker_at: set[int]) -> Template | None:
    """The page's comment template, or None when no template lines recur (the page is read by markers)."""
    if not template_signs(texts, marker_at):
        return None
    kinds = [line_kind(t, i in marker_at) for i, t in enumerate(texts)]
    count = {k: 0 for k in Kind}
    for k in kinds:
        count[k] += 1
    if count[Kind.SUBMITTED] >= 1:
        starts = [i for i, k in enumerate(kinds) if k is Kind.SUBMITTED]
        header = "submitted"
    else:
        starts = [
            i - 1
            for i, k in enumerate(kinds)
            if k is Kind.DATE and i > 0 and kinds[i - 1] is Kind.TEXT and len(texts[i - 1]) <= MAX_AUTHOR + 15
        ]
        header = "author-date"
    if not starts or (len(starts) == 1 and not followed_by_template(starts[0], kinds, header)):
        return None  # one header line alone is not a template: it needs Permalink, a marker or a links line
    if marker_at and min(marker_at) < starts[0]:
        return None  # a marker before the first comment: this is not the page's template
    blocks = [Block(s, e) for s, e in zip(starts, [*starts[1:], len(texts)], strict=True)]
    for block in blocks:
        if markers_in(block, kinds) > 1:
            return None  # two markers in one comment: the recurring lines are not what bounds comments
        read_block(block, texts, kinds, header)
    footer: list[int] = []
    last = blocks[-1]
    ends_in_links = sum(1 for b in blocks[:-1] if b.template and kinds[b.template[-1]] is Kind.LINKS)
    links_at = [i for i in last.body if kinds[i] is Kind.LINKS]
    if links_at and ends_in_links >= (len(blocks) - 1) // 2 and ends_in_links > 0:
        cut = links_at[-1]  # the last comment ends at its links line; what follows is the page's footer
        footer = [i for i in last.body if i > cut] + [i for i in last.template if i > cut]
        last.body = [i for i in last.body if i < cut]
        last.template = [i for i in last.template if i < cut] + [cut]
        last.end = cut + 1
    choose_subjects(blocks, texts, marker_at)
    name, description = describe(blocks, kinds, header)
    return Template(name, description, blocks, footer)


def followed_by_template(start: int, kinds: list[Kind], header: str) -> bool:
    """Whether a lone header is followed by other template lines (Permalink, a marker, a links line)."""
    after = kinds[start + (2 if header == "author-date" else 1) :]
    return any(k in (Kind.PERMALINK, Kind.MARKER, Kind.LINKS) for k in after[:3]) or Kind.LINKS in after


def template_signs(texts: list[str], marker_at: set[int]) -> bool:
    """A cheap look at a sample (the page's start and the lines around its first markers) for header lines,
    so that pages without a template pay little for the question."""
    sample = set(range(min(len(texts), SAMPLE_LINES)))
    for m in sorted(marker_at)[:SAMPLE_MARKERS]:
        sample.update(range(max(0, m - 4), min(len(texts), m + 4)))
    looked = [texts[i] for i in sorted(sample - marker_at)]
    # One search over the sample joined (a date shape is a whole line; a false hit across lines only costs
    # the full look below, which decides line by line), then the `Submitted by` lines one by one.
    if DATE_LINES_RE.search("\n".join(t for t in looked if len(t) <= 45)):
        return any(line_kind(t, False) in (Kind.SUBMITTED, Kind.DATE) for t in looked)
    return any(line_kind(t, False) is Kind.SUBMITTED for t in looked if t.startswith("Submitted by "))


def markers_in(block: Block, kinds: list[Kind]) -> int:
    return sum(1 for i in range(block.start, block.end) if kinds[i] is Kind.MARKER)


def read_block(block: Block, texts: list[str], kinds: list[Kind], header: str) -> None:
    """Sort a block's lines into header (author, date, marker, Permalink), body and trailing links."""
    i = block.start
    if header == "submitted":
        name, block.date = submitted_parts(texts[i])
        block.author, block.not_verified = split_author(name)
    else:
        block.author, block.not_verified = split_author(texts[i])
        block.date = texts[i + 1]
        i += 1
    i += 1
    while i < block.end and kinds[i] in HEADER_GROUP:
        if kinds[i] is Kind.MARKER and block.marker is None:
            block.marker = i
        elif kinds[i] is Kind.DATE and block.date is None:
            block.date = texts[i]
        else:
            block.template.append(i)
        i += 1
    end = block.end
    while end > i and kinds[end - 1] in (Kind.LINKS, Kind.NEW, Kind.PERMALINK):
        end -= 1
    trailing = list(range(end, block.end))
    block.body = list(range(i, end))
    block.template.extend(trailing)
    if block.marker is None:  # markers after the body (some themes): the last body line may be it
        for j in block.body:
            if kinds[j] is Kind.MARKER:
                block.marker = j
                block.body.remove(j)
                break


def choose_subjects(blocks: list[Block], texts: list[str], marker_at: set[int]) -> None:
    """Decide from the page whether comments show their own subject as their first text line, and mark it."""
    named = {subject_of_marker(texts[m]) for m in marker_at}
    named.discard(None)
    evidence = against = 0
    for block in blocks:
        if len(block.body) < 2:
            continue
        first, rest = texts[block.body[0]], " ".join(texts[j] for j in block.body[1:])
        whole = " ".join(texts[j] for j in block.body)
        if first in generated_subjects(rest) or (first in named and first not in generated_subjects(whole)):
            evidence += 1
        elif any(s in named and s != first for s in generated_subjects(whole)):
            against += 1
    if against >= evidence and (against or not looks_like_subjects(blocks, texts)):
        return
    for block in blocks:
        if len(block.body) >= 2 and len(texts[block.body[0]]) <= MAX_SUBJECT:
            block.subject = block.body.pop(0)


def looks_like_subjects(blocks: list[Block], texts: list[str]) -> bool:
    """Without evidence either way (no marker names a comment): Drupal shows subjects by default, so a short
    first line in every comment of two lines or more is taken for one."""
    firsts = [texts[b.body[0]] for b in blocks if len(b.body) >= 2]
    return bool(firsts) and all(len(f) <= MAX_SUBJECT for f in firsts)


def subject_of_marker(text: str) -> str | None:
    """The subject of a marker line, split at its last ` by ` (enough to learn whether subjects are shown)."""
    rest = text.strip()[len("In reply to ") :]
    at = rest.rfind(" by ")
    return rest[:at].strip() if at > 0 else None


def describe(blocks: list[Block], kinds: list[Kind], header: str) -> tuple[str, str]:
    """A theme name (classy, bartik, olivero) for the shape found, and the template in words."""
    permalink_first = sum(
        1
        for b in blocks
        if b.marker is not None and any(kinds[j] is Kind.PERMALINK and j < b.marker for j in b.template)
    )
    has_permalink = any(kinds[j] is Kind.PERMALINK for b in blocks for j in b.template)
    has_links = any(kinds[j] is Kind.LINKS for b in blocks for j in b.template)
    subjects = any(b.subject is not None for b in blocks)
    if header == "submitted":
        name = "classy"
        parts = ["Submitted by AUTHOR on DATE"]
    else:
        name = "bartik" if has_permalink and permalink_first else "olivero"
        parts = ["AUTHOR", "DATE"]
    if has_permalink:
        parts.append("Permalink")
    parts += ["subject line"] if subjects else []
    parts += ["links line"] if has_links else []
    return name, f"{name}-like: " + " / ".join(parts)
