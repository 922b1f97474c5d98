"""Courses and activities (BAB III stage 4, d.5 and d.6): skills training by interest and
talent, and community activities; who took part, who completed, with what certificate.

A course has a provider from the institutions directory, or none: the shelter itself.
Counsellors and managers (CASE_WORK) plan courses and record who took part; everyone who
sees residents reads them (the profile). Participants are shown as everywhere, by case
number and identity.shown_name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shelter_app.domain.errors import InputError
from shelter_app.domain.models import Course, CourseParticipant, Institution, Person, Stay
from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import CourseSkill, ParticipantStatus
from shelter_app.i18n import _
from shelter_app.services.shared import audit
from shelter_app.services.shared.concurrency import claim
from shelter_app.services.shared.settings import shelter_today
from shelter_app.services.shared.staff_names import shown_names
from shelter_app.services.shared.validation import free_text
from shelter_app.services.shared.workspace import Workspace

WRITE = Permission.CASE_WORK
READ = Permission.VIEW_RESIDENTS
ENROLLED, COMPLETED, DROPPED = (s.value for s in ParticipantStatus)


@dataclass(frozen=True)
class CourseData:
    title: str = ""
    skill: str = ""
    institution_id: int | None = None  # None: the shelter runs it itself
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None  # None: not fixed yet
    place: str = ""
    note: str = ""


@dataclass(frozen=True)
class Participant:
    participant_id: int
    version: int
    person_id: int
    case_number: str
    shown_name: str
    status: str
    completed_on: dt.date | None
    certificate: bool
    certificate_number: str
    note: str


@dataclass(frozen=True)
class CourseRow:
    course_id: int
    version: int
    data: CourseData
    provider: str  # the institution's name, or "" for the shelter itself
    created_by: str  # display name
    participants: tuple[Participant, ...] = ()

    @property
    def completed(self) -> int:
        return sum(p.status == COMPLETED for p in self.participants)


def _checked(session: Session, data: CourseData, *, new: bool) -> dict:
    title = data.title.strip()
    if not title:
        raise InputError(_("Give the course a name."), "title")
    if len(title) > 200:
        raise InputError(_("This text is too long."), "title")
    if data.skill not in {s.value for s in CourseSkill}:
        raise InputError(_("Choose the skill the course teaches."), "skill")
    if data.starts_on is None:
        raise InputError(_("Enter the day the course starts."), "starts_on")
    if data.ends_on is not None and data.ends_on < data.starts_on:
        raise InputError(_("A course cannot end before it starts."), "ends_on")
    if data.institution_id is not None:
        institution = session.get(Institution, data.institution_id)
        if institution is None or (new and not institution.active):
            raise InputError(_("Choose a provider from the directory of institutions."),
                             "institution")
    place = data.place.strip()
    if len(place) > 200:
        raise InputError(_("This text is too long."), "place")
    return dict(title=title, skill=data.skill, institution_id=data.institution_id,
                starts_on=data.starts_on, ends_on=data.ends_on, place=place,
                note=free_text(data.note, "note"))


def validate_course(workspace: Workspace, data: CourseData) -> None:
    """The same checks as saving a new course, nothing saved (a dialog, before it
    closes)."""
    with workspace.reading() as session:
        _checked(session, data, new=True)


def add_course(workspace: Workspace, data: CourseData) -> int:
    workspace.require(WRITE)
    with workspace.session() as session:
        course = Course(**_checked(session, data, new=True),
                        created_by=workspace.user.username, recorded_at=workspace.clock())
        session.add(course)
        session.flush()
        workspace.audit(session, audit.Action.CREATE, "course", course.id)
        return course.id


def _course(session: Session, course_id: int) -> Course:
    course = session.get(Course, course_id)
    if course is None:
        raise InputError(_("This course is not on record."))
    return course


def update_course(workspace: Workspace, course_id: int, data: CourseData,
                  expected_version: int | None) -> None:
    workspace.require(WRITE)
    with workspace.session() as session:
        course = _course(session, course_id)
        values = _checked(session, data, new=False)
        finished = session.scalar(select(func.min(CourseParticipant.completed_on))
                                  .where(CourseParticipant.course_id == course_id))
        if finished is not None and finished < values["starts_on"]:
            raise InputError(_("Somebody completed this course before that day."),
                             "starts_on")
        claim(course, expected_version)
        for name, value in values.items():
            setattr(course, name, value)
        workspace.audit(session, audit.Action.UPDATE, "course", course_id)


def _participants(workspace: Workspace, session: Session, condition) -> list:
    from shelter_app.services.shared import identity

    return [(row.course_id, Participant(
        row.id, row.version, row.person_id, case,
        identity.shown_name(workspace, full_name, hidden, pseudonym), row.status,
        row.completed_on, row.certificate, row.certificate_number, row.note))
        for row, case, full_name, hidden, pseudonym in session.execute(
            select(CourseParticipant, Person.case_number, Person.full_name,
                   Person.hidden_identity, Person.pseudonym)
            .join(Person, Person.id == CourseParticipant.person_id)
            .where(condition).order_by(Person.case_number))]


def _rows(workspace: Workspace, session: Session, condition, *,
          with_participants: bool = True) -> list[CourseRow]:
    courses = list(session.execute(
        select(Course, Institution.name).outerjoin(Institution,
                                                   Institution.id == Course.institution_id)
        .where(condition).order_by(Course.starts_on.desc(), Course.id.desc())))
    ids = [course.id for course, _name in courses]
    people: dict[int, list[Participant]] = {}
    if ids and with_participants:
        for course_id, participant in _participants(
                workspace, session, CourseParticipant.course_id.in_(ids)):
            people.setdefault(course_id, []).append(participant)
    names = shown_names(session, (course.created_by for course, _name in courses))
    return [CourseRow(c.id, c.version, CourseData(c.title, c.skill, c.institution_id,
                                                  c.starts_on, c.ends_on, c.place, c.note),
                      provider or "", names.get(c.created_by, c.created_by),
                      tuple(people.get(c.id, ()))) for c, provider in courses]


def courses(workspace: Workspace, *, since: dt.date | None = None) -> list[CourseRow]:
    """Every course, newest first; those still running or ending on or after `since`."""
    workspace.require(READ)
    condition = Course.id.isnot(None)
    if since is not None:
        condition = (Course.ends_on.is_(None)) | (Course.ends_on >= since)
    with workspace.reading() as session:
        return _rows(workspace, session, condition)


def course(workspace: Workspace, course_id: int) -> CourseRow:
    workspace.require(READ)
    with workspace.reading() as session:
        found = _rows(workspace, session, Course.id == course_id)
    if not found:
        raise InputError(_("This course is not on record."))
    return found[0]


def enrol(workspace: Workspace, course_id: int, person_id: int, note: str = "") -> int:
    """A resident takes part. She must have been admitted by the course's last day, and
    be in it once."""
    workspace.require(WRITE)
    with workspace.session() as session:
        course = _course(session, course_id)
        if session.get(Person, person_id) is None:
            raise InputError(_("This resident is not on record."), "person")
        first = session.scalar(select(func.min(Stay.admission_date))
                               .where(Stay.person_id == person_id))
        if first is None or first > (course.ends_on or course.starts_on):
            raise InputError(_("She was not admitted before this course ended."), "person")
        if session.scalar(select(CourseParticipant.id).where(
                CourseParticipant.course_id == course_id,
                CourseParticipant.person_id == person_id)) is not None:
            raise InputError(_("This resident takes part in this course already."),
                             "person")
        row = CourseParticipant(course_id=course_id, person_id=person_id, status=ENROLLED,
                                certificate=False, certificate_number="",
                                note=free_text(note, "note"),
                                recorded_by=workspace.user.username,
                                recorded_at=workspace.clock())
        session.add(row)
        session.flush()
        workspace.audit(session, audit.Action.CREATE, "course_participant", row.id)
        return row.id


def record_result(workspace: Workspace, participant_id: int, status: str, *,
                  completed_on: dt.date | None = None, certificate: bool = False,
                  certificate_number: str = "", note: str = "",
                  expected_version: int | None = None) -> None:
    """Completed (on a day, perhaps with a certificate), left early, or back to taking
    part (a result recorded by mistake)."""
    workspace.require(WRITE)
    if status not in {s.value for s in ParticipantStatus}:
        raise InputError(_("An unknown choice was given."), "status")
    number = certificate_number.strip()
    if len(number) > 64:
        raise InputError(_("This text is too long."), "certificate_number")
    with workspace.session() as session:
        row = session.get(CourseParticipant, participant_id)
        if row is None:
            raise InputError(_("This resident does not take part in this course."))
        course = _course(session, row.course_id)
        if status == COMPLETED:
            if completed_on is None:
                raise InputError(_("Enter the day she completed the course."),
                                 "completed_on")
            if completed_on < course.starts_on:
                raise InputError(_("A course cannot be completed before it starts."),
                                 "completed_on")
            if completed_on > shelter_today(workspace, session):
                raise InputError(_("This date is in the future."), "completed_on")
        elif certificate or number:
            raise InputError(_("Only a completed course gives a certificate."),
                             "certificate")
        claim(row, expected_version)
        row.status = status
        row.completed_on = completed_on if status == COMPLETED else None
        row.certificate = status == COMPLETED and (certificate or bool(number))
        row.certificate_number = number
        row.note = free_text(note, "note")
        workspace.audit(session, audit.Action.UPDATE, "course_participant", row.id)


def withdraw(workspace: Workspace, participant_id: int) -> None:
    """Takes out a resident put in a course by mistake (before any result)."""
    workspace.require(WRITE)
    with workspace.session() as session:
        row = session.get(CourseParticipant, participant_id)
        if row is None:
            raise InputError(_("This resident does not take part in this course."))
        if row.status != ENROLLED:
            raise InputError(_("A result is recorded: change the result instead."))
        claim(row, None)
        session.delete(row)
        workspace.audit(session, audit.Action.UPDATE, "course_participant", participant_id)


@dataclass(frozen=True)
class Training:
    """A resident's part in one course (the profile and the plan)."""

    course: CourseRow
    me: Participant


