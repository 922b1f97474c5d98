"""Visitors at the gate: the check against the contacts who must not visit, and the
visit log.

The check comes before anything else. A visitor is compared with the contacts marked
"must not visit" of the resident they ask for AND of every resident staying here now: a
trafficker may ask for one resident and be the one another must be kept from (or give
a name nobody here goes by). A contact matches by a similar name (the intake's rule,
protected.similar_name), the same phone number (as the app stores phones, E.164) or the
same ID number. A match is a stop: the visit is recorded as stopped and audited, and
the gate is told what to do, never whom it matched.

A resident's presence is never confirmed by the check: its answer is the same for a
resident staying here, one who has left, a hidden (protected) one and nobody at all. A
visit needs the resident's agreement, asked and recorded; without it the visit is
recorded as refused and the visitor is told nothing about the resident. A visitor who
asks for nobody staying here is recorded as "not here" (what they are told), with the
name as they said it (`asked_for`): never looked up, so a protected person asked for by
her real name is recorded exactly as nobody. The gate lists hidden residents by their
pseudonym for every role, so a name the visitor gives never finds a protected person
(services/shared/identity.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from shelter_app.domain.errors import InputError
from shelter_app.domain.models import Contact, Person, Stay, Visit
from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import Relation
from shelter_app.i18n import N_, _
from shelter_app.services.residents.fields import normal_id_number, normal_phone
from shelter_app.services.residents.protected import SIMILAR_NAME, name_key, similar_name
from shelter_app.services.shared import audit
from shelter_app.services.shared.settings import shelter_today, shelter_zone
from shelter_app.services.shared.staff_names import shown_name as user_shown_name
from shelter_app.services.shared.staff_names import shown_names
from shelter_app.services.shared.workspace import Workspace

# who works at the gate: staff, managers and administrators (the roles that edit
# residents' records and contacts); counsellors do not keep the gate
GATE = Permission.EDIT_RESIDENTS

STOPPED, REFUSED, VISITED, NOT_HERE = "stopped", "refused", "visited", "not_here"
OUTCOMES = {STOPPED: N_("Stopped"), REFUSED: N_("Refused by the resident"),
            VISITED: N_("Visited"),
            # nobody by that name or case number is staying here, as the visitor is told
            NOT_HERE: N_("Not staying here")}
ASKED_FOR_LIMIT = 200  # visits.asked_for


def outcome_label(code: str) -> str:
    return _(OUTCOMES.get(code, code))


def stop_line() -> str:
    """What the gate is told on a match: the same words whoever matched."""
    return _("STOP: this visitor must not visit. Do not confirm that anyone is here; "
             "call the manager, then the police.")


def clear_line() -> str:
    """What the gate is told without a match: the same words whether the person asked
    for is here, has left, is protected or was never here."""
    return _("No match with anyone who must not visit. Ask the resident whether they "
             "agree to the visit before you tell the visitor anything about them.")


def not_here_line() -> str:
    """What the gate is told, without a match, about a visitor who asks for nobody on the
    list: the same words for a name nobody here goes by and a protected person's."""
    return _("No match with anyone who must not visit. Nobody staying here goes by that "
             "name: tell the visitor so, and record the visit.")


@dataclass(frozen=True)
class VisitorData:
    name: str = ""
    id_number: str = ""
    phone: str = ""
    relation: str = "other"
    note: str = ""
    asked_for: str = ""  # whom the visitor asks for, as they said it


@dataclass(frozen=True)
class CheckResult:
    stop: bool
    visit_id: int | None = None  # the stopped visit, recorded

    @property
    def line(self) -> str:
        return stop_line() if self.stop else clear_line()


@dataclass(frozen=True)
class Candidate:
    """A resident the gate can ask for: staying here now."""

    person_id: int
    case_number: str
    shown_name: str


@dataclass(frozen=True)
class VisitRow:
    visit_id: int
    at: dt.datetime
    visitor_name: str
    id_number: str
    phone: str
    relation: str
    case_number: str  # empty: nobody staying here was asked for
    shown_name: str
    outcome: str
    agreement_asked_by: str  # as typed; a username there is shown by the display name
    agreed: bool | None
    note: str
    left_at: dt.datetime | None
    recorded_by: str  # the user's display name
    asked_for: str = ""  # as the visitor said it; empty for a protected person's visit
    #                      to a user who may not see her name


@dataclass(frozen=True)
class _Visitor:
    name: str
    key: str
    id_number: str
    phone: str
    relation: str
    note: str
    asked_for: str


