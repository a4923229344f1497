"""The schema as Peewee models. Tables are created by migrations (store/migrations.py), not here."""

from __future__ import annotations

import json
from functools import lru_cache

import peewee

from smallcrm.store.fields import UtcDateTimeField
from smallcrm.store.search import sort_key

# Bound to a file by store.db.open_database(); each thread gets its own connection.
database = peewee.SqliteDatabase(None)


_folded = lru_cache(maxsize=4096)(sort_key)  # (a collation compares the same few tag names over and over)


@database.collation("by_sort_key")
def by_sort_key(a: str, b: str) -> int:
    """Names in the order a person reads a list in (`ORDER BY name COLLATE by_sort_key`): case and accents
    folded, so "Été" comes with the E's, not after "Fidèle"; names that fold alike in a fixed order."""
    a_key, b_key = _folded(a), _folded(b)
    return (a_key > b_key) - (a_key < b_key) or (a > b) - (a < b)


def among(column, ids: list[int]) -> peewee.Expression:
    """`column IN ids`, the ids sent as one JSON parameter: a selection of any size (SQLite takes at most
    32,766 parameters in one statement, and some builds 999)."""
    return column.in_(peewee.SQL("(SELECT value FROM json_each(?))", [json.dumps(ids)]))


class BaseModel(peewee.Model):
    class Meta:
        database = database
        legacy_table_names = False


class Contact(BaseModel):
    first_name = peewee.TextField(default="")
    last_name = peewee.TextField(default="")
    company = peewee.TextField(default="")
    street = peewee.TextField(default="")
    postal_code = peewee.TextField(default="")
    city = peewee.TextField(default="")
    country = peewee.TextField(default="")
    birthday = peewee.TextField(null=True)  # "YYYY-MM-DD" or "--MM-DD" when the year is unknown
    notes = peewee.TextField(default="")
    source = peewee.TextField(default="")  # how the customer found the shop
    referred_by = peewee.ForeignKeyField("self", null=True, on_delete="SET NULL", backref="referrals")
    email_consent = peewee.BooleanField(default=False)
    email_consent_at = UtcDateTimeField(null=True)
    sms_consent = peewee.BooleanField(default=False)
    sms_consent_at = UtcDateTimeField(null=True)
    created_at = UtcDateTimeField()
    updated_at = UtcDateTimeField()
    deleted_at = UtcDateTimeField(null=True)  # set while the contact is in the Trash
    # Folded copies for sorting ("Álvarez" between "Adams" and "Brown"); see store.search.sort_key.
    sort_name = peewee.TextField(default="")
    sort_company = peewee.TextField(default="")
    sort_city = peewee.TextField(default="")
    sort_country = peewee.TextField(default="")
    external_id = peewee.TextField(default="")  # the customer's number in another system (till, web shop)
    email_consent_source = peewee.TextField(default="")  # where and how the customer agreed ("web form")
    sms_consent_source = peewee.TextField(default="")


class ContactEmail(BaseModel):
    contact = peewee.ForeignKeyField(Contact, on_delete="CASCADE", backref="emails")
    email = peewee.TextField()
    label = peewee.TextField(default="")
    position = peewee.IntegerField(default=0)


class ContactPhone(BaseModel):
    contact = peewee.ForeignKeyField(Contact, on_delete="CASCADE", backref="phones")
    raw = peewee.TextField()  # as the user typed it
    e164 = peewee.TextField(null=True)  # when the number could be parsed
    digits = peewee.TextField(default="")  # digit forms for search, space separated
    label = peewee.TextField(default="")
    position = peewee.IntegerField(default=0)


class Tag(BaseModel):
    name = peewee.TextField(unique=True)
    name_key = peewee.TextField(unique=True)  # the name case-folded (str.casefold): "FIDÈLE" is the tag "Fidèle"


class ContactTag(BaseModel):
    contact = peewee.ForeignKeyField(Contact, on_delete="CASCADE")
    tag = peewee.ForeignKeyField(Tag, on_delete="CASCADE")

    class Meta:
        primary_key = peewee.CompositeKey("contact", "tag")


class ImportBatch(BaseModel):
    kind = peewee.TextField()  # "contacts" or "purchases"
    file_name = peewee.TextField()
    started_at = UtcDateTimeField()
    finished_at = UtcDateTimeField(null=True)
    created = peewee.IntegerField(default=0)
    updated = peewee.IntegerField(default=0)
    skipped = peewee.IntegerField(default=0)
    rejected = peewee.IntegerField(default=0)
    undone_at = UtcDateTimeField(null=True)
    details = peewee.TextField(default="{}")  # JSON


class ImportChange(BaseModel):
    """One contact an import created or updated: the journal that lets the import be undone exactly."""

    ACTIONS = ("created", "updated")

    batch = peewee.ForeignKeyField(ImportBatch, on_delete="CASCADE", backref="changes")
    contact = peewee.ForeignKeyField(Contact, on_delete="CASCADE")
    action = peewee.TextField()
    before = peewee.TextField(null=True)  # JSON, for "updated": what the import changed, as it was

    class Meta:
        indexes = ((("batch", "contact"), True),)


