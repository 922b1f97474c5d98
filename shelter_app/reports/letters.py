"""The referral letter (surat rujukan) and the handover record (berita acara serah
terima): on the shelter's letterhead, with only the data the receiving service needs,
and signature lines to sign by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle

from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date
from shelter_app.reports import fonts, layout


@dataclass(frozen=True)
class LetterData:
    number: str
    written_on: dt.date
    institution: str
    institution_address: str
    contact_person: str
    domain: str  # label
    urgency: str  # label
    reason: str
    facts: list[tuple[str, str]]  # (label, value): only what the service needs
    consent_line: str
    signer: str


@dataclass(frozen=True)
class HandoverData:
    handed_on: dt.date
    facts: list[tuple[str, str]]
    receiver: str  # destination as recorded at discharge
    reason: str  # label
    signer: str


def _fields(rows: list[tuple[str, str]]) -> Table:
    style = layout.styles()
    label = style["cell"].clone("label", fontName=fonts.BOLD)
    table = Table([[layout.paragraph(k, label), layout.paragraph(v or "–", style["cell"])]
                   for k, v in rows], colWidths=[50 * mm, 124 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("GRID", (0, 0), (-1, -1), 0.4, "#9aa5b1"),
                               ("TOPPADDING", (0, 0), (-1, -1), 2),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return table


def _signatures(columns: list[str]) -> Table:
    cells = [[title for title in columns],
             ["\n\n\n" for _c in columns],
             ["(" + "_" * 24 + ")" for _c in columns]]
    table = Table(cells, colWidths=[174 * mm / len(columns)] * len(columns))
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), fonts.REGULAR, 9),
                               ("ALIGN", (0, 0), (-1, -1), "CENTER")]))
    return table


def _letterhead(shelter_name: str) -> list:
    style = layout.styles()
    return [layout.paragraph(shelter_name, style["title"]),
            layout.paragraph(_("Safe house for victims of human trafficking"), style["small"]),
            layout.gap(4)]


def render_letter(letter: LetterData, *, shelter_name: str, made_at: dt.datetime,
                  made_by: str, time_zone: str) -> bytes:
    style = layout.styles()
    story = _letterhead(shelter_name) + [
        _fields([(_("Number"), letter.number), (_("Date"), format_date(letter.written_on)),
                 (_("Subject"), _("Referral for {service}").format(service=letter.domain)),
                 (_("Urgency"), letter.urgency)]),
        layout.gap(4),
        layout.paragraph(_("To: {institution}").format(institution=letter.institution),
                         style["body"]),
        layout.paragraph(letter.contact_person, style["body"]),
        layout.paragraph(letter.institution_address, style["small"]),
        layout.gap(4),
        layout.paragraph(_("We refer the person below to your institution for {service}.")
                         .format(service=letter.domain), style["body"]),
        layout.gap(2),
        _fields(letter.facts),
        layout.gap(3),
        layout.paragraph(_("Reason for the referral"), style["heading"]),
        layout.paragraph(letter.reason, style["body"]),
        layout.gap(3),
        layout.paragraph(letter.consent_line, style["small"]),
        layout.paragraph(_("Please keep this letter confidential and tell us whether the "
                           "referral is accepted."), style["small"]),
        layout.gap(8),
        _signatures([_("Head of the safe house"), _("Received by")]),
        layout.gap(2),
        layout.paragraph(letter.signer, style["small"]),
    ]
    return layout.build(story, title=_("Referral letter"), shelter_name=shelter_name,
                        made_at=made_at, made_by=made_by, time_zone=time_zone)


def render_handover(record: HandoverData, *, shelter_name: str, made_at: dt.datetime,
                    made_by: str, time_zone: str) -> bytes:
    style = layout.styles()
    blank_rows = [[str(n), "", ""] for n in range(1, 6)]
    items = Table([[_("No."), _("Documents and belongings handed over"), _("Condition")]]
                  + blank_rows, colWidths=[12 * mm, 117 * mm, 45 * mm], rowHeights=8 * mm)
    items.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), fonts.REGULAR, 8.5),
                               ("FONT", (0, 0), (-1, 0), fonts.BOLD, 8.5),
                               ("GRID", (0, 0), (-1, -1), 0.4, "#9aa5b1")]))
    story = _letterhead(shelter_name) + [
        layout.paragraph(_("Handover record (berita acara serah terima)"), style["heading"]),
        layout.paragraph(_("On {day}, the safe house hands over the person below to {receiver}"
                           " ({reason}).").format(day=format_date(record.handed_on),
                                                 receiver=record.receiver or "____________",
                                                 reason=record.reason), style["body"]),
        layout.gap(2),
        _fields(record.facts),
        layout.gap(4),
        items,
        layout.gap(10),
        _signatures([_("Handed over by"), _("Received by"), _("Witness")]),
        layout.gap(2),
        layout.paragraph(record.signer, style["small"]),
    ]
    return layout.build(story, title=_("Handover record"), shelter_name=shelter_name,
                        made_at=made_at, made_by=made_by, time_zone=time_zone)
