"""Help ▸ Restore from Backup…: the snapshots of the customer book, newest first, with what each holds; make one
now, open their folder, or put the book back as it was in one (or in a copy kept elsewhere, on a USB stick).

A restore first saves the book as it is now as a "before-restore" snapshot, so a restore can itself be
undone by restoring that one."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QThreadPool, QTime, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
    QMessageBox, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
)

from smallcrm.errors import DatabaseProblem, NotAllowed, OutputProblem, SmallCrmError
from smallcrm.gui import formatting as fmt
from smallcrm.gui.columns import space_columns
from smallcrm.gui.forms import remembered_size
from smallcrm.gui.icons import icon
from smallcrm.gui.messages import database_problem
from smallcrm.gui.workers import run_in_background
from smallcrm.services import backup
from smallcrm.store.db import open_database
from smallcrm.store.models import database

WHEN, WHY, CONTACTS, PURCHASES, SIZE = range(5)
PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("RestoreDialog", text)


def reason_words(reason: str) -> str:
    """Why a snapshot was taken, as the list shows it."""
    return {
        "daily": _tr("Daily"),
        "close": _tr("When the window closed"),
        "manual": _tr("Made by hand"),
        "before-restore": _tr("Before a restore"),
        "damaged": _tr("Damaged file kept at a restore"),
    }.get(reason, reason)


def when_words(taken_at: datetime, *, in_sentence: bool = False) -> str:
    """When a snapshot was taken, in local time: "Today at 10:15", "Yesterday at 18:02", or the date in full.
    `in_sentence` gives the words that follow "as it was": "today at 10:15", "on 22 November 2026 at 10:15"."""
    local = taken_at.astimezone()
    time = QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    if local.date() == date.today():
        text = _tr("today at {time}") if in_sentence else _tr("Today at {time}")
    elif local.date() == date.today() - timedelta(days=1):
        text = _tr("yesterday at {time}") if in_sentence else _tr("Yesterday at {time}")
    else:
        text = _tr("on {day} at {time}") if in_sentence else _tr("{day} at {time}")
    return text.format(time=time, day=fmt.day(local.date()))


def _contacts(n: int) -> str:
    return fmt.counted(n, _tr("1 customer"), _tr("{n} customers"))


def _purchases(n: int) -> str:
    return fmt.counted(n, _tr("1 purchase"), _tr("{n} purchases"))


def _read(db_path: Path) -> tuple[Path, list[backup.Snapshot]]:
    """(the backup folder, its snapshots with their counts): on the pool thread, it opens every snapshot."""
    return backup.backup_folder(db_path), backup.list_snapshots(db_path)


class NotOpenedAgain(SmallCrmError):
    """The restore worked, but the database it put in place cannot be opened (`problem` says why)."""

    def __init__(self, restored: backup.Restored, problem: DatabaseProblem):
        super().__init__(str(problem))
        self.restored, self.problem = restored, problem


def restore_database(db_path: Path, source: Path) -> backup.Restored:
    """Put the database at `db_path` back as it is in `source` (a snapshot or a smallcrm file elsewhere).

    Runs on the GUI thread, so the window cannot read the file while it is being replaced. Work on the
    pool is waited for first: each task closes its thread's connection before it counts as done, so
    afterwards this thread's connection is the only one, and restore_snapshot closes it. A refused restore
    raises its error with the database open again, as it was; a restore that worked but whose result cannot
    be opened raises NotOpenedAgain.
    """
    QThreadPool.globalInstance().waitForDone()
    try:
        restored = backup.restore_snapshot(db_path, source)
    except SmallCrmError:
        if database.is_closed():
            open_database(db_path)
        raise
    try:
        open_database(db_path)
    except DatabaseProblem as problem:
        raise NotOpenedAgain(restored, problem) from problem
    return restored


class RestoreDialog(QDialog):
    restored = Signal(object)  # backup.Restored: the window reads everything again

    def __init__(self, db_path: Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore a snapshot"))
        self.db_path = Path(db_path)
        self.folder: Path | None = None
        self.snapshots: list[backup.Snapshot] = []
        self.loading = False
        self.taking = False
        self._generation = 0
        self._select_after_load: Path | None = None

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QTreeWidget()
        self.list.setObjectName("snapshots")
        self.list.setAccessibleName(self.tr("Snapshots"))
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        space_columns(self.list)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHeaderLabels([self.tr("When"), self.tr("Why"), self.tr("Customers"), self.tr("Purchases"),
                                   self.tr("Size")])
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(WHY, QHeaderView.ResizeMode.Stretch)
        for column in (CONTACTS, PURCHASES, SIZE):
            self.list.headerItem().setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(lambda *_: self.restore_selected())
        self.message = QLabel()
        self.message.setObjectName("restoreMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        self.restore_button = QPushButton(icon("restore"), self.tr("&Restore…"))
        self.restore_button.setToolTip(self.tr("Put the customer book back as it was in the chosen snapshot"))
        self.file_button = QPushButton(self.tr("Restore from a &File…"))
        self.file_button.setToolTip(self.tr("Put back a copy kept elsewhere, such as on a USB stick"))
        self.take_button = QPushButton(self.tr("&Snapshot Now"))
        self.take_button.setToolTip(self.tr("Save a checked copy of the customer book as it is now"))
        self.folder_button = QPushButton(self.tr("Show &Folder"))
        self.folder_button.setToolTip(self.tr("Open the folder that holds the snapshots"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.file_button.clicked.connect(self.restore_from_file)
        self.take_button.clicked.connect(self.take_snapshot)
        self.folder_button.clicked.connect(self.show_folder)
        for button in (self.restore_button, self.file_button, self.take_button, self.folder_button):
            button.setAutoDefault(False)  # Enter closes the dialog; nothing is restored by a stray key
        side = QHBoxLayout()
        side.addWidget(self.take_button)
        side.addWidget(self.folder_button)
        side.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        buttons.rejected.connect(self.reject)
        side.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        layout.addLayout(side)
        remembered_size(self, "restore", 820, 460)
        self.load()

    # --- the list -----------------------------------------------------------------------------
    def load(self, select: Path | None = None) -> None:
        """Read the snapshots again on the pool thread (each is opened to count what it holds)."""
        self._generation += 1
        generation = self._generation
        self._select_after_load = select
        self.loading = True
        self.intro.setText(self.tr("Looking for snapshots…"))
        self._update_buttons()
        run_in_background(_read, self.db_path, on_done=lambda found: self._show(generation, found),
                          on_error=lambda error: self._not_read(generation, error))

    def _show(self, generation: int, found) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.folder, self.snapshots = found
        self.list.clear()
        for snapshot in self.snapshots:
            unknown = self.tr("—")
            item = QTreeWidgetItem([
                when_words(snapshot.taken_at), reason_words(snapshot.reason),
                fmt.number(snapshot.contacts) if snapshot.contacts is not None else unknown,
                fmt.number(snapshot.purchases) if snapshot.purchases is not None else unknown,
                QLocale().formattedDataSize(snapshot.size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat),
            ])
            item.setData(WHEN, PATH_ROLE, str(snapshot.path))
            item.setToolTip(WHEN, str(snapshot.path))
            for column in (CONTACTS, PURCHASES, SIZE):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(item)
            if snapshot.path == self._select_after_load:
                self.list.setCurrentItem(item)
        gap = self.list.fontMetrics().horizontalAdvance("M") * 2
        for column in (WHEN, CONTACTS, PURCHASES, SIZE):
            self.list.resizeColumnToContents(column)
            self.list.setColumnWidth(column, self.list.columnWidth(column) + gap)
        widths = sum(self.list.columnWidth(c) for c in (WHEN, CONTACTS, PURCHASES, SIZE))
        why = max(self.list.sizeHintForColumn(WHY), self.list.header().sectionSizeHint(WHY)) + gap
        edges = self.list.frameWidth() * 2 + self.list.verticalScrollBar().sizeHint().width()
        self.list.setMinimumWidth(widths + why + edges)  # every column whole, however narrow the dialog is made
        if self.snapshots and self.list.currentItem() is None:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        if self.snapshots:
            self.intro.setText(fmt.counted(
                len(self.snapshots),
                self.tr("1 snapshot of your customer book, in {folder}. Restoring it puts the book back as it was "
                        "then; what is in it now is saved first, so a restore can be undone."),
                self.tr("{n} snapshots of your customer book, newest first, in {folder}. Restoring one puts the book "
                        "back as it was then; what is in it now is saved first, so a restore can be undone."),
                folder=str(self.folder)))
        else:
            self.intro.setText(self.tr(
                "There are no snapshots yet. smallcrm saves one a day and one when the window closes, in {folder}; "
                "Snapshot Now saves one straight away."
            ).format(folder=self.folder))
        self._update_buttons()

    def _not_read(self, generation: int, error) -> None:
        if generation != self._generation:
            return
        if not isinstance(error, (SmallCrmError, OSError)):
            raise error
        self.loading = False
        self.intro.setText(self.tr("The snapshots could not be listed ({why}). Check that the backup folder is "
                                   "there (a USB stick plugged in?) and try again.").format(why=error))
        self._update_buttons()

    def selected(self) -> backup.Snapshot | None:
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return None
        path = Path(item.data(WHEN, PATH_ROLE))
        return next((s for s in self.snapshots if s.path == path), None)

    def _update_buttons(self) -> None:
        idle = not self.loading and not self.taking
        self.restore_button.setEnabled(idle and self.selected() is not None)
        self.file_button.setEnabled(not self.taking)
        self.take_button.setEnabled(not self.taking)
        self.folder_button.setEnabled(self.folder is not None and self.folder.is_dir())

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    # --- snapshot now, show the folder ---------------------------------------------------------
    def take_snapshot(self) -> None:
        """A "manual" snapshot (kept until the owner deletes it), made on the pool thread."""
        self.taking = True
        self._update_buttons()
        self._say(self.tr("Saving a snapshot…"))

        def done(snapshot: backup.Snapshot) -> None:
            self.taking = False
            self._say(self.tr("Snapshot saved: {contacts} and {purchases}, in {path}.").format(
                contacts=_contacts(snapshot.contacts or 0), purchases=_purchases(snapshot.purchases or 0),
                path=snapshot.path))
            self.load(select=snapshot.path)

        def failed(error) -> None:
            self.taking = False
            self._update_buttons()
            if not isinstance(error, SmallCrmError):
                raise error
            self.message.hide()
            self._problem(self.tr("No snapshot was saved"), error, restoring=False)

        run_in_background(backup.take_snapshot, self.db_path, on_done=done, on_error=failed)

    def show_folder(self) -> None:
        if self.folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))

    # --- restoring ----------------------------------------------------------------------------
    def _confirm(self, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Restore?"), text, QMessageBox.StandardButton.Cancel,
                          self)
        box.setInformativeText(self.tr("Undo and Redo start afresh after a restore."))
        restore = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is restore

    def restore_selected(self) -> None:
        snapshot = self.selected()
        if snapshot is None or self.loading or self.taking:
            return
        when = when_words(snapshot.taken_at, in_sentence=True)
        if snapshot.contacts is None:
            text = self.tr("The customer book will be put back as it was {when}; what is in it now is saved first "
                           "as a snapshot, which Restore… can bring back.").format(when=when)
        else:
            text = self.tr("The customer book will be put back as it was {when}, with {contacts} and {purchases}; "
                           "what is in it now is saved first as a snapshot, which Restore… can bring "
                           "back.").format(when=when, contacts=_contacts(snapshot.contacts),
                                               purchases=_purchases(snapshot.purchases or 0))
        if self._confirm(text):
            self._restore(snapshot.path)

    def restore_from_file(self) -> None:
        """A snapshot kept elsewhere (a USB stick, another computer's backups folder)."""
        start = str(self.folder) if self.folder is not None and self.folder.is_dir() else str(Path.home())
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Restore from a file"), start,
                                              self.tr("smallcrm databases (*.sqlite *.db);;All files (*)"))
        if not name:
            return
        text = self.tr("The customer book will be replaced by the one in “{file}”; what is in it now is saved first "
                       "as a snapshot, which Restore… can bring back.").format(file=name)
        if self._confirm(text):
            self._restore(Path(name))

    def _restore(self, source: Path) -> None:
        self.message.hide()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = restore_database(self.db_path, source)
        except NotOpenedAgain as error:
            QApplication.restoreOverrideCursor()
            box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Restored, but it cannot be opened"),
                              database_problem(error.problem)[0], QMessageBox.StandardButton.Close, self)
            box.setInformativeText(self.tr("The customer book was put back from {file}, but smallcrm cannot open it "
                                           "again. Close smallcrm and start it again.").format(
                file=error.restored.source))
            box.exec()
            return
        except SmallCrmError as error:
            QApplication.restoreOverrideCursor()
            self._problem(self.tr("Nothing was restored"), error, restoring=True)
            self.load()
            return
        QApplication.restoreOverrideCursor()
        self.restored.emit(result)
        back = self.tr("The customer book is back as it was in {file}: {contacts} and {purchases}.").format(
            file=result.source.name, contacts=_contacts(result.contacts), purchases=_purchases(result.purchases))
        if result.safety is not None:
            back += " " + self.tr("What it held just before was saved as a snapshot in {folder} (at the top of "
                                  "this list); restore it to undo this.").format(folder=result.safety.path.parent)
        self._say(back)
        self.load(select=result.safety.path if result.safety is not None else None)

    def _problem(self, title: str, error: SmallCrmError, *, restoring: bool) -> None:
        """Say what went wrong and what to do, in a message box."""
        if isinstance(error, DatabaseProblem):
            what, todo = database_problem(error)
        elif isinstance(error, backup.SnapshotFailed):
            what = self.tr("The copy of your customer book did not pass its check ({why}), so it was deleted.").format(
                why="; ".join(error.problems))
            todo = self.tr("Your data may be damaged: run Help ▸ Restore from Backup… with an older snapshot, "
                           "or `smallcrm check`.")
        elif isinstance(error, OutputProblem):
            what = self.tr("The snapshot could not be saved in {folder}: {why}.").format(folder=error.path,
                                                                                        why=error.detail)
            todo = self.tr("Check that the backup folder is there (a USB stick plugged in?) and has room, then "
                           "try again.")
        elif isinstance(error, NotAllowed):
            what = self.tr("That file is the customer book itself.")
            todo = self.tr("Choose a snapshot, or a copy kept elsewhere.")
        else:
            what, todo = str(error), ""
        if restoring:
            todo = (todo + " " + self.tr("Your customer book was not changed.")).strip()
        box = QMessageBox(QMessageBox.Icon.Warning, title, what, QMessageBox.StandardButton.Close, self)
        box.setInformativeText(todo)
        box.exec()
