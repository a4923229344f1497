"""A damaged customer book at start: the owner is offered the newest snapshot that passes a check, and can
put it back (the damaged file is kept first), choose another, or quit; without snapshots, the plain message."""

from __future__ import annotations

import random
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from smallcrm.errors import DatabaseProblem
from smallcrm.gui import damaged_dialog
from smallcrm.gui.app import run
from smallcrm.gui.damaged_dialog import DamagedDialog
from smallcrm.gui.restore_dialog import PATH_ROLE, RestoreDialog
from smallcrm.services import backup
from smallcrm.services.contacts import ContactInput, add_contact, contact_ids
from smallcrm.services.purchases import record_purchase
from smallcrm.store.db import close_database, open_database
from smallcrm.store.models import database
from tests.conftest import snapshot

ROOT = Path(__file__).resolve().parents[2]
DAMAGED = b"SQLite format 3\x00" + random.Random(7).randbytes(8192)  # as tests/conftest.py makes a corrupt file
NOW = datetime.now(timezone.utc).replace(microsecond=0)


@pytest.fixture
def damaged(tmp_path):
    """A shop's database with three snapshots (good with 1 contact, good with 2 contacts and a purchase, and a
    newer one that is itself broken), then damaged. Returns (database, older good, newer good)."""
    path = tmp_path / "shop.sqlite"
    open_database(path)
    ann = add_contact(ContactInput(first_name="Ann", last_name="Lee"))
    close_database()
    older = backup.take_snapshot(path, now=NOW - timedelta(days=3))
    open_database(path)
    add_contact(ContactInput(first_name="Bo", last_name="Kim"))
    record_purchase(ann, total_minor=4250, currency="EUR")
    close_database()
    newer = backup.take_snapshot(path, now=NOW - timedelta(days=1))
    stamp = (NOW - timedelta(hours=1)).strftime("%Y-%m-%dT%H%M%SZ")
    broken = newer.path.with_name(f"smallcrm-shop-{stamp}-daily.sqlite")
    broken.write_bytes(DAMAGED[:4096])
    path.write_bytes(DAMAGED)
    assert not Path(f"{path}-wal").exists()
    return path, older, newer


def _when_modal(kind, act, tries: int = 1500) -> None:
    """Once a modal window of `kind` is showing (and ready), do `act` with it; give up after about 30 s."""
    def look():
        nonlocal tries
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, kind) or getattr(widget, "looking", False) or getattr(widget, "loading", False):
            tries -= 1
            if tries > 0:
                QTimer.singleShot(20, look)
            return
        act(widget)

    QTimer.singleShot(20, look)


# Starts the window on a damaged database, clicking one of the dialog's buttons once it has checked the snapshots.
START = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from smallcrm.gui.app import application, run
from smallcrm.gui.damaged_dialog import DamagedDialog
from smallcrm.services.contacts import contact_ids

def choose():
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, DamagedDialog) or dialog.looking:
        QTimer.singleShot(20, choose)
        return
    print("offered", dialog.good.path.name, flush=True)
    getattr(dialog, sys.argv[2] + "_button").click()

def painted():
    window = next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow")
    print("painted", window.windowTitle(), len(contact_ids()), flush=True)
    QApplication.quit()

application()
QTimer.singleShot(0, choose)
sys.exit(run(sys.argv[1], on_first_paint=painted))
"""


def test_restoring_the_offered_snapshot_opens_the_window_on_it_and_keeps_the_damaged_file(damaged):
    path, _, newer = damaged
    done = subprocess.run([sys.executable, "-c", START, str(path), "restore"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"offered {newer.path.name}" in done.stdout  # the newest that passes its check, not the broken one
    assert "painted shop — smallcrm 2" in done.stdout  # the window opened on the restored data
    (kept,) = [s for s in backup.list_snapshots(path) if s.reason == "damaged"]
    assert kept.path.read_bytes() == DAMAGED
    open_database(path)
    try:
        assert len(contact_ids()) == 2
    finally:
        close_database()


def test_the_dialog_says_what_happened_and_offers_the_newest_good_snapshot(qtbot, app, damaged):
    path, _, newer = damaged
    with pytest.raises(DatabaseProblem) as problem:
        open_database(path)
    dialog = DamagedDialog(path, problem.value)
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()
    with qtbot.waitSignal(dialog.looked, timeout=20000):
        pass
    assert dialog.good is not None and dialog.good.path == newer.path
    assert "shop.sqlite" in dialog.what.text() and "damaged" in dialog.what.text()
    assert "2 customers and 1 purchase" in dialog.offer.text()
    assert "kept first" in dialog.offer.text()
    assert dialog.restore_button.isEnabled()
    dialog.choose_button.click()
    assert dialog.choice == damaged_dialog.CHOOSE


def test_quit_leaves_the_damaged_file_as_it_is(qapp, damaged, tmp_path):
    path, _, _ = damaged
    before = snapshot(tmp_path)
    _when_modal(DamagedDialog, lambda dialog: dialog.quit_button.click())
    assert run(path) == 1
    assert snapshot(tmp_path) == before


def test_choose_another_puts_back_the_snapshot_picked_in_the_list(qapp, damaged):
    path, older, _ = damaged
    with pytest.raises(DatabaseProblem) as problem:
        open_database(path)

    def pick(dialog: RestoreDialog) -> None:
        for row in range(dialog.list.topLevelItemCount()):
            item = dialog.list.topLevelItem(row)
            if Path(item.data(0, PATH_ROLE)) == older.path:
                dialog.list.setCurrentItem(item)
        _when_modal(QMessageBox, lambda box: next(b for b in box.buttons() if b.text() == "Restore").click())
        dialog.restore_selected()
        assert "back as it was" in dialog.message.text()
        dialog.close()

    _when_modal(DamagedDialog, lambda dialog: (_when_modal(RestoreDialog, pick), dialog.choose_button.click()))
    try:
        assert damaged_dialog.recover(path, problem.value) is True
        assert not database.is_closed()
        assert len(contact_ids()) == 1
    finally:
        close_database()
    (kept,) = [s for s in backup.list_snapshots(path) if s.reason == "damaged"]
    assert kept.path.read_bytes() == DAMAGED


def test_without_snapshots_the_plain_message_is_shown(qapp, tmp_path):
    path = tmp_path / "shop.sqlite"
    path.write_bytes(DAMAGED)
    seen: list = []
    _when_modal(QMessageBox, lambda box: (seen.append(box.text()), box.close()))
    assert run(path) == 1
    assert "is damaged and cannot be read" in seen[0]
    assert path.read_bytes() == DAMAGED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shop.sqlite"]

