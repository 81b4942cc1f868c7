"""The detail pane: the selected comment in full, where it sits in the thread and why it was attached there."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from thread_explorer.core.model import Attach, Comment, Thread
from thread_explorer.core.textsafe import one_line, printable
from thread_explorer.core.wording import plural

from ..keys import bindings
from ..outline import ARTICLE_KIND
from ..rows import (
    UNKNOWN_AUTHOR,
    absolute_date,
    bounds_line,
    comment_label,
    is_guessed,
    is_stub,
    layout_line,
    relative_age,
)

BREADCRUMB_MIN = 24  # cells an entry of the breadcrumb gets at least
BREADCRUMB_HEAD = 2  # a deep breadcrumb shows its first entries…
BREADCRUMB_TAIL = 4  # …and its last ones (the comment and three ancestors)
LINE_FORMATS = frozenset({"mbox"})  # input formats whose text keeps its own line breaks (no paragraph gap)
MARKDOWN_FORMATS = frozenset({"reddit", "hackernews", "discourse"})  # bodies written in Markdown (or HTML)
QUOTE_PREFIX = re.compile(r"^\s*(>\s?)+")

LABEL = Style(bold=True)
DIM = Style(dim=True)
QUOTE = Style(dim=True, italic=True)
UNKNOWN = Style(dim=True, italic=True)
MATCH = Style(reverse=True)
OP_STYLE = Style(bold=True, reverse=True)


def source_lines(lines: tuple[int, int] | None) -> str:
    """`line 14`, `lines 14-16`, or "" (structured input has no source lines)."""
    if lines is None:
        return ""
    first, last = lines
    return f"line {first}" if first == last else f"lines {first}-{last}"


@dataclass(frozen=True)
class DetailOptions:
    """How the pane shows a comment: the clock, paragraph gaps, the match style, the page's reading notes and
    layout (template and display order), whether the diagnostics are open (`i`), dates or ages (`t`), the
    width to fit, who started the thread (marked OP) and whether Markdown is rendered (`r`)."""

    now: float | None = None
    gap: bool = True
    match: Style | None = None
    notes: tuple[str, ...] = ()
    layout: str = ""
    show_info: bool = False
    absolute_time: bool = False
    width: int = 80
    op: str | None = None
    markdown: bool = False


def breadcrumb(comment: Comment, width: int = 80) -> Text:
    """The path from the top of the thread to the comment: `Thread › alice: first words… › bob: …`; each entry
    gets an even share of about three lines of `width` (at least 24 cells); a deep one keeps its first entries and its last few
    around `… 2,994 more …`, so the text stays in sight."""
    path = Text("Thread", style=DIM)
    chain = [*comment.ancestors(), comment]
    skipped = 0
    if len(chain) > BREADCRUMB_HEAD + BREADCRUMB_TAIL + 1:
        skipped = len(chain) - BREADCRUMB_HEAD - BREADCRUMB_TAIL
        chain = chain[:BREADCRUMB_HEAD] + chain[-BREADCRUMB_TAIL:]
    share = max(BREADCRUMB_MIN, (width * 3 - 6) // max(1, len(chain)) - 3)
    for k, node in enumerate(chain):
        path.append(" › ", style=DIM)
        if skipped and k == BREADCRUMB_HEAD:
            path.append(f"… {skipped:,} more …", style=DIM)
            path.append(" › ", style=DIM)
        room = share
        if node.author:
            author = one_line(node.author, 24)
            path.append(author, style=LABEL)
            path.append(": ")
            room -= len(author) + 2
        elif not is_stub(node):
            path.append(UNKNOWN_AUTHOR, style=UNKNOWN)
            path.append(": ")
            room -= len(UNKNOWN_AUTHOR) + 2
        room = max(8, room)
        label = one_line(comment_label(node), room + 1)
        if len(label) > room:
            label = label[: room - 1] + "…"
        path.append(label, style=DIM if node is not comment else Style())
    return path


def _wrapped_quote(line: str, width: int) -> list[tuple[int, str, str]]:
    """A quoted line (`> > text`) cut into pieces of at most `width` cells, each piece after the first starting
    with the same `> > ` again (as mail readers wrap quotes): (offset in the line, repeated prefix, text)."""
    match = QUOTE_PREFIX.match(line)
    prefix = match.group(0) if match else ""
    if len(line) <= width or width <= len(prefix) + 8:
        return [(0, "", line)]
    pieces: list[tuple[int, str, str]] = []
    start, first = 0, True
    while start < len(line):
        room = width - (0 if first else len(prefix))
        end = min(len(line), start + room)
        if end < len(line):
            cut = line.rfind(" ", start + 1, end)
            if cut > start:
                end = cut + 1
        pieces.append((start, "" if first else prefix, line[start:end].rstrip()))
        first, start = False, end
    return pieces


def _paragraphs(
    clean: str, gap: bool, quote_width: int | None = None
) -> tuple[str, list[tuple[int, int, int]]]:
    """The text laid out for reading: blank-line runs become one blank line (none at either end), and with `gap`
    every line break becomes a paragraph break; quoted lines longer than `quote_width` are cut with their `>`
    repeated; plus (old start, new start, length) of each kept piece, to move positions (search highlights)
    from the old text to the new."""
    pieces: list[str] = []
    kept: list[tuple[int, int, int]] = []
    old = new = 0
    blank = False
    for line in clean.split("\n"):
        if not line.strip():
            blank = bool(pieces)
        else:
            if pieces:
                separator = "\n\n" if gap or blank else "\n"
                pieces.append(separator)
                new += len(separator)
            parts = (
                _wrapped_quote(line, quote_width)
                if quote_width is not None and line.lstrip().startswith(">")
                else [(0, "", line)]
            )
            for n, (offset, prefix, piece) in enumerate(parts):
                if n:
                    pieces.append("\n")
                    new += 1
                kept.append((old + offset, new + len(prefix), len(piece)))
                pieces.append(prefix + piece)
                new += len(prefix) + len(piece)
            blank = False
        old += len(line) + 1
    return "".join(pieces), kept


def body_text(
    text: str,
    spans: list[tuple[int, int]] | None = None,
    match: Style | None = None,
    *,
    gap: bool = True,
    quote_width: int | None = None,
) -> Text:
    """The full comment text made printable, quoted lines (`> ...`) dimmed (and cut with their `>` kept when
    `quote_width` is given), runs of blank lines shown as one; with `gap` a blank line between paragraphs (page
    text keeps one paragraph a line; mail keeps its own line breaks, so no gap there).

    `spans` (search highlights) are positions in the original text: `printable` keeps every position, and the
    layout moves each piece of a line as a whole, so a position moves with its piece.
    """
    laid_out, kept = _paragraphs(printable(text), gap, quote_width)
    body = Text(laid_out)
    start = 0
    for line in laid_out.split("\n"):
        if line.lstrip().startswith(">"):
            body.stylize(QUOTE, start, start + len(line))
        start += len(line) + 1
    if spans and kept:
        starts = [old for old, _, _ in kept]

        def moved(position: int) -> int:
            old, new, length = kept[max(0, bisect_right(starts, position) - 1)]
            return new + max(0, min(position - old, length))

        for begin, end in spans:
            body.stylize(match or MATCH, moved(begin), moved(end))
    return body


def markdown_body(text: str) -> RenderableType:
    """A Markdown body rendered by Rich, as data: control characters shown as symbols first (no terminal
    escapes), links drawn as text (no hyperlinks to follow), Rich markup in the text never read (Rich's
    Markdown does not interpret it), HTML left as it is written."""
    # Imported on the first Markdown body, not at start-up: Rich's Markdown brings markdown-it and Pygments
    # (a tenth of the app's own import time), and a plain-text page never needs them.
    from rich.markdown import Markdown

    return Markdown(printable(text), hyperlinks=False, inline_code_lexer=None)


def renders_markdown(comment: Comment, thread_format: str) -> bool:
    """True for bodies written in Markdown (or HTML turned into text): `meta["markup"] == "markdown"`, or a
    source whose comments are Markdown (Reddit, Hacker News, Discourse)."""
    return comment.meta.get("markup") == "markdown" or thread_format in MARKDOWN_FORMATS


def time_text(stamp: float, options: DetailOptions) -> str:
    """`3h ago` or `2024-03-07 10:00 UTC`, as the time format asks."""
    if options.absolute_time:
        return absolute_date(stamp, clock=True)
    age = relative_age(stamp, options.now)
    return "just now" if age == "now" else f"{age} ago"


def attach_line(comment: Comment) -> str:
    """One short line on how the comment came to hang where it does."""
    parent = comment.parent
    parent_name = one_line(parent.author, 24) if parent is not None and parent.author else ""
    if comment.attached_by == Attach.ROOT:
        return "top-level comment"
    if comment.attached_by == Attach.ID:
        return f"reply to {parent_name}" if parent_name else "reply (its parent as the source names it)"
    how = {
        Attach.EXACT: "its marker names the parent exactly",
        Attach.PREFIX: "its marker is the start of the parent's text",
        Attach.FUZZY: "its marker resembles the parent's text",
        Attach.POSITION: "nearest earlier comment whose author fits",
        Attach.PLACEHOLDER: "its parent is missing from the input",
    }.get(comment.attached_by, str(comment.attached_by))
    return f"reply to {parent_name}: {how}" if parent_name else f"attached: {how}"


def bounds(comment: Comment) -> Text:
    """`Bounds: from the page's comment template`: how a flat page's comment got its start and end."""
    return Text.assemble(("Bounds: ", LABEL), bounds_line(comment))


