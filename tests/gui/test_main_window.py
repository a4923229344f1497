"""The main window driven as a person would: type, click, press keys; assert on what they see."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QInputDialog, QLabel, QMessageBox

from smallcrm.gui import formatting
from smallcrm.gui.contact_form import ContactDialog
from tests.gui.conftest import type_text
from smallcrm.services import contacts


def visible_names(window) -> list[str]:
    model = window.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def save_button(dialog: ContactDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def open_dialog(qtbot, window, action) -> ContactDialog:
    action.trigger()
    dialogs = [d for d in window.findChildren(ContactDialog) if d.isVisible()]
    assert len(dialogs) == 1
    qtbot.waitExposed(dialogs[0])
    return dialogs[0]


def test_an_empty_database_welcomes_the_user(window):
    assert window.stack.currentWidget() is window.welcome
    assert window.count_label.text() == "0 customers"
    assert window.welcome_add.isVisible() and window.welcome_demo.isVisible()
    assert not window.edit_action.isEnabled() and not window.delete_action.isEnabled()


def test_adding_a_contact_in_the_form_checks_as_you_type(qtbot, window, db):
    dialog = open_dialog(qtbot, window, window.new_action)
    assert not save_button(dialog).isEnabled()  # no name yet
    assert dialog.name_error.isVisible() and dialog.name_error.styleSheet() == ""  # (what to fill in, not in red)
    assert dialog.height() <= dialog.screen().availableGeometry().height() - 60  # Save on screen

    type_text(dialog.first_name, "Zoë")
    type_text(dialog.last_name, "Ἀλεξίου")
    assert save_button(dialog).isEnabled()
    assert not dialog.name_error.isVisible()

    type_text(dialog.emails.edits[0], "zoe@@example")
    assert not save_button(dialog).isEnabled()
    error = dialog.emails._rows[0][1]
    assert error.isVisible() and "not an email address" in error.text()

    dialog.emails.edits[0].clear()
    type_text(dialog.emails.edits[0], "Zoe@Example.COM")
    assert len(dialog.emails.edits) == 2  # a fresh line for a second address
    type_text(dialog.emails.edits[1], "zoe.shop@example.org")
    type_text(dialog.phones.edits[0], "+30 21 0123 4567")
    type_text(dialog.tags, "VIP, Newsletter")
    dialog.day.setCurrentIndex(29)
    dialog.month.setCurrentIndex(2)  # February, no year: fine
    assert save_button(dialog).isEnabled()
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    assert visible_names(window) == ["Zoë Ἀλεξίου"]
    assert window.stack.currentWidget() is window.splitter
    assert window.count_label.text() == "1 customer"
    assert window.detail.name.text() == "Zoë Ἀλεξίου"
    saved = contacts.get_contact(window.model.id_at(0))
    assert saved.emails == ["Zoe@example.com", "zoe.shop@example.org"]
    assert [p.e164 for p in saved.phones] == ["+302101234567"]
    assert saved.birthday == "--02-29"
    assert saved.tags == ["Newsletter", "VIP"]


def test_an_impossible_birthday_cannot_be_saved(qtbot, window):
    dialog = open_dialog(qtbot, window, window.new_action)
    type_text(dialog.first_name, "Ada")
    dialog.day.setCurrentIndex(30)
    dialog.month.setCurrentIndex(2)
    type_text(dialog.year, "2023")
    assert dialog.birthday_error.isVisible() and "not a real date" in dialog.birthday_error.text()
    assert not save_button(dialog).isEnabled()
    dialog.accept()  # even forced, nothing is saved
    assert contacts.count_contacts() == 0
    dialog.day.setCurrentIndex(28)
    assert save_button(dialog).isEnabled()


def test_search_as_you_type_narrows_the_list_and_counts(qtbot, window, three):
    window.refresh()
    assert window.count_label.text() == "3 customers"
    with qtbot.waitSignal(window.model.reloaded, timeout=3000):
        type_text(window.search, "kra")
    assert visible_names(window) == ["Marta Kowalska"]
    assert window.count_label.text() == "1 of 3 customers match “kra”"
    contacts.add_contact(contacts.ContactInput(first_name="Zoë", city="Lyon"))  # (as an import adds them)
    window._imported()
    assert window.count_label.text() == "1 of 4 customers match “kra”"  # the book's count, not the one before

    window.search.clear()
    with qtbot.waitSignal(window.model.reloaded, timeout=3000):
        type_text(window.search, "jose")  # accents do not matter
    assert visible_names(window) == ["José Álvarez"]

    window.search.clear()
    with qtbot.waitSignal(window.model.reloaded, timeout=3000):
        type_text(window.search, "601 23")  # phone digits
    assert visible_names(window) == ["Marta Kowalska"]


def shown_texts(widget) -> list[str]:
    from PySide6.QtWidgets import QLabel

    return [label.text() for label in widget.findChildren(QLabel) if label.isVisible() and label.text()]


def test_a_search_that_finds_nobody_says_so_and_how_to_see_everyone_again(qtbot, window, three):
    """The pane went on saying "Select a customer to see everything about them here." with nobody to select."""
    window.refresh([three[0]])
    with qtbot.waitSignal(window.model.reloaded, timeout=3000):
        type_text(window.search, "Zebedee")
    assert visible_names(window) == []
    said = shown_texts(window.detail_area)
    assert said[0] == "No customer matches “Zebedee”."
    assert "clear the search (Esc) to see all your customers" in said[1]
    assert not any("Select a customer" in text for text in said)
    button = window.detail.clear_search_button
    assert button.isVisible() and button.text() == "Clear Search"
    with qtbot.waitSignal(window.model.reloaded, timeout=3000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.search.text() == "" and len(visible_names(window)) == 3
    assert window.detail.currentIndex() == 1 and window.detail.name.text() == "Marta Kowalska"  # (as chosen before)

    with qtbot.waitSignal(window.model.reloaded, timeout=3000):
        type_text(window.search, "Zebedee")
    assert shown_texts(window.detail_area)[0] == "No customer matches “Zebedee”."
    window.view.setFocus()
    with qtbot.waitSignal(window.model.reloaded, timeout=3000):
        qtbot.keyClick(window.view, Qt.Key.Key_Escape)  # as the pane says
    assert window.search.text() == "" and len(visible_names(window)) == 3


def test_search_waits_for_a_pause_in_typing(qtbot, window, three):
    window.refresh()
    calls = []
    window.model.reloaded.connect(lambda: calls.append(window.model.search_text))
    with qtbot.waitSignal(window.model.reloaded, timeout=3000):
        for ch in "schmidt":
            qtbot.keyClick(window.search, ch)
    qtbot.wait(window.search_timer.interval() + 100)
    assert calls == ["schmidt"]  # one search, not seven


def test_edit_then_undo_and_redo(qtbot, window, three):
    window.refresh([three[0]])
    dialog = open_dialog(qtbot, window, window.edit_action)
    assert dialog.first_name.text() == "Marta"
    dialog.city.clear()
    type_text(dialog.city, "Gdańsk")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert contacts.get_contact(three[0]).city == "Gdańsk"
    assert "Gdańsk" in window.detail.values["address"].text()

    window.undo_action.trigger()
    record = contacts.get_contact(three[0])
    assert record.city == "Kraków"
    assert record.emails == ["marta@kwiaty.pl"] and record.tags == ["VIP"]
    assert "Kraków" in window.detail.values["address"].text()
    window.redo_action.trigger()
    assert contacts.get_contact(three[0]).city == "Gdańsk"


def test_each_phone_in_the_form_says_what_kind_of_number_it_is(qtbot, window, three):
    window.refresh([three[0]])
    dialog = open_dialog(qtbot, window, window.edit_action)
    first, fresh = dialog.phones.label_boxes
    assert first.currentText() == "" and first.isVisible() and first.lineEdit().placeholderText() == "Label"
    assert [first.itemText(i) for i in range(first.count())] == ["", "Mobile", "Home", "Work", "Main", "Other"]
    first.setCurrentIndex(first.findText("Mobile"))
    type_text(dialog.phones.edits[1], "+48 12 345 67 89")
    type_text(dialog.phones.label_boxes[1].lineEdit(), "Kwiaciarnia")  # (words of the owner's own)
    assert dialog.would_lose()
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert [p.label for p in contacts.get_contact(three[0]).phones] == ["mobile", "Kwiaciarnia"]
    assert window.detail.values["phones"].text() == "+48 601 234 567 (Mobile)\n+48 12 345 67 89 (Kwiaciarnia)"

    dialog = open_dialog(qtbot, window, window.edit_action)  # shown again as saved; a label alone is a change
    assert [box.currentText() for box in dialog.phones.label_boxes] == ["Mobile", "Kwiaciarnia", ""]
    assert not dialog.would_lose()
    dialog.phones.label_boxes[0].setCurrentIndex(dialog.phones.label_boxes[0].findText("Work"))
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert [p.label for p in contacts.get_contact(three[0]).phones] == ["work", "Kwiaciarnia"]
    window.undo_action.trigger()
    assert [p.label for p in contacts.get_contact(three[0]).phones] == ["mobile", "Kwiaciarnia"]


def test_each_email_in_the_form_says_what_kind_of_address_it_is(qtbot, window, three):
    window.refresh([three[0]])
    dialog = open_dialog(qtbot, window, window.edit_action)
    first, fresh = dialog.emails.label_boxes
    assert [first.itemText(i) for i in range(first.count())] == ["", "Home", "Work", "Other"]
    first.setCurrentIndex(first.findText("Work"))
    type_text(dialog.emails.edits[1], "marta@example.com")
    type_text(dialog.emails.label_boxes[1].lineEdit(), "home")  # (a kind's name typed is that kind)
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert contacts.get_contact(three[0]).email_labels == ["work", "home"]
    assert window.detail.values["emails"].text() == "marta@kwiaty.pl (Work)\nmarta@example.com (Home)"
    dialog = open_dialog(qtbot, window, window.edit_action)
    assert [box.currentText() for box in dialog.emails.label_boxes] == ["Work", "Home", ""]
    assert not dialog.would_lose()
    boxes = dialog.emails.label_boxes + dialog.phones.label_boxes  # (the emails' and the phones': one column)
    assert len({(box.width(), box.mapTo(dialog, box.rect().topLeft()).x()) for box in boxes}) == 1


def test_a_number_is_moved_up_in_the_form_with_its_label_to_be_the_one_lists_show(qtbot, window, three):
    window.refresh([three[0]])
    dialog = open_dialog(qtbot, window, window.edit_action)
    dialog.phones.label_boxes[0].setCurrentIndex(dialog.phones.label_boxes[0].findText("Work"))
    type_text(dialog.phones.edits[1], "+48 512 345 678")
    type_text(dialog.phones.label_boxes[1].lineEdit(), "Mobile")
    # the first cannot go higher, nor the empty line for one more
    assert [button.isVisible() for button in dialog.phones.up_buttons] == [False, True, False]
    qtbot.mouseClick(dialog.phones.up_buttons[1], Qt.MouseButton.LeftButton)
    assert [edit.text() for edit in dialog.phones.edits] == ["+48 512 345 678", "+48 601 234 567", ""]
    assert [box.currentText() for box in dialog.phones.label_boxes] == ["Mobile", "Work", ""]
    assert dialog.focusWidget() is dialog.phones.edits[0]  # (its line, to go on typing)
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    record = contacts.get_contact(three[0])
    assert [(p.e164, p.label) for p in record.phones] == [("+48512345678", "mobile"), ("+48601234567", "work")]
    assert contacts.contact_rows([three[0]])[three[0]].phone == "+48 512 345 678"


def test_a_phone_label_of_the_owners_own_words_is_read_whole_in_the_form(qtbot, window, three):
    window.refresh([three[0]])
    dialog = open_dialog(qtbot, window, window.edit_action)
    type_text(dialog.phones.label_boxes[0].lineEdit(), "Atelier Oberkampf")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    dialog = open_dialog(qtbot, window, window.edit_action)
    first, fresh = dialog.phones.label_boxes
    shown = first.lineEdit()
    assert shown.text() == "Atelier Oberkampf" and shown.cursorPosition() == 0
    assert shown.fontMetrics().horizontalAdvance(shown.text()) < shown.width()
    assert fresh.width() == first.width()  # (the boxes stay in one column)


def test_undoing_or_redoing_an_edit_keeps_what_changed_since(qtbot, window, three):
    window.refresh([three[0]])
    dialog = open_dialog(qtbot, window, window.edit_action)
    dialog.city.clear()
    type_text(dialog.city, "Gdańsk")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    data = contacts.get_contact(three[0]).to_input()  # (then `smallcrm contacts edit … --notes`)
    contacts.update_contact(three[0], contacts.ContactInput(**{**data.__dict__, "notes": "Pays by card"}))
    window.undo_action.trigger()
    assert (contacts.get_contact(three[0]).city, contacts.get_contact(three[0]).notes) == ("Kraków", "Pays by card")
    window.redo_action.trigger()
    assert (contacts.get_contact(three[0]).city, contacts.get_contact(three[0]).notes) == ("Gdańsk", "Pays by card")


def test_a_customer_whose_purchases_are_older_than_the_book_is_a_customer_since_the_first(qtbot, window, three):
    from smallcrm.services.purchases import record_purchase

    record_purchase(three[1], total_minor=2500, at=datetime(2019, 6, 1, 12, 0, tzinfo=timezone.utc))  # (imported)
    window.refresh([three[1]])
    assert window.detail.values["since"].text() == "Saturday, June 1, 2019"
    window.refresh([three[2]])
    assert window.detail.values["since"].text() == formatting.day(contacts.get_contact(three[2]).created_at
                                                                  .astimezone().date())


def test_a_birthday_is_written_as_the_locale_writes_a_day_without_its_weekday(qtbot, window):
    # US English (the tests' locale) puts the month first; the weekday one was born on says nothing
    shown = []
    for birthday in ("--03-04", "1984-03-04"):
        person = contacts.add_contact(contacts.ContactInput(first_name="Ines", birthday=birthday))
        window.refresh([person])
        shown.append(window.detail.values["birthday"].text())
    assert shown == ["March 4", "March 4, 1984"]


def test_a_consent_given_before_the_book_said_how_is_left_alone_by_a_form_saved_unchanged(qtbot, window, db):
    from smallcrm.store.models import Contact

    eva = contacts.add_contact(contacts.ContactInput(first_name="Eva", email_consent=True))
    Contact.update(email_consent_source="").where(Contact.id == eva).execute()  # (as every consent from before)
    window.refresh([eva])
    dialog = open_dialog(qtbot, window, window.edit_action)
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert not window.undo_stack.canUndo() and contacts.get_contact(eva).email_consent_source == ""


def test_clearing_how_a_customer_agreed_says_in_the_shop_not_nothing(qtbot, window, db):
    ann = contacts.add_contact(contacts.ContactInput(first_name="Ann", email_consent=True,
                                                     email_consent_source="Signed card"))
    window.refresh([ann])
    dialog = open_dialog(qtbot, window, window.edit_action)
    dialog.email_consent_source.clear()
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert contacts.get_contact(ann).email_consent_source == "In the shop"


def test_open_complaints_and_money_owed_stand_out_in_red(qtbot, window, three):
    from smallcrm.services.purchases import record_purchase
    from smallcrm.services.satisfaction import open_complaint

    open_complaint(three[1], category="Quality", description="Wilted")
    record_purchase(three[1], total_minor=2500, status="due")
    window.refresh([three[1]])
    figures = window.detail.figures
    assert figures["complaints"].text() == "1 open" and "color" in figures["complaints"].styleSheet()
    assert "color" in figures["owed"].styleSheet()
    window.refresh([three[2]])
    assert figures["complaints"].styleSheet() == figures["owed"].styleSheet() == ""


def test_delete_goes_to_the_trash_and_undo_brings_it_back(qtbot, window, three):
    window.refresh([three[1]])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert "José Álvarez" not in visible_names(window)
    assert contacts.get_contact(three[1]).deleted_at is not None
    assert "Trash" in window.statusBar().currentMessage()
    assert window.count_label.text() == "2 customers"

    window.undo_action.trigger()
    assert "José Álvarez" in visible_names(window)
    assert contacts.get_contact(three[1]).deleted_at is None


def tags_shown(window) -> dict[str, str]:
    column = [c[0] for c in window.model.COLUMNS].index("tags")
    return {window.model.index(r, 0).data(): window.model.index(r, column).data() or ""
            for r in range(window.model.rowCount())}


def test_a_tag_given_to_and_taken_off_the_selected_customers_undoably(qtbot, window, three):
    marta, jose, anna = three
    window.refresh()
    window.view.selectAll()
    dialog = window.add_tag()
    assert dialog.labelText() == "Tag for 3 customers:" and dialog.comboBoxItems() == ["VIP"]
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # nothing typed yet
    typed = dialog.findChild(QComboBox).lineEdit()
    qtbot.keyClicks(typed, "a,b")
    assert typed.text() == "ab"  # a comma separates tags: it cannot be typed in one
    typed.clear()
    dialog.setTextValue("  vip ")
    assert ok.isEnabled()
    dialog.accept()  # "vip" is the book's "VIP": Marta has it
    assert [contacts.get_contact(i).tags for i in three] == [["VIP"]] * 3
    assert window.statusBar().currentMessage() == "Tagged 2 customers “VIP”."  # as the book writes it
    assert window.undo_stack.undoText() == "Tag 2 customers “VIP”"
    assert tags_shown(window)["José Álvarez"] == "VIP"  # the list shows it at once
    assert len(window.selected_ids()) == 3  # and the selection stays, for the next tag

    window.undo_action.trigger()
    assert [contacts.get_contact(i).tags for i in three] == [["VIP"], [], []]
    assert tags_shown(window)["José Álvarez"] == ""
    window.redo_action.trigger()
    assert contacts.get_contact(anna).tags == ["VIP"]

    window.view.clearSelection()
    window.refresh([jose])
    dialog = window.remove_tag()
    assert dialog.labelText() == "Tag to take off 1 customer:" and dialog.comboBoxItems() == ["VIP"]
    dialog.setTextValue("VIP")
    dialog.accept()
    assert contacts.get_contact(jose).tags == [] and contacts.get_contact(marta).tags == ["VIP"]
    assert window.statusBar().currentMessage() == "Took “VIP” off 1 customer."
    assert window.remove_tag() is None and "no tags" in window.statusBar().currentMessage()
    window.undo_action.trigger()
    assert contacts.get_contact(jose).tags == ["VIP"]


def test_the_trash_fits_its_columns_to_its_width(qtbot, window, three):
    """At its size on opening the Trash scrolled sideways, its country and tags out of sight."""
    contacts.delete_contacts(three + [contacts.add_contact(contacts.ContactInput(
        first_name="Margherita", last_name="Canevascini", company="Construcción Cañete", city="Kraków-Nowa Huta",
        emails=["margherita.bixio@gmail.com"], phones=["+49 1512 38249123"], country="United Kingdom"))])
    trash = window.show_trash()
    qtbot.waitExposed(trash)
    view, header = trash.view, trash.view.horizontalHeader()
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]

    def fits() -> bool:
        QApplication.processEvents()
        return (sum(header.sectionSize(c) for c in shown) <= view.viewport().width()
                and view.horizontalScrollBar().maximum() == 0)

    assert fits()  # (on this 800 by 600 screen, as on any)
    assert [view.model().headerData(c, Qt.Orientation.Horizontal) for c in shown] == [
        "Name", "Company", "Email", "Phone", "City"]  # (country and tags: in the header's menu, as in the list)
    trash.resize(880, 460)  # as it opens on a larger screen
    assert fits() and all(header.sectionSize(c) >= view.sizeHintForColumn(c) for c in shown)  # every value whole
    letters = view.fontMetrics()  # and a gap after it: a name does not run into the company beside it
    assert header.sectionSize(0) >= letters.horizontalAdvance("Margherita Canevascini") + 2 * letters.averageCharWidth()
    contacts.delete_contacts([contacts.add_contact(contacts.ContactInput(
        first_name="Bartholomew", last_name="Featherstonehaugh-Montgomery", company="Kwiaciarnia i Pracownia "
        "Florystyczna Kowalska", emails=["bartholomew.featherstonehaugh@florystyka-kowalska.com.pl"]))])
    trash.refresh()
    assert fits()  # the longest cut short (whole in its tooltip), the phone numbers whole
    assert header.sectionSize(3) >= view.sizeHintForColumn(3)
    trash.close()


@pytest.mark.parametrize("show", ["show_trash", "show_past_imports"])
def test_the_trash_and_past_imports_open_at_the_size_they_were_left(qtbot, window, three, show):
    first = getattr(window, show)()
    qtbot.waitExposed(first)
    first.resize(700, 380)
    first.close()
    again = getattr(window, show)()
    assert (again.width(), again.height()) == (700, 380)
    again.close()


def test_restore_from_the_trash_is_undoable_too(qtbot, window, three):
    window.refresh([three[2]])
    window.delete_action.trigger()
    trash = window.show_trash()
    qtbot.waitExposed(trash)
    assert trash.model.rowCount() == 1
    trash.view.selectRow(0)
    qtbot.mouseClick(trash.restore_button, Qt.MouseButton.LeftButton)
    assert trash.model.rowCount() == 0 and "empty" in trash.intro.text()
    assert "Anna Schmidt" in visible_names(window)
    window.undo_action.trigger()
    assert "Anna Schmidt" not in visible_names(window)
    trash.close()


def test_delete_for_good_asks_first(qtbot, window, three):
    contacts.delete_contacts([three[0]])
    trash = window.show_trash()
    assert trash.intro.text().startswith("1 deleted customer. Restore puts them back")
    name_width = trash.view.horizontalHeader().sectionSize(0)
    assert name_width >= trash.view.fontMetrics().horizontalAdvance("Marta Kowalska")  # whole, on one line
    trash.view.selectRow(0)

    def answer(button_text):
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and "cannot be undone" in box.informativeText()
        assert box.text() == "Delete this customer for good?"
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(50, lambda: answer("Cancel"))
    trash.purge_selected()
    assert trash.model.rowCount() == 1
    QTimer.singleShot(50, lambda: answer("Delete for good"))
    trash.purge_selected()
    assert trash.model.rowCount() == 0
    assert contacts.count_contacts(trash=True) == 0
    trash.close()


def test_undoing_an_add_moves_it_to_the_trash(qtbot, window):
    dialog = open_dialog(qtbot, window, window.new_action)
    type_text(dialog.company, "Café Luna")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert visible_names(window) == ["Café Luna"]
    window.undo_action.trigger()
    assert visible_names(window) == []
    assert window.stack.currentWidget() is window.welcome
    assert contacts.count_contacts(trash=True) == 1  # not lost: in the Trash
    window.redo_action.trigger()
    assert visible_names(window) == ["Café Luna"]


def test_keyboard_shortcuts(qtbot, window, three):
    window.refresh([three[0]])
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialogs = [d for d in window.findChildren(ContactDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].reject()


def test_tooltips_name_the_shortcut_only_when_there_is_one(window):
    assert window.edit_action.toolTip() == "Change the selected customer (Ctrl+E)"
    assert window.add_tag_action.toolTip() == "Give the selected customers a tag"
    assert not any(a.toolTip().endswith("()") for a in window.actions())


def test_sorting_by_a_column_header(qtbot, window, three):
    window.refresh()
    assert visible_names(window) == ["José Álvarez", "Marta Kowalska", "Anna Schmidt"]  # by last name
    with qtbot.waitSignal(window.model.reloaded, timeout=3000):
        window.view.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # city, Z to A
    assert [window.model.data(window.model.index(r, 4)) for r in range(3)] == ["Sevilla", "Kraków", "Berlin"]
    with qtbot.waitSignal(window.model.reloaded, timeout=3000):
        window.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # company; empty ones first
    assert [window.model.data(window.model.index(r, 1)) for r in range(3)] == ["", "Bäckerei Schmidt", "Kwiaciarnia"]


def test_window_geometry_splitter_and_columns_are_remembered(qtbot, make_window, three):
    first = make_window()
    first.resize(700, 500)
    first.splitter.setSizes([700, 300])
    first.view.horizontalHeader().resizeSection(2, 333)
    first.close()
    second = make_window()
    assert (second.size().width(), second.size().height()) == (700, 500)
    assert second.view.horizontalHeader().sectionSize(2) == 333
    assert abs(second.splitter.sizes()[0] - first.splitter.sizes()[0]) <= 2


def test_at_first_the_list_columns_fit_the_list_and_a_phone_number_fits_its_column(qtbot, make_window, three):
    window = make_window()
    header, view = window.view.horizontalHeader(), window.view
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    assert shown == [0, 1, 2, 3, 4]  # country and tags wait in the header's menu
    assert sum(header.sectionSize(c) for c in shown) <= view.viewport().width()
    qtbot.waitUntil(lambda: not view.horizontalScrollBar().isVisible())
    assert header.sectionSize(3) > view.fontMetrics().horizontalAdvance("+49 1512 3824912")
    window.resize(900, 700)  # they follow the window's width...
    qtbot.waitUntil(lambda: sum(header.sectionSize(c) for c in shown) <= view.viewport().width())
    assert header.sectionSize(2) < 170
    header.setSectionHidden(6, False)  # ...until a column is sized by hand; what the header's menu chose is kept
    header.resizeSection(2, 150)
    window.resize(1300, 700)
    qtbot.wait(50)
    assert header.sectionSize(2) == 150
    window.close()
    again = make_window()
    assert not again.view.horizontalHeader().isSectionHidden(6)
    assert again.view.horizontalHeader().sectionSize(2) == 150 and not again.columns.following


def test_the_list_headers_menu_shows_and_hides_columns_but_never_the_name(qtbot, three, window):
    from smallcrm.gui.columns import _column_menu

    header = window.view.horizontalHeader()
    menu = _column_menu(window.view, (0,), window.columns)
    actions = {a.text(): a for a in menu.actions() if a.text()}
    assert list(actions)[:7] == ["Name", "Company", "Email", "Phone", "City", "Country", "Tags"]
    assert not actions["Name"].isEnabled() and actions["Phone"].isChecked() and not actions["Tags"].isChecked()
    window.resize(1200, 760)
    window.splitter.setSizes([700, 500])
    qtbot.waitUntil(lambda: window.view.viewport().width() > 600)
    actions["Tags"].trigger()
    actions["Phone"].trigger()
    assert not header.isSectionHidden(6) and header.isSectionHidden(3)
    shown = [c for c in range(7) if not header.isSectionHidden(c)]
    assert window.columns.following and sum(header.sectionSize(c) for c in shown) <= window.view.viewport().width()
    header.resizeSection(0, 600)
    assert not window.columns.following
    actions["Fit Columns to Width"].trigger()
    assert sum(header.sectionSize(c) for c in range(7) if not header.isSectionHidden(c)) <= (
        window.view.viewport().width()) and window.columns.following


def test_detail_pane_shows_fields_and_activity(qtbot, window, three):
    from datetime import datetime, timezone

    from smallcrm.store.models import Contact, Interaction, Purchase

    when = datetime(2025, 3, 1, 10, 0, tzinfo=timezone.utc)
    Purchase.create(contact=three[0], occurred_at=when, currency="EUR", total_minor=4250, reference="R-1",
                    created_at=when)
    Interaction.create(contact=three[0], kind="call", direction="in", occurred_at=when, summary="Asked about roses",
                       duration_seconds=300, created_at=when)
    window.refresh([three[0]])
    detail = window.detail
    assert detail.values["emails"].text() == "marta@kwiaty.pl"
    assert detail.values["tags"].text() == "VIP"
    assert detail.values["external"].isHidden()  # no number from another system: no empty row
    Contact.update(external_id="7021458").where(Contact.id == three[0]).execute()
    window.refresh([three[0]])
    assert detail.values["external"].text() == "7021458" and not detail.values["external"].isHidden()
    assert detail.timeline.topLevelItemCount() == 2
    line = detail.timeline.fontMetrics().height() + 8  # as high as the customer list's rows
    assert detail.timeline.visualItemRect(detail.timeline.topLevelItem(1)).height() == line
    texts = [[detail.timeline.topLevelItem(i).text(c) for c in range(4)] for i in range(2)]
    assert any("Asked about roses" in t[2] and t[3] == "5 min" for t in texts)
    assert any(t[1] == "Purchase" and "42" in t[3] for t in texts)
    detail.kind_filter.setCurrentIndex(2)  # purchases only
    assert detail.timeline.topLevelItemCount() == 1


def test_a_narrow_detail_pane_wraps_its_buttons_and_figures_rather_than_cut_them_off(qtbot, window, three):
    window.refresh([three[0]])
    detail = window.detail
    widgets = [*detail.action_buttons, *detail.figures.values()]

    def lines_and_fit() -> tuple[int, int, bool]:
        QApplication.processEvents()
        right = detail.scroll.viewport().width()
        inside = all(w.mapTo(detail.scroll.viewport(), w.rect().topRight()).x() <= right for w in widgets)
        tops = {b.mapTo(detail, b.rect().topLeft()).y() for b in detail.action_buttons}
        columns = {f.parentWidget().mapTo(detail, f.rect().topLeft()).x() for f in detail.figures.values()}
        return len(tops), len(columns), inside and not detail.scroll.horizontalScrollBar().isVisible()

    window.resize(1200, 760)
    window.splitter.setSizes([600, 600])
    assert lines_and_fit() == (1, 4, True)  # room enough: one line of buttons, four columns of figures
    window.splitter.setSizes([850, 350])
    lines, columns, fits = lines_and_fit()
    assert lines >= 2 and columns < 4 and fits


def test_the_detail_panes_buttons_wrap_two_and_two_in_columns_of_one_width(qtbot, window, three):
    """Four buttons where three would fit: two lines of two, each column's buttons as wide as each other (not three
    and a lone fourth)."""
    window.refresh([three[0]])
    detail = window.detail
    buttons = detail.action_buttons
    window.resize(1200, 760)
    widths = sorted(b.sizeHint().width() for b in buttons)
    three_fit = sum(widths[1:]) + 2 * 4 + 40  # the three widest, their gaps, and room to spare but not for a fourth
    assert three_fit < sum(widths) + 3 * 4
    margins = detail.width() - detail.scroll.viewport().width()
    left, _, right, _ = detail.layout().getContentsMargins()
    window.splitter.setSizes([window.width() - three_fit - margins - left - right, three_fit + margins + left + right])
    QApplication.processEvents()
    places = [(b.mapTo(detail, b.rect().topLeft()), b.width()) for b in buttons]
    assert len({p.y() for p, _ in places}) == 2
    assert [p.y() for p, _ in places].count(places[0][0].y()) == 2
    assert places[0][0].x() == places[2][0].x() and places[0][1] == places[2][1]
    assert places[1][0].x() == places[3][0].x() and places[1][1] == places[3][1]


def busy_customer(contact_id: int) -> None:
    """Twelve weeks of purchases and calls."""
    from datetime import timedelta

    from smallcrm.services import activity, purchases

    start = datetime(2026, 1, 5, 10, 15, tzinfo=timezone.utc)
    for week in range(12):
        purchases.record_purchase(contact_id, total_minor=1250 + 100 * week, reference=f"R-{week:03d}",
                                  at=start + timedelta(weeks=week))
        activity.log_interaction(contact_id, "call", direction="in", summary=f"Asked about order {week} and delivery",
                                 at=start + timedelta(weeks=week, hours=2))


def test_on_a_small_screen_the_customers_activity_is_in_sight_and_its_details_have_room(qtbot, window, three):
    """At 1024 by 600 the Activity list was below the fold of the pane, its Details column about 100 pixels wide."""
    busy_customer(three[0])
    window.resize(1024, 600)
    window.refresh([three[0]])
    QApplication.processEvents()
    tree = window.detail.timeline
    line = tree.visualItemRect(tree.topLevelItem(0)).height()
    seen = tree.visibleRegion().boundingRect()
    assert seen.height() >= tree.header().height() + 6 * line  # its heading and six lines, nothing scrolled
    assert window.detail.scroll.verticalScrollBar().value() == 0
    assert tree.mapTo(window, tree.rect().bottomLeft()).y() < window.statusBar().y()
    assert tree.columnWidth(2) >= 30 * tree.fontMetrics().averageCharWidth()  # Details: the room the others leave
    assert tree.columnWidth(2) > max(tree.columnWidth(c) for c in (0, 1, 3))

    window.resize(1366, 768)  # where there is room, every field and the activity at once
    QApplication.processEvents()
    assert window.detail.scroll.verticalScrollBar().maximum() == 0
    assert tree.visibleRegion().boundingRect().height() >= tree.header().height() + 6 * line


def test_the_split_follows_the_windows_width_until_moved_by_hand(qtbot, make_window, three):
    from PySide6.QtCore import QPoint

    window = make_window()
    letter = window.fontMetrics().averageCharWidth()
    window.resize(1024, 600)  # the pane as wide as its activity wants, the list as wide as its columns want
    assert window.splitter.sizes()[1] >= 80 * letter and window.splitter.sizes()[0] >= 90 * letter
    window.resize(1600, 900)
    assert window.splitter.sizes()[1] == 1600 * 2 // 5  # two fifths where there is room
    window.resize(780, 560)  # (the test screen's size: the next window opens as large)
    handle = window.splitter.handle(1)
    middle = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=middle)
    qtbot.mouseMove(handle, middle - QPoint(60, 0))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=middle - QPoint(60, 0))
    moved = window.splitter.sizes()
    assert not window.split_follows and moved[0] < 780 * 3 // 5 - 40
    window.close()
    again = make_window()
    assert not again.split_follows and abs(again.splitter.sizes()[0] - moved[0]) <= 2


def contrast(a, b) -> float:
    """The contrast ratio of two colours (WCAG 2)."""
    def luminance(colour) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_detail_panes_captions_are_readable_in_light_and_dark(qtbot, window, three):
    """The captions were drawn in the disabled text colour: about 1.6 to 1 on the window's background."""
    from PySide6.QtGui import QColor, QPalette

    window.refresh([three[0]])
    detail = window.detail
    captions = [detail._rows["emails"], detail._rows["phones"], detail._rows["since"],
                *(value.parentWidget().layout().itemAt(0).widget() for value in detail.figures.values())]
    assert [c.text() for c in captions[3:5]] == ["Spent", "Purchases"]

    def worst() -> float:
        background = detail.palette().color(QPalette.ColorRole.Window)
        groups = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
        return min(contrast(c.palette().color(group if c.isEnabled() else QPalette.ColorGroup.Disabled,
                                              c.foregroundRole()), background) for c in captions for group in groups)

    assert worst() >= 4.5
    window.setPalette(QPalette(QColor("#353535"), QColor("#2b2b2b")))  # a dark palette, chosen meanwhile
    assert detail.palette().color(QPalette.ColorRole.Window).lightness() < 128
    assert worst() >= 4.5


