"""Finding duplicates: by email, by phone, by a close name plus one agreeing field; built from the
database in a few queries, never one per contact."""

from __future__ import annotations

import csv

import phonenumbers
import pytest

from smallcrm.errors import InvalidValue
from smallcrm.services.contacts import ContactInput, add_contact, contact_ids, delete_contacts, get_contact
from smallcrm.services.importing import contacts_import as ci
from smallcrm.services.importing.duplicates import DuplicateIndex, Match, facts, name_words, national_digits
from smallcrm.store import search
from smallcrm.store.models import database


def f(first="", last="", *, company="", emails=(), phones=(), city="", postal="", birthday=None, typed=()):
    keys = search.sort_keys(first, last, company, city, "")
    return facts(list(emails), list(phones), sort_name=keys["sort_name"], sort_city=keys["sort_city"],
                 postal_code=postal, sort_company=keys["sort_company"], birthday=birthday,
                 company_only=not (first or last), sort_first=search.sort_key(first), typed=list(typed))


def test_name_words_are_folded_and_sorted():
    assert name_words(search.sort_key("Lée Ann")) == name_words(search.sort_key("ann LEE")) == "ann lee"


def test_the_parts_of_a_hyphenated_name_in_another_order_are_another_name():
    index = DuplicateIndex()
    index.add(5, f("Marie-Anne", "Dubois", city="Paris"))
    index.add(6, f("Jean-Pierre", "Martin", city="Lyon"))
    assert index.find(f("Anne-Marie", "Dubois", city="Paris")) is None  # two sisters, not one woman
    assert index.find(f("Jean", "Pierre-Martin", city="Lyon")) is None  # a compound last name: another man
    assert index.find(f("Marie-Anne", "Dubois", city="Paris")) == Match(5, "name+city")


def test_a_hyphenated_name_written_with_a_space_is_the_same_name():
    index = DuplicateIndex()
    index.add(5, f("Anne-Marie", "Dubois", city="Paris"))
    index.add(6, f("Jean Pierre", "Martin", city="Lyon"))
    index.add(7, f("Marie Claire", "Lefèvre-Roux", city="Nantes"))
    assert index.find(f("Anne Marie", "Dubois", city="Paris")) == Match(5, "name+city")
    assert index.find(f("Jean-Pierre", "Martin", city="Lyon")) == Match(6, "name+city")
    assert index.find(f("Marie-Claire", "Lefèvre-Roux", city="Nantes")) == Match(7, "name+city")
    assert index.find(f("Anne", "Dubois", city="Paris")) is None  # (a part of it is another name)
    assert index.find(f("Anne Marie Louise", "Dubois", city="Paris")) is None
    assert index.find(f("Marie Anne", "Dubois", city="Paris")) is None  # Marie-Anne, her sister
    assert index.find(f("Jean et Marie", "Martin", city="Lyon")) is None  # a couple


def test_a_name_written_with_a_space_finds_the_one_hyphenated_the_same_way_of_two():
    index = DuplicateIndex()
    index.add(5, f("Anne-Marie", "Dubois", city="Lyon"))
    index.add(6, f("Marie-Anne", "Dubois", city="Lyon"))
    index.add(7, f("Jean-Michel", "Lefebvre", city="Lyon"))
    assert index.find(f("Marie Anne", "Dubois", city="Lyon")) == Match(6, "name+city")
    assert index.find(f("Anne Marie", "Dubois", city="Lyon")) == Match(5, "name+city")
    assert index.find(f("Jean", "Michel-Lefebvre", city="Lyon")) is None  # a double surname: another man



def test_email_matches_without_regard_to_case():
    index = DuplicateIndex()
    index.add(7, f("Ann", "Lee", emails=["Ann.Lee@Example.com"]))
    assert index.find(f("", "Lee", emails=["ann.lee@example.COM"])) == Match(7, "email")
    assert index.find(f("Ann", "Lee", emails=["other@example.com"])) is None  # a name alone is not enough


def test_phone_matches_by_e164():
    index = DuplicateIndex()
    index.add(3, f("Bob", "Stone", phones=["+33612345678"]))
    assert index.find(f("Robert", "Stone", phones=["+33612345678"])) == Match(3, "phone")
    assert index.find(f("Bob", "Stone", phones=["+33612345679"])) is None


def test_a_close_name_needs_one_more_agreeing_field():
    index = DuplicateIndex()
    index.add(1, f("John", "Smith", city="Leeds"))
    index.add(2, f("Marie", "Dupont", postal="75 011"))
    index.add(3, f("Ana", "Silva", birthday="1980-03-04"))
    index.add(4, f("Kim", "Park", company="Park & Co"))
    assert index.find(f("Jon", "Smith", city="LEEDS")).contact_id == 1  # typo, city agrees
    assert index.find(f("Smith", "John", city="Leeds")).reason == "name+city"  # swapped order
    assert index.find(f("John", "Smith", city="York")) is None  # nothing else agrees
    assert index.find(f("Jon", "Smith")) is None
    assert index.find(f("Marie", "Dupond", postal="75011")) == Match(2, "name+postal_code", index.find(
        f("Marie", "Dupond", postal="75011")).score)
    assert index.find(f("Ana", "Silva", birthday="--03-04")).reason == "name+birthday"  # day and month agree
    assert index.find(f("Kim", "Park", company="park & co")).reason == "name+company"
    assert index.find(f("Kim", "Parker", company="Park & Co")) is None  # ratio below 90


