"""File ▸ Import… driven as a person would: a French Excel file, through every page, then undone; a German
till's purchases, through every page, agreeing with `smallcrm import purchases` on the same file."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QComboBox, QMessageBox, QWizard

from smallcrm.gui import formatting as fmt
from smallcrm.gui.import_wizard import PROGRESS_TEXT_MS, ImportWizard, _height_of_rows
from smallcrm.services import contacts
from smallcrm.services.settings import default_region, set_setting
from tests.clock import time_zone

FRENCH_EXCEL = (
    "Prénom;Nom;Courriel;Téléphone;Ville;Date de naissance\r\n"
    "Zoë;Lefèvre;zoe@exemple.fr;06 12 34 56 78;Lyon;31/12/1980\r\n"
    "Œdipe;Müller;oedipe@exemple.fr;06 98 76 54 32;Paris;05/04/1975\r\n"
    "José;Núñez;pas-un-email;;Nantes;01/02/1990\r\n"
)


def write_french_file(tmp_path):
    path = tmp_path / "clients.csv"
    path.write_bytes(FRENCH_EXCEL.encode("cp1252"))
    return path


class Asked(list):
    """The questions asked (title, text), each answered by the first of `answers` (then Yes)."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list = []

    def question(self, parent, title, text, *args, **kwargs):
        self.append((title, text))
        return self.answers.pop(0) if self.answers else QMessageBox.StandardButton.Yes


@pytest.fixture(autouse=True)
def asked(monkeypatch) -> Asked:
    questions = Asked()
    monkeypatch.setattr(QMessageBox, "question", questions.question)
    return questions


def undo(qtbot, wizard) -> None:
    """Press "Undo this import" (asked: yes) and wait for the undo, which runs off the window's thread (Escape
    meanwhile does not close the window)."""
    qtbot.mouseClick(wizard.run_page.undo, Qt.MouseButton.LeftButton)
    if not wizard.run_page.done:
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
        assert wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)


def wizard_for(qtbot, window, path) -> ImportWizard:
    window.import_file(path=path)
    (wizard,) = [w for w in window.findChildren(ImportWizard) if w.isVisible()]
    qtbot.waitExposed(wizard)
    return wizard


def mapping_of(qtbot, window, path, *, whole: bool = False) -> ImportWizard:
    """The wizard on its mapping page for `path`, once its dry run (of the whole file, when `whole`) is made."""
    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None and (wizard.plan.whole or not whole), timeout=5000)
    return wizard


def test_a_file_with_no_row_of_column_names_is_imported_whole_once_its_columns_are_chosen(qtbot, window, tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text("Ann Smith;ann@x.com;06 12 34 56 78\r\nBob Li;bob@x.com;07 61 22 33 44\r\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    page = wizard.format_page
    assert page.header_row.value() == 0 and page.header_row.text() == "None"
    assert "no row of column names (the columns are numbered)" in page.detected.text()
    wizard.next()
    mapping = wizard.mapping_page
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=5000)
    assert mapping.status.text().startswith("The file has no row of column names: choose above which column")
    for column, field in ((0, "full_name"), (1, "email"), (2, "phone")):
        mapping.combos[column].setCurrentIndex(mapping.combos[column].findData(field))
    qtbot.waitUntil(lambda: wizard.plan is not None and "2 to add" in mapping.status.text(), timeout=5000)
    to_summary(qtbot, wizard)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    assert sorted(c.first_name for c in map(contacts.get_contact, contacts.contact_ids(""))) == ["Ann", "Bob"]
    wizard.close()


def imported_french_file(qtbot, window, tmp_path) -> ImportWizard:
    """The wizard on its last page, once it imported the French file with every choice as found."""
    wizard = wizard_for(qtbot, window, write_french_file(tmp_path))
    for _ in range(4):
        wizard.next()
    qtbot.waitUntil(lambda: "Will add 2" in wizard.summary_page.counts.text(), timeout=5000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    return wizard


def test_enter_pressed_after_an_import_finishes_and_never_undoes_it(qtbot, window, tmp_path, monkeypatch):
    wizard = imported_french_file(qtbot, window, tmp_path)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert wizard.focusWidget() is finish and not wizard.run_page.undo.autoDefault()
    # asked to undo, Enter answers with the question's default: No
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, buttons, default: default)
    qtbot.mouseClick(wizard.run_page.undo, Qt.MouseButton.LeftButton)
    assert contacts.count_contacts() == 2 and wizard.run_page.undo.isVisible()
    finish.setFocus()
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)
    assert not wizard.isVisible() and contacts.count_contacts() == 2


def test_the_customers_an_import_added_are_listed_from_its_result_and_from_past_imports(qtbot, window, tmp_path):
    from smallcrm.gui.customer_list import CustomerListDialog

    earlier = contacts.add_contact(contacts.ContactInput(first_name="Dee"))  # in the book before: no import's
    wizard = imported_french_file(qtbot, window, tmp_path)
    assert wizard.run_page.customers.isVisible()
    listed = wizard.run_page.show_customers()
    assert isinstance(listed, CustomerListDialog)
    assert listed.windowTitle() == f"Customers of import {wizard.result.batch}"
    qtbot.waitUntil(lambda: listed.model.rowCount() == 2, timeout=5000)
    names = [listed.model.index(r, 0).data() for r in range(2)]
    assert names == ["Zoë Lefèvre", "Œdipe Müller"] and listed.count.text() == "2 customers"
    zoe = listed.contact_ids()[0]
    listed.open_row(0)  # the customer, in the main window: the wizard, whose work is done, closes
    assert not wizard.isVisible() and window.selected_ids() == [zoe]
    dialog = window.show_past_imports()
    assert dialog.customers.isEnabled()
    listed = dialog.show_customers()
    qtbot.waitUntil(lambda: listed.model.rowCount() == 2, timeout=5000)
    assert earlier not in listed.contact_ids()
    listed.close()
    qtbot.mouseClick(dialog.undo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.item(0, 9).text() == "undone", timeout=10000)
    assert not dialog.customers.isEnabled()  # (an import undone has no customers left)
    dialog.close()


def test_keys_on_the_summary_never_reach_the_choices_of_the_page_before(qtbot, window, tmp_path):
    """The choice for duplicates kept the keyboard behind "Ready to import": the arrow keys changed it after the
    summary was made, and Import then did what the summary had not said."""
    from PySide6.QtWidgets import QApplication

    contacts.add_contact(contacts.ContactInput(first_name="Marie", last_name="Dupont", company="Fleurs",
                                               emails=["marie@exemple.fr"]))
    path = tmp_path / "clients.csv"
    path.write_text("First Name,Last Name,Email,Company\nMarie,Dupont,marie@exemple.fr,Fleurs Nouvelles\n"
                    "Paul,Martin,paul@exemple.fr,\n", encoding="utf-8")
    wizard = to_duplicates_with(qtbot, window, path, "skip")
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow, timeout=2000)
    skip = next(b for b in wizard.duplicates_page.group.buttons() if b.property("policy") == "skip")
    skip.setFocus()
    qtbot.waitUntil(skip.hasFocus, timeout=2000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.summary_page.ready, timeout=5000)
    focus = QApplication.focusWidget()
    assert focus is not None and not wizard.duplicates_page.isAncestorOf(focus)
    for _ in range(2):
        qtbot.keyClick(focus, Qt.Key.Key_Down)
    assert wizard.options.on_duplicate == "skip"
    wizard.options.on_duplicate = "overwrite"  # (however a choice changed after the summary)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    assert wizard.result.skipped == 1 and wizard.result.updated == 0
    marie = contacts.get_contact(contacts.contact_ids()[0])
    assert marie.company == "Fleurs"


def test_tab_leaves_the_lists_of_rows_for_the_next_control_and_the_wizard_keeps_room_for_its_pages(
        qtbot, window, tmp_path):
    """Tab went from cell to cell of a list of rows: the controls under the duplicates list could not be reached."""
    contacts.add_contact(contacts.ContactInput(first_name="Marie", last_name="Dupont", emails=["marie@exemple.fr"]))
    path = tmp_path / "clients.csv"
    path.write_text("First Name,Last Name,Email\nMarie,Dupont,marie@exemple.fr\n", encoding="utf-8")
    wizard = to_duplicates_with(qtbot, window, path, "skip")
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow, timeout=2000)
    table = wizard.duplicates_page.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus, timeout=2000)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()
    wizard.resize(200, 150)
    assert wizard.width() >= 640 and wizard.height() >= 480


def test_the_format_pages_shortcuts_are_not_the_wizards_and_tab_leaves_the_column_strip(qtbot, window, tmp_path):
    """Alt+B went to "Exported by" or to Back, Alt+N to "Column names" or to Next; Enter in the encoding box put
    UTF-8 in the place of the encoding detected; and Tab went round the columns strip of the mapping page for ever."""
    import re

    from PySide6.QtWidgets import QApplication, QLabel

    wizard = wizard_for(qtbot, window, write_french_file(tmp_path))
    wizard.next()
    page = wizard.format_page
    # the encoding detected is the list's item, not its name typed over another (Enter then chose that other: UTF-8)
    assert page.encoding.currentData() == "cp1252" and page.encoding.currentText() == "Windows, Western Europe (cp1252)"

    def letter(text: str) -> str:
        found = re.search(r"&(\w)", text.replace("&&", ""))
        return found.group(1).lower() if found else ""

    letters = [letter(label.text()) for label in page.findChildren(QLabel) if letter(label.text())]
    letters += [letter(wizard.button(b).text()) for b in (QWizard.WizardButton.BackButton,
                                                          QWizard.WizardButton.NextButton)]
    assert len(letters) == len(set(letters)) >= 8, letters
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=5000)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow, timeout=2000)
    strip = wizard.mapping_page.columns
    strip.setFocus()
    qtbot.waitUntil(strip.hasFocus, timeout=2000)
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        if focus is not strip and not strip.isAncestorOf(focus):
            break
    assert focus is not strip and not strip.isAncestorOf(focus)  # (left, to the next control)


def test_a_file_without_column_names_is_told_and_cannot_go_on_until_a_column_names_someone(qtbot, window, tmp_path):
    source = tmp_path / "no_header.csv"
    source.write_text("Anna,Schmidt,anna.s@example.de,Berlin\nBen,Ott,ben@example.de,Bonn\n", encoding="utf-8")
    wizard = mapping_of(qtbot, window, source)
    page = wizard.mapping_page
    assert not page.isComplete()
    assert page.status.text().startswith("The file has no row of column names: choose above which column holds")
    assert page.status.styleSheet() == "color: #b3261e;"  # (a problem, in the colour the first page gives one)
    page.combos[2].setCurrentIndex(page.combos[2].findData("email"))
    qtbot.waitUntil(lambda: wizard.plan is not None and "email" in wizard.plan.fields, timeout=5000)
    assert page.isComplete() and "column names" not in page.status.text() and page.status.styleSheet() == ""
    # a customer's names read as the column names (nothing tells them from a header): the way to read them as a row
    names_only = tmp_path / "names_only.csv"
    names_only.write_text("Anna,Schmidt,Berlin\nBen,Ott,Bonn\n", encoding="utf-8")
    wizard.close()
    page = mapping_of(qtbot, window, names_only).mapping_page
    assert "No column goes to a name, company, email or phone" in page.status.text()
    assert page.status.text().endswith("choose “None” under “Column names on row”.")


def test_phone_numbers_from_uk_are_read_as_from_gb(qtbot, window, tmp_path):
    wizard = wizard_for(qtbot, window, write_french_file(tmp_path))
    wizard.next()
    wizard.format_page.region.setText("uk")
    assert wizard.format_page.validatePage() and wizard.options.region == "GB"


def test_the_format_preview_keeps_no_cell_of_the_reading_before(qtbot, window, tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text("Name;City\r\nAnn;Paris;extra;more\r\nBob,Leeds,UK,x\r\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    wizard.next()  # detection
    page = wizard.format_page
    page.delimiter.setCurrentIndex(page.delimiter.findData(","))
    assert [page.table.item(1, c).text() for c in range(4)] == ["Bob", "Leeds", "UK", "x"]
    page.delimiter.setCurrentIndex(page.delimiter.findData(";"))
    assert page.table.columnCount() == 4 and page.table.item(1, 0).text() == "Bob,Leeds,UK,x"
    assert all(page.table.item(1, c) is None or page.table.item(1, c).text() == "" for c in (2, 3))  # not UK, x
    wizard.reject()


def test_a_french_excel_file_imports_intact_and_undoes(qtbot, window, tmp_path, asked):
    wizard = wizard_for(qtbot, window, write_french_file(tmp_path))
    assert wizard.currentPage() is wizard.file_page and wizard.file_page.isComplete()
    wizard.next()  # detection
    assert wizard.currentPage() is wizard.format_page
    assert wizard.dialect.delimiter == ";" and wizard.dialect.encoding.lower() in ("cp1252", "windows-1252")
    assert wizard.format_page.encoding.currentText() == "Windows, Western Europe (cp1252)"
    assert wizard.format_page.encoding.lineEdit().cursorPosition() == 0  # its start in sight, on a narrow page too
    assert "characters in Windows, Western Europe (cp1252)" in wizard.format_page.detected.text()
    assert wizard.format_page.table.item(0, 0).text() == "Zoë"  # accents intact in the preview
    assert wizard.format_page.table.horizontalHeaderItem(2).text() == "Courriel"
    assert wizard.minimumWidth() <= 1000  # fits a small laptop's screen (QWizard widens itself to its widest page)
    assert wizard.format_page.region.isVisible()
    size = wizard.size()
    wizard.resize(800, 600)  # the program that wrote a file is named whole, "(detected)" and all, on a small screen
    preset = wizard.format_page.preset
    longest = max((preset.itemText(i) for i in range(preset.count())), key=len) + " (detected)"
    qtbot.waitUntil(lambda: preset.width() >= preset.fontMetrics().horizontalAdvance(longest) + 40)
    wizard.resize(size)
    wizard.format_page.region.setText("FR")
    wizard.next()  # mapping
    page = wizard.mapping_page
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=5000)
    assert page.mapped_fields()[:4] == ["first_name", "last_name", "email", "phone"]
    preview = page.preview
    assert preview.item(0, 2).text() == "Zoë Lefèvre" and preview.item(0, 7).text() == "December 31, 1980"
    assert preview.item(2, 1).text() == "reject" and preview.item(2, 10).text() == "invalid email: “pas-un-email”"
    assert preview.item(2, 2).text() == "José Núñez"  # who a rejected row is, as written
    assert preview.horizontalHeader().visualIndex(10) == 2  # why: third, in sight
    wizard.next()  # duplicates: none
    dupes = wizard.duplicates_page
    assert dupes.none.isVisible()
    last_choice = dupes.group.buttons()[-1]  # the words right under the choices, not halfway down an empty page
    assert 0 < dupes.none.y() - last_choice.geometry().bottom() < last_choice.height()
    assert dupes.none.height() < 2 * dupes.none.sizeHint().height()
    wizard.next()  # summary
    qtbot.waitUntil(lambda: "Will add 2" in wizard.summary_page.counts.text(), timeout=5000)
    assert "reject 1" in wizard.summary_page.counts.text()
    rejects = wizard.summary_page.rejects
    rejects.selectRow(0)  # a selected row leaves the headings as they were (Qt would put them all in bold)
    assert rejects.selectionModel().isRowSelected(0) and not rejects.horizontalHeader().highlightSections()
    wizard.next()  # import
    assert wizard.button(QWizard.WizardButton.CancelButton).isVisible()  # while it runs, it can be cancelled
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    assert "Added 2" in wizard.run_page.text.text()
    assert wizard.run_page.title() == "Imported" and "Past Imports" in wizard.run_page.subTitle()
    rejected = wizard.run_page.rejects  # the row left out, and why, after the import as before it
    assert rejected.isVisible() and rejected.model().rowCount() == 1
    assert [rejected.model().index(0, c).data() for c in range(4)] == ["4", "invalid email", "Courriel", "pas-un-email"]
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()  # over: only Finish is left
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()

    names = {contacts.get_contact(i).display_name for i in contacts.contact_ids()}
    assert names == {"Zoë Lefèvre", "Œdipe Müller"}
    zoe = contacts.get_contact(next(iter(contacts.contact_ids("zoe"))))
    assert [p.e164 for p in zoe.phones] == ["+33612345678"] and zoe.birthday == "1980-12-31"
    assert window.model.rowCount() == 2  # the list shows them without a restart

    asked.answers.append(QMessageBox.StandardButton.No)  # undo asked first, and "No" leaves the import in place
    qtbot.mouseClick(wizard.run_page.undo, Qt.MouseButton.LeftButton)
    assert asked == [("Undo this import?", "Undo the import of clients.csv? The customers it added are removed and "
                                           "those it changed are put back as they were. To have them back, import "
                                           "the file again.")]
    assert contacts.count_contacts() == 2 and wizard.run_page.undo.isVisible()
    assert not wizard.run_page.again.isVisible()  # (back to the summary only once the book is as it was)
    undo(qtbot, wizard)
    assert contacts.count_contacts() == 0 and contacts.count_contacts(trash=True) == 0
    assert window.model.rowCount() == 0
    assert wizard.run_page.text.text() == ("Undone. Customers it added, removed: 2. Customers it updated, put back as "
                                           "they were: 0.")
    qtbot.mouseClick(wizard.run_page.again, Qt.MouseButton.LeftButton)  # to import it again, a choice changed
    assert wizard.currentPage() is wizard.summary_page
    qtbot.waitUntil(lambda: wizard.summary_page.ready, timeout=5000)
    assert wizard.summary_page.counts.text().startswith("Will add 2")
    wizard.close()


def test_cancel_before_the_import_writes_nothing(qtbot, window, tmp_path):
    wizard = wizard_for(qtbot, window, write_french_file(tmp_path))
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=5000)
    wizard.reject()
    assert contacts.count_contacts() == 0


def test_a_file_that_is_not_a_csv_is_refused_on_the_first_page(qtbot, window, tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(bytes(range(256)) * 40)
    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    assert wizard.file_page.problem.isVisible() and "not a text file" in wizard.file_page.problem.text()


def test_a_file_with_more_rows_than_an_import_takes_says_so_and_cannot_go_on(qtbot, window, tmp_path, monkeypatch):
    from smallcrm.services.importing import reader

    monkeypatch.setattr(reader, "MAX_ROWS", 25)  # (more than the first page's preview shows)
    path = tmp_path / "clients.csv"
    path.write_bytes((FRENCH_EXCEL + "Ann;Lee;;;Lyon;\r\n" * 30).encode("cp1252"))
    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    wizard.next()
    page = wizard.mapping_page
    qtbot.waitUntil(lambda: "Split it" in page.status.text(), timeout=5000)
    assert page.status.text() == ("The file has more than 25 rows, more than one import takes. Split it into smaller "
                                  "files (a spreadsheet can save part of the rows as CSV) and import them one after "
                                  "the other.")  # (not "Nothing was imported": nothing was to be yet)
    assert page.status.styleSheet() == "color: #b3261e;"
    assert not page.isComplete()
    wizard.reject()


def test_a_dry_run_shows_how_far_it_has_read_and_a_newer_one_stops_it(qtbot, window, tmp_path, monkeypatch):
    from smallcrm.services.importing import contacts_import as ci

    monkeypatch.setattr(ci, "CHUNK", 100)
    path = tmp_path / "clients.csv"
    path.write_bytes((FRENCH_EXCEL + "".join(f"Ann{i};Lee;ann{i}@example.com;;Lyon;\r\n" for i in range(3000))
                      ).encode("cp1252"))
    wizard = wizard_for(qtbot, window, path)
    said = []
    real = wizard.reading_text
    monkeypatch.setattr(wizard, "reading_text", lambda rows, total: said.append((rows, total)) or real(rows, total))
    page = wizard.mapping_page
    looks = []
    real_look = page._first_look
    monkeypatch.setattr(page, "_first_look", lambda plan: looks.append((plan.rows, wizard.plan)) or real_look(plan))
    wizard.next()
    wizard.next()
    first = wizard._plan_task
    page.replan()  # (as a changed mapping does)
    assert first._cancel.is_set() and wizard._plan_task is not first
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=20000)
    # The first rows were shown before the whole file was read, then the whole file's progress.
    assert looks == [(ci.PREVIEW_ROWS, None)]
    assert page.preview.rowCount() == ci.PREVIEW_ROWS
    assert said[-1] == (3003, 3003) and (1500, 3003) in said and all(total == 3003 for _, total in said)
    assert page.status.text().startswith(f"{fmt.number(3003)} rows: ")
    assert real(1500, 3003) == f"Reading the file… {fmt.number(1500)} of {fmt.number(3003)} rows"
    wizard.reject()


