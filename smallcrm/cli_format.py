"""What the command line prints: error sentences, the contact table, contact JSON and details.

Kept apart from cli.py (argument parsing and exit codes) so both stay short. No Qt here.
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections import defaultdict
from dataclasses import fields
from datetime import datetime
from itertools import chain, islice
from pathlib import Path

from smallcrm.errors import DatabaseProblem, InvalidValue
from smallcrm.services import validation
from smallcrm.services.contacts import ContactRecord, contact_rows
from smallcrm.services.settings import default_region
from smallcrm.store import migrations
from smallcrm.store.fields import to_utc_text
from smallcrm.store.models import Contact, ContactEmail, ContactPhone, ContactTag, Tag

CHUNK = 500  # contacts fetched per query while streaming a list

# ---------------------------------------------------------------------------------------------
# Errors in words


def file_path(text: str) -> Path:
    """A file or folder named on the command line (argparse's type): an empty name names none (it would be the
    current folder)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty name is no file: give the file's name or path")
    return Path(text)


def record_id(text: str) -> int:
    """A customer's, purchase's, task's or import's number as typed on the command line (argparse's type)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a number") from None
    if not -2 ** 63 <= value < 2 ** 63:
        raise argparse.ArgumentTypeError(f"{text} is larger than any number smallcrm gives")
    return value


def quoted(value: object) -> str:
    """A value as the user typed it, in double quotes (control characters escaped)."""
    return json.dumps(value if isinstance(value, str) else str(value), ensure_ascii=False)


_LABELS = {"first_name": "first name", "last_name": "last name", "postal_code": "postal code"}


def _label(field: str) -> str:
    base = field.partition("[")[0]
    return {"emails": "email", "phones": "phone"}.get(base) or _LABELS.get(base, base)


CONSENT_WORDS = {"email": "email", "sms": "SMS"}


def add_consent_arguments(parser, default, when_left_out: str, *, applies_to: str = "") -> None:
    """`--consenting email|sms` and `--everyone`: whom a marketing export or list may include.
    `default` is the channel (or None for everyone, or argparse.SUPPRESS to leave it to the command)."""
    whom = parser.add_mutually_exclusive_group()
    whom.add_argument("--consenting", choices=tuple(CONSENT_WORDS), default=default,
                      help=f"{applies_to}only customers who agreed to marketing by email (or SMS); {when_left_out}")
    whom.add_argument("--everyone", dest="consenting", action="store_const", const=None, default=default,
                      help=f"{applies_to}everyone, whether or not they agreed to marketing "
                           "(not for a marketing mailing)")


def consent_words(consenting: str | None) -> str:
    """Whom an export or list included, in words."""
    if consenting is None:
        return "everyone, whether or not they agreed to marketing"
    return f"only customers who agreed to {CONSENT_WORDS[consenting]} marketing"


def describe_invalid(error: InvalidValue) -> str:
    """One field problem as a phrase: what is wrong and how to write it."""
    label = _label(error.field)
    value = quoted(error.value) if error.value not in (None, "") else ""
    detail = error.detail
    if error.problem == "required":
        return f"{label} is missing" + (f"; {detail}" if detail else "")
    if error.problem == "too_long":
        return f"{label} is too long ({detail or 'shorten it'})"
    if error.problem == "email":
        return f"{label} {value} is not a valid email address ({detail.rstrip('.')})"
    if error.problem == "phone":
        return f"{label} {value} is not a phone number ({detail}); write it with digits, e.g. +33 6 12 34 56 78"
    if error.problem == "date" and label != "birthday":
        return f"{label} {value} is not a real date or time ({detail})"
    if error.problem == "date":
        hint = "write it as YYYY-MM-DD or --MM-DD"
        if detail.startswith("write it"):
            return f"{label} {value} is not a date; {hint}"
        if "future" in detail:
            return f"{label} {value} is in the future; {hint} (--MM-DD when the year is unknown)"
        return f"{label} {value} is not a real date ({detail}); {hint}"
    return f"{label} {value} cannot be stored ({detail or error.problem})"


def describe_database_problem(problem: DatabaseProblem) -> str:
    """One sentence per reason, each saying the file was left alone and what to do next."""
    path = str(problem.path)
    detail = f" ({problem.detail})" if problem.detail else ""
    untouched = "the file was left untouched"
    reason = problem.reason
    if reason == DatabaseProblem.NOT_SQLITE:
        return (f"{path} is not a smallcrm database (it is not an SQLite file at all); {untouched}. "
                "Check the --db path, or give a new file name to start a new database")
    if reason == DatabaseProblem.NOT_SMALLCRM:
        return (f"{path} is an SQLite database of another program, not of smallcrm; {untouched}. "
                "Give --db the path of a smallcrm database, or a new file name to start one")
    if reason == DatabaseProblem.CORRUPT:
        return (f"{path} is damaged and cannot be read{detail}; {untouched}. "
                "Restore it from a backup copy")
    if reason == DatabaseProblem.LOCKED:
        return (f"{path} is in use by another program that holds a lock on it; {untouched}. "
                "Close the other program (or the other smallcrm window) and try again")
    if reason == DatabaseProblem.READ_ONLY:
        return (f"{path} cannot be written (the file or its folder is read-only){detail}; {untouched}. "
                "Change its permissions, or copy it to a folder you can write to and use that copy")
    if reason == DatabaseProblem.NEWER_SCHEMA:
        return (f"{path} was made by a newer smallcrm (schema version {problem.version}; this smallcrm "
                f"knows up to version {migrations.LATEST}); {untouched}. Update smallcrm to open it")
    if reason == DatabaseProblem.NOT_A_FILE:
        return (f"{path} is a folder or device, not a database file; {untouched}. "
                "Give the path of a file with --db")
    if reason == DatabaseProblem.CANNOT_CREATE:
        return (f"cannot open or create the database {path}{detail}; nothing was written. "
                "Check that the path is right and its folder can be written to, or choose another --db path")
    if reason == DatabaseProblem.MIGRATION_FAILED:
        return (f"{path} could not be brought up to this smallcrm's version ({problem.detail}); the step was "
                "undone and the file is as it was. This is a fault in smallcrm: please report it")
    return f"cannot use the database {path} ({reason}){detail}; {untouched}"


# ---------------------------------------------------------------------------------------------
# The contact table (streamed: one line at a time, whatever the number of rows)

COLUMNS = (("id", "ID", 0), ("name", "NAME", 30), ("email", "EMAIL", 32), ("phone", "PHONE", 20), ("city", "CITY", 20))
SAMPLE = 1000  # rows looked at to size the columns


def text_width(text: str) -> int:
    """Columns the text takes in a terminal: wide East Asian characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def fit(text: str, width: int) -> str:
    """`text` padded to `width` columns, shortened with an ellipsis when it is longer."""
    text = text.replace("\n", " ").replace("\t", " ")
    used = text_width(text)
    if used <= width:
        return text + " " * (width - used)
    out, used = [], 0
    for ch in text:
        w = text_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…" + " " * (width - 1 - used)


