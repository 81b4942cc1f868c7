"""Web-text dataset files holding many pages: JSON Lines (plain, gzip, zstandard) and Parquet, read as a stream.

A record is one page: a `text` field (also accepted: `raw_content`, `content`) and usually `url`, `id` and a
time (`timestamp`, `date`, `created`, `crawl_date`; Dolma's `metadata.url` also counts). C4 ships `.json.gz`
JSON Lines, FineWeb Parquet. Nothing here reads a whole file: records are decoded one line (or one Parquet
batch) at a time, so a multi-gigabyte file scans in constant memory and the first results come at once.

Detection (`is_dataset`): Parquet (`PAR1`) by its magic bytes; plain, gzip (`1f 8b`) or zstandard
(`28 b5 2f fd`) data by its first non-blank lines after decompression: the first is a page record, a JSON object
with a text field (and no `parent`, `parent_id` or `reply_to`: that is a list of comments, not pages), and so is
the second, or the second is not valid JSON (a corrupt record or the cut-off end of a truncated file), or it is
too long to sniff; a file with only one line is a dataset when its name ends in `.jsonl`/`.ndjson` (before
`.gz`/`.zst`). Anything else, a compressed single thread (`thread.json.gz`) included, is not a dataset.

Pages are numbered from 0 in file order (blank lines are not pages); `load_page` takes that number or a page's url
or id. Bytes that are not UTF-8 become U+FFFD, CRLF in a text becomes LF.

Bad records do not stop a pass: a line that is not valid JSON (a corrupt record, the cut-off last line of a
truncated file) or not a JSON object is skipped and counted in a `BadLines` (the caller's, when it passes one),
and keeps its page number, so numbers stay those of the file's lines whether or not some are broken. Compressed
data that ends early (a truncated download) ends the pass the same way, noted in `BadLines.truncated`. Only when
no line at all is a page record does the pass fail, with an InputError naming the first bad line.

`.gz` needs only the standard library; `.zst` needs the `zstd` extra (zstandard) and Parquet the `parquet` extra
(pyarrow); without them the InputError names the extra to install.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, BinaryIO

from .decode import GZIP_MAGIC, ZSTD_MAGIC, InputError, compression, decompressed_chunks, open_binary
from .flatpage import parse_text
from .model import Thread

__all__ = [
    "GZIP_MAGIC",
    "PARQUET_MAGIC",
    "ZSTD_MAGIC",
    "BadLines",
    "Page",
    "PageSummary",
    "find_page",
    "is_dataset",
    "is_page_record",
    "iter_pages",
    "load_page",
    "page_of_record",
    "page_thread",
    "scan",
    "summarize",
    "summary_line",
    "totals",
]

TEXT_FIELDS = ("text", "raw_content", "content")
TIME_FIELDS = ("timestamp", "date", "created", "crawl_date")
PARENT_FIELDS = ("parent", "parent_id", "reply_to")
MARKER = "In reply to "
TITLE_CHARS = 120
PROGRESS_EVERY = 0.1  # seconds between progress calls during a scan
PARQUET_BATCH = 256
PARQUET_MAGIC = b"PAR1"
# The package is not on PyPI: extras are installed from a clone, as the README says.
PARQUET_EXTRA = "reading Parquet needs the parquet extra (pip install '.[parquet]' in the project folder)"
HEAD_LINE_LIMIT = 8 << 20  # bytes read per line when sniffing (one page can be large)
SNIFF_LINES = 3


@dataclass(frozen=True)
class Page:
    """One page of a dataset file: its number in the file (from 0), where it came from, a title and its text."""

    index: int
    url: str | None
    id: str | None
    title: str
    text: str
    timestamp: str | None

    @property
    def label(self) -> str:
        """How a list names the page: its url, else its id, else "page N"."""
        return self.url or self.id or f"page {self.index}"


@dataclass(frozen=True)
class PageSummary:
    """What the parser sees on one page: counts and marker position, without keeping the text."""

    index: int
    url: str | None
    id: str | None
    title: str
    comments: int
    replies: int
    placeholders: int
    marker_position: str | None
    has_markers: bool
    chars: int

    @property
    def label(self) -> str:
        """The page's url, else its id, else "page N"."""
        return self.url or self.id or f"page {self.index}"


