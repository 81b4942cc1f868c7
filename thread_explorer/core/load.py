"""Open any input the program reads: decode it, pick its format from the content (or `--format`), parse it.

Format detection: each registered format (see `formats/__init__.py`) is asked in turn whether the first 64 KiB
of text look like it; the first that says yes reads the input, and flat page text is the fallback. JSON is
recognised when the text starts with `{` or `[` and parses, or when it is plainly meant as JSON (it starts
with `{"`, `[{`, `[[`, `["` or `[]` and ends with the matching bracket): then broken JSON is reported with its
line and column instead of being read as a page. Any other text, even one that starts with `[`, is page text.
`format="json"` (or another name) skips detection. Empty (or blank) input is an empty thread, never an error.
"""

from __future__ import annotations

from types import ModuleType

from .decode import InputError, display_name, read_text
from .formats import format_modules
from .formats.generic_json import SNIFF_CHARS, meant_as_json
from .model import Thread

MARKER_CHOICES = ("auto", "before", "after")


def format_by_name(name: str) -> ModuleType:
    """The format module called `name` (any case); an unknown name raises InputError listing the choices."""
    modules = format_modules()
    for module in modules:
        if module.NAME == name.strip().lower():
            return module
    names = ", ".join(module.NAME for module in modules)
    raise InputError(f"unknown input format {name!r}; choose from: {names}")


def detect_format(text: str) -> ModuleType:
    """The first registered format whose sniff accepts the head of the text (flat text as the last resort)."""
    head = text[:SNIFF_CHARS]
    modules = format_modules()
    for module in modules:
        if module.sniff(head):
            chosen = module
            break
    else:
        chosen = modules[-1]
    if chosen.NAME == "text" and len(text) > SNIFF_CHARS and meant_as_json(text):
        # A long JSON document broken early on: report it rather than parse it as a page.
        return format_by_name("json")
    return chosen


def load_text(text: str, *, source: str = "", format: str | None = None, markers: str = "auto") -> Thread:
    """Parse text in the named format, or the detected one; InputError for unusable input."""
    if markers not in MARKER_CHOICES:
        raise InputError(f"unknown marker position {markers!r}; choose from: {', '.join(MARKER_CHOICES)}")
    module = format_by_name(format) if format else None
    if not text.strip():
        return Thread(source=source, format=module.NAME if module is not None else "text")
    if module is None:
        module = detect_format(text)
    return module.read(text, source=source, markers=markers)


def load_thread(path: str, *, format: str | None = None, markers: str = "auto") -> Thread:
    """Read, decode and parse a file (`-` = standard input); any problem is an InputError naming the path."""
    if format:
        format_by_name(format)  # an unknown format is reported before the file is read
    return load_text(read_text(path), source=display_name(path), format=format, markers=markers)
