"""Printing, PDF export, File ▸ Print List and Tools ▸ Settings' business details, driven as a person would.

Modal system dialogs (file choosers, questions) are answered by monkeypatching; the preview and the
messages open without blocking, so the tests find them among the parent's children.
"""

from __future__ import annotations

import base64
import errno
import io
import threading
from datetime import date
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QBuffer, QIODevice, QSettings, Qt, QThreadPool
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPageRanges
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMainWindow, QMessageBox
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from smallcrm import reports
from smallcrm.errors import InvalidValue, NotFound
from smallcrm.gui import forms, printing
from smallcrm.gui.business_settings import BusinessSettingsDialog
from smallcrm.gui.print_list_dialog import PrintListDialog
from smallcrm.services import metrics
from smallcrm.services.contacts import ContactInput, add_contact, delete_contacts
from smallcrm.services.settings import get_setting, set_setting
from tests.gui.conftest import type_text

SETTINGS = ("business_name", "business_address", "business_logo", "paper_size", "locale", "currency", "lapsed_days")


@pytest.fixture(autouse=True)
def _background_work_done(db, app):
    """No pool task may outlive the test's database."""
    yield
    QThreadPool.globalInstance().waitForDone()


def make_pdf_bytes(pages: int = 2, *, landscape_last: bool = False) -> bytes:
    """A small PDF: each page has a big black block at its top left and its number."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    for n in range(pages):
        size = landscape(A4) if landscape_last and n == pages - 1 else A4
        pdf.setPageSize(size)
        height = size[1]
        pdf.rect(0, height - 200, 300, 200, stroke=0, fill=1)
        pdf.setFont("Helvetica", 24)
        pdf.drawString(72, 72, f"Page {n + 1}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def is_black(image: QImage, x: int, y: int) -> bool:
    return QColor(image.pixel(x, y)).lightness() < 30


def is_white(image: QImage, x: int, y: int) -> bool:
    return QColor(image.pixel(x, y)).lightness() > 225


@pytest.fixture
def main_window(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def children_of(widget, kind) -> list:
    return [child for child in widget.findChildren(kind) if child.isVisible()]


def one_message(qtbot, parent) -> QMessageBox:
    qtbot.waitUntil(lambda: len(children_of(parent, QMessageBox)) == 1, timeout=5000)
    return children_of(parent, QMessageBox)[0]


# --- PDF pages as images ---------------------------------------------------------------------------
def test_each_pdf_page_becomes_an_image_of_its_shape_and_content(app):
    images = printing.pdf_images(make_pdf_bytes(3, landscape_last=True), 72)

    assert len(images) == 3
    portrait, _, wide = images
    assert (portrait.width(), portrait.height()) == (596, 842)  # A4 is 595.3 × 841.9 points: a pixel each
    assert (wide.width(), wide.height()) == (842, 596)
    assert is_black(portrait, 20, 20) and is_black(wide, 20, 20)  # the block at the top left
    assert is_white(portrait, 500, 400) and is_white(wide, 700, 300)
    assert round(portrait.dotsPerMeterX() * 0.0254) == 72

    sharper = printing.pdf_images(make_pdf_bytes(1), 144)[0]
    assert (sharper.width(), sharper.height()) == (1191, 1684)  # twice as many pixels each way
    assert is_black(sharper, 590, 390) and is_white(sharper, 610, 410)  # the block's corner, twice as far


def test_a_page_too_big_for_memory_is_drawn_smaller_in_the_same_shape(app, monkeypatch):
    monkeypatch.setattr(printing, "MAX_PAGE_PIXELS", 100_000)
    (image,) = printing.pdf_images(make_pdf_bytes(1), 300)
    assert image.width() * image.height() <= 100_000
    assert image.height() / image.width() == pytest.approx(842 / 595, rel=0.01)
    assert is_black(image, 5, 5)


# --- painting into a printer -----------------------------------------------------------------------
def pdf_printer(path: Path, data: bytes) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printing.fit_printer_to_pdf(printer, data, "Test")
    return printer


def test_printing_gives_one_printer_page_per_pdf_page(app, tmp_path):
    data = make_pdf_bytes(3)
    printer = pdf_printer(tmp_path / "printed.pdf", data)
    assert printing.paint_pdf(printer, data)

    printed = pypdf.PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == 3
    for page in printed.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
        assert len(page.images) == 1  # the PDF page, drawn as one picture
    back = printing.pdf_images((tmp_path / "printed.pdf").read_bytes(), 72)
    assert is_black(back[0], 20, 20) and is_white(back[0], 500, 400)  # the same place on the paper


def test_printing_only_the_pages_asked_for(app, tmp_path):
    data = make_pdf_bytes(4)
    printer = pdf_printer(tmp_path / "some.pdf", data)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    ranges = QPageRanges()
    ranges.addRange(2, 3)
    printer.setPageRanges(ranges)
    assert printing.paint_pdf(printer, data)
    assert len(pypdf.PdfReader(tmp_path / "some.pdf").pages) == 2


def test_a_landscape_pdf_prints_on_landscape_paper(app, tmp_path):
    data = make_pdf_bytes(1, landscape_last=True)
    printer = pdf_printer(tmp_path / "wide.pdf", data)
    assert printing.paint_pdf(printer, data)
    (page,) = pypdf.PdfReader(tmp_path / "wide.pdf").pages
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)


def test_print_with_preview_makes_the_pdf_in_the_background_then_shows_every_page(qtbot, main_window):
    threads = []

    def make() -> bytes:
        threads.append(threading.current_thread())
        return make_pdf_bytes(3)

    printing.print_with_preview(main_window, make, "Call list: everyone")
    qtbot.waitUntil(lambda: len(children_of(main_window, QPrintPreviewDialog)) == 1, timeout=5000)
    (preview,) = children_of(main_window, QPrintPreviewDialog)
    assert preview.windowTitle() == "Call list: everyone"
    assert threads and threads[0] is not threading.main_thread()
    widget = preview.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() == 3, timeout=5000)
    assert QGuiApplication.overrideCursor() is None
    preview.reject()


def test_a_report_that_cannot_be_made_is_explained_and_nothing_is_previewed(qtbot, main_window):
    def make() -> bytes:
        raise NotFound("contact", 42)

    printing.print_with_preview(main_window, make, "Dossier")
    box = one_message(qtbot, main_window)
    assert box.windowTitle() == "Dossier"
    assert "no longer in the database" in box.text()
    assert not children_of(main_window, QPrintPreviewDialog)
    assert QGuiApplication.overrideCursor() is None
    box.close()


# --- export ----------------------------------------------------------------------------------------
@pytest.fixture
def folder(tmp_path) -> Path:
    """An empty folder to export to (tmp_path holds the test's database)."""
    path = tmp_path / "exports"
    path.mkdir()
    return path


def answer_save_dialog(monkeypatch, path: Path, asked: list | None = None) -> None:
    def get_save_file_name(parent, caption, start, filters, selected=None):
        if asked is not None:
            asked.append(start)
        return str(path), filters

    monkeypatch.setattr("smallcrm.gui.forms.QFileDialog.getSaveFileName", get_save_file_name)


def test_export_writes_the_pdf_where_asked_and_says_so(qtbot, main_window, folder, monkeypatch):
    asked = []
    answer_save_dialog(monkeypatch, folder / "Call list", asked)  # typed without .pdf
    data = make_pdf_bytes(2)

    printing.export_pdf(main_window, lambda: data, "Call list: “VIP”")
    saved = folder / "Call list.pdf"
    qtbot.waitUntil(lambda: main_window.statusBar().currentMessage().startswith("Saved “Call list.pdf”"),
                    timeout=5000)
    assert saved.read_bytes() == data
    assert len(pypdf.PdfReader(saved).pages) == 2
    assert sorted(p.name for p in folder.iterdir()) == ["Call list.pdf"]  # no temporary file left
    assert Path(asked[0]).name == "Call list - “VIP”.pdf"  # a name every system accepts
    assert QSettings().value(forms.LAST_FOLDER) == str(folder)

    made = []
    questions = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: questions.append(a[2]) or QMessageBox.StandardButton.No)
    printing.export_pdf(main_window, lambda: made.append(1) or b"", "Again")  # "Call list" without .pdf again
    QThreadPool.globalInstance().waitForDone()
    assert asked[1] == str(folder / "Again.pdf")  # the folder is remembered
    assert "“Call list.pdf” already exists" in questions[0]
    assert made == [] and saved.read_bytes() == data  # not replaced


