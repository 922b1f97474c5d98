"""Finding 1: staff and counsellors cannot learn, by any path of the app, that a person
whose identity is hidden is or was in the shelter, from a real name or a NIK; duplicates
with a protected record are still caught, and only a manager is told."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from shelter_app.domain.errors import PermissionDenied
from shelter_app.services.administration import audit_log
from shelter_app.services.counselling import booking, session_views
from shelter_app.services.overview import dashboard
from shelter_app.services.referrals import institutions, letters, tracking
from shelter_app.services.referrals.institutions import InstitutionData
from shelter_app.services.referrals.tracking import ReferralData
from shelter_app.services.residents import forms, records, rooms
from shelter_app.services.residents import search as rs
from shelter_app.services.residents.fields import PersonData
from tests.conftest import ADMIN_PASSWORD
from tests.security.conftest import (
    BORN,
    NIK,
    POLICE_REPORT,
    PSEUDONYM,
    REAL_ALIAS,
    REAL_INITIALS,
    REAL_NAME,
    REGENCY,
    TODAY,
    leaked,
    real_person,
    stay,
)

WIB = dt.timezone(dt.timedelta(hours=7))


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data))
                             .pages).split())


def newcomer(**changes) -> PersonData:
    """What staff type at a new intake: the protected person's real name (and NIK)."""
    return real_person(hidden_identity=False, pseudonym="", police_report_number="",
                       regency="", **changes)


@pytest.mark.parametrize("typed", [{"nik": NIK}, {"nik": ""}])
def test_the_intake_duplicate_check_names_no_protected_record_to_staff(
        login_as, protected_person, typed):
    staff = login_as("staff")
    assert records.find_duplicates(staff, newcomer(**typed)) == []
    # a manager's check still finds it, by the NIK or by the name
    [found] = records.find_duplicates(login_as("manager"), newcomer(**typed))
    assert (found.case_number, found.shown_name, found.same_nik) == (
        protected_person.case_number, REAL_NAME, bool(typed["nik"]))


def test_admitting_with_a_protected_nik_goes_through_and_only_a_manager_is_told(
        login_as, protected_person):
    staff, counsellor = login_as("staff"), login_as("counsellor")
    admitted = records.admit_new(staff, newcomer(nik=NIK), stay(days_ago=1))
    assert records.profile(staff, admitted.person_id).data.nik == NIK
    for user in (staff, counsellor):
        with pytest.raises(PermissionDenied):
            dashboard.snapshot(user)
    manager = login_as("manager")  # the next login compares the admission
    alerts = dashboard.snapshot(manager).alerts
    assert [alert for alert in alerts if "protected record" in alert] == [
        f"Admission {admitted.case_number} may be the same person as the protected record "
        f"{protected_person.case_number} ({PSEUDONYM}). Compare the two records before "
        "anything is shared."]


def test_a_similar_name_is_caught_for_the_manager_too(login_as, protected_person):
    staff = login_as("staff")
    admitted = records.admit_new(staff, newcomer(nik="", full_name="Zulaika Quraisin "
                                                 "Xaverina"), stay(days_ago=1))
    other = records.admit_new(staff, newcomer(nik="", full_name="Agus Salim", sex="M"),
                              stay(days_ago=1))
    board = dashboard.snapshot(login_as("admin"))
    said = " ".join(board.alerts)
    assert f"Admission {admitted.case_number} may be" in said
    assert f"Admission {other.case_number}" not in said
    from shelter_app.services.residents import protected
    manager = login_as("manager")
    [notice] = protected.notices(manager)
    protected.dismiss(manager, [notice.notice_id])
    assert protected.notices(manager) == []
    assert protected.notices(staff) == []


def test_staff_and_counsellors_see_the_age_and_year_but_nothing_that_identifies(
        login_as, protected_person):
    for role in ("staff", "counsellor"):
        seen = records.profile(login_as(role), protected_person.person_id)
        assert seen.shown_name == PSEUDONYM and not seen.identity_visible
        assert seen.data.birth_date is None and seen.birth_year == BORN.year
        assert seen.age == 30 and records.age_today(seen) == 30
        assert (seen.data.regency, seen.data.police_report_number, seen.data.nik) == (
            "", "", "")
        assert leaked(repr(seen)) == []
    shown = records.profile(login_as("manager"), protected_person.person_id).data
    assert (shown.full_name, shown.nik, shown.birth_date, shown.regency,
            shown.police_report_number) == (REAL_NAME, NIK, BORN, REGENCY, POLICE_REPORT)


