"""File ▸ Export Contacts… and Export Purchases…: ask whom and where, write the file in the background,
say where it went in the status bar."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QMainWindow, QMessageBox, QVBoxLayout,
)

from smallcrm.gui import formatting as fmt
from smallcrm.gui.forms import choose_save_file
from smallcrm.gui.workers import run_in_background
from smallcrm.services import export


CSV_FILTER = "Spreadsheet, CSV (*.csv)"
VCARD4_FILTER = "vCard 4.0 (*.vcf)"
VCARD3_FILTER = "vCard 3.0, for older phones and programs (*.vcf)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("exporting", text)


class ExportContactsDialog(QDialog):
    """Whom to export: says which customers, and asks whether only those who agreed to marketing (by
    default those who agreed to email marketing, since an export is mostly for a mailing), with how
    many each choice gives."""

    def __init__(self, parent, whom: str, members: Callable[[], list[int]]):
        super().__init__(parent)
        self.setWindowTitle(_tr("Export Customers"))
        self.counts: export.ConsentCounts | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(whom))
        form = QFormLayout()
        self.consent = QComboBox()
        self.consent.setObjectName("consent")
        self.consent.addItem(_tr("Only those who agreed to marketing by email"), "email")
        self.consent.addItem(_tr("Only those who agreed to marketing by SMS"), "sms")
        self.consent.addItem(_tr("Everyone, whether or not they agreed to marketing"), None)
        self.consent.setAccessibleName(_tr("Which customers"))
        form.addRow(_tr("&Include:"), self.consent)
        layout.addLayout(form)
        self.count = QLabel(_tr("Counting the customers…"))
        self.count.setObjectName("exportCount")
        self.count.setWordWrap(True)
        layout.addWidget(self.count)
        note = QLabel(_tr("Choose everyone only for your own records or to move to another program, "
                          "not for a marketing mailing."))
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton(_tr("&Export…"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.consent.currentIndexChanged.connect(lambda _: self._show_count())
        self._show_count()
        run_in_background(count_consents, members, on_done=self._counted)

    def consenting(self) -> str | None:
        return self.consent.currentData()

    def _counted(self, counts: export.ConsentCounts) -> None:
        if shiboken6.isValid(self):
            self.counts = counts
            self._show_count()

    def _show_count(self) -> None:
        if self.counts is None:
            self.export_button.setEnabled(False)
            return
        consenting, everyone = self.consenting(), self.counts.everyone
        n = self.counts.get(consenting)
        if consenting is None or n == everyone:
            text = fmt.counted(n, _tr("1 customer will be exported."), _tr("{n} customers will be exported."))
        elif n:
            text = _tr("{n} of {everyone} customers will be exported; the others have not agreed to this.").format(
                n=fmt.number(n), everyone=fmt.number(everyone))
        else:
            text = _tr("None of these {everyone} customers has agreed to this, so there is nothing to export. "
                       "Choose another option above.").format(everyone=fmt.number(everyone))
        self.count.setText(text)
        self.export_button.setEnabled(n > 0)


def count_consents(members: Callable[[], list[int]]) -> export.ConsentCounts:
    """How many of the customers `members()` reads each consent choice keeps (on a pool thread)."""
    return export.consent_counts(members())


def _run(window: QMainWindow, title: str, path: Path, fn, *args, parent=None) -> None:
    note = _tr("Exporting to “{name}”…").format(name=path.name)
    window.statusBar().showMessage(note)

    def done(result: export.ExportResult) -> None:
        window.statusBar().showMessage(_tr("Exported {n} to “{name}” in {folder}.").format(
            n=result.rows, name=result.path.name, folder=result.path.parent), 10000)

    def failed(error: BaseException) -> None:
        if not isinstance(error, OSError):
            raise error  # a fault in smallcrm: the crash dialog takes it from here
        window.statusBar().clearMessage()
        box = QMessageBox(QMessageBox.Icon.Warning, title,
                          _tr("“{name}” could not be saved in {folder}: {reason}.").format(
                              name=path.name, folder=path.parent, reason=error.strerror or str(error)),
                          QMessageBox.StandardButton.Close, parent or window)
        box.setInformativeText(_tr("Choose another folder and export again. Nothing was saved."))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    run_in_background(fn, *args, on_done=done, on_error=failed)


def export_contacts(window: QMainWindow, selected: list[int], search: str) -> ExportContactsDialog:
    """The selected customers if more than one is selected, else the current search, else everyone."""
    if len(selected) > 1:
        return export_chosen(window, _tr("The {n} selected customers.").format(n=len(selected)), list(selected))
    if search.strip():
        return export_chosen(window, _tr("The customers matching “{search}”.").format(search=search.strip()),
                             None, search)
    return export_chosen(window, _tr("All your customers."), None)


def export_chosen(window: QMainWindow, whom: str, ids: list[int] | None, search: str = "",
                  parent=None) -> ExportContactsDialog:
    """Export the customers `ids` (or those matching `search`, or everyone), described by `whom`. The dialogs
    open over `parent` (the window unless given); the status bar of `window` says where the file went."""
    parent = parent or window
    dialog = ExportContactsDialog(parent, whom, lambda: export.contacts_to_export(ids=ids, search=search))

    def chosen() -> None:
        answer = choose_save_file(parent, _tr("Export Customers"), _tr("customers.csv"),
                                  [_tr(CSV_FILTER), _tr(VCARD4_FILTER), _tr(VCARD3_FILTER)])
        if answer is None:
            return
        path, chosen_filter = answer
        version = "3.0" if chosen_filter == _tr(VCARD3_FILTER) else "4.0"
        _run(window, _tr("Export Customers"), path, _write_contacts, path, ids, search, dialog.consenting(), version,
             parent=parent)

    dialog.accepted.connect(chosen)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def _write_contacts(path: Path, ids, search: str, consenting: str | None, version: str,
                    cancelled=None) -> export.ExportResult:
    chosen = export.contacts_to_export(ids=ids, search=search)
    return export.export_contacts(path, chosen, consenting=consenting, vcard_version=version, cancelled=cancelled)


def export_purchases(window: QMainWindow) -> None:
    """Every purchase and refund, oldest first, to a CSV file."""
    answer = choose_save_file(window, _tr("Export Purchases"), _tr("purchases.csv"), [_tr(CSV_FILTER)])
    if answer is not None:
        path = answer[0]
        if export.export_format(path) != "csv":
            path = path.with_suffix(".csv")
        _run(window, _tr("Export Purchases"), path, _write_purchases, path)


def _write_purchases(path: Path, cancelled=None) -> export.ExportResult:
    return export.export_purchases(path, cancelled=cancelled)
