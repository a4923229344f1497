"""The reports' words in the shop's language: English as the code writes them, another language from
resources/translations/reports_<language>.po (read with babel, no compiling step). A word with no translation
prints in English rather than not at all."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.messages.pofile import read_po

from smallcrm.errors import Phrase
from smallcrm.paths import resource


def said(text: str) -> str:
    """Marks words kept in a table (a status's name, say) as words to translate; they are translated where
    printed, with Shop.tr."""
    return text


def catalog_path(language: str):
    return resource("translations", f"reports_{language}.po")


@lru_cache(maxsize=8)
def catalog(language: str) -> dict[str, str]:
    """msgid -> msgstr for `language` ("fr"); empty for English or a language with no catalog."""
    path = catalog_path(language)
    if language == "en" or not path.is_file():
        return {}
    with open(path, "rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id and isinstance(m.string, str) and m.string}


def language_of(locale: str) -> str:
    try:
        return Locale.parse(locale).language
    except (UnknownLocaleError, ValueError, TypeError):
        return "en"


def translate(text: str, locale: str, **facts: object) -> str:
    """`text` in the language of `locale`, its {placeholders} filled from `facts` (or, for a Phrase, its own)."""
    words = catalog(language_of(locale))
    if isinstance(text, Phrase):
        return words.get(text.template, text.template).format(**text.facts)
    said_text = words.get(text, text)
    return said_text.format(**facts) if facts else said_text


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