def test_a_close_name_is_no_match_when_both_have_an_email_or_both_a_phone_of_their_own():
    index = DuplicateIndex()
    index.add(1, f("Jean", "Martin", city="Paris", emails=["jean@example.fr"]))
    index.add(2, f("Louis", "Petit", city="Paris", phones=["+33612345678"]))
    assert index.find(f("Jeanne", "Martin", city="Paris", emails=["jeanne@example.fr"])) is None
    assert index.find(f("Louise", "Petit", city="Paris", phones=["+33698765432"])) is None
    # one side without an email (or phone) to tell them apart: still the same person, the name mistyped
    assert index.find(f("Jaen", "Martin", city="Paris")).contact_id == 1
    assert index.find(f("Luois", "Petit", city="Paris", emails=["louise@example.fr"])).contact_id == 2


@pytest.mark.parametrize("first, other", [("Jean", "Jeanne"), ("Marie", "Mario"), ("Anne", "Anna"), ("Luc", "Lucas"),
                                          ("Daniel", "Daniela"), ("Louis", "Louise"), ("Andreas", "Andrea"),
                                          ("Alexander", "Alexandra"), ("Pavel", "Pavla"), ("Anna", "Hanna"),
                                          ("Antoine", "Antoinette"), ("Julius", "Julia")])
def test_a_name_with_another_ending_is_another_person_with_nothing_else_to_tell_them_apart(first, other):
    index = DuplicateIndex()
    index.add(1, f(first, "Martin", city="Paris"))
    assert index.find(f(other, "Martin", city="Paris")) is None
    assert index.find(f(first, "Martin", city="Paris")).contact_id == 1
    assert index.find(f(first, "Martinn", city="Paris")).contact_id == 1  # a typo in the last name


@pytest.mark.parametrize("first, typed", [("John", "Jon"), ("Jean", "Jaen"), ("Michael", "Micheal"), ("Ann", "Anne"),
                                          ("Sergei", "Sergey")])
def test_a_typo_or_a_spelling_of_a_first_name_is_the_same_person(first, typed):
    index = DuplicateIndex()
    index.add(1, f(first, "Schwarzenberger", city="Wien"))
    assert index.find(f(typed, "Schwarzenberger", city="Wien")).contact_id == 1


def test_rows_of_one_file_with_close_names_and_their_own_emails_are_all_created(db, tmp_path):
    path = tmp_path / "paris.csv"
    path.write_text("First Name,Last Name,Email,City\n"
                    "Jean,Martin,jean@example.fr,Paris\nJeanne,Martin,jeanne@example.fr,Paris\n"
                    "Jean,Martin,,Paris\n", encoding="utf-8")
    result = ci.import_contacts(path, ci.ImportOptions(region="FR"))
    # the third row, with no email, is Jean again: joined to him ("skip" leaves alone the customers in the book)
    assert (result.created, result.skipped, result.joined) == (2, 0, 1)
    assert sorted(get_contact(i).first_name for i in contact_ids()) == ["Jean", "Jeanne"]


def test_a_company_named_contact_needs_more_than_its_own_name():
    index = DuplicateIndex()
    index.add(5, f(company="Acme Ltd"))
    assert index.find(f(company="Acme Ltd", city="Bath")) is None  # the company cannot agree with itself
    assert index.find(f(company="Acme Ltd")) == Match(5, "name")  # but the same bare name is the same entry
    index.add(6, f(company="Bolt Ltd", city="Bath"))
    assert index.find(f(company="Bolt Ltd.", city="Bath")).contact_id == 6


def test_the_closest_name_wins_and_ties_go_to_the_older_contact():
    index = DuplicateIndex()
    index.add(10, f("Anna", "Lee", city="Paris"))
    index.add(11, f("Ann", "Lee", city="Paris"))
    index.add(12, f("Ann", "Lee", city="Paris"))
    assert index.find(f("Ann", "Lee", city="Paris")).contact_id == 11


def test_a_number_kept_as_typed_is_found_again_once_read_with_its_country(db):
    otto = add_contact(ContactInput(first_name="Otto", last_name="Kern", phones=["0171 1234567"]), region=None)
    assert get_contact(otto).phones[0].e164 is None  # (no country to read it in)
    index = DuplicateIndex.from_database(database.connection())
    assert index.find(f("Otto", "Kern", phones=["+491711234567"])) == Match(otto, "phone")
    assert index.find(f("Otto", "Kern", phones=["+491711234568"])) is None


