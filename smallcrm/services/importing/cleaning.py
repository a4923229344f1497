"""Turning one row of an imported file into a contact, or into a Reject that says what is wrong.

Decisions, in plain words:
- Names are kept as written (NFC, spaces tidied). A leading `'` (a spreadsheet's text guard) is removed
  where it guards a number, a formula or an address ("'0612…", "'=1+1", "'ann@…"), not from "'t Hooft".
- Every email and phone column is kept; Google's "a ::: b" cells are split. An invalid email or phone
  rejects the row only when the row has no valid one of that kind; otherwise the invalid text goes to
  the notes ("E-mail 2 - Value: ann@@example") and the contact says so in `warnings`.
- A row needs a name, a company, an email or a phone. A row with only an email (or phone) is named after
  it, as mail programs do, so that `contacts.clean_contact` (which wants a name) accepts it.
- Single fields filled from several columns take the first value; the others go to the notes as
  "Header: value" lines. Nothing is dropped without a note or a Reject.
- A house number ("Hausnummer", "Huisnummer" with its "Toevoeging") joins the street where the row's country
  writes it: after it ("Hauptstraße 5"), or before it in France, Britain, North America and a few more
  (NUMBER_FIRST: "12 rue de la Paix"); a row that names no country, where its column's language does
  (NUMBER_AFTER: "Hausnummer"), else where the shop's country does.
- An address besides the home one (Outlook's business address, Google's "Address 2") goes to the notes in one
  line named by its kind or label ("Work address: 5 rue du Travail, 78200 Médan"), its town as its country writes
  it; a row without a home address takes the first of them as its address. The names the import gives what it
  keeps in the notes (NOTE_NAMES) are in the shop's language: "Adresse professionnelle", "Site web".
- A file with no column for the town or the postal code may have each address whole in one cell ("12 rue des
  Lilas, 75011 Paris", its lines one under the other): it is read as its street, postal code, town, region and
  country where it ends with a town as its country's post writes it (`addresses.split_address`), else kept whole
  as the street. So is a whole address (Google's "Formatted") beside empty street, town and postal code cells.
- `street2` joins the street after a comma. A short region code ("IL", "ON", "NSW") follows the city
  ("Springfield, IL") where the row's country (else the shop's) writes the region in an address
  (`addresses.region_written`); otherwise, and a longer region name, goes to the notes.
- Dates: the day/month order is decided for a whole column (`infer_date_order`); a column that never
  decides uses the shop's region (`default_date_order`). Two-digit years are read as the most recent
  past year ("90" -> 1990, "05" -> 2005).
- Phones are stored in E.164 when they can be read, else as typed; reading them is cached and takes a
  fast path that gives exactly what `validation.clean_phone` gives (checked by the tests) for plainly
  written numbers, falling back to `clean_phone` for anything else.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from functools import cache, lru_cache

from babel.numbers import get_currency_precision, get_currency_symbol, is_currency
import phonenumbers
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, SUPPORTED_REGIONS
from phonenumbers.phonemetadata import PhoneMetadata

from smallcrm.errors import InvalidValue, Phrase
from smallcrm.services import money, validation
from smallcrm.services.addresses import (SplitAddress, country_code, postal_code_as_posted, region_of_country,
                                        region_written, split_address, town_lines)
from smallcrm.services.contacts import CleanContact, ContactInput, clean_contact, east_asian
from smallcrm.services.importing.mapping import (
    ADDRESS_FIELDS, FIELDS, LAST_FIRST, UNTITLED, fold, header_key, label_columns, numbered_addresses,
    second_addresses,
)
from smallcrm.services.validation import Phone
from smallcrm.services.words import catalog, translate
from smallcrm.store.fields import utc_now

try:  # phonenumbers' own helpers for the fast path; without them every number takes the slow path
    from phonenumbers.phonenumberutil import _FIRST_GROUP_PATTERN
except ImportError:  # pragma: no cover - a phonenumbers that renamed it
    _FIRST_GROUP_PATTERN = None


REJECT_VALUE_LIMIT = 1000  # the characters of a refused value kept to show (a cell can hold megabytes)


@dataclass(frozen=True)
class Reject:
    """A row that cannot become a contact, and why (plain words; `problem` is InvalidValue's code).
    `value` keeps the first REJECT_VALUE_LIMIT characters of the value, and "…" when there were more."""

    row: int
    reason: str
    column: str | None = None
    value: str | None = None
    problem: str = ""
    detail: str = ""

    def __post_init__(self) -> None:
        if self.value is not None and len(self.value) > REJECT_VALUE_LIMIT:
            object.__setattr__(self, "value", self.value[:REJECT_VALUE_LIMIT] + "…")


@dataclass
class ImportedContact(ContactInput):
    """A contact read from a row: a ContactInput (what `contacts.clean_contact` takes) plus what the
    file said beyond it."""

    row: int = 0
    customer_id: str = ""  # the other program's id for this customer
    source: str = ""  # how the customer found the shop, when the file says
    region: str = ""  # state, province or region as written
    phone_details: list[Phone] = field(default_factory=list)  # the checked `phones`, raw text as typed
    warnings: list[str] = field(default_factory=list)  # codes, see WARNINGS
    # What the file says against each channel's consent: NOT_SAID, SAID_NO or OPTED_OUT (see `refusal`)
    email_refused: int = 0
    sms_refused: int = 0


WARNINGS = {
    "email_in_notes": "an email address that is not valid was kept in the notes",
    "phone_in_notes": "a phone number that cannot be one was kept in the notes",
    "phone_cut_short": "a phone number a spreadsheet cut short (4.47912E+11) was kept in the notes: its last digits "
                       "are lost",
    "tag_in_notes": "a tag longer than 60 characters was kept in the notes",
    "street_in_notes": "the second address line did not fit beside the street and was kept in the notes",
    "whole_address": "the address, written whole in one cell, was read as its street, postal code and town",
    "named_after_email": "the row had no name: the email address stands in for it",
    "named_after_phone": "the row had no name: the phone number stands in for it",
    "consent_unclear": "a consent value was neither yes nor no: taken as no",
    "consent_date_unclear": "when a customer agreed was not a date and time that can be read, or was still to come: "
                            "kept in the notes",
    "partial_birthday": "a birthday without its month or day was kept in the notes",
    "extra_cells": "the row had more cells than the header: they were kept in the notes",
    "lost_letters": "a letter that cannot be read (“\ufffd”) was kept as written, outside the names",
    "number_in_notes": "a customer number a spreadsheet cut short (6.54321E+12) was kept in the notes, not used to "
                       "find the customer",
}

# --- text ----------------------------------------------------------------------------------------

_GUARDED = re.compile(r"'+(?=[0-9+=@\-(]|$)")


# Characters that show nothing, pasted from a web page or a word processor, or left by files joined together (a
# byte-order mark): a search would not find "Oz" in "O\u00adz", nor an address look wrong that is refused. (Joiners
# that shape letters or emoji, U+200C and U+200D, are kept.) And the control characters of Latin-1's U+0080-U+009F,
# which no keyboard types: bytes of another encoding ("Ma\x81rc" read as Windows-1252, which leaves 0x81 undefined).
_INVISIBLE = re.compile("[\u0080-\u009f\u00ad\u200b\u2060\ufeff]")


def tidy(text: str) -> str:
    """What `validation.clean_text` gives, without its length check: NFC, no NUL, spaces collapsed."""
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if "\x00" in text:
        text = text.replace("\x00", "")
    return " ".join(text.split())


def plain_cells(cells: list[str]) -> list[str]:
    """The cells without characters that show nothing (_INVISIBLE), and without Excel's formula guard around text
    it must keep as written (="01067", ="0612345678")."""
    joined = "".join(cells)
    guarded = '="' in joined
    if not guarded and (joined.isascii() or not _INVISIBLE.search(joined)):
        return cells
    if not joined.isascii():
        cells = [_INVISIBLE.sub("", cell) for cell in cells]
    if guarded:
        cells = [cell.strip()[2:-1] if cell.strip()[:2] == '="' and cell.strip()[-1:] == '"' else cell
                 for cell in cells]
    return cells


# A letter that cannot be read: "\ufffd", the mark of a letter lost before the file was imported (by the program
# that wrote it, or a file cut short in the middle of a letter: reader._cut_letter). A customer's row is rejected for
# one in who the customer is (a name, a company); one elsewhere (a street, a note) is kept as written, and counted
# ("lost_letters"), as is any in a sale's row (a sale is not left out for a letter of its text).
LOST_LETTER = ("a letter cannot be read (it shows as “\ufffd”): the file was cut short or damaged before it was "
               "imported; type the row in as it should be")
NAME_FIELDS = ("first_name", "last_name", "last_name_prefix", "second_last_name", "full_name", "company")


def lost_letter(cells: list[str], columns: Iterable[int]) -> int | None:
    """The first of `columns` whose cell has a letter that cannot be read (None: none has)."""
    if "\ufffd" not in "".join(cells):
        return None
    return next((i for i in columns if i < len(cells) and "\ufffd" in cells[i]), None)


def unguard_formula(text: str) -> str:
    """Remove the `'` a spreadsheet (or our own export) puts before text that would start a formula
    (`=`, `+`, `-`, `@`); any other leading `'` is the text's own ("'s-Hertogenbosch", "'90s")."""
    return text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@") else text


def unguard(text: str) -> str:
    """Remove a spreadsheet's leading text guard `'` where it guards a number, formula or address."""
    if text.startswith("'"):
        m = _GUARDED.match(text)
        if m:
            return text[m.end():].lstrip()
    return text


# --- emails --------------------------------------------------------------------------------------

# Plain addresses: letters, digits and _%+- (any script before the @, ASCII after it).
_FAST_EMAIL = re.compile(
    r"([\w%+\-]+(?:\.[\w%+\-]+)*)@((?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+([A-Za-z]{2,63}))"
)
_SPECIAL_TLDS = frozenset({"arpa", "invalid", "local", "localhost", "onion", "test"})
_CASE_INSENSITIVE_LOCAL = frozenset({"info", "marketing", "sales", "support", "abuse", "noc", "security", "postmaster",
                                     "hostmaster", "usenet", "news", "webmaster", "www", "uucp", "ftp"})


def check_email(text: str, field: str = "email") -> str:
    """`validation.clean_email`, with a fast path for plain addresses that gives the same result."""
    stripped = text.strip()
    plain = stripped.lstrip("'") if stripped.startswith("'") else stripped
    if len(stripped) <= validation.MAX_NAME:  # clean_text's limit, before the quote goes
        m = _FAST_EMAIL.fullmatch(plain)
        if m and "--" not in m.group(2) and m.group(3).lower() not in _SPECIAL_TLDS:
            local = m.group(1)
            if local.isascii():
                if local.lower() in _CASE_INSENSITIVE_LOCAL:
                    local = local.lower()
                return f"{local}@{m.group(2).lower()}"
            if unicodedata.is_normalized("NFC", local) and len(plain.encode()) <= 254:
                return f"{local}@{m.group(2).lower()}"
    return validation.clean_email(text, field)


# --- phones --------------------------------------------------------------------------------------

_PLAIN_PHONE = re.compile(r"\+?[0-9 ().\-/]+")
_PUNCTUATION = str.maketrans("", "", "+ ().-/")
_NON_DIGITS = re.compile(r"\D")
_GROUPS_ONLY = re.compile(r"(?:\((?!\?)[^()]*\))+")  # "(\d{3})(\d{2})": groups side by side, nothing else
_DESCS = ("premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan", "voicemail",
          "fixed_line", "mobile")


class _Slow(Exception):
    """The fast path does not cover this number: ask phonenumbers itself."""


class _Plan:
    """One region's numbering plan from phonenumbers' metadata, compiled for the fast path."""

    def __init__(self, meta):
        self.meta = meta
        self.cc = meta.country_code
        self.cc_text = str(meta.country_code)
        self.regions = COUNTRY_CODE_TO_REGION_CODE.get(meta.country_code, ())
        self.region = meta.id
        npp = meta.national_prefix_for_parsing
        self.prefix = re.compile(npp) if npp else None
        self.transform = bool(meta.national_prefix_transform_rule)
        self.idd = re.compile(meta.international_prefix) if meta.international_prefix else None
        general = meta.general_desc
        pattern = general.national_number_pattern if general is not None else None
        self.general = re.compile(pattern) if pattern else None
        self.lengths = tuple(general.possible_length) if general is not None else ()
        self.local_lengths = tuple(general.possible_length_local_only or ()) if general is not None else ()
        self.leading = re.compile(meta.leading_digits) if meta.leading_digits else None
        self._valid: dict[int, re.Pattern | None] = {}
        self._formats: list | None = None

    def is_valid(self, nsn: str) -> bool:
        """phonenumbers' `_number_type_helper(nsn) != UNKNOWN`, as one regular expression per length."""
        n = len(nsn)
        rx = self._valid.get(n, False)
        if rx is False:
            rx = self._valid[n] = self._valid_pattern(n)
        return rx is not None and rx.fullmatch(nsn) is not None

    def _valid_pattern(self, n: int) -> re.Pattern | None:
        general = self.meta.general_desc
        if self.general is None or (general.possible_length and n not in general.possible_length):
            return None
        kinds = []
        for name in _DESCS:
            desc = getattr(self.meta, name, None)
            if desc is None or not desc.national_number_pattern:
                continue
            if desc.possible_length and n not in desc.possible_length:
                continue
            kinds.append(f"(?:{desc.national_number_pattern})")
        if not kinds:
            return None
        return re.compile(f"(?=(?:{self.general.pattern})\\Z)(?:{'|'.join(kinds)})")

    def strip_national_prefix(self, number: str) -> str:
        """phonenumbers' national prefix stripping, then its length test (as `parse` does)."""
        if not number or self.prefix is None:
            return number
        m = self.prefix.match(number)
        if not m:
            return number
        groups = m.groups()
        if self.transform and (not groups or groups[-1] is not None):
            raise _Slow
        rest = number[m.end():]
        general = self.general
        viable = general is not None and general.fullmatch(number) is not None
        if viable and not (general is not None and general.fullmatch(rest) is not None):
            return number
        return rest if self._possible_after_strip(rest) else number

    def _possible_after_strip(self, number: str) -> bool:
        lengths = self.lengths
        if not lengths:
            raise _Slow
        n = len(number)
        if n in self.local_lengths:
            return False
        if lengths[0] == n:
            return True
        if lengths[0] > n:
            return False
        if lengths[-1] < n:
            return True  # too long: parse still takes the stripped number
        return n in lengths[1:]

    def national_digits(self, nsn: str) -> str:
        """The digits of phonenumbers' NATIONAL format of the number (its `_format_nsn`)."""
        if self._formats is None:
            self._formats = [self._compile_format(fmt) for fmt in self.meta.number_format]
        for leading, pattern, rule, pieces in self._formats:
            if leading is not None and not leading.match(nsn):
                continue
            if pattern.fullmatch(nsn):
                if isinstance(pieces, tuple):  # the groups are the whole number, in order
                    return pieces[0] + nsn + pieces[1]
                m = pattern.match(nsn)  # what re.sub replaces first
                if pieces is None or m.end() != len(nsn) or None in m.groups():
                    return _NON_DIGITS.sub("", pattern.sub(rule, nsn))
                return "".join(m.group(p) if isinstance(p, int) else p for p in pieces)
        return nsn

    @staticmethod
    def _compile_format(fmt):
        leading = re.compile(fmt.leading_digits_pattern[-1]) if fmt.leading_digits_pattern else None
        rule = fmt.format
        if fmt.national_prefix_formatting_rule:
            rule = re.sub(_FIRST_GROUP_PATTERN, fmt.national_prefix_formatting_rule, rule, count=1)
        # The rule's digits and group references, so the digits come without re.sub's template work.
        parts = re.split(r"\\(\d)", rule)
        pieces = None
        if "\\g" not in rule and all("\\" not in part for part in parts[0::2]):
            pieces = [int(part) if i % 2 else _NON_DIGITS.sub("", part) for i, part in enumerate(parts)]
            groups = [p for p in pieces if isinstance(p, int)]
            inner = pieces[1:-1]
            if (_GROUPS_ONLY.fullmatch(fmt.pattern) and groups == list(range(1, re.compile(fmt.pattern).groups + 1))
                    and all(isinstance(p, int) or p == "" for p in inner)):
                return leading, re.compile(fmt.pattern), rule, (pieces[0], pieces[-1])
            pieces = [p for p in pieces if p != ""]
        return leading, re.compile(fmt.pattern), rule, pieces


@cache
def _plan(region: str) -> _Plan | None:
    meta = PhoneMetadata.metadata_for_region(region, None)
    return _Plan(meta) if meta is not None else None


def _region_for(cc: int, nsn: str) -> str | None:
    """phonenumbers' `region_code_for_number`."""
    regions = COUNTRY_CODE_TO_REGION_CODE.get(cc)
    if not regions:
        return None
    if len(regions) == 1:
        return regions[0]
    for region in regions:
        plan = _plan(region)
        if plan is None:
            continue
        if plan.leading is not None:
            if plan.leading.match(nsn):
                return region
        elif plan.is_valid(nsn):
            return region
    return None


_COUNTRY_CODES = {str(cc): cc for cc in COUNTRY_CODE_TO_REGION_CODE}  # as written -> the country code


def _after_country_code(digits: str) -> tuple[int, _Plan | None, str]:
    """(country code, its main region's plan, the digits after it) of a number written after + or an
    international prefix; raises _Slow where phonenumbers would refuse it or reads it otherwise."""
    if len(digits) <= 2 or digits[0] == "0":
        raise _Slow
    for size in (1, 2, 3):
        cc = _COUNTRY_CODES.get(digits[:size])
        if cc is not None:
            break
    else:
        raise _Slow
    main = COUNTRY_CODE_TO_REGION_CODE[cc][0]
    if main == "001":
        raise _Slow
    return cc, _plan(main), digits[size:]


def _fast_phone(raw: str, digits: str, region: str | None) -> tuple[str, str, str] | None:
    """(E.164, national digits, national number) of a plainly written valid number; None if not valid.

    Raises _Slow where the fast path does not follow phonenumbers (leave it to `clean_phone`).
    """
    if raw[0] == "+":
        if "+" in raw[1:]:
            raise _Slow
        cc, plan, number = _after_country_code(digits)
    else:
        if "+" in raw:
            raise _Slow
        if region not in SUPPORTED_REGIONS:
            return None  # phonenumbers needs a region for a number without +country
        plan = _plan(region)
        if plan is None:
            raise _Slow
        idd = plan.idd.match(digits) if plan.idd is not None else None
        if idd is not None:
            # The region's international prefix ("0033 6 12 ..." dialled from France): read as after a +.
            # phonenumbers does not strip a prefix that a 0 follows (no country code starts with 0).
            cc, plan, number = _after_country_code(digits[idd.end():])
        elif digits.startswith(plan.cc_text):
            raise _Slow  # the country code written without + or prefix
        else:
            cc = plan.cc
            number = digits
    if plan is None or len(number) < 2:
        return None
    nsn = plan.strip_national_prefix(number)
    if not 2 <= len(nsn) <= 17 or not nsn.strip("0"):
        return None
    regions = plan.regions
    number_region = regions[0] if len(regions) == 1 else _region_for(cc, nsn)
    if number_region is None:
        return None
    region_plan = plan if number_region == plan.region else _plan(number_region)
    if region_plan is None or not region_plan.is_valid(nsn):
        return None
    main_plan = region_plan if number_region == regions[0] else _plan(regions[0])
    return f"+{cc}{nsn}", main_plan.national_digits(nsn), str(int(nsn))


@lru_cache(maxsize=8192)  # the same number twice in a row or file; small, so the collector has little to walk
def _phone_or_problem(text: str, region: str | None) -> Phone | InvalidValue:
    raw = tidy(text)
    if len(raw) <= validation.MAX_NAME:
        raw = raw.lstrip("'").strip()
        if raw and _FIRST_GROUP_PATTERN is not None and _PLAIN_PHONE.fullmatch(raw):
            digits = raw.translate(_PUNCTUATION)
            if 3 <= len(digits) <= 20:
                try:
                    found = _fast_phone(raw, digits, region)
                except _Slow:
                    pass
                else:
                    if found is None:
                        return Phone(raw, None, digits)
                    e164, national, national_number = found
                    return Phone(raw, e164, " ".join(dict.fromkeys((e164[1:], national, national_number, digits))))
    try:
        return validation.clean_phone(text, region)
    except InvalidValue as e:
        return facts_of(e)  # kept (and cached)


def facts_of(error: InvalidValue) -> InvalidValue:
    """The error's facts, to keep: a new InvalidValue, without the traceback and the exception it was raised
    from. Those hold the frames it passed through, and each frame its caller's, up to the loop over the
    rows: kept beside the row's other findings, they would make a cycle that keeps a whole chunk of rows
    alive until the cyclic garbage collector finds it (a long pause, or memory that only grows)."""
    return InvalidValue(error.field, error.value, error.problem, error.detail)


@lru_cache(maxsize=1024)
def _label(text: str) -> str:
    """validation.clean_label, cached: a file's labels are few ("Mobile", "Work")."""
    return validation.clean_label(text)


def check_phone(text: str, region: str | None, field: str = "phone") -> Phone:
    """`validation.clean_phone`, cached, with a fast path that gives the same result."""
    found = _phone_or_problem(text, region)
    if isinstance(found, InvalidValue):
        raise InvalidValue(field, found.value, found.problem, found.detail)
    return found


# --- dates ---------------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[T ].*)?")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_NO_YEAR = re.compile(r"--(\d{1,2})-?(\d{1,2})")
_NUMERIC_DATE = re.compile(r"(\d{1,2})([-/.])(\d{1,2})(?:\2(\d{4}|\d{2}))?\.?(?:[T ,]+\d{1,2}[:.]\d{2}.*)?")
_NO_DATE = re.compile(r"0{1,4}([-/.])0{1,2}\1?0{0,4}(?:[T ].*)?|--0{1,2}-?0{1,2}")
_DATE_WORD = re.compile(r"\d+|[^\W\d_]+")
_DATE_NOISE = frozenset({"de", "del", "of", "the", "st", "nd", "rd", "th", "er", "e", "le", "den", "der", "el"})
_MONTH_LOCALES = ("en", "fr", "de", "es", "it", "pt", "nl")
ORDERS = ("ymd", "dmy", "mdy")
_MDY_REGIONS = frozenset({"US", "PR", "GU", "VI", "AS", "MP", "UM", "PH", "FM", "MH", "PW", "BZ"})
_YMD_REGIONS = frozenset({"CN", "JP", "KR", "KP", "TW", "HU", "MN", "LT", "IR"})


# A report's total of the rows above (compared as fold() writes it): words no name is ("Grand total", Excel's pivot
# tables' "Gesamtergebnis"), and words a name may be ("Total", a company; "Som", a Thai nickname; "Sum", a surname),
# a total only with a count after a colon or in brackets ("Total: 2 contacts", "Total des clients : 2", "Gesamt:
# 120", "Total (2)"), not "Total Fitness 24".
TOTAL_PHRASES = {"totals", "grand total", "total general", "totaux", "gesamtsumme", "gesamtergebnis", "totale generale",
                 "totale complessivo", "eindtotaal", "total geral", "suma total"}
TOTAL_WORDS = {"total", "sum", "som", "summe", "gesamt", "totale", "totaal", "suma", *TOTAL_PHRASES}
_COUNTED = re.compile(r"(\w+)(?: \w+){0,2} ?: ?\d[\d.,]*(?: \w+)?|(\w+) \(\d+\)")
TOTAL_ROW = "the total of the rows above, not a customer: nothing to import"
_FIGURE = re.compile(r"(?:[A-Z]{3} ?)?\W*\d[\d\s.,']*\W*(?: ?[A-Z]{3})?")  # ("20.50", "€ 1.234,50", "CHF 20.50")


def says_total(text: str) -> bool:
    """Whether a cell says the row is the total of the rows above (TOTAL_PHRASES, TOTAL_WORDS)."""
    words = " ".join(fold(text).split())
    if words.rstrip(" :") in TOTAL_PHRASES:
        return True
    counted = _COUNTED.fullmatch(words)
    return counted is not None and (counted.group(1) or counted.group(2)) in TOTAL_WORDS


# Words of a total that are no one's name, said alone in a row of figures or of nothing else ("Total,,,1234.00" under
# a list with what each customer spent): the row names no customer
_TOTAL_ALONE = frozenset({"total", "totals", "gesamt", "totaal", "totale", "summe"})


def _total_row(cells: list[str]) -> bool:
    """Whether a row is a total of the rows above: its first filled cell says so, and its others are figures."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    return (bool(filled) and (says_total(filled[0]) or fold(filled[0]).strip(" :") in _TOTAL_ALONE)
            and all(_FIGURE.fullmatch(cell) for cell in filled[1:]))


def _fold(word: str) -> str:
    text = unicodedata.normalize("NFKD", word.lower().rstrip("."))
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _month_words() -> tuple[dict[str, int], frozenset[str]]:
    """Month names and abbreviations in the seven languages (from babel), and weekday names to skip."""
    from babel.dates import get_day_names, get_month_names

    months: dict[str, set[int]] = {}
    weekdays: set[str] = set()
    for locale in _MONTH_LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=locale).items():
                    months.setdefault(_fold(name), set()).add(number)
        for name in get_day_names("wide", locale=locale).values():
            weekdays.update(_DATE_WORD.findall(_fold(name)))  # "segunda-feira" is two words
    months.setdefault("sept", set()).add(9)
    unique = {word: numbers.pop() for word, numbers in months.items() if len(numbers) == 1}
    return unique, frozenset(weekdays - set(unique))


# The parts of a country with numbers of their own, where the country's own numbers are in use too (a French mobile in
# Cayenne): a number the part's plan cannot read is read as the country's
PARTS_OF = {"FR": frozenset({"GF", "GP", "MQ", "RE", "YT", "PM", "BL", "MF", "NC", "PF", "WF"}),
            "GB": frozenset({"JE", "GG", "IM"}), "US": frozenset({"PR", "VI", "GU", "AS", "MP"}),
            "NL": frozenset({"AW", "CW", "SX", "BQ"}), "DK": frozenset({"FO", "GL"}), "FI": frozenset({"AX"}),
            "NO": frozenset({"SJ"})}


def region_code(text: str) -> str | None:
    """The region someone typed for phone numbers: a two-letter code in any case ("fr"), or a country's name or
    usual short form ("UK", "Deutschland"); None when it names none."""
    code = text.strip().upper()
    return code if code in SUPPORTED_REGIONS else region_of_country(text)


def default_date_order(region: str | None) -> str:
    """How people in the region write dates: "mdy" in the United States, "ymd" in East Asia, else "dmy"."""
    region = (region or "").upper()
    if region in _MDY_REGIONS:
        return "mdy"
    if region in _YMD_REGIONS:
        return "ymd"
    return "dmy"


def _date_evidence(text: str) -> str | None:
    """What one value says about the column's order: "dmy", "mdy", "ymd", "either" or None (not a date, or one
    that reads the same either way: 05/05/1990)."""
    value = text.strip().lstrip("'")
    if not value or _NO_DATE.fullmatch(value):
        return None
    if _ISO_DATE.fullmatch(value) or _COMPACT_DATE.fullmatch(value):
        return "ymd"
    m = _NUMERIC_DATE.fullmatch(value)
    if m:
        first, second = int(m.group(1)), int(m.group(3))
        if first > 12 and second > 12 or max(first, second) > 31 or not (first and second) or first == second:
            return None  # (32/13/1980 is no date either way, 05/05/1980 the same date: it says nothing of the others)
        if first > 12 >= second:
            return "dmy"
        if second > 12 >= first:
            return "mdy"
        return "dot" if m.group(2) == "." else "either"
    return None


def infer_date_order(values: Iterable[str]) -> str:
    """The day/month order of a column, from all its values: "dmy", "mdy", "ymd" (no value needs an
    order: ISO dates, "--MM-DD", month names, 05/05/1990), or "ambiguous" (both orders fit every value, or the
    values disagree)."""
    seen = set()
    for value in values:
        evidence = _date_evidence(value)
        if evidence:
            seen.add(evidence)
    return _order_from(seen)


def _order_from(seen: set[str]) -> str:
    if "dmy" in seen and "mdy" in seen:
        return "ambiguous"
    if "dmy" in seen:
        return "dmy"
    if "mdy" in seen:
        return "mdy"
    if "dot" in seen and "either" not in seen:
        return "dmy"  # 03.04.1990 is how German, Dutch and many others write 3 April
    if "either" in seen or "dot" in seen:
        return "ambiguous"
    return "ymd"


def _two_digit_year(year: int) -> int:
    this_year = date.today().year
    return 2000 + year if 2000 + year <= this_year else 1900 + year


# The years programs write for "no year": 0000 (Square), and 1604 (Apple's contacts: a leap year, for 29 February)
_NO_YEARS = (0, 1604)


def _make_date(text: str, year: int | None, month: int, day: int) -> str:
    if year in _NO_YEARS:
        year = None
    if not 1 <= month <= 12:
        raise InvalidValue("date", text, "date", f"there is no month {month}")
    try:
        found = date(year if year is not None else 2000, month, day)  # 2000: 29 February is fine
    except ValueError as e:
        raise InvalidValue("date", text, "date", f"{e}") from e
    return found.isoformat() if year is not None else f"--{month:02d}-{day:02d}"


def _date_with_month_name(text: str, words: list[str]) -> str:
    months, weekdays = _month_words()
    month = None
    numbers = []
    for word in words:
        if word.isdigit():
            numbers.append(word)
            continue
        folded = _fold(word)
        if folded in months and month is None:
            month = months[folded]
        elif folded not in _DATE_NOISE and folded not in weekdays:
            raise InvalidValue("date", text, "date", "not a date")
    years = [n for n in numbers if len(n) == 4]
    rest = [n for n in numbers if len(n) != 4]
    if month is None or not numbers or len(numbers) > 2 or len(years) > 1 or any(len(n) > 2 for n in rest):
        raise InvalidValue("date", text, "date", "not a date")
    if not rest:
        raise InvalidValue("date", text, "date", "a day is missing")
    year = int(years[0]) if years else _two_digit_year(int(rest[1])) if len(rest) == 2 else None
    return _make_date(text, year, month, int(rest[0]))


def parse_date(text: str, order: str) -> str | None:
    """`YYYY-MM-DD`, or `--MM-DD` without a year; None for an empty cell (or Outlook's "0/0/00").

    `order` ("dmy", "mdy", "ymd" or "ambiguous") says how to read 03/04/1990; a value that only one
    order can read is read so whatever `order` says. Raises InvalidValue for text that is not a date,
    an impossible date (2023-02-30), or 03/04/1990 when the order is not known.
    """
    value = (text or "").strip().lstrip("'").strip()
    if not value or _NO_DATE.fullmatch(value):
        return None
    m = _ISO_DATE.fullmatch(value)
    if m:
        return _make_date(text, int(m.group(1)), int(m.group(3)), int(m.group(4)))
    m = _COMPACT_DATE.fullmatch(value)
    if m:
        return _make_date(text, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _NO_YEAR.fullmatch(value)
    if m:
        return _make_date(text, None, int(m.group(1)), int(m.group(2)))
    m = _NUMERIC_DATE.fullmatch(value)
    if m:
        first, second = int(m.group(1)), int(m.group(3))
        year_text = m.group(4)
        year = None if year_text is None else int(year_text) if len(year_text) == 4 else _two_digit_year(int(year_text))
        if order not in ("dmy", "mdy"):
            if first > 12 >= second:
                order = "dmy"
            elif second > 12 >= first:
                order = "mdy"
            elif first == second:
                order = "dmy"  # 05/05/1990 reads the same either way
            else:
                raise InvalidValue("date", text, "ambiguous", "the day and the month could be either way round")
        day, month = (first, second) if order == "dmy" else (second, first)
        return _make_date(text, year, month, day)
    words = _DATE_WORD.findall(value)
    if words and any(not w.isdigit() for w in words):
        return _date_with_month_name(text, words)
    raise InvalidValue("date", text, "date", "not a date")


def _join_birthday(year: str, month: str, day: str) -> str | None:
    """Thunderbird's Birth Year, Birth Month and Birth Day as one birthday (None when month or day is missing)."""
    y, m, d = (unguard(v.strip()) for v in (year, month, day))
    if not m or not d:
        if y or m or d:
            raise _PartialBirthday
        return None
    text = f"{y}-{m}-{d}" if y else f"--{m}-{d}"
    if not (m.isdigit() and d.isdigit() and (not y or y.isdigit())):
        raise InvalidValue("birthday", f"{y}/{m}/{d}", "date", "not a date")
    year = int(y) if y else None
    if year is not None and year < 100:
        year = _two_digit_year(year)
    return _make_date(text, year, int(m), int(d))


class _PartialBirthday(Exception):
    pass


# --- money ---------------------------------------------------------------------------------------

_AMOUNT = re.compile(r"\d(?:[\d.,' \u00a0\u202f\u2009\u2019]*\d)?")
# What is wrong with an amount (InvalidValue.detail; those with facts are made into a Phrase).
TOO_LONG = f"too long: at most {validation.MAX_NAME} characters"  # (a name, company, street, city or country)
NOTES_TOO_LONG = f"the notes are too long: at most {validation.MAX_TEXT:,} characters"
PREVIEW_VALUE = 60  # characters of a value too long to show whole in a reject
NOT_AN_AMOUNT = "not an amount"
DECIMAL_MARK_LAST = "the decimal mark must come once, last"
MIXED_SEPARATORS = "mixed thousands separators"
MISPLACED_SEPARATORS = "the thousands separators are not where they belong"
OTHER_CURRENCY = "the amount is in {found}, not {currency}"
SIGN_OF_SEVERAL = ("“{sign}” is the sign of several currencies ({codes}), none of them {currency}: say which is the "
                   "currency of rows without one, or add a currency column")
AMBIGUOUS_AMOUNT = "{written} could be {one} or {other}"

_GROUP_CHARS = " \u00a0\u202f\u2009'\u2019"
_MINUS = "-\u2212\u2013"
# Whole francs or euros written with a dash for the cents ("Fr. 45.–", "5.-", "€ 12,-", "1.250,–"): no minus sign.
_DASH_CENTS = re.compile(r"(?<=\d)([.,])[-\u2212\u2013\u2014]{1,2}(?![\d-])")


def _dash_cents(text: str) -> str:
    """"45.–" as "45.00" (see _DASH_CENTS)."""
    return _DASH_CENTS.sub(r"\g<1>00", text)
_SYMBOL_LOCALES = ("en", "en_US", "en_GB", "en_CA", "en_AU", "fr", "fr_CA", "fr_CH", "de", "de_CH", "es", "es_MX",
                   "it", "pt", "pt_BR", "nl", "ja", "zh", "sv", "da", "nb", "pl", "cs")
_COMMON_CURRENCIES = ("EUR", "USD", "GBP", "CHF", "JPY", "CNY", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "ISK",
                      "PLN", "CZK", "HUF", "RON", "BGN", "TRY", "RUB", "UAH", "INR", "BRL", "MXN", "ARS", "CLP",
                      "COP", "ZAR", "SGD", "HKD", "KRW", "TWD", "ILS", "AED", "SAR", "KWD", "BHD", "TND", "MAD")
_CURRENCY_RANK = {code: i for i, code in enumerate(_COMMON_CURRENCIES)}  # the more used first, in messages
_EXTRA_SIGNS = {"$": ("USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "ARS", "CLP", "COP", "TWD"),
                "kr": ("SEK", "NOK", "DKK", "ISK"), "zł": ("PLN",), "kč": ("CZK",), "fr": ("CHF",), "ft": ("HUF",),
                "lei": ("RON",), "лв": ("BGN",), "₺": ("TRY",), "₽": ("RUB",), "₴": ("UAH",), "₹": ("INR",),
                "r$": ("BRL",), "₩": ("KRW",), "₪": ("ILS",), "¥": ("JPY", "CNY"), "￥": ("JPY", "CNY"),
                "£": ("GBP",), "€": ("EUR",), "sfr": ("CHF",), "r": ("ZAR",)}


@lru_cache(maxsize=1)
def _currency_signs() -> dict[str, frozenset[str]]:
    """Each way of writing a currency next to an amount ("€", "eur", "us$", "kr") -> the currencies it may be."""
    signs: dict[str, set[str]] = {}
    for code in _COMMON_CURRENCIES:
        signs.setdefault(code.lower(), set()).add(code)
        for locale in _SYMBOL_LOCALES:
            signs.setdefault(_sign_key(get_currency_symbol(code, locale)), set()).add(code)
    for sign, codes in _EXTRA_SIGNS.items():
        signs.setdefault(_sign_key(sign), set()).update(codes)
    return {sign: frozenset(codes) for sign, codes in signs.items() if sign}


def _sign_key(text: str) -> str:
    return "".join(text.split()).rstrip(".").lower()


def currencies_of_sign(sign: str) -> frozenset[str]:
    """The currencies a sign or code may be ("zł": PLN, "kr": SEK, NOK, DKK or ISK); none for one no currency
    writes."""
    key = _sign_key(sign)
    return _currency_signs().get(key, frozenset()) if key else frozenset()


def currencies_beside(text: str) -> frozenset[str]:
    """The currencies the sign written beside an amount may be ("£ 25.00", "25,00 €": GBP, EUR); none for a
    bare amount."""
    value = (text or "").strip().lstrip("'").strip()
    m = _AMOUNT.search(value)
    if not m:
        return frozenset()
    sign = value[:m.start()] + value[m.end():]
    return currencies_of_sign("".join(c for c in sign if c not in _MINUS + "+()"))


def _check_sign(text: str, sign: str, currency: str) -> None:
    key = _sign_key(sign)
    if not key:
        return
    if key == currency.lower():
        return
    codes = _currency_signs().get(key)
    if codes is None:
        if len(key) == 3 and key.isalpha() and is_currency(key.upper()):  # an ISO code ("INV-2001" is not)
            raise InvalidValue("amount", text, "currency", Phrase(OTHER_CURRENCY, found=key.upper(), currency=currency))
        raise InvalidValue("amount", text, "amount", NOT_AN_AMOUNT)
    if currency not in codes:
        if len(codes) == 1:
            raise InvalidValue("amount", text, "currency",
                               Phrase(OTHER_CURRENCY, found=next(iter(codes)), currency=currency))
        known = sorted(codes, key=lambda code: (_CURRENCY_RANK.get(code, len(_CURRENCY_RANK)), code))
        raise InvalidValue("amount", text, "currency", Phrase(
            SIGN_OF_SEVERAL, sign=sign.strip(), codes=", ".join(known[:3]) + (", …" if len(known) > 3 else ""),
            currency=currency))


def _grouped(groups: list[str]) -> bool:
    """Thousands groups: 1-3 digits (not a lone 0), then groups of exactly 3."""
    return 1 <= len(groups[0]) <= 3 and groups[0] != "0" and all(len(g) == 3 for g in groups[1:])


def _split_amount(core: str, decimal_mark: str | None, digits: int, text: str) -> tuple[str, str]:
    """(whole digits, decimal digits) of "1.234,56"-like text."""
    marks = [c for c in core if not c.isdigit()]
    if not marks:
        return core, ""
    kinds = set(marks)
    last = marks[-1]
    if decimal_mark is not None:
        decimal = decimal_mark if decimal_mark in kinds else None
    elif len(kinds) > 1:
        decimal = last
    elif last in _GROUP_CHARS or len(marks) > 1:
        decimal = None
    else:
        after = len(core) - core.rindex(last) - 1
        before = core[: core.rindex(last)]
        if after != 3 or before.startswith("0"):
            decimal = last
        elif digits == 0:
            decimal = None  # a currency without decimals: 1,234 is a thousand and more
        else:
            other = "." if last == "," else ","
            raise InvalidValue("amount", text, "ambiguous", Phrase(AMBIGUOUS_AMOUNT, written=core,
                                                                   one=f"{before}{other}{core[-3:]}",
                                                                   other=f"{before}{core[-3:]}"))
    if decimal is not None:
        if marks.count(decimal) != 1 or last != decimal:
            raise InvalidValue("amount", text, "amount", DECIMAL_MARK_LAST)
        whole, fraction = core.rsplit(decimal, 1)
    else:
        whole, fraction = core, ""
    group_marks = {c for c in whole if not c.isdigit()}
    if group_marks:
        if len(group_marks) > 1:
            raise InvalidValue("amount", text, "amount", MIXED_SEPARATORS)
        if not _grouped(whole.split(group_marks.pop())):
            raise InvalidValue("amount", text, "amount", MISPLACED_SEPARATORS)
    return "".join(c for c in whole if c.isdigit()), fraction


def parse_money(text: str, currency: str, decimal_mark: str | None = None, *, exact: bool = False) -> int | Decimal:
    """An amount as minor units of `currency`: "1.234,56" / "1,234.56" / "1 234,56" / "€ 12,50" /
    "12.50 EUR" / "(12.50)" / "-12,50" -> 123456 / 123456 / 123456 / 1250 / 1250 / -1250 / -1250.

    A leading `'` is ignored. `decimal_mark` ("." or ",", see `infer_decimal_mark`) settles values such
    as "1,234" that are a thousand and more, or a number with three decimals. Raises InvalidValue when
    the text is not an amount, is in another currency, has more decimals than the currency, or is ambiguous.
    `exact`: more decimals than the currency are kept, in a Decimal of minor units (a price of "0.001" in euros
    is Decimal("0.1")), instead of raising.
    """
    original = text
    value = _dash_cents((text or "").strip().lstrip("'").strip())
    m = _AMOUNT.search(value)
    if not m:
        raise InvalidValue("amount", original, "amount", NOT_AN_AMOUNT)
    if decimal_mark not in (None, ".", ","):
        raise InvalidValue("decimal_mark", decimal_mark, "decimal_mark", 'use "." or ","')
    core = m.group()
    prefix, suffix = value[: m.start()], value[m.end():]
    negative = False
    if "(" in prefix and ")" in suffix:
        negative = True
        prefix, suffix = prefix.replace("(", "", 1), suffix.replace(")", "", 1)
    signs = 0
    for minus in _MINUS:
        signs += prefix.count(minus) + suffix.count(minus)
        prefix, suffix = prefix.replace(minus, " "), suffix.replace(minus, " ")
    if "+" in prefix:
        prefix = prefix.replace("+", " ", 1)
    if signs > 1 or (signs and negative):
        raise InvalidValue("amount", original, "amount", NOT_AN_AMOUNT)
    negative = negative or signs == 1
    digits = get_currency_precision(currency)
    _check_sign(original, prefix, currency)
    _check_sign(original, suffix, currency)
    whole, fraction = _split_amount(core, decimal_mark, digits, original)
    if len(fraction) > digits:
        if fraction[digits:].strip("0"):
            if not exact:
                raise InvalidValue("amount", original, "amount",
                                   Phrase(money.DECIMALS, currency=currency, digits=digits) if digits else
                                   Phrase(money.NO_DECIMALS, currency=currency))
            minor = Decimal(f"{whole or '0'}{fraction[:digits]}.{fraction[digits:]}")
            return -minor if negative else minor
        fraction = fraction[:digits]
    minor = int(whole or "0") * 10**digits + int(fraction.ljust(digits, "0") or "0")
    if minor > 10**15:
        raise InvalidValue("amount", original, "amount", money.TOO_LARGE)
    return -minor if negative else minor


def infer_decimal_mark(values: Iterable[str]) -> str:
    """"," or "." as a whole column of amounts shows it, or "ambiguous" (no value tells, or they disagree)."""
    seen = set()
    for text in values:
        m = _AMOUNT.search(_dash_cents((text or "").strip().lstrip("'")))
        if not m:
            continue
        core = m.group()
        marks = [c for c in core if c in ".,"]
        if not marks:
            continue
        if len(set(marks)) > 1:
            seen.add(marks[-1])
        elif len(marks) > 1:
            seen.add("," if marks[0] == "." else ".")
        else:
            after = len(core) - core.rindex(marks[0]) - 1
            if after != 3 or core.startswith("0"):
                seen.add(marks[0])
    return seen.pop() if len(seen) == 1 else "ambiguous"


# --- names, consent, tags ------------------------------------------------------------------------

_PARTICLES = frozenset({"van", "von", "de", "da", "di", "del", "della", "der", "den", "du", "la", "le", "dos", "das",
                        "do", "ten", "ter", "zu", "af", "al", "el", "st", "st.", "saint", "mac", "bin", "ibn",
                        "los", "las", "des", "dei", "degli", "delle", "dal", "dalla", "'t", "’t",
                        "ó", "ní", "nic", "uí", "ap"})  # (Irish "Seán Ó Briain", Welsh "ap Rhys")
# Written after a last name, and part of it ("Martin Luther King, Jr.", "Henry Ford II")
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "jnr", "jnr.", "snr", "snr.", "ii", "iii", "iv"})