def test_quotes_the_header_row_and_where_rows_end_are_shown_and_can_be_changed(qtbot, window, tmp_path):
    path = tmp_path / "till.csv"
    path.write_bytes(b"Customer list,,\r\n'First Name','Email','Notes'\r\n'Ann','ann@example.com',one\ntwo\r\n"
                     b"'Bob','bob@example.com','x'\r\n")
    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    page = wizard.format_page
    # The bare line break inside Ann's notes is seen: rows end only at CR LF
    assert (page.quote.currentData(), page.header_row.value(), page.row_end.currentData()) == ("single", 2, "crlf")
    assert ("text in single quotes, column names on row 2, lines ending in CR LF (Windows)"
            in page.detected.text())
    assert page.table.rowCount() == 2 and page.table.item(0, 2).text() == "one\ntwo"
    page.row_end.setCurrentIndex(page.row_end.findData("any"))
    assert page.table.rowCount() == 3  # "two" is a row of its own
    page.row_end.setCurrentIndex(page.row_end.findData("crlf"))
    assert page.table.rowCount() == 2 and page.table.item(0, 2).text() == "one\ntwo"
    page.quote.setCurrentIndex(page.quote.findData("none"))
    assert page.table.item(0, 0).text() == "'Ann'"
    page.quote.setCurrentIndex(page.quote.findData("single"))
    page.header_row.setValue(1)
    assert wizard.headers == ["Customer list", "", ""]
    page.header_row.setValue(2)
    assert wizard.headers == ["First Name", "Email", "Notes"]
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=5000)
    wizard.next()  # duplicates: none
    wizard.next()  # summary
    qtbot.waitUntil(lambda: "Will add 2" in wizard.summary_page.counts.text(), timeout=5000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    notes = {contacts.get_contact(i).first_name: contacts.get_contact(i).notes for i in contacts.contact_ids()}
    assert notes == {"Ann": "one\ntwo", "Bob": "x"}
    wizard.close()


def test_the_summary_uses_the_dry_run_at_hand_when_nothing_changed(qtbot, window, tmp_path, monkeypatch):
    from smallcrm.gui import import_wizard as iw

    runs = []
    real = iw.plan_contacts
    monkeypatch.setattr(iw, "plan_contacts", lambda *args, **kwargs: runs.append(args) or real(*args, **kwargs))
    wizard = wizard_for(qtbot, window, write_french_file(tmp_path))
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=5000)
    assert len(runs) == 1  # (the first look covered this small file whole)
    wizard.next()  # duplicates
    wizard.next()  # summary: the same choices, the same answer, at once
    assert "Will add 2" in wizard.summary_page.counts.text() and len(runs) == 1
    wizard.back()
    assert wizard.currentPage() is wizard.duplicates_page
    next(b for b in wizard.duplicates_page.group.buttons() if b.property("policy") == "overwrite").click()
    wizard.next()  # another choice: planned again
    qtbot.waitUntil(lambda: len(runs) == 2 and "Will add 2" in wizard.summary_page.counts.text(), timeout=5000)
    wizard.reject()


def test_the_first_page_shows_the_country_phone_numbers_are_read_in(qtbot, window, tmp_path):
    set_setting("locale", "fr_FR")  # the shop's money and dates, on a computer set up in English
    wizard = wizard_for(qtbot, window, write_french_file(tmp_path))
    wizard.next()
    assert wizard.format_page.region.text() == "FR" == default_region()
    set_setting("default_region", "BE")  # chosen in the settings
    wizard.back()
    (tmp_path / "again").mkdir()
    wizard.file_page.path.setText(str(write_french_file(tmp_path / "again")))
    wizard.next()
    assert wizard.format_page.region.text() == "BE"
    wizard.reject()


def test_going_back_to_the_first_page_and_on_keeps_the_choices_for_the_same_file(qtbot, window, tmp_path):
    source = write_french_file(tmp_path)
    wizard = wizard_for(qtbot, window, source)
    wizard.next()
    wizard.format_page.region.setText("FR")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=5000)
    wizard.next()
    overwrite = next(b for b in wizard.duplicates_page.group.buttons() if b.property("policy") == "overwrite")
    overwrite.click()
    for _ in range(3):
        wizard.back()
    assert wizard.currentPage() is wizard.file_page
    wizard.next()
    assert wizard.format_page.region.text() == "FR"
    wizard.next()
    wizard.next()
    assert wizard.options.on_duplicate == "overwrite" and overwrite.isChecked()
    for _ in range(3):
        wizard.back()
    other = tmp_path / "other.csv"
    other.write_bytes(source.read_bytes())
    wizard.file_page.path.setText(str(other))  # another file: its own choices, from the start
    wizard.next()
    assert wizard.format_page.region.text() == (default_region() or "")
    wizard.next()
    wizard.next()
    assert wizard.options.on_duplicate == "skip" and not overwrite.isChecked()
    assert next(b for b in wizard.duplicates_page.group.buttons() if b.property("policy") == "skip").isChecked()
    wizard.reject()


def test_dropping_a_csv_on_the_window_opens_the_wizard(qtbot, window, tmp_path):
    path = write_french_file(tmp_path)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    (wizard,) = [w for w in window.findChildren(ImportWizard) if w.isVisible()]
    assert wizard.file_page.path.text() == str(path)
    wizard.close()


def test_dropping_a_workbook_and_another_file_opens_the_wizard_on_the_first_and_says_so(qtbot, window, tmp_path):
    import zipfile

    workbook = tmp_path / "clients.xlsx"
    with zipfile.ZipFile(workbook, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(workbook)), QUrl.fromLocalFile(str(write_french_file(tmp_path)))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()  # a workbook too: the wizard says to save it as CSV
    window.dropEvent(QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier))
    (wizard,) = [w for w in window.findChildren(ImportWizard) if w.isVisible()]
    assert wizard.file_page.path.text() == str(workbook)
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    assert wizard.file_page.problem.isVisible() and "Excel (.xlsx)" in wizard.file_page.problem.text()
    assert window.statusBar().currentMessage() == ("2 files were dropped: importing clients.xlsx first. Drop the "
                                                   "others one at a time.")
    wizard.close()


def test_undoing_an_import_says_which_of_its_customers_are_in_the_trash(qtbot, window, tmp_path, asked):
    from smallcrm.services.importing.contacts_import import ImportOptions, import_contacts

    import_contacts(write_french_file(tmp_path), ImportOptions(region="FR"))
    contacts.delete_contacts([next(iter(contacts.contact_ids("zoe")))])  # (the owner threw one away)
    window._imported()
    dialog = window.show_past_imports()
    qtbot.mouseClick(dialog.undo, Qt.MouseButton.LeftButton)
    assert asked[0][1].endswith(" To have them back, import the file again. Customers it added who are in the "
                                "Trash, deleted for good too: 1.")
    qtbot.waitUntil(lambda: dialog.table.item(0, 9).text() == "undone", timeout=10000)
    assert dialog.message.text() == ("Import of clients.csv undone. Customers it added, removed: 2. Of those, from the "
                                     "Trash: 1. Customers it updated, put back as they were: 0.")
    assert contacts.count_contacts(trash=True) == 0
    dialog.close()


