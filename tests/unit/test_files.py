"""Files smallcrm writes for the owner are written whole and readable by the owner only."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from smallcrm.services import files


def test_a_file_is_written_whole_and_private(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    files.write_atomically(target, b"new contents")
    assert target.read_bytes() == b"new contents"
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_a_failure_keeps_the_old_file_and_leaves_nothing_else(tmp_path, monkeypatch):
    target = tmp_path / "contacts.csv"
    target.write_text("old", encoding="utf-8")

    def no_room(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", no_room)
    with pytest.raises(OSError):
        with files.whole_file(target, encoding="utf-8") as stream:
            stream.write("new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["contacts.csv"]
