"""After discharge (BAB III stage 6): follow-up home visits, then the termination record
that closes the case; a closed case can be reopened with a reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from shelter_app.domain.errors import InputError
from shelter_app.domain.models import CaseClosure, FollowUp, Person, StageMove, Stay
from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import CaseStage, ClosureKind, FollowUpStatus
from shelter_app.i18n import _
from shelter_app.services.shared import audit, identity
from shelter_app.services.shared.concurrency import claim
from shelter_app.services.shared.settings import shelter_today
from shelter_app.services.shared.validation import free_text
from shelter_app.services.shared.workspace import Workspace

DEFAULT_MONTHS = (1, 3, 6)
LAST_STAGE = CaseStage.FOLLOW_UP


@dataclass(frozen=True)
class Visit:
    id: int
    person_id: int
    case_number: str
    label: str
    due_on: dt.date
    status: str
    done_on: dt.date | None
    visited_by: str
    findings: str
    version: int = 0  # as read: given back by record_visit (expected_version)


@dataclass(frozen=True)
class Closure:
    kind: ClosureKind
    on: dt.date
    reason: str
    summary: str
    username: str


def _last_discharged_stay(session, person_id: int) -> Stay:
    stays = session.scalars(select(Stay).where(Stay.person_id == person_id)
                            .order_by(Stay.admission_date)).all()
    if not stays:
        raise InputError(_("This resident no longer exists."), "person")
    if stays[-1].discharge_date is None:
        raise InputError(_("Follow-up visits are for after the discharge; this resident is "
                           "still in the shelter."), "person")
    return stays[-1]


def months_later(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def plan_visits(workspace: Workspace, person_id: int, due: list[dt.date] | None = None
                ) -> list[int]:
    """Plan visits after the last discharge: on the days given, or at 1, 3 and 6 months."""
    workspace.require(Permission.FOLLOW_UP)
    with workspace.session() as session:
        stay = _last_discharged_stay(session, person_id)
        days = due or [months_later(stay.discharge_date, m) for m in DEFAULT_MONTHS]
        for day in days:
            if day is None or day < stay.discharge_date:
                raise InputError(_("A follow-up visit cannot be before the discharge "
                                   "({day}).").format(day=stay.discharge_date.isoformat()),
                                 "due_on")
        rows = [FollowUp(person_id=person_id, stay_id=stay.id, due_on=day, status="planned",
                         created_by=workspace.user.username, recorded_at=workspace.clock())
                for day in days]
        session.add_all(rows)
        session.flush()
        for row in rows:
            workspace.audit(session, audit.Action.FOLLOW_UP, "follow_up", row.id)
        return [row.id for row in rows]


def record_visit(workspace: Workspace, visit_id: int, status: str, on: dt.date,
                 findings: str, expected_version: int | None = None, *,
                 placement: tuple[int, str, str] | None = None) -> None:
    """What a visit found (visited), or that the person was not reached. RecordChanged
    when the visit was recorded elsewhere since the Visit of `expected_version` was read.
    `placement` (placement id, outcome, note): how her placement is going, as the visit
    found it, saved with the visit or not at all."""
    workspace.require(Permission.FOLLOW_UP)
    try:
        status = FollowUpStatus(status).value
    except ValueError:
        raise InputError(_("An unknown choice was given."), "status") from None
    if status == "planned":
        raise InputError(_("Record the visit as visited or not reached."), "status")
    findings = free_text(findings, "findings", required=True)
    with workspace.session() as session:
        row = session.get(FollowUp, visit_id)
        if row is None:
            raise InputError(_("This visit no longer exists."), "visit")
        claim(row, expected_version)
        stay = session.get(Stay, row.stay_id)
        if on is None or on > shelter_today(workspace, session):
            raise InputError(_("This date is in the future."), "date")
        if on < stay.discharge_date:
            raise InputError(_("A follow-up visit cannot be before the discharge "
                               "({day}).").format(day=stay.discharge_date.isoformat()), "date")
        row.status, row.done_on, row.findings = status, on, findings
        row.visited_by = workspace.user.username
        workspace.audit(session, audit.Action.FOLLOW_UP, "follow_up", row.id)
        if placement is not None and status == "done":
            from shelter_app.services.referrals import placements

            placement_id, outcome, note = placement
            placements.add_check_in(workspace, session, placement_id, on, outcome, note,
                                    follow_up_id=row.id)


def visits(workspace: Workspace, *, person_id: int | None = None,
           due_until: dt.date | None = None) -> list[Visit]:
    """One person's visits, or every visit still planned up to a day (by due date)."""
    workspace.require(Permission.VIEW_RESIDENTS)
    query = (select(FollowUp, Person.case_number, Person.full_name, Person.hidden_identity,
                    Person.pseudonym).join(Person, Person.id == FollowUp.person_id)
             .order_by(FollowUp.due_on, FollowUp.id))
    if person_id is not None:
        query = query.where(FollowUp.person_id == person_id)
    if due_until is not None:
        query = query.where(FollowUp.status == "planned", FollowUp.due_on <= due_until)
    with workspace.session() as session:
        return [Visit(v.id, v.person_id, case, identity.list_label(workspace, name, hidden,
                                                                    pseudonym),
                      v.due_on, v.status, v.done_on, v.visited_by, v.findings, v.version)
                for v, case, name, hidden, pseudonym in session.execute(query)]