def test_past_imports_can_be_undone(qtbot, window, tmp_path, asked, monkeypatch):
    from smallcrm.services.importing.contacts_import import ImportOptions, import_contacts

    batch = import_contacts(write_french_file(tmp_path), ImportOptions(region="FR", tags=("Salon", "2026"))).batch
    window._imported()
    assert window.model.rowCount() == 2
    dialog = window.show_past_imports()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "clients.csv"
    assert dialog.table.item(0, 10).text() == "Salon, 2026"  # what to search for to list its customers
    assert cells(dialog.table, 0)[4:6] == ["2", ""]  # added (its new customers: said once, not again beside)
    assert dialog.table.item(0, 0).text() == str(batch)  # the number messages give
    # every column in sight, the tags given last among them, as far as the screen (800 wide here) allows
    assert (dialog.table.horizontalHeader().length() <= dialog.table.viewport().width()
            or dialog.width() == dialog.screen().availableGeometry().width() - 40)
    dialog.table.clearSelection()
    assert not dialog.undo.isEnabled() and dialog.message.text() == "Select an import to undo it."
    dialog.close()
    dialog = window.show_past_imports()  # the latest import is selected, ready to undo
    assert dialog.undo.isEnabled() and dialog.message.text() == ""
    asked.answers.append(QMessageBox.StandardButton.No)
    qtbot.mouseClick(dialog.undo, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and window.model.rowCount() == 2 and dialog.table.item(0, 9).text() != "undone"
    qtbot.mouseClick(dialog.undo, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Undoing the import of clients.csv…" and not dialog.undo.isEnabled()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)  # the window waits for the undo: neither it nor Close close it
    assert dialog.isVisible() and not dialog.close_button.isEnabled()
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    window.close()  # nor does quitting
    assert window.isVisible() and told == ["An import is being undone. Quit once it is done, in a few seconds."]
    qtbot.waitUntil(lambda: dialog.table.item(0, 9).text() == "undone", timeout=10000)  # (off the window's thread)
    assert dialog.close_button.isEnabled()
    assert dialog.message.text() == ("Import of clients.csv undone. Customers it added, removed: 2. Customers it "
                                     "updated, put back as they were: 0.")
    assert window.model.rowCount() == 0
    dialog.close()
    dialog = window.show_past_imports()  # chosen again: why Undo is off
    dialog.table.selectRow(0)
    assert not dialog.undo.isEnabled()
    assert dialog.message.text().startswith(f"Import {batch} was undone on ")
    assert dialog.message.text().endswith(": nothing of it is left to undo.")
    dialog.close()


def test_an_undo_that_fails_unforeseen_leaves_past_imports_closable(qtbot, window, tmp_path, monkeypatch):
    import sqlite3

    from smallcrm.services.importing import contacts_import as ci

    ci.import_contacts(write_french_file(tmp_path), ci.ImportOptions(region="FR"))

    def locked(batch):
        raise sqlite3.OperationalError("database is locked")  # (another program held the book too long)

    monkeypatch.setattr(ci, "undo_import", locked)
    dialog = window.show_past_imports()
    with qtbot.capture_exceptions() as raised:  # (said by the program's "Something went wrong" window)
        qtbot.mouseClick(dialog.undo, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.undoing, timeout=10000)
    assert [type(e[1]) for e in raised] == [sqlite3.OperationalError]
    assert dialog.close_button.isEnabled() and dialog.undo.isEnabled()
    dialog.close()
    window.close()
    assert not window.isVisible()  # nothing under way to wait for


def test_past_imports_says_in_words_why_an_import_is_not_undone(qtbot, window, tmp_path):
    from smallcrm.services.importing.contacts_import import ImportOptions, import_contacts
    from smallcrm.store.db import database

    first = import_contacts(write_french_file(tmp_path), ImportOptions(region="FR"))
    zoe = next(iter(contacts.contact_ids("zoe")))
    database.execute_sql("UPDATE contact SET updated_at = '2099-01-01T00:00:00Z' WHERE id = ?", (zoe,))
    dialog = window.show_past_imports()
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.undo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Not undone"), timeout=10000)
    assert dialog.message.text() == ("Not undone. Zoë Lefèvre was changed after this import: undoing it would lose "
                                     "that change. Nothing was changed.")
    assert dialog.undo.isEnabled()
    assert contacts.count_contacts() == 2

    later = tmp_path / "later.csv"
    later.write_text("Prénom;Nom;Courriel;Société\nŒdipe;Müller;oedipe@exemple.fr;Thèbes SA\n", encoding="utf-8")
    second = import_contacts(later, ImportOptions(region="FR", on_duplicate="fill"))
    assert second.updated == 1
    dialog.refresh()
    dialog.table.selectRow(1)  # the newest first: the French file is the second row now
    assert dialog.table.item(1, 2).text() == "clients.csv" and first.batch < second.batch
    qtbot.mouseClick(dialog.undo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Not undone"), timeout=10000)
    assert dialog.message.text().startswith("Not undone. A later import (later.csv, ")
    assert "Undo that one first, then this one." in dialog.message.text()
    dialog.table.selectRow(0)  # the later import: what was said of the other one is not said beside it
    assert dialog.message.text() == "" and dialog.undo.isEnabled()
    dialog.table.selectRow(1)
    assert dialog.message.text() == ""
    dialog.close()


def test_the_wizard_uses_the_classic_look(window, qtbot, tmp_path):
    wizard = wizard_for(qtbot, window, write_french_file(tmp_path))
    assert wizard.wizardStyle() == QWizard.WizardStyle.ClassicStyle
    wizard.close()


def test_a_field_given_to_another_column_is_taken_from_the_one_that_had_it(qtbot, window, tmp_path):
    wizard = mapping_of(qtbot, window, write_french_file(tmp_path))
    page = wizard.mapping_page
    assert page.mapped_fields()[:5] == ["first_name", "last_name", "email", "phone", "city"]
    page.combos[1].setCurrentIndex(page.combos[1].findData("first_name"))  # one first name: "Nom" now
    page.combos[2].setCurrentIndex(page.combos[2].findData("phone"))  # phones: as many as there are
    assert page.mapped_fields()[:5] == ["note", "first_name", "phone", "phone", "city"]
    wizard.close()


def test_a_saved_mapping_is_used_again(qtbot, window, tmp_path, monkeypatch):
    from smallcrm.services.importing import mapping

    wizard = mapping_of(qtbot, window, write_french_file(tmp_path))
    page = wizard.mapping_page
    assert not page.saved.isVisible()  # nothing saved yet
    page.combos[4].setCurrentIndex(page.combos[4].findData("note"))  # "Ville" kept in the notes
    monkeypatch.setattr("smallcrm.gui.import_wizard.QInputDialog.getText", lambda *a, **k: ("French shop", True))
    page.save_mapping()
    assert mapping.saved_mappings() == ["French shop"] and page.saved.isVisible()
    page.combos[4].setCurrentIndex(page.combos[4].findData("city"))
    page.saved.setCurrentIndex(page.saved.findData("French shop"))
    page.saved.activated.emit(page.saved.currentIndex())
    assert page.mapped_fields()[4] == "note"
    wizard.close()


def test_a_saved_mapping_leaves_a_column_it_does_not_know_its_choice(qtbot, window, tmp_path, monkeypatch):
    """A file with a column more than the one the mapping was saved with: that column's data stays in the notes
    (it was set to be ignored, and lost, without a word)."""
    march = tmp_path / "march.csv"
    march.write_text("Client,Tel,Born\nAna Lima,+351 912 345 678,1990-04-03\n", encoding="utf-8")
    wizard = mapping_of(qtbot, window, march)
    monkeypatch.setattr("smallcrm.gui.import_wizard.QInputDialog.getText", lambda *a, **k: ("Market stall", True))
    wizard.mapping_page.save_mapping()
    wizard.close()
    april = tmp_path / "april.csv"
    april.write_text("Tel,Client,Extra,Born\n+351 912 345 679,Ben Okafor,pays cash,1985-01-02\n", encoding="utf-8")
    wizard = mapping_of(qtbot, window, april)
    page = wizard.mapping_page
    assert page.mapped_fields() == ["phone", "full_name", "note", "birthday"]
    page.combos[0].setCurrentIndex(page.combos[0].findData("note"))  # (the owner's own change, the mapping undoes)
    page.saved.setCurrentIndex(page.saved.findData("Market stall"))
    page.saved.activated.emit(page.saved.currentIndex())
    assert page.mapped_fields() == ["phone", "full_name", "note", "birthday"]
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    assert wizard.plan.preview[0].contact.notes == "Extra: pays cash"
    wizard.close()


def test_a_column_of_email_addresses_under_a_name_header_is_mapped_to_the_email(qtbot, window, tmp_path):
    path = tmp_path / "stall.csv"
    path.write_text("Client,Contact,Tel\nAna Lima,ana@lima.pt,+351 912 345 678\n", encoding="utf-8")
    wizard = mapping_of(qtbot, window, path)
    assert wizard.mapping_page.mapped_fields() == ["full_name", "email", "phone"]
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    assert wizard.plan.preview[0].contact.emails == ["ana@lima.pt"]
    wizard.close()


def test_the_preview_shows_a_chinese_name_family_name_first_as_it_will_be_shown(qtbot, window, tmp_path):
    path = tmp_path / "clients.csv"
    path.write_text("First Name,Last Name\n小龍,李\nAnna,Smith\n", encoding="utf-8")
    wizard = mapping_of(qtbot, window, path)
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    preview = wizard.mapping_page.preview
    assert [cells(preview, r)[2] for r in range(2)] == ["李小龍", "Anna Smith"]
    wizard.close()


def test_a_column_without_a_name_is_called_by_its_number_as_the_notes_call_it(qtbot, window, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("Name,E-mail,,City\nAnn Lee,ann@example.com,loyal,Leeds\n", encoding="utf-8")
    wizard = mapping_of(qtbot, window, path)
    page = wizard.mapping_page
    names = [page.columns.item(0, c).text() for c in range(page.columns.columnCount())]
    assert names == ["Name", "E-mail", "Column 3", "City"]
    assert page.columns.item(0, 2).font().italic() and not page.columns.item(0, 0).font().italic()
    assert page.combos[2].accessibleName() == "Field for column 3"
    assert page.combos[2].currentData() == "note"
    wizard.close()


# --------------------------------------------------------------------------------------------------
# Purchases

ROOT = Path(__file__).resolve().parents[2]

# A German till's export: semicolons, decimal commas, Windows characters, day-first dates in local time.
# Receipt 1001 is two rows; C1003 is a cancellation; 1005 a return (a negative quantity); 1002 has no
# customer; joerg@beispiel.de is not in the book. "Bon-Nr.", "Artikel" and "Einzelpreis" are not headers
# the import knows: they are mapped by hand (and with --map on the command line).
TILL = (
    "Datum;Bon-Nr.;E-Mail;Artikel;Menge;Einzelpreis\r\n"
    "03.03.2024 10:15;1001;anna@beispiel.de;Brötchen;4;0,45\r\n"
    "03.03.2024 10:15;1001;anna@beispiel.de;Käsekuchen;1;12,90\r\n"
    "03.03.2024 11:02;1002;;Kaffee;2;2,80\r\n"
    "14.03.2024 09:30;C1003;anna@beispiel.de;Käsekuchen;1;12,90\r\n"
    "15.03.2024 16:45;1004;joerg@beispiel.de;Geschenkkorb;1;1.249,00\r\n"
    "16.03.2024 12:00;1005;anna@beispiel.de;Kaffee;-2;2,80\r\n"
)
BY_HAND = {"Bon-Nr.": "reference", "Artikel": "description", "Einzelpreis": "unit_price"}
FIELDS = ["date", "reference", "email", "description", "quantity", "unit_price"]


@pytest.fixture
def berlin():
    """The shop's clock is in Berlin (UTC+1 in March), so local time and UTC differ."""
    with time_zone("Europe/Berlin"):
        yield


@pytest.fixture
def till(tmp_path, db, berlin):
    """The till file, and Anna (already a customer) in the book."""
    contacts.add_contact(contacts.ContactInput(first_name="Anna", last_name="Schulz", emails=["anna@beispiel.de"]))
    path = tmp_path / "kasse.csv"
    path.write_bytes(TILL.encode("cp1252"))
    return path


def command_line_import(tmp_path, source: Path, *options: str) -> Path:
    """`smallcrm import purchases` of the same file, as a process, into a fresh database with Anna in it."""
    db = tmp_path / "command-line.sqlite"
    maps = [item for header, name in BY_HAND.items() for item in ("--map", f"{header}={name}")]
    for args in (["contacts", "add", "--first-name", "Anna", "--last-name", "Schulz", "--email", "anna@beispiel.de"],
                 ["import", "purchases", str(source), "--currency", "EUR", *maps, *options]):
        done = subprocess.run([sys.executable, "-m", "smallcrm", "--db", str(db), *args], cwd=ROOT,
                              capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr.decode("utf-8")
    return db


def stored(db: Path) -> dict[str, list[tuple]]:
    """What a database holds of purchases, their lines, points and customers, without its own ids."""
    email = "(SELECT email FROM contact_email WHERE contact_id = {} ORDER BY position LIMIT 1)"
    queries = {
        "purchases": "SELECT reference, occurred_at, currency, total_minor, paid_minor, status,"
                     f" {email.format('p.contact_id')} FROM purchase p ORDER BY occurred_at",
        "lines": "SELECT p.reference, i.description, i.quantity, i.unit_price_minor, i.total_minor FROM purchase_item i"
                 " JOIN purchase p ON p.id = i.purchase_id ORDER BY p.occurred_at, i.id",
        "points": f"SELECT {email.format('e.contact_id')}, p.reference, e.kind, e.points FROM points_entry e"
                  " JOIN purchase p ON p.id = e.purchase_id ORDER BY e.occurred_at",
        "customers": f"SELECT first_name, last_name, {email.format('c.id')} FROM contact c ORDER BY id",
    }
    with closing(sqlite3.connect(db)) as conn:
        return {name: conn.execute(sql).fetchall() for name, sql in queries.items()}


def to_mapping(qtbot, wizard: ImportWizard) -> None:
    """From the first page to the mapping page, with the columns the import does not know mapped by hand."""
    assert wizard.file_page.kind() == "purchases"
    wizard.next()
    assert wizard.currentPage() is wizard.format_page
    format_page = wizard.format_page
    assert format_page.region.isHidden()  # the country of phone numbers: none in this file
    # the programs that write sales files, the one found first
    programs = [format_page.preset.itemText(i) for i in range(format_page.preset.count())]
    assert programs[0] == "Another program (detected)" and "Shopify (orders)" in programs
    assert not any("Google" in program for program in programs)
    wizard.next()
    page = wizard.mapping_page
    for header, name in BY_HAND.items():
        combo = page.combos[wizard.headers.index(header)]
        combo.setCurrentIndex(combo.findData(name))
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.fields == FIELDS, timeout=5000)


def cells(table, row: int) -> list[str]:
    return [table.item(row, c).text() if table.item(row, c) else "" for c in range(table.columnCount())]


def model_cells(view, row: int) -> list[str]:
    model = view.model()
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_rows_rejected_as_read_show_what_they_hold_and_why_in_full(qtbot, window, tmp_path):
    contacts.add_contact(contacts.ContactInput(first_name="Ann", last_name="Lee", emails=["ann@example.com"]))
    path = tmp_path / "sales.csv"
    path.write_text("Date,Receipt,Email,Quantity,Unit price,Currency\n2025-03-01 10:00,R1,ann@example.com,1,9.00,EUR\n"
                    "2024-13-01 10:00:00 +0100,R2,anne-marie.dubois-martin@boulangerie-exemple.fr,2,4.50,EUR\n"
                    "2025-03-02 12:00,R3,ann@example.com,1,4.00,XYZ\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)  # (at the size it opens at)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    preview = wizard.mapping_page.preview
    assert cells(preview, 1)[:6] == ["3", "reject", "2024-13-01 10:00:00 +0100", "R2",
                                     "anne-marie.dubois-martin@boulangerie-exemple.fr", "2 × 4.50"]
    assert cells(preview, 2)[7] == "use a three-letter code such as EUR, GBP or USD: “XYZ”"
    header = preview.horizontalHeader()  # why, in sight, on lines of their own
    assert header.sectionViewportPosition(7) + header.sectionSize(7) <= preview.viewport().width()
    assert preview.rowHeight(2) > preview.rowHeight(0)
    # fitted again when the window is made wider (the why on one line, the address wider) and narrower again
    why = preview.fontMetrics().horizontalAdvance(preview.item(2, 7).text())
    narrow = [header.sectionSize(c) for c in range(8)], preview.rowHeight(2)
    assert header.sectionSize(7) < why and preview.rowHeight(2) > 2 * preview.fontMetrics().lineSpacing()
    opened = wizard.size()
    wizard.resize(opened.width() + 900, opened.height())
    qtbot.waitUntil(lambda: preview.rowHeight(2) == preview.rowHeight(0), timeout=3000)
    assert header.sectionSize(7) >= why and header.sectionSize(4) > narrow[0][4]
    wizard.resize(opened)
    qtbot.waitUntil(lambda: preview.rowHeight(2) > preview.rowHeight(0), timeout=3000)
    assert ([header.sectionSize(c) for c in range(8)], preview.rowHeight(2)) == narrow
    wizard.close()


def test_the_program_that_wrote_a_sales_file_can_be_chosen(qtbot, window, tmp_path):
    path = tmp_path / "etsy.csv"
    path.write_text("Sale Date,Order ID,Full Name,Currency,Order Total,Adjusted Order Total\n"
                    "03/05/2025,1001,Ann Lee,EUR,25.00,\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    page = wizard.format_page
    assert page.preset.currentText() == "Etsy (Sold Orders) (detected)"
    assert "Etsy's Sold Orders (dates written month first)" in page.detected.text()
    page.preset.setCurrentIndex(page.preset.findData("generic"))
    assert wizard.preset == "generic" and "columns read by their names" in page.detected.text()
    page.preset.setCurrentIndex(page.preset.findData("stripe"))
    assert page.detected.text() == ("The file is not in the layout of the program chosen under “Exported by”: it has "
                                    "no column id, Amount Refunded, Captured. Choose another, or the one detected, "
                                    "first in the list.")
    wizard.next()
    assert wizard.currentPage() is page
    page.preset.setCurrentIndex(page.preset.findData("generic"))
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page and wizard.options.preset == "generic"
    wizard.close()


@pytest.mark.parametrize("create", [True, False], ids=["create", "skip"])
def test_a_german_till_file_imports_as_the_command_line_does(qtbot, window, till, tmp_path, create):
    wizard = wizard_for(qtbot, window, till)
    to_mapping(qtbot, wizard)
    page = wizard.mapping_page
    assert page.match.currentData() == "auto" and page.currency.currentText() == "EUR"
    preview = page.preview
    assert [cells(preview, r)[:2] for r in range(preview.rowCount())] == [
        ["2, 3", "record"], ["4", "record"], ["5", "refund"], ["6", "skip"], ["7", "refund"]]
    first = cells(preview, 0)
    assert first[2] == fmt.when(datetime(2024, 3, 3, 10, 15).astimezone()) and "10:15" in first[2]  # local time
    assert first[3:7] == ["1001", "Anna Schulz", fmt.money(1470, "EUR"), "14"]
    assert cells(preview, 1)[4] == "no customer" and cells(preview, 2)[5:7] == [fmt.money(-1290, "EUR"), "-12"]
    assert cells(preview, 3)[4] == "not found: joerg@beispiel.de"
    # the amount and the points in sight beside the date and customer (why a row is left out, last); the drop-downs
    # as wide as their columns, not as their longest choice
    header = preview.horizontalHeader()
    assert [header.visualIndex(c) for c in range(preview.columnCount())] == list(range(preview.columnCount()))
    assert header.sectionViewportPosition(6) + header.sectionSize(6) <= preview.viewport().width()
    combo = page.combos[0]
    longest = max(map(combo.fontMetrics().horizontalAdvance, (combo.itemText(i) for i in range(combo.count()))))
    combo.showPopup()
    assert combo.width() < longest < combo.view().width()  # (the list of choices opens as wide as they are)
    combo.hidePopup()

    wizard.next()  # customers who are not in the book
    unmatched = wizard.unmatched_page
    assert wizard.currentPage() is unmatched
    assert unmatched.subTitle() == ("Rows whose customer matches no one in your book: create those customers, or skip "
                                    "their purchases.")
    assert model_cells(unmatched.table, 0) == ["joerg@beispiel.de", "", "1", "6", "As chosen above"]
    assert unmatched.table.isColumnHidden(1)  # the file names no one
    (unmatched.create if create else unmatched.skip).click()
    wizard.next()  # the dry run
    counts = wizard.summary_page.counts
    qtbot.waitUntil(lambda: "Purchases to record" in counts.text(), timeout=5000)
    if create:
        assert counts.text() == ("Purchases to record: 5 (refunds: 2). Purchases to skip: 0. Rows to reject: 0. "
                                 f"New customers: 1. Points given: {fmt.number(1249)}. Recorded without a customer "
                                 "(nothing in their rows to find one by): 1.")  # (1002: no email)
    else:
        assert counts.text().startswith("Purchases to record: 4 (refunds: 2). Purchases to skip: 1.")
        assert wizard.summary_page.noted.text() == ("• Of the purchases to skip, those of customers not in your "
                                                    "book: 1. Go back to create those customers.")
    assert wizard.summary_page.noted.isHidden() == create
    wizard.next()  # the import
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    assert wizard.run_page.text.text().startswith(f"Purchases recorded: {5 if create else 4} (refunds: 2).")
    assert not wizard.run_page.rejects.isVisible()  # (none: the space under the buttons stays empty)

    here = stored(till.parent / "test.sqlite")
    assert here == stored(command_line_import(tmp_path, till, *(["--create-missing"] if create else [])))
    anna = "anna@beispiel.de"
    expected = [("1001", "2024-03-03T09:15:00Z", "EUR", 1470, 1470, "paid", anna),
                ("1002", "2024-03-03T10:02:00Z", "EUR", 560, 560, "paid", None),
                ("C1003", "2024-03-14T08:30:00Z", "EUR", -1290, -1290, "paid", anna),
                ("1004", "2024-03-15T15:45:00Z", "EUR", 124900, 124900, "paid", "joerg@beispiel.de"),
                ("1005", "2024-03-16T11:00:00Z", "EUR", -560, -560, "paid", anna)]
    assert here["purchases"] == [p for p in expected if create or p[0] != "1004"]
    assert here["lines"][:2] == [("1001", "Brötchen", 4, 45, 180), ("1001", "Käsekuchen", 1, 1290, 1290)]
    assert here["points"] == [(anna, "1001", "earn", 14), (anna, "C1003", "adjust", -12)] + (
        [("joerg@beispiel.de", "1004", "earn", 1249)] if create else []) + [(anna, "1005", "adjust", -2)]
    assert here["customers"] == [("Anna", "Schulz", anna)] + ([("", "joerg@beispiel.de", "joerg@beispiel.de")]
                                                              if create else [])
    wizard.close()


def test_a_refund_of_a_purchase_in_an_earlier_part_of_an_export_not_imported_is_said_on_the_summary(qtbot, window,
                                                                                                    tmp_path):
    from smallcrm.services import export

    contacts.add_contact(contacts.ContactInput(first_name="Ann", emails=["ann@example.com"]))
    june = tmp_path / "june.csv"
    june.write_text(",".join(export.PURCHASE_HEADERS) + "\n" + "8,2024-06-02 10:00:00 +00:00,1,Ann,ann@example.com,,"
                    "Mug,-1,10.00,-10.00,EUR,paid,-10.00,,Card,7\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, june)
    assert wizard.file_page.kind() == "purchases"
    wizard.next()
    wizard.next()  # the mapping, once its dry run is made
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=5000)
    wizard.next()  # customers not in the book: none
    wizard.next()
    assert wizard.currentPage() is wizard.summary_page
    qtbot.waitUntil(lambda: "Purchases to record" in wizard.summary_page.counts.text(), timeout=5000)
    assert wizard.summary_page.counts.text().startswith("Purchases to record: 1 (refunds: 1).")
    assert wizard.summary_page.noted.text() == (
        "• Refunds of purchases (“Refund of”) neither in the file nor imported before, recorded as refunds of no "
        "purchase (import the file with those purchases first): 1 (row 2)")
    wizard.close()


def test_one_unknown_customer_can_be_created_while_the_others_are_skipped(qtbot, window, till, qtmodeltester):
    wizard = wizard_for(qtbot, window, till)
    to_mapping(qtbot, wizard)
    wizard.next()
    page = wizard.unmatched_page
    page.skip.click()
    qtmodeltester.check(page.model)
    choice = page.model.index(0, page.model.choice_column)
    assert page.model.flags(choice) & Qt.ItemFlag.ItemIsEditable
    page.table.edit(choice)  # the drop-down, as a double-click opens it
    (combo,) = [c for c in page.table.findChildren(QComboBox) if c.isVisible()]
    combo.setCurrentIndex(combo.findData("create"))
    combo.activated.emit(combo.currentIndex())
    assert model_cells(page.table, 0)[4] == "Create this customer"
    assert wizard.options.customer_choices == {"joerg@beispiel.de": "create"}
    wizard.next()
    counts = wizard.summary_page.counts
    qtbot.waitUntil(lambda: "Purchases to record" in counts.text(), timeout=5000)
    assert counts.text().startswith("Purchases to record: 5 (refunds: 2). Purchases to skip: 0.")
    assert "New customers: 1." in counts.text()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    assert stored(till.parent / "test.sqlite")["customers"][-1] == ("", "joerg@beispiel.de", "joerg@beispiel.de")
    wizard.close()


def test_undo_on_the_result_page_removes_the_purchases_batch(qtbot, window, till):
    from smallcrm.services.loyalty import points_balance

    wizard = started_sales_import(qtbot, window, till)
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    assert len(stored(till.parent / "test.sqlite")["purchases"]) == 5 and window.model.rowCount() == 2
    assert wizard.run_page.undo.isVisible()

    # A refund recorded since: the import is not undone, and the page says which receipt stops it.
    from smallcrm.services import purchases
    from smallcrm.store.db import database

    (receipt_1001,) = database.execute_sql("SELECT id FROM purchase WHERE reference = '1001'").fetchone()
    refund = purchases.refund_purchase(receipt_1001, 100)
    said = wizard.run_page.text.text()
    undo(qtbot, wizard)
    assert wizard.run_page.refusal.text() == ("Not undone. The purchase with receipt 1001, recorded by this import, "
                                              "was refunded since: undo the refund first. Nothing was changed.")
    # what the import did is still said, and it can be undone once the refund is
    assert wizard.run_page.text.text() == said and wizard.run_page.undo.isEnabled()
    assert len(stored(till.parent / "test.sqlite")["purchases"]) == 6
    database.execute_sql("DELETE FROM points_entry WHERE purchase_id = ?", (refund.refund_id,))
    database.execute_sql("DELETE FROM purchase WHERE id = ?", (refund.refund_id,))

    undo(qtbot, wizard)
    assert wizard.run_page.text.text() == "Undone. Purchases removed, with their points: 5. New customers removed: 1."
    assert not wizard.run_page.refusal.isVisible()
    after = stored(till.parent / "test.sqlite")
    assert after["purchases"] == after["lines"] == after["points"] == []
    assert after["customers"] == [("Anna", "Schulz", "anna@beispiel.de")]
    assert points_balance(contacts.contact_ids()[0]) == 0 and window.model.rowCount() == 1
    wizard.close()


def test_the_header_row_chooses_purchases_or_customers_and_the_user_can_change_it(qtbot, window, till, tmp_path):
    wizard = wizard_for(qtbot, window, till)
    assert wizard.file_page.kind() == "purchases"
    assert "Datum, Bon-Nr., E-Mail" in wizard.file_page.detected.text()
    wizard.file_page.path.setText(str(write_french_file(tmp_path)))
    assert wizard.file_page.kind() == "contacts"
    wizard.file_page.path.setText(str(till))
    assert wizard.file_page.kind() == "purchases"
    customers = [b for b in wizard.file_page.kinds.buttons() if b.property("kind") == "contacts"][0]
    customers.click()
    wizard.next()
    assert wizard.windowTitle() == "Import customers" and wizard.format_page.preset.isVisible()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=5000)
    assert wizard.mapping_page.combos[2].currentData() == "email" and "first_name" in [
        wizard.mapping_page.combos[0].itemData(i) for i in range(wizard.mapping_page.combos[0].count())]
    assert not wizard.mapping_page.match.isVisible()
    # the sale's own columns are no part of a customer: not used, rather than in every customer's notes
    assert [c.currentData() for c in wizard.mapping_page.combos] == ["ignore", "ignore", "email", "ignore", "ignore",
                                                                     "ignore"]
    wizard.next()
    assert wizard.currentPage() is wizard.duplicates_page  # customers: duplicates, not unknown customers
    wizard.next()
    qtbot.waitUntil(lambda: wizard.summary_page.noted.text() != "", timeout=5000)
    assert wizard.summary_page.noted.text().splitlines() == [
        "• New customers with no name in the file: their email stands in for it: 1",  # (Jörg, by his email)
        "• Rows of a sales export: their buyers become customers, the sales are not recorded (import the file as "
        "Purchases to record them): 6"]
    # Jörg added, Anna's four rows her (a customer already), the coffee paid with no email no one
    assert wizard.summary_page.counts.text() == "Will add 1, update 0, skip 4 and reject 1 of 6 rows."
    wizard.close()


def test_a_sales_column_left_out_on_purpose_is_shown_as_not_used(qtbot, window, till):
    till.write_bytes(TILL.replace("Datum;", "Anrede;Datum;").replace("\r\n03", "\r\nFrau;03").encode("cp1252"))
    wizard = wizard_for(qtbot, window, till)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=5000)
    title = wizard.mapping_page.combos[0]  # the customer's title: no part of a sale
    assert title.currentData() == "" and title.currentText() == "(ignore)"
    assert "ignore" not in [title.itemData(i) for i in range(title.count())]  # one way to say it, not two
    wizard.close()


def test_purchases_need_a_date_column_before_going_on(qtbot, window, till):
    wizard = wizard_for(qtbot, window, till)
    to_mapping(qtbot, wizard)
    page = wizard.mapping_page
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.combos[0].setCurrentIndex(page.combos[0].findData(""))  # "Datum" ignored
    qtbot.waitUntil(lambda: page.status.text() == "Choose the column with the date of each sale.", timeout=5000)
    assert not page.isComplete() and not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.currency.setCurrentText("EURO")
    page.combos[0].setCurrentIndex(page.combos[0].findData("date"))
    qtbot.waitUntil(lambda: "is not a currency" in page.status.text(), timeout=5000)
    assert not page.isComplete()
    wizard.close()


def test_a_customer_list_read_as_purchases_says_to_choose_customers(qtbot, window, tmp_path):
    wizard = wizard_for(qtbot, window, write_french_file(tmp_path))
    wizard.file_page.kinds.buttons()[1].setChecked(True)  # (Purchases, by mistake)
    assert wizard.file_page.kind() == "purchases"
    wizard.next()
    wizard.next()
    page = wizard.mapping_page
    qtbot.waitUntil(lambda: "Choose the column with the date" in page.status.text(), timeout=5000)
    assert page.status.text().endswith("If the file is a list of customers, go back to the first page and choose "
                                       "“Customers”.")
    wizard.close()


def started_sales_import(qtbot, window, till) -> ImportWizard:
    """The import window on `till`, told to add its customers it cannot find, past its summary: importing."""
    wizard = wizard_for(qtbot, window, till)
    to_mapping(qtbot, wizard)
    wizard.next()
    wizard.unmatched_page.create.click()
    wizard.next()
    qtbot.waitUntil(lambda: "Purchases to record" in wizard.summary_page.counts.text(), timeout=5000)
    wizard.next()
    return wizard


def test_quitting_while_an_import_runs_asks_first(qtbot, window, till, monkeypatch, asked):
    from smallcrm.services.importing import purchases_import as pi

    real, gate = pi.import_purchases, threading.Event()

    def held(path, options, *, progress=None, cancelled=None):
        gate.wait(10)  # the import goes on once the owner has been asked
        return real(path, options, progress=progress, cancelled=cancelled)

    monkeypatch.setattr(pi, "import_purchases", held)
    wizard = started_sales_import(qtbot, window, till)
    assert wizard.task is not None
    asked.answers.append(QMessageBox.StandardButton.No)
    window.close()
    assert asked[-1] == ("Quit", "An import is under way. Stop it and quit? Nothing of it is kept: import the file "
                                 "again later.")
    assert window.isVisible() and wizard.isVisible()  # kept going
    gate.set()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    assert wizard.result is not None and wizard.result.batch is not None  # imported: it was not stopped
    window.close()  # nothing under way: no question
    assert len(asked) == 1 and not window.isVisible()


def test_quitting_while_an_import_runs_stops_it_when_told_to(qtbot, window, till, monkeypatch, asked):
    from PySide6.QtCore import QThreadPool
    from smallcrm.services.importing import purchases_import as pi

    real, gate = pi.import_purchases, threading.Event()

    def held(path, options, *, progress=None, cancelled=None):
        gate.wait(10)  # the import goes on once the owner has answered
        return real(path, options, progress=progress, cancelled=cancelled)

    monkeypatch.setattr(pi, "import_purchases", held)
    started_sales_import(qtbot, window, till)
    window.close()  # Yes: stop it and quit
    assert len(asked) == 1 and not window.isVisible()
    gate.set()
    QThreadPool.globalInstance().waitForDone()  # (as the program does once its window is closed)
    assert stored(till.parent / "test.sqlite")["purchases"] == []  # nothing of it kept, as said


def test_cancel_while_importing_purchases_writes_nothing(qtbot, window, till, monkeypatch):
    from smallcrm.services.importing import contacts_import as ci, purchases_import as pi

    real, gate, outcome = pi.import_purchases, threading.Event(), []

    def held(path, options, *, progress=None, cancelled=None):
        gate.wait(10)  # the import starts only once Cancel has been pressed
        try:
            return real(path, options, progress=progress, cancelled=cancelled)
        except ci.ImportCancelled:
            outcome.append("cancelled")
            raise

    monkeypatch.setattr(pi, "import_purchases", held)
    wizard = started_sales_import(qtbot, window, till)
    assert wizard.currentPage() is wizard.run_page and wizard.task is not None
    wizard.reject()
    assert wizard.isVisible() and wizard.run_page.text.text() == "Cancelling…"
    gate.set()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    assert wizard.run_page.text.text() == "The import was cancelled. Nothing was changed."
    assert outcome == ["cancelled"]
    now = stored(till.parent / "test.sqlite")
    assert now["purchases"] == now["points"] == [] and len(now["customers"]) == 1
    # a way back to the summary, the choices kept, to import after all
    assert wizard.run_page.again.isVisible()
    wizard.run_page.again.click()
    assert wizard.currentPage() is wizard.summary_page
    qtbot.waitUntil(lambda: wizard.summary_page.ready, timeout=5000)
    assert "Purchases to record" in wizard.summary_page.counts.text()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    assert wizard.run_page.title() == "Imported" and not wizard.run_page.again.isVisible()
    assert len(stored(till.parent / "test.sqlite")["purchases"]) > 0
    wizard.reject()
    assert not wizard.isVisible()


def test_past_imports_lists_a_purchases_import_and_undoes_it(qtbot, window, till):
    from smallcrm.services.importing import purchases_import as pi

    headers = TILL.split("\r\n")[0].split(";")
    by_hand = {headers.index(header): name for header, name in BY_HAND.items()}
    pi.import_purchases(till, pi.PurchaseImportOptions(create_missing=True, overrides=by_hand))
    dialog = window.show_past_imports()
    assert cells(dialog.table, 0)[2:6] == ["kasse.csv", "purchases", "5", "1"]  # 5 purchases, 1 new customer
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.undo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.item(0, 9).text() == "undone", timeout=10000)
    assert cells(dialog.table, 0)[5] == "1"
    assert "Purchases removed, with their points: 5. New customers removed: 1." in dialog.message.text()
    assert stored(till.parent / "test.sqlite")["purchases"] == []
    dialog.close()


# --- fixing rejected rows, and a choice for every duplicate row ------------------------------------------------

SHOTS = Path("/tmp/wizard-fix-shots")


def fix_in_preview(qtbot, wizard: ImportWizard, at: int, row: int, which, text: str) -> None:
    """Double-click the preview's line `at` (the file's rejected `row`), type `text` over the cell `which` picks in
    the fix dialog, and wait for the dry run made with it."""
    from smallcrm.gui.import_wizard import FixRowDialog

    page = wizard.mapping_page
    page.preview.cellDoubleClicked.emit(at, 3)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in page.findChildren(FixRowDialog)), timeout=5000)
    (dialog,) = [d for d in page.findChildren(FixRowDialog) if d.isVisible()]
    (edit,) = [e for e in dialog.edits.values() if which(e)]
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    dialog.accept()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole and row in wizard.fixes, timeout=5000)


