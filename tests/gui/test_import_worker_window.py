"""A large file's import from the window: its rows are decided in a worker process (for the dry run too) while
the window's pool thread writes them; the outcome is the one the small-file path gives, and undo works as ever."""

from __future__ import annotations

from PySide6.QtCore import Qt

from smallcrm.services import contacts
from smallcrm.services.importing import contacts_import as ci
from tests.gui.test_import_wizard import asked, wizard_for, write_french_file  # noqa: F401 (asked: undo answered)


def test_the_wizard_imports_through_a_worker_process_and_undoes(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(ci, "POOL_MIN_BYTES", 0)  # this small file is decided as a large one is,
    monkeypatch.setattr(ci, "_cores", lambda: 2)  # whatever the machine
    used = []
    real = ci.WorkerDecisions.begin

    def begin(self, setup):
        used.append((setup.path.name, "dry run" if setup.keep_rows else "import"))
        real(self, setup)

    monkeypatch.setattr(ci.WorkerDecisions, "begin", begin)
    wizard = wizard_for(qtbot, window, write_french_file(tmp_path))
    wizard.next()  # detection
    wizard.format_page.region.setText("FR")
    wizard.next()  # mapping
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=5000)
    wizard.next()  # duplicates: none; a policy chosen all the same, so the summary plans again
    next(b for b in wizard.duplicates_page.group.buttons() if b.property("policy") == "fill").click()
    wizard.next()  # summary
    qtbot.waitUntil(lambda: "Will add 2" in wizard.summary_page.counts.text(), timeout=5000)
    wizard.next()  # import
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=30000)
    assert "Added 2" in wizard.run_page.text.text()
    # The summary page's dry run and the import, both decided in a worker.
    assert used == [("clients.csv", "dry run"), ("clients.csv", "import")]

    names = {contacts.get_contact(i).display_name for i in contacts.contact_ids()}
    assert names == {"Zoë Lefèvre", "Œdipe Müller"}
    zoe = contacts.get_contact(next(iter(contacts.contact_ids("zoe"))))
    assert [p.e164 for p in zoe.phones] == ["+33612345678"] and zoe.birthday == "1980-12-31"
    assert window.model.rowCount() == 2

    qtbot.mouseClick(wizard.run_page.undo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=10000)  # (undone off the window's thread)
    assert contacts.count_contacts() == 0 and contacts.count_contacts(trash=True) == 0
    wizard.close()
