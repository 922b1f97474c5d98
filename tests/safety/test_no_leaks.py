"""A marker typed into every free-text field, through every flow and its error paths,
must never appear in plain form anywhere: not in the data folder's files (the database
and backups are encrypted), temp files, logs, exports, reports or command-line output.

Fields are found by introspection, so fields added later are covered without editing
this test: any text field that accepts the marker gets it.
"""

import dataclasses
import datetime as dt
import logging
import os
import tempfile
import time
from pathlib import Path

import pytest

from shelter_app.cli import main
from shelter_app.domain.errors import ShelterError
from shelter_app.services.administration import backup
from shelter_app.services.counselling import (
    booking,
    casework,
    session_notes,
)
from shelter_app.services.counselling import (
    reports as session_reports,
)
from shelter_app.services.counselling.booking import SessionDraft
from shelter_app.services.counselling.casework import (
    AssessmentData,
    CaseDecision,
    ConferenceData,
    GoalData,
)
from shelter_app.services.residents import records, reports, rooms, visitors
from shelter_app.services.residents.fields import (
    ContactData,
    PersonData,
    StayData,
    contact_columns,
    person_columns,
    stay_columns,
)
from shelter_app.services.shared import reporting
from tests.conftest import ADMIN_PASSWORD

MARKER = "Zqxleakmarker"
TODAY = dt.date(2026, 11, 27)


def _marked(kind, check, base):
    """`base` with the marker in every str field that the checks accept it in."""
    value = base
    for field in dataclasses.fields(kind):
        if field.type not in ("str", str):
            continue
        trial = dataclasses.replace(value, **{field.name: f"{MARKER} {field.name}"})
        try:
            check(trial)
        except ShelterError:
            continue
        value = trial
    return value


def _files_under(folder: Path, since: float):
    """(path, content) of the files written since `since`. The temp folder is shared with
    other test workers, whose PostgreSQL clusters come and go while it is walked: a file
    or folder gone before it is read was not this test's (os.walk skips vanished folders)."""
    for root, _folders, names in os.walk(folder):
        for name in names:
            path = Path(root) / name
            try:
                if path.is_file() and path.stat().st_mtime >= since:
                    yield path, path.read_bytes()
            except OSError:
                continue


def _counselling(counsellor, person_id: int) -> None:
    """Notes, an assessment and a case conference full of the marker."""
    start = dt.datetime.combine(TODAY, dt.time(8), dt.timezone(dt.timedelta(hours=7)))
    [session_id] = booking.book(counsellor, SessionDraft(
        "individual", start, 60, ("counsellor",), (person_id,)), True)
    session_notes.write(counsellor, session_id, f"{MARKER} notes")
    casework.record_assessment(counsellor, person_id, AssessmentData(
        TODAY, f"{MARKER} problems", {"legal": f"{MARKER} need"}, f"{MARKER} cause",
        f"{MARKER} priorities"))
    casework.record_conference(counsellor, ConferenceData(
        TODAY, f"{MARKER} people", f"{MARKER} decisions", (CaseDecision(
            person_id, f"{MARKER} decision", (GoalData(
                "legal", f"{MARKER} goal", f"{MARKER} actions", f"{MARKER} who", TODAY),)),)))


def _gate(admin, person_id: int) -> None:
    """Visitors at the gate: checked, stopped, refused, let in and gone."""
    visitor = _marked(visitors.VisitorData, visitors.validate, visitors.VisitorData(name="x"))
    assert MARKER in visitor.name and MARKER in visitor.note
    records.add_contact(admin, person_id, ContactData(
        name="Bambang Prakoso", id_number="ZQX12345", must_not_visit=True,
        note=f"{MARKER} note"))
    visitors.check_visitor(admin, visitor, person_id)
    assert visitors.check_visitor(admin, dataclasses.replace(visitor, id_number="ZQX12345"),
                                  person_id).stop
    visitors.record_visit(admin, visitor, person_id, agreed=False, asked_by=f"{MARKER} asker")
    let_in = visitors.record_visit(admin, visitor, person_id, agreed=True,
                                   asked_by=f"{MARKER} asker")
    visitors.mark_left(admin, let_in.visit_id)
    for bad in (dataclasses.replace(visitor, id_number=f"{MARKER}!"),
                dataclasses.replace(visitor, phone=MARKER), visitors.VisitorData()):
        with pytest.raises(ShelterError) as raised:
            visitors.check_visitor(admin, bad, person_id)
        assert MARKER not in str(raised.value)
    assert visitors.visits_on(admin, TODAY) is not None
    assert len(visitors.visits_of(admin, person_id)) == 3


