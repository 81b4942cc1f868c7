"""Read a flat page whose comment template is known: the template bounds comments, markers only link them.

Every comment is one template block (see `template.learn_template`), so the only question left is whose reply
each marker is. Its subject and author are matched against every earlier comment: the displayed subject and a
subject an earlier reply carried first, then Drupal's cuts of the body (Drupal 8 with `…`, Drupal 7 without),
then other cuts and typed subjects. The display order (threaded, the default, or flat and chronological) is
read from the page: in threaded order a reply's parent is on the path to the comment before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Article, Attach, Comment, MarkerPosition, ReplyMarker, Segment, Thread, make_placeholder
from .lines import Line
from .markers import (
    EXACT,
    FUZZY,
    NONE,
    PREFIX,
    MarkerReading,
    generated_subjects,
    match_strength,
    names_missing,
    normalise,
    page_is_drupal7,
)
from .subject import body_for_subject
from .template import Block, Template, parse_date, split_author

STRENGTH_ATTACH = {EXACT: Attach.EXACT, PREFIX: Attach.PREFIX, FUZZY: Attach.FUZZY}
LOOK_BACK = 2000  # comments a marker that names no subject exactly is compared with (keeps reading linear)
BODY_HEAD = 450
THREADED, FLAT = "threaded", "flat"
SOURCE_RANK = {"displayed": 2, "seen": 1, "cut": 0}


@dataclass
class Match:
    """A candidate parent (a block index) for one marker reading, with how strong the evidence is."""

    block: int
    strength: int
    why: str
    reading: MarkerReading
    author_fit: int
    source: int = 0  # displayed subject 2, a subject seen before 1, a cut of the body 0
    path_depth: int = -1  # where it sits on the thread path (threaded order), -1 off the path

    def key(self, order: str) -> tuple[int, ...]:
        penalty = 3 if self.author_fit < 0 else 0
        if order == THREADED:
            return (self.strength - penalty, self.author_fit, self.source, self.path_depth, self.block)
        return (self.strength - penalty, self.author_fit, self.source, self.block)


class TemplateReader:
    """Builds the thread of a page from its template blocks, in one display order."""

    def __init__(self, lines: list[Line], template: Template, source: str) -> None:
        self.lines = lines
        self.template = template
        self.source = source
        self.blocks = template.blocks
        self.comments = [self.block_comment(b) for b in self.blocks]
        self.bodies = [body_for_subject(c.text[:BODY_HEAD]) for c in self.comments]
        self.cuts = [generated_subjects(body) for body in self.bodies]
        self.shows_subjects = any(b.subject is not None for b in self.blocks)

    def block_comment(self, block: Block) -> Comment:
        """The comment a block holds: body as text; author, time, subject as fields; other template lines in meta."""
        lines = self.lines
        first = lines[block.body[0]].no if block.body else lines[block.start].no
        comment = Comment(
            id=f"c{first}",
            text="\n".join(lines[j].text for j in block.body),
            author=block.author,
            lines=(lines[block.start].no, lines[block.end - 1].no),
            segmented_by=Segment.TEMPLATE,
        )
        if block.subject is not None:
            comment.meta["subject"] = lines[block.subject].text
        if block.date:
            comment.meta["date"] = block.date
            comment.time = parse_date(block.date)
        if block.not_verified:
            comment.meta["not_verified"] = True
        if block.template:
            comment.meta["template"] = [lines[j].text for j in block.template]
        comment.explanation = "no reply marker: a top-level comment (bounded by the page's comment template)"
        return comment

    # -- matching -----------------------------------------------------------------------------------------
    def index(self, upto: int) -> None:
        """Add comments before `upto` to the subject indexes."""
        while self.indexed < upto:
            i = self.indexed
            shown = self.comments[i].meta.get("subject")
            if shown:
                self.by_subject.setdefault(normalise(shown), []).append((i, "displayed"))
            for cut in dict.fromkeys(self.cuts[i]):
                self.by_subject.setdefault(cut, []).append((i, "cut"))
            self.indexed += 1

    def matches(self, i: int, readings: Sequence[MarkerReading], on_path: dict[int, int]) -> list[Match]:
        """Candidates for the marker of block i: exact subjects from the index, else the earlier comments' text
        (`on_path`: the thread path's comments and their depths)."""
        found: list[Match] = []
        for reading in readings:
            name, _ = split_author(reading.author)
            for block, source in self.by_subject.get(reading.subject, []):
                author = self.comments[block].author
                why = {
                    "displayed": "its displayed subject",
                    "seen": "the same subject an earlier reply to it carried",
                    "cut": "its Drupal subject (its text cut to 29 characters)",
                }[source]
                found.append(
                    Match(
                        block, EXACT, why, reading, 1 if author == name else -1, SOURCE_RANK[source],
                        on_path.get(block, -1),
                    )
                )  # fmt: skip
        if any(m.author_fit > 0 for m in found) or self.shows_subjects:
            return found  # every comment shows its subject: one no comment shows names a missing comment
        for fuzzy in (False, True):
            more = []
            for reading in readings:
                name, _ = split_author(reading.author)
                for block in range(i - 1, max(-1, i - 1 - LOOK_BACK), -1):
                    author_fit = 1 if self.comments[block].author == name else -1
                    if fuzzy and author_fit < 0:
                        continue
                    strength, why = match_strength(
                        reading.subject, self.bodies[block], fuzzy=fuzzy, subjects=self.cuts[block]
                    )
                    if strength > NONE:
                        more.append(
                            Match(block, strength, why, reading, author_fit, 0, on_path.get(block, -1))
                        )
            if any(m.author_fit > 0 for m in more):
                return found + more
            found += more
        return found

    def read_order(self, order: str) -> tuple[list[int | None], list[Match | None], int, int]:
        """Parents for every block in this order (a block index; a negative id for a missing comment's
        placeholder; None at the top level), the matches, and how many unambiguous replies answer a comment
        off the threaded path."""
        self.by_subject: dict[str, list[tuple[int, str]]] = {}
        self.indexed = 0
        parents: list[int | None] = [None] * len(self.blocks)
        chosen: list[Match | None] = [None] * len(self.blocks)
        path: list[int] = []
        place: dict[int, int] = {}  # path entry -> its depth
        holders: dict[tuple[str, str], int] = {}  # placeholders (negative ids) by subject and author
        off_path = sure = 0
        for i, block in enumerate(self.blocks):
            self.index(i)
            if block.marker is None:
                path, place = [i], {i: 0}
                continue
            readings = self.lines[block.marker].readings
            found = self.matches(i, readings, place)
            best = max(found, key=lambda m: m.key(order)) if found else None
            if best is not None and (best.strength <= NONE or best.author_fit < 0):
                best = None  # the template shows every author: a comment by somebody else is not the parent
            if best is not None:
                top = [m for m in found if m.key(FLAT)[:3] == best.key(FLAT)[:3]]
                if len({m.block for m in top}) == 1:
                    sure += 1
                    off_path += best.block not in place
                parents[i] = best.block
                chosen[i] = best
                subject = best.reading.subject
                bucket = self.by_subject.setdefault(subject, [])
                if (best.block, "seen") not in bucket:
                    bucket.append((best.block, "seen"))
            else:
                parents[i] = self.position_parent(i, readings, path, order)
            if parents[i] is None:  # the parent is missing: one placeholder per subject and author
                name = split_author(readings[0].author)[0]
                parents[i] = holders.setdefault((readings[0].subject, name), -1 - len(holders))
            parent = parents[i]
            assert parent is not None
            where = place.get(parent)
            if where is not None:
                for gone in path[where + 1 :]:
                    del place[gone]
                del path[where + 1 :]
            elif parent < 0:  # a missing comment sat somewhere below the current path (threaded order)
                if order != THREADED:
                    path, place = [], {}
                path.append(parent)
                place[parent] = len(path) - 1
            else:
                chain = [parent]
                while (up := parents[chain[-1]]) is not None and up >= 0 and len(chain) < 10_000:
                    chain.append(up)
                path = chain[::-1]
                place = {b: d for d, b in enumerate(path)}
            path.append(i)
            place[i] = len(path) - 1
        return parents, chosen, off_path, sure

    def position_parent(
        self, i: int, readings: Sequence[MarkerReading], path: list[int], order: str
    ) -> int | None:
        """A typed subject that names nothing: the nearest comment by the marker's author (on the path when
        threaded); a subject shaped like Drupal's cut names a missing comment (None: a placeholder)."""
        reading = readings[0]
        if self.shows_subjects or names_missing(reading.subject, self.drupal7):
            return None
        name, _ = split_author(reading.author)
        pool = reversed(path) if order == THREADED else range(i - 1, max(-1, i - 1 - LOOK_BACK), -1)
        for block in pool:
            if block >= 0 and self.comments[block].author == name:
                return block
        return None

    # -- the reading --------------------------------------------------------------------------------------
    def read(self) -> Thread:
        markers = [self.lines[b.marker].readings[0].subject for b in self.blocks if b.marker is not None]
        self.drupal7 = page_is_drupal7(markers)
        parents, chosen, off_path, sure = self.read_order(FLAT)
        order = FLAT if off_path > max(0, sure // 20) else THREADED
        if order == THREADED:
            parents, chosen, _, _ = self.read_order(THREADED)
        return self.build(parents, chosen, order, off_path, sure)

    def build(
        self, parents: list[int | None], chosen: list[Match | None], order: str, off_path: int, sure: int
    ) -> Thread:
        tops: list[Comment] = []
        missing: dict[int, Comment] = {}  # placeholders by their negative id
        for i, (block, comment) in enumerate(zip(self.blocks, self.comments, strict=True)):
            if block.marker is None:
                tops.append(comment)
                continue
            line = self.lines[block.marker]
            match = chosen[i]
            reading = match.reading if match else line.readings[0]
            marker = ReplyMarker(reading.subject, reading.author, line.no)
            comment.reply_to = marker
            quoted = f'"In reply to {marker.subject} by {marker.author}" (line {line.no})'
            parent_at = parents[i]
            if parent_at is not None and parent_at >= 0:
                parent = self.comments[parent_at]
                if match is not None:
                    comment.attached_by = STRENGTH_ATTACH[match.strength]
                    where = "on the thread path" if order == THREADED else "before it (flat order)"
                    comment.explanation = (
                        f"{quoted} matches {match.why}, by {parent.author}; the nearest such comment {where}"
                    )
                else:
                    comment.attached_by = Attach.POSITION
                    comment.explanation = (
                        f"{quoted}: the subject matches no comment and looks typed, so the reply goes to the nearest "
                        f"comment before it by {parent.author}"
                    )
                parent.add_reply(comment)
                continue
            key = parent_at if parent_at is not None else -1 - i
            holder = missing.get(key)
            if holder is None:
                name, _ = split_author(reading.author)
                holder = missing[key] = make_placeholder(
                    f"missing-{line.no}",
                    marker.subject,
                    author=name,
                    explanation=f"not on the page: the comment by {name} that the marker on line {line.no} names",
                )
                tops.append(holder)
            comment.attached_by = Attach.PLACEHOLDER
            comment.explanation = (
                f"{quoted}: no comment before it has this subject, so the parent is missing from the page "
                "(another page, or deleted); the reply is kept under a placeholder"
            )
            holder.add_reply(comment)
        return self.thread(tops, order, off_path, sure)

    def thread(self, tops: list[Comment], order: str, off_path: int, sure: int) -> Thread:
        lines, first = self.lines, self.blocks[0].start
        article = None
        if first > 0:
            article = Article(
                "\n".join(line.text for line in lines[:first]),
                (lines[0].no, lines[first - 1].no),
                f"the article ends before line {lines[first].no}, where the page's comment template starts "
                "the first comment",
            )
        has_markers = any(b.marker is not None for b in self.blocks)
        thread = Thread(
            source=self.source,
            article=article,
            comments=tops,
            marker_position=MarkerPosition.BEFORE if has_markers else None,
            format="text",
        )
        thread.meta["template"] = self.template.name
        thread.meta["display_order"] = order
        thread.notes.append(f"comment template found: {self.template.description}")
        how = (
            f"{off_path} of {sure} replies answer a comment off the thread path"
            if order == FLAT
            else "every reply answers a comment on the thread path"
        )
        thread.notes.append(f"display order: {order} ({how})")
        footer = self.template.footer
        if footer:
            span = (lines[footer[0]].no, lines[footer[-1]].no)
            thread.meta["page_footer"] = {
                "text": "\n".join(lines[j].text for j in footer),
                "lines": list(span),
            }
            thread.notes.append(
                f"lines {span[0]}-{span[1]} follow the last comment's links line: kept as the page footer (meta)"
            )
        thread.link_parents()
        return thread


def read_templated(lines: list[Line], template: Template, source: str) -> Thread:
    """The thread of a page whose comment template was learnt (see the module docstring)."""
    return TemplateReader(lines, template, source).read()
