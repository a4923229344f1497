"""Colours made from the palette, so that they follow the system's light or dark one."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel


def mix(a: QColor, b: QColor, share: float) -> QColor:
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * share, a.greenF() + (b.greenF() - a.greenF()) * share,
                           a.blueF() + (b.blueF() - a.blueF()) * share)


def soft_colour(palette: QPalette, on_base: bool = True) -> QColor:
    """Secondary text: most of the way from the background to the text colour, readable in light and dark."""
    if on_base:
        return mix(palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.72)
    return mix(palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.WindowText), 0.72)


def paint_text(label: QLabel, colour: QColor) -> None:
    """Give `label` its own text colour (the role it draws with), leaving the rest of its palette alone."""
    palette = label.palette()
    palette.setColor(label.foregroundRole(), colour)
    label.setPalette(palette)
