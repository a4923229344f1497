"""A layout that lines its widgets up left to right and starts a new line when the next one does not fit, so a
narrow pane (or a language with longer words) wraps them instead of cutting them off."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Items at their size hint, wrapped onto as many lines as the width needs. With `cells`, a grid of at most
    `cells` columns (each as wide as its widest item) that gives up columns as it narrows, its lines as full as
    each other but the last."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 4, line_spacing: int = 4,
                 cells: int | None = None):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing, self._line_spacing, self._cells = spacing, line_spacing, cells
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """All on one line (a grid: its widest)."""
        sizes = [item.sizeHint() for item in self._shown()]
        if self._cells:
            widths = self._column_widths(sizes, min(self._cells, len(sizes)))
        else:
            widths = [s.width() for s in sizes]
        width = sum(widths) + self._spacing * max(0, len(widths) - 1)
        return QSize(width, self.heightForWidth(width))

    def minimumSize(self) -> QSize:
        """As wide as the widest item (narrower, something would be cut off), as high as the highest: the height
        for a width is heightForWidth's to say."""
        sizes = [item.minimumSize().expandedTo(item.sizeHint()) for item in self._shown()]
        return QSize(max((s.width() for s in sizes), default=0), max((s.height() for s in sizes), default=0))

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _column_widths(self, sizes: list[QSize], columns: int) -> list[int]:
        return [max(s.width() for s in sizes[c::columns]) for c in range(columns)]

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items in `rect` (or only measure, without `move`); the height they take."""
        items = self._shown()
        sizes = [item.sizeHint() for item in items]
        if self._cells and items:
            # the most columns that fit, of those that share the items out evenly over their lines (four
            # buttons: four to a line, two, or one; never three and one)
            count = len(items)
            choices = sorted({min(self._cells, -(-count // lines)) for lines in range(1, count + 1)}, reverse=True)
            columns = next((n for n in choices if n > 1 and sum(self._column_widths(sizes, n))
                            + self._spacing * (n - 1) <= rect.width()), 1)
            widths = self._column_widths(sizes, columns)
        x, y, line_height, on_line = rect.x(), rect.y(), 0, 0
        for i, (item, size) in enumerate(zip(items, sizes)):
            if self._cells and items:
                wrap = on_line == columns
                size = QSize(widths[i % columns], size.height())
            else:
                wrap = x + size.width() > rect.x() + rect.width()
            if on_line and wrap:
                x, y, line_height, on_line = rect.x(), y + line_height + self._line_spacing, 0, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), size))
            x += size.width() + self._spacing
            line_height = max(line_height, size.height())
            on_line += 1
        return y + line_height - rect.y()
