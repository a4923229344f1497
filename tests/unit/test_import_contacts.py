"""Importing contacts: a dry run that writes nothing, one transaction that lands whole or not at all,
duplicates skipped on a second run, rejected rows with the facts, and the bulk path's search index."""

from __future__ import annotations

import csv
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings, strategies as st

from smallcrm.errors import ImportFileProblem, ValidationFailed
from smallcrm.services import contacts, export
from smallcrm.services.contacts import ContactInput, add_contact, clean_contact, contact_ids, get_contact
from smallcrm.services.importing import cleaning, contacts_import as ci, mapping
from smallcrm.services.importing.cleaning import Reject
from smallcrm.services.loyalty import LoyaltyRules, points_balance, set_rules
from smallcrm.store.models import Contact, ImportBatch, ImportChange, database

HEADER = ["First Name", "Last Name", "Company", "Email", "Phone", "City", "Postal Code", "Birthday", "Tags", "Notes"]


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER, encoding: str = "utf-8") -> Path:
    with open(path, "w", encoding=encoding, newline="") as f:
        out = csv.writer(f)
        out.writerow(header)
        out.writerows(rows)
    return path


def people(n: int, start: int = 0) -> list[list[str]]:
    return [[f"First{i}", f"Last{i}", "", f"person{i}@example.com", f"+33 6 12 {i // 100 % 100:02d} {i % 100:02d} 00",
             "Paris", "75011", "", "", ""] for i in range(start, start + n)]


def count(table: str) -> int:
    return database.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def sample(tmp_path):
    return write_csv(tmp_path / "customers.csv", [
        ["Zoë", "Müller", "Café Zoë", "zoe@example.ch", "+41 44 123 45 67", "Zürich", "8001", "14/07/1985", "VIP",
         "Likes oat milk"],
        ["José", "Álvarez", "", "jose@example.es", "", "Sevilla", "41004", "29/02/1996", "coffee ::: VIP", ""],
        ["Bob", "", "", "not an email", "", "Leeds", "", "", "", ""],
        ["", "", "", "", "", "", "", "", "", ""],
        ["Ann", "Lee", "", "", "06 12 34 56 78", "Paris", "75011", "", "", ""],
    ])


def test_the_customers_of_an_import_are_those_it_added_or_changed_while_it_stands(db, sample, tmp_path):
    from smallcrm.errors import NotFound

    first = ci.import_contacts(sample, ci.ImportOptions(region="FR")).batch
    ann, jose, zoe = (contact_ids(name)[0] for name in ("Ann", "José", "Zoë"))
    assert ci.imported_customers(first) == [jose, ann, zoe]  # in name order: Álvarez, Lee, Müller
    again = write_csv(tmp_path / "more.csv", [["Ann", "Lee", "Lee & Co", "", "06 12 34 56 78", "", "", "", "", ""],
                                              ["Eve", "Adams", "", "eve@example.com", "", "", "", "", "", ""]])
    second = ci.import_contacts(again, ci.ImportOptions(region="FR", on_duplicate="fill")).batch
    eve = contact_ids("Eve")[0]
    assert ci.imported_customers(second) == [eve, ann]  # one added, one filled in; the others left alone
    contacts.delete_contacts([eve])
    assert ci.imported_customers(second) == [eve, ann]  # in the Trash: still one of its customers
    ci.undo_import(second)
    assert ci.imported_customers(second) == [] and ci.imported_customers(first) == [jose, ann, zoe]
    with pytest.raises(NotFound):
        ci.imported_customers(second + 1)


def test_a_dry_run_says_what_would_happen_and_writes_nothing(db, sample):
    plan = ci.plan_contacts_import(sample, ci.ImportOptions(region="FR"))
    assert plan.counts == {"create": 3, "update": 0, "join": 0, "skip": 0, "reject": 1}
    assert plan.rows == 4  # the blank row is not a row
    assert plan.dialect.delimiter == "," and plan.dialect.encoding == "utf-8"
    assert plan.fields[:4] == ["first_name", "last_name", "company", "email"]
    assert [p.action for p in plan.preview] == ["create", "create", "reject", "create"]
    reject = plan.preview[2].reject
    assert (reject.row, reject.column, reject.value) == (4, "Email", "not an email")
    assert plan.rejects == [reject]
    assert count("contact") == 0 and count("import_batch") == 0


def test_import_stores_every_field_in_one_batch_and_gives_no_welcome_points(db, sample):
    set_rules(LoyaltyRules(welcome_points=50))
    result = ci.import_contacts(sample, ci.ImportOptions(region="FR"))
    assert (result.created, result.updated, result.skipped, result.rejected) == (3, 0, 0, 1)
    assert (result.encoding, result.delimiter) == ("utf-8", ",")
    zoe = get_contact(contact_ids("zoe")[0])
    assert (zoe.first_name, zoe.last_name, zoe.company, zoe.city, zoe.postal_code) == (
        "Zoë", "Müller", "Café Zoë", "Zürich", "8001")
    assert zoe.emails == ["zoe@example.ch"] and zoe.phones[0].e164 == "+41441234567"
    assert zoe.birthday == "1985-07-14" and zoe.tags == ["VIP"] and zoe.notes == "Likes oat milk"
    jose = get_contact(contact_ids("jose")[0])
    assert jose.birthday == "1996-02-29" and sorted(jose.tags) == ["VIP", "coffee"]
    ann = get_contact(contact_ids("ann")[0])
    assert ann.phones[0].e164 == "+33612345678"  # read with the region given
    assert all(points_balance(c.id) == 0 for c in Contact.select())
    batch = ImportBatch.get_by_id(result.batch)
    assert (batch.kind, batch.file_name, batch.created, batch.rejected) == ("contacts", "customers.csv", 3, 1)
    assert batch.finished_at is not None and batch.undone_at is None
    assert ImportChange.select().where(ImportChange.batch == result.batch).count() == 3
    assert [b.id for b in ci.list_imports()] == [result.batch]


def test_importing_the_same_file_twice_with_skip_creates_nothing(db, sample):
    first = ci.import_contacts(sample, ci.ImportOptions(region="FR"))
    second = ci.import_contacts(sample, ci.ImportOptions(region="FR"))
    assert first.created == 3
    assert (second.created, second.updated, second.skipped, second.rejected) == (0, 0, 3, 1)
    assert count("contact") == 3
    third = ci.import_contacts(sample, ci.ImportOptions(region="FR", on_duplicate="fill"))
    assert (third.created, third.updated, third.skipped) == (0, 0, 3)  # nothing left to fill


def test_rejected_rows_are_written_as_a_guarded_csv(db, tmp_path):
    source = write_csv(tmp_path / "in.csv", [
        ["=HYPERLINK(1)", "Lee", "", "ann@@example.com", "", "", "", "", "", ""],
        ["", "", "", "", "call me", "Lyon", "", "", "", ""],
        ["Cy", "Young", "", "cy@example.com", "", "", "", "", "", ""],
    ])
    out = tmp_path / "rejects.csv"
    result = ci.import_contacts(source, ci.ImportOptions(), rejects_out=out)
    assert (result.created, result.rejected) == (1, 2)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows[0][:4] == ["Row", "Problem", "First Name", "Last Name"]
    assert [r[:4] for r in rows[1:]] == [["2", "invalid email (Email: ann@@example.com): The part after the @-sign "
                                          "contains invalid characters: '@'.", "'=HYPERLINK(1)", "Lee"],
                                         ["3", "invalid phone number (Phone: call me): a phone number has no "
                                          "letters", "", ""]]
    assert ci.guard("=1+1") == "'=1+1" and ci.guard("+33") == "'+33" and ci.guard("@x") == "'@x"
    assert ci.guard("-5") == "'-5" and ci.guard("\tx") == "'\tx" and ci.guard("\rx") == "'\rx"
    assert ci.guard("Ann") == "Ann" and ci.guard("") == ""


def test_a_row_too_long_to_keep_says_the_limit_once_and_which_column_made_it_so(db, tmp_path):
    long_notes = "x" * 100_001
    source = write_csv(tmp_path / "in.csv", [["Ann", "Lee", "", "", "", "", "", "", "", long_notes],
                                             ["B" * 201, "Lee", "", "", "", "", "", "", "", ""]])
    plan = ci.plan_contacts_import(source, ci.ImportOptions())
    assert [(r.row, r.column, r.value, ci.reject_words(r)) for r in plan.rejects] == [
        (2, "Notes", "x" * 60 + "…", "the notes are too long: at most 100,000 characters"),
        (3, "First Name", "B" * 201, "too long: at most 200 characters")]
    # many columns, none of them long, make notes too long: none of them is named
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(["First Name", *(f"C{i}" for i in range(20_000))]) + "\n"
                    + ",".join(["Ann", *["vvvvv"] * 20_000]) + "\n", encoding="utf-8")
    (reject,) = ci.plan_contacts_import(wide, ci.ImportOptions()).rejects
    assert (reject.column, reject.value, ci.reject_words(reject)) == (
        None, None, "the notes are too long: at most 100,000 characters")


def test_new_customers_named_after_their_email_or_phone_are_counted_not_those_already_in_the_book(db, tmp_path):
    add_contact(ContactInput(first_name="Ann", last_name="Lee", emails=["ann@example.com"]))
    source = write_csv(tmp_path / "guests.csv", [["", "", "", "guest4471@example.fr", "", "", "", "", "", ""],
                                                 ["", "", "", "", "+33 6 12 34 56 78", "", "", "", "", ""],
                                                 ["", "", "", "ann@example.com", "", "", "", "", "", ""]])
    plan = ci.plan_contacts_import(source, ci.ImportOptions(region="FR"))
    assert dict(plan.warnings) == {"named_after_email": 1, "named_after_phone": 1}  # (Ann keeps her name)


def test_a_row_with_a_letter_lost_before_the_import_in_a_name_is_rejected_not_garbled(db, tmp_path):
    """The last row of a file cut short in the middle of "é", and a name a program had already garbled ("�"): each is
    rejected, with its column, rather than stored as "LefÃ" or "Ren�e". One elsewhere (a city) is kept as written,
    and said; one in a column left out does not count."""
    source = tmp_path / "cut.csv"
    rows = [["Zoë", "Müller", "", "zoe@example.ch", "", "Z\ufffdrich", "", "", "", ""],
            ["Ren\ufffde", "Dubois", "", "renee@example.fr", "", "", "", "", "", ""],
            ["Ann", "Lee", "", "ann@example.com", "", "", "", "", "", "ignored \ufffd"]]
    write_csv(source, rows)
    source.write_bytes(source.read_bytes() + "Marie,Lef".encode() + "é".encode()[:1])
    options = ci.ImportOptions(overrides={9: "ignore"})  # (Notes)
    plan = ci.plan_contacts_import(source, options)
    assert plan.dialect.encoding == "utf-8"
    assert plan.warnings == [("cut_letter", 1), ("short_rows", 1), ("lost_letters", 1)]
    assert [(r.row, r.column, r.value, r.reason) for r in plan.rejects] == [
        (3, "First Name", "Ren\ufffde", cleaning.LOST_LETTER), (5, "Last Name", "Lef\ufffd", cleaning.LOST_LETTER)]
    result = ci.import_contacts(source, options)
    assert (result.created, result.rejected) == (2, 2)
    assert sorted((c.last_name, c.city) for c in Contact.select()) == [("Lee", ""), ("Müller", "Z\ufffdrich")]


