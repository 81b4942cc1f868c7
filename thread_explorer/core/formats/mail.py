"""One mail message as a Comment, shared by the mbox, .eml and maildir readers.

Author: the From display name (RFC 2047 encoded words decoded by the standard library's header parser, which
keeps a comma inside a decoded name and adds no spaces around a quoted encoded word), else the address. Time from
Date. Text: the first text/plain part decoded by its declared charset (text/html converted when there is no plain
part), kept as written: line breaks, indentation and trailing spaces stay (`-- ` stays `-- `), so a patch is
byte-exact; only line ends are normalised and blank lines at both ends dropped. Quoted lines ("> ...") stay in
the text. meta: subject, message_id, from, date, and `markup: "mail"` (hard-wrapped plain text: exports keep its
lines). A part that declares no charset is UTF-8 when valid, else Windows-1252 (the loader's rule).
"""

from __future__ import annotations

import email
import email.errors
import email.header
import email.policy
import email.utils
import functools
import re
from dataclasses import dataclass
from datetime import date as date_of
from email.message import Message

from ..decode import utf8_or_cp1252
from ..html_text import html_to_text
from ..model import Comment
from .mailthread import MailRecord

_MSGID = re.compile(r"<[^<>\s]+>")
_SIMPLE_ADDRESS = re.compile(
    r'\s*(?:(?:"([^"\\]*)"|([^"<>,;:@()\\\[\]]*?))\s*<([^<>\s@]+@[^<>\s@]+)>|([^\s<>"(),;:@\\]+@[^\s<>"(),;:@\\]+))\s*$'
)
MARKUP = "mail"  # meta["markup"] of a mail body: plain text whose line breaks are kept


