"""The shop's figures (services.metrics), each checked against a plain-Python recomputation from the raw
rows (metrics_oracle) and, for a small shop built by hand, against numbers worked out on paper."""

from __future__ import annotations

import json
import time
from datetime import date, datetime, timedelta, timezone

import peewee
import pytest

from smallcrm.errors import InvalidValue
from smallcrm.services import demo, loyalty, metrics
from smallcrm.services.contacts import ContactInput, add_contact, delete_contacts
from smallcrm.services.metrics import Period
from smallcrm.services.purchases import record_payment, record_purchase, refund_purchase, write_off
from smallcrm.services.satisfaction import record_feedback, update_complaint
from smallcrm.store.models import Contact, database
from tests.unit import metrics_oracle as oracle
from tests.unit.unlinked_refunds import import_till_file, insert_unlinked_refund, unlinked_refunds

UTC = timezone.utc
MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))
TODAY = date(2026, 4, 30)


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def person(first: str, source: str = "") -> int:
    contact_id = add_contact(ContactInput(first_name=first, last_name="Test"))
    Contact.update(source=source).where(Contact.id == contact_id).execute()
    return contact_id


def buy(contact_id: int | None, total: int, when: datetime, **kwargs) -> int:
    return record_purchase(contact_id, total_minor=total, at=when, **kwargs).purchase_id


@pytest.fixture
def zone(monkeypatch):
    """set(name): run in that time zone (the shop's local time); the old one comes back afterwards."""
    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def utc(zone):
    zone("UTC")


# --------------------------------------------------------------------------------------------------
# Periods


def test_a_period_counts_both_its_days():
    assert Period(date(2026, 3, 1), date(2026, 3, 31)).days == 31
    assert Period(date(2026, 1, 1), date(2026, 1, 1)).days == 1


@pytest.mark.parametrize("period, before", [
    # a month with the month before, whatever their lengths; months with as many months before
    (Period(date(2026, 3, 1), date(2026, 3, 31)), Period(date(2026, 2, 1), date(2026, 2, 28))),
    (Period(date(2026, 2, 1), date(2026, 2, 28)), Period(date(2026, 1, 1), date(2026, 1, 31))),
    (Period(date(2026, 1, 1), date(2026, 3, 31)), Period(date(2025, 10, 1), date(2025, 12, 31))),
    (Period(date(2025, 1, 1), date(2025, 12, 31)), Period(date(2024, 1, 1), date(2024, 12, 31))),
    # a month so far with the same days of the month before (the 31st becomes its last day)
    (Period(date(2026, 3, 1), date(2026, 3, 15)), Period(date(2026, 2, 1), date(2026, 2, 15))),
    (Period(date(2026, 3, 1), date(2026, 3, 30)), Period(date(2026, 2, 1), date(2026, 2, 28))),
    (Period(date(2026, 1, 1), date(2026, 1, 1)), Period(date(2025, 12, 1), date(2025, 12, 1))),
    (Period(date(2026, 3, 1), date(2026, 4, 15)), Period(date(2026, 1, 1), date(2026, 2, 15))),
    # any other period: as many days just before it
    (Period(date(2026, 3, 2), date(2026, 3, 31)), Period(date(2026, 1, 31), date(2026, 3, 1))),
    (Period(date(2026, 1, 31), date(2026, 2, 2)), Period(date(2026, 1, 28), date(2026, 1, 30))),
])
def test_the_period_a_period_is_compared_with(period, before):
    assert period.previous() == before
    assert period.previous().end < period.start


@pytest.mark.parametrize("today, name, start, end", [
    (date(2026, 11, 22), "this_month", date(2026, 10, 1), date(2026, 10, 22)),
    (date(2026, 11, 22), "last_month", date(2026, 9, 1), date(2026, 9, 30)),
    (date(2026, 11, 22), "this_quarter", date(2026, 7, 1), date(2026, 8, 22)),  # the quarter before, so far
    (date(2026, 11, 22), "this_year", date(2025, 1, 1), date(2025, 11, 22)),  # the year before, so far
    (date(2028, 2, 29), "this_year", date(2027, 1, 1), date(2027, 2, 28)),
    (date(2026, 11, 22), "last_year", date(2024, 1, 1), date(2024, 12, 31)),
    (date(2026, 11, 22), "last_12_months", date(2024, 11, 1), date(2025, 10, 31)),
    (date(2026, 11, 22), "last_30_days", date(2026, 9, 24), date(2026, 10, 23)),
])
def test_what_each_preset_is_compared_with(today, name, start, end):
    assert Period.preset(name, today).previous() == Period(start, end)


@pytest.mark.parametrize("today, name, start, end", [
    (date(2026, 3, 31), "this_month", date(2026, 3, 1), date(2026, 3, 31)),
    (date(2026, 3, 15), "this_month", date(2026, 3, 1), date(2026, 3, 15)),
    (date(2026, 1, 10), "last_month", date(2025, 12, 1), date(2025, 12, 31)),
    (date(2026, 3, 31), "last_month", date(2026, 2, 1), date(2026, 2, 28)),
    (date(2026, 3, 31), "last_30_days", date(2026, 3, 2), date(2026, 3, 31)),
    (date(2026, 3, 31), "last_90_days", date(2026, 1, 1), date(2026, 3, 31)),
    (date(2026, 3, 31), "this_quarter", date(2026, 1, 1), date(2026, 3, 31)),
    (date(2026, 11, 5), "this_quarter", date(2026, 10, 1), date(2026, 11, 5)),
    (date(2026, 11, 5), "this_year", date(2026, 1, 1), date(2026, 11, 5)),
    (date(2026, 1, 10), "last_year", date(2025, 1, 1), date(2025, 12, 31)),
    (date(2026, 1, 10), "last_12_months", date(2025, 1, 1), date(2025, 12, 31)),
    (date(2026, 3, 31), "last_12_months", date(2025, 3, 1), date(2026, 2, 28)),
])
def test_presets(today, name, start, end):
    assert Period.preset(name, today) == Period(start, end)


