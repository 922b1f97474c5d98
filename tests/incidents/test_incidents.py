"""Incidents (services/residents/incidents.py): recording, editing, bad input, who may
do what, the hiding rules, the dashboard's alert and the monthly counts."""

import datetime as dt

import pytest
from sqlalchemy import select

from shelter_app.domain.errors import InputError, PermissionDenied, RecordChanged
from shelter_app.domain.models import Incident
from shelter_app.services.residents import incidents
from shelter_app.services.residents.incidents import IncidentData


def data(clock, **changes) -> IncidentData:
    values = dict(kind="threat", at=clock() - dt.timedelta(hours=3), severity="serious",
                  description="A man at the gate threatened the guard.",
                  action_taken="Gate locked, police called.", told=("police",),
                  told_detail="Polsek, 23:40")
    values.update(changes)
    return IncidentData(**values)


def test_an_incident_is_recorded_with_who_was_involved(admin, residents, clock, login_as):
    staff = login_as("staff")
    made = incidents.record_incident(staff, data(
        clock, case_numbers=(residents.dewi, residents.agus.lower(), residents.dewi),
        told=("family", "police")))
    row = incidents.get_incident(staff, made)
    assert [p.case_number for p in row.involved] == sorted([residents.dewi, residents.agus])
    assert row.told == ("police", "family") and row.recorded_by == "staff"
    assert row.alerting and incidents.kind_label(row.kind) == "Threat"


def test_newest_first_and_filters(admin, residents, clock):
    old = incidents.record_incident(admin, data(clock, at=clock() - dt.timedelta(days=3),
                                                kind="conflict", severity="low"))
    new = incidents.record_incident(admin, data(clock))
    assert [r.incident_id for r in incidents.list_incidents(admin)] == [new, old]
    assert [r.incident_id for r in incidents.list_incidents(admin, kind="conflict")] == [old]
    assert [r.incident_id for r in incidents.list_incidents(admin, severity="serious")] == [new]


@pytest.mark.parametrize("changes, field", [
    (dict(at=None), "at"),
    (dict(kind=""), "kind"),
    (dict(description="  "), "description"),
    (dict(case_numbers=("RA-1999-9999",)), "case_numbers"),
    (dict(severity="huge"), "severity"),
    (dict(told=("neighbours",)), "told"),
])
def test_bad_input_saves_nothing(admin, residents, clock, changes, field):
    with pytest.raises(InputError) as raised:
        incidents.record_incident(admin, data(clock, **changes))
    assert raised.value.field == field and str(raised.value)
    with admin.reading() as session:
        assert session.scalars(select(Incident)).first() is None


def test_an_incident_in_the_future_is_refused(admin, residents, clock):
    with pytest.raises(InputError, match="future"):
        incidents.record_incident(admin, data(clock, at=clock() + dt.timedelta(hours=1)))


def test_a_resident_admitted_after_the_incident_is_refused(admin, residents, clock):
    """The tester recorded an incident of the night before two residents were admitted,
    and it was saved."""
    before = clock() - dt.timedelta(days=11)  # the residents came ten days ago
    with pytest.raises(InputError, match="admitted after this incident") as raised:
        incidents.record_incident(admin, data(clock, at=before,
                                              case_numbers=(residents.dewi,)))
    assert raised.value.field == "case_numbers"
    assert incidents.list_incidents(admin) == []
    incidents.record_incident(admin, data(clock, at=before))  # nobody named: fine


def test_a_follow_up_done_before_the_incident_is_refused(admin, residents, clock):
    at = clock() - dt.timedelta(days=2)
    with pytest.raises(InputError, match="before the incident"):
        incidents.record_incident(admin, data(
            clock, at=at, follow_up="Talk to her", follow_up_done_on=at.date()
            - dt.timedelta(days=2)))
    made = incidents.record_incident(admin, data(
        clock, at=at, follow_up="Talk to her", follow_up_done_on=clock().date()))
    assert incidents.get_incident(admin, made).follow_up_done_on == clock().date()


def test_an_unknown_case_number_is_refused(admin, residents, clock):
    with pytest.raises(InputError, match="case numbers"):
        incidents.record_incident(admin, data(clock, case_numbers=("ra-1999-9999",)))


