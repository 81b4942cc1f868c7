"""Dataset files with many pages: detection, streaming scans, page lookup, compressed and Parquet variants."""

from __future__ import annotations

import gzip
import json
import shutil
import sys
from pathlib import Path

import pytest
from paths import FIXTURES

from thread_explorer.cli.scan import summary_line
from thread_explorer.core import datasets
from thread_explorer.core.collection import Collection, totals
from thread_explorer.core.errors import InputError
from thread_explorer.core.formats.native import from_dict, to_dict
from thread_explorer.core.load import open_input

PAGES = FIXTURES / "pages.jsonl"
WITH_MARKERS = [
    1,
    3,
    5,
]  # the seed page, a generated page with markers after bodies, one with a missing parent
SEED_URL = "https://www.zerohedge.com/news/2018-04-19/nato-russia-military-chiefs-hold-rare-meeting"


def records() -> list[dict[str, object]]:
    return [json.loads(line) for line in PAGES.read_text(encoding="utf-8").splitlines()]


def gzipped(tmp_path: Path, name: str = "c4-train.00000-of-01024.json.gz") -> Path:
    target = tmp_path / name
    with open(PAGES, "rb") as src, gzip.open(target, "wb") as dst:
        shutil.copyfileobj(src, dst)
    return target


def test_is_dataset_by_content_and_magic(tmp_path: Path) -> None:
    assert datasets.is_dataset(str(PAGES))
    assert datasets.is_dataset(str(gzipped(tmp_path)))
    for other in ("list.mbox", "hn_items.json", "reddit_thread.json"):
        assert not datasets.is_dataset(str(FIXTURES / other))
    comments = tmp_path / "comments.jsonl"  # one comment a line: a thread, not pages
    comments.write_text('{"id": 1, "parent": null, "text": "a"}\n{"id": 2, "parent": 1, "text": "b"}\n')
    assert not datasets.is_dataset(str(comments))
    one = '{"text": "only page", "url": "https://e.org/"}\n'
    (tmp_path / "one.jsonl").write_text(one)
    (tmp_path / "one.txt").write_text(one)
    assert datasets.is_dataset(str(tmp_path / "one.jsonl"))
    assert not datasets.is_dataset(str(tmp_path / "one.txt"))
    assert not datasets.is_dataset(str(tmp_path / "missing.jsonl")) and not datasets.is_dataset("-")


def test_iter_pages_fields() -> None:
    pages = list(datasets.iter_pages(str(PAGES)))
    assert [p.index for p in pages] == [0, 1, 2, 3, 4, 5]
    assert pages[0].title == "Beginners BBQ Class Taking Place in Missoula!"
    assert pages[0].timestamp == "2019-04-25T12:57:54Z"
    assert pages[1].url == SEED_URL and pages[1].label == SEED_URL
    assert pages[4].text == "" and pages[4].title == "https://example.net/empty"
    assert (
        pages[5].url is None
        and pages[5].label == pages[5].id == "<urn:uuid:6f1d2c1e-0b7a-4c1e-9d8a-2f1e4b6c7d10>"
    )


def test_scan_finds_pages_with_threads_and_reports_progress() -> None:
    calls: list[tuple[int, int]] = []
    found = list(datasets.scan(str(PAGES), progress=lambda done, total: calls.append((done, total))))
    assert [s.index for s in found] == WITH_MARKERS
    seed = found[0]
    assert (seed.url, seed.comments, seed.replies, seed.placeholders, seed.marker_position) == (
        SEED_URL,
        3,
        2,
        0,
        "before",
    )
    assert found[2].placeholders >= 1
    size = PAGES.stat().st_size
    assert calls[-1] == (size, size)
    everything = list(datasets.scan(str(PAGES), only_with_markers=False))
    assert len(everything) == 6
    letters = everything[2]  # "In reply to your letter..." in prose is not a reply marker
    assert not letters.has_markers and letters.comments == 0


def test_scan_streams_results_and_skips_a_cut_off_last_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jsonl"
    broken.write_text(PAGES.read_text(encoding="utf-8") + '{"text": "cut off\n', encoding="utf-8")
    bad = datasets.BadLines()
    results = datasets.scan(str(broken), bad=bad)
    assert [next(results).index for _ in range(3)] == WITH_MARKERS  # streamed before the end is read
    assert list(results) == [] and (bad.count, bad.first_line) == (1, 7)
    assert str(bad) == "1 bad line skipped (first: line 7)"