def test_customer_text_is_never_read_as_markup(qtbot, window):
    contact_id = contacts.add_contact(contacts.ContactInput(first_name="<b>Bob</b>", last_name="& Co"))
    window.refresh([contact_id])
    assert window.detail.name.text() == "<b>Bob</b> & Co"
    assert window.detail.name.textFormat() == Qt.TextFormat.PlainText


def test_consent_in_the_form_says_how_they_agreed(qtbot, window, db):
    dialog = open_dialog(qtbot, window, window.new_action)
    type_text(dialog.first_name, "Ines")
    assert not dialog.email_consent_source.isEnabled() and not dialog.sms_consent_source.isEnabled()
    assert dialog.sms_consent_source.placeholderText() == "at the counter, web form, signed card"
    qtbot.mouseClick(dialog.sms_consent, Qt.MouseButton.LeftButton)
    assert dialog.sms_consent_source.isEnabled() and not dialog.email_consent_source.isEnabled()
    type_text(dialog.sms_consent_source, "  at the counter ")
    qtbot.mouseClick(dialog.email_consent, Qt.MouseButton.LeftButton)  # ticked, nothing said about how
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    saved = contacts.get_contact(window.model.id_at(0))
    assert (saved.sms_consent, saved.sms_consent_source) == (True, "at the counter")
    assert (saved.email_consent, saved.email_consent_source) == (True, "In the shop")
    day = formatting.day(saved.sms_consent_at.astimezone().date())
    assert window.detail.values["marketing"].text().splitlines() == [
        f"Email (since {day}, In the shop)", f"SMS (since {day}, at the counter)"]


