"""Reading the dates and times people type. Times without a zone are the shop's local time;
everything is stored in UTC."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timezone

from smallcrm.errors import InvalidValue

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def local_zone():
    """The shop's UTC offset in force now. For another day use `local_moment`, which knows summer time."""
    return datetime.now().astimezone().tzinfo


def local_moment(day: date, clock: time = time()) -> datetime:
    """The aware moment `clock` strikes on the shop's local `day`, with that day's offset (summer time kept)."""
    return datetime.combine(day, clock).astimezone()


def parse_date(text: str, field: str = "date") -> date:
    value = (text or "").strip()
    if not _DATE.fullmatch(value):
        raise InvalidValue(field, text, "date", "write it as YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise InvalidValue(field, text, "date", str(e)) from e


def parse_datetime(text: str, field: str = "at") -> datetime:
    """`2024-05-01`, `2024-05-01 14:30`, `2024-05-01T14:30:00+02:00` -> an aware UTC datetime."""
    value = (text or "").strip()
    if _DATE.fullmatch(value):
        day = parse_date(value, field)
        return local_moment(day, time(12)).astimezone(timezone.utc)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?", value):
        raise InvalidValue(field, text, "date", "write it as YYYY-MM-DD or YYYY-MM-DD HH:MM")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as e:
        raise InvalidValue(field, text, "date", str(e)) from e
    if moment.tzinfo is None:
        moment = moment.astimezone()  # the shop's local time on that day
    return moment.astimezone(timezone.utc).replace(microsecond=0)


def check_moment(value: datetime | None, field: str = "at") -> datetime:
    """`value` as an aware UTC datetime to the second (now when None); a time without a zone is refused."""
    if value is None:
        return datetime.now(timezone.utc).replace(microsecond=0)
    if not isinstance(value, datetime):
        raise InvalidValue(field, value, "date", "give a date and time")
    if value.tzinfo is None:
        raise InvalidValue(field, value, "timezone", "a time without a time zone is ambiguous")
    return value.astimezone(timezone.utc).replace(microsecond=0)


def today() -> date:
    return datetime.now().astimezone().date()
