"""Who is already there: duplicates of an imported contact, in the database and among the file's rows.

Two contacts are taken for one person when they share
- an email address (compared without regard to case), or
- a phone number (the same E.164 form; a number kept as typed, read without a country, is the same as one
  whose national form has its digits: "0171 1234567" in the book and +49 171 1234567 in a row; a row's number
  kept as typed is the same as one of its digits, typed or read, when the names are alike too, and no
  placeholder's: `typed_digits`), or
- a customer number in the program both came from (Shopify's customer id; "000123" and "123", the zeros a
  spreadsheet takes off, are one), with names alike: one whose email changed since (a number of a web shop's
  length, OWN_NUMBER, with first names that are not two people's: one whose last name changed too), or
- a close name (rapidfuzz ratio >= NAME_THRESHOLD on the folded names with their words sorted, so
  "Lee, Ann", "ANN LEE" and "Ann Lée" are one name, "Jon Smith" is close to "John Smith" and "Anne Marie" is
  Anne-Marie in the same order (not Marie-Anne: see `ordered_name`), but names
  that differ by more than a typo are two people however long the name they share: Pavel and Pavla, Anna
  and Hanna, Jean and Jeanne, Andrea and Andreas, Marie and Mario Novák; see `other_names`) plus
  one more field that agrees: city, postal code, company or birthday (day and month), unless their birthdays
  differ (a father and his son of one name, in one city; or, agreeing on nothing else, the years), or both have an
  email or both have a phone (they would share it to get this far: theirs differ, so Jean and Jeanne Martin of
  Paris, each with an email of their own, are two people; not when both were born the same day of the same year:
  one person's new phone), or
- exactly the same name, when neither of the two has anything else to compare (no email, phone, city,
  postal code, company or birthday): a list of bare names imported twice is not imported twice.

An email or phone a family shares is not enough when the two are clearly other people: first names that are two
people's (Anna and Peter Weber on one landline, two children with their parent's address, Anne and
Anne-Sophie; a couple's row, "Marie et Paul", is neither of them alone; see `other_first_names`), or birthdays
on different days. A contact that shares it and is the same person is then
looked for (the file's Peter is the book's Peter, not Anna), else the row is another customer.

The index is built once per import from the database with a few set-based queries and kept in
memory; rows of the file that will become contacts are added to it as they are read, so the second
of two rows for one person is found too. Names are compared only within blocks of contacts that
share a name word and an agreeing field's value, which keeps the fuzzy comparison to a handful of
candidates per row. Contacts in the Trash are not looked at.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import permutations
from typing import NamedTuple

import phonenumbers
from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from smallcrm.services import erased
from smallcrm.services.importing.cleaning import STAND_IN_WORDS, number_key
from smallcrm.services.importing.short_names import short_form
from smallcrm.store import search

NAME_THRESHOLD = 90
TYPED_END = 6  # a number kept as typed is compared with one read with its country when their last 6 digits agree
# A customer number this long is one program's own, none other's: a web shop's ("7012345678901" at Shopify,
# "9Q7MB8Q3C51P9DB0TWCJHJEKWM" at Square), not a till's "124" that another program gives someone else too
OWN_NUMBER = 10
_NOT_DIGIT = re.compile(r"\D")
# The fields that can agree with a close name, in the order a reason names them.
AGREEING = ("city", "postal_code", "company", "birthday")


class Facts(NamedTuple):
    """What duplicate detection looks at, already normalised (see `facts`)."""

    emails: tuple[str, ...]  # casefolded
    phones: tuple[str, ...]  # E.164
    name: str  # folded name words, sorted, space separated
    agreeing: tuple[str, str, str, str]  # city, postal code, company, birthday (--MM-DD), each folded or ""
    keys: tuple[str, ...] = ()  # the name blocks (block_keys)
    ordered: str = ""  # ordered_name
    first: str = ""  # the first name, folded as sort_name is
    number: str = ""  # the customer's number in another program (external_id), casefolded
    born: str = ""  # the birthday with its year (YYYY-MM-DD), when known
    typed: tuple[str, ...] = ()  # the digits of numbers kept as typed (read without a country: "0171 1234567")


@dataclass(frozen=True)
class Match:
    contact_id: int
    # "email", "phone", "number" (customer number), "name+city", "name+postal_code", "name+company", "name+birthday",
    # or "name" (bare names)
    reason: str
    score: float = 100.0


@lru_cache(maxsize=4096)
def national_digits(e164: str) -> str:
    """The digits of a number as its own country writes it: "+491711234567" -> "01711234567"."""
    try:
        number = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return ""
    return _NOT_DIGIT.sub("", phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))


_COUNTRY_CODES = tuple(f"+{code}" for code in sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE))
_CODE_PLACE = {code[1:]: place for place, code in enumerate(_COUNTRY_CODES)}  # "49" -> its place in that order


def after_country_codes(e164: str) -> list[tuple[str, int]]:
    """What follows each country code a number in E.164 may start with, and that code's place in _COUNTRY_CODES
    ("+4917112345": "17112345" after +49, "917112345" after +4 would be, were it a code)."""
    return [(e164[1 + k:], _CODE_PLACE[e164[1:1 + k]]) for k in (1, 2, 3) if e164[1:1 + k] in _CODE_PLACE]


_folded = lru_cache(maxsize=4096)(search.sort_key)  # first names repeat


def _stand_ins(number: str) -> tuple[str, ...]:
    """The sort names of the customer a sales file named after `number` alone ("Customer 17850", in each language:
    cleaning.named_after_number)."""
    return tuple(search.sort_key(f"{word} {number}") for word in STAND_IN_WORDS)


def name_words(sort_name: str) -> str:
    """`sort_name` (already folded by store.search.sort_key) with its words in order (a hyphenated name is one
    word: Marie-Anne and Anne-Marie are two people, Jean Pierre-Martin is not Jean-Pierre Martin)."""
    return " ".join(sorted(sort_name.split()))


def postal_key(postal_code: str) -> str:
    return "".join(postal_code.split()).casefold()


_REGION_AFTER = re.compile(r",\s*\w{1,3}$")


def town_key(sort_city: str) -> str:
    """A town as compared: without the region code an import put after it ("portland, or" is "portland")."""
    return _REGION_AFTER.sub("", sort_city) if "," in sort_city else sort_city  # (the test first: once a row)


def block_keys(name: str, agreeing: tuple[str, ...]) -> tuple[str, ...]:
    """The blocks a name is compared in: one per agreeing field's value and name word, written as one string
    "field index, value, word" (one small object per block, the only one the index keeps of it)."""
    if not name:
        return ()
    words = [w for w in set(name.split()) if len(w) > 1] or [name]
    return tuple([f"{field}\x1f{value}\x1f{word}" for field, value in enumerate(agreeing) if value for word in words])


def _field_of(key: str) -> int:
    """The agreeing field of a block key (its index, the key's first character)."""
    return ord(key[0]) - 48


def facts(emails, phones, *, sort_name: str, sort_city: str, postal_code: str, sort_company: str,
          birthday: str | None, company_only: bool = False, sort_first: str = "", number: str = "",
          typed=()) -> Facts:
    """Facts from a contact's clean values. `company_only`: the contact's name is its company, so the
    company cannot be the second field that agrees. `typed`: the numbers kept as typed, as written."""
    name = name_words(sort_name)
    agreeing = (town_key(sort_city), postal_key(postal_code), "" if company_only else sort_company,
                (birthday or "")[-5:])
    return Facts(tuple(map(str.casefold, emails)), tuple(filter(None, phones)), name, agreeing,
                 block_keys(name, agreeing), ordered_name(sort_name), sort_first, number.casefold(),
                 birthday if birthday and not birthday.startswith("-") else "",
                 tuple(d for d in map(typed_digits, typed) if d))


def typed_digits(raw: str) -> str:
    """The digits of a number kept as typed, when they can be compared: enough of them, and no placeholder ("" for
    those)."""
    digits = _NOT_DIGIT.sub("", raw or "")
    return digits if len(digits) >= TYPED_END and not placeholder(digits) else ""


def placeholder(digits: str) -> bool:
    """Whether a number's digits are no one's, typed where a number was asked for: mostly one digit ("555-555-5555",
    "+49 0000 000000") or counting ("123-456-7890", "01 23 45 67 89")."""
    counting = digits.lstrip("0")[:9]
    return (max(map(digits.count, set(digits))) >= 0.7 * len(digits)
            or counting in "1234567890123" or counting in "9876543210")


def is_bare(f: Facts) -> bool:
    """Nothing but a name to go by."""
    return bool(f.name) and not f.emails and not f.phones and not any(f.agreeing)


# What a given name becomes to be another one: "Jean" and "Jeanne", "Daniel" and "Daniela", "Luc" and "Lucas"
NAME_ENDINGS = frozenset({"e", "a", "o", "s", "ne", "le", "te", "ie", "ia", "ine", "ette", "as", "us"})
_VOWELS = frozenset("aeiou")  # ("y" for "i" is a spelling: Sergei, Sergey)


def other_names(a: str, b: str) -> bool:
    """Whether two close names (name words, sorted) differ in the word they do not share the way two people's
    names do: by more than one letter ("Pavel", "Pavla"), in their first letter ("Anna", "Hanna"), by a name's
    ending ("Jean", "Jeanne"; "Andrea", "Andreas"), by the vowel at their end ("Marie", "Mario"), or by a letter
    of a short name ("Jon", "Joan"; _short_pair). A typo ("Jon", "John"; "Jaen", "Jean"; "Martinn"; "Dupond")
    makes no other name."""
    a_words, b_words = a.split(), b.split()
    only_a = [w for w in a_words if w not in b_words]
    only_b = [w for w in b_words if w not in a_words]
    if len(only_a) != 1 or len(only_b) != 1:
        return False  # (the names' closeness decides)
    x, y = only_a[0], only_b[0]
    if DamerauLevenshtein.distance(x, y, score_cutoff=2) >= 2 or x[0] != y[0]:
        return True
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    ending = long[len(short):]
    if long.startswith(short) and ending in NAME_ENDINGS and len(short) >= (4 if ending == "e" else 3):
        return True  # ("Ann" and "Anne" are one name spelt two ways; "Louis" and "Louise" two names)
    return _paired(x, y) or _short_pair(x, y)


def _paired(x: str, y: str) -> bool:
    """Whether two names one letter apart are a pair of names, not one name and its nickname: a woman's name made
    of a man's with an "e" ("Louis", "Louise"; "Jean", "Jeanne"), the vowel at their end ("Marie", "Mario"), or
    a short name's vowel ("Tim", "Tom"; "Lena", "Lina")."""
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    if long.startswith(short) and long[len(short):] in _FEMININE and len(short) >= 4:
        return True
    if len(x) != len(y):
        return False
    differ = [(p, q) for p, q in zip(x, y) if p != q]
    return len(differ) == 1 and differ[0][0] in _VOWELS and differ[0][1] in _VOWELS and (
        x[:-1] == y[:-1] or len(x) <= 4)


_FEMININE = frozenset({"e", "ne", "le", "te"})  # (Louise, Jeanne, Michelle, Antoinette: of Louis, Jean…)


def _short_pair(x: str, y: str) -> bool:
    """Whether two names one letter apart are two names, not one mistyped: a name and the man's name of it with
    an "n" ("Julie", "Julien"; "Eva", "Evan"), or two short names a letter apart ("Ida", "Ina"; "Mia", "Mila";
    "Jon", "Joan"). Not a letter a name is spelt with or without ("Jon", "John"; "Zoe", "Zoey"), a doubled one
    ("Lily", "Lilly"), an "e" at the end ("Kat", "Kate"), nor one of two letters that sound alike ("Eric",
    "Erik"). A list of nicknames may still say they are one name (other_first_names: Alex and Alec)."""
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    if not long.isalpha():
        return False  # (a word of a company's name: "Ltd" and "Ltd.")
    if long == short + "n" and short[-1] in _VOWELS and len(short) >= 3:
        return True
    if len(long) > 4 or len(short) < 3:
        return False
    if len(x) == len(y):
        differ = [frozenset(pair) for pair in zip(x, y) if pair[0] != pair[1]]
        return len(differ) == 1 and not differ[0] & _SPELT and differ[0] not in _ALIKE
    i = next((i for i, (p, q) in enumerate(zip(short, long)) if p != q), len(short))
    if len(long) != len(short) + 1 or long[:i] + long[i + 1:] != short:
        return False
    extra = long[i]
    return extra not in _SPELT and extra not in long[i - 1:i] + long[i + 1:i + 2] and not (
        extra == "e" and i == len(short))


_SPELT = frozenset("hyw")  # (a name is spelt with or without them: Jon and John, Zoe and Zoey, Amy and Ami)
_ALIKE = frozenset(map(frozenset, ("ck", "kq", "cq", "sz", "fv")))  # (Eric and Erik, Lisa and Liza: one name)


_GIVEN_SPLIT = re.compile(r"[\s.\-]+")
_COUPLE = frozenset({"and", "&", "+", "et", "und", "y", "e", "en"})  # between a couple's two first names
_NO_BIRTHDAYS = frozenset({"1900-01-01", "1899-12-31", "1899-12-30", "1970-01-01", "0001-01-01"})  # (placeholders)


def couple(first: str) -> bool:
    """Whether first names (folded) are a couple's ("marie et paul", "anna & ben"): two names, not initials, with
    "and" between them ("jean y" is Jean Y.; "maria da silva e" is no couple)."""
    words = first.split()
    return any(w in _COUPLE and len(words[i - 1]) > 1 and len(words[i + 1]) > 1
               for i, w in enumerate(words[1:-1], start=1))


@cache
def _nicknamer():
    from nicknames import NickNamer  # (its list is read when first needed)
    return NickNamer()


def nicknamed(a: str, b: str) -> bool:
    """Whether one name is the other's nickname (Bob and Robert), or both nicknames of one name (Bob and Rob); or,
    in another language, its short form (Sepp and Josef, Paco and Francisco)."""
    names = _nicknamer()
    return b in names.nicknames_of(a) or a in names.nicknames_of(b) or bool(
        names.canonicals_of(a) & names.canonicals_of(b)) or short_form(a, b)


def _part_of_compound(one: str, compound: str) -> bool:
    """Whether a single first name is a part of a compound one joined by a hyphen, each part a whole name ("anne" of
    "anne-sophie"; not of "anne sophie", a first and a middle name, nor of "anne-s.", initials)."""
    words = compound.split("-")
    return (len(words) > 1 and not any(c in one for c in " .-") and one in words
            and all(len(w) > 2 and w.isalpha() for w in words))


def other_first_names(a: str, b: str) -> bool:
    """Whether two first names (folded) are two people's, not one person's written two ways: they share no
    word ("Anna" and "Anna Maria" are one person; a name joined by a hyphen is one word: Anne and Anne-Sophie,
    Jean and Jean-Luc are mother and daughter, father and son), neither is the other's initial ("A." and
    "Anna") or nickname (Bob and Robert), and their first words differ as two people's names do
    (`other_names`: Anna and Peter, Jean and Jeanne; not the typo of Jon and John). A couple's names ("Marie et
    Paul") are no one person's. An email or phone number standing in for a missing name is no first name."""
    if a == b or "@" in a or "@" in b or not any(map(str.isalpha, a)) or not any(map(str.isalpha, b)):
        return False
    a_words = [w for w in _GIVEN_SPLIT.split(a) if w]
    b_words = [w for w in _GIVEN_SPLIT.split(b) if w]
    if couple(a) != couple(b):
        return True  # (a couple's row: neither of them alone)
    if _part_of_compound(a, b) or _part_of_compound(b, a):
        return True  # (Anne and Anne-Sophie, Pierre and Jean-Pierre)
    if set(a_words) & set(b_words):
        return False
    for one, other in ((a_words, b_words), (b_words, a_words)):
        if any(len(w) == 1 and any(v.startswith(w) for v in other) for w in one):
            return False
    a, b = a_words[0], b_words[0]  # (a pair of names is two people, whatever a list of nicknames links)
    return other_names(a, b) and (_paired(a, b) or not nicknamed(a, b))


def written_together(a: str, b: str) -> bool:
    """Whether two names (name_words) are one name, its words written in one ("王芳" and "王 芳": a name in Chinese,
    Japanese or Korean is often written with no space, and its one word is then taken for a first name)."""
    a_words, b_words = a.split(), b.split()
    if (len(a_words) == 1) == (len(b_words) == 1) or max(len(a_words), len(b_words)) > 4:
        return False
    (whole,), parts = (a_words, b_words) if len(a_words) == 1 else (b_words, a_words)
    return len(whole) == sum(map(len, parts)) and any("".join(order) == whole for order in permutations(parts))


def ordered_name(sort_name: str) -> str:
    """A name of three words or more, or with a hyphen, as `sort_name` writes it (last name first) with its hyphens
    as spaces: "dubois anne marie" for Anne-Marie Dubois and Anne Marie Dubois, not for Marie-Anne ("" for
    another name: one of two words is found by name_words alone)."""
    if "-" not in sort_name and sort_name.count(" ") < 2:
        return ""
    return " ".join(sort_name.replace("-", " ").split())


class DuplicateIndex:
    """Emails, phones and name blocks of the contacts an import compares against."""

    def __init__(self) -> None:
        self.emails: dict[str, int] = {}
        self.phones: dict[str, int] = {}
        self.names: dict[int, str] = {}  # contact id -> its name words
        # a block key (block_keys) -> the contact id, or, from the second contact on, (contact ids, their names);
        # most blocks hold one contact, kept small
        self.blocks: dict[str, int | tuple[list[int], list[str]]] = {}
        self.bare: dict[str, int] = {}  # name words -> the first contact with nothing but that name
        self.by_ordered: dict[str, list[int]] = {}  # ordered_name -> the contacts with that name
        self.with_email: set[int] = set()  # the contacts with an email, and those with a phone: a close name
        self.with_phone: set[int] = set()  # is no match when both have one (and so different ones)
        # the digits of numbers kept as typed (read without a country: "0171 1234567"), the same number read with
        # one since is found by its national form's digits; by their last digits (TYPED_END), to look for them
        self.phones_as_typed: dict[str, int] = {}
        self.typed_ends: dict[str, list[str]] = {}
        # ... and the other way round, numbers read with a country by what follows their country code (every
        # code they may start with): (that code's place in _COUNTRY_CODES, the number). Made when first needed.
        self.after_codes: dict[str, list[tuple[int, str]]] | None = None
        # An email or phone several contacts share (a family's): the contacts after the one `emails` or `phones`
        # gives, and who each is (first name and birthday, when known) to tell them apart
        self.shared: dict[str, list[int]] = {}
        self.firsts: dict[int, str] = {}
        self.birthdays: dict[int, str] = {}
        self.numbers: dict[str, int] = {}  # a customer's number in another program -> the contact
        # the numbers written with zeros before them (or a spreadsheet's ".0"), without (cleaning.number_key)
        self.loose_numbers: dict[str, int] = {}
        self.stand_ins: set[int] = set()  # contacts named after their number alone (_stand_ins)
        self.born: dict[int, str] = {}  # contact -> their birthday with its year (YYYY-MM-DD), when known
        self.erased: frozenset[str] = frozenset()  # the fingerprints of those erased at their request

    def _remember(self, found: dict[str, int], key: str, contact_id: int) -> None:
        """`key` (an email or phone) is `contact_id`'s: the first contact's, and the others' in `shared`."""
        first = found.setdefault(key, contact_id)
        if first != contact_id:
            others = self.shared.setdefault(key, [])
            if contact_id not in others:
                others.append(contact_id)

    @classmethod
    def from_database(cls, conn) -> DuplicateIndex:
        """The contacts outside the Trash, read in three queries, and those erased (services.erased) in one."""
        index = cls()
        index.erased = erased.fingerprints(conn)
        emails, remember = index.emails, index._remember
        for email, contact_id in conn.execute(
                "SELECT e.email, e.contact_id FROM contact_email e JOIN contact c ON c.id = e.contact_id"
                " WHERE c.deleted_at IS NULL ORDER BY e.contact_id, e.position"):
            remember(emails, email.casefold(), contact_id)
            index.with_email.add(contact_id)
        phones = index.phones
        for e164, raw, contact_id in conn.execute(
                "SELECT p.e164, p.raw, p.contact_id FROM contact_phone p JOIN contact c ON c.id = p.contact_id"
                " WHERE c.deleted_at IS NULL ORDER BY p.contact_id, p.position"):
            if e164 is not None:
                remember(phones, e164, contact_id)
                index.with_phone.add(contact_id)
            elif digits := typed_digits(raw):
                index._remember_typed(digits, contact_id)
        reachable = index.with_email | index.with_phone
        cursor = conn.execute(
            "SELECT id, sort_name, sort_city, postal_code, sort_company, birthday,"
            " first_name = '' AND last_name = '', first_name, external_id FROM contact WHERE deleted_at IS NULL"
            " ORDER BY id")
        add_name, bare, firsts, birthdays = index._add_name, index.bare, index.firsts, index.birthdays
        for contact_id, sort_name, city, postal, company, birthday, company_only, first, number in cursor:
            if number:
                index._remember_number(number.casefold(), contact_id)
                if not first and not company and sort_name in _stand_ins(number):
                    index.stand_ins.add(contact_id)
            name = name_words(sort_name)
            agreeing = (town_key(city), postal_key(postal), "" if company_only else company, (birthday or "")[-5:])
            add_name(contact_id, name, block_keys(name, agreeing))
            if first:
                firsts[contact_id] = sys.intern(_folded(first))
            if birthday:
                birthdays[contact_id] = sys.intern(agreeing[3])
                if not birthday.startswith("-"):
                    index.born[contact_id] = birthday
            ordered = ordered_name(sort_name)
            if ordered:
                index.by_ordered.setdefault(ordered, []).append(contact_id)
            if name and contact_id not in reachable and not any(agreeing):
                bare.setdefault(name, contact_id)
        return index

    def _add_name(self, contact_id: int, name: str, keys) -> None:
        known = self.names.get(contact_id)
        if known is not None and known != name:
            return  # a contact keeps the name it came with; a close name of a later row is not a new one
        self.names[contact_id] = name
        blocks = self.blocks
        for key in keys:
            block = blocks.get(key)
            if block is None:
                blocks[key] = contact_id
            elif type(block) is int:
                if block != contact_id:
                    blocks[key] = ([block, contact_id], [self.names[block], name])
            elif block[0][-1] != contact_id:
                block[0].append(contact_id)
                block[1].append(name)

    def _alike(self, contact_id: int, f: Facts) -> bool:
        """Whether `f`'s name is close to the contact's (NAME_THRESHOLD)."""
        return bool(f.name) and fuzz.ratio(f.name, self.names.get(contact_id, "")) >= NAME_THRESHOLD

    def _remember_number(self, number: str, contact_id: int) -> None:
        self.numbers.setdefault(number, contact_id)
        if (loose := number_key(number)) != number:
            self.loose_numbers.setdefault(loose, contact_id)

    def _by_number(self, f: Facts) -> int | None:
        """The contact of `f`'s customer number, with names alike: written the same way, else with zeros before it
        that the other does not have ("000123" and "123": a spreadsheet takes them off). A number of OWN_NUMBER
        characters or more needs no name alike, unless the two are clearly other people (_other_person): one who
        married has a new last name and email, and the shop's number of old. Nor does one a sales file made,
        named after the number alone ("Customer 17850": `stand_ins`)."""
        found = self.numbers.get(f.number)
        if found is not None and (fuzz.ratio(f.name, self.names.get(found, f.name)) >= NAME_THRESHOLD or len(
                f.number) >= OWN_NUMBER and not self._other_person(found, f) or found in self.stand_ins):
            return found
        loose = number_key(f.number)
        found = self.loose_numbers.get(loose)
        if found is None and loose != f.number:
            found = self.numbers.get(loose)
        return found if found is not None and (self._alike(found, f) or found in self.stand_ins) else None

    def _remember_typed(self, digits: str, contact_id: int) -> None:
        if self.phones_as_typed.setdefault(digits, contact_id) == contact_id:
            self.typed_ends.setdefault(digits[-TYPED_END:], []).append(digits)

    def _typed_as(self, e164: str) -> int | None:
        """The contact with a number kept as typed whose digits are those of `e164` in its country's own form, or
        dialled from abroad ("0079119543523")."""
        for digits in self.typed_ends.get(e164[-TYPED_END:], ()):
            if digits == "00" + e164[1:] or national_digits(e164) == digits:
                return self.phones_as_typed[digits]
        return None

    def _read_as(self, digits: str) -> int | None:
        """The contact with a number read with its country whose own form has these `digits`, typed without it:
        "0171 1234567" is +49 171 1234567, when that number is someone's ("0049 171 1234567", as dialled from
        abroad, too)."""
        phones = self.phones
        if digits.startswith("00") and (found := phones.get("+" + digits[2:])) is not None:
            return found
        if self.after_codes is None:
            self.after_codes = {}
            for e164 in phones:
                self._note_after_codes(e164)
        national = digits.lstrip("0")
        # The numbers that are a country code and then these digits (without their zeros first, or with them), in
        # the order of the codes: the first whose own form has these digits.
        tried = sorted((place, with_zeros, e164) for with_zeros, rest in enumerate((national, digits))
                       for place, e164 in self.after_codes.get(rest, ()))
        for _, _, e164 in tried:
            if national_digits(e164) == digits:
                return phones[e164]
        return None

    def _note_after_codes(self, e164: str) -> None:
        for rest, place in after_country_codes(e164):
            self.after_codes.setdefault(rest, []).append((place, e164))

    def add(self, contact_id: int, f: Facts) -> None:
        """Remember a contact (one the import creates, or the new facts of one it updates)."""
        for email in f.emails:
            self._remember(self.emails, email, contact_id)
        for phone in f.phones:
            if self.after_codes is not None and phone not in self.phones:
                self._note_after_codes(phone)
            self._remember(self.phones, phone, contact_id)
        for digits in f.typed:
            self._remember_typed(digits, contact_id)
        if f.first:  # (one string for each name and day however many have it: a large book's index stays small)
            self.firsts.setdefault(contact_id, sys.intern(f.first))
        if f.agreeing[3]:
            self.birthdays.setdefault(contact_id, sys.intern(f.agreeing[3]))
        if f.born:
            self.born.setdefault(contact_id, f.born)
        if f.number:
            self._remember_number(f.number, contact_id)
        if f.emails:
            self.with_email.add(contact_id)
        if f.phones:
            self.with_phone.add(contact_id)
        if f.name:
            self._add_name(contact_id, f.name, f.keys)
        if f.ordered and contact_id not in self.by_ordered.setdefault(f.ordered, []):
            self.by_ordered[f.ordered].append(contact_id)
        if is_bare(f):
            self.bare.setdefault(f.name, contact_id)

    def _other_person(self, contact_id: int, f: Facts) -> bool:
        """Whether `f` is clearly not `contact_id`, though they share an email or phone. (A first name found among
        the other's names is theirs written in another order: "Weber Anna" is Anna Weber.)"""
        first = self.firsts.get(contact_id)
        if first and f.first and other_first_names(first, f.first) and (couple(first) != couple(f.first) or not (
                set(first.split()) & set(f.name.split())
                or set(f.first.split()) & set(self.names[contact_id].split())
                or written_together(self.names[contact_id], f.name))):
            return True
        birthday = self.birthdays.get(contact_id)
        return bool(birthday and f.agreeing[3] and birthday != f.agreeing[3])

    def _same_person(self, found: int, key: str, f: Facts) -> int | None:
        """Of the contacts with the email or phone `key` (`found` the first), the one `f` is; None when `f` is
        clearly none of them."""
        if not self._other_person(found, f):
            return found
        return next((other for other in self.shared.get(key, ()) if not self._other_person(other, f)), None)

    def find(self, f: Facts) -> Match | None:
        """The contact `f` duplicates, if any: by email, else phone, else close name plus a field."""
        for email in f.emails:
            found = self.emails.get(email)
            if found is not None and (found := self._same_person(found, email, f)) is not None:
                return Match(found, "email")
        for phone in f.phones:
            found = self.phones.get(phone)
            if found is None and self.typed_ends:
                found = self._typed_as(phone)
            if found is not None and (found := self._same_person(found, phone, f)) is not None:
                return Match(found, "phone")
        # A number kept as typed, with the names alike: it may be another country's number of the same digits (a
        # Roman "06 1234 5678", a French mobile's)
        for digits in f.typed:
            found = self.phones_as_typed.get(digits)
            if found is None:
                found = self._read_as(digits)
            if found is not None and self._alike(found, f) and (
                    found := self._same_person(found, digits, f)) is not None:
                return Match(found, "phone")
        # the same number in the program both came from (Shopify's customer id), when the names are alike: one
        # whose email changed since (two programs may number their customers alike: other names, other people)
        found = self._by_number(f) if f.number else None
        if found is not None:
            return Match(found, "number")
        if not f.name:
            return None
        if is_bare(f):
            found = self.bare.get(f.name)
            return Match(found, "name") if found is not None else None
        # Every block the name shares a word and an agreeing field with, compared in one go.
        blocks = self.blocks
        ids: list[int] = []
        names: list[str] = []
        fields: list[tuple[int, int]] = []  # (where each block's candidates end, its field)
        for key in f.keys:
            block = blocks.get(key)
            if block is None:
                continue
            if type(block) is int:
                ids.append(block)
                names.append(self.names[block])
            else:
                ids += block[0]
                names += block[1]
            fields.append((len(ids), _field_of(key)))
        if not ids:
            return None
        best: Match | None = None
        found = process.extract(f.name, names, scorer=fuzz.ratio, score_cutoff=NAME_THRESHOLD, limit=None)
        same = self.by_ordered.get(f.ordered) if f.ordered else None
        if same:  # the same name with a hyphen where the other has a space ("Anne Marie" and Anne-Marie)
            seen = {ids[position] for _, _, position in found}
            found += [(names[i], 100.0, i) for i, cid in enumerate(ids) if cid in same and cid not in seen]
        for _, score, position in found:
            contact_id = ids[position]
            if ((f.emails and contact_id in self.with_email) or (f.phones and contact_id in self.with_phone)) and not (
                    score == 100 and f.born and f.born not in _NO_BIRTHDAYS and self.born.get(contact_id) == f.born):
                continue  # an email, or a phone, of their own on both sides: two people (unless of one name, born
                #           the same day: twins have two names)
            if score < 100 and other_names(f.name, names[position]):
                continue  # Jean and Jeanne
            if f.agreeing[3] and self.birthdays.get(contact_id, f.agreeing[3]) != f.agreeing[3]:
                continue  # the same name born on another day: a father and his son
            field = next(field for end, field in fields if position < end)
            born = self.born.get(contact_id)
            if (AGREEING[field] == "birthday" and f.born and born and f.born != born
                    and not {f.born, born} & _NO_BIRTHDAYS):
                continue  # ... or, found by the day alone, on the same day of another year (1 January is many people's)
            if best is None or score > best.score or (score == best.score and contact_id < best.contact_id):
                best = Match(contact_id, f"name+{AGREEING[field]}", score)
        return best
