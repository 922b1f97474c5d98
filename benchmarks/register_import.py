"""Bringing in an old register of 10,000 rows (one row per stay: about 8,700 persons, one
in seven with an earlier stay, contacts, rooms) into a shelter that holds 2,000
persons already (a hundred of whom are in the register too, and are skipped).

Requirements (issue 16): the dry run (reading the .xlsx safely, and checking it) under
10 s; the import itself (checked again inside its one transaction, then written) under
30 s, on SQLCipher.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROWS, ON_RECORD, ALREADY_THERE = 10_000, 2_000, 100
HEADER = ["No", "Nama", "JK", "Tgl Lahir", "NIK", "Provinsi", "Kabupaten/Kota", "Modus",
          "Tanggal Masuk", "Tanggal Keluar", "Alasan Keluar", "Kamar", "Kontak", "No HP",
          "Hubungan"]


def _people(rng: random.Random, count: int, today: dt.date) -> list[dict]:
    from shelter_app.services.administration import demo_people

    people = []
    for number in range(1, count + 1):
        admitted = today - dt.timedelta(days=rng.randint(30, 365 * 8))
        people.append(demo_people.person_values(rng, number, admitted, today,
                                                hidden_share=0) | {"admitted": admitted})
    return people


def _write_register(path: Path, people: list[dict], rng: random.Random,
                    today: dt.date) -> int:
    import openpyxl

    from shelter_app.domain.vocab import DischargeReason, Modus
    from shelter_app.i18n import places

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Register")
    sheet.append(HEADER)
    rows = 0
    for person in people:
        stays = []
        if rng.random() < 0.15:  # an earlier stay
            earlier = person["admitted"] - dt.timedelta(days=rng.randint(60, 300))
            stays.append((earlier, earlier + dt.timedelta(days=rng.randint(5, 40))))
        end = person["admitted"] + dt.timedelta(days=rng.randint(7, 90))
        recent = (today - person["admitted"]).days < 100  # still in the shelter: a bed
        stays.append((person["admitted"], None if recent else end))
        for admitted, discharged in stays:
            if rows == ROWS:
                return _saved(workbook, path, rows)
            rows += 1
            sheet.append([
                rows, person["full_name"], "P" if person["sex"] == "F" else "L",
                person["birth_date"].strftime("%d/%m/%Y"), person["nik"] or "",
                places.province_name(person["province"]), person["regency"],
                "; ".join(m.label for m in Modus.parse_many(person["modus"])),
                admitted, min(discharged, today) if discharged else None,
                rng.choice(list(DischargeReason)).label if discharged else "",
                f"Kamar {rng.randint(1, 10)}", "Ibu " + person["full_name"].split()[0],
                f"0812{rng.randint(10000000, 99999999)}", "Ibu"])
    return _saved(workbook, path, rows)


def _saved(workbook, path: Path, rows: int) -> int:
    workbook.save(path)
    return rows


def _on_record(workspace, people: list[dict]) -> None:
    """Persons already in the shelter, the first ALREADY_THERE of them also in the
    register; and ten rooms of ten beds."""
    from shelter_app.domain.models import Bed, Room
    from shelter_app.services.residents import records

    persons, stays = [], []
    for number, person in enumerate(people, start=1):
        values = {k: v for k, v in person.items() if k != "admitted"}
        persons.append(values | {"id": number, "case_number": f"RA-2010-{number:04d}",
                                 "created_at": workspace.clock()})
        stays.append({"person_id": number, "admission_date": person["admitted"],
                      "discharge_date": person["admitted"] + dt.timedelta(days=20),
                      "discharge_reason": "left"})
    with workspace.session() as session:
        records.bulk_load(session, persons, stays)
        session.add_all(Room(name=f"Kamar {n}", designation="female",
                             beds=[Bed(label=str(b)) for b in range(1, 11)])
                        for n in range(1, 11))


def measure() -> dict:
    from zoneinfo import ZoneInfo

    from shelter_app.services.administration import setup
    from shelter_app.services.residents import register_import

    rng = random.Random(16)
    with tempfile.TemporaryDirectory() as scratch:
        result = setup.create_shelter(Path(scratch) / "s", shelter_name="Bench",
                                      time_zone="Asia/Jakarta", admin_username="admin",
                                      admin_password="bench password")
        workspace = result.workspace
        today = workspace.clock().astimezone(ZoneInfo("Asia/Jakarta")).date()
        people = _people(rng, ROWS + ON_RECORD, today)
        _on_record(workspace, people[-ON_RECORD:])
        register_people = people[-ALREADY_THERE:] + people[:ROWS]  # cut at ROWS rows
        path = Path(scratch) / "register.xlsx"
        rows = _write_register(path, register_people, rng, today)
        size = path.stat().st_size
        started = time.perf_counter()
        table, mapping = register_import.open_register(path)
        read_s = time.perf_counter() - started
        plan = register_import.check(workspace, table, mapping)
        dry_run_s = time.perf_counter() - started
        started = time.perf_counter()
        imported = register_import.import_register(workspace, table, mapping)
        import_s = time.perf_counter() - started
        workspace.close_database()
    return {
        "rows": rows, "file_kib": size // 1024, "persons_created": len(imported.people),
        "stays": plan.stays, "skipped_on_record": len(plan.on_record),
        "bad_rows": len(plan.bad_rows), "beds_given": plan.beds,
        "read_s": round(read_s, 2), "dry_run_s": round(dry_run_s, 2),
        "import_s": round(import_s, 2), "limit_dry_run_s": 10.0, "limit_import_s": 30.0,
    }


def meets(result: dict) -> bool:
    return (result["bad_rows"] == 0 and result["dry_run_s"] <= result["limit_dry_run_s"]
            and result["import_s"] <= result["limit_import_s"])


if __name__ == "__main__":
    import json

    print(json.dumps(measure(), indent=2))
