"""Render any thread as a Drupal page kept as text: a theme's template, threaded or flat order, Drupal 8 or 7
subjects, some typed subjects, some parents left out as pagination would. The truth comes with it, so that
`evaluate` can score the reader on real bodies, names and subjects.
"""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..model import Comment, Thread
from .subject import drupal_subject

TEMPLATES = ("classy", "bartik", "olivero", "stripped")
ORDERS = ("threaded", "flat")
ANONYMOUS = "Anonymous"
TYPED = (
    "Good point", "Agreed", "Thanks", "Question", "Not quite", "Sources?", "Me too", "Wrong", "Re: this",
    "Exactly", "Hmm", "Great post", "Why?", "Nope", "Interesting",
)  # fmt: skip


@dataclass
class RenderOptions:
    """How to render: theme, order, subjects, and how much of the page is awkward."""

    template: str = "classy"
    order: str = "threaded"
    markers: str = "before"  # stripped pages only: marker before or after the body
    drupal7: bool = False  # subjects cut without `…` (older Drupal)
    typed: float = 0.08  # share of comments whose author typed a subject
    missing: float = 0.0  # share of comments with replies left off the page
    unverified: float = 0.3  # share of authors shown as anonymous (`NAME (not verified)`)
    seed: int = 0


@dataclass
class Rendered:
    """The page text and its truth, all by 1-based line number."""

    text: str
    comments: list[Comment]  # the comments on the page, in page order
    first_line: dict[int, int] = field(default_factory=dict)  # id(comment) -> first line of its block
    body: dict[int, list[str]] = field(default_factory=dict)  # id(comment) -> its body lines
    body_lines: dict[int, list[int]] = field(default_factory=dict)  # id(comment) -> their line numbers
    parent: dict[int, Comment | None] = field(default_factory=dict)  # id(comment) -> true parent
    missing: set[int] = field(default_factory=set)  # id() of the parents left off the page (and stand-ins)
    left_out: int = 0  # comments left off the page (stand-ins such as Reddit's "more" stubs not counted)
    subject: dict[int, str] = field(default_factory=dict)  # id(comment) -> its subject (left-out ones too)
    author: dict[int, str] = field(default_factory=dict)  # id(comment) -> the name shown (no flag)
    template_lines: set[str] = field(default_factory=set)  # every template line's text
    block: dict[int, tuple[int, int]] = field(default_factory=dict)  # id(comment) -> its first and last line
    options: RenderOptions = field(default_factory=RenderOptions)  # how it was rendered


def body_of(comment: Comment) -> list[str]:
    """A comment's paragraphs as a page shows them (white space folded as HTML does, blank lines dropped); an
    empty body reads `[deleted]`."""
    lines = [" ".join(p.split()) for p in comment.text.split("\n") if p.strip()]
    return lines or ["[deleted]"]


def typed_subject(body: list[str], rng: random.Random) -> str:
    """A subject somebody typed: a stock phrase, or a few words of what the comment says."""
    words = " ".join(body).split()
    if len(words) < 8 or rng.random() < 0.4:
        return rng.choice(TYPED)
    at = rng.randrange(len(words) - 4)
    return " ".join(words[at : at + rng.randint(2, 5)])[:64].strip(" .,;:") or rng.choice(TYPED)


def page_order(roots: list[Comment], order: str, rng: random.Random) -> list[Comment]:
    """Threaded: depth-first. Flat: chronological (by time where known, else a random order), each comment after
    its parent."""
    if order == "threaded":
        return [c for root in roots for c in root.walk()]
    out: list[Comment] = []
    clock = 0.0
    heap: list[tuple[float, int, Comment]] = []
    serial = 0
    for root in roots:
        heap.append((root.time if root.time is not None else rng.random() * 1e6, serial, root))
        serial += 1
    heapq.heapify(heap)
    while heap:
        when, _, comment = heapq.heappop(heap)
        clock = max(clock, when)
        out.append(comment)
        for child in comment.replies:
            at = child.time if child.time is not None else clock + rng.random() * 1e5
            heapq.heappush(heap, (max(at, clock), serial, child))
            serial += 1
    return out


