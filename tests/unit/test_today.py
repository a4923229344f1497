"""The Today list: follow-ups, birthdays, expiring points, complaints and overdue payments."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smallcrm.errors import InvalidValue
from smallcrm.services.activity import complete_task, log_interaction
from smallcrm.services.contacts import ContactInput, add_contact, delete_contacts, purge_contacts
from smallcrm.services.purchases import record_payment, record_purchase
from smallcrm.services.satisfaction import open_complaint, update_complaint
from smallcrm.services.today import BirthdayLine, PaymentLine, PointsLine, Today, birthdays, today_json, today_list
from smallcrm.services.when import local_zone
from smallcrm.services.when import today as local_today
from smallcrm.store.models import Contact, PointsEntry

UTC = timezone.utc
ON = date(2024, 6, 10)


def person(first="Ann", last="Lee", birthday=None):
    return add_contact(ContactInput(first_name=first, last_name=last, birthday=birthday))


def local_noon(day: date) -> datetime:
    return datetime.combine(day, time(12), local_zone())


def test_an_empty_day(db):
    assert today_list(ON) == Today(ON, [], [], [], [], [], [])
    assert today_list().on == local_today()


# --- follow-ups ----------------------------------------------------------------------------------

def test_follow_ups_overdue_and_due_today(db):
    ann, bob = person("Ann", "Lee"), person("Bob", "Hall")
    old = log_interaction(ann, "note", summary="old", follow_up_on=ON - timedelta(days=9))
    yesterday = log_interaction(bob, "call", direction="in", summary="call back", follow_up_on=ON - timedelta(days=1))
    due = log_interaction(ann, "email", summary="send the quote", follow_up_on=ON)
    log_interaction(ann, "note", summary="later", follow_up_on=ON + timedelta(days=1))
    done = log_interaction(ann, "note", summary="done", follow_up_on=ON - timedelta(days=2))
    complete_task(done)
    log_interaction(ann, "visit", summary="no follow-up")
    t = today_list(ON)
    assert [x.interaction_id for x in t.follow_ups_overdue] == [old, yesterday]
    assert [(x.interaction_id, x.contact_id, x.contact_name, x.summary) for x in t.follow_ups_due] == [
        (due, ann, "Ann Lee", "send the quote")]
    assert t.follow_ups_overdue[1].contact_name == "Bob Hall"
    delete_contacts([bob])
    assert [x.interaction_id for x in today_list(ON).follow_ups_overdue] == [old]


# --- birthdays -----------------------------------------------------------------------------------

def test_birthdays_in_the_next_seven_days_across_the_year_end(db):
    on = date(2023, 12, 28)
    today_ = person("Tod", "", "--12-28")
    eve = person("Eve", "", "1990-12-31")
    new_year = person("Nia", "", "--01-01")
    last_day = person("Lou", "", "2001-01-03")
    person("Too", "Late", "--01-04")
    person("Just", "Gone", "--12-27")
    person("No", "Birthday")
    lines = today_list(on).birthdays
    assert lines == [
        BirthdayLine(today_, "Tod", "--12-28", date(2023, 12, 28), 0, None),
        BirthdayLine(eve, "Eve", "1990-12-31", date(2023, 12, 31), 3, 33),
        BirthdayLine(new_year, "Nia", "--01-01", date(2024, 1, 1), 4, None),
        BirthdayLine(last_day, "Lou", "2001-01-03", date(2024, 1, 3), 6, 23),
    ]


def test_leap_day_birthdays_are_celebrated_on_28_february_in_other_years(db):
    leap = person("Lea", "", "2000-02-29")
    plain = person("Pat", "", "--02-28")
    march = person("Mar", "", "--03-01")
    # 2023 has no 29 February: Lea celebrates on the 28th, the same day as Pat.
    assert [(b.contact_id, b.on, b.turns) for b in birthdays(date(2023, 2, 22))] == [
        (leap, date(2023, 2, 28), 23), (plain, date(2023, 2, 28), None)]
    assert [b.contact_id for b in birthdays(date(2023, 2, 28))] == [leap, plain, march]
    assert [b.contact_id for b in birthdays(date(2023, 3, 1))] == [march]  # the 28th is past
    assert birthdays(date(2023, 2, 21)) == []  # the 28th is the eighth day: not yet
    # 2024 has one: Lea celebrates on the day itself.
    lines = birthdays(date(2024, 2, 25))
    assert [(b.contact_id, b.on, b.days_until, b.turns) for b in lines] == [
        (plain, date(2024, 2, 28), 3, None), (leap, date(2024, 2, 29), 4, 24), (march, date(2024, 3, 1), 5, None)]
    assert [b.contact_id for b in birthdays(date(2024, 3, 1))] == [march]


def test_leap_day_birthdays_around_the_turn_of_a_century(db):
    leap = person("Lea", "", "--02-29")
    assert [(b.contact_id, b.on) for b in birthdays(date(2100, 2, 25))] == [(leap, date(2100, 2, 28))]  # no leap year
    assert [(b.contact_id, b.on) for b in birthdays(date(2000, 2, 25))] == [(leap, date(2000, 2, 29))]  # a leap year
    assert birthdays(date(2100, 3, 1)) == []


def test_no_birthday_before_the_first_one(db):
    baby = person("Bo", "", "2020-06-12")
    assert [(b.contact_id, b.turns) for b in birthdays(date(2021, 6, 10))] == [(baby, 1)]
    assert birthdays(date(2020, 6, 10)) == []  # the day of birth itself is no birthday
    assert birthdays(date(2019, 6, 10)) == []


def test_birthdays_leave_out_the_trash_and_sort_by_day_then_name(db):
    zed = person("Zed", "", "--06-11")
    amy = person("amy", "", "--06-11")
    bea = person("Bea", "", "--06-10")
    gone = person("Gone", "", "--06-10")
    delete_contacts([gone])
    assert [b.contact_id for b in today_list(ON).birthdays] == [bea, amy, zed]


def celebrations(month: int, day: int, year: int) -> date:
    """Where a birthday falls in `year`, the plain way: 29 February moves to the 28th in common years."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    if (month, day) == (2, 29) and not leap:
        return date(year, 2, 28)
    return date(year, month, day)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(on=st.dates(date(1900, 1, 1), date(2105, 12, 31)), birth=st.dates(date(1904, 1, 1), date(2019, 12, 31)),
       known_year=st.booleans())
