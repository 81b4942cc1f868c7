"""Deep reply chains in every input format: comment i replies to comment i-1, N deep (built without recursion,
so any depth can be written)."""

from __future__ import annotations

from thread_explorer.core.export import export_thread
from thread_explorer.core.jsonio import dumps
from thread_explorer.core.model import Comment, Thread

START = 1_700_000_000


def words(i: int) -> str:
    return f"Comment number {i} says something about item {i} of the chain"


def chain_thread(n: int) -> Thread:
    """A thread that is one chain of n comments (each the only reply to the one before)."""
    root = Comment(id="c0", text=words(0), author="user0")
    node = root
    for i in range(1, n):
        child = Comment(id=f"c{i}", text=words(i), author=f"user{i}")
        node.add_reply(child)
        node = child
    return Thread(source="chain", comments=[root])


def flat_text(n: int) -> bytes:
    return export_thread(chain_thread(n), "text").encode()


def native(n: int) -> bytes:
    return export_thread(chain_thread(n), "json").encode()


def generic_json(n: int) -> bytes:
    items = [
        {"id": str(i), "parent": str(i - 1) if i else None, "author": f"u{i}", "text": words(i)}
        for i in range(n)
    ]
    return dumps(items).encode()


def reddit(n: int) -> bytes:
    post = {"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {
        "id": "p", "name": "t3_p", "title": "A deep chain", "selftext": "", "author": "op", "created_utc": START}}]}}  # fmt: skip
    replies: object = ""
    for i in reversed(range(n)):
        parent = f"t1_c{i - 1}" if i else "t3_p"
        data = {"id": f"c{i}", "name": f"t1_c{i}", "parent_id": parent, "author": f"u{i}", "body": words(i),
                "created_utc": START + i, "score": 1, "replies": replies}  # fmt: skip
        replies = {"kind": "Listing", "data": {"children": [{"kind": "t1", "data": data}]}}
    return dumps([post, replies]).encode()


def hn_items(n: int) -> bytes:
    items: list[dict[str, object]] = [
        {"id": 1, "type": "story", "by": "op", "title": "A deep chain", "time": START, "kids": [2]}
    ]
    for i in range(2, n + 2):
        item = {
            "id": i,
            "type": "comment",
            "by": f"u{i}",
            "parent": i - 1,
            "text": words(i),
            "time": START + i,
        }
        if i < n + 1:
            item["kids"] = [i + 1]
        items.append(item)
    return dumps(items).encode()


def hn_algolia(n: int) -> bytes:
    node: dict[str, object] = {}
    children: list[object] = []
    for i in reversed(range(2, n + 2)):
        node = {"id": i, "type": "comment", "author": f"u{i}", "text": words(i), "parent_id": i - 1,
                "created_at_i": START + i, "children": children}  # fmt: skip
        children = [node]
    story = {"id": 1, "type": "story", "author": "op", "title": "A deep chain", "created_at_i": START,
             "children": children}  # fmt: skip
    return dumps(story).encode()


def mbox(n: int) -> bytes:
    out = []
    for i in range(n):
        reply = f"In-Reply-To: <m{i - 1}@example.org>\nReferences: <m{i - 1}@example.org>\n" if i else ""
        out.append(
            f"From u{i}@example.org Mon Jan  1 00:00:00 2024\nFrom: User {i} <u{i}@example.org>\n"
            f"Subject: Re: a deep chain\nDate: Mon, 1 Jan 2024 00:{i // 60 % 60:02d}:{i % 60:02d} +0000\n"
            f"Message-ID: <m{i}@example.org>\n{reply}\n{words(i)}\n\n"
        )
    return "".join(out).encode()


FORMATS = {
    "flat text": flat_text,
    "native JSON": native,
    "generic JSON": generic_json,
    "Reddit": reddit,
    "Hacker News items": hn_items,
    "Hacker News Algolia": hn_algolia,
    "mbox": mbox,
}


def hn_duplicate_ids(n: int) -> bytes:
    """n comments that all carry the same id (a broken dump)."""
    items: list[dict[str, object]] = [
        {"id": 1, "type": "story", "by": "op", "title": "t", "time": START, "kids": [2]}
    ]
    items += [{"id": 2, "type": "comment", "by": f"u{i}", "parent": 1, "text": words(i)} for i in range(n)]
    return dumps(items).encode()


def hn_wide(n: int) -> bytes:
    """A story with n direct replies, each listed in its kids."""
    items: list[dict[str, object]] = [
        {"id": 1, "type": "story", "by": "op", "title": "t", "time": START, "kids": list(range(2, n + 2))}
    ]
    items += [
        {"id": i, "type": "comment", "by": f"u{i}", "parent": 1, "text": words(i)} for i in range(2, n + 2)
    ]
    return dumps(items).encode()


def reddit_flat_listing(n: int) -> bytes:
    """A chain given as one flat Listing (as a morechildren response holds it): parents found by parent_id."""
    post = {"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {
        "id": "p", "name": "t3_p", "title": "t", "selftext": "", "author": "op"}}]}}  # fmt: skip
    things = [
        {
            "kind": "t1",
            "data": {
                "id": f"c{i}",
                "name": f"t1_c{i}",
                "parent_id": f"t1_c{i - 1}" if i else "t3_p",
                "author": f"u{i}",
                "body": words(i),
                "replies": "",
            },
        }
        for i in range(n)
    ]
    return dumps([post, {"kind": "Listing", "data": {"children": things}}]).encode()
