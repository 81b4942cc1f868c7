"""Reddit threads as the API returns them: `https://www.reddit.com/r/SUB/comments/ID/.json`.

Shape: a JSON list of two Listings, the post (`t3`) and the comment forest (`t1` things whose `replies` is a
nested Listing, or "" when there are none), with `more` stubs standing for comments Reddit did not send. A single
Listing of comments (flat or nested) is accepted too, and so is the `/api/morechildren` response
(`{"json": {"data": {"things": [...]}}}`; errors it reports are an error); then `parent_id` decides where each
comment hangs and a parent that is not in the file gets a placeholder. A listing that names several posts (a
user's comments, a subreddit page: several `t3`, or comments of several `link_id`s) is a list of threads, one per
post, the post as its article when the listing holds it, else the comments' `link_title`.

Mapping: the post's title and selftext become the article; each `t1` a Comment (id without the `t1_` prefix,
author, body kept as the Markdown it is with `meta["markup"] = "markdown"`, `created_utc` as time, score); each `more` stub a Comment with kind "more" (a placeholder: it is
not a comment anyone wrote) whose text says how many replies were not loaded. "[deleted]"/"[removed]" authors
and bodies are kept as they are. Reddit's JSON escapes `&`, `<` and `>` in text as HTML entities (unless fetched
with `raw_json=1`); entities are decoded once, at read time, in bodies, the post's title, text and url and the
thread's meta, so everything downstream (app, Markdown, stats) shows the text as written and never decodes again.
Linear: parents are chosen first and loops found in one pass; repeated ids get `~2`, `~3` by a counter.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from ..collection import ListCollection
from ..errors import InputError
from ..jsonio import loads, number_or_none
from ..model import Article, Attach, Comment, Kind, Thread, make_placeholder
from .base import Format, Opened

NAME = "reddit"

_LISTING = re.compile(r'"kind"\s*:\s*"Listing"')
_THING = re.compile(r'"kind"\s*:\s*"(?:t1|t3|more)"')
_MORECHILDREN = re.compile(r'\s*\{\s*"json"\s*:\s*\{')
_META_KEYS = (
    "permalink",
    "edited",
    "distinguished",
    "stickied",
    "is_submitter",
    "score_hidden",
    "controversiality",
    "link_id",
)
_META_SET = frozenset(_META_KEYS)
_NOT_META = (None, False, "", 0)  # values of those keys not worth keeping (unset, false, empty, zero)


def sniff(head: str) -> bool:
    """A JSON Listing (or a list of them) holding Reddit things (`t1`, `t3`, `more`), or the `/api/morechildren`
    response (`{"json": {"data": {"things": [...]}}}`)."""
    start = head.lstrip()[:1]
    if start not in ("[", "{") or not _THING.search(head):
        return False
    return bool(_LISTING.search(head[:2048]) or _MORECHILDREN.match(head))


def _text(value: Any) -> str:
    """A Reddit text field as plain text (entities decoded, None as empty)."""
    return html.unescape(value) if isinstance(value, str) else ""


def _s(value: Any) -> str | None:
    """A name or id as a string (numbers accepted), None for anything else or an empty string."""
    if type(value) is str:  # the usual case, first
        return value or None
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


def _comment(kind: str, data: dict[str, Any], unique: _Names, fullname: str = "") -> Comment:
    """One `t1` thing or `more` stub as a Comment (parent links are made later); `fullname`: the t1's own, as
    the listing walk found it."""
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
            unique(base),
            text,
            kind=Kind.MORE,
            explanation="",
            meta={"count": count, "children": children},
        )
        return comment
    base = _s(data.get("id")) or _bare(_s(data.get("name")) or "") or "comment"
    if not fullname or fullname.startswith("t1_#"):  # (numbered for want of a name, or so named)
        fullname = _fullname(data, "t1")
    meta: dict[str, Any] = {"name": fullname or f"t1_{base}", "markup": "markdown"}
    if not _META_SET.isdisjoint(
        data
    ):  # most things carry few of them: one set test instead of eight look-ups
        for key in _META_KEYS:
            value = data.get(key)
            if value not in _NOT_META:
                meta[key] = value
    created = number_or_none(data.get("created_utc", data.get("created")))
    score = number_or_none(data.get("score"))
    return Comment(
        id=unique(base),
        text=_text(data.get("body")),
        author=author if isinstance(author := data.get("author"), str) else None,
        time=created,
        score=int(score) if score is not None else None,
        meta=meta,
    )


class _Names:
    """Unique comment ids: `base`, then `base~2`, `base~3`... (Reddit repeats the id `_` of "continue" stubs);
    a counter per base keeps it linear however many copies there are."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.next: dict[str, int] = {}

    def __call__(self, base: str) -> str:
        if base not in self.taken:  # the usual case: a new id
            self.taken.add(base)
            return base
        candidate, n = base, self.next.get(base, 1)
        if candidate in self.taken:
            n = max(n, 2)
            while f"{base}~{n}" in self.taken:
                n += 1
            candidate = f"{base}~{n}"
        self.next[base] = n
        self.taken.add(candidate)
        return candidate