def test_rejected_rows_are_written_as_the_file_has_them_to_correct_and_import_again(db, tmp_path):
    source = tmp_path / "clients.csv"
    source.write_bytes("Prénom;Nom;Courriel\r\nZoë;Lefèvre;zoe@exemple.fr\r\n=cmd|' /C calc'!A0;Núñez;@SUM(1)\r\n"
                       "Ana;Silva;pas-un-email\r\n".encode("cp1252"))
    out = tmp_path / "rejected.csv"
    plan = ci.plan_contacts_import(source)
    assert ci.write_rejects(plan.rejects, out, source, plan.dialect) == 2
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows == [["Row", "Problem", "Prénom", "Nom", "Courriel"],
                    ["3", "invalid email (Courriel: @SUM(1)): There must be something before the @-sign.",
                     "'=cmd|' /C calc'!A0", "Núñez", "'@SUM(1)"],
                    ["4", "invalid email (Courriel: pas-un-email): An email address must have an @-sign.", "Ana",
                     "Silva", "pas-un-email"]]
    rows[2][4] = "ana@exemple.pt"  # corrected in a spreadsheet, then imported
    out.write_text("\r\n".join(";".join(r) for r in rows[:1] + rows[2:]), encoding="utf-8-sig")
    again = ci.import_contacts(out)
    assert (again.created, again.rejected) == (1, 0)
    assert [get_contact(i).display_name for i in contact_ids("ana")] == ["Ana Silva"]


def test_a_failure_mid_import_leaves_nothing(db, tmp_path, monkeypatch):
    add_contact(ContactInput(first_name="First3", last_name="Kept", emails=["person3@example.com"]))
    source = write_csv(tmp_path / "big.csv", people(25))
    monkeypatch.setattr(ci, "CHUNK", 4)
    calls = []
    real = ci.Writer.create

    def failing(self, states):
        calls.append(len(states))
        if len(calls) == 3:
            raise sqlite3.OperationalError("disk I/O error")
        return real(self, states)

    monkeypatch.setattr(ci.Writer, "create", failing)
    with pytest.raises(sqlite3.OperationalError):
        ci.import_contacts(source, ci.ImportOptions(region="FR", on_duplicate="overwrite"))
    assert calls[:2] == [3, 4]  # two chunks were written before it failed (person3 was an update)
    assert count("contact") == 1 and count("contact_email") == 1 and count("import_batch") == 0
    assert count("import_change") == 0
    assert get_contact(1).last_name == "Kept"
    assert list(contact_ids("person3")) == [1]  # the search index was left as it was


def test_a_failure_in_the_bulk_path_leaves_the_search_triggers_in_place(db, tmp_path, monkeypatch):
    monkeypatch.setattr(ci, "CHUNK", 5)
    monkeypatch.setattr(ci, "BULK_MIN", 1)
    source = write_csv(tmp_path / "big.csv", people(12))
    real = ci.Writer.update

    def failing(self, states):
        raise RuntimeError("a bug")

    monkeypatch.setattr(ci.Writer, "update", failing)
    with pytest.raises(RuntimeError):
        ci.import_contacts(source, ci.ImportOptions(region="FR"))
    monkeypatch.setattr(ci.Writer, "update", real)
    triggers = count("sqlite_master WHERE type = 'trigger'")
    indexes = count("sqlite_master WHERE type = 'index'")
    assert count("contact") == 0
    new_id = add_contact(ContactInput(first_name="After", last_name="Failure"))
    assert list(contact_ids("after")) == [new_id]  # the triggers still keep the index
    assert triggers >= 12 and indexes >= 10
    assert merging() is None  # the search index merges its segments as SQLite does by default


def merging() -> int | None:
    """The search index's own merging setting, when one is stored (None: SQLite's default)."""
    row = database.execute_sql("SELECT v FROM contact_fts_config WHERE k = 'automerge'").fetchone()
    return None if row is None else row[0]


def test_a_large_import_leaves_the_search_index_merging_as_usual(db, tmp_path, monkeypatch):
    """The writer leaves the index's segments unmerged while it adds to them, then asks for the usual merging
    back: later edits go on merging them, and a search finds everyone."""
    monkeypatch.setattr(ci, "CHUNK", 5)
    monkeypatch.setattr(ci, "BULK_MIN", 1)
    monkeypatch.setattr(ci, "FTS_BATCH", 4)  # the index written in several parts
    seen = []
    real = ci.Writer.index_contacts

    def index_contacts(self, ids, *, new):
        seen.append(merging())
        real(self, ids, new=new)

    monkeypatch.setattr(ci.Writer, "index_contacts", index_contacts)
    result = ci.import_contacts(write_csv(tmp_path / "big.csv", people(12)), ci.ImportOptions(region="FR"))
    assert result.created == 12
    assert len(seen) >= 3 and set(seen) == {0}  # no merging while the parts were written
    assert merging() == 4  # SQLite's default, asked for again
    assert all(list(contact_ids(f"person{i}")) for i in range(12))


def test_cancel_rolls_everything_back(db, tmp_path, monkeypatch):
    monkeypatch.setattr(ci, "CHUNK", 3)
    source = write_csv(tmp_path / "c.csv", people(10))
    seen = []

    def progress(done, total):
        seen.append((done, total))

    with pytest.raises(ci.ImportCancelled):
        ci.import_contacts(source, ci.ImportOptions(region="FR"), progress=progress,
                           cancelled=lambda: len(seen) >= 2)
    assert seen == [(3, 10), (6, 10)]  # the rows were counted when the birthdays' order was read
    assert count("contact") == 0 and count("import_batch") == 0


