"""The look every printed report shares: A4, DejaVu, a header with the shelter and the
title, "confidential" and page numbers in the footer, tables with a repeated header."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)

from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_datetime
from shelter_app.reports import fonts

MARGIN = 18 * mm
HEADER_FILL = colors.HexColor("#dde6f0")


def styles() -> dict[str, ParagraphStyle]:
    fonts.register()
    body = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=9.5, leading=12.5,
                          alignment=TA_LEFT)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=fonts.BOLD, fontSize=16,
                                leading=20, spaceAfter=2 * mm),
        "heading": ParagraphStyle("heading", parent=body, fontName=fonts.BOLD, fontSize=11.5,
                                  leading=15, spaceBefore=5 * mm, spaceAfter=2 * mm),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10.5,
                                textColor=colors.HexColor("#333333")),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5),
    }


def table(rows: Sequence[Sequence], widths: Sequence[float] | None = None, *,
          numeric_from: int = 1, total_row: bool = False,
          font_size: float = 8.5) -> LongTable:
    """A table whose first row is the header, repeated on every page; numbers right."""
    fonts.register()
    header_style = ParagraphStyle("header", fontName=fonts.BOLD, fontSize=font_size,
                                  leading=font_size * 1.2)
    header = [paragraph(str(cell), header_style) for cell in rows[0]]  # wraps when long
    made = LongTable([header] + [[cell if isinstance(cell, Flowable) else str(cell)
                                 for cell in row] for row in rows[1:]],
                     colWidths=widths, repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, -1), fonts.REGULAR, font_size),
        ("FONT", (0, 0), (-1, 0), fonts.BOLD, font_size),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (numeric_from, 1), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if total_row:
        style.append(("FONT", (0, -1), (-1, -1), fonts.BOLD, font_size))
    made.setStyle(TableStyle(style))
    return made


def build(story: list, *, title: str, shelter_name: str, made_at: dt.datetime,
          made_by: str, time_zone: str) -> bytes:
    fonts.register()
    buffer = io.BytesIO()
    made_line = _("Printed {when} by {user}").format(
        when=format_datetime(made_at, time_zone, "short"), user=made_by)

    def decorate(canvas, document) -> None:
        width, height = A4
        canvas.saveState()
        canvas.setFont(fonts.BOLD, 9)
        canvas.drawString(MARGIN, height - 11 * mm, shelter_name)
        canvas.setFont(fonts.REGULAR, 9)
        canvas.drawRightString(width - MARGIN, height - 11 * mm, title)
        canvas.setFont(fonts.REGULAR, 7.5)
        canvas.drawString(MARGIN, 9 * mm, _("CONFIDENTIAL: about survivors of trafficking. "
                                            "Do not copy or leave lying about."))
        canvas.drawRightString(width - MARGIN, 9 * mm, _("Page {number}").format(
            number=document.page))
        canvas.drawString(MARGIN, 5.5 * mm, made_line)
        canvas.restoreState()

    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                                 topMargin=17 * mm, bottomMargin=16 * mm, title=title,
                                 author=shelter_name, invariant=True)
    document.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


def paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    from xml.sax.saxutils import escape

    return Paragraph(escape(text), style)


def gap(height_mm: float = 3) -> Spacer:
    return Spacer(1, height_mm * mm)


def html_table(rows: Sequence[Sequence]) -> str:
    """The first row as the header: the on-screen preview's version of `table`."""
    from html import escape

    head, *body = rows
    cells = "".join(f"<th>{escape(str(c))}</th>" for c in head)
    lines = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>"
                    for row in body)
    return f"<table border='1' cellspacing='0' cellpadding='3'><tr>{cells}</tr>{lines}</table>"
