"""One window per customer book. The window that opens a database holds a lock file beside it
(`shop.sqlite.lock`) and listens for other starts on the same file; a second start asks that window to
come forward and then leaves quietly, so two windows never write over each other.

A lock left by a window that crashed (its process is gone) is taken over. The command line takes no lock:
SQLite's own locking keeps its writes and the window's apart.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDir, QLockFile, QObject, QThread, Signal

if TYPE_CHECKING:  # QtNetwork loads after the first paint (listen) or for a second start only
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

ANSWER_WITHIN_S = 3.0  # how long a second start waits for the first window to answer
_ASK = b"come-forward\n"
_ANSWER = b"coming\n"


def lock_path(db_path: Path | str) -> Path:
    """The lock file beside the database: `shop.sqlite.lock`."""
    resolved = Path(db_path).expanduser().resolve()
    return resolved.with_name(resolved.name + ".lock")


def server_name(db_path: Path | str) -> str:
    """The name a window listens under for its database: the same for every way of writing the path, different
    for each user and each file, and short (macOS allows about a hundred characters for the whole socket path)."""
    import hashlib  # loads OpenSSL: not needed before the first paint

    resolved = str(Path(db_path).expanduser().resolve())
    if sys.platform == "win32":
        resolved = resolved.casefold()
    key = f"{QDir.homePath()}\0{resolved}".encode("utf-8", "surrogateescape")
    return "smallcrm-" + hashlib.sha256(key).hexdigest()[:20]


class WindowGuard(QObject):
    """This window's hold on its database: the lock file, and the server other starts ask to come forward
    (listening starts once the window has painted, or before a dialog that comes first; a start meanwhile waits).

    `locked` is False when no lock file could be made (a read-only folder, a folder that cannot be created):
    the database is then opened unguarded, and opening it says what is wrong with the place.
    """

    come_forward = Signal()  # another start asked for this window

    def __init__(self, db_path: Path, lock: QLockFile | None):
        super().__init__()
        self.db_path = db_path
        self.lock = lock
        self.server: QLocalServer | None = None
        self._talking: set[QLocalSocket] = set()

    @property
    def locked(self) -> bool:
        return self.lock is not None and self.lock.isLocked()

    def listen(self) -> bool:
        """Start answering other starts. Only the holder of the lock listens, so a server name left by a
        crashed window is stale and may be removed first."""
        from PySide6.QtNetwork import QLocalServer

        if self.server is not None or not self.locked:
            return self.server is not None
        name = server_name(self.db_path)
        QLocalServer.removeServer(name)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._connected)
        return self.server.listen(name)

    def _connected(self) -> None:
        while self.server is not None and self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._talking.add(socket)
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        if bytes(socket.readLine().data()) == _ASK:
            self.come_forward.emit()
            socket.write(_ANSWER)
            socket.flush()
        socket.disconnectFromServer()

    def _forget(self, socket: QLocalSocket) -> None:
        self._talking.discard(socket)
        socket.deleteLater()

    def release(self) -> None:
        """Stop answering and remove the lock file (the window has closed)."""
        if self.server is not None:
            self.server.close()
            self.server = None
        if self.lock is not None:
            self.lock.unlock()


@dataclass(frozen=True)
class OpenElsewhere:
    """The database is open in another smallcrm window."""

    db_path: Path
    answered: bool  # that window came forward
    pid: int | None = None  # of the other window, from the lock file
    host: str = ""  # the computer it runs on ("" when not known)


def _ask_to_come_forward(name: str, within_ms: int) -> bool:
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(min(within_ms, 1000)):
        return False
    socket.write(_ASK)
    socket.flush()
    deadline = time.monotonic() + within_ms / 1000
    while not socket.canReadLine():
        left = int((deadline - time.monotonic()) * 1000)
        if left <= 0 or not socket.waitForReadyRead(left):
            socket.abort()
            return False
    answered = bytes(socket.readLine().data()) == _ANSWER
    socket.disconnectFromServer()
    return answered


def _let_the_other_window_take_focus() -> None:
    """Windows lets only the program the owner just started bring a window to the front; pass that on."""
    if sys.platform == "win32":
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY


def hold(db_path: Path | str) -> WindowGuard | OpenElsewhere:
    """Take the database at `db_path` for this window, or ask the window that has it to come forward.

    Returns a WindowGuard when this window may open the file (call its `listen` once the window has painted),
    or OpenElsewhere when another window has it: `answered` says whether that window came forward within
    ANSWER_WITHIN_S.
    """
    db_path = Path(db_path).expanduser()
    where = lock_path(db_path)
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return WindowGuard(db_path, None)
    lock = QLockFile(str(where))
    lock.setStaleLockTime(0)  # a window keeps its file for hours: only a lock whose process is gone is stale
    deadline = time.monotonic() + ANSWER_WITHIN_S
    asked = False
    while True:
        if lock.tryLock(0):
            return WindowGuard(db_path, lock)
        if lock.error() != QLockFile.LockError.LockFailedError:
            return WindowGuard(db_path, None)
        if not asked:
            _let_the_other_window_take_focus()
            asked = True
        left_ms = int((deadline - time.monotonic()) * 1000)
        if left_ms > 0 and _ask_to_come_forward(server_name(db_path), left_ms):
            return OpenElsewhere(db_path, answered=True)
        if time.monotonic() >= deadline:
            pid, host, _app = lock.getLockInfo()
            return OpenElsewhere(db_path, answered=False, pid=pid or None, host=host)
        QThread.msleep(100)  # the other window may be starting and not listening yet
