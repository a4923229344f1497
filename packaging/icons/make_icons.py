"""Draw the application icon from resources/icons/app.svg for the platforms that want bitmaps.

    python packaging/icons/make_icons.py

Writes, beside this file:
  png/app-N.png  one square PNG per size in SIZES (Linux icon themes, AppStream, the installers)
  app.ico        Windows: every size up to 256, each drawn from the SVG at that size
  app.icns       macOS: the sizes macOS uses, up to 1024

Each size is drawn from the SVG itself (not scaled down from a big bitmap), so the small sizes stay
sharp. Run it again after changing app.svg and commit what it wrote. Needs PySide6 and Pillow, which
smallcrm already depends on; it runs headless.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE.parent.parent / "resources" / "icons" / "app.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(size: int, svg: Path = SVG) -> bytes:
    """The SVG drawn on a transparent square of `size` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        render.app = QGuiApplication(sys.argv[:1])  # kept alive for later calls
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not an SVG that Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def main() -> int:
    from PIL import Image

    images = {size: Image.open(io.BytesIO(render(size))).convert("RGBA") for size in SIZES}
    png_dir = HERE / "png"
    png_dir.mkdir(exist_ok=True)
    for size, image in images.items():
        image.save(png_dir / f"app-{size}.png", optimize=True)

    biggest_ico = images[max(ICO_SIZES)]
    biggest_ico.save(HERE / "app.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                     append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
    # Pillow's ICNS writer takes the largest image and uses an appended image of exactly each size
    # it needs (16, 32, 64, 128, 256, 512, 1024) instead of scaling, when one is given.
    images[1024].save(HERE / "app.icns", format="ICNS",
                      append_images=[images[s] for s in (16, 32, 64, 128, 256, 512)])
    for name in ("app.ico", "app.icns"):
        print(f"wrote {name} ({(HERE / name).stat().st_size // 1024} KiB)")
    print(f"wrote png/app-{{{','.join(map(str, SIZES))}}}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