# Titles a name can be written after ("Mme Léa Martin", "Prof. Dr. Hans Müller"), in lower case and without their
# dot; those in _DOTTED_TITLES only with it ("M. Dupont" is Monsieur Dupont, "M Dupont" may be an initial).
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "mme", "mmes", "mlle", "mlles",
                     "herr", "frau", "hr", "sr", "sra", "srta", "sig", "sigra", "dott", "dhr", "mevr", "mw"})
_DOTTED_TITLES = frozenset({"m.", "pr.", "fr.", "dra."})
# Titles that are no one's first name, alone in a first name column ("Dame", "Sig", "M." may be one)
TITLE_ONLY = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "mme", "mmes", "mlle", "mlles", "herr", "frau",
                         "sr", "sra", "srta", "dhr", "mevr", "monsieur", "madame", "mademoiselle"})


def _is_title(word: str) -> bool:
    word = word.lower()
    return word in _DOTTED_TITLES or word.removesuffix(".") in _TITLES


def _without_titles(words: list[str]) -> list[str]:
    """The words of a name after the titles it starts with, a couple's too ("M. et Mme Dupont", "Mr & Mrs John
    Smith"); a title alone before one word stays out too ("Mme Martin" is Martin)."""
    start = 0
    while start < len(words) - 1 and _is_title(words[start]):
        start += 1
        if start < len(words) - 2 and words[start].lower() in _AND and _is_title(words[start + 1]):
            start += 1
    return words[start:]


