"""Settings that travel with the database (stored as JSON in the `setting` table)."""

from __future__ import annotations

import json
import locale

from smallcrm.store.models import Setting

DEFAULTS = {
    "currency": "EUR",
    "default_region": None,  # ISO 3166 code used to read phone numbers typed without +country
    "loyalty": None,  # the loyalty rules as a dict (services.loyalty reads them; None means its defaults)
    "auto_complaints": True,  # a low score opens a complaint and a follow-up task by itself
    "backup_folder": None,  # where snapshots go; None: a "backups" folder beside the database
}


def get_setting(key: str):
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return DEFAULTS.get(key)
    return json.loads(row.value)


def set_setting(key: str, value) -> None:
    Setting.replace(key=key, value=json.dumps(value)).execute()


def system_region() -> str | None:
    """The country part of the system locale ("de_AT" -> "AT"), if any."""
    name = locale.getlocale()[0] or ""
    country = name.partition("_")[2][:2]
    return country.upper() if len(country) == 2 and country.isalpha() else None


def default_region() -> str | None:
    return get_setting("default_region") or system_region()
