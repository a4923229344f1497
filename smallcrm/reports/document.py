"""Laying out a PDF on the shop's paper: the page frame (a running header, and a footer with the
print date and "Page X of Y") and writing the file so that a failure never leaves half a PDF behind."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from smallcrm.reports import fonts
from smallcrm.reports.base import INK, LEFT, MARGIN, MUTED, RIGHT, RULE
from smallcrm.reports.shop import Shop
from smallcrm.reports.text import fit_line
from smallcrm.services.files import write_atomically

# Every report's pages are written compressed, without a further ASCII85 layer: the files are smaller
# (a sixth, for a dossier of forty pages), and written faster (reportlab encodes ASCII85 in Python).
rl_config.useA85 = 0


def _numbered_canvas(footer: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that keeps its pages until the end, so each can say "Page X of Y"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                footer(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def page_number(number: int, total: int, shop: Shop) -> str:
    return shop.tr("Page {number} of {total}", number=shop.number(number), total=shop.number(total))


@dataclass
class PageText:
    """What the running header and the footer print on each page."""

    shop: Shop
    title: str
    period: str = ""  # the period the report covers, as printed


def _draw_text(canvas: Canvas, x: float, y: float, text: str, size: float, width: float, *, bold: bool = False,
               align: str = LEFT, color=MUTED) -> None:
    font = fonts.BOLD if bold else fonts.SANS
    line, size = fit_line(text, font, (size, size - 0.5, size - 1), width)
    canvas.setFillColor(color)
    fonts.draw(canvas, x + width if align == RIGHT else x, y, line, font, size, right=align == RIGHT)


def build(out, story: list[Flowable], frame: PageText, *, subject: str = "") -> None:
    """Lay out `story` on the shop's paper and write the PDF to `out` (see `write`).

    Every page gets the footer (what the report is, the print date, "Page X of Y"); every page after
    the first, which starts with the masthead, gets the running header (logo, business name, title).
    """
    shop = frame.shop
    page_width, page_height = shop.page_size
    top, right, bottom, left = MARGIN + 5 * mm, MARGIN, MARGIN + 4 * mm, MARGIN
    text_width = page_width - left - right

    def header(canvas: Canvas, doc) -> None:
        if doc.page == 1:
            return
        canvas.saveState()
        y = page_height - MARGIN + 1 * mm
        x = left
        if shop.logo is not None:
            logo_width = min(40 * mm, shop.logo.width * 9 / shop.logo.height)
            canvas.drawImage(shop.logo.image, x, y - 1.5, width=logo_width, height=9, mask="auto",
                             preserveAspectRatio=True, anchor="w")
            x += logo_width + 4
        _draw_text(canvas, x, y, shop.name, 8, text_width * 0.5 - (x - left), bold=True, color=INK)
        _draw_text(canvas, left + text_width * 0.5, y, frame.title, 8, text_width * 0.5, align=RIGHT)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, y - 4, left + text_width, y - 4)
        canvas.restoreState()

    def footer(canvas: Canvas, number: int, total: int) -> None:
        canvas.saveState()
        y = MARGIN - 3 * mm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, y + 9, left + text_width, y + 9)
        where = " · ".join(part for part in (frame.title, frame.period) if part)
        _draw_text(canvas, left, y, where, 7.5, text_width * 0.45 - 8)
        _draw_text(canvas, left + text_width * 0.45, y, shop.tr("Printed {moment}", moment=shop.moment(shop.printed_at)),
                   7.5, text_width * 0.35)
        _draw_text(canvas, left + text_width * 0.8, y, page_number(number, total, shop), 7.5, text_width * 0.2,
                   align=RIGHT, color=INK)
        canvas.restoreState()

    def render(target: BinaryIO) -> None:
        doc = BaseDocTemplate(target, pagesize=shop.page_size, leftMargin=left, rightMargin=right, topMargin=top,
                              bottomMargin=bottom, title=frame.title, author=shop.name, subject=subject,
                              creator="smallcrm")
        body = Frame(left, bottom, text_width, page_height - top - bottom, id="body", leftPadding=0,
                     rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[body], onPage=header)])
        doc.build(story, canvasmaker=_numbered_canvas(footer))

    fonts.register()
    write(out, render)


# --------------------------------------------------------------------------------------------------
# Writing


def write(out, render: Callable[[BinaryIO], None]) -> None:
    """Render the whole PDF in memory, then hand it over: to a binary file object as one write, or to
    a path through a temporary file in the same folder renamed over it, so that a failure never leaves
    half a PDF (nor a temporary file) behind."""
    buffer = io.BytesIO()
    render(buffer)
    data = buffer.getvalue()
    if hasattr(out, "write"):
        out.write(data)
        return
    write_atomically(out, data)
