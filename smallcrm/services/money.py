"""Money is an integer count of minor units plus an ISO 4217 code; babel knows each currency's digits."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency, get_currency_precision


def to_decimal(minor: int, currency: str) -> Decimal:
    return Decimal(minor).scaleb(-get_currency_precision(currency))


def format_money(minor: int, currency: str, locale: str = "en_GB") -> str:
    """`2550, "EUR", "fr_FR"` -> `25,50 €`."""
    return format_currency(to_decimal(minor, currency), currency, locale=locale)