def test_presets_default_to_the_shops_today():
    before = datetime.now().astimezone().date()
    period = Period.preset("last_30_days")
    assert before <= period.end <= datetime.now().astimezone().date() and period.days == 30


def test_a_period_that_ends_before_it_starts_is_refused_by_every_figure(db):
    backwards = Period(date(2026, 3, 10), date(2026, 3, 9))
    for figure in (metrics.summary, metrics.headline, metrics.revenue_series, metrics.revenue_by_source,
                   metrics.top_customers, metrics.top_share, metrics.loyalty_figures, metrics.satisfaction_figures,
                   metrics.summary_queries, Period.previous):
        with pytest.raises(InvalidValue) as e:
            figure(backwards)
        assert (e.value.field, e.value.problem) == ("end", "range")
        assert "ends before it starts" in e.value.detail


@pytest.mark.parametrize("call, field", [
    (lambda: Period.preset("next_week", date(2026, 3, 1)), "period"),
    (lambda: Period.preset("this_month", datetime(2026, 3, 1, 12)), "today"),
    (lambda: metrics.headline((date(2026, 3, 1), date(2026, 3, 9))), "period"),
    (lambda: metrics.headline(Period(datetime(2026, 3, 1, 0, 0), date(2026, 3, 9))), "start"),
    (lambda: metrics.revenue_series(MARCH, "hour"), "grain"),
    (lambda: metrics.revenue_series(Period(date(1990, 1, 1), date(2026, 1, 1)), "day"), "grain"),
    (lambda: metrics.segment_members("vip"), "segment"),
    (lambda: metrics.segments(datetime(2026, 3, 1, 12, tzinfo=UTC)), "today"),
    (lambda: metrics.lapsed_customers(0), "days"),
    (lambda: metrics.lapsed_customers(True), "days"),
    (lambda: metrics.cohorts(0), "months"),
    (lambda: metrics.cohorts(61), "months"),
    (lambda: metrics.top_customers(MARCH, 0), "limit"),
    (lambda: metrics.top_share(MARCH, 0), "share"),
    (lambda: metrics.top_share(MARCH, 1.5), "share"),
    (lambda: metrics.summary(MARCH, TODAY, lapsed_days=0), "lapsed_days"),
])
def test_inputs_that_make_no_sense_are_refused_with_a_plain_reason(db, call, field):
    with pytest.raises(InvalidValue) as e:
        call()
    assert e.value.field == field and e.value.detail


# --------------------------------------------------------------------------------------------------
# An empty shop


def test_an_empty_shop_has_zeros_and_no_figure_without_meaning(db):
    result = metrics.summary(MARCH, TODAY)
    assert result == oracle.summary(MARCH, TODAY)
    assert result.current == metrics.Headline(0, 0, None, 0, 0, 0, None)
    assert [(p.label, p.revenue_minor, p.purchases) for p in result.revenue_by_month] == [("2026-03", 0, 0)]
    assert result.revenue_by_source == [] and result.top_customers == []
    assert result.top_20_share is None and result.lifetime_value_minor is None
    assert [s.customers for s in result.segments] == [0] * 8
    assert [(c.month, c.customers, c.retained) for c in result.cohorts][-2:] == [("2026-03", 0, []), ("2026-04", 0, [])]
    assert result.loyalty == metrics.LoyaltyFigures(0, 0, 0, 0, 0, 0, 0, 0)
    assert [(b.key, b.owed_minor, b.purchases) for b in result.receivables] == [
        ("current", 0, 0), ("1-30", 0, 0), ("31-60", 0, 0), ("61-90", 0, 0), ("90+", 0, 0)]
    assert result.satisfaction == metrics.SatisfactionFigures(None, 0, None, 0, [("2026-03", None, 0)], 0, 0, None)
    json.dumps(metrics.summary_json(result))
    assert metrics.segment_members("champions", TODAY) == [] and metrics.lapsed_customers(90, TODAY) == []
    assert metrics.top_customers() == [] and metrics.top_share() is None and metrics.lifetime_value(TODAY) is None
    assert [p.revenue_minor for p in metrics.revenue_series(MARCH, "day")] == [0] * 31


# --------------------------------------------------------------------------------------------------
# A small shop worked out on paper (the shop's clock in UTC, every sale at noon)


