"""A vCard file (.vcf: a phone's, a Mac's or a mail program's contacts) read as the rows of a table.

Each contact becomes one row in the layout of Google's CSV export, which was made from vCards: "First Name",
"Last Name", "E-mail 1 - Label", "E-mail 1 - Value", "Phone 2 - Label", "Address 1 - City"… (`header`), so
that the import maps, cleans, checks and undoes a vCard's contacts as it does any list's (the "vcard" preset).
The file has as many numbered groups as its contact with the most emails, phones, addresses and web pages has
(`Shape`), found in a quick first pass over its lines (`shape`).

vCard 2.1, 3.0 and 4.0 are read: lines folded over several lines, quoted-printable text in any character set
(Android's older exports), escaped commas, semicolons and line breaks, a phone's or an address's kind from its
TYPE (HOME, WORK, CELL, FAX…) or from an Apple label ("item1.X-ABLabel"), and Apple's birthdays without a year.
Photos, keys and sounds are left out, and so are a program's own properties (UID, REV, X-…).

vobject splits the file into its logical lines and each line into its name, parameters and value; its readers
of whole cards are not used: they decode every photo, and one photo cut short stops the whole file.
"""

from __future__ import annotations

import codecs
import quopri
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from vobject.base import ParseError, getLogicalLines, parseLine

# --- the table a vCard file is read as ------------------------------------------------------------

NAME_COLUMNS = ("Name", "First Name", "Middle Name", "Last Name", "Name Prefix", "Name Suffix", "Nickname",
                "Organization Name", "Organization Department", "Organization Title", "Birthday", "Notes", "Labels",
                "Event 1 - Label", "Event 1 - Value", "Source", "Email Consent", "SMS Consent",
                "Email Consent Source", "SMS Consent Source", "Email Consent Date", "SMS Consent Date")
# smallcrm's own vCards (services/export.py) say where a customer came from and what they agreed to, where and when
_OWN = {"X-SMALLCRM-SOURCE": "Source", "X-SMALLCRM-EMAIL-CONSENT": "Email Consent",
        "X-SMALLCRM-SMS-CONSENT": "SMS Consent", "X-SMALLCRM-EMAIL-CONSENT-SOURCE": "Email Consent Source",
        "X-SMALLCRM-SMS-CONSENT-SOURCE": "SMS Consent Source", "X-SMALLCRM-EMAIL-CONSENT-DATE": "Email Consent Date",
        "X-SMALLCRM-SMS-CONSENT-DATE": "SMS Consent Date"}
ADDRESS_PARTS = ("PO Box", "Extended Address", "Street", "City", "Region", "Postal Code", "Country")  # ADR's order


@dataclass(frozen=True)
class Shape:
    """The most emails, phones, addresses and web pages one contact of the file has (one of each at least)."""

    emails: int = 1
    phones: int = 1
    addresses: int = 1
    websites: int = 1


def header(shape: Shape) -> list[str]:
    """The column names of a vCard file of that shape."""
    names = list(NAME_COLUMNS)
    for group, count in (("E-mail", shape.emails), ("Phone", shape.phones)):
        for n in range(1, count + 1):
            names += [f"{group} {n} - Label", f"{group} {n} - Value"]
    for n in range(1, shape.addresses + 1):
        names += [f"Address {n} - Label", *(f"Address {n} - {part}" for part in ADDRESS_PARTS)]
    for n in range(1, shape.websites + 1):
        names += [f"Website {n} - Label", f"Website {n} - Value"]
    return names


# --- a file's lines, as cards ---------------------------------------------------------------------

# Properties a contact is not read for: the program's bookkeeping, pictures and keys, and how names sort.
_LEFT_OUT = frozenset({"VERSION", "PRODID", "UID", "REV", "PHOTO", "LOGO", "SOUND", "KEY", "CLIENTPIDMAP",
                       "SORT-STRING", "SOURCE", "KIND", "XML", "GENDER", "LANG", "TZ", "GEO", "MAILER", "CLASS",
                       "LABEL", "AGENT", "NAME", "PROFILE", "FBURL", "CALURI", "CALADRURI", "IMPP", "MEMBER",
                       "RELATED"})


