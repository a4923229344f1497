"""Words in the shop's language, for what the program writes for people to read: the printed reports (reports.words)
and the names an import gives what it keeps in a customer's notes ("Work address"). English as the code writes them,
another language from resources/translations/reports_<language>.po (read with babel, no compiling step). A word
with no translation is written in English rather than not at all."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.messages.pofile import read_po

from smallcrm.errors import Phrase
from smallcrm.paths import resource


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


@lru_cache(maxsize=32)
def language_of(locale: str) -> str:
    """The language of a locale ("fr_BE": "fr"); "en" for one babel does not know. (Kept: the import asks for each
    name it writes in a customer's notes.)"""
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
