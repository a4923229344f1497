"""A customer's data on request (a ZIP of everything held) and erasing a customer for good."""

from __future__ import annotations

import csv
import io
import os
import stat
import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader

from smallcrm import reports
from smallcrm.errors import NotFound
from smallcrm.services import activity, contacts, loyalty, metrics, privacy, purchases, referrals, satisfaction
from smallcrm.services.contacts import ContactInput, add_contact
from smallcrm.services.importing import contacts_import as ci
from smallcrm.services.importing import purchases_import as pi
from smallcrm.store.db import close_database
from smallcrm.store.models import Contact, database

NAME_FIRST, NAME_LAST = "Xiomara", "Zanzibarova"
EMAIL = "xiomara.z@quuxmail.example"
PHONE = "+44 20 7946 0958"
# Every way the person could still be found in the file.
TRACES = [NAME_FIRST, NAME_LAST, EMAIL, "quuxmail", "2079460958", "Vexholm", "Quorvale", "Quuxworks", "Zanzistreet",
          "zanzitag", "walked past the zanzi", "Z-0042", "signed at the till"]
WHEN = datetime(2025, 3, 10, 10, 0, tzinfo=timezone.utc)


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(header)
        out.writerows(rows)
    return path


@pytest.fixture
def shop(db, tmp_path):
    """The person to erase (with something in every table), who referred her, and whom she referred."""
    grace = add_contact(ContactInput(first_name="Grace", last_name="Hopper", emails=["grace@navy.example"],
                                     phones=["+1 202 555 0101"], tags=["VIP"], city="Arlington"))
    person = add_contact(ContactInput(
        first_name=NAME_FIRST, last_name=NAME_LAST, company="Quuxworks", street="1 Zanzistreet", city="Vexholm",
        country="Norway", birthday="1990-04-02", emails=[EMAIL], email_labels=["work"], phones=[PHONE],
        phone_labels=["mobile"], tags=["zanzitag", "VIP"],
        notes="Xiomara likes blue", email_consent=True, sms_consent=True,
        email_consent_source="zanzi web form", sms_consent_source="=signed at the till"))
    Contact.update(source="walked past the zanzi shop", external_id="Z-0042").where(Contact.id == person).execute()
    referrals.set_referrer(person, grace)
    alan = add_contact(ContactInput(first_name="Alan", last_name="Turing", emails=["alan@bletchley.example"]))
    referrals.set_referrer(alan, person)

    # An import that changes her city: its journal keeps the old one ("Vexholm").
    ci.import_contacts(write_csv(tmp_path / "update.csv", ["First Name", "Last Name", "Email", "City"],
                                 [[NAME_FIRST, NAME_LAST, EMAIL, "Quorvale"]]),
                       ci.ImportOptions(on_duplicate="overwrite"))
    first = purchases.record_purchase(person, items=[purchases.Item("Blue teapot", 2, 1500)], at=WHEN,
                                      reference="INV-77")
    purchases.refund_purchase(first.purchase_id, 1000, at=WHEN + timedelta(days=2), reason="chipped")
    due = purchases.record_purchase(person, total_minor=8000, at=WHEN + timedelta(days=5), status="due")
    purchases.record_payment(due.purchase_id, 3000)
    purchases.record_purchase(grace, total_minor=4200, at=WHEN + timedelta(days=1))
    purchases.record_purchase(alan, total_minor=900, at=WHEN + timedelta(days=3))
    purchases.record_purchase(None, total_minor=700, at=WHEN + timedelta(days=4))
    pi.import_purchases(write_csv(tmp_path / "till.csv", ["Date", "Email", "Amount", "Receipt"],
                                  [["2025-03-20", EMAIL, "12.00", "R-1"], ["2025-03-21", "grace@navy.example",
                                                                           "5.00", "R-2"]]))
    loyalty.redeem(person, 5, reason="gift for Xiomara", at=WHEN + timedelta(days=6))
    activity.log_interaction(person, "call", direction="in", summary="Xiomara asked about cups", at=WHEN,
                             outcome="Zanzibarova will call back", follow_up_on=date(2025, 3, 12))
    activity.log_interaction(person, "note", summary="Lives near Vexholm station", at=WHEN)
    satisfaction.record_feedback(person, "nps", 3, comment="Xiomara Zanzibarova: too slow", at=WHEN,
                                 purchase_id=first.purchase_id)
    satisfaction.record_feedback(person, "csat", 5, comment="lovely, Xiomara", at=WHEN + timedelta(days=1))
    satisfaction.record_feedback(grace, "nps", 10, comment="great", at=WHEN + timedelta(days=1))
    satisfaction.open_complaint(person, category="service", description="Zanzibarova waited an hour", at=WHEN)
    return {"person": person, "grace": grace, "alan": alan}