def test_export_from_a_dialog_offers_to_open_the_file(qtbot, main_window, folder, monkeypatch):
    dialog = QDialog(main_window)
    dialog.show()
    answer_save_dialog(monkeypatch, folder / "labels.pdf")
    opened = []
    monkeypatch.setattr("smallcrm.gui.printing.QDesktopServices.openUrl", lambda url: opened.append(url) or True)

    printing.export_pdf(dialog, lambda: make_pdf_bytes(1), "labels")
    box = one_message(qtbot, dialog)
    assert "labels.pdf" in box.text() and str(folder) in box.text()
    open_button = next(b for b in box.buttons() if b.text().replace("&", "") == "Open")
    qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(folder / "labels.pdf")]


def test_export_leaves_nothing_behind_when_the_report_cannot_be_made(qtbot, main_window, folder, monkeypatch):
    answer_save_dialog(monkeypatch, folder / "list.pdf")

    def make() -> bytes:
        raise InvalidValue("contacts", "", "empty", "no customer is in the list any more")

    printing.export_pdf(main_window, make, "list")
    box = one_message(qtbot, main_window)
    assert "Nothing to print" in box.text() and "Nothing was saved" in box.informativeText()
    assert list(folder.iterdir()) == []
    assert QGuiApplication.overrideCursor() is None
    box.close()


