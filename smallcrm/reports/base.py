"""What every report shares: colours, styles, paragraphs of stored text that wrap (also right to left),
tables that break across pages with their header repeated on each, and the masthead of a first page."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Image, KeepTogether, Paragraph, Table, TableStyle
from reportlab.platypus.tables import CellStyle

from smallcrm.reports import fonts
from smallcrm.reports.shop import Shop
from smallcrm.reports.text import fit_logical, has_rtl, is_rtl, printable, wrap_logical

MARGIN = 16 * mm

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#616E7C")
ACCENT = colors.HexColor("#2C6E7F")
ACCENT_SOFT = colors.HexColor("#9CC3CC")
TINT = colors.HexColor("#EEF4F5")
RULE = colors.HexColor("#CBD2D9")
ZEBRA = colors.HexColor("#F5F7FA")
GOOD = colors.HexColor("#2F7D4F")
BAD = colors.HexColor("#B83B3B")


# --------------------------------------------------------------------------------------------------
# Styles


def _style(name: str, **values) -> ParagraphStyle:
    base = {"fontName": fonts.SANS, "fontSize": 9, "leading": 12, "textColor": INK}
    return ParagraphStyle(name, **{**base, **values})


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    muted: ParagraphStyle
    title: ParagraphStyle
    shop_name: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_bold: ParagraphStyle
    header: ParagraphStyle
    header_right: ParagraphStyle
    header_center: ParagraphStyle
    figure: ParagraphStyle
    figure_label: ParagraphStyle


def styles() -> Styles:
    fonts.register()
    return Styles(
        body=_style("body"),
        muted=_style("muted", fontSize=8, leading=10.5, textColor=MUTED),
        title=_style("title", fontName=fonts.BOLD, fontSize=17, leading=21, textColor=ACCENT, alignment=TA_RIGHT),
        shop_name=_style("shop_name", fontName=fonts.BOLD, fontSize=14, leading=18),
        heading=_style("heading", fontName=fonts.BOLD, fontSize=11.5, leading=15, textColor=ACCENT, spaceBefore=12,
                       spaceAfter=5),
        subheading=_style("subheading", fontName=fonts.BOLD, fontSize=9, leading=12, spaceBefore=6, spaceAfter=3,
                           keepWithNext=1),
        cell=_style("cell", fontSize=8.5, leading=10.5),
        cell_right=_style("cell_right", fontSize=8.5, leading=10.5, alignment=TA_RIGHT),
        cell_bold=_style("cell_bold", fontName=fonts.BOLD, fontSize=8.5, leading=10.5),
        header=_style("header", fontName=fonts.BOLD, fontSize=7.5, leading=9.5, textColor=MUTED),
        header_right=_style("header_right", fontName=fonts.BOLD, fontSize=7.5, leading=9.5, textColor=MUTED,
                            alignment=TA_RIGHT),
        header_center=_style("header_center", fontName=fonts.BOLD, fontSize=7.5, leading=9.5, textColor=MUTED,
                             alignment=TA_CENTER),
        figure=_style("figure", fontName=fonts.BOLD, fontSize=15, leading=19),
        figure_label=_style("figure_label", fontSize=7.5, leading=9.5, textColor=MUTED),
    )


class _RightToLeftParagraph(Flowable):
    """Stored text with right-to-left letters: broken into lines in logical order at the width it gets,
    then each line reordered for drawing (see reports.text). As `prose`, text that starts right to left
    is also aligned to the right. It breaks across pages (and table rows) between its lines."""

    def __init__(self, text: str, style: ParagraphStyle, prose: bool = False, lines: list[str] | None = None):
        super().__init__()
        self.text = text
        self.style = style
        self.prose = prose
        self.lines = lines  # logical lines, once broken at a width
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self._paragraph: Paragraph | None = None

    def _lines(self, width: float) -> list[str]:
        if self.lines is not None:
            return self.lines
        style = self.style
        return wrap_logical(self.text, width - style.leftIndent - style.rightIndent - 1, style.fontName,
                            style.fontSize)

    def _layout(self, width: float) -> Paragraph:
        style = self.style
        if self.prose and style.alignment == TA_LEFT and is_rtl(self.text):
            style = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)
        return Paragraph("<br/>".join(printable(line) for line in self._lines(width)), style)

    def wrap(self, availWidth, availHeight):
        self._paragraph = self._layout(availWidth)
        self._wrapped_at = availWidth
        self.width, self.height = self._paragraph.wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth, availHeight):
        # A table asks to split at its cell's whole width, but lays the parts out inside the padding:
        # break at the width the text was last laid out at.
        lines = self._lines(min(availWidth, getattr(self, "_wrapped_at", availWidth)))
        fit = int((availHeight + 0.01) // self.style.leading)
        if fit < 1 or fit >= len(lines):
            return []
        return [_RightToLeftParagraph(self.text, self.style, self.prose, lines[:fit]),
                _RightToLeftParagraph(self.text, self.style, self.prose, lines[fit:])]

    def draw(self):
        self._paragraph.drawOn(self.canv, 0, 0)


def para(text: str | None, style: ParagraphStyle, *, prose: bool = False) -> Flowable:
    """Stored text as a paragraph that wraps at the width it is given. `prose` (a comment, a note):
    right-to-left text is aligned to the right; otherwise the style's alignment holds, as in a column."""
    text = "" if text is None else str(text)
    if has_rtl(text):
        return _RightToLeftParagraph(text, style, prose)
    return Paragraph(printable(text), style)


