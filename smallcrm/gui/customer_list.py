"""A list of customers to look through (a segment, a customers figure of the Dashboard): name, phone,
lifetime spend and last purchase, read on the pool thread and sortable; double click or Enter opens one."""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout,
)

from smallcrm.gui import formatting as fmt
from smallcrm.gui.columns import read_only_rows
from smallcrm.gui.contacts_model import ID_ROLE
from smallcrm.gui.forms import remembered_size
from smallcrm.gui.workers import run_in_background
from smallcrm.services.customer import CustomerLine, customer_lines


class CustomerLinesModel(QAbstractTableModel):
    COLUMNS = (QT_TRANSLATE_NOOP("CustomerLinesModel", "Name"), QT_TRANSLATE_NOOP("CustomerLinesModel", "Phone"),
               QT_TRANSLATE_NOOP("CustomerLinesModel", "Lifetime spend"),
               QT_TRANSLATE_NOOP("CustomerLinesModel", "Last purchase"))

    def __init__(self, currency: str, parent=None):
        super().__init__(parent)
        self.currency = currency
        self.lines: list[CustomerLine] = []

    def set_lines(self, lines: list[CustomerLine]) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.COLUMNS):
            return QCoreApplication.translate("CustomerLinesModel", self.COLUMNS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return None
        line = self.lines[index.row()]
        if role == ID_ROLE:
            return line.contact_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            name = self.tr("{name} (in the Trash)").format(name=line.name) if line.in_trash else line.name
            return (name, line.phone, fmt.money(line.spend_minor, self.currency),
                    fmt.short_day(line.last_purchase_on) if line.last_purchase_on else "")[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        keys = (lambda x: x.name.casefold(), lambda x: x.phone, lambda x: x.spend_minor,
                lambda x: x.last_purchase_on or date.min)
        if not 0 <= column < len(keys):
            return
        self.layoutAboutToBeChanged.emit()
        self.lines.sort(key=keys[column], reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()


def _read_lines(load: Callable[[], list[int]], currency: str) -> list[CustomerLine]:
    return customer_lines(load())


class CustomerListDialog(QDialog):
    """The customers behind a figure; double click or Enter opens one in the Customers tab."""

    open_contact = Signal(int)
    loaded = Signal()

    def __init__(self, parent, title: str, intro: str, load: Callable[[], list[int]], currency: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.intro = QLabel(intro)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setWordWrap(True)
        self.count = QLabel(self.tr("Reading the list…"))
        self.model = CustomerLinesModel(currency, self)
        self.view = QTableView()
        self.view.setAccessibleName(title)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        read_only_rows(self.view)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicatorShown(False)
        for column, width in ((1, 150), (2, 120), (3, 110)):
            header.resizeSection(column, width)
        self.view.setSortingEnabled(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the order the list came in
        header.sortIndicatorChanged.connect(lambda *_: header.setSortIndicatorShown(True))
        self.view.doubleClicked.connect(lambda index: self.open_row(index.row()))
        enter = QAction(self.view)
        enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        enter.triggered.connect(lambda: self.open_row(self.view.currentIndex().row()))
        self.view.addAction(enter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = QPushButton(self.tr("&Open customer"))
        self.open_button.setAutoDefault(False)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button = QPushButton(self.tr("&Export…"))
        self.export_button.setAutoDefault(False)
        self.export_button.setToolTip(self.tr("Save these customers to a spreadsheet or to vCards"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(lambda: self.open_row(self.view.currentIndex().row()))
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _: self.open_button.setEnabled(current.isValid()))
        self.open_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.count)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        remembered_size(self, "customer_list", 680, 480)
        run_in_background(_read_lines, load, currency, on_done=self._show, on_error=self._failed)

    def _show(self, lines: list[CustomerLine]) -> None:
        self.model.set_lines(lines)
        self.count.setText(fmt.counted(len(lines), self.tr("1 customer"), self.tr("{n} customers")) if lines
                           else self.tr("Nobody."))
        if lines:
            self.view.setCurrentIndex(self.model.index(0, 0))
        self.export_button.setEnabled(bool(lines))
        self.loaded.emit()

    def _failed(self, error) -> None:
        raise error

    def contact_ids(self) -> list[int]:
        return [line.contact_id for line in self.model.lines]

    def export(self):
        """These customers to a CSV file or vCards (only those who agreed to marketing, unless told otherwise)."""
        from smallcrm.gui.exporting import export_chosen

        return export_chosen(self.parentWidget().window(), self.windowTitle(), self.contact_ids(), parent=self)

    def open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.open_contact.emit(self.model.lines[row].contact_id)
            self.accept()
