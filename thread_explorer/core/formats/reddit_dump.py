"""Reddit dumps (Pushshift, Arctic Shift): `RC_*` comment and `RS_*` submission files, one JSON object a line,
plain or `.zst`/`.gz`, comments of many threads interleaved.

A dump opens as a list of threads, one per `link_id` (`t3_...`), in the order the file first names them. The file
is streamed: one indexing pass keeps, per thread, the byte offsets of its lines (in the decompressed stream for
compressed files) and a few counts, never a body; a thread's lines are read again when it is opened. A
submission record (`title`, no `link_id`) in the file, or in the submissions file given with it
(`--submissions FILE`), becomes the thread's article (title, then selftext or url).

Mapping of a comment: id, `author`, `body` (Markdown: `meta["markup"]`; Reddit's `&amp;`/`&lt;`/`&gt;` escapes
decoded once), `created_utc`, `score`; `parent_id` `t1_X` is a reply to X, `t3_` the submission (top level). A
parent that is not in the file hangs under a placeholder. Lines that are not JSON objects, or neither a comment
nor a submission, are skipped and counted (shown by `scan` and `stats`).
"""

from __future__ import annotations

import html
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from ..collection import BadLines, Collection, PageSummary, ProgressBytes, parse_selector
from ..compression import compression
from ..datasets.records import loads_line
from ..datasets.stream import bounded_lines, head_lines
from ..errors import InputError
from ..files import open_binary
from ..model import Article, Comment, Thread
from .base import FileFormat, ReadOptions
from .building import Pending, as_int, as_text, link, parse_time

NAME = "reddit-dump"
PROGRESS_EVERY = 0.1  # seconds between progress calls
_COMMENT_META = (
    "permalink",
    "subreddit",
    "edited",
    "distinguished",
    "stickied",
    "controversiality",
    "gilded",
)
_POST_META = ("title", "author", "subreddit", "permalink", "url", "score", "created_utc", "num_comments")


def is_comment(record: Any) -> bool:
    """A dump comment: `link_id`, `parent_id` and a `body`."""
    return isinstance(record, dict) and "link_id" in record and "parent_id" in record and "body" in record


def is_submission(record: Any) -> bool:
    """A dump submission: an id, a `title` and a `subreddit`, and no `link_id`."""
    return (
        isinstance(record, dict)
        and "title" in record
        and "subreddit" in record
        and "id" in record
        and "link_id" not in record
    )


def detect(path: str) -> bool:
    """A file (not standard input) whose first line is a Reddit dump comment or submission."""
    if path == "-" or not os.path.isfile(path):
        return False
    try:
        lines, _ = head_lines(path)
        first = loads_line(lines[0]) if lines else None
    except (OSError, InputError, ValueError, RecursionError):
        return False
    return is_comment(first) or is_submission(first)


def fullname(value: Any, prefix: str = "t3") -> str | None:
    """`t3_abc` for `abc` or `t3_abc`; None for a missing id."""
    text = as_text(value)
    if text is None:
        return None
    return text if text[:1] == "t" and text[2:3] == "_" and text[1:2].isdigit() else f"{prefix}_{text}"


@dataclass
class _Entry:
    """What the index keeps of one thread: where its lines are and what a list shows, no text."""

    key: str  # t3_...
    index: int  # its number in the list, from 0
    offsets: list[int] = field(default_factory=list)
    submission: tuple[str, int] | None = None  # (file, offset) of its submission record
    title: str = ""
    comments: int = 0
    replies: int = 0
    chars: int = 0
    ids: set[str] | None = field(default_factory=set)
    parents: set[str] | None = field(default_factory=set)
    placeholders: int = 0


def _lines(raw: BinaryIO, path: str, bad: BadLines | None = None) -> Iterator[tuple[int, bytes]]:
    """(offset, line) for each line of the (decompressed) file; offsets count decompressed bytes. Lines are read
    as a dataset's are (`bounded_lines`: the longest line bounded, failures as one line; compressed data that ends
    early ends the lines, noted in `bad`), without a count limit: a month of Reddit holds tens of millions."""
    offset = 0
    for line in bounded_lines(raw, path, bad, max_records=None):
        yield offset, line
        offset += len(line)


