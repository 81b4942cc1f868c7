"""`thread-explorer stats FILE`: counts, how comments were attached, marker position, article."""

from __future__ import annotations

from typing import Any

from ..core.collection import Collection, totals
from ..core.formats.native import SCHEMA
from ..core.model import Thread
from ..core.textsafe import one_line, printable
from ..core.wording import plural, plural_of
from .args import PROG, Parser, add_input_options, add_page_option
from .inputs import open_args, pick
from .output import json_line, say
from .progress import ScanProgress
from .status import EXIT_OK


def format_line(thread: Thread, read_as: str | None) -> str:
    """What `stats` says under "format": the format that was read, and the thread's original one when they differ
    (`native (thread-explorer/1), originally text`; `json, its text read as a flat page` for a page record)."""
    if read_as is None or read_as == thread.format:
        return thread.format
    if read_as == "native":
        return f"native ({SCHEMA}), originally {thread.format}"
    if thread.format == "text":
        return f"{read_as} page record, its text read as a flat page"
    return f"{read_as}, read as {thread.format}"


def stats_lines(thread: Thread, read_as: str | None = None) -> list[str]:
    """The `stats` report, one `label: value` a line; `read_as` is the format that read the input."""
    stats = thread.stats()
    marker = {"before": "before the reply's body", "after": "after the reply's body"}.get(
        str(stats["marker_position"]), "none (structured input)" if thread.format != "text" else "none found"
    )
    article = "none"
    if thread.article is not None:
        lines = thread.article.lines
        article = f"lines {lines[0]}-{lines[1]}" if lines else "yes"
        if thread.article.reason:
            article += f" · {one_line(thread.article.reason)}"  # (reasons hold parentheses of their own)
    attached = ", ".join(f"{how} {count:,}" for how, count in stats["attached_by"].items()) or "-"
    rows: list[tuple[str, object]] = [
        ("source", printable(thread.source or "-")),
        *[(key, one_line(str(thread.meta[key]))) for key in ("page", "url", "title") if key in thread.meta],
        ("format", format_line(thread, read_as)),
        ("reply markers", marker),
        ("article", article),
        ("comments", stats["comments"]),
        ("  top-level", stats["top_level"]),
        ("  replies", stats["replies"]),
        ("placeholders", stats["placeholders"]),
        *([("threads", threads_line(stats))] if stats["threads"] != stats["top_level"] else []),
        *([("not loaded", not_loaded(stats))] if stats["not_loaded"] else []),
        ("authors", stats["authors"]),
        ("max depth", stats["max_depth"]),
        ("attached by", attached),
        *([("segmented by", segmented(stats))] if stats.get("segmented_by") else []),
        *[(label, one_line(str(thread.meta[key]))) for key, label in PAGE_SHAPE if key in thread.meta],
    ]
    out = [f"{label + ':':<15} {counted(value)}" for label, value in rows]
    out += [f"{'note:':<15} {one_line(note)}" for note in thread.notes]
    return out


def counted(value: object) -> object:
    """A count as the app shows it (17,722), anything else as it is."""
    return f"{value:,}" if type(value) is int else value


def threads_line(stats: dict[str, Any]) -> str:
    """`30 (2 under missing parents)`: the threads the app's title counts, when they are more than the top-level
    comments (a missing parent's replies are a thread of their own)."""
    extra = stats["threads"] - stats["top_level"]
    return f"{stats['threads']:,} ({extra:,} under {'a missing parent' if extra == 1 else 'missing parents'})"


PAGE_SHAPE = (("template", "template"), ("display_order", "display order"))  # how a flat page was laid out


def segmented(stats: dict[str, Any]) -> str:
    """`template 30, marker 2, guess 1`: how comments got their boundaries (flat pages; guess = unsettled)."""
    return ", ".join(f"{how} {count:,}" for how, count in stats["segmented_by"].items())


def stats_document(thread: Thread, read_as: str | None) -> dict[str, Any]:
    """What `stats --json` prints for one thread: the counts of `stats`, and where it came from."""
    article = None
    if thread.article is not None:
        lines = thread.article.lines
        article = {"lines": list(lines) if lines else None, "reason": thread.article.reason}
    meta = {
        key: thread.meta[key]
        for key in ("page", "url", "title", "id", "template", "display_order")
        if key in thread.meta
    }
    return {
        "source": thread.source, "format": thread.format, "read_as": read_as, "article": article,
        **thread.stats(), "meta": meta, "notes": list(thread.notes),
    }  # fmt: skip


def not_loaded(stats: dict[str, Any]) -> str:
    """`2 ("more" stubs for 21 replies the source did not send)` for the "not loaded" line of `stats`."""
    stubs = stats["not_loaded"]
    replies = stats.get("not_loaded_replies", 0)
    what = f"for {replies} repl{'y' if replies == 1 else 'ies'} " if replies else "for replies "
    return f'{stubs} ("more" stub{"s" if stubs != 1 else ""} {what}the source did not send)'


def dataset_stats_lines(collection: Collection, counts: dict[str, Any]) -> list[str]:
    """The `stats` report for a whole file of many threads (a dataset), one `label: value` a line."""
    rows = [
        ("source", printable(collection.source)),
        ("format", collection.description),
        (plural_of(collection.noun), counts["pages"]),
        ("  with threads", counts["pages_with_markers"]),
        *([("reply markers", (f"before the body on {plural(counts['markers_before'], collection.noun)}, "
                              f"after it on {counts['markers_after']:,}"))]
          if counts["markers_before"] or counts["markers_after"] else []),
        ("comments", counts["comments"]),
        ("  replies", counts["replies"]),
        ("placeholders", counts["placeholders"]),
        *([("warning", str(counts["bad"]))] if counts.get("bad") else []),
        ("note", (f"counts cover the {plural_of(collection.noun)} with threads (`scan` lists them); --page N|URL "
                 "for one")),
    ]  # fmt: skip
    return [f"{label + ':':<15} {counted(value)}" for label, value in rows]


def cmd_stats(argv: list[str]) -> int:
    """`stats FILE`: counts and the detected marker position (totals over all pages for a dataset file)."""
    parser = Parser(
        prog=f"{PROG} stats",
        description="Print counts (comments, top-level, replies, placeholders for missing parents, comments "
        'not loaded (Reddit\'s "more" stubs), authors, depth), how comments were attached, the detected marker position and where the article ends. For a '
        "dataset file of many pages: totals over the whole file in one streaming pass, or one page's counts "
        "with --page.",
    )
    parser.add_argument("file", metavar="FILE", help="input file, or - for standard input")
    parser.add_argument(
        "--json", action="store_true", help="print the counts as one JSON document, for scripts"
    )
    add_input_options(parser)
    add_page_option(parser)
    args = parser.parse_args(argv)
    opened, name = open_args(args)
    if isinstance(opened, Collection) and args.page is None:
        with ScanProgress(args.file, counting=False) as progress:
            counts = totals(opened, progress=progress.update)
        if args.json:
            say(
                json_line(
                    {
                        "source": opened.source,
                        "format": opened.description,
                        **counts,
                        "bad": counts["bad"].count,  # lines skipped; the summary, when there is one:
                        **({"warning": str(counts["bad"])} if counts["bad"] else {}),
                        "truncated": counts["bad"].truncated,
                    }
                )
            )
            return EXIT_OK
        lines = dataset_stats_lines(opened, counts)
    else:
        thread, read_as = pick(args, opened, name)
        if args.json:
            say(json_line(stats_document(thread, read_as)))
            return EXIT_OK
        lines = stats_lines(thread, read_as)
    for line in lines:
        say(line)
    return EXIT_OK
