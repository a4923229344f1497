"""Start-up child, baseline: a bare PySide6 script showing a QMainWindow with an empty QTableView.

Prints `painted` at the window's first paint, detected the same way the app does it (an event filter
on the main window, then a zero timer so the paint has finished).
"""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, painted)
        return False


def painted() -> None:
    print("painted", flush=True)
    QApplication.quit()


app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QTableView())
window.resize(1200, 760)
watcher = FirstPaint(window)
window.installEventFilter(watcher)
window.show()
sys.exit(app.exec())
