"""Residents with and without consent to share data, and two institutions."""

import datetime as dt
from dataclasses import dataclass

import pytest

from shelter_app.services.referrals import institutions
from shelter_app.services.referrals.institutions import InstitutionData
from shelter_app.services.residents import records
from shelter_app.services.residents.fields import PersonData, StayData

TODAY = dt.date(2026, 11, 27)


@dataclass
class Referrable:
    dewi: int  # consent recorded, present
    agus: int  # no consent, present
    sri: int  # consent recorded, discharged on 20 November
    hospital: int
    legal_aid: int


@pytest.fixture
def shelter_people(admin):
    def admit(name, sex, admitted, consent, **more):
        return records.admit_new(admin, PersonData(
            full_name=name, sex=sex, birth_date=dt.date(1996, 5, 1), nik="3201014105960001"
            if name.startswith("Dewi") else "", police_report_number="LP/123/XI/2026",
            consent_sharing_on=consent, consent_sharing_witness="Rina" if consent else "",
            pregnant=sex == "F", **more), StayData(admission_date=admitted)).person_id
    dewi = admit("Dewi Lestari", "F", TODAY - dt.timedelta(days=30), TODAY - dt.timedelta(29))
    agus = admit("Agus Salim", "M", TODAY - dt.timedelta(days=10), None)
    sri = admit("Sri Wahyuni", "F", TODAY - dt.timedelta(days=40), TODAY - dt.timedelta(39))
    records.discharge(admin, sri, dt.date(2026, 11, 20), "family_reintegration",
                      "Keluarga di Lombok Timur")
    hospital = institutions.add(admin, InstitutionData(
        "RSUD Contoh", "hospital", ("health_medical", "health_reproductive"),
        "Jl. Contoh 1", "021 555 0101", "rsud@example.org", "dr. Contoh"))
    legal = institutions.add(admin, InstitutionData(
        "LBH Contoh", "legal_aid", ("legal_litigation", "legal_non_litigation")))
    return Referrable(dewi, agus, sri, hospital, legal)


# The suite runs on both kinds of storage (tests/server_backend.py).
from tests.server_backend import both_backends  # noqa: E402

backend = both_backends
