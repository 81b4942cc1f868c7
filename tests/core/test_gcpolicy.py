"""The collector policy: paused while a thread is built, back on afterwards, the built objects kept alive."""

from __future__ import annotations

import gc

import pytest
from paths import SEED

from thread_explorer.core.errors import InputError
from thread_explorer.core.gcpolicy import collector_paused
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
