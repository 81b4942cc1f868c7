"""The `thread-explorer` command: open the explorer app, or scan, export, search, stats and generate headlessly.

Each command is a module of this package; `main` runs one and maps what can go wrong to an exit status (see
`status`), so that no error ever ends in a traceback.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from ..core.errors import InputError
from ..core.files import display_name
from ..core.textsafe import one_line
from .args import PROG, Usage
from .eval import cmd_eval
from .export import cmd_export
from .extract import cmd_extract
from .generate import cmd_generate
from .open import cmd_open
from .output import say
from .scan import cmd_scan
from .search import cmd_search
from .stats import cmd_stats
from .status import EXIT_BROKEN_PIPE, EXIT_ERROR, EXIT_INTERRUPTED

COMMANDS: dict[str, Callable[[list[str]], int]] = {
    "scan": cmd_scan,
    "extract": cmd_extract,
    "export": cmd_export,
    "search": cmd_search,
    "stats": cmd_stats,
    "generate": cmd_generate,
    "eval": cmd_eval,
}


def fail(message: str) -> int:
    """Print the one-line error and return the error status."""
    say(f"{PROG}: error: {one_line(message)}", sys.stderr)  # ids and names in it may come from the input
    return EXIT_ERROR


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line (`argv` without the program name); returns the exit status, never raises."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        return _run(args)
    except MemoryError:
        pass  # leave the except block first: its traceback holds the frames that hold the memory
    gc.collect()
    return fail(f"{_input_name(args)}: out of memory (see Limits in the README for the input limits)")


def _run(args: list[str]) -> int:
    """Run one command and map its errors to an exit status (MemoryError is left to `main`)."""
    try:
        if args and args[0] in COMMANDS:
            return COMMANDS[args[0]](args[1:])
        if args[:1] == ["open"] and len(args) > 1 and not os.path.exists("open"):  # (a file named open wins)
            return cmd_open(args[1:])  # `open FILE`, as the other commands are written
        return cmd_open(args)
    except Usage as usage:
        return usage.status
    except InputError as error:
        return fail(str(error))
    except BrokenPipeError:
        try:  # stdout is gone: point it at /dev/null so the interpreter's final flush stays quiet
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except OSError as error:
        return fail(f"{error.filename or 'output'}: {error.strerror or error}")
    except RecursionError:
        return fail(f"{display_name(args[1] if len(args) > 1 else '-')}: nested too deeply to process")
    except MemoryError:
        raise
    except UnicodeEncodeError as error:
        return fail(f"cannot write the output: {error.reason} ({error.encoding})")
    except Exception as error:  # noqa: BLE001 - a bug must still end in one line, not a traceback
        return fail(
            f"internal error on {_input_name(args)}: {type(error).__name__}: {error} (please report it)"
        )


def _input_name(args: list[str]) -> str:
    """The input a command line names, for an error message that has no better name."""
    rest = args[1:] if args and args[0] in COMMANDS else args
    files = [a for a in rest if a == "-" or not a.startswith("-")]
    return display_name(files[0]) if files else "input"


def run() -> NoReturn:
    """The process entry (`thread-explorer`, `python -m thread_explorer`): `main`, then exit.

    A headless command (not the app) first freezes what the imports made, so no collection walks it again
    (what a command builds is frozen too, see core/gcpolicy.py), and ends with os._exit after flushing its
    output: the process would otherwise spend its last seconds freeing a tree of millions of objects one by
    one. The app exits normally (its terminal must be restored), then freezes what is left, so that the
    interpreter's last collection does not walk the thread it showed (q to exit at 100k: 1.15 -> 0.25 s)."""
    args = sys.argv[1:]
    if not (args and args[0] in COMMANDS):
        status = main(args)  # the app, closed by now (the terminal restored)
        gc.freeze()  # the interpreter's last collection then skips the thread's objects (a second at 100k)
        raise SystemExit(status)
    gc.freeze()
    status = main(args)
    try:
        if sys.stdout is not None:  # None when started with standard output closed
            sys.stdout.flush()
    except BrokenPipeError:
        status = EXIT_BROKEN_PIPE
    except (OSError, ValueError) as error:  # a full disk behind a redirection, a closed stream
        status = fail(f"output: {getattr(error, 'strerror', None) or error}")
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(status)
