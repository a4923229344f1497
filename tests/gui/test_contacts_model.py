"""The contacts table model: Qt's own model checks, bounded memory, the newest search wins."""

from __future__ import annotations

from array import array

from PySide6.QtCore import Qt

from smallcrm.gui.contacts_model import ContactTableModel
from smallcrm.services.contacts import ContactInput, add_contact, delete_contacts


def _many(n: int) -> list[int]:
    return [add_contact(ContactInput(first_name=f"Person{i:04d}", last_name="Test", city="Town")) for i in range(n)]


def test_the_model_passes_qtmodeltester(qtmodeltester, db):
    _many(30)
    model = ContactTableModel()
    qtmodeltester.check(model, force_py=True)


def test_the_trash_model_passes_qtmodeltester(qtmodeltester, db):
    ids = _many(5)
    delete_contacts(ids[:3])
    model = ContactTableModel(trash=True)
    assert model.rowCount() == 3
    qtmodeltester.check(model, force_py=True)


def test_rows_are_read_in_blocks_and_the_cache_stays_bounded(db, monkeypatch):
    monkeypatch.setattr(ContactTableModel, "BLOCK", 50)
    monkeypatch.setattr(ContactTableModel, "CACHE_ROWS", 120)
    _many(500)
    model = ContactTableModel()
    assert model.rowCount() == 500
    names = [model.data(model.index(row, 0)) for row in range(500)]
    assert names == [f"Person{i:04d} Test" for i in range(500)]
    assert len(model._cache) <= 120
    assert model.data(model.index(0, 0)) == "Person0000 Test"  # evicted rows come back on demand


def test_an_older_search_coming_back_late_is_ignored(qtbot, db):
    _many(3)
    model = ContactTableModel()
    model.set_search("nobody")  # on a pool thread
    stale = model._generation
    with qtbot.waitSignal(model.reloaded, timeout=3000):
        model.set_search("person")
    qtbot.waitUntil(lambda: model.search_text == "person" and model.rowCount() == 3)
    model._apply(stale, array("q"))  # what the first search would deliver if it came back last
    assert model.rowCount() == 3


def test_the_id_role_gives_the_contact_id(db):
    ids = _many(2)
    model = ContactTableModel()
    assert sorted(model.data(model.index(r, 0), Qt.ItemDataRole.UserRole + 1) for r in range(2)) == sorted(ids)


def test_a_broad_search_lists_the_first_matches_in_order_and_counts_them_all(qtbot, db, monkeypatch):
    monkeypatch.setattr(ContactTableModel, "SEARCH_LIMIT", 40)
    _many(150)  # every one matches "person"
    model = ContactTableModel()
    with qtbot.waitSignal(model.reloaded, timeout=3000):
        model.set_search("person")
    assert model.rowCount() == 40 and model.matches == 150
    assert [model.data(model.index(r, 0)) for r in range(3)] == ["Person0000 Test", "Person0001 Test",
                                                                 "Person0002 Test"]


def test_a_quick_start_reads_the_first_ids_and_the_count_then_the_rest(qtbot, qtmodeltester, db):
    _many(5)
    model = ContactTableModel(first_rows=2)
    assert model.rowCount() == 5 and model.matches == 5  # the scroll bar and the count are right at once
    assert [model.data(model.index(r, 0)) for r in range(5)] == ["Person0000 Test", "Person0001 Test",
                                                                 None, None, None]
    qtmodeltester.check(model, force_py=True)
    with qtbot.waitSignal(model.dataChanged, timeout=3000):
        model.read_rest()  # on a pool thread
    assert [model.data(model.index(r, 0)) for r in range(5)] == [f"Person{i:04d} Test" for i in range(5)]
    qtmodeltester.check(model, force_py=True)


def test_a_row_past_the_first_ones_asked_for_reads_the_rest_at_once(db):
    ids = _many(5)
    model = ContactTableModel(first_rows=2)
    assert model.row_of(ids[4]) == 4
    assert model.id_at(3) == ids[3]
    assert model.data(model.index(4, 0)) == "Person0004 Test"


def test_a_contact_added_before_the_rest_comes_starts_the_list_afresh(qtbot, db):
    _many(3)
    model = ContactTableModel(first_rows=2)
    add_contact(ContactInput(first_name="Aaron", last_name="Early"))  # by the command line, say
    with qtbot.waitSignal(model.reloaded, timeout=3000):
        model.read_rest()
    assert model.rowCount() == 4 and model.matches == 4
    assert model.data(model.index(0, 0)) == "Aaron Early"