_HEADER_LINE = re.compile(rb"^([!-9;-~]+)[ \t]*:[ \t]*(.*?)\r?$")
_CHARSET = re.compile(r"charset\s*=\s*\"?([^\";\s]+)", re.IGNORECASE)
_HEAD_FIELD = re.compile(r"([!-9;-~]+)[ \t]*:[ \t]*([^\n]*(?:\n[ \t][^\n]*)*)\n")
_FOLD = re.compile(r"[ \t]*\n[ \t]+")
# A head of _HEAD_FIELDs end to end (each atomic: a failure does not try other cuts of the fields before it,
# so the check is linear, however long a line without a colon is)
_WELL_FORMED_HEAD = re.compile(r"(?>[!-9;-~]+[ \t]*:[^\n]*\n(?:[ \t][^\n]*\n)*)*+")
_DATE = re.compile(
    r"\s*(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+([+-])(\d{2})(\d{2})"
    r"(?:\s+\([^()]*\))?\s*$"
)
_MONTHS = {
    m: n
    for n, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_EPOCH_DAY = date_of(1970, 1, 1).toordinal()
_SIMPLE_CTE = frozenset({"", "7bit", "8bit", "binary"})


@dataclass(slots=True)
class MailMessage:
    """A message's headers (lower-case name -> first value, unfolded, 8-bit bytes by the loader's rule) and
    its readable body. Plain text/plain messages are read directly (fast: a 100,000-message archive reads in
    linear time at a few microseconds a message); MIME ones (multipart, base64, quoted-printable, HTML) by the
    standard library's email package."""

    headers: dict[str, str]
    body: str


def _split_head(data: bytes) -> tuple[list[bytes], bytes]:
    """The header lines (folded lines joined) and the body: the head ends at the first empty line, or at the
    first line that is neither a header nor a continuation (as the email package reads a missing separator)."""
    lines: list[bytes] = []
    position = 0
    while position < len(data):
        end = data.find(b"\n", position)
        end = len(data) if end < 0 else end
        line = data[position:end]
        if line in (b"", b"\r"):
            return lines, data[end + 1 :]
        if line[:1] in (b" ", b"\t") and lines:
            lines[-1] += b" " + line.strip()
        elif _HEADER_LINE.match(line):
            lines.append(line.rstrip(b"\r"))
        else:
            return lines, data[position:]
        position = end + 1
    return lines, b""


def _fast_head(data: bytes) -> tuple[dict[str, str], bytes] | None:
    """The headers and the body, when the head is well formed (every line up to the first empty one a header or a
    continuation, no carriage return); None otherwise, for the careful line-by-line reading. One regex checks
    the whole head; an unfolded head (the usual one) is then cut at its newlines and first colons."""
    end = data.find(b"\n\n")
    if end < 0 or data.find(b"\r", 0, end) >= 0:
        return None
    head = utf8_or_cp1252(data[: end + 1])  # one decoding for the whole head
    if _WELL_FORMED_HEAD.fullmatch(head) is None:
        return None
    headers: dict[str, str] = {}
    if "\n " in head or "\n\t" in head:  # folded fields: the field regex unfolds them
        for name, value in _HEAD_FIELD.findall(head):  # (fields end to end: each found where the last ended)
            name = name.lower()
            if name not in headers:
                headers[name] = (_FOLD.sub(" ", value) if "\n" in value else value).strip()
    else:
        for line in head[:-1].split("\n"):  # each a field: name, blanks, the first colon, its value
            name, _, value = line.partition(":")
            name = name.rstrip(" \t").lower()
            if name not in headers:
                headers[name] = value.strip()
    return headers, data[end + 2 :]


def parse_message(data: bytes, text_input: bool = False) -> MailMessage:
    """A message from its bytes (for text the loader decoded, its UTF-8 with surrogate escapes)."""
    fast = _fast_head(data)
    if fast is not None:
        headers, rest = fast
    else:
        head, rest = _split_head(data)
        headers = {}
        for line in head:
            match = _HEADER_LINE.match(line)
            if match is not None:
                headers.setdefault(
                    match.group(1).decode("ascii").lower(), utf8_or_cp1252(match.group(2)).strip()
                )
    if "content-type" not in headers and "content-transfer-encoding" not in headers:  # the usual list mail:
        body = rest.decode("utf-8", "surrogateescape") if text_input else utf8_or_cp1252(rest)  # text/plain
        return MailMessage(headers, clean_body(body))  # in the archive's own encoding (as _decode_bytes)
    content_type = headers.get("content-type", "text/plain").lower()
    encoding = headers.get("content-transfer-encoding", "").strip().lower()
    if content_type.startswith("text/plain") and encoding in _SIMPLE_CTE:
        found = _CHARSET.search(content_type)
        body = _decode_bytes(rest, found.group(1) if found else None, text_input)
        return MailMessage(headers, clean_body(body))
    if text_input:
        message = email.message_from_string(
            data.decode("utf-8", "surrogateescape"), policy=email.policy.compat32
        )
    else:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
    return MailMessage(headers, body_text(message, text_input))


def _decode_bytes(raw: bytes, charset: str | None, text_input: bool) -> str:
    """A body's bytes as text: by its charset, or as the loader decoded the file (text input)."""
    if text_input:
        return raw.decode("utf-8", "surrogateescape")
    if charset and charset.lower() not in ("us-ascii", "ascii"):
        try:
            return raw.decode(charset, errors="replace")
        except (LookupError, ValueError):  # ValueError: UnicodeError (charset=idna), a NUL in the name
            pass  # an unknown charset name, or a codec that is no charset: fall back to the loader's rule
    return utf8_or_cp1252(raw)


def raw_header(message: MailMessage, name: str) -> str | None:
    """A header's raw value, unfolded; None if absent."""
    return message.headers.get(name.lower())


def header(message: MailMessage, name: str) -> str:
    """A header as text, RFC 2047 encoded words decoded; "" if absent."""
    value = raw_header(message, name)
    return "" if value is None else _decoded(name, value)


def _decoded(name: str, value: str) -> str:
    """A header's raw value as text, RFC 2047 encoded words decoded."""
    if "=?" not in value:
        return value.strip()  # nothing encoded: the standard library's parser would only cost time
    try:
        return str(email.policy.default.header_fetch_parse(name, value)).strip()
    except (LookupError, email.errors.MessageError, ValueError, IndexError, TypeError, AttributeError):
        try:
            return str(email.header.make_header(email.header.decode_header(value))).strip()
        except (ValueError, LookupError, email.errors.MessageError):  # CharsetError: =?é?q?x?=
            return value.strip()


def sender(message: MailMessage) -> tuple[str, str]:
    """The From header decoded, and the name to show for it (display name, else address, else the header)."""
    value = raw_header(message, "From")
    return ("", "") if value is None else _sender_of(value)


def _sender_of(value: str) -> tuple[str, str]:
    """sender() of a From value: remembered when it is of a usual length, since a list's people write again and
    again (and an encoded name costs the standard library's header parser); a long one is not kept alive."""
    return _remembered_sender(value) if len(value) <= _REMEMBERED_LENGTH else _sender_of_value(value)


def _sender_of_value(value: str) -> tuple[str, str]:
    """sender() of a From value."""
    if "=?" not in value:
        match = _SIMPLE_ADDRESS.match(value)
        if match is not None:  # `Name <a@b>`, `"Name" <a@b>` or `a@b`: the common cases, without the parser
            name = match.group(1) if match.group(1) is not None else " ".join((match.group(2) or "").split())
            return value.strip(), name or match.group(3) or match.group(4)
        name, address = email.utils.parseaddr(value)
        return value.strip(), name or address or value.strip()
    try:
        parsed = email.policy.default.header_fetch_parse("From", value)
        addresses = parsed.addresses
        shown = str(parsed).strip()
        if addresses:
            return shown, addresses[0].display_name or addresses[0].addr_spec or shown
        return shown, shown
    # AttributeError: the standard library's header parser trips on some broken addresses (a str for a token)
    except (LookupError, email.errors.MessageError, ValueError, IndexError, TypeError, AttributeError):
        shown = _decoded("From", value)
        name, address = email.utils.parseaddr(shown)
        return shown, name or address or shown


_REMEMBERED_LENGTH = 200  # From values up to this length are remembered (4,096 of them at most)
_remembered_sender = functools.lru_cache(maxsize=4096)(_sender_of_value)


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
        except (LookupError, ValueError):  # ValueError: UnicodeError (charset=idna), a NUL in the name
            pass  # an unknown charset name, or a codec that is no charset: fall back to the loader's rule
    return utf8_or_cp1252(payload)


def body_text(message: Message, text_input: bool = False) -> str:
    """The readable body: every inline text part in order (text/plain, text/x-diff, ...; an HTML part as text
    when it is the only text), and one line `[attachment: NAME (TYPE)]` for each part not shown, so nothing is
    dropped without a word."""
    texts: list[str] = []
    html_part = None
    skipped: list[str] = []
    for part in message.walk():
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        inline = part.get_content_disposition() != "attachment"
        if kind == "text/html" and inline:
            html_part = html_part or part
            continue
        if part.get_content_maintype() == "text" and (inline or kind != "text/plain" or not texts):
            texts.append(clean_body(_decode_part(part, text_input)))
        else:
            skipped.append(f"[attachment: {part.get_filename() or 'unnamed'} ({kind})]")
    if not texts and html_part is not None:
        texts.append(html_to_text(_decode_part(html_part, text_input)))
    return "\n\n".join(t for t in (*texts, "\n".join(skipped)) if t)


def clean_body(text: str) -> str:
    """Line ends normalised and empty lines at both ends dropped; every other character kept as written."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.strip("\n")  # (an empty line at an end is a newline there)


def _first_id(value: str | None) -> str | None:
    """The first Message-ID in a header (without finding the others); None if there is none."""
    found = _MSGID.search(value) if value else None
    return found.group() if found is not None else None


@functools.lru_cache(maxsize=4096)
def _days_since_1970(year: str, month_name: str, day: str) -> int | None:
    """A Date's day as written; None when there is no such day (31 April, year 0, no such month: the standard
    library's parser decides). Remembered: an archive's messages fall on far fewer days than there are."""
    month = _MONTHS.get(month_name.lower())
    if month is None:
        return None
    try:
        return date_of(int(year), month, int(day)).toordinal() - _EPOCH_DAY
    except ValueError:
        return None


def _timestamp(date: str) -> float | None:
    """A Date header as unix seconds: the usual RFC 5322 form by one regex, anything else by the standard
    library's parser; None when neither can read it."""
    match = _DATE.match(date)
    if match is not None:
        day, name, year, hour, minute, second, sign, zone_h, zone_m = match.groups()
        days = _days_since_1970(year, name, day)
        h, m, s = int(hour), int(minute), int(second or 0)
        if days is not None and h < 24 and m < 60 and s < 60:
            offset = int(zone_h) * 3600 + int(zone_m) * 60
            return float(days * 86400 + h * 3600 + m * 60 + s - (offset if sign == "+" else -offset))
    try:
        return email.utils.parsedate_to_datetime(date).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def record_of(n: int, message: MailMessage, taken: dict[str, str]) -> MailRecord:
    """Message number `n` (from 1) as a MailRecord: a Comment with id "mN" and the ids its headers name. A
    Message-ID already in `taken` (a second copy; `taken` maps each to its message's comment id) is renamed so
    that both copies are kept, and the record says which message it copies."""
    headers = message.headers  # (raw_header, sender, header and ids inlined: many look-ups a message)
    from_value = headers.get("from")
    shown_from, author = _sender_of(from_value) if from_value is not None else ("", "")
    date = (headers.get("date") or "").strip()
    when = _timestamp(date) if date else None
    found = _first_id(headers.get("message-id"))
    message_id = found if found is not None else f"<no-id-{n}@thread-explorer>"
    copy_of = taken.get(message_id)
    if copy_of is not None:
        message_id = f"<duplicate-{n}-{message_id[1:-1]}>"  # a second copy: kept, as its own message
    taken[message_id] = f"m{n}"
    subject = headers.get("subject")
    meta = {
        "subject": _decoded("Subject", subject) if subject is not None else "", "message_id": message_id,
        "from": shown_from, "date": date, "markup": MARKUP,
    }  # fmt: skip
    comment = Comment(id=f"m{n}", text=message.body, author=author or None, time=when, meta=meta)
    references = headers.get("references")
    return MailRecord(
        comment=comment,
        message_id=message_id,
        references=_MSGID.findall(references) if references else [],
        in_reply_to=_first_id(headers.get("in-reply-to")),
        order=n,
        copy_of=copy_of,
    )
