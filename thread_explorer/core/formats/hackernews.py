"""Hacker News threads, as the official API returns items or as Algolia's nested item tree.

Official form (`https://hacker-news.firebaseio.com/v0/item/ID.json`, one object per item, collected in a JSON
list, story first or anywhere): `id`, `by`, `parent`, `kids`, `text` (HTML), `time`, `type`, `score`, `title`,
`url`, `deleted`, `dead`. Replies are ordered as their parent's `kids` lists them (that is HN's ranking); items
the parent does not list follow in file order.
Algolia form (`https://hn.algolia.com/api/v1/items/ID`): nested `children`, `author`, `created_at_i`, `text`,
`points`, `parent_id`, `story_id`; children keep the order of the file.

The story (or job/poll) becomes the article: title, url, text. HTML becomes readable text (html_text). Deleted
items read "[deleted]", dead ones "[dead] " and their text if the file has it; both keep their replies. A reply
whose parent is not in the file hangs under a placeholder for that parent (Algolia: unless the parent is the
story the tree belongs to, which makes it top-level).
"""

from __future__ import annotations

import re
from typing import Any

from thread_explorer.core.errors import InputError
from thread_explorer.core.formats.base import Format
from thread_explorer.core.html_text import html_to_text
from thread_explorer.core.jsonio import loads, number_or_none
from thread_explorer.core.model import Article, Attach, Comment, Thread, make_placeholder

NAME = "hackernews"

_TYPE = re.compile(r'"type"\s*:\s*"(?:story|comment|job|poll|pollopt)"')
_OFFICIAL = re.compile(r'"(?:by|kids)"\s*:')
_TIME = re.compile(r'"time"\s*:\s*\d')
_ALGOLIA = re.compile(r'"created_at_i"\s*:\s*\d')
_ALGOLIA_TREE = re.compile(r'"(?:children|story_id)"\s*:')
_STORY_TYPES = frozenset({"story", "job", "poll"})


def _key(value: Any) -> str | None:
    """An item id as a string (HN ids are numbers; a string is accepted), None for anything else."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return None
    return str(value)


def _clean(item: dict[str, Any]) -> dict[str, Any]:
    """An item with every field the reader uses in its expected type (wrong types dropped; no id gives "")."""
    clean: dict[str, Any] = {"id": _key(item.get("id")) or ""}
    for key in ("by", "text", "type", "title", "url"):
        clean[key] = item[key] if isinstance(item.get(key), str) else None
    for key in ("parent", "poll", "story_id"):
        clean[key] = _key(item.get(key))
    for key in ("time", "score", "descendants"):
        value = item.get(key)
        clean[key] = value if number_or_none(value) is not None else None
    kids = item.get("kids")
    clean["kids"] = [k for k in map(_key, kids) if k is not None] if isinstance(kids, list) else []
    clean["deleted"], clean["dead"] = item.get("deleted") is True, item.get("dead") is True
    return clean


def sniff(head: str) -> bool:
    """HN items: a `type` of story/comment/... with `by`/`kids`/`parent` and `time`, or Algolia's tree keys."""
    if head.lstrip()[:1] not in ("[", "{"):
        return False
    if _ALGOLIA.search(head) and _ALGOLIA_TREE.search(head):
        return True
    return bool(_TYPE.search(head) and _OFFICIAL.search(head) and _TIME.search(head))


