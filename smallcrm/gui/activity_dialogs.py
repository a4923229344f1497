"""Dialogs for the day's work on one customer: log a call, record a purchase or a refund, redeem or
adjust points, record a satisfaction answer. Each checks what is typed and says what is wrong beside
it; the service call happens on Save, and a refusal from the service is shown, not swallowed."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDateTime, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QCheckBox, QComboBox, QDateEdit, QDateTimeEdit, QDialog, QDialogButtonBox,
    QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QRadioButton,
    QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from smallcrm.errors import InsufficientPoints, InvalidValue, NotAllowed, RefundTooLarge, SmallCrmError
from smallcrm.gui import formatting as fmt
from smallcrm.gui.columns import read_only_rows, space_columns
from smallcrm.gui.contact_form import show_problem
from smallcrm.gui.forms import AsksBeforeClosing, remembered_size
from smallcrm.gui.messages import complaint_category, field_problem, not_allowed, points_reason
from smallcrm.services import money
from smallcrm.services.settings import get_setting
from smallcrm.store.fields import from_utc_text


def _now_edit() -> QDateTimeEdit:
    edit = QDateTimeEdit(QDateTime.currentDateTime())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(fmt.edit_format(with_time=True))  # (the locale's, as the window shows times)
    return edit


def _day_edit(day: QDate) -> QDateEdit:
    edit = QDateEdit(day)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(fmt.edit_format())  # (the year in full, as in When)
    return edit


def _utc(edit: QDateTimeEdit) -> datetime:
    return edit.dateTime().toPython().astimezone().astimezone(timezone.utc).replace(microsecond=0)


def _date(edit: QDateEdit):
    return edit.date().toPython()


def _problem_text(error: SmallCrmError) -> str:
    if isinstance(error, InvalidValue):
        return field_problem(error)
    if isinstance(error, InsufficientPoints):
        return QCoreApplication.translate("activity", "Only {balance} points are available.").format(balance=fmt.number(error.balance))
    if isinstance(error, RefundTooLarge):
        return QCoreApplication.translate("activity", "Only {amount} is left to refund.").format(amount=fmt.money(error.refundable_minor,
                                                                                      error.currency))
    if isinstance(error, NotAllowed):
        return not_allowed(error)
    return str(error)


class _ActivityDialog(AsksBeforeClosing, QDialog):
    """A form with a problem line above Save/Cancel; subclasses fill `form` and implement save()."""

    def __init__(self, parent, title: str, contact_name: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.result_value = None
        layout = QVBoxLayout(self)
        heading = QLabel(contact_name)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(self.form)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    @property
    def save_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def show_problem(self, text: str | None, *, needed: bool = False) -> None:
        """What is wrong, or what is still `needed` before saving (contact_form.show_problem); Save waits for it."""
        show_problem(self.problem, text, needed=needed)
        self.save_button.setEnabled(not text)

    def check_amount(self, edit: QLineEdit, currency: str, most: int, out_of_range: str) -> bool:
        """An amount field: readable, and between the smallest unit and `most`."""
        try:
            amount = money.parse_amount(edit.text(), currency)
        except InvalidValue as error:
            self.show_problem(_problem_text(error))
            return False
        if not 0 < amount <= most:
            self.show_problem(out_of_range.format(low=fmt.money(1, currency), high=fmt.money(most, currency)))
            return False
        self.show_problem(None)
        return True

    def accept(self) -> None:
        try:
            self.result_value = self.save()
        except SmallCrmError as error:
            show_problem(self.problem, _problem_text(error))
            return
        super().accept()

    def save(self):
        raise NotImplementedError


class CallDialog(_ActivityDialog):
    KINDS = (("call", QT_TRANSLATE_NOOP("CallDialog", "Call")), ("visit", QT_TRANSLATE_NOOP("CallDialog", "Visit")),
             ("email", QT_TRANSLATE_NOOP("CallDialog", "Email")), ("sms", QT_TRANSLATE_NOOP("CallDialog", "SMS")),
             ("note", QT_TRANSLATE_NOOP("CallDialog", "Note")))

    def __init__(self, parent, contact_id: int, contact_name: str):
        super().__init__(parent, self.tr("Log a call"), contact_name)
        self.contact_id = contact_id
        self.kind = QComboBox()
        for key, label in self.KINDS:
            self.kind.addItem(self.tr(label), key)
        self.kind.setAccessibleName(self.tr("Kind"))
        direction = QWidget()
        row = QHBoxLayout(direction)
        row.setContentsMargins(0, 0, 0, 0)
        self.incoming = QRadioButton(self.tr("They called"))
        self.outgoing = QRadioButton(self.tr("We called"))
        self.incoming.setChecked(True)
        row.addWidget(self.incoming)
        row.addWidget(self.outgoing)
        row.addStretch(1)
        self.direction_row = direction
        self.at = _now_edit()
        self.duration = QSpinBox()
        self.duration.setRange(0, 24 * 60)
        self.duration.setSuffix(self.tr(" min"))
        self.outcome = QLineEdit()
        self.outcome.setPlaceholderText(self.tr("e.g. Will come in on Saturday"))
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(80)
        follow = QWidget()
        row = QHBoxLayout(follow)
        row.setContentsMargins(0, 0, 0, 0)
        self.follow_up = QCheckBox(self.tr("Follow up on"))
        self.follow_up_on = _day_edit(QDate.currentDate().addDays(7))
        self.follow_up_on.setEnabled(False)
        self.follow_up.toggled.connect(self.follow_up_on.setEnabled)
        row.addWidget(self.follow_up)
        row.addWidget(self.follow_up_on)
        row.addStretch(1)
        self.form.addRow(self.tr("&Kind"), self.kind)
        self.form.addRow(self.tr("Direction"), direction)
        self.form.addRow(self.tr("&When"), self.at)
        self.form.addRow(self.tr("&Duration"), self.duration)
        self.form.addRow(self.tr("&Outcome"), self.outcome)
        self.form.addRow(self.tr("&Summary"), self.summary)
        self.form.addRow(self.tr("Task"), follow)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.setMinimumWidth(480)
        self.summary.setFocus()

    def _kind_changed(self) -> None:
        is_call = self.kind.currentData() == "call"
        self.direction_row.setEnabled(is_call)
        self.duration.setEnabled(self.kind.currentData() in ("call", "visit"))
        self.setWindowTitle(self.tr("Log a {kind}").format(kind=self.kind.currentText().lower()))

    def save(self) -> int:
        from smallcrm.services import activity

        kind = self.kind.currentData()
        return activity.log_interaction(
            self.contact_id, kind,
            direction=("in" if self.incoming.isChecked() else "out") if kind == "call" else None,
            at=_utc(self.at),
            duration_seconds=self.duration.value() * 60 if self.duration.isEnabled() and self.duration.value() else None,
            outcome=self.outcome.text(), summary=self.summary.toPlainText(),
            follow_up_on=_date(self.follow_up_on) if self.follow_up.isChecked() else None,
        )


class PurchaseDialog(_ActivityDialog):
    """Line items (description, quantity, unit price) or just a total; payment status; the points it earns."""

    def __init__(self, parent, contact_id: int, contact_name: str):
        super().__init__(parent, self.tr("Record a purchase"), contact_name)
        self.contact_id = contact_id
        self.currency = QComboBox()
        self.currency.setEditable(True)
        shop = get_setting("currency")
        for code in dict.fromkeys([shop, "EUR", "GBP", "USD", "CHF", "SEK", "PLN", "JPY"]):
            self.currency.addItem(code)
        self.currency.setCurrentText(shop)
        self.at = _now_edit()
        self.items = QTableWidget(1, 3)
        self.items.setHorizontalHeaderLabels([self.tr("Description"), self.tr("Qty"), self.tr("Unit price")])
        self.items.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.items.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.items.horizontalHeader().resizeSection(2, 110)
        self.items.verticalHeader().hide()
        self.items.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items.setAccessibleName(self.tr("Line items"))
        self.items.setMinimumHeight(150)
        self.items.itemChanged.connect(self._items_changed)
        self.total = QLineEdit()
        self.total.setPlaceholderText(self.tr("the total, when there are no line items"))
        self.total.setAccessibleName(self.tr("Total"))
        self.total.textChanged.connect(self.check)
        self.currency.currentTextChanged.connect(self.check)
        self.payment = QComboBox()
        self.payment.setEditable(True)
        self.payment.addItems([self.tr("Card"), self.tr("Cash"), self.tr("Bank transfer"), self.tr("Other")])
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("receipt or invoice number"))
        status = QWidget()
        row = QHBoxLayout(status)
        row.setContentsMargins(0, 0, 0, 0)
        self.paid = QRadioButton(self.tr("Paid"))
        self.due = QRadioButton(self.tr("To be paid by"))
        self.paid.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.paid)
        group.addButton(self.due)
        self.due_on = _day_edit(QDate.currentDate().addDays(30))
        self.due_on.setEnabled(False)
        self.due.toggled.connect(self.due_on.setEnabled)
        row.addWidget(self.paid)
        row.addWidget(self.due)
        row.addWidget(self.due_on)
        row.addStretch(1)
        self.summary_line = QLabel()
        self.summary_line.setObjectName("purchaseSummary")
        self.form.addRow(self.tr("&When"), self.at)
        self.form.addRow(self.tr("&Items"), self.items)
        self.form.addRow(self.tr("&Total"), self.total)
        self.form.addRow(self.tr("C&urrency"), self.currency)
        self.form.addRow(self.tr("&Payment"), self.payment)
        self.form.addRow(self.tr("&Reference"), self.reference)
        self.form.addRow(self.tr("Status"), status)
        self.form.addRow("", self.summary_line)
        self.setMinimumWidth(580)
        self.check()

    def _items_changed(self) -> None:
        last = self.items.rowCount() - 1
        if any((self.items.item(last, c) and self.items.item(last, c).text().strip()) for c in range(3)):
            self.items.blockSignals(True)
            self.items.insertRow(self.items.rowCount())
            self.items.blockSignals(False)
        self.check()

    def line_items(self):
        """The filled item rows as purchases.Item; raises InvalidValue for a row that cannot be read."""
        from smallcrm.services.purchases import Item

        currency = self.currency.currentText().strip().upper()
        items = []
        for r in range(self.items.rowCount()):
            cells = [(self.items.item(r, c).text().strip() if self.items.item(r, c) else "") for c in range(3)]
            if not any(cells):
                continue
            description, quantity, price = cells
            if not quantity:
                quantity = "1"
            if not quantity.isdigit() or int(quantity) < 1:
                raise InvalidValue("quantity", quantity, "amount", self.tr("row {n}: the quantity is a whole number above 0").format(n=r + 1))
            items.append(Item(description, int(quantity), money.parse_amount(price, currency, "unit price")))
        return items

    def check(self) -> bool:
        from smallcrm.services import loyalty

        try:
            currency = money.check_currency(self.currency.currentText())
            items = self.line_items()
            if items:
                total = sum(i.quantity * i.unit_price_minor for i in items)
                self.total.setEnabled(False)
            else:
                self.total.setEnabled(True)
                total = money.parse_amount(self.total.text(), currency) if self.total.text().strip() else 0
            if total <= 0:
                self.summary_line.setText("")
                self.show_problem(self.tr("Give line items or a total above zero."), needed=True)
                return False
        except InvalidValue as error:
            self.summary_line.setText("")
            self.show_problem(_problem_text(error))
            return False
        shop = loyalty.shop_currency()
        if currency != shop:
            self.summary_line.setText(self.tr("Total {total} · earns no points: points are earned in {shop}").format(
                total=fmt.money(total, currency), shop=shop))
        else:
            points = loyalty.points_for(self.contact_id, total, currency, _utc(self.at))
            self.summary_line.setText(self.tr("Total {total} · earns {points} points").format(
                total=fmt.money(total, currency), points=fmt.number(points)))
        self.show_problem(None)
        return True

    def save(self):
        from smallcrm.services import purchases

        currency = money.check_currency(self.currency.currentText())
        items = self.line_items()
        total = None if items else money.parse_amount(self.total.text(), currency)
        return purchases.record_purchase(
            self.contact_id, total_minor=total, items=items, currency=currency, at=_utc(self.at),
            payment_method=self.payment.currentText().strip(), reference=self.reference.text(),
            status="due" if self.due.isChecked() else "paid",
            due_on=_date(self.due_on) if self.due.isChecked() else None,
        )


class RefundDialog(_ActivityDialog):
    def __init__(self, parent, purchase_id: int, contact_name: str):
        from smallcrm.services import purchases

        super().__init__(parent, self.tr("Refund a purchase"), contact_name)
        self.purchase_id = purchase_id
        p = purchases.purchase_json(purchase_id)
        self.currency = p["currency"]
        self.left = p["total_minor"] - p.get("refunded_minor", 0)
        self.amount = QLineEdit(fmt.amount(self.left, self.currency))
        self.amount.setAccessibleName(self.tr("Amount to refund"))
        self.amount.textChanged.connect(self.check)
        info = QLabel(self.tr("Purchase {ref} of {when}: {total}.\n{left} left to refund.").format(
            ref=p.get("reference") or f"#{purchase_id}",
            when=fmt.short_day(from_utc_text(p["occurred_at"]).astimezone().date()),
            total=fmt.money(p["total_minor"], self.currency), left=fmt.money(self.left, self.currency)))
        self.form.addRow("", info)
        self.form.addRow(self.tr("&Amount"), self.amount)
        self.resize(440, 0)
        self.check()

    def check(self) -> bool:
        return self.check_amount(self.amount, self.currency, self.left, self.tr("Refund between {low} and {high}."))

    def save(self):
        from smallcrm.services import purchases

        return purchases.refund_purchase(self.purchase_id, money.parse_amount(self.amount.text(), self.currency))


class PointsDialog(_ActivityDialog):
    """Redeem points (never more than the balance) or adjust them with a reason."""

    def __init__(self, parent, contact_id: int, contact_name: str, *, adjust: bool = False):
        from smallcrm.services import loyalty

        super().__init__(parent, self.tr("Adjust points") if adjust else self.tr("Redeem points"), contact_name)
        self.contact_id, self.adjust = contact_id, adjust
        self.balance = loyalty.points_balance(contact_id)
        balance = QLabel(fmt.counted(
            self.balance, self.tr("1 point available (worth {value})"), self.tr("{n} points available (worth {value})"),
            value=fmt.money(loyalty.redemption_value_minor(self.balance), get_setting("currency"))))
        self.points = QSpinBox()
        self.points.setAccessibleName(self.tr("Points"))
        if adjust:
            self.points.setRange(-self.balance, 1_000_000)
        else:
            self.points.setRange(0, self.balance)
        self.points.setSingleStep(10)
        self.points.valueChanged.connect(self.check)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("why (required)") if adjust else self.tr("e.g. Voucher at the till"))
        self.reason.textChanged.connect(self.check)
        self.value = QLabel()
        self.form.addRow("", balance)
        self.form.addRow(self.tr("&Points"), self.points)
        self.form.addRow("", self.value)
        self.form.addRow(self.tr("&Reason"), self.reason)
        self.resize(420, 0)
        self.check()

    def check(self) -> bool:
        from smallcrm.services.loyalty import redemption_value_minor

        n = self.points.value()
        if not self.adjust:
            self.value.setText(self.tr("Worth {value}").format(
                value=fmt.money(redemption_value_minor(n), get_setting("currency"))))
        if n == 0:
            self.show_problem(self.tr("Choose how many points."), needed=True)
            return False
        if self.adjust and not self.reason.text().strip():
            self.show_problem(self.tr("Say why the points change."), needed=True)
            return False
        self.show_problem(None)
        return True

    def save(self):
        from smallcrm.services import loyalty

        if self.adjust:
            return loyalty.adjust(self.contact_id, self.points.value(), reason=self.reason.text())
        return loyalty.redeem(self.contact_id, self.points.value(), reason=self.reason.text())


class FeedbackDialog(_ActivityDialog):
    """NPS (0–10) or CSAT (1–5) with one click on the score, a comment and the channel."""

    def __init__(self, parent, contact_id: int, contact_name: str):
        super().__init__(parent, self.tr("Record feedback"), contact_name)
        self.contact_id = contact_id
        self.kind = QComboBox()
        self.kind.addItem(self.tr("How likely to recommend us (NPS, 0–10)"), "nps")
        self.kind.addItem(self.tr("How satisfied (CSAT, 1–5)"), "csat")
        self.kind.currentIndexChanged.connect(self._make_scores)
        self.scores_box = QWidget()
        self.scores_row = QHBoxLayout(self.scores_box)
        self.scores_row.setContentsMargins(0, 0, 0, 0)
        self.scores_row.setSpacing(4)
        self.score_group = QButtonGroup(self)
        self.score_group.idClicked.connect(lambda _: self.check())
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(70)
        self.channel = QComboBox()
        self.channel.setEditable(True)
        self.channel.addItems([self.tr("At the counter"), self.tr("Phone"), self.tr("Email"), self.tr("Other")])
        self.at = _now_edit()
        self.purchase = QComboBox()
        self.purchase.setAccessibleName(self.tr("About"))
        self.purchase.addItem(self.tr("(nothing in particular)"), None)
        from smallcrm.services import purchases
        from smallcrm.services.timeline import timeline

        for purchase_id in purchases.contact_purchases(contact_id)[:12]:
            p = purchases.purchase_json(purchase_id)
            if p["total_minor"] > 0:
                self.purchase.addItem(self.tr("Purchase {when} · {ref} · {total}").format(
                    when=fmt.short_day(from_utc_text(p["occurred_at"]).astimezone().date()),
                    ref=p["reference"] or f"#{purchase_id}",
                    total=fmt.money(p["total_minor"], p["currency"])), ("purchase", purchase_id))
        for event in timeline(contact_id, ("interaction",), limit=8):
            if event.subkind in ("call", "visit"):
                label = self.tr("Call") if event.subkind == "call" else self.tr("Visit")
                self.purchase.addItem(f"{label} {fmt.when(event.at)} · {event.text[:40]}", ("call", event.id))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.form.addRow(self.tr("&Question"), self.kind)
        self.form.addRow(self.tr("Score"), self.scores_box)
        self.form.addRow("", self.hint)
        self.form.addRow(self.tr("&Comment"), self.comment)
        self.form.addRow(self.tr("C&hannel"), self.channel)
        self.form.addRow(self.tr("&About"), self.purchase)
        self.form.addRow(self.tr("&When"), self.at)
        self._make_scores()
        self.resize(560, 0)

    def _make_scores(self) -> None:
        for button in self.score_group.buttons():
            self.score_group.removeButton(button)
            button.deleteLater()
        low, high = (0, 10) if self.kind.currentData() == "nps" else (1, 5)
        for n in range(low, high + 1):
            button = QPushButton(str(n))
            button.setCheckable(True)
            button.setFixedWidth(36)
            button.setAccessibleName(self.tr("Score {n}").format(n=n))
            self.score_group.addButton(button, n)
            self.scores_row.addWidget(button)
        self.check()

    def score(self) -> int | None:
        n = self.score_group.checkedId()
        return None if n < 0 else n

    def check(self) -> bool:
        score, kind = self.score(), self.kind.currentData()
        low = score is not None and (score <= 6 if kind == "nps" else score <= 2)
        show_problem(self.hint, self.tr("A score this low opens a complaint and a follow-up task.")
                     if low and get_setting("auto_complaints") else None, hint=True)
        if score is None:
            self.show_problem(self.tr("Click the score the customer gave."), needed=True)
            return False
        self.show_problem(None)
        return True

    def save(self):
        from smallcrm.services import satisfaction

        return satisfaction.record_feedback(self.contact_id, self.kind.currentData(), self.score(),
                                            comment=self.comment.toPlainText(), channel=self.channel.currentText(),
                                            at=_utc(self.at), **self._about())

    def _about(self) -> dict:
        about = self.purchase.currentData()
        if not about:
            return {}
        return {"purchase_id": about[1]} if about[0] == "purchase" else {"interaction_id": about[1]}


class ComplaintDialog(_ActivityDialog):
    """Open a complaint, or move one along: status, and how it was resolved."""

    STATUSES = (("open", QT_TRANSLATE_NOOP("ComplaintDialog", "Open")),
                ("in_progress", QT_TRANSLATE_NOOP("ComplaintDialog", "In progress")),
                ("resolved", QT_TRANSLATE_NOOP("ComplaintDialog", "Resolved")))

    def __init__(self, parent, contact_id: int, contact_name: str, complaint_id: int | None = None):
        from smallcrm.services import satisfaction

        super().__init__(parent, self.tr("Complaint") if complaint_id else self.tr("Open a complaint"), contact_name)
        self.contact_id, self.complaint_id = contact_id, complaint_id
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.addItems([self.tr("Product"), self.tr("Service"), self.tr("Delivery"), self.tr("Price"),
                                self.tr("low score"), self.tr("Other")])
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(70)
        self.status = QComboBox()
        for key, label in self.STATUSES:
            self.status.addItem(self.tr(label), key)
        self.resolution = QPlainTextEdit()
        self.resolution.setTabChangesFocus(True)
        self.resolution.setFixedHeight(70)
        self.resolution.setPlaceholderText(self.tr("what was done about it (needed to resolve)"))
        self.form.addRow(self.tr("C&ategory"), self.category)
        self.form.addRow(self.tr("&What happened"), self.description)
        if complaint_id:
            c = satisfaction.complaint_json(complaint_id)
            self.category.setCurrentText(complaint_category(c["category"]))
            self.description.setPlainText(c["description"])
            self.description.setReadOnly(True)
            self.category.setEnabled(False)
            self.status.setCurrentIndex(max(0, self.status.findData(c["status"])))
            self.resolution.setPlainText(c.get("resolution") or "")
            self.form.addRow(self.tr("&Status"), self.status)
            self.form.addRow(self.tr("&Resolution"), self.resolution)
            self.status.currentIndexChanged.connect(self.check)
            self.resolution.textChanged.connect(self.check)
        else:
            self.description.textChanged.connect(self.check)
        self.resize(480, 0)
        self.check()

    def check(self) -> bool:
        if self.complaint_id is None and not self.description.toPlainText().strip():
            self.show_problem(self.tr("Say what the complaint is about."), needed=True)
            return False
        if self.complaint_id and self.status.currentData() == "resolved" and not self.resolution.toPlainText().strip():
            self.show_problem(self.tr("Say how it was resolved."), needed=True)
            return False
        self.show_problem(None)
        return True

    def save(self):
        from smallcrm.services import satisfaction

        if self.complaint_id is None:
            return satisfaction.open_complaint(self.contact_id, category=self.category.currentText(),
                                               description=self.description.toPlainText())
        satisfaction.update_complaint(self.complaint_id, status=self.status.currentData(),
                                      resolution=self.resolution.toPlainText())
        return self.complaint_id


class MoveTaskDialog(_ActivityDialog):
    def __init__(self, parent, task_id: int, contact_name: str, due):
        super().__init__(parent, self.tr("Move a follow-up"), contact_name)
        self.task_id = task_id
        self.day = _day_edit(QDate(due.year, due.month, due.day))
        self.form.addRow(self.tr("&Follow up on"), self.day)

    def save(self):
        from smallcrm.services import activity

        activity.reassign_task(self.task_id, _date(self.day))
        return self.task_id


class PaymentDialog(_ActivityDialog):
    """Record a payment (in full or in part) for a purchase that is owed."""

    def __init__(self, parent, purchase_id: int, contact_name: str):
        from smallcrm.services import purchases

        super().__init__(parent, self.tr("Record a payment"), contact_name)
        self.purchase_id = purchase_id
        p = purchases.purchase_json(purchase_id)
        self.currency, self.owed = p["currency"], p["owed_minor"]
        self.amount = QLineEdit(fmt.amount(self.owed, self.currency))
        self.amount.setAccessibleName(self.tr("Amount paid"))
        self.amount.textChanged.connect(self.check)
        info = QLabel(self.tr("{owed} owed on purchase {ref}.").format(
            owed=fmt.money(self.owed, self.currency), ref=p.get("reference") or f"#{purchase_id}"))
        self.form.addRow("", info)
        self.form.addRow(self.tr("&Amount paid"), self.amount)
        self.resize(420, 0)
        self.check()

    def check(self) -> bool:
        return self.check_amount(self.amount, self.currency, self.owed, self.tr("Pay between {low} and {high}."))

    def save(self):
        from smallcrm.services import purchases

        purchases.record_payment(self.purchase_id, money.parse_amount(self.amount.text(), self.currency))
        return self.purchase_id


class ReferrerDialog(_ActivityDialog):
    """Who brought this customer: search by name and pick one (or nobody)."""

    def __init__(self, parent, contact_id: int, contact_name: str):
        from smallcrm.services import referrals

        super().__init__(parent, self.tr("Referred by"), contact_name)
        self.contact_id = contact_id
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Type a name, email or phone"))
        self.choice = QComboBox()
        self.choice.setAccessibleName(self.tr("Referrer"))
        self.search.textChanged.connect(self._find)
        self.form.addRow(self.tr("&Find"), self.search)
        self.form.addRow(self.tr("&Referred by"), self.choice)
        current = referrals.referrer_of(contact_id)
        self._fill([current] if current else [])
        if current:
            self.choice.setCurrentIndex(1)
        self.resize(460, 0)

    def _fill(self, ids) -> None:
        from smallcrm.services.contacts import contact_rows

        rows = contact_rows([i for i in ids if i != self.contact_id][:50])
        self.choice.clear()
        self.choice.addItem(self.tr("(nobody)"), None)
        for contact_id, row in rows.items():
            self.choice.addItem(f"{row.name} — {row.email or row.phone or row.city}".rstrip(" —"), contact_id)

    def _find(self, text: str) -> None:
        from smallcrm.services.contacts import contact_ids

        self._fill(list(contact_ids(text))[:50] if text.strip() else [])
        if self.choice.count() > 1:
            self.choice.setCurrentIndex(1)

    def save(self):
        from smallcrm.services import referrals

        referrals.set_referrer(self.contact_id, self.choice.currentData())
        return self.choice.currentData()


class StatementDialog(QDialog):
    """A customer's points statement: opening balance, every movement, closing balance."""

    def __init__(self, parent, contact_id: int, contact_name: str):
        from smallcrm.services import loyalty

        super().__init__(parent)
        self.setWindowTitle(self.tr("Points statement — {name}").format(name=contact_name))
        s = loyalty.statement(contact_id)
        self.table = QTableWidget(len(s.entries) + 2, 4)
        self.table.setHorizontalHeaderLabels([self.tr("When"), self.tr("What"), self.tr("Points"), self.tr("Balance")])
        read_only_rows(self.table)
        space_columns(self.table)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        lines = [("", self.tr("Opening balance"), "", s.opening_balance)]
        lines += [(fmt.when(e.at), points_reason(e.kind, e.reason, of_purchase=e.purchase_id is not None),
                   f"{e.points:+d}", e.balance_after) for e in s.entries]
        lines.append(("", self.tr("Closing balance"), "", s.closing_balance))
        bold = self.table.font()
        bold.setBold(True)
        for r, cells in enumerate(lines):
            for c, value in enumerate(cells):
                item = QTableWidgetItem(fmt.number(value) if isinstance(value, int) else value)
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if r in (0, len(lines) - 1):  # the balances the movements go from and to
                    item.setFont(bold)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # (the keys start from the balance now, as the view does: see showEvent)
        self.table.setCurrentCell(len(lines) - 1, 1, QItemSelectionModel.SelectionFlag.NoUpdate)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        remembered_size(self, "points_statement", 560, 480)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.table.scrollToBottom()  # it opens at the newest movements and the balance now, not the oldest
