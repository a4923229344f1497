"""The summary report: how the shop did in a period against the period before it, to keep or to hand
to an accountant. Headline figures with their change, charts, the best customers, segments, lapsed
customers, loyalty points, money owed, satisfaction and complaints, all from one `metrics.Summary`
(nothing is read from the database but the shop's name, address, logo and print settings)."""

from __future__ import annotations

from datetime import date

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from smallcrm.reports import charts
from smallcrm.reports.base import (
    ACCENT, BAD, GOOD, LEFT, MUTED, RIGHT, Styles, content_width, figure, label, masthead, section, side_by_side,
    styles, table, tile_grid, tile_width,
)
from smallcrm.reports.document import PageText, build
from smallcrm.reports.shop import Shop
from smallcrm.reports.text import printable
from smallcrm.reports.words import said
from smallcrm.services import metrics

TITLE = said("Summary report")
COHORT_MONTHS = 6


def change(shop: Shop, now: float | None, before: float | None, *, points: bool = False, digits: int = 1,
           unit: str = "pts") -> tuple[str, int]:
    """The change from `before` to `now` as printed, in the shop's language, and its direction (1 up, -1
    down, 0 none).

    A count or an amount changes by a percentage ("+12.5 %", "new" when it was 0 before); a score or a
    share (`points`) by its difference in `unit`: "pts" ("+4.0 pts"), "days" ("+1.5 days") or "" (a bare
    "+0.50")."""
    if now is None:
        return "—", 0
    if before is None:
        return shop.tr("new"), 0
    difference = now - before
    direction = (difference > 0) - (difference < 0)
    if not direction:
        return shop.tr("no change"), 0
    if points:
        return _in_unit(shop, shop.signed(difference, digits), unit), direction
    if before == 0:
        return shop.tr("new"), 0
    return shop.signed(100 * difference / abs(before), 1, " %"), direction


def _in_unit(shop: Shop, moved: str, unit: str) -> str:
    if unit == "pts":
        return shop.tr("{change} pts", change=moved)
    if unit == "days":
        return shop.tr("{change} days", change=moved)
    return moved


def _colour(direction: int, lower_is_better: bool = False) -> Color:
    if direction == 0:
        return MUTED
    return GOOD if (direction > 0) != lower_is_better else BAD


def _tile(shop: Shop, s: Styles, title: str, value: str, moved: tuple[str, int], *, width: float) -> list:
    text, direction = moved
    colour = _colour(direction).hexval()[2:]
    coloured = f'<font color="#{colour}">{printable(text)}</font>'
    if text not in (shop.tr("new"), "—"):
        coloured = shop.tr("{change} vs previous", change=coloured)
    return [
        label(title, s.figure_label),
        figure(value, s, width),
        label(coloured, s.figure_label),
    ]


def _tiles(summary: metrics.Summary, shop: Shop, s: Styles, width: float) -> Table:
    now, before = summary.current, summary.before
    sat, sat_before = summary.satisfaction, summary.satisfaction_before
    inner = tile_width(4, width)

    def tile(title: str, value: str, moved: tuple[str, int]) -> list:
        return _tile(shop, s, title, value, moved, width=inner)

    tiles = [
        tile(shop.tr("Revenue"), shop.money(now.revenue_minor), change(shop, now.revenue_minor, before.revenue_minor)),
        tile(shop.tr("Purchases"), shop.number(now.purchases), change(shop, now.purchases, before.purchases)),
        tile(shop.tr("Average basket"), shop.money(now.average_basket_minor),
             change(shop, now.average_basket_minor, before.average_basket_minor)),
        tile(shop.tr("Active customers"), shop.number(now.active_customers),
             change(shop, now.active_customers, before.active_customers)),
        tile(shop.tr("New customers"), shop.number(now.new_customers),
             change(shop, now.new_customers, before.new_customers)),
        tile(shop.tr("Repeat rate"), shop.share(now.repeat_rate),
             change(shop, _pct(now.repeat_rate), _pct(before.repeat_rate), points=True)),
        tile(shop.tr("Net Promoter Score"), shop.number(sat.nps, 1),
             change(shop, sat.nps, sat_before.nps, points=True)),
        tile(shop.tr("Satisfaction (CSAT, 1–5)"), shop.number(sat.csat_average, 2),
             change(shop, sat.csat_average, sat_before.csat_average, points=True, digits=2, unit="")),
    ]
    return tile_grid(tiles, 4, width)


