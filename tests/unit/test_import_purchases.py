"""Importing purchases: receipts from line rows, Online Retail cancellations as refunds, customers found
by email, phone, id or name (or created), points by the loyalty rules, and an undo that removes it all."""

from __future__ import annotations

import csv
import pickle
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from smallcrm.errors import InvalidValue, NotAllowed, UndoRefused
from smallcrm.services import contacts as contacts_service, loyalty, money, purchases, referrals
from smallcrm.services.contacts import ContactInput, add_contact, contact_ids, get_contact
from smallcrm.services.importing import cleaning, contacts_import as ci, purchases_import as pi
from smallcrm.services.loyalty import LoyaltyRules, points_balance, set_rules
from smallcrm.services.settings import set_setting
from smallcrm.store.fields import from_utc_text
from smallcrm.store.models import Contact, PointsEntry, Purchase, PurchaseItem, database
from tests.unit.test_import_undo import snapshot

RETAIL = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"]
RETAIL_ROWS = [
    ["536365", "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "6", "12/1/2010 8:26", "2.55", "17850",
     "United Kingdom"],
    ["536365", "71053", "WHITE METAL LANTERN", "6", "12/1/2010 8:26", "3.39", "17850", "United Kingdom"],
    ["536366", "22633", "HAND WARMER UNION JACK", "6", "12/1/2010 8:28", "1.85", "17850", "United Kingdom"],
    ["536367", "84879", "ASSORTED COLOUR BIRD ORNAMENT", "32", "12/1/2010 8:34", "1.69", "13047.0", "United Kingdom"],
    ["C536383", "35004C", "SET OF 3 COLOURED  FLYING DUCKS", "-1", "12/1/2010 9:49", "4.65", "17850",
     "United Kingdom"],
    ["C536391", "22556", "PLASTERS IN TIN CIRCUS PARADE", "-12", "12/1/2010 10:24", "1.65", "17548",
     "United Kingdom"],
    ["536414", "22139", "", "56", "12/1/2010 11:52", "0", "", "United Kingdom"],
    ["536415", "22952", "60 CAKE CASES VINTAGE CHRISTMAS", "10", "12/13/2010 11:57", "0.55", "", "United Kingdom"],
    ["536416", "22952", "BAD ROW", "two", "12/13/2010 11:58", "0.55", "", "United Kingdom"],
]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(header)
        out.writerows(rows)
    return path


@pytest.fixture
def retail(tmp_path):
    return write_csv(tmp_path / "online_retail.csv", RETAIL, RETAIL_ROWS)


@pytest.fixture
def gbp(db):
    set_setting("currency", "GBP")
    set_setting("default_region", "GB")
    set_setting("locale", "en_GB")


def test_the_online_retail_layout_is_recognised(retail):
    preset, fields = pi.map_purchase_headers(RETAIL)
    assert preset == "online_retail"
    assert fields == ["reference", "", "description", "quantity", "date", "unit_price", "customer_id", "country"]


def test_online_retail_with_unmatched_customers_skipped(gbp, retail):
    plan = pi.plan_purchases_import(retail, pi.PurchaseImportOptions(match="id"))
    assert [u.key for u in plan.unmatched] == ["17850", "13047", "17548"]
    assert plan.unmatched[0].rows == [2, 3, 4, 6] and plan.unmatched[0].purchases == 3
    assert plan.counts["purchases"] == 1 and plan.counts["skip"] == 6 and plan.counts["reject"] == 1
    assert [(p.rows, p.reason) for p in plan.preview if p.reference == "536414"] == [([8], pi.ZERO_TOTAL)]
    assert Purchase.select().count() == 0

    result = pi.import_purchases(retail, pi.PurchaseImportOptions(match="id"))
    assert (result.created, result.refunds, result.skipped, result.customers_created) == (1, 0, 6, 0)
    only = Purchase.get()
    assert (only.contact_id, only.total_minor, only.currency, only.reference) == (None, 550, "GBP", "536415")
    assert {r.row: r.reason for r in result.rejects} == {10: "the quantity is not a number"}


def test_online_retail_creates_customers_with_refunds_and_points(gbp, retail):
    result = pi.import_purchases(retail, pi.PurchaseImportOptions(match="id", create_missing=True))
    # 536414 totals 0: skipped
    assert (result.created, result.refunds, result.customers_created, result.rejected) == (6, 2, 3, 1)
    c17850 = Contact.get(Contact.external_id == "17850")
    assert c17850.last_name == "Customer 17850" and c17850.country == "United Kingdom"
    receipt = Purchase.get(Purchase.reference == "536365")
    assert receipt.total_minor == 6 * 255 + 6 * 339 and receipt.contact_id == c17850.id
    assert receipt.occurred_at == datetime(2010, 12, 1, 8, 26).astimezone(timezone.utc)  # the shop's local time
    lines = PurchaseItem.select().where(PurchaseItem.purchase == receipt.id).order_by(PurchaseItem.id)
    assert [(line.quantity, line.unit_price_minor) for line in lines] == [(6, 255), (6, 339)]
    refund = Purchase.get(Purchase.reference == "C536383")
    assert refund.total_minor == -465 and refund.paid_minor == -465 and refund.refund_of_id is None
    assert [line.quantity for line in PurchaseItem.select().where(PurchaseItem.purchase == refund.id)] == [-1]
    # 35.64 earns 35 points, 11.10 earns 11; the 4.65 refund takes 4 back
    assert points_balance(c17850.id) == 35 + 11 - 4
    assert result.points == 42 + 54
    assert Contact.get(Contact.external_id == "13047").id  # "13047.0" is customer 13047
    assert points_balance(Contact.get(Contact.external_id == "17548").id) == 0  # a refund only: nothing to take

    again = pi.import_purchases(retail, pi.PurchaseImportOptions(match="id", create_missing=True))
    assert (again.created, again.customers_created, again.skipped) == (0, 0, 7)  # already there, and 536414 (0)


def test_the_shops_own_fees_and_bad_debt_adjustments_in_online_retail_are_no_sales(gbp, tmp_path):
    """The data set's lines of Amazon's fee, the bank's charges and bad debt adjusted (StockCode AMAZONFEE, BANK
    CHARGES, B; invoices "A…") are the shop's books, not customers' sales: as sales and refunds they made the
    revenue negative. Left out, and said; its "Manual" and postage lines are a customer's and stay."""
    rows = RETAIL_ROWS[:1] + [
        ["C496350", "AMAZONFEE", "AMAZON FEE", "-1", "12/2/2010 8:04", "5876.40", "", "United Kingdom"],
        ["C496353", "BANK CHARGES", "Bank Charges", "-1", "12/2/2010 9:12", "15.00", "", "United Kingdom"],
        ["A563185", "B", "Adjust bad debt", "1", "12/3/2010 14:50", "11062.06", "", "United Kingdom"],
        ["A563186", "B", "Adjust bad debt", "1", "12/3/2010 14:51", "-11062.06", "", "United Kingdom"],
        ["536370", "POST", "POSTAGE", "3", "12/1/2010 8:45", "18.00", "17850", "United Kingdom"],
        ["536371", "M", "Manual", "1", "12/1/2010 9:00", "2.50", "17850", "United Kingdom"]]
    path = write_csv(tmp_path / "retail.csv", RETAIL, rows)
    result = pi.import_purchases(path, pi.PurchaseImportOptions(match="id", create_missing=True))
    assert (result.created, result.refunds, result.skipped, result.rejected) == (3, 0, 0, 0)
    assert sorted(p.reference for p in Purchase.select()) == ["536365", "536370", "536371"]
    assert ("bookkeeping_lines", 4) in result.warnings and result.warning_rows["bookkeeping_lines"] == [3, 4, 5, 6]


def test_purchases_in_another_currency_than_the_shops_are_counted_by_currency(gbp, tmp_path):
    """They earn no points and reports leave them out: the owner is told, before and after."""
    add_contact(ContactInput(first_name="Jane", emails=["jane@example.co.uk"]))
    path = write_csv(tmp_path / "sales.csv", ["Date", "Receipt", "Email", "Total", "Currency"], [
        ["2026-05-01 10:00", "1", "jane@example.co.uk", "25.00", "GBP"],
        ["2026-05-01 11:00", "2", "jane@example.co.uk", "30.00", "EUR"],
        ["2026-05-01 12:00", "3", "jane@example.co.uk", "-30.00", "EUR"],
        ["2026-05-01 13:00", "4", "jane@example.co.uk", "9.00", "USD"]])
    plan = pi.plan_purchases_import(path, pi.PurchaseImportOptions())
    assert plan.other_currencies == {"EUR": 2, "USD": 1}
    result = pi.import_purchases(path, pi.PurchaseImportOptions())
    assert result.other_currencies == {"EUR": 2, "USD": 1} and result.points == 25
    assert result.to_json()["other_currencies"] == {"EUR": 2, "USD": 1}
    assert pi.import_purchases(path, pi.PurchaseImportOptions()).other_currencies == {}  # (none recorded again)


@pytest.mark.parametrize(("locale", "number_in_list"), [("en_GB", "15311"), ("fr_FR", "015311")])
def test_a_customer_a_sales_file_named_after_their_number_is_the_one_a_list_with_it_names(gbp, tmp_path, locale,
                                                                                          number_in_list):
    """"Customer 15311" (or "Client 15311"), made by a sales file that gave the number alone, is no name of theirs: a
    customer list with the number and a name finds them, and "fill" gives them the name. Before, it added a second
    customer of that number, and every later sale of it was rejected as two customers'."""
    set_setting("locale", locale)
    sales = write_csv(tmp_path / "retail.csv", RETAIL, [
        ["536381", "22719", "GUMBALL COAT RACK", "1", "12/13/2010 9:41", "1.25", "15311.0", "United Kingdom"]])
    pi.import_purchases(sales, pi.PurchaseImportOptions(create_missing=True))
    people = write_csv(tmp_path / "people.csv", ["Customer ID", "First Name", "Last Name", "Email"],
                       [[number_in_list, "Olivia", "Jones", "olivia@example.co.uk"],
                        ["15312", "Tom", "Ray", "tom@example.co.uk"]])
    result = ci.import_contacts(people, ci.ImportOptions(on_duplicate="fill"))
    assert (result.created, result.updated) == (1, 1)
    olivia = Contact.get(Contact.external_id == "15311")
    assert (olivia.first_name, olivia.last_name, olivia.sort_name) == ("Olivia", "Jones", "jones olivia")
    more = write_csv(tmp_path / "more.csv", RETAIL, [
        ["536399", "22720", "SET OF 3 CAKE TINS", "1", "12/14/2010 9:41", "4.95", "15311", "United Kingdom"]])
    later = pi.import_purchases(more, pi.PurchaseImportOptions())
    assert (later.created, later.rejected, later.customers_created) == (1, 0, 0)
    assert Purchase.get(Purchase.reference == "536399").contact_id == olivia.id


def test_a_business_created_for_its_sales_is_a_company_found_again_by_its_name(gbp, tmp_path):
    header = ["Date", "Receipt", "Customer", "Amount"]
    source = write_csv(tmp_path / "sales.csv", header, [["2025-03-01 10:00", "R1", "Grüße & Söhne GmbH", "120.00"],
                                                          ["2025-03-02 11:00", "R2", "Ann Lee", "10.00"]])
    assert pi.import_purchases(source, pi.PurchaseImportOptions(create_missing=True)).customers_created == 2
    assert sorted((c.first_name, c.last_name, c.company) for c in Contact.select()) == [
        ("", "", "Grüße & Söhne GmbH"), ("Ann", "Lee", "")]  # (a business, as a contacts import reads the name)
    later = write_csv(tmp_path / "april.csv", header, [["2025-04-01 10:00", "R9", "Grüße & Söhne GmbH", "50.00"]])
    result = pi.import_purchases(later, pi.PurchaseImportOptions())
    assert (result.created, result.customers_created, result.unmatched) == (1, 0, [])


@pytest.mark.parametrize("create_missing", [False, True])
def test_a_choice_per_unknown_customer_overrides_the_one_for_all(gbp, retail, create_missing):
    choices = {"17850": "create", "13047": "skip"}  # 17548 takes the choice for all
    options = pi.PurchaseImportOptions(match="id", create_missing=create_missing, customer_choices=choices)
    plan = pi.plan_purchases_import(retail, options)
    assert plan.counts["customers_created"] == (2 if create_missing else 1)
    result = pi.import_purchases(retail, options)
    created = {c.external_id for c in Contact.select().where(Contact.external_id.is_null(False))}
    assert created == ({"17850", "17548"} if create_missing else {"17850"})
    assert result.customers_created == len(created)
    skipped = {p.customer: p.reason for p in plan.preview if p.action == "skip"}
    assert skipped["13047"] == "no customer with this customer number"
    assert not Purchase.select().where(Purchase.reference == "536367").exists()  # 13047's only receipt
    assert Purchase.select().where(Purchase.reference == "536365").exists()


def test_undo_removes_purchases_points_and_created_customers(gbp, retail):
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    purchases.record_purchase(ann, total_minor=1000)
    before = snapshot()
    result = pi.import_purchases(retail, pi.PurchaseImportOptions(match="id", create_missing=True))
    undone = ci.undo_import(result.batch)
    assert (undone.purchases_removed, undone.contacts_removed, undone.points_removed) == (6, 3, 4)
    assert snapshot() == before
    with pytest.raises(NotAllowed):
        ci.undo_import(result.batch)


def test_past_imports_count_the_customers_an_import_of_purchases_made(gbp, retail):
    result = pi.import_purchases(retail, pi.PurchaseImportOptions(match="id", create_missing=True))
    (listed,) = ci.list_imports()
    assert (listed.kind, listed.created, listed.customers_created) == ("purchases", 6, 3)
    # an import written down without the count: its journal counts them
    database.execute_sql("UPDATE import_batch SET details = json_remove(details, '$.customers_created')")
    assert ci.list_imports()[0].customers_created == 3
    ci.undo_import(result.batch)
    assert ci.list_imports()[0].customers_created == 0  # (and once undone, it has none left to count)


def test_the_customers_of_an_import_of_purchases_are_those_it_recorded_sales_of_and_those_it_made(gbp, retail):
    ann = add_contact(ContactInput(first_name="Ann"))  # a customer already in the book, by the till's number
    Contact.update(external_id="17850").where(Contact.id == ann).execute()
    bob = add_contact(ContactInput(first_name="Bob", emails=["bob@example.com"]))  # none of the file's
    result = pi.import_purchases(retail, pi.PurchaseImportOptions(match="id", create_missing=True))
    made = {c.id for c in Contact.select().where(Contact.id.not_in([ann, bob]))}
    assert len(made) == result.customers_created == 2
    listed = ci.imported_customers(result.batch)
    assert set(listed) == made | {ann} and bob not in listed
    assert listed == [c.id for c in Contact.select().where(Contact.id.in_(listed)).order_by(Contact.sort_name,
                                                                                             Contact.id)]


def test_a_customer_made_from_a_sale_keeps_an_unreadable_email_or_phone_in_the_notes(gbp, tmp_path):
    """A typo in a customer's email or phone loses neither the sale nor the customer: the rest is recorded,
    the text kept in the notes under its column, as a contacts import keeps it."""
    header = ["Date", "Receipt", "Customer ID", "Name", "E-mail", "Tel", "Amount"]
    rows = [["2025-05-01", "R1", "C1", "Dr. Ann Lee", "ann@", "020 7946 0958", "10.00"],
            ["2025-05-02", "R2", "C2", "Bob Roe", "bob@example.com", "12", "10.00"],
            ["2025-05-03", "R3", "C3", "", "", "n/a", "5.00"],
            ["2025-05-04", "R4", "C4", "", "zed@example.com", "", "5.00"],
            ["2025-05-05", "R5", "C5", "x" * 250, "", "", "5.00"]]
    source = write_csv(tmp_path / "p.csv", header, rows)
    plan = pi.plan_purchases_import(source, pi.PurchaseImportOptions(match="id", create_missing=True))
    assert (plan.counts["purchases"], plan.counts["customers_created"], plan.counts["reject"]) == (5, 5, 0)
    result = pi.import_purchases(source, pi.PurchaseImportOptions(match="id", create_missing=True))
    assert (result.created, result.customers_created, result.rejected) == (5, 5, 0)
    made = {c.external_id: get_contact(c.id) for c in Contact.select()}
    assert {key: (c.first_name, c.last_name, c.emails, [p.e164 for p in c.phones], c.notes)
            for key, c in made.items()} == {
        "C1": ("Ann", "Lee", [], ["+442079460958"], "E-mail: ann@"),
        "C2": ("Bob", "Roe", ["bob@example.com"], [], "Tel: 12"),
        "C3": ("", "Customer C3", [], [], ""),
        "C4": ("", "zed@example.com", ["zed@example.com"], [], ""),
        "C5": ("", "Customer C5", [], [], "Name: " + "x" * 250)}

    set_setting("locale", "fr_FR")  # named in the shop's language
    pi.import_purchases(write_csv(tmp_path / "ventes.csv", ["Date", "N° client", "Montant"],
                                  [["2025-01-05", "C6", "12,00"]]), pi.PurchaseImportOptions(create_missing=True))
    assert Contact.get(Contact.external_id == "C6").last_name == "Client C6"


def test_a_customer_made_from_a_sale_never_gets_a_name_with_a_lost_letter(gbp, tmp_path):
    """A name with a letter lost before the import ("Jos\ufffd Ruiz") is not given to the customer the sale makes:
    a later row of theirs with the name whole names them, else their email or number does, and the name as
    written is kept in the notes. The sale is recorded either way."""
    header = ["Date", "Receipt", "Customer ID", "Name", "Email", "Amount"]
    rows = [["2025-05-01", "R1", "C1", "Jos\ufffd Ruiz", "jose@example.com", "10.00"],
            ["2025-05-02", "R2", "C2", "Ren\ufffde Roy", "", "8.00"],
            ["2025-05-03", "R3", "C3", "Zo\ufffd Lin", "", "6.00"],
            ["2025-05-04", "R4", "C3", "Zoé Lin", "", "4.00"]]
    source = write_csv(tmp_path / "sales.csv", header, rows)
    result = pi.import_purchases(source, pi.PurchaseImportOptions(match="id", create_missing=True))
    assert (result.created, result.customers_created, result.rejected) == (4, 3, 0)
    made = {c.external_id: (c.first_name, c.last_name, c.notes) for c in Contact.select()}
    assert made == {"C1": ("", "jose@example.com", "Name: Jos\ufffd Ruiz"),
                    "C2": ("", "Customer C2", "Name: Ren\ufffde Roy"),
                    "C3": ("Zoé", "Lin", "")}
    # named by nothing else, such a customer is not made: the sale is rejected, to correct the name and import again
    only_name = write_csv(tmp_path / "walk-ins.csv", ["Date", "Receipt", "Name", "Amount"],
                          [["2025-05-05", "R5", "Zo\ufffd Martin", "15.00"]])
    result = pi.import_purchases(only_name, pi.PurchaseImportOptions(match="name", create_missing=True))
    assert (result.created, result.customers_created) == (0, 0)
    assert [(r.row, r.reason, r.column) for r in result.rejects] == [(2, cleaning.LOST_LETTER, "Name")]


def test_undo_refuses_when_points_were_spent_or_a_purchase_refunded(gbp, tmp_path):
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    source = write_csv(tmp_path / "sales.csv", ["Date", "Email", "Total", "Receipt"],
                       [["2024-01-05", "ann@example.com", "120.00", "R-1"],
                        ["2024-01-06", "ANN@example.com", "30.00", "R-2"]])
    result = pi.import_purchases(source)
    assert points_balance(ann) == 150
    loyalty.redeem(ann, 140)
    with pytest.raises(NotAllowed, match="spent"):
        ci.undo_import(result.batch)
    assert Purchase.select().count() == 2  # refused: nothing was removed
    database.execute_sql("DELETE FROM points_entry WHERE kind = 'redeem'")
    purchases.refund_purchase(Purchase.get(Purchase.reference == "R-2").id)
    with pytest.raises(NotAllowed, match="refunded"):
        ci.undo_import(result.batch)


def test_matching_by_email_phone_and_name(gbp, tmp_path):
    ann = add_contact(ContactInput(first_name="Ann", last_name="Lée", emails=["ann@example.com"],
                                   phones=["020 7946 0958"]))
    add_contact(ContactInput(first_name="Bob", last_name="Stone"))
    add_contact(ContactInput(first_name="Bob", last_name="Stone"))
    header = ["Date", "Customer", "Email", "Phone", "Amount", "Currency", "Status"]
    rows = [["2025-02-01 10:00", "ann lee", "ANN@EXAMPLE.COM", "+44 20 7946 0958", "10.00", "EUR", "paid"],
            ["2025-02-02 10:00", "Bob Stone", "bob@example.com", "", "5,50", "", "pending"],
            ["2025-02-03 10:00", "", "", "", "7.00", "", "completed"]]
    source = write_csv(tmp_path / "p.csv", header, rows)
    for match in ("email", "phone", "name"):
        plan = pi.plan_purchases_import(source, pi.PurchaseImportOptions(match=match))
        first = plan.preview[0]
        assert first.contact_id == ann, match
    by_name = pi.plan_purchases_import(source, pi.PurchaseImportOptions(match="name"))
    assert by_name.preview[1].action == "reject" and "2 customers have this name" in by_name.preview[1].reason
    result = pi.import_purchases(source, pi.PurchaseImportOptions(match="email"))
    assert (result.created, result.skipped) == (2, 1)  # bob@example.com is no one
    eur = Purchase.get(Purchase.currency == "EUR")
    assert (eur.contact_id, eur.total_minor, eur.status) == (ann, 1000, "paid")
    walk_in = Purchase.get(Purchase.contact.is_null())
    assert walk_in.total_minor == 700 and walk_in.reference == ""
    assert [u.key for u in result.unmatched] == ["bob@example.com"]


def test_a_sale_with_a_letter_lost_before_the_import_is_kept_as_written_and_said(gbp, tmp_path):
    """A letter lost (in a name the customer is found beside, an item of a file cut short in the middle of a letter)
    leaves out no sale: the row is kept as written, and the import says how many such rows there are."""
    add_contact(ContactInput(first_name="Ann", last_name="Lee", emails=["ann@example.com"]))
    header = ["Date", "Receipt", "Customer", "Email", "Amount", "Item"]
    rows = [["2025-02-01", "R1", "Ann Lee", "ann@example.com", "4.50", "Café"],
            ["2025-02-02", "R2", "Ann L\ufffde", "ann@example.com", "3.00", "Thé vert"]]
    source = write_csv(tmp_path / "cut.csv", header, rows)
    source.write_bytes(source.read_bytes() + "2025-02-03,R3,Ann Lee,ann@example.com,5.00,Cr".encode() + b"\xc3")
    options = pi.PurchaseImportOptions()
    plan = pi.plan_purchases_import(source, options)
    assert plan.warnings == [("cut_letter", 1), ("lost_letters", 2)] and plan.rejects == []
    result = pi.import_purchases(source, options)
    assert result.warnings == [("cut_letter", 1), ("lost_letters", 2)]
    assert sorted((p.reference, p.total_minor) for p in Purchase.select()) == [("R1", 450), ("R2", 300), ("R3", 500)]
    (line,) = PurchaseItem.select().join(Purchase).where(Purchase.reference == "R3")
    assert line.description == "Cr\ufffd"


@pytest.mark.parametrize(("header", "rows", "said"), [
    # a receipt a row: the amount before its tax, and what the customer paid
    (["Datum", "Beleg", "E-Mail", "Betrag", "MwSt", "Gesamtbetrag"],
     [["01.03.2025", "1", "ann@example.com", "10,00", "1,90", "11,90"],
      ["02.03.2025", "2", "ann@example.com", "20,00", "3,80", "23,80"]], ("Gesamtbetrag", "Betrag")),
    (["Date", "Receipt", "Email", "Amount", "Tax", "Total"],
     [["2025-03-01", "1", "ann@example.com", "£10.00", "£2.00", "£12.00"],
      ["2025-03-02", "2", "ann@example.com", "£5.00", "£0.00", "£5.00"]], ("Total", "Amount")),
    # two rates on a German till; a refund whose tax is written without its minus; a tax named GST; the signs of
    # currencies beside other ones ("kr": Iceland's too, which has no decimals; "$": Chile's)
    (["Datum", "Beleg", "E-Mail", "Betrag", "MwSt 7%", "MwSt 19%", "Gesamtbetrag"],
     [["01.03.2025", "1", "ann@example.com", "20,00", "0,70", "1,90", "22,60"],
      ["02.03.2025", "2", "ann@example.com", "-10,00", "0,70", "", "-10,70"]], ("Gesamtbetrag", "Betrag")),
    (["Date", "Receipt", "Email", "Amount", "GST", "Total"],
     [["2025-03-01", "1", "ann@example.com", "100.00", "10.00", "110.00"]], ("Total", "Amount")),
    (["Date", "Receipt", "Email", "Amount", "VAT", "Total"],
     [["2025-03-01", "1", "ann@example.com", "100,00 kr", "25,00", "125,00 kr"]], ("Total", "Amount")),
    (["Date", "Receipt", "Email", "Amount", "VAT", "Total"],
     [["2025-03-01", "1", "ann@example.com", "$10.00", "0.80", "$10.80"]], ("Total", "Amount")),
    # a line a row, each with its order's total
    (["Date", "Order", "Email", "Amount", "VAT", "Order total"],
     [["2025-03-01", "7", "ann@example.com", "10.00", "2.00", "18.00"],
      ["2025-03-01", "7", "ann@example.com", "5.00", "1.00", "18.00"]], None),
    # no tax on any row; a total left blank; a tax taken off; an order's total on a line of no amount
    (["Date", "Receipt", "Email", "Amount", "Tax", "Total"],
     [["2025-03-01", "1", "ann@example.com", "10.00", "0.00", "10.00"]], None),
    (["Date", "Receipt", "Email", "Amount", "Tax", "Total"],
     [["2025-03-01", "1", "ann@example.com", "100.00", "19.00", "119.00"],
      ["2025-03-02", "2", "ann@example.com", "30.00", "", ""]], None),
    (["Date", "Order", "Email", "Sales", "Tax", "Net Sales"],
     [["2025-03-01", "1", "ann@example.com", "119.00", "-19.00", "100.00"]], None),
    (["Order", "Date", "Email", "Item", "Amount", "Tax", "Total"],
     [["7", "2025-03-01", "ann@example.com", "Mug", "30.00", "6.00", "36.00"],
      ["7", "2025-03-01", "ann@example.com", "Plate", "", "", "36.00"]], None),
])
def test_a_column_of_the_amount_with_its_tax_is_pointed_out_and_the_amount_kept(gbp, tmp_path, header, rows, said):
    """The amount column stays the amount (another export of the same till, whose totals hold a tip, would read the
    same sale at another amount); the column that is it with its tax added is pointed out, to be chosen by hand."""
    source = write_csv(tmp_path / "sales.csv", header, rows)
    amount = header.index("Amount" if "Amount" in header else "Betrag" if "Betrag" in header else "Sales")
    plan = pi.plan_purchases_import(source, pi.PurchaseImportOptions(currency="GBP"))
    assert plan.fields[amount] == "amount" and plan.with_tax == said
    result = pi.import_purchases(source, pi.PurchaseImportOptions(currency="GBP"))
    assert result.with_tax == said
    if said:
        total = header.index(said[0])
        chosen = pi.plan_purchases_import(source, pi.PurchaseImportOptions(currency="GBP", overrides={total: "amount"}))
        assert chosen.fields[total] == "amount" and chosen.with_tax is None


@pytest.mark.parametrize(("text", "mark", "hundredths"), [
    ("12,50", ",", 1250), ("12.5", ".", 1250), ("-3", None, -300), ("1.000", ",", 100000), ("0,350", None, 35),
    ("€ 12,50", ",", 1250), ("(4.00)", ".", -400), ("1 234,56 kr", ",", 123456), ("12.50", ",", None)])
def test_the_number_a_cell_writes_is_read_whatever_its_currency(text, mark, hundredths):
    assert pi._number(text, mark) == hundredths


def test_without_a_match_chosen_each_row_is_found_by_the_first_of_its_keys_that_finds_someone(gbp, tmp_path):
    """A till's rows name their customer by email, or by phone when there is no email (or a new one), or by name
    when there is neither; a match chosen is the only one used."""
    ann = add_contact(ContactInput(first_name="Ann", last_name="Lee", emails=["ann@example.com"]))
    bruno = add_contact(ContactInput(first_name="Bruno", last_name="Dupont", phones=["07911 123456"]))
    header = ["Date", "Ticket", "Email", "Phone", "Customer", "Amount"]
    rows = [["2025-02-01 10:00", "1", "ann@example.com", "", "Ann Lee", "10.00"],
            ["2025-02-01 11:00", "2", "", "07911 123456", "Bruno Dupont", "20.00"],
            ["2025-02-01 12:00", "3", "bruno.new@example.com", "07911 123456", "", "30.00"],
            ["2025-02-01 13:00", "4", "", "", "ann lee", "40.00"],
            ["2025-02-01 14:00", "5", "who@example.com", "", "Ann Lee", "50.00"],
            ["2025-02-01 15:00", "6", "", "", "", "60.00"],
            ["2025-02-01 16:00", "7", "ann@example.com", "12", "", "70.00"],  # a phone that is no phone number:
            ["2025-02-01 17:00", "8", "", "12", "", "80.00"],  # no matter beside an email, else a reject
            ["2025-02-01 18:00", "9", "ann@example", "", "Ann Lee", "90.00"]]  # a typo in the email: not by name
    source = write_csv(tmp_path / "till.csv", header, rows)
    plan = pi.plan_purchases_import(source)
    assert [(p.reference, p.contact_id, p.action) for p in plan.preview] == [
        ("1", ann, "create"), ("2", bruno, "create"), ("3", bruno, "create"), ("4", ann, "create"),
        ("5", None, "skip"), ("6", None, "create"), ("7", ann, "create")]
    assert [u.key for u in plan.unmatched] == ["who@example.com"]  # (a new email, and no phone: not by name)
    assert [(r.row, r.column, r.value) for r in plan.rejects] == [(9, "Phone", "12"), (10, "Email", "ann@example")]
    by_email = pi.plan_purchases_import(source, pi.PurchaseImportOptions(match="email"))
    assert [(p.reference, p.contact_id) for p in by_email.preview if p.action == "create"] == [
        ("1", ann), ("2", None), ("4", None), ("6", None), ("7", ann), ("8", None)]
    result = pi.import_purchases(source)
    assert (result.created, result.skipped, result.rejected) == (6, 1, 2)
    assert sorted((p.reference, p.contact_id or 0) for p in Purchase.select()) == [
        ("1", ann), ("2", bruno), ("3", bruno), ("4", ann), ("6", 0), ("7", ann)]
    assert (points_balance(ann), points_balance(bruno)) == (120, 50)


def test_a_refund_in_a_later_file_takes_back_what_the_customers_purchases_earned(gbp, tmp_path):
    """A credit note in next month's file, under a number of its own, takes back the points its amount earns: no
    more than the customer's purchases earned, less what refunds took back, whatever other points they have."""
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    bob = add_contact(ContactInput(first_name="Bob", emails=["bob@example.com"]))
    loyalty.adjust(bob, 50, reason="a gift")
    header = ["Date", "Ticket", "Email", "Amount"]
    pi.import_purchases(write_csv(tmp_path / "march.csv", header, [["2025-03-05 10:00", "451", "ann@example.com",
                                                                     "22.41"]]))
    assert points_balance(ann) == 22
    april = pi.import_purchases(write_csv(tmp_path / "april.csv", header, [
        ["2025-04-02 10:00", "AV-12", "ann@example.com", "-18.50"], ["2025-04-03 10:00", "AV-13", "ann@example.com",
                                                                    "-10.00"],
        ["2025-04-04 10:00", "AV-14", "bob@example.com", "-30.00"]]))
    assert april.refunds == 3
    assert (points_balance(ann), points_balance(bob)) == (0, 50)  # (18, then the 4 left; Bob's gift is no purchase's)
    ci.undo_import(april.batch)
    assert (points_balance(ann), points_balance(bob)) == (22, 50)


