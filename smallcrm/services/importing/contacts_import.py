"""Importing contacts from a CSV file: a dry run, the import as one transaction, and an exact undo.

`plan_contacts_import` reads the whole file (streaming) and says what each row would do: create a
contact, update one (a duplicate, with the "fill" or "overwrite" policy), be skipped (a duplicate
with "skip", or an update that would change nothing), or be rejected (with the facts: row, column,
value). It writes nothing.

`import_contacts` does the same and writes, in ONE transaction: an ImportBatch row, the new
contacts with their emails, phones and tags (executemany, in chunks; for a large import with the
search triggers off, the writer putting each batch of contacts in the search index itself), the
updates, and a journal (`import_change`) with every contact it created and, for every contact it
updated, the fields, emails, phones and tags as they were. A cancel, an error or a killed process
leaves nothing. New contacts get no welcome points. What each row does is decided by
services.importing.deciding: for a large file in a worker process, while this thread writes.

`undo_import` removes what an import created and puts back what it changed, so the database holds
exactly what it held before (the batch row stays, marked undone). It refuses (UndoRefused, a NotAllowed with the
facts) rather than lose later work:
- an import already undone;
- an older import whose contacts a newer import (not undone) changed, created purchases for, or
  updated: undo the newer one first (the message names it);
- a contact the import touched that was edited by hand since, or a contact it created that has since
  got calls, purchases, points, feedback, complaints or referrals of its own;
- for purchases: a purchase refunded or commented on since, or points it earned that were spent.

Policies for duplicates (services.importing.duplicates finds them):
- "skip":      leave the existing contact alone (importing the same file twice creates nothing);
- "fill":      fill the existing contact's empty fields; add emails, phones and tags it lacks;
               street, postal code, city and country are one address: filled only where the file's is
               the same place;
- "overwrite": the file's non-empty fields replace the contact's (a different address whole, the parts
               the file has no value for emptied); the file's emails and phones come
               first, the contact's others are kept after them; tags are added. Either way the file's
               notes are added after the contact's own (never in place of them). Empty cells never
               blank a field; consent given says where it came from: the file's consent source column,
               or else "Imported from <file name>";
- "create":    create a new contact anyway.
Consent the contact gave is withdrawn when the file says the customer unsubscribed or opted out (by "skip" too,
which leaves the rest of the row alone), and by "overwrite" when it says a plain no too ("Accepts Email Marketing:
no" may only mean the customer never ticked the box online, while they agreed at the counter). An empty or unclear
cell never does.
`ImportOptions.row_choices` overrides the policy for single rows (by row number); "skip" there
skips the row even when it is not a duplicate. A row that duplicates an earlier row of the same file
is handled the same way, against the contact that earlier row creates; but by "skip" (unless its own choice), it
fills in what that new contact lacks, as "fill": "skip" leaves alone the customers already in the book, and a
file's second row of a new customer (their email, a second note) is not lost.
"""

from __future__ import annotations

import copy
import csv
import gc
import hashlib
import json
import os
import re
import time
from collections.abc import Callable, Iterable
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

import phonenumbers

from smallcrm.errors import InvalidValue, NotFound, OutputProblem, SmallCrmError, UndoRefused, ValidationFailed
from smallcrm.services import export, files, validation as v
from smallcrm.services.addresses import postal_code_as_posted
from smallcrm.services.contacts import TEXT_FIELDS, CleanContact, ContactInput, consent_values, contact_rows
from smallcrm.services.importing import cleaning, mapping, reader
from smallcrm.services.importing.cleaning import Reject
from smallcrm.services.importing.deciding import (
    CONTACT_COLUMNS, CREATE, ERASED, EXTERNAL_ID, MERGE, REJECT, SCALARS, SKIP, WITHDRAW, Decider, Decision, Incoming,
    Setup, WorkerDecisions, WorkerFailed, date_orders_in, pool_available,
)
from smallcrm.services.importing.duplicates import DuplicateIndex, Match, national_digits
from smallcrm.services.settings import default_region, shop_locale, system_region
from smallcrm.services.words import language_of
from smallcrm.store import search
from smallcrm.store.fields import to_utc_text, utc_now
from smallcrm.store.models import database

POLICIES = ("skip", "fill", "overwrite", "create")
CHUNK = 2000  # rows read, cleaned and written at a time
PREVIEW_ROWS = 50
BULK_MIN = 1000  # from this many contacts written, the search triggers go off and the writer keeps the index
FTS_BATCH = 10_000  # new contacts put in the search index at a time (each statement writes the index a new segment)
DATE_FIELDS = ("birthday",)
# From this size on, a worker process reads and decides the rows while the importing thread writes
# (deciding.WorkerDecisions); smaller files are decided in the importing thread, where starting a
# process would cost more than it saves.
POOL_MIN_BYTES = 2 * 1024 * 1024
CUSTOMER_ID_FIELD = "customer_id"  # the mapping's field for that number

Progress = Callable[[int, "int | None"], None]


# --------------------------------------------------------------------------------------------------
# Errors (the edges turn them into words)


class ImportCancelled(SmallCrmError):
    """The user stopped the import; nothing was written."""

    def __str__(self) -> str:
        return "the import was cancelled; nothing was written"


@dataclass
class DateOrderNeeded(SmallCrmError):
    """Date columns whose day/month order the values leave open; the user must say which it is."""

    columns: list[tuple[int, str]]  # (column index, header)

    def __str__(self) -> str:
        names = ", ".join(header for _, header in self.columns)
        return f"the day/month order of {names} cannot be told from the values"


# --------------------------------------------------------------------------------------------------
# What callers pass and get back


@dataclass
class ImportOptions:
    preset: str = "auto"
    overrides: dict[int, str] = field(default_factory=dict)  # column index -> field ("" ignores the column)
    encoding: str | None = None
    delimiter: str | None = None
    quote: str | None = None  # "double", "single" or "none" (reader.QUOTES); None: detected
    header_row: int | None = None  # the header's row number, as a spreadsheet shows it; None: detected
    row_end: str | None = None  # "any", "crlf", "lf" or "cr" (reader.ROW_ENDS); None: any line break
    region: str | None = None  # for phone numbers without +country (default: the shop's)
    on_duplicate: str = "skip"
    row_choices: dict[int, str] = field(default_factory=dict)  # row number -> policy for that row
    date_orders: dict[int, str] = field(default_factory=dict)  # column index -> "dmy", "mdy" or "ymd"
    tags: list[str] = field(default_factory=list)  # given to every contact the import creates or changes
    # row number -> its cells as the owner corrected them (the import window's Fix…), read in place of the file's
    corrections: dict[int, list[str]] = field(default_factory=dict)


@dataclass
class PlannedRow:
    row: int
    contact: ContactInput | None
    reject: Reject | None
    duplicate_of: int | None  # the existing contact this row matches
    duplicate_reason: str  # "email", "phone", "name+city", ..., ERASED (someone erased: skipped) or ""
    action: str  # "create", "update", "join" (to a customer an earlier row creates or updates), "skip" or "reject"
    duplicate_row: int | None = None  # or the earlier row of the file it matches


@dataclass
class DuplicateRow:
    """A row of the file that matches a customer in the book, or an earlier row of the file."""

    row: int
    name: str  # as the file gives it
    duplicate_of: int | None  # the customer in the book
    same_as: str  # that customer's name
    duplicate_row: int | None  # or the earlier row
    reason: str  # "email", "phone", ...


@dataclass
class ImportPlan:
    dialect: reader.Dialect
    preset: str
    headers: list[str]
    fields: list[str]
    date_orders: dict[int, str]
    ambiguous_columns: list[int]
    counts: dict[str, int]  # create, update, join, skip, reject (rows: PlannedRow.action)
    preview: list[PlannedRow]
    rows: int = 0
    rejects: list[Reject] = field(default_factory=list)  # every rejected row
    # what reading tidied (reader.RowStream.warnings), then what went to the notes (deciding.NOTED)
    warnings: list[tuple[str, int]] = field(default_factory=list)
    duplicates: list[DuplicateRow] = field(default_factory=list)  # every row that duplicates a contact
    whole: bool = True  # False: only the first rows were looked at (the counts are theirs)
    phone_hint: cleaning.PhoneHint | None = None  # most numbers are not of the country they are read in
    warning_rows: dict[str, list[int]] = field(default_factory=dict)  # where reading tidied: the first rows of each


@dataclass
class ImportResult:
    batch: int | None
    created: int
    updated: int
    skipped: int
    rejected: int
    encoding: str
    delimiter: str | None  # None for a vCard file
    rejects: list[Reject] = field(default_factory=list)
    preset: str = ""
    warnings: list[tuple[str, int]] = field(default_factory=list)  # what reading tidied: blank rows, NULs, ...
    phone_hint: cleaning.PhoneHint | None = None  # most numbers are not of the country they were read in
    joined: int = 0  # rows joined to a customer an earlier row of the file created or updated (counted once)
    warning_rows: dict[str, list[int]] = field(default_factory=dict)  # where reading tidied: the first rows of each

    def to_json(self) -> dict:
        return {"batch": self.batch, "created": self.created, "updated": self.updated, "skipped": self.skipped,
                "rejected": self.rejected, "joined": self.joined, "encoding": self.encoding,
                "delimiter": self.delimiter, "preset": self.preset, "warnings": dict(self.warnings),
                "warning_rows": self.warning_rows, "phone_hint": hint_json(self.phone_hint)}


def hint_json(hint: cleaning.PhoneHint | None) -> dict | None:
    return None if hint is None else {"unread": hint.unread, "looked_at": hint.total, "region": hint.region}