def test_a_corrupt_record_in_the_middle_is_skipped_and_keeps_its_number(tmp_path: Path) -> None:
    lines = PAGES.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "corrupt.jsonl"
    path.write_text("\n".join([*lines[:2], '{"text": "garbled \x00', "", "[1, 2]", *lines[2:]]) + "\n")
    bad = datasets.BadLines()
    pages = list(datasets.iter_pages(str(path), bad=bad))
    assert len(pages) == 6 and str(bad) == "2 bad lines skipped (first: line 3)"
    assert [p.index for p in pages] == [0, 1, 4, 5, 6, 7]  # the bad lines keep their numbers: a gap
    assert [s.index for s in datasets.scan(str(path))] == [1, 5, 7]
    assert datasets.load_page(str(path), 7).meta["id"] == pages[-1].id
    assert datasets.load_page(str(path), pages[-1].id).meta["page"] == 7
    with pytest.raises(InputError, match="page 2 is a bad line, not valid JSON"):
        datasets.load_page(str(path), 2)
    counts = totals(datasets.DatasetCollection(str(path)))
    assert counts["pages"] == 6 and counts["pages_with_markers"] == 3 and counts["bad"].count == 2


def test_a_file_without_any_page_record_fails_naming_the_first_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "junk.jsonl"
    path.write_text("not json\n[1]\n")
    with pytest.raises(
        InputError, match=r"no page record could be read \(2 bad lines; line 1 is not valid JSON"
    ):
        list(datasets.scan(str(path)))
    empty = tmp_path / "blank.jsonl"
    empty.write_text("\n\n")
    assert list(datasets.iter_pages(str(empty))) == []  # nothing bad, nothing read: an empty dataset


def test_gzip_reads_like_plain_and_a_truncated_download_ends_the_pass(tmp_path: Path) -> None:
    path = gzipped(tmp_path)
    assert [s.index for s in datasets.scan(str(path))] == WITH_MARKERS
    truncated = tmp_path / "cut.json.gz"
    truncated.write_bytes(path.read_bytes()[:-200])
    bad = datasets.BadLines()
    found = [s.index for s in datasets.scan(str(truncated), bad=bad)]
    assert found and found == WITH_MARKERS[: len(found)]
    assert bad.truncated and "the compressed data ends early" in str(bad)
    with pytest.raises(InputError, match="ends early"):  # nothing at all read before the cut: an error
        list(datasets.scan(str(_cut(path, tmp_path))))


def _cut(path: Path, tmp_path: Path) -> Path:
    """The gzip file cut so early that not one line comes out of it."""
    cut = tmp_path / "stub.json.gz"
    cut.write_bytes(path.read_bytes()[:40])
    return cut


def test_load_page_by_number_url_and_id() -> None:
    thread = datasets.load_page(str(PAGES), 1)
    assert thread.stats()["comments"] == 3 and thread.meta["url"] == SEED_URL
    assert thread.source.endswith("pages.jsonl#1")
    by_url = datasets.load_page(str(PAGES), SEED_URL)
    assert to_dict(by_url) == to_dict(thread)
    assert datasets.load_page(str(PAGES), "3").meta["page"] == 3
    assert datasets.load_page(str(PAGES), "<urn:uuid:6f1d2c1e-0b7a-4c1e-9d8a-2f1e4b6c7d10>").meta["page"] == 5
    with pytest.raises(InputError, match="no page 9: the file has 6 pages"):
        datasets.load_page(str(PAGES), 9)
    with pytest.raises(InputError, match="no page with url or id 'https://nowhere.example/'"):
        datasets.load_page(str(PAGES), "https://nowhere.example/")


def test_page_export_reimports_as_the_same_tree() -> None:
    thread = datasets.load_page(str(PAGES), 5)
    doc = to_dict(thread)
    assert to_dict(from_dict(json.loads(json.dumps(doc)))) == doc


def test_zstandard(tmp_path: Path) -> None:
    zstandard = pytest.importorskip("zstandard")
    path = tmp_path / "pages.jsonl.zst"
    path.write_bytes(zstandard.ZstdCompressor().compress(PAGES.read_bytes()))
    assert datasets.is_dataset(str(path))
    assert [s.index for s in datasets.scan(str(path))] == WITH_MARKERS
    assert datasets.load_page(str(path), SEED_URL).meta["page"] == 1