def shortened(text: str | None, style: ParagraphStyle, width: float, lines: int = 2) -> str:
    """Stored text cut with "…" so that it takes about `lines` lines of `width` at most (a heading)."""
    return fit_logical(text, style.fontName, (style.fontSize,), width * lines * 0.92)[0]


def label(markup: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of the report's own words (markup allowed; never stored text)."""
    return Paragraph(markup, style)


def section(title: str, s: Styles, room: float = 32 * mm) -> list[Flowable]:
    """A section's heading, on a new page unless there is `room` under it for the start of what follows
    (so a heading never ends a page, yet a long table under it still breaks across pages)."""
    return [CondPageBreak(room + 15 * mm), label(title, s.heading)]


# --------------------------------------------------------------------------------------------------
# Tables

LEFT, RIGHT, CENTER = "left", "right", "center"
SHORT = "short"  # left-aligned without wrapping: a date or a code the report formatted itself
PROSE = "prose"  # as LEFT, for sentences (comments): right-to-left text is aligned to the right
CELL_PADDING = 4  # points left and right of the text in a table's cell

# Characters a paragraph treats otherwise than a plain string does (spaces it breaks at or collapses,
# the soft hyphen): text with any of them stays a paragraph.
_SPACING = re.compile("[\t-\r\x1c-\x1f\x85\xa0\xad\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000]|  |^ | $")


def _left_cell(text, style: ParagraphStyle, room: float) -> str | Flowable:
    """Stored text in a LEFT column: drawn by the table as a plain string when it is one line that fits
    `room`, exactly as a paragraph would draw it (same font, same place), otherwise a paragraph that
    wraps. A table draws plain strings far faster, which counts in a history of hundreds of rows."""
    text = "" if text is None else str(text)
    line = printable(text, markup=False)
    if ("\n" in line or _SPACING.search(line) or fonts.CJK.search(line)  # (a table draws a string in one font)
            or fonts.width(line, style.fontName, style.fontSize) > room - 1):
        return para(text, style)
    return line


def _cell_style(alignment: str, valign: str = "TOP", font: str = fonts.SANS) -> CellStyle:
    style = CellStyle(f"cell-{alignment}-{valign}-{font}")
    style.fontname, style.fontsize, style.leading, style.color = font, 8.5, 10.5, INK
    style.alignment, style.valign = alignment, valign
    style.topPadding = style.bottomPadding = 3.2
    style.leftPadding = style.rightPadding = CELL_PADDING
    return style


def table(header: list[str], rows: list[list], widths: list[float], *, align: list[str] | None = None,
          s: Styles, total: list | None = None, zebra: bool = True) -> Table:
    """A table that breaks across pages (inside a row too, for a long comment) and repeats its header
    row on each page.

    Text in LEFT and PROSE columns wraps (stored text is printed through `para`; in a LEFT column, text
    that fits on one line is drawn as a plain string, which looks the same); RIGHT, CENTER and SHORT
    columns hold short figures the report formatted itself. A cell may also be a ready flowable.
    `total` is a last row in bold above a rule.

    The cells of a column share one cell style (font, alignment, padding), set here: setting them cell
    by cell would cost more than the rest of a table of hundreds of rows. A caller may add lines and
    backgrounds with `setStyle`, not fonts, alignment or padding.
    """
    align = align or [LEFT] * len(header)
    heads = {LEFT: s.header, PROSE: s.header, SHORT: s.header, RIGHT: s.header_right, CENTER: s.header_center}
    data = [[label(h, heads[a]) for h, a in zip(header, align)]]
    for number, row in enumerate(rows + ([total] if total else [])):
        style = s.cell_bold if number == len(rows) else s.cell
        data.append([
            cell if isinstance(cell, Flowable) else
            para(cell, style, prose=True) if a == PROSE else
            _left_cell(cell, style, room - 2 * CELL_PADDING) if a == LEFT else
            printable("" if cell is None else str(cell), markup=False)
            for cell, a, room in zip(row, align, widths)
        ])
    aligned = [a.upper() if a in (RIGHT, CENTER) else "LEFT" for a in align]
    body = [_cell_style(a) for a in aligned]
    cell_styles = [[_cell_style("LEFT", "BOTTOM")] * len(align)] + [body] * len(rows)
    if total:
        cell_styles.append([_cell_style(a, font=fonts.BOLD) for a in aligned])
    commands = [("LINEBELOW", (0, 0), (-1, 0), 0.9, ACCENT)]
    if zebra and rows:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, len(rows)), [colors.white, ZEBRA]))
    if total:
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.6, MUTED))
    return Table(data, colWidths=widths, repeatRows=1, splitInRow=1, style=TableStyle(commands), hAlign="LEFT",
                 cellStyles=cell_styles)


