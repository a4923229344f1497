"""SVG icons drawn in the palette's text colour, so they suit light and dark themes at any scale.
Each is drawn when Qt first asks for a size, not at start-up."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from smallcrm.paths import resource


class _SvgEngine(QIconEngine):
    """Renders one SVG per icon mode (normal, disabled) on demand, caching each size."""

    def __init__(self, svgs: dict):
        super().__init__()
        self.svgs = svgs  # QIcon.Mode -> bytes
        self.renderers = {}
        self.pixmaps = {}

    def _renderer(self, mode) -> QSvgRenderer:
        mode = mode if mode in self.svgs else QIcon.Mode.Normal
        if mode not in self.renderers:
            self.renderers[mode] = QSvgRenderer(QByteArray(self.svgs[mode]))
        return self.renderers[mode]

    def paint(self, painter, rect, mode, state) -> None:
        self._renderer(mode).render(painter, QRectF(rect))

    def pixmap(self, size, mode, state) -> QPixmap:
        key = (size.width(), size.height(), mode)
        if key not in self.pixmaps:
            pixmap = QPixmap(size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            self._renderer(mode).render(painter, QRectF(0, 0, size.width(), size.height()))
            painter.end()
            self.pixmaps[key] = pixmap
        return self.pixmaps[key]

    def scaledPixmap(self, size, mode, state, scale) -> QPixmap:
        pixmap = self.pixmap(QSize(int(size.width() * scale), int(size.height() * scale)), mode, state)
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def actualSize(self, size, mode, state) -> QSize:
        return size

    def clone(self):
        return _SvgEngine(self.svgs)


@cache
def _icon(name: str, normal: str, disabled: str) -> QIcon:
    text = resource("icons", f"{name}.svg").read_text(encoding="utf-8")
    return QIcon(_SvgEngine({QIcon.Mode.Normal: text.replace("currentColor", normal).encode(),
                             QIcon.Mode.Disabled: text.replace("currentColor", disabled).encode()}))


def icon(name: str) -> QIcon:
    palette = QGuiApplication.palette()
    return _icon(
        name,
        palette.color(QPalette.ColorRole.WindowText).name(),
        palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name(),
    )


def app_icon() -> QIcon:
    return QIcon(str(resource("icons", "app.svg")))