def _incidents(admin, case_number: str) -> None:
    """An incident with the marker in every free-text field, recorded, changed, refused
    (in the future, an unknown case number) and listed."""
    from shelter_app.services.residents import incidents

    base = incidents.IncidentData(kind="threat", severity="serious", description="x",
                                  at=admin.clock() - dt.timedelta(hours=1),
                                  case_numbers=(case_number,))
    incident = _marked(incidents.IncidentData, lambda d: incidents.validate(admin, d), base)
    assert all(MARKER in getattr(incident, name) for name in (
        "description", "action_taken", "told_detail", "follow_up"))
    made = incidents.record_incident(admin, incident)
    incidents.update_incident(admin, made, incident, None)
    for bad in (dataclasses.replace(incident, at=admin.clock() + dt.timedelta(days=1)),
                dataclasses.replace(incident, case_numbers=(MARKER,))):
        with pytest.raises(ShelterError) as raised:
            incidents.record_incident(admin, bad)
        assert MARKER.lower() not in str(raised.value).lower()
    assert len(incidents.list_incidents(admin)) == 1


def _safe(admin, person_id: int) -> None:
    """Documents in the office safe: received, lent, returned, handed back, receipts."""
    from shelter_app.services.residents import documents

    data = _marked(documents.DocumentData, documents.validate, documents.DocumentData(
        kind="other", received_on=TODAY - dt.timedelta(days=2), received_from="x",
        kept_at="x", description="x"))
    assert MARKER in data.kept_at and MARKER in data.received_from and MARKER in data.note
    moves = [documents.receive(admin, person_id, data)]
    [row] = documents.documents_of(admin, person_id)
    moves.append(documents.lend(admin, row.document_id, TODAY - dt.timedelta(days=1),
                                "police", f"{MARKER} police", f"{MARKER} note"))
    for bad in (lambda: documents.give_back(admin, row.document_id,
                                            TODAY - dt.timedelta(days=2), MARKER),
                lambda: documents.hand_back(admin, row.document_id, TODAY, MARKER),
                lambda: documents.receive(admin, person_id, dataclasses.replace(
                    data, received_on=TODAY + dt.timedelta(days=1)))):
        with pytest.raises(ShelterError) as raised:
            bad()
        assert MARKER not in str(raised.value)
    moves.append(documents.give_back(admin, row.document_id, TODAY, f"{MARKER} by",
                                     f"{MARKER} note"))
    moves.append(documents.hand_back(admin, row.document_id, TODAY, f"{MARKER} by",
                                     f"{MARKER} note"))
    for movement in moves:
        assert documents.receipt(admin, movement).startswith(b"%PDF")


def _training(admin, person_id: int) -> None:
    """A course, its participant and a placement with the marker in every free-text
    field, recorded, with results and checks, and refused: no message repeats it."""
    from shelter_app.services.counselling import training
    from shelter_app.services.referrals import placements

    course = _marked(training.CourseData, lambda d: training.validate_course(admin, d),
                     training.CourseData("x", "sewing", None, TODAY - dt.timedelta(days=3),
                                         TODAY))
    assert MARKER in course.title and MARKER in course.place and MARKER in course.note
    course_id = training.add_course(admin, course)
    joined = training.enrol(admin, course_id, person_id, f"{MARKER} note")
    training.record_result(admin, joined, "completed", completed_on=TODAY,
                           certificate_number=f"{MARKER} no", note=f"{MARKER} note")
    placement = _marked(placements.PlacementData,
                        lambda d: placements.validate(admin, person_id, d),
                        placements.PlacementData("business", None, "x",
                                                 TODAY - dt.timedelta(days=1),
                                                 startup_value=100_000))
    assert MARKER in placement.readiness and MARKER in placement.startup_help
    made = placements.add_placement(admin, person_id, placement)
    placements.record_check(admin, made, TODAY, "difficulties", f"{MARKER} note")
    for bad in (lambda: training.add_course(admin, dataclasses.replace(course, skill=MARKER)),
                lambda: training.add_course(admin, dataclasses.replace(
                    course, ends_on=TODAY - dt.timedelta(days=9))),
                lambda: placements.add_placement(admin, person_id, dataclasses.replace(
                    placement, kind=MARKER)),
                lambda: placements.record_check(admin, made, TODAY, MARKER, MARKER)):
        with pytest.raises(ShelterError) as raised:
            bad()
        assert MARKER.lower() not in str(raised.value).lower()
    assert training.training_of(admin, person_id) and placements.placements_of(admin,
                                                                              person_id)


