"""Mailing labels on standard sheets: name, company, street, postal code and town, country.

Each line is printed at the largest size that fits its label; a line too long even at the smallest
size is cut with "…". Nothing is ever drawn outside a label's rectangle (less its inner margin), so a
long name never spills onto the next label. Contacts without any address line are still printed
(with their name), in the order given; those in the Trash are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from reportlab.lib.units import inch, mm
from reportlab.pdfgen.canvas import Canvas

from smallcrm.errors import InvalidValue
from smallcrm.reports import fonts
from smallcrm.reports.base import INK
from smallcrm.reports.document import write
from smallcrm.reports.lists import CHUNK, unique_ids
from smallcrm.reports.shop import PAGE_SIZES, Shop
from smallcrm.reports.text import fit_line, is_rtl, shaped_width
from smallcrm.services.addresses import address_lines
from smallcrm.services.contacts import display_name
from smallcrm.services.settings import default_region
from smallcrm.store.models import database


@dataclass(frozen=True)
class LabelLayout:
    """A sheet of labels, all lengths in points from the sheet's top-left corner."""

    name: str
    paper: str  # "A4" or "Letter"
    columns: int
    rows: int
    width: float  # of one label
    height: float
    left: float  # from the sheet's left edge to the first column
    top: float  # from the sheet's top edge to the first row
    pitch_x: float  # from one label's left edge to the next one's
    pitch_y: float
    padding_x: float  # the inner margin nothing is printed in
    padding_y: float
    sizes: tuple[float, ...]  # font sizes to try, largest first

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def rectangle(self, index: int) -> tuple[float, float, float, float]:
        """(x, y, width, height) of label `index` (0 at the top left, by rows) on its sheet, in PDF
        coordinates (y from the bottom)."""
        row, column = divmod(index % self.per_sheet, self.columns)
        sheet_height = PAGE_SIZES[self.paper][1]
        x = self.left + column * self.pitch_x
        y = sheet_height - self.top - row * self.pitch_y - self.height
        return x, y, self.width, self.height


LABEL_LAYOUTS = {
    # Avery L7160 and compatibles: A4, 21 labels of 63.5 × 38.1 mm
    "L7160": LabelLayout("L7160", "A4", 3, 7, 63.5 * mm, 38.1 * mm, 7.25 * mm, 15.15 * mm, 66.04 * mm, 38.1 * mm,
                         5 * mm, 3.5 * mm, (10, 9.5, 9, 8.5, 8, 7.5, 7)),
    # Avery 5160 and compatibles: Letter, 30 labels of 2 5/8 × 1 in
    "5160": LabelLayout("5160", "Letter", 3, 10, 2.625 * inch, 1 * inch, 0.1875 * inch, 0.5 * inch, 2.75 * inch,
                        1 * inch, 0.14 * inch, 0.08 * inch, (9, 8.5, 8, 7.5, 7, 6.5)),
}
LEADING = 1.2


def layout_for(name: str | None, paper: str) -> LabelLayout:
    if name is None:
        return LABEL_LAYOUTS["5160" if paper == "Letter" else "L7160"]
    if name not in LABEL_LAYOUTS:
        raise InvalidValue("layout", name, "choice", "one of " + ", ".join(LABEL_LAYOUTS))
    return LABEL_LAYOUTS[name]


def label_lines(first: str, last: str, company: str, street: str, postal_code: str, city: str, country: str,
                home: str | None) -> list[str]:
    """The lines of a mailing label, blank ones left out: the name, the company, and the address as the post of its
    country (else of the shop's, `home`) reads it."""
    name = display_name(first, last, company)
    return [name, *([company] if company and company != name else []),
            *address_lines(street, postal_code, city, country, home)]


def addresses(contact_ids: Iterable[int]) -> Iterator[tuple[int, list[str]]]:
    """(id, address lines) of the contacts out of the Trash among `contact_ids`, in order, CHUNK at a time."""
    ids = unique_ids(contact_ids)
    home = default_region()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        cursor = database.execute_sql(
            f"""SELECT id, first_name, last_name, company, street, postal_code, city, country FROM contact
                 WHERE id IN ({",".join("?" * len(chunk))}) AND deleted_at IS NULL""", chunk)
        found = {row[0]: label_lines(*row[1:], home) for row in cursor}
        for contact_id in chunk:
            if contact_id in found:
                yield contact_id, found[contact_id]


def draw_label(canvas: Canvas, layout: LabelLayout, index: int, lines: list[str]) -> None:
    """The address, centred in height inside the label's inner margin; each line fitted to its width."""
    x, y, width, height = layout.rectangle(index)
    inner_width = width - 2 * layout.padding_x
    inner_height = height - 2 * layout.padding_y
    size = next((s for s in layout.sizes if len(lines) * s * LEADING <= inner_height), layout.sizes[-1])
    lines = lines[:max(1, int(inner_height // (size * LEADING)))]
    sizes = tuple(s for s in layout.sizes if s <= size)
    leading = size * LEADING
    # One size for every line when it can be had without going below the middle size; a line longer
    # than that shrinks alone, then is cut.
    floor = layout.sizes[len(layout.sizes) // 2]
    common = next((s for s in sizes if s >= floor and all(
        shaped_width(line, fonts.BOLD if i == 0 else fonts.SANS, s) <= inner_width for i, line in enumerate(lines))),
        None)
    if common is not None:
        sizes = (common,)
    else:
        sizes = tuple(s for s in sizes if s <= floor) or sizes
    block = leading * (len(lines) - 1) + size
    baseline = y + layout.padding_y + (inner_height + block) / 2 - size * 0.93
    for number, line in enumerate(lines):
        font = fonts.BOLD if number == 0 else fonts.SANS
        text, fitted = fit_line(line, font, sizes, inner_width)
        if is_rtl(line):
            fonts.draw(canvas, x + width - layout.padding_x, baseline, text, font, fitted, right=True)
        else:
            fonts.draw(canvas, x + layout.padding_x, baseline, text, font, fitted)
        baseline -= leading


def labels_pdf(contact_ids: Iterable[int], out, *, layout: str | None = None) -> None:
    """Mailing labels for the contacts, in the order given, on "L7160" (A4) or "5160" (Letter) sheets;
    `layout` None picks the sheet for the paper size setting."""
    shop = Shop.from_settings()
    sheet = layout_for(layout, shop.paper)
    fonts.register()

    def render(target) -> None:
        canvas = Canvas(target, pagesize=PAGE_SIZES[sheet.paper])
        canvas.setTitle(shop.tr("Mailing labels ({sheet})", sheet=sheet.name))
        canvas.setAuthor(shop.name)
        canvas.setCreator("smallcrm")
        canvas.setFillColor(INK)
        count = 0
        for _, lines in addresses(contact_ids):
            if count and count % sheet.per_sheet == 0:
                canvas.showPage()
                canvas.setFillColor(INK)
            draw_label(canvas, sheet, count, lines)
            count += 1
        if not count:
            canvas.setFont(fonts.SANS, 10)
            canvas.drawString(sheet.left + sheet.padding_x, PAGE_SIZES[sheet.paper][1] - sheet.top - 20,
                              shop.tr("No addresses to print."))
        canvas.showPage()
        canvas.save()

    write(out, render)
