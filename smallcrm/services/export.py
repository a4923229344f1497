"""Exporting contacts and purchases: CSV files a spreadsheet opens safely and our own import reads back,
and vCards for phones and mail programs.

Decisions, in plain words:
- The format follows the file's extension: .csv, or .vcf/.vcard (vCard 3.0 or 4.0).
- Contacts CSV: UTF-8 with a byte-order mark (so Excel reads the letters right), a header row that the
  import's "generic" preset maps back by itself (First Name, Email, Email 2, Phone, ..., Customer number),
  as many Email and Phone columns as the most any exported contact has. "Customer number" is the
  contact's number in this book: importing the file elsewhere keeps it, and `import purchases --match id`
  then finds the customers of an exported purchases file; imported back into this book (edited in a spreadsheet),
  it is no number in another system, and each customer's (a web shop's) stays as it was.
- A text cell that starts with = + - @, a tab or a carriage return gets a leading `'`, so that a
  spreadsheet shows it as text instead of running it as a formula. Numbers we write ourselves
  (amounts, ids) are left as numbers.
- Marketing consent: `consenting` ("email" or "sms") keeps only the customers who gave that consent;
  None exports everyone. The window and the command line ask for email consent unless told otherwise,
  and call lists for SMS consent (the consent tied to the customer's phone), since what is exported or
  printed is usually for marketing. Each channel's consent goes with where and how the customer agreed
  ("Email consent source", "SMS consent source") and when ("Email consent date", "SMS consent date": local time
  with its offset from UTC, "2025-01-10T10:00:00+01:00", which spreadsheets keep as text and the import reads
  back to the second, so a book moved elsewhere keeps when each customer agreed).
- Rows are read in chunks of CHUNK contacts (or purchases) and written as they come, to a temporary
  file beside the target that replaces it at the end: the file is there whole or not at all, and it is
  readable by its owner only (0o600 on POSIX), since it holds customers' personal data.
- Purchases CSV: a row per line of a purchase or refund (one row for one without lines), each row with its
  purchase's number, date (local time and its offset from UTC, "2025-03-01 10:15:00 +01:00"), customer,
  reference, currency and status; the purchase's amount and what was paid of it on its first row only, so that a
  spreadsheet's sum of the column is the takings. A refund names the purchase it pays back ("Refund of").
  `smallcrm import purchases` reads the layout back: a purchase per "Purchase ID", with its lines, and its refunds
  linked to it.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from smallcrm.errors import InvalidValue
from smallcrm.services import money, when
from smallcrm.services.contacts import contact_ids, display_name
from smallcrm.services.files import whole_file
from smallcrm.services.validation import phone_extension, label_name, phone_text
from smallcrm.store.fields import from_utc_text, to_utc_text
from smallcrm.store.models import database

CHUNK = 500  # contacts or purchases read at a time (also under SQLite's oldest limit of 999 parameters)
FORMATS = {".csv": "csv", ".vcf": "vcard", ".vcard": "vcard"}
VCARD_VERSIONS = ("3.0", "4.0")
CONSENTS = ("email", "sms")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str  # "csv" or "vcard"
    rows: int  # contacts or purchases written


def spreadsheet_text(text: str) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets a leading `'`."""
    return "'" + text if text and text.startswith(FORMULA_STARTS) else text


