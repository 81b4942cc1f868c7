"""Hacker News threads in every form people keep them: Firebase API items, Algolia's item tree, HNPWA /
node-hnapi items, and an Algolia search response.

- Firebase (`https://hacker-news.firebaseio.com/v0/item/ID.json`): one object per item (`id`, `by`, `parent`,
  `kids`, HTML `text`, `time`, `type`, `score`, `title`, `url`, `deleted`, `dead`, `descendants`, `poll`), as a
  JSON list, a single item or JSON Lines. Replies are ordered as their parent's `kids` list them (HN's ranking);
  items the parent does not list follow in file order. Kids that are not in the file are comments not loaded:
  one stub (kind "more", like Reddit's "more") under their parent says how many; a story whose `descendants`
  are not in the file at all gets one such stub for all of them. A file of several stories (jobs and polls
  too) is a list of threads, each story with its own comments; comments whose story is not in the file form one
  more thread. A poll's options (`pollopt`) hang under it.
- Algolia (`https://hn.algolia.com/api/v1/items/ID`): nested `children`, `author`, `created_at_i`, `text`,
  `points`, `parent_id`, `story_id`; children keep the order of the file.
- HNPWA (`https://api.hnpwa.com/v0/item/ID.json`, node-hnapi): nested `comments`, `user`, HTML `content`,
  `time`, `points`, `level`, `deleted`, `dead`; the story has `title`, `url`, `commentscount`.
- An Algolia search response (`{"hits": [...]}`) is a list of threads, one per hit: a story hit's title, link
  and text as its article and its `num_comments` as not loaded; a comment hit as that comment under a
  placeholder for its parent.

The story (or job/poll) becomes the article: title, url, text. HTML becomes readable text (html_text). Deleted
items read "[deleted]", dead ones "[dead]" once, before their text if the file has it; both keep their replies. A
reply whose parent is not in the file hangs under a placeholder for that parent (Algolia: unless the parent is
the story the tree belongs to, which makes it top-level). Every step is linear: duplicate ids are renamed with
a counter, kids positions are looked up in a dict, trees are walked with explicit stacks.
"""

from __future__ import annotations

import re
from typing import Any

from ..collection import ListCollection
from ..errors import InputError
from ..html_text import html_to_text
from ..jsonio import document_or_lines, loads, number_or_none
from ..model import Article, Attach, Comment, Kind, Thread, make_placeholder
from .base import Format, Opened

NAME = "hackernews"

_TYPE = re.compile(r'"type"\s*:\s*"(?:story|comment|job|poll|pollopt)"')
_OFFICIAL = re.compile(r'"(?:by|kids)"\s*:')
_TIME = re.compile(r'"time"\s*:\s*\d')
_ALGOLIA = re.compile(r'"created_at_i"\s*:\s*\d')
_ALGOLIA_TREE = re.compile(r'"(?:children|story_id)"\s*:')
_ALGOLIA_HITS = re.compile(r'^\s*\{\s*"hits"\s*:\s*\[')
_HNPWA = re.compile(r'"(?:commentscount|timeago)"\s*:')
_HNPWA_TREE = re.compile(r'"(?:comments|content)"\s*:')
_DELETED_ITEM = re.compile(r'"deleted"\s*:\s*true')
_STORY_TYPES = frozenset({"story", "job", "poll", "link", "ask", "show"})


