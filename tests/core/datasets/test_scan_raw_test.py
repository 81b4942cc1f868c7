"""`scan` decodes only the lines whose bytes can hold a marker: the rest are checked, never lost or miscounted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from paths import SEED

from thread_explorer.core import datasets
from thread_explorer.core.collection import BadLines
from thread_explorer.core.datasets.scanning import may_hold_marker
from thread_explorer.core.errors import InputError

THREAD = SEED.read_text(encoding="utf-8")


def write(tmp_path: Path, lines: list[str]) -> str:
    path = tmp_path / "pages.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return str(path)


def page(text: str, n: int, **extra: object) -> str:
    return json.dumps({"url": f"https://e.org/{n}", "text": text, **extra})


def test_a_marker_spelt_with_escapes_is_still_found(tmp_path: Path) -> None:
    """`In\\u0020reply to` is the marker once decoded, though its bytes are not in the line."""
    escaped = page(THREAD, 1).replace("In reply to", "In\\u0020reply\\u0020to")
    assert "In reply to" not in escaped
    path = write(tmp_path, [page("no thread here", 0), escaped, page(THREAD, 2, ensure="ascii é")])
    assert [s.index for s in datasets.scan(path)] == [1, 2]


def test_bad_lines_among_skipped_pages_are_still_counted(tmp_path: Path) -> None:
    lines = [page("plain", 0), "{not json", "[1, 2]", page(THREAD, 3), '{"text": "cut off']
    bad = BadLines()
    assert [s.index for s in datasets.scan(write(tmp_path, lines), bad=bad)] == [3]
    assert bad.count == 3 and bad.first_line == 2
    assert "not valid JSON" in bad.first_problem


def test_lines_only_json_loads_accepts_are_pages_as_before(tmp_path: Path) -> None:
    """NaN and a lone surrogate escape are refused by orjson but read by json.loads: still good pages."""
    lines = [
        '{"text": "plain", "score": NaN}',
        '{"text": "odd \\ud800 text"}',
        page(THREAD, 2, score=float("nan")),
    ]
    bad = BadLines()
    assert [s.index for s in datasets.scan(write(tmp_path, lines), bad=bad)] == [2]
    assert bad.count == 0


def test_a_file_of_bad_lines_only_is_still_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no page record could be read"):
        list(datasets.scan(write(tmp_path, ["{broken", "[]"])))


def test_the_raw_test_says_no_only_without_the_marker_or_a_hiding_escape() -> None:
    assert may_hold_marker(b'{"text": "In reply to x by y"}')
    assert may_hold_marker(b'{"text": "In\\u0020reply to"}')
    assert may_hold_marker("x".encode("utf-16"))
    assert not may_hold_marker(b'{"text": "caf\\u00e9, no thread"}')
    assert not may_hold_marker(b'{"text": "in reply to lower case"}')
