"""Addresses as each country's post writes them: the postal code and town in its order, and the region only where
it belongs."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smallcrm.services.addresses import (
    address_lines, country_code, postal_code_as_posted, region_written, split_address, town_lines,
)


@pytest.mark.parametrize(("postal_code", "city", "country", "home", "lines"), [
    ("62704", "Springfield, IL", "USA", None, ["Springfield, IL 62704"]),
    ("M5V 2T6", "Toronto, ON", "Canada", "FR", ["Toronto, ON M5V 2T6"]),
    ("SW1A 1AA", "London", "", "GB", ["London", "SW1A 1AA"]),  # (a line each, as Royal Mail asks)
    ("D02 X285", "Dublin", "Ireland", "US", ["Dublin", "D02 X285"]),
    ("10115", "Berlin", "Deutschland", "US", ["10115 Berlin"]),
    ("75001", "Paris", "", "FR", ["75001 Paris"]),
    ("100000", "Beijing", "China", None, ["100000", "Beijing"]),  # (largest first)
    ("75001", "Paris", "Narnia", "US", ["75001 Paris"]),  # a country not known: the postal code first
    ("75001", "Paris", "", None, ["75001 Paris"]),
    ("", "Springfield", "USA", None, ["Springfield"]), ("62704", "", "USA", None, ["62704"]), ("", "", "", "US", []),
])
def test_the_postal_code_and_town_are_where_the_countrys_post_reads_them(postal_code, city, country, home, lines):
    assert town_lines(postal_code, city, country, home) == lines


def test_an_address_leaves_out_its_blank_lines():
    assert address_lines("1 Main St", "62704", "Springfield, IL", "", "US") == ["1 Main St", "Springfield, IL 62704"]
    assert address_lines("", "", "Lyon", "France", "US") == ["Lyon", "France"]


def test_the_country_is_the_addresss_or_else_the_shops():
    assert [country_code(c, "FR") for c in ("Deutschland", "U.K.", "Royaume-Uni", " ", "", "Narnia")] == [
        "DE", "GB", "GB", "FR", "FR", None]


@pytest.mark.parametrize(("postal_code", "country", "home", "posted"), [
    ("sw1a 2aa", "United Kingdom", "FR", "SW1A 2AA"),
    ("sw1a 2aa", "", "GB", "SW1A 2AA"),  # (the shop's country)
    ("Sw1A 2aA", "UK", None, "SW1A 2AA"),
    ("1012lg", "Nederland", None, "1012 LG"),
    ("m5h 2n2", "Canada", None, "M5H 2N2"),
    ("d02 x285", "Ireland", None, "D02 X285"),
    # the space where the country's post writes one
    ("SW1A2AA", "", "GB", "SW1A 2AA"), ("gir0aa", "UK", None, "GIR 0AA"), ("M342AB", "UK", None, "M34 2AB"),
    ("1012LG", "NL", None, "1012 LG"), ("M5H2N2", "Canada", None, "M5H 2N2"), ("10000", "Česko", None, "100 00"),
    ("15124", "Greece", None, "151 24"),
    ("75 011", "France", None, "75 011"),  # a space France's post does not write: kept as typed
    ("11455", "Sverige", None, "11455"),  # Sweden's examples have none
    ("bzn1130", "Malta", None, "BZN 1130"), ("NXR01", "Malta", None, "NXR 01"),  # (one place fits each)
    ("bfpo61", "UK", None, "BFPO 61"),
    ("20383054", "Lebanon", None, "20383054"),  # one of Lebanon's examples has none
    ("sw1a 2aa", "France", "GB", "sw1a 2aa"),  # not a French postal code: kept as written
    ("abc", "", "GB", "abc"),  # no postal code of the country
    ("sw1a 2aa", "Atlantis", None, "sw1a 2aa"),  # a country not known
    ("sw1a 2aa", "", None, "sw1a 2aa"),
    ("75011", "France", None, "75011"),
    ("", "UK", None, ""),
])
def test_a_postal_code_takes_the_capitals_and_the_space_its_countrys_post_writes(postal_code, country, home,
                                                                                 posted):
    assert postal_code_as_posted(postal_code, country, home) == posted


def test_the_region_is_written_where_the_country_writes_it():
    assert [region_written(c) for c in ("US", "CA", "AU", "IT", "ES", "BR")] == [True] * 6
    assert [region_written(c) for c in ("DE", "FR", "GB", "NL", "AT", "CH")] == [False] * 6
    assert region_written(None) and region_written("QQ")  # (not known: nothing says to leave it out)


@pytest.mark.parametrize(("text", "country", "home", "parts"), [
    ("12 rue des Lilas, 75011 Paris", "", "FR", ("12 rue des Lilas", "75011", "Paris", "", "")),
    ("3 avenue Foch\n69006 Lyon", "", "FR", ("3 avenue Foch", "69006", "Lyon", "", "")),  # (a line each)
    ("3 avenue Foch 69006 Lyon", "", "FR", ("3 avenue Foch", "69006", "Lyon", "", "")),  # (after the street's words)
    ("12 rue du 8 Mai 1945 75011 Paris", "", "FR", ("12 rue du 8 Mai 1945", "75011", "Paris", "", "")),
    ("5 rue X, 75011 Paris, France", "", "US", ("5 rue X", "75011", "Paris", "", "France")),  # (the country it names)
    ("1 Main St, Springfield, IL 62701, USA", "", "FR", ("1 Main St", "62701", "Springfield", "IL", "USA")),
    ("1 Main St\nSpringfield, IL 62701", "", "US", ("1 Main St", "62701", "Springfield", "IL", "")),
    ("1 Main St, Springfield, Illinois 62701", "", "US", ("1 Main St", "62701", "Springfield", "Illinois", "")),
    ("1 Main St, Springfield, 62701", "", "US", ("1 Main St", "62701", "Springfield", "", "")),
    ("1600 Amphitheatre Pkwy, Mountain View, CA 94043-1351", "USA", "FR",
     ("1600 Amphitheatre Pkwy", "94043-1351", "Mountain View", "CA", "")),
    ("10 Downing Street\nLondon\nsw1a 2aa\nUnited Kingdom", "", "FR",
     ("10 Downing Street", "sw1a 2aa", "London", "", "United Kingdom")),  # (its postal code as written)
    ("Flat 2, 10 High St, Leeds, LS1 4AP", "", "GB", ("Flat 2, 10 High St", "LS1 4AP", "Leeds", "", "")),
    ("100 Queen St W, Toronto, ON M5H 2N2", "Canada", None, ("100 Queen St W", "M5H 2N2", "Toronto", "ON", "")),
    ("1 George St, Sydney NSW 2000", "", "AU", ("1 George St", "2000", "Sydney", "NSW", "")),
    ("Via Roma 1, 20121 Milano MI", "", "IT", ("Via Roma 1", "20121", "Milano", "MI", "")),
    ("Via Sparano 1, 70121 Bari", "", "IT", ("Via Sparano 1", "70121", "Bari", "", "")),  # (not "Ba", Rieti's "RI")
    ("Bahnhofstrasse 1, CH-8001 Zürich", "", "CH", ("Bahnhofstrasse 1", "8001", "Zürich", "", "")),
    ("Damrak 1, 1012 LG Amsterdam", "Nederland", "US", ("Damrak 1", "1012 LG", "Amsterdam", "", "")),
    ("Hauptstraße 5 10115 Berlin", "", "DE", ("Hauptstraße 5", "10115", "Berlin", "", "")),
    ("Rua Augusta 10, 1100-053 Lisboa", "", "PT", ("Rua Augusta 10", "1100-053", "Lisboa", "", "")),
    ("75011 Paris", "", "FR", ("", "75011", "Paris", "", "")),
])
def test_an_address_in_one_cell_is_read_as_its_parts_where_it_ends_with_its_town(text, country, home, parts):
    assert tuple(split_address(text, country, home)) == parts


@pytest.mark.parametrize(("text", "home"), [
    ("12 High St", "GB"), ("5 rue X, Paris", "FR"),  # no postal code
    ("Flat 2, 10 High St, Leeds", "GB"), ("BP 12, 75011", "FR"),  # no town
    ("1 Main St, Atlanta, Georgia", "US"),  # (Georgia the country, whose postal codes it has none of)
    ("12 rue des Lilas, 75011 Paris", None),  # the country not known
    ("Chome 1-2, 100-0001 Tokyo", "JP"),  # a country that writes the postal code first, above the street
    ("", "FR"),
])
def test_an_address_that_does_not_end_with_its_town_is_kept_as_written(text, home):
    assert split_address(text, "", home) is None


def test_a_cell_of_a_megabyte_is_no_address():
    """(Trying each place a town might begin in it would take minutes.)"""
    assert split_address("1 a " * 250_000 + "75011 Paris", "", "FR") is None


_LETTERS = re.compile(r"[^\s,]")


@given(st.text(alphabet="abcXYZ éß0159 ,\n", max_size=40),
       st.sampled_from(["FR", "US", "GB", "DE", "NL", "CA", "IT"]))
def test_reading_an_address_as_its_parts_loses_and_adds_nothing(text, home):
    split = split_address(text, "", home)
    if split is not None:
        assert sorted(_LETTERS.findall(text)) == sorted(_LETTERS.findall(" ".join(split)))


@given(street=st.text(alphabet="ab 19", max_size=12), separator=st.sampled_from([", ", "\n", " ", " ,\n "]),
       postal_code=st.from_regex(r"\d{5}", fullmatch=True),
       city=st.builds(str.__add__, st.sampled_from("aBé"), st.text(alphabet="abßé -", max_size=10)))
def test_a_german_address_in_one_cell_is_its_street_postal_code_and_town(street, separator, postal_code, city):
    text = f"{street}{separator}{postal_code} {city}"
    assert tuple(split_address(text, "", "DE")) == (street.strip(), postal_code, city.strip(), "", "")
