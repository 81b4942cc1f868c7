"""Fuzzy search speed and ranking at 100,000 comments: prints index build time, per-query time and where the
comments holding a planted (then misspelt) word rank.

Run: python benchmarks/bench_search.py [--comments 100000] [--repeat 3]
Two threads: the project's generator (small vocabulary, so common words hit most comments: the worst case for
result size) and a thread of Zipf-distributed words from a 50,000-word vocabulary (closer to real text). Times
are the best of --repeat runs (the machine may be shared). For reference it also times the naive approach:
rapidfuzz `process.extract` with `fuzz.partial_ratio` over every comment's text.
"""

from __future__ import annotations

import argparse
import itertools
import random
import string
import time
from collections.abc import Callable

from rapidfuzz import fuzz, process

from thread_explorer.core.flatpage.generate import generate_thread
from thread_explorer.core.model import Comment, Thread
from thread_explorer.core.search import SearchIndex, highlight_spans

PLANTED = {
    "scaparrotti": "scaparoti",
    "armenia": "armenai",
    "gerasimov": "gerasimof",
    "azerbaijan": "azerbajn",
}
QUERIES = ("t", "th", "the", "pipelin", "nuclear warhead", "baltic drils", "stand by me", ":)", "zzzzqx")


def best_of(repeat: int, work: Callable[[], object]) -> tuple[float, object]:
    """Fastest wall time of `repeat` runs (ms) and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best * 1000, result


def zipf_thread(n: int, seed: int = 0, vocabulary: int = 50_000) -> Thread:
    """n comments of 10-60 words drawn Zipf-like from a vocabulary of made-up words, with planted names."""
    rng = random.Random(seed)
    vocab = list(
        dict.fromkeys(
            "".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 11))) for _ in range(vocabulary)
        )
    )
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(vocab))))
    authors = [f"user{i}" for i in range(3000)]
    comments = []
    for i in range(n):
        words = rng.choices(vocab, cum_weights=cumulative, k=rng.randint(10, 60))
        if i % 997 == 0:  # about 100 comments mention a planted word
            words.insert(rng.randrange(len(words)), rng.choice(list(PLANTED)).capitalize())
        comments.append(Comment(id=f"z{i}", text=" ".join(words), author=rng.choice(authors)))
    return Thread(source="zipf", comments=comments)


def plant(thread: Thread, seed: int = 0) -> None:
    """Put planted words into about one comment in a thousand of a generated thread."""
    rng = random.Random(seed)
    for i, comment in enumerate(thread.walk()):
        if i % 997 == 0:
            comment.text += f" {rng.choice(list(PLANTED)).capitalize()} said so."


def report(name: str, thread: Thread, repeat: int) -> None:
    comments = list(thread.walk())
    build_ms, index = best_of(1, lambda: SearchIndex(comments))
    assert isinstance(index, SearchIndex)
    print(
        f"\n{name}: {len(comments):,} comments, {len(index.vocabulary):,} distinct words; "
        f"index built in {build_ms:,.0f} ms"
    )
    print(f"  {'query':<16} {'ms':>7} {'hits':>8}  top score")
    for query in (*QUERIES, *PLANTED.values()):
        ms, hits = best_of(repeat, lambda query=query: index.search(query))
        top = f"{hits[0].score:.1f}" if hits else "-"
        print(f"  {query:<16} {ms:7.1f} {len(hits):8,}  {top}")
    print("  misspelt queries: are the comments holding the real word ranked first?")
    for word, typo in PLANTED.items():
        hits = index.search(typo)
        holders = {c.id for c in comments if word in c.text.lower()}
        top = [h.comment.id for h in hits[: len(holders)]]
        ok = sum(1 for cid in top if cid in holders)
        print(f"    {typo!r} -> {word!r}: {ok}/{len(holders)} of the top {len(holders)} hold it")
    sample = next(h.comment for h in index.search("scaparoti", limit=1))
    ms, spans = best_of(repeat, lambda: highlight_spans(sample.text, "scaparoti"))
    print(f"  highlight_spans on one comment: {ms:.3f} ms -> {[sample.text[a:b] for a, b in spans]}")
    texts = [c.text.lower() for c in comments]
    ms, _ = best_of(1, lambda: process.extract("scaparoti", texts, scorer=fuzz.partial_ratio, limit=20))
    print(f"  reference: process.extract(partial_ratio) over all texts: {ms:,.0f} ms per query")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    start = time.perf_counter()
    generated = generate_thread(args.comments, seed=1)
    print(f"generated {args.comments:,} comments in {time.perf_counter() - start:.1f} s")
    plant(generated)
    report("generate_thread", generated, args.repeat)
    report("zipf vocabulary", zipf_thread(args.comments), args.repeat)


if __name__ == "__main__":
    main()
