"""The demo shows training and placement: courses past, running and coming, with results
and certificates; placements of residents who left with how they went at their visits,
and a planned one."""

import pytest
from sqlalchemy import func, select

from shelter_app.domain.models import Placement, Stay
from shelter_app.services.counselling import training
from shelter_app.services.referrals import placements

pytestmark = pytest.mark.file_only


def test_the_demo_has_training_and_placement(tmp_path, clock):
    from shelter_app.services.administration import demo

    workspace = demo.create_demo(tmp_path / "demo", residents=40, clock=clock)
    try:
        courses = training.courses(workspace)
        assert len(courses) == 7 and all(course.participants for course in courses)
        results = {p.status for c in courses for p in c.participants}
        assert results == {"enrolled", "completed", "dropped"}
        assert any(p.certificate_number for c in courses for p in c.participants)
        with workspace.reading() as session:
            people = session.scalars(select(Placement.person_id)).all()
            admitted = {p: min(session.scalars(select(Stay.admission_date)
                                               .where(Stay.person_id == p))) for p in people}
        rows = [row for person in set(people) for row in placements.placements_of(workspace,
                                                                                 person)]
        assert {row.status for row in rows} >= {"started", "planned"}
        assert any(check.at_follow_up for row in rows for check in row.checks)
        assert all(row.data.starts_on >= admitted[row.person_id] for row in rows)
        for course in courses:  # nobody took part before she was admitted
            for person in course.participants:
                with workspace.reading() as session:
                    first = min(session.scalars(select(Stay.admission_date)
                                                .where(Stay.person_id == person.person_id)))
                assert first <= (course.data.ends_on or course.data.starts_on)
        _nothing_before_admission(workspace)
    finally:
        workspace.close_database()


def _nothing_before_admission(workspace) -> None:
    """The tester found demo visits and incidents dated before the resident came."""
    from shelter_app.domain.models import Incident, IncidentPerson, Visit

    with workspace.reading() as session:
        first = dict(session.execute(select(Stay.person_id, func.min(Stay.admission_date))
                                     .group_by(Stay.person_id)).all())
        visits = session.execute(select(Visit.person_id, Visit.at)
                                 .where(Visit.person_id.isnot(None))).all()
        involved = session.execute(select(IncidentPerson.person_id, Incident.at).join(
            Incident, Incident.id == IncidentPerson.incident_id)).all()
    from zoneinfo import ZoneInfo

    from shelter_app.services.administration.demo import DEMO_TIME_ZONE

    zone = ZoneInfo(DEMO_TIME_ZONE)  # the days are the shelter's
    assert visits and all(first[p] <= at.astimezone(zone).date() for p, at in visits)
    assert involved and all(first[p] <= at.astimezone(zone).date() for p, at in involved)
