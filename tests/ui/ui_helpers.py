"""Helpers for the UI tests: a small hand-built thread, the app factory, and readers of what the screen shows."""

from __future__ import annotations

from pathlib import Path

from thread_explorer.core.model import Article, Attach, Comment, Kind, ReplyMarker, Thread
from thread_explorer.ui.app import ThreadExplorerApp
from thread_explorer.ui.widgets.detail import DetailPane
from thread_explorer.ui.widgets.thread_view import ThreadView

NOW = 1_700_000_000.0
SIZE = (110, 32)


def comment(cid: str, author: str | None, text: str, *replies: Comment, **extra: object) -> Comment:
    """A comment with replies (parent links set)."""
    node = Comment(id=cid, text=text, author=author, **extra)  # type: ignore[arg-type]
    for reply in replies:
        node.add_reply(reply)
    return node


def make_thread() -> Thread:
    """Article, three top-level threads (one with a missing parent), markup and escapes in a comment."""
    reply = {"attached_by": Attach.EXACT, "why": "marker subject equals the parent's subject"}
    comments = [
        comment(
            "c1",
            "alice",
            "Armenia is looking to be a real trouble spot.",
            comment(
                "c2",
                "bob",
                "How many divisions does Armenia have?",
                comment(
                    "c3",
                    "carol",
                    "Napoleon to Hitler would agree: attack the bear, get gored.",
                    reply_to=ReplyMarker("How many divisions does…", "bob", 9),
                    lines=(10, 11),
                    **reply,
                ),
                comment("c4", "alice", "Riiiight... wink", lines=(12, 12), **reply),
                lines=(7, 8),
                **reply,
            ),
            comment("c5", "dave", "The map still shows Crimea as part of Ukraine.", lines=(13, 13), **reply),
            lines=(5, 6),
            time=NOW - 3 * 3600,
            score=12,
        ),
        comment(
            "c6",
            "erin",
            "[bold red]not markup[/] and \x1b[2J no escape either",
            comment("c7", "bob", "Sanctions never work, says the pipeline lobby.", **reply),
            lines=(14, 14),
        ),
        comment(
            "p1",
            "frank",
            "Deleted comment about pipelines…",
            comment(
                "c8",
                "gina",
                "Replying to something that is gone now.",
                attached_by=Attach.PLACEHOLDER,
                why="the parent is not in the page",
            ),
            kind=Kind.PLACEHOLDER,
            attached_by=Attach.PLACEHOLDER,
        ),
    ]
    thread = Thread(
        source="sample.txt",
        article=Article(
            "NATO and Russia held a rare meeting.\nBoth sides accuse each other.",
            (1, 4),
            "the first reply marker is on line 6",
        ),
        comments=comments,
    )
    thread.link_parents()
    return thread


def make_app(thread: Thread | None = None, export_dir: Path | None = None) -> ThreadExplorerApp:
    """The app as the command line builds it, on the test thread, with a fixed clock."""
    return ThreadExplorerApp(
        thread if thread is not None else make_thread(), title="sample.txt", now=NOW, export_dir=export_dir
    )


def tree(app: ThreadExplorerApp) -> ThreadView:
    """The tree widget of the current screen."""
    return app.screen.query_one(ThreadView)


def rows(app: ThreadExplorerApp) -> list[str]:
    """The tree's rows as the terminal shows them (rendered lines, trailing blanks dropped)."""
    view = tree(app)
    lines = [view.render_line(y).text.rstrip() for y in range(view.scrollable_content_region.height)]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def selected_author(app: ThreadExplorerApp) -> str | None:
    """Author of the selected entry."""
    chosen = tree(app).selected
    return None if chosen is None else chosen.author


def selected_text(app: ThreadExplorerApp) -> str:
    """Text of the selected entry."""
    chosen = tree(app).selected
    return "" if chosen is None else chosen.text


def detail(app: ThreadExplorerApp) -> str:
    """The detail pane's text."""
    return app.screen.query_one(DetailPane).plain


def highlighted(app: ThreadExplorerApp, row: int) -> str:
    """The parts of a tree row drawn in the search-match style."""
    view = tree(app)
    match = view.get_component_rich_style("thread-view--match")
    strip = view.render_line(row - int(view.scroll_offset.y))
    return "".join(seg.text for seg in strip if seg.style is not None and seg.style.bgcolor == match.bgcolor)


def row_of(app: ThreadExplorerApp, needle: str) -> int:
    """Index of the first visible row containing `needle` (-1 if none)."""
    for number, line in enumerate(rows(app)):
        if needle in line:
            return number
    return -1


async def wait_for_search(pilot: object, app: ThreadExplorerApp) -> None:
    """Let the search worker finish and its results reach the tree."""
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


async def burst(pilot: object, *keys: str) -> None:
    """Send keys the way a fast typist or a paste does: all queued at once, before the app handles the first
    (Pilot's `press` waits for each key to be handled, which hides races with focus changes)."""
    from textual import events

    app = pilot.app  # type: ignore[attr-defined]
    for key in keys:
        name = {"/": "slash", " ": "space", "?": "question_mark"}.get(key, key)
        event = events.Key(name, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