def test_a_killed_import_leaves_nothing(tmp_path):
    """A process killed in the middle of the import: the file holds what it held before."""
    import subprocess
    import sys
    import textwrap

    path = tmp_path / "shop.sqlite"
    source = write_csv(tmp_path / "c.csv", people(30))
    script = textwrap.dedent(f"""
        import os
        from smallcrm.store.db import open_database
        from smallcrm.services.contacts import ContactInput, add_contact
        from smallcrm.services.importing import contacts_import as ci
        open_database({str(path)!r})
        add_contact(ContactInput(first_name="Kept"))
        ci.CHUNK = 5
        real = ci.Writer.create
        def create(self, states):
            real(self, states)
            if self.written >= 10:
                os._exit(9)  # killed: no rollback, no cleanup
        ci.Writer.create = create
        ci.import_contacts({str(source)!r}, ci.ImportOptions(region="FR"))
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).resolve().parents[2], timeout=120)
    assert done.returncode == 9
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT first_name FROM contact").fetchall() == [("Kept",)]
        assert conn.execute("SELECT count(*) FROM import_batch").fetchone()[0] == 0
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"First Name,Email\r\n", "header_only"),
    (b"PK\x03\x04binary zip", "binary"),
])
def test_files_that_cannot_be_read_change_nothing(db, tmp_path, content, reason):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileProblem) as caught:
        ci.import_contacts(path, ci.ImportOptions())
    assert caught.value.reason == reason
    assert count("import_batch") == 0


def test_a_file_that_vanishes_is_a_file_problem(db, tmp_path):
    with pytest.raises(ImportFileProblem) as caught:
        ci.plan_contacts_import(tmp_path / "gone.csv")
    assert caught.value.reason in ("not_found", "vanished")


def test_a_file_saved_again_while_it_is_imported_imports_nothing(db, tmp_path):
    """Its rows would be part the old file's, part the new one's (a list saved over from a spreadsheet)."""
    from smallcrm.services.importing import purchases_import as pi

    path = tmp_path / "clients.csv"
    path.write_text("First Name,Last Name,Email\nAnn,Lee,ann@example.com\n", encoding="utf-8")

    def saved_again(done, total):
        path.write_text("First Name;Last Name;Email\nBob;Stone;bob@example.com\nCy;Dee;cy@example.com\n",
                        encoding="utf-8")

    with pytest.raises(ImportFileProblem) as caught:
        ci.import_contacts(path, ci.ImportOptions(), progress=saved_again)
    assert caught.value.reason == "changed"
    assert Contact.select().count() == 0 and ImportBatch.select().count() == 0
    sales = tmp_path / "sales.csv"
    sales.write_text("Date,Order,Email,Amount\n2026-01-02,1001,ann@example.com,10.00\n", encoding="utf-8")
    written = pi._write_purchases

    def write_then_save_again(*args):
        sales.write_text("Date,Order,Email,Amount\n", encoding="utf-8")
        return written(*args)

    with mock.patch.object(pi, "_write_purchases", write_then_save_again), pytest.raises(ImportFileProblem) as caught:
        pi.import_purchases(sales, pi.PurchaseImportOptions(create_missing=True))
    assert caught.value.reason == "changed" and ImportBatch.select().count() == 0 and Contact.select().count() == 0
    # deleted (or moved) once read, before the import is written: said so, not said to be saved again
    with pytest.raises(ImportFileProblem) as caught:
        ci.import_contacts(path, ci.ImportOptions(), progress=lambda done, total: path.unlink(missing_ok=True))
    assert caught.value.reason == "vanished" and "moved or deleted" in caught.value.detail
    assert Contact.select().count() == 0 and ImportBatch.select().count() == 0


def test_ragged_rows_nul_bytes_and_a_huge_cell_are_rows_not_crashes(db, tmp_path):
    path = tmp_path / "ragged.csv"
    big = "x" * 1_000_000
    path.write_bytes(
        "First Name,Last Name,Email\r\n"
        "Ann,Lee\r\n"  # short: padded
        "Bob,Stone,bob@example.com,extra,cells\r\n"  # long: the extra cells go to the notes
        f"Cy,{big},cy@example.com\r\n"  # a 1 MB last name: rejected
        "D\x00an,Brown,dan@example.com\r\n".encode())
    result = ci.import_contacts(path, ci.ImportOptions())
    assert (result.created, result.rejected) == (3, 1)
    assert result.rejects[0].row == 4
    assert dict(result.warnings) == {"nul_characters": 1, "short_rows": 1, "long_rows": 1}
    bob = get_contact(contact_ids("bob")[0])
    assert "extra" in bob.notes
    assert get_contact(contact_ids("dan")[0]).first_name == "Dan"


def test_an_ambiguous_date_column_needs_an_answer(db, tmp_path):
    source = write_csv(tmp_path / "dates.csv", [
        ["Ann", "Lee", "", "", "", "", "", "03/04/1990", "", ""],
        ["Bob", "Stone", "", "", "", "", "", "05/06/1991", "", ""],
    ])
    plan = ci.plan_contacts_import(source, ci.ImportOptions(region="FR"))
    assert plan.ambiguous_columns == [7] and not plan.whole
    # the first rows are shown meanwhile, those dates read as the shop's region writes them
    assert [(p.row, p.contact.birthday) for p in plan.preview] == [(2, "1990-04-03"), (3, "1991-06-05")]
    with pytest.raises(ci.DateOrderNeeded) as caught:
        ci.import_contacts(source)
    assert caught.value.columns == [(7, "Birthday")]
    assert count("import_batch") == 0
    ci.import_contacts(source, ci.ImportOptions(date_orders={7: "mdy"}))
    assert get_contact(contact_ids("ann")[0]).birthday == "1990-03-04"


def test_a_tag_written_in_capitals_is_the_tag_written_in_small_letters_whatever_its_letters(db, tmp_path):
    add_contact(ContactInput(first_name="Zoé", tags=["Fidèle"]))
    rows = [["Inès", "Moreau", "", "", "", "", "", "", "FIDÈLE, ÉTÉ", ""],
            ["Hugo", "Lambert", "", "", "", "", "", "", "fidèle, été", ""]]
    ci.import_contacts(write_csv(tmp_path / "tags.csv", rows), ci.ImportOptions(region="FR"))
    assert [get_contact(contact_ids(name)[0]).tags for name in ("ines", "hugo")] == [["ÉTÉ", "Fidèle"]] * 2
    assert count("tag") == 2


def test_mapping_overrides_and_customer_ids(db, tmp_path):
    source = write_csv(tmp_path / "ids.csv", [["17850", "Ann Lee", "ann@example.com", "x"]],
                       header=["Kundennr.", "Name", "E-Mail", "Unused"])
    headers = ["Kundennr.", "Name", "E-Mail", "Unused"]
    overrides = mapping.parse_map_overrides(["Kundennr.=customer_id", "Unused=ignore"], headers)
    ci.import_contacts(source, ci.ImportOptions(overrides=overrides))
    row = Contact.get()
    assert (row.first_name, row.last_name, row.external_id) == ("Ann", "Lee", "17850")


def test_a_title_before_a_full_name_is_left_out_as_a_title_column_is(db, tmp_path):
    source = write_csv(tmp_path / "titles.csv", [["Mme Léa Martin", "lea@example.fr"], ["Dr. Ann Lee", ""],
                                                 ["M. DUPONT", "dupont@example.fr"]], header=["Name", "E-mail"])
    ci.import_contacts(source, ci.ImportOptions(region="FR"))
    assert sorted((c.first_name, c.last_name) for c in Contact.select()) == [
        ("", "DUPONT"), ("Ann", "Lee"), ("Léa", "Martin")]


def test_chunks_and_the_bulk_path_keep_search_and_sorting(db, tmp_path, monkeypatch):
    add_contact(ContactInput(first_name="Existing", last_name="Person", emails=["old@example.com"]))
    monkeypatch.setattr(ci, "CHUNK", 7)
    monkeypatch.setattr(ci, "BULK_MIN", 10)
    rows = people(40)
    rows.append(["Émile", "Zola", "", "emile@example.fr", "", "Paris", "", "", "Writers", ""])
    source = write_csv(tmp_path / "many.csv", rows)
    result = ci.import_contacts(source, ci.ImportOptions(region="FR"))
    assert result.created == 41
    assert list(contact_ids("emile")) == list(contact_ids("zola")) != []
    assert list(contact_ids("writers")) == list(contact_ids("emile"))
    assert list(contact_ids("existing")) == [1]
    assert len(contact_ids("first1")) == 11  # first1, first10..first19
    zola = Contact.get(Contact.last_name == "Zola")
    assert zola.sort_name == "zola emile"
    indexes = {r[0] for r in database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"contact_by_name", "contact_email_by_email", "contact_phone_by_e164"} <= indexes
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_consent_given_in_the_file_is_kept(db, tmp_path):
    source = write_csv(tmp_path / "c.csv", [["Ann", "Lee", "ann@example.com", "yes"]],
                       header=["First Name", "Last Name", "Email", "Accepts Email Marketing"])
    ci.import_contacts(source)
    ann = get_contact(1)
    assert ann.email_consent and ann.email_consent_at is not None and not ann.sms_consent
    assert (ann.email_consent_source, ann.sms_consent_source) == ("Imported from c.csv", "")


def test_a_consent_source_column_says_how_they_agreed(db, tmp_path):
    header = ["First Name", "Email", "Newsletter", "SMS opt-in", "Opt-in source", "SMS consent source"]
    assert mapping.auto_map(header)[4:] == ["consent_source", "sms_consent_source"]
    source = write_csv(tmp_path / "shop.csv", [
        ["Ann", "ann@example.com", "yes", "yes", "web form", "said yes at the till"],
        ["Bea", "bea@example.com", "yes", "no", "'=signed card", ""],
        ["Cy", "cy@example.com", "yes", "yes", "", ""],
        ["Dan", "dan@example.com", "no", "no", "web form", "till"],
    ], header=header)
    ci.import_contacts(source)
    got = {c.first_name: (c.email_consent_source, c.sms_consent_source)
           for c in (get_contact(i) for i in contact_ids())}
    assert got == {"Ann": ("web form", "said yes at the till"),  # the channel's own column first
                   "Bea": ("=signed card", ""),
                   "Cy": ("Imported from shop.csv", "Imported from shop.csv"),  # no column says: the file does
                   "Dan": ("", "")}  # no consent, no source


@pytest.mark.parametrize("synonym", ["Consent source", "opt-in source", "Source of consent"])
def test_consent_source_synonyms(synonym):
    assert mapping.auto_map(["Email", "Accepts Email Marketing", synonym])[2] == "consent_source"


def test_a_consent_source_too_long_to_keep_goes_to_the_notes(db, tmp_path):
    long = "signed " * 40
    source = write_csv(tmp_path / "c.csv", [["Ann", "yes", long]],
                       header=["First Name", "Newsletter", "Consent source"])
    ci.import_contacts(source)
    ann = get_contact(1)
    assert ann.email_consent_source == "Imported from c.csv" and ann.notes == f"Consent source: {long.strip()}"


def test_a_column_the_import_does_not_know_goes_to_the_notes(db, tmp_path):
    source = write_csv(tmp_path / "c.csv", [["Iris Blom", "iris@example.nl", "Peanuts", "39", "Mrs", "120.50"]],
                       header=["Name", "Email", "Allergies", "Shoe size", "Title", "Total Spent"])
    ci.import_contacts(source)
    iris = get_contact(1)
    assert (iris.first_name, iris.last_name, iris.notes) == ("Iris", "Blom", "Allergies: Peanuts\nShoe size: 39")


def test_an_import_gives_consent_with_its_source_and_undo_takes_both_back(db, tmp_path):
    ann = contacts.add_contact(ContactInput(first_name="Ann", last_name="Lee", emails=["ann@example.com"],
                                            sms_consent=True, sms_consent_source="at the counter"))
    source = write_csv(tmp_path / "web.csv", [["Ann", "Lee", "ann@example.com", "yes", "yes", "web shop"]],
                       header=["First Name", "Last Name", "Email", "Accepts Email Marketing", "Accepts SMS Marketing",
                               "Consent source"])
    result = ci.import_contacts(source, ci.ImportOptions(on_duplicate="overwrite"))
    assert result.updated == 1
    record = get_contact(ann)
    assert record.email_consent and record.email_consent_source == "web shop"
    assert record.sms_consent_source == "at the counter"  # consent already given keeps where it came from
    ci.undo_import(result.batch)
    record = get_contact(ann)
    assert (record.email_consent, record.email_consent_at, record.email_consent_source) == (False, None, "")
    assert record.sms_consent_source == "at the counter"



def _consenting(first: str) -> int:
    return contacts.add_contact(ContactInput(first_name=first, last_name="Lee", emails=[f"{first.lower()}@example.com"],
                                             email_consent=True, email_consent_source="at the counter",
                                             sms_consent=True, sms_consent_source="at the counter"))


@pytest.mark.parametrize("policy, withdrawn", [
    ("skip", {"Ann", "Bea"}),  # an unsubscribe or opt-out takes consent back, whatever else is left alone
    ("fill", {"Ann", "Bea"}),
    ("overwrite", {"Ann", "Bea", "Cy"}),  # so does a plain no, when the file's values replace the customer's
])
def test_an_unsubscribe_in_the_file_withdraws_consent_already_given(db, tmp_path, policy, withdrawn):
    answers = {"Ann": "Unsubscribed", "Bea": "opted out", "Cy": "no", "Dan": "", "Eve": "pending", "Fay": "maybe"}
    ids = {first: _consenting(first) for first in answers}
    source = write_csv(tmp_path / "mailing.csv", [[first, "Lee", f"{first.lower()}@example.com", answer, ""]
                                                  for first, answer in answers.items()],
                       header=["First Name", "Last Name", "Email", "Email Subscription Status",
                               "Accepts SMS Marketing"])
    plan = ci.plan_contacts_import(source, ci.ImportOptions(on_duplicate=policy))
    assert dict(plan.warnings).get("consent_withdrawn", 0) == len(withdrawn)
    assert all(get_contact(i).email_consent for i in ids.values())  # a dry run changes nothing
    result = ci.import_contacts(source, ci.ImportOptions(on_duplicate=policy))
    assert dict(result.warnings).get("consent_withdrawn", 0) == len(withdrawn)
    if policy == "skip":
        assert (result.updated, result.skipped) == (2, 4)
    for first, contact_id in ids.items():
        record = get_contact(contact_id)
        if first in withdrawn:
            assert (record.email_consent, record.email_consent_at, record.email_consent_source) == (False, None, "")
        else:
            assert record.email_consent and record.email_consent_source == "at the counter"
        assert record.sms_consent  # an empty cell says nothing
    ci.undo_import(result.batch)
    for contact_id in ids.values():
        record = get_contact(contact_id)
        assert record.email_consent and record.email_consent_at is not None
        assert record.email_consent_source == "at the counter"


@pytest.mark.parametrize(("had", "file", "policy", "kept"), [
    ("1966-07-15", "--07-15", "overwrite", "1966-07-15"),  # a day without its year takes no year away
    ("--07-15", "1966-07-15", "fill", "1966-07-15"),  # ... and the year is filled in where the customer had none
    ("--07-15", "1966-07-15", "overwrite", "1966-07-15"),
    ("1966-07-15", "1970-07-15", "overwrite", "1970-07-15"),  # another year: the file's
    ("1966-07-15", "1970-07-15", "fill", "1966-07-15"),
])
def test_a_birthday_without_its_year_is_the_same_day_as_one_with_it(db, tmp_path, had, file, policy, kept):
    irene = contacts.add_contact(ContactInput(first_name="Irène", last_name="Jacob", emails=["irene@jacob.ch"],
                                              birthday=had))
    source = write_csv(tmp_path / "c.csv", [["Irène", "Jacob", "irene@jacob.ch", file]],
                       header=["First Name", "Last Name", "Email", "Birthday"])
    ci.import_contacts(source, ci.ImportOptions(on_duplicate=policy))
    assert get_contact(irene).birthday == kept


def test_skip_withdraws_an_unsubscribe_and_leaves_the_rest_of_the_row_alone(db, tmp_path):
    ann = _consenting("Ann")
    source = write_csv(tmp_path / "mailing.csv", [["Ann", "Leigh", "ann@example.com", "Unsubscribed", "Lyon",
                                                   "+33 6 12 34 56 78"]],
                       header=["First Name", "Last Name", "Email", "Email Subscription Status", "City", "Phone"])
    result = ci.import_contacts(source, ci.ImportOptions(on_duplicate="skip"))
    record = get_contact(ann)
    assert (result.updated, record.email_consent, record.sms_consent) == (1, False, True)
    assert (record.last_name, record.city, record.phones) == ("Lee", "", [])
    again = ci.import_contacts(source, ci.ImportOptions(on_duplicate="skip"))
    assert (again.updated, again.skipped, again.batch) == (0, 1, None)  # (nothing left to take back, no import)
    ci.undo_import(result.batch)
    assert get_contact(ann).email_consent


def test_a_customer_two_rows_update_is_counted_once_and_the_other_row_joined(db, tmp_path):
    """The summary said "updated 3" of two customers: a count of rows, where "Show these customers…" and Undo count
    customers. The second row of a customer is joined to the first, as it is to one an earlier row adds."""
    marie = add_contact(ContactInput(first_name="Marie", last_name="Dupont", emails=["marie@fleurs.fr"]))
    bob = add_contact(ContactInput(first_name="Bob", emails=["bob@example.com"]))
    source = write_csv(tmp_path / "c.csv", [["Marie", "marie@fleurs.fr", "Lyon", ""], ["Bob", "bob@example.com",
                                            "Nice", ""], ["Marie", "marie@fleurs.fr", "", "Fleurs & Co"]],
                       header=["First Name", "Email", "City", "Company"])
    plan = ci.plan_contacts_import(source, ci.ImportOptions(on_duplicate="fill"))
    assert (plan.counts["update"], plan.counts["join"]) == (2, 1)
    result = ci.import_contacts(source, ci.ImportOptions(on_duplicate="fill"))
    assert (result.created, result.updated, result.joined, result.skipped) == (0, 2, 1, 0)
    assert (get_contact(marie).city, get_contact(marie).company, get_contact(bob).city) == ("Lyon", "Fleurs & Co",
                                                                                          "Nice")
    assert sorted(ci.imported_customers(result.batch)) == [marie, bob]


@pytest.mark.parametrize("policy", ["fill", "overwrite"])
def test_a_number_typed_without_its_country_is_not_added_again_to_the_customer_it_is_the_number_of(db, tmp_path,
                                                                                                    policy):
    """A French list imported in a shop set up elsewhere: "06 98 76 54 32" cannot be read, and is kept as typed. It
    is how France writes the customer's +33 6 98 76 54 32, and found them so: it was added to them a second time."""
    cid = add_contact(ContactInput(first_name="François", last_name="Dupré", phones=["+33 6 98 76 54 32"]))
    source = write_csv(tmp_path / "c.csv", [["François", "Dupré", "06 98 76 54 32", "Lyon"]],
                       header=["Prénom", "Nom", "Téléphone", "Ville"])
    result = ci.import_contacts(source, ci.ImportOptions(region="US", on_duplicate=policy))
    assert result.updated == 1 and get_contact(cid).city == "Lyon"  # (found by that number)
    assert [(p.e164, p.raw) for p in get_contact(cid).phones] == [("+33698765432", "+33 6 98 76 54 32")]


def test_a_later_row_of_the_file_can_withdraw_what_an_earlier_one_gave(db, tmp_path):
    source = write_csv(tmp_path / "c.csv", [["Ann", "ann@example.com", "yes"],
                                            ["Ann", "ann@example.com", "unsubscribed"]],
                       header=["First Name", "Email", "Accepts Email Marketing"])
    result = ci.import_contacts(source, ci.ImportOptions(on_duplicate="fill"))
    assert (result.created, result.updated, result.joined) == (1, 0, 1)
    assert not get_contact(contact_ids()[0]).email_consent


def test_mailchimps_export_of_unsubscribed_members_takes_email_consent_back(db, tmp_path):
    ann, bea = _consenting("Ann"), _consenting("Bea")
    header = ("Email Address,First Name,Last Name,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,"
              "LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,UNSUB_TIME,UNSUB_CAMPAIGN_TITLE,UNSUB_CAMPAIGN_ID,"
              "UNSUB_REASON,UNSUB_REASON_OTHER,LEID,EUID,NOTES").split(",")
    where = ["", "", "", "", "", "", "", "", "FR", "Paris"]  # OPTIN_IP to REGION
    source = write_csv(tmp_path / "unsubscribed_members_export_1a2b.csv", [
        ["ann@example.com", "Ann", "Lee", "2", "2023-01-05 10:00:00", *where, "2024-03-01 09:12:44", "Spring sale",
         "c1", "NORMAL", "", "1", "a1", ""],
        ["cy@example.com", "Cy", "Lee", "2", "2023-01-05 10:00:00", *where, "2024-03-02 11:00:00", "", "", "", "", "2",
         "b2", ""],
    ], header=header)
    plan = ci.plan_contacts_import(source, ci.ImportOptions(on_duplicate="fill"))
    assert plan.preset == "mailchimp" and plan.fields[header.index("UNSUB_TIME")] == "unsubscribed"
    result = ci.import_contacts(source, ci.ImportOptions(on_duplicate="fill"))
    assert (result.created, result.updated) == (1, 1) and dict(result.warnings)["consent_withdrawn"] == 1
    assert not get_contact(ann).email_consent and get_contact(ann).sms_consent  # SMS is another channel
    assert get_contact(bea).email_consent  # not in the file
    cy = get_contact(contact_ids("Cy")[0])
    assert not cy.email_consent and cy.notes == ""  # the reason and campaign are Mailchimp's own


def test_mailchimps_export_of_subscribed_members_gives_email_consent(db, tmp_path):
    """The export of subscribed members says when each opted in (OPTIN_TIME): that is their consent to emails. One
    the shop added to the audience itself has no such time but when it was added (CONFIRM_TIME); one with neither,
    no consent from the file."""
    header = ("Email Address,First Name,Last Name,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,"
              "LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,LAST_CHANGED,LEID,EUID,NOTES").split(",")
    rest = ["", "", "", "", "", "", "FR", "", "2024-01-01 00:00:00", "1", "a1", ""]  # CONFIRM_IP to NOTES
    source = write_csv(tmp_path / "subscribed_members_export_1a2b.csv", [
        ["ann@example.com", "Ann", "Lee", "2", "2023-01-05 10:00:00", "1.2.3.4", "2023-01-05 10:02:00", *rest],
        ["cy@example.com", "Cy", "Lee", "1", "", "", "", *rest],
        ["di@example.com", "Di", "Lee", "2", "", "", "2022-11-30 18:00:00", *rest],
        ["ed@example.com", "Ed", "Lee", "2", "2023/03/04 05:06:07", "", "", *rest]],  # (year first, with slashes)
        header=header)
    ci.import_contacts(source)
    ann, cy, di, ed = (get_contact(contact_ids(name)[0]) for name in ("Ann", "Cy", "Di", "Ed"))
    assert (ed.email_consent, ed.email_consent_at) == (True, datetime(2023, 3, 4, 5, 6, 7, tzinfo=timezone.utc))
    assert (ann.email_consent, ann.notes, cy.email_consent, cy.notes) == (True, "", False, "")
    assert ann.email_consent_at == datetime(2023, 1, 5, 10, 0, tzinfo=timezone.utc)  # when, not the import's day
    assert (di.email_consent, di.email_consent_at, di.notes) == (
        True, datetime(2022, 11, 30, 18, 0, tzinfo=timezone.utc), "")


def test_a_consent_date_column_says_when_they_agreed_and_one_that_cannot_be_read_goes_to_the_notes(db, tmp_path):
    source = write_csv(tmp_path / "c.csv", [
        ["Ann", "yes", "2024-05-01T10:00:00+02:00", "no", "2024-05-02T10:00:00+02:00"],
        ["Bo", "yes", "01/05/2024 10:00", "", ""],  # (as a spreadsheet saves a date again)
        ["Cy", "no", "2024-05-01T10:00:00+02:00", "yes", ""]],
        header=["First Name", "Email consent", "Email consent date", "SMS consent", "SMS consent date"])
    before = datetime.now(timezone.utc).replace(microsecond=0)
    result = ci.import_contacts(source)
    ann, bo, cy = (get_contact(contact_ids(name)[0]) for name in ("Ann", "Bo", "Cy"))
    assert (ann.email_consent, ann.email_consent_at) == (True, datetime(2024, 5, 1, 8, 0, tzinfo=timezone.utc))
    assert (ann.sms_consent, ann.sms_consent_at) == (False, None)  # no consent: its date in the notes, as written
    assert ann.notes == "SMS consent date: 2024-05-02T10:00:00+02:00"
    assert bo.email_consent and bo.email_consent_at >= before  # agreed, when unknown: the import's time
    assert bo.notes == "Email consent date: 01/05/2024 10:00"
    assert (cy.email_consent, cy.sms_consent) == (False, True) and cy.sms_consent_at >= before
    assert dict(result.warnings)["consent_date_unclear"] == 1


def test_a_customer_number_a_spreadsheet_cut_short_goes_to_the_notes_and_finds_no_one(db, tmp_path):
    header = ["Customer ID", "First Name", "Last Name", "Email", "Default Address City"]
    rows = [["6.54321E+12", "Maria", "Garcia", "maria.g@example.com", "Miami"],
            ["6.54321E+12", "Maria", "Garcia", "mgarcia77@example.com", "Seattle"],
            ["6543210987654", "Ann", "Lee", "ann@example.com", "Leeds"]]
    result = ci.import_contacts(write_csv(tmp_path / "shopify.csv", rows, header=header))
    assert (result.created, result.skipped) == (3, 0)  # two Marias: their numbers say nothing
    marias = [get_contact(i) for i in contact_ids("Maria")]
    assert [(m.external_id, m.notes) for m in marias] == [("", "Customer ID: 6.54321E+12")] * 2
    assert get_contact(contact_ids("Ann")[0]).external_id == "6543210987654"
    assert dict(result.warnings)["number_in_notes"] == 2


def test_a_phone_number_a_spreadsheet_cut_short_is_counted_apart_from_one_that_is_no_number(db, tmp_path):
    rows = [["Ann", "4.47912E+11"], ["Bob", "call me"], ["Cy", "+44 7911 123456"]]
    result = ci.import_contacts(write_csv(tmp_path / "c.csv", rows, header=["First Name", "Phone"]), ci.ImportOptions(
        region="GB"))
    assert (dict(result.warnings)["phone_cut_short"], dict(result.warnings)["phone_in_notes"]) == (1, 1)
    assert get_contact(contact_ids("Ann")[0]).notes == "Phone: 4.47912E+11"


def test_a_consent_date_is_only_a_consent_where_the_consent_column_says_so_and_nothing_in_it_is_lost(db, tmp_path):
    source = write_csv(tmp_path / "c.csv", [
        ["Ann", "", "2024-05-01T10:00:00+02:00"],  # (the owner cleared "yes", not the date)
        ["Bo", "no", "2024-05-01T10:00:00+02:00"],
        ["Cy", "yes", "0001-01-01T00:00:00Z"],  # (a program's "no date")
        ["Di", "yes", "0000-00-00 00:00:00"],
        ["Ed", "yes", (datetime.now(timezone.utc) + timedelta(hours=2)).isoformat()],  # (a clock a little ahead)
        ["Flo", "yes", "2999-01-01T00:00:00Z"],
        ["Gus", "yes", "March 3, 2024"]],
        header=["First Name", "Email consent", "Email consent date"])
    before = datetime.now(timezone.utc).replace(microsecond=0)
    result = ci.import_contacts(source)
    ann, bo, cy, di, ed, flo, gus = (get_contact(contact_ids(name)[0])
                                     for name in ("Ann", "Bo", "Cy", "Di", "Ed", "Flo", "Gus"))
    assert not ann.email_consent and ann.notes == "Email consent date: 2024-05-01T10:00:00+02:00"
    assert not bo.email_consent and bo.notes == "Email consent date: 2024-05-01T10:00:00+02:00"
    assert cy.email_consent and cy.email_consent_at >= before and cy.notes == "Email consent date: 0001-01-01T00:00:00Z"
    assert di.email_consent and di.email_consent_at >= before and di.notes == ""
    assert ed.email_consent and before <= ed.email_consent_at <= datetime.now(timezone.utc) and ed.notes == ""
    assert flo.email_consent and flo.notes == "Email consent date: 2999-01-01T00:00:00Z"
    assert gus.email_consent and gus.notes == "Email consent date: March 3, 2024"
    assert dict(result.warnings)["consent_date_unclear"] == 3
    out = tmp_path / "out.csv"
    export.export_contacts(out, export.contacts_to_export())  # every date stored is one an export writes
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) == 1 + 7


