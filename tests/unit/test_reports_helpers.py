"""Reading the PDFs the reports write (text, page sizes, where each character is) and the people and
figures the report tests print; with checks that the reading itself can be trusted."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from datetime import date

import pypdfium2 as pdfium
import pytest

from smallcrm.services import metrics
from smallcrm.services.contacts import ContactInput, add_contact, get_contact

# Names that must print exactly as typed (after the font's squares for what it cannot draw).
HOSTILE = {
    "markup": ("<b>Bob</b>", "& Co"),
    "long": ("Maximilian" + " Alexander" * 18, "von Hohenzollern-Sigmaringen" + "-Hechingen" * 10),
    "one_long_word": ("W" * 200, "x" * 100),
    "hebrew": ("דוד", "כהן"),
    "arabic": ("محمد", "العلي"),
    "greek": ("Αλέξανδρος", "Παπαδόπουλος"),
    "cyrillic": ("Дмитрий", "Иванов"),
    "chinese": ("小明", "王"),
    "japanese": ("さくら", "山田"),
    "korean": ("민준", "김"),
    "percent": ("100%", "{name} {0} %s"),
    "backslash": ("C:\\Users\\bob", "\\n \\\\"),
}


def pdf_bytes(out) -> bytes:
    if isinstance(out, (bytes, bytearray)):
        return bytes(out)
    if isinstance(out, io.BytesIO):
        return out.getvalue()
    with open(out, "rb") as f:
        return f.read()


def pages_text(out) -> list[str]:
    """The text of each page, as pdfium reads it (right-to-left text back in logical order), NFKC so
    that joined Arabic letters read as the plain ones, lines joined with "\\n"."""
    document = pdfium.PdfDocument(pdf_bytes(out))
    try:
        texts = []
        for page in document:
            text = page.get_textpage().get_text_range().replace("\r\n", "\n").replace("\r", "\n")
            texts.append(unicodedata.normalize("NFKC", text))
        return texts
    finally:
        document.close()


def text(out) -> str:
    return "\n".join(pages_text(out))


def flat(value: str) -> str:
    """Text without line breaks or spaces: wrapped words read as one."""
    return "".join(value.split())


def page_sizes(out) -> list[tuple[float, float]]:
    document = pdfium.PdfDocument(pdf_bytes(out))
    try:
        return [tuple(round(v, 1) for v in page.get_size()) for page in document]
    finally:
        document.close()


@dataclass(frozen=True)
class Char:
    page: int
    char: str
    left: float
    bottom: float
    right: float
    top: float


def characters(out) -> list[Char]:
    """Every character pdfium finds, with its box in points (y from the bottom of the page)."""
    document = pdfium.PdfDocument(pdf_bytes(out))
    try:
        found = []
        for number, page in enumerate(document):
            textpage = page.get_textpage()
            for i in range(textpage.count_chars()):
                char = textpage.get_text_range(i, 1)
                if char.strip():
                    found.append(Char(number, char, *textpage.get_charbox(i)))
        return found
    finally:
        document.close()


def person(first: str = "Ann", last: str = "Lee", **fields) -> int:
    return add_contact(ContactInput(first_name=first, last_name=last, **fields), welcome=False)


def made_summary(**changes) -> metrics.Summary:
    """A summary with figures set by hand, for the report's layout (the figures' own tests are metrics')."""
    period = metrics.Period(date(2025, 1, 1), date(2025, 3, 31))
    values = dict(
        period=period,
        previous=metrics.Period(date(2024, 10, 1), date(2024, 12, 31)),
        currency="EUR",
        today=date(2025, 4, 2),
        current=metrics.Headline(1_234_550, 80, 15_431, 40, 5, 35, 0.25),
        before=metrics.Headline(1_097_378, 0, None, 42, 5, 37, 0.2),
        revenue_by_month=[metrics.RevenuePoint("2025-01", date(2025, 1, 1), 400_000, 30),
                          metrics.RevenuePoint("2025-02", date(2025, 2, 1), 334_550, 20),
                          metrics.RevenuePoint("2025-03", date(2025, 3, 1), 500_000, 30)],
        revenue_by_source=[metrics.SourceRevenue("Instagram", 1_000_000, 30), metrics.SourceRevenue("", 234_550, 10)],
        top_customers=[metrics.CustomerValue(1, "Ann Lee", 90_000, 4, date(2025, 3, 30)),
                       metrics.CustomerValue(2, "Bo Chen", 45_000, 2, date(2025, 2, 1))],
        top_20_share=0.5,
        lifetime_value_minor=61_020,
        segments=[metrics.Segment(key, key.replace("_", " ").title(), f"What {key} means.", i * 3)
                  for i, key in enumerate(metrics.SEGMENTS)],
        lapsed_customers=17,
        lapsed_days=90,
        cohorts=[metrics.Cohort("2025-01", 10, [0.5, 0.3]), metrics.Cohort("2025-02", 8, [0.25])],
        loyalty=metrics.LoyaltyFigures(issued=12_000, redeemed=3_000, expired=250, outstanding=40_123,
                                       outstanding_value_minor=40_123, taken_back=400, adjusted=-27, opening=31_800),
        receivables=[metrics.AgeingBucket("current", "Not yet due", 10_000, 2),
                     metrics.AgeingBucket("1-30", "1–30 days", 5_050, 1),
                     metrics.AgeingBucket("31-60", "31–60 days", 0, 0),
                     metrics.AgeingBucket("61-90", "61–90 days", 0, 0),
                     metrics.AgeingBucket("90+", "Over 90 days", 2_500, 1)],
        satisfaction=metrics.SatisfactionFigures(40.0, 10, 4.5, 6, [("2025-01", 20.0, 5), ("2025-02", None, 0),
                                                                    ("2025-03", 60.0, 5)], 3, 2, 4.5),
        satisfaction_before=metrics.SatisfactionFigures(None, 0, 4.0, 2, [], 4, 4, 6.0),
    )
    values.update(changes)
    return metrics.Summary(**values)


# --- the reading can be trusted --------------------------------------------------------------------


def _one_line_pdf(line: str, pagesize=(200, 100)) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    from smallcrm.reports import fonts

    fonts.register()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=pagesize)
    canvas.setFont(fonts.SANS, 10)
    canvas.drawString(20, 50, line)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_the_text_of_a_page_is_read_exactly():
    assert text(_one_line_pdf("Ann & <b>Lee</b> 100%")).strip() == "Ann & <b>Lee</b> 100%"


def test_character_boxes_are_where_the_text_was_drawn():
    chars = characters(_one_line_pdf("AB"))
    assert [c.char for c in chars] == ["A", "B"]
    assert 19 <= chars[0].left < chars[0].right <= chars[1].left < 40
    assert 49 <= chars[0].bottom < chars[0].top < 60


def test_page_sizes_are_read_in_points():
    assert page_sizes(_one_line_pdf("x", pagesize=(595.3, 841.9))) == [(595.3, 841.9)]


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_names_are_stored_as_typed(db, kind):
    first, last = HOSTILE[kind]
    record = get_contact(person(first, last))
    assert (record.first_name, record.last_name) == (first, last)
