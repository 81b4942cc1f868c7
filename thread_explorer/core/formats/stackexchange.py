"""Stack Exchange data dumps: `Posts.xml` (one `<row>` per post), with `Comments.xml` when it lies beside it.

A dump opens as a list of questions (`PostTypeId` 1), each a thread: the question (title, then its HTML `Body`
as text) is the article, its comments come first at the top level, then its answers (`PostTypeId` 2, by
`ParentId`, in file order), each with its own comments below it. Authors are `OwnerDisplayName`, else the
`DisplayName` that `Users.xml` (when beside it) gives the `OwnerUserId`, else `user` and the id (as the site
names users it cannot show); times `CreationDate` (UTC); scores `Score`.

The XML is streamed with the standard library's iterparse, each row cleared once read: one pass indexes the
questions and counts (no bodies kept), and a question is read by another pass when it is opened. Documents with
a DTD (`<!DOCTYPE`) are refused before parsing: dumps have none, and entity declarations are how an XML "billion
laughs" bomb works. Posts of other types (tag wikis, ...) are not threads: the list's description counts them.
An answer whose question is not in the file is listed under a placeholder for that question.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import cast

from ..collection import BadLines, Collection, PageSummary, ProgressBytes, parse_selector
from ..errors import InputError
from ..files import open_binary
from ..html_text import html_to_text
from ..model import Article, Attach, Comment, Thread, make_placeholder
from .base import FileFormat
from .building import as_int, parse_time

NAME = "stackexchange"
HEAD_BYTES = 4096
LINE_LIMIT = (
    1 << 24
)  # bytes fed to the parser at a time (a dump has a row a line; a longer line is fed in parts)
PROLOG_LIMIT = 1 << 16  # bytes before the root element past which a document is refused (dumps have a line)
_ROOT = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:!DOCTYPE\s+)?(posts|comments|users|votes|badges|tags|posthistory|postlinks)[\s>\[]",
    re.DOTALL,
)
_PROLOG = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*|<!--.*?-->\s*)*", re.DOTALL)
QUESTION, ANSWER = "1", "2"
POST_TYPES = {  # the other PostTypeId values of the dump's schema (not threads)
    "3": "orphaned tag wiki", "4": "tag wiki excerpt", "5": "tag wiki", "6": "moderator nomination",
    "7": "wiki placeholder", "8": "privilege wiki",
}  # fmt: skip
_OTHER_TABLES = {
    "comments": "Comments", "users": "Users", "votes": "Votes", "badges": "Badges", "tags": "Tags",
    "posthistory": "PostHistory", "postlinks": "PostLinks",
}  # fmt: skip


def _head(path: str) -> bytes:
    with open_binary(path) as raw:
        head: bytes = raw.read(HEAD_BYTES)
    return head


def detect(path: str) -> bool:
    """A file that starts (after an XML declaration) with `<posts>` or another table of a dump (`<comments>`,
    `<users>`, ...: refused with a pointer to Posts.xml), or with a DTD for one (refused, not read as text)."""
    if path == "-" or not os.path.isfile(path):
        return False
    try:
        return _ROOT.match(_head(path)) is not None
    except (OSError, InputError):
        return False


def check_prolog(path: str) -> str:
    """The root element's name; a DTD or entity declaration (or a prolog too long to check) is an InputError."""
    with open_binary(path) as raw:
        head = raw.read(PROLOG_LIMIT)
    end = _PROLOG.match(head)
    rest = head[end.end() if end else 0 :]
    if rest.startswith((b"<!DOCTYPE", b"<!ENTITY")):
        raise InputError(
            f"{path}: XML with a DTD (<!DOCTYPE ...>) is refused: Stack Exchange dumps have none, and its "
            "entities could expand without bound"
        )
    match = re.match(rb"<([A-Za-z_][\w.-]*)", rest)
    if match is None:
        raise InputError(f"{path}: not a Stack Exchange dump (no <posts> or <comments> element at the start)")
    return match.group(1).decode()


def rows(path: str) -> Iterator[dict[str, str]]:
    """The attributes of every `<row>` of a dump file, streamed (each element cleared once read)."""
    for row, _ in located_rows(path):
        yield row


