"""Courses and who took part (services/counselling/training.py): planning, results and
certificates, bad input, who may do what, the hiding rules and the monthly counts."""

import datetime as dt

import pytest
from sqlalchemy import select

from shelter_app.domain.errors import InputError, PermissionDenied, RecordChanged
from shelter_app.domain.models import Course, CourseParticipant
from shelter_app.services.counselling import training
from shelter_app.services.counselling.training import CourseData
from tests.training.conftest import ADMITTED, TODAY


def course_data(**changes) -> CourseData:
    values = dict(title="Tata boga", skill="cooking", institution_id=None,
                  starts_on=TODAY - dt.timedelta(days=3), ends_on=TODAY, place="Dapur")
    values.update(changes)
    return CourseData(**values)


def test_a_course_with_its_participants_and_results(admin, people, login_as):
    counsellor = login_as("counsellor")
    dewi = training.enrol(counsellor, people.course, people.dewi)
    agus = training.enrol(counsellor, people.course, people.agus, note="ingin membuka usaha")
    training.record_result(counsellor, dewi, "completed", completed_on=TODAY,
                           certificate_number="BLK/2026/117")
    training.record_result(counsellor, agus, "dropped", note="pindah ke rumah keluarga")
    row = training.course(login_as("staff"), people.course)
    assert row.provider == "BLK Kota Contoh" and row.completed == 1
    by_person = {p.person_id: p for p in row.participants}
    assert by_person[people.dewi].certificate and by_person[people.dewi].completed_on == TODAY
    assert by_person[people.agus].status == "dropped" and not by_person[people.agus].certificate
    mine = training.training_of(admin, people.dewi)
    assert [t.course.data.title for t in mine] == ["Menjahit dasar"]
    assert mine[0].me.certificate_number == "BLK/2026/117"


def test_the_shelter_itself_runs_a_course_and_lists_are_newest_first(admin, people):
    ours = training.add_course(admin, course_data(starts_on=TODAY))
    assert [c.course_id for c in training.courses(admin)] == [ours, people.course]
    assert training.course(admin, ours).provider == ""
    old = training.add_course(admin, course_data(starts_on=TODAY - dt.timedelta(days=90),
                                                 ends_on=TODAY - dt.timedelta(days=60)))
    assert old not in [c.course_id for c in training.courses(admin, since=TODAY)]


@pytest.mark.parametrize("changes, field", [
    (dict(title="  "), "title"),
    (dict(skill="juggling"), "skill"),
    (dict(starts_on=None), "starts_on"),
    (dict(ends_on=TODAY - dt.timedelta(days=10)), "ends_on"),
    (dict(institution_id=9999), "institution"),
    (dict(title="x" * 201), "title"),
])
def test_a_bad_course_saves_nothing(admin, people, changes, field):
    before = len(training.courses(admin))
    with pytest.raises(InputError) as raised:
        training.add_course(admin, course_data(**changes))
    assert raised.value.field == field and str(raised.value)
    assert len(training.courses(admin)) == before


def test_bad_results_are_refused(admin, people):
    dewi = training.enrol(admin, people.course, people.dewi)
    with pytest.raises(InputError, match="already"):
        training.enrol(admin, people.course, people.dewi)
    starts = TODAY - dt.timedelta(days=5)
    for day, field in ((None, "completed_on"), (starts - dt.timedelta(days=1), "completed_on"),
                       (TODAY + dt.timedelta(days=1), "completed_on")):
        with pytest.raises(InputError) as raised:
            training.record_result(admin, dewi, "completed", completed_on=day)
        assert raised.value.field == field
    with pytest.raises(InputError) as raised:
        training.record_result(admin, dewi, "dropped", certificate=True)
    assert raised.value.field == "certificate"
    with pytest.raises(InputError):
        training.record_result(admin, dewi, "graduated")
    with admin.reading() as session:
        assert session.get(CourseParticipant, dewi).status == "enrolled"


def test_only_residents_admitted_by_the_course_end_take_part(admin, people):
    early = training.add_course(admin, course_data(starts_on=ADMITTED - dt.timedelta(days=30),
                                                   ends_on=ADMITTED - dt.timedelta(days=1)))
    with pytest.raises(InputError) as raised:
        training.enrol(admin, early, people.dewi)
    assert raised.value.field == "person"
    with pytest.raises(InputError):
        training.enrol(admin, people.course, 99999)


def test_a_course_cannot_move_after_somebody_completed_it(admin, people):
    dewi = training.enrol(admin, people.course, people.dewi)
    training.record_result(admin, dewi, "completed", completed_on=TODAY - dt.timedelta(days=1))
    row = training.course(admin, people.course)
    with pytest.raises(InputError) as raised:
        training.update_course(admin, people.course,
                               course_data(starts_on=TODAY, ends_on=None), row.version)
    assert raised.value.field == "starts_on"


def test_a_stale_edit_is_refused(admin, people):
    row = training.course(admin, people.course)
    training.update_course(admin, people.course, course_data(), row.version)
    with pytest.raises(RecordChanged):
        training.update_course(admin, people.course, course_data(title="Lain"), row.version)


def test_taking_out_by_mistake_only_before_a_result(admin, people):
    dewi = training.enrol(admin, people.course, people.dewi)
    agus = training.enrol(admin, people.course, people.agus)
    training.record_result(admin, agus, "dropped")
    training.withdraw(admin, dewi)
    with pytest.raises(InputError):
        training.withdraw(admin, agus)
    with admin.reading() as session:
        assert [r.person_id for r in session.scalars(select(CourseParticipant))] == [people.agus]


def test_staff_read_but_do_not_write(people, login_as):
    staff = login_as("staff")
    assert training.courses(staff)
    with pytest.raises(PermissionDenied):
        training.add_course(staff, course_data())
    with pytest.raises(PermissionDenied):
        training.enrol(staff, people.course, people.dewi)
    with staff.reading() as session:
        assert len(session.scalars(select(Course)).all()) == 1


def test_a_hidden_participant_is_shown_by_her_pseudonym_to_staff(admin, people, login_as):
    training.enrol(admin, people.course, people.hidden)
    shown = {p.shown_name for p in training.course(login_as("staff"), people.course)
             .participants}
    assert "Mawar 3" in shown and "Sri Wahyuni" not in shown


def test_monthly_counts_by_sex(admin, people):
    dewi = training.enrol(admin, people.course, people.dewi)
    training.enrol(admin, people.course, people.agus)
    training.record_result(admin, dewi, "completed", completed_on=TODAY, certificate=True)
    first, last = TODAY.replace(day=1), TODAY.replace(day=30)
    with admin.reading() as session:
        counts = training.counts_between(session, first, last)
        assert counts["took_part"] == {"F": 1, "M": 1}
        assert counts["completed"] == {"F": 1} and counts["certificates"] == {"F": 1}
        assert training.counts_between(session, TODAY.replace(month=10, day=1),
                                       TODAY.replace(month=10, day=31))["took_part"] == {}
