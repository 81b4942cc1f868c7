"""Records of a dataset file: a page is a JSON object with a text field; its url, id, time and title.

A record is one page: a `text` field (also accepted: `raw_content`, `content`) and usually `url`, `id` and a
time (`timestamp`, `date`, `created`, `crawl_date`; Dolma's `metadata.url` also counts). C4 ships `.json.gz`
JSON Lines, FineWeb Parquet, Common Crawl WET files (`wet`). Records are decoded one line (or one Parquet batch) at a time.

Pages are numbered from 0 in file order (blank lines are not pages). Bytes that are not UTF-8 become U+FFFD,
CRLF in a text becomes LF. Bad records do not stop a pass: a line that is not valid JSON (a corrupt record, the
cut-off last line of a truncated file) or not a JSON object is skipped and counted in a `BadLines`, and keeps its
page number, so numbers stay those of the file's lines whether or not some are broken. Compressed data that ends
early (a truncated download) ends the pass the same way, noted in `BadLines.truncated`. Only when no line at all
is a page record does the pass fail, with an InputError naming the first bad line.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..collection import BadLines
from ..decode import normalise_newlines
from ..errors import InputError
from ..jsonio import has_surrogate_escape, without_surrogates
from ..limits import MAX_RECORDS, MAX_VALUE_BYTES
from .stream import PARQUET_MAGIC, magic, open_lines, pyarrow_parquet
from .wet import is_warc, wet_records

try:  # the `fast` extra: checks a skipped line is a JSON object four times faster than json.loads
    import orjson
except ImportError:  # pragma: no cover
    orjson = None  # type: ignore[assignment]

TEXT_FIELDS = ("text", "raw_content", "content")
TIME_FIELDS = ("timestamp", "date", "created", "crawl_date")
PARENT_FIELDS = ("parent", "parent_id", "reply_to")
COMMENT_AUTHOR_FIELDS = ("author", "by", "user")
PAGE_ONLY_FIELDS = ("url", "timestamp", "date", "dump")
TITLE_CHARS = 120
PARQUET_BATCH = 256  # rows per Parquet batch at most
MAX_BATCH_BYTES = 64 << 20  # about how many value bytes one Parquet batch may decode to


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


def loads_line(line: bytes) -> Any:
    """A JSON line; bytes that are not UTF-8 and lone surrogate escapes become U+FFFD rather than failing the
    whole file (or the output later)."""
    try:
        value = json.loads(line)
    except UnicodeDecodeError:
        value = json.loads(line.decode("utf-8", errors="replace"))
    return without_surrogates(value) if has_surrogate_escape(line) else value


def record_text(record: dict[str, Any]) -> str | None:
    for key in TEXT_FIELDS:
        value = record.get(key)
        if isinstance(value, str):
            return value
    return None


def is_page_line(line: bytes) -> bool:
    """A line holding a page record (see is_page_record)."""
    try:
        record = loads_line(line)
    except (ValueError, RecursionError):
        return False
    return is_page_record(record)


def is_page_record(record: Any) -> bool:
    """A JSON object with a text field and no parent field: one page of a dataset. A record with an author and
    no url, timestamp or date is a comment of a JSON Lines thread instead (the generic JSON reader's)."""
    if not isinstance(record, dict) or record_text(record) is None:
        return False
    if any(key in record for key in PARENT_FIELDS):
        return False
    return not (
        any(key in record for key in COMMENT_AUTHOR_FIELDS)
        and not any(key in record for key in PAGE_ONLY_FIELDS)
    )


def text_value(value: Any) -> str | None:
    """A field as a string (numbers and dates too), None when absent or empty."""
    if value is None or value == "":
        return None
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def title_of(text: str, url: str | None) -> str:
    """The first non-blank line of the text, cut to TITLE_CHARS; the url for an empty page."""
    head = text[: TITLE_CHARS * 40]  # a page of one 10 MB line must not be split into words whole
    for line in head.split("\n", 20)[:20]:
        if line.strip():
            line = " ".join(line[: TITLE_CHARS * 4].split())
            return line if len(line) <= TITLE_CHARS else line[: TITLE_CHARS - 1] + "…"
    return url or ""


def url_id(record: dict[str, Any]) -> tuple[str | None, str | None]:
    """A record's url (or Dolma's metadata.url) and id (or doc_id)."""
    found = record.get("metadata")
    meta: dict[str, Any] = found if isinstance(found, dict) else {}
    url = text_value(record.get("url") or meta.get("url"))
    return url, text_value(record.get("id", record.get("doc_id")))


def page_of_record(record: dict[str, Any], index: int = 0) -> Page:
    """A record as a Page (a record without text is an empty page); `index` is its number in its file."""
    text = record_text(record) or ""
    text = normalise_newlines(text)
    url, page_id = url_id(record)
    stamp = next((text_value(record[k]) for k in TIME_FIELDS if record.get(k) not in (None, "")), None)
    return Page(index=index, url=url, id=page_id, title=title_of(text, url), text=text, timestamp=stamp)


def object_problem(line: bytes) -> str | None:
    """Why a line is no page record (not valid JSON, not an object), None when it is a JSON object; orjson
    checks first, and whatever it refuses is decided by json.loads, as for a line that is read."""
    if orjson is not None:
        try:
            if type(orjson.loads(line)) is dict:
                return None
        except orjson.JSONDecodeError:
            pass
    try:
        record = loads_line(line)
    except (ValueError, RecursionError) as error:
        return f"not valid JSON ({error})"
    return None if isinstance(record, dict) else "not a JSON object (a page record)"


def jsonl_records(
    path: str, bad: BadLines, keep: Callable[[bytes], bool] | None = None
) -> Iterator[tuple[int, dict[str, Any] | None, int]]:
    """(page number, record, file bytes read) for each non-blank line that is a JSON object; other lines are
    counted in `bad` and skipped (keeping their page number). No page record at all raises InputError. A line
    `keep` rejects (a test on its raw bytes) is only checked to be a JSON object, and comes with record None."""
    index = -1
    good = 0
    with open_lines(path, bad) as (lines, position):
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            index += 1
            if keep is not None and not keep(line):
                problem = object_problem(line)
                if problem is not None:
                    bad.add(number, problem)
                    continue
                good += 1
                yield index, None, position()
                continue
            try:
                record = loads_line(line)
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


def parquet_records(path: str) -> Iterator[tuple[int, dict[str, Any], int]]:
    """(page number, record, approximate file bytes read) batch by batch, never a whole file in memory: string
    columns stay dictionary-encoded in Arrow, a batch holds about MAX_BATCH_BYTES of values, each value is
    measured before it becomes a Python string (past MAX_VALUE_BYTES: InputError) and rows are converted one at a
    time. A value Python cannot hold (a timestamp of 10**14 seconds) is kept as its raw number."""
    try:
        parquet, wanted = _open_parquet(path)
        meta = parquet.metadata
        groups = [
            (meta.row_group(i).num_rows, meta.row_group(i).total_byte_size)
            for i in range(meta.num_row_groups)
        ]
        total_rows = sum(rows for rows, _ in groups) or 1
        if total_rows > MAX_RECORDS:
            raise InputError(
                f"{path}: {total_rows:,} rows, more than the {MAX_RECORDS:,} one dataset file may hold "
                "(see Limits in the README): split it"
            )
        densest = max((size / rows for rows, size in groups if rows), default=0.0)
        batch = max(1, min(PARQUET_BATCH, int(MAX_BATCH_BYTES / densest) if densest else PARQUET_BATCH))
        size = os.path.getsize(path)
        row = 0
        for part in parquet.iter_batches(batch_size=batch, columns=wanted):
            columns = [(name, part.column(name)) for name in part.schema.names]
            for name, column in columns:
                _check_lengths(path, row, name, column)
            for i in range(part.num_rows):
                row += 1
                record = {name: _cell(column[i]) for name, column in columns}
                yield row - 1, record, size * row // total_rows
    except InputError:
        raise
    except (OSError, ValueError) as error:  # pyarrow's ArrowInvalid is a ValueError, ArrowIOError an OSError
        raise InputError(f"{path}: cannot read as Parquet ({error})") from None


def _open_parquet(path: str) -> tuple[Any, list[str]]:
    """The Parquet file opened with its string columns kept dictionary-encoded, and the columns a page needs."""
    pq = pyarrow_parquet(path)
    probe = pq.ParquetFile(path)
    names = set(probe.schema_arrow.names)
    if not any(name in names for name in TEXT_FIELDS):
        raise InputError(f"{path}: this Parquet file has no text column ({', '.join(TEXT_FIELDS)})")
    wanted = [n for n in (*TEXT_FIELDS, "url", "id", "doc_id", *TIME_FIELDS, "metadata") if n in names]
    strings = [n for n in wanted if _is_string_type(probe.schema_arrow.field(n).type)]
    return pq.ParquetFile(path, read_dictionary=strings), wanted


def parquet_record(path: str, number: int) -> dict[str, Any] | int:
    """Row `number` (from 0) of a Parquet dataset, only its row group read; or the row count when shorter."""
    try:
        parquet, wanted = _open_parquet(path)
        first = 0
        for group in range(parquet.metadata.num_row_groups):
            rows = parquet.metadata.row_group(group).num_rows
            if number < first + rows:
                for batch in parquet.iter_batches(batch_size=1, row_groups=[group], columns=wanted):
                    if first == number:
                        columns = [(name, batch.column(name)) for name in batch.schema.names]
                        for name, column in columns:
                            _check_lengths(path, number, name, column)
                        return {name: _cell(column[0]) for name, column in columns}
                    first += 1
            first += rows
        return first
    except InputError:
        raise
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: cannot read as Parquet ({error})") from None


def _is_string_type(kind: Any) -> bool:
    pa, _ = _pyarrow()
    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_binary(kind))


