"""The day's work from the window: log a call, record a purchase, redeem points, record feedback,
refund, and the Today and Owed tabs."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QTableWidgetItem

from smallcrm.gui.activity_dialogs import (
    CallDialog, ComplaintDialog, FeedbackDialog, MoveTaskDialog, PaymentDialog, PointsDialog, PurchaseDialog,
    ReferrerDialog, RefundDialog, StatementDialog,
)
from smallcrm.gui import formatting as fmt
from smallcrm.services import activity, loyalty, purchases, referrals, satisfaction
from smallcrm.store.models import Interaction, PointsEntry, Purchase
from tests.gui.conftest import type_text
from tests.unit.unlinked_refunds import import_till_file, unlinked_refunds


def dialog_of(window, kind):
    found = [d for d in window.findChildren(kind) if d.isVisible()]
    assert len(found) == 1, found
    return found[0]


def timeline_rows(window) -> list[list[str]]:
    tree = window.detail.timeline
    return [[tree.topLevelItem(i).text(c) for c in range(4)] for i in range(tree.topLevelItemCount())]


def test_logging_a_call_takes_two_clicks(qtbot, window, three):
    window.refresh([three[0]])
    button = window.detail.action_buttons[0]
    assert button.defaultAction() is window.call_action and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # click 1
    dialog = dialog_of(window, CallDialog)
    type_text(dialog.summary, "Asked about Sunday opening")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # click 2
    (call,) = Interaction.select().where(Interaction.contact == three[0])
    assert (call.kind, call.direction, call.summary) == ("call", "in", "Asked about Sunday opening")
    assert any(r[1] == "Call in" and "Sunday opening" in r[2] for r in timeline_rows(window))


def test_when_is_edited_in_the_locales_format_and_saved_as_before(qtbot, window, three):
    """The When field showed "2026-11-24 10:15" where the window shows "11/24/26" and "10:15 AM"."""
    from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

    window.refresh([three[0]])
    window.call_action.trigger()
    dialog = dialog_of(window, CallDialog)
    assert dialog.at.calendarPopup()
    dialog.at.setDateTime(QDateTime(QDate(2026, 11, 24), QTime(10, 15)))
    assert dialog.at.text() == "11/24/2026 10:15\u202fAM"  # the year in full: "26" could be 1926
    dialog.follow_up_on.setDate(QDate(2026, 12, 1))
    assert dialog.follow_up_on.text() == "12/1/2026" and dialog.follow_up_on.calendarPopup()
    type_text(dialog.summary, "Asked about Sunday opening")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    (call,) = Interaction.select().where(Interaction.contact == three[0])
    assert call.occurred_at == datetime(2026, 11, 24, 10, 15).astimezone().astimezone(timezone.utc)

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    try:
        window.purchase_action.trigger()
        dialog = dialog_of(window, PurchaseDialog)
        dialog.at.setDateTime(QDateTime(QDate(2026, 11, 24), QTime(16, 5)))
        assert dialog.at.text() == "24/11/2026 16:05"
        dialog.due_on.setDate(QDate(2026, 12, 24))
        assert dialog.due_on.text() == "24/12/2026"
        dialog.done(0)
    finally:
        QLocale.setDefault(before)


def test_a_call_with_a_follow_up_shows_on_today(qtbot, window, three):
    window.refresh([three[1]])
    window.call_action.trigger()
    dialog = dialog_of(window, CallDialog)
    dialog.outgoing.setChecked(True)
    dialog.duration.setValue(4)
    dialog.follow_up.setChecked(True)
    dialog.follow_up_on.setDate(date.today())
    type_text(dialog.summary, "Order arrives Friday")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [t.summary for t in activity.tasks()] == ["Order arrives Friday"]
    qtbot.waitUntil(lambda: window.tabs.tabText(1) == "Today (1)", timeout=3000)
    window.tabs.setCurrentWidget(window.today_page)
    tree = window.today.tree
    due = tree.topLevelItem(1)
    assert due.text(0).startswith("Follow-ups for today (1)")
    assert due.child(0).text(1) == "José Álvarez"
    gap = 2 * tree.fontMetrics().averageCharWidth()
    assert tree.columnWidth(1) >= tree.fontMetrics().horizontalAdvance("José Álvarez") + gap
    # lines as high as the Owed list's and the customer list's, not a tree's own with no room around the text
    assert tree.visualItemRect(due.child(0)).height() == tree.fontMetrics().height() + 8
    tree.setCurrentItem(due.child(0))
    qtbot.mouseClick(window.today.done_button, Qt.MouseButton.LeftButton)
    assert activity.tasks() == []
    qtbot.waitUntil(lambda: window.tabs.tabText(1) == "Today", timeout=3000)


def test_recording_a_purchase_with_items_earns_points(qtbot, window, three):
    window.refresh([three[0]])
    window.purchase_action.trigger()
    dialog = dialog_of(window, PurchaseDialog)
    assert not dialog.save_button.isEnabled()  # nothing bought yet
    for column, text in enumerate(("Roses, bunch", "2", "12.50")):
        dialog.items.setItem(0, column, QTableWidgetItem(text))
    for column, text in enumerate(("Card", "1", "3,20")):  # a decimal comma is fine
        dialog.items.setItem(1, column, QTableWidgetItem(text))
    assert dialog.items.rowCount() == 3  # always a fresh row at the end
    assert "earns 28 points" in dialog.summary_line.text()
    assert not dialog.total.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    (purchase,) = Purchase.select().where(Purchase.contact == three[0])
    assert purchase.total_minor == 2820 and purchase.currency == "EUR"
    assert loyalty.points_balance(three[0]) == 28
    figures = window.detail.figures
    assert "28.20" in figures["spent"].text()
    assert figures["points"].text().startswith("28")
    assert any(r[1] == "Purchase" and "Roses" in r[2] for r in timeline_rows(window))
    assert "28 points earned" in window.statusBar().currentMessage()


def test_a_purchase_in_another_currency_says_it_earns_no_points(qtbot, window, three):
    window.refresh([three[0]])
    window.purchase_action.trigger()
    dialog = dialog_of(window, PurchaseDialog)
    dialog.currency.setCurrentText("JPY")
    type_text(dialog.total, "3000")
    assert dialog.summary_line.text() == "Total ¥3,000 · earns no points: points are earned in EUR"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    (purchase,) = Purchase.select().where(Purchase.contact == three[0])
    assert (purchase.total_minor, purchase.currency) == (3000, "JPY")
    assert loyalty.points_balance(three[0]) == 0
    spent = window.detail.figures["spent"]  # (the yen are in no figure: said, not left out without a word)
    assert spent.text() == "€0.00 + JPY"
    assert spent.toolTip() == "Also bought in JPY: those purchases are not in these figures."


def test_a_purchase_with_a_bad_amount_cannot_be_saved(qtbot, window, three):
    window.refresh([three[0]])
    window.purchase_action.trigger()
    dialog = dialog_of(window, PurchaseDialog)
    # what is still to fill in, in the text's own colour: nothing is wrong yet
    assert dialog.problem.text() == "Give line items or a total above zero." and dialog.problem.styleSheet() == ""
    type_text(dialog.total, "12.345")
    assert dialog.problem.isVisible() and "2 decimals" in dialog.problem.text()
    assert "color" in dialog.problem.styleSheet()  # (a problem: in red)
    assert not dialog.save_button.isEnabled()
    dialog.total.clear()
    type_text(dialog.total, "abc")
    assert not dialog.save_button.isEnabled()
    dialog.total.clear()
    type_text(dialog.total, "40")
    assert dialog.save_button.isEnabled()
    dialog.reject()
    assert Purchase.select().count() == 0


def test_redeeming_never_goes_above_the_balance(qtbot, window, three):
    purchases.record_purchase(three[0], total_minor=5000)
    window.refresh([three[0]])
    window.redeem_action.trigger()
    dialog = dialog_of(window, PointsDialog)
    assert dialog.points.maximum() == 50
    dialog.points.setValue(80)  # clamped to what there is
    assert dialog.points.value() == 50
    dialog.points.setValue(30)
    assert "0.30" in dialog.value.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert loyalty.points_balance(three[0]) == 20
    assert window.detail.figures["points"].text().startswith("20")


def test_a_low_score_opens_a_complaint_and_a_task(qtbot, window, three):
    window.refresh([three[2]])
    window.feedback_action.trigger()
    dialog = dialog_of(window, FeedbackDialog)
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.score_group.button(3), Qt.MouseButton.LeftButton)
    assert dialog.hint.isVisible() and "complaint" in dialog.hint.text()
    type_text(dialog.comment, "Bread was stale")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    (complaint,) = satisfaction.complaints(status="unresolved")
    assert complaint.contact_id == three[2]
    assert window.detail.figures["complaints"].text() == "1 open"
    assert "complaint" in window.statusBar().currentMessage()
    window.tabs.setCurrentWidget(window.today_page)
    titles = [window.today.tree.topLevelItem(i).text(0) for i in range(window.today.tree.topLevelItemCount())]
    assert "Unresolved complaints (1)" in titles


def test_refunding_from_the_timeline_takes_the_points_back(qtbot, window, three):
    result = purchases.record_purchase(three[0], total_minor=3000)
    window.refresh([three[0]])
    window._event_action("purchase", result.purchase_id, "refund")
    dialog = dialog_of(window, RefundDialog)
    assert dialog.amount.text() == "30.00"
    dialog.amount.clear()
    type_text(dialog.amount, "40")
    assert not dialog.save_button.isEnabled()  # more than was paid
    dialog.amount.clear()
    type_text(dialog.amount, "10")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert loyalty.points_balance(three[0]) == 20
    assert any(r[1] == "Refund" for r in timeline_rows(window))


def timeline_menu(window, row: int) -> list[str]:
    """The actions the timeline's right-click menu offers on line `row`, read while it shows, then closed (none:
    no menu shows)."""
    tree = window.detail.timeline
    offered: list[str] = []
    timer = QTimer(window, interval=10)

    def read_and_close():
        menu = QApplication.activePopupWidget()
        if menu is not None:
            timer.stop()
            offered.extend(action.text() for action in menu.actions())
            menu.close()

    timer.timeout.connect(read_and_close)
    timer.start()
    window.detail._timeline_menu(tree.visualItemRect(tree.topLevelItem(row)).center())  # returns once it is closed
    timer.stop()
    return offered


def test_a_refund_imported_without_its_sale_is_no_purchase_and_cannot_be_refunded(qtbot, window, three, tmp_path):
    """The till's credit note in a later file, under a number of its own: the import finds no sale to link it to."""
    import_till_file(tmp_path / "march.csv", [["2025-03-05 10:00", "451", "marta@kwiaty.pl", "80.00"]])
    import_till_file(tmp_path / "april.csv", [["2025-04-02 10:00", "AV-12", "marta@kwiaty.pl", "-6.00"]])
    assert [ref for _, ref, _ in unlinked_refunds()] == ["AV-12"]
    window.refresh([three[0]])
    figures = window.detail.figures
    assert figures["purchases"].text() == "1 · avg €74.00"  # not "2 · avg €37.00"
    assert figures["last"].text() == fmt.short_day(date(2025, 3, 5))  # not the refund's day
    assert "74.00" in figures["spent"].text()
    assert [row[1:] for row in timeline_rows(window) if row[1] in ("Purchase", "Refund")] == [
        ["Refund", "AV-12", "-€6.00"], ["Purchase", "451", "€80.00"]]
    refund_row = next(i for i, row in enumerate(timeline_rows(window)) if row[1] == "Refund")
    sale_row = next(i for i, row in enumerate(timeline_rows(window)) if row[1] == "Purchase")
    assert timeline_menu(window, refund_row) == []  # no "Refund…" of a refund
    assert timeline_menu(window, sale_row) == ["Refund…"]
    assert not [d for d in window.findChildren(RefundDialog) if d.isVisible()]


