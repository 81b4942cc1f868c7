"""The `thread-explorer` command: open the explorer app, or scan, export, search, stats and generate headlessly.

Dataset files (JSON Lines, .jsonl.gz, .zst or Parquet with one web page a record, see `core/datasets.py`): `scan`
streams one line per page that has reply markers; export, search and stats take `--page N|URL` to work on one
page, and `stats` without it counts the whole file. Long scans show a transient Rich progress bar on stderr when
stderr is a terminal.

Bad lines in a dataset (a corrupt record, the cut-off last line of a truncated file) are skipped: `scan` counts
them in its total line on stderr ("2 bad lines skipped (first: line 4)") and `stats` in its report, and both
still exit 0; only a file in which no line is a page record is an error (exit 2).

Exit status: 0 success; 1 `search` found no match (like grep); 2 any error (unreadable or unusable input,
bad options, unknown comment id, output that cannot be written; one line on stderr, never a traceback); 130
interrupted. When stdout is closed early (`... | head`) the command stops quietly with status 141, as a
program killed by SIGPIPE would.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TextIO

from . import __version__
from .core import datasets
from .core.decode import InputError, display_name, open_binary
from .core.export import EXPORT_FORMATS, export_thread
from .core.formats.native import SCHEMA
from .core.load import MARKER_CHOICES, load_thread_as
from .core.model import Thread
from .core.search import SearchIndex, highlight_spans
from .core.textsafe import one_line, printable
from .scan_progress import ScanProgress

PROG = "thread-explorer"
EXIT_OK, EXIT_NO_MATCH, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 0, 1, 2, 130, 141
EXCERPT_WIDTH = 72
CHUNK = 1 << 20  # bytes per write to stdout
COMMANDS_HELP = """\
commands (give one as the first argument; to open a file named like a command, write ./export):
  scan FILE       list the pages of a dataset file (JSON Lines, .gz, .zst, Parquet) that hold a thread
  export FILE     write a thread or one subtree as JSON, Markdown or flat text
  search FILE Q   print the comments that best match a fuzzy query
  stats FILE      print counts: comments, replies, placeholders, authors, depth, marker position
  generate N      print a random flat comment page with N comments (for trying things out)
On a dataset file, export, search and stats take --page N (from 0) or --page URL for one page.
Run `thread-explorer COMMAND --help` for a command's options.

exit status: 0 ok, 1 search found nothing, 2 error (one line on stderr), 130 interrupted."""


class Usage(Exception):
    """A usage error raised by the argument parsers (instead of argparse exiting on its own)."""

    def __init__(self, status: int, message: str = "") -> None:
        super().__init__(message)
        self.status = status


class Parser(argparse.ArgumentParser):
    """argparse that raises instead of calling sys.exit, so `main` always returns a status."""

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            sys.stderr.write(message)
        raise Usage(status)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message}\n")


def format_help() -> str:
    """The input format names for help texts."""
    from .core.formats import format_names

    return ", ".join(format_names())


def add_markers_option(parser: argparse.ArgumentParser) -> None:
    """--markers: where the reply markers of flat page text sit."""
    parser.add_argument(
        "--markers", choices=MARKER_CHOICES, default="auto",
        help="where `In reply to` lines sit in a flat page: before or after the reply (default: detect)",
    )  # fmt: skip


def add_input_options(parser: argparse.ArgumentParser, format_flag: str = "--input-format") -> None:
    """The options every command that reads a thread takes."""
    parser.add_argument(
        format_flag, dest="input_format", metavar="NAME",
        help=f"read FILE in this format instead of detecting it ({format_help()})",
    )  # fmt: skip
    add_markers_option(parser)


def add_page_option(parser: argparse.ArgumentParser) -> None:
    """--page: one page of a dataset file."""
    parser.add_argument(
        "-p", "--page", metavar="N|URL",
        help="in a dataset file of many pages (JSON Lines, .gz, .zst, Parquet): use page N (from 0, as `scan` "
        "numbers them) or the page with this url or id",
    )  # fmt: skip


def check_file(path: str) -> None:
    """InputError when the path cannot be opened for reading (without reading it)."""
    open_binary(path).close()


def require_dataset(path: str, why: str) -> None:
    """InputError (one line: what is wrong and what would work) unless the path is a dataset file."""
    if path == "-":
        raise InputError(f"{why} reads a dataset file by name, not standard input")
    if datasets.is_dataset(path):
        return
    check_file(path)
    raise InputError(
        f"{path}: not a dataset file (JSON Lines, .gz, .zst or Parquet records of pages with a text field); "
        f"{why} works only on those"
    )


def is_dataset_input(args: argparse.Namespace) -> bool:
    """FILE is a dataset of pages and no --input-format asks to read it as one thread."""
    return not args.input_format and datasets.is_dataset(args.file)


def load_input(args: argparse.Namespace) -> Thread:
    """The thread named by a command's FILE, --page, --input-format and --markers (see load_input_as)."""
    return load_input_as(args)[0]