def _unwrap(data: Any, name: str) -> Any:
    """The `/api/morechildren` response as the Listing of its things; errors it reports are an InputError."""
    if not (isinstance(data, dict) and isinstance(data.get("json"), dict)):
        return data
    inner = data["json"]
    errors = inner.get("errors")
    if errors:
        raise InputError(f"{name}: the Reddit response reports errors: {json.dumps(errors)[:200]}")
    things = inner["data"].get("things") if isinstance(inner.get("data"), dict) else None
    if not isinstance(things, list):
        raise InputError(f"{name}: a Reddit /api/morechildren response without a things list")
    return {"kind": "Listing", "data": {"children": things}}


Record = tuple[str, dict[str, Any], str | None, str]  # kind, data, fullname nested in (None at the top), own


def read(text: str, *, source: str = "", markers: str = "auto") -> Opened:
    """A Reddit thread (or comment Listing) as a Thread; a listing of comments from several threads (a user's
    comments) as a list of threads, one per `link_id`; wrongly shaped JSON raises InputError."""
    name = source or "input"
    data = _unwrap(loads(text, source), name)  # broken JSON: "SOURCE: not valid JSON: line L column C: ..."
    listings = data if isinstance(data, list) else [data]
    notes: list[str] = []
    ignored: dict[str, int] = {}  # things of kinds this reader does not read, by kind
    posts: dict[str, dict[str, Any]] = {}  # fullname -> the post, in file order
    seen: dict[str, None] = {}  # posts and link_ids in the order the file first names them
    records: list[Record] = []
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
                post_name = _fullname(body, "t3") or f"t3_#{len(posts) + 1}"
                if post_name in posts:
                    ignored["a second copy of a post"] = ignored.get("a second copy of a post", 0) + 1
                posts.setdefault(post_name, body)
                seen.setdefault(post_name)
                continue
            if kind not in ("t1", "more"):
                what = f"a Reddit thing of kind {str(kind)[:40]!r}"
                ignored[what] = ignored.get(what, 0) + 1
                continue
            fullname = _fullname(body, "t1") or f"t1_#{len(records) + 1}" if kind == "t1" else ""
            records.append((kind, body, nested_in, fullname))
            if kind == "t1":
                link = _s(body.get("link_id"))
                if link is not None and nested_in is None:
                    seen.setdefault(link)
                replies = body.get("replies")
                if replies:  # "" (Reddit's "no replies") and None have no children: no message to build
                    children = _listing_children(replies, f"{name}: replies of {fullname}")
                    stack.extend((child, fullname) for child in reversed(children))
    notes += [
        f"{what} was ignored" + (f" ({count:,} times)" if count > 1 else "")
        for what, count in ignored.items()
    ]
    if len(seen) > 1:  # several posts, or comments of several posts (a user's listing): a list of threads
        return _by_link(records, posts, list(seen), source, notes)
    thread = _thread_of(records, next(iter(posts.values()), None), source)
    thread.notes[:0] = notes
    return thread


def _thread_of(records: list[Record], post: dict[str, Any] | None, source: str) -> Thread:
    """One thread: the post as the article (when there is one) and the comments hung by their parents."""
    thread = Thread(source=source, format=NAME)
    if post is not None:
        title, selftext = _text(post.get("title")).strip(), _text(post.get("selftext")).strip()
        thread.article = Article(
            text="\n".join(p for p in (title, selftext or _text(post.get("url"))) if p),
            reason="the post's title and text (Reddit t3 item)",
        )
        thread.meta.update(
            {k: _text(post[k]) if isinstance(post[k], str) else post[k] for k in _POST_KEYS if k in post}
        )
    _attach(thread, records, post)
    return thread


