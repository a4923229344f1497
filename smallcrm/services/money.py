"""Money is an integer count of minor units plus an ISO 4217 code; babel knows each currency's digits."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from babel.core import Locale, UnknownLocaleError, get_global
from babel.numbers import (format_currency, get_currency_name, get_currency_precision, get_currency_symbol,
                           get_territory_currencies)

from smallcrm.errors import InvalidValue, Phrase


def minor_digits(currency: str) -> int:
    """How many decimals the currency has (EUR 2, JPY 0)."""
    return get_currency_precision(currency)


def to_decimal(minor: int, currency: str) -> Decimal:
    return Decimal(minor).scaleb(-get_currency_precision(currency))


def format_money(minor: int, currency: str, locale: str = "en_GB") -> str:
    """`2550, "EUR", "fr_FR"` -> `25,50 €`."""
    return format_currency(to_decimal(minor, currency), currency, locale=locale)


_AMOUNT = re.compile(r"[+-]?(\d+)(?:\.(\d+))?")
# What is wrong with an amount (InvalidValue.detail; those with facts are made into an errors.Phrase).
DECIMALS = "{currency} has {digits} decimals"
NO_DECIMALS = "{currency} has no decimals"
TOO_LARGE = "the amount is too large"


def parse_amount(text: str, currency: str, field: str = "amount", *, allow_negative: bool = False) -> int:
    """`"25.50", "EUR"` -> 2550. Refuses words, exponents, -0, and more decimals than the currency has."""
    value = (text or "").strip()
    if value.count(",") == 1 and "." not in value:
        value = value.replace(",", ".")  # a decimal comma, as most of Europe writes it
    m = _AMOUNT.fullmatch(value)
    if not m:
        raise InvalidValue(field, text, "amount", "write an amount such as 25.50")
    digits = get_currency_precision(currency)
    decimals = m.group(2) or ""
    if len(decimals) > digits:
        raise InvalidValue(field, text, "amount", Phrase(DECIMALS, currency=currency, digits=digits) if digits else
                           Phrase(NO_DECIMALS, currency=currency))
    minor = int(m.group(1)) * 10**digits + int((decimals or "0").ljust(digits, "0")[:digits] or 0)
    negative = value.startswith("-")
    if negative and minor == 0:
        raise InvalidValue(field, text, "amount", "-0 is not an amount")
    if negative and not allow_negative:
        raise InvalidValue(field, text, "amount", "the amount cannot be negative")
    if minor > 10**15:
        raise InvalidValue(field, text, "amount", TOO_LARGE)
    return -minor if negative else minor


def currency_of(text: str, usual: str, locale: str = "en_GB", field: str = "currency") -> str:
    """The currency code a till wrote as a code or a symbol: "EUR", "€", "£", "zł"; a symbol several currencies
    use ("$", "kr") is `usual`'s (the shop's currency) when it is its symbol, in `locale`, in English or where it
    is paid in ("$" in Canada), else the one currency that writes it so in `locale` or in English. Raises
    InvalidValue for anything else."""
    try:
        return check_currency(text, field)
    except InvalidValue:
        symbol = (text or "").strip()
        if symbol and symbol in (get_currency_symbol(usual, locale), get_currency_symbol(usual, "en"),
                                 *_home_symbols(usual)):
            return usual
        found = _symbols(locale).get(symbol) or _symbols("en").get(symbol)
        for language in (locale, *NAME_LANGUAGES):  # (a currency's name: the shop's language first)
            found = found or _names(language).get(symbol.casefold())
        if found:
            return found
        raise


@lru_cache(maxsize=8)
def _home_symbols(code: str) -> frozenset[str]:
    """The symbols the countries that pay in a currency write it with: "$" for CAD in Canada (elsewhere "CA$"),
    "¥" for CNY in China."""
    symbols = set()
    for territory in get_global("territory_currencies"):
        if get_territory_currencies(territory)[:1] == [code]:
            try:
                symbols.add(get_currency_symbol(code, Locale.parse(f"und_{territory}")))
            except UnknownLocaleError:  # (an island no one lives on)
                pass
    return frozenset(symbols)


@lru_cache(maxsize=8)
def _symbols(locale: str) -> dict[str, str]:
    """symbol -> currency code, for the symbols only one currency in use writes in `locale`."""
    by_symbol: dict[str, set[str]] = {}
    for code in get_global("all_currencies"):
        symbol = get_currency_symbol(code, locale)
        if symbol != code:
            by_symbol.setdefault(symbol, set()).add(code)
    return {symbol: codes.pop() for symbol, codes in by_symbol.items() if len(codes) == 1}


@lru_cache(maxsize=8)
def _names(locale: str) -> dict[str, str]:
    """A currency's name, in one and in several, in `locale` (casefolded: "euro", "euros", "us dollar") -> its
    code, for the currencies in use."""
    names = {}
    for code in get_global("all_currencies"):
        if code not in NO_CURRENCY:
            for count in (1, 2):
                names.setdefault(get_currency_name(code, count, locale).casefold(), code)
    return names


NAME_LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl")  # the languages a currency's name is read in
# ISO 4217 codes of what is no shop's money: gold, silver, funds, tests, "no currency"
NO_CURRENCY = frozenset({"XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "XDR", "XBA", "XBB", "XBC", "XBD", "XSU", "XUA",
                         "XFO", "XFU", "XRE"})


def check_currency(text: str, field: str = "currency") -> str:
    code = (text or "").strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code) or code not in get_global("all_currencies") or code in NO_CURRENCY:
        raise InvalidValue(field, text, "currency", "use a three-letter code such as EUR, GBP or USD")
    return code
