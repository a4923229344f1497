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


def money(minor: int, currency: str) -> str:
    from smallcrm.services.money import format_money, to_decimal  # babel loads when money is first shown

    name = QLocale().name()
    try:
        return format_money(minor, currency, name if name != "C" else "en_US")
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


def birthday(text: str | None) -> str:
    """`1984-03-04` -> "4 March 1984"; `--03-04` -> "4 March"."""
    if not text:
        return ""
    month, dom = int(text[-5:-3]), int(text[-2:])
    if text.startswith("--"):
        return QLocale().toString(QDate(2000, month, dom), "d MMMM")
    return day(date.fromisoformat(text))
