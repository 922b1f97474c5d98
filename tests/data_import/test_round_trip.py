"""The proof of the round trip: a demo shelter's residents written out as an old register
(one row per stay, Indonesian headers), imported into an empty shelter: the same
persons, stays (dates and reasons) and contacts come back."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from shelter_app.domain.models import Person
from shelter_app.domain.vocab import DischargeReason, Modus, Relation
from shelter_app.i18n import places
from shelter_app.services.administration import auth, demo
from shelter_app.services.residents import protected
from shelter_app.services.residents import register_import as ri
from shelter_app.services.shared import sealed_identity as sealed
from tests.conftest import LIGHT_KDF
from tests.data_import.sheets import write_xlsx

HEADER = ["Nama", "Jenis Kelamin", "Tanggal Lahir", "NIK", "Provinsi", "Kabupaten/Kota",
          "Modus", "Tanggal Masuk", "Tanggal Keluar", "Alasan Keluar", "Kontak", "No HP",
          "Hubungan"]


def _register_rows(workspace) -> list[list]:
    """As a shelter's register would have them: labels, not codes, where people write
    labels (sex L/P, reasons and modus in Indonesian-or-English words)."""
    keys = sealed.keys(workspace)
    rows = []
    with workspace.reading() as session:
        for person in session.scalars(select(Person).order_by(Person.id)):
            real = protected.real_identity(keys, person)
            contact = person.contacts[0] if person.contacts else None
            for stay in person.stays:
                rows.append([None, real.full_name, "L" if person.sex == "M" else "P",
                             person.birth_date.strftime("%d/%m/%Y"), real.nik or "",
                             places.province_name(person.province) if person.province else "",
                             person.regency,
                             "; ".join(m.label for m in Modus.parse_many(person.modus)),
                             stay.admission_date, stay.discharge_date,
                             DischargeReason(stay.discharge_reason).label
                             if stay.discharge_reason else "",
                             contact.name if contact else "",
                             contact.phone if contact else "",
                             Relation(contact.relation).label if contact else ""])
    return rows


def _stays(workspace) -> Counter:
    keys = sealed.keys(workspace)
    found = Counter()
    with workspace.reading() as session:
        for person in session.scalars(select(Person)):
            real = protected.real_identity(keys, person)
            for stay in person.stays:
                found[(real.full_name, person.sex, person.birth_date, real.nik,
                       stay.admission_date, stay.discharge_date, stay.discharge_reason)] += 1
    return found


def test_a_demo_shelter_written_as_a_register_comes_back_the_same(admin, clock, tmp_path):
    source = demo.create_demo(tmp_path / "demo", residents=30, days=200, seed=5,
                              clock=clock, kdf_params=LIGHT_KDF)
    try:
        rows = _register_rows(source)
        expected = _stays(source)
    finally:
        auth.logout(source)
    register = write_xlsx(tmp_path / "register.xlsx", [[None, *r[1:]] for r in rows],
                          header=["No", *HEADER])
    table, mapping = ri.open_register(register)
    plan = ri.check(admin, table, mapping)
    assert plan.ok, plan.bad_rows
    imported = ri.import_register(admin, table, mapping)
    assert imported.plan.persons == 30 and imported.plan.stays == len(rows)
    assert _stays(admin) == expected
