"""Reddit dumps (Pushshift / Arctic Shift NDJSON): a list of threads, one per link_id, read on demand."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import zstandard
from paths import REALWORLD, ROOT

from thread_explorer.cli import main
from thread_explorer.core.collection import BadLines, Collection
from thread_explorer.core.datasets import stream
from thread_explorer.core.errors import InputError
from thread_explorer.core.load import open_input, open_input_as
from thread_explorer.core.model import Attach, Kind

FORMATS = ROOT / "tests" / "fixtures" / "formats"
COMMENTS = FORMATS / "RC_sample.ndjson"
SUBMISSIONS = FORMATS / "RS_sample.ndjson"
REAL = REALWORLD / "unsupported" / "derived_pushshift_comments_2xmo63.ndjson"
REAL_POST = REALWORLD / "unsupported" / "derived_pushshift_submission_2xmo63.ndjson"


def _collection(path: Path, submissions: Path | None = None) -> Collection:
    opened, name = open_input_as(str(path), submissions=str(submissions) if submissions else None)
    assert name == "reddit-dump" and isinstance(opened, Collection)
    return opened


def test_real_dump_is_one_thread_of_45_comments_with_its_submission_as_article() -> None:
    collection = _collection(REAL, REAL_POST)
    (summary,) = list(collection.summaries())
    assert (summary.id, summary.comments, summary.replies, summary.placeholders) == ("t3_2xmo63", 45, 25, 0)
    assert summary.title == "A python terminal viewer for browsing reddit"
    thread = collection.load("2xmo63")
    assert thread.article is not None and thread.article.text == (
        "A python terminal viewer for browsing reddit\nhttps://github.com/michael-lazar/rtv"
    )
    stats = thread.stats()
    assert (stats["comments"], stats["top_level"], stats["replies"], stats["authors"]) == (45, 20, 25, 24)
    by_id = thread.index()
    first = thread.comments[0]
    assert (first.id, first.author, first.score) == ("cp1h67d", "civilization_phaze_3", 20)
    assert "q&a based subreddits" in first.text  # &amp; decoded once
    assert by_id["cp1k61m"].parent is first and by_id["cp1k61m"].author == "davoclavo"
    assert all(c.attached_by in (Attach.ROOT, Attach.ID) for c in thread.walk())
    assert first.meta["markup"] == "markdown"


def test_real_dump_without_submissions_says_the_article_is_missing() -> None:
    thread = _collection(REAL).load(0)
    assert thread.article is None
    assert any("--submissions" in note for note in thread.notes)


def test_threads_of_an_interleaved_dump_listed_in_first_seen_order_with_the_bad_line_counted() -> None:
    collection = _collection(COMMENTS)
    bad = BadLines()
    summaries = list(collection.summaries(bad=bad))
    assert [(s.id, s.comments, s.replies, s.placeholders) for s in summaries] == [
        ("t3_p1", 3, 2, 0),
        ("t3_p2", 3, 2, 1),
    ]
    assert (bad.count, bad.first_line) == (1, 4)
    chain = collection.load(0)
    (top,) = chain.comments
    assert [(c.id, c.author, c.depth) for c in top.walk()] == [
        ("ja1", "alice", 0),
        ("ja2", "carol", 1),
        ("ja3", "alice", 2),
    ]
    assert top.text == "First & foremost: *hello*" and top.time == 1672531200 and top.replies[0].score == -1


def test_a_missing_parent_hangs_under_one_placeholder_for_all_its_replies() -> None:
    thread = _collection(COMMENTS).load("t3_p2")
    tops = thread.comments
    assert [c.id for c in tops] == ["jb1", "missing-gone"]
    holder = tops[1]
    assert holder.kind == Kind.PLACEHOLDER
    assert [(c.id, c.author, c.attached_by) for c in holder.replies] == [
        ("jb2", "[deleted]", Attach.PLACEHOLDER),
        ("jb3", "dave", Attach.PLACEHOLDER),
    ]


def test_submissions_file_gives_articles_and_titles() -> None:
    collection = _collection(COMMENTS, SUBMISSIONS)
    titles = [s.title for s in collection.summaries()]
    assert titles == ["First post & more", "t3_p2"]  # p9 has no comments in the dump: not listed
    thread = collection.load(0)
    assert thread.article is not None
    assert thread.article.text == "First post & more\nBody of the *first* post"
    assert thread.meta["num_comments"] == 4
    assert any("counts 4 comments; 3 are in the file" in note for note in thread.notes)


def test_a_submission_record_in_the_dump_itself_is_its_threads_article(tmp_path: Path) -> None:
    mixed = tmp_path / "RS_and_RC.ndjson"
    mixed.write_bytes(REAL_POST.read_bytes() + REAL.read_bytes())
    collection = _collection(mixed)
    (summary,) = list(collection.summaries())
    assert summary.comments == 45 and summary.title == "A python terminal viewer for browsing reddit"
    thread = collection.load(0)
    assert (
        thread.article is not None and thread.meta["num_comments"] == 44 and thread.stats()["comments"] == 45
    )


def test_zstandard_dump_reads_the_same(tmp_path: Path) -> None:
    packed = tmp_path / "RC_sample.zst"
    packed.write_bytes(zstandard.ZstdCompressor().compress(COMMENTS.read_bytes()))
    collection = _collection(packed)
    assert "zstd" in collection.description
    assert [(s.id, s.comments) for s in collection.summaries()] == [("t3_p1", 3), ("t3_p2", 3)]
    assert [c.id for c in collection.load(1).walk()] == ["jb1", "missing-gone", "jb2", "jb3"]


def test_a_truncated_zstandard_dump_lists_what_it_holds_and_says_it_ends_early(tmp_path: Path) -> None:
    noise = random.Random(0)  # bodies that do not compress away, so the data spans several zstd blocks
    lines = [
        json.dumps({"id": f"c{i}", "link_id": f"t3_p{i % 2 + 1}", "parent_id": f"t3_p{i % 2 + 1}",
                    "author": "a", "body": noise.randbytes(300).hex(), "created_utc": i, "score": 1})
        for i in range(3000)
    ]  # fmt: skip
    packed = zstandard.ZstdCompressor().compress("\n".join(lines).encode() + b"\n")
    cut = tmp_path / "RC_cut.zst"
    cut.write_bytes(packed[: len(packed) * 2 // 3])
    bad = BadLines()
    summaries = list(_collection(cut).summaries(bad=bad))
    assert [s.id for s in summaries] == ["t3_p1", "t3_p2"] and bad.truncated
    assert "ends early" in str(bad)


def test_forcing_the_format_on_other_lines_is_a_one_line_error(tmp_path: Path) -> None:
    other = tmp_path / "pages.jsonl"
    other.write_text('{"a": 1}\n{"b": 2}\n')
    with pytest.raises(InputError, match="no Reddit comment or submission could be read"):
        list(open_input(str(other), format="reddit-dump").summaries())  # type: ignore[union-attr]


def test_submissions_with_an_input_that_is_not_a_dump_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("just a page\n")
    with pytest.raises(InputError, match="--submissions goes with a Reddit dump"):
        open_input_as(str(page), submissions=str(SUBMISSIONS))


def test_cli_scan_stats_and_export_page(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(COMMENTS)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == ["0\tt3_p1\t3\t2\t0\t-", "1\tt3_p2\t3\t2\t1\t-"]
    assert "1 bad line skipped (first: line 4)" in err
    assert main(["stats", str(COMMENTS), "--submissions", str(SUBMISSIONS)]) == 0
    out, _ = capsys.readouterr()
    assert "Reddit dump" in out and "comments:       6" in out
    assert (
        main(
            ["export", str(COMMENTS), "--page", "t3_p1", "-f", "markdown", "--submissions", str(SUBMISSIONS)]
        )
        == 0
    )
    out, _ = capsys.readouterr()
    assert "First post & more" in out and "**carol**" in out


def test_a_dump_line_past_the_longest_record_is_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    monkeypatch.setattr(stream, "MAX_LINE_BYTES", 4096)  # as a 64 MiB line would, without the memory
    real = (REALWORLD / "unsupported" / "derived_pushshift_comments_2xmo63.ndjson").read_bytes()
    first = json.loads(real.split(b"\n", 1)[0])
    first["body"] = "x" * 10_000
    dump = tmp_path / "RC_long.ndjson"
    dump.write_bytes(real + json.dumps(first).encode() + b"\n")
    with pytest.raises(InputError, match=r"line \d+ is longer than"):
        list(_collection(dump).summaries())
