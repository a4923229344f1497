"""Snapshots, restore and check (services.backup): a restore gives back exactly what was saved and can
itself be undone, retention keeps 7 days / 4 weeks / 12 months, bad files change nothing, and `check`
finds a broken search index, a dangling foreign key, a broken ledger and a damaged file."""

from __future__ import annotations

import shutil
import sqlite3
import stat
from contextlib import closing
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from smallcrm.errors import DatabaseProblem, NotAllowed, OutputProblem
from smallcrm.services import backup, contacts
from smallcrm.services.contacts import ContactInput
from smallcrm.services.purchases import record_purchase
from smallcrm.services.settings import set_setting
from smallcrm.store.db import close_database, open_database
from tests.conftest import snapshot

NOW = datetime(2026, 11, 22, 18, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """A small demo shop (contacts, tags, purchases, points, feedback), made once and copied per test."""
    from smallcrm.services import demo

    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    open_database(path)
    demo.generate(25, seed=3, now=NOW)
    close_database()
    return path


@pytest.fixture
def shop(tmp_path, demo_file):
    """A copy of the demo shop, open in this thread, in a folder of its own; returns its path."""
    path = tmp_path / "shop" / "smallcrm.sqlite"
    path.parent.mkdir()
    shutil.copyfile(demo_file, path)
    open_database(path)
    yield path
    close_database()


def every_row(path: Path) -> dict[str, list]:
    """Every row of every table (the search index's own tables included) and the schema version."""
    side_files = (Path(f"{path}-wal"), Path(f"{path}-journal"))
    immutable = "" if any(f.exists() for f in side_files) else "&immutable=1"
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro{immutable}", uri=True)) as conn:
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        rows = {table: sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr) for table in tables}
        rows["user_version"] = conn.execute("PRAGMA user_version").fetchall()
    return rows


def change_the_shop() -> None:
    first = contacts.contact_ids()[0]
    new = contacts.add_contact(ContactInput(first_name="Zoé", last_name="Nouvelle", emails=["zoe@example.com"],
                                            tags=["vip"]))
    record_purchase(new, total_minor=4250, currency="EUR")
    contacts.delete_contacts([first])


def damage_an_index(path: Path) -> None:
    """Overwrite half of the contact_by_name index page of a closed database (left without a write-ahead
    log, so that its bytes are all there is): the file still opens and reads, but the integrity check fails."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'contact_by_name'").fetchone()[0]
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size + page_size // 2)
        f.write(bytes((7 * i) % 256 for i in range(page_size // 2)))


def raw(path: Path, *statements: str, foreign_keys: bool = True) -> None:
    """Run SQL on the file behind the services' back (as another program, or a bug, would)."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute(f"PRAGMA foreign_keys = {int(foreign_keys)}")
        for statement in statements:
            conn.execute(statement)


# ---------------------------------------------------------------------------------------------
# Snapshot, change, restore


def test_backup_change_restore_gives_back_every_row(shop):
    live = contacts.count_contacts()
    saved = backup.take_snapshot(shop, now=NOW)
    before = every_row(shop)
    assert saved.path.parent == shop.parent / "backups"
    assert saved.path.name == "smallcrm-2026-11-22T180000Z-manual.sqlite"
    assert (saved.contacts, saved.purchases) == (live, len(before["purchase"]))
    assert every_row(saved.path) == before

    change_the_shop()
    assert every_row(shop) != before

    result = backup.restore_snapshot(shop, saved.path, now=NOW + timedelta(hours=1))
    assert every_row(shop) == before
    assert (result.contacts, result.schema_version) == (live, before["user_version"][0][0])
    for side in ("-wal", "-shm", "-journal"):
        assert not Path(f"{shop}{side}").exists(), side
    assert [p.name for p in shop.parent.iterdir() if p.name.startswith(".")] == []  # no temporary file left
    open_database(shop)  # the restored file opens as a database again, and has the old contacts
    assert contacts.count_contacts() == live and len(contacts.contact_ids("Nouvelle")) == 0


