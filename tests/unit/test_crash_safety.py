"""Killing smallcrm at any moment (during an import, an edit, a migration, a snapshot) never damages the
database and never leaves half of anything.

tests/crash/child.py does the work in a process of its own; the test kills it with SIGKILL after a
random delay (seeded: the seed and the delay are in every failure message; set SMALLCRM_CRASH_SEED to
replay another run), then reads the database afresh and checks: SQLite's integrity check, foreign keys,
the search index against the contacts and the schema's triggers (backup.check_database), the schema
itself, and that the data is exactly as before the work or exactly as after a complete run of it.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from smallcrm.errors import DatabaseProblem
from smallcrm.services import backup
from smallcrm.store import migrations
from tests.crash import child

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"),
                                reason="SIGKILL does not exist on Windows; the crash test runs on Linux and macOS")

ROOT = Path(__file__).resolve().parents[2]
CHILD = ROOT / "tests" / "crash" / "child.py"
FIXTURES = ROOT / "tests" / "fixtures"
SEED = int(os.environ.get("SMALLCRM_CRASH_SEED", "20240611"))
CONTACT_ROWS = 2000
BASE_ROWS = 300  # the shop's contacts before the big import; the file repeats some of them
RECEIPTS = 700
EDITS = 150
GROWN = 5_000  # contacts and purchases added to a released database before it is migrated
KILLS = {"contacts": 25, "purchases": 10, "edits": 10, "migration": 12, "snapshot": 10}


# --------------------------------------------------------------------------------------------------
# Running and killing the child


@dataclass
class Run:
    killed: bool  # the kill came before the work was done
    seconds: float | None  # how long the work took, when it was done
    label: str  # seed, delay and work, for messages


def run_child(work: str, database: Path, *args: str, kill_after: float | None = None, label: str = "") -> Run:
    """Run the child; with `kill_after`, SIGKILL it that many seconds after it says the work started."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        process = subprocess.Popen([sys.executable, str(CHILD), work, str(database), *map(str, args)], cwd=ROOT,
                                   stdout=subprocess.PIPE, stderr=errors, text=True, encoding="utf-8")
        try:
            first = process.stdout.readline()
            if first == "started\n" and kill_after is not None:
                time.sleep(kill_after)
                process.send_signal(signal.SIGKILL)
            out = first + process.stdout.read()
            process.wait(timeout=120)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            process.stdout.close()
        errors.seek(0)
        err = errors.read()
    if first != "started\n":
        pytest.fail(f"{label}: the child did not start: {out}{err}")
    done = [line for line in out.splitlines() if line.startswith("done ")]
    if kill_after is None or process.returncode != -signal.SIGKILL:
        assert process.returncode == 0 and done, f"{label}: the child failed ({process.returncode}): {out}{err}"
    return Run(not done, float(done[0].split()[1]) if done else None, label)


def delays(kind: str, count: int, seconds: float) -> list[tuple[str, float]]:
    """`count` seeded delays over a run of `seconds`: one at once, one very early, two at the very end
    (around the commit), the rest anywhere; each with the label a failure message shows."""
    rnd = random.Random(f"{SEED}-{kind}")
    chosen = [0.0, rnd.uniform(0.0, 0.02) * seconds, rnd.uniform(0.9, 0.99) * seconds,
              rnd.uniform(0.97, 1.03) * seconds]
    chosen += [rnd.uniform(0.0, 1.0) * seconds for _ in range(count - len(chosen))]
    return [(f"{kind} kill {n + 1}/{count}, seed {SEED}, delay {d:.4f} s of {seconds:.4f} s", d)
            for n, d in enumerate(chosen)]


def interrupted(runs: list[Run]) -> None:
    """Most kills must land while the work is going on, or the test proves little."""
    landed = sum(run.killed for run in runs)
    assert landed * 2 >= len(runs), f"only {landed} of {len(runs)} kills came before the work was done (seed {SEED})"


# --------------------------------------------------------------------------------------------------
# Reading a database afresh


def reader(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def schema(path: Path) -> set[tuple]:
    with closing(reader(path)) as conn:
        return set(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))


