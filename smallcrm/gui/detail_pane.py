"""The selected customer: every field, then a timeline of calls, purchases, points and feedback."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QFrame, QHBoxLayout, QHeaderView, QLabel, QMenu, QPushButton, QScrollArea, QSizePolicy,
    QStackedWidget, QToolButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from smallcrm.errors import NotFound
from smallcrm.gui import formatting as fmt
from smallcrm.gui.colours import paint_text, soft_colour
from smallcrm.gui.columns import line_rows
from smallcrm.gui.flow_layout import FlowLayout
from smallcrm.gui.messages import points_reason, scheme_summary, tier_name
from smallcrm.services.addresses import address_lines
from smallcrm.services.contacts import ContactRecord, get_contact
from smallcrm.services.settings import default_region
from smallcrm.services.timeline import KINDS, Event, timeline
from smallcrm.services.validation import display_phone, with_label


LONG_WORD = 30  # characters: a value with a longer word may be cut at the pane's edge; its tooltip has it whole


class _ValueLabel(QLabel):
    """A customer's value, wrapped: the pane is at least as wide as its longest word up to LONG_WORD characters; a
    longer one (a Welsh town, a web address in the notes) is cut at the pane's edge (whole when selected and copied)
    rather than widen the pane past the window's edge."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().averageCharWidth() * LONG_WORD), hint.height())