def _info(comment: Comment, below: int | None, options: DetailOptions) -> list[RenderableType]:
    """The diagnostics behind `i`: breadcrumb, how it was attached in full, the marker, source lines, id."""
    parts: list[RenderableType] = [breadcrumb(comment, options.width)]
    replies = len(comment.replies)
    if replies:
        total = comment.descendant_count() if below is None else below
        counts = plural(replies, "reply")
        if total != replies:
            counts += f", {plural(total, 'comment')} below"
        parts.append(Text(counts, style=DIM))
    why = Text.assemble(("Attached: ", LABEL), (str(comment.attached_by), LABEL))
    explanation = comment.explanation  # (built once)
    if explanation:
        why.append(" — ")
        why.append(one_line(explanation))
    parts.append(why)
    if comment.segmented_by is not None:
        parts.append(bounds(comment))
    if comment.reply_to is not None:
        marker = Text.assemble(("Marker: ", LABEL), "In reply to ", one_line(comment.reply_to.subject))
        if comment.reply_to.author:
            marker.append(" by " + one_line(comment.reply_to.author))
        if comment.reply_to.line is not None:
            marker.append(f"  (line {comment.reply_to.line})", style=DIM)
        parts.append(marker)
    where = source_lines(comment.lines)
    parts.append(Text(f"{where + ' · ' if where else ''}id {one_line(comment.id)}", style=DIM))
    return parts


