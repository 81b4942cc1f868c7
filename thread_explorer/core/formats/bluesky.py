"""Bluesky threads from `app.bsky.feed.getPostThread`: `{"thread": threadViewPost}`, where a threadViewPost has
its `post`, its `parent` (a chain upwards, to the thread's top) and its `replies` (a tree downwards).

Mapping: each post a Comment (id the last part of its `uri`; author `author.handle`, the display name in meta;
`record.text`; `record.createdAt`, else `indexedAt`; score its `likeCount`; image alt texts and link cards as
`[image: ...]` / `[link: ...]` lines). `notFoundPost` and `blockedPost` entries, in the parent chain or among
replies, become visible placeholders that keep their place (and what hangs below them). A top post that replies
to a post above the fetched height gets a placeholder parent; replies Bluesky counts (`replyCount`) but did not
send (below the fetched depth) become a "not loaded" stub.
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError, prefixed
from ..model import Attach, Comment, Kind, Thread, make_placeholder
from .base import Format, ReadOptions
from .building import as_int, as_text, has_keys, json_values, parse_time

NAME = "bluesky"
VIEW, NOT_FOUND, BLOCKED = "threadViewPost", "notFoundPost", "blockedPost"


def sniff(head: str) -> bool:
    """A getPostThread response: a `thread` whose nodes are `app.bsky.feed.defs#...` (or have post/indexedAt)."""
    return has_keys(head, "thread") and ("app.bsky.feed.defs#" in head or has_keys(head, "post", "indexedAt"))


def kind_of(node: Any) -> str | None:
    """threadViewPost, notFoundPost or blockedPost (by `$type`, else by their keys); None for anything else."""
    if not isinstance(node, dict):
        return None
    declared = str(node.get("$type", "")).rsplit("#", 1)[-1]
    if declared == VIEW or (not declared and "post" in node):
        return VIEW if isinstance(node.get("post"), dict) else None
    if declared in (NOT_FOUND, BLOCKED):
        return declared
    if node.get("notFound") is True:
        return NOT_FOUND
    if node.get("blocked") is True:
        return BLOCKED
    return None


class _Ids:
    """Comment ids from at:// uris (their record key), unique within the thread."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def __call__(self, uri: Any, fallback: str) -> str:
        base = (as_text(uri) or "").rstrip("/").rsplit("/", 1)[-1] or fallback
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}~{n}"
        self.taken.add(candidate)
        return candidate


def _extras(embed: Any) -> list[str]:
    """Image alt texts and link cards of a post's embed, as lines."""
    if not isinstance(embed, dict):
        return []
    lines = []
    for image in embed.get("images") or []:
        if isinstance(image, dict):
            lines.append(f"[image: {' '.join(str(image.get('alt') or image.get('fullsize') or '').split())}]")
    external = embed.get("external")
    if isinstance(external, dict) and external.get("uri"):
        lines.append(f"[link: {' '.join(str(external.get('title') or '').split())} ({external['uri']})]")
    media = embed.get("media")
    if isinstance(media, dict):
        lines.extend(_extras(media))
    return lines


def _post(node: dict[str, Any], ids: _Ids, where: str) -> Comment:
    post = node["post"]
    record = post.get("record") if isinstance(post.get("record"), dict) else {}
    author = post.get("author") if isinstance(post.get("author"), dict) else {}
    text = record.get("text")
    if text is not None and not isinstance(text, str):
        raise InputError(f"{where}: a post whose record.text is not a string")
    meta: dict[str, Any] = {"uri": post.get("uri")}
    meta.update({k: post[k] for k in ("replyCount", "repostCount", "quoteCount") if post.get(k) is not None})
    if isinstance(author.get("displayName"), str) and author["displayName"]:
        meta["display_name"] = author["displayName"]
    return Comment(
        id=ids(post.get("uri"), "post"),
        text="\n".join([t for t in [text or ""] if t] + _extras(post.get("embed"))),
        author=as_text(author.get("handle")),
        time=parse_time(record.get("createdAt") or post.get("indexedAt")),
        score=as_int(post.get("likeCount")),
        meta=meta,
    )


def _stand_in(node: Any, kind: str | None, ids: _Ids, where: str) -> Comment:
    """The placeholder for a notFoundPost or blockedPost entry (anything else is an InputError)."""
    if kind is None:
        raise InputError(f"{where}: not a Bluesky thread entry (threadViewPost, notFoundPost, blockedPost)")
    uri = as_text(node.get("uri")) or "?"
    if kind == NOT_FOUND:
        return make_placeholder(
            ids(uri, "not-found"), f"[post not found: {uri}]",
            explanation="a notFoundPost: Bluesky has no such post any more (deleted)",
        )  # fmt: skip
    author = node.get("author") if isinstance(node.get("author"), dict) else {}
    return make_placeholder(
        ids(uri, "blocked"), f"[blocked post: {uri}]", author=as_text(author.get("did")),
        explanation="a blockedPost: Bluesky withholds this post (a block between its author and the viewer)",
    )  # fmt: skip


