"""The manager's dashboard and the monthly report over five years of a 60-bed shelter:
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
                     "follow_ups": visits}


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
