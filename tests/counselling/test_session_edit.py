"""Changing a session as the dialog does: its booking, how it went and its notes, in one
call and one transaction, all or nothing."""

import datetime as dt

import pytest
from sqlalchemy import event, select

from shelter_app.domain.errors import InputError, PermissionDenied
from shelter_app.domain.models import AuditEvent
from shelter_app.services.counselling import (
    booking,
    session_edit,
    session_notes,
    session_views,
)
from shelter_app.services.counselling.booking import ClashesFound, SessionDraft
from shelter_app.services.counselling.session_edit import Outcome, SessionEdit
from tests.counselling.conftest import at

MONDAY = dt.date(2026, 11, 23)
NOTES = "She spoke about the agent in Batam"


@pytest.fixture
def counsellor(login_as):
    return login_as("counsellor")


@pytest.fixture
def monday(admin, people):
    """Dewi's session with Rina on Monday at 9 in Melati (in the past, still planned),
    and Agus's with Budi at 11 in Kenanga."""
    [dewi] = booking.book(admin, SessionDraft("individual", at(MONDAY, 9), 60, ("rina",),
                                              (people.dewi,), room_id=people.melati))
    booking.book(admin, SessionDraft("individual", at(MONDAY, 11), 60, ("budi",),
                                     (people.agus,), room_id=people.kenanga))
    return dewi


def state(workspace, counsellor, session_id):
    """What a user would see of the session: when, where, how it went, the notes."""
    view, _draft = session_views.detail(workspace, session_id)
    return (view.start, view.room_id, view.status,
            [p.attended for p in view.participants],
            session_notes.read(counsellor, session_id))


def events(workspace, session_id) -> list[str]:
    with workspace.session() as session:
        return list(session.scalars(select(AuditEvent.action).where(
            AuditEvent.entity == "session", AuditEvent.entity_id == str(session_id))
            .order_by(AuditEvent.id)))


def whole_edit(workspace, session_id, people, *, start, room, came=True, notes=NOTES,
               confirm=False):
    """Moved, recorded as held (Dewi came or not) and notes written, as one edit."""
    view, draft = session_views.detail(workspace, session_id)
    [dewi] = view.participants
    booking = SessionDraft("individual", start, 60, draft.counsellors, draft.residents,
                           room_id=room)
    return SessionEdit(session_id, booking, confirm, Outcome("held", {dewi.id: came}), notes)


def test_a_whole_edit_is_one_transaction_with_one_event_per_kind(admin, people, monday,
                                                                   counsellor):
    edit = whole_edit(counsellor, monday, people, start=at(MONDAY, 13), room=people.kenanga)
    commits = []
    event.listen(counsellor.engine, "commit", lambda _connection: commits.append(1))
    session_edit.edit(counsellor, edit)
    assert len(commits) == 1
    start, room, status, attended, notes = state(admin, counsellor, monday)
    assert (start.time(), room, status, attended, notes) == (
        dt.time(13), people.kenanga, "held", [True], NOTES)
    assert events(admin, monday) == ["session_book", "session_change", "session_outcome",
                                     "session_notes"]
    with admin.session() as session:
        stored = session.scalars(select(AuditEvent)).all()
        assert not any(NOTES in f"{e.entity} {e.entity_id} {e.action}" for e in stored)


def test_a_clash_not_confirmed_leaves_time_outcome_and_notes_as_before(admin, people, monday,
                                                                        counsellor):
    before = state(admin, counsellor, monday)
    clashing = whole_edit(counsellor, monday, people, start=at(MONDAY, 11),
                          room=people.kenanga)  # Agus's room at that time
    with pytest.raises(ClashesFound, match="Room Kenanga is taken"):
        session_edit.edit(counsellor, clashing)
    assert state(admin, counsellor, monday) == before
    assert events(admin, monday) == ["session_book"]
    session_edit.edit(counsellor, whole_edit(counsellor, monday, people, start=at(MONDAY, 11),
                                             room=people.kenanga, confirm=True))
    assert state(admin, counsellor, monday)[1:] == (people.kenanga, "held", [True], NOTES)
    assert session_views.detail(admin, monday)[0].clash_confirmed


def test_notes_by_a_non_counsellor_refuse_the_whole_edit_and_the_refusal_is_audited(
        admin, people, monday, counsellor, login_as):
    before = state(admin, counsellor, monday)
    for role in ("admin", "manager"):  # both may book, neither may write notes
        workspace = admin if role == "admin" else login_as(role)
        with pytest.raises(PermissionDenied):
            session_edit.edit(workspace, whole_edit(workspace, monday, people,
                                                    start=at(MONDAY, 13), room=None))
        assert state(admin, counsellor, monday) == before
    assert events(admin, monday) == ["session_book"]
    with admin.session() as session:
        refused = session.scalars(select(AuditEvent.entity_id).where(
            AuditEvent.action == "permission_denied")).all()
    assert refused.count("session_notes") == 2
    # without notes the same edit is theirs to make
    session_edit.edit(admin, whole_edit(admin, monday, people, start=at(MONDAY, 13),
                                        room=None, notes=None))
    assert state(admin, counsellor, monday)[1:] == (None, "held", [True], "")


def test_staff_cannot_change_a_session_at_all(people, monday, login_as, admin, counsellor):
    staff = login_as("staff")
    before = state(admin, counsellor, monday)
    with pytest.raises(PermissionDenied):
        session_edit.edit(staff, SessionEdit(monday, outcome=Outcome("cancelled")))
    assert state(admin, counsellor, monday) == before


