"""Undo of an import puts the database back exactly as it was: created contacts gone, updated ones
restored field by field (emails, phones and tags too), and it refuses rather than lose later work."""

from __future__ import annotations

import csv
from datetime import datetime, timezone
from pathlib import Path

import pytest

from smallcrm.errors import InvalidValue, NotAllowed, NotFound
from smallcrm.services import activity, purchases
from smallcrm.services.contacts import ContactInput, add_contact, contact_ids, get_contact, update_contact
from smallcrm.services.importing import contacts_import as ci
from smallcrm.store.models import database

HEADER = ["First Name", "Last Name", "Company", "Email", "Phone", "City", "Postal Code", "Birthday", "Tags", "Notes"]
BOOKKEEPING = ("import_batch", "import_change")


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(header)
        out.writerows(rows)
    return path


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table (the import bookkeeping and the search index's own storage aside), and
    what the search index holds."""
    names = [r[0] for r in database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'contact_fts%'"
        " AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    tables = {name: sorted(database.execute_sql(f"SELECT * FROM {name}").fetchall(), key=repr)
              for name in names if name not in BOOKKEEPING}
    tables["contact_fts"] = sorted(database.execute_sql("SELECT rowid, * FROM contact_fts").fetchall(), key=repr)
    tables["schema"] = sorted(database.execute_sql("SELECT type, name, sql FROM sqlite_master").fetchall(), key=repr)
    return tables


AT = datetime(2024, 3, 1, 10, 0, tzinfo=timezone.utc)


@pytest.fixture
def shop(db):
    """A shop with customers, their emails (with labels), phones, tags, a purchase and a call."""
    ann = add_contact(ContactInput(first_name="Ann", last_name="Lee", emails=["ann@example.com", "ann@work.example"],
                                   phones=["+33 6 12 34 56 78"], city="Paris", tags=["VIP"],
                                   email_consent=True, email_consent_at=AT), welcome=False)
    database.execute_sql("UPDATE contact_email SET label = 'home' WHERE contact_id = ?", (ann,))
    bob = add_contact(ContactInput(first_name="Bob", last_name="Stone", phones=["+44 20 7946 0958"], city="",
                                   postal_code="", notes="Prefers calls"), welcome=False)
    cy = add_contact(ContactInput(company="Cy & Co", emails=["hello@cy.example"], city="Lyon", tags=["wholesale"]),
                     welcome=False)
    purchases.record_purchase(ann, total_minor=2500, currency="EUR", at=AT)
    activity.log_interaction(bob, "call", direction="in", at=AT, summary="Asked about gifts")
    return {"ann": ann, "bob": bob, "cy": cy}


def updates_file(tmp_path) -> Path:
    return write_csv(tmp_path / "update.csv", [
        # Ann, by email: a new phone, a new tag, a company, a city that differs
        ["Ann", "Lee", "Lee Design", "ANN@example.com", "+33 7 81 23 45 67", "Lyon", "69001", "14/07/1985",
         "newsletter", "Met at the fair"],
        # Bob, by phone: an email, a city, a postal code
        ["Robert", "Stone", "", "bob@example.com", "+44 20 7946 0958", "London", "SW1A 1AA", "", "", ""],
        # Cy & Co, by email: a tag that exists with another case, and a phone
        ["", "", "Cy and Co", "hello@cy.example", "+33 4 72 00 00 00", "Lyon", "", "", "WHOLESALE ::: new tag", ""],
        # new people, one twice
        ["Dan", "Brown", "", "dan@example.com", "", "Leeds", "", "01/02/1970", "newsletter", ""],
        ["Dan", "Brown", "", "DAN@example.com", "+44 113 496 0000", "Leeds", "", "", "", "second row"],
        ["Eve", "Adams", "", "", "", "", "", "", "", ""],
    ])


@pytest.mark.parametrize("policy", ["create", "fill", "overwrite", "skip"])
def test_undo_puts_the_database_back_exactly(shop, tmp_path, policy):
    before = snapshot()
    result = ci.import_contacts(updates_file(tmp_path), ci.ImportOptions(region="FR", on_duplicate=policy))
    after_import = snapshot()
    assert after_import != before
    # (Dan's second row is joined to Dan, whom his first row creates: neither created nor updated; by "skip" too,
    # which leaves alone the customers in the book, not the one the file adds)
    expected = {"create": (6, 0, 0, 0), "fill": (2, 3, 0, 1), "overwrite": (2, 3, 0, 1), "skip": (2, 0, 3, 1)}[policy]
    assert (result.created, result.updated, result.skipped, result.joined) == expected

    undone = ci.undo_import(result.batch)  # what it says it puts back is what the import said it changed
    assert (undone.contacts_removed, undone.contacts_restored) == expected[:2]
    assert snapshot() == before
    with pytest.raises(NotAllowed, match="already undone"):
        ci.undo_import(result.batch)
    batch = ci.list_imports()[0]
    assert batch.id == result.batch and batch.undone_at is not None


@pytest.mark.parametrize("policy", ["fill", "overwrite"])
def test_the_kind_of_number_a_file_gives_a_known_number_is_put_back_by_undo(shop, tmp_path, policy):
    database.execute_sql("UPDATE contact_phone SET label = 'home' WHERE contact_id = ?", (shop["ann"],))
    before = snapshot()
    path = write_csv(tmp_path / "labels.csv", [["Ann", "Lee", "+33 6 12 34 56 78", "Mobile"],
                                               ["Bob", "Stone", "+44 20 7946 0958", "Work"]],
                     header=["First Name", "Last Name", "Phone", "Phone Type"])
    result = ci.import_contacts(path, ci.ImportOptions(region="FR", on_duplicate=policy))
    labels = [[p.label for p in get_contact(shop[name]).phones] for name in ("ann", "bob")]
    # "fill" gives a label to a number without one, "overwrite" to every number the file names
    assert labels == [["mobile" if policy == "overwrite" else "home"], ["work"]]
    assert (result.created, result.updated) == (0, 2 if policy == "overwrite" else 1)
    ci.undo_import(result.batch)
    assert snapshot() == before


@pytest.mark.parametrize("policy", ["fill", "overwrite"])
def test_the_kind_of_address_a_file_gives_a_known_email_is_put_back_by_undo(shop, tmp_path, policy):
    before = snapshot()  # (Ann's two addresses are labelled "home", Cy's has no label)
    path = write_csv(tmp_path / "labels.csv", [["Ann", "Lee", "", "ann@work.example", "Work"],
                                               ["", "", "Cy & Co", "hello@cy.example ::: orders@cy.example",
                                                "* Work ::: Shop orders"]],
                     header=["First Name", "Last Name", "Company", "E-mail 1 - Value", "E-mail 1 - Label"])
    result = ci.import_contacts(path, ci.ImportOptions(region="FR", on_duplicate=policy))
    ann = get_contact(shop["ann"])
    assert dict(zip(ann.emails, ann.email_labels)) == {
        "ann@example.com": "home", "ann@work.example": "work" if policy == "overwrite" else "home"}
    cy = get_contact(shop["cy"])
    assert (cy.emails, cy.email_labels) == (["hello@cy.example", "orders@cy.example"], ["work", "Shop orders"])
    ci.undo_import(result.batch)
    assert snapshot() == before


@pytest.mark.parametrize("policy", ["skip", "fill"])
def test_tags_for_the_import_go_to_every_customer_it_adds_or_changes(shop, tmp_path, policy):
    before = snapshot()
    options = ci.ImportOptions(region="FR", on_duplicate=policy, tags=[" Spring  fair ", "vip", "", "VIP"])
    assert ci.import_tags(options) == ["Spring fair", "vip"]
    result = ci.import_contacts(updates_file(tmp_path), options)
    assert (result.created, result.updated, result.skipped, result.joined) == (
        (2, 3, 0, 1) if policy == "fill" else (2, 0, 3, 1))
    dan, eve = contact_ids("dan")[0], contact_ids("eve")[0]
    # "vip" is the book's "VIP": the tag is not made twice, and Ann, who has it, does not get it again
    assert get_contact(eve).tags == ["Spring fair", "VIP"]
    assert get_contact(dan).tags == ["newsletter", "Spring fair", "VIP"]  # (and the file's own)
    assert get_contact(shop["ann"]).tags == (["newsletter", "Spring fair", "VIP"] if policy == "fill" else ["VIP"])
    assert get_contact(shop["bob"]).tags == (["Spring fair", "VIP"] if policy == "fill" else [])
    assert [r[0] for r in database.execute_sql("SELECT name FROM tag WHERE name LIKE '%vip%'")] == ["VIP"]
    assert ci.list_imports()[0].id == result.batch

    again = ci.import_contacts(updates_file(tmp_path), ci.ImportOptions(region="FR", on_duplicate="fill",
                                                                      tags=["spring fair"]))
    assert (again.created, again.updated) == (0, 0 if policy == "fill" else 3)  # (the rows skipped before)
    if policy == "fill":
        assert again.batch is None  # (it changed nothing: there is no import to list or undo)
    else:
        ci.undo_import(again.batch)
    ci.undo_import(result.batch)
    assert snapshot() == before  # "Spring fair" is gone with the customers that had it


def test_a_tag_two_imports_gave_goes_once_both_are_undone_in_the_order_they_were_made(shop, tmp_path):
    before = snapshot()
    header = ["First Name", "Last Name", "Email"]
    first = ci.import_contacts(write_csv(tmp_path / "1.csv", [["Inès", "Moreau", "ines@example.fr"]], header),
                               ci.ImportOptions(tags=["Fidèle"]))
    second = ci.import_contacts(write_csv(tmp_path / "2.csv", [["Hugo", "Lambert", "hugo@example.fr"]], header),
                                ci.ImportOptions(tags=["FIDÈLE"]))
    assert [r[0] for r in database.execute_sql("SELECT name FROM tag WHERE name_key = 'fidèle'")] == ["Fidèle"]
    ci.undo_import(first.batch)  # (Hugo, of the second, still has the tag the first made)
    assert get_contact(contact_ids("hugo")[0]).tags == ["Fidèle"]
    ci.undo_import(second.batch)
    assert snapshot() == before


def test_a_tag_for_the_import_is_checked_before_the_file_is_read(db, tmp_path):
    with pytest.raises(InvalidValue) as caught:
        ci.plan_contacts_import(tmp_path / "not there.csv", ci.ImportOptions(tags=["x" * 61]))
    assert (caught.value.field, caught.value.problem) == ("tag", "too_long")


def test_fill_only_fills_and_overwrite_replaces(shop, tmp_path):
    ci.import_contacts(updates_file(tmp_path), ci.ImportOptions(region="FR", on_duplicate="fill"))
    ann = get_contact(shop["ann"])
    # Lyon's postal code is not put with Ann's Paris: the file's address is another one
    assert (ann.city, ann.company, ann.postal_code, ann.birthday) == ("Paris", "Lee Design", "", "1985-07-14")
    assert ann.emails == ["ann@example.com", "ann@work.example"]
    assert [p.e164 for p in ann.phones] == ["+33612345678", "+33781234567"]
    assert ann.tags == ["newsletter", "VIP"] and ann.notes == "Met at the fair"
    bob = get_contact(shop["bob"])
    assert (bob.first_name, bob.city, bob.emails) == ("Bob", "London", ["bob@example.com"])
    cy = get_contact(shop["cy"])
    assert cy.tags == ["new tag", "wholesale"]
    dan = get_contact(contact_ids("dan")[0])  # the second Dan row filled the first one's contact
    assert len(contact_ids("dan")) == 1 and [p.e164 for p in dan.phones] == ["+441134960000"]
    assert dan.notes == "second row"


def test_overwrite_puts_the_files_values_first_and_keeps_the_rest(shop, tmp_path):
    ci.import_contacts(updates_file(tmp_path), ci.ImportOptions(region="FR", on_duplicate="overwrite"))
    ann = get_contact(shop["ann"])
    assert (ann.city, ann.company, ann.notes) == ("Lyon", "Lee Design", "Met at the fair")
    assert [p.e164 for p in ann.phones] == ["+33781234567", "+33612345678"]
    assert ann.emails == ["ann@example.com", "ann@work.example"]
    assert ann.email_consent  # an import never withdraws consent
    assert get_contact(shop["bob"]).first_name == "Robert"
    assert set(contact_ids("lyon")) == {shop["ann"], shop["cy"]}  # the search index follows the new city


@pytest.mark.parametrize("policy", ["fill", "overwrite"])
def test_a_number_kept_as_typed_is_read_when_imported_again_with_its_country(shop, tmp_path, policy):
    """Imported first as a US shop's ("06 12 34 56 78" is no US number: kept as typed), then again as a French one:
    one number, now read, and not a second one beside it. Undo puts the number back as it was."""
    source = tmp_path / "eve.csv"
    source.write_text("First Name,Last Name,Email,Phone\nEve,Roy,eve@example.com,06.98.76.54.32\n", encoding="utf-8")
    ci.import_contacts(source, ci.ImportOptions(region="US"))
    (eve,) = contact_ids("eve")
    assert [(p.raw, p.e164) for p in get_contact(eve).phones] == [("06.98.76.54.32", None)]
    before = snapshot()
    source.write_text("First Name,Last Name,Email,Phone\nEve,Roy,eve@example.com,06 98 76 54 32\n", encoding="utf-8")
    result = ci.import_contacts(source, ci.ImportOptions(region="FR", on_duplicate=policy))
    assert result.updated == 1
    assert [(p.raw, p.e164) for p in get_contact(eve).phones] == [("06.98.76.54.32", "+33698765432")]
    assert list(contact_ids("+33698765432")) == [eve]  # (found by the number read, as the search index has it)
    ci.undo_import(result.batch)
    assert snapshot() == before


@pytest.mark.parametrize(("policy", "file_address", "stored"), [
    # the same place, with more of it: the empty parts are filled
    ("fill", ("", "75011", "paris", ""), ("12 rue Oberkampf", "75011", "Paris", "France")),
    ("overwrite", ("", "75011", "paris", "FR"), ("12 rue Oberkampf", "75011", "paris", "FR")),
    # another place: never one part from the file beside another from the book
    ("fill", ("", "69001", "Lyon", ""), ("12 rue Oberkampf", "", "Paris", "France")),
    ("fill", ("3 quai Saint-Vincent", "", "", ""), ("12 rue Oberkampf", "", "Paris", "France")),
    ("fill", ("", "69001", "", ""), ("12 rue Oberkampf", "", "Paris", "France")),  # nothing in common: unknown
    ("fill", ("", "75011", "Paris", "Belgique"), ("12 rue Oberkampf", "", "Paris", "France")),
    ("overwrite", ("", "69001", "Lyon", ""), ("", "69001", "Lyon", "")),
    ("overwrite", ("3 quai Saint-Vincent", "69001", "Lyon", "France"), ("3 quai Saint-Vincent", "69001", "Lyon",
                                                                       "France")),
    # a country alone is a field as any other
    ("fill", ("", "", "", "Deutschland"), ("12 rue Oberkampf", "", "Paris", "France")),
    ("overwrite", ("", "", "", "Deutschland"), ("12 rue Oberkampf", "", "Paris", "Deutschland")),
])
def test_a_duplicates_address_is_taken_whole_or_not_at_all(db, tmp_path, policy, file_address, stored):
    zoe = add_contact(ContactInput(first_name="Zoë", last_name="Roux", emails=["zoe@example.fr"],
                                   street="12 rue Oberkampf", city="Paris", country="France"), welcome=False)
    street, postal_code, city, country = file_address
    source = write_csv(tmp_path / "moved.csv", [["Zoë", "Roux", "zoe@example.fr", street, postal_code, city, country]],
                       header=["First Name", "Last Name", "Email", "Street", "Postal Code", "City", "Country"])
    before = snapshot()
    result = ci.import_contacts(source, ci.ImportOptions(region="FR", on_duplicate=policy))
    found = get_contact(zoe)
    assert (found.street, found.postal_code, found.city, found.country) == stored
    assert result.updated == (0 if stored == ("12 rue Oberkampf", "", "Paris", "France") else 1)
    assert (result.batch is None) == (not result.updated)  # (an import that changed nothing is not recorded)
    if result.batch is not None:
        ci.undo_import(result.batch)
    assert snapshot() == before


@pytest.mark.parametrize("policy", ["fill", "overwrite"])
def test_a_duplicates_notes_are_added_to_the_customers_own(db, tmp_path, policy):
    ann = add_contact(ContactInput(first_name="Ann", last_name="Lee", emails=["ann@example.com"],
                                   notes="Allergic to nickel\nPhone: ask at the counter"), welcome=False)
    source = write_csv(tmp_path / "again.csv", [["Ann", "Lee", "", "ann@example.com", "ask at the counter", "", "",
                                                 "31/02/1980", "", "Met at the fair"]])
    before = snapshot()
    result = ci.import_contacts(source, ci.ImportOptions(region="FR", on_duplicate=policy))
    assert result.updated == 1
    assert get_contact(ann).notes.splitlines() == [
        "Allergic to nickel", "Phone: ask at the counter", "Met at the fair", "Birthday: 31/02/1980"]
    ci.undo_import(result.batch)
    assert snapshot() == before


def test_an_older_import_waits_for_the_newer_one_that_changed_its_contacts(shop, tmp_path):
    first = ci.import_contacts(write_csv(tmp_path / "a.csv", [["Fay", "Wong", "", "fay@example.com", "", "", "", "",
                                                               "", ""]]))
    second = ci.import_contacts(write_csv(tmp_path / "b.csv", [["Fay", "Wong", "", "fay@example.com", "", "Oslo",
                                                                "", "", "", ""]]),
                                ci.ImportOptions(on_duplicate="fill"))
    assert second.updated == 1
    with pytest.raises(NotAllowed, match=f"import {second.batch}") as caught:
        ci.undo_import(first.batch)
    assert f"undo import {second.batch} first" in caught.value.reason
    assert (caught.value.case, caught.value.later_batch) == ("later_import", second.batch)  # for the window's words
    ci.undo_import(second.batch)
    assert get_contact(contact_ids("fay")[0]).city == ""
    ci.undo_import(first.batch)
    assert list(contact_ids("fay")) == []


def test_undo_refuses_to_lose_a_later_edit_or_activity(shop, tmp_path):
    result = ci.import_contacts(write_csv(tmp_path / "a.csv", [
        ["Gus", "Grey", "", "gus@example.com", "", "", "", "", "", ""],
        ["Ann", "Lee", "", "ann@example.com", "", "", "", "", "", "Note from import"],
    ]), ci.ImportOptions(on_duplicate="fill"))
    gus = contact_ids("gus")[0]
    purchases.record_purchase(gus, total_minor=1000, currency="EUR", at=AT)
    with pytest.raises(NotAllowed, match=f"contact {gus}.*purchases") as caught:
        ci.undo_import(result.batch)
    assert (caught.value.case, caught.value.contact_id, caught.value.has) == ("contact_has", gus, "purchases")
    database.execute_sql("DELETE FROM points_entry WHERE contact_id = ?", (gus,))
    database.execute_sql("DELETE FROM purchase WHERE contact_id = ?", (gus,))
    ci.undo_import(result.batch)  # nothing of its own any more: fine


def test_undo_refuses_after_a_hand_edit(shop, tmp_path):
    result = ci.import_contacts(write_csv(tmp_path / "a.csv", [
        ["Ann", "Lee", "", "ann@example.com", "", "", "", "", "", "Note from import"]]),
        ci.ImportOptions(on_duplicate="fill"))
    database.execute_sql("UPDATE contact SET updated_at = '2099-01-01T00:00:00Z' WHERE id = ?", (shop["ann"],))
    with pytest.raises(NotAllowed, match=f"contact {shop['ann']} was changed after import") as caught:
        ci.undo_import(result.batch)
    assert (caught.value.case, caught.value.contact_id) == ("contact_changed", shop["ann"])


@pytest.mark.parametrize("edit", ["form", "tag", "untag", "referrer"])
def test_an_edit_in_the_same_second_as_the_import_stops_its_undo(shop, tmp_path, monkeypatch, edit):
    """Times are kept to the second: an edit made in the second the import ran is still told from it."""
    from smallcrm.services import contacts, referrals
    from smallcrm.store import fields

    result = ci.import_contacts(write_csv(tmp_path / "a.csv", [
        ["Hal", "Hart", "", "hal@example.com", "", "", "", "", "", ""]]), ci.ImportOptions(tags=["Fair"]))
    hal = contact_ids("hal")[0]
    started = ci.list_imports()[0].started_at
    monkeypatch.setattr(fields, "utc_now", lambda: fields.from_utc_text(started))  # (the same second)
    {"form": lambda: update_contact(hal, ContactInput(first_name="Hal", last_name="Hart", city="Bath")),
     "tag": lambda: contacts.tag_contacts([hal], "VIP"), "untag": lambda: contacts.untag_contacts([hal], "Fair"),
     "referrer": lambda: referrals.set_referrer(hal, shop["ann"])}[edit]()
    with pytest.raises(NotAllowed, match=f"contact {hal} was changed after import"):
        ci.undo_import(result.batch)


def test_undoing_an_unknown_import(db):
    with pytest.raises(NotFound):
        ci.undo_import(99)


def test_a_large_undo_takes_the_bulk_path_and_still_restores_exactly(shop, tmp_path, monkeypatch):
    monkeypatch.setattr(ci, "BULK_MIN", 3)
    monkeypatch.setattr(ci, "CHUNK", 2)
    before = snapshot()
    rows = [[f"P{i}", "Q", "", f"p{i}@example.com", "", "Rome", "", "", "tag{i % 2}", ""] for i in range(7)]
    rows.append(["Ann", "Lee", "", "ann@example.com", "", "Rome", "", "", "", ""])
    result = ci.import_contacts(write_csv(tmp_path / "many.csv", rows), ci.ImportOptions(on_duplicate="overwrite"))
    assert (result.created, result.updated) == (7, 1)
    assert len(contact_ids("rome")) == 8
    ci.undo_import(result.batch)
    assert snapshot() == before
