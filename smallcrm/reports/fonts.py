"""The typeface of every report: DejaVu Sans (regular and bold), shipped in resources/fonts and
embedded in each PDF, so a report prints the same on every machine and covers Latin, Greek, Cyrillic,
Hebrew and Arabic letters."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from smallcrm.paths import resource

SANS = "SmallCRM-Sans"
BOLD = "SmallCRM-Sans-Bold"
_FILES = {SANS: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


def font_file(name: str) -> Path:
    return resource("fonts", _FILES[name])


@cache
def register() -> frozenset[int]:
    """Register the fonts with reportlab (once per process); return the code points both can draw."""
    for name, file_name in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", file_name))))
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=BOLD, italic=SANS, boldItalic=BOLD)
    regular = pdfmetrics.getFont(SANS).face.charToGlyph
    bold = pdfmetrics.getFont(BOLD).face.charToGlyph
    return frozenset(regular.keys() & bold.keys())


def width(text: str, font: str, size: float) -> float:
    """How wide `text`, as drawn, is in points."""
    return pdfmetrics.stringWidth(text, font, size)
