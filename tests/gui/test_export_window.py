"""File ▸ Export Contacts… and Export Purchases… in the real window."""

from __future__ import annotations

import csv
from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QItemSelectionModel, QThreadPool
from PySide6.QtWidgets import QLabel

from smallcrm.gui import exporting
from smallcrm.services.contacts import ContactInput, add_contact
from smallcrm.services.purchases import record_purchase


def answer_save_dialog(monkeypatch, path, chosen_filter=exporting.CSV_FILTER, asked=None):
    def get_save_file_name(parent, title, start, filters, selected):
        if asked is not None:
            asked.append((start, filters))
        return str(path), chosen_filter

    monkeypatch.setattr("smallcrm.gui.forms.QFileDialog.getSaveFileName", get_save_file_name)


def numbers(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [int(row["Customer number"]) for row in csv.DictReader(f)]


def saved(qtbot, window, name):
    qtbot.waitUntil(lambda: f"“{name}”" in window.statusBar().currentMessage()
                    and window.statusBar().currentMessage().startswith("Exported"), timeout=5000)


def counted(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.counts is not None, timeout=5000)
    return dialog.count.text()


def test_only_those_who_agreed_to_email_marketing_by_default(qtbot, three, window, tmp_path, monkeypatch):
    agreed = add_contact(ContactInput(first_name="Berta", last_name="Nowak", email_consent=True))
    window.refresh()
    asked = []
    answer_save_dialog(monkeypatch, tmp_path / "mailing", asked=asked)  # typed without .csv
    window.view.selectionModel().clearSelection()
    dialog = window.export_contacts()
    assert dialog.consenting() == "email"
    assert counted(qtbot, dialog) == "1 of 4 customers will be exported; the others have not agreed to this."
    dialog.accept()
    saved(qtbot, window, "mailing.csv")
    assert numbers(tmp_path / "mailing.csv") == [agreed]
    assert "vCard 3.0" in asked[0][1] and asked[0][0].endswith("customers.csv")


def test_everyone_when_chosen(qtbot, three, window, tmp_path, monkeypatch):
    answer_save_dialog(monkeypatch, tmp_path / "everyone.csv")
    window.view.selectionModel().clearSelection()
    dialog = window.export_contacts()
    dialog.consent.setCurrentIndex(dialog.consent.findData(None))
    assert counted(qtbot, dialog) == "3 customers will be exported."
    dialog.accept()
    saved(qtbot, window, "everyone.csv")
    assert sorted(numbers(tmp_path / "everyone.csv")) == sorted(three)


def test_nobody_agreed_leaves_nothing_to_export(qtbot, three, window):
    window.view.selectionModel().clearSelection()
    dialog = window.export_contacts()
    assert counted(qtbot, dialog).startswith("None of these 3 customers has agreed to this")
    assert not dialog.export_button.isEnabled()
    dialog.consent.setCurrentIndex(dialog.consent.findData(None))
    assert dialog.export_button.isEnabled()
    dialog.reject()


def test_the_selected_customers_when_several_are_selected(qtbot, three, window, tmp_path, monkeypatch):
    answer_save_dialog(monkeypatch, tmp_path / "chosen.vcf", exporting.VCARD3_FILTER)
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=5000)
    selection = window.view.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for contact_id in three[:2]:
        selection.select(window.model.index(window.model.row_of(contact_id), 0), flags)
    dialog = window.export_contacts()
    assert any("2 selected customers" in label.text() for label in dialog.findChildren(QLabel))
    dialog.consent.setCurrentIndex(dialog.consent.findData(None))
    dialog.accept()
    saved(qtbot, window, "chosen.vcf")
    text = (tmp_path / "chosen.vcf").read_text(encoding="utf-8")
    assert text.count("BEGIN:VCARD") == 2 and "VERSION:3.0" in text
    assert "Marta" in text and "José" in text and "Anna" not in text


def test_the_search_and_only_those_who_agreed(qtbot, three, window, tmp_path, monkeypatch):
    agreed = add_contact(ContactInput(first_name="Berta", last_name="Kowalska", email_consent=True))
    window.refresh()
    window.search.setText("Kowalska")
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=5000)
    window.view.selectionModel().clearSelection()
    answer_save_dialog(monkeypatch, tmp_path / "mailing.csv")
    dialog = window.export_contacts()
    assert counted(qtbot, dialog) == "1 of 2 customers will be exported; the others have not agreed to this."
    dialog.accept()
    saved(qtbot, window, "mailing.csv")
    assert numbers(tmp_path / "mailing.csv") == [agreed]


def test_cancelling_writes_nothing(qtbot, three, window, tmp_path, monkeypatch):
    monkeypatch.setattr("smallcrm.gui.forms.QFileDialog.getSaveFileName", lambda *a: ("", ""))
    window.export_contacts().accept()
    window.export_contacts().reject()
    QThreadPool.globalInstance().waitForDone()
    assert list(tmp_path.glob("*.csv")) == []


def test_purchases(qtbot, three, window, tmp_path, monkeypatch):
    record_purchase(three[0], total_minor=2550, currency="EUR", at=datetime(2024, 5, 1, 10, tzinfo=timezone.utc))
    answer_save_dialog(monkeypatch, tmp_path / "purchases.csv")
    window.export_purchases_action.trigger()
    saved(qtbot, window, "purchases.csv")
    with open(tmp_path / "purchases.csv", encoding="utf-8-sig", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert (row["Customer ID"], row["Amount"], row["Currency"]) == (str(three[0]), "25.50", "EUR")


@pytest.mark.skipif(not hasattr(__import__("os"), "geteuid"), reason="POSIX")
def test_a_folder_in_the_way_says_so_and_saves_nothing(qtbot, three, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    (tmp_path / "in the way.csv").mkdir()
    answer_save_dialog(monkeypatch, tmp_path / "in the way.csv")
    dialog = window.export_contacts()
    dialog.consent.setCurrentIndex(dialog.consent.findData(None))
    dialog.accept()
    qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible() for w in window.findChildren(QMessageBox)),
                    timeout=5000)
    box = next(w for w in window.findChildren(QMessageBox) if w.isVisible())
    assert "could not be saved" in box.text() and "Nothing was saved" in box.informativeText()
    assert not list(tmp_path.glob(".in the way*"))
    box.close()