def test_the_owed_tab_lists_and_settles_what_is_owed(qtbot, window, three):
    bought = datetime.now(timezone.utc) - timedelta(days=40)
    purchases.record_purchase(three[1], total_minor=4550, at=bought, status="due",
                              due_on=date.today() - timedelta(days=3))
    window._refresh_tabs()
    window.tabs.setCurrentWidget(window.owed_page)
    table = window.owed.table
    assert table.rowCount() == 1
    assert table.item(0, 0).text() == "José Álvarez" and table.item(0, 3).text() == "3 days late"
    assert "45.50" in table.item(0, 4).text()
    assert window.owed.summary.text() == f"1 unpaid purchase, {table.item(0, 4).text()} in all."  # not "purchases"
    gap = 2 * table.fontMetrics().averageCharWidth()  # room after each column's text, before the next one's
    for column in (1, 2, 3, 4):
        assert table.columnWidth(column) >= table.fontMetrics().horizontalAdvance(table.item(0, column).text()) + gap
    table.selectRow(0)
    qtbot.mouseClick(window.owed.paid_button, Qt.MouseButton.LeftButton)
    assert table.rowCount() == 0 and purchases.receivables() == []
    assert "Nobody owes" in window.owed.summary.text()


def shown_box(parent) -> QMessageBox:
    (box,) = [b for b in parent.findChildren(QMessageBox) if b.isVisible()]
    return box