def export_format(path: Path | str) -> str:
    """"csv" or "vcard", from the file's extension; InvalidValue for any other."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InvalidValue("file", str(path), "format",
                           "the file name must end in .csv (a spreadsheet) or .vcf (vCard, for phones and mail "
                           "programs)")
    return FORMATS[suffix]


# --------------------------------------------------------------------------------------------------
# Whom to export


def _check_consent(consenting: str | None) -> str | None:
    if consenting is not None and consenting not in CONSENTS:
        raise InvalidValue("consenting", consenting, "choice", "email or sms")
    return consenting


def consenting_ids(ids: Iterable[int], consenting: str | None) -> list[int]:
    """The contacts of `ids` that are not in the Trash and, with `consenting` ("email" or "sms"), gave that
    marketing consent; in the order given."""
    consent = _consent_sql(_check_consent(consenting))
    kept: list[int] = []
    for chunk in _chunks(list(dict.fromkeys(ids))):
        marks = ",".join("?" * len(chunk))
        found = {row[0] for row in database.execute_sql(
            f"SELECT c.id FROM contact c WHERE c.id IN ({marks}) AND c.deleted_at IS NULL{consent}", chunk)}
        kept.extend(contact_id for contact_id in chunk if contact_id in found)
    return kept


@dataclass(frozen=True)
class ConsentCounts:
    everyone: int  # of the contacts asked about, those not in the Trash
    email: int  # ... who agreed to marketing by email
    sms: int  # ... by SMS

    def get(self, consenting: str | None) -> int:
        return self.everyone if consenting is None else getattr(self, consenting)


def consent_counts(ids: Iterable[int]) -> ConsentCounts:
    """How many of `ids` each choice of `consenting` keeps."""
    everyone = email = sms = 0
    for chunk in _chunks(list(dict.fromkeys(ids))):
        marks = ",".join("?" * len(chunk))
        n, e, s = database.execute_sql(
            f"""SELECT count(*), coalesce(sum(c.email_consent != 0), 0), coalesce(sum(c.sms_consent != 0), 0)
                  FROM contact c WHERE c.id IN ({marks}) AND c.deleted_at IS NULL""", chunk).fetchone()
        everyone, email, sms = everyone + n, email + e, sms + s
    return ConsentCounts(everyone, email, sms)


def contacts_to_export(*, ids: Iterable[int] | None = None, search: str = "", segment: str | None = None) -> list[int]:
    """The contacts an export is for, in order: the given ids; else a segment's members (best customers
    first), narrowed by `search` if given; else a search's matches, or everyone, by name."""
    if ids is not None:
        return list(dict.fromkeys(ids))
    if segment is not None:
        from smallcrm.services import metrics  # the figures load only for a segment

        members = metrics.segment_members(segment)
        if search.strip():
            found = set(contact_ids(search))
            members = [contact_id for contact_id in members if contact_id in found]
        return members
    return list(contact_ids(search))


def _consent_sql(consenting: str | None) -> str:
    return f" AND c.{consenting}_consent" if consenting else ""


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


@dataclass
class ExportedContact:
    id: int
    first_name: str
    last_name: str
    company: str
    emails: list[tuple[str, str]]  # (email, label)
    phones: list[tuple[str, str | None, str]]  # (as validation.phone_text gives it; E.164; label)
    street: str
    postal_code: str
    city: str
    country: str
    birthday: str | None
    tags: list[str]
    notes: str
    source: str
    email_consent: bool
    sms_consent: bool
    email_consent_source: str = ""
    sms_consent_source: str = ""
    email_consent_at: str | None = None  # (stored, UTC)
    sms_consent_at: str | None = None