def test_a_rejected_row_can_be_corrected_in_the_mapping_preview_by_a_double_click(qtbot, window, tmp_path):
    wizard = wizard_for(qtbot, window, write_french_file(tmp_path))
    wizard.next()
    wizard.format_page.region.setText("FR")
    wizard.next()
    page = wizard.mapping_page
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    assert page.status.text().endswith("Double-click a rejected row to correct it.")
    (at,) = [r for r in range(page.preview.rowCount()) if cells(page.preview, r)[:2] == ["4", "reject"]]
    fix_in_preview(qtbot, wizard, at, 4, lambda edit: edit.accessibleName() == "Courriel", "jose@exemple.fr")
    assert cells(page.preview, at)[:2] == ["4", "add"] and "Double-click" not in page.status.text()
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.summary_page.counts.text() != "…", timeout=5000)
    assert "Will add 3" in wizard.summary_page.counts.text()  # the correction holds on the pages after
    wizard.reject()


PHONE_BOOK = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Schmidt;Anna;;;\r\nFN:Anna Schmidt\r\nEND:VCARD\r\n"
              "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Braun;Carl;;;\r\nFN:Carl Braun\r\nEMAIL:carl@\r\nEND:VCARD\r\n"
              "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Roth;Eva;;;\r\nFN:Eva Roth\r\nEMAIL:eva@example.de\r\nEND:VCARD\r\n")


def test_a_phones_contact_corrected_in_the_preview_is_the_one_imported_so(qtbot, window, tmp_path):
    """A vCard file's contacts are numbered from 1; the one corrected is read as corrected, and no other."""
    path = tmp_path / "Contacts.vcf"
    path.write_text(PHONE_BOOK, encoding="utf-8", newline="")
    wizard = mapping_of(qtbot, window, path, whole=True)
    page = wizard.mapping_page
    assert [cells(page.preview, r)[:2] for r in range(3)] == [["1", "add"], ["2", "reject"], ["3", "add"]]
    fix_in_preview(qtbot, wizard, 1, 2, lambda edit: edit.text() == "carl@", "carl@example.de")
    assert [cells(page.preview, r)[:2] for r in range(3)] == [["1", "add"], ["2", "add"], ["3", "add"]]
    for _ in range(2):
        wizard.next()
    qtbot.waitUntil(lambda: "Will add 3" in wizard.summary_page.counts.text(), timeout=5000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    emails = {c.first_name: c.emails for c in map(contacts.get_contact, contacts.contact_ids())}
    assert emails == {"Anna": [], "Carl": ["carl@example.de"], "Eva": ["eva@example.de"]}
    assert path.read_bytes() == PHONE_BOOK.encode("utf-8")  # (the owner's file as it was)
    wizard.close()


def fix_row(qtbot, wizard: ImportWizard, row: int, column: str, text: str, shot: str) -> str:
    """Select the rejected `row` on the summary page, click Fix…, type `text` over the cell of `column`, check again.
    Returns what the cell held before."""
    from smallcrm.gui.import_wizard import FixRowDialog

    page = wizard.summary_page
    (position,) = [r for r in range(page.model.rowCount()) if model_cells(page.rejects, r)[0] == str(row)]
    page.rejects.selectRow(position)
    assert page.fix.isVisible() and page.fix.isEnabled()
    old = wizard.plan
    qtbot.mouseClick(page.fix, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in page.findChildren(FixRowDialog)), timeout=5000)
    (dialog,) = [d for d in page.findChildren(FixRowDialog) if d.isVisible()]
    (edit,) = [e for e in dialog.edits.values() if e.accessibleName() == column]
    before = edit.text()
    assert dialog.focusWidget() is edit  # the cell the problem is in
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / shot))
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan is not old
                    and page.counts.text() != "…", timeout=5000)
    return before


def test_a_rejected_row_fixed_in_the_wizard_is_imported_as_corrected(qtbot, window, tmp_path):
    from smallcrm.services.importing.contacts_import import list_imports

    wizard = wizard_for(qtbot, window, write_french_file(tmp_path))
    to_summary(qtbot, wizard)
    page = wizard.summary_page
    assert "reject 1" in page.counts.text() and model_cells(page.rejects, 0)[0] == "4"

    before = fix_row(qtbot, wizard, 4, "Courriel", "jose@exemple.fr", "fix-dialog.png")
    assert before == "pas-un-email"
    assert "Will add 3" in page.counts.text() and "reject 0" in page.counts.text()
    assert not page.rejects.isVisible() and not page.fix.isVisible()
    assert page.fixed.text() == "Row 4 is fixed: it will be imported with your corrections."
    SHOTS.mkdir(exist_ok=True)
    wizard.grab().save(str(SHOTS / "summary-after-fix.png"))

    wizard.next()  # import
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    assert "Added 3" in wizard.run_page.text.text() and "rejected 0" in wizard.run_page.text.text()
    (jose,) = contacts.contact_ids("Núñez")
    jose = contacts.get_contact(jose)
    assert jose.display_name == "José Núñez" and jose.city == "Nantes"
    assert jose.emails == ["jose@exemple.fr"]
    (batch,) = list_imports()
    assert batch.file_name == "clients.csv" and (batch.created, batch.rejected) == (3, 0)
    assert write_french_file(tmp_path).read_bytes() == FRENCH_EXCEL.encode("cp1252")  # the owner's file untouched
    wizard.close()


def test_rejected_rows_are_saved_but_never_over_the_file_being_imported(qtbot, window, tmp_path, monkeypatch):
    source = write_french_file(tmp_path)
    wizard = wizard_for(qtbot, window, source)
    to_summary(qtbot, wizard)
    chosen, warnings = [], []
    offered = []
    monkeypatch.setattr("smallcrm.gui.import_wizard.QFileDialog.getSaveFileName",
                        lambda _, title, name, filters: (offered.append(name), (str(chosen[-1]), ""))[1])
    monkeypatch.setattr("smallcrm.gui.import_wizard.QMessageBox.warning", lambda _, title, text: warnings.append(text))
    chosen.append(source)
    said = wizard.summary_page.saved_in
    wizard.save_rejects(wizard.plan.rejects, said)
    assert source.read_bytes() == FRENCH_EXCEL.encode("cp1252") and not said.text()
    assert warnings == ["The rejected rows were not saved in clients.csv: it is the file being imported. Choose "
                        "another name or folder."]
    assert offered == [str(tmp_path / "clients-rejected.csv")]  # beside the file, named after it
    chosen.append(tmp_path / "rejected.csv")
    wizard.save_rejects(wizard.plan.rejects, said)
    assert len(warnings) == 1 and said.text() == "Saved in rejected.csv."  # (where they went, said on the page)
    assert chosen[-1].read_text(encoding="utf-8-sig").splitlines() == [  # the rows, to correct and import again
        "Row;Problem;Prénom;Nom;Courriel;Téléphone;Ville;Date de naissance",
        "4;invalid email (Courriel: pas-un-email): An email address must have an @-sign.;José;Núñez;pas-un-email;;"
        "Nantes;01/02/1990"]
    # the rows are read from the file: saved again since (sorted in a spreadsheet), or moved away, it has none to give
    source.write_bytes(source.read_bytes().replace(b"\r\n", b"\n"))
    chosen.append(tmp_path / "again.csv")
    wizard.save_rejects(wizard.plan.rejects, said)
    source.rename(tmp_path / "moved.csv")
    wizard.save_rejects(wizard.plan.rejects, said)
    assert warnings[1:] == ["The rejected rows were not saved: they are read from clients.csv, which was moved, "
                            "deleted or saved again since it was imported. Put it back as it was, or import it "
                            "again to see its rejected rows."] * 2
    assert not chosen[-1].exists()
    wizard.close()


def test_where_the_rejected_rows_were_saved_stays_in_a_small_window(qtbot, window, tmp_path, monkeypatch):
    source = tmp_path / "Liste des clients de la boutique, lignes refusées à corriger.csv"
    source.write_text("First Name,Last Name,Email\n" + "".join(
        f"A{n},B{n},{'bad' if n % 3 == 0 else 'a'}{n}@x{'' if n % 3 == 0 else '.fr'}\n" for n in range(30)),
        encoding="utf-8")
    wizard = wizard_for(qtbot, window, source)
    to_summary(qtbot, wizard)
    wizard.resize(640, 480)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    undo(qtbot, wizard)  # ("Back to the summary" beside it now)
    saved = tmp_path / f"{source.stem}-rejected.csv"
    monkeypatch.setattr("smallcrm.gui.import_wizard.QFileDialog.getSaveFileName", lambda *a: (str(saved), ""))
    wizard.save_rejects(wizard.result.rejects, wizard.run_page.saved_in)
    qtbot.wait(50)
    said = wizard.run_page.saved_in
    assert said.text() == "Saved in Liste des clients d…orriger-rejected.csv."
    right = said.mapTo(wizard.run_page, said.rect().topRight()).x()
    assert right <= wizard.run_page.width()
    assert (said.heightForWidth(said.width()) <= said.height() if said.wordWrap()  # (on two lines if need be)
            else said.sizeHint().width() <= said.width())  # all of it in sight
    wizard.close()


def test_a_fix_still_wrong_keeps_the_row_rejected_with_its_new_reason(qtbot, window, tmp_path, monkeypatch):
    wizard = wizard_for(qtbot, window, write_french_file(tmp_path))
    to_summary(qtbot, wizard)
    page = wizard.summary_page
    assert "pas-un-email" in model_cells(page.rejects, 0)[3]

    fix_row(qtbot, wizard, 4, "Courriel", "jose@", "fix-still-wrong.png")
    assert "reject 1" in page.counts.text() and "Will add 2" in page.counts.text()
    assert model_cells(page.rejects, 0)[0] == "4" and model_cells(page.rejects, 0)[3] == "jose@"
    reason = model_cells(page.rejects, 0)[1]
    assert reason and page.fixed.text() == (f"Row 4 still cannot be imported: {reason}, in column “Courriel”: "
                                            "There must be something after the @-sign.")
    SHOTS.mkdir(exist_ok=True)
    wizard.grab().save(str(SHOTS / "summary-still-wrong.png"))

    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    assert "Added 2" in wizard.run_page.text.text() and "rejected 1" in wizard.run_page.text.text()
    assert [r.value for r in wizard.result.rejects] == ["jose@"]
    assert not contacts.contact_ids("Núñez")
    saved = tmp_path / "rejected.csv"  # the row as corrected, beside the reason that names the correction
    monkeypatch.setattr("smallcrm.gui.import_wizard.QFileDialog.getSaveFileName", lambda *a: (str(saved), ""))
    wizard.save_rejects(wizard.result.rejects, wizard.run_page.saved_in)
    assert saved.read_text(encoding="utf-8-sig").splitlines()[1] == (
        "4;invalid email (Courriel: jose@): There must be something after the @-sign.;José;Núñez;jose@;;Nantes;"
        "01/02/1990")
    wizard.close()