def test_parquet_in_small_row_groups(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    rows = records()
    table = pa.table(
        {  # FineWeb's columns
            "text": [r["text"] for r in rows],
            "id": [r.get("id") or f"<urn:uuid:{n:08d}>" for n, r in enumerate(rows)],
            "dump": ["CC-MAIN-2019-18"] * len(rows),
            "url": [r.get("url") for r in rows],
            "date": [r["timestamp"] for r in rows],
            "language": ["en"] * len(rows),
            "token_count": [len(str(r["text"]).split()) for r in rows],
        }
    )
    path = tmp_path / "000_00000.parquet"
    pq.write_table(table, path, row_group_size=2)
    assert datasets.is_dataset(str(path))
    assert [s.index for s in datasets.scan(str(path))] == WITH_MARKERS
    assert next(datasets.iter_pages(str(path))).timestamp == "2019-04-25T12:57:54Z"
    assert datasets.load_page(str(path), 5).stats()["placeholders"] >= 1  # third row group
    assert datasets.load_page(str(path), SEED_URL).meta["page"] == 1


def test_missing_extras_name_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    zst = tmp_path / "pages.jsonl.zst"
    zst.write_bytes(b"\x28\xb5\x2f\xfd" + b"\0" * 16)
    parquet = tmp_path / "pages.parquet"
    parquet.write_bytes(b"PAR1" + b"\0" * 16 + b"PAR1")
    monkeypatch.setitem(sys.modules, "zstandard", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(InputError) as caught:
        list(datasets.scan(str(zst)))
    assert str(caught.value).endswith(  # the package is not on PyPI: the extra comes from a clone
        "pages.jsonl.zst: reading .zst needs the zstd extra (in the project folder: .venv/bin/pip install '.[zstd]')"
    )
    with pytest.raises(InputError) as caught:
        list(datasets.scan(str(parquet)))
    assert str(caught.value).endswith(
        "pages.parquet: reading Parquet needs the parquet extra (in the project folder: .venv/bin/pip install '.[parquet]')"
    )


def test_unreadable_inputs_are_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(datasets.scan(str(tmp_path / "nope.jsonl")))
    with pytest.raises(InputError, match="is a directory"):
        list(datasets.iter_pages(str(tmp_path)))
    array = tmp_path / "array.jsonl"
    array.write_text('{"text": "a"}\n[1, 2]\n')
    bad = datasets.BadLines()
    assert [p.text for p in datasets.iter_pages(str(array), bad=bad)] == ["a"]
    assert bad.first_problem == "not a JSON object (a page record)"


def test_scan_lines_and_totals_for_the_command_line() -> None:
    lines = [summary_line(s) for s in datasets.scan(str(PAGES))]
    assert lines[0] == f"1\t{SEED_URL}\t3\t2\t0\tbefore"
    assert lines[2].startswith("5\t<urn:uuid:6f1d2c1e-0b7a-4c1e-9d8a-2f1e4b6c7d10>\t")
    counts = totals(datasets.DatasetCollection(str(PAGES)))
    assert counts["pages"] == 6 and counts["pages_with_markers"] == 3
    assert counts["markers_before"] + counts["markers_after"] == 3
    assert counts["comments"] == sum(s.comments for s in datasets.scan(str(PAGES)))


def test_stray_bytes_and_crlf_do_not_stop_a_scan(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    seed = records()[1]
    path.write_bytes(
        b'{"text": "caf\xe9 menu", "url": "https://e.org/latin1"}\r\n'
        + json.dumps({**seed, "text": str(seed["text"]).replace("\n", "\r\n")}).encode()
        + b"\r\n"
    )
    pages = list(datasets.iter_pages(str(path)))
    assert pages[0].text == "caf\ufffd menu"
    assert [s.index for s in datasets.scan(str(path))] == [1]
    assert datasets.load_page(str(path), 1).stats()["comments"] == 3


def test_a_threads_only_listing_still_numbers_every_page_but_details_only_threads() -> None:
    collection = open_input(str(PAGES))
    assert isinstance(collection, Collection)
    every = list(collection.summaries())
    lean = list(collection.summaries(threads_only=True))
    assert [s.index for s in lean] == [s.index for s in every]  # `scan` and `stats` count every page
    assert [s.index for s in lean if s.has_markers] == WITH_MARKERS
    for full, bare in zip(every, lean, strict=True):
        if full.has_markers:
            assert bare == full  # a page with a thread is summarised in full
        else:
            assert bare.url is None and bare.chars == 0  # the others were not decoded
    assert totals(collection)["pages"] == len(every)