@dataclass(frozen=True)
class BatchRow:
    id: int
    kind: str  # "contacts" or "purchases"
    file_name: str
    started_at: str  # UTC, ISO 8601
    finished_at: str | None
    created: int
    updated: int
    skipped: int
    rejected: int
    undone_at: str | None
    tags: list[str]  # given to every customer the import added or changed
    customers_created: int = 0  # the customers it added (for an import of purchases, besides its purchases)
    joined: int = 0  # rows joined to a customer an earlier row of the file added or updated (ImportResult.joined)

    def to_json(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class UndoResult:
    batch: int
    contacts_removed: int
    contacts_restored: int
    purchases_removed: int = 0
    points_removed: int = 0
    due_again: int = 0  # purchases recorded before as due, which it marked paid
    from_trash: int = 0  # of the contacts removed, those that were in the Trash (deleted for good, as the others)


# --------------------------------------------------------------------------------------------------
# Cleaning a contact for import: contacts.clean_contact's answer, faster for many rows


_sort_key = lru_cache(maxsize=65536)(search.sort_key)


def clean_for_import(data: ContactInput, region: str | None) -> CleanContact:
    """contacts.clean_contact(data, region), without its per-call costs (a test holds them equal).

    A row that cleaning.row_to_contact read (an ImportedContact) was checked there field by field
    (text tidied and measured, emails and phones read, the birthday checked): it is taken as it is,
    phones with the raw text the file wrote. Anything else is checked here as clean_contact does.
    """
    if isinstance(data, cleaning.ImportedContact):
        values = {name: getattr(data, name) for name in TEXT_FIELDS}
        values["notes"] = data.notes
        values["birthday"] = data.birthday
        if not (values["first_name"] or values["last_name"] or values["company"]):
            raise ValidationFailed([InvalidValue("name", "", "required",
                                                 "give a first name, a last name or a company")])
        emails, phones, tags = list(data.emails), list(data.phone_details), list(data.tags)
        email_labels = list(data.email_labels)
    else:
        values, emails, email_labels, phones, tags = _check(data, region)
    first, last, company = values["first_name"], values["last_name"], values["company"]
    values["sort_name"] = search.sort_key(f"{last} {first}" if (first or last) else company)
    values["sort_company"] = _sort_key(company)
    values["sort_city"] = _sort_key(values["city"])
    values["sort_country"] = _sort_key(values["country"])
    now = utc_now()
    for channel in ("email", "sms"):
        granted = bool(getattr(data, f"{channel}_consent"))
        source = getattr(data, f"{channel}_consent_source") or ""
        if granted and not isinstance(data, cleaning.ImportedContact):
            try:
                source = v.clean_consent_source(source, f"{channel}_consent_source")
            except InvalidValue as e:
                raise ValidationFailed([e]) from None
        values.update(consent_values(channel, granted, getattr(data, f"{channel}_consent_at"), source, now))
    return CleanContact(values, emails, phones, tags, email_labels)


def _check(data: ContactInput, region: str | None):
    errors: list[InvalidValue] = []
    values: dict = {}
    for name in TEXT_FIELDS:
        try:
            values[name] = v.clean_text(getattr(data, name), name)
        except InvalidValue as e:
            errors.append(e)
            values[name] = ""
    try:
        values["notes"] = v.clean_text(data.notes, "notes", v.MAX_TEXT, multiline=True) if data.notes else ""
    except InvalidValue as e:
        errors.append(e)
        values["notes"] = ""
    try:
        values["birthday"] = v.clean_birthday(data.birthday)
    except InvalidValue as e:
        errors.append(e)
        values["birthday"] = None
    values["postal_code"] = postal_code_as_posted(values["postal_code"], values["country"], region)
    if not (values["first_name"] or values["last_name"] or values["company"]) and not any(
            e.field in ("first_name", "last_name", "company") for e in errors):
        errors.append(InvalidValue("name", "", "required", "give a first name, a last name or a company"))
    emails: list[str] = []
    email_labels: list[str] = []
    seen: set[str] = set()
    for i, text in enumerate(data.emails):
        if text and text.strip():
            try:
                email = cleaning.check_email(text, f"emails[{i}]")
            except InvalidValue as e:
                errors.append(e)
                continue
            if email.lower() not in seen:
                seen.add(email.lower())
                emails.append(email)
                email_labels.append(v.label_at(data.email_labels, i))
    phones: list[v.Phone] = []
    seen = set()
    for i, text in enumerate(data.phones):
        if text and text.strip():
            try:
                phone = cleaning.check_phone(text, region, f"phones[{i}]")
            except InvalidValue as e:
                errors.append(e)
                continue
            key = phone.e164 or phone.raw
            if key not in seen:
                seen.add(key)
                label = v.label_at(data.phone_labels, i)
                phones.append(replace(phone, label=label) if label else phone)
    def tag_or_none(text: str) -> str | None:
        try:
            return v.clean_tag(text)
        except InvalidValue as e:
            errors.append(e)
            return None

    tags = v.clean_tags(data.tags, tag_or_none)
    if errors:
        raise ValidationFailed(errors)
    return values, emails, email_labels, phones, tags


# --------------------------------------------------------------------------------------------------
# The file: dialect, headers, fields, date orders


@dataclass
class FileLayout:
    path: Path
    dialect: reader.Dialect
    headers: list[str]
    preset: str
    fields: list[str]
    date_orders: dict[int, str]
    ambiguous_columns: list[int]
    rows_total: int | None  # known when the file was read once before (for date orders)
    sales_export: bool = False  # a sales export read as a customer list: its buyers (customer_fields)


def check_options(options) -> None:
    if options.on_duplicate not in POLICIES:
        raise InvalidValue("on_duplicate", options.on_duplicate, "choice", "one of " + ", ".join(POLICIES))
    for row, choice in options.row_choices.items():
        if choice not in POLICIES:
            raise InvalidValue(f"row {row}", choice, "choice", "one of " + ", ".join(POLICIES))
    for column, order in options.date_orders.items():
        if order not in ("dmy", "mdy", "ymd"):
            raise InvalidValue(f"date order of column {column}", order, "choice", "dmy, mdy or ymd")
    region = options.region
    if region is not None and region not in phonenumbers.SUPPORTED_REGIONS:
        raise InvalidValue("region", region, "region", "a two-letter country code such as FR, DE or US")
    if isinstance(options, ImportOptions):
        import_tags(options)


def import_tags(options: ImportOptions) -> list[str]:
    """The tags for every contact the import creates or changes (`options.tags`), checked as a contact's are
    (InvalidValue), blanks and repeats left out."""
    return v.clean_tags(options.tags)


def sniff_with(path: Path, options) -> reader.Dialect:
    """reader.sniff, with what the options (ImportOptions or the like) say of how the file is written, and the
    rows they say the owner corrected."""
    dialect = reader.sniff(path, encoding=options.encoding, delimiter=options.delimiter, quote=options.quote,
                           header_row=options.header_row, row_end=options.row_end, region=encoding_region(options))
    return reader.corrected(dialect, options.corrections) if options.corrections else dialect


def encoding_region(options) -> str | None:
    """The country whose code page a short file of another alphabet than the Latin one is first read in
    (reader.sniff): the one the options give (the country of the file's phone numbers), else the computer's.
    (Not the shop's: the command line reads the file before it opens the database, and reads it alike after.)"""
    return options.region or system_region()


def given_up(name: str, *, purchases: bool) -> str:
    """What becomes of a column found to be field `name` when the owner gives `name` to another column."""
    return "" if purchases else "note"


# A sales export's columns of its buyer (as the purchases import reads them), and the customer's field each is.
BUYER_FIELDS = {"name": "full_name", "first_name": "first_name", "last_name": "last_name", "email": "email",
                "phone": "phone", "customer_id": "customer_id", "country": "country"}
IDENTITY_FIELDS = frozenset({"first_name", "last_name", "full_name", "email", "phone", "customer_id"})


def first_rows(path: Path, dialect: reader.Dialect) -> list[list[str]] | None:
    """The first rows of a customer list, to see what its columns hold (customer_fields); None for a vCard file."""
    return reader.preview(path, dialect) if dialect.vcard is None else None


def customer_fields(headers: list[str], preset: str = "auto", rows: list[list[str]] | None = None
                    ) -> list[str]:
    """A field for each column of a customer list (mapping.auto_map), and, given its first `rows`, the email for a
    column they show to hold email addresses (_emails_by_their_values). Of a sales export (a web shop's orders,
    each naming its buyer), its buyers only: the columns the purchases import reads as the buyer's are the
    customer's; the sale's own columns (its number, date, amounts, items, status) and columns nothing reads are
    left out, not written in every customer's notes; so is a name, email or phone that is not the buyer's
    (Shopify's "Name" is the order's number, "#1003"; PayPal's "To Email Address" the shop's own)."""
    from smallcrm.services.importing.purchases_import import sale_columns

    fields = mapping.auto_map(headers, preset)
    if rows and any(headers):  # (a file without column names has its every column said by the owner: the names too)
        _emails_by_their_values(rows, fields)
    sales = sale_columns(headers)
    if sales is None:
        return fields
    for i, (mapped, sale) in enumerate(zip(fields, sales)):
        if sale in BUYER_FIELDS:
            fields[i] = mapped if mapped not in ("note", "ignore") else BUYER_FIELDS[sale]
        elif (sale and sale != "ignore") or mapped in IDENTITY_FIELDS or mapped == "note":
            fields[i] = "ignore"
    return fields


def read_layout(path: Path, options, *, date_fields: Iterable[str] = DATE_FIELDS, map_headers=None,
                date_value: Callable[[str], str] | None = None, worker: WorkerDecisions | None = None) -> FileLayout:
    """Sniff the file, map its columns and find each date column's day/month order.

    The date orders need the column's values: the file is read once for them (streaming, only
    those cells kept), and the rows are counted on the way; by `worker`, when given (deciding.date_orders_in).
    A file with more rows than an import takes (reader.MAX_ROWS) is refused here, before any work on its rows.
    """
    path = Path(path)
    dialect = sniff_with(path, options)
    if map_headers is not None:
        require_sales_file(path, dialect)
    headers = reader.read_header(path, dialect)
    sales_export = False
    if map_headers is not None:
        preset, fields = map_headers(headers, options.preset)
    else:
        from smallcrm.services.importing.purchases_import import holds_purchases

        preset = mapping.detect_preset(headers) if options.preset == "auto" else options.preset
        fields = customer_fields(headers, preset, first_rows(path, dialect))
        sales_export = holds_purchases(headers)
    fields = fields + [""] * (len(headers) - len(fields))
    for column, name in options.overrides.items():
        if not 0 <= column < len(headers):
            raise InvalidValue("map", column, "column", f"the file has {len(headers)} columns")
        fields[column] = name
    # A field of one column the owner gives another column: theirs, in place of the one found for it (kept in the
    # notes of a customer; of a sale, left out)
    chosen = {name for name in options.overrides.values() if name not in mapping.REPEATABLE}
    for i, name in enumerate(fields):
        if name in chosen and i not in options.overrides:
            fields[i] = given_up(name, purchases=map_headers is not None)
    date_fields = set(date_fields)
    date_columns = [i for i, name in enumerate(fields) if name in date_fields]
    orders: dict[int, str] = {}
    ambiguous: list[int] = []
    total = None
    if date_columns:
        found = None
        if worker is not None and date_value is None:
            try:
                found, total = worker.date_orders(path, dialect, date_columns, len(fields))
            except WorkerFailed:
                pass  # read here, then
        if found is None:
            found, total = date_orders_in(path, dialect, date_columns, len(fields), date_value)
        for i in date_columns:
            order = options.date_orders.get(i) or found.get(i, "ymd")
            if order == "ambiguous":
                ambiguous.append(i)
            else:
                orders[i] = order
    if total is None:  # (the pass for the dates stops at a file with too many rows)
        reader.check_size(path, dialect)
    return FileLayout(path, dialect, headers, preset, fields, orders, ambiguous, total, sales_export)


# Fields a column of email addresses may be given by its header ("Contact", a person's name in most lists), or by
# none (a column without one, kept in the notes): the email's, by what it holds (_emails_by_their_values)
_BY_VALUES = frozenset({"full_name", "first_name", "last_name", "company", "note"})


def _emails_by_their_values(rows: list[list[str]], fields: list[str]) -> None:
    """Give the email field to each column of `fields` whose values in the first `rows` are all email addresses,
    that its header (or no header) gave a name or the notes: the customers would have their addresses in their
    notes, or as their names, and none to write to or to find them by."""
    for i in [i for i, name in enumerate(fields) if name in _BY_VALUES]:
        values = [row[i].strip() for row in rows if i < len(row) and row[i].strip()]
        if values and all(reader.EMAIL_LIKE.fullmatch(value) for value in values):
            fields[i] = "email"


def require_sales_file(path: Path, dialect: reader.Dialect) -> None:
    """Refuse a vCard file (a phone's contacts) given as a file of sales."""
    if dialect.vcard is not None:
        raise reader.ImportFileProblem(path, "contacts_file")


WHO_FIELDS = ("first_name", "last_name", "full_name", "company", "email", "phone")  # a row needs one to be someone


def wrong_separator(path: Path, options) -> str | None:
    """When the columns were read with a separator chosen that the file does not use ("Prénom;Nom;Courriel" read
    with tabs: one column), the one it is detected to use: ";", ",", "|" or "tab"; None otherwise (no separator
    chosen, or the file's own: a list of "Dupont, Marie" under "Nom, Prénom" is one column)."""
    if options.delimiter is None:
        return None
    try:
        if len(reader.read_header(path, sniff_with(path, options))) != 1:
            return None
        found = reader.sniff(path, encoding=options.encoding, quote=options.quote, header_row=options.header_row,
                             row_end=options.row_end, region=encoding_region(options))
        if len(reader.read_header(path, found)) < 2:
            return None
    except (SmallCrmError, OSError, LookupError):
        return None
    return "tab" if found.delimiter == "\t" else found.delimiter


def require_separator(path: Path, options) -> None:
    """Refuse a separator chosen that the file does not use, saying the one it seems to (wrong_separator)."""
    separator = wrong_separator(path, options)
    if separator is not None:
        raise InvalidValue("delimiter", separator, "separator", "the column names were read as one column: the "
                           f"file's columns seem to be separated by “{separator}”, not by the separator chosen")


def require_customer_columns(headers: list[str], fields: list[str]) -> None:
    """Refuse a file none of whose columns goes to a name, company, email or phone: no row of it could become
    a customer (a file without column names has its first customer read as them; a sales export is no list)."""
    if any(name in WHO_FIELDS for name in fields):
        return
    from smallcrm.services.importing.purchases_import import holds_purchases

    if holds_purchases(headers):
        detail = "this is a sales export, not a customer list: import it as purchases"
    elif not any(headers):
        detail = ("the file has no row of column names, so no column goes to a name, company, email or phone until "
                  "you say which column holds what")
    else:
        shown = ", ".join(f"“{h}”" for h in headers[:4]) + (", …" if len(headers) > 4 else "")
        detail = (f"no column goes to a name, company, email or phone. The column names were read as {shown}: "
                  "if that is a customer, the file has no row of column names: give --header-row 0, and say which "
                  "column holds what")
    raise InvalidValue("columns", ", ".join(headers), "column", detail)


def require_date_orders(layout: FileLayout) -> None:
    if layout.ambiguous_columns:
        raise DateOrderNeeded([(i, layout.headers[i]) for i in layout.ambiguous_columns])


# --------------------------------------------------------------------------------------------------
# A contact as it is (or will be) in the database, for merging and writing

# SCALARS, CONSENT_COLUMNS and CONTACT_COLUMNS (the contact columns an import writes) are deciding's.
_NAME_PARTS = ("first_name", "last_name", "company", "city", "country")


@dataclass
class State:
    id: int
    row: dict  # column -> database value
    emails: list[list]  # [email id or None (new), email, label, position]
    phones: list[list]  # [phone id or None, raw, e164, digits, label, position]
    tags: list[str]
    created: bool  # made by this import (then it is journalled as created, never as updated)
    original: tuple | None = None  # (row, emails, phones, tags) as loaded, for the journal
    dirty: bool = False
    notes_full: bool = False  # notes a row would add to did not fit (v.MAX_TEXT): left out, and said


def extras_of(data: ContactInput) -> dict[str, str]:
    """What a row says beyond ContactInput (cleaning.ImportedContact, whose text is tidied already): the
    customer's number elsewhere and how they found the shop."""
    return {EXTERNAL_ID: (getattr(data, "customer_id", "") or "")[:v.MAX_NAME],
            "source": (getattr(data, "source", "") or "")[:v.MAX_NAME]}


def _db_values(clean: CleanContact, extras: dict[str, str], moment: str) -> dict:
    row = {name: clean.values[name] for name in (*TEXT_FIELDS, "birthday", "notes", "sort_name", "sort_company",
                                                 "sort_city", "sort_country")}
    row[EXTERNAL_ID] = extras.get(EXTERNAL_ID, "")
    row["source"] = extras.get("source", "")
    for channel in ("email", "sms"):
        row[f"{channel}_consent"] = int(clean.values[f"{channel}_consent"])
        at = clean.values[f"{channel}_consent_at"]
        row[f"{channel}_consent_at"] = to_utc_text(at) if at is not None else None
        row[f"{channel}_consent_source"] = clean.values[f"{channel}_consent_source"]
    row["updated_at"] = moment
    return row


def new_state(contact_id: int, clean: CleanContact, extras: dict[str, str], moment: str) -> State:
    return State(
        contact_id, _db_values(clean, extras, moment),
        [[None, e, label, i] for i, (e, label) in enumerate(zip(clean.emails, clean.email_labels))],
        [[None, p.raw, p.e164, p.digits, p.label, i] for i, p in enumerate(clean.phones)],
        list(clean.tags), created=True)


class NewContact(NamedTuple):
    """A contact a row creates, as the row brought it (deciding.Incoming, or a plain tuple of the same
    fields): written as it is, unless a later row of the import changes it (see `created_state`)."""

    id: int
    brought: Incoming | tuple


def created_state(new: NewContact) -> State:
    """The state of a contact a row creates (what `new_state` gives for the same row), to merge into."""
    values, emails, phones, tags = new.brought[:4]
    return State(new.id, dict(zip(CONTACT_COLUMNS, values)),
                 [[None, *email, i] for i, email in enumerate(emails)],
                 [[None, *phone, i] for i, phone in enumerate(phones)],
                 list(tags), created=True)


def load_states(conn, ids: list[int], created: set[int]) -> dict[int, State]:
    """The contacts `ids` as they are in the database: four queries per 500."""
    states: dict[int, State] = {}
    columns = ", ".join(CONTACT_COLUMNS)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for cid, *values in conn.execute(f"SELECT id, {columns} FROM contact WHERE id IN ({marks})", chunk):
            states[cid] = State(cid, dict(zip(CONTACT_COLUMNS, values)), [], [], [], cid in created)
        for eid, cid, email, label, position in conn.execute(
                f"SELECT id, contact_id, email, label, position FROM contact_email WHERE contact_id IN ({marks})"
                " ORDER BY contact_id, position, id", chunk):
            states[cid].emails.append([eid, email, label, position])
        for pid, cid, raw, e164, digits, label, position in conn.execute(
                f"SELECT id, contact_id, raw, e164, digits, label, position FROM contact_phone"
                f" WHERE contact_id IN ({marks}) ORDER BY contact_id, position, id", chunk):
            states[cid].phones.append([pid, raw, e164, digits, label, position])
        for cid, name in conn.execute(
                f"SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
                f" WHERE ct.contact_id IN ({marks}) ORDER BY ct.contact_id, t.name", chunk):
            states[cid].tags.append(name)
    for state in states.values():
        if not state.created:
            state.original = (dict(state.row), [list(e) for e in state.emails], [list(p) for p in state.phones],
                              list(state.tags))
    return states


def _with_lines(old: str | None, new: str) -> str:
    """`old` notes with the lines of `new` they do not have yet added after them."""
    if not old:
        return new
    have = set(old.splitlines())
    added = [line for line in new.splitlines() if line not in have]
    return "\n".join([old, *added]) if added else old


# One address: never one part from the file beside another from the book.
_PLACE = ("street", "postal_code", "city", "country")
_LOCAL = ("street", "postal_code", "city")


def _same_place_part(name: str, a: str | None, b: str | None) -> bool:
    if name == "country":  # "FR", "France", "Frankreich"
        a_region, b_region = cleaning.region_of_country(a or ""), cleaning.region_of_country(b or "")
        if a_region and b_region:
            return a_region == b_region
    return "".join((a or "").split()).casefold() == "".join((b or "").split()).casefold()


def _merge_place(row: dict, incoming: dict, policy: str) -> bool:
    """The street, postal code, city and country of a duplicate row, taken as one address. It is the
    contact's own address, perhaps with more of it, when the contact has no street, postal code or city, or
    when one of those is in both and every part in both agrees; then "fill" fills the empty parts and
    "overwrite" takes the file's writing. Another address is left alone by "fill" and put in place whole
    by "overwrite" (a part the file does not give is emptied: it belonged to the old address). A file that
    gives only a country changes only the country, as any other field. True when anything changed."""
    given = {name: incoming[name] for name in _PLACE if incoming[name]}
    shared = [name for name in given if row[name]]
    if not any(name in given for name in _LOCAL):  # only a country
        same = True
    elif not any(row[name] for name in _LOCAL):  # the contact has only a country, or no address
        same = all(_same_place_part(name, row[name], given[name]) for name in shared)
    else:
        same = any(name in _LOCAL for name in shared) and all(
            _same_place_part(name, row[name], given[name]) for name in shared)
    if same:  # the same address, perhaps with more of it
        changed = False
        for name, value in given.items():
            if row[name] != value and (policy == "overwrite" or not row[name]):
                row[name] = value
                changed = True
        return changed
    if policy == "fill":
        return False
    for name in _PLACE:
        row[name] = given.get(name, "")
    return True


def named_after_details(state: State) -> bool:
    """Whether the contact's only name is its email or phone, standing in for a name the row that made it did not
    have (cleaning.RowCleaner)."""
    row = state.row
    first = row["first_name"]
    if not first or row["last_name"] or row["company"]:
        return False
    return any(first == email or len(email) > v.MAX_NAME and first == email.split("@")[0][:200]
               for _, email, *_ in state.emails) or any(first == raw for _, raw, *_ in state.phones)


def _initial_of(short: str, name: str | None) -> bool:
    """Whether a first name is written as the initials of another ("J." of Jean, "J.-L." of Jean-Luc): overwriting
    it with them would lose it."""
    parts = [w for w in re.split(r"[\s.\-]+", short) if w]
    words = [w for w in re.split(r"[\s\-]+", name or "") if w]
    return bool(parts) and len(parts) == len(words) and all(
        len(p) == 1 and w[0].casefold() == p.casefold() for p, w in zip(parts, words))


def _withdraw(row: dict, refused: tuple[int, int], policy: str) -> bool:
    """Withdraw the consent (email, then SMS) that a row says the customer took back: an unsubscribe always, a plain
    no when overwriting. True when any was."""
    changed = False
    for channel, against in zip(("email", "sms"), refused):
        if row[f"{channel}_consent"] and (against == cleaning.OPTED_OUT
                                          or against == cleaning.SAID_NO and policy == "overwrite"):
            row[f"{channel}_consent"] = 0
            row[f"{channel}_consent_at"] = None
            row[f"{channel}_consent_source"] = ""
            changed = True
    return changed


def merge(state: State, brought: Incoming | tuple, policy: str, moment: str, own_numbers: bool = False) -> bool:
    """Apply a duplicate row (what it brought: deciding.Incoming, or a plain tuple of the same fields) to
    `state` by `policy` ("fill" or "overwrite", or WITHDRAW: only the unsubscribe it says); True when anything
    changed. `own_numbers`: the file is a contacts export of a book (export.is_contacts_export), whose customer
    numbers are that book's own: the customer's own number in this one is no number in another system."""
    row = state.row
    brought_values, brought_emails, brought_phones, brought_tags, *refused = brought
    refused = refused[0] if refused else (cleaning.NOT_SAID, cleaning.NOT_SAID)
    if policy == WITHDRAW:
        changed = _withdraw(row, refused, policy)
        if changed:
            row["updated_at"] = moment
            state.dirty = True
        return changed
    incoming = dict(zip(CONTACT_COLUMNS, brought_values))
    changed = False
    named = incoming["first_name"], incoming["last_name"], incoming["company"]
    if any(named) and named != (row["first_name"], row["last_name"], row["company"]) and (
            named_after_details(state) or cleaning.named_after_number(
                row["first_name"], row["last_name"], row["company"], row[EXTERNAL_ID])):
        # (the file's name takes the place of an email, phone or customer number standing in for one)
        row["first_name"] = row["last_name"] = ""
        changed = True
    for name in SCALARS:
        new = incoming[name]
        if new in ("", None) or name in _PLACE or own_numbers and name == EXTERNAL_ID and new == str(state.id):
            continue
        old = row[name]
        if name == "notes":  # added to, never replaced: they may hold what the owner wrote
            combined = _with_lines(old, new)
            if combined != old and len(combined) > v.MAX_TEXT:
                state.notes_full = True
            elif combined != old:
                row[name] = combined
                changed = True
            continue
        if name == "birthday" and old and old != new and old[-5:] == new[-5:] and "--" in (old[:2], new[:2]):
            if old.startswith("--"):  # the same day with its year, which the customer's lacked; never the year taken
                row[name] = new
                changed = True
            continue
        if (policy == "fill" and old in ("", None)) or (policy == "overwrite" and old != new
                                                        and not (name == "first_name" and _initial_of(new, old))):
            row[name] = new
            changed = True
    if any(incoming[name] for name in _PLACE) and _merge_place(row, incoming, policy):
        changed = True
    for channel in ("email", "sms"):
        if incoming[f"{channel}_consent"] and not row[f"{channel}_consent"]:
            row[f"{channel}_consent"] = 1
            row[f"{channel}_consent_at"] = incoming[f"{channel}_consent_at"]
            row[f"{channel}_consent_source"] = incoming[f"{channel}_consent_source"]
            changed = True
    if _withdraw(row, refused, policy):
        changed = True
    if changed:
        keys = search.sort_keys(*(row[k] for k in _NAME_PARTS))
        row.update(keys)

    def merge_list(items: list[list], new_items: list[list], key) -> bool:
        have = {key(item): item for item in items}
        added = [item for item in new_items if key(item) not in have]
        labelled = False
        for item in new_items:  # what kind of number one is (item[-2], an email's or a phone's label)
            old = have.get(key(item))
            if old is not None and item[-2] and old[-2] != item[-2] and (policy == "overwrite" or not old[-2]):
                old[-2] = item[-2]
                labelled = True
        if policy == "overwrite":
            firsts = [have.get(key(item), item) for item in new_items]
            chosen = {id(item) for item in firsts}
            ordered = firsts + [item for item in items if id(item) not in chosen]
        else:
            ordered = items + added
        moved = False
        for position, item in enumerate(ordered):
            if item[-1] != position:
                item[-1] = position
                moved = True
        items[:] = ordered
        return bool(added) or moved or labelled

    incoming_emails = [[None, *email, 0] for email in brought_emails]
    incoming_phones = [[None, *phone, 0] for phone in brought_phones]
    if merge_list(state.emails, incoming_emails, lambda item: item[1].lower()):
        changed = True
    # one number however its digits are spaced: "0171 1234567" and "0171-1234567", or "0049 171 1234567" and
    # +49 171 1234567; and a number typed without its country, in the national form of one of the customer's
    # ("06 98 76 54 32" read in a shop elsewhere, beside their +33 6 98 76 54 32): the same person's, it is that
    # number (two people's numbers may share a national form, a French and a Dutch mobile's "06 12 34 56 78", but
    # not one person's two)
    # A number kept as typed (read then with no country) whose digits the file writes again and now reads is that
    # number, now read ("06 12 34 56 78", imported again with the shop's country France, is +33 6 12 34 56 78)
    as_typed = {re.sub(r"\D", "", item[1]): item for item in state.phones if not item[2]}
    for raw, e164, digits, _ in brought_phones if as_typed else ():
        kept = as_typed.get(re.sub(r"\D", "", raw)) if e164 else None
        if kept is not None and all(item[2] != e164 for item in state.phones):
            kept[2:4] = [e164, digits]
            changed = True
    number_of = {}
    for item in state.phones:
        full = [item[2][1:], "00" + item[2][1:], national_digits(item[2])] if item[2] else []
        for form in (re.sub(r"\D", "", item[1]), *full):
            number_of.setdefault(form, item[2] or item[1])

    def number(item: list) -> str:
        return item[2] or number_of.get(re.sub(r"\D", "", item[1]), item[1])

    if merge_list(state.phones, incoming_phones, number):
        changed = True
    have_tags = {t.casefold() for t in state.tags}
    for tag in brought_tags:
        if tag.casefold() not in have_tags:
            have_tags.add(tag.casefold())
            state.tags.append(tag)
            changed = True
    if changed:
        row["updated_at"] = moment
        state.dirty = True
    return changed


# --------------------------------------------------------------------------------------------------
# Writing


CONTACT_TABLES = ("contact", "contact_email", "contact_phone", "contact_tag")


@contextmanager
def no_gc():
    """The cyclic garbage collector off while an import runs: it makes millions of small objects and no
    cycles worth collecting, and each full pass would hold up every thread (the window) for a tenth of a
    second or more as the heap grows. Let go of what the import made before the block ends (`let_go`, or
    return from a function called inside it): the first pass after it scans what is still there, all at once."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def let_go(*containers) -> None:
    """Empty large lists and dicts an item at a time. Freeing millions of objects in one go (a container's last
    reference dropped) holds Python's global lock throughout: the window would freeze for that long."""
    for container in containers:
        take = container.popitem if isinstance(container, dict) else container.pop
        while container:
            take()


def insert_in_parts(conn, sql: str, rows: list, part: int = 2000) -> None:
    """`conn.executemany(sql, rows)`, a part at a time, with a moment's pause between parts. While executemany
    runs, this thread lets go of Python's global lock and takes it back at every row, so often that a thread
    waiting for it (the window's) never gets it: a long executemany freezes the window. The pause hands it over."""
    for start in range(0, len(rows), part):
        if start:
            time.sleep(0.001)
        conn.executemany(sql, rows[start:start + part])


@contextmanager
def indexes_off(conn, tables: Iterable[str], keep: Iterable[str] = ()):
    """Drop the tables' indexes (those written as CREATE INDEX, but those named in `keep`) and make them again,
    from the same SQL, at the end. Inside a transaction: if anything fails, the rollback brings them back."""
    tables = list(tables)
    keep = set(keep)
    marks = ",".join("?" * len(tables))
    indexes = [(name, sql) for name, sql in conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})"
        " ORDER BY name", tables) if name not in keep]
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        conn.execute(sql)