def test_every_rejected_row_is_listed_and_any_of_them_can_be_fixed(qtbot, window, tmp_path, qtmodeltester):
    rows = [f"Client{n},Numéro{n},pas-un-email-{n}" for n in range(1, 701)]
    path = tmp_path / "clients.csv"
    path.write_text("First Name,Last Name,Email\n" + "\n".join(rows) + "\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    to_summary(qtbot, wizard)
    page = wizard.summary_page
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 700 and "reject 700" in page.counts.text()
    assert model_cells(page.rejects, 699)[0] == "701"

    before = fix_row(qtbot, wizard, 701, "Email", "client700@exemple.fr", "fix-row-701.png")
    assert before == "pas-un-email-700"
    assert "Will add 1" in page.counts.text() and page.model.rowCount() == 699
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    (fixed,) = contacts.contact_ids("Client700")
    assert contacts.get_contact(fixed).emails == ["client700@exemple.fr"]
    wizard.close()


def test_a_rejected_purchase_row_can_be_fixed(qtbot, window, till):
    till.write_bytes(TILL.replace("15.03.2024 16:45;1004;joerg@beispiel.de;Geschenkkorb;1;1.249,00",
                                  "15.03.2024 16:45;1004;anna@beispiel.de;Geschenkkorb;eins;1.249,00").encode("cp1252"))
    wizard = wizard_for(qtbot, window, till)
    to_mapping(qtbot, wizard)
    preview = wizard.mapping_page.preview  # the rejected row among the receipts, in the file's order
    assert [cells(preview, r)[:2] for r in range(preview.rowCount())] == [
        ["2, 3", "record"], ["4", "record"], ["5", "refund"], ["6", "reject"], ["7", "refund"]]
    assert cells(preview, 3)[7] == "the quantity is not a number: “eins”"
    assert [r.row for r in wizard.mapping_page.rejected.values()] == [6]  # the one a double click corrects
    wizard.next()  # everyone the file names is in the book
    wizard.next()
    page = wizard.summary_page
    qtbot.waitUntil(lambda: "Rows to reject: 1." in page.counts.text(), timeout=5000)
    assert model_cells(page.rejects, 0)[:2] == ["6", "the quantity is not a number"]

    assert fix_row(qtbot, wizard, 6, "Menge", "1", "fix-purchase-row.png") == "eins"
    assert "Rows to reject: 0." in page.counts.text() and "Purchases to record: 5" in page.counts.text()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    assert ("1004", "2024-03-15T15:45:00Z", "EUR", 124900, 124900, "paid", "anna@beispiel.de") in \
        stored(till.parent / "test.sqlite")["purchases"]
    wizard.close()


def test_a_rejected_purchase_row_after_the_last_receipt_is_shown_too(qtbot, window, till):
    till.write_bytes((TILL + "17.03.2024 10:00;1006;anna@beispiel.de;Brot;zwei;2,00\r\n").encode("cp1252"))
    wizard = wizard_for(qtbot, window, till)
    to_mapping(qtbot, wizard)
    preview = wizard.mapping_page.preview
    assert cells(preview, preview.rowCount() - 1)[:2] == ["8", "reject"]
    assert [r.row for r in wizard.mapping_page.rejected.values()] == [8]
    wizard.close()


def test_every_duplicate_row_can_get_its_own_choice(qtbot, window, tmp_path, qtmodeltester):
    from smallcrm.services.contacts import ContactInput, add_contact

    add_contact(ContactInput(first_name="Ana", last_name="Lima", emails=["ana@lima.pt"]))
    rows = [f"Client{n};Numéro{n};client{n}@exemple.fr" for n in range(1, 80)] + ["Ana;Lima;ana@lima.pt"]
    path = tmp_path / "clients.csv"
    path.write_text("Prénom;Nom;Courriel\n" + "\n".join(rows) + "\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=5000)
    assert all(p.row != 81 for p in wizard.plan.preview)  # the 80th row is past the preview's
    wizard.next()  # duplicates
    page = wizard.duplicates_page
    assert page.table.isVisible() and not page.none.isVisible()
    model = page.model
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(5)] == ["81", "Ana Lima", "Ana Lima", "same email", "As chosen above"]

    index = model.index(0, 4)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double-click: press,
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # then the second one
    editor = page.table.indexWidget(index)
    assert editor is not None and editor.currentData() == ""
    editor.setCurrentIndex(editor.findData("create"))
    editor.activated.emit(editor.currentIndex())  # as when the owner picks it from the list
    assert model.index(0, 4).data() == "Create a new customer anyway"
    assert wizard.options.row_choices == {81: "create"}
    SHOTS.mkdir(exist_ok=True)
    wizard.grab().save(str(SHOTS / "duplicates.png"))

    wizard.next()  # summary
    qtbot.waitUntil(lambda: "Will add 80" in wizard.summary_page.counts.text(), timeout=5000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    assert "Added 80" in wizard.run_page.text.text()
    assert len(contacts.contact_ids("ana@lima.pt")) == 2
    wizard.close()


def test_everyone_the_import_adds_or_changes_can_be_tagged_and_found(qtbot, window, tmp_path):
    from smallcrm.services.contacts import ContactInput, add_contact

    ana = add_contact(ContactInput(first_name="Ana", last_name="Lima", emails=["ana@lima.pt"], tags=["VIP"]))
    bo = add_contact(ContactInput(first_name="Bo", last_name="Berg", city="Spring Valley"))
    path = tmp_path / "salon.csv"
    path.write_text("Prénom;Nom;Courriel;Ville\nAna;Lima;ana@lima.pt;Porto\nCéline;Roux;celine@roux.fr;Nice\n"
                    "Dirk;Vos;dirk@vos.nl;\n", encoding="utf-8")
    wizard = to_duplicates_with(qtbot, window, path, "fill")
    page = wizard.duplicates_page
    page.tags.setText("Spring fair, " + "x" * 61)
    assert page.tags_problem.isVisible() and "60" in page.tags_problem.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.tags.setText("Spring fair, vip")
    assert not page.tags_problem.isVisible() and wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    SHOTS.mkdir(exist_ok=True)
    wizard.grab().save(str(SHOTS / "tags.png"))
    wizard.next()  # summary
    counts = wizard.summary_page.counts
    qtbot.waitUntil(lambda: "Will add 2, update 1" in counts.text(), timeout=5000)
    assert "Tags for the customers added or updated: Spring fair, vip." in counts.text()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    assert "added or updated: “Spring fair”, “vip”. Type one in the search box" in wizard.run_page.text.text()
    assert contacts.get_contact(ana).tags == ["Spring fair", "VIP"] and contacts.get_contact(bo).tags == []

    with qtbot.waitSignal(window.model.reloaded, timeout=3000):
        window.search.setText("Spring fair")  # as the result page says: Bo of Spring Valley is not one of them
    assert window.count_label.text() == "3 of 4 customers match “Spring fair”"

    undo(qtbot, wizard)
    assert contacts.get_contact(ana).tags == ["VIP"] and contacts.all_tags() == ["VIP"]
    wizard.close()


def test_the_preview_names_the_customer_or_the_row_a_duplicate_matches(qtbot, window, tmp_path):
    from smallcrm.services.contacts import ContactInput, add_contact

    add_contact(ContactInput(first_name="Ana", last_name="Lima", emails=["ana@lima.pt"]))
    path = tmp_path / "clients.csv"
    path.write_text("First Name,Last Name,Email\nAna,Lima,ana@lima.pt\nBo,Kim,bo@kim.se\nBob,Kim,bo@kim.se\n"
                    "Cy,Lee,cy@\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    preview = wizard.mapping_page.preview
    problems = [preview.item(r, preview.columnCount() - 1).text() for r in range(preview.rowCount())]
    assert problems == ["same as Ana Lima (same email)", "", "same as row 3 (same email)", "invalid email: “cy@”"]
    wizard.close()


def test_a_japanese_list_of_excel_for_windows_shows_its_code_page_and_names(qtbot, window, tmp_path):
    path = tmp_path / "kokyaku.csv"
    path.write_bytes("First Name,Last Name,Email,City\r\n太郎,山田,t@example.jp,名古屋\r\n".encode("cp932"))
    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    page = wizard.format_page
    assert page.encoding.currentText() == "Windows, Japanese (Shift-JIS)"
    assert [page.table.item(0, c).text() for c in range(4)] == ["太郎", "山田", "t@example.jp", "名古屋"]
    wizard.close()


def test_an_encoding_is_chosen_by_its_name_in_words_or_typed_in(qtbot, window, tmp_path):
    path = tmp_path / "till.csv"
    path.write_bytes("Name;City\r\nJosé Núñez;Málaga\r\n".encode("cp850"))  # an old DOS till
    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    page = wizard.format_page
    page.encoding.setCurrentIndex(page.encoding.findData("cp850"))
    assert page.encoding.currentText() == "DOS, Western Europe (cp850)"
    assert wizard.options.encoding == "cp850" and wizard.dialect.encoding == "cp850"
    assert page.table.item(0, 0).text() == "José Núñez"
    assert "characters in DOS, Western Europe (cp850)" in page.detected.text()
    page.encoding.setCurrentText("cp437")  # one the list does not offer, typed in
    assert wizard.dialect.encoding == "cp437" and page.table.item(0, 0).text() == "José Núñez"
    page.encoding.setCurrentText("mac_roman")  # one that garbles the names: not taken, and said
    assert page.detected.text().startswith("Some of the text cannot be read in the encoding chosen (read as "
                                           "mac-roman, “José” would be “JosÇ”)") and not page.isComplete()
    page.encoding.setCurrentText("no such thing")
    assert "not an encoding" in page.detected.text()
    page.encoding.setCurrentText("DOS, Western Europe (cp850)")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    assert wizard.mapping_page.preview.item(0, 2).text() == "José Núñez"
    wizard.close()


def test_an_encoding_that_would_garble_a_utf8_file_is_refused_with_an_example(qtbot, window, tmp_path):
    path = tmp_path / "google.csv"
    path.write_text("Name,E-mail 1 - Value\nMarie Hébert,marie@example.fr\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    page = wizard.format_page
    page.encoding.setCurrentIndex(page.encoding.findData("cp1252"))
    assert "has text written in UTF-8 (read as cp1252, “Hébert” would be “HÃ©bert”)" in page.detected.text()
    wizard.next()
    assert wizard.currentPage() is page  # not on to the columns with the file garbled
    page.encoding.setCurrentIndex(page.encoding.findData("utf-8"))
    assert page.table.item(0, 0).text() == "Marie Hébert"
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    wizard.close()


def test_a_file_of_utf8_and_windows_1252_rows_is_shown_as_a_mix_and_reads_intact(qtbot, window, tmp_path):
    path = tmp_path / "both.csv"
    path.write_bytes("Name;City\r\nZoë Łukasz;Łódź\r\n".encode("utf-8") + "Renée Ødegård;Århus\r\n".encode("cp1252"))
    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    page = wizard.format_page
    assert page.encoding.currentText() == "UTF-8 and Windows, Western Europe, mixed"
    assert [page.table.item(r, 0).text() for r in range(2)] == ["Zoë Łukasz", "Renée Ødegård"]
    page.encoding.setCurrentIndex(page.encoding.findData("cp1252"))  # one of the two alone would garble the other
    assert "read as cp1252, “Zoë” would be “ZoÃ«”" in page.detected.text()
    wizard.close()


# --- after an undo, choices for several rows, a file imported before, and rows counted while importing ----------


def visible_labels(widget) -> list[str]:
    from PySide6.QtWidgets import QLabel

    return [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]


def test_after_undo_the_result_page_says_the_import_was_undone(qtbot, window, tmp_path, monkeypatch):
    wizard = wizard_for(qtbot, window, write_french_file(tmp_path))
    to_summary(qtbot, wizard)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    page = wizard.run_page
    assert page.title() == "Imported" and page.undo.isVisible() and page.save.isVisible() and page.bar.isVisible()

    qtbot.mouseClick(page.undo, Qt.MouseButton.LeftButton)
    # undone off the window's thread: a busy bar, and Finish off, until it is
    assert page.text.text() == "Undoing the import…" and not page.isComplete() and not page.undo.isEnabled()
    qtbot.waitUntil(lambda: page.done, timeout=10000)
    assert contacts.count_contacts() == 0
    assert page.title() == "Import undone" and not page.bar.isVisible()  # (no bar at 100% under it)
    assert page.subTitle() == "Your book is as it was before this import."
    assert "Import undone" in visible_labels(wizard) and "Imported" not in visible_labels(wizard)  # the header too
    assert not page.undo.isVisible()
    assert page.save.isVisible() and page.save.isEnabled()  # the rejected rows can still be saved
    saved = []
    monkeypatch.setattr(wizard, "save_rejects", lambda rejects, said: saved.append(rejects))
    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    assert [r.row for r in saved[0]] == [4]
    wizard.close()


def three_duplicates(tmp_path) -> Path:
    from smallcrm.services.contacts import ContactInput, add_contact

    for first, email in (("Ana", "ana@lima.pt"), ("Bo", "bo@kim.se"), ("Cy", "cy@lee.fr")):
        add_contact(ContactInput(first_name=first, last_name="Known", emails=[email]))
    path = tmp_path / "clients.csv"
    path.write_text("First Name,Last Name,Email\nAna,Lima,ana@lima.pt\nDee,New,dee@new.de\nBo,Kim,bo@kim.se\n"
                    "Cy,Lee,cy@lee.fr\n", encoding="utf-8")
    return path


def to_duplicates(qtbot, wizard: ImportWizard):
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    wizard.next()
    page = wizard.duplicates_page
    assert wizard.currentPage() is page and page.model.rowCount() == 3
    return page


def test_one_click_on_a_rows_choice_opens_its_drop_down(qtbot, window, tmp_path):
    wizard = wizard_for(qtbot, window, three_duplicates(tmp_path))
    page = to_duplicates(qtbot, wizard)
    assert page.hint.isVisible() and page.hint.geometry().bottom() < page.table.geometry().top()  # said above it
    assert page.hint.text().startswith("Click “For this row” to choose for one row")
    index = page.model.index(1, page.model.choice_column)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=page.table.visualRect(index).center())
    editor = page.table.indexWidget(index)
    assert isinstance(editor, QComboBox) and editor.view().isVisible()  # the list is open at once
    editor.hidePopup()
    editor.setCurrentIndex(editor.findData("overwrite"))
    editor.activated.emit(editor.currentIndex())
    assert wizard.options.row_choices == {4: "overwrite"}
    assert page.model.index(1, page.model.choice_column).data() == "Overwrite the customer with the file"
    wizard.close()


def test_several_selected_rows_get_one_choice_at_once(qtbot, window, tmp_path, qtmodeltester):
    wizard = wizard_for(qtbot, window, three_duplicates(tmp_path))
    page = to_duplicates(qtbot, wizard)
    bar = page.for_selected
    assert bar.isVisible() and not bar.apply.isEnabled()  # nothing selected yet
    page.table.selectRow(0)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     page.table.visualRect(page.model.index(2, 1)).center())
    assert sorted(bar.selected_rows()) == [0, 2] and bar.apply.isEnabled()
    assert page.table.indexWidget(page.model.index(2, page.model.choice_column)) is None  # Ctrl-click: selects only
    bar.choice.setCurrentIndex(bar.choice.findData("create"))
    qtbot.mouseClick(bar.apply, Qt.MouseButton.LeftButton)
    assert wizard.options.row_choices == {2: "create", 5: "create"}
    assert [model_cells(page.table, r)[4] for r in range(3)] == [
        "Create a new customer anyway", "As chosen above", "Create a new customer anyway"]
    bar.choice.setCurrentIndex(bar.choice.findData(""))  # back to the choice for all of them
    page.table.selectRow(2)
    qtbot.mouseClick(bar.apply, Qt.MouseButton.LeftButton)
    assert wizard.options.row_choices == {2: "create"}
    qtmodeltester.check(page.model)
    wizard.next()
    qtbot.waitUntil(lambda: "Will add 2" in wizard.summary_page.counts.text(), timeout=5000)  # Dee, and Ana again
    wizard.close()


def test_several_unknown_customers_get_one_choice_at_once_and_one_click_opens_a_choice(qtbot, window, till):
    wizard = wizard_for(qtbot, window, till)
    to_mapping(qtbot, wizard)
    wizard.next()
    page = wizard.unmatched_page
    page.skip.click()
    assert page.hint.isVisible() and page.hint.geometry().bottom() < page.table.geometry().top()
    assert page.for_selected.isVisible() and not page.for_selected.apply.isEnabled()
    page.table.selectRow(0)
    bar = page.for_selected
    bar.choice.setCurrentIndex(bar.choice.findData("create"))
    qtbot.mouseClick(bar.apply, Qt.MouseButton.LeftButton)
    assert wizard.options.customer_choices == {"joerg@beispiel.de": "create"}
    assert model_cells(page.table, 0)[4] == "Create this customer"

    index = page.model.index(0, page.model.choice_column)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=page.table.visualRect(index).center())
    editor = page.table.indexWidget(index)
    assert isinstance(editor, QComboBox) and editor.view().isVisible() and editor.currentData() == "create"
    editor.hidePopup()
    editor.setCurrentIndex(editor.findData("skip"))
    editor.activated.emit(editor.currentIndex())
    assert wizard.options.customer_choices == {"joerg@beispiel.de": "skip"}
    wizard.close()


def to_summary_of(qtbot, window, path) -> ImportWizard:
    from PySide6.QtCore import QThreadPool

    wizard = wizard_for(qtbot, window, path)
    to_summary(qtbot, wizard)
    qtbot.waitUntil(lambda: "Will add" in wizard.summary_page.counts.text(), timeout=5000)
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=5000)  # (the look too)
    qtbot.wait(50)  # (its answer delivered)
    return wizard


def test_a_file_imported_before_is_pointed_out_before_it_is_imported_again(qtbot, window, tmp_path):
    from smallcrm.services.importing import contacts_import as ci
    from smallcrm.store.fields import from_utc_text

    path = write_french_file(tmp_path)
    wizard = to_summary_of(qtbot, window, path)
    assert not wizard.summary_page.again.isVisible()  # a file never imported
    fix_row(qtbot, wizard, 4, "Courriel", "jose@exemple.fr", "fix-before-import-again.png")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    first = wizard.result.batch
    wizard.close()
    (batch,) = ci.list_imports()

    again = to_summary_of(qtbot, window, path)  # the owner's file, though a corrected copy of it was read
    page = again.summary_page
    assert page.again.isVisible()
    assert page.again.text() == (
        f"This file was already imported on {fmt.when(from_utc_text(batch.started_at))} (import {first}). Below is "
        "what importing it again would do. If you did not mean to import it twice, press Cancel; to start over "
        "instead, first undo that import in File ▸ Past Imports.")
    assert page.again.geometry().bottom() <= page.counts.geometry().top()  # said first
    again.next()  # imported again all the same: nothing in it is new, and no second import is listed
    qtbot.waitUntil(lambda: again.run_page.done, timeout=10000)
    assert again.result.batch is None and len(ci.list_imports()) == 1
    assert again.run_page.title() == "Nothing imported" and not again.run_page.undo.isVisible()
    assert again.run_page.subTitle() == (  # (the row corrected in the copy comes from the file uncorrected)
        "Nothing else in this file is new, and the rows listed below could not be imported: your book is as it "
        "was. Correct them and import again.")
    assert again.run_page.rejects.isVisible() and again.run_page.rejects.model().rowCount() == 1
    again.close()

    renamed = tmp_path / "clients (1).csv"
    renamed.write_bytes(path.read_bytes())
    other_name = to_summary_of(qtbot, window, renamed)  # the same contents under another name
    assert other_name.summary_page.again.isVisible()
    other_name.close()

    ci.undo_import(first)
    undone = to_summary_of(qtbot, window, path)  # an import undone is as if it had not been
    assert not undone.summary_page.again.isVisible()
    undone.close()


