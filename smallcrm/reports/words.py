"""The reports' words in the shop's language: English as the code writes them, another language from
resources/translations/reports_<language>.po (services.words reads it). A word with no translation prints in
English rather than not at all."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from babel import Locale

from smallcrm.services.words import catalog, catalog_path, language_of, translate

__all__ = ["catalog", "catalog_path", "counted", "language_of", "plural_rule", "said", "translate"]


def said(text: str) -> str:
    """Marks words kept in a table (a status's name, say) as words to translate; they are translated where
    printed, with Shop.tr."""
    return text


def counted(count: int, one: str, many: str, locale: str, **facts: object) -> str:
    """`one` ("{n} contact") or `many` ("{n} contacts") as the printed language's plural rule picks for `count`
    (French says "0 contact", English "0 contacts"), translated and filled in from `facts` ({n}: the count as
    printed)."""
    language = language_of(locale)
    rule = plural_rule(language if catalog(language) else "en")  # (a language with no catalog prints English)
    return translate(one if rule(count) == "one" else many, locale, **facts)


@lru_cache(maxsize=8)
def plural_rule(language: str) -> Callable[[int], str]:
    """The language's plural category of a count, by CLDR ("one", "other", ...): French says 0 is "one"."""
    return Locale.parse(language).plural_form
