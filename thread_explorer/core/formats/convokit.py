"""ConvoKit corpora: `utterances.jsonl` (`id`, `speaker`, `conversation_id`, `reply_to`, `timestamp`, `text`,
`meta`), the older `utterances.json` list (`user`, `root`, `reply-to`), or a corpus folder holding either (its
`conversations.json` gives titles).

Each conversation is one thread; a file of several opens as a list of conversations. An utterance hangs under the
one its `reply_to` names in the same conversation; `reply_to` null is the top level (the conversation's root); a
parent that is not in the conversation gets a placeholder. Speaker is the author, `timestamp` the time, a `score`
in `meta` the score, and the other scalar `meta` fields are kept.
"""

from __future__ import annotations

import json
import os
from typing import Any

from ..collection import Collection
from ..errors import InputError, prefixed
from ..files import read_text
from ..model import Comment, Thread
from .base import FileFormat, Format, ReadOptions
from .building import Pending, as_int, as_text, has_keys, json_values, link, one_or_many, parse_time

NAME = "convokit"
UTTERANCE_FILES = ("utterances.jsonl", "utterances.json")
_REQUIRED = (("text", ("text",)), ("speaker", ("speaker", "user")), ("reply_to", ("reply_to", "reply-to")))


def sniff(head: str) -> bool:
    """JSON with ConvoKit utterance keys: `speaker`, `conversation_id` and `reply_to`, or the older `user`,
    `root` and `reply-to`."""
    return has_keys(head, "speaker", "conversation_id", "reply_to") or has_keys(
        head, "user", "root", "reply-to"
    )


def _utterance(record: Any, where: str) -> tuple[Pending, str]:
    """One utterance as a Pending, and its conversation's id."""
    if not isinstance(record, dict):
        raise InputError(f"{where}: not a ConvoKit utterance, found {type(record).__name__}")
    ident = as_text(record.get("id"))
    if ident is None:
        raise InputError(f"{where}: a ConvoKit utterance needs an id")
    text = record.get("text")
    if text is not None and not isinstance(text, str):
        raise InputError(f"{where}: utterance {ident} has a text that is not a string")
    lacking = [k for k, alts in _REQUIRED if not any(a in record for a in alts)]
    if lacking:
        raise InputError(f"{where}: utterance {ident} is not a ConvoKit utterance (no {', '.join(lacking)})")
    speaker = record.get("speaker", record.get("user"))
    if isinstance(speaker, dict):  # some exports write the speaker object
        speaker = speaker.get("id")
    given = record.get("meta")
    meta_in: dict[str, Any] = given if isinstance(given, dict) else {}
    meta = {k: v for k, v in meta_in.items() if isinstance(v, (str, int, float, bool)) and k != "score"}
    comment = Comment(
        id=ident, text=text or "", author=as_text(speaker), time=parse_time(record.get("timestamp")),
        score=as_int(meta_in.get("score")), meta=meta,
    )  # fmt: skip
    field = "reply_to" if "reply_to" in record else "reply-to"
    parent = as_text(record.get(field))
    conversation = as_text(record.get("conversation_id", record.get("root"))) or ident
    why = f"top level: {field} is null (the conversation's root)"
    return Pending(comment, ident, parent, why), conversation


def utterances(values: list[tuple[Any, str]], source: str) -> list[tuple[Pending, str]]:
    """Every utterance of a JSON list or of JSON Lines, with its conversation id."""
    found: list[tuple[Pending, str]] = []
    for value, where in values:
        records = value if isinstance(value, list) else [value]
        for i, record in enumerate(records):
            label = where or f"item {i}"
            found.append(_utterance(record, prefixed(source, label)))
    return found


def build(
    found: list[tuple[Pending, str]], source: str, description: str, titles: dict[str, str] | None = None
) -> Thread | Collection:
    """One thread per conversation, in the order the file first names them."""
    groups: dict[str, list[Pending]] = {}
    for item, conversation in found:
        groups.setdefault(conversation, []).append(item)
    threads = []
    for index, (conversation, items) in enumerate(groups.items()):
        notes: list[str] = []
        field = "reply_to"
        comments = link(items, field=field, noun="utterance", notes=notes)
        first = " ".join(items[0].comment.text.split("\n", 1)[0].split())[:120]
        title = (titles or {}).get(conversation) or first or f"conversation {conversation}"
        threads.append(
            Thread(
                source=f"{source}#{index}" if len(groups) > 1 else source,
                format=NAME,
                comments=comments,
                notes=notes,
                meta={"id": conversation, "title": title},
            )
        )
    if not threads:
        return Thread(source=source, format=NAME, notes=["no ConvoKit utterance in the file"])
    return one_or_many(threads, source, f"{description}: {len(threads):,} conversations", "conversation")


def read(text: str, options: ReadOptions) -> Thread | Collection:
    """ConvoKit utterances from JSON Lines or a JSON list."""
    return build(
        utterances(json_values(text, options.source), options.source), options.source, "ConvoKit utterances"
    )


def detect_folder(path: str) -> bool:
    """A ConvoKit corpus folder: a directory holding utterances.jsonl (or the older utterances.json)."""
    return os.path.isdir(path) and any(os.path.isfile(os.path.join(path, n)) for n in UTTERANCE_FILES)


def _titles(folder: str) -> dict[str, str]:
    """Conversation titles from the corpus's conversations.json (`{id: {"meta": {"title": ...}}}`), if any."""
    path = os.path.join(folder, "conversations.json")
    if not os.path.isfile(path):
        return {}
    try:
        data = json.loads(read_text(path))
    except (ValueError, InputError):
        return {}
    titles = {}
    for key, value in data.items() if isinstance(data, dict) else []:
        meta = value.get("meta", value) if isinstance(value, dict) else {}
        if isinstance(meta, dict) and isinstance(meta.get("title"), str):
            titles[str(key)] = " ".join(meta["title"].split())
    return titles


def open_folder(path: str, options: ReadOptions) -> Thread | Collection:
    """A corpus folder: its utterances file read as above, titled by its conversations.json."""
    name = next((n for n in UTTERANCE_FILES if os.path.isfile(os.path.join(path, n))), None)
    if name is None:
        raise InputError(f"{path}: not a ConvoKit corpus folder (no {' or '.join(UTTERANCE_FILES)} in it)")
    file = os.path.join(path, name)
    found = utterances(json_values(read_text(file), file), file)
    return build(found, path, f"ConvoKit corpus ({name})", _titles(path))


FORMAT = Format(
    NAME,
    "ConvoKit utterances (utterances.jsonl, older utterances.json): a list of conversations",
    sniff,
    read,
)
FOLDER = FileFormat(
    "convokit-corpus", "a ConvoKit corpus folder (utterances.jsonl inside): a list of conversations",
    detect_folder, open_folder,
)  # fmt: skip
