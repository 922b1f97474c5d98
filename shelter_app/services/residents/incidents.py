"""Incidents: a security or care incident, its kind, when it happened, its severity,
the residents involved, what happened and what was done, who was told, and the
follow-up.

Who may do what: staff, managers and administrators write incidents (the roles that edit
residents' records, EDIT_RESIDENTS); everyone who sees residents reads them, counsellors
too (VIEW_RESIDENTS): a counsellor needs to know that a resident harmed herself or was
threatened. A serious or critical incident alerts the manager on the dashboard until a
manager (or an administrator: VIEW_DASHBOARD) marks it handled.

The residents involved are listed by case number and identity.shown_name, as everywhere:
a hidden person's real name is never shown to a role that may not see it. The form finds
them by part of a name or a case number (find_residents, the resident list's search: a
role finds only the names it may see). Who recorded an incident and who marked it handled
are kept by username and shown by display name. The incident's free text is ordinary
record text, like a contact's note. Incidents are security records: never deleted.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from shelter_app.domain.errors import InputError
from shelter_app.domain.incident_vocab import (  # noqa: F401 (the vocabulary, here too)
    ALERTING,
    CRITICAL,
    KINDS,
    LOW,
    SERIOUS,
    SEVERITIES,
    SEVERITY_OF_KIND,
    TOLD,
    kind_label,
    severity_label,
    told_label,
)
from shelter_app.domain.models import Incident, IncidentPerson, Person, Stay
from shelter_app.domain.roles import Permission
from shelter_app.i18n import _
from shelter_app.services.shared import audit
from shelter_app.services.shared.concurrency import claim
from shelter_app.services.shared.workspace import Workspace

WRITE = Permission.EDIT_RESIDENTS
READ = Permission.VIEW_RESIDENTS
HANDLE = Permission.VIEW_DASHBOARD
TEXT_LIMIT = 4000
PICK_LIMIT = 12  # residents the form offers for a typed text; more: type more
_PICK_FROM = 200
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class IncidentData:
    kind: str = ""
    at: dt.datetime | None = None  # aware
    severity: str = LOW
    case_numbers: tuple[str, ...] = ()
    description: str = ""
    action_taken: str = ""
    told: tuple[str, ...] = ()
    told_detail: str = ""
    follow_up: str = ""
    follow_up_done_on: dt.date | None = None


@dataclass(frozen=True)
class Involved:
    person_id: int
    case_number: str
    shown_name: str


@dataclass(frozen=True)
class IncidentRow:
    incident_id: int
    version: int
    kind: str
    at: dt.datetime
    severity: str
    involved: tuple[Involved, ...]
    description: str
    action_taken: str
    told: tuple[str, ...]
    told_detail: str
    follow_up: str
    follow_up_done_on: dt.date | None
    handled_by: str  # a username, as kept
    handled_at: dt.datetime | None
    recorded_by: str  # a username, as kept
    recorded_at: dt.datetime | None = None
    recorded_by_name: str = ""  # the display names, for screens
    handled_by_name: str = ""

    @property
    def alerting(self) -> bool:
        return self.severity in ALERTING and self.handled_at is None

    def data(self) -> IncidentData:
        return IncidentData(self.kind, self.at, self.severity,
                            tuple(p.case_number for p in self.involved), self.description,
                            self.action_taken, self.told, self.told_detail, self.follow_up,
                            self.follow_up_done_on)


def _text(value: str, field: str) -> str:
    value = value.strip()
    if len(value) > TEXT_LIMIT:
        raise InputError(_("At most {count} characters here.").format(count=TEXT_LIMIT),
                         field)
    return value


def _checked(workspace: Workspace, session: Session, data: IncidentData) -> tuple[dict, list[int]]:
    """The columns to write and the persons involved, or InputError with one message."""
    if data.kind not in KINDS:
        raise InputError(_("Choose what kind of incident it was."), "kind")
    if data.severity not in SEVERITIES:
        raise InputError(_("Choose how serious the incident was."), "severity")
    if data.at is None or data.at.tzinfo is None:
        raise InputError(_("Enter when the incident happened."), "at")
    if data.at > workspace.clock() + dt.timedelta(minutes=1):
        raise InputError(_("An incident cannot happen in the future."), "at")
    description = _text(data.description, "description")
    if not description:
        raise InputError(_("Describe what happened."), "description")
    if any(code not in TOLD for code in data.told):
        raise InputError(_("An unknown choice was given."), "told")
    from shelter_app.services.shared.settings import shelter_zone

    day = data.at.astimezone(shelter_zone(session)).date()  # the incident's day here
    done_on = data.follow_up_done_on
    if done_on is not None and done_on < day:
        raise InputError(_("The follow-up cannot be done before the incident."),
                         "follow_up_done_on")
    person_ids = []
    for raw in data.case_numbers:
        case = raw.strip().upper()
        if not case:
            continue
        person_id = session.scalar(select(Person.id).where(Person.case_number == case))
        if person_id is None:
            # the typed text is not repeated: it may be a name typed in the wrong place
            raise InputError(_("No resident has one of these case numbers: check them."),
                             "case_numbers")
        first = session.scalar(select(func.min(Stay.admission_date))
                               .where(Stay.person_id == person_id))
        if first is None or first > day:
            raise InputError(_("{case} was admitted after this incident: check the day or "
                               "the residents.").format(case=case), "case_numbers")
        if person_id not in person_ids:
            person_ids.append(person_id)
    values = dict(kind=data.kind, at=data.at, severity=data.severity,
                  description=description,
                  action_taken=_text(data.action_taken, "action_taken"),
                  told=",".join(code for code in TOLD if code in data.told),
                  told_detail=_text(data.told_detail, "told_detail"),
                  follow_up=_text(data.follow_up, "follow_up"), follow_up_done_on=done_on)
    return values, person_ids


def validate(workspace: Workspace, data: IncidentData) -> None:
    """The same checks as saving, nothing saved (the dialog, before it closes)."""
    with workspace.reading() as session:
        _checked(workspace, session, data)


def record_incident(workspace: Workspace, data: IncidentData) -> int:
    workspace.require(WRITE)
    with workspace.session() as session:
        values, person_ids = _checked(workspace, session, data)
        now = workspace.clock()
        incident = Incident(**values, recorded_by=workspace.user.username, recorded_at=now)
        session.add(incident)
        session.flush()
        session.add_all(IncidentPerson(incident_id=incident.id, person_id=person_id)
                        for person_id in person_ids)
        workspace.audit(session, audit.Action.CREATE, "incident", incident.id)
        return incident.id


def _get(session: Session, incident_id: int) -> Incident:
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise InputError(_("This incident is not on record."))
    return incident


def update_incident(workspace: Workspace, incident_id: int, data: IncidentData,
                    expected_version: int | None) -> None:
    """Saves what the dialog showed; refuses an incident changed since it was read."""
    workspace.require(WRITE)
    with workspace.session() as session:
        incident = _get(session, incident_id)
        values, person_ids = _checked(workspace, session, data)
        claim(incident, expected_version)
        for name, value in values.items():
            setattr(incident, name, value)
        old = {row.person_id: row for row in session.scalars(
            select(IncidentPerson).where(IncidentPerson.incident_id == incident_id))}
        for person_id, row in old.items():
            if person_id not in person_ids:
                session.delete(row)
        session.add_all(IncidentPerson(incident_id=incident_id, person_id=person_id)
                        for person_id in person_ids if person_id not in old)
        workspace.audit(session, audit.Action.UPDATE, "incident", incident_id)


def mark_handled(workspace: Workspace, incident_id: int) -> None:
    """A manager has seen the serious incident and it is being handled: it no longer
    alerts on the dashboard."""
    workspace.require(HANDLE)
    with workspace.session() as session:
        incident = _get(session, incident_id)
        if incident.handled_at is not None:
            raise InputError(_("This incident was marked handled already."))
        claim(incident, None)
        incident.handled_at = workspace.clock()
        incident.handled_by = workspace.user.username
        workspace.audit(session, audit.Action.UPDATE, "incident_handled", incident_id)


def _rows(workspace: Workspace, session: Session, condition) -> list[IncidentRow]:
    from shelter_app.services.shared import identity
    from shelter_app.services.shared.staff_names import shown_names

    incidents = list(session.scalars(select(Incident).where(condition)
                                     .order_by(Incident.at.desc(), Incident.id.desc())))
    ids = [incident.id for incident in incidents]
    involved: dict[int, list[Involved]] = {}
    if ids:
        for incident_id, pid, case, full_name, hidden, pseudonym in session.execute(
                select(IncidentPerson.incident_id, Person.id, Person.case_number,
                       Person.full_name, Person.hidden_identity, Person.pseudonym)
                .join(Person, Person.id == IncidentPerson.person_id)
                .where(IncidentPerson.incident_id.in_(ids)).order_by(Person.case_number)):
            involved.setdefault(incident_id, []).append(Involved(
                pid, case, identity.shown_name(workspace, full_name, hidden, pseudonym)))
    names = shown_names(session, [name for i in incidents
                                  for name in (i.recorded_by, i.handled_by)])
    return [IncidentRow(i.id, i.version, i.kind, i.at, i.severity,
                        tuple(involved.get(i.id, ())), i.description, i.action_taken,
                        tuple(code for code in i.told.split(",") if code), i.told_detail,
                        i.follow_up, i.follow_up_done_on, i.handled_by, i.handled_at,
                        i.recorded_by, i.recorded_at, names.get(i.recorded_by, i.recorded_by),
                        names.get(i.handled_by, i.handled_by)) for i in incidents]


def list_incidents(workspace: Workspace, *, kind: str | None = None,
                   severity: str | None = None, first: dt.date | None = None,
                   last: dt.date | None = None, open_only: bool = False
                   ) -> list[IncidentRow]:
    """Every incident, newest first; of one kind or severity when given; from the day
    `first` to the day `last` (both included, days at the shelter); `open_only`: the
    serious and critical ones no manager has marked handled yet."""
    from shelter_app.services.shared.settings import shelter_zone

    workspace.require(READ)
    if kind and kind not in KINDS:
        raise InputError(_("An unknown choice was given."), "kind")
    if severity and severity not in SEVERITIES:
        raise InputError(_("An unknown choice was given."), "severity")
    if first is not None and last is not None and last < first:
        raise InputError(_("The period ends before it starts."), "to")
    condition = Incident.id.isnot(None)
    if kind:
        condition = condition & (Incident.kind == kind)
    if severity:
        condition = condition & (Incident.severity == severity)
    if open_only:
        condition = condition & Incident.severity.in_(ALERTING) & Incident.handled_at.is_(None)
    with workspace.reading() as session:
        zone = shelter_zone(session)
        if first is not None:
            condition = condition & (Incident.at >= dt.datetime.combine(first, dt.time(), zone))
        if last is not None:
            condition = condition & (Incident.at < dt.datetime.combine(
                last + dt.timedelta(days=1), dt.time(), zone))
        return _rows(workspace, session, condition)


@dataclass(frozen=True)
class Candidate:
    """A resident the form offers for what was typed."""
    person_id: int
    case_number: str
    shown_name: str
    present: bool


def find_residents(workspace: Workspace, typed: str, limit: int = PICK_LIMIT
                   ) -> list[Candidate]:
    """The residents whose case number or name (as this role may see it) has words that
    start with the typed words: those staying now first, then the newest. A hidden person
    is found by her pseudonym, by her real name only by a role holding the managers' key,
    and shown by shown_name to everyone (the pseudonym), as in the incident's rows."""
    from shelter_app.services.residents import search
    from shelter_app.services.shared import identity
    from shelter_app.services.shared.settings import shelter_today

    workspace.require(READ)
    if not _WORD.search(typed):
        return []
    # the newest who match (the index's order); those staying now among them come first
    ids = search.search(workspace, search.ResidentFilter(text=typed))[:_PICK_FROM]
    if not ids:
        return []
    with workspace.reading() as session:
        today = shelter_today(workspace, session)
        present = set(session.scalars(select(Stay.person_id).where(
            Stay.person_id.in_(ids), Stay.admission_date <= today,
            or_(Stay.discharge_date.is_(None), Stay.discharge_date > today))))
        order = {pid: (pid not in present, index) for index, pid in enumerate(ids)}
        wanted = sorted(ids, key=order.__getitem__)[:limit]
        found = {pid: Candidate(pid, case, identity.shown_name(workspace, name, hidden,
                                                               alias), pid in present)
                 for pid, case, name, hidden, alias in session.execute(
                     select(Person.id, Person.case_number, Person.full_name,
                            Person.hidden_identity, Person.pseudonym)
                     .where(Person.id.in_(wanted)))}
    return [found[pid] for pid in wanted if pid in found]


