"""The daily round for 60 residents, and the provision report over a year of about a
million provision lines (500 stays).

Requirements (issue 5): confirming the round < 0.5 s; the one-year PDF < 5 s.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path


def _populate(workspace, today: dt.date, stays: int, rng: random.Random) -> int:
    """`stays` persons and stays with a year of lines each, numbered after any persons
    and stays already there (benchmarks/cipher_overhead.py adds them to 100,000)."""
    from sqlalchemy import func, select

    from shelter_app.domain import rules
    from shelter_app.domain.models import Person, Provision, ProvisionItem, Stay
    from shelter_app.services.administration import demo_people
    from shelter_app.services.residents import records
    from shelter_app.services.shared import sealed_identity

    first = today - dt.timedelta(days=364)
    with workspace.session() as session:
        after_person = session.scalar(select(func.max(Person.id))) or 0
        after_stay = session.scalar(select(func.max(Stay.id))) or 0
    persons, stay_rows = [], []
    for number in range(after_person + 1, after_person + stays + 1):
        admitted = first - dt.timedelta(days=rng.randint(0, 30)) if (
            number - after_person > 60) else today - dt.timedelta(days=rng.randint(0, 40))
        values = demo_people.person_values(rng, number, admitted, today)
        if after_person:  # beside other people: a case number of its own
            values["case_number"] = f"RA-{admitted.year}-{number:06d}"
        persons.append(values | {"id": number, "created_at": workspace.clock()})
        stay_rows.append({"person_id": number, "admission_date": admitted,
                          "discharge_date": None})
    with workspace.session() as session:
        records.bulk_load(session, persons, stay_rows, sealed_identity.keys(workspace))
        items = session.scalars(select(ProvisionItem)).all()
        admitted_of = dict(session.execute(select(Stay.id, Stay.admission_date)
                                           .where(Stay.id > after_stay)).all())
    count, now = 0, workspace.clock()
    for stay_id, admitted in admitted_of.items():
        rows = []
        day = max(admitted, first)
        while day <= today - dt.timedelta(days=1):
            stage = rules.window(rules.stay_day(admitted, day))
            for item in items[:5] if rng.random() < 0.5 else items[:6]:
                rows.append(dict(stay_id=stay_id, day=day, item_id=item.id, quantity=1,
                                 unit_cost_idr=15000, stage=stage,
                                 flagged=stage != "1" and rng.random() < 0.1,
                                 given_by="staff", recorded_at=now))
            day += dt.timedelta(days=1)
        if rows:
            with workspace.session() as session:
                session.execute(Provision.__table__.insert(), rows)
        count += len(rows)
    return count


def measure() -> dict:
    from shelter_app.services.administration import setup
    from shelter_app.services.provisions import reports as provision_reports
    from shelter_app.services.provisions import rounds
    from shelter_app.services.shared import reporting

    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as scratch:
        result = setup.create_shelter(Path(scratch) / "s", shelter_name="Bench",
                                      time_zone="Asia/Jakarta", admin_username="admin",
                                      admin_password="bench password")
        workspace = result.workspace
        today = workspace.clock().date()
        started = time.perf_counter()
        lines = _populate(workspace, today, 500, rng)
        load_s = time.perf_counter() - started
        round_times = []
        for _ in range(5):
            started = time.perf_counter()
            sheet = rounds.daily_round(workspace, today)
            present = sheet[:60]
            rounds.confirm_round(workspace, today, {line.stay_id: line.quantities
                                                    for line in present})
            round_times.append(time.perf_counter() - started)
        year = reporting.period(today - dt.timedelta(days=364), today)
        pdfs = []
        for _ in range(3):
            started = time.perf_counter()
            report = provision_reports.gather(workspace, year)
            provision_reports.render(workspace, report, "pdf")
            pdfs.append(time.perf_counter() - started)
        workspace.close_database()
    return {
        "provision_lines": lines, "stays": 500, "load_s": round(load_s, 1),
        "round_residents": len(present),
        "round_open_and_confirm_median_s": round(statistics.median(round_times), 3),
        "round_worst_s": round(max(round_times), 3),
        "provision_report_year_pdf_median_s": round(statistics.median(pdfs), 2),
        "provision_report_year_pdf_worst_s": round(max(pdfs), 2),
        "limits": {"round_s": 0.5, "report_pdf_s": 5.0},
    }


def meets(result: dict) -> bool:
    return (result["round_open_and_confirm_median_s"] < result["limits"]["round_s"]
            and result["provision_report_year_pdf_median_s"]
            < result["limits"]["report_pdf_s"])


if __name__ == "__main__":
    import json

    print(json.dumps(measure(), indent=1))  # noqa: T201
