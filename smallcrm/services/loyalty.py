"""The loyalty programme: points earned on purchases, redeemed, adjusted and expired; tiers by spend.

Points live in the append-only `points_entry` ledger. A balance is the sum of a customer's rows and
is never stored; a tier is derived from the rolling twelve-month spend, so promotion and demotion
happen by themselves. Each row keeps the points it was written with: changing the rules applies
from that moment on and never rewrites the past.

Kinds of rows:
- "earn"   +n, linked to the purchase that earned it (expires when expiry is on);
- "bonus"  +n, the welcome bonus and referral bonuses (expires when expiry is on);
- "redeem" -n, points spent;
- "adjust" ±n, a correction by hand (reason required), or -n taking points back for a refund
           (linked to the refund row) or for a written-off purchase (linked to that purchase);
- "expire" -n, points that reached their `expires_on` unspent. Its own `expires_on` names the
           latest expiry date it covers: it consumes what is left of the lots expiring on or
           before that date.

Deductions consume the oldest points first (FIFO); `fifo_lots` does that bookkeeping from the
ledger rows alone, and expiry, "expiring soon" and statements are built on it.

Dates (birthday month, expiry dates, the spend window) are the shop's local dates; times are UTC.
Points, spend and tiers count purchases in the shop's currency (setting "currency") only: there are
no exchange rates.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from decimal import ROUND_FLOOR
from typing import Iterable, NamedTuple

from smallcrm.errors import InsufficientPoints, InvalidValue, NotAllowed, NotFound, Phrase
from smallcrm.services import money, when
from smallcrm.services.settings import get_setting, set_setting
from smallcrm.services.validation import clean_text
from smallcrm.store.fields import from_utc_text, to_utc_text, utc_now
from smallcrm.store.models import PointsEntry, Purchase, database, sale_sql

SETTING = "loyalty"
# What the scheme writes in the ledger by itself (here, in the purchases import and the demo), in English: the
# window and the reports recognise these (reason_phrase) to say them in their own language.
WELCOME_REASON = "Welcome bonus"
PURCHASE_REASON = "Purchase {reference}"  # a reference, or "#" and the purchase's id
IMPORTED_PURCHASE_REASON = "Purchase (import)"  # an imported sale with no reference
REFERRAL_REASON = "Referral of contact {contact}"
EXPIRED_REASON = "Points expired"
REFUND_REASON = "Refund of purchase {reference}"
REFUND_WHY_REASON = "Refund of purchase {reference}: {why}"
WRITE_OFF_REASON = "Written off: purchase {reference}"
IMPORTED_REFUND_REASON = "Refund {reference}"
IMPORTED_REFUND_NO_REFERENCE_REASON = "Refund (import)"
MAX_REASON = 1000
INT_RULES = ("points_per_unit", "min_spend_minor", "points_per_unit_redeemed", "welcome_points",
             "birthday_multiplier", "referral_points", "expiry_months")


# --------------------------------------------------------------------------------------------------
# The rules


@dataclass(frozen=True)
class Tier:
    name: str
    min_spend_minor: int  # rolling twelve-month spend, in minor units of the shop's currency


# The tiers a new scheme has, named in English: the window and the reports say these names in their language
# (a name the owner typed is shown as typed).
DEFAULT_TIER_NAMES = ("Bronze", "Silver", "Gold")


def default_tiers(currency: str = "EUR") -> tuple[Tier, ...]:
    """Bronze from 0, Silver from 500.00, Gold from 1,500.00 of `currency`."""
    unit = unit_minor(currency)
    return tuple(Tier(name, spend * unit) for name, spend in zip(DEFAULT_TIER_NAMES, (0, 500, 1500), strict=True))


@dataclass(frozen=True)
class LoyaltyRules:
    points_per_unit: int = 1  # points per whole unit (1.00) spent, rounded down per purchase
    min_spend_minor: int = 0  # a purchase below this earns nothing
    points_per_unit_redeemed: int = 100  # this many points are worth 1.00
    welcome_points: int = 0
    birthday_multiplier: int = 1  # a purchase in the customer's birthday month earns this many times
    referral_points: int = 0  # to the referrer, on the referred customer's first purchase
    tiers: tuple[Tier, ...] = field(default_factory=default_tiers)  # by rising threshold
    expiry_months: int = 0  # 0: points never expire

    def points_for_amount(self, total_minor: int, currency: str, shop_currency: str) -> int:
        """What a purchase of `total_minor` earns, before the birthday multiplier: nothing in a currency other
        than the shop's (3,000 yen are not 3,000 euros' worth of points; there are no exchange rates)."""
        if currency != shop_currency or total_minor <= 0 or total_minor < self.min_spend_minor:
            return 0
        earned = (money.to_decimal(total_minor, currency) * self.points_per_unit).to_integral_value(ROUND_FLOOR)
        return int(earned)

    def redemption_value_minor(self, points: int, currency: str) -> int:
        """What `points` are worth in minor units of `currency`, rounded down."""
        return points * unit_minor(currency) // self.points_per_unit_redeemed

    def tier_for(self, spend_minor: int) -> str:
        """The highest tier whose threshold `spend_minor` reaches ("" below the lowest tier)."""
        name = ""
        for tier in self.tiers:
            if spend_minor >= tier.min_spend_minor:
                name = tier.name
        return name

    def to_dict(self) -> dict:
        data = {name: getattr(self, name) for name in INT_RULES}
        data["tiers"] = [{"name": t.name, "min_spend_minor": t.min_spend_minor} for t in self.tiers]
        return data

    @classmethod
    def from_dict(cls, data: dict, currency: str = "EUR") -> LoyaltyRules:
        """Rules from a stored dict; missing keys take their defaults, unknown keys are ignored."""
        if not isinstance(data, dict):
            raise InvalidValue("loyalty", data, "rules", "the loyalty rules must be a mapping")
        values = {name: data[name] for name in INT_RULES if name in data}
        if "tiers" in data:
            tiers = data["tiers"]
            if not isinstance(tiers, list) or not all(isinstance(t, dict) for t in tiers):
                raise InvalidValue("tiers", tiers, "rules", "a list of {name, min_spend_minor}")
            values["tiers"] = tuple(Tier(t.get("name"), t.get("min_spend_minor")) for t in tiers)
        else:
            values["tiers"] = default_tiers(currency)
        return check_rules(cls(**values))


def check_rules(rules: LoyaltyRules) -> LoyaltyRules:
    """Return the rules if they make sense, else raise InvalidValue naming the rule."""
    for name in INT_RULES:
        value = getattr(rules, name)
        if not isinstance(value, int) or isinstance(value, bool):
            raise InvalidValue(name, value, "integer", "a whole number")
        if value < 0:
            raise InvalidValue(name, value, "negative", "cannot be negative")
    if rules.points_per_unit_redeemed < 1:
        raise InvalidValue("points_per_unit_redeemed", rules.points_per_unit_redeemed, "not_positive",
                           "at least 1 point per 1.00")
    if rules.birthday_multiplier < 1:
        raise InvalidValue("birthday_multiplier", rules.birthday_multiplier, "not_positive",
                           "1 means no birthday bonus")
    if rules.expiry_months > 1200:
        raise InvalidValue("expiry_months", rules.expiry_months, "too_large", "at most 1200 months")
    previous: Tier | None = None
    names: set[str] = set()
    for i, tier in enumerate(rules.tiers):
        if not isinstance(tier, Tier):
            raise InvalidValue(f"tiers[{i}]", tier, "rules", "a Tier(name, min_spend_minor)")
        if not isinstance(tier.name, str) or not tier.name.strip():
            raise InvalidValue(f"tiers[{i}].name", tier.name, "required", "every tier needs a name")
        if tier.name.strip().casefold() in names:
            raise InvalidValue(f"tiers[{i}].name", tier.name, "duplicate", "two tiers with one name")
        names.add(tier.name.strip().casefold())
        spend = tier.min_spend_minor
        if not isinstance(spend, int) or isinstance(spend, bool):
            raise InvalidValue(f"tiers[{i}].min_spend_minor", spend, "integer", "a whole number of minor units")
        if spend < 0:
            raise InvalidValue(f"tiers[{i}].min_spend_minor", spend, "negative", "cannot be negative")
        if previous is not None and spend <= previous.min_spend_minor:
            raise InvalidValue(f"tiers[{i}].min_spend_minor", spend, "order",
                               Phrase("a tier needs a higher spend than {name}, the tier before it",
                                      name=previous.name))
        previous = tier
    return rules


def get_rules() -> LoyaltyRules:
    """The rules in force (defaults when none were saved; tier thresholds in the shop's currency)."""
    currency = shop_currency()
    stored = get_setting(SETTING)
    if stored is None:
        return LoyaltyRules(tiers=default_tiers(currency))
    return LoyaltyRules.from_dict(stored, currency)


def set_rules(rules: LoyaltyRules) -> None:
    """Save new rules; they apply from now on (nothing already in the ledger changes)."""
    rules = check_rules(rules)
    rules = LoyaltyRules(**{**{n: getattr(rules, n) for n in INT_RULES},
                            "tiers": tuple(Tier(t.name.strip(), t.min_spend_minor) for t in rules.tiers)})
    set_setting(SETTING, rules.to_dict())


def redemption_value_minor(points: int, currency: str | None = None) -> int:
    """What `points` are worth under the current rules, in minor units of `currency` (default: the shop's)."""
    return get_rules().redemption_value_minor(points, money.check_currency(currency or shop_currency()))


# --------------------------------------------------------------------------------------------------
# FIFO lots: pure bookkeeping over ledger rows


class LedgerRow(NamedTuple):
    id: int
    occurred_at: datetime
    kind: str
    points: int
    expires_on: date | None


@dataclass
class Lot:
    """Points added by one positive row, and how many of them are not yet consumed."""

    entry_id: int
    occurred_at: datetime
    points: int
    remaining: int
    expires_on: date | None


@dataclass(frozen=True)
class LotState:
    lots: tuple[Lot, ...]  # lots with points remaining, oldest first
    debt: int  # deductions no lot covered (only when rows were back-dated before the points they used)

    @property
    def balance(self) -> int:
        return sum(lot.remaining for lot in self.lots) - self.debt


def fifo_lots(rows: Iterable[LedgerRow], expired: dict[int, int] | None = None) -> LotState:
    """Replay ledger rows, in the order given, into the lots still holding points.

    A positive row opens a lot (first paying any debt). A deduction consumes the oldest lots first.
    An "expire" row consumes, oldest first, the lots expiring on or before its own `expires_on`
    (any lot with an expiry date when it has none), then, if more is to be taken, the oldest of
    the rest. Whatever no lot covers becomes debt, paid by the next positive rows.
    Invariant: the state's balance equals the sum of the rows' points.
    `expired`, when given, is filled with what "expire" rows took of each lot (by its row's id).
    """
    lots: list[Lot] = []
    first_open = 0  # lots before this index are used up
    debt = 0

    def consume(need: int, eligible, tally: dict[int, int] | None = None) -> int:
        nonlocal first_open
        for i in range(first_open, len(lots)):
            if need == 0:
                break
            lot = lots[i]
            if lot.remaining and eligible(lot):
                used = min(lot.remaining, need)
                lot.remaining -= used
                need -= used
                if tally is not None:
                    tally[lot.entry_id] = tally.get(lot.entry_id, 0) + used
        while first_open < len(lots) and lots[first_open].remaining == 0:
            first_open += 1
        return need

    for row in rows:
        if row.points > 0:
            paid = min(debt, row.points)
            debt -= paid
            lots.append(Lot(row.id, row.occurred_at, row.points, row.points - paid, row.expires_on))
        elif row.points < 0:
            need = -row.points
            tally = expired if row.kind == "expire" else None
            if row.kind == "expire":
                need = consume(need, lambda lot, limit=row.expires_on: lot.expires_on is not None
                               and (limit is None or lot.expires_on <= limit), tally)
            need = consume(need, lambda lot: True, tally)
            debt += need
    return LotState(tuple(lot for lot in lots if lot.remaining > 0), debt)


# --------------------------------------------------------------------------------------------------
# Helpers


def shop_currency() -> str:
    """The shop's currency (setting "currency"; EUR until one is chosen)."""
    return money.check_currency(get_setting("currency") or "EUR")


def unit_minor(currency: str) -> int:
    """Minor units in one whole unit of `currency` (100 for EUR, 1 for JPY), from babel via money.py."""
    return 10 ** -money.to_decimal(1, currency).as_tuple().exponent


def local_date(moment: datetime) -> date:
    """The shop's calendar date at a UTC moment."""
    return moment.astimezone().date()


def day_start(day: date) -> datetime:
    """The UTC moment the shop's local `day` begins."""
    return datetime.combine(day, time()).astimezone().astimezone(timezone.utc)


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months; the 31st becomes the month's last day where there is none."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


class _ContactFacts(NamedTuple):
    id: int
    birthday: str | None
    referred_by_id: int | None
    deleted_at: str | None


def _find_contact(contact_id: int) -> _ContactFacts | None:
    # Plain SQL: this runs for every balance and tier shown, and Peewee's query building costs more
    # than the query itself.
    row = database.execute_sql("SELECT id, birthday, referred_by_id, deleted_at FROM contact WHERE id = ?",
                               (contact_id,)).fetchone()
    return None if row is None else _ContactFacts(*row)


def _contact(contact_id: int) -> _ContactFacts:
    row = _find_contact(contact_id)
    if row is None:
        raise NotFound("contact", contact_id)
    return row


def _live_contact(contact_id: int, what: str) -> _ContactFacts:
    row = _contact(contact_id)
    if row.deleted_at is not None:
        raise NotAllowed(what, Phrase("contact {contact} is in the Trash", contact=contact_id))
    return row


def _balance(contact_id: int) -> int:
    cursor = database.execute_sql("SELECT coalesce(sum(points), 0) FROM points_entry WHERE contact_id = ?",
                                  (contact_id,))
    return cursor.fetchone()[0]


# The reasons above, the more particular first (a refund's with its why before one without, an import's before
# a reference's): the first whose pattern a stored reason matches whole says what it is. A reason typed by hand
# (a redemption, a correction not about a purchase) is never one of these, whatever it says.
SCHEME_REASONS = (IMPORTED_PURCHASE_REASON, PURCHASE_REASON, WELCOME_REASON, REFERRAL_REASON, EXPIRED_REASON,
                  IMPORTED_REFUND_NO_REFERENCE_REASON, REFUND_WHY_REASON, REFUND_REASON, WRITE_OFF_REASON,
                  IMPORTED_REFUND_REASON)
_SCHEME_REASONS = tuple((re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.+?)", re.escape(template))), template)
                        for template in SCHEME_REASONS)  # "Purchase {reference}" -> "Purchase\ (?P<reference>.+?)"


def reason_phrase(kind: str, reason: str, *, of_purchase: bool) -> str:
    """A ledger line's reason as a Phrase when the scheme wrote it (any kind but a redemption, and a correction
    only when it is about a purchase: a refund's or a write-off's), so that it can be said in another language;
    the reason as typed otherwise."""
    if reason and kind != "redeem" and (kind != "adjust" or of_purchase):
        for pattern, template in _SCHEME_REASONS:
            if match := pattern.fullmatch(reason):
                return Phrase(template, **match.groupdict())
    return reason


def _write(contact_id: int, kind: str, points: int, at: datetime, reason: str = "",
           purchase_id: int | None = None, expires_on: date | None = None) -> int:
    return PointsEntry.insert(contact=contact_id, occurred_at=at, kind=kind, points=points, reason=reason,
                              purchase=purchase_id, expires_on=expires_on, created_at=utc_now()).execute()


def _expiry(rules: LoyaltyRules, at: datetime) -> date | None:
    return add_months(local_date(at), rules.expiry_months) if rules.expiry_months else None


def _row(entry_id, occurred_at, kind, points, expires_on) -> LedgerRow:
    return LedgerRow(entry_id, from_utc_text(occurred_at), kind, points,
                     date.fromisoformat(expires_on) if expires_on else None)


def _ledgers(contact_ids: list[int]) -> dict[int, list[LedgerRow]]:
    """The ledgers of several contacts, each in order, read in chunks."""
    out: dict[int, list[LedgerRow]] = {cid: [] for cid in contact_ids}
    for start in range(0, len(contact_ids), 500):
        chunk = contact_ids[start:start + 500]
        cursor = database.execute_sql(
            f"SELECT contact_id, id, occurred_at, kind, points, expires_on FROM points_entry"
            f" WHERE contact_id IN ({','.join('?' * len(chunk))}) ORDER BY contact_id, occurred_at, id", chunk)
        for cid, *rest in cursor:
            out[cid].append(_row(*rest))
    return out


# --------------------------------------------------------------------------------------------------
# Balances, spend and tiers


def points_balance(contact_id: int) -> int:
    """The sum of the customer's ledger."""
    _contact(contact_id)
    return _balance(contact_id)


def rolling_spend(contact_id: int, on: date | None = None) -> int:
    """Purchases minus refunds, in the shop's currency, over the 365 local days ending with `on` (today).

    A written-off purchase counts with what was paid of it, and its refunds do not count.
    """
    _contact(contact_id)
    on = on or when.today()
    start, end = day_start(on - timedelta(days=364)), day_start(on + timedelta(days=1))
    cursor = database.execute_sql(
        """SELECT coalesce(sum(CASE WHEN p.status = 'written_off' THEN p.paid_minor
                                    WHEN o.status = 'written_off' THEN 0
                                    ELSE p.total_minor END), 0)
             FROM purchase p LEFT JOIN purchase o ON o.id = p.refund_of_id
            WHERE p.contact_id = ? AND p.currency = ? AND p.occurred_at >= ? AND p.occurred_at < ?""",
        (contact_id, shop_currency(), to_utc_text(start), to_utc_text(end)))
    return cursor.fetchone()[0]


def current_tier(contact_id: int, on: date | None = None) -> str:
    """The tier the rolling spend reaches on `on` ("" when below every tier)."""
    return get_rules().tier_for(rolling_spend(contact_id, on))


# --------------------------------------------------------------------------------------------------
# Earning and taking back


def _birthday_month(contact: _ContactFacts | None) -> int | None:
    if contact is None or not contact.birthday:
        return None
    return int(contact.birthday[-5:-3])


def points_for(contact_id: int | None, total_minor: int, currency: str, at: datetime) -> int:
    """What a purchase would earn under the current rules (the referral bonus, paid to another
    customer, is not included)."""
    rules = get_rules()
    currency = money.check_currency(currency)
    at = when.check_moment(at)
    contact = _contact(contact_id) if contact_id is not None else None
    points = rules.points_for_amount(total_minor, currency, shop_currency())
    if points and _birthday_month(contact) == local_date(at).month:
        points *= rules.birthday_multiplier
    return points


def _purchase(purchase_id: int) -> Purchase:
    row = Purchase.get_or_none(Purchase.id == purchase_id)
    if row is None:
        raise NotFound("purchase", purchase_id)
    return row


def expired_by_entry(contact_ids: list[int]) -> dict[int, int]:
    """What "expire" rows took of each positive ledger row (by its id) of these customers (fifo_lots)."""
    expired: dict[int, int] = {}
    for rows in _ledgers(contact_ids).values():
        fifo_lots(rows, expired)
    return expired


def _earned(purchase: Purchase, at: datetime) -> int:
    """What the purchase earned when it was recorded (its "earn" rows), less what of it expired, or was past its date
    at `at` (a refund's moment: the next expiry takes it): those points are gone by expiry, and a refund or
    write-off that took them back too would take the customer's other points. Points spent are not (the balance
    pays for them, as ever)."""
    earns = database.execute_sql("SELECT id, points, expires_on FROM points_entry WHERE purchase_id = ?"
                                 " AND kind = 'earn'", (purchase.id,)).fetchall()
    earned = sum(points for _, points, _ in earns)
    if not any(expires_on for _, _, expires_on in earns):
        return earned
    expired: dict[int, int] = {}
    state = fifo_lots(_ledgers([purchase.contact_id])[purchase.contact_id], expired)
    ids, day = {entry for entry, _, _ in earns}, local_date(at)
    past = sum(lot.remaining for lot in state.lots if lot.entry_id in ids and lot.expires_on and lot.expires_on < day)
    return max(0, earned - past - sum(expired.get(entry, 0) for entry in ids))


def _taken_back(purchase: Purchase) -> int:
    """Points already taken back for the purchase's refunds and write-off (a positive number)."""
    return -database.execute_sql(
        """SELECT coalesce(sum(points), 0) FROM points_entry
            WHERE kind = 'adjust' AND points < 0
              AND (purchase_id = ? OR purchase_id IN (SELECT id FROM purchase WHERE refund_of_id = ?))""",
        (purchase.id, purchase.id)).fetchone()[0]


def _refunded_before(purchase: Purchase, before_id: int | None = None) -> int:
    """Minor units refunded of the purchase (by refunds with an id below `before_id`, if given)."""
    sql = "SELECT coalesce(-sum(total_minor), 0) FROM purchase WHERE refund_of_id = ?"
    params: list = [purchase.id]
    if before_id is not None:
        sql += " AND id < ?"
        params.append(before_id)
    return database.execute_sql(sql, params).fetchone()[0]


def points_share(earned: int, total_minor: int, removed_before: int, removed_after: int) -> int:
    """The points belonging to the slice (removed_before, removed_after] of a purchase's total.

    Cumulative and rounded down, so that slices adding up to the whole total add up to `earned`.
    """
    return earned * removed_after // total_minor - earned * removed_before // total_minor


def refund_share(purchase_id: int, amount_minor: int, at: datetime, *, refunded_since: int = 0,
                 taken_since: int = 0) -> int:
    """The points a further refund of `amount_minor` of a recorded purchase at `at` takes back, before the cap of
    the customer's balance (as take_back_for_refund counts them); `refunded_since` and `taken_since`: what refunds
    not written yet (an import's earlier rows) paid back of it and took back."""
    original = _purchase(purchase_id)
    earned = _earned(original, at)
    before = _refunded_before(original) + refunded_since
    return max(0, min(points_share(earned, original.total_minor, before, before + amount_minor),
                      earned - _taken_back(original) - taken_since))


def earn_for_purchase(purchase_id: int) -> int:
    """Write what the purchase earns under the current rules; return the points (0: nothing written).

    Purchases without a customer, refunds and written-off purchases earn nothing; due and partly
    paid purchases earn when recorded (a write-off takes the unpaid share back). On the customer's
    first purchase, the referrer (contact.referred_by, if not in the Trash) gets the referral bonus.
    Called by purchases.record_purchase inside its transaction.
    """
    with database.atomic():
        purchase = _purchase(purchase_id)
        if purchase.contact_id is None or purchase.refund_of_id is not None or purchase.total_minor <= 0:
            return 0
        if purchase.status == "written_off":
            return 0
        if PointsEntry.select().where(PointsEntry.purchase == purchase_id, PointsEntry.kind == "earn").exists():
            raise NotAllowed("earn", Phrase("purchase {purchase} has already earned its points", purchase=purchase_id))
        rules = get_rules()
        contact = _contact(purchase.contact_id)
        points = points_for(contact.id, purchase.total_minor, purchase.currency, purchase.occurred_at)
        label = PURCHASE_REASON.format(reference=purchase.reference or f"#{purchase.id}")
        if points > 0:
            _write(contact.id, "earn", points, purchase.occurred_at, label, purchase.id,
                   _expiry(rules, purchase.occurred_at))
        referrer_id = contact.referred_by_id
        if rules.referral_points and referrer_id is not None:
            first = database.execute_sql(
                f"SELECT NOT EXISTS (SELECT 1 FROM purchase WHERE contact_id = ? AND {sale_sql()} AND id != ?)",
                (contact.id, purchase.id)).fetchone()[0]
            referrer = _find_contact(referrer_id)
            if first and referrer is not None and referrer.deleted_at is None:
                _write(referrer.id, "bonus", rules.referral_points, purchase.occurred_at,
                       REFERRAL_REASON.format(contact=contact.id), purchase.id, _expiry(rules, purchase.occurred_at))
        return points


def take_back_for_refund(refund_id: int, *, reason: str = "") -> int:
    """Take back the refunded share of what the original purchase earned; return the points.

    The share is proportional to the amount refunded (rounded down, cumulatively over the
    purchase's refunds, so refunds adding up to the whole purchase take back exactly what it
    earned). Never more than the purchase earned minus what was already taken back, never more than
    the balance: points already spent stay spent. Written as an "adjust" row linked to the refund.
    """
    with database.atomic():
        refund = _purchase(refund_id)
        if refund.refund_of_id is None:
            raise NotAllowed("take back", Phrase("purchase {purchase} is not a refund", purchase=refund_id))
        if PointsEntry.select().where(PointsEntry.purchase == refund_id).exists():
            raise NotAllowed("take back", Phrase("refund {purchase} already took its points back", purchase=refund_id))
        original = _purchase(refund.refund_of_id)
        if original.contact_id is None:
            return 0
        earned = _earned(original, refund.occurred_at)
        before = _refunded_before(original, refund_id)
        share = points_share(earned, original.total_minor, before, before - refund.total_minor)
        reference = original.reference or f"#{original.id}"
        label = (REFUND_WHY_REASON.format(reference=reference, why=clean_text(reason, "reason", MAX_REASON))
                 if reason and reason.strip() else REFUND_REASON.format(reference=reference))
        return _take_back(original, share, refund.occurred_at, label, refund_id)


def take_back_for_write_off(purchase_id: int, at: datetime | None = None) -> int:
    """Take back the share of what a written-off purchase earned that was never paid.

    Called by purchases.write_off (after the status change) inside its transaction.
    """
    with database.atomic():
        purchase = _purchase(purchase_id)
        if purchase.status != "written_off" or purchase.contact_id is None:
            return 0
        if PointsEntry.select().where(PointsEntry.purchase == purchase_id, PointsEntry.kind == "adjust").exists():
            return 0
        at = when.check_moment(at)
        refunded = _refunded_before(purchase)
        unpaid = max(0, purchase.total_minor - refunded - purchase.paid_minor)
        share = points_share(_earned(purchase, at), purchase.total_minor, refunded, refunded + unpaid)
        label = WRITE_OFF_REASON.format(reference=purchase.reference or f"#{purchase.id}")
        return _take_back(purchase, share, at, label, purchase_id)


def _take_back(original: Purchase, share: int, at: datetime, reason: str, purchase_id: int) -> int:
    earned = _earned(original, at)
    points = min(share, earned - _taken_back(original), _balance(original.contact_id))
    if points <= 0:
        return 0
    _write(original.contact_id, "adjust", -points, at, reason, purchase_id)
    return points


# --------------------------------------------------------------------------------------------------
# Redeeming, adjusting, welcoming


def redeem(contact_id: int, points: int, *, at: datetime | None = None, reason: str = "") -> int:
    """Spend points; return the ledger row's id. Raises InsufficientPoints above the balance."""
    if not isinstance(points, int) or isinstance(points, bool) or points <= 0:
        raise InvalidValue("points", points, "not_positive", "redeem at least 1 point")
    text = clean_text(reason, "reason", MAX_REASON)
    at = when.check_moment(at)
    with database.atomic():
        _live_contact(contact_id, "redeem")
        balance = _balance(contact_id)
        if points > balance:
            raise InsufficientPoints(contact_id, balance, points)
        return _write(contact_id, "redeem", -points, at, text)


def adjust(contact_id: int, points: int, *, reason: str, at: datetime | None = None) -> int:
    """Correct a balance by hand (reason required); return the ledger row's id.

    A negative adjustment may not take the balance below zero (InsufficientPoints). Positive
    adjustments never expire.
    """
    if not isinstance(points, int) or isinstance(points, bool) or points == 0:
        raise InvalidValue("points", points, "zero", "give a number of points other than 0")
    text = clean_text(reason, "reason", MAX_REASON)
    if not text:
        raise InvalidValue("reason", reason, "required", "say why the points change")
    at = when.check_moment(at)
    with database.atomic():
        _live_contact(contact_id, "adjust")
        if points < 0:
            balance = _balance(contact_id)
            if -points > balance:
                raise InsufficientPoints(contact_id, balance, -points)
        return _write(contact_id, "adjust", points, at, text)


def grant_welcome(contact_id: int, *, at: datetime | None = None) -> int:
    """Give the welcome bonus once per customer; return the points written (0: none)."""
    at = when.check_moment(at)
    with database.atomic():
        _live_contact(contact_id, "welcome")
        rules = get_rules()
        if not rules.welcome_points:
            return 0
        if PointsEntry.select().where(PointsEntry.contact == contact_id, PointsEntry.kind == "bonus",
                                      PointsEntry.reason == WELCOME_REASON).exists():
            return 0
        _write(contact_id, "bonus", rules.welcome_points, at, WELCOME_REASON, None, _expiry(rules, at))
        return rules.welcome_points


# --------------------------------------------------------------------------------------------------
# Expiry


class ExpiringPoints(NamedTuple):
    contact_id: int
    points: int
    expires_on: date  # the first date in the window on which some of them expire


def expire_points(today: date | None = None) -> int:
    """Write an "expire" row for every customer with unspent points whose expiry date is before
    `today` (the shop's local date); return the points expired. Running it again changes nothing.

    The row is dated at the start of `today` (now, when `today` is not given), or just after the
    customer's latest row if that is later, so that it replays after everything it was computed from.
    """
    run_at = utc_now() if today is None else day_start(today)
    today = today or when.today()
    cutoff = today.isoformat()
    total = 0
    with database.atomic():
        # Customers who may still hold expired points: a balance above zero, and more added by lots
        # now past their date than "expire" rows took (an upper bound; the FIFO replay decides).
        candidates = [row[0] for row in database.execute_sql(
            """SELECT contact_id FROM points_entry
                WHERE contact_id IN (SELECT contact_id FROM points_entry WHERE expires_on < ?)
                GROUP BY contact_id
               HAVING sum(points) > 0
                  AND sum(CASE WHEN kind = 'expire' THEN points
                               WHEN points > 0 AND expires_on < ? THEN points ELSE 0 END) > 0""",
            (cutoff, cutoff))]
        for contact_id, rows in _ledgers(candidates).items():
            state = fifo_lots(rows)
            expired = [lot for lot in state.lots if lot.expires_on is not None and lot.expires_on < today]
            points = min(sum(lot.remaining for lot in expired), max(0, state.balance))
            if points <= 0:
                continue
            latest = max(row.occurred_at for row in rows)
            _write(contact_id, "expire", -points, max(run_at, latest), EXPIRED_REASON, None,
                   max(lot.expires_on for lot in expired))
            total += points
    return total


def expiring_soon(within_days: int = 30, today: date | None = None) -> list[ExpiringPoints]:
    """Per customer (not in the Trash), the unspent points expiring from `today` to `today + within_days`,
    soonest first. Points already past their date are not listed (`expire_points` takes them)."""
    if not isinstance(within_days, int) or within_days < 0:
        raise InvalidValue("within_days", within_days, "negative", "a number of days, 0 or more")
    today = today or when.today()
    last = today + timedelta(days=within_days)
    candidates = [row[0] for row in database.execute_sql(
        """SELECT DISTINCT p.contact_id FROM points_entry p JOIN contact c ON c.id = p.contact_id
            WHERE p.expires_on >= ? AND p.expires_on <= ? AND p.points > 0 AND c.deleted_at IS NULL""",
        (today.isoformat(), last.isoformat()))]
    out = []
    for contact_id, rows in _ledgers(candidates).items():
        lots = [lot for lot in fifo_lots(rows).lots
                if lot.expires_on is not None and today <= lot.expires_on <= last]
        points = sum(lot.remaining for lot in lots)
        if points > 0:
            out.append(ExpiringPoints(contact_id, points, min(lot.expires_on for lot in lots)))
    out.sort(key=lambda e: (e.expires_on, e.contact_id))
    return out


# --------------------------------------------------------------------------------------------------
# Statements


class StatementLine(NamedTuple):
    at: datetime
    kind: str
    points: int
    reason: str
    balance_after: int
    purchase_id: int | None


@dataclass(frozen=True)
class Statement:
    contact_id: int
    start: date | None
    end: date | None
    opening_balance: int  # the balance before `start`
    entries: tuple[StatementLine, ...]  # from `start` to `end` (local dates, both included), in order
    closing_balance: int  # the balance at the end of `end`
    expiring: tuple[tuple[date, int], ...]  # unspent points with an expiry date at the end: (expires_on, points)


def statement(contact_id: int, start: date | None = None, end: date | None = None) -> Statement:
    """The customer's points from `start` to `end` (local dates, both included; open when None)."""
    _contact(contact_id)
    if start is not None and end is not None and end < start:
        raise InvalidValue("end", end, "before_start", "the end comes before the start")
    cursor = database.execute_sql(
        "SELECT id, occurred_at, kind, points, reason, purchase_id, expires_on FROM points_entry"
        " WHERE contact_id = ? ORDER BY occurred_at, id", (contact_id,))
    begin = to_utc_text(day_start(start)) if start else None
    finish = to_utc_text(day_start(end + timedelta(days=1))) if end else None
    opening = 0
    balance = 0
    lines: list[StatementLine] = []
    upto: list[LedgerRow] = []
    for entry_id, occurred_at, kind, points, reason, purchase_id, expires_on in cursor:
        if finish is not None and occurred_at >= finish:
            break
        upto.append(_row(entry_id, occurred_at, kind, points, expires_on))
        balance += points
        if begin is not None and occurred_at < begin:
            opening = balance
            continue
        lines.append(StatementLine(from_utc_text(occurred_at), kind, points, reason, balance, purchase_id))
    expiring: dict[date, int] = {}
    for lot in fifo_lots(upto).lots:
        if lot.expires_on is not None:
            expiring[lot.expires_on] = expiring.get(lot.expires_on, 0) + lot.remaining
    return Statement(contact_id, start, end, opening, tuple(lines), balance, tuple(sorted(expiring.items())))
