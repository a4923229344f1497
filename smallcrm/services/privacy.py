"""A customer's data on request, and erasing a customer for good.

`everything_we_hold` writes one ZIP file with all the shop keeps about one person: their details,
purchases, points, calls and notes, answers, complaints, referrals, the imports that touched them,
their dossier as a PDF, and a README.txt saying what each file is. The CSV files are UTF-8 with a
byte-order mark (Excel reads the letters right) and guarded against formulas as exports are
(services.export.spreadsheet_text). The ZIP is written whole or not at all, readable by its owner only.

`erase_contact` removes the person for good, in one transaction. What goes and what stays:
- The contact row itself is deleted, not kept as an anonymous placeholder: a placeholder would show
  up as a blank line in every list, export, call list and print-out, and would keep a customer
  number that tells the shop who it was. With the row go (by the schema's foreign keys, and
  explicitly here) their emails, phones, tags, consent, notes, calls, visits, notes and tasks,
  complaints (they cannot exist without a customer), the import journal's rows about them (with the
  values the imports changed, `import_change.before`), and their points ledger (its rows belong to
  the contact and are deleted with it; no trigger guards deleting, and the append-only trigger,
  which refuses changes to a row, is never touched). Tags only they had go too.
- Their purchases, refunds and purchase lines stay, without a customer (contact_id NULL), as a sale
  to someone who gave no name. Every money figure therefore stays as it was: revenue, purchases,
  average basket, revenue by month, what is owed. A purchase's reference and its lines stay as they
  were typed: they are the shop's books (receipt numbers, what was sold), not the person's details.
- Their feedback scores stay without a customer and without the comment, so NPS and CSAT do not
  change; the comment is the part that can name or describe someone.
- Others they referred keep their place; only the link to the erased person is cleared. Referral
  bonuses already in a referrer's ledger stay (their reason names a customer number, nothing more).
- The search index forgets them (its shadow tables are rewritten with 'optimize', so old index
  segments do not keep their words), freed pages are overwritten with zeros (secure_delete), and the
  write-ahead log is emptied afterwards when no other reader holds it.
Which figures may change, and why: the person is no longer a customer, so figures that count
customers (active, new and returning customers, repeat rate, lifetime value, top customers and the
top-20% share, segments, lapsed customers, cohorts, customers by source) drop them; their revenue
by source moves to "unknown" (their source is gone), points figures lose their ledger, and complaint
counts lose their complaints. Revenue does not change.
What is kept of them: a fingerprint (SHA-256) of each of their email addresses and phone numbers (services.erased),
not the addresses, so that importing a list that still has them does not add them again, and a sale of theirs in
a later import is recorded without a customer.
Not reached: backups and snapshots made before the erasure, and files exported earlier.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from smallcrm.errors import NotFound
from smallcrm.services import erased, money
from smallcrm.services.contacts import display_name
from smallcrm.services.export import spreadsheet_text
from smallcrm.services.files import whole_file
from smallcrm.services.validation import label_name, phone_text
from smallcrm.store.fields import from_utc_text
from smallcrm.store.models import database, is_refund

Dossier = Callable[[int, BinaryIO], None]  # writes a customer's dossier PDF (smallcrm.reports.dossier_pdf)

README = """Everything we hold about {name} (customer number {id})
Made on {made}. Times are in the shop's local time; amounts are in the currency named beside them.
The .csv files open in any spreadsheet program.

contact.csv          Your details: name, company, address, birthday, notes, how you found the shop,
                     your number in another system of ours, every email address, phone number and
                     tag, and whether (and since when) you agreed to hear from us by email or SMS.
purchases.csv        Every purchase and refund: date, amount, how it was paid, what was paid of it
                     and what is still owed. A refund names the purchase it refunds.
purchase_lines.csv   What each purchase and refund was made of, line by line.
points.csv           Every movement of your loyalty points, with the balance after it.
calls_and_notes.csv  Calls, visits, emails, text messages and notes about you, and the follow-ups
                     (tasks) they left, with whether each was done.
