"""Booking counselling sessions, once or weekly, moving them, and recording how they went.

Every booking path (the dialog, the calendar drag, the weekly series, the command line)
goes through `check()`, which asks domain/sessions.clashes() the one clash rule. A clash
is shown to the user, who changes the booking or confirms it on purpose; a booking that
ends before it starts is refused outright. Session notes live in session_notes.py.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_app.domain import rules
from shelter_app.domain.errors import InputError
from shelter_app.domain.models import (
    Contact,
    CounsellingSession,
    Person,
    Room,
    SessionCounsellor,
    SessionParticipant,
    Stay,
    User,
)
from shelter_app.domain.roles import Permission, Role
from shelter_app.domain.sessions import MAX_MINUTES, Booking, Calendar, Clash, clashes, weekly
from shelter_app.domain.vocab import SessionKind, SessionStatus
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date
from shelter_app.services.residents.rooms import check_session_room
from shelter_app.services.shared import audit, identity
from shelter_app.services.shared.concurrency import Lock, serialise
from shelter_app.services.shared.settings import shelter_zone
from shelter_app.services.shared.workspace import Workspace

MAX_WEEKS = 52
OFFICE_HOURS = range(8, 18)  # a suggested session starts at 08:00 to 17:00
SUGGEST_DAYS = 14


@dataclass(frozen=True)
class SessionDraft:
    """A booking as the user entered it. `start` is aware (any zone)."""

    kind: str
    start: dt.datetime
    minutes: int
    counsellors: tuple[str, ...]
    residents: tuple[int, ...]
    family: tuple[int, ...] = ()  # contact ids, family counselling only
    room_id: int | None = None
    weeks: int = 1
    session_id: int | None = None  # set when an existing session is changed


@dataclass(frozen=True)
class ClashInfo:
    kind: str
    text: str  # one line naming what clashes, in the user's language
    on: dt.date


class ClashesFound(InputError):
    """The booking clashes and the user has not confirmed it."""

    def __init__(self, found: list[ClashInfo]):
        lines = "\n".join("• " + clash.text for clash in found)
        super().__init__(_("This booking clashes:\n{clashes}\nChange it, or confirm that it "
                           "should be booked as it is.").format(clashes=lines), "clashes")
        self.clashes = found


@dataclass
class _Names:
    counsellors: dict[str, str] = field(default_factory=dict)
    residents: dict[int, str] = field(default_factory=dict)
    rooms: dict[int, str] = field(default_factory=dict)


def active_counsellors(session: Session) -> dict[str, str]:
    """{username: display name} of the counsellors who may be booked."""
    return {username: name or username for username, name in session.execute(
        select(User.username, User.display_name)
        .where(User.role == Role.COUNSELLOR.value, User.disabled.is_(False))
        .order_by(User.display_name, User.username))}


def _validate(session: Session, draft: SessionDraft) -> None:
    try:
        kind = SessionKind(draft.kind)
    except ValueError:
        raise InputError(_("An unknown choice was given."), "kind") from None
    if draft.start.tzinfo is None:
        raise InputError(_("Enter the day and the time of the session."), "start")
    if draft.minutes <= 0:
        raise InputError(_("The session ends before it starts."), "end")
    if draft.minutes > MAX_MINUTES:
        raise InputError(_("A session lasts at most 8 hours."), "end")
    if not 1 <= draft.weeks <= MAX_WEEKS:
        raise InputError(_("A weekly series has 1 to {weeks} weeks.").format(
            weeks=MAX_WEEKS), "weeks")
    if not draft.counsellors:
        raise InputError(_("Choose at least one counsellor."), "counsellors")
    known = active_counsellors(session)
    for username in draft.counsellors:
        if username not in known:
            raise InputError(_("{user} is not an active counsellor.").format(user=username),
                             "counsellors")
    if not draft.residents:
        raise InputError(_("Choose at least one resident."), "residents")
    if len(set(draft.residents)) != len(draft.residents):
        raise InputError(_("A resident is chosen twice."), "residents")
    found = set(session.scalars(select(Person.id).where(Person.id.in_(draft.residents))))
    if found != set(draft.residents):
        raise InputError(_("An unknown resident was chosen."), "residents")
    if kind == SessionKind.INDIVIDUAL and len(draft.residents) != 1:
        raise InputError(_("Individual counselling is for one resident."), "residents")
    if kind == SessionKind.GROUP and len(draft.residents) < 2:
        raise InputError(_("Group therapy is for two residents or more."), "residents")
    if kind != SessionKind.FAMILY and draft.family:
        raise InputError(_("Family members join family counselling only."), "family")
    if kind == SessionKind.FAMILY:
        if not draft.family:
            raise InputError(_("Family counselling needs at least one family member."),
                             "family")
        for contact in session.scalars(select(Contact).where(Contact.id.in_(draft.family))):
            if contact.person_id not in draft.residents:
                raise InputError(_("A family member must belong to a resident in the "
                                   "session."), "family")
            if contact.must_not_visit:
                raise InputError(_("{name} must not visit nor be told where the resident "
                                   "is, so cannot join a session.").format(name=contact.name),
                                 "family")
    if draft.room_id is not None:
        kept = session.scalar(select(CounsellingSession.room_id).where(
            CounsellingSession.id == draft.session_id)) if draft.session_id else None
        check_session_room(session, draft.room_id, kept)


def _bookings(draft: SessionDraft) -> list[Booking]:
    first = Booking(draft.start, draft.minutes, frozenset(draft.counsellors),
                    frozenset(draft.residents), draft.room_id, draft.session_id)
    return weekly(first, draft.weeks)


def _nearby(session: Session, booking: Booking) -> Calendar:
    """The sessions that could overlap `booking`, straight from the start-time index."""
    rows = session.execute(
        select(CounsellingSession.id, CounsellingSession.starts_at,
               CounsellingSession.minutes, CounsellingSession.room_id)
        .where(CounsellingSession.starts_at >= booking.start - dt.timedelta(
                   minutes=MAX_MINUTES),
               CounsellingSession.starts_at < booking.end,
               CounsellingSession.status != SessionStatus.CANCELLED.value)).all()
    ids = [row[0] for row in rows]
    counsellors: dict[int, set[str]] = {}
    residents: dict[int, set[int]] = {}
    if ids:
        for session_id, username in session.execute(
                select(SessionCounsellor.session_id, SessionCounsellor.username)
                .where(SessionCounsellor.session_id.in_(ids))):
            counsellors.setdefault(session_id, set()).add(username)
        for session_id, person_id in session.execute(
                select(SessionParticipant.session_id, SessionParticipant.person_id)
                .where(SessionParticipant.session_id.in_(ids),
                       SessionParticipant.person_id.is_not(None))):
            residents.setdefault(session_id, set()).add(person_id)
    return Calendar(Booking(start, minutes, frozenset(counsellors.get(sid, ())),
                            frozenset(residents.get(sid, ())), room, sid)
                    for sid, start, minutes, room in rows)


def _stays(session: Session, people) -> dict[int, list[tuple[dt.date, dt.date | None]]]:
    stays: dict[int, list] = {}
    for person_id, admitted, discharged in session.execute(
            select(Stay.person_id, Stay.admission_date, Stay.discharge_date)
            .where(Stay.person_id.in_(list(people)))):
        stays.setdefault(person_id, []).append((admitted, discharged))
    return stays


def _names(workspace: Workspace, session: Session, found: list[Clash]) -> _Names:
    names = _Names(counsellors=active_counsellors(session))
    people = {c.subject for c in found if c.kind in ("resident", "not_present")}
    if people:
        for pid, case, name, hidden, pseudonym in session.execute(
                select(Person.id, Person.case_number, Person.full_name,
                       Person.hidden_identity, Person.pseudonym)
                .where(Person.id.in_(people))):
            label = identity.list_label(workspace, name, hidden, pseudonym)
            names.residents[pid] = f"{case} ({label})"
    names.rooms = dict(session.execute(select(Room.id, Room.name)).all())
    return names


def _describe(clash: Clash, day: dt.date, names: _Names, zone) -> str:
    when = ""
    if clash.other_start is not None:
        when = clash.other_start.astimezone(zone).strftime("%H:%M")
    on = format_date(day)
    if clash.kind == "counsellor":
        who = names.counsellors.get(clash.subject, clash.subject)
        return _("{counsellor} already has a session on {day} at {time}.").format(
            counsellor=who, day=on, time=when)
    if clash.kind == "resident":
        return _("{resident} is already in a session on {day} at {time}.").format(
            resident=names.residents.get(clash.subject, "?"), day=on, time=when)
    if clash.kind == "room":
        return _("Room {room} is taken on {day} at {time}.").format(
            room=names.rooms.get(clash.subject, "?"), day=on, time=when)
    if clash.kind == "not_present":
        return _("{resident} is not in the shelter on {day}.").format(
            resident=names.residents.get(clash.subject, "?"), day=on)
    return _("The session ends before it starts.")


def _find(workspace: Workspace, session: Session, draft: SessionDraft) -> list[ClashInfo]:
    zone = shelter_zone(session)
    stays = _stays(session, draft.residents)

    def present_on(person_id: int, day: dt.date) -> bool:
        return any(rules.present_on(admitted, discharged, day)
                   for admitted, discharged in stays.get(person_id, ()))

    def local_day(moment: dt.datetime) -> dt.date:
        return moment.astimezone(zone).date()

    found: list[tuple[Clash, dt.date]] = []
    for booking in _bookings(draft):
        day = local_day(booking.start)
        found += [(clash, day) for clash in clashes(booking, _nearby(session, booking),
                                                    present_on, local_day)]
    if not found:
        return []  # the usual answer, as the user types: no names to look up
    names = _names(workspace, session, [clash for clash, _day in found])
    return [ClashInfo(clash.kind, _describe(clash, day, names, zone), day)
            for clash, day in found]


def check(workspace: Workspace, draft: SessionDraft) -> list[ClashInfo]:
    """What the booking clashes with, for the dialog to show as the user types."""
    workspace.require(Permission.VIEW_SESSIONS)
    with workspace.session() as session:
        _validate(session, draft)
        return _find(workspace, session, draft)


def suggested_start(workspace: Workspace, day: dt.date, counsellors: tuple[str, ...] = (),
                    room_id: int | None = None, minutes: int = 60) -> dt.datetime:
    """When a new session could start: the first whole hour of office hours on `day` or
    later that is not past and when the counsellors and the room are free (aware, in
    the shelter's zone). Within two weeks; else the first hour not past."""
    workspace.require(Permission.VIEW_SESSIONS)
    with workspace.session() as session:
        zone = shelter_zone(session)
        now = workspace.clock().astimezone(zone)
        first = max(day, now.date())
        candidates = [dt.datetime.combine(first + dt.timedelta(days=offset),
                                          dt.time(hour), zone)
                      for offset in range(SUGGEST_DAYS) for hour in OFFICE_HOURS]
        candidates = [start for start in candidates if start >= now]
        for start in candidates:
            booking = Booking(start, minutes, frozenset(counsellors), frozenset(), room_id)
            if not [clash for clash in clashes(booking, _nearby(session, booking),
                                               lambda *_who: True, lambda _at: first)
                    if clash.kind in ("counsellor", "room")]:
                return start
        return candidates[0]


def _participants(draft: SessionDraft, keep: dict | None = None) -> list[SessionParticipant]:
    keep = keep or {}
    return ([SessionParticipant(person_id=pid, attended=keep.get(("p", pid)))
             for pid in draft.residents]
            + [SessionParticipant(contact_id=cid, attended=keep.get(("c", cid)))
               for cid in draft.family])


def book(workspace: Workspace, draft: SessionDraft, confirm_clashes: bool = False
         ) -> list[int]:
    """Book the session (each week of a series), all or nothing. Returns the ids."""
    workspace.require(Permission.BOOK_SESSIONS)
    with workspace.session() as session:
        serialise(session, Lock.BOOKINGS)  # a booking made elsewhere meanwhile is seen
        _validate(session, draft)
        found = _find(workspace, session, draft)
        if found and not confirm_clashes:
            raise ClashesFound(found)
        series = uuid.uuid4().hex if draft.weeks > 1 else ""
        made = []
        for booking in _bookings(draft):
            row = CounsellingSession(
                kind=draft.kind, starts_at=booking.start, minutes=draft.minutes,
                room_id=draft.room_id, status=SessionStatus.PLANNED.value, series=series,
                clash_confirmed=bool(found), notes="", booked_by=workspace.user.username,
                recorded_at=workspace.clock(),
                counsellors=[SessionCounsellor(username=u) for u in sorted(
                    set(draft.counsellors))],
                participants=_participants(draft))
            session.add(row)
            made.append(row)
        session.flush()
        for row in made:
            workspace.audit(session, audit.Action.SESSION_BOOK, "session", row.id)
        return [row.id for row in made]


def load_row(session: Session, session_id: int) -> CounsellingSession:
    row = session.get(CounsellingSession, session_id)
    if row is None:
        raise InputError(_("This session no longer exists."), "session")
    return row


def same_booking(one: SessionDraft, other: SessionDraft) -> bool:
    """Whether two drafts book the same thing (order of choices aside)."""
    def key(d: SessionDraft):
        return (d.kind, d.start, d.minutes, frozenset(d.counsellors), frozenset(d.residents),
                frozenset(d.family), d.room_id)
    return key(one) == key(other)


def draft_of(row: CounsellingSession) -> SessionDraft:
    return SessionDraft(
        row.kind, row.starts_at, row.minutes, tuple(c.username for c in row.counsellors),
        tuple(p.person_id for p in row.participants if p.person_id is not None),
        tuple(p.contact_id for p in row.participants if p.contact_id is not None),
        row.room_id, 1, row.id)


def change(workspace: Workspace, draft: SessionDraft, confirm_clashes: bool = False) -> None:
    """Change one booked session (not the rest of its series); attendance already
    recorded for people who stay in it is kept."""
    workspace.require(Permission.BOOK_SESSIONS)
    if draft.session_id is None:
        raise InputError(_("Only one session at a time can be changed."), "session")
    with workspace.session() as session:
        apply_change(workspace, session, load_row(session, draft.session_id), draft,
                     confirm_clashes)


def apply_change(workspace: Workspace, session: Session, row: CounsellingSession,
                 draft: SessionDraft, confirm_clashes: bool) -> None:
    """change() inside the caller's transaction (the permission already checked)."""
    if draft.session_id != row.id or draft.weeks != 1:
        raise InputError(_("Only one session at a time can be changed."), "session")
    serialise(session, Lock.BOOKINGS)
    _validate(session, draft)
    found = _find(workspace, session, draft)
    if found and not confirm_clashes:
        raise ClashesFound(found)
    keep = {participant_key(p): p.attended for p in row.participants}
    row.kind, row.starts_at, row.minutes = draft.kind, draft.start, draft.minutes
    row.room_id = draft.room_id
    row.clash_confirmed = bool(found)
    row.counsellors = [SessionCounsellor(username=u) for u in sorted(set(draft.counsellors))]
    row.participants = _participants(draft, keep)
    workspace.audit(session, audit.Action.SESSION_CHANGE, "session", row.id)


def participant_key(participant: SessionParticipant) -> tuple[str, int]:
    """Who a participant is, whatever row holds them: a change makes new rows."""
    if participant.person_id is not None:
        return ("p", participant.person_id)
    return ("c", participant.contact_id)


def move(workspace: Workspace, session_id: int, start: dt.datetime,
         confirm_clashes: bool = False) -> None:
    """The calendar drag: the same session at another time, through the same check."""
    with workspace.session() as session:
        row = load_row(session, session_id)
        if row.status != SessionStatus.PLANNED.value:
            raise InputError(_("Only a planned session can be moved."), "session")
        draft = replace(draft_of(row), start=start)
    change(workspace, draft, confirm_clashes)


def record_outcome(workspace: Workspace, session_id: int, status: str,
                   attended: dict[int, bool] | None = None) -> None:
    """Held (with who attended), cancelled, no-show, or back to planned.
    `attended` is {participant id: bool} and is needed for a held session."""
    workspace.require(Permission.BOOK_SESSIONS)
    with workspace.session() as session:
        apply_outcome(workspace, session, load_row(session, session_id), status, attended)


def apply_outcome(workspace: Workspace, session: Session, row: CounsellingSession,
                  status: str, attended: dict[int, bool] | None) -> None:
    """record_outcome() inside the caller's transaction (the permission already checked)."""
    try:
        status = SessionStatus(status).value
    except ValueError:
        raise InputError(_("An unknown choice was given."), "status") from None
    attended = attended or {}
    if status in ("held", "no_show") and row.starts_at > workspace.clock():
        raise InputError(_("This session has not started yet."), "status")
    ids = {p.id for p in row.participants}
    if set(attended) - ids:
        raise InputError(_("An unknown participant was given."), "attendance")
    if status != "held" and any(attended.values()):
        # a tick on a session not held was dropped unsaid: the counsellor believed it kept
        raise InputError(_("Who came is recorded once the session is held: set the status "
                           "to Held, or untick them."), "attendance")
    if status == "held":
        if set(attended) != ids:
            raise InputError(_("Record for each participant whether they came."),
                             "attendance")
        if not any(attended.values()):
            raise InputError(_("No one came: record the session as a no-show."),
                             "attendance")
    for participant in row.participants:
        participant.attended = (attended[participant.id] if status == "held"
                                else False if status == "no_show" else None)
    row.status = status
    workspace.audit(session, audit.Action.SESSION_OUTCOME, "session", row.id)


def draft_by_names(workspace: Workspace, *, kind: str, start: dt.datetime, minutes: int,
                   counsellors: list[str], cases: list[str], family: list[str],
                   room: str | None, weeks: int = 1) -> SessionDraft:
    """A draft from what a person types at the command line: case numbers, family
    members' names (among those cases' contacts) and a room name."""
    workspace.require(Permission.VIEW_SESSIONS)
    with workspace.session() as session:
        people = []
        for case in cases:
            pid = session.scalar(select(Person.id).where(Person.case_number == case.strip()))
            if pid is None:
                raise InputError(_("No case has the number {case}.").format(case=case),
                                 "residents")
            people.append(pid)
        contacts = []
        for name in family:
            found = session.scalars(select(Contact.id).where(
                Contact.person_id.in_(people),
                Contact.name.ilike(name.strip()))).all()
            if len(found) != 1:
                raise InputError(_("No single family member of these cases is called "
                                   "{name}.").format(name=name), "family")
            contacts.append(found[0])
        room_id = None
        if room:
            room_id = session.scalar(select(Room.id).where(Room.name.ilike(room.strip())))
            if room_id is None:
                raise InputError(_("No room is called {room}.").format(room=room), "room")
        zone = shelter_zone(session)
    if start.tzinfo is None:
        start = start.replace(tzinfo=zone)
    return SessionDraft(kind, start, minutes, tuple(counsellors), tuple(people),
                        tuple(contacts), room_id, weeks)