@pytest.fixture
def shop(db, utc):
    """Ann (Google), Bob (walk-in), Cid (no source, then put in the Trash), Dee (pays in dollars) and
    sales without a customer, from January to April 2026. Figures for March, as of 30 April."""
    ann, bob, cid, dee = person("Ann", "Google"), person("Bob", "Walk-in"), person("Cid"), person("Dee", "Flyer")
    buy(ann, 2000, at(2026, 1, 5), status="due", due_on=date(2026, 1, 15))  # 105 days overdue on 30 April
    ann_feb = buy(ann, 10000, at(2026, 2, 10))  # the previous period
    buy(ann, 5000, at(2026, 3, 5))
    refund_purchase(ann_feb, 2000, at=at(2026, 3, 10))  # a refund in March of a purchase from before it
    buy(ann, 3000, at(2026, 3, 20))
    loyalty.redeem(ann, 50, at=at(2026, 3, 25))
    loyalty.adjust(ann, 10, reason="Goodwill", at=at(2026, 3, 26))
    buy(ann, 6000, at(2026, 4, 1), status="due", due_on=date(2026, 4, 10))  # 20 days overdue
    bob_mar = buy(bob, 8000, at(2026, 3, 8))
    bob_part = buy(bob, 4000, at(2026, 3, 15), status="partly_paid", paid_minor=1000)
    record_payment(bob_part, 500, at=at(2026, 3, 20))
    write_off(bob_part, at=at(2026, 3, 25))  # counts the 1500 paid
    refund_purchase(bob_mar, 1000, at=at(2026, 4, 2))  # a refund after March of a purchase in it
    bob_due = buy(bob, 5000, at(2026, 4, 5), status="due", due_on=date(2026, 4, 30))  # due today: not overdue
    refund_purchase(bob_due, 2000, at=at(2026, 4, 6))
    buy(cid, 2500, at(2026, 3, 12))
    buy(cid, 4000, at(2026, 3, 13), status="partly_paid", paid_minor=1000, due_on=date(2026, 3, 20))  # 41 days
    buy(dee, 7000, at(2026, 3, 9), currency="USD")
    buy(None, 1200, at(2026, 3, 18))
    low_csat = record_feedback(ann, "csat", 2, at=at(2026, 2, 20)).complaint_id
    update_complaint(low_csat, status="resolved", resolution="Called back", at=at(2026, 3, 2))
    record_feedback(ann, "nps", 10, at=at(2026, 3, 3))
    low_nps = record_feedback(bob, "nps", 3, at=at(2026, 3, 4)).complaint_id
    update_complaint(low_nps, status="resolved", resolution="Replaced the mug", at=at(2026, 3, 14))
    record_feedback(cid, "csat", 5, at=at(2026, 3, 6))
    delete_contacts([cid])
    return {"ann": ann, "bob": bob, "cid": cid, "dee": dee}


def test_the_headline_counts_purchases_minus_refunds_dated_in_the_period(shop):
    # Ann 5000 + 3000 - 2000 (refunded in March), Bob 8000 + 1500 (paid of a written-off 4000),
    # Cid 2500 + 4000 (in the Trash, still counted), 1200 without a customer; Dee's dollars left out.
    assert metrics.headline(MARCH) == metrics.Headline(
        revenue_minor=23200, purchases=7, average_basket_minor=3314, active_customers=3, new_customers=2,
        returning_customers=1, repeat_rate=1.0)
    # The previous period (February): Ann's purchase of 10000; she first bought on 5 January.
    assert metrics.headline(MARCH.previous()) == metrics.Headline(10000, 1, 10000, 1, 0, 1, 0.0)


def test_a_period_whose_refunds_outweigh_its_sales_has_no_average_basket(db):
    """March's one sale of 10.00 and the refund of 50.00 of a February sale: the revenue is -40.00, but no basket
    was worth that (the dashboard and the report show "—", not "-40.00")."""
    ann = person("Ann")
    february = buy(ann, 5000, at(2026, 2, 10))
    buy(ann, 1000, at(2026, 3, 5))
    refund_purchase(february, at=at(2026, 3, 6))
    figures = metrics.headline(MARCH)
    assert (figures.revenue_minor, figures.purchases, figures.average_basket_minor) == (-4000, 1, None)
    assert metrics.summary(MARCH, TODAY) == oracle.summary(MARCH, TODAY)


