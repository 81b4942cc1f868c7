"""Explanations of a flat page: the sentences a user reads in the detail pane and in exports, kept by the reader
as the parts they are built from (a small object per comment instead of a sentence) and built when read."""

from __future__ import annotations

import json

from thread_explorer.core.export import copy_comment, export_thread
from thread_explorer.core.flatpage import parse_text
from thread_explorer.core.flatpage.subject import drupal_subject
from thread_explorer.core.model import Explaining

FERRIES = "Rivers were crossed by ferries long before bridges."
STONE = "Stone bridges last, but wooden ones were cheaper."
WOODEN = "A reply to the wooden bridges."
PAGE = "\n".join(
    [
        "An article about rivers.",
        FERRIES,
        f"In reply to {drupal_subject(FERRIES)} by ann",
        "Bridges came later, once towns could pay for stone.",
        STONE,
        f"In reply to {drupal_subject(STONE)} by cat",
        WOODEN,
        f"In reply to {drupal_subject(WOODEN)} by dan",
        "Cheaper, and they burned.",
    ]
)


def test_each_attachment_reads_as_its_sentence_in_the_model_and_the_export() -> None:
    thread = parse_text(PAGE)
    said = {c.id: c.explanation for c in thread.walk()}
    assert (
        said["c2"]
        == "no reply marker: a top-level comment; it starts on line 2 because the marker on line 3 names it"
    )
    assert said["c4"] == (
        f'"In reply to {drupal_subject(FERRIES)} by ann" (line 3) matches its Drupal subject (body cut to 29 '
        "characters); it starts a new thread on line 2, since no comment on the thread path matched"
    )
    assert said["c9"] == (
        f'"In reply to {drupal_subject(WOODEN)} by dan" (line 8) matches its Drupal subject (body cut to 29 characters), the '
        "nearest such comment on the thread path"
    )
    exported = {c["id"]: c for c in walk(json.loads(export_thread(thread, "json"))["comments"])}
    assert {key: c["explanation"] for key, c in exported.items()} == said
    copied = copy_comment(thread.comments[0])
    assert [c.explanation for c in copied.walk()] == [said[c.id] for c in thread.comments[0].walk()]


def test_the_reader_keeps_the_parts_not_the_sentences() -> None:
    """What saves about 30 MiB at 100,000 comments: no comment of this page holds its sentence until asked."""
    thread = parse_text(PAGE)
    kept = [c.why for c in thread.walk() if c.reply_to is not None or c.id == "c2"]
    assert kept and all(isinstance(why, Explaining) for why in kept)
    thread.comments[0].explanation = "set by hand"  # a sentence given is kept as given
    assert thread.comments[0].why == "set by hand" == thread.comments[0].explanation


def walk(comments: list[dict[str, object]]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    stack = list(reversed(comments))
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.get("replies", [])))  # type: ignore[arg-type]
    return out
