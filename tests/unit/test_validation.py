"""Checking and normalising what people type."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smallcrm.errors import InvalidValue
from smallcrm.services import validation as v

# --- text -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("typed", "clean"),
    [("  Ann   Lee ", "Ann Lee"), ("Ann\tLee\n", "Ann Lee"), ("Zoe\u0308", "Zoë"), ("", ""), (None, ""),
     ("a\x00b", "ab"), ("\u00a0Ann\u2003Lee\u00a0", "Ann Lee")],
)
def test_clean_text_normalises_and_collapses_spaces(typed, clean):
    assert v.clean_text(typed) == clean


def test_names_come_out_nfc():
    decomposed = unicodedata.normalize("NFD", "Zoë Müller-Łukasiewicz")
    assert decomposed != "Zoë Müller-Łukasiewicz"
    assert v.clean_text(decomposed) == "Zoë Müller-Łukasiewicz"


def test_multiline_text_keeps_line_breaks_but_tidies_each_line():
    assert v.clean_text("  first   line \n\n  second\tline  ", multiline=True) == "first line\n\nsecond line"


def test_too_long_text_is_refused_with_the_limit():
    with pytest.raises(InvalidValue) as caught:
        v.clean_text("x" * 201, "first_name")
    assert (caught.value.field, caught.value.problem) == ("first_name", "too_long")
    assert "200" in caught.value.detail
    assert v.clean_text("x" * 200) == "x" * 200


@given(st.text())
def test_clean_text_is_idempotent(text):
    once = v.clean_text(text, limit=10**6)
    assert v.clean_text(once, limit=10**6) == once
    assert once == once.strip() and "  " not in once and "\n" not in once


@given(st.text())
def test_clean_multiline_text_is_idempotent(text):
    once = v.clean_text(text, limit=10**6, multiline=True)
    assert v.clean_text(once, limit=10**6, multiline=True) == once


# --- emails ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("typed", "clean"),
    [("ann@example.com", "ann@example.com"), ("  ann@Example.COM ", "ann@example.com"),
     ("'ann@example.com", "ann@example.com"), ("zoë@exämple.de", "zoë@exämple.de")],
)
def test_good_emails_are_normalised(typed, clean):
    assert v.clean_email(typed) == clean


@pytest.mark.parametrize("typed", ["ann", "ann@", "@example.com", "ann@@example.com", "ann example@x.com",
                                   "ann@exa mple.com"])
def test_bad_emails_are_refused_with_the_reason(typed):
    with pytest.raises(InvalidValue) as caught:
        v.clean_email(typed, "emails[0]")
    assert (caught.value.field, caught.value.problem, caught.value.value) == ("emails[0]", "email", typed)
    assert caught.value.detail


@pytest.mark.parametrize(("typed", "detail"), [
    ("ann@ex\u2014ample.com", "The part after the @-sign contains invalid characters: '\u2014'."),
    ("ann@" + "a" * 70 + ".com", "After the @-sign, periods cannot be separated by so many characters."),
    ("ann@xn--abc.com", "The part after the @-sign is invalid."),
    ("ann@x\u200by.com", "The email address contains unsafe characters: ZERO WIDTH SPACE.")])
def test_a_bad_emails_detail_names_the_character_at_fault_without_technical_asides(typed, detail):
    with pytest.raises(InvalidValue) as caught:
        v.clean_email(typed)
    assert caught.value.detail == detail


@pytest.mark.parametrize(("typed", "extension"), [
    ("06 12 34 56 78 ext. 12", "12"), ("+1 415 555 2671 x89", "89"), ("+1 212 555 0100x7", "7"), ("01 23 45 67 89 #3", "3"),
    ("#0612345678", ""), ("x 0612345678", ""), ("ext 0612345678", ""), ("06 12 34 56 78", "")])
def test_an_extension_is_a_few_digits_after_the_number(typed, extension):
    phone = v.clean_phone(typed, "FR")
    assert phone.e164 and v.phone_extension(phone.raw) == extension
    assert v.clean_phone(v.phone_text(phone.e164, phone.raw), None).e164 == phone.e164  # (read back the same)


@pytest.mark.parametrize(("link", "clean"), [
    ("mailto:Ann@Example.com", "Ann@example.com"),
    (" MAILTO:ann%2Bshop@example.com?subject=Hello, there", "ann+shop@example.com")])
def test_a_link_to_write_to_copied_from_a_web_page_gives_its_address(link, clean):
    assert v.clean_email(link) == clean


@pytest.mark.parametrize(("link", "raw", "e164"), [
    ("tel:+33612345678", "+33612345678", "+33612345678"),
    ("TEL:06%2012%2034%2056%2078", "06 12 34 56 78", "+33612345678"),
    ("tel:+1-201-555-0123;ext=12", "+1-201-555-0123 ext. 12", "+12015550123"),
    ("tel:0612345678;phone-context=+33", "0612345678", "+33612345678")])
def test_a_link_to_call_copied_from_a_web_page_gives_its_number_and_extension(link, raw, e164):
    phone = v.clean_phone(link, "FR")
    assert (phone.raw, phone.e164) == (raw, e164)


def test_empty_email_is_required():
    with pytest.raises(InvalidValue) as caught:
        v.clean_email("   ")
    assert caught.value.problem == "required"


# --- phones ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("typed", "region", "e164"),
    [("06 12 34 56 78", "FR", "+33612345678"), ("+33 6 12 34 56 78", None, "+33612345678"),
     ("0033 6 12 34 56 78", "FR", "+33612345678"), ("(202) 555-0143", "US", "+12025550143"),
     ("(415) 555-2671", "US", "+14155552671"), ("030 1234567", "DE", "+49301234567"),
     ("06 12 34 56 78", "DE", "+49612345678"), ("12 34", "FR", None), ("06 12 34 56 78", None, None),
     ("+44 20 7946 0958", "FR", "+442079460958")],
)
def test_phone_numbers_are_read_in_the_shop_region(typed, region, e164):
    phone = v.clean_phone(typed, region)
    assert phone.e164 == e164
    assert phone.raw == typed.strip()
    digits = phone.digits.split()
    assert "".join(ch for ch in typed if ch.isdigit()) in digits
    if e164:
        assert e164[1:] in digits


def test_phone_search_forms_include_the_national_number():
    phone = v.clean_phone("+33 6 12 34 56 78", None)
    assert set(phone.digits.split()) >= {"33612345678", "0612345678", "612345678"}


def test_phone_extension_is_allowed():
    assert v.clean_phone("+1 415 555 2671 ext. 12", "US").raw == "+1 415 555 2671 ext. 12"


@pytest.mark.parametrize(("typed", "why"), [("call me", "letters"), ("12", "3 to 20"), ("+1 (800) FLOWERS", "letters"),
                                             ("1" * 21, "3 to 20")])
def test_text_that_cannot_be_a_phone_is_refused(typed, why):
    with pytest.raises(InvalidValue) as caught:
        v.clean_phone(typed, "FR", "phones[1]")
    assert (caught.value.field, caught.value.problem) == ("phones[1]", "phone")
    assert why in caught.value.detail


def test_display_phone_is_national_at_home_and_international_abroad():
    assert v.display_phone("+33612345678", "06 12 34 56 78", "FR") == "06 12 34 56 78"
    assert v.display_phone("+33612345678", "06 12 34 56 78", "DE") == "+33 6 12 34 56 78"
    assert v.display_phone(None, "12-34", "FR") == "12-34"


@pytest.mark.parametrize("given, stored", [
    ("Mobile", "mobile"), ("* Mobile", "mobile"), ("Mobile Phone", "mobile"), ("CELL", "mobile"),
    ("Téléphone portable", "mobile"), ("Handy", "mobile"), ("Móvil", "mobile"), ("Business Phone 2", "work"),
    ("Bureau", "work"), ("Geschäftlich", "work"), ("Company Main Phone", "work"), ("Home", "home"),
    ("Téléphone (domicile)", "home"), ("Privat", "home"), ("Main", "main"), ("Other", "other"), ("Autre", "other"),
    ("Shop", "Shop"), ("  Mum's   shop ", "Mum's shop"), ("Google Voice", "Google Voice"), ("", ""), ("*", ""),
    ("Phone", ""), ("Phone 1", ""), ("x" * 60, "x" * v.MAX_LABEL),
    ("Person - Phone - Mobile", "mobile"), ("Customer Work Email", "work"), ("Contact", "Contact"),
])
def test_a_phones_label_is_one_of_the_kinds_every_program_knows_or_the_words_given(given, stored):
    assert v.clean_label(given) == stored


def test_a_number_is_shown_with_its_label_in_the_readers_words():
    assert v.with_label("06 12 34 56 78", "mobile") == "06 12 34 56 78 (Mobile)"
    assert v.with_label("06 12 34 56 78", "Shop") == "06 12 34 56 78 (Shop)"
    assert v.with_label("06 12 34 56 78", "") == "06 12 34 56 78"
    assert v.with_label("06", "home", {"home": "Domicile"}.get) == "06 (Domicile)"


def test_phone_problem_hint():
    assert v.phone_problem("06 12 34 56 78", "FR") is None
    assert "FR" in v.phone_problem("12 34", "FR")
    assert "+" in v.phone_problem("12 34", None)


# --- birthdays ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("typed", "clean"),
    [("1980-03-04", "1980-03-04"), (" 1980-03-04 ", "1980-03-04"), ("--03-04", "--03-04"), ("--02-29", "--02-29"),
     ("2000-02-29", "2000-02-29"), ("", None), ("  ", None), (None, None), (date(1990, 12, 31), "1990-12-31")],
)
def test_good_birthdays(typed, clean):
    assert v.clean_birthday(typed) == clean


@pytest.mark.parametrize(
    ("typed", "why"),
    [("2023-02-30", "day is out of range"), ("2023-02-29", "day is out of range"), ("--02-30", "day is out of range"),
     ("1980-13-01", "month must be in 1..12"), ("--13-01", "month"), ("04/03/1980", "YYYY-MM-DD"),
     ("1980-3-4", "YYYY-MM-DD"), ("03-04", "YYYY-MM-DD"), ("yesterday", "YYYY-MM-DD")],
)
def test_bad_birthdays_say_why(typed, why):
    with pytest.raises(InvalidValue) as caught:
        v.clean_birthday(typed)
    assert (caught.value.field, caught.value.problem, caught.value.value) == ("birthday", "date", typed)
    assert why in caught.value.detail


def test_a_birthday_cannot_be_in_the_future_but_today_is_fine():
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    with pytest.raises(InvalidValue) as caught:
        v.clean_birthday(tomorrow)
    assert "future" in caught.value.detail
    assert v.clean_birthday(date.today().isoformat()) == date.today().isoformat()


@given(st.dates(min_value=date(1900, 1, 1), max_value=date.today()))
def test_every_real_past_date_is_accepted_with_and_without_year(day):
    assert v.clean_birthday(day.isoformat()) == day.isoformat()
    assert v.clean_birthday(day.strftime("--%m-%d")) == day.strftime("--%m-%d")


# --- tags -----------------------------------------------------------------------------------

def test_tags_are_trimmed_and_limited():
    assert v.clean_tag("  big   spender ") == "big spender"
    with pytest.raises(InvalidValue):
        v.clean_tag("   ")
    with pytest.raises(InvalidValue) as caught:
        v.clean_tag("x" * 61)
    assert caught.value.problem == "too_long"
    with pytest.raises(InvalidValue) as caught:  # (it would come back as two from the form that shows them)
        v.clean_tag("Smith, John")
    assert caught.value.problem == "comma"