@pytest.mark.parametrize(("outcome", "message"), [
    (Outcome("held", {}), "whether they came"),
    ("nobody came", "no-show"),
    (Outcome("finished"), "unknown choice"),
    (Outcome("held", {999_999: True}), "unknown participant"),
    ("planned, yet she came", "once the session is held"),
])
def test_an_invalid_outcome_leaves_the_new_time_and_the_notes_unsaved(
        admin, people, monday, counsellor, outcome, message):
    before = state(admin, counsellor, monday)
    edit = whole_edit(counsellor, monday, people, start=at(MONDAY, 13), room=None,
                      came=False)
    if outcome == "planned, yet she came":
        edit = whole_edit(counsellor, monday, people, start=at(MONDAY, 13), room=None)
        edit = SessionEdit(monday, edit.booking, False,
                           Outcome("planned", edit.outcome.attended), edit.notes)
    elif outcome != "nobody came":
        edit = SessionEdit(monday, edit.booking, False, outcome, edit.notes)
    with pytest.raises(InputError, match=message):
        session_edit.edit(counsellor, edit)
    assert state(admin, counsellor, monday) == before
    assert events(admin, monday) == ["session_book"]


def test_notes_too_long_leave_the_booking_and_the_outcome_unsaved(admin, people, monday,
                                                                   counsellor):
    before = state(admin, counsellor, monday)
    edit = whole_edit(counsellor, monday, people, start=at(MONDAY, 13), room=None,
                      notes="x" * (session_notes.MAX_NOTES + 1))
    with pytest.raises(InputError, match="at most"):
        session_edit.edit(counsellor, edit)
    assert state(admin, counsellor, monday) == before


def test_a_booking_that_ends_before_it_starts_leaves_the_outcome_and_notes_unsaved(
        admin, people, monday, counsellor):
    before = state(admin, counsellor, monday)
    edit = whole_edit(counsellor, monday, people, start=at(MONDAY, 13), room=None)
    edit = SessionEdit(monday, SessionDraft(**{**edit.booking.__dict__, "minutes": -30}),
                       False, edit.outcome, edit.notes)
    with pytest.raises(InputError, match="ends before it starts"):
        session_edit.edit(counsellor, edit)
    assert state(admin, counsellor, monday) == before


def test_only_what_changed_is_written_and_audited(admin, people, monday, counsellor):
    _view, unchanged = session_views.detail(counsellor, monday)
    session_edit.edit(counsellor, SessionEdit(monday, unchanged, notes="Slept better"))
    assert events(admin, monday) == ["session_book", "session_notes"]
    session_edit.edit(counsellor, SessionEdit(monday, outcome=Outcome("no_show")))
    assert events(admin, monday)[-1] == "session_outcome"
    assert state(admin, counsellor, monday)[2:] == ("no_show", [False], "Slept better")


def test_attendance_follows_the_people_when_the_booking_changes_in_the_same_edit(
        admin, people, counsellor):
    [family] = booking.book(admin, SessionDraft(
        "family", at(MONDAY, 9), 90, ("rina",), (people.dewi,), (people.mother,)))
    view, draft = session_views.detail(counsellor, family)
    resident, mother = view.participants
    moved = SessionDraft("family", at(MONDAY, 14), 90, draft.counsellors, draft.residents,
                         draft.family, people.melati)
    session_edit.edit(counsellor, SessionEdit(
        family, moved, outcome=Outcome("held", {resident.id: True, mother.id: False})))
    after, _draft = session_views.detail(admin, family)
    assert (after.start.time(), after.room_id, after.status) == (dt.time(14), people.melati,
                                                                 "held")
    assert [(p.person_id, p.contact_id, p.attended) for p in after.participants] == [
        (people.dewi, None, True), (None, people.mother, False)]


def test_a_session_is_changed_one_at_a_time(admin, people, monday, counsellor):
    _view, draft = session_views.detail(counsellor, monday)
    series = SessionDraft(**{**draft.__dict__, "start": at(MONDAY, 13), "weeks": 3})
    with pytest.raises(InputError, match="one session at a time"):
        session_edit.edit(counsellor, SessionEdit(monday, series))
    with pytest.raises(InputError, match="no longer exists"):
        session_edit.edit(counsellor, SessionEdit(monday + 100, notes="x"))


@pytest.mark.parametrize("status", ["planned", "cancelled", "no_show"])
def test_who_came_is_recorded_only_for_a_session_held(admin, people, monday, counsellor,
                                                      status):
    """A planned session with "came" ticked was saved and the tick silently dropped: the
    counsellor believed attendance was recorded. It is refused, said at the attendance."""
    view, _draft = session_views.detail(counsellor, monday)
    [dewi] = view.participants
    before = state(admin, counsellor, monday)
    with pytest.raises(InputError, match="once the session is held") as refused:
        session_edit.edit(counsellor, SessionEdit(monday, outcome=Outcome(status,
                                                                          {dewi.id: True})))
    assert refused.value.field == "attendance"
    assert state(admin, counsellor, monday) == before
    session_edit.edit(counsellor, SessionEdit(monday, outcome=Outcome(status,
                                                                      {dewi.id: False})))
    assert state(admin, counsellor, monday)[2] == status
