"""Snapshots of the shop's database: taken by hand or by themselves, checked, thinned out, put back; and
a health check of the database itself.

A snapshot is a whole copy of the database made with SQLite's online backup API (consistent even while
the window is writing), checked as soon as it is written, and named for when and why it was taken:
`smallcrm-2026-11-22T101500Z-daily.sqlite` (UTC, so names sort by time; a database not called
`smallcrm.sqlite` puts its own name in: `smallcrm-shop-2026-...`). A copy that fails its check is deleted
and reported (SnapshotFailed).

Why a snapshot was taken, and how long it is kept:
- "daily" (`snapshot_if_due`: at most one a day) and "close" (`snapshot_on_close`) are thinned out: of the
  last 7 days, the last 4 ISO weeks and the last 12 months that have such snapshots, the newest of each is
  kept (one snapshot can count for several); the others are deleted. Days, weeks and months are UTC's.
- "manual" (`smallcrm backup`, Back Up Now), "before-restore" (the database as it was just before a
  restore) and "damaged" (a byte copy of a damaged database a restore replaced) are kept until the owner
  deletes them: they are rare, and each may be the only copy of something.
- The snapshot just made is never deleted.

The daily and closing snapshots are taken only while the setting "auto_snapshots" is on (it is unless
the owner turns it off). Snapshots go to the folder in the setting "backup_folder" (a USB stick, a
synced folder; a relative path counts from the database's folder), or, when it is None, to `backups/`
beside the database. Snapshot files are readable by the owner only (0o600), and so is a folder smallcrm
creates for them (0o700).
No Qt here.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import sqlite3
import stat
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from smallcrm.errors import DatabaseProblem, NotAllowed, OutputProblem, SmallCrmError
from smallcrm.services import files
from smallcrm.store import migrations
from smallcrm.store.db import classify, close_database, current_path, inspect

AUTOMATIC = ("daily", "close")
BY_HAND = ("manual", "before-restore", "damaged")
KEEP = (("daily", 7), ("weekly", 4), ("monthly", 12))  # rule, how many of its periods keep their newest
DEFAULT_FOLDER = "backups"
SHOWN = 50  # problems of one kind listed by `check_database`; the rest are counted
_DAY = timedelta(days=1)
_STAMP = "%Y-%m-%dT%H%M%SZ"
_NAME = re.compile(r"(?P<label>.+)-(?P<stamp>\d{4}-\d\d-\d\dT\d{6}Z)-(?P<reason>[a-z]+(?:-[a-z]+)*)\.sqlite")
_PARTIAL = ".partial"


@dataclass
class SnapshotFailed(SmallCrmError):
    """A snapshot was written but did not pass its check; it has been deleted."""

    path: Path
    problems: list[str]  # SQLite's own words, e.g. "database disk image is malformed"

    def __str__(self) -> str:
        return f"{self.path}: {'; '.join(self.problems)}"


@dataclass(frozen=True)
class Snapshot:
    """One snapshot file. The counts are None when they were not read (or could not be)."""

    path: Path
    taken_at: datetime  # UTC, from the name
    reason: str  # "daily", "close", "manual", "before-restore" or "damaged"
    size: int = 0  # bytes
    contacts: int | None = None  # not in the Trash
    purchases: int | None = None  # refunds included

    @property
    def kept_by_hand(self) -> bool:
        """Kept until the owner deletes it; retention never touches it."""
        return self.reason in BY_HAND

    def to_json(self) -> dict:
        return {"path": str(self.path), "taken_at": self.taken_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "reason": self.reason, "size": self.size, "contacts": self.contacts, "purchases": self.purchases,
                "kept_by_hand": self.kept_by_hand}


@dataclass(frozen=True)
class Restored:
    """What `restore_snapshot` did."""

    database: Path
    source: Path
    contacts: int
    purchases: int
    schema_version: int
    safety: Snapshot | None  # the database as it was; restoring it undoes the restore (None: there was none)

    def to_json(self) -> dict:
        return {"database": str(self.database), "restored_from": str(self.source), "contacts": self.contacts,
                "purchases": self.purchases, "schema_version": self.schema_version,
                "safety_snapshot": self.safety.to_json() if self.safety else None}


# ---------------------------------------------------------------------------------------------
# Files and folders


def snapshot_label(db_path: Path | str) -> str:
    """The start of this database's snapshot names: "smallcrm", or "smallcrm-shop" for shop.sqlite."""
    stem = Path(db_path).stem
    return "smallcrm" if stem == "smallcrm" else f"smallcrm-{stem}"


