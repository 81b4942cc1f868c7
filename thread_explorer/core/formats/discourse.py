"""Discourse forum topics from its JSON API: `/t/ID.json` (a topic with `post_stream.posts`), `/t/ID/posts.json`,
`/posts.json` (`latest_posts` of many topics) and a bare list of posts.

Mapping: post 1 is the topic's opening post, so it becomes the article (the topic title, then its text); every
other post a Comment (id its `post_number`; author `username`, the full `name` in meta; `cooked` HTML as text;
`created_at`; score its likes, from `actions_summary` id 2). A post hangs under the post its
`reply_to_post_number` names; none (or 1, the opening post) is the top level, as Discourse shows it; a named post
the file lacks gets a placeholder. Ids the topic's `post_stream.stream` lists but the response does not include
(Discourse sends 20 posts at a time) become one "not loaded" stub. Posts of several topics open as a list of
topics.
"""

from __future__ import annotations

from typing import Any

from ..collection import Collection
from ..errors import InputError, prefixed
from ..model import Article, Comment, Kind, Thread, make_placeholder
from .base import Format, ReadOptions
from .building import (
    Pending,
    as_int,
    as_text,
    has_keys,
    html_with_images,
    json_values,
    link,
    one_or_many,
    parse_time,
)

NAME = "discourse"
LIKE = 2  # the actions_summary id of a like
_META = ("id", "name", "post_type", "action_code", "deleted_at", "hidden", "wiki", "reads", "user_title")


def sniff(head: str) -> bool:
    """Discourse JSON: a `post_stream`, `latest_posts`, or posts with `post_number` and `cooked`."""
    return (
        has_keys(head, "post_stream")
        or has_keys(head, "latest_posts")
        or has_keys(head, "post_number", "cooked")
    )


def _likes(post: dict[str, Any]) -> int | None:
    actions = post.get("actions_summary")
    for action in actions if isinstance(actions, list) else []:
        if isinstance(action, dict) and action.get("id") == LIKE:
            return as_int(action.get("count"))
    return None


def _text(post: dict[str, Any]) -> str:
    text = html_with_images(post.get("cooked") if isinstance(post.get("cooked"), str) else "")
    if not text and isinstance(post.get("action_code"), str):
        return f"[{post['action_code']}]"  # a small action post: "closed.enabled", "pinned.enabled", ...
    return text


def _posts(data: Any, source: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The posts of a response and its topic fields (title, id, stream) when it is one topic."""
    if isinstance(data, list):
        return data, {}
    if not isinstance(data, dict):
        raise InputError(prefixed(source, f"not a Discourse response, found {type(data).__name__}"))
    if isinstance(data.get("latest_posts"), list):
        return data["latest_posts"], {}
    stream = data.get("post_stream")
    if not isinstance(stream, dict) or not isinstance(stream.get("posts"), list):
        raise InputError(prefixed(source, "a Discourse response without post_stream.posts or latest_posts"))
    return stream["posts"], {**data, "stream": stream.get("stream")}


def read(text: str, options: ReadOptions) -> Thread | Collection:
    """One topic, or the topics of a list of posts."""
    source = options.source
    values = json_values(text, source)
    if len(values) != 1:
        raise InputError(prefixed(source, "Discourse responses are one JSON document, not JSON Lines"))
    posts, topic = _posts(values[0][0], source)
    groups: dict[str, list[dict[str, Any]]] = {}
    for number, post in enumerate(posts):
        if not isinstance(post, dict) or as_int(post.get("post_number")) is None:
            raise InputError(prefixed(source, f"post {number} is not a Discourse post (no post_number)"))
        key = as_text(post.get("topic_id")) or as_text(topic.get("id")) or "?"
        groups.setdefault(key, []).append(post)
    if not groups:
        return Thread(source=source, format=NAME, notes=["the response holds no posts"])
    threads = [
        topic_thread(key, group, topic, f"{source}#{i}" if len(groups) > 1 else source)
        for i, (key, group) in enumerate(groups.items())
    ]
    return one_or_many(threads, source, f"Discourse posts of {len(threads)} topics", "topic")


def topic_thread(key: str, posts: list[dict[str, Any]], topic: dict[str, Any], source: str) -> Thread:
    """One topic's posts as a thread (see the module docstring)."""
    posts = sorted(posts, key=lambda p: as_int(p.get("post_number")) or 0)
    title = topic.get("title") or posts[0].get("topic_title") or ""
    thread = Thread(source=source, format=NAME, meta={"id": key})
    if isinstance(title, str) and title:
        thread.meta["title"] = " ".join(title.split())
    if isinstance(topic.get("slug") or posts[0].get("topic_slug"), str):
        thread.meta["slug"] = topic.get("slug") or posts[0].get("topic_slug")
    items: list[Pending] = []
    opening: dict[str, Any] | None = None
    for post in posts:
        number = str(as_int(post.get("post_number")))
        if number == "1" and opening is None:
            opening = post
            continue
        meta = {k: post[k] for k in _META if post.get(k) not in (None, False, "")}
        comment = Comment(
            id=number, text=_text(post), author=as_text(post.get("username")),
            time=parse_time(post.get("created_at")), score=_likes(post), meta=meta,
        )  # fmt: skip
        parent = as_text(post.get("reply_to_post_number"))
        if parent in (None, "1"):
            why = "top level: a reply to the topic" + (
                " (reply_to_post_number 1, the opening post)" if parent else ""
            )
            items.append(Pending(comment, number, None, why))
        else:
            items.append(Pending(comment, number, parent))
    if opening is not None:
        heading = thread.meta.get("title", "")
        body = _text(opening)
        thread.article = Article(
            text="\n".join(p for p in (heading, body) if p),
            reason="the topic's title and opening post (post 1)",
        )
        thread.meta.update({"author": opening.get("username"), "created_at": opening.get("created_at")})
    else:
        thread.notes.append("the topic's opening post (post 1) is not in the file: no article")
    thread.comments = link(items, field="reply_to_post_number", noun="post", notes=thread.notes)
    stream = topic.get("stream")
    if isinstance(stream, list):
        shown = {as_text(p.get("id")) for p in posts}
        missing = [as_text(i) for i in stream if as_text(i) not in shown]
        if missing:
            stub = make_placeholder(
                "more-posts",
                f"{len(missing)} more post{'s' if len(missing) != 1 else ''} not loaded",
                kind=Kind.MORE,
                explanation="post_stream.stream lists these post ids, the response does not include them "
                "(Discourse sends 20 posts at a time: /t/ID/posts.json?post_ids[]=... has the rest)",
                meta={"count": len(missing), "post_ids": missing},
            )
            thread.comments.append(stub)
    return thread


FORMAT = Format(
    NAME,
    "Discourse topics (/t/ID.json, /t/ID/posts.json) and post lists (/posts.json): cooked HTML as text",
    sniff,
    read,
)
