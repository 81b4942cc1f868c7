"""Benchmarks that start fresh processes first compile the package's bytecode, as `pip install` does and as the
first run does on any machine that writes `__pycache__`: otherwise, where PYTHONDONTWRITEBYTECODE is set (some
containers and CI images), every process would compile every module again, about 0.1 s for the command line
and more for the app, which no installed copy pays."""

from __future__ import annotations

import compileall
import os

import thread_explorer


def compile_package() -> None:
    """Write the package's missing or stale .pyc files (quietly; a read-only tree is left as it is)."""
    compileall.compile_dir(os.path.dirname(thread_explorer.__file__), quiet=1)