@pytest.mark.parametrize("language", ["English", "French"])
def test_in_the_form_the_boxes_for_how_they_agreed_line_up(qtbot, request, language, make_window):
    if language == "French":
        request.getfixturevalue("french")
    window = make_window()
    dialog = open_dialog(qtbot, window, window.new_action)
    email, sms = dialog.email_consent_source, dialog.sms_consent_source
    assert email.mapTo(dialog, email.rect().topLeft()).x() == sms.mapTo(dialog, sms.rect().topLeft()).x()
    assert email.width() == sms.width()
    assert sms.mapTo(dialog, sms.rect().topLeft()).y() > email.mapTo(dialog, email.rect().bottomLeft()).y()
    for box in (dialog.email_consent, dialog.sms_consent):  # each box's words whole, left of the boxes
        assert box.mapTo(dialog, box.rect().topRight()).x() < email.mapTo(dialog, email.rect().topLeft()).x()
        assert box.width() >= box.sizeHint().width()


def test_changing_how_they_agreed_keeps_the_date_and_unticking_withdraws(qtbot, window, db):
    from smallcrm.store.models import Contact

    contact_id = contacts.add_contact(contacts.ContactInput(first_name="Ines", email_consent=True,
                                                            email_consent_source="web form"))
    Contact.update(email_consent_at="2024-08-21T09:00:00Z").where(Contact.id == contact_id).execute()
    window.refresh([contact_id])
    since = formatting.day(datetime(2024, 8, 21, 9, tzinfo=timezone.utc).astimezone().date())
    assert f"(since {since}, web form)" in window.detail.values["marketing"].text()
    dialog = open_dialog(qtbot, window, window.edit_action)
    assert dialog.email_consent_source.isEnabled() and dialog.email_consent_source.text() == "web form"
    dialog.email_consent_source.clear()
    type_text(dialog.email_consent_source, "signed card")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    saved = contacts.get_contact(contact_id)
    assert saved.email_consent_source == "signed card"
    assert saved.email_consent_at.isoformat() == "2024-08-21T09:00:00+00:00"

    dialog = open_dialog(qtbot, window, window.edit_action)
    qtbot.mouseClick(dialog.email_consent, Qt.MouseButton.LeftButton)
    assert not dialog.email_consent_source.isEnabled()
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    saved = contacts.get_contact(contact_id)
    assert (saved.email_consent, saved.email_consent_at, saved.email_consent_source) == (False, None, "")
    assert window.detail.values["marketing"].text() == "No consent given"
    window.undo_action.trigger()  # the edit is undone with where the consent came from
    saved = contacts.get_contact(contact_id)
    assert (saved.email_consent, saved.email_consent_source) == (True, "signed card")