def test_the_small_shop_in_full(shop):
    result = metrics.summary(MARCH, TODAY)
    assert result == oracle.summary(MARCH, TODAY)
    ann, bob, cid = shop["ann"], shop["bob"], shop["cid"]
    assert (result.period, result.previous, result.currency, result.today) == (
        MARCH, Period(date(2026, 2, 1), date(2026, 2, 28)), "EUR", TODAY)
    assert [(p.label, p.start, p.revenue_minor, p.purchases) for p in result.revenue_by_month] == [
        ("2026-03", date(2026, 3, 1), 23200, 7)]
    assert result.revenue_by_source == [metrics.SourceRevenue("Walk-in", 9500, 1), metrics.SourceRevenue("", 7700, 1),
                                        metrics.SourceRevenue("Google", 6000, 1)]
    assert result.top_customers == [
        metrics.CustomerValue(bob, "Bob Test", 9500, 2, date(2026, 3, 15)),
        metrics.CustomerValue(cid, "Cid Test", 6500, 2, date(2026, 3, 13)),
        metrics.CustomerValue(ann, "Ann Test", 6000, 2, date(2026, 3, 20)),
    ]
    assert result.top_20_share == 9500 / 23200  # the top 20% of 3 customers is 1 customer
    # Lifetime spend as of 30 April: Ann 2000 + 10000 - 2000 + 5000 + 3000 + 6000, Bob 8000 + 1500 - 1000
    # + 5000 - 2000, Cid 6500.
    assert result.lifetime_value_minor == (24000 + 11500 + 6500) // 3
    # Last purchase Cid 13 March < Ann 1 April < Bob 5 April; purchases Cid 2 < Bob 3 < Ann 5; spend the same order.
    assert {s.key: s.customers for s in result.segments} == {
        "champions": 0, "loyal": 0, "potential": 1, "new": 0, "at_risk": 1, "cant_lose": 0, "hibernating": 0, "lost": 1}
    assert [metrics.segment_members(key, TODAY) for key in ("potential", "at_risk", "lost")] == [[bob], [ann], [cid]]
    assert (result.lapsed_customers, result.lapsed_days) == (0, 90)  # everyone bought in the last 90 days
    assert [(c.month, c.customers, c.retained) for c in result.cohorts][-3:] == [
        ("2026-02", 0, []), ("2026-03", 2, [0.5]), ("2026-04", 0, [])]  # Bob bought again in April, Cid did not
    assert [(b.key, b.owed_minor, b.purchases) for b in result.receivables] == [
        ("current", 3000, 1), ("1-30", 6000, 1), ("31-60", 3000, 1), ("61-90", 0, 0), ("90+", 2000, 1)]
    # Points in March: earned 50 + 30 (Ann) + 80 + 40 (Bob) + 25 + 40 (Cid), none by Dee's dollars (not the
    # shop's currency); 50 redeemed. Balances at the end of March: Ann 20 + 100 - 20 (refund) + 50 + 30 - 50 + 10
    # (by hand), Bob 80 + 40 - 25 (the unpaid share of the written-off purchase), Cid 25 + 40, Dee 0. At its start:
    # Ann's 20 + 100. Taken back in March: 20 for Ann's refund, 25 for Bob's write-off.
    assert result.loyalty == metrics.LoyaltyFigures(issued=265, redeemed=50, expired=0, outstanding=300,
                                                    outstanding_value_minor=300, taken_back=45, adjusted=10,
                                                    opening=120)
    assert 120 + 265 - 50 - 0 - 45 + 10 == 300  # the figures add up
    assert result.satisfaction == metrics.SatisfactionFigures(
        nps=0.0, nps_answers=2, csat_average=5.0, csat_answers=1, nps_by_month=[("2026-03", 0.0, 2)],
        complaints_opened=1, complaints_resolved=2, median_days_to_resolve=10.0)
    assert result.satisfaction_before == metrics.SatisfactionFigures(
        None, 0, 2.0, 1, [("2026-02", None, 0)], 1, 0, None)


def test_a_refund_imported_without_its_sale_is_money_given_back_not_a_purchase(shop, tmp_path):
    """Eve bought in February; in March the till's file has only her cancellation invoice C1009, which the import
    cannot link to a sale. Its money comes off the revenue, but it is no purchase: Eve is not a customer of March,
    not among its best customers, did not come back in March, and last bought in February."""
    eve = add_contact(ContactInput(first_name="Eve", last_name="Test", emails=["eve@example.com"]))
    Contact.update(source="Radio").where(Contact.id == eve).execute()
    import_till_file(tmp_path / "february.csv", [["2026-02-12 12:00", "1001", "eve@example.com", "50.00"]])
    march = import_till_file(tmp_path / "march.csv", [["2026-03-22 12:00", "C1009", "eve@example.com", "-20.00"]])
    assert march.refunds == 1 and [(ref, total) for _, ref, total in unlinked_refunds()] == [("C1009", -2000)]
    result = metrics.summary(MARCH, TODAY)
    assert result == oracle.summary(MARCH, TODAY)
    # The paper figures of March less Eve's 2000, over the same 7 purchases and 3 customers.
    assert result.current == metrics.Headline(
        revenue_minor=21200, purchases=7, average_basket_minor=21200 // 7, active_customers=3, new_customers=2,
        returning_customers=1, repeat_rate=1.0)
    assert [(p.label, p.revenue_minor, p.purchases) for p in result.revenue_by_month] == [("2026-03", 21200, 7)]
    assert [(p.start, p.revenue_minor, p.purchases) for p in metrics.revenue_series(MARCH, "day")
            if p.start == date(2026, 3, 22)] == [(date(2026, 3, 22), -2000, 0)]
    assert metrics.SourceRevenue("Radio", -2000, 0) in result.revenue_by_source
    assert eve not in [c.contact_id for c in result.top_customers]
    assert eve not in metrics.period_customers(MARCH, "active")
    # February: Eve's first purchase makes her a new customer of the previous period.
    assert result.before == metrics.Headline(15000, 2, 7500, 2, 1, 1, 0.0)
    assert [(c.month, c.customers, c.retained) for c in result.cohorts][-3] == ("2026-02", 1, [0.0, 0.0])
    assert metrics.lapsed_customers(60, TODAY) == [eve] == oracle.lapsed_customers(60, TODAY)  # gone since 12 Feb
    assert metrics.CustomerValue(eve, "Eve Test", 3000, 1, date(2026, 2, 12)) in metrics.top_customers()


def test_a_customer_whose_only_row_is_a_refund_without_its_sale_is_no_customer(shop):
    fay = person("Fay")
    insert_unlinked_refund(fay, -700, at(2026, 3, 27), reference="C1010")
    insert_unlinked_refund(None, -300, at(2026, 3, 28))  # and one without a customer
    result = metrics.summary(MARCH, TODAY)
    assert result == oracle.summary(MARCH, TODAY)
    assert (result.current.revenue_minor, result.current.purchases, result.current.active_customers) == (22200, 7, 3)
    assert fay not in [c.contact_id for c in metrics.top_customers()]
    assert sum(s.customers for s in result.segments) == 3 and fay not in metrics.lapsed_customers(1, TODAY)
    assert metrics.lifetime_value(TODAY) == (24000 + 11500 + 6500) // 3