def note_table(pairs: list[tuple[str, str]], widths: tuple[float, float], s: Styles) -> Table:
    """Label / value lines (the report's label, a figure or stored text), without a header."""
    data = [[label(k, s.muted), v if isinstance(v, Flowable) else para(v, s.cell)] for k, v in pairs]
    return Table(data, colWidths=list(widths), hAlign="LEFT", style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))


def side_by_side(left: Flowable | list[Flowable], right: Flowable | list[Flowable], width: float,
                 gap: float = 8 * mm, share: float = 0.5) -> Table:
    """Two blocks next to each other, the left one taking `share` of the width (a block does not break
    across pages)."""
    room = width - gap
    return Table([[left, "", right]], colWidths=[room * share, gap, room * (1 - share)], hAlign="LEFT",
                 style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))


def member_number(contact_id: int) -> str:
    """The number a customer is known by on cards and dossiers: the contact's id, six digits or more."""
    return f"{contact_id:06d}"


def figure(value: str, s: Styles, width: float) -> Flowable:
    """A headline figure in large type, smaller when it would not fit `width` on one line."""
    for size in (15, 13, 11.5, 10):
        if fonts.width(printable(value, markup=False), fonts.BOLD, size) <= width:
            break
    style = s.figure if size == 15 else ParagraphStyle(f"figure-{size}", parent=s.figure, fontSize=size,
                                                       leading=s.figure.leading)
    return para(value, style)


def tile_width(columns: int, width: float, gap: float = 3 * mm) -> float:
    """The room for text inside one tile of `tile_grid`."""
    return (width - (columns - 1) * gap) / columns - 14


def tile_grid(tiles: list[list[Flowable]], columns: int, width: float, gap: float = 3 * mm) -> Table:
    """Figures on tinted tiles, `columns` to a row; each tile is a short list of flowables."""
    column = (width - (columns - 1) * gap) / columns
    data: list[list] = []
    for start in range(0, len(tiles), columns):
        if data:
            data.append([""] * (2 * columns - 1))
        row: list = []
        for i in range(columns):
            if i:
                row.append("")
            row.append(tiles[start + i] if start + i < len(tiles) else "")
        data.append(row)
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 7),
        ("RIGHTPADDING", (0, 0), (-1, -1), 7),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
    ]
    heights: list[float | None] = []
    for r in range(len(data)):
        if r % 2:
            heights.append(gap)
            commands += [("TOPPADDING", (0, r), (-1, r), 0), ("BOTTOMPADDING", (0, r), (-1, r), 0)]
            continue
        heights.append(None)
        for c in range(0, 2 * columns - 1, 2):
            if data[r][c] != "":
                commands.append(("BACKGROUND", (c, r), (c, r), TINT))
    return Table(data, colWidths=([column, gap] * columns)[:-1], rowHeights=heights, hAlign="LEFT",
                 style=TableStyle(commands))


# --------------------------------------------------------------------------------------------------
# The masthead


def masthead(shop: Shop, title: str, lines: list[str], s: Styles, width: float, *, headline: str = "") -> Table:
    """The top of the first page: logo, business name and address on the left; the report's title,
    a `headline` (stored text: whom the report is about), `lines` under it and the print date on the right.
    A name too long for two lines is cut with "…"."""
    cells: list = []
    widths: list[float] = []
    if shop.logo is not None:
        scale = min(22 * mm / shop.logo.height, 38 * mm / shop.logo.width)
        cells.append(Image(io.BytesIO(shop.logo.data), width=shop.logo.width * scale,
                           height=shop.logo.height * scale))
        widths.append(shop.logo.width * scale + 5 * mm)
    rest = width - sum(widths)
    widths += [rest * 0.52, rest * 0.48]
    left: list[Flowable] = []
    if shop.name:
        left.append(para(shortened(shop.name, s.shop_name, widths[-2]), s.shop_name))
    if shop.address:
        left.append(para(shop.address, s.muted))
    right: list[Flowable] = [label(title, s.title)]
    if headline:
        style = ParagraphStyle("headline", parent=s.shop_name, alignment=TA_RIGHT, spaceBefore=2)
        right.append(para(shortened(headline, style, widths[-1]), style))
    line_style = ParagraphStyle("masthead-line", parent=s.muted, alignment=TA_RIGHT, fontSize=8.5, leading=11)
    right += [para(line, line_style) for line in lines]
    right.append(para(shop.tr("Printed {moment}", moment=shop.moment(shop.printed_at)),
                      ParagraphStyle("printed", parent=s.muted, alignment=TA_RIGHT)))
    cells += [left or "", right]
    return Table([cells], colWidths=widths, hAlign="LEFT", style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, ACCENT),
    ]))


def block_section(title: str, s: Styles, *flowables: Flowable) -> list[Flowable]:
    """A section too short to break across pages: its heading stays with it."""
    return [KeepTogether([label(title, s.heading), *flowables])]


def content_width(shop: Shop) -> float:
    return shop.page_size[0] - 2 * MARGIN