def test_letters_and_printed_forms_for_staff_carry_nothing_that_identifies(
        login_as, protected_person):
    staff = login_as("staff")
    legal = institutions.add(staff, InstitutionData("LBH Contoh", "legal_aid",
                                                    ("legal_litigation",)))
    referral = tracking.create(staff, ReferralData(protected_person.person_id, legal,
                                                   "legal_litigation", "Pendampingan"))
    letter = pdf_text(letters.letter(staff, referral, "en"))
    assert PSEUDONYM in letter and "30 years" in letter
    assert leaked(letter) == []
    form = pdf_text(forms.intake_form(staff, protected_person.person_id, "en"))
    assert PSEUDONYM in form and leaked(form) == []
    # the manager's letter does carry the police report a legal referral needs
    assert POLICE_REPORT in pdf_text(letters.letter(login_as("manager"), referral, "en"))


def test_search_lists_board_calendar_and_audit_give_staff_nothing_of_the_real_identity(
        login_as, protected_person):
    """A guard over every other path (these held before the fix too)."""
    pid = protected_person.person_id
    counsellor = login_as("counsellor")
    booking.book(counsellor, booking.SessionDraft(
        kind="individual", start=dt.datetime.combine(TODAY, dt.time(10), WIB), minutes=60,
        counsellors=("counsellor",), residents=(pid,)))
    for role in ("staff", "counsellor"):
        user = login_as(role)
        for typed in (REAL_NAME, "zulai", "xaverina", "ika", NIK, NIK[:6]):
            assert rs.search(user, rs.ResidentFilter(text=typed)) == []
        assert rs.search(user, rs.ResidentFilter(text=PSEUDONYM)) == [pid]
        seen = [rs.rows(user, [pid]), rooms.board(user), tracking.listing(user),
                session_views.calendar(user, TODAY), session_views.of_person(user, pid)]
        assert REAL_INITIALS not in repr(seen) and leaked(repr(seen)) == []
        with pytest.raises(PermissionDenied):
            audit_log.recent_events(user)


def test_managers_find_a_protected_person_by_real_name_and_nik(login_as, protected_person):
    pid = protected_person.person_id
    for role in ("manager", "admin"):
        user = login_as(role)
        for typed in ("zulai", "Quraisyin Xav", "ika", NIK, NIK[:6], "mawar",
                      protected_person.case_number, "zulaikha " + protected_person.case_number):
            assert rs.search(user, rs.ResidentFilter(text=typed)) == [pid], typed
        assert rs.search(user, rs.ResidentFilter(text="zulaikha agus")) == []
        assert rs.rows(user, [pid])[pid].label == REAL_INITIALS


def stored_identity(workspace, person_id):
    with workspace.session() as session:
        return session.execute(text(
            "SELECT full_name, alias, nik, sealed_full_name IS NOT NULL FROM persons "
            "WHERE id = :id"), {"id": person_id}).one()


def test_hiding_and_unhiding_seal_and_unseal_in_one_step(login_as):
    manager = login_as("manager")
    pid = records.admit_new(manager, newcomer(), stay()).person_id
    assert tuple(stored_identity(manager, pid)) == (REAL_NAME, REAL_ALIAS, NIK, False)
    data = records.profile(manager, pid).data
    data.hidden_identity, data.pseudonym = True, PSEUDONYM
    records.update_person(manager, pid, data)
    assert tuple(stored_identity(manager, pid)) == (PSEUDONYM, "", None, True)
    assert records.profile(manager, pid).data.full_name == REAL_NAME
    assert rs.search(manager, rs.ResidentFilter(text="xaverina")) == [pid]
    assert rs.search(login_as("staff"), rs.ResidentFilter(text="xaverina")) == []
    data.hidden_identity = False
    records.update_person(manager, pid, data)
    assert tuple(stored_identity(manager, pid)) == (REAL_NAME, REAL_ALIAS, NIK, False)
    assert rs.search(login_as("staff"), rs.ResidentFilter(text="xaverina")) == [pid]


def test_a_record_hidden_before_sealing_is_sealed_at_a_managers_login(login_as):
    staff = login_as("staff")
    pid = records.admit_new(staff, newcomer(), stay()).person_id
    with staff.session() as session:  # as a shelter upgraded from before sealing has it
        session.execute(text("UPDATE persons SET hidden_identity = 1, pseudonym = :p "
                             "WHERE id = :id"), {"p": PSEUDONYM, "id": pid})
    manager = login_as("manager")
    assert tuple(stored_identity(manager, pid)) == (PSEUDONYM, "", None, True)
    assert records.profile(manager, pid).data.nik == NIK
    assert rs.search(manager, rs.ResidentFilter(text="quraisyin")) == [pid]
    assert records.profile(staff, pid).data.nik == ""


def test_a_protected_identity_outlives_a_new_master_key(admin, protected_person):
    """The managers' key is not the database key: a rekey leaves the seal readable."""
    from shelter_app.services.administration import rekey

    rekey.rekey(admin, ADMIN_PASSWORD)  # after it, the administrator alone has a slot
    assert records.profile(admin, protected_person.person_id).shown_name == REAL_NAME
    assert rs.search(admin, rs.ResidentFilter(text="xaverina")) == [
        protected_person.person_id]
