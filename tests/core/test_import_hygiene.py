"""The core stays pure: importing it (every submodule) and the command line's module never loads Textual.

After tconbeer/harlequin's tests/unit_tests/test_import_hygiene.py: a fresh interpreter, so nothing imported
by other tests can hide a stray import.
"""

from __future__ import annotations

import json
import subprocess
import sys

CHECK = """
import importlib, json, pkgutil, sys
import thread_explorer.core as core
names = [m.name for m in pkgutil.walk_packages(core.__path__, core.__name__ + ".")]
for name in names:
    importlib.import_module(name)
import thread_explorer.cli
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(json.dumps({"modules": names, "textual": loaded}))
"""


def test_core_and_cli_import_without_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {"thread_explorer.core.search", "thread_explorer.core.export", "thread_explorer.core.load"} <= set(
        report["modules"]
    )
    assert report["textual"] == [], f"the core imported Textual: {report['textual']}"
