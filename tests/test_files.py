"""Atomic writes: a failure half-way keeps the old file, leaves no partial or temporary file."""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from natokg import files
from natokg.errors import NatokgError
from natokg.files import atomic_open, atomic_write


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_exception_mid_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = atomic_write(tmp_path / "graph.ttl", "old content\n")
    with pytest.raises(RuntimeError, match="boom"), atomic_open(target) as handle:
        handle.write(b"half of the new ")
        raise RuntimeError("boom")
    assert target.read_text() == "old content\n"
    assert _names(tmp_path) == ["graph.ttl"]


def test_disk_full_is_reported_by_path_and_keeps_the_old_file(tmp_path: Path, monkeypatch) -> None:
    target = atomic_write(tmp_path / "graph.ttl", "old content\n")

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(NatokgError, match=f"^{target}: cannot write: No space left on device$"):
        atomic_write(target, "new content that will not fit\n")
    assert target.read_text() == "old content\n"
    assert _names(tmp_path) == ["graph.ttl"]


def test_failed_first_write_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(KeyError), atomic_open(tmp_path / "new.nt") as handle:
        handle.write(b"<urn:a> <urn:b> ")
        raise KeyError("interrupted")
    assert _names(tmp_path) == []


def test_replacement_keeps_permissions_and_new_files_follow_the_umask(tmp_path: Path) -> None:
    target = atomic_write(tmp_path / "shared.ttl", "v1\n")
    umask = os.umask(0o022)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    target.chmod(0o640)
    atomic_write(target, b"v2\n")
    assert target.read_bytes() == b"v2\n"
    assert target.stat().st_mode & 0o777 == 0o640


def test_missing_folder_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(NatokgError, match=r"absent/x\.ttl: cannot write: No such file or directory"):
        atomic_write(tmp_path / "absent" / "x.ttl", "x")


def test_a_symbolic_link_stays_a_link_and_its_target_is_written(tmp_path: Path) -> None:
    real = tmp_path / "real.ttl"
    real.write_text("old")
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    atomic_write(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.ttl", "real.ttl"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_written_through_not_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    atomic_write(pipe, "through the pipe")
    reader.join(timeout=10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)
