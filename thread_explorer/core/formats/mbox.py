"""Mailing-list archives in mbox format, threaded the way mail readers do it (Jamie Zawinski's algorithm).

Threading: each message's `References` (with `In-Reply-To` appended when it is not already last) is a chain of
ancestors; consecutive ids are linked parent -> child unless that would make a loop, and the message's own parent
is the last id of its chain (JWZ steps 1A-1C). Ids named but absent are missing messages: one of them that is the
direct parent of a message in the archive becomes a placeholder (kind "placeholder", text the
subject its replies carry), like the page parser's placeholders; missing ids above it with no message of their
own are dropped and their children promoted (JWZ step 4). Subjects are NOT used to merge threads (JWZ step 5):
on mailing lists "Re: Patch" merges unrelated threads too often; a message with no references stays top-level,
and its explanation says when its subject starts with "Re:". Siblings keep archive order.

Each message becomes a Comment: id "m1", "m2"... in archive order (stable), author the From display name (or
address), time from Date, text the text/plain body decoded with its declared charset (the first text/plain part;
text/html converted when there is no plain part). Quoted lines ("> ...") are kept in the text: the app shows
lines that start with ">" as quotes. meta: subject, message_id, from, date.

`read(text)` gets text the loader already decoded; 8-bit bodies are then taken as decoded. `read_bytes(data)`
decodes each message by its own declared charset, which is right for archives mixing charsets; a part that
declares none is UTF-8 when valid, else Windows-1252 (the loader's rule).
"""

from __future__ import annotations

import email
import email.errors
import email.header
import email.policy
import email.utils
import re
from email.message import Message
from typing import Any

from thread_explorer.core.decode import utf8_or_cp1252
from thread_explorer.core.formats.base import Format
from thread_explorer.core.html_text import html_to_text
from thread_explorer.core.model import Attach, Comment, Thread, make_placeholder

NAME = "mbox"

