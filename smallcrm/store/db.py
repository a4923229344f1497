"""Opening the one SQLite file: checks first (nothing is written to a file we cannot use), then
migrations (the file is backed up first), then the connection settings DESIGN.md asks for."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from smallcrm.errors import DatabaseProblem
from smallcrm.store import migrations
from smallcrm.store.models import database

SQLITE_HEADER = b"SQLite format 3\x00"
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "synchronous": "normal",
}

# Told (the book, where its copy as it was goes) before a book of an earlier version is brought up to date: the
# command line says so on standard error (the window shows gui.updating_window instead).
on_update: Callable[[Path, Path], None] | None = None


def classify(path: Path, error: sqlite3.Error) -> DatabaseProblem:
    """What an SQLite error about the file at `path` means for the owner."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return DatabaseProblem(path, DatabaseProblem.LOCKED, str(error))
    if "readonly" in text or "read-only" in text:
        return DatabaseProblem(path, DatabaseProblem.READ_ONLY, str(error))
    if "unable to open" in text:
        return DatabaseProblem(path, DatabaseProblem.CANNOT_CREATE, str(error))
    return DatabaseProblem(path, DatabaseProblem.CORRUPT, str(error))


def inspect(path: Path) -> int | None:
    """The schema version of an existing smallcrm file, or None for a new or empty file.

    Reads only; raises DatabaseProblem for anything that is not a usable smallcrm database. The one
    exception: a write that a crash or a killed program left half done (a hot rollback journal beside
    the file) is rolled back first, as SQLite does whenever such a file is opened; what was committed
    stays as it was.
    """
    if path.exists() and not path.is_file():
        raise DatabaseProblem(path, DatabaseProblem.NOT_A_FILE)
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as e:
        raise DatabaseProblem(path, DatabaseProblem.CANNOT_CREATE, e.strerror or str(e)) from e
    if header != SQLITE_HEADER:
        raise DatabaseProblem(path, DatabaseProblem.NOT_SQLITE)
    try:
        version, tables = _read_version(path)
    except sqlite3.Error as e:
        if e.sqlite_errorcode != sqlite3.SQLITE_READONLY_ROLLBACK or not _writable(path):
            raise classify(path, e) from e
        try:
            _roll_back_interrupted_write(path)
            version, tables = _read_version(path)
        except sqlite3.Error as again:
            raise classify(path, again) from again
    if version == 0 and not tables:
        return None  # an empty SQLite file: ours to fill
    if "contact" not in tables:
        raise DatabaseProblem(path, DatabaseProblem.NOT_SMALLCRM)
    if version > migrations.LATEST:
        raise DatabaseProblem(path, DatabaseProblem.NEWER_SCHEMA, version=version)
    if version == 0:
        raise DatabaseProblem(path, DatabaseProblem.NOT_SMALLCRM)
    return version


def _read_version(path: Path) -> tuple[int, set[str]]:
    """(user_version, table names), read through a read-only connection."""
    # Without a write-ahead log or rollback journal beside it, everything is in the file itself: read
    # it as immutable so that SQLite creates no -wal/-shm files beside a file we may refuse.
    side_files = (Path(f"{path}-wal"), Path(f"{path}-journal"))
    immutable = "" if any(f.exists() for f in side_files) else "&immutable=1"
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro{immutable}", uri=True, timeout=1.0)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "contact" in tables:
            conn.execute("SELECT count(*) FROM contact WHERE id = 1").fetchone()
    finally:
        conn.close()
    return version, tables


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _roll_back_interrupted_write(path: Path) -> None:
    """Let SQLite undo the half-done write recorded in the rollback journal beside `path`: a read through a
    read-write connection does it (a read-only one cannot, and refuses to read the file at all)."""
    conn = sqlite3.connect(path, timeout=1.0)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    finally:
        conn.close()


def backup_copy(path: Path, target: Path) -> Path:
    """A consistent copy through SQLite's online backup API, on disk when this returns.

    The copy is written under a hidden temporary name and renamed to `target` only when whole: a program
    stopped part way (killed, the computer switched off) leaves no file that looks like a backup but is
    empty or half written.
    """
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(path)
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    fd = os.open(partial, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(partial, target)
    return target


def _check_writable(path: Path) -> None:
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseProblem(path, DatabaseProblem.READ_ONLY)
    if folder.exists() and not os.access(folder, os.W_OK):
        # SQLite keeps its write-ahead log beside the file; without it nothing can be saved.
        raise DatabaseProblem(path, DatabaseProblem.READ_ONLY, "the folder is read-only")


def open_database(path: Path | str, *, create: bool = True):
    """Open (and create or migrate) the smallcrm database at `path`; return the Peewee database.

    Raises DatabaseProblem, leaving the file untouched, when the file cannot be used.
    """
    path = Path(path).expanduser()
    close_database()
    version = inspect(path)
    if version is None and not create:
        raise DatabaseProblem(path, DatabaseProblem.CANNOT_CREATE, "no database at that path")
    _check_writable(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():  # a new database is the owner's alone; SQLite gives its -wal and -shm the same mode
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    except OSError as e:
        raise DatabaseProblem(path, DatabaseProblem.CANNOT_CREATE, e.strerror or str(e)) from e

    backup = None
    if version is not None and version < migrations.LATEST:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = path.with_name(f"{path.stem}.before-v{migrations.LATEST}-{stamp}{path.suffix}")
        if on_update is not None:
            on_update(path, backup)
        backup_copy(path, backup)
    try:
        conn = sqlite3.connect(path, timeout=1.0, isolation_level=None)
    except sqlite3.Error as e:
        raise classify(path, e) from e
    try:
        # Another program holding the write lock: say so now rather than fail on the first save.
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.Error as e:
        conn.close()
        raise classify(path, e) from e
    try:
        migrations.apply(conn, version or 0)
    except sqlite3.OperationalError as e:
        if "locked" in str(e).lower() or "busy" in str(e).lower():
            raise classify(path, e) from e
        # A step that fails is smallcrm's own fault; the step was rolled back and the file is as it was.
        raise DatabaseProblem(path, DatabaseProblem.MIGRATION_FAILED, f"{e}; a copy was saved as {backup}") from e
    except sqlite3.Error as e:
        raise DatabaseProblem(path, DatabaseProblem.MIGRATION_FAILED, f"{e}; a copy was saved as {backup}") from e
    finally:
        conn.close()

    database.init(str(path), pragmas=PRAGMAS, timeout=5)
    database.connect()
    return database


def close_database() -> None:
    """Close this thread's connection (each thread has its own)."""
    if not database.is_closed():
        database.close()


def current_path() -> Path | None:
    return Path(database.database) if database.database else None
