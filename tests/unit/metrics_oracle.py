"""The shop's figures worked out again in plain Python from the raw rows, for tests to compare
services.metrics with: select every row, turn each time into its local day, loop and count.

Slow and obvious on purpose, and independent of how metrics computes: no period bounds in UTC, no
SQL aggregates, no TEMP tables. The definitions are the ones the metrics module states (money in the
shop's currency only, a written-off purchase counts what was paid of it, contacts in the Trash count,
whole-customer figures as of the end of `today`, RFM quintiles with ties broken by contact id).
`summary(period, today)` returns a `metrics.Summary`, so a test can compare the two with `==`.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from fractions import Fraction
from math import ceil

from smallcrm.services import metrics
from smallcrm.services.loyalty import get_rules
from smallcrm.services.settings import get_setting
from smallcrm.store.models import database


def moment(text: str) -> datetime:
    """A stored time ("2026-03-01T09:30:00Z") as an aware UTC datetime."""
    value = datetime.fromisoformat(text)
    assert value.tzinfo == timezone.utc, text
    return value


def local_day(text: str) -> date:
    """The shop's local day of a stored UTC time, by the system's time zone rules."""
    return moment(text).astimezone().date()


def seconds(text: str) -> int:
    return int(moment(text).timestamp())


@dataclass
class Sale:
    id: int
    contact: int | None
    day: date
    at: str
    currency: str
    total: int
    paid: int
    status: str
    refund_of: int | None
    due_on: date | None
    spend: int = 0  # what it adds to revenue (set by `sales`)

    @property
    def is_purchase(self) -> bool:
        """A sale: not linked to a sale it refunds, and not below zero (an imported refund whose sale is unknown)."""
        return self.refund_of is None and self.total >= 0


def sales(all_currencies: bool = False) -> list[Sale]:
    """Every purchase and refund in the shop's currency (or in any), with its spend."""
    rows = [Sale(key, contact, local_day(at), at, currency, total, paid, status, refund_of,
                 date.fromisoformat(due) if due else None)
            for key, contact, at, currency, total, paid, status, refund_of, due in database.execute_sql(
                "SELECT id, contact_id, occurred_at, currency, total_minor, paid_minor, status, refund_of_id, due_on"
                " FROM purchase ORDER BY id")]
    by_id = {row.id: row for row in rows}
    for row in rows:
        if row.status == "written_off":
            row.spend = row.paid
        elif row.refund_of is not None and by_id[row.refund_of].status == "written_off":
            row.spend = 0
        else:
            row.spend = row.total
    currency = get_setting("currency")
    return rows if all_currencies else [row for row in rows if row.currency == currency]


def contacts() -> dict[int, tuple[str, str]]:
    """contact id -> (name as shown, source)."""
    out = {}
    for key, first, last, company, source in database.execute_sql(
            "SELECT id, first_name, last_name, company, source FROM contact"):
        out[key] = (" ".join(part for part in (first, last) if part) or company, source)
    return out


def inside(day: date, period: metrics.Period | None) -> bool:
    return period is None or period.start <= day <= period.end


# --------------------------------------------------------------------------------------------------
# Period figures


def headline(period: metrics.Period) -> metrics.Headline:
    rows = sales()
    first: dict[int, date] = {}
    for row in rows:
        if row.is_purchase and row.contact is not None:
            first[row.contact] = min(first.get(row.contact, row.day), row.day)
    here = [row for row in rows if inside(row.day, period)]
    revenue = sum(row.spend for row in here)
    bought = [row for row in here if row.is_purchase]
    per_customer: dict[int, int] = defaultdict(int)
    for row in bought:
        if row.contact is not None:
            per_customer[row.contact] += 1
    active = len(per_customer)
    new = sum(1 for contact in per_customer if first[contact] >= period.start)
    repeat = sum(1 for n in per_customer.values() if n >= 2)
    basket = revenue // len(bought) if bought and revenue >= 0 else None
    return metrics.Headline(revenue, len(bought), basket, active, new, active - new,
                            repeat / active if active else None)