def test_while_importing_the_rows_read_so_far_are_counted_in_words(qtbot, window, tmp_path, monkeypatch):
    from smallcrm.services.importing import contacts_import as ci

    real, steps, reported = ci.import_contacts, [threading.Event(), threading.Event()], threading.Event()

    def held(path, options, *, progress=None, cancelled=None):
        for n in range(1, 5001):  # far more often than anyone can read; the total not known (no date column)
            progress(n // 2000, 0)
        reported.set()
        steps[0].wait(10)
        progress(60_000, 80_000)  # the total, once known
        steps[1].wait(10)
        return real(path, options, progress=progress, cancelled=cancelled)

    monkeypatch.setattr(ci, "import_contacts", held)
    wizard = wizard_for(qtbot, window, write_french_file(tmp_path))
    to_summary(qtbot, wizard)
    page = wizard.run_page
    shown = []
    real_set = page.text.setText
    monkeypatch.setattr(page.text, "setText", lambda text: shown.append(text) or real_set(text))
    wizard.next()
    assert page.text.text() == "Reading clients.csv…"
    assert reported.wait(10)
    qtbot.waitUntil(lambda: page.text.text() == "2 of 3 rows read…", timeout=5000)
    assert page.bar.maximum() == 3  # the rows the dry run counted
    assert 1 <= len(shown) - 1 <= 25  # written out now and then, not once for each of the 5,000 reports
    steps[0].set()
    qtbot.waitUntil(lambda: page.text.text() == f"{fmt.number(60_000)} of {fmt.number(80_000)} rows read…",
                    timeout=5000)
    steps[1].set()
    qtbot.waitUntil(lambda: page.done, timeout=10000)
    qtbot.wait(2 * PROGRESS_TEXT_MS)
    assert page.text.text() == "Added 2, updated 0, skipped 0, rejected 1."  # the result, not a count after it
    wizard.close()


def test_the_summary_counts_the_customers_whose_consent_the_file_takes_back(qtbot, window, tmp_path):
    ann = contacts.add_contact(contacts.ContactInput(first_name="Ann", last_name="Lee", emails=["ann@example.com"],
                                                     email_consent=True, email_consent_source="at the counter"))
    path = tmp_path / "mailing.csv"
    path.write_text("First Name,Last Name,Email,Email Subscription Status\r\nAnn,Lee,ann@example.com,unsubscribed\r\n",
                    encoding="utf-8")
    wizard = to_duplicates_with(qtbot, window, path, "fill")
    wizard.next()  # summary
    importing = wizard.button(QWizard.WizardButton.CommitButton)
    assert not importing.isEnabled()  # not before the dry run with "fill" has said what the import will do
    qtbot.waitUntil(lambda: "update 1" in wizard.summary_page.counts.text(), timeout=5000)
    assert importing.isEnabled()
    assert wizard.summary_page.noted.text().splitlines() == [
        "• Customers whose marketing consent is withdrawn: the file says they unsubscribed (or no, when "
        "overwriting): 1"]
    assert contacts.get_contact(ann).email_consent  # not yet
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    assert not contacts.get_contact(ann).email_consent
    wizard.close()


def test_the_summary_says_when_phone_numbers_are_of_another_country_and_reads_them_so(qtbot, window, tmp_path):
    set_setting("default_region", "GB")  # a French shop's list, on a computer set up in Britain
    path = tmp_path / "clients.csv"
    path.write_text("Prénom,Nom,Téléphone\r\nZoë,Roux,06 12 34 56 78\r\nAna,Petit,01 42 68 53 00\r\n"
                    "Luc,Morel,07 81 22 33 44\r\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    for _ in range(4):
        wizard.next()  # detection, mapping, duplicates, summary
    page = wizard.summary_page
    qtbot.waitUntil(lambda: "Will add 3" in page.counts.text(), timeout=5000)
    assert page.phones.isVisible() and page.phones.text().startswith(
        "Of the first 3 phone numbers, 3 are not numbers of the country they are read in (United Kingdom)")
    assert page.phones.text().endswith("They are numbers of another country: France.")
    assert page.read_as.isVisible() and page.read_as.text() == "Read them as numbers of: France"
    page.read_as.click()
    qtbot.waitUntil(lambda: not page.phones.isVisible() and "Will add 3" in page.counts.text(), timeout=5000)
    assert not page.read_as.isVisible() and wizard.format_page.region.text() == "FR"
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    zoe = contacts.get_contact(contacts.contact_ids("zoë")[0])
    assert [p.e164 for p in zoe.phones] == ["+33612345678"]
    wizard.close()


def test_the_summarys_words_stay_in_sight_above_a_long_list_of_rejects_in_a_small_window(qtbot, window, tmp_path):
    set_setting("default_region", "GB")  # (the phones are French: the summary says so, at length)
    rows = [f"Zoë{i},Roux,06 12 34 56 {i:02},{'zoe' if i % 2 else 'zoe@'}{i}example.fr,bientôt" for i in range(40)]
    path = tmp_path / "clients.csv"
    path.write_text("Prénom,Nom,Téléphone,Courriel,Anniversaire\r\n" + "\r\n".join(rows) + "\r\n",
                    encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    for _ in range(3):
        wizard.next()  # detection, mapping, duplicates
    wizard.duplicates_page.tags.setText("Salon de printemps 2026, Fidélité, Newsletter")
    wizard.next()
    page = wizard.summary_page
    qtbot.waitUntil(lambda: "reject 20" in page.counts.text() and page.phones.isVisible(), timeout=5000)
    for size in ((800, 600), (1000, 700)):  # made smaller, then larger again
        wizard.resize(*size)
        qtbot.wait(100)  # (laid out)
        words = page.said.widget().layout()
        # as high as the words at its width: all of them in sight, and no gap under them
        assert page.said.height() == words.totalHeightForWidth(page.said.viewport().width())
        assert not page.said.verticalScrollBar().isVisible()
        assert page.rejects.height() >= _height_of_rows(page.rejects, 3)  # (the list below them, scrolled)
    wizard.close()


def test_a_column_read_as_the_kind_of_each_number_says_so_and_the_preview_shows_the_kinds(qtbot, window, tmp_path):
    set_setting("default_region", "DE")
    path = tmp_path / "kunden.csv"
    path.write_bytes("Vorname;E-Mail;E-Mail-Typ;Telefon;Telefontyp\r\n"
                     "Jürgen;jw@beispiel.de;Privat;0171 2345678;Mobil\r\n".encode("cp1252"))
    wizard = wizard_for(qtbot, window, path)
    wizard.next()  # detection
    wizard.next()  # mapping
    page = wizard.mapping_page
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=5000)
    assert [c.currentText() for c in page.combos] == ["First name", "Email", "(kind of E-Mail)", "Phone",
                                                      "(kind of Telefon)"]
    assert (page.preview.item(0, 4).text(), page.preview.item(0, 5).text()) == ("jw@beispiel.de (Home)",
                                                                                "0171 2345678 (Mobile)")
    page.combos[3].setCurrentIndex(page.combos[3].findData("ignore"))  # no phone read: no kind of one either
    assert [c.currentText() for c in page.combos][3:] == ["(ignore)", "(ignore)"]
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=5000)
    assert page.preview.item(0, 5).text() == ""
    wizard.close()


def test_the_summary_counts_the_addresses_read_from_one_cell(qtbot, window, tmp_path):
    set_setting("default_region", "FR")
    path = tmp_path / "clients.csv"
    path.write_text('Prénom;Nom;Adresse\r\nMarie;Dupont;"12 rue des Lilas\r\n75011 Paris"\r\nLuc;Martin;Lyon\r\n',
                    encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    wizard.next()  # detection
    wizard.next()  # mapping
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=5000)
    assert wizard.mapping_page.preview.item(0, 6).text() == "12 rue des Lilas, 75011 Paris"
    wizard.next()  # duplicates
    wizard.next()  # summary
    qtbot.waitUntil(lambda: "Will add 2" in wizard.summary_page.counts.text(), timeout=5000)
    page = wizard.summary_page
    assert page.noted.text().splitlines() == [
        "• Customers whose address, written whole in one cell, was read as its street, postal code and town: 1"]
    # with no rejected rows to list, the words stay under each other at the top, not spread down the page
    assert page.isVisible()
    assert all(label.height() <= label.sizeHint().height() + 2 for label in (page.counts, page.noted))
    wizard.close()


def test_the_summary_says_what_goes_to_the_notes_and_what_reading_tidied(qtbot, window, tmp_path):
    set_setting("default_region", "FR")
    path = tmp_path / "clients.csv"
    path.write_bytes("Prénom,Nom,Téléphone,Anniversaire\r\nZoë,Roux,call me,31/02/1990\r\nAna,Si\x00lva,,\r\n"
                     "Bo,Kim,+33612345678,01/02/1990\r\n".encode("utf-8"))
    wizard = wizard_for(qtbot, window, path)
    wizard.next()  # detection
    wizard.next()  # mapping: the preview shows the notes as they will be stored
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=5000)
    assert wizard.mapping_page.preview.item(0, 9).text() == "Téléphone: call me · Anniversaire: 31/02/1990"
    assert wizard.mapping_page.preview.item(2, 5).text() == "06 12 34 56 78"  # as the customer list shows it
    strip = wizard.mapping_page.columns  # each column's first value, beside where it goes
    assert [strip.item(2, c).text() for c in range(4)] == ["Zoë", "Roux", "call me", "31/02/1990"]
    wizard.next()  # duplicates
    wizard.next()  # summary
    qtbot.waitUntil(lambda: "Will add 3" in wizard.summary_page.counts.text(), timeout=5000)
    noted = wizard.summary_page.noted
    assert noted.isVisible()
    assert noted.text().splitlines() == [
        "• Invisible NUL characters removed (some programs leave them): 1",
        "• Customers with a phone number that cannot be read, kept in their notes: 1",
        "• Customers with a birthday that is not a date, kept in their notes: 1"]
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    zoe = contacts.get_contact(contacts.contact_ids("zoë")[0])
    assert zoe.notes.splitlines() == ["Téléphone: call me", "Anniversaire: 31/02/1990"] and zoe.phones == []
    wizard.close()


