"""Common Crawl WET input, on WET files built in the test with warcio itself: extract finds the Drupal page's
thread among the other records, a truncated WET fails, and without warcio the message names the extra."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from extract_helpers import FILLER, NEAR_MISS, read_jsonl
from paths import SEED

from thread_explorer.cli import main
from thread_explorer.core import datasets
from thread_explorer.core.errors import InputError
from thread_explorer.core.flatpage import parse_text
from thread_explorer.core.formats.native import to_dict

warcio = pytest.importorskip("warcio")
from warcio.warcwriter import WARCWriter

DRUPAL_URL = "https://www.zerohedge.com/news/2016-06-18/nato-russia"


def write_wet(path: Path) -> str:
    """A small WET file (gzip, one member per record, as Common Crawl writes them): a warcinfo record, then
    conversion records for a filler page, the Drupal page with markers and a near miss; a metadata record
    sits in between (not a page). Returns the Drupal page's text."""
    drupal = SEED.read_text(encoding="utf-8")
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test", "format": "WET"}))

        def page(url: str, text: str) -> None:
            record = writer.create_warc_record(
                url, "conversion", payload=io.BytesIO(text.encode("utf-8")),
                warc_headers_dict={"Content-Type": "text/plain", "WARC-Date": "2016-06-20T10:00:00Z"},
            )  # fmt: skip
            writer.write_record(record)

        page("https://news.example.com/bus", FILLER)
        meta = writer.create_warc_record(
            "https://x.example/", "metadata", payload=io.BytesIO(b"fetchTimeMs: 5\r\n")
        )
        writer.write_record(meta)
        page(DRUPAL_URL, drupal)
        page("https://news.example.com/letters", NEAR_MISS)
    return drupal


def test_extract_finds_the_thread_of_the_drupal_page_in_a_wet_file(tmp_path: Path) -> None:
    wet = tmp_path / "CC-MAIN-test-00000.warc.wet.gz"
    drupal = write_wet(wet)
    assert datasets.is_dataset(str(wet))
    assert main(["extract", str(wet), "-o", str(tmp_path / "out")]) == 0
    [found] = read_jsonl(tmp_path / "out" / f"{wet.name}.threads.jsonl")
    assert (found["source"], found["page"], found["url"]) == (wet.name, 1, DRUPAL_URL)
    assert found["id"].startswith("<urn:uuid:")
    direct = to_dict(parse_text(drupal, source=f"{wet.name}#1"))
    assert found["thread"]["comments"] == direct["comments"]
    assert found["thread"]["article"] == direct["article"]
    authors = [c["author"] for c in found["thread"]["comments"]]
    assert authors[0] == "NubianSundance"
    assert found["thread"]["meta"]["timestamp"] == "2016-06-20T10:00:00Z"


def test_the_pages_of_a_wet_file_are_pages_for_scan_and_page_too(tmp_path: Path) -> None:
    wet = tmp_path / "x.warc.wet.gz"
    write_wet(wet)
    assert [s.index for s in datasets.scan(str(wet))] == [1]
    assert datasets.find_page(str(wet), 2).url == "https://news.example.com/letters"
    assert datasets.find_page(str(wet), DRUPAL_URL).index == 1


def test_a_truncated_wet_file_fails_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wet = tmp_path / "cut.warc.wet.gz"
    write_wet(wet)
    data = wet.read_bytes()
    wet.write_bytes(data[: len(data) - 200])  # inside the last record
    assert main(["extract", str(wet), "-o", str(tmp_path / "out")]) == 2
    assert "the compressed data ends early" in capsys.readouterr().err
    assert list((tmp_path / "out").iterdir()) == []


def test_without_warcio_the_message_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wet = tmp_path / "x.warc.wet.gz"
    write_wet(wet)
    monkeypatch.setitem(sys.modules, "warcio.archiveiterator", None)
    with pytest.raises(InputError, match=r"reading WET needs the wet extra"):
        list(datasets.iter_pages(str(wet)))
