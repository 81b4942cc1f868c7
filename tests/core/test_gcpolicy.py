"""The collector policy: paused while a thread is built, back on afterwards, the built objects kept alive."""

from __future__ import annotations

import gc

import pytest
from paths import SEED

from thread_explorer.core.errors import InputError
from thread_explorer.core.gcpolicy import collector_paused, kept_frozen, release_frozen
from thread_explorer.core.load import load_text, load_thread


def test_the_collector_is_paused_inside_and_restored_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause does not switch it back on early
    assert gc.isenabled()


def test_a_caller_that_switched_it_off_keeps_it_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_back_on_after_a_read_that_fails() -> None:
    with pytest.raises(InputError, match="not valid JSON"):
        load_text('{"schema": "thread-explorer/1", "comments": [{"id": "c1", ')
    assert gc.isenabled()


def test_a_thread_built_while_paused_is_whole_and_collectable() -> None:
    thread = load_thread(str(SEED))
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # nothing left frozen for the rest of the process
    assert [c.id for c in thread.walk()][:3] == ["c14", "c18", "c25"]


def test_reading_page_after_page_keeps_memory_bounded() -> None:
    """A scan or an extraction parses one page, keeps its counts and drops it: the pages' reply trees (cycles:
    each comment points to its parent) must be collected as they go, not pile up until a full collection."""
    import tracemalloc

    from thread_explorer.core.flatpage.generate import generate_page
    from thread_explorer.core.flatpage.reader import parse_text

    pages = [generate_page(15, seed=n) for n in range(8)]

    def peak(rounds: int) -> int:
        tracemalloc.start()
        for _ in range(rounds):
            for page in pages:
                parse_text(page).stats()
        size = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return size

    assert peak(30) < 3 * peak(3)  # it grows a little while the generations fill, then stays


def test_a_thread_kept_frozen_stays_out_of_full_collections_until_released() -> None:
    """The app's policy: a full collection would walk every comment of the thread it shows again (a quarter of
    a second at 100,000 comments, at some key press); frozen, it does not, and a thread no longer shown is
    freed once released."""
    with kept_frozen():
        thread = load_thread(str(SEED))
        frozen = gc.get_freeze_count()
        first = thread.comments[0]
        assert not any(o is first for o in gc.get_objects())  # not among what a collection walks
        comments = sum(1 for _ in thread.walk())
        del thread, first
        release_frozen()  # the thread (cycles: replies and parent links) is garbage now
        assert gc.get_freeze_count() <= frozen - comments
    assert gc.get_freeze_count() == 0  # unfrozen afterwards: the rest of the process is as it was
