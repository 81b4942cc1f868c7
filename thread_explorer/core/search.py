"""Fuzzy search over comment texts and authors: typo-tolerant, whole-word, fast enough to run per keystroke.

How it works: the index splits every comment (author and text) into lowercase words and keeps, for each
distinct word, the comments that use it. A query word is compared with the vocabulary, not with every
comment, which is why 100,000 comments stay fast. A query word scores against a comment's word:

- 100 for the same word; 95 when the comment's word starts with it (the user is still typing); 90 when it
  contains it (query words of 3 characters or more);
- otherwise rapidfuzz's `fuzz.ratio` (an edit-distance similarity in 0..100) when it reaches WORD_CUTOFF, for
  query words of 4 characters or more: `Armenai` finds `Armenia` (86), `Scaparoti` finds `Scaparrotti` (90).

A comment's score is the mean, over the query's words, of the best score each word gets in that comment, so a
comment must match most words of a longer query. Results are ranked by score; among equal scores a comment
holding the query's words as written, side by side, comes first; then page order. A part of the query in double
quotes (`"attack the bear"`) is a phrase: only comments holding it (any case, any white space between its
words) match. A query without any word character (`:)`, `?!`) is a plain case-insensitive substring search.
"""

from __future__ import annotations

import heapq
import re
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from .collection import PageSummary
from .gcpolicy import collector_paused
from .model import Comment, Thread

WORD_RE = re.compile(r"\w+")
WORD_CUTOFF = 75.0  # least fuzz.ratio for a misspelt word to count
FUZZY_MIN_LEN = 4  # shorter query words must match exactly or as a prefix
SUBSTRING_MIN_LEN = 3  # shorter query words do not match inside words
EXACT, PREFIX, INSIDE = 100.0, 95.0, 90.0
FEW_ENTRIES = (
    8  # a side-by-side test asks its candidates one by one when they are under an eighth of the entries
)
UTF8, SURROGATES = "utf-8", "surrogatepass"  # how the joined texts are kept (lone surrogates included)
# White space as `str.split` and a str pattern's \s know it (every such character is below U+3001), as UTF-8:
# a run of it, between a phrase's words, in a bytes pattern.
SPACE_RUN = (
    b"(?:" + b"|".join(re.escape(chr(c).encode(UTF8)) for c in range(0x3001) if chr(c).isspace()) + b")+"
)


@dataclass(frozen=True)
class SearchHit:
    """A comment that matches a query, and how well (0..100)."""

    comment: Comment
    score: float


def words(text: str) -> list[str]:
    """The lowercase words of a text, each once, in order of first appearance."""
    return list(dict.fromkeys(WORD_RE.findall(text.lower())))


QUOTED_RE = re.compile(r'"([^"]*)"?')


def split_query(query: str) -> tuple[list[str], str]:
    """The quoted phrases of a query (an unclosed quote runs to the end: the user is still typing) and the
    rest of it."""
    phrases = [" ".join(p.split()).lower() for p in QUOTED_RE.findall(query) if p.strip()]
    return phrases, QUOTED_RE.sub(" ", query)


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase's words in order with any white space between them, any case."""
    return re.compile(r"\s+".join(re.escape(word) for word in phrase.split()), re.IGNORECASE)


def word_score(query_word: str, word: str) -> float:
    """How well one (lowercase) query word matches one (lowercase) word of a comment; 0 for no match."""
    if word == query_word:
        return EXACT
    if word.startswith(query_word):
        return PREFIX
    if len(query_word) >= SUBSTRING_MIN_LEN and query_word in word:
        return INSIDE
    if len(query_word) >= FUZZY_MIN_LEN:
        score = fuzz.ratio(query_word, word, score_cutoff=WORD_CUTOFF)
        return score
    return 0.0