def test_paying_what_was_paid_meanwhile_says_so_and_shows_the_list_afresh(qtbot, window, three):
    bought = datetime.now(timezone.utc) - timedelta(days=40)
    first = purchases.record_purchase(three[1], total_minor=4550, at=bought, status="due").purchase_id
    second = purchases.record_purchase(three[2], total_minor=900, at=bought, status="due",
                                       due_on=date.today() - timedelta(days=1)).purchase_id
    window._refresh_tabs()
    window.tabs.setCurrentWidget(window.owed_page)
    table = window.owed.table
    assert table.rowCount() == 2
    table.selectRow([table.item(r, 0).text() for r in range(2)].index("José Álvarez"))
    purchases.mark_paid(first)  # on the command line, say, while the window shows it as owed
    qtbot.mouseClick(window.owed.paid_button, Qt.MouseButton.LeftButton)
    box = shown_box(window.owed)
    assert box.text() == f"Purchase {first} is paid already."
    assert "Nothing was changed" in box.informativeText()
    box.close()
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == ["Anna Schmidt"]
    assert table.item(0, 3).text() == "1 day late"
    assert purchases.purchase_json(first)["status"] == "paid" and purchases.owed_minor(second) == 900


def test_a_follow_up_done_meanwhile_is_not_done_twice(qtbot, window, three):
    task = activity.log_interaction(three[0], "note", summary="Ring", follow_up_on=date.today())
    window._refresh_tabs()
    window.tabs.setCurrentWidget(window.today_page)
    qtbot.waitUntil(lambda: window.today.tree.topLevelItem(1).childCount() == 1, timeout=3000)
    window.today.tree.setCurrentItem(window.today.tree.topLevelItem(1).child(0))
    activity.complete_task(task)
    done_at = activity.interaction_json(task)["follow_up_done_at"]
    qtbot.mouseClick(window.today.done_button, Qt.MouseButton.LeftButton)
    box = shown_box(window.today)
    assert box.text().startswith(f"The follow-up of interaction {task} was done at ")
    box.close()
    assert activity.interaction_json(task)["follow_up_done_at"] == done_at
    qtbot.waitUntil(lambda: window.today.tree.topLevelItem(1).childCount() == 0, timeout=3000)


