"""Checking and normalising what people type: names, emails, phone numbers, birthdays.

Each check returns the clean value or raises InvalidValue with the facts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from urllib.parse import unquote

import phonenumbers

from smallcrm.errors import InvalidValue, Phrase

MAX_NAME = 200
MAX_CONSENT_SOURCE = 200  # "at the counter", "web form, 3 May", "signed card"
MAX_TEXT = 100_000
_SPACES = re.compile(r"\s+")


def clean_text(value: str | None, field: str = "text", limit: int = MAX_NAME, *, multiline: bool = False) -> str:
    """NFC, trimmed; runs of spaces collapsed (line breaks kept in multi-line text)."""
    text = unicodedata.normalize("NFC", value or "")
    text = text.replace("\x00", "")
    if multiline:
        text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.strip().splitlines())
    else:
        text = _SPACES.sub(" ", text).strip()
    if len(text) > limit:
        raise InvalidValue(field, value, "too_long", Phrase(AT_MOST, limit=limit))
    return text


AT_MOST = "at most {limit} characters"
# What email_validator says with the characters at fault after it: made into a Phrase, so that the window can
# say it in its own language (its other messages are plain sentences, translated as they are).
_EMAIL_CHARACTERS = ("The email address contains invalid characters before the @-sign: ",
                     "The part after the @-sign contains invalid characters: ",
                     "The email address contains unsafe characters: ")
# The part after the @-sign with a character the international form of names refuses, as email_validator says
# it: "… is invalid (Codepoint U+2014 at position 3 of 'ex—ample' not allowed)."
_EMAIL_CODEPOINT = re.compile(r"The part after the @-sign is invalid \(Codepoint U\+([0-9A-F]{4,6}) ")
_EMAIL_BAD_DOMAIN = "The part after the @-sign is invalid."


def _email_detail(message: str) -> str:
    """email_validator's sentence, with the characters at fault as a Phrase's fact, and without a technical aside
    in brackets at its end ("(7 characters too many)", "(Codepoint … not allowed)"), so that the window has it
    in its own language."""
    for start in _EMAIL_CHARACTERS:
        if message.startswith(start):
            return Phrase(start + "{characters}", characters=message[len(start):])
    if m := _EMAIL_CODEPOINT.match(message):
        return Phrase(_EMAIL_CHARACTERS[1] + "{characters}", characters=f"'{chr(int(m.group(1), 16))}'.")
    if message.startswith("The part after the @-sign is not valid IDNA"):  # ("xn--…" that decodes to nothing)
        return _EMAIL_BAD_DOMAIN
    if message.endswith(").") and " (" in message:
        return message[:message.index(" (")] + "."
    return message


# A web page's link to write to or to call, as "Copy link" gives it: "mailto:ann%2Bshop@example.com?subject=Hi"
# (the address, its %-escapes read), "tel:+1-201-555-0123;ext=12" (the number, and its extension after it)
_MAILTO_LINK = re.compile(r"\s*mailto:([^?\s]+)(?:\?.*)?", re.IGNORECASE | re.DOTALL)
TEL_LINK = re.compile(r"\s*tel:\s*([^;,]*[^;,\s])((?:;[^;]*)*)\s*", re.IGNORECASE)
_TEL_EXTENSION = re.compile(r";ext=(\d{1,6})(?=;|$)", re.IGNORECASE)
LINK_SCHEMES = ("mailto", "tel")


def email_in_link(text: str) -> str:
    """The address a "mailto:" link writes to; else the text as it was."""
    m = _MAILTO_LINK.fullmatch(text)
    return unquote(m.group(1)) if m else text


def phone_in_link(text: str) -> str:
    """The number a "tel:" link calls, with its extension ("+1-201-555-0123 ext. 12"); else the text as it was."""
    m = TEL_LINK.fullmatch(text)
    if not m:
        return text
    extension = _TEL_EXTENSION.search(m.group(2))
    number = unquote(m.group(1))
    return f"{number} ext. {extension.group(1)}" if extension else number


def clean_email(value: str, field: str = "email") -> str:
    text = email_in_link(clean_text(value, field).lstrip("'"))
    if not text:
        raise InvalidValue(field, value, "required")
    from email_validator import EmailNotValidError, validate_email  # loaded when first needed

    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError as e:
        raise InvalidValue(field, value, "email", _email_detail(str(e))) from e


@dataclass(frozen=True)
class Phone:
    raw: str  # as typed, trimmed
    e164: str | None  # "+33612345678" when the number could be read
    digits: str  # digit forms for search, space separated
    label: str = ""  # what kind of number it is: a PHONE_LABELS key ("mobile"), or the words it was given


# The kinds of phone number and email address every contacts program knows, as they are stored (each window and
# report says them in its own language), and the words that name them in the labels and column names of other
# programs' files.
LABEL_NAMES = {"mobile": "Mobile", "home": "Home", "work": "Work", "main": "Main", "other": "Other"}
PHONE_LABELS = tuple(LABEL_NAMES)
EMAIL_LABELS = ("home", "work", "other")
_LABEL_WORDS = {
    "mobile": "mobile mobil cell cellular cellphone handy mobiltelefon mobilnummer portable gsm móvil movil celular "
              "cellulare telemóvel telemovel mobiel mobieltje",
    "home": "home private privat privé prive personal personnel domicile maison casa particular thuis zuhause "
            "zuhaus privado privato",
    "work": "work business office company bureau travail professionnel professionnelle pro arbeit büro buero "
            "dienstlich geschäftlich geschaeftlich firma trabajo oficina empresa lavoro ufficio trabalho werk "
            "zakelijk kantoor",
    "main": "main primary principal principale haupt hauptnummer",
    "other": "other autre andere sonstige sonstiges otro altro outro overig",
}
_LABEL_OF_WORD = {word: key for key, words in _LABEL_WORDS.items() for word in words.split()}
# the words around a label that say only that it is a phone number or an email address ("Mobile Phone",
# "Téléphone (domicile)", "E-mail Address (work)", and Outlook's kinds of address, "SMTP" and Exchange's "EX")
_CHANNEL_WORDS = frozenset("phone telephone téléphone tel tél telefon telefono teléfono telefone telefoon number "
                           "numéro numero nummer no nr num n° de du des di do da van von the voice pref type value "
                           "label email mail e courriel correo posta address adresse addr dirección direccion "
                           "indirizzo endereço endereco internet smtp ex x400".split())
# Words before a column's name that say whose it is: the customer's, as a CRM writes "Person - Phone - Mobile"
WHOSE_WORDS = frozenset({"person", "contact", "customer", "client", "kunde", "kunden", "cliente", "klant", "personne",
                         "persona"})
MAX_LABEL = 40


def _label_words(text: str) -> list[str]:
    """The words of a label or a column's name but those that only say it is a phone number or an email address,
    and numbers."""
    return [w for w in re.split(r"[^\w°]+", text.casefold()) if w and w not in _CHANNEL_WORDS and not w.isdigit()]


def label_key(text: str) -> str | None:
    """The LABEL_NAMES key that words name ("Mobile Phone", "Téléphone portable", "CELL", "Work Email"), or
    None."""
    keys = {_LABEL_OF_WORD.get(w) for w in _label_words(text) if w not in WHOSE_WORDS}
    if keys == {"work", "main"}:  # Outlook's "Company Main Phone"
        return "work"
    return keys.pop() if len(keys) == 1 and None not in keys else None


def label_name(label: str) -> str:
    """A phone's or an email's label as English gives it to people: "Mobile" (LABEL_NAMES), or the owner's own
    words."""
    return LABEL_NAMES.get(label, label)


def with_label(shown: str, label: str, name=label_name) -> str:
    """A number or an address as shown with what kind it is after it: "06 12 34 56 78 (Mobile)". `name`: a
    label's name in the reader's language (English by default)."""
    return f"{shown} ({name(label)})" if label else shown


def clean_label(value: str | None) -> str:
    """What kind of number a phone is, or of address an email: a LABEL_NAMES key when the words name one
    ("Mobile", "* Work", "Portable"), else the words as given, trimmed to MAX_LABEL characters ("Shop", "Mum's");
    "" for none."""
    text = clean_text(value, "label", MAX_TEXT).removeprefix("*").strip()
    if not _label_words(text):  # (none, or only "Phone 1")
        return ""
    return label_key(text) or text[:MAX_LABEL].rstrip()


def label_at(labels: list[str], i: int) -> str:
    """The label of the i-th of a contact's emails or phones, cleaned (clean_label); "" when `labels` ends before."""
    return clean_label(labels[i]) if i < len(labels) else ""


