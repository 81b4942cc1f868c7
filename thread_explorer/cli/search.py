"""`thread-explorer search FILE QUERY`: the best fuzzy matches, one a line: id, score, author, excerpt."""

from __future__ import annotations

import sys
from typing import Any

from ..core.model import Kind
from ..core.search import SearchHit, SearchIndex, highlight_spans
from ..core.textsafe import one_line, printable
from .args import PROG, Parser, add_input_options, add_page_option
from .inputs import load_input
from .output import json_line, say, use_color
from .status import EXIT_NO_MATCH, EXIT_OK

EXCERPT_WIDTH = 72


def hit_fields(hit: SearchHit) -> dict[str, Any]:
    """One hit as `search --json` writes it."""
    comment = hit.comment
    parent = comment.parent
    return {
        "id": comment.id, "score": hit.score, "author": comment.author, "kind": str(comment.kind),
        "parent": parent.id if parent is not None else None,
        "lines": list(comment.lines) if comment.lines is not None else None, "text": comment.text,
    }  # fmt: skip


def excerpt(text: str, query: str, width: int = EXCERPT_WIDTH) -> tuple[str, list[tuple[int, int]]]:
    """A one-line, printable window of the text around its first match, and the match spans inside it."""
    line = one_line(text)
    spans = highlight_spans(line, query)
    start = 0
    if spans and spans[0][1] > width - 1:
        start = max(0, min(spans[0][0] - width // 3, len(line) - width + 1))
        space = line.find(" ", start, spans[0][0])
        if start > 0 and line[start - 1] != " " and space != -1:
            start = space + 1  # begin at a word
    end = start + width
    shown = line[start:end]
    prefix = "…" if start > 0 else ""
    if end < len(line):
        shown = shown[:-1] + "…"
    shift = start - len(prefix)
    limit = len(prefix) + len(shown)
    inside = [(a - shift, min(b - shift, limit)) for a, b in spans if a >= start and b <= end]
    return prefix + shown, [(a, b) for a, b in inside if a < b]


def cmd_search(argv: list[str]) -> int:
    """`search FILE QUERY`: the best fuzzy matches, one a line: id, score, author, excerpt."""
    parser = Parser(
        prog=f"{PROG} search",
        description="Print the comments that best match QUERY (typo-tolerant; text and authors), best first: "
        "id, score (0-100), author and an excerpt. Exit status 1 when nothing matches.",
    )
    parser.add_argument("file", metavar="FILE", help="input file, or - for standard input")
    parser.add_argument("query", metavar="QUERY", help="words to look for (misspellings are fine)")
    parser.add_argument(
        "-n", "--limit", type=int, default=10, metavar="N", help="show at most N hits (default: 10)"
    )
    parser.add_argument(
        "--json", action="store_true",
        help="print one JSON document: the query and its hits (id, score, author, kind, parent, lines, text)",
    )  # fmt: skip
    add_input_options(parser)
    add_page_option(parser)
    args = parser.parse_args(argv)
    if args.limit < 1:
        parser.error("--limit must be at least 1")
    thread = load_input(args)
    hits = SearchIndex(thread.entries()).search(args.query, limit=args.limit)
    if args.json:
        say(json_line({"query": args.query, "hits": [hit_fields(hit) for hit in hits]}))
    if not hits:
        say(f"{PROG}: no comment matches {one_line(args.query)!r}", sys.stderr)
        return EXIT_NO_MATCH
    if args.json:
        return EXIT_OK
    color = use_color(sys.stdout)
    ids = [printable(hit.comment.id) for hit in hits]
    authors = [
        "(article)" if hit.comment.kind == Kind.ARTICLE else one_line(hit.comment.author or "-")[:24]
        for hit in hits
    ]
    id_width, author_width = max(map(len, ids)), max(map(len, authors))
    for hit, shown_id, author in zip(hits, ids, authors):
        text, spans = excerpt(hit.comment.text, args.query)
        if hit.comment.placeholder:
            text = f"[missing] {text}"
            spans = []
        if color:
            for a, b in reversed(spans):
                text = f"{text[:a]}\x1b[1m{text[a:b]}\x1b[22m{text[b:]}"
        say(f"{shown_id:<{id_width}}  {hit.score:5.1f}  {author:<{author_width}}  {text}")
    return EXIT_OK
