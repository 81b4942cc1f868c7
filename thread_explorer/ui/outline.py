"""The tree view's model: the thread flattened in preorder, and the visible rows as a sorted list of indices.

Pure Python (no Textual) so it can be tested and benchmarked alone. Everything a key needs is precomputed once
(depth, parent, subtree end, previous sibling), so moves are O(1) or O(depth) and folding splices only the rows
it hides or shows. Because rows are always in preorder, `rows` stays sorted and a node's row is a bisect away.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from typing import Any

from thread_explorer.core.model import Article, Comment, Kind, Thread

ARTICLE_KIND = Kind.ARTICLE


def article_entry(article: Article) -> Comment:
    """A stand-in comment for the article so that it can be the first row (kind "article", never exported)."""
    return article.entry()


def original_poster(thread: Thread) -> str | None:
    """Who started the thread, where the source says: the post's author (Reddit, Hacker News), or the author
    of the first message of a mail thread; None for a flat page (its article has no author), and for a mailbox
    of several threads, where each thread has its own (see Outline.op_at)."""
    for key in ("author", "by"):
        value = thread.meta.get(key)
        if isinstance(value, str) and value:
            return value
    if thread.format == "mbox" and len(thread.comments) == 1 and thread.comments[0].author:
        return thread.comments[0].author
    return None


SortKey = Callable[[Comment], Any]

# Sibling orders (`s` cycles them): a name, and a key (None: page order) with the field a source needs for it.
ORDERS: tuple[tuple[str, SortKey | None, str | None], ...] = (
    ("page order", None, None),
    ("score", lambda c: -(c.score or 0), "score"),
    ("time", lambda c: c.time if c.time is not None else float("inf"), "time"),
    ("most replies", lambda c: -c.descendant_count(), None),
)


def available_orders(thread: Thread) -> list[str]:
    """The sibling orders this thread has data for (score and time only where the source gives them)."""
    has = {"score": False, "time": False}
    for comment in thread.walk():
        has["score"] = has["score"] or comment.score is not None
        has["time"] = has["time"] or comment.time is not None
        if all(has.values()):
            break
    return [name for name, _, needs in ORDERS if needs is None or has[needs]]


class Outline:
    """Preorder arrays over a thread plus fold state, an optional filter mask and the visible rows; `order`
    names the sibling order (see ORDERS), page order by default."""

    def __init__(self, thread: Thread, order: str = "page order") -> None:
        key = next((k for name, k, _ in ORDERS if name == order), None)
        self.order = order
        nodes: list[Comment] = []
        depth: list[int] = []
        parent: list[int] = []
        if thread.article is not None and thread.article.text.strip():
            nodes.append(article_entry(thread.article))
            depth.append(0)
            parent.append(-1)
        roots = thread.comments if key is None else sorted(thread.comments, key=key)
        # Preorder with two parallel stacks (the nodes still to visit and their parents' indices), so that each
        # comment costs a few list operations and no tuple: this runs before the tree can be drawn.
        stack: list[Comment] = roots[::-1]
        ups: list[int] = [-1] * len(roots)
        pop, pop_up = stack.pop, ups.pop
        add_node, add_depth, add_parent = nodes.append, depth.append, parent.append
        while stack:
            node, up = pop(), pop_up()
            here = len(nodes)
            add_node(node)
            add_depth(depth[up] + 1 if up >= 0 else 0)
            add_parent(up)
            replies = node.replies
            if replies:
                if key is not None and len(replies) > 1:
                    replies = sorted(replies, key=key)
                stack.extend(reversed(replies))
                ups.extend([here] * len(replies))
        n = len(nodes)
        end = list(range(1, n + 1))
        for i in range(n - 1, 0, -1):
            up = parent[i]
            if up >= 0 and end[i] > end[up]:
                end[up] = end[i]
        prev_sibling = [-1] * n
        last_child = [-1] * (n + 1)  # by parent index + 1 (slot 0 for top level)
        for i, up in enumerate(parent):
            prev_sibling[i] = last_child[up + 1]
            last_child[up + 1] = i
        self.thread = thread
        self.op = original_poster(thread)
        self.op_per_thread = self.op is None and thread.format == "mbox" and len(thread.comments) > 1
        self._root_of: list[int] | None = None  # per node, its top-level node (built on first use)
        self.nodes = nodes
        self.depth = depth
        self.parent = parent
        self.end = end
        self.prev_sibling = prev_sibling
        self.roots: list[int] = [i for i, up in enumerate(parent) if up == -1]
        self.has_article = bool(nodes) and nodes[0].kind == ARTICLE_KIND
        self.folded = bytearray(n)
        self.mask: bytearray | None = None
        self.rows: list[int] = list(range(n))
        self._index: dict[int, int] | None = None
        self._by_author: dict[str, list[int]] | None = None
        comment = Kind.COMMENT
        # The article, placeholders and "more" stubs (`is` first: the member, as readers store it, is told apart
        # without a str comparison, in half the time at 100,000 comments).
        self.stubs = [i for i, c in enumerate(nodes) if c.kind is not comment and c.kind != comment]
        self.comment_count = n - len(self.stubs)

    # ------------------------------------------------------------------ structure
    def __len__(self) -> int:
        return len(self.nodes)

    def op_at(self, node: int) -> str | None:
        """Who started the thread this node is in (marked OP): the source's one poster, or in a mailbox of
        several threads the author of that thread's first message (None under a placeholder)."""
        if not self.op_per_thread:
            return self.op
        if self._root_of is None:  # preorder: a parent comes before its replies, so one pass (linear)
            root = list(range(len(self.nodes)))
            for i, up in enumerate(self.parent):
                if up >= 0:
                    root[i] = root[up]
            self._root_of = root
        top = self.nodes[self._root_of[node]]
        return top.author if top.kind == Kind.COMMENT else None

    def op_for(self, comment: Comment) -> str | None:
        """op_at for a comment of this thread."""
        return self.op if not self.op_per_thread else self.op_at(self.index_of(comment))

    def index_of(self, comment: Comment) -> int:
        """The preorder index of a comment of this thread (KeyError for a stranger)."""
        if self._index is None:
            self._index = {id(c): i for i, c in enumerate(self.nodes)}
        return self._index[id(comment)]

    def find(self, target: str) -> int:
        """The node with this comment id (or Reddit fullname, Comment.known_as), else (a number) the comment whose
        source lines hold that line; -1."""
        target = target.strip()
        for i, comment in enumerate(self.nodes):
            if comment.id == target:
                return i
        for i, comment in enumerate(self.nodes):
            if comment.known_as(target):
                return i
        if target.isascii() and target.isdigit():
            line = int(target)
            for i, comment in enumerate(self.nodes):
                if comment.lines is not None and comment.lines[0] <= line <= comment.lines[1]:
                    return i
        return -1

    def has_children(self, node: int) -> bool:
        """True when the node has at least one reply."""
        return self.end[node] > node + 1

    def descendants(self, node: int) -> int:
        """How many comments hang below the node, all levels."""
        return self.end[node] - node - 1

    def next_sibling(self, node: int) -> int:
        """The next node with the same parent, or -1."""
        after = self.end[node]
        if after < len(self.nodes) and self.parent[after] == self.parent[node]:
            return after
        return -1

    def is_last_child(self, node: int) -> bool:
        """True when no later sibling follows (the tree guide ends here)."""
        return self.next_sibling(node) == -1

    def ancestors(self, node: int) -> list[int]:
        """Indices from the top-level comment down to (not including) the node."""
        chain: list[int] = []
        up = self.parent[node]
        while up >= 0:
            chain.append(up)
            up = self.parent[up]
        chain.reverse()
        return chain

    def root_of(self, node: int) -> int:
        """The top-level entry the node belongs to."""
        return self.roots[bisect_right(self.roots, node) - 1]

    def by_author(self, author: str) -> list[int]:
        """Nodes written by this author, in page order (built once, on first use)."""
        if self._by_author is None:
            table: dict[str, list[int]] = {}
            for i, c in enumerate(self.nodes):
                if c.author and not c.placeholder and c.kind != ARTICLE_KIND:
                    table.setdefault(c.author, []).append(i)
            self._by_author = table
        return self._by_author.get(author, [])

    def shown_comments(self) -> int:
        """How many comments the rows show (the article and stand-ins for missing comments not counted)."""
        rows = self.rows
        if len(rows) == len(self.nodes):
            return self.comment_count
        return len(rows) - sum(1 for node in self.stubs if self.row_of(node) is not None)

    def shown_replies(self, node: int) -> int:
        """How many of the node's direct replies the filter lets show (all of them without a filter)."""
        mask = self.mask
        if mask is None:
            return len(self.nodes[node].replies)
        count, child = 0, node + 1 if self.has_children(node) else -1
        while child >= 0:
            count += mask[child]
            child = self.next_sibling(child)
        return count

    # ------------------------------------------------------------------ visibility
    def row_of(self, node: int) -> int | None:
        """The row showing the node, or None when it is hidden."""
        rows = self.rows
        k = bisect_left(rows, node)
        if k < len(rows) and rows[k] == node:
            return k
        return None

    def shown(self, node: int) -> bool:
        """True when the filter mask lets the node show (folding aside)."""
        return self.mask is None or bool(self.mask[node])

    def _visible_below(self, start: int, stop: int) -> list[int]:
        """The rows for nodes start..stop-1 under the current fold state and mask."""
        folded, end, mask = self.folded, self.end, self.mask
        out: list[int] = []
        append = out.append
        j = start
        if mask is None:
            while j < stop:
                append(j)
                j = end[j] if folded[j] else j + 1
        else:
            while j < stop:
                if not mask[j]:
                    j = end[j]
                    continue
                append(j)
                j = end[j] if folded[j] else j + 1
        return out

    def rebuild(self) -> None:
        """Recompute all rows from the arrays (used by fold all, unfold all, depth and filters)."""
        if self.mask is None and 1 not in self.folded:
            self.rows = list(range(len(self.nodes)))
        else:
            self.rows = self._visible_below(0, len(self.nodes))

    def fold(self, node: int) -> bool:
        """Hide the node's replies; splices only the rows it hides. False when there was nothing to fold."""
        if not self.has_children(node) or self.folded[node]:
            return False
        self.folded[node] = 1
        row = self.row_of(node)
        if row is not None:
            stop = bisect_left(self.rows, self.end[node], row + 1)
            del self.rows[row + 1 : stop]
        return True

    def unfold(self, node: int) -> bool:
        """Show the node's replies (their own fold state kept); splices in only the rows it shows."""
        if not self.folded[node]:
            return False
        self.folded[node] = 0
        row = self.row_of(node)
        if row is not None:
            self.rows[row + 1 : row + 1] = self._visible_below(node + 1, self.end[node])
        return True

    def toggle(self, node: int) -> bool:
        """Fold an open node or unfold a folded one."""
        return self.unfold(node) if self.folded[node] else self.fold(node)

    def reveal(self, node: int) -> bool:
        """Unfold the node's ancestors so that it shows; False when the filter hides it."""
        if not self.shown(node):
            return False
        for up in self.ancestors(node):
            if self.folded[up]:
                self.unfold(up)
        return True

    def fold_all(self) -> None:
        """Fold every thread to its top-level comment (the inner fold state is reset to open)."""
        self.folded = bytearray(len(self.nodes))
        for root in self.roots:
            if self.has_children(root):
                self.folded[root] = 1
        if self.mask is None:
            self.rows = list(self.roots)
        else:
            self.rebuild()

    def unfold_all(self) -> None:
        """Open every comment."""
        self.folded = bytearray(len(self.nodes))
        self.rebuild()

    def show_depth(self, levels: int) -> None:
        """Show the tree down to `levels` levels (1 = top-level comments only); deeper ones are folded."""
        cut = levels - 1
        depth, end = self.depth, self.end
        folded = bytearray(len(self.nodes))
        for i, d in enumerate(depth):
            if d == cut and end[i] > i + 1:
                folded[i] = 1
        self.folded = folded
        self.rebuild()

    def set_filter(self, wanted: Iterable[int] | None) -> None:
        """Show only the wanted nodes and their ancestors (opened as needed); None removes the filter."""
        if wanted is None:
            self.mask = None
            self.rebuild()
            return
        mask = bytearray(len(self.nodes))
        parent, folded = self.parent, self.folded
        for node in wanted:
            if mask[node]:
                continue
            mask[node] = 1
            up = parent[node]
            while up >= 0 and not mask[up]:
                mask[up] = 1
                folded[up] = 0
                up = parent[up]
            if up >= 0:
                folded[up] = 0
        self.mask = mask
        self.rebuild()
