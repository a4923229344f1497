"""Cleaning imported rows: dates, amounts, names, emails, phones, and whole rows into contacts or Rejects."""

from __future__ import annotations

import csv

import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import phonenumbers
import pytest
from babel.dates import format_date
from babel.numbers import format_currency, get_decimal_symbol
from hypothesis import given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from smallcrm.errors import InvalidValue
from smallcrm.services import validation
from smallcrm.services.contacts import clean_contact
from smallcrm.services.importing import cleaning
from smallcrm.services.importing.cleaning import (
    ImportedContact,
    Reject,
    check_email,
    check_phone,
    infer_date_order,
    infer_date_orders,
    infer_decimal_mark,
    parse_date,
    parse_money,
    row_to_contact,
    split_full_name,
    tidy,
)
from smallcrm.services.importing.mapping import FIELDS, auto_map
from smallcrm.services.importing.reader import read_header, read_rows, sniff
from smallcrm.services.money import to_decimal

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"


def outcome(call, *args):
    """The value, or ("InvalidValue", problem): to compare two functions that check the same thing."""
    try:
        return call(*args)
    except InvalidValue as e:
        return ("InvalidValue", e.problem)


# --- dates ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "order", "expected"), [
    ("1990-03-04", "dmy", "1990-03-04"), ("1990/3/4", "mdy", "1990-03-04"),
    ("1990-03-04T10:00:00Z", "dmy", "1990-03-04"),
    ("1990-03-04 00:00:00", "ambiguous", "1990-03-04"), ("19900304", "dmy", "1990-03-04"),
    ("--03-04", "dmy", "--03-04"), ("--0304", "mdy", "--03-04"), ("--02-29", "dmy", "--02-29"),
    ("03/04/1990", "dmy", "1990-04-03"), ("03/04/1990", "mdy", "1990-03-04"), ("3.4.1990", "dmy", "1990-04-03"),
    ("25/12/1980", "ambiguous", "1980-12-25"), ("12/25/1980", "ambiguous", "1980-12-25"),
    ("05/05/1990", "ambiguous", "1990-05-05"),
    ("4/23/75", "mdy", "1975-04-23"), ("23/04/05", "dmy", "2005-04-23"), ("03/04", "dmy", "--04-03"),
    ("'1990-03-04", "dmy", "1990-03-04"), ("  04/03/1990 00:00 ", "mdy", "1990-04-03"),
    ("March 4, 1990", "dmy", "1990-03-04"), ("4 March 1990", "mdy", "1990-03-04"),
    ("Sunday, 4 March 1990", "dmy", "1990-03-04"),
    ("4 mars 1990", "dmy", "1990-03-04"), ("1er avril 1985", "dmy", "1985-04-01"),
    ("4. März 1990", "dmy", "1990-03-04"),
    ("4 de marzo de 1990", "dmy", "1990-03-04"), ("4 marzo 1990", "dmy", "1990-03-04"),
    ("4 de março de 1990", "dmy", "1990-03-04"),
    ("4 maart 1990", "dmy", "1990-03-04"), ("04-Mar-90", "dmy", "1990-03-04"), ("Dec 1", "dmy", "--12-01"),
    ("", "dmy", None), ("   ", "dmy", None), ("0/0/00", "mdy", None), ("00.00.0000", "dmy", None),
    ("0000-00-00", "dmy", None),
    ("0000-07-09", "dmy", "--07-09"), ("1604-07-09", "dmy", "--07-09"), ("1604-02-29", "dmy", "--02-29"),  # no year
])
def test_dates_in_the_ways_files_write_them(text, order, expected):
    assert parse_date(text, order) == expected


@pytest.mark.parametrize(("text", "order", "problem", "says"), [
    ("2023-02-30", "ymd", "date", "day"), ("31/04/2020", "dmy", "date", "day"),
    ("13/13/2000", "dmy", "date", "month 13"),
    ("25/12/1980", "mdy", "date", "month 25"), ("hello", "dmy", "date", "not a date"),
    ("12/2020", "dmy", "date", "not a date"),
    ("1990", "dmy", "date", "not a date"), ("March 1990", "dmy", "date", "day is missing"),
    ("3 Marchish 1990", "dmy", "date", ""),
    ("03/04/1990", "ambiguous", "ambiguous", "either way"), ("03.04.1990", "ymd", "ambiguous", ""),
])
def test_impossible_or_unreadable_dates_are_refused_with_the_reason(text, order, problem, says):
    with pytest.raises(InvalidValue) as caught:
        parse_date(text, order)
    assert caught.value.problem == problem and says in caught.value.detail
    assert caught.value.value == text


@pytest.mark.parametrize(("values", "order"), [
    (["03/04/1990", "25/12/1980", ""], "dmy"), (["03/04/1990", "12/25/1980"], "mdy"),
    (["03/04/1990", "01/02/2000"], "ambiguous"),
    (["13/01/2000", "01/13/2000"], "ambiguous"), (["1990-03-04", "--05-06", "4 March 1990"], "ymd"), ([], "ymd"),
    (["03.04.1985", "14.07.1990"], "dmy"), (["03.04.1985"], "dmy"), (["1990-03-04", "25/12/1980"], "dmy"),
    (["not a date", "0/0/00"], "ymd"),
    (["32/13/1980", ""], "ymd"), (["32/13/1980", "25/12/1990"], "dmy"),  # no date either way says nothing
    (["45/03/1990", "03/04/1990"], "ambiguous"),
    # a day and month alike read the same either way: nothing to ask ...
    (["10/10/1973", "05/05/1980"], "ymd"), (["05.05.1980"], "ymd"),
    # ... and they say nothing of the other values' order
    (["05/05/1980", "12/25/1980"], "mdy"), (["05/05/1980", "03/04/1990"], "ambiguous"),
])
def test_the_order_of_a_column_is_decided_by_all_its_values(values, order):
    assert infer_date_order(values) == order
    assert infer_date_order(iter(values)) == order  # one pass is enough


def test_date_orders_for_the_birthday_columns_of_a_file():
    rows = [["Ann", "03/04/1990", "x"], ["Bob", "25/12/1980", "y"], ["Cem", "", "z"]]
    assert infer_date_orders(rows, ["first_name", "birthday", "notes"]) == {1: "dmy"}
    assert infer_date_orders(iter(rows), ["first_name", "notes", "notes"]) == {}


@settings(max_examples=150)
@given(day=st.dates(date(1900, 1, 1), date(2099, 12, 31)))
def test_dates_round_trip_in_every_written_form(day):
    iso = day.isoformat()
    assert parse_date(iso, "ambiguous") == iso
    assert parse_date(day.strftime("%Y%m%d"), "ambiguous") == iso
    assert parse_date(f"{day.day}/{day.month}/{day.year}", "dmy") == iso
    assert parse_date(f"{day.month}/{day.day}/{day.year}", "mdy") == iso
    assert parse_date(f"{day.day:02d}.{day.month:02d}.{day.year}", "dmy") == iso
    assert parse_date(f"--{day.month:02d}-{day.day:02d}", "dmy") == f"--{day.month:02d}-{day.day:02d}"
    for locale in ("en", "en_GB", "fr", "de", "es", "it", "pt", "nl"):
        for style in ("long", "full"):
            assert parse_date(format_date(day, style, locale=locale), "ambiguous") == iso


@settings(max_examples=300)
@given(st.text(max_size=30) | st.from_regex(r"[0-9./ -]{1,12}", fullmatch=True), st.sampled_from(
    ["dmy", "mdy", "ymd", "ambiguous"]))
def test_parse_date_only_ever_raises_invalid_value(text, order):
    result = outcome(parse_date, text, order)
    assert result is None or isinstance(result, tuple) or re.fullmatch(r"(\d{4}|-)-\d\d-\d\d", result)


# --- money ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "currency", "mark", "minor"), [
    ("1.234,56", "EUR", None, 123456), ("1,234.56", "EUR", None, 123456), ("1 234,56", "EUR", None, 123456),
    ("1\u202f234,56\u00a0€", "EUR", None, 123456), ("€ 12,50", "EUR", None, 1250), ("12.50 EUR", "EUR", None, 1250),
    ("'12.50", "EUR", None, 1250), ("12", "EUR", None, 1200), ("0,5", "EUR", None, 50), ("(12.50)", "EUR", None, -1250),
    ("-12,50 €", "EUR", None, -1250), ("12.50-", "EUR", None, -1250), ("−3,20 zł", "PLN", None, -320),
    ("1.234.567,89 €", "EUR", None, 123456789), ("1,234", "EUR", ".", 123400), ("1.234", "EUR", ",", 123400),
    ("12.500", "EUR", ".", 1250), ("¥1,234", "JPY", None, 1234), ("CHF 1’234.50", "CHF", None, 123450),
    ("US$ 10", "USD", None, 1000), ("$5", "USD", None, 500), ("10 kr", "SEK", None, 1000), ("+7,00", "EUR", None, 700),
    # whole francs and euros with a dash for the cents: no minus sign
    ("Fr. 45.–", "CHF", None, 4500), ("CHF 1'250.–", "CHF", None, 125000), ("5.-", "CHF", None, 500),
    ("€ 12,-", "EUR", None, 1200), ("€ 1.250,-", "EUR", None, 125000), ("25,–", "EUR", None, 2500),
    ("-12,-", "EUR", None, -1200), ("(12,-)", "EUR", None, -1200),
])
def test_amounts_in_the_ways_files_write_them(text, currency, mark, minor):
    assert parse_money(text, currency, mark) == minor


@pytest.mark.parametrize(("text", "currency", "problem"), [
    ("1,234", "EUR", "ambiguous"), ("1.234", "KWD", "ambiguous"), ("0,125", "EUR", "amount"), ("1.5", "JPY", "amount"),
    ("12.50 USD", "EUR", "currency"), ("£5", "EUR", "currency"), ("abc", "EUR", "amount"), ("", "EUR", "amount"),
    ("1 2", "EUR", "amount"), ("12,3,4", "EUR", "amount"), ("--5", "EUR", "amount"), ("12 apples", "EUR", "amount"),
    ("1e5", "EUR", "amount"), ("1,234.5,6", "EUR", "amount"), ("9" * 20, "EUR", "amount"),
    ("INV-2001", "EUR", "amount"), ("12.50 ABC", "EUR", "amount"), ("12.50 CHF", "EUR", "currency"),
])
def test_amounts_that_cannot_be_read_or_are_ambiguous_are_refused(text, currency, problem):
    with pytest.raises(InvalidValue) as caught:
        parse_money(text, currency)
    assert caught.value.problem == problem and caught.value.value == text


