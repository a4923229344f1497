"""The selected customer: every field, then a timeline of calls, purchases, points and feedback."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QFrame, QHBoxLayout, QLabel, QScrollArea, QStackedWidget, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget, QHeaderView,
)

from smallcrm.errors import NotFound
from smallcrm.gui import formatting as fmt
from smallcrm.services.contacts import ContactRecord, get_contact
from smallcrm.services.settings import default_region
from smallcrm.services.timeline import KINDS, Event, timeline
from smallcrm.services.validation import display_phone


def _value_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # customer text is data, never markup
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class DetailPane(QStackedWidget):
    FIELDS = ("emails", "phones", "address", "birthday", "tags", "marketing", "notes", "since")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.contact: ContactRecord | None = None
        placeholder = QLabel(self.tr("Select a customer to see everything about them here."))
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setWordWrap(True)
        placeholder.setEnabled(False)
        self.addWidget(placeholder)

        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(16, 12, 16, 12)
        self.name = _value_label()
        self.name.setObjectName("contactName")
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setWeight(QFont.Weight.DemiBold)
        self.name.setFont(font)
        self.name.setAccessibleName(self.tr("Customer name"))
        self.subtitle = _value_label()
        self.subtitle.setEnabled(False)
        outer.addWidget(self.name)
        outer.addWidget(self.subtitle)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(6)
        titles = {
            "emails": self.tr("Email"), "phones": self.tr("Phone"), "address": self.tr("Address"),
            "birthday": self.tr("Birthday"), "tags": self.tr("Tags"), "marketing": self.tr("Marketing"),
            "notes": self.tr("Notes"), "since": self.tr("Customer since"),
        }
        self.values: dict[str, QLabel] = {}
        self._rows: dict[str, QLabel] = {}
        for key in self.FIELDS:
            title = QLabel(titles[key])
            title.setEnabled(False)
            self.values[key] = _value_label()
            self.values[key].setAccessibleName(titles[key])
            self._rows[key] = title
            form.addRow(title, self.values[key])
        self.form = form
        outer.addLayout(form)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        outer.addSpacing(6)
        outer.addWidget(line)
        header = QHBoxLayout()
        activity = QLabel(self.tr("Activity"))
        bold = activity.font()
        bold.setWeight(QFont.Weight.DemiBold)
        activity.setFont(bold)
        header.addWidget(activity)
        header.addStretch(1)
        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName(self.tr("Show activity of kind"))
        for label, kinds in (
            (self.tr("Everything"), KINDS), (self.tr("Calls, visits and notes"), ("interaction",)),
            (self.tr("Purchases"), ("purchase",)), (self.tr("Points"), ("points",)), (self.tr("Feedback"), ("feedback",)),
        ):
            self.kind_filter.addItem(label, kinds)
        self.kind_filter.currentIndexChanged.connect(self._fill_timeline)
        header.addWidget(self.kind_filter)
        outer.addLayout(header)
        self.timeline = QTreeWidget()
        self.timeline.setRootIsDecorated(False)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setHeaderLabels([self.tr("When"), self.tr("What"), self.tr("Details"), self.tr("Amount")])
        self.timeline.setAccessibleName(self.tr("Activity"))
        head = self.timeline.header()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        head.setStretchLastSection(False)
        self.timeline.setMinimumHeight(160)
        self.empty_timeline = QLabel(self.tr("Nothing recorded yet. Calls, purchases, points and feedback will appear here."))
        self.empty_timeline.setWordWrap(True)
        self.empty_timeline.setEnabled(False)
        outer.addWidget(self.timeline, 1)
        outer.addWidget(self.empty_timeline)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        self.addWidget(scroll)

    def show_contact(self, contact_id: int | None) -> None:
        if contact_id is None:
            self.contact = None
            self.setCurrentIndex(0)
            return
        try:
            self.contact = c = get_contact(contact_id)
        except NotFound:
            self.show_contact(None)
            return
        self.setCurrentIndex(1)
        self.name.setText(c.display_name)
        self.subtitle.setText(c.company if c.display_name != c.company else "")
        self.subtitle.setVisible(bool(self.subtitle.text()))
        region = default_region()
        place = " ".join(p for p in (c.postal_code, c.city) if p)
        marketing = []
        if c.email_consent:
            marketing.append(self.tr("Email (since {date})").format(date=fmt.day(c.email_consent_at.date())))
        if c.sms_consent:
            marketing.append(self.tr("SMS (since {date})").format(date=fmt.day(c.sms_consent_at.date())))
        values = {
            "emails": "\n".join(c.emails),
            "phones": "\n".join(display_phone(p.e164, p.raw, region) for p in c.phones),
            "address": "\n".join(p for p in (c.street, place, c.country) if p),
            "birthday": fmt.birthday(c.birthday),
            "tags": " · ".join(c.tags),
            "marketing": "\n".join(marketing) or self.tr("No consent given"),
            "notes": c.notes,
            "since": fmt.day(c.created_at.date()),
        }
        for key, text in values.items():
            self.values[key].setText(text)
            self.values[key].setVisible(bool(text))
            self._rows[key].setVisible(bool(text))
        self._fill_timeline()

    def _describe(self, e: Event) -> tuple[str, str, str]:
        if e.kind == "interaction":
            what = {"call": self.tr("Call"), "visit": self.tr("Visit"), "email": self.tr("Email"),
                    "sms": self.tr("SMS"), "note": self.tr("Note")}.get(e.subkind, e.subkind)
            if e.subkind == "call" and e.extra:
                what = self.tr("Call in") if e.extra == "in" else self.tr("Call out")
            amount = self.tr("{n} min").format(n=max(1, round(e.number / 60))) if e.number else ""
            return what, e.text, amount
        if e.kind == "purchase":
            what = self.tr("Refund") if e.subkind == "refund" else self.tr("Purchase")
            details = " — ".join(p for p in (e.extra, e.text) if p)
            return what, details, fmt.money(e.number, e.currency)
        if e.kind == "points":
            return self.tr("Points"), e.text or e.subkind, f"{e.number:+d}"
        what = "NPS" if e.subkind == "nps" else "CSAT"
        return self.tr("Feedback"), e.text, f"{what} {e.number}"

    def _fill_timeline(self) -> None:
        self.timeline.clear()
        if self.contact is None:
            return
        events = timeline(self.contact.id, self.kind_filter.currentData())
        items = []
        for event in events:
            what, details, amount = self._describe(event)
            item = QTreeWidgetItem([fmt.when(event.at), what, details, amount])
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(2, details)
            items.append(item)
        self.timeline.addTopLevelItems(items)
        self.timeline.setVisible(bool(items))
        self.empty_timeline.setVisible(not items)
