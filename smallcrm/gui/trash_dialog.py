"""The Trash: deleted contacts wait here until they are restored or deleted for good."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QMessageBox, QPushButton, QTableView,
    QVBoxLayout,
)

from smallcrm.gui import formatting as fmt
from smallcrm.gui.columns import ColumnFitter, add_column_menu, read_only_rows, space_columns
from smallcrm.gui.contacts_model import ContactTableModel
from smallcrm.gui.forms import remembered_size
from smallcrm.gui.icons import icon
from smallcrm.services import contacts


class TrashDialog(QDialog):
    restore_requested = Signal(list)  # contact ids; the window restores them (undoably)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Trash"))
        self.model = ContactTableModel(self, trash=True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.view = QTableView()
        self.view.setModel(self.model)
        read_only_rows(self.view)
        space_columns(self.view)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setAccessibleName(self.tr("Deleted customers"))
        for column in ContactTableModel.HIDDEN_AT_FIRST:  # as in the customer list
            self.view.horizontalHeader().setSectionHidden(column, True)
        # Each column as wide as what it holds, all narrowed together (the longest cut short, whole in its tooltip)
        # when they are wider than the list: no scrolling sideways. A phone number keeps its width.
        self.columns = ColumnFitter(self.view, self._column_widths, keep=(3,))
        add_column_menu(self.view, fitter=self.columns)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(icon("restore"), self.tr("&Restore"))
        self.purge_button = QPushButton(icon("delete"), self.tr("&Delete for good…"))
        self.empty_button = QPushButton(self.tr("&Empty Trash…"))
        for b in (self.restore_button, self.purge_button, self.empty_button):
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        self.purge_button.clicked.connect(self.purge_selected)
        self.empty_button.clicked.connect(self.empty)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        remembered_size(self, "trash", 860, 460)
        self.refresh()
        self.columns.fit()

    def selected_ids(self) -> list[int]:
        return [self.model.id_at(i.row()) for i in self.view.selectionModel().selectedRows()]

    def refresh(self) -> None:
        self.model.reload()
        if self.columns.following:
            self.columns.fit()
        n = self.model.rowCount()
        self.intro.setText(
            self.tr("The Trash is empty.") if n == 0 else
            fmt.counted(n, self.tr("1 deleted customer. Restore puts them back in your list with everything they had."),
                        self.tr("{n} deleted customers. Restore puts them back in your list with everything they had."))
        )
        self._update_buttons()

    def _column_widths(self) -> dict[int, int]:
        header = self.view.horizontalHeader()
        return {column: max(self.view.sizeHintForColumn(column), header.sectionSizeHint(column))
                for column in range(header.count())}

    def _update_buttons(self) -> None:
        chosen = bool(self.view.selectionModel().selectedRows())
        self.restore_button.setEnabled(chosen)
        self.purge_button.setEnabled(chosen)
        self.empty_button.setEnabled(self.model.rowCount() > 0)

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.restore_requested.emit(ids)
            self.refresh()

    def _confirm(self, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete for good?"), text,
                          QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText(self.tr("This cannot be undone. Their purchases stay in your revenue figures, "
                                       "without a name."))
        delete = box.addButton(self.tr("Delete for good"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is delete

    def purge_selected(self) -> None:
        ids = self.selected_ids()
        question = (self.tr("Delete this customer for good?") if len(ids) == 1 else
                    self.tr("Delete {n} customers for good?").format(n=fmt.number(len(ids))))
        if ids and self._confirm(question):
            contacts.purge_contacts(ids)
            self.refresh()

    def empty(self) -> None:
        if self._confirm(self.tr("Delete all {n} customers in the Trash for good?").format(
                n=fmt.number(self.model.rowCount()))):
            contacts.empty_trash()
            self.refresh()
