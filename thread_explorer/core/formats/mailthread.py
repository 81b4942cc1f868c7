"""Mail threading as careful mail readers do it (Jamie Zawinski's algorithm), linear in the archive.

Each message's chain of ancestors is its `References` with its `In-Reply-To` appended when that is not already
last, except that an In-Reply-To id that is not in the archive loses to References ids that are (Gmane rewrites
In-Reply-To ids as `<id-HASH@public.gmane.org>`; the References still name the real parent). Two kinds of id are
not used to join messages, each named in a note: an id without "@" (not a message id: `<yes>`, a known git
send-email mistake), and an id that is not in the archive and that chains starting from different thread roots
place under different parents (it would join unrelated threads).

Linking (JWZ steps 1B-1C): a message's parent is the last id of its own chain; a missing message's parent is the
id before it in the first chain that names it; a message with no chain of its own takes the place other chains
give it when that is a message of the archive. Loops are found afterwards in one pass (each container visited once) and cut at their earliest message,
so a 100,000-message In-Reply-To chain threads in linear time. Missing ids that directly parent a message become
placeholders; missing ids above them with no message of their own are dropped and their children promoted (JWZ
step 4). Subjects are never used to merge threads (step 5): on mailing lists "Re: Patch" joins unrelated threads.
Siblings keep archive order.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter

from ..model import Attach, Comment, Thread, make_placeholder

MAX_NOTES = 20  # notes naming unused ids, at most; the rest are counted in one more
_UNSET = 1 << 62  # the order of a container with no message at or below it
_ON_PATH, _DONE = 1, 2
RE_PREFIX = re.compile(r"^\s*((re|aw|sv|fwd?)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)


@dataclass(slots=True)
class MailRecord:
    """One message on its way into the tree: its comment, its Message-ID and the ids its headers name."""

    comment: Comment
    message_id: str
    references: list[str]
    in_reply_to: str | None
    order: int = 0  # archive position, from 1
    ignored: list[str] = field(default_factory=list)  # ids of its headers not used (see the module docstring)
    chain: list[str] = field(default_factory=list)
    copy_of: str | None = None  # a second copy of a message already in the archive: that message's comment id


class _Container:
    """A JWZ container: a message (or None for a missing one) and its place in the tree."""

    __slots__ = ("children", "mark", "message_id", "order", "parent", "record")

    def __init__(self, message_id: str) -> None:
        self.message_id = message_id
        self.record: MailRecord | None = None
        self.parent: _Container | None = None
        self.children: list[_Container] = []
        self.order = _UNSET  # the earliest message at or below it, once computed
        self.mark = 0  # while loops are looked for: _ON_PATH, then _DONE


def _chain(record: MailRecord, present: set[str]) -> list[str]:
    """References, then In-Reply-To when not last (unless it is absent and a References id is present)."""
    if not record.references:  # (In-Reply-To alone: the usual reply, without the general steps)
        reply_to = record.in_reply_to
        return [reply_to] if reply_to is not None and reply_to != record.message_id else []
    chain = list(record.references)
    reply_to = record.in_reply_to
    if reply_to is not None:
        if reply_to not in present and any(mid in present for mid in chain):
            record.ignored.append(reply_to)  # Gmane-style rewritten id: the References name the real parent
        elif not chain or chain[-1] != reply_to:
            chain = [mid for mid in chain if mid != reply_to] + [reply_to]
    seen: set[str] = {record.message_id}
    unique = []
    for mid in chain:
        if mid not in seen:
            seen.add(mid)
            unique.append(mid)
    return unique


_NO_AT = "is not a message id (no @; a known git send-email mistake)"


def _unreliable(records: list[MailRecord], present: set[str], no_at: dict[str, str]) -> dict[str, str]:
    """Ids not to join messages by, with the reason: no "@" (`no_at`, found while the chains were made), or
    absent and placed in unrelated threads (only chains of two ids or more can do that)."""
    reasons = no_at
    roots: dict[str, str] = {}
    for record in records:
        chain = [mid for mid in record.chain if mid not in reasons] if reasons else record.chain
        for position, mid in enumerate(chain):
            if position == 0 or mid in present or mid in reasons:
                continue
            first = roots.setdefault(mid, chain[0])
            if first != chain[0]:
                reasons[mid] = (
                    "is not in the archive and messages of unrelated threads name it "
                    f"(below {first} and below {chain[0]})"
                )
    return reasons


def thread_messages(records: list[MailRecord], source: str, fmt: str) -> Thread:
    """The records threaded into a Thread (see the module docstring); every message is in it exactly once."""
    table: dict[str, _Container] = {}  # every id: the archive's messages first, then the missing ones named
    own: list[_Container] = []  # each record's container
    for record in records:
        container = table.get(record.message_id)
        if container is None:
            container = table[record.message_id] = _Container(record.message_id)
        container.record = record
        own.append(container)
    present = set(table)  # the archive's ids (before any missing one is added)
    no_at: dict[str, str] = {}
    longer: list[MailRecord] = []  # records whose chain has two ids or more
    for record in records:
        if record.references:
            chain = record.chain = _chain(record, present)
            if len(chain) > 1:
                longer.append(record)
        else:  # (In-Reply-To alone, or nothing: the usual message, without the general steps)
            reply_to = record.in_reply_to
            chain = record.chain = (
                [reply_to] if reply_to is not None and reply_to != record.message_id else []
            )
        for mid in chain:
            if "@" not in mid and mid not in present:
                no_at.setdefault(mid, _NO_AT)
    reasons = _unreliable(longer, present, no_at)
    for record in records if reasons else ():
        record.ignored += [mid for mid in record.chain if mid in reasons]
        record.chain = [mid for mid in record.chain if mid not in reasons]
    for record, container in zip(records, own):
        chain = record.chain
        if len(chain) < 2:  # (the usual reply: one id, nothing to claim)
            if chain:
                node = table.get(chain[0])
                if node is None:
                    node = table[chain[0]] = _Container(chain[0])
                container.parent = node
            continue
        previous: _Container | None = None
        for mid in chain:  # 1B: link the references in order; the first claim on a container wins
            node = table.get(mid)
            if node is None:
                node = table[mid] = _Container(mid)
            if previous is not None and node.parent is None and _may_claim(node, previous):
                node.parent = previous
            previous = node
        container.parent = previous  # 1C: the message's own last reference decides
    _cut_loops(table)
    thread = Thread(source=source, format=fmt)
    thread.meta["messages"] = len(records)
    named = (
        Counter(mid for record in records if record.ignored for mid in set(record.ignored) if mid in reasons)
        if reasons
        else Counter()
    )
    copies = sum(1 for record in records if record.copy_of is not None)
    if copies:
        thread.notes.append(
            f"{copies:,} message(s) repeat a Message-ID the archive holds already (second copies): each is kept as "
            "a message of its own, and its explanation names the one it copies"
        )
    for mid, reason in list(reasons.items())[:MAX_NOTES]:
        thread.notes.append(f"{mid} {reason}: not used to join threads ({named[mid]} messages name it)")
    if len(reasons) > MAX_NOTES:
        thread.notes.append(f"{len(reasons) - MAX_NOTES:,} more ids like these were not used to join threads")
    roots = []
    for container in table.values():
        if container.parent is None:
            roots.append(container)
        else:
            container.parent.children.append(container)
    _set_orders(table)
    _build(roots, thread)
    return thread


def _may_claim(node: _Container, parent: _Container) -> bool:
    """Whether another message's chain may put `node` below `parent`: a missing message, always; a message of
    the archive only when its own headers name no parent and `parent` is a message of the archive too (a typo in
    someone's References must not push a real thread root below a missing one)."""
    if node.record is None:
        return True
    return not node.record.chain and parent.record is not None


def _cut_loops(table: dict[str, _Container]) -> None:
    """Cut every loop of parent links at its earliest message (each container is walked once)."""
    for start in table.values():
        if start.mark:
            continue
        above = start.parent
        if above is None or above.mark == _DONE:  # the usual case (archive order): its parent was walked, and
            start.mark = (
                _DONE  # a walked container's ancestors are all walked, so none of them leads back here
            )
            continue
        path: list[_Container] = []
        node: _Container | None = start
        while node is not None and not node.mark:
            node.mark = _ON_PATH
            path.append(node)
            node = node.parent
        if node is not None and node.mark == _ON_PATH:
            loop = path[path.index(node) :]
            with_message = [c for c in loop if c.record is not None]
            breaker = min(with_message or loop, key=lambda c: c.record.order if c.record else 0)
            breaker.parent = None
            if breaker.record is not None:
                breaker.record.comment.meta["loop"] = True
        for visited in path:
            visited.mark = _DONE


def _set_orders(table: dict[str, _Container]) -> None:
    """For every container, the archive position of the earliest message at or below it: from each message in
    archive order up its ancestors, stopping at one an earlier message reached (so each is set once, by the
    earliest message below it). The parent links form a forest by now (loops cut)."""
    firsts = [(c.record.order, c) for c in table.values() if c.record is not None]
    firsts.sort(key=itemgetter(0))  # (archive order already, as a rule: then one linear pass)
    for order, container in firsts:
        node: _Container | None = container
        while node is not None and node.order == _UNSET:
            node.order = order
            node = node.parent


def _real_children(children: list[_Container]) -> list[_Container]:
    """Children, with missing ones that hold no message directly replaced by their own children (JWZ step 4)."""
    if (
        len(children) == 1 and children[0].record is not None
    ):  # a chain's one reply: nothing to replace or sort
        return children
    result: list[_Container] = []
    stack = list(reversed(children))
    while stack:
        node = stack.pop()
        if node.record is None and not any(child.record is not None for child in node.children):
            stack.extend(reversed(node.children))
        elif node.record is not None or node.children:
            result.append(node)
    return sorted(result, key=lambda node: node.order)


def _build(roots: list[_Container], thread: Thread) -> None:
    """Turn the container forest into Comments: placeholders for missing direct parents, explanations."""
    stack: list[tuple[_Container, Comment | None]] = [(c, None) for c in reversed(_real_children(roots))]
    missing = 0
    while stack:
        node, parent = stack.pop()
        if node.record is None:
            missing += 1
            subject = next((c.record.comment.meta["subject"] for c in node.children if c.record), "")
            comment = make_placeholder(
                f"missing-{missing}",
                RE_PREFIX.sub("", subject) or node.message_id,
                explanation=f"not in the archive: the message {node.message_id} that replies name",
                meta={"message_id": node.message_id, "subject": RE_PREFIX.sub("", subject)},
            )
            if parent is not None:
                comment.attached_by = Attach.ID
                comment.explanation += f"; References put it below {parent.meta.get('message_id')}"
        else:
            comment = node.record.comment
            _explain(comment, node, parent, node.record)
            if node.record.copy_of is not None:
                comment.explanation += f"; a second copy of {node.record.copy_of} (the same Message-ID)"
        if parent is None:
            thread.comments.append(comment)
        else:
            parent.add_reply(comment)
        children = node.children
        if not children:
            continue
        if len(children) == 1 and children[0].record is not None:  # a chain's one reply: nothing to sort
            stack.append((children[0], comment))
        else:
            stack.extend((child, comment) for child in reversed(_real_children(children)))


def _explain(comment: Comment, node: _Container, parent: Comment | None, record: MailRecord) -> None:
    """Say why a message hangs where it does."""
    chain = record.chain
    unused = f" ({', '.join(record.ignored)} not used: see the notes)" if record.ignored else ""
    if parent is None:
        comment.attached_by = Attach.ROOT
        if comment.meta.pop("loop", False):
            comment.explanation = f"top-level: its references form a loop, cut here{unused}"
        elif chain:
            comment.explanation = f"top-level: none of the messages it references is in the archive ({', '.join(chain)}){unused}"
        elif record.ignored:
            comment.explanation = f"top-level: no usable In-Reply-To or References{unused}"
        elif RE_PREFIX.match(comment.meta.get("subject", "")):
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
        comment.explanation = (
            f"its parent {parent_id} is not in the archive; kept under a placeholder{unused}"
        )
        return
    comment.attached_by = Attach.ID
    if chain and chain[-1] == parent_id:
        comment.explanation = (
            f"In-Reply-To/References name {parent_id} (from {parent.author or 'unknown'}){unused}"
        )
    elif not chain:
        comment.explanation = (
            f"its own headers name no parent; other messages' References put it below {parent_id} "
            f"(from {parent.author or 'unknown'})"
        )
    else:
        comment.explanation = (
            f"{parent_id} (from {parent.author or 'unknown'}) is its nearest ancestor that "
            f"the threading could link without a loop{unused}"
        )
