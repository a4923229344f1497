"""Released databases open in the newest smallcrm with nothing lost; migrations back up first and
either finish or leave the file as it was."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

import peewee
import pytest

from smallcrm.errors import DatabaseProblem, NotAllowed
from smallcrm.services import privacy
from smallcrm.services.backup import check_database
from smallcrm.services.contacts import (
    ContactInput, contact_ids, count_contacts, get_contact, tag_contacts, update_contact,
)
from smallcrm.services.importing import contacts_import
from smallcrm.services.settings import get_setting
from smallcrm.store import migrations, search
from smallcrm.store.db import close_database, open_database
from smallcrm.store.models import (
    Contact,
    ContactTag,
    Feedback,
    ImportBatch,
    ImportChange,
    Interaction,
    PointsEntry,
    Purchase,
    PurchaseItem,
    Tag,
    database,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def v1_copy(tmp_path):
    path = tmp_path / "shop.sqlite"
    shutil.copyfile(FIXTURES / "schema_v1.sqlite", path)
    yield path
    close_database()


def user_version(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


def contact_names(path: Path) -> list[tuple]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT id, first_name, last_name FROM contact ORDER BY id").fetchall()


def test_fixture_is_a_small_single_file_of_version_1():
    path = FIXTURES / "schema_v1.sqlite"
    assert path.stat().st_size < 200_000
    assert path.read_bytes()[18:20] == b"\x01\x01"  # rollback journal, not WAL: needs no -wal file
    assert user_version(path) == 1


def test_schema_v1_database_opens_with_all_its_data(v1_copy):
    open_database(v1_copy)
    assert database.execute_sql("PRAGMA user_version").fetchone()[0] == migrations.LATEST
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []

    zoe = get_contact(1)
    assert (zoe.first_name, zoe.last_name, zoe.company, zoe.city) == ("Zoë", "Müller", "Café Zoë", "Zürich")
    assert zoe.emails == ["zoe@example.ch", "zoe.mueller@example.com"]
    assert [p.e164 for p in zoe.phones] == ["+41441234567"]
    assert zoe.tags == ["coffee", "VIP"]
    assert zoe.notes == "Likes oat milk.\nPays by card."
    assert zoe.email_consent and zoe.email_consent_at is not None
    assert get_contact(2).birthday == "--02-29"
    assert get_contact(3).first_name == "王" and get_contact(3).phones[0].e164 is None
    assert get_contact(4).deleted_at is not None
    assert count_contacts() == 3 and count_contacts(trash=True) == 1

    assert list(contact_ids("zoe")) == [1]  # the search index came along
    assert list(contact_ids("alvarez")) == [2]
    assert sorted(contact_ids("coffee")) == [1, 2]
    assert list(contact_ids()) == [2, 1, 3]  # álvarez, müller, 小明: the sort keys came along

    assert Purchase.select().count() == 5 and PurchaseItem.select().count() == 5
    assert Purchase.get_by_id(3).refund_of_id == 1 and Purchase.get_by_id(5).contact_id is None
    assert Purchase.get_by_id(4).status == "partly_paid" and Purchase.get_by_id(4).paid_minor == 4000
    chf = Purchase.select(peewee.fn.SUM(Purchase.total_minor)).where(Purchase.currency == "CHF").scalar()
    assert chf == 4000
    assert ImportBatch.get_by_id(1).created == 2
    points = PointsEntry.select(peewee.fn.SUM(PointsEntry.points)).where(PointsEntry.contact == 1).scalar()
    assert points == 20
    assert Interaction.select().count() == 3 and Feedback.select().count() == 3
    assert Tag.select().count() == 3 and ContactTag.select().count() == 4
    assert get_setting("currency") == "CHF" and get_setting("default_region") == "CH"


def add_step(monkeypatch, step: list[str]) -> int:
    """Pretend the next release adds `step`; return its version number."""
    version = migrations.LATEST + 1
    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, step])
    monkeypatch.setattr(migrations, "LATEST", version)
    return version


def test_a_new_step_runs_after_a_backup_and_bumps_the_version(v1_copy, monkeypatch):
    version = add_step(monkeypatch, [
        "ALTER TABLE contact ADD COLUMN loyalty_tier TEXT NOT NULL DEFAULT ''",
        "UPDATE contact SET loyalty_tier = 'gold' WHERE id = 1",
    ])
    names = contact_names(v1_copy)

    open_database(v1_copy)
    assert database.execute_sql("PRAGMA user_version").fetchone()[0] == version
    assert database.execute_sql("SELECT loyalty_tier FROM contact ORDER BY id").fetchall() == [
        ("gold",), ("",), ("",), ("",)]
    close_database()

    (backup,) = v1_copy.parent.glob(f"shop.before-v{version}-*.sqlite")
    assert user_version(backup) == 1
    assert contact_names(backup) == names
    with closing(sqlite3.connect(backup)) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(contact)")}
        assert "loyalty_tier" not in columns
        assert conn.execute("SELECT count(*) FROM purchase").fetchone()[0] == 5

    open_database(v1_copy)  # already migrated: no second backup
    assert len(list(v1_copy.parent.glob("shop.before-*.sqlite"))) == 1


def test_a_failing_step_leaves_version_and_data_as_they_were(v1_copy, monkeypatch):
    released = list(migrations.STEPS)
    version = add_step(monkeypatch, [
        "ALTER TABLE contact ADD COLUMN loyalty_tier TEXT",
        "UPDATE contact SET first_name = 'changed'",
        "INSERT INTO no_such_table VALUES (1)",  # the bug in this release's migration
    ])
    names = contact_names(v1_copy)

    with pytest.raises(DatabaseProblem):
        open_database(v1_copy)

    # Steps before the broken one are committed (each step is its own transaction); the broken one is not.
    assert user_version(v1_copy) == version - 1
    assert contact_names(v1_copy) == names
    with closing(sqlite3.connect(v1_copy)) as conn:
        assert "loyalty_tier" not in {row[1] for row in conn.execute("PRAGMA table_info(contact)")}
    (backup,) = v1_copy.parent.glob(f"shop.before-v{version}-*.sqlite")
    assert contact_names(backup) == names and user_version(backup) == 1

    monkeypatch.setattr(migrations, "STEPS", released)  # the fixed release: opens fine
    monkeypatch.setattr(migrations, "LATEST", len(released))
    open_database(v1_copy)
    assert get_contact(1).first_name == "Zoë"


def test_every_step_is_written_out_sql():
    """Steps are frozen text: nothing in them may depend on the models as they are today."""
    assert migrations.LATEST == len(migrations.STEPS) >= 1
    for step in migrations.STEPS:
        assert step and all(isinstance(statement, str) and statement.strip() for statement in step)


def test_version_1_gains_complaints_and_the_balance_guard(v1_copy):
    open_database(v1_copy)
    (backup,) = v1_copy.parent.glob(f"shop.before-v{migrations.LATEST}-*.sqlite")  # one backup, before all steps
    assert user_version(backup) == 1
    tables = {r[0] for r in database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "complaint" in tables
    # Zoë (contact 1) has 20 points: taking 21 is refused by the database itself.
    with pytest.raises(peewee.IntegrityError, match="below zero"):
        PointsEntry.insert(contact=1, occurred_at="2026-01-01T00:00:00Z", kind="redeem", points=-21,
                           created_at="2026-01-01T00:00:00Z").execute()
    PointsEntry.insert(contact=1, occurred_at="2026-01-01T00:00:00Z", kind="redeem", points=-20,
                       created_at="2026-01-01T00:00:00Z").execute()
    assert PointsEntry.select(peewee.fn.SUM(PointsEntry.points)).where(PointsEntry.contact == 1).scalar() == 0


# ---------------------------------------------------------------------------------------------
# Version 2 (frozen in tests/fixtures/schema_v2.sqlite, made by tests/fixtures/make_schema_v2.py)


@pytest.fixture
def v2_copy(tmp_path):
    path = tmp_path / "shop.sqlite"
    shutil.copyfile(FIXTURES / "schema_v2.sqlite", path)
    yield path
    close_database()


def table_rows(path: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every ordinary table of the file (the search index's own tables aside): its columns and rows."""
    with closing(sqlite3.connect(path)) as conn:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'contact_fts%' ORDER BY name")]
        out = {}
        for name in names:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({name})")]
            out[name] = (columns, conn.execute(f"SELECT * FROM {name} ORDER BY 1, 2").fetchall())
        return out


