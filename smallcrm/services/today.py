"""The Today list: what needs the shop owner's attention on one day.

Every line carries the contact's id and display name, so that the window and the command line can
open the contact. Contacts in the Trash are left out of every list. An overdue payment whose
customer was deleted for good is still listed (the money is still owed), with contact_id None.

Birthdays are those falling on the day or in the six days after it. Someone born on 29 February
celebrates on 28 February in years without a 29 February (so the birthday stays in February).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime, timedelta

from smallcrm.errors import InvalidValue
from smallcrm.services import loyalty, purchases
from smallcrm.services.activity import Task, check_day, tasks
from smallcrm.services.contacts import display_name
from smallcrm.services.satisfaction import ComplaintRow, complaints
from smallcrm.services.when import today as local_today
from smallcrm.store.fields import to_utc_text
from smallcrm.store.models import database

BIRTHDAY_DAYS = 7  # the day itself and the six after it
EXPIRY_DAYS = 30


@dataclass(frozen=True)
class BirthdayLine:
    contact_id: int
    contact_name: str
    birthday: str  # as stored: "YYYY-MM-DD" or "--MM-DD"
    on: date  # the day it is celebrated this time
    days_until: int  # 0 on the day itself
    turns: int | None  # the age reached that day, when the year of birth is known


@dataclass(frozen=True)
class PointsLine:
    contact_id: int
    contact_name: str
    points: int
    expires_on: date


@dataclass(frozen=True)
class PaymentLine:
    purchase_id: int
    contact_id: int | None  # None when the customer was deleted for good
    contact_name: str
    owed_minor: int
    currency: str
    since: datetime  # when the purchase was made (UTC)
    due_on: date | None
    days_overdue: int


@dataclass(frozen=True)
class Today:
    on: date
    follow_ups_overdue: list[Task]  # due before the day, oldest first
    follow_ups_due: list[Task]  # due on the day
    birthdays: list[BirthdayLine]  # soonest first
    points_expiring: list[PointsLine]  # soonest first
    complaints: list[ComplaintRow]  # unresolved, oldest first
    overdue_payments: list[PaymentLine]  # most overdue first

    def total_lines(self) -> int:
        return (len(self.follow_ups_overdue) + len(self.follow_ups_due) + len(self.birthdays)
                + len(self.points_expiring) + len(self.complaints) + len(self.overdue_payments))


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def birthdays(on: date, days: int = BIRTHDAY_DAYS) -> list[BirthdayLine]:
    """Contacts out of the Trash whose birthday falls on `on` or in the `days` - 1 days after it, soonest first.

    A birthday with a year is listed from the first one on (never the day of birth itself).
    """
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise InvalidValue("days", days, "range", "one day or more")
    on = check_day(on, "on")
    celebrated: dict[str, date] = {}  # "MM-DD" as stored -> the day it is celebrated in the window
    for i in range(days):
        day = on + timedelta(days=i)
        celebrated[day.strftime("%m-%d")] = day
        if day.month == 2 and day.day == 28 and not _is_leap(day.year):
            celebrated["02-29"] = day
    keys = sorted(celebrated)
    cursor = database.execute_sql(
        f"""SELECT id, first_name, last_name, company, birthday FROM contact
             WHERE deleted_at IS NULL AND birthday IS NOT NULL
               AND substr(birthday, -5) IN ({",".join("?" * len(keys))})""",
        keys,
    )
    lines = []
    for cid, first, last, company, birthday in cursor:
        day = celebrated[birthday[-5:]]
        turns = None if birthday.startswith("--") else day.year - int(birthday[:4])
        if turns is not None and turns < 1:
            continue  # a day before the first birthday (looking at a day in the past)
        lines.append(BirthdayLine(cid, display_name(first, last, company), birthday, day, (day - on).days, turns))
    lines.sort(key=lambda line: (line.on, line.contact_name.casefold(), line.contact_id))
    return lines


def _contacts(ids) -> dict[int, tuple[str, bool]]:
    """Display name and whether it is in the Trash, of each of the given contacts that exists."""
    ids = sorted({i for i in ids if i is not None})
    found: dict[int, tuple[str, bool]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        cursor = database.execute_sql(
            f"""SELECT id, first_name, last_name, company, deleted_at IS NOT NULL FROM contact
                 WHERE id IN ({",".join("?" * len(chunk))})""",
            chunk,
        )
        found.update({cid: (display_name(first, last, company), bool(trash))
                      for cid, first, last, company, trash in cursor})
    return found


def today_list(on: date | None = None) -> Today:
    on = local_today() if on is None else check_day(on, "on")
    open_tasks = tasks(due_by=on)
    expiring = loyalty.expiring_soon(within_days=EXPIRY_DAYS, today=on)
    overdue = [r for r in purchases.receivables(today=on) if r.days_overdue > 0]
    contacts = _contacts([e.contact_id for e in expiring] + [r.contact_id for r in overdue])
    live = {cid: name for cid, (name, trash) in contacts.items() if not trash}

    points = sorted(
        (PointsLine(e.contact_id, live[e.contact_id], e.points, e.expires_on) for e in expiring
         if e.contact_id in live),
        key=lambda line: (line.expires_on, line.contact_name.casefold(), line.contact_id),
    )
    payments = [
        PaymentLine(r.purchase_id, r.contact_id if r.contact_id in live else None, live.get(r.contact_id, ""),
                    r.owed_minor, r.currency, r.since, r.due_on, r.days_overdue)
        for r in overdue
        if r.contact_id in live or r.contact_id not in contacts  # not in the Trash
    ]
    payments.sort(key=lambda line: (-line.days_overdue, line.purchase_id))
    return Today(
        on=on,
        follow_ups_overdue=[t for t in open_tasks if t.due_on < on],
        follow_ups_due=[t for t in open_tasks if t.due_on == on],
        birthdays=birthdays(on),
        points_expiring=points,
        complaints=complaints(status="unresolved"),
        overdue_payments=payments,
    )


def _plain(value):
    """A value as JSON has it: dates ISO, times in UTC, dataclasses as objects."""
    if isinstance(value, datetime):
        return to_utc_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def today_json(on: date | None = None) -> dict:
    return _plain(today_list(on))

