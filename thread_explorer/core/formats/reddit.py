"""Reddit threads as the API returns them: `https://www.reddit.com/r/SUB/comments/ID/.json`.

Shape: a JSON list of two Listings, the post (`t3`) and the comment forest (`t1` things whose `replies` is a
nested Listing, or "" when there are none), with `more` stubs standing for comments Reddit did not send. A single
Listing of comments (flat or nested, e.g. from `/api/morechildren`) is accepted too; then `parent_id` decides
where each comment hangs and a parent that is not in the file gets a placeholder.

Mapping: the post's title and selftext become the article; each `t1` a Comment (id without the `t1_` prefix,
author, body, `created_utc` as time, score); each `more` stub a Comment with kind "more" (a placeholder: it is
not a comment anyone wrote) whose text says how many replies were not loaded. "[deleted]"/"[removed]" authors
and bodies are kept as they are. Reddit's JSON escapes `&`, `<` and `>` in text as HTML entities (unless fetched
with `raw_json=1`); entities are decoded once, at read time, in bodies, the post's title, text and url and the
thread's meta, so everything downstream (app, Markdown, stats) shows the text as written and never decodes again.
"""

from __future__ import annotations

import html
import re
from typing import Any

from thread_explorer.core.errors import InputError
from thread_explorer.core.formats.base import Format
from thread_explorer.core.jsonio import loads, number_or_none
from thread_explorer.core.model import Article, Attach, Comment, Kind, Thread, make_placeholder

NAME = "reddit"

_LISTING = re.compile(r'"kind"\s*:\s*"Listing"')
_THING = re.compile(r'"kind"\s*:\s*"(?:t1|t3|more)"')
_META_KEYS = (
    "permalink",
    "edited",
    "distinguished",
    "stickied",
    "is_submitter",
    "score_hidden",
    "controversiality",
)


def sniff(head: str) -> bool:
    """A JSON Listing (or a list of them) holding Reddit things (`t1`, `t3`, `more`)."""
    start = head.lstrip()[:1]
    return start in ("[", "{") and bool(_LISTING.search(head[:2048])) and bool(_THING.search(head))


def _text(value: Any) -> str:
    """A Reddit text field as plain text (entities decoded, None as empty)."""
    return html.unescape(value) if isinstance(value, str) else ""


def _s(value: Any) -> str | None:
    """A name or id as a string (numbers accepted), None for anything else or an empty string."""
    if isinstance(value, bool) or not isinstance(value, (str, int)) or value == "":
        return None
    return str(value)


def _number(value: Any) -> float | None:
    """A JSON number (not a boolean), else None."""
    return number_or_none(value)


def _fullname(data: dict[str, Any], prefix: str) -> str:
    """`name` (t1_abc), else the prefix and the id; "" when the thing has neither."""
    name = _s(data.get("name"))
    if name:
        return name
    bare = _s(data.get("id"))
    return f"{prefix}_{bare}" if bare else ""


def _bare(fullname: Any) -> str:
    """`t1_abc` -> `abc`."""
    text = str(fullname)
    return text.split("_", 1)[1] if re.match(r"t\d_", text) else text


def _listing_children(listing: Any, where: str) -> list[Any]:
    """The `children` of a Listing, or an InputError saying what was found instead."""
    if listing == "" or listing is None:
        return []
    if not (
        isinstance(listing, dict)
        and listing.get("kind") == "Listing"
        and isinstance(listing.get("data"), dict)
    ):
        raise InputError(f"{where}: expected a Reddit Listing, found {type(listing).__name__}")
    children = listing["data"].get("children", [])
    if not isinstance(children, list):
        raise InputError(f"{where}: a Reddit Listing whose children are not a list")
    return children


def _comment(kind: str, data: dict[str, Any], seen: set[str]) -> Comment:
    """One `t1` thing or `more` stub as a Comment (parent links are made later)."""
    if kind == "more":
        count = int(_number(data.get("count")) or 0)
        listed = data.get("children")
        children = [c for c in map(_s, listed) if c] if isinstance(listed, list) else []
        if count or children:
            n = count or len(children)
            text = f"{n} more {'reply' if n == 1 else 'replies'} not loaded"
        else:
            text = "continue this thread (replies not loaded)"
        base = f"more-{_bare(_s(data.get('parent_id')) or '')}"
        comment = make_placeholder(
            _unique(base, seen),
            text,
            kind=Kind.MORE,
            explanation="",
            meta={"count": count, "children": children},
        )
        return comment
    base = _s(data.get("id")) or _bare(_s(data.get("name")) or "") or "comment"
    meta: dict[str, Any] = {"name": _fullname(data, "t1") or f"t1_{base}"}
    for key in _META_KEYS:
        if data.get(key) not in (None, False, "", 0):
            meta[key] = data[key]
    created = _number(data.get("created_utc", data.get("created")))
    score = _number(data.get("score"))
    return Comment(
        id=_unique(base, seen),
        text=_text(data.get("body")),
        author=data.get("author") if isinstance(data.get("author"), str) else None,
        time=created,
        score=int(score) if score is not None else None,
        meta=meta,
    )


