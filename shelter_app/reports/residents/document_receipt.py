"""The receipt (tanda terima) of one movement of a document held in the office safe:
received, lent out, returned or handed back, with the two signatures."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle

from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date
from shelter_app.reports.shared import fonts, layout


def _sides(kind: str, party: str, holder: str, recorder: str = ""
           ) -> tuple[tuple[str, str], tuple[str, str]]:
    """((who hands over, their name), (who receives, their name)); the shelter's side is
    the user who recorded the movement, by display name."""
    staff = _("{name} (shelter staff)").format(name=recorder) if recorder \
        else _("Shelter staff")
    if kind == "received":
        return (_("Handed over by"), party), (_("Received by"), staff)
    if kind == "lent":
        return (_("Handed over by"), staff), (_("Received by"), party)
    if kind == "returned":
        return (_("Returned by"), party), (_("Received by"), staff)
    return (_("Handed over by"), staff), (_("Received by"), party or holder)


def render(*, shelter_name: str, made_at: dt.datetime, made_by: str, time_zone: str,
           case_number: str, shown_name: str, kind: str, number: str, kept_at: str,
           movement, movement_label: str, institution: str,
           due_on: dt.date | None = None) -> bytes:
    """`movement`: a MovementRow (kind, on, party, note, recorder: who recorded it by
    display name); `made_by` is a display name too. `due_on`: a loan's due day."""
    style = layout.styles()
    facts = [(_("Resident"), _("{case}: {name}").format(case=case_number, name=shown_name)),
             (_("Document"), kind), (_("Number"), number or "–"),
             (_("What happened"), movement_label),
             (_("Date"), format_date(movement.on))]
    if movement.kind == "received":
        facts += [(_("Received from"), movement.party), (_("Kept at"), kept_at)]
    elif movement.kind == "lent":
        facts += [(_("Lent to"), f"{movement.party} ({institution})" if institution
                   else movement.party)]
        if due_on is not None:
            facts.append((_("Due back on"), format_date(due_on)))
    elif movement.kind == "returned":
        facts += [(_("Returned by"), movement.party), (_("Kept at"), kept_at)]
    else:
        facts += [(_("Received by"), movement.party or shown_name)]
    if movement.note:
        facts.append((_("Note"), movement.note))
    facts.append((_("Recorded by"), movement.recorder))
    giver, taker = _sides(movement.kind, movement.party, shown_name, movement.recorder)
    line = "_" * 30
    signatures = Table([[giver[0], taker[0]], ["\n\n\n" + line, "\n\n\n" + line],
                        [giver[1], taker[1]]], colWidths=[layout.FRAME_WIDTH / 2] * 2)
    signatures.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), fonts.REGULAR, 9),
                                    ("ALIGN", (0, 0), (-1, -1), "CENTER")]))
    story = [
        layout.paragraph(_("Receipt of a document (tanda terima dokumen)"), style["title"]),
        layout.gap(4),
        layout.fields(facts, [45 * mm, layout.FRAME_WIDTH - 45 * mm]),
        layout.gap(14),
        signatures,
    ]
    return layout.build(story, title=_("Receipt of a document"), shelter_name=shelter_name,
                        made_at=made_at, made_by=made_by, time_zone=time_zone)
