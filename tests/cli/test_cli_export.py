"""`smallcrm export contacts|purchases`: the file, the line it prints, one line and exit 1 or 2 on a mistake."""

from __future__ import annotations

import csv
import json

import pytest
import vobject


@pytest.fixture
def two(add, cli):
    ann = add("--first-name", "Ann", "--last-name", "Lee", "--email", "ann@example.com", "--tag", "VIP",
              "--email-consent", "at the counter")
    bob = add("--first-name", "=Bob", "--last-name", "Marsh", "--phone", "+44 20 7946 0958")
    return ann, bob


def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_contacts_to_csv_by_default_only_those_who_agreed_to_email_marketing(cli, two, tmp_path):
    out = tmp_path / "mailing.csv"
    result = cli("export", "contacts", str(out))
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"1 contact written to {out} (CSV; only customers who agreed to email marketing)",
        "1 contact left out: they have not agreed to email marketing (add --everyone to include them)",
    ]
    assert [(r["First Name"], r["Email consent source"]) for r in rows(out)] == [("Ann", "at the counter")]


def test_everyone_when_told(cli, two, tmp_path):
    out = tmp_path / "all.csv"
    result = cli("export", "contacts", str(out), "--everyone")
    assert result.code == 0, result.err
    assert result.out.strip() == f"2 contacts written to {out} (CSV; everyone, whether or not they agreed to marketing)"
    assert [(r["First Name"], r["Customer number"]) for r in rows(out)] == [("Ann", str(two[0])),
                                                                          ("'=Bob", str(two[1]))]


def test_a_search_and_a_vcard_version(cli, two, tmp_path):
    out = tmp_path / "vip.vcf"
    result = cli("export", "contacts", str(out), "--search", "vip", "--vcard-version", "3.0")
    assert result.code == 0, result.err
    assert "1 contact written" in result.out and "vCard 3.0" in result.out
    (card,) = vobject.readComponents(out.read_text(encoding="utf-8"))
    assert card.version.value == "3.0" and card.fn.value == "Ann Lee"


def test_nobody_agreed_exits_1_and_writes_nothing(cli, two, tmp_path):
    out = tmp_path / "texts.csv"
    result = cli("export", "contacts", str(out), "--consenting", "sms")
    assert result.code == 1
    assert result.error_line == ("smallcrm: error: nothing was exported: none of the 2 contacts has agreed to "
                                 "SMS marketing; add --everyone to export them all")
    assert not out.exists()


def test_purchases_to_csv(cli, two, tmp_path):
    assert cli("purchases", "add", str(two[0]), "--amount", "25.50", "--currency", "EUR",
               "--at", "2024-05-01 10:00").code == 0
    assert cli("purchases", "add", str(two[1]), "--amount", "5", "--currency", "EUR",
               "--at", "2024-06-01 10:00").code == 0
    out = tmp_path / "may.csv"
    result = cli("export", "purchases", str(out), "--from", "2024-05-01", "--to", "2024-05-31")
    assert result.code == 0, result.err
    assert result.out.strip() == f"1 purchase or refund written to {out}, a row for each item"
    assert [(r["Customer ID"], r["Amount"], r["Currency"]) for r in rows(out)] == [(str(two[0]), "25.50", "EUR")]


def test_purchases_import_back_with_their_items_and_refunds(cli, two, tmp_path):
    added = cli("purchases", "add", str(two[0]), "--item", "Tea;2;4.50", "--item", "Mug, blue;1;9.00",
                "--currency", "EUR", "--at", "2024-05-01 10:00", "--json")
    assert cli("purchases", "refund", str(json.loads(added.out)["id"]), "--amount", "4.50").code == 0
    out, contacts = tmp_path / "purchases.csv", tmp_path / "contacts.csv"
    result = cli("export", "purchases", str(out))
    assert result.out.strip() == f"2 purchases and refunds written to {out}, a row for each item"
    assert [(r["Item"], r["Quantity"], r["Amount"]) for r in rows(out)] == [
        ("Tea", "2", "18.00"), ("Mug, blue", "1", ""), ("", "-1", "-4.50")]
    assert cli("export", "contacts", str(contacts), "--everyone").code == 0
    other = tmp_path / "other.sqlite"
    assert cli("import", "contacts", str(contacts), db=other).code == 0
    imported = cli("import", "purchases", str(out), "--json", db=other)
    assert imported.code == 0, imported.err
    assert (json.loads(imported.out)["created"], json.loads(imported.out)["refunds"]) == (2, 1)
    sale, refund = (json.loads(cli("purchases", "show", n, "--json", db=other).out) for n in ("1", "2"))
    assert [(i["description"], i["quantity"], i["unit_price_minor"]) for i in sale["items"]] == [
        ("Tea", 2, 450), ("Mug, blue", 1, 900)]
    assert (refund["refund_of"], refund["total_minor"], sale["refunded_minor"]) == (1, -450, 450)