def test_restore_saves_the_database_first_and_restoring_that_undoes_it(shop):
    saved = backup.take_snapshot(shop, now=NOW)
    change_the_shop()
    changed = every_row(shop)

    result = backup.restore_snapshot(shop, saved.path, now=NOW + timedelta(hours=1))
    assert result.safety is not None and result.safety.reason == "before-restore"
    assert result.safety.path.name == "smallcrm-2026-11-22T190000Z-before-restore.sqlite"
    assert every_row(result.safety.path) == changed
    assert every_row(shop) != changed

    undo = backup.restore_snapshot(shop, result.safety.path, now=NOW + timedelta(hours=2))
    assert every_row(shop) == changed
    assert undo.safety is not None and every_row(undo.safety.path) == every_row(saved.path)


def test_restore_into_a_new_place_needs_no_safety_snapshot(shop, tmp_path):
    saved = backup.take_snapshot(shop, now=NOW)
    new_computer = tmp_path / "new laptop" / "data" / "smallcrm.sqlite"
    result = backup.restore_snapshot(new_computer, saved.path)
    assert result.safety is None
    assert every_row(new_computer) == every_row(saved.path)
    assert stat.S_IMODE(new_computer.stat().st_mode) == 0o600


def test_restoring_the_database_onto_itself_is_refused(shop):
    with pytest.raises(NotAllowed):
        backup.restore_snapshot(shop, shop)


# ---------------------------------------------------------------------------------------------
# Files refused by restore: nothing changes


def _damaged_copy(tmp_path: Path, demo_file: Path) -> Path:
    path = tmp_path / "elsewhere" / "damaged.sqlite"
    path.parent.mkdir()
    shutil.copyfile(demo_file, path)
    damage_an_index(path)
    return path


@pytest.mark.parametrize("reason", ["not_sqlite", "not_smallcrm", "corrupt", "newer_schema", "damaged_page", "empty"])
def test_a_bad_file_is_refused_and_nothing_changes(problem_db, tmp_path, demo_file, reason):
    if reason == "damaged_page":
        bad, expected = _damaged_copy(tmp_path, demo_file), DatabaseProblem.CORRUPT
    elif reason == "empty":
        bad, expected = tmp_path / "empty.sqlite", DatabaseProblem.NOT_SMALLCRM
        bad.write_bytes(b"")
    else:
        bad, expected = problem_db(reason), reason
    shop = tmp_path / "shop" / "smallcrm.sqlite"
    shop.parent.mkdir()
    shutil.copyfile(demo_file, shop)
    open_database(shop)
    backup.take_snapshot(shop, now=NOW)
    close_database()
    before = snapshot(tmp_path)

    with pytest.raises(DatabaseProblem) as refused:
        backup.restore_snapshot(shop, bad, now=NOW + timedelta(hours=1))

    assert (refused.value.path, refused.value.reason) == (bad, expected)
    assert snapshot(tmp_path) == before  # every file, the database and its snapshots, byte for byte


def test_restore_is_refused_while_another_connection_has_the_database_open(shop):
    saved = backup.take_snapshot(shop, now=NOW)
    change_the_shop()
    changed = every_row(shop)
    window = sqlite3.connect(shop)  # the window, in another thread or process
    window.execute("SELECT count(*) FROM contact").fetchone()
    try:
        with pytest.raises(DatabaseProblem) as refused:
            backup.restore_snapshot(shop, saved.path, now=NOW + timedelta(hours=1))
    finally:
        window.close()
    assert refused.value.reason == DatabaseProblem.LOCKED
    assert every_row(shop) == changed
    assert [s.reason for s in backup.list_snapshots(shop)] == ["manual"]  # no safety snapshot for nothing
    assert [p.name for p in shop.parent.iterdir() if ".restoring-" in p.name] == []