def _read_contacts(ids: list[int], consenting: str | None) -> Iterator[ExportedContact]:
    """The contacts of `ids` that are not in the Trash (and gave `consenting`), in that order, CHUNK at a time."""
    consent = _consent_sql(consenting)
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        rows = {row[0]: row for row in database.execute_sql(
            f"""SELECT c.id, c.first_name, c.last_name, c.company, c.street, c.postal_code, c.city, c.country,
                       c.birthday, c.notes, c.source, c.email_consent, c.sms_consent,
                       c.email_consent_source, c.sms_consent_source, c.email_consent_at, c.sms_consent_at
                  FROM contact c WHERE c.id IN ({marks}) AND c.deleted_at IS NULL{consent}""", chunk)}
        emails: dict[int, list[tuple[str, str]]] = {}
        for contact_id, email, label in database.execute_sql(
                f"SELECT contact_id, email, label FROM contact_email WHERE contact_id IN ({marks})"
                " ORDER BY contact_id, position, id", chunk):
            emails.setdefault(contact_id, []).append((email, label))
        phones: dict[int, list[tuple[str, str | None, str]]] = {}
        for contact_id, raw, e164, label in database.execute_sql(
                f"SELECT contact_id, raw, e164, label FROM contact_phone WHERE contact_id IN ({marks})"
                " ORDER BY contact_id, position, id", chunk):
            phones.setdefault(contact_id, []).append((phone_text(e164, raw), e164, label))
        tags: dict[int, list[str]] = {}
        for contact_id, name in database.execute_sql(
                f"SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
                f" WHERE ct.contact_id IN ({marks}) ORDER BY t.name COLLATE by_sort_key", chunk):
            tags.setdefault(contact_id, []).append(name)
        for contact_id in chunk:
            row = rows.get(contact_id)
            if row is None:
                continue
            (_, first, last, company, street, postal_code, city, country, birthday, notes, source,
             email_consent, sms_consent, email_source, sms_source, email_at, sms_at) = row
            yield ExportedContact(contact_id, first, last, company, emails.get(contact_id, []),
                                  phones.get(contact_id, []), street, postal_code, city, country, birthday,
                                  tags.get(contact_id, []), notes, source, bool(email_consent), bool(sms_consent),
                                  email_source, sms_source, email_at, sms_at)


def _most(table: str, ids: list[int], consenting: str | None) -> int:
    """The most emails (or phones) any of the contacts has."""
    most = 0
    consent = _consent_sql(consenting)
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        found = database.execute_sql(
            f"""SELECT max(n) FROM (SELECT count(*) AS n FROM {table} x JOIN contact c ON c.id = x.contact_id
                 WHERE x.contact_id IN ({marks}) AND c.deleted_at IS NULL{consent} GROUP BY x.contact_id)""",
            chunk).fetchone()[0]
        most = max(most, found or 0)
    return most


# --------------------------------------------------------------------------------------------------
# Contacts as CSV


def _numbered(name: str, count: int) -> list[str]:
    return [name if n == 1 else f"{name} {n}" for n in range(1, count + 1)]


def contact_headers(emails: int = 1, phones: int = 1) -> list[str]:
    """The header row of a contacts CSV with room for `emails` addresses and `phones` numbers (each with its
    label beside it: "Email 2", "Email 2 label", "Phone 2", "Phone 2 label")."""
    return ["First Name", "Last Name", "Company",
            *(h for email in _numbered("Email", max(emails, 1)) for h in (email, f"{email} label")),
            *(h for phone in _numbered("Phone", max(phones, 1)) for h in (phone, f"{phone} label")),
            "Street", "Postal Code", "City", "Country", "Birthday", "Tags", "Notes", *_CONSENT_HEADERS,
            "Email consent date", "SMS consent date", "Source", "Customer number"]


_CONSENT_HEADERS = ("Email consent", "SMS consent", "Email consent source", "SMS consent source")


def is_contacts_export(headers: list[str]) -> bool:
    """Whether a header row is that of a contacts CSV written here (its "Customer number" is a book's own), by
    this version or one before the consent dates."""
    ours = contact_headers()
    return headers[:3] == ours[:3] and (headers[-9:] == ours[-9:]
                                        or headers[-7:] == ["Notes", *_CONSENT_HEADERS, "Source", "Customer number"])


def consent_date(stored: str | None) -> str:
    """When a customer agreed, as a contacts CSV writes it: local time with its offset from UTC, to the second."""
    return from_utc_text(stored).astimezone().isoformat(timespec="seconds") if stored else ""


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _csv_row(c: ExportedContact, emails: int, phones: int) -> list[str]:
    cells = [c.first_name, c.last_name, c.company,
             *(cell for email, label in c.emails for cell in (email, label_name(label))),
             *[""] * (2 * (emails - len(c.emails))),
             *(cell for shown, _, label in c.phones for cell in (shown, label_name(label))),
             *[""] * (2 * (phones - len(c.phones))),
             c.street, c.postal_code, c.city, c.country, c.birthday or "", ", ".join(c.tags), c.notes,
             _yes(c.email_consent), _yes(c.sms_consent), c.email_consent_source, c.sms_consent_source,
             consent_date(c.email_consent_at) if c.email_consent else "",
             consent_date(c.sms_consent_at) if c.sms_consent else "", c.source]
    return [spreadsheet_text(cell) for cell in cells] + [str(c.id)]