def test_the_search_box_stays_in_sight_on_a_small_screen_and_find_reaches_it(qtbot, window, three):
    window.resize(1400, 800)
    qtbot.wait(50)
    assert window.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    window.resize(800, 600)  # a small laptop's screen: the icons alone, their words in tooltips
    qtbot.waitUntil(lambda: window.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly, timeout=2000)
    search = window.search
    qtbot.waitUntil(search.isVisible, timeout=2000)
    assert window.toolbar.rect().contains(search.geometry())
    window.find_action.trigger()
    assert search.hasFocus()
    type_text(search, "Kowal")
    qtbot.waitUntil(lambda: visible_names(window) == ["Marta Kowalska"], timeout=2000)


def test_in_french_on_a_1024_pixel_screen_the_toolbar_keeps_its_words_but_undos_and_redos(qtbot, french, make_window):
    window = make_window()
    window.resize(1024, 700)
    toolbar = window.toolbar
    qtbot.waitUntil(lambda: window.search.isVisible() and toolbar.rect().contains(window.search.geometry()),
                    timeout=2000)

    def shown(action) -> bool:  # its words beside its icon: the button is wider than its words
        button = toolbar.widgetForAction(action)
        return button.width() > button.fontMetrics().horizontalAdvance(action.iconText())

    worded = [window.new_action, window.edit_action, window.delete_action, window.import_action, window.trash_action]
    assert [a.iconText() for a in worded] == ["Nouveau client", "Modifier le client", "Supprimer", "Importer",
                                              "Corbeille"]
    assert all(shown(action) for action in worded)
    assert not shown(window.undo_action) and not shown(window.redo_action)  # (their words in their tooltips)
    assert all(toolbar.widgetForAction(a).isVisible() for a in worded + [window.undo_action, window.redo_action])
    window.resize(1400, 800)  # room for every word again
    qtbot.waitUntil(lambda: shown(window.undo_action) and shown(window.redo_action), timeout=2000)


