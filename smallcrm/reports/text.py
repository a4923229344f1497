"""Text from the database as a report prints it. `printable` is the one way in for every name, address,
comment or other stored text (and for text babel formats in the shop's language):

- Markup: & < > are escaped, so a customer called `<b>Bob</b> & Co` prints exactly so, never in bold.
  `%`, `{}` and backslashes are plain characters (no text is ever used as a format string).
- Right to left: Arabic letters are joined into their connected forms (arabic_reshaper) and each line
  is put in visual order (python-bidi), because reportlab draws glyphs from left to right. Text that
  wraps is broken into lines first and each line is reordered alone (`wrap_logical`), so a long Hebrew
  comment reads from its first line down.
- Chinese, Japanese and Korean letters print in a CJK font (fonts.runs): in markup, each run of them
  in a <font> tag; plain text for a canvas is drawn with fonts.draw.
- Characters no font here can draw (most emoji, symbols outside DejaVu Sans and the CJK fonts) print
  as one white square "□" for each run of them; an emoji built of several code
  points (joined with U+200D, with a skin tone or a variation selector) gives one square. So do all
  characters beyond U+FFFF, even the few the font has (😀): reportlab cannot say which character
  they are in the PDF, so they would copy out wrong. Nothing fails.
- Control characters print as spaces; line breaks are kept (as <br/> in markup).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display

from smallcrm.reports import fonts

MISSING = "\u25a1"  # □
_JOINERS = "\u200d\ufe0e\ufe0f\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff"
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_MODIFIERS = "[\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]*"
_JOINED = re.compile(f"\\S{_MODIFIERS}(?:\u200d\\S{_MODIFIERS})+")  # an emoji of several joined with U+200D
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def has_rtl(text: str) -> bool:
    return _RTL.search(text) is not None


def is_rtl(text: str) -> bool:
    """Whether the first letter with a direction is right-to-left (the line's base direction)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _drawable(text: str) -> str:
    """`text` with every run of characters the fonts lack as one MISSING square."""
    covered = _covered()

    def cluster(match: re.Match) -> str:
        text = match.group()
        return text if all(ord(c) in covered and ord(c) <= 0xFFFF for c in text) else MISSING

    text = _JOINED.sub(cluster, text)
    out: list[str] = []
    missing = False
    for char in text:
        if missing and char in _JOINERS:
            continue
        if ord(char) in covered and ord(char) <= 0xFFFF:
            out.append(char)
            missing = False
        elif char in _JOINERS:
            continue  # a skin tone after a letter
        elif not missing:
            out.append(MISSING)
            missing = True
    return "".join(out)


@cache
def _covered() -> frozenset[int]:
    """The characters the report fonts draw: DejaVu Sans's, and the CJK letters (fonts.CJK)."""
    cjk = (c for c in range(0x10000) if fonts.CJK.fullmatch(chr(c)))
    return fonts.register() | frozenset(cjk)


def visual_line(line: str) -> str:
    """One line of logical text as it is drawn: drawable, Arabic joined, in visual order."""
    if not line.isascii():
        line = _drawable(unicodedata.normalize("NFC", line))
        if has_rtl(line):
            if _ARABIC.search(line):
                line = arabic_reshaper.reshape(line)
            line = get_display(line)
    return line


def lines_of(text: str | None) -> list[str]:
    """The logical lines of a stored text, control characters as spaces."""
    text = "" if text is None else str(text)
    return _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")


def printable(text: str | None, *, markup: bool = True) -> str:
    """Stored text ready to print: escaped for reportlab markup (or plain, `markup=False`, for text drawn
    straight on a canvas), right-to-left lines in visual order, undrawable characters as squares."""
    if isinstance(text, str) and text.isascii() and text.isprintable():  # one line, nothing to reorder or replace
        return escape(text) if markup else text
    lines = [visual_line(line) for line in lines_of(text)]
    if not markup:
        return "\n".join(lines)
    return "<br/>".join(_marked(line) for line in lines)


def _marked(line: str) -> str:
    """A line as drawn, escaped for markup, its CJK runs in their font."""
    return "".join(escape(piece) if name == "" else f'<font name="{name}">{escape(piece)}</font>'
                   for piece, name in fonts.runs(line, ""))


def shaped_width(line: str, font: str, size: float) -> float:
    """How wide a logical line is once drawn."""
    return fonts.width(visual_line(line), font, size)


def _longest_start(text: str, fits) -> int:
    """The length of the longest start of `text` for which `fits(start)` holds (0 when none does)."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(text[:middle]):
            low = middle
        else:
            high = middle - 1
    return low


def wrap_logical(text: str | None, width: float, font: str, size: float) -> list[str]:
    """Break stored text into logical lines no wider than `width` (a word longer than a line is cut)."""
    def fits(candidate: str) -> bool:
        return shaped_width(candidate, font, size) <= width

    out: list[str] = []
    for line in lines_of(text):
        current = ""
        for word in line.split(" "):
            candidate = f"{current} {word}" if current else word
            if fits(candidate):
                current = candidate
                continue
            if current:
                out.append(current)
            current = word
            while len(current) > 1 and not fits(current):
                cut = max(1, _longest_start(current, fits))
                out.append(current[:cut])
                current = current[cut:]
        out.append(current)
    return out


def fit_logical(text: str | None, font: str, sizes: tuple[float, ...], width: float) -> tuple[str, float]:
    """One logical line that fits `width`: at the largest of `sizes` that fits, or cut with "…" at the
    smallest. Returns the line (in logical order) and the size."""
    line = " ".join(lines_of(text)).strip()
    for size in sizes:
        if shaped_width(line, font, size) <= width:
            return line, size
    size = sizes[-1]
    cut = _longest_start(line, lambda start: shaped_width(start.rstrip() + "…", font, size) <= width)
    return line[:cut].rstrip() + "…", size


def fit_line(text: str | None, font: str, sizes: tuple[float, ...], width: float) -> tuple[str, float]:
    """As `fit_logical`, the line as drawn (plain text in visual order), for a canvas."""
    line, size = fit_logical(text, font, sizes, width)
    return printable(line, markup=False), size
