"""Booking sessions through the one clash rule; recording how they went; notes."""

import datetime as dt

import pytest
from sqlalchemy import select, text

from shelter_app.domain.errors import InputError, PermissionDenied
from shelter_app.domain.models import AuditEvent, CounsellingSession
from shelter_app.services.counselling import booking, session_notes, session_views
from shelter_app.services.counselling.booking import ClashesFound, SessionDraft
from tests.counselling.conftest import TODAY, at

MONDAY = dt.date(2026, 11, 23)


def individual(people, start, minutes=60, **changes):
    values = dict(kind="individual", start=start, minutes=minutes, counsellors=("rina",),
                  residents=(people.dewi,), room_id=people.melati)
    values.update(changes)
    return SessionDraft(**values)


def test_a_booking_is_saved_and_shown_on_the_week(admin, people):
    [sid] = booking.book(admin, individual(people, at(MONDAY, 9)))
    week = session_views.calendar(admin, MONDAY)
    assert [(s.id, s.kind, s.start.hour, s.room, s.counsellor_names) for s in week] == [
        (sid, "individual", 9, "Melati", ("Rina Psikolog",))]
    assert week[0].participants[0].label == "RA-2026-0001 D.L."
    assert session_views.calendar(admin, MONDAY, counsellor="budi") == []
    assert session_views.calendar(admin, MONDAY, room_id=people.kenanga) == []


def test_each_clash_is_named_and_nothing_is_saved_until_confirmed(admin, people):
    booking.book(admin, individual(people, at(MONDAY, 9)))
    clashing = SessionDraft("group", at(MONDAY, 9, 30), 60, ("rina", "budi"),
                            (people.dewi, people.agus), room_id=people.melati)
    found = booking.check(admin, clashing)
    assert [c.kind for c in found] == ["counsellor", "resident", "room"]
    assert "Rina Psikolog already has a session on" in found[0].text
    assert "at 09:00" in found[0].text
    assert "RA-2026-0001 (D.L.) is already in a session" in found[1].text
    assert "Room Melati is taken" in found[2].text
    with pytest.raises(ClashesFound) as refused:
        booking.book(admin, clashing)
    assert "Rina Psikolog" in str(refused.value)
    assert len(session_views.calendar(admin, MONDAY)) == 1
    booking.book(admin, clashing, confirm_clashes=True)
    week = session_views.calendar(admin, MONDAY)
    assert [s.clash_confirmed for s in week] == [False, True]


def test_a_bedroom_is_never_a_sessions_room(admin, people):
    """Sessions are held in the counselling rooms: the choices offer only those, and a
    bedroom is refused wherever a booking comes from (the dialog, a drag, the command
    line). A session already in a bedroom, from before, may keep it."""
    choices = session_views.choices(admin, TODAY)
    assert [name for _id, name in choices.rooms] == ["Kenanga", "Melati"]
    with pytest.raises(InputError, match="bedroom") as refused:
        booking.book(admin, individual(people, at(MONDAY, 9), room_id=people.bedroom))
    assert refused.value.field == "room"
    with pytest.raises(InputError, match="bedroom"):
        booking.check(admin, individual(people, at(MONDAY, 9), room_id=people.bedroom))
    [sid] = booking.book(admin, individual(people, at(MONDAY, 9)))
    with pytest.raises(InputError, match="bedroom"):
        booking.change(admin, individual(people, at(MONDAY, 10), room_id=people.bedroom,
                                         session_id=sid))
    with admin.session() as session:  # booked in a bedroom before the rule
        session.get(CounsellingSession, sid).room_id = people.bedroom
    booking.change(admin, individual(people, at(MONDAY, 11), room_id=people.bedroom,
                                     session_id=sid))
    booking.move(admin, sid, at(MONDAY, 12))
    assert [(s.start.hour, s.room_id) for s in session_views.calendar(admin, MONDAY)] == [
        (12, people.bedroom)]


def test_a_session_may_start_when_another_ends(admin, people):
    booking.book(admin, individual(people, at(MONDAY, 9)))
    assert booking.check(admin, individual(people, at(MONDAY, 10))) == []