def test_a_damaged_database_is_kept_byte_for_byte_when_a_snapshot_replaces_it(shop, tmp_path):
    saved = backup.take_snapshot(shop, now=NOW)
    close_database()
    damage_an_index(shop)
    damaged_bytes = shop.read_bytes()

    result = backup.restore_snapshot(shop, saved.path, now=NOW + timedelta(hours=1))

    assert result.safety is not None and result.safety.reason == "damaged"
    assert result.safety.path.read_bytes() == damaged_bytes
    assert every_row(shop) == every_row(saved.path)
    assert backup.check_database(shop).ok


# ---------------------------------------------------------------------------------------------
# Writing snapshots


def test_a_snapshot_is_readable_by_its_owner_only(shop):
    saved = backup.take_snapshot(shop, now=NOW)
    assert stat.S_IMODE(saved.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(saved.path.parent.stat().st_mode) == 0o700  # smallcrm made the folder


def test_a_snapshot_that_fails_its_check_is_deleted_and_reported(shop):
    close_database()
    damage_an_index(shop)
    with pytest.raises(backup.SnapshotFailed) as failed:
        backup.take_snapshot(shop, now=NOW)
    assert failed.value.problems and failed.value.problems != ["ok"]
    assert list((shop.parent / "backups").iterdir()) == []  # neither the snapshot nor a partial copy


def test_the_backup_folder_setting_is_used_and_a_missing_drive_is_reported(shop, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    set_setting("backup_folder", str(usb / "shop backups"))
    saved = backup.take_snapshot(shop, now=NOW)
    assert saved.path.parent == usb / "shop backups"
    assert backup.backup_folder(shop) == usb / "shop backups"
    assert [s.path for s in backup.list_snapshots(shop)] == [saved.path]

    set_setting("backup_folder", str(tmp_path / "unplugged" / "shop backups"))
    with pytest.raises(OutputProblem):
        backup.take_snapshot(shop, now=NOW)
    assert not (tmp_path / "unplugged").exists()
    assert not (shop.parent / "backups").exists()  # no quiet stand-in either


def test_snapshots_of_another_database_in_the_same_folder_are_left_alone(shop, tmp_path):
    other = shop.parent / "demo.sqlite"
    shutil.copyfile(shop, other)
    theirs = backup.take_snapshot(other, reason="close", now=NOW - timedelta(days=3))
    assert theirs.path.name == "smallcrm-demo-2026-11-19T180000Z-close.sqlite"
    for day in range(10):
        backup.take_snapshot(shop, reason="close", now=NOW - timedelta(days=9 - day))
    assert theirs.path.exists()
    assert [s.path for s in backup.list_snapshots(other)] == [theirs.path]


def test_list_snapshots_newest_first_with_counts(shop):
    first = backup.take_snapshot(shop, reason="close", now=NOW - timedelta(days=1))
    change_the_shop()
    second = backup.take_snapshot(shop, now=NOW)
    listed = backup.list_snapshots(shop)
    assert [s.path for s in listed] == [second.path, first.path]
    assert [(s.contacts, s.purchases) for s in listed] == [(second.contacts, second.purchases),
                                                           (first.contacts, first.purchases)]
    assert (second.contacts, second.purchases) == (first.contacts, first.purchases + 1)  # one added, one binned
    assert listed[0].size == second.path.stat().st_size


def test_snapshot_names_stay_unique_and_in_time_order_within_a_second(shop):
    a = backup.take_snapshot(shop, reason="close", now=NOW)
    b = backup.take_snapshot(shop, reason="manual", now=NOW)
    assert a.path.name < b.path.name and a.taken_at < b.taken_at


# ---------------------------------------------------------------------------------------------
# Automatic snapshots and retention


def test_snapshot_if_due_at_most_once_a_day(shop):
    first = backup.snapshot_if_due(shop, now=NOW)
    assert first is not None and first.reason == "daily"
    assert backup.snapshot_if_due(shop, now=NOW + timedelta(hours=23, minutes=59)) is None
    assert backup.snapshot_if_due(shop, now=NOW + timedelta(hours=24)) is not None


def test_snapshot_on_close_every_time_and_only_the_newest_of_a_day_is_kept(shop):
    morning = backup.snapshot_on_close(shop, now=NOW - timedelta(hours=8))
    evening = backup.snapshot_on_close(shop, now=NOW)
    assert morning is not None and evening is not None and evening.reason == "close"
    assert [s.path for s in backup.list_snapshots(shop)] == [evening.path]


def test_no_snapshot_without_a_database(tmp_path):
    assert backup.snapshot_if_due(tmp_path / "none.sqlite", now=NOW) is None
    assert backup.snapshot_on_close(tmp_path / "none.sqlite", now=NOW) is None
    assert not (tmp_path / "backups").exists()


def test_the_snapshot_just_made_is_never_deleted(shop):
    later = backup.snapshot_on_close(shop, now=NOW)
    earlier = backup.snapshot_on_close(shop, now=NOW - timedelta(hours=2))  # the clock was set back
    assert earlier is not None and earlier.path.exists() and later.path.exists()
    backup.prune(shop)  # the next time round, the newest of the day is the one kept
    assert [s.path for s in backup.list_snapshots(shop)] == [later.path]


def _newest_per(days: list[date], key, count: int) -> set[date]:
    newest: dict = {}
    for day in days:
        newest[key(day)] = max(day, newest.get(key(day), day))
    return set(sorted(newest.values())[-count:])


def test_a_year_of_daily_snapshots_keeps_7_days_4_weeks_and_12_months(tmp_path):
    shop = tmp_path / "smallcrm.sqlite"
    open_database(shop)
    contacts.add_contact(ContactInput(first_name="Ann", last_name="Lee"))
    start = NOW - timedelta(days=364)
    by_hand = backup.take_snapshot(shop, now=start - timedelta(days=2))
    for day in range(365):
        made = backup.snapshot_if_due(shop, now=start + timedelta(days=day))
        assert made is not None and made.path.exists()
    close_database()

    days = [(start + timedelta(days=d)).date() for d in range(365)]
    expected = (_newest_per(days, lambda d: d, 7) | _newest_per(days, lambda d: d.isocalendar()[:2], 4)
                | _newest_per(days, lambda d: (d.year, d.month), 12))
    listed = backup.list_snapshots(shop, counts=False)
    assert {s.taken_at.date() for s in listed if s.reason == "daily"} == expected
    assert [s.path for s in listed if s.reason != "daily"] == [by_hand.path]  # made by hand: kept

    rules = backup.why_kept(listed)
    assert set(rules) == {s.path for s in listed}
    for rule, count in (("daily", 7), ("weekly", 4), ("monthly", 12)):
        assert sum(rule in why for why in rules.values()) == count, rule
    assert rules[by_hand.path] == ["by hand"]


# ---------------------------------------------------------------------------------------------
# check


def kinds(report: backup.CheckReport) -> set[tuple[str, str, int | None]]:
    return {(p.check, p.kind, p.row) for p in report.problems}


def test_a_healthy_database_has_no_problems(shop):
    report = backup.check_database(shop)
    assert report.ok and report.problems == [] and report.schema_version is not None


def test_check_finds_a_search_index_out_of_step_with_the_contacts(shop):
    gone, stale, binned = contacts.contact_ids()[:3]
    contacts.delete_contacts([binned])
    close_database()
    raw(shop, f"DELETE FROM contact_fts WHERE rowid = {gone}",  # behind the triggers' back
        f"UPDATE contact_fts SET city = 'Nowhere' WHERE rowid = {stale}",
        f"INSERT INTO contact_fts (rowid, name) VALUES ({binned}, 'In The Trash')",
        "INSERT INTO contact_fts (rowid, name) VALUES (99999, 'Nobody At All')")
    report = backup.check_database(shop)
    assert kinds(report) == {("search_index", "missing", gone), ("search_index", "stale", stale),
                             ("search_index", "extra", binned), ("search_index", "extra", 99999)}
    details = {p.row: p.detail for p in report.problems}
    assert "city" in details[stale] and "name" not in details[stale]
    assert "Trash" in details[binned] and "not in the database" in details[99999]


def test_check_finds_a_row_pointing_at_nothing(shop):
    close_database()
    raw(shop, "INSERT INTO purchase (id, contact_id, occurred_at, currency, total_minor, created_at)"
              " VALUES (77777, 424242, '2026-01-01T00:00:00Z', 'EUR', 100, '2026-01-01T00:00:00Z')",
        foreign_keys=False)
    report = backup.check_database(shop)
    assert kinds(report) == {("foreign_keys", "missing_parent", 77777)}
    assert report.problems[0].table == "purchase"
    assert "contact_id is 424242" in report.problems[0].detail


def test_check_finds_a_broken_points_ledger_and_missing_triggers(shop):
    contact = contacts.contact_ids()[0]
    close_database()
    raw(shop, "DROP TRIGGER points_entry_never_negative",
        f"INSERT INTO points_entry (id, contact_id, occurred_at, kind, points, created_at) VALUES "
        f"(900001, {contact}, '2026-11-01T00:00:00Z', 'redeem', -1000000, '2026-11-01T00:00:00Z')",
        f"INSERT INTO points_entry (id, contact_id, occurred_at, kind, points, created_at) VALUES "
        f"(900002, {contact}, '2026-11-02T00:00:00Z', 'earn', 2000000, '2026-11-02T00:00:00Z')",
        f"INSERT INTO points_entry (id, contact_id, occurred_at, kind, points, created_at) VALUES "
        f"(900003, {contact}, '2026-11-03T00:00:00Z', 'earn', -5, '2026-11-03T00:00:00Z')")
    report = backup.check_database(shop)
    assert kinds(report) == {("triggers", "missing_trigger", None), ("points", "below_zero", 900001),
                             ("points", "sign", 900003)}
    assert [p.detail for p in report.problems if p.check == "triggers"] == ["points_entry_never_negative"]


def test_check_reports_a_damaged_file(shop, problem_db):
    close_database()
    damage_an_index(shop)
    report = backup.check_database(shop)
    assert not report.ok
    assert [p for p in report.problems if p.check == "integrity" and p.kind == "damaged"] != []

    garbage = problem_db("corrupt")
    report = backup.check_database(garbage)
    assert [(p.check, p.kind) for p in report.problems] == [("integrity", "damaged")]


def test_check_lists_a_limited_number_and_counts_the_rest(shop, monkeypatch):
    ids = contacts.contact_ids()
    close_database()
    raw(shop, "DELETE FROM contact_fts")
    monkeypatch.setattr(backup, "SHOWN", 10)
    report = backup.check_database(shop)
    assert [p.row for p in report.problems if p.kind == "missing"] == sorted(ids)[:10]
    assert [(p.check, p.kind, p.detail) for p in report.problems if p.kind == "more"] == [
        ("search_index", "more", str(len(ids) - 10))]


def test_check_leaves_the_file_as_it_was(shop, tmp_path):
    close_database()
    before = snapshot(shop.parent)
    assert backup.check_database(shop).ok
    assert snapshot(shop.parent) == before


def test_a_write_ahead_log_left_by_a_crash_is_kept_in_the_safety_snapshot_not_read_into_the_restored_file(shop):
    saved = backup.take_snapshot(shop, now=NOW)
    first = contacts.contact_ids()[0]
    close_database()
    before_the_crash = shop.read_bytes()
    with closing(sqlite3.connect(shop, isolation_level=None)) as conn:
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute(f"UPDATE contact SET notes = 'only in the log' WHERE id = {first}")
        hot_log = Path(f"{shop}-wal").read_bytes()
    shop.write_bytes(before_the_crash)  # the program died before the log was folded into the file
    Path(f"{shop}-wal").write_bytes(hot_log)

    result = backup.restore_snapshot(shop, saved.path, now=NOW + timedelta(hours=1))

    assert every_row(shop) == every_row(saved.path)
    with closing(sqlite3.connect(f"{result.safety.path.as_uri()}?mode=ro", uri=True)) as conn:
        assert conn.execute(f"SELECT notes FROM contact WHERE id = {first}").fetchone() == ("only in the log",)
