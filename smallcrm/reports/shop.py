"""The shop as its reports print it: name, address and logo from the settings, the paper size, and
money, numbers and dates in the shop's locale (babel)."""

from __future__ import annotations

import base64
import binascii
import io
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date, datetime

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_skeleton, format_time
from babel.numbers import format_compact_currency, format_decimal
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.utils import ImageReader

from smallcrm.reports.words import counted, translate
from smallcrm.services import settings
from smallcrm.services.loyalty import DEFAULT_TIER_NAMES
from smallcrm.services.money import format_money, to_decimal
from smallcrm.services.validation import LABEL_NAMES

PAGE_SIZES = {"A4": A4, "Letter": LETTER}
MINUS = "\u2212"


def _known_locale(name: str | None) -> str:
    try:
        return str(Locale.parse(name or "en_US"))
    except (UnknownLocaleError, ValueError, TypeError):
        return "en_US"


@lru_cache(maxsize=16)
def _locale(name: str) -> Locale:
    """The babel locale, read once (babel reads it anew for each figure given only its name)."""
    return Locale.parse(name)


@lru_cache(maxsize=4096)
def _skeleton(skeleton: str, value: date, locale: str) -> str:
    return format_skeleton(skeleton, value, locale=locale)


@lru_cache(maxsize=4096)
def _money(minor: int, currency: str, locale: str) -> str:
    """An amount as printed (a dossier prints thousands of amounts, figures and days, many more than once)."""
    return format_money(minor, currency, locale)


@lru_cache(maxsize=4096)
def _number(value: float, digits: int, locale: str) -> str:
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    text = format_decimal(abs(value), pattern, locale=_locale(locale))
    return (MINUS + text) if value < 0 and text.strip("0.,") else text


@lru_cache(maxsize=4096)
def _day(value: date, locale: str) -> str:
    return format_date(value, "medium", locale=_locale(locale))


@dataclass(frozen=True)
class Logo:
    data: bytes  # PNG or JPEG
    image: ImageReader  # for drawing on a canvas
    width: int  # pixels
    height: int

    @classmethod
    def read(cls, text) -> Logo | None:
        """The business logo from its base64 text, or None when there is none or it cannot be read."""
        if not text or not isinstance(text, str):
            return None
        try:
            data = base64.b64decode(text, validate=False)
            image = ImageReader(io.BytesIO(data))
            width, height = image.getSize()
        except (binascii.Error, ValueError, OSError):
            return None
        return cls(data, image, width, height) if width > 0 and height > 0 else None


@dataclass
class Shop:
    """The business as its reports print it, with money, numbers and dates in its locale."""

    name: str
    address: str
    logo: Logo | None
    locale: str
    currency: str
    paper: str  # "A4" or "Letter"
    printed_at: datetime = field(default_factory=lambda: datetime.now().astimezone())

    @classmethod
    def from_settings(cls) -> Shop:
        return cls(
            name=settings.get_setting("business_name") or "",
            address=settings.get_setting("business_address") or "",
            logo=Logo.read(settings.get_setting("business_logo")),
            locale=_known_locale(settings.shop_locale()),
            currency=settings.get_setting("currency") or "EUR",
            paper=settings.paper_size(),
        )

    def tr(self, text: str, **facts: object) -> str:
        """Words in the shop's language, their {placeholders} filled from `facts`."""
        return translate(text, self.locale, **facts)

    def label_name(self, label: str) -> str:
        """A phone's kind (validation.PHONE_LABELS) in the shop's language; a label of the owner's own as written."""
        return self.tr(LABEL_NAMES[label]) if label in LABEL_NAMES else label

    def tier(self, name: str) -> str:
        """A loyalty tier's name: in the shop's language when a new scheme named it, as the owner named it
        otherwise; "—" for none."""
        return (self.tr(name) if name in DEFAULT_TIER_NAMES else name) or "—"

    def counted(self, count: int, one: str, many: str, **facts: object) -> str:
        """A count in the shop's language: `one` or `many` by its plural rule, {n} the count as printed."""
        return counted(count, one, many, self.locale, n=self.number(count), **facts)

    @property
    def page_size(self) -> tuple[float, float]:
        return PAGE_SIZES[self.paper]

    def money(self, minor: int | None, currency: str | None = None) -> str:
        if minor is None:
            return "—"
        code = currency or self.currency
        try:
            return _money(minor, code, self.locale)
        except (ValueError, LookupError):
            return f"{to_decimal(minor, code)} {code}"

    def compact_money(self, value: float) -> str:
        """An axis label, from whole units of the shop's currency: 12345.0 -> "€12.3K"."""
        return format_compact_currency(value, self.currency, locale=self.locale, fraction_digits=1)

    def number(self, value: float | None, digits: int = 0) -> str:
        if value is None:
            return "—"
        return _number(value, digits, self.locale)

    def signed(self, value: float, digits: int = 1, unit: str = "") -> str:
        """`+12.5 %`, `−3.0 %`, `+4 pts`."""
        text = self.number(abs(value), digits)
        sign = "+" if value > 0 else MINUS if value < 0 else "±"
        return f"{sign}{text}{unit}"

    def share(self, value: float | None, digits: int = 1) -> str:
        """0.125 -> "12.5 %"."""
        return "—" if value is None else f"{self.number(value * 100, digits)} %"

    def day(self, value: date | None) -> str:
        return _day(value, self.locale) if value else ""

    def day_month(self, value: date) -> str:
        return _skeleton("MMMMd", value, self.locale)

    def weekday_day(self, value: date) -> str:
        """"Tue, Mar 4"."""
        return _skeleton("MMMEd", value, self.locale)

    def birthday(self, text: str | None) -> str:
        """A stored birthday: "1984-03-04" -> "March 4, 1984"; "--03-04" -> "March 4"."""
        if not text:
            return ""
        try:
            if text.startswith("--"):
                return self.day_month(date(2000, int(text[2:4]), int(text[5:7])))
            return format_date(date.fromisoformat(text), "long", locale=self.locale)
        except ValueError:
            return text

    def month(self, value: date, *, short: bool = False, year: bool = True) -> str:
        skeleton = ("MMM" if short else "MMMM") + ("yy" if short and year else "y" if year else "")
        return _skeleton(skeleton, value, self.locale)

    def moment(self, value: datetime | None) -> str:
        """A stored UTC time as local date and time."""
        if value is None:
            return ""
        local = value.astimezone()
        return f"{self.day(local.date())}, {format_time(local.time(), 'short', locale=self.locale)}"

    def period(self, start: date, end: date) -> str:
        if start == end:
            return self.day(start)
        return format_interval(start, end, "yMMMd", locale=self.locale)