def count(sql: str, *params) -> int:
    return database.execute_sql(sql, params).fetchone()[0]


def read_zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rows_of(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# --------------------------------------------------------------------------------------------------
# Everything we hold


def test_the_zip_holds_every_file_with_the_rows_of_the_database(shop, tmp_path):
    person = shop["person"]
    out = tmp_path / "held.zip"
    result = privacy.everything_we_hold(person, out, dossier=reports.dossier_pdf)
    files = read_zip(out)
    assert set(files) == {"README.txt", "contact.csv", "purchases.csv", "purchase_lines.csv", "points.csv",
                          "calls_and_notes.csv", "feedback.csv", "complaints.csv", "referrals.csv", "imports.csv",
                          "dossier.pdf"}
    assert [f.name for f in result.files] == list(files) and result.name == f"{NAME_FIRST} {NAME_LAST}"

    contact = rows_of(files["contact.csv"])
    fields = {row["Field"]: row["Value"] for row in contact}
    assert fields["First name"] == NAME_FIRST and fields["City"] == "Quorvale"
    assert fields["How they found the shop"] == "walked past the zanzi shop"
    assert fields["Number in another system"] == "Z-0042"
    assert fields["Email consent"] == "yes" and fields["Email consent given"]
    assert fields["SMS consent"] == "yes" and fields["SMS consent given"]
    assert fields["Email consent source"] == "zanzi web form"
    assert fields["SMS consent source"] == "'=signed at the till"  # guarded, as exports guard it
    assert fields["Referred by customer number"] == str(shop["grace"])
    assert [(r["Label"], r["Value"]) for r in contact if r["Field"] == "Email"] == [("Work", EMAIL)]
    assert [(r["Label"], r["Value"]) for r in contact if r["Field"] == "Phone"] == [
        ("Mobile", "'+442079460958")]  # guarded, as exports guard it
    assert sorted(r["Value"] for r in contact if r["Field"] == "Tag") == ["VIP", "zanzitag"]

    assert len(rows_of(files["purchases.csv"])) == count("SELECT count(*) FROM purchase WHERE contact_id = ?", person)
    assert len(rows_of(files["purchase_lines.csv"])) == count(
        "SELECT count(*) FROM purchase_item WHERE purchase_id IN (SELECT id FROM purchase WHERE contact_id = ?)",
        person)
    kinds = [r["Kind"] for r in rows_of(files["purchases.csv"])]
    assert kinds.count("refund") == 1 and kinds.count("purchase") == 3
    owed = [r for r in rows_of(files["purchases.csv"]) if r["Status"] == "partly paid"]
    assert [(r["Paid"], r["Still owed"]) for r in owed] == [("30.00", "50.00")]
    points = rows_of(files["points.csv"])
    assert len(points) == count("SELECT count(*) FROM points_entry WHERE contact_id = ?", person)
    assert int(points[-1]["Balance after"]) == loyalty.points_balance(person)
    assert len(rows_of(files["calls_and_notes.csv"])) == count(
        "SELECT count(*) FROM interaction WHERE contact_id = ?", person)
    assert len(rows_of(files["feedback.csv"])) == 2
    assert len(rows_of(files["complaints.csv"])) == count("SELECT count(*) FROM complaint WHERE contact_id = ?", person)
    assert [(r["Relation"], r["Customer number"], r["Name"]) for r in rows_of(files["referrals.csv"])] == [
        ("Referred by", str(shop["grace"]), "Grace Hopper"), ("Referred", str(shop["alan"]), "Alan Turing")]
    imports = rows_of(files["imports.csv"])
    assert [r["What it did"] for r in imports] == ["changed this customer's details",
                                                   "brought this customer's purchases"]
    assert "Vexholm" in imports[0]["Details before the import"]

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(files["dossier.pdf"])).pages)
    assert NAME_LAST in text
    readme = files["README.txt"].decode("utf-8-sig")
    assert all(name in readme for name in files if name != "README.txt")


