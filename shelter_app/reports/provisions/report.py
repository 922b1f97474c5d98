"""The provision report (laporan jaminan hidup): figures in, PDF, JSON and CSV out.
Money is whole rupiah throughout."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field

from reportlab.lib.units import mm

from shelter_app.domain.vocab import AgeGroup, ProvisionCategory, Sex, Window
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_number, format_period, format_rupiah
from shelter_app.reports.shared import layout
from shelter_app.reports.shared.spreadsheet import csv_writer

STAGES = tuple(Window)


@dataclass
class ResidentLine:
    stay_id: int
    case_number: str
    label: str
    sex: str
    days: dict[str, int] = field(default_factory=dict)  # stage -> days with provisions
    cost_idr: int = 0
    flagged_count: int = 0
    flagged_cost_idr: int = 0


@dataclass
class ProvisionReport:
    first: dt.date
    last: dt.date
    cost_idr: int
    quantity: int
    flagged_count: int
    flagged_cost_idr: int
    by_stage: dict[str, tuple[int, int]]  # stage -> (cost, quantity)
    by_category: dict[str, tuple[int, int]]
    by_sex_age: dict[tuple[str, str], int]  # (sex, age group) -> cost
    residents: list[ResidentLine]


def to_json(report: ProvisionReport) -> str:
    return json.dumps({
        "report": "provisions", "from": report.first.isoformat(),
        "to": report.last.isoformat(),
        "totals": {"cost_idr": report.cost_idr, "quantity": report.quantity,
                   "flagged_count": report.flagged_count,
                   "flagged_cost_idr": report.flagged_cost_idr},
        "by_stage": [{"stage": stage, "cost_idr": report.by_stage.get(stage, (0, 0))[0],
                      "quantity": report.by_stage.get(stage, (0, 0))[1]} for stage in STAGES],
        "by_category": [{"category": c.value, "cost_idr": report.by_category.get(c.value,
                                                                                (0, 0))[0],
                         "quantity": report.by_category.get(c.value, (0, 0))[1]}
                        for c in ProvisionCategory],
        "by_sex_age": [{"sex": s.value, "age_group": g.value,
                        "cost_idr": report.by_sex_age.get((s.value, g.value), 0)}
                       for s in Sex for g in AgeGroup],
        "residents": [{"stay_id": r.stay_id, "case_number": r.case_number,
                       "initials": r.label, "sex": r.sex,
                       "days": {stage: r.days.get(stage, 0) for stage in STAGES},
                       "cost_idr": r.cost_idr, "flagged_count": r.flagged_count,
                       "flagged_cost_idr": r.flagged_cost_idr} for r in report.residents],
        "notes": notes(),
    }, ensure_ascii=False, indent=1)


def to_csv(report: ProvisionReport) -> str:
    out = io.StringIO()
    writer = csv_writer(out)  # every cell through safe_cell: no formulas
    writer.writerow(["section", "key", "sex", "age_group", "measure", "value"])
    document = json.loads(to_json(report))
    for measure, value in document["totals"].items():
        writer.writerow(["totals", "", "", "", measure, value])
    for row in document["by_stage"]:
        writer.writerow(["by_stage", row["stage"], "", "", "cost_idr", row["cost_idr"]])
        writer.writerow(["by_stage", row["stage"], "", "", "quantity", row["quantity"]])
    for row in document["by_category"]:
        writer.writerow(["by_category", row["category"], "", "", "cost_idr", row["cost_idr"]])
        writer.writerow(["by_category", row["category"], "", "", "quantity", row["quantity"]])
    for row in document["by_sex_age"]:
        writer.writerow(["by_sex_age", "", row["sex"], row["age_group"], "cost_idr",
                         row["cost_idr"]])
    for row in document["residents"]:
        for measure in ("cost_idr", "flagged_count", "flagged_cost_idr"):
            writer.writerow(["resident", row["case_number"], row["sex"], "", measure,
                             row[measure]])
    return out.getvalue()


def notes() -> list[str]:
    return [
        _("Day N of a stay is the date minus the admission date plus one. Stage 1 is days "
          "1 to 7, stage 2 days 8 to 14; from day 15 the stay is in extension."),
        _("Provisions are never refused: those given in stage 2 before the review, or in "
          "extension without a manager's extension covering the day, are counted and "
          "flagged as awaiting a decision."),
        _("Costs are the unit price on the day of the provision, in whole rupiah. Age group "
          "is from the age on the day of the provision."),
    ]


def _summary(report: ProvisionReport) -> list[list[str]]:
    return [[_("Figure"), _("Value")],
            [_("Total cost"), format_rupiah(report.cost_idr)],
            [_("Items given"), format_number(report.quantity)],
            [_("Awaiting a decision"), _("{count} lines, {cost}").format(
                count=format_number(report.flagged_count),
                cost=format_rupiah(report.flagged_cost_idr))]]


def _stage_rows(report: ProvisionReport) -> list[list[str]]:
    return [[_("Stage"), _("Items"), _("Cost")]] + [
        [stage.label, format_number(report.by_stage.get(stage, (0, 0))[1]),
         format_rupiah(report.by_stage.get(stage, (0, 0))[0])] for stage in STAGES]


def _category_rows(report: ProvisionReport) -> list[list[str]]:
    return [[_("Category"), _("Items"), _("Cost")]] + [
        [c.label, format_number(report.by_category.get(c.value, (0, 0))[1]),
         format_rupiah(report.by_category.get(c.value, (0, 0))[0])] for c in ProvisionCategory]


def _sex_age_rows(report: ProvisionReport) -> list[list[str]]:
    return [[_("Sex"), _("Age group"), _("Cost")]] + [
        [s.label, g.label, format_rupiah(report.by_sex_age.get((s.value, g.value), 0))]
        for s in Sex for g in AgeGroup]


def _resident_rows(report: ProvisionReport) -> list[list[str]]:
    rows = [[_("Case number"), _("Initials"), _("Sex"), _("Days stage 1"), _("Days stage 2"),
             _("Days extension"), _("Cost"), _("Awaiting decision")]]
    for r in report.residents:
        rows.append([r.case_number, r.label, Sex(r.sex).label] +
                    [str(r.days.get(stage, 0)) for stage in STAGES] +
                    [format_rupiah(r.cost_idr),
                     format_rupiah(r.flagged_cost_idr) if r.flagged_count else ""])
    return rows


def period_text(report) -> str:
    return format_period(report.first, report.last)


def render_pdf(report: ProvisionReport, *, shelter_name: str, made_at: dt.datetime,
               made_by: str, time_zone: str) -> bytes:
    style = layout.styles()
    story = [
        layout.paragraph(_("Provision report (jaminan hidup)"), style["title"]),
        layout.paragraph(period_text(report), style["body"]),
        layout.paragraph(_("Totals"), style["heading"]),
        layout.table(_summary(report), [70 * mm, 60 * mm]),
        layout.paragraph(_("By stage"), style["heading"]),
        layout.table(_stage_rows(report), [60 * mm, 35 * mm, 45 * mm]),
        layout.paragraph(_("By category"), style["heading"]),
        layout.table(_category_rows(report), [60 * mm, 35 * mm, 45 * mm]),
        layout.paragraph(_("By sex and age group"), style["heading"]),
        layout.table(_sex_age_rows(report), [35 * mm, 50 * mm, 45 * mm], numeric_from=2),
        layout.paragraph(_("Per resident"), style["heading"]),
        layout.table(_resident_rows(report), [28 * mm, 17 * mm, 20 * mm, 17 * mm, 17 * mm,
                                              19 * mm, 28 * mm, 28 * mm], numeric_from=3,
                     font_size=7.5),
        layout.paragraph(_("How the figures are counted"), style["heading"]),
    ] + [layout.paragraph(line, style["small"]) for line in notes()]
    return layout.build(story, title=_("Provision report"), shelter_name=shelter_name,
                        made_at=made_at, made_by=made_by, time_zone=time_zone)