class RedditDumpCollection(Collection):
    """The threads of a Reddit dump file (see the module docstring), indexed on first use."""

    noun = "thread"

    def __init__(self, path: str, *, submissions: str | None = None) -> None:
        self.source = path
        self.submissions = submissions
        packed = compression(_head(path))  # the file's head is read once
        self.description = (
            "Reddit dump (Pushshift / Arctic Shift NDJSON"
            + (f", {packed}" if packed else "")
            + ")"
            + (f" with submissions from {submissions}" if submissions else "")
        )
        self._entries: dict[str, _Entry] | None = None
        self._order: list[_Entry] = []
        self._bad = BadLines()

    # -- the index ---------------------------------------------------------------------------------------------
    def _index(self, progress: ProgressBytes | None = None) -> list[_Entry]:
        if self._entries is not None:
            return self._order
        entries: dict[str, _Entry] = {}
        total = os.path.getsize(self.source)
        last = time.monotonic()
        with open_binary(self.source) as raw:
            for number, (offset, line) in enumerate(_lines(raw, self.source, self._bad), 1):
                if not line.strip():
                    continue
                self._index_line(entries, self.source, number, offset, line, own=True)
                if progress is not None and time.monotonic() - last >= PROGRESS_EVERY:
                    last = time.monotonic()
                    progress(min(raw.tell(), total), total)
        if self.submissions:
            with open_binary(self.submissions) as raw:
                for number, (offset, line) in enumerate(_lines(raw, self.submissions), 1):
                    if line.strip():
                        self._index_line(entries, self.submissions, number, offset, line, own=False)
        if not entries and self._bad:
            raise InputError(
                f"{self.source}: no Reddit comment or submission could be read (line {self._bad.first_line} is "
                f"{self._bad.first_problem})"
            )
        for entry in entries.values():
            if entry.parents and entry.ids is not None:
                entry.placeholders = len(entry.parents - entry.ids)
            entry.ids = entry.parents = None  # only the counts are kept
        if progress is not None:
            progress(total, total)
        self._entries = entries
        self._order = list(entries.values())
        return self._order

    def _index_line(
        self, entries: dict[str, _Entry], path: str, number: int, offset: int, line: bytes, *, own: bool
    ) -> None:
        try:
            record = loads_line(line)
        except (ValueError, RecursionError) as error:
            if own:
                self._bad.add(number, f"not valid JSON ({error})")
            return
        if is_comment(record) and own:
            key = fullname(record.get("link_id"))
            if key is None:
                self._bad.add(number, "a comment without a link_id")
                return
            entry = entries.get(key) or entries.setdefault(key, _Entry(key, len(entries)))
            entry.offsets.append(offset)
            entry.comments += 1
            parent = as_text(record.get("parent_id")) or ""
            if parent.startswith("t1_"):
                entry.replies += 1
                assert entry.parents is not None
                entry.parents.add(parent[3:])
            assert entry.ids is not None
            entry.ids.add(as_text(record.get("id")) or "")
            body = record.get("body")
            entry.chars += len(body) if isinstance(body, str) else 0
        elif is_submission(record):
            key = fullname(record.get("id"))
            if key is None:  # an id of the wrong type (a list, an object): a bad line, not a crash
                if own:
                    self._bad.add(number, "a submission without an id")
                return
            found = entries.get(key)
            if found is None and not own:
                return  # a submission whose thread the dump does not hold
            entry = found or entries.setdefault(key, _Entry(key, len(entries)))
            if entry.submission is None or not own:
                entry.submission = (path, offset)
                entry.title = " ".join(html.unescape(str(record.get("title") or "")).split())
        elif own:
            self._bad.add(number, "neither a Reddit comment (link_id, parent_id, body) nor a submission")

    # -- the Collection ----------------------------------------------------------------------------------------
    def summaries(
        self,
        *,
        progress: ProgressBytes | None = None,
        bad: BadLines | None = None,
        threads_only: bool = False,
    ) -> Iterator[PageSummary]:
        order = self._index(progress)
        if bad is not None:
            bad.count, bad.first_line, bad.first_problem = (
                self._bad.count,
                self._bad.first_line,
                self._bad.first_problem,
            )
            bad.truncated, bad.lines_read = self._bad.truncated, self._bad.lines_read
        for index, entry in enumerate(order):
            yield PageSummary(
                index=index, url=None, id=entry.key, title=entry.title or entry.key, comments=entry.comments,
                replies=entry.replies, placeholders=entry.placeholders, marker_position=None,
                has_markers=entry.comments > 0, chars=entry.chars,
            )  # fmt: skip

    def load(self, selector: int | str) -> Thread:
        order = self._index()
        number, key = parse_selector(selector)
        if number is not None:
            if not 0 <= number < len(order):
                raise InputError(
                    f"{self.source}: no thread {number}: the file has {len(order)} (numbered from 0)"
                )
            entry = order[number]
        else:
            assert self._entries is not None
            found = self._entries.get(fullname(key) or "")
            if found is None:
                raise InputError(f"{self.source}: no thread with id {key!r}")
            entry, number = found, found.index
        return self._thread(entry, number)

    def _thread(self, entry: _Entry, index: int) -> Thread:
        records = [loads_line(line) for line in read_lines(self.source, entry.offsets)]
        post: dict[str, Any] | None = None
        if entry.submission is not None:
            path, offset = entry.submission
            post = loads_line(read_lines(path, [offset])[0])
        return build_thread(records, post, source=f"{self.source}#{index}", key=entry.key)


