"""Input that is not a plain file: a FIFO (as `<(...)` and /dev/stdin on a pipe are) where FILE goes."""

from __future__ import annotations

import contextlib
import fcntl
import os
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile_helpers import assert_one_line_error, run_cli
from paths import REALWORLD, ROOT, SEED

from thread_explorer.ui.settings import CONFIG_ENV

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")

DATASET = REALWORLD / "datasets" / "derived_dolma_plus_alvin.jsonl"
TAKE_TERMINAL = (  # open the terminal named first (a session leader's first terminal becomes its own), then run
    "import os, sys; os.close(os.open(sys.argv[1], os.O_RDWR)); "
    "os.execv(sys.executable, [sys.executable, '-m', 'thread_explorer', sys.argv[2]])"
)


@contextlib.contextmanager
def fed_fifo(folder: Path, data: bytes) -> Iterator[Path]:
    """A FIFO with a writer on the other end, as `mkfifo p; cat FILE > p &` gives; a writer still waiting for a
    reader at the end (the command never opened it) is let go."""
    fifo = folder / "pages.jsonl"
    os.mkfifo(fifo)

    def feed() -> None:
        with contextlib.suppress(BrokenPipeError), open(fifo, "wb") as handle:
            handle.write(data)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        yield fifo
    finally:
        let_go(fifo, writer)


def let_go(fifo: Path, writer: threading.Thread) -> None:
    """End a writer the command never read from: open the FIFO's other end and read until the writer is done."""
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        deadline = time.monotonic() + 5
        while writer.is_alive() and time.monotonic() < deadline:
            with contextlib.suppress(BlockingIOError):
                os.read(fd, 1 << 16)
            writer.join(0.01)
    finally:
        os.close(fd)


def test_a_format_read_by_name_refuses_a_fifo_with_its_own_line(tmp_path: Path) -> None:
    """`--input-format dataset` on a FIFO said "output: File or stream is not seekable" (an input named as
    the output), and waited forever on one that nobody writes into."""
    with fed_fifo(tmp_path, DATASET.read_bytes()) as fifo:
        result = run_cli("stats", "--input-format", "dataset", str(fifo))
    line = assert_one_line_error(result, f"{fifo}: a pipe or device, which can be read only once: ")
    assert line.endswith(
        "the dataset format reads its input by name, more than once (save it to a file first)"
    )


def test_scan_of_a_dataset_through_a_fifo_says_it_needs_the_file_not_that_it_is_no_dataset(
    tmp_path: Path,
) -> None:
    """`scan pages.jsonl` where pages.jsonl is a FIFO said "not a dataset file (JSON Lines, ...)" of what, as a
    file of that name, is a dataset (one page): it is the pipe that scan cannot use, as it cannot use standard
    input. (Two pages or more in a pipe are found to be a dataset as they are read: see the next test.)"""
    with fed_fifo(tmp_path, DATASET.read_bytes().splitlines(keepends=True)[0]) as fifo:
        result = run_cli("scan", str(fifo))
    line = assert_one_line_error(result, f"{fifo}: a pipe or device, which can be read only once: scan reads")
    assert "not a dataset file" not in line


@pytest.mark.parametrize("command", ["stats", "export", "search"])
def test_a_dataset_through_a_pipe_or_standard_input_is_refused_not_read_as_a_thread_of_pages(
    tmp_path: Path, command: str
) -> None:
    """`export <(zcat pages.jsonl.gz)`, `stats - < pages.jsonl`: never seen by the dataset reader (it reads by
    name), the pages were read as the top-level comments of one JSON thread, exit 0."""
    search = ["Java"] if command == "search" else []
    with fed_fifo(tmp_path, DATASET.read_bytes()) as fifo:
        line = assert_one_line_error(run_cli(command, str(fifo), *search), f"{fifo}: JSON Lines of pages (a ")
    assert line.endswith("not from standard input or a pipe: give the file (or --input-format json if its lines "
                         "are the comments of one thread)")  # fmt: skip
    result = run_cli(command, "-", *search, stdin=DATASET.read_bytes())
    assert_one_line_error(result, "<stdin>: JSON Lines of pages (a dataset), which is read from its file")
    assert run_cli(command, "--input-format", "json", "-", *search, stdin=DATASET.read_bytes()).status == 0


@dataclass
class OnTerminal:
    """The app running on a pseudo-terminal of its own: what it has drawn so far, and the terminal's other end."""

    app: subprocess.Popen[bytes]
    master: int
    screen: bytearray

    def wait_for(self, text: bytes, deadline: float) -> bool:
        """Whether `text` shows before the deadline (or the app ends)."""
        while text not in self.screen and time.monotonic() < deadline and self.app.poll() is None:
            time.sleep(0.05)
        return text in self.screen

    def quit(self) -> int:
        """Press q; the app's exit status."""
        os.write(self.master, b"q")
        return self.app.wait(10)


