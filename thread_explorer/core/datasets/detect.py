"""Is this file a dataset of pages? Decided from its magic bytes and its first lines, never the whole file.

Parquet (`PAR1`) by its magic bytes, a WET file by its WARC version line; plain, gzip (`1f 8b`) or zstandard
(`28 b5 2f fd`) data by its first non-blank lines after decompression: the first is a page record, a JSON
object with a text field (and no `parent`, `parent_id` or `reply_to`: that is a list of comments, not pages),
and so is the second, or the second is not valid JSON (a corrupt record or the cut-off end of a truncated
file), or it is too long to sniff; a file with only one line is a dataset when its name ends in
`.jsonl`/`.ndjson` (before `.gz`/`.zst`), and so is a file so named whose first line is too long to sniff.
Anything else, a compressed single thread (`thread.json.gz`) included, is not a dataset.
"""

from __future__ import annotations

import os

from ..errors import InputError
from .records import is_page_line, loads_line
from .stream import PARQUET_MAGIC, head_lines, magic
from .wet import is_warc


def is_json_line(line: bytes) -> bool:
    try:
        loads_line(line)
    except (ValueError, RecursionError):
        return False
    return True


def is_dataset(path: str) -> bool:
    """True when the file is a multi-page dataset (see the module docstring); False for anything else."""
    if path == "-" or not os.path.isfile(path):
        return False
    try:
        if magic(path) == PARQUET_MAGIC or is_warc(path):
            return True
        lines, more = head_lines(path)
    except (OSError, InputError):
        return False
    name = path.lower().removesuffix(".gz").removesuffix(".zst")
    if not lines:  # a first line too long to sniff: by its name (the dataset reader then says how long it is)
        return more and name.endswith((".jsonl", ".ndjson"))
    if not is_page_line(lines[0]):
        return False
    if len(lines) > 1:
        return is_page_line(lines[1]) or not is_json_line(lines[1])
    return more or name.endswith((".jsonl", ".ndjson"))
