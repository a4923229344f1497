"""A table's columns: which are shown (the header's right-click menu), and widths that fit the table."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QMenu, QStyledItemDelegate, QTableView, QTreeView


class _Lines(QStyledItemDelegate):
    """Cells a line of text high with a little room; with `gap`, two letters wider than their text."""

    def __init__(self, view: QAbstractItemView, gap: bool):
        super().__init__(view)
        self.gap = gap

    def sizeHint(self, option, index) -> QSize:
        hint = super().sizeHint(option, index)
        gap = 2 * option.fontMetrics.averageCharWidth() if self.gap else 0
        return QSize(hint.width() + gap, max(hint.height(), line_height(option.fontMetrics)))


def line_height(metrics) -> int:
    """A row's height in a list to read: a line of text, with a little room above and below."""
    return metrics.height() + 8


def read_only_rows(view: QAbstractItemView) -> None:
    """A table to read, not to edit: its rows in alternating colours, each a line of text high with a little room,
    without row numbers; its column headings stay as they are when a row is selected (not all in bold)."""
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setHighlightSections(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(line_height(view.fontMetrics()))


def space_columns(view: QAbstractItemView) -> None:
    """Columns sized to their contents (resizeColumnsToContents, ResizeToContents) with a gap of two letters
    after each, so that a long name does not run into the next column's text; in a tree, rows as high as
    line_rows gives."""
    view.setItemDelegate(_Lines(view, gap=True))


def line_rows(tree: QTreeView) -> None:
    """A tree's rows as high as a read_only_rows table's (its own leave no room around the text)."""
    tree.setUniformRowHeights(True)
    tree.setItemDelegate(_Lines(tree, gap=False))


class ColumnFitter(QObject):
    """Fits a view's shown columns to its width: as wide as `widths()` says, narrowed in proportion when they are
    wider together; the columns in `keep` (a phone number's) keep theirs, and none is narrowed below its
    heading. While `following`, again whenever the view is resized, until the person sizes a column by hand."""

    def __init__(self, view: QTableView, widths: Callable[[], dict[int, int]], keep: Sequence[int] = ()):
        super().__init__(view)
        self.view, self.widths, self.keep = view, widths, keep
        self.following = False
        self._fitting = False
        view.viewport().installEventFilter(self)
        view.horizontalHeader().sectionResized.connect(self._resized)

    def fit(self) -> None:
        """Fit now, and follow the view's width from now on."""
        self.following = True
        header = self.view.horizontalHeader()
        widths = self.widths()
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        kept = sum(widths[c] for c in shown if c in self.keep)
        rest = sum(widths[c] for c in shown if c not in self.keep)
        scale = min(1.0, max(self.view.viewport().width() - kept, 0) / rest) if rest else 1.0
        self._fitting = True
        try:
            for column in shown:
                width = widths[column] if column in self.keep else int(widths[column] * scale)
                header.resizeSection(column, max(width, header.sectionSizeHint(column)))
        finally:
            self._fitting = False

    def show_column(self, column: int, on: bool) -> None:
        """Show or hide a column (the others' widths change with it: no sizing by hand), fitting again if following."""
        self._fitting = True
        try:
            self.view.horizontalHeader().setSectionHidden(column, not on)
        finally:
            self._fitting = False
        if self.following:
            self.fit()

    def eventFilter(self, obj, event) -> bool:
        if self.following and event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _resized(self, column: int, _old: int, _new: int) -> None:
        header = self.view.horizontalHeader()
        last = max((c for c in range(header.count()) if not header.isSectionHidden(c)), default=-1)
        if not self._fitting and column != last:  # (the last one stretches with the view)
            self.following = False


def add_column_menu(view: QTableView, always_shown: Sequence[int] = (0,), fitter: ColumnFitter | None = None) -> None:
    """A right-click menu on the view's header: a tick for each column to show or hide it (those in
    `always_shown` cannot be hidden), and, with a `fitter`, "Fit Columns to Width". The header's saved state
    (QHeaderView.saveState) keeps the choice."""
    header = view.horizontalHeader()
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header.customContextMenuRequested.connect(lambda at: _column_menu(view, always_shown, fitter).popup(
        header.mapToGlobal(at)))


def _column_menu(view: QTableView, always_shown: Sequence[int], fitter: ColumnFitter | None) -> QMenu:
    header = view.horizontalHeader()
    model = view.model()
    menu = QMenu(view)
    menu.setObjectName("columnMenu")
    for column in range(header.count()):
        action = QAction(model.headerData(column, Qt.Orientation.Horizontal), menu)
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(column))
        action.setEnabled(column not in always_shown)
        action.toggled.connect(lambda on, c=column: fitter.show_column(c, on) if fitter is not None
                               else header.setSectionHidden(c, not on))
        menu.addAction(action)
    if fitter is not None:
        menu.addSeparator()
        menu.addAction(QCoreApplication.translate("Columns", "Fit Columns to Width"), fitter.fit)
    return menu

