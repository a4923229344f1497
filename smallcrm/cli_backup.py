"""`smallcrm backup`, `smallcrm restore FILE` and `smallcrm check`: a snapshot of the database now (or the
list of snapshots), putting one back, and a health check.

Registered on the parser by cli.build_parser; the work is done by services.backup. A problem ends with one
line on stderr and exit 1 (2 for bad usage). `check` lists what it finds one per line on stdout, with a
one-line summary on stderr and exit 1. No Qt here.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from smallcrm import cli_format
from smallcrm.errors import DatabaseProblem, NotAllowed, OutputProblem
from smallcrm.services import backup
from smallcrm.store import migrations

COMMANDS = ("backup", "restore", "check")
ERRORS = (backup.SnapshotFailed,)
NOT_DONE = {"backup": "no snapshot was saved", "restore": "nothing was restored and the database is as it was",
            "check": "the database was not checked"}
CHECK_NAMES = {"integrity": "integrity", "foreign_keys": "foreign keys", "search_index": "search index",
               "triggers": "triggers", "points": "points ledger"}


def register(commands, command, group, open_existing) -> None:
    """Add `backup`, `restore` and `check` (see cli_activity.register for the arguments)."""
    save = command(commands, "backup", run_backup,
                   "save a checked snapshot of the database now (kept until you delete it)")
    save.add_argument("--to", type=cli_format.file_path, metavar="DIR",
                      help="the folder to save it in (default: the backup folder setting, or `backups` "
                           "beside the database)")
    save.add_argument("--list", action="store_true", help="list the snapshots in that folder instead, newest first")
    save.add_argument("--json", action="store_true", help="print the snapshot (or the list) as JSON")

    restore = command(commands, "restore", run_restore,
                      "replace the database with a snapshot, after saving the database as it is as a snapshot")
    restore.add_argument("file", type=cli_format.file_path, metavar="FILE",
                         help="the snapshot: a path, or the name of a file in the backup folder")
    restore.add_argument("--json", action="store_true", help="print what was done as a JSON object")

    check = command(commands, "check", run_check,
                    "check the database: integrity, foreign keys, the search index, triggers, the points ledger")
    check.add_argument("--json", action="store_true", help="print the findings as a JSON object")


# ---------------------------------------------------------------------------------------------
# Words


def size_text(size: int) -> str:
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def _counts(snapshot: backup.Snapshot) -> str:
    if snapshot.contacts is None:
        return "counts unknown"
    return f"{snapshot.contacts:,} contacts, {snapshot.purchases:,} purchases"


def describe_problem(problem: backup.Problem) -> str:
    """One line of `check`'s findings."""
    name = CHECK_NAMES.get(problem.check, problem.check)
    where = f"{problem.table} row {problem.row}: " if problem.row is not None else ""
    if problem.kind == "more":
        return f"{name}: … and {problem.detail} more like these"
    if problem.kind == "unreadable":
        return f"{name}: could not be checked: {problem.detail}"
    if problem.kind == "damaged":
        return f"{name}: the file is damaged: {problem.detail}"
    if problem.check == "search_index":
        return f"{name}: contact {problem.row}: {problem.detail}"
    if problem.kind == "missing_trigger":
        return f"{name}: the trigger {problem.detail} is missing"
    return f"{name}: {where}{problem.detail}"


_SOURCE_PROBLEMS = {
    DatabaseProblem.NOT_SQLITE: "{path} is not a smallcrm snapshot (it is not an SQLite file at all)",
    DatabaseProblem.NOT_SMALLCRM: "{path} is not a smallcrm snapshot (an SQLite file of another program, or empty)",
    DatabaseProblem.CORRUPT: "{path} is damaged ({detail})",
    DatabaseProblem.NOT_A_FILE: "{path} is a folder, not a snapshot file",
    DatabaseProblem.CANNOT_CREATE: "there is no file {path}",
    DatabaseProblem.LOCKED: "{path} is in use by another program",
}


