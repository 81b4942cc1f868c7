"""Shared pytest set-up. Its folder is on sys.path (pytest's prepend import mode), so test files anywhere below
import the shared helpers by name: `from paths import FIXTURES, REALWORLD, SEED`.

`async def` tests (the app's, through Pilot) run in a fresh event loop: no asyncio plugin is needed, Pilot only
needs a loop. Every test keeps the app's settings in a temporary folder, never the user's."""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path

import pytest

from thread_explorer.ui.settings import CONFIG_ENV


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests with asyncio.run."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


@pytest.fixture(autouse=True)
def config_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app's settings are read and written in a temporary folder, never the user's."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv(CONFIG_ENV, str(folder))
    return folder
