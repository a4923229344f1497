"""Stored text on its way into a PDF: escaped for reportlab markup, right-to-left lines in visual order,
characters the font lacks as squares, lines broken and fitted to a width."""

from __future__ import annotations

import arabic_reshaper
import pytest
from bidi import get_display
from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from smallcrm.reports import fonts
from smallcrm.reports.text import (
    MISSING, fit_line, fit_logical, lines_of, printable, shaped_width, visual_line, wrap_logical,
)


@pytest.fixture(autouse=True, scope="module")
def _fonts():
    """The fonts measured here registered, whichever of these tests runs first or alone."""
    fonts.register()


def test_markup_is_escaped():
    assert printable("<b>Bob</b> & Co") == "&lt;b&gt;Bob&lt;/b&gt; &amp; Co"
    assert printable("<b>Bob</b> & Co", markup=False) == "<b>Bob</b> & Co"


def test_escaped_text_makes_a_paragraph_that_reads_exactly_as_typed():
    style = ParagraphStyle("t", fontName=fonts.SANS)
    for name in ("<b>Bob</b> & Co", "<para>x</para>", "&amp; &lt;", "100% {0} %s \\n", "<br/>", "<font size=40>"):
        paragraph = Paragraph(printable(name), style)
        assert paragraph.getPlainText() == name
        assert {frag.fontName for frag in paragraph.frags} == {fonts.SANS}  # nothing turned bold


def test_hebrew_is_put_in_visual_order():
    assert printable("דוד כהן") == "ןהכ דוד"
    assert printable("רחוב הרצל 12") == get_display("רחוב הרצל 12") == "12 לצרה בוחר"


def test_arabic_letters_are_joined_then_put_in_visual_order():
    name = "محمد العلي"
    assert printable(name) == get_display(arabic_reshaper.reshape(name))
    assert printable(name) != name[::-1]  # joined forms, not the isolated letters reversed


def test_each_line_is_reordered_alone():
    assert printable("שלום\nworld") == "םולש<br/>world"


def test_left_to_right_text_is_left_alone():
    for name in ("Αλέξανδρος Παπαδόπουλος", "Дмитрий Иванов", "Zoë Ångström-Ñúñez", "100% {x} \\ %s"):
        assert printable(name, markup=False) == name


def test_characters_the_font_lacks_become_one_square_per_run():
    assert printable("Anna 🌸") == f"Anna {MISSING}"
    assert printable("a 🌸🎉 b") == f"a {MISSING} b"
    assert printable("王小明 𠀀") == f'<font name="{fonts.CHINESE}">王小明</font> {MISSING}'  # (beyond U+FFFF)
    assert printable("x 👍🏽 y") == f"x {MISSING} y"  # with a skin tone
    assert printable("x 👨‍👩‍👧 y") == f"x {MISSING} y"  # joined with U+200D
    assert printable("x ❤️‍🔥 y") == f"x {MISSING} y"  # a joined emoji whose first part the font has
    assert printable("x 😀 y") == f"x {MISSING} y"  # beyond U+FFFF, though the font has it


def test_chinese_japanese_and_korean_letters_print_in_a_cjk_font_run_by_run():
    assert printable("Wang 王小明 <VIP>") == f'Wang <font name="{fonts.CHINESE}">王小明</font> &lt;VIP&gt;'
    assert printable("山田 さくら") == (f'<font name="{fonts.JAPANESE}">山田</font> '
                                     f'<font name="{fonts.JAPANESE}">さくら</font>')  # (kana: Japanese)
    assert printable("김민준", markup=False) == "김민준"
    assert fonts.runs("김 Min-jun", fonts.BOLD) == [("김", fonts.KOREAN), (" Min-jun", fonts.BOLD)]
    assert shaped_width("王小明", fonts.SANS, 10) == 30  # (each letter a square em)
    assert shaped_width("王 x", fonts.SANS, 10) == 10 + fonts.width(" x", fonts.SANS, 10)
    style = ParagraphStyle("t", fontName=fonts.BOLD)
    paragraph = Paragraph(printable("Zoë 王"), style)
    assert paragraph.getPlainText() == "Zoë 王"
    assert [(frag.text, frag.fontName) for frag in paragraph.frags] == [("Zoë ", fonts.BOLD), ("王", fonts.CHINESE)]


def test_symbols_the_font_has_are_kept():
    assert printable("☕ € — ½ №") == "☕ € — ½ №"


def test_control_characters_print_as_spaces_and_line_breaks_are_kept():
    assert printable("a\tb\x00c\x1fd") == "a b c d"
    assert printable("a\r\nb\rc") == "a<br/>b<br/>c"
    assert lines_of(None) == [""]


