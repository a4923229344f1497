"""`smallcrm backup`, `restore` and `check`: what they print, exit codes, and one clear line for every mistake."""

from __future__ import annotations

import os
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import snapshot


@pytest.fixture
def filled(cli, add, shop):
    """The test's database with two customers and a purchase; returns Ann's id."""
    ann = add("--first-name", "Ann", "--last-name", "Lee", "--email", "ann@example.com")
    add("--first-name", "Bob", "--last-name", "Stone")
    assert cli("purchases", "add", str(ann), "--amount", "25.50", "--currency", "EUR").code == 0
    return ann


def names(cli) -> list[str]:
    return sorted(c["first_name"] for c in cli("contacts", "list", "--json").json())


def test_backup_prints_where_size_and_counts(cli, shop, filled):
    result = cli("backup")
    assert result.code == 0, result.err
    made = list((shop.parent / "backups").glob("smallcrm-shop-*-manual.sqlite"))
    assert len(made) == 1
    assert str(made[0]) in result.out
    assert "2 contacts, 1 purchases" in result.out and " kB" in result.out
    assert stat.S_IMODE(made[0].stat().st_mode) == 0o600

    data = cli("backup", "--json").json()
    assert (data["contacts"], data["purchases"], data["reason"], data["kept_by_hand"]) == (2, 1, "manual", True)
    assert data["size"] == Path(data["path"]).stat().st_size


def test_backup_to_a_folder_and_list_it(cli, shop, filled, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    saved = cli("backup", "--to", str(usb), "--json").json()
    assert Path(saved["path"]).parent == usb
    listed = cli("backup", "--list", "--to", str(usb), "--json").json()
    assert [s["path"] for s in listed] == [saved["path"]]
    text = cli("backup", "--list", "--to", str(usb))
    assert text.code == 0 and saved["path"] in text.out and "2 contacts, 1 purchases" in text.out
    assert "no snapshots" in cli("backup", "--list").out  # none in the default folder


def test_restore_puts_the_snapshot_back_and_the_printed_command_undoes_it(cli, shop, filled):
    saved = cli("backup", "--json").json()
    assert cli("contacts", "delete", str(filled)).code == 0
    assert names(cli) == ["Bob"]

    result = cli("restore", saved["path"])
    assert result.code == 0, result.err
    assert names(cli) == ["Ann", "Bob"]
    safety = next(Path(w) for w in result.out.split() if w.endswith("-before-restore.sqlite"))
    assert f"the database as it was is saved in {safety}" in result.out
    assert f"smallcrm restore {safety} --db {shop}" in result.out

    assert cli("restore", str(safety)).code == 0
    assert names(cli) == ["Bob"]


def test_restore_by_the_name_listed_in_the_backup_folder(cli, shop, filled):
    saved = Path(cli("backup", "--json").json()["path"])
    assert cli("contacts", "delete", str(filled)).code == 0
    result = cli("restore", saved.name, "--json")
    assert result.code == 0, result.err
    assert result.json()["restored_from"] == str(saved)
    assert result.json()["safety_snapshot"]["reason"] == "before-restore"
    assert names(cli) == ["Ann", "Bob"]


@pytest.mark.parametrize("reason", ["not_sqlite", "not_smallcrm", "corrupt", "newer_schema"])
def test_restore_refuses_a_bad_file_in_one_line_and_changes_nothing(cli, shop, filled, problem_db, tmp_path, reason):
    bad = problem_db(reason)
    before = snapshot(tmp_path)
    result = cli("restore", str(bad))
    assert result.code == 1
    line = result.error_line
    assert str(bad) in line and "nothing was restored" in line
    assert snapshot(tmp_path) == before


def test_restore_of_a_missing_file(cli, shop, filled, tmp_path):
    before = snapshot(tmp_path)
    result = cli("restore", str(tmp_path / "no-such-snapshot.sqlite"))
    assert result.code == 1
    assert "there is no file" in result.error_line
    assert snapshot(tmp_path) == before


def test_check_a_healthy_database(cli, shop, filled):
    result = cli("check")
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("no problems found in ")
    assert cli("check", "--json").json()["problems"] == []


def test_check_lists_problems_one_per_line_and_exits_1(cli, shop, filled):
    with closing(sqlite3.connect(shop, isolation_level=None)) as conn:
        conn.execute(f"DELETE FROM contact_fts WHERE rowid = {filled}")
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("INSERT INTO contact_email (id, contact_id, email) VALUES (555, 4040, 'ghost@example.com')")
    result = cli("check")
    assert result.code == 1
    assert result.out.splitlines() == [
        "foreign keys: contact_email row 555: contact_id is 4040, and there is no contact 4040",
        f"search index: contact {filled}: not in the search index",
    ]
    assert "2 problems found" in result.error_line

    data = cli("check", "--json")
    assert data.code == 1 and data.json()["ok"] is False
    assert {(p["check"], p["kind"], p["row"]) for p in data.json()["problems"]} == {
        ("foreign_keys", "missing_parent", 555), ("search_index", "missing", filled)}


def test_check_a_damaged_file(cli, problem_db):
    result = cli("check", db=problem_db("corrupt"))
    assert result.code == 1
    assert result.out.startswith("integrity: the file is damaged")
    assert "1 problem found" in result.error_line


@pytest.mark.parametrize("command", [["backup"], ["check"], ["backup", "--list"]])
def test_a_missing_database_is_one_line_and_nothing_is_created(cli, shop, tmp_path, command):
    result = cli(*command)
    assert result.code == 1
    assert "there is no database at" in result.error_line
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_folder_is_one_line_and_leaves_nothing(cli, shop, filled, tmp_path, monkeypatch):
    in_the_way = tmp_path / "a file"
    in_the_way.write_text("not a folder", encoding="utf-8")
    result = cli("backup", "--to", str(in_the_way / "backups"))
    assert result.code == 1
    assert "cannot save a snapshot in" in result.error_line and "no snapshot was saved" in result.error_line

    locked = tmp_path / "read-only"
    locked.mkdir()
    real_access = os.access
    # Tests run as root, who may write anywhere: make the folder read as not writable instead.
    monkeypatch.setattr("smallcrm.services.backup.os.access",
                        lambda p, mode, *a, **k: False if Path(p) == locked else real_access(p, mode, *a, **k))
    result = cli("backup", "--to", str(locked))
    assert result.code == 1
    assert f"cannot save a snapshot in {locked}: the folder cannot be written to" in result.error_line
    assert list(locked.iterdir()) == []


@pytest.mark.parametrize("argv", [["restore"], ["backup", "--to"], ["check", "--nope"], ["restore", "a", "b"]])
def test_usage_mistakes_exit_2(cli, shop, filled, argv):
    result = cli(*argv)
    assert result.code == 2
    assert "see `smallcrm" in result.error_line