def _write_contacts_csv(stream, ids: list[int], consenting: str | None, progress: Progress | None,
                        cancelled: Callable[[], bool] | None) -> int:
    emails = max(_most("contact_email", ids, consenting), 1)
    phones = max(_most("contact_phone", ids, consenting), 1)
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(contact_headers(emails, phones))
    return _each(_read_contacts(ids, consenting), lambda c: writer.writerow(_csv_row(c, emails, phones)),
                 len(ids), progress, cancelled)


class ExportCancelled(Exception):
    """The user stopped the export; no file was written."""


def _each(items: Iterable, write: Callable, total: int, progress: Progress | None,
          cancelled: Callable[[], bool] | None) -> int:
    written = 0
    for written, item in enumerate(items, start=1):
        write(item)
        if written % CHUNK == 0:
            if cancelled is not None and cancelled():
                raise ExportCancelled()
            if progress is not None:
                progress(written, total)
    if cancelled is not None and cancelled():
        raise ExportCancelled()
    return written


# --------------------------------------------------------------------------------------------------
# Contacts as vCards


def _vcard_birthday(birthday: str, version: str) -> str:
    """"1990-05-17" / "--05-17" as vCard 3.0 writes them, or in vCard 4.0's basic form ("19900517", "--0517")."""
    if version == "3.0":
        return birthday
    if birthday.startswith("--"):
        return "--" + birthday[2:].replace("-", "")
    return birthday.replace("-", "")


# What kind of number a phone or address an email is, as vCards say it (TYPE); any other label is written as
# phones' address books do
_VCARD_TYPES = {"mobile": "CELL", "home": "HOME", "work": "WORK"}


def vcard_text(c: ExportedContact, version: str = "4.0") -> str:
    """One contact as a vCard of `version` ("3.0" or "4.0"), with what no vCard property says in smallcrm's own
    (X-SMALLCRM-…): where the customer came from, their consent to email and SMS marketing with where and when they
    gave it (as a contacts CSV writes them), and their number in this book."""
    import vobject  # only exports to vCard need it

    card = vobject.vCard()
    card.add("version").value = version
    card.add("fn").value = display_name(c.first_name, c.last_name, c.company)
    card.add("n").value = vobject.vcard.Name(family=c.last_name, given=c.first_name)
    if version == "4.0":
        card.add("kind").value = "individual" if c.first_name or c.last_name else "org"
    if c.company:
        card.add("org").value = [c.company]
    groups = iter(range(1, len(c.emails) + len(c.phones) + 1))

    def labelled(name: str, label: str):
        """A line of the card, and its label: a TYPE, or the owner's own words as phones' address books write
        them, beside it in a group."""
        kind = _VCARD_TYPES.get(label)
        group = f"item{next(groups)}" if label and not kind else None
        line = card.add(name, group=group)
        if group:
            card.add("x-ablabel", group=group).value = label_name(label)
        return line, kind

    for n, (email, label) in enumerate(c.emails):
        line, kind = labelled("email", label)
        line.value = email
        if version == "3.0":
            line.params["TYPE"] = ["INTERNET", *([kind] if kind else []), *(["PREF"] if n == 0 else [])]
        else:
            if kind:
                line.params["TYPE"] = [kind.lower()]
            if n == 0:
                line.params["PREF"] = ["1"]
    for n, (shown, e164, label) in enumerate(c.phones):
        line, kind = labelled("tel", label)
        if version == "4.0":
            extension = phone_extension(shown)
            uri = f"tel:{e164};ext={extension}" if extension else f"tel:{e164}"
            line.value, line.params["VALUE"] = (uri, ["uri"]) if e164 else (shown, ["text"])
            if kind:
                line.params["TYPE"] = [kind.lower()]
            if n == 0:
                line.params["PREF"] = ["1"]
        else:
            line.value = shown
            types = ([kind] if kind else []) + (["PREF"] if n == 0 else [])
            if types:
                line.params["TYPE"] = types
    if c.street or c.postal_code or c.city or c.country:
        card.add("adr").value = vobject.vcard.Address(street=c.street, city=c.city, code=c.postal_code,
                                                      country=c.country)
    if c.birthday:
        card.add("bday").value = _vcard_birthday(c.birthday, version)
    if c.tags:
        card.add("categories").value = list(c.tags)
    if c.notes:
        card.add("note").value = c.notes
    if c.source:
        card.add("x-smallcrm-source").value = c.source
    card.add("x-smallcrm-email-consent").value = _yes(c.email_consent)
    card.add("x-smallcrm-sms-consent").value = _yes(c.sms_consent)
    if c.email_consent_source:
        card.add("x-smallcrm-email-consent-source").value = c.email_consent_source
    if c.sms_consent_source:
        card.add("x-smallcrm-sms-consent-source").value = c.sms_consent_source
    if c.email_consent and c.email_consent_at:
        card.add("x-smallcrm-email-consent-date").value = consent_date(c.email_consent_at)
    if c.sms_consent and c.sms_consent_at:
        card.add("x-smallcrm-sms-consent-date").value = consent_date(c.sms_consent_at)
    card.add("x-smallcrm-customer-number").value = str(c.id)
    return card.serialize()


