"""Customer ▸ Everything We Hold… and Customer ▸ Erase Customer…: a customer's data on request as a ZIP
file, written in the background, and erasing a customer for good after a plain confirmation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QMessageBox

from smallcrm.gui import formatting as fmt
from smallcrm.gui.forms import choose_save_file
from smallcrm.gui.workers import run_in_background
from smallcrm.services import contacts, privacy

ERASE, SAVE_FIRST, CANCEL = "erase", "save_first", "cancel"


def _tr(text: str) -> str:
    return QCoreApplication.translate("privacy", text)


def _write(contact_id: int, path: Path) -> privacy.HeldExport:
    from smallcrm.reports import dossier_pdf

    return privacy.everything_we_hold(contact_id, path, dossier=dossier_pdf)


def choose_zip(parent, name: str) -> Path | None:
    """Ask where to save the ZIP file; None when the user cancels."""
    answer = choose_save_file(parent, _tr("Everything We Hold"),
                              _tr("{name} - everything we hold.zip").format(name=name or _tr("customer")),
                              [_tr("ZIP archive (*.zip)")])
    return answer[0] if answer else None


def save_everything_we_hold(window: QMainWindow, contact_id: int, then=None) -> None:
    """Ask where, write the ZIP on a pool thread, say where it went; then call `then()` if it was saved."""
    name = contacts.get_contact(contact_id).display_name
    path = choose_zip(window, name)
    if path is None:
        if then is not None:
            window.statusBar().showMessage(_tr("Nothing was saved, and nothing was erased."), 5000)
        return
    window.statusBar().showMessage(_tr("Saving everything we hold about {name}…").format(name=name))

    def done(result: privacy.HeldExport) -> None:
        window.statusBar().showMessage(_tr("Everything we hold about {name} was saved to “{file}” in {folder}.")
                                       .format(name=name, file=result.path.name, folder=result.path.parent), 10000)
        if then is not None:
            then()

    def failed(error: BaseException) -> None:
        if not isinstance(error, OSError):
            raise error  # a fault in smallcrm: the crash dialog takes it from here
        window.statusBar().clearMessage()
        text = _tr("“{name}” could not be saved in {folder}: {reason}.").format(
            name=path.name, folder=path.parent, reason=error.strerror or str(error))
        more = (_tr("Choose another folder and try again. Nothing was saved, and nothing was erased.") if then
                else _tr("Choose another folder and try again. Nothing was saved."))
        QMessageBox.warning(window, _tr("Everything We Hold"), f"{text}\n\n{more}")

    run_in_background(_write, contact_id, path, on_done=done, on_error=failed)


def _what_goes(plan: privacy.ErasePlan) -> str:
    gone = _tr("Their name, company, address, birthday, notes, email addresses ({emails}), phone numbers ({phones}), "
               "tags and consent; calls and notes ({calls}), points movements ({points}) and complaints ({complaints})."
               ).format(emails=fmt.number(plan.emails), phones=fmt.number(plan.phones),
                        calls=fmt.number(plan.interactions), points=fmt.number(plan.points_entries),
                        complaints=fmt.number(plan.complaints))
    kept = _tr("Purchases and refunds ({purchases}) and feedback scores ({feedback}) stay without a name, so your "
               "revenue figures do not change.").format(purchases=fmt.number(plan.purchases),
                                                       feedback=fmt.number(plan.feedback))
    return f"{gone}\n\n{kept}\n\n" + _tr("Backups and snapshots made before now still hold them. An import of a "
                                           "list that still has them does not add them again: only a fingerprint "
                                           "of their email addresses and phone numbers is kept, to know them by.")


def confirm_erase(parent, plan: privacy.ErasePlan) -> str:
    """Ask, naming the person and saying it cannot be undone: ERASE, SAVE_FIRST or CANCEL."""
    box = QMessageBox(QMessageBox.Icon.Warning, _tr("Erase Customer"),
                      _tr("Erase {name} for good? This cannot be undone.").format(name=plan.name), parent=parent)
    box.setInformativeText(_what_goes(plan))
    save = box.addButton(_tr("&Save Everything We Hold, Then Erase…"), QMessageBox.ButtonRole.AcceptRole)
    erase = box.addButton(_tr("&Erase"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return SAVE_FIRST if clicked is save else ERASE if clicked is erase else CANCEL


def _erase(window, contact_id: int, name: str) -> None:
    def done(_plan) -> None:
        # Undo steps may name the erased customer (an edit, a deletion): none of them can be undone now.
        window.undo_stack.clear()
        window._selected_id = None
        window.refresh()
        window._refresh_tabs()
        window.statusBar().showMessage(_tr("{name} was erased for good; their purchases stay without a name. "
                                           "The undo history was cleared.").format(name=name), 15000)

    window.statusBar().showMessage(_tr("Erasing {name}…").format(name=name))
    run_in_background(privacy.erase_contact, contact_id, on_done=done, on_error=window._background_failed)


def erase_customer(window, contact_id: int) -> str:
    """Confirm, optionally save everything held first, then erase on a pool thread; return the answer."""
    plan = privacy.erase_plan(contact_id)
    answer = confirm_erase(window, plan)
    if answer == ERASE:
        _erase(window, contact_id, plan.name)
    elif answer == SAVE_FIRST:
        save_everything_we_hold(window, contact_id, then=lambda: _erase(window, contact_id, plan.name))
    return answer