def test_lapsed_customers_longest_gone_first(shop):
    assert metrics.lapsed_customers(30, TODAY) == [shop["cid"]]  # nothing since 13 March
    assert metrics.lapsed_customers(26, TODAY) == [shop["cid"], shop["ann"]]  # Ann last bought on 1 April
    assert metrics.lapsed_customers(90, TODAY) == [] == oracle.lapsed_customers(90, TODAY)
    assert metrics.summary(MARCH, TODAY, lapsed_days=26).lapsed_customers == 2


def test_over_all_time_the_top_customers_are_by_lifetime_spend(shop):
    assert metrics.top_customers() == oracle.top_customers() == [
        metrics.CustomerValue(shop["ann"], "Ann Test", 24000, 5, date(2026, 4, 1)),
        metrics.CustomerValue(shop["bob"], "Bob Test", 11500, 3, date(2026, 4, 5)),
        metrics.CustomerValue(shop["cid"], "Cid Test", 6500, 2, date(2026, 3, 13)),
    ]
    assert metrics.top_customers(limit=1) == metrics.top_customers()[:1]
    total = 24000 + 11500 + 6500 + 1200  # and the sale without a customer
    assert metrics.top_share() == 24000 / total == oracle.top_share()
    assert metrics.top_share(MARCH, 1.0) == 22000 / 23200  # every customer: all but the sale without one


def test_each_figure_alone_agrees_with_the_summary(shop):
    result = metrics.summary(MARCH, TODAY)
    assert metrics.headline(MARCH) == result.current and metrics.headline(result.previous) == result.before
    assert metrics.revenue_series(MARCH, "month") == result.revenue_by_month
    assert metrics.revenue_by_source(MARCH) == result.revenue_by_source
    assert metrics.top_customers(MARCH) == result.top_customers
    assert metrics.top_share(MARCH) == result.top_20_share
    assert metrics.lifetime_value(TODAY) == result.lifetime_value_minor
    assert metrics.segments(TODAY) == result.segments
    assert metrics.cohorts(12, TODAY) == result.cohorts
    assert metrics.loyalty_figures(MARCH) == result.loyalty
    assert metrics.receivables_ageing(TODAY) == result.receivables
    assert metrics.satisfaction_figures(MARCH) == result.satisfaction
    assert metrics.satisfaction_figures(result.previous) == result.satisfaction_before


def test_other_currencies_are_left_out_and_a_shop_in_dollars_counts_only_them(shop):
    from smallcrm.services.settings import set_setting

    set_setting("currency", "USD")
    result = metrics.summary(MARCH, TODAY)
    assert result == oracle.summary(MARCH, TODAY)
    assert (result.currency, result.current.revenue_minor, result.current.active_customers) == ("USD", 7000, 1)
    assert [c.contact_id for c in result.top_customers] == [shop["dee"]]
    assert result.revenue_by_source == [metrics.SourceRevenue("Flyer", 7000, 1)]
    assert sum(b.owed_minor for b in result.receivables) == 0


def test_a_purchase_after_today_counts_in_its_period_but_not_in_the_customers_as_of_today(shop):
    eve = person("Eve")
    buy(eve, 900, at(2026, 5, 2))
    may = Period(date(2026, 5, 1), date(2026, 5, 31))
    assert metrics.headline(may).revenue_minor == 900 == oracle.headline(may).revenue_minor
    assert metrics.summary(may, TODAY) == oracle.summary(may, TODAY)
    assert eve not in metrics.segment_members("new", TODAY) + metrics.segment_members("lost", TODAY)
    assert sum(s.customers for s in metrics.segments(TODAY)) == 3
    assert sum(s.customers for s in metrics.segments(date(2026, 5, 2))) == 4


# --------------------------------------------------------------------------------------------------
# Local days: summer time and month ends in a shop that is not on UTC


DAYS = {
    # UTC moment -> the shop's local day
    "Europe/Berlin": [
        (at(2026, 1, 31, 23, 30), date(2026, 2, 1)),  # 00:30 CET: February already
        (at(2026, 3, 28, 23, 30), date(2026, 3, 29)),  # 00:30 CET on the night the clocks go forward
        (at(2026, 3, 29, 22, 30), date(2026, 3, 30)),  # 00:30 CEST: one hour earlier in UTC than a day before
        (at(2026, 3, 31, 21, 30), date(2026, 3, 31)),  # 23:30 CEST: still March
        (at(2026, 3, 31, 22, 30), date(2026, 4, 1)),  # 00:30 CEST: April
        (at(2026, 10, 24, 22, 30), date(2026, 10, 25)),  # 00:30 CEST on the night the clocks go back
        (at(2026, 10, 25, 23, 30), date(2026, 10, 26)),  # 00:30 CET
    ],
    "America/New_York": [
        (at(2026, 3, 1, 4, 30), date(2026, 2, 28)),  # 23:30 EST: still February
        (at(2026, 3, 8, 4, 30), date(2026, 3, 7)),  # 23:30 EST, the night before the clocks go forward
        (at(2026, 3, 9, 3, 30), date(2026, 3, 8)),  # 23:30 EDT
        (at(2026, 4, 1, 3, 30), date(2026, 3, 31)),  # 23:30 EDT: still March
        (at(2026, 4, 1, 4, 30), date(2026, 4, 1)),  # 00:30 EDT: April
        (at(2026, 11, 1, 4, 30), date(2026, 11, 1)),  # 00:30 EDT, the night the clocks go back
        (at(2026, 11, 2, 4, 30), date(2026, 11, 1)),  # 23:30 EST
    ],
}