_LETTERS = re.compile(r"[^\W\d_]")
_EXTENSION = re.compile(r"\s*(?:ext\.?|x|#)\s*\d+\s*$", re.IGNORECASE)


def clean_phone(value: str, region: str | None, field: str = "phone") -> Phone:
    """Read a phone number; E.164 when it is a valid number, else kept as typed.

    Raises InvalidValue only for text that cannot be a phone number at all (letters, too few digits).
    """
    raw = clean_text(value, field).lstrip("'").strip()
    if raw[:4].casefold() == "tel:":
        raw = phone_in_link(raw)
    if not raw:
        raise InvalidValue(field, value, "required")
    if _LETTERS.search(_EXTENSION.sub("", raw)):
        raise InvalidValue(field, value, "phone", "a phone number has no letters")
    raw_digits = re.sub(r"\D", "", raw)
    if not 3 <= len(raw_digits) <= 20:
        raise InvalidValue(field, value, "phone", "a phone number has 3 to 20 digits")
    e164 = None
    forms = [raw_digits]
    try:
        number = phonenumbers.parse(raw, region)
        if phonenumbers.is_valid_number(number):
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            national = re.sub(r"\D", "", phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))
            forms = [e164[1:], national, str(number.national_number), raw_digits]
    except phonenumbers.NumberParseException:
        pass
    return Phone(raw, e164, " ".join(dict.fromkeys(forms)))