def _unique(base: str, seen: set[str]) -> str:
    """`base`, or `base~2`, `base~3`... when it is taken (Reddit repeats the id `_` of "continue" stubs)."""
    candidate, n = base, 1
    while candidate in seen:
        n += 1
        candidate = f"{base}~{n}"
    seen.add(candidate)
    return candidate


def _is_descendant(node: Comment, ancestor: Comment) -> bool:
    """True when `ancestor` is `node` or above it (a parent_id loop would lose both)."""
    while node is not None:
        if node is ancestor:
            return True
        node = node.parent  # type: ignore[assignment]
    return False


def read(text: str, *, source: str = "", markers: str = "auto") -> Thread:
    """A Reddit thread (or comment Listing) as a Thread; wrongly shaped JSON raises InputError."""
    name = source or "input"
    data = loads(text, source)  # broken JSON: "SOURCE: not valid JSON: line L column C: ..."
    listings = data if isinstance(data, list) else [data]
    thread = Thread(source=source, format=NAME)
    post: dict[str, Any] | None = None
    # (kind, data, fullname of the comment it is nested in (None at a listing's top), its own fullname)
    records: list[tuple[str, dict[str, Any], str | None, str]] = []
    for number, listing in enumerate(listings, 1):
        stack: list[tuple[Any, str | None]] = [
            (child, None) for child in reversed(_listing_children(listing, f"{name}: listing {number}"))
        ]
        while stack:
            thing, nested_in = stack.pop()
            if not isinstance(thing, dict) or not isinstance(thing.get("data"), dict):
                raise InputError(f"{name}: a Reddit listing entry is not a {{kind, data}} object")
            kind, body = thing.get("kind"), thing["data"]
            if kind == "t3":
                if post is None:
                    post = body
                else:
                    thread.notes.append(f"another post in the file ({_fullname(body, 't3')}) was ignored")
                continue
            if kind not in ("t1", "more"):
                thread.notes.append(f"a Reddit thing of kind {kind!r} was ignored")
                continue
            records.append((kind, body, nested_in, ""))
            if kind == "t1":
                fullname = _fullname(body, "t1") or f"t1_#{len(records)}"
                records[-1] = (kind, body, nested_in, fullname)
                replies = _listing_children(body.get("replies"), f"{name}: replies of {fullname}")
                stack.extend((child, fullname) for child in reversed(replies))
    if post is not None:
        title, selftext = _text(post.get("title")).strip(), _text(post.get("selftext")).strip()
        thread.article = Article(
            text="\n".join(p for p in (title, selftext or _text(post.get("url"))) if p),
            reason="the post's title and text (Reddit t3 item)",
        )
        thread.meta.update(
            {
                k: _text(post[k]) if isinstance(post[k], str) else post[k]
                for k in (
                    "title",
                    "author",
                    "subreddit",
                    "permalink",
                    "url",
                    "score",
                    "created_utc",
                    "num_comments",
                    "name",
                )
                if k in post
            }
        )
    _attach(thread, records, post)
    return thread


def _attach(
    thread: Thread, records: list[tuple[str, dict[str, Any], str | None, str]], post: dict[str, Any] | None
) -> None:
    """Hang every comment under its parent: the listing it is nested in, else its parent_id, else a placeholder."""
    seen: set[str] = set()
    comments = [_comment(kind, data, seen) for kind, data, _, _ in records]
    by_name: dict[str, Comment] = {}
    for (kind, _, _, fullname), comment in zip(records, comments, strict=True):
        if kind == "t1":
            by_name.setdefault(fullname, comment)
    post_name = _fullname(post, "t3") if post else None
    missing: dict[str, Comment] = {}
    for (kind, data, nested_in, _), comment in zip(records, comments, strict=True):
        parent_name = nested_in or _s(data.get("parent_id"))
        parent = by_name.get(parent_name) if parent_name else None
        what = "stub for replies" if kind == "more" else "reply"
        if parent is not None and not _is_descendant(parent, comment):
            parent.add_reply(comment)
            comment.attached_by = Attach.ID
            how = "nested in the replies of" if nested_in else "parent_id names"
            comment.explanation = f"{what}: {how} {parent_name} (by {parent.author or 'unknown'})"
        elif parent_name is None or parent_name.startswith("t3_") or parent_name == post_name:
            thread.comments.append(comment)
            comment.explanation = (
                f"top-level: parent_id {parent_name} is the post"
                if parent_name
                else "top-level: no parent_id"
            )
        elif parent is not None:
            thread.comments.append(comment)
            comment.explanation = f"parent_id {parent_name} would make a loop; kept at the top level"
        else:
            holder = missing.get(parent_name)
            if holder is None:
                holder = make_placeholder(
                    _unique(f"missing-{_bare(parent_name)}", seen),
                    f"comment {parent_name} (not in the file)",
                    explanation=f"not in the file: the comment {parent_name} that replies name",
                )
                missing[parent_name] = holder
                thread.comments.append(holder)
            holder.add_reply(comment)
            comment.attached_by = Attach.PLACEHOLDER
            comment.explanation = (
                f"{what}: parent_id {parent_name} is not in the file; kept under a placeholder"
            )


FORMAT = Format(
    NAME,
    "a Reddit thread's .json from the API (post and comment Listings; more stubs kept)",
    sniff,
    lambda text, options: read(text, source=options.source, markers=options.markers),
)
