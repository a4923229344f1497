"""A phone's, a Mac's or a mail program's contacts saved as a vCard file (.vcf) import as a CSV list does:
every contact a customer, its phones and emails with their kinds, undone exactly, and nothing made twice."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import example, given, settings, strategies as st

from smallcrm.errors import ImportFileProblem
from smallcrm.services.contacts import contact_ids, get_contact
from smallcrm.services.importing import contacts_import as ci, mapping, purchases_import as pi, reader, vcards
from tests.unit.test_import_undo import snapshot

# An older Android phone's export: vCard 2.1, names in quoted-printable UTF-8 (a long note over two lines),
# kinds as bare parameters.
ANDROID = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller\r\n"
    "TEL;CELL:+49 151 23456789\r\nTEL;HOME;VOICE:030 1234567\r\nEMAIL;HOME:juergen@example.de\r\n"
    "ADR;HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;;Hauptstra=C3=9Fe 5;Berlin;;10115;Deutschland\r\n"
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Kommt immer samstags, m=C3=B6chte =\r\nBrot vorbestellen\r\n"
    "END:VCARD\r\n"
)
# An iPhone's: vCard 3.0, TYPE lists, an Apple label on a grouped number, a birthday without its year, a photo.
IPHONE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.0//EN\r\n"
    "N:Dupont;Marie;;Mme;\r\nFN:Marie Dupont\r\nORG:Boulangerie Dupont;Ventes\r\nTITLE:Gérante\r\n"
    "EMAIL;type=INTERNET;type=WORK;type=pref:marie@boulangerie.fr\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:06 12 34 56 78\r\n"
    "TEL;type=WORK;type=FAX:01 23 45 67 89\r\n"
    "item1.TEL:07 81 22 33 44\r\nitem1.X-ABLabel:Boutique\r\n"
    "BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-03\r\nCATEGORIES:VIP,Habitués\r\n"
    "NOTE:Aime les croissants\\, pas le pain\\nSans gluten\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\n"  # (cut short: it must stop nothing)
    "END:VCARD\r\n"
)
# vCard 4.0: a tel: link, a year-less birthday of its own form, a web page, an anniversary.
V4 = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Sophie Martin\r\nN:Martin;Sophie;;;\r\n"
    'TEL;VALUE=uri;TYPE="cell,voice":tel:+33-6-98-76-54-32\r\n'
    "EMAIL;TYPE=home;PREF=1:sophie@exemple.fr\r\nEMAIL;TYPE=work:s.martin@bureau.fr\r\n"
    "BDAY:--1224\r\nANNIVERSARY:20090808\r\nURL:https://sophie.example\r\n"
    "ADR;TYPE=work:;;1 place du Marché;Lyon;;69001;France\r\n"
    "ADR;TYPE=home:;;12 rue de la Paix;Paris;;75002;France\r\n"
    "END:VCARD\r\n"
)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def card(text: str) -> dict[str, str]:
    """The one card of a vCard text, as the row it is read as: its non-empty cells by column name."""
    lines = text.splitlines(keepends=True)
    (found,) = vcards.cards(lines)
    shape, _ = vcards.shape(lines, 10)
    return {name: value for name, value in zip(vcards.header(shape), vcards.row(found, shape)) if value}


def test_an_android_card_of_quoted_printable_text_is_read_letter_for_letter():
    assert card(ANDROID) == {
        "Name": "Jürgen Müller", "First Name": "Jürgen", "Last Name": "Müller",
        "Notes": "Kommt immer samstags, möchte Brot vorbestellen",
        "E-mail 1 - Label": "Home", "E-mail 1 - Value": "juergen@example.de",
        "Phone 1 - Label": "Mobile", "Phone 1 - Value": "+49 151 23456789",
        "Phone 2 - Label": "Home", "Phone 2 - Value": "030 1234567",
        "Address 1 - Label": "Home", "Address 1 - Street": "Hauptstraße 5", "Address 1 - City": "Berlin",
        "Address 1 - Postal Code": "10115", "Address 1 - Country": "Deutschland"}


def test_an_iphone_card_keeps_its_labels_and_a_birthday_without_a_year_and_leaves_the_photo_out():
    row = card(IPHONE)
    assert (row["Phone 1 - Label"], row["Phone 1 - Value"]) == ("Mobile", "06 12 34 56 78")
    assert (row["Phone 2 - Label"], row["Phone 3 - Label"]) == ("Work Fax", "Boutique")
    assert row["Birthday"] == "--04-03"
    assert row["Labels"] == "VIP ::: Habitués"
    assert row["Notes"] == "Aime les croissants, pas le pain\nSans gluten"
    assert (row["Organization Name"], row["Organization Department"], row["Organization Title"]) == (
        "Boulangerie Dupont", "Ventes", "Gérante")
    assert not any("/9j/" in value for value in row.values())


def test_a_vcard_4_card_puts_the_preferred_email_and_the_home_address_first():
    row = card(V4)
    assert row["E-mail 1 - Value"] == "sophie@exemple.fr" and row["E-mail 2 - Value"] == "s.martin@bureau.fr"
    assert (row["Address 1 - Label"], row["Address 1 - City"], row["Address 2 - City"]) == ("Home", "Paris", "Lyon")
    assert (row["Phone 1 - Label"], row["Phone 1 - Value"]) == ("Mobile", "tel:+33-6-98-76-54-32")
    assert (row["Birthday"], row["Event 1 - Value"]) == ("--12-24", "2009-08-08")


def test_a_card_without_its_end_ends_where_the_next_begins_and_a_line_of_no_property_is_counted():
    text = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\n"
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Stone\r\nthis line is no property\r\nEND:VCARD\r\n")
    found = list(vcards.cards(text.splitlines(keepends=True)))
    assert [(c.properties[0].value, c.unreadable) for c in found] == [("Ann Lee", 0), ("Bob Stone", 1)]


def test_the_vcard_preset_is_the_layout_a_card_is_read_as():
    assert list(mapping.PRESETS["vcard"].headers) == vcards.header(vcards.Shape())
    wide = vcards.header(vcards.Shape(emails=3, phones=5, addresses=2))
    assert mapping.detect_preset(wide) == "vcard"
    fields = dict(zip(wide, mapping.auto_map(wide)))
    assert fields["Name"] == "full_name" and fields["Phone 5 - Value"] == "phone" and fields["E-mail 3 - Value"] == (
        "email")
    assert fields["Address 1 - City"] == "city" and fields["Address 2 - City"] == "note"


@pytest.fixture
def contacts_file(tmp_path) -> Path:
    return write(tmp_path / "Contacts.vcf", ANDROID + IPHONE + V4)


def test_a_vcard_file_is_read_as_a_table_of_its_contacts(contacts_file):
    dialect = reader.sniff(contacts_file)
    assert dialect.vcard == vcards.Shape(emails=2, phones=3, addresses=2, websites=1)  # (Marie's phones, Sophie's)
    assert reader.separator(dialect) is None
    rows = list(reader.read_rows(contacts_file, dialect))
    assert [number for number, _ in rows] == [1, 2, 3]  # (numbered as contacts: the first is 1)
    assert all(len(cells) == len(reader.read_header(contacts_file, dialect)) for _, cells in rows)


def test_importing_a_phones_contacts_stores_each_as_a_customer(db, contacts_file):
    result = ci.import_contacts(contacts_file, ci.ImportOptions(region="FR"))
    assert (result.created, result.rejected, result.preset, result.delimiter) == (3, 0, "vcard", None)
    people = {c.last_name: c for c in map(get_contact, contact_ids())}
    juergen, marie, sophie = people["Müller"], people["Dupont"], people["Martin"]
    assert (juergen.first_name, juergen.street, juergen.city) == ("Jürgen", "Hauptstraße 5", "Berlin")
    assert [(p.e164, p.label) for p in juergen.phones] == [("+4915123456789", "mobile"), ("+49301234567", "home")]
    assert (marie.company, marie.birthday, sorted(marie.tags)) == ("Boulangerie Dupont", "--04-03", ["Habitués", "VIP"])
    assert [(p.e164, p.label) for p in marie.phones] == [("+33612345678", "mobile"), ("+33781223344", "Boutique")]
    assert "Work Fax: 01 23 45 67 89" in marie.notes  # (a fax is no number to call)
    assert (sophie.emails, sophie.email_labels) == (["sophie@exemple.fr", "s.martin@bureau.fr"], ["home", "work"])
    assert (sophie.city, sophie.birthday) == ("Paris", "--12-24")
    # her work address in one line, named by its kind
    assert "Work address: 1 place du Marché, 69001 Lyon, France" in sophie.notes.splitlines()
    assert "Website: https://sophie.example" in sophie.notes.splitlines()


def test_a_vcard_import_again_with_skip_creates_nothing_and_undo_leaves_the_book_as_it_was(db, contacts_file):
    before = snapshot()
    first = ci.import_contacts(contacts_file, ci.ImportOptions(region="FR"))
    again = ci.import_contacts(contacts_file, ci.ImportOptions(region="FR", on_duplicate="skip"))
    assert (again.created, again.skipped, again.batch) == (0, 3, None)
    ci.undo_import(first.batch)
    assert snapshot() == before


def test_a_vcard_file_in_windows_1252_keeps_its_accents(db, tmp_path):
    path = write(tmp_path / "old.vcf", "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Weiß;Ännchen\r\nTEL;CELL:0170 1234567\r\n"
                                       "END:VCARD\r\n", "cp1252")
    ci.import_contacts(path, ci.ImportOptions(region="DE"))
    (contact,) = map(get_contact, contact_ids())
    assert (contact.first_name, contact.last_name, contact.phones[0].e164) == ("Ännchen", "Weiß", "+491701234567")


def test_a_vcard_file_of_empty_cards_is_said_to_hold_no_contacts(db, tmp_path):
    path = write(tmp_path / "empty.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n")
    with pytest.raises(ImportFileProblem) as found:
        ci.import_contacts(path, ci.ImportOptions())
    assert (found.value.reason, found.value.detail) == ("empty", reader.NO_CONTACTS)
    assert list(contact_ids()) == []


def test_a_vcard_file_given_as_sales_is_refused_saying_it_holds_contacts(db, contacts_file):
    with pytest.raises(ImportFileProblem) as found:
        pi.import_purchases(contacts_file, pi.PurchaseImportOptions())
    assert found.value.reason == "contacts_file"


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(st.one_of(_TEXT, st.sampled_from(
    ["BEGIN:VCARD", "END:VCARD", "N:a;b", "TEL;CELL:1", "item1.TEL:2", "EMAIL:a@b.fr", "ADR:;;a;b", "URL:x",
     "NOTE;ENCODING=QUOTED-PRINTABLE:a=", "TEL;ENCODING=QUOTED-PRINTABLE:3=", "FN:=C3", " folded"])), max_size=30))
@example(lines=["BEGIN:VCARD", "TEL;ENCODING=QUOTED-PRINTABLE:3=", "BEGIN:VCARD", "TEL;CELL:1"])  # (one card)
def test_any_lines_are_read_as_cards_each_filling_the_columns_the_quick_look_found(lines):
    lines = [line + "\r\n" for line in lines]
    shape, count = vcards.shape(lines, 100)
    found = list(vcards.cards(lines))
    assert len(found) <= count + 1  # (lines before the first BEGIN:VCARD are no card)
    width = len(vcards.header(shape))
    for card_ in found:
        row = vcards.row(card_, shape)
        assert len(row) == width
        assert not any(value.startswith(("Phone: ", "E-mail: ", "Address: ", "Website: ")) for value in
                       row[vcards.NAME_COLUMNS.index("Notes")].splitlines())  # (each in a column of its own)


def test_a_number_beyond_a_tables_columns_is_kept_in_the_notes():
    (found,) = vcards.cards(["BEGIN:VCARD\r\n", "TEL:1\r\n", "TEL:2\r\n", "END:VCARD\r\n"])
    row = dict(zip(vcards.header(vcards.Shape()), vcards.row(found, vcards.Shape())))
    assert (row["Phone 1 - Value"], row["Notes"]) == ("1", "Phone: 2")


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_customers_exported_as_vcards_come_back_as_they_were(tmp_path, version):
    """smallcrm's own vCards (File ▸ Export, for a phone): imported into an empty book, every field kept."""
    from smallcrm.services import export
    from smallcrm.services.contacts import ContactInput, add_contact
    from smallcrm.store.db import close_database, open_database

    def book() -> list[tuple]:
        found = [get_contact(i) for i in contact_ids()]
        return sorted((c.first_name, c.last_name, c.company, c.emails, c.email_labels,
                       [(p.e164, p.label) for p in c.phones], c.street, c.postal_code, c.city, c.country,
                       c.birthday, sorted(c.tags), c.notes, c.email_consent, c.sms_consent, c.email_consent_source,
                       c.sms_consent_source, c.email_consent_at, c.sms_consent_at)
                      for c in found)

    open_database(tmp_path / "shop.sqlite")
    add_contact(ContactInput(first_name="Zoë", last_name="Lefèvre", emails=["zoe@exemple.fr", "zl@bureau.fr"],
                             email_labels=["home", "work"], phones=["+33 6 12 34 56 78", "+33 1 23 45 67 89 ext. 12"],
                             phone_labels=["mobile", "Boutique"], street="12 rue de la Paix", postal_code="75002",
                             city="Paris", country="France", birthday="--12-24", tags=["VIP", "Habitués"],
                             notes="Sans gluten, merci\nLivraison le mardi", email_consent=True,
                             email_consent_source="carte signée en boutique",
                             email_consent_at=datetime(2024, 3, 1, 9, 30, 5, tzinfo=timezone.utc)), welcome=False)
    add_contact(ContactInput(first_name="山田", last_name="太郎", phones=["+81 90 1234 5678"], birthday="1985-04-03",
                             sms_consent=True, sms_consent_source="web form",
                             sms_consent_at=datetime(2023, 11, 5, 18, 0, tzinfo=timezone.utc)), welcome=False)
    add_contact(ContactInput(company="Cy & Co", emails=["hello@cy.example"]), welcome=False)
    before = book()
    path = tmp_path / "customers.vcf"
    export.export_contacts(path, contact_ids(), vcard_version=version)
    close_database()
    open_database(tmp_path / "phone.sqlite")
    result = ci.import_contacts(path, ci.ImportOptions(region="FR"))
    assert (result.created, result.rejected) == (3, 0)
    assert book() == before
    close_database()


def test_a_nul_character_in_a_vcard_file_is_removed_and_counted(tmp_path):
    path = write(tmp_path / "nul.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\x00 Lee\r\nEND:VCARD\r\n")
    with reader.read_rows(path, reader.sniff(path)) as rows:
        ((number, cells),) = list(rows)
        assert (number, cells[0]) == (1, "Ann Lee")  # (its first contact)
        assert rows.warnings == [("nul_characters", 1)]
