"""Writing a file whole: whoever reads it, and a crash halfway, sees the old file or the new one, never half."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def write_atomically(path: Path | str, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, flush it to the disk, then put it in place.
    On any failure the temporary file is removed and `path` is as it was."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