def located_rows(path: str) -> Iterator[tuple[dict[str, str], int | None]]:
    """Every `<row>`'s attributes and the byte offset of its line when it has a line to itself (as dumps write
    them; else None), streamed through the standard library's pull parser (what iterparse uses), line by line,
    each element cleared once read."""
    check_prolog(path)
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    root: ET.Element | None = None
    began = -1
    try:
        with open_binary(path) as raw:
            offset = 0
            while line := raw.readline(LINE_LIMIT):
                parser.feed(line)
                for found in parser.read_events():
                    event, element = cast(tuple[str, object], found)  # start/end: (event, element)
                    if not isinstance(element, ET.Element):
                        continue  # only start and end events are asked for
                    if event == "start":
                        if root is None:
                            root = element
                        elif element.tag == "row":
                            began = offset
                        continue
                    if element.tag == "row":
                        alone = began == offset and line.lstrip().startswith(b"<row") and line.endswith(b"\n")
                        yield dict(element.attrib), offset if alone else None
                        element.clear()
                        if root is not None:
                            root.clear()
                offset += len(line)
            parser.close()
    except ET.ParseError as error:
        raise InputError(f"{path}: not valid XML ({error})") from None
    except LookupError as error:  # the XML declaration names an encoding Python does not know
        raise InputError(f"{path}: not valid XML ({error})") from None


def rows_at(path: str, places: list[tuple[int | None, str]]) -> list[dict[str, str]] | None:
    """The rows at these (offset, Id) places, each read from its own line; None when one is not there (a dump
    not written a row a line), so the caller reads the file through instead."""
    if any(offset is None for offset, _ in places):
        return None
    found = []
    with open_binary(path) as raw:
        for offset, ident in places:
            raw.seek(offset or 0)
            try:
                element = ET.fromstring(raw.readline(LINE_LIMIT))
            except ET.ParseError:
                return None
            if element.tag != "row" or element.get("Id") != ident:
                return None
            found.append(dict(element.attrib))
    return found


def beside(path: str, table: str) -> str | None:
    """Another table of the same dump (`Posts.xml` -> `Comments.xml`, `x_Posts.xml` -> `x_Users.xml`), if there."""
    folder, name = os.path.split(path)
    at = name.rfind("Posts")
    if at < 0:
        return None
    other = os.path.join(folder, name[:at] + table + name[at + 5 :])
    return other if os.path.isfile(other) else None


def user_names(path: str, wanted: set[str]) -> dict[str, str]:
    """The DisplayName of each wanted user id, from the dump's Users.xml (one streamed pass)."""
    names = {}
    for row in rows(path):
        ident = row.get("Id", "")
        if ident in wanted and row.get("DisplayName", "").strip():
            names[ident] = row["DisplayName"].strip()
    return names


@dataclass
class _Entry:
    """One question (or a question the answers name but the file lacks) as the index keeps it."""

    id: str
    index: int
    title: str = ""
    present: bool = False
    answers: int = 0
    comments: int = 0
    on_answers: int = 0  # comments on its answers (replies in the tree)
    chars: int = 0
    posts: list[tuple[int | None, str]] = field(default_factory=list)  # (line offset, Id): question, answers
    notes: list[tuple[int | None, str]] = field(default_factory=list)  # the same for its comments


def author_of(row: dict[str, str], name_key: str, id_key: str) -> str | None:
    """The display name, else `user` and the id (how the site shows an account it has no name for; the dump's
    Users.xml, when beside it, names them)."""
    name = row.get(name_key, "").strip()
    if name:
        return name
    ident = row.get(id_key, "").strip()
    return f"user{ident}" if ident else None


