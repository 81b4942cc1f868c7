"""Random comment threads and the flat pages Drupal would render from them (benchmarks, tests, big samples).

`make_case` also returns the truth (which marker belongs to which reply, and whose reply it is), so a benchmark
can score the parser; `generate_page` is the plain text a user can open.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from ..model import Article, Attach, Comment, Kind, ReplyMarker, Thread
from .subject import drupal_subject
from .writer import comment_lines

_WORD_TEXT = (
    "the of and to in is that it for on with as was by this be are not at or from have but they an which one you "
    "all were we there when can their what so if about more no out up into than them only some could then these "
    "two like other time its would our new because also after first way even any most well where much through "
    "back years still should war peace russia nato europe army border treaty missile general talks deal oil gas "
    "pipeline sanctions market dollar gold bank debt money media press truth lies history empire power people "
    "government state policy vote law rights freedom crisis risk threat fear hope trust plan map crimea syria "
    "baltic moscow washington brussels kremlin pentagon troops ships drills exercise nuclear warhead diplomacy "
    "phone call meeting summit channel accident mistake escalation strategy analyst report source article "
    "comment reply point argument evidence proof claim question answer reason sense nonsense joke irony"
)
WORDS = tuple(_WORD_TEXT.split())
USERS = (
    "NubianSundance",
    "Usura",
    "Stand by Me",
    "Drive by Wire",
    "BaronVonBeer",
    "el buitre",
    "Pitchman",
    "Ms No",
    "GoldHammer",
    "Let it Be",
    "tmosley",
    "Lore",
    "Bill of Rights",
    "Kafir Kuffar",
    "by the sea",
    "zorba",
    "CheapBastard",
    "Looney",
    "Giant Meteor",
    "HopefulCynic",
    "Four Star",
    "VWAndy",
    "Cognitive Dissonance",
    "Stuck on Zero",
    "shortonoil",
    "MoreSun",
    "Ignatius",
    "nmewn",
    "Ghordius",
    "two hoots",
    "Theta_Burn",
    "gatorengineer",
)
SHORT_BODIES = (
    "This.",
    "lol",
    "+1",
    "Exactly.",
    "Yes.",
    "No.",
    "So true.",
    "Bingo!",
    "LOL",
    "Thanks.",
    "This is the way.",
    "Sad but true.",
    "Nailed it.",
    "Source?",
    "Wrong.",
)
STOCK_OPENINGS = (
    "I agree with you on this one, but",
    "Well said. The problem is that",
    "Sorry, but you are wrong",
    "Not sure about that. In my experience",
    "Exactly what I was going to say:",
)
TYPED_SUBJECTS = (
    "Good point",
    "Re: Crimea",
    "Nonsense",
    "Exactly my thought",
    "Sources?",
    "History lesson",
    "Wake up",
    "Not so fast",
    "Baltic drills",
    "the map",
)


@dataclass
class GenOptions:
    """Shape of a generated thread: how often each awkward case comes up."""

    top_level: float = 0.25  # chance that a new comment starts a thread
    short: float = 0.12  # short stock bodies (repeated subjects)
    stock: float = 0.06  # long bodies with a repeated opening (repeated subjects)
    multi: float = 0.35  # bodies of several paragraphs
    typed: float = 0.04  # the author typed a subject
    max_depth: int = 40
    drupal7: bool = False  # subjects cut as Drupal 7 does (no `…`, trailing periods kept)
    paragraphs: tuple[int, int] = (2, 4)  # how many paragraphs a multi-paragraph body has
    empty: float = 0.0  # bodies the page shows empty (an image, removed text): a reply is its marker alone


@dataclass
class Case:
    """A generated page with its truth: for each marker line, the reply's body lines and its parent."""

    text: str
    thread: Thread
    marker_position: str
    reply_lines: dict[int, tuple[int, int] | None] = field(default_factory=dict)  # marker line -> body lines
    parent_of: dict[int, Comment] = field(default_factory=dict)  # marker line -> true parent
    first_line: dict[int, int] = field(default_factory=dict)  # id(comment) -> first body line
    comment_lines: int = 0  # lines that belong to comments (not markers, not the article)
    article_lines: int = 0

    def right_parent(self, marker_no: int, got: Comment) -> bool:
        """Whether the parsed reply of this marker hangs under its true parent: the comment that starts on the
        parent's first line or, when the parent was left out, a placeholder carrying the marker's subject."""
        truth, parent = self.parent_of[marker_no], got.parent
        if parent is None:
            return False
        if truth.placeholder:
            return parent.placeholder and got.reply_to is not None and parent.text == got.reply_to.subject
        return (
            not parent.placeholder
            and parent.lines is not None
            and parent.lines[0] == self.first_line[id(truth)]
        )


