"""`smallcrm import`: contacts and purchases from CSV, dry runs, the list of imports and undo; bad files and
ambiguous dates end with one line and exit 1, never a traceback or a half-done import."""

from __future__ import annotations

import csv
import json
import sqlite3
from datetime import datetime
from contextlib import closing
from pathlib import Path

import pytest

HEADER = ["First Name", "Last Name", "Email", "Phone", "City", "Birthday"]


def write_csv(path: Path, rows, header=HEADER, encoding="utf-8") -> Path:
    with open(path, "w", encoding=encoding, newline="") as f:
        out = csv.writer(f)
        out.writerow(header)
        out.writerows(rows)
    return path


@pytest.fixture
def customers(tmp_path):
    return write_csv(tmp_path / "customers.csv", [
        ["Ann", "Lee", "ann@example.com", "+33 6 12 34 56 78", "Paris", "1985-07-14"],
        ["Bob", "Stone", "bob@example", "", "Leeds", ""],
        ["Cy", "Young", "cy@example.com", "", "Lyon", "--03-04"],
    ])


def rows_in(shop: Path, table: str) -> int:
    with closing(sqlite3.connect(shop)) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_import_contacts_json(cli, shop, customers):
    result = cli("import", "contacts", str(customers), "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert {k: data[k] for k in ("batch", "created", "updated", "skipped", "rejected", "encoding", "delimiter")} == {
        "batch": 1, "created": 2, "updated": 0, "skipped": 0, "rejected": 1, "encoding": "utf-8", "delimiter": ","}
    assert data["rejects"][0]["row"] == 3 and data["rejects"][0]["column"] == "Email"
    listed = cli("contacts", "list", "--json").json()
    assert sorted(c["first_name"] for c in listed) == ["Ann", "Cy"]


def test_the_customers_of_one_import_are_listed(cli, shop, customers, tmp_path):
    cli("contacts", "add", "--first-name", "Dee", "--db", str(shop), db=None)  # in the book before: no import's
    assert cli("import", "contacts", str(customers)).code == 0
    more = write_csv(tmp_path / "more.csv", [["Eve", "Adams", "eve@example.com", "", "", ""],
                                             ["Cy", "Young", "cy@example.com", "+33 6 99 88 77 66", "", ""]])
    assert cli("import", "contacts", str(more), "--on-duplicate", "fill").code == 0
    first = cli("contacts", "list", "--import", "1", "--json").json()
    assert [c["first_name"] for c in first] == ["Ann", "Cy"]
    second = cli("contacts", "list", "--import", "2")
    assert second.code == 0 and [line.split()[1] for line in second.out.splitlines()[1:]] == ["Eve", "Cy"]
    assert [c["first_name"] for c in cli("contacts", "list", "--import", "2", "--search", "eve", "--json").json()] == [
        "Eve"]
    missing = cli("contacts", "list", "--import", "3")
    assert missing.code == 1 and missing.error_line == (
        "smallcrm: error: there is no import 3 (`smallcrm import list` shows the imports)")


def test_the_customers_of_one_import_are_tagged(cli, shop, customers, tmp_path):
    cli("contacts", "add", "--first-name", "Dee", "--db", str(shop), db=None)  # in the book before: no import's
    assert cli("import", "contacts", str(customers)).code == 0
    more = write_csv(tmp_path / "more.csv", [["Eve", "Adams", "eve@example.com", "", "", ""]])
    assert cli("import", "contacts", str(more)).code == 0 and cli("import", "undo", "2").code == 0
    ann_only = cli("contacts", "tag", "Spring fair", "--import", "1", "--search", "ann", "--json").json()
    assert ann_only == {"tag": "Spring fair", "added": [2], "unchanged": []}
    tagged = cli("contacts", "tag", "spring FAIR", "--import", "1")
    assert tagged.code == 0 and tagged.out.strip() == (
        'tagged contact 3 "Spring fair" (1 had it already) (undo: smallcrm contacts tag "Spring fair" 3 --remove)')
    assert {c["first_name"]: c["tags"] for c in cli("contacts", "list", "--json").json()} == {
        "Dee": [], "Ann": ["Spring fair"], "Cy": ["Spring fair"]}
    assert cli("contacts", "tag", "Spring fair", "--import", "1", "--remove", "--json").json()["removed"] == [2, 3]
    assert cli("contacts", "tag", "x", "--import", "1", "--search", "zed").out.strip() == (
        'no customer of import 1 matches "zed"; nothing was changed')
    assert cli("contacts", "tag", "x", "--import", "2").out.strip() == (
        "import 2 has no customers in the book (it was undone, or they are in the Trash); nothing was changed")
    missing = cli("contacts", "tag", "x", "--import", "3")
    assert missing.code == 1 and missing.error_line == (
        "smallcrm: error: nothing was changed: there is no import 3 (`smallcrm import list` shows the imports)")
    both = cli("contacts", "tag", "x", "1", "--import", "1")
    assert both.code == 2 and "or --import N for every customer import N added or changed" in both.err


def test_import_contacts_text_then_again_creates_nothing(cli, customers):
    first = cli("import", "contacts", str(customers))
    assert first.code == 0 and "2 created" in first.out and "smallcrm import undo 1" in first.out
    assert 'rejected row 3, column "Email": "bob@example"' in first.out
    second = cli("import", "contacts", str(customers), "--json")
    assert (second.json()["created"], second.json()["skipped"]) == (0, 2)


def test_tags_for_everyone_the_import_adds_or_changes(cli, shop, customers, tmp_path):
    cli("import", "contacts", str(customers))
    more = write_csv(tmp_path / "fair.csv", [["Ann", "Lee", "ann@example.com", "", "Paris", ""],
                                             ["Dee", "Moss", "dee@example.com", "", "Nice", ""]])
    dry = cli("import", "contacts", str(more), "--tag", "Spring fair", "--dry-run", "--json")
    assert dry.json()["tags"] == ["Spring fair"] and dry.json()["created"] == 1
    result = cli("import", "contacts", str(more), "--tag", "Spring fair", "--tag", "newsletter",
                 "--on-duplicate", "fill")
    assert result.code == 0, result.err
    assert 'tagged "Spring fair", "newsletter": every contact created or updated' in result.out
    listed = {c["first_name"]: c["tags"] for c in cli("contacts", "list", "--json").json()}
    assert listed == {"Ann": ["newsletter", "Spring fair"], "Cy": [], "Dee": ["newsletter", "Spring fair"]}
    too_long = cli("import", "contacts", str(more), "--tag", "x" * 61)
    assert too_long.code == 2 and "nothing was imported: tag is too long (at most 60 characters)" in too_long.err
    assert rows_in(shop, "import_batch") == 2
    assert [b["tags"] for b in cli("import", "list", "--json").json()] == [["Spring fair", "newsletter"], []]
    assert '"Spring fair", "newsletter"' in cli("import", "list").out.splitlines()[0]