Tables = dict[str, tuple[list[str], list[tuple]]]


def with_sort_keys_of_today(tables: Tables) -> Tables:
    """The tables with each contact's sort keys folded as store.search.sort_key folds them today: every
    migration keeps the contact rows as they were but for these (version 6 folds "ø" and "ł" too). And each
    tag with its key, its name case-folded (since version 7; the fixtures have no two tags that differ by case
    alone)."""
    columns, rows = tables["contact"]
    names = [columns.index(c) for c in ("first_name", "last_name", "company", "city", "country")]
    refolded = []
    for row in rows:
        row = list(row)
        for column, key in search.sort_keys(*(row[i] for i in names)).items():
            row[columns.index(column)] = key
        refolded.append(tuple(row))
    tag_columns, tags = tables["tag"]
    if "name_key" not in tag_columns:
        name = tag_columns.index("name")
        tag_columns, tags = [*tag_columns, "name_key"], [(*tag, tag[name].casefold()) for tag in tags]
    return {**tables, "contact": (columns, refolded), "tag": (tag_columns, tags)}


def test_fixture_v2_is_a_small_single_file_of_version_2_with_rows_in_every_table():
    path = FIXTURES / "schema_v2.sqlite"
    assert path.stat().st_size < 200_000
    assert path.read_bytes()[18:20] == b"\x01\x01"
    assert user_version(path) == 2
    tables = table_rows(path)
    assert "complaint" in tables and "import_change" not in tables
    assert all(rows for _, rows in tables.values()), {name: len(rows) for name, (_, rows) in tables.items()}


