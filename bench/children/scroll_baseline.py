"""Scroll child, baselines; imports only PySide6.

`scroll_baseline.py`: an empty QTableView of the same size, shown and painted (for memory).
`scroll_baseline.py ROWS PAGES`: a trivial in-memory model of ROWS rows (constant-time data()) in a
view set up like the app's, scrolled for at most PAGES pages (for the time per page).
"""

import json
import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QTableView

from _scroll import make_view, scroll

app = QApplication(sys.argv[:1])

if len(sys.argv) < 3:
    view = QTableView()
    view.resize(1200, 760)
    view.show()
    app.processEvents()
    view.viewport().repaint()
    print(json.dumps({"rows": 0}), flush=True)
    sys.exit(0)


class TrivialModel(QAbstractTableModel):
    def __init__(self, rows: int):
        super().__init__()
        self.rows = rows

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else self.rows

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 7

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return f"row {index.row()} column {index.column()}"
        return None


model = TrivialModel(int(sys.argv[1]))
view = make_view(model)
view.show()
app.processEvents()
print(json.dumps({"rows": model.rowCount(), **scroll(view, int(sys.argv[2]))}), flush=True)