def test_a_birthday_is_listed_exactly_when_it_falls_in_the_week(db, on, birth, known_year):
    Contact.delete().execute()
    text = birth.isoformat() if known_year else birth.strftime("--%m-%d")
    cid = person("B", "", text)
    days = [celebrations(birth.month, birth.day, year) for year in (on.year, on.year + 1)]
    inside = [d for d in days if on <= d <= on + timedelta(days=6) and (not known_year or d.year > birth.year)]
    expected = [BirthdayLine(cid, "B", text, inside[0], (inside[0] - on).days,
                             inside[0].year - birth.year if known_year else None)] if inside else []
    assert birthdays(on) == expected


# --- points, complaints, payments ----------------------------------------------------------------

def earn(contact_id: int, points: int, expires_on: date | None) -> None:
    at = datetime(2024, 1, 5, 12, tzinfo=UTC)
    PointsEntry.insert(contact=contact_id, occurred_at=at, kind="earn", points=points, expires_on=expires_on,
                       created_at=at).execute()


def test_points_expiring_within_thirty_days(db):
    ann, bob, cat, gone = person("Ann", "Lee"), person("Bob", "Hall"), person("Cat"), person("Gone")
    earn(ann, 120, ON + timedelta(days=30))
    earn(bob, 40, ON + timedelta(days=2))
    earn(bob, 60, ON + timedelta(days=20))
    earn(cat, 500, ON + timedelta(days=31))  # too far off
    earn(cat, 10, None)  # never expires
    earn(gone, 70, ON + timedelta(days=1))
    delete_contacts([gone])
    assert today_list(ON).points_expiring == [
        PointsLine(bob, "Bob Hall", 100, ON + timedelta(days=2)),
        PointsLine(ann, "Ann Lee", 120, ON + timedelta(days=30)),
    ]


def test_unresolved_complaints(db):
    ann, bob = person("Ann", "Lee"), person("Bob", "Hall")
    first = open_complaint(ann, category="late", description="", at=datetime(2024, 6, 1, tzinfo=UTC))
    second = open_complaint(bob, category="rude", description="", at=datetime(2024, 6, 2, tzinfo=UTC))
    done = open_complaint(ann, category="price", description="")
    update_complaint(second, status="in_progress")
    update_complaint(done, status="resolved", resolution="refund")
    lines = today_list(ON).complaints
    assert [(c.id, c.contact_id, c.contact_name, c.status) for c in lines] == [
        (first, ann, "Ann Lee", "open"), (second, bob, "Bob Hall", "in_progress")]
    delete_contacts([bob])
    assert [c.id for c in today_list(ON).complaints] == [first]