def test_a_purchase_deleted_meanwhile_is_said_gone(qtbot, window, three):
    bought = datetime.now(timezone.utc) - timedelta(days=4)
    gone = purchases.record_purchase(three[0], total_minor=1000, at=bought, status="due").purchase_id
    window.refresh([three[0]])
    PointsEntry.delete().where(PointsEntry.purchase == gone).execute()  # as an import's undo does
    Purchase.delete().where(Purchase.id == gone).execute()
    window._event_action("purchase", gone, "paid")  # its line's "Mark paid", from the timeline
    box = shown_box(window)
    assert box.text() == "That record is no longer in the customer book: it was deleted meanwhile."
    box.close()
    assert all(f"#{gone}" not in " ".join(row) for row in timeline_rows(window))


def test_today_lines_open_their_customer(qtbot, window, three):
    activity.log_interaction(three[2], "note", summary="Call back", follow_up_on=date.today() - timedelta(days=2))
    window._refresh_tabs()
    window.tabs.setCurrentWidget(window.today_page)
    overdue = window.today.tree.topLevelItem(0)
    assert overdue.text(0) == "Overdue follow-ups (1)"
    with qtbot.waitSignal(window.today.open_contact):
        window.today.tree.itemActivated.emit(overdue.child(0), 0)
    assert window.tabs.currentIndex() == 0
    assert window.current_id() == three[2]
    assert window.detail.name.text() == "Anna Schmidt"


