"""The Today tab: follow-ups due and overdue, birthdays this week, points about to expire,
unresolved complaints and overdue payments. Each line opens its customer."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout, QHeaderView, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from smallcrm.gui import formatting as fmt
from smallcrm.gui.columns import space_columns
from smallcrm.gui.messages import complaint_category, do_if_still_allowed, scheme_summary
from smallcrm.services import when

SHOWN_PER_SECTION = 200  # a section longer than this shows its oldest lines and how many more there are
ROLE_CONTACT = Qt.ItemDataRole.UserRole + 1
ROLE_KIND = Qt.ItemDataRole.UserRole + 2
ROLE_KEY = Qt.ItemDataRole.UserRole + 3


class TodayView(QWidget):
    open_contact = Signal(int)
    changed = Signal()  # a task was done or moved, a payment recorded: other views refresh

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.tree = QTreeWidget()
        self.tree.setObjectName("todayTree")
        self.tree.setAccessibleName(self.tr("Today"))
        self.tree.setHeaderLabels([self.tr("What"), self.tr("Customer"), self.tr("Details")])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        space_columns(self.tree)
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(self._update_buttons)

        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Open customer"))
        self.done_button = QPushButton(self.tr("&Done"))
        self.snooze_button = QPushButton(self.tr("&Snooze a day"))
        self.week_button = QPushButton(self.tr("Snooze a &week"))
        self.move_button = QPushButton(self.tr("&Move to…"))
        self.paid_button = QPushButton(self.tr("Mark &paid"))
        self.complaint_button = QPushButton(self.tr("&Resolve…"))
        for b in (self.open_button, self.done_button, self.snooze_button, self.week_button, self.move_button,
                  self.paid_button, self.complaint_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.open_button.clicked.connect(lambda: self._activated(self.tree.currentItem()))
        self.done_button.clicked.connect(self.complete)
        self.snooze_button.clicked.connect(lambda: self.snooze(1))
        self.week_button.clicked.connect(lambda: self.snooze(7))
        self.paid_button.clicked.connect(self.mark_paid)
        self.move_button.clicked.connect(self.move_task)
        self.complaint_button.clicked.connect(self.resolve_complaint)
        self.scores = QLabel()
        self.scores.setObjectName("shopScores")

        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.scores)
        layout.addLayout(header)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def _line(self, parent: QTreeWidgetItem, kind: str, key, contact_id, what: str, name: str, details: str):
        item = QTreeWidgetItem(parent, [what, name, details])
        item.setData(0, ROLE_CONTACT, contact_id)
        item.setData(0, ROLE_KIND, kind)
        item.setData(0, ROLE_KEY, key)
        item.setToolTip(2, details)
        return item

    def refresh(self, today=None) -> None:
        """Show `today` (a services.today.Today), or read it afresh."""
        from smallcrm.services.today import today_list

        t = today if today is not None else today_list(when.today())
        self.title.setText(self.tr("Today, {day}").format(day=fmt.day(t.on)))
        sections = [
            (self.tr("Overdue follow-ups"), "task", [
                (x.interaction_id, x.contact_id, fmt.day(x.due_on), x.contact_name, scheme_summary(x.summary))
                for x in t.follow_ups_overdue]),
            (self.tr("Follow-ups for today"), "task", [
                (x.interaction_id, x.contact_id, self.tr("Today"), x.contact_name, scheme_summary(x.summary))
                for x in t.follow_ups_due]),
            (self.tr("Birthdays in the next 7 days"), "birthday", [
                (b.contact_id, b.contact_id, fmt.day(b.on), b.contact_name,
                 self.tr("turns {age}").format(age=b.turns) if b.turns else "")
                for b in t.birthdays]),
            (self.tr("Points expiring within 30 days"), "points", [
                (p.contact_id, p.contact_id, fmt.day(p.expires_on), p.contact_name,
                 fmt.counted(p.points, self.tr("1 point"), self.tr("{n} points")))
                for p in t.points_expiring]),
            (self.tr("Unresolved complaints"), "complaint", [
                (c.id, c.contact_id, fmt.day(c.opened_at.astimezone().date()), c.contact_name,
                 self.tr("{category}: {description}").format(category=complaint_category(c.category),
                                                             description=c.description)
                 if c.description else complaint_category(c.category))
                for c in t.complaints]),
            (self.tr("Overdue payments"), "payment", [
                (o.purchase_id, o.contact_id,
                 fmt.counted(o.days_overdue, self.tr("1 day late"), self.tr("{n} days late")), o.contact_name,
                 fmt.money(o.owed_minor, o.currency))
                for o in t.overdue_payments]),
        ]
        self.tree.clear()
        bold = self.tree.font()
        bold.setWeight(QFont.Weight.DemiBold)
        total = 0
        for title, kind, lines in sections:
            head = QTreeWidgetItem(self.tree, [f"{title} ({len(lines)})"])
            head.setFirstColumnSpanned(True)
            head.setFont(0, bold)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for key, contact_id, what, name, details in lines[:SHOWN_PER_SECTION]:
                self._line(head, kind, key, contact_id, what, name, details)
            if len(lines) > SHOWN_PER_SECTION:
                more = QTreeWidgetItem(head, [self.tr("… and {n} more").format(
                    n=fmt.number(len(lines) - SHOWN_PER_SECTION))])
                more.setFlags(Qt.ItemFlag.ItemIsEnabled)
            head.setExpanded(bool(lines))
            total += len(lines)
        self.total = total
        self._show_scores()
        self._update_buttons()

    def _show_scores(self) -> None:
        from smallcrm.services.satisfaction import csat_average, nps

        shop_nps, csat = nps(), csat_average()
        parts = []
        if shop_nps.score is not None:
            parts.append(fmt.counted(shop_nps.answers, self.tr("NPS {score} (1 answer)"),
                                     self.tr("NPS {score} ({n} answers)"), score=str(round(shop_nps.score))))
        if csat.average is not None:
            parts.append(fmt.counted(csat.answers, self.tr("CSAT {score} (1 answer)"),
                                     self.tr("CSAT {score} ({n} answers)"), score=fmt.decimal(csat.average, 1)))
        self.scores.setText(self.tr("All customers: {scores}").format(scores=" · ".join(parts)) if parts else "")

    def _current(self):
        item = self.tree.currentItem()
        if item is None or item.data(0, ROLE_KIND) is None:
            return None, None, None
        return item.data(0, ROLE_KIND), item.data(0, ROLE_KEY), item.data(0, ROLE_CONTACT)

    def _update_buttons(self, *_) -> None:
        kind, _, contact_id = self._current()
        self.open_button.setEnabled(contact_id is not None)
        for b in (self.done_button, self.snooze_button, self.week_button, self.move_button):
            b.setEnabled(kind == "task")
        self.paid_button.setEnabled(kind == "payment")
        self.complaint_button.setEnabled(kind == "complaint")

    def _activated(self, item) -> None:
        if item is not None and item.data(0, ROLE_CONTACT) is not None:
            self.open_contact.emit(int(item.data(0, ROLE_CONTACT)))

    def complete(self) -> None:
        from smallcrm.services import activity

        kind, key, _ = self._current()
        if kind == "task":
            do_if_still_allowed(self, lambda: activity.complete_task(key))
            self._after_change()

    def snooze(self, days: int) -> None:
        from smallcrm.services import activity

        kind, key, _ = self._current()
        if kind == "task":
            do_if_still_allowed(self, lambda: activity.snooze_task(key, days))
            self._after_change()

    def _name(self) -> str:
        item = self.tree.currentItem()
        return item.text(1) if item else ""

    def move_task(self) -> None:
        from smallcrm.gui.activity_dialogs import MoveTaskDialog
        from smallcrm.services.activity import interaction_json

        kind, key, _ = self._current()
        if kind == "task":
            due = interaction_json(key)["follow_up_on"]
            dialog = MoveTaskDialog(self, key, self._name(), date.fromisoformat(due))
            dialog.accepted.connect(self._after_change)
            dialog.open()

    def resolve_complaint(self) -> None:
        from smallcrm.gui.activity_dialogs import ComplaintDialog

        kind, key, contact_id = self._current()
        if kind == "complaint":
            dialog = ComplaintDialog(self, contact_id, self._name(), key)
            dialog.accepted.connect(self._after_change)
            dialog.open()

    def mark_paid(self) -> None:
        from smallcrm.services import purchases

        kind, key, _ = self._current()
        if kind == "payment":
            do_if_still_allowed(self, lambda: purchases.mark_paid(key))
            self._after_change()

    def _after_change(self) -> None:
        self.refresh()
        self.changed.emit()
