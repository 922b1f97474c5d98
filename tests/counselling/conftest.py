"""A small shelter with counsellors, residents and rooms for the counselling tests."""

import datetime as dt
from dataclasses import dataclass

import pytest

from shelter_app.domain.roles import Role
from shelter_app.services.administration import users
from shelter_app.services.residents import records
from shelter_app.services.residents.fields import ContactData, PersonData, StayData
from tests.conftest import ADMIN_PASSWORD

TODAY = dt.date(2026, 11, 27)  # a Friday; the clock says 09:00 in Jakarta
WIB = dt.timezone(dt.timedelta(hours=7))


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), WIB)


@dataclass
class Counselling:
    dewi: int
    agus: int
    sri: int  # discharged on 20 November
    mother: int  # Dewi's mother, may take part
    uncle: int  # Dewi's uncle, must not visit
    melati: int  # counselling rooms' ids
    kenanga: int
    bedroom: int  # Anggrek, a bedroom: never a session's room


@pytest.fixture
def people(admin):
    from shelter_app.services.residents import rooms

    users.add_user(admin, "rina", Role.COUNSELLOR, ADMIN_PASSWORD, "Rina Psikolog")
    users.add_user(admin, "budi", Role.COUNSELLOR, ADMIN_PASSWORD, "Budi Pekerja Sosial")

    def admit(name, sex, admitted):
        return records.admit_new(admin, PersonData(full_name=name, sex=sex,
                                                   birth_date=dt.date(1995, 3, 1)),
                                 StayData(admission_date=admitted)).person_id
    dewi = admit("Dewi Lestari", "F", TODAY - dt.timedelta(days=30))
    agus = admit("Agus Salim", "M", TODAY - dt.timedelta(days=10))
    sri = admit("Sri Wahyuni", "F", TODAY - dt.timedelta(days=40))
    records.discharge(admin, sri, dt.date(2026, 11, 20), "referred")
    mother = records.add_contact(admin, dewi, ContactData(name="Ibu Dewi", relation="parent",
                                                          safe=True))
    uncle = records.add_contact(admin, dewi, ContactData(name="Paman", relation="relative",
                                                         must_not_visit=True))
    melati, kenanga = (rooms.create_room(admin, name, "counselling", 0)
                       for name in ("Melati", "Kenanga"))
    bedroom = rooms.create_room(admin, "Anggrek", "female", 2)
    return Counselling(dewi, agus, sri, mother, uncle, melati, kenanga, bedroom)


# The suite runs on both kinds of storage (tests/server_backend.py).
from tests.server_backend import both_backends  # noqa: E402

backend = both_backends