def bucket_label(day: date, grain: str) -> str:
    if grain == "day":
        return day.isoformat()
    if grain == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if grain == "month":
        return day.strftime("%Y-%m")
    return str(day.year)


def revenue_series(period: metrics.Period, grain: str = "month") -> list[metrics.RevenuePoint]:
    starts: dict[str, date] = {}
    day = period.start
    while day <= period.end:
        starts.setdefault(bucket_label(day, grain), day)
        day += timedelta(days=1)
    revenue: dict[str, int] = defaultdict(int)
    purchases: dict[str, int] = defaultdict(int)
    for row in sales():
        if inside(row.day, period):
            label = bucket_label(row.day, grain)
            revenue[label] += row.spend
            purchases[label] += row.is_purchase
    return [metrics.RevenuePoint(label, start, revenue[label], purchases[label]) for label, start in starts.items()]


def revenue_by_source(period: metrics.Period) -> list[metrics.SourceRevenue]:
    people = contacts()
    revenue: dict[str, int] = defaultdict(int)
    customers: dict[str, set[int]] = defaultdict(set)
    for row in sales():
        if inside(row.day, period):
            source = people[row.contact][1] if row.contact is not None else ""
            revenue[source] += row.spend
            customers.setdefault(source, set())
            if row.is_purchase and row.contact is not None:
                customers[source].add(row.contact)
    out = [metrics.SourceRevenue(source, revenue[source], len(customers[source])) for source in customers
           if revenue[source] != 0 or customers[source]]
    return sorted(out, key=lambda s: (-s.revenue_minor, s.source))


def _per_customer(period: metrics.Period | None) -> dict[int, list]:
    """contact -> [revenue, purchases, last purchase (UTC text)] in the period (or over all time)."""
    out: dict[int, list] = {}
    for row in sales():
        if row.contact is not None and inside(row.day, period):
            figures = out.setdefault(row.contact, [0, 0, None])
            figures[0] += row.spend
            if row.is_purchase:
                figures[1] += 1
                figures[2] = max(figures[2] or row.at, row.at)
    return {contact: figures for contact, figures in out.items() if figures[1] > 0}


def top_customers(period: metrics.Period | None = None, limit: int = 10) -> list[metrics.CustomerValue]:
    people = contacts()
    ranked = sorted(_per_customer(period).items(), key=lambda item: (-item[1][0], item[0]))[:limit]
    return [metrics.CustomerValue(contact, people[contact][0], revenue, purchases, local_day(last))
            for contact, (revenue, purchases, last) in ranked]


def top_share(period: metrics.Period | None = None, share: float = 0.2) -> float | None:
    customers = _per_customer(period)
    total = sum(row.spend for row in sales() if inside(row.day, period))
    if not customers or total <= 0:
        return None
    count = ceil(len(customers) * Fraction(share).limit_denominator(10_000))
    best = sorted(customers.items(), key=lambda item: (-item[1][0], item[0]))[:count]
    return sum(figures[0] for _, figures in best) / total


# --------------------------------------------------------------------------------------------------
# Whole customers, as of the end of `today`


@dataclass
class Customer:
    id: int
    first: date
    last: date
    purchases: int
    spend: int
    months: set[tuple[int, int]]  # (year, month) of every purchase


def customers(today: date) -> dict[int, Customer]:
    out: dict[int, Customer] = {}
    spend: dict[int, int] = defaultdict(int)
    for row in sales():
        if row.contact is None or row.day > today:
            continue
        spend[row.contact] += row.spend
        if row.is_purchase:
            c = out.get(row.contact)
            if c is None:
                c = out[row.contact] = Customer(row.contact, row.day, row.day, 0, 0, set())
            c.first, c.last = min(c.first, row.day), max(c.last, row.day)
            c.purchases += 1
            c.months.add((row.day.year, row.day.month))
    for c in out.values():
        c.spend = spend[c.id]
    return out


def lifetime_value(today: date) -> int | None:
    people = customers(today)
    return sum(c.spend for c in people.values()) // len(people) if people else None


