"""Property: for any text the parser returns a tree, and every non-marker line after the article is in it once."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from thread_explorer.core.flatpage.reader import parse_text, scan_lines

PIECES = st.sampled_from(
    [
        "In reply to Armenia is looking to be a… by NubianSundance",
        "In reply to lol by x",
        "In reply to This. by Stand by Me",
        "In reply to  by ",
        "Armenia is looking to be a real trouble spot.",
        "lol",
        "This.",
        "",
        "   ",
        "In reply to",
    ]
)
LINES = st.lists(st.one_of(PIECES, st.text(max_size=60)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(LINES, st.sampled_from(["auto", "before", "after"]))
def test_every_line_after_the_article_is_kept_exactly_once(lines: list[str], markers: str) -> None:
    text = "\n".join(lines)
    thread = parse_text(text, markers=markers)
    scanned = scan_lines(text)
    article_end = thread.article.lines[1] if thread.article and thread.article.lines else 0
    expected = Counter(line.text for line in scanned if not line.readings and line.no > article_end)
    got: Counter[str] = Counter()
    for comment in thread.walk():
        if not comment.placeholder and comment.text:
            got.update(comment.text.split("\n"))
    assert got == expected
    assert not any(line.readings for line in scanned if line.no <= article_end), "a marker inside the article"
