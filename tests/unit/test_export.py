"""Exporting contacts (CSV, vCard 3.0 and 4.0) and purchases (CSV): safe in a spreadsheet, read back exactly."""

from __future__ import annotations

import codecs
import csv
import errno
import os
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import vobject

from smallcrm.errors import InvalidValue
from smallcrm.services import export, metrics
from smallcrm.services.contacts import ContactInput, add_contact, delete_contacts, get_contact
from smallcrm.services.importing.contacts_import import import_contacts
from smallcrm.services.importing.purchases_import import PurchaseImportOptions, import_purchases
from smallcrm.services.purchases import Item, purchase_json, record_purchase, refund_purchase
from smallcrm.services.validation import clean_phone, phone_extension
from smallcrm.store.db import close_database, open_database
from tests.clock import time_zone

FIELDS = ("first_name", "last_name", "company", "emails", "email_labels", "phones", "phone_labels", "birthday",
          "street", "postal_code", "city", "country", "tags", "notes", "source", "email_consent", "sms_consent",
          "email_consent_source", "sms_consent_source", "email_consent_at", "sms_consent_at")
AGREED = datetime(2024, 3, 1, 9, 30, 5, tzinfo=timezone.utc)  # when Zoë agreed to emails (Anna, to SMS: a year before)

PEOPLE = [
    ContactInput(first_name="Zoë", last_name="Ørsted-Łukasiewicz", company="Café ☕ 東京",
                 emails=["zoe@example.com", "zoe.work@example.org", "z@example.net"],
                 email_labels=["home", "work", "Commandes « Zoë »"],
                 phones=["+33 6 12 34 56 78", "+49 30 1234567"], phone_labels=["mobile", "Atelier « Zoë »"],
                 street="12, rue de l'Église", postal_code="75004",
                 city="Paris", country="France", birthday="1990-05-17", tags=["VIP", "Stammkunde"],
                 notes='Likes "peonies", not roses.\nCall after 5, please; never on Sunday.',
                 email_consent=True, email_consent_source="signed card, « oui » at the counter",
                 email_consent_at=AGREED),
    ContactInput(first_name="=HYPERLINK(\"http://x\")", last_name="-Minus", company="+Plus Ltd",
                 emails=["formula@example.com"], birthday="--02-29", sms_consent=True, phones=["+44 20 7946 0958"],
                 sms_consent_source="=web form"),
    ContactInput(first_name="+Anna", last_name="Schmidt", birthday="--12-03", email_consent=True, sms_consent=True,
                 email_consent_source="web form", sms_consent_source="text STOP to opt out, said yes",
                 sms_consent_at=AGREED.replace(year=2023)),
    ContactInput(company="Κρόνος Α.Ε.", emails=["info@kronos.gr"], notes="Line one\n\nLine three, \"quoted\""),
    ContactInput(first_name="محمد", last_name="العلي", phones=["+971 50 123 4567"], phone_labels=["work"],
                 tags=["Wholesale", "VIP"]),
]


@pytest.fixture
def book(db):
    return [add_contact(person) for person in PEOPLE]


def comparable(contact_id: int) -> dict:
    found = get_contact(contact_id).to_json()
    return {name: found[name] for name in FIELDS}