def test_a_consent_date_column_alone_says_they_agreed_then(db, tmp_path):
    source = write_csv(tmp_path / "c.csv", [["Ann", "2023-11-02 09:15:00"], ["Bo", ""], ["Cy", "0000-00-00 00:00:00"],
                                            ["Di", "0/0/00"]], header=["First Name", "SMS opt-in date"])
    result = ci.import_contacts(source)
    ann, bo, cy, di = (get_contact(contact_ids(name)[0]) for name in ("Ann", "Bo", "Cy", "Di"))
    assert (ann.sms_consent, ann.sms_consent_at) == (True, datetime(2023, 11, 2, 9, 15, tzinfo=timezone.utc))
    assert not bo.sms_consent and not ann.email_consent
    assert (cy.sms_consent, cy.notes, di.sms_consent, di.notes) == (False, "", False, "")  # ("no date")
    assert not dict(result.warnings)


@pytest.mark.parametrize("value, unsubscribed", [("2024-03-01", True), ("02/03/2024 09:00", True), ("yes", True),
                                                 ("Unsubscribed", True), ("no", False), ("-", False), ("", False),
                                                 ("jamais", False), ("N/A", False), ("—", False),  # (unclear: no)
                                                 ("0000-00-00", False), ("00/00/0000 00:00", False)])  # (no date)
