"""The thread model: an article and a forest of comments, each knowing why it hangs where it does.

Pure data (dataclasses, no I/O, no Textual) so that parsers, search, export and the app share one shape.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

GONE_AUTHORS = frozenset({"[deleted]", "[removed]"})  # what sites show for an author whose account is gone


class Kind(StrEnum):
    """What an entry of the tree is: a comment somebody wrote, or a stand-in for one the input lacks."""

    COMMENT = "comment"
    PLACEHOLDER = "placeholder"  # a parent named by replies but missing from the input
    MORE = "more"  # a stub for comments the source did not load (Reddit's "more", HN kids not in the file)
    ARTICLE = "article"  # the app's stand-in row for the article (never exported)


STUB_KINDS = frozenset({Kind.PLACEHOLDER, Kind.MORE})  # entries nobody wrote (see `Comment.placeholder`)


class MarkerPosition(StrEnum):
    """Where the `In reply to` line of a flat page sits: before the reply's body (Drupal core) or after it."""

    BEFORE = "before"
    AFTER = "after"


class Attach(StrEnum):
    """How a comment was attached to its parent: the first word of its explanation."""

    ROOT = "root"  # top-level comment: no reply marker
    EXACT = "exact"  # marker subject equals the parent's Drupal subject (or a subject seen before)
    PREFIX = "prefix"  # marker subject is a prefix of the parent's text (another cut)
    FUZZY = "fuzzy"  # marker subject resembles the parent's text (typed subject)
    POSITION = "position"  # a typed subject matching nothing: the nearest comment before it whose author fits
    PLACEHOLDER = "placeholder"  # the parent is not in the input: kept under a placeholder for it
    ID = "id"  # structured input: the parent id says so


class Segment(StrEnum):
    """How a flat page's comment got its boundaries: a learnt comment template, reply markers, or a guess."""

    TEMPLATE = "template"  # the page's recurring template lines (Submitted by …, Permalink, links) bound it
    MARKER = "marker"  # its `In reply to` marker (and the markers around it) bound it
    GUESS = "guess"  # unmarked lines kept together: nothing in the text settles where it starts or ends


@dataclass(frozen=True, slots=True)
class ReplyMarker:
    """A parsed `In reply to SUBJECT by AUTHOR` line (line is 1-based, None for structured input)."""

    subject: str
    author: str | None
    line: int | None = None


ARTICLE_ID = "article"


@dataclass(slots=True)
class Article:
    """The page text before the first comment, with the reason the parser ended it where it did."""

    text: str
    lines: tuple[int, int] | None = None
    reason: str = ""

    def entry(self) -> Comment:
        """A stand-in comment for the article (kind ARTICLE, id "article", never exported), so that lists and
        searches can hold it as their first entry."""
        return Comment(id=ARTICLE_ID, text=self.text, lines=self.lines, why=self.reason, kind=Kind.ARTICLE)


class Explaining:
    """An explanation kept as what it is built from, made into its sentence only when read (export, the detail
    pane): a flat page of 100,000 comments then keeps a small object for each instead of a sentence of 200-400
    characters, about 30 MiB, and a scan that only counts never builds them. Subclasses hold immutable parts."""

    __slots__ = ()

    def __str__(self) -> str:  # pragma: no cover - every subclass says its own sentence
        raise NotImplementedError

    def __repr__(self) -> str:
        return repr(str(self))