def test_schema_v2_database_opens_with_all_its_data(v2_copy):
    before = table_rows(v2_copy)
    open_database(v2_copy)
    assert database.execute_sql("PRAGMA user_version").fetchone()[0] == migrations.LATEST
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    close_database()

    after = table_rows(v2_copy)
    for name, (columns, rows) in with_sort_keys_of_today(before).items():
        new_columns, new_rows = after[name]
        assert new_columns[:len(columns)] == columns, name  # columns are only ever added, at the end
        assert [row[:len(columns)] for row in new_rows] == rows, name
    assert set(after) - set(before) == {"import_change", "erased_key"}  # (of versions 3 and 5)
    assert after["import_change"][1] == []
    columns, rows = after["contact"]
    assert columns[-3:] == ["external_id", "email_consent_source", "sms_consent_source"]  # v3's, then v4's
    assert {row[-3:] for row in rows} == {("", "", "")}
    (backup,) = v2_copy.parent.glob(f"shop.before-v{migrations.LATEST}-*.sqlite")
    assert user_version(backup) == 2 and table_rows(backup) == before

    open_database(v2_copy)
    zoe = get_contact(1)
    assert (zoe.first_name, zoe.last_name, zoe.company) == ("Zoë", "Müller", "Café Zoë")
    assert zoe.emails == ["zoe@example.ch", "zoe.mueller@example.com"] and zoe.tags == ["coffee", "VIP"]
    assert get_contact(4).deleted_at is not None and get_contact(5).sms_consent
    assert list(contact_ids("odegard")) == [5] and sorted(contact_ids("coffee")) == [1, 2]
    assert list(contact_ids()) == [2, 1, 5, 3]  # the sort keys came along
    assert PointsEntry.select(peewee.fn.SUM(PointsEntry.points)).where(PointsEntry.contact == 1).scalar() == 70
    assert get_setting("loyalty")["referral_points"] == 50
    complaints = database.execute_sql("SELECT id, status, purchase_id FROM complaint ORDER BY id").fetchall()
    assert complaints == [(1, "open", 6), (2, "resolved", None)]


def test_version_2_gains_the_import_journal(v2_copy):
    open_database(v2_copy)
    database.execute_sql("INSERT INTO import_change (batch_id, contact_id, action) VALUES (1, 5, 'created')")
    with pytest.raises(peewee.IntegrityError):  # an update keeps what it changed
        database.execute_sql("INSERT INTO import_change (batch_id, contact_id, action) VALUES (2, 5, 'updated')")
    with pytest.raises(peewee.IntegrityError):
        database.execute_sql("INSERT INTO import_change (batch_id, contact_id, action, before)"
                             " VALUES (2, 1, 'merged', '{}')")
    database.execute_sql("DELETE FROM import_batch WHERE id = 1")  # the journal goes with its batch
    assert database.execute_sql("SELECT count(*) FROM import_change").fetchone()[0] == 0


# ---------------------------------------------------------------------------------------------
# Version 3 (frozen in tests/fixtures/schema_v3.sqlite, made by tests/fixtures/make_schema_v3.py)