@pytest.mark.parametrize("name", sorted(DAYS))
def test_sales_fall_on_the_shops_local_day_across_summer_time_and_month_ends(db, zone, name):
    zone(name)
    ann = person("Ann")
    expected: dict[date, int] = {}
    for i, (moment, day) in enumerate(DAYS[name]):
        buy(ann, 100 * 2**i, moment)
        expected[day] = expected.get(day, 0) + 100 * 2**i
    year = Period(date(2026, 1, 1), date(2026, 12, 31))
    by_day = {p.start: p.revenue_minor for p in metrics.revenue_series(year, "day") if p.revenue_minor}
    assert by_day == expected
    by_month = {p.label: p.revenue_minor for p in metrics.revenue_series(year, "month")}
    for day, revenue in expected.items():
        assert by_month[day.strftime("%Y-%m")] >= revenue
    assert sum(by_month.values()) == sum(expected.values())
    for grain in metrics.GRAINS:
        assert metrics.revenue_series(year, grain) == oracle.revenue_series(year, grain)
    for day, revenue in expected.items():
        one_day = Period(day, day)
        assert metrics.headline(one_day).revenue_minor == revenue
        assert metrics.summary(one_day, date(2026, 12, 31)) == oracle.summary(one_day, date(2026, 12, 31))
    march = Period(date(2026, 3, 1), date(2026, 3, 31))
    assert metrics.summary(march, date(2026, 11, 20)) == oracle.summary(march, date(2026, 11, 20))


# --------------------------------------------------------------------------------------------------
# A demo shop, compared figure by figure with the recomputation


NOW = datetime(2026, 5, 15, 12, tzinfo=UTC)


