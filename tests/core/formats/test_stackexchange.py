"""Stack Exchange dumps: Posts.xml (with Comments.xml beside it) as a list of questions, each a tree."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import REALWORLD, ROOT

from thread_explorer.cli import main
from thread_explorer.core.collection import Collection
from thread_explorer.core.errors import InputError
from thread_explorer.core.load import open_input, open_input_as
from thread_explorer.core.model import Attach, Kind

DUMP = ROOT / "tests" / "fixtures" / "formats" / "stackexchange"
REAL = REALWORLD / "unsupported" / "stackexchange_beer_Posts.xml"
REAL40 = REALWORLD / "unsupported" / "stackexchange_beer_Posts_first40.xml"


def _open(path: Path) -> Collection:
    opened, name = open_input_as(str(path))
    assert name == "stackexchange" and isinstance(opened, Collection)
    return opened


def test_real_dump_lists_its_663_questions_with_1572_answers_and_names_the_wiki_posts() -> None:
    dump = _open(REAL)
    summaries = list(dump.summaries())
    assert len(summaries) == 663
    assert sum(s.comments for s in summaries) == 1572
    assert sum(1 for s in summaries if s.comments == 0) == 19
    assert (
        "119 posts that are not questions or answers skipped (58 tag wiki excerpt, 58 tag wiki, 3 wiki placeholder)"
        in dump.description
    )
    thread = dump.load(1)  # question Id 2 (a string of digits is a number in the list, as for datasets)
    assert thread.article is not None
    assert thread.article.text.startswith("When was the first beer ever brewed?\nAs far as we know")
    assert [(c.id, c.author, c.score) for c in thread.comments] == [
        ("46", "user20", 6), ("102", "user69", 7), ("175", "user130", 13), ("177", "user117", 12),
    ]  # fmt: skip
    assert thread.comments[2].meta.get("accepted") is True  # AcceptedAnswerId="175"
    assert all(c.attached_by == Attach.ROOT and "ParentId 2" in c.explanation for c in thread.comments)


def test_real_first40_counts_answers_the_file_lacks() -> None:
    dump = _open(REAL40)
    assert [s.id for s in dump.summaries()][:3] == ["1", "2", "3"]
    assert len(list(dump.summaries())) == 25
    thread = dump.load(1)
    assert thread.comments == [] and any("counts 4 answers; 0 are in the file" in n for n in thread.notes)


def test_question_article_comments_then_answers_with_their_comments() -> None:
    dump = _open(DUMP / "Posts.xml")
    assert [(s.id, s.comments, s.replies, s.placeholders) for s in dump.summaries()] == [
        ("10", 5, 2, 0), ("14", 0, 0, 0), ("20", 1, 1, 1),
    ]  # fmt: skip
    thread = dump.load(0)
    assert thread.article is not None
    assert thread.article.text == "Brewing a stout at home\nHow do I brew a stout?\n    malt = 5"
    shape = [(c.id, c.author, c.depth, c.score) for c in thread.walk()]
    assert shape == [  # names from Users.xml beside it; a DisplayName in the row itself wins
        ("c100", "Hop Head", 0, 1),
        ("11", "Guest Brewer", 0, 2),
        ("12", "Hop Head", 0, 9),
        ("c101", "Stout Fan", 1, 3),
        ("c102", "anon", 1, 0),
    ]
    assert thread.meta["author"] == "Stout Fan"
    assert thread.comments[2].text == "See this guide (https://example.com/stout)."
    assert thread.comments[1].text == "Use roasted barley & patience."
    assert thread.comments[0].time == 1588329000.0  # 2020-05-01T10:30:00 UTC
    assert "1 posts that are not questions or answers skipped (1 tag wiki excerpt)" in dump.description
    assert "1 comments on posts not in the file skipped" in dump.description


def test_a_dump_not_written_a_row_a_line_reads_the_same(tmp_path: Path) -> None:
    for table in ("Posts", "Comments", "Users"):  # rows are read back by line offset; here none has a line
        text = (DUMP / f"{table}.xml").read_text(encoding="utf-8-sig")
        (tmp_path / f"{table}.xml").write_text(" ".join(text.split("\n")), encoding="utf-8")
    compact, plain = _open(tmp_path / "Posts.xml").load(0), _open(DUMP / "Posts.xml").load(0)
    assert [(c.id, c.author, c.text) for c in compact.walk()] == [
        (c.id, c.author, c.text) for c in plain.walk()
    ]
    assert len(list(compact.walk())) == 5


def test_an_answer_whose_question_is_missing_hangs_under_a_placeholder() -> None:
    thread = _open(DUMP / "Posts.xml").load(2)
    (holder,) = thread.comments
    assert holder.kind == Kind.PLACEHOLDER and [c.id for c in holder.replies] == ["21"]
    assert holder.replies[0].attached_by == Attach.PLACEHOLDER


@pytest.mark.parametrize("table", ["Comments", "Users"])
def test_another_table_alone_says_to_open_posts_xml(table: str) -> None:
    with pytest.raises(
        InputError, match=f"a Stack Exchange {table}.xml holds no questions: open the Posts.xml"
    ):
        open_input(str(DUMP / f"{table}.xml"))


BOMB = """<?xml version="1.0"?>
<!DOCTYPE posts [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<posts><row Id="1" PostTypeId="1" Title="&b;" Body="x"/></posts>
"""


def test_a_dtd_is_refused_before_parsing(tmp_path: Path) -> None:
    bomb = tmp_path / "Posts.xml"
    bomb.write_text(BOMB)
    with pytest.raises(InputError, match=r"DTD .* is refused"):
        open_input(str(bomb))


def test_broken_xml_is_a_one_line_error(tmp_path: Path) -> None:
    broken = tmp_path / "Posts.xml"
    broken.write_text('<?xml version="1.0"?>\n<posts><row Id="1" PostTypeId="1" Body="x" </posts>')
    with pytest.raises(InputError, match="not valid XML") as error:
        open_input(str(broken))
    assert "\n" not in str(error.value)


def test_cli_scan_lists_questions_and_refuses_a_dtd_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["scan", str(DUMP / "Posts.xml"), "--all"]) == 0
    out, _ = capsys.readouterr()
    assert [line.split("\t")[:3] for line in out.splitlines()] == [
        ["0", "10", "5"],
        ["1", "14", "0"],
        ["2", "20", "1"],
    ]
    bomb = tmp_path / "Posts.xml"
    bomb.write_text(BOMB)
    assert main(["stats", str(bomb)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1 and err.startswith("thread-explorer: error: ")
    assert "DTD" in err