def _visitor(data: VisitorData) -> _Visitor:
    name = " ".join(data.name.split())
    if len(name) > 200:
        raise InputError(_("At most {count} characters here.").format(count=200), "name")
    asked_for = " ".join(data.asked_for.split())
    if len(asked_for) > ASKED_FOR_LIMIT:
        raise InputError(_("At most {count} characters here.").format(
            count=ASKED_FOR_LIMIT), "asked_for")
    phone = normal_phone(data.phone)
    id_number = normal_id_number(data.id_number)
    key = name_key(name)
    if not (key or phone or id_number):
        raise InputError(_("Nothing to check: give the visitor's name, phone number or ID "
                           "number."), "name")
    try:
        relation = Relation(data.relation).value
    except ValueError:
        raise InputError(_("An unknown choice was given."), "relation") from None
    return _Visitor(name, key, id_number, phone, relation, data.note.strip()[:2000],
                    asked_for)


def validate(data: VisitorData) -> None:
    """Refuses what cannot be checked (nothing to check against, a phone or ID number that
    is none), with one message."""
    _visitor(data)


def _present_ids():
    return select(Stay.person_id).where(Stay.discharge_date.is_(None))


def _must_not_visit(session: Session, person_id: int | None) -> list[tuple[str, str, str]]:
    """(name, phone, ID number) of the contacts who must not visit the person asked for
    or anyone staying here."""
    scope = Contact.person_id.in_(_present_ids())
    if person_id is not None:
        scope = or_(scope, Contact.person_id == person_id)
    return list(session.execute(select(Contact.name, Contact.phone, Contact.id_number)
                                .where(Contact.must_not_visit.is_(True), scope)))


def _matches(session: Session, visitor: _Visitor, person_id: int | None) -> bool:
    for name, phone, id_number in _must_not_visit(session, person_id):
        if visitor.phone and phone == visitor.phone:
            return True
        if visitor.id_number and id_number == visitor.id_number:
            return True
        if visitor.key and _similar(visitor.key, name):
            return True
    return False


def _similar(wanted: str, name: str) -> bool:
    """The intake's rule (protected.similar_name), after its exact bound on the lengths:
    two names whose lengths differ too much cannot be similar enough."""
    length = len(name_key(name))
    if 2 * min(length, len(wanted)) < SIMILAR_NAME * (length + len(wanted)):
        return False
    return similar_name(wanted, name, "")


def _known_person(session: Session, person_id: int | None) -> None:
    if person_id is not None and session.get(Person, person_id) is None:
        raise InputError(_("No resident has this case number."), "person")


def _stopped(workspace: Workspace, session: Session, visitor: _Visitor,
             person_id: int | None) -> int:
    now = workspace.clock()
    visit = Visit(at=now, visitor_name=visitor.name, id_number=visitor.id_number,
                  phone=visitor.phone, relation=visitor.relation, person_id=person_id,
                  asked_for=visitor.asked_for, outcome=STOPPED, note=visitor.note,
                  recorded_by=workspace.user.username, recorded_at=now)
    session.add(visit)
    session.flush()
    workspace.audit(session, audit.Action.CHECK, "visit_stopped", visit.id)
    return visit.id


def check_visitor(workspace: Workspace, data: VisitorData,
                  person_id: int | None = None) -> CheckResult:
    """The check before anything else. `person_id`: whom the visitor asks for (None when
    it is nobody the gate found staying here). A stop is recorded as a stopped visit."""
    workspace.require(GATE)
    visitor = _visitor(data)
    with workspace.session() as session:
        _known_person(session, person_id)
        if not _matches(session, visitor, person_id):
            return CheckResult(False)
        return CheckResult(True, _stopped(workspace, session, visitor, person_id))


def record_visit(workspace: Workspace, data: VisitorData, person_id: int | None, *,
                 agreed: bool, asked_by: str) -> CheckResult:
    """The resident's answer: the visitor is checked again (a contact may have been marked
    since), then the visit is recorded as visited (the resident agreed) or refused (they
    did not). A visitor who asks for nobody staying here (`person_id` None, with the name
    they asked for as they said it, or a resident who has left) is recorded as not here:
    nobody could be asked. The visitor's name is needed now."""
    workspace.require(GATE)
    visitor = _visitor(data)
    if not visitor.name:
        raise InputError(_("Enter the visitor's name."), "name")
    if person_id is None and not visitor.asked_for:
        raise InputError(_("Write whom the visitor asks for, as they said it."),
                         "asked_for")
    asked_by = " ".join(asked_by.split())
    if person_id is not None and not asked_by:
        raise InputError(_("Say who asked the resident."), "asked_by")
    if len(asked_by) > 120:
        raise InputError(_("At most {count} characters here.").format(count=120), "asked_by")
    with workspace.session() as session:
        _known_person(session, person_id)
        if _matches(session, visitor, person_id):
            return CheckResult(True, _stopped(workspace, session, visitor, person_id))
        present = person_id is not None and session.scalar(
            select(Stay.id).where(Stay.person_id == person_id,
                                  Stay.discharge_date.is_(None))) is not None
        outcome = (NOT_HERE if not present else VISITED if agreed else REFUSED)
        now = workspace.clock()
        visit = Visit(at=now, visitor_name=visitor.name, id_number=visitor.id_number,
                      phone=visitor.phone, relation=visitor.relation, person_id=person_id,
                      asked_for=visitor.asked_for, outcome=outcome,
                      agreement_asked_by=asked_by if present else "",
                      agreed=agreed if present else None,
                      note=visitor.note, recorded_by=workspace.user.username,
                      recorded_at=now)
        session.add(visit)
        session.flush()
        workspace.audit(session, audit.Action.CREATE, "visit", visit.id)
        return CheckResult(False, visit.id)


