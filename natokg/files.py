"""Files: atomic writes, so that a failure never leaves a partial file behind.

Every file natokg writes (exports, caches, figures, reports) goes through :func:`atomic_open` or
:func:`atomic_write`: the bytes go to a temporary file in the target's folder, are flushed to
disk, and only then replace the target with :func:`os.replace`, which is atomic on POSIX and
Windows. A crash, a full disk or an exception half-way leaves the old file (or no file) in place.
A symbolic link is followed (the file it points to is replaced, the link stays); a device, pipe or
socket (``/dev/stdout``, a FIFO) is written through, never replaced.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from natokg.errors import NatokgError


@contextlib.contextmanager
def atomic_open(path: str | Path, *, mode: int | None = None) -> Iterator[IO[bytes]]:
    """Open a binary handle whose content replaces ``path`` only if the ``with`` block succeeds.

    The new file gets the permissions of the file it replaces, or the usual ones (``0o666``
    less the umask) for a new file; ``mode`` overrides both.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_open(target) as handle:
    ...     _ = handle.write(b"whole")
    >>> target.read_bytes()
    b'whole'
    """
    # A symbolic link stays a link: its target is what gets replaced.
    target = Path(os.path.realpath(path))
    if target.exists() and not target.is_file() and not target.is_dir():
        # A device, a pipe or a socket (``-o /dev/stdout``, ``-o >(gzip > x.gz)``) is written
        # through, as a shell redirection would; replacing it would destroy it.
        with _write_through(target) as handle:
            yield handle
        return
    try:
        descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise NatokgError(f"{target}: cannot write: {exc.strerror or exc}") from None
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode if mode is not None else _mode_for(target))
        os.replace(temporary, target)
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise NatokgError(f"{target}: cannot write: {exc.strerror or exc}") from None
        raise


@contextlib.contextmanager
def _write_through(target: Path) -> Iterator[IO[bytes]]:
    try:
        with target.open("wb") as handle:
            yield handle
            handle.flush()
    except OSError as exc:
        raise NatokgError(f"{target}: cannot write: {exc.strerror or exc}") from None


def atomic_write(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` (text is encoded as UTF-8) to ``path`` atomically and return the path.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "graph.nt"
    >>> atomic_write(target, "<urn:a> <urn:b> <urn:c> .\\n").read_text()
    '<urn:a> <urn:b> <urn:c> .\\n'
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_open(path) as handle:
        handle.write(payload)
    return Path(path)


def _mode_for(target: Path) -> int:
    """The permissions a replacement should carry: the old file's, else what ``open()`` would give."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