def _row_chunks(ids):
    it = iter(ids)
    while chunk := list(islice(it, CHUNK)):
        rows = contact_rows(chunk)
        yield [rows[i] for i in chunk if i in rows]


def write_table(out, ids) -> int:
    """Write an aligned table of the contacts `ids` (in that order); return the number of rows.

    Column widths come from the first rows (capped, longer values end in "…"), so the table can be
    printed while it is read: a hundred thousand rows never sit in memory as text.
    """
    chunks = _row_chunks(ids)
    first: list = []
    for chunk in chunks:
        first.extend(chunk)
        if len(first) >= SAMPLE:
            break
    more = len(first) >= SAMPLE  # then later rows may be wider: use the caps
    widths = {"id": max(2, len(str(max(ids, default=0))))}
    for key, title, cap in COLUMNS[1:]:
        seen = max((text_width(getattr(row, key)) for row in first), default=0)
        widths[key] = cap if more else max(len(title), min(cap, seen))

    def line(values: tuple) -> str:
        cells = [str(values[0]).rjust(widths["id"])]
        cells += [fit(value, widths[key]) for value, (key, _, _) in zip(values[1:], COLUMNS[1:], strict=True)]
        return "  ".join(cells).rstrip() + "\n"

    out.write(line(tuple(title for _, title, _ in COLUMNS)))
    count = 0
    for chunk in chain([first], chunks):
        for row in chunk:
            out.write(line((row.id, row.name, row.email, row.phone, row.city)))
            count += 1
    return count