@dataclass
class Property:
    name: str  # upper case, without its group
    params: dict[str, list[str]]  # upper-case names; a 2.1 parameter without a name ("CELL") is a TYPE
    value: str  # as written, escapes and quoted-printable decoded (`text`, `parts`)
    group: str = ""  # Apple's "item1" of "item1.TEL", in upper case


def _property(name: str, params: list[list[str]], value: str, group: str | None) -> Property:
    found: dict[str, list[str]] = {}
    for param in params:
        key, values = (param[0].upper(), param[1:]) if len(param) > 1 else ("TYPE", param)
        found.setdefault(key, []).extend(v for value in values for v in value.split(",") if v)
    if any(v.upper() in ("QUOTED-PRINTABLE", "QP") for v in found.get("ENCODING", []) + found.get("TYPE", [])):
        charset = (found.get("CHARSET") or ["utf-8"])[0]
        data = quopri.decodestring(value.encode("utf-8", "replace"))
        try:
            value = data.decode(codecs.lookup(charset).name)
        except (LookupError, UnicodeDecodeError):
            value = data.decode("utf-8", "replace") if _is_utf8(data) else data.decode("cp1252", "replace")
    return Property(name.upper(), found, value, (group or "").upper())


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@dataclass
class Card:
    properties: list[Property]
    unreadable: int = 0  # lines of it that are no property ("name:value")


def cards(lines: Iterable[str]) -> Iterator[Card]:
    """Each card of the text of a vCard file (its lines, as a text file gives them); what is outside
    BEGIN:VCARD and END:VCARD is passed over. A card whose END:VCARD is missing ends where the next begins, or
    at the end of the file."""
    card: Card | None = None
    for line, number in getLogicalLines(_Stream(lines), allowQP=True):
        try:
            name, params, value, group = parseLine(line, number)
        except ParseError:
            if card is not None:
                card.unreadable += 1
            continue
        upper = name.upper()
        if upper in ("BEGIN", "END") and value.strip().upper() == "VCARD":
            if card is not None:
                yield card
            card = Card([]) if upper == "BEGIN" else None
            continue
        if card is not None and upper not in _LEFT_OUT:
            property_ = _property(name, params, value, group)
            if not any(v.upper() in ("B", "BASE64") for v in property_.params.get("ENCODING", [])):
                card.properties.append(property_)
    if card is not None:
        yield card


class _Stream:
    """Lines given one by one, for vobject's reader (which reads a stream with readline)."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._lines = iter(lines)

    def readline(self) -> str:
        return next(self._lines, "")


# --- values ---------------------------------------------------------------------------------------

_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_UNESCAPED = {"n": "\n", "N": "\n"}


def text(value: str) -> str:
    """A value's text: "\\n" a line break, "\\," a comma, "\\;" a semicolon."""
    return _ESCAPE.sub(lambda m: _UNESCAPED.get(m.group(1), m.group(1)), value).strip()


def parts(value: str, separator: str = ";") -> list[str]:
    """The parts of a structured value (N, ADR, ORG; a list of CATEGORIES with ","), each as text."""
    found, start, i = [], 0, 0
    while i < len(value):
        if value[i] == "\\":
            i += 2
            continue
        if value[i] == separator:
            found.append(text(value[start:i]))
            start = i + 1
        i += 1
    found.append(text(value[start:]))
    return found


