"""Rooms and beds: the board of who sleeps where, and allocation with its checks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shelter_app.domain import rules
from shelter_app.domain.errors import InputError, RecordChanged
from shelter_app.domain.models import Bed, BedAssignment, Person, Room, Stay
from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import COUNSELLING_ROOM, AgeGroup, RoomDesignation, Sex
from shelter_app.i18n import _
from shelter_app.services.shared import audit, identity
from shelter_app.services.shared.concurrency import Lock, claim, serialise
from shelter_app.services.shared.settings import shelter_today
from shelter_app.services.shared.workspace import Workspace

MAX_BEDS_PER_ROOM = 40


@dataclass(frozen=True)
class Occupant:
    person_id: int
    case_number: str
    label: str
    sex: str
    age: int | None
    since: dt.date


@dataclass(frozen=True)
class BedState:
    bed_id: int
    label: str
    occupant: Occupant | None


@dataclass(frozen=True)
class RoomState:
    room_id: int
    name: str
    designation: str
    beds: list[BedState]
    version: int = 0  # as read: given back by a change of its beds (see concurrency.py)

    @property
    def free(self) -> int:
        return sum(bed.occupant is None for bed in self.beds)


@dataclass(frozen=True)
class FreeBed:
    bed_id: int
    room_name: str
    bed_label: str
    designation: str


def create_room(workspace: Workspace, name: str, designation: str, beds: int) -> int:
    workspace.require(Permission.MANAGE_ROOMS)
    name = " ".join(name.split())
    if not name or len(name) > 60:
        raise InputError(_("A room needs a name of at most 60 characters."), "name")
    try:
        designation = RoomDesignation(designation).value
    except ValueError:
        raise InputError(_("An unknown choice was given."), "designation") from None
    if designation == COUNSELLING_ROOM:
        beds = 0  # a room for sessions only: the census never counts it
    elif not 1 <= beds <= MAX_BEDS_PER_ROOM:
        raise InputError(_("A room has 1 to {count} beds.").format(count=MAX_BEDS_PER_ROOM),
                         "beds")
    with workspace.session() as session:
        if session.scalar(select(Room.id).where(Room.name == name)) is not None:
            raise InputError(_("There is already a room with this name."), "name")
        room = Room(name=name, designation=designation)
        room.beds = [Bed(label=str(number)) for number in range(1, beds + 1)]
        session.add(room)
        session.flush()
        workspace.audit(session, audit.Action.CREATE, "room", room.id)
        return room.id


def set_capacity(workspace: Workspace, room_id: int, beds: int,
                 expected_version: int | None = None) -> None:
    """Add beds, or remove free ones from the end. `expected_version`: the RoomState's
    the dialog showed (RecordChanged when the room was changed since)."""
    workspace.require(Permission.MANAGE_ROOMS)
    if not 1 <= beds <= MAX_BEDS_PER_ROOM:
        raise InputError(_("A room has 1 to {count} beds.").format(count=MAX_BEDS_PER_ROOM),
                         "beds")
    with workspace.session() as session:
        room = session.get(Room, room_id)
        if room is None:
            raise InputError(_("This room no longer exists."))
        claim(room, expected_version)
        current = list(room.beds)
        if beds > len(current):
            for number in range(len(current) + 1, beds + 1):
                room.beds.append(Bed(label=str(number)))
        for bed in current[beds:]:
            used = session.scalar(select(func.count(BedAssignment.id)).where(
                BedAssignment.bed_id == bed.id))
            if used:
                raise InputError(_("Bed {bed} has been used and stays on the record.").format(
                    bed=bed.label), "beds")
            session.delete(bed)
        workspace.audit(session, audit.Action.UPDATE, "room", room.id)


def board(workspace: Workspace, day: dt.date | None = None) -> list[RoomState]:
    """Every room and bed, and who sleeps in it on `day` (today by default)."""
    workspace.require(Permission.VIEW_RESIDENTS)
    with workspace.session() as session:
        day = day or shelter_today(workspace, session)
        occupied = {}
        rows = session.execute(
            select(BedAssignment.bed_id, BedAssignment.start_date, Person.id,
                   Person.case_number, Person.full_name, Person.hidden_identity,
                   Person.pseudonym, Person.sex, Person.birth_date)
            .join(Stay, Stay.id == BedAssignment.stay_id).join(Person)
            .where(BedAssignment.start_date <= day,
                   (BedAssignment.end_date.is_(None)) | (BedAssignment.end_date > day)))
        for bed_id, since, pid, case, name, hidden, pseudonym, sex, born in rows:
            occupied[bed_id] = Occupant(
                pid, case, identity.list_label(workspace, name, hidden, pseudonym), sex,
                rules.age_on(born, day) if born else None, since)
        rooms = session.scalars(select(Room).where(Room.designation != COUNSELLING_ROOM)
                                .order_by(Room.name)).all()
        return [RoomState(room.id, room.name, room.designation,
                          [BedState(bed.id, bed.label, occupied.get(bed.id))
                           for bed in room.beds], room.version) for room in rooms]


def free_beds(workspace: Workspace, day: dt.date | None = None) -> list[FreeBed]:
    return [FreeBed(bed.bed_id, room.name, bed.label, room.designation)
            for room in board(workspace, day) for bed in room.beds if bed.occupant is None]


def session_rooms(session: Session) -> list[tuple[int, str]]:
    """The rooms a counselling session can be booked in, (id, name) by name: the
    counselling rooms. A bedroom is where residents sleep, never a session's room."""
    return [tuple(row) for row in session.execute(
        select(Room.id, Room.name).where(Room.designation == COUNSELLING_ROOM)
        .order_by(Room.name))]


def check_session_room(session: Session, room_id: int, kept: int | None = None) -> None:
    """Refuse a room that is not a counselling room, unless the session is in it
    already (`kept`: booked before bedrooms were refused, so a change keeps it)."""
    room = session.get(Room, room_id)
    if room is None:
        raise InputError(_("An unknown room was chosen."), "room")
    if room.designation != COUNSELLING_ROOM and room_id != kept:
        raise InputError(_("{room} is a bedroom: choose a counselling room for the "
                           "session.").format(room=room.name), "room")


def allocation_warnings(designation: str, sex: str, birth_date: dt.date | None,
                        day: dt.date) -> list[str]:
    """Why a bed's room may not fit this person. A warning, not a refusal: the shelter
    decides (a mother with her child, a full house)."""
    group = rules.age_group(birth_date, day) if birth_date else None
    warnings = []
    if designation == RoomDesignation.FEMALE and sex == Sex.M:
        warnings.append(_("This room is for women, and this person is male."))
    if designation == RoomDesignation.MALE and sex == Sex.F:
        warnings.append(_("This room is for men, and this person is female."))
    if designation == RoomDesignation.MALE and group == AgeGroup.CHILD:
        warnings.append(_("This is a men's room, and this person is a child."))
    if designation == RoomDesignation.CHILDREN and group not in (None, AgeGroup.CHILD):
        warnings.append(_("This room is for children, and this person is an adult."))
    return warnings


def fit_rank(designation: str, sex: str, birth_date: dt.date | None, day: dt.date) -> int:
    """How well a room suits a person, best first: 0 the room of her own group (the
    children's room for a child, else the women's or the men's), 1 another room with
    no warning (a family room), 2 a room with a warning. The intake lists beds so."""
    if allocation_warnings(designation, sex, birth_date, day):
        return 2
    child = birth_date is not None and rules.age_group(birth_date, day) == AgeGroup.CHILD
    own = RoomDesignation.CHILDREN if child else {
        Sex.F: RoomDesignation.FEMALE, Sex.M: RoomDesignation.MALE}.get(sex)
    return 0 if own is not None and designation == own else 1


def place(session: Session, stay: Stay, bed_id: int, day: dt.date) -> BedAssignment:
    """Put a stay in a bed from `day`, ending the bed it had. Refused when the bed is taken
    on that day or later; on a server, a second computer giving the same bed at the same
    moment checks after the first has saved (concurrency.serialise)."""
    serialise(session, Lock.BED, bed_id)
    bed = session.get(Bed, bed_id)
    if bed is None:
        raise InputError(_("This bed no longer exists."), "bed")
    names = {"bed": bed.label, "room": bed.room.name}  # read now: a failed flush ends reads
    if _taken(session, bed_id, stay.id, day):
        raise InputError(_("Bed {bed} in {room} is already taken.").format(**names), "bed")
    current = session.scalar(select(BedAssignment).where(
        BedAssignment.stay_id == stay.id, BedAssignment.end_date.is_(None)))
    if current is not None:
        if current.bed_id == bed_id:
            raise InputError(_("The person is already in this bed."), "bed")
        if day < current.start_date:
            raise InputError(_("The move cannot be before the person came to the bed they "
                               "are in."), "date")
        current.end_date = day
        session.flush()
    assignment = BedAssignment(stay_id=stay.id, bed_id=bed_id, start_date=day)
    session.add(assignment)
    try:
        session.flush()
    except IntegrityError as error:  # the file's own guard (one_person_per_bed) said no
        found = str(error.orig)
        if "one_person_per_bed" in found or "bed_assignments.bed_id" in found:
            raise InputError(_("Bed {bed} in {room} was given to someone else a moment "
                               "ago. Choose another bed.").format(**names), "bed") from None
        if "one_bed_per_stay" in found or "bed_assignments.stay_id" in found:
            raise RecordChanged(field="bed") from None
        raise
    return assignment


def _taken(session: Session, bed_id: int, stay_id: int, day: dt.date) -> bool:
    """Whether another stay has the bed on `day` or later."""
    return session.scalar(select(BedAssignment.id).where(
        BedAssignment.bed_id == bed_id, BedAssignment.stay_id != stay_id,
        (BedAssignment.end_date.is_(None)) | (BedAssignment.end_date > day))) is not None


def release(session: Session, stay: Stay, day: dt.date) -> None:
    current = session.scalar(select(BedAssignment).where(
        BedAssignment.stay_id == stay.id, BedAssignment.end_date.is_(None)))
    if current is not None:
        current.end_date = max(day, current.start_date)


def transfer(workspace: Workspace, person_id: int, bed_id: int,
             on: dt.date | None = None) -> None:
    """Move a present person to another bed (or give a bed to one who has none)."""
    workspace.require(Permission.EDIT_RESIDENTS)
    with workspace.session() as session:
        today = shelter_today(workspace, session)
        on = on or today
        if on > today:
            raise InputError(_("This date is in the future."), "date")
        stay = session.scalar(select(Stay).where(Stay.person_id == person_id,
                                                 Stay.discharge_date.is_(None)))
        if stay is None:
            raise InputError(_("This person is not in the shelter now."))
        if on < stay.admission_date:
            raise InputError(_("The move cannot be before the admission."), "date")
        place(session, stay, bed_id, on)
        workspace.audit(session, audit.Action.TRANSFER, "stay", stay.id)