def load_input_as(args: argparse.Namespace) -> tuple[Thread, str]:
    """The thread named by a command's FILE, --page, --input-format and --markers (the one place commands load),
    and the name of the format that read it ("text" for a dataset page).

    With --page, one page of a dataset file; a dataset without --page is refused with a hint, since it holds
    many threads; anything else is read as one thread in its detected (or named) format."""
    page = getattr(args, "page", None)
    if page is not None:
        if args.input_format:
            raise InputError(
                "--page takes a page of a dataset file, which is always page text: drop --input-format"
            )
        require_dataset(args.file, "--page")
        return datasets.load_page(args.file, page, markers=args.markers), "text"
    if is_dataset_input(args):
        raise InputError(
            f"{args.file}: a dataset file of many pages: give --page N (from 0) or --page URL "
            f"(`{PROG} scan {args.file}` lists the pages with threads), or --input-format json "
            "if its lines are the comments of one thread"
        )
    return load_thread_as(args.file, format=args.input_format, markers=args.markers)


# ------------------------------------------------------------------------------------------------ output
def write_output(text: str, output: str | None) -> None:
    """Write text exactly (UTF-8, \\n line ends) to stdout, or to a file that is created or overwritten."""
    if output is None or output == "-":
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:
            sys.stdout.write(text)
        else:
            sys.stdout.flush()
            write_all(stream, text.encode("utf-8"))
        return
    if os.path.isdir(output):
        raise InputError(f"{output}: is a directory; give a file name to write to")
    try:
        with open(output, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as error:
        raise InputError(f"{output}: cannot write: {error.strerror or error}") from None


def write_all(stream: Any, data: bytes) -> None:
    """Write every byte: a write cut short (the reader went away mid-write) is retried, so it raises."""
    view = memoryview(data)
    while view:
        written = stream.write(view[:CHUNK])
        if not written:  # 0, or None from a non-blocking stream that is full
            raise OSError("standard output accepts no more data")
        view = view[written:]
    stream.flush()


def say(line: str = "", stream: TextIO | None = None) -> None:
    """Print one line for people (a character the terminal's encoding lacks becomes `?`)."""
    stream = stream or sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.write(line.encode(encoding, errors="replace").decode(encoding) + "\n")


def use_color(stream: TextIO) -> bool:
    """Bold matches only on a terminal, and never when NO_COLOR is set."""
    return hasattr(stream, "isatty") and stream.isatty() and not os.environ.get("NO_COLOR")


def dataset_kind(path: str) -> str:
    """How a dataset file is stored, for `stats`: Parquet, or JSON Lines plain or compressed."""
    with open(path, "rb") as handle:
        magic = handle.read(4)
    if magic == datasets.PARQUET_MAGIC:
        return "dataset of pages (Parquet)"
    if magic == datasets.ZSTD_MAGIC:
        return "dataset of pages (JSON Lines, zstandard)"
    if magic.startswith(datasets.GZIP_MAGIC):
        return "dataset of pages (JSON Lines, gzip)"
    return "dataset of pages (JSON Lines)"


# ---------------------------------------------------------------------------------------------- commands
def cmd_scan(argv: list[str]) -> int:
    """`scan FILE`: one line per page of a dataset file that holds a thread, streamed as the file is read."""
    parser = Parser(
        prog=f"{PROG} scan",
        description="Read a dataset file of web pages (JSON Lines, .jsonl.gz, .zst or Parquet; one page with a "
        "text field a record) in one streaming pass and print a line for each page that has `In reply to` "
        "markers, as soon as it is found: page number (from 0, for --page), url (or id), comments, replies, "
        "placeholders and marker position, separated by tabs. A total goes to stderr at the end.",
    )
    parser.add_argument("file", metavar="FILE", help="a dataset file")
    parser.add_argument("-a", "--all", action="store_true", help="print every page, with a thread or not")
    add_markers_option(parser)
    args = parser.parse_args(argv)
    require_dataset(args.file, "scan")
    started = time.monotonic()
    counts = {"comments": 0, "replies": 0, "placeholders": 0}
    bad = datasets.BadLines()
    with ScanProgress(args.file) as progress:
        for summary in datasets.scan(
            args.file, only_with_markers=False, markers=args.markers, progress=progress.update, bad=bad
        ):
            progress.pages += 1
            if summary.has_markers:
                progress.found += 1
                counts["comments"] += summary.comments
                counts["replies"] += summary.replies
                counts["placeholders"] += summary.placeholders
            if summary.has_markers or args.all:
                progress.emit(printable(datasets.summary_line(summary)))
    seconds = time.monotonic() - started
    skipped = f"; {bad}" if bad else ""
    say(f"{progress.pages} pages scanned in {seconds:.1f} s; {progress.found} with threads: "
        f"{counts['comments']} comments, {counts['replies']} replies, {counts['placeholders']} placeholders"
        f"{skipped}", sys.stderr)  # fmt: skip
    return EXIT_OK


def cmd_export(argv: list[str]) -> int:
    """`export FILE`: the thread or a subtree as JSON, Markdown or flat text, to stdout or --output."""
    parser = Parser(
        prog=f"{PROG} export",
        description="Write a thread (or one comment and its replies) as JSON (thread-explorer/1, re-imports "
        "losslessly), Markdown (a nested discussion) or flat text (the page format, markers before bodies).",
    )
    parser.add_argument("file", metavar="FILE", help="input file, or - for standard input")
    parser.add_argument(
        "-f", "--format", choices=EXPORT_FORMATS, default="json", help="output format (default: json)"
    )
    parser.add_argument("-s", "--subtree", metavar="ID", help="export only this comment and its replies")
    parser.add_argument(
        "-o", "--output", metavar="PATH",
        help="write to PATH instead of standard output (an existing file is overwritten)",
    )  # fmt: skip
    add_input_options(parser)
    add_page_option(parser)
    args = parser.parse_args(argv)
    thread = load_input(args)
    if args.subtree is not None and thread.find(args.subtree) is None:
        some = ", ".join(printable(c.id) for c, _ in zip(thread.walk(), range(3)))
        hint = f" (ids look like {some}, …)" if some else " (the thread is empty)"
        raise InputError(f"{display_name(args.file)}: no comment with id {printable(args.subtree)!r}{hint}")
    write_output(export_thread(thread, args.format, subtree_id=args.subtree), args.output)
    if args.output not in (None, "-"):
        say(f"wrote {args.output}", sys.stderr)
    return EXIT_OK


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
    add_input_options(parser)
    add_page_option(parser)
    args = parser.parse_args(argv)
    if args.limit < 1:
        parser.error("--limit must be at least 1")
    thread = load_input(args)
    hits = SearchIndex(list(thread.walk())).search(args.query, limit=args.limit)
    if not hits:
        say(f"{PROG}: no comment matches {one_line(args.query)!r}", sys.stderr)
        return EXIT_NO_MATCH
    color = use_color(sys.stdout)
    ids = [printable(hit.comment.id) for hit in hits]
    authors = [one_line(hit.comment.author or "-")[:24] for hit in hits]
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
            article += f" ({one_line(thread.article.reason)})"
    attached = ", ".join(f"{how} {count}" for how, count in stats["attached_by"].items()) or "-"
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
        *([("not loaded", not_loaded(stats))] if stats["not_loaded"] else []),
        ("authors", stats["authors"]),
        ("max depth", stats["max_depth"]),
        ("attached by", attached),
    ]
    out = [f"{label + ':':<15} {value}" for label, value in rows]
    out += [f"{'note:':<15} {one_line(note)}" for note in thread.notes]
    return out