def test_a_cancelled_session_frees_its_time(admin, people):
    [sid] = booking.book(admin, individual(people, at(MONDAY, 9)))
    booking.record_outcome(admin, sid, "cancelled")
    assert booking.check(admin, individual(people, at(MONDAY, 9))) == []


def test_bad_input_gets_one_message_and_nothing_is_saved(admin, people):
    cases = [
        (individual(people, at(MONDAY, 9), minutes=-30), "ends before it starts"),
        (individual(people, at(MONDAY, 9), minutes=0), "ends before it starts"),
        (individual(people, at(MONDAY, 9), counsellors=()), "at least one counsellor"),
        (individual(people, at(MONDAY, 9), counsellors=("admin",)), "not an active counsellor"),
        (individual(people, at(MONDAY, 9), residents=()), "at least one resident"),
        (individual(people, at(MONDAY, 9), residents=(people.dewi, people.agus)),
         "for one resident"),
        (individual(people, at(MONDAY, 9), kind="group"), "two residents or more"),
        (individual(people, at(MONDAY, 9), kind="family"), "at least one family member"),
        (individual(people, at(MONDAY, 9), kind="family", family=(people.uncle,)),
         "Paman must not visit"),
        (individual(people, at(MONDAY, 9), kind="family", residents=(people.agus,),
                    family=(people.mother,)), "belong to a resident in the session"),
        (individual(people, at(MONDAY, 9), weeks=0), "1 to 52 weeks"),
    ]
    for draft, message in cases:
        with pytest.raises(InputError) as refused:
            booking.book(admin, draft, confirm_clashes=True)
        assert message in str(refused.value), message
    with admin.session() as session:
        assert session.scalar(text("select count(*) from counselling_sessions")) == 0


def test_a_participant_discharged_before_the_day_is_a_clash_naming_them(admin, people):
    draft = individual(people, at(MONDAY, 9), residents=(people.sri,))
    [clash] = booking.check(admin, draft)
    assert clash.kind == "not_present"
    assert clash.text == "RA-2026-0003 (S.W.) is not in the shelter on 23 November 2026."


def test_a_weekly_series_past_the_stay_names_each_week_and_saves_nothing(admin, people):
    from shelter_app.services.residents import records

    records.discharge(admin, people.agus, TODAY, "referred")
    draft = individual(people, at(dt.date(2026, 11, 20), 14), residents=(people.agus,),
                       weeks=3)
    found = booking.check(admin, draft)
    assert [(c.kind, c.on) for c in found] == [("not_present", dt.date(2026, 11, 27)),
                                                ("not_present", dt.date(2026, 12, 4))]
    assert "RA-2026-0002 (A.S.) is not in the shelter on 4 December 2026." in str(
        found[1].text)
    with pytest.raises(ClashesFound):
        booking.book(admin, draft)
    with admin.session() as session:
        assert session.scalar(text("select count(*) from counselling_sessions")) == 0


def test_a_weekly_series_books_every_week_in_one_series(admin, people):
    ids = booking.book(admin, individual(people, at(MONDAY, 9), weeks=3))
    assert len(ids) == 3
    starts = [s.start for s in session_views.calendar(admin, MONDAY, days=21)]
    assert [s.date() for s in starts] == [MONDAY, MONDAY + dt.timedelta(7),
                                          MONDAY + dt.timedelta(14)]
    assert {s.hour for s in starts} == {9}
    assert len({s.series for s in session_views.calendar(admin, MONDAY, days=21)}) == 1


def test_moving_a_session_uses_the_same_check(admin, people):
    [first] = booking.book(admin, individual(people, at(MONDAY, 9)))
    [second] = booking.book(admin, individual(people, at(MONDAY, 11),
                                              counsellors=("budi",),
                                              residents=(people.agus,)))
    booking.move(admin, first, at(MONDAY, 9, 30))  # clashes with itself only
    with pytest.raises(ClashesFound):
        booking.move(admin, second, at(MONDAY, 10))  # the room is taken until 10:30
    booking.move(admin, second, at(MONDAY, 10), confirm_clashes=True)
    assert [s.start.time() for s in session_views.calendar(admin, MONDAY)] == [
        dt.time(9, 30), dt.time(10, 0)]


