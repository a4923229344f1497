"""The typeface of every report: DejaVu Sans (regular and bold), shipped in resources/fonts and
embedded in each PDF, so a report prints the same on every machine and covers Latin, Greek, Cyrillic,
Hebrew and Arabic letters.

Chinese, Japanese and Korean letters, which DejaVu Sans lacks, print in one of the PDF viewers' own
CJK fonts (reportlab's CID fonts: Adobe's standard names, which every usual viewer and printer knows;
they are named in the PDF, not embedded, as a CJK font is tens of megabytes): Korean for text with
Hangul in it, Japanese for text with kana, Chinese for Han letters alone. Text is drawn in runs, each in
its font (`runs`); those fonts have no bold, so CJK letters print in their one weight."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
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
    if text.isascii() or not CJK.search(text):
        return pdfmetrics.stringWidth(text, font, size)
    return sum(pdfmetrics.stringWidth(piece, name, size) for piece, name in runs(text, font))


CHINESE, JAPANESE, KOREAN = "STSong-Light", "HeiseiKakuGo-W5", "HYGothic-Medium"
# CJK letters, punctuation and full-width forms (of the Basic Multilingual Plane: see text.py for beyond it)
CJK = re.compile("[\u1100-\u11ff\u2e80-\u2fdf\u2ff0-\u31ff\u3200-\u4dbf\u4e00-\u9fff\ua960-\ua97f"
                 "\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+")
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff\uffa0-\uffdc]")


def cjk_font(text: str) -> str:
    """The font the CJK letters of `text` print in (registered)."""
    name = KOREAN if _HANGUL.search(text) else JAPANESE if _KANA.search(text) else CHINESE
    _register_cid(name)
    return name


@cache
def _register_cid(name: str) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(name))


def runs(text: str, font: str) -> list[tuple[str, str]]:
    """`text` in pieces, each with the font it prints in: `font`, or a CJK font for CJK letters."""
    if text.isascii() or not CJK.search(text):
        return [(text, font)]
    other = cjk_font(text)
    out, at = [], 0
    for match in CJK.finditer(text):
        if match.start() > at:
            out.append((text[at:match.start()], font))
        out.append((match.group(), other))
        at = match.end()
    if at < len(text):
        out.append((text[at:], font))
    return out


def draw(canvas, x: float, y: float, text: str, font: str, size: float, *, right: bool = False) -> None:
    """Draw one line of text (as drawn: see text.fit_line) at `x` (its right end, `right`), run by run."""
    if right:
        x -= width(text, font, size)
    line = canvas.beginText(x, y)  # (one text object: copied out of the PDF, the line stays one)
    for piece, name in runs(text, font):
        line.setFont(name, size)
        line.textOut(piece)
    canvas.drawText(line)