def read_csv(path: Path) -> list[dict[str, str]]:
    """The file as Excel-style reading gives it: the csv module over UTF-8 with its byte-order mark."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def fresh_database(tmp_path: Path, name: str) -> None:
    close_database()
    open_database(tmp_path / name)


# --- guarding against formulas -----------------------------------------------------------------------

@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r"])
def test_every_dangerous_first_character_is_guarded(first):
    assert export.spreadsheet_text(first + "SUM(A1:A9)") == "'" + first + "SUM(A1:A9)"


@pytest.mark.parametrize("text", ["", "Ann", "'t Hooft", "1+1", " =1", "ann@example.com"])
def test_other_text_is_left_alone(text):
    assert export.spreadsheet_text(text) == text


@pytest.mark.parametrize("first", ["=", "+", "-", "@"])
def test_names_company_notes_and_tags_starting_a_formula_are_guarded(db, tmp_path, first):
    contact_id = add_contact(ContactInput(first_name=first + "first", last_name=first + "last",
                                          company=first + "company", notes=first + "notes\nsecond line",
                                          tags=[first + "tag"], street=first + "street", city=first + "city"))
    out = tmp_path / "contacts.csv"
    export.export_contacts(out, [contact_id])
    (row,) = read_csv(out)
    for header, value in (("First Name", "first"), ("Last Name", "last"), ("Company", "company"),
                          ("Notes", "notes\nsecond line"), ("Tags", "tag"), ("Street", "street"), ("City", "city")):
        assert row[header] == "'" + first + value, header
    assert row["Customer number"] == str(contact_id)  # a number we write ourselves is left a number


def test_the_file_starts_with_one_byte_order_mark_and_reads_back_exactly(book, tmp_path):
    out = tmp_path / "contacts.csv"
    result = export.export_contacts(out, export.contacts_to_export())
    data = out.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and not data[3:].startswith(codecs.BOM_UTF8)
    assert result.rows == len(PEOPLE) and result.format == "csv"
    rows = {row["Customer number"]: row for row in read_csv(out)}
    zoe = rows[str(book[0])]
    assert zoe["First Name"] == "Zoë" and zoe["Company"] == "Café ☕ 東京"
    assert zoe["Notes"] == 'Likes "peonies", not roses.\nCall after 5, please; never on Sunday.'
    assert [zoe["Email"], zoe["Email 2"], zoe["Email 3"]] == PEOPLE[0].emails
    assert [zoe["Email label"], zoe["Email 2 label"], zoe["Email 3 label"]] == ["Home", "Work", "Commandes « Zoë »"]
    assert [zoe["Phone"], zoe["Phone 2"]] == ["'+33612345678", "'+49301234567"]
    assert [zoe["Phone label"], zoe["Phone 2 label"]] == ["Mobile", "Atelier « Zoë »"]
    assert rows[str(book[1])]["Phone label"] == ""
    assert zoe["Birthday"] == "1990-05-17" and zoe["Tags"] == "Stammkunde, VIP"
    assert (zoe["Email consent"], zoe["SMS consent"]) == ("yes", "no")
    assert (zoe["Email consent source"], zoe["SMS consent source"]) == ("signed card, « oui » at the counter", "")
    assert rows[str(book[1])]["SMS consent source"] == "'=web form"  # guarded like every text cell
    assert rows[str(book[1])]["Birthday"] == "'--02-29"
    assert rows[str(book[4])]["Last Name"] == "العلي"


def test_the_header_is_one_the_generic_import_maps_by_itself():
    from smallcrm.services.importing.mapping import auto_map

    headers = export.contact_headers(emails=3, phones=2)
    assert auto_map(headers) == [
        "first_name", "last_name", "company", "email", "ignore", "email", "ignore", "email", "ignore",
        "phone", "ignore", "phone", "ignore",
        "street", "postal_code",
        "city", "country", "birthday", "tags", "notes", "email_consent", "sms_consent", "email_consent_source",
        "sms_consent_source", "email_consent_at", "sms_consent_at", "source", "customer_id"]


# --- round trips ---------------------------------------------------------------------------------------

@pytest.fixture
def new_york():
    with time_zone("America/New_York"):
        yield


def test_when_each_customer_agreed_is_written_in_local_time_with_its_offset(book, tmp_path, new_york):
    out = tmp_path / "contacts.csv"
    export.export_contacts(out, export.contacts_to_export())
    rows = {row["Customer number"]: row for row in read_csv(out)}
    zoe, formula = rows[str(book[0])], rows[str(book[1])]
    assert (zoe["Email consent date"], zoe["SMS consent date"]) == ("2024-03-01T04:30:05-05:00", "")
    assert rows[str(book[2])]["SMS consent date"] == "2023-03-01T04:30:05-05:00"
    at = datetime.fromisoformat(formula["SMS consent date"])  # (given when she was added: now)
    assert at.utcoffset() in {timedelta(hours=-5), timedelta(hours=-4)}
    assert abs(at - datetime.now(timezone.utc)) < timedelta(minutes=1)
    assert formula["Email consent date"] == ""  # no consent, no date


def test_export_then_import_gives_back_the_same_contacts(book, tmp_path, new_york):
    before = {contact_id: comparable(contact_id) for contact_id in book}
    out = tmp_path / "contacts.csv"
    export.export_contacts(out, export.contacts_to_export())

    fresh_database(tmp_path, "other.sqlite")
    result = import_contacts(out)
    assert (result.created, result.rejected) == (len(PEOPLE), 0)
    from smallcrm.store.models import Contact

    after = {int(c.external_id): comparable(c.id) for c in Contact.select()}  # the customer number comes along
    assert after == before


def test_an_export_edited_and_imported_back_into_the_same_book_keeps_each_customers_number_elsewhere(book, tmp_path):
    from smallcrm.services.importing.contacts_import import ImportOptions
    from smallcrm.store.models import Contact

    Contact.update(external_id="SHOP-991").where(Contact.id == book[0]).execute()  # (Shopify's, imported before)
    out = tmp_path / "contacts.csv"
    export.export_contacts(out, export.contacts_to_export())
    rows = read_csv(out)
    (zoe,) = [row for row in rows if row["Customer number"] == str(book[0])]
    zoe["City"] = "Lyon"  # (edited in a spreadsheet)
    with open(out, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    for policy, updated in (("fill", 0), ("overwrite", 1)):
        result = import_contacts(out, ImportOptions(on_duplicate=policy))
        assert (result.created, result.updated, result.rejected) == (0, updated, 0)
    assert get_contact(book[0]).city == "Lyon"
    assert {c.id: c.external_id for c in Contact.select()} == {book[0]: "SHOP-991", **{i: "" for i in book[1:]}}


def test_a_tills_customer_numbers_that_happen_to_be_the_books_own_are_still_kept(db, tmp_path):
    from smallcrm.services.importing.contacts_import import ImportOptions
    from smallcrm.store.models import Contact

    ids = [add_contact(ContactInput(first_name=name, emails=[f"{name.lower()}@example.com"]))
           for name in ("Ann", "Bob")]
    till = tmp_path / "till.csv"
    till.write_text(f"Customer ID,First Name,Email\n{ids[0]},Ann,ann@example.com\n0{ids[1]},Bob,bob@example.com\n",
                    encoding="utf-8")
    assert import_contacts(till, ImportOptions(on_duplicate="fill")).updated == 2
    assert [Contact.get_by_id(i).external_id for i in ids] == [str(ids[0]), f"0{ids[1]}"]
    assert export.is_contacts_export(export.contact_headers(3, 2)) and not export.is_contacts_export(
        ["Customer ID", "First Name", "Email"])
    before_consent_dates = [h for h in export.contact_headers(1, 1) if not h.endswith("consent date")]
    assert export.is_contacts_export(before_consent_dates)  # (written by the version before)


def test_every_field_starting_a_formula_comes_back_exactly(db, tmp_path):
    contact_id = add_contact(ContactInput(first_name="Ann", street="-1 Back Lane", notes="=not a formula",
                                          city="+Town", country="@Land", tags=["@home", "-sale"]))
    before = comparable(contact_id)
    out = tmp_path / "contacts.csv"
    export.export_contacts(out, [contact_id])
    fresh_database(tmp_path, "other.sqlite")
    import_contacts(out)
    from smallcrm.store.models import Contact

    assert comparable(Contact.get().id) == before


def test_a_numbers_extension_is_exported_as_a_file_can_read_it_back(db, tmp_path):
    cid = add_contact(ContactInput(first_name="Ann", phones=["06 12 34 56 78 ext. 12", "01 23 45 67 89"]), region="FR")
    export.export_contacts(tmp_path / "c.csv", [cid])
    row = read_csv(tmp_path / "c.csv")[0]
    assert (row["Phone"], row["Phone 2"]) == ("'+33612345678 ext. 12", "'+33123456789")  # (a "+" guarded)
    read = clean_phone(row["Phone"], None)
    assert (read.e164, phone_extension(read.raw)) == ("+33612345678", "12")
    for version, first in (("3.0", "+33612345678 ext. 12"), ("4.0", "tel:+33612345678;ext=12")):
        export.export_contacts(tmp_path / "c.vcf", [cid], vcard_version=version)
        card = next(vobject.readComponents((tmp_path / "c.vcf").read_text(encoding="utf-8")))
        assert [line.value for line in card.contents["tel"]][0] == first


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_vcards_read_back_with_every_field(book, tmp_path, version):
    out = tmp_path / "contacts.vcf"
    result = export.export_contacts(out, book, vcard_version=version)
    assert result.rows == len(PEOPLE) and result.format == "vcard"
    cards = list(vobject.readComponents(out.read_text(encoding="utf-8")))
    assert len(cards) == len(PEOPLE)
    for contact_id, card in zip(book, cards, strict=True):
        want = get_contact(contact_id)
        assert card.version.value == version
        assert card.fn.value == want.display_name
        assert (card.n.value.given, card.n.value.family) == (want.first_name, want.last_name)
        assert [line.value for line in card.contents.get("org", [])] == ([[want.company]] if want.company else [])
        assert [line.value for line in card.contents.get("email", [])] == want.emails
        phones = [line.value.removeprefix("tel:") for line in card.contents.get("tel", [])]
        assert phones == [p.e164 or p.raw for p in want.phones]
        labels = {line.group: line.value for line in card.contents.get("x-ablabel", [])}
        kinds = {"mobile": ["CELL"], "home": ["HOME"], "work": ["WORK"], "": []}
        for name, wanted in (("email", want.email_labels), ("tel", [p.label for p in want.phones])):
            lines = card.contents.get(name, [])
            types = [[t.upper() for t in line.params.get("TYPE", []) if t.upper() not in ("PREF", "INTERNET")]
                     for line in lines]
            assert types == [kinds.get(label, []) for label in wanted]
            assert [labels.get(line.group, "") for line in lines] == ["" if lab in kinds else lab for lab in wanted]
        if want.street or want.city:
            address = card.adr.value
            assert (address.street, address.code, address.city, address.country) == (
                want.street, want.postal_code, want.city, want.country)
        if want.birthday:
            shown = card.bday.value
            expected = want.birthday if version == "3.0" else (
                "--" + want.birthday[2:].replace("-", "") if want.birthday.startswith("--")
                else want.birthday.replace("-", ""))
            assert shown == expected
        assert [line.value for line in card.contents.get("categories", [])] == ([want.tags] if want.tags else [])
        assert (card.note.value if "note" in card.contents else "") == want.notes
        assert card.x_smallcrm_email_consent.value == ("yes" if want.email_consent else "no")
        assert card.x_smallcrm_sms_consent.value == ("yes" if want.sms_consent else "no")
        for channel in ("email", "sms"):
            line = card.contents.get(f"x-smallcrm-{channel}-consent-source")
            assert (line[0].value if line else "") == getattr(want, f"{channel}_consent_source")
            line = card.contents.get(f"x-smallcrm-{channel}-consent-date")
            agreed = getattr(want, f"{channel}_consent_at")
            assert (line[0].value if line else "") == (agreed.astimezone().isoformat(timespec="seconds")
                                                       if getattr(want, f"{channel}_consent") else "")
        assert card.x_smallcrm_customer_number.value == str(contact_id)


def test_vcard_4_marks_a_company_without_a_person(book, tmp_path):
    out = tmp_path / "kronos.vcf"
    export.export_contacts(out, [book[3]], vcard_version="4.0")
    card = vobject.readOne(out.read_text(encoding="utf-8"))
    assert card.kind.value == "org" and card.fn.value == "Κρόνος Α.Ε."


# --- whom --------------------------------------------------------------------------------------------

def test_a_search_exports_exactly_its_contacts(book, tmp_path):
    out = tmp_path / "search.csv"
    export.export_contacts(out, export.contacts_to_export(search="VIP"))
    assert {int(row["Customer number"]) for row in read_csv(out)} == {book[0], book[4]}


def test_given_ids_are_exported_in_their_order_and_the_trash_is_left_out(book, tmp_path):
    delete_contacts([book[2]])
    out = tmp_path / "chosen.csv"
    result = export.export_contacts(out, export.contacts_to_export(ids=[book[3], book[2], book[0], book[3]]))
    assert [int(row["Customer number"]) for row in read_csv(out)] == [book[3], book[0]]
    assert result.rows == 2


def test_a_segment_exports_exactly_its_members(book, tmp_path):
    at = datetime(2024, 3, 1, 12, tzinfo=timezone.utc)
    for n, contact_id in enumerate(book[:3]):
        for _ in range(n + 1):
            record_purchase(contact_id, total_minor=5000 * (n + 1), currency="EUR", at=at)
    found = set()
    for key in metrics.SEGMENTS:
        out = tmp_path / f"{key}.csv"
        export.export_contacts(out, export.contacts_to_export(segment=key))
        exported = [int(row["Customer number"]) for row in read_csv(out)]
        assert exported == metrics.segment_members(key)
        found.update(exported)
    assert found == set(book[:3])  # every buyer is in one segment, nobody else is in any


@pytest.mark.parametrize("channel", ["email", "sms"])
def test_the_consent_filter_keeps_only_those_who_agreed(book, tmp_path, channel):
    out = tmp_path / "marketing.csv"
    result = export.export_contacts(out, book, consenting=channel)
    agreed = [contact_id for contact_id, person in zip(book, PEOPLE, strict=True)
              if getattr(person, f"{channel}_consent")]
    assert [int(row["Customer number"]) for row in read_csv(out)] == agreed
    assert result.rows == len(agreed)
    everyone = export.export_contacts(tmp_path / "all.csv", book)
    assert everyone.rows == len(PEOPLE)


def test_rows_are_read_a_chunk_at_a_time(book, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "CHUNK", 2)
    from smallcrm.store.models import database

    real = database.execute_sql
    sizes = []

    def counting(sql, params=None, *args, **kwargs):
        sizes.append(len(params or ()))
        return real(sql, params, *args, **kwargs)

    monkeypatch.setattr(database, "execute_sql", counting)
    out = tmp_path / "chunked.csv"
    export.export_contacts(out, book)
    assert max(sizes) <= 2
    rows = read_csv(out)
    assert [int(row["Customer number"]) for row in rows] == book
    assert rows[0]["Email 3"] == "z@example.net"  # columns for the most emails, though later chunks have fewer


# --- the file ----------------------------------------------------------------------------------------

@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize("name", ["contacts.csv", "contacts.vcf"])
def test_the_file_is_readable_by_its_owner_only(book, tmp_path, name):
    out = tmp_path / name
    out.write_text("an older file, readable by all", encoding="utf-8")
    out.chmod(0o644)
    export.export_contacts(out, book)
    assert out.stat().st_mode & 0o777 == 0o600


def test_a_failed_write_leaves_no_file(book, tmp_path, monkeypatch):
    def no_room(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("smallcrm.services.files.os.fsync", no_room)
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(OSError):
        export.export_contacts(folder / "contacts.csv", book)
    assert list(folder.iterdir()) == []


def test_a_failure_halfway_keeps_the_old_file(book, tmp_path, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()
    old = folder / "contacts.vcf"
    old.write_text("the old file", encoding="utf-8")
    real = export.vcard_text
    calls = []

    def second_fails(contact, version):
        calls.append(contact.id)
        if len(calls) == 2:
            raise OSError(errno.EIO, "Input/output error")
        return real(contact, version)

    monkeypatch.setattr(export, "vcard_text", second_fails)
    with pytest.raises(OSError):
        export.export_contacts(old, book)
    assert old.read_text(encoding="utf-8") == "the old file"
    assert list(folder.iterdir()) == [old]


def test_cancelling_writes_nothing(book, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "CHUNK", 2)
    with pytest.raises(export.ExportCancelled):
        export.export_contacts(tmp_path / "contacts.csv", book, cancelled=lambda: True)
    assert not (tmp_path / "contacts.csv").exists()


@pytest.mark.parametrize("name", ["contacts.txt", "contacts", "contacts.xlsx"])
def test_an_unknown_extension_is_refused(db, tmp_path, name):
    with pytest.raises(InvalidValue) as caught:
        export.export_contacts(tmp_path / name, [])
    assert caught.value.problem == "format"
    assert not (tmp_path / name).exists()


def test_unknown_choices_are_refused(db, tmp_path):
    with pytest.raises(InvalidValue):
        export.export_contacts(tmp_path / "a.vcf", [], vcard_version="2.1")
    with pytest.raises(InvalidValue):
        export.export_contacts(tmp_path / "a.csv", [], consenting="post")
    assert not any(name.startswith(("a.", ".a.")) for name in os.listdir(tmp_path))


# --- purchases ---------------------------------------------------------------------------------------

def test_purchases_export_with_local_dates_and_the_currency_decimals(book, tmp_path):
    first = record_purchase(book[0], items=[Item("Peonies, pink", 2, 1250), Item("Card", 1, 350)], currency="EUR",
                            at=datetime(2024, 5, 1, 10, 30, tzinfo=timezone.utc), reference="R-1",
                            payment_method="Card")
    refund = refund_purchase(first.purchase_id, 350, at=datetime(2024, 5, 2, 9, tzinfo=timezone.utc))
    record_purchase(book[1], total_minor=1200, currency="JPY", at=datetime(2024, 6, 1, 8, tzinfo=timezone.utc),
                    reference="=cmd", status="due")
    record_purchase(None, total_minor=990, currency="EUR", at=datetime(2024, 7, 1, 8, tzinfo=timezone.utc))
    out = tmp_path / "purchases.csv"
    result = export.export_purchases(out)
    assert result.rows == 4 and out.read_bytes().startswith(codecs.BOM_UTF8)
    rows = read_csv(out)
    assert list(rows[0]) == export.PURCHASE_HEADERS
    sale, card, back, yen, anonymous = rows  # (a row per line: the sale's two lines are two rows)
    local = datetime(2024, 5, 1, 10, 30, tzinfo=timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M:%S %z")
    local = f"{local[:-2]}:{local[-2:]}"  # ("2024-05-01 12:30:00 +02:00" in Paris)
    for row in (sale, card):
        assert (row["Purchase ID"], row["Date"], row["Reference"], row["Currency"], row["Status"]) == (
            str(first.purchase_id), local, "R-1", "EUR", "paid")
        assert (row["Customer ID"], row["Customer"], row["Email"]) == (str(book[0]), "Zoë Ørsted-Łukasiewicz",
                                                                       "zoe@example.com")
    assert [(row["Item"], row["Quantity"], row["Unit price"]) for row in (sale, card)] == [
        ("Peonies, pink", "2", "12.50"), ("Card", "1", "3.50")]
    # the purchase's amount and what was paid once, on its first row: the column adds up to the takings
    assert [(row["Amount"], row["Paid"]) for row in (sale, card)] == [("28.50", "28.50"), ("", "")]
    assert (back["Amount"], back["Refund of"], back["Purchase ID"]) == ("-3.50", str(first.purchase_id),
                                                                        str(refund.refund_id))
    assert (back["Quantity"], back["Unit price"]) == ("-1", "3.50")
    assert (yen["Item"], yen["Quantity"], yen["Unit price"]) == ("", "", "")  # (a purchase without lines: one row)
    assert (yen["Amount"], yen["Currency"], yen["Status"], yen["Reference"], yen["Paid"], yen["Due date"]) == (
        "1200", "JPY", "due", "'=cmd", "0", "2024-07-01")
    assert sale["Due date"] == ""
    assert (yen["Customer"], anonymous["Customer ID"], anonymous["Customer"]) == ("'=HYPERLINK(\"http://x\") -Minus",
                                                                                  "", "")


def test_purchases_between_two_local_days(book, tmp_path):
    for day in (1, 2, 3):
        record_purchase(book[0], total_minor=100 * day, currency="EUR",
                        at=datetime(2024, 5, day, 12, tzinfo=timezone.utc))
    out = tmp_path / "may2.csv"
    export.export_purchases(out, start=date(2024, 5, 2), end=date(2024, 5, 2))
    assert [row["Amount"] for row in read_csv(out)] == ["2.00"]
    export.export_purchases(out, start=date(2024, 5, 2))
    assert [row["Amount"] for row in read_csv(out)] == ["2.00", "3.00"]
    with pytest.raises(InvalidValue):
        export.export_purchases(out, start=date(2024, 5, 2), end=date(2024, 5, 1))
    with pytest.raises(InvalidValue):
        export.export_purchases(tmp_path / "purchases.vcf")


def _purchases_as_kept() -> list[tuple]:
    """Every purchase of the book open with what it holds, its customer by the number the book it came from gave
    (its "Customer number"), the sale a refund pays back by its time and reference: comparable between two books."""
    from smallcrm.store.models import Contact, Purchase, PurchaseItem

    number = {c.id: c.external_id or str(c.id) for c in Contact.select()}
    purchases = {p.id: p for p in Purchase.select()}

    def kept(p) -> tuple:
        lines = tuple((i.description, i.quantity, i.unit_price_minor, i.total_minor)
                      for i in PurchaseItem.select().where(PurchaseItem.purchase == p.id).order_by(PurchaseItem.id))
        sale = purchases[p.refund_of_id] if p.refund_of_id else None
        return (number.get(p.contact_id), p.occurred_at, p.currency, p.total_minor, p.payment_method, p.reference,
                p.status, p.due_on, p.paid_minor, lines, sale and (sale.occurred_at, sale.reference, sale.total_minor))

    return sorted((kept(p) for p in purchases.values()), key=repr)


def _points_by_customer() -> dict[str, int]:
    """Each customer's points, by the number the book they came from gave them."""
    from smallcrm.store.models import Contact

    from smallcrm.services.loyalty import points_balance

    return {c.external_id or str(c.id): points_balance(c.id) for c in Contact.select()}


