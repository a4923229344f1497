"""File ▸ Import… driven as a person would: a French Excel file, through every page, then undone."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QWizard

from smallcrm.gui.import_wizard import ImportWizard
from smallcrm.services import contacts

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


def wizard_for(qtbot, window, path) -> ImportWizard:
    window.import_file(path=path)
    (wizard,) = [w for w in window.findChildren(ImportWizard) if w.isVisible()]
    qtbot.waitExposed(wizard)
    return wizard


def test_a_french_excel_file_imports_intact_and_undoes(qtbot, window, tmp_path):
    wizard = wizard_for(qtbot, window, write_french_file(tmp_path))
    assert wizard.currentPage() is wizard.file_page and wizard.file_page.isComplete()
    wizard.next()  # detection
    assert wizard.currentPage() is wizard.format_page
    assert wizard.dialect.delimiter == ";" and wizard.dialect.encoding.lower() in ("cp1252", "windows-1252")
    assert wizard.format_page.table.item(0, 0).text() == "Zoë"  # accents intact in the preview
    assert wizard.format_page.table.horizontalHeaderItem(2).text() == "Courriel"
    wizard.format_page.region.setText("FR")
    wizard.next()  # mapping
    page = wizard.mapping_page
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=5000)
    assert page.mapped_fields()[:4] == ["first_name", "last_name", "email", "phone"]
    preview = page.preview
    assert preview.item(0, 2).text() == "Zoë Lefèvre" and preview.item(0, 7).text() == "1980-12-31"
    assert preview.item(2, 1).text() == "reject" and "email" in preview.item(2, 9).text().lower()
    wizard.next()  # duplicates: none
    assert wizard.duplicates_page.none.isVisible()
    wizard.next()  # summary
    qtbot.waitUntil(lambda: "Will add 2" in wizard.summary_page.counts.text(), timeout=5000)
    assert "reject 1" in wizard.summary_page.counts.text()
    wizard.next()  # import
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)
    assert "Added 2" in wizard.run_page.text.text()

    names = {contacts.get_contact(i).display_name for i in contacts.contact_ids()}
    assert names == {"Zoë Lefèvre", "Œdipe Müller"}
    zoe = contacts.get_contact(next(iter(contacts.contact_ids("zoe"))))
    assert [p.e164 for p in zoe.phones] == ["+33612345678"] and zoe.birthday == "1980-12-31"
    assert window.model.rowCount() == 2  # the list shows them without a restart

    qtbot.mouseClick(wizard.run_page.undo, Qt.MouseButton.LeftButton)
    assert contacts.count_contacts() == 0 and contacts.count_contacts(trash=True) == 0
    assert window.model.rowCount() == 0
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


def test_past_imports_can_be_undone(qtbot, window, tmp_path):
    from smallcrm.services.importing.contacts_import import ImportOptions, import_contacts

    import_contacts(write_french_file(tmp_path), ImportOptions(region="FR"))
    window._imported()
    assert window.model.rowCount() == 2
    dialog = window.show_past_imports()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "clients.csv"
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.undo, Qt.MouseButton.LeftButton)
    assert dialog.table.item(0, 7).text() == "undone"
    assert window.model.rowCount() == 0
    dialog.close()


def test_the_wizard_uses_the_classic_look(window, qtbot, tmp_path):
    wizard = wizard_for(qtbot, window, write_french_file(tmp_path))
    assert wizard.wizardStyle() == QWizard.WizardStyle.ClassicStyle
    wizard.close()


def test_a_saved_mapping_is_used_again(qtbot, window, tmp_path, monkeypatch):
    from smallcrm.services.importing import mapping

    wizard = wizard_for(qtbot, window, write_french_file(tmp_path))
    wizard.next()
    wizard.next()
    page = wizard.mapping_page
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=5000)
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
