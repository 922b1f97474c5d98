"""The manager's dashboard: today's occupancy and the last 30 days, provisions this month,
sessions this week, open referrals, follow-ups due, and the alerts. Its charts are the
same ReportLab drawings the PDFs use, handed to the screen as SVG."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select

from shelter_app.domain.models import (
    BedAssignment,
    CounsellingSession,
    FollowUp,
    Provision,
    Referral,
)
from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import FollowUpStatus, ReferralStatus, SessionStatus
from shelter_app.i18n import _, ngettext
from shelter_app.reports.shared import charts
from shelter_app.services.provisions import rounds
from shelter_app.services.referrals.tracking import OPEN
from shelter_app.services.residents import documents, incidents, protected, reports
from shelter_app.services.shared import reporting
from shelter_app.services.shared.settings import shelter_today, shelter_zone
from shelter_app.services.shared.workspace import Workspace

CENSUS_DAYS = 30
WAITING_DAYS = 14  # a referral sent this long ago without an answer is an alert
FOLLOW_UP_AHEAD = 7


@dataclass
class Dashboard:
    today: dt.date
    present: int
    beds: int
    census: list[int]
    average_present: float
    provision_cost_month: int
    provision_items_month: int  # quantities, as the monthly report's Items
    sessions_week: int
    sessions_week_held: int
    open_referrals: dict[str, int]
    referrals_waiting: int
    follow_ups_due: int
    residents_awaiting_decision: int  # as the status bar counts them, not provisions
    beds_taken: int = 0  # beds with someone in them today (not everyone present has one)
    alerts: list[str] = field(default_factory=list)
    protected_notices: list[protected.ProtectedNotice] = field(default_factory=list)
    census_svg: bytes = b""
    referrals_svg: bytes = b""
    # the safe (services/residents/documents.py): documents still held for people who
    # have left, and documents lent out past their due day (documents.past_due)
    documents_held: list = field(default_factory=list)
    documents_overdue: list = field(default_factory=list)
    # serious and critical incidents no manager has marked handled (incidents.alerts)
    incident_alerts: list = field(default_factory=list)
    incident_alert_lines: list[str] = field(default_factory=list)  # as the alerts say them

    @property
    def free_beds(self) -> int:
        """Beds nobody is in, as the room board and the intake count them: a resident
        admitted without a bed takes none (counting the present instead once showed
        a full shelter with beds free)."""
        return max(self.beds - self.beds_taken, 0)


def snapshot(workspace: Workspace) -> Dashboard:
    workspace.require(Permission.VIEW_DASHBOARD)
    with workspace.session() as session:
        today = shelter_today(workspace, session)
        zone = shelter_zone(session)
        month_start = today.replace(day=1)
        cost, items = session.execute(
            select(func.coalesce(func.sum(Provision.quantity * Provision.unit_cost_idr), 0),
                   func.coalesce(func.sum(Provision.quantity), 0))
            .where(Provision.day >= month_start, Provision.day <= today)).one()
        monday = today - dt.timedelta(days=today.weekday())
        week_start = dt.datetime.combine(monday, dt.time(), zone)
        week = session.execute(
            select(CounsellingSession.status, func.count(CounsellingSession.id))
            .where(CounsellingSession.starts_at >= week_start,
                   CounsellingSession.starts_at < week_start + dt.timedelta(days=7))
            .group_by(CounsellingSession.status)).all()
        open_referrals = dict(session.execute(
            select(Referral.status, func.count(Referral.id))
            .where(Referral.status.in_(OPEN)).group_by(Referral.status)).all())
        waiting = session.scalar(
            select(func.count(Referral.id)).where(
                Referral.status == ReferralStatus.SENT,
                Referral.created_on <= today - dt.timedelta(days=WAITING_DAYS))) or 0
        due = session.scalar(select(func.count(FollowUp.id)).where(
            FollowUp.status == FollowUpStatus.PLANNED,
            FollowUp.due_on <= today + dt.timedelta(days=FOLLOW_UP_AHEAD))) or 0
        taken = session.scalar(select(func.count(BedAssignment.id)).where(
            BedAssignment.end_date.is_(None))) or 0
        serious = incidents.alerts(session)
        documents_held = documents.held_after_leaving(workspace, session)
        overdue = documents.past_due(workspace, session, today)
    protected.settle(workspace)  # admissions since the last look, for a manager's key
    notices = protected.notices(workspace)
    occupancy = reports.occupancy(workspace, reporting.Period(
        today - dt.timedelta(days=CENSUS_DAYS - 1), today))
    found = rounds.alerts(workspace, today)
    alerts = [protected_notice_text(notice) for notice in notices]
    incident_lines = [incident_alert_text(alert, zone) for alert in serious]
    alerts += incident_lines
    soon = rounds.days_coming(found)
    awaiting = rounds.residents_awaiting_decision(found)
    if soon:
        alerts.append(ngettext("{count} resident reaches day 7 or 14 within two days.",
                               "{count} residents reach day 7 or 14 within two days.",
                               soon).format(count=soon))
    if awaiting:
        alerts.append(ngettext("{count} resident awaits a decision.",
                               "{count} residents await a decision.", awaiting).format(
            count=awaiting))
    if waiting:
        alerts.append(ngettext("{count} referral was sent over {days} days ago and has no "
                               "answer.", "{count} referrals were sent over {days} days ago "
                               "and have no answer.", waiting).format(count=waiting,
                                                                      days=WAITING_DAYS))
    if due:
        alerts.append(ngettext("{count} follow-up visit is due within a week or overdue.",
                               "{count} follow-up visits are due within a week or overdue.",
                               due).format(count=due))
    held = sum(count for status, count in week if status == SessionStatus.HELD)
    labels = [ReferralStatus(status).label for status in OPEN]
    days = list(occupancy.dates())
    return Dashboard(
        today, occupancy.daily[-1] if occupancy.daily else 0, occupancy.beds,
        occupancy.daily, sum(occupancy.daily) / max(len(occupancy.daily), 1), int(cost),
        int(items), sum(count for _status, count in week), held, open_referrals, waiting, due,
        awaiting, taken, alerts, notices, charts.svg(charts.census(days, occupancy.daily, 150, 85)),
        charts.svg(charts.bars(labels, [open_referrals.get(s, 0) for s in OPEN], 100, 40)),
        documents_held=documents_held, documents_overdue=overdue,
        incident_alerts=serious, incident_alert_lines=incident_lines)


def protected_notice_text(notice: protected.ProtectedNotice) -> str:
    """Only managers and administrators are ever shown this."""
    return _("Admission {case} may be the same person as the protected record {protected} "
             "({pseudonym}). Compare the two records before anything is shared.").format(
        case=notice.case_number, protected=notice.protected_case_number,
        pseudonym=notice.protected_pseudonym)


def moment_text(at: dt.datetime, zone: dt.tzinfo) -> str:
    """A moment on the dashboard: its day as every list of the app writes it (30/11/2026)
    and the time as the user's language does (20.15 in Indonesian, 20:15 in English),
    in the shelter's time zone. CLDR's own short style would write the day 30/11/26."""
    from babel.dates import get_time_format

    from shelter_app.i18n.formatting import LIST_DATE, babel_locale, format_datetime

    time = get_time_format("short", locale=babel_locale()).pattern
    return format_datetime(at.astimezone(zone), style=f"{LIST_DATE} {time}")


def incident_alert_text(alert: incidents.Alert, zone: dt.tzinfo) -> str:
    """A serious or critical incident no manager has marked handled yet."""
    return _("{severity} incident: {kind}, {when}. Not yet marked handled.").format(
        severity=incidents.severity_label(alert.severity),
        kind=incidents.kind_label(alert.kind), when=moment_text(alert.at, zone))
