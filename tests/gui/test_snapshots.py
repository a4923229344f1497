"""The window keeps snapshots by itself: one a day (on the pool thread) and one as it closes."""

from __future__ import annotations

import stat

from smallcrm.services import backup
from smallcrm.services.contacts import ContactInput, add_contact


def test_the_window_takes_the_day_s_snapshot_once(window, qtbot, db):
    add_contact(ContactInput(first_name="Ann", last_name="Lee"))
    window.snapshot_if_due()
    qtbot.waitUntil(lambda: len(backup.list_snapshots(db, counts=False)) == 1, timeout=20000)
    qtbot.waitUntil(lambda: "snapshot" in window.statusBar().currentMessage())
    (first,) = backup.list_snapshots(db)
    assert first.reason == "daily" and first.contacts == 1
    assert stat.S_IMODE(first.path.stat().st_mode) == 0o600
    window.snapshot_if_due()  # the same day: nothing more
    qtbot.wait(300)
    assert len(backup.list_snapshots(db, counts=False)) == 1


def test_a_snapshot_that_cannot_be_saved_is_said_in_the_status_bar(window, qtbot, db, tmp_path):
    from smallcrm.services.settings import set_setting

    blocker = tmp_path / "not a folder"
    blocker.write_text("x")
    set_setting("backup_folder", str(blocker / "backups"))
    window.snapshot_if_due()
    qtbot.waitUntil(lambda: "could not be saved" in window.statusBar().currentMessage(), timeout=20000)


def test_closing_takes_a_snapshot(db, tmp_path):
    from smallcrm.gui.app import _snapshot_on_close
    from smallcrm.store.db import close_database

    add_contact(ContactInput(first_name="Bo", last_name="Kim"))
    close_database()
    _snapshot_on_close(db)
    (taken,) = backup.list_snapshots(db)
    assert taken.reason == "close" and taken.contacts == 1
