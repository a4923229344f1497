"""The whole customer at a glance: the figures at the head of a contact, all derived from rows."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime

from smallcrm.errors import NotFound
from smallcrm.services import loyalty, referrals, satisfaction
from smallcrm.services.activity import check_day
from smallcrm.services.contacts import contact_rows, display_name
from smallcrm.services.settings import get_setting
from smallcrm.store.fields import from_utc_text, to_utc_text
from smallcrm.store.models import Contact, database, sale_sql


@dataclass(frozen=True)
class CustomerSummary:
    contact_id: int
    name: str
    in_trash: bool
    currency: str  # the shop's currency; every amount below is in it
    other_currencies: list[str]  # currencies of this customer's purchases left out of the amounts, sorted
    lifetime_spend_minor: int  # purchases minus refunds (a written-off purchase: what was paid of it)
    purchases: int  # purchases that are not refunds, in any currency
    average_basket_minor: int | None  # lifetime spend // purchases in the shop's currency; None without any
    last_purchase_at: datetime | None  # the latest purchase that is not a refund, in any currency
    owed_minor: int  # of purchases due or partly paid: total - refunded - paid (as purchases.receivables)
    points_balance: int
    tier: str
    nps: float | None  # this customer's own NPS (-100 to 100); None without answers
    csat_average: float | None  # 1 to 5; None without answers
    open_complaints: int  # open or in progress
    referrals: int  # contacts this customer brought (not counting those in the Trash)
    referred_by: int | None  # who brought this customer
    since: date  # the local day they became a customer: when added, or of their first purchase (not a refund) when
    # earlier (a till's history imported)


# What a purchase adds to the spend, as loyalty.rolling_spend counts it: a written-off purchase counts
# what was paid of it, and the refunds of a written-off purchase do not count.
_SPEND = """CASE WHEN p.status = 'written_off' THEN p.paid_minor
                 WHEN o.status = 'written_off' THEN 0
                 ELSE p.total_minor END"""
# What is still owed, as purchases.receivables counts it: total - refunded - paid, never below zero.
_OWED = """max(0, p.total_minor - p.paid_minor
                  - coalesce((SELECT -sum(r.total_minor) FROM purchase r WHERE r.refund_of_id = p.id), 0))"""
_SALE = sale_sql("p")
_MONEY_SQL = f"""
SELECT coalesce(sum(CASE WHEN p.currency = :cur THEN {_SPEND} END), 0),
       coalesce(sum({_SALE}), 0),
       coalesce(sum({_SALE} AND p.currency = :cur), 0),
       max(CASE WHEN {_SALE} THEN p.occurred_at END),
       coalesce(sum(CASE WHEN p.currency = :cur AND {_SALE} AND p.status IN ('due', 'partly_paid')
                         THEN {_OWED} END), 0),
       (SELECT group_concat(currency, ' ') FROM (SELECT DISTINCT currency FROM purchase
                                                  WHERE contact_id = :id AND currency != :cur ORDER BY currency)),
       min(CASE WHEN {_SALE} THEN p.occurred_at END)
  FROM purchase p LEFT JOIN purchase o ON o.id = p.refund_of_id
 WHERE p.contact_id = :id
"""


def summary(contact_id: int, today: date | None = None) -> CustomerSummary:
    """The header figures of one contact (also of one in the Trash). `today` is the day the tier is for."""
    row = Contact.get_or_none(Contact.id == contact_id)
    if row is None:
        raise NotFound("contact", contact_id)
    if today is not None:
        today = check_day(today, "today")
    currency = get_setting("currency")
    spend, purchases, purchases_here, last, owed, others, first = database.execute_sql(
        _MONEY_SQL, {"id": contact_id, "cur": currency}
    ).fetchone()
    return CustomerSummary(
        contact_id=contact_id,
        name=display_name(row.first_name, row.last_name, row.company),
        in_trash=row.deleted_at is not None,
        currency=currency,
        other_currencies=others.split() if others else [],
        lifetime_spend_minor=spend,
        purchases=purchases,
        average_basket_minor=spend // purchases_here if purchases_here else None,
        last_purchase_at=from_utc_text(last) if last else None,
        owed_minor=owed,
        points_balance=loyalty.points_balance(contact_id),
        tier=loyalty.current_tier(contact_id, on=today),
        nps=satisfaction.nps(contact_id).score,
        csat_average=satisfaction.csat_average(contact_id).average,
        open_complaints=satisfaction.unresolved_count(contact_id),
        referrals=referrals.referral_count(contact_id),
        referred_by=row.referred_by_id,
        since=min(row.created_at, from_utc_text(first) if first else row.created_at).astimezone().date(),
    )


def customer_json(contact_id: int, today: date | None = None) -> dict:
    data = asdict(summary(contact_id, today))
    data["last_purchase_at"] = to_utc_text(data["last_purchase_at"]) if data["last_purchase_at"] else None
    data["since"] = data["since"].isoformat()
    return data


@dataclass(frozen=True)
class CustomerLine:
    """A customer in a list: who, how to reach them, what they have spent, when they last bought."""

    contact_id: int
    name: str
    phone: str
    spend_minor: int  # lifetime, in the shop's currency, as `summary` counts it
    last_purchase_on: date | None  # local day of the latest purchase that is not a refund
    in_trash: bool = False


_LINES_SQL = f"""
SELECT p.contact_id, coalesce(sum(CASE WHEN p.currency = :cur THEN {_SPEND} END), 0),
       max(CASE WHEN {_SALE} THEN p.occurred_at END)
  FROM purchase p LEFT JOIN purchase o ON o.id = p.refund_of_id
 WHERE p.contact_id IN (SELECT value FROM json_each(:ids))
 GROUP BY p.contact_id
"""
LINES_CHUNK = 5000


def customer_lines(ids) -> list[CustomerLine]:
    """One line per customer, in the order given; ids no longer in the database are left out."""
    ids = list(ids)
    currency = get_setting("currency")
    rows, money = {}, {}
    for i in range(0, len(ids), LINES_CHUNK):
        chunk = ids[i:i + LINES_CHUNK]
        rows.update(contact_rows(chunk))
        cursor = database.execute_sql(_LINES_SQL, {"cur": currency, "ids": "[" + ",".join(str(int(x)) for x in chunk) + "]"})
        money.update({contact_id: (spend, last) for contact_id, spend, last in cursor})
    lines = []
    for contact_id in ids:
        row = rows.get(contact_id)
        if row is not None:
            spend, last = money.get(contact_id, (0, None))
            lines.append(CustomerLine(contact_id, row.name, row.phone, spend,
                                      from_utc_text(last).astimezone().date() if last else None,
                                      row.deleted_at is not None))
    return lines