def test_purchases_come_back_whole_from_their_export(book, tmp_path):
    """Imported into another book, an export gives the same purchases: their lines, amounts, statuses, what is owed
    and when, and each refund paid back from its own sale (even one made at the sale's very time, without a
    reference); imported again, nothing."""
    from smallcrm.services.purchases import write_off
    at = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(days=40)
    whole = record_purchase(book[0], items=[Item("Peonies, pink", 2, 1250), Item("=Gift wrap; ribbon", 1, 0)],
                            at=at, reference="R-7", payment_method="Card")
    refund_purchase(whole.purchase_id, at=at + timedelta(days=2))  # (its lines, given back)
    same_time = record_purchase(book[1], items=[Item("Tulips", 3, 400)], at=at + timedelta(days=1))
    refund_purchase(same_time.purchase_id, 400, at=at + timedelta(days=1), reason="one wilted")
    record_purchase(book[1], items=[Item("Tulips", 1, 400)], at=at + timedelta(days=1), reference="R-7")
    till = tmp_path / "till.csv"  # (a till's receipt with a discount line, as its import keeps it)
    day = (at + timedelta(days=3)).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    till.write_text(f"Date,Receipt,Email,Item,Quantity,Unit price\n{day},T-1,zoe@example.com,Vase,1,30.00\n"
                    f"{day},T-1,zoe@example.com,Rabatt 10 %,1,-3.00\n", encoding="utf-8")
    assert import_purchases(till, PurchaseImportOptions()).created == 1
    record_purchase(book[3], total_minor=12000, at=at + timedelta(days=4), reference="INV-3", status="partly_paid",
                    paid_minor=5000, due_on=(at + timedelta(days=30)).date())
    lost = record_purchase(book[3], total_minor=8000, at=at + timedelta(days=5), reference="INV-4",
                           status="partly_paid", paid_minor=1500)
    write_off(lost.purchase_id, at=at + timedelta(days=35))
    record_purchase(None, total_minor=990, currency="EUR", at=at + timedelta(days=6))
    record_purchase(book[4], total_minor=1200, currency="JPY", at=at + timedelta(days=7), payment_method="Cash")
    before, points = _purchases_as_kept(), _points_by_customer()
    contacts_file, purchases_file = tmp_path / "contacts.csv", tmp_path / "purchases.csv"
    export.export_contacts(contacts_file, book)
    assert export.export_purchases(purchases_file).rows == 10  # purchases and refunds, not the file's rows

    fresh_database(tmp_path, "other.sqlite")
    import_contacts(contacts_file)
    result = import_purchases(purchases_file, PurchaseImportOptions())
    assert (result.created, result.refunds, result.rejected, result.skipped) == (10, 2, 0, 0)
    assert _purchases_as_kept() == before
    # and the points each customer holds (the written-off sale's on what was paid of it)
    assert _points_by_customer() == points and points[str(book[3])] == 120 + 15
    again = import_purchases(purchases_file, PurchaseImportOptions())
    assert (again.created, again.skipped) == (0, 10)