@pytest.mark.parametrize(("text", "currency", "mark", "minor"), [
    ("0.001", "EUR", None, Decimal("0.1")), ("0,165", "EUR", ",", Decimal("16.5")),
    ("-1.2345", "USD", ".", Decimal("-123.45")), ("1.5", "JPY", None, Decimal("1.5")),
    ("2.50", "EUR", None, 250), ("3.100", "EUR", ".", 310)])
def test_a_price_finer_than_the_currency_is_kept_exactly_when_asked(text, currency, mark, minor):
    value = parse_money(text, currency, mark, exact=True)
    assert value == minor and type(value) is type(minor)


@pytest.mark.parametrize(("values", "mark"), [
    (["12,50", "1.234,00"], ","), (["1,234", "12.50"], "."), (["1,234"], "ambiguous"), (["12,5", "1.5"], "ambiguous"),
    (["1,234,567"], "."), (["", "abc", "7"], "ambiguous"),
])
def test_the_decimal_mark_of_a_column(values, mark):
    assert infer_decimal_mark(values) == mark


_LOCALES = ["en_US", "en_GB", "de_DE", "fr_FR", "de_CH", "nl_NL", "it_IT", "es_ES", "pt_PT", "sv_SE", "pl_PL", "fr_CA"]


@pytest.mark.parametrize(("text", "currency", "detail"), [
    ("£5", "EUR", "the amount is in GBP, not EUR"),
    ("$5.00", "GBP", "“$” is the sign of several currencies (USD, CAD, AUD, …), none of them GBP: say which is the "
                     "currency of rows without one, or add a currency column"),
    ("5 ¥", "EUR", "“¥” is the sign of several currencies (JPY, CNY), none of them EUR: say which is the currency "
                   "of rows without one, or add a currency column")])
def test_an_amount_in_another_currency_says_which_it_could_be(text, currency, detail):
    with pytest.raises(InvalidValue) as caught:
        parse_money(text, currency)
    assert caught.value.detail == detail



@settings(max_examples=300)
@given(minor=st.integers(-10**12, 10**12), currency=st.sampled_from(["EUR", "USD", "GBP", "CHF", "JPY", "SEK", "PLN"]),
       locale=st.sampled_from(_LOCALES))
def test_amounts_round_trip_through_every_locales_format(minor, currency, locale):
    text = format_currency(to_decimal(minor, currency), currency, locale=locale)
    assert parse_money(text, currency, get_decimal_symbol(locale)) == minor
    plain = f"{to_decimal(minor, currency)}"
    assert parse_money(plain, currency, ".") == minor


@settings(max_examples=300)
@given(st.text(max_size=20) | st.from_regex(r"[-+(]?[€$]?[0-9.,' ]{1,12}[)]?( ?EUR)?", fullmatch=True),
       st.sampled_from([None, ".", ","]))
def test_parse_money_only_ever_raises_invalid_value(text, mark):
    result = outcome(parse_money, text, "EUR", mark)
    assert isinstance(result, (int, tuple))


# --- emails and phones give what validation gives ----------------------------------------------

@settings(max_examples=250)
@given(st.emails() | st.text(alphabet="abcXYZ019.-_+@'! ", max_size=25) | st.from_regex(
    r"'?[a-zA-Z0-9._%+-]{1,10}@([a-zA-Z0-9-]{1,8}\.){1,3}(com|FR|xn--p1ai|test|local|c0m|de)", fullmatch=True) |
    st.builds("{}@{}".format, st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=8),
              st.sampled_from(["example.com", "exämple.de", "x.org", "a--b.com"])) |
    st.builds("{}{}@example.com".format, st.sampled_from(["", "'", "''", " "]),
              st.sampled_from(["zoë", "Zoe\u0308", "josé.núñez", "李", "ïnfo", "INFO", "a_b", "user٣", "x" * 199])))
def test_check_email_gives_what_clean_email_gives(text):
    assert outcome(check_email, text) == outcome(validation.clean_email, text)


@pytest.mark.parametrize("text", ["ann@example.com", "Ann.Lee+shop@Example.COM", "INFO@Example.com",
                                  "'ann@example.com", " ann@example.com ", "zoë@exämple.de", "a@b.co"])
def test_check_email_normalises_like_clean_email(text):
    assert check_email(text) == validation.clean_email(text)


def uncached(text: str, region: str | None):
    """check_phone's work without its cache, so every case really runs."""
    found = cleaning._phone_or_problem.__wrapped__(text, region)
    if isinstance(found, InvalidValue):
        raise found
    return found


def _example_numbers():
    types = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.TOLL_FREE)
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in types:
            number = phonenumbers.example_number_for_type(region, kind)
            if number is not None:
                for style in (PhoneNumberFormat.NATIONAL, PhoneNumberFormat.E164):
                    yield region, phonenumbers.format_number(number, style)


def test_check_phone_gives_what_clean_phone_gives_for_every_regions_numbers():
    compared = 0
    for region, text in _example_numbers():
        for shop_region in (region, "US", None):
            expected = outcome(validation.clean_phone, text, shop_region)
            assert outcome(uncached, text, shop_region) == expected, (text, shop_region)
            compared += 1
    assert compared > 2000


_DIGITS = st.text("0123456789", min_size=1, max_size=16)


@settings(max_examples=400)
@given(digits=_DIGITS, prefix=st.sampled_from(["", "+", "0", "00", "+33", "+1", "+44 ", "'", "(0)"]),
       separators=st.lists(st.sampled_from([" ", "-", ".", "/", "(", ")", ""]), max_size=6),
       region=st.sampled_from(["FR", "DE", "GB", "US", "CA", "IT", "BR", "AR", "MX", "IN", "AU", "CH", "JP", "RU",
                               None]))
def test_check_phone_gives_what_clean_phone_gives_for_any_digits(digits, prefix, separators, region):
    text = prefix
    for i, digit in enumerate(digits):
        text += digit + (separators[i] if i < len(separators) else "")
    expected = outcome(validation.clean_phone, text, region)
    assert outcome(uncached, text, region) == expected
    assert outcome(check_phone, text, region) == expected


@settings(max_examples=200)
@given(st.text(max_size=30))
def test_check_phone_on_any_text_is_clean_phone(text):
    assert outcome(check_phone, text, "FR") == outcome(validation.clean_phone, text, "FR")


@settings(max_examples=300)
@given(st.text())
def test_tidy_is_clean_text_without_the_limit(text):
    assert tidy(text) == validation.clean_text(text, limit=10**9)


# --- names, consent ------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "first", "last"), [
    ("Ann Lee", "Ann", "Lee"), ("Ann Marie Lee", "Ann Marie", "Lee"), ("Lee, Ann", "Ann", "Lee"),
    ("Ludwig van Beethoven", "Ludwig", "van Beethoven"), ("José de la Cruz", "José", "de la Cruz"),
    ("Madonna", "Madonna", ""), ("María José Carreño", "María José", "Carreño"), ("Dr. Ann Lee", "Ann", "Lee"),
    ("Mme Léa Martin", "Léa", "Martin"), ("M. et Mme Dupont", "", "Dupont"), ("Mr & Mrs John Smith", "John", "Smith"),
    ("Herr und Frau Weber", "", "Weber"), ("Prof. Dr. Hans Müller", "Hans", "Müller"),
    ("M. Jean DUPONT", "Jean", "DUPONT"), ("Mme Martin", "", "Martin"), ("Martin, Mme Léa", "Léa", "Martin"),
    ("Herr Jürgen von Berg", "Jürgen", "von Berg"),
    ("Mrs", "Mrs", ""), ("M Dupont", "M", "Dupont"), ("Miss Ann Lee", "Ann", "Lee"),
    ("DUPONT Marie", "Marie", "DUPONT"), ("LE GALL Jean-Noël", "Jean-Noël", "LE GALL"),
    ("Marie-Anne DE LA TOUR", "Marie-Anne", "DE LA TOUR"), ("Ann LEE Smith", "Ann LEE", "Smith"),
    ("J. R. R. Tolkien", "J. R. R.", "Tolkien"),
    ("Francisco Javier de los Ríos", "Francisco Javier", "de los Ríos"), ("Pieter van 't Hek", "Pieter", "van 't Hek"),
    ("Anna Lo", "Anna", "Lo"), ("Ka Lo Chan", "Ka Lo", "Chan"), ("Nguyen, Thi Van", "Thi Van", "Nguyen"),
    ("Des O'Connor", "Des", "O'Connor"),
    ("Martin Luther King, Jr.", "Martin Luther", "King Jr."), ("John Smith Jr.", "John", "Smith Jr."),
    ("Henry Ford II", "Henry", "Ford II"), ("Dr. Bob Roe Sr.", "Bob", "Roe Sr."),
    ("Seán Ó Briain", "Seán", "Ó Briain"), ("Máire Ní Bhriain", "Máire", "Ní Bhriain"),
    # the family name first, as Chinese, Japanese and Korean write it
    ("山田 太郎", "太郎", "山田"), ("김 민준", "민준", "김"), ("欧阳 娜娜", "娜娜", "欧阳"), ("王小明", "王小明", ""),
    ("山田, 太郎", "太郎", "山田"), ("Taro 山田", "Taro", "山田"),
])
def test_full_names_are_split(name, first, last):
    assert split_full_name(name) == (first, last)


@pytest.mark.parametrize(("text", "granted"), [
    ("yes", True), ("TRUE", True), ("1", True), ("subscribed", True), ("Oui", True), ("ja", True), ("sí", True),
    ("no", False), ("false", False), ("0", False), ("unsubscribed", False), ("not_subscribed", False), ("", False),
    ("nein", False), ("pending", False), ("maybe", None), ("2024-05-01", None),
    ("Never subscribed", False), ("Not set", False),  # (as Wix writes them)
])
def test_consent_values(text, granted):
    assert cleaning.parse_consent(text) is granted