def test_a_number_typed_without_its_country_finds_the_customer_whose_number_was_read_with_it(db):
    """A row read in France with "0171 1234567" (a German mobile, kept as typed) was another customer than the book's
    Otto of +49 171 1234567: he was created twice."""
    otto = add_contact(ContactInput(first_name="Otto", last_name="Kern", phones=["+49 171 1234567"]))
    rome = add_contact(ContactInput(first_name="Lia", last_name="Neri", phones=["+39 06 1234 5678"]))
    index = DuplicateIndex.from_database(database.connection())
    assert index.find(f("Otto", "Kern", typed=["0171 1234567"])) == Match(otto, "phone")
    assert index.find(f("Otto", "Kern", typed=["0049 171 1234567"])) == Match(otto, "phone")  # (dialled from abroad)
    assert index.find(f("Lia", "Neri", typed=["06 1234 5678"])) == Match(rome, "phone")  # (Rome keeps its 0)
    assert index.find(f("Otto", "Kern", typed=["0171 1234568"])) is None
    assert index.find(f("Otto", "Kern", typed=["0172 1234567"])) is None  # (the same last digits, another number)
    assert index.find(f("Anna", "Kern", typed=["0171 1234567"])) is None  # (his wife, on his phone: another person)


def test_a_number_read_with_its_country_after_one_was_looked_for_as_typed_is_found_too():
    index = DuplicateIndex()
    index.add(1, f("Otto", "Kern", phones=["+491711234567"]))
    assert index.find(f("Otto", "Kern", typed=["0171 1234567"])) == Match(1, "phone")
    index.add(2, f("Lia", "Neri", phones=["+390612345678"]))  # (a later row of the file)
    assert index.find(f("Lia", "Neri", typed=["06 1234 5678"])) == Match(2, "phone")
    assert index.find(f("Lia", "Neri", typed=["06 1234 5679"])) is None


def _read_as_every_code(index: DuplicateIndex, digits: str) -> int | None:
    """What _read_as answers, found the long way: each country code in turn, before these digits without their
    zeros first, then with them."""
    if digits.startswith("00") and (found := index.phones.get("+" + digits[2:])) is not None:
        return found
    for code in sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE):
        for e164 in (f"+{code}{digits.lstrip('0')}", f"+{code}{digits}"):
            if index.phones.get(e164) is not None and national_digits(e164) == digits:
                return index.phones[e164]
    return None


def test_a_number_typed_without_its_country_is_found_as_looking_under_every_country_code_finds_it():
    """Every region's example numbers, fixed and mobile, in the index; each typed in its country's own form (with
    and without the trunk zero, and as another country's digits) finds whom a look under every code finds."""
    index = DuplicateIndex()
    typed = set()
    for n, region in enumerate(sorted(phonenumbers.SUPPORTED_REGIONS)):
        for kind in (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.MOBILE):
            number = phonenumbers.example_number_for_type(region, kind)
            if number is None:
                continue
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            index.add(n * 2 + kind, f(f"Name{n}", phones=[e164]))
            typed |= {national_digits(e164), national_digits(e164).lstrip("0"), "0" + e164[2:], "00" + e164[1:]}
    found = {digits: index._read_as(digits) for digits in sorted(typed - {""})}
    assert found == {digits: _read_as_every_code(index, digits) for digits in found}
    assert sum(1 for contact in found.values() if contact is not None) > 300


def test_a_number_typed_without_its_country_finds_no_one_of_another_name(db):
    """Placeholders several customers have ("555-555-5555", "00 00 00 00 00"), and another country's number of the
    same digits (a Roman landline, a Dutch mobile, typed in a British shop as a French customer's "06 …"), are no
    customer's: the names must be alike."""
    laura = add_contact(ContactInput(first_name="Laura", last_name="Bianchi", phones=["+39 06 1234 5678"]))
    add_contact(ContactInput(company="Trattoria Da Enzo", phones=["+39 06 9876 5432"]))
    index = DuplicateIndex.from_database(database.connection())
    assert index.find(f("Laura", "Dubois", typed=["06 12 34 56 78"])) is None
    assert index.find(f(company="Boulangerie Rousseau", typed=["06 98 76 54 32"])) is None
    assert index.find(f("", "Lefèvre", typed=["06 12 34 56 78"])) is None
    assert index.find(f("Laura", "Bianchi", typed=["06 12 34 56 78"])) == Match(laura, "phone")
    index.add(10, f("John", "Smith", emails=["jsmith@gmail.com"], typed=["0171 7654321"]))
    index.add(11, f("", "Dupont", typed=["0172 7654321"]))
    assert index.find(f("John", "Miller", emails=["john.miller@yahoo.com"], typed=["0171 7654321"])) is None
    assert index.find(f("", "Martin", typed=["0172 7654321"])) is None
    assert index.find(f("John", "Smith", emails=["john@smith.example"], typed=["0171-7654321"])) == Match(10, "phone")


def test_a_placeholder_typed_for_a_number_is_no_customers_number():
    """"555-555-5555" or "+49 0000 000000" on two John Smiths of two cities made them one."""
    index = DuplicateIndex()
    index.add(1, f("John", "Smith", city="Leeds", typed=["555-555-5555"]))
    index.add(2, f("Anna", "Müller", city="Berlin", typed=["+49 0000 000000"]))
    index.add(3, f("Eva", "Roth", city="Bonn", typed=["123-456-7890"]))
    assert index.find(f("John", "Smith", city="Bristol", typed=["555-555-5555"])) is None
    assert index.find(f("Anna", "Müller", city="Hamburg", typed=["+49 0000 000000"])) is None
    assert index.find(f("Eva", "Roth", city="Köln", typed=["123 456 7890"])) is None