def _pct(share: float | None) -> float | None:
    return None if share is None else share * 100


def _chart_block(title: str, drawing, s: Styles) -> list[Flowable]:
    return [label(title, s.subheading), drawing]


def _top_customers(summary: metrics.Summary, shop: Shop, s: Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = section(shop.tr("Best customers of the period"), s)
    if not summary.top_customers:
        return out + [label(shop.tr("No customer bought in this period."), s.muted)]
    rows = [[shop.number(i), c.name, shop.number(c.purchases), shop.day(c.last_purchase_on),
             shop.money(c.revenue_minor)] for i, c in enumerate(summary.top_customers, start=1)]
    widths = [10 * mm, width - 10 * mm - 22 * mm - 30 * mm - 32 * mm, 22 * mm, 30 * mm, 32 * mm]
    header = ["#", shop.tr("Customer"), shop.tr("Purchases"), shop.tr("Last purchase"), shop.tr("Revenue")]
    out.append(table(header, rows, widths, align=[RIGHT, LEFT, RIGHT, RIGHT, RIGHT], s=s))
    notes = []
    if summary.top_20_share is not None:
        notes.append(shop.tr("The best fifth of the period's customers brought {share} of its revenue.",
                             share=shop.share(summary.top_20_share)))
    if summary.lifetime_value_minor is not None:
        notes.append(shop.tr("A customer spends {amount} on average over all their purchases so far.",
                             amount=printable(shop.money(summary.lifetime_value_minor))))
    if notes:
        out.append(Spacer(1, 3))
        out.append(label(" ".join(notes), s.muted))
    return out


def _sources(summary: metrics.Summary, shop: Shop, s: Styles, width: float) -> list[Flowable]:
    if not summary.revenue_by_source:
        return []
    total = sum(r.revenue_minor for r in summary.revenue_by_source)
    rows = [[r.source or shop.tr("Unknown"), shop.number(r.customers), shop.money(r.revenue_minor),
             shop.share(r.revenue_minor / total) if total > 0 else "—"] for r in summary.revenue_by_source]
    widths = [width - 28 * mm - 34 * mm - 22 * mm, 28 * mm, 34 * mm, 22 * mm]
    header = [shop.tr("Source"), shop.tr("Customers"), shop.tr("Revenue"), shop.tr("Share")]
    return [*section(shop.tr("Revenue by how customers found the shop"), s),
            table(header, rows, widths, align=[LEFT, RIGHT, RIGHT, RIGHT], s=s)]


def _segments(summary: metrics.Summary, shop: Shop, s: Styles, width: float) -> list[Flowable]:
    rows = [[shop.tr(seg.title), shop.tr(seg.explanation), shop.number(seg.customers)] for seg in summary.segments]
    widths = [34 * mm, width - 34 * mm - 24 * mm, 24 * mm]
    total = sum(seg.customers for seg in summary.segments)
    lapsed = shop.tr("{customers} bought before but not in the last {days} days.",
                     customers=shop.number(summary.lapsed_customers), days=shop.number(summary.lapsed_days))
    out: list[Flowable] = [
        *section(shop.tr("Customer segments on {day}", day=printable(shop.day(summary.today))), s),
        table([shop.tr("Segment"), shop.tr("What it means"), shop.tr("Customers")], rows, widths,
              align=[LEFT, LEFT, RIGHT], s=s, total=[shop.tr("Total"), "", shop.number(total)]),
        Spacer(1, 4),
        label(f"<b>{shop.tr('Lapsed customers:')}</b> {lapsed}", s.body),
    ]
    return out


def _cohorts(summary: metrics.Summary, shop: Shop, s: Styles, width: float) -> list[Flowable]:
    cohorts = [c for c in summary.cohorts if c.customers]
    if not cohorts:
        return []
    months = max(1, min(COHORT_MONTHS, max(len(c.retained) for c in cohorts)))
    rows = []
    for c in cohorts:
        year, month = int(c.month[:4]), int(c.month[5:7])
        rows.append([shop.month(date(year, month, 1)), shop.number(c.customers)]
                    + [shop.share(c.retained[i], 0) if i < len(c.retained) else "" for i in range(months)])
    first = 34 * mm
    rest = (width - first - 24 * mm) / months
    header = [shop.tr("First purchase in"), shop.tr("Customers")] + [shop.tr("+{months} mo", months=i)
                                                                       for i in range(1, months + 1)]
    result = table(header, rows, [first, 24 * mm] + [rest] * months, align=[LEFT] + [RIGHT] * (months + 1), s=s,
                   zebra=False)
    shades = []
    for r, c in enumerate(cohorts, start=1):
        for i, share in enumerate(c.retained[:months]):
            tone = _blend(min(0.6, 0.08 + share))
            shades.append(("BACKGROUND", (2 + i, r), (2 + i, r), tone))
    result.setStyle(TableStyle(shades))
    return [*section(shop.tr("Customers coming back, by month of their first purchase"), s), result,
            Spacer(1, 3), label(shop.tr("Each share is of the month's new customers who bought again that many "
                                        "months after their first purchase."), s.muted)]


def _blend(strength: float) -> Color:
    """The accent colour laid over white at `strength` (0-1), as a solid colour every printer knows."""
    return Color(*(1 - strength * (1 - c) for c in (ACCENT.red, ACCENT.green, ACCENT.blue)))


def _money_and_points(summary: metrics.Summary, shop: Shop, s: Styles, width: float) -> list[Flowable]:
    share = 0.42
    left, right = (width - 8 * mm) * share, (width - 8 * mm) * (1 - share)
    loyalty = summary.loyalty
    # From the start to the end: the rows in between add up to the change.
    points_rows = [
        [shop.tr("Outstanding at the start"), shop.number(loyalty.opening)],
        [shop.tr("Issued in the period"), shop.number(loyalty.issued)],
        [shop.tr("Redeemed in the period"), shop.number(loyalty.redeemed)],
        [shop.tr("Expired in the period"), shop.number(loyalty.expired)],
        [shop.tr("Taken back in the period"), shop.number(loyalty.taken_back)],
        [shop.tr("Adjusted by hand"), shop.signed(loyalty.adjusted, 0) if loyalty.adjusted else shop.number(0)],
        [shop.tr("Outstanding at the end"), shop.number(loyalty.outstanding)],
        [shop.tr("Worth, under today's rules"), shop.money(loyalty.outstanding_value_minor)],
    ]
    points = table([shop.tr("Loyalty points"), shop.tr("Points")], points_rows, [left - 28 * mm, 28 * mm],
                   align=[LEFT, RIGHT], s=s)
    owed_rows = [[shop.tr(b.label), shop.number(b.purchases), shop.money(b.owed_minor)] for b in summary.receivables]
    owed = table([shop.tr("Money owed"), shop.tr("Purchases"), shop.tr("Owed")], owed_rows,
                 [right - 48 * mm, 20 * mm, 28 * mm], align=[LEFT, RIGHT, RIGHT], s=s,
                 total=[shop.tr("Total"), shop.number(sum(b.purchases for b in summary.receivables)),
                        shop.money(sum(b.owed_minor for b in summary.receivables))])
    taken_back = label(shop.tr("Taken back: the points of purchases refunded or written off."), s.muted)
    note = label(shop.tr("Money owed as of {day}.", day=printable(shop.day(summary.today))), s.muted)
    return [*section(shop.tr("Loyalty points and money owed"), s, 45 * mm),
            side_by_side([points, Spacer(1, 3), taken_back], [owed, Spacer(1, 3), note], width, share=share)]


def _satisfaction(summary: metrics.Summary, shop: Shop, s: Styles, width: float) -> list[Flowable]:
    now, before = summary.satisfaction, summary.satisfaction_before

    def line(title: str, a, b, text_a: str, text_b: str, *, points: bool = False, digits: int = 1,
             unit: str = "pts", lower_is_better: bool = False) -> list:
        text, direction = change(shop, a, b, points=points, digits=digits, unit=unit)
        colour = _colour(direction, lower_is_better).hexval()[2:]
        return [title, text_a, text_b, label(f'<font color="#{colour}">{printable(text)}</font>', s.cell_right)]

    rows = [
        line(shop.tr("Net Promoter Score (−100 to 100)"), now.nps, before.nps, shop.number(now.nps, 1),
             shop.number(before.nps, 1), points=True),
        line(shop.tr("NPS answers"), now.nps_answers, before.nps_answers, shop.number(now.nps_answers),
             shop.number(before.nps_answers)),
        line(shop.tr("Average satisfaction (CSAT, 1 to 5)"), now.csat_average, before.csat_average,
             shop.number(now.csat_average, 2), shop.number(before.csat_average, 2), points=True, digits=2,
             unit=""),
        line(shop.tr("CSAT answers"), now.csat_answers, before.csat_answers, shop.number(now.csat_answers),
             shop.number(before.csat_answers)),
        line(shop.tr("Complaints opened"), now.complaints_opened, before.complaints_opened,
             shop.number(now.complaints_opened), shop.number(before.complaints_opened), lower_is_better=True),
        line(shop.tr("Complaints resolved"), now.complaints_resolved, before.complaints_resolved,
             shop.number(now.complaints_resolved), shop.number(before.complaints_resolved)),
        line(shop.tr("Median time to resolve a complaint"), now.median_days_to_resolve, before.median_days_to_resolve,
             _days(shop, now.median_days_to_resolve), _days(shop, before.median_days_to_resolve),
             points=True, unit="days", lower_is_better=True),
    ]
    widths = [width - 3 * 30 * mm, 30 * mm, 30 * mm, 30 * mm]
    header = ["", shop.tr("This period"), shop.tr("Previous period"), shop.tr("Change")]
    return [*section(shop.tr("Satisfaction and complaints"), s),
            table(header, rows, widths, align=[LEFT, RIGHT, RIGHT, RIGHT], s=s)]


def _days(shop: Shop, value: float | None) -> str:
    return "—" if value is None else shop.tr("{days} days", days=shop.number(value, 1))


def story(summary: metrics.Summary, shop: Shop) -> list[Flowable]:
    s = styles()
    width = content_width(shop)
    period = shop.period(summary.period.start, summary.period.end)
    previous = shop.period(summary.previous.start, summary.previous.end)
    chart_height = 52 * mm
    half = (width - 8 * mm) / 2
    flow: list[Flowable] = [
        masthead(shop, shop.tr(TITLE), [period, shop.tr("compared with {period}", period=previous)], s, width),
        Spacer(1, 5 * mm),
        _tiles(summary, shop, s, width),
        Spacer(1, 2 * mm),
        *_chart_block(shop.tr("Revenue by month"),
                      charts.revenue_bars(summary.revenue_by_month, shop, width, chart_height), s),
        Spacer(1, 2 * mm),
        side_by_side(
            _chart_block(shop.tr("Net Promoter Score by month"),
                         charts.nps_line(summary.satisfaction.nps_by_month, shop, half, chart_height), s),
            _chart_block(shop.tr("Customers by segment"),
                         charts.segment_bars(summary.segments, shop, half, chart_height), s),
            width),
    ]
    flow += _top_customers(summary, shop, s, width)
    flow += _sources(summary, shop, s, width)
    flow += _segments(summary, shop, s, width)
    flow += _money_and_points(summary, shop, s, width)
    flow += _satisfaction(summary, shop, s, width)
    flow += _cohorts(summary, shop, s, width)
    return flow


def summary_pdf(summary: metrics.Summary, out) -> None:
    """Write the summary report of `summary` (from `metrics.summary`) to `out` (a path or a binary file)."""
    shop = Shop.from_settings()
    period = shop.period(summary.period.start, summary.period.end)
    title = shop.tr(TITLE)
    build(out, story(summary, shop), PageText(shop, title, period), subject=f"{title}, {period}")
