"""Starting the window: the Qt application, one window per database (a second start brings the first
window forward), the database (a way back to a snapshot when it is damaged, a clear word when it cannot be
opened otherwise), the main window, and a last-resort handler that saves a log when something breaks."""

from __future__ import annotations

import gc
import logging
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Callable

# Loading Qt, the store and the services makes many objects that last as long as the program, and very little
# garbage: Python's cyclic collector is held off while they load, and then told to leave them alone for good
# (gc.freeze below), so that none of its later rounds has to walk through them all.
_collecting = gc.isenabled()
gc.disable()

# The store and the services behind the contacts list load before Qt does: once PySide6 is loaded, it reads
# the source of every module imported after it (looking for `from __feature__ import`), which makes each of
# these many modules slower to import.
from smallcrm import __version__  # noqa: E402
from smallcrm.errors import DatabaseProblem  # noqa: E402
from smallcrm.paths import default_database, log_file, resource  # noqa: E402
from smallcrm.services import contacts as _contacts  # noqa: E402, F401  (for the main window, loaded later)
from smallcrm.store.db import close_database, inspect, open_database  # noqa: E402
from smallcrm.store.migrations import LATEST  # noqa: E402

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QThreadPool, QTranslator  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from smallcrm.gui.icons import app_icon  # noqa: E402
from smallcrm.gui.messages import database_problem  # noqa: E402
from smallcrm.gui.single_instance import OpenElsewhere, WindowGuard, hold  # noqa: E402

gc.freeze()
if _collecting:
    gc.enable()

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox  # the boxes load when one is needed

log = logging.getLogger("smallcrm")


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("smallcrm")
    app.setOrganizationName("smallcrm")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("io.smallcrm.SmallCRM")  # as packaging/linux/io.smallcrm.SmallCRM.desktop
    if QLocale.system().language() == QLocale.Language.C:
        # A system that names no language (C, POSIX): dates and numbers as in US English, the locale the shop's
        # money and reports fall back to (services.settings.system_locale), not Qt's bare "1 03 2025"
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    for translator_dir, name in ((QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), "qtbase"),
                                 (str(resource("translations")), "smallcrm")):
        translator = QTranslator(app)
        if translator.load(QLocale(), name, "_", translator_dir):
            app.installTranslator(translator)
            if name == "smallcrm":
                app.setProperty("language", translator.language())  # the window's language (formatting.counted)
    return app


def database_problem_box(error: DatabaseProblem, parent=None) -> QMessageBox:
    from PySide6.QtWidgets import QMessageBox

    what, todo = database_problem(error)
    box = QMessageBox(QMessageBox.Icon.Critical, QApplication.translate("app", "Cannot open the customer database"),
                      what, QMessageBox.StandardButton.Close, parent)
    box.setInformativeText(todo)
    return box


def open_elsewhere_box(elsewhere: OpenElsewhere, parent=None) -> QMessageBox:
    """The database is open in another smallcrm window that did not come forward when asked."""
    from PySide6.QtWidgets import QMessageBox

    translate = QApplication.translate
    box = QMessageBox(QMessageBox.Icon.Warning, translate("app", "Already open"),
                      translate("app", "“{name}” is already open in another smallcrm window.").format(
                          name=elsewhere.db_path),
                      QMessageBox.StandardButton.Close, parent)
    todo = translate("app", "Find that window (it may be minimised, or on another desktop) and carry on there. "
                            "If it is not answering, close it and start smallcrm again. Two windows never share "
                            "one file, so nothing is written over.")
    if elsewhere.host:
        todo += " " + translate("app", "It was opened on the computer “{host}” (process {pid}).").format(
            host=elsewhere.host, pid=elsewhere.pid)
    box.setInformativeText(todo)
    return box


def come_forward(window: QWidget | None) -> None:
    """Another start asked for this window: show it in front (and a dialog it has open, in front of it)."""
    for widget in (window, QApplication.activeModalWidget()):
        if widget is None:
            continue
        if widget.isMinimized():
            widget.setWindowState(widget.windowState() & ~Qt.WindowState.WindowMinimized)
        widget.show()
        widget.raise_()
        widget.activateWindow()
        QApplication.alert(widget)


def _earlier_version(path: Path) -> bool:
    """Whether `path` is a customer book of an earlier version, which opening brings up to date."""
    try:
        version = inspect(path)
    except DatabaseProblem:
        return False  # opening says what is wrong
    return version is not None and version < LATEST


def _opened(path: Path, guard: WindowGuard) -> bool:
    """Open the database, or offer a way back when it is damaged and there are snapshots, or say what is wrong."""
    try:
        if _earlier_version(path):
            from smallcrm.gui.updating_window import open_updating  # loaded only now: a normal start never needs it

            open_updating(path)
        else:
            open_database(path)
        return True
    except DatabaseProblem as error:
        problem = error
    guard.listen()  # a dialog comes before the window: another start asks for it meanwhile
    if problem.reason in (DatabaseProblem.CORRUPT, DatabaseProblem.MIGRATION_FAILED):
        from smallcrm.gui.damaged_dialog import recover  # loaded only now: a normal start never needs it

        try:
            return recover(path, problem)
        except DatabaseProblem as still:
            problem = still
    database_problem_box(problem).exec()
    return False


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
    from PySide6.QtWidgets import QMessageBox

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
    guard = hold(path)
    if isinstance(guard, OpenElsewhere):
        if guard.answered:
            return 0  # the other window has come forward: nothing more to do here
        open_elsewhere_box(guard).exec()
        return 1
    shown: list[QWidget] = []
    guard.come_forward.connect(lambda: come_forward(shown[0] if shown else None))
    try:
        if not _opened(path, guard):
            return 1
        from smallcrm.gui.main_window import MainWindow

        window = MainWindow(path)
        shown.append(window)

        def painted() -> None:
            if on_first_paint is not None:
                on_first_paint()
            guard.listen()  # only now: nothing slows the first paint (a start meanwhile waits for it)

        window.first_painted.connect(painted)
        window.show()
        try:
            return app.exec()
        finally:
            # Work still on the pool (points expiry, a search) finishes before the database closes.
            QThreadPool.globalInstance().waitForDone()
            close_database()
            _snapshot_on_close(path)
    finally:
        guard.release()
