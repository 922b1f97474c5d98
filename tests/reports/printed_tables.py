"""What a reader of a printed table notices: a word broken in the middle ("Hari-peng huni")
or text running over the cell's padding into the grid. Checked on the tables as ReportLab
lays them out: each cell wrapped at its column's width less its padding, as when drawn."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from shelter_app.reports.shared import layout

# the page inside its margins, less the 6 pt a ReportLab frame keeps on each side
TEXT_WIDTH = A4[0] - 2 * layout.MARGIN - 2 * 6
ROOM = 0.5  # points: ReportLab packs a line up to about 0.1 pt over, which no eye sees


def tables(story) -> list[Table]:
    found = []
    for flowable in story:
        if isinstance(flowable, Table):
            found.append(flowable)
        elif isinstance(flowable, KeepTogether):
            found += tables(flowable._content)
    return found


def _paragraph_lines(paragraph: Paragraph, width: float) -> list[tuple[str, float]]:
    """(text, width) of each line the paragraph breaks into at `width`."""
    paragraph.wrap(width, 100_000)
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        return [(" ".join(words), width - extra) for extra, words in lines]
    return [("".join(frag.text for frag in line.words), width - line.extraSpace)
            for line in lines]


def _broken_words(text: str, lines: list[str]) -> list[str]:
    """Words of `text` that the lines break other than after a hyphen."""
    pieces = iter(piece for line in lines for piece in line.split())
    broken = []
    for word in text.split():
        built = parts = next(pieces, "")
        shown = [parts]
        while built != word and word.startswith(built):
            if not built.endswith("-"):
                broken.append(" | ".join(shown + [next(pieces, "")]))
                break
            part = next(pieces, "")
            shown.append(part)
            built += part
    return broken


def _contents(value) -> list:
    """A cell's text or flowables (a Table keeps flowables in a tuple)."""
    return list(value) if isinstance(value, list | tuple) else [value]


def _text(value) -> str:
    return " ".join(part.getPlainText() if isinstance(part, Paragraph) else str(part)
                    for part in _contents(value))


def misfits(table: Table) -> list[str]:
    """Every cell whose text breaks inside a word or is wider than the cell inside its
    padding; the table itself wider than the page inside its margins."""
    problems = []
    if sum(table._colWidths) > TEXT_WIDTH + ROOM:
        problems.append(f"{header_texts(table)} runs {sum(table._colWidths) - TEXT_WIDTH:.1f}"
                        " pt past the margins")
    for r, row in enumerate(table._cellvalues):
        for c, value in enumerate(row):
            style = table._cellStyles[r][c]
            inside = table._colWidths[c] - style.leftPadding - style.rightPadding
            for part in _contents(value):
                if isinstance(part, Paragraph):
                    lines = _paragraph_lines(part, inside)
                    problems += [f"{word!r} broken" for word in _broken_words(
                        part.getPlainText(), [line for line, _w in lines])]
                elif isinstance(part, Flowable):
                    continue
                else:  # a Table draws plain text in its own font, never wrapped
                    lines = [(line, stringWidth(line, style.fontname, style.fontsize))
                             for line in str(part).split("\n")]
                problems += [f"{line!r} is {width - inside:.1f} pt wider than its cell"
                             for line, width in lines if width > inside + ROOM]
    return problems


def header_texts(table: Table) -> list[str]:
    return [_text(value) for value in table._cellvalues[0]]


def pdf_text(data: bytes) -> str:
    """The PDF's text as pypdf reads it, with a line broken after a hyphen joined up and
    all spaces and line ends made single spaces."""
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(re.sub(r"-\n", "-", text).split())