def _key(value: Any) -> str | None:
    """An item id as a string (HN ids are numbers; a string is accepted), None for anything else."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return None
    return str(value)


def _clean(item: dict[str, Any]) -> dict[str, Any]:
    """An item with every field the reader uses in its expected type (wrong types dropped; no id gives "")."""
    get = item.get
    clean: dict[str, Any] = {"id": _key(get("id")) or ""}
    for key in ("by", "text", "type", "title", "url"):
        value = get(key)
        clean[key] = value if type(value) is str else None
    for key in ("parent", "poll", "story_id"):
        value = get(key)
        clean[key] = str(value) if type(value) is int else value if type(value) is str else _key(value)
    for key in ("time", "score", "descendants"):
        value = get(key)
        clean[key] = value if number_or_none(value) is not None else None  # not a 400-digit time
    kids = get("kids")
    if isinstance(kids, list):
        clean["kids"] = (
            [str(k) for k in kids]
            if all(type(k) is int for k in kids)
            else [k for k in map(_key, kids) if k is not None]
        )
    else:
        clean["kids"] = []
    clean["deleted"], clean["dead"] = get("deleted") is True, get("dead") is True
    return clean


def sniff(head: str) -> bool:
    """HN items: Firebase fields (`type` with `by`/`kids` and `time`), Algolia's tree or search keys, or HNPWA's."""
    if head.lstrip()[:1] not in ("[", "{"):
        return False
    if _ALGOLIA.search(head) and (_ALGOLIA_TREE.search(head) or _ALGOLIA_HITS.match(head)):
        return True
    if _HNPWA.search(head) and _HNPWA_TREE.search(head):
        return True
    if _TYPE.search(head) and _TIME.search(head):
        return bool(_OFFICIAL.search(head) or _DELETED_ITEM.search(head))
    return False


# ------------------------------------------------------------------------------------------- nested forms
def _flatten(
    roots: list[Any], name: str, *, children_key: str, fields: dict[str, str]
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Nested trees (Algolia `children`, HNPWA `comments`) flattened to Firebase-style items, plus each item's
    parent as the nesting says. `fields` maps Firebase names to the form's own."""
    items: list[dict[str, Any]] = []
    nested: dict[str, str] = {}
    stack: list[tuple[Any, str | None]] = [(root, None) for root in reversed(roots)]
    while stack:
        node, parent = stack.pop()
        if not isinstance(node, dict) or "id" not in node:
            raise InputError(f"{name}: a Hacker News item without an id")
        children = node.get(children_key) or []
        if not isinstance(children, list):
            raise InputError(f"{name}: item {node['id']}: {children_key} is not a list")
        raw = {ours: node.get(theirs) for ours, theirs in fields.items()}
        raw["deleted"], raw["dead"] = node.get("deleted"), node.get("dead")
        item = _clean(raw)
        item["id"] = item["id"] or f"item-{len(items) + 1}"
        if item["type"] == "link":
            item["type"] = "story"
        if parent is None and item["type"] is None and (item["title"] or "commentscount" in node):
            item["type"] = "story"
        item["kids"] = [k for k in (_key(c.get("id")) for c in children if isinstance(c, dict)) if k]
        empty = node.get(fields["by"]) is None and node.get(fields["text"]) in (None, "")
        if children_key == "children" and item["type"] == "comment" and empty:
            item["deleted"] = True  # Algolia keeps deleted comments as empty nodes
        if item["type"] is None and parent is not None:
            item["type"] = "comment"
        items.append(item)
        if parent is not None:
            nested[item["id"]] = parent
        stack.extend((child, item["id"]) for child in reversed(children))
    return items, nested


ALGOLIA_FIELDS = {
    "id": "id", "by": "author", "text": "text", "time": "created_at_i", "type": "type", "title": "title",
    "url": "url", "score": "points", "parent": "parent_id", "story_id": "story_id",
}  # fmt: skip
HNPWA_FIELDS = {
    "id": "id", "by": "user", "text": "content", "time": "time", "type": "type", "title": "title",
    "url": "url", "score": "points", "descendants": "commentscount",
}  # fmt: skip


# ------------------------------------------------------------------------------------------- reading
def read(text: str, *, source: str = "", markers: str = "auto") -> Opened:
    """HN items as a Thread, or a list of threads for a file of several stories or a search response;
    wrongly shaped JSON raises InputError."""
    name = source or "input"
    data = document_or_lines(text, source) if "\n" in text.strip() else loads(text, source)
    if isinstance(data, dict) and isinstance(data.get("hits"), list):
        return _search_hits(data, source)
    roots = data if isinstance(data, list) else [data]
    if not all(isinstance(item, dict) and "id" in item for item in roots):
        raise InputError(f"{name}: expected Hacker News items (objects with an id)")
    if any(isinstance(item.get("comments"), list) or "content" in item for item in roots):
        items, nested = _flatten(roots, name, children_key="comments", fields=HNPWA_FIELDS)
        return _one_or_many(items, nested, source=source, algolia=True)
    if any("children" in item or "created_at_i" in item for item in roots):
        items, nested = _flatten(roots, name, children_key="children", fields=ALGOLIA_FIELDS)
        return _one_or_many(items, nested, source=source, algolia=True)
    return _one_or_many([_clean(item) for item in roots], {}, source=source, algolia=False)


