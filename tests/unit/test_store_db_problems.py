"""A file smallcrm cannot use is refused with the right reason and left exactly as it was."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing

import pytest

from smallcrm.errors import DatabaseProblem
from smallcrm.services.contacts import contact_ids, get_contact
from smallcrm.store import migrations
from smallcrm.store.db import close_database, current_path, inspect, open_database
from smallcrm.store.models import database
from tests.conftest import PROBLEM_REASONS, make_smallcrm_file, snapshot

@pytest.mark.parametrize("reason", PROBLEM_REASONS)
def test_refused_with_the_reason_and_the_file_untouched(problem_db, reason):
    path = problem_db(reason)
    folder = path.parent if path.parent.is_dir() else path.parent.parent
    target = path if path.is_file() else None
    before = target.read_bytes() if target else None
    listing = snapshot(folder)

    with pytest.raises(DatabaseProblem) as caught:
        open_database(path)

    assert caught.value.reason == reason
    assert caught.value.path == path
    if target:
        assert target.read_bytes() == before
    # Everything that was there is still there, byte for byte.
    after = snapshot(folder)
    assert {name: after.get(name) for name in listing} == listing
    assert database.is_closed()  # and nothing half-open is left behind


@pytest.mark.parametrize("reason", PROBLEM_REASONS)
def test_refusing_a_file_creates_no_files_beside_it(problem_db, reason):
    """No -wal or -shm (or anything else) appears beside a file smallcrm refuses, WAL-mode ones included."""
    path = problem_db(reason)
    folder = path.parent if path.parent.is_dir() else path.parent.parent
    listing = snapshot(folder)
    with pytest.raises(DatabaseProblem):
        open_database(path)
    assert snapshot(folder) == listing


def test_newer_schema_reports_the_version(problem_db):
    path = problem_db("newer_schema")
    with pytest.raises(DatabaseProblem) as caught:
        open_database(path)
    assert caught.value.version == 99 and 99 > migrations.LATEST


def test_locked_file_opens_once_the_other_program_lets_go(problem_db):
    path = problem_db("locked")
    with pytest.raises(DatabaseProblem) as caught:
        open_database(path)
    assert caught.value.reason == DatabaseProblem.LOCKED
    problem_db.release()  # the other program rolls back and closes
    open_database(path)
    try:
        (cid,) = contact_ids()
        assert get_contact(cid).first_name == "Ann"
        assert database.execute_sql("SELECT count(*) FROM setting WHERE key = 'other'").fetchone()[0] == 0
    finally:
        close_database()


def test_inspect_reads_without_writing(tmp_path):
    path = make_smallcrm_file(tmp_path / "shop.sqlite")
    before = path.read_bytes()
    assert inspect(path) == migrations.LATEST
    assert path.read_bytes() == before
    assert inspect(tmp_path / "missing.sqlite") is None
    assert not (tmp_path / "missing.sqlite").exists()
    (tmp_path / "empty.sqlite").touch()
    assert inspect(tmp_path / "empty.sqlite") is None
    assert (tmp_path / "empty.sqlite").stat().st_size == 0


def test_an_empty_file_becomes_a_new_database(tmp_path):
    path = tmp_path / "new.sqlite"
    path.touch()
    open_database(path)
    try:
        assert list(contact_ids()) == []
        assert current_path() == path
    finally:
        close_database()


def test_create_false_refuses_a_missing_file_and_creates_nothing(tmp_path):
    with pytest.raises(DatabaseProblem) as caught:
        open_database(tmp_path / "missing.sqlite", create=False)
    assert caught.value.reason == DatabaseProblem.CANNOT_CREATE
    assert list(tmp_path.iterdir()) == []


def test_a_good_file_reopens_with_its_data(tmp_path):
    path = make_smallcrm_file(tmp_path / "shop.sqlite")
    open_database(path)
    try:
        (cid,) = contact_ids()
        assert get_contact(cid).first_name == "Ann"
    finally:
        close_database()


def test_another_programs_file_with_a_user_version_is_not_smallcrm(tmp_path):
    path = tmp_path / "places.sqlite"
    with closing(sqlite3.connect(path)) as other:  # many programs keep their own schema version there too
        other.execute("CREATE TABLE place (url TEXT)")
        other.execute("PRAGMA user_version = 7")
        other.commit()
    before = path.read_bytes()
    with pytest.raises(DatabaseProblem) as caught:
        open_database(path)
    assert path.read_bytes() == before
    assert caught.value.reason == DatabaseProblem.NOT_SMALLCRM


def test_another_programs_wal_file_is_refused_without_files_beside_it(tmp_path):
    path = tmp_path / "notes.db"
    with closing(sqlite3.connect(path)) as other:
        other.execute("PRAGMA journal_mode = wal")
        other.execute("CREATE TABLE note (body TEXT)")
        other.commit()
    listing = snapshot(tmp_path)
    with pytest.raises(DatabaseProblem) as caught:
        open_database(path)
    assert caught.value.reason == DatabaseProblem.NOT_SMALLCRM
    assert snapshot(tmp_path) == listing


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_new_database_and_its_side_files_are_the_owners_alone(tmp_path):
    import stat

    from smallcrm.services.contacts import ContactInput, add_contact

    open_database(tmp_path / "shop.sqlite")
    try:
        add_contact(ContactInput(first_name="Ann"))
        modes = {f.name: stat.S_IMODE(f.stat().st_mode) for f in tmp_path.iterdir()}
    finally:
        close_database()
    assert modes == {"shop.sqlite": 0o600, "shop.sqlite-wal": 0o600, "shop.sqlite-shm": 0o600}
