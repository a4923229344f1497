"""The Dashboard tab: the shop's figures for a period beside those of the period before, revenue and
NPS over time, and the customer segments. A customers figure or a segment lists its customers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP, QCoreApplication, QDate, QEvent, QLocale, QRectF, QSettings, Qt, QTimer, Signal,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QFrame, QGridLayout, QHBoxLayout, QLabel, QProgressBar, QScrollArea, QSizePolicy, QVBoxLayout,
    QWidget,
)

from smallcrm.gui import formatting as fmt
from smallcrm.gui.charts import BarChart, HorizontalBarChart, LineChart, Point
from smallcrm.gui.colours import mix, paint_text, soft_colour
from smallcrm.gui.customer_list import CustomerListDialog
from smallcrm.gui.messages import segment_words
from smallcrm.gui.workers import run_in_background
from smallcrm.services import metrics, when
from smallcrm.services.money import minor_digits

PRESETS = (
    ("this_month", QT_TRANSLATE_NOOP("PeriodPicker", "This month")),
    ("last_month", QT_TRANSLATE_NOOP("PeriodPicker", "Last month")),
    ("last_30_days", QT_TRANSLATE_NOOP("PeriodPicker", "Last 30 days")),
    ("last_90_days", QT_TRANSLATE_NOOP("PeriodPicker", "Last 90 days")),
    ("this_quarter", QT_TRANSLATE_NOOP("PeriodPicker", "This quarter")),
    ("this_year", QT_TRANSLATE_NOOP("PeriodPicker", "This year")),
    ("last_year", QT_TRANSLATE_NOOP("PeriodPicker", "Last year")),
    ("last_12_months", QT_TRANSLATE_NOOP("PeriodPicker", "Last 12 months")),
)
CUSTOM = "custom"
DEFAULT_PRESET = "this_month"
CUSTOM_DELAY_MS = 400  # typing a date changes it at every key: wait for a pause before counting
WIDE = 1100  # from this width the three charts stand in one row
UP, DOWN = "\u25b2", "\u25bc"
MINUS = "\u2212"


# --- the figures, read on a pool thread -------------------------------------------------------------

def grain_for(period: metrics.Period) -> str:
    """Days for a month, weeks up to half a year, months up to three years, then years."""
    if period.days <= 31:
        return "day"
    if period.days <= 184:
        return "week"
    return "month" if period.days <= 1100 else "year"


@dataclass(frozen=True)
class Figures:
    generation: int
    summary: metrics.Summary
    grain: str
    revenue: list[metrics.RevenuePoint]


def read_figures(generation: int, period: metrics.Period) -> Figures:
    summary = metrics.summary(period)
    grain = grain_for(period)
    revenue = summary.revenue_by_month if grain == "month" else metrics.revenue_series(period, grain)
    return Figures(generation, summary, grain, revenue)


# --- how a change reads -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    text: str  # "▲ +12%", "new", "±0%"
    words: str  # the same for a screen reader: "up 12%"
    direction: int  # 1 up, -1 down, 0 level


def percent(share: float | None) -> str:
    return "—" if share is None else f"{fmt.decimal(share * 100, 1)}{QLocale().percent()}"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Dashboard", text)


def _change(amount: float, text: str) -> Change:
    if amount == 0:
        return Change(f"±{text}", _tr("no change"), 0)
    if amount > 0:
        return Change(f"{UP} +{text}", _tr("up {amount}").format(amount=text), 1)
    return Change(f"{DOWN} {MINUS}{text}", _tr("down {amount}").format(amount=text), -1)


def relative_change(current: int | None, previous: int | None) -> Change | None:
    """Percent change of a count or an amount; "new" when there was nothing before."""
    if current is None or previous is None:
        return None
    if previous == 0:
        return Change(_tr("new"), _tr("new"), 1 if current > 0 else -1) if current else _change(0, "0%")
    change = (current - previous) / abs(previous) * 100
    decimals = 1 if abs(change) < 10 else 0
    change = round(change, decimals)
    return _change(change, f"{fmt.decimal(abs(change), decimals if change else 0)}{QLocale().percent()}")


def difference(current: float | None, previous: float | None, decimals: int, unit: str = "") -> Change | None:
    """Change of a score or a rate, in its own points (NPS, CSAT, repeat rate)."""
    if current is None or previous is None:
        return None
    change = round(current - previous, decimals)
    return _change(change, f"{fmt.decimal(abs(change), decimals if change else 0)}{unit}")


def change_colour(palette: QPalette, direction: int) -> QColor:
    """Green up, red down, plain level; darker shades on a light background, lighter ones on a dark."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    if direction > 0:
        return QColor("#6fdc8c" if dark else "#17703a")
    if direction < 0:
        return QColor("#ff938a" if dark else "#b3261e")
    return palette.color(QPalette.ColorRole.Text)


