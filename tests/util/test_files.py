"""Outputs are replaced in one step: a failed write keeps the old file and leaves no temp file."""

from __future__ import annotations

import errno
import os

import pytest

from reelpress.errors import EnvironmentProblem
from reelpress.util.files import atomic_write, save


def test_atomic_write_replaces_the_file_and_keeps_its_permissions(tmp_path):
    target = tmp_path / "book.epub"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new" and target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["book.epub"]


def test_a_new_output_gets_ordinary_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new.pdf", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "new.pdf").stat().st_mode & 0o777 == 0o644


def test_disk_full_keeps_the_old_file_and_removes_the_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "book.epub"
    target.write_bytes(b"old")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr("reelpress.util.files.os.fsync", full)  # the write is flushed, then fsync fails
    with pytest.raises(EnvironmentProblem) as caught:
        save({target: b"new" * 1000})
    assert "RP050" in str(caught.value) and "No space left on device" in str(caught.value)
    assert "the previous file, if any, is unchanged" in str(caught.value)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["book.epub"]


def test_interrupt_during_write_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "book.pdf"

    def interrupted(src, dst):
        raise KeyboardInterrupt
    monkeypatch.setattr("reelpress.util.files.os.replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, b"data")
    assert list(tmp_path.iterdir()) == []