def not_loaded(stats: dict[str, Any]) -> str:
    """`2 ("more" stubs for 21 replies the source did not send)` for the "not loaded" line of `stats`."""
    stubs = stats["not_loaded"]
    replies = stats.get("not_loaded_replies", 0)
    what = f"for {replies} repl{'y' if replies == 1 else 'ies'} " if replies else "for replies "
    return f'{stubs} ("more" stub{"s" if stubs != 1 else ""} {what}the source did not send)'


def dataset_stats_lines(path: str, counts: dict[str, Any]) -> list[str]:
    """The `stats` report for a whole dataset file, one `label: value` a line."""
    rows = [
        ("source", printable(path)),
        ("format", dataset_kind(path)),
        ("pages", counts["pages"]),
        ("  with threads", counts["pages_with_markers"]),
        ("reply markers", (f"before the body on {counts['markers_before']} pages, "
                           f"after it on {counts['markers_after']}")),
        ("comments", counts["comments"]),
        ("  replies", counts["replies"]),
        ("placeholders", counts["placeholders"]),
        *([("warning", str(counts["bad"]))] if counts.get("bad") else []),
        ("note", "counts cover the pages with threads (`scan` lists them); --page N|URL for one page"),
    ]  # fmt: skip
    return [f"{label + ':':<15} {value}" for label, value in rows]


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
    add_input_options(parser)
    add_page_option(parser)
    args = parser.parse_args(argv)
    if args.page is None and is_dataset_input(args):
        with ScanProgress(args.file, counting=False) as progress:
            counts = datasets.totals(args.file, markers=args.markers, progress=progress.update)
        lines = dataset_stats_lines(args.file, counts)
    else:
        lines = stats_lines(*load_input_as(args))
    for line in lines:
        say(line)
    return EXIT_OK