@dataclass
class BadLines:
    """What a pass over a dataset skipped: how many bad lines, the first one and why, and whether the compressed
    data ended early. Pass one to `scan`, `iter_pages` or `totals` to learn it; `str()` is the user's summary."""

    count: int = 0
    first_line: int | None = None
    first_problem: str = ""
    truncated: bool = False  # the compressed data ended early: the pass stopped there
    lines_read: int = 0  # lines read when the pass ended (for the truncation message)

    def add(self, line: int, problem: str) -> None:
        """Count one skipped line (line numbers from 1)."""
        self.count += 1
        if self.first_line is None:
            self.first_line, self.first_problem = line, problem

    def __bool__(self) -> bool:
        return bool(self.count or self.truncated)

    def __str__(self) -> str:
        """`2 bad lines skipped (first: line 4)`, and/or that the compressed data ends early; "" when clean."""
        parts = []
        if self.count:
            parts.append(
                f"{self.count:,} bad line{'s' if self.count != 1 else ''} skipped (first: line "
                f"{self.first_line})"
            )
        if self.truncated:
            parts.append(
                f"the compressed data ends early, after line {self.lines_read} (a truncated download?)"
            )
        return "; ".join(parts)


# ------------------------------------------------------------------------------------------------ opening
def _open_raw(path: str) -> BinaryIO:
    """The file opened for binary reading; failures as InputError naming the path."""
    return open_binary(path)


def _magic(path: str) -> bytes:
    with _open_raw(path) as handle:
        return handle.read(4)


def _pyarrow_parquet(path: str) -> Any:
    """pyarrow.parquet, or an InputError naming the extra."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(f"{path}: {PARQUET_EXTRA}") from None
    return pq


def _split_lines(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The lines (with their newline) of a stream given as chunks of bytes."""
    pending: list[bytes] = []
    for chunk in chunks:
        start = 0
        while (end := chunk.find(b"\n", start)) >= 0:
            if pending:
                pending.append(chunk[start : end + 1])
                yield b"".join(pending)
                pending = []
            else:
                yield chunk[start : end + 1]
            start = end + 1
        if start < len(chunk):
            pending.append(chunk[start:])
    if pending:
        yield b"".join(pending)


@contextmanager
def _lines(path: str, bad: BadLines | None = None) -> Iterator[tuple[Iterator[bytes], Callable[[], int]]]:
    """The decompressed lines of a JSON Lines file and a function giving how many file bytes were read so far.
    With `bad`, compressed data that ends early ends the lines (noted there) instead of raising."""
    raw = _open_raw(path)
    try:
        kind = compression(raw.read(4))
        raw.seek(0)
        lines = iter(raw) if kind is None else _split_lines(decompressed_chunks(raw, kind, path))
        yield _guarded(lines, path, bad), raw.tell
    finally:
        raw.close()


def _guarded(lines: Iterator[bytes], path: str, bad: BadLines | None = None) -> Iterator[bytes]:
    """Lines, with read failures turned into one-line InputErrors (truncated compressed data only noted in `bad`
    when there is one)."""
    count = 0
    try:
        for line in lines:
            count += 1
            yield line
    except EOFError:
        if bad is None:
            raise InputError(f"{path}: the compressed data ends early (a truncated download?)") from None
        bad.truncated, bad.lines_read = True, count
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error}") from None


# ------------------------------------------------------------------------------------------------ records
def _loads(line: bytes) -> Any:
    """A JSON line; bytes that are not UTF-8 become U+FFFD rather than failing the whole file."""
    try:
        return json.loads(line)
    except UnicodeDecodeError:
        return json.loads(line.decode("utf-8", errors="replace"))


def _record_text(record: dict[str, Any]) -> str | None:
    for key in TEXT_FIELDS:
        value = record.get(key)
        if isinstance(value, str):
            return value
    return None


COMMENT_AUTHOR_FIELDS = ("author", "by", "user")
PAGE_ONLY_FIELDS = ("url", "timestamp", "date", "dump")


def _is_page_record(line: bytes) -> bool:
    """A line holding a page record (see is_page_record)."""
    try:
        record = _loads(line)
    except (ValueError, RecursionError):
        return False
    return is_page_record(record)