@pytest.fixture
def v3_copy(tmp_path):
    path = tmp_path / "shop.sqlite"
    shutil.copyfile(FIXTURES / "schema_v3.sqlite", path)
    yield path
    close_database()


def test_fixture_v3_is_a_small_single_file_of_version_3_with_rows_in_every_table():
    path = FIXTURES / "schema_v3.sqlite"
    assert path.stat().st_size < 200_000
    assert path.read_bytes()[18:20] == b"\x01\x01"
    assert user_version(path) == 3
    tables = table_rows(path)
    assert {"complaint", "import_change"} <= set(tables)
    assert all(rows for _, rows in tables.values()), {name: len(rows) for name, (_, rows) in tables.items()}
    with closing(sqlite3.connect(path)) as conn:
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"contact_live_by_name", "contact_by_external_id", "import_change_by_contact"} <= indexes


def test_schema_v3_database_opens_with_all_its_data(v3_copy):
    before = table_rows(v3_copy)
    open_database(v3_copy)
    assert database.execute_sql("PRAGMA user_version").fetchone()[0] == migrations.LATEST
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    close_database()

    after = table_rows(v3_copy)
    for name, (columns, rows) in with_sort_keys_of_today(before).items():
        new_columns, new_rows = after[name]
        assert new_columns[:len(columns)] == columns, name  # columns are only ever added, at the end
        assert [row[:len(columns)] for row in new_rows] == rows, name
    backups = list(v3_copy.parent.glob("shop.before-*.sqlite"))
    if migrations.LATEST == 3:
        assert backups == [] and after == before  # already the newest: opened as it is, no copy made
    else:
        (backup,) = backups
        assert user_version(backup) == 3 and table_rows(backup) == before

    open_database(v3_copy)
    jose = get_contact(2)  # as the web shop import left him
    assert (jose.first_name, jose.last_name, jose.company) == ("José", "Álvarez", "Bar José")
    assert jose.emails == ["jose@barjose.es", "jose@example.es"]
    assert [p.e164 for p in jose.phones] == ["+34954123456", "+34612345678"]
    assert jose.tags == ["coffee", "webshop"] and jose.email_consent and jose.referred_by_id == 1
    amelie = get_contact(6)
    assert amelie.emails == ["amelie.dubois@example.fr"] and amelie.tags == ["webshop"]
    assert {c.id: c.external_id for c in Contact.select()} == {
        1: "TILL-0001", 2: "WS-0007", 3: "", 4: "", 5: "", 6: "WS-1042"}
    assert Contact.get(Contact.external_id == "WS-1042").id == 6
    assert get_contact(4).deleted_at is not None and count_contacts() == 5 and count_contacts(trash=True) == 1

    assert list(contact_ids()) == [2, 6, 1, 5, 3]  # álvarez, dubois, müller, ødegård, 小明
    live = database.execute_sql("SELECT id FROM contact INDEXED BY contact_live_by_name"
                                " WHERE deleted_at IS NULL ORDER BY sort_name, id").fetchall()
    assert [r[0] for r in live] == [2, 6, 1, 5, 3]
    assert list(contact_ids("amelie")) == [6] and sorted(contact_ids("webshop")) == [2, 6]
    assert list(contact_ids("bar jose")) == [2] and list(contact_ids("odegard")) == [5]

    journal = [(c.batch_id, c.contact_id, c.action) for c in ImportChange.select().order_by(ImportChange.id)]
    assert journal == [(3, 6, "created"), (3, 2, "updated")]
    assert ImportChange.get(ImportChange.contact == 6).before is None
    assert json.loads(ImportChange.get(ImportChange.contact == 2).before)["contact"]["company"] == ""
    batch = ImportBatch.get_by_id(3)
    assert (batch.kind, batch.created, batch.updated, batch.undone_at) == ("contacts", 1, 1, None)
    assert json.loads(batch.details)["created_tags"] == [5]

    assert Purchase.select().count() == 6 and PurchaseItem.select().count() == 6
    assert Purchase.get_by_id(3).refund_of_id == 1 and Purchase.get_by_id(4).import_batch_id == 2
    assert PointsEntry.select(peewee.fn.SUM(PointsEntry.points)).where(PointsEntry.contact == 1).scalar() == 70
    assert Interaction.select().count() == 4 and Feedback.select().count() == 4
    assert Tag.select().count() == 5 and ContactTag.select().count() == 7
    complaints = database.execute_sql("SELECT id, status, purchase_id FROM complaint ORDER BY id").fetchall()
    assert complaints == [(1, "open", 6), (2, "resolved", None)]
    assert get_setting("currency") == "CHF" and get_setting("loyalty")["referral_points"] == 50


