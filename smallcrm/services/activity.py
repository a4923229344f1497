"""Calls, visits, emails, texts and notes with a customer, and the follow-ups they leave behind.

An interaction with a follow-up date is a task. A task is open until it is completed; it can be
snoozed (moved a few days on) or moved to another day while it is open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from smallcrm.errors import InvalidValue, NotAllowed, NotFound, Phrase
from smallcrm.services import validation as v
from smallcrm.services.contacts import display_name
from smallcrm.services.when import check_moment
from smallcrm.services.when import today as local_today
from smallcrm.store.fields import to_utc_text, utc_now
from smallcrm.store.models import Contact, Interaction, database

KINDS = Interaction.KINDS  # call, visit, email, sms, note
DIRECTIONS = ("in", "out")
MAX_OUTCOME = v.MAX_NAME  # one line: "left a message", "ordered the blue one"
MAX_SUMMARY = v.MAX_TEXT  # several lines


# --- shared checks (also used by satisfaction, referrals and customer) ------------------------------

def require_live_contact(contact_id: int, what: str) -> Contact:
    """The contact row; NotFound when there is none, NotAllowed(`what`) while it is in the Trash."""
    row = Contact.get_or_none(Contact.id == contact_id)
    if row is None:
        raise NotFound("contact", contact_id)
    if row.deleted_at is not None:
        raise NotAllowed(what, Phrase("contact {contact} is in the Trash", contact=contact_id))
    return row


def check_day(value, field: str) -> date:
    """A calendar date (not a datetime, whose day would depend on the time zone)."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidValue(field, value, "date", "give a calendar date")
    return value


def _choice(value, field: str, choices: tuple[str, ...]) -> str:
    text = value.strip().lower() if isinstance(value, str) else value
    if text not in choices:
        raise InvalidValue(field, value, "choice", "one of " + ", ".join(choices))
    return text


# --- interactions ----------------------------------------------------------------------------------

def log_interaction(contact_id: int, kind: str, *, direction: str | None = None, at: datetime | None = None,
                    duration_seconds: int | None = None, outcome: str = "", summary: str = "",
                    follow_up_on: date | None = None) -> int:
    """Store one interaction and return its id. A `follow_up_on` date makes it a task.

    A call needs a direction (in or out); for other kinds it may be given or left out.
    """
    require_live_contact(contact_id, "interaction")
    kind = _choice(kind, "kind", KINDS)
    if direction is None or (isinstance(direction, str) and not direction.strip()):
        if kind == "call":
            raise InvalidValue("direction", direction, "required", "a call is either in or out")
        direction = None
    else:
        direction = _choice(direction, "direction", DIRECTIONS)
    moment = check_moment(at)
    if duration_seconds is not None:
        if isinstance(duration_seconds, bool) or not isinstance(duration_seconds, int):
            raise InvalidValue("duration_seconds", duration_seconds, "integer", "a whole number of seconds")
        if duration_seconds < 0:
            raise InvalidValue("duration_seconds", duration_seconds, "range", "a duration cannot be negative")
    outcome = v.clean_text(outcome, "outcome", MAX_OUTCOME)
    summary = v.clean_text(summary, "summary", MAX_SUMMARY, multiline=True)
    if follow_up_on is not None:
        follow_up_on = check_day(follow_up_on, "follow_up_on")
    return Interaction.insert(
        contact=contact_id, kind=kind, direction=direction, occurred_at=moment, duration_seconds=duration_seconds,
        outcome=outcome, summary=summary, follow_up_on=follow_up_on, created_at=utc_now(),
    ).execute()


def _get(interaction_id: int) -> Interaction:
    row = Interaction.get_or_none(Interaction.id == interaction_id)
    if row is None:
        raise NotFound("interaction", interaction_id)
    return row


def interaction_json(interaction_id: int) -> dict:
    row = _get(interaction_id)
    if row.follow_up_on is None:
        task = None
    else:
        task = "done" if row.follow_up_done_at is not None else "open"
    return {
        "id": row.id,
        "contact_id": row.contact_id,
        "kind": row.kind,
        "direction": row.direction,
        "at": to_utc_text(row.occurred_at),
        "duration_seconds": row.duration_seconds,
        "outcome": row.outcome,
        "summary": row.summary,
        "follow_up_on": row.follow_up_on.isoformat() if row.follow_up_on else None,
        "follow_up_done_at": to_utc_text(row.follow_up_done_at) if row.follow_up_done_at else None,
        "task": task,  # None (no follow-up), "open" or "done"
        "created_at": to_utc_text(row.created_at),
    }


# --- tasks -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Task:
    interaction_id: int
    contact_id: int
    contact_name: str
    due_on: date
    kind: str
    summary: str
    done_at: datetime | None


def tasks(*, due_by: date | None = None, contact_id: int | None = None, include_done: bool = False) -> list[Task]:
    """Follow-ups, oldest due first (then in the order they were made).

    `due_by` keeps those due on or before that day. Contacts in the Trash are left out, unless
    `contact_id` asks for one of them by name.
    """
    query = (
        Interaction.select(Interaction.id, Interaction.contact, Interaction.follow_up_on, Interaction.kind,
                           Interaction.summary, Interaction.follow_up_done_at,
                           Contact.first_name, Contact.last_name, Contact.company)
        .join(Contact)
        .where(Interaction.follow_up_on.is_null(False))
        .order_by(Interaction.follow_up_on, Interaction.id)
    )
    if due_by is not None:
        query = query.where(Interaction.follow_up_on <= check_day(due_by, "due_by"))
    if contact_id is not None:
        query = query.where(Interaction.contact == contact_id)
    else:
        query = query.where(Contact.deleted_at.is_null())
    if not include_done:
        query = query.where(Interaction.follow_up_done_at.is_null())
    return [
        Task(iid, cid, display_name(first, last, company), due_on, kind, summary, done_at)
        for iid, cid, due_on, kind, summary, done_at, first, last, company in query.tuples()
    ]


def _open_task(interaction_id: int, what: str) -> Interaction:
    row = _get(interaction_id)
    if row.follow_up_on is None:
        raise NotAllowed(what, Phrase("interaction {interaction} has no follow-up", interaction=interaction_id))
    if row.follow_up_done_at is not None:
        raise NotAllowed(what, Phrase("the follow-up of interaction {interaction} was done at {moment}",
                                      interaction=interaction_id, moment=to_utc_text(row.follow_up_done_at)))
    return row


def complete_task(interaction_id: int, *, at: datetime | None = None) -> None:
    """Mark a follow-up done (now, or at `at`)."""
    moment = check_moment(at)
    with database.atomic():
        _open_task(interaction_id, "complete task")
        Interaction.update(follow_up_done_at=moment).where(Interaction.id == interaction_id).execute()


def snooze_task(interaction_id: int, days: int = 1, *, today: date | None = None) -> date:
    """Move a follow-up `days` on from today, or from its due day if that is later; return the new day."""
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise InvalidValue("days", days, "range", "snooze by one day or more")
    today = local_today() if today is None else check_day(today, "today")
    with database.atomic():
        row = _open_task(interaction_id, "snooze task")
        due = max(today, row.follow_up_on) + timedelta(days=days)
        Interaction.update(follow_up_on=due).where(Interaction.id == interaction_id).execute()
    return due


def reassign_task(interaction_id: int, on: date) -> None:
    """Move an open follow-up to the day `on` (any day: earlier, later, even past)."""
    on = check_day(on, "on")
    with database.atomic():
        _open_task(interaction_id, "move task")
        Interaction.update(follow_up_on=on).where(Interaction.id == interaction_id).execute()
