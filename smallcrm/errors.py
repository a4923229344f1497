"""Typed errors that carry the facts. The edges (cli, gui) turn them into words."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class SmallCrmError(Exception):
    """Base of every error a user can cause or meet."""


class Phrase(str):
    """Words made from a template and its facts ("receipt {reference} is in {currency}"), which remember
    both: wherever text goes it is the English text, and the window says the template in its own language
    with the same facts (values from a file and codes, the same in any language)."""

    template: str
    facts: dict[str, str]

    def __new__(cls, template: str, **facts: object) -> Phrase:
        said = {name: str(value) for name, value in facts.items()}
        text = super().__new__(cls, template.format(**said))
        text.template, text.facts = template, said
        return text

    def __reduce__(self):  # (to a worker process and back: made again from its template and facts)
        return _phrase, (self.template, self.facts)


def _phrase(template: str, facts: dict[str, str]) -> Phrase:
    return Phrase(template, **facts)


@dataclass
class InvalidValue(SmallCrmError):
    """One field holds a value that cannot be stored."""

    field: str
    value: object
    problem: str  # a short code: "required", "email", "phone", "date", "too_long", ...
    detail: str = ""  # the facts in plain words, e.g. "February has no day 30"

    def __str__(self) -> str:
        text = f"{self.field}: {self.value!r} ({self.problem})"
        return f"{text}: {self.detail}" if self.detail else text


class ValidationFailed(SmallCrmError):
    """Several fields at once; nothing was saved."""

    def __init__(self, errors: list[InvalidValue]):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


@dataclass
class NotFound(SmallCrmError):
    kind: str  # "contact", ...
    key: object

    def __str__(self) -> str:
        return f"no {self.kind} {self.key}"


@dataclass
class DemoNeedsEmptyDatabase(SmallCrmError):
    contacts: int

    def __str__(self) -> str:
        return f"the database already holds {self.contacts} contacts"


class DatabaseProblem(SmallCrmError):
    """The database file cannot be used; it has been left untouched."""

    NOT_SQLITE = "not_sqlite"
    NOT_SMALLCRM = "not_smallcrm"
    CORRUPT = "corrupt"
    LOCKED = "locked"
    READ_ONLY = "read_only"
    NEWER_SCHEMA = "newer_schema"
    NOT_A_FILE = "not_a_file"
    CANNOT_CREATE = "cannot_create"
    MIGRATION_FAILED = "migration_failed"

    def __init__(self, path: Path | str, reason: str, detail: str = "", version: int | None = None):
        super().__init__(f"{path}: {reason}{': ' + detail if detail else ''}")
        self.path = Path(path)
        self.reason = reason
        self.detail = detail
        self.version = version


@dataclass
class InsufficientPoints(SmallCrmError):
    """A redemption (or other deduction) larger than the balance."""

    contact_id: int
    balance: int
    requested: int

    def __str__(self) -> str:
        return f"contact {self.contact_id} has {self.balance} points, {self.requested} were asked for"


@dataclass
class RefundTooLarge(SmallCrmError):
    purchase_id: int
    refundable_minor: int  # what is left to refund
    currency: str

    def __str__(self) -> str:
        return f"purchase {self.purchase_id} has only {self.refundable_minor} ({self.currency}) left to refund"


@dataclass
class NotAllowed(SmallCrmError):
    """A step that the record's state does not allow (refunding a refund, paying a paid purchase, ...)."""

    what: str  # "refund", "payment", "redeem", ...
    reason: str  # the facts in plain words

    def __str__(self) -> str:
        return f"{self.what}: {self.reason}"


@dataclass
class UndoRefused(NotAllowed):
    """An import that cannot be undone without losing later work. `reason` says why in English (the command
    line's words); `case` and the record it names let the window say it in the user's language.

    case: "undone" (already), "later_import" (`later_batch` changed the same customers), "contact_changed"
    (edited by hand since), "contact_has" (a customer it created has `has` of its own now: "calls or notes",
    "purchases", "points", "feedback", "complaints", "customers they referred"), "purchase_refunded",
    "refund_linked" (a refund it recorded was linked to its sale by `later_batch`), "purchase_has" (`has`:
    "feedback", "a complaint"), "due_settled" (a purchase it recorded as due was paid or written off; by
    `later_batch`, when an import marked it paid), "points_spent" (points it gave were spent or expired),
    "points_expired" (points it gave expired, and the expiry's row would stay)."""

    case: str = ""
    contact_id: int | None = None
    purchase_id: int | None = None
    later_batch: int | None = None
    has: str = ""


@dataclass
class ImportFileProblem(SmallCrmError):
    """A file to import cannot be read as a table; nothing was imported from it."""

    path: Path | str
    # "not_found", "unreadable", "empty", "header_only", "binary", "encoding", "utf8_read_as" (a file of UTF-8
    # text read in an encoding that would garble it), "field_too_large", "vanished", "too_many_rows", "changed"
    # (saved again while it was read, or since the summary the window showed), "unclosed_quote"
    reason: str
    detail: str = ""  # the facts in plain words, e.g. "byte 0xE9 is not UTF-8"
    row: int | None = None  # the row as a spreadsheet shows it, when one row is to blame

    def __str__(self) -> str:
        where = f"{self.path}, row {self.row}" if self.row is not None else f"{self.path}"
        return f"{where}: {self.reason}{': ' + self.detail if self.detail else ''}"


@dataclass
class OutputProblem(SmallCrmError):
    """A file (a report, an export) could not be written; nothing was left behind half-written."""

    path: Path | str
    detail: str  # the system's words, e.g. "No such file or directory"

    def __str__(self) -> str:
        return f"{self.path}: {self.detail}"
