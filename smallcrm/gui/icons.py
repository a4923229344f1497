"""SVG icons drawn in the palette's text colour, so they suit light and dark themes at any scale."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from smallcrm.paths import resource

_SIZES = (16, 20, 24, 32, 48, 64)


def _render(svg: bytes, size: int) -> QPixmap:
    ratio = QGuiApplication.primaryScreen().devicePixelRatio() if QGuiApplication.primaryScreen() else 1.0
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    QSvgRenderer(QByteArray(svg)).render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


@cache
def _icon(name: str, normal: str, disabled: str) -> QIcon:
    text = resource("icons", f"{name}.svg").read_text(encoding="utf-8")
    icon = QIcon()
    for mode, colour in ((QIcon.Mode.Normal, normal), (QIcon.Mode.Disabled, disabled)):
        svg = text.replace("currentColor", colour).encode()
        for size in _SIZES:
            icon.addPixmap(_render(svg, size), mode)
    return icon


def icon(name: str) -> QIcon:
    palette = QGuiApplication.palette()
    return _icon(
        name,
        palette.color(QPalette.ColorRole.WindowText).name(),
        palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name(),
    )


def app_icon() -> QIcon:
    return QIcon(str(resource("icons", "app.svg")))
