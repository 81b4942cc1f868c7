"""pytest set-up for the UI tests: a fixture for a temporary working folder (the async runner and the
temporary settings folder are in tests/conftest.py, shared with the hostile suite)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Run in an empty temporary folder (exports default to the current folder)."""
    monkeypatch.chdir(tmp_path)
    yield tmp_path
