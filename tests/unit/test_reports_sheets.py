"""Mailing labels and loyalty cards: each contact's text lands inside its own label or card, on the
right sheet for the paper, and the card's QR code holds the member number."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from smallcrm import reports
from smallcrm.errors import InvalidValue
from smallcrm.reports import cards, fonts, labels
from smallcrm.reports.labels import LABEL_LAYOUTS
from smallcrm.reports.shop import PAGE_SIZES
from smallcrm.services import loyalty
from smallcrm.services.contacts import delete_contacts
from smallcrm.services.settings import set_setting
from tests.clock import time_zone
from tests.unit.test_reports_helpers import HOSTILE, characters, flat, page_sizes, pages_text, pdf_bytes, person

A4, LETTER = (595.3, 841.9), (612.0, 792.0)


@pytest.fixture
def shop(db):
    """The shop, in UTC: times stored at noon UTC fall on the day they name."""
    with time_zone("UTC"):
        set_setting("locale", "en_US")
        set_setting("paper_size", "A4")
        set_setting("business_name", "Corner Shop")
        yield


def people(count: int) -> list[int]:
    return [person(f"First{i:02d}", f"Last{i:02d}", street=f"{i} Long Road", postal_code=f"{10000 + i}",
                   city="Springfield", country="Freedonia") for i in range(count)]


def labels_pdf(ids, layout=None) -> io.BytesIO:
    out = io.BytesIO()
    reports.labels_pdf(ids, out, layout=layout)
    return out


def inside(char, rectangle, margin: float = 0.0) -> bool:
    x, y, width, height = rectangle
    return (x - margin <= char.left and char.right <= x + width + margin
            and y - margin <= char.bottom and char.top <= y + height + margin)


def texts_by_rectangle(out, rectangle_of, per_sheet: int, count: int) -> list[str]:
    """The characters inside each label (or card), in drawing order, spaces dropped; and a check that
    no character is anywhere else."""
    found = [""] * count
    for char in characters(out):
        owners = [i for i in range(char.page * per_sheet, min(count, (char.page + 1) * per_sheet))
                  if inside(char, rectangle_of(i))]
        assert len(owners) == 1, f"{char} is outside every label"
        found[owners[0]] += char.char
    return found


@pytest.mark.parametrize(("layout", "size", "per_sheet"), [("L7160", A4, 21), ("5160", LETTER, 30)])
def test_each_address_lands_inside_its_own_label(shop, layout, size, per_sheet):
    ids = people(per_sheet + 4)
    out = labels_pdf(ids, layout)
    assert page_sizes(out) == [size, size]
    sheet = LABEL_LAYOUTS[layout]
    found = texts_by_rectangle(out, sheet.rectangle, per_sheet, len(ids))
    assert found == [flat(f"First{i:02d} Last{i:02d} {i} Long Road {10000 + i} Springfield Freedonia")
                     for i in range(len(ids))]


def test_the_label_sheets_match_the_printed_stationery():
    a = LABEL_LAYOUTS["L7160"]
    assert (a.paper, a.columns, a.rows) == ("A4", 3, 7)
    assert [round(v / mm, 2) for v in (a.width, a.height, a.left, a.top, a.pitch_x, a.pitch_y)] == [
        63.5, 38.1, 7.25, 15.15, 66.04, 38.1]
    assert round((a.left + 2 * a.pitch_x + a.width) / mm, 2) == 202.83  # 7.17 mm to the right edge
    b = LABEL_LAYOUTS["5160"]
    assert (b.paper, b.columns, b.rows) == ("Letter", 3, 10)
    assert [round(v / 72, 4) for v in (b.width, b.height, b.left, b.top, b.pitch_x, b.pitch_y)] == [
        2.625, 1.0, 0.1875, 0.5, 2.75, 1.0]
    for sheet in (a, b):
        width, height = PAGE_SIZES[sheet.paper]
        x, y, w, h = sheet.rectangle(sheet.per_sheet - 1)  # the bottom right label is on the sheet
        assert x + w <= width and y >= 0
        assert sheet.rectangle(0)[1] + sheet.rectangle(0)[3] == pytest.approx(height - sheet.top)


def test_long_text_is_cut_inside_the_label(shop):
    long_one = person("Bartholomew" * 15, "Montgomery" * 15, company="Enormous Holdings " * 10,
                      street="A street with a name nobody can write on one line " * 3, city="Llanfair" * 20)
    short = person("Al", "Bo", city="Ely")
    out = labels_pdf([long_one, short], "L7160")
    found = texts_by_rectangle(out, LABEL_LAYOUTS["L7160"].rectangle, 21, 2)
    assert found[0].count("…") == 4 and found[0].startswith("BartholomewBartholomew")
    assert found[1] == "AlBoEly"


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_names_print_inside_their_label(shop, kind):
    first, last = HOSTILE[kind]
    ids = [person("Al", "Before"), person(first, last, city="Ely"), person("Cy", "After")]
    out = labels_pdf(ids, "L7160")
    found = texts_by_rectangle(out, LABEL_LAYOUTS["L7160"].rectangle, 21, 3)
    assert found[0] == "AlBefore" and found[2] == "CyAfter"
    name = flat(f"{first} {last}")
    if kind in ("long", "one_long_word"):
        assert found[1].endswith("…Ely") and name.startswith(found[1][:-4])
    else:
        assert found[1] in (f"{name}Ely", f"{flat(last)}{flat(first)}Ely")


def test_the_layout_follows_the_paper_size(shop):
    ids = people(2)
    assert page_sizes(labels_pdf(ids)) == [A4]
    set_setting("paper_size", "Letter")
    assert page_sizes(labels_pdf(ids)) == [LETTER]
    assert page_sizes(labels_pdf(ids, "L7160")) == [A4]


def test_each_address_is_laid_out_as_its_countrys_post_reads_it(shop):
    ids = [person("Ann", "Lee", street="1 Main St", postal_code="62704", city="Springfield, IL"),  # (the shop's: US)
           person("Tom", "Hay", street="2 High St", postal_code="SW1A 1AA", city="London", country="United Kingdom"),
           person("Jan", "Groß", street="Hauptstraße 5", postal_code="10115", city="Berlin", country="Deutschland")]
    found = texts_by_rectangle(labels_pdf(ids, "5160"), LABEL_LAYOUTS["5160"].rectangle, 30, 3)
    assert found == [flat("Ann Lee 1 Main St Springfield, IL 62704"),
                     flat("Tom Hay 2 High St London SW1A 1AA United Kingdom"),
                     flat("Jan Groß Hauptstraße 5 10115 Berlin Deutschland")]
    lines = labels.label_lines("Tom", "Hay", "", "2 High St", "SW1A 1AA", "London", "United Kingdom", "US")
    assert lines == ["Tom Hay", "2 High St", "London", "SW1A 1AA", "United Kingdom"]


def test_an_unknown_layout_is_refused(shop):
    with pytest.raises(InvalidValue) as e:
        labels_pdf([person()], "L9999")
    assert e.value.field == "layout"


def test_contacts_in_the_trash_get_no_label(shop):
    ids = people(3)
    delete_contacts([ids[1]])
    found = texts_by_rectangle(labels_pdf(ids, "L7160"), LABEL_LAYOUTS["L7160"].rectangle, 21, 2)
    assert [f[:14] for f in found] == ["First00Last000", "First02Last022"]


def test_labels_are_read_in_chunks(shop, monkeypatch):
    monkeypatch.setattr(labels, "CHUNK", 2)
    ids = people(5)[::-1]
    found = texts_by_rectangle(labels_pdf(ids, "L7160"), LABEL_LAYOUTS["L7160"].rectangle, 21, 5)
    assert [f[:7] for f in found] == [f"First{i:02d}" for i in (4, 3, 2, 1, 0)]


# --- loyalty cards ----------------------------------------------------------------------------------


def cards_pdf(ids) -> io.BytesIO:
    out = io.BytesIO()
    reports.cards_pdf(ids, out)
    return out


@pytest.mark.parametrize(("paper", "size", "per_sheet"), [("A4", A4, 10), ("Letter", LETTER, 8)])
def test_each_card_has_its_customers_details_inside_it(shop, paper, size, per_sheet):
    set_setting("paper_size", paper)
    ids = [person(f"First{i:02d}", f"Last{i:02d}") for i in range(per_sheet + 1)]
    loyalty.adjust(ids[0], 1234, reason="Opening balance")
    out = cards_pdf(ids)
    assert page_sizes(out) == [size, size]
    sheet = cards.sheet_for(paper)
    assert sheet.per_sheet == per_sheet
    found = texts_by_rectangle(out, sheet.rectangle, per_sheet, len(ids))
    day = pages_text(out)[0].split(" on ")[1].split("\n")[0]
    for i, (contact_id, card) in enumerate(zip(ids, found)):
        points = "1,234" if i == 0 else "0"
        assert card == flat(f"Corner Shop LOYALTY CARD First{i:02d} Last{i:02d} Member no. {contact_id:06d} "
                            f"Tier Bronze Points {points} on {day}")


def test_cards_fit_the_sheet_with_room_for_the_cut_marks():
    for paper in ("A4", "Letter"):
        sheet = cards.sheet_for(paper)
        width, height = PAGE_SIZES[paper]
        x0, y0 = sheet.origin
        assert x0 >= cards.MIN_MARGIN and y0 >= cards.MIN_MARGIN
        assert x0 + sheet.columns * cards.CARD_WIDTH <= width - cards.MIN_MARGIN
        assert y0 + sheet.rows * cards.CARD_HEIGHT <= height - cards.MIN_MARGIN + 0.01


def _render(data: bytes, box: tuple[float, float, float, float], scale: float = 4.0):
    document = pdfium.PdfDocument(data)
    try:
        page = document[0]
        image = page.render(scale=scale).to_pil().convert("L")
        height = page.get_size()[1]
        x, y, w, h = box
        return image.crop((round(x * scale), round((height - y - h) * scale), round((x + w) * scale),
                           round((height - y) * scale)))
    finally:
        document.close()


def _qr_alone(value: str, paper: str, position: tuple[float, float]) -> bytes:
    fonts.register()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=PAGE_SIZES[paper])
    from reportlab.graphics import renderPDF

    renderPDF.draw(cards.qr_drawing(value, cards.QR_SIZE), canvas, *position)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_the_qr_code_holds_the_member_number(shop):
    ids = [person("Ann", "Lee"), person("Bo", "Chen")]
    data = pdf_bytes(cards_pdf(ids))
    sheet = cards.sheet_for("A4")
    for index, contact_id in enumerate(ids):
        x, y, width, _ = sheet.rectangle(index)
        position = (x + width - cards.SAFE - cards.QR_SIZE, y + cards.SAFE)
        box = (*position, cards.QR_SIZE, cards.QR_SIZE)
        printed = _render(data, box)
        assert printed.tobytes() == _render(_qr_alone(f"{contact_id:06d}", "A4", position), box).tobytes()
        assert printed.tobytes() != _render(_qr_alone(f"{contact_id + 7:06d}", "A4", position), box).tobytes()
        assert len(set(printed.tobytes())) > 1  # something dark is there


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_names_print_on_their_card(shop, kind):
    first, last = HOSTILE[kind]
    ids = [person("Al", "Before"), person(first, last)]
    found = texts_by_rectangle(cards_pdf(ids), cards.sheet_for("A4").rectangle, 10, 2)
    name = flat(f"{first} {last}")
    card = found[1].replace("CornerShopLOYALTYCARD", "", 1)
    printed_name = card.split("Memberno.")[0]
    if kind in ("long", "one_long_word"):
        assert printed_name.endswith("…") and name.startswith(printed_name[:-1])
    else:
        assert printed_name in (name, f"{flat(last)}{flat(first)}")


def test_contacts_in_the_trash_get_no_card(shop):
    ids = [person("Ann", "Lee"), person("Bo", "Chen")]
    delete_contacts([ids[0]])
    text = pages_text(cards_pdf(ids))[0]
    assert "Bo Chen" in text and "Ann Lee" not in text
