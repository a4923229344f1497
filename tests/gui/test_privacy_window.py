"""Customer ▸ Everything We Hold… and Customer ▸ Erase Customer… in the real window."""

from __future__ import annotations

import zipfile

import pytest

from smallcrm.gui import privacy_dialogs
from smallcrm.services import contacts
from smallcrm.services.purchases import record_purchase
from smallcrm.store.models import database


def answer_save_dialog(monkeypatch, path):
    monkeypatch.setattr("smallcrm.gui.forms.QFileDialog.getSaveFileName",
                        lambda parent, title, start, filters, selected=None: (str(path), filters))


def select(qtbot, window, contact_id):
    qtbot.waitUntil(lambda: window.model.row_of(contact_id) >= 0, timeout=5000)
    window.open_contact(contact_id)
    assert window.current_id() == contact_id


def menu_texts(window, title):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    return [a.text() for a in menu.actions()]


def test_the_customer_menu_offers_both(three, window):
    texts = menu_texts(window, "&Customer")
    assert "Everything We &Hold…" in texts and "Erase Customer…" in texts


def test_everything_we_hold_is_saved_in_the_background(qtbot, three, window, tmp_path, monkeypatch):
    answer_save_dialog(monkeypatch, tmp_path / "marta")  # typed without .zip
    select(qtbot, window, three[0])
    window.held_action.trigger()
    qtbot.waitUntil(lambda: "was saved to “marta.zip”" in window.statusBar().currentMessage(), timeout=10000)
    assert str(tmp_path) in window.statusBar().currentMessage()
    with zipfile.ZipFile(tmp_path / "marta.zip") as archive:
        assert "marta@kwiaty.pl" in archive.read("contact.csv").decode("utf-8-sig")
        assert "dossier.pdf" in archive.namelist()


@pytest.fixture
def confirm(monkeypatch):
    """The confirmation answers `answer`; what it was asked is kept."""
    asked = []

    def set_answer(answer):
        def confirm_erase(parent, plan):
            asked.append(plan)
            return answer

        monkeypatch.setattr(privacy_dialogs, "confirm_erase", confirm_erase)
        return asked

    return set_answer


def test_cancel_erases_nothing(qtbot, three, window, confirm):
    asked = confirm(privacy_dialogs.CANCEL)
    select(qtbot, window, three[0])
    assert window.erase_customer() == privacy_dialogs.CANCEL
    assert asked[0].name == "Marta Kowalska"
    assert contacts.get_contact(three[0]).last_name == "Kowalska"
    assert window.model.rowCount() == 3


def test_what_erasing_takes_away_is_counted_in_words_that_fit_any_number(three):
    from smallcrm.services import privacy

    record_purchase(three[0], total_minor=1200)
    words = privacy_dialogs._what_goes(privacy.erase_plan(three[0]))
    assert "email addresses (1), phone numbers (1)" in words and "complaints (0)" in words
    assert words.startswith("Their name") and "Purchases and refunds (1) and feedback scores (0) stay" in words


def test_erasing_refreshes_the_window_and_clears_undo(qtbot, three, window, confirm):
    marta = three[0]
    record_purchase(marta, total_minor=2500)
    select(qtbot, window, three[2])
    window.delete_selected()  # an undoable step on the stack
    assert window.undo_stack.count() == 1
    confirm(privacy_dialogs.ERASE)
    select(qtbot, window, marta)
    window.erase_action.trigger()
    qtbot.waitUntil(lambda: "erased for good" in window.statusBar().currentMessage(), timeout=10000)
    message = window.statusBar().currentMessage()
    assert "Marta Kowalska" in message and "undo history was cleared" in message
    assert window.undo_stack.count() == 0 and not window.undo_action.isEnabled()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=5000)
    assert window.model.row_of(marta) < 0 and window.detail.contact is None
    assert window.current_id() is None
    assert database.execute_sql("SELECT count(*) FROM purchase WHERE contact_id IS NULL").fetchone()[0] == 1


def test_save_first_then_erase(qtbot, three, window, confirm, tmp_path, monkeypatch):
    confirm(privacy_dialogs.SAVE_FIRST)
    answer_save_dialog(monkeypatch, tmp_path / "jose.zip")
    select(qtbot, window, three[1])
    window.erase_customer()
    qtbot.waitUntil(lambda: "erased for good" in window.statusBar().currentMessage(), timeout=10000)
    with zipfile.ZipFile(tmp_path / "jose.zip") as archive:
        assert "jose@correo.es" in archive.read("contact.csv").decode("utf-8-sig")
    assert contacts.contact_ids("jose") == contacts.contact_ids("nobody-at-all")


def test_save_first_cancelled_erases_nothing(qtbot, three, window, confirm, monkeypatch):
    confirm(privacy_dialogs.SAVE_FIRST)
    monkeypatch.setattr("smallcrm.gui.forms.QFileDialog.getSaveFileName", lambda *a: ("", ""))
    select(qtbot, window, three[1])
    window.erase_customer()
    assert "nothing was erased" in window.statusBar().currentMessage()
    assert contacts.get_contact(three[1]).first_name == "José"