def training_of(workspace: Workspace, person_id: int) -> list[Training]:
    workspace.require(READ)
    with workspace.reading() as session:
        mine = dict(_participants(workspace, session,
                                  CourseParticipant.person_id == person_id))
        rows = _rows(workspace, session, Course.id.in_(list(mine)), with_participants=False)
    return [Training(row, mine[row.course_id]) for row in rows]


def counts_between(session: Session, first: dt.date, last: dt.date
                   ) -> dict[str, dict[str, int]]:
    """By sex, in the days first..last (the monthly report): "took_part" (residents in a
    course running then, each once), "completed" and "certificates" (completed then)."""
    running = (Course.starts_on <= last) & ((Course.ends_on.is_(None))
                                           | (Course.ends_on >= first))
    base = (select(Person.sex, func.count(func.distinct(CourseParticipant.person_id)))
            .join(Person, Person.id == CourseParticipant.person_id)
            .join(Course, Course.id == CourseParticipant.course_id).group_by(Person.sex))
    done = CourseParticipant.completed_on.between(first, last)
    figures = {
        "took_part": base.where(running),
        "completed": base.where(done),
        "certificates": base.where(done, CourseParticipant.certificate.is_(True)),
    }
    return {name: dict(session.execute(query).all()) for name, query in figures.items()}