def test_a_number_read_with_its_country_finds_the_customer_of_it_typed_without_whatever_the_names(db):
    """Bob's number was typed in a French shop's first import ("07911 123456", kept as typed); the shop's next list
    has it read with the United Kingdom, and his email, but no name: it is Bob (as it was)."""
    bob = add_contact(ContactInput(first_name="Bob", last_name="Smith", phones=["07911 123456"], city="Leeds"),
                      region="FR")
    index = DuplicateIndex.from_database(database.connection())
    assert index.find(f(emails=["bob@x.com"], phones=["+447911123456"])) == Match(bob, "phone")


def test_a_number_typed_without_its_country_twice_in_a_file_is_one_customer():
    index = DuplicateIndex()
    index.add(1, f("Lea", "Roth", typed=["0171 7654321"]))
    assert index.find(f("Lea", "Roth", emails=["lea@roth.de"], typed=["0171-7654321"])) == Match(1, "phone")
    assert index.find(f("Lea", "Roth", phones=["+491717654321"])) == Match(1, "phone")  # (read with its country)
    assert index.find(f("Lea", "Roth", city="Bonn", typed=["0171 7654320"])) is None
    index.add(2, f("Ida", "Roth", typed=["007 911 954-35-23"]))  # (read with Russia, where 00 dials no other country)
    assert index.find(f("Ida", "Roth", phones=["+79119543523"])) == Match(2, "phone")


def test_a_customer_number_whose_zeros_a_spreadsheet_took_off_is_the_same_customer(db, tmp_path):
    """Imported from the shop's export ("000123"), then from the same export saved again in Excel ("123"), with a
    new email: she was a second customer."""
    header = "Customer ID,First Name,Last Name,Email\n"
    first, again = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(header + "000123,Ann,Lee,ann@old.example\n000124,Bob,Ray,bob@example.com\n", encoding="utf-8")
    again.write_text(header + "123,Ann,Lee,ann@new.example\n124,Rob,Dale,rob@example.com\n", encoding="utf-8")
    ci.import_contacts(first, ci.ImportOptions(region="GB"))
    result = ci.import_contacts(again, ci.ImportOptions(region="GB", on_duplicate="fill"))
    assert (result.created, result.updated) == (1, 1)  # (124 with another name is someone else of that number)
    ann = get_contact(contact_ids("ann")[0])
    assert ann.emails == ["ann@old.example", "ann@new.example"] and ann.external_id == "000123"


def test_a_web_shops_customer_number_finds_its_customer_whose_last_name_and_email_changed(db, tmp_path):
    """Ann Lee married: the shop's next export has her as Ann Smith, with a new email, under the number Shopify
    gave her. A number that long is no other program's; with another first name it is still someone else."""
    header = "Customer ID,First Name,Last Name,Email\n"
    first, again = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(header + "7012345678901,Ann,Lee,ann.lee@example.com\n7012345678902,Bob,Ray,bob@example.com\n"
                     "124,Cem,Oz,cem@example.com\n", encoding="utf-8")
    again.write_text(header + "7012345678901,Ann,Smith,ann.smith@example.com\n7012345678902,Eva,Ray,eva@example.com\n"
                     "124,Cem,Kaya,cem.kaya@example.com\n", encoding="utf-8")
    ci.import_contacts(first, ci.ImportOptions(region="GB"))
    result = ci.import_contacts(again, ci.ImportOptions(region="GB", on_duplicate="overwrite"))
    assert (result.created, result.updated) == (2, 1)  # (Eva Ray, and Cem Kaya of a till's short number)
    ann = get_contact(contact_ids("ann")[0])
    assert (ann.last_name, ann.external_id) == ("Smith", "7012345678901")
    assert "ann.smith@example.com" in ann.emails


def test_fill_stores_a_number_typed_twice_once_and_one_in_the_national_form_of_the_customers_once(db, tmp_path):
    """Lea's number typed twice, spaced two ways, is one number; Otto's typed "0171 1234567", which found him, is his
    +49 171 1234567 as Germany writes it: not added beside it. (Two people's numbers may share a national form, a
    French and a Dutch mobile's "06 12 34 56 78"; one person's two hardly do.)"""
    otto = add_contact(ContactInput(first_name="Otto", last_name="Kern", phones=["+49 171 1234567"]))
    source = tmp_path / "b.csv"
    source.write_text("First Name,Last Name,Email,Phone\nOtto,Kern,otto@kern.de,0171 1234567\n"
                      "Lea,Roth,,0171 7654321\nLea,Roth,lea@roth.de,0171-7654321\n"
                      "Otto,Kern,,0049 171 1234567\n", encoding="utf-8")
    result = ci.import_contacts(source, ci.ImportOptions(region="US", on_duplicate="fill"))
    assert (result.created, result.updated, result.joined, result.skipped) == (1, 1, 1, 1)  # ("0049 …": his own)
    kern = get_contact(otto)
    assert [p.raw for p in kern.phones] == ["+49 171 1234567"] and kern.emails == ["otto@kern.de"]
    lea = get_contact(contact_ids("lea")[0])
    assert [p.raw for p in lea.phones] == ["0171 7654321"] and lea.emails == ["lea@roth.de"]