# --- tiles ----------------------------------------------------------------------------------------------

class Card(QWidget):
    """A rounded panel in the palette's base colour; holds a tile or a chart."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setForegroundRole(QPalette.ColorRole.Text)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        focused = self.hasFocus()
        border = palette.color(QPalette.ColorRole.Highlight) if focused else mix(
            palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.2)
        width = 2 if focused else 1
        painter.setPen(QPen(border, width))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(width / 2, width / 2, -width / 2, -width / 2), 6, 6)


def _label(scale: float = 1.0, bold: bool = False) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setForegroundRole(QPalette.ColorRole.Text)
    if scale != 1.0 or bold:
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * scale)
        if bold:
            font.setWeight(QFont.Weight.DemiBold)
        label.setFont(font)
    return label


class Tile(Card):
    """One figure: what it is, its value, how it changed against the previous period, a note."""

    activated = Signal()  # clicked, or Enter/Space while focused (only for tiles that list customers)

    def __init__(self, title: str, tip: str, clickable: bool = False, parent=None):
        super().__init__(parent)
        self.clickable = clickable
        self.tip = tip
        self.change: Change | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(title)
        self.setToolTip(tip)
        if clickable:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.title = _label()
        self.title.setText(title + (" \u203a" if clickable else ""))
        self.value = _label(1.6, bold=True)
        self.value.setText("—")
        self.trend = _label(0.9)
        self.note = _label(0.9)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        line = QHBoxLayout()
        line.setSpacing(8)
        line.addWidget(self.trend)
        line.addWidget(self.note)
        line.addStretch(1)
        layout.addLayout(line)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._colour()

    def set_figure(self, value: str, change: Change | None = None, before: str = "", note: str = "") -> None:
        """Show `value`; `before` (the previous period's figure, as text) goes into the tooltip."""
        self.value.setText(value)
        self.change = change
        self.trend.setText(change.text if change else "")
        self.trend.setVisible(change is not None)
        self.note.setText(note or " ")  # every tile keeps its line: the rows stay even
        tip = self.tip + ("\n" + self.tr("Previous period: {value}").format(value=before) if before else "")
        self.setToolTip(tip)
        said = [value]
        if change:
            said.append(self.tr("{change} on the previous period").format(change=change.words))
        if note:
            said.append(note)
        self.setAccessibleDescription(", ".join(said) + ". " + self.tip)
        self._colour()

    def _colour(self) -> None:
        palette = self.palette()
        for label, colour in ((self.title, soft_colour(palette)), (self.note, soft_colour(palette)),
                              (self.trend, change_colour(palette, self.change.direction if self.change else 0))):
            paint_text(label, colour)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "trend"):  # not while being built
            self._colour()
        super().changeEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self.clickable and event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.activated.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        if self.clickable and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)


class ChartCard(Card):
    """A chart with its title above and, if given, a line saying what it offers below."""

    def __init__(self, title: str, chart: QWidget, caption: str = "", parent=None):
        super().__init__(parent)
        self.title = _label(1.1, bold=True)
        self.title.setText(title)
        self.chart = chart
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.title)
        layout.addWidget(chart, 1)
        self.caption = _label(0.9)
        self.caption.setText(caption)
        self.caption.setWordWrap(True)
        self.caption.setVisible(bool(caption))
        paint_text(self.caption, soft_colour(self.palette()))
        layout.addWidget(self.caption)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "caption"):
            paint_text(self.caption, soft_colour(self.palette()))
        super().changeEvent(event)


# --- the period -----------------------------------------------------------------------------------------

