"""Starting the window: what a person sees when the database cannot be used, the About box, the crash box."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from smallcrm import __version__
from smallcrm.errors import DatabaseProblem
from smallcrm.gui.app import crash_box, database_problem_box, run
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