def test_a_full_disk_keeps_the_old_file_and_says_what_to_do(qtbot, main_window, folder, monkeypatch):
    old = folder / "summary.pdf"
    old.write_bytes(b"%PDF-1.4 the old one")
    answer_save_dialog(monkeypatch, old)

    def no_room(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("smallcrm.services.files.os.fsync", no_room)
    printing.export_pdf(main_window, lambda: make_pdf_bytes(1), "summary")
    box = one_message(qtbot, main_window)
    assert "not enough room on the disk" in box.text() and "Free some space" in box.informativeText()
    assert old.read_bytes() == b"%PDF-1.4 the old one"
    assert [p.name for p in folder.iterdir()] == ["summary.pdf"]
    box.close()


def test_a_folder_that_cannot_be_written_is_explained(qtbot, main_window, folder, monkeypatch):
    answer_save_dialog(monkeypatch, folder / "gone" / "list.pdf")
    printing.export_pdf(main_window, lambda: make_pdf_bytes(1), "list")
    box = one_message(qtbot, main_window)
    assert "does not exist" in box.text() and "Choose another folder" in box.informativeText()
    assert not (folder / "gone").exists()
    box.close()


def test_cancelling_the_file_dialog_makes_nothing(qtbot, main_window, monkeypatch):
    monkeypatch.setattr("smallcrm.gui.forms.QFileDialog.getSaveFileName", lambda *a: ("", ""))
    made = []
    printing.export_pdf(main_window, lambda: made.append(1) or b"", "list")
    QThreadPool.globalInstance().waitForDone()
    assert made == []


# --- File ▸ Print List -----------------------------------------------------------------------------
@pytest.fixture
def book(db):
    """Six customers (one in the Trash), with birthdays in March, April and none."""
    ids = [
        add_contact(ContactInput(first_name="Marta", last_name="Kowalska", city="Kraków", birthday="1980-03-04")),
        add_contact(ContactInput(first_name="Marek", last_name="Nowak", city="Kraków", birthday="--03-30",
                                 sms_consent=True)),
        add_contact(ContactInput(first_name="Anna", last_name="Schmidt", city="Berlin", birthday="1990-04-01",
                                 email_consent=True)),
        add_contact(ContactInput(first_name="José", last_name="Álvarez", city="Sevilla")),
        add_contact(ContactInput(first_name="Zoë", last_name="Adams", city="Leeds", birthday="--03-15")),
        add_contact(ContactInput(first_name="Old", last_name="Friend", city="Kraków", birthday="--03-20")),
    ]
    delete_contacts([ids[5]])
    return ids


@pytest.fixture
def fake_segments(monkeypatch, book):
    members = {"champions": [book[2], book[0]], "loyal": [book[3]]}

    def segments(today=None):
        return [metrics.Segment(key, key.title(), f"Who is {key}", len(members.get(key, [])))
                for key in metrics.SEGMENTS]

    def segment_members(key, today=None):
        return list(members.get(key, []))

    monkeypatch.setattr(metrics, "segments", segments)
    monkeypatch.setattr(metrics, "segment_members", segment_members)
    return members


@pytest.fixture
def made(monkeypatch):
    """The reports' list functions, recording what they were asked for and writing a one-page PDF."""
    calls = []

    def recorder(name):
        def make(*args, **kwargs):
            out = args[-1]
            calls.append((name, *args[:-1], kwargs))
            out.write(make_pdf_bytes(1))
        return make

    for name in ("call_list_pdf", "birthday_list_pdf", "labels_pdf", "cards_pdf"):
        monkeypatch.setitem(reports.__dict__, name, recorder(name))
    return calls


def open_print_list(qtbot, parent, search: str, selected: list[int]) -> PrintListDialog:
    dialog = PrintListDialog(parent, search, selected)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.book is not None and dialog.segment_counts is not None, timeout=5000)
    return dialog