def test_the_hour_a_clock_goes_back_is_written_with_its_offset_and_read_back_once(book, tmp_path):
    """Berlin's clocks go back from 03:00 to 02:00 on 25 October 2026: two sales at 02:30, an hour apart."""
    with time_zone("Europe/Berlin"):
        for hour, total in ((0, 1000), (1, 2000)):
            record_purchase(book[0], total_minor=total, at=datetime(2026, 10, 25, hour, 30, tzinfo=timezone.utc))
        out = tmp_path / "october.csv"
        export.export_purchases(out)
        assert [row["Date"] for row in read_csv(out)] == ["2026-10-25 02:30:00 +02:00", "2026-10-25 02:30:00 +01:00"]
        again = import_purchases(out, PurchaseImportOptions())
        assert (again.created, again.skipped) == (0, 2)  # (the same book: both there already)
    with time_zone("America/New_York"):  # (another book, on a computer six hours behind)
        contacts_file = tmp_path / "contacts.csv"
        export.export_contacts(contacts_file, book)
        fresh_database(tmp_path, "other.sqlite")
        import_contacts(contacts_file)
        assert import_purchases(out, PurchaseImportOptions()).created == 2
        from smallcrm.store.models import Purchase

        assert sorted(p.occurred_at for p in Purchase.select()) == [
            datetime(2026, 10, 25, 0, 30, tzinfo=timezone.utc), datetime(2026, 10, 25, 1, 30, tzinfo=timezone.utc)]


