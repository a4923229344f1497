"""Charts drawn with QPainter in the palette's colours: bars over time, a line with points, and
horizontal bars that can be clicked. Each shows the exact value of what the pointer is over."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from smallcrm.gui.colours import mix


@dataclass(frozen=True)
class Point:
    label: str  # under the axis, short
    value: float | None  # None: nothing to show (a gap in a line)
    tip: str  # the exact figure, shown when the pointer is over it


def nice_ticks(low: float, high: float, count: int) -> list[float]:
    """Round axis values from at most `low` to at least `high`, about `count` steps apart."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    return [i * step for i in range(first, last + 1)]


class _Chart(QWidget):
    """What every chart shares: palette colours, a message when there is nothing to draw, hover tooltips."""

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setMouseTracking(True)
        self.empty_text = self.tr("Nothing to show")
        self.given = False  # whether it has been given its figures: until then it is blank, not "empty"
        self._hover = -1

    # colours, read at paint time so a palette change (dark mode) shows at once
    def _text(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Text)

    def _grid(self) -> QColor:
        return mix(self.palette().color(QPalette.ColorRole.Base), self._text(), 0.18)

    def _soft_text(self) -> QColor:
        return mix(self.palette().color(QPalette.ColorRole.Base), self._text(), 0.75)

    def _accent(self, hovered: bool = False) -> QColor:
        colour = self.palette().color(QPalette.ColorRole.Highlight)
        return mix(colour, self._text(), 0.3) if hovered else colour

    def _item_at(self, pos) -> int:
        raise NotImplementedError

    def _tip(self, index: int) -> str:
        raise NotImplementedError

    def _item_rect(self, index: int) -> QRect:
        return self.rect()

    def _draw_empty(self, painter: QPainter) -> None:
        if not self.given:
            return  # (still counting: "No purchases in this period" would be untrue for a moment)
        painter.setPen(self._soft_text())
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            index = self._item_at(event.pos())
            if index >= 0:
                QToolTip.showText(event.globalPos(), self._tip(index), self, self._item_rect(index))
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mouseMoveEvent(self, event) -> None:
        index = self._item_at(event.position())
        if index != self._hover:
            self._hover = index
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:
        if self._hover != -1:
            self._hover = -1
            self.update()
        super().leaveEvent(event)