@dataclass(eq=False, slots=True)
class Comment:
    """One comment (or a placeholder for a missing one) and its replies, in page order."""

    id: str
    text: str
    author: str | None = None
    lines: tuple[int, int] | None = None
    reply_to: ReplyMarker | None = None
    attached_by: Attach = Attach.ROOT
    why: str | Explaining = ""  # the explanation as kept: its sentence, or what builds it (see `explanation`)
    kind: Kind = Kind.COMMENT
    replies: list[Comment] = field(default_factory=list)
    time: float | None = None  # unix seconds, where the source has it
    score: int | None = None  # votes, where the source has it
    meta: dict[str, Any] = field(default_factory=dict)  # source-specific extras (url, title, ...)
    segmented_by: Segment | None = None  # flat pages only: how its boundaries were found
    parent: Comment | None = field(default=None, repr=False, compare=False)

    @property
    def explanation(self) -> str:
        """Why it hangs where it does, in a sentence (built when read when the reader kept an Explaining)."""
        why = self.why
        return why if type(why) is str else str(why)

    @explanation.setter
    def explanation(self, text: str | Explaining) -> None:
        self.why = text

    def known_as(self, name: str) -> bool:
        """Whether `name` is the name the source gives this comment besides its id: Reddit's fullname (`t1_abc`
        for the comment `abc`, which the detail pane shows), so a user can paste either."""
        own = self.meta.get("name") if self.meta else None
        return own == name and name[:1] == "t" and name[1:2].isdigit() and name[2:3] == "_"

    @property
    def placeholder(self) -> bool:
        """True for stand-ins (a missing parent, a "more" stub): entries nobody wrote, derived from `kind`."""
        return self.kind in STUB_KINDS

    def walk(self) -> Iterator[Comment]:
        """This comment and all its descendants, depth-first in page order (iterative: no recursion limit)."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.replies))

    def ancestors(self) -> list[Comment]:
        """Parents from the root down to (not including) this comment."""
        chain: list[Comment] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        chain.reverse()
        return chain

    @property
    def depth(self) -> int:
        """0 for a top-level comment."""
        depth, node = 0, self.parent
        while node is not None:
            depth, node = depth + 1, node.parent
        return depth

    def descendant_count(self) -> int:
        """How many comments hang below this one (all levels)."""
        return sum(1 for _ in self.walk()) - 1

    def add_reply(self, child: Comment) -> None:
        """Append a reply and set its parent link."""
        child.parent = self
        self.replies.append(child)


def make_placeholder(
    id: str,
    text: str,
    *,
    explanation: str,
    author: str | None = None,
    kind: Kind = Kind.PLACEHOLDER,
    attached_by: Attach = Attach.ROOT,
    meta: dict[str, Any] | None = None,
) -> Comment:
    """A stand-in for a comment the input lacks (`kind` PLACEHOLDER) or did not load (`kind` MORE); `text` says
    what replies call it, `explanation` why it is there. Every reader builds its stand-ins here."""
    return Comment(
        id=id, text=text, author=author, why=explanation, kind=kind, attached_by=attached_by,
        meta=meta if meta is not None else {},
    )  # fmt: skip


@dataclass
class Thread:
    """A whole page: where it came from, its article, and its top-level comments in page order."""

    source: str = ""
    article: Article | None = None
    comments: list[Comment] = field(default_factory=list)
    marker_position: MarkerPosition | None = None  # for flattened text, None otherwise
    format: str = "text"
    notes: list[str] = field(default_factory=list)  # parser diagnostics worth showing a user
    meta: dict[str, Any] = field(default_factory=dict)

    def walk(self) -> Iterator[Comment]:
        """Every comment depth-first in page order."""
        for top in self.comments:
            yield from top.walk()

    def entries(self) -> list[Comment]:
        """The article's stand-in (when there is an article text), then every comment in page order: what a
        reader can look at, and what search covers."""
        head = [self.article.entry()] if self.article is not None and self.article.text.strip() else []
        return head + list(self.walk())

    def link_parents(self) -> None:
        """Set every comment's parent link from the replies lists (after building or loading)."""
        for top in self.comments:
            top.parent = None
            for node in top.walk():
                for child in node.replies:
                    child.parent = node

    def index(self) -> dict[str, Comment]:
        """Comments by id."""
        return {c.id: c for c in self.walk()}

    def find(self, comment_id: str) -> Comment | None:
        """The comment with this id (or Reddit fullname, see Comment.known_as), or None."""
        for c in self.walk():
            if c.id == comment_id:
                return c
        return next((c for c in self.walk() if c.known_as(comment_id)), None)

    def thread_count(self) -> int:
        """Top-level threads, as the app's title counts them: those under a placeholder too (a missing parent's
        replies are a thread on screen), not a stub for top-level comments the source did not send."""
        return sum(1 for c in self.comments if c.kind != Kind.MORE)

    def stats(self) -> dict[str, Any]:
        """Counts a user asks about first: comments, replies, placeholders, authors, depth.

        `placeholders` counts stand-ins for missing parents only; stubs for comments the source did not load
        (Reddit's "more", kind "more") are `not_loaded`, with `not_loaded_replies` the replies they say they
        stand for (their meta "count", where the source gives one). Authors are distinct names, not counting
        the "[deleted]"/"[removed]" that sites show for gone accounts.
        """
        # Level by level, each level's work in comprehensions (a Python step per comment, not several): this
        # runs before the app can draw a thread, so at 100,000 comments it must cost little.
        written: list[Comment] = []  # comments somebody wrote (not stand-ins)
        placeholders = not_loaded = not_loaded_replies = max_depth = depth = 0
        level = self.comments
        while level:
            depth += 1
            real = [c for c in level if c.kind not in STUB_KINDS]
            if real:
                written.extend(real)
                max_depth = depth
            if len(real) != len(level):
                for node in level:
                    if node.kind == Kind.MORE:
                        not_loaded += 1
                        count = node.meta.get("count")
                        if isinstance(count, int) and not isinstance(count, bool) and count > 0:
                            not_loaded_replies += count
                    elif node.kind == Kind.PLACEHOLDER:
                        placeholders += 1
            level = [child for node in level for child in node.replies]
        comments = len(written)
        replies = sum(1 for c in written if c.parent is not None)
        authors = {c.author for c in written if c.author} - GONE_AUTHORS
        attached = _count_by_name(Counter(c.attached_by for c in written))
        segmented = _count_by_name(Counter(c.segmented_by for c in written if c.segmented_by is not None))
        return {
            "comments": comments,
            "top_level": sum(1 for c in self.comments if not c.placeholder),
            "threads": self.thread_count(),
            "replies": replies,
            "placeholders": placeholders,
            "not_loaded": not_loaded,
            "not_loaded_replies": not_loaded_replies,
            "authors": len(authors),
            "max_depth": max_depth,
            "marker_position": self.marker_position,
            "attached_by": attached,
            "segmented_by": segmented,
        }


def _count_by_name(counts: Counter[Any]) -> dict[str, int]:
    """Counts keyed by their names (an enum member and its plain string count as one), sorted by name."""
    named: dict[str, int] = {}
    for key, count in counts.items():
        named[str(key)] = named.get(str(key), 0) + count
    return dict(sorted(named.items()))