def test_the_marker_never_appears_in_plain_form(admin, data_dir, tmp_path, caplog, capsys,
                                                monkeypatch, login_as):
    caplog.set_level(logging.DEBUG)
    started = time.time() - 1
    person = _marked(PersonData, lambda d: person_columns(d, TODAY), PersonData(
        full_name="x", sex="F", birth_date=dt.date(1990, 1, 1)))
    stay = _marked(StayData, lambda d: stay_columns(d, TODAY), StayData(
        admission_date=TODAY - dt.timedelta(days=5)))
    contact = _marked(ContactData, contact_columns, ContactData(name="x"))
    assert sum(MARKER in str(v) for v in dataclasses.asdict(person).values()) >= 8

    rooms.create_room(admin, f"{MARKER} room", "female", 2)
    admitted = records.admit_new(admin, person, stay, [contact])
    records.add_contact(admin, admitted.person_id, contact)
    records.update_person(admin, admitted.person_id, person)
    records.profile(admin, admitted.person_id)
    for bad in (dataclasses.replace(person, nik=f"{MARKER}123"),
                dataclasses.replace(person, birth_date=TODAY + dt.timedelta(days=3))):
        with pytest.raises(ShelterError) as raised:
            records.admit_new(admin, bad, stay)
        assert MARKER not in str(raised.value)
    records.discharge(admin, admitted.person_id, TODAY - dt.timedelta(days=1), "other",
                      f"{MARKER} destination")
    records.readmit(admin, admitted.person_id, dataclasses.replace(
        stay, admission_date=TODAY, evacuated_on=TODAY))

    _counselling(login_as("counsellor"), admitted.person_id)
    _gate(admin, admitted.person_id)
    _safe(admin, admitted.person_id)
    _incidents(admin, admitted.case_number)
    _training(admin, admitted.person_id)

    exports = tmp_path / "exports"
    exports.mkdir()
    backup.backup(admin, exports, "kunci cadangan")
    period = reporting.period(TODAY - dt.timedelta(days=30), TODAY)
    for fmt in reporting.FORMATS:
        reports.write_occupancy(admin, period, exports / f"occupancy.{fmt}", fmt)
    reports.export_stays(admin, exports / "stays.csv")
    for fmt in reporting.FORMATS:
        session_reports.write(admin, period, exports / f"sessions.{fmt}", fmt)
    session_reports.write_schedule(admin, TODAY, exports / "schedule.pdf")
    admin.close_database()

    monkeypatch.setenv("SHELTER_PASSWORD", "wrong " + MARKER)
    monkeypatch.setattr("sys.stdin", None)
    main(["--data-dir", str(data_dir), "users", "--user", MARKER.lower(), "list"])
    main(["--data-dir", str(data_dir), "report", "occupancy", "--from", MARKER, "--to",
          "2026-11-01", "--out", str(exports / "x.pdf"), "--user", "admin"])
    monkeypatch.setenv("SHELTER_PASSWORD", ADMIN_PASSWORD)
    main(["--data-dir", str(data_dir), "form", "intake", "--case", MARKER, "--out",
          str(exports / "f.pdf"), "--user", "admin"])
    for visitor in (["--name", MARKER], ["--name", f"{MARKER} x", "--id-number", MARKER],
                    ["--id-number", f"{MARKER}?"], ["--phone", MARKER]):
        main(["--data-dir", str(data_dir), "visitors", "check", *visitor, "--user", "admin"])

    printed = capsys.readouterr()
    assert MARKER.lower() not in (printed.out + printed.err).lower()
    assert MARKER.lower() not in caplog.text.lower()
    searched = 0
    for folder in (data_dir, tmp_path, Path(tempfile.gettempdir())):
        for path, content in _files_under(folder, started):
            searched += 1
            for form in (MARKER.encode(), MARKER.lower().encode(), MARKER.encode("utf-16-le")):
                assert form not in content, f"the marker is readable in {path.name}"
    assert searched >= 8