def _head(path: str) -> bytes:
    with open_binary(path) as raw:
        head: bytes = raw.read(4)
    return head


def read_lines(path: str, offsets: list[int]) -> list[bytes]:
    """The lines starting at these offsets (ascending): by seeking in a plain file, by reading the decompressed
    stream up to the last one in a compressed file."""
    with open_binary(path) as raw:
        if compression(raw.read(4)) is None:
            found = []
            for offset in offsets:
                raw.seek(offset)
                found.append(raw.readline())
            return found
        raw.seek(0)
        wanted = set(offsets)
        last = offsets[-1] if offsets else -1
        lines = []
        for offset, line in _lines(raw, path):
            if offset in wanted:
                lines.append(line)
            if offset >= last:
                break
        return lines


def _text(value: Any) -> str:
    return html.unescape(value) if isinstance(value, str) else ""


def comment_of(record: dict[str, Any]) -> Pending:
    """A dump comment as a Pending for `link`: a reply to its `t1_` parent, or top level under the submission."""
    ident = as_text(record.get("id")) or as_text(record.get("name")) or "comment"
    ident = ident.removeprefix("t1_")
    meta: dict[str, Any] = {"markup": "markdown", "name": f"t1_{ident}"}
    meta.update({k: record[k] for k in _COMMENT_META if record.get(k) not in (None, False, "", 0)})
    comment = Comment(
        id=ident,
        text=_text(record.get("body")),
        author=record.get("author") if isinstance(record.get("author"), str) else None,
        time=parse_time(record.get("created_utc")),
        score=as_int(record.get("score")),
        meta=meta,
    )
    parent = as_text(record.get("parent_id")) or ""
    if parent.startswith("t1_"):
        return Pending(comment, ident, parent[3:])
    return Pending(comment, ident, None, f"top level: parent_id {parent or '(none)'} is the submission")


def build_thread(
    records: list[dict[str, Any]], post: dict[str, Any] | None, *, source: str, key: str
) -> Thread:
    """One thread of a dump: its comment records (in file order) and its submission record, if known."""
    thread = Thread(source=source, format=NAME, meta={"id": key})
    if post is not None:
        title, selftext = _text(post.get("title")).strip(), _text(post.get("selftext")).strip()
        body = selftext if selftext not in ("", "[deleted]", "[removed]") or not post.get("url") else ""
        thread.article = Article(
            text="\n".join(p for p in (title, body or _text(post.get("url"))) if p),
            reason="the submission's title and text (a Reddit dump submission record)",
        )
        thread.meta.update(
            {k: _text(post[k]) if isinstance(post[k], str) else post[k] for k in _POST_META if k in post}
        )
    else:
        thread.notes.append(
            f"the submission {key} is not in the file: no article (give the submissions file with --submissions)"
        )
    items = [comment_of(record) for record in records]
    others = {as_text(r.get("parent_id")) for r in records} - {None, key}
    strays = sorted(p for p in others if p is not None and p.startswith("t3_"))
    if strays:
        thread.notes.append(
            f"parent_id names another submission ({', '.join(strays[:3])}): kept at the top level"
        )
    thread.comments = link(items, field="parent_id", noun="comment", notes=thread.notes)
    expected = as_int(post.get("num_comments")) if post is not None else None
    if expected is not None and expected > len(records):
        thread.notes.append(f"the submission counts {expected} comments; {len(records)} are in the file")
    return thread


def open_dump(path: str, options: ReadOptions) -> RedditDumpCollection:
    """The FileFormat's opener: the dump, with the submissions file of the options when one is given."""
    return RedditDumpCollection(path, submissions=options.submissions)


FORMAT = FileFormat(
    NAME,
    "a Reddit dump (Pushshift / Arctic Shift RC_/RS_ NDJSON, .zst too): a list of threads, one per link_id",
    detect,
    open_dump,
)
