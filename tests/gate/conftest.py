"""The gate's service suite runs on both kinds of storage (tests/server_backend.py).

The shelter (conftest's `admin`): Dewi, staying, whose uncle Joko Susanto must not visit
(phone 0812 3456 7890, KTP 3201010101800001) and whose mother may; Agus, staying, with
no contacts; Rini, who has left, whose former employer must not visit; and a hidden
(protected) resident, Mawar 3 to staff, whose ex-husband must not visit."""

import datetime as dt
from dataclasses import dataclass

import pytest

from shelter_app.services.residents import records
from shelter_app.services.residents.fields import ContactData, PersonData, StayData
from tests.server_backend import both_backends

backend = both_backends

TODAY = dt.date(2026, 11, 27)
JOKO_KTP = "3201010101800001"


@dataclass
class Gate:
    dewi: int
    agus: int
    rini: int  # has left
    hidden: int
    hidden_case: str
    rini_case: str


def _person(name: str, sex: str = "F", **changes) -> PersonData:
    return PersonData(full_name=name, sex=sex, birth_date=dt.date(1995, 3, 4), **changes)


def _stay(days: int = 10) -> StayData:
    return StayData(admission_date=TODAY - dt.timedelta(days=days))


@pytest.fixture
def gate(admin, login_as) -> Gate:
    dewi = records.admit_new(admin, _person("Dewi Lestari"), _stay(), [
        ContactData(name="Joko Susanto", relation="relative", phone="0812 3456 7890",
                    id_number=JOKO_KTP, must_not_visit=True, note="the recruiter"),
        ContactData(name="Ibu Sumi", relation="parent", phone="0813 1111 2222",
                    safe=True)]).person_id
    agus = records.admit_new(admin, _person("Agus Salim", "M"), _stay()).person_id
    rini = records.admit_new(admin, _person("Rini Astuti"), _stay(40), [
        ContactData(name="Hendra Wijaya", relation="employer", phone="0857 9999 0000",
                    must_not_visit=True)])
    records.discharge(admin, rini.person_id, TODAY - dt.timedelta(days=2), "other", "home")
    manager = login_as("manager")
    hidden = records.admit_new(manager, _person("Sri Wahyuni", hidden_identity=True,
                                                pseudonym="Mawar 3"), _stay(), [
        ContactData(name="Bambang Prakoso", relation="spouse", phone="0878 5555 6666",
                    id_number="B1234567", must_not_visit=True)])
    return Gate(dewi, agus, rini.person_id, hidden.person_id, hidden.case_number,
                rini.case_number)
