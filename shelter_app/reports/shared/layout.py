"""The look every printed report shares: A4, DejaVu, a header with the shelter and the
title, "confidential" and page numbers in the footer, tables with a repeated header."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_datetime
from shelter_app.reports.shared import fonts

MARGIN = 18 * mm
FRAME_PADDING = 6  # ReportLab's, inside the margins on each side
FRAME_WIDTH = A4[0] - 2 * MARGIN - 2 * FRAME_PADDING  # what a table may fill
HEADER_FILL = colors.HexColor("#dde6f0")
GRID_COLOUR = colors.HexColor("#9aa5b1")
CELL_PADDING = 6  # ReportLab's own, on the left and right of every cell
SMALLEST_FONT = 6.5
FONT_STEP = 0.5


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


def table(rows: Sequence[Sequence], widths: Sequence[float], *, numeric_from: int = 1,
          total_row: bool = False, font_size: float = 8.5,
          sized_for: Sequence[Sequence] | None = None) -> LongTable:
    """A table whose first row is the header, repeated on every page; numbers right.
    Text wraps only between words (headers also after a hyphen): the columns are first
    widened, then the font made smaller, until the longest word of each column fits
    inside its padding. `sized_for`: the rows of several tables that should line up
    (the header first), to size the columns by instead of `rows`."""
    fonts.register()
    size, widths = fit_columns(sized_for or rows, widths, numeric_from=numeric_from,
                               total_row=total_row, font_size=font_size)
    header_style = ParagraphStyle("header", fontName=fonts.BOLD, fontSize=size,
                                  leading=size * 1.2, splitLongWords=0, embeddedHyphenation=1)
    text_style = ParagraphStyle("text", fontName=fonts.REGULAR, fontSize=size,
                                leading=size * 1.2)
    total_style = text_style.clone("total", fontName=fonts.BOLD)
    last = len(rows) - 1

    def cell(value, row: int, column: int):
        if row == 0:
            return paragraph(str(value), header_style)
        if isinstance(value, Flowable) or column >= numeric_from:
            return value if isinstance(value, Flowable) else str(value)
        return paragraph(str(value), total_style if total_row and row == last else text_style)

    made = LongTable([[cell(value, r, c) for c, value in enumerate(row)]
                      for r, row in enumerate(rows)], colWidths=widths, repeatRows=1,
                     hAlign="LEFT")  # under its heading, with any note below it
    style = [
        ("FONT", (0, 0), (-1, -1), fonts.REGULAR, size),
        ("FONT", (0, 0), (-1, 0), fonts.BOLD, size),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID_COLOUR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (numeric_from, 1), (-1, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if total_row:
        style.append(("FONT", (0, -1), (-1, -1), fonts.BOLD, size))
    made.setStyle(TableStyle(style))
    return made


def fields(rows: Sequence[tuple[str, str]], widths: Sequence[float], *, grid: bool = True,
           value_size: float = 8.5, padding: float = 2) -> Table:
    """Label and value side by side (a form's or a letter's data); both wrap between
    words."""
    cell = styles()["cell"]
    label_style = cell.clone("label", fontName=fonts.BOLD)
    value_style = cell.clone("value", fontSize=value_size, leading=value_size * 1.25)
    made = Table([[paragraph(label, label_style), paragraph(value, value_style)]
                  for label, value in rows], colWidths=list(widths))
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("TOPPADDING", (0, 0), (-1, -1), padding),
             ("BOTTOMPADDING", (0, 0), (-1, -1), padding)]
    if grid:
        style.append(("GRID", (0, 0), (-1, -1), 0.4, GRID_COLOUR))
    made.setStyle(TableStyle(style))
    return made


def _pieces(text: str, at_hyphens: bool) -> list[str]:
    """The parts a line may not break inside: words, or with `at_hyphens` the parts of a
    word up to and including each hyphen ("Rata-rata" -> "Rata-", "rata")."""
    words = text.split()
    if not at_hyphens:
        return words
    return [piece for word in words for piece in re.findall(r"[^-]+-*|-+", word)]


def _column_widths(rows: Sequence[Sequence], numeric_from: int, total_row: bool, size: float,
                   at_hyphens: bool) -> tuple[list[float], list[float]]:
    """How narrow each column can be (its widest unbreakable text) and how wide it is
    comfortable (its body text unwrapped), both with the padding."""
    needs = [0.0] * len(rows[0])
    comfortable = [0.0] * len(rows[0])
    for r, row in enumerate(rows):
        bold = r == 0 or (total_row and r == len(rows) - 1)
        font = fonts.BOLD if bold else fonts.REGULAR
        for c, value in enumerate(row):
            if isinstance(value, Flowable):
                narrowest = whole = value.minWidth()
            elif r > 0 and c >= numeric_from:  # a number never wraps
                narrowest = whole = stringWidth(str(value), font, size)
            else:
                pieces = _pieces(str(value), at_hyphens and r == 0)
                narrowest = max((stringWidth(p, font, size) for p in pieces), default=0)
                whole = narrowest if r == 0 else stringWidth(str(value), font, size)
            needs[c] = max(needs[c], narrowest + 2 * CELL_PADDING)
            comfortable[c] = max(comfortable[c], needs[c], whole + 2 * CELL_PADDING)
    return needs, comfortable


def fit_columns(rows: Sequence[Sequence], widths: Sequence[float], *, numeric_from: int = 1,
                total_row: bool = False, font_size: float = 8.5) -> tuple[float, list[float]]:
    """The font size and column widths at which every column holds its longest word.
    Widening a column first (taking room from columns with more than they need, then
    up to the page's width), then letting headers break after a hyphen, then a smaller
    font, a step at a time."""
    if sum(widths) > FRAME_WIDTH:  # never past the margins
        widths = [width * FRAME_WIDTH / sum(widths) for width in widths]
    size = font_size
    while True:
        for at_hyphens in (False, True):
            needs, comfortable = _column_widths(rows, numeric_from, total_row, size,
                                                at_hyphens)
            if sum(needs) <= FRAME_WIDTH or size <= SMALLEST_FONT:
                return size, _spread(widths, needs, comfortable)
        size = max(SMALLEST_FONT, size - FONT_STEP)


def _spread(widths: Sequence[float], needs: Sequence[float],
            comfortable: Sequence[float]) -> list[float]:
    """Each column at least its need. What the narrow ones gain, the others give: first
    the room beyond their unwrapped text, then (wrapping it) down to their own need;
    the table grows past its planned width only when that is not enough. Room still
    spare then lets columns whose text would wrap keep it on one line."""
    spread = [max(width, need) for width, need in zip(widths, needs, strict=True)]
    excess = sum(spread) - max(sum(widths), sum(needs))
    for floors in (comfortable, needs):
        room = [max(0.0, width - max(floor, need)) if width > need else 0.0
                for width, floor, need in zip(spread, floors, needs, strict=True)]
        if excess > 0 and sum(room):
            spread = _move(spread, room, [0.0] * len(spread), min(excess, sum(room)))
            excess -= min(excess, sum(room))
    room = [max(0.0, width - floor) for width, floor in zip(spread, comfortable, strict=True)]
    wish = [max(0.0, floor - width) for width, floor in zip(spread, comfortable, strict=True)]
    if sum(room) and sum(wish):
        spread = _move(spread, room, wish, min(sum(room), sum(wish)))
    return spread


def _move(widths: list[float], room: list[float], wish: list[float],
          amount: float) -> list[float]:
    """`amount` taken from the columns with room and given to those that wish for it,
    each in proportion."""
    wished = sum(wish)
    return [width - amount * spare / sum(room) + (amount * wanted / wished if wished else 0)
            for width, spare, wanted in zip(widths, room, wish, strict=True)]


def build(story: list, *, title: str, shelter_name: str, made_at: dt.datetime,
          made_by: str, time_zone: str, letterhead: bool = False,
          footer: str | None = None) -> bytes:
    """`letterhead`: the first page opens with the shelter's own letterhead, so it has no
    running header. `footer`: instead of the line that says the pages are confidential
    (the protected statistics hold no names)."""
    fonts.register()
    buffer = io.BytesIO()
    # as the app shows a moment elsewhere (the audit log, backups), not CLDR's "1/12/26"
    made_line = _("Printed {when} by {user}").format(
        when=format_datetime(made_at, time_zone), user=made_by)
    if footer is None:
        footer = _("CONFIDENTIAL: about survivors of trafficking. Do not copy or leave "
                   "lying about.")

    def decorate(canvas, document, header: bool = True) -> None:
        width, height = A4
        canvas.saveState()
        if header:
            canvas.setFont(fonts.BOLD, 9)
            canvas.drawString(MARGIN, height - 11 * mm, shelter_name)
            canvas.setFont(fonts.REGULAR, 9)
            canvas.drawRightString(width - MARGIN, height - 11 * mm, title)
        canvas.setFont(fonts.REGULAR, 7.5)
        canvas.drawString(MARGIN, 9 * mm, footer)
        canvas.drawRightString(width - MARGIN, 9 * mm, _("Page {number}").format(
            number=document.page))
        canvas.drawString(MARGIN, 5.5 * mm, made_line)
        canvas.restoreState()

    def first_page(canvas, document) -> None:
        decorate(canvas, document, header=not letterhead)

    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                                 topMargin=17 * mm, bottomMargin=16 * mm, title=title,
                                 author=shelter_name, invariant=True)
    document.build(story, onFirstPage=first_page, onLaterPages=decorate)
    return buffer.getvalue()


def paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    from xml.sax.saxutils import escape

    return Paragraph(escape(text), style)


def gap(height_mm: float = 3) -> Spacer:
    return Spacer(1, height_mm * mm)