def _from_algolia(roots: list[Any], name: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Algolia trees flattened to official-style items, plus each item's parent as the nesting says."""
    items: list[dict[str, Any]] = []
    nested: dict[str, str] = {}
    stack: list[tuple[Any, str | None]] = [(root, None) for root in reversed(roots)]
    while stack:
        node, parent = stack.pop()
        if not isinstance(node, dict) or "id" not in node:
            raise InputError(f"{name}: an Algolia item without an id")
        children = node.get("children") or []
        if not isinstance(children, list):
            raise InputError(f"{name}: item {node['id']}: children is not a list")
        item = _clean(
            {
                "id": node.get("id"),
                "by": node.get("author"),
                "text": node.get("text"),
                "time": node.get("created_at_i"),
                "type": node.get("type"),
                "title": node.get("title"),
                "url": node.get("url"),
                "score": node.get("points"),
                "parent": node.get("parent_id"),
                "story_id": node.get("story_id"),
            }
        )
        item["id"] = item["id"] or f"item-{len(items) + 1}"
        item["kids"] = [
            k for k in (_key(c.get("id")) for c in children if isinstance(c, dict)) if k is not None
        ]
        if item["type"] == "comment" and node.get("author") is None and node.get("text") is None:
            item["deleted"] = True
        items.append(item)
        if parent is not None:
            nested[item["id"]] = parent
        stack.extend((child, item["id"]) for child in reversed(children))
    return items, nested


def _body(item: dict[str, Any]) -> str:
    """The readable text of a comment, with the deleted/dead state shown."""
    text = html_to_text(item["text"])
    if item["deleted"]:
        return "[deleted]"
    if item["dead"]:
        return f"[dead] {text}" if text else "[dead]"
    return text


def _comment(item: dict[str, Any]) -> Comment:
    """An item as a Comment (not yet attached)."""
    meta: dict[str, Any] = {key: True for key in ("deleted", "dead") if item[key]}
    if item["type"] not in (None, "comment"):
        meta["type"] = item["type"]
    text = _body(item)
    if item["type"] in _STORY_TYPES and item["title"]:
        text = "\n".join(p for p in (item["title"], item["url"] or "", text) if p)
    return Comment(
        id=item["id"],
        text=text,
        author=item["by"],
        time=float(item["time"]) if item["time"] is not None else None,
        score=int(item["score"]) if item["score"] is not None else None,
        meta=meta,
    )


def read(text: str, *, source: str = "", markers: str = "auto") -> Thread:
    """HN items (list, single item or Algolia tree) as a Thread; wrongly shaped JSON raises InputError."""
    name = source or "input"
    data = loads(text, source)  # broken JSON: "SOURCE: not valid JSON: line L column C: ..."
    roots = data if isinstance(data, list) else [data]
    if not all(isinstance(item, dict) and "id" in item for item in roots):
        raise InputError(f"{name}: expected Hacker News items (objects with an id)")
    algolia = any("children" in item or "created_at_i" in item for item in roots)
    items, nested = _from_algolia(roots, name) if algolia else ([_clean(item) for item in roots], {})
    return _build(items, nested, source=source, algolia=algolia)


def _build(items: list[dict[str, Any]], nested: dict[str, str], *, source: str, algolia: bool) -> Thread:
    """Order replies by their parent's kids, hang them, and make placeholders for parents not in the file."""
    thread = Thread(source=source, format=NAME)
    by_id: dict[str, dict[str, Any]] = {}
    for n, item in enumerate(items, 1):  # an item without an id, or a second copy of one, is kept too
        key = item["id"] or f"item-{n}"
        while key in by_id:
            key += "~2"
        item["id"] = key
        by_id[key] = item
    story = next((i for i in by_id.values() if i.get("type") in _STORY_TYPES), None)
    story_id = story["id"] if story else None
    if story is not None:
        parts = [story["title"] or "", story["url"] or "", html_to_text(story["text"])]
        thread.article = Article(
            text="\n".join(p for p in parts if p),
            reason=f"the {story['type']}'s title, link and text (HN item {story_id})",
        )
        thread.meta.update(
            {
                k: story[k]
                for k in ("title", "url", "by", "score", "time", "descendants")
                if story[k] is not None
            }
        )
        thread.meta["id"] = story_id
    comments = {key: _comment(item) for key, item in by_id.items() if key != story_id}
    order = {key: n for n, key in enumerate(by_id)}

    def parent_of(key: str) -> str | None:
        item = by_id[key]
        return nested.get(key) or item["parent"] or item["poll"]

    def rank(key: str) -> tuple[int, int]:
        parent = by_id.get(parent_of(key) or "")
        kids = parent["kids"] if parent else []
        return (kids.index(key), 0) if key in kids else (len(kids), order[key])

    children: dict[str | None, list[str]] = {}
    for key in comments:
        parent = parent_of(key)
        if parent == story_id or parent is None or (algolia and parent == by_id[key]["story_id"]):
            parent = None
        children.setdefault(parent, []).append(key)
    for keys in children.values():
        keys.sort(key=rank)
    unlisted = len(
        (story or {}).get("kids") or []
    )  # tops the story does not list, and placeholders, go after
    tops: list[tuple[tuple[int, int], Comment]] = []
    hang_from: list[str] = []
    for key in children.get(None, []):
        parent = parent_of(key)
        comments[key].explanation = f"top-level: its parent {parent} is the story" if parent else "top-level"
        tops.append((rank(key), comments[key]))
        hang_from.append(key)
    for parent, keys in children.items():
        if parent is None or parent in comments:
            continue
        holder = make_placeholder(
            f"missing-{parent}",
            f"item {parent} (not in the file)",
            explanation=f"not in the file: item {parent}, which replies name",
        )
        tops.append(((unlisted, min(order[k] for k in keys)), holder))
        for key in keys:
            holder.add_reply(comments[key])
            comments[key].attached_by = Attach.PLACEHOLDER
            comments[key].explanation = f"parent {parent} is not in the file; kept under a placeholder"
            hang_from.append(key)
    tops.sort(key=lambda pair: pair[0])
    thread.comments.extend(top for _, top in tops)
    placed: set[str] = set()
    _hang(hang_from, children, comments, placed)
    for key, comment in comments.items():  # items whose parent chain loops never reach a top: keep them
        if key not in placed:
            comment.explanation = f"its parent chain loops (parent {parent_of(key)}); kept at the top level"
            thread.comments.append(comment)
            _hang([key], children, comments, placed)
    return thread


def _hang(
    start: list[str], children: dict[str | None, list[str]], comments: dict[str, Comment], placed: set[str]
) -> None:
    """Attach the replies below each start item, depth-first and without recursion."""
    stack = list(start)
    placed.update(start)
    while stack:
        key = stack.pop()
        parent = comments[key]
        for child_key in children.get(key, []):
            if child_key in placed:
                continue
            child = comments[child_key]
            parent.add_reply(child)
            child.attached_by = Attach.ID
            who = parent.author or ("a deleted item" if parent.meta.get("deleted") else "unknown")
            child.explanation = f"a reply: its parent is item {key} (by {who})"
            placed.add(child_key)
            stack.append(child_key)


FORMAT = Format(
    NAME,
    "Hacker News API items (a list) or Algolia's nested item tree",
    sniff,
    lambda text, options: read(text, source=options.source, markers=options.markers),
)