_AND = frozenset({"and", "&", "+", "et", "und", "y", "e", "en"})  # between a couple's titles


# A business's legal form, a word of its name ("SARL Martin Plomberie", "Müller GmbH", "Acme Ltd."); not those of two
# letters, which are names too (the Korean Sa, written in capitals as French lists write last names: "KIM SA")
_LEGAL_FORM = re.compile(r"(?<!\w)(?i:sarl|s\.a\.r\.l\.|sasu|eurl|gmbh|ltd|llc|inc|plc|llp|srl|s\.r\.l\.|"
                         r"s\.p\.a\.|lda|ohg|gbr|b\.v\.|n\.v\.|bvba)(?!\w)|(?<!\w)(?:SAS|SCI|SNC)(?!\w)")


def company_name(name: str) -> bool:
    """Whether a name holds a business's legal form: the name of a company, not of a person."""
    return _LEGAL_FORM.search(name) is not None


def split_full_name(name: str, last_first: bool = False) -> tuple[str, str]:
    """("Ann Marie", "Lee") from "Ann Marie Lee"; "Lee, Ann" -> ("Ann", "Lee"); particles stay with the last
    name ("Ludwig van Beethoven" -> ("Ludwig", "van Beethoven")); a last name in capitals, as French lists
    write it, is the last name before or after the first ("DUPONT Marie", "LE GALL Jean-Noël"). One word is a
    first name. Titles are left out ("Mme Léa Martin" -> ("Léa", "Martin"); "Mme Martin" -> ("", "Martin")), as a
    title column is. `last_first`: written last name first (under "Nom Prénom": "Dupont Marie"), the first name
    is the last word. A name in Chinese, Japanese or Korean letters is written family name first ("山田 太郎" ->
    ("太郎", "山田"))."""
    if "," in name:
        last, _, first = name.partition(",")
        if first.strip().lower() in _SUFFIXES:
            name = f"{last} {first}"  # (the suffix of a last name, not the first name after it)
        elif first.strip() and last.strip():
            return " ".join(_without_titles(first.split())), last.strip()
    words = name.split()
    if len(words) > 1 and _is_title(words[0]):
        words = _without_titles(words)
        if len(words) == 1:
            return "", words[0]
    suffix = []
    while len(words) > 2 and words[-1].lower() in _SUFFIXES:
        suffix.insert(0, words.pop())
    if suffix:
        first, last = split_full_name(" ".join(words), last_first)
        return first, " ".join([last, *suffix])
    if len(words) < 2:
        return name, ""
    if all(map(east_asian, words)):  # Chinese, Japanese and Korean write the family name first ("山田 太郎")
        return " ".join(words[1:]), words[0]
    capitals = [w.isupper() and sum(c.isalpha() for c in w) > 1 for w in words]  # (not an initial: "J.")
    if any(capitals) and not all(capitals):
        lead = capitals.index(False)  # the capitals first ("DUPONT Marie"), or last ("Marie DUPONT")
        if lead and not any(capitals[lead:]):
            return " ".join(words[lead:]), " ".join(words[:lead])
        tail = len(words) - capitals[::-1].index(False)
        if tail < len(words) and not any(capitals[:tail]):
            return " ".join(words[:tail]), " ".join(words[tail:])
    if last_first:  # the last name is the first word, with any particles before it ("Van Damme Jean Claude")
        cut = 1
        while cut < len(words) - 1 and words[cut - 1].lower() in _PARTICLES:
            cut += 1
        return " ".join(words[cut:]), " ".join(words[:cut])
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in _PARTICLES:
        cut -= 1
    return " ".join(words[:cut]), " ".join(words[cut:])


