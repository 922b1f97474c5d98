"""The occupancy report on paper (ReportLab): the PDF that is previewed, printed and
saved."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm

from shelter_app.domain import rules
from shelter_app.domain.vocab import Sex
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date
from shelter_app.reports.residents.occupancy import (
    Occupancy,
    footnote,
    group_rows,
    period_text,
    summary_rows,
)
from shelter_app.reports.shared import charts, layout


def _chart(report: Occupancy):
    return charts.census(report.dates(), report.daily)


def _daily_rows(report: Occupancy) -> list[list[str]]:
    """The daily census as a week a row, so a year fits on a few pages."""
    rows = [[_("Week from")] + [_("Day {number}").format(number=n) for n in range(1, 8)]]
    dates = report.dates()
    for start in range(0, len(dates), 7):
        chunk = report.daily[start:start + 7]
        rows.append([format_date(dates[start], "short")] + [str(c) for c in chunk]
                    + [""] * (7 - len(chunk)))
    return rows


def _present_rows(report: Occupancy) -> list[list[str]]:
    rows = [[_("Case number"), _("Initials"), _("Sex"), _("Age group"), _("Admitted"),
             _("Room")]]
    for fact in report.present_at_end:
        rows.append([fact.case_number, fact.label, Sex(fact.sex).label,
                     rules.age_group(fact.birth_date, report.last).label,
                     format_date(fact.admission, "short"), fact.room])
    return rows


def render_pdf(report: Occupancy, *, shelter_name: str, made_at: dt.datetime, made_by: str,
               time_zone: str) -> bytes:
    style = layout.styles()
    story = [
        layout.paragraph(_("Occupancy report"), style["title"]),
        layout.paragraph(period_text(report), style["body"]),
        layout.paragraph(_("Totals"), style["heading"]),
        layout.table([[_("Figure"), _("Value")], *summary_rows(report)], [95 * mm, 40 * mm]),
        layout.paragraph(_("By sex and age group"), style["heading"]),
        layout.table(group_rows(report), [19 * mm, 28 * mm, 15 * mm, 19 * mm, 19 * mm,
                                          15 * mm, 20 * mm, 18 * mm, 21 * mm],
                     numeric_from=2, total_row=True, font_size=7.5),
        layout.paragraph(_("Present each day"), style["heading"]),
        _chart(report),
        layout.table(_daily_rows(report), [28 * mm] + [20 * mm] * 7),
        layout.paragraph(_("Residents present on {day}").format(
            day=format_date(report.last)), style["heading"]),
    ]
    if report.present_at_end:
        story.append(layout.table(_present_rows(report),
                                  [32 * mm, 20 * mm, 25 * mm, 40 * mm, 25 * mm, 30 * mm],
                                  numeric_from=99))
    else:
        story.append(layout.paragraph(_("Nobody."), style["body"]))
    story.append(layout.paragraph(_("How the figures are counted"), style["heading"]))
    story += [layout.paragraph(line, style["small"]) for line in footnote()]
    return layout.build(story, title=_("Occupancy report"), shelter_name=shelter_name,
                        made_at=made_at, made_by=made_by, time_zone=time_zone)
