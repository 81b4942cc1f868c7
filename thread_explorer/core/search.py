"""Fuzzy search over comment texts and authors: typo-tolerant, whole-word, fast enough to run per keystroke.

How it works: the index splits every comment (author and text) into lowercase words and keeps, for each
distinct word, the comments that use it. A query word is compared with the vocabulary, not with every
comment, which is why 100,000 comments stay fast. A query word scores against a comment's word:

- 100 for the same word; 95 when the comment's word starts with it (the user is still typing); 90 when it
  contains it (query words of 3 characters or more);
- otherwise rapidfuzz's `fuzz.ratio` (an edit-distance similarity in 0..100) when it reaches WORD_CUTOFF, for
  query words of 4 characters or more: `Armenai` finds `Armenia` (86), `Scaparoti` finds `Scaparrotti` (90).

A comment's score is the mean, over the query's words, of the best score each word gets in that comment, so a
comment must match most words of a longer query. Results are ranked by score, then page order. A query without
any word character (`:)`, `?!`) is a plain case-insensitive substring search.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .gcpolicy import collector_paused
from .model import Comment, Thread

WORD_RE = re.compile(r"\w+")
WORD_CUTOFF = 75.0  # least fuzz.ratio for a misspelt word to count
FUZZY_MIN_LEN = 4  # shorter query words must match exactly or as a prefix
SUBSTRING_MIN_LEN = 3  # shorter query words do not match inside words
EXACT, PREFIX, INSIDE = 100.0, 95.0, 90.0


@dataclass(frozen=True)
class SearchHit:
    """A comment that matches a query, and how well (0..100)."""

    comment: Comment
    score: float


def words(text: str) -> list[str]:
    """The lowercase words of a text, each once, in order of first appearance."""
    return list(dict.fromkeys(WORD_RE.findall(text.lower())))


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
    """Words of every comment (text and author) with the comments that use them, built once per thread."""

    def __init__(self, comments: Sequence[Comment]) -> None:
        """Index the comments (lowercase words of author and text); the order given is the page order."""
        self.comments: list[Comment] = list(comments)
        postings: dict[str, list[int]] = {}
        get, findall = postings.get, WORD_RE.findall
        with collector_paused():  # millions of small objects, all kept
            for index, comment in enumerate(self.comments):
                for word in dict.fromkeys(
                    findall(f"{comment.author or ''} {comment.text}".lower())
                ):  # words()
                    entry = get(word)
                    if entry is None:
                        postings[word] = [index]
                    else:
                        entry.append(index)
        self.vocabulary: list[str] = list(postings)
        self.postings: list[list[int]] = list(postings.values())
        self._haystacks: list[str] | None = None

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

    def _substring_hits(self, needle: str) -> dict[int, float]:
        """Comment index -> 100 for every comment whose author or text contains the needle (any case)."""
        if self._haystacks is None:
            self._haystacks = [f"{c.author or ''} {c.text}".lower() for c in self.comments]
        return {i: EXACT for i, hay in enumerate(self._haystacks) if needle in hay}

    def search(self, query: str, *, limit: int | None = None, cutoff: float = 60.0) -> list[SearchHit]:
        """Comments matching the query with a score of at least `cutoff`, best first (ties in page order)."""
        query_words = words(query)
        if not query_words:
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
        if not totals:
            return []
        order = sorted(totals)  # page order, kept among equal scores by the stable sorts below
        if min(totals.values()) < cutoff:
            order = [index for index in order if totals[index] >= cutoff]
        if limit is not None:
            order = heapq.nlargest(limit, order, key=totals.__getitem__)
        else:
            order.sort(key=totals.__getitem__, reverse=True)
        comments = self.comments
        return [SearchHit(comments[index], totals[index]) for index in order]


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    """[start, end) ranges of the text to highlight for a query: the matched part of each matching word."""
    query_words = words(query)
    spans: list[tuple[int, int]] = []
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
    return spans


def search_thread(thread: Thread, query: str, limit: int = 10) -> list[SearchHit]:
    """The best `limit` matches among the article and all the thread's comments (builds a one-off index)."""
    return SearchIndex(thread.entries()).search(query, limit=limit)