# --- rows from each layout -----------------------------------------------------------------------

def contacts_of(name: str, region: str = "FR") -> list[ImportedContact | Reject]:
    path = FIXTURES / name
    dialect = sniff(path)
    headers = read_header(path, dialect)
    fields = auto_map(headers)
    rows = list(read_rows(path, dialect))
    orders = infer_date_orders((cells for _, cells in rows), fields)
    return [row_to_contact(n, cells, fields, headers, region=region, date_orders=orders) for n, cells in rows]


ALL_FILES = sorted(p.name for p in FIXTURES.iterdir())


@pytest.mark.parametrize("name", ALL_FILES)
def test_every_fixture_row_becomes_a_contact_that_clean_contact_accepts(name):
    for contact in contacts_of(name):
        assert isinstance(contact, ImportedContact), contact
        clean = clean_contact(contact, "FR")
        assert clean.emails == contact.emails
        assert [p.e164 or p.raw for p in clean.phones] == contact.phones
        assert clean.tags == contact.tags
        fast = cleaning.to_clean_contact(contact)
        assert fast.emails == clean.emails and fast.tags == clean.tags
        assert [(p.e164, p.digits, p.label) for p in fast.phones] == [(p.e164, p.digits, p.label) for p in clean.phones]
        assert {k: v for k, v in fast.values.items() if not k.endswith("_at")} == {
            k: v for k, v in clean.values.items() if not k.endswith("_at")}


def test_google_rows():
    zoe, jose, bakery = contacts_of("google.csv")
    assert (zoe.first_name, zoe.last_name, zoe.company) == ("Zoë", "Müller", "Œuvre & Fils")
    assert zoe.emails == ["zoe@example.com", "zoe.mueller@example.org"]
    assert zoe.phones == ["+33612345678", "+33123456789"]
    assert [p.raw for p in zoe.phone_details] == ["+33 6 12 34 56 78", "01 23 45 67 89"]
    assert [p.label for p in zoe.phone_details] == ["mobile", "mobile"]  # (one label for the cell's numbers)
    assert zoe.tags == ["Friends", "VIP"]  # without Google's "* myContacts"
    assert zoe.birthday == "--03-04"
    assert zoe.notes == "Likes blue.\nCalls on Fridays."  # the formatted address is the street, city and code again
    assert (zoe.street, zoe.postal_code, zoe.city, zoe.country) == ("12 rue de la Paix", "75002", "Paris", "FR")
    assert (jose.birthday, jose.tags, jose.phones) == ("1985-11-23", [], ["+34612345678"])
    assert (bakery.company, bakery.first_name, bakery.tags) == ("Boulangerie Dupont", "", ["Suppliers"])


def test_google_legacy_keeps_an_invalid_email_in_the_notes_when_another_is_valid():
    ann, chen = contacts_of("google_legacy.csv", "GB")
    assert (ann.first_name, ann.last_name, ann.tags, ann.phones) == ("Ann", "Lee", ["Customers"], ["+447911123456"])
    assert (chen.first_name, chen.last_name) == ("Chen", "Wei")  # from "Name" alone
    assert chen.emails == ["chen.wei@example.com"]
    assert "E-mail 1 - Value: not-an-email" in chen.notes.splitlines()
    assert chen.city == "York"  # (a second address is the address of a row that has no first one)
    assert "York" not in chen.notes
    assert chen.warnings == ["email_in_notes"]


def test_google_legacys_display_name_is_no_note_when_the_name_columns_hold_it(tmp_path):
    names = next(csv.reader([(FIXTURES / "google_legacy.csv").read_text(encoding="utf-8").splitlines()[0]]))
    row = {name: "" for name in names} | {"Name": "Ann Marie Lee", "Given Name": "Ann", "Additional Name": "Marie",
                                          "Family Name": "Lee"}
    ann = one_row_of(tmp_path / "google.csv", names, row, region="GB")
    assert (ann.first_name, ann.last_name, ann.notes) == ("Ann", "Lee", "Additional Name: Marie")
    row |= {"Name": "Dr Ann Marie Lee"}  # (a word of its own: kept)
    ann = one_row_of(tmp_path / "google.csv", names, row, region="GB")
    assert ann.notes.splitlines() == ["Additional Name: Marie", "Name: Dr Ann Marie Lee"]


def test_outlook_rows():
    mary, tom = contacts_of("outlook.csv", "IE")
    assert (mary.last_name, mary.company, mary.birthday) == ("O'Brien", "O'Brien & Daughters", "1975-04-23")
    assert mary.tags == ["Customers", "VIP"] and mary.phones == ["+353871234567"]
    assert (tom.birthday, tom.phones) == (None, ["+12125550100"])  # "0/0/00" is Outlook's empty birthday
    assert [p.label for p in mary.phone_details + tom.phone_details] == ["mobile", "work"]  # as their columns say
    emile, = contacts_of("google_outlook.csv")
    assert emile.street == "21 bis rue de Bruxelles" and emile.city == "Paris"
    assert emile.tags == ["Naturalistes"]  # without Google's "myContacts", starless in its Outlook CSV
    assert emile.notes.splitlines() == ["Work address: 5 rue du Travail, Médan"]