def test_the_detect_choice_names_the_program_it_found(qtbot, window, tmp_path):
    from smallcrm.services.importing.mapping import PRESETS

    headers = PRESETS["thunderbird"].headers
    path = tmp_path / "thunderbird.csv"
    path.write_text(",".join(headers) + "\r\n" + ",".join(["Ann", "Lee", "", "", "ann@example.com"]
                                                            + [""] * (len(headers) - 5)) + "\r\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    preset = wizard.format_page.preset
    assert preset.currentData() == "auto"
    assert preset.currentText() == "Thunderbird address book (detected)"
    preset.setCurrentIndex(preset.findData("yahoo"))  # the owner's choice is kept, and the item says what was found
    assert wizard.options.preset == "yahoo" and preset.itemText(0) == "Thunderbird address book (detected)"
    wizard.close()


def test_an_ambiguous_date_column_is_asked_about_with_the_rows_in_sight(qtbot, window, tmp_path, monkeypatch):
    from smallcrm.gui import import_wizard
    runs = []
    real = import_wizard.plan_contacts
    monkeypatch.setattr(import_wizard, "plan_contacts", lambda *a: runs.append(a) or real(*a))

    set_setting("default_region", "FR")
    path = tmp_path / "dates.csv"
    path.write_text("First Name,Last Name,Birthday\r\nAnn,Lee,03/04/1990\r\nBob,Stone,05/06/1991\r\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    wizard.next()
    page = wizard.mapping_page
    qtbot.waitUntil(lambda: 2 in page.date_combos, timeout=5000)
    assert "Say above how the dates are written" in page.status.text() and not page.isComplete()
    qtbot.wait(300)  # the file is not read again and again while the answer is awaited
    assert len(runs) == 1 and "Say above how the dates are written" in page.status.text()
    assert page.status.styleSheet() == "color: #8a6100;"  # (advice, not a problem)
    assert [page.preview.item(r, 0).text() for r in range(page.preview.rowCount())] == ["2", "3"]
    assert page.preview.item(0, 7).text() == "?"  # not a guess that would look like the answer
    combo = page.date_combos[2]
    combo.setCurrentIndex(combo.findData("mdy"))
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    assert page.preview.item(0, 7).text() == "March 4, 1990" and page.isComplete()
    wizard.close()


def test_a_sales_date_that_could_be_read_two_ways_is_shown_once_the_owner_says_how(qtbot, window, tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text("Date,Receipt,Amount\r\n03/04/2021,R1,10.00\r\n05/06/2021,R2,12.00\r\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    assert wizard.file_page.kind() == "purchases"
    wizard.next()
    wizard.next()
    page = wizard.mapping_page
    qtbot.waitUntil(lambda: 0 in page.date_combos and page.preview.rowCount() == 2, timeout=5000)
    assert [cells(page.preview, r)[2] for r in range(2)] == ["?", "?"]
    combo = page.date_combos[0]
    combo.setCurrentIndex(combo.findData("dmy"))
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    assert cells(page.preview, 0)[2] == fmt.short_day(date(2021, 4, 3))  # (the day alone: no time was given)
    wizard.close()


def test_a_cancelled_sale_is_shown_as_skipped_with_its_customer_as_written(qtbot, window, till):
    till.write_bytes("Datum;Beleg;E-Mail;Betrag;Status\r\n03.03.2024 10:15;1001;anna@beispiel.de;12,90;bezahlt\r\n"
                     "04.03.2024 11:00;1002;anna@beispiel.de;8,00;storniert\r\n".encode("cp1252"))
    wizard = wizard_for(qtbot, window, till)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    preview = wizard.mapping_page.preview
    assert cells(preview, 0)[:2] == ["2", "record"] and cells(preview, 0)[4] == "Anna Schulz"
    assert cells(preview, 1)[:2] == ["3", "skip"] and cells(preview, 1)[4] == "anna@beispiel.de"  # not "not found"
    assert cells(preview, 1)[7] == "cancelled or refunded in the file: not a sale to record"
    wizard.next()  # the unknown customers page (none)
    wizard.next()
    assert wizard.currentPage() is wizard.summary_page
    qtbot.waitUntil(lambda: wizard.summary_page.noted.text() != "", timeout=5000)
    assert wizard.summary_page.noted.text().splitlines() == [
        "• Purchases to skip (1): cancelled or refunded in the file: not a sale to record"]
    wizard.close()


def test_a_shopify_orders_export_is_named_and_its_order_number_is_the_receipt(qtbot, window, tmp_path):
    from tests.unit.test_import_purchases import SHOPIFY_ORDERS, write_csv

    rows = [["#1001", "marie@example.fr", "paid", "", "EUR", "45.00", "45.00", "2025-03-01 10:15:20 +0100", "2",
             "Lavender candle", "15.00", "Marie Dupont", "", "51"],
            ["#1001", "marie@example.fr", "", "", "", "", "", "", "1", "Honey soap", "15.00", "", "", ""]]
    wizard = wizard_for(qtbot, window, write_csv(tmp_path / "orders_export.csv", SHOPIFY_ORDERS, rows))
    assert wizard.file_page.kind() == "purchases"
    wizard.next()
    assert "the layout of Shopify's orders export" in wizard.format_page.detected.text()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=5000)
    page = wizard.mapping_page
    assert [page.combos[i].currentText() for i in (0, 11)] == ["Receipt or invoice number", "Customer's name"]
    row = cells(page.preview, 0)  # the order's two rows, one receipt
    assert (row[0], row[3], row[5]) == ("2, 3", "#1001", fmt.money(4500, "EUR"))
    wizard.next()
    unmatched = wizard.unmatched_page
    assert wizard.currentPage() is unmatched and not unmatched.table.isColumnHidden(1)
    assert model_cells(unmatched.table, 0)[:3] == ["marie@example.fr", "Marie Dupont", "1"]
    wizard.close()


def test_a_stripe_payments_export_is_named_and_a_failed_charge_is_skipped(qtbot, window, tmp_path):
    from smallcrm.services.contacts import ContactInput, add_contact
    from tests.unit.test_import_purchases import STRIPE, write_csv

    add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    rows = [["ch_1", "2025-10-03 12:05:00", "15.00", "0.00", "eur", "true", "Subscription", "0.40", "Paid", "cus_A",
             "ann@example.com", "in_1"],
            ["ch_2", "2025-10-03 12:00:00", "15.00", "0.00", "eur", "false", "Subscription", "0", "Failed", "cus_A",
             "ann@example.com", "in_1"]]
    wizard = wizard_for(qtbot, window, write_csv(tmp_path / "unified_payments.csv", STRIPE, rows))
    wizard.next()
    assert "the layout of Stripe's payments export" in wizard.format_page.detected.text()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    page = wizard.mapping_page
    assert page.combos[0].currentText() == "Receipt or invoice number" and page.combos[11].currentText() == "(ignore)"
    preview = page.preview
    assert [(cells(preview, r)[:2], cells(preview, r)[3]) for r in range(2)] == [(["2", "record"], "ch_1"),
                                                                                 (["3", "skip"], "ch_2")]
    assert cells(preview, 1)[7] == "cancelled or refunded in the file: not a sale to record"
    wizard.next()  # the unknown customers page (none)
    wizard.next()
    assert wizard.currentPage() is wizard.summary_page
    qtbot.waitUntil(lambda: wizard.summary_page.noted.text() != "", timeout=5000)
    assert wizard.summary_page.noted.text().splitlines() == [
        "• Purchases to skip (1): cancelled or refunded in the file: not a sale to record"]
    wizard.close()


def test_a_paypal_activity_download_is_named_and_a_refund_is_the_customers(qtbot, window, tmp_path):
    from tests.unit.test_import_purchases import PAYPAL, write_csv

    rows = [["2025-10-03", "09:00:00", "Europe/London", "Bob Ray", "Payment Refund", "Completed", "GBP", "-10.00",
             "0.36", "-9.64", "shop@example.co.uk", "bob@example.com", "3AB", "Soap", "2AB", "", "1", "52.99", "GB",
             "Debit"]]
    wizard = wizard_for(qtbot, window, write_csv(tmp_path / "Download.CSV", PAYPAL, rows))
    wizard.next()
    assert "the layout of PayPal's activity download" in wizard.format_page.detected.text()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    assert cells(wizard.mapping_page.preview, 0)[4] == "not found: bob@example.com"
    wizard.close()


def test_a_purchases_export_of_smallcrm_is_named_and_imports_back_with_its_refund_linked(qtbot, window, tmp_path):
    from smallcrm.services import export
    from smallcrm.services.purchases import Item, purchase_json, record_purchase, refund_purchase
    from smallcrm.store.models import Purchase, database

    ann = contacts.add_contact(contacts.ContactInput(first_name="Ann", emails=["ann@example.com"]))
    sale = record_purchase(ann, items=[Item("Tea", 2, 450), Item("Mug", 1, 900)], currency="EUR",
                           at=datetime(2025, 3, 1, 10).astimezone())
    refund_purchase(sale.purchase_id, 450, at=datetime(2025, 3, 1, 10).astimezone(), reason="tea spilt")
    path = tmp_path / "purchases.csv"
    export.export_purchases(path)
    for sql in ("DELETE FROM points_entry", "DELETE FROM purchase WHERE refund_of_id IS NOT NULL",
                "DELETE FROM purchase"):  # (the book without them, as another book would be)
        database.execute_sql(sql)
    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    assert wizard.format_page.preset.currentText() == "smallcrm (its own purchases export) (detected)"
    assert "the layout of smallcrm's own purchases export" in wizard.format_page.detected.text()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    preview = wizard.mapping_page.preview  # the sale's two rows one purchase, its refund another
    assert [cells(preview, r)[:2] for r in range(2)] == [["2, 3", "record"], ["4", "refund"]]
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.summary_page.ready, timeout=5000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    again, refund = (purchase_json(p.id) for p in Purchase.select().order_by(Purchase.id))
    assert [(i["description"], i["quantity"]) for i in again["items"]] == [("Tea", 2), ("Mug", 1)]
    assert (refund["refund_of"], refund["total_minor"], again["refunded_minor"]) == (again["id"], -450, 450)
    wizard.close()


def test_the_preview_brings_into_sight_where_a_newly_mapped_column_goes(qtbot, window):
    path = Path(__file__).parents[1] / "fixtures" / "import" / "google.csv"
    wizard = mapping_of(qtbot, window, path, whole=True)
    page = wizard.mapping_page
    preview = page.preview

    def in_sight(column: int) -> bool:
        return preview.viewport().rect().intersects(preview.visualRect(preview.model().index(0, column)))

    assert not in_sight(9)  # the Notes, off to the right of a laptop-sized wizard
    column = page.mapped_fields().index("ignore")
    page.combos[column].setCurrentIndex(page.combos[column].findData("note"))
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    assert in_sight(9)
    page.combos[column].setCurrentIndex(page.combos[column].findData("first_name"))
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    assert in_sight(2) and not in_sight(9)
    wizard.close()


def test_an_undo_refused_for_a_later_imports_refund_names_that_import(qtbot, window, tmp_path):
    from smallcrm.errors import UndoRefused
    from smallcrm.gui.import_wizard import undo_refused_text
    from smallcrm.services.importing import contacts_import as ci, purchases_import as pi

    def refusal(batch: int) -> str:
        with pytest.raises(UndoRefused) as caught:
            ci.undo_import(batch)
        return undo_refused_text(caught.value)

    header = "Date,Transaction ID,Amount\n"
    october = tmp_path / "october.csv"
    october.write_text(header + "2025-10-30 10:00,TX1,40.00\n", encoding="utf-8")
    november = tmp_path / "november.csv"
    november.write_text(header + "2025-11-02 10:00,TX1,-40.00\n", encoding="utf-8")
    first = pi.import_purchases(october)
    pi.import_purchases(november)
    text = refusal(first.batch)
    assert text.startswith("Not undone. The purchase with receipt TX1, recorded by this import, was refunded by a "
                           "later import (november.csv, ") and text.endswith("Undo that one first, then this one. "
                                                                             "Nothing was changed.")
    # the other way round: November's refund, imported first, linked to its sale by October's import
    for batch in (2, 1):
        ci.undo_import(batch)
    pi.import_purchases(november)
    pi.import_purchases(october)
    text = refusal(3)
    assert text.startswith("Not undone. The refund with receipt TX1, recorded by this import, was linked to its sale "
                           "by a later import (october.csv, ") and text.endswith("then this one. Nothing was changed.")
    # a sale recorded as due, marked paid by a later import
    due, paid = tmp_path / "due.csv", tmp_path / "paid.csv"
    due.write_text("Date,Order,Amount,Status\n2025-10-05 10:00,#1006,12.00,pending\n", encoding="utf-8")
    paid.write_text("Date,Order,Amount,Status\n2025-10-05 10:00,#1006,12.00,paid\n", encoding="utf-8")
    first = pi.import_purchases(due)
    pi.import_purchases(paid)
    text = refusal(first.batch)
    assert text.startswith("Not undone. The purchase with receipt #1006, recorded by this import as due, was marked "
                           "paid by a later import (paid.csv, ")
    assert text.endswith("then this one. Nothing was changed.")


def test_points_an_import_takes_back_are_said_so(app):
    from smallcrm.gui.import_wizard import points_text

    assert points_text(12) == " Points given: 12."
    assert points_text(-7) == " Points taken back: 7."  # refunds that outweigh the file's sales, not "given: -7"


def test_a_selected_duplicate_shows_what_filling_in_or_overwriting_would_change(qtbot, window, tmp_path):
    from smallcrm.services.contacts import ContactInput, add_contact

    add_contact(ContactInput(first_name="Ana", last_name="Lima", emails=["ana@lima.pt"], city="Porto"))
    path = tmp_path / "clients.csv"
    path.write_text("First Name,Last Name,Email,City,Company\nAna,Lima,ana@lima.pt,Lisboa,Café Lima\n"
                    "Bea,Nova,bea@nova.pt,Faro,\nBea,Nova,bea@nova.pt,Faro,\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    wizard.next()
    page = wizard.duplicates_page
    assert page.compared.text() == "Select a row to see what it would change in the customer."
    assert not page.changes.isVisible()
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.changes.isVisible(), timeout=5000)
    assert page.compared.text() == "What row 2 would change in Ana Lima (changes in bold):"
    rows = [cells(page.changes, r) for r in range(page.changes.rowCount())]
    assert rows == [["Company", "—", "Café Lima", "Café Lima"], ["City", "Porto", "Porto", "Lisboa"]]
    assert page.changes.item(1, 3).font().bold() and not page.changes.item(1, 2).font().bold()
    page.table.selectRow(1)  # a new customer, twice in the file: what becomes of it follows its choice
    # ("skip" for all leaves alone the customers in the book, not one the file adds)
    assert page.compared.text() == "Row 4 is the same customer as row 3 of the file: it adds to what that row brings."
    assert not page.changes.isVisible()
    bar = page.for_selected
    bar.choice.setCurrentIndex(bar.choice.findData("create"))
    qtbot.mouseClick(bar.apply, Qt.MouseButton.LeftButton)
    assert page.compared.text() == ("Row 4 is the same customer as row 3 of the file: as chosen, it is added as a "
                                    "customer of its own.")
    bar.choice.setCurrentIndex(bar.choice.findData("skip"))
    qtbot.mouseClick(bar.apply, Qt.MouseButton.LeftButton)
    assert page.compared.text() == "Row 4 is the same customer as row 3 of the file: as chosen, it is left out."
    assert contacts.get_contact(contacts.contact_ids("ana")[0]).city == "Porto"  # nothing written
    wizard.close()


def first_duplicate_compared(qtbot, wizard):
    """The duplicates page, its first row selected and what that row would change in the customer shown."""
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    wizard.next()
    page = wizard.duplicates_page
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.changes.isVisible(), timeout=5000)
    return page


def test_a_duplicate_that_says_what_kind_of_address_or_number_it_is_shows_it_as_a_change(qtbot, window, tmp_path):
    from smallcrm.services.contacts import ContactInput, add_contact

    add_contact(ContactInput(first_name="Ana", last_name="Lima", emails=["ana@lima.pt"], phones=["+351 912 345 678"],
                             phone_labels=["Loja"]))
    path = tmp_path / "clients.csv"
    path.write_text("First Name,Last Name,Email,Email Type,Phone,Phone Type\n"
                    "Ana,Lima,ana@lima.pt,Work,+351 912 345 678,Mobile\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    page = first_duplicate_compared(qtbot, wizard)
    rows = [cells(page.changes, r) for r in range(page.changes.rowCount())]
    # "fill" keeps the owner's label, or gives one where there is none; "overwrite" takes the file's
    assert rows == [["Email", "ana@lima.pt", "ana@lima.pt (Work)", "ana@lima.pt (Work)"],
                    ["Phone", "+351 912 345 678 (Loja)", "+351 912 345 678 (Loja)", "+351 912 345 678 (Mobile)"]]
    wizard.close()


def test_why_a_row_is_left_out_is_shown_to_its_end_in_the_preview(qtbot, window, tmp_path):
    """Cut at 280 pixels, "same as Marguerite Duchamp-Villeneuve (same …" hid what matters, the more so in French."""
    from smallcrm.services.contacts import ContactInput, add_contact

    add_contact(ContactInput(first_name="Marguerite", last_name="Duchamp-Villeneuve", phones=["+33 6 98 76 54 32"]))
    path = tmp_path / "clients.csv"
    path.write_text("First Name,Last Name,Phone\nMarguerite,Duchamp-Villeneuve,06 98 76 54 32\n", encoding="utf-8")
    set_setting("default_region", "FR")
    preview = mapping_of(qtbot, window, path, whole=True).mapping_page.preview
    why = preview.columnCount() - 1
    text = preview.item(0, why).text()
    assert text == "same as Marguerite Duchamp-Villeneuve (same phone)"
    assert preview.columnWidth(why) >= preview.fontMetrics().horizontalAdvance(text)


def test_birthdays_are_shown_as_the_customers_details_show_them_in_the_preview_and_the_comparison(qtbot, window,
                                                                                                  tmp_path):
    """Not as stored ("1990-04-03", Google's "--03-04"): the owner who chose "Day first" sees the date it gave."""
    from smallcrm.services.contacts import ContactInput, add_contact

    add_contact(ContactInput(first_name="Ana", last_name="Lima", emails=["ana@lima.pt"], birthday="--04-03"))
    path = tmp_path / "clients.csv"
    path.write_text("First Name,Last Name,Email,Birthday\nAna,Lima,ana@lima.pt,03.04.1990\n"
                    "Bea,Nova,bea@nova.pt,--12-25\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    page = first_duplicate_compared(qtbot, wizard)
    assert [cells(page.changes, r) for r in range(page.changes.rowCount())] == [
        ["Birthday", "April 3", "April 3, 1990", "April 3, 1990"]]  # (its year filled in)
    wizard.back()
    preview = wizard.mapping_page.preview
    assert [preview.item(r, 7).text() for r in range(2)] == ["April 3, 1990", "December 25"]
    wizard.close()


def test_what_a_duplicate_would_change_in_many_fields_stays_clear_of_the_tags_line(qtbot, window, tmp_path):
    """Nine fields to compare: the table scrolls within the page rather than running under the line below it."""
    from smallcrm.services.contacts import ContactInput, add_contact

    add_contact(ContactInput(first_name="Zoë", last_name="Lefèvre", company="Old", city="Paris",
                             emails=["zoe@exemple.fr"], phones=["+33 6 00 00 00 00"]))
    path = tmp_path / "clients.csv"
    path.write_text("Prénom;Nom;Courriel;Téléphone;Ville;Société;Rue;Code postal;Pays;Anniversaire;Étiquettes;Notes\n"
                    "Zoë;Lefèvre;zoe@exemple.fr;+33 6 12 34 56 78;Lyon;Fleurs;12 rue Neuve;69002;France;1980-12-31;"
                    "VIP;Aime les pivoines\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    wizard.resize(900, 560)
    page = first_duplicate_compared(qtbot, wizard)
    qtbot.wait(50)
    assert page.changes.rowCount() >= 9
    assert page.changes.geometry().bottom() < page.tags.geometry().top()
    assert page.table.geometry().bottom() < page.changes.geometry().top()
    assert page.changes.verticalScrollBar().isVisible()  # (its rows are all there, scrolled to)
    wizard.close()


def test_a_row_of_someone_erased_is_shown_skipped_and_why(qtbot, window, tmp_path):
    from smallcrm.services import privacy

    gone = contacts.add_contact(contacts.ContactInput(first_name="Ann", last_name="Lee", emails=["ann@example.com"]))
    privacy.erase_contact(gone)
    path = tmp_path / "old list.csv"
    path.write_text("First Name,Last Name,Email\nAnn,Lee,ann@example.com\nBob,Ray,bob@example.com\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    wizard.next()
    page = wizard.mapping_page
    qtbot.waitUntil(lambda: page.preview.rowCount() == 2, timeout=5000)
    row = cells(page.preview, 0)
    assert (row[1], row[-1]) == ("skip", "erased at their request: not added again")
    assert cells(page.preview, 1)[1] == "add"
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.summary_page.noted.text() != "", timeout=5000)
    assert wizard.summary_page.noted.text().splitlines() == ["• Rows of people erased at their request, not added "
                                                              "again: 1"]
    assert wizard.summary_page.counts.text() == "Will add 1, update 0, skip 1 and reject 0 of 2 rows."
    wizard.close()


def to_duplicates_with(qtbot, window, path, policy: str) -> ImportWizard:
    """From the first page of a customer list to the duplicates page, with `policy` chosen there."""
    wizard = wizard_for(qtbot, window, path)
    wizard.next()  # detection
    wizard.next()  # mapping
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=5000)
    wizard.next()  # duplicates
    next(b for b in wizard.duplicates_page.group.buttons() if b.property("policy") == policy).click()
    return wizard


def to_summary(qtbot, wizard) -> None:
    """From the first page of a customer list to its dry run, nothing changed on the way."""
    while wizard.currentPage() is not wizard.summary_page:
        wizard.next()
    qtbot.waitUntil(lambda: wizard.summary_page.ready, timeout=5000)


def test_a_file_changed_on_disk_is_read_again_and_the_rows_corrected_here_are_left_out_saying_so(
        qtbot, window, tmp_path, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    path = write_french_file(tmp_path)
    wizard = wizard_for(qtbot, window, path)
    to_summary(qtbot, wizard)
    assert wizard.summary_page.counts.text().startswith("Will add 2") and "reject 1" in wizard.summary_page.counts.text()
    wizard.fixes[4] = ["José", "Núñez", "jose@exemple.fr", "", "Nantes", "01/02/1990"]  # (Fix… as the owner did)
    # the owner corrects the file in their spreadsheet instead, and adds a customer
    path.write_bytes((FRENCH_EXCEL.replace("pas-un-email", "jose@exemple.fr") + "Ana;Silva;ana@exemple.pt;;Porto;"
                      "\r\n").encode("cp1252"))
    wizard.back()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.summary_page.ready, timeout=5000)
    assert wizard.summary_page.counts.text().startswith("Will add 4") and "reject 0" in wizard.summary_page.counts.text()
    assert wizard.fixes == {} and said and "the rows corrected here were left out" in said[0]
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    assert contacts.count_contacts() == 4
    wizard.close()


def test_a_file_saved_again_after_its_summary_is_not_imported_before_the_summary_is_made_again(qtbot, window,
                                                                                                  tmp_path):
    path = write_french_file(tmp_path)
    wizard = wizard_for(qtbot, window, path)
    to_summary(qtbot, wizard)
    assert wizard.summary_page.counts.text().startswith("Will add 2")
    path.write_bytes((FRENCH_EXCEL + "Ana;Silva;ana@exemple.pt;;Porto;\r\n").encode("cp1252"))  # (saved again)
    wizard.next()
    page = wizard.run_page
    qtbot.waitUntil(lambda: page.again.isVisible(), timeout=5000)
    assert page.text.text() == ("The file was saved again since it was read: go back to the summary to see what "
                                "importing it does now. Nothing was imported.")
    assert not page.bar.isVisible()
    assert contacts.count_contacts() == 0
    qtbot.mouseClick(page.again, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.summary_page.ready, timeout=5000)
    assert wizard.summary_page.counts.text().startswith("Will add 3")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    assert contacts.count_contacts() == 3
    wizard.close()


def test_a_utf8_file_with_a_few_bytes_of_no_encoding_goes_on_read_as_utf8_with_other_rows(qtbot, window, tmp_path):
    """Two lists put together ("Ma\x81rc"): the first page let no one on to the page where the encoding is chosen."""
    source = tmp_path / "joined.csv"
    source.write_bytes("First Name,Last Name,Email\nHélène,Dupré,h@example.com\n".encode()
                       + b"Ma\x81rc,Dub\x8dois,m@example.com\n")
    wizard = wizard_for(qtbot, window, source)
    wizard.next()
    assert wizard.currentPage() is wizard.format_page
    assert "UTF-8 and Windows, Western Europe, mixed" in wizard.format_page.detected.text()
    wizard.next()
    page = wizard.mapping_page
    qtbot.waitUntil(lambda: page.preview.rowCount() == 2, timeout=5000)
    assert [cells(page.preview, r)[2] for r in range(2)] == ["Hélène Dupré", "Marc Dubois"]  # (no control character)
    wizard.close()


def test_the_summary_of_a_sales_file_says_what_reading_tidied(qtbot, window, tmp_path):
    contacts.add_contact(contacts.ContactInput(first_name="Ann", last_name="Lee", emails=["ann@example.com"]))
    path = tmp_path / "sales.csv"
    path.write_text('Date,Receipt,Email,Amount,Note\n2025-03-01 10:00,R1,ann@example.com,9.00,"gift\n'
                    "2025-03-02 10:00,R2,ann@example.com,4.00,ok,extra\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    assert wizard.file_page.kind() == "purchases"
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    to_summary(qtbot, wizard)
    assert wizard.summary_page.noted.text().splitlines()[:2] == [  # (and which rows)
        "• Quotes never closed: the lines they ran together are read as rows again, the quote kept as text (check "
        "those rows): 1 (row 2)",
        "• Rows with more cells than the header (the extra ones are left out): 1 (row 3)"]
    wizard.close()


def test_a_file_cut_short_in_a_letter_is_said_to_be_and_its_last_row_shown_rejected(qtbot, window, tmp_path):
    path = tmp_path / "cut.csv"
    path.write_bytes("First Name,Last Name,Email\nHélène,Dupré,h@example.com\nMarie,Lef".encode() + b"\xc3")
    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    assert "characters in UTF-8 (Unicode)" in wizard.format_page.detected.text()
    wizard.next()
    to_summary(qtbot, wizard)
    assert wizard.summary_page.noted.text().splitlines()[0] == (
        "• The file ends in the middle of a letter: it was cut short when it was saved, copied or downloaded, and "
        "rows may be missing after its last one")
    assert wizard.plan.counts["reject"] == 1 and wizard.plan.rejects[0].value == "Lef\ufffd"
    rejects = wizard.summary_page.rejects  # (a long reason leaves the column and the value in sight)
    assert rejects.horizontalHeader().sectionSize(1) == 60 * rejects.fontMetrics().averageCharWidth()
    wizard.close()


def test_a_file_cut_short_and_filled_with_nul_bytes_is_said_to_be(qtbot, window, tmp_path):
    path = tmp_path / "synced.csv"
    path.write_bytes(b"First Name,Last Name,Email\nAnn,Lee,ann@example.com\nBob,Ray,bob@example.com\n" + b"\x00" * 4096)
    wizard = wizard_for(qtbot, window, path)
    to_summary(qtbot, wizard)
    assert wizard.summary_page.noted.text().splitlines() == [
        "• The file ends in blank (NUL) bytes instead of text: it was cut short when it was saved, copied or synced, "
        "and rows may be missing after its last one"]
    assert wizard.plan.counts["create"] == 2
    wizard.close()


def test_the_summary_of_an_online_retail_file_says_the_shops_own_fees_are_left_out(qtbot, window, tmp_path):
    path = tmp_path / "retail.csv"
    path.write_text("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                    "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,,United Kingdom\n"
                    "C496353,BANK CHARGES,Bank Charges,-1,12/2/2010 9:12,15.00,,United Kingdom\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    assert wizard.file_page.kind() == "purchases"
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    to_summary(qtbot, wizard)
    assert wizard.summary_page.noted.text().splitlines() == [
        "• Lines of the shop's own fees or bookkeeping (Amazon's fee, bank charges, bad debt), not customers' sales: "
        "left out: 1 (row 3)"]
    assert wizard.plan.counts["purchases"] == 1
    wizard.close()


def test_the_summary_of_a_sales_file_says_how_many_items_were_cut_to_what_a_line_holds(qtbot, window, tmp_path):
    contacts.add_contact(contacts.ContactInput(first_name="Ann", last_name="Lee", emails=["ann@example.com"]))
    path = tmp_path / "sales.csv"
    path.write_text("Date,Receipt,Email,Item,Amount\n2025-03-01 10:00,R1,ann@example.com," + "Gift basket " * 100
                    + ",45.00\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    to_summary(qtbot, wizard)
    assert wizard.summary_page.noted.text().splitlines()[0] == (
        "• Items over 1,000 characters, cut to 1,000: 1")
    wizard.close()


def test_the_summary_of_a_receipt_list_with_tax_points_out_the_column_of_what_customers_paid(qtbot, window, tmp_path):
    path = tmp_path / "belege.csv"
    path.write_text("Datum;Beleg;Betrag;MwSt;Gesamtbetrag\n01.03.2025;1;10,00;1,90;11,90\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    assert wizard.file_page.kind() == "purchases"
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    assert wizard.plan.fields == ["date", "reference", "amount", "", ""]
    to_summary(qtbot, wizard)
    assert ("• “Gesamtbetrag” is “Betrag” with its tax added: the amounts recorded are “Betrag”, before tax. To record "
            "what customers paid, go back and choose Amount for “Gesamtbetrag”.") in wizard.summary_page.noted.text()
    wizard.close()


def test_the_summary_says_sales_in_another_currency_than_the_shops_earn_no_points(qtbot, window, tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text("Date,Receipt,Total,Currency\n2025-03-01,1,10.00,GBP\n2025-03-01,2,12.00,GBP\n"
                    "2025-03-01,3,5.00,USD\n2025-03-01,4,5.00,EUR\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    to_summary(qtbot, wizard)
    assert ("• 3 purchases are in GBP (2), USD (1), not the shop's currency (EUR): they earn no points, and reports "
            "leave them out. If the shop sells in GBP, choose it under Tools ▸ Settings first."
            ) in wizard.summary_page.noted.text().splitlines()
    wizard.close()


def test_a_folder_dropped_on_the_window_says_to_choose_a_file_in_it(qtbot, window, tmp_path):
    folder = tmp_path / "Exports"
    folder.mkdir()
    wizard = wizard_for(qtbot, window, folder)
    page = wizard.file_page
    assert not page.isComplete()  # (Next stays off)
    assert page.problem.isVisible() and page.problem.text() == "Exports is a folder: choose the CSV file in it."
    page.path.setText(str(write_french_file(tmp_path)))
    assert page.isComplete() and not page.problem.isVisible()
    wizard.close()


def test_the_mapping_chosen_and_a_date_order_answered_stay_when_going_back(qtbot, window, tmp_path):
    path = tmp_path / "clients.csv"
    path.write_bytes(("Prénom;Nom;Courriel;Ville;Date de naissance\r\nZoë;Lefèvre;zoe@exemple.fr;Lyon;03/04/1980\r\n"
                      "Ann;Lee;ann@exemple.fr;Paris;05/06/1975\r\n").encode("cp1252"))
    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    wizard.next()
    page = wizard.mapping_page
    qtbot.waitUntil(lambda: bool(page.date_combos), timeout=5000)
    (asked,) = page.date_combos.values()
    asked.setCurrentIndex(asked.findData("mdy"))  # (a wrong answer, to change later)
    page.combos[3].setCurrentIndex(page.combos[3].findData("note"))  # the town kept in the notes
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.fields[3] == "note", timeout=5000)
    for steps in (1, 2):  # back to the format page, and to the first page, and on again
        for _ in range(steps):
            wizard.back()
        for _ in range(steps):
            wizard.next()
        qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
        assert page.mapped_fields()[3] == "note"
        assert [c.currentData() for c in page.date_combos.values()] == ["mdy"]  # still asked: it can be changed
    (asked,) = page.date_combos.values()
    asked.setCurrentIndex(asked.findData("dmy"))
    qtbot.waitUntil(lambda: cells(page.preview, 0)[7] == "April 3, 1980", timeout=5000)
    wizard.close()


def test_a_corrected_row_stays_when_the_format_page_reads_the_cells_the_same_way(qtbot, window, tmp_path):
    wizard = wizard_for(qtbot, window, write_french_file(tmp_path))
    to_summary(qtbot, wizard)
    assert wizard.summary_page.fix.isEnabled()  # (the one rejected row: Fix… without choosing it first)
    wizard.fixes[4] = ["José", "Núñez", "jose@exemple.fr", "", "Nantes", "01/02/1990"]
    while wizard.currentPage() is not wizard.format_page:
        wizard.back()
    preset = wizard.format_page.preset
    detected = preset.currentIndex()
    preset.setCurrentIndex(preset.findData("generic"))
    preset.setCurrentIndex(detected)
    assert 4 in wizard.fixes
    to_summary(qtbot, wizard)
    assert "reject 0" in wizard.summary_page.counts.text()
    wizard.close()


def test_a_dry_run_that_fails_says_why_on_the_summary_and_offers_nothing_it_has_not_found(qtbot, window, tmp_path):
    """The file gone between the pages: the summary says so in the problem colour, keeps Import off, and shows no
    table of rejected rows nor a button to save them (pressed, it saved an earlier run's, or failed)."""
    path = write_french_file(tmp_path)
    wizard = wizard_for(qtbot, window, path)
    page = wizard.summary_page
    assert not (page.rejects.isVisibleTo(page) or page.save.isVisibleTo(page) or page.fix.isVisibleTo(page))
    to_summary(qtbot, wizard)
    assert page.save.isVisible() and page.rejects.isVisible()  # (José's email: one rejected row)
    wizard.back()
    path.unlink()
    wizard.next()
    qtbot.waitUntil(lambda: "Go back to choose again" in page.counts.text(), timeout=5000)
    assert page.counts.text().startswith("The file is not there any more")
    assert "color" in page.counts.styleSheet() and not page.isComplete()
    assert not (page.rejects.isVisible() or page.save.isVisible() or page.fix.isVisible())


def test_a_file_gone_after_its_summary_is_said_to_be_gone_not_saved_again(qtbot, window, tmp_path):
    path = write_french_file(tmp_path)
    wizard = wizard_for(qtbot, window, path)
    to_summary(qtbot, wizard)
    path.unlink()
    wizard.next()
    page = wizard.run_page
    qtbot.waitUntil(lambda: page.again.isVisible(), timeout=5000)
    assert page.text.text().startswith("The file is not there any more (moved, renamed or deleted?).")
    assert contacts.count_contacts() == 0


def test_rows_chosen_to_end_at_a_line_break_the_file_ends_none_with_is_said_on_the_format_page(qtbot, window,
                                                                                               tmp_path):
    path = tmp_path / "mac.csv"
    path.write_bytes(b"First Name,Email\nAnn,ann@example.com\nBob,bob@example.com\n")
    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    page = wizard.format_page
    page.row_end.setCurrentIndex(page.row_end.findData("cr"))
    assert page.detected.text() == ("The column names run on into the rows under them: the file's rows end at "
                                    "another line break. Choose “At any line break” under “Rows end”.")
    assert not page.isComplete()
    page.row_end.setCurrentIndex(page.row_end.findData("any"))
    assert page.isComplete() and page.table.rowCount() == 2
    wizard.reject()


def test_a_choice_on_the_format_page_that_cannot_be_used_is_said_in_the_words_of_the_page(qtbot, window, tmp_path):
    wizard = wizard_for(qtbot, window, write_french_file(tmp_path))
    wizard.next()
    page = wizard.format_page
    assert page.isComplete() and page.table.rowCount() == 3
    page.encoding.setCurrentText("klingon")
    assert page.detected.text() == ("“klingon” is not an encoding smallcrm knows: choose one from the list under "
                                    "“Characters (encoding)”.")
    # said in the problem colour, the rows read before no longer shown as this choice's, and Next off
    assert "color" in page.detected.styleSheet() and page.table.rowCount() == 0 and not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.encoding.setCurrentText("cp1252")
    assert page.isComplete() and page.table.rowCount() == 3 and page.detected.styleSheet() == ""
    # an encoding that cannot read the file: said here, where it is chosen, with the one the file is written in
    page.encoding.setCurrentIndex(page.encoding.findData("utf-8"))
    assert page.detected.text().startswith("Some of the text cannot be read in the encoding chosen (")
    assert "choose another under “Characters (encoding)”. The file looks written in Windows, Western Europe" in (
        page.detected.text()) and "go back" not in page.detected.text() and not page.isComplete()
    page.encoding.setCurrentText("cp1252")
    assert page.isComplete() and page.table.rowCount() == 3
    # one that reads the file's names as letters of another alphabet: said so too
    page.encoding.setCurrentIndex(page.encoding.findData("cp1251"))
    assert page.detected.text().startswith("Some of the text cannot be read in the encoding chosen (read as cp1251, "
                                           "“Prénom” would be “Prйnom”): choose another under")
    assert page.detected.text().endswith("The file looks written in Windows, Western Europe (cp1252).")
    assert not page.isComplete()
    page.encoding.setCurrentText("cp1252")
    page.header_row.setValue(50)
    assert page.detected.text() == ("The file has no row 50 with column names: choose the row they are on under "
                                    "“Column names on row”.")
    page.header_row.setValue(1)
    # a country's code no country has is said here, where it is written, and the page is not left
    page.region.setText("ZZ")
    wizard.next()
    assert wizard.currentPage() is page and wizard.focusWidget() is page.region
    assert page.region_problem.isVisible() and page.region_problem.text().startswith("“ZZ” is no country's code.")
    qtbot.keyClicks(page.region, "DE")
    assert not page.region_problem.isVisible()
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page and wizard.options.region == "DE"


def test_a_file_named_in_quotes_or_as_a_link_is_found_and_a_name_of_no_file_says_so(qtbot, window, tmp_path):
    """Windows' "Copy as path" puts quotes around the path, and a browser's address is a file:// link: both name the
    file. A name of no file says so, rather than leave Next off without a word."""
    path = write_french_file(tmp_path)
    wizard = wizard_for(qtbot, window, path)
    page = wizard.file_page
    for written in (f'"{path}"', f"'{path}'", path.as_uri()):
        page.path.setText(written)
        assert page.isComplete() and not page.problem.isVisible(), written
    page.path.setText(str(path.with_name("clients-2025.csv")))
    assert not page.isComplete()
    assert page.problem.text() == ("There is no file “clients-2025.csv” there. Check its name and folder, or find it "
                                   "with Choose…")
    page.path.setText(path.as_uri())
    wizard.next()
    assert wizard.currentPage() is wizard.format_page and wizard.path == path


def test_a_long_file_name_without_spaces_does_not_widen_the_import_past_the_screen(qtbot, window, tmp_path):
    path = tmp_path / ("Kundenliste_Export_Kasse_" + "x" * 170 + ".csv")
    path.write_bytes(FRENCH_EXCEL.encode("cp1252"))
    wizard = wizard_for(qtbot, window, path)
    to_summary(qtbot, wizard)
    width = wizard.width()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    assert wizard.width() == width


def test_a_file_with_nothing_to_import_does_not_offer_to_import_it(qtbot, window, tmp_path):
    """Every row rejected: the summary says there is nothing to import and Import stays off (it recorded an import
    of nothing, with an Undo that had nothing to undo)."""
    path = tmp_path / "clients.csv"
    path.write_text("Prénom;Nom;Courriel\nZoë;Lefèvre;pas-un-email\nJosé;Núñez;ni-celui-ci\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    to_summary(qtbot, wizard)
    page = wizard.summary_page
    assert page.counts.text().endswith("There is nothing to import: go back to change a choice, or fix the rejected "
                                       "rows below.")
    assert not page.isComplete() and not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert page.rejects.isVisible() and page.fix.isVisible()
    wizard.close()


def test_the_columns_page_says_what_the_rows_will_do_across_its_whole_width(qtbot, window, tmp_path):
    """Beside the saved mappings' list and button, a French sentence wrapped into a narrow column of five lines."""
    wizard = wizard_for(qtbot, window, write_french_file(tmp_path))
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.whole, timeout=5000)
    page = wizard.mapping_page
    assert page.status.text().startswith("3 rows: 2 to add")
    assert abs(page.status.width() - page.preview.width()) <= 2
    assert page.status.geometry().bottom() < page.save.geometry().top()
    wizard.close()


def test_a_row_of_a_customer_an_earlier_row_adds_is_said_to_be_joined_not_updated(qtbot, window, tmp_path):
    """Dan twice in the file, with "fill": his second row was counted as updating a customer, in a book that had none,
    and undo then said it put back none."""
    path = tmp_path / "salon.csv"
    path.write_text("Prénom;Nom;Courriel;Téléphone\nDan;Brun;dan@brun.fr;\nEve;Roy;eve@roy.fr;\n"
                    "Dan;Brun;dan@brun.fr;+33 6 12 34 56 78\n", encoding="utf-8")
    wizard = to_duplicates_with(qtbot, window, path, "fill")
    wizard.next()  # summary
    counts = wizard.summary_page.counts
    qtbot.waitUntil(lambda: "Will add" in counts.text(), timeout=5000)
    assert counts.text() == ("Will add 2, update 0, skip 0 and reject 0 of 3 rows. Rows joined to an earlier row, "
                             "the same customer: 1.")
    wizard.back()
    wizard.back()  # the columns: their preview says what each row will do with "fill" (it said "skip", as before)
    page = wizard.mapping_page
    qtbot.waitUntil(lambda: "joined" in page.status.text(), timeout=5000)
    assert page.status.text().startswith("3 rows: 2 to add, 0 to update, 0 to skip, 0 to reject. Rows joined to an "
                                         "earlier row, the same customer: 1.")
    assert [page.preview.item(r, 1).text() for r in range(3)] == ["add", "add", "join"]
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.summary_page.ready, timeout=5000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    assert wizard.run_page.text.text() == ("Added 2, updated 0, skipped 0, rejected 0. Rows joined to an earlier row, "
                                           "the same customer: 1.")
    dan = contacts.get_contact(contacts.contact_ids("dan")[0])
    assert [p.e164 for p in dan.phones] == ["+33612345678"]  # (what his second row brought)
    past = window.show_past_imports()
    assert cells(past.table, 0)[4:9] == ["2", "", "0 (rows joined: 1)", "0", "0"]
    past.close()
    undo(qtbot, wizard)
    assert wizard.run_page.text.text() == ("Undone. Customers it added, removed: 2. Customers it updated, put back as "
                                           "they were: 0.")
    wizard.close()


@pytest.mark.parametrize("kind", ["contacts", "purchases"])
def test_a_separator_the_file_does_not_use_is_said_to_be_the_wrong_one(qtbot, window, tmp_path, kind):
    """Tab chosen for a file of semicolons: its column names are one column, which went to the birthday, and the page
    said the file had no row of column names; of a sales file, it asked for the column with the date of each sale.
    It says which separator the file seems to use."""
    source = tmp_path / "ventes.csv"
    source.write_text("Date;Email;Montant;Ticket\n2025-03-01;marie@exemple.fr;12,50;T1\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, write_french_file(tmp_path) if kind == "contacts" else source)
    assert wizard.file_page.kind() == kind
    wizard.next()
    wizard.format_page.delimiter.setCurrentIndex(wizard.format_page.delimiter.findData("\t"))
    wizard.next()
    page = wizard.mapping_page
    qtbot.waitUntil(lambda: "separated" in page.status.text(), timeout=5000)
    assert page.status.text() == ("The column names were read as one column: the file's columns seem to be separated "
                                  "by “;”. Go back to “What the file looks like” and choose it under “Separator”.")
    assert not page.isComplete()
    wizard.close()


def test_escape_asks_before_the_choices_made_for_a_file_are_lost(qtbot, window, tmp_path, closing_asked):
    path = write_french_file(tmp_path)
    wizard = wizard_for(qtbot, window, path)
    to_summary(qtbot, wizard)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # nothing chosen: what the wizard found is found again
    assert not wizard.isVisible() and closing_asked == []

    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    wizard.next()
    combo = wizard.mapping_page.combos[wizard.headers.index("Ville")]
    combo.setCurrentIndex(combo.findData("ignore"))  # the town not imported
    closing_asked.answers = [False]  # "Keep going"
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert closing_asked == [("Import customers", "Stop this import? Nothing has been imported; the choices made for "
                                                  "this file would be lost.")]
    assert wizard.isVisible() and wizard.currentPage() is wizard.mapping_page
    assert wizard.options.overrides == {wizard.headers.index("Ville"): "ignore"}

    to_summary(qtbot, wizard)
    fix_row(qtbot, wizard, 4, "Courriel", "jose@exemple.fr", "fix-before-stopping.png")
    closing_asked.answers = [False]
    wizard.close()  # the window's close button asks too
    assert "and the rows corrected would be lost" in closing_asked[-1][1] and wizard.isVisible()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    wizard.close()  # imported: nothing to lose
    assert len(closing_asked) == 2 and not wizard.isVisible()


def sales_summary_of(qtbot, window, path, *, create: bool = False) -> ImportWizard:
    """From the first page of a sales file to its dry run, its customers not in the book created or not."""
    wizard = wizard_for(qtbot, window, path)
    assert wizard.file_page.kind() == "purchases"
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=5000)
    wizard.next()
    if create:
        wizard.unmatched_page.create.click()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.summary_page.ready, timeout=5000)
    return wizard


def test_the_shops_own_country_and_currency_filled_in_are_no_choice_to_ask_about(qtbot, window, tmp_path,
                                                                                 closing_asked):
    from smallcrm.services.settings import set_settings

    set_settings({"currency": "CHF", "default_region": "CH"})
    path = tmp_path / "sales.csv"
    path.write_text("Date,Email,Phone,Total,Receipt number\n"
                    "2026-03-01 10:15,anna@beispiel.de,044 668 18 00,12.50,1001\n", encoding="utf-8")
    wizard = sales_summary_of(qtbot, window, path)
    assert (wizard.options.currency, wizard.options.region) == ("CHF", "CH")
    wizard.reject()
    assert not wizard.isVisible() and closing_asked == []


def test_a_dry_run_answer_on_its_way_when_the_wizard_closes_is_for_no_one(qtbot, window, tmp_path, monkeypatch):
    """Its pages' words and tables may be gone when it comes: it showed in them, and Qt raised an error."""
    from smallcrm.gui import import_wizard as iw

    wizard = mapping_of(qtbot, window, write_french_file(tmp_path))
    sent = []
    monkeypatch.setattr(iw, "run_in_background", lambda *args, **callbacks: sent.append(callbacks))
    wizard.plan = None  # (a dry run to make anew)
    answered = []
    wizard.plan_in_background(answered.append, progress=lambda rows, total: answered.append(rows))
    wizard.reject()
    sent[0]["on_progress"](5, 10)  # (what the work sent before it was stopped)
    sent[0]["on_done"](object())
    assert answered == [] and wizard.plan is None


def test_the_duplicates_page_at_the_smallest_size_shows_three_rows_and_what_the_selected_one_changes(
        qtbot, window, tmp_path):
    """Its four choices one under the other left room for one row of the list at 640 by 480."""
    rows = ["First name,Last name,Email,City"]
    for i in range(6):
        contacts.add_contact(contacts.ContactInput(first_name=f"Anna{i}", last_name="Schulz", emails=[f"a{i}@x.de"]))
        rows.append(f"Anna{i},Schulz,a{i}@x.de,Hamburg")
    path = tmp_path / "clients.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    wizard = to_duplicates_with(qtbot, window, path, "fill")
    wizard.resize(200, 150)
    page = wizard.duplicates_page
    page.table.selectRow(0)
    qtbot.waitUntil(page.changes.isVisible, timeout=5000)
    qtbot.wait(50)
    assert page.table.viewport().height() >= 3 * page.table.verticalHeader().defaultSectionSize()
    assert page.changes.viewport().height() >= page.changes.rowHeight(0)  # City: — / Hamburg
    assert page.tags.geometry().bottom() <= page.height()  # nothing pushed out of the page


def test_the_summary_names_the_rows_of_column_names_again_and_of_sales_given_twice(qtbot, window, tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text("Date,Email,Total,Receipt\n2026-03-01 10:00,ann@x.fr,12.50,1001\n2026-03-02 11:00,bob@x.fr,8.00,"
                    "1002\nDate,Email,Total,Receipt\n2026-03-02 11:00,bob@x.fr,8.00,1002\n", encoding="utf-8")
    wizard = sales_summary_of(qtbot, window, path, create=True)
    assert "Purchases to record: 2" in wizard.summary_page.counts.text()
    assert wizard.summary_page.noted.text().splitlines()[:2] == [
        "• Rows of the column names again (files put one after another), left out: 1 (row 4)",
        "• Rows of sales given again by a file put after another, counted once: 1 (row 5)"]


def test_a_format_choice_put_back_as_found_is_no_choice_and_a_country_typed_is_one(qtbot, window, tmp_path,
                                                                                   closing_asked):
    wizard = wizard_for(qtbot, window, write_french_file(tmp_path))
    wizard.next()
    page = wizard.format_page
    page.delimiter.setCurrentIndex(page.delimiter.findData(","))
    page.delimiter.setCurrentIndex(page.delimiter.findData(";"))  # (as found)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert not wizard.isVisible() and closing_asked == []

    wizard = wizard_for(qtbot, window, write_french_file(tmp_path))
    wizard.next()
    wizard.format_page.region.setText("BE")
    closing_asked.answers = [False]
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert len(closing_asked) == 1 and wizard.isVisible()


def test_nothing_to_import_and_no_row_rejected_sends_the_owner_back_not_to_rejected_rows(qtbot, window, tmp_path):
    """It said to fix "the rejected rows below" of an empty list."""
    contacts.add_contact(contacts.ContactInput(first_name="Marie", last_name="Dupont", emails=["marie@exemple.fr"]))
    path = tmp_path / "clients.csv"
    path.write_text("First Name,Last Name,Email\nMarie,Dupont,marie@exemple.fr\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    to_summary(qtbot, wizard)
    assert wizard.summary_page.counts.text().endswith("There is nothing to import: go back to change a choice.")
    assert not wizard.summary_page.isComplete()


def test_a_file_whose_every_row_is_rejected_is_not_called_imported(qtbot, window, tmp_path):
    from smallcrm.services.importing import contacts_import as ci

    path = tmp_path / "typos.csv"
    path.write_text("First Name,Email\nAnn,ann@\nBob,bob@@example.com\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    to_summary(qtbot, wizard)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    page = wizard.run_page
    assert wizard.result.batch is None and ci.list_imports() == []
    assert page.title() == "Nothing imported" and not page.undo.isVisible()
    assert page.subTitle() == ("No row could be imported: your book is as it was. Correct the rows listed below and "
                               "import again.")
    assert page.rejects.isVisible() and page.rejects.model().rowCount() == 2 and page.save.isVisible()
    wizard.close()


def test_a_phones_vcard_file_dropped_on_the_window_imports_its_contacts_and_undoes(qtbot, window, tmp_path):
    path = tmp_path / "Contacts.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Weiß;Ännchen;;;\r\nFN:Ännchen Weiß\r\n"
                    "TEL;TYPE=CELL:+49 170 1234567\r\nEMAIL;TYPE=HOME:aennchen@beispiel.de\r\nEND:VCARD\r\n"
                    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Dupont;Marie;;;\r\nFN:Marie Dupont\r\n"
                    "TEL;TYPE=WORK:+33 1 23 45 67 89\r\nEND:VCARD\r\n", encoding="utf-8", newline="")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    window.dropEvent(QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier))
    (wizard,) = [w for w in window.findChildren(ImportWizard) if w.isVisible()]
    assert "vCard file" in wizard.file_page.detected.text()
    wizard.next()
    page = wizard.format_page
    assert "a vCard file of contacts, characters in UTF-8" in page.detected.text()
    assert not page.delimiter.isEnabled() and not page.header_row.isEnabled() and page.encoding.isEnabled()
    assert page.table.item(0, 0).text() == "Ännchen Weiß"
    for _ in range(3):
        wizard.next()
    qtbot.waitUntil(lambda: "Will add 2" in wizard.summary_page.counts.text(), timeout=5000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    people = {c.last_name: c for c in map(contacts.get_contact, contacts.contact_ids())}
    assert people["Weiß"].emails == ["aennchen@beispiel.de"] and people["Weiß"].phones[0].label == "mobile"
    assert people["Dupont"].phones[0].e164 == "+33123456789"
    undo(qtbot, wizard)
    assert contacts.count_contacts() == 0


def test_in_french_the_program_that_wrote_the_file_is_named_in_french(qtbot, french, window, tmp_path):
    path = tmp_path / "Contacts.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEND:VCARD\r\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    wizard.next()
    combo = wizard.format_page.preset
    assert combo.itemText(0) == "Contacts d’un téléphone ou d’une messagerie (vCard) (détecté)"
    assert combo.itemText(combo.findData("thunderbird")) == "Carnet d’adresses de Thunderbird"
    wizard.close()


def test_a_vcard_file_chosen_as_purchases_is_refused_on_the_first_page(qtbot, window, tmp_path):
    path = tmp_path / "Contacts.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEND:VCARD\r\n", encoding="utf-8")
    wizard = wizard_for(qtbot, window, path)
    next(b for b in wizard.file_page.kinds.buttons() if b.property("kind") == "purchases").setChecked(True)
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    assert wizard.file_page.problem.text() == ("This is a vCard file of contacts, not a list of sales: choose "
                                               "Customers.")
    wizard.close()
