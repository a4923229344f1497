"""Qt Designer forms from ui/, loaded at run time, and what dialogs share."""

from __future__ import annotations

from PySide6.QtCore import QFile, QIODevice
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from smallcrm.paths import ui_form


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    file = QFile(str(ui_form(name)))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(f"the form {name} is missing from this installation")
    try:
        return QUiLoader().load(file, parent)
    finally:
        file.close()


def grow_to_fit(dialog: QWidget) -> None:
    """Make room for a message that wraps onto more lines (a window's minimum height ignores them)."""
    layout = dialog.layout()
    if dialog.isVisible() and layout.hasHeightForWidth():
        needed = layout.totalHeightForWidth(dialog.width())
        if dialog.height() < needed:
            dialog.resize(dialog.width(), needed)