_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")
# A TYPE's kind of number or address, in words validation.label_key reads; the others (VOICE, PREF, INTERNET,
# X400, MSG…) say nothing a shop needs.
_KIND_WORDS = {"CELL": "Mobile", "MOBILE": "Mobile", "IPHONE": "Mobile", "HOME": "Home", "WORK": "Work",
               "MAIN": "Main", "OTHER": "Other", "FAX": "Fax", "PAGER": "Pager", "CAR": "Car", "TEXTPHONE": "Textphone"}


def kind(p: Property, labels: dict[str, str]) -> str:
    """What kind of phone, email, address or web page a property is, in words: its Apple label, else its TYPE's:
    "Mobile", "Work", "Work Fax", "Home"; "" for none."""
    if p.group and p.group in labels:
        label = labels[p.group]
        return (m.group(1) if (m := _APPLE_LABEL.fullmatch(label)) else label).strip()
    words = [_KIND_WORDS[t.upper()] for t in p.params.get("TYPE", []) if t.upper() in _KIND_WORDS]
    if "Fax" in words or "Pager" in words:  # (not a number to call: the import keeps it in the notes)
        where = [w for w in words if w in ("Home", "Work")]
        return " ".join(where[:1] + ["Fax" if "Fax" in words else "Pager"])
    for word in ("Mobile", "Home", "Work", "Main", "Car", "Textphone", "Other"):
        if word in words:
            return word
    return ""


def _preferred(p: Property) -> bool:
    types = [t.upper() for t in p.params.get("TYPE", [])]
    return "PREF" in types or p.params.get("PREF", ["100"])[0] == "1"


_YEAR_FIRST = re.compile(r"(\d{4})-?(\d\d)-?(\d\d)")
_NO_YEAR = re.compile(r"--(\d\d)-?(\d\d)")


def date(p: Property) -> str:
    """A date as the import reads dates: "1985-04-03", or "--04-03" for a day without a year (vCard 4.0's
    "--0403"; Apple writes the year 1604 and says so in X-APPLE-OMIT-YEAR); other text as it is."""
    value = text(p.value).split("T")[0].strip()
    if m := _NO_YEAR.fullmatch(value):
        return f"--{m.group(1)}-{m.group(2)}"
    if m := _YEAR_FIRST.fullmatch(value):
        omitted = (p.params.get("X-APPLE-OMIT-YEAR") or [""])[0]
        if m.group(1) == omitted or m.group(1) == "1604":
            return f"--{m.group(2)}-{m.group(3)}"
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return text(p.value)


# --- the shape of a file's table --------------------------------------------------------------------

_BEGIN = re.compile(r"BEGIN:VCARD\s*$", re.IGNORECASE)
_COUNTED = re.compile(r"(?:[\w-]+\.)?(EMAIL|TEL|ADR|URL)[;:]", re.IGNORECASE)  # (a line that goes on is not)
_GROUPS = ("EMAIL", "TEL", "ADR", "URL")  # the order of Shape's fields
_QUOTED_PRINTABLE = re.compile("quoted-printable", re.IGNORECASE)


def shape(lines: Iterable[str], most: int) -> tuple[Shape, int]:
    """The shape of the table a file's lines are read as, from the lines alone (much quicker than reading its
    cards), and how many cards it has, counted up to `most` + 1. It never has fewer columns than `cards` and `row`
    need."""
    widest, counts, found = [1, 1, 1, 1], [0, 0, 0, 0], 0
    logical: list[str] = []  # the lines of one logical line: a quoted-printable one ending in "=" goes on (vobject)
    continued = False
    for line in lines:
        text = line.rstrip("\r\n")
        if not text.strip():
            continued = False
            continue
        if continued or text[0] in " \t":  # (the line before goes on)
            logical.append(text)
            continued = text.endswith("=") and any(_QUOTED_PRINTABLE.search(part) for part in logical)
            continue
        logical = [text]
        continued = text.endswith("=") and bool(_QUOTED_PRINTABLE.search(text))
        if _BEGIN.match(line):
            found += 1
            if found > most:
                break
            counts = [0, 0, 0, 0]
        elif m := _COUNTED.match(line):
            i = _GROUPS.index(m.group(1).upper())
            counts[i] += 1
            widest[i] = max(widest[i], counts[i])
    return Shape(*widest), found