def test_a_refund_in_a_later_part_of_an_export_is_linked_once_its_sales_part_is_imported_and_said_if_not(cli, two,
                                                                                                      tmp_path):
    added = cli("purchases", "add", str(two[0]), "--amount", "30", "--currency", "EUR", "--at", "2024-05-30 10:00",
                "--json")
    assert cli("purchases", "refund", str(json.loads(added.out)["id"]), "--amount", "10").code == 0  # (today)
    may, june, contacts = tmp_path / "may.csv", tmp_path / "june.csv", tmp_path / "contacts.csv"
    assert cli("export", "purchases", str(may), "--to", "2024-05-31").code == 0
    assert cli("export", "purchases", str(june), "--from", "2024-06-01").code == 0
    assert cli("export", "contacts", str(contacts), "--everyone").code == 0
    other = tmp_path / "other.sqlite"
    assert cli("import", "contacts", str(contacts), db=other).code == 0
    alone = cli("import", "purchases", str(june), "--dry-run", db=other)
    assert ("note: 1 refund names under “Refund of” a purchase neither in the file nor imported before: recorded as "
            "a refund of no purchase (import the file with that purchase first, then undo this import and import it "
            "again) (row 2)") in alone.out
    assert cli("import", "purchases", str(may), db=other).code == 0
    imported = cli("import", "purchases", str(june), db=other)
    assert imported.code == 0 and "note:" not in imported.out
    refund = json.loads(cli("purchases", "show", "2", "--json", db=other).out)
    assert (refund["refund_of"], refund["total_minor"]) == (1, -1000)


@pytest.mark.parametrize(("args", "words"), [
    (["contacts", "{dir}/out.txt"], "must end in .csv"),
    (["contacts", "{dir}/out.csv", "--vcard-version", "3.0"], "--vcard-version is for .vcf files"),
    (["contacts", "{dir}/out.vcf", "--vcard-version", "2.1"], "invalid choice"),
    (["contacts", "{dir}/out.csv", "--consenting", "post"], "invalid choice"),
    (["contacts", "{dir}/out.csv", "--consenting", "sms", "--everyone"], "not allowed with"),
    (["purchases", "{dir}/out.vcf"], "end the name in .csv"),
    (["purchases", "{dir}/out.csv", "--from", "1st May"], "YYYY-MM-DD"),
    (["purchases", "{dir}/out.csv", "--from", "2024-05-02", "--to", "2024-05-01"], "comes before"),
    (["contacts"], "required"),
])
def test_usage_mistakes_exit_2_with_one_line(cli, two, tmp_path, args, words):
    result = cli("export", *(a.format(dir=tmp_path) for a in args))
    assert result.code == 2
    assert words in result.error_line
    assert not list(tmp_path.glob("out*")) and not list(tmp_path.glob(".out*"))


def test_an_unknown_segment_exits_1(cli, two, tmp_path):
    result = cli("export", "contacts", str(tmp_path / "out.csv"), "--segment", "champs")
    assert result.code == 1
    assert 'there is no segment "champs"' in result.error_line and "champions" in result.error_line
    assert not (tmp_path / "out.csv").exists()


def test_a_folder_that_is_not_there_exits_1(cli, two, tmp_path):
    result = cli("export", "contacts", str(tmp_path / "missing" / "out.csv"))
    assert result.code == 1
    assert "nothing was exported: cannot write" in result.error_line


def test_a_folder_in_the_way_exits_1_and_leaves_nothing(cli, two, tmp_path):
    (tmp_path / "out.csv").mkdir()
    result = cli("export", "purchases", str(tmp_path / "out.csv"))
    assert result.code == 1
    assert "nothing was exported: cannot write" in result.error_line
    assert not list(tmp_path.glob(".out.csv*"))


def test_no_database_exits_1(cli, tmp_path):
    result = cli("export", "contacts", str(tmp_path / "out.csv"))
    assert result.code == 1
    assert "there is no database" in result.error_line