def test_a_line_fits_at_the_largest_size_that_fits():
    line, size = fit_line("Ann Lee", fonts.SANS, (12, 10, 8), 1000)
    assert (line, size) == ("Ann Lee", 12)
    narrow = fonts.width("Ann Lee", fonts.SANS, 10) + 0.1
    assert fit_line("Ann Lee", fonts.SANS, (12, 10, 8), narrow) == ("Ann Lee", 10)


def test_a_line_too_long_at_the_smallest_size_is_cut_with_an_ellipsis():
    name = "Bartholomew Montgomery-Fitzwilliam of the Western Isles"
    line, size = fit_line(name, fonts.SANS, (10, 8), 100)
    assert size == 8 and line.endswith("…")
    assert name.startswith(line[:-1])
    assert fonts.width(line, fonts.SANS, 8) <= 100
    assert fonts.width(name[:len(line)] + "…", fonts.SANS, 8) > 100  # the longest start that fits


def test_a_right_to_left_line_is_cut_at_its_logical_end():
    name = "אברהם בן דוד מגבעתיים " * 4
    logical, size = fit_logical(name, fonts.SANS, (9,), 120)
    assert logical.endswith("…") and name.startswith(logical[:-1].rstrip())
    line, _ = fit_line(name, fonts.SANS, (9,), 120)
    assert line == visual_line(logical) and line.startswith("…")  # drawn, the ellipsis is on the left
    assert fonts.width(line, fonts.SANS, 9) <= 120


@given(st.lists(st.sampled_from(["Ann", "Lee", "Zoë", "דוד", "כהן", "محمد", "W" * 40, "Дмитрий", "&", "<b>"]),
                min_size=1, max_size=30), st.integers(min_value=30, max_value=300))
def test_wrapped_lines_fit_and_keep_every_character_in_order(words, width):
    text = " ".join(words)
    lines = wrap_logical(text, width, fonts.SANS, 9)
    assert all(shaped_width(line, fonts.SANS, 9) <= width or len(line) == 1 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("size", [6, 9, 14])
def test_a_word_longer_than_the_line_is_cut_into_pieces_that_fit(size):
    lines = wrap_logical("x" * 500, 80, fonts.SANS, size)
    assert len(lines) > 1 and "".join(lines) == "x" * 500
    assert all(shaped_width(line, fonts.SANS, size) <= 80 for line in lines)


# Cells of a table: stored text that fits on one line is drawn as a plain string, and must print
# exactly where, and as, a paragraph would have put it.

CELLS = ["<b>Bob</b> & Co", "דוד כהן", "محمد العلي", "100% {0} %s", "C:\\Users\\bob", "Anna 🌸", "R-000123",
         "Two  spaces", "A line\nand another", "A summary long enough to wrap onto a second line of its cell"]


def _table_pdf(rows: list[list], total: list) -> bytes:
    import io

    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    from smallcrm.reports.base import LEFT, RIGHT, styles, table

    out = io.BytesIO()
    SimpleDocTemplate(out).build([table(["Text", "Amount"], rows, [60 * mm, 30 * mm], align=[LEFT, RIGHT],
                                        s=styles(), total=total)])
    return out.getvalue()


def test_a_cell_that_fits_on_one_line_is_a_plain_string_through_printable():
    from reportlab.lib.units import mm

    from smallcrm.reports.base import LEFT, styles, table

    result = table(["Text"], [[cell] for cell in CELLS], [60 * mm], align=[LEFT], s=styles())
    cells = [row[0] for row in result._cellvalues[1:]]
    for text, cell in zip(CELLS[:6], cells):
        assert cell == printable(text, markup=False), text
    assert cells[6] == "R-000123"
    assert all(isinstance(cell, Paragraph) for cell in cells[7:])  # spaces a paragraph collapses, line breaks, wraps


def test_plain_cells_print_exactly_as_paragraphs_would():
    from smallcrm.reports.base import para, styles
    from tests.unit.test_reports_helpers import characters

    s = styles()
    plain = _table_pdf([[cell, "$12.50"] for cell in CELLS], ["Total " + CELLS[0], "$1.00"])
    as_paragraphs = _table_pdf([[para(cell, s.cell), "$12.50"] for cell in CELLS],
                               [para("Total " + CELLS[0], s.cell_bold), "$1.00"])

    drawn, expected = characters(plain), characters(as_paragraphs)
    assert [(c.page, c.char) for c in drawn] == [(c.page, c.char) for c in expected]
    for c, e in zip(drawn, expected):  # the same place, to a hundredth of a point
        assert max(abs(c.left - e.left), abs(c.bottom - e.bottom), abs(c.right - e.right), abs(c.top - e.top)) < 0.01
    assert "".join(c.char for c in drawn).count("<b>Bob</b>&Co") == 2  # a row and the total
