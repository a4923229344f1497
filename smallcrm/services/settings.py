"""Settings that travel with the database (stored as JSON in the `setting` table)."""

from __future__ import annotations

import json
import locale

from smallcrm.store.models import Setting, database

DEFAULTS = {
    "currency": "EUR",
    "default_region": None,  # ISO 3166 code used to read phone numbers typed without +country
    "loyalty": None,  # the loyalty rules as a dict (services.loyalty reads them; None means its defaults)
    "auto_complaints": True,  # a low score opens a complaint and a follow-up task by itself
    # for reports
    "business_name": "",
    "business_address": "",  # several lines
    "business_logo": None,  # the logo image (PNG or JPEG) as base64 text, so it travels with the database
    "paper_size": None,  # "A4" or "Letter"; None: Letter in the US and Canada, A4 elsewhere
    "locale": None,  # how money and dates print ("fr_FR"); None: the system's
    "lapsed_days": 90,  # a customer with no purchase for this many days counts as lapsed
    "backup_folder": None,  # where snapshots go; None: a "backups" folder beside the database
    "auto_snapshots": True,  # a snapshot every day and when the window closes
}


def get_setting(key: str):
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return DEFAULTS.get(key)
    return json.loads(row.value)


def set_setting(key: str, value) -> None:
    Setting.replace(key=key, value=json.dumps(value)).execute()


def set_settings(values: dict) -> None:
    """Several settings at once: all are saved or none."""
    with database.atomic():
        for key, value in values.items():
            set_setting(key, value)


def system_region() -> str | None:
    """The country part of the system locale ("de_AT" -> "AT"), if any."""
    return _territory(system_locale_name() or "")


def _territory(name: str) -> str | None:
    """The country of a locale's name ("de_AT.UTF-8", "fr_FR"), if it names one."""
    country = name.partition(".")[0].partition("_")[2]
    return country.upper() if len(country) == 2 and country.isalpha() else None


def automatic_region() -> str | None:
    """The country of the shop's "money and dates" locale when one is chosen (a shop in France on a computer set
    up in English), else the system's."""
    return _territory(get_setting("locale") or "") or system_region()


def default_region() -> str | None:
    """The country phone numbers typed without +country are read in: the one chosen, else automatic_region."""
    return get_setting("default_region") or automatic_region()


def system_locale_name() -> str | None:
    """The system locale's name as babel knows it ("de_AT"), from the name the system gives it: "de_AT.UTF-8"
    (Linux, macOS) or "German_Austria" (Windows names languages and countries in English); None when it names
    no language (C, POSIX)."""
    name = (locale.getlocale()[0] or "").partition(".")[0]
    if not name or name in ("C", "POSIX"):
        return None
    language, _, country = name.partition("_")
    if len(language) <= 3 and language.isalpha():
        return name
    from babel import Locale

    english = Locale("en")
    code = _code_of(english.languages, language)
    if code is None:
        return None
    territory = _code_of(english.territories, country)
    return f"{code}_{territory}" if territory else code


def _code_of(names: dict[str, str], written: str) -> str | None:
    """The code babel names `written` by in English ("United States" -> "US"; "Chinese (Simplified)": "zh")."""
    written = written.partition(" (")[0].strip().casefold()
    return next((code for code, name in names.items() if name.casefold() == written and code.isalpha()), None)


def system_locale() -> str:
    """The system locale's name as babel knows it ("de_AT"), or "en_US" when it has none."""
    return system_locale_name() or "en_US"


def shop_locale() -> str:
    return get_setting("locale") or system_locale()


def paper_size() -> str:
    size = get_setting("paper_size")
    if size in ("A4", "Letter"):
        return size
    return "Letter" if shop_locale().partition("_")[2] in ("US", "CA") else "A4"
