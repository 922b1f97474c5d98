"""The sessions report (laporan sesi konseling): figures in, PDF, JSON and CSV out.
The JSON carries every figure the PDF shows. Never a note, never a name."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from reportlab.lib.units import mm

from shelter_app.domain.vocab import AgeGroup, SessionKind, SessionStatus, Sex
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_number, format_period
from shelter_app.reports.shared import layout
from shelter_app.reports.shared.spreadsheet import csv_writer


@dataclass(frozen=True)
class CounsellorLine:
    username: str
    name: str
    sessions: int  # booked in the period, whatever became of them
    held: int
    cancelled: int
    no_show: int
    held_minutes: int


@dataclass
class SessionsReport:
    first: dt.date
    last: dt.date
    by_kind_status: dict[tuple[str, str], int]
    counsellors: list[CounsellorLine]
    expected: int  # participant places in sessions held or no-show
    attended: int
    by_sex_age: dict[tuple[str, str], int]  # residents who came to at least one session

    @property
    def total(self) -> int:
        return sum(self.by_kind_status.values())

    @property
    def attendance_percent(self) -> Decimal | None:
        if not self.expected:
            return None
        return (Decimal(100 * self.attended) / self.expected).quantize(
            Decimal("0.1"), ROUND_HALF_UP)


def _count(report: SessionsReport, kind: str | None = None, status: str | None = None) -> int:
    return sum(n for (k, s), n in report.by_kind_status.items()
               if kind in (None, k) and status in (None, s))


def to_json(report: SessionsReport) -> str:
    rate = report.attendance_percent
    return json.dumps({
        "report": "sessions", "from": report.first.isoformat(),
        "to": report.last.isoformat(),
        "totals": {"sessions": report.total,
                   **{s.value: _count(report, status=s.value) for s in SessionStatus}},
        "by_kind_status": [{"kind": k.value, "status": s.value,
                            "sessions": report.by_kind_status.get((k.value, s.value), 0)}
                           for k in SessionKind for s in SessionStatus],
        "by_counsellor": [{"username": c.username, "name": c.name, "sessions": c.sessions,
                           "held": c.held, "cancelled": c.cancelled, "no_show": c.no_show,
                           "held_hours": str(Decimal(c.held_minutes) / 60)}
                          for c in report.counsellors],
        "attendance": {"expected": report.expected, "attended": report.attended,
                       "rate_percent": None if rate is None else str(rate)},
        "participants_by_sex_age": [{"sex": s.value, "age_group": g.value,
                                     "residents": report.by_sex_age.get((s.value, g.value), 0)}
                                    for s in Sex for g in AgeGroup],
        "notes": notes(),
    }, ensure_ascii=False, indent=1)


def to_csv(report: SessionsReport) -> str:
    out = io.StringIO()
    writer = csv_writer(out)  # every cell through safe_cell: no formulas
    writer.writerow(["section", "key", "detail", "measure", "value"])
    document = json.loads(to_json(report))
    for measure, value in document["totals"].items():
        writer.writerow(["totals", "", "", measure, value])
    for row in document["by_kind_status"]:
        writer.writerow(["by_kind_status", row["kind"], row["status"], "sessions",
                         row["sessions"]])
    for row in document["by_counsellor"]:
        for measure in ("sessions", "held", "cancelled", "no_show", "held_hours"):
            writer.writerow(["by_counsellor", row["username"], "", measure, row[measure]])
    for measure, value in document["attendance"].items():
        writer.writerow(["attendance", "", "", measure, "" if value is None else value])
    for row in document["participants_by_sex_age"]:
        writer.writerow(["participants_by_sex_age", row["sex"], row["age_group"],
                         "residents", row["residents"]])
    return out.getvalue()


def notes() -> list[str]:
    return [
        _("A session counts in the period when it starts on one of its days (shelter "
          "time). Cancelled sessions are counted under their status only."),
        _("Attendance rate: participants who came, of all participants of the sessions "
          "held or recorded as a no-show. Family members count as participants."),
        _("Residents by sex and age group: each resident who came to at least one session "
          "in the period, counted once, at their age on the first of those sessions."),
        _("Session notes are confidential and never appear in a report."),
    ]


def _hours(minutes: int) -> str:
    return format_number(Decimal(minutes) / 60)


def _kind_rows(report: SessionsReport) -> list[list[str]]:
    rows = [[_("Type")] + [s.label for s in SessionStatus] + [_("Total")]]
    for kind in SessionKind:
        rows.append([kind.label] + [
            format_number(report.by_kind_status.get((kind.value, s.value), 0))
            for s in SessionStatus] + [format_number(_count(report, kind=kind.value))])
    rows.append([_("Total")] + [format_number(_count(report, status=s.value))
                                for s in SessionStatus] + [format_number(report.total)])
    return rows


def _counsellor_rows(report: SessionsReport) -> list[list[str]]:
    return [[_("Counsellor"), _("Sessions"), _("Held"), _("Cancelled"), _("No-show"),
             _("Hours held")]] + [
        [c.name, format_number(c.sessions), format_number(c.held), format_number(c.cancelled),
         format_number(c.no_show), _hours(c.held_minutes)] for c in report.counsellors]


def _attendance_rows(report: SessionsReport) -> list[list[str]]:
    rate = report.attendance_percent
    return [[_("Figure"), _("Value")],
            [_("Participants expected"), format_number(report.expected)],
            [_("Participants who came"), format_number(report.attended)],
            [_("Attendance rate"), "–" if rate is None else f"{format_number(rate)} %"]]


def _sex_age_rows(report: SessionsReport) -> list[list[str]]:
    return [[_("Sex"), _("Age group"), _("Residents")]] + [
        [s.label, g.label, format_number(report.by_sex_age.get((s.value, g.value), 0))]
        for s in Sex for g in AgeGroup]


def period_text(report) -> str:
    return format_period(report.first, report.last)


def _sections(report: SessionsReport):
    return [(_("By type and status"), _kind_rows(report), [45 * mm] + [24 * mm] * 5, True),
            (_("By counsellor"), _counsellor_rows(report),
             [55 * mm, 22 * mm, 22 * mm, 24 * mm, 22 * mm, 25 * mm], False),
            (_("Attendance"), _attendance_rows(report), [70 * mm, 50 * mm], False),
            (_("Residents who took part, by sex and age group"), _sex_age_rows(report),
             [35 * mm, 55 * mm, 35 * mm], False)]


def render_pdf(report: SessionsReport, *, shelter_name: str, made_at: dt.datetime,
               made_by: str, time_zone: str) -> bytes:
    style = layout.styles()
    story = [layout.paragraph(_("Counselling sessions report"), style["title"]),
             layout.paragraph(period_text(report), style["body"])]
    for title, rows, widths, total in _sections(report):
        story += [layout.paragraph(title, style["heading"]),
                  layout.table(rows, widths, total_row=total,
                               numeric_from=2 if rows[0][0] == _("Sex") else 1)]
    story.append(layout.paragraph(_("How the figures are counted"), style["heading"]))
    story += [layout.paragraph(line, style["small"]) for line in notes()]
    return layout.build(story, title=_("Sessions report"), shelter_name=shelter_name,
                        made_at=made_at, made_by=made_by, time_zone=time_zone)
