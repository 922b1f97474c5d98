"""Two computers saving at once (issue 15): nothing is lost or silently overwritten.

Each test runs on the file on one PC and on a real PostgreSQL server, with two users
logged in from two workspaces. A save made from what a screen read earlier is refused
when the record was saved since ("Someone else changed this record..."); the races the
issue names (the same day's round, the same bed, the same room at the same minute) run
on two threads, paused after their check so that without the locks both would pass it.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import replace

import pytest
from sqlalchemy import func, select, text

from shelter_app.domain.errors import InputError, RecordChanged
from shelter_app.domain.models import BedAssignment, CounsellingSession, Person, ProvisionDay
from shelter_app.services.counselling import booking, session_edit, session_views
from shelter_app.services.counselling.booking import SessionDraft
from shelter_app.services.counselling.session_edit import Outcome, SessionEdit
from shelter_app.services.provisions import rounds
from shelter_app.services.referrals import followups, institutions, tracking
from shelter_app.services.referrals.institutions import InstitutionData
from shelter_app.services.residents import records, rooms
from shelter_app.services.residents.fields import ContactData, PersonData, StayData

TODAY = dt.date(2026, 11, 27)  # the FakeClock's day in Jakarta
WIB = dt.timezone(dt.timedelta(hours=7))
CHANGED = "Someone else changed this record. Reload it and make your change again."
PAUSE_S = 1.5  # how long the first racer waits after its check for the second


def admit(admin, name: str, sex: str = "F", days_ago: int = 5, bed: int | None = None,
          **more) -> int:
    return records.admit_new(admin, PersonData(full_name=name, sex=sex,
                                               birth_date=dt.date(1996, 5, 1), **more),
                             StayData(admission_date=TODAY - dt.timedelta(days=days_ago),
                                      bed_id=bed)).person_id


def race(*calls):
    """Run the calls at the same moment, one thread each: [(result, error)] in order."""
    outcomes: list = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def run(index, call):
        start.wait()
        try:
            outcomes[index] = (call(), None)
        except Exception as error:  # noqa: BLE001 - handed to the test to look at
            outcomes[index] = (None, error)

    threads = [threading.Thread(target=run, args=(index, call))
               for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(thread.is_alive() for thread in threads), "a save never finished"
    return outcomes


def pause_after(monkeypatch, owner, name: str) -> None:
    """The first racer to pass `name` (a check) waits there for the second: without a
    lock both would check before either saved. With one, the second waits for the lock,
    the first gives up waiting after PAUSE_S and saves, then the second checks."""
    original = getattr(owner, name)
    both_checked = threading.Barrier(2, timeout=PAUSE_S)

    def paused(*args, **kwargs):
        result = original(*args, **kwargs)
        try:
            both_checked.wait()
        except threading.BrokenBarrierError:
            pass
        return result

    monkeypatch.setattr(owner, name, paused)


def one_won(outcomes, error_type):
    """The one error of a race where exactly one save went through."""
    errors = [error for _result, error in outcomes if error is not None]
    assert len(errors) == 1, outcomes
    assert isinstance(errors[0], error_type), repr(errors[0])
    return errors[0]


# -- a record saved from what a screen showed -----------------------------------------

def test_an_update_meeting_a_newer_version_is_refused_and_saves_nothing(admin):
    person_id = admit(admin, "Dewi Lestari")
    with pytest.raises(RecordChanged, match=CHANGED), admin.session() as session:
        person = session.get(Person, person_id)
        # another computer's save, between this one's read and its write
        session.execute(text("UPDATE persons SET version = version + 1 WHERE id = :id"),
                        {"id": person_id})
        person.alias = "Wati"
        session.flush()
    assert records.profile(admin, person_id).data.alias == ""


def test_the_profile_saved_from_a_stale_form_is_refused(admin, login_as):
    staff, manager = login_as("staff"), login_as("manager")
    person_id = admit(admin, "Dewi Lestari")
    seen_by_staff = records.profile(staff, person_id)
    seen_by_manager = records.profile(manager, person_id)

    theirs = replace(seen_by_manager.data, alias="Wati")
    records.update_person(manager, person_id, theirs, seen_by_manager.version)
    mine = replace(seen_by_staff.data, pregnant=True)
    with pytest.raises(RecordChanged, match=CHANGED):
        records.update_person(staff, person_id, mine, seen_by_staff.version)

    saved = records.profile(staff, person_id)
    assert (saved.data.alias, saved.data.pregnant) == ("Wati", False)  # theirs, whole
    records.update_person(staff, person_id, replace(saved.data, pregnant=True),
                          saved.version)  # reloaded: the change goes in
    assert records.profile(staff, person_id).data.pregnant


def test_a_contact_changed_meanwhile_is_not_overwritten(admin, login_as):
    staff, manager = login_as("staff"), login_as("manager")
    person_id = admit(admin, "Dewi Lestari")
    records.add_contact(admin, person_id, ContactData(name="Paman", relation="relative"))
    seen = records.profile(staff, person_id).contacts[0]
    now = records.profile(manager, person_id).contacts[0]
    records.set_contact_flags(manager, now.contact_id, safe=False, must_not_visit=True,
                              expected_version=now.version)
    with pytest.raises(RecordChanged):
        records.update_contact(staff, seen.contact_id, ContactData(
            name="Paman", relation="relative", phone="0812 1111 2222"), seen.version)
    assert records.profile(admin, person_id).contacts[0].must_not_visit


def test_a_session_changed_by_one_counsellor_is_not_overwritten_by_another(
        admin, login_as, clock):
    rina, budi = login_as("counsellor", "rina"), login_as("counsellor", "budi")
    dewi = admit(admin, "Dewi Lestari")
    room = rooms.create_room(admin, "Ruang Konseling", "counselling", 0)
    [session_id] = booking.book(admin, SessionDraft(
        "individual", dt.datetime(2026, 11, 28, 10, tzinfo=WIB), 60, ("rina", "budi"),
        (dewi,), room_id=room))
    rina_view, rina_draft = session_views.detail(rina, session_id)
    budi_view, _budi_draft = session_views.detail(budi, session_id)

    later = replace(rina_draft, start=dt.datetime(2026, 11, 28, 14, tzinfo=WIB))
    session_edit.edit(rina, SessionEdit(session_id, booking=later,
                                        expected_version=rina_view.version))
    with pytest.raises(RecordChanged, match=CHANGED):
        session_edit.edit(budi, SessionEdit(session_id, outcome=Outcome("cancelled"),
                                            expected_version=budi_view.version))
    view, _draft = session_views.detail(admin, session_id)
    assert (view.start.hour, view.status) == (14, "planned")


def test_a_referral_moved_on_elsewhere_is_not_moved_again_from_the_old_view(
        admin, login_as):
    staff, manager = login_as("staff"), login_as("manager")
    dewi = admit(admin, "Dewi Lestari", consent_sharing_on=TODAY,
                 consent_sharing_witness="Rina")
    hospital = institutions.add(admin, InstitutionData("RSUD Contoh", "hospital",
                                                       ("health_medical",)))
    referral = tracking.create(staff, tracking.ReferralData(dewi, hospital, "health_medical",
                                                            "Pemeriksaan"))
    seen_by_staff = tracking.detail(staff, referral)
    seen_by_manager = tracking.detail(manager, referral)
    tracking.advance(manager, referral, "sent", TODAY, "", seen_by_manager.version)
    with pytest.raises(RecordChanged, match=CHANGED):
        tracking.advance(staff, referral, "cancelled", TODAY, "Tidak jadi",
                         seen_by_staff.version)
    assert tracking.detail(admin, referral).status == "sent"


def test_rooms_institutions_and_visits_changed_meanwhile_are_refused(admin, login_as):
    staff, manager = login_as("staff"), login_as("manager")
    room_id = rooms.create_room(admin, "Mawar", "female", 2)
    seen_room = next(r for r in rooms.board(manager) if r.room_id == room_id)
    rooms.set_capacity(admin, room_id, 3, seen_room.version)
    with pytest.raises(RecordChanged):
        rooms.set_capacity(manager, room_id, 1, seen_room.version)
    assert len(next(r for r in rooms.board(admin) if r.room_id == room_id).beds) == 3

    place = institutions.add(admin, InstitutionData("LBH Contoh", "legal_aid"))
    [seen_by_staff] = institutions.directory(staff)
    [seen_by_manager] = institutions.directory(manager)
    institutions.update(manager, place, replace(seen_by_manager.data, phone="021 555 0101"),
                        seen_by_manager.version)
    with pytest.raises(RecordChanged):
        institutions.update(staff, place, replace(seen_by_staff.data, address="Jl. Baru"),
                            seen_by_staff.version)
    assert institutions.directory(admin)[0].data.address == ""

    sri = admit(admin, "Sri Wahyuni", days_ago=40)
    records.discharge(admin, sri, TODAY - dt.timedelta(days=20), "referred")
    followups.plan_visits(manager, sri)
    [first, *_rest] = followups.visits(manager, person_id=sri)
    followups.record_visit(admin, first.id, "done", TODAY, "Baik-baik saja", first.version)
    with pytest.raises(RecordChanged):
        followups.record_visit(manager, first.id, "missed", TODAY, "Tidak ada di rumah",
                               first.version)


def test_two_saves_of_one_profile_at_the_same_moment_let_exactly_one_through(
        admin, login_as, monkeypatch):
    """Both read the record before either writes: on the server the version decides at
    the database; on one PC the second waits for the first and is refused by it."""
    staff, manager = login_as("staff"), login_as("manager")
    person_id = admit(admin, "Dewi Lestari")
    seen = {who: records.profile(who, person_id) for who in (staff, manager)}
    pause_after(monkeypatch, records, "_person")
    outcomes = race(
        lambda: records.update_person(staff, person_id, replace(
            seen[staff].data, alias="Wati"), seen[staff].version),
        lambda: records.update_person(manager, person_id, replace(
            seen[manager].data, pregnant=True), seen[manager].version))
    error = one_won(outcomes, RecordChanged)
    assert str(error) == CHANGED
    data = records.profile(admin, person_id).data
    assert (data.alias == "Wati") != data.pregnant  # one whole change, never a mix


# -- the races the issue names --------------------------------------------------------

def _round_given(lines, quantity: int) -> dict[int, dict[int, int]]:
    return {line.stay_id: {item: quantity for item in line.package} for line in lines}


def test_the_same_days_round_confirmed_on_two_computers(admin, login_as):
    staff, manager = login_as("staff"), login_as("manager")
    admit(admin, "Dewi Lestari")
    admit(admin, "Agus Salim", sex="M", days_ago=2)
    here, there = rounds.daily_round(staff, TODAY), rounds.daily_round(manager, TODAY)
    seen_here = {line.stay_id: line.record_id for line in here}
    seen_there = {line.stay_id: line.record_id for line in there}

    saved = rounds.confirm_round(manager, TODAY, _round_given(there, 1), seen_there)
    # confirmed again before the round is read again: its own save is no one else's
    rounds.confirm_round(manager, TODAY, _round_given(there, 2), saved.records)
    with pytest.raises(RecordChanged, match="Someone else saved the round of 27 November "
                                            "2026 in the meantime, so nothing was saved"):
        rounds.confirm_round(staff, TODAY, _round_given(here, 1), seen_here)
    now = rounds.daily_round(staff, TODAY)
    assert all(set(line.quantities.values()) == {2} for line in now)  # theirs, kept

    rounds.confirm_round(staff, TODAY, _round_given(now, 1),  # read again: it goes in
                         {line.stay_id: line.record_id for line in now})
    assert all(set(line.quantities.values()) == {1}
               for line in rounds.daily_round(admin, TODAY))


def test_two_rounds_confirmed_at_the_same_moment(admin, login_as, monkeypatch):
    staff, manager = login_as("staff"), login_as("manager")
    admit(admin, "Dewi Lestari")
    lines = rounds.daily_round(staff, TODAY)
    seen = {line.stay_id: line.record_id for line in lines}
    pause_after(monkeypatch, rounds, "_check_unchanged")
    outcomes = race(lambda: rounds.confirm_round(staff, TODAY, _round_given(lines, 1), seen),
                    lambda: rounds.confirm_round(manager, TODAY, _round_given(lines, 2), seen))
    one_won(outcomes, RecordChanged)
    with admin.session() as session:
        assert session.scalar(select(func.count(ProvisionDay.id))) == 1


def test_the_same_bed_given_twice_at_the_same_moment(admin, login_as, house, monkeypatch):
    staff, manager = login_as("staff"), login_as("manager")
    dewi, wati = admit(admin, "Dewi Lestari"), admit(admin, "Wati Suryani")
    bed = house["Melati"][0]
    pause_after(monkeypatch, rooms, "_taken")
    outcomes = race(lambda: rooms.transfer(staff, dewi, bed),
                    lambda: rooms.transfer(manager, wati, bed))
    error = one_won(outcomes, InputError)
    assert (error.field, str(error)) == ("bed", "Bed 1 in Melati is already taken.")
    with admin.session() as session:
        assert session.scalar(select(func.count(BedAssignment.id)).where(
            BedAssignment.bed_id == bed, BedAssignment.end_date.is_(None))) == 1


def test_the_files_own_guard_of_a_bed_is_told_clearly(admin, login_as, house, monkeypatch):
    """Should a check ever miss (the index one_person_per_bed refuses the second), the
    user is told which bed, not a database error."""
    staff = login_as("staff")
    bed = house["Melati"][0]
    admit(admin, "Dewi Lestari", bed=bed)
    wati = admit(admin, "Wati Suryani")
    monkeypatch.setattr(rooms, "_taken", lambda *_args: False)
    with pytest.raises(InputError, match="Bed 1 in Melati was given to someone else a "
                                         "moment ago. Choose another bed.") as refused:
        rooms.transfer(staff, wati, bed)
    assert refused.value.field == "bed"
    assert records.profile(admin, wati).bed is None


def test_two_counsellors_book_the_same_room_at_the_same_minute(admin, login_as,
                                                               monkeypatch):
    rina, budi = login_as("counsellor", "rina"), login_as("counsellor", "budi")
    dewi, agus = admit(admin, "Dewi Lestari"), admit(admin, "Agus Salim", sex="M")
    room = rooms.create_room(admin, "Ruang Konseling", "counselling", 0)
    start = dt.datetime(2026, 11, 30, 10, tzinfo=WIB)
    pause_after(monkeypatch, booking, "_find")
    outcomes = race(
        lambda: booking.book(rina, SessionDraft("individual", start, 60, ("rina",), (dewi,),
                                                room_id=room)),
        lambda: booking.book(budi, SessionDraft("individual", start, 60, ("budi",), (agus,),
                                                room_id=room)))
    error = one_won(outcomes, booking.ClashesFound)
    assert [clash.kind for clash in error.clashes] == ["room"]
    assert "Room Ruang Konseling is taken on" in str(error)
    with admin.session() as session:
        assert session.scalar(select(func.count(CounsellingSession.id)).where(
            CounsellingSession.room_id == room)) == 1
