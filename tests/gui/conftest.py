"""Fixtures for driving the real main window with pytest-qt."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from smallcrm.services.contacts import ContactInput, add_contact


@pytest.fixture
def app(qapp):
    from smallcrm.gui.app import application

    application()  # names the application (QSettings) and loads translations, as `smallcrm` does
    QSettings().clear()
    yield qapp
    QSettings().clear()


@pytest.fixture
def french(app):
    """The window's words in French, from the shipped translation, as on a computer set up in French."""
    from PySide6.QtCore import QTranslator

    from smallcrm.paths import resource

    translator = QTranslator()
    assert translator.load(str(resource("translations") / "smallcrm_fr.qm"))
    app.installTranslator(translator)
    yield translator
    app.removeTranslator(translator)


class Answers(list):
    """The questions asked before typed work is thrown away (title, question), each answered by the first of
    `answers` (then: throw it away, as the tests that close such a window mean to)."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[bool] = []

    def ask(self, parent, title, text, throw_away, keep) -> bool:
        self.append((title, text))
        return self.answers.pop(0) if self.answers else True


@pytest.fixture(autouse=True)
def closing_asked(monkeypatch) -> Answers:
    from smallcrm.gui import forms

    asked = Answers()
    asked.real = forms.ask_to_throw_away
    monkeypatch.setattr(forms, "ask_to_throw_away", asked.ask)
    return asked


@pytest.fixture
def make_window(qtbot, db, app):
    from smallcrm.gui.main_window import MainWindow

    def make():
        window = MainWindow(db)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def three(db):
    """Three customers, added before the window opens."""
    return [
        add_contact(ContactInput(first_name="Marta", last_name="Kowalska", company="Kwiaciarnia", city="Kraków",
                                 emails=["marta@kwiaty.pl"], phones=["+48 601 234 567"], tags=["VIP"])),
        add_contact(ContactInput(first_name="José", last_name="Álvarez", city="Sevilla", emails=["jose@correo.es"])),
        add_contact(ContactInput(first_name="Anna", last_name="Schmidt", company="Bäckerei Schmidt", city="Berlin")),
    ]


def type_text(widget, text: str) -> None:
    """Type `text` key by key, any script (QTest.keyClicks only knows ASCII)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def close_box_later(seen: list) -> None:
    """Close the next modal message box once it shows, noting its text and informative text in `seen`."""
    def close():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, close)
            return
        seen.append((box.text(), box.informativeText()))
        box.close()

    QTimer.singleShot(20, close)
