"""The schema the migrations build matches the Peewee models, and keeps DESIGN.md's data rules."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import peewee
import pytest

from smallcrm.store import migrations
from smallcrm.store.fields import from_utc_text, to_utc_text, utc_now
from smallcrm.store.models import (
    ALL_MODELS,
    Contact,
    ContactEmail,
    ContactTag,
    Feedback,
    Interaction,
    PointsEntry,
    Purchase,
    PurchaseItem,
    Setting,
    Tag,
    database,
)

NOW = datetime(2024, 5, 1, 9, 30, tzinfo=timezone.utc)


def _contact(**values) -> int:
    row = {"first_name": "Ann", "last_name": "Lee", "created_at": NOW, "updated_at": NOW, **values}
    return Contact.insert(row).execute()


def _purchase(contact_id, **values) -> int:
    row = {"contact": contact_id, "occurred_at": NOW, "currency": "EUR", "total_minor": 1250, "created_at": NOW}
    return Purchase.insert({**row, **values}).execute()


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m._meta.table_name)
def test_every_model_field_is_a_column_and_every_column_a_field(db, model):
    table = model._meta.table_name
    columns = {c.name: c for c in database.get_columns(table)}
    fields = {f.column_name: f for f in model._meta.sorted_fields}
    assert columns, f"migrations created no table {table}"
    assert set(fields) == set(columns)
    for name, field in fields.items():
        if not columns[name].primary_key:
            assert columns[name].null == field.null, f"{table}.{name}: NULL allowed differs"


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m._meta.table_name)
def test_foreign_keys_point_where_the_models_say_with_the_same_on_delete(db, model):
    table = model._meta.table_name
    actual = {
        row[3]: (row[2], row[6])
        for row in database.execute_sql(f"PRAGMA foreign_key_list({table})").fetchall()
    }
    expected = {
        f.column_name: (f.rel_model._meta.table_name, (f.on_delete or "NO ACTION").upper())
        for f in model._meta.sorted_fields
        if isinstance(f, peewee.ForeignKeyField)
    }
    assert actual == expected


def test_new_database_carries_the_latest_schema_version(db):
    assert database.execute_sql("PRAGMA user_version").fetchone()[0] == migrations.LATEST
    tables = {row[0] for row in database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "contact_fts" in tables


def test_connection_uses_wal_foreign_keys_and_a_busy_timeout(db):
    assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert database.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 1000
    # And the mode is in the file, so other connections (e.g. a worker thread's) get it too.
    with sqlite3.connect(db) as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_utc_times_are_stored_as_sortable_utc_text_and_read_back_aware(db):
    paris = timezone(timedelta(hours=2))
    local = datetime(2024, 5, 1, 11, 30, tzinfo=paris)
    cid = _contact(created_at=local, updated_at=local)
    raw = database.execute_sql("SELECT created_at FROM contact WHERE id = ?", (cid,)).fetchone()[0]
    assert raw == "2024-05-01T09:30:00Z"
    back = Contact.get_by_id(cid).created_at
    assert back == local and back.tzinfo == timezone.utc


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="naive"):
        to_utc_text(datetime(2024, 5, 1, 9, 30))


def test_utc_text_round_trip():
    now = utc_now()
    assert now.tzinfo == timezone.utc and now.microsecond == 0
    assert from_utc_text(to_utc_text(now)) == now


def test_points_ledger_refuses_updates(db):
    cid = _contact()
    entry = PointsEntry.insert(contact=cid, occurred_at=NOW, kind="earn", points=10, created_at=NOW).execute()
    with pytest.raises(peewee.IntegrityError, match="append-only"):
        PointsEntry.update(points=1000).where(PointsEntry.id == entry).execute()
    assert PointsEntry.get_by_id(entry).points == 10
    # Corrections are new rows; the ledger sums them.
    PointsEntry.insert(contact=cid, occurred_at=NOW, kind="adjust", points=-3, created_at=NOW).execute()
    total = PointsEntry.select(peewee.fn.SUM(PointsEntry.points)).where(PointsEntry.contact == cid).scalar()
    assert total == 7


@pytest.mark.parametrize(
    ("kind", "score", "accepted"),
    [("nps", 0, True), ("nps", 10, True), ("nps", 11, False), ("nps", -1, False),
     ("csat", 1, True), ("csat", 5, True), ("csat", 0, False), ("csat", 6, False), ("stars", 3, False)],
)
def test_feedback_scores_are_checked_by_the_database(db, kind, score, accepted):
    row = {"kind": kind, "score": score, "occurred_at": NOW, "created_at": NOW}
    if accepted:
        Feedback.insert(row).execute()
        assert Feedback.select().count() == 1
    else:
        with pytest.raises(peewee.IntegrityError, match="CHECK"):
            Feedback.insert(row).execute()
        assert Feedback.select().count() == 0


@pytest.mark.parametrize(
    ("values", "accepted"),
    [({"birthday": "1980-03-04"}, True), ({"birthday": "--02-29"}, True), ({"birthday": None}, True),
     ({"birthday": "4 March"}, False), ({"birthday": "1980-3-4"}, False)],
)
def test_birthday_shape_is_checked_by_the_database(db, values, accepted):
    if accepted:
        assert Contact.get_by_id(_contact(**values)).birthday == values["birthday"]
    else:
        with pytest.raises(peewee.IntegrityError, match="CHECK"):
            _contact(**values)


def test_other_check_constraints(db):
    cid = _contact()
    with pytest.raises(peewee.IntegrityError):
        _purchase(cid, currency="EURO")
    with pytest.raises(peewee.IntegrityError):
        _purchase(cid, status="stolen")
    with pytest.raises(peewee.IntegrityError):
        Interaction.insert(contact=cid, kind="fax", occurred_at=NOW, created_at=NOW).execute()
    with pytest.raises(peewee.IntegrityError):
        Interaction.insert(contact=cid, kind="call", occurred_at=NOW, created_at=NOW, duration_seconds=-5).execute()
    with pytest.raises(peewee.IntegrityError):
        PointsEntry.insert(contact=cid, occurred_at=NOW, kind="gift", points=1, created_at=NOW).execute()
    assert Purchase.select().count() == Interaction.select().count() == PointsEntry.select().count() == 0


def test_foreign_keys_are_enforced(db):
    with pytest.raises(peewee.IntegrityError, match="FOREIGN KEY"):
        ContactEmail.insert(contact=12345, email="ghost@example.com").execute()


def test_deleting_a_contact_cascades_to_its_own_rows_and_keeps_purchases(db):
    cid = _contact()
    other = _contact(first_name="Bob", referred_by=cid)
    ContactEmail.insert(contact=cid, email="ann@example.com").execute()
    tag = Tag.insert(name="VIP", name_key="vip").execute()
    ContactTag.insert(contact=cid, tag=tag).execute()
    call = Interaction.insert(contact=cid, kind="call", occurred_at=NOW, created_at=NOW).execute()
    sale = _purchase(cid)
    PurchaseItem.insert(purchase=sale, unit_price_minor=1250, total_minor=1250).execute()
    PointsEntry.insert(contact=cid, occurred_at=NOW, kind="earn", points=12, purchase=sale, created_at=NOW).execute()
    Feedback.insert(contact=cid, kind="nps", score=9, occurred_at=NOW, created_at=NOW, interaction=call).execute()

    Contact.delete().where(Contact.id == cid).execute()

    for model in (ContactEmail, ContactTag, Interaction, PointsEntry, Feedback):
        assert model.select().count() == 0, model.__name__
    kept = Purchase.get_by_id(sale)
    assert kept.contact_id is None and kept.total_minor == 1250  # revenue stays
    assert PurchaseItem.select().count() == 1
    assert Contact.get_by_id(other).referred_by_id is None
    assert Tag.select().count() == 1


def test_purchase_deletion_sets_null_in_ledger_and_feedback_but_a_refunded_sale_cannot_go(db):
    cid = _contact()
    sale = _purchase(cid)
    refund = _purchase(cid, total_minor=-1250, refund_of=sale)
    entry = PointsEntry.insert(contact=cid, occurred_at=NOW, kind="earn", points=12, purchase=refund,
                               created_at=NOW).execute()
    note = Feedback.insert(contact=cid, kind="csat", score=4, occurred_at=NOW, created_at=NOW,
                           purchase=refund).execute()
    with pytest.raises(peewee.IntegrityError):
        Purchase.delete().where(Purchase.id == sale).execute()  # RESTRICT: a refund points at it

    # RESTRICT: a purchase with ledger entries cannot be deleted while they point at it; the
    # ledger keeps the reason for every movement.
    with pytest.raises(peewee.IntegrityError, match="FOREIGN KEY"):
        Purchase.delete().where(Purchase.id == refund).execute()
    assert PointsEntry.get_by_id(entry).purchase_id == refund
    assert Feedback.get_by_id(note).purchase_id == refund


def test_deleting_a_purchase_or_call_without_ledger_rows_sets_null_in_feedback(db):
    cid = _contact()
    sale = _purchase(cid)
    call = Interaction.insert(contact=cid, kind="call", occurred_at=NOW, created_at=NOW).execute()
    note = Feedback.insert(contact=cid, kind="csat", score=4, occurred_at=NOW, created_at=NOW,
                           purchase=sale, interaction=call).execute()
    Purchase.delete().where(Purchase.id == sale).execute()
    Interaction.delete().where(Interaction.id == call).execute()
    kept = Feedback.get_by_id(note)
    assert (kept.purchase_id, kept.interaction_id, kept.score) == (None, None, 4)


def test_settings_are_json_by_key(db):
    from smallcrm.services.settings import get_setting, set_setting

    assert get_setting("currency") == "EUR"
    set_setting("currency", "CHF")
    set_setting("currency", "GBP")
    assert get_setting("currency") == "GBP"
    assert Setting.select().count() == 1
