"""Help ▸ Restore from Backup…: the snapshots with what they hold, and putting the customer book back as it was
in one.

Modal questions and message boxes are answered by monkeypatching; everything else is the real window, the
real snapshots and the real database file.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from smallcrm.gui.restore_dialog import CONTACTS, PURCHASES, SIZE, WHEN, WHY, RestoreDialog, when_words
from smallcrm.services import backup, purchases
from smallcrm.services.contacts import ContactInput, add_contact
from smallcrm.store.models import database

ORIGINAL = ["Anna Schmidt", "José Álvarez", "Marta Kowalska"]


@pytest.fixture
def asked(monkeypatch):
    """Every confirmation the dialog asks for, each answered "Restore"."""
    questions: list[str] = []
    monkeypatch.setattr(RestoreDialog, "_confirm", lambda self, text: questions.append(text) or True)
    return questions


@pytest.fixture
def boxes(monkeypatch):
    """Every message box shown, as (text, informative text); none of them waits for a click."""
    shown: list[tuple[str, str]] = []

    def record(box):
        shown.append((box.text(), box.informativeText()))
        return QMessageBox.StandardButton.Close

    monkeypatch.setattr(QMessageBox, "exec", record)
    return shown


def open_dialog(window, qtbot) -> RestoreDialog:
    window.restore_snapshot_action.trigger()
    dialog = window.findChild(RestoreDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.loading, timeout=20000)
    return dialog


def rows(dialog) -> list[list[str]]:
    return [[dialog.list.topLevelItem(i).text(c) for c in range(dialog.list.columnCount())]
            for i in range(dialog.list.topLevelItemCount())]


def choose(dialog, snapshot) -> None:
    (item,) = [dialog.list.topLevelItem(i) for i in range(dialog.list.topLevelItemCount())
               if dialog.list.topLevelItem(i).toolTip(WHEN) == str(snapshot.path)]
    dialog.list.setCurrentItem(item)


def names(window) -> list[str]:
    model = window.model
    return sorted(model.data(model.index(row, 0)) for row in range(model.rowCount()))


def wait_for_list(dialog, qtbot) -> None:
    qtbot.waitUntil(lambda: not dialog.loading, timeout=20000)


def help_entries(window) -> list[str]:
    (help_menu,) = [a.menu() for a in window.menuBar().actions()
                    if window.restore_snapshot_action in a.menu().actions()]
    return [a.text() for a in help_menu.actions() if not a.isSeparator()]


def test_the_help_menu_says_it_puts_the_book_back_from_a_backup(window, make_window, request):
    """A bare "Restore…" could be the Trash's restoring of deleted customers: the entry names a backup, in the
    menus' style (a verb and what it works on, as "Export Customers…"), in French too."""
    assert help_entries(window) == ["&Restore from Backup…", "&About smallcrm"]
    assert window.restore_snapshot_action.statusTip() == ("Put the customer book back as it was in a snapshot, or in "
                                                         "a copy kept elsewhere")
    request.getfixturevalue("french")
    assert help_entries(make_window()) == ["&Restaurer une sauvegarde…", "À &propos de smallcrm"]


def test_the_list_shows_each_snapshot_newest_first_with_its_counts(qtbot, three, window, db, boxes, monkeypatch):
    daily = backup.take_snapshot(db, reason="daily")
    purchases.record_purchase(three[0], total_minor=5000)
    purchases.record_purchase(three[1], total_minor=1250)
    manual = backup.take_snapshot(db)
    dialog = open_dialog(window, qtbot)

    shown = rows(dialog)
    assert [r[WHY] for r in shown] == ["Made by hand", "Daily"]
    assert [(r[CONTACTS], r[PURCHASES]) for r in shown] == [("3", "2"), ("3", "0")]
    assert shown[0][WHEN] == when_words(manual.taken_at) and shown[1][WHEN] == when_words(daily.taken_at)
    assert all(r[SIZE].endswith("B") for r in shown)
    assert dialog.selected().path == manual.path and dialog.restore_button.isEnabled()
    line = dialog.list.fontMetrics().height() + 8  # a line high with room, as the other lists' rows
    assert dialog.list.visualItemRect(dialog.list.topLevelItem(1)).height() == line
    assert str(backup.backup_folder(db)) in dialog.intro.text() and dialog.intro.text().startswith("2 snapshots")

    add_contact(ContactInput(first_name="Bo", last_name="Kim"))
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(rows(dialog)) == 3 and not dialog.loading, timeout=20000)
    assert rows(dialog)[0][WHY:PURCHASES + 1] == ["Made by hand", "4", "2"]
    assert dialog.selected().reason == "manual" and dialog.selected().contacts == 4
    assert "Snapshot saved" in dialog.message.text()

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert opened == [str(backup.backup_folder(db))]
    assert boxes == []


