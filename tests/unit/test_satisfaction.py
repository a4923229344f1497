"""Satisfaction: CSAT and NPS answers, low scores opening complaints and follow-ups, complaints, scores."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import peewee
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smallcrm.errors import InvalidValue, NotAllowed, NotFound
from smallcrm.services.activity import interaction_json, log_interaction, tasks
from smallcrm.services.contacts import ContactInput, add_contact, delete_contacts
from smallcrm.services.satisfaction import (
    ComplaintRow,
    CsatResult,
    FeedbackResult,
    NpsResult,
    complaint_json,
    complaints,
    csat_average,
    nps,
    open_complaint,
    record_feedback,
    update_complaint,
)
from smallcrm.services.settings import set_setting
from smallcrm.services.when import local_zone
from smallcrm.services.when import today as local_today
from smallcrm.store.fields import utc_now
from smallcrm.store.models import Complaint, Feedback, Interaction, Purchase, database

UTC = timezone.utc
AT = datetime(2024, 6, 10, 12, 0, tzinfo=UTC)


def person(first="Ann", last="Lee"):
    return add_contact(ContactInput(first_name=first, last_name=last))


def purchase(contact_id, total=1000, currency="EUR"):
    now = utc_now()
    return Purchase.insert(contact=contact_id, occurred_at=now, currency=currency, total_minor=total,
                           created_at=now).execute()


def counts() -> tuple[int, int, int]:
    return Feedback.select().count(), Complaint.select().count(), Interaction.select().count()


# --- recording answers ---------------------------------------------------------------------------

def test_an_answer_is_stored_with_its_links(db):
    cid = person()
    pid = purchase(cid)
    call = log_interaction(cid, "call", direction="out")
    result = record_feedback(cid, "csat", 4, comment="  quick \n service ", channel=" phone  call ", at=AT,
                             purchase_id=pid, interaction_id=call)
    assert result == FeedbackResult(result.feedback_id, None, None)
    row = Feedback.get_by_id(result.feedback_id)
    assert (row.contact_id, row.kind, row.score, row.comment, row.channel) == (cid, "csat", 4, "quick\nservice",
                                                                                  "phone call")
    assert (row.occurred_at, row.purchase_id, row.interaction_id) == (AT, pid, call)
    assert row.created_at.tzinfo is not None


def test_the_time_defaults_to_now(db):
    before = utc_now()
    result = record_feedback(person(), "NPS", 9)
    row = Feedback.get_by_id(result.feedback_id)
    assert row.kind == "nps"
    assert before <= row.occurred_at <= utc_now()


@pytest.mark.parametrize(("kind", "score"), [("nps", 11), ("nps", -1), ("nps", 100), ("csat", 0), ("csat", 6)])
def test_scores_out_of_range_are_refused(db, kind, score):
    cid = person()
    with pytest.raises(InvalidValue) as e:
        record_feedback(cid, kind, score)
    assert (e.value.field, e.value.value, e.value.problem) == (kind, score, "range")
    assert counts() == (0, 0, 0)


@pytest.mark.parametrize("score", [4.5, "4", True, None])
def test_scores_are_whole_numbers(db, score):
    with pytest.raises(InvalidValue) as e:
        record_feedback(person(), "csat", score)
    assert (e.value.field, e.value.value, e.value.problem) == ("csat", score, "integer")
    assert counts() == (0, 0, 0)


def test_the_kind_must_be_known(db):
    with pytest.raises(InvalidValue) as e:
        record_feedback(person(), "ces", 3)
    assert (e.value.field, e.value.problem) == ("kind", "choice")


@pytest.mark.parametrize(("kind", "score"), [("nps", 0), ("nps", 10), ("csat", 1), ("csat", 5)])
def test_the_ends_of_each_range_are_fine(db, kind, score):
    assert Feedback.get_by_id(record_feedback(person(), kind, score).feedback_id).score == score


def test_unknown_contact_and_contact_in_the_trash(db):
    with pytest.raises(NotFound) as e:
        record_feedback(404, "nps", 2)
    assert (e.value.kind, e.value.key) == ("contact", 404)
    cid = person()
    delete_contacts([cid])
    with pytest.raises(NotAllowed) as e:
        record_feedback(cid, "nps", 2)
    assert e.value.what == "feedback"
    assert counts() == (0, 0, 0)


def test_linked_purchase_and_interaction_must_exist_and_be_the_customers_own(db):
    ann, bob = person("Ann"), person("Bob")
    bobs_purchase = purchase(bob)
    bobs_call = log_interaction(bob, "call", direction="in")
    with pytest.raises(NotFound) as e:
        record_feedback(ann, "csat", 5, purchase_id=777)
    assert (e.value.kind, e.value.key) == ("purchase", 777)
    with pytest.raises(NotFound) as e:
        record_feedback(ann, "csat", 5, interaction_id=777)
    assert (e.value.kind, e.value.key) == ("interaction", 777)
    with pytest.raises(InvalidValue) as e:
        record_feedback(ann, "csat", 5, purchase_id=bobs_purchase)
    assert (e.value.field, e.value.value, e.value.problem) == ("purchase_id", bobs_purchase, "other_contact")
    with pytest.raises(InvalidValue) as e:
        record_feedback(ann, "csat", 5, interaction_id=bobs_call)
    assert (e.value.field, e.value.problem) == ("interaction_id", "other_contact")
    assert Feedback.select().count() == 0
    anonymous_sale = purchase(None)  # a till sale without a customer may be tied to the answer
    assert record_feedback(ann, "csat", 5, purchase_id=anonymous_sale).complaint_id is None


# --- low scores ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "score", "low"), [
    *[("nps", s, s <= 6) for s in range(11)],
    *[("csat", s, s <= 2) for s in range(1, 6)],
])
def test_a_low_score_opens_a_complaint_and_a_follow_up(db, kind, score, low):
    cid = person("Ann", "Lee")
    pid = purchase(cid)
    result = record_feedback(cid, kind, score, comment="cold coffee", purchase_id=pid)
    assert (result.complaint_id is not None, result.task_id is not None) == (low, low)
    assert counts() == (1, int(low), int(low))
    if not low:
        return
    complaint = complaint_json(result.complaint_id)
    assert complaint["contact_id"] == cid
    assert (complaint["category"], complaint["description"], complaint["status"]) == ("low score", "cold coffee",
                                                                                      "open")
    assert (complaint["feedback_id"], complaint["purchase_id"]) == (result.feedback_id, pid)
    task = interaction_json(result.task_id)
    assert task["kind"] == "note" and task["contact_id"] == cid
    assert task["summary"] == f"Follow up on low {kind.upper()} score ({score})"
    assert task["follow_up_on"] == (local_today() + timedelta(days=1)).isoformat()
    assert task["task"] == "open"
    assert [t.interaction_id for t in tasks()] == [result.task_id]


def test_no_complaint_while_auto_complaints_is_off(db):
    cid = person()
    set_setting("auto_complaints", False)
    result = record_feedback(cid, "nps", 0, comment="never again")
    assert (result.complaint_id, result.task_id) == (None, None)
    assert counts() == (1, 0, 0)
    set_setting("auto_complaints", True)
    assert record_feedback(cid, "nps", 0).complaint_id is not None
    assert counts() == (2, 1, 1)


def test_the_follow_up_of_a_late_answer_is_due_tomorrow_and_of_a_dated_one_the_day_after(db):
    cid = person()
    old = record_feedback(cid, "csat", 1, at=datetime(2020, 3, 1, 12, tzinfo=UTC))
    assert interaction_json(old.task_id)["follow_up_on"] == (local_today() + timedelta(days=1)).isoformat()
    later_day = local_today() + timedelta(days=5)
    at = datetime.combine(later_day, time(12), local_zone())
    ahead = record_feedback(cid, "csat", 1, at=at)
    assert interaction_json(ahead.task_id)["follow_up_on"] == (later_day + timedelta(days=1)).isoformat()
    assert complaint_json(ahead.complaint_id)["opened_at"] == interaction_json(ahead.task_id)["at"]


def test_answer_complaint_and_follow_up_are_one_transaction(db):
    cid = person()
    database.execute_sql("""CREATE TEMP TRIGGER no_notes BEFORE INSERT ON interaction
                            BEGIN SELECT RAISE(ABORT, 'refused for the test'); END""")
    with pytest.raises(peewee.IntegrityError):
        record_feedback(cid, "nps", 1, comment="bad")
    assert counts() == (0, 0, 0)  # neither the answer nor the complaint was kept
    database.execute_sql("DROP TRIGGER no_notes")
    record_feedback(cid, "nps", 1, comment="bad")
    assert counts() == (1, 1, 1)


# --- complaints ----------------------------------------------------------------------------------

def test_open_a_complaint_by_hand(db):
    cid = person()
    pid = purchase(cid)
    fid = record_feedback(cid, "csat", 3).feedback_id
    kid = open_complaint(cid, category="  delivery ", description="parcel  arrived\nbroken", purchase_id=pid,
                         feedback_id=fid, at=AT)
    assert complaint_json(kid) == {
        "id": kid, "contact_id": cid, "category": "delivery", "status": "open",
        "description": "parcel arrived\nbroken", "resolution": "", "opened_at": "2024-06-10T12:00:00Z",
        "resolved_at": None, "feedback_id": fid, "purchase_id": pid,
        "created_at": complaint_json(kid)["created_at"],
    }


def test_opening_a_complaint_checks_its_values(db):
    cid = person()
    with pytest.raises(InvalidValue) as e:
        open_complaint(cid, category="   ", description="x")
    assert (e.value.field, e.value.problem) == ("category", "required")
    with pytest.raises(InvalidValue) as e:
        open_complaint(cid, category="x" * 101, description="")
    assert (e.value.field, e.value.problem) == ("category", "too_long")
    with pytest.raises(NotFound):
        open_complaint(cid, category="x", description="", feedback_id=55)
    other = person("Bob")
    bobs = record_feedback(other, "csat", 4).feedback_id
    with pytest.raises(InvalidValue) as e:
        open_complaint(cid, category="x", description="", feedback_id=bobs)
    assert (e.value.field, e.value.problem) == ("feedback_id", "other_contact")
    with pytest.raises(NotFound):
        open_complaint(999, category="x", description="")
    delete_contacts([other])
    with pytest.raises(NotAllowed) as e:
        open_complaint(other, category="x", description="")
    assert e.value.what == "complaint"
    with pytest.raises(InvalidValue):
        open_complaint(cid, category="x", description="", at=datetime(2024, 1, 1))
    assert Complaint.select().count() == 0
    assert open_complaint(cid, category="noise", description="") > 0  # a description may be empty


def test_resolving_needs_a_resolution_and_sets_resolved_at(db):
    kid = open_complaint(person(), category="price", description="charged twice", at=AT)
    update_complaint(kid, status="in_progress")
    assert complaint_json(kid)["status"] == "in_progress"
    with pytest.raises(InvalidValue) as e:
        update_complaint(kid, status="resolved")
    assert (e.value.field, e.value.problem) == ("resolution", "required")
    with pytest.raises(InvalidValue):
        update_complaint(kid, status="resolved", resolution="  ")
    assert complaint_json(kid)["status"] == "in_progress"
    done = AT + timedelta(days=2)
    update_complaint(kid, status="resolved", resolution=" refunded  the second charge ", at=done)
    obj = complaint_json(kid)
    assert (obj["status"], obj["resolution"], obj["resolved_at"]) == ("resolved", "refunded the second charge",
                                                                      "2024-06-12T12:00:00Z")


def test_resolving_defaults_to_now_and_resolving_again_keeps_the_first_time(db):
    kid = open_complaint(person(), category="price", description="")
    before = utc_now()
    update_complaint(kid, status="resolved", resolution="explained")
    first = Complaint.get_by_id(kid).resolved_at
    assert before <= first <= utc_now()
    update_complaint(kid, status="resolved", resolution="explained and apologised")
    row = Complaint.get_by_id(kid)
    assert (row.resolved_at, row.resolution) == (first, "explained and apologised")
    with pytest.raises(InvalidValue):
        update_complaint(kid, resolution="")  # a resolved complaint keeps a resolution
    update_complaint(kid, at=AT)
    assert Complaint.get_by_id(kid).resolved_at == AT


def test_reopening_clears_resolved_at_and_keeps_the_resolution(db):
    kid = open_complaint(person(), category="price", description="")
    update_complaint(kid, status="resolved", resolution="voucher", at=AT)
    update_complaint(kid, status="open")
    row = Complaint.get_by_id(kid)
    assert (row.status, row.resolved_at, row.resolution) == ("open", None, "voucher")
    update_complaint(kid, status="resolved")  # the stored resolution is enough now
    assert Complaint.get_by_id(kid).status == "resolved"
    update_complaint(kid, status="in_progress")
    assert Complaint.get_by_id(kid).resolved_at is None


def test_update_complaint_checks_its_values(db):
    kid = open_complaint(person(), category="price", description="")
    with pytest.raises(InvalidValue) as e:
        update_complaint(kid, status="closed")
    assert (e.value.field, e.value.value, e.value.problem) == ("status", "closed", "choice")
    with pytest.raises(InvalidValue) as e:
        update_complaint(kid, category=" ")
    assert (e.value.field, e.value.problem) == ("category", "required")
    with pytest.raises(InvalidValue):
        update_complaint(kid, status="resolved", resolution="ok", at=datetime(2024, 1, 1))
    with pytest.raises(NotFound) as e:
        update_complaint(999, status="open")
    assert (e.value.kind, e.value.key) == ("complaint", 999)
    with pytest.raises(NotFound):
        complaint_json(999)
    row = Complaint.get_by_id(kid)
    assert (row.status, row.category, row.resolved_at) == ("open", "price", None)
    update_complaint(kid, category="pricing", resolution="looking into it")
    row = Complaint.get_by_id(kid)
    assert (row.status, row.category, row.resolution) == ("open", "pricing", "looking into it")


def test_complaints_filtered_by_status_and_contact_oldest_first(db):
    ann, bob = person("Ann", "Lee"), person("Bob", "Hall")
    a1 = open_complaint(ann, category="a", description="", at=AT + timedelta(days=1))
    b1 = open_complaint(bob, category="b", description="", at=AT)
    a2 = open_complaint(ann, category="c", description="", at=AT + timedelta(days=2))
    b2 = open_complaint(bob, category="d", description="", at=AT + timedelta(days=3))
    update_complaint(a2, status="in_progress")
    update_complaint(b2, status="resolved", resolution="done")

    def ids(**kwargs):
        return [c.id for c in complaints(**kwargs)]

    assert ids() == [b1, a1, a2, b2]
    assert ids(status="unresolved") == [b1, a1, a2]
    assert ids(status="open") == [b1, a1]
    assert ids(status="in_progress") == [a2]
    assert ids(status="resolved") == [b2]
    assert ids(contact_id=ann) == [a1, a2]
    assert ids(status="unresolved", contact_id=bob) == [b1]
    row = complaints(contact_id=bob, status="resolved")[0]
    assert row == ComplaintRow(b2, bob, "Bob Hall", "d", "resolved", "", "done", AT + timedelta(days=3),
                               row.resolved_at, None, None)
    assert row.resolved_at is not None
    with pytest.raises(InvalidValue):
        complaints(status="closed")
    delete_contacts([bob])
    assert ids() == [a1, a2]  # contacts in the Trash are left out...
    assert ids(contact_id=bob) == [b1, b2]  # ...unless asked for


# --- scores --------------------------------------------------------------------------------------

def test_scores_without_answers_are_none(db):
    assert nps() == NpsResult(None, 0, 0, 0, 0)
    assert csat_average() == CsatResult(None, 0)
    record_feedback(person(), "csat", 4)
    assert nps() == NpsResult(None, 0, 0, 0, 0)  # CSAT answers do not count for NPS
    assert csat_average() == CsatResult(4.0, 1)


def test_a_worked_nps_example(db):
    set_setting("auto_complaints", False)
    cid = person()
    for score in (10, 9, 9, 8, 3):  # 3 promoters, 1 passive, 1 detractor: 60% - 20%
        record_feedback(cid, "nps", score)
    assert nps() == NpsResult(40.0, 3, 1, 1, 5)
    for score in (5, 4, 4):
        record_feedback(cid, "csat", score)
    assert csat_average() == CsatResult(13 / 3, 3)


def test_scores_per_period_use_local_days_both_ends_included(db):
    set_setting("auto_complaints", False)
    cid = person()
    zone = local_zone()
    start, end = date(2024, 3, 1), date(2024, 3, 31)
    inside = [datetime.combine(start, time(0, 0), zone), datetime.combine(end, time(23, 59, 59), zone)]
    outside = [datetime.combine(start, time(0, 0), zone) - timedelta(seconds=1),
               datetime.combine(end + timedelta(days=1), time(0, 0), zone)]
    for at in inside:
        record_feedback(cid, "nps", 10, at=at)
        record_feedback(cid, "csat", 5, at=at)
    for at in outside:
        record_feedback(cid, "nps", 0, at=at)
        record_feedback(cid, "csat", 1, at=at)
    assert nps(start=start, end=end) == NpsResult(100.0, 2, 0, 0, 2)
    assert csat_average(start=start, end=end) == CsatResult(5.0, 2)
    assert nps(start=end + timedelta(days=1)).answers == 1
    assert nps(end=start - timedelta(days=1)).answers == 1
    assert nps().answers == 4
    with pytest.raises(InvalidValue) as e:
        nps(start=end, end=start)
    assert (e.value.field, e.value.problem) == ("end", "range")
    with pytest.raises(InvalidValue):
        csat_average(start=datetime(2024, 1, 1, tzinfo=UTC))


ANSWERS = st.lists(
    st.tuples(st.sampled_from(["nps", "csat"]), st.integers(0, 10), st.integers(0, 2), st.integers(0, 60)),
    max_size=60,
)


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=ANSWERS, start_day=st.integers(0, 60), length=st.integers(0, 60))
def test_scores_match_a_recount_in_python(db, answers, start_day, length):
    """NPS and CSAT from SQL against the same figures counted here from the raw answers."""
    Feedback.delete().execute()
    contacts = [person("A"), person("B"), person("C")]
    first_day = date(2024, 1, 1)
    zone = local_zone()
    rows = []
    for kind, score, who, day in answers:
        if kind == "csat":
            score = 1 + score % 5
        at = datetime.combine(first_day + timedelta(days=day), time(10, 30), zone)
        rows.append({"contact": contacts[who], "kind": kind, "score": score, "occurred_at": at, "created_at": at})
    if rows:
        Feedback.insert_many(rows).execute()

    def expected_nps(scores):
        if not scores:
            return NpsResult(None, 0, 0, 0, 0)
        p = sum(1 for s in scores if s >= 9)
        d = sum(1 for s in scores if s <= 6)
        passives = len(scores) - p - d
        return NpsResult(100 * p / len(scores) - 100 * d / len(scores), p, passives, d, len(scores))

    def expected_csat(scores):
        return CsatResult(sum(scores) / len(scores) if scores else None, len(scores))

    start, end = first_day + timedelta(days=start_day), first_day + timedelta(days=start_day + length)
    for contact_id in (None, *contacts):
        for period in ({}, {"start": start, "end": end}, {"start": start}, {"end": end}):
            def chosen(kind):
                return [
                    r["score"] for r in rows
                    if r["kind"] == kind and (contact_id is None or r["contact"] == contact_id)
                    and period.get("start", date.min) <= r["occurred_at"].date() <= period.get("end", date.max)
                ]

            got, want = nps(contact_id, **period), expected_nps(chosen("nps"))
            assert (got.promoters, got.passives, got.detractors, got.answers) == \
                   (want.promoters, want.passives, want.detractors, want.answers)
            assert got.score == (None if want.score is None else pytest.approx(want.score, abs=1e-9))
            if got.score is not None:
                assert -100 <= got.score <= 100
            got_csat, want_csat = csat_average(contact_id, **period), expected_csat(chosen("csat"))
            assert got_csat.answers == want_csat.answers
            assert got_csat.average == (None if want_csat.average is None
                                        else pytest.approx(want_csat.average, abs=1e-9))
