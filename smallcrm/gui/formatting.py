"""Numbers, money and times as the person at the screen reads them (local time, their locale)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale


def number(n: int) -> str:
    return QLocale().toString(n)


def decimal(value: float, places: int) -> str:
    """A figure with `places` decimals in the locale's way ("3,8" in French)."""
    return QLocale().toString(float(value), "f", places)


def counted(n: int, one: str, many: str, **facts: str) -> str:
    """`one` ("1 day late") when the window's language counts `n` as one (French counts 0 so too), else `many`
    ("{n} days late"), with n in the locale's digits; any other facts filled in too."""
    return (one if _counts_as_one(n) else many).format(n=number(n), **facts)


def _counts_as_one(n: int) -> bool:
    if n == 1:
        return True
    app = QCoreApplication.instance()
    language = app.property("language") if app is not None else None  # (set by app.application)
    if not language or language.startswith("en"):
        return False
    from smallcrm.reports.words import plural_rule  # (babel loads here, for a window in another language)

    return plural_rule(language)(n) == "one"


def label_name(label: str) -> str:
    """What kind of number a phone is (validation.PHONE_LABELS) in the window's language; a label of the owner's
    own words ("Shop") as written."""
    names = {
        "mobile": QCoreApplication.translate("phone", "Mobile"),
        "home": QCoreApplication.translate("phone", "Home"),
        "work": QCoreApplication.translate("phone", "Work"),
        "main": QCoreApplication.translate("phone", "Main"),
        "other": QCoreApplication.translate("phone", "Other"),
    }
    return names.get(label, label)


def babel_locale() -> str:
    """The window's locale as babel names it ("fr_FR"); US English for the C locale, as Qt writes it."""
    name = QLocale().name()
    return name if name != "C" else "en_US"


def money(minor: int, currency: str) -> str:
    from smallcrm.services.money import format_money, to_decimal  # babel loads when money is first shown

    try:
        return format_money(minor, currency, babel_locale())
    except (ValueError, LookupError):  # babel does not know the locale: show it plainly rather than fail
        return f"{to_decimal(minor, currency)} {currency}"


def amount(minor: int, currency: str) -> str:
    """An amount to edit in a field: its digits with the decimal comma where the locale writes one ("22,40"), no
    grouping and no currency, as services.money.parse_amount reads it back."""
    from smallcrm.services.money import to_decimal

    text = str(to_decimal(minor, currency))
    return text.replace(".", ",") if QLocale().decimalPoint() == "," else text


def when(value: datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone()
    return QLocale().toString(QDateTime(local.date(), local.time()), QLocale.FormatType.ShortFormat)


def day(value: date | None) -> str:
    if value is None:
        return ""
    return QLocale().toString(QDate(value.year, value.month, value.day), QLocale.FormatType.LongFormat)


def short_day(value: date) -> str:
    return QLocale().toString(QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat)


def edit_format(with_time: bool = False) -> str:
    """How a date editor (with_time: a date and time editor) shows its value: in the locale's short format, as the
    window shows days, but with the year in four digits (two would be read in the wrong century); ISO in the C
    locale."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return "yyyy-MM-dd HH:mm" if with_time else "yyyy-MM-dd"
    shown = (locale.dateTimeFormat if with_time else locale.dateFormat)(QLocale.FormatType.ShortFormat)
    return shown if "yyyy" in shown else shown.replace("yy", "yyyy")


def _babel(skeleton: str, value: date, qt_format: str) -> str:
    """`value` with the fields `skeleton` names ("MMMd": month and day), in the order and words of the window's
    locale ("Mar 4" in US English, "4 mars" in French), or "long" for the long date without its weekday;
    `qt_format` for a locale babel does not know."""
    from babel.dates import format_date, format_skeleton

    try:
        if skeleton == "long":
            return format_date(value, "long", locale=babel_locale())
        return format_skeleton(skeleton, value, locale=babel_locale())
    except (ValueError, LookupError):
        return QLocale().toString(QDate(value.year, value.month, value.day), qt_format)


def day_month(value: date, short: bool = False) -> str:
    """"March 4" ("4 mars"); short: "Mar 4"."""
    return _babel("MMMd", value, "d MMM") if short else _babel("MMMMd", value, "d MMMM")


def month(value: date, *, short: bool = False, year: bool = True) -> str:
    """"November 2026" ("novembre 2026"); short: "Nov 2026"; without the year: "November", "Nov"."""
    skeleton = ("MMM" if short else "MMMM") + ("y" if year else "")
    return _babel(skeleton, value, ("MMM" if short else "MMMM") + (" yyyy" if year else ""))


def plain_day(value: date) -> str:
    """The day without its weekday: "March 1, 2026" ("1 mars 2026")."""
    return _babel("long", value, "d MMMM yyyy")


def birthday(text: str | None) -> str:
    """`1984-03-04` -> "March 4, 1984"; `--03-04` -> "March 4" (no weekday: the day of the week one was born on
    says nothing)."""
    if not text:
        return ""
    born = date(2000 if text.startswith("--") else int(text[:4]), int(text[-5:-3]), int(text[-2:]))
    return day_month(born) if text.startswith("--") else plain_day(born)
