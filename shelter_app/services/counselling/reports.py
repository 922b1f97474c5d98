"""The sessions report and the weekly schedule: gathered here (permission checked,
printing audited), drawn in reports/counselling/report.py and
reports/counselling/schedule.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from shelter_app.domain import rules
from shelter_app.domain.models import (
    CounsellingSession,
    Person,
    SessionCounsellor,
    SessionParticipant,
    User,
)
from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import SessionKind, SessionStatus
from shelter_app.i18n import in_language
from shelter_app.reports.counselling import report as sessions_report
from shelter_app.reports.counselling import schedule as schedule_pdf
from shelter_app.services.counselling import session_views
from shelter_app.services.shared.reporting import Period, ReportOutput, _letterhead, save
from shelter_app.services.shared.settings import shelter_zone
from shelter_app.services.shared.workspace import Workspace


def gather(workspace: Workspace, wanted: Period) -> sessions_report.SessionsReport:
    workspace.require(Permission.PRINT_REPORTS)
    with workspace.session() as session:
        zone = shelter_zone(session)
        start = dt.datetime.combine(wanted.first, dt.time(), zone)
        end = dt.datetime.combine(wanted.last + dt.timedelta(days=1), dt.time(), zone)
        sessions = {sid: (kind, status, starts, minutes) for sid, kind, status, starts, minutes
                    in session.execute(
                        select(CounsellingSession.id, CounsellingSession.kind,
                               CounsellingSession.status, CounsellingSession.starts_at,
                               CounsellingSession.minutes)
                        .where(CounsellingSession.starts_at >= start,
                               CounsellingSession.starts_at < end))}
        in_period = (select(CounsellingSession.id)
                     .where(CounsellingSession.starts_at >= start,
                            CounsellingSession.starts_at < end))
        staff = session.execute(
            select(SessionCounsellor.session_id, SessionCounsellor.username)
            .where(SessionCounsellor.session_id.in_(in_period))).all()
        names = dict(session.execute(select(User.username, User.display_name)).all())
        places = session.execute(
            select(SessionParticipant.session_id, SessionParticipant.person_id,
                   SessionParticipant.attended, Person.sex, Person.birth_date)
            .outerjoin(Person, Person.id == SessionParticipant.person_id)
            .where(SessionParticipant.session_id.in_(in_period))).all()

    by_kind_status: dict[tuple[str, str], int] = {}
    for kind, status, _starts, _minutes in sessions.values():
        by_kind_status[(kind, status)] = by_kind_status.get((kind, status), 0) + 1

    per_counsellor: dict[str, list[int]] = {}  # sessions, held, cancelled, no-show, minutes
    for session_id, username in staff:
        _kind, status, _starts, minutes = sessions[session_id]
        line = per_counsellor.setdefault(username, [0, 0, 0, 0, 0])
        line[0] += 1
        line[1] += status == SessionStatus.HELD
        line[2] += status == SessionStatus.CANCELLED
        line[3] += status == SessionStatus.NO_SHOW
        line[4] += minutes if status == SessionStatus.HELD else 0
    counsellors = sorted((sessions_report.CounsellorLine(
        username, names.get(username) or username, *figures)
        for username, figures in per_counsellor.items()), key=lambda c: c.name.lower())

    expected = attended = 0
    first_came: dict[int, tuple[dt.date, str, dt.date | None]] = {}
    for session_id, person_id, came, sex, born in places:
        _kind, status, starts, _minutes = sessions[session_id]
        if status not in (SessionStatus.HELD, SessionStatus.NO_SHOW):
            continue
        expected += 1
        attended += bool(came)
        if came and person_id is not None:
            day = starts.astimezone(zone).date()
            if person_id not in first_came or day < first_came[person_id][0]:
                first_came[person_id] = (day, sex, born)
    by_sex_age: dict[tuple[str, str], int] = {}
    for day, sex, born in first_came.values():
        if born is not None:
            key = (sex, rules.age_group(born, day).value)
            by_sex_age[key] = by_sex_age.get(key, 0) + 1
    return sessions_report.SessionsReport(wanted.first, wanted.last, by_kind_status,
                                          counsellors, expected, attended, by_sex_age)


_output = ReportOutput(sessions_report, gather, "report_sessions")
render, pdf, write = _output.render, _output.pdf, _output.write


def week_start(day: dt.date) -> dt.date:
    """The Monday of the week `day` is in."""
    return day - dt.timedelta(days=day.weekday())


def schedule(workspace: Workspace, day: dt.date, counsellor: str | None = None,
             language: str | None = None) -> bytes:
    """The week (Monday to Sunday) around `day` as a PDF, for one counsellor or all."""
    first = week_start(day)
    views = session_views.calendar(workspace, first, 7, counsellor=counsellor)
    name, zone = _letterhead(workspace)
    counsellor_name = None
    if counsellor:
        with workspace.session() as session:
            counsellor_name = session.scalar(select(User.display_name).where(
                User.username == counsellor)) or counsellor
    with in_language(language):
        entries = [schedule_pdf.Entry(
            v.start, v.end, SessionKind(v.kind).label, v.room, ", ".join(v.counsellor_names),
            ", ".join(p.label for p in v.participants), SessionStatus(v.status).label)
            for v in views]
        return schedule_pdf.render_pdf(first, entries, counsellor_name=counsellor_name,
                                       shelter_name=name, made_at=workspace.clock(),
                                       made_by=workspace.user.shown, time_zone=zone)


def write_schedule(workspace: Workspace, day: dt.date, path: Path,
                   counsellor: str | None = None, language: str | None = None) -> None:
    save(workspace, path, schedule(workspace, day, counsellor, language), "report_schedule")
