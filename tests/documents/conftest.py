"""The safe's service suite runs on both kinds of storage (tests/server_backend.py).

The shelter (conftest's `admin`): Dewi, staying since 10 days ago; Rini, who stayed 40
days ago and left 2 days ago; a hidden (protected) resident, Mawar 3 to staff."""

import datetime as dt
from dataclasses import dataclass

import pytest

from shelter_app.services.residents import records
from shelter_app.services.residents.fields import PersonData, StayData
from tests.server_backend import both_backends

backend = both_backends

TODAY = dt.date(2026, 11, 27)


@dataclass
class Safe:
    dewi: int
    rini: int  # has left
    hidden: int


def _person(name: str, **changes) -> PersonData:
    return PersonData(full_name=name, sex="F", birth_date=dt.date(1995, 3, 4), **changes)


def _stay(days: int) -> StayData:
    return StayData(admission_date=TODAY - dt.timedelta(days=days))


@pytest.fixture
def safe(admin, login_as) -> Safe:
    dewi = records.admit_new(admin, _person("Dewi Lestari"), _stay(10)).person_id
    rini = records.admit_new(admin, _person("Rini Astuti"), _stay(40)).person_id
    records.discharge(admin, rini, TODAY - dt.timedelta(days=2), "other", "home")
    manager = login_as("manager")
    hidden = records.admit_new(manager, _person("Sri Wahyuni", hidden_identity=True,
                                                pseudonym="Mawar 3"), _stay(30)).person_id
    return Safe(dewi, rini, hidden)
