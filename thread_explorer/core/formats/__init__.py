"""Input formats: each module names itself, recognises its content and reads it into a `Thread`.

A format module defines `NAME: str`, `sniff(head: str) -> bool` (given the first 64 KiB of decoded text) and
`read(text: str, *, source: str, markers: str) -> Thread`. The first module in `FORMAT_MODULES` whose sniff says
yes reads the input; `--format NAME` skips sniffing. Flat text is the fallback and is always last.
"""

from __future__ import annotations

import importlib
from types import ModuleType

FORMAT_MODULES: list[str] = [
    "thread_explorer.core.formats.native",  # thread-explorer/1 export (round trip)
    "thread_explorer.core.formats.reddit",  # a Reddit thread's .json (Listings of t3/t1/more things)
    "thread_explorer.core.formats.hackernews",  # HN API items (JSON list) or Algolia's nested item tree
    "thread_explorer.core.formats.mbox",  # a mailing-list archive (mbox), threaded by Message-ID/References
    "thread_explorer.core.formats.generic_json",  # a JSON list of {id, parent, author, text} objects
    "thread_explorer.core.formats.flat_text",  # flattened page text with `In reply to` markers (fallback)
]


def format_modules() -> list[ModuleType]:
    """The registered format modules, in sniffing order."""
    return [importlib.import_module(name) for name in FORMAT_MODULES]


def format_names() -> list[str]:
    """The names `--format` accepts."""
    return [module.NAME for module in format_modules()]
