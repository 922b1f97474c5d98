"""Case work: assessments (every version kept), case conferences (sidang kasus) and the
empowerment plan their decisions create or update. Counsellors, managers and
administrators only; the audit names the record, never its contents. An assessment's
free text is sealed under the counsellors' key (counselling/sealing.py): only those who
hold it record or read it; others see that a version exists, by whom and when."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy import func, select

from shelter_app.domain.errors import InputError
from shelter_app.domain.models import (
    Assessment,
    CaseConference,
    ConferenceCase,
    Person,
    PlanGoal,
    StageMove,
)
from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import CaseStage, GoalStatus, NeedDomain
from shelter_app.i18n import _
from shelter_app.services.counselling import sealing
from shelter_app.services.shared import audit, identity
from shelter_app.services.shared.settings import shelter_today
from shelter_app.services.shared.validation import free_text
from shelter_app.services.shared.workspace import Workspace

PLAN_STAGE = CaseStage.PLAN  # BAB III: the plan decided in a case conference
MAX_TEXT = 10_000  # assessments and conference decisions run longer than notes


def _text(value: str, field_name: str, required: bool = False) -> str:
    return free_text(value, field_name, required=required, limit=MAX_TEXT)


@dataclass(frozen=True)
class AssessmentData:
    assessed_on: dt.date
    problems: str
    needs: dict[str, str]  # need domain -> what is needed
    root_cause: str
    priorities: str


@dataclass(frozen=True)
class AssessmentVersion:
    version: int
    assessed_on: dt.date
    assessed_by: str
    data: AssessmentData  # its texts empty when `sealed`
    sealed: bool = False  # this user holds no counsellors' key to open the texts


@dataclass(frozen=True)
class GoalData:
    domain: str
    goal: str
    actions: str
    responsible: str
    target_date: dt.date
    status: str = GoalStatus.PLANNED.value
    goal_id: int | None = None  # an existing goal of the plan, to update


@dataclass(frozen=True)
class CaseDecision:
    person_id: int
    decision: str
    goals: tuple[GoalData, ...] = ()


@dataclass(frozen=True)
class ConferenceData:
    held_on: dt.date
    participants: str
    decisions: str
    cases: tuple[CaseDecision, ...]


@dataclass(frozen=True)
class Goal:
    id: int
    domain: str
    goal: str
    actions: str
    responsible: str
    target_date: dt.date
    status: str
    updated_on: dt.date


@dataclass(frozen=True)
class Plan:
    person_id: int
    stage: str
    goals: list[Goal] = field(default_factory=list)
    conferences: list[tuple[dt.date, str]] = field(default_factory=list)  # (day, decision)

    @property
    def progress(self) -> tuple[int, int]:
        """(achieved, goals that still count): dropped goals are left out."""
        counted = [g for g in self.goals if g.status != GoalStatus.DROPPED.value]
        return sum(g.status == GoalStatus.ACHIEVED.value for g in counted), len(counted)


@dataclass(frozen=True)
class ConferenceSummary:
    id: int
    held_on: dt.date
    participants: str
    cases: list[str]  # "case (initials)"
    decisions: str
    person_ids: list[int] = field(default_factory=list)


def _not_future(workspace: Workspace, session, day: dt.date | None) -> dt.date:
    if day is None:
        raise InputError(_("Enter the date."), "date")
    if day > shelter_today(workspace, session):
        raise InputError(_("This date is in the future."), "date")
    return day


def _person(session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise InputError(_("This resident no longer exists."), "person")
    return person


def may_record_assessment(workspace: Workspace) -> bool:
    """Case work and the counsellors' key that seals an assessment's text."""
    return (workspace.may(Permission.CASE_WORK)
            and workspace.role_key(sealing.COUNSELLORS) is not None)


def record_assessment(workspace: Workspace, person_id: int, data: AssessmentData) -> int:
    """A new version of the resident's assessment; returns its version number."""
    workspace.require(Permission.CASE_WORK)
    key = sealing.counsellors_key(workspace)
    problems = _text(data.problems, "problems", required=True)
    needs = {}
    for domain, need in data.needs.items():
        try:
            code = NeedDomain(domain).value
        except ValueError:
            raise InputError(_("An unknown choice was given."), "needs") from None
        if need.strip():
            needs[code] = _text(need, "needs")
    with workspace.session() as session:
        _person(session, person_id)
        on = _not_future(workspace, session, data.assessed_on)
        version = (session.scalar(select(func.max(Assessment.version))
                                  .where(Assessment.person_id == person_id)) or 0) + 1
        row = Assessment(person_id=person_id, version=version, assessed_on=on,
                         assessed_by=workspace.user.username, problems=problems,
                         needs_json=json.dumps(needs, ensure_ascii=False),
                         root_cause=_text(data.root_cause, "root_cause"),
                         priorities=_text(data.priorities, "priorities"),
                         recorded_at=workspace.clock())
        session.add(row)
        session.flush()
        sealing.seal_assessment(key, row)
        workspace.audit(session, audit.Action.ASSESSMENT, "assessment", row.id)
        return version