@pytest.mark.parametrize("policy", ["skip", "fill"])
def test_an_unsubscribed_column_says_whether_they_did(db, tmp_path, value, unsubscribed, policy):
    ann = _consenting("Ann")
    source = write_csv(tmp_path / "c.csv", [["Ann", "Lee", "ann@example.com", value]],
                       header=["First Name", "Last Name", "Email", "Unsubscribed"])
    ci.import_contacts(source, ci.ImportOptions(on_duplicate=policy))
    assert get_contact(ann).email_consent is not unsubscribed


@pytest.mark.parametrize("header", ["Email Opt Out", "Do Not Email", "Unsubscribed from all email",
                                    "Opted out of email marketing", "Désabonné", "Abgemeldet", "Email Opt-Out Date",
                                    "No marketing", "Keine Werbung", "Pas de newsletter"])
def test_a_column_saying_they_want_no_email_takes_consent_back_where_it_says_yes(db, tmp_path, header):
    ann, bob = _consenting("Ann"), _consenting("Bob")
    source = write_csv(tmp_path / "c.csv", [["Ann", "ann@example.com", "Yes"], ["Bob", "bob@example.com", "No"]],
                       header=["First Name", "Email", header])
    ci.import_contacts(source, ci.ImportOptions(on_duplicate="overwrite"))
    assert not get_contact(ann).email_consent and get_contact(bob).email_consent


@pytest.mark.parametrize("header", ["SMS Opt Out", "Do Not Text", "Opted out of SMS", "SMS Unsubscribed",
                                    "SMS abgemeldet", "Text Opt-Out Date", "SMS Unsubscribe Date", "No SMS marketing"])
@pytest.mark.parametrize("policy", ["skip", "fill"])
def test_a_column_saying_they_want_no_text_messages_takes_sms_consent_back_where_it_says_yes(db, tmp_path, header,
                                                                                            policy):
    ann, bob = _consenting("Ann"), _consenting("Bob")
    source = write_csv(tmp_path / "c.csv", [["Ann", "ann@example.com", "Yes"], ["Bob", "bob@example.com", "No"]],
                       header=["First Name", "Email", header])
    assert dict(ci.plan_contacts_import(source, ci.ImportOptions(on_duplicate=policy)).warnings)[
        "consent_withdrawn"] == 1
    result = ci.import_contacts(source, ci.ImportOptions(on_duplicate=policy))
    ann_now, bob_now = get_contact(ann), get_contact(bob)
    assert (ann_now.sms_consent, ann_now.sms_consent_at, ann_now.sms_consent_source) == (False, None, "")
    assert ann_now.email_consent and bob_now.sms_consent and bob_now.email_consent  # (the emails' is another's)
    ci.undo_import(result.batch)
    assert get_contact(ann).sms_consent and get_contact(ann).sms_consent_source == "at the counter"


def test_a_whole_name_in_chinese_japanese_or_korean_letters_is_family_name_first(db, tmp_path):
    source = write_csv(tmp_path / "c.csv", [["山田 太郎", "t@example.jp"], ["김 민준", "k@example.kr"]],
                       header=["Name", "Email"])
    ci.import_contacts(source)
    taro, minjun = (get_contact(contact_ids(email)[0]) for email in ("t@example.jp", "k@example.kr"))
    assert (taro.first_name, taro.last_name, taro.display_name) == ("太郎", "山田", "山田太郎")
    assert (minjun.first_name, minjun.last_name, minjun.display_name) == ("민준", "김", "김민준")


def test_consent_withdrawn_in_a_worker_process_too(db, tmp_path, monkeypatch):
    monkeypatch.setattr(ci, "_cores", lambda: 2)
    monkeypatch.setattr(ci, "POOL_MIN_BYTES", 0)
    ann = _consenting("Ann")
    source = write_csv(tmp_path / "c.csv", [["Ann", "ann@example.com", "no", "unsubscribed"]],
                       header=["First Name", "Email", "Accepts Email Marketing", "Accepts SMS Marketing"])
    started = []
    real = ci.WorkerDecisions.begin
    monkeypatch.setattr(ci.WorkerDecisions, "begin", lambda self, setup: started.append(1) or real(self, setup))
    result = ci.import_contacts(source, ci.ImportOptions(on_duplicate="fill"))
    assert started and dict(result.warnings)["consent_withdrawn"] == 1
    record = get_contact(ann)
    assert record.email_consent and not record.sms_consent  # fill: only the opt-out takes consent back


# ---------------------------------------------------------------------------------------------
# clean_for_import gives what contacts.clean_contact gives


AT = datetime(2024, 5, 1, 9, 0, tzinfo=timezone.utc)
_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
_email = st.one_of(st.emails(), _text, st.from_regex(r"[A-Za-z0-9._%+-]{1,10}@[a-z0-9-]{1,10}\.[a-z]{2,4}",
                                                      fullmatch=True))
_phone = st.one_of(st.from_regex(r"\+?[0-9 ().-]{3,18}", fullmatch=True), _text)


def _comparable(clean):
    return clean.values, clean.emails, [(p.e164, p.digits) for p in clean.phones], clean.tags


_postal_code = st.one_of(_text, st.sampled_from(["sw1a 2aa", "1012lg", "75011", " m5h 2n2 ", "SW1A2AA", "10000"]))
_country = st.one_of(_text, st.sampled_from(["", "UK", "Nederland", "Canada", "France", "Czechia"]))


@settings(max_examples=150)
@given(first=_text, last=_text, company=_text, city=_text, notes=_text, birthday=st.one_of(st.none(), _text),
       emails=st.lists(_email, max_size=3), phones=st.lists(_phone, max_size=2), tags=st.lists(_text, max_size=3),
       consent=st.booleans(), consent_source=_text, postal_code=_postal_code, country=_country)
