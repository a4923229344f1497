"""The whole-customer summary: money, points and tier, satisfaction, complaints, referrals."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smallcrm.errors import NotFound
from smallcrm.services import loyalty
from smallcrm.services.contacts import ContactInput, add_contact, delete_contacts, get_contact
from smallcrm.services.customer import CustomerSummary, customer_json, customer_lines, summary
from smallcrm.services.purchases import receivables, record_payment, record_purchase, refund_purchase, write_off
from smallcrm.services.referrals import set_referrer
from smallcrm.services.satisfaction import open_complaint, record_feedback, update_complaint
from smallcrm.services.settings import set_setting
from smallcrm.services.when import today as local_today
from smallcrm.store.fields import utc_now
from smallcrm.store.models import Purchase
from tests.unit.unlinked_refunds import import_till_file, insert_unlinked_refund, unlinked_refunds

UTC = timezone.utc
T0 = datetime(2024, 3, 1, 10, 0, tzinfo=UTC)


def person(first="Ann", last="Lee"):
    return add_contact(ContactInput(first_name=first, last_name=last))


def test_a_new_customer_has_empty_figures(db):
    cid = person()
    assert summary(cid) == CustomerSummary(
        contact_id=cid, name="Ann Lee", in_trash=False, currency="EUR", other_currencies=[],
        lifetime_spend_minor=0, purchases=0, average_basket_minor=None, last_purchase_at=None, owed_minor=0,
        points_balance=0, tier="Bronze", nps=None, csat_average=None, open_complaints=0, referrals=0,
        referred_by=None, since=get_contact(cid).created_at.astimezone().date(),
    )


def test_unknown_contact(db):
    with pytest.raises(NotFound) as e:
        summary(42)
    assert (e.value.kind, e.value.key) == ("contact", 42)
    with pytest.raises(NotFound):
        customer_json(42)


def test_spend_is_purchases_minus_refunds_and_the_basket_is_an_integer_division(db):
    cid = person()
    a = record_purchase(cid, total_minor=1000, at=T0).purchase_id
    record_purchase(cid, total_minor=2001, at=T0 + timedelta(days=1))
    last = T0 + timedelta(days=2)
    record_purchase(cid, total_minor=500, at=last)
    refund_purchase(a, 300, at=T0 + timedelta(days=3))  # a refund is not the last purchase
    s = summary(cid)
    assert s.lifetime_spend_minor == 1000 + 2001 + 500 - 300
    assert s.purchases == 3
    assert s.average_basket_minor == 3201 // 3 == 1067
    assert s.last_purchase_at == last


def test_a_refund_imported_without_its_sale_lowers_the_spend_and_is_no_purchase(db, tmp_path):
    """A till's credit note in a later file, under a number of its own: the importer cannot find its sale, so it is
    stored unlinked, only its total negative. It is money given back, not a purchase, nor the last one."""
    ann = add_contact(ContactInput(first_name="Ann", last_name="Lee", emails=["ann@example.com"]))
    import_till_file(tmp_path / "march.csv", [["2024-03-05 10:00", "451", "ann@example.com", "80.00"],
                                              ["2024-03-20 10:00", "452", "ann@example.com", "100.00"]])
    april = import_till_file(tmp_path / "april.csv", [["2024-04-02 10:00", "AV-12", "ann@example.com", "-6.00"]])
    assert april.refunds == 1 and [(ref, total) for _, ref, total in unlinked_refunds()] == [("AV-12", -600)]
    s = summary(ann)
    assert s.lifetime_spend_minor == 8000 + 10000 - 600
    assert s.purchases == 2  # not 3
    assert s.average_basket_minor == (8000 + 10000 - 600) // 2 == 8700  # not 5800
    assert s.last_purchase_at.astimezone().date() == date(2024, 3, 20)  # not the refund's 2 April
    assert s.owed_minor == 0
    (line,) = customer_lines([ann])
    assert (line.spend_minor, line.last_purchase_on) == (17400, date(2024, 3, 20))


def test_a_customer_with_only_a_refund_without_its_sale_has_no_purchase(db):
    cid = person()
    insert_unlinked_refund(cid, -2500, T0, reference="C1009")
    s = summary(cid)
    assert (s.purchases, s.lifetime_spend_minor, s.average_basket_minor, s.last_purchase_at) == (0, -2500, None, None)
    insert_unlinked_refund(cid, -100, T0, status="due")  # never owed, whatever its status says
    assert summary(cid).owed_minor == 0


def test_only_the_shops_currency_is_summed_and_the_others_are_named(db):
    cid = person()
    record_purchase(cid, total_minor=1000, currency="EUR", at=T0)
    record_purchase(cid, total_minor=7000, currency="USD", at=T0 + timedelta(days=1))
    record_purchase(cid, total_minor=9000, currency="CHF", at=T0 + timedelta(days=2))
    record_purchase(cid, total_minor=3000, currency="USD", status="due", at=T0 + timedelta(days=3))
    s = summary(cid)
    assert s.currency == "EUR"
    assert s.other_currencies == ["CHF", "USD"]
    assert s.lifetime_spend_minor == 1000
    assert s.purchases == 4  # the count is of all purchases...
    assert s.average_basket_minor == 1000  # ...the average of those in the shop's currency
    assert s.owed_minor == 0  # the USD debt is not mixed in
    assert s.last_purchase_at == T0 + timedelta(days=3)
    set_setting("currency", "USD")
    s = summary(cid)
    assert (s.currency, s.other_currencies, s.lifetime_spend_minor, s.average_basket_minor, s.owed_minor) == (
        "USD", ["CHF", "EUR"], 10_000, 5000, 3000)


def test_no_purchase_in_the_shops_currency_means_no_average(db):
    cid = person()
    record_purchase(cid, total_minor=7000, currency="USD", at=T0)
    s = summary(cid)
    assert (s.purchases, s.lifetime_spend_minor, s.average_basket_minor, s.other_currencies) == (1, 0, None, ["USD"])


def test_owed_is_what_is_unpaid_of_due_and_partly_paid_purchases(db):
    cid, other = person(), person("Bob")
    record_purchase(cid, total_minor=5000, status="due", at=T0)
    partly = record_purchase(cid, total_minor=3000, status="partly_paid", paid_minor=1000, at=T0).purchase_id
    refunded = record_purchase(cid, total_minor=4000, status="due", at=T0).purchase_id
    refund_purchase(refunded, 1500, at=T0 + timedelta(hours=1))  # lowers what is owed
    record_purchase(cid, total_minor=800, at=T0)  # paid
    record_purchase(other, total_minor=9999, status="due", at=T0)
    s = summary(cid)
    assert s.owed_minor == 5000 + 2000 + 2500
    assert s.owed_minor == sum(r.owed_minor for r in receivables() if r.contact_id == cid and r.currency == "EUR")
    record_payment(partly, 500)
    assert summary(cid).owed_minor == 5000 + 1500 + 2500


def test_a_written_off_purchase_counts_what_was_paid_and_is_no_longer_owed(db):
    cid = person()
    pid = record_purchase(cid, total_minor=3000, status="partly_paid", paid_minor=1000, at=T0).purchase_id
    record_purchase(cid, total_minor=2000, at=T0)
    assert (summary(cid).lifetime_spend_minor, summary(cid).owed_minor) == (5000, 2000)
    write_off(pid)
    s = summary(cid)
    assert (s.lifetime_spend_minor, s.owed_minor, s.purchases) == (3000, 0, 2)
    assert s.average_basket_minor == 1500


def test_points_and_tier_come_from_the_loyalty_programme(db):
    cid = person()
    at = utc_now() - timedelta(days=10)
    record_purchase(cid, total_minor=60_000, at=at)  # 600.00 EUR: Silver, and 600 points
    loyalty.redeem(cid, 100)
    s = summary(cid)
    assert s.points_balance == loyalty.points_balance(cid) == 500
    assert s.tier == loyalty.current_tier(cid) == "Silver"
    later = local_today() + timedelta(days=400)  # the purchase has left the twelve-month window
    assert summary(cid, today=later).tier == loyalty.current_tier(cid, on=later) == "Bronze"


def test_satisfaction_and_complaints_are_the_customers_own(db):
    cid, other = person(), person("Bob")
    set_setting("auto_complaints", False)
    for score in (10, 9, 2, 7):
        record_feedback(cid, "nps", score)
    record_feedback(other, "nps", 0)
    record_feedback(cid, "csat", 5)
    record_feedback(cid, "csat", 4)
    record_feedback(other, "csat", 1)
    first = open_complaint(cid, category="a", description="")
    open_complaint(cid, category="b", description="")
    third = open_complaint(cid, category="c", description="")
    open_complaint(other, category="d", description="")
    update_complaint(first, status="in_progress")
    update_complaint(third, status="resolved", resolution="fixed")
    s = summary(cid)
    assert s.nps == 100 * 2 / 4 - 100 * 1 / 4 == 25.0
    assert s.csat_average == 4.5
    assert s.open_complaints == 2  # open and in progress, not resolved


def test_referrals_both_ways(db):
    ann, bob, cat, eve = person("Ann"), person("Bob"), person("Cat"), person("Eve")
    set_referrer(bob, ann)
    set_referrer(cat, ann)
    set_referrer(ann, eve)
    s = summary(ann)
    assert (s.referrals, s.referred_by) == (2, eve)
    assert (summary(eve).referrals, summary(bob).referred_by) == (1, ann)


def test_a_contact_in_the_trash_still_has_a_summary(db):
    ann, bob = person("Ann"), person("Bob")
    set_referrer(bob, ann)
    delete_contacts([bob])
    s = summary(bob)
    assert s.in_trash and s.referred_by == ann
    assert summary(ann).referrals == 0  # those in the Trash are not counted


def test_a_customer_is_one_since_their_first_sale_not_a_refund_of_one_the_book_never_had(db):
    from smallcrm.store.models import Purchase

    cid = person()
    Purchase.create(contact=cid, occurred_at=T0 - timedelta(days=400), currency="EUR", total_minor=-500,
                    created_at=T0)  # (a till's return imported alone, older than the customer)
    assert summary(cid).since == get_contact(cid).created_at.astimezone().date()
    record_purchase(cid, total_minor=900, at=T0 - timedelta(days=300))
    assert summary(cid).since == (T0 - timedelta(days=300)).astimezone().date()


def test_customer_json(db):
    cid = person()
    record_purchase(cid, total_minor=1234, at=T0)
    record_purchase(cid, total_minor=10, currency="USD", at=T0 - timedelta(days=1))
    obj = customer_json(cid)
    assert json.loads(json.dumps(obj)) == obj
    assert obj == {
        "contact_id": cid, "name": "Ann Lee", "in_trash": False, "currency": "EUR", "other_currencies": ["USD"],
        "lifetime_spend_minor": 1234, "purchases": 2, "average_basket_minor": 1234,
        "last_purchase_at": "2024-03-01T10:00:00Z", "owed_minor": 0, "points_balance": loyalty.points_balance(cid),
        "tier": loyalty.current_tier(cid), "nps": None, "csat_average": None, "open_complaints": 0,
        "referrals": 0, "referred_by": None, "since": (T0 - timedelta(days=1)).astimezone().date().isoformat(),
    }  # (a customer since their first purchase, older than the day they were added: a till's history imported)
    assert customer_json(cid, today=date(2024, 3, 2))["tier"] == loyalty.current_tier(cid, on=date(2024, 3, 2))


# A purchase as stored: currency, total, status, paid, and the refunds made of it (amounts).
PURCHASES = st.lists(
    st.tuples(
        st.sampled_from(["EUR", "EUR", "EUR", "USD"]),
        st.integers(1, 100_000),
        st.sampled_from(["paid", "due", "partly_paid", "written_off"]),
        st.floats(0, 1),
        st.lists(st.floats(0.01, 0.5), max_size=2),
        st.integers(0, 1000),
    ),
    max_size=25,
)
# A refund imported without its sale: currency, amount given back, minute.
UNLINKED = st.lists(st.tuples(st.sampled_from(["EUR", "EUR", "USD"]), st.integers(1, 50_000), st.integers(0, 1200)),
                    max_size=4)


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=PURCHASES, unlinked=UNLINKED)
def test_money_figures_match_a_recount_in_python(db, rows, unlinked):
    """Rows written straight into the table, then counted here the plain way."""
    Purchase.delete().where(Purchase.refund_of.is_null(False)).execute()
    Purchase.delete().execute()
    cid = person()
    spend = count = here = owed = 0
    last = None
    others = set()
    for currency, total, status, paid_share, refund_shares, minute in rows:
        paid = {"paid": total, "due": 0}.get(status, int(total * paid_share))
        at = T0 + timedelta(minutes=minute)
        pid = Purchase.insert(contact=cid, occurred_at=at, currency=currency, total_minor=total, status=status,
                              paid_minor=paid, created_at=at).execute()
        refunds = [max(1, int(total * share)) for share in refund_shares]
        refunds = refunds if sum(refunds) <= total else []
        for amount in refunds:
            Purchase.insert(contact=cid, occurred_at=at + timedelta(hours=1), currency=currency,
                            total_minor=-amount, paid_minor=-amount, refund_of=pid, created_at=at).execute()
        count += 1
        last = at if last is None else max(last, at)
        if currency != "EUR":
            others.add(currency)
            continue
        here += 1
        spend += paid if status == "written_off" else total - sum(refunds)
        if status in ("due", "partly_paid"):
            owed += max(0, total - sum(refunds) - paid)
    for currency, amount, minute in unlinked:  # money given back, no purchase
        insert_unlinked_refund(cid, -amount, T0 + timedelta(minutes=minute), currency=currency)
        if currency != "EUR":
            others.add(currency)
        else:
            spend -= amount
    s = summary(cid)
    assert (s.lifetime_spend_minor, s.purchases, s.owed_minor) == (spend, count, owed)
    assert s.average_basket_minor == (spend // here if here else None)
    assert s.last_purchase_at == last
    assert s.other_currencies == sorted(others)