def _write_vcards(stream, ids: list[int], consenting: str | None, version: str, progress: Progress | None,
                  cancelled: Callable[[], bool] | None) -> int:
    return _each(_read_contacts(ids, consenting), lambda c: stream.write(vcard_text(c, version)), len(ids),
                 progress, cancelled)


# --------------------------------------------------------------------------------------------------
# Contacts: the public function


def export_contacts(path: Path | str, ids: Iterable[int], *, consenting: str | None = None,
                    vcard_version: str = "4.0", progress: Progress | None = None,
                    cancelled: Callable[[], bool] | None = None) -> ExportResult:
    """Write the contacts `ids` (see `contacts_to_export`) to `path`, as CSV or vCards by its extension.

    Contacts in the Trash are left out; with `consenting` ("email" or "sms") so is everyone who did not
    give that consent. Raises InvalidValue for an unknown extension or vCard version, OSError when the
    file cannot be written (then nothing was written), ExportCancelled when `cancelled()` turned true.
    """
    path = Path(path)
    kind = export_format(path)
    consenting = _check_consent(consenting)
    if vcard_version not in VCARD_VERSIONS:
        raise InvalidValue("vcard_version", vcard_version, "choice", "3.0 or 4.0")
    ids = list(ids)
    if kind == "csv":
        with whole_file(path, encoding="utf-8-sig") as stream:
            written = _write_contacts_csv(stream, ids, consenting, progress, cancelled)
    else:
        with whole_file(path, encoding="utf-8") as stream:
            written = _write_vcards(stream, ids, consenting, vcard_version, progress, cancelled)
    return ExportResult(path, kind, written)


# --------------------------------------------------------------------------------------------------
# Purchases


PURCHASE_HEADERS = ["Purchase ID", "Date", "Customer ID", "Customer", "Email", "Reference", "Item", "Quantity",
                    "Unit price", "Amount", "Currency", "Status", "Paid", "Due date", "Payment method", "Refund of"]
STATUS_WORDS = {"paid": "paid", "due": "due", "partly_paid": "partly paid", "written_off": "written off"}


def _amount(minor: int, currency: str) -> str:
    return format(money.to_decimal(minor, currency), "f")