def test_restore_puts_the_book_back_and_the_safety_snapshot_undoes_it(qtbot, three, window, db, asked, boxes):
    taken = backup.take_snapshot(db)
    bo = add_contact(ContactInput(first_name="Bo", last_name="Kim"))
    window.refresh()
    window._select(three[0])
    window.delete_selected()  # Marta goes to the Trash: a step Undo could take back
    window._select(bo)
    assert names(window) == ["Anna Schmidt", "Bo Kim", "José Álvarez"]
    assert window.undo_stack.canUndo() and window.detail.contact.id == bo

    dialog = open_dialog(window, qtbot)
    assert dialog.intro.text().startswith("1 snapshot of your customer book, in ")  # (not "1 snapshots")
    choose(dialog, taken)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    assert len(asked) == 1
    assert "put back as it was today at" in asked[0] and "3 customers and 0 purchases" in asked[0]
    assert asked[0].endswith("saved first as a snapshot, which Restore… can bring back.")
    assert names(window) == ORIGINAL  # Bo is gone, Marta is back
    assert window.undo_stack.count() == 0 and not window.undo_action.isEnabled()
    assert window.detail.contact is None  # Bo was shown; he is no longer there
    assert window.count_label.text() == "3 customers"
    assert "Restored from" in window.statusBar().currentMessage()
    safety = backup.list_snapshots(db)[0]
    assert (safety.reason, safety.contacts) == ("before-restore", 3)  # Anna, Bo and José
    assert str(safety.path.parent) in dialog.message.text()
    wait_for_list(dialog, qtbot)
    assert dialog.selected().path == safety.path and rows(dialog)[0][WHY] == "Before a restore"

    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert names(window) == ["Anna Schmidt", "Bo Kim", "José Álvarez"]
    assert [r.reason for r in backup.list_snapshots(db)] == ["before-restore", "before-restore", "manual"]
    add_contact(ContactInput(first_name="Cy", last_name="Young"))  # the reopened database takes new work
    window.refresh()
    assert "Cy Young" in names(window)
    assert boxes == []


def test_a_file_that_is_not_a_database_is_refused_and_the_window_keeps_working(qtbot, three, window, db, tmp_path,
                                                                                 asked, boxes, monkeypatch):
    not_a_database = tmp_path / "stick" / "customers.sqlite"
    not_a_database.parent.mkdir()
    not_a_database.write_text("name,email\nAnn,ann@example.com\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(not_a_database), ""))
    window._select(three[0])
    window.delete_selected()
    dialog = open_dialog(window, qtbot)
    qtbot.mouseClick(dialog.file_button, Qt.MouseButton.LeftButton)

    assert "customers.sqlite" in asked[0] and "saved first as a snapshot" in asked[0]
    ((text, todo),) = boxes
    assert "is not a smallcrm database" in text and str(not_a_database) in text
    assert "Your customer book was not changed." in todo
    assert names(window) == ["Anna Schmidt", "José Álvarez"]
    assert window.undo_stack.canUndo()
    assert backup.list_snapshots(db) == []  # nothing was replaced, so nothing needed saving
    window.undo_stack.undo()  # Marta back from the Trash: the window still works on its database
    assert names(window) == ORIGINAL


def test_a_database_another_program_holds_open_is_not_replaced_and_stays_open(qtbot, three, window, db, asked,
                                                                               boxes):
    taken = backup.take_snapshot(db)
    add_contact(ContactInput(first_name="Bo", last_name="Kim"))
    window.refresh()
    dialog = open_dialog(window, qtbot)
    choose(dialog, taken)
    with closing(sqlite3.connect(db)) as other:
        other.execute("SELECT count(*) FROM contact").fetchone()
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    ((text, todo),) = boxes
    assert "in use by another program" in text and "Your customer book was not changed." in todo
    assert not database.is_closed()
    assert names(window) == ["Anna Schmidt", "Bo Kim", "José Álvarez", "Marta Kowalska"]
    add_contact(ContactInput(first_name="Cy", last_name="Young"))
    window.refresh()
    assert "Cy Young" in names(window)

    wait_for_list(dialog, qtbot)
    choose(dialog, taken)  # the other program has let go: now it can be done
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert names(window) == ORIGINAL and len(boxes) == 1


def test_work_still_on_the_pool_finishes_and_lets_go_of_the_file_before_the_restore(qtbot, three, window, db, asked,
                                                                                    boxes):
    import time

    from smallcrm.gui.workers import run_in_background
    from smallcrm.services.contacts import contact_ids

    taken = backup.take_snapshot(db)
    add_contact(ContactInput(first_name="Bo", last_name="Kim"))
    window.refresh()
    dialog = open_dialog(window, qtbot)
    choose(dialog, taken)
    started, finished = [], []

    def slow_read():
        found = contact_ids("", "name", False)  # this pool thread now has its own connection to the file
        started.append(len(found))
        time.sleep(0.5)
        return found

    run_in_background(slow_read, on_done=finished.append)
    qtbot.waitUntil(lambda: started == [4])
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert boxes == [] and names(window) == ORIGINAL
    qtbot.waitUntil(lambda: len(finished) == 1)


def test_when_a_snapshot_was_taken_is_said_in_words_in_local_time(app):
    from datetime import datetime, timedelta, timezone

    from PySide6.QtCore import QLocale, QTime

    from smallcrm.gui import formatting as fmt

    def clock(moment: datetime) -> str:  # the time of day as this computer's locale writes it
        local = moment.astimezone()
        return QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)

    now = datetime.now(timezone.utc).replace(microsecond=0)
    assert when_words(now) == f"Today at {clock(now)}"
    assert when_words(now - timedelta(days=1)) == f"Yesterday at {clock(now)}"
    assert when_words(now - timedelta(days=1), in_sentence=True) == f"yesterday at {clock(now)}"
    older = now - timedelta(days=10)
    day = fmt.day(older.astimezone().date())
    assert when_words(older) == f"{day} at {clock(older)}"
    assert when_words(older, in_sentence=True) == f"on {day} at {clock(older)}"


def test_a_snapshot_that_cannot_be_saved_says_what_to_check(qtbot, three, window, db, tmp_path, boxes):
    from smallcrm.services.settings import set_setting

    blocker = tmp_path / "not a folder"
    blocker.write_text("x")
    set_setting("backup_folder", str(blocker / "backups"))
    dialog = open_dialog(window, qtbot)
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.take_button.isEnabled(), timeout=20000)
    ((text, todo),) = boxes
    assert "could not be saved" in text and "backup folder is there" in todo
    assert rows(dialog) == [] and not dialog.message.isVisible()
