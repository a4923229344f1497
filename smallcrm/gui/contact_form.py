"""The form to add or change a contact. It checks each field as it is typed and shows the problem
beside the field; Save stays disabled while anything is wrong, so nothing invalid is saved."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QCompleter, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QScrollArea, QStyle, QToolButton, QVBoxLayout, QWidget,
)

from smallcrm.errors import InvalidValue, ValidationFailed
from smallcrm.gui import formatting as fmt
from smallcrm.gui.forms import AsksBeforeClosing, load_form, resize_within_screen
from smallcrm.gui.messages import field_problem
from smallcrm.services import validation
from smallcrm.services.contacts import ContactInput, all_tags, clean_contact
from smallcrm.services.settings import default_region


def _problem_colour(widget: QWidget, hint: bool = False) -> str:
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    if hint:
        return "#e0b84d" if dark else "#8a6100"
    return "#ff8a80" if dark else "#b3261e"


def show_problem(label: QLabel, text: str | None, *, hint: bool = False, needed: bool = False) -> None:
    """`text` under a field: a problem in red, a `hint` in amber; what is `needed` before saving (nothing is wrong:
    a new form says what to fill in) in the text's own colour."""
    label.setText(text or "")
    label.setStyleSheet("" if needed else f"color: {_problem_colour(label, hint)};")
    label.setVisible(bool(text))


_LABEL_LETTERS = 9  # a label box's width: "Mobile", "Domicile"


class _Row(NamedTuple):
    edit: QLineEdit
    error: QLabel  # the problem under it
    box: QComboBox | None  # its label
    up: QToolButton  # moves it above the one before


class ValueList(QWidget):
    """Several values of one kind (emails, phones): one line each, with a fresh empty line at the end. With `kinds`
    (label -> name, as validation.PHONE_LABELS), each line has a label beside it: one of those, or the owner's own
    words; `tip` says what it is. The label boxes of the lists in one `group` are of one width. A value after the
    first can be moved up: the first is the one the customer list shows and lists print."""

    changed = Signal()

    def __init__(self, check, placeholder: str, accessible: str, parent=None, kinds: dict[str, str] | None = None,
                 tip: str = "", group: list[ValueList] | None = None):
        super().__init__(parent)
        self._check = check  # text -> (problem or None, is_hint)
        self._placeholder = placeholder
        self._accessible = accessible
        self._kinds = kinds
        self._tip = tip
        self._group = group if group is not None else []
        self._group.append(self)
        self._rows: list[_Row] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._add_row()

    @property
    def edits(self) -> list[QLineEdit]:
        return [row.edit for row in self._rows]

    @property
    def label_boxes(self) -> list[QComboBox]:
        return [row.box for row in self._rows if row.box is not None]

    @property
    def up_buttons(self) -> list[QToolButton]:
        return [row.up for row in self._rows]

    def _add_row(self) -> None:
        n = len(self._rows) + 1
        edit = QLineEdit(self)
        edit.setPlaceholderText(self._placeholder)
        edit.setAccessibleName(f"{self._accessible} {n}")
        error = QLabel(self)
        error.setWordWrap(True)
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.hide()
        up = QToolButton(self)
        up.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowUp))
        up.setAutoRaise(True)
        up.setToolTip(self.tr("Move up: the first is the one the customer list shows and lists print"))
        up.setAccessibleName(self.tr("Move {field} {n} up").format(field=self._accessible, n=n))
        policy = up.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # (the values stay in line, whether or not each can move)
        up.setSizePolicy(policy)
        up.hide()
        up.clicked.connect(lambda: self._move_up(n - 1))
        line = QHBoxLayout()
        line.setSpacing(6)
        line.addWidget(edit, 1)
        box = None
        if self._kinds is not None:
            box = QComboBox(self)
            box.setEditable(True)
            box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            box.addItem("", "")
            for key, name in self._kinds.items():
                box.addItem(name, key)
            box.lineEdit().setPlaceholderText(self.tr("Label"))
            box.lineEdit().setMaxLength(validation.MAX_LABEL)
            box.setAccessibleName(self.tr("{field} {n} label").format(field=self._accessible, n=n))
            box.setToolTip(self._tip)
            box.setMinimumContentsLength(_LABEL_LETTERS)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            line.addWidget(box)
            box.currentTextChanged.connect(self.changed)
            box.currentTextChanged.connect(self._fit)
        line.addWidget(up)
        self.layout().addLayout(line)
        self.layout().addWidget(error)
        self._rows.append(_Row(edit, error, box, up))
        edit.textChanged.connect(self._on_text)

    def _fit(self) -> None:
        """The label boxes of the group, one width, widened for a label longer than nine letters up to twice that:
        "Atelier Oberkampf" is read whole, a longer one scrolls in its box."""
        boxes = [box for values in self._group for box in values.label_boxes]
        metrics = boxes[0].fontMetrics()
        x = metrics.horizontalAdvance("x")
        wider = min(max(metrics.horizontalAdvance(box.currentText()) for box in boxes), 2 * _LABEL_LETTERS * x)
        for box in boxes:
            box.setMinimumWidth(box.minimumSizeHint().width() + max(0, wider - _LABEL_LETTERS * x))

    def _on_text(self) -> None:
        if self._rows[-1].edit.text().strip():
            self._add_row()
        for i, row in enumerate(self._rows):
            row.up.setVisible(i > 0 and bool(row.edit.text().strip()))
        self.changed.emit()

    def _move_up(self, i: int) -> None:
        """The i-th value and its label change places with the one above; the focus stays with it."""
        above, below = self._rows[i - 1], self._rows[i]
        text = above.edit.text()
        above.edit.setText(below.edit.text())
        below.edit.setText(text)
        if above.box is not None:
            label = above.box.currentText()
            above.box.setCurrentText(below.box.currentText())
            below.box.setCurrentText(label)
            for box in (above.box, below.box):
                box.lineEdit().setCursorPosition(0)
        (above.up if i > 1 else above.edit).setFocus()

    def values(self) -> list[str]:
        return [row.edit.text() for row in self._rows if row.edit.text().strip()]

    def labels(self) -> list[str]:
        """The label of each of `values`: a `kinds` key when one is chosen (or its name typed), else the words
        typed ("" for none)."""
        names = {name.casefold(): key for key, name in (self._kinds or {}).items()}
        return [names.get(row.box.currentText().strip().casefold(), row.box.currentText().strip()) if row.box else ""
                for row in self._rows if row.edit.text().strip()]

    def set_values(self, values: list[str], labels: list[str] = ()) -> None:
        for i, text in enumerate(values):
            edit, _, box, _ = self._rows[-1]
            edit.setText(text)  # typing into the last row adds a fresh one
            label = labels[i] if i < len(labels) else ""
            if box is not None and label:
                box.setCurrentText(self._kinds.get(label, label))
                box.lineEdit().setCursorPosition(0)  # (a long one read from its start)

    def validate(self) -> bool:
        ok = True
        for edit, error, *_ in self._rows:
            problem, hint = self._check(edit.text()) if edit.text().strip() else (None, False)
            show_problem(error, problem, hint=hint)
            ok = ok and (problem is None or hint)
        return ok


