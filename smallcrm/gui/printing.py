"""Printing and saving the shop's reports. A report is made as a PDF off the GUI thread, then shown in
the system's print preview (whose Print button opens the system print dialog) or saved as a file.

A PDF page becomes one printer page: pdfium draws it into an image, which is scaled to fit the
printable area with its proportions kept. Printers get the pages at their own resolution, up to
MAX_PRINT_DPI; the preview, which keeps every page in memory, gets them at screen sharpness.
"""

from __future__ import annotations

import errno
import math
import re
import threading
from pathlib import Path
from typing import Callable

import pypdfium2 as pdfium
import shiboken6
from PySide6.QtCore import QCoreApplication, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from smallcrm.errors import InvalidValue, NotFound, SmallCrmError
from smallcrm.gui.messages import field_problem
from smallcrm.gui.forms import choose_save_file
from smallcrm.gui.workers import run_in_background
from smallcrm.services.files import write_atomically

MAX_PRINT_DPI = 300  # finer than this only makes the print job bigger
PREVIEW_DPI = 110  # sharp on screen at the preview's usual zoom
MAX_PAGE_PIXELS = 16_000_000  # 64 MB for one page; a bigger page is drawn at a lower resolution

_pdfium = threading.Lock()  # pdfium may be used by one thread at a time
_previews: set[QPrintPreviewDialog] = set()  # open previews, kept alive with their printers


def _tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


# --- PDF pages as images ---------------------------------------------------------------------------
def _scale(width_pt: float, height_pt: float, dpi: float) -> float:
    """Pixels per PDF point for `dpi`, lowered so that the page stays within MAX_PAGE_PIXELS."""
    scale = dpi / 72
    if math.ceil(width_pt * scale) * math.ceil(height_pt * scale) > MAX_PAGE_PIXELS:
        # the largest scale with (width * scale + 1) * (height * scale + 1) <= MAX_PAGE_PIXELS: pdfium rounds up
        area, edges = width_pt * height_pt, width_pt + height_pt
        scale = (math.sqrt(edges * edges + 4 * area * (MAX_PAGE_PIXELS - 1)) - edges) / (2 * area)
    return scale


def _render(page: pdfium.PdfPage, scale: float) -> QImage:
    bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
    try:
        view = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888)
        image = view.copy()  # the view points into pdfium's memory, which is freed below
    finally:
        bitmap.close()
    dots_per_metre = round(scale * 72 / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def pdf_images(data: bytes, dpi: float) -> list[QImage]:
    """Every page of a PDF as an image at `dpi` (at most MAX_PAGE_PIXELS each), first page first.

    Safe to call on any thread.
    """
    with _pdfium:
        document = pdfium.PdfDocument(data)
        try:
            images = []
            for page in document:
                try:
                    width, height = page.get_size()
                    images.append(_render(page, _scale(width, height, dpi)))
                finally:
                    page.close()
            return images
        finally:
            document.close()


def _first_page_size(data: bytes) -> tuple[int, float, float]:
    """(number of pages, width, height of the first page in points)."""
    with _pdfium:
        document = pdfium.PdfDocument(data)
        try:
            if len(document) == 0:
                return 0, 0.0, 0.0
            width, height = document.get_page_size(0)
            return len(document), width, height
        finally:
            document.close()


def fit_printer_to_pdf(printer: QPrinter, data: bytes, title: str = "") -> None:
    """Paper size and orientation of the PDF's first page, the narrowest margins the printer allows."""
    pages, width, height = _first_page_size(data)
    if pages:
        size = QPageSize(QSizeF(min(width, height), max(width, height)), QPageSize.Unit.Point, "",
                         QPageSize.SizeMatchPolicy.FuzzyMatch)
        printer.setPageSize(size)
        landscape = width > height
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape
                                   else QPageLayout.Orientation.Portrait)
    layout = printer.pageLayout()
    printer.setPageMargins(layout.minimumMargins(), layout.units())
    if title:
        printer.setDocName(title)


def _target(area: QRectF, width_pt: float, height_pt: float) -> QRectF:
    """The largest rectangle of the page's proportions centred in `area`."""
    fit = min(area.width() / width_pt, area.height() / height_pt)
    width, height = width_pt * fit, height_pt * fit
    return QRectF(area.x() + (area.width() - width) / 2, area.y() + (area.height() - height) / 2, width, height)


