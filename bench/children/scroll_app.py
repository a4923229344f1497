"""Scroll child, app side: the real contacts model in a QTableView set up like the main window's,
scrolled from the first row to the last one page at a time, each page painted.

Prints one JSON line with the timings and how many rows the model fetched from the database.
"""

import json
import sys
import time

from PySide6.QtWidgets import QApplication

from _scroll import make_view, scroll
from smallcrm.gui.contacts_model import ContactTableModel
from smallcrm.services import contacts
from smallcrm.store.db import open_database

started = time.perf_counter()
app = QApplication(sys.argv[:1])
open_database(sys.argv[1])

fetched = {"calls": 0, "rows": 0, "seconds": 0.0, "last_seen": False}
contact_rows = contacts.contact_rows
last_id = None


def counting_contact_rows(ids):
    t = time.perf_counter()
    rows = contact_rows(ids)
    fetched["seconds"] += time.perf_counter() - t
    fetched["calls"] += 1
    fetched["rows"] += len(rows)
    if last_id in rows:
        fetched["last_seen"] = True
    return rows


contacts.contact_rows = counting_contact_rows  # the model looks it up on the module at each call

t = time.perf_counter()
model = ContactTableModel()
load_seconds = time.perf_counter() - t
last_id = model.id_at(model.rowCount() - 1) if model.rowCount() else None

view = make_view(model)
view.show()
app.processEvents()  # fine in a benchmark; banned only in the product
facts = scroll(view)

print(json.dumps({
    "rows": model.rowCount(),
    "load_seconds": load_seconds,
    **facts,
    "fetch_calls": fetched["calls"],
    "rows_fetched": fetched["rows"],
    "fetch_seconds": fetched["seconds"],
    "last_row_fetched": fetched["last_seen"],
    "total_seconds": time.perf_counter() - started,
}), flush=True)