# --- a card as a row -------------------------------------------------------------------------------

_ORDER_OF_ADDRESSES = {"Home": 0, "": 1}  # the home address first: the import keeps the first one as the address


def row(card: Card, shape: Shape) -> list[str]:
    """A card's cells in the columns of `header(shape)`."""
    cells = dict.fromkeys(header(shape), "")
    labels = {p.group: text(p.value) for p in card.properties if p.name == "X-ABLABEL" and p.group}
    notes: list[str] = []
    titles: list[str] = []
    lists = {"EMAIL": [], "TEL": [], "ADR": [], "URL": []}
    for p in card.properties:
        if p.name == "FN":
            cells["Name"] = text(p.value)
        elif p.name == "N":
            family, given, middle, prefix, suffix = (parts(p.value) + [""] * 5)[:5]
            cells.update({"Last Name": family.replace(",", " "), "First Name": given.replace(",", " "),
                          "Middle Name": middle.replace(",", " "), "Name Prefix": prefix.replace(",", " "),
                          "Name Suffix": suffix.replace(",", " ")})
        elif p.name == "NICKNAME":
            cells["Nickname"] = ", ".join(v for v in parts(p.value, ",") if v)
        elif p.name == "ORG":
            org = [v for v in parts(p.value) if v]
            cells["Organization Name"] = org[0] if org else ""
            cells["Organization Department"] = ", ".join(org[1:])
        elif p.name in ("TITLE", "ROLE"):
            titles.append(text(p.value))
        elif p.name == "BDAY":
            cells["Birthday"] = date(p)
        elif p.name in ("ANNIVERSARY", "X-ANNIVERSARY"):
            cells["Event 1 - Label"], cells["Event 1 - Value"] = "Anniversary", date(p)
        elif p.name == "NOTE":
            notes.append(text(p.value))
        elif p.name == "CATEGORIES":
            cells["Labels"] = " ::: ".join(v for v in parts(p.value, ",") if v)
        elif p.name in _OWN:
            cells[_OWN[p.name]] = text(p.value)
        elif p.name in lists:
            lists[p.name].append(p)
    cells["Organization Title"] = ", ".join(t for t in titles if t)
    if cells["Name"] == cells["Organization Name"] and not (cells["First Name"] or cells["Last Name"]):
        cells["Name"] = ""  # (a company's card: its name is no person's)
    room = dict(zip(_GROUPS, (shape.emails, shape.phones, shape.addresses, shape.websites)))
    for name, group in (("EMAIL", "E-mail"), ("TEL", "Phone"), ("URL", "Website")):
        found = sorted(lists[name], key=lambda p: not _preferred(p))  # (the one the contact prefers first)
        for n, p in enumerate(found, start=1):
            value = text(p.value)  # (a "tel:" link as it is: the import reads it, its extension too)
            if n > room[name]:  # (not in a table of another shape: kept in the notes)
                notes.append(f"{group}: {value}")
                continue
            cells[f"{group} {n} - Label"], cells[f"{group} {n} - Value"] = kind(p, labels), value
    addresses = sorted(lists["ADR"], key=lambda p: _ORDER_OF_ADDRESSES.get(kind(p, labels), 2))
    for n, p in enumerate(addresses, start=1):
        values = [value.replace("\n", ", ") for value in parts(p.value) + [""] * 7]
        if n > room["ADR"]:
            notes.append("Address: " + ", ".join(v for v in values if v))
            continue
        cells[f"Address {n} - Label"] = kind(p, labels)
        for part, value in zip(ADDRESS_PARTS, values):
            cells[f"Address {n} - {part}"] = value
    cells["Notes"] = "\n".join(n for n in notes if n)
    return list(cells.values())
