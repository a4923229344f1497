"""Satisfaction: CSAT and NPS answers, the scores they add up to, and complaints.

A low score (NPS 0-6, CSAT 1-2) opens a complaint and a follow-up task by itself while the setting
"auto_complaints" is on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from smallcrm.errors import InvalidValue, NotFound, Phrase
from smallcrm.services import validation as v
from smallcrm.services.activity import check_day, require_live_contact
from smallcrm.services.when import check_moment
from smallcrm.services.contacts import display_name
from smallcrm.services.settings import get_setting
from smallcrm.services.when import local_moment
from smallcrm.services.when import today as local_today
from smallcrm.store.fields import to_utc_text, utc_now
from smallcrm.store.models import Complaint, Contact, Feedback, Interaction, Purchase, database

KINDS = Feedback.KINDS  # csat, nps
RANGES = {"csat": (1, 5), "nps": (0, 10)}
LOW = {"csat": 2, "nps": 6}  # this score or lower opens a complaint
STATUSES = Complaint.STATUSES  # open, in_progress, resolved
LOW_SCORE_CATEGORY = "low score"
FOLLOW_UP = "Follow up on low {kind} score ({score})"  # the summary of the follow-up a low score makes
_FOLLOW_UP = re.compile(r"Follow up on low (?P<kind>NPS|CSAT) score \((?P<score>\d+)\)")
MAX_COMMENT = v.MAX_TEXT
MAX_CHANNEL = 60
MAX_CATEGORY = 100


@dataclass(frozen=True)
class FeedbackResult:
    feedback_id: int
    complaint_id: int | None  # the complaint a low score opened
    task_id: int | None  # the interaction id of the follow-up a low score made


def summary_phrase(summary: str) -> str:
    """A call's or note's summary as a Phrase when this module wrote it (a low score's follow-up), so that it can
    be said in another language; as written otherwise."""
    if match := _FOLLOW_UP.fullmatch(summary):
        return Phrase(FOLLOW_UP, **match.groupdict())
    return summary


def is_low(kind: str, score: int) -> bool:
    return score <= LOW[kind]


def _check_score(kind: str, score) -> int:
    low, high = RANGES[kind]
    if isinstance(score, bool) or not isinstance(score, int):
        raise InvalidValue(kind, score, "integer", f"a whole number from {low} to {high}")
    if not low <= score <= high:
        raise InvalidValue(kind, score, "range", f"{kind.upper()} is from {low} to {high}")
    return score


def _check_link(model, key: int | None, contact_id: int, field: str, kind: str) -> int | None:
    """`key` names an existing row of `model` that belongs to the same contact (or to nobody)."""
    if key is None:
        return None
    row = model.get_or_none(model.id == key)
    if row is None:
        raise NotFound(kind, key)
    if row.contact_id is not None and row.contact_id != contact_id:
        raise InvalidValue(field, key, "other_contact", f"{kind} {key} belongs to contact {row.contact_id}")
    return key


def record_feedback(contact_id: int, kind: str, score: int, *, comment: str = "", channel: str = "",
                    at: datetime | None = None, purchase_id: int | None = None,
                    interaction_id: int | None = None) -> FeedbackResult:
    """Store one answer. A low score may open a complaint and a follow-up (see the module's docstring).

    The follow-up is due the day after the answer's local day, or the day after today when the
    answer is typed in late, so that it never starts out overdue.
    """
    kind = kind.strip().lower() if isinstance(kind, str) else kind
    if kind not in KINDS:
        raise InvalidValue("kind", kind, "choice", "one of " + ", ".join(KINDS))
    score = _check_score(kind, score)
    comment = v.clean_text(comment, "comment", MAX_COMMENT, multiline=True)
    channel = v.clean_text(channel, "channel", MAX_CHANNEL)
    moment = check_moment(at)
    now = utc_now()
    with database.atomic():
        require_live_contact(contact_id, "feedback")
        purchase_id = _check_link(Purchase, purchase_id, contact_id, "purchase_id", "purchase")
        interaction_id = _check_link(Interaction, interaction_id, contact_id, "interaction_id", "interaction")
        feedback_id = Feedback.insert(
            contact=contact_id, kind=kind, score=score, comment=comment, channel=channel, occurred_at=moment,
            purchase=purchase_id, interaction=interaction_id, created_at=now,
        ).execute()
        complaint_id = task_id = None
        if is_low(kind, score) and get_setting("auto_complaints"):
            complaint_id = Complaint.insert(
                contact=contact_id, feedback=feedback_id, purchase=purchase_id, category=LOW_SCORE_CATEGORY,
                description=comment, opened_at=moment, created_at=now,
            ).execute()
            due = max(moment.astimezone().date(), local_today()) + timedelta(days=1)
            task_id = Interaction.insert(
                contact=contact_id, kind="note", occurred_at=moment,
                summary=FOLLOW_UP.format(kind=kind.upper(), score=score), follow_up_on=due, created_at=now,
            ).execute()
    return FeedbackResult(feedback_id, complaint_id, task_id)


# --- complaints ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ComplaintRow:
    id: int
    contact_id: int
    contact_name: str
    category: str
    status: str
    description: str
    resolution: str
    opened_at: datetime
    resolved_at: datetime | None
    feedback_id: int | None
    purchase_id: int | None


def _category(value, required: bool = True) -> str:
    text = v.clean_text(value, "category", MAX_CATEGORY)
    if required and not text:
        raise InvalidValue("category", value, "required", "say what the complaint is about")
    return text


def open_complaint(contact_id: int, *, category: str, description: str, purchase_id: int | None = None,
                   feedback_id: int | None = None, at: datetime | None = None) -> int:
    """Open a complaint and return its id. A category is needed; the description may be empty."""
    require_live_contact(contact_id, "complaint")
    category = _category(category)
    description = v.clean_text(description, "description", v.MAX_TEXT, multiline=True)
    moment = check_moment(at)
    purchase_id = _check_link(Purchase, purchase_id, contact_id, "purchase_id", "purchase")
    feedback_id = _check_link(Feedback, feedback_id, contact_id, "feedback_id", "feedback")
    return Complaint.insert(
        contact=contact_id, feedback=feedback_id, purchase=purchase_id, category=category, description=description,
        opened_at=moment, created_at=utc_now(),
    ).execute()


def _get_complaint(complaint_id: int) -> Complaint:
    row = Complaint.get_or_none(Complaint.id == complaint_id)
    if row is None:
        raise NotFound("complaint", complaint_id)
    return row


def update_complaint(complaint_id: int, *, status: str | None = None, resolution: str | None = None,
                     category: str | None = None, at: datetime | None = None) -> None:
    """Change a complaint's status, resolution or category; what is not given stays as it is.

    Resolving needs a resolution (given now or already stored) and sets resolved_at (`at`, or now);
    resolving a resolved complaint again keeps its first resolved_at unless `at` is given. Reopening
    (open or in_progress) clears resolved_at and keeps the old resolution text for the record.
    """
    values: dict = {}
    if status is not None:
        status = status.strip().lower() if isinstance(status, str) else status
        if status not in STATUSES:
            raise InvalidValue("status", status, "choice", "one of " + ", ".join(STATUSES))
    if resolution is not None:
        values["resolution"] = v.clean_text(resolution, "resolution", v.MAX_TEXT, multiline=True)
    if category is not None:
        values["category"] = _category(category)
    moment = check_moment(at) if at is not None else None
    with database.atomic():
        row = _get_complaint(complaint_id)
        new_status = status or row.status
        if new_status == "resolved":
            text = values.get("resolution", row.resolution)
            if not text:
                raise InvalidValue("resolution", resolution if resolution is not None else row.resolution,
                                   "required", "say how the complaint was resolved")
            if row.status != "resolved" or moment is not None:
                values["resolved_at"] = moment or utc_now()
        else:
            values["resolved_at"] = None
        values["status"] = new_status
        Complaint.update(values).where(Complaint.id == complaint_id).execute()


def complaints(*, status: str | None = None, contact_id: int | None = None) -> list[ComplaintRow]:
    """Complaints, oldest opened first. `status`: None (all), "unresolved", or one of STATUSES.

    Contacts in the Trash are left out, unless `contact_id` asks for one of them by name.
    """
    query = (
        Complaint.select(Complaint.id, Complaint.contact, Contact.first_name, Contact.last_name, Contact.company,
                         Complaint.category, Complaint.status, Complaint.description, Complaint.resolution,
                         Complaint.opened_at, Complaint.resolved_at, Complaint.feedback, Complaint.purchase)
        .join(Contact)
        .order_by(Complaint.opened_at, Complaint.id)
    )
    if status == "unresolved":
        query = query.where(Complaint.status != "resolved")
    elif status is not None:
        if status not in STATUSES:
            raise InvalidValue("status", status, "choice", "unresolved, or one of " + ", ".join(STATUSES))
        query = query.where(Complaint.status == status)
    if contact_id is not None:
        query = query.where(Complaint.contact == contact_id)
    else:
        query = query.where(Contact.deleted_at.is_null())
    return [
        ComplaintRow(key, contact, display_name(first, last, company), category, state, description, resolution,
                     opened_at, resolved_at, feedback, purchase)
        for (key, contact, first, last, company, category, state, description, resolution, opened_at, resolved_at,
             feedback, purchase) in query.tuples()
    ]


def complaint_json(complaint_id: int) -> dict:
    row = _get_complaint(complaint_id)
    return {
        "id": row.id,
        "contact_id": row.contact_id,
        "category": row.category,
        "status": row.status,
        "description": row.description,
        "resolution": row.resolution,
        "opened_at": to_utc_text(row.opened_at),
        "resolved_at": to_utc_text(row.resolved_at) if row.resolved_at else None,
        "feedback_id": row.feedback_id,
        "purchase_id": row.purchase_id,
        "created_at": to_utc_text(row.created_at),
    }


def unresolved_count(contact_id: int) -> int:
    return Complaint.select().where(Complaint.contact == contact_id, Complaint.status != "resolved").count()


# --- scores ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class NpsResult:
    score: float | None  # % promoters (9-10) minus % detractors (0-6), from -100 to 100; None without answers
    promoters: int
    passives: int
    detractors: int
    answers: int


@dataclass(frozen=True)
class CsatResult:
    average: float | None  # from 1 to 5; None without answers
    answers: int


def _where(kind: str, contact_id: int | None, start: date | None, end: date | None) -> tuple[str, list]:
    """The filter for answers of `kind`, of one contact or all, between two local days (both included)."""
    clauses, params = ["kind = ?"], [kind]
    if contact_id is not None:
        clauses.append("contact_id = ?")
        params.append(contact_id)
    if start is not None:
        start = check_day(start, "start")
        clauses.append("occurred_at >= ?")
        params.append(to_utc_text(local_moment(start)))
    if end is not None:
        end = check_day(end, "end")
        clauses.append("occurred_at < ?")
        params.append(to_utc_text(local_moment(end + timedelta(days=1))))
    if start is not None and end is not None and end < start:
        raise InvalidValue("end", end, "range", f"the period ends before it starts ({start})")
    return " AND ".join(clauses), params


def nps(contact_id: int | None = None, start: date | None = None, end: date | None = None) -> NpsResult:
    """The Net Promoter Score of one customer or of the whole shop (answers of contacts in the Trash count)."""
    where, params = _where("nps", contact_id, start, end)
    answers, promoters, passives, detractors, score = database.execute_sql(
        f"""SELECT count(*), coalesce(sum(score >= 9), 0), coalesce(sum(score BETWEEN 7 AND 8), 0),
                   coalesce(sum(score <= 6), 0),
                   CASE WHEN count(*) > 0
                        THEN 100.0 * (sum(score >= 9) - sum(score <= 6)) / count(*) END
              FROM feedback WHERE {where}""",
        params,
    ).fetchone()
    return NpsResult(score, promoters, passives, detractors, answers)


def csat_average(contact_id: int | None = None, start: date | None = None, end: date | None = None) -> CsatResult:
    """The average CSAT answer of one customer or of the whole shop."""
    where, params = _where("csat", contact_id, start, end)
    answers, average = database.execute_sql(
        f"SELECT count(*), CASE WHEN count(*) > 0 THEN 1.0 * sum(score) / count(*) END FROM feedback WHERE {where}",
        params,
    ).fetchone()
    return CsatResult(average, answers)

