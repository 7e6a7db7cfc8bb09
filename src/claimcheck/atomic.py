"""Writing a file so that readers never see half of it: a temporary file in the same folder,
flushed to disk, then renamed over the target. Used for reports, exports and baselines."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_atomic(path: str | os.PathLike[str], text: str, new_file_mode: int | None = None) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically; raises OSError.

    An existing file keeps its mode; a new one gets ``new_file_mode``, or what the umask allows.
    A device or pipe (/dev/null, a FIFO) is written through, never replaced by a file.
    """
    write_pieces_atomic(path, (text,), new_file_mode)


def write_pieces_atomic(
    path: str | os.PathLike[str], pieces: Iterable[str], new_file_mode: int | None = None
) -> None:
    """:func:`write_atomic` of the concatenation of ``pieces``, each written as it comes, so
    a streamed report is never held whole."""
    target = Path(path)
    if target.exists() and not target.is_file():
        with open(target, "wb") as stream:
            for piece in pieces:
                stream.write(piece.encode("utf-8"))
        return
    directory = target.parent
    directory.mkdir(parents=True, exist_ok=True)
    if target.exists():
        mode = target.stat().st_mode & 0o7777
    else:
        mode = new_file_mode if new_file_mode is not None else 0o666 & ~_umask()
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as out:
            for piece in pieces:
                out.write(piece.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        # mkstemp creates 0600; the file is for people and other tools to read.
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_directory(directory)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable; not possible on every platform, hence best effort.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