def with_prefix(prefix: str, last: str) -> str:
    """A Dutch last name with its "tussenvoegsel": ("van der", "Berg") -> "van der Berg" (once, when the file
    also wrote it in the last name)."""
    if not prefix or not last or last.casefold().startswith(prefix.casefold() + " "):
        return last
    if prefix[-1] in "'’":  # ("d'" Hondt: d'Hondt)
        return last if last.casefold().startswith(prefix.casefold()) else f"{prefix}{last}"
    return f"{prefix} {last}"


def with_second(last: str, second: str) -> str:
    """A Spanish last name with the second one: ("García", "Núñez") -> "García Núñez" (once, when the file also wrote
    it in the last name)."""
    if not second or last.casefold().endswith(" " + second.casefold()):
        return last
    return f"{last} {second}" if last else second


_YES = frozenset({"yes", "y", "true", "t", "1", "x", "subscribed", "opted in", "optedin", "opt-in", "opt in",
                  "confirmed", "granted", "on", "oui", "o", "ja", "j", "si", "sí", "s", "sim", "wahr", "vrai",
                  "verdadero", "vero", "waar", "✓", "✔", "accepted", "single_opt_in", "confirmed_opt_in"})
# The customer took consent back: an unsubscribe, an opt-out
_OPTED_OUT = frozenset({"unsubscribed", "opted out", "optedout", "opt-out", "opt out", "opted_out", "declined",
                        "withdrawn", "revoked", "abgemeldet", "désabonné", "désabonnée", "desabonne", "désinscrit",
                        "désinscrite", "desinscrit", "uitgeschreven", "afgemeld", "dado de baja", "de baja", "baja",
                        "disiscritto", "disiscritta", "descadastrado"})