def assessments(workspace: Workspace, person_id: int) -> list[AssessmentVersion]:
    """Every version, newest first."""
    workspace.require(Permission.CASE_WORK)
    key = workspace.role_key(sealing.COUNSELLORS)
    with workspace.reading() as session:
        rows = session.scalars(select(Assessment).where(Assessment.person_id == person_id)
                               .order_by(Assessment.version.desc())).all()
        if key is None:
            return [AssessmentVersion(r.version, r.assessed_on, r.assessed_by, AssessmentData(
                r.assessed_on, "", {}, "", ""), sealed=True) for r in rows]
        return [AssessmentVersion(r.version, r.assessed_on, r.assessed_by, AssessmentData(
            r.assessed_on, *sealing.open_assessment(key, r))) for r in rows]


def _goal(data: GoalData, held_on: dt.date) -> GoalData:
    try:
        NeedDomain(data.domain)
        GoalStatus(data.status)
    except ValueError:
        raise InputError(_("An unknown choice was given."), "goals") from None
    if data.target_date is None or data.target_date < held_on:
        raise InputError(_("A goal's target date is before the conference."), "goals")
    if not data.goal.strip():
        raise InputError(_("Each goal needs a description."), "goals")
    return data


def record_conference(workspace: Workspace, data: ConferenceData) -> int:
    """Record the conference; each case's goals create or update its plan, and a case
    whose plan is new moves to stage 3 (the empowerment plan). All or nothing."""
    workspace.require(Permission.CASE_WORK)
    participants = _text(data.participants, "participants", required=True)
    if not data.cases:
        raise InputError(_("Choose at least one case that was discussed."), "cases")
    if len({case.person_id for case in data.cases}) != len(data.cases):
        raise InputError(_("A case is listed twice."), "cases")
    with workspace.session() as session:
        held_on = _not_future(workspace, session, data.held_on)
        goals = {case.person_id: [_goal(g, held_on) for g in case.goals]
                 for case in data.cases}
        conference = CaseConference(
            held_on=held_on, participants=participants,
            decisions=_text(data.decisions, "decisions"),
            recorded_by=workspace.user.username, recorded_at=workspace.clock(),
            cases=[ConferenceCase(person_id=case.person_id,
                                  decision=_text(case.decision, "decision"))
                   for case in data.cases])
        session.add(conference)
        session.flush()
        for case in data.cases:
            person = _person(session, case.person_id)
            had_plan = session.scalar(select(func.count(PlanGoal.id))
                                      .where(PlanGoal.person_id == person.id)) > 0
            for goal in goals[case.person_id]:
                _apply_goal(session, person.id, goal, conference.id, held_on)
            if goals[case.person_id] and not had_plan and person.stage < PLAN_STAGE:
                person.stage = PLAN_STAGE
                session.add(StageMove(person_id=person.id, stage=PLAN_STAGE,
                                      moved_on=held_on, username=workspace.user.username))
                workspace.audit(session, audit.Action.STAGE_MOVE, "person", person.id)
        workspace.audit(session, audit.Action.CONFERENCE, "conference", conference.id)
        return conference.id


