"""How sure the reading of a flat page is, as the app shows it: a `?` on rows whose bounds are a guess, a
`Bounds:` line in the detail pane, the page's template and display order, and the guesses counted by `S`."""

from __future__ import annotations

import io

from paths import FIXTURES, REALWORLD
from rich.console import Console
from textual.widgets import Static
from ui_helpers import detail, make_app, rows, tree

from thread_explorer.core.flatpage.reader import parse_text
from thread_explorer.core.load import load_thread
from thread_explorer.core.model import Article, Comment, Segment, Thread
from thread_explorer.ui.outline import Outline
from thread_explorer.ui.rows import RowStyles, render_row
from thread_explorer.ui.screens.stats import StatsScreen

REAL_PAGE = REALWORLD / "flat" / "alvinalexander_java_exec.txt"
GUESS_LINE = "Bounds: a guess — no marker or template line shows where it starts or ends"

# A stripped page, markers after the bodies: lines 5-6 follow a reply and no marker names them, so nothing
# says whether they are one comment, several, or the start of the comment after them.
STRIPPED = (FIXTURES / "guessed_bounds.txt").read_text(encoding="utf-8")


def stripped_app():  # type: ignore[no-untyped-def]
    return make_app(parse_text(STRIPPED, source="rivers.txt"))


