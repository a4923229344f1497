"""The summary report's charts, drawn with reportlab.graphics: revenue by month (bars), the Net Promoter
Score by month (a line), and how many customers each segment holds (bars)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.graphics.widgets.markers import makeMarker

from smallcrm.reports import fonts
from smallcrm.reports.base import ACCENT, ACCENT_SOFT, INK, MUTED, RULE
from smallcrm.reports.shop import Shop
from smallcrm.reports.text import printable
from smallcrm.services.money import to_decimal

LABEL_SIZE = 7


def _empty(width: float, height: float, message: str) -> Drawing:
    drawing = Drawing(width, height)
    drawing.add(Line(0, 14, width, 14, strokeColor=RULE, strokeWidth=0.5))
    drawing.add(String(width / 2, height / 2, message, fontName=fonts.SANS, fontSize=8, fillColor=MUTED,
                       textAnchor="middle"))
    return drawing


def _style_axes(chart, value_format) -> None:
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = fonts.SANS
        axis.labels.fontSize = LABEL_SIZE
        axis.labels.fillColor = MUTED
        axis.strokeColor = RULE
        axis.strokeWidth = 0.5
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.valueAxis.visibleAxis = 0
    chart.valueAxis.visibleTicks = 0
    chart.valueAxis.labelTextFormat = value_format
    chart.categoryAxis.visibleTicks = 0


def _month_labels(months: Sequence[str], shop: Shop, width: float) -> list[str]:
    """"2026-03" -> "Mar" (or "Mar 26" when the months span years), thinned out so they never collide."""
    days = [date(int(m[:4]), int(m[5:7]), 1) for m in months]
    several_years = len({d.year for d in days}) > 1
    names = [printable(shop.month(d, short=True, year=several_years), markup=False) for d in days]
    widest = max((fonts.width(n, fonts.SANS, LABEL_SIZE) for n in names), default=0) + 6
    step = max(1, math.ceil(len(days) * widest / max(width, 1)))
    return [name if i % step == 0 else "" for i, name in enumerate(names)]


def _nice_range(low: float, high: float, steps: int = 4) -> tuple[float, float, float]:
    """A value axis from 0 (or below) to a round top, in about `steps` round steps."""
    low, high = min(0.0, low), max(0.0, high)
    raw = ((high - low) or 1.0) / steps
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    bottom, top = math.floor(low / step) * step, math.ceil(high / step) * step
    return bottom, max(top, bottom + step), step


def revenue_bars(points: Sequence, shop: Shop, width: float, height: float) -> Drawing:
    """`metrics.RevenuePoint`s of a period by month, as bars in the shop's currency."""
    values = [float(to_decimal(p.revenue_minor, shop.currency)) for p in points]
    if not values or not any(values):
        return _empty(width, height, shop.tr("No purchases in this period"))
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 44, 16, width - 50, height - 24
    chart.data = [values]
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barSpacing = 0
    chart.groupSpacing = max(2, 40 / max(1, len(values)))
    chart.categoryAxis.categoryNames = _month_labels([p.label for p in points], shop, chart.width)
    chart.categoryAxis.joinAxisMode = "bottom"
    _style_axes(chart, lambda v: printable(shop.compact_money(v), markup=False))
    bottom, top, step = _nice_range(min(values), max(values))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = bottom, top, step
    drawing.add(chart)
    return drawing


def _runs(values: Sequence[float | None]) -> list[list[float | None]]:
    """One series per run of months with a value, so that the line breaks where a month has none."""
    runs: list[list[float | None]] = []
    for i, value in enumerate(values):
        if value is None:
            continue
        if i == 0 or values[i - 1] is None:
            runs.append([None] * len(values))
        runs[-1][i] = value
    return runs


def nps_line(months: Sequence[tuple[str, float | None, int]], shop: Shop, width: float, height: float) -> Drawing:
    """("YYYY-MM", score or None, answers) per month, as a line; months without answers leave a gap."""
    scores = [score for _, score, _ in months]
    known = [s for s in scores if s is not None]
    if not known:
        return _empty(width, height, shop.tr("No NPS answers in this period"))
    drawing = Drawing(width, height)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 30, 16, width - 36, height - 24
    chart.data = _runs(scores)
    for i in range(len(chart.data)):
        chart.lines[i].strokeColor = ACCENT
        chart.lines[i].strokeWidth = 1.6
        chart.lines[i].symbol = makeMarker("FilledCircle", size=3.2, fillColor=ACCENT, strokeColor=ACCENT)
    chart.joinedLines = 1
    chart.categoryAxis.categoryNames = _month_labels([m for m, _, _ in months], shop, chart.width)
    chart.categoryAxis.joinAxisMode = "bottom"
    _style_axes(chart, lambda v: shop.number(v))
    bottom, top, step = _nice_range(max(-100.0, min(known) - 5), min(100.0, max(known) + 5))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = bottom, top, step
    drawing.add(chart)
    if bottom < 0 < top:  # the zero line, where promoters and detractors balance
        y = chart.y + chart.height * (0 - bottom) / (top - bottom)
        drawing.add(Line(chart.x, y, chart.x + chart.width, y, strokeColor=MUTED, strokeWidth=0.6))
    return drawing


def segment_bars(segments: Sequence, shop: Shop, width: float, height: float) -> Drawing:
    """`metrics.Segment`s as horizontal bars, the first segment at the top, each with its count."""
    counts = [s.customers for s in segments]
    if not any(counts):
        return _empty(width, height, shop.tr("No customers with purchases yet"))
    names = [printable(shop.tr(s.title), markup=False) for s in segments]
    label_width = max(fonts.width(n, fonts.SANS, LABEL_SIZE) for n in names) + 6
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 4
    chart.width, chart.height = width - label_width - 30, height - 8
    chart.data = [list(reversed(counts))]
    chart.bars[0].fillColor = ACCENT_SOFT
    chart.bars[0].strokeColor = None
    chart.barSpacing = 0
    chart.groupSpacing = 4
    chart.categoryAxis.categoryNames = list(reversed(names))
    chart.categoryAxis.labels.fillColor = INK
    _style_axes(chart, lambda v: shop.number(v))
    chart.valueAxis.visible = 0
    chart.valueAxis.visibleGrid = 0
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(counts) * 1.02
    chart.categoryAxis.labels.fontName = fonts.SANS
    chart.categoryAxis.labels.fillColor = INK
    chart.barLabelFormat = lambda v: shop.number(v)
    chart.barLabels.fontName = fonts.SANS
    chart.barLabels.fontSize = LABEL_SIZE
    chart.barLabels.fillColor = INK
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing
