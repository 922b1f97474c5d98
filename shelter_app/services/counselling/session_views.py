"""What the calendar, the session dialog and the profile show of sessions: who, when,
where and how it went. Never the notes (see session_notes.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from shelter_app.domain.errors import InputError
from shelter_app.domain.models import (
    Contact,
    CounsellingSession,
    Person,
    Room,
    SessionCounsellor,
    SessionParticipant,
    Stay,
)
from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import Relation
from shelter_app.i18n import _
from shelter_app.services.counselling.booking import SessionDraft, active_counsellors, draft_of
from shelter_app.services.residents.rooms import session_rooms
from shelter_app.services.shared import identity
from shelter_app.services.shared.settings import shelter_zone
from shelter_app.services.shared.workspace import Workspace


@dataclass(frozen=True)
class Participant:
    id: int
    person_id: int | None
    contact_id: int | None
    label: str
    attended: bool | None


@dataclass(frozen=True)
class SessionView:
    id: int
    kind: str
    status: str
    start: dt.datetime  # in the shelter's zone
    minutes: int
    room_id: int | None
    room: str
    counsellors: tuple[str, ...]  # usernames
    counsellor_names: tuple[str, ...]
    participants: tuple[Participant, ...]
    series: str
    clash_confirmed: bool
    version: int = 0  # as read: given back by an edit (SessionEdit.expected_version)

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.minutes)

    @property
    def person_ids(self) -> tuple[int, ...]:
        return tuple(p.person_id for p in self.participants if p.person_id is not None)


@dataclass(frozen=True)
class Choices:
    counsellors: list[tuple[str, str]]  # (username, name)
    residents: list[tuple[int, str]]  # (person id, "case (initials)") present that day
    rooms: list[tuple[int, str]]
    family: dict[int, list[tuple[int, str]]]  # person id -> [(contact id, label)]


def _views(workspace: Workspace, session: Session, rows) -> list[SessionView]:
    zone = shelter_zone(session)
    ids = [row.id for row in rows]
    counsellors: dict[int, list[str]] = {}
    participants: dict[int, list[Participant]] = {}
    names = active_counsellors(session)
    rooms = dict(session.execute(select(Room.id, Room.name)).all())
    for start in range(0, len(ids), 900):  # SQLite's limit on bound values
        chunk = ids[start:start + 900]
        for session_id, username in session.execute(
                select(SessionCounsellor.session_id, SessionCounsellor.username)
                .where(SessionCounsellor.session_id.in_(chunk))
                .order_by(SessionCounsellor.username)):
            counsellors.setdefault(session_id, []).append(username)
        for (pid_row, session_id, person_id, contact_id, attended, case, name, hidden,
             pseudonym, relation) in session.execute(
                select(SessionParticipant.id, SessionParticipant.session_id,
                       SessionParticipant.person_id, SessionParticipant.contact_id,
                       SessionParticipant.attended, Person.case_number, Person.full_name,
                       Person.hidden_identity, Person.pseudonym, Contact.relation)
                .outerjoin(Person, Person.id == SessionParticipant.person_id)
                .outerjoin(Contact, Contact.id == SessionParticipant.contact_id)
                .where(SessionParticipant.session_id.in_(chunk))
                .order_by(SessionParticipant.id)):
            if person_id is not None:
                label = f"{case} {identity.list_label(workspace, name, hidden, pseudonym)}"
            else:  # family: the relation only, never the name, on the calendar
                label = _("{relation} (family)").format(relation=Relation(relation).label)
            participants.setdefault(session_id, []).append(
                Participant(pid_row, person_id, contact_id, label, attended))
    return [SessionView(
        row.id, row.kind, row.status, row.starts_at.astimezone(zone), row.minutes,
        row.room_id, rooms.get(row.room_id, ""), tuple(counsellors.get(row.id, ())),
        tuple(names.get(u, u) for u in counsellors.get(row.id, ())),
        tuple(participants.get(row.id, ())), row.series, row.clash_confirmed, row.version)
        for row in rows]


_COLUMNS = (CounsellingSession.id, CounsellingSession.kind, CounsellingSession.status,
            CounsellingSession.starts_at, CounsellingSession.minutes,
            CounsellingSession.room_id, CounsellingSession.series,
            CounsellingSession.clash_confirmed, CounsellingSession.version)


def calendar(workspace: Workspace, first: dt.date, days: int = 7,
             counsellor: str | None = None, room_id: int | None = None) -> list[SessionView]:
    """Sessions starting on `days` local days from `first`, for one counsellor or room
    or for the whole shelter, by start time."""
    workspace.require(Permission.VIEW_SESSIONS)
    with workspace.session() as session:
        zone = shelter_zone(session)
        start = dt.datetime.combine(first, dt.time(), zone)
        query = (select(*_COLUMNS)
                 .where(CounsellingSession.starts_at >= start,
                        CounsellingSession.starts_at < start + dt.timedelta(days=days))
                 .order_by(CounsellingSession.starts_at, CounsellingSession.id))
        if counsellor:
            query = query.where(CounsellingSession.id.in_(
                select(SessionCounsellor.session_id)
                .where(SessionCounsellor.username == counsellor)))
        if room_id is not None:
            query = query.where(CounsellingSession.room_id == room_id)
        return _views(workspace, session, session.execute(query).all())


def of_person(workspace: Workspace, person_id: int) -> list[SessionView]:
    """A resident's sessions, newest first (for the profile)."""
    workspace.require(Permission.VIEW_SESSIONS)
    with workspace.session() as session:
        rows = session.execute(
            select(*_COLUMNS).where(CounsellingSession.id.in_(
                select(SessionParticipant.session_id)
                .outerjoin(Contact, Contact.id == SessionParticipant.contact_id)
                .where(or_(SessionParticipant.person_id == person_id,
                           Contact.person_id == person_id))))
            .order_by(CounsellingSession.starts_at.desc())).all()
        return _views(workspace, session, rows)


