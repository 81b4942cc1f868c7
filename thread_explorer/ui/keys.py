"""The one key table: every key of the app declared once, with its action, short name, help line and section.

Widgets take their BINDINGS from it (`bindings("tree")`), the help screen its sections (`help_sections`), the
command palette its entries (`palette_keys`) and the README its key table (`markdown_table`, checked by a test),
so that the footer, the help, the palette and the README always agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from textual.binding import Binding, BindingType

__all__ = [
    "EXPLORER_OWNERS",
    "KEYS",
    "PAGE_LIST_OWNERS",
    "Key",
    "bindings",
    "help_sections",
    "key_name",
    "markdown_table",
    "palette_keys",
]

# Who binds a key: the tree, the detail pane, the explorer screen, the app, the search field, the page list's
# rows and screen; "doc" keys are Textual's own (tab, ctrl+p) or handled by a widget without a binding (enter in
# the search field), listed for the reader only; "mouse" rows are what the mouse does.
OWNERS = (
    "tree",
    "detail",
    "screen",
    "app",
    "search",
    "pages",
    "page-list",
    "doc",
    "page-doc",
    "mouse",
    "page-mouse",
    "help",
    "stats",
    "goto",
    "links",
    "export",
    "formats",
    "confirm",
)


@dataclass(frozen=True)
class Key:
    """One binding: Textual key names (`"j,down"`), the action on its owner, a short description (footer,
    palette), the help screen's line, its section there, and its owner. `palette`: its name in the command
    palette (None: not offered there)."""

    keys: str
    action: str
    description: str
    help: str
    section: str
    owner: str
    show: bool = False
    key_display: str | None = None
    palette: str | None = None


MOVE, FOLD, READ, FIND, TYPING, ACT, PAGES, MOUSE, DIALOGS = (
    "Moving",
    "Folding",
    "Reading (detail pane)",
    "Search and filters",
    "While typing a search",
    "Actions",
    "Page list",
    "Mouse",
    "Dialogs",
)


def _tree(keys: str, action: str, description: str, help: str, section: str = MOVE, **extra: object) -> Key:
    return Key(keys, action, description, help, section, "tree", **extra)  # type: ignore[arg-type]


def _detail(keys: str, action: str, description: str, help: str, **extra: object) -> Key:
    return Key(keys, action, description, help, READ, "detail", **extra)  # type: ignore[arg-type]


KEYS: tuple[Key, ...] = (
    # ---------------------------------------------------------------- the tree
    _tree("j,down", "cursor_down", "Next comment", "Next visible comment"),
    _tree("k,up", "cursor_up", "Previous comment", "Previous visible comment"),
    _tree("g,home", "first", "First comment", "First comment (the article)"),
    _tree("G,end", "last", "Last comment", "Last visible comment"),
    _tree("pagedown", "page_down", "Page down", "A screen down"),
    _tree("pageup", "page_up", "Page up", "A screen up"),
    _tree("ctrl+d", "half_page(1)", "Half page down", "Half a screen down"),
    _tree("ctrl+u", "half_page(-1)", "Half page up", "Half a screen up"),
    _tree("J", "next_sibling", "Next sibling", "Next comment with the same parent"),
    _tree("K", "previous_sibling", "Previous sibling", "Previous comment with the same parent"),
    _tree("}", "next_thread", "Next thread", "Next top-level thread"),
    _tree("{", "previous_thread", "Previous thread", "Previous top-level thread (first: the top of this one)"),
    _tree(
        "p", "parent", "Parent", "Jump to the parent of the selected comment", show=True, palette="Jump to parent"
    ),
    _tree(
        "backspace",
        "back",
        "Back",
        "Back to where the last jump (p, n, *, :, g, G, { or }) started; repeat to walk further back",
        show=True,
        key_display="⌫",
        palette="Back",
    ),
    _tree(
        "l,right",
        "expand",
        "Unfold / first reply",
        "Unfold the selected comment, or go to its first reply when it is open",
        FOLD,
    ),
    _tree(
        "h,left",
        "collapse",
        "Fold / parent",
        "Fold the selected comment, or go to its parent when it is folded or a leaf",
        FOLD,
    ),
    _tree(
        "space,enter",
        "toggle_fold",
        "Fold",
        "Fold or unfold the selected comment; on a leaf or the article: read it in the detail pane",
        FOLD,
        show=True,
        key_display="space",
    ),
    _tree("-", "fold_all", "Fold all", "Fold every thread to its top-level comment", FOLD, palette="Fold all threads"),
    _tree("+", "unfold_all", "Unfold all", "Open every comment", FOLD, palette="Unfold all"),
    *(
        _tree(
            str(n),
            f"depth({n})",
            "Show depth 1-9",
            "Show the tree down to that many levels (1: top-level comments only)",
            FOLD,
            palette=f"Show depth {n}",
        )
        for n in range(1, 10)
    ),
    Key(
        "/",
        "search",
        "Search",
        "Fuzzy search the article, comments and authors as you type (typos welcome; \"quotes\" for a phrase)",
        FIND,
        "screen",
        show=True,
        palette="Search",
    ),
    Key(
        "escape",
        "leave_search",
        "Leave search / filter",
        "Leave search (highlights and match filter go, the selection stays); else drop the author filter; "
        "else back to the page list of a file of many threads",
        FIND,
        "screen",
    ),
    _tree("n", "next_match", "Next match", "Next search match in page order (says when it wraps)", FIND),
    _tree("N", "previous_match", "Previous match", "Previous search match in page order (says when it wraps)", FIND),
    _tree(
        "f",
        "toggle_filter",
        "Only matches",
        "Hide comments that do not match the search (their ancestors stay, dimmed); again: show all",
        FIND,
        palette="Only matches",
    ),
    _tree(
        "a",
        "author_filter",
        "Only this author",
        "Show only the selected comment's author (ancestors stay, dimmed); again: everyone",
        FIND,
        palette="Only this author",
    ),
    _tree(
        "*",
        "next_by_author",
        "Next by same author",
        "Next comment by the selected comment's author, in page order (wraps around)",
        FIND,
        palette="Next by the same author",
    ),
    # ---------------------------------------------------------------- the detail pane
    _detail("j,down", "scroll_down", "Line down", "Scroll a line down"),
    _detail("k,up", "scroll_up", "Line up", "Scroll a line up"),
    _detail("space,pagedown,ctrl+f", "page(1)", "Page down", "A page down (as in less)"),
    _detail("b,pageup,ctrl+b", "page(-1)", "Page up", "A page up"),
    _detail("ctrl+d", "half_page(1)", "Half page down", "Half a page down"),
    _detail("ctrl+u", "half_page(-1)", "Half page up", "Half a page up"),
    _detail("g,home", "top", "Top", "To the top of the comment"),
    _detail("G,end", "bottom", "Bottom", "To the end of the comment"),
    _detail("escape,h,left", "close", "Back to the tree", "Back to the tree", show=True),
    Key(
        "i",
        "toggle_info",
        "Details",
        "Show or hide how the comment was read: breadcrumb, full explanation, bounds, marker, source lines (remembered)",
        READ,
        "screen",
        palette="Show or hide details",
    ),
    Key(
        "t",
        "time_format",
        "Dates / ages",
        "Show dates or ages (mail shows dates at first; remembered)",
        READ,
        "screen",
        palette="Dates or ages",
    ),
    Key(
        "r",
        "markdown",
        "Rendered",
        "Show Markdown rendered or as written (Reddit, Hacker News, Discourse; links are never followed)",
        READ,
        "screen",
        palette="Rendered Markdown",
    ),
    Key(
        ":",
        "goto",
        "Go to",
        "Go to a comment by id or source line number (opens folded ancestors; backspace comes back)",
        MOVE,
        "screen",
        palette="Go to comment…",
    ),
    Key(
        "o",
        "links",
        "Links",
        "List the links in the selected comment: enter opens one in the browser, Y copies it",
        READ,
        "screen",
        palette="Open a link…",
    ),
    Key(
        "s",
        "sort",
        "Sort",
        "Sibling order: page order, score, time, most replies (those the source has; the view stays)",
        FOLD,
        "screen",
        palette="Next sibling order",
    ),
    Key("S", "stats", "Statistics", "Thread statistics: depth, time, top authors, attachment", ACT, "screen", palette="Thread statistics"),
    Key("<", "split(-1)", "Smaller tree", "Smaller tree, larger detail pane: width side by side, height stacked (remembered)", READ, "screen"),
    Key(">", "split(1)", "Larger tree", "Larger tree, smaller detail pane: width side by side, height stacked (remembered)", READ, "screen"),
    # ---------------------------------------------------------------- the explorer screen
    Key(
        "e",
        "export",
        "Export",
        "Export the selected subtree (the whole thread from the article) as JSON, Markdown or text; "
        "esc cancels, even while it writes",
        ACT,
        "screen",
        show=True,
        palette="Export subtree…",
    ),
    Key(
        "y",
        "copy",
        "Copy as Markdown",
        "Copy the selected subtree as Markdown to the clipboard (OSC 52; up to 1 MB, beyond that export with e)",
        ACT,
        "screen",
        palette="Copy subtree as Markdown",
    ),
    # ---------------------------------------------------------------- while typing a search
    Key(
        "escape",
        "leave",
        "Leave search",
        "Leave search: highlights and the match filter go, the selection stays",
        TYPING,
        "search",
        show=True,
    ),
    Key("down", "step(1)", "Next match", "Next match", TYPING, "search", show=True, key_display="↓"),
    Key("up", "step(-1)", "Previous match", "Previous match", TYPING, "search", show=True, key_display="↑"),
    Key(
        "ctrl+f",
        "filter",
        "Only matches",
        "Hide comments that do not match (their ancestors stay, dimmed); again: show all",
        TYPING,
        "search",
        show=True,
    ),
    Key("enter", "", "Done", "Done: back to the tree, matches kept", TYPING, "doc"),
    # ---------------------------------------------------------------- the app and Textual's own
    Key("tab", "", "Focus", "Switch between the tree and the detail pane", ACT, "doc"),
    Key("ctrl+p", "", "Palette", "Command palette: every action by name", ACT, "doc"),
    Key("?", "help", "Help", "This list of keys", ACT, "app", show=True),
    Key("q", "quit", "Quit", "Quit", ACT, "app", show=True),
    # ---------------------------------------------------------------- mouse (the tree)
    Key("click", "", "Select", "Select a comment", MOUSE, "mouse"),
    Key("click ▸ / ▾", "", "Fold", "Fold / unfold it", MOUSE, "mouse"),
    Key("double click", "", "Read", "Fold / unfold it, or read a leaf in the detail pane", MOUSE, "mouse"),
    Key("wheel", "", "Scroll", "Scroll", MOUSE, "mouse"),
    # ---------------------------------------------------------------- the page list
    Key("enter", "select", "Open", "Open the page under the cursor", PAGES, "pages", show=True),
    Key("j,down", "move(1)", "Down", "Next page", PAGES, "pages"),
    Key("k,up", "move(-1)", "Up", "Previous page", PAGES, "pages"),
    Key("pagedown", "page(1)", "Page down", "A screen down", PAGES, "pages"),
    Key("pageup", "page(-1)", "Page up", "A screen up", PAGES, "pages"),
    Key("g,home", "edge(0)", "First", "First page", PAGES, "pages"),
    Key("G,end", "edge(1)", "Last", "Last page", PAGES, "pages"),
    Key("m", "toggle_markers", "With threads / all", "Only pages with threads, or every page", PAGES, "page-list", show=True),
    Key("/", "search", "Search", "Fuzzy search urls and titles as you type", PAGES, "page-list", show=True),
    Key("escape", "leave_search", "Leave search", "Leave the search; the page under the cursor stays", PAGES, "page-list"),
    Key("escape", "", "Back", "In a page: back to this list, its place kept", PAGES, "page-doc"),
    # ---------------------------------------------------------------- dialogs (each lists its keys on itself)
    Key("escape,q,?", "dismiss", "Close help", "Close the help", DIALOGS, "help", show=True),
    Key("j,down", "help_line(1)", "Down", "Scroll down a line", DIALOGS, "help"),
    Key("k,up", "help_line(-1)", "Up", "Scroll up a line", DIALOGS, "help"),
    Key("g,home", "help_edge(0)", "Top", "The top of the list", DIALOGS, "help"),
    Key("G,end", "help_edge(1)", "Bottom", "The end of the list", DIALOGS, "help"),
    Key("escape,q,S", "dismiss", "Close", "Close the statistics", DIALOGS, "stats", show=True),
    Key("escape", "dismiss(None)", "Cancel", "Do not go anywhere", DIALOGS, "goto", show=True),
    Key("enter", "choose('open')", "Open in browser", "Open the link in the browser", DIALOGS, "links", show=True),
    Key("Y", "choose('copy')", "Copy link", "Copy the link to the clipboard", DIALOGS, "links", show=True),
    Key("escape", "dismiss(None)", "Close", "Close the list of links", DIALOGS, "links", show=True),
    Key("escape", "cancel", "Cancel", "Close; a write under way stops and leaves no file", DIALOGS, "export", show=True),
    Key("down,right,j", "step(1)", "Next format", "Next format", DIALOGS, "formats"),
    Key("up,left,k", "step(-1)", "Previous format", "Previous format", DIALOGS, "formats"),
    Key("enter", "confirm", "Export", "Export in this format", DIALOGS, "formats"),
    Key("y", "answer(True)", "Yes", "Yes", DIALOGS, "confirm", show=True),
    Key("n,escape", "answer(False)", "No", "No", DIALOGS, "confirm", show=True),
    Key("click", "", "Select", "Select a page", MOUSE, "page-mouse"),
    Key("double click", "", "Open", "Open it", MOUSE, "page-mouse"),
    Key("wheel", "", "Scroll", "Scroll", MOUSE, "page-mouse"),
)  # fmt: skip

KEY_NAMES = {
    "down": "↓", "up": "↑", "left": "←", "right": "→", "home": "Home", "end": "End", "pagedown": "PgDn",
    "pageup": "PgUp", "space": "Space", "enter": "Enter", "backspace": "Backspace", "escape": "Esc",
    "tab": "Tab", "minus": "-", "plus": "+", "asterisk": "*", "slash": "/", "question_mark": "?",
    "left_curly_bracket": "{", "right_curly_bracket": "}", "colon": ":",
}  # fmt: skip


def key_name(key: str) -> str:
    """How a key is written for people: `ctrl+f` -> `Ctrl+F`, `down` -> `↓`, single characters as they are."""
    key = key.strip()
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    if "+" in key and len(key) > 1 and " " not in key:
        *mods, last = key.split("+")
        return "+".join([m.capitalize() for m in mods] + [KEY_NAMES.get(last, last.upper())])
    return key


def bindings(owner: str) -> list[BindingType]:
    """The Textual bindings of one owner (a widget's BINDINGS)."""
    return [
        Binding(
            k.keys,
            k.action,
            k.description,
            show=k.show,
            key_display=k.key_display,
            tooltip=k.help,
        )
        for k in KEYS
        if k.owner == owner
    ]


def _rows(keys: Iterable[Key]) -> list[tuple[str, str]]:
    """(keys, help) rows; keys that share a description and help share a row (`1…9`)."""
    rows: dict[tuple[str, str], list[str]] = {}
    for k in keys:
        names = rows.setdefault((k.description, k.help), [])
        for key in [k.keys] if k.owner in ("mouse", "page-mouse") else k.keys.split(","):
            name = key_name(key)
            if name not in names:
                names.append(name)
    out: list[tuple[str, str]] = []
    for (_, text), names in rows.items():
        if len(names) > 3 and all(len(n) == 1 and n.isdigit() for n in names):
            out.append((f"{names[0]}…{names[-1]}", text))
        else:
            out.append((" / ".join(names), text))
    return out


EXPLORER_OWNERS = ("tree", "detail", "screen", "search", "doc", "app", "mouse")
PAGE_LIST_OWNERS = ("pages", "page-list", "page-doc", "app", "page-mouse")


def help_sections(owners: Sequence[str] = EXPLORER_OWNERS) -> list[tuple[str, list[tuple[str, str]]]]:
    """The help screen's sections for keys of these owners, in the order the sections first appear."""
    chosen = [k for k in KEYS if k.owner in owners]
    titles: list[str] = []
    for owner in owners:
        for k in chosen:
            if k.owner == owner and k.section not in titles:
                titles.append(k.section)
    for k in chosen:
        if k.section not in titles:
            titles.append(k.section)
    titles.sort(key=lambda title: title == MOUSE)  # the mouse last
    return [(title, _rows(k for k in chosen if k.section == title)) for title in titles]


def palette_keys() -> list[Key]:
    """The keys offered by name in the command palette of the explorer."""
    return [k for k in KEYS if k.palette is not None]


def markdown_table(owners: Sequence[str] = EXPLORER_OWNERS) -> str:
    """The README's key table: every key of the explorer by section."""
    lines = ["| keys | what they do |", "| --- | --- |"]
    for title, rows in help_sections(owners):
        lines.append(f"| **{title}** | |")
        for keys, text in rows:
            shown = " / ".join(f"`{group}`" for group in keys.split(" / "))
            escaped = text.replace("|", "\\|")
            lines.append(f"| {shown} | {escaped} |")
    return "\n".join(lines)
