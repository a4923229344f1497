"""Work off the GUI thread: a QRunnable on the global pool, results and progress back by signals."""

from __future__ import annotations

import inspect
import threading
from typing import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from smallcrm.store.db import close_database


class TaskSignals(QObject):
    finished = Signal(object)  # the function's result
    failed = Signal(object)  # the exception
    progress = Signal(int, int)  # done, total


class Task(QRunnable):
    """Runs `fn(*args)` on a pool thread. If `fn` accepts `progress` or `cancelled`, it gets them."""

    _running: set[Task] = set()  # keeps Python wrappers alive until the signals have been delivered

    def __init__(self, fn: Callable, *args):
        super().__init__()
        self.setAutoDelete(False)
        self.fn, self.args = fn, args
        self.signals = TaskSignals()
        self._cancel = threading.Event()
        accepted = inspect.signature(fn).parameters
        self.kwargs = {}
        if "progress" in accepted:
            self.kwargs["progress"] = self.signals.progress.emit
        if "cancelled" in accepted:
            self.kwargs["cancelled"] = self._cancel.is_set
        self.signals.finished.connect(self._forget)
        self.signals.failed.connect(self._forget)

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as error:  # handed to the GUI thread, which decides what to say
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)
        finally:
            # Pool threads outlive the task: never leave them a connection to a file that may be
            # closed or replaced by the time the next task runs.
            close_database()

    def _forget(self, _=None) -> None:
        Task._running.discard(self)


def run_in_background(
    fn: Callable,
    *args,
    on_done: Callable[[object], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> Task:
    task = Task(fn, *args)
    if on_done:
        task.signals.finished.connect(on_done)
    if on_error:
        task.signals.failed.connect(on_error)
    if on_progress:
        task.signals.progress.connect(on_progress)
    Task._running.add(task)
    QThreadPool.globalInstance().start(task)
    return task