# The indexes that find a contact's emails and phones: the search index's rows are read through them
# while an import writes (see Writer.maybe_bulk), so they stay; they grow in order, as contacts are added.
BY_CONTACT_INDEXES = ("contact_email_by_contact", "contact_phone_by_contact")


@contextmanager
def search_triggers_off(conn):
    """The search index's triggers dropped while the writer keeps the index itself (Writer.index_contacts),
    and made again at the end. Inside a transaction: if anything fails, the rollback brings them back."""
    for statement in search.drop_trigger_statements():
        conn.execute(statement)
    yield
    for statement in search.trigger_statements():
        conn.execute(statement)


@contextmanager
def search_merges_off(conn):
    """The search index's segments left unmerged while the writer adds to it in large parts, and its usual
    merging back at the end (SQLite's default, 4). Merging as it goes would merge each part into the last ones,
    again and again; later writes to the index go on merging, a little at a time. Inside a transaction: if
    anything fails, the rollback puts the setting back."""
    conn.execute("INSERT INTO contact_fts(contact_fts, rank) VALUES ('automerge', 0)")
    yield
    conn.execute("INSERT INTO contact_fts(contact_fts, rank) VALUES ('automerge', 4)")


_contact_values = itemgetter(*CONTACT_COLUMNS)  # a state's row, in CONTACT_COLUMNS order