def test_clean_for_import_agrees_with_clean_contact(first, last, company, city, notes, birthday, emails, phones, tags,
                                                    consent, consent_source, postal_code, country):
    data = ContactInput(first_name=first, last_name=last, company=company, city=city, notes=notes, birthday=birthday,
                        postal_code=postal_code, country=country,
                        emails=emails, phones=phones, tags=tags, email_consent=consent,
                        email_consent_at=AT if consent else None, email_consent_source=consent_source,
                        sms_consent=not consent, sms_consent_source=consent_source)
    # one moment for both: a consent given without a time is given "now", and a second can tick between the calls
    with mock.patch.object(contacts, "utc_now", return_value=AT), mock.patch.object(ci, "utc_now", return_value=AT):
        try:
            expected = clean_contact(data, "FR")
        except ValidationFailed as e:
            with pytest.raises(ValidationFailed) as caught:
                ci.clean_for_import(data, "FR")
            assert [(x.field, x.problem) for x in caught.value.errors] == [(x.field, x.problem) for x in e.errors]
            return
        assert _comparable(ci.clean_for_import(data, "FR")) == _comparable(expected)


_cell = st.one_of(_text, st.sampled_from(["", "Ann", " Lee ", "ann@example.com", "06 12 34 56 78", "14/07/1985",
                                          "VIP ::: coffee", "'0612345678", "Zürich"]))


@settings(max_examples=150)
@given(cells=st.lists(_cell, min_size=10, max_size=10))
def test_a_row_read_by_cleaning_is_taken_as_clean_contact_would_take_it(cells):
    fields = mapping.auto_map(HEADER)
    read = cleaning.RowCleaner(fields, HEADER, region="FR", date_orders={7: "dmy"})(2, cells)
    if isinstance(read, Reject):
        return
    try:
        expected = contacts.clean_contact(read, "FR")
    except ValidationFailed:
        with pytest.raises(ValidationFailed):
            ci.clean_for_import(read, "FR")
        return
    got = ci.clean_for_import(read, "FR")
    assert got.values == expected.values
    assert got.emails == expected.emails and got.tags == expected.tags
    assert [(p.e164, p.digits) for p in got.phones] == [(p.e164, p.digits) for p in expected.phones]


@pytest.mark.parametrize("header", [HEADER, [h for h in HEADER if h != "Birthday"]])
def test_a_file_with_more_rows_than_an_import_takes_is_refused_before_any_row_is_looked_at(db, tmp_path, monkeypatch,
                                                                                           header):
    from smallcrm.services.importing import reader

    monkeypatch.setattr(reader, "MAX_ROWS", 30)
    rows = [r[:7] + r[8:] if len(header) < len(HEADER) else r for r in people(31)]
    path = write_csv(tmp_path / "big.csv", rows, header=header)
    looked_at = []
    monkeypatch.setattr(cleaning.RowCleaner, "__call__", lambda *a: looked_at.append(a))
    for attempt in (lambda: ci.plan_contacts_import(path), lambda: ci.import_contacts(path)):
        with pytest.raises(ImportFileProblem) as caught:
            attempt()
        assert caught.value.reason == "too_many_rows"
    assert looked_at == [] and count("contact") == 0 and count("import_batch") == 0
    monkeypatch.undo()
    assert ci.import_contacts(path, ci.ImportOptions(region="FR")).created == 31


def test_a_refused_value_is_kept_in_part(db, tmp_path):
    email = "x" * 5000 + "@"
    path = write_csv(tmp_path / "long.csv", [["Ann", "Lee", "", email, "", "", "", "", "", ""]])
    [reject] = ci.plan_contacts_import(path).rejects
    assert reject.value == email[:cleaning.REJECT_VALUE_LIMIT] + "…"


def test_a_first_look_decides_only_the_first_rows_and_says_so(db, sample):
    look = ci.plan_contacts_import(sample, ci.ImportOptions(region="FR"), first_rows=2)
    assert (look.rows, look.whole, look.counts) == (2, False, {"create": 2, "update": 0, "join": 0, "skip": 0,
                                                               "reject": 0})
    assert [p.row for p in look.preview] == [2, 3]
    whole = ci.plan_contacts_import(sample, ci.ImportOptions(region="FR"), first_rows=4)  # every row: all of it
    assert (whole.rows, whole.whole) == (4, True)
    assert whole.counts == ci.plan_contacts_import(sample, ci.ImportOptions(region="FR")).counts


def test_a_file_imported_before_is_recognised_by_its_contents_until_that_import_is_undone(db, sample, tmp_path):
    assert ci.previous_import_of(sample, "contacts") is None
    first = ci.import_contacts(sample, ci.ImportOptions(region="FR"))
    (listed,) = ci.list_imports()
    assert ci.previous_import_of(sample, "contacts") == (first.batch, listed.started_at, listed.file_name)
    assert ci.previous_import_of(sample, "purchases") is None  # (a web shop's orders: customers, then purchases)
    renamed = tmp_path / "renamed.csv"
    renamed.write_bytes(sample.read_bytes())
    assert ci.previous_import_of(renamed, "contacts").batch == first.batch  # the same contents under another name
    other = write_csv(tmp_path / "other.csv", people(2))
    assert ci.previous_import_of(other, "contacts") is None

    ci.import_contacts(sample, ci.ImportOptions(region="FR"))  # (skips them all: still an import)
    assert ci.previous_import_of(sample, "contacts").batch == first.batch  # the one that brought the rows in
    ci.undo_import(first.batch)
    assert ci.previous_import_of(sample, "contacts") is None  # the second one brought nothing in: nothing to undo


def test_a_purchases_import_is_recognised_too(db, tmp_path):
    from smallcrm.services.importing import purchases_import as pi

    path = tmp_path / "sales.csv"
    path.write_text("Date,Email,Amount\n2024-03-01,ann@example.com,12.50\n", encoding="utf-8")
    result = pi.import_purchases(path, pi.PurchaseImportOptions(create_missing=True, currency="EUR"))
    assert result.created == 1
    assert ci.previous_import_of(path, "purchases").batch == result.batch
    assert ci.previous_import_of(path, "contacts") is None


def test_a_fingerprint_reads_only_the_ends_of_a_large_file(tmp_path, monkeypatch):
    monkeypatch.setattr(ci, "FINGERPRINT_PART", 4)
    path = tmp_path / "big.csv"
    path.write_bytes(b"head" + b"middle" + b"tail")
    same_ends = tmp_path / "same-ends.csv"
    same_ends.write_bytes(b"head" + b"MIDDLE" + b"tail")
    assert ci.file_fingerprint(path) == ci.file_fingerprint(same_ends)  # (only the ends are read)
    assert ci.file_fingerprint(path).startswith("14:")
    for changed in (b"Head" + b"middle" + b"tail", b"head" + b"middle" + b"tails", b"head" + b"middle" + b"taiL"):
        path.write_bytes(changed)
        assert ci.file_fingerprint(path) != ci.file_fingerprint(same_ends)
    small = tmp_path / "small.csv"  # no larger than both ends: all of it
    small.write_bytes(b"abcdef")
    other = tmp_path / "other.csv"
    other.write_bytes(b"abcXef")
    assert ci.file_fingerprint(small) != ci.file_fingerprint(other)


def test_rows_the_owner_corrected_are_read_in_place_of_the_files_and_keep_their_numbers(db, sample):
    """The import window's Fix…: the file is left as it is, and the import of it with the corrections is one of that
    file (importing it again is said to be so)."""
    bob = ["Bob", "", "", "bob@example.com", "", "Leeds", "", "", "", ""]
    options = ci.ImportOptions(region="FR", corrections={4: bob})
    plan = ci.plan_contacts_import(sample, options)
    assert plan.counts["reject"] == 0 and plan.counts["create"] == 4
    assert [(p.row, p.contact.first_name) for p in plan.preview] == [(2, "Zoë"), (3, "José"), (4, "Bob"), (6, "Ann")]
    result = ci.import_contacts(sample, options)
    assert (result.created, result.rejected) == (4, 0)
    assert get_contact(contact_ids("Bob")[0]).emails == ["bob@example.com"]
    assert ci.previous_import_of(sample, "contacts").batch == result.batch


@pytest.mark.parametrize("policy", ["fill", "overwrite"])
def test_a_name_in_a_later_file_takes_the_place_of_an_email_standing_in_for_one(db, tmp_path, policy):
    nameless = write_csv(tmp_path / "newsletter.csv", [["ann@example.com", ""], ["", "+33 6 12 34 56 78"]],
                         header=["Email", "Phone"])
    ci.import_contacts(nameless, ci.ImportOptions(region="FR"))
    assert sorted(get_contact(i).first_name for i in contact_ids()) == ["+33 6 12 34 56 78", "ann@example.com"]
    named = write_csv(tmp_path / "shop.csv", [["Ann", "Lee", "", "ann@example.com", "", "", "", "", "", ""],
                                              ["", "Roux", "", "", "06 12 34 56 78", "", "", "", "", ""]])
    result = ci.import_contacts(named, ci.ImportOptions(region="FR", on_duplicate=policy))
    assert (result.created, result.updated) == (0, 2)
    assert sorted((get_contact(i).first_name, get_contact(i).last_name) for i in contact_ids()) == [
        ("", "Roux"), ("Ann", "Lee")]
    assert list(contact_ids("Ann")) and list(contact_ids("Roux"))  # found by their names now
    ci.undo_import(result.batch)
    assert sorted(get_contact(i).first_name for i in contact_ids()) == ["+33 6 12 34 56 78", "ann@example.com"]


def test_a_first_name_like_the_start_of_the_email_is_a_name_not_a_stand_in(db, tmp_path):
    ann = add_contact(ContactInput(first_name="ann", emails=["ann@example.com"]))
    source = write_csv(tmp_path / "c.csv", [["ann@example.com", "Lee Ltd"]], header=["Email", "Company"])
    ci.import_contacts(source, ci.ImportOptions(on_duplicate="fill"))
    assert (get_contact(ann).first_name, get_contact(ann).company) == ("ann", "Lee Ltd")


# Shopify's orders export, a row per item: the order's number in "Name", its buyer in "Billing …".
SHOPIFY_ORDERS = ["Name", "Email", "Financial Status", "Currency", "Total", "Created at", "Lineitem quantity",
                  "Lineitem name", "Lineitem price", "Billing Name", "Billing City", "Billing Phone", "Shipping Name",
                  "Shipping Phone", "Notes"]


