"""The referral letter (surat rujukan) and the handover record (berita acara serah
terima) as Indonesian official letters (surat dinas): the shelter's letterhead (kop
surat) with a rule under it, place and date, the addressee, an opening and a closing
sentence, and signature lines with the names under them. Only the data the receiving
service needs; English letters follow the same form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, KeepTogether, Table, TableStyle

from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date
from shelter_app.reports.shared import fonts, layout

WIDTH = layout.FRAME_WIDTH
SIGNATURE_SPACE = 18 * mm  # room to sign by hand
SIGNATURE_WIDTH = 60 * mm


@dataclass(frozen=True)
class Sender:
    """The letterhead and who signs for the shelter; empty strings print nothing."""

    shelter_name: str
    address: str = ""
    city: str = ""
    phone: str = ""
    signer_role: str = ""  # "Head of the safe house", or the printing user's role
    signer_name: str = ""


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


@dataclass(frozen=True)
class HandoverData:
    handed_on: dt.date
    facts: list[tuple[str, str]]
    receiver: str  # destination as recorded at discharge
    reason: str  # label
    documents: list[tuple[str, str]] = field(default_factory=list)  # (kind, number)


@dataclass(frozen=True)
class Signature:
    heading: str  # "Yours faithfully,", "Received by"
    role: str = ""  # under the heading: "Head of the safe house"
    name: str = ""  # under the line; empty leaves room to write it
    note: str = ""  # small, under the name: who receives


def _styles() -> dict:
    style = layout.styles()
    body = style["body"]
    return {**style,
            "kop": body.clone("kop", fontName=fonts.BOLD, fontSize=15, leading=19,
                              alignment=TA_CENTER),
            "kop_small": style["small"].clone("kop_small", alignment=TA_CENTER),
            "right": body.clone("right", alignment=TA_RIGHT),
            "centre": body.clone("centre", alignment=TA_CENTER),
            "centre_bold": body.clone("centre_bold", fontName=fonts.BOLD,
                                      alignment=TA_CENTER),
            "document_title": body.clone("document_title", fontName=fonts.BOLD, fontSize=12,
                                         leading=15, alignment=TA_CENTER),
            "centre_small": style["small"].clone("centre_small", alignment=TA_CENTER)}


def contact_line(sender: Sender) -> str:
    """"Jl. Pejanggik No. 10, Mataram · Telp. 0370 123456", leaving out what is not set."""
    place = sender.address
    if sender.city and sender.city.casefold() not in place.casefold():
        place = ", ".join(part for part in (place, sender.city) if part)
    phone = _("Phone {number}").format(number=sender.phone) if sender.phone else ""
    return " · ".join(part for part in (place, phone) if part)


def place_and_date(sender: Sender, day: dt.date) -> str:
    """"Mataram, 30 November 2026", or the date alone when no city is set."""
    if not sender.city:
        return format_date(day)
    return _("{place}, {date}").format(place=sender.city, date=format_date(day))


def _letterhead(sender: Sender) -> list:
    style = _styles()
    story = [layout.paragraph(sender.shelter_name, style["kop"]),
             layout.paragraph(_("Safe house for victims of human trafficking"),
                              style["kop_small"])]
    if contact_line(sender):
        story.append(layout.paragraph(contact_line(sender), style["kop_small"]))
    return story + [HRFlowable(width="100%", thickness=1.6, color="black", spaceBefore=2 * mm,
                               spaceAfter=0.6 * mm),
                    HRFlowable(width="100%", thickness=0.5, color="black", spaceAfter=5 * mm)]


def _particulars(rows: list[tuple[str, str]]) -> Table:
    """Nomor, Sifat, Perihal: label, colon, value, without a grid."""
    style = layout.styles()["body"]
    table = Table([[layout.paragraph(label, style), ":", layout.paragraph(value, style)]
                   for label, value in rows], colWidths=[24 * mm, 4 * mm, WIDTH - 28 * mm],
                  hAlign="LEFT")
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), fonts.REGULAR, 9.5),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5)]))
    return table


def _signatures(signatures: list[Signature]) -> Table:
    """Side by side: heading and role, room to sign, a line, the name under it (or a hint
    to write it by hand), a note."""
    style = _styles()
    count = len(signatures)
    column = min(SIGNATURE_WIDTH, WIDTH * 0.9 / count)
    gap = (WIDTH - column * count) / max(1, count - 1)
    widths = []
    for index in range(count):
        widths += [column] + ([gap] if index < count - 1 else [])

    def row(cells: list) -> list:
        spaced = []
        for index, cell in enumerate(cells):
            spaced += [cell] + ([""] if index < count - 1 else [])
        return spaced

    names = [layout.paragraph(s.name, style["centre_bold"]) if s.name
             else layout.paragraph(_("(name in full)"), style["centre_small"])
             for s in signatures]
    rows = [row([layout.paragraph(s.heading, style["centre"]) for s in signatures]),
            row([layout.paragraph(s.role, style["centre"]) for s in signatures]),
            row(["" for _s in signatures]),
            row(names),
            row([layout.paragraph(s.note, style["centre_small"]) for s in signatures])]
    table = Table(rows, colWidths=widths, rowHeights=[None, None, SIGNATURE_SPACE, None, None])
    table.setStyle(TableStyle(
        [("VALIGN", (0, 0), (-1, -1), "TOP"),
         ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
        + [("LINEABOVE", (2 * index, 3), (2 * index, 3), 0.7, "black")
           for index in range(count)]))
    return table


def render_letter(letter: LetterData, sender: Sender, *, made_at: dt.datetime, made_by: str,
                  time_zone: str) -> bytes:
    style = _styles()
    addressee = _("To:\nThe Head of {institution}\n{address}").format(
        institution=letter.institution,
        address="\n".join(line for line in (
            _("Attn. {name}").format(name=letter.contact_person)
            if letter.contact_person else "", letter.institution_address) if line))
    story = _letterhead(sender) + [
        layout.paragraph(place_and_date(sender, letter.written_on), style["right"]),
        layout.gap(2),
        _particulars([(_("Number"), letter.number), (_("Urgency"), letter.urgency),
                      (_("Subject"), _("Referral for {service}").format(
                          service=letter.domain))]),
        layout.gap(5),
        *[layout.paragraph(line, style["body"]) for line in addressee.split("\n")
          if line.strip()],
        layout.gap(5),
        layout.paragraph(_("Dear Sir or Madam,"), style["body"]),
        layout.gap(2),
        layout.paragraph(_("With this letter we refer the person below to your institution "
                           "for {service}, with the following data:").format(
                               service=letter.domain), style["body"]),
        layout.gap(2),
        layout.fields(letter.facts, [50 * mm, WIDTH - 50 * mm]),
        layout.gap(3),
        layout.paragraph(_("Reason for the referral"), style["body"].clone(
            "bold", fontName=fonts.BOLD)),
        layout.paragraph(letter.reason or "–", style["body"]),
        layout.gap(3),
        layout.paragraph(letter.consent_line, style["small"]),
        layout.paragraph(_("Please keep this letter confidential and tell us whether the "
                           "referral is accepted."), style["small"]),
        layout.gap(3),
        KeepTogether([
            layout.paragraph(_("We hope this referral is in order. Thank you for your "
                               "attention and cooperation."), style["body"]),
            layout.gap(6),
            _signatures([
                Signature(_("Received by"), letter.institution),
                Signature(_("Yours faithfully,"), sender.signer_role, sender.signer_name)]),
        ]),
    ]
    return layout.build(story, title=_("Referral letter"), shelter_name=sender.shelter_name,
                        made_at=made_at, made_by=made_by, time_zone=time_zone,
                        letterhead=True)


def render_handover(record: HandoverData, sender: Sender, *, made_at: dt.datetime,
                    made_by: str, time_zone: str) -> bytes:
    style = _styles()
    handed = [_("{document}, no. {number}").format(document=kind, number=number) if number
              else kind for kind, number in record.documents]
    blank_rows = [[str(n), handed[n - 1] if n <= len(handed) else "", ""]
                  for n in range(1, max(6, len(handed) + 3))]
    items = Table([[_("No."), _("Documents and belongings handed over"), _("Condition")]]
                  + blank_rows, colWidths=[12 * mm, WIDTH - 57 * mm, 45 * mm],
                  rowHeights=8 * mm)
    items.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), fonts.REGULAR, 8.5),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("FONT", (0, 0), (-1, 0), fonts.BOLD, 8.5),
                               ("BACKGROUND", (0, 0), (-1, 0), layout.HEADER_FILL),
                               ("GRID", (0, 0), (-1, -1), 0.4, layout.GRID_COLOUR)]))
    story = _letterhead(sender) + [
        layout.paragraph(_("Handover record (berita acara serah terima)"),
                         style["document_title"]),
        layout.gap(4),
        layout.paragraph(_("On {day}, the safe house hands over the person below to {receiver}"
                           " ({reason}).").format(day=format_date(record.handed_on),
                                                 receiver=record.receiver or "____________",
                                                 reason=record.reason), style["body"]),
        layout.gap(2),
        layout.fields(record.facts, [50 * mm, WIDTH - 50 * mm]),
        layout.gap(4),
        items,
        layout.gap(4),
        KeepTogether([
            layout.paragraph(_("This record is made truthfully, to be used as needed."),
                             style["body"]),
            layout.gap(4),
            layout.paragraph(place_and_date(sender, record.handed_on), style["right"]),
            layout.gap(4),
            _signatures([Signature(_("Handed over by"), sender.signer_role,
                                   sender.signer_name),
                         Signature(_("Received by"), note=record.receiver),
                         Signature(_("Witness"))]),
        ]),
    ]
    return layout.build(story, title=_("Handover record"), shelter_name=sender.shelter_name,
                        made_at=made_at, made_by=made_by, time_zone=time_zone,
                        letterhead=True)
