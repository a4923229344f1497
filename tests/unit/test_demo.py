"""Demo data: reproducible, consistent with the data rules, searchable, and all-or-nothing."""

from __future__ import annotations

import random
import re
from collections import defaultdict
from datetime import datetime, timezone

import phonenumbers
import pytest

from smallcrm.errors import DemoNeedsEmptyDatabase
from smallcrm.services import demo
from smallcrm.services.contacts import ContactInput, add_contact, contact_ids
from smallcrm.services.settings import default_region, set_setting
from smallcrm.services.validation import Phone, clean_birthday, clean_email, clean_phone
from smallcrm.store.db import close_database, open_database
from smallcrm.store.fields import from_utc_text, to_utc_text
from smallcrm.store.models import database

NOW = datetime(2025, 3, 14, 15, 9, 26, tzinfo=timezone.utc)
TABLES = ("contact", "contact_email", "contact_phone", "tag", "contact_tag", "interaction", "purchase", "complaint",
          "purchase_item", "points_entry", "feedback")


@pytest.fixture
def db(tmp_path):
    database_ = open_database(tmp_path / "t.sqlite")
    yield database_
    close_database()


@pytest.fixture
def shop(db):
    """A small generated shop: (summary, database)."""
    return demo.generate(120, seed=7, now=NOW), db


def rows(sql, params=()):
    return database.execute_sql(sql, params).fetchall()


def count(table):
    return rows(f"SELECT count(*) FROM {table}")[0][0]


def dump():
    return {table: rows(f"SELECT * FROM {table} ORDER BY 1, 2") for table in TABLES}


def test_same_seed_gives_the_same_rows(tmp_path):
    try:
        open_database(tmp_path / "a.sqlite")
        demo.generate(60, seed=3, purchases=400, now=NOW)
        first = dump()
        open_database(tmp_path / "b.sqlite")
        demo.generate(60, seed=3, purchases=400, now=NOW)
        second = dump()
        open_database(tmp_path / "c.sqlite")
        demo.generate(60, seed=4, purchases=400, now=NOW)
        other = dump()
    finally:
        close_database()
    assert first == second
    assert first["contact"] != other["contact"]


def test_counts_match_the_summary(shop):
    summary, _ = shop
    assert summary.contacts == count("contact") == 120
    assert summary.purchases == count("purchase") == 1200
    assert summary.emails == count("contact_email")
    assert summary.phones == count("contact_phone")
    assert summary.tag_links == count("contact_tag")
    assert summary.purchase_items == count("purchase_item")
    assert summary.points_entries == count("points_entry")
    assert summary.interactions == count("interaction")
    assert summary.feedback == count("feedback")
    assert summary.refunds == rows("SELECT count(*) FROM purchase WHERE refund_of_id IS NOT NULL")[0][0]
    for name, value in summary.as_dict().items():
        assert value > 0, name
    # The search index holds every contact once.
    assert count("contact_fts") == summary.contacts


def test_every_record_kind_looks_real(shop):
    sources = {row[0] for row in rows("SELECT DISTINCT source FROM contact")}
    assert {"Walk-in", "Referral"} <= sources
    assert rows("SELECT count(*) FROM contact WHERE referred_by_id IS NOT NULL")[0][0] > 0
    assert rows("SELECT count(*) FROM contact WHERE company <> ''")[0][0] > 0
    assert rows("SELECT count(*) FROM contact WHERE notes <> ''")[0][0] > 0
    assert rows("SELECT count(*) FROM contact WHERE email_consent = 1")[0][0] > 0
    birthdays = [row[0] for row in rows("SELECT birthday FROM contact")]
    assert any(b and b.startswith("--") for b in birthdays)
    assert any(b and b[0].isdigit() for b in birthdays)
    assert None in birthdays
    for birthday in birthdays:
        assert clean_birthday(birthday) == birthday
    kinds = {row[0] for row in rows("SELECT DISTINCT kind FROM interaction")}
    assert kinds == {"call", "visit", "email", "sms", "note"}
    follow_ups = [row[0] for row in rows("SELECT follow_up_on FROM interaction WHERE follow_up_on IS NOT NULL")]
    assert follow_ups
    statuses = {row[0] for row in rows("SELECT DISTINCT status FROM purchase")}
    assert {"paid", "due"} <= statuses
    assert {row[0] for row in rows("SELECT DISTINCT kind FROM feedback")} == {"nps", "csat"}
    assert rows("SELECT count(*) FROM feedback WHERE purchase_id IS NOT NULL")[0][0] > 0
    # Names in other scripts are there too (Greek, Cyrillic).
    names = " ".join(row[0] for row in rows("SELECT first_name || last_name FROM contact"))
    assert re.search("[\u0370-\u03ff\u0400-\u04ff]", names)