def is_page_record(record: Any) -> bool:
    """A JSON object with a text field and no parent field: one page of a dataset. A record with an author and
    no url, timestamp or date is a comment of a JSON Lines thread instead (the generic JSON reader's)."""
    if not isinstance(record, dict) or _record_text(record) is None:
        return False
    if any(key in record for key in PARENT_FIELDS):
        return False
    return not (
        any(key in record for key in COMMENT_AUTHOR_FIELDS)
        and not any(key in record for key in PAGE_ONLY_FIELDS)
    )


def _text_value(value: Any) -> str | None:
    """A field as a string (numbers and dates too), None when absent or empty."""
    if value is None or value == "":
        return None
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _title(text: str, url: str | None) -> str:
    """The first non-blank line of the text, cut to TITLE_CHARS; the url for an empty page."""
    for line in text.split("\n", 20)[:20]:
        if line.strip():
            line = " ".join(line.split())
            return line if len(line) <= TITLE_CHARS else line[: TITLE_CHARS - 1] + "…"
    return url or ""


def _url_id(record: dict[str, Any]) -> tuple[str | None, str | None]:
    """A record's url (or Dolma's metadata.url) and id (or doc_id)."""
    meta = record.get("metadata") if isinstance(record.get("metadata"), dict) else {}
    url = _text_value(record.get("url") or meta.get("url"))
    return url, _text_value(record.get("id", record.get("doc_id")))


def page_of_record(record: dict[str, Any], index: int = 0) -> Page:
    """A record as a Page (a record without text is an empty page); `index` is its number in its file."""
    text = _record_text(record) or ""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    url, page_id = _url_id(record)
    stamp = next((_text_value(record[k]) for k in TIME_FIELDS if record.get(k) not in (None, "")), None)
    return Page(index=index, url=url, id=page_id, title=_title(text, url), text=text, timestamp=stamp)


def _jsonl_records(path: str, bad: BadLines) -> Iterator[tuple[int, dict[str, Any], int]]:
    """(page number, record, file bytes read) for each non-blank line that is a JSON object; other lines are
    counted in `bad` and skipped (keeping their page number). No page record at all raises InputError."""
    index = -1
    good = 0
    with _lines(path, bad) as (lines, position):
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            index += 1
            try:
                record = _loads(line)
            except (ValueError, RecursionError) as error:
                bad.add(number, f"not valid JSON ({error})")
                continue
            if not isinstance(record, dict):
                bad.add(number, "not a JSON object (a page record)")
                continue
            good += 1
            yield index, record, position()
    if not good and bad:
        why = f"{bad.count:,} bad line{'s' if bad.count != 1 else ''}; line {bad.first_line} is {bad.first_problem}"
        raise InputError(f"{path}: no page record could be read ({why if bad.count else bad})")


def _parquet_records(path: str) -> Iterator[tuple[int, dict[str, Any], int]]:
    """(page number, record, approximate file bytes read) batch by batch, never a whole file in memory."""
    pq = _pyarrow_parquet(path)
    try:
        parquet = pq.ParquetFile(path)
        names = set(parquet.schema_arrow.names)
        if not any(name in names for name in TEXT_FIELDS):
            raise InputError(f"{path}: this Parquet file has no text column ({', '.join(TEXT_FIELDS)})")
        wanted = [n for n in (*TEXT_FIELDS, "url", "id", "doc_id", *TIME_FIELDS, "metadata") if n in names]
        meta = parquet.metadata
        groups = [
            (meta.row_group(i).num_rows, meta.row_group(i).total_byte_size)
            for i in range(meta.num_row_groups)
        ]
        total_rows = sum(rows for rows, _ in groups) or 1
        size = os.path.getsize(path)
        row = 0
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH, columns=wanted):
            for record in batch.to_pylist():
                row += 1
                yield row - 1, record, size * row // total_rows
    except InputError:
        raise
    except (OSError, ValueError) as error:  # pyarrow's ArrowInvalid is a ValueError, ArrowIOError an OSError
        raise InputError(f"{path}: cannot read as Parquet ({error})") from None


def _records(path: str, bad: BadLines | None = None) -> Iterator[tuple[int, dict[str, Any], int]]:
    """(page number, record, file bytes read) for every page record of the file, bad lines counted in `bad`."""
    if _magic(path) == PARQUET_MAGIC:
        return _parquet_records(path)
    return _jsonl_records(path, bad if bad is not None else BadLines())