def tables(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name NOT LIKE 'contact_fts%' ORDER BY name")]


def timeless(value):
    """A JSON object without its times (keys ending in "_at"), as the journal keeps "before" an import."""
    if isinstance(value, str) and value.startswith("{"):
        def strip(item):
            if isinstance(item, dict):
                return {k: strip(v) for k, v in item.items() if not k.endswith("_at")}
            return [strip(v) for v in item] if isinstance(item, list) else item
        return json.dumps(strip(json.loads(value)), sort_keys=True)
    return value


def content(path: Path, columns: dict[str, list[str]] | None = None) -> dict[str, str]:
    """A digest of every table's rows (the search index aside: check_database compares it with the
    contacts). Times (columns ending in "_at", and such keys in the import journal's JSON) differ from
    run to run and are left out; `columns` limits each table to those columns (an older schema's)."""
    found = {}
    with closing(reader(path)) as conn:
        for table in (columns or tables(conn)):
            names = columns[table] if columns else [c[1] for c in conn.execute(f'PRAGMA table_info("{table}")')]
            names = [n for n in names if not n.endswith("_at")]
            rows = sorted(repr(tuple(map(timeless, row)))
                          for row in conn.execute(f'SELECT {", ".join(names)} FROM "{table}"'))
            found[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return found


def row_differences(path: Path, other: Path, state: dict[str, str], other_state: dict[str, str]) -> dict:
    """A few rows of each table whose digest differs, from each side."""
    found = {}
    for table in sorted(t for t in state if state[t] != other_state.get(t)):
        sides = []
        for side in (path, other):
            with closing(reader(side)) as conn:
                sides.append(set(conn.execute(f'SELECT * FROM "{table}"')))
        found[table] = (sorted(sides[0] - sides[1], key=repr)[:3], sorted(sides[1] - sides[0], key=repr)[:3])
    return found


def table_columns(path: Path) -> dict[str, list[str]]:
    with closing(reader(path)) as conn:
        return {t: [c[1] for c in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables(conn)}


def shop_columns(path: Path) -> dict[str, list[str]]:
    """table_columns without the contacts' sort keys: those follow from the names, and a migration may fold
    them anew (version 6 did)."""
    return {t: [c for c in columns if not (t == "contact" and c.startswith("sort_"))]
            for t, columns in table_columns(path).items()}


def assert_healthy(path: Path, label: str) -> None:
    try:
        report = backup.check_database(path)
    except DatabaseProblem as e:
        pytest.fail(f"{label}: the database cannot be checked: {e!r}")
    assert report.ok, f"{label}: {report.problems}"


def journal_problems(path: Path) -> list[str]:
    """Import batches without their rows, rows without their batch, journals that do not match."""
    problems = []
    with closing(reader(path)) as conn:
        for batch, kind, finished, created in conn.execute(
                "SELECT id, kind, finished_at, created FROM import_batch WHERE undone_at IS NULL"):
            if finished is None:
                problems.append(f"import {batch} never finished")
            journal = dict(conn.execute("SELECT action, count(*) FROM import_change WHERE batch_id = ?"
                                        " GROUP BY action", (batch,)).fetchall())
            if kind == "contacts":
                if journal.get("created", 0) != created:
                    problems.append(f"import {batch} created {created} contacts, its journal {journal}")
            else:
                purchases = conn.execute("SELECT count(*) FROM purchase WHERE import_batch_id = ?",
                                         (batch,)).fetchone()[0]
                if purchases != created or journal.get("updated"):
                    problems.append(f"import {batch} recorded {created} purchases, has {purchases}, "
                                    f"its journal {journal}")
            for (before,) in conn.execute("SELECT before FROM import_change WHERE batch_id = ?"
                                          " AND action = 'updated'", (batch,)):
                if not isinstance(json.loads(before).get("contact"), dict):
                    problems.append(f"import {batch}: a journal entry without the contact as it was: {before}")
        orphans = conn.execute("SELECT count(*) FROM import_change WHERE batch_id NOT IN"
                               " (SELECT id FROM import_batch)").fetchone()[0]
        if orphans:
            problems.append(f"{orphans} journal entries without their import")
        orphans = conn.execute("SELECT count(*) FROM purchase WHERE import_batch_id IS NOT NULL AND import_batch_id"
                               " NOT IN (SELECT id FROM import_batch)").fetchone()[0]
        if orphans:
            problems.append(f"{orphans} imported purchases without their import")
    return problems


def fresh_copy(source: Path, folder: Path) -> Path:
    folder.mkdir(parents=True)
    target = folder / "shop.sqlite"
    shutil.copyfile(source, target)
    return target


# --------------------------------------------------------------------------------------------------
# The shop: files and databases made once per session


@dataclass
class Shop:
    folder: Path
    contacts_file: Path
    purchases_file: Path
    base: Path  # a shop with BASE_ROWS contacts
    contacts_after: Path  # base + the big contacts import, run to the end
    contacts_seconds: float
    purchases_after: Path  # base + the purchases import, run to the end
    purchases_seconds: float


def new_database(path: Path) -> Path:
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA journal_mode = wal")
        migrations.apply(conn, 0)
    return path


@pytest.fixture(scope="session")
def shop(tmp_path_factory) -> Shop:
    folder = tmp_path_factory.mktemp("crash")
    base_file = child.contacts_csv(folder / "regulars.csv", BASE_ROWS, SEED + 1)
    contacts_file = child.contacts_csv(folder / "contacts.csv", CONTACT_ROWS, SEED)
    purchases_file = child.purchases_csv(folder / "till.csv", RECEIPTS, SEED,
                                         customers=range(10001, 10001 + 2 * BASE_ROWS))
    base = new_database(folder / "base.sqlite")
    run_child("contacts-import", base, base_file, label="the shop's first import")
    contacts_after = shutil.copyfile(base, folder / "contacts-after.sqlite")
    contacts = run_child("contacts-import", contacts_after, contacts_file, label="the whole contacts import")
    purchases_after = shutil.copyfile(base, folder / "purchases-after.sqlite")
    purchases = run_child("purchases-import", purchases_after, purchases_file, label="the whole purchases import")
    return Shop(folder, contacts_file, purchases_file, base, contacts_after, contacts.seconds, purchases_after,
                purchases.seconds)


# --------------------------------------------------------------------------------------------------
# Imports


def kill_imports(kind: str, shop: Shop, source: Path, after: Path, seconds: float, tmp_path: Path) -> list[Run]:
    before_state, after_state = content(shop.base), content(after)
    assert before_state != after_state
    before_schema = schema(shop.base)
    assert schema(after) == before_schema
    runs = []
    shares = [share for _, share in delays(kind, KILLS[kind], 1.0)]
    for n, share in enumerate(shares):
        # (a run that finished says how long one takes now: a machine less busy than when `seconds` was measured
        # would see most kills come after the work)
        seconds = min([seconds, *(run.seconds for run in runs if run.seconds is not None)])
        label = f"{kind} kill {n + 1}/{len(shares)}, seed {SEED}, delay {share * seconds:.4f} s of {seconds:.4f} s"
        database = fresh_copy(shop.base, tmp_path / f"kill-{n}")
        run = run_child(f"{kind}-import", database, source, kill_after=share * seconds, label=label)
        runs.append(run)
        assert_healthy(database, label)
        assert schema(database) == before_schema, f"{label}: the schema changed (an index or trigger lost?)"
        state = content(database)
        if run.killed:
            differ = sorted(t for t in state if state[t] != before_state.get(t) and state[t] != after_state.get(t))
            assert state in (before_state, after_state), (
                f"{label}: neither as before nor as after the whole import; tables {differ}, "
                f"as before: {sorted(t for t in state if state[t] == before_state[t])}")
        else:
            assert state == after_state, (f"{label}: the import finished but differs from a whole run: "
                                          f"{row_differences(database, after, state, after_state)}")
        assert journal_problems(database) == [], label
    return runs


def test_killing_a_contacts_import_leaves_all_of_it_or_none(shop, tmp_path):
    runs = kill_imports("contacts", shop, shop.contacts_file, shop.contacts_after, shop.contacts_seconds, tmp_path)
    interrupted(runs)


def test_killing_a_purchases_import_leaves_all_of_it_or_none(shop, tmp_path):
    runs = kill_imports("purchases", shop, shop.purchases_file, shop.purchases_after, shop.purchases_seconds,
                        tmp_path)
    interrupted(runs)


# --------------------------------------------------------------------------------------------------
# Edits


def records(path: Path) -> dict[int, tuple]:
    """Each contact as the edits write it: names, city, notes, emails and phones in order, tags."""
    with closing(reader(path)) as conn:
        found = {cid: [first, last, city, notes, [], [], []] for cid, first, last, city, notes in conn.execute(
            "SELECT id, first_name, last_name, city, notes FROM contact")}
        for cid, email in conn.execute("SELECT contact_id, email FROM contact_email ORDER BY contact_id, position"):
            found[cid][4].append(email)
        for cid, phone in conn.execute("SELECT contact_id, coalesce(e164, raw) FROM contact_phone"
                                       " ORDER BY contact_id, position"):
            found[cid][5].append(phone)
        for cid, tag in conn.execute("SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
                                     " ORDER BY ct.contact_id, t.name"):
            found[cid][6].append(tag)
    return {cid: tuple(tuple(x) if isinstance(x, list) else x for x in record) for cid, record in found.items()}


def edited(i: int, contact_id: int | None) -> tuple:
    """Contact as child.edit(i) leaves it (see `records`)."""
    phone = f"+33612{i // 10000 % 100:02d}{i // 100 % 100:02d}{i % 100:02d}"
    return (f"Edit{i}", "New" if contact_id is None else f"Contact{contact_id}", f"Town {i}", f"edit {i}",
            (f"e{i}@example.com", f"e{i}.b@example.org"), (phone,), ("burst", f"edit-{i}"))


def after_edits(base: dict[int, tuple], ids: list[int], done: int) -> dict[int, tuple]:
    """The contacts after the first `done` edits, one edit at a time."""
    expected = dict(base)
    next_id = max(base) + 1
    for i in range(done):
        target = child.edit_target(i, ids)
        if target is None:
            expected[next_id] = edited(i, None)
            next_id += 1
        else:
            expected[target] = edited(i, target)
    return expected


def test_killing_a_burst_of_edits_leaves_each_edit_whole(shop, tmp_path):
    whole = fresh_copy(shop.base, tmp_path / "whole")
    seconds = run_child("edits", whole, EDITS, label="the whole burst of edits").seconds
    base = records(shop.base)
    with closing(reader(shop.base)) as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM contact WHERE deleted_at IS NULL ORDER BY id"
                                              " LIMIT ?", (child.EDITED,))]
    assert records(whole) == after_edits(base, ids, EDITS)
    runs = []
    for n, (label, delay) in enumerate(delays("edits", KILLS["edits"], seconds)):
        database = fresh_copy(shop.base, tmp_path / f"kill-{n}")
        run = run_child("edits", database, EDITS, kill_after=delay, label=label)
        runs.append(run)
        assert_healthy(database, label)
        found = records(database)
        done = 1 + max((int(r[0][4:]) for r in found.values() if r[0].startswith("Edit")), default=-1)
        assert found == after_edits(base, ids, done), f"{label}: not the state after the first {done} edits"
    interrupted(runs)


# --------------------------------------------------------------------------------------------------
# Migrations


def schema_of_version(version: int, folder: Path) -> set[tuple]:
    path = folder / f"schema-{version}.sqlite"
    if not path.exists():
        with closing(sqlite3.connect(path, isolation_level=None)) as conn:
            migrations.register_functions(conn)
            for step in migrations.STEPS[:version]:
                for statement in step:
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
    return schema(path)


def content_at(fixture: Path, version: int, columns: dict[str, list[str]], folder: Path) -> dict[str, str]:
    """The shop's data (`columns`, the fixture's) once a copy of `fixture` is taken to `version` by the steps
    alone: what a step keeps, and what it mends (version 7 joins tags that were two only by case)."""
    path = fresh_copy(fixture, folder / f"content-{version}")
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        migrations.register_functions(conn)
        for step in migrations.STEPS[user_version(path):version]:
            for statement in step:
                conn.execute(statement)
    return content(path, columns)


def grown(fixture: Path, target: Path) -> Path:
    """A copy of a released database with a few thousand more contacts and purchases, so that its steps take
    long enough for kills to land inside them (the file keeps its rollback journal, as released files had)."""
    shutil.copyfile(fixture, target)
    with closing(sqlite3.connect(target, isolation_level=None)) as conn:
        conn.execute("BEGIN")
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
            " INSERT INTO contact (first_name, last_name, city, birthday, sort_name, created_at, updated_at)"
            " SELECT 'Guest', 'Number ' || i, 'Lyon', CASE WHEN i % 3 = 0 THEN '--04-' || printf('%02d', i % 28 + 1)"
            " END, 'number ' || i, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z' FROM n", (GROWN,))
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
            " INSERT INTO purchase (contact_id, occurred_at, currency, total_minor, paid_minor, created_at)"
            " SELECT (SELECT max(id) FROM contact) - i % 500, '2024-02-01T10:00:00Z', 'EUR', 100 + i, 100 + i,"
            " '2024-02-01T10:00:00Z' FROM n", (GROWN,))
        conn.execute("COMMIT")
    return target