def test_index_from_the_database_skips_the_trash_and_uses_few_queries(db):
    ann = add_contact(ContactInput(first_name="Ann", last_name="Lee", emails=["ann@example.com"],
                                   phones=["+33 6 12 34 56 78"], city="Paris"))
    gone = add_contact(ContactInput(first_name="Old", last_name="Friend", emails=["old@example.com"]))
    delete_contacts([gone])
    conn = database.connection()
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        index = DuplicateIndex.from_database(conn)
    finally:
        conn.set_trace_callback(None)
    assert len(statements) == 4  # (emails, phones, names; and the fingerprints of those erased)
    assert index.find(f("A", "B", emails=["ANN@example.com"])) == Match(ann, "email")
    assert index.find(f("A", "B", phones=["+33612345678"])) == Match(ann, "phone")
    assert index.find(f("Anne", "Lee", city="paris")).contact_id == ann
    assert index.find(f("X", "Y", emails=["old@example.com"])) is None


# ---------------------------------------------------------------------------------------------
# Through an import: against the database, within the file, and row by row


def _csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["First Name", "Last Name", "Email", "Phone", "City", "Postal Code"])
        out.writerows(rows)
    return path


def test_duplicates_against_the_database_and_within_the_file(db, tmp_path):
    ann = add_contact(ContactInput(first_name="Ann", last_name="Lee", emails=["ann@example.com"], city="Paris"))
    bob = add_contact(ContactInput(first_name="Bob", last_name="Stone", phones=["+33 6 12 34 56 78"]))
    source = _csv(tmp_path / "d.csv", [
        ["A.", "Lee", "ANN@EXAMPLE.COM", "", "", ""],  # row 2: Ann, by email
        ["Robert", "Stone", "", "06 12 34 56 78", "", ""],  # row 3: Bob, by phone (read in FR)
        ["Anne", "Lee", "", "", "paris", ""],  # row 4: Ann, by a close name and the city
        ["Cleo", "Park", "cleo@example.com", "", "Nice", ""],  # row 5: new
        ["Cléo", "Park", "", "", "NICE", ""],  # row 6: row 5 again, by name and city
        ["Cleo", "Parks", "", "", "", "06000"],  # row 7: nothing agrees beyond the name: new
    ])
    plan = ci.plan_contacts_import(source, ci.ImportOptions(region="FR"))
    got = [(p.row, p.action, p.duplicate_of, p.duplicate_row, p.duplicate_reason) for p in plan.preview]
    assert got == [
        (2, "skip", ann, None, "email"),
        (3, "skip", bob, None, "phone"),
        (4, "skip", ann, None, "name+city"),
        (5, "create", None, None, ""),
        (6, "join", None, 5, "name+city"),  # (a customer the file adds: what it brings is added to them)
        (7, "create", None, None, ""),
    ]
    result = ci.import_contacts(source, ci.ImportOptions(region="FR"))
    assert (result.created, result.skipped, result.joined) == (2, 3, 1)


def test_by_skip_a_second_row_of_a_customer_the_file_adds_is_not_lost(db, tmp_path):
    """"Skip" (the default) leaves alone the customers already in the book; a customer the file adds gets what
    each of its rows brings: Jean's email and phone are on his second row only."""
    ann = add_contact(ContactInput(first_name="Ann", last_name="Lee", emails=["ann@example.com"]))
    source = _csv(tmp_path / "d.csv", [
        ["Jean", "Dupont", "", "", "Lyon", ""],
        ["Jean", "Dupont", "jean@dupont.fr", "06 12 34 56 78", "Lyon", "69001"],
        ["Ann", "Lee", "ann@example.com", "06 98 76 54 32", "", ""],  # in the book: left alone
    ])
    result = ci.import_contacts(source, ci.ImportOptions(region="FR"))
    assert (result.created, result.updated, result.skipped, result.joined) == (1, 0, 1, 1)
    (jean,) = contact_ids("dupont")
    kept = get_contact(jean)
    assert (kept.emails, kept.phones[0].e164, kept.postal_code) == (["jean@dupont.fr"], "+33612345678", "69001")
    assert get_contact(ann).phones == []
    again = ci.import_contacts(source, ci.ImportOptions(region="FR"))
    assert (again.created, again.updated, again.skipped, again.batch) == (0, 0, 3, None)
    ci.undo_import(result.batch)
    chosen = ci.import_contacts(source, ci.ImportOptions(region="FR", row_choices={3: "skip"}))  # (said for the row)
    assert (chosen.created, chosen.skipped, chosen.joined) == (1, 2, 0)
    assert get_contact(contact_ids("dupont")[0]).emails == []