_POST_KEYS = (
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


def _by_link(
    records: list[Record], posts: dict[str, dict[str, Any]], keys: list[str], source: str, notes: list[str]
) -> ListCollection:
    """A listing of several posts, or of comments from several posts (a user's comments): one thread per post
    (`link_id`), in the order the listing first names each, the post as its article when the listing holds it
    (else the comments' `link_title`); "more" stubs go with the comment they stand below."""
    groups: dict[str, list[Record]] = {key: [] for key in keys}
    link_of_name: dict[str, str] = {}
    for record in records:
        kind, data, nested_in, fullname = record
        link = _s(data.get("link_id")) if kind == "t1" else None
        if link is None:
            parent = nested_in or _s(data.get("parent_id")) or ""
            link = link_of_name.get(parent) or (parent if parent.startswith("t3_") else "unknown")
        link_of_name[fullname] = link
        groups.setdefault(link, []).append(record)
    threads = []
    for link, group in groups.items():
        thread = _thread_of(group, posts.get(link), source)
        first = next((data for kind, data, _, _ in group if kind == "t1"), {})
        thread.meta.update({"id": _bare(link), "name": link})
        for ours, theirs in (("title", "link_title"), ("url", "link_permalink"), ("subreddit", "subreddit")):
            if ours not in thread.meta and isinstance(first.get(theirs), str):
                thread.meta[ours] = _text(first[theirs])
        if thread.article is None and isinstance(first.get("link_title"), str):
            thread.article = Article(
                text=_text(first["link_title"]).strip(),
                reason="the title of the post these comments belong to (link_title; the post is not in the file)",
            )
        threads.append(thread)
    what = "a Reddit listing of posts" if posts else "a Reddit comment listing (comments of several posts)"
    collection = ListCollection(source, what, threads, noun="thread")
    if notes and threads:
        threads[0].notes[:0] = notes
    return collection


def _attach(thread: Thread, records: list[Record], post: dict[str, Any] | None) -> None:
    """Hang every comment under its parent: the listing it is nested in, else its parent_id, else a placeholder.
    Parents are chosen first and loops found afterwards in one pass (each comment walked once)."""
    unique = _Names()
    comments = [_comment(kind, data, unique, fullname) for kind, data, _, fullname in records]
    index_of: dict[str, int] = {}
    for n, (kind, _, _, fullname) in enumerate(records):
        if kind == "t1":
            index_of.setdefault(fullname, n)
    parent_names = [nested_in or _s(data.get("parent_id")) for _, data, nested_in, _ in records]
    parents = [index_of.get(name) if name else None for name in parent_names]
    looping = _loop_breakers(parents)
    post_name = _fullname(post, "t3") if post else None
    missing: dict[str, Comment] = {}
    for n, ((kind, _, nested_in, _), comment) in enumerate(zip(records, comments, strict=True)):
        parent_name, parent_at = parent_names[n], parents[n]
        what = "stub for replies" if kind == "more" else "reply"
        if parent_at is not None and n not in looping:
            parent = comments[parent_at]
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
        elif parent_at is not None:
            thread.comments.append(comment)
            comment.explanation = f"parent_id {parent_name} would make a loop; kept at the top level"
        else:
            holder = missing.get(parent_name)
            if holder is None:
                holder = make_placeholder(
                    unique(f"missing-{_bare(parent_name)}"),
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


def _loop_breakers(parents: list[int | None]) -> set[int]:
    """The comments whose parent link would close a loop: in each loop, the one latest in the file (the link
    that closed it when read in order). Each comment is walked once."""
    state = [0] * len(parents)  # 0 unseen, 1 on the current path, 2 done
    breakers: set[int] = set()
    for start in range(len(parents)):
        path = []
        node: int | None = start
        while node is not None and state[node] == 0:
            state[node] = 1
            path.append(node)
            node = parents[node]
        if node is not None and state[node] == 1:
            breakers.add(max(path[path.index(node) :]))
        for visited in path:
            state[visited] = 2
    return breakers


FORMAT = Format(
    NAME,
    "a Reddit thread's .json from the API (post and comment Listings; more stubs kept)",
    sniff,
    lambda text, options: read(text, source=options.source, markers=options.markers),
)
