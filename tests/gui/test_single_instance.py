"""One window per database: a second start brings the first window forward and leaves; a lock left by a
window that crashed does not keep the owner out; another database opens in a window of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


from smallcrm.gui import single_instance
from smallcrm.gui.app import run
from smallcrm.gui.single_instance import OpenElsewhere, WindowGuard, hold, lock_path, server_name
from tests.gui.conftest import close_box_later

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

# The first window: says when it has painted, and when another start asked it to come forward (then closes).
FIRST = """
import sys
import smallcrm.gui.app as app
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

real = app.come_forward

def come_forward(window):
    real(window)
    print("came forward", type(window).__name__, window.isVisible(), flush=True)
    QTimer.singleShot(0, QApplication.quit)

app.come_forward = come_forward
sys.exit(app.run(sys.argv[1], on_first_paint=lambda: print("painted", flush=True)))
"""

# Another window that closes again at its first paint.
PAINT_AND_QUIT = """
import sys
from PySide6.QtWidgets import QApplication
from smallcrm.gui.app import run

def painted():
    shown = [type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible()]
    print("painted", *shown, flush=True)
    QApplication.quit()

sys.exit(run(sys.argv[1], on_first_paint=painted))
"""

# Holds the lock file as a window would, then dies without cleaning up (a crash), or keeps it until killed.
LOCK_HOLDER = """
import os, sys
from PySide6.QtCore import QCoreApplication, QLockFile
app = QCoreApplication([])
lock = QLockFile(sys.argv[1])
lock.setStaleLockTime(0)
assert lock.tryLock(0)
print("locked", flush=True)
if sys.argv[2] == "crash":
    os._exit(3)
sys.stdin.read()
"""


def _start(script: str, *args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], cwd=ROOT, env=ENV, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for(process: subprocess.Popen, line: str) -> str:
    """Read the process's output until `line` starts a line (the process must not end before)."""
    while True:
        got = process.stdout.readline()
        if not got:
            process.wait(timeout=30)
            raise AssertionError(f"ended with {process.returncode} before {line!r}: {process.stderr.read()}")
        if got.startswith(line):
            return got


def _finish(process: subprocess.Popen) -> tuple[str, str]:
    try:
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    return out, err


def test_a_second_start_on_the_same_file_brings_the_first_window_forward_and_exits(tmp_path):
    db = tmp_path / "shop.sqlite"
    first = _start(FIRST, db)
    try:
        _wait_for(first, "painted")
        assert lock_path(db).exists()
        # The command line keeps working beside the window (SQLite's locking keeps the writes apart).
        added = subprocess.run([sys.executable, "-m", "smallcrm", "contacts", "add", "--first-name", "Ann",
                                "--db", str(db)], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=60)
        assert added.returncode == 0, added.stderr
        assert added.stdout.strip() == "1"
        # Written differently, the path still names the same file.
        second = subprocess.run([sys.executable, "-m", "smallcrm", "--db", str(tmp_path / "." / "shop.sqlite")],
                                cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=60)
        assert second.returncode == 0, second.stderr
        assert second.stdout == ""
        assert _wait_for(first, "came forward").split() == ["came", "forward", "MainWindow", "True"]
    finally:
        out, err = _finish(first)
    assert first.returncode == 0, err
    assert not lock_path(db).exists()  # the window closed and let go of its file


def test_another_database_opens_in_a_window_of_its_own(tmp_path):
    first = _start(FIRST, tmp_path / "shop.sqlite")
    try:
        _wait_for(first, "painted")
        other = subprocess.run([sys.executable, "-c", PAINT_AND_QUIT, str(tmp_path / "other.sqlite")],
                               cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=120)
        assert other.returncode == 0, other.stderr
        assert "painted" in other.stdout
        assert (tmp_path / "other.sqlite").exists()
        assert first.poll() is None  # not asked to come forward: still open
    finally:
        first.kill()
        _finish(first)


def test_a_lock_left_by_a_crashed_window_does_not_keep_the_owner_out(tmp_path):
    db = tmp_path / "shop.sqlite"
    crashed = subprocess.run([sys.executable, "-c", LOCK_HOLDER, str(lock_path(db)), "crash"], cwd=ROOT, env=ENV,
                             capture_output=True, text=True, timeout=60)
    assert crashed.returncode == 3 and "locked" in crashed.stdout
    assert lock_path(db).exists()
    window = subprocess.run([sys.executable, "-c", PAINT_AND_QUIT, str(db)], cwd=ROOT, env=ENV,
                            capture_output=True, text=True, timeout=120)
    assert window.returncode == 0, window.stderr
    assert "painted MainWindow" in window.stdout
    assert not lock_path(db).exists()


def test_a_window_that_does_not_answer_gets_a_clear_message(qapp, tmp_path, monkeypatch):
    db = tmp_path / "shop.sqlite"
    monkeypatch.setattr(single_instance, "ANSWER_WITHIN_S", 0.5)
    holder = _start(LOCK_HOLDER, lock_path(db), "hold")  # has the file, but never answers
    try:
        _wait_for(holder, "locked")
        seen: list = []
        close_box_later(seen)
        assert run(db) == 1
    finally:
        holder.kill()
        _finish(holder)
    (text, todo), = seen
    assert "already open in another smallcrm window" in text and "shop.sqlite" in text
    assert "close it and start smallcrm again" in todo
    assert not db.exists()  # nothing was opened or written


def test_hold_takes_the_file_lets_go_and_tells_the_second_start(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(single_instance, "ANSWER_WITHIN_S", 0.3)
    db = tmp_path / "shop.sqlite"
    guard = hold(db)
    assert isinstance(guard, WindowGuard) and guard.locked
    assert guard.server is None  # listening waits for the first paint
    assert guard.listen() and guard.server.isListening()
    try:
        # In one process the server cannot answer while this call waits: the second start hears nothing.
        again = hold(tmp_path / "sub" / ".." / "shop.sqlite")
        assert isinstance(again, OpenElsewhere) and not again.answered
        assert again.pid == os.getpid()
        other = hold(tmp_path / "other.sqlite")
        assert isinstance(other, WindowGuard) and other.locked
        other.release()
    finally:
        guard.release()
    assert not lock_path(db).exists()
    released = hold(db)
    assert isinstance(released, WindowGuard) and released.locked
    released.release()


def test_server_names_are_short_and_differ_per_file(tmp_path):
    a, b = server_name(tmp_path / "a.sqlite"), server_name(tmp_path / "b.sqlite")
    assert a != b and a == server_name(tmp_path / "x" / ".." / "a.sqlite")
    assert len(a) < 40 and a.startswith("smallcrm-")