def test_an_export_cut_by_months_imports_back_with_each_refund_linked_to_its_sale_of_an_earlier_month(book, tmp_path):
    at = datetime(2025, 5, 20, 10, 0, tzinfo=timezone.utc)
    may = record_purchase(book[0], total_minor=3000, currency="EUR", at=at)
    other = record_purchase(book[1], total_minor=1200, currency="EUR", at=at + timedelta(days=2))
    refund_purchase(may.purchase_id, 1000, at=at + timedelta(days=14))  # (in June)
    refund_purchase(other.purchase_id, 200, at=at + timedelta(days=15))
    contacts_file, parts = tmp_path / "contacts.csv", [tmp_path / "may.csv", tmp_path / "june.csv"]
    export.export_contacts(contacts_file, book)
    export.export_purchases(parts[0], end=date(2025, 5, 31))
    export.export_purchases(parts[1], start=date(2025, 6, 1))
    from smallcrm.store.models import Purchase

    fresh_database(tmp_path, "june-alone.sqlite")  # (June's part alone: its refunds name sales it does not have)
    import_contacts(contacts_file)
    june = import_purchases(parts[1], PurchaseImportOptions())
    assert (june.refunds, june.warnings, june.warning_rows) == (
        2, [("refund_of_unknown", 2)], {"refund_of_unknown": [2, 3]})
    assert [p.refund_of_id for p in Purchase.select()] == [None, None]

    fresh_database(tmp_path, "other.sqlite")
    import_contacts(contacts_file)
    assert import_purchases(parts[0], PurchaseImportOptions()).created == 2
    june = import_purchases(parts[1], PurchaseImportOptions())
    assert (june.created, june.refunds, june.warnings) == (2, 2, [])
    sold = {p.total_minor: p.id for p in Purchase.select().where(Purchase.total_minor > 0)}
    assert sorted((p.total_minor, p.refund_of_id) for p in Purchase.select().where(Purchase.total_minor < 0)) == [
        (-1000, sold[3000]), (-200, sold[1200])]
    assert import_purchases(parts[1], PurchaseImportOptions()).created == 0  # (and again: nothing new)