class Writer:
    """Writes states in chunks through the raw connection, inside the caller's transaction."""

    def __init__(self, conn, batch_id: int, moment: str, existing_contacts: int):
        self.conn = conn
        self.batch_id = batch_id
        self.moment = moment
        self.existing = existing_contacts
        self.tags: dict[str, int] = dict(conn.execute("SELECT name_key, id FROM tag"))  # by the name case-folded
        self.created_tags: list[int] = []
        self.created_ids: set[int] = set()
        self.written = 0
        self.stack = ExitStack()
        self.bulk = False
        self.fts_columns = ""  # the search index's columns, once the writer keeps the index itself
        self.unindexed: list[int] = []  # new contacts written, not yet in the search index

    def maybe_bulk(self, upcoming: int) -> None:
        """For many contacts, the search triggers off: the writer puts each chunk's contacts in the search
        index itself, with one statement (the triggers would refresh a contact's index row once for each
        of its emails, phones and tags). When the import at least doubles the contacts, their other indexes
        are dropped too and made again at the end (sorting once beats inserting row by row)."""
        writes = self.written + upcoming
        if not self.bulk and writes >= BULK_MIN:
            self.stack.enter_context(search_triggers_off(self.conn))
            self.stack.enter_context(search_merges_off(self.conn))
            self.bulk = True
            self.fts_columns = ", ".join(row[1] for row in self.conn.execute("PRAGMA table_info(contact_fts)"))
            if writes >= self.existing:
                self.stack.enter_context(indexes_off(self.conn, CONTACT_TABLES, keep=BY_CONTACT_INDEXES))

    def index_contacts(self, ids: list[int], *, new: bool) -> None:
        """Put the contacts `ids` in the search index as the triggers would (search.INDEX_ROWS), after
        writing them with the triggers off. `new`: contacts written for the first time (new ids)."""
        conn = self.conn
        insert = f"INSERT INTO contact_fts(rowid, {self.fts_columns}) {search.INDEX_ROWS}"
        low, high = min(ids), max(ids)
        if new and high - low + 1 == len(ids):
            conn.execute("DELETE FROM contact_fts WHERE rowid BETWEEN ? AND ?", (low, high))
            conn.execute(f"{insert} AND c.id BETWEEN ? AND ? ORDER BY c.id", (low, high))
            return
        ids = sorted(ids)
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            marks = ",".join("?" * len(part))
            conn.execute(f"DELETE FROM contact_fts WHERE rowid IN ({marks})", part)
            conn.execute(f"{insert} AND c.id IN ({marks}) ORDER BY c.id", part)

    def tag_id(self, name: str) -> int:
        key = name.casefold()
        tid = self.tags.get(key)
        if tid is None:
            tid = self.conn.execute("INSERT INTO tag (name, name_key) VALUES (?, ?)", (name, key)).lastrowid
            self.tags[key] = tid
            self.created_tags.append(tid)
        return tid

    def create(self, states: list[State | NewContact]) -> None:
        """Write new contacts (in id order): their rows, emails, phones and tags, and the journal."""
        if not states:
            return
        self.maybe_bulk(len(states))
        moment = self.moment
        contacts, emails, phones, tags = [], [], [], []
        for s in states:
            if type(s) is NewContact:
                cid, (values, brought_emails, brought_phones, brought_tags, *_) = s
                contacts.append((cid, moment, *values))
                if brought_emails:
                    emails += [(cid, *email, i) for i, email in enumerate(brought_emails)]
                if brought_phones:
                    phones += [(cid, *phone, i) for i, phone in enumerate(brought_phones)]
                if brought_tags:
                    tags += [(cid, t) for t in brought_tags]
            else:
                cid = s.id
                contacts.append((cid, moment, *_contact_values(s.row)))
                emails += [(cid, e[1], e[2], e[3]) for e in s.emails]
                phones += [(cid, p[1], p[2], p[3], p[4], p[5]) for p in s.phones]
                tags += [(cid, t) for t in s.tags]
        columns = ("id", "created_at", *CONTACT_COLUMNS)
        conn = self.conn
        conn.executemany(f"INSERT INTO contact ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                         contacts)
        conn.executemany("INSERT INTO contact_email (contact_id, email, label, position) VALUES (?, ?, ?, ?)", emails)
        conn.executemany("INSERT INTO contact_phone (contact_id, raw, e164, digits, label, position)"
                         " VALUES (?, ?, ?, ?, ?, ?)", phones)
        tag_id = self.tag_id
        conn.executemany("INSERT INTO contact_tag (contact_id, tag_id) VALUES (?, ?)",
                         [(cid, tag_id(t)) for cid, t in tags])
        ids = [row[0] for row in contacts]
        low, high = min(ids), max(ids)
        if high - low + 1 == len(ids):  # one run of new ids: journalled in one statement
            conn.execute("INSERT INTO import_change (batch_id, contact_id, action)"
                         " SELECT ?, id, 'created' FROM contact WHERE id BETWEEN ? AND ?", (self.batch_id, low, high))
        else:
            conn.executemany("INSERT INTO import_change (batch_id, contact_id, action) VALUES (?, ?, 'created')",
                             [(self.batch_id, i) for i in ids])
        if self.bulk:
            self.unindexed += ids
            if len(self.unindexed) >= FTS_BATCH:
                self.index_new()
        self.created_ids.update(ids)
        self.written += len(states)

    def index_new(self) -> None:
        """Put the new contacts written since the last time in the search index."""
        if self.unindexed:
            self.index_contacts(self.unindexed, new=True)
            self.unindexed = []

    def update(self, states: Iterable[State]) -> None:
        """Write what changed in each state, a statement per kind of change for all of them (executemany);
        journal the contacts this import did not create. Rows are added or moved, never deleted, so
        that undo can put back every email and phone row as it was, with its id."""
        states = [s for s in states if s.dirty]
        if not states:
            return
        self.maybe_bulk(len(states))
        self.index_new()
        journal = [(self.batch_id, s.id, json.dumps(_before(s), ensure_ascii=False))
                   for s in states if s.original is not None and s.id not in self.created_ids]
        conn = self.conn
        assignments = ", ".join(f"{c} = ?" for c in CONTACT_COLUMNS)
        conn.executemany(f"UPDATE contact SET {assignments} WHERE id = ?",
                         [(*(s.row[c] for c in CONTACT_COLUMNS), s.id) for s in states])
        conn.executemany("INSERT INTO contact_email (contact_id, email, label, position) VALUES (?, ?, ?, ?)",
                         [(s.id, e[1], e[2], e[3]) for s in states for e in s.emails if e[0] is None])
        conn.executemany("UPDATE contact_email SET label = ?, position = ? WHERE id = ?"
                         " AND (label != ? OR position != ?)",
                         [(*e[2:4], e[0], *e[2:4]) for s in states for e in s.emails if e[0] is not None])
        conn.executemany("INSERT INTO contact_phone (contact_id, raw, e164, digits, label, position)"
                         " VALUES (?, ?, ?, ?, ?, ?)",
                         [(s.id, *p[1:]) for s in states for p in s.phones if p[0] is None])
        conn.executemany("UPDATE contact_phone SET e164 = ?, digits = ?, label = ?, position = ? WHERE id = ?"
                         " AND (e164 IS NOT ? OR digits != ? OR label != ? OR position != ?)",
                         [(*p[2:6], p[0], *p[2:6]) for s in states for p in s.phones if p[0] is not None])
        conn.executemany("INSERT OR IGNORE INTO contact_tag (contact_id, tag_id) VALUES (?, ?)",
                         [(s.id, self.tag_id(t)) for s in states for t in s.tags])
        conn.executemany(
            "INSERT INTO import_change (batch_id, contact_id, action, before) VALUES (?, ?, 'updated', ?)", journal)
        for s in states:
            s.dirty = False
        if self.bulk:
            self.index_contacts([s.id for s in states], new=False)
        self.written += len(states)

    def finish(self) -> None:
        self.index_new()
        self.stack.close()  # the indexes and the search triggers back, when they were off


def _before(s: State) -> dict:
    """What the journal keeps of an updated contact: the columns, lists and tags it had, where they changed."""
    row, emails, phones, tags = s.original
    before: dict = {"contact": {c: row[c] for c in CONTACT_COLUMNS if row[c] != s.row[c]}}
    if emails != s.emails:
        before["emails"] = emails
    if phones != s.phones:
        before["phones"] = phones
    if tags != s.tags:
        before["tags"] = tags
    return before


# Why rejected rows may not be written to a file (OutputProblem.detail; the window words them in its language).
IS_FOLDER, NO_FOLDER = "it is a folder", "its folder does not exist"
IS_SOURCE, IS_DATABASE = "it is the file being imported", "it is the customer database"


def check_rejects_path(path: Path | str, source: Path | str, database_file: Path | str | None = None) -> Path:
    """Where the rejected rows of importing `source` may be written. Raises OutputProblem for a folder, a
    folder that is not there, the file being imported and the database (`database_file`, or the open one):
    writing there would lose it."""
    path = Path(path).expanduser()
    database_file = database_file or database.database
    if path.is_dir():
        raise OutputProblem(path, IS_FOLDER)
    if not path.parent.is_dir():
        raise OutputProblem(path, NO_FOLDER)
    if files.same_file(path, Path(source)):
        raise OutputProblem(path, IS_SOURCE)
    if database_file not in (None, "", ":memory:") and files.same_file(path, Path(database_file).expanduser()):
        raise OutputProblem(path, IS_DATABASE)
    return path


# The two columns write_rejects puts first, in the languages the window speaks (a file of rejected rows has them)
REJECTS_HEADINGS = [["row", "problem"], ["ligne", "probleme"]]


def write_rejects(rejects: Iterable[Reject], path: Path | str, source: Path | str, dialect: reader.Dialect, *,
                  heading: tuple[str, str] = ("Row", "Problem"), words: Callable[[str], str] | None = None) -> int:
    """The rejected rows of `source` as a CSV file to correct in a spreadsheet and import again; return how many.

    Each row is written as reading the file gives it (as the owner corrected it: Dialect.corrections), under its
    column names, after two columns of its own: its number and what is wrong with it (`heading`; an import
    ignores them, and a file of rejected rows has its own two replaced). The file's separator, so that a
    spreadsheet set for it opens the file in columns; UTF-8 with a byte-order mark. Cells a spreadsheet would run
    as a formula get a leading apostrophe (an import takes it off again). `words(text)`: a reason or detail in the
    reader's language. Raises OutputProblem when the file cannot be written.
    """
    problems: dict[int, list[str]] = {}
    for r in rejects:
        text = words(r.reason) if words else f"{r.reason}"
        if r.column:
            text += f" ({r.column}: {r.value})" if r.value else f" ({r.column})"
        if r.detail:  # what the check found ("There must be something after the @-sign.")
            text += f": {words(r.detail) if words else r.detail}"
        problems.setdefault(r.row, []).append(text)
    count = 0
    try:
        with files.whole_file(path, encoding="utf-8-sig") as f:
            out = csv.writer(f, delimiter=dialect.delimiter if dialect.delimiter in ",;\t|" else ",")
            headers = reader.read_header(source, dialect)
            own = 2 if [mapping.header_key(h) for h in headers[:2]] in REJECTS_HEADINGS else 0
            out.writerow([*heading, *map(guard, headers[own:])])
            if problems:
                last = max(problems)
                with reader.read_rows(source, dialect) as rows:
                    for number, cells in rows:
                        if number in problems:
                            out.writerow([number, guard("; ".join(problems[number])), *map(guard, cells[own:])])
                            count += 1
                        if number >= last:
                            break
    except OSError as e:
        raise OutputProblem(path, e.strerror or str(e)) from e
    return count


def reject_words(r: Reject) -> str:
    """Why a row was rejected, in plain words: the reason, and what the check found, when it says more ("invalid
    email: There must be something after the @-sign.")."""
    return f"{r.reason}: {r.detail}" if r.detail else f"{r.reason}"


def guard(text: str) -> str:
    """A cell a spreadsheet shows as text: formulas (= + - @, tab, CR first) get a leading apostrophe."""
    return "'" + text if text and text[0] in "=+-@\t\r" else text


# --------------------------------------------------------------------------------------------------
# Reading and deciding, row by row


class ContactRun:
    """One pass over the file: decides every row (deciding.Decider, here or in a worker process) and applies
    the decisions; with a Writer, writes as it goes."""

    def __init__(self, layout: FileLayout, options: ImportOptions, conn, *, writer: Writer | None, moment: str,
                 progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                 worker: WorkerDecisions | None = None):
        self.layout = layout
        self.options = options
        self.conn = conn
        self.writer = writer
        self.moment = moment
        self.progress = progress
        self.cancelled = cancelled
        self.region = import_region(options)
        self.next_id = (conn.execute("SELECT max(id) FROM contact").fetchone()[0] or 0) + 1
        self.counts = {"create": 0, "update": 0, "join": 0, "skip": 0, "reject": 0}
        self.rejects: list[Reject] = []
        self.preview: list[PlannedRow] = []
        self.rows = 0
        self.first_new_id = self.next_id
        self.states: dict[int, State] = {}  # existing contacts (and written new ones) this import changes
        self.pending: dict[int, NewContact | State] = {}  # new contacts of the chunk at hand, not written yet
        self.row_of: dict[int, int] = {}  # new contact id -> the row that creates it
        self.updated: set[int] = set()  # the customers in the book an earlier row updated (a later one joins them)
        self.warnings: list[tuple[str, int]] = []
        self.warning_rows: dict[str, list[int]] = {}  # the first rows of what reading tidied, by kind
        self.withdrawn = 0  # customers whose marketing consent (either) the file took back
        self.notes_full: set[int] = set()  # customers whose notes could not take what the file adds (State)
        self.duplicates: list[DuplicateRow] = []  # a dry run's, every one
        self.cut_short = False  # rows were left unread (run's `limit`)
        self.setup = Setup(layout.path, layout.dialect, layout.fields, layout.headers, layout.date_orders,
                           self.region, options.on_duplicate, dict(options.row_choices), consent_source_of(layout.path),
                           self.next_id, moment, CHUNK, _database_file(),
                           keep_rows=PREVIEW_ROWS if writer is None else 0, tags=tuple(import_tags(options)),
                           language=shop_language())
        self.own_numbers = export.is_contacts_export(layout.headers)
        self.worker = worker
        self.index: DuplicateIndex | None = None
        self.decider: Decider | None = None
        if worker is None:
            self._decide_here()

    def _decide_here(self) -> None:
        self.index = DuplicateIndex.from_database(self.conn)
        self.decider = Decider(self.setup, self.index)

    def run(self, limit: int | None = None) -> None:
        """Decide (and, with a writer, write) every row; only the first `limit` rows when given."""
        if limit is not None:
            self._run_here(limit)
        else:
            if self.worker is not None:
                try:
                    self._run_in_worker()
                except WorkerFailed:
                    if self.rows:
                        raise
                    self.worker = None  # it never got going: decide here instead
                    self._decide_here()
            if self.worker is None:
                self._run_here()
            if self.writer is not None:
                self.writer.update(self.states.values())
        if self.withdrawn:
            self.warnings.append(("consent_withdrawn", self.withdrawn))
        if self.notes_full:
            self.warnings.append(("notes_full", len(self.notes_full)))
        if self.rows and self.layout.sales_export:
            self.warnings.append(("sale_rows", self.rows))  # (their buyers read, not the sales)

    def _run_here(self, limit: int | None = None) -> None:
        chunk: list[tuple[int, list[str]]] = []
        with reader.read_rows(self.layout.path, self.layout.dialect, limit) as rows:
            for item in rows:
                chunk.append(item)
                if len(chunk) >= CHUNK:
                    self._chunk(chunk)
                    chunk = []
            self._chunk(chunk)
            self.warnings = self.decider.warnings(rows.warnings)
            self.warning_rows = rows.warning_rows
            self.cut_short = rows.cut_short

    def _run_in_worker(self) -> None:
        self.worker.begin(self.setup)
        for count, decided in self.worker:
            self._check_cancel()
            self.rows += count
            self._apply(decided)
        self._check_cancel()
        self._apply([])  # (as the last, short chunk of _run_here: the final progress report)
        self.warnings, self.warning_rows = self.worker.warnings, self.worker.warning_rows

    def _check_cancel(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled()

    def _chunk(self, rows: list[tuple[int, list[str]]]) -> None:
        self._check_cancel()
        self.rows += len(rows)
        self._apply(self.decider.decide(rows))

    def _apply(self, decided: list[Decision] | list[tuple]) -> None:
        """Apply a chunk's decisions (Decisions, or plain tuples of the same fields from a worker) in the
        file's order; write the contacts they create."""
        # The contacts this chunk's duplicates would change, as they are now: read in a few queries.
        # (New contacts of earlier chunks are in the database only when writing.)
        missing = sorted({d[5].contact_id for d in decided if d[0] == MERGE
                          and d[5].contact_id not in self.states
                          and (d[5].contact_id < self.first_new_id or self.writer is not None)})
        if missing:
            self.states.update(load_states(self.conn, missing, self.writer.created_ids if self.writer else set()))

        pending, plan = self.pending, self._plan
        for what, row, data, reject, brought, match, choice, new_id in decided:
            if what == CREATE:
                pending[new_id] = NewContact(new_id, brought)
                self.row_of[new_id] = row
                plan(row, data, match, "create")
            elif what == SKIP:
                plan(row, data, match, "skip", choice)
            elif what == REJECT:
                self._reject(reject, data)  # (the Reject, and what the row read as)
            else:
                target = pending.get(match.contact_id)
                if type(target) is NewContact:  # made by an earlier row of this chunk
                    target = pending[match.contact_id] = created_state(target)
                elif target is None:
                    target = self.states.get(match.contact_id)
                if target is None:  # a dry run: a contact an earlier chunk would have created
                    plan(row, data, match, "join")
                    continue
                consented = target.row["email_consent"], target.row["sms_consent"]
                changed = merge(target, brought, choice, self.moment, self.own_numbers)
                if any(had and not target.row[f"{channel}_consent"]
                       for had, channel in zip(consented, ("email", "sms"))):
                    self.withdrawn += 1  # (a customer whose consent the file took back)
                if target.notes_full:
                    self.notes_full.add(match.contact_id)
                if match.contact_id >= self.first_new_id or changed and match.contact_id in self.updated:
                    plan(row, data, match, "join")  # (a customer counted once, added or updated)
                elif changed:
                    self.updated.add(match.contact_id)
                    plan(row, data, match, "update")
                else:
                    plan(row, data, match, "skip")
        if self.writer is not None:
            self.writer.create(list(self.pending.values()))
        self.pending = {}
        if self.progress is not None:
            self.progress(self.rows, self.layout.rows_total or 0)  # 0: the total is not known yet

    def _reject(self, reject: Reject, data: ContactInput | None) -> None:
        self.rejects.append(reject)
        self.counts["reject"] += 1
        if len(self.preview) < PREVIEW_ROWS:
            self.preview.append(PlannedRow(reject.row, data, reject, None, "", "reject"))

    def _plan(self, number: int, data: ContactInput | None, match: Match | None, action: str,
              choice: str = "") -> None:
        self.counts[action] += 1
        if match is None:
            if len(self.preview) < PREVIEW_ROWS:  # (a row skipped as someone erased says so: ERASED)
                self.preview.append(PlannedRow(number, data, None, None, choice if choice == ERASED else "", action))
            return
        duplicate_row = self.row_of.get(match.contact_id)
        duplicate_of = None if duplicate_row is not None else match.contact_id
        if len(self.preview) < PREVIEW_ROWS:
            self.preview.append(PlannedRow(number, data, None, duplicate_of, match.reason, action, duplicate_row))
        if self.writer is None:  # a dry run lists every duplicate
            name = " ".join(x for x in (data.first_name, data.last_name) if x) or data.company
            self.duplicates.append(DuplicateRow(number, name, duplicate_of, "", duplicate_row, match.reason))


def _database_file() -> str:
    """The database's file, for a worker process to read from ("" when there is no file)."""
    name = database.database
    return str(Path(name).resolve()) if pool_available(name) else ""


def _cores() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def _start_worker(path: Path) -> WorkerDecisions | None:
    """A worker process to decide the rows of a large file, started now; None for a small file, on a single
    processor, or when no worker can be had (the import then decides in the importing thread)."""
    try:
        large = path.stat().st_size >= POOL_MIN_BYTES
    except OSError:
        return None  # reading the file says what is wrong with it
    if not large or _cores() < 2 or not pool_available(database.database):
        return None
    try:
        return WorkerDecisions().start()
    except OSError:  # e.g. no processes left to start: decide here
        return None


# --------------------------------------------------------------------------------------------------
# The public functions


def plan_contacts_import(path: Path | str, options: ImportOptions | None = None, *, progress: Progress | None = None,
                         cancelled: Callable[[], bool] | None = None, first_rows: int | None = None) -> ImportPlan:
    """What importing `path` would do: the first PREVIEW_ROWS rows, every duplicate row, the counts. Writes
    nothing. A large file is decided in a worker process, as an import's is. Raises ImportCancelled when
    `cancelled()` turned true. `first_rows`: a quick look at the first rows only (`whole` is then False)."""
    options = options or ImportOptions()
    check_options(options)
    path = Path(path)
    with ExitStack() as stack:
        worker = None if first_rows is not None else _start_worker(path)
        if worker is not None:
            stack.enter_context(worker)
        layout = read_layout(path, options, worker=worker)
        conn = database.connection()
        run = ContactRun(layout, options, conn, writer=None, moment=to_utc_text(utc_now()), progress=progress,
                         cancelled=cancelled, worker=worker)
        if not layout.ambiguous_columns:
            with no_gc():
                run.run(first_rows)
        else:  # the first rows to show while the owner is asked, those dates read as the shop's region writes them
            if run.decider is None:
                run._decide_here()
            run.run(PREVIEW_ROWS)
    names = contact_rows(sorted({d.duplicate_of for d in run.duplicates if d.duplicate_of}))
    for d in run.duplicates:
        if d.duplicate_of in names:
            d.same_as = names[d.duplicate_of].name
    return ImportPlan(layout.dialect, layout.preset, layout.headers, layout.fields, dict(layout.date_orders),
                      list(layout.ambiguous_columns), dict(run.counts), run.preview, run.rows, run.rejects,
                      run.warnings, run.duplicates, not run.cut_short and not layout.ambiguous_columns,
                      phone_hint(layout, run.region), run.warning_rows)


HINT_ROWS = 200  # the rows phone_hint looks at


def import_region(options: ImportOptions) -> str | None:
    """The country numbers without +country are read in: the import's, else the shop's."""
    return options.region if options.region is not None else default_region()


def shop_language() -> str:
    """The language the import names what it keeps in the notes in: the shop's ("fr")."""
    return language_of(shop_locale())


def phone_hint(layout: FileLayout, region: str | None) -> cleaning.PhoneHint | None:
    """Whether most numbers in the file's first rows are not numbers of `region`, the country they are read in
    (cleaning.phone_hint). A row that names its own country is read in it, and left out."""
    columns = [i for i, name in enumerate(layout.fields) if name == "phone"]
    if not columns:
        return None
    country = layout.fields.index("country") if "country" in layout.fields else None
    with reader.read_rows(layout.path, layout.dialect, HINT_ROWS) as rows:
        cells = [c for _, c in rows
                 if country is None or country >= len(c) or not cleaning.region_of_country(c[country])]
    return cleaning.phone_hint(cells, columns, region, [i for i, name in enumerate(layout.fields) if name == "email"])


def file_stamp(path: Path | str) -> tuple[int, int] | None:
    """The file's size and time of change (None when it cannot be looked at: reading it says why)."""
    try:
        stat = Path(path).stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def check_unchanged(path: Path, stamp: tuple[int, int] | None) -> None:
    """Raise reader.ImportFileProblem ("changed") when the file is not as it was when `stamp` was taken (saved
    again while it was read: its rows would be part the old file's, part the new one's), or ("vanished") when it
    is not there any more (moved or deleted while it was read)."""
    if stamp is None:
        return
    now = file_stamp(path)
    if now is None:
        raise reader.ImportFileProblem(path, "vanished", "it was moved or deleted while it was being read")
    if now != stamp:
        raise reader.ImportFileProblem(path, "changed", "it was saved again while it was being read")


def _insert_batch(conn, kind: str, path: Path, moment: str, details: dict) -> int:
    with suppress(OSError):  # (a file that cannot be read again fails the import on its own)
        details.setdefault("fingerprint", file_fingerprint(path))
    return conn.execute(
        "INSERT INTO import_batch (kind, file_name, started_at, details) VALUES (?, ?, ?, ?)",
        (kind, files.readable_name(path), moment, json.dumps(details, ensure_ascii=False))).lastrowid


def _finish_batch(conn, batch_id: int, counts: dict, details: dict) -> None:
    conn.execute(
        "UPDATE import_batch SET finished_at = ?, created = ?, updated = ?, skipped = ?, rejected = ?, details = ?"
        " WHERE id = ?",
        (to_utc_text(utc_now()), counts["create"], counts["update"], counts["skip"], counts["reject"],
         json.dumps(details, ensure_ascii=False), batch_id))


def _none_if_nothing_written(conn, batch_id: int, counts: dict, *others) -> int | None:
    """The batch, or None when it did nothing (`others`: the other things it may have done): every row of its
    file rejected or skipped (a file imported again). Such a batch is not recorded: an import of nothing to list
    and undo."""
    if not (counts["create"] or counts["update"] or any(others)):
        conn.execute("DELETE FROM import_batch WHERE id = ?", (batch_id,))
        return None
    return batch_id


def import_contacts(path: Path | str, options: ImportOptions | None = None, *, progress: Progress | None = None,
                    cancelled: Callable[[], bool] | None = None, rejects_out: Path | str | None = None) -> ImportResult:
    """Import the file in one transaction; return the counts and the rejected rows.

    Raises DateOrderNeeded when a date column's order is open (pass it in `options.date_orders`),
    ImportCancelled when `cancelled()` turned true (nothing written), reader.ImportFileProblem for a
    file that cannot be read. `rejects_out`: where to write the rejected rows (see write_rejects)
    before the import is committed; a failure to write them cancels the import.
    """
    options = options or ImportOptions()
    check_options(options)
    path = Path(path)
    if rejects_out is not None:
        rejects_out = check_rejects_path(rejects_out, path)
    stamp = file_stamp(path)
    with ExitStack() as stack:
        worker = _start_worker(path)
        if worker is not None:
            stack.enter_context(worker)
        layout = read_layout(path, options, worker=worker)  # the date columns read there, when there is one
        require_customer_columns(layout.headers, layout.fields)
        require_date_orders(layout)
        hint = phone_hint(layout, import_region(options))
        conn = database.connection()
        moment = to_utc_text(utc_now())
        details = {"preset": layout.preset, "encoding": layout.dialect.encoding,
                   "delimiter": reader.separator(layout.dialect), "on_duplicate": options.on_duplicate,
                   "fields": layout.fields}
        with no_gc(), database.atomic("IMMEDIATE"):
            batch_id = _insert_batch(conn, "contacts", path, moment, details)
            existing = conn.execute("SELECT count(*) FROM contact").fetchone()[0]
            writer = Writer(conn, batch_id, moment, existing)
            run = ContactRun(layout, options, conn, writer=writer, moment=moment, progress=progress,
                             cancelled=cancelled, worker=worker)
            run.run()
            writer.finish()
            details["created_tags"] = writer.created_tags
            details["tags"] = list(run.setup.tags)
            details["joined"] = run.counts["join"]
            _finish_batch(conn, batch_id, run.counts, details)
            batch_id = _none_if_nothing_written(conn, batch_id, run.counts, run.counts["join"])
            if rejects_out is not None:
                write_rejects(run.rejects, rejects_out, path, layout.dialect)
            check_unchanged(path, stamp)
            if cancelled is not None and cancelled():
                raise ImportCancelled()
    return ImportResult(batch_id, run.counts["create"], run.counts["update"], run.counts["skip"],
                        run.counts["reject"], layout.dialect.encoding, reader.separator(layout.dialect), run.rejects,
                        layout.preset, run.warnings, hint, run.counts["join"], run.warning_rows)


def consent_source_of(path: Path) -> str:
    """Where consent given in a file came from, when no column of it says."""
    return f"Imported from {files.readable_name(path)}"[:v.MAX_CONSENT_SOURCE]


# The customer's fields duplicate_changes compares, then their lists ("emails", "phones", "tags").
CHANGE_FIELDS = ("first_name", "last_name", "company", "street", "postal_code", "city", "country", "birthday",
                 "source", EXTERNAL_ID, "email_consent", "sms_consent", "notes")


class FieldChange(NamedTuple):
    """A field of a customer a duplicate row would change: text, a consent (bool) or a list (tuple of text; of
    emails and phones, of (address or number as written, label))."""

    field: str  # a CHANGE_FIELDS name, "emails", "phones" or "tags"
    now: object  # as the customer has it
    fill: object  # after the row is imported with "fill"
    overwrite: object  # and with "overwrite"


def duplicate_changes(layout: FileLayout, options: ImportOptions, number: int, contact_id: int,
                      cells: list[str] | None = None) -> list[FieldChange] | None:
    """What importing row `number` of the file into the customer `contact_id` would change with "fill" and with
    "overwrite" (merge): each field either changes. `cells`: the row as the owner corrected it, else it is read
    from the file. None when the row cannot be imported, or the customer is not in the book."""
    if cells is None:
        with reader.read_rows(layout.path, layout.dialect) as rows:
            cells = next((c for n, c in rows if n == number), None)
    states = load_states(database.connection(), [contact_id], set())
    if cells is None or contact_id not in states:
        return None
    moment = to_utc_text(utc_now())
    setup = Setup(layout.path, layout.dialect, layout.fields, layout.headers, layout.date_orders,
                  import_region(options), "create", {}, consent_source_of(layout.path), 0, moment,
                  tags=tuple(import_tags(options)), language=shop_language())
    (decided,) = Decider(setup, DuplicateIndex()).decide([(number, cells)])
    if decided.what != CREATE:  # (rejected)
        return None
    now = _compared(states[contact_id])
    after = {}
    for policy in ("fill", "overwrite"):
        state = copy.deepcopy(states[contact_id])
        merge(state, decided.incoming, policy, moment, export.is_contacts_export(layout.headers))
        after[policy] = _compared(state)
    return [FieldChange(name, value, after["fill"][name], after["overwrite"][name]) for name, value in now.items()
            if after["fill"][name] != value or after["overwrite"][name] != value]


def _compared(state: State) -> dict[str, object]:
    row = state.row
    shown: dict[str, object] = {name: bool(row[name]) if name.endswith("_consent") else row[name] or ""
                                for name in CHANGE_FIELDS}
    shown["emails"] = tuple((e[1], e[2]) for e in state.emails)  # (each address and number with its label)
    shown["phones"] = tuple((p[1], p[4]) for p in state.phones)
    shown["tags"] = tuple(state.tags)
    return shown


def list_imports() -> list[BatchRow]:
    """Every import, newest first."""
    cursor = database.execute_sql(
        "SELECT id, kind, file_name, started_at, finished_at, created, updated, skipped, rejected, undone_at,"
        " CASE WHEN json_valid(details) THEN json_extract(details, '$.tags') END,"
        # the customers an import of purchases added: as its details say, else as its journal counts them
        " CASE WHEN kind = 'contacts' THEN created"
        " ELSE coalesce(CASE WHEN json_valid(details) THEN json_extract(details, '$.customers_created') END,"
        " (SELECT count(*) FROM import_change c WHERE c.batch_id = b.id AND c.action = 'created')) END,"
        " coalesce(CASE WHEN json_valid(details) THEN json_extract(details, '$.joined') END, 0)"
        " FROM import_batch b ORDER BY id DESC")
    return [BatchRow(*row[:-3], json.loads(row[-3] or "[]"), *row[-2:]) for row in cursor]


def imported_customers(batch_id: int) -> list[int]:
    """The customers an import added or changed, and for an import of purchases those whose purchases it recorded,
    as far as they are still in the book (in the Trash too), in name order; none once the import is undone.
    Raises NotFound for no such import."""
    row = database.execute_sql("SELECT undone_at FROM import_batch WHERE id = ?", (batch_id,)).fetchone()
    if row is None:
        raise NotFound("import", batch_id)
    if row[0] is not None:
        return []
    return [contact_id for (contact_id,) in database.execute_sql(
        "SELECT id FROM contact WHERE id IN (SELECT contact_id FROM import_change WHERE batch_id = ?"
        " UNION SELECT contact_id FROM purchase WHERE import_batch_id = ?) ORDER BY sort_name, id",
        (batch_id, batch_id))]


# --------------------------------------------------------------------------------------------------
# Recognising a file imported before


FINGERPRINT_PART = 1024 * 1024  # bytes read from each end of a file to recognise it


class PreviousImport(NamedTuple):
    batch: int
    started_at: str  # UTC, ISO 8601
    file_name: str  # the name the file had then


def file_fingerprint(path: Path | str) -> str:
    """What recognises a file's contents, cheaply even for a file of gigabytes: its size, and a SHA-256 of its
    first and last FINGERPRINT_PART bytes (the whole file when it is no larger than two of them)."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        digest.update(f.read(FINGERPRINT_PART))
        if size > FINGERPRINT_PART:
            f.seek(max(FINGERPRINT_PART, size - FINGERPRINT_PART))
            digest.update(f.read(FINGERPRINT_PART))
    return f"{size}:{digest.hexdigest()}"


def previous_import_of(path: Path | str, kind: str) -> PreviousImport | None:
    """The first import of `kind` ("contacts" or "purchases"; finished, not undone, that brought something in) of a
    file with the same contents as `path`, under any name: the one that brought its rows in, to undo to start over;
    None when there is none (an import whose every row was rejected or skipped does not count, nor one of the other
    kind: a web shop's orders bring in customers and then their purchases). Raises OSError when the file cannot be
    read."""
    fingerprint = file_fingerprint(path)
    row = database.execute_sql(
        "SELECT id, started_at, file_name FROM import_batch WHERE undone_at IS NULL AND finished_at IS NOT NULL"
        " AND created + updated > 0 AND kind = ?"
        " AND CASE WHEN json_valid(details) THEN json_extract(details, '$.fingerprint') END = ?"
        " ORDER BY id LIMIT 1", (kind, fingerprint)).fetchone()
    return PreviousImport(*row) if row else None


# --------------------------------------------------------------------------------------------------
# Undo


def _first(conn, sql: str, params) -> object:
    row = conn.execute(sql, params).fetchone()
    return row[0] if row else None


def _check_undo(conn, batch_id: int, kind: str, stamp: str) -> None:
    newer = _first(conn, """
        SELECT max(n.batch_id) FROM import_change n
          JOIN import_change o ON o.contact_id = n.contact_id AND o.batch_id = ?
          JOIN import_batch b ON b.id = n.batch_id AND b.undone_at IS NULL
         WHERE n.batch_id > ?""", (batch_id, batch_id))
    newer_purchases = _first(conn, """
        SELECT max(p.import_batch_id) FROM purchase p
          JOIN import_change o ON o.contact_id = p.contact_id AND o.batch_id = ? AND o.action = 'created'
         WHERE p.import_batch_id > ?""", (batch_id, batch_id))
    newest = max((n for n in (newer, newer_purchases) if n is not None), default=None)
    if newest is not None:
        raise UndoRefused("undo", f"import {newest}, made later, changed contacts of import {batch_id}; "
                                  f"undo import {newest} first", "later_import", later_batch=newest)
    edited = _first(conn, """
        SELECT min(c.id) FROM import_change j JOIN contact c ON c.id = j.contact_id
         WHERE j.batch_id = ? AND c.updated_at != ?""", (batch_id, stamp))
    if edited is not None:
        raise UndoRefused("undo", f"contact {edited} was changed after import {batch_id}; undoing the import "
                                  "would lose that change", "contact_changed", contact_id=edited)
    created = "SELECT contact_id FROM import_change WHERE batch_id = :batch AND action = 'created'"
    batch_purchases = "SELECT id FROM purchase WHERE import_batch_id = :batch"
    checks = (
        ("calls or notes", f"SELECT min(contact_id) FROM interaction WHERE contact_id IN ({created})"),
        ("purchases", f"SELECT min(contact_id) FROM purchase WHERE contact_id IN ({created})"
                      " AND import_batch_id IS NOT :batch"),
        ("points", f"SELECT min(contact_id) FROM points_entry WHERE contact_id IN ({created})"
                   f" AND (purchase_id IS NULL OR purchase_id NOT IN ({batch_purchases}))"),
        ("feedback", f"SELECT min(contact_id) FROM feedback WHERE contact_id IN ({created})"),
        ("complaints", f"SELECT min(contact_id) FROM complaint WHERE contact_id IN ({created})"),
        ("customers they referred", f"SELECT min(referred_by_id) FROM contact WHERE referred_by_id IN ({created})"
                                    f" AND id NOT IN ({created})"),
    )
    for what, sql in checks:
        found = _first(conn, sql, {"batch": batch_id})
        if found is not None:
            raise UndoRefused("undo", f"contact {found}, created by import {batch_id}, has {what} of its own now; "
                                      "undoing the import would delete them", "contact_has", contact_id=found,
                              has=what)


def added_in_trash(batch_id: int) -> int:
    """How many of the contacts an import added are in the Trash now: undoing it deletes them for good."""
    return _first(database.connection(), "SELECT count(*) FROM import_change j JOIN contact c ON c.id = j.contact_id"
                  " WHERE j.batch_id = ? AND j.action = 'created' AND c.deleted_at IS NOT NULL", (batch_id,))


def undo_import(batch_id: int) -> UndoResult:
    """Undo an import (contacts or purchases) exactly; see the module's docstring for when it refuses."""
    conn = database.connection()
    with database.atomic("IMMEDIATE"):
        row = conn.execute("SELECT kind, started_at, undone_at FROM import_batch WHERE id = ?",
                           (batch_id,)).fetchone()
        if row is None:
            raise NotFound("import", batch_id)
        kind, stamp, undone_at = row
        if undone_at is not None:
            raise UndoRefused("undo", f"import {batch_id} was already undone", "undone")
        _check_undo(conn, batch_id, kind, stamp)
        purchases_removed = points_removed = due_again = 0
        if kind == "purchases":
            from smallcrm.services.importing import purchases_import

            purchases_removed, points_removed, due_again = purchases_import.remove_batch_purchases(conn, batch_id)
        created = [r[0] for r in conn.execute(
            "SELECT contact_id FROM import_change WHERE batch_id = ? AND action = 'created'", (batch_id,))]
        from_trash = added_in_trash(batch_id)
        updated = conn.execute(
            "SELECT contact_id, before FROM import_change WHERE batch_id = ? AND action = 'updated'",
            (batch_id,)).fetchall()
        with ExitStack() as stack:
            if len(created) + len(updated) >= BULK_MIN:
                stack.enter_context(search.triggers_off(conn))
            for start in range(0, len(created), 500):
                chunk = created[start:start + 500]
                conn.execute(f"DELETE FROM contact WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            for contact_id, before_text in updated:
                _restore(conn, contact_id, json.loads(before_text))
            # the tags it made, and those an import undone before made, that no customer has now (a tag an earlier
            # import made and a later one gave too outlives the earlier one's undo, and goes with the later one's)
            conn.execute("DELETE FROM tag WHERE id IN (SELECT t.value FROM import_batch b,"
                         " json_each(b.details, '$.created_tags') t WHERE b.id = ? OR b.undone_at IS NOT NULL)"
                         " AND NOT EXISTS (SELECT 1 FROM contact_tag WHERE tag_id = tag.id)", (batch_id,))
        conn.execute("DELETE FROM import_change WHERE batch_id = ?", (batch_id,))
        conn.execute("UPDATE import_batch SET undone_at = ? WHERE id = ?", (to_utc_text(utc_now()), batch_id))
    return UndoResult(batch_id, len(created), len(updated), purchases_removed, points_removed, due_again, from_trash)


def _restore(conn, contact_id: int, before: dict) -> None:
    # (The sort keys follow from the names as they are folded today: the journal of an import made before
    # schema version 6 holds those of an older fold.)
    columns = {c: v for c, v in before.get("contact", {}).items() if not c.startswith("sort_")}
    if columns:
        assignments = ", ".join(f"{c} = ?" for c in columns)
        conn.execute(f"UPDATE contact SET {assignments} WHERE id = ?", (*columns.values(), contact_id))
    if columns.keys() & set(_NAME_PARTS):
        parts = conn.execute(f"SELECT {', '.join(_NAME_PARTS)} FROM contact WHERE id = ?", (contact_id,)).fetchone()
        keys = search.sort_keys(*parts)
        conn.execute(f"UPDATE contact SET {', '.join(f'{c} = ?' for c in keys)} WHERE id = ?",
                     (*keys.values(), contact_id))
    if "emails" in before:
        conn.execute("DELETE FROM contact_email WHERE contact_id = ?", (contact_id,))
        conn.executemany("INSERT INTO contact_email (id, contact_id, email, label, position) VALUES (?, ?, ?, ?, ?)",
                         [(e[0], contact_id, e[1], e[2], e[3]) for e in before["emails"]])
    if "phones" in before:
        conn.execute("DELETE FROM contact_phone WHERE contact_id = ?", (contact_id,))
        conn.executemany(
            "INSERT INTO contact_phone (id, contact_id, raw, e164, digits, label, position)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(p[0], contact_id, p[1], p[2], p[3], p[4], p[5]) for p in before["phones"]])
    if "tags" in before:
        conn.execute("DELETE FROM contact_tag WHERE contact_id = ?", (contact_id,))
        for name in before["tags"]:
            conn.execute("INSERT OR IGNORE INTO tag (name, name_key) VALUES (?, ?)", (name, name.casefold()))
            conn.execute("INSERT OR IGNORE INTO contact_tag (contact_id, tag_id)"
                         " SELECT ?, id FROM tag WHERE name_key = ?", (contact_id, name.casefold()))