def test_the_version_3_import_journal_still_undoes_its_import(v3_copy):
    """Undoing the fixture's contacts import removes the contact it created and puts back, from the
    journal's `before`, what it changed of the contact it updated: columns, emails, phones and tags."""
    open_database(v3_copy)
    before = json.loads(ImportChange.get(ImportChange.batch == 3, ImportChange.contact == 2).before)
    jose_row = "SELECT * FROM contact WHERE id = 2"
    columns = [d[0] for d in database.execute_sql(jose_row).description]
    untouched = {c: v for c, v in zip(columns, database.execute_sql(jose_row).fetchone()) if c not in before["contact"]}

    undone = contacts_import.undo_import(3)
    assert (undone.batch, undone.contacts_removed, undone.contacts_restored) == (3, 1, 1)

    jose = get_contact(2)
    assert (jose.first_name, jose.last_name, jose.company) == ("José", "Álvarez", "")
    assert jose.emails == ["jose@example.es"]
    assert [(p.raw, p.e164) for p in jose.phones] == [("+34 612 34 56 78", "+34612345678")]
    assert jose.tags == ["coffee"]
    assert not jose.email_consent and jose.email_consent_at is None
    assert jose.updated_at == datetime(2025, 1, 10, 9, 0, tzinfo=timezone.utc)
    assert Contact.get_by_id(2).external_id == "" and Contact.get_by_id(2).sort_company == ""
    # Exactly what the journal kept, ids included; nothing else of the contact moved.
    row = dict(zip(columns, database.execute_sql(jose_row).fetchone()))
    assert {c: row[c] for c in before["contact"]} == before["contact"]
    assert {c: v for c, v in row.items() if c not in before["contact"]} == untouched
    emails = database.execute_sql(
        "SELECT id, email, label, position FROM contact_email WHERE contact_id = 2 ORDER BY position").fetchall()
    assert [list(e) for e in emails] == before["emails"] == [[3, "jose@example.es", "", 0]]
    phones = database.execute_sql("SELECT id, raw, e164, digits, label, position FROM contact_phone"
                                  " WHERE contact_id = 2 ORDER BY position").fetchall()
    assert [list(p) for p in phones] == before["phones"]

    assert Contact.get_or_none(Contact.id == 6) is None  # the contact it created is gone
    assert {t.name for t in Tag.select()} == {"VIP", "coffee", "wholesale", "Newsletter"}  # its tag is gone too
    assert list(contact_ids()) == [2, 1, 5, 3]
    assert list(contact_ids("amelie")) == [] and list(contact_ids("bar")) == [] and list(contact_ids("webshop")) == []
    assert list(contact_ids("jose")) == [2]
    assert ImportChange.select().count() == 0 and ImportBatch.get_by_id(3).undone_at is not None
    assert Contact.get_by_id(1).external_id == "TILL-0001"  # not the import's: stays
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(NotAllowed, match="already undone"):
        contacts_import.undo_import(3)


# ---------------------------------------------------------------------------------------------
# Version 4 (frozen in tests/fixtures/schema_v4.sqlite, made by tests/fixtures/make_schema_v4.py)


def test_schema_v4_database_opens_with_all_its_data_and_gains_the_fingerprints_of_those_erased(tmp_path):
    path = tmp_path / "shop.sqlite"
    shutil.copyfile(FIXTURES / "schema_v4.sqlite", path)
    assert user_version(path) == 4 and path.read_bytes()[18:20] == b"\x01\x01"
    before = table_rows(path)
    assert "erased_key" not in before and all(rows for _, rows in before.values())
    try:
        open_database(path)
        after = table_rows(path)
        assert {name: after[name] for name in before} == with_sort_keys_of_today(before)
        assert after["erased_key"] == (["key", "erased_at"], [])
        assert (get_contact(1).email_consent_source, get_contact(5).sms_consent_source) == ("at the counter",
                                                                                            "signed form")
        privacy.erase_contact(3)  # (a person erased now is remembered by their phone: "12 34" has none to keep)
        privacy.erase_contact(6)
        assert database.execute_sql("SELECT count(*) FROM erased_key").fetchone()[0] == 2  # Amélie's email, phone
    finally:
        close_database()


