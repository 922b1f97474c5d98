"""The incident form's resident search (find_residents), the list by period and by what
is still open, and the users shown by display name (services/residents/incidents.py)."""

import datetime as dt

import pytest

from shelter_app.domain.errors import InputError
from shelter_app.domain.roles import Role
from shelter_app.services.administration import users
from shelter_app.services.residents import incidents, records
from shelter_app.services.residents.fields import PersonData, StayData
from shelter_app.services.residents.incidents import IncidentData
from tests.conftest import ADMIN_PASSWORD
from tests.incidents.conftest import TODAY


def _incident(clock, **changes) -> IncidentData:
    values = dict(kind="threat", at=clock() - dt.timedelta(hours=3), severity="serious",
                  description="A man at the gate threatened the guard.")
    values.update(changes)
    return IncidentData(**values)


def _cases(found) -> list[str]:
    return [candidate.case_number for candidate in found]


def test_staff_find_a_resident_by_part_of_a_name_or_a_case_number(admin, residents,
                                                                    login_as):
    staff = login_as("staff")
    (dewi,) = incidents.find_residents(staff, "dew")
    assert (dewi.case_number, dewi.shown_name, dewi.present) == (residents.dewi,
                                                                "Dewi Lestari", True)
    assert _cases(incidents.find_residents(staff, "lestari de")) == [residents.dewi]
    assert _cases(incidents.find_residents(staff, residents.agus.lower())) == [residents.agus]
    assert incidents.find_residents(staff, "nobody here") == []
    assert incidents.find_residents(staff, " -- ") == []  # nothing to search by


def test_a_hidden_person_is_found_by_her_pseudonym_never_by_her_name_by_staff(
        admin, residents, login_as):
    staff = login_as("staff")
    assert incidents.find_residents(staff, "Sri") == []
    assert incidents.find_residents(staff, "wahyuni") == []
    (found,) = incidents.find_residents(staff, "mawar")
    assert (found.case_number, found.shown_name) == (residents.hidden, "Mawar 3")
    assert "Sri" not in repr(incidents.find_residents(staff, residents.hidden))


def test_a_manager_holding_the_key_finds_her_by_name_shown_as_in_the_incident(
        admin, residents, login_as):
    manager = login_as("manager")
    (found,) = incidents.find_residents(manager, "sri wah")
    assert found.case_number == residents.hidden
    assert found.shown_name == "Mawar 3"  # as the incident's rows show her


def test_those_staying_now_come_first(admin, residents, login_as, clock):
    left = records.admit_new(admin, PersonData(
        full_name="Dewi Anggraini", sex="F", birth_date=dt.date(1990, 1, 2)),
        StayData(admission_date=TODAY - dt.timedelta(days=30)))
    records.discharge(admin, left.person_id, TODAY - dt.timedelta(days=2), "left")
    found = incidents.find_residents(login_as("staff"), "dewi")
    assert _cases(found) == [residents.dewi, left.case_number]
    assert [candidate.present for candidate in found] == [True, False]


def test_the_list_by_period_and_what_is_still_open(admin, residents, clock):
    old = incidents.record_incident(admin, _incident(clock, at=clock() - dt.timedelta(days=9)))
    low = incidents.record_incident(admin, _incident(clock, severity="low", kind="conflict"))
    handled = incidents.record_incident(admin, _incident(clock, severity="critical"))
    incidents.mark_handled(admin, handled)
    today = incidents.today_and_zone(admin)[0]
    ids = [row.incident_id for row in incidents.list_incidents(admin, first=today - dt.timedelta(
        days=1), last=today)]
    assert sorted(ids) == sorted([low, handled])
    assert [r.incident_id for r in incidents.list_incidents(admin, open_only=True)] == [old]
    assert [r.incident_id for r in incidents.list_incidents(
        admin, last=today - dt.timedelta(days=5))] == [old]
    assert incidents.list_incidents(admin, first=today + dt.timedelta(days=1)) == []


def test_the_days_are_the_shelters(admin, residents, clock):
    """23:30 in Jakarta on the 26th is 16:30 UTC: it belongs to the 26th."""
    zone = incidents.today_and_zone(admin)[1]
    at = dt.datetime(2026, 11, 26, 23, 30, tzinfo=zone)
    made = incidents.record_incident(admin, _incident(clock, at=at))
    day = dt.date(2026, 11, 26)
    assert [r.incident_id for r in incidents.list_incidents(admin, first=day, last=day)] == [made]
    assert incidents.list_incidents(admin, first=day + dt.timedelta(days=1),
                                    last=day + dt.timedelta(days=1)) == []


@pytest.mark.parametrize("changes", [
    dict(first=dt.date(2026, 11, 20), last=dt.date(2026, 11, 10)),
    dict(kind="burglary"),
    dict(severity="huge"),
])
def test_a_bad_list_request_is_refused(admin, residents, changes):
    with pytest.raises(InputError):
        incidents.list_incidents(admin, **changes)


def test_users_are_shown_by_display_name_and_kept_by_username(admin, residents, clock,
                                                               login_as, data_dir):
    users.add_user(admin, "budi", Role.STAFF, ADMIN_PASSWORD, display_name="Budi Santoso")
    users.add_user(admin, "ratna", Role.MANAGER, ADMIN_PASSWORD, display_name="Ratna Dewi")
    made = incidents.record_incident(login_as("staff", "budi"), _incident(clock))
    incidents.mark_handled(login_as("manager", "ratna"), made)
    row = incidents.get_incident(admin, made)
    assert (row.recorded_by, row.handled_by) == ("budi", "ratna")
    assert (row.recorded_by_name, row.handled_by_name) == ("Budi Santoso", "Ratna Dewi")
    assert row.recorded_at == clock()
    unnamed = incidents.record_incident(admin, _incident(clock))  # no display name: as is
    assert incidents.get_incident(admin, unnamed).recorded_by_name == "admin"