def _reader(path: Path) -> sqlite3.Connection:
    """A read-only connection that leaves nothing beside the file. Without a write-ahead log or journal
    beside it nobody is using the file, and it is read as immutable (as store.db.inspect does)."""
    side_files = (Path(f"{path}-wal"), Path(f"{path}-journal"))
    immutable = "" if any(f.exists() for f in side_files) else "&immutable=1"
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro{immutable}", uri=True, timeout=5.0)


def _stored_setting(db_path: Path, key: str):
    """The setting `key` as stored in the database file at `db_path`, read from the file itself (so it
    works with the window's connection closed); None when it is not set or cannot be read."""
    try:
        conn = _reader(db_path)
        try:
            row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        finally:
            conn.close()
        return json.loads(row[0]) if row else None
    except (sqlite3.Error, ValueError):
        return None


def _chosen_folder(db_path: Path) -> Path | None:
    """The setting "backup_folder" of the database at `db_path` (None: not set, or not readable)."""
    value = _stored_setting(db_path, "backup_folder")
    return db_path.parent / Path(value).expanduser() if isinstance(value, str) and value.strip() else None


def automatic_snapshots(db_path: Path | str) -> bool:
    """Whether the database at `db_path` keeps its daily and closing snapshots: the setting "auto_snapshots"
    (on unless the owner turned it off)."""
    return _stored_setting(Path(db_path).expanduser(), "auto_snapshots") is not False


def backup_folder(db_path: Path | str) -> Path:
    """Where the snapshots of the database at `db_path` go: the setting "backup_folder", or `backups/` beside it."""
    db_path = Path(db_path).expanduser()
    return _chosen_folder(db_path) or db_path.parent / DEFAULT_FOLDER


def _private(path: Path, mode: int) -> None:
    try:
        os.chmod(path, mode)
    except OSError:  # a file system without owners (FAT on a USB stick): nothing to restrict
        pass


def _ready(folder: Path, *, parents: bool) -> Path:
    """`folder`, created (0o700) when missing; a chosen folder only when the folder it goes in exists, so
    that a USB stick that is not plugged in is reported rather than stood in for."""
    if folder.exists() and not folder.is_dir():
        raise OutputProblem(folder, "it is a file, not a folder")
    if not folder.exists():
        try:
            folder.mkdir(mode=0o700, parents=parents)
        except FileNotFoundError as e:
            raise OutputProblem(folder, "the folder it would go in does not exist (a drive not plugged in?)") from e
        except OSError as e:
            raise OutputProblem(folder, e.strerror or str(e)) from e
        _private(folder, 0o700)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputProblem(folder, "the folder cannot be written to")
    return folder


def _target_folder(db_path: Path, folder: Path | str | None) -> Path:
    chosen = Path(folder).expanduser() if folder is not None else _chosen_folder(db_path)
    if chosen is not None:
        return _ready(chosen, parents=False)
    return _ready(db_path.parent / DEFAULT_FOLDER, parents=True)


def _fsync(path: Path, flags: int = os.O_RDWR) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    if os.name == "posix":  # a rename is durable once its folder is
        _fsync(folder, os.O_RDONLY)


def _remove(*paths: Path) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _new_file(folder: Path, label: str, taken: datetime, reason: str) -> tuple[Path, Path, datetime]:
    """(final path, its partial file, the time in its name): the partial is created empty, owner-only. A
    time some snapshot already has moves on by a second, so names stay unique and sort by time."""
    while True:
        start = f"{label}-{taken.strftime(_STAMP)}-"
        final = folder / f"{start}{reason}.sqlite"
        partial = folder / f".{final.name}{_PARTIAL}"
        if not any(name.startswith(start) for name in os.listdir(folder)):
            try:
                os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                pass
            except OSError as e:
                raise OutputProblem(folder, e.strerror or str(e)) from e
            else:
                _private(partial, 0o600)
                return final, partial, taken
        taken += timedelta(seconds=1)


def _utc(now: datetime | None) -> datetime:
    return (now or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)


