"""Input formats: one module per source, each converting into the model, and the registry the loader asks.

`TEXT_FORMATS` are sniffed in order on the first 64 KiB of decoded text; the first that says yes reads the input
and flat page text, always last, is the fallback. `FILE_FORMATS` are asked first, by path, for inputs read as a
stream or a folder (datasets of pages). `--format NAME` skips detection.
"""

from __future__ import annotations

from ..datasets import DatasetCollection, is_dataset
from ..errors import InputError
from . import (
    bluesky,
    convokit,
    discourse,
    eml,
    flat_text,
    generic_json,
    hackernews,
    maildir,
    mastodon,
    mbox,
    native,
    oasst,
    reddit,
    reddit_dump,
    stackexchange,
)
from .base import FileFormat, Format, Opened, ReadOptions

DATASET = FileFormat(
    "dataset",
    "web-text dataset files of many pages: JSON Lines (.gz, .zst too) or Parquet records with a text field",
    is_dataset,
    lambda path, options: DatasetCollection(path, markers=options.markers),
)

TEXT_FORMATS: tuple[Format, ...] = (
    native.FORMAT,  # thread-explorer/1 export (round trip)
    oasst.FORMAT,  # OpenAssistant messages/trees: JSON with message_id and role keys
    discourse.FORMAT,  # Discourse topics and post lists: post_stream, latest_posts, post_number + cooked
    mastodon.FORMAT,  # Mastodon statuses and contexts: ancestors/descendants, in_reply_to_id + account + content
    bluesky.FORMAT,  # Bluesky getPostThread: a thread of app.bsky.feed.defs#threadViewPost entries
    convokit.FORMAT,  # ConvoKit utterances: JSON with speaker/conversation_id/reply_to (or user/root/reply-to)
    reddit.FORMAT,  # a Reddit thread's .json (Listings of t3/t1/more things)
    hackernews.FORMAT,  # HN API items (JSON list) or Algolia's nested item tree
    mbox.FORMAT,  # a mailing-list archive (mbox), threaded by Message-ID/References
    eml.FORMAT,  # a single mail message (.eml): headers first, no "From " line
    generic_json.FORMAT,  # a JSON list of {id, parent, author, text} objects
    flat_text.FORMAT,  # flattened page text with `In reply to` markers (fallback, always last)
)
FILE_FORMATS: tuple[FileFormat, ...] = (
    reddit_dump.FORMAT,  # Pushshift / Arctic Shift NDJSON (before datasets: its lines are not pages either)
    stackexchange.FORMAT,  # a Stack Exchange Posts.xml (XML, streamed)
    convokit.FOLDER,  # a ConvoKit corpus folder
    oasst.PARQUET,  # OpenAssistant Parquet (before datasets, which would take its text column for pages)
    DATASET,
    maildir.FORMAT,  # a maildir folder (cur/, new/, tmp/)
)

__all__ = [
    "FILE_FORMATS",
    "TEXT_FORMATS",
    "FileFormat",
    "Format",
    "Opened",
    "ReadOptions",
    "format_by_name",
    "format_names",
]


def format_names() -> list[str]:
    """The names `--format` accepts."""
    return [f.name for f in TEXT_FORMATS] + [f.name for f in FILE_FORMATS]


def format_by_name(name: str) -> Format | FileFormat:
    """The format called `name` (any case); an unknown name raises InputError listing the choices."""
    wanted = name.strip().lower()
    candidates: tuple[Format | FileFormat, ...] = (*TEXT_FORMATS, *FILE_FORMATS)
    for candidate in candidates:
        if candidate.name == wanted:
            return candidate
    raise InputError(f"unknown input format {name!r}; choose from: {', '.join(format_names())}")
