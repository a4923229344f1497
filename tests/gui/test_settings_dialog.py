"""Tools ▸ Settings beyond the business details: the phone country, the way to the loyalty programme, and
where and when snapshots are kept. Driven as a person would; the folder chooser is answered by monkeypatching."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMainWindow

from smallcrm.gui.business_settings import BusinessSettingsDialog
from smallcrm.gui.loyalty_settings import LoyaltySettingsDialog
from smallcrm.services import backup
from smallcrm.services.contacts import ContactInput, add_contact, get_contact
from smallcrm.services.settings import get_setting, set_setting

NEW_SETTINGS = ("default_region", "backup_folder", "auto_snapshots")


@pytest.fixture(autouse=True)
def _background_work_done(db, app):
    yield
    QThreadPool.globalInstance().waitForDone()


@pytest.fixture
def main_window(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def open_settings(qtbot, parent) -> BusinessSettingsDialog:
    dialog = BusinessSettingsDialog(parent)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def click(qtbot, dialog, which: QDialogButtonBox.StandardButton) -> None:
    qtbot.mouseClick(dialog.buttons.button(which), Qt.MouseButton.LeftButton)


def answer_folder(monkeypatch, folder: Path | str) -> None:
    monkeypatch.setattr("smallcrm.gui.business_settings.QFileDialog.getExistingDirectory",
                        lambda *a, **k: str(folder))


def test_the_pages_are_business_money_customers_and_backups(qtbot, main_window):
    dialog = open_settings(qtbot, main_window)
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "Business", "Money and paper", "Customers", "Backups"]
    assert dialog.windowTitle() == "Settings"


def test_every_new_setting_saves_and_reloads(qtbot, main_window, db, tmp_path, monkeypatch):
    usb = tmp_path / "usb stick"
    usb.mkdir()
    dialog = open_settings(qtbot, main_window)
    assert dialog.region.currentData() is None and dialog.region.currentText().startswith("Automatic")
    assert dialog.auto_snapshots.isChecked()
    assert dialog.folder.text() == str(db.parent / "backups") and not dialog.default_folder.isEnabled()
    assert "beside the database" in dialog.folder_status.text()

    dialog.region.setCurrentIndex(dialog.region.findData("GB"))
    assert dialog.region.currentText() == "United Kingdom (+44)"
    answer_folder(monkeypatch, usb)
    qtbot.mouseClick(dialog.browse_folder, Qt.MouseButton.LeftButton)
    assert dialog.folder.text() == str(usb) and dialog.default_folder.isEnabled()
    assert dialog.folder_status.text() == "Snapshots can be saved in this folder."
    dialog.auto_snapshots.setChecked(False)
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Save)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert {key: get_setting(key) for key in NEW_SETTINGS} == {
        "default_region": "GB", "backup_folder": str(usb), "auto_snapshots": False}
    assert backup.backup_folder(db) == usb

    again = open_settings(qtbot, main_window)
    assert again.region.currentData() == "GB"
    assert again.folder.text() == str(usb)
    assert not again.auto_snapshots.isChecked()
    again.region.setCurrentIndex(0)  # back to automatic
    qtbot.mouseClick(again.default_folder, Qt.MouseButton.LeftButton)
    assert again.folder.text() == str(db.parent / "backups")
    again.auto_snapshots.setChecked(True)
    click(qtbot, again, QDialogButtonBox.StandardButton.Save)
    assert {key: get_setting(key) for key in NEW_SETTINGS} == {
        "default_region": None, "backup_folder": None, "auto_snapshots": True}


def test_cancel_leaves_the_new_settings_as_they_were(qtbot, main_window, tmp_path, monkeypatch):
    before = {key: get_setting(key) for key in NEW_SETTINGS}
    dialog = open_settings(qtbot, main_window)
    dialog.region.setCurrentIndex(dialog.region.findData("FR"))
    answer_folder(monkeypatch, tmp_path)
    qtbot.mouseClick(dialog.browse_folder, Qt.MouseButton.LeftButton)
    dialog.auto_snapshots.setChecked(False)
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)
    assert {key: get_setting(key) for key in NEW_SETTINGS} == before


def unwritable_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    if os.access(folder, os.W_OK):  # the superuser may write anywhere the disk allows
        folder = Path(f"/proc/{os.getpid()}")  # but not here
    assert folder.is_dir() and not os.access(folder, os.W_OK)
    return folder


def test_a_folder_that_cannot_be_written_to_is_refused_beside_the_field(qtbot, main_window, db, tmp_path,
                                                                       monkeypatch):
    folder = unwritable_folder(tmp_path)
    dialog = open_settings(qtbot, main_window)
    dialog.tabs.setCurrentIndex(3)
    answer_folder(monkeypatch, folder)
    qtbot.mouseClick(dialog.browse_folder, Qt.MouseButton.LeftButton)
    assert dialog.folder_status.isVisible()
    assert dialog.folder_status.text() == (f"“{folder}” cannot be written to, so snapshots cannot be saved in it. "
                                           "Choose another folder.")
    assert dialog.folder.text() == str(db.parent / "backups")  # the folder before stays

    answer_folder(monkeypatch, tmp_path / "not there")
    qtbot.mouseClick(dialog.browse_folder, Qt.MouseButton.LeftButton)
    assert "is not there" in dialog.folder_status.text()
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Save)
    assert get_setting("backup_folder") is None
    (tmp_path / "read-only").chmod(0o700)


def test_a_saved_folder_that_is_gone_says_so_when_the_dialog_opens(qtbot, main_window, tmp_path):
    set_setting("backup_folder", str(tmp_path / "stick"))
    dialog = open_settings(qtbot, main_window)
    assert dialog.folder.text() == str(tmp_path / "stick")
    assert "not there now" in dialog.folder_status.text()
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Save)  # still the owner's choice: it is kept
    assert get_setting("backup_folder") == str(tmp_path / "stick")


def test_with_automatic_snapshots_off_none_are_taken(qtbot, main_window, db):
    dialog = open_settings(qtbot, main_window)
    dialog.auto_snapshots.setChecked(False)
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Save)
    assert backup.snapshot_if_due(db) is None
    assert backup.snapshot_on_close(db) is None
    assert backup.list_snapshots(db) == []

    set_setting("auto_snapshots", True)
    assert backup.snapshot_if_due(db).reason == "daily"


def test_snapshot_now_saves_one_in_the_folder_shown(qtbot, main_window, db, tmp_path, monkeypatch):
    usb = tmp_path / "usb"
    usb.mkdir()
    dialog = open_settings(qtbot, main_window)
    dialog.tabs.setCurrentIndex(3)
    answer_folder(monkeypatch, usb)
    qtbot.mouseClick(dialog.browse_folder, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.snapshot_now, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.snapshot_status.text().startswith("Saved"), timeout=10_000)
    [taken] = backup.list_snapshots(db, folder=usb)
    assert taken.reason == "manual"
    assert dialog.snapshot_status.text() == f"Saved “{taken.path.name}” in {usb}."
    assert dialog.snapshot_now.isEnabled()


def test_the_phone_country_decides_how_a_national_number_is_read(qtbot, main_window):
    def saved_phone(national: str) -> str:
        contact_id = add_contact(ContactInput(first_name="Ann", phones=[national]))
        return get_contact(contact_id).phones[0].e164

    for region, national, e164 in (("GB", "020 7946 0018", "+442079460018"),
                                   ("FR", "01 42 68 53 00", "+33142685300")):
        dialog = open_settings(qtbot, main_window)
        dialog.region.setCurrentIndex(dialog.region.findData(region))
        click(qtbot, dialog, QDialogButtonBox.StandardButton.Save)
        assert saved_phone(national) == e164


def test_loyalty_opens_the_loyalty_programme_dialog(qtbot, main_window):
    dialog = open_settings(qtbot, main_window)
    dialog.tabs.setCurrentIndex(2)
    qtbot.mouseClick(dialog.loyalty_button, Qt.MouseButton.LeftButton)
    [loyalty] = [d for d in dialog.findChildren(LoyaltySettingsDialog) if d.isVisible()]
    assert loyalty.windowTitle() == "Loyalty programme"
    loyalty.earn.setValue(1)
    loyalty.welcome.setValue(50)
    assert (loyalty.earn.suffix(), loyalty.welcome.suffix()) == (" point per €1.00 spent", " points")
    loyalty.earn.setValue(2)
    assert loyalty.earn.suffix() == " points per €1.00 spent"
    loyalty.reject()
    assert dialog.isVisible()


def test_tools_settings_opens_it_with_the_preferences_shortcut(window, qtbot):
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert window.business_action in menus["&Tools"].actions()
    assert window.business_action.text() == "&Settings…"
    assert QKeySequence("Ctrl+,") in window.business_action.shortcuts() or (
        window.business_action.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences))
    dialog = window.edit_business()
    assert dialog.isVisible() and dialog.tabs.count() == 4
    dialog.reject()