def test_a_complaint_is_opened_then_resolved_from_today(qtbot, window, three):
    window.refresh([three[0]])
    window.complaint_action.trigger()
    dialog = dialog_of(window, ComplaintDialog)
    assert not dialog.save_button.isEnabled()
    type_text(dialog.description, "Flowers wilted in a day")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    (complaint,) = satisfaction.complaints(status="unresolved")
    window.tabs.setCurrentWidget(window.today_page)
    section = next(window.today.tree.topLevelItem(i) for i in range(window.today.tree.topLevelItemCount())
                   if window.today.tree.topLevelItem(i).text(0).startswith("Unresolved complaints"))
    window.today.tree.setCurrentItem(section.child(0))
    qtbot.mouseClick(window.today.complaint_button, Qt.MouseButton.LeftButton)
    resolve = dialog_of(window.today, ComplaintDialog)
    resolve.status.setCurrentIndex(2)  # resolved
    assert not resolve.save_button.isEnabled()  # needs to say how
    type_text(resolve.resolution, "Replaced the bunch")
    qtbot.mouseClick(resolve.save_button, Qt.MouseButton.LeftButton)
    assert satisfaction.complaints(status="unresolved") == []
    assert satisfaction.complaint_json(complaint.id)["resolution"] == "Replaced the bunch"