def paint_pdf(printer: QPrinter, data: bytes, preview_images: list[QImage] | None = None) -> bool:
    """Draw each PDF page on its own printer page (only the pages asked for in the print dialog).

    In the print preview, `preview_images` (from `pdf_images`) are drawn if given. False when the
    printer cannot start (the output file cannot be written, the printer went away).
    """
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        preview = painter.paintEngine().type() == QPaintEngine.Type.Picture
        area = QRectF(0, 0, printer.width(), printer.height())
        dpi = min(printer.resolution(), PREVIEW_DPI if preview else MAX_PRINT_DPI)
        with _pdfium:
            document = pdfium.PdfDocument(data)
            try:
                wanted = list(range(len(document)))
                if not preview and printer.printRange() == QPrinter.PrintRange.PageRange:
                    ranges = printer.pageRanges()
                    wanted = [i for i in wanted if ranges.contains(i + 1)]
                for n, index in enumerate(wanted):
                    if n:
                        printer.newPage()
                    width, height = document.get_page_size(index)
                    target = _target(area, width, height)
                    if preview and preview_images is not None and index < len(preview_images):
                        painter.drawImage(target, preview_images[index])
                        continue
                    page = document[index]
                    try:
                        wanted_dpi = target.width() / width * 72 * dpi / printer.resolution()
                        painter.drawImage(target, _render(page, _scale(width, height, wanted_dpi)))
                    finally:
                        page.close()
            finally:
                document.close()
    finally:
        painter.end()
    return True


# --- telling the user ------------------------------------------------------------------------------
class _CannotSave(Exception):
    def __init__(self, path: Path, error: OSError):
        super().__init__(f"{path}: {error}")
        self.path = path
        self.error = error


def failure_text(error: BaseException) -> tuple[str, str] | None:
    """(what happened, what to do) when a PDF could not be made or saved; None for a fault in smallcrm."""
    if isinstance(error, _CannotSave):
        name, folder = error.path.name, str(error.path.parent)
        code = error.error.errno
        if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return (_tr("There is not enough room on the disk for “{name}”.").format(name=name),
                    _tr("Free some space, or choose another disk or folder, then export again."))
        if code in (errno.EACCES, errno.EPERM, errno.EROFS):
            return (_tr("smallcrm may not write “{name}” in the folder {folder}.").format(name=name, folder=folder),
                    _tr("Choose another folder, such as your Documents folder. If a file of that name is open "
                        "in another program, close it and export again."))
        if code in (errno.ENOENT, errno.ENOTDIR):
            return (_tr("The folder {folder} does not exist any more.").format(folder=folder),
                    _tr("Choose another folder and export again."))
        return (_tr("“{name}” could not be saved in {folder}: {reason}.").format(
                    name=name, folder=folder, reason=error.error.strerror or str(error.error)),
                _tr("Choose another folder and export again."))
    if isinstance(error, NotFound):
        return (_tr("A customer in this report is no longer in the database."),
                _tr("Perhaps it was just deleted. Check the list and try again."))
    if isinstance(error, InvalidValue) and error.problem == "empty":
        return (_tr("Nothing to print: no customer is on the list any more."),
                _tr("Perhaps they were just deleted. Choose other customers and try again."))
    if isinstance(error, InvalidValue):
        return (_tr("The report could not be made."), field_problem(error))
    if isinstance(error, SmallCrmError):
        return (_tr("The report could not be made: {detail}.").format(detail=str(error)),
                _tr("Check the details and try again."))
    return None


def _alive(widget: QWidget | None) -> QWidget | None:
    return widget if widget is not None and shiboken6.isValid(widget) else None


def _main_window(widget: QWidget | None) -> QMainWindow | None:
    window = widget.window() if _alive(widget) else None
    return window if isinstance(window, QMainWindow) else None


def _show_failure(parent: QWidget | None, title: str, error: BaseException, nothing_saved: bool) -> None:
    text = failure_text(error)
    if text is None:
        raise error  # a fault in smallcrm: the crash dialog takes it from here
    what, todo = text
    if nothing_saved:
        todo += " " + _tr("Nothing was saved.")
    box = QMessageBox(QMessageBox.Icon.Warning, title, what, QMessageBox.StandardButton.Close, _alive(parent))
    box.setInformativeText(todo)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


class _Busy:
    """A wait cursor, and a note in the window's status bar, while a PDF is being made."""

    def __init__(self, parent: QWidget | None, note: str):
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.window = _main_window(parent)
        self.note = note
        if self.window is not None:
            self.window.statusBar().showMessage(note)
        self.busy = True

    def done(self) -> None:
        if not self.busy:
            return
        self.busy = False
        QGuiApplication.restoreOverrideCursor()
        if _alive(self.window) and self.window.statusBar().currentMessage() == self.note:
            self.window.statusBar().clearMessage()


