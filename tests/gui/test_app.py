"""Starting the window: what a person sees when the database cannot be used, the About box, the crash box."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from smallcrm import __version__
from smallcrm.errors import DatabaseProblem
from smallcrm.gui.app import _opened, crash_box, database_problem_box, run
from smallcrm.gui.updating_window import UpdatingWindow, open_updating
from smallcrm.services.contacts import search_contacts
from smallcrm.store import migrations
from smallcrm.store.db import close_database
from smallcrm.store.models import database
from tests.gui.conftest import close_box_later


def test_a_file_that_is_not_a_database_gets_a_clear_dialog_and_stays_untouched(qapp, tmp_path):
    path = tmp_path / "customers.csv"
    path.write_text("name,email\nAnna,anna@example.com\n", encoding="utf-8")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    seen: list = []
    close_box_later(seen)
    assert run(path) == 1
    assert "not a smallcrm database" in seen[0][0]
    assert "left untouched" in seen[0][1]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["customers.csv"]


def test_each_database_problem_says_what_to_do(qapp, tmp_path):
    for reason in (DatabaseProblem.NOT_SQLITE, DatabaseProblem.NOT_SMALLCRM, DatabaseProblem.CORRUPT,
                   DatabaseProblem.LOCKED, DatabaseProblem.READ_ONLY, DatabaseProblem.NEWER_SCHEMA,
                   DatabaseProblem.NOT_A_FILE, DatabaseProblem.CANNOT_CREATE, DatabaseProblem.MIGRATION_FAILED):
        box = database_problem_box(DatabaseProblem(tmp_path / "shop.sqlite", reason, version=7))
        assert "shop.sqlite" in box.text()
        assert box.informativeText().endswith("The file was left untouched.")
        assert len(box.informativeText()) > len("The file was left untouched.") + 10
    newer = database_problem_box(DatabaseProblem(tmp_path / "shop.sqlite", DatabaseProblem.NEWER_SCHEMA, version=7))
    assert "newer version" in newer.text() and "version 7" in newer.text()
    assert "Update smallcrm" in newer.informativeText()


def test_the_about_box_shows_the_version(qtbot, window):
    seen: list = []

    def grab():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, grab)
            return
        seen.append(box.text())
        box.close()

    QTimer.singleShot(20, grab)
    window.about_action.trigger()
    assert __version__ in seen[0] and "smallcrm" in seen[0]


def test_the_crash_box_carries_the_details_and_the_log_path(qapp, tmp_path):
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        box = crash_box(*sys.exc_info(), tmp_path / "smallcrm.log")
    assert isinstance(box, QMessageBox)
    assert "RuntimeError: boom" in box.detailedText()
    assert __version__ in box.detailedText()
    assert "smallcrm.log" in box.informativeText()


def test_run_opens_the_window_and_reports_its_first_paint(tmp_path):
    # In a process of its own: quitting the application would stop this process's later event loops.
    script = (
        "import sys\n"
        "from smallcrm.gui.app import run\n"
        "from PySide6.QtWidgets import QApplication\n"
        "def painted():\n"
        "    w = QApplication.activeWindow() or QApplication.topLevelWidgets()[0]\n"
        "    print('painted', type(w).__name__, w.windowTitle(), flush=True)\n"
        "    QApplication.quit()\n"
        "sys.exit(run(sys.argv[1], on_first_paint=painted))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "new.sqlite")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "painted MainWindow new — smallcrm" in done.stdout
    assert (tmp_path / "new.sqlite").exists()


def test_a_system_that_names_no_language_shows_dates_and_numbers_as_us_english(tmp_path):
    """On a bare system (locale C or POSIX) the window writes dates and numbers as the shop's money and reports fall
    back to, US English, not Qt's "1 03 2025 12:00" and "1234567"."""
    script = (
        "from datetime import date, datetime\n"
        "from smallcrm.gui.app import application\n"
        "from smallcrm.gui import formatting\n"
        "application()\n"
        "print(formatting.when(datetime(2025, 3, 1, 12, 0).astimezone()), formatting.day(date(2025, 3, 1)),\n"
        "      formatting.number(1234567), sep='|')\n"
    )
    for name in ("C", "POSIX"):
        env = {**os.environ, "LANG": name, "LC_ALL": name, "LANGUAGE": "", "QT_QPA_PLATFORM": "offscreen"}
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env)
        assert done.returncode == 0, done.stderr
        shown = done.stdout.strip().splitlines()[-1].replace("\u202f", " ")  # (newer Qt: a narrow space before PM)
        assert shown == "3/1/25 12:00 PM|Saturday, March 1, 2025|1,234,567", name


# Opening a book of an earlier version (tests/fixtures/schema_v5.sqlite): brought up to date in a thread, with a
# small window when it takes more than a moment.
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


class _Guard:
    def listen(self) -> None:
        pass


def _slow_steps(monkeypatch, seconds: float, error: Exception | None = None) -> None:
    apply = migrations.apply

    def slow(conn, current):
        time.sleep(seconds)
        if error is not None:
            raise error
        apply(conn, current)

    monkeypatch.setattr(migrations, "apply", slow)


def _updating_windows_seen(seen: list, after_ms: int) -> None:
    def look():
        seen.extend([label.text() for label in widget.findChildren(QLabel)]
                    for widget in QApplication.topLevelWidgets()
                    if isinstance(widget, UpdatingWindow) and widget.isVisible())

    QTimer.singleShot(after_ms, look)


def test_a_book_of_an_earlier_version_is_updated_while_a_window_says_so(qapp, tmp_path, monkeypatch):
    path = tmp_path / "shop.sqlite"
    shutil.copyfile(FIXTURES / "schema_v5.sqlite", path)
    _slow_steps(monkeypatch, 1.5)
    seen: list = []
    _updating_windows_seen(seen, 900)
    try:
        assert _opened(path, _Guard())
        assert database.execute_sql("PRAGMA user_version").fetchone()[0] == migrations.LATEST
        assert search_contacts("lukasz")  # the book is whole and searchable in the window's thread
    finally:
        close_database()
    assert len(seen) == 1
    assert seen[0][0] == "Updating your customer book…"
    assert "“shop.sqlite”" in seen[0][1] and "copy" in seen[0][1]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, UpdatingWindow) and w.isVisible()]
    assert [p.name for p in tmp_path.glob("shop.before-v*.sqlite")]  # the copy as it was


def test_a_small_update_shows_no_window(qapp, tmp_path, monkeypatch):
    path = tmp_path / "shop.sqlite"
    shutil.copyfile(FIXTURES / "schema_v5.sqlite", path)
    shown: list = []
    monkeypatch.setattr(UpdatingWindow, "showEvent", lambda self, event: shown.append(self))
    try:
        assert _opened(path, _Guard())
        assert database.execute_sql("PRAGMA user_version").fetchone()[0] == migrations.LATEST
    finally:
        close_database()
    assert shown == []


def test_an_update_that_fails_is_said_in_the_windows_thread_and_the_book_is_left_as_it_was(qapp, tmp_path,
                                                                                          monkeypatch):
    path = tmp_path / "shop.sqlite"
    shutil.copyfile(FIXTURES / "schema_v5.sqlite", path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    _slow_steps(monkeypatch, 0.6, sqlite3.OperationalError("no such column: boom"))
    with pytest.raises(DatabaseProblem) as raised:
        open_updating(path)
    assert raised.value.reason == DatabaseProblem.MIGRATION_FAILED
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, UpdatingWindow) and w.isVisible()]
