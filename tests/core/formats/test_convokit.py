"""ConvoKit corpora: utterances.jsonl, the older utterances.json (reply-to), and corpus folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import REALWORLD, ROOT

from thread_explorer.core.collection import Collection
from thread_explorer.core.errors import InputError
from thread_explorer.core.load import open_input, open_input_as
from thread_explorer.core.model import Attach, Kind, Thread

CORPUS = ROOT / "tests" / "fixtures" / "formats" / "convokit_corpus"
REAL = REALWORLD / "unsupported"


@pytest.mark.parametrize(
    "name", ["derived_convokit_utterances_2xmo63.jsonl", "derived_convokit_old_reply-to_2xmo63.json"]
)
def test_real_reddit_thread_as_utterances_is_one_conversation_of_46(name: str) -> None:
    thread = open_input(str(REAL / name))
    assert isinstance(thread, Thread) and thread.format == "convokit"
    stats = thread.stats()
    assert (stats["comments"], stats["top_level"], stats["replies"], stats["authors"]) == (46, 1, 45, 24)
    (root,) = thread.comments
    assert (root.id, root.author, root.text) == ("2xmo63", "civilization_phaze_3", root.text)
    assert root.text == "A python terminal viewer for browsing reddit" and root.time == 1425265362.0
    by_id = thread.index()
    assert by_id["cp1h67d"].parent is root and by_id["cp1k61m"].parent is by_id["cp1h67d"]
    assert by_id["cp1k61m"].author == "davoclavo"
    assert all(c.attached_by == Attach.ID for c in thread.walk() if c is not root)
    if name.endswith(".jsonl"):
        assert root.score == 255


def test_corpus_folder_is_a_list_of_conversations_titled_by_conversations_json() -> None:
    opened, name = open_input_as(str(CORPUS))
    assert name == "convokit-corpus" and isinstance(opened, Collection)
    summaries = list(opened.summaries())
    assert [(s.id, s.title, s.comments, s.replies, s.placeholders) for s in summaries] == [
        ("u1", "The balcony", 3, 2, 0), ("v1", "The duel", 2, 1, 1),
    ]  # fmt: skip
    balcony = opened.load(0)
    assert [(c.id, c.author, c.depth) for c in balcony.walk()] == [
        ("u1", "JULIET", 0), ("u2", "ROMEO", 1), ("u3", "JULIET", 2),
    ]  # fmt: skip
    assert balcony.comments[0].score == 3 and balcony.comments[0].meta["scene"] == "balcony"
    duel = opened.load("v1")
    holder = duel.comments[1]
    assert holder.kind == Kind.PLACEHOLDER and [c.id for c in holder.replies] == ["v3"]


def test_the_utterances_file_alone_reads_the_same_conversations() -> None:
    opened = open_input(str(CORPUS / "utterances.jsonl"))
    assert isinstance(opened, Collection)
    assert [s.comments for s in opened.summaries()] == [3, 2]


def test_an_utterance_without_id_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "utterances.jsonl"
    bad.write_text(
        '{"id": "a", "speaker": "s", "conversation_id": "a", "reply_to": null, "text": "x"}\n'
        '{"speaker": "s", "conversation_id": "a", "reply_to": "a", "text": "y"}\n'
    )
    with pytest.raises(InputError, match="line 2: a ConvoKit utterance needs an id"):
        open_input(str(bad))