# ------------------------------------------------------------------------------------------------ public API
def _head(path: str) -> tuple[list[bytes], bool]:
    """The first SNIFF_LINES non-blank lines of the (decompressed) file, each complete or the file's last line,
    and whether more follows that was not sniffed (a line longer than HEAD_LINE_LIMIT, or more lines)."""
    with _open_raw(path) as raw:
        kind = compression(raw.read(4))
        raw.seek(0)
        chunks = (
            iter(lambda: raw.read(1 << 16), b"") if kind is None else decompressed_chunks(raw, kind, path)
        )
        lines: list[bytes] = []
        for line in _split_lines(_limited(chunks, HEAD_LINE_LIMIT * SNIFF_LINES)):
            if not line.endswith(b"\n") and len(line) >= HEAD_LINE_LIMIT:
                return lines, True  # too long to sniff, or cut by the limit
            if line.strip():
                lines.append(line)
                if len(lines) == SNIFF_LINES:
                    return lines, True
    return lines, False


def _limited(chunks: Iterator[bytes], limit: int) -> Iterator[bytes]:
    """Chunks up to about `limit` bytes in all; data that ends early (a truncated file) just ends."""
    size = 0
    try:
        for chunk in chunks:
            yield chunk
            size += len(chunk)
            if size >= limit:
                return
    except EOFError:
        return


def _is_json(line: bytes) -> bool:
    try:
        _loads(line)
    except (ValueError, RecursionError):
        return False
    return True


def is_dataset(path: str) -> bool:
    """True when the file is a multi-page dataset (see the module docstring); False for anything else."""
    if path == "-" or not os.path.isfile(path):
        return False
    try:
        if _magic(path) == PARQUET_MAGIC:
            return True
        lines, more = _head(path)
    except (OSError, InputError):
        return False
    if not lines or not _is_page_record(lines[0]):
        return False
    if len(lines) > 1:
        return _is_page_record(lines[1]) or not _is_json(lines[1])
    name = path.lower().removesuffix(".gz").removesuffix(".zst")
    return more or name.endswith((".jsonl", ".ndjson"))


def iter_pages(path: str, *, bad: BadLines | None = None) -> Iterator[Page]:
    """Every page of a dataset file in order, one at a time; bad lines are skipped (counted in `bad`), unreadable
    data or a file without any page record raises InputError."""
    for index, record, _ in _records(path, bad):
        yield page_of_record(record, index)


def summarize(page: Page, markers: str = "auto") -> PageSummary:
    """Parse a page (only when it has an "In reply to " line: the rest have no thread) and count what it holds."""
    stats: dict[str, Any] = {}
    if MARKER in page.text:
        stats = parse_text(page.text, markers=markers, source=page.label).stats()
    return PageSummary(
        index=page.index,
        url=page.url,
        id=page.id,
        title=page.title,
        comments=stats.get("comments", 0),
        replies=stats.get("replies", 0),
        placeholders=stats.get("placeholders", 0),
        marker_position=stats.get("marker_position"),
        has_markers=bool(stats.get("replies") or stats.get("placeholders")),
        chars=len(page.text),
    )


def scan(
    path: str,
    *,
    only_with_markers: bool = True,
    markers: str = "auto",
    progress: Callable[[int, int], None] | None = None,
    bad: BadLines | None = None,
) -> Iterator[PageSummary]:
    """Summaries of the pages in file order, streamed; progress(bytes_read, total_bytes) about 10 times a second.
    Bad lines are skipped and counted in `bad` (see the module docstring)."""
    total = os.path.getsize(path) if os.path.isfile(path) else 0
    last = time.monotonic()
    read = 0
    for index, record, read in _records(path, bad):
        page = page_of_record(record, index)
        if not only_with_markers or MARKER in page.text:
            summary = summarize(page, markers)
            if summary.has_markers or not only_with_markers:
                yield summary
        if progress is not None and time.monotonic() - last >= PROGRESS_EVERY:
            last = time.monotonic()
            progress(min(read, total), total)
    if progress is not None:
        progress(total, total)


def _selector(selector: int | str) -> tuple[int | None, str | None]:
    """A page number (an int or a string of digits) or a url/id."""
    if isinstance(selector, int):
        return selector, None
    text = selector.strip()
    return (int(text), None) if text.isdigit() else (None, text)