def mark_left(workspace: Workspace, visit_id: int) -> None:
    workspace.require(GATE)
    with workspace.session() as session:
        visit = session.get(Visit, visit_id)
        if visit is None:
            raise InputError(_("This visit is not on record."))
        if visit.outcome != VISITED:
            raise InputError(_("Only a visitor who was let in can leave."))
        if visit.left_at is not None:
            raise InputError(_("This visitor has left already."))
        visit.left_at = workspace.clock()
        workspace.audit(session, audit.Action.UPDATE, "visit", visit.id)


def present_residents(workspace: Workspace) -> list[Candidate]:
    """Whom a visitor can be taken to: the residents staying here, by case number and
    name; a hidden identity by its pseudonym for every role (a name the visitor gives
    must never find a protected person at the gate)."""
    workspace.require(GATE)
    with workspace.reading() as session:
        rows = session.execute(
            select(Person.id, Person.case_number, Person.full_name, Person.hidden_identity,
                   Person.pseudonym).join(Stay, Stay.person_id == Person.id)
            .where(Stay.discharge_date.is_(None)).order_by(Person.case_number)).all()
    shows_names = workspace.may(Permission.VIEW_NAMES)
    return [Candidate(pid, case, (pseudonym or "?") if hidden else
                      (name if shows_names else (pseudonym or "?")))
            for pid, case, name, hidden, pseudonym in rows]


def _rows(workspace: Workspace, session: Session, condition) -> list[VisitRow]:
    from shelter_app.services.shared import identity

    rows = session.execute(
        select(Visit, Person.case_number, Person.full_name, Person.hidden_identity,
               Person.pseudonym).outerjoin(Person, Person.id == Visit.person_id)
        .where(condition).order_by(Visit.at, Visit.id)).all()
    users = shown_names(session, [name for visit, *_person in rows
                                  for name in (visit.recorded_by, visit.agreement_asked_by)])
    found = []
    for visit, case, full_name, hidden, pseudonym in rows:
        shown = "" if case is None else (
            (pseudonym or "?") if hidden else
            identity.shown_name(workspace, full_name, False, pseudonym))
        # what a visitor called a protected resident may be her real name
        asked_for = ("" if hidden and not identity.sees_identity(workspace, True)
                     else visit.asked_for)
        found.append(VisitRow(visit.id, visit.at, visit.visitor_name, visit.id_number,
                              visit.phone, visit.relation, case or "", shown, visit.outcome,
                              users.get(visit.agreement_asked_by, visit.agreement_asked_by),
                              visit.agreed, visit.note, visit.left_at,
                              users.get(visit.recorded_by, visit.recorded_by), asked_for))
    return found


def visits_on(workspace: Workspace, day: dt.date) -> list[VisitRow]:
    """The gate's log of one local day."""
    workspace.require(GATE)
    with workspace.reading() as session:
        zone = shelter_zone(session)
        start = dt.datetime.combine(day, dt.time(), zone)
        end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), zone)
        return _rows(workspace, session, (Visit.at >= start) & (Visit.at < end))


def gate_today(workspace: Workspace) -> tuple[dt.date, dt.tzinfo]:
    """Today at the shelter, and its time zone (the gate shows local times)."""
    with workspace.reading() as session:
        return shelter_today(workspace, session), shelter_zone(session)


def my_shown_name(workspace: Workspace) -> str:
    """The signed-in user's display name: who asks the resident, unless someone else."""
    workspace.require(GATE)
    with workspace.reading() as session:
        return user_shown_name(session, workspace.user.username)


def visits_of(workspace: Workspace, person_id: int) -> list[VisitRow]:
    """Everyone who came for this resident, oldest first (the profile)."""
    workspace.require(Permission.VIEW_RESIDENTS)
    with workspace.reading() as session:
        return _rows(workspace, session, Visit.person_id == person_id)
