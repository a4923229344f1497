"""The figures of the shop for a period: revenue, customers, segments, retention, loyalty, money owed
and satisfaction. One place for them all (the dashboard, the summary PDF and `report summary --json`
read them from here), computed in SQL, never by loading every row into Python.

A period is two local days, both included, in the shop's local time zone. Its bounds become UTC
text (the form times are stored in), so every range uses the index on `occurred_at`.

Money counts purchases in the shop's currency (setting "currency") only, as the customer summary
does: there are no exchange rates. Revenue is purchases minus refunds dated in the period; a
written-off purchase counts what was paid of it (as `customer.summary` counts lifetime spend).
Contacts in the Trash still count: their purchases happened.

A customer is a contact with at least one purchase (not a refund) in the shop's currency; purchase
counts, first and last purchases count those purchases only. The figures about whole customers
(segments, lifetime value, lapsed customers, cohorts) are as of the end of `today`.

How: one pass over the purchases, grouped by customer, fills a TEMP table with what every figure
about customers needs; one more collects the few purchases whose money is not simply their total
(see "The statements" below). Every other figure is a small query over those, or a range of the
points, feedback and complaint tables. `summary_queries` lists the statements `summary` runs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from typing import Callable, NamedTuple

from smallcrm.errors import InvalidValue
from smallcrm.services import loyalty, when
from smallcrm.services.activity import check_day
from smallcrm.services.contacts import display_name
from smallcrm.services.customer import _OWED, _SPEND
from smallcrm.services.settings import get_setting
from smallcrm.store.fields import from_utc_text, to_utc_text
from smallcrm.store.models import database, sale_sql

GRAINS = ("day", "week", "month", "year")
PRESETS = ("this_month", "last_month", "last_30_days", "last_90_days", "this_quarter", "this_year", "last_year",
           "last_12_months")
MAX_BUCKETS = 10_000  # of a revenue series (27 years by day)
MAX_COHORT_MONTHS = 60

# The RFM segments, in the order they are shown. Scores are quintiles (1 low to 5 high) over every
# customer with at least one purchase: R by days since the last purchase (recent is high), F by
# the number of purchases, M by lifetime spend; "FM" is round((F + M) / 2) (halves round up). Ties are
# broken by contact id so the same data always gives the same segments.
#   champions    R 4-5, FM 4-5          loyal      R 3,   FM 4-5
#   potential    R 3-5, FM 2-3          new        R 3-5, FM 1
#   cant_lose    R 1-2, FM 5            at_risk    R 1-2, FM 3-4
#   hibernating  R 2,   FM 1-2          lost       R 1,   FM 1-2
SEGMENTS = ("champions", "loyal", "potential", "new", "at_risk", "cant_lose", "hibernating", "lost")
SEGMENT_TEXT = {
    "champions": ("Champions", "They bought recently, buy often and spend the most."),
    "loyal": ("Loyal customers", "They buy often and spend well, though not quite as recently as the champions."),
    "potential": ("Potential regulars", "They bought recently and spend a fair amount: a little attention could make "
                                        "them regulars."),
    "new": ("New customers", "They bought recently, but only once or a little so far."),
    "at_risk": ("At risk", "They used to buy often and spend well, but have not been back for a while."),
    "cant_lose": ("Can't lose them", "Among your best customers ever, but they have not bought for a long time."),
    "hibernating": ("Hibernating", "They bought a little, some time ago."),
    "lost": ("Lost", "They bought a little, long ago, and have not been back since."),
}
AGEING = (
    ("current", "Not yet due"),
    ("1-30", "1 to 30 days overdue"),
    ("31-60", "31 to 60 days overdue"),
    ("61-90", "61 to 90 days overdue"),
    ("90+", "More than 90 days overdue"),
)

_NEVER = "~"  # sorts after every time stored as UTC text: an open end


@dataclass(frozen=True)
class Period:
    start: date  # first local day, included
    end: date  # last local day, included
    # How many months before lies the period this one is compared with, when it is not the months it spans:
    # this quarter so far is compared with the same days of the quarter before, this year so far with the year
    # before's (see previous).
    step_months: int | None = field(default=None, compare=False)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period this one is compared with. One that starts on the first of a month is compared with the
        same days as many months before as it spans (or `step_months` before): October with September, the 1st
        to the 15th of March with the 1st to the 15th of February, a year with the year before; a whole month
        with the whole month before, whatever its length. Any other with as many days just before it."""
        _check_period(self)
        months = self.step_months or (
            (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1 if self.start.day == 1
            else None)
        if months is None:
            return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))
        after = self.end + timedelta(days=1)
        if after.day == 1:  # to the end of a month: to the end of the month as many months before
            end = loyalty.add_months(after, -months) - timedelta(days=1)
        else:
            end = loyalty.add_months(self.end, -months)
        return Period(loyalty.add_months(self.start, -months), end)

    @classmethod
    def preset(cls, name: str, today: date | None = None) -> Period:
        """"this_month", "last_month", "last_30_days", "last_90_days", "this_quarter", "this_year",
        "last_year", "last_12_months" (the twelve whole months before this one).

        "this_..." periods run from their first day up to `today` (default: the shop's today), and are
        compared with the same days of the month, quarter or year before (`previous`).
        """
        today = when.today() if today is None else check_day(today, "today")
        month = today.replace(day=1)
        if name == "this_month":
            return cls(month, today)
        if name == "last_month":
            last = month - timedelta(days=1)
            return cls(last.replace(day=1), last)
        if name == "last_30_days":
            return cls(today - timedelta(days=29), today)
        if name == "last_90_days":
            return cls(today - timedelta(days=89), today)
        if name == "this_quarter":
            return cls(date(today.year, (today.month - 1) // 3 * 3 + 1, 1), today, step_months=3)
        if name == "this_year":
            return cls(date(today.year, 1, 1), today, step_months=12)
        if name == "last_year":
            return cls(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
        if name == "last_12_months":
            return cls(loyalty.add_months(month, -12), month - timedelta(days=1))
        raise InvalidValue("period", name, "choice", "one of " + ", ".join(PRESETS))


@dataclass(frozen=True)
class Headline:
    revenue_minor: int  # purchases minus refunds dated in the period
    purchases: int  # purchases (not refunds) dated in the period
    # revenue // purchases; None without purchases, or when refunds of earlier sales outweigh the period's sales
    average_basket_minor: int | None
    active_customers: int  # distinct contacts with a purchase (not a refund) in the period
    new_customers: int  # active customers whose first purchase ever is in the period
    returning_customers: int  # active customers who had bought before the period
    repeat_rate: float | None  # share (0-1) of active customers with two or more purchases in the period


@dataclass(frozen=True)
class RevenuePoint:
    label: str  # "2026-03-14" (day), "2026-W11" (ISO week), "2026-03" (month), "2026" (year)
    start: date  # first local day of the bucket (clipped to the period)
    revenue_minor: int
    purchases: int


@dataclass(frozen=True)
class SourceRevenue:
    source: str  # contact.source; "" when unknown (and for sales without a customer)
    revenue_minor: int
    customers: int  # active customers of the period who came this way


@dataclass(frozen=True)
class CustomerValue:
    contact_id: int
    name: str
    revenue_minor: int
    purchases: int
    last_purchase_on: date | None  # local day of the last purchase in the period (over all time without one)


@dataclass(frozen=True)
class Segment:
    key: str  # one of SEGMENTS
    title: str  # "Champions", "Can't lose them", ...
    explanation: str  # one plain sentence a shop owner understands
    customers: int


@dataclass(frozen=True)
class Cohort:
    month: str  # "YYYY-MM": the month of the customers' first purchase
    customers: int
    retained: list[float]  # share (0-1) buying again in month 1, 2, ... after the first (up to today);
    #                        empty when the cohort has no customers


@dataclass(frozen=True)
class LoyaltyFigures:
    """The points of everyone over the period, which add up: opening + issued - redeemed - expired - taken_back
    + adjusted = outstanding."""

    issued: int  # earn + bonus points dated in the period
    redeemed: int  # positive: points spent in the period
    expired: int  # positive
    outstanding: int  # balance of everyone at the end of the period
    outstanding_value_minor: int  # what `outstanding` is worth under the current rules
    taken_back: int  # positive: taken back in the period for refunds and written-off purchases
    adjusted: int  # signed: corrections by hand in the period
    opening: int  # balance of everyone at the start of the period


@dataclass(frozen=True)
class AgeingBucket:
    key: str  # "current", "1-30", "31-60", "61-90", "90+"
    label: str
    owed_minor: int
    purchases: int


@dataclass(frozen=True)
class SatisfactionFigures:
    nps: float | None
    nps_answers: int
    csat_average: float | None
    csat_answers: int
    nps_by_month: list[tuple[str, float | None, int]]  # ("YYYY-MM", score, answers) for each month of the period
    complaints_opened: int
    complaints_resolved: int  # resolved in the period
    median_days_to_resolve: float | None  # of the complaints resolved in the period


@dataclass(frozen=True)
class Summary:
    period: Period
    previous: Period
    currency: str
    today: date
    current: Headline
    before: Headline  # the previous period
    revenue_by_month: list[RevenuePoint]
    revenue_by_source: list[SourceRevenue]
    top_customers: list[CustomerValue]  # by revenue in the period
    top_20_share: float | None  # share (0-1) of the period's revenue from its top 20% of customers
    lifetime_value_minor: int | None  # average historical lifetime spend of customers who bought
    segments: list[Segment]  # all of SEGMENTS, in that order, as of `today`
    lapsed_customers: int  # bought before, nothing in the last `lapsed_days` days
    lapsed_days: int
    cohorts: list[Cohort]
    loyalty: LoyaltyFigures
    receivables: list[AgeingBucket]
    satisfaction: SatisfactionFigures
    satisfaction_before: SatisfactionFigures


# --------------------------------------------------------------------------------------------------
# Checking what is asked


def _check_period(period) -> Period:
    if not isinstance(period, Period):
        raise InvalidValue("period", period, "period", "give a period: a first and a last day")
    check_day(period.start, "start")
    check_day(period.end, "end")
    if period.end < period.start:
        raise InvalidValue("end", period.end, "range", f"the period ends before it starts ({period.start})")
    return period


def _check_today(today) -> date:
    return when.today() if today is None else check_day(today, "today")


def _check_count(value, field: str, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidValue(field, value, "range", f"{what} is a whole number from {low} to {high}")
    return value


def _check_segment(key) -> str:
    if key not in SEGMENTS:
        raise InvalidValue("segment", key, "choice", "one of " + ", ".join(SEGMENTS))
    return key


def _currency() -> str:
    return get_setting("currency")


# --------------------------------------------------------------------------------------------------
# Local days as UTC text


def _at(day: date) -> str:
    """The UTC text of the moment the shop's local `day` begins."""
    return to_utc_text(when.local_moment(day))


def _local_day(text: str | None) -> date | None:
    return loyalty.local_date(from_utc_text(text)) if text else None


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _buckets(period: Period, grain: str) -> list[tuple[str, date, date]]:
    """(label, first day, day after the last) of each day, ISO week, month or year of the period, clipped."""
    if grain not in GRAINS:
        raise InvalidValue("grain", grain, "choice", "one of " + ", ".join(GRAINS))
    out = []
    day = period.start
    stop = period.end + timedelta(days=1)
    while day < stop:
        if grain == "day":
            label, after = day.isoformat(), day + timedelta(days=1)
        elif grain == "week":
            year, week, weekday = day.isocalendar()
            label, after = f"{year}-W{week:02d}", day + timedelta(days=8 - weekday)
        elif grain == "month":
            label, after = f"{day.year:04d}-{day.month:02d}", _next_month(day)
        else:
            label, after = f"{day.year:04d}", date(day.year + 1, 1, 1)
        out.append((label, day, min(after, stop)))
        if len(out) > MAX_BUCKETS:
            raise InvalidValue("grain", grain, "too_many", f"more than {MAX_BUCKETS} {grain}s: choose a longer step")
        day = after
    return out


def _values(rows: list[tuple], name: str) -> tuple[str, dict]:
    """A VALUES list of bound parameters for `rows`, and the parameters."""
    params = {}
    terms = []
    for i, row in enumerate(rows):
        keys = []
        for j, value in enumerate(row):
            params[f"{name}{i}_{j}"] = value
            keys.append(f":{name}{i}_{j}")
        terms.append(f"({', '.join(keys)})")
    return ", ".join(terms), params


# --------------------------------------------------------------------------------------------------
# The statements. Every figure is read from TEMP tables filled first:
#   metrics_span      one row per local day the figures look at: its bounds as UTC text, whether it is
#                     before the end of `today`, and its bucket of a revenue series;
#   metrics_customer  one row per customer (contact 0: sales without a customer), from one pass over
#                     the purchases not linked to a sale in customer order (the index
#                     purchase_by_customer_facts), comparing their UTC text with the bounds of the periods
#                     and months: first and last day of purchase and purchases and spend as of today,
#                     revenue and purchases in the period and the previous one, and the months of the cohort
#                     window bought in. The money counts every row read, the rest only the sales (_READ_SALE): a
#                     refund whose sale is unknown (an imported one, only its total negative) is no purchase.
#                     Only each customer's first and last purchase become local days, found among the days;
#   metrics_odd       the purchases whose money is not simply their total (refunds linked to their sale,
#                     written-off, due and partly paid ones), with `extra`, what each adds beyond the totals:
#                     a linked refund all of its spend, a written-off purchase paid - total (as customer._SPEND
#                     counts).


class _Statement(NamedTuple):
    key: str | None  # the name its rows are read by; None: run for its effect only
    sql: str
    params: dict


class _Span(NamedTuple):
    day: int  # date.toordinal()
    lo: str
    hi: str
    asof: int  # 1: before the end of today
    bucket: int | None  # of the revenue series


_DROP = [_Statement(None, f"DROP TABLE IF EXISTS temp.{name}", {})
         for name in ("metrics_span", "metrics_customer", "metrics_odd")]
_SPAN_ROWS = 190  # rows per INSERT (5 parameters each: under the oldest SQLite limit of 999)
_CUSTOMERS = "FROM temp.metrics_customer WHERE contact_id > 0 AND purchases > 0"
_NO_DAY = 10**9  # an ordinal after every day
_SALE = sale_sql("p")  # a purchase row that is a sale, not a refund
_READ_SALE = "p.total_minor >= 0"  # the same, of the rows a statement reads that are linked to no sale (cheaper)


@dataclass(frozen=True)
class _Scope:
    """What the figures are computed for."""

    currency: str
    period: Period | None = None
    previous: Period | None = None
    today: date | None = None  # whole-customer figures count purchases up to the end of this day
    cohort_months: int = 0
    buckets: tuple[tuple[str, date, date], ...] = ()  # of a revenue series
    history: bool = True  # the days reach back to the first purchase (else: only the period's days)

    @property
    def window(self) -> date | None:
        if not (self.today and self.cohort_months):
            return None
        return loyalty.add_months(self.today.replace(day=1), 1 - self.cohort_months)

    @property
    def last_day(self) -> date | None:
        """The last day read; None: up to the last purchase, whenever it is."""
        days = [day for day in (self.period and self.period.end, self.today) if day]
        return max(days) if days else None

    def spans(self) -> list[_Span]:
        first_at, last_at = database.execute_sql(  # two subqueries: each is one step down the index
            "SELECT (SELECT min(occurred_at) FROM purchase), (SELECT max(occurred_at) FROM purchase)").fetchone()
        starts = [day for day in (self.period and self.period.start, self.previous and self.previous.start) if day]
        if self.history and first_at:
            starts.append(_local_day(first_at))
        last = self.last_day or (_local_day(last_at) if last_at else None)
        if not starts or last is None:
            return []
        bucket_of = {}
        for i, (_, start, after) in enumerate(self.buckets):
            for n in range((after - start).days):
                bucket_of[start + timedelta(days=n)] = i
        out = []
        day = min(starts)
        lo = _at(day)
        while day <= last:
            after = day + timedelta(days=1)
            hi = _at(after) if self.last_day or day < last else _NEVER
            asof = self.today is None or day <= self.today
            out.append(_Span(day.toordinal(), lo, hi, int(asof), bucket_of.get(day)))
            day, lo = after, hi
        return out


def _span_statements(spans: list[_Span]) -> list[_Statement]:
    create = """CREATE TEMP TABLE metrics_span (day INTEGER PRIMARY KEY, lo TEXT NOT NULL, hi TEXT NOT NULL,
                    asof INTEGER NOT NULL, bucket INTEGER)"""
    out = [*_DROP, _Statement(None, create, {})]
    for start in range(0, len(spans), _SPAN_ROWS):
        values, params = _values(spans[start:start + _SPAN_ROWS], "d")
        out.append(_Statement(None, f"INSERT INTO temp.metrics_span VALUES {values}", params))
    return out


def _odd_statements(currency: str) -> list[_Statement]:
    odd = f"""CREATE TEMP TABLE metrics_odd AS
              SELECT p.id AS id, coalesce(p.contact_id, 0) AS contact_id, p.occurred_at AS occurred_at,
                     p.status AS status, p.refund_of_id AS refund_of_id, p.total_minor AS total_minor,
                     p.paid_minor AS paid_minor, p.due_on AS due_on,
                     {_SPEND} - CASE WHEN p.refund_of_id IS NULL THEN p.total_minor ELSE 0 END AS extra
                FROM purchase p LEFT JOIN purchase o ON o.id = p.refund_of_id
               WHERE (p.refund_of_id IS NOT NULL OR p.status != 'paid') AND p.currency = :currency"""
    return [_Statement(None, odd, {"currency": currency}),
            _Statement(None, "CREATE INDEX temp.metrics_odd_by_date ON metrics_odd (occurred_at)", {})]


def _customer_statements(scope: _Scope, spans: list[_Span]) -> list[_Statement]:
    """Fill temp.metrics_span, metrics_customer and metrics_odd."""
    (now_start, now_end), (before_start, before_end) = _bounds(scope.period), _bounds(scope.previous)
    bounds = {"asof": _at(scope.today + timedelta(days=1)) if scope.today else _NEVER,
              "now_start": now_start, "now_end": now_end, "before_start": before_start, "before_end": before_end,
              "first": spans[0].lo if spans else "", "top": spans[-1].hi if spans else ""}
    # The rows read are the sales and the refunds not linked to a sale: all of their money counts, only the
    # sales count as purchases (and give the days of purchase).
    everything = all(span.asof for span in spans)
    asof = "" if everything else " FILTER (WHERE p.occurred_at < :asof)"
    sales = (f" FILTER (WHERE {_READ_SALE})" if everything else
             f" FILTER (WHERE {_READ_SALE} AND p.occurred_at < :asof)")
    now = "p.occurred_at >= :now_start AND p.occurred_at < :now_end"
    before = "p.occurred_at >= :before_start AND p.occurred_at < :before_end"
    period = (f"coalesce(sum(p.total_minor) FILTER (WHERE {now}), 0) AS now_rev,"
              f" count(*) FILTER (WHERE {now} AND {_READ_SALE}) AS now_n,"
              f" coalesce(sum(p.total_minor) FILTER (WHERE {before}), 0) AS before_rev,"
              f" count(*) FILTER (WHERE {before} AND {_READ_SALE}) AS before_n"
              if scope.period else "0 AS now_rev, 0 AS now_n, 0 AS before_rev, 0 AS before_n")
    months, month_bounds = _month_bits(scope.window, scope.cohort_months)
    create = """CREATE TEMP TABLE metrics_customer (
                    contact_id INTEGER PRIMARY KEY, first_day INTEGER, last_day INTEGER,
                    purchases INTEGER NOT NULL DEFAULT 0, spend INTEGER NOT NULL DEFAULT 0,
                    now_rev INTEGER NOT NULL DEFAULT 0, now_n INTEGER NOT NULL DEFAULT 0,
                    before_rev INTEGER NOT NULL DEFAULT 0, before_n INTEGER NOT NULL DEFAULT 0,
                    months INTEGER NOT NULL DEFAULT 0)"""
    # Read in customer order from the index made for it: no purchase is looked up in the table or sorted.
    fill = f"""INSERT INTO temp.metrics_customer
                   (contact_id, first_day, last_day, purchases, spend, now_rev, now_n, before_rev, before_n, months)
               SELECT contact_id, {_day_of("first_at")}, {_day_of("last_at")}, purchases, spend,
                      now_rev, now_n, before_rev, before_n, months
                 FROM (SELECT coalesce(p.contact_id, 0) AS contact_id, min(p.occurred_at) FILTER (WHERE {_READ_SALE})
                              AS first_at, max(p.occurred_at){sales} AS last_at, count(*){sales} AS purchases,
                              coalesce(sum(p.total_minor){asof}, 0) AS spend, {period}, {months} AS months
                         FROM purchase p INDEXED BY purchase_by_customer_facts
                        WHERE p.currency = :currency AND p.refund_of_id IS NULL
                          AND p.occurred_at >= :first AND p.occurred_at < :top
                        GROUP BY p.contact_id)"""
    adjust = """INSERT INTO temp.metrics_customer (contact_id, spend, now_rev, before_rev)
                SELECT contact_id, coalesce(sum(extra) FILTER (WHERE occurred_at < :asof), 0),
                       coalesce(sum(extra) FILTER (WHERE occurred_at >= :now_start AND occurred_at < :now_end), 0),
                       coalesce(sum(extra) FILTER (WHERE occurred_at >= :before_start AND occurred_at < :before_end), 0)
                  FROM temp.metrics_odd WHERE extra != 0 AND occurred_at < :top
                 GROUP BY contact_id
                    ON CONFLICT (contact_id) DO UPDATE SET spend = spend + excluded.spend,
                       now_rev = now_rev + excluded.now_rev, before_rev = before_rev + excluded.before_rev"""
    by_end = "CREATE INDEX temp.metrics_span_by_end ON metrics_span (hi, day)"
    return [*_span_statements(spans), _Statement(None, by_end, {}), _Statement(None, create, {}),
            _Statement(None, fill, {"currency": scope.currency, **bounds, **month_bounds}),
            *_odd_statements(scope.currency), _Statement(None, adjust, bounds)]


def _day_of(column: str) -> str:
    """The local day (ordinal) of the UTC text in `column`: the first day that ends after it."""
    return f"(SELECT s.day FROM temp.metrics_span s WHERE s.hi > {column} ORDER BY s.hi, s.day LIMIT 1)"


def _month_bits(window: date | None, count: int) -> tuple[str, dict]:
    """The months of the cohort window a customer bought in, as bits (bit 0: the window's first month),
    for the purchases up to the end of today; with the parameters of the month bounds."""
    if window is None:
        return "0", {}
    bounds = {f"m{k}": _at(loyalty.add_months(window, k)) for k in range(count)}
    return (f"coalesce(sum(DISTINCT 1 << {_month_of(0, count)})"
            f" FILTER (WHERE p.occurred_at >= :m0 AND p.occurred_at < :asof AND {_READ_SALE}), 0)"), bounds


def _month_of(first: int, after: int) -> str:
    """Which of the months first .. after - 1 of the window a purchase is in, halving the months at each step
    (month k begins at :mk)."""
    if after - first == 1:
        return str(first)
    middle = (first + after) // 2
    return f"CASE WHEN p.occurred_at < :m{middle} THEN {_month_of(first, middle)} ELSE {_month_of(middle, after)} END"


def _bounds(period: Period | None) -> tuple[str, str]:
    """The period as [start, end) in UTC text; an empty range without one."""
    if period is None:
        return _NEVER, _NEVER
    return _at(period.start), _at(period.end + timedelta(days=1))


def _first_day(period: Period | None) -> int:
    return period.start.toordinal() if period else _NO_DAY


def _headline_statement(scope: _Scope) -> _Statement:
    def figures(prefix: str) -> str:
        return f"""coalesce(sum({prefix}_rev), 0), coalesce(sum({prefix}_n), 0),
                   count(*) FILTER (WHERE contact_id > 0 AND {prefix}_n > 0),
                   count(*) FILTER (WHERE contact_id > 0 AND {prefix}_n > 0 AND first_day >= :{prefix}_first),
                   count(*) FILTER (WHERE contact_id > 0 AND {prefix}_n > 1)"""

    return _Statement("headline", f"SELECT {figures('now')}, {figures('before')} FROM temp.metrics_customer",
                      {"now_first": _first_day(scope.period), "before_first": _first_day(scope.previous)})


def _headline(row: tuple) -> Headline:
    revenue, purchases, active, new, repeat = row
    basket = revenue // purchases if purchases and revenue >= 0 else None
    return Headline(revenue, purchases, basket, active, new, active - new, repeat / active if active else None)


def _series_statement(currency: str) -> _Statement:
    # Grouped by day first: the days are read in order, so no row is sorted. The rows joined are the sales and
    # the refunds not linked to a sale (the others are in metrics_odd); the sales alone are purchases.
    sql = f"""SELECT bucket, sum(revenue), sum(purchases)
               FROM (SELECT s.bucket AS bucket, count(p.id) FILTER (WHERE {_READ_SALE}) AS purchases,
                            coalesce(sum(p.total_minor), 0)
                            + (SELECT coalesce(sum(o.extra), 0) FROM temp.metrics_odd o
                                WHERE o.occurred_at >= s.lo AND o.occurred_at < s.hi) AS revenue
                       FROM temp.metrics_span s
                       LEFT JOIN purchase p ON p.occurred_at >= s.lo AND p.occurred_at < s.hi
                                           AND +p.currency = :currency AND +p.refund_of_id IS NULL
                      WHERE s.bucket IS NOT NULL
                      GROUP BY s.day)
              GROUP BY bucket ORDER BY bucket"""
    return _Statement("series", sql, {"currency": currency})


def _series(rows: list[tuple], buckets: list[tuple[str, date, date]]) -> list[RevenuePoint]:
    found = {bucket: (revenue, purchases) for bucket, revenue, purchases in rows}
    return [RevenuePoint(label, start, *found.get(i, (0, 0))) for i, (label, start, _) in enumerate(buckets)]


_SOURCES = _Statement("sources", """
    SELECT coalesce(c.source, ''), sum(m.now_rev), count(*) FILTER (WHERE m.contact_id > 0 AND m.now_n > 0)
      FROM temp.metrics_customer m LEFT JOIN contact c ON c.id = m.contact_id
     WHERE m.now_n > 0 OR m.now_rev != 0
     GROUP BY 1 HAVING sum(m.now_rev) != 0 OR count(*) FILTER (WHERE m.contact_id > 0 AND m.now_n > 0) > 0
     ORDER BY 2 DESC, 1""", {})


def _top_statement(scope: _Scope, limit: int) -> _Statement:
    if scope.period:
        revenue, count = "now_rev", "now_n"
        last = f"""(SELECT max(p.occurred_at) FROM purchase p
                    WHERE p.contact_id = t.contact_id AND p.occurred_at >= :now_start AND p.occurred_at < :now_end
                      AND p.currency = :currency AND {_SALE})"""
    else:
        revenue, count, last = "spend", "purchases", "t.last_day"
    sql = f"""SELECT t.contact_id, c.first_name, c.last_name, c.company, t.revenue, t.purchases, {last}
                FROM (SELECT contact_id, {revenue} AS revenue, {count} AS purchases, last_day
                        FROM temp.metrics_customer WHERE contact_id > 0 AND {count} > 0
                       ORDER BY {revenue} DESC, contact_id LIMIT :limit) t
                JOIN contact c ON c.id = t.contact_id
               ORDER BY t.revenue DESC, t.contact_id"""
    now_start, now_end = _bounds(scope.period)
    return _Statement("top", sql, {"limit": limit, "now_start": now_start, "now_end": now_end,
                                   "currency": scope.currency})


def _top(rows: list[tuple], in_period: bool) -> list[CustomerValue]:
    """In a period the last purchase is its UTC time, over all time the ordinal of its day."""
    return [CustomerValue(key, display_name(first, last_name, company), revenue, purchases,
                          _local_day(last) if in_period else date.fromordinal(last))
            for key, first, last_name, company, revenue, purchases, last in rows]


def _share_statement(share: float, in_period: bool) -> _Statement:
    fraction = Fraction(share).limit_denominator(10_000)
    revenue, count = ("now_rev", "now_n") if in_period else ("spend", "purchases")
    ranked = f"FROM temp.metrics_customer WHERE contact_id > 0 AND {count} > 0"
    sql = f"""SELECT (SELECT coalesce(sum(revenue), 0)
                        FROM (SELECT {revenue} AS revenue {ranked} ORDER BY {revenue} DESC, contact_id
                               LIMIT (SELECT (count(*) * :num + :den - 1) / :den {ranked}))),
                     (SELECT count(*) {ranked}),
                     (SELECT coalesce(sum({revenue}), 0) FROM temp.metrics_customer)"""
    return _Statement("share", sql, {"num": fraction.numerator, "den": fraction.denominator})


def _share(row: tuple) -> float | None:
    top, customers, total = row
    return top / total if customers and total > 0 else None


def _value_statement(cutoff: int) -> _Statement:
    return _Statement("value", f"SELECT count(*), coalesce(sum(spend), 0), count(*) FILTER (WHERE last_day < :cutoff)"
                               f" {_CUSTOMERS}", {"cutoff": cutoff})


_RANKS = (("recency", "last_day"), ("frequency", "purchases"), ("money", "spend"))


def _score(name: str, column: str) -> str:
    """1 to 5: the quintile of (column, contact_id) among the customers, as ntile(5) gives it: one more for
    each fifth whose last customer is below (the first fifths are one larger when the count does not
    divide). The last customer of a fifth is found by walking the index made for it."""
    above = [f"""((m.{column}, m.contact_id) > (
                    SELECT {column}, contact_id FROM temp.metrics_customer INDEXED BY metrics_by_{name}
                     WHERE contact_id > 0 AND purchases > 0 ORDER BY {column}, contact_id
                     LIMIT 1 OFFSET (SELECT {q} * (n / 5) + min({q}, n % 5) - 1 FROM n)))"""
             for q in range(1, 5)]
    return "1 + " + " + ".join(above)


# Each customer's segment (see SEGMENTS), from temp.metrics_customer and the indexes of _rfm_statements.
_RFM = f"""
WITH n(n) AS (SELECT count(*) FROM temp.metrics_customer NOT INDEXED WHERE contact_id > 0 AND purchases > 0),
     c AS (SELECT contact_id, spend, r, (f + m + 1) / 2 AS fm
             FROM (SELECT m.contact_id AS contact_id, m.spend AS spend, {_score(*_RANKS[0])} AS r,
                          {_score(*_RANKS[1])} AS f, {_score(*_RANKS[2])} AS m
                     FROM temp.metrics_customer m NOT INDEXED WHERE m.contact_id > 0 AND m.purchases > 0
                    LIMIT -1)),  -- a subquery of its own: the scores are worked out once per customer
     s AS (SELECT contact_id, spend,
                  CASE WHEN r >= 4 AND fm >= 4 THEN 'champions'
                       WHEN r = 3 AND fm >= 4 THEN 'loyal'
                       WHEN r >= 3 AND fm >= 2 THEN 'potential'
                       WHEN r >= 3 THEN 'new'
                       WHEN fm = 5 THEN 'cant_lose'
                       WHEN fm >= 3 THEN 'at_risk'
                       WHEN r = 2 THEN 'hibernating'
                       ELSE 'lost' END AS segment
             FROM c)
"""


def _rfm_statements(key: str, select: str, params: dict) -> list[_Statement]:
    """Index the customers by recency, frequency and money, then run `select` on _RFM's segments `s`."""
    indexes = [_Statement(None, f"CREATE INDEX temp.metrics_by_{name} ON metrics_customer ({column}, contact_id)"
                                " WHERE contact_id > 0 AND purchases > 0", {}) for name, column in _RANKS]
    return [*indexes, _Statement(key, _RFM + select, params)]


_SEGMENTS = _rfm_statements("segments", "SELECT segment, count(*) FROM s GROUP BY segment", {})


def _segments(rows: list[tuple]) -> list[Segment]:
    counts = dict(rows)
    return [Segment(key, *SEGMENT_TEXT[key], counts.get(key, 0)) for key in SEGMENTS]


def _cohort_statement(scope: _Scope) -> _Statement:
    # A cohort customer's first month is the lowest bit of the months bought in; `months / first`
    # shifts the later months down to bits 1, 2, ...
    later = "".join(f", sum(((months / (months & -months)) >> {k}) & 1)" for k in range(1, scope.cohort_months))
    sql = f"SELECT months & -months, count(*){later} {_CUSTOMERS} AND first_day >= :window GROUP BY 1"
    return _Statement("cohorts", sql, {"window": scope.window.toordinal()})


def _cohorts(rows: list[tuple], scope: _Scope) -> list[Cohort]:
    found = {first.bit_length() - 1: counts for first, *counts in rows}
    out = []
    for idx in range(scope.cohort_months):
        month = loyalty.add_months(scope.window, idx)
        customers, *later = found.get(idx, (0,))
        retained = [bought / customers for bought in later[:scope.cohort_months - 1 - idx]] if customers else []
        out.append(Cohort(f"{month.year:04d}-{month.month:02d}", customers, retained))
    return out


def _loyalty_statement(period: Period) -> _Statement:
    # An "adjust" row linked to a purchase takes points back for a refund or a write-off; one without, by hand.
    sql = """SELECT coalesce(sum(points), 0),
                    coalesce(sum(points) FILTER (WHERE kind IN ('earn', 'bonus') AND occurred_at >= :start), 0),
                    coalesce(-sum(points) FILTER (WHERE kind = 'redeem' AND occurred_at >= :start), 0),
                    coalesce(-sum(points) FILTER (WHERE kind = 'expire' AND occurred_at >= :start), 0),
                    coalesce(-sum(points) FILTER (WHERE kind = 'adjust' AND purchase_id IS NOT NULL
                                                        AND occurred_at >= :start), 0),
                    coalesce(sum(points) FILTER (WHERE kind = 'adjust' AND purchase_id IS NULL
                                                       AND occurred_at >= :start), 0),
                    coalesce(sum(points) FILTER (WHERE occurred_at < :start), 0)
               FROM points_entry WHERE occurred_at < :end"""
    return _Statement("loyalty", sql, {"start": _at(period.start), "end": _at(period.end + timedelta(days=1))})


def _loyalty(row: tuple, currency: str) -> LoyaltyFigures:
    outstanding, issued, redeemed, expired, taken_back, adjusted, opening = row
    value = loyalty.get_rules().redemption_value_minor(max(outstanding, 0), currency)
    return LoyaltyFigures(issued, redeemed, expired, outstanding, value, taken_back, adjusted, opening)


def _receivables_statement(today: date) -> _Statement:
    sql = f"""SELECT bucket, sum(owed), count(*)
                FROM (SELECT CASE WHEN p.due_on IS NULL OR p.due_on >= :d0 THEN 0 WHEN p.due_on >= :d30 THEN 1
                                  WHEN p.due_on >= :d60 THEN 2 WHEN p.due_on >= :d90 THEN 3 ELSE 4 END AS bucket,
                             {_OWED} AS owed
                        FROM temp.metrics_odd p WHERE p.status IN ('due', 'partly_paid') AND {_SALE})
               WHERE owed > 0 GROUP BY bucket"""
    return _Statement("receivables", sql, {f"d{n}": (today - timedelta(days=n)).isoformat() for n in (0, 30, 60, 90)})


def _receivables(rows: list[tuple]) -> list[AgeingBucket]:
    found = {bucket: (owed, count) for bucket, owed, count in rows}
    return [AgeingBucket(key, label, *found.get(i, (0, 0))) for i, (key, label) in enumerate(AGEING)]


def _feedback_statement(periods: list[Period]) -> _Statement:
    """NPS and CSAT counts of each month of the periods (clipped to them), in order."""
    months = [(_at(start), _at(after)) for p in periods for _, start, after in _buckets(p, "month")]
    values, params = _values([(i, *span) for i, span in enumerate(months)], "f")
    sql = f"""WITH b(idx, lo, hi) AS (VALUES {values})
              SELECT b.idx, count(f.id) FILTER (WHERE f.kind = 'nps'),
                     count(f.id) FILTER (WHERE f.kind = 'nps' AND f.score >= 9),
                     count(f.id) FILTER (WHERE f.kind = 'nps' AND f.score <= 6),
                     count(f.id) FILTER (WHERE f.kind = 'csat'),
                     coalesce(sum(f.score) FILTER (WHERE f.kind = 'csat'), 0)
                FROM b LEFT JOIN feedback f ON f.occurred_at >= b.lo AND f.occurred_at < b.hi
               GROUP BY b.idx ORDER BY b.idx"""
    return _Statement("feedback", sql, params)


def _complaint_statement(periods: list[Period]) -> _Statement:
    values, params = _values([(i, _at(p.start), _at(p.end + timedelta(days=1))) for i, p in enumerate(periods)], "c")
    resolved = "FROM complaint WHERE status = 'resolved' AND resolved_at >= b.lo AND resolved_at < b.hi"
    sql = f"""WITH b(idx, lo, hi) AS (VALUES {values})
              SELECT b.idx, (SELECT count(*) FROM complaint WHERE opened_at >= b.lo AND opened_at < b.hi),
                     (SELECT count(*) {resolved}),
                     (SELECT avg(took) FROM (SELECT took, row_number() OVER (ORDER BY took) AS k, count(*) OVER () AS n
                                               FROM (SELECT CAST(round((julianday(resolved_at) - julianday(opened_at))
                                                                       * 86400) AS INTEGER) AS took
                                                     {resolved}))
                       WHERE k IN ((n + 1) / 2, (n + 2) / 2))
                FROM b ORDER BY b.idx"""
    return _Statement("complaints", sql, params)


def _nps(answers: int, promoters: int, detractors: int) -> float | None:
    return 100.0 * (promoters - detractors) / answers if answers else None


def _satisfaction(feedback: list[tuple], complaints: list[tuple], periods: list[Period]) -> list[SatisfactionFigures]:
    """The figures of each period, from the rows of the two statements above."""
    monthly = iter(feedback)
    out = []
    for period, (_, opened, resolved, median_seconds) in zip(periods, complaints):
        by_month = []
        totals = [0, 0, 0, 0, 0]
        for label, _, _ in _buckets(period, "month"):
            _, *counts = next(monthly)
            totals = [a + b for a, b in zip(totals, counts)]
            by_month.append((label, _nps(*counts[:3]), counts[0]))
        answers, promoters, detractors, csat_answers, csat_sum = totals
        out.append(SatisfactionFigures(_nps(answers, promoters, detractors), answers,
                                       csat_sum / csat_answers if csat_answers else None, csat_answers,
                                       by_month, opened, resolved,
                                       median_seconds / 86400 if median_seconds is not None else None))
    return out


# --------------------------------------------------------------------------------------------------
# Running statements


def _run(plan: Callable[[], list[_Statement]]) -> dict[str, list[tuple]]:
    """Make the statements and run them in one read transaction (a rollback drops the TEMP tables
    too); the rows of each named statement, by name."""
    found: dict[str, list[tuple]] = {}
    with database.atomic():
        for statement in plan():
            rows = database.execute_sql(statement.sql, statement.params).fetchall()
            if statement.key is not None:
                found[statement.key] = rows
    return found


def _customers_then(scope: _Scope, *statements: _Statement) -> Callable[[], list[_Statement]]:
    return lambda: [*_customer_statements(scope, scope.spans()), *statements, *_DROP]


# --------------------------------------------------------------------------------------------------
# The figures (each usable alone; `summary` gathers them for the dashboard and the summary report)


def headline(period: Period) -> Headline:
    """Revenue, purchases and customers of the period."""
    scope = _Scope(_currency(), _check_period(period))
    return _headline(_run(_customers_then(scope, _headline_statement(scope)))["headline"][0][:5])


def revenue_series(period: Period, grain: str = "month") -> list[RevenuePoint]:
    """Revenue per day, ISO week, month or year of the period; every bucket present, empty ones 0."""
    buckets = _buckets(_check_period(period), grain)
    scope = _Scope(_currency(), period, buckets=tuple(buckets), history=False)
    rows = _run(lambda: [*_span_statements(scope.spans()), *_odd_statements(scope.currency),
                         _series_statement(scope.currency), *_DROP])
    return _series(rows["series"], buckets)


def revenue_by_source(period: Period) -> list[SourceRevenue]:
    """Biggest first."""
    scope = _Scope(_currency(), _check_period(period))
    return [SourceRevenue(*row) for row in _run(_customers_then(scope, _SOURCES))["sources"]]


def top_customers(period: Period | None = None, limit: int = 10) -> list[CustomerValue]:
    """By revenue in the period (None: over all time, i.e. historical lifetime value); ties by id."""
    scope = _Scope(_currency(), None if period is None else _check_period(period))
    limit = _check_count(limit, "limit", 1, 1_000_000, "the number of customers")
    return _top(_run(_customers_then(scope, _top_statement(scope, limit)))["top"], period is not None)


def top_share(period: Period | None = None, share: float = 0.2) -> float | None:
    """The share (0-1) of the revenue (over all time without a period) that the top `share` of the
    customers bring (rounded up: at least one customer); None without customers or revenue."""
    scope = _Scope(_currency(), None if period is None else _check_period(period))
    if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 < share <= 1:
        raise InvalidValue("share", share, "range", "a share above 0 and at most 1")
    return _share(_run(_customers_then(scope, _share_statement(share, period is not None)))["share"][0])


def lifetime_value(today: date | None = None) -> int | None:
    """The average lifetime spend (as of the end of `today`) of the customers; None without customers."""
    scope = _Scope(_currency(), today=_check_today(today))
    customers, spend, _ = _run(_customers_then(scope, _value_statement(0)))["value"][0]
    return spend // customers if customers else None


def segments(today: date | None = None) -> list[Segment]:
    """Every segment of SEGMENTS, in that order, with its customers as of the end of `today`."""
    scope = _Scope(_currency(), today=_check_today(today))
    return _segments(_run(_customers_then(scope, *_SEGMENTS))["segments"])


def segment_members(key: str, today: date | None = None) -> list[int]:
    """Contact ids of one segment, best customers (highest spend) first. An unknown key: InvalidValue."""
    key = _check_segment(key)
    scope = _Scope(_currency(), today=_check_today(today))
    members = _rfm_statements("members", "SELECT contact_id FROM s WHERE segment = :segment ORDER BY spend DESC,"
                                         " contact_id", {"segment": key})
    return [row[0] for row in _run(_customers_then(scope, *members))["members"]]


def _lapse_cutoff(days: int, today: date) -> int:
    """The first day of the last `days` days: customers whose last purchase is before it are lapsed."""
    return (today - timedelta(days=days - 1)).toordinal()


CUSTOMER_KINDS = ("active", "new", "returning")


def period_customers(period: Period, kind: str = "active") -> list[int]:
    """The active, new (first purchase ever in the period) or returning customers of a period, as
    `headline` counts them; the biggest spenders of the period first."""
    period = _check_period(period)
    if kind not in CUSTOMER_KINDS:
        raise InvalidValue("kind", kind, "choice", "choose active, new or returning customers")
    earlier = {"active": "", "new": "AND NOT EXISTS", "returning": "AND EXISTS"}[kind]
    if earlier:
        earlier += f""" (SELECT 1 FROM purchase q WHERE q.contact_id = p.contact_id AND q.currency = :cur
                        AND {sale_sql("q")} AND q.occurred_at < :start)"""
    cursor = database.execute_sql(
        f"""SELECT p.contact_id FROM purchase p
             WHERE {_SALE} AND p.contact_id IS NOT NULL AND p.currency = :cur
               AND p.occurred_at >= :start AND p.occurred_at < :end {earlier}
             GROUP BY p.contact_id ORDER BY sum(p.total_minor) DESC, p.contact_id""",
        {"start": _at(period.start), "end": _at(period.end + timedelta(days=1)), "cur": _currency()})
    return [row[0] for row in cursor]


def lapsed_customers(days: int = 90, today: date | None = None) -> list[int]:
    """Customers who bought before but not in the last `days` days, longest gone first."""
    days = _check_count(days, "days", 1, 100_000, "the number of days")
    scope = _Scope(_currency(), today=_check_today(today))
    lapsed = _Statement("lapsed", f"SELECT contact_id {_CUSTOMERS} AND last_day < :cutoff"
                                  " ORDER BY last_day, contact_id", {"cutoff": _lapse_cutoff(days, scope.today)})
    return [row[0] for row in _run(_customers_then(scope, lapsed))["lapsed"]]


def cohorts(months: int = 12, today: date | None = None) -> list[Cohort]:
    """The customers of each of the last `months` months (this one included) by the month of their
    first purchase, and the share of them who bought again in each month after it, up to today."""
    months = _check_count(months, "months", 1, MAX_COHORT_MONTHS, "the number of months")
    scope = _Scope(_currency(), today=_check_today(today), cohort_months=months)
    return _cohorts(_run(_customers_then(scope, _cohort_statement(scope)))["cohorts"], scope)


def loyalty_figures(period: Period) -> LoyaltyFigures:
    statement = _loyalty_statement(_check_period(period))
    return _loyalty(_run(lambda: [statement])["loyalty"][0], _currency())


def receivables_ageing(today: date | None = None) -> list[AgeingBucket]:
    """What customers owe in the shop's currency (as purchases.receivables counts it), by how long overdue."""
    today = _check_today(today)
    currency = _currency()
    rows = _run(lambda: [*_DROP, *_odd_statements(currency), _receivables_statement(today), *_DROP])
    return _receivables(rows["receivables"])


def satisfaction_figures(period: Period) -> SatisfactionFigures:
    """NPS and CSAT of the answers given in the period (contacts in the Trash count), the NPS of each of
    its months, and the complaints opened and resolved in it."""
    periods = [_check_period(period)]
    rows = _run(lambda: [_feedback_statement(periods), _complaint_statement(periods)])
    return _satisfaction(rows["feedback"], rows["complaints"], periods)[0]


# --------------------------------------------------------------------------------------------------
# Everything at once


TOP_CUSTOMERS = 10
TOP_SHARE = 0.2
COHORT_MONTHS = 12


def _summary_scope(period: Period, today: date, currency: str) -> _Scope:
    return _Scope(currency, period, period.previous(), today, COHORT_MONTHS, tuple(_buckets(period, "month")))


def _summary_plan(scope: _Scope, lapsed_days: int) -> list[_Statement]:
    periods = [scope.period, scope.previous]
    return [
        *_customer_statements(scope, scope.spans()),
        _headline_statement(scope),
        _series_statement(scope.currency),
        _SOURCES,
        _top_statement(scope, TOP_CUSTOMERS),
        _share_statement(TOP_SHARE, True),
        _value_statement(_lapse_cutoff(lapsed_days, scope.today)),
        _cohort_statement(scope),
        *_SEGMENTS,
        _loyalty_statement(scope.period),
        _receivables_statement(scope.today),
        _feedback_statement(periods),
        _complaint_statement(periods),
        *_DROP,
    ]


def _summary_inputs(period, today, lapsed_days) -> tuple[Period, date, int]:
    period = _check_period(period)
    today = _check_today(today)
    if lapsed_days is None:
        lapsed_days = get_setting("lapsed_days")
    return period, today, _check_count(lapsed_days, "lapsed_days", 1, 100_000, "the number of days")


def summary_queries(period: Period, today: date | None = None,
                    lapsed_days: int | None = None) -> list[tuple[str, dict]]:
    """The SQL statements `summary` runs, in order, with their parameters, for a benchmark to run bare:
    one after the other on one connection (they fill TEMP tables, read them and drop them at the end)."""
    period, today, lapsed_days = _summary_inputs(period, today, lapsed_days)
    return [(s.sql, s.params) for s in _summary_plan(_summary_scope(period, today, _currency()), lapsed_days)]


def summary(period: Period, today: date | None = None, lapsed_days: int | None = None) -> Summary:
    """Every figure of the period and of the previous one, the whole-customer figures as of the end of
    `today` (default: the shop's today); `lapsed_days` defaults to the setting "lapsed_days"."""
    period, today, lapsed_days = _summary_inputs(period, today, lapsed_days)
    scope = _summary_scope(period, today, _currency())
    rows = _run(lambda: _summary_plan(scope, lapsed_days))
    head = rows["headline"][0]
    customers, spend, lapsed = rows["value"][0]
    now, before = _satisfaction(rows["feedback"], rows["complaints"], [scope.period, scope.previous])
    return Summary(
        period=period,
        previous=scope.previous,
        currency=scope.currency,
        today=today,
        current=_headline(head[:5]),
        before=_headline(head[5:]),
        revenue_by_month=_series(rows["series"], list(scope.buckets)),
        revenue_by_source=[SourceRevenue(*row) for row in rows["sources"]],
        top_customers=_top(rows["top"], True),
        top_20_share=_share(rows["share"][0]),
        lifetime_value_minor=spend // customers if customers else None,
        segments=_segments(rows["segments"]),
        lapsed_customers=lapsed,
        lapsed_days=lapsed_days,
        cohorts=_cohorts(rows["cohorts"], scope),
        loyalty=_loyalty(rows["loyalty"][0], scope.currency),
        receivables=_receivables(rows["receivables"]),
        satisfaction=now,
        satisfaction_before=before,
    )


def _period_json(period: Period) -> dict:
    return {"start": period.start.isoformat(), "end": period.end.isoformat(), "days": period.days}


def _headline_json(h: Headline) -> dict:
    return {"revenue": h.revenue_minor, "purchases": h.purchases, "average_basket": h.average_basket_minor,
            "active_customers": h.active_customers, "new_customers": h.new_customers,
            "returning_customers": h.returning_customers, "repeat_rate": h.repeat_rate}


def _satisfaction_json(s: SatisfactionFigures) -> dict:
    return {"nps": s.nps, "nps_answers": s.nps_answers, "csat_average": s.csat_average, "csat_answers": s.csat_answers,
            "nps_by_month": [{"month": month, "nps": score, "answers": answers}
                             for month, score, answers in s.nps_by_month],
            "complaints_opened": s.complaints_opened, "complaints_resolved": s.complaints_resolved,
            "median_days_to_resolve": s.median_days_to_resolve}


def summary_json(result: Summary) -> dict:
    """The figures as plain JSON values (money in minor units, dates ISO): at least revenue, purchases,
    average_basket, active_customers, new_customers, nps, csat_average, revenue_by_month
    ([{"month": "YYYY-MM", "revenue": n}]), segments (key -> count), points_outstanding, receivables.
    The previous period's headline and satisfaction figures are under "before"."""
    return {
        "period": _period_json(result.period),
        "previous": _period_json(result.previous),
        "currency": result.currency,
        "today": result.today.isoformat(),
        **_headline_json(result.current),
        **_satisfaction_json(result.satisfaction),
        "before": {**_headline_json(result.before), **_satisfaction_json(result.satisfaction_before)},
        "revenue_by_month": [{"month": p.label, "start": p.start.isoformat(), "revenue": p.revenue_minor,
                              "purchases": p.purchases} for p in result.revenue_by_month],
        "revenue_by_source": [{"source": s.source, "revenue": s.revenue_minor, "customers": s.customers}
                              for s in result.revenue_by_source],
        "top_customers": [{"contact_id": c.contact_id, "name": c.name, "revenue": c.revenue_minor,
                           "purchases": c.purchases,
                           "last_purchase_on": c.last_purchase_on.isoformat() if c.last_purchase_on else None}
                          for c in result.top_customers],
        "top_20_share": result.top_20_share,
        "lifetime_value": result.lifetime_value_minor,
        "segments": {s.key: s.customers for s in result.segments},
        "segment_details": [asdict(s) for s in result.segments],
        "lapsed_customers": result.lapsed_customers,
        "lapsed_days": result.lapsed_days,
        "cohorts": [asdict(c) for c in result.cohorts],
        "loyalty": asdict(result.loyalty),
        "points_outstanding": result.loyalty.outstanding,
        "points_outstanding_value": result.loyalty.outstanding_value_minor,
        "receivables": [{"key": b.key, "label": b.label, "owed": b.owed_minor, "purchases": b.purchases}
                        for b in result.receivables],
        "receivables_total": sum(b.owed_minor for b in result.receivables),
    }
