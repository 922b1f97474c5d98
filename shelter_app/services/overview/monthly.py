"""The monthly report: built from the occupancy, provision, sessions and referrals reports
of the same month (so the figures agree), plus what only it counts by sex: follow-up
visits, incidents, training and placement."""

from __future__ import annotations

import calendar
import datetime as dt

from sqlalchemy import or_, select

from shelter_app.domain import rules
from shelter_app.domain.errors import InputError
from shelter_app.domain.models import FollowUp, Person, Stay
from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import Modus
from shelter_app.i18n import _
from shelter_app.reports.overview import monthly as monthly_report
from shelter_app.services.counselling import reports as session_reports
from shelter_app.services.counselling import training
from shelter_app.services.provisions import reports as provision_reports
from shelter_app.services.referrals import placements
from shelter_app.services.referrals import reports as referral_reports
from shelter_app.services.residents import incidents
from shelter_app.services.residents import reports as resident_reports
from shelter_app.services.shared.reporting import Period, ReportOutput
from shelter_app.services.shared.settings import shelter_today, shelter_zone
from shelter_app.services.shared.workspace import Workspace


def parse_month(value: str) -> Period:
    try:
        first = dt.datetime.strptime(value.strip(), "%Y-%m").date()
    except ValueError:
        raise InputError(_("Write the month as YYYY-MM, for example 2026-11."),
                         "month") from None
    return month_of(first)


def month_of(day: dt.date) -> Period:
    first = day.replace(day=1)
    return Period(first, first.replace(day=calendar.monthrange(first.year, first.month)[1]))


def _add(table: dict, key, amount: int = 1) -> None:
    table[key] = table.get(key, 0) + amount


def gather(workspace: Workspace, wanted: Period) -> monthly_report.MonthlyReport:
    workspace.require(Permission.PRINT_REPORTS)
    wanted = month_of(wanted.first)
    with workspace.session() as session:
        today = shelter_today(workspace, session)
    if wanted.first > today:
        raise InputError(_("This month is in the future."), "month")
    if wanted.last > today:  # the month so far: days to come count nothing yet
        wanted = Period(wanted.first, today)
    occupancy = resident_reports.occupancy(workspace, wanted)
    provisions = provision_reports.gather(workspace, wanted)
    sessions = session_reports.gather(workspace, wanted)
    referrals = referral_reports.gather(workspace, wanted)

    resident_days, admissions, discharges = {}, {}, {}
    for group in occupancy.groups:
        _add(resident_days, group.sex, group.resident_days)
        _add(admissions, group.sex, group.admissions)
        _add(discharges, group.sex, group.discharges)
    present: dict[tuple[str, str], int] = {}
    by_reason: dict[tuple[str, str], int] = {}
    by_modus: dict[tuple[str, str], int] = {}
    with workspace.session() as session:
        rows = session.execute(
            select(Person.id, Person.sex, Person.birth_date, Person.modus, Stay.admission_date,
                   Stay.discharge_date, Stay.discharge_reason)
            .join(Stay, Stay.person_id == Person.id)
            .where(Person.birth_date.is_not(None), Stay.admission_date <= wanted.last,
                   or_(Stay.discharge_date.is_(None), Stay.discharge_date >= wanted.first)))
        counted: set[int] = set()
        for pid, sex, born, modus, admitted, discharged, reason in rows:
            span = rules.present_span(admitted, discharged, wanted.first, wanted.last)
            if span is not None and pid not in counted:
                counted.add(pid)
                _add(present, (sex, rules.age_group(born, span[0]).value))
            if discharged is not None and wanted.first <= discharged <= wanted.last:
                _add(by_reason, (reason or "other", sex))
            if wanted.first <= admitted <= wanted.last:
                for code in Modus.parse_many(modus):
                    _add(by_modus, (code.value, sex))
        visits: dict[str, int] = {}
        for (sex,) in session.execute(
                select(Person.sex).join(FollowUp, FollowUp.person_id == Person.id)
                .where(FollowUp.status == "done", FollowUp.done_on >= wanted.first,
                       FollowUp.done_on <= wanted.last)):
            _add(visits, sex)
        zone = shelter_zone(session)
        incident_counts = incidents.counts_between(
            session, dt.datetime.combine(wanted.first, dt.time(), zone),
            dt.datetime.combine(wanted.last + dt.timedelta(days=1), dt.time(), zone))
        training_counts = training.counts_between(session, wanted.first, wanted.last)
        placement_counts = placements.counts_between(session, wanted.first, wanted.last)
    cost_by_sex: dict[str, int] = {}
    for (sex, _group), cost in provisions.by_sex_age.items():
        _add(cost_by_sex, sex, cost)
    session_residents: dict[str, int] = {}
    for (sex, _group), count in sessions.by_sex_age.items():
        _add(session_residents, sex, count)
    by_kind = {}
    for (kind, status), count in sessions.by_kind_status.items():
        every, held = by_kind.get(kind, (0, 0))
        by_kind[kind] = (every + count, held + (count if status == "held" else 0))
    return monthly_report.MonthlyReport(
        wanted.first, wanted.last, occupancy.daily, present, resident_days, admissions,
        discharges, by_reason, by_modus,
        {stage: figures for stage, figures in provisions.by_stage.items()}, cost_by_sex,
        by_kind, session_residents, referrals.by_domain_status, referrals.by_sex, visits,
        incidents_by_kind_severity=incident_counts, training=training_counts,
        placements=placement_counts)


_output = ReportOutput(monthly_report, gather, "report_monthly")
render, pdf, write = _output.render, _output.pdf, _output.write
