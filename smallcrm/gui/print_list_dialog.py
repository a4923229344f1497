"""File ▸ Print List: a call list, a birthday list, mailing labels or loyalty cards, for the selected
customers, the current search, a segment or everyone, to preview and print or to save as a PDF."""

from __future__ import annotations

import calendar
import io
from dataclasses import dataclass
from datetime import date
from typing import Callable

import shiboken6
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QGroupBox, QLabel, QPushButton,
    QRadioButton, QVBoxLayout, QWidget,
)

from smallcrm.errors import InvalidValue, SmallCrmError
from smallcrm.gui import formatting as fmt
from smallcrm.gui.contact_form import show_problem
from smallcrm.gui.exporting import count_consents
from smallcrm.gui.forms import grow_to_fit
from smallcrm.gui.messages import segment_words
from smallcrm.gui.printing import export_pdf, print_with_preview
from smallcrm.gui.workers import run_in_background
from smallcrm.services import contacts, export, metrics, today, when
from smallcrm.services.settings import paper_size

WHOM = ("selected", "search", "segment", "everyone")
# Whose marketing consent a list asks for at first: a call list is mostly for marketing, and SMS consent is
# the one that goes with the customer's phone; labels go by post, which has no consent of its own here.
FIRST_CONSENT = {"calls": "sms", "labels": None}


@dataclass(frozen=True)
class BookCounts:
    everyone: int  # contacts out of the Trash
    found: int  # contacts matching the search ("" matches nobody here)


def count_book(search_text: str) -> BookCounts:
    found = contacts.search_contacts(search_text, limit=1).total if search_text.strip() else 0  # the count only
    return BookCounts(contacts.count_contacts(), found)


def birthday_count(month: int, on: date | None = None) -> int:
    """Customers whose birthday falls in `month` the next time that month comes round."""
    on = on or when.today()
    year = on.year if month >= on.month else on.year + 1
    return len(today.birthdays(date(year, month, 1), calendar.monthrange(year, month)[1]))


def next_month(on: date | None = None) -> int:
    return (on or when.today()).month % 12 + 1


