"""HTML comment bodies (Hacker News, mail) as readable plain text, with the standard library's html.parser.

Rules: block elements (`<p>`, `<div>`, `<br>`, list items, headings, `<blockquote>`, `<pre>`) end a line, so
paragraphs come out as lines joined by `\n` (the model's shape); white space is collapsed outside `<pre>`;
entities are decoded; `<script>`/`<style>` are dropped; a link shows its text, and its address in
parentheses only when the text does not already show it (HN shortens long link texts with "...": then the full
address replaces the text). List items start with "- ", blockquote lines with "> " (shown as quotes).

Code (`<pre>`): each line of the block stays a line of its own, with its white space, and the block is indented by
four spaces (its common indentation removed first): the way Markdown writes a code block and HN's own input
syntax marks one (indented lines). So a run of lines that start with four spaces is one code block, which a
renderer can keep together (blank lines inside the block stay as empty lines); the first and last blank lines of
a block are dropped.
"""

from __future__ import annotations

import re
import textwrap
from html.parser import HTMLParser

__all__ = ["html_to_text"]

_BLOCK = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "hr",
        "pre",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "dd",
        "dt",
        "dl",
    }
)
_SKIP = frozenset({"script", "style", "head", "title"})
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
CODE_INDENT = "    "  # what starts every line of a <pre> block in the text


class _TextBuilder(HTMLParser):
    """Collects lines of text from an HTML fragment (see the module docstring for the rules)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.pre = 0
        self.skip = 0
        self.quote = 0
        self.links: list[tuple[str, int]] = []  # (href, length of self.current when the link opened)
        self.code: list[str] = []  # the lines of the <pre> block being read

    # -- lines -------------------------------------------------------------------------------------------------
    def _end_line(self) -> None:
        line = "".join(self.current)
        self.current = []
        if self.pre:
            self.code.append(line.rstrip())
            return
        line = _SPACE.sub(" ", line).strip()
        if line:
            self._add(line)

    def _add(self, line: str) -> None:
        self.lines.append(("> " * self.quote) + line if self.quote else line)

    def _end_code(self) -> None:
        """The finished <pre> block as indented lines (see the module docstring)."""
        code, self.code = self.code, []
        while code and not code[-1].strip():
            code.pop()
        while code and not code[0].strip():
            code.pop(0)
        for line in textwrap.dedent("\n".join(code)).split("\n") if code else []:
            if line.strip():
                self._add(CODE_INDENT + line)
            else:
                self.lines.append("> " * self.quote if self.quote else "")

    # -- parser callbacks --------------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if tag in _BLOCK:
            self._end_line()
        if tag == "pre":
            self.pre += 1
        elif tag == "blockquote":
            self.quote += 1
        elif tag == "li":
            self.current.append("- ")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append((href, len(self.current)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self._end_line()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "a" and self.links:
            href, start = self.links.pop()
            self._finish_link(href, start)
            return
        if tag in _BLOCK:
            self._end_line()
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
            if not self.pre:
                self._end_code()
        elif tag == "blockquote":
            self.quote = max(0, self.quote - 1)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.pre:
            parts = data.split("\n")
            for i, part in enumerate(parts):
                if i:
                    self._end_line()
                self.current.append(part)
            return
        self.current.append(_SPACE.sub(" ", data))

    def _finish_link(self, href: str, start: int) -> None:
        """Show a link as its text; the address too when the text hides it."""
        if start > len(self.current):  # the link text spanned a line break: leave it as written
            return
        text = "".join(self.current[start:]).strip()
        if not href or not href.startswith(("http://", "https://", "mailto:", "ftp://")):
            return
        shown = href.removeprefix("mailto:")
        if text.endswith("...") and href.startswith(text[:-3]):
            replacement = href  # HN-shortened address: the whole one is more useful
        elif not text or text == shown or text.rstrip("/") == shown.rstrip("/"):
            replacement = shown
        else:
            replacement = f"{text} ({shown})"
        lead = " " if "".join(self.current[start:])[:1] == " " else ""
        self.current[start:] = [lead + replacement]

    def close(self) -> None:
        super().close()
        while self.links:
            href, start = self.links.pop()
            self._finish_link(href, start)
        self._end_line()
        if self.pre:  # a <pre> never closed: its code ends with the text
            self.pre = 0
            self._end_code()


def html_to_text(html: str | None) -> str:
    """Readable text for an HTML fragment: lines joined by `\\n`, entities decoded, no tags. None gives ""."""
    if not html:
        return ""
    if "<" not in html and "&" not in html:  # no tags, no entities: one line, white space collapsed (fast)
        return _SPACE.sub(" ", html).strip()
    builder = _TextBuilder()
    builder.feed(html)
    builder.close()
    lines = builder.lines
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines)