# --- print -----------------------------------------------------------------------------------------
def preview_dialog(parent: QWidget | None, data: bytes, title: str,
                   preview_images: list[QImage] | None = None) -> QPrintPreviewDialog:
    """The system print preview of a PDF, not yet shown; its Print button opens the system print dialog."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    fit_printer_to_pdf(printer, data, title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(title)
    dialog.paintRequested.connect(lambda target: _paint_or_say(dialog, target, data, preview_images))
    dialog.printer_in_use = printer  # the dialog only borrows it
    _previews.add(dialog)
    dialog.finished.connect(dialog.deleteLater)
    dialog.destroyed.connect(lambda: _previews.discard(dialog))
    dialog.resize(900, 760)
    return dialog


def _paint_or_say(dialog: QPrintPreviewDialog, printer: QPrinter, data: bytes,
                  preview_images: list[QImage] | None) -> None:
    if not paint_pdf(printer, data, preview_images):
        box = QMessageBox(QMessageBox.Icon.Warning, dialog.windowTitle(), _tr("The printer could not be started."),
                          QMessageBox.StandardButton.Close, dialog)
        box.setInformativeText(_tr("Check that the printer is switched on and connected, or that the file to "
                                   "print to can be written, then print again."))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def _make_for_preview(make_pdf: Callable[[], bytes]) -> tuple[bytes, list[QImage]]:
    data = make_pdf()
    return data, pdf_images(data, PREVIEW_DPI)


def print_with_preview(parent: QWidget | None, make_pdf: Callable[[], bytes], title: str) -> None:
    """Make the PDF in the background, then open the print preview titled `title`."""
    busy = _Busy(parent, _tr("Preparing “{title}”…").format(title=title))

    def made(result: tuple[bytes, list[QImage]]) -> None:
        busy.done()
        data, images = result
        preview_dialog(_alive(parent), data, title, images).open()

    def failed(error: BaseException) -> None:
        busy.done()
        _show_failure(parent, title, error, nothing_saved=False)

    run_in_background(_make_for_preview, make_pdf, on_done=made, on_error=failed)


# --- export ----------------------------------------------------------------------------------------
def _make_and_save(make_pdf: Callable[[], bytes], path: Path) -> Path:
    data = make_pdf()
    try:
        write_atomically(path, data)
    except OSError as error:
        raise _CannotSave(path, error) from error
    return path


def safe_file_name(name: str) -> str:
    """`name` made fit for a file name on every system, ending in .pdf."""
    name = re.sub(r'\s*[\x00-\x1f\\/:*?"<>|]+\s*', " - ", name)
    name = re.sub(r"\s+", " ", name).strip(" .-") or "report"
    return name if name.lower().endswith(".pdf") else name + ".pdf"


def choose_pdf_file(parent: QWidget | None, suggested_name: str) -> Path | None:
    """Ask where to save a PDF, starting in the last folder used; None when the user cancels."""
    answer = choose_save_file(parent, _tr("Export PDF"), safe_file_name(suggested_name), [_tr("PDF files (*.pdf)")])
    return answer[0] if answer else None


def _say_saved(parent: QWidget | None, path: Path) -> None:
    window = _main_window(parent)
    if window is not None:
        window.statusBar().showMessage(
            _tr("Saved “{name}” in {folder}.").format(name=path.name, folder=path.parent), 10000)
        return
    box = QMessageBox(QMessageBox.Icon.Information, _tr("Export PDF"),
                      _tr("Saved “{name}” in {folder}.").format(name=path.name, folder=path.parent),
                      QMessageBox.StandardButton.Close, _alive(parent))
    open_button = box.addButton(_tr("&Open"), QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(open_button)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.buttonClicked.connect(
        lambda button: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))) if button is open_button else None)
    box.open()


def export_pdf(parent: QWidget | None, make_pdf: Callable[[], bytes], suggested_name: str) -> None:
    """Ask where to save, make the PDF in the background, save it, and say where it went."""
    path = choose_pdf_file(parent, suggested_name)
    if path is None:
        return
    busy = _Busy(parent, _tr("Saving “{name}”…").format(name=path.name))

    def saved(where: Path) -> None:
        busy.done()
        _say_saved(parent, where)

    def failed(error: BaseException) -> None:
        busy.done()
        _show_failure(parent, _tr("Export PDF"), error, nothing_saved=True)

    run_in_background(_make_and_save, make_pdf, path, on_done=saved, on_error=failed)