def one_row_of(path: Path, names: list[str], row: dict[str, str], region: str) -> ImportedContact | Reject:
    """The contact one row makes, written under `names` in a file of its own and read back as an import reads it."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, names)
        out.writeheader()
        out.writerow(row)
    dialect = sniff(path)
    headers = read_header(path, dialect)
    ((number, cells),) = list(read_rows(path, dialect))
    return row_to_contact(number, cells, auto_map(headers), headers, region=region, date_orders={})


def test_outlooks_empty_dates_and_what_it_fills_in_for_everyone_are_not_kept_in_the_notes(tmp_path):
    header = (FIXTURES / "outlook.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    names = next(csv.reader([header]))
    row = {name: "" for name in names} | {"First Name": "Tom", "Last Name": "Hart", "Birthday": "0/0/00",
                                          "Anniversary": "0/0/00", "Spouse": "Ann", "Priority": "Normal",
                                          "Sensitivity": "Normal", "Gender": "Unspecified", "Private": "False",
                                          "Initials": "T.H.", "E-mail Address": "tom@example.com",
                                          "E-mail Type": "SMTP", "E-mail Display Name": "Tom Hart (tom@example.com)"}
    tom = one_row_of(tmp_path / "outlook.csv", names, row, region="GB")
    assert tom.birthday is None and tom.notes == "Spouse: Ann"


@pytest.mark.parametrize("headers, cells, labels", [
    # Google: a label for each of a cell's numbers, or a label of the owner's own
    (["First Name", "Phone 1 - Label", "Phone 1 - Value", "Phone 2 - Label", "Phone 2 - Value"],
     ["Ann", "* Mobile ::: Work", "06 12 34 56 78 ::: 01 23 45 67 89", "Atelier", "04 72 00 00 00"],
     ["mobile", "work", "Atelier"]),
    # a phone's address book, as a converter writes its vCard properties
    (["FN", "TEL;CELL", "TEL;TYPE=HOME", "TEL"], ["Ann", "06 12 34 56 78", "01 23 45 67 89", "04 72 00 00 00"],
     ["mobile", "home", ""]),
    # a contacts CSV of this program, a French and a German spreadsheet
    (["First Name", "Phone", "Phone label", "Phone 2", "Phone 2 label"],
     ["Ann", "06 12 34 56 78", "Mobile", "01 23 45 67 89", "Shop"], ["mobile", "Shop"]),
    (["Prénom", "Téléphone portable", "Téléphone domicile", "Téléphone"],
     ["Ann", "06 12 34 56 78", "01 23 45 67 89", "04 72 00 00 00"], ["mobile", "home", ""]),
    (["Vorname", "Handy", "Telefon geschäftlich"], ["Ann", "06 12 34 56 78", "01 23 45 67 89"], ["mobile", "work"]),
    # a label column named with the word for label first: French, Spanish
    (["Prénom", "Téléphone", "Type de téléphone"], ["Ann", "06 12 34 56 78", "Portable"], ["mobile"]),
    (["Nombre", "Tipo de teléfono", "Teléfono"], ["Ann", "Trabajo", "01 23 45 67 89"], ["work"]),
    # ... or in one word with it, as German and Dutch write it
    (["Vorname", "Telefon", "Telefontyp", "Telefon 2", "Telefonart 2"],
     ["Ann", "06 12 34 56 78", "Mobil", "01 23 45 67 89", "Geschäftlich"], ["mobile", "work"]),
    (["Voornaam", "Telefoon", "Telefoonsoort"], ["Ann", "06 12 34 56 78", "Privé"], ["home"]),
])
def test_each_number_keeps_what_kind_it_is_as_the_file_says(headers, cells, labels):
    ann = row_to_contact(2, cells, auto_map(headers), headers, region="FR", date_orders={})
    assert [p.label for p in ann.phone_details] == labels
    assert ann.notes == ""  # (a label column is read with its phone, not kept as a note)


@pytest.mark.parametrize("headers, cells, labels", [
    # Google: a label for each of a cell's addresses, or one for all
    (["First Name", "E-mail 1 - Label", "E-mail 1 - Value", "E-mail 2 - Label", "E-mail 2 - Value"],
     ["Ann", "* Home ::: Work", "ann@example.com ::: ann@atelier.fr", "Commandes", "a@shop.fr ::: b@shop.fr"],
     ["home", "work", "Commandes", "Commandes"]),
    # Outlook's kind of address is no label; a column's name may say whose it is, Thunderbird's "Primary" does not
    (["First Name", "E-mail Address", "E-mail Type", "E-mail 2 Address", "E-mail 2 Type"],
     ["Ann", "ann@example.com", "SMTP", "ann@corp.example", "EX"], ["", ""]),
    (["Vorname", "E-Mail (privat)", "E-Mail (geschäftlich)"], ["Ann", "ann@example.com", "ann@atelier.de"],
     ["home", "work"]),
    (["First Name", "Primary Email", "Secondary Email"], ["Ann", "ann@example.com", "ann@atelier.fr"], ["", ""]),
    (["Prénom", "Courriel", "Type de courriel"], ["Ann", "ann@atelier.fr", "Professionnel"], ["work"]),
])
def test_each_email_keeps_what_kind_of_address_it_is_as_the_file_says(headers, cells, labels):
    ann = row_to_contact(2, cells, auto_map(headers), headers, region="FR", date_orders={})
    assert ann.email_labels == labels
    assert ann.notes == ""  # (a label column is read with its email, not kept as a note)


def test_googles_second_address_in_one_value_fields_goes_to_the_notes():
    """Google writes a second address's parts after the first's, "a ::: b", and " ::: b" when the first has none."""
    headers = ["First Name", "Address 1 - Street", "Address 1 - City", "Address 1 - Postal Code",
               "Company"]
    cells = ["Rania", "Hamra St ::: 12 rue Oberkampf", "Beirut ::: Paris", " ::: 75011", "Café Nour ::: Nour SARL"]
    rania = row_to_contact(2, cells, auto_map(headers), headers, region="FR", date_orders={})
    assert (rania.street, rania.city, rania.postal_code, rania.company) == ("Hamra St", "Beirut", "", "Café Nour")
    assert rania.notes.splitlines() == ["Address 1 - Street: 12 rue Oberkampf", "Address 1 - City: Paris",
                                        "Address 1 - Postal Code: 75011", "Company: Nour SARL"]


def test_thunderbird_rows_join_the_birthday_parts():
    ann, jurgen = contacts_of("thunderbird.csv", "DE")
    assert (ann.birthday, ann.emails, ann.phones) == ("1980-07-14", ["ann.lee@example.com", "ann@example.org"],
                                                      ["+4915123456789"])
    assert ann.notes.splitlines() == ["Met at the fair", "Display Name: Dr. Ann Lee"]
    assert (jurgen.first_name, jurgen.last_name, jurgen.birthday) == ("Jürgen", "Groß", "--12-01")


def test_shopify_rows_lose_the_text_guard_and_keep_consent_and_region():
    chloe, buyer = contacts_of("shopify.csv", "CA")
    assert chloe.customer_id == "7061234567890" and chloe.phones == ["+15145550123"]
    assert (chloe.email_consent, chloe.sms_consent) == (True, False)
    assert (chloe.street, chloe.city, chloe.region, chloe.country) == (
        "100 Rue Sainte-Catherine, Apt 4", "Montréal, QC", "QC", "CA")
    assert chloe.tags == ["vip", "wholesale"]
    assert (buyer.first_name, buyer.emails, buyer.warnings) == ("buyer@example.com", ["buyer@example.com"],
                                                                ["named_after_email"])
    liam, = contacts_of("shopify_legacy.csv", "CA")
    assert (liam.city, liam.notes, liam.email_consent) == ("Toronto", "Province: Ontario", True)


def test_square_woocommerce_yahoo_mailchimp_rows():
    ava, = contacts_of("square.csv", "US")
    assert (ava.customer_id, ava.source, ava.email_consent, ava.birthday) == (
        "JDKYHBWT1D4F8MFH63DBMEN8Y4", "Directory", True, "1988-02-29")
    assert ava.notes.splitlines() == ["Orders tulips", "Reference ID: C-1001"]
    maria, = contacts_of("woocommerce.csv", "ES")
    assert (maria.first_name, maria.last_name, maria.city) == ("María José", "Carreño", "Sevilla, SE")
    linh, = contacts_of("yahoo.csv", "US")
    assert (linh.birthday, linh.phones, linh.city) == ("1980-12-25", ["+14155550132"], "San Francisco, CA")
    fan, pat = contacts_of("mailchimp.csv")
    assert fan.first_name == "newsletter.fan@example.com" and fan.warnings == ["named_after_email"]
    assert (pat.first_name, pat.notes) == ("Pat", "Asked about gift cards")


def test_excel_files_from_european_locales():
    zoe, jose, noel = contacts_of("excel_fr_cp1252.csv")
    assert (zoe.first_name, zoe.last_name, zoe.company, zoe.birthday) == ("Zoë", "Müller", "Œuvre", "1980-12-25")
    assert jose.birthday == "1975-04-03"  # the column's 25/12/1980 says day first
    assert noel.company == "Café Noël" and noel.phones == ["+33123456789"]
    jurgen, aenne = contacts_of("excel_utf8_bom.csv", "DE")
    assert (jurgen.last_name, jurgen.birthday, jurgen.phones) == ("Groß", "1985-04-03", ["+4915123456789"])
    assert (aenne.first_name, aenne.city) == ("Änne", "Berlin")


# --- rows that cannot be contacts --------------------------------------------------------------

HEADERS = ["First", "Last", "Company", "Email", "Email 2", "Phone", "Birthday", "Tags", "Notes", "City", "State"]
FIELDS_ = ["first_name", "last_name", "company", "email", "email", "phone", "birthday", "tags", "notes", "city",
           "region"]


def row(**values) -> list[str]:
    return [values.get(h.lower().replace(" ", ""), "") for h in HEADERS]


def convert(cells, region="FR", orders=None):
    return row_to_contact(7, cells, FIELDS_, HEADERS, region=region, date_orders=orders or {6: "dmy"})


@pytest.mark.parametrize(("cells", "reason", "column", "value"), [
    (row(city="Paris", notes="hello"), "no name, company, email or phone", None, None),
    (row(first="Ann", email="ann@@example.com"), "invalid email", "Email", "ann@@example.com"),
    (row(first="Ann", email2="ann at example"), "invalid email", "Email 2", "ann at example"),
    (row(phone="call me", city="Paris"), "invalid phone number", "Phone", "call me"),
    (row(phone="12"), "invalid phone number", "Phone", "12"),
    (row(first="A" * 201), "too long: at most 200 characters", "First", "A" * 201),
    (row(first="Ann", city="C" * 201), "too long: at most 200 characters", "City", "C" * 201),
    (row(first="Total: 2 contacts"), cleaning.TOTAL_ROW, None, None),
    (row(company="Gesamtergebnis", tags="1.234,50 €"), cleaning.TOTAL_ROW, None, None),
    (row(company="Total (2)", tags="CHF 20.50"), cleaning.TOTAL_ROW, None, None),
])
def test_rows_that_cannot_be_imported_say_why(cells, reason, column, value):
    found = convert(cells)
    assert isinstance(found, Reject)
    assert (found.row, found.reason, found.column, found.value) == (7, reason, column, value)


@pytest.mark.parametrize(("text", "total"), [
    ("Grand total", True), ("Total général", True), ("Gesamtergebnis", True), ("Gesamt: 120", True),
    ("Total: 2 contacts", True), ("Total contacts: 2", True), ("Total des clients : 2", True), ("Total (2)", True),
    ("Total", False), ("Som", False), ("Sum", False), ("Total Fitness", False), ("Total Fitness 24", False),
    ("Sum 41", False), ("Totally Baked", False), ("Sum Ling", False), ("Anne Total", False), ("2", False),
])
def test_a_total_of_the_rows_above_is_told_from_a_name(text, total):
    assert cleaning.says_total(text) is total


def test_a_customer_whose_name_reads_as_a_total_is_kept_with_their_details():
    assert convert(row(company="Total", city="Paris")).company == "Total"
    assert convert(row(company="Total", email="contact@total.fr")).company == "Total"
    assert convert(row(company="Total Fitness")).company == "Total Fitness"
    assert convert(row(first="Som", tags="120")).first_name == "Som"  # (a Thai nickname beside their points)
    assert convert(row(company="Total", phone="01 23 45 67 89")).company == "Total"


@pytest.mark.parametrize("cells", [row(first="Total", tags="$1,234.00"), row(first="TOTAL"), row(company="Gesamt"),
                                   row(first="Totaal", tags="2"), row(company="Total", tags="10023")])
def test_a_total_word_alone_among_figures_is_a_total_row(cells):
    """Under a list with what each customer spent: the word and the sum, and no email, phone or address."""
    found = convert(cells)
    assert isinstance(found, Reject) and found.reason == cleaning.TOTAL_ROW


def test_an_ambiguous_date_column_is_read_the_way_the_shops_region_writes_dates():
    cells = row(first="Ann", birthday="03/04/1990")
    assert convert(cells, "FR", {6: "ambiguous"}).birthday == "1990-04-03"
    assert convert(cells, "US", {6: "ambiguous"}).birthday == "1990-03-04"
    assert convert(cells, "US", {6: "dmy"}).birthday == "1990-04-03"
    assert cleaning.default_date_order("jp") == "ymd"


@pytest.mark.parametrize(("cells", "line", "warning"), [
    (row(first="Ann", phone="call me"), "Phone: call me", "phone_in_notes"),
    (row(last="Lee", phone="12"), "Phone: 12", "phone_in_notes"),
    (row(company="Café Noël", phone="ask at the till"), "Phone: ask at the till", "phone_in_notes"),
    (row(first="Ann", email="ann@example.com", phone="n° 12"), "Phone: n° 12", "phone_in_notes"),
    (row(first="Ann", phone="3.36123E+10"), "Phone: 3.36123E+10", "phone_cut_short"),  # (its digits lost)
    (row(first="Ann", birthday="31/02/1990"), "Birthday: 31/02/1990", "birthday_in_notes"),
    (row(first="Ann", birthday="0000-13-21"), "Birthday: 0000-13-21", "birthday_in_notes"),
    (row(first="Ann", birthday="someday"), "Birthday: someday", "birthday_in_notes"),
    (row(first="Ann", birthday="01/01/2999"), "Birthday: 01/01/2999", "birthday_in_notes"),
])
def test_a_phone_or_birthday_that_cannot_be_read_is_kept_in_the_notes_of_the_customer(cells, line, warning):
    found = convert(cells)
    assert isinstance(found, ImportedContact)
    assert found.phones == [] and found.birthday is None
    assert found.notes.splitlines() == [line] and found.warnings == [warning]


def test_a_second_bad_email_or_phone_goes_to_the_notes():
    found = convert(row(first="Ann", email="ann@example.com", email2="typo@", phone="0612345678; n/a; call me"))
    assert found.emails == ["ann@example.com"] and found.phones == ["+33612345678"]
    assert found.notes.splitlines() == ["Email 2: typo@", "Phone: call me"]
    assert found.warnings == ["email_in_notes", "phone_in_notes"]


def test_a_phone_only_row_is_named_after_its_number():
    found = convert(row(phone="06 12 34 56 78"))
    assert (found.first_name, found.warnings) == ("06 12 34 56 78", ["named_after_phone"])


def test_cells_are_tidied_but_names_kept_as_written():
    found = convert(row(first="  Zoe\u0308  ", last="'t  Hooft", company="'=1+1", email="'ann@example.com",
                        tags="vip; VIP ,Local", notes="  line one  \n\n line two "))
    assert (found.first_name, found.last_name, found.company) == ("Zoë", "'t Hooft", "=1+1")
    assert found.emails == ["ann@example.com"] and found.tags == ["vip", "Local"]
    assert found.notes == "line one\n\nline two"


def test_nul_characters_and_placeholders_vanish():
    found = convert(row(first="An\x00n", email="n/a", phone="-", birthday="0/0/00"))
    assert (found.first_name, found.emails, found.phones, found.birthday) == ("Ann", [], [], None)
    # in a name, company or address, a spreadsheet's stand-in for nothing is nothing: no customer "- -" of "N/A"
    found = convert(row(first="Ann", last="-", company="N/A", city="—", state="n.a."))
    assert (found.first_name, found.last_name, found.company, found.city, found.region, found.notes) == (
        "Ann", "", "", "", "", "")
    assert isinstance(convert(row(first="-", last="-", company="-", email="-", phone="-", city="-")), Reject)
    # a name is kept, however short or odd
    found = convert(row(first="Nil", last="Na", company="None", city="Nantes"))
    assert (found.first_name, found.last_name, found.company, found.city) == ("Nil", "Na", "None", "Nantes")


def test_several_emails_in_one_cell():
    found = convert(row(first="Ann", email="ann@example.com, ann@work.example.org; Ann <ann@example.com>",
                        email2="Ann Lee <lee@example.net>"))
    assert found.emails == ["ann@example.com", "ann@work.example.org", "lee@example.net"]


@pytest.mark.parametrize(("cell", "emails"), [
    ("mailto:ann@example.com", ["ann@example.com"]), ("MailTo:lee@example.net?subject=Hi, there", ["lee@example.net"]),
    ("mailto:cyd%2Bshop@example.com", ["cyd+shop@example.com"]),
    ("mailto:a@x.org; mailto:b@y.org", ["a@x.org", "b@y.org"])])
def test_an_email_copied_from_a_web_pages_link_loses_its_mailto(cell, emails):
    assert convert(row(first="Ann", email=cell)).emails == emails


@pytest.mark.parametrize(("cell", "phones"), [
    ("tel:+33612345678", ["+33612345678"]), ("tel:+1-201-555-0123;ext=12", ["+12015550123"]),
    ("tel:06%2012%2034%2056%2078, tel:01 42 68 53 00", ["+33612345678", "+33142685300"])])
def test_a_number_copied_from_a_web_pages_link_loses_its_tel_and_keeps_its_extension(cell, phones):
    headers = ["First Name", "Phone"]
    made = row_to_contact(2, ["Ann", cell], auto_map(headers), headers, region="FR", date_orders={})
    assert (made.phones, made.notes) == (phones, "")
    extensions = [validation.phone_extension(phone.raw) for phone in made.phone_details]
    assert extensions == (["12"] if ";ext=" in cell else [""] * len(phones))


@pytest.mark.parametrize("cell", ["mailto:?to=ann@example.com", "notmailto:ann@example.com"])
def test_a_link_whose_address_cannot_be_read_is_no_address(cell):
    assert isinstance(convert(row(first="Ann", email=cell)), Reject)


def test_a_long_tag_or_a_long_region_goes_to_the_notes():
    found = convert(row(first="Ann", tags="short, " + "t" * 61, city="Lyon", state="Auvergne-Rhône-Alpes"))
    assert found.tags == ["short"] and found.city == "Lyon" and found.region == "Auvergne-Rhône-Alpes"
    assert found.notes.splitlines() == ["State: Auvergne-Rhône-Alpes", "Tags: " + "t" * 61]
    assert found.warnings == ["tag_in_notes"]


@pytest.mark.parametrize(("shop", "state", "city", "notes"), [
    ("US", "IL", "Springfield, IL", ""), ("CA", "ON", "Springfield, ON", ""), ("IT", "MI", "Springfield, MI", ""),
    (None, "IL", "Springfield, IL", ""),  # (no country known: as a label would show it)
    ("DE", "BE", "Springfield", "State: BE"), ("GB", "ENG", "Springfield", "State: ENG"),
    ("FR", "IDF", "Springfield", "State: IDF")])
def test_a_region_code_follows_the_town_where_the_country_writes_it(shop, state, city, notes):
    found = convert(row(first="Ann", city="Springfield", state=state), region=shop)
    assert (found.city, found.region, found.notes) == (city, state, notes)


def test_the_rows_country_says_whether_its_region_follows_the_town():
    headers, fields = ["First", "City", "State", "Country"], ["first_name", "city", "region", "country"]
    found = [row_to_contact(2, ["Ann", "Berlin", "BE", country], fields, headers, region=shop, date_orders={})
             for country, shop in (("Deutschland", "US"), ("USA", "DE"), ("", "DE"), ("Narnia", "DE"))]
    assert [f.city for f in found] == ["Berlin", "Berlin, BE", "Berlin", "Berlin, BE"]  # (Narnia: not known)


def test_a_town_too_long_with_its_region_is_refused():
    found = convert(row(first="Ann", city="C" * 197, state="IL"), region="US")
    assert isinstance(found, Reject) and found.reason == "too long: at most 200 characters"
    assert (found.column, found.value) == ("City", "C" * 197 + ", IL")


def test_extra_cells_and_second_values_of_single_fields_go_to_the_notes():
    headers = ["Name", "Nom", "E-mail"]
    fields = ["last_name", "last_name", "email"]
    found = row_to_contact(3, ["Lee", "Li", "ann@example.com", "", "surprise"], fields, headers, region="FR",
                           date_orders={})
    assert found.last_name == "Lee" and found.notes.splitlines() == ["Nom: Li", "Column 5: surprise"]
    assert found.warnings == ["extra_cells"]
    short = row_to_contact(4, ["Lee"], fields, headers, region="FR", date_orders={})
    assert (short.last_name, short.emails) == ("Lee", [])


def test_a_column_without_a_name_is_named_in_the_shops_language():
    """In a French shop's notes and rejected rows, a column with no header, or a cell beyond the last one, is a
    "Colonne", as every other name the import gives in the notes is French."""
    headers = ["Nom", "", "E-mail"]
    fields = ["last_name", "note", "email"]
    found = row_to_contact(3, ["Lee", "fidèle", "ann@example.com", "", "surprise"], fields, headers, region="FR",
                           date_orders={}, language="fr_FR")
    assert found.notes.splitlines() == ["Colonne 2: fidèle", "Colonne 5: surprise"]
    fields = ["last_name", "email", "ignore"]
    rejected = row_to_contact(4, ["Lee", "not an address", ""], fields, ["Nom", "", ""], region="FR",
                              date_orders={}, language="fr_FR")
    assert isinstance(rejected, Reject) and rejected.column == "Colonne 2"


def test_unclear_consent_is_no_and_is_noted():
    found = row_to_contact(2, ["Ann", "maybe"], ["first_name", "email_consent"], ["Name", "Newsletter"],
                           region="FR", date_orders={})
    assert found.email_consent is False and found.warnings == ["consent_unclear"]
    assert found.notes == "Newsletter: maybe"


def test_a_partial_thunderbird_birthday_is_kept_in_the_notes():
    fields = ["first_name", "birth_year", "birth_month", "birth_day"]
    headers = ["First Name", "Birth Year", "Birth Month", "Birth Day"]
    found = row_to_contact(2, ["Ann", "1980", "", ""], fields, headers, region="FR", date_orders={})
    assert found.birthday is None and found.notes == "Birth Year: 1980" and found.warnings == ["partial_birthday"]
    bad = row_to_contact(3, ["Ann", "1980", "2", "30"], fields, headers, region="FR", date_orders={})
    assert bad.birthday is None and bad.warnings == ["birthday_in_notes"]
    assert bad.notes.splitlines() == ["Birth Year: 1980", "Birth Month: 2", "Birth Day: 30"]


def test_an_unknown_field_is_refused():
    with pytest.raises(InvalidValue):
        row_to_contact(2, ["x"], ["e-mail"], ["E-mail"], region="FR", date_orders={})


def test_the_work_for_a_file_is_done_once_and_redone_for_another():
    first = convert(row(first="Ann"))
    cleaner = cleaning._last_cleaner
    convert(row(first="Bob"))
    assert cleaning._last_cleaner is cleaner
    convert(row(first="Cem"), region="DE")
    assert cleaning._last_cleaner is not cleaner
    assert first.first_name == "Ann"


@settings(max_examples=250)
@given(cells=st.lists(st.text(max_size=25) | st.sampled_from(
    ["ann@example.com", "06 12 34 56 78", "+44 7911 123456", "03/04/1990", "1990-02-30", "yes", "* myContacts ::: VIP",
     "'0612345678", "Lee, Ann", "n/a", "a ::: b@example.com", "x" * 70]), min_size=1, max_size=8),
       fields=st.lists(st.sampled_from(FIELDS), min_size=1, max_size=8),
       region=st.sampled_from(["FR", "US", "DE", None]))
def test_any_row_becomes_a_contact_clean_contact_accepts_or_a_reject(cells, fields, region):
    headers = [f"Column {i}" for i in range(len(fields))]
    found = row_to_contact(2, cells, fields, headers, region=region, date_orders={})
    if isinstance(found, Reject):
        assert found.row == 2 and found.reason
    else:
        clean = clean_contact(found, region or "")
        assert clean.emails == found.emails and len(clean.phones) == len(found.phones)
        assert cleaning.to_clean_contact(found).values["sort_name"] == clean.values["sort_name"]


def test_a_future_birthday_is_not_kept_as_a_birthday_and_yesterday_is():
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    assert convert(row(first="Ann", birthday=yesterday)).birthday == yesterday
    later = (date.today() + timedelta(days=2)).isoformat()
    found = convert(row(first="Ann", birthday=later))
    assert found.birthday is None and found.notes == f"Birthday: {later}"


def test_only_the_guard_before_a_formula_is_removed_from_free_text():
    from smallcrm.services.importing.cleaning import unguard_formula

    assert [unguard_formula(t) for t in ("'=1+1", "'+33 6", "'-x", "'@home")] == ["=1+1", "+33 6", "-x", "@home"]
    assert [unguard_formula(t) for t in ("'s-Hertogenbosch", "'90s", "'", "''=x")] == [
        "'s-Hertogenbosch", "'90s", "'", "''=x"]


@pytest.mark.parametrize("cell", ["3.36123E+10", "3,36123E+10", "4.47911e+11"])
def test_a_phone_a_spreadsheet_wrote_in_scientific_form_goes_to_the_notes_whole(cell):
    headers = ["First Name", "Phone"]
    made = row_to_contact(2, ["Gigi", cell], auto_map(headers), headers, region="FR", date_orders={})
    assert (made.phones, made.notes, made.warnings) == ([], f"Phone: {cell}", ["phone_cut_short"])


@pytest.mark.parametrize("cell, region, numbers", [
    ("06 12 34 56 78 - 07 55 66 77 88", "FR", ["+33612345678", "+33755667788"]),
    ("06 12 34 56 78 – 07 55 66 77 88", "FR", ["+33612345678", "+33755667788"]),
    ("030 - 1234567", "DE", ["+49301234567"]),  # (one Berlin number, its area code apart)
    ("089 / 1234567", "DE", ["+49891234567"]),  # (area code / number, as German-speaking countries write it)
    ("0 89 / 12 34 56", "DE", ["+4989123456"]),
    ("0664 / 1234567", "AT", ["+436641234567"]),
    ("044 / 123 45 67", "CH", ["+41441234567"]),
    ("06 12 34 56 78 / 07 55 66 77 88", "FR", ["+33612345678", "+33755667788"]),
    ("06 12 34 56 78 / 07 55 66 77 88, 01 42 68 53 00", "FR", ["+33612345678", "+33755667788", "+33142685300"]),
    ("040 - 123456 / 0171 - 7654321", "DE", ["+4940123456", "+491717654321"])])
def test_two_phone_numbers_with_a_dash_or_slash_between_are_two_and_an_area_code_apart_is_one(cell, region, numbers):
    headers = ["First Name", "Phone"]
    made = row_to_contact(2, ["Gigi", cell], auto_map(headers), headers, region=region, date_orders={})
    assert (made.phones, made.notes) == (numbers, "")


@pytest.mark.parametrize("headers, cells", [
    (["Name", "Company"], ["Coiffure Léa", "Coiffure Léa"]),  # (Google's, for a business: its name twice)
    (["Name", "E-mail 1 - Value"], ["SARL Martin Plomberie", "contact@martin-plomberie.fr"]),
    (["Nom complet", "Téléphone"], ["Müller GmbH", "030 1234567"])])
def test_a_business_written_as_the_contacts_name_is_a_company_not_a_person(headers, cells):
    made = row_to_contact(2, cells, auto_map(headers), headers, region="DE", date_orders={})
    assert (made.first_name, made.last_name, made.company, made.notes) == ("", "", cells[0], "")


@pytest.mark.parametrize("name, first, last", [("KIM SA", "KIM", "SA"), ("SA Min-ho", "Min-ho", "SA"),
                                               ("NGUYEN THI SL", "NGUYEN THI", "SL"), ("Paul Nv", "Paul", "Nv")])
def test_a_persons_name_like_a_two_letter_legal_form_is_a_persons(name, first, last):
    headers = ["Nom complet", "Téléphone"]
    made = row_to_contact(2, [name, "06 12 34 56 78"], auto_map(headers), headers, region="FR", date_orders={})
    assert (made.first_name, made.last_name, made.company) == (first, last, "")


@pytest.mark.parametrize("title, first", [("Mme", ""), ("Monsieur", ""), ("Mr", ""), ("Herr", ""), ("Sra.", ""),
                                          ("Dame", "Dame"), ("Sig", "Sig"), ("M.", "M.")])  # (names, or an initial)
def test_a_title_in_the_first_name_column_is_no_first_name(title, first):
    headers = ["Prénom", "Nom"]
    made = row_to_contact(2, [title, "Martin"], auto_map(headers), headers, region="FR", date_orders={})
    assert (made.first_name, made.last_name) == (first, "Martin")


def test_mailchimps_quoted_tags_lose_their_quotes():
    headers = ["Email Address", "TAGS"]
    made = row_to_contact(2, ["ann@example.com", '"VIP","Local shop"'], auto_map(headers), headers, region="FR",
                          date_orders={})
    assert made.tags == ["VIP", "Local shop"]


def test_an_outlook_exchange_address_is_no_email_and_no_reason_to_reject_the_row():
    headers = ["First Name", "City", "E-mail Address"]
    exchange = "/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=1a2b-pdurand"
    made = row_to_contact(2, ["Paul", "Lyon", exchange], auto_map(headers), headers, region="FR", date_orders={})
    assert (made.first_name, made.emails, made.notes) == ("Paul", [], f"E-mail Address: {exchange}")


def test_excels_formula_guard_and_characters_that_show_nothing_are_not_kept():
    headers = ["Kundennummer", "Vorname", "Nachname", "Telefon", "PLZ", "E-Mail"]
    made = row_to_contact(2, ['="000124"', "\ufeffVera", "O\u00adz", '="0171 2345678"', ' ="01067" ',
                              "\u200bvera@example.de\u2060"], auto_map(headers), headers, region="DE", date_orders={})
    assert (made.customer_id, made.first_name, made.last_name, made.postal_code, made.emails) == (
        "000124", "Vera", "Oz", "01067", ["vera@example.de"])
    assert [(p.raw, p.e164) for p in made.phone_details] == [("0171 2345678", "+491712345678")]
    # joiners that shape a name's letters or an emoji are its own
    made = row_to_contact(2, ["\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\U0001F469\u200d\U0001F373"],
                          auto_map(["First Name", "Last Name"]), ["First Name", "Last Name"], region="DE",
                          date_orders={})
    assert "\u200c" in made.first_name and "\u200d" in made.last_name


def test_a_full_name_loses_the_guard_as_a_first_name_does():
    for header in ("Name", "First Name"):
        made = row_to_contact(2, ["'=SUM(A1)", "a1@example.com"], auto_map([header, "Email"]), [header, "Email"],
                              region="GB", date_orders={})
        assert made.first_name == "=SUM(A1)"


@pytest.mark.parametrize(("country", "phone", "e164"), [
    ("PT", "912 345 678", "+351912345678"),
    ("Portugal", "912 345 678", "+351912345678"),
    ("Deutschland", "0151 23456789", "+4915123456789"),
    ("Allemagne", "0151 23456789", "+4915123456789"),
    ("Royaume-Uni", "07911 123456", "+447911123456"),
    ("UK", "07911 123456", "+447911123456"),
    ("", "06 12 34 56 78", "+33612345678"),  # no country: the shop's
    ("Atlantis", "06 12 34 56 78", "+33612345678"),  # a country nobody knows: the shop's
    ("Turkey", "0532 123 45 67", "+905321234567"),  # a name the standard lists have left ("Türkiye")
    ("Czech Republic", "602 123 456", "+420602123456"),
    ("Polska", "512 345 678", "+48512345678"),  # the country's own name
    ("Portugal", "+33 6 12 34 56 78", "+33612345678"),  # a number with its +country keeps it
    ("Côte d'Ivoire", "07 58 12 34 56", "+2250758123456"),  # (typed with a straight apostrophe, or none of the two)
    ("Côte d’Ivoire", "07 58 12 34 56", "+2250758123456"),
    ("Cote d'Ivoire", "05 45 12 34 56", "+2250545123456"),
    ("ESP", "612 345 678", "+34612345678"),  # three letters (ISO 3166 alpha-3): no French number of Spain's digits
    ("BEL", "0470 12 34 56", "+32470123456"),
    ("deu", "0151 23456789", "+4915123456789"),
    ("Guyane", "0694 12 34 56", "+594694123456"),  # a part of France with numbers of its own
    ("Guyane", "06 80 11 22 33", "+33680112233"),  # ... where France's are in use too
    ("DOM", "06 12 34 56 78", "+33612345678"),  # France's overseas departments, not the Dominican Republic
    ("Islas Canarias", "928 123 456", "+34928123456"),
])
def test_a_phone_without_country_code_is_read_in_the_rows_own_country(country, phone, e164):
    headers, fields = ["First", "Phone", "Country"], ["first_name", "phone", "country"]
    found = row_to_contact(2, ["Ana", phone, country], fields, headers, region="FR", date_orders={})
    assert [p.e164 for p in found.phone_details] == [e164]


def test_a_spanish_second_surname_in_a_column_of_its_own_is_part_of_the_last_name():
    headers = ["Nombre", "Primer apellido", "Segundo apellido"]
    fields = auto_map(headers)

    def person(*cells):
        return row_to_contact(2, list(cells), fields, headers, region="ES", date_orders={})

    assert (person("José María", "García", "Núñez").last_name, person("José María", "García", "Núñez").notes) == (
        "García Núñez", "")
    assert person("Ana", "López", "").last_name == "López"
    assert person("Luis", "Pérez Gil", "Gil").last_name == "Pérez Gil"  # written in both: once
    assert person("José", "García", "García").last_name == "García García"  # (the same surname twice is common)
    assert person("Lucía", "Villalobos", "Lobos").last_name == "Villalobos Lobos"
    assert person("Eva", "", "Ruiz").last_name == "Ruiz"
    shown = cleaning.RowCleaner(fields, headers, region="ES").as_written(3, ["José", "García", "Núñez"])
    assert shown.last_name == "García Núñez"  # as the preview shows a rejected row


def test_the_tussenvoegsel_goes_before_the_last_name_and_a_headerless_cell_to_the_notes():
    headers = ["Voornaam", "Tussenvoegsel", "Achternaam", ""]
    fields = auto_map(headers)

    def person(*cells):
        return row_to_contact(2, list(cells), fields, headers, region="NL", date_orders={})

    jan = person("Jan", "van der", "Berg", "vaste klant")
    assert (jan.first_name, jan.last_name, jan.notes) == ("Jan", "van der Berg", "Column 4: vaste klant")
    assert person("Els", "van", "van Dijk", "").last_name == "van Dijk"  # written in both: once
    piet = person("Piet", "de", "", "")
    assert (piet.last_name, piet.notes) == ("", "Tussenvoegsel: de")
    shown = cleaning.RowCleaner(fields, headers, region="NL").as_written(3, ["Jan", "van der", "Berg", ""])
    assert shown.last_name == "van der Berg"  # as the preview shows a rejected row


@pytest.mark.parametrize(("cell", "phones", "notes"), [
    ("06.12.34.56.78 (soir)", ["+33612345678"], "Phone: 06.12.34.56.78 (soir)"),
    ("06 12 34 56 78 - evenings only", ["+33612345678"], "Phone: 06 12 34 56 78 - evenings only"),
    ("0612345678 / 0798765432", ["+33612345678", "+33798765432"], ""),
    ("12 rue de Paris", [], "Phone: 12 rue de Paris"),  # not a number with a word after it
])
def test_a_number_with_a_comment_is_kept_as_a_number_and_the_cell_in_the_notes(cell, phones, notes):
    found = convert(row(first="Ann", phone=cell))
    assert (found.phones, found.notes) == (phones, notes)


def test_a_house_number_joins_the_street_where_the_rows_country_writes_it():
    headers = ["Vorname", "Nachname", "Straße", "Hausnummer", "PLZ", "Ort", "Land"]
    fields = auto_map(headers)
    assert fields[3] == "house_number"

    def street(cells, region="DE"):
        return row_to_contact(2, cells, fields, headers, region=region, date_orders={})

    assert street(["Jörg", "Weiß", "Hauptstraße", "5", "10115", "Berlin", ""]).street == "Hauptstraße 5"
    assert street(["Luc", "Roy", "rue de la Paix", "12", "75002", "Paris", "France"]).street == "12 rue de la Paix"
    assert street(["Jörg", "Weiß", "Hauptstraße 5", "5", "", "", ""]).street == "Hauptstraße 5"  # written twice
    alone = street(["Jörg", "Weiß", "", "5", "", "Berlin", ""])
    assert alone.street == "" and alone.notes == "Hausnummer: 5"  # a number with no street is kept
    dutch = ["Voornaam", "Achternaam", "Straat", "Huisnummer", "Toevoeging", "Woonplaats"]
    assert auto_map(dutch)[3:5] == ["house_number", "house_number"]
    kees = row_to_contact(2, ["Kees", "Bakker", "Kerkstraat", "12", "A", "Utrecht"], auto_map(dutch), dutch,
                          region="US", date_orders={})  # (a Dutch file on a computer set up in American English)
    assert (kees.street, kees.notes) == ("Kerkstraat 12A", "")
    for written, number, stored in (("Hauptstraße 5a", "5", "Hauptstraße 5a"),
                                    ("Hauptstr. 5-7", "5", "Hauptstr. 5-7"),
                                    ("Rue du 8 Mai 1945", "8", "Rue du 8 Mai 1945 8"),  # (a date in its name)
                                    ("Hauptstraße", "-", "Hauptstraße"), ("Hauptstraße", "n/a", "Hauptstraße"),
                                    ("Hauptstraße", "5.0", "Hauptstraße 5")):
        assert street(["Jörg", "Weiß", written, number, "", "", ""]).street == stored
    english = ["First name", "Last name", "House number", "Street name", "Town"]
    jane = row_to_contact(2, ["Jane", "Doe", "'10", "Downing Street", "London"], auto_map(english), english,
                          region="GB", date_orders={})
    assert (jane.street, jane.notes) == ("10 Downing Street", "")


def test_google_fax_numbers_and_second_addresses_are_kept_once_in_the_notes(tmp_path):
    names = next(csv.reader([(FIXTURES / "google.csv").read_text(encoding="utf-8-sig").splitlines()[0]]))
    names = [n for n in names if not n.startswith(("Phone 2", "Phone 3", "Address 2"))]
    names += ["Phone 2 - Label", "Phone 2 - Value", "Phone 3 - Label", "Phone 3 - Value", "Address 2 - Label",
              "Address 2 - Formatted", "Address 2 - Street", "Address 2 - City", "Address 2 - Postal Code",
              "Address 2 - Country"]
    row = {name: "" for name in names} | {
        "First Name": "Zoé", "Last Name": "Martin", "Phone 1 - Label": "Mobile", "Phone 1 - Value": "06 12 34 56 78",
        "Address 1 - Street": "3 rue des Lilas", "Address 1 - City": "Paris",
        "Phone 3 - Label": "Halifax shop", "Phone 3 - Value": "01 98 76 54 32",
        "Phone 2 - Label": "Work Fax", "Phone 2 - Value": "01 23 45 67 89", "Address 2 - Label": "Work",
        "Address 2 - Formatted": "5 rue du Travail\n78200 Médan", "Address 2 - Street": "5 rue du Travail",
        "Address 2 - City": "Médan", "Address 2 - Postal Code": "78200", "Address 2 - Country": "Belgique"}
    zoe = one_row_of(tmp_path / "google.csv", names, row, region="FR")
    assert zoe.phones == ["+33612345678", "+33198765432"]  # the fax is not a number to call; the Halifax shop is
    # the second address in one line, under its label, with its country (which the whole left out)
    assert zoe.notes.splitlines() == ["Work address: 5 rue du Travail, 78200 Médan, Belgique",
                                      "Work Fax: 01 23 45 67 89"]


def test_an_address_kept_in_the_notes_is_one_line_as_its_country_writes_it_and_none_when_it_is_the_home_one(
        tmp_path):
    """A business address beside the home one went to the notes a line for each part ("Business Street: …",
    "Business City: …"); the same address twice was kept twice; a web page was "Website 1 - Value: …"."""
    names = next(csv.reader([(FIXTURES / "outlook.csv").read_text(encoding="utf-8-sig").splitlines()[0]]))
    row = {name: "" for name in names} | {
        "First Name": "Ann", "Last Name": "Lee", "Home Street": "3 Elm Road", "Home City": "Springfield",
        "Home State": "IL", "Home Postal Code": "62704", "Business Street": "1 Main Street",
        "Business Street 2": "Suite 4", "Business City": "Springfield", "Business State": "IL",
        "Business Postal Code": "62701", "Business Country/Region": "United States", "Other Street": "3 Elm Road",
        "Other City": "Springfield", "Other Postal Code": "62704"}
    ann = one_row_of(tmp_path / "outlook.csv", names, row, region="US")
    assert (ann.street, ann.city, ann.postal_code) == ("3 Elm Road", "Springfield, IL", "62704")
    assert ann.notes.splitlines() == ["Work address: 1 Main Street, Suite 4, Springfield, IL 62701, United States"]

    names = next(csv.reader([(FIXTURES / "google.csv").read_text(encoding="utf-8-sig").splitlines()[0]]))
    names = [n for n in names if not n.startswith("Address 2")]
    names += ["Address 2 - Label", "Address 2 - Street", "Address 2 - City", "Address 2 - Postal Code"]
    row = {name: "" for name in names} | {
        "First Name": "Zoé", "Address 1 - Street": "3 rue des Lilas", "Address 1 - City": "Paris",
        "Address 2 - Label": "Entrepôt", "Address 2 - Street": "8 quai de Seine", "Address 2 - City": "Rouen",
        "Address 2 - Postal Code": "76000", "Website 1 - Label": "Blog", "Website 1 - Value": "https://zoe.example"}
    zoe = one_row_of(tmp_path / "google.csv", names, row, region="FR")
    # named by its label; a web page with its label after it
    assert zoe.notes.splitlines() == ["Website: https://zoe.example (Blog)",
                                      "Entrepôt address: 8 quai de Seine, 76000 Rouen"]


def test_an_address_written_in_one_cell_is_read_as_its_street_postal_code_town_and_country(tmp_path):
    """A list typed in a spreadsheet often has the whole address in one column: its street kept all of it, and the
    customer had no town (nor a postal code for labels, nor a city to find them by)."""
    names = ["Nom", "Prénom", "Adresse", "Pays"]
    row = {"Nom": "Dupont", "Prénom": "Marie", "Adresse": "12 rue des Lilas\n75011  Paris", "Pays": ""}
    marie = one_row_of(tmp_path / "fr.csv", names, row, region="FR")
    assert (marie.street, marie.postal_code, marie.city, marie.country, marie.notes) == (
        "12 rue des Lilas", "75011", "Paris", "", "")
    row |= {"Adresse": "1 Main St, Springfield, IL 62701", "Pays": "USA"}  # (in the row's country)
    ann = one_row_of(tmp_path / "us.csv", names, row, region="FR")
    assert (ann.street, ann.postal_code, ann.city, ann.country) == ("1 Main St", "62701", "Springfield, IL", "USA")
    row |= {"Adresse": "10 Downing Street, London SW1A 2AA, United Kingdom", "Pays": ""}  # (the country it ends with)
    bob = one_row_of(tmp_path / "gb.csv", names, row, region="FR")
    assert (bob.street, bob.postal_code, bob.city, bob.country) == (
        "10 Downing Street", "SW1A 2AA", "London", "United Kingdom")
    row |= {"Adresse": "5 rue X, 75011 Paris, France", "Pays": "Belgique"}  # two countries: kept as written
    assert one_row_of(tmp_path / "two.csv", names, row, region="FR").street == "5 rue X, 75011 Paris, France"
    row |= {"Adresse": "5 rue X, 75011 Paris, France", "Pays": "FR"}  # (the same one)
    assert one_row_of(tmp_path / "same.csv", names, row, region="FR").city == "Paris"
    row |= {"Adresse": "12 rue des Lilas, Paris", "Pays": ""}  # no postal code: kept as written
    assert one_row_of(tmp_path / "kept.csv", names, row, region="FR").street == "12 rue des Lilas, Paris"
    # beside a town's column, the street is the street, whatever it holds
    with_city = one_row_of(tmp_path / "city.csv", ["Name", "Street", "City"],
                           {"Name": "Cy", "Street": "Résidence 75011 Les Pins", "City": ""}, region="FR")
    assert (with_city.street, with_city.postal_code, with_city.city) == ("Résidence 75011 Les Pins", "", "")
    # Google's whole address with no parts beside it: its parts, and nothing in the notes
    google = one_row_of(tmp_path / "google.csv", ["First Name", "Address 1 - Formatted"],
                        {"First Name": "Zoé", "Address 1 - Formatted": "3 rue des Lilas\n75011 Paris\nFrance"},
                        region="US")
    assert (google.street, google.postal_code, google.city, google.country, google.notes) == (
        "3 rue des Lilas", "75011", "Paris", "France", "")
    names = next(csv.reader([(FIXTURES / "google.csv").read_text(encoding="utf-8-sig").splitlines()[0]]))
    row = {name: "" for name in names} | {"First Name": "Zoé", "Address 1 - Formatted": "3 rue des Lilas, 75011 Paris"}
    google = one_row_of(tmp_path / "google.csv", names, row, region="FR")  # (its parts' cells empty)
    assert (google.street, google.postal_code, google.city, google.notes) == ("3 rue des Lilas", "75011", "Paris", "")
    row |= {"Address 1 - City": "Paris"}  # (beside a part of it: in the notes, unless its parts hold it)
    assert one_row_of(tmp_path / "google.csv", names, row, region="FR").notes == (
        "Address 1 - Formatted: 3 rue des Lilas, 75011 Paris")


def test_a_postal_code_typed_in_small_letters_is_imported_in_capitals_as_the_post_writes_it(tmp_path):
    names = ["Name", "Street", "Postcode", "City", "Country"]
    ann = one_row_of(tmp_path / "gb.csv", names, {"Name": "Ann Lee", "Street": "10 Downing Street",
                                                  "Postcode": "sw1a 2aa", "City": "London", "Country": ""}, region="GB")
    assert (ann.postal_code, ann.city) == ("SW1A 2AA", "London")
    jan = one_row_of(tmp_path / "nl.csv", names, {"Name": "Jan de Vries", "Street": "Damrak 1", "Postcode": "1012lg",
                                                  "City": "Amsterdam", "Country": "Nederland"}, region="FR")
    assert jan.postal_code == "1012 LG"
    # not a postal code of the row's country: as written
    odd = one_row_of(tmp_path / "fr.csv", names, {"Name": "Eve", "Street": "1 rue X", "Postcode": "sw1a 2aa",
                                                  "City": "Lille", "Country": "France"}, region="GB")
    assert odd.postal_code == "sw1a 2aa"
    # written whole in one cell, in small letters
    bob = one_row_of(tmp_path / "one.csv", ["Name", "Address"],
                     {"Name": "Bob", "Address": "10 Downing Street, London sw1a 2aa"}, region="GB")
    assert (bob.street, bob.postal_code, bob.city) == ("10 Downing Street", "SW1A 2AA", "London")


def test_googles_relations_events_and_custom_fields_are_kept_in_the_notes_under_their_labels(tmp_path):
    names = next(csv.reader([(FIXTURES / "google.csv").read_text(encoding="utf-8-sig").splitlines()[0]]))
    names += ["Relation 1 - Label", "Relation 1 - Value", "Event 1 - Label", "Event 1 - Value",
              "Custom Field 1 - Label", "Custom Field 1 - Value", "Custom Field 2 - Label", "Custom Field 2 - Value",
              "Custom Field 3 - Label", "Custom Field 3 - Value"]
    row = {name: "" for name in names} | {
        "First Name": "Zoé", "E-mail 1 - Value": "zoe@example.fr", "Relation 1 - Label": "Spouse",
        "Relation 1 - Value": "Marc", "Event 1 - Label": "* Anniversary", "Event 1 - Value": "2010-06-12",
        "Custom Field 1 - Label": "Allergy", "Custom Field 1 - Value": "lilies", "Custom Field 2 - Value": "no label",
        "Custom Field 3 - Label": "*", "Custom Field 3 - Value": "a star"}
    zoe = one_row_of(tmp_path / "google.csv", names, row, region="FR")
    assert zoe.notes.splitlines() == ["Spouse: Marc", "Anniversary: 2010-06-12", "Allergy: lilies",
                                      "Custom Field 2 - Value: no label", "Custom Field 3 - Value: a star"]


def test_googles_whole_address_is_kept_in_the_notes_unless_its_parts_hold_it(tmp_path):
    names = next(csv.reader([(FIXTURES / "google.csv").read_text(encoding="utf-8-sig").splitlines()[0]]))
    base = {name: "" for name in names} | {"First Name": "Ana", "E-mail 1 - Value": "ar@example.fr",
                                          "Address 1 - Formatted": "5 av Foch\n75016 Paris\nFrance"}
    only_city = one_row_of(tmp_path / "a.csv", names, base | {"Address 1 - City": "Paris"}, region="FR")
    assert only_city.city == "Paris"
    assert only_city.notes.splitlines() == ["Address 1 - Formatted: 5 av Foch", "75016 Paris", "France"]
    whole = one_row_of(tmp_path / "b.csv", names, base | {"Address 1 - Street": "5 av Foch", "Address 1 - City": "Paris",
                                                          "Address 1 - Postal Code": "75016",
                                                          "Address 1 - Country": "France"}, region="FR")
    assert (whole.street, whole.postal_code, whole.city, whole.notes) == ("5 av Foch", "75016", "Paris", "")


def test_a_customer_number_of_zero_is_no_number():
    headers = ["Name", "Email", "Customer ID"]
    fields = auto_map(headers)
    assert fields[2] == "customer_id"
    guest = row_to_contact(2, ["Paul Guest", "paul@example.net", "0"], fields, headers, region="GB", date_orders={})
    kept = row_to_contact(3, ["Rita Other", "rita@example.net", "'0042"], fields, headers, region="GB",
                          date_orders={})
    assert (guest.customer_id, kept.customer_id) == ("", "0042")
    assert row_to_contact(4, ["Ann Lee", "", "00"], fields, headers, region="GB", date_orders={}).customer_id == "00"


@pytest.mark.parametrize("text, said", [
    ("Unsubscribed", cleaning.OPTED_OUT), ("opted  out", cleaning.OPTED_OUT), ("désabonné", cleaning.OPTED_OUT),
    ("no", cleaning.SAID_NO), ("Not subscribed", cleaning.SAID_NO), ("nein", cleaning.SAID_NO),
    ("", cleaning.NOT_SAID), ("pending", cleaning.NOT_SAID), ("cleaned", cleaning.NOT_SAID),
    ("maybe", cleaning.NOT_SAID), ("yes", cleaning.NOT_SAID),
])
def test_what_a_consent_cell_says_against_consent_given(text, said):
    assert cleaning.refusal(text) == said
    found = row_to_contact(2, ["Ann", text], ["first_name", "sms_consent"], ["Name", "SMS"], region="FR",
                           date_orders={})
    assert (found.sms_refused, found.email_refused) == (said, cleaning.NOT_SAID)


@pytest.mark.parametrize(("numbers", "emails", "country"), [
    # German and Italian numbers are of many lengths: their plans read these too, and one French number cut short
    (["06 12 34 56 78", "06 98 76 54 32", "06 45 12 78 9", "07 11 22 33 44"], [], "FR"),  # grouped as in France
    (["0171 1234567", "030 1234567", "0176 98765432"], [], "DE"),
    (["020 7946 0018", "07911 123456", "0161 496 0000"], [], "GB"),
    (["0612345678", "0698765432", "0645127891", "+33 1 23 45 67 89"], [], "FR"),  # no grouping: the file's +33 tells
    # a Spanish mobile is written as a Polish one: the emails tell
    (["612 345 678", "655 123 456", "699 876 543"], ["lucia@gmail.com", "javi@hotmail.es", "carmen@yahoo.es"], "ES"),
    (["(312) 867-5309", "(646) 221-8734", "(503) 774-1290"], [], "US"),  # (Canada's are the same numbers)
])
def test_the_country_a_hint_suggests_is_the_one_the_file_says_or_writes_its_numbers_as(numbers, emails, country):
    rows = [[n, e] for n, e in zip(numbers, emails or [""] * len(numbers))]
    hint = cleaning.phone_hint(rows, [0], "GB" if country != "GB" else "FR", [1])
    assert hint is not None and hint.region == country


def test_a_hint_says_when_most_numbers_are_of_another_country_and_which():
    rows = [["06 12 34 56 78"], ["01 42 68 53 00 / 07 81 22 33 44"], ["+44 20 7946 0018"], ["n/a"], [""]]
    hint = cleaning.phone_hint(rows, [0], "GB")
    assert hint == cleaning.PhoneHint(unread=3, total=4, region="FR")
    assert cleaning.phone_hint(rows, [0], "FR") is None  # read where they are from
    assert cleaning.phone_hint(rows, [0], None).region == "FR"  # no country at all: the same advice
    assert cleaning.phone_hint(rows[:1], [0], "GB") is None  # too few to say
    cut = [["06 12 34 56 78"], ["12345"], ["99 99"], ["020 7946 0018"]]  # numbers cut short: of no country
    assert cleaning.phone_hint(cut, [0], "GB") == cleaning.PhoneHint(3, 4, None)


@pytest.mark.parametrize(("family", "given", "whole"), [("山田", "太郎", "山田太郎"), ("김", "민준", "김민준"),
                                                         ("王", "小明", "王 小明")])
def test_a_whole_name_written_without_a_space_beside_its_parts_goes_nowhere_else(tmp_path, family, given, whole):
    """Japanese, Chinese and Korean names are written without a space: the whole name went to the notes, as
    saying more than its parts ("Name: 山田太郎")."""
    person = one_row_of(tmp_path / "kunden.csv", ["姓", "名", "氏名", "メール"],
                        {"姓": family, "名": given, "氏名": whole, "メール": "a@example.jp"}, "JP")
    assert (person.last_name, person.first_name, person.notes) == (family, given, "")