def _nth_record(path: str, number: int) -> dict[str, Any] | int:
    """Record `number` (from 0), or how many records the file has when it is shorter; only that one is decoded."""
    if _magic(path) == PARQUET_MAGIC:
        pq = _pyarrow_parquet(path)
        try:
            parquet = pq.ParquetFile(path)
            first = 0
            for group in range(parquet.metadata.num_row_groups):
                rows = parquet.metadata.row_group(group).num_rows
                if number < first + rows:
                    table = parquet.read_row_group(group).slice(number - first, 1)
                    return dict(table.to_pylist()[0])
                first += rows
            return first
        except (OSError, ValueError) as error:
            raise InputError(f"{path}: cannot read as Parquet ({error})") from None
    count = 0
    with _lines(path) as (lines, _):
        for line in lines:
            if not line.strip():
                continue
            if count == number:
                try:
                    record = _loads(line)
                except (ValueError, RecursionError) as error:
                    raise InputError(
                        f"{path}: page {number} is a bad line, not valid JSON ({error})"
                    ) from None
                if not isinstance(record, dict):
                    raise InputError(
                        f"{path}: page {number} is a bad line, not a JSON object (a page record)"
                    )
                return record
            count += 1
    return count


def find_page(path: str, selector: int | str) -> Page:
    """The page with this number (from 0; an int or a string of digits), else this url or id; InputError if none."""
    number, key = _selector(selector)
    if number is not None:
        if number < 0:
            raise InputError(f"{path}: page numbers start at 0")
        found = _nth_record(path, number)
        if isinstance(found, int):
            raise InputError(f"{path}: no page {number}: the file has {found} pages (numbered from 0)")
        return page_of_record(found, number)
    for index, record, _ in _records(path):
        if key in _url_id(record):
            return page_of_record(record, index)
    raise InputError(f"{path}: no page with url or id {key!r}")


def load_page(path: str, selector: int | str, *, markers: str = "auto") -> Thread:
    """One page of a dataset file parsed into a Thread (source "PATH#N"; meta holds url, id, timestamp, page)."""
    page = find_page(path, selector)
    return page_thread(page, source=f"{path}#{page.index}", markers=markers)


def page_thread(page: Page, *, source: str, markers: str = "auto") -> Thread:
    """A page's text parsed into a Thread; meta holds its page number, url, id, timestamp and title."""
    thread = parse_text(page.text, markers=markers, source=source)
    thread.meta.update(
        {
            k: v
            for k, v in (
                ("page", page.index),
                ("url", page.url),
                ("id", page.id),
                ("timestamp", page.timestamp),
                ("title", page.title),
            )
            if v is not None
        }
    )
    return thread


def summary_line(summary: PageSummary) -> str:
    """One tab-separated line for `thread-explorer scan`: page number, url (or id), comments, replies,
    placeholders, marker position; tabs and line breaks inside the url become spaces, so the columns hold."""
    label = " ".join(summary.label.split())
    return "\t".join(
        (
            str(summary.index),
            label,
            str(summary.comments),
            str(summary.replies),
            str(summary.placeholders),
            summary.marker_position or "-",
        )
    )


def totals(
    path: str, *, markers: str = "auto", progress: Callable[[int, int], None] | None = None
) -> dict[str, Any]:
    """Counts over a whole dataset file (for `thread-explorer stats FILE`): pages, pages with reply markers, and
    the comments, replies and placeholders on them, with how many pages put markers before or after bodies;
    "bad" is the BadLines of the lines skipped."""
    bad = BadLines()
    result: dict[str, Any] = {
        "pages": 0,
        "pages_with_markers": 0,
        "comments": 0,
        "replies": 0,
        "placeholders": 0,
        "markers_before": 0,
        "markers_after": 0,
        "bad": bad,
    }
    for summary in scan(path, only_with_markers=False, markers=markers, progress=progress, bad=bad):
        result["pages"] += 1
        if not summary.has_markers:
            continue
        result["pages_with_markers"] += 1
        result["comments"] += summary.comments
        result["replies"] += summary.replies
        result["placeholders"] += summary.placeholders
        if summary.marker_position in ("before", "after"):
            result[f"markers_{summary.marker_position}"] += 1
    return result