def cmd_generate(argv: list[str]) -> int:
    """`generate N`: a random flat page (markers before or after bodies) for trying the parser and the app."""
    parser = Parser(
        prog=f"{PROG} generate",
        description="Print a random threaded comment page, flattened the way web-text datasets keep pages.",
    )
    parser.add_argument("n", metavar="N", type=int, help="number of comments")
    parser.add_argument("--seed", type=int, default=0, help="random seed: the same seed gives the same page")
    parser.add_argument("--markers", choices=("before", "after"), default="before", help="marker position")
    parser.add_argument(
        "--missing",
        type=float,
        default=None,
        metavar="FRACTION",
        help="leave this fraction of parents out of the page (they become placeholders)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="write to PATH instead of standard output (an existing file is overwritten)",
    )
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must not be negative")
    if args.missing is not None and not 0.0 <= args.missing <= 1.0:
        parser.error("--missing must be between 0 and 1")
    try:
        from .core.flatpage.generate import generate_page
    except ImportError as error:
        raise InputError(f"the page generator is not available ({error})") from None
    extra = {"missing": args.missing} if args.missing is not None else {}
    write_output(generate_page(args.n, seed=args.seed, markers=args.markers, **extra), args.output)
    return EXIT_OK


def cmd_open(argv: list[str]) -> int:
    """`thread-explorer [FILE]`: open the explorer app (the bundled sample without FILE)."""
    parser = Parser(
        prog=PROG,
        description="Rebuild, explore and export comment threads. Without a command, open FILE (or the "
        "bundled sample page) in the explorer app.",
        epilog=COMMANDS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE", nargs="?", help="file to open (- for standard input)")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    add_input_options(parser, "--format")
    args = parser.parse_args(argv)
    if args.input_format:
        from .core.load import format_by_name

        format_by_name(args.input_format)
    try:
        from .ui.app import run_app
    except ImportError as error:
        raise InputError(
            f"the explorer app cannot start ({error}); export, search, stats and generate still work"
        ) from None
    return run_app(args.file, format=args.input_format, markers=args.markers)


COMMANDS: dict[str, Callable[[list[str]], int]] = {
    "scan": cmd_scan,
    "export": cmd_export,
    "search": cmd_search,
    "stats": cmd_stats,
    "generate": cmd_generate,
}


def fail(message: str) -> int:
    """Print the one-line error and return the error status."""
    say(f"{PROG}: error: {one_line(message)}", sys.stderr)  # ids and names in it may come from the input
    return EXIT_ERROR


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line (`argv` without the program name); returns the exit status, never raises."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in COMMANDS:
            return COMMANDS[args[0]](args[1:])
        return cmd_open(args)
    except Usage as usage:
        return usage.status
    except InputError as error:
        return fail(str(error))
    except BrokenPipeError:
        try:  # stdout is gone: point it at /dev/null so the interpreter's final flush stays quiet
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except OSError as error:
        return fail(f"{error.filename or 'output'}: {error.strerror or error}")
    except RecursionError:
        return fail(f"{display_name(args[1] if len(args) > 1 else '-')}: nested too deeply to process")
