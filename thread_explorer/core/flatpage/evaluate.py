"""Score a reading of a rendered page against its truth: reply links, exact bodies, lost and leaked lines."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model import Comment, Thread
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
    return out
