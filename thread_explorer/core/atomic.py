"""Writing a file atomically: the target holds either its old content or the whole new one, never a fragment.

The data goes to a temporary file beside the target (same directory, so the rename stays on one file system),
is flushed and fsynced, then renamed over the target. If anything fails (a full disk, no permission, an
encoding error), the temporary file is removed and the old target is left untouched.

A symbolic link is written through (the file it names is replaced, the link stays), and a target that is not a
regular file (a device such as /dev/null, a FIFO, a socket) is written into: renaming over it would replace the
device itself with a file.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable

__all__ = ["real_target", "special_target", "write_atomic"]


def real_target(path: str | os.PathLike[str]) -> str:
    """The absolute path a write replaces: the file a symbolic link names (the link stays), else the path."""
    target = os.path.abspath(os.fspath(path))
    return os.path.realpath(target) if os.path.islink(target) else target


def special_target(path: str) -> bool:
    """Whether the path exists and is neither a regular file nor a directory (a device, a FIFO, a socket):
    there is no file to replace, so a write goes into it."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def write_atomic(
    path: str | os.PathLike[str], data: bytes | str | Iterable[bytes], *, overwrite: bool = True
) -> None:
    """Write `data` (str is encoded as UTF-8; an iterable of bytes is written chunk by chunk, as a streamed
    export comes) to `path` atomically; OSError (or an error raised while producing the chunks) on failure, with
    the old file kept. Without `overwrite` an existing target raises FileExistsError (checked at the moment of
        the rename, by a hard link, so there is no race; where the file system has none, checked just before the
    rename). A new file gets the usual permissions (0666 less the umask, applied by the system), an existing one
    keeps its mode."""
    chunks: Iterable[bytes] = (data.encode("utf-8"),) if isinstance(data, str) else (
        (data,) if isinstance(data, bytes) else data
    )  # fmt: skip
    target = real_target(path)
    if special_target(target):  # /dev/null, a FIFO: written into, never renamed over
        with open(target, "wb") as handle:
            handle.writelines(chunks)
        return
    directory = os.path.dirname(target)
    try:
        mode: int | None = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    temporary = os.path.join(directory, f".{os.path.basename(target)}.{secrets.token_hex(6)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                view = memoryview(chunk)
                while view:
                    view = view[handle.write(view) :]
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        if overwrite:
            os.replace(temporary, target)
        else:
            try:
                os.link(temporary, target)  # FileExistsError when the target appeared meanwhile
            except FileExistsError:
                raise
            except OSError:  # no hard links on this file system: check, then rename
                if os.path.lexists(target):
                    raise FileExistsError(target) from None
                os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    if not overwrite:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    with contextlib.suppress(OSError):  # make the rename itself durable where the platform allows it
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
