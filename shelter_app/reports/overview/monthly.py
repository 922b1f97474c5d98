"""The monthly report (laporan bulanan), every figure by sex as the guide's recording asks:
residents, admissions and discharges (by reason), by modus and by age group; provisions by
stage; sessions by type; referrals by service and status; follow-up visits. Its figures
come from the occupancy, provision, sessions and referrals reports of the same month, so
they agree. PDF (with the census chart), JSON and CSV; no names."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field

from reportlab.lib.units import mm

from shelter_app.domain import incident_vocab
from shelter_app.domain.vocab import (
    AgeGroup,
    DischargeReason,
    Modus,
    PlacementKind,
    ReferralStatus,
    ServiceDomain,
    SessionKind,
    Sex,
    Window,
)
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date, format_number, format_rupiah
from shelter_app.reports.shared import charts, layout
from shelter_app.reports.shared.spreadsheet import csv_writer

SEXES = ("F", "M")
TRAINING_FIGURES = ("took_part", "completed", "certificates")
STAGES = tuple(Window)


@dataclass
class MonthlyReport:
    first: dt.date
    last: dt.date
    census: list[int]  # residents present each day
    present: dict[tuple[str, str], int]  # (sex, age group) -> residents present in the month
    resident_days: dict[str, int]  # sex ->
    admissions: dict[str, int]
    discharges: dict[str, int]
    discharges_by_reason: dict[tuple[str, str], int]  # (reason, sex)
    admissions_by_modus: dict[tuple[str, str], int]  # (modus, sex)
    provisions_by_stage: dict[str, tuple[int, int]]  # stage -> (cost, quantity)
    provision_cost_by_sex: dict[str, int]
    sessions_by_kind: dict[str, tuple[int, int]]  # kind -> (all, held)
    session_residents_by_sex: dict[str, int]  # residents who came to a session
    referrals_by_domain_status: dict[tuple[str, str], int]
    referrals_by_sex: dict[str, int]
    follow_ups_done: dict[str, int]
    # (kind, severity) -> incidents that happened in the month (services/residents/incidents)
    incidents_by_kind_severity: dict[tuple[str, str], int] = field(default_factory=dict)
    # "took_part", "completed", "certificates" -> {sex: residents} (services/counselling/
    # training.counts_between)
    training: dict[str, dict[str, int]] = field(default_factory=dict)
    # placement kind -> {sex: placements started in the month}; "startup_value" -> {sex:
    # rupiah of start-up help} (services/referrals/placements.counts_between)
    placements: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def incidents_by_kind(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for (kind, _severity), count in self.incidents_by_kind_severity.items():
            found[kind] = found.get(kind, 0) + count
        return found

    @property
    def incidents_by_severity(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for (_kind, severity), count in self.incidents_by_kind_severity.items():
            found[severity] = found.get(severity, 0) + count
        return found

    @property
    def month(self) -> str:
        return f"{self.first:%Y-%m}"


def _by_sex(figures: dict[str, int]) -> dict[str, int]:
    return {**{s: figures.get(s, 0) for s in SEXES},
            "total": sum(figures.get(s, 0) for s in SEXES)}


def _pairs(figures: dict[tuple[str, str], int], first: str) -> dict[str, int]:
    return {sex: n for (key, sex), n in figures.items() if key == first}


def to_dict(report: MonthlyReport) -> dict:
    present_by_sex = {s: sum(n for (sex, _g), n in report.present.items() if sex == s)
                      for s in SEXES}
    return {
        "report": "monthly", "month": report.month, "from": report.first.isoformat(),
        "to": report.last.isoformat(), "complete": so_far(report) is None,
        "residents": {"present": _by_sex(present_by_sex),
                      "resident_days": _by_sex(report.resident_days),
                      "admissions": _by_sex(report.admissions),
                      "discharges": _by_sex(report.discharges)},
        "present_by_age_group": [{"age_group": g.value, **_by_sex(
            {s: report.present.get((s, g.value), 0) for s in SEXES})} for g in AgeGroup],
        "discharges_by_reason": [{"reason": r.value, **_by_sex(
            _pairs(report.discharges_by_reason, r.value))} for r in DischargeReason],
        "admissions_by_modus": [{"modus": m.value, **_by_sex(
            _pairs(report.admissions_by_modus, m.value))} for m in Modus],
        "provisions_by_stage": [{"stage": stage,
                                 "cost_idr": report.provisions_by_stage.get(stage, (0, 0))[0],
                                 "quantity": report.provisions_by_stage.get(stage, (0, 0))[1]}
                                for stage in STAGES],
        "provision_cost_by_sex": _by_sex(report.provision_cost_by_sex),
        "sessions_by_type": [{"kind": k.value,
                              "sessions": report.sessions_by_kind.get(k.value, (0, 0))[0],
                              "held": report.sessions_by_kind.get(k.value, (0, 0))[1]}
                             for k in SessionKind],
        "session_residents_by_sex": _by_sex(report.session_residents_by_sex),
        "referrals_by_domain_status": [
            {"domain": d.value, "status": s.value,
             "referrals": report.referrals_by_domain_status.get((d.value, s.value), 0)}
            for d in ServiceDomain for s in ReferralStatus],
        "referrals_by_sex": _by_sex(report.referrals_by_sex),
        "follow_ups_done": _by_sex(report.follow_ups_done),
        "incidents_by_kind": [{"kind": kind, "incidents": report.incidents_by_kind.get(kind, 0)}
                              for kind in incident_vocab.KINDS],
        "incidents_by_severity": [
            {"severity": severity, "incidents": report.incidents_by_severity.get(severity, 0)}
            for severity in incident_vocab.SEVERITIES],
        "training": {key: _by_sex(report.training.get(key, {}))
                     for key in TRAINING_FIGURES},
        "placements_by_kind": [{"kind": k.value, **_by_sex(report.placements.get(k.value, {}))}
                               for k in PlacementKind],
        "placement_startup_help_idr": _by_sex(report.placements.get("startup_value", {})),
        "notes": notes(),
    }


def to_json(report: MonthlyReport) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=1)


def to_csv(report: MonthlyReport) -> str:
    out = io.StringIO()
    writer = csv_writer(out)  # every cell through safe_cell: no formulas
    writer.writerow(["section", "key", "detail", "F", "M", "total"])
    document = to_dict(report)
    for key, figures in document["residents"].items():
        writer.writerow(["residents", key, "", figures["F"], figures["M"], figures["total"]])
    for section, key in (("present_by_age_group", "age_group"),
                         ("discharges_by_reason", "reason"), ("admissions_by_modus", "modus")):
        for row in document[section]:
            writer.writerow([section, row[key], "", row["F"], row["M"], row["total"]])
    for row in document["provisions_by_stage"]:
        writer.writerow(["provisions_by_stage", row["stage"], "cost_idr", "", "",
                         row["cost_idr"]])
        writer.writerow(["provisions_by_stage", row["stage"], "quantity", "", "",
                         row["quantity"]])
    for row in document["sessions_by_type"]:
        writer.writerow(["sessions_by_type", row["kind"], "sessions", "", "", row["sessions"]])
        writer.writerow(["sessions_by_type", row["kind"], "held", "", "", row["held"]])
    for row in document["referrals_by_domain_status"]:
        if row["referrals"]:
            writer.writerow(["referrals_by_domain_status", row["domain"], row["status"], "",
                             "", row["referrals"]])
    for section in ("provision_cost_by_sex", "session_residents_by_sex", "referrals_by_sex",
                    "follow_ups_done"):
        figures = document[section]
        writer.writerow([section, "", "", figures["F"], figures["M"], figures["total"]])
    for key, figures in document["training"].items():
        writer.writerow(["training", key, "", figures["F"], figures["M"], figures["total"]])
    for row in document["placements_by_kind"]:
        writer.writerow(["placements_by_kind", row["kind"], "", row["F"], row["M"],
                         row["total"]])
    figures = document["placement_startup_help_idr"]
    writer.writerow(["placement_startup_help_idr", "", "", figures["F"], figures["M"],
                     figures["total"]])
    for row in document["incidents_by_kind"]:
        writer.writerow(["incidents_by_kind", row["kind"], "", "", "", row["incidents"]])
    for row in document["incidents_by_severity"]:
        writer.writerow(["incidents_by_severity", row["severity"], "", "", "",
                         row["incidents"]])
    return out.getvalue()


def notes() -> list[str]:
    return [
        _("Residents present: everyone in the shelter on at least one day of the month, "
          "counted once, in the age group of their first day in the month. Admissions, "
          "discharges and resident-days follow the occupancy report."),
        _("Admissions by modus: a case with several modus operandi counts under each."),
        _("Provisions, sessions and referrals are the figures of their own reports for the "
          "same month; referrals are those drafted in the month, with their status now."),
        _("Incidents: those that happened in the month (the shelter's time), by kind and "
          "severity."),
        _("Training: residents in a course running on a day of the month, each once; "
          "completed and certificates by the day of completion. Placements: those "
          "starting in the month, with the start-up help given with them."),
    ]


def _sex_head(first: str) -> list[str]:
    return [first, Sex("F").label, Sex("M").label, _("Total")]


def _sex_row(label: str, figures: dict[str, int], money: bool = False) -> list[str]:
    shown = format_rupiah if money else format_number
    values = _by_sex(figures)
    return [label, shown(values["F"]), shown(values["M"]), shown(values["total"])]


def _sections(report: MonthlyReport):
    """(heading, rows, column widths, a note under the table or None) of each table."""
    document = to_dict(report)
    residents = [_sex_head(_("Figure"))] + [
        _sex_row(label, document["residents"][key]) for key, label in (
            ("present", _("Residents present")), ("resident_days", _("Resident-days")),
            ("admissions", _("Admissions")), ("discharges", _("Discharges")))]
    ages = [_sex_head(_("Age group"))] + [
        _sex_row(g.label, {s: report.present.get((s, g.value), 0) for s in SEXES})
        for g in AgeGroup]
    reasons = [_sex_head(_("Reason"))] + [
        _sex_row(r.label, _pairs(report.discharges_by_reason, r.value))
        for r in DischargeReason if _pairs(report.discharges_by_reason, r.value)]
    modus = [_sex_head(_("Modus operandi"))] + [
        _sex_row(m.label, _pairs(report.admissions_by_modus, m.value))
        for m in Modus if _pairs(report.admissions_by_modus, m.value)]
    provisions = [[_("Stage"), _("Items"), _("Cost")]] + [
        [stage.label, format_number(report.provisions_by_stage.get(stage, (0, 0))[1]),
         format_rupiah(report.provisions_by_stage.get(stage, (0, 0))[0])] for stage in STAGES]
    sessions = [[_("Type"), _("Sessions"), _("Held")]] + [
        [k.label, format_number(report.sessions_by_kind.get(k.value, (0, 0))[0]),
         format_number(report.sessions_by_kind.get(k.value, (0, 0))[1])] for k in SessionKind]
    statuses = list(ReferralStatus)
    referrals = [[_("Service")] + [s.label for s in statuses]] + [
        [d.label] + [format_number(report.referrals_by_domain_status.get((d.value, s.value), 0))
                     for s in statuses] for d in ServiceDomain
        if any(report.referrals_by_domain_status.get((d.value, s.value)) for s in statuses)]
    by_sex = [_sex_head(_("Figure")),
              _sex_row(_("Provision cost"), report.provision_cost_by_sex, money=True),
              _sex_row(_("Residents who came to a session"), report.session_residents_by_sex),
              _sex_row(_("Referrals"), report.referrals_by_sex),
              _sex_row(_("Follow-up visits made"), report.follow_ups_done)]
    wide = [70 * mm, 30 * mm, 30 * mm, 30 * mm]
    severities = list(incident_vocab.SEVERITIES)
    incident_rows = [[_("Kind of incident")] + [incident_vocab.severity_label(s)
                                                for s in severities] + [_("Total")]] + [
        [incident_vocab.kind_label(kind)] + [format_number(
            report.incidents_by_kind_severity.get((kind, s), 0)) for s in severities]
        + [format_number(report.incidents_by_kind.get(kind, 0))]
        for kind in incident_vocab.KINDS if report.incidents_by_kind.get(kind)] + [
        [_("Total")] + [format_number(report.incidents_by_severity.get(s, 0))
                        for s in severities]
        + [format_number(sum(report.incidents_by_kind.values()))]]
    training = [_sex_head(_("Figure"))] + [
        _sex_row(label, report.training.get(key, {})) for key, label in (
            ("took_part", _("Residents in a course or activity")),
            ("completed", _("Completed a course")),
            ("certificates", _("Certificates received")))] + [
        _sex_row(_("Placed: {kind}").format(kind=kind.label),
                 report.placements.get(kind.value, {})) for kind in PlacementKind] + [
        _sex_row(_("Start-up help given"), report.placements.get("startup_value", {}),
                 money=True)]
    return [(_("Residents"), residents, wide, None),
            (_("Residents present by age group"), ages, wide, None),
            (_("Discharges by reason"), reasons, wide, None),
            (_("Admissions by modus operandi"), modus, wide, modus_note(report)),
            (_("Provisions by stage"), provisions, [60 * mm, 35 * mm, 45 * mm], None),
            (_("Sessions by type"), sessions, [60 * mm, 35 * mm, 35 * mm], None),
            (_("Referrals by service and status"), referrals, [44 * mm] + [21 * mm] * 6,
             None),
            (_("By sex"), by_sex, wide, None),
            (_("Training and placement"), training, wide, None),
            (_("Incidents by kind and severity"), incident_rows,
             [64 * mm] + [26 * mm] * 4, None)]


def modus_note(report: MonthlyReport) -> str | None:
    """Said under the modus table when its rows add up to more than the admissions."""
    rows = sum(report.admissions_by_modus.values())
    admissions = _by_sex(report.admissions)["total"]
    if rows <= admissions:
        return None
    return _("A case may have more than one modus operandi: the rows add up to {rows} for "
             "{admissions} admissions.").format(rows=format_number(rows),
                                               admissions=format_number(admissions))


def title(report: MonthlyReport) -> str:
    return _("Monthly report (laporan bulanan): {month}").format(
        month=format_date(report.first, "MMMM yyyy"))


def so_far(report: MonthlyReport) -> str | None:
    """Said under the title of a month not over yet: its figures stop at today."""
    if (report.last + dt.timedelta(days=1)).month == report.last.month:
        return _("The month so far: {first} to {last}. Days still to come count nothing "
                 "yet.").format(first=format_date(report.first), last=format_date(report.last))
    return None


def render_pdf(report: MonthlyReport, *, shelter_name: str, made_at: dt.datetime,
               made_by: str, time_zone: str) -> bytes:
    style = layout.styles()
    days = [report.first + dt.timedelta(days=n) for n in range(len(report.census))]
    story = [layout.paragraph(title(report), style["title"])]
    if so_far(report):
        story.append(layout.paragraph(so_far(report), style["small"]))
    story += [layout.paragraph(_("Residents present each day"), style["heading"]),
              charts.census(days, report.census)]
    for heading, rows, widths, note in _sections(report):
        story += [layout.paragraph(heading, style["heading"]),
                  layout.table(rows, widths, font_size=7.5)]
        if note:
            story += [layout.gap(1), layout.paragraph(note, style["small"])]
    story.append(layout.paragraph(_("How the figures are counted"), style["heading"]))
    story += [layout.paragraph(line, style["small"]) for line in notes()]
    return layout.build(story, title=_("Monthly report"), shelter_name=shelter_name,
                        made_at=made_at, made_by=made_by, time_zone=time_zone)