def test_dry_run_changes_nothing_and_does_not_create_a_database(cli, shop, customers):
    result = cli("import", "contacts", str(customers), "--dry-run", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["dry_run"] and data["batch"] is None and (data["created"], data["rejected"]) == (2, 1)
    assert {"column": 3, "header": "Email", "field": "email"} in data["columns"]
    assert data["rejects"] == [{"row": 3, "column": "Email", "value": "bob@example", "reason": "invalid email",
                                "detail": "The part after the @-sign is not valid. It should have a period."}]
    assert data["warnings"] == {}
    assert not shop.exists()
    cli("import", "contacts", str(customers))
    again = cli("import", "contacts", str(customers), "--dry-run")
    assert again.code == 0 and "would create 0" in again.out and "skip 2" in again.out
    assert rows_in(shop, "import_batch") == 1


def test_on_duplicate_fill_and_rejects_file(cli, shop, customers, tmp_path):
    cli("import", "contacts", str(customers))
    more = write_csv(tmp_path / "more.csv", [["Ann", "Lee", "ANN@example.com", "", "Paris", ""],
                                             ["=cmd()", "", "bad@", "", "", ""]],
                     header=["First Name", "Last Name", "Email", "Phone", "Town", "Notes"])
    out = tmp_path / "rejects.csv"
    result = cli("import", "contacts", str(more), "--on-duplicate", "fill", "--rejects", str(out), "--json")
    assert result.code == 0, result.err
    assert (result.json()["updated"], result.json()["rejected"]) == (0, 1)
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["Row", "Problem", "First Name", "Last Name", "Email", "Phone", "Town", "Notes"]
    assert rows[1:] == [["3", "invalid email (Email: bad@): There must be something after the @-sign.", "'=cmd()", "",
                         "bad@", "", "", ""]]  # no formula


def test_a_row_of_a_customer_an_earlier_row_adds_is_joined_to_them_not_counted_as_an_update(cli, shop, tmp_path):
    source = write_csv(tmp_path / "list.csv", [["Dan", "Brun", "dan@brun.fr", "", "Lyon", ""],
                                               ["Eve", "Roy", "eve@roy.fr", "", "Nice", ""],
                                               ["Dan", "Brun", "dan@brun.fr", "+33 6 12 34 56 78", "Lyon", ""]])
    plan = cli("import", "contacts", str(source), "--on-duplicate", "fill", "--dry-run")
    assert "would create 2, update 0, skip 0, reject 0; would join 1 row to an earlier row (the same customer)" in (
        plan.out)
    result = cli("import", "contacts", str(source), "--on-duplicate", "fill", "--json")
    assert {k: result.json()[k] for k in ("created", "updated", "skipped", "rejected", "joined")} == {
        "created": 2, "updated": 0, "skipped": 0, "rejected": 0, "joined": 1}
    listed = cli("import", "list")
    assert "2 created, 0 updated, 1 joined, 0 skipped, 0 rejected" in listed.out
    assert cli("import", "list", "--json").json()[0]["joined"] == 1
    dan = cli("contacts", "list", "--json").json()[0]["id"]
    assert cli("contacts", "delete", str(dan)).code == 0  # (thrown away since: the undo deletes it for good, and says)
    undone = cli("import", "undo", str(result.json()["batch"]))
    assert undone.out.strip() == (f"import {result.json()['batch']} undone: 2 contacts removed (1 of them from the "
                                  "Trash), 0 restored")


def test_a_file_of_rejected_rows_corrected_and_imported_again_leaves_its_own_two_columns_out(cli, shop, tmp_path):
    source = write_csv(tmp_path / "list.csv", [["Ann", "Lee", "ann@example", "", "Paris", ""],
                                               ["Bob", "Ray", "bob@example", "", "Lyon", ""]])
    first = tmp_path / "rejects.csv"
    cli("import", "contacts", str(source), "--rejects", str(first))
    rows = list(csv.reader(first.read_text(encoding="utf-8-sig").splitlines()))
    rows[1][4] = "ann@example.com"  # Ann corrected, Bob not
    with open(first, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
    second = tmp_path / "rejects-again.csv"
    result = cli("import", "contacts", str(first), "--rejects", str(second), "--json")
    assert (result.json()["created"], result.json()["rejected"]) == (1, 1)
    assert cli("contacts", "show", "1", "--json").json()["notes"] == ""  # not "Row: 2", "Problem: ..."
    again = list(csv.reader(second.read_text(encoding="utf-8-sig").splitlines()))
    assert again[0] == ["Row", "Problem", *HEADER]
    assert again[1] == ["3", "invalid email (Email: bob@example): The part after the @-sign is not valid. It should "
                        "have a period.", "Bob", "Ray", "bob@example", "", "Lyon", ""]


def test_rejects_never_overwrite_the_database_or_the_file_being_imported(cli, shop, customers, tmp_path):
    cli("import", "contacts", str(customers))
    database, source = shop.read_bytes(), customers.read_bytes()
    for target, why in ((shop, "it is the customer database"), (customers, "it is the file being imported"),
                        (tmp_path, "it is a folder"), (tmp_path / "gone" / "r.csv", "its folder does not exist")):
        for dry_run in ((), ("--dry-run",)):
            result = cli("import", "contacts", str(customers), "--rejects", str(target), *dry_run)
            assert result.code == 1 and why in result.err and "Traceback" not in result.err
            assert "nothing was imported" in result.err and "--rejects rejected.csv" in result.err
        result = cli("import", "purchases", str(customers), "--rejects", str(target))
        assert result.code == 1 and why in result.err
    assert shop.read_bytes() == database and customers.read_bytes() == source
    assert rows_in(shop, "import_batch") == 1


def test_a_quote_never_closed_loses_no_row_and_says_so(cli, shop, tmp_path):
    source = tmp_path / "broken.csv"
    source.write_text('First Name,Last Name,Email\nZoë,"Lefèvre,zoe@example.fr\nAna,Silva,ana@example.pt\n',
                      encoding="utf-8")
    result = cli("import", "contacts", str(source))
    assert result.code == 0 and "2 created" in result.out
    assert "1 quote was never closed: the lines it ran together were read as rows again" in result.out
    with closing(sqlite3.connect(shop)) as conn:  # (Zoë's email read from its own cell)
        emails = sorted(row[0] for row in conn.execute("SELECT email FROM contact_email"))
    assert emails == ["ana@example.pt", "zoe@example.fr"]


def test_map_option(cli, tmp_path):
    source = write_csv(tmp_path / "odd.csv", [["Ann Lee", "ann@example.com", "K-1"]], header=["Wer", "Post", "Nr"])
    result = cli("import", "contacts", str(source), "--map", "Wer=Full Name", "--map", "Post=email",
                 "--map", "Nr=customer-id", "--on-duplicate", "Fill", "--json")  # (names and choices in any case)
    assert result.code == 0, result.err
    ann = cli("contacts", "show", "1", "--json").json()
    assert (ann["first_name"], ann["last_name"], ann["emails"]) == ("Ann", "Lee", ["ann@example.com"])
    bad = cli("import", "contacts", str(source), "--map", "Nope=email")
    assert bad.code == 2 and "Nope" in bad.error_line


def test_a_column_mapped_to_a_field_found_in_another_takes_its_place(cli, shop, tmp_path):
    """The owner's --map wins over the column found for the field: a customer's is kept in the notes."""
    source = write_csv(tmp_path / "c.csv", [["Ann", "Lee", "Old Ltd", "New Ltd"]],
                       header=["First Name", "Last Name", "Company", "Firma neu"])
    dry = cli("import", "contacts", str(source), "--map", "Firma neu=company", "--dry-run", "--json")
    assert [c["field"] for c in dry.json()["columns"]] == ["first_name", "last_name", "note", "company"]
    done = cli("import", "contacts", str(source), "--map", "Firma neu=company", "--json")
    assert done.code == 0
    ann = cli("contacts", "show", "1", "--json").json()
    assert (ann["company"], ann["notes"]) == ("New Ltd", "Company: Old Ltd")
    sales = write_csv(tmp_path / "s.csv", [["2026-05-02", "ann@example.com", "27.00", "29.00"]],
                      header=["Date", "Email", "Net Sales", "Total Collected"])
    done = cli("import", "purchases", str(sales), "--map", "Total Collected=amount", "--create-missing", "--json")
    assert done.code == 0 and done.json()["created"] == 1
    with sqlite3.connect(shop) as conn:
        assert conn.execute("SELECT total_minor FROM purchase").fetchall() == [(2900,)]


def test_ambiguous_dates_name_the_column_and_the_option(cli, shop, tmp_path):
    source = write_csv(tmp_path / "dates.csv", [["Ann", "Lee", "", "", "", "03/04/1990"],
                                                ["Bob", "Stone", "", "", "", "05/06/1991"]])
    result = cli("import", "contacts", str(source))
    assert result.code == 1
    line = result.error_line
    assert '"Birthday"' in line and '--date-order "Birthday=dmy"' in line and "nothing was imported" in line
    assert not shop.exists() or rows_in(shop, "contact") == 0
    asked = cli("import", "contacts", str(source), "--json")  # a script reads JSON whatever happens
    assert asked.code == 1 and asked.json() == {"error": line.removeprefix("smallcrm: error: "), "exit_code": 1,
                                                "date_order_needed": [{"column": 6, "header": "Birthday"}]}
    ok = cli("import", "contacts", str(source), "--date-order", "Birthday=mdy", "--json")
    assert ok.code == 0 and ok.json()["created"] == 2
    ann = cli("contacts", "show", "1", "--json").json()
    assert ann["birthday"] == "1990-03-04"
    wrong = cli("import", "contacts", str(source), "--date-order", "Birthday=sideways")
    assert wrong.code == 2 and "--date-order" in wrong.error_line
    absent = cli("import", "contacts", str(source), "--date-order", "Born=dmy")
    assert absent.code == 2 and '--date-order "Born": the file has no such column' in absent.error_line


def test_a_column_without_a_header_is_named_as_its_notes_name_it_and_can_be_named_so(cli, shop, tmp_path):
    source = tmp_path / "no-name.csv"
    source.write_text("Name,\nAnn Lee,03/04/1990\nBob Stone,05/06/1991\n", encoding="utf-8")
    asked = cli("import", "contacts", str(source), "--map", "2=birthday")
    assert asked.code == 1 and '--date-order "Column 2=dmy"' in asked.error_line
    absent = cli("import", "contacts", str(source), "--date-order", "Born=dmy")
    assert absent.code == 2 and absent.error_line.endswith('its columns are "Name", "Column 2"')
    done = cli("import", "contacts", str(source), "--map", "Column 2=birthday", "--date-order", "Column 2=dmy",
               "--json")
    assert done.code == 0 and done.json()["created"] == 2
    assert cli("contacts", "show", "1", "--json").json()["birthday"] == "1990-04-03"


def test_rows_said_to_end_at_a_line_break_the_file_ends_none_with_are_refused_with_the_option_that_reads_them(
        cli, shop, tmp_path):
    source = tmp_path / "clients.csv"
    source.write_text("First Name,Email\nAnn,ann@example.com\nBob,bob@example.com\n", encoding="utf-8")
    result = cli("import", "contacts", str(source), "--line-ends", "cr")
    assert result.code == 2 and result.error_line.endswith(
        'nothing was imported: line ends "cr" cannot be used: the column names would run on into the rows under '
        "them: the file's rows end at another line break; give --line-ends any")
    assert not shop.exists()
    assert cli("import", "contacts", str(source), "--line-ends", "any").code == 0 and rows_in(shop, "contact") == 2


@pytest.mark.parametrize("args", [("import", "contacts", ""), ("import", "contacts", "in.csv", "--rejects", ""),
                                  ("export", "contacts", "")])
def test_an_empty_file_name_is_said_to_name_no_file_not_to_be_the_current_folder(cli, shop, args):
    result = cli(*args)
    assert result.code == 2 and "an empty name is no file: give the file's name or path" in result.error_line
    assert not shop.exists()


def test_a_separator_the_file_does_not_use_is_refused_naming_the_one_it_seems_to(cli, shop, tmp_path):
    """Read with tabs, "Prénom;Nom;Courriel" is one column, whose last word made it the email: every customer was
    named after a whole row."""
    source = tmp_path / "clients.csv"
    source.write_text("Prénom;Nom;Courriel\nZoë;Lefèvre;zoe@exemple.fr\n", encoding="utf-8")
    result = cli("import", "contacts", str(source), "--delimiter", "tab")
    assert result.code == 2 and result.error_line.endswith(
        "the column names were read as one column: the file's columns seem to be separated by “;”, not by the "
        "separator chosen; give --delimiter ';'")
    assert not shop.exists()  # (nothing written: not even the database made)
    # a file of one column whose names have a comma in them, quoted, is no such mistake: with its own separator or none
    names = tmp_path / "noms.csv"
    names.write_text('"Nom, Prénom"\n"Dupont, Marie"\n"Martin, Paul"\n', encoding="utf-8")
    assert cli("import", "contacts", str(names), "--delimiter", ",").code == 0
    assert rows_in(shop, "contact") == 2


def test_a_file_with_no_column_of_a_customer_is_refused_saying_why(cli, shop, tmp_path):
    no_header = tmp_path / "no_header.csv"
    no_header.write_text("Anna,Schmidt,anna.s@example.de,0171 1111111,Berlin\nBen,Ott,ben@example.de,,Bonn\n")
    for argv in ([], ["--dry-run"]):  # (its first row holds an email: a row of data, not of column names)
        result = cli("import", "contacts", str(no_header), *argv)
        assert result.code == 2 and result.error_line.endswith(
            "the file has no row of column names, so no column goes to a name, company, email or phone until you "
            'say which column holds what, by its number: --map "1=full_name" --map "2=email"...')
    names_only = write_csv(tmp_path / "names_only.csv", [["Ben", "Ott", "Bonn"]], header=["Anna", "Schmidt", "Berlin"])
    result = cli("import", "contacts", str(names_only))  # (a customer read as the column names: nothing tells)
    assert result.code == 2 and "no column goes to a name, company, email or phone" in result.error_line
    assert "“Anna”, “Schmidt”, “Berlin”" in result.error_line and "give --header-row 0" in result.error_line
    sales = write_csv(tmp_path / "sales.csv", [["536365", "6", "12/1/2010 8:26", "2.55"]],
                      header=["InvoiceNo", "Quantity", "InvoiceDate", "UnitPrice"])
    result = cli("import", "contacts", str(sales))
    assert result.code == 2 and "a sales export, not a customer list: import it as purchases" in result.error_line
    orders = write_csv(tmp_path / "orders_export.csv",
                       [["#1003", "anna@example.com", "paid", "25.00", "2026-03-01 10:00:00 +0100", "Anna Weber"]],
                       header=["Name", "Email", "Financial Status", "Total", "Created at", "Billing Name"])
    buyers = cli("import", "contacts", str(orders), "--dry-run")
    assert buyers.code == 0 and "(1 row, utf-8" in buyers.out and "would create 1" in buyers.out
    assert "1 row is a sale: its buyer was read as a customer, the sale is not recorded" in buyers.out
    assert "smallcrm import purchases" in buyers.out
    mapped = cli("import", "contacts", str(no_header), "--map", "1=first_name", "--map", "Column 3=email", "--json")
    assert mapped.code == 0 and mapped.json()["created"] == 2  # Anna too: no row of the file is lost
    assert sorted((c["first_name"], c["emails"][0]) for c in cli("contacts", "list", "--json").json()) == [
        ("Anna", "anna.s@example.de"), ("Ben", "ben@example.de")]
    named = cli("import", "contacts", str(names_only), "--header-row", "0", "--map", "1=first_name", "--json")
    assert named.code == 0 and named.json()["created"] == 2  # Anna, said to be no column names, and Ben
    assert rows_in(shop, "import_batch") == 2


def test_a_sales_file_with_no_row_of_column_names_is_imported_by_column_numbers(cli, shop, tmp_path):
    sales = tmp_path / "sales.csv"
    sales.write_text("R1,2025-04-01,ann@example.com,10.00\nR2,2025-04-02,bob@example.com,20.00\n"
                     "R3,2025-04-03,ann@example.com,30.00\n")
    refused = cli("import", "purchases", str(sales))
    assert refused.code == 1 and refused.error_line.endswith(
        'the file has no row of column names: say which column holds what, by its number: --map "1=date" '
        '--map "2=amount" --map "3=email"...')
    done = cli("import", "purchases", str(sales), "--map", "1=reference", "--map", "2=date", "--map", "3=email",
               "--map", "4=amount", "--create-missing", "--json")
    assert done.code == 0 and done.json()["created"] == 3  # R1 too: the first row is a sale
    assert rows_in(shop, "purchase") == 3


@pytest.mark.parametrize("content, words", [
    (b"", "is empty"),
    (b"First Name,Email\r\n", "has a header row and no rows under it"),
    (b"PK\x03\x04\x14\x00\x06\x00binary", "is not a CSV file"),
    (b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 4, "is not a CSV file"),
    (b"Name,Email\r\nJos\xe9,jose@example.com\r\n" + b"x" * 10, None),
])
def test_bad_files_end_with_one_line(cli, shop, tmp_path, content, words):
    cli("contacts", "add", "--first-name", "Kept")
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    result = cli("import", "contacts", str(path))
    if words is None:  # a Windows-1252 file is read as such: no error at all
        assert result.code == 0, result.err
        return
    assert result.code == 1
    assert words in result.error_line and "nothing was imported" in result.error_line
    assert rows_in(shop, "contact") == 1 and rows_in(shop, "import_batch") == 0


def test_a_failed_first_import_leaves_no_empty_database_behind(cli, shop, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"First Name,Email\r\n")
    result = cli("import", "contacts", str(path))
    assert result.code == 1 and "nothing was imported" in result.error_line
    assert sorted(p.name for p in shop.parent.iterdir()) == ["bad.csv"]


def test_invalid_utf8_with_a_forced_encoding(cli, shop, tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(b"Name,Email\r\nJos\xe9,jose@example.com\r\n")
    result = cli("import", "contacts", str(path), "--encoding", "utf-8")
    assert result.code == 1
    assert "--encoding" in result.error_line and "row 2" in result.error_line


@pytest.mark.parametrize(("text", "written_in", "said"), [
    ("Name,E-mail 1 - Value\nMarie Hébert,marie@example.fr\n", "utf-8",
     "has text written in UTF-8: read as cp1252, “Hébert” would be “HÃ©bert”; leave out --encoding to have it found "
     "from the file; nothing was imported"),
    ("Name,Email\r\nИван Петров,ivan@example.ru\r\n", "cp1251",  # (a Russian till's: the code page found is said)
     "is not written in the encoding it was read in: read as cp1252, “Иван” would be “Èâàí”; leave out --encoding "
     "to have it found from the file (it reads right as cp1251); nothing was imported"),
])
def test_an_encoding_that_would_garble_the_names_is_refused(cli, shop, tmp_path, text, written_in, said):
    path = tmp_path / "customers.csv"
    path.write_bytes(text.encode(written_in))
    result = cli("import", "contacts", str(path), "--encoding", "cp1252")
    assert result.code == 1
    assert result.error_line.endswith(f"customers.csv {said}")
    assert not shop.exists()
    assert cli("import", "contacts", str(path), "--encoding", written_in).code == 0


def test_a_missing_file(cli, tmp_path):
    result = cli("import", "contacts", str(tmp_path / "nope.csv"))
    assert result.code == 1 and "there is no file" in result.error_line


def test_nul_bytes_a_huge_cell_and_ragged_rows(cli, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_bytes(b"First Name,Last Name,Email\r\nAnn,Lee\r\nB\x00ob,Stone,bob@example.com,x\r\n"
                     b"Cy," + b"y" * 1_000_000 + b",cy@example.com\r\n")
    result = cli("import", "contacts", str(path), "--json")
    assert result.code == 0, result.err
    assert (result.json()["created"], result.json()["rejected"]) == (2, 1)
    again = cli("import", "contacts", str(path), "--dry-run")  # in words too, what reading tidied
    assert "note: 1 row had fewer cells than the header: the missing ones were read as empty" in again.out
    assert "note: 1 invisible NUL character (some programs leave them) was removed" in again.out


def test_a_file_with_too_many_rows_is_one_line_and_nothing_imported(cli, shop, tmp_path, monkeypatch):
    from smallcrm.services.importing import reader

    monkeypatch.setattr(reader, "MAX_ROWS", 2)
    path = write_csv(tmp_path / "big.csv", [["Ann", "Lee", "", "", "", ""], ["Bob", "Stone", "", "", "", ""],
                                            ["Cy", "Young", "", "", "", ""]])
    cli("contacts", "add", "--first-name", "Kept")
    result = cli("import", "contacts", str(path))
    assert result.code == 1
    assert result.error_line.endswith("big.csv has more rows than one import takes: more than 2 rows; split it into"
                                      " smaller files and import them one after the other; nothing was imported")
    assert rows_in(shop, "contact") == 1


def test_a_terminal_sees_how_far_a_dry_run_and_an_import_have_got(cli, tmp_path, monkeypatch):
    import sys

    from smallcrm.services.importing import contacts_import as ci

    monkeypatch.setattr(ci, "CHUNK", 2)
    path = write_csv(tmp_path / "five.csv", [[f"Ann{i}", "Lee", f"ann{i}@example.com", "", f"City{i}", ""]
                                             for i in range(5)])
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    dry = cli("import", "contacts", str(path), "--dry-run")
    assert dry.code == 0 and "would create 5" in dry.out
    assert dry.err == "\rsmallcrm: checking contacts…  40%\rsmallcrm: checking contacts…  80%" \
                      "\rsmallcrm: checking contacts… 100%\n"
    done = cli("import", "contacts", str(path))
    assert done.code == 0 and "5 created" in done.out
    assert done.err.startswith("\rsmallcrm: importing contacts…  40%") and done.err.endswith("… 100%\n")


def test_quotes_the_header_row_and_line_ends_can_be_given(cli, shop, tmp_path):
    path = tmp_path / "till.csv"
    path.write_bytes(b"Customer list,,\r\n'First Name','Email','Notes'\r\n'Ann','ann@example.com','one\ntwo'\r\n"
                     b"'Bob, Jr','bob@example.com',x\nstill x\r\n")
    result = cli("import", "contacts", str(path), "--quote", "single", "--header-row", "2", "--line-ends", "crlf",
                 "--json")
    assert result.code == 0, result.err
    assert (result.json()["created"], result.json()["rejected"]) == (2, 0)
    listed = {c["first_name"]: c for c in cli("contacts", "list", "--json").json()}
    assert set(listed) == {"Ann", "Bob, Jr"}
    with closing(sqlite3.connect(shop)) as conn:
        notes = dict(conn.execute("SELECT first_name, notes FROM contact"))
    assert notes == {"Ann": "one\ntwo", "Bob, Jr": "x\nstill x"}
    wrong = cli("import", "contacts", str(path), "--header-row", "9")
    assert wrong.code == 2 and "row 9 of the file is not there" in wrong.error_line
    usage = cli("import", "contacts", str(path), "--header-row", "-1")
    assert usage.code == 2 and "rows are numbered from 1" in usage.err


def test_list_and_undo(cli, customers):
    cli("import", "contacts", str(customers))
    listing = cli("import", "list", "--json")
    assert [(b["id"], b["kind"], b["created"], b["undone_at"]) for b in listing.json()] == [(1, "contacts", 2, None)]
    text = cli("import", "list")
    assert "customers.csv" in text.out and "kept" in text.out
    started = datetime.fromisoformat(listing.json()[0]["started_at"].replace("Z", "+00:00"))
    assert started.astimezone().strftime("%Y-%m-%d %H:%M %Z").strip() in text.out  # in local time
    undo = cli("import", "undo", "1")
    assert undo.code == 0 and "2 contacts removed" in undo.out
    assert cli("contacts", "list", "--json").json() == []
    again = cli("import", "undo", "1")
    assert again.code == 1 and "already undone" in again.error_line and "nothing was undone" in again.error_line
    missing = cli("import", "undo", "7")
    assert missing.code == 1 and "there is no import 7" in missing.error_line


def test_undo_an_older_import_names_the_newer_one(cli, customers, tmp_path):
    cli("import", "contacts", str(customers))
    more = write_csv(tmp_path / "more.csv", [["Ann", "Lee", "ann@example.com", "", "Lyon", ""]],
                     header=["First Name", "Last Name", "Email", "Phone", "City", "Notes"])
    assert cli("import", "contacts", str(more), "--on-duplicate", "overwrite").code == 0
    result = cli("import", "undo", "1")
    assert result.code == 1 and "undo import 2 first" in result.error_line


def test_list_needs_an_existing_database(cli):
    result = cli("import", "list")
    assert result.code == 1 and "no database" in result.error_line


RETAIL = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"]


def test_import_purchases_online_retail(cli, shop, tmp_path):
    source = write_csv(tmp_path / "retail.csv", [
        ["536365", "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "6", "12/1/2010 8:26", "2.55", "17850", "UK"],
        ["536365", "71053", "WHITE METAL LANTERN", "6", "12/1/2010 8:26", "3.39", "17850", "UK"],
        ["C536383", "35004C", "SET OF 3 COLOURED FLYING DUCKS", "-1", "12/1/2010 9:49", "4.65", "17850", "UK"],
        ["536367", "84879", "ASSORTED COLOUR BIRD ORNAMENT", "32", "12/1/2010 8:34", "1.69", "13047", "UK"],
    ], header=RETAIL)
    cli("contacts", "add", "--first-name", "Ann")
    dry = cli("import", "purchases", str(source), "--match", "id", "--currency", "GBP", "--dry-run")
    assert dry.code == 0 and 'no customer found for "17850", "13047"' in dry.out
    skipped = cli("import", "purchases", str(source), "--match", "id", "--currency", "GBP", "--json")
    assert (skipped.json()["created"], skipped.json()["skipped"]) == (0, 3)
    result = cli("import", "purchases", str(source), "--match", "id", "--currency", "GBP", "--create-missing",
                 "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert (data["created"], data["refunds"], data["customers_created"], data["updated"]) == (3, 1, 2, 0)
    assert data["encoding"] == "utf-8" and data["delimiter"] == ","
    assert rows_in(shop, "purchase") == 3
    assert cli("import", "list", "--json").json()[0]["customers_created"] == 2
    assert "3 created (2 new customers), 0 updated" in cli("import", "list").out.splitlines()[0]
    undo = cli("import", "undo", str(data["batch"]))
    assert undo.code == 0 and "3 purchases" in undo.out
    assert rows_in(shop, "purchase") == 0 and rows_in(shop, "contact") == 1
    assert cli("import", "list", "--json").json()[0]["customers_created"] == 2  # what the import did, once undone


def test_the_shops_own_fees_in_online_retail_are_said_to_be_left_out(cli, shop, tmp_path):
    source = write_csv(tmp_path / "retail.csv", [
        ["536365", "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "6", "12/1/2010 8:26", "2.55", "17850", "UK"],
        ["C496350", "AMAZONFEE", "AMAZON FEE", "-1", "12/2/2010 8:04", "5876.40", "", "UK"],
    ], header=RETAIL)
    result = cli("import", "purchases", str(source), "--currency", "GBP", "--create-missing")
    assert result.code == 0 and "1 purchase recorded (0 refunds)" in result.out
    assert ("note: 1 line is the shop's own fee or a bookkeeping adjustment (Amazon's fee, bank charges, bad debt), "
            "not a customer's sale: left out (row 3)") in result.out
    assert rows_in(shop, "purchase") == 1


def test_a_file_imported_again_with_create_missing_says_no_customer_was_created(cli, shop, tmp_path):
    source = write_csv(tmp_path / "sales.csv", [["2026-05-01 10:00", "R1", "ann@example.com", "Ann Lee", "25.00"]],
                       header=["Date", "Receipt", "Email", "Customer", "Total"])
    first = cli("import", "purchases", str(source), "--create-missing")
    assert "1 customer created" in first.out and rows_in(shop, "contact") == 1
    assert cli("contacts", "edit", "1", "--email", "ann.lee@example.com").code == 0  # (the file's no longer finds her)
    again = cli("import", "purchases", str(source), "--create-missing")
    assert again.code == 0 and again.out.startswith("nothing imported from sales.csv: nothing in it is new")
    assert "created" not in again.out and rows_in(shop, "contact") == 1


def test_sales_in_another_currency_than_the_shops_are_said_to_earn_no_points(cli, shop, tmp_path):
    cli("contacts", "add", "--first-name", "Jane", "--email", "jane@example.co.uk")
    source = write_csv(tmp_path / "gbp.csv", [["2026-05-01 10:00", "G1", "jane@example.co.uk", "£25.00"],
                                              ["2026-05-02 10:00", "G2", "jane@example.co.uk", "£600.00"]],
                       header=["Date", "Receipt", "Email", "Total"])
    dry = cli("import", "purchases", str(source), "--dry-run")
    assert ("note: 2 purchases are in GBP, not the shop's currency (EUR): they earn no points, and reports leave them "
            "out; if the shop sells in GBP, choose it under Tools ▸ Settings in the window, then import the file "
            "again") in dry.out
    assert cli("import", "purchases", str(source), "--dry-run", "--json").json()["other_currencies"] == {"GBP": 2}
    result = cli("import", "purchases", str(source))
    assert result.code == 0 and "0 points" in result.out
    assert "then undo import 1 and import the file again" in result.out


def test_a_later_file_that_says_a_due_purchase_is_paid_says_it_is_marked_paid(cli, shop, tmp_path):
    cli("contacts", "add", "--first-name", "Ann", "--email", "ann@example.com")
    header = ["Date", "Order", "Email", "Amount", "Status"]
    cli("import", "purchases", str(write_csv(tmp_path / "march.csv", [
        ["2025-03-05 10:00", "#1006", "ann@example.com", "12.00", "pending"]], header=header)))
    april = write_csv(tmp_path / "april.csv", [["2025-03-05 10:00", "#1006", "ann@example.com", "12.00", "paid"]],
                      header=header)
    dry = cli("import", "purchases", str(april), "--dry-run")
    assert "mark paid 1 purchase imported before as due, skip 0" in dry.out
    result = cli("import", "purchases", str(april))
    assert result.code == 0 and "marked paid 1 purchase imported before as due, 0 skipped" in result.out
    assert "1 updated" in cli("import", "list").out
    again = cli("import", "purchases", str(april))
    assert "1 skipped" in again.out and "\n  skipped 1 purchase: already imported\n" in again.out
    assert cli("import", "purchases", str(april), "--dry-run", "--json").json()["skips"] == {"already imported": 1}


def test_purchases_recorded_without_a_customer_are_said_so(cli, tmp_path):
    cli("contacts", "add", "--first-name", "Jeanne", "--last-name", "Dupont", "--email", "jeanne@example.fr")
    source = write_csv(tmp_path / "p.csv", [["2025-06-01", "R1", "Jeanne Dupont", "", "10.00"],
                                            ["2025-06-01", "R2", "", "jeanne@example.fr", "5.00"]],
                       header=["Date", "Receipt", "Name", "Email", "Amount"])
    dry = cli("import", "purchases", str(source), "--match", "email", "--dry-run")
    assert "would record 2 purchases (0 refunds; 1 without a customer: customers are found by email only)" in dry.out
    assert cli("import", "purchases", str(source), "--match", "email").code == 0
    assert cli("purchases", "show", "1").out.startswith("purchase 1 with no customer: 10.00 EUR")
    assert cli("import", "undo", "1").code == 0
    assert cli("import", "purchases", str(source), "--json").json()["without_customer"] == 0  # R1 by its name


def test_import_purchases_needs_a_date_column(cli, tmp_path):
    cli("contacts", "add", "--first-name", "Ann")
    source = write_csv(tmp_path / "p.csv", [["a@example.com", "5"]], header=["Email", "Total"])
    result = cli("import", "purchases", str(source))
    assert result.code == 1 and "no date column" in result.error_line
    mapped = write_csv(tmp_path / "q.csv", [["2024-01-02", "5"]], header=["Wann", "Total"])
    ok = cli("import", "purchases", str(mapped), "--map", "Wann=date", "--json")
    assert ok.code == 0 and ok.json()["created"] == 1


def test_a_sales_file_read_with_a_separator_it_does_not_use_says_which_it_seems_to_use(cli, shop, tmp_path):
    """Read with tabs, a sales export of semicolons was refused for having no date column, with advice to map one."""
    source = tmp_path / "ventes.csv"
    source.write_text("Date;Email;Montant;Ticket\n2025-03-01;marie@exemple.fr;12,50;T1\n", encoding="utf-8")
    for argv in ([], ["--dry-run"]):
        result = cli("import", "purchases", str(source), "--delimiter", "tab", "--create-missing", *argv)
        assert result.code == 2 and result.error_line.endswith(
            "the column names were read as one column: the file's columns seem to be separated by “;”, not by the "
            "separator chosen; give --delimiter ';'")
    assert not shop.exists()
    done = cli("import", "purchases", str(source), "--delimiter", ";", "--create-missing", "--json")
    assert done.code == 0 and done.json()["created"] == 1


def test_a_worker_process_that_stops_is_one_line_and_exit_1(cli, shop, customers, monkeypatch):
    from smallcrm.services.importing import contacts_import as ci
    from smallcrm.services.importing.deciding import WorkerFailed

    def stopped(*args, **kwargs):
        raise WorkerFailed("the import's worker process stopped")

    monkeypatch.setattr(ci, "import_contacts", stopped)
    result = cli("import", "contacts", str(customers))
    assert result.code == 1 and len(result.err.strip().splitlines()) == 1
    assert "the import's worker process stopped; nothing was imported. Close other programs" in result.err


def test_a_file_of_utf8_and_windows_1252_rows_imports_every_name_intact(cli, tmp_path):
    path = tmp_path / "both.csv"
    path.write_bytes("First Name,Last Name,Email\r\nZoë,Łukasz,zoe@example.com\r\n".encode("utf-8")
                     + "Renée,Ødegård,renee@example.com\r\n".encode("cp1252"))
    result = cli("import", "contacts", str(path), "--json")
    assert result.code == 0, result.err
    assert (result.json()["encoding"], result.json()["created"]) == ("utf-8-or-cp1252", 2)
    listed = cli("contacts", "list", "--json").json()
    assert sorted((c["first_name"], c["last_name"]) for c in listed) == [("Renée", "Ødegård"), ("Zoë", "Łukasz")]
    forced = cli("import", "contacts", str(path), "--encoding", "cp1252", "--dry-run")  # (it would garble the UTF-8)
    assert forced.code == 1 and "read as cp1252, “Zoë” would be “ZoÃ«”" in forced.error_line
    forced = cli("import", "contacts", str(path), "--encoding", "utf-8", "--dry-run")
    assert forced.code == 1 and forced.error_line.endswith(
        "leave out --encoding to have it found from the file, or give another (e.g. --encoding cp1252, or "
        "utf-8-or-cp1252 for a file with rows of both); nothing was imported")


def test_import_contacts_with_a_preset_named_in_any_case(cli, shop, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text("First Name,Last Name,E-mail 1 - Value,Phone 1 - Value\nAnn,Lee,ann@example.com,\n",
                    encoding="utf-8")
    for name in ("Google", "GOOGLE", " google "):
        done = cli("import", "contacts", str(path), "--preset", name, "--dry-run", "--json")
        assert (done.code, done.json()["preset"], done.json()["created"]) == (0, "google", 1)
    assert cli("import", "contacts", str(path), "--preset", "Google-Legacy", "--dry-run", "--json").json()[
        "preset"] == "google_legacy"


def test_import_purchases_with_a_preset_chosen(cli, shop, tmp_path):
    """An Etsy file a spreadsheet saved again with its dates day first: read by its column names, it is asked."""
    path = tmp_path / "etsy.csv"
    path.write_text("Sale Date,Order ID,Full Name,Currency,Order Total,Adjusted Order Total\n"
                    "03/05/2025,1001,Ann Lee,EUR,25.00,\n04/06/2025,1002,Ann Lee,EUR,10.00,\n", encoding="utf-8")
    assert cli("import", "purchases", str(path), "--dry-run", "--json").json()["preset"] == "etsy"  # month first
    asked = cli("import", "purchases", str(path), "--preset", "generic", "--dry-run")
    assert asked.code == 1 and '--date-order "Sale Date=dmy"' in asked.error_line
    done = cli("import", "purchases", str(path), "--preset", "generic", "--date-order", "Sale Date=dmy",
               "--create-missing", "--json")
    assert (done.code, done.json()["preset"], done.json()["created"]) == (0, "generic", 2)
    with sqlite3.connect(shop) as conn:
        assert conn.execute("SELECT occurred_at FROM purchase ORDER BY occurred_at").fetchall() == [
            ("2025-05-03T12:00:00Z",), ("2025-06-04T12:00:00Z",)]
    refused = cli("import", "purchases", str(path), "--preset", "stripe")
    assert refused.code == 2 and refused.error_line.endswith(
        'preset "stripe" cannot be used: the file has no column id, Amount Refunded, Captured of that program\'s '
        'exports')


def test_import_purchases_from_a_french_till_lists_rejects_in_row_order(cli, shop, tmp_path):
    from datetime import date, timedelta

    cli("contacts", "add", "--first-name", "Marie", "--last-name", "Dupont", "--email", "marie.dupont@exemple.fr")
    future = (date.today() + timedelta(days=5)).strftime("%d/%m/%Y")
    source = tmp_path / "caisse.csv"
    source.write_bytes((
        "N° de ticket;Date de vente;Client;E-mail client;Montant TTC;Moyen de paiement;Statut\r\n"
        "T-1;15/03/2025 10:15;Marie Dupont;marie.dupont@exemple.fr;2,40;Carte bancaire;Payé\r\n"
        f"T-2;{future} 10:00;Marie Dupont;marie.dupont@exemple.fr;3,00;Espèces;Payé\r\n"
        "T-3;16/03/2025 11:00;Marie Dupont;marie.dupont@exemple.fr;0,00;Espèces;Payé\r\n"
        "T-4;17/03/2025 12:00;;;150 000 000 000,00;Espèces;Payé\r\n"
        "T-5;20/03/2025 18:30;;;12,00;Espèces;En attente\r\n").encode("cp1252"))
    wanted = [(3, "the date is in the future", "Date de vente"), (5, "the amount is too large", "Montant TTC")]
    dry = cli("import", "purchases", str(source), "--dry-run", "--json")
    assert dry.code == 0, dry.err
    assert [(r["row"], r["reason"], r["column"]) for r in dry.json()["rejects"]] == wanted
    result = cli("import", "purchases", str(source), "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert (data["created"], data["rejected"], data["skipped"], data["delimiter"]) == (2, 2, 1, ";")
    assert [(r["row"], r["reason"], r["column"]) for r in data["rejects"]] == wanted
    with closing(sqlite3.connect(shop)) as conn:
        stored = conn.execute("SELECT p.reference, p.total_minor, p.payment_method, p.status, c.first_name"
                              " FROM purchase p LEFT JOIN contact c ON c.id = p.contact_id"
                              " ORDER BY p.occurred_at").fetchall()
    assert stored == [("T-1", 240, "Carte bancaire", "paid", "Marie"), ("T-5", 1200, "Espèces", "due", None)]


def test_a_file_imported_before_is_pointed_out_under_any_name_until_that_import_is_undone(cli, customers, tmp_path):
    assert "already imported" not in cli("import", "contacts", str(customers)).err
    copy = tmp_path / "copy.csv"
    copy.write_bytes(customers.read_bytes())
    again = cli("import", "contacts", str(copy), "--dry-run", "--json")
    assert again.code == 0 and again.json()["skipped"] == 2  # standard output stays JSON
    assert "note: this file was already imported, as customers.csv, on " in again.err
    assert "(import 1)" in again.err and "undo that import first: smallcrm import undo 1" in again.err
    cli("import", "undo", "1")
    assert "already imported" not in cli("import", "contacts", str(copy), "--dry-run").err


def test_what_goes_to_the_notes_is_counted_in_words(cli, tmp_path):
    path = write_csv(tmp_path / "notes.csv", [["Ann", "Lee", "", "call me", "Paris", "31/02/1990"],
                                              ["Bob", "Stone", "", "n° 5", "Leeds", ""]])
    result = cli("import", "contacts", str(path))
    assert result.code == 0 and "2 created" in result.out
    assert "  note: 2 customers: a phone number that cannot be read went to their notes" in result.out
    assert "  note: 1 customer: a birthday that is not a date went to their notes" in result.out


def test_addresses_written_whole_in_one_cell_are_read_as_their_parts_and_counted(cli, tmp_path):
    path = write_csv(tmp_path / "clients.csv", [["Marie", "Dupont", "12 rue des Lilas\n75011 Paris"],
                                                ["Luc", "Martin", "5 place Bellecour"]],
                     header=["Prénom", "Nom", "Adresse"])
    result = cli("import", "contacts", str(path), "--region", "FR", "--json")
    assert result.code == 0 and json.loads(result.out)["warnings"] == {"whole_address": 1}
    marie = json.loads(cli("contacts", "show", "1", "--json").out)
    assert (marie["street"], marie["postal_code"], marie["city"]) == ("12 rue des Lilas", "75011", "Paris")
    assert json.loads(cli("contacts", "show", "2", "--json").out)["street"] == "5 place Bellecour"
    cli("import", "undo", str(json.loads(result.out)["batch"]))
    again = cli("import", "contacts", str(path), "--region", "FR", "--dry-run")
    assert ("  note: 1 customer: their address, written whole in one cell, was read as its street, postal code and "
            "town") in again.out


def test_an_unsubscribe_takes_consent_back_and_says_so(cli, tmp_path):
    cli("contacts", "add", "--first-name", "Ann", "--last-name", "Lee", "--email", "ann@example.com",
        "--email-consent", "at the counter")
    path = write_csv(tmp_path / "mailing.csv", [["Ann", "Lee", "ann@example.com", "unsubscribed"]],
                     header=["First Name", "Last Name", "Email", "Email Subscription Status"])
    result = cli("import", "contacts", str(path), "--on-duplicate", "fill", "--json")
    assert result.code == 0 and json.loads(result.out)["warnings"] == {"consent_withdrawn": 1}
    shown = json.loads(cli("contacts", "show", "1", "--json").out)
    assert shown["email_consent"] is False
    cli("import", "undo", str(json.loads(result.out)["batch"]))
    again = cli("import", "contacts", str(path), "--on-duplicate", "fill", "--dry-run")
    assert "  note: 1 customer: marketing consent withdrawn: the file says they unsubscribed" in again.out


def test_numbers_of_another_country_than_region_are_pointed_out_with_the_region_they_are_of(cli, tmp_path):
    path = write_csv(tmp_path / "clients.csv", [["Zoë", "Roux", "", "06 12 34 56 78", "Paris", ""],
                                                ["Ana", "Petit", "", "01 42 68 53 00", "Lyon", ""],
                                                ["Luc", "Morel", "", "07 81 22 33 44", "Nice", ""]])
    dry = cli("import", "contacts", str(path), "--region", "GB", "--dry-run")
    assert "  note: of the first 3 phone numbers, 3 are not numbers of GB: they are kept as typed" in dry.out
    assert "  they are numbers of FR: import with --region FR" in dry.out
    done = cli("import", "contacts", str(path), "--region", "GB", "--json")
    assert json.loads(done.out)["phone_hint"] == {"unread": 3, "looked_at": 3, "region": "FR"}
    # the same file again changes no one: undoing that import would not help, the first one's would
    twice = cli("import", "contacts", str(path), "--region", "GB")
    assert ("  they are numbers of FR: this import changed no customer; undo the import that brought them in"
            in twice.out) and "undo this import" not in twice.out
    cli("import", "undo", "1")
    again = cli("import", "contacts", str(path), "--region", "FR")
    assert again.code == 0 and "phone numbers" not in again.out


def test_import_purchases_names_the_customers_it_cannot_find(cli, shop, tmp_path):
    source = write_csv(tmp_path / "orders.csv", [
        ["2025-03-01 10:00", "R-1", "zoe@example.fr", "Zoë Lefèvre", "12.00"],
        ["2025-03-02 10:00", "R-2", "bob@example.com", "", "8.00"],
    ], header=["Date", "Receipt", "Email", "Customer Name", "Amount"])
    dry = cli("import", "purchases", str(source), "--dry-run")
    assert dry.code == 0 and 'no customer found for "zoe@example.fr" (Zoë Lefèvre), "bob@example.com"' in dry.out
    data = cli("import", "purchases", str(source), "--dry-run", "--json").json()
    assert [(u["customer"], u["name"]) for u in data["unmatched"]] == [("zoe@example.fr", "Zoë Lefèvre"),
                                                                       ("bob@example.com", "")]
    done = cli("import", "purchases", str(source), "--json").json()  # (the import says the same as its dry run)
    assert done["unmatched"] == data["unmatched"]


def test_amounts_in_dollars_without_a_currency_say_how_to_give_it(cli, shop, tmp_path):
    source = write_csv(tmp_path / "sales.csv", [["2026-10-01 10:00", "R1", "$12.00"]],
                       header=["Date", "Receipt", "Total"])
    dry = cli("import", "purchases", str(source), "--dry-run")
    assert "say which is the currency of rows without one" in dry.out
    assert "  (the currency of rows without one is given with --currency, e.g. --currency USD)" in dry.out
    done = cli("import", "purchases", str(source), "--currency", "USD", "--json")
    assert done.json()["created"] == 1 and done.json()["rejected"] == 0


def test_a_utf8_file_with_bytes_of_no_encoding_is_told_how_to_go_on_and_keeps_no_control_character(cli, shop, tmp_path):
    """"Ma\\x81rc": bytes Windows-1252 leaves undefined, in a UTF-8 list. Read as UTF-8 with Windows-1252 rows, they
    are dropped (no keyboard types them), not stored as invisible characters."""
    source = tmp_path / "joined.csv"
    source.write_bytes("First Name,Last Name,Email\nHélène,Dupré,h@example.com\n".encode()
                       + b"Ma\x81rc,Dub\x8dois,m@example.com\n")
    refused = cli("import", "contacts", str(source))
    assert refused.code == 1 and "--encoding: utf-8-or-cp1252 for a file of UTF-8 with some rows" in refused.error_line
    assert cli("import", "contacts", str(source), "--encoding", "utf-8-or-cp1252").code == 0
    with closing(sqlite3.connect(shop)) as conn:
        names = sorted(conn.execute("SELECT first_name, last_name FROM contact"))
    assert names == [("Hélène", "Dupré"), ("Marc", "Dubois")]


def test_a_short_hebrew_list_of_excel_for_windows_keeps_its_names_with_the_country_given(cli, shop, tmp_path):
    """A few short Hebrew names in Windows' Hebrew code page read as Cyrillic words too: --region IL (the country
    of the numbers) tells which."""
    source = tmp_path / "lakohot.csv"
    source.write_bytes("First Name,Last Name,Phone\r\nדוד,כהן,054-765-4321\r\nשרה,לוי,052-765-4321\r\n"
                       .encode("cp1255"))
    result = cli("import", "contacts", str(source), "--region", "IL", "--json")
    assert result.code == 0 and result.json()["encoding"] == "cp1255"
    with closing(sqlite3.connect(shop)) as conn:
        names = sorted(conn.execute("SELECT first_name, last_name FROM contact"))
        phones = sorted(e164 for (e164,) in conn.execute("SELECT e164 FROM contact_phone"))
    assert names == [("דוד", "כהן"), ("שרה", "לוי")]
    assert phones == ["+972527654321", "+972547654321"]


def test_a_japanese_list_of_excel_for_windows_goes_to_the_fields_its_column_names_say(cli, shop, tmp_path):
    source = tmp_path / "kokyaku.csv"
    source.write_bytes("姓,名,フリガナ,メールアドレス,電話番号,住所\r\n"
                       "山田,太郎,ヤマダ タロウ,taro@example.jp,090-1234-5678,東京都千代田区1-1\r\n".encode("cp932"))
    result = cli("import", "contacts", str(source), "--region", "JP", "--json")
    assert result.code == 0 and result.json()["created"] == 1
    with closing(sqlite3.connect(shop)) as conn:
        assert conn.execute("SELECT last_name, first_name, street, notes FROM contact").fetchall() == [
            ("山田", "太郎", "東京都千代田区1-1", "フリガナ: ヤマダ タロウ")]
        assert conn.execute("SELECT e164 FROM contact_phone").fetchall() == [("+819012345678",)]
        assert conn.execute("SELECT email FROM contact_email").fetchall() == [("taro@example.jp",)]


def test_a_file_cut_short_and_filled_with_nul_bytes_is_said_to_be_so_and_its_rows_imported(cli, shop, tmp_path):
    source = tmp_path / "synced.csv"
    source.write_bytes("First Name,Last Name\nHélène,Dupré\nMarie,Lefèvre\n".encode() + b"\x00" * 4096)
    result = cli("import", "contacts", str(source), "--json")
    assert result.code == 0 and result.json()["created"] == 2 and result.json()["warnings"] == {"nul_tail": 1}
    result = cli("import", "contacts", str(source), "--on-duplicate", "create")
    assert ("note: the file ends in blank (NUL) bytes instead of text: it was cut short when it was saved, copied "
            "or synced, and rows may be missing after its last one") in result.out
    assert "invisible NUL" not in result.out


def test_a_column_of_email_addresses_under_a_name_header_is_imported_as_the_email(cli, shop, tmp_path):
    source = tmp_path / "stall.csv"
    source.write_text("Client,Contact\nAna Lima,ana@lima.pt\nBen Okafor,ben@okafor.ng\n", encoding="utf-8")
    dry = cli("import", "contacts", str(source), "--dry-run", "--json").json()
    assert [c["field"] for c in dry["columns"]] == ["full_name", "email"]
    assert cli("import", "contacts", str(source), "--map", "Contact=note").code == 0  # (the owner's say wins)
    with closing(sqlite3.connect(shop)) as conn:
        assert conn.execute("SELECT notes FROM contact ORDER BY id").fetchall() == [
            ("Contact: ana@lima.pt",), ("Contact: ben@okafor.ng",)]


def test_a_file_cut_short_in_a_letter_is_said_to_be_and_its_last_row_rejected(cli, shop, tmp_path):
    source = tmp_path / "cut.csv"
    source.write_bytes("First Name,Last Name\nHélène,Dupré\nMarie,Lef".encode() + "è".encode()[:1])
    result = cli("import", "contacts", str(source))
    assert result.code == 0 and result.out.startswith("imported cut.csv")
    assert "note: the file ends in the middle of a letter: it was cut short" in result.out
    assert ('rejected row 3, column "Last Name": "Lef\ufffd" a letter cannot be read (it shows as “\ufffd”)'
            in result.out)
    with closing(sqlite3.connect(shop)) as conn:
        assert sorted(conn.execute("SELECT first_name, last_name FROM contact")) == [("Hélène", "Dupré")]
    asked = cli("import", "contacts", str(source), "--dry-run", "--json")
    assert asked.json()["warnings"] == {"cut_letter": 1} and asked.json()["encoding"] == "utf-8"


def test_a_purchases_import_points_out_a_column_of_the_amount_with_its_tax(cli, shop, tmp_path):
    source = tmp_path / "belege.csv"
    source.write_text("Datum;Beleg;Betrag;MwSt;Gesamtbetrag\n01.03.2025;1;10,00;1,90;11,90\n", encoding="utf-8")
    result = cli("import", "purchases", str(source), "--dry-run")
    assert ('note: "Gesamtbetrag" is "Betrag" with its tax added: the amounts recorded are "Betrag", before tax; to '
            'record what customers paid, give --map "Gesamtbetrag=amount"') in result.out
    asked = cli("import", "purchases", str(source), "--map", "Gesamtbetrag=amount", "--json")
    assert asked.json()["created"] == 1 and asked.json()["with_tax"] is None
    with closing(sqlite3.connect(shop)) as conn:
        assert list(conn.execute("SELECT total_minor FROM purchase")) == [(1190,)]


def test_a_purchases_import_says_how_the_file_was_read_and_what_reading_tidied(cli, shop, tmp_path):
    source = tmp_path / "sales.csv"
    source.write_text('Date;Order;Email;Amount;Note\n2025-01-02;1001;a@example.com;10,00;"gift\n'
                      "2025-01-03;1002;b@example.com;20,00;ok;extra\n2025-01-04;1003;c@example.com;30,00;ok\n",
                      encoding="utf-8")
    result = cli("import", "purchases", str(source), "--create-missing", "--currency", "EUR")
    assert result.code == 0
    assert result.out.startswith("imported sales.csv (utf-8, semicolon): 3 purchases recorded")  # (none run together)
    assert "note: 1 quote was never closed" in result.out and "; check that row (row 2)\n" in result.out
    assert "note: 1 row had more cells than the header: the extra ones were left out (row 3)\n" in result.out
    asked = cli("import", "purchases", str(source), "--dry-run", "--json")
    assert asked.json()["warnings"] == {"stray_quotes": 1, "long_rows": 1}
    assert asked.json()["warning_rows"] == {"stray_quotes": [2], "long_rows": [3]}  # (where to look)
    source.write_text("Date,Email,Item,Amount\n2025-01-05,a@example.com," + "Gift basket " * 100 + ",45.00\n",
                      encoding="utf-8")
    cut = cli("import", "purchases", str(source), "--dry-run")
    assert "note: 1 item was over 1,000 characters: it was cut to 1,000\n" in cut.out


def test_a_purchases_import_of_customers_not_in_the_book_says_whose_and_how_to_create_them(cli, shop, tmp_path):
    """Nothing recorded, as every sale's customer is unknown: not "nothing in it is new", but whose they are, and
    --create-missing; a refund that names no customer is its sale's customer's, left out with it, then made with it;
    one of more than is left of its sale is named."""
    source = tmp_path / "square.csv"
    source.write_text("Date,Transaction ID,Amount,Email\n2025-07-18 10:00,TX1,10.00,zoe@example.com\n"
                      "2025-07-20 09:00,TX1,-4.00,\n2025-07-21 09:00,TX1,-7.00,\n", encoding="utf-8")
    result = cli("import", "purchases", str(source))
    assert result.out.startswith('nothing imported from square.csv (3 skipped), and no import was recorded; no '
                                 'customer found for "zoe@example.com" (--create-missing creates them)\n')
    assert "skipped 3 purchases: no customer with this email" in result.out
    done = cli("import", "purchases", str(source), "--create-missing")
    assert done.out.startswith("imported square.csv (utf-8, comma): 3 purchases recorded (2 refunds), 0 skipped")
    assert ("note: 1 refund paid back more than was left of the sale under its number: recorded as a refund of its "
            "own, not of that sale; check that row (row 4)\n") in done.out
    with closing(sqlite3.connect(shop)) as conn:
        assert sorted(conn.execute("SELECT total_minor, refund_of_id IS NOT NULL, contact_id FROM purchase")) == [
            (-700, 0, 1), (-400, 1, 1), (1000, 0, 1)]


def test_files_put_one_after_another_are_said_and_their_shared_sales_counted_once(cli, tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("First Name,Email\nAnn,ann@x.fr\nFirst Name,Email\nBob,bob@x.fr\n", encoding="utf-8")
    result = cli("import", "contacts", str(people))
    assert result.code == 0 and "0 rejected" in result.out
    assert ("note: 1 row repeated the column names (files put one after another?): left out (row 3)"
            in result.out)
    sales = tmp_path / "sales.csv"
    sales.write_text("Date,Email,Total,Receipt\n2026-03-02 11:00,bob@x.fr,8.00,1002\n"
                     "Date,Email,Total,Receipt\n2026-03-02 11:00,bob@x.fr,8.00,1002\n", encoding="utf-8")
    result = cli("import", "purchases", str(sales), "--json")
    assert result.code == 0 and result.json()["created"] == 1
    assert result.json()["warnings"] == {"repeated_headers": 1, "repeated_sales": 1}
    assert result.json()["warning_rows"] == {"repeated_headers": [3], "repeated_sales": [4]}


def test_a_file_whose_every_row_is_rejected_records_no_import_and_says_so(cli, tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("First Name,Email\nAnn,ann@\nBob,bob@@x\n", encoding="utf-8")
    result = cli("import", "contacts", str(people))
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "nothing imported from people.csv: all 2 rows were rejected, and no import was recorded; correct them in the "
        "file (or save them with --rejects OUT.csv and correct them there) and import again")
    assert 'rejected row 2, column "Email": "ann@" invalid email' in result.out
    sales = tmp_path / "sales.csv"
    sales.write_text("Date,Email,Total,Receipt\nyesterday-ish,ann@x.fr,1.00,1\n", encoding="utf-8")
    result = cli("import", "purchases", str(sales), "--json")
    assert result.code == 1 and result.json()["batch"] is None and result.json()["rejected"] == 1
    assert cli("import", "list", "--json").json() == []
    # a row imported: an import; the same file again, every row skipped: no new import, and not an error
    people.write_text("First Name,Email\nAnn,ann@x.fr\nBob,bob@@x\n", encoding="utf-8")
    assert cli("import", "contacts", str(people)).code == 0
    again = cli("import", "contacts", str(people))
    assert again.code == 0
    assert again.out.splitlines()[0] == (
        "nothing imported from people.csv: nothing in it is new (1 skipped, 1 rejected), and no import was recorded; "
        "correct it in the file (or save it with --rejects OUT.csv and correct it there) and import again")
    assert len(cli("import", "list", "--json").json()) == 1


def test_undo_says_what_it_put_back_in_words_of_one_and_many(cli, shop, tmp_path):
    """An undone import that had marked a due purchase paid said "0 contacts removed, 0 restored", and one of one
    customer "1 contacts removed"."""
    cli("contacts", "add", "--first-name", "Ann", "--email", "ann@example.com")
    header = ["Date", "Order", "Email", "Amount", "Status"]
    cli("import", "purchases", str(write_csv(tmp_path / "march.csv", [
        ["2025-03-05 10:00", "#1006", "ann@example.com", "12.00", "pending"]], header=header)))
    april = write_csv(tmp_path / "april.csv", [["2025-03-05 10:00", "#1006", "ann@example.com", "12.00", "paid"],
                                               ["2025-04-01 10:00", "#1007", "bo@example.com", "5.00", "paid"]],
                      header=header)
    batch = cli("import", "purchases", str(april), "--create-missing", "--json").json()["batch"]
    undone = cli("import", "undo", str(batch))
    assert undone.code == 0
    assert undone.out.strip() == (f"import {batch} undone: 1 contact removed, 0 restored, 1 purchase and 1 points row "
                                  "removed, 1 purchase it marked paid due again")
    assert cli("purchases", "show", "1", "--json").json()["status"] == "due"


def test_a_customer_list_given_to_import_purchases_is_said_to_be_one(cli, tmp_path):
    """It was told to undo the import of it as customers, then to map a date column."""
    people = tmp_path / "people.csv"
    people.write_text("First Name,Last Name,Email\nAnn,Smith,ann@x.fr\n", encoding="utf-8")
    assert cli("import", "contacts", str(people)).code == 0
    result = cli("import", "purchases", str(people))
    assert result.code == 1 and result.err.count("\n") == 1  # one line: no note of an import to undo
    assert result.error_line.endswith("; the file looks like a list of customers: import it with smallcrm import "
                                      "contacts")


def test_import_purchases_maps_columns_as_import_contacts_does(cli, tmp_path):
    """By a header with "=" in it, and by the column's number; "Kunde=Mail=email" said the file had no column
    "Kunde", and "3=amount" no column "3"."""
    cli("contacts", "add", "--first-name", "Ann", "--email", "ann@x.fr")
    sales = tmp_path / "kasse.csv"
    sales.write_text("Datum,Kunde=Mail,Wert\n2026-03-01 10:00,ann@x.fr,12.50\n", encoding="utf-8")
    result = cli("import", "purchases", str(sales), "--map", "Kunde=Mail=email", "--map", "3=amount", "--json")
    assert result.code == 0, result.err
    assert (result.json()["created"], result.json()["points"]) == (1, 12)
    wrong = cli("import", "purchases", str(sales), "--map", "Betrag=amount")
    assert wrong.code == 2 and "the file has no column “Betrag”; it has Datum, Kunde=Mail, Wert" in wrong.error_line


def test_the_row_to_correct_of_a_long_receipt_left_out_is_shown_first(cli, tmp_path):
    """The receipt's other rows, each "another row of this receipt was rejected", filled the ten lines shown."""
    rows = "".join(f"2026-03-01 10:00,R1,ann@x.fr,Item {i},{'4.5O' if i == 13 else '1.00'}\n" for i in range(1, 14))
    sales = tmp_path / "sales.csv"
    sales.write_text("Date,Receipt,Email,Item,Amount\n" + rows, encoding="utf-8")
    result = cli("import", "purchases", str(sales), "--create-missing")
    lines = [line for line in result.out.splitlines() if line.startswith("  rejected")]
    assert lines[0] == '  rejected row 14, column "Amount": "4.5O" not an amount'
    assert len(lines) == 10 and "… and 3 more rejected rows" in result.out


@pytest.mark.parametrize("delimiter", ["x", "7", ",,", '"'])
def test_a_separator_that_cannot_be_one_says_what_can(cli, tmp_path, delimiter):
    """"x" was refused as not "one character", which it is."""
    people = tmp_path / "people.csv"
    people.write_text("First Name,Email\nAnn,ann@x.fr\n", encoding="utf-8")
    result = cli("import", "contacts", str(people), "--delimiter", delimiter)
    assert result.code == 2
    assert result.error_line.endswith("one sign such as , ; | or tab, not a letter, a digit or a quote")


PHONE_CONTACTS = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lee;Ann;;;\r\nFN:Ann Lee\r\nTEL;TYPE=CELL:06 12 34 56 78\r\n"
                  "EMAIL;TYPE=HOME:ann@example.com\r\nEND:VCARD\r\n"
                  "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Stone;Bob;;;\r\nFN:Bob Stone\r\nTEL;TYPE=WORK,FAX:01 23 45 67 89\r\n"
                  "this line is no property\r\nEND:VCARD\r\n")


def test_a_phones_contacts_in_a_vcard_file_are_imported_and_said_to_be_a_vcard(cli, tmp_path):
    path = tmp_path / "Contacts.vcf"
    path.write_text(PHONE_CONTACTS, encoding="utf-8", newline="")
    dry = cli("import", "contacts", str(path), "--region", "FR", "--dry-run")
    assert dry.code == 0, dry.err
    assert "dry run of Contacts.vcf (2 contacts, utf-8, vCard, preset vcard): would create 2" in dry.out
    assert "1 line of a contact is not a vCard line (name:value) and was left out; check that contact in the file " \
           "(contact 2)" in dry.out
    result = cli("import", "contacts", str(path), "--region", "FR", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert (data["created"], data["delimiter"], data["preset"]) == (2, None, "vcard")
    listed = {c["first_name"]: c for c in cli("contacts", "list", "--json").json()}
    assert listed["Ann"]["phones"] == ["+33612345678"] and listed["Bob"]["phones"] == []


def test_a_vcard_file_imported_as_purchases_is_refused_in_one_line(cli, tmp_path):
    path = tmp_path / "Contacts.vcf"
    path.write_text(PHONE_CONTACTS, encoding="utf-8", newline="")
    result = cli("import", "purchases", str(path))
    assert result.code == 1
    assert result.error_line == (f"smallcrm: error: {path} is a vCard file of contacts, not a list of sales; import it "
                                 "with `smallcrm import contacts`; nothing was imported")