def _value_label() -> QLabel:
    label = _ValueLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # customer text is data, never markup
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class _Fields(QScrollArea):
    """The customer's name, figures and fields: as tall as they are where the pane has room for them and the
    activity below, scrolled where it has not (a small laptop's screen), so that the activity stays in sight."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        page = self.widget()
        if page is None:
            return hint
        width = self.viewport().width()
        height = page.heightForWidth(width) if page.hasHeightForWidth() else -1
        return QSize(hint.width(), (height if height >= 0 else page.sizeHint().height()) + 2 * self.frameWidth())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # (its height follows its width: the values wrap)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # another customer: other fields, another height
        return super().eventFilter(watched, event)


EVENT_ROLE = Qt.ItemDataRole.UserRole + 1


class DetailPane(QStackedWidget):
    FIELDS = ("emails", "phones", "address", "birthday", "tags", "referred_by", "referrals", "marketing", "notes",
              "external", "since")
    # What the window offers on a timeline entry: (kind, id, what was asked)
    event_action = Signal(str, int, str)
    open_contact = Signal(int)
    clear_search = Signal()  # (asked where a search found nobody)

    def __init__(self, parent=None, actions=()):
        super().__init__(parent)
        self.contact: ContactRecord | None = None
        placeholder = QLabel(self.tr("Select a customer to see everything about them here."))
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setWordWrap(True)
        self.addWidget(placeholder)
        self._soft = [placeholder]  # secondary text, in a colour readable in light and dark palettes alike

        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(16, 12, 16, 0)
        self.name = _value_label()
        self.name.setObjectName("contactName")
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setWeight(QFont.Weight.DemiBold)
        self.name.setFont(font)
        self.name.setAccessibleName(self.tr("Customer name"))
        self.subtitle = _value_label()
        self._soft.append(self.subtitle)
        outer.addWidget(self.name)
        outer.addWidget(self.subtitle)

        # The buttons and the figures wrap onto more lines when the pane is narrow (or the words long), rather
        # than being cut off.
        buttons = FlowLayout(spacing=4, line_spacing=4, cells=4)
        self.action_buttons = []
        for action in actions:  # the window's own actions (Log call, Purchase, ...): one click away
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAutoRaise(False)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # as wide as its column
            buttons.addWidget(button)
            self.action_buttons.append(button)
        outer.addLayout(buttons)

        self.figures: dict[str, QLabel] = {}
        grid = FlowLayout(spacing=18, line_spacing=10, cells=4)
        captions = (("spent", self.tr("Spent")), ("purchases", self.tr("Purchases")),
                    ("last", self.tr("Last purchase")), ("points", self.tr("Points")),
                    ("satisfaction", self.tr("Satisfaction")), ("complaints", self.tr("Complaints")),
                    ("owed", self.tr("Owes")))
        value_font = self.font()
        value_font.setPointSizeF(value_font.pointSizeF() * 1.15)
        value_font.setWeight(QFont.Weight.DemiBold)
        for key, caption in captions:
            cell = QWidget()
            lines = QVBoxLayout(cell)
            lines.setContentsMargins(0, 0, 0, 0)
            lines.setSpacing(0)
            label = QLabel(caption)
            self._soft.append(label)
            value = QLabel()
            value.setFont(value_font)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setAccessibleName(caption)
            lines.addWidget(label)
            lines.addWidget(value)
            grid.addWidget(cell)
            self.figures[key] = value
        outer.addSpacing(6)
        outer.addLayout(grid)
        outer.addSpacing(6)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(6)
        titles = {
            "emails": self.tr("Email"), "phones": self.tr("Phone"), "address": self.tr("Address"),
            "birthday": self.tr("Birthday"), "tags": self.tr("Tags"), "marketing": self.tr("Marketing"),
            "referred_by": self.tr("Referred by"), "referrals": self.tr("Referrals"),
            "notes": self.tr("Notes"), "external": self.tr("Number in another system"),
            "since": self.tr("Customer since"),
        }
        self.values: dict[str, QLabel] = {}
        self._rows: dict[str, QLabel] = {}
        for key in self.FIELDS:
            title = QLabel(titles[key])
            self._soft.append(title)
            self.values[key] = _value_label()
            self.values[key].setAccessibleName(titles[key])
            self._rows[key] = title
            form.addRow(title, self.values[key])
        self.form = form
        outer.addLayout(form)
        outer.addSpacing(6)

        # The activity, below the fields' scroll area: in sight however far the fields go on.
        activity_part = QWidget()
        lower = QVBoxLayout(activity_part)
        lower.setContentsMargins(16, 0, 16, 12)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        lower.addWidget(line)
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
        lower.addLayout(header)
        self.timeline = QTreeWidget()
        self.timeline.setRootIsDecorated(False)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setHeaderLabels([self.tr("When"), self.tr("What"), self.tr("Details"), self.tr("Amount")])
        self.timeline.setAccessibleName(self.tr("Activity"))
        line_rows(self.timeline)
        head = self.timeline.header()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        head.setStretchLastSection(False)
        self.timeline.setMinimumHeight(self.timeline.fontMetrics().height() * 11)  # the heading and a few lines
        self.timeline.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.timeline.customContextMenuRequested.connect(self._timeline_menu)
        self.empty_timeline = QLabel(self.tr("Nothing recorded yet. Calls, purchases, points and feedback will appear here."))
        self.empty_timeline.setWordWrap(True)
        self.empty_timeline.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._soft.append(self.empty_timeline)
        lower.addWidget(self.timeline, 1)
        lower.addWidget(self.empty_timeline, 1)

        self.scroll = _Fields()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)  # no taller than its page
        self.scroll.setWidget(page)
        shown = QWidget()
        both = QVBoxLayout(shown)
        both.setContentsMargins(0, 0, 0, 0)
        both.setSpacing(0)
        both.addWidget(self.scroll)
        both.addWidget(activity_part, 1)
        self.addWidget(shown)
        self.addWidget(self._make_no_match())
        self._colour()

    def _make_no_match(self) -> QWidget:
        """What the pane says when a search finds nobody: what was searched, and what to do."""
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 12, 24, 12)
        self.no_match = QLabel()
        self.no_match.setTextFormat(Qt.TextFormat.PlainText)  # (what was typed is data)
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match.setWordWrap(True)
        bold = self.no_match.font()
        bold.setWeight(QFont.Weight.DemiBold)
        self.no_match.setFont(bold)
        hint = QLabel(self.tr("Check the spelling or type fewer letters, or clear the search (Esc) to see all your "
                              "customers."))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        self._soft.append(hint)
        self.clear_search_button = QPushButton(self.tr("Clear Search"))
        self.clear_search_button.clicked.connect(self.clear_search)
        button = QHBoxLayout()
        button.addStretch(1)
        button.addWidget(self.clear_search_button)
        button.addStretch(1)
        layout.addStretch(1)
        layout.addWidget(self.no_match)
        layout.addWidget(hint)
        layout.addSpacing(6)
        layout.addLayout(button)
        layout.addStretch(1)
        return page

    def show_no_match(self, search: str) -> None:
        """Nobody to show: the search for `search` found no customer."""
        self.contact = None
        self.no_match.setText(self.tr("No customer matches “{search}”.").format(search=search))
        self.setCurrentIndex(2)

    def _colour(self) -> None:
        colour = soft_colour(self.palette(), on_base=False)
        for label in self._soft:
            paint_text(label, colour)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_soft"):  # (a dark palette chosen meanwhile)
            self._colour()
        super().changeEvent(event)

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
        marketing = []
        if c.email_consent:
            day, source = fmt.day(c.email_consent_at.astimezone().date()), c.email_consent_source
            marketing.append(self.tr("Email (since {date}, {source})").format(date=day, source=source) if source
                             else self.tr("Email (since {date})").format(date=day))
        if c.sms_consent:
            day, source = fmt.day(c.sms_consent_at.astimezone().date()), c.sms_consent_source
            marketing.append(self.tr("SMS (since {date}, {source})").format(date=day, source=source) if source
                             else self.tr("SMS (since {date})").format(date=day))
        since = self._fill_figures(contact_id)
        values = {
            "emails": "\n".join(with_label(email, label, fmt.label_name)
                                for email, label in zip(c.emails, c.email_labels)),
            "phones": "\n".join(with_label(display_phone(p.e164, p.raw, region), p.label, fmt.label_name)
                                for p in c.phones),
            "address": "\n".join(address_lines(c.street, c.postal_code, c.city, c.country, region)),
            "birthday": fmt.birthday(c.birthday),
            "tags": " · ".join(c.tags),
            "marketing": "\n".join(marketing) or self.tr("No consent given"),
            "notes": c.notes,
            "external": c.external_id,
            "since": fmt.day(since),
            **self._referral_lines(contact_id),
        }
        for key, text in values.items():
            self.values[key].setText(text)
            self.values[key].setToolTip(text if any(len(word) > LONG_WORD for word in text.split()) else "")
            self.values[key].setVisible(bool(text))
            self._rows[key].setVisible(bool(text))
        self._fill_timeline()

    def _fill_figures(self, contact_id: int) -> date:
        """Show the customer's figures; the day they became a customer."""
        from smallcrm.services.customer import summary

        s = summary(contact_id)
        money = fmt.money
        f = self.figures
        others = ", ".join(s.other_currencies)
        f["spent"].setText(money(s.lifetime_spend_minor, s.currency) + (f" + {others}" if others else ""))
        f["spent"].setToolTip(self.tr("Also bought in {currencies}: those purchases are not in these figures.").format(
            currencies=others) if others else "")
        f["purchases"].setText(
            self.tr("{n} · avg {avg}").format(n=fmt.number(s.purchases), avg=money(s.average_basket_minor, s.currency))
            if s.average_basket_minor is not None else fmt.number(s.purchases))
        f["last"].setText(fmt.short_day(s.last_purchase_at.astimezone().date()) if s.last_purchase_at else "—")
        f["points"].setText(self.tr("{n} · {tier}").format(n=fmt.number(s.points_balance), tier=tier_name(s.tier)))
        parts = []
        if s.nps is not None:
            parts.append(self.tr("NPS {n}").format(n=round(s.nps)))
        if s.csat_average is not None:
            parts.append(self.tr("CSAT {n}").format(n=fmt.decimal(s.csat_average, 1)))
        f["satisfaction"].setText(" · ".join(parts) or "—")
        f["complaints"].setText(self.tr("{n} open").format(n=s.open_complaints) if s.open_complaints else "—")
        f["owed"].setText(money(s.owed_minor, s.currency) if s.owed_minor else "—")
        warn = "color: #b3261e;" if self.palette().color(self.backgroundRole()).lightness() >= 128 else "color: #ff8a80;"
        f["owed"].setStyleSheet(warn if s.owed_minor else "")
        f["complaints"].setStyleSheet(warn if s.open_complaints else "")
        return s.since

    def _referral_lines(self, contact_id: int) -> dict[str, str]:
        from smallcrm.services.contacts import contact_rows
        from smallcrm.services.referrals import referrals_of, referrer_of

        referrer = referrer_of(contact_id)
        brought = referrals_of(contact_id)
        names = contact_rows(([referrer] if referrer else []) + brought[:5])
        lines = {"referred_by": names[referrer].name if referrer in names else ""}
        shown = ", ".join(names[i].name for i in brought[:5] if i in names)
        more = self.tr(" and {n} more").format(n=len(brought) - 5) if len(brought) > 5 else ""
        lines["referrals"] = f"{shown}{more}" if brought else ""
        return lines

    def _timeline_menu(self, position) -> None:
        item = self.timeline.itemAt(position)
        event = item.data(0, EVENT_ROLE) if item else None
        if event is None:
            return
        menu = QMenu(self)
        if event.kind == "purchase" and event.subkind == "purchase":
            menu.addAction(self.tr("Refund…"), lambda: self.event_action.emit("purchase", event.id, "refund"))
            if event.state in ("due", "partly_paid"):
                menu.addAction(self.tr("Mark paid"), lambda: self.event_action.emit("purchase", event.id, "paid"))
        if event.kind == "interaction" and event.state:
            menu.addAction(self.tr("Follow-up done"), lambda: self.event_action.emit("task", event.id, "done"))
            menu.addAction(self.tr("Snooze a day"), lambda: self.event_action.emit("task", event.id, "snooze"))
            menu.addAction(self.tr("Snooze a week"), lambda: self.event_action.emit("task", event.id, "week"))
        if not menu.isEmpty():
            menu.exec(self.timeline.viewport().mapToGlobal(position))

    def _describe(self, e: Event) -> tuple[str, str, str]:
        if e.kind == "interaction":
            what = {"call": self.tr("Call"), "visit": self.tr("Visit"), "email": self.tr("Email"),
                    "sms": self.tr("SMS"), "note": self.tr("Note")}.get(e.subkind, e.subkind)
            if e.subkind == "call" and e.extra:
                what = self.tr("Call in") if e.extra == "in" else self.tr("Call out")
            amount = self.tr("{n} min").format(n=max(1, round(e.number / 60))) if e.number else ""
            text = scheme_summary(e.text)
            if e.state:
                text = self.tr("{text} (follow up {day})").format(text=text, day=fmt.day(date.fromisoformat(e.state)))
            return what, text, amount
        if e.kind == "purchase":
            what = self.tr("Refund") if e.subkind == "refund" else self.tr("Purchase")
            details = " — ".join(p for p in (e.extra, e.text) if p)
            if e.state in ("due", "partly_paid"):
                details = self.tr("{details} (not paid yet)").format(details=details)
            elif e.state == "written_off":
                details = self.tr("{details} (written off)").format(details=details)
            return what, details, fmt.money(e.number, e.currency)
        if e.kind == "points":
            return self.tr("Points"), points_reason(e.subkind, e.text, of_purchase=bool(e.extra)), f"{e.number:+d}"
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
            item.setData(0, EVENT_ROLE, event)
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(2, details)
            items.append(item)
        self.timeline.addTopLevelItems(items)
        self.timeline.setVisible(bool(items))
        self.empty_timeline.setVisible(not items)