def test_a_compound_first_name_typed_with_a_space_finds_its_customer(db, tmp_path):
    marie = add_contact(ContactInput(first_name="Anne-Marie", last_name="Dubois", city="Paris"))
    source = _csv(tmp_path / "d.csv", [
        ["Anne Marie", "Dubois", "", "", "Paris", ""],  # row 2: her, the way a phone's contacts write her
        ["Anne Marie", "Dubois", "", "", "Lyon", ""],  # row 3: nothing else agrees: another woman
        ["Marie-Anne", "Dubois", "", "", "Paris", ""],  # row 4: her sister
    ])
    plan = ci.plan_contacts_import(source, ci.ImportOptions(region="FR"))
    assert [(p.row, p.action, p.duplicate_of) for p in plan.preview] == [
        (2, "skip", marie), (3, "create", None), (4, "create", None)]


def test_per_row_choices_override_the_policy(db, tmp_path):
    ann = add_contact(ContactInput(first_name="Ann", last_name="Lee", emails=["ann@example.com"]))
    source = _csv(tmp_path / "d.csv", [
        ["Ann", "Lee", "ann@example.com", "", "Paris", ""],  # row 2: fill (the policy)
        ["Ann", "Lee", "ann@example.com", "", "", "75011"],  # row 3: create anyway (its choice)
        ["Dora", "Diaz", "dora@example.com", "", "", ""],  # row 4: not a duplicate, but skipped (its choice)
    ])
    options = ci.ImportOptions(on_duplicate="fill", row_choices={3: "create", 4: "skip"})
    plan = ci.plan_contacts_import(source, options)
    assert [p.action for p in plan.preview] == ["update", "create", "skip"]
    result = ci.import_contacts(source, options)
    assert (result.created, result.updated, result.skipped) == (1, 1, 1)
    assert get_contact(ann).city == "Paris"
    assert len(contact_ids("ann")) == 2 and not list(contact_ids("dora"))


def test_a_bad_choice_is_refused(db, tmp_path):
    source = _csv(tmp_path / "d.csv", [["Ann", "Lee", "", "", "", ""]])
    with pytest.raises(InvalidValue):
        ci.plan_contacts_import(source, ci.ImportOptions(on_duplicate="merge"))
    with pytest.raises(InvalidValue):
        ci.plan_contacts_import(source, ci.ImportOptions(row_choices={2: "maybe"}))


def test_a_bare_name_matches_only_the_same_bare_name():
    index = DuplicateIndex()
    index.add(4, f("Ann", "Lee"))
    index.add(5, f("Bob", "Stone", emails=["bob@example.com"]))
    assert index.find(f("LEE", "Ann")) == Match(4, "name")  # the same name, nothing else on either side
    assert index.find(f("Anne", "Lee")) is None  # a close name is not enough on its own
    assert index.find(f("Bob", "Stone")) is None  # Bob has an email: a bare "Bob Stone" may be someone else
    assert index.find(f("Ann", "Lee", city="Paris")) is None  # the row has a city that nothing confirms


def test_a_file_of_bare_names_imported_twice_with_skip_creates_nothing_the_second_time(db, tmp_path):
    add_contact(ContactInput(first_name="Bob", last_name="Stone", emails=["bob@example.com"]))
    source = _csv(tmp_path / "names.csv", [
        ["Ann", "Lee", "", "", "", ""],
        ["Chloé", "Martin", "", "", "", ""],
        ["Bob", "Stone", "", "", "", ""],  # a bare name beside a contact with an email: another person
        ["ann", "LEE", "", "", "", ""],  # row 2 again, within the file
    ])
    first = ci.import_contacts(source, ci.ImportOptions())
    assert (first.created, first.skipped, first.joined) == (3, 0, 1)
    before = sorted(contact_ids(""))
    again = ci.import_contacts(source, ci.ImportOptions())
    assert (again.created, again.skipped) == (0, 4)
    assert sorted(contact_ids("")) == before
    index = DuplicateIndex.from_database(database.connection())
    assert set(index.bare) == {"ann lee", "chloe martin", "bob stone"}


@pytest.mark.parametrize("first, other", [("Anna", "Peter"), ("Jean", "Jeanne"), ("Marie", "Mario"),
                                          ("Louis", "Louise"), ("Tim", "Tom"), ("Lena", "Lina"), ("Dan", "Don"),
                                          ("Julie", "Julien"), ("Eva", "Evan"), ("Ida", "Ina"), ("Mia", "Mila"),
                                          ("Jon", "Joan"), ("Jan", "Jean"), ("Lena", "Lea"), ("Ben", "Bea"),
                                          ("Anne", "Anne-Sophie"), ("Jean", "Jean-Luc"), ("Pierre", "Jean-Pierre"),
                                          ("Anna", "Anna-Lena"), ("Marie", "Marie et Paul")])
def test_a_shared_phone_or_email_with_another_first_name_is_another_person(first, other):
    index = DuplicateIndex()
    index.add(5, f(first, "Weber", emails=["weber@example.de"], phones=["+4930123456"]))
    assert index.find(f(other, "Weber", phones=["+4930123456"])) is None  # one landline, two people
    assert index.find(f(other, "Weber", emails=["WEBER@example.de"])) is None  # the parents' address
    index.add(6, f(other, "Weber", emails=["weber@example.de"], phones=["+4930123456"]))
    assert index.find(f(other, "Weber", phones=["+4930123456"])) == Match(6, "phone")  # each finds their own
    assert index.find(f(first, "Weber", emails=["weber@example.de"])) == Match(5, "email")