def add_unlinked_refunds() -> None:
    """Refunds the import could not link to a sale, among the demo's customers: each third customer's gives back a
    little of their latest purchase, later (the last thing they did, some after today); a few land the day before
    their first purchase or in another month; one is of a customer who never bought, one of no customer, one in
    dollars."""
    rows = database.execute_sql(
        "SELECT contact_id, min(occurred_at), max(occurred_at), min(total_minor) FROM purchase"
        " WHERE contact_id IS NOT NULL AND refund_of_id IS NULL GROUP BY contact_id ORDER BY contact_id").fetchall()
    for n, (contact_id, first, last, smallest) in enumerate(rows[::3]):
        first, last = oracle.moment(first), oracle.moment(last)
        when = first - timedelta(days=1) if n % 4 == 0 else last + timedelta(days=1 + 13 * (n % 5))
        insert_unlinked_refund(contact_id, -max(1, smallest // 3), when, reference=f"C{9000 + n}")
    insert_unlinked_refund(person("Nobody"), -1500, NOW - timedelta(days=40))
    insert_unlinked_refund(None, -900, NOW - timedelta(days=70))
    insert_unlinked_refund(rows[1][0], -1100, NOW - timedelta(days=20), currency="USD")


@pytest.mark.parametrize("name", ["UTC", "Europe/Berlin", "America/New_York"])
def test_a_demo_shop_matches_the_recomputation(db, zone, name):
    zone(name)
    demo.generate(300, seed=3, now=NOW)
    # The demo writes nothing off: one written-off purchase besides what it makes.
    owing = database.execute_sql("SELECT id FROM purchase WHERE status = 'partly_paid' LIMIT 1").fetchone()[0]
    write_off(owing, at=NOW - timedelta(days=3))
    add_unlinked_refunds()
    today = NOW.astimezone().date()
    for preset in metrics.PRESETS:
        period = Period.preset(preset, today)
        assert metrics.summary(period, today) == oracle.summary(period, today), preset
    odd = Period(date(2025, 3, 20), date(2025, 11, 2))
    for grain in metrics.GRAINS:
        assert metrics.revenue_series(odd, grain) == oracle.revenue_series(odd, grain), grain
    assert metrics.summary(odd, today, lapsed_days=45) == oracle.summary(odd, today, lapsed_days=45)
    assert metrics.cohorts(5, today) == oracle.cohorts(5, today)
    assert metrics.top_customers(None, 15) == oracle.top_customers(None, 15)
    assert metrics.top_share(odd, 0.35) == oracle.top_share(odd, 0.35)
    earlier = date(2025, 9, 30)
    assert metrics.segments(earlier) == oracle.segments(earlier)
    assert metrics.lapsed_customers(120, earlier) == oracle.lapsed_customers(120, earlier)
    assert metrics.lifetime_value(earlier) == oracle.lifetime_value(earlier)


@pytest.fixture
def demo_shop(db, utc):
    demo.generate(300, seed=5, now=NOW)
    add_unlinked_refunds()
    return NOW.date()


def test_the_points_figures_add_up_from_the_start_of_a_period_to_its_end(demo_shop):
    """What was there at the start, plus what was issued, less what was redeemed, expired and taken back for refunds,
    plus corrections by hand, is what is left."""
    today = demo_shop
    loyalty.adjust(database.execute_sql("SELECT min(contact_id) FROM points_entry").fetchone()[0], -3,
                   reason="Correction", at=NOW - timedelta(days=2))
    for preset in metrics.PRESETS:
        figures = metrics.loyalty_figures(Period.preset(preset, today))
        assert figures == oracle.loyalty_figures(Period.preset(preset, today)), preset
        assert (figures.opening + figures.issued - figures.redeemed - figures.expired - figures.taken_back
                + figures.adjusted) == figures.outstanding, preset
    everything = metrics.loyalty_figures(Period(date(2000, 1, 1), today))
    assert everything.opening == 0 and everything.taken_back > 0 and everything.adjusted == -3
    taken_back = database.execute_sql("SELECT -sum(points) FROM points_entry WHERE kind = 'adjust' AND purchase_id IN"
                                      " (SELECT id FROM purchase WHERE total_minor < 0)").fetchone()[0]
    assert everything.taken_back == taken_back  # every row taking points back is a refund's (the demo writes none off)


def test_segment_members_are_the_segment_counts_best_customers_first(demo_shop):
    today = demo_shop
    people = oracle.customers(today)
    counted = {s.key: s.customers for s in metrics.segments(today)}
    seen: set[int] = set()
    for key in metrics.SEGMENTS:
        members = metrics.segment_members(key, today)
        assert members == oracle.segment_members(key, today)
        assert len(members) == counted[key]
        assert [people[c].spend for c in members] == sorted((people[c].spend for c in members), reverse=True)
        assert not seen & set(members)
        seen |= set(members)
    assert seen == set(people) and len(seen) > 200


def test_the_demo_shops_numbers_hold_together(demo_shop):
    today = demo_shop
    result = metrics.summary(Period.preset("last_12_months", today), today)
    assert sum(p.revenue_minor for p in result.revenue_by_month) == result.current.revenue_minor
    assert sum(p.purchases for p in result.revenue_by_month) == result.current.purchases
    assert sum(s.revenue_minor for s in result.revenue_by_source) == result.current.revenue_minor
    assert sum(s.customers for s in result.revenue_by_source) == result.current.active_customers
    assert result.current.new_customers + result.current.returning_customers == result.current.active_customers
    assert [c.revenue_minor for c in result.top_customers] == sorted(
        (c.revenue_minor for c in result.top_customers), reverse=True)
    assert len(result.cohorts) == 12 and all(len(c.retained) == 11 - i or not c.customers
                                             for i, c in enumerate(result.cohorts))
    assert 0 < result.top_20_share < 1 and result.current.revenue_minor > 0
    assert result.satisfaction.nps_answers == sum(answers for _, _, answers in result.satisfaction.nps_by_month)


# --------------------------------------------------------------------------------------------------
# Every segment


def test_every_segment_can_be_reached(db, utc):
    """25 customers, five in each quintile of recency, frequency and money, chosen so that every
    segment has someone: (R, F, M) for the first eight, then the rest to fill the quintiles."""
    wanted = [("champions", (5, 5, 5)), ("loyal", (3, 5, 5)), ("potential", (4, 2, 2)), ("new", (5, 1, 1)),
              ("cant_lose", (1, 5, 5)), ("at_risk", (2, 4, 4)), ("hibernating", (2, 1, 2)), ("lost", (1, 1, 1))]
    scores = [triple for _, triple in wanted]
    left = [[g for g in range(1, 6) for _ in range(5)] for _ in range(3)]
    for triple in scores:
        for dimension, score in enumerate(triple):
            left[dimension].remove(score)
    scores += list(zip(*left))
    today = date(2026, 6, 30)
    ids = []
    for i, (r, f, m) in enumerate(scores):
        contact_id = person(f"C{i:02d}")
        ids.append(contact_id)
        last = today - timedelta(days=(6 - r) * 20 + i % 3)
        count = 2 * f - 1 + i % 2
        spend = m * 100_000 + i * 10
        for k in range(1, count):
            buy(contact_id, 1000, at(last.year, last.month, last.day) - timedelta(days=k))
        buy(contact_id, spend - 1000 * (count - 1), at(last.year, last.month, last.day))
    counts = {s.key: s.customers for s in metrics.segments(today)}
    assert all(counts[key] >= 1 for key in metrics.SEGMENTS), counts
    assert metrics.segments(today) == oracle.segments(today)
    for (key, _), contact_id in zip(wanted, ids):
        assert contact_id in metrics.segment_members(key, today), key
    assert sorted(c for key in metrics.SEGMENTS for c in metrics.segment_members(key, today)) == sorted(ids)


# --------------------------------------------------------------------------------------------------
# The statements and the JSON


def test_the_statements_run_bare_and_leave_nothing_behind(demo_shop):
    today = demo_shop
    period = Period.preset("last_12_months", today)
    queries = metrics.summary_queries(period, today)
    conn = database.connection()
    for _ in range(2):
        rows = [conn.execute(sql, params).fetchall() for sql, params in queries]
    assert any(rows) and sum(1 for sql, _ in queries if sql.lstrip().upper().startswith(("SELECT", "WITH"))) >= 10
    assert conn.execute("SELECT name FROM sqlite_temp_master").fetchall() == []
    assert metrics.summary(period, today) == oracle.summary(period, today)
    assert conn.execute("SELECT name FROM sqlite_temp_master").fetchall() == []


def test_the_purchases_are_read_once_in_customer_order_without_sorting(demo_shop):
    today = demo_shop
    queries = metrics.summary_queries(Period.preset("last_12_months", today), today)
    (fill,) = [i for i, (sql, _) in enumerate(queries)
               if sql.lstrip().startswith("INSERT INTO temp.metrics_customer") and "FROM purchase" in sql]
    conn = database.connection()
    for sql, params in queries[:fill]:
        conn.execute(sql, params).fetchall()
    sql, params = queries[fill]
    plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
    for sql, params in queries[fill:]:
        conn.execute(sql, params).fetchall()
    assert conn.execute("SELECT name FROM sqlite_temp_master").fetchall() == []
    assert "SCAN p USING COVERING INDEX purchase_by_customer_facts" in plan, plan
    assert not any("TEMP B-TREE FOR GROUP BY" in step or "purchase_by_date" in step for step in plan), plan


def test_a_failing_statement_leaves_no_temporary_table(shop, monkeypatch):
    real = metrics._feedback_statement
    monkeypatch.setattr(metrics, "_feedback_statement", lambda periods: real(periods)._replace(sql="SELECT nonsense"))
    with pytest.raises(peewee.OperationalError):
        metrics.summary(MARCH, TODAY)
    assert database.execute_sql("SELECT name FROM sqlite_temp_master").fetchall() == []
    monkeypatch.setattr(metrics, "_feedback_statement", real)
    assert metrics.summary(MARCH, TODAY) == oracle.summary(MARCH, TODAY)


def test_the_json_has_plain_values(shop):
    result = metrics.summary(MARCH, TODAY)
    data = json.loads(json.dumps(metrics.summary_json(result)))
    assert {k: data[k] for k in ("revenue", "purchases", "average_basket", "active_customers", "new_customers",
                                 "returning_customers", "repeat_rate")} == {
        "revenue": 23200, "purchases": 7, "average_basket": 3314, "active_customers": 3, "new_customers": 2,
        "returning_customers": 1, "repeat_rate": 1.0}
    assert data["period"] == {"start": "2026-03-01", "end": "2026-03-31", "days": 31}
    assert data["today"] == "2026-04-30" and data["currency"] == "EUR"
    assert (data["nps"], data["csat_average"], data["median_days_to_resolve"]) == (0.0, 5.0, 10.0)
    assert data["revenue_by_month"] == [{"month": "2026-03", "start": "2026-03-01", "revenue": 23200, "purchases": 7}]
    assert data["segments"] == {s.key: s.customers for s in result.segments}
    assert data["points_outstanding"] == 300 and data["points_outstanding_value"] == 300
    assert [(r["key"], r["owed"]) for r in data["receivables"]] == [
        ("current", 3000), ("1-30", 6000), ("31-60", 3000), ("61-90", 0), ("90+", 2000)]
    assert data["receivables_total"] == 14000
    assert data["before"]["revenue"] == 10000 and data["before"]["csat_average"] == 2.0
    assert data["top_customers"][0] == {"contact_id": result.top_customers[0].contact_id, "name": "Bob Test",
                                        "revenue": 9500, "purchases": 2, "last_purchase_on": "2026-03-15"}
    assert data["cohorts"][-2] == {"month": "2026-03", "customers": 2, "retained": [0.5]}
    assert data["top_20_share"] == result.top_20_share and data["lifetime_value"] == 14000


# --------------------------------------------------------------------------------------------------
# The customers behind the headline's counts


def test_the_customers_behind_each_count_are_the_ones_the_headline_counts(demo_shop):
    today = demo_shop
    for name in ("last_12_months", "last_90_days", "this_year"):
        period = Period.preset(name, today)
        head = metrics.headline(period)
        spend_in_period: dict[int, int] = {}
        first: dict[int, date] = {}
        for row in oracle.sales():
            if row.is_purchase and row.contact is not None:
                first[row.contact] = min(first.get(row.contact, row.day), row.day)
                if oracle.inside(row.day, period):
                    spend_in_period[row.contact] = spend_in_period.get(row.contact, 0) + row.total
        active = metrics.period_customers(period, "active")
        new = metrics.period_customers(period, "new")
        returning = metrics.period_customers(period, "returning")
        assert (len(active), len(new), len(returning)) == (head.active_customers, head.new_customers,
                                                            head.returning_customers)
        assert set(active) == set(spend_in_period)
        assert set(new) == {c for c in spend_in_period if first[c] >= period.start}
        assert set(new) | set(returning) == set(active) and not set(new) & set(returning)
        assert active == sorted(active, key=lambda c: (-spend_in_period[c], c))
    with pytest.raises(InvalidValue):
        metrics.period_customers(MARCH, "lost")


def test_customer_lines_say_what_each_customer_spent_and_when_they_last_bought(shop):
    from smallcrm.services.customer import customer_lines, summary

    ids = [row[0] for row in database.execute_sql("SELECT id FROM contact ORDER BY id DESC")]
    lines = customer_lines([*ids, 999_999])
    assert [line.contact_id for line in lines] == ids  # in the order asked, the unknown id left out
    for line in lines:
        facts = summary(line.contact_id)
        assert line.spend_minor == facts.lifetime_spend_minor
        assert line.in_trash == facts.in_trash
        assert line.last_purchase_on == (facts.last_purchase_at.astimezone().date() if facts.last_purchase_at
                                         else None)