def test_times_are_utc_text_and_not_in_the_future(shop):
    for table, column in [("contact", "created_at"), ("contact", "updated_at"), ("purchase", "occurred_at"),
                          ("points_entry", "occurred_at"), ("interaction", "occurred_at"),
                          ("feedback", "occurred_at")]:
        for (value,) in rows(f"SELECT {column} FROM {table}"):
            when = from_utc_text(value)
            assert to_utc_text(when) == value
            assert when <= NOW
    oldest = rows("SELECT min(occurred_at) FROM purchase")[0][0]
    assert (NOW - from_utc_text(oldest)).days <= 2 * 365


def test_clock_writes_what_to_utc_text_writes():
    clock = demo._Clock()
    rnd = random.Random(5)
    for _ in range(2000):
        t = rnd.randrange(0, 4_000_000_000)
        assert clock.stamp(t) == to_utc_text(datetime.fromtimestamp(t, timezone.utc))
        assert clock.day(t) == datetime.fromtimestamp(t, timezone.utc).date().isoformat()


def test_phones_are_valid_and_stored_as_clean_phone_would(shop):
    region = default_region()
    phones = rows("SELECT raw, e164, digits FROM contact_phone")
    assert phones
    for raw, e164, digits in phones:
        assert e164, raw
        assert phonenumbers.is_valid_number(phonenumbers.parse(e164))
        assert clean_phone(raw, region) == Phone(raw, e164, digits)


def test_emails_are_plain_lower_case_and_valid(shop):
    emails = [row[0] for row in rows("SELECT email FROM contact_email")]
    assert emails
    for email in emails:
        assert email == email.lower() and email.isascii()
        assert clean_email(email) == email
    assert len(set(emails)) > 0.9 * len(emails)


def test_the_points_lines_it_writes_are_those_the_loyalty_scheme_writes(shop):
    """So that the window and the reports can say them in another language ("Refund of R-1" was not one)."""
    from smallcrm.errors import Phrase
    from smallcrm.services import loyalty

    lines = rows("SELECT kind, reason, purchase_id FROM points_entry WHERE kind != 'redeem'")
    assert {kind for kind, _, _ in lines} >= {"earn", "adjust", "bonus"}
    unknown = [reason for kind, reason, purchase in lines
               if not isinstance(loyalty.reason_phrase(kind, reason, of_purchase=purchase is not None), Phrase)]
    assert unknown == []
    assert any(reason.startswith("Refund of purchase R-") for _, reason, _ in lines)


def test_purchase_totals_are_the_sum_of_their_items(shop):
    mismatched = rows(
        """SELECT p.id FROM purchase p JOIN purchase_item i ON i.purchase_id = p.id
            GROUP BY p.id HAVING sum(i.total_minor) <> p.total_minor
                                 OR sum(i.quantity * i.unit_price_minor) <> p.total_minor"""
    )
    assert mismatched == []
    assert rows("SELECT count(*) FROM purchase WHERE id NOT IN (SELECT purchase_id FROM purchase_item)")[0][0] == 0
    assert rows("SELECT DISTINCT currency FROM purchase") == [("EUR",)]
    for status, total, paid, due_on in rows("SELECT status, total_minor, paid_minor, due_on FROM purchase"):
        if status == "paid":
            assert paid == total
        elif status == "due":
            assert paid == 0 and due_on
        else:
            assert status == "partly_paid" and 0 < paid < total and due_on