def _node(node: Any, ids: _Ids, where: str) -> tuple[Comment, bool]:
    """A thread entry as a Comment, and whether it is a real post (a threadViewPost)."""
    kind = kind_of(node)
    if kind == VIEW:
        return _post(node, ids, where), True
    return _stand_in(node, kind, ids, where), False


def _hang(parent: Comment, child: Comment, how: str) -> None:
    parent.add_reply(child)
    child.attached_by = Attach.PLACEHOLDER if parent.placeholder else Attach.ID
    where = f"{how} {parent.id} (by {parent.author or 'unknown'})" + (
        "; that post is a stand-in" if parent.placeholder else ""
    )
    child.explanation = f"{child.explanation}; kept where it sits: {where}" if child.placeholder else where


def _not_loaded(node: Any, comment: Comment, *, shown: int) -> None:
    """A "not loaded" stub under a post whose replyCount is more than the replies the response holds."""
    if kind_of(node) != VIEW:
        return
    missing = (as_int(node["post"].get("replyCount")) or 0) - shown
    if missing > 0:
        stub = make_placeholder(
            f"more-{comment.id}", f"{missing} more repl{'y' if missing == 1 else 'ies'} not loaded",
            kind=Kind.MORE, explanation="replyCount counts replies the response does not include (below the "
            "fetched depth, beside the parent chain, or hidden)", meta={"count": missing},
        )  # fmt: skip
        comment.add_reply(stub)


def read(text: str, options: ReadOptions) -> Thread:
    """A getPostThread response as one thread: the parent chain down to the post, then its reply tree."""
    source = options.source
    values = json_values(text, source)
    if len(values) != 1 or not isinstance(values[0][0], dict) or "thread" not in values[0][0]:
        raise InputError(prefixed(source, "not a Bluesky getPostThread response (an object with a thread)"))
    ids = _Ids()
    focus = values[0][0]["thread"]
    if not isinstance(focus, dict):
        raise InputError(prefixed(source, "the response's thread is not an object"))
    chain: list[Any] = []  # the focused post, then its parents upwards
    node: Any = focus
    while node is not None:
        chain.append(node)
        node = node.get("parent") if kind_of(node) == VIEW else None
    chain.reverse()
    thread = Thread(source=source, format=NAME)
    top, real = _node(chain[0], ids, prefixed(source, "thread (top parent)"))
    record = chain[0]["post"].get("record") if real else None
    reply = record.get("reply") if isinstance(record, dict) else None
    above = (
        reply.get("parent", {}).get("uri")
        if isinstance(reply, dict) and isinstance(reply.get("parent"), dict)
        else None
    )
    if above:
        holder = make_placeholder(
            ids(above, "parent"), f"[post {above}: not in the response]",
            explanation="the thread's top post replies to this post, which the response does not include "
            "(above the fetched parentHeight)",
        )  # fmt: skip
        thread.comments.append(holder)
        _hang(holder, top, "reply: record.reply.parent names")
    else:
        thread.comments.append(top)
        top.explanation = "top level: the top of the thread (no parent)"
    current, above_node = top, chain[0]
    for depth, node in enumerate(chain[1:], 1):
        comment, _ = _node(node, ids, prefixed(source, f"thread parent at height {len(chain) - 1 - depth}"))
        _hang(current, comment, "reply: the next post down the parent chain, below")
        _not_loaded(above_node, current, shown=1)  # a parent comes without its other replies
        current, above_node = comment, node
    if kind_of(focus) != VIEW:
        thread.notes.append(f"the requested post itself is a stand-in: {current.text}")
    stack: list[tuple[Any, Comment, str]] = [(focus, current, "thread")]
    while stack:
        node, comment, where = stack.pop()
        if kind_of(node) != VIEW:
            continue
        replies = node.get("replies")
        if replies is not None and not isinstance(replies, list):
            raise InputError(prefixed(source, f"{where}: replies is not a list"))
        children = []
        for i, child_node in enumerate(replies or []):
            child, _ = _node(child_node, ids, prefixed(source, f"{where} reply {i}"))
            _hang(comment, child, "reply: in the replies of")
            children.append((child_node, child, f"{where} reply {i}"))
        stack.extend(reversed(children))
        _not_loaded(node, comment, shown=len(replies or []))
    first = next((c for c in thread.walk() if not c.placeholder), None)
    if first is not None:
        thread.meta["title"] = " ".join(first.text.split("\n", 1)[0].split())[:120]
    return thread


FORMAT = Format(
    NAME,
    "a Bluesky thread (app.bsky.feed.getPostThread): parents, post, replies; missing and blocked posts shown",
    sniff,
    read,
)
