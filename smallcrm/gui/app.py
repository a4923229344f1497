"""Starting the window: the Qt application, the database (with a clear word when it cannot be
opened), the main window, and a last-resort handler that saves a log when something breaks."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QThreadPool, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from smallcrm import __version__
from smallcrm.errors import DatabaseProblem
from smallcrm.gui.icons import app_icon
from smallcrm.gui.messages import database_problem
from smallcrm.paths import default_database, log_file, resource
from smallcrm.store.db import close_database, open_database

log = logging.getLogger("smallcrm")


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("smallcrm")
    app.setOrganizationName("smallcrm")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("smallcrm")
    for translator_dir, name in ((QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), "qtbase"),
                                 (str(resource("translations")), "smallcrm")):
        translator = QTranslator(app)
        if translator.load(QLocale(), name, "_", translator_dir):
            app.installTranslator(translator)
    return app


def database_problem_box(error: DatabaseProblem, parent=None) -> QMessageBox:
    what, todo = database_problem(error)
    box = QMessageBox(QMessageBox.Icon.Critical, QApplication.translate("app", "Cannot open the customer database"),
                      what, QMessageBox.StandardButton.Close, parent)
    box.setInformativeText(todo)
    return box


def _log_to_file() -> Path | None:
    path = log_file()
    if any(isinstance(h, logging.FileHandler) for h in log.handlers):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    return path


def crash_box(exc_type, exc, tb, log_path: Path | None) -> QMessageBox:
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    box = QMessageBox(QMessageBox.Icon.Critical, QApplication.translate("app", "Something went wrong"),
                      QApplication.translate("app", "smallcrm met a problem it did not expect. What you saved before "
                                                    "is safe in the database; the last step may not have finished."))
    where = QApplication.translate("app", "The details were saved to {path}.").format(path=log_path) if log_path else ""
    box.setInformativeText(QApplication.translate(
        "app", "Please send the details below to whoever looks after smallcrm for you. {where}").format(where=where))
    box.setDetailedText(f"smallcrm {__version__}\n{details}")
    return box


def install_crash_handler() -> None:
    log_path = _log_to_file()

    def handle(exc_type, exc, tb):
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        if QApplication.instance() is not None:
            crash_box(exc_type, exc, tb, log_path).exec()

    sys.excepthook = handle


class _FirstPaint(QObject):
    def __init__(self, window, callback: Callable[[], None]):
        super().__init__(window)
        self.callback = callback
        window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self.callback)  # after this paint has reached the screen
        return False


def _snapshot_on_close(path: Path) -> None:
    """A snapshot as the window closes, so the last session's work is kept too. Trouble goes to the log."""
    from smallcrm.errors import SmallCrmError
    from smallcrm.services import backup

    try:
        backup.snapshot_on_close(path)
    except SmallCrmError as error:
        log.warning("no snapshot on close: %s", error)


def run(db_path: Path | str | None = None, *, on_first_paint: Callable[[], None] | None = None) -> int:
    """Open the window on `db_path` (default: the user's data folder) and run until it closes."""
    app = application()
    install_crash_handler()
    path = Path(db_path) if db_path else default_database()
    try:
        open_database(path)
    except DatabaseProblem as error:
        database_problem_box(error).exec()
        return 1
    from smallcrm.gui.main_window import MainWindow

    window = MainWindow(path)
    if on_first_paint is not None:
        _FirstPaint(window, on_first_paint)
    window.show()
    try:
        return app.exec()
    finally:
        # Work still on the pool (points expiry, a search) finishes before the database closes.
        QThreadPool.globalInstance().waitForDone()
        close_database()
        _snapshot_on_close(path)