# The answer was no (never asked for, or not ticked)
_SAID_NO = frozenset({"no", "n", "false", "f", "0", "not subscribed", "not_subscribed", "off",
                      "non", "nein", "nee", "não", "nao", "falsch", "faux", "falso", "onwaar", "never",
                      "never subscribed", "never_subscribed"})
# No answer: still to be confirmed, an address that bounced, a placeholder
_NOT_SAID = frozenset({"cleaned", "pending", "none", "-", "not set"})
_NO = _OPTED_OUT | _SAID_NO | _NOT_SAID

# What a consent cell says against consent already given (`refusal`): nothing; a plain no, which replaces a
# yes only when the file's values replace the customer's ("overwrite"); an opt-out, which always does.
NOT_SAID, SAID_NO, OPTED_OUT = 0, 1, 2


def _consent_word(text: str) -> str:
    return " ".join(text.split()).lower()


# A date (and time) at the start of a cell: when a customer opted in, or a sale was voided
STARTS_WITH_DATE = re.compile(r"(?:\d{4}([-/.])\d{1,2}\1\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})"
                              r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\b")


def consent_moment(text: str) -> datetime | None:
    """When a consent column says the customer agreed, when it writes the time as ISO 8601 (Mailchimp's
    OPTIN_TIME, "2019-05-01 10:22:33", in UTC as Mailchimp writes it; a day alone, its start in UTC); None for
    "yes", another way of writing a date, a program's "no date" (0001-01-01), or a time to come (the import's time
    stands for it then); a time less than a day to come is now (another computer's clock a little ahead)."""
    text = text.strip().lstrip("'")
    if not text[:4].isdigit():  # ("yes", "x": no time, no need to try)
        return None
    if text[4:5] in ("/", ".") and text[7:8] == text[4]:  # ("2023/03/04 05:06:07": year first, with slashes)
        text = text[:10].replace(text[4], "-") + text[10:]
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    now = utc_now()
    if moment.year < 1900 or moment > now + timedelta(days=1):
        return None
    return min(moment, now)


def parse_consent(text: str) -> bool | None:
    """True for yes-like values, False for no-like or empty ones, None for anything else."""
    value = _consent_word(text)
    if not value:
        return False
    if value in _YES:
        return True
    if value in _NO:
        return False
    return None


def refusal(text: str) -> int:
    """OPTED_OUT for an unsubscribe or opt-out, SAID_NO for a plain no, else NOT_SAID (empty, yes, unclear,
    "pending": nothing against consent the customer gave another way)."""
    value = _consent_word(text)
    return OPTED_OUT if value in _OPTED_OUT else SAID_NO if value in _SAID_NO else NOT_SAID


_A_DATE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")  # a date in a cell ("2024-02-02 09:00:00", "02/02/2024")


def _took_back(value: tuple[str, int] | None) -> bool:
    """Whether an unsubscribe column's cell says the customer unsubscribed: a date, "yes" or "unsubscribed" says
    they did; "no", "-", "false" that they did not, and so does anything else ("jamais", "N/A", "—": an unclear
    cell takes back no consent)."""
    if value is None:
        return False
    text = value[0]
    return refusal(text) == OPTED_OUT or parse_consent(text) is True or _a_date_in(text)


def _a_date_in(text: str) -> bool:
    """Whether a cell holds a date ("2024-02-02 09:00:00"; not a database's "0000-00-00", which says there is none)."""
    found = _A_DATE.search(text)
    return found is not None and found.group().strip("0-/.") != ""


_MULTI = re.compile(r"\s*:::\s*")
_WORDS = re.compile(r"\w+")


def _holds(text: str, other: str) -> bool:
    """Whether every word of `other` is a word of `text`, in any case."""
    return set(_WORDS.findall(other.casefold())) <= set(_WORDS.findall(text.casefold()))


_EMAIL_SPLIT = re.compile(r"\s*(?::::|[,;])\s*")
_EMAIL_SEPARATORS = re.compile(r":::|[,;<\s]")
_NAMED_ADDRESS = re.compile(r"[^,;<>]*<([^<>]*)>")  # "Ann Lee <ann@example.com>"
# What is left of web pages' links to write to among other addresses in a cell ("mailto:" alone)
_MAILTO = re.compile(r"(?<![\w.%+-])mailto:(?=[^?\s])", re.IGNORECASE)
_PHONE_SPLIT = re.compile(r"\s*(?::::|[;,|])\s*")
_PHONE_SEPARATORS = re.compile(r":::|[;,|]")
_SLASH_BETWEEN = re.compile(r"\s+/\s+")  # "06 12 34 56 78 / 07 55 66 77 88": two numbers, unless an area code is
_AREA_CODE = re.compile(r"\(?0[\d ]{1,5}\)?")  # before it: "089 / 1234567", "(0 89) / 123456" (German-speaking lands)
_DASH_BETWEEN = re.compile(r"\s[-\u2013]\s")  # "06 12 34 56 78 - 07 55 66 77 88", or one: "030 - 1234567"


def _numbers_apart(cell: str, region: str | None) -> tuple[str, ...]:
    """A cell's numbers with a dash between them, when each side is a whole number on its own and the cell is
    none ("030 - 1234567" is one Berlin number); else the cell."""
    whole = _phone_or_problem(cell, region)
    if isinstance(whole, Phone) and whole.e164 is not None:
        return (cell,)
    parts = tuple(_DASH_BETWEEN.split(cell.strip()))
    found = [_phone_or_problem(part, region) for part in parts]
    return parts if all(isinstance(f, Phone) and f.e164 is not None for f in found) else (cell,)


def _phone_parts(cell: str, region: str | None) -> list[str]:
    """The numbers a phone cell holds, as written: apart where separators or a spaced slash say so (an area code and
    its number with a slash between them are one), or a spaced dash between two whole numbers."""
    if ";" in cell and validation.TEL_LINK.fullmatch(cell):  # "tel:+1-201-555-0123;ext=12": one number
        return [cell.strip()]
    out: list[str] = []
    for part in _PHONE_SPLIT.split(cell.strip()) if _PHONE_SEPARATORS.search(cell) else (cell,):
        pieces = _SLASH_BETWEEN.split(part.strip()) if "/" in part else [part]
        i = 0
        while i < len(pieces):
            piece = pieces[i]
            after = pieces[i + 1] if i + 1 < len(pieces) else ""
            if _AREA_CODE.fullmatch(piece) and after[:1].isdigit() and after[:1] != "0":
                piece, i = f"{piece} / {after}", i + 1
            out.extend(_numbers_apart(piece, region) if _DASH_BETWEEN.search(piece) else (piece,))
            i += 1
    return out


# A number a spreadsheet showed in scientific form and saved so ("3.36123E+10"): its last digits are gone
_SCIENTIFIC = re.compile(r"\s*[+-]?\d+(?:[.,]\d+)?[eE]\+?\d+\s*")


_CONSENT_DATES = frozenset({"email_consent_at", "sms_consent_at"})


def cut_short(text: str) -> bool:
    """Whether a number is one a spreadsheet showed in scientific form and saved so: its last digits are gone."""
    return ("E" in text or "e" in text) and _SCIENTIFIC.fullmatch(text) is not None


def _holds_number(word: str, number: str) -> bool:
    """Whether a word of a street is its house number already: "5", "5a", "5-7" for 5."""
    return word == number or word.startswith(number) and not word[len(number):len(number) + 1].isdigit() and (
        len(word) - len(number) <= 2 or word[len(number)] in "-/")


# The countries a shop's customers' numbers are most often of, tried when a file's numbers do not fit the shop's own
HINT_REGIONS = ("FR", "DE", "GB", "US", "ES", "IT", "NL", "BE", "CH", "AT", "PT", "IE", "LU", "DK", "SE", "NO", "FI",
                "PL", "CZ", "GR", "CA", "AU", "NZ")


@dataclass(frozen=True)
class PhoneHint:
    """Most of a file's numbers are not numbers of the country they are read in."""

    unread: int  # the numbers (of those looked at) that are not
    total: int  # the numbers looked at
    region: str | None  # the country most of the unread ones are numbers of, when there is one


def phone_hint(rows: Iterable[list[str]], columns: list[int], region: str | None,
               email_columns: Iterable[int] = ()) -> PhoneHint | None:
    """Whether most numbers in the phone `columns` of `rows` are not numbers of `region` (which keeps them as typed,
    without their country), and of which country they are, tried among HINT_REGIONS; None when most are read.

    Many countries' plans read almost any string of digits, and several write them alike (a Spanish and a Polish
    mobile are both "612 345 678"): of the countries that read half the numbers at least, the one the file says most
    of, by its numbers written with their country (+33) and its emails' countries (".es"); then the one whose own way
    of grouping the digits the file writes most ("06 12 34 56 78" is French, "0171 1234567" German); then the one that
    reads the most; then the first of HINT_REGIONS (the United States before Canada, whose numbers are the same)."""
    unread: list[str] = []
    said: dict[str, int] = {}  # the countries of numbers written with theirs, and of emails ("+33 1 23…", "…@web.de")
    total = 0
    email_columns = list(email_columns)
    for cells in rows:
        for i in columns:
            cell = cells[i].strip() if i < len(cells) else ""
            for part in _phone_parts(cell, region) if cell else ():
                found = _phone_or_problem(part, region) if part.lower() not in PLACEHOLDERS else None
                if isinstance(found, Phone):
                    total += 1
                    if found.e164 is None:
                        unread.append(part)
                    elif part.lstrip("( ").startswith(("+", "00")):
                        country = phonenumbers.region_code_for_number(phonenumbers.parse(found.e164))
                        said[country] = said.get(country, 0) + 1
        for i in email_columns:
            ending = cells[i].strip().rpartition(".")[2].upper() if i < len(cells) and "@" in cells[i] else ""
            country = "GB" if ending == "UK" else ending
            if len(country) == 2 and country in HINT_REGIONS:
                said[country] = said.get(country, 0) + 1
    if len(unread) < 3 or 2 * len(unread) < total:
        return None
    sample = unread[:100]
    scores: dict[str, tuple[int, int, int, int]] = {}
    for order, candidate in enumerate(HINT_REGIONS):
        if candidate != region:
            read = [part for part in sample if getattr(_phone_or_problem(part, candidate), "e164", None)]
            if 2 * len(read) >= len(sample):
                grouped = sum(1 for part in read if _grouped_as_in(part, candidate))
                scores[candidate] = (said.get(candidate, 0), grouped, len(read), -order)
    best = max(scores, key=scores.__getitem__, default=None)
    return PhoneHint(len(unread), total, best)


_GROUPING = re.compile(r"[\s.\-/()]+")


def _grouped_as_in(part: str, region: str) -> bool:
    """Whether a number is written as `region` groups its digits at home ("06 12 34 56 78" in France; a number
    written in one piece, or of no group of the country's, is not)."""
    typed = _GROUPING.sub(" ", part).strip()
    if " " not in typed:
        return False
    try:
        written = phonenumbers.format_number(phonenumbers.parse(part, region), phonenumbers.PhoneNumberFormat.NATIONAL)
    except phonenumbers.NumberParseException:
        return False
    return _GROUPING.sub(" ", written).strip() == typed


_GROUP_COLUMN = re.compile(r"(.+ \d+) - (.+)")
# the notes' name of an address besides the home one, by whose it is (mapping.second_addresses)
_NOTED_ADDRESS = {"business": "Work address", "shipping": "Shipping address", "other": "Other address"}
# The names the import gives what it keeps in the notes, in English: written in the shop's language (services.words;
# resources/translations/reports_<language>.po has them)
NOTE_NAMES = (*_NOTED_ADDRESS.values(), "{label} address", "Website", UNTITLED)
# a label that says it is an address ("Postal address", "Adresse de livraison"): the note's name as it is
_ADDRESS_WORD = re.compile(r"address|adress|adresse|anschrift|direcci[oó]n|indirizzo|endere[cç]o", re.IGNORECASE)
# Google's groups whose label says what the value is ("Custom Field 1 - Label": "Allergy"): kept in the notes under it
# (a web page's after it: "Website: https://lilas.fr (Work)", RowCleaner._note_line)
_LABELLED_NOTES = re.compile(r"(?:Relation|Event|Custom Field|Website) \d+")
_WEBSITE = re.compile(r"Website \d+ - Value")
# what a phone's label says when the number is no phone to call ("Work Fax", "Pager", "Télécopie")
_NOT_TO_CALL = re.compile(r"\bfax|telefax|\bpager|t[eé]l[eé]copie", re.IGNORECASE)  # (not "Halifax shop")
_NUMBER_FIRST = re.compile(r"(\+?[\d(][\d\s().\-/]*\d)\s*[-–:,(]?\s*\D.*")  # "06 12 34 56 78 (evenings)"
_TAG_SPLIT = re.compile(r"\s*(?::::|[,;|])\s*")
_TAG_SEPARATORS = _PHONE_SEPARATORS
_SYSTEM_LABELS = frozenset({"mycontacts", "my contacts", "othercontacts", "other contacts", "starred"})
_GOOGLE_GROUPS = frozenset({"mycontacts", "othercontacts"})  # (as Google names them: no one's own tag)
PLACEHOLDERS = frozenset({"-", "--", "n/a", "na", "n.a.", "none", "null", "nil", "unknown", "?", "keine", "aucun",
                          "aucune", "ninguno", "nessuno", "geen", "nenhum"})


# A cell that stands for none in a name, company or address field: dashes, dots and question marks, "n/a"
# ("None", "Nil" or "Na" may be someone's name, "NA" Namibia's code)
_NO_TEXT = re.compile(r"[-–—.?\s]+|n\s*/\s*a|n\.\s*a\.?", re.IGNORECASE)
_NAMED_PLACES = frozenset({"first_name", "last_name", "last_name_prefix", "second_last_name", "full_name", "company",
                           "street", "postal_code", "city", "region", "country", "address"})

_ZEROS = re.compile(r"0(?:\.0+)?")  # (WooCommerce's guests; "00" may be a till's own number)


def customer_number(text: str) -> str:
    """A customer's number in another program, or "" for one that names no one ("0" for a web shop's guests,
    "n/a")."""
    return "" if text.casefold() in PLACEHOLDERS or _ZEROS.fullmatch(text) else text


def email_parts(cell: str) -> list[str]:
    """The addresses in a cell: "a ::: b", "a; b", "a b", "Ann Lee <a>", "mailto:a?subject=Hello"."""
    cell = cell.strip()
    if ":" in cell:
        cell = _MAILTO.sub("", validation.email_in_link(cell))
    if not _EMAIL_SEPARATORS.search(cell):
        return [cell] if cell else []
    if "<" in cell:
        cell = _NAMED_ADDRESS.sub(lambda m: m.group(1), cell)
    parts = []
    for part in _EMAIL_SPLIT.split(cell.strip()):
        pieces = part.split()
        if len(pieces) > 1 and all("@" in piece for piece in pieces):
            parts.extend(pieces)
        elif part:
            parts.append(part)
    return parts


def _google_tag(label: str) -> str | None:
    """A label as a tag; None for Google's own groups: "* myContacts", "* starred", and "myContacts" as its Outlook
    CSV writes it, without the star."""
    if label.startswith("* "):
        label = label[2:].strip()
        if label.casefold() in _SYSTEM_LABELS:
            return None
    if label.casefold() in _GOOGLE_GROUPS:
        return None
    return label or None


# --- rows ----------------------------------------------------------------------------------------

_SINGLE_FIELDS = ("first_name", "last_name", "last_name_prefix", "second_last_name", "full_name", "company", "street",
                  "postal_code", "city", "region", "country", "address", "birthday", "birth_year", "birth_month",
                  "birth_day",
                  "email_consent", "sms_consent", "consent_source", "email_consent_source", "sms_consent_source",
                  "email_consent_at", "sms_consent_at", "unsubscribed", "sms_unsubscribed", "source", "customer_id")
_LIMITED = ("first_name", "last_name", "company", "street", "postal_code", "city", "country")
# Where a house number goes before the street ("12 rue de la Paix", "10 Downing Street"); elsewhere after it
# ("Hauptstraße 5", "Kerkstraat 12A", "Via Roma 3")
NUMBER_FIRST = frozenset({"FR", "LU", "MC", "GB", "IE", "US", "CA", "AU", "NZ", "ZA", "IN", "PH", "SG", "MY", "HK"})
# House number columns named in a language that writes the number after the street, wherever the customer lives
NUMBER_AFTER = frozenset({"hausnummer", "hausnr", "hausnummerzusatz", "huisnummer", "huisnr", "toevoeging",
                          "huisnummertoevoeging", "numerocivico", "ncivico", "civico", "numerocasa", "numeroexterior",
                          "numerodaporta", "numerdomu", "nrdomu", "cislopopisne", "cislodomu"})
_WHOLE_NUMBER = re.compile(r"(\d+)\.0+")


def whole_number(text: str) -> str:
    """A whole number without the ".0" a spreadsheet adds to it ("17850.0" -> "17850"); other text as it is."""
    m = _WHOLE_NUMBER.fullmatch(text)
    return m.group(1) if m else text


# A customer a sales file names by their number only is named "Customer 17850" in the shop's language
# (purchases_import), until a list with their name comes: a stand-in, no name of theirs (duplicates,
# contacts_import.merge).
CUSTOMER_WORDS = {"fr": "Client", "de": "Kunde", "es": "Cliente", "it": "Cliente", "pt": "Cliente", "nl": "Klant"}
STAND_IN_WORDS = ("Customer", *dict.fromkeys(CUSTOMER_WORDS.values()))


def named_after_number(first_name: str | None, last_name: str | None, company: str | None, number: str | None) -> bool:
    """Whether a customer's name is the stand-in for their customer number ("Customer 17850", "Kunde 17850")."""
    word, _, rest = (last_name or "").partition(" ")
    return bool(number) and rest == number and word in STAND_IN_WORDS and not first_name and not company


def number_key(text: str) -> str:
    """A customer's or a receipt's number as two files are compared by: in any case, without the ".0" a spreadsheet
    adds to a whole number, and without the zeros before it that a spreadsheet takes off ("000123" opened and saved
    again in Excel is "123")."""
    key = whole_number(text.strip()).casefold()
    return (key.lstrip("0") or "0") if key.isascii() and key.isdigit() else key  # ("" stays "")


class RowCleaner:
    """`row_to_contact` for one file: what each column is for is worked out once, then each row is cheap."""

    def __init__(self, fields: list[str], headers: list[str], *, region: str | None,
                 date_orders: dict[int, str] | None = None, second: bool = True, language: str = "en"):
        unknown = [f for f in fields if f not in FIELDS]
        if unknown:
            raise InvalidValue("fields", unknown[0], "field", "one of " + ", ".join(FIELDS))
        self.fields = list(fields)
        self.headers = list(headers)
        self.region = region
        self.date_orders = dict(date_orders or {})
        self.language = language  # the shop's, that the notes' names are written in ("fr")
        self.names = [headers[i] if i < len(headers) and headers[i].strip() else self._untitled(i + 1)
                      for i in range(len(fields))]
        self.width = len(fields)
        self.kept = tuple(i for i, f in enumerate(fields) if f != "ignore")
        self.named = tuple(i for i, f in enumerate(fields) if f in NAME_FIELDS)

        def columns(*targets):
            return tuple(i for i, f in enumerate(fields) if f in targets)

        self.singles = tuple((i, f) for i, f in enumerate(fields) if f in _SINGLE_FIELDS)
        # channel -> the column that says whether the customer agreed: its consent column, else the column of when
        # they agreed (a date there says they did), else none
        self.consent_keys = {channel: next((key for key in (f"{channel}_consent", f"{channel}_consent_at")
                                            if key in fields), None) for channel in ("email", "sms")}
        self.emails = columns("email")
        self.phones = columns("phone")
        self.tags = columns("tags")
        self.notes = columns("notes")
        self.note = columns("note")
        self.street2 = columns("street2")
        self.house_numbers = columns("house_number")
        # where an address may be written whole in one cell: every row of a file without a town's column or a postal
        # code's, and a row whose street, town and postal code are empty beside a whole address (Google's "Formatted")
        self.whole_addresses = not columns("postal_code", "city")
        self.formatted = columns("address")
        self.numbers_after = any(header_key(self.names[i]) in NUMBER_AFTER for i in self.house_numbers)
        # a whole name under a heading that says the last name comes first ("Nom Prénom")
        self.last_first = any(header_key(self.names[i]) in LAST_FIRST for i, target in enumerate(fields)
                              if target == "full_name")
        groups = {(m.group(1), m.group(2)): i for i, h in enumerate(self.names) if (m := _GROUP_COLUMN.fullmatch(h))}

        def beside(i: int, *parts: str) -> int | None:
            """The column of the same group as column i whose part is one of `parts`."""
            m = _GROUP_COLUMN.fullmatch(self.names[i])
            return next((groups[m.group(1), p] for p in parts if (m.group(1), p) in groups), None) if m else None

        # a phone or email column's label column
        self.label_columns = label_columns(self.names, [*self.phones, *self.emails])
        # what kind of number or address a column's are, as its name says ("Mobile Phone", "TEL;CELL", "Handy",
        # "Work Email"; not Thunderbird's "Primary Email")
        self.kind_of_column = {i: validation.label_key(self.names[i]) or "" for i in self.phones} | {
            i: key if (key := validation.label_key(self.names[i])) in validation.EMAIL_LABELS else ""
            for i in self.emails}
        self.note_labels = {i: j for i in self.note if (m := _GROUP_COLUMN.fullmatch(self.names[i]))
                            and m.group(2) == "Value" and _LABELLED_NOTES.fullmatch(m.group(1))
                            and (j := beside(i, "Label", "Type")) is not None}
        self.websites = {i for i in self.note if _WEBSITE.fullmatch(self.names[i])}
        self.has_birth_parts = bool(columns("birth_year", "birth_month", "birth_day"))
        # A row without an address of its own takes its business (or other) address, which rows with one keep in
        # the notes: it is read by a cleaner that has that address's columns as the address.
        self.home_address = columns(*ADDRESS_FIELDS)
        # the addresses kept in the notes, each as one line ("Work address: 5 rue du Travail, 78200 Médan"): its
        # name, its label's column (Google's "Work"), its columns and the part each holds
        noted = [(_NOTED_ADDRESS[whose], None, group) for whose, group in second_addresses(self.names, self.fields)]
        noted += numbered_addresses(self.names, self.fields)
        self.noted_addresses = {min(address[2]): address for address in noted}  # (by its first column)
        self.second = [(tuple(group), RowCleaner([group.get(i, f) for i, f in enumerate(fields)], headers,
                                                 region=region, date_orders=date_orders, second=False,
                                                 language=language))
                       for _, _, group in (noted if second else ())]
        self.in_noted_address = {i for _, label, group in noted for i in (*group, label) if i is not None}
        # A column whose values never settle the order is read the way the shop's region writes dates.
        fallback = default_date_order(region)
        self.orders = {}
        for i in columns("birthday"):
            order = self.date_orders.get(i)
            self.orders[i] = order if order in ("dmy", "mdy") else fallback

    def _note_line(self, i: int, cells: list[str]) -> str:
        """A note column's line, "Column: value"; Google's labelled values under their label ("Spouse: Paul",
        "Allergy: nuts"; Google's "* " of its own labels left out), a web page with its label after it ("Website:
        https://lilas.fr (Work)")."""
        value = unguard_formula(cells[i].strip())
        label = unguard_formula(tidy(cells[self.note_labels[i]])).removeprefix("*").strip() if (
            i in self.note_labels) else ""
        if i in self.websites:
            website = translate("Website", self.language)
            return f"{website}: {value} ({self._kind(label)})" if label else f"{website}: {value}"
        return f"{label or self.names[i]}: {value}"

    def _untitled(self, number: int) -> str:
        """The name of column `number` when the file gives it none ("Column 5", "Colonne 5")."""
        return translate(UNTITLED, self.language, number=number)

    def _kind(self, label: str) -> str:
        """A label of the file, as the notes name it: a kind a language with words of its own says in them ("Work":
        "Travail"), any other as written."""
        key = validation.label_key(label)
        return translate(validation.LABEL_NAMES[key], self.language) if key and catalog(self.language) else label

    def _address_note(self, name: str, label: int | None, columns: dict[int, str], cells: list[str],
                      home: str) -> list[str]:
        """An address kept in the notes, as one line "Work address: 5 rue du Travail, 78200 Médan, Belgique" from
        its parts, named by its label ("Work") or by whose it is; the whole as the file wrote it instead when it
        says all its parts do (Google's "Formatted"), and beside them when each says something the other does not.
        No line when the address is empty, or is the contact's own (`home`) with its street."""
        parts: dict[str, list[str]] = {}
        for i, what in columns.items():
            # (the whole's lines kept apart: "5 rue du Travail, 78200 Médan")
            lines = cells[i].splitlines() if what == "address" else [cells[i]]
            if value := ", ".join(text for line in lines if (text := unguard_formula(tidy(line)))):
                parts.setdefault(what, []).append(value)
        if not parts:
            return []
        if ("street" in parts or "address" in parts) and _holds(home, " ".join(v for p in parts.values() for v in p)):
            return []
        if label is not None and (kind := unguard_formula(tidy(cells[label])).removeprefix("*").strip()):
            if _ADDRESS_WORD.search(kind):
                name = kind  # (as written)
            else:
                name = translate("{label} address", self.language, label=self._kind(kind))
        else:
            name = translate(name, self.language)

        def part(what: str, between: str = " ") -> str:
            return between.join(parts.get(what, []))

        street = f"{part('street', ', ')} {part('house_number')}".strip()
        city, region, country = part("city"), part("region"), part("country")
        if region and city and len(region) <= 3 and region_written(country_code(country, self.region)):
            city, region = f"{city}, {region}", ""  # ("Springfield, IL", as the home address has it)
        composed = ", ".join(p for p in (street, part("street2", ", "),
                                         *town_lines(part("postal_code"), city, country, self.region), region, country)
                             if p)
        whole = part("address", ", ")
        if whole and composed:
            texts = [composed] if _holds(composed, whole) else [whole] if _holds(whole, composed) else [composed, whole]
        else:
            texts = [composed or whole]
        return [f"{name}: {text}" for text in texts]

    def _split_address(self, values: dict[str, tuple[str, int]], cells: list[str]) -> SplitAddress | None:
        """A row's whole address written in its street's cell, or in the whole address's (Google's "Formatted")
        when it has no street, as its parts (`addresses.split_address`, in the row's country, else the shop's); None
        when it has none, or it does not read so."""
        whole = values.get("street") or values.get("address")
        if whole is None:
            return None
        text, i = whole
        country = values["country"][0] if "country" in values else ""
        split = split_address(cells[i] if "\n" in cells[i] and ":::" not in cells[i] else text, country, self.region)
        if split and country and split.country and region_of_country(split.country) != region_of_country(country):
            return None  # (it ends with another country than the row's: kept whole, nothing of it dropped)
        return split and SplitAddress(*map(tidy, split))

    def _with_number(self, street: str, cells: list[str], row_region: str | None, notes: list[str]) -> str:
        """The street with its house number (and a Dutch "toevoeging"), where the row's country writes it (a row
        without one: where the column's language writes it, "Hausnummer" after; else where the shop's country
        does); a number with no street is kept in the notes."""
        numbers = [(i, whole_number(unguard(tidy(cells[i])))) for i in self.house_numbers
                   if cells[i].strip() and cells[i].strip().casefold() not in PLACEHOLDERS]
        if not street:
            notes.extend(f"{self.names[i]}: {n}" for i, n in numbers)
            return street
        number = ""
        for _, part in numbers:  # ("12" and "A": 12A; "4" and "bis": 4 bis)
            number += part if number and len(part) == 1 and part.isalpha() else f" {part}"
        number = number.strip()
        words = street.split()
        if not number or any(_holds_number(word, number.split()[0]) for word in (words[0], words[-1])):
            return street  # ("Hauptstraße 5a" beside 5: written there already)
        first = row_region in NUMBER_FIRST if row_region else not self.numbers_after and self.region in NUMBER_FIRST
        return f"{number} {street}" if first else f"{street} {number}"

    def matches(self, fields, headers, region, date_orders, language) -> bool:
        return (self.region == region and self.fields == fields and self.headers == headers
                and self.date_orders == (date_orders or {}) and self.language == language)

    def __call__(self, row: int, cells: list[str]) -> ImportedContact | Reject:
        try:
            return self._contact(row, cells)
        except _RowRejected as e:
            return e.reject

    def as_written(self, row: int, cells: list[str]) -> ImportedContact:
        """Who a rejected row is, its names, company, emails, phones and city as written (the preview shows
        them beside the reason)."""
        def text(target: str) -> str:
            return " ".join(tidy(cells[i]) for i, f in enumerate(self.fields)
                            if f == target and i < len(cells) and cells[i].strip())

        def each(columns: tuple[int, ...]) -> list[str]:
            return [tidy(cells[i]) for i in columns if i < len(cells) and cells[i].strip()]

        first = text("first_name")
        last = with_second(with_prefix(text("last_name_prefix"), text("last_name")), text("second_last_name"))
        return ImportedContact(first_name=first, last_name=last or ("" if first else text("full_name")),
                               company=text("company"), emails=each(self.emails), phones=each(self.phones),
                               city=text("city"), row=row)

    def _reject(self, row, reason, column=None, value=None, error: InvalidValue | None = None):
        raise _RowRejected(Reject(row, reason, column, value, error.problem if error else "",
                                  error.detail if error else ""))

    def _contact(self, row: int, cells: list[str]) -> ImportedContact:
        width = self.width
        if len(cells) < width:
            cells = [*cells, *[""] * (width - len(cells))]
        if self.second and not any(cells[i].strip() for i in self.home_address):
            for address, cleaner in self.second:
                if any(cells[i].strip() for i in address):
                    return cleaner._contact(row, cells)
        cells = plain_cells(cells)
        names = self.names
        notes: list[str] = []  # "Header: value" lines, after the file's own notes
        warnings: list[str] = []
        if lost_letter(cells, self.kept) is not None:
            lost = lost_letter(cells, self.named)
            if lost is not None:
                self._reject(row, LOST_LETTER, names[lost], cells[lost])
            warnings.append("lost_letters")
        values: dict[str, tuple[str, int]] = {}  # field -> (tidy value, column)
        for i, target in self.singles:
            value = cells[i]
            if value:
                value = " ".join(value.split()) if value.isascii() and "\x00" not in value else tidy(value)
                if ":::" in value:  # Google's values of one field: the first is the field's, the others notes
                    value, *others = _MULTI.split(value)
                    notes.extend(f"{names[i]}: {other}" for other in others if other)
                if value and value[0] in "-–—.?nN" and target in _NAMED_PLACES and _NO_TEXT.fullmatch(value):
                    value = ""  # ("-", "n/a": a spreadsheet's empty cell, no one's name or town)
                if value:
                    if target not in values:
                        values[target] = (value, i)
                    elif value != values[target][0] and target not in _CONSENT_DATES:
                        notes.append(f"{names[i]}: {value}")  # (a consent's later date: when it was confirmed)

        emails = self._emails(row, cells, notes, warnings) if self.emails else []

        # names
        first = unguard(values["first_name"][0]) if "first_name" in values else ""
        last = unguard(values["last_name"][0]) if "last_name" in values else ""
        if "last_name_prefix" in values:
            prefix, i = values["last_name_prefix"]
            if last:
                last = with_prefix(unguard(prefix), last)
            else:
                notes.append(f"{names[i]}: {prefix}")
        if "second_last_name" in values:
            last = with_second(last, unguard(values["second_last_name"][0]))
        if first and last and first.lower().rstrip(".") in TITLE_ONLY:  # ("Mme" as the first name: a title)
            first = ""
        company = unguard(values["company"][0]) if "company" in values else ""
        if "full_name" in values:
            full, i = values["full_name"]
            full = unguard(full)
            if not first and not last and not company and company_name(full):
                company = full  # ("SARL Martin Plomberie": a business, no person's name)
            elif not first and not last and not (company and fold(full) == fold(company)):
                first, last = split_full_name(full, self.last_first)  # (the company's name is no person's)
            elif _new_words(full, first, last, company, *(cells[j] for j in self.note)):  # (a middle name's column)
                notes.append(f"{names[i]}: {full}")
        # A number without +country is read in the row's own country when it names one, else in the shop's.
        # (the row's country, looked up only when its numbers or its house number need it)
        row_region = (region_of_country(values["country"][0])
                      if "country" in values and (self.phones or self.house_numbers) else None)
        region = row_region or self.region
        if self.phones:
            home = self.region if row_region and row_region in PARTS_OF.get(self.region, ()) else None
            phones = self._phones(row, cells, notes, warnings, region, named=bool(first or last or company or emails),
                                  home=home)
        else:
            phones = []
        if not (emails or phones) and _total_row(cells):  # ("Total: 2 contacts" under a list typed in a spreadsheet)
            self._reject(row, TOTAL_ROW)
        if not (first or last or company):
            if emails:
                email = emails[0][0]
                first = email if len(email) <= validation.MAX_NAME else email.split("@")[0][:200]
                warnings.append("named_after_email")
            elif phones:
                first = phones[0].raw
                warnings.append("named_after_phone")
            else:
                self._reject(row, "no name, company, email or phone")

        birthday = None
        if "birthday" in values:
            text, i = values["birthday"]
            if text.lower() not in PLACEHOLDERS:
                order = self.orders.get(i, "dmy")
                try:
                    birthday = self._birthday(row, names[i], text, lambda: parse_date(text, order))
                except _Unreadable:
                    notes.append(f"{names[i]}: {text}")
                    warnings.append("birthday_in_notes")
        if birthday is None and self.has_birth_parts:
            birthday = self._birth_parts(row, values, notes, warnings)

        # address
        street = unguard_formula(values["street"][0]) if "street" in values else ""
        split = (self._split_address(values, cells) if self.whole_addresses or self.formatted
                 and not ("street" in values or "postal_code" in values or "city" in values) else None)
        if split is not None:
            street = unguard_formula(split.street)
            warnings.append("whole_address")
        if self.house_numbers:
            street = self._with_number(street, cells, row_region, notes)
        if self.street2:
            seconds = [(i, tidy(cells[i])) for i in self.street2 if cells[i].strip()]
            if seconds:
                joined = ", ".join([street, *(s for _, s in seconds)] if street else [s for _, s in seconds])
                if len(joined) <= validation.MAX_NAME:
                    street = joined
                else:
                    notes.extend(f"{names[i]}: {s}" for i, s in seconds)
                    warnings.append("street_in_notes")
        city = unguard_formula(values["city"][0]) if "city" in values else split.city if split else ""
        region_text = ""
        if "region" in values:
            region_text, i = values["region"]
            country = values["country"][0] if "country" in values else ""
            if len(region_text) <= 3 and city and region_written(country_code(country, self.region)):
                city = f"{city}, {region_text}"
            else:
                notes.append(f"{names[i]}: {region_text}")
        elif split is not None and split.region:  # (written with the town: kept there, "Springfield, Illinois")
            region_text = split.region
            city = f"{city}, {region_text}"
        postal_code = (unguard(values["postal_code"][0]) if "postal_code" in values
                       else split.postal_code if split else "")
        country = (unguard_formula(values["country"][0]) if "country" in values
                   else split.country if split else "")
        postal_code = postal_code_as_posted(postal_code, country, self.region)
        home = f"{street} {postal_code} {city} {region_text} {country}"
        if "address" in values:  # the whole address (Google's "Formatted"): in the notes, unless its parts hold it
            i = values["address"][1]
            if not _holds(home, cells[i]):
                notes.append(f"{names[i]}: {cells[i].strip()}")

        tags = self._tags(cells, notes, warnings) if self.tags else []
        number = ""
        if "customer_id" in values:
            text, i = values["customer_id"]
            text = unguard(text)
            if cut_short(text):
                # a spreadsheet cut its digits: it would take others' number for theirs (6.54321E+12 is many's)
                notes.append(f"{names[i]}: {text}")
                warnings.append("number_in_notes")
            else:
                number = customer_number(text)

        email_consent = self._consent(values, self.consent_keys["email"], notes, warnings)
        unsubscribed = _took_back(values.get("unsubscribed"))
        if unsubscribed:
            email_consent = False
        sms_consent = self._consent(values, self.consent_keys["sms"], notes, warnings)
        sms_unsubscribed = _took_back(values.get("sms_unsubscribed"))
        if sms_unsubscribed:
            sms_consent = False
        for channel, granted in (("email", email_consent), ("sms", sms_consent)):
            at = values.get(f"{channel}_consent_at")
            if at and not granted and self.consent_keys[channel] != f"{channel}_consent_at" and _a_date_in(at[0]):
                notes.append(f"{self.names[at[1]]}: {at[0].strip()}")  # (a date beside a "no": kept, as written)
        email_source = self._consent_source(values, "email", notes) if email_consent else ""
        sms_source = self._consent_source(values, "sms", notes) if sms_consent else ""
        email_at = self._consent_at(values, "email", notes, warnings) if email_consent else None
        sms_at = self._consent_at(values, "sms", notes, warnings) if sms_consent else None

        lines = [unguard_formula(cells[i].strip()) for i in self.notes if cells[i].strip()] if self.notes else []
        for i in self.note:  # (Outlook writes "0/0/00" in every date column it has no date for)
            if i in self.noted_addresses:
                lines.extend(self._address_note(*self.noted_addresses[i], cells, home))
            elif cells[i].strip() and i not in self.in_noted_address and not _NO_DATE.fullmatch(cells[i].strip()):
                lines.append(self._note_line(i, cells))
        lines.extend(notes)
        if len(cells) > width:
            extras = [f"{self._untitled(i)}: {c.strip()}" for i, c in enumerate(cells[width:], start=width + 1)
                      if c.strip()]
            if extras:
                lines.extend(extras)
                warnings.append("extra_cells")
        text = ""
        if lines:
            try:
                text = validation.clean_text("\n".join(lines), "notes", validation.MAX_TEXT, multiline=True)
            except InvalidValue:  # (the reason says the limit: the check's own words would say it again)
                # the column that gave most of them, and how it begins (none when many columns gave them)
                longest = max((i for i in (*self.notes, *self.note) if i < len(cells)), key=lambda i: len(cells[i]),
                              default=None)
                if longest is None or len(cells[longest]) < validation.MAX_TEXT // 2:
                    self._reject(row, NOTES_TOO_LONG)
                self._reject(row, NOTES_TOO_LONG, names[longest], cells[longest].strip()[:PREVIEW_VALUE] + "…")

        if max(len(first), len(last), len(company), len(street), len(postal_code), len(city),
               len(country)) > validation.MAX_NAME:
            self._too_long(row, values, first_name=first, last_name=last, company=company, street=street,
                           postal_code=postal_code, city=city, country=country)

        email_refused = OPTED_OUT if unsubscribed else (
            refusal(values["email_consent"][0]) if "email_consent" in values and not email_consent else NOT_SAID)
        sms_refused = OPTED_OUT if sms_unsubscribed else (
            refusal(values["sms_consent"][0]) if "sms_consent" in values and not sms_consent else NOT_SAID)

        return ImportedContact(
            first_name=first, last_name=last, company=company,
            emails=[e for e, _ in emails], email_labels=[kind for _, kind in emails],
            phones=[p.e164 or p.raw for p in phones], phone_labels=[p.label for p in phones],
            street=street, postal_code=postal_code, city=city, country=country,
            birthday=birthday, tags=tags, notes=text,
            email_consent=email_consent, sms_consent=sms_consent,
            email_consent_at=email_at, sms_consent_at=sms_at,
            email_consent_source=email_source, sms_consent_source=sms_source,
            row=row, customer_id=number,
            source=unguard_formula(values["source"][0]) if "source" in values else "",
            region=region_text, phone_details=phones, warnings=warnings, email_refused=email_refused,
            sms_refused=sms_refused,
        )

    def _kinds(self, i: int, label: str, count: int) -> list[str]:
        """What kind each of the `count` numbers or addresses of a cell of column i is: its label cell's (`label`)
        or the column's name's. Google's several in one cell share one label, or have one each ("Mobile ::: Work")."""
        labels = [_label(text) for text in label.split(":::")] if label else [self.kind_of_column[i]]
        return labels if len(labels) == count else labels * count if len(labels) == 1 else [""] * count

    def _emails(self, row: int, cells: list[str], notes: list[str], warnings: list[str]) -> list[tuple[str, str]]:
        """Every email column, every address of a "a ::: b" cell, each with what kind it is ("work", or ""); see
        the module's notes for bad ones."""
        emails: list[tuple[str, str]] = []
        bad: list[tuple[int, str, InvalidValue]] = []
        for i in self.emails:
            cell = cells[i]
            if not cell:
                continue
            if cell.lstrip()[:3].lower() == "/o=":  # Outlook's Exchange address of a colleague: no email, kept
                notes.append(f"{self.names[i]}: {cell.strip()}")
                continue
            parts = email_parts(cell)
            label = cells[self.label_columns[i]] if i in self.label_columns else ""
            for part, kind in zip(parts, self._kinds(i, label, len(parts))):
                if part.lower() in PLACEHOLDERS:
                    continue
                try:
                    email = check_email(part)
                except InvalidValue as e:
                    bad.append((i, part, facts_of(e)))
                    continue
                if not emails or email.lower() not in [e.lower() for e, _ in emails]:
                    emails.append((email, kind))
        if bad:
            if not emails:
                i, part, error = bad[0]
                self._reject(row, "invalid email", self.names[i], part, error)
            notes.extend(f"{self.names[i]}: {unguard_formula(part)}" for i, part, _ in bad)
            warnings.append("email_in_notes")
        return emails

    def _phones(self, row: int, cells: list[str], notes: list[str], warnings: list[str],
                region: str | None, named: bool, home: str | None = None) -> list[Phone]:
        """Every phone column's numbers; text that is no phone number goes to the notes when the row has a
        name, company or email to keep it under (else the row is rejected: it would be nobody). `home`: the
        country the row's is a part of (PARTS_OF), whose numbers the row's may be."""
        phones: list[Phone] = []
        bad: list[tuple[int, str, InvalidValue]] = []
        for i in self.phones:
            cell = cells[i]
            if not cell:
                continue
            label = cells[self.label_columns[i]] if i in self.label_columns else ""
            if named and label and _NOT_TO_CALL.search(label):
                notes.append(f"{tidy(label).lstrip('* ')}: {tidy(cell)}")  # a fax is kept, not called
                continue
            if cut_short(cell):
                bad.append((i, cell.strip(), InvalidValue("phone", cell, "phone", "a spreadsheet cut its digits")))
                continue
            parts = _phone_parts(cell, region)
            kinds = self._kinds(i, label, len(parts))
            for part, kind in zip(parts, kinds):
                if not part or part.strip().lower() in PLACEHOLDERS:
                    continue
                found = _phone_or_problem(part, region)
                if home and isinstance(found, Phone) and found.e164 is None:
                    found = _phone_or_problem(part, home)
                if isinstance(found, InvalidValue) and found.problem != "required":
                    # a number with a word after it: the number, and the whole cell in the notes
                    m = _NUMBER_FIRST.fullmatch(part.strip())
                    number = _phone_or_problem(m.group(1), region) if m else found
                    if isinstance(number, Phone) and len(number.digits.split()[-1]) >= 6:
                        notes.append(f"{self.names[i]}: {part.strip()}")
                        found = number
                if isinstance(found, InvalidValue):
                    if found.problem != "required":
                        bad.append((i, part.strip(), found))
                    continue
                key = found.e164 or found.raw
                if not phones or all((p.e164 or p.raw) != key for p in phones):
                    phones.append(replace(found, label=kind) if kind else found)
        if bad:
            if not phones and not named:
                i, part, error = bad[0]
                self._reject(row, "invalid phone number", self.names[i], part, error)
            notes.extend(f"{self.names[i]}: {unguard_formula(part)}" for i, part, _ in bad)
            warnings.append("phone_cut_short" if any(cut_short(part) for _, part, _ in bad) else "phone_in_notes")
        return phones

    def _tags(self, cells: list[str], notes: list[str], warnings: list[str]) -> list[str]:
        tags: list[str] = []
        for i in self.tags:
            cell = cells[i].strip()
            if not cell:
                continue
            for part in _TAG_SPLIT.split(cell) if _TAG_SEPARATORS.search(cell) else (cell,):
                tag = _google_tag(unguard_formula(tidy(part)))
                if tag and len(tag) > 1 and tag[0] == tag[-1] == '"':  # Mailchimp's "VIP","Local shop"
                    tag = tag[1:-1].strip()
                if not tag:
                    continue
                if len(tag) > 60:
                    notes.append(f"{self.names[i]}: {tag}")
                    warnings.append("tag_in_notes")
                elif tag.casefold() not in [t.casefold() for t in tags]:
                    tags.append(tag)
        return tags

    def _consent_at(self, values, channel: str, notes: list[str], warnings: list[str]) -> datetime | None:
        """When the customer agreed to `channel` (they did): the date and time of its own column (a contacts export
        writes "2025-01-10T10:00:00+01:00"), else one in the consent column (Mailchimp's OPTIN_TIME); None when
        the file does not say (the import's time stands for it). A date column that cannot be read goes to the
        notes."""
        if f"{channel}_consent_at" in values:
            text, i = values[f"{channel}_consent_at"]
            moment = consent_moment(text)
            if moment or (STARTS_WITH_DATE.match(text.strip()) and not _a_date_in(text)):
                return moment  # (a program's "no date", 0000-00-00 or 0/0/00: none)
            warnings.append("consent_date_unclear")
            notes.append(f"{self.names[i]}: {text.strip()}")
            return None
        return consent_moment(values[f"{channel}_consent"][0])

    def _consent(self, values, key: str | None, notes: list[str], warnings: list[str]) -> bool:
        if key not in values:
            return False  # (no such column, or an empty cell)
        text, i = values[key]
        if key.endswith("_at") and STARTS_WITH_DATE.match(text.strip()):
            return _a_date_in(text)  # (a program's "no date", 0000-00-00 or 0/0/00, says they did not)
        granted = parse_consent(text)
        if granted is None and STARTS_WITH_DATE.match(text.strip()):
            return True  # (when they opted in: Mailchimp's OPTIN_TIME, "2024-03-01 10:22:33")
        if granted is None:
            warnings.append("consent_unclear")
            notes.append(f"{self.names[i]}: {text}")
            return False
        return granted

    def _consent_source(self, values, channel: str, notes: list[str]) -> str:
        """How the customer agreed to `channel`: its own column, else the file's "consent source" column, else
        "" (the import then says which file it came from). Text too long to keep goes to the notes."""
        for key in (f"{channel}_consent_source", "consent_source"):
            if key in values:
                text, i = values[key]
                text = unguard_formula(text)
                if len(text) <= validation.MAX_CONSENT_SOURCE:
                    return text
                line = f"{self.names[i]}: {text}"
                if line not in notes:
                    notes.append(line)
                return ""
        return ""

    def _birth_parts(self, row: int, values, notes: list[str], warnings: list[str]) -> str | None:
        parts = tuple(values[k][0] if k in values else "" for k in ("birth_year", "birth_month", "birth_day"))
        if not any(parts):
            return None
        column = next(self.names[values[k][1]] for k in ("birth_day", "birth_month", "birth_year") if k in values)
        try:
            return self._birthday(row, column, "/".join(parts), lambda: _join_birthday(*parts))
        except (_PartialBirthday, _Unreadable) as e:
            for key in ("birth_year", "birth_month", "birth_day"):
                if key in values:
                    notes.append(f"{self.names[values[key][1]]}: {values[key][0]}")
            warnings.append("partial_birthday" if isinstance(e, _PartialBirthday) else "birthday_in_notes")
            return None

    def _too_long(self, row: int, values, **found: str) -> None:
        for key, value in found.items():
            if len(value) > validation.MAX_NAME:
                column = self.names[values[key][1]] if key in values else None
                self._reject(row, TOO_LONG, column, value)

    def _birthday(self, row: int, column: str, text: str, parse) -> str | None:
        """The birthday `parse` reads; a row whose date could be either day or month first is rejected (the
        owner says which); raises _Unreadable for one that is no date (the caller keeps it in the notes)."""
        try:
            found = parse()
            return validation.clean_birthday(found) if found else None
        except InvalidValue as e:
            if e.problem == "ambiguous":
                self._reject(row, "ambiguous date", column, text, e)
            raise _Unreadable from None


class _Unreadable(Exception):
    """A birthday that is not a date (or an impossible one, or one in the future)."""


class _RowRejected(Exception):
    def __init__(self, reject: Reject):
        self.reject = reject


def _new_words(full: str, first: str, last: str, *parts: str) -> bool:
    """Whether a display name says more than the first name, last name and company do."""
    if "".join(full.split()).casefold() in ((first + last).casefold(), (last + first).casefold()):
        return False  # (the name written without a space, as Chinese, Japanese and Korean names are: 山田太郎)
    known = {w.casefold().strip(",.") for p in (first, last, *parts) for w in p.split()}
    return any(w.casefold().strip(",.") not in known for w in full.split())


_last_cleaner: RowCleaner | None = None


def row_to_contact(row_number: int, cells: list[str], fields: list[str], headers: list[str], *,
                   region: str | None, date_orders: dict[int, str], language: str = "en") -> ImportedContact | Reject:
    """One data row as a contact for `contacts.clean_contact`, or a Reject saying what is wrong.

    `fields[i]` is the target of column i (see mapping.FIELDS); `date_orders[i]` the day/month order of
    a birthday column (from `infer_date_order`); `language` the shop's, that the names of what goes to the notes
    are written in ("Work address"; "fr": "Adresse professionnelle"). Work that depends only on the file is done
    once and kept for the next row of the same file (or build a RowCleaner yourself).
    """
    global _last_cleaner
    cleaner = _last_cleaner
    if cleaner is None or not cleaner.matches(fields, headers, region, date_orders, language):
        cleaner = _last_cleaner = RowCleaner(fields, headers, region=region, date_orders=date_orders,
                                             language=language)
    return cleaner(row_number, cells)


def infer_date_orders(rows: Iterable[list[str]], fields: list[str]) -> dict[int, str]:
    """`infer_date_order` for every birthday column, from one pass over the rows' cells."""
    columns = [i for i, f in enumerate(fields) if f == "birthday"]
    if not columns:
        return {}
    evidence: dict[int, set[str]] = {i: set() for i in columns}
    for cells in rows:
        for i in columns:
            if i < len(cells) and cells[i]:
                found = _date_evidence(cells[i])
                if found:
                    evidence[i].add(found)
    return {i: _order_from(seen) for i, seen in evidence.items()}


def to_clean_contact(contact: ImportedContact) -> CleanContact:
    """What `contacts.clean_contact(contact, region)` gives, without checking the emails and phone
    numbers again (row_to_contact did); phone numbers keep their raw text as the file wrote it."""
    checked = clean_contact(replace(contact, emails=[], phones=[]), region="")
    return CleanContact(checked.values, list(contact.emails), list(contact.phone_details), checked.tags,
                        list(contact.email_labels))

