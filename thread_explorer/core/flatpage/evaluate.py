"""Score a reading of a rendered page against its truth: reply links, exact bodies, lost and leaked lines."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model import Comment, Thread
from .subject import drupal_subject
from .template import split_author
from .themes import Rendered


@dataclass
class Score:
    """Counts for one page (they add up over pages)."""

    true_links: int = 0  # replies on the page (each has one true parent)
    found_links: int = 0  # replies the reader attached to a parent
    right_links: int = 0  # of those, attached to the true parent (or to a placeholder for a missing one)
    comments: int = 0
    exact_bodies: int = 0
    right_authors: int = 0
    body_lines: int = 0
    lost_lines: int = 0  # body lines neither a comment's text nor the article holds
    leaked_lines: int = 0  # template lines inside a comment's text
    provable_bodies: int = (
        0  # bodies whose both ends the text itself proves (an upper bound for exact_bodies)
    )

    def add(self, other: Score) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.right_links / self.found_links if self.found_links else 1.0

    @property
    def recall(self) -> float:
        return self.right_links / self.true_links if self.true_links else 1.0

    @property
    def exact(self) -> float:
        return self.exact_bodies / self.comments if self.comments else 1.0

    @property
    def provable(self) -> float:
        return self.provable_bodies / self.comments if self.comments else 1.0

    @property
    def authors(self) -> float:
        return self.right_authors / self.comments if self.comments else 1.0


def score_reading(page: Rendered, thread: Thread) -> Score:
    """How well `thread` (the reader's output) recovers the rendered page."""
    owner: dict[int, Comment] = {}  # line -> the true comment whose block holds it
    for c in page.comments:
        first, last = page.block[id(c)]
        for no in range(first, last + 1):
            owner[no] = c
    out = Score(comments=len(page.comments))
    truth_of: dict[int, Comment] = {}
    held: Counter[str] = Counter()  # lines a reading holds as text (the article's too: kept, not lost)
    if thread.article is not None and thread.article.text:
        held.update(thread.article.text.split("\n"))
    for got in thread.walk():
        if got.placeholder or not got.lines:
            continue
        held.update(got.text.split("\n"))
        true = owner.get(got.lines[0])
        if true is None:
            continue
        truth_of[id(got)] = true
    matched: set[int] = set()
    for got in thread.walk():
        true = truth_of.get(id(got))
        if true is None or id(true) in matched:
            continue
        matched.add(id(true))
        body = page.body[id(true)]
        out.exact_bodies += got.text.split("\n") == body
        out.right_authors += split_author(got.author or "")[0] == page.author[id(true)]
        extra = Counter(got.text.split("\n")) - Counter(body)
        out.leaked_lines += sum(n for line, n in extra.items() if line in page.template_lines)
        if got.parent is not None:
            out.found_links += 1
            want = page.parent[id(true)]
            parent = got.parent
            if want is not None and id(want) in page.missing:
                ok = parent.placeholder and parent.text == page.subject[id(want)]
            else:
                ok = not parent.placeholder and truth_of.get(id(parent)) is want
            out.right_links += ok
    out.true_links = sum(1 for c in page.comments if page.parent[id(c)] is not None)
    wanted: Counter[str] = Counter(line for c in page.comments for line in page.body[id(c)])
    out.body_lines = sum(wanted.values())
    out.lost_lines = sum((wanted - held).values())
    out.provable_bodies = provable_bodies(page)
    return out


def provable_bodies(page: Rendered) -> int:
    """How many bodies the page's text bounds beyond doubt; a reader can get others right only by a lucky guess.
    A template bounds every one. Without one (stripped), a body's end or start is proven only next to a marker
    line, or where a marker names the comment that starts there by its Drupal subject (a typed subject names
    nothing in the text); the first comment after the article and a reply-less comment glued to its neighbour
    stay guesses."""
    comments = page.comments
    if page.options.template != "stripped":
        return len(comments)
    drupal7 = page.options.drupal7
    marked = {id(c) for c in comments if page.parent[id(c)] is not None}
    named: set[int] = set()
    for c in comments:
        parent = page.parent[id(c)]
        if parent is None or id(parent) in page.missing:
            continue
        if page.subject[id(parent)] == drupal_subject(page.body[id(parent)], ellipsis=not drupal7):
            named.add(id(parent))
    proven = 0
    last = len(comments) - 1
    for i, c in enumerate(comments):
        if (
            page.options.markers == "before"
        ):  # a marker starts its reply; the next comment's start ends this one
            start = id(c) in marked or id(c) in named
            end = i == last or id(comments[i + 1]) in marked or id(comments[i + 1]) in named
        else:  # a marker ends its reply; the comment before ending in a marker starts this one
            start = (i > 0 and id(comments[i - 1]) in marked) or id(c) in named
            end = id(c) in marked or i == last or id(comments[i + 1]) in named
        proven += start and end
    return proven
