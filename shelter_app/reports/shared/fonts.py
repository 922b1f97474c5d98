"""DejaVu, bundled, so PDFs print the same on every PC (and Indonesian text never falls
back to a font without its letters)."""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from shelter_app.paths import fonts_dir

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


@cache
def register() -> None:
    pdfmetrics.registerFont(TTFont(REGULAR, str(fonts_dir() / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(fonts_dir() / "DejaVuSans-Bold.ttf")))
