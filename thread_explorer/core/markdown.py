"""The thread as Markdown: a nested discussion with the article quoted first; every field escaped, so nothing
from the input can start a heading, a link or HTML."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from .model import Comment, Kind, Thread
from .textsafe import printable
from .wording import plural

_INLINE = re.compile(r"([\\`*_\[\]<~])|&(?=#?\w+;)")
_LINE_START = re.compile(r"^([#>+=-]|\d+(?=[.)]))")


def md_escape(text: str) -> str:
    """Text Markdown shows literally on one line: no emphasis, links, HTML, code, headings, quotes or lists from
    it, and no line break (a newline in an author, id, source or subject would start a heading)."""
    text = _INLINE.sub(lambda m: "\\" + m.group(0), " ".join(printable(text).split()))
    match = _LINE_START.match(text)
    if match:
        end = match.end()
        text = text[:end] + "\\" + text[end:] if match.group(0)[0].isdigit() else "\\" + text
    return text


def _heading(comment: Comment) -> str:
    """The bold author line of a comment's list item."""
    if comment.placeholder:
        text = comment.text.strip()
        if comment.kind == Kind.MORE:  # a stub for replies the source did not load: not a missing comment
            return f"*{md_escape(text)}*"
        if text.startswith("[") and text.endswith("]"):  # already says what it is: "[missing comment 42]"
            return f"*{md_escape(text)}*"
        return f"*[missing comment: {md_escape(text)}]*"
    author = f"**{md_escape(comment.author)}**" if comment.author else "*unknown author*"
    details = [md_escape(comment.id)]
    if comment.score is not None:
        details.append(plural(comment.score, "point"))
    if comment.time is not None:
        try:
            moment = datetime.fromtimestamp(comment.time, tz=UTC)
            details.append(moment.strftime("%Y-%m-%d %H:%M UTC"))
        except (OverflowError, OSError, ValueError):
            pass  # a time no calendar holds: leave it out
    if comment.lines is not None:
        first, last = comment.lines
        details.append(f"line {first}" if first == last else f"lines {first}–{last}")
    return f"{author} · " + " · ".join(details)


def _markdown_body(text: str, pad: str) -> list[str]:
    """A comment's paragraphs as Markdown lines; runs of lines indented four spaces (code, e.g. HN's <pre>)
    become one fenced block that keeps their layout."""
    out: list[str] = []
    code: list[str] = []

    def flush() -> None:
        if code:
            longest = max((len(run) for line in code for run in re.findall(r"`+", line)), default=0)
            fence = "`" * max(3, longest + 1)
            out.extend(["", f"{pad}{fence}", *(f"{pad}{line}" for line in code), f"{pad}{fence}"])
            code.clear()

    for paragraph in text.split("\n"):
        if paragraph.startswith("    ") and paragraph.strip():
            code.append(printable(paragraph[4:]))
        elif paragraph.strip():
            flush()
            out += ["", f"{pad}{md_escape(paragraph)}"]
    flush()
    return out


_QUOTE = re.compile(r"^((?:>[ \t]?)+)")
_DIFF_START = re.compile(r"^(diff |Index: |--- \S)")


def _fence(lines: list[str], pad: str) -> list[str]:
    """Lines as one fenced code block, verbatim (a fence longer than any backtick run inside)."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{pad}{fence}", *(f"{pad}{printable(line)}" for line in lines), f"{pad}{fence}"]


def _mail_body(text: str, pad: str) -> list[str]:
    """A mail body as Markdown that keeps its lines: consecutive lines joined by hard breaks (a backslash at
    the end of the line) instead of running together or becoming paragraphs; quoted lines (`> `, `> > `) as
    blockquotes of that depth; indented lines, and a patch from its `---`/`diff` line to the end, as fenced
    code blocks kept byte for byte (indentation and trailing spaces)."""
    lines = text.split("\n")
    patch_at = next((i for i, line in enumerate(lines) if _DIFF_START.match(line)), None)
    if patch_at is not None:
        separator = next((i for i in range(patch_at - 1, -1, -1) if lines[i] == "---"), None)
        patch_at = separator if separator is not None else patch_at
    body, patch = (lines, []) if patch_at is None else (lines[:patch_at], lines[patch_at:])
    out: list[str] = []
    code: list[str] = []
    previous: int | None = None  # the quote depth of the last text line, None after a break

    def end_line() -> None:
        if out and previous is not None:
            out[-1] += "\\"

    for line in body:
        match = _QUOTE.match(line)
        depth = match.group(1).count(">") if match else 0
        rest = line[match.end() :] if match else line
        if not depth and line.startswith(("\t", "    ")) and line.strip():
            if not code:
                out.append("")
            code.append(line)
            previous = None
            continue
        if code:
            out += _fence(code, pad)
            code.clear()
        if not rest.strip():
            if depth:
                out.append(f"{pad}{'> ' * depth}".rstrip())
            elif out and out[-1] != "":
                out.append("")
            previous = None
            continue
        if previous is not None and previous != depth:
            out.append(f"{pad}{'> ' * min(previous, depth)}".rstrip())  # no lazy continuation across depths
        elif previous is not None:
            end_line()
        elif not out or out[-1] != "" and not depth:
            out.append("")
        out.append(f"{pad}{'> ' * depth}{md_escape(rest)}")
        previous = depth
    if code:
        out += _fence(code, pad)
    if patch:
        out += ["", *_fence(patch, pad)]
    return [""] + [line for i, line in enumerate(out) if line or (i and out[i - 1])]


MARKDOWN_MAX_INDENT = (
    24  # deeper replies stay at this indentation and say their depth (no megabytes of spaces)
)


def to_markdown(thread: Thread) -> str:
    """The thread as a nested Markdown list: the article quoted first, each author in bold, text below."""
    title = md_escape(thread.source) if thread.source else "Thread"
    out = [f"# {title}", ""]
    stats = thread.stats()
    counts = [plural(stats["comments"], "comment"), plural(stats["replies"], "reply")]
    if stats["placeholders"]:
        counts.append(plural(stats["placeholders"], "missing parent"))
    out += [f"*{', '.join(counts)}*", ""]
    if thread.article is not None and thread.article.text.strip():
        for paragraph in (p for p in thread.article.text.split("\n") if p.strip()):
            out += [f"> {md_escape(paragraph)}", ">"]
        out[-1] = ""
    stack = [(c, 0) for c in reversed(thread.comments)]
    while stack:
        comment, depth = stack.pop()
        pad = "  " * min(depth, MARKDOWN_MAX_INDENT)
        deeper = f" · depth {depth + 1}" if depth > MARKDOWN_MAX_INDENT else ""
        out.append(f"{pad}- {_heading(comment)}{deeper}")
        if comment.parent is None and comment.reply_to is not None:
            marker = comment.reply_to
            by = f" by {md_escape(marker.author)}" if marker.author else ""
            out += ["", f"{pad}  *in reply to “{md_escape(marker.subject)}”{by}*"]
        if not comment.placeholder:
            body = _mail_body if comment.meta.get("markup") == "mail" else _markdown_body
            out += body(comment.text, f"{pad}  ")
        out.append("")
        stack.extend((child, depth + 1) for child in reversed(comment.replies))
    return "\n".join(out).rstrip("\n") + "\n"