def comment_detail(
    comment: Comment,
    spans: list[tuple[int, int]] | None = None,
    below: int | None = None,
    options: DetailOptions | None = None,
) -> Group:
    """Everything the pane shows for a comment (or the article stand-in), text first: a head line (author,
    OP, time, score), a mail's subject, one short line on how it was attached (and, on a flat page, that its
    bounds are a guess when they are), then the text; the diagnostics (with how its bounds were found) only
    with `options.show_info`; the article names the page's template and display order. Rich Text built from plain strings (Markdown, when asked, by
    Rich's renderer over the text as data).

    `below` is the number of comments under this one when the caller knows it (the outline does, in O(1)).
    """
    options = options or DetailOptions()
    quote_width = max(20, options.width)
    if comment.kind == ARTICLE_KIND:
        head = Text("Article", style=LABEL)
        parts: list[RenderableType] = [head]
        if options.layout:
            parts.append(Text.assemble(("Layout: ", LABEL), options.layout))
        parts.append(Text(""))
        parts.append(_body(comment, spans, options, quote_width))
        if options.show_info:  # after the text, as for a comment
            where = source_lines(comment.lines)
            if where:
                head.append(f" · {where}", style=DIM)
            info = [Text.assemble(("Reading: ", LABEL), one_line(note)) for note in options.notes]
            reason = comment.explanation
            if reason:  # a page's article ends somewhere; a structured source's is a record
                label = "Ends here because: " if comment.lines else "Read from: "
                info.insert(0, Text.assemble((label, LABEL), one_line(reason)))
            parts += [Text(""), *info] if info else []
        return Group(*parts)
    head = Text()
    if comment.kind == "more":
        head.append("Comments not loaded", style=LABEL)
        head.append(" (a “more” stub of the source)", style=DIM)
    elif comment.placeholder:
        head.append("Missing comment (placeholder)", style=LABEL)
        if comment.author:
            head.append(" by ", style=DIM)
            head.append(one_line(comment.author), style=LABEL)
    elif comment.author:
        head.append(one_line(comment.author), style=LABEL)
        if options.op is not None and comment.author == options.op:
            head.append(" OP", style=OP_STYLE)
    else:
        head.append(UNKNOWN_AUTHOR, style=UNKNOWN)
    if comment.time is not None:
        head.append(f" · {time_text(comment.time, options)}", style=DIM)
    if comment.score is not None:
        head.append(f" · ▲{comment.score:,}", style=DIM)
    if comment.replies:
        head.append(f" · {plural(len(comment.replies), 'reply')}", style=DIM)
    parts = [head]
    subject = comment.meta.get("subject")
    if isinstance(subject, str) and subject.strip():  # mail: the Subject line
        parts.append(Text.assemble(("Subject: ", LABEL), one_line(subject)))
    if not is_stub(comment):
        parts.append(Text(attach_line(comment), style=DIM, no_wrap=True, overflow="ellipsis"))
    if is_guessed(comment) and not options.show_info:  # not a diagnostic: this text may hold more or less
        parts.append(bounds(comment))
    parts.append(Text(""))
    if comment.kind == "more":
        parts.append(Text.assemble(("Stands for: ", DIM), one_line(comment.text)))
        parts.append(
            Text("The source did not include these comments; fetch the thread again to see them.", style=DIM)
        )
    elif comment.placeholder:
        parts.append(Text.assemble(("Referenced as: ", DIM), one_line(comment.text)))
        parts.append(Text("This comment is not in the input; its replies are kept under it.", style=DIM))
    else:
        parts.append(_body(comment, spans, options, quote_width))
    if options.show_info:  # after the text, which a small pane must show without scrolling
        parts += [Text(""), *_info(comment, below, options)]
    return Group(*parts)