def test_refunds_are_linked_to_an_earlier_purchase_of_the_same_customer(shop):
    refunds = rows(
        """SELECT r.total_minor, r.occurred_at, r.contact_id, o.total_minor, o.occurred_at, o.contact_id
             FROM purchase r JOIN purchase o ON o.id = r.refund_of_id"""
    )
    assert refunds
    for total, when, contact, original_total, original_when, original_contact in refunds:
        assert total < 0 < original_total
        assert -total <= original_total
        assert original_when <= when and contact == original_contact
    assert rows("SELECT count(*) FROM purchase WHERE total_minor < 0 AND refund_of_id IS NULL")[0][0] == 0


def test_points_earned_per_purchase_and_balances_never_go_negative(shop):
    earned = dict(rows("SELECT purchase_id, points FROM points_entry WHERE kind = 'earn'"))
    for pid, total in rows("SELECT id, total_minor FROM purchase WHERE refund_of_id IS NULL"):
        assert earned.pop(pid) == total // 100
    assert earned == {}
    for pid, points, original in rows(
        """SELECT e.purchase_id, e.points, (SELECT points FROM points_entry o WHERE o.kind = 'earn'
                   AND o.purchase_id = (SELECT refund_of_id FROM purchase WHERE id = e.purchase_id))
             FROM points_entry e WHERE e.kind = 'adjust'"""
    ):
        assert points < 0 and -points <= original
    kinds = {row[0] for row in rows("SELECT DISTINCT kind FROM points_entry")}
    assert {"earn", "bonus", "redeem"} <= kinds
    balance = defaultdict(int)
    for contact, points in rows("SELECT contact_id, points FROM points_entry ORDER BY occurred_at, id"):
        balance[contact] += points
        assert balance[contact] >= 0


def test_search_finds_a_generated_contact_by_name_prefix_and_phone_digits(shop):
    cid, first, last = rows(
        "SELECT id, first_name, last_name FROM contact WHERE first_name <> '' AND last_name <> '' ORDER BY id LIMIT 1"
    )[0]
    assert cid in contact_ids(first[:3])
    assert cid in contact_ids(f"{first[:2]} {last[:3]}")
    greek = rows("SELECT id, last_name FROM contact WHERE country = 'Greece' AND last_name <> '' LIMIT 1")
    if greek:
        assert greek[0][0] in contact_ids(greek[0][1][:4])
    pid, e164 = rows("SELECT contact_id, e164 FROM contact_phone ORDER BY id LIMIT 1")[0]
    assert pid in contact_ids(e164[1:9])
    number = phonenumbers.parse(e164)
    assert pid in contact_ids(str(number.national_number)[:7])


def test_a_database_with_contacts_is_refused_and_left_unchanged(db):
    add_contact(ContactInput(first_name="Ada", last_name="Lovelace"), region="GB")
    before = dump()
    with pytest.raises(DemoNeedsEmptyDatabase) as caught:
        demo.generate(50, seed=1, now=NOW)
    assert caught.value.contacts == 1
    assert dump() == before


def test_cancel_leaves_the_database_empty_and_search_working(db):
    calls = []

    def progress(done, total):
        calls.append((done, total))

    with pytest.raises(demo.DemoCancelled):
        demo.generate(5000, seed=2, purchases=100, progress=progress, cancelled=lambda: len(calls) >= 2, now=NOW)
    for table in TABLES:
        if table != "tag":
            assert count(table) == 0, table
    assert count("contact_fts") == 0
    # The search triggers are back: a contact added now is found.
    new_id = add_contact(ContactInput(first_name="Zoë", last_name="Quist"), region="SE")
    assert list(contact_ids("Quis")) == [new_id]