class PrintListDialog(QDialog):
    def __init__(self, parent, search_text: str, selected_ids: list[int]):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print list"))
        self.search_text = search_text.strip()
        self.selected_ids = list(selected_ids)
        self.book: BookCounts | None = None
        self.segment_counts: dict[str, int] | None = None
        self.birthdays: dict[int, int] = {}  # month -> customers, as counted
        self.consents: dict[tuple, export.ConsentCounts | None] = {}  # (whom, segment) -> counted, None: counting
        self._counting: set[int] = set()  # months whose birthdays are being counted

        what_box = QGroupBox(self.tr("What to print"))
        what_layout = QVBoxLayout(what_box)
        self.kinds = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        for key, text in (("calls", self.tr("&Call list: names, phone numbers and room for notes")),
                          ("birthdays", self.tr("&Birthday list: everyone with a birthday in one month")),
                          ("labels", self.tr("Mailing &labels: postal addresses on label sheets")),
                          ("cards", self.tr("Loyalty car&ds: one card per customer, with their points"))):
            button = QRadioButton(text)
            self.kinds.addButton(button)
            self.kind_buttons[key] = button
            what_layout.addWidget(button)
        self.kind_buttons["calls"].setChecked(True)

        self.whom_box = QGroupBox(self.tr("For whom"))
        whom_layout = QGridLayout(self.whom_box)
        whom_layout.setColumnStretch(1, 1)
        self.whom = QButtonGroup(self)
        self.whom_buttons: dict[str, QRadioButton] = {}
        for row, key in enumerate(WHOM):
            button = QRadioButton()
            self.whom.addButton(button)
            self.whom_buttons[key] = button
            whom_layout.addWidget(button, row, 0, 1, 1 if key == "segment" else 2)
        self.segment = QComboBox()
        self.segment.setAccessibleName(self.tr("Segment"))
        self.segment.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.segment.addItem(self.tr("Reading the segments…"))
        self.segment.setEnabled(False)
        whom_layout.addWidget(self.segment, WHOM.index("segment"), 1, Qt.AlignmentFlag.AlignLeft)
        self.whom_buttons["selected"].setEnabled(bool(self.selected_ids))
        self.whom_buttons["search"].setEnabled(bool(self.search_text))
        if self.selected_ids:
            self.whom_buttons["selected"].setChecked(True)
        elif self.search_text:
            self.whom_buttons["search"].setChecked(True)
        else:
            self.whom_buttons["everyone"].setChecked(True)

        options = QWidget()
        form = QFormLayout(options)
        form.setContentsMargins(0, 0, 0, 0)
        self.month = QComboBox()
        for number in range(1, 13):
            self.month.addItem(QLocale().standaloneMonthName(number, QLocale.FormatType.LongFormat), number)
        self.month.setCurrentIndex(next_month() - 1)
        self.layout_choice = QComboBox()
        self.layout_choice.addItem(self.tr("L7160: A4 sheets of 21 labels (63.5 × 38.1 mm)"), "L7160")
        self.layout_choice.addItem(self.tr("5160: Letter sheets of 30 labels (2⅝ × 1 in)"), "5160")
        self.layout_choice.setCurrentIndex(0 if paper_size() == "A4" else 1)
        self.consent = QComboBox()
        self.consent.setObjectName("consent")
        self.consent.addItem(self.tr("Only those who agreed to marketing by SMS"), "sms")
        self.consent.addItem(self.tr("Only those who agreed to marketing by email"), "email")
        self.consent.addItem(self.tr("Everyone, whether or not they agreed to marketing"), None)
        self.consent.setCurrentIndex(self.consent.findData(FIRST_CONSENT["calls"]))
        form.addRow(self.tr("&Include"), self.consent)
        form.addRow(self.tr("&Month"), self.month)
        form.addRow(self.tr("Label s&heets"), self.layout_choice)

        self.count = QLabel()
        self.count.setObjectName("printListCount")
        self.count.setWordWrap(True)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_button = QPushButton(self.tr("&Preview / Print…"))
        self.export_button = QPushButton(self.tr("&Export PDF…"))
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.preview)
        self.export_button.clicked.connect(self.export)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(what_box)
        layout.addWidget(self.whom_box)
        layout.addWidget(options)
        layout.addWidget(self.count)
        layout.addStretch(1)
        layout.addWidget(buttons)

        self.kinds.buttonToggled.connect(self._kind_toggled)
        self.consent.currentIndexChanged.connect(lambda _: self.update_choice())
        self.whom.buttonToggled.connect(lambda *_: self.update_choice())
        self.segment.currentIndexChanged.connect(lambda _: self.update_choice())
        self.segment.activated.connect(lambda _: self.whom_buttons["segment"].setChecked(True))
        self.month.currentIndexChanged.connect(lambda _: self.update_choice())
        self._label_whom()
        self.update_choice()
        self.setMinimumWidth(max(560, self.layout().minimumSize().width()))  # (a longer language needs more)
        run_in_background(count_book, self.search_text, on_done=self._book_counted)
        run_in_background(metrics.segments, on_done=self._segments_read, on_error=self._segments_failed)

    # --- what is chosen -------------------------------------------------------------------------
    def kind(self) -> str:
        return next(key for key, button in self.kind_buttons.items() if button.isChecked())

    def whom_choice(self) -> str:
        return next((key for key, button in self.whom_buttons.items() if button.isChecked()), "everyone")

    def chosen_month(self) -> int:
        return self.month.currentData()

    def chosen_segment(self) -> str | None:
        return self.segment.currentData()

    def chosen_layout(self) -> str:
        return self.layout_choice.currentData()

    def consenting(self) -> str | None:
        """Whose marketing consent the list asks for (None: everyone's); only calls and labels ask."""
        return self.consent.currentData() if self.kind() in FIRST_CONSENT else None

    def _kind_toggled(self, button: QRadioButton, checked: bool) -> None:
        if checked and self.kind() in FIRST_CONSENT:
            self.consent.setCurrentIndex(self.consent.findData(FIRST_CONSENT[self.kind()]))
        self.update_choice()

    def how_many(self) -> int | None:
        """Customers the list will hold, as far as counted; None while still counting."""
        if self.kind() == "birthdays":
            return self.birthdays.get(self.chosen_month())
        consenting = self.consenting()
        if consenting is not None:
            counted = self.consents.get(self._whom_key())
            return None if counted is None else counted.get(consenting)
        whom = self.whom_choice()
        if whom == "selected":
            return len(self.selected_ids)
        if whom == "segment":
            key = self.chosen_segment()
            return None if self.segment_counts is None or key is None else self.segment_counts.get(key, 0)
        if self.book is None:
            return None
        return self.book.found if whom == "search" else self.book.everyone

    # --- counting -------------------------------------------------------------------------------
    def _whom_key(self) -> tuple:
        whom = self.whom_choice()
        return (whom, self.chosen_segment() if whom == "segment" else None)

    def _count_consents(self) -> None:
        key = self._whom_key()
        if key in self.consents or (key[0] == "segment" and key[1] is None):
            return
        self.consents[key] = None

        def counted(counts: export.ConsentCounts) -> None:
            if shiboken6.isValid(self):
                self.consents[key] = counts
                self.update_choice()

        run_in_background(count_consents, self.members(), on_done=counted)
    def _customers(self, n: int) -> str:
        return fmt.counted(n, self.tr("1 customer"), self.tr("{n} customers"))

    def _label_whom(self) -> None:
        selected = len(self.selected_ids)
        self.whom_buttons["selected"].setText(
            self.tr("The &selected customers ({n})").format(n=fmt.number(selected)) if selected
            else self.tr("The &selected customers (none are selected)"))
        if not self.search_text:
            found = self.tr("The customers &found by the search (there is no search)")
        elif self.book is None:
            found = self.tr("The customers &found by “{search}”").format(search=self.search_text)
        else:
            found = self.tr("The customers &found by “{search}” ({n})").format(
                search=self.search_text, n=fmt.number(self.book.found))
        self.whom_buttons["search"].setText(found)
        self.whom_buttons["segment"].setText(self.tr("A se&gment"))
        self.whom_buttons["everyone"].setText(
            self.tr("Every&one") if self.book is None
            else self.tr("Every&one ({n})").format(n=fmt.number(self.book.everyone)))

    def _book_counted(self, counts: BookCounts) -> None:
        if not shiboken6.isValid(self):
            return
        self.book = counts
        self._label_whom()
        self.update_choice()

    def _segments_read(self, segments: list[metrics.Segment]) -> None:
        if not shiboken6.isValid(self):
            return
        self.segment_counts = {s.key: s.customers for s in segments}
        self.segment.blockSignals(True)
        self.segment.clear()
        for s in segments:
            title, explanation = segment_words(s.key)
            self.segment.addItem(self.tr("{segment} ({n})").format(segment=title, n=fmt.number(s.customers)), s.key)
            self.segment.setItemData(self.segment.count() - 1, explanation, Qt.ItemDataRole.ToolTipRole)
        self.segment.blockSignals(False)
        self.update_choice()

    def _segments_failed(self, error: BaseException) -> None:
        if not isinstance(error, SmallCrmError):
            raise error
        if not shiboken6.isValid(self):
            return
        self.segment_counts = {}
        self.segment.clear()
        self.segment.addItem(self.tr("The segments could not be read"))
        self.whom_buttons["segment"].setEnabled(False)
        self.update_choice()

    def _count_birthdays(self, month: int) -> None:
        self._counting.add(month)

        def counted(n: int) -> None:
            if shiboken6.isValid(self):
                self._counting.discard(month)
                self.birthdays[month] = n
                self.update_choice()

        run_in_background(birthday_count, month, on_done=counted)

    def update_choice(self) -> None:
        kind = self.kind()
        self.whom_box.setEnabled(kind != "birthdays")
        self.segment.setEnabled(bool(self.segment_counts))
        self.month.setEnabled(kind == "birthdays")
        self.layout_choice.setEnabled(kind == "labels")
        self.consent.setEnabled(kind in FIRST_CONSENT)
        if self.consenting() is not None:
            self._count_consents()
        chosen = self.chosen_month()
        if kind == "birthdays" and chosen not in self.birthdays and chosen not in self._counting:
            self._count_birthdays(chosen)
        n = self.how_many()
        ready = bool(n)
        self.preview_button.setEnabled(ready)
        self.export_button.setEnabled(ready)
        month = self.month.currentText()
        if n is None:
            show_problem(self.count, self.tr("Counting the customers…"), hint=True)
        elif n and kind == "birthdays":
            self._say(self.tr("{customers} with a birthday in {month}.").format(
                customers=self._customers(n), month=month))
        elif n:
            said = {
                "calls": self.tr("{customers} on the call list."),
                "labels": self.tr("Labels for {customers}."),
                "cards": self.tr("Loyalty cards for {customers}."),
            }[kind].format(customers=self._customers(n))
            left_out = self.consents[self._whom_key()].everyone - n if self.consenting() is not None else 0
            if left_out:
                said += " " + fmt.counted(left_out, self.tr("1 other has not agreed to this."),
                                          self.tr("{n} others have not agreed to this."))
            self._say(said)
        elif self.consenting() is not None and self.consents[self._whom_key()].everyone:
            show_problem(self.count, self.tr("Nothing to print: none of these customers has agreed to this. "
                                             "Choose another option under Include."))
        elif kind == "birthdays":
            show_problem(self.count, self.tr("Nothing to print: no customer has a birthday in {month}.").format(
                month=month))
        else:
            show_problem(self.count, {
                "selected": self.tr("Nothing to print: select customers in the list first, or choose others."),
                "search": self.tr("Nothing to print: the search finds no customer."),
                "segment": self.tr("Nothing to print: no customer is in this segment."),
                "everyone": self.tr("Nothing to print: there are no customers yet."),
            }[self.whom_choice()])
        grow_to_fit(self)

    def _say(self, text: str) -> None:
        self.count.setStyleSheet("")
        self.count.setText(text)
        self.count.show()

    # --- making the PDF -------------------------------------------------------------------------
    def members(self) -> Callable[[], list[int]]:
        """What reads the ids of the customers chosen (in the list's order), to call on any thread."""
        whom = self.whom_choice()
        if whom == "selected":
            ids = list(self.selected_ids)
            return lambda: ids
        if whom == "search":
            search_text = self.search_text
            return lambda: list(contacts.contact_ids(search_text))
        if whom == "segment":
            key = self.chosen_segment()
            return lambda: metrics.segment_members(key)
        return lambda: list(contacts.contact_ids(""))

    def _whom_title(self) -> str:
        whom = self.whom_choice()
        if whom == "selected":
            title = self.tr("Selected customers")
        elif whom == "search":
            title = self.tr("Customers found by “{search}”").format(search=self.search_text)
        elif whom == "segment":
            key = self.chosen_segment()
            title = segment_words(key)[0] if key else ""
        else:
            title = self.tr("Everyone")
        return self._with_consent(title)

    def _with_consent(self, title: str) -> str:
        consenting = self.consenting()
        if consenting == "sms":
            return self.tr("{whom}, who agreed to marketing by SMS").format(whom=title)
        if consenting == "email":
            return self.tr("{whom}, who agreed to marketing by email").format(whom=title)
        return title

    def pdf_maker(self) -> tuple[Callable[[], bytes], str, str]:
        """(what makes the PDF, its title, a file name for it) for the choice in the dialog."""
        kind = self.kind()
        if kind == "birthdays":
            month = self.chosen_month()
            title = self.tr("Birthdays in {month}").format(month=self.month.currentText())

            def make_birthdays() -> bytes:
                from smallcrm import reports

                out = io.BytesIO()
                reports.birthday_list_pdf(month, out)
                return out.getvalue()

            return make_birthdays, title, title
        title = {
            "calls": self.tr("Call list: {whom}"),
            "labels": self.tr("Mailing labels: {whom}"),
            "cards": self.tr("Loyalty cards: {whom}"),
        }[kind].format(whom=self._whom_title())
        members, layout, heading = self.members(), self.chosen_layout(), self._whom_title()
        consenting = self.consenting()

        def make() -> bytes:
            from smallcrm import reports

            ids = members() if consenting is None else export.consenting_ids(members(), consenting)
            if not ids:
                raise InvalidValue("contacts", "", "empty", "no customer is in the list any more")
            out = io.BytesIO()
            if kind == "calls":
                reports.call_list_pdf(ids, out, title=heading)
            elif kind == "labels":
                reports.labels_pdf(ids, out, layout=layout)
            else:
                reports.cards_pdf(ids, out)
            return out.getvalue()

        return make, title, title

    def preview(self) -> None:
        make, title, _ = self.pdf_maker()
        print_with_preview(self, make, title)

    def export(self) -> None:
        make, _, name = self.pdf_maker()
        export_pdf(self, make, name)