def _body(
    comment: Comment, spans: list[tuple[int, int]] | None, options: DetailOptions, quote_width: int
) -> RenderableType:
    if options.markdown and not spans:  # search highlights need the text as written
        return markdown_body(comment.text)
    return body_text(comment.text, spans, options.match, gap=options.gap, quote_width=quote_width)


class DetailPane(VerticalScroll, can_focus=True):
    """A scrollable pane showing one comment in full; the screen calls `show` when the selection changes."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"detail-pane--match"}

    BINDINGS: ClassVar[list[BindingType]] = bindings("detail")

    @dataclass
    class Closed(Message):
        """The reader is done with the pane: focus goes back to the tree."""

    def __init__(
        self,
        thread: Thread,
        *,
        now: float | None = None,
        op: Callable[[Comment], str | None] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.thread = thread
        self.now = now
        self.op = (
            op  # who started the thread a comment is in (marked OP), per comment: mailboxes hold several
        )
        self.comment: Comment | None = None
        self.show_info = False
        self.absolute_time = False
        self.markdown = False
        self._spans: list[tuple[int, int]] | None = None
        self._below: int | None = None
        self._plain = ""
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Static(Text(""), id="detail-body")  # nothing until the screen shows the selection: no flash

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width != self._width and self.comment is not None:
            self.redraw()

    @property
    def highlighted(self) -> bool:
        """Whether the comment shown carries search highlights (its text is then shown as written)."""
        return bool(self._spans)

    @property
    def plain(self) -> str:
        """The pane's text as shown (unwrapped): what a reader sees, for tests and copy."""
        return self._plain

    def action_close(self) -> None:
        self.post_message(self.Closed())

    def action_page(self, direction: int) -> None:
        """A page down (1) or up (-1), keeping two lines of the last page in sight (as less does)."""
        step = max(1, self.scrollable_content_region.height - 2)
        self.scroll_to(y=self.scroll_offset.y + direction * step, animate=False)

    def action_half_page(self, direction: int) -> None:
        """Half a page down (1) or up (-1)."""
        step = max(1, self.scrollable_content_region.height // 2)
        self.scroll_to(y=self.scroll_offset.y + direction * step, animate=False)

    def action_top(self) -> None:
        self.scroll_home(animate=False)

    def action_bottom(self) -> None:
        self.scroll_end(animate=False)

    def options(self) -> DetailOptions:
        """How comments are shown now (width, toggles)."""
        return DetailOptions(
            now=self.now,
            gap=self.thread.format not in LINE_FORMATS,
            match=self.get_component_rich_style("detail-pane--match"),
            notes=tuple(self.thread.notes),
            layout=layout_line(self.thread.meta),
            show_info=self.show_info,
            absolute_time=self.absolute_time,
            width=max(20, self.scrollable_content_region.width or 80),
            op=self.op(self.comment) if self.op is not None and self.comment is not None else None,
            markdown=self.markdown
            and self.comment is not None
            and renders_markdown(self.comment, self.thread.format),
        )

    def redraw(self) -> None:
        """Show the same comment again (a toggle or the width changed), keeping the scroll position."""
        y = self.scroll_offset.y
        self._draw(self.comment, self._spans, self._below)
        self.scroll_to(y=y, animate=False)

    def show(
        self, comment: Comment | None, spans: list[tuple[int, int]] | None = None, below: int | None = None
    ) -> None:
        """Show a comment (None: the empty-thread message) with `spans` of its text highlighted; scroll to top."""
        content = self._draw(comment, spans, below)
        self.scroll_home(animate=False)
        match = self.get_component_rich_style("detail-pane--match")
        if spans:
            line = self._first_match_line(content, match)
            if line > max(1, self.scrollable_content_region.height) // 2:  # a match below the fold: show it
                self.call_after_refresh(self._scroll_for, comment, line - 2)

    def _draw(self, comment: Comment | None, spans: list[tuple[int, int]] | None, below: int | None) -> Group:
        self.comment, self._spans, self._below = comment, spans, below
        self._width = self.scrollable_content_region.width
        content = (
            Group(Text("This thread has no comments.", style=DIM))
            if comment is None
            else comment_detail(comment, spans, below, self.options())
        )
        self._plain = "\n".join(
            part.plain if isinstance(part, Text) else getattr(part, "markup", "")
            for part in content.renderables
        )
        self.query_one("#detail-body", Static).update(content)
        return content

    def _scroll_for(self, comment: Comment | None, y: int) -> None:
        if self.comment is comment:  # not if another comment is shown by now
            self.scroll_to(y=y, animate=False)

    def _first_match_line(self, content: Group, match: Style) -> int:
        """The wrapped line (from the top of the pane) where the body's first highlighted match starts."""
        parts = [part for part in content.renderables if isinstance(part, Text)]
        starts = [span.start for span in parts[-1].spans if span.style == match] if parts else []
        if not starts:
            return 0
        width = max(1, self.scrollable_content_region.width)
        console = self.app.console
        line = sum(len(part.wrap(console, width)) for part in parts[:-1])
        first, offset = min(starts), 0
        for source in parts[-1].plain.split("\n"):
            rows = Text(source).wrap(console, width) if source else [Text()]
            if first <= offset + len(source):
                for row in rows:
                    offset += len(row.plain)
                    if offset > first:
                        break
                    line += 1
                return line
            line += len(rows)
            offset += len(source) + 1
        return line
