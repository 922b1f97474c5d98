"""Backup plus its verification, and restore, for five years of a 60-bed shelter.

Requirement (issue 4): each under 10 s. The data: about 5,000 generated residents with
5,500 stays over five years (60 beds at about 70 % with stays of two weeks on average)
and their contacts. Median of three runs.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path

PERSONS, YEARS = 5000, 5


def _populate(workspace, today: dt.date) -> None:
    from shelter_app.services.administration import demo_people
    from shelter_app.services.residents import records
    from shelter_app.services.shared import sealed_identity

    rng = random.Random(11)
    persons, stays = [], []
    for number in range(1, PERSONS + 1):
        admitted = today - dt.timedelta(days=rng.randint(0, 365 * YEARS))
        values = demo_people.person_values(rng, number, admitted, today)
        values["case_number"] = f"RA-{admitted.year}-{number:05d}"
        persons.append(values | {"id": number, "created_at": workspace.clock()})
        stays.append(demo_people.stay_values(rng, admitted, today) | {"person_id": number})
        if number % 10 == 0:
            earlier = admitted - dt.timedelta(days=rng.randint(60, 300))
            stays.append(demo_people.stay_values(rng, earlier, earlier + dt.timedelta(
                days=60)) | {"person_id": number})
    with workspace.session() as session:
        records.bulk_load(session, persons, stays, sealed_identity.keys(workspace))


def measure(runs: int = 3) -> dict:
    from shelter_app.services.administration import backup, setup

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        result = setup.create_shelter(root / "shelter", shelter_name="Bench",
                                      time_zone="Asia/Jakarta", admin_username="admin",
                                      admin_password="bench password")
        workspace = result.workspace
        _populate(workspace, dt.date.today())
        size_mb = workspace.data_dir.database.stat().st_size / 1e6
        backups, restores = [], []
        for run in range(runs):
            started = time.perf_counter()
            report = backup.backup(workspace, root / f"b{run}.rabackup", "bench passphrase")
            backups.append(time.perf_counter() - started)
            started = time.perf_counter()
            backup.restore(root / f"restored{run}", report.path,
                           passphrase="bench passphrase")
            restores.append(time.perf_counter() - started)
        workspace.close_database()
    return {
        "persons": PERSONS, "database_mb": round(size_mb, 1),
        "backup_and_verify_median_s": round(statistics.median(backups), 2),
        "backup_and_verify_worst_s": round(max(backups), 2),
        "restore_median_s": round(statistics.median(restores), 2),
        "restore_worst_s": round(max(restores), 2),
        "includes": "Argon2id for the passphrase at backup and at restore",
        "limit_s": 10.0,
    }


def meets(result: dict) -> bool:
    return (result["backup_and_verify_median_s"] < result["limit_s"]
            and result["restore_median_s"] < result["limit_s"])


if __name__ == "__main__":
    import json

    print(json.dumps(measure(), indent=1))  # noqa: T201
