"""A damaged customer book at start: say what happened, offer the newest snapshot that passes a check, and put
it back. The damaged file is kept first, as a snapshot marked "damaged", so nothing is thrown away.

Loaded only when the database could not be opened: a normal start never reads this."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QStyle, QVBoxLayout,
)

from smallcrm.errors import DatabaseProblem, SmallCrmError
from smallcrm.gui import formatting as fmt
from smallcrm.gui.messages import database_problem
from smallcrm.gui.restore_dialog import RestoreDialog, when_words
from smallcrm.gui.workers import run_in_background
from smallcrm.services import backup
from smallcrm.store.db import open_database
from smallcrm.store.models import database

DAMAGED = (DatabaseProblem.CORRUPT, DatabaseProblem.MIGRATION_FAILED)
RESTORE, CHOOSE, QUIT = "restore", "choose", "quit"


def _tr(text: str) -> str:
    return QCoreApplication.translate("DamagedDialog", text)


def _contacts(n: int) -> str:
    return fmt.counted(n, _tr("1 customer"), _tr("{n} customers"))


def _purchases(n: int) -> str:
    return fmt.counted(n, _tr("1 purchase"), _tr("{n} purchases"))


def candidates(db_path: Path) -> list[backup.Snapshot]:
    """The snapshots a damaged database could be put back from, newest first (not the damaged copies)."""
    return [s for s in backup.list_snapshots(db_path, counts=False) if s.reason != "damaged"]


def passes_check(snapshot: backup.Snapshot) -> bool:
    """SQLite's integrity check finds nothing wrong, and it is a smallcrm file this version can open."""
    try:
        report = backup.check_database(snapshot.path)
    except SmallCrmError:
        return False
    return not any(p.check == "integrity" for p in report.problems)


def newest_good(db_path: Path, cancelled: Callable[[], bool] = lambda: False) -> backup.Snapshot | None:
    """The newest snapshot that passes its check, with its contacts and purchases counted; None when none does."""
    for snapshot in backup.list_snapshots(db_path):
        if cancelled():
            return None
        if snapshot.reason != "damaged" and passes_check(snapshot):
            return snapshot
    return None


class DamagedDialog(QDialog):
    """The customer book cannot be opened: what happened, and the way back. `choice` says what the owner chose:
    RESTORE (the snapshot in `good`), CHOOSE (another snapshot or file) or QUIT."""

    looked = Signal()  # the snapshots have been checked: `good` is the one to offer, or None

    def __init__(self, db_path: Path, error: DatabaseProblem, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("The customer book is damaged"))
        self.db_path = Path(db_path)
        self.choice = QUIT
        self.good: backup.Snapshot | None = None
        self.looking = True

        what, _ = database_problem(error)
        picture = QLabel()
        picture.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(48, 48))
        picture.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.what = QLabel(what + " " + self.tr("Nothing has been changed yet."))
        self.what.setObjectName("what")
        self.offer = QLabel(self.tr("Looking for the newest snapshot that passes a check…"))
        self.offer.setObjectName("offer")
        for label in (self.what, self.offer):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.restore_button = QPushButton(self.tr("&Restore this snapshot"))
        self.restore_button.setEnabled(False)
        self.choose_button = QPushButton(self.tr("&Choose another…"))
        self.choose_button.setToolTip(self.tr("Pick another snapshot from the list, or a copy kept elsewhere"))
        self.quit_button = QPushButton(self.tr("&Quit"))
        buttons = QDialogButtonBox()
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.choose_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(lambda: self._chosen(RESTORE))
        self.choose_button.clicked.connect(lambda: self._chosen(CHOOSE))
        self.quit_button.clicked.connect(self.reject)

        words = QVBoxLayout()
        words.addWidget(self.what)
        words.addWidget(self.offer)
        words.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(picture)
        top.addLayout(words, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(buttons)
        self.resize(560, 260)
        self.task = run_in_background(newest_good, self.db_path, on_done=self._found, on_error=self._not_found)

    def _chosen(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def done(self, result: int) -> None:
        self.task.cancel()
        super().done(result)

    def _found(self, snapshot: backup.Snapshot | None) -> None:
        self.looking = False
        self.good = snapshot
        if snapshot is None:
            self.offer.setText(self.tr("None of the snapshots passes a check. Choose another copy of the customer "
                                       "book (on a USB stick, for instance), or quit."))
            self.choose_button.setDefault(True)
        else:
            self.offer.setText(self.tr(
                "The newest snapshot that passes a check is from {when}, with {contacts} and {purchases}. Restoring "
                "it puts the customer book back as it was then; the damaged file is kept first as a snapshot marked "
                "“damaged”, so nothing is thrown away.").format(
                when=when_words(snapshot.taken_at, in_sentence=True), contacts=_contacts(snapshot.contacts or 0),
                purchases=_purchases(snapshot.purchases or 0)))
            self.restore_button.setEnabled(True)
            self.restore_button.setDefault(True)
            self.restore_button.setFocus()
        self.looked.emit()

    def _not_found(self, error) -> None:
        if not isinstance(error, (SmallCrmError, OSError)):
            raise error
        self._found(None)


def _say(title: str, what: str, todo: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, what, QMessageBox.StandardButton.Close)
    box.setInformativeText(todo)
    box.exec()


def _put_back(db_path: Path, source: Path) -> bool:
    """Restore `source` over the damaged database (keeping it first); False, after saying why, when refused."""
    QThreadPool.globalInstance().waitForDone()
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        backup.restore_snapshot(db_path, source)
    except SmallCrmError as error:
        QApplication.restoreOverrideCursor()
        what = database_problem(error)[0] if isinstance(error, DatabaseProblem) else str(error)
        _say(_tr("Nothing was restored"), what, _tr("Your customer book was not changed. Choose another snapshot, "
                                                   "or quit."))
        return False
    QApplication.restoreOverrideCursor()
    return True


def _choose_and_put_back(db_path: Path) -> bool:
    """Help ▸ Restore from Backup's list (with Restore from a File…); True when a restore there worked."""
    dialog = RestoreDialog(db_path)
    restored: list = []
    dialog.restored.connect(restored.append)
    dialog.exec()
    QThreadPool.globalInstance().waitForDone()
    return bool(restored)


def recover(db_path: Path, error: DatabaseProblem) -> bool:
    """Offer a way back from a damaged database at start. True: a snapshot was put back and the database is open
    now; False: the owner chose Quit. Raises DatabaseProblem when there is nothing to offer (the file is not
    damaged, or there are no snapshots): the caller says what is wrong, as for any other problem."""
    db_path = Path(db_path)
    while True:
        if error.reason not in DAMAGED or not candidates(db_path):
            raise error
        dialog = DamagedDialog(db_path, error)
        dialog.exec()
        QThreadPool.globalInstance().waitForDone()
        if dialog.choice == QUIT:
            return False
        if dialog.choice == RESTORE and dialog.good is not None:
            _put_back(db_path, dialog.good.path)
        else:
            _choose_and_put_back(db_path)
        if database.is_closed():
            try:
                open_database(db_path)
            except DatabaseProblem as problem:
                error = problem  # not put back, or put back but still not usable: ask again with what is wrong now
                continue
        return True
