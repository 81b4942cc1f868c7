"""Fuzzy search: misspelt words find their comments, ranking, authors, highlighting."""

from __future__ import annotations

from paths import SEED

from thread_explorer.core.load import load_thread
from thread_explorer.core.model import Comment, Thread
from thread_explorer.core.search import SearchIndex, highlight_spans, search_thread


def make(*texts: str, authors: tuple[str | None, ...] = ()) -> list[Comment]:
    return [
        Comment(id=f"c{i}", text=text, author=authors[i] if i < len(authors) else None)
        for i, text in enumerate(texts)
    ]


def test_misspelt_word_finds_the_seed_comment_first() -> None:
    thread = load_thread(str(SEED))
    hits = search_thread(thread, "Armenai")
    assert hits and hits[0].comment.author == "NubianSundance"
    assert "Armenia is looking" in hits[0].comment.text
    assert 80 <= hits[0].score < 100


def test_misspelt_name_ranks_the_right_comments_first() -> None:
    comments = make(
        "General Scaparrotti met Gerasimov in Baku.",
        "The weather in Baku was fine.",
        "Scaparrotti again, and again.",
        "Scrap the rotten deal.",
        "Capital and parrots.",
    )
    hits = SearchIndex(comments).search("Scaparoti")
    assert [h.comment.id for h in hits] == ["c0", "c2"]


def test_exact_words_outrank_prefixes_and_fuzzy_matches_and_ties_keep_page_order() -> None:
    comments = make("the pipelines", "a pipeline here", "pipeline", "pipelin typo", "nothing")
    hits = SearchIndex(comments).search("pipeline")
    assert [h.comment.id for h in hits] == ["c1", "c2", "c0", "c3"]
    assert [h.score for h in hits][:3] == [100.0, 100.0, 95.0]


def test_every_query_word_counts() -> None:
    comments = make("the map of Crimea", "a map of Europe", "Crimea is Russian", "maps and crimean food")
    hits = SearchIndex(comments).search("crimea map")
    assert hits[0].comment.id == "c0" and hits[0].score == 100.0
    assert {h.comment.id for h in hits[:2]} == {"c0", "c3"}
    assert all(h.score < 100 for h in hits[1:])


def test_authors_are_searched_too() -> None:
    comments = make("first", "second", authors=("Stand by Me", "Usura"))
    assert [h.comment.id for h in SearchIndex(comments).search("usra")] == ["c1"]
    assert SearchIndex(comments).search("stand by me")[0].comment.id == "c0"


def test_partial_word_while_typing_matches() -> None:
    comments = make("Azerbaijan hosted it", "nothing here")
    index = SearchIndex(comments)
    assert [h.comment.id for h in index.search("azer")] == ["c0"]
    assert [h.comment.id for h in index.search("az")] == ["c0"]


def test_limit_cutoff_empty_and_symbol_queries() -> None:
    comments = make(":) agreed", "plus one", "so :)", "nope")
    index = SearchIndex(comments)
    assert [h.comment.id for h in index.search(":)")] == ["c0", "c2"]
    assert index.search("") == [] and index.search("   ") == []
    assert len(index.search("agreed nope", cutoff=40)) == 2
    assert index.search("agreed nope") == []
    assert len(SearchIndex(make(*["word"] * 30)).search("word", limit=5)) == 5
    assert SearchIndex([]).search("word") == []


def test_highlight_spans_cover_the_matching_parts() -> None:
    text = "Scaparrotti met Gerasimov; the pipelines of Scaparrotti."
    spans = highlight_spans(text, "scaparoti pipeline")
    assert [text[a:b] for a, b in spans] == ["Scaparrotti", "pipeline", "Scaparrotti"]
    assert highlight_spans(text, "zzzz") == []
    smiles = "a :) b :)"
    assert [smiles[a:b] for a, b in highlight_spans(smiles, ":)")] == [":)", ":)"]


def test_highlight_spans_positions_survive_case_changes() -> None:
    text = "İstanbul and ARMENIA"
    spans = highlight_spans(text, "armenia")
    assert [text[a:b] for a, b in spans] == ["ARMENIA"]


def test_search_thread_returns_the_best_ten() -> None:
    thread = Thread(comments=make(*[f"comment {i} about oil" for i in range(30)]))
    hits = search_thread(thread, "oil")
    assert len(hits) == 10 and hits[0].comment.id == "c0"


def test_a_quoted_query_matches_the_exact_phrase_only() -> None:
    comments = make(
        "the bear will attack, they say",
        "Attack the\nbear, get gored.",
        "bear the attack",
    )
    index = SearchIndex(comments)
    assert [hit.comment.id for hit in index.search('"attack the bear"')] == ["c1"]
    assert [hit.comment.id for hit in index.search('"attack the bear" gored')] == ["c1"]
    assert index.search('"attack the lion"') == []
    assert highlight_spans("Attack the\nbear, get gored.", '"attack the bear"') == [(0, 15)]


def test_equal_scores_put_the_words_side_by_side_first_then_page_order() -> None:
    comments = make(
        "bear the attack",
        "a bear will attack the tent",
        "Napoleon to Hitler would agree: attack the bear, get gored.",
        "the attack of the bear",
    )
    hits = SearchIndex(comments).search("attack the bear")
    assert [hit.score for hit in hits] == [100.0] * 4  # every word is in every comment
    assert [hit.comment.id for hit in hits] == ["c2", "c0", "c1", "c3"]


TRICKY = (
    "Emoji 😀 then :) and a\u00a0non-breaking space",
    "ΟΔΟΣ Σ; İstanbul :)",
    "line\u2028separated  words\tand tabs",
    "a NUL\x00inside :)",
    "lone \ud800 surrogate (a+b)*",
    "ends with :",
    ") starts the next",
    "",
)


def held(needle: str, texts: list[str]) -> list[int]:
    """The plain way: every entry whose lowercase author and text hold the needle."""
    return [i for i, text in enumerate(texts) if needle in text]


def test_substring_and_phrase_searches_find_what_a_scan_of_each_comment_finds() -> None:
    comments = make(*TRICKY, authors=("Ann", None, "ΣΟΦΊΑ", None, "bob :)"))
    index = SearchIndex(comments)
    hays = [f"{c.author or ''} {c.text}".lower() for c in comments]
    flats = [" ".join(hay.split()) for hay in hays]
    for needle in (":)", ":", ")", "+", ")*", "😀", "\ud800", "\x00", ": )", "-", ":\x00 )"):
        found = [comments.index(hit.comment) for hit in index.search(needle)]
        assert found == held(needle.strip().lower(), hays), needle
    for phrase in ("then :) and a non-breaking", "line separated words and", "σ; i̇stanbul", "nul\x00inside"):
        found = [comments.index(hit.comment) for hit in index.search(f'"{phrase}"')]
        assert found == held(phrase, flats), phrase
    assert [hit.comment.id for hit in index.search('"words and" "and tabs"')] == ["c2"]
    assert index.search(":\x00 )") == []  # the end of one entry and the start of the next: no entry holds it


def test_side_by_side_first_among_a_few_matches_of_many_comments() -> None:
    """Few candidates among many comments are asked one by one: the same order as a scan of them all."""
    filler = [f"nothing {n} here" for n in range(40)]
    comments = make(*filler, "pipeline far from\tsanctions", "sanctions \u00a0 pipeline", "end")
    hits = SearchIndex(comments).search("sanctions pipeline")
    assert [hit.comment.id for hit in hits] == ["c41", "c40"]  # side by side (any white space) first
