"""Run a load in a daemon thread and hand back a Future: quitting during a long load must not wait for it
(a Textual worker would be waited for)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

__all__ = ["in_background"]

T = TypeVar("T")


def in_background(job: Callable[[], T]) -> Future[T]:
    """Start `job` in a daemon thread; its result or error lands in the returned future."""
    future: Future[T] = Future()

    def run() -> None:
        try:
            future.set_result(job())
        except BaseException as error:  # noqa: BLE001 - handed to whoever waits on the future
            future.set_exception(error)

    threading.Thread(target=run, name="thread-explorer-load", daemon=True).start()
    return future