def test_contacts_and_purchases_import_back_into_another_book(book, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "CHUNK", 2)  # purchases come a chunk at a time too
    at = datetime(2024, 5, 1, 10, 30, tzinfo=timezone.utc)
    sales = [record_purchase(book[n % 3], total_minor=1000 + n, currency="EUR", at=at.replace(day=n + 1),
                             reference=f"R-{n}") for n in range(5)]
    refund_purchase(sales[0].purchase_id, 400, at=at.replace(day=20))
    sales.append(record_purchase(book[1], total_minor=5000, currency="EUR", at=at.replace(day=21), reference="INV-9",
                                 status="due", due_on=date(2024, 8, 15)))
    wanted = sorted((purchase_json(s.purchase_id)["total_minor"], purchase_json(s.purchase_id)["contact_id"])
                    for s in sales)
    contacts_file, purchases_file = tmp_path / "contacts.csv", tmp_path / "purchases.csv"
    export.export_contacts(contacts_file, book)
    assert export.export_purchases(purchases_file).rows == 7

    fresh_database(tmp_path, "other.sqlite")
    import_contacts(contacts_file)
    result = import_purchases(purchases_file, PurchaseImportOptions(match="id"))
    assert (result.created, result.refunds, result.rejected) == (7, 1, 0)
    from smallcrm.store.models import Contact, Purchase

    old_id = {c.id: int(c.external_id) for c in Contact.select()}
    found = [(p.total_minor, old_id[p.contact_id], p.currency, p.reference) for p in Purchase.select()]
    assert sorted((total, contact) for total, contact, _, _ in found if total > 0) == wanted
    assert sorted(total for total, *_ in found if total < 0) == [-400]
    assert {reference for *_, reference in found if reference} == {f"R-{n}" for n in range(5)} | {"INV-9"}
    due = Purchase.get(Purchase.reference == "INV-9")  # still due, on the day it was due
    assert (due.status, due.paid_minor, due.due_on) == ("due", 0, date(2024, 8, 15))