def test_a_follow_up_moves_to_another_day(qtbot, window, three):
    task = activity.log_interaction(three[0], "note", summary="Ring", follow_up_on=date.today())
    window._refresh_tabs()
    window.tabs.setCurrentWidget(window.today_page)
    window.today.tree.setCurrentItem(window.today.tree.topLevelItem(1).child(0))
    qtbot.mouseClick(window.today.move_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(window.today, MoveTaskDialog)
    dialog.day.setDate(date(2026, 12, 1))
    assert dialog.day.text() == "12/1/2026"  # the year in full, as everywhere a day is typed
    dialog.day.setDate(date.today() + timedelta(days=10))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert activity.interaction_json(task)["follow_up_on"] == (date.today() + timedelta(days=10)).isoformat()


def test_part_payment_then_write_off_from_the_owed_tab(qtbot, window, three, monkeypatch):
    bought = datetime.now(timezone.utc) - timedelta(days=5)
    result = purchases.record_purchase(three[0], total_minor=10000, at=bought, status="due", reference="INV-0042")
    window._refresh_tabs()
    window.tabs.setCurrentWidget(window.owed_page)
    assert window.owed.table.item(0, 1).text() == "INV-0042"  # (its number as the receipt and the dossier give it)
    window.owed.table.selectRow(0)
    qtbot.mouseClick(window.owed.payment_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(window.owed, PaymentDialog)
    dialog.amount.clear()
    type_text(dialog.amount, "30")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert purchases.owed_minor(result.purchase_id) == 7000
    assert "70.00" in window.owed.table.item(0, 4).text()
    window.owed.table.selectRow(0)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(window.owed.write_off_button, Qt.MouseButton.LeftButton)
    assert "on purchase INV-0042?" in asked[0]
    assert window.owed.table.rowCount() == 0
    assert purchases.purchase_json(result.purchase_id)["status"] == "written_off"


def test_setting_who_referred_a_customer(qtbot, window, three):
    window.refresh([three[1]])
    window.referrer_action.trigger()
    dialog = dialog_of(window, ReferrerDialog)
    type_text(dialog.search, "marta")
    assert dialog.choice.currentData() == three[0]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert referrals.referrer_of(three[1]) == three[0]
    assert window.detail.values["referred_by"].text() == "Marta Kowalska"
    window.refresh([three[0]])
    assert window.detail.values["referrals"].text() == "José Álvarez"


def test_the_points_statement_runs_to_the_balance(qtbot, window, three):
    purchases.record_purchase(three[0], total_minor=4000)
    loyalty.redeem(three[0], 15)
    window.refresh([three[0]])
    window.statement_action.trigger()
    dialog = dialog_of(window, StatementDialog)
    table = dialog.table
    cells = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert cells[0][1] == "Opening balance" and cells[0][3] == "0"
    assert [row[1:3] for row in cells[1:-1]] == [["Purchase #1", "+40"], ["Redeemed", "-15"]]
    assert cells[-1][1] == "Closing balance" and cells[-1][3] == "25"
    assert [table.item(r, 3).font().bold() for r in range(table.rowCount())] == [True, False, False, True]
    assert table.rowHeight(1) < 2 * table.fontMetrics().height()  # a line of text high with a little room
    dialog.close()


def test_the_points_statement_opens_at_the_size_it_was_left(qtbot, window, three):
    window.refresh([three[0]])
    window.statement_action.trigger()
    first = dialog_of(window, StatementDialog)
    first.resize(640, 500)
    first.close()
    window.statement_action.trigger()
    again = [d for d in window.findChildren(StatementDialog) if d.isVisible()]
    assert [(d.width(), d.height()) for d in again] == [(640, 500)]
    again[0].close()


def test_the_points_statement_opens_at_the_newest_movement_and_the_balance(qtbot, window, three):
    """It opened at the oldest movements, the balance now out of sight at the bottom."""
    for n in range(30):
        loyalty.adjust(three[0], 2, reason=f"Goodwill {n + 1}")
    window.refresh([three[0]])
    window.statement_action.trigger()
    dialog = dialog_of(window, StatementDialog)
    qtbot.waitExposed(dialog)
    table = dialog.table
    last = table.rowCount() - 1
    assert table.verticalScrollBar().maximum() > 0  # (more lines than the window shows)

    def in_sight(row: int) -> bool:
        return table.viewport().rect().contains(table.visualItemRect(table.item(row, 1)))

    assert table.item(last - 1, 1).text() == "Goodwill 30" and in_sight(last - 1)
    assert table.item(last, 1).text() == "Closing balance" and in_sight(last) and table.item(last, 3).text() == "60"
    assert not in_sight(0) and table.currentRow() == last
    dialog.close()


def test_points_lines_say_what_they_are(qtbot, window, three):
    """What the scheme wrote is said in the window's words; what the owner typed, as typed; a redemption with no
    reason by its kind (it showed "redeem")."""
    bought = purchases.record_purchase(three[0], total_minor=4000, reference="R-7")
    purchases.refund_purchase(bought.purchase_id, 1000, reason="Wilted")
    loyalty.redeem(three[0], 5)
    loyalty.adjust(three[0], 3, reason="Refund of purchase at the market, promised")
    window.refresh([three[0]])
    window.detail.kind_filter.setCurrentIndex(window.detail.kind_filter.findText("Points"))
    assert [row[1:] for row in timeline_rows(window)] == [
        ["Points", "Refund of purchase at the market, promised", "+3"], ["Points", "Redeemed", "-5"],
        ["Points", "Refund of purchase R-7: Wilted", "-10"], ["Points", "Purchase R-7", "+40"]]


def test_feedback_can_be_about_a_purchase(qtbot, window, three):
    bought = purchases.record_purchase(three[0], total_minor=2500, reference="R-9")
    window.refresh([three[0]])
    window.feedback_action.trigger()
    dialog = dialog_of(window, FeedbackDialog)
    dialog.kind.setCurrentIndex(1)  # CSAT
    qtbot.mouseClick(dialog.score_group.button(5), Qt.MouseButton.LeftButton)
    assert not dialog.hint.isVisible()
    dialog.purchase.setCurrentIndex(1)
    assert "R-9" in dialog.purchase.currentText() and dialog.purchase.currentText().startswith("Purchase")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    from smallcrm.store.models import Feedback

    (answer,) = Feedback.select()
    assert (answer.kind, answer.score, answer.purchase_id) == ("csat", 5, bought.purchase_id)
    assert satisfaction.complaints() == []


def test_feedback_can_be_about_a_call(qtbot, window, three):
    call = activity.log_interaction(three[1], "call", direction="in", summary="Asked about gluten-free")
    window.refresh([three[1]])
    window.feedback_action.trigger()
    dialog = dialog_of(window, FeedbackDialog)
    index = next(i for i in range(dialog.purchase.count()) if dialog.purchase.itemData(i) == ("call", call))
    dialog.purchase.setCurrentIndex(index)
    assert "gluten-free" in dialog.purchase.currentText()
    qtbot.mouseClick(dialog.score_group.button(9), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    from smallcrm.store.models import Feedback

    (answer,) = Feedback.select()
    assert (answer.kind, answer.score, answer.interaction_id, answer.purchase_id) == ("nps", 9, call, None)


def test_a_sale_typed_and_not_saved_is_not_lost_to_escape(qtbot, window, three, closing_asked):
    window.refresh([three[0]])
    window.call_action.trigger()
    dialog = dialog_of(window, CallDialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed
    assert not dialog.isVisible() and closing_asked == []

    window.purchase_action.trigger()
    dialog = dialog_of(window, PurchaseDialog)
    type_text(dialog.total, "40")
    closing_asked.answers = [False]  # "Keep editing"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(closing_asked) == 1 and dialog.isVisible() and dialog.total.text() == "40"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # "Close without saving"
    assert len(closing_asked) == 2 and not dialog.isVisible()
    assert Purchase.select().count() == 0


def test_items_typed_into_a_sale_ask_and_a_calendar_looked_at_does_not(qtbot, window, three, closing_asked):
    """A sale's items were lost without a question (the table's cells were not looked at); opening the date's
    calendar and closing it asked, as if something had been typed."""
    from PySide6.QtWidgets import QCalendarWidget

    window.refresh([three[0]])
    window.call_action.trigger()
    dialog = dialog_of(window, CallDialog)
    dialog.at.calendarWidget().show()  # (the calendar comes into being when first opened)
    qtbot.waitExposed(dialog.at.calendarWidget())
    dialog.at.calendarWidget().hide()
    assert isinstance(dialog.at.calendarWidget(), QCalendarWidget)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and closing_asked == []

    window.purchase_action.trigger()
    dialog = dialog_of(window, PurchaseDialog)
    dialog.items.setItem(0, 0, QTableWidgetItem("Bouquet of roses"))
    closing_asked.answers = [False]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(closing_asked) == 1 and dialog.isVisible()
    dialog.items.item(0, 0).setText("")  # emptied again: nothing to lose
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(closing_asked) == 1 and not dialog.isVisible()