_FROM_LINE = re.compile(rb"^From (?:\S+|\".*\") ", re.MULTILINE)
_HEADER = re.compile(r"^[!-9;-~]+:[ \t]?")  # a header field name: printable ASCII except ":"
_MSGID = re.compile(r"<[^<>\s]+>")
_ESCAPED_FROM = re.compile(rb"^>(>*From )", re.MULTILINE)
_RE = re.compile(r"^\s*((re|aw|sv|fwd?)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)


def sniff(head: str) -> bool:
    """An mbox: the first line is a "From " separator and the next one a mail header."""
    lines = head.lstrip("\n").split("\n", 2)
    return len(lines) >= 2 and lines[0].startswith("From ") and bool(_HEADER.match(lines[1]))


def split_messages(data: bytes) -> list[bytes]:
    """The messages of an mbox, separator lines removed and ">From " escapes undone (mboxrd and mboxo)."""
    starts = [m.start() for m in _FROM_LINE.finditer(data)]
    if not starts or starts[0] != data.find(b"From "):
        starts = [0] + starts if data.strip() else starts
    messages = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(data)
        chunk = data[start:end]
        if chunk.startswith(b"From "):
            chunk = chunk.split(b"\n", 1)[1] if b"\n" in chunk else b""
        if chunk.strip():
            messages.append(_ESCAPED_FROM.sub(rb"\1", chunk))
    return messages


def read(text: str, *, source: str = "", markers: str = "auto") -> Thread:
    """An mbox that the loader decoded already (8-bit bodies taken as decoded)."""
    raw = text.encode("utf-8", "surrogateescape")
    messages = [
        email.message_from_string(m.decode("utf-8", "surrogateescape"), policy=email.policy.compat32)
        for m in split_messages(raw)
    ]
    return _thread(messages, source, text_input=True)


def read_bytes(data: bytes, *, source: str = "", markers: str = "auto") -> Thread:
    """An mbox from its bytes: each message decoded by its own declared charset (Latin-1 when it declares none)."""
    return _thread(
        [email.message_from_bytes(m, policy=email.policy.compat32) for m in split_messages(data)],
        source,
        text_input=False,
    )


def _header(message: Message, name: str) -> str:
    """A header as text: raw 8-bit bytes by the loader's rule, then RFC 2047 encoded words decoded; "" if absent."""
    value = next((v for k, v in message.raw_items() if k.lower() == name.lower()), None)
    if value is None:
        return ""
    value = str(value)
    if any("\udc80" <= ch <= "\udcff" for ch in value):  # undecoded bytes kept by the bytes parser
        value = utf8_or_cp1252(value.encode("ascii", "surrogateescape"))
    value = re.sub(r"\r?\n[ \t]", " ", value)  # unfold
    try:
        return str(email.header.make_header(email.header.decode_header(value))).strip()
    except (ValueError, LookupError, email.errors.MessageError):  # UnicodeError, CharsetError (=?é?q?x?=)
        return value.strip()


def _decode_part(part: Message, text_input: bool) -> str:
    """A text part's payload as str, by its charset (or as the loader decoded it, for 8-bit text input)."""
    cte = str(part.get("Content-Transfer-Encoding", "")).lower().strip()
    if text_input and cte not in ("base64", "quoted-printable"):
        raw = part.get_payload(decode=False)  # the loader decoded the file already
        return raw if isinstance(raw, str) else ""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset()
    if charset:
        try:
            return payload.decode(charset, errors="replace")
        except (LookupError, ValueError):  # ValueError: UnicodeError, or a NUL in the name
            pass  # an unknown charset name, or a codec that is no charset (idna): fall back to the loader's rule
    return utf8_or_cp1252(payload)


def body_text(message: Message, text_input: bool = False) -> str:
    """The readable body: the first text/plain part, else the first text/html part as text."""
    html_part = None
    for part in message.walk():
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        if part.get_content_type() == "text/plain":
            return _clean(_decode_part(part, text_input))
        if part.get_content_type() == "text/html" and html_part is None:
            html_part = part
    return html_to_text(_decode_part(html_part, text_input)) if html_part is not None else ""


def _clean(text: str) -> str:
    """Line ends normalised, trailing spaces and blank lines at both ends removed."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


def _ids(value: Any) -> list[str]:
    """Message-IDs in a header, in order."""
    return _MSGID.findall(str(value)) if value else []


def _comment(n: int, message: Message, text_input: bool) -> Comment:
    """One message as a Comment."""
    sender = _header(message, "From")
    name, address = email.utils.parseaddr(sender)
    date = _header(message, "Date")
    when = None
    try:
        when = email.utils.parsedate_to_datetime(date).timestamp() if date else None
    except (TypeError, ValueError, IndexError, OverflowError):
        when = None
    meta = {"subject": _header(message, "Subject"), "message_id": "", "from": sender, "date": date}
    return Comment(
        id=f"m{n}",
        text=body_text(message, text_input),
        author=name or address or sender or None,
        time=when,
        meta=meta,
    )


class _Container:
    """A JWZ container: a message (or None for a missing one) and its place in the tree."""

    __slots__ = ("children", "comment", "message_id", "order", "parent")

    def __init__(self, message_id: str) -> None:
        self.message_id = message_id
        self.comment: Comment | None = None
        self.parent: _Container | None = None
        self.children: list[_Container] = []
        self.order = 0

    def reaches(self, other: _Container) -> bool:
        """True when `other` is this container or one of its ancestors."""
        node: _Container | None = self
        while node is not None:
            if node is other:
                return True
            node = node.parent
        return False

    def set_parent(self, parent: _Container | None) -> None:
        if self.parent is not None:
            self.parent.children.remove(self)
        self.parent = parent
        if parent is not None:
            parent.children.append(self)


def _thread(messages: list[Message], source: str, *, text_input: bool) -> Thread:
    """JWZ steps 1-4 over the messages (see the module docstring), as a Thread."""
    table: dict[str, _Container] = {}
    chains: dict[int, list[str]] = {}
    containers: list[_Container] = []
    for n, message in enumerate(messages, 1):
        comment = _comment(n, message, text_input)
        found = _ids(_header(message, "Message-ID"))
        message_id = found[0] if found else f"<no-id-{n}@thread-explorer>"
        if message_id in table and table[message_id].comment is not None:
            message_id = f"<duplicate-{n}-{message_id[1:-1]}>"  # a second copy: kept, as its own message
        comment.meta["message_id"] = message_id
        container = table.setdefault(message_id, _Container(message_id))
        container.comment, container.order = comment, n
        containers.append(container)
        chain = _ids(_header(message, "References"))
        reply_to = _ids(_header(message, "In-Reply-To"))
        if reply_to and (not chain or chain[-1] != reply_to[0]):
            chain.append(reply_to[0])
        chain = [mid for mid in chain if mid != message_id]
        chains[n] = chain
        previous: _Container | None = None
        for mid in chain:  # 1B: link the references in order, unless already linked or a loop
            node = table.setdefault(mid, _Container(mid))
            if previous is not None and node.parent is None and not previous.reaches(node):
                node.set_parent(previous)
            previous = node
        # 1C: this message's parent is the last reference, replacing a guess made from other messages
        if previous is not None and not previous.reaches(container):
            container.set_parent(previous)
        elif previous is None and container.parent is not None:
            container.set_parent(None)
    thread = Thread(source=source, format=NAME)
    thread.meta["messages"] = len(messages)
    roots = [c for c in table.values() if c.parent is None]
    _build(roots, thread, chains)
    return thread


def _first_orders(roots: list[_Container]) -> dict[int, int]:
    """For every container (by id()), the archive position of the earliest message at or below it."""
    first: dict[int, int] = {}
    stack: list[tuple[_Container, bool]] = [(root, False) for root in roots]
    while stack:
        node, done = stack.pop()
        if done:
            own = node.order if node.comment is not None else 1 << 62
            first[id(node)] = min([own] + [first[id(child)] for child in node.children])
        else:
            stack.append((node, True))
            stack.extend((child, False) for child in node.children)
    return first


def _real_children(container: _Container, first: dict[int, int]) -> list[_Container]:
    """Children, with missing ones that hold no message directly replaced by their own children (JWZ step 4)."""
    result: list[_Container] = []
    stack = list(reversed(container.children))
    while stack:
        node = stack.pop()
        if node.comment is None and not any(child.comment is not None for child in node.children):
            stack.extend(reversed(node.children))
        elif node.comment is not None or node.children:
            result.append(node)
    return sorted(result, key=lambda node: first[id(node)])


def _build(roots: list[_Container], thread: Thread, chains: dict[int, list[str]]) -> None:
    """Turn the container forest into Comments: placeholders for missing direct parents, explanations."""
    holder = _Container("<root>")
    holder.children = roots
    first = _first_orders(roots)
    stack: list[tuple[_Container, Comment | None]] = [
        (c, None) for c in reversed(_real_children(holder, first))
    ]
    missing = 0
    while stack:
        node, parent = stack.pop()
        if node.comment is None:
            missing += 1
            subject = next((c.comment.meta["subject"] for c in node.children if c.comment is not None), "")
            comment = make_placeholder(
                f"missing-{missing}",
                _RE.sub("", subject) or node.message_id,
                explanation=f"not in the archive: the message {node.message_id} that replies name",
                meta={"message_id": node.message_id, "subject": _RE.sub("", subject)},
            )
            if parent is not None:
                comment.attached_by = Attach.ID
                comment.explanation += f"; References put it below {parent.meta.get('message_id')}"
        else:
            comment = node.comment
            _explain(comment, node, parent, chains[node.order])
        if parent is None:
            thread.comments.append(comment)
        else:
            parent.add_reply(comment)
        stack.extend((child, comment) for child in reversed(_real_children(node, first)))


def _explain(comment: Comment, node: _Container, parent: Comment | None, chain: list[str]) -> None:
    """Say why a message hangs where it does."""
    if parent is None:
        comment.attached_by = Attach.ROOT
        if chain:
            comment.explanation = (
                f"top-level: none of the messages it references is in the archive ({', '.join(chain)})"
            )
        elif _RE.match(comment.meta.get("subject", "")):
            comment.explanation = (
                "top-level: no In-Reply-To or References header (its subject starts with "
                "'Re:', but subjects are not used to join threads)"
            )
        else:
            comment.explanation = "top-level: a new thread (no In-Reply-To or References header)"
        return
    parent_id = node.parent.message_id if node.parent is not None else ""
    if parent.placeholder:
        comment.attached_by = Attach.PLACEHOLDER
        comment.explanation = f"its parent {parent_id} is not in the archive; kept under a placeholder"
        return
    comment.attached_by = Attach.ID
    if chain and chain[-1] == parent_id:
        comment.explanation = f"In-Reply-To/References name {parent_id} (from {parent.author or 'unknown'})"
    else:
        comment.explanation = (
            f"{parent_id} (from {parent.author or 'unknown'}) is its nearest ancestor that "
            "the threading could link without a loop"
        )


FORMAT = Format(
    NAME,
    "a mail archive (mbox), threaded by Message-ID / In-Reply-To / References",
    sniff,
    lambda text, options: read(text, source=options.source, markers=options.markers),
    read_bytes=lambda data, options: read_bytes(data, source=options.source, markers=options.markers),
)