feedback.csv         The scores and comments you gave us.
complaints.csv       Complaints you made, what happened and how each was resolved.
referrals.csv        Who brought you to the shop, and whom you brought: customer number and name only.
imports.csv          Files we imported that created or changed your details or brought your
                     purchases, with what your details were before an import changed them.
dossier.pdf          The one-page-per-topic summary of you that the shop can print.
"""


@dataclass(frozen=True)
class HeldFile:
    name: str
    rows: int  # data rows, not counting the header


@dataclass(frozen=True)
class HeldExport:
    path: Path
    contact_id: int
    name: str
    files: list[HeldFile]


@dataclass(frozen=True)
class ErasePlan:
    """What erasing a customer removes, and what stays without a name."""

    contact_id: int
    name: str
    emails: int
    phones: int
    tags: int
    interactions: int  # calls, visits, emails, texts, notes and tasks: removed
    points_entries: int  # removed with the contact
    complaints: int  # removed
    feedback: int  # kept without the customer and without the comment
    purchases: int  # purchases and refunds: kept, without a customer
    referrals: int  # contacts they brought: the link is cleared
    import_changes: int  # rows of the import journal about them: removed


# --------------------------------------------------------------------------------------------------
# Reading


def _one(sql: str, params) -> object:
    return database.execute_sql(sql, params).fetchone()[0]


def _contact_row(contact_id: int) -> tuple:
    row = database.execute_sql(
        """SELECT id, first_name, last_name, company, street, postal_code, city, country, birthday, notes, source,
                  external_id, referred_by_id, email_consent, email_consent_at, sms_consent, sms_consent_at,
                  email_consent_source, sms_consent_source, created_at, updated_at, deleted_at
             FROM contact WHERE id = ?""", (contact_id,)).fetchone()
    if row is None:
        raise NotFound("contact", contact_id)
    return row


def _local(text: str | None) -> str:
    """A stored UTC time as the shop's local time, or "" for none."""
    return from_utc_text(text).astimezone().strftime("%Y-%m-%d %H:%M:%S") if text else ""


def _amount(minor: int, currency: str) -> str:
    return format(money.to_decimal(minor, currency), "f")


def _yes(value) -> str:
    return "yes" if value else "no"


def erase_plan(contact_id: int) -> ErasePlan:
    """What `erase_contact` would remove and keep; changes nothing. An unknown id: NotFound."""
    row = _contact_row(contact_id)

    def count(table: str, column: str = "contact_id") -> int:
        return _one(f"SELECT count(*) FROM {table} WHERE {column} = ?", (contact_id,))

    return ErasePlan(
        contact_id=contact_id,
        name=display_name(row[1], row[2], row[3]),
        emails=count("contact_email"),
        phones=count("contact_phone"),
        tags=count("contact_tag"),
        interactions=count("interaction"),
        points_entries=count("points_entry"),
        complaints=count("complaint"),
        feedback=count("feedback"),
        purchases=count("purchase"),
        referrals=count("contact", "referred_by_id"),
        import_changes=count("import_change"),
    )


# --------------------------------------------------------------------------------------------------
# Everything we hold