# An extension after a number: a few digits after "ext", "x" or "#" that follow its own (not "#0612345678")
_AN_EXTENSION = re.compile(r"(?<=[\d)])\s*(?:ext\.?|x|#)\s*(\d{1,6})\s*$", re.IGNORECASE)


def phone_extension(raw: str) -> str:
    """The extension a number was written with ("01 23 45 67 89 ext. 12": "12"), else ""."""
    m = _AN_EXTENSION.search(raw)
    return m.group(1) if m else ""


def phone_text(e164: str | None, raw: str) -> str:
    """A stored number as a form or a file gives it back to be read again: E.164 with the extension it was written
    with ("+33123456789 ext. 12"), else as it was written."""
    if not e164:
        return raw
    extension = phone_extension(raw)
    return f"{e164} ext. {extension}" if extension else e164


@lru_cache(maxsize=8192)
def display_phone(e164: str | None, raw: str, region: str | None = None) -> str:
    """How a stored number is shown: national form for the shop's own country, else international (with its
    extension)."""
    if not e164:
        return raw
    number = phonenumbers.parse(e164)
    number.extension = phone_extension(raw) or None
    same_country = region and phonenumbers.region_code_for_number(number) == region
    style = phonenumbers.PhoneNumberFormat.NATIONAL if same_country else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, style)


def phone_problem(value: str, region: str | None) -> str | None:
    """A hint for the form: None when the number is fine, else why it is kept as typed."""
    phone = clean_phone(value, region)
    if phone.e164:
        return None
    if region:
        return f"not a number we recognise for {region}; it will be kept as typed"
    return "start with + and the country code so it can be recognised; it will be kept as typed"


def clean_birthday(value: str | date | None, field: str = "birthday") -> str | None:
    """`YYYY-MM-DD`, or `--MM-DD` when the year is unknown; None for empty."""
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, date) else value.strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d{4}|-)-(\d{2})-(\d{2})", text)
    if not m:
        raise InvalidValue(field, value, "date", "write it as YYYY-MM-DD, or --MM-DD without the year")
    year = 2000 if m.group(1) == "-" else int(m.group(1))  # 2000 is a leap year: --02-29 is fine
    try:
        day = date(year, int(m.group(2)), int(m.group(3)))
    except ValueError as e:
        raise InvalidValue(field, value, "date", str(e)) from e
    if m.group(1) != "-" and day > date.today():
        raise InvalidValue(field, value, "date", "a birthday cannot be in the future")
    return text


def clean_consent_source(value: str | None, field: str = "consent_source") -> str:
    """Where and how a customer agreed to marketing: trimmed, at most MAX_CONSENT_SOURCE characters."""
    return clean_text(value, field, MAX_CONSENT_SOURCE)


MAX_TAG = 60


def clean_tag(value: str) -> str:
    """A tag, trimmed; without a comma, which separates tags wherever they are typed or shown together (the
    contact form, an import's tags): "Smith, John" would come back as two tags once the form is saved."""
    tag = clean_text(value, "tag", MAX_TAG)
    if not tag:
        raise InvalidValue("tag", value, "required")
    if "," in tag:
        raise InvalidValue("tag", value, "comma", "a comma separates tags: give each tag on its own")
    return tag


def clean_tags(texts, check=clean_tag) -> list[str]:
    """Tags, each checked (`check`: clean_tag, or one that notes its problem and gives None), blanks and repeats
    in any case left out."""
    tags: list[str] = []
    for text in texts:
        if text and text.strip():
            tag = check(text)
            if tag and tag.casefold() not in (t.casefold() for t in tags):
                tags.append(tag)
    return tags