def user_version(path: Path) -> int:
    with closing(reader(path)) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


@pytest.mark.parametrize("version", range(1, migrations.LATEST))
def test_killing_a_migration_leaves_each_step_whole_and_the_backup_complete(version, tmp_path):
    fixture = grown(FIXTURES / f"schema_v{version}.sqlite", tmp_path / "grown.sqlite")
    columns = shop_columns(fixture)
    original = content(fixture, columns)
    schemas = {v: schema_of_version(v, tmp_path) for v in range(version, migrations.LATEST + 1)}
    contents = {v: content_at(fixture, v, columns, tmp_path) for v in range(version, migrations.LATEST + 1)}
    assert contents[version] == original
    assert schema(fixture) == schemas[version]
    whole = fresh_copy(fixture, tmp_path / "whole")
    seconds = run_child("migrate", whole, label=f"migrating version {version}").seconds
    kills = KILLS["migration"] // (migrations.LATEST - 1)
    runs = []
    for n, (label, delay) in enumerate(delays(f"migration-v{version}", kills, seconds)):
        database = fresh_copy(fixture, tmp_path / f"kill-{n}")
        runs.append(run_child("migrate", database, kill_after=delay, label=label))
        assert_healthy(database, label)
        reached = user_version(database)
        # Each step and its version number are one transaction: the file is at a version between the old
        # and the newest, with exactly that version's schema, and the shop's data as the steps to it leave it.
        assert version <= reached <= migrations.LATEST, label
        assert schema(database) == schemas[reached], f"{label}: version {reached} with another schema"
        assert content(database, columns) == contents[reached], f"{label}: the data changed"
        backups = sorted(database.parent.glob(f"shop.before-v{migrations.LATEST}-*.sqlite"))
        if reached > version:
            assert backups, f"{label}: migrated to version {reached} without a backup"
        for copy in backups:  # a backup, once it has its name, is whole
            assert_healthy(copy, f"{label}: backup {copy.name}")
            assert user_version(copy) == version and content(copy, columns) == original, label
        run_child("migrate", database, label=f"{label}: opening again")
        assert user_version(database) == migrations.LATEST, label
        assert schema(database) == schemas[migrations.LATEST], label
        assert content(database, columns) == contents[migrations.LATEST], label
        assert_healthy(database, f"{label}: opened again")
    interrupted(runs)