def test_editing_is_version_checked_and_changes_who_was_involved(admin, residents, clock,
                                                                 login_as):
    made = incidents.record_incident(admin, data(clock, case_numbers=(residents.dewi,)))
    row = incidents.get_incident(admin, made)
    staff = login_as("staff")
    incidents.update_incident(staff, made, data(
        clock, case_numbers=(residents.agus,), follow_up="Check again tomorrow"),
        row.version)
    again = incidents.get_incident(admin, made)
    assert [p.case_number for p in again.involved] == [residents.agus]
    assert again.follow_up == "Check again tomorrow"
    with pytest.raises(RecordChanged):
        incidents.update_incident(admin, made, data(clock), row.version)


def test_counsellors_read_but_do_not_write(admin, residents, clock, login_as):
    made = incidents.record_incident(admin, data(clock))
    counsellor = login_as("counsellor")
    assert [r.incident_id for r in incidents.list_incidents(counsellor)] == [made]
    with pytest.raises(PermissionDenied):
        incidents.record_incident(counsellor, data(clock))
    with pytest.raises(PermissionDenied):
        incidents.mark_handled(login_as("staff"), made)


def test_a_hidden_person_is_listed_by_pseudonym_to_staff(admin, residents, clock, login_as):
    made = incidents.record_incident(admin, data(clock, case_numbers=(residents.hidden,)))
    staff = login_as("staff")
    (involved,) = incidents.get_incident(staff, made).involved
    assert involved.shown_name == "Mawar 3"
    assert "Sri" not in repr(incidents.incidents_of(staff, residents.hidden_id))
    (mine,) = incidents.incidents_of(staff, residents.hidden_id)
    assert mine.incident_id == made


def test_serious_ones_alert_until_a_manager_marks_them_handled(admin, residents, clock,
                                                               login_as):
    low = incidents.record_incident(admin, data(clock, severity="low"))
    serious = incidents.record_incident(admin, data(clock, severity="serious"))
    critical = incidents.record_incident(admin, data(clock, severity="critical"))
    with admin.reading() as session:
        assert {a.incident_id for a in incidents.alerts(session)} == {serious, critical}
    manager = login_as("manager")
    incidents.mark_handled(manager, serious)
    with pytest.raises(InputError):
        incidents.mark_handled(manager, serious)
    with admin.reading() as session:
        assert [a.incident_id for a in incidents.alerts(session)] == [critical]
    assert incidents.get_incident(admin, serious).handled_by == "manager"
    assert low


def test_counts_between(admin, residents, clock):
    incidents.record_incident(admin, data(clock, kind="conflict", severity="low"))
    incidents.record_incident(admin, data(clock, kind="conflict", severity="serious"))
    incidents.record_incident(admin, data(clock, at=clock() - dt.timedelta(days=40)))
    with admin.reading() as session:
        counts = incidents.counts_between(session, clock() - dt.timedelta(days=1), clock())
    assert counts == {("conflict", "low"): 1, ("conflict", "serious"): 1}


def test_the_dashboard_alerts_the_manager_until_handled(admin, residents, clock, login_as):
    from shelter_app.services.overview import dashboard

    made = incidents.record_incident(admin, data(clock, kind="self_harm",
                                                 severity="critical"))
    incidents.record_incident(admin, data(clock, severity="low"))
    manager = login_as("manager")
    board = dashboard.snapshot(manager)
    assert [a.incident_id for a in board.incident_alerts] == [made]
    assert sum("Self-harm" in line for line in board.alerts) == 1
    incidents.mark_handled(manager, made)
    board = dashboard.snapshot(manager)
    assert not board.incident_alerts and not any("Self-harm" in a for a in board.alerts)


def test_the_monthly_report_counts_incidents_by_kind_and_severity(admin, residents, clock):
    from shelter_app.reports.overview import monthly as monthly_report
    from shelter_app.services.overview import monthly

    incidents.record_incident(admin, data(clock, kind="conflict", severity="low"))
    incidents.record_incident(admin, data(clock, kind="conflict", severity="serious"))
    incidents.record_incident(admin, data(clock, at=clock() - dt.timedelta(days=40)))
    report = monthly.gather(admin, monthly.month_of(clock().date()))
    assert report.incidents_by_kind == {"conflict": 2}
    document = monthly_report.to_dict(report)
    assert {"severity": "serious", "incidents": 1} in document["incidents_by_severity"]
    assert "incidents_by_kind,conflict" in monthly_report.to_csv(report).replace("\r", "")
    assert monthly_report.render_pdf(report, shelter_name="X", made_at=clock(),
                                     made_by="admin", time_zone="Asia/Jakarta")[:4] == b"%PDF"