def _search_hits(data: dict[str, Any], source: str) -> ListCollection:
    """An Algolia search response: one thread per hit (see the module docstring)."""
    threads = []
    for number, hit in enumerate(data["hits"]):
        if not isinstance(hit, dict):
            raise InputError(f"{source or 'input'}: hit {number} of the search response is not an object")
        tags: list[Any] = hit["_tags"] if isinstance(hit.get("_tags"), list) else []
        ident = _key(hit.get("objectID")) or f"hit-{number}"
        if "comment" in tags or hit.get("comment_text"):
            item = _clean(
                {"id": ident, "by": hit.get("author"), "text": hit.get("comment_text"), "type": "comment",
                 "time": hit.get("created_at_i"), "parent": hit.get("parent_id"), "score": hit.get("points")}
            )  # fmt: skip
            thread = _build([item], {}, source=source, algolia=False)
            thread.meta.update(
                {
                    "id": _key(hit.get("story_id")) or ident,
                    "title": hit.get("story_title") or f"comment {ident}",
                }
            )
        else:
            item = _clean(
                {"id": ident, "by": hit.get("author"), "text": hit.get("story_text"), "type": "story",
                 "title": hit.get("title"), "url": hit.get("url"), "time": hit.get("created_at_i"),
                 "score": hit.get("points"), "descendants": hit.get("num_comments")}
            )  # fmt: skip
            thread = _build([item], {}, source=source, algolia=False)
        threads.append(thread)
    query = data.get("query") if isinstance(data.get("query"), str) else ""
    what = f"Hacker News search results ({len(threads)} hits{f' for {query!r}' if query else ''})"
    return ListCollection(source, what, threads, noun="hit")


# ------------------------------------------------------------------------------------------- building
def _unique_ids(items: list[dict[str, Any]]) -> None:
    """Give items without an id one, and second copies of an id a `~2`, `~3`... suffix (a counter per id)."""
    seen: dict[str, int] = {}
    taken = {item["id"] for item in items if item["id"]}
    for n, item in enumerate(items, 1):
        key = item["id"] or f"item-{n}"
        if key in seen:
            count = seen[key]
            while f"{key}~{count}" in taken:
                count += 1
            seen[key] = count + 1
            item["duplicate_of"] = key
            key = f"{key}~{count}"
            taken.add(key)
        else:
            seen[key] = 2
        item["id"] = key


def _parent_of(item: dict[str, Any], nested: dict[str, str]) -> str | None:
    return nested.get(item["id"]) or item["parent"] or item["poll"]


def _one_or_many(
    items: list[dict[str, Any]], nested: dict[str, str], *, source: str, algolia: bool
) -> Opened:
    """One thread, or a list of threads when the items hold several stories (jobs and polls count)."""
    _unique_ids(items)
    stories = [item for item in items if item["type"] in _STORY_TYPES]
    if len(stories) <= 1:
        return _build(items, nested, source=source, algolia=algolia)
    by_id = {item["id"]: item for item in items}
    root_of: dict[str, str | None] = {}  # item -> the story it belongs to (None: no story in the file)
    for item in items:
        path = []
        node: dict[str, Any] | None = item
        while node is not None and node["id"] not in root_of:
            if node["type"] in _STORY_TYPES:
                root_of[node["id"]] = node["id"]
                break
            root_of[node["id"]] = None  # provisional: also stops a loop
            path.append(node["id"])
            parent = _parent_of(node, nested)
            node = by_id.get(parent) if parent is not None else None
        found = root_of.get(node["id"]) if node is not None else None
        for key in path:
            root_of[key] = found
    groups: dict[str | None, list[dict[str, Any]]] = {story["id"]: [] for story in stories}
    for item in items:
        groups.setdefault(root_of[item["id"]], []).append(item)
    threads = [_build(group, nested, source=source, algolia=algolia) for key, group in groups.items() if key]
    orphans = groups.get(None)
    if orphans:
        thread = _build(orphans, nested, source=source, algolia=algolia)
        thread.meta["title"] = "comments whose story is not in the file"
        threads.append(thread)
    what = f"Hacker News items of {len(stories)} stories"
    if orphans:  # one entry more than the stories: say what it is, and count entries as threads
        what += ", and comments whose story is not in the file"
    return ListCollection(source, what, threads, noun="thread" if orphans else "story")


def _body(item: dict[str, Any]) -> str:
    """The readable text of a comment, with the deleted/dead state shown once."""
    text = html_to_text(item["text"])
    if item["deleted"]:
        return "[deleted]"
    if item["dead"] and not text.startswith("[dead]"):
        return f"[dead] {text}" if text else "[dead]"
    return text


def _comment(item: dict[str, Any]) -> Comment:
    """An item as a Comment (not yet attached)."""
    meta: dict[str, Any] = {key: True for key in ("deleted", "dead") if item[key]}
    if item["type"] not in (None, "comment"):
        meta["type"] = item["type"]
    if "duplicate_of" in item:
        meta["duplicate_of"] = item["duplicate_of"]
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


