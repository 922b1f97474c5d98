"""The counsellors' week view with 500 sessions in the week, and the clash check for one
booking against a year of sessions (500 a week, 26,000 in all).

Requirements (issue 6): the week view draws in < 200 ms (loading the week, laying it out
and painting it at 1366x768); one clash check answers in < 20 ms.
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

SESSIONS_A_WEEK, WEEKS = 500, 52
COUNSELLORS, RESIDENTS, ROOMS = 12, 120, 8
ZONE = ZoneInfo("Asia/Jakarta")


def _populate(workspace, monday: dt.date, rng: random.Random) -> None:
    from shelter_app.domain.models import (
        CounsellingSession,
        Room,
        SessionCounsellor,
        SessionParticipant,
    )
    from shelter_app.domain.roles import Role
    from shelter_app.services.administration import demo_people, users
    from shelter_app.services.residents import records
    from shelter_app.services.shared import sealed_identity

    for number in range(COUNSELLORS):
        users.add_user(workspace, f"konselor{number}", Role.COUNSELLOR, "bench password",
                       display_name=f"Konselor {number}")
    first = monday - dt.timedelta(weeks=WEEKS // 2)
    persons = [demo_people.person_values(rng, n, first, monday) | {
        "id": n, "created_at": workspace.clock()} for n in range(1, RESIDENTS + 1)]
    stays = [{"person_id": n, "admission_date": first - dt.timedelta(days=1),
              "discharge_date": None} for n in range(1, RESIDENTS + 1)]
    with workspace.session() as session:
        records.bulk_load(session, persons, stays, sealed_identity.keys(workspace))
        session.add_all(Room(name=f"Ruang {n}", designation="counselling")
                        for n in range(ROOMS))
    now = workspace.clock()
    session_id = 0
    for week in range(WEEKS):
        start_of_week = dt.datetime.combine(first + dt.timedelta(weeks=week), dt.time(8), ZONE)
        rows, staff, people = [], [], []
        for _ in range(SESSIONS_A_WEEK):
            session_id += 1
            start = start_of_week + dt.timedelta(days=rng.randint(0, 5),
                                                 minutes=15 * rng.randint(0, 40))
            rows.append(dict(id=session_id, kind=rng.choice(("individual", "group",
                                                              "family")),
                             starts_at=start, minutes=rng.choice((45, 60, 90)),
                             room_id=rng.randint(1, ROOMS), status="planned", series="",
                             clash_confirmed=False, notes="", booked_by="admin",
                             recorded_at=now))
            staff.append(dict(session_id=session_id,
                              username=f"konselor{rng.randrange(COUNSELLORS)}"))
            people += [dict(session_id=session_id, person_id=pid)
                       for pid in rng.sample(range(1, RESIDENTS + 1), rng.choice((1, 1, 3)))]
        with workspace.session() as session:
            session.execute(CounsellingSession.__table__.insert(), rows)
            session.execute(SessionCounsellor.__table__.insert(), staff)
            session.execute(SessionParticipant.__table__.insert(), people)


def measure() -> dict:
    from PySide6.QtWidgets import QApplication

    from shelter_app.gui.counselling.week_view import WeekView
    from shelter_app.services.administration import setup
    from shelter_app.services.counselling import booking, session_views
    from shelter_app.services.counselling.booking import SessionDraft

    app = QApplication.instance() or QApplication([])
    rng = random.Random(6)
    with tempfile.TemporaryDirectory() as scratch:
        result = setup.create_shelter(Path(scratch) / "s", shelter_name="Bench",
                                      time_zone="Asia/Jakarta", admin_username="admin",
                                      admin_password="bench password")
        workspace = result.workspace
        today = workspace.clock().astimezone(ZONE).date()
        monday = today - dt.timedelta(days=today.weekday())
        started = time.perf_counter()
        _populate(workspace, monday, rng)
        load_s = time.perf_counter() - started

        view = WeekView()
        view.resize(1366 - 260, 768 - 200)  # the calendar's share of the window
        loads, draws, counts = [], [], []
        for _ in range(10):
            started = time.perf_counter()
            views = session_views.calendar(workspace, monday, 7)
            loaded = time.perf_counter()
            view.show_sessions(monday, 7, views, today)
            view.grab()  # paints every block
            draws.append(time.perf_counter() - started)
            loads.append(loaded - started)
            counts.append(len(views))
            app.processEvents()

        checks = []
        for _ in range(60):
            start = dt.datetime.combine(
                monday + dt.timedelta(days=rng.randint(-150, 150)),
                dt.time(rng.randint(8, 16), 15 * rng.randint(0, 3)), ZONE)
            draft = SessionDraft("group", start, 60, (f"konselor{rng.randrange(COUNSELLORS)}",),
                                 tuple(rng.sample(range(1, RESIDENTS + 1), 3)),
                                 room_id=rng.randint(1, ROOMS))
            started = time.perf_counter()
            booking.check(workspace, draft)
            checks.append(time.perf_counter() - started)
        workspace.close_database()
    return {
        "sessions_in_year": SESSIONS_A_WEEK * WEEKS, "sessions_in_week": counts[0],
        "populate_s": round(load_s, 2),
        "week_view_median_s": round(statistics.median(draws), 4),
        "week_view_worst_s": round(max(draws), 4),
        "week_load_median_s": round(statistics.median(loads), 4),
        "clash_check_median_s": round(statistics.median(checks), 4),
        "clash_check_worst_s": round(max(checks), 4),
        "limit_week_view_s": 0.2, "limit_clash_check_s": 0.02,
    }


def meets(result: dict) -> bool:
    return (result["week_view_median_s"] <= result["limit_week_view_s"]
            and result["clash_check_median_s"] <= result["limit_clash_check_s"])


if __name__ == "__main__":
    import json

    print(json.dumps(measure(), indent=2))  # noqa: T201
