"""Placement by interest (BAB III stage 5): work, school or further training, her own
business with the start-up help it got, or return to the family; and how it went when
somebody looked, at a follow-up visit (stage 6) or another contact.

Counsellors and managers (CASE_WORK) record placements; everyone who sees residents
reads them. A placement is planned, started (on its first day, once that has come) or
ended (a check found it ended, or it was ended by hand). Start-up help is counted in
whole rupiah, never in floats.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shelter_app.domain.errors import InputError
from shelter_app.domain.models import (
    FollowUp,
    Institution,
    Person,
    Placement,
    PlacementCheck,
    Stay,
)
from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import PlacementKind, PlacementOutcome, PlacementStatus
from shelter_app.i18n import _
from shelter_app.services.shared import audit
from shelter_app.services.shared.concurrency import claim
from shelter_app.services.shared.settings import shelter_today
from shelter_app.services.shared.staff_names import shown_names
from shelter_app.services.shared.validation import free_text
from shelter_app.services.shared.workspace import Workspace

WRITE = Permission.CASE_WORK
READ = Permission.VIEW_RESIDENTS
PLANNED, STARTED, ENDED = (s.value for s in PlacementStatus)
MAX_STARTUP_VALUE = 1_000_000_000  # rupiah: more is a typing slip, not start-up help


@dataclass(frozen=True)
class PlacementData:
    kind: str = ""
    institution_id: int | None = None  # the employer, school or centre, when in the directory
    place: str = ""  # where: the employer, the school, the business, the family's village
    starts_on: dt.date | None = None
    readiness: str = ""  # the stage-5 judgement: is she ready, by what criteria
    startup_help: str = ""
    startup_value: int | None = None  # rupiah


@dataclass(frozen=True)
class Check:
    check_id: int
    on: dt.date
    outcome: str
    note: str
    at_follow_up: bool
    recorded_by: str  # display name


@dataclass(frozen=True)
class PlacementRow:
    placement_id: int
    version: int
    person_id: int
    case_number: str
    data: PlacementData
    institution: str
    status: str
    ended_on: dt.date | None
    created_by: str  # display name
    checks: tuple[Check, ...] = ()

    @property
    def last_outcome(self) -> str:
        return self.checks[-1].outcome if self.checks else ""


def _checked(session: Session, person_id: int, data: PlacementData) -> dict:
    if data.kind not in {k.value for k in PlacementKind}:
        raise InputError(_("Choose what the placement is."), "kind")
    if data.starts_on is None:
        raise InputError(_("Enter the day the placement starts."), "starts_on")
    first = session.scalar(select(func.min(Stay.admission_date))
                           .where(Stay.person_id == person_id))
    if first is None:
        raise InputError(_("This resident is not on record."), "person")
    if data.starts_on < first:
        raise InputError(_("A placement cannot start before her admission."), "starts_on")
    if data.institution_id is not None and session.get(Institution,
                                                        data.institution_id) is None:
        raise InputError(_("Choose an institution from the directory."), "institution")
    place = data.place.strip()
    if len(place) > 200:
        raise InputError(_("This text is too long."), "place")
    if not place and data.institution_id is None:
        raise InputError(_("Say where: the employer, the school, the business or the "
                           "family's place."), "place")
    value = data.startup_value
    if value is not None and not (0 <= value <= MAX_STARTUP_VALUE):
        raise InputError(_("Enter the start-up help in whole rupiah."), "startup_value")
    return dict(kind=data.kind, institution_id=data.institution_id, place=place,
                starts_on=data.starts_on, readiness=free_text(data.readiness, "readiness"),
                startup_help=free_text(data.startup_help, "startup_help"),
                startup_value=value or None)


def _status_on(starts_on: dt.date, today: dt.date) -> str:
    return STARTED if starts_on <= today else PLANNED


def validate(workspace: Workspace, person_id: int, data: PlacementData) -> None:
    """The same checks as saving, nothing saved (a dialog, before it closes)."""
    with workspace.reading() as session:
        _checked(session, person_id, data)


def add_placement(workspace: Workspace, person_id: int, data: PlacementData) -> int:
    workspace.require(WRITE)
    with workspace.session() as session:
        values = _checked(session, person_id, data)
        row = Placement(person_id=person_id, **values,
                        status=_status_on(values["starts_on"],
                                          shelter_today(workspace, session)),
                        created_by=workspace.user.username, recorded_at=workspace.clock())
        session.add(row)
        session.flush()
        workspace.audit(session, audit.Action.CREATE, "placement", row.id)
        return row.id


def _placement(session: Session, placement_id: int) -> Placement:
    row = session.get(Placement, placement_id)
    if row is None:
        raise InputError(_("This placement is not on record."))
    return row


def update_placement(workspace: Workspace, placement_id: int, data: PlacementData,
                     expected_version: int | None) -> None:
    workspace.require(WRITE)
    with workspace.session() as session:
        row = _placement(session, placement_id)
        values = _checked(session, row.person_id, data)
        first_check = session.scalar(select(func.min(PlacementCheck.on))
                                     .where(PlacementCheck.placement_id == placement_id))
        if first_check is not None and first_check < values["starts_on"]:
            raise InputError(_("How it went was recorded before that day."), "starts_on")
        claim(row, expected_version)
        for name, value in values.items():
            setattr(row, name, value)
        if row.status != ENDED:
            row.status = _status_on(row.starts_on, shelter_today(workspace, session))
        workspace.audit(session, audit.Action.UPDATE, "placement", placement_id)


def add_check_in(workspace: Workspace, session: Session, placement_id: int, on: dt.date,
                 outcome: str, note: str, follow_up_id: int | None = None) -> int:
    """Records how a placement went, in the caller's transaction (a follow-up visit
    records it with the visit). "ended" ends the placement on that day."""
    if outcome not in {o.value for o in PlacementOutcome}:
        raise InputError(_("Choose how the placement is going."), "outcome")
    row = _placement(session, placement_id)
    if row.status == ENDED:
        raise InputError(_("This placement has ended."), "outcome")
    if on is None or on > shelter_today(workspace, session):
        raise InputError(_("This date is in the future."), "on")
    if on < row.starts_on:
        raise InputError(_("How a placement went cannot be seen before it starts."), "on")
    if follow_up_id is not None:
        visit = session.get(FollowUp, follow_up_id)
        if visit is None or visit.person_id != row.person_id:
            raise InputError(_("This visit no longer exists."), "visit")
    note = free_text(note, "note")
    if not note and outcome != PlacementOutcome.GOING_WELL.value:
        raise InputError(_("Say what is difficult, or why it ended."), "note")
    check = PlacementCheck(placement_id=placement_id, on=on, outcome=outcome, note=note,
                           follow_up_id=follow_up_id, username=workspace.user.username,
                           recorded_at=workspace.clock())
    session.add(check)
    claim(row, None)
    if outcome == PlacementOutcome.ENDED.value:
        row.status, row.ended_on = ENDED, on
    elif row.status == PLANNED:
        row.status = STARTED
    session.flush()
    workspace.audit(session, audit.Action.UPDATE, "placement", placement_id)
    return check.id


def record_check(workspace: Workspace, placement_id: int, on: dt.date, outcome: str,
                 note: str = "") -> int:
    workspace.require(WRITE)
    with workspace.session() as session:
        return add_check_in(workspace, session, placement_id, on, outcome, note)


def _rows(session: Session, condition, today: dt.date) -> list[PlacementRow]:
    found = list(session.execute(
        select(Placement, Person.case_number, Institution.name)
        .join(Person, Person.id == Placement.person_id)
        .outerjoin(Institution, Institution.id == Placement.institution_id)
        .where(condition).order_by(Placement.starts_on.desc(), Placement.id.desc())))
    ids = [row.id for row, _case, _name in found]
    checks: dict[int, list[PlacementCheck]] = {}
    if ids:
        for check in session.scalars(select(PlacementCheck)
                                     .where(PlacementCheck.placement_id.in_(ids))
                                     .order_by(PlacementCheck.on, PlacementCheck.id)):
            checks.setdefault(check.placement_id, []).append(check)
    names = shown_names(session, [row.created_by for row, _c, _n in found]
                        + [c.username for rows in checks.values() for c in rows])
    return [PlacementRow(
        p.id, p.version, p.person_id, case,
        PlacementData(p.kind, p.institution_id, p.place, p.starts_on, p.readiness,
                      p.startup_help, p.startup_value),
        institution or "", ENDED if p.status == ENDED else _status_on(p.starts_on, today),
        p.ended_on, names.get(p.created_by, p.created_by),
        tuple(Check(c.id, c.on, c.outcome, c.note, c.follow_up_id is not None,
                    names.get(c.username, c.username)) for c in checks.get(p.id, ())))
        for p, case, institution in found]


def placements_of(workspace: Workspace, person_id: int) -> list[PlacementRow]:
    """A resident's placements, newest first, each with how it went."""
    workspace.require(READ)
    with workspace.reading() as session:
        return _rows(session, Placement.person_id == person_id,
                     shelter_today(workspace, session))


