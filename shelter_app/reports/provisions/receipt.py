"""The receipt (tanda terima) of one resident's provisions in one stage, with signature
lines for the resident, the staff member and the manager."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle

from shelter_app.domain.vocab import Window
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date, format_number, format_rupiah
from shelter_app.reports.shared import fonts, layout


def render(*, shelter_name: str, made_at: dt.datetime, made_by: str, time_zone: str,
           case_number: str, shown_name: str, stage: str, lines) -> bytes:
    """`lines`: ProvisionLine-like rows (day, day_number, item_name, quantity,
    unit_cost_idr, total_idr, flagged)."""
    style = layout.styles()
    rows = [[_("Date"), _("Day"), _("Item"), _("Quantity"), _("Unit cost"), _("Total")]]
    total = 0
    for line in sorted(lines, key=lambda x: (x.day, x.item_name)):
        mark = " *" if line.flagged else ""
        rows.append([format_date(line.day, "short"), str(line.day_number),
                     line.item_name + mark, format_number(line.quantity),
                     format_rupiah(line.unit_cost_idr), format_rupiah(line.total_idr)])
        total += line.total_idr
    rows.append([_("Total"), "", "", "", "", format_rupiah(total)])
    line = "_" * 26
    signatures = Table([[_("Received by"), _("Given by"), _("Known by")],
                        ["\n\n\n" + line, "\n\n\n" + line, "\n\n\n" + line],
                        [shown_name, _("Shelter staff"), _("Manager")]],
                       colWidths=[layout.FRAME_WIDTH / 3] * 3)
    signatures.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), fonts.REGULAR, 9),
                                    ("ALIGN", (0, 0), (-1, -1), "CENTER")]))
    story = [
        layout.paragraph(_("Receipt of subsistence provisions (tanda terima jaminan hidup)"),
                         style["title"]),
        layout.paragraph(_("{case}: {name}").format(case=case_number, name=shown_name),
                         style["body"]),
        layout.paragraph(Window(stage).label, style["body"]),
        layout.gap(4),
        layout.table(rows, [25 * mm, 12 * mm, 60 * mm, 18 * mm, 27 * mm, 30 * mm],
                     numeric_from=3, total_row=True),
    ]
    if any(x.flagged for x in lines):
        story.append(layout.paragraph(_("* given while awaiting a decision (review or "
                                        "extension)."), style["small"]))
    story += [layout.gap(12), signatures]
    return layout.build(story, title=_("Receipt"), shelter_name=shelter_name,
                        made_at=made_at, made_by=made_by, time_zone=time_zone)
