"""Generic JSON never drops nested objects silently: replies under a key it does not know are read and named
in a note; other objects it cannot read are named too."""

from __future__ import annotations

from thread_explorer.core.load import load_text


def test_replies_under_an_unknown_key_are_read_and_named() -> None:
    thread = load_text(
        '[{"id": 1, "text": "q", "answers": [{"id": 2, "text": "a", "answers": [{"id": 3, "text": "b"}]}],'
        ' "files": [{"name": "x.png"}]}]'
    )
    assert [(c.id, c.depth) for c in thread.walk()] == [("1", 0), ("2", 1), ("3", 2)]
    assert "2 objects under the key 'answers' (not a key this reader knows) read as replies" in thread.notes
    assert "1 objects under the key 'files' are not comments (no id and text): not read" in thread.notes


def test_a_flat_list_without_parents_says_so() -> None:
    thread = load_text('[{"id": 1, "text": "a"}, {"id": 2, "text": "b"}]')
    assert len(thread.comments) == 2
    assert any("no object names a parent" in note for note in thread.notes)