def test_a_refund_imported_without_its_sale_is_a_refund_in_the_purchases_file(db, tmp_path):
    """The till's credit note, in a later file under a number of its own, has no sale to name: a refund all the same,
    owing nothing."""
    ann = add_contact(ContactInput(first_name="Ann", last_name="Lee", emails=["ann@example.com"]))
    header = ["Date", "Ticket", "Email", "Amount"]
    pi.import_purchases(write_csv(tmp_path / "march.csv", header, [["2025-03-05 10:00", "451", "ann@example.com",
                                                                     "80.00"]]))
    pi.import_purchases(write_csv(tmp_path / "april.csv", header, [["2025-04-02 10:00", "AV-12", "ann@example.com",
                                                                     "-6.00"]]))
    out = tmp_path / "held.zip"
    privacy.everything_we_hold(ann, out, dossier=reports.dossier_pdf)
    rows = rows_of(read_zip(out)["purchases.csv"])
    assert [(r["Kind"], r["Reference"], r["Amount"], r["Still owed"], r["Refund of"]) for r in rows] == [
        ("purchase", "451", "80.00", "0.00", ""), ("refund", "AV-12", "-6.00", "0.00", "")]


def test_the_zip_is_private_and_guards_formulas(db, tmp_path):
    person = add_contact(ContactInput(first_name="=HYPERLINK(\"x\")", last_name="Plain", notes="+1 gets it",
                                      tags=["-minus"]))
    out = tmp_path / "held.zip"
    privacy.everything_we_hold(person, out, dossier=reports.dossier_pdf)
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    fields = {(r["Field"], r["Value"]) for r in rows_of(read_zip(out)["contact.csv"])}
    assert ("First name", "'=HYPERLINK(\"x\")") in fields and ("Notes", "'+1 gets it") in fields
    assert ("Tag", "'-minus") in fields
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_an_unknown_customer_writes_nothing(db, tmp_path):
    with pytest.raises(NotFound):
        privacy.everything_we_hold(404, tmp_path / "nobody.zip", dossier=reports.dossier_pdf)
    assert not (tmp_path / "nobody.zip").exists()


# --------------------------------------------------------------------------------------------------
# Erasing


