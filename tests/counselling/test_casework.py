"""Assessments with their versions, case conferences and the plans they make."""

import datetime as dt

import pytest
from sqlalchemy import select

from shelter_app.domain.errors import InputError, PermissionDenied
from shelter_app.domain.models import AuditEvent
from shelter_app.services.counselling import casework
from shelter_app.services.counselling.casework import (
    AssessmentData,
    CaseDecision,
    ConferenceData,
    GoalData,
)
from shelter_app.services.residents import records
from tests.counselling.conftest import TODAY


def assessment(problems="Trauma, no documents", **needs):
    return AssessmentData(TODAY, problems, needs or {"psychological": "Counselling",
                                                     "legal": "Police report"},
                          "Debt to the recruiter", "Safety, then documents")


def test_each_assessment_is_a_new_version_and_earlier_ones_are_kept(people, login_as):
    counsellor = login_as("counsellor")  # assessments' texts are sealed for counsellors
    assert casework.record_assessment(counsellor, people.dewi, assessment("First")) == 1
    assert casework.record_assessment(counsellor, people.dewi, assessment(
        "Second", health="HIV test", economic="Sewing course")) == 2
    versions = casework.assessments(counsellor, people.dewi)
    assert [(v.version, v.data.problems) for v in versions] == [(2, "Second"), (1, "First")]
    assert versions[0].data.needs == {"health": "HIV test", "economic": "Sewing course"}
    assert versions[1].assessed_by == "counsellor"


def test_an_assessment_needs_problems_and_a_past_date(people, login_as):
    counsellor = login_as("counsellor")
    with pytest.raises(InputError, match="required"):
        casework.record_assessment(counsellor, people.dewi, assessment("  "))
    with pytest.raises(InputError, match="future"):
        casework.record_assessment(counsellor, people.dewi, AssessmentData(
            TODAY + dt.timedelta(days=1), "x", {}, "", ""))
    with pytest.raises(InputError, match="unknown choice"):
        casework.record_assessment(counsellor, people.dewi, assessment(spiritual="x"))
    assert casework.assessments(counsellor, people.dewi) == []


def goal(text, target=TODAY + dt.timedelta(days=30), **changes):
    return GoalData(**{"domain": "economic", "goal": text, "actions": "Enrol",
                       "responsible": "Rina", "target_date": target, **changes})


def test_a_conference_creates_the_plan_and_moves_the_case_to_stage_3(admin, people):
    conference = ConferenceData(TODAY, "Rina (psychologist), Budi, P2TP2A officer",
                                "Both cases stay two more weeks",
                                (CaseDecision(people.dewi, "Start vocational training",
                                              (goal("Sewing course"),
                                               goal("Reproductive health check",
                                                    domain="health"))),
                                 CaseDecision(people.agus, "Wait for the police")))
    casework.record_conference(admin, conference)
    plan = casework.plan(admin, people.dewi)
    assert [g.goal for g in plan.goals] == ["Sewing course", "Reproductive health check"]
    assert plan.progress == (0, 2)
    assert plan.stage == "3"
    assert plan.conferences == [(TODAY, "Start vocational training")]
    assert records.profile(admin, people.dewi).stage_history[-1][0] == "3"
    assert casework.plan(admin, people.agus).stage == "1"  # no goals: no plan yet
    [summary] = casework.conferences(admin)
    assert summary.cases == ["RA-2026-0001 (D.L.)", "RA-2026-0002 (A.S.)"]


def test_a_later_conference_updates_the_plan(admin, people):
    casework.record_conference(admin, ConferenceData(
        TODAY - dt.timedelta(days=7), "Rina", "", (CaseDecision(
            people.dewi, "Plan", (goal("Sewing course", TODAY),)),)))
    [sewing] = casework.plan(admin, people.dewi).goals
    casework.record_conference(admin, ConferenceData(TODAY, "Rina", "", (CaseDecision(
        people.dewi, "Progress", (goal("Sewing course", TODAY, status="achieved",
                                       goal_id=sewing.id),
                                  goal("Return home", domain="social"))),)))
    plan = casework.plan(admin, people.dewi)
    assert [(g.goal, g.status) for g in plan.goals] == [("Sewing course", "achieved"),
                                                        ("Return home", "planned")]
    assert plan.progress == (1, 2)
    casework.set_goal_status(admin, plan.goals[1].id, "dropped")
    assert casework.plan(admin, people.dewi).progress == (1, 1)
    assert casework.next_stage("3") == "4" and casework.next_stage("6") is None


def test_bad_conferences_save_nothing(admin, people):
    bad = [
        (ConferenceData(TODAY, "", "", (CaseDecision(people.dewi, ""),)), "required"),
        (ConferenceData(TODAY, "Rina", "", ()), "at least one case"),
        (ConferenceData(TODAY, "Rina", "", (CaseDecision(people.dewi, ""),
                                           CaseDecision(people.dewi, ""))), "twice"),
        (ConferenceData(TODAY, "Rina", "", (CaseDecision(people.dewi, "", (
            goal("Late", TODAY - dt.timedelta(days=1)),)),)), "before the conference"),
        (ConferenceData(TODAY, "Rina", "", (CaseDecision(people.dewi, "", (
            goal(" "),)),)), "needs a description"),
        (ConferenceData(TODAY, "Rina", "", (CaseDecision(people.dewi, "", (
            goal("x", goal_id=999),)),)), "not in the resident's plan"),
    ]
    for data, message in bad:
        with pytest.raises(InputError, match=message):
            casework.record_conference(admin, data)
    assert casework.conferences(admin) == []
    assert casework.plan(admin, people.dewi).goals == []


def test_staff_do_not_see_case_work_and_the_audit_names_only_records(admin, people,
                                                                   login_as):
    casework.record_assessment(login_as("counsellor"), people.dewi,
                               assessment("Nightmares every night"))
    staff = login_as("staff")
    for call in (lambda: casework.assessments(staff, people.dewi),
                 lambda: casework.plan(staff, people.dewi),
                 lambda: casework.conferences(staff)):
        with pytest.raises(PermissionDenied):
            call()
    counsellor = login_as("counsellor")
    assert casework.assessments(counsellor, people.dewi)[0].version == 1
    with admin.session() as session:
        assert not any("Nightmares" in e.entity + e.entity_id
                       for e in session.scalars(select(AuditEvent)))