def marked_rows(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The rows that carry the guess mark: a `?` drawn in the guess style (a `?` of the text is not one)."""
    view = tree(app)
    guess = view.get_component_rich_style("thread-view--guess").color
    texts = rows(app)
    return [
        texts[y]
        for y in range(len(texts))
        if any(
            seg.text == "?" and seg.style is not None and seg.style.color == guess
            for seg in view.render_line(y)
        )
    ]


def shown(app) -> str:  # type: ignore[no-untyped-def]
    """The text of the current screen's static parts (a dialog's lines), as a terminal of 100 columns shows it."""
    console = Console(width=100, record=True, file=io.StringIO())
    for part in app.screen.query(Static):
        console.print(part.content)
    return console.export_text()


async def test_a_guessed_row_is_marked_and_its_detail_says_the_bounds_are_a_guess() -> None:
    app = stripped_app()
    async with app.run_test(size=(120, 40)) as pilot:
        marked = marked_rows(app)
        assert len(marked) == 1 and "unknown  ? Some lines nobody answers" in marked[0]
        while "Some lines nobody answers" not in tree(app).selected.text:
            await pilot.press("j")
        assert GUESS_LINE in detail(app).split("\n")  # shown without the diagnostics: a reader must know
        await pilot.press("i")
        assert detail(app).count("Bounds:") == 1 and GUESS_LINE in detail(app)
        await pilot.press("i", "j")  # the next comment: its marker bounds it
        assert "Lakes are calmer" in tree(app).selected.text
        assert "Bounds:" not in detail(app)  # settled bounds are a diagnostic, behind i
        await pilot.press("i")
        assert "Bounds: from the reply markers around it" in detail(app)


async def test_the_guess_mark_is_drawn_in_its_own_quiet_style() -> None:
    app = stripped_app()
    async with app.run_test(size=(120, 40)):
        view = tree(app)
        guess = view.get_component_rich_style("thread-view--guess")
        line = next(y for y, row in enumerate(rows(app)) if "Some lines" in row)
        marks = [seg for seg in view.render_line(line) if seg.text == "?"]
        assert marks and marks[0].style is not None and marks[0].style.color == guess.color
        assert guess.color != view.rich_style.color  # not the text's own colour


async def test_guessed_rows_keep_the_row_width_at_80_columns_and_their_text_is_data() -> None:
    long = "[bold red]not markup[/] " + "word " * 60
    thread = Thread(
        source="page.txt",
        format="text",
        comments=[
            Comment(id="c1", text=long, author="a" * 40, segmented_by=Segment.GUESS),
            Comment(id="c2", text="[/]", segmented_by=Segment.GUESS),
            Comment(id="c3", text="Settled.", author="b", segmented_by=Segment.MARKER),
        ],
    )
    app = make_app(thread)
    async with app.run_test(size=(80, 24)) as pilot:
        view = tree(app)
        width = view.scrollable_content_region.width
        drawn = [view.render_line(y) for y in range(3)]
        assert all(strip.cell_length == width for strip in drawn)
        texts = rows(app)
        assert "? [bold red]not markup[/]" in texts[0] and texts[0].endswith("…")
        assert "a" * 19 + "…" in texts[0] and "a" * 20 not in texts[0]  # a cut name says it is cut
        assert texts[1].endswith("? [/]") and "?" not in texts[2]
        assert marked_rows(app) == texts[1:2]  # the cursor's row draws every part in the cursor's colours
        await pilot.press("j")
        assert detail(app).startswith("unknown\n") and GUESS_LINE in detail(app)
        assert marked_rows(app) == rows(app)[:1]


async def test_a_templated_page_says_its_template_order_and_bounds() -> None:
    app = make_app(load_thread(str(REAL_PAGE)))
    async with app.run_test(size=(120, 40)) as pilot:
        assert "??" in "".join(rows(app)) and not marked_rows(app)  # the template bounds every comment
        first = detail(app).split("\n")
        assert first[0].startswith("Article")
        assert first[1] == (
            "Layout: classy comment template · flat order (by date; a reply may answer any earlier comment)"
        )
        await pilot.press("j", "i")
        assert "Bounds: from the page's comment template" in detail(app)
        await pilot.press("S")
        assert isinstance(app.screen, StatsScreen)
        text = shown(app)
        assert "Layout: classy comment template · flat order" in text
        assert "How comment bounds were found" in text and "guessed" not in text
        assert dict(app.screen.charts[-1][1]) == {"comment template": 33}


async def test_S_counts_the_guessed_bounds_of_a_stripped_page() -> None:
    app = stripped_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert detail(app).split("\n")[1] == (
            "Layout: no comment template · threaded order (replies below their parents)"
        )
        await pilot.press("S")
        text = shown(app)
        assert "How comment bounds were found (1 guessed)" in text
        assert dict(app.screen.charts[-1][1]) == {"guess": 1, "reply markers": 5}


async def test_structured_input_says_nothing_about_bounds_or_layout() -> None:
    thread = Thread(source="r.json", format="reddit", comments=[Comment(id="t1_a", text="Hi.", author="x")])
    app = make_app(thread)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        assert "Bounds:" not in detail(app) and not marked_rows(app)
        await pilot.press("S")
        text = shown(app)
        assert "Layout:" not in text and "bounds" not in text


def test_a_guessed_row_is_exactly_as_wide_as_asked_at_every_width() -> None:
    deep = Comment(id="c2", text="Reply words " * 30, author="someone", segmented_by=Segment.GUESS)
    top = Comment(id="c1", text="x", author="a" * 30, segmented_by=Segment.GUESS)
    top.add_reply(deep)
    outline = Outline(Thread(source="p.txt", comments=[top]))
    for width in range(4, 130):
        for node in (0, 1):
            row = render_row(outline, node, width, RowStyles(), selected=node == 1)
            assert row.cell_len == width, (width, node, row.plain)


async def test_a_template_name_from_the_input_is_shown_as_text() -> None:
    thread = Thread(
        source="page.json",
        format="text",
        article=Article("Intro.", (1, 1)),
        comments=[Comment(id="c1", text="Hi.", author="x", segmented_by=Segment.TEMPLATE)],
        meta={"template": "[bold]x[/] \x1b]0;owned\x07" + "y" * 80, "display_order": "[red]z"},
    )
    app = make_app(thread)
    async with app.run_test(size=(120, 40)):
        layout = detail(app).split("\n")[1]
        assert layout.startswith("Layout: [bold]x[/] ␛]0;owned") and "\x1b" not in layout
        assert "… comment template · [red]z order" in layout
