"""The incidents' service suite runs on both kinds of storage (tests/server_backend.py).

The shelter (conftest's `admin`): Dewi and Agus, staying, and a hidden (protected)
resident, Mawar 3 to staff."""

import datetime as dt
from dataclasses import dataclass

import pytest

from shelter_app.services.residents import records
from shelter_app.services.residents.fields import PersonData, StayData
from tests.server_backend import both_backends

backend = both_backends

TODAY = dt.date(2026, 11, 27)


@dataclass
class House:
    dewi: str
    agus: str
    hidden: str
    hidden_id: int


def _person(name: str, sex: str = "F", **changes) -> PersonData:
    return PersonData(full_name=name, sex=sex, birth_date=dt.date(1995, 3, 4), **changes)


@pytest.fixture
def residents(admin, login_as) -> House:
    stay = StayData(admission_date=TODAY - dt.timedelta(days=10))
    dewi = records.admit_new(admin, _person("Dewi Lestari"), stay).case_number
    agus = records.admit_new(admin, _person("Agus Salim", "M"), stay).case_number
    hidden = records.admit_new(login_as("manager"), _person(
        "Sri Wahyuni", hidden_identity=True, pseudonym="Mawar 3"), stay)
    return House(dewi, agus, hidden.case_number, hidden.person_id)