def _csv(header: list[str], rows: list[list]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def _contact_file(contact_id: int) -> list[list]:
    (_, first, last, company, street, postal_code, city, country, birthday, notes, source, external_id,
     referred_by, email_consent, email_consent_at, sms_consent, sms_consent_at, email_consent_source,
     sms_consent_source, created, updated, deleted) = _contact_row(contact_id)
    t = spreadsheet_text
    rows = [
        ["Customer number", "", str(contact_id)],
        ["First name", "", t(first)],
        ["Last name", "", t(last)],
        ["Company", "", t(company)],
        ["Street", "", t(street)],
        ["Postal code", "", t(postal_code)],
        ["City", "", t(city)],
        ["Country", "", t(country)],
        ["Birthday", "", birthday or ""],
        ["Notes", "", t(notes)],
        ["How they found the shop", "", t(source)],
        ["Number in another system", "", t(external_id)],
        ["Referred by customer number", "", str(referred_by) if referred_by is not None else ""],
        ["Email consent", "", _yes(email_consent)],
        ["Email consent given", "", _local(email_consent_at)],
        ["Email consent source", "", t(email_consent_source)],
        ["SMS consent", "", _yes(sms_consent)],
        ["SMS consent given", "", _local(sms_consent_at)],
        ["SMS consent source", "", t(sms_consent_source)],
        ["Added", "", _local(created)],
        ["Last changed", "", _local(updated)],
        ["In the Trash since", "", _local(deleted)],
    ]
    for email, label in database.execute_sql(
            "SELECT email, label FROM contact_email WHERE contact_id = ? ORDER BY position, id", (contact_id,)):
        rows.append(["Email", t(label_name(label)), t(email)])
    for raw, e164, label in database.execute_sql(
            "SELECT raw, e164, label FROM contact_phone WHERE contact_id = ? ORDER BY position, id", (contact_id,)):
        rows.append(["Phone", t(label_name(label)), t(phone_text(e164, raw))])
    for (name,) in database.execute_sql(
            "SELECT t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id = ?"
            " ORDER BY t.name COLLATE by_sort_key", (contact_id,)):
        rows.append(["Tag", "", t(name)])
    return rows


PURCHASE_STATUS = {"paid": "paid", "due": "due", "partly_paid": "partly paid", "written_off": "written off"}


def _purchase_files(contact_id: int) -> tuple[list[list], list[list]]:
    purchases, lines = [], []
    for (purchase_id, occurred_at, currency, total, method, reference, status, due_on, paid, refund_of,
         refunded) in database.execute_sql(
            """SELECT p.id, p.occurred_at, p.currency, p.total_minor, p.payment_method, p.reference, p.status,
                      p.due_on, p.paid_minor, p.refund_of_id,
                      coalesce((SELECT -sum(r.total_minor) FROM purchase r WHERE r.refund_of_id = p.id), 0)
                 FROM purchase p WHERE p.contact_id = ? ORDER BY p.occurred_at, p.id""", (contact_id,)):
        refund = is_refund(refund_of, total)
        owed = max(0, total - refunded - paid) if not refund and status in ("due", "partly_paid") else 0
        purchases.append([str(purchase_id), "refund" if refund else "purchase", _local(occurred_at),
                          _amount(total, currency), currency, PURCHASE_STATUS.get(status, status),
                          _amount(paid, currency), _amount(owed, currency), due_on or "",
                          spreadsheet_text(method), spreadsheet_text(reference),
                          str(refund_of) if refund_of is not None else ""])
    for purchase_id, description, quantity, unit, total, currency in database.execute_sql(
            """SELECT i.purchase_id, i.description, i.quantity, i.unit_price_minor, i.total_minor, p.currency
                 FROM purchase_item i JOIN purchase p ON p.id = i.purchase_id
                WHERE p.contact_id = ? ORDER BY p.occurred_at, p.id, i.id""", (contact_id,)):
        lines.append([str(purchase_id), spreadsheet_text(description), str(quantity), _amount(unit, currency),
                      _amount(total, currency), currency])
    return purchases, lines


def _points_file(contact_id: int) -> list[list]:
    rows, balance = [], 0
    for occurred_at, kind, points, reason, purchase_id, expires_on in database.execute_sql(
            """SELECT occurred_at, kind, points, reason, purchase_id, expires_on FROM points_entry
                WHERE contact_id = ? ORDER BY occurred_at, id""", (contact_id,)):
        balance += points
        rows.append([_local(occurred_at), kind, str(points), spreadsheet_text(reason),
                     str(purchase_id) if purchase_id is not None else "", expires_on or "", str(balance)])
    return rows


def _interactions_file(contact_id: int) -> list[list]:
    rows = []
    for (interaction_id, kind, direction, occurred_at, duration, outcome, summary, follow_up_on,
         done_at) in database.execute_sql(
            """SELECT id, kind, direction, occurred_at, duration_seconds, outcome, summary, follow_up_on,
                      follow_up_done_at
                 FROM interaction WHERE contact_id = ? ORDER BY occurred_at, id""", (contact_id,)):
        rows.append([str(interaction_id), kind, direction or "", _local(occurred_at),
                     str(duration) if duration is not None else "", spreadsheet_text(outcome),
                     spreadsheet_text(summary), follow_up_on or "",
                     "" if follow_up_on is None else _yes(done_at is not None), _local(done_at)])
    return rows


def _feedback_file(contact_id: int) -> list[list]:
    return [[str(feedback_id), _local(occurred_at), kind.upper(), str(score), spreadsheet_text(comment),
             spreadsheet_text(channel), str(purchase_id) if purchase_id is not None else ""]
            for feedback_id, occurred_at, kind, score, comment, channel, purchase_id in database.execute_sql(
                """SELECT id, occurred_at, kind, score, comment, channel, purchase_id FROM feedback
                    WHERE contact_id = ? ORDER BY occurred_at, id""", (contact_id,))]


def _complaints_file(contact_id: int) -> list[list]:
    return [[str(complaint_id), _local(opened_at), spreadsheet_text(category), status.replace("_", " "),
             spreadsheet_text(description), spreadsheet_text(resolution), _local(resolved_at),
             str(feedback_id) if feedback_id is not None else "", str(purchase_id) if purchase_id is not None else ""]
            for (complaint_id, opened_at, category, status, description, resolution, resolved_at, feedback_id,
                 purchase_id) in database.execute_sql(
                """SELECT id, opened_at, category, status, description, resolution, resolved_at, feedback_id,
                          purchase_id FROM complaint WHERE contact_id = ? ORDER BY opened_at, id""", (contact_id,))]


def _referrals_file(contact_id: int) -> list[list]:
    rows = []
    for relation, other_id, first, last, company in database.execute_sql(
            """SELECT 'Referred by', o.id, o.first_name, o.last_name, o.company
                 FROM contact c JOIN contact o ON o.id = c.referred_by_id WHERE c.id = :id
               UNION ALL
               SELECT 'Referred', o.id, o.first_name, o.last_name, o.company
                 FROM contact o WHERE o.referred_by_id = :id
               ORDER BY 1 DESC, 2""", {"id": contact_id}):
        rows.append([relation, str(other_id), spreadsheet_text(display_name(first, last, company))])
    return rows


IMPORT_ACTIONS = {"created": "created this customer", "updated": "changed this customer's details"}


def _imports_file(contact_id: int) -> list[list]:
    rows = []
    for batch_id, kind, file_name, started_at, undone_at, action, before in database.execute_sql(
            """SELECT b.id, b.kind, b.file_name, b.started_at, b.undone_at, j.action, j.before
                 FROM import_change j JOIN import_batch b ON b.id = j.batch_id
                WHERE j.contact_id = :id
               UNION ALL
               SELECT b.id, b.kind, b.file_name, b.started_at, b.undone_at, 'purchases', NULL
                 FROM import_batch b
                WHERE b.id IN (SELECT import_batch_id FROM purchase WHERE contact_id = :id)
                  AND b.id NOT IN (SELECT batch_id FROM import_change WHERE contact_id = :id)
               ORDER BY 1""", {"id": contact_id}):
        what = IMPORT_ACTIONS.get(action, "brought this customer's purchases")
        rows.append([str(batch_id), kind, spreadsheet_text(file_name), _local(started_at), what,
                     spreadsheet_text(before or ""), _local(undone_at)])
    return rows


HEADERS = {
    "contact.csv": ["Field", "Label", "Value"],
    "purchases.csv": ["Purchase ID", "Kind", "Date", "Amount", "Currency", "Status", "Paid", "Still owed",
                      "Due on", "Payment method", "Reference", "Refund of"],
    "purchase_lines.csv": ["Purchase ID", "Description", "Quantity", "Unit price", "Amount", "Currency"],
    "points.csv": ["Date", "Kind", "Points", "Reason", "Purchase ID", "Expires on", "Balance after"],
    "calls_and_notes.csv": ["ID", "Kind", "Direction", "Date", "Duration (seconds)", "Outcome", "Summary",
                            "Follow up on", "Follow-up done", "Done at"],
    "feedback.csv": ["ID", "Date", "Kind", "Score", "Comment", "Channel", "Purchase ID"],
    "complaints.csv": ["ID", "Opened", "Category", "Status", "What happened", "Resolution", "Resolved",
                       "Feedback ID", "Purchase ID"],
    "referrals.csv": ["Relation", "Customer number", "Name"],
    "imports.csv": ["Import ID", "Kind", "File", "Imported", "What it did", "Details before the import",
                    "Undone"],
}


def everything_we_hold(contact_id: int, out_zip: Path | str, *, dossier: Dossier) -> HeldExport:
    """Write all the shop holds about one person to the ZIP file `out_zip` (see the module's docstring).

    `dossier` writes the customer's dossier PDF to a binary file: pass `smallcrm.reports.dossier_pdf`
    (reports sit above services, so a service does not reach for it itself). Read in one transaction,
    so every file shows the same moment. Raises NotFound for an unknown id, OSError when the file cannot
    be written (then nothing was written).
    """
    path = Path(out_zip)
    with database.atomic():
        row = _contact_row(contact_id)
        name = display_name(row[1], row[2], row[3])
        purchases, lines = _purchase_files(contact_id)
        tables = {
            "contact.csv": _contact_file(contact_id),
            "purchases.csv": purchases,
            "purchase_lines.csv": lines,
            "points.csv": _points_file(contact_id),
            "calls_and_notes.csv": _interactions_file(contact_id),
            "feedback.csv": _feedback_file(contact_id),
            "complaints.csv": _complaints_file(contact_id),
            "referrals.csv": _referrals_file(contact_id),
            "imports.csv": _imports_file(contact_id),
        }
        pdf = io.BytesIO()
        dossier(contact_id, pdf)
    made = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    readme = README.format(name=name or "this customer", id=contact_id, made=made)
    with whole_file(path) as stream, zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme.replace("\n", "\r\n").encode("utf-8-sig"))
        for file_name, rows in tables.items():
            archive.writestr(file_name, _csv(HEADERS[file_name], rows))
        archive.writestr("dossier.pdf", pdf.getvalue())
    files = [HeldFile(file_name, len(rows)) for file_name, rows in tables.items()]
    return HeldExport(path, contact_id, name, [HeldFile("README.txt", 0), *files, HeldFile("dossier.pdf", 0)])