def test_lightspeed_x_series_sales_export_counts_each_receipt_once_with_its_items(gbp, tmp_path):
    """Vend's export: a receipt's Sale row (its total, customer, status), its Sale Line rows (items) and its Payment
    rows (how it was paid), as its Line Type says."""
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    Contact.update(external_id="C-204").where(Contact.id == ann).execute()  # (as an import of Vend's customers)
    header = ["Date", "Receipt Number", "Line Type", "Customer Code", "Customer Name", "Note", "Quantity", "Subtotal",
              "Sales Tax", "Discount", "Loyalty", "Total", "Paid", "Details", "Register", "User", "Status", "Sku",
              "AccountCodeSale", "AccountCodePurchase"]

    def row(date, receipt, kind, customer="", quantity="", total="", paid="", details="", status=""):
        return [date, receipt, kind, customer, "Ann Lee" if customer else "", "", quantity, "", "", "", "", total,
                paid, details, "Main" if kind == "Sale" else "", "", status, "", "", ""]
    rows = [row("2024-03-02 10:15:22", "1001", "Sale", "C-204", "3", "50.00", "50.00", status="CLOSED"),
            row("2024-03-02 10:15:22", "1001", "Sale Line", "", "2", "30.00", details="Coffee beans 250g"),
            row("2024-03-02 10:15:22", "1001", "Sale Line", "", "1", "20.00", details="Pour-over filter"),
            row("2024-03-02 10:15:22", "1001", "Payment", paid="50.00", details="Cash"),
            row("2024-03-03 09:30:00", "1003", "Sale", "C-204", "1", "45.00", "0.00", status="ONACCOUNT"),
            row("2024-03-03 09:30:00", "1003", "Sale Line", "", "1", "45.00", details="Hand grinder"),
            row("2024-03-04 16:45:00", "1004", "Sale", "C-204", "-2", "-30.00", "-30.00", status="CLOSED"),
            row("2024-03-04 16:45:00", "1004", "Sale Line", "", "-2", "-30.00", details="Coffee beans 250g"),
            row("2024-03-04 16:45:00", "1004", "Payment", paid="-30.00", details="Cash"),
            row("2024-03-05 12:00:00", "1005", "Sale", "", "1", "12.00", "0.00", status="VOIDED"),
            row("2024-03-05 12:00:00", "1005", "Sale Line", "", "1", "12.00", details="Brownie")]
    source = write_csv(tmp_path / "SalesHistory.csv", header, rows)
    assert pi.map_purchase_headers(header)[0] == "lightspeed_x"
    result = pi.import_purchases(source)
    assert (result.created, result.refunds, result.skipped, result.rejected) == (3, 1, 1, 0)
    assert sorted((p.reference, p.total_minor, p.status, p.contact_id, p.payment_method)
                  for p in Purchase.select()) == [
        ("1001", 5000, "paid", ann, "Cash"), ("1003", 4500, "due", ann, ""), ("1004", -3000, "paid", ann, "Cash")]
    assert [(i.purchase.reference, i.description, i.quantity, i.unit_price_minor)
            for i in PurchaseItem.select().order_by(PurchaseItem.id)] == [
        ("1001", "Coffee beans 250g", 2, 1500), ("1001", "Pour-over filter", 1, 2000),
        ("1003", "Hand grinder", 1, 4500), ("1004", "Coffee beans 250g", -2, 1500)]


def test_a_purchase_imported_as_due_is_marked_paid_by_a_later_file_that_says_so_and_undo_puts_it_back(gbp,
                                                                                                         tmp_path):
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    header = ["Date", "Order", "Email", "Amount", "Status"]
    march = [["2025-03-05 10:00", "#1006", "ann@example.com", "12.00", "pending"],
             ["2025-03-06 10:00", "#1007", "ann@example.com", "8.00", "paid"]]
    pi.import_purchases(write_csv(tmp_path / "march.csv", header, march))
    before = snapshot()
    april = [[*march[0][:4], "paid"], march[1], ["2025-04-01 10:00", "#1008", "ann@example.com", "5.00", "pending"]]
    source = write_csv(tmp_path / "april.csv", header, april)
    plan = pi.plan_purchases_import(source)
    assert [(p.reference, p.action) for p in plan.preview] == [("#1006", "pay"), ("#1007", "skip"), ("#1008", "create")]
    assert plan.counts["paid"] == 1
    result = pi.import_purchases(source)
    assert (result.created, result.updated, result.skipped) == (1, 1, 1)
    assert [(p.reference, p.status, p.paid_minor) for p in Purchase.select().order_by(Purchase.id)] == [
        ("#1006", "paid", 1200), ("#1007", "paid", 800), ("#1008", "due", 0)]
    assert points_balance(ann) == 12 + 8 + 5  # (a due purchase earns as it is recorded: nothing more)
    assert result.to_json()["updated"] == 1
    with pytest.raises(UndoRefused) as refused:  # (March's, whose #1006 April's marked paid: April's first)
        ci.undo_import(1)
    assert (refused.value.case, refused.value.later_batch) == ("due_settled", result.batch)
    assert refused.value.reason.endswith(f"(import {result.batch} marked it paid: undo that one first)")
    ci.undo_import(result.batch)
    assert snapshot() == before
    again = pi.import_purchases(write_csv(tmp_path / "march again.csv", header, march))
    assert (again.created, again.updated, again.skipped) == (0, 0, 2)  # still due: nothing to do


def test_lightspeed_x_lay_by_owes_what_is_left_and_a_total_beyond_its_lines_keeps_them(gbp, tmp_path):
    """A lay-by's deposit is paid, the rest owed; a Sale row's total with the tax in it beside its Sale Lines
    without keeps the lines, and one more for the rest."""
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    Contact.update(external_id="C-204").where(Contact.id == ann).execute()
    header = ["Date", "Receipt Number", "Line Type", "Customer Code", "Quantity", "Total", "Paid", "Details",
              "Register", "Status"]

    def row(receipt, kind, quantity="", total="", paid="", details="", status=""):
        return ["2024-03-02 10:15:22", receipt, kind, "C-204" if kind == "Sale" else "", quantity, total, paid,
                details, "Main" if kind == "Sale" else "", status]
    rows = [row("2001", "Sale", "1", "120.00", "30.00", status="LAYBY"),
            row("2001", "Sale Line", "1", "120.00", details="Espresso machine"),
            row("2001", "Payment", paid="30.00", details="Cash"),
            row("2002", "Sale", "3", "57.50", "57.50", status="CLOSED"),  # 50.00 of lines and 7.50 of tax
            row("2002", "Sale Line", "2", "30.00", details="Coffee beans 250g"),
            row("2002", "Sale Line", "1", "20.00", details="Pour-over filter"),
            row("2003", "Sale", "1", "45.00", "0.00", status="ONACCOUNT"),
            row("2003", "Sale Line", "1", "45.00", details="Hand grinder")]
    result = pi.import_purchases(write_csv(tmp_path / "SalesHistory.csv", header, rows))
    assert (result.created, result.rejected) == (3, 0)
    assert sorted((p.reference, p.total_minor, p.status, p.paid_minor) for p in Purchase.select()) == [
        ("2001", 12000, "partly_paid", 3000), ("2002", 5750, "paid", 5750), ("2003", 4500, "due", 0)]
    assert sorted((i.purchase.reference, i.description, i.total_minor) for i in PurchaseItem.select()) == [
        ("2001", "Espresso machine", 12000),
        ("2002", "Coffee beans 250g", 3000), ("2002", "Pour-over filter", 2000), ("2002", "Shipping, taxes and other charges", 750),
        ("2003", "Hand grinder", 4500)]


def test_what_is_left_of_a_sale_after_its_refunds_says_what_was_refunded(gbp, tmp_path):
    """Etsy's Sold Orders: "Adjusted Order Total" is what is left of an order refunded in part (empty otherwise)."""
    header = ["Sale Date", "Order ID", "Full Name", "Currency", "Order Value", "Shipping", "Order Total", "Status",
              "Adjusted Order Total"]
    rows = [["03/05/24", "3201456789", "Dana Lee", "EUR", "42.00", "6.00", "48.00", "Completed", ""],
            ["03/09/24", "3201456790", "Fiona Walsh", "EUR", "30.00", "4.50", "31.50", "Completed", "21.50"],
            ["03/12/24", "3201456791", "Ann Lee", "EUR", "9.00", "0", "9.00", "Completed", "0.00"]]
    source = write_csv(tmp_path / "EtsySoldOrders2024-3.csv", header, rows)
    assert pi.map_purchase_headers(header)[0] == "etsy"
    result = pi.import_purchases(source, pi.PurchaseImportOptions(create_missing=True))  # (Etsy writes month first)
    assert (result.created, result.refunds, result.skipped) == (3, 1, 1)
    assert sorted((p.reference, p.total_minor, p.refund_of.reference if p.refund_of else None)
                  for p in Purchase.select()) == [
        ("3201456789", 4800, None), ("3201456790", -1000, "3201456790"), ("3201456790", 3150, None)]
    again = pi.import_purchases(source, pi.PurchaseImportOptions(create_missing=True))
    assert again.created == 0


def test_etsys_sold_order_items_count_the_orders_shipping_tax_and_discount_once(gbp, tmp_path):
    """Etsy's Sold Order Items: a row per item, the order's shipping, tax and discount written on each; the order's
    total, as its Sold Orders says it, with a line for them. Its Sold Orders then finds each order recorded."""
    header = ["Sale Date", "Item Name", "Buyer", "Quantity", "Price", "Discount Amount", "Shipping Discount",
              "Order Shipping", "Order Sales Tax", "Item Total", "Currency", "Transaction ID", "Ship Name", "Order ID"]
    rows = [["10/02/26", "Fig Candle", "emmaj88", "1", "18.00", "3.00", "0", "4.50", "0", "18.00", "GBP", "4400001",
             "Emma Jones", "3301001"],
            ["10/02/26", "Lavender Soap", "emmaj88", "2", "6.00", "3.00", "0", "4.50", "0", "12.00", "GBP", "4400002",
             "Emma Jones", "3301001"],
            ["10/05/26", "Vase", "jsmith", "1", "45.00", "0", "1.00", "8.00", "3.94", "45.00", "GBP", "4400003",
             "John Smith", "3301002"]]
    source = write_csv(tmp_path / "EtsySoldOrderItems2026-10.csv", header, rows)
    assert pi.map_purchase_headers(header)[0] == "etsy_items"
    pi.import_purchases(source, pi.PurchaseImportOptions(create_missing=True))
    assert sorted((p.reference, p.total_minor) for p in Purchase.select()) == [("3301001", 3150), ("3301002", 5594)]
    lines = [(i.description, i.total_minor) for i in Purchase.get(Purchase.reference == "3301001").items]
    assert lines == [("Fig Candle", 1800), ("Lavender Soap", 1200), ("Shipping, taxes and other charges", 150)]
    orders = write_csv(tmp_path / "EtsySoldOrders2026-10.csv", ["Sale Date", "Order ID", "Full Name", "Currency",
                                                                "Order Total", "Status", "Adjusted Order Total"],
                       [["10/02/26", "3301001", "Emma Jones", "GBP", "31.50", "Completed", ""],
                        ["10/05/26", "3301002", "John Smith", "GBP", "55.94", "Completed", ""]])
    assert pi.import_purchases(orders, pi.PurchaseImportOptions(create_missing=True)).skipped == 2


def test_a_sale_in_another_currency_earns_no_points_and_its_refund_takes_none_back(gbp, tmp_path):
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    header = ["Date", "Receipt", "Email", "Amount", "Currency"]
    rows = [["2025-02-01 10:00", "1", "ann@example.com", "3000", "JPY"],
            ["2025-02-02 10:00", "2", "ann@example.com", "30.00", "GBP"],
            ["2025-02-03 10:00", "3", "ann@example.com", "-3000", "JPY"]]  # a refund of no sale in the file
    source = write_csv(tmp_path / "p.csv", header, rows)
    plan = pi.plan_purchases_import(source)
    assert [(p.reference, p.points) for p in plan.preview] == [("1", 0), ("2", 30), ("3", 0)]
    result = pi.import_purchases(source)
    assert (result.created, result.points) == (3, 30) and points_balance(ann) == 30


def test_a_due_purchase_gets_a_due_date_and_undo_waits_for_its_payment(gbp, tmp_path):
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    source = write_csv(tmp_path / "p.csv", ["Date", "Email", "Amount", "Payment Status"],
                       [["2025-03-01", "ann@example.com", "80.00", "unpaid"]])
    result = pi.import_purchases(source)
    due = Purchase.get()
    assert (due.status, due.paid_minor, due.due_on) == ("due", 0, date(2025, 3, 31))
    assert points_balance(ann) == 80
    purchases.record_payment(due.id)
    with pytest.raises(NotAllowed, match="paid or written off"):
        ci.undo_import(result.batch)


def test_an_invoices_due_date_in_the_file_is_its_due_date(gbp, tmp_path):
    add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    source = write_csv(tmp_path / "invoices.csv", ["Invoice", "Date", "Email", "Amount", "Status", "Due date"], [
        ["F-1", "01/10/2025", "ann@example.com", "1,250.00", "unpaid", "31/10/2025"],
        ["F-2", "03/10/2025", "ann@example.com", "80.00", "unpaid", "01/12/2025"],  # (both read day first)
        ["F-3", "04/10/2025", "ann@example.com", "60.00", "paid", "20/09/2025"],  # (paid: its due date no matter)
        ["F-4", "05/10/2025", "ann@example.com", "70.00", "unpaid", ""],
        ["F-5", "06/10/2025", "ann@example.com", "90.00", "unpaid", "01/09/2025"],
        ["F-6", "07/10/2025", "ann@example.com", "95.00", "unpaid", "soon"]])
    plan = pi.plan_purchases_import(source)
    assert plan.fields[-1] == "due_date" and not plan.ambiguous_columns
    assert [(r.row, r.reason, r.value) for r in plan.rejects] == [
        (6, "the due date comes before the sale", "01/09/2025"), (7, "not a due date that can be read", "soon")]
    pi.import_purchases(source)
    assert [(p.reference, p.status, p.due_on) for p in Purchase.select().order_by(Purchase.id)] == [
        ("F-1", "due", date(2025, 10, 31)), ("F-2", "due", date(2025, 12, 1)), ("F-3", "paid", None),
        ("F-4", "due", date(2025, 11, 4))]  # (no due date in the file: 30 days after the sale)


def test_a_payment_term_is_no_due_date_and_iso_dates_say_nothing_of_the_other_columns_order(gbp, tmp_path):
    for header in ("Zahlungsziel", "Due date (days)", "Échéance (jours)", "Payment due"):
        assert pi.map_purchase_headers(["Invoice", "Date", "Email", "Amount", "Status", header])[1][-1] == ""
    add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    iso_due = write_csv(tmp_path / "a.csv", ["Invoice", "Date", "Due date", "Email", "Amount", "Status"], [
        ["I-1", "03/02/2025", "2025-03-05", "ann@example.com", "100.00", "due"]])
    assert pi.plan_purchases_import(iso_due).ambiguous_columns == [1]  # (the sale dates' order still to be said)
    iso_sold = write_csv(tmp_path / "b.csv", ["Invoice", "Date", "Due date", "Email", "Amount", "Status"], [
        ["I-1", "2025-02-03", "03/05/2025", "ann@example.com", "100.00", "due"]])
    assert pi.plan_purchases_import(iso_sold).ambiguous_columns == [2]


def test_points_follow_the_rules_birthday_referral_and_expiry(gbp, tmp_path):
    set_rules(LoyaltyRules(points_per_unit=2, birthday_multiplier=3, referral_points=25, expiry_months=24))
    friend = add_contact(ContactInput(first_name="Friend", emails=["friend@example.com"]))
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"], birthday="1990-05-20"))
    database.execute_sql("UPDATE contact SET referred_by_id = ? WHERE id = ?", (friend, ann))
    today = date.today()
    year = today.year if today >= date(today.year, 6, 2) else today.year - 1  # the last May and June gone by
    rows = [[f"{year}-05-02", "ann@example.com", "10.00"],  # birthday month: 10 x 2 x 3
            [f"{year}-06-02", "ann@example.com", "10.00"],  # 20
            ["2001-06-02", "friend@example.com", "50.00"]]  # long expired: no points written
    result = pi.import_purchases(write_csv(tmp_path / "p.csv", ["Date", "Email", "Amount"], rows))
    assert points_balance(ann) == 60 + 20
    assert points_balance(friend) == 25  # the referral bonus on Ann's first purchase, and nothing from 2001
    assert result.points == 105
    assert Purchase.select().count() == 3


def test_files_without_a_date_or_amount_column_are_refused(gbp, tmp_path):
    source = write_csv(tmp_path / "p.csv", ["Email", "Total"], [["a@example.com", "1"]])
    with pytest.raises(Exception, match="no date column"):
        pi.import_purchases(source)
    assert pi.parse_overrides(["Total=amount", "Email="], ["Email", "Total"]) == {1: "amount", 0: ""}
    assert pi.parse_overrides(["Total=Amount", "Email=Customer ID"], ["Email", "Total"]) == {1: "amount", 0: "customer_id"}
    with pytest.raises(Exception, match="field"):
        pi.parse_overrides(["Total=price_tag"], ["Email", "Total"])


def test_an_ambiguous_purchase_date_column_needs_an_answer(gbp, tmp_path):
    source = write_csv(tmp_path / "p.csv", ["Date", "Amount"], [["03/04/2025", "1.00"], ["05/06/2025", "2.00"]])
    with pytest.raises(ci.DateOrderNeeded):
        pi.import_purchases(source)
    plan = pi.plan_purchases_import(source)  # meanwhile the first rows, read as the shop's country (GB) writes
    assert plan.ambiguous_columns == [0] and not plan.whole
    assert [from_utc_text(p.occurred_at).date().isoformat() for p in plan.preview] == ["2025-04-03", "2025-06-05"]
    assert Purchase.select().count() == 0
    pi.import_purchases(source, pi.PurchaseImportOptions(date_orders={0: "dmy"}))
    assert sorted(p.occurred_at.date().isoformat() for p in Purchase.select()) == ["2025-04-03", "2025-06-05"]


def test_customers_created_by_a_purchases_import_keep_their_contact_details(gbp, tmp_path):
    source = write_csv(tmp_path / "p.csv", ["Date", "Email", "Name", "Amount"],
                       [["2025-01-01", "zoe@example.ch", "Zoë Müller", "12.00"]])
    pi.import_purchases(source, pi.PurchaseImportOptions(create_missing=True))
    zoe = get_contact(contact_ids("zoe")[0])
    assert (zoe.first_name, zoe.last_name, zoe.emails) == ("Zoë", "Müller", ["zoe@example.ch"])
    assert points_balance(zoe.id) == 12


@pytest.mark.parametrize(("header", "purchases"), [
    (RETAIL, True),
    (["Date", "Email", "Total"], True),
    (["Datum", "Bon-Nr.", "E-Mail", "Artikel", "Menge", "Einzelpreis"], True),  # a date and a quantity
    (["Invoice", "Customer", "Amount"], True),
    (["Email", "Total"], False),  # one column of a sale is not enough
    (["First Name", "Last Name", "E-mail Address", "Mobile Phone", "Country"], False),
    (["Prénom", "Nom", "Courriel", "Date de naissance", "Montant"], False),  # a birthday is not a sale's date
])
def test_a_header_row_tells_purchases_from_customers(header, purchases):
    assert pi.holds_purchases(header) is purchases


def test_the_contact_files_we_know_are_not_purchases():
    from smallcrm.services.importing import reader

    folder = Path(__file__).resolve().parents[1] / "fixtures" / "import"
    for path in sorted(folder.iterdir()):
        headers = reader.read_header(path, reader.sniff(path))
        assert not pi.holds_purchases(headers), path.name


def test_the_plan_shows_each_receipts_points(gbp, retail):
    set_rules(LoyaltyRules(points_per_unit=2, referral_points=25))
    friend = add_contact(ContactInput(first_name="Friend", emails=["friend@example.com"]))
    customer = add_contact(ContactInput(last_name="Customer 17850"))
    database.execute_sql("UPDATE contact SET external_id = '17850', referred_by_id = ? WHERE id = ?",
                         (friend, customer))
    plan = pi.plan_purchases_import(retail, pi.PurchaseImportOptions(match="id", create_missing=True))
    points = {p.reference: p.points for p in plan.preview}
    # 35.64 earns 71 (the friend's 25 for the first purchase are the friend's); the 4.65 refund takes 9 back
    assert points["536365"] == 71 and points["536366"] == 22 and points["C536383"] == -9
    assert points["536415"] == 0  # no customer: no points
    assert plan.counts["points"] == sum(points.values()) + 25
    result = pi.import_purchases(retail, pi.PurchaseImportOptions(match="id", create_missing=True))
    assert result.points == plan.counts["points"]
    assert points_balance(customer) == points["536365"] + points["536366"] + points["C536383"]