class StackExchangeCollection(Collection):
    """The questions of a Stack Exchange `Posts.xml` (see the module docstring), indexed when opened."""

    noun = "question"

    def __init__(self, path: str) -> None:
        self.source = path
        root = check_prolog(path)
        if root in _OTHER_TABLES:
            raise InputError(
                f"{path}: a Stack Exchange {_OTHER_TABLES[root]}.xml holds no questions: open the Posts.xml beside it"
            )
        self.comments_path = beside(path, "Comments")
        self.users_path = beside(path, "Users")  # display names for OwnerUserId / UserId
        self._entries: dict[str, _Entry] = {}
        self._question_of: dict[str, str] = {}  # answer id -> question id
        self._index()

    def _entry(self, ident: str) -> _Entry:
        entry = self._entries.get(ident)
        if entry is None:
            entry = self._entries[ident] = _Entry(ident, len(self._entries))
        return entry

    def _index(self) -> None:
        """One pass over Posts.xml (and Comments.xml): the questions, their answers and comments counted."""
        others: dict[str, int] = {}
        answers = 0
        for row, offset in located_rows(self.source):
            kind, ident = row.get("PostTypeId", ""), row.get("Id", "")
            if kind == QUESTION and ident:
                entry = self._entry(ident)
                entry.present, entry.title = True, " ".join(row.get("Title", "").split())
                entry.chars += len(row.get("Body", ""))
                entry.posts.append((offset, ident))
            elif kind == ANSWER and ident and row.get("ParentId"):
                entry = self._entry(row["ParentId"])
                entry.answers += 1
                entry.chars += len(row.get("Body", ""))
                entry.posts.append((offset, ident))
                self._question_of[ident] = entry.id
                answers += 1
            else:
                others[kind or "?"] = others.get(kind or "?", 0) + 1
        stray = 0
        if self.comments_path:
            for row, offset in located_rows(self.comments_path):
                post = row.get("PostId", "")
                question = self._question_of.get(post, post if post in self._entries else None)
                if question is None:
                    stray += 1
                    continue
                self._entries[question].notes.append((offset, row.get("Id", "")))
                self._entries[question].comments += 1
                self._entries[question].on_answers += post in self._question_of
        questions = sum(1 for e in self._entries.values() if e.present)
        parts = [f"{questions:,} questions, {answers:,} answers"]
        if self.comments_path:
            parts.append(f"comments from {os.path.basename(self.comments_path)}")
        else:
            parts.append("no Comments.xml beside it")
        if others:
            shown = ", ".join(
                f"{n} {POST_TYPES.get(kind, 'of PostTypeId ' + kind)}" for kind, n in sorted(others.items())
            )
            parts.append(
                f"{sum(others.values()):,} posts that are not questions or answers skipped ({shown})"
            )
        if stray:
            parts.append(f"{stray:,} comments on posts not in the file skipped")
        self.description = f"Stack Exchange dump ({'; '.join(parts)})"

    def summaries(
        self,
        *,
        progress: ProgressBytes | None = None,
        bad: BadLines | None = None,
        threads_only: bool = False,
    ) -> Iterator[PageSummary]:
        for entry in self._entries.values():
            yield PageSummary(
                index=entry.index, url=None, id=entry.id,
                title=entry.title or f"question {entry.id} (not in the file)",
                comments=entry.answers + entry.comments,
                replies=entry.on_answers if entry.present else entry.answers + entry.comments,
                placeholders=0 if entry.present else 1, marker_position=None,
                has_markers=entry.answers + entry.comments > 0, chars=entry.chars,
            )  # fmt: skip

    def load(self, selector: int | str) -> Thread:
        number, key = parse_selector(selector)
        order = list(self._entries.values())
        if number is not None:
            if not 0 <= number < len(order):
                raise InputError(
                    f"{self.source}: no question {number}: the file has {len(order)} (numbered from 0)"
                )
            return self._thread(order[number])
        entry = self._entries.get(key or "")
        if entry is None:
            raise InputError(f"{self.source}: no question with id {key!r}")
        return self._thread(entry)

    def _thread(self, entry: _Entry) -> Thread:
        """One question read again: its rows from their lines (by the index's offsets), else by a full pass."""
        posts = rows_at(self.source, entry.posts)
        if posts is None:
            posts = [
                row
                for row in rows(self.source)
                if (row.get("Id") == entry.id and row.get("PostTypeId") == QUESTION)
                or (row.get("PostTypeId") == ANSWER and row.get("ParentId") == entry.id)
            ]
        question = next(
            (r for r in posts if r.get("PostTypeId") == QUESTION and r.get("Id") == entry.id), None
        )
        answers = [r for r in posts if r.get("PostTypeId") == ANSWER]
        wanted = {entry.id, *(a.get("Id", "") for a in answers)}
        notes = [] if self.comments_path else ["no Comments.xml beside the Posts.xml: comments not shown"]
        comments: list[dict[str, str]] = []
        if self.comments_path:
            found = rows_at(self.comments_path, entry.notes)
            if found is None:
                found = [r for r in rows(self.comments_path) if r.get("PostId") in wanted]
            comments = found
        thread = build_thread(
            question, entry.id, answers, comments, source=f"{self.source}#{entry.index}", notes=notes
        )
        if self.users_path:
            name_users(thread, self.users_path)
        return thread


def name_users(thread: Thread, users: str) -> None:
    """Authors known only by their user id get the DisplayName the dump's Users.xml gives them."""
    by_id = [c for c in thread.walk() if isinstance(c.meta.get("user_id"), str)]
    wanted = {str(c.meta["user_id"]) for c in by_id}
    owner = thread.meta.get("user_id")
    if isinstance(owner, str):
        wanted.add(owner)
    names = user_names(users, wanted)
    for comment in by_id:
        comment.author = names.get(str(comment.meta["user_id"]), comment.author)
    if isinstance(owner, str) and owner in names:
        thread.meta["author"] = names[owner]


