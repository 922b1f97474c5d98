"""The counsellors' weekly schedule, to pin up or hand out: each day's sessions with time,
type, room, counsellors and participants (case number and initials only), never notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.units import mm

from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date, format_period
from shelter_app.reports.shared import layout

WIDTHS = [20 * mm, 30 * mm, 28 * mm, 34 * mm, 44 * mm, 18 * mm]


@dataclass(frozen=True)
class Entry:
    start: dt.datetime  # shelter time
    end: dt.datetime
    kind: str  # label
    room: str
    counsellors: str
    participants: str
    status: str  # label


def title_for(counsellor_name: str | None) -> str:
    if counsellor_name:
        return _("Weekly schedule of {counsellor}").format(counsellor=counsellor_name)
    return _("Counsellors' weekly schedule")


def _row(entry: Entry) -> list[str]:
    return [f"{entry.start:%H:%M}–{entry.end:%H:%M}", entry.kind, entry.room or "–",
            entry.counsellors, entry.participants, entry.status]


def render_pdf(first: dt.date, entries: list[Entry], *, counsellor_name: str | None,
               shelter_name: str, made_at: dt.datetime, made_by: str,
               time_zone: str) -> bytes:
    style = layout.styles()
    last = first + dt.timedelta(days=6)
    story = [layout.paragraph(title_for(counsellor_name), style["title"]),
             layout.paragraph(format_period(first, last), style["body"])]
    header = [_("Time"), _("Type"), _("Room"), _("Counsellors"), _("Participants"),
              _("Status")]
    for offset in range(7):
        day = first + dt.timedelta(days=offset)
        todays = [e for e in entries if e.start.date() == day]
        story.append(layout.paragraph(format_date(day, "full"), style["heading"]))
        if not todays:
            story.append(layout.paragraph(_("No sessions."), style["small"]))
            continue
        # every day's columns as wide as the week's: the tables line up
        story.append(layout.table([header] + [_row(e) for e in todays], WIDTHS,
                                  numeric_from=len(header), font_size=8,
                                  sized_for=[header] + [_row(e) for e in entries]))
    return layout.build(story, title=title_for(counsellor_name), shelter_name=shelter_name,
                        made_at=made_at, made_by=made_by, time_zone=time_zone)