def detail(workspace: Workspace, session_id: int) -> tuple[SessionView, SessionDraft]:
    """One session as the dialog shows it, and as a draft to change it from."""
    workspace.require(Permission.VIEW_SESSIONS)
    with workspace.session() as session:
        row = session.get(CounsellingSession, session_id)
        if row is None:
            raise InputError(_("This session no longer exists."), "session")
        draft = draft_of(row)
        view = _views(workspace, session, session.execute(
            select(*_COLUMNS).where(CounsellingSession.id == session_id)).all())[0]
        return view, draft


def choices(workspace: Workspace, day: dt.date, also: tuple[int, ...] = ()) -> Choices:
    """Who and where can be booked on `day`: the active counsellors, the residents present
    (and `also`, those already in the session), the rooms, and each resident's family
    who may take part (never a contact who must not visit)."""
    workspace.require(Permission.VIEW_SESSIONS)
    with workspace.session() as session:
        present = select(Stay.person_id).where(
            Stay.admission_date <= day,
            or_(Stay.discharge_date.is_(None), Stay.discharge_date > day))
        people = session.execute(
            select(Person.id, Person.case_number, Person.full_name, Person.hidden_identity,
                   Person.pseudonym)
            .where(or_(Person.id.in_(present), Person.id.in_(list(also))))
            .order_by(Person.case_number)).all()
        residents = [(pid, f"{case} ({identity.list_label(workspace, name, hidden, alias)})")
                     for pid, case, name, hidden, alias in people]
        family: dict[int, list[tuple[int, str]]] = {}
        if workspace.may(Permission.BOOK_SESSIONS):
            for cid, pid, name, relation in session.execute(
                    select(Contact.id, Contact.person_id, Contact.name, Contact.relation)
                    .where(Contact.person_id.in_([p[0] for p in people]),
                           Contact.must_not_visit.is_(False))
                    .order_by(Contact.id)):
                family.setdefault(pid, []).append(
                    (cid, f"{name} ({Relation(relation).label})"))
        return Choices(list(active_counsellors(session).items()), residents,
                       session_rooms(session), family)