HALF_WRITE = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size = 5")  # changed pages reach the file itself before the commit
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE contact SET notes = notes || 'half-written'")
conn.execute("DELETE FROM purchase")
print("started", flush=True)
time.sleep(60)
"""


def test_a_write_killed_half_way_in_a_rollback_journal_is_undone_when_the_shop_opens(tmp_path):
    """A released file keeps its rollback journal until smallcrm opens it: a program killed while writing
    to it leaves a hot journal, which a read-only look (how smallcrm first checks a file) cannot undo."""
    database = grown(FIXTURES / "schema_v1.sqlite", tmp_path / "shop.sqlite")
    columns = shop_columns(database)
    original = content(database, columns)
    process = subprocess.Popen([sys.executable, "-c", HALF_WRITE, str(database)], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "started\n"
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert Path(f"{database}-journal").exists()
    assert_healthy(database, "after a write killed half way")
    assert content(database, columns) == original
    run_child("migrate", database, label="opening the shop after a write killed half way")
    assert user_version(database) == migrations.LATEST
    assert content(database, columns) == original


# --------------------------------------------------------------------------------------------------
# Snapshots


def test_killing_a_snapshot_lists_only_whole_snapshots(shop, tmp_path):
    source = shop.contacts_after
    expected = content(source)
    whole = tmp_path / "whole"
    seconds = run_child("snapshot", source, whole, label="a whole snapshot").seconds
    (only,) = backup.list_snapshots(source, folder=whole)
    assert content(only.path) == expected, "a whole snapshot differs from the database"
    runs = []
    for n, (label, delay) in enumerate(delays("snapshot", KILLS["snapshot"], seconds)):
        folder = tmp_path / f"kill-{n}"
        runs.append(run_child("snapshot", source, folder, kill_after=delay, label=label))
        assert_healthy(source, f"{label}: the database")
        listed = backup.list_snapshots(source, folder=folder)
        for snapshot in listed:
            assert_healthy(snapshot.path, f"{label}: snapshot {snapshot.path.name}")
            assert content(snapshot.path) == expected, label
        assert len(listed) <= 1, label
        names = {s.path.name for s in listed}
        for leftover in (p for p in (folder.iterdir() if folder.exists() else ()) if p.name not in names):
            # A half-written copy is not listed, and putting it back is refused (or it is whole after all).
            target = tmp_path / f"restore-{n}" / "shop.sqlite"
            try:
                backup.restore_snapshot(target, leftover)
            except DatabaseProblem:
                continue
            assert_healthy(target, f"{label}: restored from {leftover.name}")
            assert content(target) == expected, f"{label}: {leftover.name} restored with other data"
    interrupted(runs)