def make_now(dialog: PrintListDialog) -> tuple[str, bytes]:
    make, title, _ = dialog.pdf_maker()
    return title, make()


def include_everyone(dialog: PrintListDialog) -> None:
    dialog.consent.setCurrentIndex(dialog.consent.findData(None))


def test_a_call_list_has_only_those_who_agreed_to_sms_marketing_unless_told_otherwise(qtbot, main_window, book,
                                                                                      fake_segments, made):
    dialog = open_print_list(qtbot, main_window, "", [book[3], book[1], book[2]])
    assert dialog.consenting() == "sms"
    qtbot.waitUntil(lambda: dialog.how_many() is not None, timeout=5000)
    assert dialog.how_many() == 1
    assert dialog.count.text() == "1 customer on the call list. 2 others have not agreed to this."
    title, _ = make_now(dialog)
    assert title == "Call list: Selected customers, who agreed to marketing by SMS"
    assert made.pop() == ("call_list_pdf", [book[1]], {"title": "Selected customers, who agreed to marketing by SMS"})

    dialog.consent.setCurrentIndex(dialog.consent.findData("email"))
    assert dialog.how_many() == 1
    make_now(dialog)
    assert made.pop()[1] == [book[2]]

    dialog.whom_buttons["segment"].setChecked(True)
    dialog.segment.setCurrentIndex(dialog.segment.findData("loyal"))  # José alone, who agreed to nothing
    qtbot.waitUntil(lambda: dialog.how_many() is not None, timeout=5000)
    assert dialog.how_many() == 0 and dialog.count.text().startswith("Nothing to print: none of these customers")
    assert not dialog.preview_button.isEnabled()

    dialog.kind_buttons["labels"].setChecked(True)  # labels go by post: everyone at first
    assert dialog.consenting() is None and dialog.how_many() == 1
    dialog.kind_buttons["cards"].setChecked(True)
    assert not dialog.consent.isEnabled() and dialog.consenting() is None
    dialog.kind_buttons["calls"].setChecked(True)
    assert dialog.consenting() == "sms"