@pytest.mark.parametrize("full, short", [("Josef", "Sepp"), ("Johannes", "Hans"), ("Frédéric", "Fred"),
                                         ("Francisco", "Paco"), ("Giuseppe", "Beppe"), ("Cornelis", "Kees"),
                                         ("José", "Zé"), ("Sébastien", "Seb")])
def test_a_shared_phone_with_a_short_form_of_the_first_name_in_another_language_is_the_same_person(full, short):
    index = DuplicateIndex()
    index.add(5, f(full, "Weber", phones=["+4930123456"]))
    assert index.find(f(short, "Weber", phones=["+4930123456"])) == Match(5, "phone")
    index = DuplicateIndex()
    index.add(5, f(short, "Weber", emails=["weber@example.de"]))
    assert index.find(f(full, "Weber", emails=["weber@example.de"])) == Match(5, "email")
    # and not another's: Sepp is not Hans, Anton not Antonia
    assert index.find(f("Maria", "Weber", emails=["weber@example.de"])) is None


@pytest.mark.parametrize("first, other", [("Sepp", "Hans"), ("Anton", "Antonia"), ("Fred", "Frida")])
def test_short_forms_of_other_names_are_other_people(first, other):
    index = DuplicateIndex()
    index.add(5, f(first, "Weber", phones=["+4930123456"]))
    assert index.find(f(other, "Weber", phones=["+4930123456"])) is None


@pytest.mark.parametrize("first, typed", [("Jon", "John"), ("Zoe", "Zoey"), ("Lily", "Lilly"), ("Eric", "Erik"),
                                          ("Kat", "Kate"), ("Amy", "Ami"), ("Sara", "Sarah")])
def test_a_shared_phone_with_a_first_name_spelt_another_way_is_the_same_person(first, typed):
    index = DuplicateIndex()
    index.add(5, f(first, "Weber", phones=["+4930123456"]))
    assert index.find(f(typed, "Weber", phones=["+4930123456"])) == Match(5, "phone")


@pytest.mark.parametrize("typed", ["Anna", "ANNA", "Ana", "A.", "Anna Maria", "Annie", "",
                                   "anna@example.com", "+49 30 123456"])  # (the last two: no name, only these)
def test_a_shared_phone_with_the_same_first_name_written_another_way_is_the_same_person(typed):
    index = DuplicateIndex()
    index.add(5, f("Anna", "Weber", phones=["+4930123456"]))
    assert index.find(f(typed, "Weber", phones=["+4930123456"])) == Match(5, "phone")
    assert index.find(f("Weber", typed or "Anna", phones=["+4930123456"])) == Match(5, "phone")  # names swapped
    assert index.find(f(typed, "", company="Weber GmbH", phones=["+4930123456"])) == Match(5, "phone")


@pytest.mark.parametrize("first, last", [("芳", "王"), ("王", "芳"), ("Fang", "Wang")])
def test_a_name_written_as_one_word_is_the_same_name_written_as_two(first, last):
    # a Chinese name in one "Display Name" cell, "王芳", is read as a first name alone
    index = DuplicateIndex()
    index.add(5, f(first, last, emails=["wang.fang@example.cn"], phones=["+8613800138000"]))
    joined = "王芳" if first != "Fang" else "WangFang"
    assert index.find(f(joined, "", emails=["wang.fang@example.cn"])) == Match(5, "email")
    assert index.find(f(joined, "", phones=["+8613800138000"])) == Match(5, "phone")
    # another name on the family's email is still another person
    assert index.find(f("李伟", "", emails=["wang.fang@example.cn"])) is None


def test_a_shared_email_with_another_birthday_is_another_person():
    index = DuplicateIndex()
    index.add(5, f("Sam", "Weber", emails=["weber@example.de"], birthday="2015-04-02"))
    assert index.find(f("Sam", "Weber", emails=["weber@example.de"], birthday="2012-09-30")) is None  # twins? cousins
    assert index.find(f("Sam", "Weber", emails=["weber@example.de"], birthday="--04-02")) == Match(5, "email")
    assert index.find(f("Sam", "Weber", emails=["weber@example.de"])) == Match(5, "email")


def test_a_family_on_one_landline_is_imported_as_two_customers_and_found_again(db, tmp_path):
    add_contact(ContactInput(first_name="Anna", last_name="Weber", phones=["+49 30 123456"]))
    path = tmp_path / "family.csv"
    path.write_text("First Name,Last Name,Phone\nPeter,Weber,030 123456\nAnna,Weber,030 123456\n", encoding="utf-8")
    first = ci.import_contacts(path, ci.ImportOptions(region="DE", on_duplicate="overwrite"))
    assert (first.created, first.updated) == (1, 0)
    assert sorted(get_contact(i).first_name for i in contact_ids()) == ["Anna", "Peter"]  # Anna is still Anna
    again = ci.import_contacts(path, ci.ImportOptions(region="DE", on_duplicate="skip"))
    assert (again.created, again.skipped) == (0, 2)
    database.close()
    database.connect(reuse_if_open=True)
    index = DuplicateIndex.from_database(database.connection())  # (as the next import reads the book)
    assert index.find(f("Peter", "Weber", phones=["+4930123456"])).contact_id == max(contact_ids())


