"""What the window does before its first paint, and what waits until after it."""

from __future__ import annotations

import subprocess
import sys

from smallcrm.gui.main_window import MainWindow
from smallcrm.services.contacts import ContactInput, add_contact

# Nothing on the first screen needs these: they load when their window, tab or document is first opened.
NOT_BEFORE_THE_FIRST_PAINT = (
    "reportlab", "pypdfium2", "rapidfuzz", "babel", "sqlite_utils", "email_validator",
    "PySide6.QtNetwork", "PySide6.QtPrintSupport", "PySide6.QtUiTools",
    "smallcrm.reports", "smallcrm.services.loyalty", "smallcrm.services.backup", "smallcrm.services.metrics",
    "smallcrm.gui.dashboard", "smallcrm.gui.today_view", "smallcrm.gui.owed_view", "smallcrm.gui.detail_pane",
    "smallcrm.gui.contact_form", "smallcrm.gui.import_wizard", "smallcrm.gui.trash_dialog",
)


def test_the_first_paint_shows_the_list_without_loading_what_it_does_not_show(db):
    for i in range(3):
        add_contact(ContactInput(first_name=f"Person{i}", last_name="Test", phones=["+33 6 12 34 56 78"]))
    # In a process of its own, as a person starts it: quitting the application would stop this process's event loops.
    script = (
        "import sys\n"
        "from smallcrm.gui.app import run\n"
        "from PySide6.QtWidgets import QApplication\n"
        "def painted():\n"
        "    w = next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == 'MainWindow')\n"
        "    m = w.model\n"
        "    print('rows', [m.data(m.index(r, 0)) for r in range(m.rowCount())], flush=True)\n"
        "    print('phone', m.data(m.index(0, 3)), flush=True)\n"
        "    print('count', w.count_label.text(), flush=True)\n"
        "    print('loaded', sorted(set(sys.argv[2:]) & set(sys.modules)), flush=True)\n"
        "    QApplication.quit()\n"
        "sys.exit(run(sys.argv[1], on_first_paint=painted))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(db), *NOT_BEFORE_THE_FIRST_PAINT],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "rows ['Person0 Test', 'Person1 Test', 'Person2 Test']" in done.stdout
    assert "phone +33 6 12 34 56 78" in done.stdout
    assert "count 3 customers" in done.stdout
    assert "loaded []" in done.stdout


def test_the_rest_of_the_list_and_the_start_up_work_wait_for_the_first_paint(qtbot, app, db, monkeypatch):
    from smallcrm.gui.contacts_model import ContactTableModel

    monkeypatch.setattr(ContactTableModel, "FIRST_ROWS", 2)
    for i in range(5):
        add_contact(ContactInput(first_name=f"Person{i}", last_name="Test"))
    window = MainWindow(db)
    qtbot.addWidget(window)
    assert window.model.rowCount() == 5 and window.count_label.text() == "5 customers"
    assert window.model.data(window.model.index(4, 0)) is None  # not read yet
    assert not window.expiry_timer.isActive()
    with qtbot.waitSignal(window.first_painted, timeout=5000):
        window.show()
    qtbot.waitUntil(lambda: window.model.data(window.model.index(4, 0)) == "Person4 Test", timeout=5000)
    assert window.expiry_timer.isActive()


def test_the_tabs_behind_the_first_are_made_when_first_shown(qtbot, three, window):
    assert window.today is None and window.owed is None and window.dashboard is None
    assert window.welcome is None  # the book is not empty: no welcome page either
    window.tabs.setCurrentWidget(window.today_page)
    assert window.today.parent() is window.today_page
    qtbot.waitUntil(window.today.isVisible, timeout=3000)
    window.tabs.setCurrentWidget(window.owed_page)
    assert window.owed.parent() is window.owed_page
    qtbot.waitUntil(window.owed.isVisible, timeout=3000)
    assert "Nobody owes" in window.owed.summary.text()


def test_the_customer_pane_is_made_when_a_customer_is_first_selected(qtbot, three, window):
    assert window.detail_area.count() == 1  # only what the pane says with nobody selected
    assert window.detail_area.currentWidget().text() == "Select a customer to see everything about them here."
    window.view.selectRow(0)
    assert window.detail_area.currentWidget() is window.detail
    assert window.detail.name.text() == window.model.data(window.model.index(0, 0))
    window.view.clearSelection()
    assert window.detail.contact is None and window.detail.currentIndex() == 0  # its own "nobody selected" page