def test_the_print_list_counts_and_passes_exactly_the_chosen_customers(qtbot, main_window, book, fake_segments,
                                                                      made):
    dialog = open_print_list(qtbot, main_window, "krak", [book[3], book[1]])
    include_everyone(dialog)
    assert dialog.whom_choice() == "selected"
    assert dialog.how_many() == 2 and dialog.count.text() == "2 customers on the call list."
    title, data = make_now(dialog)
    assert title == "Call list: Selected customers"
    assert made.pop() == ("call_list_pdf", [book[3], book[1]], {"title": "Selected customers"})
    assert data.startswith(b"%PDF")

    dialog.whom_buttons["search"].setChecked(True)
    assert "“krak” (2)" in dialog.whom_buttons["search"].text()  # the one in the Trash is not found
    assert dialog.how_many() == 2
    make_now(dialog)
    assert sorted(made.pop()[1]) == sorted([book[0], book[1]])

    dialog.whom_buttons["segment"].setChecked(True)
    dialog.segment.setCurrentIndex(dialog.segment.findData("champions"))
    assert dialog.how_many() == 2 and dialog.segment.currentText() == "Champions (2)"
    dialog.kind_buttons["cards"].setChecked(True)
    make_now(dialog)
    assert made.pop() == ("cards_pdf", [book[2], book[0]], {})

    dialog.whom_buttons["everyone"].setChecked(True)
    assert dialog.how_many() == 5 and dialog.whom_buttons["everyone"].text().replace("&", "") == "Everyone (5)"
    dialog.kind_buttons["labels"].setChecked(True)
    dialog.layout_choice.setCurrentIndex(dialog.layout_choice.findData("5160"))
    make_now(dialog)
    name, ids, kwargs = made.pop()
    assert name == "labels_pdf" and sorted(ids) == sorted(book[:5]) and kwargs == {"layout": "5160"}


def test_choosing_from_the_segment_list_chooses_the_segment(qtbot, main_window, book, fake_segments, made):
    dialog = open_print_list(qtbot, main_window, "", [])
    include_everyone(dialog)
    assert dialog.whom_choice() == "everyone"
    assert not dialog.whom_buttons["selected"].isEnabled() and not dialog.whom_buttons["search"].isEnabled()
    dialog.segment.activated.emit(dialog.segment.findData("loyal"))
    dialog.segment.setCurrentIndex(dialog.segment.findData("loyal"))
    assert dialog.whom_choice() == "segment" and dialog.how_many() == 1
    assert dialog.count.text() == "1 customer on the call list."
    make_now(dialog)
    assert made.pop()[1] == [book[3]]


def test_nothing_to_print_is_said_and_the_buttons_wait(qtbot, main_window, book, fake_segments):
    dialog = open_print_list(qtbot, main_window, "", [])
    include_everyone(dialog)
    dialog.whom_buttons["segment"].setChecked(True)
    dialog.segment.setCurrentIndex(dialog.segment.findData("lost"))
    assert dialog.how_many() == 0
    assert dialog.count.isVisible() and dialog.count.text().startswith("Nothing to print")
    assert not dialog.preview_button.isEnabled() and not dialog.export_button.isEnabled()
    dialog.segment.setCurrentIndex(dialog.segment.findData("champions"))
    assert dialog.preview_button.isEnabled() and dialog.export_button.isEnabled()


def test_a_birthday_list_is_for_a_month_next_month_first(qtbot, main_window, book, fake_segments, made):
    dialog = open_print_list(qtbot, main_window, "", [book[0]])
    dialog.kind_buttons["birthdays"].setChecked(True)
    assert dialog.chosen_month() == date.today().month % 12 + 1
    assert not dialog.whom_box.isEnabled() and dialog.month.isEnabled()

    dialog.month.setCurrentIndex(2)  # March: Marta, Marek, Zoë; not the one in the Trash
    qtbot.waitUntil(lambda: dialog.how_many() is not None, timeout=5000)
    assert dialog.how_many() == 3 and dialog.count.text().startswith("3 customers with a birthday in")
    title, _ = make_now(dialog)
    assert made.pop() == ("birthday_list_pdf", 3, {})
    assert "Birthdays in" in title

    dialog.month.setCurrentIndex(4)  # May: nobody
    qtbot.waitUntil(lambda: dialog.how_many() is not None, timeout=5000)
    assert dialog.how_many() == 0 and not dialog.preview_button.isEnabled()
    assert "no customer has a birthday in" in dialog.count.text()