class PeriodPicker(QWidget):
    """A named period (this month, last year, ...) or two days chosen on calendars; remembered."""

    changed = Signal()  # a new period that makes sense was chosen

    def __init__(self, parent=None):
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setAccessibleName(self.tr("Period"))
        for key, title in PRESETS:
            self.combo.addItem(QCoreApplication.translate("PeriodPicker", title), key)
        self.combo.addItem(self.tr("Custom range"), CUSTOM)
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit, name in ((self.start, self.tr("First day")), (self.end, self.tr("Last day"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(fmt.edit_format())
            edit.setAccessibleName(name)
            edit.setDateRange(QDate(1900, 1, 1), QDate(2999, 12, 31))
        self.error = QLabel(self.tr("The first day is after the last day."))
        self.error.setObjectName("periodError")
        self.error.hide()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(CUSTOM_DELAY_MS)
        self.timer.timeout.connect(self._custom_ready)
        label = QLabel(self.tr("&Period:"))
        label.setBuddy(self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        layout.addSpacing(6)
        layout.addWidget(self.start)
        layout.addWidget(QLabel("–"))
        layout.addWidget(self.end)
        layout.addWidget(self.error)
        self._restore()
        self.combo.currentIndexChanged.connect(self._preset_chosen)
        self.start.dateChanged.connect(self._dates_edited)
        self.end.dateChanged.connect(self._dates_edited)

    def key(self) -> str:
        return self.combo.currentData()

    def period(self) -> metrics.Period:
        """The chosen period as of today (a named period moves on with the calendar). While the dates
        typed make no sense, the custom period is the last one that did."""
        if self.key() == CUSTOM:
            return self._custom
        return metrics.Period.preset(self.key(), when.today())

    def choose(self, key: str) -> None:
        self.combo.setCurrentIndex(self.combo.findData(key))

    def set_dates(self, start: date, end: date) -> None:
        """Choose a custom range, as if typed."""
        self.start.setDate(QDate(start.year, start.month, start.day))
        self.end.setDate(QDate(end.year, end.month, end.day))

    def valid(self) -> bool:
        return self.start.date() <= self.end.date()

    def _typed(self) -> metrics.Period:
        return metrics.Period(self.start.date().toPython(), self.end.date().toPython())

    def _restore(self) -> None:
        settings = QSettings()
        key = settings.value("dashboard/period", DEFAULT_PRESET)
        if self.combo.findData(key) < 0:
            key = DEFAULT_PRESET
        if key == CUSTOM:
            try:
                self._custom = metrics.Period(date.fromisoformat(str(settings.value("dashboard/from", ""))),
                                              date.fromisoformat(str(settings.value("dashboard/to", ""))))
            except ValueError:
                key = DEFAULT_PRESET
            else:
                key = CUSTOM if self._custom.start <= self._custom.end else DEFAULT_PRESET
        self.choose(key)
        if key != CUSTOM:
            self._custom = self.period()
        self._show_dates(self.period())

    def _show_dates(self, period: metrics.Period) -> None:
        for edit, day in ((self.start, period.start), (self.end, period.end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _save(self) -> None:
        settings = QSettings()
        settings.setValue("dashboard/period", self.key())
        if self.key() == CUSTOM:
            settings.setValue("dashboard/from", self._custom.start.isoformat())
            settings.setValue("dashboard/to", self._custom.end.isoformat())

    def _preset_chosen(self) -> None:
        self.timer.stop()
        if self.key() == CUSTOM:
            self._custom = self._typed()
        else:
            self._show_dates(self.period())
        self._show_error(False)
        self._save()
        self.changed.emit()

    def _dates_edited(self) -> None:
        if self.key() != CUSTOM:
            self.combo.blockSignals(True)
            self.choose(CUSTOM)
            self.combo.blockSignals(False)
        self._show_error(not self.valid())
        if self.valid():
            self.timer.start()
        else:
            self.timer.stop()

    def _custom_ready(self) -> None:
        if self.valid():
            self._custom = self._typed()
            self._save()
            self.changed.emit()

    def _show_error(self, shown: bool) -> None:
        paint_text(self.error, change_colour(self.palette(), -1))
        self.error.setVisible(shown)


# --- the tab --------------------------------------------------------------------------------------------

TILES = (  # key, title, what it counts, lists customers
    ("revenue", QT_TRANSLATE_NOOP("Dashboard", "Revenue"),
     QT_TRANSLATE_NOOP("Dashboard", "Purchases minus refunds dated in the period, in {currency} only. A written-off "
                                    "purchase counts what was paid of it."), False),
    ("purchases", QT_TRANSLATE_NOOP("Dashboard", "Purchases"),
     QT_TRANSLATE_NOOP("Dashboard", "Purchases dated in the period, not counting refunds."), False),
    ("basket", QT_TRANSLATE_NOOP("Dashboard", "Average basket"),
     QT_TRANSLATE_NOOP("Dashboard", "Revenue divided by the number of purchases in the period."), False),
    ("active", QT_TRANSLATE_NOOP("Dashboard", "Active customers"),
     QT_TRANSLATE_NOOP("Dashboard", "Customers with at least one purchase (not a refund) in the period. "
                                    "Click to list them."), True),
    ("new", QT_TRANSLATE_NOOP("Dashboard", "New customers"),
     QT_TRANSLATE_NOOP("Dashboard", "Active customers whose first purchase ever is in the period. "
                                    "Click to list them."), True),
    ("returning", QT_TRANSLATE_NOOP("Dashboard", "Returning customers"),
     QT_TRANSLATE_NOOP("Dashboard", "Active customers who had bought before the period began. "
                                    "Click to list them."), True),
    ("repeat", QT_TRANSLATE_NOOP("Dashboard", "Repeat rate"),
     QT_TRANSLATE_NOOP("Dashboard", "Share of the active customers who bought two or more times in the period. "
                                    "The change is in percentage points."), False),
    ("lapsed", QT_TRANSLATE_NOOP("Dashboard", "Lapsed customers"),
     QT_TRANSLATE_NOOP("Dashboard", "Customers who bought before but nothing in the last {days} days, counted "
                                    "today. Click to list them."), True),
    ("nps", QT_TRANSLATE_NOOP("Dashboard", "NPS"),
     QT_TRANSLATE_NOOP("Dashboard", "Net Promoter Score of the 0–10 answers given in the period: the share of "
                                    "promoters (9–10) minus the share of detractors (0–6), from −100 to 100. "
                                    "The change is in points."), False),
    ("csat", QT_TRANSLATE_NOOP("Dashboard", "Average CSAT"),
     QT_TRANSLATE_NOOP("Dashboard", "Average of the 1–5 satisfaction answers given in the period."), False),
    ("points", QT_TRANSLATE_NOOP("Dashboard", "Points outstanding"),
     QT_TRANSLATE_NOOP("Dashboard", "Loyalty points all customers hold at the end of the period, and what they "
                                    "are worth under the current rules."), False),
    ("owed", QT_TRANSLATE_NOOP("Dashboard", "Money owed"),
     QT_TRANSLATE_NOOP("Dashboard", "What customers owe today on purchases due or partly paid, in {currency}."),
     False),
)


class DashboardView(QWidget):
    open_contact = Signal(int)
    loaded = Signal()  # the figures shown are those of the chosen period

    def __init__(self, parent=None):
        super().__init__(parent)
        self.figures: Figures | None = None
        self.list_dialog: CustomerListDialog | None = None
        self._generation = 0
        self._stale = True
        self.loading = False  # a count is under way
        self._columns = 0
        self._wide: bool | None = None

        self.picker = PeriodPicker()
        self.picker.changed.connect(self.reload)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(90)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(self.tr("Counting"))
        self.busy.setToolTip(self.tr("Counting…"))
        self.busy.hide()
        self.compared = QLabel()
        self.compared.setObjectName("comparedWith")
        paint_text(self.compared, soft_colour(self.palette(), on_base=False))
        self.compared.setWordWrap(True)  # a narrow window wraps it rather than growing
        choice = QHBoxLayout()
        choice.addWidget(self.picker)
        choice.addSpacing(12)
        choice.addWidget(self.busy)
        choice.addStretch(1)
        header = QVBoxLayout()
        header.setContentsMargins(16, 10, 16, 4)
        header.setSpacing(4)
        header.addLayout(choice)
        header.addWidget(self.compared)

        self.tiles: dict[str, Tile] = {}
        for key, title, tip, clickable in TILES:
            tile = Tile(QCoreApplication.translate("Dashboard", title), QCoreApplication.translate("Dashboard", tip),
                        clickable)
            tile.setObjectName(f"tile_{key}")
            self.tiles[key] = tile
            if clickable:
                tile.activated.connect(lambda key=key: self.list_customers(key))
        self.tile_grid = QGridLayout()
        self.tile_grid.setSpacing(10)

        self.revenue_chart = BarChart(self.tr("Revenue over time"))
        self.revenue_chart.empty_text = self.tr("No purchases in this period")
        self.nps_chart = LineChart(self.tr("NPS by month"), lambda ticks: [fmt.decimal(t, 0) for t in ticks], -100, 100)
        self.nps_chart.empty_text = self.tr("No NPS answers in this period")
        self.segment_chart = HorizontalBarChart(self.tr("Customer segments"), lambda v: fmt.number(int(v)))
        self.segment_chart.empty_text = self.tr("No customers have bought yet")
        self.segment_chart.activated.connect(self.list_segment)
        self.revenue_card = ChartCard(self.tr("Revenue"), self.revenue_chart)
        self.nps_card = ChartCard(self.tr("NPS by month"), self.nps_chart)
        self.segment_card = ChartCard(self.tr("Customer segments today"), self.segment_chart,
                                      self.tr("Click a segment to list its customers."))
        self.chart_grid = QGridLayout()
        self.chart_grid.setSpacing(10)

        content = QWidget()
        content.setObjectName("dashboardContent")
        body = QVBoxLayout(content)
        body.setContentsMargins(16, 6, 16, 16)
        body.setSpacing(10)
        body.addLayout(self.tile_grid)
        body.addLayout(self.chart_grid, 1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.scroll, 1)
        self._arrange(self.width())

    # --- layout that follows the width --------------------------------------------------------------
    def _arrange(self, width: int) -> None:
        tile_width = max(t.minimumSizeHint().width() for t in self.tiles.values()) + 10
        room = width - 32
        columns = next((n for n in (6, 4, 3, 2) if n * tile_width <= room), 2)
        wide = width >= WIDE
        if (columns, wide) == (self._columns, self._wide):
            return
        self._columns, self._wide = columns, wide
        for tile in self.tiles.values():
            self.tile_grid.removeWidget(tile)
        for i, tile in enumerate(self.tiles.values()):
            self.tile_grid.addWidget(tile, i // columns, i % columns)
        for column in range(6):
            self.tile_grid.setColumnStretch(column, 1 if column < columns else 0)
        for card in (self.revenue_card, self.nps_card, self.segment_card):
            self.chart_grid.removeWidget(card)
        for column in range(3):
            self.chart_grid.setColumnStretch(column, 0)
        if wide:
            for column, (card, stretch) in enumerate(((self.revenue_card, 5), (self.nps_card, 3),
                                                      (self.segment_card, 4))):
                self.chart_grid.addWidget(card, 0, column)
                self.chart_grid.setColumnStretch(column, stretch)
        else:
            self.chart_grid.addWidget(self.revenue_card, 0, 0, 1, 2)
            self.chart_grid.addWidget(self.nps_card, 1, 0)
            self.chart_grid.addWidget(self.segment_card, 1, 1)
            self.chart_grid.setColumnStretch(0, 1)
            self.chart_grid.setColumnStretch(1, 1)

    def resizeEvent(self, event) -> None:
        self._arrange(event.size().width())
        super().resizeEvent(event)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "compared"):
            paint_text(self.compared, soft_colour(self.palette(), on_base=False))
        super().changeEvent(event)

    # --- reading ------------------------------------------------------------------------------------
    @property
    def summary(self) -> metrics.Summary | None:
        return self.figures.summary if self.figures else None

    def period(self) -> metrics.Period:
        return self.picker.period()

    def fresh_summary(self) -> metrics.Summary | None:
        """The figures shown, if they are those of the chosen period and no count is under way."""
        s = self.summary
        return s if s is not None and not self._stale and not self.loading and s.period == self.period() else None

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def data_changed(self) -> None:
        """Something was recorded: count again now if in view, else when next shown."""
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def reload(self) -> None:
        self._stale = False
        self._generation += 1
        self.loading = True
        self.busy.show()
        run_in_background(read_figures, self._generation, self.picker.period(), on_done=self._loaded,
                          on_error=self._failed)

    def _failed(self, error) -> None:
        self.loading = False
        self.busy.hide()
        raise error

    def _loaded(self, figures: Figures) -> None:
        if figures.generation != self._generation:
            return  # an older request: the newest wins
        self.figures = figures
        self.loading = False
        self.busy.hide()
        self._show_tiles(figures.summary)
        self._show_charts(figures)
        self.loaded.emit()

    def _show_tiles(self, s: metrics.Summary) -> None:
        now, before = s.current, s.before
        sat, sat_before = s.satisfaction, s.satisfaction_before

        def money(minor: int | None) -> str:
            return "—" if minor is None else fmt.money(minor, s.currency)

        def count(key: str, current: int, previous: int) -> None:
            self.tiles[key].set_figure(fmt.number(current), relative_change(current, previous), fmt.number(previous))

        day = fmt.plain_day
        self.compared.setText(self.tr("{start} – {end}, compared with {before_start} – {before_end}").format(
            start=day(s.period.start), end=day(s.period.end), before_start=day(s.previous.start),
            before_end=day(s.previous.end)))
        for key in ("revenue", "owed"):
            tip = QCoreApplication.translate("Dashboard", next(t[2] for t in TILES if t[0] == key))
            self.tiles[key].tip = tip.format(currency=s.currency)
        lapsed_tip = QCoreApplication.translate("Dashboard", next(t[2] for t in TILES if t[0] == "lapsed"))
        self.tiles["lapsed"].tip = lapsed_tip.format(days=s.lapsed_days)
        self.tiles["revenue"].set_figure(money(now.revenue_minor), relative_change(now.revenue_minor,
                                                                                    before.revenue_minor),
                                         money(before.revenue_minor))
        count("purchases", now.purchases, before.purchases)
        self.tiles["basket"].set_figure(money(now.average_basket_minor), relative_change(
            now.average_basket_minor, before.average_basket_minor), money(before.average_basket_minor))
        count("active", now.active_customers, before.active_customers)
        count("new", now.new_customers, before.new_customers)
        count("returning", now.returning_customers, before.returning_customers)
        self.tiles["repeat"].set_figure(
            percent(now.repeat_rate),
            difference(None if now.repeat_rate is None else now.repeat_rate * 100,
                       None if before.repeat_rate is None else before.repeat_rate * 100, 1, self.tr(" pts")),
            percent(before.repeat_rate))
        self.tiles["lapsed"].set_figure(fmt.number(s.lapsed_customers),
                                        note=self.tr("nothing bought in {n} days").format(n=fmt.number(s.lapsed_days)))

        def answers(n: int) -> str:
            return self.tr("no answers") if n == 0 else self.tr("1 answer") if n == 1 else self.tr(
                "{n} answers").format(n=fmt.number(n))

        def score(value: float | None, decimals: int) -> str:
            return "—" if value is None else fmt.decimal(value, decimals)

        def out_of_5(value: float | None) -> str:
            return "—" if value is None else self.tr("{score} / 5").format(score=fmt.decimal(value, 1))

        self.tiles["nps"].set_figure(score(sat.nps, 0), difference(sat.nps, sat_before.nps, 0),
                                     score(sat_before.nps, 0), answers(sat.nps_answers))
        self.tiles["csat"].set_figure(out_of_5(sat.csat_average), difference(sat.csat_average,
                                                                             sat_before.csat_average, 1),
                                      out_of_5(sat_before.csat_average), answers(sat.csat_answers))
        self.tiles["points"].set_figure(fmt.number(s.loyalty.outstanding), note=self.tr("worth {money}").format(
            money=money(s.loyalty.outstanding_value_minor)))
        owed = sum(b.owed_minor for b in s.receivables)
        unpaid = sum(b.purchases for b in s.receivables)
        note = (fmt.counted(unpaid, self.tr("1 unpaid purchase"), self.tr("{n} unpaid purchases")) if unpaid
                else self.tr("nothing unpaid"))
        self.tiles["owed"].set_figure(money(owed), note=note)

    def _show_charts(self, figures: Figures) -> None:
        s = figures.summary
        names = {"day": self.tr("Revenue by day"), "week": self.tr("Revenue by week"),
                 "month": self.tr("Revenue by month"), "year": self.tr("Revenue by year")}
        self.revenue_card.title.setText(names[figures.grain])
        unit = 10 ** minor_digits(s.currency)
        points = []
        for i, p in enumerate(figures.revenue):
            short, long = self._bucket_names(p, figures.grain, first=i == 0)
            points.append(Point(short, p.revenue_minor / unit, self.tr("{when}: {money} from {purchases}").format(
                when=long, money=fmt.money(p.revenue_minor, s.currency),
                purchases=fmt.counted(p.purchases, self.tr("1 purchase"), self.tr("{n} purchases")))))
        self.revenue_chart.axis_text = lambda ticks: _compact_money(ticks, s.currency)
        self.revenue_chart.set_points(points)
        nps = []
        for i, (month, value, answered) in enumerate(s.satisfaction.nps_by_month):
            day = date.fromisoformat(month + "-01")
            short, long = _month_names(day, first=i == 0)
            tip = (self.tr("{month}: no answers").format(month=long) if value is None else
                   self.tr("{month}: NPS {score} from {n} answers").format(month=long, score=fmt.decimal(value, 1),
                                                                          n=fmt.number(answered)))
            nps.append(Point(short, value, tip))
        self.nps_chart.set_points(nps)
        rows = []
        for seg in s.segments:
            title, explanation = segment_words(seg.key)
            tip = self.tr("{title}: {n} customers\n{explanation}\nClick to list them.")
            rows.append(Point(title, seg.customers,
                              tip.format(title=title, n=fmt.number(seg.customers), explanation=explanation)))
        self.segment_chart.set_rows(rows if any(seg.customers for seg in s.segments) else [])

    def _bucket_names(self, point: metrics.RevenuePoint, grain: str, first: bool) -> tuple[str, str]:
        """The short name under the axis and the full one in the tooltip."""
        start = point.start
        if grain == "day":
            return fmt.day_month(start, short=True), fmt.day(start)
        if grain == "week":
            year, week = point.label.split("-W")
            return f"W{int(week)}", self.tr("Week {week} of {year}, from {day}").format(
                week=int(week), year=year, day=fmt.short_day(start))
        if grain == "month":
            return _month_names(start, first)
        return point.label, point.label

    # --- lists of customers ---------------------------------------------------------------------------
    def _open_list(self, title: str, intro: str, load: Callable[[], list[int]]) -> CustomerListDialog:
        dialog = CustomerListDialog(self, title, intro, load, self.summary.currency)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open_contact.connect(self.open_contact)
        self.list_dialog = dialog
        dialog.open()
        return dialog

    def list_customers(self, key: str) -> CustomerListDialog | None:
        """The customers behind a tile: "active", "new", "returning" or "lapsed"."""
        s = self.summary
        if s is None:
            return None
        if key == "lapsed":
            return self._open_list(self.tr("Lapsed customers"),
                                   self.tr("Bought before, but nothing in the last {n} days; longest gone first.")
                                   .format(n=fmt.number(s.lapsed_days)),
                                   lambda: metrics.lapsed_customers(s.lapsed_days, s.today))
        period = f"{fmt.plain_day(s.period.start)} – {fmt.plain_day(s.period.end)}"
        title = self.tiles[key].accessibleName()
        return self._open_list(title, self.tr("{what} from {period}; the biggest spenders of the period first.").format(
            what=title, period=period), lambda: metrics.period_customers(s.period, key))

    def list_segment(self, row: int) -> CustomerListDialog | None:
        s = self.summary
        if s is None or not 0 <= row < len(s.segments):
            return None
        segment = s.segments[row]
        title, explanation = segment_words(segment.key)
        return self._open_list(title, explanation + " " + self.tr("Best customers first."),
                               lambda: metrics.segment_members(segment.key, s.today))


def _month_names(day: date, first: bool) -> tuple[str, str]:
    """The month under the axis ("Nov"; with its year for the first and for January) and in the tooltip."""
    return fmt.month(day, short=True, year=first or day.month == 1), fmt.month(day)


def _compact_money(values: list[float], currency: str) -> list[str]:
    """Axis labels such as "€12K": as few decimals as keep neighbouring labels apart."""
    from babel.numbers import format_compact_currency

    texts: list[str] = []
    for decimals in (0, 1, 2):
        try:
            texts = [format_compact_currency(v, currency, locale=fmt.babel_locale(), fraction_digits=decimals)
                     for v in values]
        except (ValueError, LookupError):
            return [fmt.decimal(v, 0) for v in values]
        if len(set(texts)) == len(texts):
            break
    return texts