def closures(workspace: Workspace, person_id: int) -> list[Closure]:
    workspace.require(Permission.VIEW_RESIDENTS)
    with workspace.session() as session:
        return [Closure(ClosureKind(c.kind), c.on, c.reason, c.summary, c.username) for c in
                session.scalars(select(CaseClosure).where(CaseClosure.person_id == person_id)
                                .order_by(CaseClosure.id))]


def is_closed(history: list[Closure]) -> bool:
    return bool(history) and history[-1].kind == ClosureKind.CLOSED


def close_case(workspace: Workspace, person_id: int, on: dt.date, reason: str,
               summary: str) -> None:
    """The termination record: the case ends at stage 6."""
    workspace.require(Permission.FOLLOW_UP)
    reason = free_text(reason, "reason", required=True)
    summary = free_text(summary, "summary")
    with workspace.session() as session:
        stay = _last_discharged_stay(session, person_id)
        if on is None or on > shelter_today(workspace, session):
            raise InputError(_("This date is in the future."), "date")
        if on < stay.discharge_date:
            raise InputError(_("A case cannot close before the discharge ({day}).").format(
                day=stay.discharge_date.isoformat()), "date")
        last = session.scalars(select(CaseClosure).where(CaseClosure.person_id == person_id)
                               .order_by(CaseClosure.id.desc()).limit(1)).first()
        if last is not None and last.kind == ClosureKind.CLOSED:
            raise InputError(_("This case is closed already."), "person")
        person = session.get(Person, person_id)
        if person.stage != LAST_STAGE:
            person.stage = LAST_STAGE
            session.add(StageMove(person_id=person_id, stage=LAST_STAGE, moved_on=on,
                                  username=workspace.user.username))
        session.add(CaseClosure(person_id=person_id, kind=ClosureKind.CLOSED, on=on, reason=reason,
                                summary=summary, username=workspace.user.username,
                                recorded_at=workspace.clock()))
        workspace.audit(session, audit.Action.CASE_CLOSE, "person", person_id)


def reopen_case(workspace: Workspace, person_id: int, on: dt.date, reason: str) -> None:
    workspace.require(Permission.FOLLOW_UP)
    reason = free_text(reason, "reason", required=True)
    with workspace.session() as session:
        last = session.scalars(select(CaseClosure).where(CaseClosure.person_id == person_id)
                               .order_by(CaseClosure.id.desc()).limit(1)).first()
        if last is None or last.kind != ClosureKind.CLOSED:
            raise InputError(_("This case is not closed."), "person")
        if on is None or on > shelter_today(workspace, session):
            raise InputError(_("This date is in the future."), "date")
        if on < last.on:
            raise InputError(_("A case cannot reopen before it was closed ({day}).").format(
                day=last.on.isoformat()), "date")
        session.add(CaseClosure(person_id=person_id, kind=ClosureKind.REOPENED, on=on, reason=reason,
                                summary="", username=workspace.user.username,
                                recorded_at=workspace.clock()))
        workspace.audit(session, audit.Action.CASE_REOPEN, "person", person_id)