class SearchIndex:
    """Words of every comment (text and author) with the comments that use them, built once per thread.

    Compact at 100,000 comments: each word's comments are an array of 4-byte numbers, not a list of Python
    ints; the lowercase texts that substring, phrase and side-by-side tests scan are one joined UTF-8 string
    with the entries' offsets (built on the first such search), not a string per comment."""

    def __init__(self, comments: Sequence[Comment]) -> None:
        """Index the comments (lowercase words of author and text); the order given is the page order."""
        self.comments: list[Comment] = list(comments)
        postings: dict[str, array[int]] = {}
        get, findall = postings.get, WORD_RE.findall
        with collector_paused():  # millions of small objects, all kept
            for index, comment in enumerate(self.comments):
                for word in findall(f"{comment.author or ''} {comment.text}".lower()):
                    entry = get(word)
                    if entry is None:
                        postings[word] = array("I", (index,))
                    elif entry[-1] != index:  # a word the comment used before (cheaper than deduplicating)
                        entry.append(index)
        self.vocabulary: list[str] = list(postings)
        self.postings: list[array[int]] = list(postings.values())
        self._text: bytes | None = None
        self._starts: array[int] | None = None

    def matching_words(self, query_word: str) -> list[tuple[int, float]]:
        """(vocabulary index, score) for every indexed word the query word matches, best first."""
        found: dict[int, float] = {}
        vocabulary = self.vocabulary
        if len(query_word) >= SUBSTRING_MIN_LEN:
            for i, word in enumerate(vocabulary):
                if query_word in word:
                    found[i] = word_score(query_word, word)
        else:
            for i, word in enumerate(vocabulary):
                if word.startswith(query_word):
                    found[i] = word_score(query_word, word)
        if len(query_word) >= FUZZY_MIN_LEN:
            for _word, score, i in process.extract(
                query_word, vocabulary, scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF, limit=None
            ):
                if score > found.get(i, 0.0):
                    found[i] = round(score, 1)
        return sorted(found.items(), key=lambda item: -item[1])

    def _word_hits(self, query_word: str) -> dict[int, float]:
        """Comment index -> the best score the query word gets in that comment."""
        best: dict[int, float] = {}
        postings = self.postings
        # Worst words first: a better word's score then overwrites a worse one, all in C (dict.update).
        for vocab_index, score in reversed(self.matching_words(query_word)):
            best.update(dict.fromkeys(postings[vocab_index], score))
        return best

    def _joined(self) -> tuple[bytes, array[int]]:
        """Author and text of every entry, lowercase, as UTF-8 in one byte string (entries apart by a NUL), and
        where each entry starts in it; built on first use. Bytes, not one str: a single emoji would make a
        joined str four bytes a character throughout."""
        if self._text is None or self._starts is None:
            parts = [f"{c.author or ''} {c.text}".lower().encode(UTF8, SURROGATES) for c in self.comments]
            starts, at = array("Q"), 0
            for part in parts:
                starts.append(at)
                at += len(part) + 1
            self._text, self._starts = b"\x00".join(parts), starts
        return self._text, self._starts

    def _entries_holding(self, pattern: re.Pattern[bytes]) -> list[int]:
        """The entries (in page order) whose lowercase author and text hold a match of the pattern: one scan
        of the joined text that moves on to the next entry at each hit. (A UTF-8 pattern made of whole
        characters matches the bytes exactly where its text matches the text.)"""
        text, starts = self._joined()
        found: list[int] = []
        count, pos = len(starts), 0
        while (match := pattern.search(text, pos)) is not None:
            entry = bisect_right(starts, match.start()) - 1
            end = starts[entry + 1] - 1 if entry + 1 < count else len(text)
            # A match running past the entry's end (a query holding the NUL between entries) does not count;
            # the entry alone is asked again.
            if match.end() <= end or pattern.search(text, match.start() + 1, end) is not None:
                found.append(entry)
            pos = end + 1
        return found

    def _substring_hits(self, needle: str) -> dict[int, float]:
        """Comment index -> 100 for every comment whose author or text contains the needle (any case)."""
        pattern = re.compile(re.escape(needle.encode(UTF8, SURROGATES)))
        return dict.fromkeys(self._entries_holding(pattern), EXACT)

    def _holding_phrase(self, phrase: str, among: Sequence[int] | None = None) -> set[int]:
        """Entries holding a (lowercase) phrase's words in order with any white space between them; `among`:
        only these entries are asked (each alone, when they are few: cheaper than a scan of them all)."""
        words = (re.escape(word.encode(UTF8, SURROGATES)) for word in phrase.split())
        pattern = re.compile(SPACE_RUN.join(words))
        if among is None or len(among) * FEW_ENTRIES > len(self.comments):
            found = set(self._entries_holding(pattern))
            return found if among is None else found.intersection(among)
        text, starts = self._joined()
        last, search = len(starts) - 1, pattern.search
        return {
            entry
            for entry in among
            if search(text, starts[entry], starts[entry + 1] - 1 if entry < last else len(text)) is not None
        }

    def _phrase_hits(self, phrases: list[str]) -> set[int]:
        """Comments that hold every phrase."""
        found = self._holding_phrase(phrases[0])
        for phrase in phrases[1:]:
            if found:
                found &= self._holding_phrase(phrase)
        return found

    def search(self, query: str, *, limit: int | None = None, cutoff: float = 60.0) -> list[SearchHit]:
        """Comments matching the query with a score of at least `cutoff`, best first (ties: the query's words
        side by side first, then page order)."""
        phrases, rest = split_query(query)
        query_words = words(rest)
        within: set[int] | None = self._phrase_hits(phrases) if phrases else None
        if within is not None and not query_words:
            totals = dict.fromkeys(sorted(within), EXACT)
        elif not query_words:
            needle = query.strip().lower()
            totals = self._substring_hits(needle) if needle else {}
        else:
            totals = self._word_hits(query_words[0])
            for query_word in query_words[1:]:
                for index, score in self._word_hits(query_word).items():
                    totals[index] = totals.get(index, 0.0) + score
            if len(query_words) > 1:
                n = len(query_words)
                totals = {index: round(total / n, 1) for index, total in totals.items()}
            if within is not None:
                totals = {index: score for index, score in totals.items() if index in within}
        if not totals:
            return []
        order = sorted(totals)  # page order, kept among equal scores by the stable sorts below
        if min(totals.values()) < cutoff:
            order = [index for index in order if totals[index] >= cutoff]
        together: set[int] = set()
        if len(query_words) > 1 and order:  # among equal scores, the words as typed side by side first
            together = self._holding_phrase(" ".join(query_words), among=order)

        def key(index: int) -> tuple[float, bool]:
            return totals[index], index in together

        if limit is not None:
            order = heapq.nlargest(limit, order, key=key)
        else:
            order.sort(key=key, reverse=True)
        comments = self.comments
        return [SearchHit(comments[index], totals[index]) for index in order]


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    """[start, end) ranges of the text to highlight for a query: each quoted phrase where it occurs, and the
    matched part of each matching word."""
    phrases, rest = split_query(query)
    spans: list[tuple[int, int]] = []
    for phrase in phrases:
        spans.extend(match.span() for match in phrase_pattern(phrase).finditer(text))
    if phrases:
        query = rest
        if not words(rest):
            return sorted(spans)
    query_words = words(query)
    if not query_words:
        needle = query.strip().lower()
        lowered = text.lower()
        if needle and len(lowered) == len(text):
            start = lowered.find(needle)
            while start != -1:
                spans.append((start, start + len(needle)))
                start = lowered.find(needle, start + len(needle))
        return spans
    for match in WORD_RE.finditer(text):
        word = match.group().lower()
        best, best_query = 0.0, ""
        for query_word in query_words:
            score = word_score(query_word, word)
            if score > best:
                best, best_query = score, query_word
        if not best:
            continue
        start, end = match.span()
        inside = word.find(best_query) if best >= INSIDE and len(word) == end - start else -1
        if inside >= 0:
            spans.append((start + inside, start + inside + len(best_query)))
        else:
            spans.append((start, end))
    return sorted(spans)


def search_thread(thread: Thread, query: str, limit: int = 10) -> list[SearchHit]:
    """The best `limit` matches among the article and all the thread's comments (builds a one-off index)."""
    return SearchIndex(thread.entries()).search(query, limit=limit)


PAGE_SEARCH_CUTOFF = 60.0


def rank_pages(summaries: list[PageSummary], positions: list[int], query: str) -> list[int]:
    """Positions whose url/id or title fuzzily match the query, best first (ties in file order).

    A page scores the best of rapidfuzz's WRatio and partial_ratio over its label and over its title:
    partial_ratio finds a word inside a long url, WRatio forgives misspellings across several words.
    """
    best: dict[int, float] = {}
    for field in ("label", "title"):
        choices = {n: getattr(summaries[n], field) for n in positions}
        for scorer in (fuzz.WRatio, fuzz.partial_ratio):
            for _, score, n in process.extract(
                query,
                choices,
                scorer=scorer,
                processor=utils.default_process,
                limit=None,
                score_cutoff=PAGE_SEARCH_CUTOFF,
            ):
                best[n] = max(score, best.get(n, 0.0))
    return sorted(best, key=lambda n: (-best[n], n))
