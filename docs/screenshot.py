"""Regenerate docs/screenshot.svg, the README's picture: the bundled sample page (the one `thread-explorer`
opens without a file), Usura's reply selected, so the detail pane shows the text first.

Run from the repository root: python docs/screenshot.py (settings come from a fresh temporary folder, so a
reader's own theme or split does not leak into the picture).
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

from thread_explorer.core.load import load_thread
from thread_explorer.ui.app import ThreadExplorerApp
from thread_explorer.ui.launch import SAMPLE_NAME
from thread_explorer.ui.settings import CONFIG_ENV

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "thread_explorer" / "sample" / SAMPLE_NAME
TARGET = ROOT / "docs" / "screenshot.svg"
NOW = 1_524_268_800.0  # two days after the page was saved: ages as a reader saw them


async def main() -> None:
    """Drive the app with real keys and save what the terminal shows."""
    thread = load_thread(str(SOURCE))
    app = ThreadExplorerApp(thread, title=f"{SAMPLE_NAME} (bundled sample)", now=NOW)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.press("j", "j")
        await pilot.pause()
        TARGET.write_text(app.export_screenshot(title="thread-explorer"), encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        os.environ[CONFIG_ENV] = folder
        asyncio.run(main())