def test_overdue_payments_most_overdue_first(db):
    ann, bob, gone, purged = person("Ann", "Lee"), person("Bob", "Hall"), person("Gone"), person("Purged")
    bought = local_noon(ON - timedelta(days=40))
    a = record_purchase(ann, total_minor=5000, status="due", at=bought, due_on=ON - timedelta(days=3)).purchase_id
    b = record_purchase(bob, total_minor=3000, status="partly_paid", paid_minor=1000, at=bought,
                        due_on=ON - timedelta(days=10)).purchase_id
    record_purchase(ann, total_minor=700, status="due", at=bought, due_on=ON)  # due today: not overdue yet
    record_purchase(ann, total_minor=700, status="due", at=bought, due_on=ON + timedelta(days=5))
    paid = record_purchase(bob, total_minor=900, status="due", at=bought, due_on=ON - timedelta(days=20)).purchase_id
    record_payment(paid)
    record_purchase(gone, total_minor=800, status="due", at=bought, due_on=ON - timedelta(days=5))
    p = record_purchase(purged, total_minor=600, currency="USD", status="due", at=bought,
                        due_on=ON - timedelta(days=1)).purchase_id
    delete_contacts([gone])
    purge_contacts([purged])
    assert today_list(ON).overdue_payments == [
        PaymentLine(b, bob, "Bob Hall", 2000, "EUR", bought.astimezone(UTC), ON - timedelta(days=10), 10),
        PaymentLine(a, ann, "Ann Lee", 5000, "EUR", bought.astimezone(UTC), ON - timedelta(days=3), 3),
        PaymentLine(p, None, "", 600, "USD", bought.astimezone(UTC), ON - timedelta(days=1), 1),
    ]


def test_today_json(db):
    ann = person("Ann", "Lee", "--06-12")
    task = log_interaction(ann, "note", summary="ring", follow_up_on=ON - timedelta(days=1))
    complaint = open_complaint(ann, category="late", description="slow", at=datetime(2024, 6, 1, 8, tzinfo=UTC))
    earn(ann, 50, ON + timedelta(days=3))
    bought = datetime(2024, 5, 1, 9, tzinfo=UTC)
    pid = record_purchase(ann, total_minor=900, status="due", at=bought, due_on=date(2024, 5, 31)).purchase_id
    obj = today_json(ON)
    assert json.loads(json.dumps(obj)) == obj
    assert obj["on"] == "2024-06-10"
    assert obj["follow_ups_overdue"] == [{"interaction_id": task, "contact_id": ann, "contact_name": "Ann Lee",
                                          "due_on": "2024-06-09", "kind": "note", "summary": "ring",
                                          "done_at": None}]
    assert obj["follow_ups_due"] == []
    assert obj["birthdays"] == [{"contact_id": ann, "contact_name": "Ann Lee", "birthday": "--06-12",
                                 "on": "2024-06-12", "days_until": 2, "turns": None}]
    assert obj["points_expiring"] == [{"contact_id": ann, "contact_name": "Ann Lee", "points": 50,
                                       "expires_on": "2024-06-13"}]
    assert [c["id"] for c in obj["complaints"]] == [complaint]
    assert obj["complaints"][0]["opened_at"] == "2024-06-01T08:00:00Z"
    assert obj["complaints"][0]["contact_name"] == "Ann Lee"
    assert obj["overdue_payments"] == [{"purchase_id": pid, "contact_id": ann, "contact_name": "Ann Lee",
                                        "owed_minor": 900, "currency": "EUR", "since": "2024-05-01T09:00:00Z",
                                        "due_on": "2024-05-31", "days_overdue": 10}]


def test_a_day_must_be_a_date(db):
    with pytest.raises(InvalidValue) as e:
        today_list(datetime(2024, 6, 10, tzinfo=UTC))
    assert (e.value.field, e.value.problem) == ("on", "date")
    with pytest.raises(InvalidValue) as e:
        birthdays(ON, 0)
    assert (e.value.field, e.value.problem) == ("days", "range")
    assert birthdays(ON, 1) == []