def post_comment(row: dict[str, str]) -> Comment:
    """An answer row as a Comment (its HTML body as text)."""
    meta: dict[str, object] = {"post_type": "answer", **_user_id(row, "OwnerDisplayName", "OwnerUserId")}
    return Comment(
        id=row.get("Id", ""), text=html_to_text(row.get("Body")),
        author=author_of(row, "OwnerDisplayName", "OwnerUserId"),
        time=parse_time(row.get("CreationDate")), score=as_int(row.get("Score")), meta=meta,
    )  # fmt: skip


def comment_comment(row: dict[str, str]) -> Comment:
    """A Comments.xml row as a Comment (its text is plain text)."""
    return Comment(
        id=f"c{row.get('Id', '')}", text=row.get("Text", ""),
        author=author_of(row, "UserDisplayName", "UserId"),
        time=parse_time(row.get("CreationDate")), score=as_int(row.get("Score")),
        meta={"post_type": "comment", **_user_id(row, "UserDisplayName", "UserId")},
    )  # fmt: skip


def _user_id(row: dict[str, str], name_key: str, id_key: str) -> dict[str, str]:
    """{"user_id": ID} when the row names its author by id only (Users.xml can name them)."""
    ident = row.get(id_key, "").strip()
    return {"user_id": ident} if ident and not row.get(name_key, "").strip() else {}


def build_thread(
    question: dict[str, str] | None,
    question_id: str,
    answers: list[dict[str, str]],
    comments: list[dict[str, str]],
    *,
    source: str,
    notes: list[str],
) -> Thread:
    """One question's thread: the question as article, its comments, then its answers with theirs."""
    thread = Thread(source=source, format=NAME, notes=notes, meta={"id": question_id})
    on_post: dict[str, list[Comment]] = {}
    for row in comments:
        comment = comment_comment(row)
        on_post.setdefault(row.get("PostId", ""), []).append(comment)
    holder: Comment | None = None
    if question is not None:
        title = " ".join(question.get("Title", "").split())
        body = html_to_text(question.get("Body"))
        thread.article = Article(
            text="\n".join(p for p in (title, body) if p), reason="the question's title and body (Posts.xml)"
        )
        thread.meta.update({"title": title, "author": author_of(question, "OwnerDisplayName", "OwnerUserId")})
        thread.meta.update(_user_id(question, "OwnerDisplayName", "OwnerUserId"))
        thread.meta.update(
            {k.lower(): question[k] for k in ("Score", "CreationDate", "Tags") if k in question}
        )
        accepted = question.get("AcceptedAnswerId")
    else:
        accepted = None
        holder = make_placeholder(
            f"missing-{question_id}",
            f"[question {question_id}: not in the file]",
            explanation=f"stands for question {question_id}: answers name it as ParentId, the file lacks it",
        )
        thread.comments.append(holder)
        thread.notes.append(
            f"question {question_id} is not in the file: its answers hang under a placeholder"
        )
    for comment in on_post.pop(question_id, []):
        comment.explanation = f"comment on the question (PostId {question_id})"
        thread.comments.append(comment)
    expected = as_int(question.get("AnswerCount")) if question is not None else None
    if expected is not None and expected > len(answers):
        thread.notes.append(f"the question counts {expected} answers; {len(answers)} are in the file")
    for row in answers:
        answer = post_comment(row)
        if accepted and answer.id == accepted:
            answer.meta["accepted"] = True
        if holder is not None:
            holder.add_reply(answer)
            answer.attached_by = Attach.PLACEHOLDER
            answer.explanation = (
                f"answer: ParentId {question_id} is not in the file; kept under a placeholder"
            )
        else:
            thread.comments.append(answer)
            answer.explanation = f"answer to the question (ParentId {question_id})"
        for comment in on_post.pop(answer.id, []):
            answer.add_reply(comment)
            comment.attached_by = Attach.ID
            comment.explanation = (
                f"comment: PostId names answer {answer.id} (by {answer.author or 'unknown'})"
            )
    return thread


FORMAT = FileFormat(
    NAME,
    "a Stack Exchange dump's Posts.xml (with Comments.xml beside it): a list of questions",
    detect,
    lambda path, options: StackExchangeCollection(path),
)
