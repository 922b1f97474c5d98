"""The manager's dashboard and the monthly report (with training and placement) over five
years of a 60-bed shelter:
about 3,100 stays, 520,000 provision lines, 15,000 sessions, 2,300 referrals and 9,200
follow-up visits.

Requirements (issue 7): the dashboard opens in < 1 s (its figures gathered, its charts
drawn and shown); the monthly report PDF in < 2 s.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BEDS, YEARS = 60, 5
ZONE = ZoneInfo("Asia/Jakarta")


def _populate(workspace, today: dt.date, rng: random.Random) -> dict:
    from sqlalchemy import select

    from shelter_app.domain import rules
    from shelter_app.domain.models import (
        Bed,
        CounsellingSession,
        FollowUp,
        Institution,
        Provision,
        ProvisionItem,
        Referral,
        ReferralEvent,
        Room,
        SessionCounsellor,
        SessionParticipant,
        Stay,
    )
    from shelter_app.services.administration import demo_people
    from shelter_app.services.residents import records
    from shelter_app.services.shared import sealed_identity

    first = today - dt.timedelta(days=365 * YEARS)
    with workspace.session() as session:
        for number in range(6):
            session.add(Room(name=f"Kamar {number}", designation="female",
                             beds=[Bed(label=str(b)) for b in range(BEDS // 6)]))
        session.add(Institution(name="RSUD Contoh", kind="hospital",
                                services=",health_medical,", address="", phone="", email="",
                                contact_person="", active=True, created_at=workspace.clock()))
    # each bed takes a new resident as the last leaves: stays of 7 to 60 days
    persons, stays = [], []
    for _bed in range(BEDS):
        day = first + dt.timedelta(days=rng.randint(0, 20))
        while day < today:
            length = rng.randint(7, 60)
            number = len(persons) + 1
            values = demo_people.person_values(rng, number, day, today)
            persons.append(values | {"id": number, "created_at": workspace.clock()})
            leave = day + dt.timedelta(days=length)
            stays.append({"person_id": number, "admission_date": day,
                          "discharge_date": leave if leave <= today else None,
                          "discharge_reason": "family_reintegration" if leave <= today else ""})
            day = leave + dt.timedelta(days=rng.randint(0, 3))
    with workspace.session() as session:
        records.bulk_load(session, persons, stays, sealed_identity.keys(workspace))
        items = session.scalars(select(ProvisionItem)).all()[:5]
        stay_rows = session.execute(select(Stay.id, Stay.person_id, Stay.admission_date,
                                           Stay.discharge_date)).all()
    now, counts = workspace.clock(), {"stays": len(stay_rows)}
    lines = sessions = referrals = visits = 0
    batch: list[dict] = []
    for stay_id, _person_id, admitted, discharged in stay_rows:
        last = min(today, (discharged or today + dt.timedelta(days=1))
                   - dt.timedelta(days=1))
        day = admitted
        while day <= last:
            stage = rules.window(rules.stay_day(admitted, day))
            batch += [dict(stay_id=stay_id, day=day, item_id=item.id, quantity=1,
                           unit_cost_idr=15000, stage=stage, flagged=False, given_by="staff",
                           recorded_at=now) for item in items]
            day += dt.timedelta(days=1)
        if len(batch) > 50_000:
            with workspace.session() as session:
                session.execute(Provision.__table__.insert(), batch)
            lines += len(batch)
            batch = []
    with workspace.session() as session:
        if batch:
            session.execute(Provision.__table__.insert(), batch)
            lines += len(batch)
        for stay_id, person_id, admitted, discharged in stay_rows:
            end = discharged or today
            week = admitted + dt.timedelta(days=2)
            while week < end:
                start = dt.datetime.combine(week, dt.time(9 + rng.randint(0, 6)), ZONE)
                row = CounsellingSession(
                    kind="individual", starts_at=start, minutes=60, room_id=None,
                    status="held" if week < today else "planned", series="",
                    clash_confirmed=False, notes="", booked_by="admin", recorded_at=now,
                    counsellors=[SessionCounsellor(username="admin")],
                    participants=[SessionParticipant(person_id=person_id, attended=True)])
                session.add(row)
                sessions += 1
                week += dt.timedelta(days=7)
            if rng.random() < 0.75:
                referrals += 1
                on = admitted + dt.timedelta(days=3)
                referral = Referral(number=f"RJ-{on.year}-{referrals:05d}",
                                    person_id=person_id, institution_id=1,
                                    domain="health_medical", reason="x", urgency="routine",
                                    status="sent", consent="recorded", override_reason="",
                                    outcome="", created_on=on, created_by="admin",
                                    recorded_at=now)
                referral.events = [ReferralEvent(status=s, on=on, username="admin", note="",
                                                 recorded_at=now) for s in ("draft", "sent")]
                session.add(referral)
            if discharged is not None:
                for months in (1, 3, 6):
                    due = discharged + dt.timedelta(days=30 * months)
                    session.add(FollowUp(person_id=person_id, stay_id=stay_id, due_on=due,
                                         status="done" if due < today else "planned",
                                         done_on=due if due < today else None,
                                         visited_by="admin", findings="x",
                                         created_by="admin", recorded_at=now))
                    visits += 1
    return counts | {"provision_lines": lines, "sessions": sessions, "referrals": referrals,
                     "follow_ups": visits} | _documents(workspace, stay_rows, today, rng) \
        | _incidents(workspace, stay_rows, today, rng) \
        | _training(workspace, stay_rows, today, rng)


def _documents(workspace, stay_rows, today: dt.date, rng: random.Random) -> dict:
    """The safe (issue 17): two or three documents a stay, each received at admission,
    one in three lent out and returned; handed back at discharge, except one in fifty
    still held after leaving; of those staying, one in ten lent out now."""
    from shelter_app.domain.models import Document, DocumentMovement

    now, docs, moves = workspace.clock(), [], []
    for _stay_id, person_id, admitted, discharged in stay_rows:
        for kind in ("ktp", "kk", "passport")[:rng.randint(2, 3)]:
            doc = {"id": len(docs) + 1, "person_id": person_id, "kind": kind, "number": "",
                   "description": "", "received_on": admitted, "received_from": "x",
                   "kept_at": "Brankas kantor, map 3", "status": "safe", "lent_to": "",
                   "lent_on": None, "handed_back_on": None}
            docs.append(doc)
            steps = [("received", admitted)]
            last = discharged or today
            if rng.random() < 1 / 3 and (last - admitted).days > 4:
                steps += [("lent", admitted + dt.timedelta(days=1)),
                          ("returned", admitted + dt.timedelta(days=4))]
            if discharged is not None and rng.random() > 1 / 50:
                steps.append(("handed_back", discharged))
                doc |= {"status": "returned", "handed_back_on": discharged}
            elif discharged is None and rng.random() < 0.1:
                lent_on = admitted + dt.timedelta(days=rng.randint(0, (today - admitted).days))
                steps.append(("lent", lent_on))
                doc |= {"status": "lent", "lent_to": "Polres", "lent_on": lent_on}
            moves += [{"document_id": doc["id"], "kind": kind_, "on": on, "party": "x",
                       "institution": "", "note": "", "username": "admin", "recorded_at": now}
                      for kind_, on in steps]
    with workspace.session() as session:
        session.execute(Document.__table__.insert(), docs)
        session.execute(DocumentMovement.__table__.insert(), moves)
    return {"documents": len(docs), "document_movements": len(moves)}


def _incidents(workspace, stay_rows, today: dt.date, rng: random.Random) -> dict:
    """Incidents (issue 17): three a week for five years, of every kind and severity
    (one in four serious or critical), one or two residents each; every serious one
    older than 30 days handled, the newer ones still alerting the manager."""
    from shelter_app.domain.incident_vocab import KINDS
    from shelter_app.domain.models import Incident, IncidentPerson

    now, kinds = workspace.clock(), list(KINDS)
    people = [person_id for _stay, person_id, _admitted, _discharged in stay_rows]
    rows, involved = [], []
    day = today - dt.timedelta(days=365 * YEARS)
    while day < today:
        for _ in range(3):
            at = dt.datetime.combine(day + dt.timedelta(days=rng.randint(0, 6)),
                                     dt.time(rng.randint(0, 23)), ZONE)
            if at >= now:
                continue
            severity = rng.choice(("serious", "critical")) if rng.random() < 0.25 else "low"
            handled = severity != "low" and (now - at).days > 30
            rows.append({"id": len(rows) + 1, "kind": rng.choice(kinds), "at": at,
                         "severity": severity, "description": "x", "action_taken": "x",
                         "told": "police", "told_detail": "", "follow_up": "",
                         "follow_up_done_on": None, "handled_by": "admin" if handled else "",
                         "handled_at": at + dt.timedelta(hours=8) if handled else None,
                         "recorded_by": "admin", "recorded_at": now, "version": 1})
            involved += [{"incident_id": len(rows), "person_id": person_id}
                         for person_id in rng.sample(people, rng.randint(1, 2))]
        day += dt.timedelta(days=7)
    with workspace.session() as session:
        session.execute(Incident.__table__.insert(), rows)
        session.execute(IncidentPerson.__table__.insert(), involved)
    return {"incidents": len(rows), "incident_persons": len(involved)}


def _training(workspace, stay_rows, today: dt.date, rng: random.Random) -> dict:
    """A course every two weeks with six of the residents then present, most completing;
    a placement for every other resident who left, with a check at about one visit in
    two: the monthly report's training and placement figures over five years."""
    from shelter_app.domain.models import Course, CourseParticipant, Placement, PlacementCheck

    now = workspace.clock()
    courses, participants, placements, checks = [], [], [], []
    day = today - dt.timedelta(days=365 * YEARS)
    while day < today:
        ends = day + dt.timedelta(days=13)
        courses.append({"id": len(courses) + 1, "title": "Kursus", "skill": "sewing",
                        "institution_id": None, "starts_on": day, "ends_on": ends,
                        "place": "", "note": "", "created_by": "admin", "recorded_at": now,
                        "version": 1})
        here = [person for _stay, person, admitted, discharged in stay_rows
                if admitted <= day and (discharged is None or discharged >= ends)]
        for person in rng.sample(here, min(6, len(here))):
            done = ends < today and rng.random() < 0.8
            participants.append({
                "course_id": len(courses), "person_id": person,
                "status": "completed" if done else "enrolled",
                "completed_on": ends if done else None, "certificate": done,
                "certificate_number": "", "note": "", "recorded_by": "admin",
                "recorded_at": now, "version": 1})
        day += dt.timedelta(days=14)
    for _stay, person, _admitted, discharged in stay_rows:
        if discharged is None or rng.random() < 0.5:
            continue
        placements.append({"id": len(placements) + 1, "person_id": person,
                           "kind": rng.choice(("work", "school", "business", "family")),
                           "institution_id": None, "place": "x", "starts_on": discharged,
                           "readiness": "", "startup_help": "", "startup_value": 1_000_000,
                           "status": "started", "ended_on": None, "created_by": "admin",
                           "recorded_at": now, "version": 1})
        if rng.random() < 0.5 and discharged + dt.timedelta(days=30) < today:
            checks.append({"placement_id": len(placements),
                           "on": discharged + dt.timedelta(days=30), "outcome": "going_well",
                           "note": "", "follow_up_id": None, "username": "admin",
                           "recorded_at": now})
    with workspace.session() as session:
        for model, rows in ((Course, courses), (CourseParticipant, participants),
                            (Placement, placements), (PlacementCheck, checks)):
            if rows:
                session.execute(model.__table__.insert(), rows)
    return {"courses": len(courses), "course_participants": len(participants),
            "placements": len(placements), "placement_checks": len(checks)}


