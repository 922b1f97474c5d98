"""Render resources/icons/rumah-aman.svg to the PNG (Linux .desktop, window icon) and the
multi-size ICO (Windows exe, installer). Both are kept in git, so a Windows build needs no
SVG renderer; run again after changing the SVG: `python installers/make_icons.py`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico_bytes(images: list[QImage]) -> bytes:
    """An ICO of PNG entries (Vista and later read them); Qt's ICO writer keeps only one
    size, and Windows picks the size it needs from the directory."""
    header = (0).to_bytes(2, "little") + (1).to_bytes(2, "little") + len(images).to_bytes(
        2, "little")
    directory, payload = b"", b""
    offset = 6 + 16 * len(images)
    for image in images:
        data = png_bytes(image)
        side = image.width() % 256  # 0 means 256
        directory += bytes([side, side, 0, 0]) + (1).to_bytes(2, "little") + \
            (32).to_bytes(2, "little") + len(data).to_bytes(4, "little") + \
            (offset + len(payload)).to_bytes(4, "little")
        payload += data
    return header + directory + payload


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - QImage painting needs one
    renderer = QSvgRenderer(str(ICONS / "rumah-aman.svg"))
    if not renderer.isValid():
        print("the SVG does not render", file=sys.stderr)
        return 1
    (ICONS / "rumah-aman.png").write_bytes(png_bytes(render(renderer, 256)))
    (ICONS / "rumah-aman.ico").write_bytes(ico_bytes([render(renderer, s) for s in ICO_SIZES]))
    print(f"wrote {ICONS / 'rumah-aman.png'} and {ICONS / 'rumah-aman.ico'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
