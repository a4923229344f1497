"""The Owed tab: who owes what, since when, how late; mark paid in one step."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from smallcrm.gui import formatting as fmt
from smallcrm.gui.columns import read_only_rows, space_columns
from smallcrm.gui.messages import do_if_still_allowed
from smallcrm.services.contacts import contact_rows

SHOWN = 500  # the oldest debts first; the summary line counts them all
ROLE_PURCHASE = Qt.ItemDataRole.UserRole + 1
ROLE_CONTACT = Qt.ItemDataRole.UserRole + 2


class OwedView(QWidget):
    open_contact = Signal(int)
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.summary = QLabel()
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("owedTable")
        self.table.setAccessibleName(self.tr("Money owed"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Customer"), self.tr("Purchase"), self.tr("Since"), self.tr("Due"), self.tr("Owed")])
        read_only_rows(self.table)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        space_columns(self.table)
        self.table.itemActivated.connect(lambda item: self._open(item.row()))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.open_button = QPushButton(self.tr("&Open customer"))
        self.paid_button = QPushButton(self.tr("Mark &paid"))
        self.payment_button = QPushButton(self.tr("Record p&ayment…"))
        self.write_off_button = QPushButton(self.tr("&Write off…"))
        self.open_button.clicked.connect(lambda: self._open(self.table.currentRow()))
        self.paid_button.clicked.connect(self.mark_paid)
        self.payment_button.clicked.connect(self.record_payment)
        self.write_off_button.clicked.connect(self.write_off)
        buttons = QHBoxLayout()
        for b in (self.open_button, self.paid_button, self.payment_button, self.write_off_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        from smallcrm.services.purchases import receivables

        everything = receivables()
        totals: dict[str, int] = {}
        for r in everything:
            totals[r.currency] = totals.get(r.currency, 0) + r.owed_minor
        rows = everything[:SHOWN]
        names = contact_rows({r.contact_id for r in rows if r.contact_id})
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            late = (fmt.counted(r.days_overdue, self.tr("1 day late"), self.tr("{n} days late")) if r.days_overdue
                    else fmt.day(r.due_on))
            name = names[r.contact_id].name if r.contact_id in names else self.tr("(no customer)")
            cells = [name, r.reference or f"#{r.purchase_id}", fmt.day(r.since.astimezone().date()), late,
                     fmt.money(r.owed_minor, r.currency)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ROLE_PURCHASE, r.purchase_id)
                item.setData(ROLE_CONTACT, r.contact_id)
                if c == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        text = self.tr("Nobody owes anything.") if not rows else fmt.counted(
            len(everything), self.tr("1 unpaid purchase, {total} in all."),
            self.tr("{n} unpaid purchases, {total} in all."),
            total=", ".join(fmt.money(v, k) for k, v in sorted(totals.items())))
        if len(everything) > SHOWN:
            text += " " + self.tr("The {n} oldest are listed.").format(n=fmt.number(SHOWN))
        self.summary.setText(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.table.currentRow() >= 0 and bool(self.table.selectedItems())
        for b in (self.open_button, self.paid_button, self.payment_button, self.write_off_button):
            b.setEnabled(chosen)

    def _open(self, row: int) -> None:
        item = self.table.item(row, 0) if row >= 0 else None
        if item is not None and item.data(ROLE_CONTACT):
            self.open_contact.emit(int(item.data(ROLE_CONTACT)))

    def _chosen(self) -> tuple[int, str] | None:
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 else None
        return (int(item.data(ROLE_PURCHASE)), item.text()) if item is not None else None

    def _after_change(self) -> None:
        self.refresh()
        self.changed.emit()

    def mark_paid(self) -> None:
        from smallcrm.services.purchases import mark_paid

        if chosen := self._chosen():
            do_if_still_allowed(self, lambda: mark_paid(chosen[0]))
            self._after_change()

    def record_payment(self) -> None:
        from smallcrm.gui.activity_dialogs import PaymentDialog

        if chosen := self._chosen():
            dialog = PaymentDialog(self, *chosen)
            dialog.accepted.connect(self._after_change)
            dialog.open()

    def write_off(self) -> None:
        from smallcrm.services.purchases import write_off

        chosen = self._chosen()
        if chosen is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Write off?"),
            self.tr("Write off what {name} owes on purchase {ref}? It stops counting as owed, and the points "
                    "it earned are taken back.").format(name=chosen[1],
                                                        ref=self.table.item(self.table.currentRow(), 1).text()))
        if answer == QMessageBox.StandardButton.Yes:
            do_if_still_allowed(self, lambda: write_off(chosen[0]))
            self._after_change()
