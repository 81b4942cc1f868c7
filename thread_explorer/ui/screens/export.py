"""The export dialog: pick JSON, Markdown or text and a path; never overwrite a file without asking."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, ProgressBar, RadioButton, RadioSet
from textual.worker import get_current_worker

from thread_explorer.core.atomic import write_atomic
from thread_explorer.core.errors import InputError
from thread_explorer.core.export import (
    EXPORT_FORMATS,
    default_export_name,
    export_chunks,
    format_of_path,
)
from thread_explorer.core.model import Comment, Thread
from thread_explorer.core.textsafe import one_line, printable
from thread_explorer.core.wording import plural

from ..keys import bindings
from ..outline import ARTICLE_KIND
from ..rows import comment_label
from .confirm import ConfirmScreen

FORMAT_LABELS = {
    "json": "JSON (re-imports losslessly)",
    "markdown": "Markdown",
    "text": "Text (flat page format)",
}
FORMAT_NAMES = {"json": "JSON", "markdown": "Markdown", "text": "text"}
ENDING_OF_FORMAT = {"json": ".json", "markdown": ".md", "text": ".txt"}
WRITE_CHUNK = 1 << 20  # bytes written between two looks at the cancel flag


def export_name(thread: Thread, comment: Comment | None, fmt: str) -> str:
    """The default file name: `thread-c18-usura.md`, with the page for a dataset page (`thread-p12-c18-usura.md`),
    so that exports from several pages of one dataset do not collide."""
    name = default_export_name(comment, fmt)
    page = thread.meta.get("page")
    if isinstance(page, int) and not isinstance(page, bool) and name.startswith("thread"):
        name = f"thread-p{page}" + name[len("thread") :]
    return name


@dataclass(frozen=True)
class ExportDone:
    """What the dialog wrote: the absolute path, the format and how many comments went in."""

    path: Path
    fmt: str
    comments: int


class _Cancelled(Exception):
    """Raised from the chunks when the dialog's escape cancels the write: write_atomic then keeps no file."""


def write_export(
    path: Path,
    chunks: Iterable[bytes],
    *,
    overwrite: bool,
    expected: int = 0,
    cancelled: Callable[[], bool] = lambda: False,
    progress: Callable[[float], None] | None = None,
) -> bool:
    """Write the export (UTF-8 chunks, as `export_chunks` streams them) through `write_atomic` (a temporary
    file beside the target, renamed into place; a link written through, a device or FIFO written into),
    reporting the share of `expected` bytes written. Returns False, leaving no file behind, when `cancelled`
    says so before the rename. Without `overwrite` an existing file is an error (FileExistsError)."""
    try:
        write_atomic(path, _pieces(chunks, expected, cancelled, progress), overwrite=overwrite)
    except _Cancelled:
        return False
    return True


def _pieces(
    chunks: Iterable[bytes],
    expected: int,
    cancelled: Callable[[], bool],
    progress: Callable[[float], None] | None,
) -> Iterator[bytes]:
    """The chunks in pieces of WRITE_CHUNK bytes, reporting the share of `expected` written after each;
    _Cancelled once `cancelled` says so, between pieces and after the last (before the rename)."""
    written, reported = 0, 0.0
    for chunk in chunks:
        for start in range(0, len(chunk), WRITE_CHUNK):
            if cancelled():
                raise _Cancelled
            piece = chunk[start : start + WRITE_CHUNK]
            yield piece
            written += len(piece)
            share = min(0.99, written / max(1, expected))
            if progress is not None and share - reported >= 0.01:  # a round trip to the screen
                reported = share
                progress(share)
    if cancelled():
        raise _Cancelled


