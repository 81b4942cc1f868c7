"""Mastodon threads from its REST API: a status's context (`/api/v1/statuses/:id/context`: `ancestors` and
`descendants`), a status itself (`/api/v1/statuses/:id`), or both given together (a JSON list or JSON Lines of
the status and its context, in either order), or a list of statuses.

Mapping: each status a Comment (id; author `account.acct`, the display name in meta; HTML `content` as text, a
content warning (`spoiler_text`) first and media as `[media: DESCRIPTION (URL)]` lines; `created_at`; score its
`favourites_count`, with reblogs and replies counted in meta). Statuses hang by `in_reply_to_id`; a context
without its own status leaves its direct replies naming a status the file lacks, so they hang under a
placeholder for it (give the status with its context to fill it in).
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError, prefixed
from ..model import Comment, Thread
from .base import Format, ReadOptions
from .building import Pending, as_int, as_text, has_keys, html_with_images, json_values, link, parse_time

NAME = "mastodon"
_META = ("url", "uri", "visibility", "language", "replies_count", "reblogs_count", "edited_at", "sensitive")


def sniff(head: str) -> bool:
    """A context (`ancestors` and `descendants`) or statuses (`in_reply_to_id`, `account` and `content`)."""
    return has_keys(head, "ancestors", "descendants") or has_keys(
        head, "in_reply_to_id", "account", "content"
    )


def is_context(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("ancestors"), list) and "descendants" in value


def _text(status: dict[str, Any]) -> str:
    lines = []
    warning = status.get("spoiler_text")
    if isinstance(warning, str) and warning.strip():
        lines.append(f"[CW: {' '.join(warning.split())}]")
    body = html_with_images(status.get("content") if isinstance(status.get("content"), str) else "")
    if body:
        lines.append(body)
    media = status.get("media_attachments")
    for item in media if isinstance(media, list) else []:
        if isinstance(item, dict):
            what = " ".join(str(item.get("description") or item.get("type") or "media").split())
            where = item.get("url") or item.get("remote_url") or ""
            lines.append(f"[media: {what} ({where})]" if where else f"[media: {what}]")
    return "\n".join(lines)


def _status(status: Any, where: str) -> Pending:
    if (
        not isinstance(status, dict)
        or as_text(status.get("id")) is None
        or not isinstance(status.get("account"), dict)
        or "content" not in status
    ):
        raise InputError(f"{where}: not a Mastodon status (an object with an id, an account and content)")
    ident = str(as_text(status.get("id")))
    given = status.get("account")
    account: dict[str, Any] = given if isinstance(given, dict) else {}
    meta: dict[str, Any] = {k: status[k] for k in _META if status.get(k) not in (None, "", False)}
    if isinstance(account.get("display_name"), str) and account["display_name"]:
        meta["display_name"] = account["display_name"]
    comment = Comment(
        id=ident, text=_text(status), author=as_text(account.get("acct") or account.get("username")),
        time=parse_time(status.get("created_at")), score=as_int(status.get("favourites_count")), meta=meta,
    )  # fmt: skip
    parent = as_text(status.get("in_reply_to_id"))
    return Pending(comment, ident, parent, "top level: in_reply_to_id is null (the thread's first status)")


def read(text: str, options: ReadOptions) -> Thread:
    """A context, a status, or both, as one thread."""
    source = options.source
    values = json_values(text, source)
    found: list[tuple[Any, str]] = []
    for value, where in values:
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            found.append(
                (item, prefixed(source, where or (f"item {i}" if isinstance(value, list) else "input")))
            )
    items: list[Pending] = []
    contexts = 0
    for value, where in found:
        if is_context(value):
            contexts += 1
            descendants = value.get("descendants")
            if not isinstance(descendants, list):
                raise InputError(f"{where}: the context's descendants is not a list")
            items.extend(_status(s, f"{where} ancestor {i}") for i, s in enumerate(value["ancestors"]))
            items.extend(_status(s, f"{where} descendant {i}") for i, s in enumerate(descendants))
        else:
            items.append(_status(value, where))
    thread = Thread(source=source, format=NAME)
    thread.comments = link(items, field="in_reply_to_id", noun="status", notes=thread.notes)
    if contexts and contexts == len(found) and any(c.placeholder for c in thread.comments):
        thread.notes.append(
            "a context leaves out its own status: give the status and its context together "
            "(a JSON list [status, context]) to fill in the placeholder"
        )
    if thread.comments and not thread.comments[0].placeholder:
        thread.meta["title"] = " ".join(thread.comments[0].text.split("\n", 1)[0].split())[:120]
    return thread


FORMAT = Format(
    NAME,
    "Mastodon statuses and contexts (/api/v1/statuses/:id and /context): HTML content as text",
    sniff,
    read,
)