class _CategoryChart(_Chart):
    """Values over categories along the bottom (days, weeks, months), a value axis on the left."""

    def __init__(self, name: str, axis_text: Callable[[float], list[str]] | None = None, parent=None):
        super().__init__(name, parent)
        self.points: list[Point] = []
        # Formats every tick at once, so labels can share the precision they need to differ.
        self.axis_text = axis_text or (lambda values: [f"{v:g}" for v in values])

    def set_points(self, points: list[Point]) -> None:
        self.points = list(points)
        self.given = True
        self._hover = -1
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 240)

    def minimumSizeHint(self) -> QSize:
        height = self.fontMetrics().height()
        return QSize(220, height * 11)

    def _range(self) -> tuple[float, float]:
        values = [p.value for p in self.points if p.value is not None]
        return min([0.0, *values]), max([0.0, *values])

    def _ticks(self, plot_height: int) -> list[float]:
        low, high = self._range()
        return nice_ticks(low, high, max(2, min(6, plot_height // (self.fontMetrics().height() * 2))))

    def _plot(self) -> tuple[QRectF, list[float], list[str]]:
        """The plotting area, the ticks and their labels."""
        fm = self.fontMetrics()
        top, bottom = fm.height() // 2 + 4, fm.height() + 10
        ticks = self._ticks(self.height() - top - bottom)
        labels = self.axis_text(ticks)
        left = max(fm.horizontalAdvance(t) for t in labels) + 10
        right = max(8, fm.horizontalAdvance(self.points[-1].label) // 2 + 2 if self.points else 8)
        plot = QRectF(left, top, max(1, self.width() - left - right), max(1, self.height() - top - bottom))
        return plot, ticks, labels

    def _y(self, plot: QRectF, ticks: list[float], value: float) -> float:
        low, high = ticks[0], ticks[-1]
        return plot.bottom() - (value - low) / (high - low or 1) * plot.height()

    def _slot(self, plot: QRectF) -> float:
        return plot.width() / max(len(self.points), 1)

    def _x(self, plot: QRectF, index: int) -> float:
        return plot.left() + self._slot(plot) * (index + 0.5)

    def _item_at(self, pos) -> int:
        if not self.points:
            return -1
        plot, _, _ = self._plot()
        if not (plot.left() <= pos.x() <= plot.right() and 0 <= pos.y() <= self.height()):
            return -1
        index = int((pos.x() - plot.left()) // self._slot(plot))
        return index if 0 <= index < len(self.points) and self.points[index].value is not None else -1

    def _item_rect(self, index: int) -> QRect:
        plot, _, _ = self._plot()
        slot = self._slot(plot)
        return QRectF(plot.left() + slot * index, 0, slot, self.height()).toAlignedRect()

    def _tip(self, index: int) -> str:
        return self.points[index].tip

    def _draw_axes(self, painter: QPainter, plot: QRectF, ticks: list[float], labels: list[str]) -> None:
        fm = self.fontMetrics()
        for value, text in zip(ticks, labels):
            y = self._y(plot, ticks, value)
            painter.setPen(QPen(self._text() if value == 0 else self._grid(), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(self._soft_text())
            painter.drawText(QRectF(0, y - fm.height() / 2, plot.left() - 6, fm.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        # Labels along the bottom: as many as fit without touching, evenly spread.
        slot = self._slot(plot)
        widest = max(fm.horizontalAdvance(p.label) for p in self.points) + 12
        every = max(1, math.ceil(widest / slot))
        painter.setPen(self._soft_text())
        for i in range(0, len(self.points), every):
            width = fm.horizontalAdvance(self.points[i].label)
            x = min(max(self._x(plot, i) - width / 2, 0), self.width() - width)
            painter.drawText(QPointF(x, plot.bottom() + 6 + fm.ascent()), self.points[i].label)


class BarChart(_CategoryChart):
    """Vertical bars, one per category: revenue per day, week, month or year."""

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.points or all(not p.value for p in self.points):
            self._draw_empty(painter)
            return
        plot, ticks, labels = self._plot()
        self._draw_axes(painter, plot, ticks, labels)
        slot = self._slot(plot)
        gap = min(slot * 0.25, 12) if slot > 4 else 0
        zero = self._y(plot, ticks, 0)
        painter.setPen(Qt.PenStyle.NoPen)
        for i, p in enumerate(self.points):
            if not p.value:
                continue
            y = self._y(plot, ticks, p.value)
            bar = QRectF(plot.left() + slot * i + gap / 2, min(y, zero), max(slot - gap, 1), abs(zero - y))
            painter.setBrush(self._accent(i == self._hover))
            painter.drawRect(bar)


class LineChart(_CategoryChart):
    """A line through the values with a dot on each; a category without a value leaves a gap."""

    def __init__(self, name: str, axis_text=None, low: float | None = None, high: float | None = None, parent=None):
        super().__init__(name, axis_text, parent)
        self.fixed = (low, high)

    def _range(self) -> tuple[float, float]:
        low, high = super()._range()
        fixed_low, fixed_high = self.fixed
        return (low if fixed_low is None else fixed_low, high if fixed_high is None else fixed_high)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not any(p.value is not None for p in self.points):
            self._draw_empty(painter)
            return
        plot, ticks, labels = self._plot()
        self._draw_axes(painter, plot, ticks, labels)
        if len(self.points) == 1:
            self._draw_alone(painter, plot, ticks)
            return
        path = QPainterPath()
        drawing = False
        for i, p in enumerate(self.points):
            if p.value is None:
                drawing = False
                continue
            point = QPointF(self._x(plot, i), self._y(plot, ticks, p.value))
            if drawing:
                path.lineTo(point)
            else:
                path.moveTo(point)
                drawing = True
        painter.setPen(QPen(self._accent(), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Base), 1.5))
        for i, p in enumerate(self.points):
            if p.value is not None:
                radius = 5.5 if i == self._hover else 4
                painter.setBrush(self._accent(i == self._hover))
                painter.drawEllipse(QPointF(self._x(plot, i), self._y(plot, ticks, p.value)), radius, radius)


    def _draw_alone(self, painter: QPainter, plot: QRectF, ticks: list[float]) -> None:
        """The one category of a period within a month: a column from the zero line up (or down) to its dot, and
        its figure written large beside the dot, not a lone dot lost in a wide chart."""
        value = self.points[0].value
        hovered = self._hover == 0
        x, y = self._x(plot, 0), self._y(plot, ticks, value)
        zero = self._y(plot, ticks, min(max(0.0, ticks[0]), ticks[-1]))
        base = self.palette().color(QPalette.ColorRole.Base)
        width = min(plot.width() * 0.3, self.fontMetrics().height() * 3)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(mix(base, self._accent(hovered), 0.3))
        painter.drawRect(QRectF(x - width / 2, min(y, zero), width, abs(zero - y)))
        radius = 7.0 if hovered else 6.0
        painter.setPen(QPen(base, 1.5))
        painter.setBrush(self._accent(hovered))
        painter.drawEllipse(QPointF(x, y), radius, radius)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setWeight(QFont.Weight.DemiBold)
        height = QFontMetricsF(font).height()
        above = QRectF(plot.left(), y - radius - 2 - height, plot.width(), height)
        below = QRectF(plot.left(), y + radius + 2, plot.width(), height)
        fits_above, fits_below = above.top() >= 0, below.bottom() <= plot.bottom()
        # over the dot when the figure is not below zero, under it when it is; the other way where it has no room
        rect = above if (value >= 0 and fits_above) or not fits_below else below
        text = self.axis_text([value])[0]
        if not rect.intersects(QRectF(x - width / 2, min(y, zero), width, abs(zero - y))):  # (over a grid line)
            clear = QFontMetricsF(font).horizontalAdvance(text) + 8
            painter.fillRect(QRectF(x - clear / 2, rect.top(), clear, rect.height()), base)
        painter.setFont(font)
        painter.setPen(self._text())
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


class HorizontalBarChart(_Chart):
    """One labelled bar per row, longest value fullest; a row can be clicked (or chosen with the keys)."""

    activated = Signal(int)  # the row

    def __init__(self, name: str, value_text: Callable[[float], str] | None = None, parent=None):
        super().__init__(name, parent)
        self.rows: list[Point] = []
        self.value_text = value_text or (lambda v: f"{v:g}")
        self.current = -1
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_rows(self, rows: list[Point]) -> None:
        self.rows = list(rows)
        self.given = True
        self.current = min(self.current, len(self.rows) - 1)
        self._hover = -1
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 10

    def sizeHint(self) -> QSize:
        return QSize(360, max(len(self.rows), 4) * self._row_height() + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, max(len(self.rows), 4) * self._row_height() + 4)

    def _label_width(self) -> int:
        fm = self.fontMetrics()
        widest = max((fm.horizontalAdvance(r.label) for r in self.rows), default=0) + 2
        return min(widest, int(self.width() * 0.45)) + 12

    def row_rect(self, index: int) -> QRectF:
        height = self._row_height()
        return QRectF(0, 2 + index * height, self.width(), height)

    def _item_at(self, pos) -> int:
        index = int((pos.y() - 2) // self._row_height())
        return index if 0 <= index < len(self.rows) and pos.y() >= 2 else -1

    def _item_rect(self, index: int) -> QRect:
        return self.row_rect(index).toAlignedRect()

    def _tip(self, index: int) -> str:
        return self.rows[index].tip

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.rows:
            self._draw_empty(painter)
            return
        fm = self.fontMetrics()
        label_width = self._label_width()
        values = [r.value or 0 for r in self.rows]
        texts = [self.value_text(v) for v in values]
        room = self.width() - label_width - max(fm.horizontalAdvance(t) for t in texts) - 12
        top = max(max(values), 1)
        for i, row in enumerate(self.rows):
            rect = self.row_rect(i)
            if i == self._hover or (i == self.current and self.hasFocus()):
                painter.fillRect(rect, mix(self.palette().color(QPalette.ColorRole.Base), self._accent(), 0.12))
            painter.setPen(self._text())
            label = fm.elidedText(row.label, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.drawText(QRectF(4, rect.top(), label_width - 8, rect.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
            length = max(room, 0) * values[i] / top
            bar = QRectF(label_width, rect.top() + 4, max(length, 2 if values[i] else 0), rect.height() - 8)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._accent(i == self._hover))
            painter.drawRoundedRect(bar, 2, 2)
            painter.setPen(self._text())
            painter.drawText(QRectF(bar.right() + 6, rect.top(), fm.horizontalAdvance(texts[i]) + 4, rect.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, texts[i])
            if i == self.current and self.hasFocus():
                painter.setPen(QPen(self._accent(), 1, Qt.PenStyle.DotLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect.adjusted(1, 0, -1, -1))

    def mouseReleaseEvent(self, event) -> None:
        index = self._item_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and index >= 0:
            self.current = index
            self.update()
            self.activated.emit(index)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.rows:
            step = -1 if key == Qt.Key.Key_Up else 1
            self.current = min(max(self.current + step, 0), len(self.rows) - 1) if self.current >= 0 else 0
            self.setAccessibleDescription(self.rows[self.current].tip)
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and 0 <= self.current < len(self.rows):
            self.activated.emit(self.current)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        if self.current < 0 and self.rows:
            self.current = 0
            self.setAccessibleDescription(self.rows[0].tip)
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)
