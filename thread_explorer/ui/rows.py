"""How one comment looks as a tree row, and the small text helpers the row and the detail pane share.

Everything here builds `rich.text.Text` objects from plain strings: comment text is never parsed as markup, and
it goes through `printable` first so that escape sequences in a comment never reach the terminal.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from rich.style import Style
from rich.text import Text

from thread_explorer.core.model import Comment, Segment
from thread_explorer.core.textsafe import one_line
from thread_explorer.core.wording import plural

from .outline import ARTICLE_KIND, Outline

EXCERPT_CHARS = 240
AUTHOR_CHARS = 20
GUIDE_WIDTH = 2
DEPTH_MARK_WIDTH = 4  # ` 24›`: how many outer levels a deep row's guides leave out
MARKER_OPEN = "▾"
MARKER_FOLDED = "▸"
MARKER_LEAF = "•"
MARKER_ARTICLE = "■"
OP_MARK = "OP"  # after the author of a comment by whoever started the thread
UNKNOWN_AUTHOR = "unknown"  # what the tree and the detail pane show for a comment whose input names no author
GUESS_MARK = "?"  # before the excerpt of a flat-page comment whose boundaries are a guess (Segment.GUESS)
BOUNDS = {  # how a flat page's comment got its boundaries, said to a reader (the detail pane's `Bounds:` line)
    Segment.TEMPLATE: "from the page's comment template",
    Segment.MARKER: "from the reply markers around it",
    Segment.GUESS: "a guess — no marker or template line shows where it starts or ends",
}
ORDER_WORDS = {
    "threaded": "threaded order (replies below their parents)",
    "flat": "flat order (by date; a reply may answer any earlier comment)",
}


def relative_age(stamp: float, now: float | None = None) -> str:
    """A compact age such as `5m`, `3h`, `2d`, `4mo`, `1y` (`now` for a moment that is not yet past)."""
    seconds = (time.time() if now is None else now) - stamp
    if seconds < 60:
        return "now"
    for size, unit in ((31_536_000, "y"), (2_592_000, "mo"), (86_400, "d"), (3_600, "h"), (60, "m")):
        if seconds >= size:
            return f"{int(seconds // size)}{unit}"
    return "now"  # pragma: no cover - the loop always returns


def absolute_date(stamp: float, *, clock: bool = False) -> str:
    """`2024-03-07` (with `clock`: `2024-03-07 10:00 UTC`), in UTC so that every reader sees the same."""
    moment = datetime.fromtimestamp(stamp, UTC)
    return moment.strftime("%Y-%m-%d %H:%M UTC" if clock else "%Y-%m-%d")


def when(stamp: float, now: float | None, *, absolute: bool) -> str:
    """A row's time: the date, or the age (`3h`)."""
    return absolute_date(stamp) if absolute else relative_age(stamp, now)


