"""Rebuild the reply tree of a flattened comment page (article, then comments, `In reply to` markers).

The reading rests on Drupal's threaded order: comments come depth-first, so a reply's parent is always on the
path from the top of its thread to the comment just before it. Each marker is matched against that path, and
against the lines since the last known comment start, where a marker can prove that a new top-level comment
begins. Lines no marker accounts for stay with the reply they follow (markers before bodies) or form one
top-level comment (markers after bodies). `markers="auto"` reads both ways; see `choose_reading`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..gcpolicy import collector_paused
from ..model import (
    Article,
    Attach,
    Comment,
    Explaining,
    MarkerPosition,
    ReplyMarker,
    Segment,
    Thread,
    make_placeholder,
)
from .heads import LineSubjects
from .lines import Line, scan_lines
from .markers import (
    EXACT,
    FUZZY,
    FUZZY_HEAD,
    NONE,
    PREFIX,
    SEEN_WHY,
    MarkerReading,
    exact_match,
    fuzzy_text,
    fuzzy_why,
    generated_subjects,
    marker_head,
    match_strength,
    names_missing,
    names_short_body,
    normalise,
    page_is_drupal7,
    prefix_match,
    resembling,
)
from .subject import ELLIPSIS, NO_SUBJECT, body_for_subject
from .template import learn_template
from .templated import read_templated

STRENGTH_ATTACH = {EXACT: Attach.EXACT, PREFIX: Attach.PREFIX, FUZZY: Attach.FUZZY}
# Points per marker used to compare the two readings in auto mode.
READING_POINTS = {
    Attach.EXACT: 3.0,
    Attach.PREFIX: 2.0,
    Attach.FUZZY: 1.0,
    Attach.POSITION: 0.0,
    Attach.PLACEHOLDER: -1.0,
}
EMPTY_REPLY_POINTS = -2.0
FLAT_OFF_PATH = 0.3  # share of markers naming a comment off the thread path above which the order is flat
FLAT_MIN_MARKERS = 5
GLUED_DISCOUNT = 3.0  # auto detection: an exact match inside an earlier comment counts as a typed guess (0)
SCAN_DEPTH = (
    200  # path comments compared by prefix or fuzzy evidence (exact subjects: the whole path, indexed)
)
PROGRESS_EVERY = 2000  # lines between progress reports
DETECT_MARKERS = 400  # auto detection compares both readings on at most this many markers
RACE_FIRST = 8  # ... first after this many, then after half as many again, and so on
RACE_LEAD = 12  # points one reading must lead by to win early ...
RACE_SHARE = 0.25  # ... plus these points per marker read
RACE_PILOT = 3  # markers both readings read in step at each checkpoint before the leader reads on alone
BODY_HEAD = 450  # characters of a body that subject matching looks at
EARLIER_SCAN = 64  # comments off the path that a subject's index is searched back through
FUZZY_DEPTH = 64  # path comments a typed subject is compared with fuzzily (the nearest ones)


NO_SUBJECTS: frozenset[str] = frozenset()  # shared by nodes no reply has named yet


@dataclass(eq=False, slots=True)
class Node:
    """A comment under construction: its range [start, end) over the non-blank lines (end -1 while open)."""

    comment: Comment
    start: int
    end: int = -1
    seen: set[str] | frozenset[str] = NO_SUBJECTS  # subjects replies carried (a set once one did)
    loose_start: bool = False  # its first lines were given to it by default, not proven by a marker
    takes_lines: Node | None = None  # the comment just before it, which would take those lines back
    subjects: tuple[str, str] | None = None  # its generated subjects, once it is closed
    body: str | None = None  # the head of its body as subjects see it, once it is closed
    open_subjects: tuple[int, tuple[str, str]] | None = None  # while open: (m, its subjects up to line m)
    lines_indexed: bool = False  # its inner lines are in the reader's line index (flat order)
    placeholder: bool = False  # it stands for a comment not on the page (asked in every inner loop)
    flat: str | None = None  # its text as matching sees it, once it is closed
    depth: int = -1  # its depth when last pushed on the path (on the path while path[depth] is this node)
    up: Node | None = None  # the comment it replies to (its parent's node)


NodeIndex = dict[str, "Node | list[Node]"]  # a subject's comments: one node, or a list once several share it


def add_node(index: NodeIndex, key: str, node: Node) -> None:
    """File a node under a key (once: a node filed last under it is not filed again). One node is kept as
    itself, not in a list: most subjects name one comment, and a list for each was a tenth of the reader's
    memory (27 MiB at 100,000 comments)."""
    held = index.get(key)
    if held is None:
        index[key] = node
    elif isinstance(held, list):
        if held[-1] is not node:
            held.append(node)
    elif held is not node:
        index[key] = [held, node]


def nodes_under(index: NodeIndex, key: str) -> list[Node]:
    """The nodes filed under a key, in filing order."""
    held = index.get(key)
    if held is None:
        return []
    return held if isinstance(held, list) else [held]


@dataclass(eq=False, slots=True)
class Candidate:
    """One possible parent for a marker, with the strength of the evidence."""

    strength: int
    why: str
    reading: MarkerReading
    node: Node | None = None  # a comment on the thread path ...
    split_at: int | None = None  # ... or a new top-level comment starting at this line
    split_end: int = 0  # where that new comment ends
    author_fit: int = 0  # +1 its known author is the marker's, -1 it is somebody else
    restart: int | None = None  # the path comment really starts at this later line
    rank: int = 0  # tie-break: deeper on the path, later split

    def key(self) -> tuple[int, int, int, int]:
        """Stronger evidence first; a known different author costs two steps; then path over split; then rank."""
        penalty = 3 if self.author_fit < 0 else 0
        return (self.strength - penalty, self.author_fit, 1 if self.node is not None else 0, self.rank)


class PageReader:
    """Reads one page in one marker position ("before" or "after")."""

    def __init__(
        self,
        lines: list[Line],
        position: str,
        source: str,
        drupal7: bool = False,
        flat: bool = False,
        heads: LineSubjects | None = None,
    ) -> None:
        self.lines = lines
        self.heads = heads if heads is not None else LineSubjects(lines)  # shared by a page's readings
        self.position = position
        self.source = source
        self.drupal7 = drupal7  # the page's markers carry Drupal 7 cuts (no `…`)
        self.flat = flat  # flat (chronological) order: markers may name comments glued inside earlier runs
        self.tops: list[Node] = []
        self.path: list[Node] = []  # changed only through push, cut_after and set_path (they keep the index)
        self.path_keys: NodeIndex = {}  # subjects (Drupal's, and those replies carried) -> path nodes
        self.region = 0  # first line not yet given to a comment or the article (after mode)
        self.article_end: int | None = None  # line index where the article ends (exclusive)
        self.article_reason = "no reply markers: the whole text is read as the article"
        self.points = 0.0
        self.splits = 0
        self.off_path = 0  # markers whose parent was not found on the thread path (nor a new thread proven)
        self.markers_read = 0
        self._heads: dict[tuple[int, int], str] = {}  # bodies of line ranges, for the current marker only
        self.by_subject: NodeIndex = {}  # closed comments by Drupal subject and subjects seen
        self.placed_before: dict[int, list[Node]] = {}  # top-level comments to list before a given thread
        # Flat order: lines inside closed comments, indexed by the subjects of the text from them on, so that a
        # marker can name a comment glued inside an earlier run. Lines map to segments (seg_of), segments to
        # nodes (seg_node): a split relabels only its smaller side, so splits stay O(n log n) in all.
        self.unindexed: list[Node] = []  # closed comments whose lines are not indexed yet
        self.line_keys: dict[str, list[int]] = {}
        self.seg_of: list[int] = []
        self.seg_node: list[Node] = []
        self.next_line = 0  # the first line not read yet (see advance)
        self.saw_marker = False

    # -- the thread path, indexed so that a marker finds an exact match without scanning it ----------------
    def on_path(self, node: Node) -> bool:
        depth = node.depth
        return 0 <= depth < len(self.path) and self.path[depth] is node

    def index_node(self, node: Node) -> None:
        """Register a closed path node (or placeholder) under its subjects and the subjects replies carried."""
        if node.end < 0 and not node.placeholder:
            return  # the open comment's subjects still grow: exact_on_path looks at it directly
        subjects = node.subjects if node.subjects is not None else self.node_subjects(node, node.end)
        keys = self.path_keys
        for key in (*subjects, *node.seen) if node.seen else subjects:
            add_node(keys, key, node)

    def index_key(self, node: Node, key: str) -> None:
        add_node(self.path_keys, key, node)

    def push(self, node: Node) -> None:
        node.depth = len(self.path)
        self.path.append(node)
        if node.end >= 0 or node.placeholder:  # an open comment is indexed when it closes
            self.index_node(node)

    def cut_after(self, depth: int) -> None:
        """Drop the path below this depth (the dropped nodes' depths and index entries go stale: on_path and
        path_matches see that the path no longer holds them there)."""
        del self.path[depth + 1 :]

    def set_path(self, nodes: list[Node]) -> None:
        self.cut_after(-1)
        for node in nodes:
            self.push(node)

    def path_matches(self, subject: str) -> list[Node]:
        """Path nodes (closed) that a subject names exactly, by depth; stale entries are dropped on the way."""
        held = self.path_keys.get(subject)
        if held is None:
            return []
        if not isinstance(held, list):  # one node (the common case)
            if self.on_path(held):
                return [held]
            del self.path_keys[subject]
            return []
        live = [n for n in held if self.on_path(n)]
        if len(live) != len(held):
            if len(live) > 1:
                self.path_keys[subject] = live
            elif live:
                self.path_keys[subject] = live[0]
            else:
                del self.path_keys[subject]
        if len(live) < 2:
            return live
        unique = {id(n): n for n in live}
        return sorted(unique.values(), key=lambda n: n.depth)

    # -- small helpers -------------------------------------------------------------------------------------
    def texts(self, start: int, end: int) -> list[str]:
        return [line.text for line in self.lines[start:end]]

    def head(self, start: int, end: int) -> str:
        """The body (as subjects see it) of lines [start, end), cut to what matching needs."""
        key = (start, end)
        if key not in self._heads:
            parts, size, lines = [], 0, self.lines
            for i in range(start, min(end, len(lines))):  # no slice: a long range costs only what is read
                text = lines[i].text
                parts.append(text)
                size += len(text) + 1
                if size > BODY_HEAD:
                    break
            self._heads[key] = body_for_subject(parts)
        return self._heads[key]

    def open_node(self, start: int) -> Node:
        comment_id = f"c{self.lines[start].no}" if start < len(self.lines) else ""
        return Node(Comment(id=comment_id, text="", segmented_by=Segment.MARKER), start)

    def remember(self, node: Node, subject: str) -> None:
        """Index a comment under a subject so a marker off the thread path can still find it."""
        add_node(self.by_subject, subject, node)

    def close(self, node: Node, end: int) -> None:
        """End a comment at line `end`: its text, line span and subjects, and the indexes that find it."""
        node.end = end
        start, lines, comment = node.start, self.lines, node.comment
        if end == start + 1:  # the common case: one line
            comment.text = lines[start].text
        else:
            comment.text = "\n".join(self.texts(start, end))
        comment.lines = (lines[start].no, lines[end - 1].no) if end > start else None
        if end == start and comment.reply_to is not None:
            comment.id = f"r{comment.reply_to.line}"
        node.body = node.flat = None
        opened = node.open_subjects
        node.subjects = opened[1] if opened is not None and opened[0] == end else None
        node.open_subjects = None
        if end > start:
            cut, old_cut = self.node_subjects(node, end)  # Drupal 8's cut and Drupal 7's
            self.remember(node, cut)
            if old_cut != cut:
                self.remember(node, old_cut)
        if self.flat and end - start >= 2 and not node.lines_indexed:
            self.unindexed.append(node)
        if self.on_path(node):
            self.index_node(node)

    def end_article(self, end: int, reason: str) -> None:
        if self.article_end is None:
            self.article_end = end
            self.article_reason = reason

    # -- candidates ----------------------------------------------------------------------------------------
    def node_body(self, node: Node, m: int) -> str:
        if node.placeholder:
            return node.comment.text
        if node.end < 0:
            return self.head(node.start, m)
        if node.body is None:
            node.body = self.head(node.start, node.end)
        return node.body

    def range_subjects(self, start: int, end: int) -> tuple[str, str]:
        """Generated subjects of the text of lines [start, end) (a long first line decides them: looked up)."""
        if end > start and self.heads.decides(start):
            return self.heads.of(start)
        return generated_subjects(self.head(start, end))

    def node_subjects(self, node: Node, m: int) -> tuple[str, str]:
        """Generated subjects of a path comment (cached once it is closed)."""
        if node.subjects is not None:
            return node.subjects
        if node.end < 0 and node.open_subjects is not None and node.open_subjects[0] == m:
            return node.open_subjects[1]
        if node.placeholder:
            subjects = generated_subjects(node.comment.text)
        else:
            subjects = self.range_subjects(node.start, node.end if node.end >= 0 else m)
        if node.end >= 0 or node.placeholder:
            node.subjects = subjects
        else:
            node.open_subjects = (m, subjects)  # closing at this line computes them once, not twice
        return subjects

    def split_match(self, reading: MarkerReading, k: int, m: int) -> tuple[int, str, int]:
        """Exact or prefix evidence that a new comment starts at line k; with markers after bodies also where it
        ends (the fuzzy case is fuzzy_splits, batched)."""
        if not opens_alike(reading.subject, self.lines[k].text):
            return NONE, "", (m if self.position == "before" else k + 1)  # no cut nor opening of it can match
        if self.position == "before":
            subjects = self.range_subjects(k, m)
            strength, why = match_strength(reading.subject, self.head(k, m), fuzzy=False, subjects=subjects)
            return strength, why, m
        best: tuple[int, str, int] = (NONE, "", k + 1)
        size = 0
        for j in range(k + 1, m):  # the new comment is [k, j), the reply [j, m)
            size += len(self.lines[j - 1].text) + 1
            subjects = self.range_subjects(k, j)
            strength, why = match_strength(reading.subject, self.head(k, j), fuzzy=False, subjects=subjects)
            if strength > best[0]:
                best = (strength, why, j)
            if size > 40 or strength == EXACT:
                break
        return best

    def candidates(self, line: Line, m: int, fuzzy: bool) -> list[Candidate]:
        """Every parent the marker at line m could mean, under each reading of the marker (those with no
        evidence left out: they are never chosen). Path comments are compared by prefix (and exact subject)
        as far as SCAN_DEPTH up the path, fuzzily as far as FUZZY_DEPTH, in one batch per reading."""
        found: list[Candidate] = []
        first_split, last_split = self.split_range(m)
        shallowest = max(0, len(self.path) - (FUZZY_DEPTH if fuzzy else SCAN_DEPTH))
        window = self.path[shallowest:]
        # The folded texts, for the prefix pass (the fuzzy pass folds only the comments it compares).
        flats = [] if fuzzy else [n.flat if n.flat is not None else self.node_flat(n, m) for n in window]
        for reading in line.readings:
            subject = reading.subject
            head = marker_head(subject)
            if fuzzy:
                self.fuzzy_on_path(reading, head, window, shallowest, m, found)
                self.fuzzy_splits(reading, head, first_split, last_split, m, found)
                continue
            self.prefix_on_path(reading, head, window, flats, shallowest, m, found)
            for k in range(first_split, last_split):
                strength, why, end = self.split_match(reading, k, m)
                if strength > NONE:
                    found.append(Candidate(strength, why, reading, split_at=k, split_end=end, rank=k))
        return found

    def fuzzy_splits(
        self, reading: MarkerReading, head: str, first: int, last: int, m: int, found: list[Candidate]
    ) -> None:
        """New comments starting at lines [first, last) whose text a typed subject resembles, in one batched
        comparison: split_match's fuzzy case, which the prefix pass leaves with nothing but the resemblance to
        look at (it found no exact or prefix evidence anywhere). With markers after bodies each start k is
        tried with the ends split_match tries, and its first resembling end is taken."""
        if len(head) < FUZZY_HEAD or first >= last:
            return
        spans: list[tuple[int, int]] = []
        for k in range(first, last):
            if self.position == "before":
                spans.append((k, m))
                continue
            size = 0
            for j in range(k + 1, m):  # the new comment is [k, j), the reply [j, m)
                size += len(self.lines[j - 1].text) + 1
                spans.append((k, j))
                if size > 40:
                    break
        texts = [fuzzy_text(normalise(self.head(k, j))) for k, j in spans]
        taken: set[int] = set()
        for index, score in resembling(head, texts):
            k, j = spans[index]
            if k not in taken:
                taken.add(k)
                found.append(Candidate(FUZZY, fuzzy_why(score), reading, split_at=k, split_end=j, rank=k))

    def prefix_on_path(
        self,
        reading: MarkerReading,
        head: str,
        window: list[Node],
        flats: list[str],
        shallowest: int,
        m: int,
        found: list[Candidate],
    ) -> None:
        """Path comments that the subject names exactly or by their opening words (the exact ones come from
        the path's subject index, the opening words from one pass over their texts), and later starts inside
        comments whose start was assumed (restarts)."""
        subject = reading.subject
        picked = {n.depth - shallowest for n in self.path_matches(subject)}
        picked = {i for i in picked if i >= 0}
        if window:
            picked.add(len(window) - 1)  # the open comment is not in the index
        if head:
            picked.update(i for i, flat in enumerate(flats) if flat.startswith(head))
        if subject == NO_SUBJECT:
            picked.update(i for i, flat in enumerate(flats) if not flat)
        for i in sorted(picked):
            node = window[i]
            if node.placeholder and subject not in node.seen:
                continue  # a placeholder's text is a subject: only that subject (indexed) names it
            strength, why = self.node_match(node, subject, head, m)
            if strength > NONE:
                found.append(self.path_candidate(strength, why, reading, node, i + shallowest))
        found.extend(self.restarts(reading, shallowest, m))

    def restarts(self, reading: MarkerReading, shallowest: int, m: int) -> Iterator[Candidate]:
        """Path comments whose start was only assumed (loose: markers after bodies) and whose text from a later
        line on the subject names exactly: the first such line of each, shallowest comment first."""
        if self.position == "before":
            return  # only markers after bodies leave a comment's start assumed
        subject = reading.subject
        for depth in range(shallowest, len(self.path)):
            node = self.path[depth]
            if not node.loose_start or node.placeholder or node.end < 0:
                continue
            if subject in node.seen or subject in self.node_subjects(node, m):
                continue  # the comment itself is named: no later start is looked for
            for j in range(node.start + 1, node.end):
                why = exact_match(subject, self.range_subjects(j, node.end))
                if why is not None:
                    yield self.path_candidate(EXACT, why, reading, node, depth, j)
                    break

    def fuzzy_on_path(
        self,
        reading: MarkerReading,
        head: str,
        window: list[Node],
        shallowest: int,
        m: int,
        found: list[Candidate],
    ) -> None:
        """Path comments by a fitting author whose text a typed subject resembles (one batched comparison); no
        exact or prefix evidence is left when this runs (best_candidate), so none is looked for."""
        if len(head) < FUZZY_HEAD:
            return
        unmatched = [
            (i, node)
            for i, node in enumerate(window)
            if not node.placeholder and node.comment.author in (None, reading.author)
        ]
        if not unmatched:
            return
        texts = [fuzzy_text(self.node_flat(node, m)) for _, node in unmatched]
        for index, score in resembling(head, texts):
            i, node = unmatched[index]
            found.append(self.path_candidate(FUZZY, fuzzy_why(score), reading, node, i + shallowest))

    def path_candidate(
        self,
        strength: int,
        why: str,
        reading: MarkerReading,
        node: Node,
        depth: int,
        restart: int | None = None,
    ) -> Candidate:
        """A candidate on the thread path, its author's fit with the marker's worked out."""
        fit = self.fit(node, reading)
        return Candidate(strength, why, reading, node=node, author_fit=fit, rank=depth, restart=restart)

    @staticmethod
    def fit(node: Node, reading: MarkerReading) -> int:
        """+1 the comment's known author is the marker's, -1 somebody else's, 0 not known."""
        author = node.comment.author
        return 0 if author is None else (1 if author == reading.author else -1)

    def node_match(self, node: Node, subject: str, head: str, m: int) -> tuple[int, str]:
        """match_strength(fuzzy=False) of a path comment, from its cached subjects and normalised text."""
        if subject in node.seen:
            return EXACT, SEEN_WHY
        flat = self.node_flat(node, m)
        if not flat:
            return (EXACT, "its Drupal subject (an empty body)") if subject == NO_SUBJECT else (NONE, "")
        why = exact_match(subject, self.node_subjects(node, m))
        if why is not None:
            return EXACT, why
        why = prefix_match(subject, head, flat)
        return (PREFIX, why) if why is not None else (NONE, "")

    def node_flat(self, node: Node, m: int) -> str:
        """A path comment's text as matching sees it (white space folded), cached once it is closed."""
        if node.flat is not None:
            return node.flat
        flat = normalise(self.node_body(node, m))
        if node.end >= 0 or node.placeholder:
            node.flat = flat
        return flat

    def exact_on_path(self, line: Line, m: int) -> Candidate | None:
        """The common case, cheaply: the path comment whose subject is exactly the marker's, by a fitting author
        (the deepest, a known author first: what `max(..., key=Candidate.key)` would pick, without building the
        others)."""
        best: Candidate | None = None
        best_key = (NONE, 0, 0, 0)
        last = self.path[-1] if self.path else None
        open_last = last is not None and last.end < 0 and not last.placeholder
        for reading in line.readings:
            subject = reading.subject
            nodes = self.path_matches(subject)
            if open_last:
                assert last is not None
                nodes = [*nodes, last]
            for node in nodes:
                subjects = self.node_subjects(node, m)
                if subject in node.seen or subject in subjects:
                    author = node.comment.author
                    if author is not None and author != reading.author:
                        continue
                    strength, why = self.exact_why(subject, node, subjects, m)
                    key = (strength, int(author is not None), 1, node.depth)
                    if best is None or key > best_key:
                        best_key = key
                        best = Candidate(strength, why, reading, node=node, author_fit=key[1], rank=key[3])
        return best

    def exact_why(self, subject: str, node: Node, subjects: tuple[str, str], m: int) -> tuple[int, str]:
        """match_strength for a subject known to be among the node's subjects or seen, without its body."""
        if subject in node.seen:
            return EXACT, SEEN_WHY
        why = exact_match(subject, subjects) if subjects[0] != NO_SUBJECT else None
        if why is not None:
            return EXACT, why
        return match_strength(subject, self.node_body(node, m), node.seen, subjects=subjects)

    def exact_off_path(self, line: Line, m: int) -> list[Candidate]:
        """The next common case, cheaply: a new thread (split) or a later start (restart) whose text the marker
        names exactly. When exact_on_path finds nothing, such a candidate by a fitting author outranks every other
        one `candidates` would add (see Candidate.key), so these are the ones it would choose among, in its order."""
        found: list[Candidate] = []
        first_split, last_split = self.split_range(m)
        shallowest = max(0, len(self.path) - SCAN_DEPTH)
        for reading in line.readings:
            subject = reading.subject
            # A restart in a comment by somebody else is never chosen (Candidate.key): left to `candidates`.
            found.extend(c for c in self.restarts(reading, shallowest, m) if c.author_fit >= 0)
            for k in range(first_split, last_split):
                if not opens_alike(subject, self.lines[k].text):
                    continue
                if self.position == "before":
                    why, end = exact_match(subject, self.range_subjects(k, m)), m
                else:
                    why, end = self.exact_split_after(subject, k, m)
                if why is not None:
                    found.append(Candidate(EXACT, why, reading, split_at=k, split_end=end, rank=k))
        return found

    def exact_split_after(self, subject: str, k: int, m: int) -> tuple[str | None, int]:
        """split_match's exact case with markers after bodies: the first end j at which [k, j) is named."""
        if k + 1 < m and self.heads.decides(k):
            return exact_match(subject, self.heads.of(k)), k + 1  # every [k, j) has these subjects
        size = 0
        for j in range(k + 1, m):
            size += len(self.lines[j - 1].text) + 1
            why = exact_match(subject, self.range_subjects(k, j))
            if why is not None:
                return why, j
            if size > 40:
                break
        return None, k + 1

    def split_range(self, m: int) -> tuple[int, int]:
        """The lines where a new top-level comment that this marker names could start."""
        if self.position == "before":
            return (self.path[-1].start + 1 if self.path else 0), m
        return self.region, m - 1

    def best_candidate(self, line: Line, m: int) -> Candidate | None:
        """The strongest candidate: exact or prefix evidence first, fuzzy only when those find nothing."""
        on_path = self.exact_on_path(line, m)
        if on_path is not None:
            return on_path
        quick = self.exact_off_path(line, m)
        if quick:
            return max(quick, key=Candidate.key)
        first = line.readings[0]
        if self.flat and self.earlier_match(ReplyMarker(first.subject, first.author, line.no)) is not None:
            return None  # flat order: an earlier comment off the path has exactly this subject (parent_for)
        found = self.candidates(line, m, fuzzy=False)
        if not any(c.strength >= PREFIX for c in found):
            found = self.candidates(line, m, fuzzy=True)
        if not found:
            return None
        best = max(found, key=Candidate.key)
        if best.key()[0] <= NONE:
            return None
        return best

    # -- the reading ---------------------------------------------------------------------------------------
    def read(self, progress: Callable[[float], None] | None = None) -> Thread:
        """Read the whole page (or what is left of it) and build the thread (once, at the end)."""
        self.advance(len(self.lines), progress)
        self.finish(self.saw_marker)
        return self.build_thread(self.saw_marker)

    def advance(self, until: int, progress: Callable[[float], None] | None = None) -> None:
        """Read on up to line `until` (exclusive): a reading can pause, so auto detection runs two readings in
        step and drops the loser as soon as the winner is clear."""
        lines, total = self.lines, len(self.lines) or 1
        for m in range(self.next_line, min(until, len(lines))):
            line = lines[m]
            if line.readings:
                self.take_marker(line, m, first=not self.saw_marker)
                self.saw_marker = True
            if progress is not None and m % PROGRESS_EVERY == 0:
                progress(m / total)
        self.next_line = max(self.next_line, min(until, len(lines)))

    def take_marker(self, line: Line, m: int, first: bool) -> None:
        """Attach the reply this marker introduces (or closes) to the parent it names."""
        self._heads.clear()  # line ranges asked about for one marker are rarely asked again for the next
        self.markers_read += 1
        best = self.best_candidate(line, m)
        if best is not None and best.node is not None and best.restart is None and self.position == "before":
            self.reply_on_path(best, line, m)
            return
        reading = best.reading if best else line.readings[0]
        marker = ReplyMarker(reading.subject, reading.author, line.no)
        open_node = self.path[-1] if self.path else None
        parent, attach, why = self.parent_for(best, marker, m, first)
        if self.position == "before":
            if open_node is not None and open_node.end < 0:
                self.close(open_node, m)
            reply = self.open_node(m + 1)  # runs until the next marker (closed then)
        else:
            reply = self.reply_before_marker(best, parent, marker, m, first)
        self.hang(reply, parent, marker, attach, why)

    def hang(
        self, reply: Node, parent: Node, marker: ReplyMarker, attach: Attach, why: str | Explaining
    ) -> None:
        """Attach a reply to its parent: the parent learns the subject the marker carried (and its author), the
        reply goes on the path, and the reading scores the attachment."""
        comment = parent.comment
        if comment.author is None:
            comment.author = marker.author
        seen = parent.seen
        if not seen:
            seen = parent.seen = set()
        assert isinstance(seen, set)
        seen.add(marker.subject)
        self.remember(parent, marker.subject)
        if self.on_path(parent) and (parent.end >= 0 or parent.placeholder):
            self.index_key(parent, marker.subject)  # its other keys went in when it was closed or pushed
        child = reply.comment
        child.reply_to = marker
        child.attached_by = attach
        child.explanation = why
        comment.add_reply(child)
        reply.up = parent
        self.push(reply)
        self.points += READING_POINTS[attach]

    def reply_on_path(self, best: Candidate, line: Line, m: int) -> None:
        """take_marker's common case: markers before bodies, the parent a comment on the path (parent_for's
        path case and the before-bodies steps, without the general case's branches)."""
        parent = best.node
        assert parent is not None
        marker = ReplyMarker(best.reading.subject, best.reading.author, line.no)
        open_node = self.path[-1]
        self.cut_after(parent.depth)
        attach = Attach.PLACEHOLDER if parent.placeholder else STRENGTH_ATTACH[best.strength]
        if open_node.end < 0:
            self.close(open_node, m)
        self.hang(self.open_node(m + 1), parent, marker, attach, OnPath(marker, best.why))

    def reply_before_marker(
        self, best: Candidate | None, parent: Node, marker: ReplyMarker, m: int, first: bool
    ) -> Node:
        """Markers after bodies: the reply ends at its marker and starts where evidence (or the region) says."""
        split = best is not None and best.split_at is not None
        if split:
            assert best is not None
            start = best.split_end
        elif first:  # the parent is missing: the reply is the last line before its marker
            start = max(0, m - 1)
            self.end_article(
                start,
                f"the first reply marker (line {marker.line}) names a parent that is not on "
                "the page; the line before the marker is taken as its reply",
            )
        else:
            start = self.region
        reply = self.open_node(start)
        reply.loose_start = split or start == self.region  # a later marker may show it starts further down
        reply.takes_lines = (
            parent if split else None
        )  # ... and the new thread it answers takes the lines back
        reply.comment.reply_to = marker
        self.close(reply, m)
        self.region = m + 1
        if reply.end == reply.start:
            self.points += EMPTY_REPLY_POINTS
        return reply

    def parent_for(
        self, best: Candidate | None, marker: ReplyMarker, m: int, first: bool
    ) -> tuple[Node, Attach, str | Explaining]:
        """Turn the chosen candidate (or the fallback) into a parent, creating a new thread or placeholder."""
        if best is not None and best.split_at is not None:
            return self.start_thread(best, marker, m, first)
        if best is not None and best.node is not None:
            node = best.node
            self.cut_after(node.depth)
            if best.restart is not None:
                self.restart(node, best.restart, marker)
            attach = Attach.PLACEHOLDER if node.placeholder else STRENGTH_ATTACH[best.strength]
            return node, attach, OnPath(marker, best.why)
        self.off_path += 1
        quoted = quote(marker)
        elsewhere = self.earlier_match(marker)
        if elsewhere is not None:
            self.set_path(self.path_to(elsewhere))
            return (
                elsewhere,
                Attach.EXACT,
                (
                    f"{quoted} matches its Drupal subject; it is not on the thread path as read so far (an earlier "
                    "reply may be misread), but it is the latest comment with that subject and author"
                ),
            )
        glued = self.glued_match(marker, m)
        if glued is not None:
            node = self.split_glued(*glued, marker)
            self.points -= GLUED_DISCOUNT  # found inside a comment: weaker evidence for auto detection
            self.set_path(self.path_to(node))
            return (
                node,
                Attach.EXACT,
                (
                    f"{quoted} matches the Drupal subject of the text from line {self.lines[glued[1]].no}, inside "
                    "an earlier comment: a comment of its own starts there (flat order)"
                ),
            )
        typed = not names_missing(marker.subject, self.drupal7)
        nearest = None
        for depth in range(len(self.path) - 1, max(-1, len(self.path) - 1 - SCAN_DEPTH), -1):
            n = self.path[depth]
            if not n.placeholder and n.comment.author in (None, marker.author):
                nearest = n
                break
        if typed and nearest is not None:
            return (
                nearest,
                Attach.POSITION,
                (
                    f"{quoted}: the subject matches no comment and looks typed (no …), so the reply goes to the "
                    "nearest comment before it in threaded order"
                    + ("" if nearest is self.path[-1] else f" whose author could be {marker.author}")
                ),
            )
        return self.placeholder(marker, m, first, quoted)

    def restart(self, node: Node, j: int, marker: ReplyMarker) -> None:
        """A marker names the text from line j of a comment whose start was only assumed: it starts there, and
        the lines before it become a top-level comment of their own, placed before that comment's thread."""
        top_comment = node.comment
        while top_comment.parent is not None:
            top_comment = top_comment.parent
        before = node.takes_lines
        if before is not None:
            self.close(before, j)
        else:
            before = self.open_node(node.start)
            before.comment.segmented_by = Segment.GUESS  # one comment or several: nothing says
            self.close(before, j)
            before.comment.explanation = (
                "no reply marker: a top-level comment; the marker on line "
                f"{marker.line} shows that the reply after it starts on line {self.lines[j].no}"
            )
            self.placed_before.setdefault(id(top_comment), []).append(before)
        first = before
        node.start = j
        node.loose_start = False
        node.comment.id = f"c{self.lines[j].no}"
        self.close(node, node.end)
        self.relabel(first, node, j)

    # -- flat order: a comment glued inside an earlier run ------------------------------------------------
    def line_subjects(self, j: int, end: int) -> set[str]:
        """Drupal's subjects (8's and 7's cut) of the text from line j to the end of its comment."""
        return set(self.range_subjects(j, end))

    def index_lines(self) -> None:
        """Index the inner lines of comments closed since the last look (each line once: linear)."""
        if not self.seg_of:
            self.seg_of = [-1] * len(self.lines)
        for node in self.unindexed:
            if node.lines_indexed or node.placeholder or node.end - node.start < 2:
                continue
            node.lines_indexed = True
            sid = len(self.seg_node)
            self.seg_node.append(node)
            for j in range(node.start, node.end):
                self.seg_of[j] = sid
            for j in range(node.start + 1, node.end):
                for subject in self.line_subjects(j, node.end):
                    self.line_keys.setdefault(subject, []).append(j)
        self.unindexed.clear()

    def relabel(self, first: Node, second: Node, j: int) -> None:
        """Lines [first.start, j) now belong to `first` and [j, second.end) to `second`: relabel the smaller side."""
        if not self.seg_of or self.seg_of[j] < 0:
            return
        sid = self.seg_of[j]
        lo, hi = first.start, second.end
        new = len(self.seg_node)
        if j - lo <= hi - j:
            self.seg_node[sid] = second
            self.seg_node.append(first)
            span = range(lo, j)
        else:
            self.seg_node[sid] = first
            self.seg_node.append(second)
            span = range(j, hi)
        for i in span:
            self.seg_of[i] = new
        first.lines_indexed = second.lines_indexed = True

    def glued_match(self, marker: ReplyMarker, m: int) -> tuple[Node, int] | None:
        """The latest line j inside an earlier closed comment where text opens with the marker's subject (Drupal
        8's or 7's cut of the text from j on), in a comment whose known author, if any, is the marker's."""
        if not self.flat or (not self.unindexed and not self.line_keys):
            return None
        self.index_lines()
        for j in reversed(self.line_keys.get(marker.subject, [])[-EARLIER_SCAN:]):
            if j >= m or self.seg_of[j] < 0:
                continue
            node = self.seg_node[self.seg_of[j]]
            if not node.start < j < node.end or node.end < 0 or node.placeholder:
                continue
            if self.position == "after" and node.comment.author not in (None, marker.author):
                continue  # the named comment is this one, from line j on: its author must fit
            if marker.subject in self.line_subjects(j, node.end):
                return node, j
        return None

    def split_glued(self, node: Node, j: int, marker: ReplyMarker) -> Node:
        """Split a closed comment at line j, where the comment a marker names starts. Markers before bodies: the
        lines from j on are a top-level comment glued to the reply before them. Markers after bodies: the reply
        itself starts at j, and the lines before it are a comment of their own (as a restart)."""
        self.splits += 1
        if self.position == "after":
            self.restart(node, j, marker)
            return node
        end = node.end
        top_comment = node.comment
        while top_comment.parent is not None:
            top_comment = top_comment.parent
        glued = self.open_node(j)
        self.close(node, j)
        self.close(glued, end)
        glued.comment.explanation = (
            f"no reply marker: a top-level comment; it starts on line {self.lines[j].no} because the marker on "
            f"line {marker.line} names it (flat order: it followed an earlier reply)"
        )
        self.relabel(node, glued, j)
        self.placed_before.setdefault(id(top_comment), []).append(glued)
        return glued

    def earlier_match(self, marker: ReplyMarker) -> Node | None:
        """The closed comment off the path whose Drupal subject (8's or 7's cut) is the marker's, by a fitting
        author: the same known author, or (for a subject not shaped like a short whole body, or any subject in
        flat order, where the named comment is off the path as a rule) one not known yet; the latest of them.
        In threaded order an off-path match repairs a misreading, so it must be the only one, and its subject
        must be a cut: a typed one (`Exactly my thought`) is no proof there, people reuse them."""
        if not self.flat and not names_missing(marker.subject, self.drupal7):
            return None
        fits: tuple[str | None, ...] = (
            (marker.author,) if names_short_body(marker.subject) and not self.flat else (None, marker.author)
        )
        bucket = nodes_under(self.by_subject, marker.subject)
        found: Node | None = None
        for node in reversed(bucket[-EARLIER_SCAN:]):  # a stock subject's bucket can be long: the latest only
            if node.comment.author in fits and not self.on_path(node):
                if self.flat:
                    return node
                if found is not None and found is not node:
                    return None  # threaded order: several open this way (a stock opening), none is sure
                found = node
        return found

    def path_to(self, node: Node) -> list[Node]:
        """The thread path ending at this node (its ancestors as built so far)."""
        chain = [node]
        while chain[-1].up is not None:
            chain.append(chain[-1].up)
        chain.reverse()
        return chain

    def start_thread(
        self, best: Candidate, marker: ReplyMarker, m: int, first: bool
    ) -> tuple[Node, Attach, str | Explaining]:
        """The marker names a comment starting at line k that no marker introduced: a new top-level thread."""
        k = best.split_at
        assert k is not None
        self.splits += 1
        where = self.lines[k].no
        if first:
            self.end_article(
                k,
                f"the article ends before line {where}: the first reply marker (line "
                f"{marker.line}) names the comment that starts there",
            )
        if self.position == "before":
            if self.path:
                self.close(self.path[-1], k)
        elif k > self.region and not first:
            self.add_top(
                self.region,
                k,
                "no reply marker: a top-level comment; its lines follow a reply and no "
                "marker names them, so they are kept together",
            )
        top = self.add_top(
            k,
            best.split_end,
            NamedTop(where, marker.line),
            Segment.MARKER,
        )
        self.set_path([top])
        return (
            top,
            STRENGTH_ATTACH[best.strength],
            NewThread(marker, best.why, where),
        )

    def placeholder(
        self, marker: ReplyMarker, m: int, first: bool, quoted: str
    ) -> tuple[Node, Attach, str | Explaining]:
        """The parent is not on the page: a visible placeholder, at the top level, holds the reply."""
        if first and self.position == "before":
            self.end_article(
                m,
                f"the article ends before the first reply marker (line {marker.line}): the "
                "parent it names is not on the page",
            )
        comment = make_placeholder(
            f"missing-{marker.line}",
            marker.subject,
            author=marker.author,
            explanation=f"not on the page: the comment by {marker.author} that the marker on line {marker.line} names",
        )
        node = Node(comment, m, m, placeholder=True)
        self.tops.append(node)
        # The missing comment's own parent is unknown, so the placeholder stands at the top level; but it sat
        # somewhere below the current path, so later replies may still go to comments on that path.
        self.push(node)
        return (
            node,
            Attach.PLACEHOLDER,
            (
                f"{quoted}: no comment on the thread path has this subject, so the parent is missing from the page "
                "(another page, or deleted); the reply is kept under a placeholder"
            ),
        )

    def add_top(self, start: int, end: int, why: str | Explaining, segment: Segment = Segment.GUESS) -> Node:
        """A top-level comment of lines [start, end): proven by a marker, or unmarked lines kept together."""
        node = self.open_node(start)
        node.comment.segmented_by = segment
        self.close(node, end)
        node.comment.explanation = why
        self.tops.append(node)
        return node

    def finish(self, saw_marker: bool) -> None:
        """Close what the last marker left open: markers before bodies, the last reply runs to the end of the
        page, and if it holds more than one line nothing shows where it ends (the comments nobody answered after
        it, a footer): its bounds are a guess, as the lines after the last marker are with markers after bodies."""
        end = len(self.lines)
        if self.position == "before":
            if self.path and self.path[-1].end < 0:
                last = self.path[-1]
                self.close(last, end)
                if end - last.start > 1:
                    last.comment.segmented_by = Segment.GUESS
        elif saw_marker and self.region < end:
            self.add_top(
                self.region,
                end,
                "no reply marker: a top-level comment; the lines after the last marker "
                "belong to no reply, so they are kept together",
            )

    def in_page_order(self, top: Node) -> list[Comment]:
        """A top-level comment with the ones a restart split off it, in line order around it, and so on down: a
        comment split off may itself start a thread that a later restart splits again (iterative)."""
        out: list[Comment] = []
        stack: list[tuple[Node, bool]] = [(top, False)]
        while stack:
            node, expanded = stack.pop()
            before = self.placed_before.get(id(node.comment))
            if expanded or not before:
                out.append(node.comment)
                continue
            placed = sorted(before, key=lambda n: n.start, reverse=True)
            stack.extend((b, False) for b in placed if b.start > node.start)  # split off further down
            stack.append((node, True))
            stack.extend((b, False) for b in placed if b.start <= node.start)
        return out

    def build_thread(self, saw_marker: bool) -> Thread:
        end = len(self.lines) if self.article_end is None else self.article_end
        article = None
        if end > 0:
            article = Article(
                "\n".join(self.texts(0, end)), (self.lines[0].no, self.lines[end - 1].no), self.article_reason
            )
        thread = Thread(
            source=self.source,
            article=article,
            comments=[c for node in self.tops for c in self.in_page_order(node)],
            marker_position=MarkerPosition(self.position) if saw_marker else None,
            format="text",
        )
        thread.link_parents()
        return thread


def opens_alike(subject: str, text: str) -> bool:
    """Whether a body whose first line is `text` could have this subject or open with it (exact or prefix
    evidence): both start with the same character. Only a body of dots changes its first character when folded
    (`...` becomes `…`), so a line opening with a dot, or a subject with `…`, is always compared in full."""
    return subject[:1] == text[:1] or text[:1] == "." or subject[:1] == ELLIPSIS


def quote(marker: ReplyMarker) -> str:
    """A marker as explanations quote it, with its line."""
    return f'"In reply to {marker.subject} by {marker.author}" (line {marker.line})'


class OnPath(Explaining):
    """The explanation of a reply attached to a comment on the thread path (most replies: built when read)."""

    __slots__ = ("marker", "why")

    def __init__(self, marker: ReplyMarker, why: str) -> None:
        self.marker, self.why = marker, why

    def __str__(self) -> str:
        return f"{quote(self.marker)} matches {self.why}, the nearest such comment on the thread path"


class NewThread(Explaining):
    """The explanation of a reply whose marker names a comment that starts a new thread."""

    __slots__ = ("marker", "where", "why")

    def __init__(self, marker: ReplyMarker, why: str, where: int) -> None:
        self.marker, self.why, self.where = marker, why, where

    def __str__(self) -> str:
        return (
            f"{quote(self.marker)} matches {self.why}; it starts a new thread on line {self.where}, since no "
            "comment on the thread path matched"
        )


class NamedTop(Explaining):
    """The explanation of that new thread's first comment: where it starts, and the marker that names it."""

    __slots__ = ("line", "where")

    def __init__(self, where: int, line: int | None) -> None:
        self.where, self.line = where, line

    def __str__(self) -> str:
        return (
            f"no reply marker: a top-level comment; it starts on line {self.where} because the marker on line "
            f"{self.line} names it"
        )


def choose_reading(
    before: PageReader, after: PageReader, stopped: tuple[int, int] | None = None
) -> tuple[PageReader, str]:
    """Auto detection: keep the reading whose markers find their parents best (per marker: exact 3, prefix 2,
    fuzzy 1, position 0, placeholder -1; an empty reply -2); on a tie the one that needed fewer new
    threads inferred from subjects, then "before" (Drupal core's default). `stopped`: the loser's markers read
    and due, when the race stopped it early (see keep_up)."""
    late = (
        f", which stopped after {stopped[0]} of {stopped[1]} markers: it could no longer catch up"
        if stopped
        else ""
    )
    if (after.points, -after.splits) > (before.points, -before.splits):
        why = f"after bodies ({after.points:g} points against {before.points:g} for before{late})"
        chosen, other = after, "before"
    else:
        why = f"before bodies ({before.points:g} points against {after.points:g} for after{late})"
        chosen, other = before, "after"
    if before.points == after.points:
        why += f"; a tie on points, so --markers {other} may be right for this page"
    return chosen, why


def clear_lead(before: PageReader, after: PageReader) -> bool:
    """Whether one reading leads by so much that the rest of the page cannot turn it: both readings score
    every marker between -3 and 3 points, and on a page read the wrong way most markers find nothing."""
    return decisive(abs(before.points - after.points), before.markers_read)


def race(
    lines: list[Line],
    marker_at: list[int],
    source: str,
    drupal7: bool,
    flat: bool,
    progress: Callable[[float], None] | None = None,
    heads: LineSubjects | None = None,
) -> tuple[PageReader, str]:
    """Run both marker positions in step, checking after 8, 12, 18, 27 ... markers (up to DETECT_MARKERS); the
    loser is dropped as soon as the winner's lead is clear, so the page costs one reading and a short one. At
    each checkpoint both read RACE_PILOT markers in step, then the leader reads on to the checkpoint and the
    other stops as soon as it can no longer catch up (keep_up): the same reading wins, at about half the loser's
    cost on most pages."""
    heads = heads if heads is not None else LineSubjects(lines)
    before = PageReader(lines, "before", source, drupal7, flat=flat, heads=heads)
    after = PageReader(lines, "after", source, drupal7, flat=flat, heads=heads)
    read = 0
    stopped: tuple[int, int] | None = None
    while True:
        read = min(read + max(read // 2, 4) if read else RACE_FIRST, DETECT_MARKERS)
        until = marker_at[read] if read < len(marker_at) else len(lines)
        final = until == len(lines) or read == DETECT_MARKERS
        due = min(read, len(marker_at))  # the markers both readings have read at this checkpoint
        pilot = min(due, before.markers_read + RACE_PILOT)  # both read a few in step, to see who leads
        step = min(marker_at[pilot], until) if pilot < len(marker_at) else until
        before.advance(step, progress)
        after.advance(step)
        first, second = (after, before) if after.points > before.points else (before, after)
        first.advance(until, progress)
        if not keep_up(second, first, marker_at, until, due, final):
            stopped = (second.markers_read, due)
            break
        if final or clear_lead(before, after):
            break
    chosen, why = choose_reading(before, after, stopped)
    if until < len(lines):
        why += f", judged on the first {read} markers"
    return chosen, why


MAX_MARKER_POINTS = max(READING_POINTS.values())  # the most one marker can add to a reading's points


def keep_up(
    reader: PageReader, rival: PageReader, marker_at: list[int], until: int, due: int, final: bool
) -> bool:
    """Read on to line `until` (the reading's `due`-th marker) marker by marker, as long as the reading can still
    win this checkpoint against `rival`, which has read that far; False, and stopped, once it cannot: even 3
    points for every marker left would leave the rival ahead (the last checkpoint) or clearly ahead
    (clear_lead), so the race ends with the same winner it would have had."""
    while reader.markers_read < due:
        best = reader.points + MAX_MARKER_POINTS * (due - reader.markers_read)
        if rival.points > best if final else decisive(rival.points - best, due):
            return False
        reader.advance(marker_at[reader.markers_read] + 1)
    reader.advance(until)
    return True


def decisive(lead: float, markers: int) -> bool:
    """Whether a lead of this many points after this many markers decides the race (see clear_lead)."""
    return markers >= RACE_FIRST and lead >= RACE_LEAD + RACE_SHARE * markers


def flat_order(off_path: int, markers: int) -> bool:
    """Flat (chronological) order: far more markers name a comment off the thread path than missing parents
    and typed subjects explain (threaded pages: under a quarter, even with 15% of parents gone)."""
    return markers >= FLAT_MIN_MARKERS and off_path > FLAT_OFF_PATH * markers


def parse_text(
    text: str, *, markers: str = "auto", source: str = "", progress: Callable[[float], None] | None = None
) -> Thread:
    """Parse a flattened comment page into a Thread; never raises for any string.

    `progress`, if given, is called now and then with the share of the page read so far (0.0 to 1.0).
    """
    if markers not in ("auto", "before", "after"):
        raise ValueError(f"markers must be auto, before or after, not {markers!r}")
    # A scan reads page after page and drops each one: the collector frees them as it goes.
    with collector_paused(kept=False):
        return read_page(text, markers, source, progress)


def read_page(text: str, markers: str, source: str, progress: Callable[[float], None] | None) -> Thread:
    """parse_text, with the collector paused."""
    lines = scan_lines(text)
    marker_at = [i for i, line in enumerate(lines) if line.readings]
    template = learn_template([line.text for line in lines], set(marker_at))
    if template is not None:
        thread = read_templated(lines, template, source)
        if markers != "auto" and thread.marker_position:
            thread.notes.append(f"--markers {markers} not needed: the comment template bounds every comment")
        return thread
    drupal7 = page_is_drupal7([lines[i].readings[0].subject for i in marker_at[:DETECT_MARKERS]])
    ahead = monotonic(progress)
    heads = LineSubjects(lines)  # one page, several readings: each line's subjects computed once
    detect_until = marker_at[DETECT_MARKERS] if len(marker_at) > DETECT_MARKERS else len(lines)
    if markers != "auto":
        reader = PageReader(lines, markers, source, drupal7, heads=heads)
        reader.advance(detect_until, ahead)
        threaded = (reader.off_path, reader.markers_read)
        flat = flat_order(*threaded)
        if flat:
            reader = PageReader(lines, markers, source, drupal7, flat=True, heads=heads)
        thread = reader.read(ahead)
        if thread.marker_position:
            thread.notes.append(f"markers read {markers} their comments (as asked)")
            note_order(thread, *threaded, flat)
        return thread
    if not marker_at:
        return PageReader(lines, "before", source, drupal7).read(progress)
    chosen, why = race(lines, marker_at, source, drupal7, False, ahead, heads)
    chosen.advance(detect_until, ahead)
    threaded = (chosen.off_path, chosen.markers_read)
    flat = flat_order(*threaded)
    if flat:  # read again, letting markers name comments inside earlier ones, and choose again
        chosen, why = race(lines, marker_at, source, drupal7, True, ahead, heads)
    thread = chosen.read(ahead)
    thread.notes.append(f"markers detected {why}")
    note_order(thread, *threaded, flat)
    return thread


def monotonic(progress: Callable[[float], None] | None) -> Callable[[float], None] | None:
    """A progress callback that never goes back (a second race starts the page over)."""
    if progress is None:
        return None
    done = [-1.0]

    def report(share: float) -> None:
        if share > done[0]:
            done[0] = share
            progress(share)

    return report


def note_order(thread: Thread, off_path: int, markers: int, flat: bool) -> None:
    """Say which display order the page was read in, and why (from the reading in threaded order)."""
    thread.meta["display_order"] = "flat" if flat else "threaded"
    how = (
        f"{off_path} of {markers} markers name a comment off the thread path, so a marker may "
        "also name a comment that starts inside an earlier one"
        if flat
        else "replies answer comments on the thread path"
    )
    thread.notes.append(f"display order: {'flat' if flat else 'threaded'} ({how})")