def test_a_sales_export_read_as_a_customer_list_gives_its_buyers_and_no_order_numbers(db, tmp_path):
    path = write_csv(tmp_path / "orders_export.csv", [
        ["#1003", "anna@example.com", "paid", "EUR", "25.00", "2026-03-01 10:00:00 +0100", "2", "Mug", "10.00",
         "Anna Weber", "Berlin", "+49 30 1234567", "Max Weber", "+49 30 7654321", "Gift wrap"],
        ["#1003", "anna@example.com", "", "", "", "2026-03-01 10:00:00 +0100", "1", "Tea", "5.00",
         "", "", "", "", "", ""],
        ["#1004", "bob@example.com", "pending", "EUR", "10.00", "2026-03-02 11:00:00 +0100", "1", "Tea", "10.00",
         "Bob Smith", "London", "+44 7700 900123", "", "", ""],
    ], header=SHOPIFY_ORDERS)
    fields = dict(zip(SHOPIFY_ORDERS, ci.customer_fields(SHOPIFY_ORDERS)))
    assert fields["Name"] == fields["Total"] == fields["Lineitem name"] == fields["Shipping Name"] == "ignore"
    assert (fields["Billing Name"], fields["Email"], fields["Billing Phone"]) == ("full_name", "email", "phone")

    result = ci.import_contacts(path, ci.ImportOptions(region="DE"))
    # Anna's second item: the same email, joined to her
    assert (result.created, result.skipped, result.joined, result.rejected) == (2, 0, 1, 0)
    assert dict(result.warnings)["sale_rows"] == 3
    anna, bob = (get_contact(contact_ids(word)[0]) for word in ("anna", "bob"))
    assert (anna.first_name, anna.last_name, anna.city) == ("Anna", "Weber", "Berlin")
    assert [p.e164 for p in anna.phones] == ["+49301234567"]  # the buyer's, not the parcel's recipient's
    assert (bob.first_name, bob.last_name) == ("Bob", "Smith")
    # nothing of the orders in the customers' notes: their numbers, totals and items are the purchases import's
    assert anna.notes == "Gift wrap" and bob.notes == ""
    assert not contact_ids("1003")


def test_a_customer_list_is_mapped_as_before_and_says_nothing_of_sales(db, sample):
    assert ci.customer_fields(HEADER) == mapping.auto_map(HEADER)
    plan = ci.plan_contacts_import(sample, ci.ImportOptions(region="FR"))
    assert "sale_rows" not in dict(plan.warnings)


def test_paypals_to_address_the_shops_own_is_no_customers_email(db):
    header = ["Date", "Time", "Name", "Type", "Status", "Currency", "Gross", "From Email Address",
              "To Email Address", "Transaction ID", "Balance Impact"]
    fields = dict(zip(header, ci.customer_fields(header)))
    assert (fields["From Email Address"], fields["To Email Address"]) == ("email", "ignore")
    assert fields["Name"] == "full_name" and fields["Gross"] == fields["Transaction ID"] == "ignore"


def test_what_fill_and_overwrite_would_change_in_a_customer_is_told_field_by_field(db, tmp_path):
    ann = add_contact(ContactInput(first_name="Ann", last_name="Lee", emails=["ann@example.com"], city="Leeds",
                                   tags=["VIP"]))
    path = write_csv(tmp_path / "again.csv", [
        ["Ann", "Lee", "Café Lee", "ann@example.com", "+44 7700 900123", "York", "YO1 7HH", "", "coffee", ""],
        ["Bob", "", "", "bob@", "", "", "", "", "", ""]])
    plan = ci.plan_contacts_import(path, ci.ImportOptions(region="GB"))
    (duplicate,) = plan.duplicates
    assert (duplicate.row, duplicate.duplicate_of) == (2, ann)
    layout = ci.FileLayout(path, plan.dialect, plan.headers, plan.preset, plan.fields, plan.date_orders, [], None)
    changes = {c.field: c[1:] for c in ci.duplicate_changes(layout, ci.ImportOptions(region="GB"), 2, ann)}
    assert changes == {
        "company": ("", "Café Lee", "Café Lee"),
        "city": ("Leeds", "Leeds", "York"),  # fill keeps what the customer has; overwrite takes the file's
        "postal_code": ("", "", "YO1 7HH"),  # (an address is filled whole or not at all: Leeds has none)
        "phones": ((), (("+44 7700 900123", ""),), (("+44 7700 900123", ""),)),
        "tags": (("VIP",), ("VIP", "coffee"), ("VIP", "coffee")),
    }
    assert get_contact(ann).city == "Leeds"  # nothing written
    # a row that cannot be imported, and the row as the owner corrected it
    assert ci.duplicate_changes(layout, ci.ImportOptions(region="GB"), 3, ann) is None
    fixed = ["Ann", "Lee", "", "ann@example.com", "", "", "", "", "", "Likes oat milk"]
    assert [c.field for c in ci.duplicate_changes(layout, ci.ImportOptions(), 3, ann, fixed)] == ["notes"]


@pytest.mark.parametrize("policy", ["fill", "overwrite"])
def test_a_row_with_only_an_email_imported_again_changes_nothing_and_leaves_the_first_import_undoable(db, tmp_path,
                                                                                                      policy):
    path = tmp_path / "newsletter.csv"
    path.write_text("Name,Email\n,solo@example.com\n", encoding="utf-8")
    first = ci.import_contacts(path)
    again = ci.import_contacts(path, ci.ImportOptions(on_duplicate=policy))
    assert (again.created, again.updated, again.skipped) == (0, 0, 1)
    assert count("import_change") == 1  # the first import's creation only
    ci.undo_import(first.batch)  # (not refused as changed by a later import)
    assert count("contact") == 0


def test_a_customer_whose_email_changed_is_found_by_their_number_in_the_program_the_file_comes_from(db, tmp_path):
    header = ["Customer ID", "First Name", "Last Name", "Email"]
    first = write_csv(tmp_path / "customers_export.csv", [["'7000000000001", "Nadia", "Haddad", "nadia.old@example.com"],
                                                          ["1001", "Ann", "Lee", "ann@example.com"]], header=header)
    ci.import_contacts(first)
    nadia = contact_ids("nadia")[0]
    later = write_csv(tmp_path / "customers_export (1).csv", [
        ["7000000000001", "Nadia", "Haddad", "nadia.new@example.com"],
        ["1001", "Bob", "Stone", "bob@example.com"]],  # another program's 1001: another name, another person
        header=header)
    plan = ci.plan_contacts_import(later, ci.ImportOptions(on_duplicate="fill"))
    assert [(d.row, d.duplicate_of, d.reason) for d in plan.duplicates] == [(2, nadia, "number")]
    result = ci.import_contacts(later, ci.ImportOptions(on_duplicate="fill"))
    assert (result.created, result.updated) == (1, 1)
    assert get_contact(nadia).emails == ["nadia.old@example.com", "nadia.new@example.com"]
    assert len(contact_ids("haddad")) == 1 and len(contact_ids("stone")) == 1


@pytest.mark.parametrize("header, written, first, last", [
    ("Nom Prénom", "Dupont Marie", "Marie", "Dupont"), ("NOM PRENOM", "DUPONT Marie", "Marie", "DUPONT"),
    ("Nom et prénom", "de la Fontaine Jean", "Jean", "de la Fontaine"),
    ("Name, Vorname", "Weber Anna", "Anna", "Weber"),
    ("Prénom Nom", "Marie Dupont", "Marie", "Dupont"), ("Vor- und Nachname", "Anna Weber", "Anna", "Weber"),
    ("Nom du client", "Marie Dupont", "Marie", "Dupont"), ("Kontakt", "Anna Weber", "Anna", "Weber"),
    ("Nom", "Dupont, Marie", "Marie", "Dupont"), ("Nom", "Marie Dupont", "Marie", "Dupont"),  # (no Prénom)
    ("Nom Prénom", "Dupont Marie Christine", "Marie Christine", "Dupont"),
    ("Nom Prénom", "Van Damme Jean Claude", "Jean Claude", "Van Damme")])
def test_a_whole_name_under_the_headings_shops_give_it_is_the_customers_name_in_the_order_it_says(
        db, tmp_path, header, written, first, last):
    source = write_csv(tmp_path / "clients.csv", [[written, "06 12 34 56 78"]], header=[header, "Téléphone"])
    ci.import_contacts(source, ci.ImportOptions(region="FR"))
    (customer,) = [get_contact(i) for i in contact_ids()]
    assert (customer.first_name, customer.last_name, customer.notes) == (first, last, "")


def test_a_consent_column_naming_email_or_sms_is_consent_not_an_address(db, tmp_path):
    """A hairdresser's booking app: "Accepte SMS", "Accepte Email" — yes or no, not a second email."""
    header = ["Prénom", "Nom", "Portable", "Email", "Accepte Email", "Accepte SMS"]
    rows = [["Bob", "Lemaire", "06 33 33 33 33", "", "Oui", "Non"], ["Léa", "Martin", "06 45 67 89 01", "lea@x.fr",
                                                                     "Oui", "Oui"]]
    result = ci.import_contacts(write_csv(tmp_path / "salon.csv", rows, header=header), ci.ImportOptions(region="FR"))
    assert (result.created, result.rejected) == (2, 0)
    bob, lea = (get_contact(contact_ids(name)[0]) for name in ("lemaire", "martin"))
    assert (bob.email_consent, bob.sms_consent, bob.notes) == (True, False, "")
    assert (lea.emails, lea.email_consent, lea.sms_consent, lea.notes) == (["lea@x.fr"], True, True, "")


def test_overwriting_does_not_put_a_first_names_initial_in_its_place(db, tmp_path):
    jean = add_contact(ContactInput(first_name="Jean-Luc", last_name="Martin", emails=["jl@example.fr"],
                                    city="Lyon"))
    source = write_csv(tmp_path / "list.csv", [["J.-L.", "Martin", "jl@example.fr", "Paris"]],
                       header=["Prénom", "Nom", "Email", "Ville"])
    ci.import_contacts(source, ci.ImportOptions(on_duplicate="overwrite"))
    assert (get_contact(jean).first_name, get_contact(jean).city) == ("Jean-Luc", "Paris")


def test_a_cell_going_to_the_notes_loses_the_guard_saved_rejected_rows_put_before_a_formula(tmp_path, db):
    """The rejected rows are saved with a ' before a cell that would start a formula ("=A1", "+99", "@mention");
    imported again, the mapped fields lost it, the notes kept it ("Loyalty Code: '=A1")."""
    path = write_csv(tmp_path / "rejected.csv", [["Ann", "ann@x.fr", "'@mention", "'=A1"],
                                                 ["Bob", "bob@x.fr", "", "'+99"], ["Cy", "cy@x.fr", "", "'90s"]],
                     header=["First Name", "Email", "Phone", "Loyalty Code"])
    ci.import_contacts(path, ci.ImportOptions())
    notes = {c.first_name: c.notes for c in Contact.select()}
    assert notes == {"Ann": "Loyalty Code: =A1\nPhone: @mention", "Bob": "Loyalty Code: +99",
                     "Cy": "Loyalty Code: '90s"}  # (an apostrophe of the text's own stays)