def test_escape_in_a_customer_form_with_something_typed_asks_before_it_is_lost(qtbot, window, db, closing_asked):
    from smallcrm.store.models import Contact

    dialog = open_dialog(qtbot, window, window.new_action)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: closes at once
    assert not dialog.isVisible() and closing_asked == []

    dialog = open_dialog(qtbot, window, window.new_action)
    type_text(dialog.first_name, "Zoë")
    type_text(dialog.emails.edits[0], "zoe@example.com")
    closing_asked.answers = [False]  # "Keep editing"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert closing_asked == [("New customer", "Close without saving? What you typed or chose here would be lost.")]
    assert dialog.isVisible() and dialog.first_name.text() == "Zoë"
    dialog.close()  # the window's close button asks too; "Close without saving"
    assert len(closing_asked) == 2 and not dialog.isVisible()
    assert Contact.select().count() == 0


def test_editing_a_customer_and_typing_it_back_as_it_was_closes_without_asking(qtbot, window, three, closing_asked):
    window.refresh([three[0]])
    dialog = open_dialog(qtbot, window, window.edit_action)
    assert dialog.first_name.text() == "Marta"
    dialog.first_name.clear()
    type_text(dialog.first_name, "Marta")
    edit = dialog.phones.edits[-1]
    type_text(edit, "0")  # (a fresh line shows for one more number)
    edit.clear()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and closing_asked == []


