"""Compressed single threads (`thread.json.gz`, `list.mbox.gz`, `.zst`) read like the plain file; datasets of
pages stay datasets; truncated, corrupt or oversized data is one clear error."""

from __future__ import annotations

import gzip
import io
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from thread_explorer.core import datasets
from thread_explorer.core.compression import decompress
from thread_explorer.core.errors import InputError
from thread_explorer.core.files import read_bytes
from thread_explorer.core.formats.native import to_dict
from thread_explorer.core.load import load_bytes, load_thread

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "sources"
SEED = ROOT / "sample_data" / "zerohedge_nato_russia.txt"
THREADS = [FIXTURES / "reddit_thread.json", FIXTURES / "list.mbox", FIXTURES / "hn_items.json", SEED]


def same_tree(first: object, second: object) -> bool:
    """Two threads hold the same comments (the source names differ: one file is compressed)."""
    a, b = to_dict(first), to_dict(second)  # type: ignore[arg-type]
    a.pop("source"), b.pop("source")
    return a == b


@pytest.mark.parametrize("path", THREADS, ids=lambda p: p.name)
def test_a_gzipped_thread_reads_like_the_plain_file(tmp_path: Path, path: Path) -> None:
    packed = tmp_path / (path.name + ".gz")
    packed.write_bytes(gzip.compress(path.read_bytes()))
    assert not datasets.is_dataset(str(packed))
    thread = load_thread(str(packed))
    assert same_tree(thread, load_thread(str(path))) and thread.stats()["comments"] >= 3
    assert thread.source == str(packed)


@pytest.mark.parametrize("path", THREADS[:2], ids=lambda p: p.name)
def test_a_zstandard_thread_reads_like_the_plain_file(tmp_path: Path, path: Path) -> None:
    zstandard = pytest.importorskip("zstandard")
    packed = tmp_path / (path.name + ".zst")
    packed.write_bytes(zstandard.ZstdCompressor().compress(path.read_bytes()))
    assert not datasets.is_dataset(str(packed))
    assert same_tree(load_thread(str(packed)), load_thread(str(path)))


def test_zst_without_the_extra_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    packed = tmp_path / "thread.json.zst"
    packed.write_bytes(b"\x28\xb5\x2f\xfd" + b"\0" * 16)
    monkeypatch.setitem(sys.modules, "zstandard", None)
    assert not datasets.is_dataset(str(packed))
    with pytest.raises(InputError) as caught:
        load_thread(str(packed))
    assert str(caught.value).endswith(
        "thread.json.zst: reading .zst needs the zstd extra (in the project folder: .venv/bin/pip install '.[zstd]')"
    )


def test_concatenated_members_and_zero_padding_read_whole() -> None:
    data = gzip.compress(b"first part, ") + gzip.compress(b"second part") + b"\0" * 512
    assert decompress(data, name="x.gz") == b"first part, second part"
    assert decompress(b"plain text", name="x") == b"plain text"  # anything else is left as it is


def test_truncated_corrupt_and_oversized_data_are_one_line_errors(tmp_path: Path) -> None:
    whole = gzip.compress(SEED.read_bytes())
    cut = tmp_path / "seed.txt.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(
        InputError, match=r"seed.txt.gz: the compressed data ends early \(a truncated download\?\)"
    ):
        load_thread(str(cut))
    corrupt = whole[:20] + bytes(200) + whole[220:]
    with pytest.raises(InputError, match=r"x.gz: not valid gzip data"):
        decompress(corrupt, name="x.gz")
    bomb = gzip.compress(b"\0" * (5 << 20))  # 5 MiB of zeros in a few KiB
    assert len(bomb) < 20_000
    with pytest.raises(
        InputError, match=r"bomb.gz: decompresses to more than 1 MiB, too much for one thread"
    ):
        decompress(bomb, name="bomb.gz", limit=1 << 20)


def test_load_bytes_takes_compressed_bytes_too() -> None:
    thread = load_bytes(gzip.compress(SEED.read_bytes()), source="seed")
    assert thread.stats()["comments"] == 3


def test_gzip_on_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(gzip.compress(SEED.read_bytes()))))
    assert read_bytes("-") == SEED.read_bytes()


def test_command_line_stats_of_gzipped_threads(tmp_path: Path) -> None:
    for path in (FIXTURES / "reddit_thread.json", FIXTURES / "list.mbox", SEED):
        packed = tmp_path / (path.name + ".gz")
        packed.write_bytes(gzip.compress(path.read_bytes()))
        plain = subprocess.run([sys.executable, "-m", "thread_explorer", "stats", str(path)], capture_output=True,
                               text=True, check=False, cwd=ROOT)  # fmt: skip
        result = subprocess.run([sys.executable, "-m", "thread_explorer", "stats", str(packed)],
                                capture_output=True, text=True, check=False, cwd=ROOT)  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert result.stdout.replace(str(packed), str(path)) == plain.stdout
    piped = subprocess.run([sys.executable, "-m", "thread_explorer", "stats", "-"], capture_output=True,
                           input=gzip.compress(SEED.read_bytes()), check=False, cwd=ROOT)  # fmt: skip
    assert piped.returncode == 0 and b"comments:       3" in piped.stdout


def test_a_compressed_dataset_is_still_a_dataset_and_a_cut_one_too(tmp_path: Path) -> None:
    pages = (FIXTURES / "pages.jsonl").read_bytes()
    packed = tmp_path / "c4-train.00000-of-01024.json.gz"
    packed.write_bytes(gzip.compress(pages))
    assert datasets.is_dataset(str(packed))
    first, second = pages.split(b"\n")[:2]
    cut = tmp_path / "trunc.json"  # `head -c`: one whole page record, then the start of the next
    cut.write_bytes(first + b"\n" + second[:100])
    assert datasets.is_dataset(str(cut))
    bad = datasets.BadLines()
    assert [p.index for p in datasets.iter_pages(str(cut), bad=bad)] == [0] and bad.count == 1


def test_a_truncated_zstandard_dataset_says_so(tmp_path: Path) -> None:
    zstandard = pytest.importorskip("zstandard")
    pages = "".join(json.dumps({"text": random.Random(n).randbytes(3000).hex(), "url": f"https://e.org/{n}"}) + "\n"
                    for n in range(240)).encode()  # fmt: skip
    data = zstandard.ZstdCompressor().compress(pages)  # several blocks: the cut one is lost, not the rest
    path = tmp_path / "pages.jsonl.zst"
    path.write_bytes(data[: len(data) * 3 // 4])
    bad = datasets.BadLines()
    read = list(datasets.iter_pages(str(path), bad=bad))
    assert 0 < len(read) < 240 and bad.truncated  # not read as a shorter file without a word
