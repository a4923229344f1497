"""Calls and follow-ups: logging interactions, and tasks due, overdue, snoozed, moved and done."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smallcrm.errors import InvalidValue, NotAllowed, NotFound
from smallcrm.services.activity import (
    Task,
    complete_task,
    interaction_json,
    log_interaction,
    reassign_task,
    snooze_task,
    tasks,
)
from smallcrm.services.contacts import ContactInput, add_contact, delete_contacts
from smallcrm.services.when import today as local_today
from smallcrm.store.fields import utc_now
from smallcrm.store.models import Interaction

UTC = timezone.utc
D = date(2024, 6, 10)


def person(first="Ann", last="Lee", company=""):
    return add_contact(ContactInput(first_name=first, last_name=last, company=company))


def task_ids(**kwargs) -> list[int]:
    return [t.interaction_id for t in tasks(**kwargs)]


# --- logging -------------------------------------------------------------------------------------

def test_a_call_is_stored_with_every_field(db):
    cid = person()
    at = datetime(2024, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    iid = log_interaction(cid, "call", direction="out", at=at, duration_seconds=125, outcome="left a message",
                          summary="asked about the blue teapot")
    obj = interaction_json(iid)
    assert obj == {
        "id": iid, "contact_id": cid, "kind": "call", "direction": "out", "at": "2024-05-01T07:30:00Z",
        "duration_seconds": 125, "outcome": "left a message", "summary": "asked about the blue teapot",
        "follow_up_on": None, "follow_up_done_at": None, "task": None, "created_at": obj["created_at"],
    }
    assert obj["created_at"].endswith("Z")
    assert tasks() == []  # no follow-up date, no task


def test_the_time_defaults_to_now_in_utc(db):
    cid = person()
    before = utc_now()
    iid = log_interaction(cid, "visit")
    row = Interaction.get_by_id(iid)
    assert row.occurred_at.tzinfo is not None and row.occurred_at.utcoffset() == timedelta(0)
    assert before <= row.occurred_at <= utc_now()
    assert row.direction is None and row.duration_seconds is None


@pytest.mark.parametrize("kind", ["visit", "email", "sms", "note"])
def test_direction_is_optional_except_for_calls(db, kind):
    cid = person()
    assert interaction_json(log_interaction(cid, kind))["direction"] is None
    assert interaction_json(log_interaction(cid, kind, direction="in"))["direction"] == "in"


def test_kind_and_direction_are_read_loosely_but_must_be_known(db):
    cid = person()
    obj = interaction_json(log_interaction(cid, " Call ", direction="IN"))
    assert (obj["kind"], obj["direction"]) == ("call", "in")
    with pytest.raises(InvalidValue) as e:
        log_interaction(cid, "fax")
    assert (e.value.field, e.value.value, e.value.problem) == ("kind", "fax", "choice")
    with pytest.raises(InvalidValue) as e:
        log_interaction(cid, "call", direction="sideways")
    assert (e.value.field, e.value.problem) == ("direction", "choice")
    with pytest.raises(InvalidValue) as e:
        log_interaction(cid, "call")
    assert (e.value.field, e.value.problem) == ("direction", "required")
    with pytest.raises(InvalidValue) as e:
        log_interaction(cid, "call", direction="  ")
    assert (e.value.field, e.value.problem) == ("direction", "required")
    assert Interaction.select().count() == 1


@pytest.mark.parametrize(("value", "problem"), [(-1, "range"), (2.5, "integer"), ("60", "integer"), (True, "integer")])
def test_duration_is_a_whole_number_of_seconds_not_below_zero(db, value, problem):
    cid = person()
    with pytest.raises(InvalidValue) as e:
        log_interaction(cid, "call", direction="in", duration_seconds=value)
    assert (e.value.field, e.value.value, e.value.problem) == ("duration_seconds", value, problem)
    assert interaction_json(log_interaction(cid, "call", direction="in", duration_seconds=0))["duration_seconds"] == 0
    assert Interaction.select().count() == 1


def test_a_time_without_a_zone_is_refused(db):
    cid = person()
    with pytest.raises(InvalidValue) as e:
        log_interaction(cid, "visit", at=datetime(2024, 5, 1, 9, 30))
    assert (e.value.field, e.value.problem) == ("at", "timezone")
    with pytest.raises(InvalidValue) as e:
        log_interaction(cid, "visit", at="2024-05-01")
    assert (e.value.field, e.value.problem) == ("at", "date")


def test_a_follow_up_is_a_calendar_date(db):
    cid = person()
    with pytest.raises(InvalidValue) as e:
        log_interaction(cid, "note", follow_up_on=datetime(2024, 5, 1, tzinfo=UTC))
    assert (e.value.field, e.value.problem) == ("follow_up_on", "date")
    with pytest.raises(InvalidValue):
        log_interaction(cid, "note", follow_up_on="2024-05-01")
    assert Interaction.select().count() == 0


def test_text_is_cleaned_and_limited(db):
    cid = person()
    obj = interaction_json(log_interaction(cid, "note", outcome="  sold \t two  ",
                                           summary=" line  one \n\n  line   two \n"))
    assert obj["outcome"] == "sold two"
    assert obj["summary"] == "line one\n\nline two"
    assert interaction_json(log_interaction(cid, "note", outcome="Cafe\u0301"))["outcome"] == "Café"  # NFC
    with pytest.raises(InvalidValue) as e:
        log_interaction(cid, "note", outcome="x" * 201)
    assert (e.value.field, e.value.problem) == ("outcome", "too_long")
    with pytest.raises(InvalidValue) as e:
        log_interaction(cid, "note", summary="x" * 100_001)
    assert (e.value.field, e.value.problem) == ("summary", "too_long")
    log_interaction(cid, "note", outcome="x" * 200, summary="x" * 100_000)  # the limits themselves are fine
    assert Interaction.select().count() == 3


def test_unknown_contact_and_contact_in_the_trash(db):
    with pytest.raises(NotFound) as e:
        log_interaction(999, "note")
    assert (e.value.kind, e.value.key) == ("contact", 999)
    cid = person()
    delete_contacts([cid])
    with pytest.raises(NotAllowed) as e:
        log_interaction(cid, "note", follow_up_on=D)
    assert e.value.what == "interaction" and str(cid) in e.value.reason
    assert Interaction.select().count() == 0


def test_interaction_json_of_an_unknown_interaction(db):
    with pytest.raises(NotFound) as e:
        interaction_json(5)
    assert (e.value.kind, e.value.key) == ("interaction", 5)


# --- tasks ---------------------------------------------------------------------------------------

def test_a_follow_up_date_makes_a_task(db):
    cid = person("Ann", "Lee")
    iid = log_interaction(cid, "call", direction="in", summary="wants a quote", follow_up_on=D)
    assert tasks() == [Task(iid, cid, "Ann Lee", D, "call", "wants a quote", None)]
    assert interaction_json(iid)["task"] == "open"
    assert interaction_json(iid)["follow_up_on"] == "2024-06-10"


def test_tasks_oldest_due_first_then_in_the_order_they_were_made(db):
    a, b = person("Ann"), person("Bob", "", "")
    late = log_interaction(a, "note", follow_up_on=D + timedelta(days=3))
    first = log_interaction(b, "note", follow_up_on=D)
    second = log_interaction(a, "note", follow_up_on=D)
    early = log_interaction(b, "note", follow_up_on=D - timedelta(days=40))
    assert task_ids() == [early, first, second, late]
    assert task_ids(due_by=D) == [early, first, second]  # due_by includes the day itself
    assert task_ids(due_by=D - timedelta(days=1)) == [early]
    assert task_ids(contact_id=a) == [second, late]
    assert task_ids(contact_id=b, due_by=D) == [early, first]


def test_the_contact_name_falls_back_to_the_company(db):
    cid = add_contact(ContactInput(company="Blue Door Ltd"))
    log_interaction(cid, "email", follow_up_on=D)
    assert tasks()[0].contact_name == "Blue Door Ltd"


def test_done_tasks_are_left_out_unless_asked_for(db):
    cid = person()
    done = log_interaction(cid, "note", follow_up_on=D)
    still = log_interaction(cid, "note", follow_up_on=D + timedelta(days=1))
    at = datetime(2024, 6, 9, 15, 0, tzinfo=UTC)
    complete_task(done, at=at)
    assert task_ids() == [still]
    everything = tasks(include_done=True)
    assert [t.interaction_id for t in everything] == [done, still]
    assert everything[0].done_at == at and everything[1].done_at is None
    assert interaction_json(done)["task"] == "done"
    assert interaction_json(done)["follow_up_done_at"] == "2024-06-09T15:00:00Z"


def test_tasks_of_contacts_in_the_trash_are_left_out_unless_that_contact_is_asked_for(db):
    kept, trashed = person("Ann"), person("Bob")
    a = log_interaction(kept, "note", follow_up_on=D)
    b = log_interaction(trashed, "note", follow_up_on=D)
    delete_contacts([trashed])
    assert task_ids() == [a]
    assert task_ids(contact_id=trashed) == [b]


def test_complete_task_defaults_to_now(db):
    iid = log_interaction(person(), "note", follow_up_on=D)
    before = utc_now()
    complete_task(iid)
    done_at = tasks(include_done=True)[0].done_at
    assert before <= done_at <= utc_now() and done_at.utcoffset() == timedelta(0)


def test_completing_twice_or_completing_what_is_not_a_task_is_not_allowed(db):
    cid = person()
    iid = log_interaction(cid, "note", follow_up_on=D)
    complete_task(iid, at=datetime(2024, 6, 9, tzinfo=UTC))
    with pytest.raises(NotAllowed) as e:
        complete_task(iid)
    assert e.value.what == "complete task" and "2024-06-09T00:00:00Z" in e.value.reason
    assert tasks(include_done=True)[0].done_at == datetime(2024, 6, 9, tzinfo=UTC)  # unchanged
    plain = log_interaction(cid, "visit")
    with pytest.raises(NotAllowed) as e:
        complete_task(plain)
    assert "no follow-up" in e.value.reason
    with pytest.raises(NotFound):
        complete_task(12345)
    with pytest.raises(InvalidValue):
        complete_task(iid, at=datetime(2024, 6, 9))


def test_snoozing_an_overdue_task_counts_from_today(db):
    iid = log_interaction(person(), "note", follow_up_on=D - timedelta(days=5))
    assert snooze_task(iid, today=D) == D + timedelta(days=1)
    assert tasks()[0].due_on == D + timedelta(days=1)
    assert snooze_task(iid, 3, today=D) == D + timedelta(days=4)  # now in the future: counts from the due day


def test_snoozing_a_task_due_today_or_later_counts_from_its_day(db):
    cid = person()
    today_task = log_interaction(cid, "note", follow_up_on=D)
    future = log_interaction(cid, "note", follow_up_on=D + timedelta(days=10))
    assert snooze_task(today_task, 2, today=D) == D + timedelta(days=2)
    assert snooze_task(future, 7, today=D) == D + timedelta(days=17)


def test_snooze_defaults_to_one_day_from_the_local_today(db):
    iid = log_interaction(person(), "note", follow_up_on=date(2000, 1, 1))
    assert snooze_task(iid) == local_today() + timedelta(days=1)


@pytest.mark.parametrize("days", [0, -1, 1.5, True, "2"])
def test_snooze_needs_a_whole_number_of_days_from_one(db, days):
    iid = log_interaction(person(), "note", follow_up_on=D)
    with pytest.raises(InvalidValue) as e:
        snooze_task(iid, days, today=D)
    assert (e.value.field, e.value.value) == ("days", days)
    assert tasks()[0].due_on == D


def test_snoozing_or_moving_a_done_task_or_a_plain_interaction_is_not_allowed(db):
    cid = person()
    done = log_interaction(cid, "note", follow_up_on=D)
    complete_task(done)
    plain = log_interaction(cid, "sms", direction="out")
    for iid in (done, plain):
        with pytest.raises(NotAllowed):
            snooze_task(iid, today=D)
        with pytest.raises(NotAllowed) as e:
            reassign_task(iid, D + timedelta(days=3))
        assert e.value.what == "move task"
    assert Interaction.get_by_id(done).follow_up_on == D
    assert Interaction.get_by_id(plain).follow_up_on is None
    with pytest.raises(NotFound):
        snooze_task(999, today=D)
    with pytest.raises(NotFound):
        reassign_task(999, D)


def test_reassigning_moves_a_task_to_any_day(db):
    cid = person()
    iid = log_interaction(cid, "note", follow_up_on=D)
    other = log_interaction(cid, "note", follow_up_on=D + timedelta(days=1))
    reassign_task(iid, D + timedelta(days=2))
    assert task_ids() == [other, iid]
    reassign_task(iid, D - timedelta(days=30))  # earlier, even in the past: it becomes overdue
    assert task_ids() == [iid, other]
    assert tasks()[0].due_on == D - timedelta(days=30)
    with pytest.raises(InvalidValue):
        reassign_task(iid, datetime(2024, 1, 1, tzinfo=UTC))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(due=st.dates(date(2000, 1, 1), date(2099, 12, 31)), today=st.dates(date(2000, 1, 1), date(2099, 12, 31)),
       days=st.integers(1, 400))
def test_snooze_lands_days_after_the_later_of_today_and_the_due_day(db, due, today, days):
    iid = log_interaction(person(), "note", follow_up_on=due)
    expected = (today if today > due else due) + timedelta(days=days)
    assert snooze_task(iid, days, today=today) == expected
    assert Interaction.get_by_id(iid).follow_up_on == expected
