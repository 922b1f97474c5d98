"""The training and placement services run on both kinds of storage
(tests/server_backend.py).

The shelter (conftest's `admin`): Dewi (F) and Agus (M) admitted ten days ago, a hidden
(protected) resident, Mawar 3 to staff, and a sewing course run by a training centre."""

import datetime as dt
from dataclasses import dataclass

import pytest

from shelter_app.services.counselling import training
from shelter_app.services.referrals import institutions
from shelter_app.services.referrals.institutions import InstitutionData
from shelter_app.services.residents import records
from shelter_app.services.residents.fields import PersonData, StayData
from tests.server_backend import both_backends

backend = both_backends

TODAY = dt.date(2026, 11, 27)
ADMITTED = TODAY - dt.timedelta(days=10)


@dataclass
class House:
    dewi: int
    agus: int
    hidden: int
    centre: int
    course: int


def _person(name: str, sex: str = "F", **changes) -> PersonData:
    return PersonData(full_name=name, sex=sex, birth_date=dt.date(1995, 3, 4), **changes)


@pytest.fixture
def people(admin, login_as) -> House:
    stay = StayData(admission_date=ADMITTED)
    dewi = records.admit_new(admin, _person("Dewi Lestari"), stay).person_id
    agus = records.admit_new(admin, _person("Agus Salim", "M"), stay).person_id
    hidden = records.admit_new(login_as("manager"), _person(
        "Sri Wahyuni", hidden_identity=True, pseudonym="Mawar 3"), stay).person_id
    centre = institutions.add(admin, InstitutionData(
        "BLK Kota Contoh", "school", ("economic", "education")))
    course = training.add_course(admin, training.CourseData(
        "Menjahit dasar", "sewing", centre, TODAY - dt.timedelta(days=5),
        TODAY + dt.timedelta(days=20), "BLK, ruang 2"))
    return House(dewi, agus, hidden, centre, course)