def _pyarrow() -> tuple[Any, Any]:
    """pyarrow and pyarrow.compute (the parquet extra; only reached after pyarrow_parquet found it)."""
    import pyarrow
    import pyarrow.compute

    return pyarrow, pyarrow.compute


def _check_lengths(path: str, first_row: int, name: str, column: Any) -> None:
    """InputError when a string value of this batch column is longer than MAX_VALUE_BYTES (measured in Arrow,
    before any Python string is made; a dictionary column through its dictionary)."""
    pa, pc = _pyarrow()
    values = column.dictionary if pa.types.is_dictionary(column.type) else column
    if not _is_string_type(values.type) or len(values) == 0:
        return
    longest = pc.max(pc.binary_length(values)).as_py()
    if longest is not None and longest > MAX_VALUE_BYTES:
        raise InputError(
            f"{path}: a {name} value near page {first_row} holds {longest >> 20:,} MiB, more than the "
            f"{MAX_VALUE_BYTES >> 20} MiB one record may hold (see Limits in the README)"
        )


TIME_UNITS = {"s": 1, "ms": 1000, "us": 1_000_000, "ns": 1_000_000_000}


def _cell(scalar: Any) -> Any:
    """One Parquet value as Python; a time Python cannot represent (past year 9999) as its number of seconds
    since 1970, any other such value as its raw number."""
    try:
        return scalar.as_py()
    except (ValueError, OverflowError):
        value = getattr(scalar, "value", None)
        unit = getattr(scalar.type, "unit", None)
        return value // TIME_UNITS[unit] if isinstance(value, int) and unit in TIME_UNITS else value


def records(path: str, bad: BadLines | None = None) -> Iterator[tuple[int, dict[str, Any], int]]:
    """(page number, record, file bytes read) for every page record of the file, bad lines counted in `bad`."""
    if magic(path) == PARQUET_MAGIC:
        return parquet_records(path)
    if is_warc(path):
        return wet_records(path, bad)
    return (
        (n, r, at)
        for n, r, at in jsonl_records(path, bad if bad is not None else BadLines())
        if r is not None
    )


def records_kept(
    path: str, keep: Callable[[bytes], bool], bad: BadLines | None = None
) -> Iterator[tuple[int, dict[str, Any] | None, int]]:
    """records(), except that a JSON Lines record whose raw line `keep` rejects is only checked, not decoded:
    it comes as None (Parquet and WET records come decoded anyway)."""
    if magic(path) == PARQUET_MAGIC:
        return parquet_records(path)
    if is_warc(path):
        return wet_records(path, bad)
    return jsonl_records(path, bad if bad is not None else BadLines(), keep)
