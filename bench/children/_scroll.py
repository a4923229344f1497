"""What both scroll children share; imports only PySide6 (and the standard library)."""

import time

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def make_view(model) -> QTableView:
    """A QTableView set up like the main window's contacts list."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setShowGrid(False)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setStretchLastSection(True)
    for column, width in enumerate((200, 160, 220, 150, 120, 100)):
        view.horizontalHeader().resizeSection(column, width)
    view.resize(1200, 760)
    return view


def scroll(view, max_pages: int | None = None) -> dict:
    """From the top to the bottom one page at a time, painting each page now (so data() is called)."""
    bar = view.verticalScrollBar()
    pages = 0
    started = time.perf_counter()
    value = 0
    while True:
        bar.setValue(value)
        view.viewport().repaint()
        pages += 1
        if value >= bar.maximum() or (max_pages and pages >= max_pages):
            break
        value = min(value + max(1, bar.pageStep()), bar.maximum())
    return {"pages": pages, "page_rows": bar.pageStep(), "scroll_seconds": time.perf_counter() - started}
