"""The cyclic garbage collector's policy for bulk building: paused while a big thread is built or loaded.

Building a thread allocates millions of small objects that all stay alive; the collector, triggered every few
hundred allocations, would traverse them again and again (a third of a large export's time, measured in issue
10) and find nothing to free. Pausing it around the build makes the cost per comment flat at every size.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused", "kept_frozen", "promote", "release_frozen"]


@contextmanager
def collector_paused(*, kept: bool = True) -> Iterator[None]:
    """Run the body with the cyclic collector off; it is switched back on afterwards if it was on (so nesting
    and callers that disabled it themselves are respected). Reference counting still frees what is dropped.
    `kept`: what the body built stays alive, so it is promoted past the young generations (see promote); a
    caller that builds and drops many small things (one page of a scan after another) passes False, or their
    cycles would wait for a full collection and pile up."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if kept:
                promote()
            gc.enable()


def promote() -> None:
    """Move every tracked object to the oldest generation without traversing it (freeze, then unfreeze).

    Without this, the first collection after a pause walks everything allocated meanwhile (a third of a second
    at 100,000 comments) only to find it all alive. A process that froze objects itself keeps them frozen."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
    else:
        gc.freeze()


@contextmanager
def kept_frozen() -> Iterator[None]:
    """Run the body with what exists now frozen (`gc.freeze`), and with it everything built later under
    `collector_paused` (promote freezes it too), so the collector's full passes never walk it: for a process
    that shows one big thread for a long time (the app), where a full pass would otherwise walk every comment
    again at some key press (a quarter of a second at 100,000 comments). Reference counting still frees frozen
    objects; cycles among them wait for `release_frozen`. Afterwards unfrozen, unless frozen before."""
    was_frozen = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        if not was_frozen:
            gc.unfreeze()


def release_frozen() -> None:
    """Let the collector free the frozen objects that have become garbage (a thread no longer shown), then
    freeze what is left again; nothing to do while nothing is frozen."""
    if gc.get_freeze_count() == 0:
        return
    gc.unfreeze()
    gc.collect()
    gc.freeze()
