"""Tools ▸ Loyalty Programme: how points are earned, what they are worth, tiers, expiry, and whether
a low satisfaction score opens a complaint by itself. New rules apply from now on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout,
)

from smallcrm.errors import InvalidValue
from smallcrm.gui import formatting as fmt
from smallcrm.gui.contact_form import show_problem
from smallcrm.gui.forms import AsksBeforeClosing, resize_within_screen
from smallcrm.gui.messages import field_problem, tier_name
from smallcrm.services import loyalty, money
from smallcrm.services.settings import get_setting, set_setting


def _spin(low: int, high: int, one: str, many: str | None = None) -> QSpinBox:
    """A box of a whole number, followed by `one` or `many` as the number counts ("1 point", "50 points")."""
    spin = QSpinBox()
    spin.setRange(low, high)

    def say(n: int) -> None:
        spin.setSuffix(fmt.counted(n, one, many or one))

    spin.valueChanged.connect(say)
    say(spin.value())
    return spin


class LoyaltySettingsDialog(AsksBeforeClosing, QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Loyalty programme"))
        self.currency = get_setting("currency")
        rules = loyalty.get_rules()
        unit_text = fmt.money(10 ** money.minor_digits(self.currency), self.currency)

        self.earn = _spin(0, 1000, self.tr(" point per {unit} spent").format(unit=unit_text),
                          self.tr(" points per {unit} spent").format(unit=unit_text))
        self.earn.setValue(rules.points_per_unit)
        self.min_spend = QLineEdit(fmt.amount(rules.min_spend_minor, self.currency))
        self.redeem = _spin(1, 100_000, self.tr(" point is worth {unit}").format(unit=unit_text),
                            self.tr(" points are worth {unit}").format(unit=unit_text))
        self.redeem.setValue(rules.points_per_unit_redeemed)
        self.welcome = _spin(0, 100_000, self.tr(" point"), self.tr(" points"))
        self.welcome.setValue(rules.welcome_points)
        self.birthday = _spin(1, 10, self.tr(" × points in the birthday month"))
        self.birthday.setValue(rules.birthday_multiplier)
        self.referral = _spin(0, 100_000, self.tr(" point to whoever referred a new customer"),
                              self.tr(" points to whoever referred a new customer"))
        self.referral.setValue(rules.referral_points)
        self.expiry = _spin(0, 1200, self.tr(" month"), self.tr(" months"))
        self.expiry.setSpecialValueText(self.tr("Never"))
        self.expiry.setValue(rules.expiry_months)

        earning = QGroupBox(self.tr("Earning and spending"))
        form = QFormLayout(earning)
        form.addRow(self.tr("&Earn"), self.earn)
        form.addRow(self.tr("&Minimum purchase to earn"), self.min_spend)
        form.addRow(self.tr("&Redeem"), self.redeem)
        form.addRow(self.tr("&Welcome bonus"), self.welcome)
        form.addRow(self.tr("&Birthday bonus"), self.birthday)
        form.addRow(self.tr("Re&ferral bonus"), self.referral)
        form.addRow(self.tr("Points e&xpire after"), self.expiry)

        tiers_box = QGroupBox(self.tr("Tiers, by spend over the last 12 months"))
        self.tiers = QTableWidget(0, 2)
        self.tiers.setHorizontalHeaderLabels([self.tr("Tier"), self.tr("From ({currency})").format(currency=self.currency)])
        self.tiers.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tiers.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tiers.verticalHeader().hide()
        self.tiers.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for tier in rules.tiers:
            self._add_tier(tier.name, fmt.amount(tier.min_spend_minor, self.currency))
        add, remove = QPushButton(self.tr("Add tier")), QPushButton(self.tr("Remove tier"))
        add.clicked.connect(lambda: self._add_tier("", ""))
        remove.clicked.connect(lambda: self.tiers.removeRow(self.tiers.currentRow()))
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        box = QVBoxLayout(tiers_box)
        box.addWidget(self.tiers)
        box.addLayout(row)

        self.auto_complaints = QCheckBox(self.tr("A low score (NPS 0–6, CSAT 1–2) opens a complaint and a follow-up task"))
        self.auto_complaints.setChecked(bool(get_setting("auto_complaints")))
        note = QLabel(self.tr("New rules apply from now on: points already earned stay as they are."))
        note.setWordWrap(True)
        note.setEnabled(False)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(earning)
        layout.addWidget(tiers_box)
        layout.addWidget(self.auto_complaints)
        layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        resize_within_screen(self, 560, 640)

    def _add_tier(self, name: str, threshold: str) -> None:
        row = self.tiers.rowCount()
        self.tiers.insertRow(row)
        item = QTableWidgetItem(tier_name(name))  # (a new scheme's names in the window's language...)
        item.setData(Qt.ItemDataRole.UserRole, name)
        self.tiers.setItem(row, 0, item)
        self.tiers.setItem(row, 1, QTableWidgetItem(threshold))

    def _tier_name(self, row: int) -> str:
        """The name in a row of the tiers table: as stored when it was left as shown (...kept as stored)."""
        item = self.tiers.item(row, 0)
        if item is None:
            return ""
        stored, text = item.data(Qt.ItemDataRole.UserRole), item.text().strip()
        return stored if stored and text == tier_name(stored) else text

    def rules(self) -> loyalty.LoyaltyRules:
        tiers = []
        for r in range(self.tiers.rowCount()):
            name = self._tier_name(r)
            text = self.tiers.item(r, 1).text() if self.tiers.item(r, 1) else ""
            if not name and not text.strip():
                continue
            tiers.append(loyalty.Tier(name, money.parse_amount(text or "0", self.currency, "tier threshold")))
        return loyalty.LoyaltyRules(
            points_per_unit=self.earn.value(),
            min_spend_minor=money.parse_amount(self.min_spend.text() or "0", self.currency, "minimum purchase"),
            points_per_unit_redeemed=self.redeem.value(),
            welcome_points=self.welcome.value(),
            birthday_multiplier=self.birthday.value(),
            referral_points=self.referral.value(),
            tiers=tuple(sorted(tiers, key=lambda t: t.min_spend_minor)),
            expiry_months=self.expiry.value(),
        )

    def accept(self) -> None:
        try:
            loyalty.set_rules(self.rules())
        except InvalidValue as error:
            show_problem(self.problem, field_problem(error))
            return
        set_setting("auto_complaints", self.auto_complaints.isChecked())
        super().accept()