@contextlib.contextmanager
def on_terminal(tmp_path: Path, target: str, stdin: int | None) -> Iterator[OnTerminal]:
    """`thread-explorer TARGET` in a session whose terminal (/dev/tty) is a new 80x24 pseudo-terminal; `stdin`
    None: standard input is that terminal too."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", CONFIG_ENV: str(tmp_path)}
    app = subprocess.Popen(  # a session of its own, whose terminal (/dev/tty) the pseudo-terminal becomes
        [sys.executable, "-c", TAKE_TERMINAL, os.ttyname(slave), target],
        stdin=slave if stdin is None else stdin, stdout=slave, stderr=slave, env=env, cwd=ROOT,
        start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    running = OnTerminal(app, master, bytearray())
    threading.Thread(target=lambda: drain_into(master, running.screen), daemon=True).start()
    try:
        yield running
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        os.close(master)


@pytest.mark.parametrize("piped", [False, True], ids=["FILE < /dev/null", "cat FILE | app /dev/stdin"])
def test_the_app_takes_its_keys_from_the_terminal_when_standard_input_is_not_one(
    tmp_path: Path, piped: bool
) -> None:
    """`thread-explorer FILE < /dev/null` (or `cat FILE | thread-explorer /dev/stdin`, or any pipe into it) read
    its keys from standard input: what a pipe held was typed as keys, then it sat at end of input, busy and
    deaf to every key, ^C included (the terminal is raw). Run on a pseudo-terminal of its own, `q` must end it;
    /dev/stdin on a pipe is read as `-` is, before the terminal takes fd 0."""
    target = "/dev/stdin" if piped else str(SEED)
    with on_terminal(tmp_path, target, subprocess.PIPE if piped else subprocess.DEVNULL) as running:
        if running.app.stdin is not None:
            running.app.stdin.write(SEED.read_bytes())
            running.app.stdin.close()
        assert running.wait_for(b"Quit", time.monotonic() + 20), bytes(running.screen[-500:])
        assert (
            not piped or b"<stdin>" in running.screen
        )  # read as `-`, not by a name a reader may open too late
        assert running.quit() == 0


def drain_into(fd: int, into: bytearray) -> None:
    """Everything the app draws, kept (its writes would block once the terminal's buffer is full)."""
    with contextlib.suppress(OSError):
        while chunk := os.read(fd, 1 << 16):
            into.extend(chunk)


def test_a_fifo_given_as_submissions_gets_its_own_line(tmp_path: Path) -> None:
    """`--submissions <(zcat RS_2015.zst)`: the submissions are indexed by offset and read again, and a FIFO
    gave "output: File or stream is not seekable" (an input named as the output)."""
    dump = REALWORLD / "unsupported"
    submissions = (dump / "derived_pushshift_submission_2xmo63.ndjson").read_bytes()
    with fed_fifo(tmp_path, submissions) as fifo:
        result = run_cli(
            "scan", str(dump / "derived_pushshift_comments_2xmo63.ndjson"), "--submissions", str(fifo)
        )
    line = assert_one_line_error(result, f"{fifo}: a pipe or device, which can be read only once: ")
    assert line.endswith("--submissions reads its input by name, more than once (save it to a file first)")


def test_a_dataset_in_a_pipe_is_refused_from_its_head_not_after_reading_it_all(tmp_path: Path) -> None:
    """`scan <(zcat pages.jsonl.gz)` of a large shard read the pipe to the input limit (512 MiB, a second and
    its memory) and then said "too much for one thread ... see scan"; the head of the stream is enough. Here the
    writer keeps the pipe open after a few MiB of pages: reading to its end would wait for it."""
    fifo = tmp_path / "pages.jsonl"
    os.mkfifo(fifo)
    release = threading.Event()

    def feed() -> None:
        with contextlib.suppress(BrokenPipeError), open(fifo, "wb") as handle:
            handle.write(DATASET.read_bytes() * 200)  # about 6 MiB
            handle.flush()
            release.wait(10)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        result = run_cli("scan", str(fifo))
    finally:
        release.set()
        let_go(fifo, writer)
    assert_one_line_error(result, f"{fifo}: JSON Lines of pages (a dataset), which is read from its file")
    assert result.seconds < 5


def test_the_app_reading_a_page_from_the_terminal_says_so_then_shows_it(tmp_path: Path) -> None:
    """`thread-explorer -` with nothing piped in showed a blank terminal until Ctrl+D, with no hint of what it
    waited for, and needed Ctrl+D twice (found by the newcomer's run). It now says so on stderr; the page
    pasted, one Ctrl+D opens it."""
    with on_terminal(tmp_path, "-", None) as running:
        deadline = time.monotonic() + 20
        assert running.wait_for(b"paste it, then Ctrl+D", deadline), bytes(running.screen[-300:])
        assert b"reading the page from the terminal" in running.screen
        os.write(running.master, b"Hello there\nIn reply to Hello there by ann\nGeneral Kenobi\n\x04")
        assert running.wait_for(b"Quit", deadline), bytes(running.screen[-500:])
        assert b"<stdin>" in running.screen and running.quit() == 0
