"""Settings that last between runs: theme, pane split, the detail pane's diagnostics, time format, export format.

Saved as JSON in the user's config folder (platformdirs: `~/.config/thread-explorer/settings.json` on Linux);
`THREAD_EXPLORER_CONFIG_DIR` points elsewhere (the tests use a temporary folder). A missing or broken file
gives the defaults; a write that fails is ignored (settings are a convenience, never a reason to stop).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

from thread_explorer.core.atomic import special_target, write_atomic
from thread_explorer.core.export import EXPORT_FORMATS

__all__ = ["CONFIG_ENV", "SPLITS", "TIME_FORMATS", "Settings", "settings_path"]

CONFIG_ENV = "THREAD_EXPLORER_CONFIG_DIR"
TIME_FORMATS = ("auto", "relative", "absolute")
SPLITS = (2, 3, 4)  # the tree's share (width, or height when stacked) against the detail pane's 2


def settings_path() -> Path:
    """Where the settings live."""
    folder = os.environ.get(CONFIG_ENV) or user_config_dir("thread-explorer", appauthor=False)
    return Path(folder) / "settings.json"


@dataclass
class Settings:
    """What the app remembers. `split`: the tree's share against the detail pane's 2 (2, 3 or 4)."""

    theme: str = "textual-dark"
    split: int = 3
    show_info: bool = False  # the detail pane's diagnostics (breadcrumb, explanation, source lines), key `i`
    time_format: str = (
        "auto"  # "relative" (ages), "absolute" (dates) or "auto" (dates for mail only), key `t`
    )

    export_format: str = "json"  # the export dialog's format at first: the last one written

    @classmethod
    def load(cls) -> Settings:
        """The saved settings, or the defaults for anything missing, unknown or of the wrong type (or for a FIFO
        or device there: reading a FIFO would hold the app's start until something writes into it)."""
        if special_target(str(settings_path())):
            return cls()
        try:
            data: Any = json.loads(settings_path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        settings = cls()
        if isinstance(data, dict):
            for item in fields(cls):
                value = data.get(item.name)
                if isinstance(value, type(getattr(settings, item.name))):
                    setattr(settings, item.name, value)
        if settings.split not in SPLITS:
            settings.split = 3
        if settings.time_format not in TIME_FORMATS:
            settings.time_format = "auto"
        if settings.export_format not in EXPORT_FORMATS:
            settings.export_format = "json"
        return settings

    def absolute_for(self, thread_format: str) -> bool:
        """Dates rather than ages for a thread of this format."""
        if self.time_format == "auto":
            return thread_format == "mbox"
        return self.time_format == "absolute"

    def save(self) -> None:
        """Write the settings atomically (write_atomic: a settings file that is a link, as dotfile managers
        make, stays a link and the file it names is replaced)."""
        path = settings_path()
        if special_target(str(path)):  # /dev/null to keep nothing; a FIFO nobody reads would hold the app
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, json.dumps(asdict(self), indent=2))
        except OSError:
            return