class FormatChoice(RadioSet):
    """The format list: arrows (or j/k) pick a format at once, enter exports."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("formats")

    @dataclass
    class Confirmed(Message):
        """Enter on the format list."""

    def action_step(self, step: int) -> None:
        if step > 0:
            self.action_next_button()
        else:
            self.action_previous_button()
        self.action_toggle_button()

    def action_confirm(self) -> None:
        self.post_message(self.Confirmed())


class ExportScreen(ModalScreen[ExportDone | None]):
    """Export the selected subtree (the whole thread from the article row) to a file in a chosen format."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("export")

    def __init__(
        self, thread: Thread, comment: Comment | None, *, folder: Path | None = None, fmt: str | None = None
    ) -> None:
        """`fmt`: the format picked at first (the last one used, which the app remembers), else JSON."""
        super().__init__()
        self.thread = thread
        self.subtree_id = None if comment is None or comment.kind == ARTICLE_KIND else comment.id
        self.comment = comment if self.subtree_id is not None else None
        self.folder = folder if folder is not None else Path.cwd()
        self.fmt = fmt if fmt in EXPORT_FORMATS else EXPORT_FORMATS[0]
        self._default_path = self._default_for(self.fmt)
        self.writing = False  # a write is under way (progress shown)

    def _default_for(self, fmt: str) -> str:
        return str(self.folder / export_name(self.thread, self.comment, fmt))

    def _what(self) -> Text:
        if self.comment is None:
            total = sum(1 for _ in self.thread.walk())
            return Text(f"the whole thread ({plural(total, 'comment')})")
        count = self.comment.descendant_count() + 1
        what = Text("the subtree of ")
        if self.comment.author:
            what.append(one_line(self.comment.author, 24), style="bold")
            what.append(": ")
        label = one_line(comment_label(self.comment), 40)
        what.append(label + ("…" if len(label) >= 40 else ""))
        what.append(f" ({plural(count, 'comment')})")
        return what

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            yield Label(Text("Export"), id="export-title")
            yield Label(self._what(), id="export-what")
            yield Label(Text("↑↓ format · tab: file name · enter: export · esc: cancel", style="dim"))
            with FormatChoice(id="export-format", compact=True):
                for fmt in EXPORT_FORMATS:
                    yield RadioButton(Text(FORMAT_LABELS.get(fmt, fmt)), value=fmt == self.fmt, name=fmt)
            yield Label(Text("File"))
            yield Input(self._default_path, id="export-path", compact=True)
            yield Label(self._note(), id="export-note")
            yield Label(Text(""), id="export-error")
            yield ProgressBar(total=None, show_eta=False, id="export-progress")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-ok", compact=True)
                yield Button("Cancel", id="export-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#export-progress", ProgressBar).display = False
        self.query_one(FormatChoice).focus()

    def _note(self) -> Text:
        """What will be written, and the rule that ties the format to the file name's ending."""
        note = Text.assemble("Writes ", (FORMAT_NAMES.get(self.fmt, self.fmt), "bold"), style="dim")
        note.append(" · a file ending .json, .md or .txt picks the format", style="dim")
        return note

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        """A format picked in the list: the file name's ending follows (the default name, or a known ending)."""
        self.fmt = event.pressed.name or self.fmt
        field = self.query_one("#export-path", Input)
        if field.value == self._default_path:  # the user has not typed a path: follow the format
            self._default_path = self._default_for(self.fmt)
            field.value = self._default_path
        elif format_of_path(field.value) not in (None, self.fmt):
            stripped = field.value.rstrip()
            field.value = stripped[: len(stripped) - len(Path(stripped).suffix)] + ENDING_OF_FORMAT[self.fmt]
        self.query_one("#export-note", Label).update(self._note())
        self._error("")

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        """A typed file name with a known ending picks that format in the list (x.md: Markdown)."""
        fmt = format_of_path(event.value)
        if fmt is not None and fmt != self.fmt:
            for button in self.query_one(FormatChoice).query(RadioButton):
                if button.name == fmt:
                    button.value = True

    def _error(self, message: str) -> None:
        shown = printable(message)  # it can hold a typed or default file name
        self.query_one("#export-error", Label).update(Text(shown, style="bold red" if message else ""))

    def action_cancel(self) -> None:
        """Close at once; a write under way stops and leaves no file (the caller's status line says so)."""
        self.writing = False
        self.workers.cancel_group(self, "export")
        self.dismiss(None)

    @on(Button.Pressed, "#export-cancel")
    def _cancel(self) -> None:
        self.action_cancel()

    def _failed(self, message: str) -> None:
        self.writing = False
        self.query_one("#export-progress", ProgressBar).display = False
        self._error(message)

    def _writing(self, what: str, share: float | None) -> None:
        """Show the write's progress: `what` is being done, `share` of it written (None: not known yet)."""
        if not self.writing:
            return
        bar = self.query_one("#export-progress", ProgressBar)
        bar.display = True
        if share is None:
            bar.update(total=None)
        else:
            bar.update(total=100, progress=share * 100)
        self.query_one("#export-error", Label).update(
            Text(f"{what} (esc cancels: no file is left)", style="dim")
        )

    @on(Button.Pressed, "#export-ok")
    @on(Input.Submitted, "#export-path")
    @on(FormatChoice.Confirmed)
    def _export(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self._error("Give a file name.")
            return
        fmt = format_of_path(raw) or self.fmt  # the ending decides, even before the list has caught up
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = self.folder / path
        if path.is_dir():
            self._error(f"{path} is a folder: give a file name.")
            return
        if not path.parent.is_dir():
            self._error(f"Folder {path.parent} does not exist.")
            return
        if path.exists():
            question = Text.assemble(printable(str(path)), " already exists. Overwrite it?")

            def answered(yes: bool | None) -> None:
                if yes:
                    self._write(path, fmt, overwrite=True)
                else:
                    self._error("Not written: choose another name.")

            self.app.push_screen(ConfirmScreen(question), answered)
            return
        self._write(path, fmt, overwrite=False)

    def _write(self, path: Path, fmt: str, *, overwrite: bool) -> None:
        self.writing = True
        self._writing(f"Writing {FORMAT_NAMES.get(fmt, fmt)}…", None)
        self._write_in_thread(path, fmt, overwrite=overwrite)

    def _expected_bytes(self) -> int:
        """About how big the export will be: the texts plus a few hundred bytes of fields per comment (an
        explanation not built yet counted as 200, so that the estimate does not build them all)."""
        top = self.comment
        comments = top.walk() if top is not None else self.thread.walk()
        return sum(len(c.text) + (len(c.why) if type(c.why) is str else 200) + 240 for c in comments)

    @work(thread=True, exclusive=True, group="export")
    def _write_in_thread(self, path: Path, fmt: str, *, overwrite: bool) -> None:
        """Render and write in a thread (a whole 100,000-comment thread takes a moment), with progress; escape
        cancels the worker, and the write stops at its next chunk and removes its temporary file."""
        worker = get_current_worker()

        def progress(share: float) -> None:
            self.app.call_from_thread(self._writing, f"Writing {share:.0%}", share)

        try:
            done = write_export(
                path,
                export_chunks(self.thread, fmt, self.subtree_id),
                overwrite=overwrite,
                expected=self._expected_bytes(),
                cancelled=lambda: worker.is_cancelled,
                progress=progress,
            )
            if not done:
                return
        except FileExistsError:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, f"{path} appeared meanwhile: not overwritten.")
            return
        except (OSError, ValueError, InputError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, f"Cannot write {path}: {reason}")
            return
        count = (
            (self.comment.descendant_count() + 1)
            if self.comment is not None
            else sum(1 for _ in self.thread.walk())
        )
        self.app.call_from_thread(self.dismiss, ExportDone(path.resolve(), fmt, count))
