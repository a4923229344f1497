"""Purchases, refunds and what customers still owe.

Money is integer minor units plus an ISO 4217 code. A refund is a purchase row of its own with a
negative total, linked to the purchase it refunds (`refund_of`); the original row is never changed
by a refund except for settling its status (below). An imported refund whose sale is unknown has no
link, only its negative total: it is a refund all the same (store.models.is_refund). Every change is
one transaction, together with its points (services.loyalty).

Statuses:
- "paid"         paid in full (paid_minor = total);
- "due"          nothing paid yet; needs a due date, which defaults to 30 days after the purchase
                 (the shop's local date), DEFAULT_DUE_DAYS;
- "partly_paid"  0 < paid_minor < total, with a due date as for "due";
- "written_off"  the shop gave up collecting the rest; what was paid stays paid.

What is owed: total - refunded - paid (never below 0), for "due" and "partly_paid" purchases. A
refund of a purchase not yet paid in full lowers what is owed; when nothing is owed any more the
purchase becomes "paid".

Points: a purchase with a customer earns when recorded, also when "due" or "partly_paid" (points
for a sale, as at the till); writing it off takes the unpaid share back. A purchase recorded as
"written_off" earns nothing. Refunds take back their share of what the purchase earned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from smallcrm.errors import InvalidValue, NotAllowed, NotFound, Phrase, RefundTooLarge
from smallcrm.services import loyalty, money, when
from smallcrm.services.loyalty import local_date
from smallcrm.services.settings import get_setting
from smallcrm.services.validation import clean_text
from smallcrm.store.fields import from_utc_text, to_utc_text, utc_now
from smallcrm.store.models import Contact, Purchase, PurchaseItem, database, sale_sql

DEFAULT_DUE_DAYS = 30
MAX_MINOR = 10**15  # as money.parse_amount
MAX_DESCRIPTION = 1000
UNPAID = ("due", "partly_paid")


@dataclass(frozen=True)
class Item:
    description: str
    quantity: int  # negative only in the lines of a refund
    unit_price_minor: int

    @property
    def total_minor(self) -> int:
        return self.quantity * self.unit_price_minor


@dataclass(frozen=True)
class PurchaseResult:
    purchase_id: int
    total_minor: int
    currency: str
    points_earned: int


@dataclass(frozen=True)
class RefundResult:
    refund_id: int
    amount_minor: int  # positive: what was given back
    currency: str
    points_taken_back: int


@dataclass(frozen=True)
class Receivable:
    purchase_id: int
    contact_id: int | None
    owed_minor: int
    currency: str
    since: datetime  # when the purchase was made (UTC)
    due_on: date | None
    days_overdue: int  # 0 until the due date has passed
    reference: str = ""  # the receipt's or invoice's number, when it has one


# --------------------------------------------------------------------------------------------------
# Checks


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _amount(value, field_name: str = "amount") -> int:
    """A positive whole number of minor units."""
    if not _is_int(value):
        raise InvalidValue(field_name, value, "amount", "a whole number of minor units")
    if value <= 0:
        raise InvalidValue(field_name, value, "not_positive", "the amount must be above 0")
    if value > MAX_MINOR:
        raise InvalidValue(field_name, value, "amount", money.TOO_LARGE)
    return value


def _clean_items(items: Sequence[Item]) -> list[Item]:
    clean = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, Item):
            raise InvalidValue("item", item, "item", f"line {number}: not an Item")
        description = clean_text(item.description, "item", MAX_DESCRIPTION)
        if not _is_int(item.quantity) or item.quantity <= 0:
            raise InvalidValue("item", item.quantity, "quantity", f"line {number}: the quantity must be 1 or more")
        if not _is_int(item.unit_price_minor) or item.unit_price_minor < 0:
            raise InvalidValue("item", item.unit_price_minor, "price",
                               f"line {number}: the unit price must be 0 or more minor units")
        if item.quantity * item.unit_price_minor > MAX_MINOR:
            raise InvalidValue("item", item.unit_price_minor, "amount", f"line {number}: the amount is too large")
        clean.append(Item(description, item.quantity, item.unit_price_minor))
    return clean


def _purchase(purchase_id: int) -> Purchase:
    row = Purchase.get_or_none(Purchase.id == purchase_id)
    if row is None:
        raise NotFound("purchase", purchase_id)
    return row


def _a_refund(purchase_id: int) -> Phrase:
    return Phrase("purchase {purchase} is a refund", purchase=purchase_id)


def _written_off(purchase_id: int) -> Phrase:
    return Phrase("purchase {purchase} was written off", purchase=purchase_id)


def _settled(purchase: Purchase) -> Phrase:
    """Why a purchase that is neither due nor partly paid takes no payment and no write-off."""
    if purchase.status == "written_off":
        return _written_off(purchase.id)
    return Phrase("purchase {purchase} is paid already", purchase=purchase.id)


def refunded_minor(purchase_id: int) -> int:
    """What was refunded of the purchase so far (a positive number)."""
    return database.execute_sql("SELECT coalesce(-sum(total_minor), 0) FROM purchase WHERE refund_of_id = ?",
                                (purchase_id,)).fetchone()[0]


def refundable_minor(purchase_id: int) -> int:
    """What is left to refund of a purchase."""
    purchase = _purchase(purchase_id)
    if purchase.is_refund or purchase.status == "written_off":
        return 0
    return purchase.total_minor - refunded_minor(purchase_id)


def _owed(purchase: Purchase) -> int:
    if purchase.is_refund or purchase.status not in UNPAID:
        return 0
    return max(0, purchase.total_minor - refunded_minor(purchase.id) - purchase.paid_minor)


def owed_minor(purchase_id: int) -> int:
    """What the customer still owes for the purchase (0 unless "due" or "partly_paid")."""
    return _owed(_purchase(purchase_id))


# --------------------------------------------------------------------------------------------------
# Recording


def record_purchase(
    contact_id: int | None,
    *,
    total_minor: int | None = None,
    items: Sequence[Item] = (),
    currency: str | None = None,
    at: datetime | None = None,
    payment_method: str = "",
    reference: str = "",
    status: str = "paid",
    due_on: date | None = None,
    paid_minor: int | None = None,
) -> PurchaseResult:
    """Record a sale (with its lines, or just its total) and the points it earns, in one transaction.

    With `items`, the total is the sum of quantity × unit price; `total_minor` may be given too if
    it agrees. `currency` defaults to the shop's (setting "currency"), `at` to now (aware; stored
    in UTC). A "due" or "partly_paid" purchase gets `due_on` (default: 30 days after the purchase).
    `paid_minor` defaults to the total when paid and to 0 otherwise; "partly_paid" needs it.
    """
    clean_items = _clean_items(items)
    if clean_items:
        items_total = sum(item.total_minor for item in clean_items)
        if total_minor is not None and _amount(total_minor) != items_total:
            raise InvalidValue("amount", total_minor, "mismatch", f"the lines add up to {items_total}")
        total = _amount(items_total)
    elif total_minor is None:
        raise InvalidValue("amount", None, "required", "give a total or the purchase's lines")
    else:
        total = _amount(total_minor)
    code = money.check_currency(currency if currency is not None else get_setting("currency"))
    moment = when.check_moment(at)
    if status not in Purchase.STATUSES:
        raise InvalidValue("status", status, "status", "one of " + ", ".join(Purchase.STATUSES))
    method = clean_text(payment_method, "payment_method")
    ref = clean_text(reference, "reference")
    if due_on is not None and (not isinstance(due_on, date) or isinstance(due_on, datetime)):
        raise InvalidValue("due", due_on, "date", "a date")

    if status == "paid":
        if due_on is not None:
            raise InvalidValue("due", due_on, "not_due", "a paid purchase has no due date")
        if paid_minor is not None and paid_minor != total:
            raise InvalidValue("paid", paid_minor, "mismatch", f"a paid purchase is paid in full ({total})")
        paid = total
    else:
        if due_on is None and status in UNPAID:
            due_on = local_date(moment) + timedelta(days=DEFAULT_DUE_DAYS)
        if due_on is not None and due_on < local_date(moment):
            raise InvalidValue("due", due_on, "before_purchase", "the due date comes before the purchase")
        paid = 0 if paid_minor is None else paid_minor
        if not _is_int(paid) or paid < 0 or paid >= total:
            raise InvalidValue("paid", paid_minor, "amount", f"what was paid must be from 0 to below {total}")
        if status == "due" and paid != 0:
            raise InvalidValue("paid", paid_minor, "status", "something was paid: use partly_paid")
        if status == "partly_paid" and paid == 0:
            raise InvalidValue("paid", paid_minor, "required", "say how much was paid, or use due")

    with database.atomic():
        if contact_id is not None:
            contact = Contact.get_or_none(Contact.id == contact_id)
            if contact is None:
                raise NotFound("contact", contact_id)
            if contact.deleted_at is not None:
                raise NotAllowed("purchase", Phrase("contact {contact} is in the Trash", contact=contact_id))
        purchase_id = Purchase.insert(
            contact=contact_id, occurred_at=moment, currency=code, total_minor=total, payment_method=method,
            reference=ref, status=status, due_on=due_on, paid_minor=paid, created_at=utc_now(),
        ).execute()
        _write_items(purchase_id, clean_items)
        points = loyalty.earn_for_purchase(purchase_id)
    return PurchaseResult(purchase_id, total, code, points)


def _write_items(purchase_id: int, items: Sequence[Item]) -> None:
    if items:
        PurchaseItem.insert_many([
            {"purchase": purchase_id, "description": item.description, "quantity": item.quantity,
             "unit_price_minor": item.unit_price_minor, "total_minor": item.total_minor}
            for item in items
        ]).execute()


def refund_purchase(purchase_id: int, amount_minor: int | None = None, *, at: datetime | None = None,
                    reason: str = "") -> RefundResult:
    """Refund all that is left of a purchase (`amount_minor` None) or part of it; take back its points.

    The refund is a purchase row with the negative amount, the original's customer, currency and
    payment method. A whole refund of a purchase with lines copies them with negative quantities;
    otherwise the refund has one line, described by `reason`. The reason is also written on the row
    taking the points back.
    Raises RefundTooLarge above what is left, NotAllowed for a refund of a refund or of a written-off
    purchase.
    """
    why = clean_text(reason, "reason", MAX_DESCRIPTION)
    moment = when.check_moment(at)
    if amount_minor is not None:
        _amount(amount_minor)
    with database.atomic():
        original = _purchase(purchase_id)
        if original.is_refund:
            raise NotAllowed("refund", Phrase("purchase {purchase} is itself a refund", purchase=purchase_id))
        if original.status == "written_off":
            raise NotAllowed("refund", _written_off(purchase_id))
        already = refunded_minor(purchase_id)
        left = original.total_minor - already
        amount = left if amount_minor is None else amount_minor
        if amount > left or amount <= 0:
            raise RefundTooLarge(purchase_id, left, original.currency)
        if moment < original.occurred_at:
            raise InvalidValue("at", moment, "before_purchase", "a refund cannot come before its purchase")
        refund_id = Purchase.insert(
            contact=original.contact_id, occurred_at=moment, currency=original.currency, total_minor=-amount,
            payment_method=original.payment_method, reference="", status="paid", paid_minor=-amount,
            refund_of=original.id, created_at=utc_now(),
        ).execute()
        lines = list(PurchaseItem.select().where(PurchaseItem.purchase == original.id).order_by(PurchaseItem.id))
        if already == 0 and amount == original.total_minor and lines:
            _write_items(refund_id, [Item(line.description, -line.quantity, line.unit_price_minor) for line in lines])
        else:
            _write_items(refund_id, [Item(why, -1, amount)])
        if original.status in UNPAID and _owed(original) == 0:
            Purchase.update(status="paid").where(Purchase.id == original.id).execute()
        points = loyalty.take_back_for_refund(refund_id, reason=why)
    return RefundResult(refund_id, amount, original.currency, points)


# --------------------------------------------------------------------------------------------------
# Money owed


def receivables(today: date | None = None) -> list[Receivable]:
    """Purchases not yet paid in full ("due", "partly_paid", something owed), oldest first."""
    today = today or when.today()
    cursor = database.execute_sql(
        f"""SELECT p.id, p.contact_id, p.total_minor - p.paid_minor
                  - coalesce((SELECT -sum(r.total_minor) FROM purchase r WHERE r.refund_of_id = p.id), 0) AS owed,
                  p.currency, p.occurred_at, p.due_on, p.reference
             FROM purchase p
            WHERE p.status IN ('due', 'partly_paid') AND {sale_sql('p')} AND owed > 0
            ORDER BY p.occurred_at, p.id""")
    out = []
    for purchase_id, contact_id, owed, currency, occurred_at, due_text, reference in cursor:
        due_on = date.fromisoformat(due_text) if due_text else None
        overdue = max(0, (today - due_on).days) if due_on else 0
        out.append(Receivable(purchase_id, contact_id, owed, currency, from_utc_text(occurred_at),
                              due_on, overdue, reference or ""))
    return out


def record_payment(purchase_id: int, amount_minor: int | None = None, *, at: datetime | None = None) -> None:
    """Record money received for a purchase not yet paid in full (None: all that is owed).

    Paid in full, it becomes "paid"; otherwise "partly_paid". The schema keeps no payment dates:
    `at` is checked (an aware time) but not stored.
    """
    when.check_moment(at)
    if amount_minor is not None:
        _amount(amount_minor)
    with database.atomic():
        purchase = _purchase(purchase_id)
        if purchase.is_refund:
            raise NotAllowed("payment", _a_refund(purchase_id))
        if purchase.status not in UNPAID:
            raise NotAllowed("payment", _settled(purchase))
        owed = _owed(purchase)
        amount = owed if amount_minor is None else amount_minor
        if amount > owed:
            raise InvalidValue("amount", amount_minor, "too_large", f"only {owed} is owed")
        paid = purchase.paid_minor + amount
        status = "paid" if amount == owed else "partly_paid"
        Purchase.update(paid_minor=paid, status=status).where(Purchase.id == purchase_id).execute()


def mark_paid(purchase_id: int) -> None:
    """Record payment of all that is owed."""
    record_payment(purchase_id)


def write_off(purchase_id: int, *, at: datetime | None = None) -> None:
    """Give up collecting what is owed; take back the points for the unpaid share (dated `at`, default now)."""
    moment = when.check_moment(at)
    with database.atomic():
        purchase = _purchase(purchase_id)
        if purchase.is_refund:
            raise NotAllowed("write off", _a_refund(purchase_id))
        if purchase.status not in UNPAID:
            raise NotAllowed("write off", _settled(purchase))
        Purchase.update(status="written_off").where(Purchase.id == purchase_id).execute()
        loyalty.take_back_for_write_off(purchase_id, moment)


# --------------------------------------------------------------------------------------------------
# Reading


def purchase_json(purchase_id: int) -> dict:
    """A purchase (or refund) as plain JSON-ready values."""
    p = _purchase(purchase_id)
    lines = PurchaseItem.select().where(PurchaseItem.purchase == purchase_id).order_by(PurchaseItem.id)
    points = dict(database.execute_sql(
        "SELECT kind, coalesce(sum(points), 0) FROM points_entry WHERE purchase_id = ? AND contact_id IS ?"
        " GROUP BY kind", (purchase_id, p.contact_id)).fetchall())
    taken_back = -database.execute_sql(
        "SELECT coalesce(sum(points), 0) FROM points_entry WHERE kind = 'adjust' AND points < 0"
        " AND (purchase_id = ? OR purchase_id IN (SELECT id FROM purchase WHERE refund_of_id = ?))",
        (purchase_id, purchase_id)).fetchone()[0]
    return {
        "id": p.id,
        "contact_id": p.contact_id,
        "occurred_at": to_utc_text(p.occurred_at),
        "currency": p.currency,
        "total_minor": p.total_minor,
        "total": str(money.to_decimal(p.total_minor, p.currency)),
        "items": [{"description": line.description, "quantity": line.quantity,
                   "unit_price_minor": line.unit_price_minor, "total_minor": line.total_minor} for line in lines],
        "payment_method": p.payment_method,
        "reference": p.reference,
        "status": p.status,
        "due_on": p.due_on.isoformat() if p.due_on else None,
        "paid_minor": p.paid_minor,
        "owed_minor": _owed(p),
        "refund_of": p.refund_of_id,
        "refunded_minor": 0 if p.is_refund else refunded_minor(p.id),
        "points_earned": points.get("earn", 0),
        "points_taken_back": taken_back,
    }


def contact_purchases(contact_id: int) -> list[int]:
    """Ids of a customer's purchases and refunds, newest first."""
    if not Contact.select().where(Contact.id == contact_id).exists():
        raise NotFound("contact", contact_id)
    return [row.id for row in Purchase.select(Purchase.id).where(Purchase.contact == contact_id)
            .order_by(Purchase.occurred_at.desc(), Purchase.id.desc())]