def test_the_question_before_typed_work_is_lost_keeps_it_on_enter_and_escape(qtbot, app, closing_asked):
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    answers, seen = [], []

    def press(key) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, lambda: press(key))
            return
        seen.append(([b.text() for b in box.buttons()], box.defaultButton().text(), box.escapeButton().text()))
        qtbot.keyClick(box, key)

    for key in (Qt.Key.Key_Return, Qt.Key.Key_Escape):
        QTimer.singleShot(20, lambda key=key: press(key))
        answers.append(closing_asked.real(parent, "New customer", "Close without saving?", "Close without saving",
                                          "Keep editing"))
    assert answers == [False, False]
    for buttons, default, escape in seen:
        assert sorted(buttons) == ["Close without saving", "Keep editing"]
        assert default == escape == "Keep editing"


def test_the_settings_windows_close_at_once_unless_something_was_changed(qtbot, window, closing_asked):
    for open_settings in (window.edit_business, window.edit_loyalty):
        dialog = open_settings()
        qtbot.waitExposed(dialog)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible() and closing_asked == []
    dialog = window.edit_business()
    qtbot.waitExposed(dialog)
    type_text(dialog.name, "Kwiaciarnia Marta")
    closing_asked.answers = [False]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(closing_asked) == 1 and dialog.isVisible()
    dialog.reject()