def quintiles(keys: list[tuple]) -> list[int]:
    """ntile(5) of each key, in the order given, by sorting the keys: the first (n mod 5) groups are one larger."""
    n = len(keys)
    sizes = [n // 5 + (1 if g < n % 5 else 0) for g in range(5)]
    groups = [g + 1 for g in range(5) for _ in range(sizes[g])]
    order = sorted(range(n), key=lambda i: keys[i])
    out = [0] * n
    for rank, i in enumerate(order):
        out[i] = groups[rank]
    return out


SEGMENT_RULES = {  # segment -> (R scores, FM scores), as the metrics module's comment states them
    "champions": ((4, 5), (4, 5)), "loyal": ((3,), (4, 5)),
    "potential": ((3, 4, 5), (2, 3)), "new": ((3, 4, 5), (1,)),
    "cant_lose": ((1, 2), (5,)), "at_risk": ((1, 2), (3, 4)),
    "hibernating": ((2,), (1, 2)), "lost": ((1,), (1, 2)),
}


def segment_of(today: date) -> dict[int, str]:
    people = list(customers(today).values())
    r = quintiles([(c.last, c.id) for c in people])
    f = quintiles([(c.purchases, c.id) for c in people])
    m = quintiles([(c.spend, c.id) for c in people])
    out = {}
    for c, rs, fs, ms in zip(people, r, f, m):
        fm = (fs + ms + 1) // 2
        out[c.id] = next(key for key, (rr, ff) in SEGMENT_RULES.items() if rs in rr and fm in ff)
    return out


def segments(today: date) -> list[metrics.Segment]:
    counts = defaultdict(int)
    for key in segment_of(today).values():
        counts[key] += 1
    return [metrics.Segment(key, *metrics.SEGMENT_TEXT[key], counts[key]) for key in metrics.SEGMENTS]


def segment_members(key: str, today: date) -> list[int]:
    people = customers(today)
    return sorted((c for c, segment in segment_of(today).items() if segment == key),
                  key=lambda c: (-people[c].spend, c))


def lapsed_customers(days: int, today: date) -> list[int]:
    cutoff = today - timedelta(days=days - 1)
    gone = [c for c in customers(today).values() if c.last < cutoff]
    return [c.id for c in sorted(gone, key=lambda c: (c.last, c.id))]


def cohorts(months: int, today: date) -> list[metrics.Cohort]:
    window = []
    year, month = today.year, today.month
    for _ in range(months):
        window.insert(0, (year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    people = customers(today).values()
    out = []
    for i, key in enumerate(window):
        cohort = [c for c in people if (c.first.year, c.first.month) == key]
        later = window[i + 1:]
        retained = [sum(1 for c in cohort if m in c.months) / len(cohort) for m in later] if cohort else []
        out.append(metrics.Cohort(f"{key[0]:04d}-{key[1]:02d}", len(cohort), retained))
    return out


# --------------------------------------------------------------------------------------------------
# Points, money owed, satisfaction


def loyalty_figures(period: metrics.Period) -> metrics.LoyaltyFigures:
    issued = redeemed = expired = outstanding = taken_back = adjusted = opening = 0
    for kind, points, at, purchase in database.execute_sql(
            "SELECT kind, points, occurred_at, purchase_id FROM points_entry"):
        day = local_day(at)
        if day <= period.end:
            outstanding += points
        if day < period.start:
            opening += points
        if inside(day, period):
            if kind in ("earn", "bonus"):
                issued += points
            elif kind == "redeem":
                redeemed -= points
            elif kind == "expire":
                expired -= points
            elif purchase is not None:  # taken back for a refund or a written-off purchase
                taken_back -= points
            else:  # by hand
                adjusted += points
    value = get_rules().redemption_value_minor(max(outstanding, 0), get_setting("currency"))
    return metrics.LoyaltyFigures(issued, redeemed, expired, outstanding, value, taken_back, adjusted, opening)


AGEING_LIMITS = ((0, "current"), (30, "1-30"), (60, "31-60"), (90, "61-90"))


def receivables_ageing(today: date) -> list[metrics.AgeingBucket]:
    rows = sales()
    refunded: dict[int, int] = defaultdict(int)
    for row in sales(all_currencies=True):
        if row.refund_of is not None:
            refunded[row.refund_of] -= row.total
    owed: dict[str, list[int]] = {key: [0, 0] for key, _ in metrics.AGEING}
    for row in rows:
        if row.is_purchase and row.status in ("due", "partly_paid"):
            left = row.total - row.paid - refunded[row.id]
            if left <= 0:
                continue
            late = max(0, (today - row.due_on).days) if row.due_on else 0
            key = next((k for limit, k in AGEING_LIMITS if late <= limit), "90+")
            owed[key][0] += left
            owed[key][1] += 1
    return [metrics.AgeingBucket(key, label, *owed[key]) for key, label in metrics.AGEING]


def satisfaction_figures(period: metrics.Period) -> metrics.SatisfactionFigures:
    answers = [(kind, score, local_day(at)) for kind, score, at in
               database.execute_sql("SELECT kind, score, occurred_at FROM feedback")]
    here = [(kind, score, day) for kind, score, day in answers if inside(day, period)]

    def nps(scores: list[int]) -> float | None:
        return 100.0 * (sum(s >= 9 for s in scores) - sum(s <= 6 for s in scores)) / len(scores) if scores else None

    promoters = [score for kind, score, _ in here if kind == "nps"]
    csat = [score for kind, score, _ in here if kind == "csat"]
    months: dict[str, list[int]] = {}
    day = period.start
    while day <= period.end:
        months.setdefault(day.strftime("%Y-%m"), [])
        day += timedelta(days=1)
    for kind, score, day in here:
        if kind == "nps":
            months[day.strftime("%Y-%m")].append(score)
    complaints = list(database.execute_sql("SELECT status, opened_at, resolved_at FROM complaint"))
    opened = sum(1 for _, at, _ in complaints if inside(local_day(at), period))
    resolved = [seconds(done) - seconds(at) for status, at, done in complaints
                if status == "resolved" and done and inside(local_day(done), period)]
    return metrics.SatisfactionFigures(
        nps(promoters), len(promoters), sum(csat) / len(csat) if csat else None, len(csat),
        [(month, nps(scores), len(scores)) for month, scores in months.items()],
        opened, len(resolved), statistics.median(resolved) / 86400 if resolved else None)


# --------------------------------------------------------------------------------------------------
# Everything


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier, or that month's last day."""
    wanted = day.day
    for _ in range(months):
        day = day.replace(day=1) - timedelta(days=1)  # the last day of the month before
    return day.replace(day=min(wanted, day.day))


def previous_period(period: metrics.Period) -> metrics.Period:
    """What a period is compared with: from the 1st of a month, the same days as many months before as it spans
    (or as its preset says), a month's end kept as the month's end; otherwise as many days just before it."""
    if period.start.day != 1:
        return metrics.Period(period.start - timedelta(days=period.days), period.start - timedelta(days=1))
    months = period.step_months or (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1
    if (period.end + timedelta(days=1)).day == 1:
        month = months_before(period.end.replace(day=1), months)
        end = (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    else:
        end = months_before(period.end, months)
    return metrics.Period(months_before(period.start, months), end)


def summary(period: metrics.Period, today: date, lapsed_days: int | None = None) -> metrics.Summary:
    lapsed_days = lapsed_days if lapsed_days is not None else get_setting("lapsed_days")
    previous = previous_period(period)
    return metrics.Summary(
        period=period,
        previous=previous,
        currency=get_setting("currency"),
        today=today,
        current=headline(period),
        before=headline(previous),
        revenue_by_month=revenue_series(period, "month"),
        revenue_by_source=revenue_by_source(period),
        top_customers=top_customers(period, 10),
        top_20_share=top_share(period, 0.2),
        lifetime_value_minor=lifetime_value(today),
        segments=segments(today),
        lapsed_customers=len(lapsed_customers(lapsed_days, today)),
        lapsed_days=lapsed_days,
        cohorts=cohorts(12, today),
        loyalty=loyalty_figures(period),
        receivables=receivables_ageing(today),
        satisfaction=satisfaction_figures(period),
        satisfaction_before=satisfaction_figures(previous),
    )
