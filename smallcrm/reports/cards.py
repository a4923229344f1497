"""Loyalty cards to print and cut out: 85 × 55 mm (a bank card is 85.6 × 54), as many to a sheet as fit
(ten on A4, eight on Letter), with cut marks in the margins along every edge.

Each card has the business name, the customer's name, member number, tier, and points balance on the
day it was printed, and a QR code of the member number for the till's scanner. The cards are butted
together, so one cut separates two; everything printed keeps 3 mm inside the card, so a cut slightly
off the line harms nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from smallcrm.reports import fonts
from smallcrm.reports.base import ACCENT, INK, MUTED, member_number
from smallcrm.reports.document import write
from smallcrm.reports.lists import CHUNK, unique_ids
from smallcrm.reports.shop import PAGE_SIZES, Shop
from smallcrm.reports.text import fit_line
from smallcrm.services import loyalty
from smallcrm.services.contacts import display_name
from smallcrm.store.models import database

CARD_WIDTH = 85 * mm
CARD_HEIGHT = 55 * mm
SAFE = 3 * mm  # nothing is printed closer than this to a card's edge
QR_SIZE = 23 * mm
MIN_MARGIN = 10 * mm  # room left on the sheet's edges for the cut marks
MARK_GAP = 2 * mm  # between the cards and a cut mark
MARK_LENGTH = 6 * mm


@dataclass(frozen=True)
class Card:
    contact_id: int
    name: str
    tier: str
    points: int


@dataclass(frozen=True)
class Sheet:
    """How the cards sit on the paper."""

    paper: str
    columns: int
    rows: int

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    @property
    def origin(self) -> tuple[float, float]:
        """The bottom-left corner of the block of cards, centred on the sheet."""
        width, height = PAGE_SIZES[self.paper]
        return (width - self.columns * CARD_WIDTH) / 2, (height - self.rows * CARD_HEIGHT) / 2

    def rectangle(self, index: int) -> tuple[float, float, float, float]:
        """(x, y, width, height) of card `index` on its sheet (0 at the top left, by rows)."""
        row, column = divmod(index % self.per_sheet, self.columns)
        x0, y0 = self.origin
        return x0 + column * CARD_WIDTH, y0 + (self.rows - 1 - row) * CARD_HEIGHT, CARD_WIDTH, CARD_HEIGHT


def sheet_for(paper: str) -> Sheet:
    width, height = PAGE_SIZES[paper]
    return Sheet(paper, int((width - 2 * MIN_MARGIN) // CARD_WIDTH), int((height - 2 * MIN_MARGIN) // CARD_HEIGHT))


def cards(contact_ids: Iterable[int]) -> Iterator[Card]:
    """The cards of the contacts out of the Trash among `contact_ids`, in order, read CHUNK at a time."""
    ids = unique_ids(contact_ids)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        marks = ",".join("?" * len(chunk))
        names = {cid: display_name(first, last, company) for cid, first, last, company in database.execute_sql(
            f"SELECT id, first_name, last_name, company FROM contact WHERE id IN ({marks}) AND deleted_at IS NULL",
            chunk)}
        points = dict(database.execute_sql(
            f"SELECT contact_id, sum(points) FROM points_entry WHERE contact_id IN ({marks}) GROUP BY contact_id",
            chunk).fetchall())
        for contact_id in chunk:
            if contact_id in names:
                yield Card(contact_id, names[contact_id], loyalty.current_tier(contact_id), points.get(contact_id, 0))


def qr_drawing(value: str, size: float) -> Drawing:
    widget = QrCodeWidget(value, barLevel="M", barBorder=2)
    widget.barWidth = widget.barHeight = size
    widget.barFillColor = INK
    drawing = Drawing(size, size)
    drawing.add(widget)
    return drawing


def _text(canvas: Canvas, x: float, y: float, text: str, font: str, sizes: tuple[float, ...], width: float,
          color) -> None:
    line, size = fit_line(text, font, sizes, width)
    canvas.setFillColor(color)
    fonts.draw(canvas, x, y, line, font, size)


def draw_card(canvas: Canvas, sheet: Sheet, index: int, card: Card, shop: Shop) -> None:
    x, y, width, height = sheet.rectangle(index)
    inner = width - 2 * SAFE
    band = 12 * mm
    top = y + height - SAFE
    canvas.setFillColor(ACCENT)
    canvas.roundRect(x + SAFE, top - band, inner, band, 2.2 * mm, stroke=0, fill=1)
    tag = shop.tr("LOYALTY CARD")
    tag_width = fonts.width(tag, fonts.SANS, 6.5)
    canvas.setFont(fonts.SANS, 6.5)
    canvas.setFillColor(colors.white)
    canvas.drawRightString(x + width - SAFE - 3 * mm, top - band / 2 - 2.3, tag)
    _text(canvas, x + SAFE + 3 * mm, top - band / 2 - 3.6, shop.name or shop.tr("Loyalty card"), fonts.BOLD,
          (11, 10, 9, 8, 7), inner - 9 * mm - tag_width, colors.white)

    text_width = inner - QR_SIZE - 3 * mm
    left = x + SAFE + 1 * mm
    _text(canvas, left, top - band - 7.5 * mm, card.name, fonts.BOLD, (13, 12, 11, 10, 9, 8), text_width, INK)
    number = member_number(card.contact_id)
    rows = [(shop.tr("Member no."), number), (shop.tr("Tier"), shop.tier(card.tier)),
            (shop.tr("Points"), shop.tr("{points} on {day}", points=shop.number(card.points),
                                        day=shop.day(shop.printed_at.date())))]
    baseline = top - band - 14.5 * mm
    for caption, value in rows:
        _text(canvas, left, baseline, caption, fonts.SANS, (6.5,), 17 * mm, MUTED)
        _text(canvas, left + 17 * mm, baseline, value, fonts.SANS, (8.5, 8, 7.5, 7), text_width - 17 * mm, INK)
        baseline -= 4.6 * mm
    renderPDF.draw(qr_drawing(number, QR_SIZE), canvas, x + width - SAFE - QR_SIZE, y + SAFE)


def draw_cut_marks(canvas: Canvas, sheet: Sheet) -> None:
    x0, y0 = sheet.origin
    x1, y1 = x0 + sheet.columns * CARD_WIDTH, y0 + sheet.rows * CARD_HEIGHT
    length = min(MARK_LENGTH, x0 - MARK_GAP - 2 * mm, y0 - MARK_GAP - 2 * mm)
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.3)
    for column in range(sheet.columns + 1):
        x = x0 + column * CARD_WIDTH
        canvas.line(x, y1 + MARK_GAP, x, y1 + MARK_GAP + length)
        canvas.line(x, y0 - MARK_GAP, x, y0 - MARK_GAP - length)
    for row in range(sheet.rows + 1):
        y = y0 + row * CARD_HEIGHT
        canvas.line(x0 - MARK_GAP, y, x0 - MARK_GAP - length, y)
        canvas.line(x1 + MARK_GAP, y, x1 + MARK_GAP + length, y)


def cards_pdf(contact_ids: Iterable[int], out) -> None:
    """Loyalty cards for the contacts, in the order given, on the shop's paper."""
    shop = Shop.from_settings()
    sheet = sheet_for(shop.paper)
    fonts.register()

    def render(target) -> None:
        canvas = Canvas(target, pagesize=PAGE_SIZES[sheet.paper])
        canvas.setTitle(shop.tr("Loyalty cards"))
        canvas.setAuthor(shop.name)
        canvas.setCreator("smallcrm")
        count = 0
        for card in cards(contact_ids):
            if count and count % sheet.per_sheet == 0:
                draw_cut_marks(canvas, sheet)
                canvas.showPage()
            draw_card(canvas, sheet, count, card, shop)
            count += 1
        draw_cut_marks(canvas, sheet)
        canvas.showPage()
        canvas.save()

    write(out, render)
