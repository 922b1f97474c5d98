"""Placement by interest (services/referrals/placements.py): recording, start-up help in
rupiah, how it went (on its own or with a follow-up visit), bad input, who may do what
and the monthly counts."""

import datetime as dt

import pytest
from sqlalchemy import select

from shelter_app.domain.errors import InputError, PermissionDenied
from shelter_app.domain.models import FollowUp, Placement, PlacementCheck
from shelter_app.services.referrals import followups, placements
from shelter_app.services.referrals.placements import PlacementData
from shelter_app.services.residents import records
from tests.training.conftest import ADMITTED, TODAY


def work(people, **changes) -> PlacementData:
    values = dict(kind="business", place="Warung jahit di desa asal",
                  starts_on=TODAY - dt.timedelta(days=2),
                  readiness="Menyelesaikan kursus menjahit; siap membuka usaha.",
                  startup_help="Mesin jahit dan modal kain", startup_value=2_500_000)
    values.update(changes)
    return PlacementData(**values)


def test_a_placement_and_how_it_went(admin, people, login_as):
    counsellor = login_as("counsellor")
    made = placements.add_placement(counsellor, people.dewi, work(people))
    placements.record_check(counsellor, made, TODAY, "difficulties", "Sewa tempat naik.")
    [row] = placements.placements_of(login_as("staff"), people.dewi)
    assert row.status == "started" and row.data.startup_value == 2_500_000
    assert row.last_outcome == "difficulties" and row.checks[0].note == "Sewa tempat naik."
    placements.record_check(counsellor, made, TODAY, "ended", "Kembali ke keluarga.")
    [row] = placements.placements_of(admin, people.dewi)
    assert row.status == "ended" and row.ended_on == TODAY
    assert placements.open_placement_of(admin, people.dewi) is None
    with pytest.raises(InputError, match="ended"):
        placements.record_check(admin, made, TODAY, "going_well")


def test_a_planned_placement_starts_when_its_day_comes(admin, people, clock):
    made = placements.add_placement(admin, people.agus, work(
        people, kind="work", institution_id=people.centre, place="",
        starts_on=TODAY + dt.timedelta(days=3), startup_help="", startup_value=None))
    assert placements.placements_of(admin, people.agus)[0].status == "planned"
    clock.now += dt.timedelta(days=3)
    [row] = placements.placements_of(admin, people.agus)
    assert row.status == "started" and row.institution == "BLK Kota Contoh"
    assert placements.open_placement_of(admin, people.agus).placement_id == made


@pytest.mark.parametrize("changes, field", [
    (dict(kind="travel"), "kind"),
    (dict(starts_on=None), "starts_on"),
    (dict(starts_on=ADMITTED - dt.timedelta(days=1)), "starts_on"),
    (dict(place=" "), "place"),
    (dict(institution_id=9999), "institution"),
    (dict(startup_value=-5), "startup_value"),
    (dict(startup_value=10**12), "startup_value"),
    (dict(readiness="x" * 4001), "readiness"),
])
def test_a_bad_placement_saves_nothing(admin, people, changes, field):
    with pytest.raises(InputError) as raised:
        placements.add_placement(admin, people.dewi, work(people, **changes))
    assert raised.value.field == field and str(raised.value)
    with admin.reading() as session:
        assert session.scalars(select(Placement)).first() is None


def test_bad_checks_are_refused(admin, people):
    made = placements.add_placement(admin, people.dewi, work(people))
    starts = TODAY - dt.timedelta(days=2)
    for on, outcome, note, field in (
            (starts - dt.timedelta(days=1), "going_well", "", "on"),
            (TODAY + dt.timedelta(days=1), "going_well", "", "on"),
            (TODAY, "great", "", "outcome"),
            (TODAY, "difficulties", "  ", "note")):
        with pytest.raises(InputError) as raised:
            placements.record_check(admin, made, on, outcome, note)
        assert raised.value.field == field
    with admin.reading() as session:
        assert session.scalars(select(PlacementCheck)).first() is None


def test_a_follow_up_visit_records_how_the_placement_goes_or_nothing(admin, people, clock):
    made = placements.add_placement(admin, people.dewi, work(people))
    records.discharge(admin, people.dewi, TODAY, "family_reintegration")
    [visit_id] = followups.plan_visits(admin, people.dewi, [TODAY])
    with pytest.raises(InputError):  # a difficulty needs a note: the visit is not saved either
        followups.record_visit(admin, visit_id, "done", TODAY, "Sehat, usaha berjalan.",
                               placement=(made, "difficulties", ""))
    with admin.reading() as session:
        assert session.get(FollowUp, visit_id).status == "planned"
    followups.record_visit(admin, visit_id, "done", TODAY, "Sehat, usaha berjalan.",
                           placement=(made, "going_well", ""))
    [row] = placements.placements_of(admin, people.dewi)
    assert row.last_outcome == "going_well" and row.checks[0].at_follow_up


def test_a_visit_cannot_speak_for_another_residents_placement(admin, people):
    made = placements.add_placement(admin, people.agus, work(people))
    records.discharge(admin, people.dewi, TODAY, "family_reintegration")
    [visit_id] = followups.plan_visits(admin, people.dewi, [TODAY])
    with pytest.raises(InputError):
        followups.record_visit(admin, visit_id, "done", TODAY, "Baik.",
                               placement=(made, "going_well", ""))


def test_staff_read_but_do_not_write(people, login_as, admin):
    made = placements.add_placement(admin, people.dewi, work(people))
    staff = login_as("staff")
    assert placements.placements_of(staff, people.dewi)
    with pytest.raises(PermissionDenied):
        placements.add_placement(staff, people.dewi, work(people))
    with pytest.raises(PermissionDenied):
        placements.record_check(staff, made, TODAY, "going_well")


def test_monthly_counts_by_kind_and_sex(admin, people):
    placements.add_placement(admin, people.dewi, work(people))
    placements.add_placement(admin, people.agus, work(people, kind="work",
                                                      startup_value=None))
    placements.add_placement(admin, people.hidden, work(people, startup_value=500_000))
    with admin.reading() as session:
        counts = placements.counts_between(session, TODAY.replace(day=1), TODAY)
    assert counts["business"] == {"F": 2} and counts["work"] == {"M": 1}
    assert counts["startup_value"] == {"F": 3_000_000}