def test_outcome_and_attendance(admin, people):
    [sid] = booking.book(admin, SessionDraft(
        "family", at(MONDAY, 9), 90, ("rina",), (people.dewi,), (people.mother,)))
    view, _draft = session_views.detail(admin, sid)
    resident, mother = view.participants
    assert mother.label == "Parent (family)"
    with pytest.raises(InputError, match="whether they came"):
        booking.record_outcome(admin, sid, "held", {resident.id: True})
    with pytest.raises(InputError, match="no-show"):
        booking.record_outcome(admin, sid, "held", {resident.id: False, mother.id: False})
    booking.record_outcome(admin, sid, "held", {resident.id: True, mother.id: False})
    view, _draft = session_views.detail(admin, sid)
    assert [p.attended for p in view.participants] == [True, False]
    assert view.status == "held"
    [later] = booking.book(admin, individual(people, at(TODAY, 15)))
    with pytest.raises(InputError, match="not started yet"):
        booking.record_outcome(admin, later, "no_show")
    with pytest.raises(InputError, match="Only a planned session"):
        booking.move(admin, sid, at(MONDAY, 13))


def test_notes_are_for_counsellors_only_and_never_in_the_audit(admin, people, login_as):
    secret = "She spoke about the agent in Batam"
    [sid] = booking.book(admin, individual(people, at(MONDAY, 9)))
    counsellor = login_as("counsellor")
    session_notes.write(counsellor, sid, secret)
    assert session_notes.read(counsellor, sid) == secret
    for role in ("admin", "manager", "staff"):
        workspace = admin if role == "admin" else login_as(role)
        with pytest.raises(PermissionDenied):
            session_notes.read(workspace, sid)
        with pytest.raises(PermissionDenied):
            session_notes.write(workspace, sid, "x")
        assert session_views.calendar(workspace, MONDAY)[0].id == sid  # it happened
    with admin.session() as session:
        events = session.scalars(select(AuditEvent)).all()
        assert any(e.action == "session_notes" and e.entity_id == str(sid) for e in events)
        assert not any(secret in " ".join([e.entity, e.entity_id]) for e in events)
        loaded = session.scalars(select(CounsellingSession)).one()
        assert "notes" not in loaded.__dict__  # deferred: lists never load it


def test_staff_see_the_calendar_but_cannot_book(people, login_as):
    staff = login_as("staff")
    with pytest.raises(PermissionDenied):
        booking.book(staff, individual(people, at(MONDAY, 9)))


def test_a_new_booking_is_suggested_at_the_next_free_hour(admin, people, clock):
    """Sesi baru… suggested 09:00 today even at 14:20: the next whole hour that is not
    past, within office hours, when the counsellor and the room are free."""
    clock.now = at(TODAY, 14, 20).astimezone(dt.UTC)
    assert booking.suggested_start(admin, TODAY) == at(TODAY, 15)
    booking.book(admin, individual(people, at(TODAY, 15), minutes=90))  # Rina, Melati
    assert booking.suggested_start(admin, TODAY, ("rina",)) == at(TODAY, 17)
    assert booking.suggested_start(admin, TODAY, ("budi",), people.melati) == at(
        TODAY, 17)
    assert booking.suggested_start(admin, TODAY, ("budi",), people.kenanga) == at(
        TODAY, 15)
    clock.now = at(TODAY, 17, 30).astimezone(dt.UTC)  # the office day is over
    assert booking.suggested_start(admin, TODAY) == at(TODAY + dt.timedelta(days=1), 8)
    assert booking.suggested_start(admin, TODAY - dt.timedelta(days=3)) == at(
        TODAY + dt.timedelta(days=1), 8)  # never in the past
    next_week = TODAY + dt.timedelta(days=7)
    assert booking.suggested_start(admin, next_week) == at(next_week, 8)