# ---------------------------------------------------------------------------------------------
# Contacts as JSON, many at a time (the same objects as ContactRecord.to_json(), in 4 queries per chunk)

_RECORD_COLUMNS = [f.name for f in fields(ContactRecord)
                   if f.name not in ("emails", "email_labels", "phones", "tags")]


def contact_records(ids):
    """ContactRecord for each id in `ids`, in that order, read a chunk at a time."""
    it = iter(ids)
    while chunk := list(islice(it, CHUNK)):
        emails, phones, tags = defaultdict(list), defaultdict(list), defaultdict(list)
        query = ContactEmail.select().where(ContactEmail.contact.in_(chunk)).order_by(ContactEmail.position)
        for e in query:
            emails[e.contact_id].append(e)
        query = ContactPhone.select().where(ContactPhone.contact.in_(chunk)).order_by(ContactPhone.position)
        for p in query:
            phones[p.contact_id].append(validation.Phone(p.raw, p.e164, p.digits, p.label))
        query = (Tag.select(Tag.name, ContactTag.contact).join(ContactTag)
                 .where(ContactTag.contact.in_(chunk)).order_by(Tag.name.collate("by_sort_key")).tuples())
        for name, cid in query:
            tags[cid].append(name)
        rows = {c.id: c for c in Contact.select().where(Contact.id.in_(chunk))}
        for cid in chunk:
            row = rows.get(cid)
            if row is None:
                continue
            values = {name: getattr(row, name) for name in _RECORD_COLUMNS}
            yield ContactRecord(**values, emails=[e.email for e in emails[cid]],
                                email_labels=[e.label for e in emails[cid]], phones=phones[cid], tags=tags[cid])


def write_json_array(out, ids) -> int:
    """Write a JSON array of contact objects, one per line, streamed; return how many."""
    out.write("[")
    count = 0
    for record in contact_records(ids):
        out.write(",\n" if count else "\n")
        out.write(json.dumps(record.to_json(), ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def write_json(out, obj) -> None:
    out.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


# ---------------------------------------------------------------------------------------------
# One contact in readable text


def utc(value: datetime | None) -> str | None:
    return to_utc_text(value) if value else None


def local_time(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M %Z").strip() if value else ""


def contact_details(record: ContactRecord) -> list[tuple[str, str]]:
    """(label, text) for every field of the contact, in reading order."""
    region = default_region()
    phones = [validation.with_label(validation.display_phone(p.e164, p.raw, region), p.label)
              for p in record.phones]
    consent = {
        channel: (f"yes, since {local_time(at)}" + (f", {source}" if source else "") if granted else "no")
        for channel, granted, at, source in (
            ("email", record.email_consent, record.email_consent_at, record.email_consent_source),
            ("sms", record.sms_consent, record.sms_consent_at, record.sms_consent_source))
    }
    details = [
        ("ID", str(record.id)),
        ("First name", record.first_name),
        ("Last name", record.last_name),
        ("Company", record.company),
        ("Emails", ", ".join(map(validation.with_label, record.emails, record.email_labels))),
        ("Phones", ", ".join(phones)),
        ("Birthday", record.birthday or ""),
        ("Street", record.street),
        ("Postal code", record.postal_code),
        ("City", record.city),
        ("Country", record.country),
        ("Tags", ", ".join(record.tags)),
        ("Source", record.source),
        ("Number in another system", record.external_id),
        ("Email consent", consent["email"]),
        ("SMS consent", consent["sms"]),
        ("Created", local_time(record.created_at)),
        ("Updated", local_time(record.updated_at)),
    ]
    if record.deleted_at is not None:
        details.append(("In the Trash", f"since {local_time(record.deleted_at)}"))
    details.append(("Notes", record.notes))
    return details


def write_details(out, record: ContactRecord) -> None:
    details = contact_details(record)
    width = max(len(label) for label, _ in details) + 1
    for label, text in details:
        lines = text.splitlines() or [""]
        out.write(f"{label + ':':<{width}} {lines[0]}".rstrip() + "\n")
        for more in lines[1:]:
            out.write(f"{'':<{width}} {more}".rstrip() + "\n")


def plural(n: int, one: str, many: str | None = None) -> str:
    """"1 purchase", "2 purchases" (`many` for a word that does not just take an s)."""
    return f"{n} {one}" if n == 1 else f"{n} {many or one + 's'}"
