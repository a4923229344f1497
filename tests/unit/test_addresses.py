"""Addresses as each country's post writes them: the postal code and town in its order, and the region only where
it belongs."""

from __future__ import annotations

import pytest

from smallcrm.services.addresses import address_lines, country_code, region_written, town_lines


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


def test_the_region_is_written_where_the_country_writes_it():
    assert [region_written(c) for c in ("US", "CA", "AU", "IT", "ES", "BR")] == [True] * 6
    assert [region_written(c) for c in ("DE", "FR", "GB", "NL", "AT", "CH")] == [False] * 6
    assert region_written(None) and region_written("QQ")  # (not known: nothing says to leave it out)
