"""Regenerate docs/screenshot.svg, the README's picture: the generated 500-comment sample page, every thread
folded, then a misspelt search ("goverment") that opens the way to the best match and highlights it.

Run from the repository root: python docs/screenshot.py
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from thread_explorer.core.load import load_thread
from thread_explorer.ui.app import ThreadExplorerApp

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "sample_data" / "generated_500.txt"
TARGET = ROOT / "docs" / "screenshot.svg"


async def main() -> None:
    """Drive the app with real keys and save what the terminal shows."""
    thread = load_thread(str(SOURCE))
    app = ThreadExplorerApp(thread, title=SOURCE.name)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.press("minus", "slash", *"goverment")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        TARGET.write_text(app.export_screenshot(title="thread-explorer"), encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    asyncio.run(main())