def test_settings_ask_for_a_tier_a_logo_or_text_moved_and_not_for_a_tab_or_the_loyalty_window(
        qtbot, window, three, closing_asked):
    """Clicking a tab of Settings, or opening Loyalty Programme… from it, asked on Cancel; renaming a tier,
    removing the logo, or moving a name to another field, did not."""
    from PySide6.QtWidgets import QTableWidgetItem

    from smallcrm.services.settings import set_setting

    set_setting("business_logo", "aGVsbG8=")
    dialog = window.edit_business()
    qtbot.waitExposed(dialog)
    for page in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(page)
    loyalty = dialog.edit_loyalty()
    qtbot.waitExposed(loyalty)
    loyalty.reject()
    dialog.tabs.setCurrentIndex(0)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and closing_asked == []

    dialog = window.edit_business()
    qtbot.waitExposed(dialog)
    dialog.remove_logo.click()
    closing_asked.answers = [False, True]  # "Keep editing", then "Close without saving"
    dialog.reject()
    assert len(closing_asked) == 1 and dialog.isVisible()
    dialog.reject()
    assert len(closing_asked) == 2 and not dialog.isVisible()

    loyalty = window.edit_loyalty()
    qtbot.waitExposed(loyalty)
    loyalty.tiers.setItem(loyalty.tiers.rowCount() - 1, 0, QTableWidgetItem("Platinum"))
    closing_asked.answers = [False]
    loyalty.reject()
    assert len(closing_asked) == 3 and loyalty.isVisible()
    closing_asked.answers = [True]
    loyalty.reject()

    window.refresh([three[0]])
    form = open_dialog(qtbot, window, window.edit_action)
    name = form.company.text()
    form.company.setText(form.city.text())
    form.city.setText(name)  # the same words, in other fields
    closing_asked.answers = [False]
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert len(closing_asked) == 5 and form.isVisible()


def test_looking_at_an_imported_customer_or_undoing_an_edit_or_a_tag_leaves_the_import_undoable(
        qtbot, window, db, tmp_path):
    from smallcrm.services.importing.contacts_import import ImportOptions, import_contacts, undo_import

    def imported():
        source = tmp_path / "list.csv"
        source.write_text("First Name,Last Name,Email,Phone,City,Email consent\n"
                          "Maria,Lopez,maria@example.es,+34 612 34 56 78 ext. 5,Sevilla,yes\n", encoding="utf-8")
        batch = import_contacts(source, ImportOptions(region="ES")).batch
        window.refresh()
        window.view.selectRow(0)
        return batch, window.model.id_at(0)

    batch, maria = imported()
    dialog = open_dialog(qtbot, window, window.edit_action)
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)  # looked at, saved unchanged
    assert not window.undo_stack.canUndo()  # (nothing to undo: nothing was written)
    undo_import(batch)

    batch, maria = imported()
    dialog = open_dialog(qtbot, window, window.edit_action)
    type_text(dialog.city, " Centro")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert contacts.get_contact(maria).city == "Sevilla Centro"
    window.undo_action.trigger()  # the edit taken back: as the import left her
    assert contacts.get_contact(maria).city == "Sevilla"
    window.view.selectRow(0)
    window.add_tag().setTextValue("VIP")
    window.findChild(QInputDialog).accept()
    assert contacts.get_contact(maria).tags == ["VIP"]
    window.undo_action.trigger()
    undo_import(batch)  # (it was refused: "Maria Lopez was changed after this import")
    assert contacts.count_contacts() == 0


def test_the_form_shows_phone_numbers_as_the_list_does_and_saves_them_as_they_were(qtbot, window, db):
    """The form showed "+4915112345678" where the list shows "01511 2345678"."""
    from smallcrm.services.settings import set_setting
    from smallcrm.services.validation import phone_text

    set_setting("default_region", "DE")
    contact_id = contacts.add_contact(contacts.ContactInput(
        first_name="Jonas", city="Berlin", phones=["+49 1511 2345678", "+49 30 1234567 ext. 12", "+48 601 234 567"]))
    window.refresh([contact_id])

    def stored() -> list[tuple[str | None, str]]:
        return [(p.e164, phone_text(p.e164, p.raw)) for p in contacts.get_contact(contact_id).phones]

    before = stored()
    dialog = open_dialog(qtbot, window, window.edit_action)
    shown = [edit.text() for edit in dialog.phones.edits if edit.text()]
    assert shown[0] == window.model.data(window.model.index(window.model.row_of(contact_id), 3))  # as the list
    assert shown == ["01511 2345678", "030 1234567 ext. 12", "+48 601 234 567"]
    assert not any(label.isVisible() and label.text() for label in dialog.phones.findChildren(QLabel))  # no hint
    assert not dialog.would_lose()
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)  # nothing changed: nothing saved, or to undo
    assert stored() == before and not window.undo_stack.canUndo()

    dialog = open_dialog(qtbot, window, window.edit_action)
    data = contacts.get_contact(contact_id).to_input()  # (meanwhile, the command line adds a phone)
    contacts.update_contact(contact_id, contacts.ContactInput(**{**data.__dict__, "phones": [
        *data.phones, "+49 40 7654321"]}), region="DE")
    type_text(dialog.city, "-Mitte")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)  # the phones untouched: not changed by the form
    assert window.statusBar().currentMessage() == (
        "Jonas had been changed meanwhile; those changes were kept too: Phones.")
    assert contacts.get_contact(contact_id).city == "Berlin-Mitte"
    assert stored() == [*before, ("+49407654321", "+49407654321")]

    dialog = open_dialog(qtbot, window, window.edit_action)
    first = dialog.phones.edits[0]
    first.clear()
    type_text(first, "0151 98765432")  # a number changed: stored as E.164, as ever
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert stored()[0][0] == "+4915198765432" and stored()[1:] == [*before[1:], ("+49407654321", "+49407654321")]