def measure() -> dict:
    from PySide6.QtWidgets import QApplication

    from shelter_app.gui.dashboard import DashboardArea
    from shelter_app.services.administration import setup
    from shelter_app.services.overview import dashboard, monthly

    app = QApplication.instance() or QApplication([])
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as scratch:
        result = setup.create_shelter(Path(scratch) / "s", shelter_name="Bench",
                                      time_zone="Asia/Jakarta", admin_username="admin",
                                      admin_password="bench password")
        workspace = result.workspace
        today = workspace.clock().astimezone(ZONE).date()
        started = time.perf_counter()
        counts = _populate(workspace, today, rng)
        load_s = time.perf_counter() - started
        area = DashboardArea(workspace, today)
        area.resize(1366 - 230, 768 - 80)
        opens = []
        for _ in range(7):
            started = time.perf_counter()
            board = dashboard.snapshot(workspace)
            area._show(board)
            area.grab()
            opens.append(time.perf_counter() - started)
            app.processEvents()
        last_month = monthly.month_of(today.replace(day=1) - dt.timedelta(days=1))
        pdfs = []
        for _ in range(5):
            started = time.perf_counter()
            monthly.render(workspace, monthly.gather(workspace, last_month), "pdf")
            pdfs.append(time.perf_counter() - started)
        workspace.close_database()
    return counts | {
        "beds": BEDS, "years": YEARS, "populate_s": round(load_s, 1),
        "dashboard_median_s": round(statistics.median(opens), 3),
        "dashboard_worst_s": round(max(opens), 3),
        "dashboard_documents_listed": len(board.documents_held) + len(
            board.documents_overdue),
        "dashboard_incident_alerts": len(board.incident_alerts),
        "monthly_pdf_median_s": round(statistics.median(pdfs), 3),
        "monthly_pdf_worst_s": round(max(pdfs), 3),
        "limit_dashboard_s": 1.0, "limit_monthly_pdf_s": 2.0,
    }


def meets(result: dict) -> bool:
    return (result["dashboard_median_s"] <= result["limit_dashboard_s"]
            and result["monthly_pdf_median_s"] <= result["limit_monthly_pdf_s"])


if __name__ == "__main__":
    import json

    print(json.dumps(measure(), indent=2))  # noqa: T201
