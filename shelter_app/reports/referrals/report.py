"""The referrals report (laporan rujukan): referrals made in a period by service domain
and status, by institution type, by sex and by urgency, with the overrides of consent and
how long institutions took to answer. PDF, JSON and CSV; no names."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib.units import mm

from shelter_app.domain.vocab import InstitutionType, ReferralStatus, ServiceDomain, Sex, Urgency
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_number, format_period
from shelter_app.reports.shared import charts, layout
from shelter_app.reports.shared.spreadsheet import csv_writer


@dataclass
class ReferralReport:
    first: dt.date
    last: dt.date
    by_domain_status: dict[tuple[str, str], int]
    by_type: dict[str, int]
    by_sex: dict[str, int]
    by_urgency: dict[str, int]
    overrides: int
    average_days_to_answer: Decimal | None  # from sent to accepted or declined

    @property
    def total(self) -> int:
        return sum(self.by_domain_status.values())


def count(report: ReferralReport, domain: str | None = None, status: str | None = None
          ) -> int:
    return sum(n for (d, s), n in report.by_domain_status.items()
               if domain in (None, d) and status in (None, s))


def to_dict(report: ReferralReport) -> dict:
    days = report.average_days_to_answer
    return {
        "report": "referrals", "from": report.first.isoformat(), "to": report.last.isoformat(),
        "totals": {"referrals": report.total, "consent_overrides": report.overrides,
                   "average_days_to_answer": None if days is None else str(days),
                   **{s.value: count(report, status=s.value) for s in ReferralStatus}},
        "by_domain_status": [{"domain": d.value, "status": s.value,
                              "referrals": report.by_domain_status.get((d.value, s.value), 0)}
                             for d in ServiceDomain for s in ReferralStatus],
        "by_institution_type": [{"type": t.value, "referrals": report.by_type.get(t.value, 0)}
                                for t in InstitutionType],
        "by_sex": [{"sex": s.value, "referrals": report.by_sex.get(s.value, 0)} for s in Sex],
        "by_urgency": [{"urgency": u.value, "referrals": report.by_urgency.get(u.value, 0)}
                       for u in Urgency],
        "notes": notes(),
    }


def to_json(report: ReferralReport) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=1)


def to_csv(report: ReferralReport) -> str:
    out = io.StringIO()
    writer = csv_writer(out)  # every cell through safe_cell: no formulas
    writer.writerow(["section", "key", "detail", "value"])
    document = to_dict(report)
    for key, value in document["totals"].items():
        writer.writerow(["totals", key, "", "" if value is None else value])
    for row in document["by_domain_status"]:
        writer.writerow(["by_domain_status", row["domain"], row["status"], row["referrals"]])
    for section, key in (("by_institution_type", "type"), ("by_sex", "sex"),
                         ("by_urgency", "urgency")):
        for row in document[section]:
            writer.writerow([section, row[key], "", row["referrals"]])
    return out.getvalue()


def notes() -> list[str]:
    return [_("Referrals made in the period (by the day they were drafted), with the status "
              "they have now."),
            _("Days to answer: from the day a referral was sent to the day it was accepted "
              "or declined."),
            _("An override is a referral made without the person's recorded consent, on a "
              "manager's reason; each one is in the audit log.")]


def _domain_rows(report: ReferralReport) -> list[list[str]]:
    statuses = list(ReferralStatus)
    rows = [[_("Service")] + [s.label for s in statuses] + [_("Total")]]
    for domain in ServiceDomain:
        if count(report, domain=domain.value):
            rows.append([domain.label] + [format_number(report.by_domain_status.get(
                (domain.value, s.value), 0)) for s in statuses]
                + [format_number(count(report, domain=domain.value))])
    rows.append([_("Total")] + [format_number(count(report, status=s.value))
                                for s in statuses] + [format_number(report.total)])
    return rows


def _simple_rows(title: str, kind, figures: dict[str, int]) -> list[list[str]]:
    return [[title, _("Referrals")]] + [[item.label, format_number(figures.get(item.value, 0))]
                                        for item in kind if figures.get(item.value)]


def _summary_rows(report: ReferralReport) -> list[list[str]]:
    days = report.average_days_to_answer
    return [[_("Figure"), _("Value")], [_("Referrals"), format_number(report.total)],
            [_("Without recorded consent (override)"), format_number(report.overrides)],
            [_("Average days to an answer"), "–" if days is None else format_number(days)]]


def sections(report: ReferralReport):
    return [(_("Totals"), _summary_rows(report), [80 * mm, 40 * mm]),
            (_("By service and status"), _domain_rows(report),
             [44 * mm] + [18 * mm] * 6 + [18 * mm]),
            (_("By institution type"), _simple_rows(_("Type"), InstitutionType, report.by_type),
             [90 * mm, 30 * mm]),
            (_("By sex"), _simple_rows(_("Sex"), Sex, report.by_sex), [90 * mm, 30 * mm]),
            (_("By urgency"), _simple_rows(_("Urgency"), Urgency, report.by_urgency),
             [90 * mm, 30 * mm])]


def period_text(report) -> str:
    return format_period(report.first, report.last)


def render_pdf(report: ReferralReport, *, shelter_name: str, made_at: dt.datetime,
               made_by: str, time_zone: str) -> bytes:
    style = layout.styles()
    statuses = [s for s in ReferralStatus if count(report, status=s.value)]
    story = [layout.paragraph(_("Referrals report (laporan rujukan)"), style["title"]),
             layout.paragraph(period_text(report), style["body"])]
    if statuses:  # the same chart the dashboard shows
        story.append(charts.bars([s.label for s in statuses],
                                 [count(report, status=s.value) for s in statuses]))
    for title, rows, widths in sections(report):
        story += [layout.paragraph(title, style["heading"]),
                  layout.table(rows, widths, font_size=7.5)]
    story.append(layout.paragraph(_("How the figures are counted"), style["heading"]))
    story += [layout.paragraph(line, style["small"]) for line in notes()]
    return layout.build(story, title=_("Referrals report"), shelter_name=shelter_name,
                        made_at=made_at, made_by=made_by, time_zone=time_zone)