# --------------------------------------------------------------------------------------------------
# Erasing


def _pragma(name: str) -> int:
    return database.execute_sql(f"PRAGMA {name}").fetchone()[0]


def erase_contact(contact_id: int) -> ErasePlan:
    """Erase one person for good (see the module's docstring for what goes and what stays); return what was
    erased. One transaction: on any failure nothing changes. An unknown id: NotFound. Not undoable."""
    secure = _pragma("secure_delete")
    database.execute_sql("PRAGMA secure_delete = ON")
    try:
        with database.atomic("IMMEDIATE"):
            plan = erase_plan(contact_id)
            tags = [row[0] for row in database.execute_sql(
                "SELECT tag_id FROM contact_tag WHERE contact_id = ?", (contact_id,))]
            run = database.execute_sql
            erased.remember(database.connection(), contact_id)  # (so that no import brings them back)
            run("UPDATE feedback SET contact_id = NULL, comment = '', interaction_id = NULL WHERE contact_id = ?",
                (contact_id,))
            run("UPDATE purchase SET contact_id = NULL WHERE contact_id = ?", (contact_id,))
            run("UPDATE contact SET referred_by_id = NULL WHERE referred_by_id = ?", (contact_id,))
            for table in ("complaint", "interaction", "points_entry", "import_change", "contact_email",
                          "contact_phone", "contact_tag"):
                run(f"DELETE FROM {table} WHERE contact_id = ?", (contact_id,))
            run("DELETE FROM contact WHERE id = ?", (contact_id,))
            for tag_id in tags:
                run("DELETE FROM tag WHERE id = ? AND NOT EXISTS (SELECT 1 FROM contact_tag WHERE tag_id = ?)",
                    (tag_id, tag_id))
            run("INSERT INTO contact_fts(contact_fts) VALUES ('optimize')")
    finally:
        database.execute_sql(f"PRAGMA secure_delete = {int(secure)}")
    # The write-ahead log still holds earlier copies of the pages; fold it back and empty it. Another
    # connection reading at this moment keeps it until the next checkpoint: nothing is lost either way.
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return plan

