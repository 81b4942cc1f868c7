"""One page of a dataset file, by number (from 0) or by url or id, parsed into a Thread; only that record is
decoded when a number is given."""

from __future__ import annotations

from typing import Any

from ..collection import parse_selector
from ..errors import InputError
from ..flatpage import parse_text
from ..model import Thread
from .records import Page, loads_line, page_of_record, parquet_record, records, url_id
from .stream import PARQUET_MAGIC, magic, open_lines
from .wet import is_warc, wet_records


def nth_record(path: str, number: int) -> dict[str, Any] | int:
    """Record `number` (from 0), or how many records the file has when it is shorter; only that one is decoded."""
    if magic(path) == PARQUET_MAGIC:
        return parquet_record(path, number)
    count = 0
    if is_warc(path):
        for index, record, _ in wet_records(path):
            if index == number:
                return record
            count = index + 1
        return count
    with open_lines(path) as (lines, _):
        for line in lines:
            if not line.strip():
                continue
            if count == number:
                try:
                    record = loads_line(line)
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
    number, key = parse_selector(selector)
    if number is not None:
        if number < 0:
            raise InputError(f"{path}: page numbers start at 0")
        found = nth_record(path, number)
        if isinstance(found, int):
            raise InputError(f"{path}: no page {number}: the file has {found} pages (numbered from 0)")
        return page_of_record(found, number)
    for index, record, _ in records(path):
        if key in url_id(record):
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
