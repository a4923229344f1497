"""Purchases, refunds, receivables and payments (services.purchases), with the points they move."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from smallcrm.errors import InvalidValue, NotAllowed, NotFound, RefundTooLarge
from smallcrm.services import loyalty
from smallcrm.services.contacts import ContactInput, add_contact, delete_contacts
from smallcrm.services.loyalty import points_balance
from smallcrm.services.purchases import (
    DEFAULT_DUE_DAYS,
    Item,
    Receivable,
    mark_paid,
    owed_minor,
    purchase_json,
    receivables,
    record_payment,
    record_purchase,
    refund_purchase,
    refundable_minor,
    write_off,
)
from smallcrm.services.settings import set_setting
from smallcrm.store.fields import utc_now
from smallcrm.store.models import (
    PointsEntry,
    Purchase,
    PurchaseItem,
    database,
    is_refund,
    refund_sql,
    sale_sql,
)
from tests.unit.unlinked_refunds import import_till_file, insert_unlinked_refund, unlinked_refunds

MAY = datetime(2024, 5, 1, 12, tzinfo=timezone.utc)


def customer(name: str = "Ann", **kwargs) -> int:
    return add_contact(ContactInput(first_name=name, **kwargs))


def counts() -> tuple[int, int, int]:
    return Purchase.select().count(), PurchaseItem.select().count(), PointsEntry.select().count()


def ledger(contact_id: int) -> list[tuple[str, int, int | None]]:
    return [(e.kind, e.points, e.purchase_id) for e in
            PointsEntry.select().where(PointsEntry.contact == contact_id).order_by(PointsEntry.id)]


# --------------------------------------------------------------------------------------------------
# Recording


def test_a_purchase_with_lines_totals_them_and_earns_a_point_per_whole_unit(db):
    ann = customer()
    result = record_purchase(ann, items=[Item("Coffee beans", 2, 1250), Item(" Tea ", 1, 399)], at=MAY,
                             payment_method="Card", reference="R-1")
    assert (result.total_minor, result.currency, result.points_earned) == (2899, "EUR", 28)  # 28.99 -> 28
    row = Purchase.get_by_id(result.purchase_id)
    assert (row.contact_id, row.total_minor, row.status, row.paid_minor, row.due_on) == (ann, 2899, "paid", 2899, None)
    assert (row.occurred_at, row.payment_method, row.reference) == (MAY, "Card", "R-1")
    lines = [(i.description, i.quantity, i.unit_price_minor, i.total_minor)
             for i in PurchaseItem.select().where(PurchaseItem.purchase == row.id).order_by(PurchaseItem.id)]
    assert lines == [("Coffee beans", 2, 1250, 2500), ("Tea", 1, 399, 399)]
    assert ledger(ann) == [("earn", 28, row.id)]
    assert points_balance(ann) == 28


def test_a_total_alone_is_enough_and_stores_no_lines(db):
    result = record_purchase(customer(), total_minor=1000, at=MAY)
    assert result.total_minor == 1000 and result.points_earned == 10
    assert PurchaseItem.select().count() == 0


def test_lines_and_a_total_that_agree_are_accepted(db):
    result = record_purchase(customer(), total_minor=700, items=[Item("a", 2, 350)], at=MAY)
    assert result.total_minor == 700


@pytest.mark.parametrize("kwargs, problem", [
    ({"total_minor": 701, "items": [Item("a", 2, 350)]}, "mismatch"),
    ({}, "required"),
    ({"total_minor": 0}, "not_positive"),
    ({"total_minor": -500}, "not_positive"),
    ({"items": [Item("free sample", 1, 0)]}, "not_positive"),
    ({"total_minor": 12.5}, "amount"),
    ({"total_minor": True}, "amount"),
    ({"total_minor": "1000"}, "amount"),
    ({"total_minor": 10**15 + 1}, "amount"),
])
def test_amount_problems_name_the_amount_and_write_nothing(db, kwargs, problem):
    ann = customer()
    with pytest.raises(InvalidValue) as e:
        record_purchase(ann, at=MAY, **kwargs)
    assert (e.value.field, e.value.problem) == ("amount", problem)
    assert counts() == (0, 0, 0)


@pytest.mark.parametrize("item, problem", [
    (Item("a", 0, 100), "quantity"),
    (Item("a", -1, 100), "quantity"),
    (Item("a", 1.5, 100), "quantity"),
    (Item("a", 1, -100), "price"),
    (Item("x" * 1001, 1, 100), "too_long"),
])
def test_line_problems_name_the_item(db, item, problem):
    with pytest.raises(InvalidValue) as e:
        record_purchase(customer(), items=[Item("fine", 1, 100), item], at=MAY)
    assert (e.value.field, e.value.problem) == ("item", problem)
    assert counts() == (0, 0, 0)


def test_the_currency_defaults_to_the_shop_setting_and_is_checked(db):
    ann = customer()
    assert record_purchase(ann, total_minor=100, at=MAY).currency == "EUR"
    set_setting("currency", "GBP")
    assert record_purchase(ann, total_minor=100, at=MAY).currency == "GBP"
    assert record_purchase(ann, total_minor=100, currency=" usd ", at=MAY).currency == "USD"
    for bad in ("EURO", "XYZ", ""):
        with pytest.raises(InvalidValue) as e:
            record_purchase(ann, total_minor=100, currency=bad, at=MAY)
        assert e.value.field == "currency"


def test_the_time_defaults_to_now_in_utc_and_a_naive_time_is_refused(db):
    ann = customer()
    before = utc_now()
    row = Purchase.get_by_id(record_purchase(ann, total_minor=100).purchase_id)
    assert before <= row.occurred_at <= utc_now() and row.occurred_at.tzinfo == timezone.utc
    paris = timezone(timedelta(hours=2))
    row = Purchase.get_by_id(record_purchase(ann, total_minor=100, at=datetime(2024, 5, 1, 14, 30, 15, 999,
                                                                              tzinfo=paris)).purchase_id)
    assert row.occurred_at == datetime(2024, 5, 1, 12, 30, 15, tzinfo=timezone.utc)
    with pytest.raises(InvalidValue) as e:
        record_purchase(ann, total_minor=100, at=datetime(2024, 5, 1, 12))
    assert e.value.field == "at"


def test_an_unknown_status_is_refused(db):
    with pytest.raises(InvalidValue) as e:
        record_purchase(customer(), total_minor=100, status="pending", at=MAY)
    assert (e.value.field, e.value.value) == ("status", "pending")


def test_an_unknown_customer_is_not_found_and_nothing_is_written(db):
    with pytest.raises(NotFound) as e:
        record_purchase(999, total_minor=100, items=[Item("a", 1, 100)], at=MAY)
    assert (e.value.kind, e.value.key) == ("contact", 999)
    assert counts() == (0, 0, 0)


def test_a_customer_in_the_trash_cannot_buy(db):
    ann = customer()
    delete_contacts([ann])
    with pytest.raises(NotAllowed):
        record_purchase(ann, total_minor=100, at=MAY)
    assert counts() == (0, 0, 0)


def test_a_sale_without_a_customer_earns_no_points(db):
    result = record_purchase(None, total_minor=5000, at=MAY)
    assert result.points_earned == 0
    assert Purchase.get_by_id(result.purchase_id).contact_id is None
    assert PointsEntry.select().count() == 0


def test_the_purchase_and_its_points_are_one_transaction(db, monkeypatch):
    def broken(purchase_id):
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(loyalty, "earn_for_purchase", broken)
    with pytest.raises(RuntimeError):
        record_purchase(customer(), items=[Item("a", 1, 100)], at=MAY)
    assert counts() == (0, 0, 0)


# --------------------------------------------------------------------------------------------------
# Due dates and what is paid


def test_a_due_purchase_gets_a_due_date_30_days_on_pays_nothing_and_still_earns(db):
    ann = customer()
    result = record_purchase(ann, total_minor=10000, status="due", at=MAY)
    row = Purchase.get_by_id(result.purchase_id)
    assert DEFAULT_DUE_DAYS == 30
    assert (row.status, row.paid_minor, row.due_on) == ("due", 0, date(2024, 5, 31))
    assert result.points_earned == 100 and points_balance(ann) == 100


def test_a_given_due_date_is_kept(db):
    row = Purchase.get_by_id(record_purchase(customer(), total_minor=100, status="due", due_on=date(2024, 6, 15),
                                             at=MAY).purchase_id)
    assert row.due_on == date(2024, 6, 15)


@pytest.mark.parametrize("kwargs, field, problem", [
    ({"status": "due", "due_on": date(2024, 4, 30)}, "due", "before_purchase"),
    ({"status": "due", "due_on": "2024-06-01"}, "due", "date"),
    ({"status": "paid", "due_on": date(2024, 6, 1)}, "due", "not_due"),
    ({"status": "paid", "paid_minor": 500}, "paid", "mismatch"),
    ({"status": "due", "paid_minor": 500}, "paid", "status"),
    ({"status": "partly_paid"}, "paid", "required"),
    ({"status": "partly_paid", "paid_minor": 1000}, "paid", "amount"),
    ({"status": "partly_paid", "paid_minor": -1}, "paid", "amount"),
    ({"status": "written_off", "paid_minor": 1500}, "paid", "amount"),
])
def test_due_and_paid_problems_are_named(db, kwargs, field, problem):
    with pytest.raises(InvalidValue) as e:
        record_purchase(customer(), total_minor=1000, at=MAY, **kwargs)
    assert (e.value.field, e.value.problem) == (field, problem)
    assert counts() == (0, 0, 0)


def test_paid_minor_defaults_to_the_total_when_paid(db):
    row = Purchase.get_by_id(record_purchase(customer(), total_minor=1000, paid_minor=1000, at=MAY).purchase_id)
    assert (row.status, row.paid_minor) == ("paid", 1000)


def test_a_purchase_recorded_as_written_off_earns_nothing(db):
    ann = customer()
    result = record_purchase(ann, total_minor=5000, status="written_off", paid_minor=1000, at=MAY)
    assert result.points_earned == 0 and points_balance(ann) == 0
    assert Purchase.get_by_id(result.purchase_id).paid_minor == 1000


# --------------------------------------------------------------------------------------------------
# Refunds


def test_a_whole_refund_negates_the_lines_and_takes_back_every_point(db):
    ann = customer()
    sale = record_purchase(ann, items=[Item("Honey", 2, 790), Item("Jam", 1, 550)], at=MAY,
                           payment_method="Cash", reference="R-7")
    refund = refund_purchase(sale.purchase_id, at=MAY + timedelta(days=3), reason="Changed mind")
    assert (refund.amount_minor, refund.currency, refund.points_taken_back) == (2130, "EUR", 21)
    row = Purchase.get_by_id(refund.refund_id)
    assert (row.total_minor, row.paid_minor, row.refund_of_id, row.contact_id) == (-2130, -2130, sale.purchase_id, ann)
    assert (row.currency, row.payment_method, row.status) == ("EUR", "Cash", "paid")
    lines = [(i.description, i.quantity, i.unit_price_minor, i.total_minor)
             for i in PurchaseItem.select().where(PurchaseItem.purchase == row.id).order_by(PurchaseItem.id)]
    assert lines == [("Honey", -2, 790, -1580), ("Jam", -1, 550, -550)]
    assert ledger(ann) == [("earn", 21, sale.purchase_id), ("adjust", -21, refund.refund_id)]
    taken = PointsEntry.get(PointsEntry.purchase == refund.refund_id)
    assert taken.reason == "Refund of purchase R-7: Changed mind"
    assert points_balance(ann) == 0
    assert refundable_minor(sale.purchase_id) == 0


def test_partial_refunds_take_back_a_proportional_share_adding_up_to_what_was_earned(db):
    ann = customer()
    sale = record_purchase(ann, total_minor=2999, at=MAY)  # earns 29
    first = refund_purchase(sale.purchase_id, 1000, at=MAY, reason="Chipped cup")
    assert first.points_taken_back == 29 * 1000 // 2999  # 9
    lines = list(PurchaseItem.select().where(PurchaseItem.purchase == first.refund_id))
    assert [(i.description, i.quantity, i.unit_price_minor, i.total_minor) for i in lines] == \
        [("Chipped cup", -1, 1000, -1000)]
    second = refund_purchase(sale.purchase_id, 999, at=MAY)
    assert second.points_taken_back == 29 * 1999 // 2999 - 9  # cumulative rounding: 19 - 9
    last = refund_purchase(sale.purchase_id, at=MAY)  # the rest: 1000
    assert last.amount_minor == 1000
    assert first.points_taken_back + second.points_taken_back + last.points_taken_back == 29
    assert points_balance(ann) == 0


def test_a_refund_larger_than_what_is_left_is_refused_with_what_is_left(db):
    sale = record_purchase(customer(), total_minor=5000, at=MAY)
    refund_purchase(sale.purchase_id, 1500, at=MAY)
    before = counts()
    with pytest.raises(RefundTooLarge) as e:
        refund_purchase(sale.purchase_id, 3501, at=MAY)
    assert (e.value.purchase_id, e.value.refundable_minor, e.value.currency) == (sale.purchase_id, 3500, "EUR")
    assert counts() == before
    refund_purchase(sale.purchase_id, at=MAY)
    with pytest.raises(RefundTooLarge) as e:
        refund_purchase(sale.purchase_id, at=MAY)  # nothing left for a "whole" refund either
    assert e.value.refundable_minor == 0


def test_a_refund_of_a_refund_is_not_allowed(db):
    sale = record_purchase(customer(), total_minor=5000, at=MAY)
    refund = refund_purchase(sale.purchase_id, 1000, at=MAY)
    with pytest.raises(NotAllowed) as e:
        refund_purchase(refund.refund_id, at=MAY)
    assert e.value.what == "refund"


def test_a_refund_imported_without_its_sale_is_a_refund_too(db, tmp_path):
    """A negative amount under a receipt number of its own, in a later file: the import finds no sale to link it
    to. It cannot be refunded again, paid or written off, for the same reason as a refund recorded here."""
    ann = customer(emails=["ann@example.com"])
    import_till_file(tmp_path / "may.csv", [["2024-05-01 12:00", "451", "ann@example.com", "80.00"]])
    import_till_file(tmp_path / "june.csv", [["2024-06-02 12:00", "AV-12", "ann@example.com", "-6.00"]])
    ((refund_id, _, _),) = unlinked_refunds()
    before = counts(), points_balance(ann)
    steps = [(lambda: refund_purchase(refund_id), "refund", "is itself a refund"),
             (lambda: refund_purchase(refund_id, 100), "refund", "is itself a refund"),
             (lambda: record_payment(refund_id, 100), "payment", "is a refund"),
             (lambda: mark_paid(refund_id), "payment", "is a refund"),
             (lambda: write_off(refund_id), "write off", "is a refund")]
    for step, what, why in steps:
        with pytest.raises(NotAllowed) as e:
            step()
        assert (e.value.what, e.value.reason) == (what, f"purchase {refund_id} {why}")
    assert (counts(), points_balance(ann)) == before
    assert refundable_minor(refund_id) == 0 and owed_minor(refund_id) == 0
    data = purchase_json(refund_id)
    assert (data["total_minor"], data["refund_of"], data["refunded_minor"], data["owed_minor"]) == (-600, None, 0, 0)


def test_a_refund_without_its_sale_is_never_owed_whatever_its_status(db):
    """Were a file to say such a refund is not paid, nobody owes the shop for it."""
    ann = customer()
    refund_id = insert_unlinked_refund(ann, -2500, MAY, status="due")
    record_purchase(ann, total_minor=1000, status="due", at=MAY, due_on=date(2024, 5, 10))
    assert [(r.owed_minor, r.contact_id) for r in receivables(date(2024, 6, 1))] == [(1000, ann)]
    assert owed_minor(refund_id) == 0
    with pytest.raises(NotAllowed) as e:
        mark_paid(refund_id)
    assert e.value.reason == f"purchase {refund_id} is a refund"
    with pytest.raises(NotAllowed) as e:
        write_off(refund_id)
    assert e.value.reason == f"purchase {refund_id} is a refund"
    assert Purchase.get_by_id(refund_id).status == "due"


def test_a_sale_of_nothing_is_a_sale():
    assert [is_refund(None, 0), is_refund(None, 1), is_refund(None, -1), is_refund(7, -1), is_refund(7, 0)] == [
        False, False, True, True, True]


@pytest.mark.parametrize("refund_of, total", [(None, 0), (None, 500), (None, -500), (1, -500)])
def test_the_sql_rule_is_the_python_rule(db, refund_of, total):
    ann = customer()
    sale = record_purchase(ann, total_minor=1000, at=MAY).purchase_id
    row = Purchase.insert(contact=ann, occurred_at=MAY, currency="EUR", total_minor=total, paid_minor=total,
                          refund_of=sale if refund_of else None, created_at=utc_now()).execute()
    refund, sale_too = database.execute_sql(f"SELECT {refund_sql('p')}, {sale_sql('p')} FROM purchase p WHERE p.id = ?",
                                            (row,)).fetchone()
    assert bool(refund) == Purchase.get_by_id(row).is_refund == is_refund(refund_of, total) != bool(sale_too)


@pytest.mark.parametrize("amount", [0, -100, 10.0])
def test_a_refund_amount_must_be_positive_minor_units(db, amount):
    sale = record_purchase(customer(), total_minor=5000, at=MAY)
    with pytest.raises(InvalidValue) as e:
        refund_purchase(sale.purchase_id, amount, at=MAY)
    assert e.value.field == "amount"


def test_refund_problems_unknown_purchase_before_the_sale_written_off(db):
    with pytest.raises(NotFound) as e:
        refund_purchase(42)
    assert (e.value.kind, e.value.key) == ("purchase", 42)
    sale = record_purchase(customer(), total_minor=5000, at=MAY)
    with pytest.raises(InvalidValue) as e:
        refund_purchase(sale.purchase_id, at=MAY - timedelta(days=1))
    assert e.value.field == "at"
    due = record_purchase(customer("Bo"), total_minor=5000, status="due", at=MAY)
    write_off(due.purchase_id, at=MAY)
    with pytest.raises(NotAllowed):
        refund_purchase(due.purchase_id, at=MAY)


def test_a_refund_never_takes_the_balance_below_zero(db):
    ann = customer()
    sale = record_purchase(ann, total_minor=10000, at=MAY)  # 100 points
    loyalty.redeem(ann, 80, at=MAY)
    refund = refund_purchase(sale.purchase_id, at=MAY)
    assert refund.points_taken_back == 20  # only what is left; the 80 spent stay spent
    assert points_balance(ann) == 0
    again = record_purchase(ann, total_minor=10000, at=MAY)
    loyalty.redeem(ann, 100, at=MAY)
    assert refund_purchase(again.purchase_id, 5000, at=MAY).points_taken_back == 0


def test_a_refund_of_a_sale_without_a_customer_moves_no_points(db):
    sale = record_purchase(None, total_minor=1000, at=MAY)
    assert refund_purchase(sale.purchase_id, at=MAY).points_taken_back == 0
    assert PointsEntry.select().count() == 0


def test_a_refund_of_an_unpaid_purchase_lowers_what_is_owed(db):
    sale = record_purchase(customer(), total_minor=10000, status="due", at=MAY)
    refund_purchase(sale.purchase_id, 4000, at=MAY)
    assert owed_minor(sale.purchase_id) == 6000
    assert [r.owed_minor for r in receivables(date(2024, 5, 2))] == [6000]
    refund_purchase(sale.purchase_id, at=MAY)
    assert Purchase.get_by_id(sale.purchase_id).status == "paid"  # settled: nothing owed any more
    assert receivables(date(2024, 5, 2)) == []


# --------------------------------------------------------------------------------------------------
# Receivables, payments, write-offs


def test_receivables_list_what_is_owed_oldest_first_with_days_overdue(db):
    ann, bo = customer(), customer("Bo")
    record_purchase(ann, total_minor=1000, at=MAY)  # paid: not listed
    late = record_purchase(bo, total_minor=8000, status="partly_paid", paid_minor=3000, at=MAY - timedelta(days=40),
                           due_on=date(2024, 4, 1))
    soon = record_purchase(ann, total_minor=2500, status="due", at=MAY, due_on=date(2024, 5, 20))
    anonymous = record_purchase(None, total_minor=700, status="due", currency="GBP", at=MAY + timedelta(days=1))
    gone = record_purchase(ann, total_minor=900, status="due", at=MAY)
    write_off(gone.purchase_id, at=MAY)
    assert receivables(date(2024, 5, 10)) == [
        Receivable(late.purchase_id, bo, 5000, "EUR", MAY - timedelta(days=40), date(2024, 4, 1), 39),
        Receivable(soon.purchase_id, ann, 2500, "EUR", MAY, date(2024, 5, 20), 0),
        Receivable(anonymous.purchase_id, None, 700, "GBP", MAY + timedelta(days=1), date(2024, 6, 1), 0),
    ]
    assert [r.days_overdue for r in receivables(date(2024, 5, 25))] == [54, 5, 0]


def test_receivables_default_to_today(db):
    record_purchase(customer(), total_minor=1000, status="due", due_on=date(2000, 1, 2),
                    at=datetime(2000, 1, 1, 12, tzinfo=timezone.utc))
    [owed] = receivables()
    assert owed.days_overdue == (date.today() - date(2000, 1, 2)).days


def test_payments_make_a_purchase_partly_paid_then_paid(db):
    sale = record_purchase(customer(), total_minor=10000, status="due", at=MAY)
    record_payment(sale.purchase_id, 2500, at=MAY)
    row = Purchase.get_by_id(sale.purchase_id)
    assert (row.status, row.paid_minor) == ("partly_paid", 2500)
    record_payment(sale.purchase_id, 7000)
    assert owed_minor(sale.purchase_id) == 500
    record_payment(sale.purchase_id)  # the rest
    row = Purchase.get_by_id(sale.purchase_id)
    assert (row.status, row.paid_minor) == ("paid", 10000)
    assert receivables(date(2024, 5, 1)) == []


def test_mark_paid_pays_in_full(db):
    sale = record_purchase(customer(), total_minor=8000, status="partly_paid", paid_minor=1000, at=MAY)
    mark_paid(sale.purchase_id)
    row = Purchase.get_by_id(sale.purchase_id)
    assert (row.status, row.paid_minor) == ("paid", 8000)


def test_payment_problems(db):
    sale = record_purchase(customer(), total_minor=10000, status="due", at=MAY)
    with pytest.raises(InvalidValue) as e:
        record_payment(sale.purchase_id, 10001)
    assert (e.value.field, e.value.problem) == ("amount", "too_large")
    for bad in (0, -5):
        with pytest.raises(InvalidValue) as e:
            record_payment(sale.purchase_id, bad)
        assert e.value.field == "amount"
    with pytest.raises(InvalidValue):
        record_payment(sale.purchase_id, 100, at=datetime(2024, 5, 2))  # naive
    assert Purchase.get_by_id(sale.purchase_id).paid_minor == 0
    with pytest.raises(NotFound):
        record_payment(999)
    paid = record_purchase(customer("Bo"), total_minor=100, at=MAY)
    with pytest.raises(NotAllowed):
        mark_paid(paid.purchase_id)
    refund = refund_purchase(paid.purchase_id, at=MAY)
    with pytest.raises(NotAllowed):
        record_payment(refund.refund_id, 100)


def test_a_write_off_takes_back_the_points_for_what_was_never_paid(db):
    ann = customer()
    sale = record_purchase(ann, total_minor=10000, status="due", at=MAY)  # earns 100
    record_payment(sale.purchase_id, 3000)
    write_off(sale.purchase_id, at=MAY + timedelta(days=60))
    row = Purchase.get_by_id(sale.purchase_id)
    assert (row.status, row.paid_minor) == ("written_off", 3000)
    assert ledger(ann) == [("earn", 100, sale.purchase_id), ("adjust", -70, sale.purchase_id)]
    assert points_balance(ann) == 30
    assert owed_minor(sale.purchase_id) == 0 and receivables(date(2024, 8, 1)) == []


def test_write_off_problems(db):
    sale = record_purchase(customer(), total_minor=1000, at=MAY)
    with pytest.raises(NotAllowed):
        write_off(sale.purchase_id)  # paid
    due = record_purchase(customer("Bo"), total_minor=1000, status="due", at=MAY)
    write_off(due.purchase_id, at=MAY)
    with pytest.raises(NotAllowed):
        write_off(due.purchase_id)  # twice
    refund = refund_purchase(sale.purchase_id, 100, at=MAY)
    with pytest.raises(NotAllowed):
        write_off(refund.refund_id)
    with pytest.raises(NotFound):
        write_off(12345)


# --------------------------------------------------------------------------------------------------
# JSON


def test_purchase_json_has_every_documented_field(db):
    ann = customer()
    sale = record_purchase(ann, items=[Item("Praline box", 2, 1490)], at=MAY, payment_method="Card",
                           reference="R-9", status="partly_paid", paid_minor=1000, due_on=date(2024, 6, 1))
    refund = refund_purchase(sale.purchase_id, 980, at=MAY + timedelta(hours=2), reason="One box melted")
    assert purchase_json(sale.purchase_id) == {
        "id": sale.purchase_id,
        "contact_id": ann,
        "occurred_at": "2024-05-01T12:00:00Z",
        "currency": "EUR",
        "total_minor": 2980,
        "total": "29.80",
        "items": [{"description": "Praline box", "quantity": 2, "unit_price_minor": 1490, "total_minor": 2980}],
        "payment_method": "Card",
        "reference": "R-9",
        "status": "partly_paid",
        "due_on": "2024-06-01",
        "paid_minor": 1000,
        "owed_minor": 1000,
        "refund_of": None,
        "refunded_minor": 980,
        "points_earned": 29,
        "points_taken_back": 29 * 980 // 2980,
    }
    refund_json = purchase_json(refund.refund_id)
    assert (refund_json["total_minor"], refund_json["total"], refund_json["refund_of"]) == \
        (-980, "-9.80", sale.purchase_id)
    assert refund_json["items"] == [{"description": "One box melted", "quantity": -1, "unit_price_minor": 980,
                                     "total_minor": -980}]
    assert (refund_json["points_earned"], refund_json["points_taken_back"]) == (0, 9)
    assert (refund_json["owed_minor"], refund_json["refunded_minor"]) == (0, 0)


def test_purchase_json_writes_totals_with_the_currency_s_decimals(db):
    yen = record_purchase(None, total_minor=1500, currency="JPY", at=MAY)
    dinar = record_purchase(None, total_minor=1500, currency="KWD", at=MAY)
    assert purchase_json(yen.purchase_id)["total"] == "1500"
    assert purchase_json(dinar.purchase_id)["total"] == "1.500"
    with pytest.raises(NotFound):
        purchase_json(777)


def test_a_refund_and_its_points_are_one_transaction(db, monkeypatch):
    """A failure after the first write leaves nothing behind (the refund row is rolled back)."""
    ann = customer()
    sale = record_purchase(ann, total_minor=5000, at=MAY)
    before = counts()

    original = loyalty.take_back_for_refund

    def failing(refund_id, **kwargs):
        original(refund_id, **kwargs)
        raise RuntimeError("power cut")

    monkeypatch.setattr(loyalty, "take_back_for_refund", failing)
    with pytest.raises(RuntimeError):
        refund_purchase(sale.purchase_id, at=MAY)
    assert counts() == before
    assert database.execute_sql("SELECT count(*) FROM purchase WHERE refund_of_id IS NOT NULL").fetchone()[0] == 0
