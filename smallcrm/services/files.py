"""Writing a file whole: whoever reads it, and a crash halfway, sees the old file or the new one, never half.
What smallcrm writes for the owner (reports, exports) is readable by the owner only."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

PRIVATE = 0o600


@contextmanager
def whole_file(path: Path | str, *, encoding: str | None = None) -> Iterator[IO]:
    """A stream to a temporary file beside `path` (text in `encoding`, or bytes when None) that takes the
    place of `path` once the block ends and it is on the disk; on any failure it is removed and `path`
    is as it was."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE)
    try:
        with (open(descriptor, "w", encoding=encoding, newline="") if encoding else open(descriptor, "wb")) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_atomically(path: Path | str, data: bytes) -> None:
    """Write `data` to `path` whole (see `whole_file`)."""
    with whole_file(path) as stream:
        stream.write(data)


def readable_name(path: Path | str) -> str:
    """A file's name as a person reads it, to keep or show: on a system whose names are bytes, one that is no
    UTF-8 (a file unpacked from an old Windows archive: "clients_\xe9t\xe9.csv") read as Windows wrote it."""
    name = Path(path).name
    try:
        return os.fsencode(name).decode("utf-8")
    except UnicodeDecodeError:
        return os.fsencode(name).decode("cp1252", errors="replace")


def same_file(a: Path, b: Path) -> bool:
    """Whether `a` and `b` are one file on the disk (False when either is not there)."""
    try:
        return a.samefile(b)
    except OSError:
        return False