SUBJECT_PREFIX = re.compile(r"^\s*((re|fwd?|aw|sv|antw)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)


def bare_subject(subject: str) -> str:
    """A mail subject without its `Re:` / `Fwd:` prefixes, on one line, for comparing replies to parents."""
    return one_line(SUBJECT_PREFIX.sub("", subject)).casefold()


def mail_subject(comment: Comment) -> str:
    """A message's Subject ("" when it has none)."""
    subject = comment.meta.get("subject")
    return subject if isinstance(subject, str) else ""


ATTRIBUTION = re.compile(
    r"^(On .{0,200}wrote:|.{0,120} (wrote|writes|schrieb|a écrit) ?:)\s*$", re.IGNORECASE
)


def own_words(text: str) -> str:
    """The text without quoted lines (`> ...`) and the `On ... wrote:` line before them, as mail readers show
    a reply; the whole text when nothing else is left."""
    if ">" not in text:
        return text
    lines = text.split("\n")
    kept = [line for line in lines if not line.lstrip().startswith(">")]
    if len(kept) == len(lines):
        return text
    kept = [line for line in kept if not ATTRIBUTION.match(line.strip())]
    return "\n".join(kept) if any(line.strip() for line in kept) else text


def is_guessed(comment: Comment) -> bool:
    """True for a flat-page comment whose start or end nothing in the text settles (its split is a guess)."""
    return comment.segmented_by == Segment.GUESS


def bounds_line(comment: Comment) -> str:
    """`from the page's comment template`: how a flat page's comment got its boundaries ("" for other input)."""
    return BOUNDS.get(comment.segmented_by, "") if comment.segmented_by is not None else ""


def layout_line(meta: Mapping[str, object]) -> str:
    """`classy comment template · flat order (by date; …)`: how a flat page was laid out, from the thread's
    `template` and `display_order` meta ("" for input that is not a flat page)."""
    order = meta.get("display_order")
    template = meta.get("template")
    if order is None and template is None:
        return ""
    pieces = [
        f"{one_line(str(template), 40, ellipsis=True)} comment template"
        if template
        else "no comment template"
    ]
    if order is not None:
        pieces.append(ORDER_WORDS.get(str(order), one_line(str(order), 40) + " order"))
    return " · ".join(pieces)


def comment_label(comment: Comment) -> str:
    """What a row or breadcrumb calls a comment: its own words, or `more: …` / `missing: …` for stubs."""
    if comment.kind == ARTICLE_KIND:
        return "Article"
    if comment.kind == "more":
        return "more: " + (one_line(comment.text, EXCERPT_CHARS) or "comments not loaded")
    if comment.placeholder or comment.kind == "placeholder":
        return "missing: " + one_line(comment.text, EXCERPT_CHARS)
    return one_line(own_words(comment.text[: EXCERPT_CHARS * 40]), EXCERPT_CHARS)


def row_label(comment: Comment) -> str:
    """The one-line text a row shows (search highlight spans are positions in this string): a message's
    subject when it says something its parent's did not (as mail readers do), else the first words."""
    if comment.kind == ARTICLE_KIND:
        return one_line(comment.text, EXCERPT_CHARS)
    subject = mail_subject(comment)
    if subject.strip() and not is_stub(comment):
        parent = comment.parent
        if parent is None or bare_subject(mail_subject(parent)) != bare_subject(subject):
            return one_line(subject, EXCERPT_CHARS)
    return comment_label(comment)


@dataclass
class RowStyles:
    """Rich styles for the parts of a row (filled from the widget's component classes)."""

    base: Style = field(default_factory=Style)
    cursor: Style = field(default_factory=lambda: Style(reverse=True))
    guide: Style = field(default_factory=lambda: Style(dim=True))
    marker: Style = field(default_factory=lambda: Style(bold=True))
    author: Style = field(default_factory=lambda: Style(bold=True))
    meta: Style = field(default_factory=lambda: Style(dim=True))
    placeholder: Style = field(default_factory=lambda: Style(italic=True))
    article: Style = field(default_factory=lambda: Style(bold=True))
    match: Style = field(default_factory=lambda: Style(underline=True))
    context: Style = field(default_factory=lambda: Style(dim=True))
    guess: Style = field(default_factory=lambda: Style(dim=True))

    def on_cursor(self) -> RowStyles:
        """The same parts without their own colours (bold, italic kept): the cursor's colours stay readable."""

        def plain(style: Style) -> Style:
            return Style(bold=style.bold, italic=style.italic, underline=style.underline)

        return RowStyles(
            self.base,
            self.cursor,
            plain(self.guide),
            plain(self.marker),
            plain(self.author),
            plain(self.meta),
            plain(self.placeholder),
            plain(self.article),
            self.match,
            plain(self.context),
            plain(self.guess),
        )


def guide_prefix(outline: Outline, node: int, width: int) -> str:
    """Tree guides before the fold marker (`│ ├─`). Deeper than half the row allows, the outer levels are
    dropped in steps of several at once and counted (` 24›`), so that rows near each other keep their relative
    indentation and every row keeps its own guide lines."""
    depth = outline.depth[node]
    if depth == 0:
        return ""
    parts = ["└─" if outline.is_last_child(node) else "├─"]
    up = outline.parent[node]
    while up >= 0 and outline.depth[up] > 0:
        parts.append("  " if outline.is_last_child(up) else "│ ")
        up = outline.parent[up]
    parts.reverse()
    limit = max(4 + 2 * 2, width // 2)
    most = (limit - DEPTH_MARK_WIDTH) // 2  # levels that fit beside the count of hidden ones
    if len(parts) * 2 <= limit:
        return "".join(parts)
    step = max(1, most // 2)
    hidden = ((len(parts) - most) // step + 1) * step
    hidden = min(hidden, len(parts) - 1)
    return f"{hidden:>{DEPTH_MARK_WIDTH - 1}}›" + "".join(parts[hidden:])


def fold_marker(outline: Outline, node: int) -> str:
    """▾ for an open comment with replies, ▸ for a folded one, • for a leaf, ■ for the article."""
    if outline.nodes[node].kind == ARTICLE_KIND:
        return MARKER_ARTICLE
    if not outline.has_children(node):
        return MARKER_LEAF
    return MARKER_FOLDED if outline.folded[node] else MARKER_OPEN


def is_stub(comment: Comment) -> bool:
    """Placeholders and "more" stubs: rows that stand for comments the input does not hold."""
    return comment.placeholder or comment.kind in ("placeholder", "more")


def row_header(comment: Comment, now: float | None, *, absolute: bool = False) -> tuple[str, str]:
    """The author and the `3h ▲12` details shown before a comment's excerpt (empty for stubs and the article);
    `absolute`: the date instead of the age."""
    if comment.kind == ARTICLE_KIND or is_stub(comment):
        return "", ""
    author = one_line(comment.author, AUTHOR_CHARS, ellipsis=True) if comment.author else ""
    details = []
    if comment.time is not None:
        details.append(when(comment.time, now, absolute=absolute))
    if comment.score is not None:
        details.append(f"▲{comment.score:,}")
    return author, " ".join(details)


def row_counts(outline: Outline, node: int) -> str:
    """The right-hand end of a row: `2 replies`, `+14 hidden` when folded, `by frank` for a placeholder."""
    comment = outline.nodes[node]
    if comment.kind == ARTICLE_KIND:
        return plural(comment.lines[1] - comment.lines[0] + 1, "line") if comment.lines else ""
    pieces = []
    if is_stub(comment) and comment.author:
        pieces.append("by " + one_line(comment.author, AUTHOR_CHARS, ellipsis=True))
    if comment.replies:
        shown = outline.shown_replies(node)
        total = len(comment.replies)
        pieces.append(plural(total, "reply") if shown == total else f"{shown:,}/{plural(total, 'reply')}")
    if outline.folded[node]:
        pieces.append(f"+{outline.descendants(node):,} hidden")
    return " · ".join(pieces)


Highlighter = Callable[[str], list[tuple[int, int]]]


def _marked(text: str, style: Style, match: Style, highlight: Highlighter | None) -> Text:
    part = Text(text, style=style, no_wrap=True, overflow="ellipsis", end="")
    if highlight is not None and text:
        for begin, finish in highlight(text):
            part.stylize(match, begin, finish)
    return part


def render_row(
    outline: Outline,
    node: int,
    width: int,
    styles: RowStyles,
    *,
    selected: bool = False,
    highlight: Highlighter | None = None,
    context: bool = False,
    now: float | None = None,
    absolute: bool = False,
) -> Text:
    """One row exactly `width` cells wide: guides, fold marker, author and age, `?` when the comment's bounds
    are a guess, excerpt, counts at the right.

    `highlight` gives the search-match ranges of a string (applied to the author and the excerpt); `context`
    dims a row shown only because a filtered-in comment hangs below it.
    """
    comment = outline.nodes[node]
    base = styles.base + styles.context if context else styles.base
    if selected:
        base = base + styles.cursor
        styles = styles.on_cursor()
    text = Text(no_wrap=True, overflow="ellipsis", style=base, end="")
    text.append(guide_prefix(outline, node, width), style=styles.guide)
    text.append(fold_marker(outline, node) + " ", style=styles.marker)
    author, details = row_header(comment, now, absolute=absolute)
    if comment.kind == ARTICLE_KIND:
        text.append("Article  ", style=styles.article)
    if author:
        text.append_text(_marked(author, styles.author, styles.match, highlight))
        text.append(" ")
        op = outline.op_at(node)
        if op is not None and comment.author == op:
            text.append(OP_MARK + " ", style=styles.marker)
    elif comment.kind != ARTICLE_KIND and not is_stub(comment):
        author = UNKNOWN_AUTHOR
        text.append(author, style=styles.meta + Style(italic=True))
        text.append(" ")
    if details:
        text.append(details + " ", style=styles.meta)
    if author or details:
        text.append(" ")
    if is_guessed(comment):
        text.append(GUESS_MARK, style=styles.guess)
        text.append(" ")
    counts = Text(row_counts(outline, node), style=styles.meta, end="")
    room = width - text.cell_len - counts.cell_len - 2
    if room < 8:  # narrow: the counts go first, then the excerpt shrinks
        counts = Text("")
        room = width - text.cell_len
    label = _marked(
        row_label(comment), styles.placeholder if is_stub(comment) else Style(), styles.match, highlight
    )
    if room < 1:
        label = Text("")
    elif label.cell_len > room:
        label.truncate(room, overflow="ellipsis")
    text.append_text(label)
    gap = width - text.cell_len - counts.cell_len
    if gap < 0:
        text.truncate(width, overflow="ellipsis", pad=True)
        return text
    text.append(" " * gap)
    text.append_text(counts)
    return text