# ---------------------------------------------------------------------------------------------
# Version 5 (frozen in tests/fixtures/schema_v5.sqlite, made by tests/fixtures/make_schema_v5.py)

FOLDED_SEARCHES = {  # typed -> the contacts of the version 5 fixture found once version 6 folds more letters
    "lukasz": [7], "Łukasz": [7], "wojcik": [7], "oster": [7], "gdansk": [7], "Łódź": [7],  # (his tag)
    "ελενη": [8], "Ελένη": [8], "αθηνα": [8], "odegard": [5], "Ødegård": [5], "zoe": [1], "jose": [2],
}


def test_schema_v5_database_opens_with_all_its_data_and_finds_letters_of_their_own_typed_plain(tmp_path):
    path = tmp_path / "shop.sqlite"
    shutil.copyfile(FIXTURES / "schema_v5.sqlite", path)
    assert user_version(path) == 5 and path.read_bytes()[18:20] == b"\x01\x01"
    before = table_rows(path)
    assert all(rows for _, rows in before.values())
    with closing(sqlite3.connect(path)) as old:
        def old_search(text):
            return sorted(r[0] for r in old.execute("SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?",
                                                    (search.match_expression(text),)))
        assert old_search("lukasz") == old_search("oster") == old_search("ελενη") == []  # version 5's index
        assert old_search("zoe") == [1]
    try:
        open_database(path)
        assert table_rows(path) == with_sort_keys_of_today(before)
        keys = database.execute_sql("SELECT id, sort_name, sort_company, sort_city FROM contact WHERE id IN (5, 7, 8)"
                                    " ORDER BY id").fetchall()
        assert keys == [(5, "odegard ingrid", "", "oslo"), (7, "wojcik lukasz", "oster bakery", "gdansk"),
                        (8, "παπαδοπουλου ελενη", "", "αθηνα")]
        assert list(contact_ids()) == [2, 6, 1, 5, 7, 8, 3]  # álvarez, dubois, müller, ødegård, wójcik, Greek, 小明
        for typed, expected in FOLDED_SEARCHES.items():
            assert sorted(contact_ids(typed)) == expected, typed
        assert list(contact_ids("lodz")) == []  # (his tag is found as written)
        contacts_import.undo_import(4)  # its journal holds his city's sort key as version 5 folded it: "łodz"
        assert (get_contact(7).city, Contact.get_by_id(7).sort_city) == ("Łódź", "lodz")
        assert list(contact_ids("lodz")) == [7] and list(contact_ids("gdansk")) == []
        update_contact(7, ContactInput(first_name="Łukasz", last_name="Wójcik", city="Kraków", tags=["Łódź"]))
        assert list(contact_ids("krakow")) == [7] and list(contact_ids("oster")) == []  # the new triggers
    finally:
        close_database()
    assert check_database(path).ok


# ---------------------------------------------------------------------------------------------
# Version 6 (frozen in tests/fixtures/schema_v6.sqlite, made by tests/fixtures/make_schema_v6.py)


def test_schema_v6_database_opens_with_tags_that_differ_only_by_case_made_one_every_customer_keeping_it(tmp_path):
    """Version 6 let "ÉTÉ 2025" and "Été 2025" be two tags (NOCASE folds A to Z only)."""
    path = tmp_path / "shop.sqlite"
    shutil.copyfile(FIXTURES / "schema_v6.sqlite", path)
    assert user_version(path) == 6 and path.read_bytes()[18:20] == b"\x01\x01"
    before = table_rows(path)
    _, tags = before["tag"]
    assert (9, "ÉTÉ 2025") in tags and (10, "Été 2025") in tags
    try:
        open_database(path)
        after = table_rows(path)
        assert after["tag"] == (["id", "name", "name_key"],
                                [(i, name, name.casefold()) for i, name in tags if i != 10])  # the first kept
        assert {name: after[name] for name in before if name not in ("tag", "contact_tag")} == {
            name: rows for name, rows in before.items() if name not in ("tag", "contact_tag")}
        assert after["contact_tag"][1] == sorted((c, 9 if t == 10 else t) for c, t in before["contact_tag"][1])
        assert get_contact(7).tags == ["ÉTÉ 2025", "Łódź"] and get_contact(8).tags == ["ÉTÉ 2025"]
        assert sorted(contact_ids("ete 2025")) == [7, 8]  # (the search index holds it for each)
        assert tag_contacts([2], "été 2025") == [2] and "ÉTÉ 2025" in get_contact(2).tags
        assert database.execute_sql("SELECT count(*) FROM tag").fetchone()[0] == len(tags) - 1  # (none made)
    finally:
        close_database()
    assert check_database(path).ok