def stamp(when: float | None, index: int, template: str) -> str:
    """The date a theme prints: Drupal 7's `August 20, 2009 - 5:37am` (Classy) or `Tue, 03/05/2019 - 10:22`."""
    moment = datetime.fromtimestamp(when if when is not None else 1.3e9 + index * 3600, tz=UTC)
    if template == "classy":
        return (
            moment.strftime("%B %d, %Y - %I:%M%p").replace(" 0", " ").replace("AM", "am").replace("PM", "pm")
        )
    return moment.strftime("%a, %m/%d/%Y - %H:%M")


def render_page(thread: Thread, options: RenderOptions) -> Rendered:
    """The thread as a flat Drupal page of this theme and order, with its truth."""
    if options.template not in TEMPLATES or options.order not in ORDERS:
        raise ValueError(f"unknown template or order: {options.template!r}, {options.order!r}")
    rng = random.Random(options.seed)
    roots = list(thread.comments)
    everyone = [c for root in roots for c in root.walk()]
    removed = {id(c) for c in everyone if c.placeholder or (c.replies and rng.random() < options.missing)}
    names: dict[str, str] = {}
    subjects: dict[int, str] = {}
    for c in everyone:
        subject = drupal_subject(body_of(c), ellipsis=not options.drupal7)
        if rng.random() < options.typed:
            subject = typed_subject(body_of(c), rng)
        subjects[id(c)] = subject
        author = c.author if c.author and c.author not in ("[deleted]", "[removed]") else ANONYMOUS
        if author not in names:
            names[author] = " (not verified)" if rng.random() < options.unverified else ""
    lines: list[str] = []
    if thread.article is not None and thread.article.text.strip():
        lines += [p for p in thread.article.text.split("\n") if p.strip()]
    else:
        lines += ["A page of comments", "Comments"]
    lines.append("")
    out = Rendered("", [], subject=subjects, options=options)
    template = options.template
    for index, c in enumerate(page_order(roots, options.order, rng)):
        if id(c) in removed:
            out.missing.add(id(c))
            out.left_out += not c.placeholder
            continue
        author = c.author if c.author and c.author not in ("[deleted]", "[removed]") else ANONYMOUS
        shown = author + names[author]
        parent = c.parent
        marker = None
        if parent is not None:
            p_author = (
                parent.author
                if parent.author and parent.author not in ("[deleted]", "[removed]")
                else ANONYMOUS
            )
            marker = f"In reply to {subjects[id(parent)]} by {p_author}{names.get(p_author, '')}"
        body = body_of(c)
        date = stamp(c.time, index, template)
        head: list[str]
        if template == "classy":
            head = [
                f"Submitted by {shown} on {date}",
                *([marker] if marker else []),
                "Permalink",
                subjects[id(c)],
            ]
            tail = ["Log in to post comments"]
        elif template == "bartik":
            head = [shown, date, "Permalink", *([marker] if marker else []), subjects[id(c)]]
            tail = ["Log in or register to post comments"]
        elif template == "olivero":
            head = [shown, date, *([marker] if marker else []), subjects[id(c)]]
            tail = []
        else:
            head = [marker] if marker and options.markers == "before" else []
            tail = [marker] if marker and options.markers == "after" else []
        out.first_line[id(c)] = len(lines) + 1
        out.template_lines.update(head)
        out.template_lines.update(tail)
        lines += head
        if template != "stripped":
            lines.append("")
        out.body_lines[id(c)] = list(range(len(lines) + 1, len(lines) + 1 + len(body)))
        lines += body
        if template != "stripped":
            lines.append("")
        lines += tail
        if template != "stripped":
            lines.append("")
        out.comments.append(c)
        out.body[id(c)] = body
        out.parent[id(c)] = parent
        out.author[id(c)] = author
        out.block[id(c)] = (out.first_line[id(c)], len(lines))
    out.text = "\n".join(lines) + "\n"
    return out
