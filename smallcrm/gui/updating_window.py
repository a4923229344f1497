"""Opening a customer book written by an earlier version: it is brought up to date (a copy of it as it was
saved first) in a thread, and when that takes more than a moment a small window says what is happening, so
that a large book's few seconds are not a start that seems to have failed.

Loaded only for a book of an earlier version: a normal start never reads this."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QVBoxLayout

from smallcrm.store.db import close_database, open_database

SHOW_AFTER_SECONDS = 0.3  # a small book is up to date before this: no window flashes by


def _tr(text: str) -> str:
    return QCoreApplication.translate("UpdatingWindow", text)


class UpdatingWindow(QDialog):
    """"Updating your customer book…" with a busy bar; it has no buttons (the update cannot be stopped half
    way, and it is one transaction a step: stopping the program leaves the book as it was)."""

    def __init__(self, path: Path, parent=None):
        super().__init__(parent, Qt.WindowType.Dialog | Qt.WindowType.CustomizeWindowHint
                         | Qt.WindowType.WindowTitleHint)
        self.setWindowTitle("smallcrm")
        heading = QLabel(_tr("Updating your customer book…"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        heading.setFont(font)
        text = QLabel(_tr("This version of smallcrm keeps “{name}” in a new way. A copy of the book as it was is "
                          "saved beside it first. A large book takes a few seconds: smallcrm opens by itself when "
                          "it is done.").format(name=path.name))
        text.setWordWrap(True)
        bar = QProgressBar()
        bar.setRange(0, 0)  # busy: the steps do not say how far they are
        bar.setTextVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 24)
        layout.setSpacing(12)
        for widget in (heading, text, bar):
            layout.addWidget(widget)
        self.setFixedWidth(heading.fontMetrics().averageCharWidth() * 56)

    def closeEvent(self, event) -> None:
        event.ignore()  # it closes by itself when the book is ready


def open_updating(path: Path) -> None:
    """open_database(path) for a book of an earlier version: the update runs in a thread while the window's
    events go on, and UpdatingWindow shows once it has taken SHOW_AFTER_SECONDS. Raises what opening raises."""
    failed: list[BaseException] = []

    def update() -> None:
        try:
            open_database(path)
        except BaseException as error:  # raised again in the window's thread, below
            failed.append(error)
        finally:
            close_database()  # this thread's connection; the window's thread opens its own

    thread = threading.Thread(target=update, name="smallcrm-update", daemon=True)
    thread.start()
    thread.join(SHOW_AFTER_SECONDS)
    if thread.is_alive():
        window = UpdatingWindow(path)
        window.show()
        loop = QEventLoop()
        timer = QTimer(interval=50)
        timer.timeout.connect(lambda: thread.is_alive() or loop.quit())
        timer.start()
        loop.exec()
        timer.stop()
        window.hide()
        window.deleteLater()
    thread.join()
    if failed:
        raise failed[0]
    open_database(path)  # up to date now: only opens
