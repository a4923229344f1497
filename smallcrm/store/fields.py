"""Column types that keep DESIGN.md's data rules: UTC times, ISO dates."""

from __future__ import annotations

from datetime import datetime, timezone

import peewee

_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def to_utc_text(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("naive datetimes are ambiguous; give a time zone")
    return value.astimezone(timezone.utc).strftime(_FORMAT)


def from_utc_text(value: str) -> datetime:
    return datetime.strptime(value, _FORMAT).replace(tzinfo=timezone.utc)


def edited_now(column: peewee.Field) -> peewee.Node:
    """The time of an edit, for a column saying when a row last changed: now, and at least a second after the time
    it replaces (an edit in the same second as an import is then told from what the import wrote, to the second:
    the check before undoing an import)."""
    return peewee.fn.max(to_utc_text(utc_now()), peewee.fn.strftime(_FORMAT, column, "+1 second"))


class UtcDateTimeField(peewee.Field):
    """An aware datetime, stored as ISO 8601 text in UTC (`2024-05-01T09:30:00Z`), sortable as text."""

    field_type = "TEXT"

    def db_value(self, value):
        if value is None or isinstance(value, str):
            return value
        return to_utc_text(value)

    def python_value(self, value):
        return None if value is None else from_utc_text(value)