@pytest.mark.parametrize(("paper", "layout"), [("A4", "L7160"), ("Letter", "5160")])
def test_the_label_sheet_follows_the_paper_size(qtbot, main_window, book, fake_segments, paper, layout):
    set_setting("paper_size", paper)
    dialog = open_print_list(qtbot, main_window, "", [])
    assert dialog.chosen_layout() == layout


def test_preview_and_export_from_the_print_list(qtbot, main_window, book, fake_segments, made, tmp_path,
                                                monkeypatch):
    dialog = open_print_list(qtbot, main_window, "", [book[4]])
    include_everyone(dialog)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(children_of(dialog, QPrintPreviewDialog)) == 1, timeout=5000)
    (preview,) = children_of(dialog, QPrintPreviewDialog)
    assert preview.windowTitle() == "Call list: Selected customers"
    assert made.pop()[1] == [book[4]]
    preview.reject()

    answer_save_dialog(monkeypatch, tmp_path / "zoe.pdf")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    box = one_message(qtbot, dialog)
    assert (tmp_path / "zoe.pdf").read_bytes().startswith(b"%PDF")
    box.close()


def test_a_real_call_list_of_the_selected_customers_is_saved_with_their_names(qtbot, main_window, book, folder,
                                                                             monkeypatch):
    dialog = open_print_list(qtbot, main_window, "", [book[0], book[3]])
    include_everyone(dialog)
    answer_save_dialog(monkeypatch, folder / "calls.pdf")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    box = one_message(qtbot, dialog)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(folder / "calls.pdf").pages)
    assert "Marta Kowalska" in text and "José Álvarez" in text
    assert "Anna Schmidt" not in text and "Selected customers" in text
    box.close()


# --- Tools ▸ Settings: business details-------------------------------------------------------------
def image_file(path: Path, width: int, height: int, kind: str = "PNG") -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f6feb"))
    image.setPixelColor(0, 0, QColor("white"))
    assert image.save(str(path), kind)
    return path


def stored_logo() -> QImage:
    return QImage.fromData(base64.b64decode(get_setting("business_logo")))


def open_business(qtbot, parent) -> BusinessSettingsDialog:
    dialog = BusinessSettingsDialog(parent)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def save_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_business_details_saves_every_field(qtbot, main_window, tmp_path):
    dialog = open_business(qtbot, main_window)
    type_text(dialog.name, "Kwiaciarnia Marta")
    type_text(dialog.address, "ul. Floriańska 3")
    qtbot.keyClick(dialog.address, Qt.Key.Key_Return)
    type_text(dialog.address, "31-019 Kraków  ")
    assert dialog.load_logo(image_file(tmp_path / "logo.png", 1800, 600))
    assert dialog.remove_logo.isEnabled() and not dialog.logo_preview.pixmap().isNull()
    dialog.paper.setCurrentIndex(dialog.paper.findData("Letter"))
    dialog.locale.setCurrentIndex(dialog.locale.findData("de_AT"))
    assert dialog.locale.currentText() == "Deutsch (Österreich)"
    assert "1.234,56" in dialog.sample.text()  # how Austria writes money
    assert dialog.sample.text().startswith("Reports print in English: ")  # (no German words for reports yet)
    dialog.locale.setCurrentIndex(dialog.locale.findData("fr_FR"))
    assert dialog.sample.text().startswith("Reports print in French: ") and "234,56" in dialog.sample.text()
    dialog.locale.setCurrentIndex(dialog.locale.findData("de_AT"))
    dialog.currency.clear()
    type_text(dialog.currency, "pln")
    dialog.lapsed.setValue(120)
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert get_setting("business_name") == "Kwiaciarnia Marta"
    assert get_setting("business_address") == "ul. Floriańska 3\n31-019 Kraków"
    assert get_setting("paper_size") == "Letter"
    assert get_setting("locale") == "de_AT"
    assert get_setting("currency") == "PLN"
    assert get_setting("lapsed_days") == 120
    logo = stored_logo()
    assert (logo.width(), logo.height()) == (600, 200)  # scaled down, proportions kept
    assert base64.b64decode(get_setting("business_logo")).startswith(b"\x89PNG")


