"""The gate's must-not-visit check (issue 17) with 100,000 residents on record and their
250,000 contacts, a fifth of them marked "must not visit".

Requirement: the check under 50 ms (median and p95). The check compares the visitor with
the must-not-visit contacts of the resident asked for and of everyone staying now (here
about 900 residents, fifteen times a 60-bed shelter): by name similarity, phone and ID
number. Measured for a visitor who matches nobody (every contact compared: the slowest),
one stopped by the phone, one by the ID number and one by a similar name; the stop also
writes the stopped visit and its audit event.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path

PERSONS = 100_000
CONTACTS_PER_PERSON = 2.5
BANNED_SHARE = 0.2
YEARS = 5
RUNS = 40
LIMIT_MS = 50


def _populate(workspace, today: dt.date) -> dict:
    from sqlalchemy import insert, select

    from shelter_app.domain.models import Contact, Stay
    from shelter_app.services.administration import demo_people
    from shelter_app.services.residents import records
    from shelter_app.services.shared import sealed_identity

    rng = random.Random(17)
    persons, stays, contacts = [], [], []
    span = 365 * YEARS
    for number in range(1, PERSONS + 1):
        admitted = today - dt.timedelta(days=rng.randint(0, span))
        values = demo_people.person_values(rng, number, admitted, today)
        values["case_number"] = f"RA-{admitted.year}-{number:06d}"
        persons.append(values | {"id": number, "created_at": workspace.clock()})
        stays.append(demo_people.stay_values(rng, admitted, today) | {"person_id": number})
        for _contact in range(2 if rng.random() < 0.5 else 3):
            contacts.append({
                "person_id": number, "name": demo_people.name(rng, rng.choice("FM")),
                "relation": rng.choice(("parent", "sibling", "relative", "employer")),
                "phone": f"+62812{rng.randint(10000000, 99999999)}",
                "id_number": f"32{rng.randint(10**13, 10**14 - 1)}",
                "must_not_visit": rng.random() < BANNED_SHARE, "safe": False, "note": ""})
    with workspace.session() as session:
        records.bulk_load(session, persons, stays, sealed_identity.keys(workspace))
        session.execute(insert(Contact), contacts)
        present = set(session.scalars(select(Stay.person_id).where(
            Stay.discharge_date.is_(None))))
    banned = [c for c in contacts if c["must_not_visit"] and c["person_id"] in present]
    return {"present": len(present), "banned_present": len(banned),
            "contacts": len(contacts), "one": banned[len(banned) // 2],
            "asked": next(iter(sorted(present)))}


def _timed(work, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return times


def _figures(times: list[float]) -> dict:
    ordered = sorted(times)
    return {"median_ms": round(statistics.median(ordered) * 1000, 2),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 2),
            "worst_ms": round(ordered[-1] * 1000, 2)}


def measure() -> dict:
    from shelter_app.domain.roles import Role
    from shelter_app.services.administration import auth, setup, users
    from shelter_app.services.residents.visitors import VisitorData, check_visitor

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "big"
        result = setup.create_shelter(folder, shelter_name="Bench", time_zone="Asia/Jakarta",
                                      admin_username="admin", admin_password="bench password")
        workspace = result.workspace
        started = time.perf_counter()
        picked = _populate(workspace, dt.date.today())
        load_s = time.perf_counter() - started
        users.add_user(workspace, "staff", Role.STAFF, "bench password")
        auth.logout(workspace)
        staff = auth.login(folder, "staff", "bench password")
        one, asked = picked["one"], picked["asked"]
        cases = {
            "no_match": VisitorData("Zulkarnaen Wirosableng", phone="0811 2233 4455",
                                    id_number="3299999999999999"),
            "stopped_by_phone": VisitorData("Budi", phone="0" + one["phone"][3:]),
            "stopped_by_id_number": VisitorData(id_number=one["id_number"]),
            "stopped_by_name": VisitorData(one["name"].upper()),
        }
        figures = {}
        for name, visitor in cases.items():
            outcome = check_visitor(staff, visitor, asked)
            assert outcome.stop == (name != "no_match"), name
            figures[name] = _figures(_timed(lambda v=visitor: check_visitor(staff, v, asked),
                                            RUNS))
        auth.logout(staff)
    return {"persons": PERSONS, "contacts": picked["contacts"],
            "present_residents": picked["present"],
            "must_not_visit_contacts_compared": picked["banned_present"],
            "load_s": round(load_s, 1), "runs": RUNS, "check": figures,
            "limits": {"check_median_and_p95_ms": LIMIT_MS}}


def meets(result: dict) -> bool:
    return all(f["median_ms"] <= LIMIT_MS and f["p95_ms"] <= LIMIT_MS
               for f in result["check"].values())


if __name__ == "__main__":
    import json

    print(json.dumps(measure(), indent=2))  # noqa: T201
