"""The Qt binding itself must not corrupt the interpreter: PySide6 6.12.0 released a reference to
None on every call of a method returning nothing, and Python 3.11 aborts once None's count runs out."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget


def test_calls_that_return_nothing_leave_none_alone(qapp):
    widget = QWidget()
    before = sys.getrefcount(None)
    for _ in range(2000):
        widget.setEnabled(True)
    assert sys.getrefcount(None) - before >= -10  # a little noise from the interpreter, never -2000