def get_incident(workspace: Workspace, incident_id: int) -> IncidentRow:
    workspace.require(READ)
    with workspace.reading() as session:
        found = _rows(workspace, session, Incident.id == incident_id)
    if not found:
        raise InputError(_("This incident is not on record."))
    return found[0]


def incidents_of(workspace: Workspace, person_id: int) -> list[IncidentRow]:
    """The incidents a resident was involved in, newest first (the profile)."""
    workspace.require(READ)
    with workspace.reading() as session:
        return _rows(workspace, session, Incident.id.in_(
            select(IncidentPerson.incident_id).where(IncidentPerson.person_id == person_id)))


@dataclass(frozen=True)
class Alert:
    incident_id: int
    at: dt.datetime
    kind: str
    severity: str


def alerts(session: Session) -> list[Alert]:
    """Serious and critical incidents no manager has marked handled (the dashboard)."""
    return [Alert(*row) for row in session.execute(
        select(Incident.id, Incident.at, Incident.kind, Incident.severity)
        .where(Incident.handled_at.is_(None), Incident.severity.in_(ALERTING))
        .order_by(Incident.at.desc()))]


def counts_between(session: Session, start: dt.datetime, end: dt.datetime
                   ) -> dict[tuple[str, str], int]:
    """(kind, severity) -> how many incidents happened in [start, end) (the monthly
    report)."""
    return {(kind, severity): count for kind, severity, count in session.execute(
        select(Incident.kind, Incident.severity, func.count(Incident.id))
        .where(Incident.at >= start, Incident.at < end)
        .group_by(Incident.kind, Incident.severity))}


def today_and_zone(workspace: Workspace) -> tuple[dt.date, dt.tzinfo]:
    """Today at the shelter and its time zone: the screens show and take local times."""
    from shelter_app.services.shared.settings import shelter_today, shelter_zone

    with workspace.reading() as session:
        return shelter_today(workspace, session), shelter_zone(session)