def test_progress_reaches_the_total(db):
    calls = []
    demo.generate(30, seed=1, purchases=50, progress=lambda done, total: calls.append((done, total)), now=NOW)
    assert calls[-1][0] == calls[-1][1]
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_contacts_without_purchases(db):
    summary = demo.generate(40, seed=1, purchases=0, now=NOW)
    assert summary.contacts == 40 and summary.purchases == 0
    assert count("purchase") == 0
    assert rows("SELECT min(points) FROM points_entry")[0][0] in (None, 50)


def test_the_shop_country_leads_and_its_numbers_are_written_the_national_way(db):
    set_setting("default_region", "DE")
    demo.generate(200, seed=5, purchases=0, now=NOW)
    countries = [row[0] for row in rows("SELECT country FROM contact WHERE country <> ''")]
    assert countries.count("Germany") > len(countries) / 4
    phones = rows("SELECT raw, e164, digits FROM contact_phone")
    national = [raw for raw, e164, _ in phones if not raw.startswith("+")]
    assert national and all(raw.startswith("0") for raw in national)
    for raw, e164, digits in phones:
        assert clean_phone(raw, "DE") == Phone(raw, e164, digits)


def test_sort_columns_are_filled_as_the_contacts_service_fills_them(shop):
    from smallcrm.store.search import sort_keys

    for first, last, company, city, country, *stored in rows(
        """SELECT first_name, last_name, company, city, country, sort_name, sort_company, sort_city, sort_country
             FROM contact"""
    ):
        keys = sort_keys(first, last, company, city, country)
        assert stored == [keys["sort_name"], keys["sort_company"], keys["sort_city"], keys["sort_country"]]


def test_low_scores_open_complaints_with_a_follow_up(shop):
    summary, _ = shop
    assert summary.complaints == count("complaint") > 0
    for kind, score, status, opened, feedback_at, resolved, resolution in rows(
        """SELECT f.kind, f.score, c.status, c.opened_at, f.occurred_at, c.resolved_at, c.resolution
             FROM complaint c JOIN feedback f ON f.id = c.feedback_id"""
    ):
        assert score <= {"nps": 6, "csat": 2}[kind]
        assert opened == feedback_at
        assert (status == "resolved") == (resolved is not None) == bool(resolution)
    low = rows("SELECT count(*) FROM feedback WHERE (kind = 'nps' AND score <= 6) OR (kind = 'csat' AND score <= 2)")
    assert low[0][0] == summary.complaints
    follow_ups = rows("SELECT count(*) FROM interaction WHERE summary LIKE 'Follow up on low %'")[0][0]
    assert follow_ups == summary.complaints


def test_no_complaints_when_the_shop_turned_them_off(db):
    set_setting("auto_complaints", False)
    summary = demo.generate(60, seed=2, now=NOW)
    assert summary.feedback > 0 and summary.complaints == 0 == count("complaint")


def test_the_ledger_follows_the_shops_loyalty_rules(shop):
    from smallcrm.services import loyalty

    assert loyalty.get_rules().welcome_points == 50
    welcome = rows("SELECT DISTINCT points FROM points_entry WHERE reason = ?", (loyalty.WELCOME_REASON,))
    assert welcome == [(50,)]
    # A refund takes back no more than its share of what the purchase earned.
    takebacks = rows(
        """SELECT -a.points, e.points, -r.total_minor, p.total_minor
             FROM points_entry a JOIN purchase r ON r.id = a.purchase_id JOIN purchase p ON p.id = r.refund_of_id
             JOIN points_entry e ON e.purchase_id = p.id AND e.kind = 'earn'
            WHERE a.kind = 'adjust'""")
    assert takebacks
    for taken, earned, refunded, total in takebacks:
        assert 0 < taken <= earned * refunded // total
