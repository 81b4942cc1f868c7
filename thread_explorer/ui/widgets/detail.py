"""The detail pane: the selected comment in full, where it sits in the thread and why it was attached there."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import ClassVar

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from thread_explorer.core.model import Comment, Thread
from thread_explorer.core.textsafe import printable
from thread_explorer.core.wording import plural

from ..keys import bindings
from ..outline import ARTICLE_KIND
from ..rows import UNKNOWN_AUTHOR, comment_label, is_stub, one_line, relative_age

BREADCRUMB_CHARS = 28
BREADCRUMB_HEAD = 2  # a deep breadcrumb shows its first entries…
BREADCRUMB_TAIL = 4  # …and its last ones (the comment and three ancestors)
LINE_FORMATS = frozenset({"mbox"})  # input formats whose text keeps its own line breaks (no paragraph gap)

LABEL = Style(bold=True)
DIM = Style(dim=True)
QUOTE = Style(dim=True, italic=True)
UNKNOWN = Style(dim=True, italic=True)
MATCH = Style(reverse=True)


def source_lines(lines: tuple[int, int] | None) -> str:
    """`line 14`, `lines 14-16`, or `no source lines` (structured input)."""
    if lines is None:
        return "no source lines"
    first, last = lines
    return f"line {first}" if first == last else f"lines {first}-{last}"


def breadcrumb(comment: Comment) -> Text:
    """The path from the top of the thread to the comment: `Thread › alice: first words… › bob: …`; a deep one
    keeps its first entries and its last few around `… 2,994 more …`, so the text stays in sight."""
    path = Text("Thread", style=DIM)
    chain = [*comment.ancestors(), comment]
    skipped = 0
    if len(chain) > BREADCRUMB_HEAD + BREADCRUMB_TAIL + 1:
        skipped = len(chain) - BREADCRUMB_HEAD - BREADCRUMB_TAIL
        chain = chain[:BREADCRUMB_HEAD] + chain[-BREADCRUMB_TAIL:]
    for k, node in enumerate(chain):
        path.append(" › ", style=DIM)
        if skipped and k == BREADCRUMB_HEAD:
            path.append(f"… {skipped:,} more …", style=DIM)
            path.append(" › ", style=DIM)
        label = one_line(comment_label(node), BREADCRUMB_CHARS + 1)
        if len(label) > BREADCRUMB_CHARS:
            label = label[: BREADCRUMB_CHARS - 1] + "…"
        if node.author:
            path.append(one_line(node.author, 24), style=LABEL)
            path.append(": ")
        elif not is_stub(node):
            path.append(UNKNOWN_AUTHOR, style=UNKNOWN)
            path.append(": ")
        path.append(label, style=DIM if node is not comment else Style())
    return path


def _paragraphs(clean: str, gap: bool) -> tuple[str, list[tuple[int, int, int]]]:
    """The text laid out for reading: blank-line runs become one blank line (none at either end), and with `gap`
    every line break becomes a paragraph break; plus (old start, new start, length) of each kept line, to move
    positions (search highlights) from the old text to the new."""
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
            kept.append((old, new, len(line)))
            pieces.append(line)
            new += len(line)
            blank = False
        old += len(line) + 1
    return "".join(pieces), kept


def body_text(
    text: str, spans: list[tuple[int, int]] | None = None, match: Style | None = None, *, gap: bool = True
) -> Text:
    """The full comment text made printable, quoted lines (`> ...`) dimmed, runs of blank lines shown as one;
    with `gap` a blank line between paragraphs (page text keeps one paragraph a line; mail keeps its own line
    breaks, so no gap there).

    `spans` (search highlights) are positions in the original text: `printable` keeps every position, and the
    layout moves each line as a whole, so a position moves with its line.
    """
    laid_out, kept = _paragraphs(printable(text), gap)
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


def comment_detail(
    comment: Comment,
    now: float | None = None,
    spans: list[tuple[int, int]] | None = None,
    below: int | None = None,
    *,
    gap: bool = True,
    match: Style | None = None,
    notes: list[str] | None = None,
) -> Group:
    """Everything the pane shows for a comment (or the article stand-in), as Rich Text built from plain strings.

    `below` is the number of comments under this one when the caller knows it (the outline does, in O(1));
    `notes` are the parser's remarks on the whole page (marker position), shown with the article.
    """
    if comment.kind == ARTICLE_KIND:
        head = Text("Article", style=LABEL)
        head.append(f"  · {source_lines(comment.lines)}", style=DIM)
        parts: list[Text] = [head]
        if comment.explanation:
            parts.append(Text.assemble(("Ends here because: ", LABEL), one_line(comment.explanation)))
        for note in notes or []:
            parts.append(Text.assemble(("Reading: ", LABEL), one_line(note)))
        parts.append(Text(""))
        parts.append(body_text(comment.text, spans, match, gap=gap))
        return Group(*parts)
    head = Text()
    if comment.kind == "more":
        head.append("Comments not loaded", style=LABEL)
        head.append(" (a “more” stub of the source)", style=DIM)
    elif comment.placeholder or comment.kind == "placeholder":
        head.append("Missing comment (placeholder)", style=LABEL)
        if comment.author:
            head.append(" by ", style=DIM)
            head.append(one_line(comment.author), style=LABEL)
    elif comment.author:
        head.append(one_line(comment.author), style=LABEL)
    else:
        head.append(UNKNOWN_AUTHOR, style=UNKNOWN)
    if comment.time is not None:
        head.append(f"  · {relative_age(comment.time, now)} ago", style=DIM)
    if comment.score is not None:
        head.append(f"  · ▲{comment.score:,}", style=DIM)
    head.append(f"  · {source_lines(comment.lines)}  · id {one_line(comment.id)}", style=DIM)
    parts = [head]
    subject = comment.meta.get("subject")
    if isinstance(subject, str) and subject.strip():  # mail: the Subject line
        parts.append(Text.assemble(("Subject: ", LABEL), one_line(subject)))
    parts.append(breadcrumb(comment))
    replies = len(comment.replies)
    if replies:
        total = comment.descendant_count() if below is None else below
        counts = plural(replies, "reply")
        if total != replies:
            counts += f", {plural(total, 'comment')} below"
        parts.append(Text(counts, style=DIM))
    why = Text.assemble(("Attached: ", LABEL), (str(comment.attached_by), LABEL))
    if comment.explanation:
        why.append(" — ")
        why.append(one_line(comment.explanation))
    parts.append(why)
    if comment.reply_to is not None:
        marker = Text.assemble(("Marker: ", LABEL), "In reply to ", one_line(comment.reply_to.subject))
        if comment.reply_to.author:
            marker.append(" by " + one_line(comment.reply_to.author))
        if comment.reply_to.line is not None:
            marker.append(f"  (line {comment.reply_to.line})", style=DIM)
        parts.append(marker)
    parts.append(Text(""))
    if comment.kind == "more":
        parts.append(Text.assemble(("Stands for: ", DIM), one_line(comment.text)))
        parts.append(
            Text("The source did not include these comments; fetch the thread again to see them.", style=DIM)
        )
    elif comment.placeholder or comment.kind == "placeholder":
        parts.append(Text.assemble(("Referenced as: ", DIM), one_line(comment.text)))
        parts.append(Text("This comment is not in the input; its replies are kept under it.", style=DIM))
    else:
        parts.append(body_text(comment.text, spans, match, gap=gap))
    return Group(*parts)


class DetailPane(VerticalScroll, can_focus=True):
    """A scrollable pane showing one comment in full; the screen calls `show` when the selection changes."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"detail-pane--match"}

    BINDINGS: ClassVar[list[BindingType]] = bindings("detail")

    @dataclass
    class Closed(Message):
        """The reader is done with the pane: focus goes back to the tree."""

    def __init__(self, thread: Thread, *, now: float | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.thread = thread
        self.now = now
        self.comment: Comment | None = None
        self._plain = ""

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(Text("This thread has no comments.", style=DIM), id="detail-body")

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

    def show(
        self, comment: Comment | None, spans: list[tuple[int, int]] | None = None, below: int | None = None
    ) -> None:
        """Show a comment (None: the empty-thread message) with `spans` of its text highlighted; scroll to top."""
        self.comment = comment
        body = self.query_one("#detail-body", Static)
        match = self.get_component_rich_style("detail-pane--match")
        content = (
            Group(Text("This thread has no comments.", style=DIM))
            if comment is None
            else comment_detail(
                comment,
                self.now,
                spans,
                below,
                gap=self.thread.format not in LINE_FORMATS,
                match=match,
                notes=self.thread.notes,
            )
        )
        self._plain = "\n".join(part.plain for part in content.renderables if isinstance(part, Text))
        body.update(content)
        self.scroll_home(animate=False)
        if spans:
            line = self._first_match_line(content, match)
            if line > max(1, self.scrollable_content_region.height) // 2:  # a match below the fold: show it
                self.call_after_refresh(self._scroll_for, comment, line - 2)

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
