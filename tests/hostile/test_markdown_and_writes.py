"""Markdown cannot gain structure from any field, and files are written whole or not at all."""

from __future__ import annotations

import errno
import os
import re
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_helpers import assert_one_line_error, run_cli
from paths import FIXTURES

from thread_explorer.cli import output
from thread_explorer.core import atomic
from thread_explorer.core.export import export_thread
from thread_explorer.core.model import Comment, ReplyMarker, Thread, make_placeholder
from thread_explorer.ui.screens.export import write_export

INJECTED = "x\n# INJECTED\n> quoted\n- item\n1. first\n[link](http://e)\n<b>html</b>"


def hostile_thread() -> Thread:
    """Every field Markdown shows, each holding new lines that would start a heading, quote, list or link."""
    missing = make_placeholder("missing-" + INJECTED, INJECTED, explanation="e")
    child = Comment(id=INJECTED, text="reply", author=INJECTED, reply_to=ReplyMarker(INJECTED, INJECTED))
    orphan = Comment(id="o", text=INJECTED, author="a", reply_to=ReplyMarker(INJECTED, INJECTED, 3))
    missing.replies.append(orphan)
    orphan.parent = missing
    root = Comment(id="r", text="body", author=INJECTED, replies=[child])
    child.parent = root
    return Thread(source=INJECTED, comments=[root, missing])


def test_no_field_can_start_a_markdown_line() -> None:
    text = export_thread(hostile_thread(), "markdown")
    starts = [line.lstrip() for line in text.splitlines() if line.strip()]
    assert starts[0].startswith("# x") and "INJECTED" in starts[0]  # the title: the source on one line
    for line in starts[1:]:
        assert not line.startswith(("#", ">", "1.", "[", "<")), line
    assert not re.search(r"(?<!\\)\]\(http", text) and not re.search(r"(?<!\\)<b>", text)
    assert text.count("- ") >= 4  # root, child, placeholder, orphan: nothing dropped


def test_a_generic_json_author_with_a_newline_gives_no_heading(tmp_path: Path) -> None:
    source = tmp_path / "a.json"
    source.write_text('[{"id": "1", "author": "x\\n# INJECTED", "text": "t"}]', encoding="utf-8")
    result = run_cli("export", str(source), "-f", "markdown")
    assert result.status == 0
    assert "\n# INJECTED" not in result.stdout.decode() and "**x # INJECTED**" in result.stdout.decode()


def test_a_failed_write_keeps_the_old_file_and_leaves_no_fragment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_text("the good old export", encoding="utf-8")
    real_fsync = os.fsync
    monkeypatch.setattr(
        atomic.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left on device"))
    )
    line = assert_one_line_error(run_cli("export", str(FIXTURES / "hn_items.json"), "-o", str(target)))
    assert "No space left on device" in line
    assert target.read_text(encoding="utf-8") == "the good old export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no temporary file left beside it
    monkeypatch.setattr(atomic.os, "fsync", real_fsync)
    assert run_cli("export", str(FIXTURES / "hn_items.json"), "-o", str(target)).status == 0
    assert target.read_text(encoding="utf-8").startswith('{\n  "schema"')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_write_output_keeps_an_existing_files_mode_and_refuses_exclusive_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    output.write_output("new", str(target))
    assert target.read_text(encoding="utf-8") == "new" and (target.stat().st_mode & 0o777) == 0o600
    with pytest.raises(FileExistsError):
        atomic.write_atomic(target, "newer", overwrite=False)
    assert target.read_text(encoding="utf-8") == "new" and len(list(tmp_path.iterdir())) == 1


def test_a_confirmed_overwrite_in_the_app_that_fails_keeps_the_good_file(tmp_path: Path) -> None:
    target = tmp_path / "thread.md"
    target.write_text("the good file", encoding="utf-8")

    def chunks() -> Iterator[bytes]:
        yield b"a new export " * 1000
        raise OSError(errno.ENOSPC, "No space left on device")  # the disk fills up mid-write

    with pytest.raises(OSError, match="No space left"):
        write_export(target, chunks(), overwrite=True)
    assert target.read_text(encoding="utf-8") == "the good file"
    assert [p.name for p in tmp_path.iterdir()] == ["thread.md"]


def drain(fifo: Path) -> tuple[threading.Thread, list[bytes]]:
    """A reader on the other end of a FIFO, as `cmd -o fifo` has when another program reads the output."""
    got: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:
            got.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return reader, got


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_an_export_to_a_fifo_or_device_is_written_into_it_not_renamed_over_it(tmp_path: Path) -> None:
    """`-o /dev/null` replaced the device with a regular file (the atomic rename): as root that broke every
    program on the machine that writes to /dev/null. A FIFO stands in for the device here."""
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader, got = drain(fifo)
    assert run_cli("export", str(FIXTURES / "hn_items.json"), "-o", str(fifo)).status == 0
    reader.join(10)
    assert got and got[0].startswith(b'{\n  "schema"')
    assert stat.S_ISFIFO(fifo.stat().st_mode) and [p.name for p in tmp_path.iterdir()] == ["out.fifo"]
    reader, got = drain(fifo)  # the app's export dialog writes the same way
    assert write_export(fifo, iter([b"from ", b"the app"]), overwrite=False)
    reader.join(10)
    assert got == [b"from the app"] and stat.S_ISFIFO(fifo.stat().st_mode)


def test_an_export_through_a_symbolic_link_replaces_the_file_it_names_and_keeps_the_link(
    tmp_path: Path,
) -> None:
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    assert run_cli("export", str(FIXTURES / "hn_items.json"), "-o", str(link)).status == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith('{\n  "schema"')
    assert write_export(link, iter([b"from the app"]), overwrite=True)
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "from the app"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest.json", "real.json"]


def test_an_exclusive_write_where_the_file_system_has_no_hard_links_still_refuses_an_existing_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's export dialog writes without overwriting until the user confirms: on a file system without
    hard links (os.link fails) the new file is still written and an existing one still refused."""

    def no_links(source: str, target: str) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "link", no_links)
    target = tmp_path / "thread.md"
    assert write_export(target, iter([b"first"]), overwrite=False)
    with pytest.raises(FileExistsError):
        write_export(target, iter([b"second"]), overwrite=False)
    assert target.read_text(encoding="utf-8") == "first" and [p.name for p in tmp_path.iterdir()] == [
        "thread.md"
    ]