def test_a_large_import_writes_in_parts_with_a_pause_between_and_leaves_the_collector_on(gbp, retail, monkeypatch):
    """Long writes and freeing are cut up so that the window's thread gets its turns (see insert_in_parts)."""
    import gc

    real = ci.insert_in_parts
    parts, pauses = [], []
    monkeypatch.setattr(ci.time, "sleep", lambda seconds: pauses.append(seconds))
    monkeypatch.setattr(ci, "insert_in_parts",
                        lambda conn, sql, rows, part=2000: parts.append(len(rows)) or real(conn, sql, rows, 2))
    result = pi.import_purchases(retail, pi.PurchaseImportOptions(match="id", create_missing=True))
    assert result.created == 6 and Purchase.select().count() == 6 and PurchaseItem.select().count() == 7
    assert parts[:2] == [6, 7]  # purchases, then their lines: every row written, two at a time
    assert len(pauses) == sum((n - 1) // 2 for n in parts)  # a pause between parts, none before the first
    assert gc.isenabled()
    with pytest.raises(ci.ImportCancelled):
        pi.import_purchases(retail, pi.PurchaseImportOptions(match="id"), cancelled=lambda: True)
    assert gc.isenabled()  # back on after a failed import too


def test_an_import_reports_its_progress_and_stops_when_cancelled_while_reading(gbp, retail, monkeypatch):
    monkeypatch.setattr(ci, "CHUNK", 2)  # (a look every two rows, not every 2,000)
    seen: list[int] = []
    result = pi.import_purchases(retail, pi.PurchaseImportOptions(match="id"), progress=lambda done, _: seen.append(done),
                                 cancelled=lambda: False)
    assert seen == [2, 4, 6, 8] and result.created == 1
    looks: list[int] = []
    with pytest.raises(ci.ImportCancelled):
        pi.plan_purchases_import(retail, pi.PurchaseImportOptions(match="id"),
                                 cancelled=lambda: looks.append(1) or len(looks) > 1)
    assert len(looks) == 2  # stopped at its second look, while reading


@pytest.mark.parametrize("plan", [False, True])
def test_an_import_lets_go_of_every_receipt_it_read_a_receipt_at_a_time(gbp, retail, monkeypatch, plan):
    """Receipts still held when the import returns are freed all at once, on the window's time (see let_go)."""
    readers = []

    class Kept(pi._Reader):
        def __init__(self, *args):
            super().__init__(*args)
            readers.append(self)

    monkeypatch.setattr(pi, "_Reader", Kept)
    options = pi.PurchaseImportOptions(match="id", create_missing=True)
    (pi.plan_purchases_import if plan else pi.import_purchases)(retail, options)
    held = {name: value for name, value in vars(readers[0]).items()
            if isinstance(value, dict) and any(isinstance(v, pi._Receipt) for v in value.values())}
    assert held == {}


def test_let_go_empties_lists_and_dicts():
    items, index = [[1], [2], [3]], {"a": [1], "b": [2]}
    ci.let_go(items, index)
    assert items == [] and index == {}


def test_a_first_look_reads_only_the_first_rows_and_says_so(gbp, retail):
    options = pi.PurchaseImportOptions(match="id", create_missing=True)
    look = pi.plan_purchases_import(retail, options, first_rows=3)
    assert not look.whole
    assert [p.reference for p in look.preview] == ["536365", "536366"]  # rows 2-4: two receipts
    assert look.counts["purchases"] == 2
    whole = pi.plan_purchases_import(retail, options, first_rows=len(RETAIL_ROWS))  # every row: all of it
    assert whole.whole and whole.counts == pi.plan_purchases_import(retail, options).counts


def test_a_receipt_with_a_rejected_row_is_left_out_whole_and_comes_in_once_corrected(db, gbp, tmp_path):
    Contact.update(external_id="17850").where(Contact.id == add_contact(ContactInput(first_name="Ann", last_name="Lee"))
                                               ).execute()
    rows = [["600001", "A", "CUP", "2", "12/1/2010 8:26", "3.00", "17850", "United Kingdom"],
            ["600001", "B", "SAUCER", "abc", "12/1/2010 8:26", "2.00", "17850", "United Kingdom"],
            ["600001", "C", "SPOON", "1", "12/1/2010 8:26", "1.50", "17850", "United Kingdom"],
            ["600002", "D", "PLATE", "1", "12/1/2010 9:00", "4.00", "17850", "United Kingdom"]]
    broken = write_csv(tmp_path / "till.csv", RETAIL, rows)
    result = pi.import_purchases(broken, pi.PurchaseImportOptions(match="id"))
    assert [p.reference for p in Purchase.select()] == ["600002"]
    reasons = {(r.row, r.reason) for r in result.rejects}
    assert (3, "the quantity is not a number") in reasons
    assert (2, pi.BROKEN_RECEIPT) in reasons
    assert result.rejected == 3  # every row of the receipt

    rows[1][3] = "1"
    fixed = write_csv(tmp_path / "till-fixed.csv", RETAIL, rows)
    again = pi.import_purchases(fixed, pi.PurchaseImportOptions(match="id"))
    assert (again.created, again.skipped, again.rejected) == (1, 1, 0)
    receipt = Purchase.get(Purchase.reference == "600001")
    assert receipt.total_minor == 2 * 300 + 200 + 150


def test_customers_are_found_by_the_column_the_file_has_and_a_missing_one_is_named(db, gbp, retail):
    ann = add_contact(ContactInput(first_name="Ann", last_name="Lee"))
    Contact.update(external_id="17850").where(Contact.id == ann).execute()
    plan = pi.plan_purchases_import(retail)  # no --match: the file's customer numbers
    assert plan.counts["purchases"] > 0 and {p.contact_id for p in plan.preview if p.customer == "17850"} == {ann}
    with pytest.raises(pi.InvalidValue) as caught:
        pi.plan_purchases_import(retail, pi.PurchaseImportOptions(match="email"))
    assert caught.value.detail == ("the file has no email column to find the customers by; it has a column for "
                                   "the customer number: use --match id")
    assert Purchase.select().count() == 0


# --------------------------------------------------------------------------------------------------
# Plausibility, headers in other languages, rejects in row order


def test_sales_dated_after_tomorrow_or_before_1900_are_rejected(gbp, tmp_path):
    today = date.today()
    rows = [[today.isoformat(), "1.00", "R-1"],
            [(today + timedelta(days=1)).isoformat(), "2.00", "R-2"],  # a day's slack for time zones
            [f"{today + timedelta(days=2)} 09:00", "3.00", "R-3"],
            [today.replace(year=today.year + 4, day=1).isoformat(), "4.00", "R-4"],
            ["1899-12-30", "5.00", "R-5"],  # a spreadsheet's day zero
            ["0001-01-01 10:00", "6.00", "R-6"],
            ["9999-12-31 23:00-05:00", "7.00", "R-7"],
            ["1900-01-01", "8.00", "R-8"]]
    source = write_csv(tmp_path / "p.csv", ["Date", "Amount", "Receipt"], rows)
    plan = pi.plan_purchases_import(source)
    assert [(r.row, r.reason, r.column, r.value) for r in plan.rejects] == [
        (4, "the date is in the future", "Date", f"{today + timedelta(days=2)} 09:00"),
        (5, "the date is in the future", "Date", rows[3][0]),
        (6, "the date is before 1900", "Date", "1899-12-30"),
        (7, "the date is before 1900", "Date", "0001-01-01 10:00"),
        (8, "the date is in the future", "Date", "9999-12-31 23:00-05:00")]
    result = pi.import_purchases(source)
    assert (result.created, result.rejected) == (3, 5)
    assert sorted(p.reference for p in Purchase.select()) == ["R-1", "R-2", "R-8"]
    assert [r.reason for r in result.rejects] == [r.reason for r in plan.rejects]


def test_a_row_of_a_receipt_dated_in_the_future_leaves_the_receipt_out(gbp, tmp_path):
    future = (date.today() + timedelta(days=30)).isoformat()
    source = write_csv(tmp_path / "p.csv", ["Date", "Receipt", "Quantity", "Unit Price"],
                       [["2025-01-05", "R-1", "1", "3.00"], [future, "R-1", "1", "2.00"]])
    result = pi.import_purchases(source)
    assert result.created == 0 and Purchase.select().count() == 0
    assert [(r.row, r.reason) for r in result.rejects] == [(2, pi.BROKEN_RECEIPT), (3, "the date is in the future")]


def test_absurd_amounts_and_quantities_are_rejected(gbp, tmp_path):
    header = ["Date", "Receipt", "Quantity", "Unit Price", "Amount", "Currency"]
    rows = [["2025-01-05", "R-1", "", "", "100000000000", ""],  # 100 billion pounds
            ["2025-01-05", "R-2", "", "", "1000000.00", ""],  # a million: the most a receipt can be
            ["2025-01-05", "R-3", "", "", "1000000.01", ""],
            ["2025-01-06", "R-4", "", "", "600000.00", ""],  # two rows under the limit, a receipt over it
            ["2025-01-06", "R-4", "", "", "600000.00", ""],
            ["2025-01-07", "R-5", "99999999999999999999", "0.01", "", ""],
            ["2025-01-07", "R-6", "2000", "1000.00", "", ""],  # a line of two million
            ["2025-01-07", "R-7", "1", "2000000.00", "", ""],
            ["2025-01-08", "R-8", "-3", "400000.00", "", ""],  # a refund of 1.2 million
            ["2025-01-09", "R-9", "", "", "5000000", "JPY"],  # about 30,000 euros
            ["2025-01-09", "R-10", "", "", "25000000", "IDR"],  # about 1,500 euros
            ["2025-01-09", "R-11", "", "", "300000000", "JPY"]]  # about 2 million euros
    source = write_csv(tmp_path / "p.csv", header, rows)
    result = pi.import_purchases(source)
    assert [(r.row, r.reason, r.column) for r in result.rejects] == [
        (2, "the amount is too large", "Amount"),
        (4, "the amount is too large", "Amount"),
        (5, "the amount is too large", None),  # (the receipt: each of its rows)
        (6, "the amount is too large", None),
        (7, "the quantity is too large", "Quantity"),
        (8, "the amount is too large", "Quantity"),
        (9, "the amount is too large", "Unit Price"),
        (10, "the amount is too large", "Quantity"),
        (13, "the amount is too large", "Amount")]
    stored = {p.reference: (p.total_minor, p.currency) for p in Purchase.select()}
    assert stored == {"R-2": (100_000_000, "GBP"), "R-9": (5_000_000, "JPY"), "R-10": (2_500_000_000, "IDR")}


def test_every_currency_in_use_has_a_largest_receipt():
    from babel.core import get_global
    from babel.numbers import get_territory_currencies

    in_use = {code for territory in get_global("territory_currencies")
              for code in get_territory_currencies(territory, date.today())}
    assert in_use - set(pi.UNIT_SCALE) == set()
    assert pi.largest_amount("EUR") == 1_000_000_00 and pi.largest_amount("KWD") == 1_000_000_000
    assert pi.largest_amount("JPY") == 100_000_000 and pi.largest_amount("VND") == 100_000_000_000


def test_the_new_reasons_can_be_translated_in_the_window():
    wizard = pytest.importorskip("smallcrm.gui.import_wizard")
    from smallcrm.services.importing import reader

    for reason in (pi.IN_FUTURE, pi.TOO_OLD, pi.TOO_LARGE, pi.TOO_MANY, pi.OTHER_CURRENCY, pi.OTHER_CUSTOMER,
                   pi.SAME_NAME, pi.IN_TRASH, cleaning.NOT_AN_AMOUNT, cleaning.DECIMAL_MARK_LAST,
                   cleaning.MIXED_SEPARATORS, cleaning.MISPLACED_SEPARATORS, cleaning.OTHER_CURRENCY,
                   cleaning.SIGN_OF_SEVERAL, cleaning.AMBIGUOUS_AMOUNT, money.DECIMALS, money.NO_DECIMALS,
                   pi.CANCELLED_REASON, pi.REFUND_OF_CANCELLED, pi.REFUNDED_BEFORE, pi.NOT_A_SALE, pi.TOTAL_ROW, pi.BROKEN_RECEIPT,
                   pi.NOT_A_QUANTITY, pi.NOT_REFUNDED_AMOUNT, pi.AMBIGUOUS_QUANTITY, pi.ZERO_TOTAL,
                   pi.NOT_PAID_AMOUNT, pi.NOT_A_DISCOUNT, pi.DISCOUNT_TOO_LARGE, pi.CUT_SHORT,
                   cleaning.TOO_LONG, cleaning.NOTES_TOO_LONG, cleaning.TOTAL_ROW, pi.UNREAD_PHONE,
                   *pi.SHARED_KEY.values()):
        assert reason in wizard.REJECT_REASONS
    for detail in (*reader.BINARY_KINDS, reader.IS_FOLDER, reader.ONLY_NAMES, reader.NO_NAMES, reader.BAD_BYTES,
                   reader.BAD_BYTES_IN_COLUMN, reader.UTF8_READ_AS):
        assert detail in wizard.FILE_DETAILS


def test_a_reason_with_facts_is_its_english_text_and_keeps_its_template_and_facts(gbp, tmp_path):
    """What the window translates: the template and the facts of the reason the import gives, also after
    crossing to another process (as a worker's decisions do)."""
    header = ["Date", "Receipt", "Amount", "Currency"]
    rows = [["2025-03-01 10:00", "R-1", "5.00", "EUR"], ["2025-03-01 10:00", "R-1", "5.00", "GBP"]]
    plan = pi.plan_purchases_import(write_csv(tmp_path / "p.csv", header, rows))
    reason = next(r.reason for r in plan.rejects if r.row == 3)
    for said in (reason, pickle.loads(pickle.dumps(reason))):
        assert said == "receipt R-1 is in EUR, this row in GBP"
        assert (said.template, said.facts) == (pi.OTHER_CURRENCY, {"reference": "R-1", "currency": "EUR",
                                                                   "other": "GBP"})


def test_rejects_are_listed_in_the_files_row_order(gbp, tmp_path):
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    purchases.record_purchase(ann, total_minor=900, at=datetime(2025, 2, 1, 9, 0, tzinfo=timezone.utc),
                              reference="R-3")
    future = (date.today() + timedelta(days=10)).isoformat()
    header = ["Date", "Receipt", "Email", "Quantity", "Unit Price"]
    rows = [["2025-05-01 10:00", "R-1", "ann@example.com", "1", "0.00"],  # total 0: found once the receipt is whole
            ["2025-04-01 10:00", "R-2", "ann@example.com", "two", "1.00"],  # found on reading
            ["2025-01-01 10:00", "R-4", "ann@example.com", "1", "0.00"],  # total 0, an earlier receipt
            [future, "R-5", "ann@example.com", "1", "1.00"],  # found on reading
            ["2025-03-01 10:00", "R-6", "ann@example.com", "1", "2.00"],
            ["2025-03-01 10:00", "R-6", "ann@example.com", "1", "1000000000.00"]]  # breaks R-6 (row 6)
    source = write_csv(tmp_path / "p.csv", header, rows)
    plan = pi.plan_purchases_import(source)
    wanted = [(3, "the quantity is not a number"), (5, "the date is in the future"), (6, pi.BROKEN_RECEIPT),
              (7, "the amount is too large")]
    assert [(r.row, r.reason) for r in plan.rejects] == wanted
    assert sorted((p.rows, p.reason) for p in plan.preview if p.action == "skip") == [
        ([2], pi.ZERO_TOTAL), ([4], pi.ZERO_TOTAL)]
    result = pi.import_purchases(source)
    assert [(r.row, r.reason) for r in result.rejects] == wanted
    assert (result.rejected, result.skipped) == (4, 2) and Purchase.select().count() == 1  # only the one recorded before


FRENCH_TILL = (
    "N° de ticket;Date de vente;Client;E-mail client;Téléphone;Désignation;Quantité;Prix unitaire;Montant TTC;"
    "Devise;Moyen de paiement;Statut\r\n"
    "T-0001;15/03/2025 10:15;Marie Dupont;marie.dupont@exemple.fr;06 12 34 56 78;Baguette tradition;2;1,20;2,40;"
    "EUR;Carte bancaire;Payé\r\n"
    "T-0001;15/03/2025 10:15;Marie Dupont;marie.dupont@exemple.fr;06 12 34 56 78;Croissant;3;1,10;3,30;"
    "EUR;Carte bancaire;Payé\r\n"
    "T-0002;16/03/2025 17:40;Jean Martin;JEAN.MARTIN@exemple.fr;07 98 76 54 32;Gâteau d'anniversaire;1;24,50;24,50;"
    "EUR;Espèces;Payée\r\n"
    "T-0003;18/03/2025 09:05;;;;Café;2;1,80;3,60;EUR;Espèces;payé\r\n"
    "T-0004;21/03/2025 11:30;Marie Dupont;marie.dupont@exemple.fr;06 12 34 56 78;Pièce montée;1;1\u202f249,00;"
    "1\u202f249,00;EUR;Virement;En attente\r\n"
)


@pytest.fixture
def french_shop(db):
    set_setting("currency", "EUR")
    set_setting("default_region", "FR")
    marie = add_contact(ContactInput(first_name="Marie", last_name="Dupont", emails=["marie.dupont@exemple.fr"],
                                     phones=["06 12 34 56 78"]))
    jean = add_contact(ContactInput(first_name="Jean", last_name="Martin", emails=["jean.martin@exemple.fr"],
                                    phones=["07 98 76 54 32"]))
    return marie, jean


def test_a_french_till_export_imports_with_every_column_mapped(french_shop, tmp_path):
    marie, jean = french_shop
    source = tmp_path / "caisse.csv"
    source.write_bytes(FRENCH_TILL.encode("utf-8-sig"))
    plan = pi.plan_purchases_import(source)
    assert plan.dialect.delimiter == ";"
    assert plan.fields == ["reference", "date", "name", "email", "phone", "description", "quantity", "unit_price",
                           "amount", "currency", "payment_method", "status"]
    assert plan.rejects == [] and plan.unmatched == []
    by_phone = pi.plan_purchases_import(source, pi.PurchaseImportOptions(match="phone"))
    assert [(p.reference, p.contact_id) for p in by_phone.preview] == [
        ("T-0001", marie), ("T-0002", jean), ("T-0003", None), ("T-0004", marie)]

    result = pi.import_purchases(source)
    assert (result.created, result.rejected, result.skipped, result.customers_created) == (4, 0, 0, 0)
    stored = [(p.reference, p.occurred_at, p.total_minor, p.currency, p.payment_method, p.status, p.contact_id)
              for p in Purchase.select().order_by(Purchase.occurred_at)]

    def local(*when):
        return datetime(*when).astimezone(timezone.utc)  # the shop's local time

    assert stored == [
        ("T-0001", local(2025, 3, 15, 10, 15), 570, "EUR", "Carte bancaire", "paid", marie),
        ("T-0002", local(2025, 3, 16, 17, 40), 2450, "EUR", "Espèces", "paid", jean),
        ("T-0003", local(2025, 3, 18, 9, 5), 360, "EUR", "Espèces", "paid", None),
        ("T-0004", local(2025, 3, 21, 11, 30), 124900, "EUR", "Virement", "due", marie)]
    lines = PurchaseItem.select().join(Purchase).where(Purchase.reference == "T-0001").order_by(PurchaseItem.id)
    assert [(line.description, line.quantity, line.unit_price_minor) for line in lines] == [
        ("Baguette tradition", 2, 120), ("Croissant", 3, 110)]
    assert points_balance(marie) == 5 + 1249 and points_balance(jean) == 24


@pytest.mark.parametrize(("header", "fields"), [
    (["Référence", "Date", "Numéro de facture", "Total TTC", "Moyen de paiement", "Téléphone", "Statut", "Devise"],
     ["reference", "date", "", "amount", "payment_method", "phone", "status", "currency"]),
    (["Numéro de facture", "Date de vente", "Prix unitaire", "Quantite\u0301", "Nom", "Prénom", "Pays"],
     ["reference", "date", "unit_price", "quantity", "last_name", "first_name", "country"]),
    (["Nº de ticket", "Date et heure", "Montant TTC", "Numéro client", "Libellé"],
     ["reference", "date", "amount", "customer_id", "description"]),
    (["Belegnummer", "Datum", "Kunde", "Betrag", "Zahlungsart", "Menge", "Einzelpreis", "Währung", "Kundennummer",
      "Artikel", "Zahlungsstatus", "Telefon"],
     ["reference", "date", "name", "amount", "payment_method", "quantity", "unit_price", "currency", "customer_id",
      "description", "status", "phone"]),
    (["Rechnungsnummer", "Rechnungsdatum", "Bruttobetrag", "E-Mail", "Vorname", "Nachname", "Land"],
     ["reference", "date", "amount", "email", "first_name", "last_name", "country"]),
    (["Número de ticket", "Fecha", "Cliente", "Correo electrónico", "Importe", "Cantidad", "Precio unitario",
      "Moneda", "Método de pago", "Estado del pago", "Teléfono", "Descripción"],
     ["reference", "date", "name", "email", "amount", "quantity", "unit_price", "currency", "payment_method",
      "status", "phone", "description"]),
    (["Numero scontrino", "Data", "Cliente", "Importo", "Quantità", "Prezzo unitario", "Valuta",
      "Metodo di pagamento", "Stato pagamento", "Telefono", "Descrizione", "Codice cliente"],
     ["reference", "date", "name", "amount", "quantity", "unit_price", "currency", "payment_method", "status",
      "phone", "description", "customer_id"]),
    (["Número do recibo", "Data da venda", "Nome do cliente", "Valor total", "Quantidade", "Preço unitário",
      "Moeda", "Forma de pagamento", "Telefone", "Descrição", "E-mail do cliente"],
     ["reference", "date", "name", "amount", "quantity", "unit_price", "currency", "payment_method", "phone",
      "description", "email"]),
    (["Bonnummer", "Datum", "Klant", "Bedrag", "Aantal", "Stukprijs", "Valuta", "Betaalmethode", "Betaalstatus",
      "Telefoon", "Omschrijving", "Klantnummer"],
     ["reference", "date", "name", "amount", "quantity", "unit_price", "currency", "payment_method", "status",
      "phone", "description", "customer_id"]),
])
def test_sales_headers_in_other_languages_are_recognised(header, fields):
    assert pi.map_purchase_headers(header) == ("generic", fields)
    assert pi.holds_purchases(header)


@pytest.mark.parametrize(("header", "fields"), [
    # a total by the names tills and invoices give it
    (["Fecha", "Nº ticket", "Correo electrónico", "Total ticket"], ["date", "reference", "email", "amount"]),
    (["Data", "N. scontrino", "Email", "Totale documento"], ["date", "reference", "email", "amount"]),
    (["Datum", "Rechnungsnummer", "E-Mail", "Rechnungsbetrag"], ["date", "reference", "email", "amount"]),
    # beside a line's amount, an order's total repeated on each line is not the amount (the lines add up to it)
    (["Belegnummer", "Datum", "E-Mail", "Artikel", "Menge", "Betrag", "Gesamtbetrag"],
     ["reference", "date", "email", "description", "quantity", "amount", ""]),
    # what was paid, or is still to pay, is no amount; nor a total in a currency the column names
    (["Rechnungsnr", "Datum", "E-Mail", "Zahlbetrag"], ["reference", "date", "email", ""]),
    (["Date", "Order", "Email", "Total USD"], ["date", "reference", "email", ""]),
    # the customer's email or phone named with the word for customer
    (["Datum", "Beleg", "E-Mail Kunde", "Telefon Kunde", "Betrag"], ["date", "reference", "email", "phone", "amount"]),
    (["Datum", "Bonnummer", "Klant e-mail", "Bedrag"], ["date", "reference", "email", "amount"]),
    (["Fecha", "Ticket", "Cliente", "Correo cliente", "Teléfono cliente", "Importe"],
     ["date", "reference", "name", "email", "phone", "amount"]),
])
def test_totals_and_the_customers_details_are_found_under_the_names_shops_give_them(header, fields):
    assert pi.map_purchase_headers(header) == ("generic", fields)


def test_woocommerces_payment_method_title_is_the_payment_method_not_its_code():
    headers = ["Order Number", "Order Date", "Payment Method", "Payment Method Title", "Order Total Amount"]
    fields = pi.map_purchase_headers(headers)[1]
    assert (fields[2], fields[3]) == ("", "payment_method")


def test_a_layout_can_be_chosen_and_one_the_file_has_not_the_columns_of_is_refused():
    etsy = ["Sale Date", "Order ID", "Full Name", "Currency", "Order Total", "Adjusted Order Total"]
    assert pi.map_purchase_headers(etsy)[0] == "etsy"
    assert pi.map_purchase_headers(etsy, "generic") == ("generic", pi.map_purchase_headers(etsy)[1])
    assert pi.map_purchase_headers(etsy, "etsy")[0] == pi.map_purchase_headers(etsy, " Etsy")[0] == "etsy"
    shopify = ["Name", "Email", "Financial Status", "Lineitem quantity", "Lineitem name", "Total"]
    assert pi.map_purchase_headers(shopify, "shopify")[0] == pi.map_purchase_headers(shopify, "Shopify-Orders")[0]
    with pytest.raises(InvalidValue) as caught:
        pi.map_purchase_headers(etsy, "stripe")
    assert caught.value.detail == "the file has no column id, Amount Refunded, Captured of that program's exports"
    with pytest.raises(InvalidValue) as caught:
        pi.map_purchase_headers(etsy, "google")
    assert caught.value.detail.startswith("one of auto, generic, shopify_orders, ")
    for name, signs in pi.LAYOUTS.items():  # each found by its own columns
        assert pi.map_purchase_headers(list(signs) + ["Total", "Date"])[0] == name


def test_a_header_name_means_one_field_only():
    seen: dict[str, str] = {}
    for name, aliases in pi.FIELDS.items():
        for alias in aliases:
            assert seen.setdefault(alias, name) == name, alias


@pytest.mark.parametrize(("text", "status"), [
    ("Payée", "paid"), ("RÉGLÉ", "paid"), ("bezahlt", "paid"), ("pagato", "paid"), ("betaald", "paid"),
    ("En attente", "due"), ("Impayée", "due"), ("à payer", "due"), ("offen", "due"), ("pendiente", "due"),
    ("não pago", "due"), ("onbetaald", "due"), ("abgeschrieben", "written_off"), ("irrécouvrable", "written_off"),
    ("annulé", "cancelled"), ("Refunded", "cancelled"), ("storniert", "cancelled"), ("maybe", None),
    ("Cancelled by customer", "cancelled"), ("voided", "cancelled"), ("partially_refunded", "paid"),
    ("Partiellement remboursée", "paid"), ("Teilweise erstattet", "paid"), ("processing", "paid"),
    ("Successful", "paid"), ("Paid Out", "paid"), ("erfolgreich", "paid"), ("on-hold", "due"),
    ("partially_paid", "due"), ("Pending payment", "due"), ("LAYBY", "due"), ("failed", "cancelled"),
    ("Denied", "cancelled"), ("expired", "cancelled"), ("Échoué", "cancelled"), ("fehlgeschlagen", "cancelled"),
    ("Abgeschlossen", "paid"), ("Terminé", "paid"), ("Effectué", "paid"), ("Completado", "paid"),
    ("Completato", "paid"), ("Concluído", "paid"), ("Voltooid", "paid"), ("LAYBY_CLOSED", "paid"),
    ("ONACCOUNT_CLOSED", "paid"), ("SAVED", "not_sale"), ("Devis", "not_sale"), ("Entwurf", "not_sale"),
    ("Teilweise bezahlt", "due"), ("Partiellement payée", "due"), ("Nicht bezahlt", "due"), ("Not paid", "due"),
    ("Payment pending", "due"), ("Parcialmente pagado", "due"), ("Gedeeltelijk betaald", "due"),
    ("Teilerstattet", "paid"), ("Chargeback", "cancelled"), ("Remboursée partiellement", "paid"),
    ("Refunded (partial)", "paid"), ("Reembolsado parcialmente", "paid"), ("Rimborsato parzialmente", "paid"),
    ("Erstattet (teilweise)", "paid"), ("Cancelled partially", "paid")])
def test_payment_statuses_in_other_languages(text, status):
    assert pi._status(text) == status


def test_cancelled_sales_are_skipped_and_a_quantity_with_a_thousands_separator_is_not_guessed(gbp, tmp_path):
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    header = ["Date", "Receipt", "Email", "Quantity", "Unit Price", "Status"]
    rows = [["2025-03-01 10:00", "R-1", "ann@example.com", "2,00", "1.50", "paid"],
            ["2025-03-02 10:00", "R-2", "ann@example.com", "1", "9.00", "Refunded"],
            ["2025-03-03 10:00", "R-3", "ann@example.com", "1,000", "0.10", "paid"],
            ["2025-03-04 10:00", "R-4", "ann@example.com", "2.000", "0.10", "paid"]]
    result = pi.import_purchases(write_csv(tmp_path / "p.csv", header, rows))
    assert (result.created, result.skipped, result.rejected) == (1, 1, 2)
    assert [(r.row, r.column, r.value) for r in result.rejects] == [(4, "Quantity", "1,000"), (5, "Quantity", "2.000")]
    assert {r.reason for r in result.rejects} == {pi.AMBIGUOUS_QUANTITY}
    assert [(p.reference, p.total_minor) for p in Purchase.select()] == [("R-1", 300)]
    assert Purchase.get().contact_id == ann


@pytest.mark.parametrize(("written", "usual", "locale", "code"), [
    ("EUR", "GBP", "en_GB", "EUR"), (" eur ", "GBP", "en_GB", "EUR"), ("€", "GBP", "en_GB", "EUR"),
    ("£", "EUR", "fr_FR", "GBP"), ("$", "USD", "en_US", "USD"), ("$", "CAD", "en_CA", "CAD"),
    ("kr", "SEK", "sv_SE", "SEK"), ("CHF", "EUR", "fr_FR", "CHF"), ("Euro", "GBP", "en_GB", "EUR"),
    ("euros", "EUR", "fr_FR", "EUR"), ("livres sterling", "EUR", "fr_FR", "GBP"), ("US Dollar", "EUR", "de_DE", "USD"),
    ("franc suisse", "EUR", "en_GB", "CHF"), ("Schweizer Franken", "GBP", "en_US", "CHF"),
    # the shop's currency as its own country writes it, whatever language the shop is kept in
    ("$", "CAD", "en_GB", "CAD"), ("$", "AUD", "en_US", "AUD"), ("$", "MXN", "es_ES", "MXN"),
    ("¥", "CNY", "en_GB", "CNY"), ("¥", "EUR", "en_GB", "JPY"), ("$", "EUR", "en_GB", "USD")])
def test_a_currency_written_as_a_code_a_symbol_or_its_name(written, usual, locale, code):
    assert money.currency_of(written, usual, locale) == code


@pytest.mark.parametrize("written", ["kr", "dollar", "€€", "XYZ", "XXX", "XAU"])
def test_a_currency_that_is_no_code_and_no_one_currencys_symbol_is_refused(written):
    with pytest.raises(InvalidValue):
        money.currency_of(written, "EUR", "fr_FR")  # ("kr": Swedish, Norwegian, Danish or Icelandic?)


def test_a_till_that_writes_currency_symbols_imports_them(gbp, tmp_path):
    header = ["Date", "Receipt", "Amount", "Currency"]
    rows = [["2025-03-01 10:00", "R-1", "12.50", "£"], ["2025-03-02 10:00", "R-2", "8.00", "€"],
            ["2025-03-03 10:00", "R-3", "3.00", "kr"]]
    result = pi.import_purchases(write_csv(tmp_path / "p.csv", header, rows))
    assert sorted((p.reference, p.currency, p.total_minor) for p in Purchase.select()) == [
        ("R-1", "GBP", 1250), ("R-2", "EUR", 800)]
    assert [(r.row, r.column, r.value) for r in result.rejects] == [(4, "Currency", "kr")]


def test_a_till_numbering_every_receipt_with_a_c_sells_and_a_refund_line_is_recorded(gbp, tmp_path):
    header = ["Date", "Receipt", "Amount", "Status"]
    rows = [["2025-03-01 10:00", "C001234", "25.00", "paid"], ["2025-03-02 10:00", "C001235", "40.00", "paid"],
            ["2025-03-03 10:00", "C001236", "-12.00", "Refunded"], ["2025-03-04 10:00", "C001237", "9.00", "Refunded"]]
    result = pi.import_purchases(write_csv(tmp_path / "caisse.csv", header, rows))
    assert (result.created, result.refunds, result.skipped) == (3, 1, 1)
    assert sorted((p.reference, p.total_minor) for p in Purchase.select()) == [
        ("C001234", 2500), ("C001235", 4000), ("C001236", -1200)]


@pytest.mark.parametrize("numbers", [("A1001", "B1001", "C1001"), ("T0001", "C2026-015", "T0002")],
                         ids=["registers of a letter each", "web orders beside a till's tickets"])
def test_a_c_before_a_number_beside_numbers_of_other_letters_is_a_sale(gbp, tmp_path, numbers):
    """"C" marks a cancellation only beside numbers in figures (Online Retail's "536365" and "C536379"): beside a
    register's own letters, or a till's tickets, "C1001" and "C2026-015" are sales."""
    header = ["Date", "Receipt", "Amount"]
    rows = [["2026-02-03 10:00", numbers[0], "12.50"], ["2026-02-03 10:10", numbers[1], "30.00"],
            ["2026-02-03 10:20", numbers[2], "40.00"]]
    result = pi.import_purchases(write_csv(tmp_path / "till.csv", header, rows))
    assert (result.created, result.refunds) == (3, 0)
    assert all(p.total_minor > 0 for p in Purchase.select())


@pytest.mark.parametrize(("headers", "fields"), [
    (["Fecha", "Nº Factura", "Total (EUR)", "Cantidad"], ["date", "reference", "amount", "quantity"]),
    (["Data", "N.º Fatura", "Valor (€)"], ["date", "reference", "amount"]),
    (["Datum", "Kassenbon", "Preis (EUR)", "Menge", "Betrag (inkl. MwSt.)"],
     ["date", "reference", "unit_price", "quantity", "amount"]),
    (["Datum", "Quittung", "Summe"], ["date", "reference", "amount"]),
    (["Order Number", "Order Date", "Order Total Amount", "Order Currency"],
     ["reference", "date", "amount", "currency"]),
])
def test_receipt_numbers_with_an_ordinal_sign_and_amounts_with_their_currency_in_brackets(headers, fields):
    assert pi.map_purchase_headers(headers)[1] == fields


def test_a_customer_number_whose_zeros_a_spreadsheet_took_off_finds_its_customer_when_its_names_do(gbp, tmp_path):
    """The till wrote "000123"; the same export opened and saved in Excel says "123": the sales went to a new customer
    of that number. The number is decided once for the file: its rows without a name go with it, and a number one of
    whose rows names someone else is another customer's (a web shop's 42 is not a loyalty card's 0042)."""
    header = ["Date", "Receipt", "Customer ID", "Name", "Amount"]
    first = write_csv(tmp_path / "a.csv", header, [["2025-03-01 10:00", "R-1", "000123", "Ann Lee", "12.50"],
                                                   ["2025-03-01 11:00", "R-2", "0042", "Bo Kay", "5.00"]])
    assert pi.import_purchases(first, pi.PurchaseImportOptions(match="id", create_missing=True)).customers_created == 2
    saved_again = write_csv(tmp_path / "b.csv", header, [["2025-03-02 10:00", "R-3", "123", "Ann Lee", "8.00"],
                                                         ["2025-03-02 11:00", "R-4", "123", "", "3.00"],
                                                         ["2025-03-02 11:30", "R-5", "123.0", "ANN LEE", "2.00"],
                                                         ["2025-03-02 12:00", "R-6", "42", "Bo Kay", "9.00"],
                                                         ["2025-03-02 13:00", "R-7", "42", "Cy Lim", "1.00"]])
    result = pi.import_purchases(saved_again, pi.PurchaseImportOptions(match="id", create_missing=True))
    assert (result.created, result.customers_created) == (5, 1)
    ann = Contact.get(Contact.external_id == "000123")  # (as the till wrote it)
    assert Purchase.select().where(Purchase.contact == ann.id).count() == 4
    bo = Contact.get(Contact.external_id == "0042")
    assert Purchase.select().where(Purchase.contact == bo.id).count() == 1  # ("42" is also Cy Lim's: not Bo's)
    made = Contact.get(Contact.external_id == "42")
    assert Purchase.select().where(Purchase.contact == made.id).count() == 2


def test_a_receipt_number_whose_zeros_a_spreadsheet_took_off_is_the_sale_imported_before(gbp, tmp_path):
    """The till's export ("000123"), then the same export saved again in Excel ("123"): each sale was recorded twice."""
    header = ["Date", "Receipt", "Email", "Amount"]
    rows = [["2025-03-01 10:00", "000123", "ann@example.com", "12.50"], ["2025-03-01 11:00", "000124", "", "4.00"]]
    first = pi.import_purchases(write_csv(tmp_path / "a.csv", header, rows), pi.PurchaseImportOptions(
        create_missing=True))
    assert first.created == 2
    again = [[day, number.lstrip("0"), email, amount] for day, number, email, amount in rows]
    again.append(["2025-03-02 09:00", "125", "ann@example.com", "3.00"])
    result = pi.import_purchases(write_csv(tmp_path / "b.csv", header, again), pi.PurchaseImportOptions(
        create_missing=True))
    assert (result.created, result.skipped, result.skips) == (1, 2, {"already imported": 2})
    assert sorted(p.reference for p in Purchase.select()) == ["000123", "000124", "125"]


@pytest.mark.parametrize(("status", "read"), [
    ("AWAITING_DISPATCH", "paid"), ("AWAITING_PICKUP", "paid"), ("DISPATCHED_CLOSED", "paid"),
    ("PICKED_UP_CLOSED", "paid"),  # Lightspeed X's sales paid and on their way
    ("Paiement accepté", "paid"), ("Expédié", "paid"), ("Livré", "paid"), ("En cours de préparation", "paid"),
    ("En attente du paiement par chèque", "due"), ("En attente de virement bancaire", "due"),
    ("En attente de réapprovisionnement (payé)", "paid"), ("Erreur de paiement", "cancelled"),  # PrestaShop's
    ("Versendet", "paid"), ("Shipped", "paid"), ("Awaiting payment", "due"),
    ("Awaiting check payment", "due"), ("Awaiting bank wire payment", "due"), ("Remote payment accepted", "paid"),
    ("Processing in progress", "paid"), ("On backorder (paid)", "paid"), ("On backorder (not paid)", "due"),
    ("Awaiting Cash On Delivery validation", "due"),  # PrestaShop's in English
])
def test_a_web_shops_statuses_of_orders_on_their_way_are_paid(status, read):
    assert pi._status(status) == read


def test_a_customer_number_or_phone_of_a_customer_of_other_names_finds_no_one(gbp, tmp_path):
    """A web shop's customer 17850 is not the till's 17850, and a phone may be a family's: a row naming someone of
    whose names the customer found has none, with an email that is not theirs, is a customer the book does not have."""
    chloe = add_contact(ContactInput(first_name="Chloé", last_name="Dubois", emails=["chloe@example.fr"]))
    Contact.update(external_id="17850").where(Contact.id == chloe).execute()  # (as an import of the till's list)
    alice = add_contact(ContactInput(first_name="Alice", last_name="Martin", phones=["+33612345678"]))
    header = ["Order Number", "Order Date", "Customer ID", "Email", "First Name", "Last Name", "Phone", "Order Total"]
    rows = [["5001", "2025-06-01 10:00", "17850", "zed@example.com", "Zed", "Zimmer", "", "30.00"],
            ["5002", "2025-06-01 11:00", "", "yan@example.com", "Yan", "Yu", "+33612345678", "40.00"],
            ["5003", "2025-06-01 12:00", "17850", "", "Chloe", "Dubois-Roy", "", "5.00"],  # her names: her
            ["5004", "2025-06-01 13:00", "", "", "Paul", "Martin", "+33612345678", "6.00"],  # a name of hers
            ["5005", "2025-06-01 14:00", "17850", "chloe@example.fr", "Zoé", "Roy", "", "7.00"],  # her email
            ["5006", "2025-06-01 15:00", "17850", "", "", "", "", "8.00"],  # no name: the number's
            ["5007", "2025-06-01 16:00", "17850", "", "DUBOIS,", "C.", "", "9.00"],  # her last name, an initial
            ["5008", "2025-06-01 17:00", "4711", "", "H.", "Mueller", "", "3.00"],  # Müller, umlaut written out
            ["5009", "2025-06-01 18:00", "1004", "", "Paul", "Durand", "", "4.00"],  # on a company's account
            ["5010", "2025-06-01 19:00", "17850", "", "Mme", "Coco", "", "6.00"]]  # a nickname alone: the number's
    hans = add_contact(ContactInput(first_name="Hans", last_name="Müller"))
    shop = add_contact(ContactInput(company="Boulangerie Martin"))
    Contact.update(external_id="4711").where(Contact.id == hans).execute()
    Contact.update(external_id="1004").where(Contact.id == shop).execute()
    plan = pi.plan_purchases_import(write_csv(tmp_path / "orders.csv", header, rows))
    assert sorted(u.key for u in plan.unmatched) == ["yan@example.com", "zed@example.com"]
    pi.import_purchases(write_csv(tmp_path / "orders.csv", header, rows))
    assert sorted((p.reference, p.contact_id) for p in Purchase.select()) == [
        ("5003", chloe), ("5004", alice), ("5005", chloe), ("5006", chloe), ("5007", chloe), ("5008", hans),
        ("5009", shop), ("5010", chloe)]


def test_a_sale_imported_before_that_the_file_now_gives_another_total_is_said_and_kept(gbp, tmp_path):
    """An order changed in the web shop since it was imported (a line added): it was skipped as "already imported"."""
    header = ["Date", "Order", "Email", "Amount"]
    rows = [["2025-03-01 10:00", "1001", "ann@example.com", "49.90"], ["2025-03-01 11:00", "1002", "", "5.00"]]
    pi.import_purchases(write_csv(tmp_path / "a.csv", header, rows), pi.PurchaseImportOptions(create_missing=True))
    rows[0][3] = "64.90"
    result = pi.import_purchases(write_csv(tmp_path / "b.csv", header, rows),
                                 pi.PurchaseImportOptions(create_missing=True))
    assert result.skips == {pi.ALREADY_IMPORTED: 1, pi.OTHER_TOTAL_NOW: 1}
    assert Purchase.get(Purchase.reference == "1001").total_minor == 4990


def test_a_cancellation_not_linked_to_its_sale_takes_back_at_the_rate_the_customers_sales_earned(gbp, tmp_path):
    """Online Retail's C-invoices name no sale. Chloé's tea set, bought in her birthday month (twice the points),
    cancelled whole in April, took back half of what it earned; Dan's three clocks returned one at a time, each below
    the minimum spend, took back nothing."""
    set_rules(LoyaltyRules(points_per_unit=2, min_spend_minor=1000, birthday_multiplier=2))
    chloe = add_contact(ContactInput(first_name="Chloé", last_name="Dubois", birthday="1990-03-10"))
    dan = add_contact(ContactInput(first_name="Dan", last_name="Evans"))
    Contact.update(external_id="17850").where(Contact.id == chloe).execute()
    Contact.update(external_id="12583").where(Contact.id == dan).execute()
    rows = [["581001", "22139", "RETROSPOT TEA SET", "2", "2026-03-05 10:00:00", "50.00", "17850", "France"],
            ["581002", "22728", "ALARM CLOCK", "5", "2026-05-05 10:00:00", "8.00", "12583", "United Kingdom"],
            ["C581003", "22139", "RETROSPOT TEA SET", "-2", "2026-04-02 11:00:00", "50.00", "17850", "France"],
            *([f"C58100{n}", "22728", "ALARM CLOCK", "-1", f"2026-05-0{n + 2} 10:00:00", "8.00", "12583",
               "United Kingdom"] for n in (4, 5, 6))]
    pi.import_purchases(write_csv(tmp_path / "retail.csv", RETAIL, rows))
    assert points_balance(chloe) == 0  # 400 earned, 400 taken back
    assert points_balance(dan) == 80 - 3 * 16  # 2 points a pound: 16 for each 8.00 clock


def test_a_products_type_is_no_fee_hold_or_memo_by_the_start_of_its_word(gbp, tmp_path):
    """A "Type" column of product types: Feed, Holdall, Memory foam, New Release were read as a fee, a hold, a memo and
    a release of PayPal's, and their sales left out; a consignor's sale ("Dépôt-vente") is one, a transfer of the
    sales' money is not."""
    header = ["Date", "Receipt", "Item", "Type", "Amount"]
    types = ["Feed", "Holdall", "Memory foam", "New Release", "Dépôt-vente", "Retrait magasin", "Payment Release",
             "General Withdrawal", "Fee", "Payment Hold", "Bank Deposit to PP Account", "Transfert magasin",
             "Virement des ventes", "Sales payout", "Fee on sale", "Trainingsbon"]
    rows = [[f"2025-03-01 10:{i:02d}", f"R{i}", "Thing", kind, "10.00"] for i, kind in enumerate(types)]
    result = pi.import_purchases(write_csv(tmp_path / "sales.csv", header, rows))
    assert result.skips == {pi.NOT_A_SALE: 10}
    assert sorted(p.reference for p in Purchase.select()) == sorted(f"R{i}" for i in range(6))


@pytest.mark.parametrize(("first", "again"), [
    (["2025-03-01 10:15:33", "2025-03-01 16:40:12"], ["01/03/2025 10:15", "01/03/2025 16:40"]),  # seconds dropped
    (["01/03/2025 10:15", "01/03/2025 16:40"], ["2025-03-01 10:15:33", "2025-03-01 16:40:12"]),
    (["2025-03-01", "2025-03-01"], ["2025-03-01 10:15:33", "2025-03-01 16:40:12"]),  # the day alone, then times
    (["2025-03-01 10:15:33", "2025-03-01 16:40:12"], ["2025-03-01", "2025-03-01"]),
])
def test_a_sale_exported_again_with_its_time_written_less_exactly_is_the_sale_imported_before(gbp, tmp_path, first,
                                                                                                 again):
    """A till's export saved again in a spreadsheet writes "10:15" for "10:15:33": each sale was recorded twice."""
    header = ["Date", "Receipt", "Email", "Amount"]
    rows = [["1001", "ann@example.com", "12.50"], ["1002", "bob@example.com", "4.00"]]
    options = pi.PurchaseImportOptions(create_missing=True, date_orders={0: "dmy"})
    pi.import_purchases(write_csv(tmp_path / "a.csv", header, [[t, *r] for t, r in zip(first, rows)]), options)
    later = [[again[0], *rows[0]], [again[1], *rows[1]], ["2025-03-01 17:00", "1003", "ann@example.com", "3.00"]]
    result = pi.import_purchases(write_csv(tmp_path / "b.csv", header, later), options)
    assert (result.created, result.skipped, result.skips) == (1, 2, {"already imported": 2})
    assert sorted((p.reference, p.total_minor) for p in Purchase.select()) == [
        ("1001", 1250), ("1002", 400), ("1003", 300)]


@pytest.mark.parametrize(("first", "again"), [
    (["2025-03-01 10:15:33", "2025-03-01 16:40:12"], ["01/03/2025 10:15", "01/03/2025 16:40"]),  # seconds dropped
    (["01/03/2025 10:15", "01/03/2025 16:40"], ["2025-03-01 10:15:33", "2025-03-01 16:40:12"]),
])
def test_a_sale_without_a_number_exported_again_without_its_seconds_is_the_sale_imported_before(gbp, tmp_path, first,
                                                                                                 again):
    header = ["Date", "Email", "Amount"]
    rows = [["ann@example.com", "12.50"], ["bob@example.com", "4.00"]]
    options = pi.PurchaseImportOptions(create_missing=True, date_orders={0: "dmy"})
    pi.import_purchases(write_csv(tmp_path / "a.csv", header, [[t, *r] for t, r in zip(first, rows)]), options)
    later = [[again[0], *rows[0]], [again[1], *rows[1]], ["11/03/2025 16:40", "bob@example.com", "4.00"]]
    result = pi.import_purchases(write_csv(tmp_path / "b.csv", header, later), options)
    assert (result.created, result.skipped, result.skips) == (1, 2, {"already imported": 2})
    assert Purchase.select().count() == 3
    # two sales of one minute, each with its seconds, are two: and the later file's two are they
    rows = [["2025-03-02 09:12:05", "ann@example.com", "3.00"], ["2025-03-02 09:12:41", "ann@example.com", "3.00"]]
    assert pi.import_purchases(write_csv(tmp_path / "c.csv", header, rows), options).created == 2
    result = pi.import_purchases(write_csv(tmp_path / "d.csv", header, [["02/03/2025 09:12", *r[1:]] for r in rows]),
                                 options)
    assert (result.created, result.skipped) == (0, 2)


def test_the_same_receipt_number_another_minute_or_day_or_of_another_total_is_another_sale(gbp, tmp_path):
    """A till whose count starts again each day: receipt 17 of today is not yesterday's, nor this afternoon's; and
    a second till's receipts 1 to 3 of the same day, in a file of days alone, are other sales."""
    header = ["Date", "Receipt", "Amount"]
    pi.import_purchases(write_csv(tmp_path / "a.csv", header, [["2025-03-01 10:15:33", "17", "12.50"],
                                                              ["2025-03-01", "18", "4.00"],
                                                              ["2025-03-01 09:12:33", "1", "12.00"]]))
    result = pi.import_purchases(write_csv(tmp_path / "b.csv", header, [["2025-03-01 10:16", "17", "12.50"],
                                                                       ["2025-03-02", "18", "4.00"],
                                                                       ["2025-03-01", "1", "19.00"]]))
    assert (result.created, result.skipped) == (3, 0)
    # ... or of another customer: another till's receipt 1 of the same minute and total
    header = ["Date", "Receipt", "Email", "Amount"]
    pi.import_purchases(write_csv(tmp_path / "c.csv", header, [["2025-03-02 09:12:33", "1", "ann@example.com",
                                                               "12.00"]]), pi.PurchaseImportOptions(create_missing=True))
    result = pi.import_purchases(write_csv(tmp_path / "d.csv", header, [
        ["2025-03-02 09:12:59", "1", "hans@example.com", "12.00"]]), pi.PurchaseImportOptions(create_missing=True))
    assert (result.created, result.skipped) == (1, 0)
    result = pi.import_purchases(write_csv(tmp_path / "e.csv", header, [  # (Ann's, saved again: her sale)
        ["02/03/2025 09:12", "1", "ann@example.com", "12.00"]]), pi.PurchaseImportOptions(date_orders={0: "dmy"}))
    assert (result.created, result.skipped) == (0, 1)


@pytest.mark.parametrize(("headers", "fields"), [
    (["Date", "Facture", "Montant (HT)", "Montant (TTC)"], ["date", "reference", "", "amount"]),
    (["Datum", "Beleg", "Betrag (netto)", "Betrag (brutto)"], ["date", "reference", "", "amount"]),
    (["Datum", "Beleg", "Summe netto", "MwSt", "Summe brutto"], ["date", "reference", "", "", "amount"]),
    (["Fecha", "Factura", "Importe (sin IVA)", "Importe (con IVA)"], ["date", "reference", "", "amount"]),
    (["Data", "Fattura", "Importo netto", "Importo lordo"], ["date", "reference", "", "amount"]),
    (["Data", "Fatura", "Valor sem IVA", "Valor com IVA"], ["date", "reference", "", "amount"]),
    (["Date", "Invoice", "Amount (excl. VAT)", "VAT", "Amount (incl. VAT)"], ["date", "reference", "", "", "amount"]),
    (["Date", "Invoice", "Total (ex GST)", "Total (inc GST)"], ["date", "reference", "", "amount"]),
    (["Date", "Facture", "Montant hors taxes", "Montant"], ["date", "reference", "", "amount"]),
    (["Date", "N° ticket", "Quantité", "Prix H.T.", "Prix T.T.C."],
     ["date", "reference", "quantity", "", "unit_price"]),
    (["Fecha", "Factura", "Importe", "IVA incluido"], ["date", "reference", "amount", ""]),
    # an amount said to be before tax is no amount by its name alone: the unit price times the quantity is
    (["Date", "Email", "Prix unitaire TTC", "Quantité", "Total HT"], ["date", "email", "unit_price", "quantity", ""]),
    (["Datum", "E-Mail", "Einzelpreis", "Menge", "Summe netto"], ["date", "email", "unit_price", "quantity", ""]),
    (["Date", "Facture", "Total HT", "TVA"], ["date", "reference", "", ""]),
    # beside no amount with its tax, it is the amount; nor is "TTC" of a payment an amount by its name
    (["Date", "Email", "Amount (excl. VAT)", "Sales"], ["date", "email", "amount", ""]),
    (["Date", "Email", "Paiement TTC", "Total"], ["date", "email", "", "amount"]),
])
def test_of_an_amount_before_and_with_its_tax_the_one_with_it_is_read(headers, fields):
    """Beside "Montant (TTC)", "Montant (HT)" was read, the brackets taken to say no more than a currency: every sale
    was recorded without its tax. "Summe brutto", "Importo lordo", "Valor com IVA" were no amount at all."""
    assert pi.map_purchase_headers(headers)[1] == fields


def test_the_amount_with_its_tax_is_recorded_beside_the_one_before_it(gbp, tmp_path):
    rows = [["2025-03-01 10:00", "F-1", "10,00", "12,00"], ["2025-03-02 11:00", "F-2", "-5,00", "-6,00"]]
    result = pi.import_purchases(write_csv(tmp_path / "p.csv", ["Date", "Facture", "Montant (HT)", "Montant (TTC)"],
                                           rows))
    assert (result.created, result.refunds, result.with_tax) == (2, 1, None)
    assert sorted(p.total_minor for p in Purchase.select()) == [-600, 1200]


def test_a_weighed_quantity_is_one_line_of_its_price_with_the_weight_in_its_words(gbp, tmp_path):
    header = ["Date", "Receipt", "Item", "Quantity", "Unit Price"]
    rows = [["2025-03-01 10:00", "R-1", "Comté", "0.350", "24.90"], ["2025-03-01 10:00", "R-1", "Bread", "2", "1.20"],
            ["2025-03-02 10:00", "R-2", "Ham", "1,25", "18.00"], ["2025-03-03 10:00", "R-3", "Tomatoes", "-0.5", "4.00"]]
    result = pi.import_purchases(write_csv(tmp_path / "p.csv", header, rows))
    assert (result.created, result.refunds, result.rejected) == (3, 1, 0)
    lines = sorted((i.purchase.reference, i.description, i.quantity, i.unit_price_minor, i.total_minor)
                   for i in PurchaseItem.select())
    assert lines == [("R-1", "0.350 × Comté", 1, 872, 872), ("R-1", "Bread", 2, 120, 240),
                     ("R-2", "1,25 × Ham", 1, 2250, 2250), ("R-3", "-0.5 × Tomatoes", -1, 200, -200)]
    assert sorted((p.reference, p.total_minor) for p in Purchase.select()) == [
        ("R-1", 1112), ("R-2", 2250), ("R-3", -200)]


def test_quantities_are_read_with_the_decimal_mark_the_files_prices_show(gbp, tmp_path):
    """A French till writes every quantity with three decimals ("1,000"); its prices ("12,50") say that the
    comma is the decimal mark, so "1,000" is one, and "2.000" in a file of "1.50" prices is two."""
    header = ["Date", "Ticket", "Article", "Quantité", "Prix unitaire"]
    rows = [["2025-03-01 10:00", "T-1", "Pain", "1,000", "1,20"],
            ["2025-03-01 10:00", "T-1", "Comté", "0,350", "24,90"],
            ["2025-03-02 10:00", "T-2", "Vin", "2,000", "12,50"]]
    pi.import_purchases(write_csv(tmp_path / "caisse.csv", header, rows))
    lines = sorted((i.purchase.reference, i.description, i.quantity, i.unit_price_minor) for i in PurchaseItem.select())
    assert lines == [("T-1", "0,350 × Comté", 1, 872), ("T-1", "Pain", 1, 120), ("T-2", "Vin", 2, 1250)]

    header = ["Date", "Receipt", "Item", "Quantity", "Unit Price"]
    rows = [["2025-04-01 10:00", "R-1", "Screws", "1,000", "0.05"], ["2025-04-02 10:00", "R-2", "Tea", "2.000", "1.50"]]
    result = pi.import_purchases(write_csv(tmp_path / "till.csv", header, rows))
    assert result.rejected == 0
    assert sorted((p.reference, p.total_minor) for p in Purchase.select() if p.reference.startswith("R")) == [
        ("R-1", 5000), ("R-2", 300)]


def test_an_amount_that_reads_two_ways_is_read_as_the_rest_of_the_file_writes_amounts(gbp, tmp_path):
    header = ["Date", "Receipt", "Amount"]
    rows = [["2025-03-01 10:00", "R-1", "1.234"], ["2025-03-02 10:00", "R-2", "12,50"]]
    pi.import_purchases(write_csv(tmp_path / "p.csv", header, rows))
    assert sorted((p.reference, p.total_minor) for p in Purchase.select()) == [("R-1", 123400), ("R-2", 1250)]


def test_a_quantity_stays_rejected_when_the_file_writes_both_decimal_marks(gbp, tmp_path):
    header = ["Date", "Receipt", "Quantity", "Unit Price"]
    rows = [["2025-03-01 10:00", "R-1", "1,000", "1.50"], ["2025-03-02 10:00", "R-2", "1", "2,50"]]
    result = pi.import_purchases(write_csv(tmp_path / "p.csv", header, rows))
    assert [(r.row, r.reason) for r in result.rejects] == [(2, pi.AMBIGUOUS_QUANTITY)]
    assert [p.reference for p in Purchase.select()] == ["R-2"]


def test_a_discount_line_lowers_its_receipt_and_a_refund_written_as_a_negative_price_is_a_refund(gbp, tmp_path):
    header = ["Date", "Receipt", "Item", "Quantity", "Unit Price"]
    rows = [["2025-03-01 10:00", "R-1", "Shoes", "2", "10.00"], ["2025-03-01 10:00", "R-1", "Discount", "1", "-3.00"],
            ["2025-03-02 10:00", "R-2", "Shoes (returned)", "1", "-25.00"]]
    result = pi.import_purchases(write_csv(tmp_path / "p.csv", header, rows))
    assert (result.created, result.refunds, result.rejected) == (2, 1, 0)
    assert sorted((p.reference, p.total_minor) for p in Purchase.select()) == [("R-1", 1700), ("R-2", -2500)]
    lines = sorted((i.purchase.reference, i.description, i.quantity, i.unit_price_minor, i.total_minor)
                   for i in PurchaseItem.select())
    assert lines == [("R-1", "Discount", 1, -300, -300), ("R-1", "Shoes", 2, 1000, 2000),
                     ("R-2", "Shoes (returned)", -1, 2500, -2500)]


def test_an_amount_written_with_another_currencys_sign_is_a_sale_in_that_currency(gbp, tmp_path):
    """No currency column: "€8.00" in a shop that sells in pounds was sold in euros; "$" could be any of a
    dozen dollars and stays a reject; "zł" in the currency column is the złoty in any language."""
    header = ["Date", "Receipt", "Amount"]
    rows = [["2025-03-01 10:00", "R-1", "£12.50"], ["2025-03-02 10:00", "R-2", "8,00 €"],
            ["2025-03-03 10:00", "R-3", "$5.00"], ["2025-03-04 10:00", "R-4", "7.00"]]
    result = pi.import_purchases(write_csv(tmp_path / "p.csv", header, rows))
    assert sorted((p.reference, p.currency, p.total_minor) for p in Purchase.select()) == [
        ("R-1", "GBP", 1250), ("R-2", "EUR", 800), ("R-4", "GBP", 700)]
    assert [(r.row, r.column, r.value) for r in result.rejects] == [(4, "Amount", "$5.00")]

    header = ["Date", "Receipt", "Amount", "Currency"]
    result = pi.import_purchases(write_csv(tmp_path / "pl.csv", header, [["2025-04-01 10:00", "P-1", "40,00", "zł"]]))
    assert result.rejected == 0
    assert Purchase.get(Purchase.reference == "P-1").currency == "PLN"


SHOPIFY_ORDERS = ["Name", "Email", "Financial Status", "Paid at", "Currency", "Subtotal", "Total", "Created at",
                  "Lineitem quantity", "Lineitem name", "Lineitem price", "Billing Name", "Billing Phone", "Id"]


def test_a_shopify_orders_export_is_one_purchase_per_order_with_the_billing_name(gbp, tmp_path):
    """Shopify writes an order's own columns on its first row only, and "Name" is the order's number."""
    rows = [["#1001", "marie@example.fr", "paid", "2025-03-01 10:15:22 +0100", "EUR", "45.00", "45.00",
             "2025-03-01 10:15:20 +0100", "2", "Lavender candle", "15.00", "Marie Dupont", "+33612345678", "51"],
            ["#1001", "marie@example.fr", "", "", "", "", "", "", "1", "Honey soap", "15.00", "", "", ""],
            ["#1002", "bob@example.com", "pending", "", "USD", "12.00", "12.00", "2025-03-05 09:00:00 -0500",
             "1", "Gift card", "12.00", "Bob Stone", "", "52"],
            ["#1002", "bob@example.com", "", "", "", "", "", "", "1", "Wrapping", "0.00", "", "", ""]]
    path = write_csv(tmp_path / "orders_export.csv", SHOPIFY_ORDERS, rows)
    preset, fields = pi.map_purchase_headers(SHOPIFY_ORDERS)
    assert preset == "shopify_orders"
    assert fields[:4] == ["reference", "email", "status", ""] and fields[7] == "date" and fields[11] == "name"
    result = pi.import_purchases(path, pi.PurchaseImportOptions(create_missing=True))
    assert (result.created, result.rejected, result.customers_created) == (2, 0, 2)
    bought = {p.reference: (p.currency, p.total_minor, p.status, p.occurred_at.isoformat()) for p in Purchase.select()}
    assert bought == {"#1001": ("EUR", 4500, "paid", "2025-03-01T09:15:20+00:00"),
                      "#1002": ("USD", 1200, "due", "2025-03-05T14:00:00+00:00")}
    lines = sorted((i.purchase.reference, i.description, i.quantity) for i in PurchaseItem.select())
    assert lines == [("#1001", "Honey soap", 1), ("#1001", "Lavender candle", 2), ("#1002", "Gift card", 1),
                     ("#1002", "Wrapping", 1)]
    names = sorted((c.first_name, c.last_name) for c in Contact.select())
    assert names == [("Bob", "Stone"), ("Marie", "Dupont")]


@pytest.mark.parametrize(("locale", "charges", "discounts"), [
    ("en_GB", "Shipping, taxes and other charges", "Discounts and other adjustments"),
    ("fr_FR", "Livraison, taxes et autres frais", "Remises et autres ajustements")])
def test_an_orders_total_beyond_its_lines_keeps_the_lines_and_a_line_for_the_rest(gbp, tmp_path, locale, charges,
                                                                                   discounts):
    """Shopify's Total has the shipping, taxes and the order's discount in it: the lines are kept, and one more, in
    the shop's language, makes them add up to it."""
    set_setting("locale", locale)
    rows = [["#1001", "marie@example.fr", "paid", "", "EUR", "45.00", "52.90", "2025-03-01 10:15:20 +0100", "2",
             "Lavender candle", "15.00", "Marie Dupont", "", "51"],
            ["#1001", "marie@example.fr", "", "", "", "", "", "", "1", "Honey soap", "15.00", "", "", ""],
            ["#1002", "marie@example.fr", "paid", "", "EUR", "45.00", "40.50", "2025-03-02 10:15:20 +0100", "3",
             "Honey soap", "15.00", "Marie Dupont", "", "52"]]
    path = write_csv(tmp_path / "orders_export.csv", SHOPIFY_ORDERS, rows)
    pi.import_purchases(path, pi.PurchaseImportOptions(create_missing=True))
    bought = {p.reference: p.total_minor for p in Purchase.select()}
    assert bought == {"#1001": 5290, "#1002": 4050}
    lines = sorted((i.purchase.reference, i.description, i.quantity, i.unit_price_minor, i.total_minor)
                   for i in PurchaseItem.select())
    assert lines == sorted([("#1001", "Honey soap", 1, 1500, 1500), ("#1001", "Lavender candle", 2, 1500, 3000),
                            ("#1001", charges, 1, 790, 790),
                            ("#1002", discounts, 1, -450, -450), ("#1002", "Honey soap", 3, 1500, 4500)])
    for reference, total in bought.items():  # as a purchase entered by hand: its lines add up to its total
        assert sum(i.total_minor for i in PurchaseItem.select().join(Purchase)
                   .where(Purchase.reference == reference)) == total


def test_a_time_in_a_column_of_its_own_and_net_sales_before_gross(gbp, tmp_path):
    """Square's item export: the date and the time in two columns, and "Net Sales" (after discounts) is what
    was paid, whichever comes first in the file."""
    header = ["Date", "Time", "Item", "Qty", "Gross Sales", "Discounts", "Net Sales", "Transaction ID"]
    rows = [["2025-03-01", "10:15:22", "Candle", "2", "£30.00", "-£3.00", "£27.00", "TX1"],
            ["2025-03-01", "10:15:22", "Soap", "1", "£15.00", "£0.00", "£15.00", "TX1"]]
    assert pi.map_purchase_headers(header)[1] == ["date", "time", "description", "quantity", "", "discount",
                                                  "amount", "reference"]  # (the discount: in Net Sales already)
    assert pi.map_purchase_headers(["Paid at", "Created at", "Total"])[1] == ["", "date", "amount"]
    pi.import_purchases(write_csv(tmp_path / "items.csv", header, rows))
    (p,) = Purchase.select()
    assert (p.reference, p.total_minor, p.currency) == ("TX1", 4200, "GBP")
    assert p.occurred_at.astimezone().strftime("%H:%M:%S") == "10:15:22"


def test_a_customer_created_from_a_name_column_keeps_the_particle_with_the_last_name(gbp, tmp_path):
    header = ["Date", "Receipt", "Email", "Customer", "Amount"]
    rows = [["2025-03-01 10:00", "R-1", "jan@example.nl", "Jan  van der Berg", "12.00"]]
    result = pi.import_purchases(write_csv(tmp_path / "p.csv", header, rows),
                                 pi.PurchaseImportOptions(create_missing=True))
    assert result.customers_created == 1
    assert [(c.first_name, c.last_name) for c in Contact.select()] == [("Jan", "van der Berg")]


def test_a_refund_under_its_sales_number_at_another_time_is_a_refund_of_that_sale(gbp, tmp_path):
    """Square and PayPal write a refund with the sale's number: it is not one receipt of 0 (rejected) or of
    what is left, but the sale on its day and the refund on its own, linked to it, whichever the file lists
    first; it takes back the sale's share of the points, and its customer is the sale's when its row names none."""
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    header = ["Date", "Transaction ID", "Amount", "Email"]
    rows = [["2025-07-25 16:00", "TX1", "-3.00", ""], ["2025-07-18 10:00", "TX1", "8.00", "ann@example.com"],
            ["2025-07-20 09:00", "TX2", "5.00", ""], ["2025-07-21 09:00", "TX2", "-5.00", ""]]
    result = pi.import_purchases(write_csv(tmp_path / "square.csv", header, rows))
    assert (result.created, result.refunds, result.rejected) == (4, 2, 0)
    assert sorted((p.reference, p.occurred_at.date().isoformat(), p.total_minor, p.contact_id or 0,
                   p.refund_of.occurred_at.date().isoformat() if p.refund_of else "") for p in Purchase.select()) == [
        ("TX1", "2025-07-18", 800, ann, ""), ("TX1", "2025-07-25", -300, ann, "2025-07-18"),
        ("TX2", "2025-07-20", 500, 0, ""), ("TX2", "2025-07-21", -500, 0, "2025-07-20")]
    assert points_balance(ann) == 8 - 3
    again = pi.import_purchases(write_csv(tmp_path / "square again.csv", header, rows))
    assert (again.created, again.skipped) == (0, 4)


def test_a_refund_of_more_than_is_left_of_its_sale_is_a_refund_of_its_own_and_said(gbp, tmp_path):
    """As a refund by hand may not pay back more than is left of its sale, an imported one is not linked to it then
    (refunds the file gave before, and those recorded, counted): it is recorded as a refund of its own, and its rows
    are said."""
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    header = ["Date", "Transaction ID", "Amount", "Email"]
    rows = [["2025-07-18 10:00", "TX1", "10.00", "ann@example.com"], ["2025-07-20 09:00", "TX1", "-25.00", ""],
            ["2025-07-19 10:00", "TX2", "10.00", "ann@example.com"], ["2025-07-21 09:00", "TX2", "-6.00", ""],
            ["2025-07-22 09:00", "TX2", "-6.00", ""], ["2025-07-23 09:00", "TX2", "-4.00", ""],
            ["2025-07-24 10:00", "TX3", "5.00", "ann@example.com"], ["2025-07-25 09:00", "TX3", "-4.00", ""],
            ["2025-07-25 09:00", "TX3", "-3.00", ""]]  # (one refund of two lines)
    source = write_csv(tmp_path / "square.csv", header, rows)
    plan = pi.plan_purchases_import(source)
    assert plan.warnings == [("refund_over_sale", 3)] and plan.warning_rows["refund_over_sale"] == [3, 6, 9, 10]
    result = pi.import_purchases(source)
    assert (result.created, result.refunds) == (8, 5)
    assert sorted((p.reference, p.total_minor, p.contact_id, p.refund_of.total_minor if p.refund_of else 0)
                  for p in Purchase.select().where(Purchase.total_minor < 0)) == [
        ("TX1", -2500, ann, 0), ("TX2", -600, ann, 0), ("TX2", -600, ann, 1000), ("TX2", -400, ann, 1000),
        ("TX3", -700, ann, 0)]

    sale = purchases.record_purchase(ann, total_minor=3000, at=datetime(2025, 8, 1, 10, tzinfo=timezone.utc),
                                     reference="S9")
    purchases.refund_purchase(sale.purchase_id, 2000)
    later = [["2025-08-05 09:00", "S9", "-12.00", ""], ["2025-08-06 09:00", "S9", "-10.00", ""]]
    result = pi.import_purchases(write_csv(tmp_path / "august.csv", header, later))
    assert result.warning_rows["refund_over_sale"] == [2]
    assert sorted((p.total_minor, p.refund_of_id or 0) for p in Purchase.select().where(
            Purchase.id > sale.purchase_id)) == [
        (-2000, sale.purchase_id), (-1200, 0), (-1000, sale.purchase_id)]


def test_a_refund_naming_no_customer_of_a_sale_whose_customer_is_skipped_is_skipped_with_it(gbp, tmp_path):
    """Square's refund rows name no customer: of a sale left out as its customer is not in the book, the refund is
    that customer's, left out with it (a refund of nothing would lower revenue), and made with it when asked."""
    header = ["Date", "Transaction ID", "Amount", "Email"]
    rows = [["2025-07-20 09:00", "TX1", "-4.00", ""], ["2025-07-18 10:00", "TX1", "10.00", "zoe@example.com"],
            ["2025-07-21 09:00", "TX2", "-3.00", ""]]
    source = write_csv(tmp_path / "square.csv", header, rows)
    plan = pi.plan_purchases_import(source)
    assert [(p.reference, p.action) for p in plan.preview] == [("TX1", "skip"), ("TX1", "skip"), ("TX2", "refund")]
    assert [(u.key, u.rows, u.purchases) for u in plan.unmatched] == [("zoe@example.com", [2, 3], 2)]  # (file order)
    pi.import_purchases(source)
    assert [(p.reference, p.total_minor) for p in Purchase.select()] == [("TX2", -300)]
    pi.import_purchases(source, pi.PurchaseImportOptions(customer_choices={"zoe@example.com": "create"}))
    [zoe] = contact_ids()
    assert sorted((p.reference, p.total_minor, p.contact_id or 0, p.refund_of.reference if p.refund_of else "")
                  for p in Purchase.select()) == [
        ("TX1", -400, zoe, "TX1"), ("TX1", 1000, zoe, ""), ("TX2", -300, 0, "")]


def test_a_discount_line_stamped_seconds_after_its_receipts_items_is_a_line_of_it(gbp, tmp_path):
    """A till that stamps each line with its own time writes the receipt's discount after its items: a line of the
    receipt, where a row under the number that says nothing of a discount is a refund of its own."""
    header = ["Date", "Receipt", "Item", "Qty", "Price"]
    rows = [["2025-07-18 10:00:00", "B17", "Coffee", "2", "3.00"], ["2025-07-18 10:00:05", "B17", "Cake", "1", "4.50"],
            ["2025-07-18 10:00:09", "B17", "Remise fidélité", "1", "-1.00"],
            ["2025-07-18 11:00:00", "B18", "Tea", "1", "2.50"], ["2025-07-18 11:20:00", "B18", "Tea", "-1", "2.50"]]
    result = pi.import_purchases(write_csv(tmp_path / "till.csv", header, rows))
    assert (result.created, result.refunds, result.rejected) == (3, 1, 0)
    b17 = Purchase.get(Purchase.reference == "B17")
    assert b17.total_minor == 950 and b17.refund_of_id is None
    assert [(i.description, i.quantity, i.unit_price_minor) for i in b17.items.order_by(PurchaseItem.id)] == [
        ("Coffee", 2, 300), ("Cake", 1, 450), ("Remise fidélité", 1, -100)]
    assert sorted(p.total_minor for p in Purchase.select().where(Purchase.reference == "B18")) == [-250, 250]


def test_a_refund_in_a_later_file_pays_back_the_sale_of_its_number_recorded_before(gbp, tmp_path):
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    header = ["Date", "Transaction ID", "Amount", "Email"]
    pi.import_purchases(write_csv(tmp_path / "october.csv", header, [
        ["2025-10-30 10:00", "TX1", "40.00", "ann@example.com"], ["2025-10-30 11:00", "TX2", "9.00", ""]]))
    november = pi.import_purchases(write_csv(tmp_path / "november.csv", header, [
        ["2025-11-02 10:00", "TX1", "-40.00", ""], ["2025-11-03 10:00", "TX9", "-5.00", ""]]))
    assert (november.created, november.refunds, november.points) == (2, 2, -40)
    assert _sales_and_refunds() == [("TX1", -4000, "TX1"), ("TX1", 4000, None), ("TX2", 900, None),
                                    ("TX9", -500, None)]
    assert Purchase.get(Purchase.total_minor == -4000).contact_id == ann and points_balance(ann) == 0
    with pytest.raises(NotAllowed, match="refunded since by import 2: undo that one first") as caught:
        ci.undo_import(1)  # the sale cannot go while its refund stays
    assert caught.value.later_batch == november.batch  # (for the window's words)


def test_a_sale_marked_refunded_beside_its_refund_row_is_paid_back_once(gbp, tmp_path):
    """A sale whose status says refunded, and the refund's own row: in a first import neither is recorded (the
    customer's balance does not go below zero); after the sale was imported as paid, the refund's row is its
    refund, once, however often the file comes again."""
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    header = ["Date", "Transaction ID", "Type", "Status", "Amount", "Email"]
    refunded = [["2025-06-01 10:00", "TX1", "Payment", "Refunded", "30.00", "ann@example.com"],
                ["2025-06-03 15:00", "TX1", "Refund", "Completed", "-30.00", "ann@example.com"]]
    first = pi.import_purchases(write_csv(tmp_path / "june.csv", header, refunded))
    assert (first.created, first.skipped) == (0, 2)
    assert [r.reason for r in pi.plan_purchases_import(tmp_path / "june.csv").preview] == [
        pi.CANCELLED_REASON, pi.REFUND_OF_CANCELLED]
    assert Purchase.select().count() == 0 and points_balance(ann) == 0
    assert first.batch is None  # (it wrote nothing: there is no import to list or undo)

    pi.import_purchases(write_csv(tmp_path / "paid.csv", header, [
        ["2025-06-01 10:00", "TX1", "Payment", "Completed", "30.00", "ann@example.com"]]))
    for name in ("july.csv", "august.csv"):
        pi.import_purchases(write_csv(tmp_path / name, header, refunded))
        assert sorted((p.total_minor, p.occurred_at.date().isoformat()) for p in Purchase.select()) == [
            (-3000, "2025-06-03"), (3000, "2025-06-01")]
    assert _sales_and_refunds() == [("TX1", -3000, "TX1"), ("TX1", 3000, None)] and points_balance(ann) == 0


def test_a_refund_column_beside_the_refunds_own_row_pays_back_once(gbp, tmp_path):
    """Square writes what was paid back on the sale's row ("Partial Refunds") and the refund on a row of its
    own: one refund, the row's, at its own time."""
    header = ["Date", "Transaction ID", "Transaction Type", "Net Sales", "Partial Refunds"]
    rows = [["2025-04-01 09:00", "TX1", "Payment", "£40.00", "-£4.00"],
            ["2025-04-03 12:00", "TX1", "Refund", "-£4.00", ""]]
    pi.import_purchases(write_csv(tmp_path / "square.csv", header, rows))
    assert sorted((p.total_minor, p.occurred_at.date().isoformat(), p.refund_of_id is not None)
                  for p in Purchase.select()) == [(-400, "2025-04-03", True), (4000, "2025-04-01", False)]


def test_in_a_file_whose_numbers_start_again_each_day_a_return_is_not_linked_by_its_number(gbp, tmp_path):
    header = ["Date", "Receipt", "Amount"]
    rows = [["2025-03-03 09:00", "1", "5.00"], ["2025-03-04 09:00", "1", "7.00"], ["2025-03-04 10:00", "2", "-5.00"],
            ["2025-03-03 10:00", "2", "6.00"]]
    pi.import_purchases(write_csv(tmp_path / "till.csv", header, rows))
    assert [p.refund_of_id for p in Purchase.select()] == [None] * 4


def test_an_orders_total_written_on_each_of_its_line_rows_is_counted_once(gbp, tmp_path):
    header = ["Order Number", "Order Date", "Order Status", "Order Total Amount", "Item Name", "Quantity", "Item Cost"]
    rows = [["2041", "2025-03-01 10:00", "completed", "45.50", "Mug", "2", "15.00"],
            ["2041", "2025-03-01 10:00", "completed", "45.50", "Plate", "1", "12.00"],
            ["2042", "2025-03-02 10:00", "processing", "6.00", "Tea", "2", "3.00"],
            ["2042", "2025-03-02 10:00", "processing", "6.00", "Tea", "2", "3.00"]]
    result = pi.import_purchases(write_csv(tmp_path / "woo.csv", header, rows))
    assert result.rejected == 0
    # (2042's two lines add up to the sum of its amounts: those were line totals, and it is 12.00)
    assert sorted((p.reference, p.total_minor, p.status) for p in Purchase.select()) == [
        ("2041", 4550, "paid"), ("2042", 1200, "paid")]


def test_an_orders_total_on_each_line_row_without_item_prices_is_counted_once_with_its_lines_in_one(gbp, tmp_path):
    header = ["Order Number", "Order Status", "Order Date", "Item Name", "Quantity (- Refund)", "Order Total Amount"]
    rows = [["2301", "Completed", "2024-06-01 10:00", "Scarf", "1", "44.95"],
            ["2301", "Completed", "2024-06-01 10:00", "Gloves", "2", "44.95"],
            ["2302", "Completed", "2024-06-02 10:00", "Hat", "1", "25.00"],
            ["2302", "Completed", "2024-06-02 10:00", "Belt", "1", "25.00"],
            ["2302", "Completed", "2024-06-02 10:00", "Socks", "1", "25.00"]]
    result = pi.import_purchases(write_csv(tmp_path / "woo.csv", header, rows))
    assert (result.created, result.rejected) == (2, 0)
    assert sorted((p.reference, p.total_minor) for p in Purchase.select()) == [("2301", 4495), ("2302", 2500)]
    assert sorted((i.description, i.quantity, i.total_minor) for i in PurchaseItem.select()) == [
        ("Hat, Belt, Socks", 1, 2500), ("Scarf, 2 × Gloves", 1, 4495)]
    # a line's own amount, the same on two rows, is still a line each (no heading names the order's total)
    header[-1] = "Amount"
    rows = [["2401", "Completed", "2024-06-03 10:00", "Coffee", "1", "3.00"],
            ["2401", "Completed", "2024-06-03 10:00", "Coffee", "1", "3.00"]]
    pi.import_purchases(write_csv(tmp_path / "square.csv", header, rows))
    assert Purchase.get(Purchase.reference == "2401").total_minor == 600


def test_a_customer_number_a_spreadsheet_cut_short_finds_no_one_and_is_no_new_customers_number(gbp, tmp_path):
    header = ["Date", "Customer ID", "Email", "Name", "Amount"]
    rows = [["2024-06-01 10:00", "6.54321E+12", "maria@example.com", "Maria Garcia", "10.00"],
            ["2024-06-02 10:00", "6.54321E+12", "", "Ann Lee", "20.00"]]
    path = write_csv(tmp_path / "sales.csv", header, rows)
    result = pi.import_purchases(path, pi.PurchaseImportOptions(match="id", create_missing=True))
    assert result.created == 0 and [(r.row, r.reason) for r in result.rejects] == [(2, pi.CUT_SHORT), (3, pi.CUT_SHORT)]
    assert Contact.select().count() == 0
    # found by email, a new customer does not keep the number either
    result = pi.import_purchases(path, pi.PurchaseImportOptions(match="email", create_missing=True))
    assert [(c.first_name, c.external_id) for c in Contact.select()] == [("Maria", "")]


def test_a_row_naming_a_new_customer_alone_is_the_one_an_earlier_row_made_by_their_email(gbp, tmp_path):
    header = ["Receipt", "Date", "Customer", "Email", "Amount"]
    rows = [["R1", "2024-05-02", "Zoe Keller", "zoe.keller@example.com", "10.00"],
            ["R2", "2024-05-03", "Zoe Keller", "", "20.00"],
            ["R3", "2024-05-04", "Max Ernst", "", "5.00"]]
    options = pi.PurchaseImportOptions(create_missing=True)
    result = pi.import_purchases(write_csv(tmp_path / "a.csv", header, rows), options)
    assert (result.created, result.customers_created, result.rejected) == (3, 2, 0)
    zoe = Contact.get(Contact.first_name == "Zoe")
    assert sorted(p.total_minor for p in Purchase.select().where(Purchase.contact == zoe)) == [1000, 2000]
    # two new customers of that name (two emails): a row of the name alone is neither's, nor a third Al Bird
    rows = [["S1", "2024-06-02", "Al Bird", "al@example.com", "10.00"],
            ["S2", "2024-06-02", "Al Bird", "al.bird@example.org", "11.00"],
            ["S3", "2024-06-03", "Al Bird", "", "12.00"]]
    result = pi.import_purchases(write_csv(tmp_path / "b.csv", header, rows), options)
    assert [(r.row, r.column, r.value, r.reason) for r in result.rejects] == [
        (4, "Customer", "Al Bird", pi.SAME_NAME.format(count=2))]
    birds = Contact.select().where(Contact.first_name == "Al")
    assert sorted(sum(p.total_minor for p in Purchase.select().where(Purchase.contact == c)) for c in birds) == [
        1000, 1100]


def test_rows_that_move_money_without_a_sale_are_skipped_with_their_reason(gbp, tmp_path):
    header = ["Date", "Type", "Gross", "Transaction ID", "From Email Address"]
    rows = [["2025-03-01 10:00", "Express Checkout Payment", "25.00", "P1", "ann@example.com"],
            ["2025-03-02 10:00", "General Withdrawal", "-1000.00", "P2", ""],
            ["2025-03-03 10:00", "Payment Refund", "-5.00", "P3", "ann@example.com"],
            ["2025-03-04 10:00", "General Currency Conversion", "-12.00", "P4", ""],
            ["2025-03-05 10:00", "Coffee", "4.00", "P5", ""]]
    add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    plan = pi.plan_purchases_import(write_csv(tmp_path / "paypal.csv", header, rows))
    assert {p.reference: (p.action, p.reason) for p in plan.preview} == {
        "P1": ("create", ""), "P2": ("skip", pi.NOT_A_SALE), "P3": ("refund", ""), "P4": ("skip", pi.NOT_A_SALE),
        "P5": ("create", "")}


def test_times_under_a_heading_that_names_utc_are_utc_and_a_comma_may_stand_before_the_time(gbp, tmp_path):
    pi.import_purchases(write_csv(tmp_path / "stripe.csv", ["id", "Created (UTC)", "Amount", "Currency"],
                                  [["ch_1", "2025-03-01 12:32:10", "10.00", "gbp"]]))
    pi.import_purchases(write_csv(tmp_path / "sumup.csv", ["Datum", "Transaktionsnummer", "Betrag"],
                                  [["24.09.2025, 12:32", "T1", "3,50"]]))
    bought = {p.reference: p.occurred_at for p in Purchase.select()}
    assert bought["ch_1"] == datetime(2025, 3, 1, 12, 32, 10, tzinfo=timezone.utc)
    assert bought["T1"].astimezone().strftime("%d.%m.%Y %H:%M") == "24.09.2025 12:32"


def test_times_written_as_people_write_them_are_read_and_one_that_cannot_be_is_not_taken_for_noon(gbp, tmp_path):
    written = ["2026-05-13 09:15 p.m.", "2026-05-13 9.15 pm", "2026-05-13 21h15", "2026-05-13 21:15 Uhr",
               "2026-05-13 9:15 a. m.", "2026-05-13 19:15:00 UTC", "2026-05-13 21:15:00 CEST", "2026-05-13 15:15 EDT",
               "2026-05-13 21:15 Europe/Paris", "2026-05-13 9 pm", "2026-05-13"]
    rows = [[text, f"R{n}", "1.00"] for n, text in enumerate(written, 1)]
    result = pi.import_purchases(write_csv(tmp_path / "p.csv", ["Date", "Receipt", "Amount"], rows))
    bought = {p.reference: p.occurred_at for p in Purchase.select()}
    local = {f"R{n}": bought[f"R{n}"].astimezone().strftime("%H:%M") for n in (1, 2, 3, 4, 5, 11)}
    assert local == {"R1": "21:15", "R2": "21:15", "R3": "21:15", "R4": "21:15", "R5": "09:15", "R11": "12:00"}
    assert {bought[f"R{n}"] for n in (6, 7, 8)} == {datetime(2026, 5, 13, 19, 15, tzinfo=timezone.utc)}
    assert [(r.row, r.value) for r in result.rejects] == [(10, "2026-05-13 21:15 Europe/Paris"),
                                                          (11, "2026-05-13 9 pm")]


def test_a_name_written_last_name_first_finds_the_customer(gbp, tmp_path):
    jurgen = add_contact(ContactInput(first_name="Jürgen", last_name="Müller"))
    header = ["Datum", "Beleg", "Kunde", "Betrag"]
    pi.import_purchases(write_csv(tmp_path / "p.csv", header, [["2025-03-01 10:00", "B1", "Müller, Jürgen", "9,00"]]),
                        pi.PurchaseImportOptions(match="name", create_missing=True))
    assert [p.contact_id for p in Purchase.select()] == [jurgen] and Contact.select().count() == 1


def test_a_hyphenated_name_written_with_a_space_or_the_other_way_finds_the_customer(gbp, tmp_path):
    anne = add_contact(ContactInput(first_name="Anne-Marie", last_name="Dubois"))
    jean = add_contact(ContactInput(first_name="Jean Pierre", last_name="Roux"))
    header = ["Date", "Receipt", "Customer", "Amount"]
    rows = [["2025-03-01 10:00", "R1", "Anne Marie Dubois", "9.00"],
            ["2025-03-01 11:00", "R2", "Jean-Pierre Roux", "5.00"],
            ["2025-03-01 12:00", "R3", "Marie-Anne Dubois", "7.00"],
            ["2025-03-01 13:00", "R4", "Marie Anne Dubois", "6.00"]]
    result = pi.import_purchases(write_csv(tmp_path / "p.csv", header, rows),
                                 pi.PurchaseImportOptions(match="name", create_missing=True))
    assert sorted((p.reference, p.contact_id) for p in Purchase.select()) == [
        ("R1", anne), ("R2", jean), ("R3", anne + 2), ("R4", anne + 3)]  # (Marie-Anne, her sister, created)
    assert [u.written for u in result.unmatched] == ["Marie-Anne Dubois", "Marie Anne Dubois"]


def test_an_item_with_its_quantity_and_amount_but_no_unit_price_is_a_line(gbp, tmp_path):
    header = ["Date", "Time", "Item", "Qty", "Net Sales", "Transaction ID"]
    rows = [["2025-03-01", "10:15", "Candle", "2", "£27.00", "TX1"],
            ["2025-03-01", "10:15", "Soap", "3", "£10.00", "TX1"],
            ["2025-03-02", "11:00", "Candle", "-1", "-£13.50", "TX2"]]
    pi.import_purchases(write_csv(tmp_path / "items.csv", header, rows))
    lines = sorted((i.purchase.reference, i.description, i.quantity, i.unit_price_minor) for i in PurchaseItem.select())
    assert lines == [("TX1", "3 × Soap", 1, 1000), ("TX1", "Candle", 2, 1350), ("TX2", "Candle", -1, 1350)]


def test_beside_first_and_last_name_columns_a_bare_name_column_is_the_items():
    """WooCommerce's order export: "Name" is the product; "Item #" numbers the order's lines."""
    headers = ["Order Number", "First Name (Billing)", "Last Name (Billing)", "Item #", "Name", "Quantity", "Item Cost"]
    assert pi.map_purchase_headers(headers)[1] == ["reference", "first_name", "last_name", "", "description",
                                                   "quantity", "unit_price"]
    assert pi.map_purchase_headers(["Date", "Name", "Amount"])[1] == ["date", "name", "amount"]


def _sales_and_refunds() -> list[tuple]:
    return sorted((p.reference, p.total_minor, p.refund_of.reference if p.refund_of else None)
                  for p in Purchase.select())


def test_what_a_column_says_was_refunded_is_a_refund_linked_to_its_sale(gbp, tmp_path):
    """Stripe's "Amount Refunded", Shopify's "Refunded Amount", Square's "Partial Refunds" (below zero): the sale
    whole and a refund of that much, linked to it, taking back its share of the points; a sale refunded whole is
    not recorded; a yes or no says whole or nothing."""
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    header = ["Created (UTC)", "id", "Customer Email", "Amount", "Amount Refunded", "Status"]
    assert pi.map_purchase_headers(header)[1] == ["date", "reference", "email", "amount", "refunded", "status"]
    rows = [["2025-03-01 10:00", "ch_1", "ann@example.com", "50.00", "10.00", "Paid"],
            ["2025-03-02 10:00", "ch_2", "ann@example.com", "20.00", "20.00", "Paid"],
            ["2025-03-03 10:00", "ch_3", "ann@example.com", "30.00", "0.00", "Paid"]]
    before = snapshot()
    source = write_csv(tmp_path / "stripe.csv", header, rows)
    plan = pi.plan_purchases_import(source)
    assert [(p.reference, p.total_minor, p.action, p.points) for p in plan.preview] == [
        ("ch_1", 5000, "create", 50), ("ch_1", -1000, "refund", -10), ("ch_2", 2000, "skip", 0),
        ("ch_3", 3000, "create", 30)]
    result = pi.import_purchases(source)
    assert (result.created, result.refunds, result.skipped, result.points) == (3, 1, 1, 70)
    assert _sales_and_refunds() == [("ch_1", -1000, "ch_1"), ("ch_1", 5000, None), ("ch_3", 3000, None)]
    assert points_balance(ann) == 70
    sale = Purchase.get(Purchase.reference == "ch_1", Purchase.total_minor > 0)
    assert purchases.refundable_minor(sale.id) == 4000  # what is left to refund by hand
    again = pi.import_purchases(write_csv(tmp_path / "stripe again.csv", header, rows))
    assert (again.created, again.skipped, again.batch) == (0, 3, None)
    ci.undo_import(result.batch)
    assert snapshot() == before

    square = write_csv(tmp_path / "square.csv", ["Date", "Transaction ID", "Net Sales", "Partial Refunds"],
                       [["2025-04-01 09:00", "TX1", "£40.00", "-£4.00"], ["2025-04-02 09:00", "TX2", "£8.00", ""]])
    pi.import_purchases(square)
    flags = write_csv(tmp_path / "flags.csv", ["Date", "Receipt", "Total", "Refunded"],
                      [["2025-05-01 09:00", "R1", "9.00", "No"], ["2025-05-02 09:00", "R2", "7.00", "yes"],
                       ["2025-05-03 09:00", "R3", "7.00", "perhaps"]])
    result = pi.import_purchases(flags)
    assert [(r.row, r.reason) for r in result.rejects] == [(4, pi.NOT_REFUNDED_AMOUNT)]
    assert _sales_and_refunds() == [("R1", 900, None), ("TX1", -400, "TX1"), ("TX1", 4000, None),
                                    ("TX2", 800, None)]


def test_a_sale_paid_back_after_it_was_imported_is_refunded_by_the_next_import_of_the_file(gbp, tmp_path):
    """A monthly export of every order again: the sales recorded are skipped, and what was paid back of them
    since is recorded as their refund, once."""
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    header = ["Name", "Email", "Financial Status", "Currency", "Total", "Refunded Amount", "Created at",
              "Lineitem quantity", "Lineitem name", "Lineitem price"]

    def orders(name: str, first: tuple[str, str], second: tuple[str, str]) -> Path:
        return write_csv(tmp_path / name, header, [
            ["#1001", "ann@example.com", first[0], "GBP", "50.00", first[1], "2025-03-01 10:00:00 +0100", "1", "Mug",
             "30.00"],
            ["#1001", "ann@example.com", "", "", "", "", "", "1", "Bowl", "20.00"],
            ["#1002", "ann@example.com", second[0], "GBP", "20.00", second[1], "2025-03-02 10:00:00 +0100", "1",
             "Cup", "20.00"]])

    first = pi.import_purchases(orders("march.csv", ("paid", "0.00"), ("paid", "")))
    assert (first.created, points_balance(ann)) == (2, 70)
    after_first = snapshot()
    second = pi.import_purchases(orders("april.csv", ("partially_refunded", "10.00"), ("paid", "")))
    assert (second.created, second.refunds, second.skipped, second.points) == (1, 1, 2, -10)
    third = pi.import_purchases(orders("may.csv", ("refunded", "50.00"), ("refunded", "20.00")))
    assert (third.created, third.refunds, third.points) == (2, 2, -60)
    assert _sales_and_refunds() == [("#1001", -4000, "#1001"), ("#1001", -1000, "#1001"), ("#1001", 5000, None),
                                    ("#1002", -2000, "#1002"), ("#1002", 2000, None)]
    assert points_balance(ann) == 0
    fourth = pi.import_purchases(orders("june.csv", ("refunded", "50.00"), ("refunded", "20.00")))
    assert (fourth.created, fourth.skipped) == (0, 2)
    with pytest.raises(NotAllowed, match="refunded"):  # the later imports' refunds go first
        ci.undo_import(first.batch)
    ci.undo_import(third.batch)
    ci.undo_import(second.batch)
    assert snapshot() == after_first


def test_a_sale_without_a_number_refunded_after_it_was_imported_is_refunded_by_the_next_import(gbp, tmp_path):
    """Without receipt numbers a sale is found again by its customer, time and total: the whole of it paid
    back since is refunded once; a customerless sale at the same time and total is another sale."""
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    header = ["Date", "Email", "Amount", "Status"]

    def sales(name: str, status: str) -> Path:
        return write_csv(tmp_path / name, header, [["2025-03-01 10:00", "ann@example.com", "30.00", status],
                                                   ["2025-03-01 10:00", "", "30.00", "paid"]])

    first = pi.import_purchases(sales("march.csv", "paid"))
    assert (first.created, points_balance(ann)) == (2, 30)
    again = pi.import_purchases(sales("april.csv", "refunded"))
    assert (again.created, again.refunds, again.skipped, again.points) == (1, 1, 2, -30)
    assert sorted((p.contact_id or 0, p.total_minor, p.refund_of_id is not None) for p in Purchase.select()) == [
        (0, 3000, False), (ann, -3000, True), (ann, 3000, False)]
    assert pi.import_purchases(sales("may.csv", "refunded")).created == 0


def test_sumups_transactions_report_records_sales_without_taking_the_accounts_email_for_a_customer(gbp, tmp_path):
    header = ["Email", "Date", "Transaction ID", "Transaction Type", "Status", "Card Type", "Process As",
              "Payment Method", "Entry Mode", "Auth code", "Description", "Total", "Reference"]
    rows = [["owner@boulangerie.co.uk", "2025-10-05 09:14", "TEGUCXAGDE", "Sales", "Paid Out", "VISA", "Debit", "POS",
             "Contactless", "012345", "2 x Croissant", "5.60", ""],
            ["owner@boulangerie.co.uk", "2025-10-05 09:20", "TEGUCXAGDF", "Sales", "Successful", "MASTERCARD", "Credit",
             "POS", "Chip", "223344", "Pain au levain", "4.20", ""]]
    preset, fields = pi.map_purchase_headers(header)
    assert preset == "sumup" and fields[0] == "" and fields[2] == "reference" and fields[12] == ""
    result = pi.import_purchases(write_csv(tmp_path / "sumup.csv", header, rows))
    assert (result.created, result.customers_created, result.unmatched) == (2, 0, [])
    assert sorted((p.reference, p.total_minor, p.contact_id) for p in Purchase.select()) == [
        ("TEGUCXAGDE", 560, None), ("TEGUCXAGDF", 420, None)]
    # the owner can still say the column is the customer's
    plan = pi.plan_purchases_import(tmp_path / "sumup.csv", pi.PurchaseImportOptions(overrides={0: "email"}))
    assert [u.key for u in plan.unmatched] == ["owner@boulangerie.co.uk"]


def test_a_sale_refunded_in_full_and_its_refund_under_a_number_of_its_own_are_neither_recorded(gbp, tmp_path):
    """SumUp: the sale's status says "Refunded" and its refund is a row of its own, under another number; a failed
    attempt of the same amount is no sale a later refund pays back."""
    header = ["Email", "Date", "Transaction ID", "Transaction Type", "Status", "Card Type", "Process As",
              "Payment Method", "Entry Mode", "Auth code", "Description", "Total", "Reference"]

    def row(when, number, kind, status, what, total):
        return ["owner@bakery.co.uk", when, number, kind, status, "VISA", "Debit", "POS", "Chip", "", what, total, ""]
    rows = [row("2024-03-04 08:12", "TX1", "Sales", "Paid Out", "Sourdough loaf", "5.50"),
            row("2024-03-04 09:40", "TX2", "Sales", "Refunded", "Birthday cake", "32.00"),
            row("2024-03-04 16:05", "TX3", "Refunds", "Successful", "Birthday cake", "32.00"),
            row("2024-03-05 10:01", "TX4", "Sales", "Failed", "Cinnamon buns", "9.60"),
            row("2024-03-05 10:02", "TX5", "Sales", "Successful", "Cinnamon buns", "9.60"),
            row("2024-03-06 11:00", "TX6", "Refunds", "Successful", "Cinnamon buns", "9.60")]
    result = pi.import_purchases(write_csv(tmp_path / "sumup.csv", header, rows))
    assert sorted((p.reference, p.total_minor) for p in Purchase.select()) == [
        ("TX1", 550), ("TX5", 960), ("TX6", -960)]
    assert (result.created, result.refunds, result.skipped) == (3, 1, 3)
    # a sale recorded by an earlier import, refunded since: its refund's row of its own is the refund, once
    rows = [row("2024-03-07 09:00", "TX7", "Sales", "Successful", "Teapot", "32.00")]
    pi.import_purchases(write_csv(tmp_path / "sumup 7.csv", header, rows))
    rows = [row("2024-03-07 09:00", "TX7", "Sales", "Refunded", "Teapot", "32.00"),
            row("2024-03-09 09:30", "TX8", "Refunds", "Successful", "Teapot", "32.00")]
    for name in ("sumup 9.csv", "sumup 9 again.csv"):
        pi.import_purchases(write_csv(tmp_path / name, header, rows))
        assert sorted((p.reference, p.total_minor, p.refund_of.reference if p.refund_of else "")
                      for p in Purchase.select().where(Purchase.reference.in_(("TX7", "TX8")))) == [
            ("TX7", 3200, ""), ("TX8", -3200, "TX7")]


def test_a_reports_total_row_at_its_end_is_listed_as_the_total_it_is(gbp, tmp_path):
    header = ["Date", "Time", "Receipt number", "Total"]
    rows = [["13/10/2025", "15:40", "1044", "12.50"], ["13/10/2025", "15:45", "1045", "8.00"], ["", "", "", ""],
            ["Total", "", "", "20.50"], ["", "Gesamt:", "", "20.50"], ["", "", "", "20.50"],
            ["Total: 2 sales", "", "", "20.50"]]
    result = pi.import_purchases(write_csv(tmp_path / "zettle.csv", header, rows))
    assert result.created == 2
    assert [(r.row, r.reason) for r in result.rejects] == [(5, pi.TOTAL_ROW), (6, pi.TOTAL_ROW),
                                                           (7, "the date is missing"), (8, pi.TOTAL_ROW)]


def test_a_days_total_under_its_sales_is_no_sale_and_no_customer(gbp, tmp_path):
    header = ["Datum", "Beleg", "Kunde", "Betrag"]
    rows = [["01.03.2024", "1001", "Anna Schmidt", "25,00"], ["02.03.2024", "1002", "Som Chai", "40,00"],
            ["02.03.2024", "", "Summe", "65,00"], ["03.03.2024", "", "Sum", "5,00"]]
    result = pi.import_purchases(write_csv(tmp_path / "kasse.csv", header, rows),
                                 pi.PurchaseImportOptions(create_missing=True))
    assert [(r.row, r.reason) for r in result.rejects] == [(4, pi.TOTAL_ROW)]
    assert sorted(c.first_name for c in Contact.select()) == ["Anna", "Som", "Sum"]  # ("Sum": a surname)


def test_excels_formula_guard_and_characters_that_show_nothing_do_not_hide_a_customer(gbp, tmp_path):
    ann = add_contact(ContactInput(first_name="Ann", last_name="Lee", emails=["ann@example.com"]))
    header = ["Date", "Receipt", "Email", "Amount"]
    rows = [["2025-06-01", '="000123"', "\u200bann@example.com\u00ad", "5.00"]]
    result = pi.import_purchases(write_csv(tmp_path / "p.csv", header, rows))
    assert result.rejects == [] and _bought(ann) == ["000123"]


def test_a_return_written_with_both_signs_negative_is_money_out(gbp, tmp_path):
    header = ["Date", "Receipt", "Item", "Qty", "Unit Price"]
    rows = [["2026-04-03 10:00", "R1", "Mug (returned)", "-1", "-20.00"],
            ["2026-04-03 11:00", "R2", "Mug (returned)", "-1", "-20.00"], ["2026-04-03 11:00", "R2", "Tea", "1", "5.00"]]
    pi.import_purchases(write_csv(tmp_path / "p.csv", header, rows))
    assert sorted((p.reference, p.total_minor) for p in Purchase.select()) == [("R1", -2000), ("R2", -1500)]


@pytest.mark.parametrize("with_price", [False, True])
def test_a_return_written_with_its_quantitys_sign_alone_is_money_out(gbp, tmp_path, with_price):
    """"-1" beside "15.00": the item came back. An exchange on one receipt is what was paid less what came back."""
    header = ["Date", "Receipt", "Item", "Qty", *(["Unit Price"] if with_price else []), "Total"]
    rows = [["2026-04-03 10:00", "R1", "Shirt", "1", *(["15.00"] if with_price else []), "15.00"],
            ["2026-04-04 10:00", "R2", "Shirt", "-1", *(["15.00"] if with_price else []), "15.00"],
            ["2026-04-05 10:00", "R3", "Hat", "1", *(["25.00"] if with_price else []), "25.00"],
            ["2026-04-05 10:00", "R3", "Scarf", "-2", *(["5.00"] if with_price else []), "10.00"]]
    result = pi.import_purchases(write_csv(tmp_path / "p.csv", header, rows))
    assert sorted((p.reference, p.total_minor) for p in Purchase.select()) == [
        ("R1", 1500), ("R2", -1500), ("R3", 1500)]
    assert result.refunds == 1
    assert sorted((i.description, i.quantity, i.unit_price_minor) for i in PurchaseItem.select()) == [
        ("Hat", 1, 2500), ("Scarf", -2, 500), ("Shirt", -1, 1500), ("Shirt", 1, 1500)]


def test_a_dated_total_in_the_item_or_receipt_column_is_no_sale(gbp, tmp_path):
    """A till's day total, dated, under its sales, says so in the item or the receipt column; a receipt's total under
    its items, in the item column: neither is recorded (the revenue would count twice)."""
    header = ["Datum", "Bon", "Kunde", "Artikel", "Betrag"]
    rows = [["03.04.2026 09:12", "1", "Anna Schmidt", "Brot", "5,00"],
            ["03.04.2026 09:30", "2", "", "Milch", "1,20"],
            ["03.04.2026 10:02", "3", "", "Total Gym Band", "8,80"],  # (an item whose name starts so)
            ["03.04.2026", "", "", "Tagessumme", "15,00"],
            ["03.04.2026", "", "", "Total of the day", "15,00"],
            ["03.04.2026", "Total", "", "", "15,00"],
            ["04.04.2026 11:00", "4", "Anna Schmidt", "Kuchen", "3,00"],
            ["04.04.2026 11:00", "4", "Anna Schmidt", "Kaffee", "2,50"],
            ["04.04.2026 11:00", "4", "Anna Schmidt", "Summe", "5,50"],
            ["04.04.2026", "", "", "Zwischensumme:", "5,50"]]
    result = pi.import_purchases(write_csv(tmp_path / "kasse.csv", header, rows),
                                 pi.PurchaseImportOptions(create_missing=True))
    assert [(r.row, r.reason) for r in result.rejects] == [(n, pi.TOTAL_ROW) for n in (5, 6, 7, 10, 11)]
    assert sorted((p.reference, p.total_minor) for p in Purchase.select()) == [
        ("1", 500), ("2", 120), ("3", 880), ("4", 550)]


STRIPE = ["id", "Created (UTC)", "Amount", "Amount Refunded", "Currency", "Captured", "Description", "Fee", "Status",
          "Customer ID", "Customer Email", "Invoice ID"]


def test_stripes_payments_export_numbers_each_charge_and_records_no_failed_one(gbp, tmp_path):
    rows = [["ch_3PqA1", "2025-10-01 10:15:00", "25.00", "0.00", "gbp", "true", "Candles", "0.58", "Paid", "cus_A",
             "ann@example.com", ""],
            ["ch_3PqA2", "2025-10-02 11:00:00", "40.00", "10.00", "gbp", "true", "Soap", "0.80", "Paid", "cus_B",
             "bob@example.com", ""],
            ["ch_3PqA3", "2025-10-03 12:05:00", "15.00", "0.00", "gbp", "true", "Subscription", "0.40", "Paid",
             "cus_A", "ann@example.com", "in_1XYZ"],
            ["ch_3PqA4", "2025-10-03 12:00:00", "15.00", "0.00", "gbp", "false", "Subscription", "0", "Failed",
             "cus_A", "ann@example.com", "in_1XYZ"]]
    path = write_csv(tmp_path / "unified_payments.csv", STRIPE, rows)
    preset, fields = pi.map_purchase_headers(STRIPE)
    assert preset == "stripe" and fields[0] == "reference" and fields[11] == ""  # the charge's number, not the invoice's
    assert pi.map_purchase_headers(["id", "Created date (UTC)", "Amount", "Amount Refunded", "Captured"]) == (
        "stripe", ["reference", "date", "amount", "refunded", ""])  # (its newer heading)
    result = pi.import_purchases(path, pi.PurchaseImportOptions(create_missing=True))
    assert (result.created, result.refunds, result.skipped, result.customers_created) == (4, 1, 1, 2)
    assert sorted((p.reference, p.total_minor) for p in Purchase.select()) == [
        ("ch_3PqA1", 2500), ("ch_3PqA2", -1000), ("ch_3PqA2", 4000), ("ch_3PqA3", 1500)]
    # the customers made, found by email, keep their Stripe number: a file that names them by it finds them
    assert sorted((c.last_name, c.external_id) for c in Contact.select()) == [
        ("ann@example.com", "cus_A"), ("bob@example.com", "cus_B")]
    again = pi.import_purchases(path, pi.PurchaseImportOptions(match="id"))
    assert (again.created, again.refunds, again.customers_created, again.unmatched) == (0, 0, 0, [])


@pytest.mark.parametrize("failed_first", [True, False])
def test_a_declined_attempt_beside_the_payment_of_its_invoice_is_not_a_sale(gbp, tmp_path, failed_first):
    header = ["Date", "Invoice", "Amount", "Status", "Email"]
    failed, paid = ["2025-10-03", "INV-7", "15.00", "Declined", "ann@example.com"], \
        ["2025-10-03", "INV-7", "15.00", "Paid", "ann@example.com"]
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    path = write_csv(tmp_path / "payments.csv", header, [failed, paid] if failed_first else [paid, failed])
    result = pi.import_purchases(path)
    assert (result.created, result.skipped, result.refunds) == (1, 1, 0)
    assert [(p.reference, p.total_minor, p.contact_id) for p in Purchase.select()] == [("INV-7", 1500, ann)]
    assert points_balance(ann) == 15
    # imported again: the declined attempt, on the payment's day, is not the payment paid back since
    again = pi.import_purchases(path)
    assert (again.created, again.skipped, again.refunds) == (0, 2, 0)
    assert [p.total_minor for p in Purchase.select()] == [1500] and points_balance(ann) == 15


PAYPAL = ["Date", "Time", "TimeZone", "Name", "Type", "Status", "Currency", "Gross", "Fee", "Net", "From Email Address",
          "To Email Address", "Transaction ID", "Item Title", "Reference Txn ID", "Invoice Number", "Quantity",
          "Balance", "Country Code", "Balance Impact"]


def test_paypals_activity_download_finds_the_customer_on_either_side_of_the_money(gbp, tmp_path):
    rows = [["01/10/2025", "10:15:22", "Europe/London", "Ann Lee", "Website Payment", "Completed", "GBP", "25.00",
             "-0.93", "24.07", "ann@example.com", "shop@example.co.uk", "1AB", "Candle", "", "", "1", "24.07", "GB",
             "Credit"],
            ["02/10/2025", "11:00:00", "Europe/London", "Bob Ray", "Express Checkout Payment", "Completed", "GBP",
             "40.00", "-1.44", "38.56", "bob@example.com", "shop@example.co.uk", "2AB", "Soap", "", "INV-2", "1",
             "62.63", "GB", "Credit"],
            ["03/10/2025", "09:00:00", "Europe/London", "Bob Ray", "Payment Refund", "Completed", "GBP", "-10.00",
             "0.36", "-9.64", "shop@example.co.uk", "bob@example.com", "3AB", "Soap", "2AB", "INV-2", "1", "52.99",
             "GB", "Debit"],
            ["04/10/2025", "12:00:00", "Europe/London", "", "General Withdrawal", "Completed", "GBP", "-50.00", "0.00",
             "-50.00", "", "", "4AB", "", "", "", "", "2.99", "", "Debit"]]
    path = write_csv(tmp_path / "Download.CSV", PAYPAL, rows)
    preset, fields = pi.map_purchase_headers(PAYPAL)
    assert preset == "paypal" and fields[10] == "email" and fields[11] == "" and fields[13] == "description"
    bob = add_contact(ContactInput(first_name="Bob", last_name="Ray", emails=["bob@example.com"]))
    options = pi.PurchaseImportOptions(create_missing=True, date_orders={0: "dmy"})
    result = pi.import_purchases(path, options)
    assert (result.created, result.refunds, result.customers_created, result.skipped) == (3, 1, 1, 1)
    ann = Contact.get(Contact.first_name == "Ann").id
    assert sorted((p.contact_id, p.total_minor) for p in Purchase.select()) == sorted([
        (ann, 2500), (bob, -1000), (bob, 4000)])  # the refund is Bob's, not the shop's own address's
    # by PayPal's own numbers (its web shop's invoice number is often empty); the refund under its sale's
    assert sorted(p.reference for p in Purchase.select()) == ["1AB", "2AB", "2AB"]
    assert get_contact(ann).emails == ["ann@example.com"] and len(contact_ids()) == 2
    assert sorted((i.description, i.quantity) for i in PurchaseItem.select()) == [
        ("Candle", 1), ("Soap", -1), ("Soap", 1)]


def test_one_amount_on_every_line_is_the_orders_total_only_beside_lines_that_differ(gbp, tmp_path):
    """Two of the same coffee, each with its price before tax and its amount after: two amounts, 6.40. A 50 %
    coupon's order total on each of two different lines (WooCommerce): the total once, 10.00, even when twice it
    is what the lines come to. "Item #" numbers the lines: "Item Name" says what they are."""
    tills = write_csv(tmp_path / "netto.csv", ["Bon-Nr.", "Datum", "Artikel", "Menge", "Preis (netto)", "Betrag"], [
        ["7001", "2024-04-02 09:10", "Cappuccino", "1", "2.69", "3.20"],
        ["7001", "2024-04-02 09:10", "Cappuccino", "1", "2.69", "3.20"]])
    woo = write_csv(tmp_path / "orders.csv", ["Order Number", "Order Status", "Order Date", "Item #", "Item Name",
                                              "Quantity", "Item Cost", "Order Total Amount"], [
        ["2053", "wc-completed", "2024-05-04 11:02", "1", "Tea Set", "1", "15.00", "10.00"],
        ["2053", "wc-completed", "2024-05-04 11:02", "2", "Coaster", "1", "5.00", "10.00"]])
    assert (pi.import_purchases(tills).created, pi.import_purchases(woo).created) == (1, 1)
    assert sorted((p.reference, p.total_minor) for p in Purchase.select()) == [("2053", 1000), ("7001", 640)]
    assert sorted(i.description for i in PurchaseItem.select() if i.purchase.reference == "2053") == [
        "Coaster", "Discounts and other adjustments", "Tea Set"]  # (the coupon: a line of what the lines came to less)


def test_a_customer_found_by_name_is_found_with_a_title_before_it(gbp, tmp_path):
    john = add_contact(ContactInput(first_name="John", last_name="Smith"))
    jurgen = add_contact(ContactInput(first_name="Jürgen", last_name="Müller"))
    path = write_csv(tmp_path / "titles.csv", ["Receipt No", "Date", "Customer", "Amount"], [
        ["R1", "2024-05-02", "Mr John Smith", "10.00"], ["R2", "2024-05-03", "Herr Jürgen Müller", "20.00"],
        ["R3", "2024-05-04", "Müller, Herr Jürgen", "5.00"], ["R4", "2024-05-05", "Mme Léa Martin", "7.00"]])
    by_name = pi.PurchaseImportOptions(match="name", create_missing=True)
    result = pi.import_purchases(path, by_name)
    assert (result.created, result.customers_created) == (4, 1)
    assert sorted((p.reference, p.contact_id) for p in Purchase.select())[:3] == [
        ("R1", john), ("R2", jurgen), ("R3", jurgen)]
    again = write_csv(tmp_path / "later.csv", ["Receipt No", "Date", "Customer", "Amount"], [
        ["R5", "2024-06-01", "Mme Léa Martin", "9.00"]])
    assert pi.import_purchases(again, by_name).customers_created == 0
    assert len(contact_ids()) == 3


def test_a_row_rejected_as_read_is_shown_as_written_with_the_customer_on_its_side_of_the_money(gbp, tmp_path):
    rows = [["01/10/2025", "10:15:22", "Europe/London", "Ann Lee", "Website Payment", "Completed", "GBP", "25.00",
             "-0.93", "24.07", "ann@example.com", "shop@example.co.uk", "1AB", "Candle", "", "", "1", "24.07", "GB",
             "Credit"],
            ["03/10/2025", "09:00:00", "Europe/London", "Bob Ray", "Payment Refund", "Completed", "GBP", "-1O.00",
             "0.36", "-9.64", "shop@example.co.uk", "bob@example.com", "3AB", "Soap", "", "INV-2", "1", "52.99",
             "GB", "Debit"]]
    plan = pi.plan_purchases_import(write_csv(tmp_path / "Download.CSV", PAYPAL, rows),
                                    pi.PurchaseImportOptions(date_orders={0: "dmy"}))
    assert [r.row for r in plan.rejects] == [3]
    assert plan.written == {3: ("03/10/2025 09:00:00", "3AB", "bob@example.com", "-1O.00")}


def test_paypals_time_zone_column_says_when_each_sale_was(gbp, tmp_path, monkeypatch):
    """PayPal writes the date and time in the account's zone, and the zone in a column of its own: 22:30 in
    California on 31 January is 06:30 on 1 February in UTC, whatever the zone of the computer reading the file."""
    import time

    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        rows = [["31/01/2026", "22:30:00", "PST", "Ann Lee", "Website Payment", "Completed", "GBP", "25.00", "-0.93",
                 "24.07", "ann@example.com", "shop@example.co.uk", "1AB", "Candle", "", "", "1", "24.07", "GB",
                 "Credit"],
                ["01/02/2026", "10:00:00", "CET", "Ann Lee", "Website Payment", "Completed", "GBP", "5.00", "-0.20",
                 "4.80", "ann@example.com", "shop@example.co.uk", "2AB", "Soap", "", "", "1", "28.87", "GB",
                 "Credit"]]
        pi.import_purchases(write_csv(tmp_path / "Download.CSV", PAYPAL, rows),
                            pi.PurchaseImportOptions(create_missing=True, date_orders={0: "dmy"}))
    finally:
        monkeypatch.undo()
        time.tzset()
    assert sorted((p.reference, p.occurred_at.isoformat()) for p in Purchase.select()) == [
        ("1AB", "2026-02-01T06:30:00+00:00"), ("2AB", "2026-02-01T09:00:00+00:00")]


def test_paypals_cart_items_are_lines_of_their_payment_and_count_once(gbp, tmp_path):
    """A cart paid at once: the payment row, then a "Memo" row per item (it moved no money) under the payment's
    transaction number (the web shop's invoice number is empty); an authorisation alone is a memo too, and no
    sale."""
    def row(kind, gross, title, quantity, impact, number="2AB"):
        return ["02/10/2025", "11:00:00", "Europe/London", "Bob Ray", kind, "Completed", "GBP", gross, "", gross,
                "bob@example.com", "shop@example.co.uk", number, title, "", "", quantity, "", "GB", impact]
    rows = [row("Shopping Cart Item", "25.00", "Candle", "1", "Memo"),  # (an item before its payment too)
            row("Express Checkout Payment", "40.00", "", "", "Credit"),
            row("Shopping Cart Item", "15.00", "Soap", "3", "Memo"),
            row("General Authorization", "12.00", "Mug", "1", "Memo", number="9ZZ")]
    path = write_csv(tmp_path / "Download.CSV", PAYPAL, rows)
    options = pi.PurchaseImportOptions(create_missing=True, date_orders={0: "dmy"})
    result = pi.import_purchases(path, options)
    assert (result.created, result.skipped, result.rejected) == (1, 1, 0)
    assert [(p.reference, p.total_minor) for p in Purchase.select()] == [("2AB", 4000)]
    assert sorted((i.description, i.quantity, i.total_minor) for i in PurchaseItem.select()) == [
        ("Candle", 1, 2500), ("Soap", 3, 1500)]
    assert points_balance(Contact.get(Contact.first_name == "Bob").id) == 40


def test_what_was_sold_without_a_quantity_or_price_is_a_line_however_long(gbp, tmp_path):
    """WooCommerce's orders report: "Product(s)" and the order's "Net Sales", no quantity or unit price."""
    header = ["Date", "Order #", "Status", "Customer", "Customer type", "Product(s)", "Items sold", "Coupon(s)",
              "Net Sales", "Attribution"]
    many = ", ".join(f"Hand-poured soy candle no. {n} (lavender and cedar, 200 g)" for n in range(12))
    rows = [["2025-10-01 10:15:22", "1041", "Completed", "", "new", "Candle, Soap", "3", "", "45.00", "Direct"],
            ["2025-10-02 11:00:00", "1042", "Processing", "", "returning", many, "12", "", "180.00", "Direct"]]
    result = pi.import_purchases(write_csv(tmp_path / "orders.csv", header, rows))
    assert (result.created, result.rejected) == (2, 0)
    lines = sorted((i.purchase.reference, i.description, i.quantity, i.total_minor) for i in PurchaseItem.select())
    assert 600 < len(many) <= 1000
    assert lines == [("1041", "Candle, Soap", 1, 4500), ("1042", many, 1, 18000)]
    # and a line's own words, with its quantity and price
    header = ["Date", "Receipt", "Item", "Qty", "Unit price"]
    rows = [["2025-10-03 09:00", "R9", many, "2", "7.50"]]
    result = pi.import_purchases(write_csv(tmp_path / "till.csv", header, rows))
    assert (result.created, result.rejected) == (1, 0)
    assert PurchaseItem.get(PurchaseItem.quantity == 2).description == many


def test_rows_with_their_own_amounts_and_a_row_without_words_leave_no_made_up_line(gbp, tmp_path):
    header = ["Date", "Receipt", "Item", "Amount"]
    rows = [["2025-10-01 10:15", "R1", "Candle", "10.00"], ["2025-10-01 10:15", "R1", "", "5.00"]]
    pi.import_purchases(write_csv(tmp_path / "till.csv", header, rows))
    assert [p.total_minor for p in Purchase.select()] == [1500]
    assert list(PurchaseItem.select()) == []  # not "Candle" and 5.00 of "shipping, taxes and other charges"


def test_receipt_numbers_that_start_again_each_day_are_that_days_receipts(gbp, tmp_path):
    """A till that numbers its receipts from 1 every morning: "Bon 1" of Monday and "Bon 1" of Tuesday are two
    sales, each with its own lines, date and total; a later row without a date stays with its day's receipt."""
    header = ["Date", "Bon", "Article", "Qté", "Prix"]
    rows = [["2025-03-03 09:10", "1", "Pain", "2", "1.20"], ["2025-03-03 09:10", "1", "Croissant", "1", "1.10"],
            ["2025-03-03 10:00", "2", "Tarte", "1", "12.00"],
            ["2025-03-04 08:55", "1", "Pain", "1", "1.20"], ["", "1", "Remise", "1", "-0.20"],
            ["2025-03-04 09:30", "2", "Café", "3", "1.50"]]
    path = write_csv(tmp_path / "caisse.csv", header, rows)
    result = pi.import_purchases(path)
    assert (result.created, result.rejected) == (4, 0)
    assert sorted((p.reference, p.occurred_at.date().isoformat(), p.total_minor) for p in Purchase.select()) == [
        ("1", "2025-03-03", 350), ("1", "2025-03-04", 100), ("2", "2025-03-03", 1200), ("2", "2025-03-04", 450)]
    tuesday = Purchase.get((Purchase.reference == "1") & (Purchase.total_minor == 100))
    assert sorted(i.description for i in PurchaseItem.select().where(PurchaseItem.purchase == tuesday)) == [
        "Pain", "Remise"]
    assert pi.import_purchases(path).created == 0  # each day's receipt is known again


def test_two_tills_each_counting_from_one_are_told_apart_by_their_register_column(gbp, tmp_path):
    """A shop with two tills that each number their receipts from 1: the walk-in's cake on till 2's receipt 1 is
    not Alice's, and a line that leaves the till to the receipt's first row stays with it."""
    alice = add_contact(ContactInput(first_name="Alice", emails=["alice@example.com"]))
    header = ["Date", "Register", "Receipt", "Email", "Item", "Qty", "Price"]
    rows = [["2026-11-03 09:00", "Till 1", "1", "alice@example.com", "Bread", "1", "3.00"],
            ["2026-11-03 09:00", "", "1", "", "Butter", "1", "2.00"],
            ["2026-11-03 09:02", "Till 2", "1", "", "Cake", "1", "12.00"],
            ["2026-11-03 09:30", "till 1 ", "2", "", "Milk", "1", "1.00"],
            ["2026-11-03 09:31", "Till 2", "2", "alice@example.com", "Tea", "2", "4.00"]]
    path = write_csv(tmp_path / "tills.csv", header, rows)
    assert pi.map_purchase_headers(header)[1][1] == "register"
    result = pi.import_purchases(path)
    assert (result.created, result.rejected) == (4, 0)
    assert sorted((p.reference, p.occurred_at.strftime("%H:%M"), p.contact_id, p.total_minor)
                  for p in Purchase.select()) == [
        ("1", "09:00", alice, 500), ("1", "09:02", None, 1200), ("2", "09:30", None, 100), ("2", "09:31", alice, 800)]
    assert pi.import_purchases(path).created == 0  # each till's receipt is known again
    kasse = write_csv(tmp_path / "kasse.csv", ["Datum", "Kasse", "Bon", "Betrag"],
                      [["04.11.2026 10:00", "1", "7", "5,00"], ["04.11.2026 10:05", "2", "7", "6,00"]])
    assert pi.import_purchases(kasse).created == 2


def test_a_rejected_row_leaves_out_its_days_receipt_only(gbp, tmp_path):
    header = ["Date", "Receipt", "Amount"]
    rows = [["2025-03-03 09:10", "1", "5.00"], ["2025-03-04 09:00", "1", "4.00"], ["2025-03-04 09:00", "1", "lots"]]
    result = pi.import_purchases(write_csv(tmp_path / "till.csv", header, rows))
    assert [(p.occurred_at.date().isoformat(), p.total_minor) for p in Purchase.select()] == [("2025-03-03", 500)]
    assert [(r.row, r.column) for r in result.rejects] == [(3, None), (4, "Amount")]


@pytest.mark.parametrize(("header", "rows"), [
    (["N° pièce", "Date", "Email", "Type de document", "Montant TTC"],
     [["F001", "02/05/2025", "ann@example.com", "Facture", "100,00"],
      ["A001", "13/05/2025", "ann@example.com", "Avoir", "40,00"]]),
    (["N.º documento", "Fecha", "Email", "Tipo de documento", "Importe"],
     [["F001", "02/05/2025", "ann@example.com", "Factura", "100,00"],
      ["A001", "13/05/2025", "ann@example.com", "Nota de crédito", "40,00"]])])
def test_a_credit_note_in_a_column_of_document_types_is_money_paid_back(gbp, tmp_path, header, rows):
    add_contact(ContactInput(first_name="Ann", last_name="Lee", emails=["ann@example.com"]))
    pi.import_purchases(write_csv(tmp_path / "pieces.csv", header, rows))
    assert sorted((p.reference, p.total_minor) for p in Purchase.select()) == [("A001", -4000), ("F001", 10000)]


def test_a_row_whose_type_says_refund_is_money_paid_back_even_written_above_zero(gbp, tmp_path):
    header = ["Date", "Receipt number", "Receipt type", "Item", "Quantity", "Price", "Customer email"]
    rows = [["2025-05-02 10:00", "1-1001", "Sale", "Mug", "4", "8.00", "ann@example.com"],
            ["2025-05-09 11:00", "1-1002", "Refund", "Mug", "1", "8.00", "ann@example.com"],
            ["2025-05-10 11:00", "1-1003", "Refund", "Mug", "-1", "8.00", "ann@example.com"],
            ["2025-05-11 11:00", "1-1004", "Avoir", "Mug", "1", "8.00", "ann@example.com"],
            ["2025-05-12 11:00", "1-1005", "Credit note", "Mug", "1", "8.00", "ann@example.com"],
            ["2025-05-13 11:00", "1-1006", "Refund", "Mug", "-1", "-8.00", "ann@example.com"],
            ["2025-05-14 11:00", "1-1007", "Sale", "Mug", "1", "8.00", "ann@example.com"],
            ["2025-05-14 11:04", "1-1007", "Void", "Mug", "1", "8.00", "ann@example.com"]]
    assert pi.map_purchase_headers(header)[1][2] == "type"
    add_contact(ContactInput(first_name="Ann", last_name="Lee", emails=["ann@example.com"]))
    result = pi.import_purchases(write_csv(tmp_path / "receipts.csv", header, rows))
    assert (result.created, result.refunds) == (8, 6)
    assert [p.total_minor for p in Purchase.select().order_by(Purchase.occurred_at)] == [
        3200, -800, -800, -800, -800, -800, 800, -800]
    assert sorted(i.quantity for i in PurchaseItem.select()) == [-1] * 6 + [1, 4]
    assert points_balance(Contact.get().id) == 0  # 32 and 8 earned, 6 refunds of 8 take back all (never more)


def test_a_price_finer_than_a_cent_is_one_line_of_what_it_came_to(gbp, tmp_path):
    header = ["InvoiceNo", "Description", "Quantity", "InvoiceDate", "UnitPrice"]
    rows = [["540001", "SCREWS", "1000", "2025-01-10 10:00", "0.001"],
            ["540001", "WASHERS", "12", "2025-01-10 10:00", "0.165"],
            ["540001", "HAMMER", "1", "2025-01-10 10:00", "7.50"]]
    result = pi.import_purchases(write_csv(tmp_path / "hardware.csv", header, rows))
    assert (result.created, result.rejected) == (1, 0)
    assert Purchase.get().total_minor == 100 + 198 + 750
    assert sorted((i.description, i.quantity, i.unit_price_minor) for i in PurchaseItem.select()) == [
        ("1000 × SCREWS", 1, 100), ("12 × WASHERS", 1, 198), ("HAMMER", 1, 750)]

    # rounded as tills and scales round: half a cent up
    scale = write_csv(tmp_path / "waage.csv", ["Datum", "Bon-Nr", "Artikel", "Menge", "Einzelpreis"],
                      [["2025-03-03 09:10", "B1", "Leberkäse (kg)", "0,150", "3,90"],
                       ["2025-03-03 09:10", "B1", "Schrauben", "5", "0,001"]])
    pi.import_purchases(scale)
    assert Purchase.get(Purchase.reference == "B1").total_minor == 59 + 1


def test_a_reject_names_the_column_that_could_not_be_read(gbp, tmp_path):
    header = ["Date", "Receipt", "Amount", "Quantity", "Unit price"]
    rows = [["2025-01-10", "1", "", "2", "two pounds"], ["2025-01-11", "2", "ten", "1", "10.00"]]
    result = pi.import_purchases(write_csv(tmp_path / "sales.csv", header, rows))
    assert [(r.row, r.column, r.value) for r in result.rejects] == [
        (2, "Unit price", "two pounds"), (3, "Amount", "ten")]


def test_refunds_of_one_sale_take_back_its_points_once_in_all(gbp, tmp_path):
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    header = ["Date", "Transaction ID", "Amount", "Email"]
    rows = [["2025-07-18 10:00", "TX1", "10.00", "ann@example.com"], ["2025-07-19 10:00", "TX1", "-6.00", ""],
            ["2025-07-20 10:00", "TX1", "-6.00", ""], ["2025-07-21 10:00", "TX2", "7.00", "ann@example.com"]]
    result = pi.import_purchases(write_csv(tmp_path / "square.csv", header, rows))
    assert (result.refunds, result.points) == (2, 7) and points_balance(ann) == 7


def test_an_orders_total_on_each_of_its_alike_lines_is_counted_once(gbp, tmp_path):
    """Two mugs at 10.00 and the order's 23.50 (with the shipping) on both rows: one order of 23.50, not 47.00;
    its refund written on both rows is paid back once."""
    header = ["Order Number", "Order Status", "Order Date", "Email (Billing)", "Order Total Amount",
              "Order Refund Amount", "Item Name", "Quantity (- Refund)", "Item Cost"]
    rows = [["101", "Completed", "2025-03-01 10:15", "alice@example.com", "23.50", "10.00", "Mug", "1", "10.00"],
            ["101", "Completed", "2025-03-01 10:15", "alice@example.com", "23.50", "10.00", "Teapot", "1", "10.00"]]
    pi.import_purchases(write_csv(tmp_path / "orders.csv", header, rows), pi.PurchaseImportOptions(create_missing=True))
    assert _sales_and_refunds() == [("101", -1000, "101"), ("101", 2350, None)]
    # each line's own amount, and the order's refund on each (under a heading that says it is the order's): 15.00
    # paid back of 60.00, not 45.00
    lines = ["Order Number", "Order Date", "Email (Billing)", "Item Name", "Quantity (- Refund)", "Item Cost",
             "Order Refund Amount"]
    pi.import_purchases(write_csv(tmp_path / "lines.csv", lines, [
        ["103", "2025-03-03 10:15", "alice@example.com", "Mug", "1", "10.00", "15.00"],
        ["103", "2025-03-03 10:15", "alice@example.com", "Teapot", "1", "30.00", "15.00"],
        ["103", "2025-03-03 10:15", "alice@example.com", "Tray", "2", "10.00", "15.00"]]))
    assert [t for t in _sales_and_refunds() if t[0] == "103"] == [("103", -1500, "103"), ("103", 6000, None)]

    # a coupon: the order's total below what its alike lines come to, under a heading that says it is the order's
    coupon = [["102", "Completed", "2025-03-02 10:15", "alice@example.com", "18.00", "", "Blue Mug", "1", "10.00"],
              ["102", "Completed", "2025-03-02 10:15", "alice@example.com", "18.00", "", "Red Mug", "1", "10.00"]]
    pi.import_purchases(write_csv(tmp_path / "coupon.csv", header, coupon))
    assert Purchase.get(Purchase.reference == "102").total_minor == 1800
    # not the order's: a line's own amount after its discount, the same on two lines by chance
    header = ["Date", "Receipt", "Item", "Qty", "Unit Price", "Total"]
    pi.import_purchases(write_csv(tmp_path / "cafe.csv", header, [
        ["2025-03-01 08:10", "1001", "Latte", "1", "3.50", "3.00"], ["2025-03-01 08:10", "1001", "Muffin", "1", "3.00",
                                                                     "3.00"]]))
    assert Purchase.get(Purchase.reference == "1001").total_minor == 600


def test_square_partial_refund_imported_before_its_own_row_is_paid_back_once(gbp, tmp_path):
    """March's export says on the sale's row that £10 was paid back (recorded then, at the sale's time); April's
    has the refund's own row as well: nothing more to pay back."""
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    header = ["Date", "Time", "Net Sales", "Partial Refunds", "Transaction ID", "Event Type", "Email"]
    sale = ["2025-03-28", "10:15:02", "£40.00", "-£10.00", "TXM1", "Payment", "ann@example.com"]
    pi.import_purchases(write_csv(tmp_path / "march.csv", header, [sale]))
    assert points_balance(ann) == 30
    april = pi.import_purchases(write_csv(tmp_path / "april.csv", header, [
        sale, ["2025-04-02", "14:00:00", "-£10.00", "", "TXM1", "Refund", "ann@example.com"]]))
    assert (april.created, april.skipped) == (0, 2)
    assert [r.reason for r in pi.plan_purchases_import(tmp_path / "april.csv").preview] == [
        "already imported", pi.REFUNDED_BEFORE]
    assert _sales_and_refunds() == [("TXM1", -1000, "TXM1"), ("TXM1", 4000, None)] and points_balance(ann) == 30

    # the refund's own row alone in May's file (its sale is April's): what the column said is what it paid back
    may = pi.import_purchases(write_csv(tmp_path / "may.csv", header, [
        ["2025-04-02", "14:00:00", "-£10.00", "", "TXM1", "Refund", "ann@example.com"],
        ["2025-05-02", "11:00:00", "-£5.00", "", "TXM1", "Refund", "ann@example.com"]]))
    assert (may.created, may.skipped) == (1, 1)  # a further refund of £5 is one
    assert _sales_and_refunds() == [("TXM1", -1000, "TXM1"), ("TXM1", -500, "TXM1"), ("TXM1", 4000, None)]
    assert pi.import_purchases(tmp_path / "may.csv").created == 0


def test_a_refund_of_a_sale_an_earlier_file_left_out_as_refunded_is_not_recorded(gbp, tmp_path):
    """PayPal's March download: a payment since refunded (left out); April's: the refund's own row."""
    header = ["Date", "Type", "Status", "Gross", "From Email Address", "To Email Address", "Transaction ID",
              "Reference Txn ID", "Balance Impact"]
    march = pi.import_purchases(write_csv(tmp_path / "march.csv", header, [
        ["2025-03-28 10:00", "Express Checkout Payment", "Refunded", "40.00", "bob@example.com", "shop@example.com",
         "2BC34567DE8901234", "", "Credit"],
        ["2025-03-29 10:00", "Express Checkout Payment", "Completed", "5.00", "bob@example.com", "shop@example.com",
         "3CD34567DE8901234", "", "Credit"]]), pi.PurchaseImportOptions(create_missing=True))
    assert (march.created, march.skipped) == (1, 1)
    april = pi.import_purchases(write_csv(tmp_path / "april.csv", header, [
        ["2025-04-02 09:00", "Payment Refund", "Completed", "-40.00", "shop@example.com", "bob@example.com",
         "5EF34567DE8901234", "2BC34567DE8901234", "Debit"]]), pi.PurchaseImportOptions(create_missing=True))
    assert (april.created, april.skipped) == (0, 1)
    assert [p.total_minor for p in Purchase.select()] == [500]
    ci.undo_import(march.batch)  # without the import that left the sale out, the refund is one of its own
    assert pi.import_purchases(tmp_path / "april.csv", pi.PurchaseImportOptions(create_missing=True)).refunds == 1


def test_a_tills_daily_count_is_not_linked_to_an_earlier_days_receipt_of_that_number(gbp, tmp_path):
    """One file a day from a till that numbers receipts from 1 each morning: Tuesday's return "1" is not a
    refund of Monday's receipt 1, nor the customer's."""
    marie = add_contact(ContactInput(first_name="Marie", emails=["marie@example.com"]))
    header = ["N° ticket", "Date", "Désignation", "Qté", "Prix unitaire TTC", "Email client"]
    monday = pi.import_purchases(write_csv(tmp_path / "lundi.csv", header, [
        ["1", "2025-03-03 09:05", "Bouquet", "1", "25.00", "marie@example.com"]]))
    pi.import_purchases(write_csv(tmp_path / "mardi.csv", header, [
        ["1", "2025-03-04 09:20", "Retour vase", "-1", "8.00", ""], ["2", "2025-03-04 09:45", "Tulipes", "1", "18.00",
                                                                  ""]]))
    returned = Purchase.get(Purchase.total_minor == -800)
    assert (returned.refund_of_id, returned.contact_id, points_balance(marie)) == (None, None, 25)
    ci.undo_import(monday.batch + 1)
    ci.undo_import(monday.batch)  # nothing of Monday's was refunded since


def test_a_receipt_whose_lines_are_timed_as_scanned_and_begin_with_a_deposit_paid_back_is_one_sale(gbp, tmp_path):
    """A till that times each line: the empties brought back first ("Leergut -3,00"), then what was bought, seconds
    apart, are one receipt of 9,47, not a refund and a sale per line; a refund under the sale's number an hour later
    is a refund of its own."""
    add_contact(ContactInput(first_name="Anna", emails=["anna@example.com"]))
    header = ["Bon", "Datum", "E-Mail", "Artikel", "Menge", "Einzelpreis"]
    rows = [["9101", "03.02.2026 10:15:01", "anna@example.com", "Leergut", "1", "-3,00"],
            ["9101", "03.02.2026 10:15:09", "anna@example.com", "Kasten Wasser", "1", "6,99"],
            ["9101", "03.02.2026 10:15:15", "anna@example.com", "Apfelsaft", "2", "1,49"],
            ["9101", "03.02.2026 10:15:22", "anna@example.com", "Brot", "1", "2,50"],
            ["9102", "03.02.2026 10:20:00", "anna@example.com", "Brot", "1", "2,50"],
            ["9102", "03.02.2026 11:30:00", "anna@example.com", "Brot", "-1", "2,50"]]
    result = pi.import_purchases(write_csv(tmp_path / "kasse.csv", header, rows))
    assert (result.created, result.refunds) == (3, 1)
    assert sorted((p.reference, p.total_minor) for p in Purchase.select()) == [("9101", 947), ("9102", -250),
                                                                               ("9102", 250)]


def test_a_time_column_beside_dates_a_spreadsheet_wrote_at_midnight_gives_each_sale_its_time(gbp, tmp_path):
    """A database or spreadsheet writes a date cell with its time, midnight ("03.02.2026 00:00:00"), beside the time
    of the sale in a column of its own: the sale is at that time (a sale and its refund that afternoon are two)."""
    header = ["Bon", "Datum", "Uhrzeit", "Betrag"]
    rows = [["4001", "03.02.2026 00:00:00", "10:15:00", "12,50"], ["4002", "03.02.2026 00:00:00", "14:20:00", "2,50"],
            ["4003", "03.02.2026 00:00:00", "30.12.1899 16:05:00", "100,00"],
            ["4003", "03.02.2026 00:00:00", "30.12.1899 16:40:00", "-100,00"],
            ["4004", "03.02.2026 12:00:00", "17:30:00", "5,00"],  # (noon: a time of its own, kept)
            ["4005", "03.02.2026 00:00:00", "12/30/1899 2:30:00 PM", "7,00"]]  # (Access's time, in US English)
    result = pi.import_purchases(write_csv(tmp_path / "kasse.csv", header, rows))
    assert (result.created, result.refunds) == (6, 1)
    assert sorted((p.reference, p.total_minor, p.occurred_at.astimezone().strftime("%H:%M"))
                  for p in Purchase.select()) == [("4001", 1250, "10:15"), ("4002", 250, "14:20"),
                                                  ("4003", -10000, "16:40"), ("4003", 10000, "16:05"),
                                                  ("4004", 500, "12:00"), ("4005", 700, "14:30")]
    us = write_csv(tmp_path / "access.csv", ["Receipt", "Date", "Time", "Amount"],
                   [["5001", "2/3/2026 12:00:00 AM", "12/30/1899 2:30:00 PM", "12.50"]])
    pi.import_purchases(us, pi.PurchaseImportOptions(date_orders={1: "mdy"}))
    assert Purchase.get(Purchase.reference == "5001").occurred_at.astimezone().strftime("%m-%d %H:%M") == "02-03 14:30"


def test_a_row_without_a_date_under_a_rejected_first_row_is_left_out_with_it(gbp, tmp_path):
    """A till that numbers receipts from 1 each morning, whose later lines leave the date to the first: when Tuesday's
    receipt 1 has its first line rejected, its next line is left out with it, not added to Monday's receipt 1."""
    header = ["Ticket", "Date", "Article", "Qté", "Prix"]
    rows = [["1", "2025-03-03 09:05", "Bouquet", "1", "25.00"],
            ["1", "", "Vase", "1", "8.00"],
            ["1", "2025-03-04 09:20", "Tulipes", "deux", "9.00"],
            ["1", "", "Ruban", "1", "2.00"],
            ["2", "2025-03-04 09:45", "Roses", "1", "18.00"]]
    result = pi.import_purchases(write_csv(tmp_path / "caisse.csv", header, rows))
    assert sorted((p.reference, p.occurred_at.date().isoformat(), p.total_minor) for p in Purchase.select()) == [
        ("1", "2025-03-03", 3300), ("2", "2025-03-04", 1800)]
    assert [(r.row, r.reason) for r in result.rejects] == [(4, "the quantity is not a number"),
                                                           (5, pi.BROKEN_RECEIPT)]


def test_a_date_that_cannot_be_read_leaves_out_its_own_receipt_not_every_days_of_that_number(gbp, tmp_path):
    """A till whose receipt numbers start again each day: Wednesday's "Bon 1" with a time typed "9:61" is rejected,
    Monday's and Tuesday's "Bon 1" are recorded; a line of a receipt next to its other lines leaves it out whole."""
    header = ["Bon", "Datum", "Uhrzeit", "Betrag"]
    rows = [["1", "02.02.2026", "09:00", "20,00"], ["1", "03.02.2026", "09:10", "30,00"],
            ["1", "04.02.2026", "9:61", "8,00"],
            ["2", "04.02.2026", "10:00", "5,00"], ["2", "31.02.2026", "10:00", "6,00"]]
    result = pi.import_purchases(write_csv(tmp_path / "kasse.csv", header, rows))
    assert sorted((p.reference, p.total_minor) for p in Purchase.select()) == [("1", 2000), ("1", 3000)]
    assert [(r.row, r.reason) for r in result.rejects] == [
        (4, "not a date (and time) that can be read"), (5, pi.BROKEN_RECEIPT),
        (6, "not a date (and time) that can be read")]


def test_a_date_that_cannot_be_read_leaves_out_its_receipt_whole_when_its_rows_are_apart(gbp, tmp_path):
    """A list sorted by article: receipt 1043's rows are apart, one of them with a date that cannot be read. All of
    1043 is left out, to come in whole once corrected (recorded in part, the rest would be "already imported")."""
    header = ["Beleg", "Datum", "Artikel", "Menge", "Preis"]
    rows = [["1042", "02.03.2026 10:00", "Jacke", "1", "89,00"], ["1043", "02.03.2026 10:20", "Jacke", "1", "89,00"],
            ["1042", "02.03.2026 10:00", "Schal", "1", "19,00"], ["1043", "02.33.2026 10:20", "Schal", "1", "19,00"]]
    result = pi.import_purchases(write_csv(tmp_path / "artikel.csv", header, rows))
    assert [(p.reference, p.total_minor) for p in Purchase.select()] == [("1042", 10800)]
    assert sorted(r.row for r in result.rejects) == [3, 5]


def test_a_row_whose_receipt_number_cannot_be_read_leaves_out_no_other_receipt(gbp, tmp_path):
    header = ["Date", "Receipt", "Amount"]
    rows = [["2025-03-03 09:05", "R-1", "25.00"], ["2025-03-03 09:10", "R" * 300, "8.00"]]
    result = pi.import_purchases(write_csv(tmp_path / "p.csv", header, rows))
    assert [(p.reference, p.total_minor) for p in Purchase.select()] == [("R-1", 2500)]
    assert [(r.row, r.reason) for r in result.rejects] == [(3, "too long")]


def test_a_tills_daily_count_after_a_letter_is_not_linked_to_yesterdays_receipt_of_that_number(gbp, tmp_path):
    """Tickets "T0003", "T0004"… that start again each morning, one file a day: today's anonymous return "T0004" is not
    a refund of yesterday's "T0004", nor its customer's (whose points stay), and is not left out as a refund of a
    sale yesterday's file said was cancelled."""
    marie = add_contact(ContactInput(first_name="Marie", emails=["marie@example.fr"]))
    header = ["Ticket", "Date", "E-mail", "Montant TTC", "Statut"]
    pi.import_purchases(write_csv(tmp_path / "j1.csv", header, [
        ["T0003", "03/02/2026 09:40", "", "4,50", "Payé"],
        ["T0004", "03/02/2026 10:15", "marie@example.fr", "30,00", "Payé"],
        ["T0005", "03/02/2026 10:30", "", "2,20", "Annulé"]]), pi.PurchaseImportOptions(date_orders={1: "dmy"}))
    day2 = pi.import_purchases(write_csv(tmp_path / "j2.csv", header, [
        ["T0004", "04/02/2026 09:31", "", "-10,00", "Payé"], ["T0005", "04/02/2026 09:50", "", "-2,00", "Payé"]]),
        pi.PurchaseImportOptions(date_orders={1: "dmy"}))
    assert (day2.created, day2.refunds) == (2, 2)
    returned = Purchase.get(Purchase.total_minor == -1000)
    assert (returned.refund_of_id, returned.contact_id, points_balance(marie)) == (None, None, 30)


def test_an_invoice_number_of_two_letters_and_zeros_is_a_sales_own_across_files(gbp, tmp_path):
    """"RE-01234" (an invoice's number, not a till's count): its credit note in a later file pays it back."""
    anna = add_contact(ContactInput(first_name="Anna", emails=["anna@example.com"]))
    header = ["Invoice No", "Date", "Email", "Amount"]
    pi.import_purchases(write_csv(tmp_path / "jan.csv", header, [["RE-01234", "2026-01-10 10:00", "anna@example.com",
                                                                  "120.00"]]))
    pi.import_purchases(write_csv(tmp_path / "feb.csv", header, [["RE-01234", "2026-02-03 09:00", "", "-120.00"]]))
    refund = Purchase.get(Purchase.total_minor == -12000)
    assert refund.refund_of_id is not None and refund.contact_id == anna and points_balance(anna) == 0


def test_in_a_file_whose_numbers_start_again_each_day_a_refund_that_day_is_of_that_days_sale(gbp, tmp_path):
    header = ["Date", "Ticket", "Statut", "Montant", "Email"]
    rows = [["2025-03-03 09:30", "2", "Remboursé", "32.00", "marie@example.com"],
            ["2025-03-03 16:00", "2", "Payé", "-32.00", "marie@example.com"],
            ["2025-03-04 09:10", "2", "Payé", "18.00", "marie@example.com"],
            ["2025-03-04 17:10", "2", "Payé", "-5.00", "marie@example.com"]]
    add_contact(ContactInput(first_name="Marie", emails=["marie@example.com"]))
    pi.import_purchases(write_csv(tmp_path / "caisse.csv", header, rows))
    assert sorted((p.occurred_at.date().isoformat(), p.total_minor, p.refund_of_id is not None)
                  for p in Purchase.select()) == [("2025-03-04", -500, True), ("2025-03-04", 1800, False)]


def test_a_web_shops_billing_columns_name_the_customer(gbp, tmp_path):
    header = ["order_number", "order_date", "billing_first_name", "billing_last_name", "billing_email", "order_total"]
    assert pi.map_purchase_headers(header)[1] == ["reference", "date", "first_name", "last_name", "email", "amount"]
    pi.import_purchases(write_csv(tmp_path / "orders.csv", header, [
        ["3001", "2025-02-01 10:00", "Ann", "Lee", "ann@example.com", "12.00"]]),
        pi.PurchaseImportOptions(create_missing=True))
    ann = get_contact(Purchase.get().contact_id)
    assert (ann.first_name, ann.last_name, ann.emails) == ("Ann", "Lee", ["ann@example.com"])


# --- whose sale: keys several customers share, and keys that name no one ---------------------------------------


def _bought(contact_id: int) -> list[str]:
    return sorted(p.reference for p in Purchase.select().where(Purchase.contact == contact_id))


def test_a_key_several_customers_share_finds_the_one_the_rows_name_or_other_key_finds_or_none(gbp, tmp_path):
    alice = add_contact(ContactInput(first_name="Alice", last_name="Martin", emails=["home@example.com"],
                                     phones=["+447911123456"]))
    marc = add_contact(ContactInput(first_name="Marc", last_name="Martin", emails=["home@example.com"],
                                    phones=["+447911123456"]))
    karl = add_contact(ContactInput(first_name="Karl", last_name="One", emails=["karl@example.de"]))
    Contact.update(external_id="1").where(Contact.id.in_([alice, karl])).execute()  # (two programs' number 1)
    header = ["Receipt", "Date", "Customer ID", "Name", "Email", "Phone", "Amount"]
    rows = [["R1", "2025-08-01", "", "Marc Martin", "home@example.com", "", "10.00"],  # the name tells
            ["R2", "2025-08-01", "1", "", "karl@example.de", "", "20.00"],  # the email tells
            ["R3", "2025-08-01", "", "", "home@example.com", "", "30.00"],  # nothing tells: whose?
            ["R4", "2025-08-01", "1", "", "", "", "40.00"],
            ["R5", "2025-08-01", "", "", "", "07911 123456", "50.00"]]
    result = pi.import_purchases(write_csv(tmp_path / "p.csv", header, rows), pi.PurchaseImportOptions())
    assert (_bought(alice), _bought(marc), _bought(karl)) == ([], ["R1"], ["R2"])
    assert [(r.row, r.column, r.value, str(r.reason)) for r in result.rejects] == [
        (4, "Email", "home@example.com", "2 customers have this email: find the customers by another column instead"),
        (5, "Customer ID", "1", "2 customers have this customer number: find the customers by another column instead"),
        (6, "Phone", "07911 123456",
         "2 customers have this phone number: find the customers by another column instead")]


def test_keys_that_name_no_one_are_not_a_customer(gbp, tmp_path):
    alice = add_contact(ContactInput(first_name="Alice", last_name="Martin", emails=["alice@example.com"]))
    Contact.update(external_id="C001").where(Contact.id == alice).execute()
    header = ["Order", "Date", "Customer ID", "Name", "Email", "Amount"]
    rows = [["1", "2025-08-01", "0", "Paul Guest", "paul@example.net", "10.00"],  # WooCommerce's guests: number 0
            ["11", "2025-08-07", "", "Sin cliente", "", "11.00"],
            ["12", "2025-08-07", "", "Consumidor final", "", "12.00"],
            ["13", "2025-08-07", "", "Laufkundschaft", "", "13.00"],
            ["2", "2025-08-02", "0", "Rita Other", "rita@example.net", "20.00"],
            ["3", "2025-08-03", "", "Alice Martin", "n/a", "30.00"],  # no email: the name finds her
            ["4", "2025-08-03", "", "", "Alice Martin <alice@example.com>", "40.00"],
            ["5", "2025-08-04", "c001", "", "", "50.00"],  # her number, in another case
            ["6", "2025-08-05", "", "Walk-in Customer", "", "6.00"],  # a till's sale to no one in particular
            ["7", "2025-08-05", "", "Client de passage", "-", "7.00"],
            ["8", "2025-08-06", "WALKIN", "Walk-in customer", "", "8.00"],  # a till's number for it (Lightspeed)
            ["9", "2025-08-06", "C0042", "Walk-in", "", "9.00"],  # any number beside a walk-in's name
            ["10", "2025-08-06", "GUEST", "", "", "10.00"]]
    path = write_csv(tmp_path / "orders.csv", header, rows)
    result = pi.import_purchases(path, pi.PurchaseImportOptions(create_missing=True))
    assert result.rejects == [] and result.customers_created == 2 and result.without_customer == 8
    assert _bought(alice) == ["3", "4", "5"]
    made = {c.first_name: _bought(c.id) for c in Contact.select().where(Contact.id != alice)}
    assert made == {"Paul": ["1"], "Rita": ["2"]}  # two people, not one customer "0"
    assert Contact.get(Contact.first_name == "Paul").external_id == ""
    assert sorted(p.reference for p in Purchase.select().where(Purchase.contact.is_null())) == [
        "10", "11", "12", "13", "6", "7", "8", "9"]


def test_a_huge_name_or_description_loses_no_other_sale_and_the_dry_run_says_what_the_import_does(gbp, tmp_path):
    header = ["Receipt", "Date", "Customer", "Email", "Description", "Amount"]
    rows = [["R1", "2025-06-01", "Ann Lee", "ann@example.com", "Bread", "5.00"],
            ["R2", "2025-06-01", "Z" * 99_995, "", "Cake", "5.00"],
            ["R3", "2025-06-01", "Bob Roe", "bob@example.com", "x" * 500_000, "10.00"]]
    path = write_csv(tmp_path / "p.csv", header, rows)
    options = pi.PurchaseImportOptions(create_missing=True)
    plan = pi.plan_purchases_import(path, options)
    result = pi.import_purchases(path, options)
    assert [(r.row, r.column, r.reason) for r in plan.rejects] == [(3, "Customer", cleaning.NOTES_TOO_LONG)]
    assert [(r.row, r.column) for r in result.rejects] == [(3, "Customer")] and len(result.rejects[0].value) < 100
    assert (plan.counts["purchases"], result.created, result.customers_created) == (2, 2, 2)
    (line,) = PurchaseItem.select().join(Purchase).where(Purchase.reference == "R3")
    assert line.description == "x" * 999 + "…"  # (what a line holds, cut where it shows)
    assert ("long_items", 1) in plan.warnings and ("long_items", 1) in result.warnings


def test_an_item_with_its_weight_put_before_it_is_cut_where_it_shows_and_counted(gbp, tmp_path):
    path = write_csv(tmp_path / "p.csv", ["Receipt", "Date", "Item", "Quantity", "Unit price"],
                     [["R1", "2025-06-01", "c" * 998, "2.5", "4.00"]])
    result = pi.import_purchases(path, pi.PurchaseImportOptions())
    (line,) = PurchaseItem.select()
    assert line.description == "2.5 × " + "c" * 993 + "…" and line.total_minor == 1000
    assert result.warnings == [("long_items", 1)]


def test_a_customer_not_found_is_shown_as_the_file_writes_them(gbp, tmp_path):
    header = ["Date", "Ticket", "Client", "Montant"]
    rows = [["2025-06-01", "T1", "Françoise Hébert", "12.00"], ["2025-06-02", "T2", "  Françoise   Hébert ", "8.00"]]
    plan = pi.plan_purchases_import(write_csv(tmp_path / "ventes.csv", header, rows))
    (missing,) = plan.unmatched
    assert (missing.key, missing.written, missing.purchases) == ("francoise hebert", "Françoise Hébert", 2)
    assert [p.written for p in plan.preview] == ["Françoise Hébert", "Françoise Hébert"]


def test_a_later_export_of_the_same_day_records_the_sales_alike_it_has_more_of(gbp, tmp_path):
    """A café's till exported at noon and again at closing: sales without a number, alike to the minute and the
    penny, are each recorded once, and the later export's extra one too."""
    header = ["Date", "Email", "Amount"]
    coffee = ["2025-06-01 09:30", "", "3.00"]
    noon = write_csv(tmp_path / "noon.csv", header, [coffee, coffee])
    assert pi.import_purchases(noon).created == 2
    evening = write_csv(tmp_path / "evening.csv", header, [coffee, coffee, coffee, ["2025-06-01 17:00", "", "4.50"]])
    plan = pi.plan_purchases_import(evening)
    result = pi.import_purchases(evening)
    assert (plan.counts["purchases"], result.created, result.skipped) == (2, 2, 2)
    assert sorted(p.total_minor for p in Purchase.select()) == [300, 300, 300, 450]
    assert pi.import_purchases(evening).created == 0  # and once more: nothing new


def test_a_customer_column_of_email_addresses_finds_customers_by_email(gbp, tmp_path):
    alice = add_contact(ContactInput(first_name="Alice", last_name="Martin", emails=["alice@example.com"]))
    header = ["Ticket", "Date", "Client", "Montant"]
    rows = [["1", "2025-07-01", "Alice@Example.com", "2.40"], ["2", "2025-07-01", "bob@example.com", "3.00"]]
    result = pi.import_purchases(write_csv(tmp_path / "caisse.csv", header, rows),
                                 pi.PurchaseImportOptions(create_missing=True))
    assert _bought(alice) == ["1"] and result.customers_created == 1
    bob = Contact.get(Contact.id != alice)
    assert (bob.first_name, bob.last_name, get_contact(bob.id).emails) == ("", "bob@example.com", ["bob@example.com"])
    again = [["3", "2025-07-02", "Ned Newbie <ned@example.com>", "5.00"],
             ["4", "2025-07-02", "Lee, Ann <ann@x.org>", "1.00"],
             ["5", "2025-07-03", '"Ned Newbie" <NED@example.com>', "6.00"]]
    pi.import_purchases(write_csv(tmp_path / "later.csv", header, again), pi.PurchaseImportOptions(create_missing=True))
    made = {(c.first_name, c.last_name): (get_contact(c.id).emails, _bought(c.id))
            for c in Contact.select().where(Contact.id.not_in([alice, bob.id]))}
    assert made == {("Ned", "Newbie"): (["ned@example.com"], ["3", "5"]), ("Ann", "Lee"): (["ann@x.org"], ["4"])}


def test_an_order_paid_in_part_is_owed_what_its_file_says_is_outstanding(gbp, tmp_path):
    header = [*SHOPIFY_ORDERS, "Outstanding Balance"]
    rows = [["#2001", "ann@example.com", "partially_paid", "", "EUR", "100.00", "100.00",
             "2025-03-01 10:00:00 +0100", "1", "Armchair", "100.00", "Ann Lee", "", "61", "60.00"],
            ["#2002", "ann@example.com", "paid", "", "EUR", "30.00", "30.00", "2025-03-02 10:00:00 +0100", "1",
             "Lamp", "30.00", "Ann Lee", "", "62", "0.00"],
            ["#2003", "ann@example.com", "pending", "", "EUR", "20.00", "20.00", "2025-03-03 10:00:00 +0100", "1",
             "Vase", "20.00", "Ann Lee", "", "63", "20.00"]]
    path = write_csv(tmp_path / "orders_export.csv", header, rows)
    assert pi.map_purchase_headers(header)[1][-1] == "outstanding"
    result = pi.import_purchases(path, pi.PurchaseImportOptions(create_missing=True))
    def owed():
        return {p.reference: (p.status, p.paid_minor, purchases.owed_minor(p.id))
                for p in Purchase.select().where(Purchase.refund_of.is_null())}

    assert owed() == {"#2001": ("partly_paid", 4000, 6000), "#2002": ("paid", 3000, 0), "#2003": ("due", 0, 2000)}
    again = pi.import_purchases(path, pi.PurchaseImportOptions(create_missing=True))
    assert (again.created, again.marked_paid) == (0, 0)  # the same file again changes nothing
    assert owed()["#2001"] == ("partly_paid", 4000, 6000)
    rows[0][-1], rows[2][2], rows[2][-1] = "0.00", "partially_paid", "5.00"  # a later export: paid, and more paid
    later = pi.import_purchases(write_csv(tmp_path / "later.csv", header, rows), pi.PurchaseImportOptions())
    assert later.marked_paid == 2
    assert owed() == {"#2001": ("paid", 10000, 0), "#2002": ("paid", 3000, 0), "#2003": ("partly_paid", 1500, 500)}
    ci.undo_import(later.batch)
    assert owed()["#2003"] == ("due", 0, 2000)
    purchases.record_payment(Purchase.get(Purchase.reference == "#2001").id, 1000)  # paid more since
    with pytest.raises(UndoRefused):
        ci.undo_import(result.batch)


@pytest.mark.parametrize(("paid", "amount", "yes", "no"), [
    ("Paid", "Amount", "Yes", "No"), ("Payé", "Montant", "Oui", "Non"), ("Bezahlt", "Betrag", "ja", "nein")])
def test_a_column_that_says_whether_a_sale_was_paid_makes_an_unpaid_one_owed(gbp, tmp_path, paid, amount, yes, no):
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    header = ["Date", "Receipt", "Email", amount, paid]
    assert pi.map_purchase_headers(header)[1][-1] == "paid"
    rows = [["2025-03-01", "R1", "ann@example.com", "20.00", yes], ["2025-03-02", "R2", "ann@example.com", "30.00", no],
            ["2025-03-03", "R3", "ann@example.com", "40.00", "perhaps"]]
    result = pi.import_purchases(write_csv(tmp_path / "sales.csv", header, rows))
    assert [(r.row, r.reason) for r in result.rejects] == [(4, pi.NOT_PAID_AMOUNT)]
    assert {p.reference: (p.status, purchases.owed_minor(p.id)) for p in Purchase.select()} == {
        "R1": ("paid", 0), "R2": ("due", 3000)}
    assert points_balance(ann) == 50  # (a sale owed earns when recorded, as one entered by hand)


def test_a_column_of_what_was_paid_of_a_sale_makes_the_rest_owed(gbp, tmp_path):
    add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    header = ["Date", "Invoice", "Email", "Total", "Amount Paid"]
    rows = [["2025-03-01", "I1", "ann@example.com", "40.00", "25.00"], ["2025-03-02", "I2", "ann@example.com", "20.00",
                                                                         "20.00"]]
    pi.import_purchases(write_csv(tmp_path / "invoices.csv", header, rows))
    assert {p.reference: (p.status, purchases.owed_minor(p.id)) for p in Purchase.select()} == {
        "I1": ("partly_paid", 1500), "I2": ("paid", 0)}


def test_what_is_outstanding_of_an_order_paid_in_part_is_net_of_its_refund(gbp, tmp_path):
    header = [*SHOPIFY_ORDERS, "Refunded Amount", "Outstanding Balance"]
    rows = [["#1006", "ann@example.com", "partially_paid", "", "EUR", "80.00", "80.00", "2025-03-01 10:00:00 +0100",
             "1", "Chair", "80.00", "Ann Lee", "", "66", "20.00", "30.00"]]
    pi.import_purchases(write_csv(tmp_path / "orders_export.csv", header, rows),
                        pi.PurchaseImportOptions(create_missing=True))
    sale = Purchase.get(Purchase.refund_of.is_null())
    assert (sale.status, sale.paid_minor, purchases.owed_minor(sale.id)) == ("partly_paid", 3000, 3000)


def test_an_import_that_wrote_down_its_due_purchases_by_number_alone_is_undone(gbp, tmp_path):
    header = ["Date", "Receipt", "Amount", "Status"]
    path = write_csv(tmp_path / "p.csv", header, [["2025-03-01 10:00", "R1", "9.00", "unpaid"]])
    before = snapshot()
    result = pi.import_purchases(path)
    database.execute_sql("UPDATE import_batch SET details = json_set(details, '$.due', json_array(?))",
                         (Purchase.get().id,))  # (as it was written down before a purchase could be paid in part)
    ci.undo_import(result.batch)
    assert snapshot() == before


def test_sales_recorded_without_a_customer_in_a_file_that_names_customers_are_counted(gbp, tmp_path):
    jeanne = add_contact(ContactInput(first_name="Jeanne", last_name="Dupont", emails=["jeanne@example.fr"]))
    header = ["Date", "Receipt", "Name", "Email", "Amount"]
    path = write_csv(tmp_path / "p.csv", header, [["2025-06-01", "R1", "Jeanne Dupont", "", "10.00"],
                                                  ["2025-06-01", "R2", "", "jeanne@example.fr", "5.00"],
                                                  ["2025-06-01", "R3", "", "", "2.00"]])
    by_email = pi.plan_purchases_import(path, pi.PurchaseImportOptions(match="email"))
    assert (by_email.counts["purchases"], by_email.counts["without_customer"]) == (3, 2)  # R1 by its name: no
    result = pi.import_purchases(path)  # each row by whatever it has: R1 by its name
    assert (result.created, result.without_customer) == (3, 1) and _bought(jeanne) == ["R1", "R2"]
    assert result.to_json()["without_customer"] == 1


def test_a_key_shared_with_a_customer_in_the_trash_finds_the_other(gbp, tmp_path):
    ann = add_contact(ContactInput(first_name="Ann", last_name="Lee", emails=["family@example.com"]))
    bob = add_contact(ContactInput(first_name="Bob", last_name="Lee", emails=["family@example.com"]))
    contacts_service.delete_contacts([bob])  # a duplicate tidied away
    path = write_csv(tmp_path / "p.csv", ["Receipt", "Date", "Email", "Amount"],
                     [["T1", "2026-09-01", "family@example.com", "10.00"]])
    assert pi.import_purchases(path).rejected == 0 and _bought(ann) == ["T1"]


def test_skipped_purchases_are_counted_by_why(gbp, tmp_path):
    add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    header = ["Date", "Receipt", "Email", "Amount", "Status"]
    first = write_csv(tmp_path / "march.csv", header, [["2025-03-01 10:00", "R1", "ann@example.com", "20.00", "paid"]])
    pi.import_purchases(first)
    path = write_csv(tmp_path / "april.csv", header, [
        ["2025-03-01 10:00", "R1", "ann@example.com", "20.00", "paid"],  # in March's file too
        ["2025-04-01 10:00", "R2", "ann@example.com", "15.00", "cancelled"],
        ["2025-04-02 10:00", "R3", "ann@example.com", "12.00", "voided"],
        ["2025-04-03 10:00", "R4", "ann@example.com", "0.00", "paid"],
        ["2025-04-04 10:00", "R5", "zoe@example.com", "9.00", "paid"],
        ["2025-04-05 10:00", "R6", "ann@example.com", "30.00", "paid"]])
    expected = {"already imported": 1, pi.CANCELLED_REASON: 2, pi.ZERO_TOTAL: 1, pi.NO_CUSTOMER + "email": 1}
    plan = pi.plan_purchases_import(path)
    assert plan.counts["skip"] == 5 and plan.skips == expected
    result = pi.import_purchases(path)
    assert (result.created, result.skipped, result.skips) == (1, 5, expected)
    assert result.to_json()["skips"] == expected


def test_a_name_with_its_umlauts_written_out_finds_its_customer_either_way(gbp, tmp_path):
    anna = add_contact(ContactInput(first_name="Anna", last_name="Müller"))
    jorg = add_contact(ContactInput(first_name="Joerg", last_name="Schroeder"))
    header = ["Receipt", "Date", "Customer", "Total"]
    rows = [["N6", "2025-11-02", "Anna Mueller", "10.00"], ["N7", "2025-11-02", "Anna Muller", "10.00"],
            ["N8", "2025-11-02", "Jörg Schröder", "10.00"], ["N9", "2025-11-02", "Samuel Mueller", "10.00"]]
    result = pi.import_purchases(write_csv(tmp_path / "till.csv", header, rows),
                                 pi.PurchaseImportOptions(create_missing=True))
    assert (_bought(anna), _bought(jorg)) == (["N6", "N7"], ["N8"])
    assert result.customers_created == 1  # Samuel, no one's spelling of another
    assert [c.first_name for c in Contact.select().where(Contact.id.not_in([anna, jorg]))] == ["Samuel"]


def test_a_lightspeed_lay_by_paid_off_since_is_marked_paid_and_a_saved_sale_is_no_sale(gbp, tmp_path):
    john = add_contact(ContactInput(first_name="John", emails=["john@example.com"]))
    Contact.update(external_id="1002").where(Contact.id == john).execute()
    header = ["Date", "Receipt Number", "Line Type", "Customer Code", "Quantity", "Total", "Paid", "Details",
              "Register", "Status"]

    def sale(paid, status, receipt="102"):
        return [["2026-11-03 15:00:00", receipt, "Sale", "1002", "1", "100.00", paid, "", "Main", status],
                ["2026-11-03 15:00:00", receipt, "Sale Line", "", "1", "100.00", "", "Grinder", "", ""]]
    pi.import_purchases(write_csv(tmp_path / "october.csv", header, sale("40.00", "LAYBY")))
    assert [(p.status, p.paid_minor) for p in Purchase.select()] == [("partly_paid", 4000)]
    later = pi.import_purchases(write_csv(tmp_path / "november.csv", header,
                                          sale("100.00", "LAYBY_CLOSED") + sale("0.00", "SAVED", "103")))
    assert (later.rejected, later.marked_paid, later.created) == (0, 1, 0)
    assert later.skips == {pi.NOT_A_SALE: 1}
    assert [(p.reference, p.status, p.paid_minor) for p in Purchase.select()] == [("102", "paid", 10000)]


def test_paypals_download_in_german_is_read_as_in_english(gbp, tmp_path):
    """Its columns named in German, its statuses and types too; "Soll" is money out (a refund, when its type says
    it is paid back), "Haben" money in."""
    anna = add_contact(ContactInput(first_name="Anna", last_name="Müller", emails=["anna.mueller@example.de"]))
    header = ["Datum", "Uhrzeit", "Zeitzone", "Name", "Typ", "Status", "Währung", "Brutto", "Gebühr", "Netto",
              "Absender E-Mail-Adresse", "Empfänger E-Mail-Adresse", "Transaktionscode", "Artikelbezeichnung",
              "Anzahl", "Zugehöriger Transaktionscode", "Auswirkung auf Guthaben"]
    rows = [["02.10.2026", "10:15:00", "Europe/Berlin", "Anna Müller", "Website-Zahlung", "Abgeschlossen", "EUR",
             "1.245,00", "-21,53", "1.223,47", "anna.mueller@example.de", "shop@laden.de", "1AB23456CD789012E",
             "Kaffeemaschine", "1", "", "Haben"],
            ["05.10.2026", "09:00:00", "Europe/Berlin", "Anna Müller", "Rückzahlung", "Abgeschlossen", "EUR",
             "-45,00", "0,78", "-44,22", "shop@laden.de", "anna.mueller@example.de", "9ZZ23456CD789012E",
             "", "", "1AB23456CD789012E", "Soll"]]
    # money that is no sale: a sale in dollars' conversion (under the sale's number), the shop's money to its bank
    # and from it, a payment to a supplier
    rows += [["03.10.2026", "09:15:00", "MESZ", "PayPal", "Allgemeine Währungsumrechnung", "Abgeschlossen", w, m, "0,00",
              m, "", "", code, "", "", "1AB23456CD789012E", impact]
             for w, m, code, impact in (("EUR", "-33,46", "3CD4", "Soll"), ("USD", "35,00", "4DE5", "Haben"))]
    rows += [["13.10.2026", "11:00:00", "MESZ", "", "Bankgutschrift auf PayPal-Konto", "Abgeschlossen", "EUR", "100,00",
              "0,00", "100,00", "shop@laden.de", "", "1LM2", "", "", "", "Haben"],
             ["14.10.2026", "08:00:00", "MESZ", "", "Allgemeine Abbuchung", "Abgeschlossen", "EUR", "-50,00", "0,00",
              "-50,00", "shop@laden.de", "", "6FG7", "", "", "", "Soll"],
             ["15.10.2026", "08:00:00", "MESZ", "Wachs GmbH", "Allgemeine Zahlung", "Abgeschlossen", "EUR", "-40,00",
              "0,00", "-40,00", "shop@laden.de", "verkauf@wachs.example", "9JK0", "Wachs 10kg", "", "", "Soll"],
             # a chargeback is money paid back, whatever its word ("Zahlungsrückbuchung")
             ["16.10.2026", "09:00:00", "MESZ", "Anna Müller", "Zahlungsrückbuchung", "Abgeschlossen", "EUR", "-5,00",
              "0,00", "-5,00", "shop@laden.de", "anna.mueller@example.de", "7RB1", "", "", "1AB23456CD789012E",
              "Soll"]]
    path = write_csv(tmp_path / "Download.CSV", header, rows)
    assert pi.map_purchase_headers(header)[0] == "paypal"
    result = pi.import_purchases(path, pi.PurchaseImportOptions(create_missing=True))
    assert (result.created, result.refunds, result.rejected, result.customers_created) == (3, 2, 0, 0)
    assert result.skips == {pi.NOT_A_SALE: 5}
    assert sorted((p.reference, p.total_minor, p.contact_id) for p in Purchase.select()) == [
        ("1AB23456CD789012E", -4500, anna), ("1AB23456CD789012E", -500, anna),
        ("1AB23456CD789012E", 124500, anna)]  # (the refunds under their sale's number)
    assert {p.refund_of_id for p in Purchase.select().where(Purchase.total_minor < 0)} == {
        Purchase.get(Purchase.total_minor > 0).id}


def test_a_customer_number_that_finds_no_one_finds_the_one_customer_of_that_name_without_a_number(gbp, tmp_path):
    """Square's transactions name their customer by Square's own id and a name: a customer typed in by hand (or
    brought from another program) has no such number, and is found by the name; one of another number is
    another customer of that till, however alike the names."""
    ann = add_contact(ContactInput(first_name="Ann", last_name="Lee"))
    bob = add_contact(ContactInput(first_name="Bob", last_name="Ray"))
    Contact.update(external_id="SQ-9").where(Contact.id == bob).execute()  # (as an import from Square leaves it)
    header = ["Date", "Time", "Transaction ID", "Customer ID", "Customer Name", "Net Sales"]
    rows = [["2025-03-01", "10:00:00", "T1", "R3PZ6K1", "Ann Lee", "£12.00"],
            ["2025-03-01", "11:00:00", "T2", "Q8M2XW4", "Bob Ray", "£20.00"],
            ["2025-03-01", "12:00:00", "T3", "Z7Y6", "Cy Twombly", "£5.00"]]
    plan = pi.plan_purchases_import(write_csv(tmp_path / "square.csv", header, rows))
    assert [(p.reference, p.contact_id, p.action) for p in plan.preview] == [
        ("T1", ann, "create"), ("T2", None, "skip"), ("T3", None, "skip")]
    assert [u.key for u in plan.unmatched] == ["q8m2xw4", "z7y6"]
    # two numbers of one name in the file: two customers of the till, neither of them surely the book's Ann
    rows.append(["2025-03-02", "10:00:00", "T4", "K9LL2", "Ann Lee", "£7.00"])
    plan = pi.plan_purchases_import(write_csv(tmp_path / "square 2.csv", header, rows))
    assert [p.contact_id for p in plan.preview if p.reference in ("T1", "T4")] == [None, None]


def test_a_refund_imported_before_its_sale_is_linked_to_it_when_the_sale_comes(gbp, tmp_path):
    """November's file (the refund of TX1) imported before October's (the sale): the sale, when it comes, gets its
    refund, which gets its customer and takes back the sale's share of the points; undoing October's import
    leaves the refund as it was."""
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    header = ["Date", "Transaction ID", "Amount", "Email"]
    november = write_csv(tmp_path / "november.csv", header, [["2025-11-02 10:00", "TX1", "-30.00", ""],
                                                             ["2025-11-03 10:00", "TX7", "-5.00", ""]])
    pi.import_purchases(november)
    before = snapshot()
    october_file = write_csv(tmp_path / "october.csv", header, [
        ["2025-10-30 10:00", "TX1", "40.00", "ann@example.com"], ["2025-10-30 11:00", "TX7", "2.00", ""],
        ["2025-11-04 11:00", "TX8", "9.00", ""]])
    plan = pi.plan_purchases_import(october_file)  # (the summary says what the import does)
    assert (plan.counts["points"], [p.points for p in plan.preview]) == (40 - 30, [40 - 30, 0, 0])
    october = pi.import_purchases(october_file)
    assert october.points == 40 - 30
    assert _sales_and_refunds() == [("TX1", -3000, "TX1"), ("TX1", 4000, None), ("TX7", -500, None),
                                    ("TX7", 200, None), ("TX8", 900, None)]  # (TX7: more paid back than it came to)
    assert Purchase.get(Purchase.total_minor == -3000).contact_id == ann and points_balance(ann) == 10
    sale = Purchase.get(Purchase.total_minor == 4000)
    assert loyalty.refund_share(sale.id, 1000, sale.occurred_at) == 10  # what is left of it
    with pytest.raises(UndoRefused) as refused:  # (its refund would go, and the points it took back stay)
        ci.undo_import(1)
    assert "linked since to its sale by import 2: undo that one first" in refused.value.reason
    ci.undo_import(october.batch)
    assert snapshot() == before


def test_a_file_imported_again_on_a_computer_in_another_time_zone_records_its_sales_once(gbp, tmp_path, monkeypatch):
    """Times without their zone are read in the computer's: a laptop taken from London to Los Angeles reads the
    same file's sales eight hours apart. Found by their own numbers (a till's count, of five figures or fewer, that
    starts again each day, with the same total), they are the same sales."""
    import time

    header = ["Date", "Transaction ID", "Amount"]
    rows = [["2026-10-14 09:12:44", "Tx1001AAA", "24.00"], ["2026-10-14 09:30:00", "Tx1001AAA", "-4.00"],
            ["2026-10-14 10:00:00", "17", "3.00"]]
    source = write_csv(tmp_path / "square.csv", header, rows)
    for zone in ("Europe/London", "America/Los_Angeles"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        result = pi.import_purchases(source)
    monkeypatch.undo()
    time.tzset()
    assert (result.created, result.skipped) == (0, 3)
    assert sorted((p.reference, p.total_minor) for p in Purchase.select()) == [
        ("17", 300), ("Tx1001AAA", -400), ("Tx1001AAA", 2400)]
    # other sales, not the same ones read elsewhere: the next day's first receipt (a till's count), a subscription's
    # next daily charge, a second refund of a sale; and, beside a sale recorded at its time, another of its number
    later = [["2026-10-15 09:12:44", "Tx1001AAA", "-6.00"], ["2026-10-15 10:00:00", "17", "3.00"],
             ["2026-10-14 17:00:00", "SUB-0042", "9.99"]]
    pi.import_purchases(write_csv(tmp_path / "subscription.csv", header, [["2026-10-13 17:00:00", "SUB-0042", "9.99"]]))
    result = pi.import_purchases(write_csv(tmp_path / "next day.csv", header, later))
    assert (result.created, result.skipped) == (3, 0)


def test_a_tills_count_the_next_morning_is_not_taken_for_last_nights_sales_read_in_another_time_zone(gbp, tmp_path):
    """Saturday evening's receipts 1 and 2, then Sunday morning's 1 and 2 of the same amounts, 15 hours later: other
    sales (of another customer, or beside a receipt 3 of another amount), not the same ones read elsewhere."""
    add_contact(ContactInput(first_name="Anna", emails=["anna@example.com"]))
    add_contact(ContactInput(first_name="Marie", emails=["marie@example.fr"]))
    header = ["Bon", "Datum", "E-Mail", "Betrag"]
    saturday = [["1", "07.02.2026 17:04", "anna@example.com", "10,00"],
                ["2", "07.02.2026 17:47", "anna@example.com", "10,00"]]
    sunday = [["1", "08.02.2026 08:04", "marie@example.fr", "10,00"],
              ["2", "08.02.2026 08:47", "marie@example.fr", "10,00"]]
    pi.import_purchases(write_csv(tmp_path / "sa.csv", header, saturday))
    sunday = pi.import_purchases(write_csv(tmp_path / "so.csv", header, sunday))
    assert (sunday.created, sunday.skipped) == (2, 0)
    header = ["Bon", "Datum", "Betrag"]
    pi.import_purchases(write_csv(tmp_path / "mo.csv", header, [
        ["1", "09.02.2026 17:00", "10,00"], ["2", "09.02.2026 17:30", "10,00"], ["3", "09.02.2026 19:10", "24,50"]]))
    tuesday = pi.import_purchases(write_csv(tmp_path / "di.csv", header, [
        ["1", "10.02.2026 08:00", "10,00"], ["2", "10.02.2026 08:30", "10,00"], ["3", "10.02.2026 09:12", "18,00"]]))
    assert (tuesday.created, tuesday.skipped) == (3, 0)
    assert Purchase.select().count() == 10


def test_a_longer_export_read_in_another_time_zone_records_only_what_is_new(gbp, tmp_path, monkeypatch):
    """The next export of a web shop, read on a computer in another time zone, holds the orders imported before, a new
    one and a refund under an old one's number: the old orders are not recorded again."""
    import time

    header = ["Order", "Date", "Name", "Email", "Total"]
    first = [["A-20931", "2026-03-02 10:00", "Anna Muster", "anna@example.com", "89.00"],
             ["A-20932", "2026-03-02 11:30", "Bert Muster", "bert@example.com", "19.00"],
             ["A-20933", "2026-03-03 12:10", "Carla Rossi", "carla@example.com", "45.50"]]
    later = first + [["A-20934", "2026-03-04 09:15", "Dora Weiss", "dora@example.com", "12.00"],
                     ["A-20931", "2026-03-02 14:00", "Anna Muster", "anna@example.com", "-89.00"]]
    options = pi.PurchaseImportOptions(create_missing=True)
    try:
        for zone, rows in (("Europe/Berlin", first), ("America/New_York", later)):
            monkeypatch.setenv("TZ", zone)
            time.tzset()
            result = pi.import_purchases(write_csv(tmp_path / f"orders-{len(rows)}.csv", header, rows), options)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert (result.created, result.skipped) == (2, 3)
    assert sorted(p.total_minor for p in Purchase.select()) == [-8900, 1200, 1900, 4550, 8900]


def test_a_dutch_sales_file_with_a_tussenvoegsel_column_finds_its_customers_by_their_whole_name(gbp, tmp_path):
    """"Jan" "van der" "Berg" is Jan van der Berg, not a new "Jan Berg"; a new customer keeps the prefix too."""
    jan = add_contact(ContactInput(first_name="Jan", last_name="van der Berg"))
    header = ["Datum", "Factuurnummer", "Voornaam", "Tussenvoegsel", "Achternaam", "Bedrag"]
    rows = [["14-03-2025", "F-1", "Jan", "van der", "Berg", "12,50"],
            ["15-03-2025", "F-2", "Fleur", "van der", "Meer", "8,00"],
            ["16-03-2025", "F-3", "Ellen", "d'", "Hondt", "5,00"]]
    assert pi.map_purchase_headers(header)[1][3] == "last_name_prefix"
    result = pi.import_purchases(write_csv(tmp_path / "verkoop.csv", header, rows),
                                 pi.PurchaseImportOptions(create_missing=True, currency="EUR"))
    assert result.customers_created == 2
    assert Purchase.get(Purchase.reference == "F-1").contact_id == jan
    assert sorted(get_contact(i).last_name for i in contact_ids()) == ["d'Hondt", "van der Berg", "van der Meer"]


def test_a_receipt_number_far_too_long_rejects_its_row_only(gbp, tmp_path):
    header = ["Date", "Order", "Email", "Amount"]
    rows = [["2026-01-02", "#" + "1" * 100_000, "a@example.com", "10.00"], ["2026-01-03", "1002", "", "20.00"]]
    result = pi.import_purchases(write_csv(tmp_path / "orders.csv", header, rows))
    assert (result.created, result.rejected) == (1, 1)
    (reject,) = result.rejects
    assert (reject.row, reject.reason, reject.column, len(reject.value) < 100) == (2, "too long", "Order", True)


@pytest.mark.parametrize("voided", ["Voided", "Storno", "Cancelled", "Canceled"])
def test_a_sale_a_voided_column_says_yes_to_is_not_recorded(gbp, tmp_path, voided):
    header = ["Date", "Receipt", "Total", voided]
    rows = [["2026-10-02 10:00", "A1", "30.00", "No"], ["2026-10-02 11:00", "A2", "500.00", "Yes"],
            ["2026-10-02 12:00", "A3", "12.00", "false"], ["2026-10-02 13:00", "A4", "9.00", "true"],
            ["2026-10-02 14:00", "A5", "8.00", "2026-10-03"], ["2026-10-02 15:00", "A6", "7.00", ""],
            ["2026-10-02 16:00", "A7", "6.00", "NULL"], ["2026-10-02 17:00", "A8", "5.00", "Not voided"]]
    assert pi.map_purchase_headers(header)[1][3] == "voided"
    result = pi.import_purchases(write_csv(tmp_path / "till.csv", header, rows))
    assert sorted(p.reference for p in Purchase.select()) == ["A1", "A3", "A6", "A7", "A8"]
    assert result.skips == {pi.CANCELLED_REASON: 3}


def test_a_voided_line_of_a_receipt_whose_other_lines_were_not_is_left_out_of_it(gbp, tmp_path):
    """A German till's "Storniert": a line voided on a receipt whose other lines say "nein", or after its first, is
    left out of it, and said; a receipt voided on each of its lines, or on its first alone, is not recorded."""
    header = ["Datum", "Bon", "Artikel", "Menge", "Preis", "Storniert"]
    rows = [["02.01.2026", "1", "Tasse", "2", "10,00", "nein"], ["02.01.2026", "1", "Tee", "1", "4,00", "ja"],
            ["03.01.2026", "2", "Tee", "1", "4,00", "ja"], ["03.01.2026", "2", "Kanne", "1", "30,00", "ja"],
            ["04.01.2026", "3", "Tee", "1", "4,00", "ja"], ["04.01.2026", "3", "Kanne", "1", "30,00", "nein"],
            ["05.01.2026", "4", "Tee", "1", "4,00", "ja"], ["05.01.2026", "4", "Kanne", "1", "30,00", ""],
            ["06.01.2026", "5", "Tee", "1", "4,00", ""], ["06.01.2026", "5", "Kanne", "1", "30,00", "ja"]]
    source = write_csv(tmp_path / "bons.csv", header, rows)
    plan = pi.plan_purchases_import(source)
    assert {p.reference: (p.action, p.total_minor) for p in plan.preview} == {
        "1": ("create", 2000), "2": ("skip", 3400), "3": ("create", 3000), "4": ("skip", 3400), "5": ("create", 400)}
    assert plan.warnings == [("voided_lines", 3)] and plan.warning_rows["voided_lines"] == [3, 6, 11]
    pi.import_purchases(source)
    assert {p.reference: p.total_minor for p in Purchase.select()} == {"1": 2000, "3": 3000, "5": 400}
    assert sorted(i.description for i in PurchaseItem.select()) == ["Kanne", "Tasse", "Tee"]


def test_a_new_customer_named_by_their_email_on_one_row_and_their_phone_on_another_is_made_once(gbp, tmp_path):
    """Zoé's first receipt gives her phone only, her second her email too: one customer, with both; Marc, of the
    same family phone, is another."""
    header = ["Date", "Receipt", "Email", "First Name", "Last Name", "Phone", "Total"]
    rows = [["2026-10-01 10:00", "A1", "", "Zoé", "Bernard", "07911 123456", "30.00"],
            ["2026-10-02 10:00", "A2", "zoe.bernard@example.fr", "Zoé", "Bernard", "07911 123456", "12.00"],
            ["2026-10-02 11:00", "A3", "", "Marc", "Bernard", "07911 123456", "5.00"],
            ["2026-10-03 11:00", "A4", "", "", "", "07911 123456", "6.00"],  # (no name: the first of that phone's)
            ["2026-10-04 11:00", "A5", "marc@example.fr", "Marc", "Bernard", "07911 123456", "7.00"]]  # (Marc again)
    source = write_csv(tmp_path / "till.csv", header, rows)
    plan = pi.plan_purchases_import(source, pi.PurchaseImportOptions(create_missing=True))
    assert [(u.name, u.purchases) for u in plan.unmatched] == [("Zoé Bernard", 3), ("Marc Bernard", 2)]
    result = pi.import_purchases(source, pi.PurchaseImportOptions(create_missing=True))
    assert result.customers_created == 2
    zoe, marc = (get_contact(contact_ids(name)[0]) for name in ("zoe", "marc"))
    assert (zoe.emails, [p.e164 for p in zoe.phones], marc.emails, [p.e164 for p in marc.phones]) == (
        ["zoe.bernard@example.fr"], ["+447911123456"], ["marc@example.fr"], ["+447911123456"])
    assert sorted((p.reference, p.contact_id) for p in Purchase.select()) == [
        ("A1", zoe.id), ("A2", zoe.id), ("A3", marc.id), ("A4", zoe.id), ("A5", marc.id)]


def test_an_order_number_in_a_name_column_is_the_receipts_number_and_no_ones_name(gbp, tmp_path):
    """A web shop's orders cut down to a few columns: Shopify's "Name" is the order's number ("#2001")."""
    header = ["Name", "Email", "Financial Status", "Total", "Created at"]
    rows = [["#2001", "zoe@example.fr", "paid", "60.00", "2026-10-20 14:00:00 +0200"],
            ["#2002", "noel@example.fr", "paid", "35.00", "2026-10-22 09:00:00 +0200"]]
    source = write_csv(tmp_path / "orders.csv", header, rows)
    result = pi.import_purchases(source, pi.PurchaseImportOptions(create_missing=True))
    assert (result.created, result.customers_created) == (2, 2)
    assert sorted(p.reference for p in Purchase.select()) == ["#2001", "#2002"]
    assert not any("#" in get_contact(i).display_name for i in contact_ids())
    assert pi.import_purchases(source).skipped == 2  # (found again by their numbers)


def test_a_sale_whose_refund_came_in_before_is_paid_back_once_whatever_its_file_says_was_refunded(gbp, tmp_path):
    """February's refund, then January's sale whose row says 20.00 of it was refunded (that refund): paid back once;
    a till's count (a number of five figures or fewer) starts again each day and links nothing recorded before."""
    carl = add_contact(ContactInput(first_name="Carl", emails=["carl@x.com"]))
    header = ["Date", "Receipt", "Email", "Amount", "Refunded Amount"]
    pi.import_purchases(write_csv(tmp_path / "feb.csv", header, [["2025-02-03 10:00", "PAY-ABC", "", "-20.00", ""],
                                                                  ["2025-01-11 10:00", "3", "", "-10.00", ""]]))
    pi.import_purchases(write_csv(tmp_path / "jan.csv", header, [["2025-01-10 09:00", "PAY-ABC", "carl@x.com", "50.00",
                                                                  "20.00"],
                                                                 ["2025-01-10 10:00", "3", "carl@x.com", "40.00", ""]]))
    assert sorted((p.reference, p.total_minor, p.contact_id or 0, p.refund_of.reference if p.refund_of else "")
                  for p in Purchase.select()) == [("3", -1000, 0, ""), ("3", 4000, carl, ""),
                                                  ("PAY-ABC", -2000, carl, "PAY-ABC"), ("PAY-ABC", 5000, carl, "")]
    assert points_balance(carl) == 50 - 20 + 40


def test_a_sales_import_waits_for_a_later_refund_of_its_customers_to_be_undone(gbp, tmp_path):
    """A returns file's refund (of no sale of its own) took its points from what the sales import gave: undoing the
    sales import first would leave the customer below where they were before both."""
    lea = add_contact(ContactInput(first_name="Léa", emails=["lea@example.fr"]))
    before = snapshot()
    header = ["Date", "Receipt", "Email", "Amount"]
    sales = pi.import_purchases(write_csv(tmp_path / "sales.csv", header, [["2025-03-01 10:00", "S1", "lea@example.fr",
                                                                            "27.10"]]))
    returns = pi.import_purchases(write_csv(tmp_path / "returns.csv", header, [["2025-03-05 10:00", "R1",
                                                                                "lea@example.fr", "-24.50"]]))
    assert points_balance(lea) == 27 - 24
    with pytest.raises(UndoRefused) as refused:
        ci.undo_import(sales.batch)
    assert (refused.value.case, refused.value.later_batch) == ("later_import", returns.batch)
    ci.undo_import(returns.batch)
    ci.undo_import(sales.batch)
    assert snapshot() == before


def test_exports_put_one_after_another_record_the_sales_they_share_once(tmp_path, db):
    """January's export and one from the 15th on, put together with their column names: the receipts of both
    were recorded at twice their total."""
    header = ["Date", "Email", "Item", "Qty", "Price", "Receipt"]
    first = [["2026-01-10 10:00", "ann@x.fr", "Rose", "1", "3.00", "1001"],
             ["2026-01-10 10:00", "ann@x.fr", "Rose", "1", "3.00", "1001"],  # two roses, scanned one by one
             ["2026-01-16 11:00", "bob@x.fr", "Lily", "2", "5.00", "1002"]]
    second = [["2026-01-16 11:00", "bob@x.fr", "Lily", "2", "5.00", "1002"],
              ["2026-01-20 09:30", "ann@x.fr", "Rose", "1", "3.00", "1003"],
              ["2026-01-20 09:30", "ann@x.fr", "Rose", "1", "3.00", "1003"]]
    path = write_csv(tmp_path / "january.csv", header, first + [header] + second)
    result = pi.import_purchases(path, pi.PurchaseImportOptions(create_missing=True))
    totals = {p.reference: p.total_minor for p in Purchase.select()}
    assert totals == {"1001": 600, "1002": 1000, "1003": 600}
    assert dict(result.warnings)["repeated_headers"] == 1 and dict(result.warnings)["repeated_sales"] == 1
    assert result.warning_rows["repeated_sales"] == [6]

    # an export cut into pages by the number of rows: a receipt goes on over the cut (its third T-shirt, like the
    # two before it, is no sale given again)
    path = write_csv(tmp_path / "pages.csv", header, [
        ["2026-01-05 10:00", "ann@x.fr", "T-shirt", "1", "15.00", "1005"],
        ["2026-01-05 10:00", "ann@x.fr", "T-shirt", "1", "15.00", "1005"], header,
        ["2026-01-05 10:00", "ann@x.fr", "T-shirt", "1", "15.00", "1005"],
        ["2026-01-06 10:00", "bob@x.fr", "Mug", "1", "8.00", "1006"]])
    result = pi.import_purchases(path, pi.PurchaseImportOptions(create_missing=True))
    assert "repeated_sales" not in dict(result.warnings)
    assert Purchase.get(Purchase.reference == "1005").total_minor == 4500

    # two exports that do not overlap: every row is a sale's
    path = write_csv(tmp_path / "feb-mar.csv", header, [["2026-02-01 10:00", "ann@x.fr", "Rose", "1", "3.00", "2001"],
                                                        header,
                                                        ["2026-03-01 10:00", "ann@x.fr", "Rose", "1", "3.00", "2001"]])
    result = pi.import_purchases(path, pi.PurchaseImportOptions(create_missing=True))
    assert result.created == 2 and "repeated_sales" not in dict(result.warnings)


@pytest.mark.parametrize("number", ["INV-300001", "3001"])  # a sale's own number, and a till's count (not linked)
def test_refunds_of_a_sale_in_a_later_file_take_back_all_its_points_together(tmp_path, db, number):
    """Five refunds of 1.99 of a 9.95 sale (9 points): each took back what it rounded down to alone, 1 point, and
    the customer kept 4 of the 9 points of a sale paid back in full."""
    set_rules(LoyaltyRules(points_per_unit=1))
    bob = add_contact(ContactInput(first_name="Bob", last_name="Ray", emails=["bob@x.com"]))
    header = ["Date", "Email", "Total", "Receipt", "Currency"]
    sale = write_csv(tmp_path / "april.csv", header, [["2026-04-12 10:00", "bob@x.com", "9.95", number, "EUR"]])
    pi.import_purchases(sale, pi.PurchaseImportOptions())
    assert points_balance(bob) == 9
    refunds = write_csv(tmp_path / "returns.csv", header, [[f"2026-04-{day} 10:00", "bob@x.com", "-1.99", number, "EUR"]
                                                          for day in range(20, 25)])
    planned = pi.plan_purchases_import(refunds, pi.PurchaseImportOptions())
    assert planned.counts["points"] == -9
    result = pi.import_purchases(refunds, pi.PurchaseImportOptions())
    assert result.points == -9 and points_balance(bob) == 0


def test_a_cancellation_of_a_sale_whose_points_are_past_their_date_takes_no_points_of_today(tmp_path, db):
    """Last year's sale earns nothing now (its points would have expired); its cancellation, nine days later, took
    100 of this year's points."""
    set_rules(LoyaltyRules(points_per_unit=1, expiry_months=12))
    bob = add_contact(ContactInput(first_name="Bob", last_name="Ray", emails=["bob@x.com"]))
    purchases.record_purchase(bob, total_minor=20_000)
    old = datetime.now() - timedelta(days=400)
    path = write_csv(tmp_path / "history.csv", ["InvoiceNo", "Description", "Quantity", "InvoiceDate", "UnitPrice",
                                                "Email"],
                     [["536365", "LAMP", "1", old.strftime("%Y-%m-%d 10:00"), "100.00", "bob@x.com"],
                      ["C536379", "LAMP", "-1", (old + timedelta(days=9)).strftime("%Y-%m-%d 10:00"), "100.00",
                       "bob@x.com"]])
    result = pi.import_purchases(path, pi.PurchaseImportOptions())
    assert (result.created, result.refunds, result.points) == (2, 1, 0)
    assert points_balance(bob) == 200


def test_a_receipt_left_out_for_one_row_lists_all_its_rows_to_correct_and_import_again(tmp_path, db):
    """Only the receipt's first row and the row with the problem were listed (and saved with the rejected rows):
    corrected and imported again, the receipt was recorded without its wine, and the whole file could not put it
    back ("already imported with another total")."""
    add_contact(ContactInput(first_name="Ann", last_name="Smith", emails=["ann@example.com"]))
    header = ["Date", "Email", "Item", "Qty", "Price", "Receipt"]
    path = write_csv(tmp_path / "sales.csv", header, [
        ["2026-03-01 10:00", "ann@example.com", "Bread", "1", "3.50", "R1"],
        ["2026-03-01 10:00", "ann@example.com", "Cheese", "2", "abc", "R1"],
        ["2026-03-01 10:00", "ann@example.com", "Wine", "1", "12.00", "R1"],
        ["2026-03-02 10:00", "ann@example.com", "Milk", "1", "1.00", "R2"]])
    result = pi.import_purchases(path, pi.PurchaseImportOptions())
    assert [reject.row for reject in result.rejects] == [2, 3, 4] and result.rejected == 3
    saved = tmp_path / "rejected.csv"
    ci.write_rejects(result.rejects, saved, path, ci.sniff_with(path, pi.PurchaseImportOptions()))
    saved.write_text(saved.read_text(encoding="utf-8-sig").replace(",abc,", ",4.00,"), encoding="utf-8")
    pi.import_purchases(saved, pi.PurchaseImportOptions())
    assert {p.reference: p.total_minor for p in Purchase.select()} == {"R1": 2350, "R2": 100}


def test_an_import_whose_points_expired_since_is_not_undone_taking_other_points(tmp_path, db):
    """Undone, its "earn" row went and the expiry's stayed: the customer's goodwill points, which never expire,
    paid for the expiry of the import's."""
    bob = add_contact(ContactInput(first_name="Bob", last_name="Ray", emails=["bob@x.com"]))
    loyalty.adjust(bob, 100, reason="goodwill")  # (points never expire, as the rules are)
    set_rules(LoyaltyRules(points_per_unit=1, expiry_months=12))
    sold = date.today() - timedelta(days=360)
    path = write_csv(tmp_path / "sales.csv", ["Date", "Email", "Total", "Receipt"],
                     [[f"{sold} 10:00", "bob@x.com", "50.00", "INV-100001"]])
    batch = pi.import_purchases(path, pi.PurchaseImportOptions()).batch
    assert points_balance(bob) == 150
    assert loyalty.expire_points(date.today() + timedelta(days=10)) == 50
    with pytest.raises(UndoRefused) as refused:
        ci.undo_import(batch)
    assert refused.value.case == "points_expired" and refused.value.contact_id == bob
    assert points_balance(bob) == 100 and Purchase.select().count() == 1


def test_undoing_an_import_keeps_the_referral_bonus_for_the_first_purchase_left(tmp_path, db):
    """Cara's first purchase, imported, gave Bob (who sent her) his referral bonus; she bought again since. Undone,
    the import took the bonus with it, and Bob never got one for her."""
    set_rules(LoyaltyRules(points_per_unit=1, referral_points=50))
    bob = add_contact(ContactInput(first_name="Bob", last_name="Ray", emails=["bob@x.com"]))
    cara = add_contact(ContactInput(first_name="Cara", last_name="Lind", emails=["cara@x.com"]))
    referrals.set_referrer(cara, bob)
    path = write_csv(tmp_path / "october.csv", ["Date", "Email", "Total", "Receipt"],
                     [["2026-10-01 10:00", "cara@x.com", "20.00", "INV-160001"]])
    batch = pi.import_purchases(path, pi.PurchaseImportOptions()).batch
    assert points_balance(bob) == 50
    later = purchases.record_purchase(cara, total_minor=3000, at=datetime(2026, 10, 20, 9, tzinfo=timezone.utc))
    assert later.points_earned == 30 and points_balance(bob) == 50  # (not her first: no bonus)
    ci.undo_import(batch)
    assert points_balance(bob) == 50 and points_balance(cara) == 30
    (bonus,) = PointsEntry.select().where(PointsEntry.contact == bob)
    assert (bonus.kind, bonus.purchase_id, bonus.occurred_at) == ("bonus", later.purchase_id,
                                                                 datetime(2026, 10, 20, 9, tzinfo=timezone.utc))


def test_an_old_refund_of_a_sale_whose_points_never_expire_takes_them_back(tmp_path, db):
    """A sale recorded before points expired; expiry turned on since. Its refund, imported, dated more than the
    expiry's months ago, took back none of its points."""
    ann = add_contact(ContactInput(first_name="Ann", last_name="Lee", emails=["ann@x.com"]))
    set_rules(LoyaltyRules(points_per_unit=1))
    sold = datetime.now(timezone.utc) - timedelta(days=540)
    purchases.record_purchase(ann, total_minor=10_000, at=sold, reference="INV-2025-0611")
    set_rules(LoyaltyRules(points_per_unit=1, expiry_months=12))
    path = write_csv(tmp_path / "refunds.csv", ["Date", "Receipt", "Email", "Amount"],
                     [[(sold + timedelta(days=60)).strftime("%Y-%m-%d"), "INV-2025-0611", "ann@x.com", "-100.00"]])
    assert pi.import_purchases(path, pi.PurchaseImportOptions()).points == -100
    assert points_balance(ann) == 0


def test_an_import_is_undone_when_what_expired_since_was_none_of_its_points(tmp_path, db):
    """An expiry of the customer's other points, after the date of the import's points, refused the undo of an
    import whose points its own refund had taken back: none of them expired."""
    set_rules(LoyaltyRules(points_per_unit=1, expiry_months=12))
    ann = add_contact(ContactInput(first_name="Ann", last_name="Lee", emails=["ann@x.com"]))
    sold = date.today() - timedelta(days=300)  # (its points expire in about two months)
    path = write_csv(tmp_path / "sales.csv", ["Date", "Receipt", "Email", "Amount"],
                     [[f"{sold} 10:00", "INV-300001", "ann@x.com", "50.00"],
                      [f"{sold + timedelta(days=1)} 10:00", "INV-300001", "ann@x.com", "-50.00"]])
    batch = pi.import_purchases(path, pi.PurchaseImportOptions()).batch
    purchases.record_purchase(ann, total_minor=1_000)  # 10 points, to expire in a year
    assert loyalty.expire_points(date.today() + timedelta(days=400)) == 10  # (long after the import's points' date)
    assert ci.undo_import(batch).purchases_removed == 2
    assert points_balance(ann) == 0


@pytest.mark.parametrize(("discount", "cells"), [("Discount", ["5.00", "0", ""]), ("Remise %", ["25", "0", "50"]),
                                                 ("Rabatt", ["25%", "0,00", "2,00"])])
def test_a_discount_beside_quantity_and_price_is_taken_off_its_line(gbp, tmp_path, discount, cells):
    """A till's "Qty, Unit Price, Discount" lists what each line sold for before its discount: the receipt's total
    is after it, with a line for the discount (a return's discount is not paid back)."""
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    header = ["Date", "Receipt", "Email", "Item", "Qty", "Unit Price", discount]
    rows = [["2025-03-01", "R1", "ann@example.com", "Mug", "2", "10.00", cells[0]],
            ["2025-03-01", "R1", "ann@example.com", "Tea", "1", "4.00", cells[1]],
            ["2025-03-02", "R2", "ann@example.com", "Tea", "-1", "4.00", cells[2]]]
    assert pi.map_purchase_headers(header)[1][-1] == "discount"
    result = pi.import_purchases(write_csv(tmp_path / "sales.csv", header, rows))
    assert (result.created, result.rejected) == (2, 0)
    paid_back = 200 if cells[2] else 400
    assert {p.reference: p.total_minor for p in Purchase.select()} == {"R1": 1900, "R2": -paid_back}
    label = discount.rstrip(" %")
    assert [(i.description, i.quantity, i.total_minor) for i in PurchaseItem.select().order_by(PurchaseItem.id)] == [
        ("Mug", 2, 2000), (f"{label}: Mug", 1, -500), ("Tea", 1, 400), ("Tea", -1, -400),
        *([(f"{label}: Tea", 1, 200)] if cells[2] else [])]
    assert points_balance(ann) == 19 - paid_back // 100


def test_a_return_written_as_a_sale_with_its_discount_pays_back_what_was_paid(gbp, tmp_path):
    header = ["Date", "Receipt", "Type", "Item", "Qty", "Unit Price", "Discount"]
    rows = [["2025-03-01", "R1", "Sale", "Mug", "2", "10.00", "5.00"],
            ["2025-03-02", "R2", "Refund", "Mug", "2", "10.00", "5.00"]]
    pi.import_purchases(write_csv(tmp_path / "sales.csv", header, rows))
    assert {p.reference: p.total_minor for p in Purchase.select()} == {"R1": 1500, "R2": -1500}


def test_a_line_total_beside_its_discount_is_after_it_and_a_discount_it_cannot_be_is_a_reject(gbp, tmp_path):
    header = ["Date", "Receipt", "Item", "Qty", "Unit Price", "Discount", "Line Total"]
    rows = [["2025-03-01", "R1", "Mug", "2", "10.00", "5.00", "15.00"],
            ["2025-03-02", "R2", "Mug", "1", "10.00", "12.00", ""],
            ["2025-03-03", "R3", "Mug", "1", "10.00", "150%", ""],
            ["2025-03-04", "R4", "Mug", "1", "10.00", "five 5", ""],
            ["2025-03-05", "R5", "Mug", "1", "10.00", "n/a", ""]]
    result = pi.import_purchases(write_csv(tmp_path / "sales.csv", header, rows))
    assert [(r.row, r.reason, r.column) for r in result.rejects] == [
        (3, pi.DISCOUNT_TOO_LARGE, "Discount"), (4, pi.DISCOUNT_TOO_LARGE, "Discount"),
        (5, pi.NOT_A_DISCOUNT, "Discount")]
    assert {p.reference: p.total_minor for p in Purchase.select()} == {"R1": 1500, "R5": 1000}


def test_a_number_a_comma_not_in_quotes_split_into_cells_is_read_as_one(gbp, tmp_path):
    """A till that writes "1,234.50" without quotes in a comma-separated file: its row has a cell too many, and the
    amount was read as 1.00. Put together again where the cells can be read one way only; a row they can be read
    two ways is rejected; cells too many that are no number's are left out, as before."""
    (tmp_path / "till.csv").write_text(
        "Date,Receipt,Email,Amount,Payment\n"
        "2026-01-02,R1,ann@example.com,1,234.50,Cash\n"
        "2026-01-03,R2,ann@example.com,12.50,Card\n"
        "2026-01-04,R3,ann@example.com,£2,500,Card\n"
        "2026-01-05,R4,ann@example.com,-1,000.00,Card\n"
        "2026-01-06,R5,ann@example.com,7.00,Card,extra\n", encoding="utf-8")
    add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    result = pi.import_purchases(tmp_path / "till.csv")
    assert result.rejected == 0
    assert {p.reference: (p.total_minor, p.payment_method) for p in Purchase.select()} == {
        "R1": (123450, "Cash"), "R2": (1250, "Card"), "R3": (250000, "Card"), "R4": (-100000, "Card"),
        "R5": (700, "Card")}
    assert dict(result.warnings) == {"split_numbers": 3, "long_rows": 1}
    assert (result.warning_rows["split_numbers"], result.warning_rows["long_rows"]) == ([2, 4, 5], [6])
    (tmp_path / "cents.csv").write_text("Date,Receipt,Amount\n2026-01-07,R6,12,50\n2026-01-08,R7,7,00\n",
                                        encoding="utf-8")  # (a decimal comma, in a file of no other numbers)
    pi.import_purchases(tmp_path / "cents.csv")
    assert [p.total_minor for p in Purchase.select().where(Purchase.reference << ["R6", "R7"])] == [1250, 700]
    (tmp_path / "items.csv").write_text("Date,Receipt,Item,Qty,Unit Price\n"
                                        "2026-01-02,R1,Mug,2,1,200.00\n", encoding="utf-8")
    result = pi.import_purchases(tmp_path / "items.csv")  # (2,1 × 200.00, or 2 × 1,200.00)
    assert [(r.row, r.reason) for r in result.rejects] == [(2, pi.SPLIT_TWO_WAYS)]
    assert "long_rows" not in dict(result.warnings)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cents=st.integers(min_value=1, max_value=99_999_999), sign=st.sampled_from(["", "£", "-"]),
       quantity=st.integers(min_value=1, max_value=99_999), voided=st.sampled_from(["", "no"]))
def test_any_amount_and_quantity_a_comma_not_in_quotes_split_is_read_whole(gbp, tmp_path, cents, sign, quantity,
                                                                           voided):
    """(An empty last cell, that a split number pushes past the header's width, is no different.)"""
    amount = f"{sign}{cents // 100:,}.{cents % 100:02d}"
    source = tmp_path / "till.csv"
    source.write_text("Date,Receipt,Item,Qty,Amount,Payment,Voided\n"
                      f"2026-01-02,R1,Mug,{quantity:,},{amount},Cash,{voided}\n"
                      "2026-01-03,R2,Tea,2,3.50,Card,\n", encoding="utf-8")  # (the file's decimal mark: ".")
    plan = pi.plan_purchases_import(source)
    # never read wrong: read, or rejected where it reads two ways ("1,117,100.00" after a quantity of 1 is also
    # 1,117 for 100.00), which a quantity without a comma beside an amount that starts with fewer than three
    # figures, or with its sign, never does
    if "R1" not in {p.reference for p in plan.preview}:
        assert [(r.row, r.reason) for r in plan.rejects] == [(2, pi.SPLIT_TWO_WAYS)]
        assert quantity >= 1000 or (not sign and len(f"{cents // 100:,}".split(",")[0]) == 3)
        return
    assert {p.reference: p.total_minor for p in plan.preview} == {"R1": -cents if sign == "-" else cents, "R2": 350}
    assert dict(plan.warnings).get("split_numbers") == (1 if cents >= 100_000 or quantity >= 1000 else None)
