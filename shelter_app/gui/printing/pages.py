"""A PDF's pages as images, drawn by PDFium (pypdfium2) from the bytes in memory: no
temporary file ever holds the document.

PDFium is not thread-safe, so every call here runs on the one background worker
(gui/background.py), and nothing of PDFium outlives the call: each opens the document
from its bytes and closes it again (a few milliseconds for the app's documents). The
images are QImages (safe off the GUI thread), each with its own copy of the pixels."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pypdfium2 as pdfium
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QImage

POINTS_PER_INCH = 72
# PDFium's bitmap layouts and the QImage formats with the same bytes in memory.
_FORMATS = {"BGRX": QImage.Format.Format_RGB32, "BGRA": QImage.Format.Format_ARGB32,
            "BGR": QImage.Format.Format_BGR888, "L": QImage.Format.Format_Grayscale8}


@dataclass(frozen=True)
class Opened:
    """What the preview needs first: every page's size (points) and the first page."""

    sizes: list[QSizeF]
    first: QImage | None


def page_sizes(pdf: bytes) -> list[QSizeF]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [QSizeF(*document.get_page_size(index)) for index in range(len(document))]
    finally:
        document.close()


def open_document(pdf: bytes, dots_per_point: float) -> Opened:
    document = pdfium.PdfDocument(pdf)
    try:
        sizes = [QSizeF(*document.get_page_size(index)) for index in range(len(document))]
        first = _render(document, 0, dots_per_point) if sizes else None
    finally:
        document.close()
    return Opened(sizes, first)


def render(pdf: bytes, indexes: Iterable[int], dots_per_point: float) -> dict[int, QImage]:
    """The pages `indexes` (from 0), `dots_per_point` pixels for each point of the page."""
    document = pdfium.PdfDocument(pdf)
    try:
        return {index: _render(document, index, dots_per_point) for index in indexes}
    finally:
        document.close()


def _render(document: pdfium.PdfDocument, index: int, dots_per_point: float) -> QImage:
    page = document[index]
    try:
        bitmap = page.render(scale=dots_per_point, prefer_bgrx=True, may_draw_forms=False)
        try:
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           _FORMATS[bitmap.mode])
            return image.copy()  # its own pixels: the bitmap's are freed below
        finally:
            bitmap.close()
    finally:
        page.close()