def _locked(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def _source_problem(path: Path, error: sqlite3.Error) -> SmallCrmError:
    if "full" in str(error).lower():
        return OutputProblem(path, "the disk is full")
    return classify(path, error)


def _existing(db_path: Path) -> int:
    """The schema version of the smallcrm database at `db_path`; DatabaseProblem when there is none to use."""
    version = inspect(db_path)
    if version is None:
        if db_path.exists():
            raise DatabaseProblem(db_path, DatabaseProblem.NOT_SMALLCRM, "the file is empty")
        raise DatabaseProblem(db_path, DatabaseProblem.CANNOT_CREATE, "no database at that path")
    return version


# ---------------------------------------------------------------------------------------------
# Copying and checking


def _copy(source: Path, target: Path) -> None:
    """`source` copied page by page into the (empty) file `target`: a self-contained file, without a
    write-ahead log, on disk when this returns."""
    try:
        reader = _reader(source)
        try:
            copy = sqlite3.connect(target, isolation_level=None)
            try:
                # Nobody sees the copy before it is flushed below and renamed: no journal or syncs while writing.
                copy.execute("PRAGMA journal_mode = OFF")
                copy.execute("PRAGMA synchronous = OFF")
                reader.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")
            finally:
                copy.close()
        finally:
            reader.close()
    except sqlite3.Error as e:
        problem = _source_problem(source, e)
        if isinstance(problem, OutputProblem):
            problem.path = target.parent
        raise problem from e
    _fsync(target)


def _verify(path: Path, *, thorough: bool) -> tuple[int, int, int]:
    """(contacts not in the Trash, purchases, schema version) of a copy that passes SQLite's check
    (`integrity_check`, or the faster `quick_check` that skips comparing indexes with their tables)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            pragma = "integrity_check" if thorough else "quick_check"
            found = [row[0] for row in conn.execute(f"PRAGMA {pragma}({SHOWN})")]
            if found != ["ok"]:
                raise SnapshotFailed(path, found)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            contacts = conn.execute("SELECT count(*) FROM contact WHERE deleted_at IS NULL").fetchone()[0]
            purchases = conn.execute("SELECT count(*) FROM purchase").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as e:
        raise SnapshotFailed(path, [str(e)]) from e
    return contacts, purchases, version


def take_snapshot(db_path: Path | str, *, reason: str = "manual", folder: Path | str | None = None,
                  now: datetime | None = None, thorough: bool = True) -> Snapshot:
    """Copy the database at `db_path` into a new snapshot, check it, then thin out the folder.

    `folder` overrides the backup folder for this snapshot. `thorough=False` checks with `quick_check`
    (seconds faster on a large file). Raises DatabaseProblem (no usable database), OutputProblem (the
    folder cannot take it) or SnapshotFailed (the copy failed its check and was deleted).
    """
    if reason not in AUTOMATIC + BY_HAND or reason == "damaged":
        raise ValueError(f"not a reason for a snapshot: {reason!r}")
    db_path = Path(db_path).expanduser()
    _existing(db_path)
    target = _target_folder(db_path, folder)
    final, partial, taken = _new_file(target, snapshot_label(db_path), _utc(now), reason)
    try:
        _copy(db_path, partial)
        try:
            contacts, purchases, _ = _verify(partial, thorough=thorough)
        except SnapshotFailed as e:
            raise SnapshotFailed(final, e.problems) from e
        os.replace(partial, final)
    except OSError as e:
        raise OutputProblem(target, e.strerror or str(e)) from e
    finally:
        _remove(partial, Path(f"{partial}-journal"))
    _fsync_folder(target)
    prune(db_path, folder=target, keep=final)
    return Snapshot(final, taken, reason, final.stat().st_size, contacts, purchases)


def snapshot_if_due(db_path: Path | str, now: datetime | None = None) -> Snapshot | None:
    """A "daily" snapshot when the backup folder holds none of this database from the 24 hours before
    `now`; otherwise (or when there is no database yet, or automatic snapshots are off) None. For the
    window to call at start."""
    db_path = Path(db_path).expanduser()
    if not db_path.is_file() or db_path.stat().st_size == 0 or not automatic_snapshots(db_path):
        return None
    taken = _utc(now)
    for snapshot in list_snapshots(db_path, counts=False):
        if snapshot.reason != "damaged" and taken - _DAY < snapshot.taken_at <= taken:
            return None
    return take_snapshot(db_path, reason="daily", now=taken)


def snapshot_on_close(db_path: Path | str, now: datetime | None = None) -> Snapshot | None:
    """A "close" snapshot, checked with `quick_check` so the owner does not wait long; None when there is
    no database or automatic snapshots are off. For the window to call as it closes (retention keeps the
    newest of each day)."""
    db_path = Path(db_path).expanduser()
    if not db_path.is_file() or db_path.stat().st_size == 0 or not automatic_snapshots(db_path):
        return None
    return take_snapshot(db_path, reason="close", now=now, thorough=False)


# ---------------------------------------------------------------------------------------------
# The list, and thinning it out


def _parse(path: Path, label: str) -> Snapshot | None:
    match = _NAME.fullmatch(path.name)
    if not match or match["label"] != label or match["reason"] not in AUTOMATIC + BY_HAND:
        return None
    taken = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=timezone.utc)
    try:
        size = path.stat().st_size
    except OSError:
        return None
    return Snapshot(path, taken, match["reason"], size)


def _counted(snapshot: Snapshot) -> Snapshot:
    if snapshot.reason == "damaged":
        return snapshot
    try:
        conn = _reader(snapshot.path)
        try:
            contacts = conn.execute("SELECT count(*) FROM contact WHERE deleted_at IS NULL").fetchone()[0]
            purchases = conn.execute("SELECT count(*) FROM purchase").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return snapshot
    return replace(snapshot, contacts=contacts, purchases=purchases)


def list_snapshots(db_path: Path | str, *, folder: Path | str | None = None, counts: bool = True) -> list[Snapshot]:
    """The snapshots of the database at `db_path` in its backup folder (or `folder`), newest first; with
    `counts`, each with its contacts and purchases (read from the file: about a millisecond each)."""
    db_path = Path(db_path).expanduser()
    where = Path(folder).expanduser() if folder is not None else backup_folder(db_path)
    label = snapshot_label(db_path)
    found = [s for p in (where.iterdir() if where.is_dir() else ()) if (s := _parse(p, label))]
    found.sort(key=lambda s: (s.taken_at, s.path.name), reverse=True)
    return [_counted(s) for s in found] if counts else found


def _period(rule: str, when: datetime):
    if rule == "daily":
        return when.date()
    if rule == "weekly":
        return when.isocalendar()[:2]
    return when.year, when.month


def why_kept(snapshots: list[Snapshot]) -> dict[Path, list[str]]:
    """The snapshots retention keeps, each with the rules that keep it ("daily", "weekly", "monthly",
    "by hand"). A snapshot missing from the answer is one `prune` deletes."""
    kept: dict[Path, list[str]] = {s.path: ["by hand"] for s in snapshots if s.kept_by_hand}
    automatic = sorted((s for s in snapshots if not s.kept_by_hand), key=lambda s: (s.taken_at, s.path.name),
                       reverse=True)
    for rule, count in KEEP:
        periods: list = []
        for snapshot in automatic:
            period = _period(rule, snapshot.taken_at)
            if periods and periods[-1] == period:
                continue  # an older one of a period whose newest is kept
            if len(periods) == count:
                break
            periods.append(period)
            kept.setdefault(snapshot.path, []).append(rule)
    return kept


def prune(db_path: Path | str, *, folder: Path | str | None = None, keep: Path | None = None) -> list[Path]:
    """Delete the automatic snapshots retention does not keep (never `keep`) and stale half-written copies;
    return the snapshots deleted. A file that cannot be deleted now is left for next time."""
    db_path = Path(db_path).expanduser()
    where = Path(folder).expanduser() if folder is not None else backup_folder(db_path)
    snapshots = list_snapshots(db_path, folder=where, counts=False)
    kept = why_kept(snapshots)
    deleted = []
    for snapshot in snapshots:
        if snapshot.path in kept or snapshot.path == keep:
            continue
        try:
            snapshot.path.unlink()
        except OSError:
            continue
        deleted.append(snapshot.path)
    if where.is_dir():
        _remove_stale(where.glob(f".{snapshot_label(db_path)}-*{_PARTIAL}*"))
    return deleted


def _remove_stale(leftovers) -> None:
    """Remove copies left half-written more than a day ago (by a crash, or a computer switched off)."""
    for leftover in leftovers:
        try:
            if time.time() - leftover.stat().st_mtime > _DAY.total_seconds():
                leftover.unlink()
        except OSError:
            pass


# ---------------------------------------------------------------------------------------------
# Restoring


def _retire_wal(db_path: Path) -> None:
    """Fold the write-ahead log into the file and switch it off, so that no -wal/-shm of the old file
    outlives it. SQLite refuses while another connection (the window, another program) has the file open."""
    try:
        conn = sqlite3.connect(db_path, isolation_level=None, timeout=1.0)
        try:
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            conn.execute("BEGIN EXCLUSIVE")  # and nobody is reading it right now either
            conn.execute("ROLLBACK")
        finally:
            conn.close()
    except sqlite3.Error as e:
        raise _source_problem(db_path, e) from e
    if str(mode).lower() != "delete":
        raise DatabaseProblem(db_path, DatabaseProblem.LOCKED, "another connection has it open")


def _keep_damaged(db_path: Path, now: datetime | None) -> Snapshot:
    """A byte copy of a damaged database as it is (and its write-ahead log, as `<name>-wal` beside the copy)."""
    folder = _target_folder(db_path, None)
    final, partial, taken = _new_file(folder, snapshot_label(db_path), _utc(now), "damaged")
    try:
        shutil.copyfile(db_path, partial)
        wal = Path(f"{db_path}-wal")
        if wal.exists() and wal.stat().st_size:
            shutil.copyfile(wal, Path(f"{final}-wal"))
            _private(Path(f"{final}-wal"), 0o600)
        _fsync(partial)
        os.replace(partial, final)
    except OSError as e:
        raise OutputProblem(folder, e.strerror or str(e)) from e
    finally:
        _remove(partial)
    _fsync_folder(folder)
    return Snapshot(final, taken, "damaged", final.stat().st_size)


def restore_snapshot(db_path: Path | str, source: Path | str, *, now: datetime | None = None) -> Restored:
    """Make the database at `db_path` a copy of the snapshot (or any smallcrm database file) `source`.

    `source` is copied into a temporary file beside the database and checked (integrity_check, schema
    version) before anything else happens; a file that is not a smallcrm database, is damaged or comes
    from a newer smallcrm is refused (DatabaseProblem naming `source`) and nothing changes. Then the
    database as it is gets a "before-restore" snapshot (a damaged one a byte copy, "damaged"), and the
    checked copy replaces it in one rename, leaving no -wal/-shm of the old file. With no database at
    `db_path` yet, the copy simply becomes it.

    This thread's connection to the database is closed: open it again with store.db.open_database. Any
    other connection (another thread, the window, another program) must be closed first; while one is
    open the restore is refused (DatabaseProblem, "locked").
    """
    db_path, source = Path(db_path).expanduser(), Path(source).expanduser()
    if not source.exists():
        raise DatabaseProblem(source, DatabaseProblem.CANNOT_CREATE, "there is no file at that path")
    if files.same_file(source, db_path):
        raise NotAllowed("restore", f"{source} is the database itself")
    _existing(source)
    if db_path.exists() and not db_path.is_file():
        raise DatabaseProblem(db_path, DatabaseProblem.NOT_A_FILE)
    damaged = False
    try:
        replacing = inspect(db_path) is not None
    except DatabaseProblem as e:
        if e.reason not in (DatabaseProblem.CORRUPT, DatabaseProblem.NEWER_SCHEMA):
            raise  # not ours to replace (another program's file, a CSV) or in use: left alone
        replacing, damaged = True, e.reason == DatabaseProblem.CORRUPT
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DatabaseProblem(db_path, DatabaseProblem.CANNOT_CREATE, e.strerror or str(e)) from e
    if not os.access(db_path.parent, os.W_OK | os.X_OK):
        raise DatabaseProblem(db_path, DatabaseProblem.READ_ONLY, "the folder is read-only")

    _remove_stale(db_path.parent.glob(f".{db_path.name}.restoring-*"))
    temp = db_path.with_name(f".{db_path.name}.restoring-{secrets.token_hex(4)}")
    try:
        try:
            os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except OSError as e:
            raise DatabaseProblem(db_path, DatabaseProblem.READ_ONLY, e.strerror or str(e)) from e
        _copy(source, temp)
        try:
            contacts, purchases, version = _verify(temp, thorough=True)
        except SnapshotFailed as e:
            raise DatabaseProblem(source, DatabaseProblem.CORRUPT, e.problems[0]) from e
        if version > migrations.LATEST:
            raise DatabaseProblem(source, DatabaseProblem.NEWER_SCHEMA, version=version)

        if current_path() is not None and files.same_file(current_path(), db_path):
            close_database()
        safety = None
        if replacing and not damaged:
            try:
                _retire_wal(db_path)
                safety = take_snapshot(db_path, reason="before-restore", now=now)
            except (SnapshotFailed, DatabaseProblem) as e:
                if isinstance(e, DatabaseProblem) and e.reason != DatabaseProblem.CORRUPT:
                    raise
                damaged = True
        if damaged:
            safety = _keep_damaged(db_path, now)
        mode = stat.S_IMODE(db_path.stat().st_mode) if db_path.exists() else 0o600
        _private(temp, mode)
        # A write-ahead log left beside the new file would be read as its own: remove them before the rename.
        _remove(*(Path(f"{db_path}{side}") for side in ("-wal", "-shm", "-journal")))
        try:
            os.replace(temp, db_path)
        except OSError as e:
            raise DatabaseProblem(db_path, DatabaseProblem.LOCKED, e.strerror or str(e)) from e
        _fsync_folder(db_path.parent)
    finally:
        _remove(temp, Path(f"{temp}-journal"))
    return Restored(db_path, source, contacts, purchases, version, safety)


# ---------------------------------------------------------------------------------------------
# Checking the database


@dataclass(frozen=True)
class Problem:
    """One thing `check_database` found wrong, with its facts; the edges turn it into words."""

    check: str  # "integrity", "foreign_keys", "search_index", "triggers", "points"
    # "damaged", "unreadable", "missing_parent", "missing", "extra", "stale", "missing_trigger", "sign",
    # "below_zero", or "more" (detail: how many more problems of this check were not listed)
    kind: str
    table: str = ""
    row: int | None = None
    detail: str = ""  # the facts in plain words, or SQLite's own


@dataclass
class CheckReport:
    """What `check_database` found: nothing (ok) or a list of problems."""

    database: Path
    schema_version: int | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict:
        return {"database": str(self.database), "schema_version": self.schema_version, "ok": self.ok,
                "problems": [asdict(p) for p in self.problems]}


def _integrity(conn: sqlite3.Connection, version: int) -> Iterator[Problem]:
    try:
        lines = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as e:  # damage that stops the check itself
        if _locked(e):
            raise
        lines = [str(e)]
    for line in lines:
        if line != "ok":
            yield Problem("integrity", "damaged", detail=line)


def _foreign_keys(conn: sqlite3.Connection, version: int) -> Iterator[Problem]:
    columns: dict[str, dict[int, str]] = {}
    for n, (table, rowid, parent, fkid) in enumerate(conn.execute("PRAGMA foreign_key_check")):
        if n >= SHOWN:  # only counted from here on
            yield Problem("foreign_keys", "missing_parent", table, rowid)
            continue
        if table not in columns:
            columns[table] = {fk[0]: fk[3] for fk in conn.execute(f'PRAGMA foreign_key_list("{table}")')}
        column = columns[table].get(fkid, "")
        detail = f"{column} points to a {parent} that does not exist"
        if rowid is not None and column:
            value = conn.execute(f'SELECT "{column}" FROM "{table}" WHERE rowid = ?', (rowid,)).fetchone()[0]
            detail = f"{column} is {value}, and there is no {parent} {value}"
        yield Problem("foreign_keys", "missing_parent", table, rowid, detail)


def _search_index(conn: sqlite3.Connection, version: int) -> Iterator[Problem]:
    """The index must hold exactly the contacts outside the Trash, each with what a rebuild would write
    (what the index holds depends on the schema version)."""
    index_rows, indexed = migrations.search_index(version)
    differs = ", ".join(f"f.{c} IS NOT e.{c}" for c in indexed)
    query = (f"WITH expected(id, {', '.join(indexed)}) AS ({index_rows})\n"
             f"SELECT e.id, f.rowid IS NULL, {differs} FROM expected e LEFT JOIN contact_fts f ON f.rowid = e.id\n"
             f" WHERE f.rowid IS NULL OR {differs.replace(', ', ' OR ')} ORDER BY e.id")
    for contact_id, missing, *stale in conn.execute(query):
        if missing:
            yield Problem("search_index", "missing", "contact", contact_id, "not in the search index")
        else:
            columns = ", ".join(c for c, wrong in zip(indexed, stale, strict=True) if wrong)
            yield Problem("search_index", "stale", "contact", contact_id, f"out of date in the index: {columns}")
    extra = ("SELECT f.rowid, c.id IS NULL FROM contact_fts f LEFT JOIN contact c ON c.id = f.rowid"
             " WHERE c.id IS NULL OR c.deleted_at IS NOT NULL ORDER BY f.rowid")
    for rowid, gone in conn.execute(extra):
        yield Problem("search_index", "extra", "contact", rowid,
                      "in the index but not in the database" if gone else "in the index but in the Trash")


_TRIGGER = re.compile(r"\s*(CREATE|DROP) TRIGGER (?:IF EXISTS )?(\w+)", re.IGNORECASE)


def _triggers(conn: sqlite3.Connection, version: int) -> Iterator[Problem]:
    """Every trigger the schema's steps made (they keep the search index and the points ledger right)."""
    expected: dict[str, None] = {}
    for step in migrations.STEPS[:version]:
        for statement in step:
            if match := _TRIGGER.match(statement):
                if match[1].upper() == "CREATE":
                    expected[match[2]] = None
                else:
                    expected.pop(match[2], None)
    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    for name in expected:
        if name not in present:
            yield Problem("triggers", "missing_trigger", detail=name)


def _points(conn: sqlite3.Connection, version: int) -> Iterator[Problem]:
    """Each kind of ledger row has its sign, and no balance is ever below zero along the way."""
    wrong_sign = ("SELECT id, contact_id, kind, points FROM points_entry"
                  " WHERE (kind IN ('earn', 'bonus') AND points <= 0) OR (kind IN ('redeem', 'expire') AND points >= 0)"
                  " OR (kind = 'adjust' AND points = 0) OR kind NOT IN ('earn', 'bonus', 'redeem', 'expire', 'adjust')"
                  " ORDER BY id")
    for row_id, contact_id, kind, points in conn.execute(wrong_sign):
        yield Problem("points", "sign", "points_entry", row_id, f"{kind!r} row of {points:+d} points "
                      f"for contact {contact_id}")
    # SQLite takes the other columns from the row with min(id): the first row where the balance is below zero.
    below = ("SELECT contact_id, min(id), running FROM (SELECT contact_id, id, sum(points) OVER"
             " (PARTITION BY contact_id ORDER BY id) AS running FROM points_entry) WHERE running < 0"
             " GROUP BY contact_id ORDER BY contact_id")
    for contact_id, row_id, running in conn.execute(below):
        yield Problem("points", "below_zero", "points_entry", row_id,
                      f"the balance of contact {contact_id} falls to {running} here")


_CHECKS = (("integrity", _integrity), ("foreign_keys", _foreign_keys), ("search_index", _search_index),
           ("triggers", _triggers), ("points", _points))


def check_database(db_path: Path | str) -> CheckReport:
    """Check the database at `db_path` without changing it: SQLite's integrity check, foreign keys, the
    search index against the contacts, the schema's triggers, and the points ledger. At most SHOWN
    problems of each check are listed, then one "more" problem with the count of the rest.

    A damaged file is a problem found; a file that is not a smallcrm database (or from a newer smallcrm,
    or missing, or locked) raises DatabaseProblem.
    """
    db_path = Path(db_path).expanduser()
    try:
        version = _existing(db_path)
    except DatabaseProblem as e:
        if e.reason != DatabaseProblem.CORRUPT:
            raise
        return CheckReport(db_path, None, [Problem("integrity", "damaged", detail=e.detail or "cannot be read")])
    report = CheckReport(db_path, version)
    try:
        conn = _reader(db_path)
    except sqlite3.Error as e:
        raise _source_problem(db_path, e) from e
    try:
        for name, check in _CHECKS:
            found = 0
            try:
                for problem in check(conn, version):
                    found += 1
                    if found <= SHOWN:
                        report.problems.append(problem)
            except sqlite3.DatabaseError as e:
                if _locked(e):
                    raise DatabaseProblem(db_path, DatabaseProblem.LOCKED, str(e)) from e
                report.problems.append(Problem(name, "unreadable", detail=str(e)))
            if found > SHOWN:
                report.problems.append(Problem(name, "more", detail=str(found - SHOWN)))
    finally:
        conn.close()
    return report