def _apply_goal(session, person_id: int, data: GoalData, conference_id: int | None,
                on: dt.date) -> None:
    if data.goal_id is None:
        session.add(PlanGoal(person_id=person_id, domain=data.domain, goal=data.goal.strip(),
                             actions=data.actions.strip(),
                             responsible=data.responsible.strip(),
                             target_date=data.target_date, status=data.status,
                             conference_id=conference_id, updated_on=on))
        return
    goal = session.get(PlanGoal, data.goal_id)
    if goal is None or goal.person_id != person_id:
        raise InputError(_("This goal is not in the resident's plan."), "goals")
    goal.domain, goal.goal, goal.actions = data.domain, data.goal.strip(), data.actions.strip()
    goal.responsible, goal.target_date = data.responsible.strip(), data.target_date
    goal.status, goal.updated_on = data.status, on
    goal.conference_id = conference_id or goal.conference_id


def set_goal_status(workspace: Workspace, goal_id: int, status: str) -> None:
    """Progress on a goal between conferences (for example: achieved)."""
    workspace.require(Permission.CASE_WORK)
    try:
        status = GoalStatus(status).value
    except ValueError:
        raise InputError(_("An unknown choice was given."), "status") from None
    with workspace.session() as session:
        goal = session.get(PlanGoal, goal_id)
        if goal is None:
            raise InputError(_("This goal is not in the resident's plan."), "goals")
        goal.status, goal.updated_on = status, shelter_today(workspace, session)
        workspace.audit(session, audit.Action.PLAN_UPDATE, "person", goal.person_id)


def plan(workspace: Workspace, person_id: int) -> Plan:
    workspace.require(Permission.CASE_WORK)
    with workspace.session() as session:
        person = _person(session, person_id)
        goals = [Goal(g.id, g.domain, g.goal, g.actions, g.responsible, g.target_date,
                      g.status, g.updated_on) for g in session.scalars(
            select(PlanGoal).where(PlanGoal.person_id == person_id)
            .order_by(PlanGoal.target_date, PlanGoal.id))]
        held = session.execute(
            select(CaseConference.held_on, ConferenceCase.decision)
            .join(ConferenceCase, ConferenceCase.conference_id == CaseConference.id)
            .where(ConferenceCase.person_id == person_id)
            .order_by(CaseConference.held_on.desc())).all()
        return Plan(person_id, person.stage, goals, [(day, text) for day, text in held])


def next_stage(stage: str) -> CaseStage | None:
    stages = list(CaseStage)
    index = stages.index(CaseStage(stage))
    return stages[index + 1] if index + 1 < len(stages) else None


def conferences(workspace: Workspace, limit: int = 200) -> list[ConferenceSummary]:
    """The latest conferences, newest first (cases by number and initials)."""
    workspace.require(Permission.CASE_WORK)
    with workspace.session() as session:
        rows = session.scalars(select(CaseConference)
                               .order_by(CaseConference.held_on.desc(),
                                         CaseConference.id.desc()).limit(limit)).all()
        people = {pid: (case, identity.list_label(workspace, name, hidden, pseudonym))
                  for pid, case, name, hidden, pseudonym in session.execute(
                      select(Person.id, Person.case_number, Person.full_name,
                             Person.hidden_identity, Person.pseudonym)
                      .where(Person.id.in_({c.person_id for r in rows for c in r.cases})))}
        return [ConferenceSummary(
            r.id, r.held_on, r.participants,
            ["{} ({})".format(*people[c.person_id]) for c in r.cases], r.decisions,
            [c.person_id for c in r.cases]) for r in rows]