def dump() -> str:
    """Every row of every table (the search index's shadow tables and the import journal included), as text."""
    names = [r[0] for r in database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")]
    parts = []
    for name in names:
        for row in database.execute_sql(f'SELECT * FROM "{name}"'):
            parts.extend(v.decode("latin-1") if isinstance(v, bytes) else str(v) for v in row)
    return "\n".join(parts).casefold()


PERIOD = metrics.Period(date(2025, 3, 1), date(2025, 3, 31))
TODAY = date(2025, 4, 1)
# Figures that count customers, points or complaints: the erased person is no longer a customer, and
# their points and complaints went with them. Everything else, revenue above all, stays exactly.
MAY_CHANGE = {"active_customers", "new_customers", "returning_customers", "repeat_rate", "revenue_by_source",
              "top_customers", "top_20_share", "lifetime_value", "segments", "segment_details", "lapsed_customers",
              "cohorts", "loyalty", "points_outstanding", "points_outstanding_value", "complaints_opened",
              "complaints_resolved", "median_days_to_resolve"}


def figures() -> dict:
    result = metrics.summary(PERIOD, today=TODAY)
    data = metrics.summary_json(result)
    data["source_total"] = sum(s["revenue"] for s in data["revenue_by_source"])
    return data


def without_changing(data: dict) -> dict:
    kept = {key: value for key, value in data.items() if key not in MAY_CHANGE}
    kept["before"] = {key: value for key, value in data["before"].items() if key not in MAY_CHANGE}
    return kept


def test_erasing_leaves_no_trace_and_every_revenue_figure_as_it_was(shop, db):
    person = shop["person"]
    assert NAME_LAST.casefold() in dump() and "vexholm" in dump()
    before = figures()
    summary_before = metrics.summary(PERIOD, today=TODAY)
    purchases_before = count("SELECT count(*) FROM purchase")

    plan = privacy.erase_contact(person)

    assert plan.name == f"{NAME_FIRST} {NAME_LAST}" and plan.purchases == 4 and plan.feedback == 2
    text = dump()
    for trace in TRACES:
        assert trace.casefold() not in text, trace
    assert count("SELECT count(*) FROM contact WHERE id = ?", person) == 0
    assert count("SELECT count(*) FROM purchase") == purchases_before
    assert count("SELECT count(*) FROM purchase WHERE contact_id IS NULL") == 4 + 1
    assert count("SELECT count(*) FROM tag WHERE name = 'zanzitag'") == 0
    assert contacts.contact_ids(NAME_LAST) == contacts.contact_ids(EMAIL) == contacts.contact_ids("7946") == \
        contacts.contact_ids("Quorvale")

    after = figures()
    assert without_changing(after) == without_changing(before)
    assert after["revenue"] == before["revenue"] and after["source_total"] == before["source_total"]
    assert after["nps"] == before["nps"] and after["csat_average"] == before["csat_average"]
    summary_after = metrics.summary(PERIOD, today=TODAY)
    assert summary_after.current.revenue_minor == summary_before.current.revenue_minor
    assert summary_after.revenue_by_month == summary_before.revenue_by_month
    assert summary_after.receivables == summary_before.receivables
    assert after["active_customers"] == before["active_customers"] - 1  # she is no longer a customer

    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    close_database()
    raw = b"".join(p.read_bytes() for p in db.parent.iterdir() if p.name.startswith(db.name)).lower()
    for trace in TRACES:
        assert trace.casefold().encode() not in raw, trace


def test_erasing_one_person_leaves_the_others_intact(shop):
    grace, alan = shop["grace"], shop["alan"]
    grace_before = contacts.get_contact(grace).to_json()
    grace_points = loyalty.points_balance(grace)
    alan_before = contacts.get_contact(alan).to_json()
    privacy.erase_contact(shop["person"])

    assert contacts.get_contact(grace).to_json() == grace_before
    assert loyalty.points_balance(grace) == grace_points
    assert {k: v for k, v in contacts.get_contact(alan).to_json().items() if k != "referred_by"} == \
        {k: v for k, v in alan_before.items() if k != "referred_by"}
    assert contacts.get_contact(alan).referred_by_id is None
    assert list(contacts.contact_ids("Hopper")) == [grace] and list(contacts.contact_ids("bletchley")) == [alan]
    assert list(contacts.contact_ids("VIP")) == [grace]
    assert count("SELECT count(*) FROM feedback WHERE contact_id = ?", grace) == 1
    assert count("SELECT count(*) FROM purchase WHERE contact_id = ?", grace) == 2
    assert count("SELECT count(*) FROM points_entry WHERE contact_id IS NULL") == 0
    assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_plan_changes_nothing_and_an_unknown_id_is_refused(shop):
    person = shop["person"]
    plan = privacy.erase_plan(person)
    assert (plan.emails, plan.phones, plan.tags, plan.referrals, plan.import_changes) == (1, 1, 2, 1, 1)
    assert plan.complaints == count("SELECT count(*) FROM complaint WHERE contact_id = ?", person) >= 1
    assert contacts.get_contact(person).last_name == NAME_LAST
    with pytest.raises(NotFound):
        privacy.erase_contact(404)
    with pytest.raises(NotFound):
        privacy.erase_plan(404)


def test_a_customer_in_the_trash_can_be_erased_and_imports_can_still_be_undone(shop, tmp_path):
    person = shop["person"]
    contacts.delete_contacts([person])
    privacy.erase_contact(person)
    assert len(contacts.contact_ids("", trash=True)) == 0
    newest = ci.list_imports()[0]
    ci.undo_import(newest.id)  # the purchases import: its purchases go, hers (now without a name) too
    assert count("SELECT count(*) FROM purchase WHERE import_batch_id = ?", newest.id) == 0
    assert privacy.erase_plan(shop["grace"]).name == "Grace Hopper"


def test_an_import_does_not_bring_back_someone_erased_unless_a_row_is_said_to(shop, tmp_path):
    """Erasing keeps a fingerprint of her email and phone, not them: a list that still has her skips her row (by
    either), and says why; her name with an email she never had is no one erased. A row chosen to be added (she
    came back and asked) is added."""
    privacy.erase_contact(shop["person"])
    assert EMAIL.casefold().encode() not in dump().encode()
    header = ["First Name", "Last Name", "Email", "Phone"]
    source = write_csv(tmp_path / "old list.csv", header, [[NAME_FIRST, NAME_LAST, EMAIL.upper(), ""],
                                                            ["X.", "Z.", "", "020 7946 0958"],
                                                            [NAME_FIRST, NAME_LAST, "xz@new.example", ""]])
    options = ci.ImportOptions(region="GB")
    plan = ci.plan_contacts_import(source, options)
    assert [(p.row, p.action, p.duplicate_reason) for p in plan.preview] == [
        (2, "skip", "erased"), (3, "skip", "erased"), (4, "create", "")]
    assert ("erased", 2) in plan.warnings
    result = ci.import_contacts(source, options)
    assert (result.created, result.skipped, ("erased", 2) in result.warnings) == (1, 2, True)
    assert len(contacts.contact_ids(EMAIL)) == len(contacts.contact_ids("7946")) == 0
    back = ci.import_contacts(source, ci.ImportOptions(region="GB", row_choices={2: "create"}))
    assert back.created == 1 and len(contacts.contact_ids(EMAIL)) == 1


def test_a_sale_of_someone_erased_is_recorded_once_and_without_making_her_again(shop, tmp_path):
    """A till's file without receipt numbers, imported again after the erasure with "create the customers it
    does not find": her sale recorded before (now without a customer) is found as such, not recorded twice, and
    a new one is a sale without a customer; she is not made again."""
    header = ["Date", "Email", "Amount"]
    sale = ["2025-03-22 10:00", EMAIL, "8.00"]
    pi.import_purchases(write_csv(tmp_path / "till.csv", header, [sale]))
    privacy.erase_contact(shop["person"])
    customers, sales = count("SELECT count(*) FROM contact"), count("SELECT count(*) FROM purchase")
    later = write_csv(tmp_path / "till later.csv", header, [sale, ["2025-03-23 10:00", EMAIL.upper(), "6.00"]])
    result = pi.import_purchases(later, pi.PurchaseImportOptions(create_missing=True))
    assert (result.created, result.skipped, result.customers_created) == (1, 1, 0)
    assert count("SELECT count(*) FROM contact") == customers
    assert count("SELECT count(*) FROM purchase") == sales + 1
    assert count("SELECT count(*) FROM purchase WHERE total_minor = 600 AND contact_id IS NULL") == 1
