"""The loyalty programme (services.loyalty): rules, earning, redeeming, tiers, expiry, statements."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import peewee
import pytest

from smallcrm.errors import InsufficientPoints, InvalidValue, NotAllowed, NotFound
from smallcrm.services import loyalty
from smallcrm.services.contacts import ContactInput, add_contact, delete_contacts
from smallcrm.services.loyalty import (
    ExpiringPoints,
    LedgerRow,
    LoyaltyRules,
    Tier,
    add_months,
    adjust,
    current_tier,
    earn_for_purchase,
    expire_points,
    expiring_soon,
    fifo_lots,
    get_rules,
    grant_welcome,
    points_balance,
    points_for,
    redeem,
    redemption_value_minor,
    rolling_spend,
    set_rules,
    statement,
    take_back_for_refund,
)
from smallcrm.services.purchases import record_payment, record_purchase, refund_purchase, write_off
from smallcrm.services.settings import get_setting, set_setting
from smallcrm.store.fields import utc_now
from smallcrm.store.models import Contact, PointsEntry
from tests.unit.unlinked_refunds import insert_unlinked_refund

MAY = datetime(2024, 5, 1, 12, tzinfo=timezone.utc)


def noon(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 12, tzinfo=timezone.utc)


def customer(name: str = "Ann", **kwargs) -> int:
    return add_contact(ContactInput(first_name=name, **kwargs))


def rows(contact_id: int) -> list[tuple]:
    return [(e.kind, e.points, e.expires_on) for e in
            PointsEntry.select().where(PointsEntry.contact == contact_id).order_by(PointsEntry.id)]


def change(**values) -> None:
    set_rules(replace(get_rules(), **values))


# --------------------------------------------------------------------------------------------------
# Rules


def test_the_default_rules(db):
    rules = get_rules()
    assert rules == LoyaltyRules()
    assert (rules.points_per_unit, rules.min_spend_minor, rules.points_per_unit_redeemed) == (1, 0, 100)
    assert (rules.welcome_points, rules.birthday_multiplier, rules.referral_points, rules.expiry_months) == (0, 1, 0, 0)
    assert rules.tiers == (Tier("Bronze", 0), Tier("Silver", 50_000), Tier("Gold", 150_000))
    assert get_setting("loyalty") is None


def test_default_tier_thresholds_follow_the_shop_currency_s_decimals(db):
    set_setting("currency", "JPY")
    assert get_rules().tiers == (Tier("Bronze", 0), Tier("Silver", 500), Tier("Gold", 1500))
    set_setting("currency", "KWD")
    assert get_rules().tiers[1] == Tier("Silver", 500_000)


def test_rules_are_saved_as_a_dict_under_loyalty_and_read_back(db):
    rules = LoyaltyRules(points_per_unit=2, min_spend_minor=500, points_per_unit_redeemed=50, welcome_points=25,
                         birthday_multiplier=3, referral_points=100, expiry_months=12,
                         tiers=(Tier(" Member ", 0), Tier("VIP", 100_000)))
    set_rules(rules)
    assert get_setting("loyalty") == {
        "points_per_unit": 2, "min_spend_minor": 500, "points_per_unit_redeemed": 50, "welcome_points": 25,
        "birthday_multiplier": 3, "referral_points": 100, "expiry_months": 12,
        "tiers": [{"name": "Member", "min_spend_minor": 0}, {"name": "VIP", "min_spend_minor": 100_000}],
    }
    assert get_rules() == replace(rules, tiers=(Tier("Member", 0), Tier("VIP", 100_000)))


def test_stored_rules_missing_keys_take_the_defaults(db):
    set_setting("loyalty", {"welcome_points": 10})
    assert get_rules() == LoyaltyRules(welcome_points=10)


@pytest.mark.parametrize("values, field", [
    ({"points_per_unit": -1}, "points_per_unit"),
    ({"min_spend_minor": -100}, "min_spend_minor"),
    ({"welcome_points": -5}, "welcome_points"),
    ({"referral_points": -5}, "referral_points"),
    ({"expiry_months": -1}, "expiry_months"),
    ({"points_per_unit": 1.5}, "points_per_unit"),
    ({"welcome_points": True}, "welcome_points"),
    ({"points_per_unit_redeemed": 0}, "points_per_unit_redeemed"),
    ({"birthday_multiplier": 0}, "birthday_multiplier"),
    ({"tiers": (Tier("Bronze", 0), Tier("Silver", 0))}, "tiers[1].min_spend_minor"),
    ({"tiers": (Tier("Gold", 1000), Tier("Silver", 500))}, "tiers[1].min_spend_minor"),
    ({"tiers": (Tier("Bronze", -1),)}, "tiers[0].min_spend_minor"),
    ({"tiers": (Tier("", 0),)}, "tiers[0].name"),
    ({"tiers": (Tier("  ", 0),)}, "tiers[0].name"),
    ({"tiers": (Tier("Gold", 0), Tier("gold", 10))}, "tiers[1].name"),
    ({"tiers": (Tier("Gold", "10"),)}, "tiers[0].min_spend_minor"),
])
def test_bad_rules_are_refused_and_nothing_is_saved(db, values, field):
    with pytest.raises(InvalidValue) as e:
        set_rules(replace(LoyaltyRules(), **values))
    assert e.value.field == field
    assert get_setting("loyalty") is None


def test_rules_without_tiers_give_no_tier(db):
    set_rules(LoyaltyRules(tiers=()))
    assert current_tier(customer(), date(2024, 5, 1)) == ""


def test_broken_stored_rules_are_reported_not_used(db):
    set_setting("loyalty", {"points_per_unit": -3})
    with pytest.raises(InvalidValue):
        get_rules()
    set_setting("loyalty", {"tiers": "Gold"})
    with pytest.raises(InvalidValue):
        get_rules()


# --------------------------------------------------------------------------------------------------
# Earning


@pytest.mark.parametrize("total, currency, points", [
    (1999, "EUR", 19),  # rounded down per purchase
    (99, "EUR", 0),
    (100, "EUR", 1),
    (1500, "JPY", 1500),  # no decimals: one point per yen
    (1500, "KWD", 1),  # three decimals: 1.500
])
def test_one_point_per_whole_unit_of_the_currency(db, total, currency, points):
    set_setting("currency", currency)
    assert points_for(customer(), total, currency, MAY) == points


def test_a_purchase_in_another_currency_than_the_shops_earns_nothing(db):
    set_setting("currency", "EUR")
    ann = customer()
    assert (points_for(ann, 3000, "JPY", MAY), points_for(ann, 3000, "EUR", MAY)) == (0, 30)
    sale = record_purchase(ann, total_minor=3000, currency="JPY", at=MAY)
    assert sale.points_earned == 0 and points_balance(ann) == 0


def test_points_per_unit_and_the_minimum_spend(db):
    ann = customer()
    change(points_per_unit=3, min_spend_minor=1000)
    assert points_for(ann, 999, "EUR", MAY) == 0
    assert points_for(ann, 1000, "EUR", MAY) == 30
    assert points_for(ann, 2550, "EUR", MAY) == 76  # 25.50 × 3 = 76.5 -> 76


def test_a_purchase_in_the_birthday_month_earns_the_multiplier(db):
    change(birthday_multiplier=2)
    ann = customer(birthday="1990-05-20")
    bo = customer("Bo", birthday="--05-03")  # no year
    cy = customer("Cy", birthday="1990-06-01")
    dee = customer("Dee")
    assert [points_for(c, 1000, "EUR", MAY) for c in (ann, bo, cy, dee)] == [20, 20, 10, 10]
    assert points_for(None, 1000, "EUR", MAY) == 10
    result = record_purchase(ann, total_minor=1000, at=noon(2024, 5, 31))
    assert result.points_earned == 20 and points_balance(ann) == 20
    assert record_purchase(ann, total_minor=1000, at=noon(2024, 6, 1)).points_earned == 10


def test_changing_the_earn_rate_applies_from_then_on_and_keeps_the_past(db):
    ann = customer()
    first = record_purchase(ann, total_minor=1000, at=MAY)
    change(points_per_unit=5)
    second = record_purchase(ann, total_minor=1000, at=MAY)
    assert (first.points_earned, second.points_earned) == (10, 50)
    assert [r[1] for r in rows(ann)] == [10, 50]
    assert points_balance(ann) == 60
    change(points_per_unit=1)
    # A refund takes back a share of what the purchase earned then, not what it would earn now.
    assert refund_purchase(second.purchase_id, at=MAY).points_taken_back == 50


def test_earning_twice_for_one_purchase_is_not_allowed(db):
    sale = record_purchase(customer(), total_minor=1000, at=MAY)
    with pytest.raises(NotAllowed):
        earn_for_purchase(sale.purchase_id)
    with pytest.raises(NotFound):
        earn_for_purchase(999)


def test_a_purchase_earning_nothing_writes_no_row(db):
    ann = customer()
    assert record_purchase(ann, total_minor=50, at=MAY).points_earned == 0
    assert rows(ann) == []


def test_the_referrer_gets_the_referral_bonus_on_the_first_purchase_only(db):
    change(referral_points=200)
    ann, bo = customer(), customer("Bo")
    Contact.update(referred_by=ann).where(Contact.id == bo).execute()
    first = record_purchase(bo, total_minor=1000, at=MAY)
    record_purchase(bo, total_minor=1000, at=MAY)
    assert first.points_earned == 10  # the bonus is the referrer's, not part of what the purchase earns
    bonus = PointsEntry.get(PointsEntry.contact == ann)
    assert (bonus.kind, bonus.points, bonus.purchase_id) == ("bonus", 200, first.purchase_id)
    assert points_balance(ann) == 200 and points_balance(bo) == 20


def test_a_refund_imported_without_its_sale_is_no_first_purchase_for_the_referral_bonus(db):
    """Bo's first row is a till's credit note the import could not link (its sale was never imported): his first
    purchase is the one after it."""
    change(referral_points=200)
    ann, bo = customer(), customer("Bo")
    Contact.update(referred_by=ann).where(Contact.id == bo).execute()
    insert_unlinked_refund(bo, -800, MAY - timedelta(days=3), reference="C1009")
    first = record_purchase(bo, total_minor=1000, at=MAY)
    assert [(r.kind, r.points, r.purchase_id) for r in PointsEntry.select().where(PointsEntry.contact == ann)] == [
        ("bonus", 200, first.purchase_id)]


def test_no_referral_bonus_when_off_or_the_referrer_is_in_the_trash(db):
    ann, bo, cy = customer(), customer("Bo"), customer("Cy")
    Contact.update(referred_by=ann).where(Contact.id.in_([bo, cy])).execute()
    record_purchase(bo, total_minor=1000, at=MAY)  # referral_points = 0
    change(referral_points=200)
    delete_contacts([ann])
    record_purchase(cy, total_minor=1000, at=MAY)
    assert rows(ann) == []


def test_the_welcome_bonus_is_given_once(db):
    ann = customer()
    assert grant_welcome(ann) == 0 and rows(ann) == []  # default: no welcome bonus
    change(welcome_points=50)
    assert grant_welcome(ann, at=MAY) == 50
    assert grant_welcome(ann, at=MAY) == 0
    assert rows(ann) == [("bonus", 50, None)]
    with pytest.raises(NotFound):
        grant_welcome(999)
    bo = customer("Bo")
    delete_contacts([bo])
    with pytest.raises(NotAllowed):
        grant_welcome(bo)


def test_earned_and_bonus_points_get_an_expiry_date_when_expiry_is_on(db):
    ann = customer()
    change(expiry_months=12, welcome_points=5)
    record_purchase(ann, total_minor=1000, at=noon(2024, 2, 29))
    grant_welcome(ann, at=MAY)
    adjust(ann, 7, reason="Goodwill", at=MAY)  # adjustments never expire
    assert rows(ann) == [("earn", 10, date(2025, 2, 28)), ("bonus", 5, date(2025, 5, 1)), ("adjust", 7, None)]


def test_add_months_keeps_the_day_or_takes_the_month_s_last():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2024, 11, 15), 3) == date(2025, 2, 15)
    assert add_months(date(2024, 5, 1), 0) == date(2024, 5, 1)


# --------------------------------------------------------------------------------------------------
# Redeeming and adjusting


def test_redeeming_writes_a_negative_row_and_returns_its_id(db):
    ann = customer()
    record_purchase(ann, total_minor=30000, at=MAY)
    entry_id = redeem(ann, 120, at=MAY, reason=" Voucher ")
    entry = PointsEntry.get_by_id(entry_id)
    assert (entry.kind, entry.points, entry.reason, entry.occurred_at) == ("redeem", -120, "Voucher", MAY)
    assert points_balance(ann) == 180


def test_redeeming_more_than_the_balance_is_refused_with_the_balance(db):
    ann = customer()
    record_purchase(ann, total_minor=4567, at=MAY)
    with pytest.raises(InsufficientPoints) as e:
        redeem(ann, 46)
    assert (e.value.contact_id, e.value.balance, e.value.requested) == (ann, 45, 46)
    assert points_balance(ann) == 45 and len(rows(ann)) == 1
    redeem(ann, 45)
    assert points_balance(ann) == 0


@pytest.mark.parametrize("points", [0, -10, 2.0, True])
def test_redeeming_needs_a_positive_whole_number(db, points):
    with pytest.raises(InvalidValue) as e:
        redeem(customer(), points)
    assert e.value.field == "points"


def test_redeeming_for_unknown_or_trashed_customers(db):
    with pytest.raises(NotFound):
        redeem(404, 1)
    ann = customer()
    record_purchase(ann, total_minor=1000, at=MAY)
    delete_contacts([ann])
    with pytest.raises(NotAllowed):
        redeem(ann, 1)


def test_adjustments_need_a_reason_and_may_not_go_below_zero(db):
    ann = customer()
    for reason in ("", "   "):
        with pytest.raises(InvalidValue) as e:
            adjust(ann, 10, reason=reason)
        assert e.value.field == "reason"
    with pytest.raises(InvalidValue) as e:
        adjust(ann, 0, reason="nothing")
    assert e.value.field == "points"
    entry_id = adjust(ann, 40, reason="Lost card", at=MAY)
    assert PointsEntry.get_by_id(entry_id).points == 40
    with pytest.raises(InsufficientPoints) as e:
        adjust(ann, -41, reason="Typo")
    assert (e.value.balance, e.value.requested) == (40, 41)
    adjust(ann, -40, reason="Typo")
    assert points_balance(ann) == 0
    assert [r[:2] for r in rows(ann)] == [("adjust", 40), ("adjust", -40)]


def test_the_database_refuses_a_negative_balance_too(db):
    ann = customer()
    with pytest.raises(peewee.IntegrityError):
        PointsEntry.insert(contact=ann, occurred_at=MAY, kind="redeem", points=-1, created_at=MAY).execute()


def test_redemption_value(db):
    assert redemption_value_minor(100) == 100  # 100 points = 1.00 EUR
    assert redemption_value_minor(250) == 250
    assert redemption_value_minor(99, "JPY") == 0
    assert redemption_value_minor(100, "JPY") == 1
    change(points_per_unit_redeemed=50)
    assert redemption_value_minor(125) == 250
    assert redemption_value_minor(125, "KWD") == 2500


def test_points_balance_of_an_unknown_customer(db):
    with pytest.raises(NotFound):
        points_balance(3)


# --------------------------------------------------------------------------------------------------
# Taking back


def test_take_back_only_for_refunds_and_only_once(db):
    sale = record_purchase(customer(), total_minor=1000, at=MAY)
    with pytest.raises(NotAllowed):
        take_back_for_refund(sale.purchase_id)
    refund = refund_purchase(sale.purchase_id, 500, at=MAY)
    with pytest.raises(NotAllowed):
        take_back_for_refund(refund.refund_id)


def test_a_take_back_never_exceeds_what_the_purchase_earned(db):
    ann = customer()
    sale = record_purchase(ann, total_minor=199, at=MAY)  # earns 1
    adjust(ann, 100, reason="Goodwill", at=MAY)
    taken = [refund_purchase(sale.purchase_id, 1, at=MAY).points_taken_back for _ in range(199)]
    assert sum(taken) == 1 and points_balance(ann) == 100


# --------------------------------------------------------------------------------------------------
# Spend and tiers


def test_rolling_spend_covers_365_days_up_to_the_day(db):
    ann = customer()
    on = date(2024, 12, 31)
    record_purchase(ann, total_minor=1000, at=noon(2024, 1, 2))  # 364 days before: in
    record_purchase(ann, total_minor=2000, at=noon(2024, 1, 1))  # 365 days before: out
    record_purchase(ann, total_minor=4000, at=noon(2024, 12, 31))
    record_purchase(ann, total_minor=8000, at=noon(2025, 1, 1))  # after the day: out
    record_purchase(ann, total_minor=9999, currency="USD", at=noon(2024, 6, 1))  # other currency: out
    assert rolling_spend(ann, on) == 5000


def test_refunds_lower_the_spend_when_they_happen(db):
    ann = customer()
    sale = record_purchase(ann, total_minor=60_000, at=noon(2024, 3, 1))
    refund_purchase(sale.purchase_id, 20_000, at=noon(2024, 4, 1))
    assert rolling_spend(ann, date(2024, 3, 15)) == 60_000
    assert rolling_spend(ann, date(2024, 4, 1)) == 40_000
    assert rolling_spend(ann, date(2025, 3, 15)) == -20_000  # the sale left the window, the refund not yet


def test_a_written_off_purchase_counts_with_what_was_paid(db):
    ann = customer()
    sale = record_purchase(ann, total_minor=100_000, status="due", at=MAY)
    record_payment(sale.purchase_id, 30_000)
    write_off(sale.purchase_id, at=MAY)
    assert rolling_spend(ann, date(2024, 6, 1)) == 30_000


def test_tiers_promote_and_demote_by_themselves(db):
    ann = customer()
    record_purchase(ann, total_minor=49_999, at=noon(2024, 1, 10))
    assert current_tier(ann, date(2024, 1, 10)) == "Bronze"
    record_purchase(ann, total_minor=1, at=noon(2024, 2, 10))
    assert current_tier(ann, date(2024, 2, 10)) == "Silver"  # exactly 500.00
    record_purchase(ann, total_minor=100_000, at=noon(2024, 6, 1))
    assert current_tier(ann, date(2024, 6, 1)) == "Gold"
    assert current_tier(ann, date(2025, 1, 20)) == "Silver"  # January's 499.99 left the window: demoted
    assert current_tier(ann, date(2025, 6, 1)) == "Bronze"
    assert current_tier(ann, date(2025, 6, 2)) == "Bronze"  # nothing spent: the lowest tier
    set_rules(replace(get_rules(), tiers=(Tier("Friend", 1), Tier("Patron", 100_000))))
    assert current_tier(ann, date(2024, 6, 1)) == "Patron"
    assert current_tier(ann, date(2025, 6, 2)) == ""  # below every tier
    with pytest.raises(NotFound):
        current_tier(999)


def test_spend_defaults_to_today(db):
    ann = customer()
    record_purchase(ann, total_minor=70_000, at=utc_now() - timedelta(days=1))
    assert rolling_spend(ann) == 70_000 and current_tier(ann) == "Silver"


# --------------------------------------------------------------------------------------------------
# Expiry


def test_points_expire_after_their_date_oldest_first_and_only_once(db):
    change(expiry_months=12)
    ann = customer()
    record_purchase(ann, total_minor=10_000, at=noon(2023, 3, 1))  # 100, expires 2024-03-01
    record_purchase(ann, total_minor=5_000, at=noon(2023, 9, 1))  # 50, expires 2024-09-01
    redeem(ann, 30, at=noon(2023, 10, 1))  # from the oldest lot: 70 of the first remain
    assert expire_points(date(2024, 3, 1)) == 0  # valid through their date
    assert expire_points(date(2024, 3, 2)) == 70
    assert expire_points(date(2024, 3, 2)) == 0  # idempotent
    assert points_balance(ann) == 50
    expired = PointsEntry.get(PointsEntry.kind == "expire")
    assert (expired.points, expired.expires_on, expired.reason) == (-70, date(2024, 3, 1), "Points expired")
    assert expired.occurred_at == loyalty.day_start(date(2024, 3, 2))  # after everything it was computed from
    assert expire_points(date(2025, 1, 1)) == 50
    assert points_balance(ann) == 0


def test_a_refund_after_its_sales_points_expired_takes_none_of_the_customers_other_points(db):
    """The October sale's 100 points expired on 1 November; refunding it on the 20th took 100 more, from the
    points of a sale of the 19th that was not refunded: the customer lost the same points twice."""
    change(expiry_months=1)
    ann = customer()
    october = record_purchase(ann, total_minor=10_000, at=noon(2024, 10, 1)).purchase_id
    expire_points(date(2024, 11, 2))
    record_purchase(ann, total_minor=10_000, at=noon(2024, 11, 19))
    assert points_balance(ann) == 100
    assert refund_purchase(october, at=noon(2024, 11, 20)).points_taken_back == 0
    assert points_balance(ann) == 100
    # before its date, a refund takes its share back, as ever (and a write-off too)
    november = record_purchase(ann, total_minor=10_000, at=noon(2024, 11, 21), status="due").purchase_id
    assert refund_purchase(november, 5_000, at=noon(2024, 11, 22)).points_taken_back == 50
    write_off(november, at=noon(2024, 11, 23))
    assert points_balance(ann) == 100
    # points spent before their date: the refund takes its share back, from the points left (spent stays spent)
    december = record_purchase(ann, total_minor=10_000, at=noon(2024, 12, 1)).purchase_id
    redeem(ann, 200, at=noon(2024, 12, 2))
    record_purchase(ann, total_minor=6_000, at=noon(2025, 1, 10))
    assert refund_purchase(december, at=noon(2025, 1, 10)).points_taken_back == 60
    # the expiry date not reached yet, even if the refund is recorded long after: the points were there then
    assert refund_purchase(record_purchase(ann, total_minor=2_000, at=noon(2024, 11, 25)).purchase_id,
                           at=noon(2024, 12, 20)).points_taken_back == 20


def test_expiry_skips_spent_points_and_never_goes_below_zero(db):
    change(expiry_months=1)
    ann, bo = customer(), customer("Bo")
    record_purchase(ann, total_minor=10_000, at=noon(2024, 1, 10))
    redeem(ann, 100, at=noon(2024, 1, 20))
    record_purchase(bo, total_minor=2_000, at=noon(2024, 1, 10))
    change(expiry_months=0)
    adjust(bo, 5, reason="Goodwill", at=noon(2024, 1, 11))  # older than the lot below, never expires
    change(expiry_months=1)
    record_purchase(bo, total_minor=3_000, at=noon(2024, 1, 12))
    assert expire_points(date(2024, 3, 1)) == 50
    assert points_balance(ann) == 0 and points_balance(bo) == 5
    assert [r[:2] for r in rows(ann)] == [("earn", 100), ("redeem", -100)]


def test_an_expired_lot_is_taken_even_when_an_older_lot_never_expires(db):
    ann = customer()
    adjust(ann, 40, reason="Migrated balance", at=noon(2024, 1, 1))
    change(expiry_months=1)
    record_purchase(ann, total_minor=2_000, at=noon(2024, 1, 5))  # 20, expires 2024-02-05
    redeem(ann, 10, at=noon(2024, 1, 6))  # from the oldest lot, the adjustment
    assert expire_points(date(2024, 2, 6)) == 20
    assert points_balance(ann) == 30


def test_expiring_soon_lists_unspent_points_per_customer(db):
    change(expiry_months=1)
    ann, bo, cy, dee = customer(), customer("Bo"), customer("Cy"), customer("Dee")
    record_purchase(ann, total_minor=1_000, at=noon(2024, 4, 20))  # 10, expires 05-20
    record_purchase(ann, total_minor=2_000, at=noon(2024, 5, 5))  # 20, expires 06-05
    redeem(ann, 5, at=noon(2024, 5, 6))
    record_purchase(bo, total_minor=3_000, at=noon(2024, 4, 10))  # 30, expires 05-10
    record_purchase(cy, total_minor=4_000, at=noon(2024, 4, 12))  # in the Trash
    delete_contacts([cy])
    record_purchase(dee, total_minor=5_000, at=noon(2024, 4, 1))  # expired 05-01, before the window
    assert expiring_soon(30, date(2024, 5, 10)) == [
        ExpiringPoints(bo, 30, date(2024, 5, 10)),
        ExpiringPoints(ann, 25, date(2024, 5, 20)),
    ]
    assert expiring_soon(5, date(2024, 5, 11)) == []
    assert expiring_soon(within_days=0, today=date(2024, 6, 5)) == [ExpiringPoints(ann, 20, date(2024, 6, 5))]
    with pytest.raises(InvalidValue):
        expiring_soon(-1)


# --------------------------------------------------------------------------------------------------
# Statements


def test_a_statement_lists_entries_with_running_balances(db):
    ann = customer()
    a = record_purchase(ann, total_minor=5_000, at=noon(2024, 1, 5), reference="R-1")
    b = record_purchase(ann, total_minor=3_000, at=noon(2024, 2, 5))
    redeem(ann, 20, at=noon(2024, 3, 5), reason="Voucher")
    r = refund_purchase(b.purchase_id, at=noon(2024, 4, 5))
    adjust(ann, 7, reason="Goodwill", at=noon(2024, 5, 5))
    whole = statement(ann)
    assert (whole.opening_balance, whole.closing_balance) == (0, points_balance(ann)) == (0, 37)
    assert [(line.kind, line.points, line.reason, line.balance_after, line.purchase_id) for line in whole.entries] == [
        ("earn", 50, "Purchase R-1", 50, a.purchase_id),
        ("earn", 30, f"Purchase #{b.purchase_id}", 80, b.purchase_id),
        ("redeem", -20, "Voucher", 60, None),
        ("adjust", -30, f"Refund of purchase #{b.purchase_id}", 30, r.refund_id),
        ("adjust", 7, "Goodwill", 37, None),
    ]
    assert [line.balance_after for line in whole.entries] == [50, 80, 60, 30, 37]
    assert whole.entries[0].at == noon(2024, 1, 5)
    part = statement(ann, date(2024, 2, 1), date(2024, 4, 5))
    assert part.opening_balance == 50
    assert [line.kind for line in part.entries] == ["earn", "redeem", "adjust"]
    assert part.closing_balance == 30 == part.opening_balance + sum(line.points for line in part.entries)
    assert statement(ann, start=date(2024, 6, 1)).entries == ()
    assert statement(ann, end=date(2023, 12, 31)).closing_balance == 0


def test_a_statement_shows_what_is_left_to_expire(db):
    change(expiry_months=6)
    ann = customer()
    record_purchase(ann, total_minor=1_000, at=noon(2024, 1, 5))
    record_purchase(ann, total_minor=2_000, at=noon(2024, 2, 5))
    redeem(ann, 15, at=noon(2024, 3, 1))
    assert statement(ann).expiring == ((date(2024, 8, 5), 15),)
    assert statement(ann, end=date(2024, 2, 28)).expiring == ((date(2024, 7, 5), 10), (date(2024, 8, 5), 20))


def test_statement_problems(db):
    with pytest.raises(NotFound):
        statement(5)
    with pytest.raises(InvalidValue) as e:
        statement(customer(), date(2024, 2, 1), date(2024, 1, 1))
    assert e.value.field == "end"


# --------------------------------------------------------------------------------------------------
# FIFO lots (pure)


def row(i: int, kind: str, points: int, expires_on: date | None = None) -> LedgerRow:
    return LedgerRow(i, MAY + timedelta(hours=i), kind, points, expires_on)


def test_fifo_consumes_the_oldest_lots_first():
    state = fifo_lots([row(1, "earn", 10), row(2, "earn", 20), row(3, "redeem", -15), row(4, "earn", 5)])
    assert [(lot.entry_id, lot.points, lot.remaining) for lot in state.lots] == [(2, 20, 15), (4, 5, 5)]
    assert (state.debt, state.balance) == (0, 20)


def test_fifo_expiry_takes_the_lots_it_names():
    d1, d2 = date(2024, 6, 1), date(2024, 7, 1)
    state = fifo_lots([row(1, "adjust", 10), row(2, "earn", 20, d1), row(3, "earn", 30, d2),
                       row(4, "expire", -20, d1)])
    assert [(lot.entry_id, lot.remaining) for lot in state.lots] == [(1, 10), (3, 30)]


def test_fifo_carries_a_debt_until_points_come_in():
    state = fifo_lots([row(1, "redeem", -5), row(2, "earn", 3)])
    assert (state.lots, state.debt, state.balance) == ((), 2, -2)
    state = fifo_lots([row(1, "redeem", -5), row(2, "earn", 8)])
    assert [(lot.entry_id, lot.remaining) for lot in state.lots] == [(2, 3)] and state.debt == 0
