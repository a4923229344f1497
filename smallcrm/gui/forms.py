"""Qt Designer forms from ui/, loaded at run time, and what dialogs share."""

from __future__ import annotations

import re
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QFile, QIODevice, QSettings, QSize, QStandardPaths
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractSpinBox, QComboBox, QDialog, QFileDialog, QLineEdit, QMessageBox, QPlainTextEdit,
    QTableWidget, QTextEdit, QWidget,
)

from smallcrm.paths import ui_form


LAST_FOLDER = "files/last_folder"  # QSettings key: the folder the owner last saved a file in


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    file = QFile(str(ui_form(name)))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(f"the form {name} is missing from this installation")
    try:
        return QUiLoader().load(file, parent)
    finally:
        file.close()


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """Give a window the size it is drawn for, no larger than the screen it opens on leaves room for (a small
    laptop's 800 by 600)."""
    parent = window.parentWidget()
    screen = (parent.screen() if parent is not None else window.screen()).availableGeometry()
    window.resize(min(width, screen.width() - 40), min(height, screen.height() - 60))


def remembered_size(dialog: QDialog, key: str, width: int, height: int) -> None:
    """Open a dialog at the size the owner last left it (`key` names it in the settings), the first time at `width`
    by `height`: either way no larger than the screen leaves room for."""
    size = QSettings().value(f"dialogs/{key}/size")
    if isinstance(size, QSize) and size.isValid():
        width, height = size.width(), size.height()
    resize_within_screen(dialog, width, height)
    dialog.finished.connect(lambda _: QSettings().setValue(f"dialogs/{key}/size", dialog.size()))


def grow_to_fit(dialog: QWidget) -> None:
    """Make room for a message that wraps onto more lines (a window's minimum height ignores them)."""
    layout = dialog.layout()
    if dialog.isVisible() and layout.hasHeightForWidth():
        needed = layout.totalHeightForWidth(dialog.width())
        if dialog.height() < needed:
            dialog.resize(dialog.width(), needed)


def _tr(text: str) -> str:
    return QCoreApplication.translate("forms", text)


def ask_to_throw_away(parent: QWidget, title: str, text: str, throw_away: str, keep: str) -> bool:
    """Ask before what the owner typed or chose is thrown away: True to go on. Enter and Escape keep it (a key
    pressed once too often loses nothing)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    gone = box.addButton(throw_away, QMessageBox.ButtonRole.DestructiveRole)
    kept = box.addButton(keep, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(kept)
    box.setEscapeButton(kept)
    box.exec()
    return box.clickedButton() is gone


def _held(widget: QWidget):
    """What a field holds that the owner can type, tick or choose (None: no such field)."""
    if isinstance(widget, QLineEdit):
        return None if widget.isReadOnly() or isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)) \
            else widget.text()
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        return None if widget.isReadOnly() else widget.toPlainText()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked() if widget.isCheckable() else None
    if isinstance(widget, QComboBox):
        return widget.currentText() if widget.isEditable() else widget.currentIndex()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QTableWidget):  # (a sale's items, the loyalty tiers; not an empty row for one more)
        rows = [tuple(item.text() if (item := widget.item(r, c)) else "" for c in range(widget.columnCount()))
                for r in range(widget.rowCount())]
        while rows and not any(rows[-1]):
            rows.pop()
        return tuple(rows)
    return None


def _entered(dialog: QWidget) -> dict:
    """What the fields of `dialog` hold, by field (its address: no hold on fields that may go): its own, not those
    of a window it opened (a calendar, a dialog of its own), whose fields come and go with it."""
    held = {}
    for widget in dialog.findChildren(QWidget):
        value = _held(widget)
        if value is not None and widget.window() is dialog:
            held[shiboken6.getCppPointer(widget)[0]] = value
    return held


def _changed(before: dict, now: dict) -> bool:
    """Whether a field holds something else, a field that held something is gone (a list's line of a value taken
    out), or a field that came since (its line for one more value) holds something."""
    return (any(now.get(widget, "") != value for widget, value in before.items())
            or any(value not in ("", False) for widget, value in now.items() if widget not in before))


class AsksBeforeClosing:
    """For a dialog: Cancel, Escape or closing the window asks before what the owner typed or chose since it
    opened is lost; with nothing changed, it closes at once. `unsaved()`: what else it holds (a logo chosen)."""

    _as_opened: dict | None = None
    _unsaved_as_opened = None
    asks_by_fields = True  # (False: would_lose says, by other means)

    def showEvent(self, event) -> None:
        if self._as_opened is None and self.asks_by_fields:
            self._as_opened, self._unsaved_as_opened = _entered(self), self.unsaved()
        super().showEvent(event)

    def unsaved(self):
        return None

    def would_lose(self) -> bool:
        return self._as_opened is not None and (_changed(self._as_opened, _entered(self))
                                                or self.unsaved() != self._unsaved_as_opened)

    def losing_question(self) -> tuple[str, str, str]:
        """The question, the button that closes, the one that keeps."""
        return (_tr("Close without saving? What you typed or chose here would be lost."),
                _tr("Close without saving"), _tr("Keep editing"))

    def may_close(self) -> bool:
        return not self.would_lose() or ask_to_throw_away(self, self.windowTitle(), *self.losing_question())

    def reject(self) -> None:
        if self.may_close():
            super().reject()


def _start_folder() -> str:
    folder = QSettings().value(LAST_FOLDER) or ""
    if not folder or not Path(folder).is_dir():
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    return folder


def choose_save_file(parent: QWidget | None, title: str, name: str, filters: list[str]) -> tuple[Path, str] | None:
    """Ask where to save, starting in the folder last saved in: (the path, given the extension of the chosen
    filter when it has none of the filters' extensions, and that filter), or None when the owner cancels.
    `filters` are Qt's, e.g. "PDF files (*.pdf)"; the first is the one offered."""
    chosen, chosen_filter = QFileDialog.getSaveFileName(parent, title, str(Path(_start_folder()) / name),
                                                        ";;".join(filters), filters[0])
    if not chosen:
        return None
    path = Path(chosen)
    known = {suffix.lower() for f in filters for suffix in re.findall(r"\*(\.\w+)", f)}
    if path.suffix.lower() not in known:
        wanted = re.findall(r"\*(\.\w+)", chosen_filter or filters[0])
        path = path.with_name(path.name + (wanted[0] if wanted else ""))
        if path.exists():  # the dialog asked about the name without the extension, not this one
            answer = QMessageBox.question(parent, title, QCoreApplication.translate(
                "files", "“{name}” already exists in {folder}. Replace it?").format(name=path.name, folder=path.parent))
            if answer != QMessageBox.StandardButton.Yes:
                return None
    QSettings().setValue(LAST_FOLDER, str(path.parent))
    return path, chosen_filter