def _purchase_range(start: date | None, end: date | None) -> tuple[str, str]:
    if start is not None and end is not None and end < start:
        raise InvalidValue("to", end.isoformat(), "range", f"the period ends before it starts ({start.isoformat()})")
    low = to_utc_text(when.local_moment(start)) if start is not None else ""
    high = to_utc_text(when.local_moment(end + timedelta(days=1))) if end is not None else "~"
    return low, high


def _read_purchases(low: str, high: str) -> Iterator[list[list[str]]]:
    """Each purchase's rows, oldest first: a row per line (one for a purchase without lines)."""
    after = (low, 0)
    while True:
        rows = database.execute_sql(
            """SELECT p.id, p.occurred_at, p.contact_id, c.first_name, c.last_name, c.company,
                      (SELECT email FROM contact_email WHERE contact_id = p.contact_id ORDER BY position, id LIMIT 1),
                      p.reference, p.total_minor, p.currency, p.status, p.paid_minor, p.due_on, p.payment_method,
                      p.refund_of_id
                 FROM purchase p LEFT JOIN contact c ON c.id = p.contact_id
                WHERE (p.occurred_at, p.id) > (?, ?) AND p.occurred_at < ?
                ORDER BY p.occurred_at, p.id LIMIT ?""", (*after, high, CHUNK)).fetchall()
        if not rows:
            return
        marks = ",".join("?" * len(rows))
        lines: dict[int, list[tuple[str, int, int]]] = {}
        for purchase_id, description, quantity, price in database.execute_sql(
                "SELECT purchase_id, description, quantity, unit_price_minor FROM purchase_item"
                f" WHERE purchase_id IN ({marks}) ORDER BY purchase_id, id", [row[0] for row in rows]):
            lines.setdefault(purchase_id, []).append((description, quantity, price))
        for (purchase_id, occurred_at, contact_id, first, last, company, email, reference, total, currency, status,
             paid, due_on, method, refund_of) in rows:
            # local time with its offset from UTC: the hour a clock goes back reads one way, and so does a file read
            # on a computer in another time zone
            local = from_utc_text(occurred_at).astimezone().isoformat(sep=" ", timespec="seconds")
            local = f"{local[:19]} {local[19:]}"
            name = display_name(first or "", last or "", company or "") if contact_id is not None else ""
            start = [str(purchase_id), local,
                     str(contact_id) if contact_id is not None else "", spreadsheet_text(name),
                     spreadsheet_text(email or ""), spreadsheet_text(reference)]
            end = [due_on or "", spreadsheet_text(method), str(refund_of) if refund_of is not None else ""]
            purchase = []
            for n, line in enumerate(lines.get(purchase_id) or [None]):
                item = [spreadsheet_text(line[0]), str(line[1]), _amount(line[2], currency)] if line else ["", "", ""]
                amount, paid_text = (_amount(total, currency), _amount(paid, currency)) if n == 0 else ("", "")
                purchase.append([*start, *item, amount, currency, STATUS_WORDS.get(status, status), paid_text, *end])
            yield purchase
        after = (rows[-1][1], rows[-1][0])


def export_purchases(path: Path | str, *, start: date | None = None, end: date | None = None,
                     progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> ExportResult:
    """Write the purchases and refunds made from local day `start` to `end` (both included; None: no limit)
    to a CSV file, oldest first. Raises InvalidValue for a file not ending in .csv or a period that ends
    before it starts, OSError when the file cannot be written (then nothing was written)."""
    path = Path(path)
    if export_format(path) != "csv":
        raise InvalidValue("file", str(path), "format", "purchases are exported as a spreadsheet: end the name in .csv")
    low, high = _purchase_range(start, end)
    total = database.execute_sql("SELECT count(*) FROM purchase WHERE occurred_at >= ? AND occurred_at < ?",
                                 (low, high)).fetchone()[0]
    with whole_file(path, encoding="utf-8-sig") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(PURCHASE_HEADERS)
        written = _each(_read_purchases(low, high), writer.writerows, total, progress, cancelled)
    return ExportResult(path, "csv", written)