def test_a_town_with_its_region_code_after_it_is_that_town(db, tmp_path):
    """Bob imported from a US list with a State column ("Portland, OR"), then from one without: one Bob."""
    index = DuplicateIndex()
    index.add(5, f("Bob", "Miller", city="Portland, OR"))
    assert index.find(f("Bob", "Miller", city="Portland")) == Match(5, "name+city")
    assert index.find(f("Bob", "Miller", city="Portland, ME")) == Match(5, "name+city")  # (regions are not compared)
    assert index.find(f("Bob", "Miller", city="Salem, OR")) is None
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("First Name,Last Name,Email,City,State\nBob,Miller,bob@example.com,Portland,OR\n", encoding="utf-8")
    second.write_text("First Name,Last Name,City\nBob,Miller,Portland\n", encoding="utf-8")
    ci.import_contacts(first, ci.ImportOptions(region="US"))
    result = ci.import_contacts(second, ci.ImportOptions(region="US"))
    assert (result.created, result.skipped) == (0, 1)


def test_the_same_name_in_the_same_city_born_on_another_day_is_another_person():
    index = DuplicateIndex()
    index.add(5, f("Jean", "Dupont", city="Paris", birthday="1970-05-01"))
    assert index.find(f("Jean", "Dupont", city="Paris", birthday="1999-09-09")) is None  # his son
    assert index.find(f("Jean", "Dupont", city="Paris", birthday="1970-05-01")) == Match(5, "name+city", 100)
    assert index.find(f("Jean", "Dupont", city="Paris")).contact_id == 5  # no birthday: nothing says otherwise


def test_the_same_name_and_whole_birthday_is_the_same_person_with_a_new_phone():
    """A close name and a city agreeing are not enough when both have a phone of their own (two people of one
    name); born the same day of the same year, they are one, whose phone changed."""
    index = DuplicateIndex()
    index.add(5, f("Christine", "Petit", phones=["+33612345678"], city="Tours", birthday="1975-10-20"))
    assert index.find(f("Christine", "Petit", phones=["+33698765432"], city="Tours", birthday="1975-10-20")) == \
        Match(5, "name+city")
    assert index.find(f("Christine", "Petit", phones=["+33698765432"], city="Tours", birthday="1982-10-20")) is None
    assert index.find(f("Christine", "Petit", phones=["+33698765432"], city="Tours", birthday="--10-20")) is None
    assert index.find(f("Christine", "Petit", phones=["+33698765432"], city="Tours")) is None
    # twins have two names, however alike; a placeholder birthday is no one's
    index.add(6, f("Alexis", "Moreau", phones=["+33611111111"], city="Lyon", birthday="2010-05-14"))
    assert index.find(f("Alexia", "Moreau", phones=["+33622222222"], city="Lyon", birthday="2010-05-14")) is None
    index.add(7, f("Marie", "Dupont", phones=["+33633333333"], city="Lyon", birthday="1900-01-01"))
    assert index.find(f("Marie", "Dupont", phones=["+33644444444"], city="Lyon", birthday="1900-01-01")) is None


def test_the_same_name_born_the_same_day_of_another_year_is_another_person():
    """Ali Hassan of Lyon, born 1 January 1990, and Ali Hassan of Paris, born 1 January 1985: the day and month agree
    (1 January is many people's), the years do not, and nothing else does."""
    index = DuplicateIndex()
    index.add(5, f("Ali", "Hassan", city="Lyon", birthday="1990-01-01"))
    assert index.find(f("Ali", "Hassan", city="Paris", birthday="1985-01-01")) is None
    # the same city too: the same person, a year mistyped (or a spreadsheet's year added to "01/01")
    assert index.find(f("Ali", "Hassan", city="Lyon", birthday="1985-01-01")) == Match(5, "name+city")
    assert index.find(f("Ali", "Hassan", city="Paris", birthday="1990-01-01")) == Match(5, "name+birthday")
    assert index.find(f("Ali", "Hassan", city="Paris", birthday="--01-01")) == Match(5, "name+birthday")  # (no year)
    index.add(6, f("Rosa", "Diaz", city="Lyon", birthday="1900-01-01"))  # (a placeholder is no year)
    assert index.find(f("Rosa", "Diaz", city="Lyon", birthday="1985-01-01")) == Match(6, "name+city")


@pytest.mark.parametrize("first, typed", [("Jean-Pierre", "Jean Pierre"), ("Jean-Pierre", "Jean-P."),
                                          ("Marie-Christine", "Marie Christine"), ("Jean-Luc", "Jean L."),
                                          ("Anne-Sophie", "Anne-Sofie"), ("Jean", "Jean Y"), ("Marie", "Marie E")])
def test_a_shared_email_with_a_compound_first_name_written_another_way_is_the_same_person(first, typed):
    index = DuplicateIndex()
    index.add(5, f(first, "Durand", emails=["jp@example.fr"]))
    assert index.find(f(typed, "Durand", emails=["jp@example.fr"])) == Match(5, "email")