def test_saving_the_form_of_a_customer_removed_meanwhile_says_so(qtbot, window, three):
    from smallcrm.store.models import Contact

    window.refresh([three[0]])
    dialog = open_dialog(qtbot, window, window.edit_action)
    Contact.delete().where(Contact.id == three[0]).execute()  # (as `smallcrm import undo` does to those it added)
    type_text(dialog.city, " Stare Miasto")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    (box,) = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert box.text() == "That record is no longer in the customer book: it was deleted meanwhile."
    box.close()
    assert "Marta Kowalska" not in visible_names(window) and not window.undo_stack.canUndo()


def answer_box(qtbot, button_text: str, meanwhile=None) -> list[str]:
    """Answer the next message box by pressing `button_text` (after calling `meanwhile`, when given); the list gets
    what it said."""
    said: list[str] = []

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press)
            return
        said.extend((box.text(), box.informativeText()))
        if meanwhile is not None:
            meanwhile()
        (button,) = [b for b in box.buttons() if b.text() == button_text]
        button.click()

    QTimer.singleShot(0, press)
    return said


def test_saving_a_form_keeps_what_an_import_changed_meanwhile_and_undo_takes_back_only_the_form(
        qtbot, window, three, tmp_path):
    from smallcrm.services.importing.contacts_import import ImportOptions, import_contacts

    window.refresh([three[0]])
    dialog = open_dialog(qtbot, window, window.edit_action)
    source = tmp_path / "shop.csv"  # (while the form is open: `smallcrm import contacts … --on-duplicate fill`)
    source.write_text("Email,Phone 2,Notes\nmarta@kwiaty.pl,+48 22 123 45 67,Orders tulips in March\n",
                      encoding="utf-8")
    assert import_contacts(source, ImportOptions(region="PL", on_duplicate="fill")).updated == 1
    dialog.city.clear()
    type_text(dialog.city, "Gdańsk")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    record = contacts.get_contact(three[0])
    assert record.city == "Gdańsk"
    assert [p.e164 for p in record.phones] == ["+48601234567", "+48221234567"]  # the form had one: both kept
    assert record.notes == "Orders tulips in March"
    assert window.statusBar().currentMessage() == (
        "Marta Kowalska had been changed meanwhile; those changes were kept too: Phones, Notes.")
    window.undo_action.trigger()
    record = contacts.get_contact(three[0])
    assert (record.city, len(record.phones), record.notes) == ("Kraków", 2, "Orders tulips in March")


def test_a_part_changed_both_in_the_form_and_meanwhile_is_asked_about(qtbot, window, three):
    for answer, city in (("Save mine", "Gdańsk"), ("Keep what is there", "Kraków Podgórze")):
        window.refresh([three[0]])
        dialog = open_dialog(qtbot, window, window.edit_action)
        data = contacts.get_contact(three[0]).to_input()  # (meanwhile: `smallcrm contacts edit … --city`)
        contacts.update_contact(three[0], contacts.ContactInput(**{**data.__dict__, "city": "Kraków Podgórze"}))
        dialog.city.clear()
        type_text(dialog.city, "Gdańsk")
        type_text(dialog.company, " i Syn")
        said = answer_box(qtbot, answer)
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
        assert said == ["While you were editing Marta Kowalska, this was changed elsewhere too (an import, or the "
                        "command line): Address.", "Save what you typed over it, or keep what is there now? The rest "
                        "of what you changed is saved either way."]
        record = contacts.get_contact(three[0])
        assert (record.city, record.company) == (city, "Kwiaciarnia i Syn")
        window.undo_action.trigger()
        assert contacts.get_contact(three[0]).company == "Kwiaciarnia"
        contacts.update_contact(three[0], contacts.ContactInput(**{**data.__dict__, "city": "Kraków"}))


def test_what_changes_while_the_owner_is_asked_is_kept_too(qtbot, window, three):
    def cli_edit(**changes) -> None:
        data = contacts.get_contact(three[0]).to_input()
        contacts.update_contact(three[0], contacts.ContactInput(**{**data.__dict__, **changes}))

    window.refresh([three[0]])
    dialog = open_dialog(qtbot, window, window.edit_action)
    cli_edit(city="Kraków Podgórze")
    dialog.city.clear()
    type_text(dialog.city, "Gdańsk")
    answer_box(qtbot, "Save mine", meanwhile=lambda: cli_edit(notes="Pays by card"))
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    record = contacts.get_contact(three[0])
    assert (record.city, record.notes) == ("Gdańsk", "Pays by card")
    assert window.statusBar().currentMessage() == (
        "Marta Kowalska had been changed meanwhile; those changes were kept too: Notes.")


def test_redoing_an_edit_reads_its_numbers_as_the_form_did(qtbot, window, three):
    from smallcrm.services.settings import set_setting

    set_setting("default_region", "GB")
    window.refresh([three[1]])
    dialog = open_dialog(qtbot, window, window.edit_action)
    type_text(dialog.phones.edits[0], "020 7946 0958")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    set_setting("default_region", "FR")  # (changed in the settings since)
    window.undo_action.trigger()
    window.redo_action.trigger()
    assert [p.e164 for p in contacts.get_contact(three[1]).phones] == ["+442079460958"]


def test_the_customers_pane_writes_the_address_as_the_country_does(qtbot, make_window, db):
    contacts.add_contact(contacts.ContactInput(first_name="Tom", last_name="Hay", street="2 High St", city="London",
                                               postal_code="SW1A 1AA", country="UK"))
    window = make_window()
    window.refresh()
    window.view.selectRow(0)
    assert window.detail.values["address"].text() == "2 High St\nLondon\nSW1A 1AA\nUK"


def test_a_very_long_word_does_not_widen_the_customers_pane_past_the_window(qtbot, make_window, db):
    from PySide6.QtWidgets import QScrollArea

    town = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"
    contacts.add_contact(contacts.ContactInput(first_name="Gareth", last_name="Jones", city=town,
                                               notes="See https://www.example.co.uk/a/long/path/without/spaces.html"))
    window = make_window()
    window.resize(1200, 760)
    window.refresh()
    window.view.selectRow(0)
    qtbot.wait(50)
    (scroll,) = window.detail.findChildren(QScrollArea)
    assert scroll.horizontalScrollBar().maximum() == 0  # it scrolled sideways, the Activity filter out of sight
    address = window.detail.values["address"]
    assert address.text().startswith(town) and address.toolTip() == address.text()  # (whole in its tooltip)
    assert window.detail.values["marketing"].toolTip() == ""  # (none where every word fits)