def covered_lines(thread: Thread) -> Counter[int]:
    """How many times each source line is held by a comment or the article (a faithful reading: once each)."""
    covered: Counter[int] = Counter()
    spans = [c.lines for c in thread.walk()] + [thread.article.lines if thread.article else None]
    for span in spans:
        if span:
            covered.update(range(span[0], span[1] + 1))
    return covered


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(4, 16))]
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice((".", ".", ".", "?", "!"))


def body(rng: random.Random, opts: GenOptions) -> str:
    if opts.empty and rng.random() < opts.empty:
        return ""
    roll = rng.random()
    if roll < opts.short:
        return rng.choice(SHORT_BODIES)
    paragraphs = rng.randint(*opts.paragraphs) if rng.random() < opts.multi else 1
    parts = [" ".join(sentence(rng) for _ in range(rng.randint(1, 3))) for _ in range(paragraphs)]
    if roll < opts.short + opts.stock:
        parts[0] = f"{rng.choice(STOCK_OPENINGS)} {parts[0][0].lower()}{parts[0][1:]}"
    return "\n".join(parts)


def generate_thread(n_comments: int, *, seed: int = 0, options: GenOptions | None = None) -> Thread:
    """A random true reply tree of n comments with an article, authors, markers and typed subjects."""
    opts = options or GenOptions()
    rng = random.Random(seed)
    article = "\n".join(
        " ".join(sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(3, 10))
    )
    thread = Thread(source=f"generated:{n_comments}:{seed}", article=Article(article), format="text")
    recent: list[Comment] = []
    for i in range(n_comments):
        author = (
            USERS[min(int(rng.paretovariate(1.2)) - 1, len(USERS) - 1)]
            if rng.random() < 0.5
            else rng.choice(USERS)
        )
        comment = Comment(id=f"g{i}", text=body(rng, opts), author=author)
        if rng.random() < opts.typed:
            comment.meta["subject"] = rng.choice(TYPED_SUBJECTS)
        parent = None
        if recent and rng.random() >= opts.top_level:
            parent = recent[-1 - min(int(rng.expovariate(0.5)), len(recent) - 1)]
            if parent.depth >= opts.max_depth:
                parent = parent.parent
        if parent is None:
            thread.comments.append(comment)
        else:
            subject = parent.meta.get("subject") or drupal_subject(parent.text, ellipsis=not opts.drupal7)
            comment.reply_to = ReplyMarker(subject, parent.author)
            comment.attached_by = Attach.ID
            parent.add_reply(comment)
        recent.append(comment)
        if len(recent) > 64:
            del recent[:32]
    return thread


def make_case(
    n_comments: int,
    *,
    seed: int = 0,
    markers: str = "before",
    missing: float = 0.0,
    options: GenOptions | None = None,
) -> Case:
    """A generated page and its truth; `missing` is the chance that a comment with replies is left out."""
    rng = random.Random(seed * 7919 + 1)
    thread = generate_thread(n_comments, seed=seed, options=options)
    for comment in thread.walk():
        if comment.replies and rng.random() < missing:
            comment.kind = Kind.PLACEHOLDER
    return case_of(thread, markers)


def case_of(thread: Thread, markers: str = "before", order: list[Comment] | None = None) -> Case:
    """The flat page of a thread whose replies carry their markers (placeholders are left off the page), and
    its truth: any tree can be tested this way, not only the generator's. `order` lists the comments in page
    order (flat, chronological display: each after its parent); the default is depth-first (threaded)."""
    lines: list[str] = [] if thread.article is None else thread.article.text.split("\n")
    case = Case("", thread, markers, article_lines=len(lines))
    for comment in thread.walk() if order is None else order:
        chunk = comment_lines(comment, markers)
        if not chunk:
            continue
        has_marker = comment.parent is not None
        first = len(lines) + 1 + (1 if has_marker and markers == "before" else 0)
        count = len(chunk) - (1 if has_marker else 0)
        case.first_line[id(comment)] = first
        case.comment_lines += count
        if has_marker:
            marker_no = len(lines) + 1 if markers == "before" else len(lines) + len(chunk)
            case.reply_lines[marker_no] = (first, first + count - 1) if count else None
            assert comment.parent is not None
            case.parent_of[marker_no] = comment.parent
        lines.extend(chunk)
    case.text = "\n".join(lines) + "\n"
    return case


def generate_page(n_comments: int, *, seed: int = 0, markers: str = "before", missing: float = 0.0) -> str:
    """The flat text of a random page with n comments (markers before or after the bodies)."""
    return make_case(n_comments, seed=seed, markers=markers, missing=missing).text