def test_a_small_jpeg_logo_is_kept_as_it_is_and_can_be_removed(qtbot, main_window, tmp_path):
    path = image_file(tmp_path / "logo.jpg", 300, 120, "JPEG")
    dialog = open_business(qtbot, main_window)
    assert dialog.load_logo(path)
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert base64.b64decode(get_setting("business_logo")) == path.read_bytes()

    dialog = open_business(qtbot, main_window)
    assert dialog.remove_logo.isEnabled()
    qtbot.mouseClick(dialog.remove_logo, Qt.MouseButton.LeftButton)
    assert dialog.logo_preview.text() == "No logo"
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert get_setting("business_logo") is None


def test_a_logo_that_is_not_an_image_or_too_big_is_refused_beside_the_field(qtbot, main_window, tmp_path,
                                                                           monkeypatch):
    good = base64.b64encode(image_file(tmp_path / "first.png", 50, 50).read_bytes()).decode("ascii")
    set_setting("business_logo", good)
    dialog = open_business(qtbot, main_window)

    text = tmp_path / "logo.png"
    text.write_text("name,email\nAnn,ann@example.com\n", encoding="utf-8")
    monkeypatch.setattr("smallcrm.gui.business_settings.QFileDialog.getOpenFileName",
                        lambda *a, **k: (str(text), ""))
    qtbot.mouseClick(dialog.choose_logo, Qt.MouseButton.LeftButton)
    assert dialog.logo_problem.isVisible() and "not a picture" in dialog.logo_problem.text()

    huge = tmp_path / "huge.bmp"
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    QImage(900, 900, QImage.Format.Format_RGB32).save(buffer, "BMP")
    huge.write_bytes(bytes(buffer.data().data()))
    assert huge.stat().st_size > 2 * 1024 * 1024
    assert not dialog.load_logo(huge)
    assert "at most 2 MB" in dialog.logo_problem.text()

    assert dialog.logo_text == good  # the logo it had stays
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert get_setting("business_logo") == good


def test_a_currency_that_does_not_exist_cannot_be_saved(qtbot, main_window):
    dialog = open_business(qtbot, main_window)
    dialog.tabs.setCurrentIndex(1)  # Money and paper
    dialog.currency.clear()
    type_text(dialog.currency, "EURO")
    assert dialog.currency_problem.isVisible() and "three-letter" in dialog.currency_problem.text()
    assert not save_button(dialog).isEnabled()
    dialog.accept()  # even forced, nothing is saved
    assert dialog.isVisible() and get_setting("currency") == "EUR"

    dialog.currency.clear()
    type_text(dialog.currency, "XYZ")  # three letters, but no currency
    assert not save_button(dialog).isEnabled()
    dialog.currency.clear()
    type_text(dialog.currency, "GBP")
    assert save_button(dialog).isEnabled()
    assert "keep their own currency" in dialog.currency_problem.text()  # a hint, not a refusal


def test_cancel_saves_nothing(qtbot, main_window, tmp_path):
    before = {key: get_setting(key) for key in SETTINGS}
    dialog = open_business(qtbot, main_window)
    type_text(dialog.name, "Another shop")
    type_text(dialog.address, "Somewhere")
    assert dialog.load_logo(image_file(tmp_path / "logo.png", 40, 40))
    dialog.paper.setCurrentIndex(dialog.paper.findData("A4"))
    dialog.locale.setCurrentIndex(dialog.locale.findData("fr_FR"))
    dialog.currency.clear()
    type_text(dialog.currency, "CHF")
    dialog.lapsed.setValue(30)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert {key: get_setting(key) for key in SETTINGS} == before