def describe_error(error: Exception, args) -> str | None:
    """The one line for an error of `backup`, `restore` or `check` (None: cli.describe_error's own words)."""
    not_done = NOT_DONE[args.command]
    if isinstance(error, OutputProblem):
        what = "the snapshot of the database as it is" if args.command == "restore" else "a snapshot"
        return f"cannot save {what} in {error.path}: {error.detail}; {not_done}. Choose another folder" + (
            " with --to DIR" if args.command == "backup" else "")
    if isinstance(error, backup.SnapshotFailed):
        return (f"the snapshot did not pass its check ({error.problems[0]}), so it was deleted; {not_done}. "
                "The database itself may be damaged: run `smallcrm check`")
    if isinstance(error, NotAllowed):
        return f"{not_done}: {error.reason}"
    if isinstance(error, DatabaseProblem) and args.command == "restore" and error.path == getattr(args, "source", None):
        if error.reason == DatabaseProblem.NEWER_SCHEMA:
            text = (f"{error.path} was made by a newer smallcrm (schema version {error.version}; this smallcrm "
                    f"knows up to version {migrations.LATEST}); update smallcrm to restore it")
        else:
            text = _SOURCE_PROBLEMS.get(error.reason, "{path} cannot be restored ({reason})").format(
                path=error.path, detail=error.detail or error.reason, reason=error.reason)
        return f"{text}; {not_done}. `smallcrm backup --list` shows the snapshots"
    if isinstance(error, DatabaseProblem) and args.command == "restore" and error.reason == DatabaseProblem.LOCKED:
        return (f"{error.path} is open in smallcrm or another program; {not_done}. "
                "Close the window (or the other program) and try again")
    return None


# ---------------------------------------------------------------------------------------------
# Commands


def _require(db_path: Path) -> None:
    from smallcrm.cli import NoDatabaseYet

    if not db_path.exists():
        raise NoDatabaseYet(db_path)


def shell_word(path: Path) -> str:
    """A path as it is typed in this system's shell (quoted when it has spaces and the like)."""
    return subprocess.list2cmdline([str(path)]) if os.name == "nt" else shlex.quote(str(path))


def _db_option(args, db_path: Path) -> str:
    return f" --db {shell_word(db_path)}" if getattr(args, "db", None) else ""


def run_backup(args, db_path: Path) -> int:
    db_path = Path(db_path).expanduser()
    _require(db_path)
    if args.list:
        snapshots = backup.list_snapshots(db_path, folder=args.to)
        if args.json:
            cli_format.write_json(sys.stdout, [s.to_json() for s in snapshots])
            return 0
        for s in snapshots:
            print(f"{cli_format.local_time(s.taken_at)}  {s.reason:<14}  {_counts(s):<36}  {size_text(s.size):>9}  "
                  f"{s.path}")
        if not snapshots:
            print(f"no snapshots of {db_path.name} in {args.to or backup.backup_folder(db_path)}")
        return 0
    snapshot = backup.take_snapshot(db_path, reason="manual", folder=args.to)
    if args.json:
        cli_format.write_json(sys.stdout, snapshot.to_json())
    else:
        print(f"snapshot saved: {snapshot.path} ({size_text(snapshot.size)}; {_counts(snapshot)}; checked). "
              f"It is kept until you delete it; to go back to it: smallcrm restore {shell_word(snapshot.path)}"
              f"{_db_option(args, db_path)}")
    return 0


def _source(file: Path, db_path: Path) -> Path:
    """FILE as given, or a file of that name in the backup folder."""
    file = file.expanduser()
    if not file.exists() and len(file.parts) == 1:
        in_folder = backup.backup_folder(db_path) / file
        if in_folder.exists():
            return in_folder
    return file


def run_restore(args, db_path: Path) -> int:
    db_path = Path(db_path).expanduser()
    args.source = _source(args.file, db_path)
    result = backup.restore_snapshot(db_path, args.source)
    if args.json:
        cli_format.write_json(sys.stdout, result.to_json())
        return 0
    print(f"restored {db_path} from {result.source} ({result.contacts:,} contacts, {result.purchases:,} purchases)")
    safety = result.safety
    if safety is None:
        print("there was no database there before, so there was nothing to save first")
    elif safety.reason == "damaged":
        print(f"the damaged database it replaced was copied as it was to {safety.path}")
    else:
        print(f"the database as it was is saved in {safety.path} "
              f"(to undo: smallcrm restore {shell_word(safety.path)}{_db_option(args, db_path)})")
    return 0


def run_check(args, db_path: Path) -> int:
    db_path = Path(db_path).expanduser()
    _require(db_path)
    report = backup.check_database(db_path)
    if args.json:
        cli_format.write_json(sys.stdout, report.to_json())
    elif report.ok:
        print(f"no problems found in {db_path} (integrity, foreign keys, search index, triggers, points ledger)")
    else:
        for problem in report.problems:
            print(describe_problem(problem))
    if report.ok:
        return 0
    listed = [p for p in report.problems if p.kind != "more"]
    total = len(listed) + sum(int(p.detail) for p in report.problems if p.kind == "more")
    sys.stdout.flush()
    sys.stderr.write(f"smallcrm: error: {total} problem{'s' if total != 1 else ''} found in {db_path}; a snapshot "
                     "from before they began can be put back with `smallcrm restore FILE` (`smallcrm backup "
                     "--list` shows them)\n")
    return 1