def _not_loaded(parent_key: str, kids: list[str], count: int | None = None) -> Comment:
    """The stub for replies the file does not hold (kind "more")."""
    n = count if count is not None else len(kids)
    return make_placeholder(
        f"more-{parent_key}",
        f"{n} more {'reply' if n == 1 else 'replies'} not loaded",
        kind=Kind.MORE,
        explanation=f"item {parent_key} lists {n} {'reply' if n == 1 else 'replies'} that the file does not hold",
        meta={"count": n, "children": kids},
    )


def _build(items: list[dict[str, Any]], nested: dict[str, str], *, source: str, algolia: bool) -> Thread:
    """Order replies by their parent's kids, hang them, make placeholders for parents not in the file and stubs
    for kids not in the file. Items have unique ids (see _unique_ids)."""
    if any(not item["id"] for item in items) or len({i["id"] for i in items}) != len(items):
        _unique_ids(items)
    thread = Thread(source=source, format=NAME)
    by_id = {item["id"]: item for item in items}
    story = next((i for i in items if i.get("type") in _STORY_TYPES), None)
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
    positions = {  # the first place a kid is listed counts (items without kids need none)
        key: {kids[0]: 0} if len(kids) == 1 else {kid: n for n, kid in reversed(list(enumerate(kids)))}
        for key, item in by_id.items()
        if (kids := item["kids"])
    }

    def rank(key: str) -> tuple[int, int]:
        parent = _parent_of(by_id[key], nested) or ""
        places = positions.get(parent, {})
        return (places[key], 0) if key in places else (len(places), order[key])

    children: dict[str | None, list[str]] = {}
    for key in comments:
        parent = _parent_of(by_id[key], nested)
        if parent == story_id or parent is None or (algolia and parent == by_id[key]["story_id"]):
            parent = None
        children.setdefault(parent, []).append(key)
    for keys in children.values():
        if len(keys) > 1:  # (a chain's one reply needs no ranking)
            keys.sort(key=rank)
    unlisted = len(
        (story or {}).get("kids") or []
    )  # tops the story does not list, and placeholders, go after
    tops: list[tuple[tuple[int, int], Comment]] = []
    hang_from: list[str] = []
    for key in children.get(None, []):
        parent = _parent_of(by_id[key], nested)
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
    if story is not None:
        _story_not_loaded(thread, story, by_id, comments)
    placed: set[str] = set()
    _hang(hang_from, children, comments, placed, by_id)
    for key, comment in comments.items():  # items whose parent chain loops never reach a top: keep them
        if key not in placed:
            comment.explanation = (
                f"its parent chain loops (parent {_parent_of(by_id[key], nested)}); kept at the top level"
            )
            thread.comments.append(comment)
            _hang([key], children, comments, placed, by_id)
    return thread


def _story_not_loaded(
    thread: Thread, story: dict[str, Any], by_id: dict[str, dict[str, Any]], comments: dict[str, Comment]
) -> None:
    """The story's kids that the file does not hold, or its `descendants` when it lists no kids and the file
    holds none of its comments: one stub at the end of the top level."""
    missing = [kid for kid in story["kids"] if kid not in by_id]
    if missing:
        thread.comments.append(_not_loaded(story["id"], missing))
    elif not story["kids"] and not comments and story["descendants"]:
        thread.comments.append(_not_loaded(story["id"], [], int(story["descendants"])))
    descendants = story["descendants"]
    if descendants is not None and descendants > len(comments):
        thread.notes.append(
            f"the story counts {int(descendants):,} comments; the file holds {len(comments):,} "
            "(the rest are shown as not loaded where the file lists them)"
        )


def _hang(
    start: list[str],
    children: dict[str | None, list[str]],
    comments: dict[str, Comment],
    placed: set[str],
    by_id: dict[str, dict[str, Any]],
) -> None:
    """Attach the replies below each start item, depth-first and without recursion; kids not in the file
    become one stub after the item's replies."""
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
        missing = [kid for kid in by_id[key]["kids"] if kid not in by_id]
        if missing:
            stub = _not_loaded(key, missing)
            stub.attached_by = Attach.ID
            parent.add_reply(stub)


FORMAT = Format(
    NAME,
    "Hacker News: API items (a list or JSON Lines), Algolia's item tree or search hits, HNPWA items",
    sniff,
    lambda text, options: read(text, source=options.source, markers=options.markers),
)