class ContactDialog(AsksBeforeClosing, QDialog):
    def __init__(self, parent=None, contact: ContactInput | None = None, title: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("New customer"))
        self.region = default_region()
        self._original = contact or ContactInput()
        self.form = load_form("contact_form.ui", self)
        grid = self.form.layout()
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(grid.rowCount(), 1)  # spare height goes below the fields, not between them
        line_height = QLineEdit().sizeHint().height()
        for row in range(grid.rowCount()):  # labels sit level with the first line of their field
            item = grid.itemAtPosition(row, 0)
            if item and item.widget():
                item.widget().setMinimumHeight(line_height)
                grid.setAlignment(item.widget(), Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        find = self.form.findChild
        self.first_name: QLineEdit = find(QLineEdit, "firstNameEdit")
        self.last_name: QLineEdit = find(QLineEdit, "lastNameEdit")
        self.company: QLineEdit = find(QLineEdit, "companyEdit")
        self.street: QLineEdit = find(QLineEdit, "streetEdit")
        self.postal_code: QLineEdit = find(QLineEdit, "postalCodeEdit")
        self.city: QLineEdit = find(QLineEdit, "cityEdit")
        self.country: QLineEdit = find(QLineEdit, "countryEdit")
        self.day: QComboBox = find(QComboBox, "dayCombo")
        self.month: QComboBox = find(QComboBox, "monthCombo")
        self.year: QLineEdit = find(QLineEdit, "yearEdit")
        self.tags: QLineEdit = find(QLineEdit, "tagsEdit")
        self.notes: QPlainTextEdit = find(QPlainTextEdit, "notesEdit")
        self.email_consent: QCheckBox = find(QCheckBox, "emailConsentCheck")
        self.sms_consent: QCheckBox = find(QCheckBox, "smsConsentCheck")
        self.email_consent_source: QLineEdit = find(QLineEdit, "emailConsentSourceEdit")
        self.sms_consent_source: QLineEdit = find(QLineEdit, "smsConsentSourceEdit")
        for box, edit, name in ((self.email_consent, self.email_consent_source,
                                 self.tr("How they agreed to marketing by email")),
                                (self.sms_consent, self.sms_consent_source,
                                 self.tr("How they agreed to marketing by SMS"))):
            edit.setAccessibleName(name)
            edit.setToolTip(self.tr("How they agreed"))
            edit.setMaxLength(validation.MAX_CONSENT_SOURCE)
            box.toggled.connect(edit.setEnabled)
        self.name_error: QLabel = find(QLabel, "nameError")
        self.birthday_error: QLabel = find(QLabel, "birthdayError")
        self.tags_error: QLabel = find(QLabel, "tagsError")
        for edit, name in (
            (self.first_name, self.tr("First name")), (self.last_name, self.tr("Last name")),
            (self.company, self.tr("Company")), (self.street, self.tr("Street")),
            (self.postal_code, self.tr("Postal code")), (self.city, self.tr("City")),
            (self.country, self.tr("Country")), (self.tags, self.tr("Tags")), (self.notes, self.tr("Notes")),
        ):
            edit.setAccessibleName(name)

        labelled: list[ValueList] = []
        self.emails = ValueList(self._check_email, self.tr("name@example.com"), self.tr("Email"), self.form,
                                kinds={key: fmt.label_name(key) for key in validation.EMAIL_LABELS},
                                tip=self.tr("What kind of address it is: choose one, or type your own"),
                                group=labelled)
        self.phones = ValueList(self._check_phone, self.tr("Phone number"), self.tr("Phone"), self.form,
                                kinds={key: fmt.label_name(key) for key in validation.PHONE_LABELS},
                                tip=self.tr("What kind of number it is: choose one, or type your own"), group=labelled)
        for box, values in (("emailsBox", self.emails), ("phonesBox", self.phones)):
            holder = find(QWidget, box)
            layout = QVBoxLayout(holder)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(values)

        self.day.addItem(self.tr("Day"), 0)
        for d in range(1, 32):
            self.day.addItem(str(d), d)
        self.month.addItem(self.tr("Month"), 0)
        for m in range(1, 13):
            self.month.addItem(QLocale().standaloneMonthName(m), m)
        completer = QCompleter(all_tags(), self.tags)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags.setCompleter(completer)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.buttons)

        self._fill(self._original)
        for widget in (self.first_name, self.last_name, self.company, self.year, self.tags,
                       self.street, self.postal_code, self.city, self.country):
            widget.textChanged.connect(self.validate)
        self.notes.textChanged.connect(self.validate)
        self.day.currentIndexChanged.connect(self.validate)
        self.month.currentIndexChanged.connect(self.validate)
        self.emails.changed.connect(self.validate)
        self.phones.changed.connect(self.validate)
        self.notes.setFixedHeight(line_height * 3)
        self.validate()
        resize_within_screen(self, 620, 560)
        self.first_name.setFocus()

    # --- filling and reading ------------------------------------------------------------------
    def _fill(self, data: ContactInput) -> None:
        self.first_name.setText(data.first_name)
        self.last_name.setText(data.last_name)
        self.company.setText(data.company)
        self.emails.set_values(data.emails, data.email_labels)
        # Phones as the list shows them ("030 1234567", "+48 601 234 567"); each one left as shown is saved as it was.
        self._phones_as_stored = {self._shown_phone(text): text for text in data.phones}
        self.phones.set_values([self._shown_phone(text) for text in data.phones], data.phone_labels)
        self.street.setText(data.street)
        self.postal_code.setText(data.postal_code)
        self.city.setText(data.city)
        self.country.setText(data.country)
        if data.birthday:
            self.day.setCurrentIndex(int(data.birthday[-2:]))
            self.month.setCurrentIndex(int(data.birthday[-5:-3]))
            self.year.setText("" if data.birthday.startswith("--") else data.birthday[:4])
        self.tags.setText(", ".join(data.tags))
        self.notes.setPlainText(data.notes)
        self.email_consent.setChecked(data.email_consent)
        self.sms_consent.setChecked(data.sms_consent)
        self.email_consent_source.setText(data.email_consent_source)
        self.sms_consent_source.setText(data.sms_consent_source)
        self.email_consent_source.setEnabled(data.email_consent)
        self.sms_consent_source.setEnabled(data.sms_consent)

    def _shown_phone(self, text: str) -> str:
        try:
            phone = validation.clean_phone(text, self.region)
        except InvalidValue:
            return text
        return validation.display_phone(phone.e164, phone.raw, self.region)

    def _birthday_text(self) -> str | None:
        d, m, y = self.day.currentData(), self.month.currentData(), self.year.text().strip()
        if not d and not m and not y:
            return None
        if not (d and m):
            raise InvalidValue("birthday", y, "date", self.tr("choose both the day and the month"))
        if y and not (y.isdigit() and len(y) == 4):
            raise InvalidValue("birthday", y, "date", self.tr("the year has four digits, or leave it empty"))
        return f"{y or '-'}-{m:02d}-{d:02d}"

    def contact_input(self) -> ContactInput:
        """What the form holds now (not yet checked)."""
        original = self._original
        email_consent, sms_consent = self.email_consent.isChecked(), self.sms_consent.isChecked()
        try:
            birthday = self._birthday_text()
        except InvalidValue:
            birthday = "invalid"
        return ContactInput(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            company=self.company.text(),
            emails=self.emails.values(),
            email_labels=self.emails.labels(),
            phones=[self._phones_as_stored.get(text.strip(), text) for text in self.phones.values()],
            phone_labels=self.phones.labels(),
            street=self.street.text(),
            postal_code=self.postal_code.text(),
            city=self.city.text(),
            country=self.country.text(),
            birthday=birthday,
            tags=[t for t in self.tags.text().split(",") if t.strip()],
            notes=self.notes.toPlainText(),
            email_consent=email_consent,
            # keep the date consent was first given, unless it was withdrawn in this form
            email_consent_at=original.email_consent_at if email_consent and original.email_consent else None,
            sms_consent=sms_consent,
            sms_consent_at=original.sms_consent_at if sms_consent and original.sms_consent else None,
            email_consent_source=self._consent_source(email_consent, self.email_consent_source,
                                                      original.email_consent and not original.email_consent_source),
            sms_consent_source=self._consent_source(sms_consent, self.sms_consent_source,
                                                    original.sms_consent and not original.sms_consent_source),
        )

    def part_names(self, parts: list[str]) -> str:
        """The parts of a customer (contacts.PARTS) as the form names them: "Phones, Notes"."""
        names = {
            "name": self.tr("Name and company"), "emails": self.tr("Emails"), "phones": self.tr("Phones"),
            "address": self.tr("Address"), "birthday": self.tr("Birthday"), "tags": self.tr("Tags"),
            "notes": self.tr("Notes"),
            "email_consent": self.tr("Marketing by email"), "sms_consent": self.tr("Marketing by SMS"),
        }
        return ", ".join(names[part] for part in parts)

    def _consent_source(self, granted: bool, edit: QLineEdit, unsaid: bool) -> str:
        """How they agreed, as typed; else given in the shop, unless `unsaid`: consent given before the book kept
        how stays without a word of it."""
        if not granted:
            return ""
        return edit.text().strip() or ("" if unsaid else self.tr("In the shop"))

    # --- checking -----------------------------------------------------------------------------
    def _check_email(self, text: str):
        try:
            validation.clean_email(text)
        except InvalidValue as e:
            return field_problem(e), False
        return None, False

    def _check_phone(self, text: str):
        try:
            hint = validation.phone_problem(text, self.region)
        except InvalidValue as e:
            return field_problem(e), False
        if hint:
            return self.tr("Not recognised as a phone number for {region}; it will be kept exactly as typed.").format(
                region=self.region
            ) if self.region else self.tr(
                "Start with + and the country code so the number can be recognised; it will be kept as typed."
            ), True
        return None, False

    def validate(self) -> bool:
        ok = self.emails.validate() & self.phones.validate()
        named = any(e.text().strip() for e in (self.first_name, self.last_name, self.company))
        show_problem(self.name_error, None if named else self.tr("Give a first name, a last name or a company."),
                     needed=True)
        ok &= named
        try:
            validation.clean_birthday(self._birthday_text())
            show_problem(self.birthday_error, None)
        except InvalidValue as e:
            show_problem(self.birthday_error, field_problem(e))
            ok = False
        try:
            for tag in self.tags.text().split(","):
                if tag.strip():
                    validation.clean_tag(tag)
            show_problem(self.tags_error, None)
        except InvalidValue as e:
            show_problem(self.tags_error, field_problem(e))
            ok = False
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ok)
        return ok

    def accept(self) -> None:
        if not self.validate():
            return
        try:
            clean_contact(self.contact_input(), self.region)
        except ValidationFailed as failed:  # a rule the live checks did not cover: show it, keep the form open
            show_problem(self.name_error, " ".join(field_problem(e) for e in failed.errors))
            return
        super().accept()