def _layout_rows(name: str, rows: list[dict[str, str]]) -> tuple[list[str], list[list[str]]]:
    """The header of a known export's file (tests/fixtures/import), and rows of it given by header."""
    from tests.unit.test_import_mapping import header_of

    header = header_of(name)
    return header, [[row.get(h, "") for h in header] for row in rows]


def test_a_billing_and_a_shipping_address_are_never_mixed(db, tmp_path):
    """A web shop's file with the billing and the shipping address: the billing one is the address and the shipping
    one goes to the notes; a customer without a billing address has the shipping one, whole. ("Shipping City" was
    read as the city and "Shipping Street" went to the notes: a billing street with a shipping city.)"""
    header = ["Name", "Email", "Shipping Street", "Shipping City", "Shipping Zip", "Billing Street", "Billing City",
              "Billing Zip"]
    rows = [["Ann Lee", "ann@example.com", "1 Dock Road", "Dublin", "D01", "3 Main Street", "Cork", "T12"],
            ["Bob Roy", "bob@example.com", "8 Hill Lane", "Bath", "BA1 1AA", "", "", ""],
            ["Cleo Moss", "cleo@example.com", "9 Quay", "Hull", "HU1", "2 Park Row", "", ""]]
    result = ci.import_contacts(write_csv(tmp_path / "shop.csv", rows, header=header), ci.ImportOptions(region="GB"))
    assert (result.created, result.rejected) == (3, 0)
    ann, bob, cleo = (get_contact(contact_ids(name)[0]) for name in ("Ann", "Bob", "Cleo"))
    assert (ann.street, ann.city, ann.postal_code) == ("3 Main Street", "Cork", "T12")
    assert ann.notes.splitlines() == ["Shipping address: 1 Dock Road, Dublin, D01"]
    assert (bob.street, bob.city, bob.postal_code, bob.notes) == ("8 Hill Lane", "Bath", "BA1 1AA", "")
    assert (cleo.street, cleo.city, cleo.postal_code) == ("2 Park Row", "", "")  # (not Hull: another address)
    assert cleo.notes.splitlines() == ["Shipping address: 9 Quay, Hull, HU1"]

    header = ["Name", "Email", "Shipping Street", "Shipping City", "Shipping Zip"]  # where orders go, alone
    rows = [["Dee Holt", "dee@example.com", "4 Mill Lane", "York", "YO1"]]
    ci.import_contacts(write_csv(tmp_path / "shipping.csv", rows, header=header), ci.ImportOptions(region="GB"))
    dee = get_contact(contact_ids("Dee")[0])
    assert (dee.street, dee.city, dee.postal_code, dee.notes) == ("4 Mill Lane", "York", "YO1", "")


def test_a_customer_with_only_a_business_address_has_it_as_their_address(db, tmp_path):
    """An Outlook card of a business customer has the business address only: it is the address (it went to the
    notes, leaving the customer with none); beside a home address it stays in the notes; an "other" address is
    taken when there is no business one."""
    header, rows = _layout_rows("outlook.csv", [
        {"First Name": "Ann", "Last Name": "Lee", "Company": "Lee Flowers", "Business Street": "12 rue de la Paix",
         "Business Street 3": "Bât. B", "Business City": "Paris", "Business Postal Code": "75002",
         "Business Country/Region": "France", "E-mail Address": "ann@leeflowers.fr"},
        {"First Name": "Bob", "Last Name": "Roy", "Home Street": "3 Main Street", "Home City": "Cork",
         "Business Street": "1 Dock Road", "Business City": "Dublin", "E-mail Address": "bob@example.ie"},
        {"First Name": "Cleo", "Last Name": "Moss", "Other Street": "8 Hill Lane", "Other City": "Bath",
         "Other Postal Code": "BA1 1AA", "Business City": "Bristol", "E-mail Address": "cleo@example.co.uk"},
        {"First Name": "Dee", "Last Name": "Holt", "Other Street": "9 Quay", "Other City": "Hull",
         "E-mail Address": "dee@example.co.uk"}])
    result = ci.import_contacts(write_csv(tmp_path / "outlook.csv", rows, header=header),
                                ci.ImportOptions(region="FR"))
    assert (result.created, result.rejected) == (4, 0)
    ann, bob, cleo, dee = (get_contact(contact_ids(name)[0]) for name in ("Ann", "Bob", "Cleo", "Dee"))
    assert (ann.street, ann.postal_code, ann.city, ann.country, ann.notes) == (
        "12 rue de la Paix, Bât. B", "75002", "Paris", "France", "")
    assert (bob.street, bob.city) == ("3 Main Street", "Cork")
    assert bob.notes.splitlines() == ["Work address: 1 Dock Road, Dublin"]
    # a business address, even only a city of it, comes before an "other" one, which stays in the notes whole
    assert (cleo.street, cleo.city) == ("", "Bristol")
    assert cleo.notes.splitlines() == ["Other address: 8 Hill Lane, BA1 1AA Bath"]  # (as the shop's country writes)
    assert (dee.street, dee.city, dee.notes) == ("9 Quay", "Hull", "")

    header, rows = _layout_rows("thunderbird.csv", [
        {"First Name": "Eve", "Last Name": "Kahn", "Primary Email": "eve@example.de", "Work Address": "Hauptstraße 5",
         "Work Address 2": "Hinterhaus", "Work ZipCode": "80331", "Work City": "München", "Work Country": "Deutschland"}])
    ci.import_contacts(write_csv(tmp_path / "thunderbird.csv", rows, header=header), ci.ImportOptions(region="DE"))
    eve = get_contact(contact_ids("Eve")[0])
    assert (eve.street, eve.postal_code, eve.city, eve.country, eve.notes) == (
        "Hauptstraße 5, Hinterhaus", "80331", "München", "Deutschland", "")


def test_a_french_shop_gets_the_names_of_what_goes_to_the_notes_in_french(db, tmp_path):
    """A work address and a web page kept in the notes were named in English ("Work address", "Website") whatever
    the shop's language; the file's own column names, and a label of the owner's own, stay as the file wrote them."""
    from smallcrm.services.settings import set_setting

    set_setting("locale", "fr_FR")
    outlook = write_csv(tmp_path / "outlook.csv",
                        [["Zoé", "Roux", "3 rue des Lilas", "Paris", "5 rue du Travail", "Médan", "78200", "noix"]],
                        ["First Name", "Last Name", "Home Street", "Home City", "Business Street", "Business City",
                         "Business Postal Code", "Allergies"])
    names = next(csv.reader([(Path(__file__).parent.parent / "fixtures" / "import" / "google.csv").read_text(
        encoding="utf-8-sig").splitlines()[0]]))
    names = [n for n in names if not n.startswith("Address 2")]
    names += ["Address 2 - Label", "Address 2 - Street", "Address 2 - City", "Address 3 - Label", "Address 3 - Street"]
    lea = {"First Name": "Léa", "Address 1 - Street": "3 rue des Lilas", "Address 1 - City": "Paris",
           "Address 2 - Label": "Work", "Address 2 - Street": "8 quai de Seine", "Address 2 - City": "Rouen",
           "Address 3 - Label": "Entrepôt", "Address 3 - Street": "1 rue du Port", "Website 1 - Label": "Home",
           "Website 1 - Value": "https://lea.example"}
    google = write_csv(tmp_path / "google.csv", [[lea.get(name, "") for name in names]], names)
    for path in (outlook, google):
        assert ci.import_contacts(path, ci.ImportOptions(region="FR")).created == 1
    notes = {c.first_name: c.notes.splitlines() for c in map(get_contact, contact_ids())}
    assert notes["Zoé"] == ["Adresse professionnelle: 5 rue du Travail, 78200 Médan", "Allergies: noix"]
    assert notes["Léa"] == ["Site web: https://lea.example (Domicile)", "Adresse (Travail): 8 quai de Seine, Rouen",
                            "Adresse (Entrepôt): 1 rue du Port"]


def test_a_column_of_email_addresses_under_a_name_header_is_read_as_the_email(db, tmp_path):
    """"Client, Contact" with the addresses under "Contact" (a person's name in most lists): the customers had their
    address as a second name, in their notes, and no email to write to or to find them by."""
    path = write_csv(tmp_path / "stall.csv", [["Ana Lima", "ana@lima.pt", "nice", "ANA@LIMA.PT"],
                                              ["Ben Okafor", "", "", "ben@okafor.ng"],
                                              ["Cem Arslan", "cem@arslan.tr", "", "x"]],
                     header=["Client", "Contact", "Stall note", "Extra"])
    plan = ci.plan_contacts_import(path, ci.ImportOptions())
    assert plan.fields == ["full_name", "email", "note", "note"]  # ("x" is no address: that column stays notes)
    ci.import_contacts(path, ci.ImportOptions())
    ana = get_contact(Contact.get(Contact.first_name == "Ana").id)
    assert ana.emails == ["ana@lima.pt"] and ana.notes == "Stall note: nice\nExtra: ANA@LIMA.PT"
    assert ci.customer_fields(["Client", "Contact"], "auto", [["Ana Lima", "ana@lima.pt"]]) == ["full_name", "email"]
    assert ci.customer_fields(["", ""], "auto", [["Ana Lima", "ana@lima.pt"]]) == ["note", "note"]  # (no names)


@pytest.mark.parametrize("policy", ["fill", "overwrite"])
def test_notes_too_full_for_what_a_file_adds_are_said_to_have_been_left_as_they_were(db, tmp_path, policy):
    full = "x" * 99_990
    big = add_contact(ContactInput(first_name="Big", last_name="Notes", emails=["big@example.fr"], notes=full))
    path = write_csv(tmp_path / "more.csv", [["Big", "Notes", "big@example.fr", "Lyon", "new important note here"]],
                     header=["First Name", "Last Name", "Email", "City", "Notes"])
    dry = ci.plan_contacts_import(path, ci.ImportOptions(on_duplicate=policy))
    result = ci.import_contacts(path, ci.ImportOptions(on_duplicate=policy))
    assert dict(result.warnings)["notes_full"] == dict(dry.warnings)["notes_full"] == 1
    kept = get_contact(big)
    assert (kept.city, kept.notes) == ("Lyon", full)  # (the city fits; the note does not, and that is said)
