"""Import child, responsiveness: does the window's event loop keep running during a large import?

`import_gui.py DB CSV REGION` shows a small window with a progress bar (as the import wizard's last
page does), opens DB on the GUI thread, then runs the import the way the window does:
`gui.workers.run_in_background(import_contacts, CSV, options, on_progress=..., on_done=...)`, on a pool
thread, with progress signals updating the bar. Meanwhile a 10 ms timer on the GUI thread records the
time of each of its ticks. The measurement goes on for TAIL seconds after the import is done (the
done handler, and what the import leaves behind for the garbage collector, land there).

`import_gui.py DB CSV REGION --dry-run`: the same for the wizard's dry run of the file
(`gui.import_wizard.plan_contacts`, which its mapping and summary pages run, with progress).

`import_gui.py DB CSV REGION --purchases` and `--purchases-dry-run`: the same for a sales export, imported
(`purchases_import.import_purchases`) or planned (`plan_purchases_import`), customers found by their number
and created when missing.

`import_gui.py DB CSV REGION --idle SECONDS`: the baseline, the same window and timer with no import,
for SECONDS.

Prints one JSON line: every gap between ticks (ms), when the import started and ended (seconds since
the first tick) and the time of each progress update.
"""

import json
import sys
import time

TICK_MS = 10
TAIL = 1.0

ticks: list[float] = []
facts = {"started": None, "done": None, "progress": [], "error": None, "result": None}


def tick() -> None:
    ticks.append(time.perf_counter())


def progress(done: int, total: int) -> None:  # what the wizard's page does with each update
    bar.setRange(0, max(total, 1))
    bar.setValue(done)
    label.setText(f"{done:,} of {total:,} rows")
    facts["progress"].append((time.perf_counter(), done))


def done(result) -> None:
    facts["done"] = time.perf_counter()
    counts = dict(result.counts) if mode in ("--dry-run", "--purchases-dry-run") else result.to_json()
    facts["result"] = {k: v for k, v in counts.items() if not isinstance(v, (list, dict))}  # the counts
    bar.setRange(0, 1)
    bar.setValue(1)
    label.setText(", ".join(f"{k} {v}" for k, v in facts["result"].items() if isinstance(v, int)))
    QTimer.singleShot(int(TAIL * 1000), finish)


def failed(error) -> None:
    facts["error"] = f"{type(error).__name__}: {error}"
    finish()


def start() -> None:
    facts["started"] = time.perf_counter()
    sales = PurchaseImportOptions(match="id", create_missing=True, region=region)
    if mode == "--dry-run":
        run_in_background(plan_contacts, Path(path), ImportOptions(region=region), {}, on_done=done,
                          on_error=failed, on_progress=progress)
    elif mode == "--purchases":
        run_in_background(import_purchases, path, sales, on_done=done, on_error=failed, on_progress=progress)
    elif mode == "--purchases-dry-run":
        run_in_background(plan_purchases_import, path, sales, on_done=done, on_error=failed, on_progress=progress)
    else:
        run_in_background(import_contacts, path, ImportOptions(region=region), on_done=done, on_error=failed,
                          on_progress=progress)


def finish() -> None:
    timer.stop()
    origin = ticks[0] if ticks else time.perf_counter()
    gaps = [round((b - a) * 1000, 3) for a, b in zip(ticks, ticks[1:])]
    print(json.dumps({
        "tick_ms": TICK_MS,
        "gaps_ms": gaps,
        "gap_at": [round(t - origin, 4) for t in ticks[1:]],  # when each gap ended, seconds since the first tick
        "started": None if facts["started"] is None else facts["started"] - origin,
        "done": None if facts["done"] is None else facts["done"] - origin,
        "progress": [(round(t - origin, 4), n) for t, n in facts["progress"]],
        "result": facts["result"],
        "error": facts["error"],
    }), flush=True)
    app.quit()


def begin() -> None:
    timer.start()
    if idle is None:
        QTimer.singleShot(100, start)  # a few quiet ticks first
    else:
        QTimer.singleShot(int(idle * 1000), finish)


# The import's worker process imports this file: everything that runs is below, and only here.
if __name__ == "__main__":
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QProgressBar, QVBoxLayout, QWidget

    from pathlib import Path

    from smallcrm.gui.import_wizard import plan_contacts
    from smallcrm.gui.workers import run_in_background
    from smallcrm.services.importing.contacts_import import ImportOptions, import_contacts
    from smallcrm.services.importing.purchases_import import (
        PurchaseImportOptions, import_purchases, plan_purchases_import)
    from smallcrm.store.db import close_database, open_database

    db, path, region = sys.argv[1:4]
    idle = float(sys.argv[5]) if sys.argv[4:5] == ["--idle"] else None
    mode = sys.argv[4] if len(sys.argv) > 4 and sys.argv[4] != "--idle" else ""

    app = QApplication(sys.argv[:1])
    open_database(db)
    window = QWidget()
    layout = QVBoxLayout(window)
    label = QLabel("Reading the file…")
    bar = QProgressBar()
    bar.setRange(0, 0)
    layout.addWidget(label)
    layout.addWidget(bar)
    window.resize(500, 160)
    window.show()

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)

    QTimer.singleShot(0, begin)
    code = app.exec()
    close_database()
    sys.exit(1 if facts["error"] else code)