def current_placement(session: Session, person_id: int) -> int | None:
    """The placement not yet ended, the latest: what a follow-up visit asks about."""
    return session.scalar(select(Placement.id).where(Placement.person_id == person_id,
                                                     Placement.status != ENDED)
                          .order_by(Placement.starts_on.desc(), Placement.id.desc())
                          .limit(1))


def counts_between(session: Session, first: dt.date, last: dt.date
                   ) -> dict[str, dict[str, int]]:
    """Placements that started in first..last by kind, each {sex: count} (the monthly
    report); "startup_value": {sex: rupiah} of the start-up help given with them."""
    in_period = Placement.starts_on.between(first, last)
    result: dict[str, dict[str, int]] = {}
    for kind, sex, count in session.execute(
            select(Placement.kind, Person.sex, func.count(Placement.id))
            .join(Person, Person.id == Placement.person_id).where(in_period)
            .group_by(Placement.kind, Person.sex)):
        result.setdefault(kind, {})[sex] = count
    result["startup_value"] = {sex: int(total) for sex, total in session.execute(
        select(Person.sex, func.sum(Placement.startup_value))
        .join(Person, Person.id == Placement.person_id)
        .where(in_period, Placement.startup_value.isnot(None)).group_by(Person.sex))}
    return result


def open_placement_of(workspace: Workspace, person_id: int) -> PlacementRow | None:
    """Her placement not yet ended, if any: what a follow-up visit asks about."""
    workspace.require(READ)
    with workspace.reading() as session:
        placement_id = current_placement(session, person_id)
        if placement_id is None:
            return None
        return _rows(session, Placement.id == placement_id,
                     shelter_today(workspace, session))[0]