def test_a_version_6_book_whose_tags_were_keyed_already_opens_at_version_7_as_it_was(tmp_path):
    """For a while version 6's step ran version 7's statements itself: a book opened then is at version 6 with
    the tag key there, and version 7 must not add it again ("duplicate column name")."""
    path = tmp_path / "shop.sqlite"
    shutil.copyfile(FIXTURES / "schema_v6.sqlite", path)
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        migrations.register_functions(conn)
        for statement in migrations.STEPS[6]:
            conn.execute(statement)
    before = table_rows(path)
    assert user_version(path) == 6 and "Été 2025" not in [name for _, name, _ in before["tag"][1]]
    try:
        open_database(path)
        assert get_contact(7).tags == ["ÉTÉ 2025", "Łódź"] and sorted(contact_ids("ete 2025")) == [7, 8]
    finally:
        close_database()
    assert user_version(path) == migrations.LATEST and table_rows(path) == before
    fresh = tmp_path / "new.sqlite"
    open_database(fresh)
    close_database()
    assert schema(path) == schema(fresh)


# ---------------------------------------------------------------------------------------------
# Every released version


def schema(path: Path) -> list[tuple]:
    """Every table, index and trigger of the file, as SQLite keeps them."""
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()


@pytest.mark.parametrize("version", [1, 2, 3, 4, 5, 6])
def test_a_released_database_ends_with_the_schema_of_a_new_one(tmp_path, version):
    fresh = tmp_path / "new.sqlite"
    open_database(fresh)
    close_database()
    path = tmp_path / "shop.sqlite"
    shutil.copyfile(FIXTURES / f"schema_v{version}.sqlite", path)
    try:
        open_database(path)
    finally:
        close_database()
    assert user_version(path) == user_version(fresh) == migrations.LATEST
    assert schema(path) == schema(fresh)


def test_version_3_gains_where_consent_came_from_empty_for_every_contact(v3_copy):
    with closing(sqlite3.connect(v3_copy)) as conn:
        consenting = conn.execute("SELECT id FROM contact WHERE email_consent OR sms_consent ORDER BY id").fetchall()
    assert consenting  # the fixture has customers who agreed, without saying how
    open_database(v3_copy)
    columns = [r[1] for r in database.execute_sql("PRAGMA table_info(contact)").fetchall()]
    assert columns[-2:] == ["email_consent_source", "sms_consent_source"]
    assert database.execute_sql("SELECT DISTINCT email_consent_source, sms_consent_source FROM contact"
                                ).fetchall() == [("", "")]
    jose = get_contact(2)
    assert jose.email_consent and jose.email_consent_source == "" and jose.sms_consent_source == ""
    assert get_contact(2).to_json()["email_consent_source"] == ""
    with pytest.raises(peewee.IntegrityError, match="NOT NULL"):
        database.execute_sql("UPDATE contact SET sms_consent_source = NULL WHERE id = 2")


def test_version_3_gains_the_index_of_the_figures_about_customers(v3_copy):
    open_database(v3_copy)
    (backup,) = v3_copy.parent.glob(f"shop.before-v{migrations.LATEST}-*.sqlite")
    with closing(sqlite3.connect(backup)) as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'purchase_by_customer_facts'"
                            ).fetchone()[0] == 0
    columns = [r[2] for r in database.execute_sql("PRAGMA index_info(purchase_by_customer_facts)").fetchall()]
    assert columns == ["contact_id", "currency", "refund_of_id", "occurred_at", "total_minor"]
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = database.execute_sql(
        "SELECT contact_id, count(*), sum(total_minor) FROM purchase INDEXED BY purchase_by_customer_facts"
        " WHERE currency = 'CHF' AND refund_of_id IS NULL GROUP BY contact_id").fetchall()
    assert rows and rows == database.execute_sql(
        "SELECT contact_id, count(*), sum(total_minor) FROM purchase NOT INDEXED"
        " WHERE currency = 'CHF' AND refund_of_id IS NULL GROUP BY contact_id ORDER BY contact_id").fetchall()