class Interaction(BaseModel):
    KINDS = ("call", "visit", "email", "sms", "note")

    contact = peewee.ForeignKeyField(Contact, on_delete="CASCADE", backref="interactions")
    kind = peewee.TextField()
    direction = peewee.TextField(null=True)  # "in" or "out"
    occurred_at = UtcDateTimeField()
    duration_seconds = peewee.IntegerField(null=True)
    outcome = peewee.TextField(default="")
    summary = peewee.TextField(default="")
    follow_up_on = peewee.DateField(null=True)
    follow_up_done_at = UtcDateTimeField(null=True)
    created_at = UtcDateTimeField()


# What is a refund, said once for Python and SQL: a purchase row that pays money back. Either it is linked to
# the sale it refunds (refund_of), or its total is below zero and its sale is unknown: an imported refund the
# importer could not link (a till's cancellation invoice "C1009", a negative quantity on a later receipt).
# Every other row is a sale, one of 0 included.


def is_refund(refund_of_id: int | None, total_minor: int) -> bool:
    return refund_of_id is not None or total_minor < 0


def refund_sql(alias: str = "") -> str:
    """The SQL condition "the purchase row is a refund", its columns read from table `alias` (none: unqualified)."""
    p = f"{alias}." if alias else ""
    return f"({p}refund_of_id IS NOT NULL OR {p}total_minor < 0)"


def sale_sql(alias: str = "") -> str:
    """The SQL condition "the purchase row is a sale", the opposite of refund_sql."""
    p = f"{alias}." if alias else ""
    return f"({p}refund_of_id IS NULL AND {p}total_minor >= 0)"


class Purchase(BaseModel):
    STATUSES = ("paid", "due", "partly_paid", "written_off")

    contact = peewee.ForeignKeyField(Contact, null=True, on_delete="SET NULL", backref="purchases")
    occurred_at = UtcDateTimeField()
    currency = peewee.TextField()  # ISO 4217
    total_minor = peewee.IntegerField()  # minor units; negative for a refund (see is_refund)
    payment_method = peewee.TextField(default="")
    reference = peewee.TextField(default="")
    status = peewee.TextField(default="paid")
    due_on = peewee.DateField(null=True)
    paid_minor = peewee.IntegerField(default=0)
    refund_of = peewee.ForeignKeyField("self", null=True, on_delete="RESTRICT", backref="refunds")
    import_batch = peewee.ForeignKeyField(ImportBatch, null=True, on_delete="SET NULL")
    created_at = UtcDateTimeField()

    @property
    def is_refund(self) -> bool:
        return is_refund(self.refund_of_id, self.total_minor)


class PurchaseItem(BaseModel):
    purchase = peewee.ForeignKeyField(Purchase, on_delete="CASCADE", backref="items")
    description = peewee.TextField(default="")
    quantity = peewee.IntegerField(default=1)
    unit_price_minor = peewee.IntegerField()
    total_minor = peewee.IntegerField()


class PointsEntry(BaseModel):
    """One movement in the append-only points ledger (a trigger refuses updates)."""

    KINDS = ("earn", "redeem", "expire", "adjust", "bonus")

    contact = peewee.ForeignKeyField(Contact, on_delete="CASCADE", backref="points")
    occurred_at = UtcDateTimeField()
    kind = peewee.TextField()
    points = peewee.IntegerField()  # signed
    reason = peewee.TextField(default="")
    purchase = peewee.ForeignKeyField(Purchase, null=True, on_delete="RESTRICT")  # the ledger keeps its reasons
    expires_on = peewee.DateField(null=True)
    created_at = UtcDateTimeField()


class Feedback(BaseModel):
    KINDS = ("csat", "nps")

    contact = peewee.ForeignKeyField(Contact, null=True, on_delete="CASCADE", backref="feedback")
    kind = peewee.TextField()
    score = peewee.IntegerField()
    comment = peewee.TextField(default="")
    channel = peewee.TextField(default="")
    occurred_at = UtcDateTimeField()
    purchase = peewee.ForeignKeyField(Purchase, null=True, on_delete="SET NULL")
    interaction = peewee.ForeignKeyField(Interaction, null=True, on_delete="SET NULL")
    created_at = UtcDateTimeField()


class Complaint(BaseModel):
    STATUSES = ("open", "in_progress", "resolved")

    contact = peewee.ForeignKeyField(Contact, on_delete="CASCADE", backref="complaints")
    feedback = peewee.ForeignKeyField(Feedback, null=True, on_delete="SET NULL")
    purchase = peewee.ForeignKeyField(Purchase, null=True, on_delete="SET NULL")
    category = peewee.TextField(default="")
    status = peewee.TextField(default="open")
    description = peewee.TextField(default="")
    resolution = peewee.TextField(default="")
    opened_at = UtcDateTimeField()
    resolved_at = UtcDateTimeField(null=True)
    created_at = UtcDateTimeField()


class Setting(BaseModel):
    key = peewee.TextField(primary_key=True)
    value = peewee.TextField()  # JSON


ALL_MODELS = [
    Contact, ContactEmail, ContactPhone, Tag, ContactTag, ImportBatch, ImportChange,
    Interaction, Purchase, PurchaseItem, PointsEntry, Feedback, Complaint, Setting,
]
