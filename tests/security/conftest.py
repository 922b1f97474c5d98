"""A person whose identity is hidden, admitted by a manager, with marker values that no
staff member or counsellor may ever come across (issue 13, finding 1)."""

import datetime as dt
from dataclasses import dataclass

import pytest

from shelter_app.services.residents import records
from shelter_app.services.residents.fields import PersonData, StayData

TODAY = dt.date(2026, 11, 27)
REAL_NAME = "Zulaikha Quraisyin Xaverina"
REAL_ALIAS = "Ika Qurais"
REAL_INITIALS = "Z.Q.X."
NIK = "3201014105960001"  # made up; born 01-05-1996, female
BORN = dt.date(1996, 5, 1)
REGENCY = "Kabupaten Zamrudkarta"
POLICE_REPORT = "LP/B/777/XI/2026/SPKT-ZQX"
PSEUDONYM = "Mawar 7"
MARKERS = (REAL_NAME, "Zulaikha", "Quraisyin", "Xaverina", REAL_ALIAS, REAL_INITIALS, NIK,
           REGENCY, "Zamrudkarta", POLICE_REPORT, BORN.isoformat(), "01/05/1996",
           "1 May 1996", "1 Mei 1996")


def real_person(**changes) -> PersonData:
    values = dict(full_name=REAL_NAME, alias=REAL_ALIAS, sex="F", birth_date=BORN, nik=NIK,
                  province="ID-JB", regency=REGENCY, police_report_number=POLICE_REPORT,
                  consent_sharing_on=TODAY - dt.timedelta(days=2),
                  consent_sharing_witness="Rina", hidden_identity=True, pseudonym=PSEUDONYM)
    values.update(changes)
    return PersonData(**values)


def stay(days_ago: int = 5, bed: int | None = None) -> StayData:
    return StayData(admission_date=TODAY - dt.timedelta(days=days_ago), bed_id=bed)


def leaked(text: str) -> list[str]:
    """The markers found in `text` (case-insensitive)."""
    lowered = text.lower()
    return [marker for marker in MARKERS if marker.lower() in lowered]


@dataclass
class Protected:
    person_id: int
    case_number: str


@pytest.fixture
def protected_person(login_as, house) -> Protected:
    from shelter_app.services.administration import auth

    manager = login_as("manager")
    result = records.admit_new(manager, real_person(), stay(bed=house["Melati"][0]))
    auth.logout(manager)
    return Protected(result.person_id, result.case_number)
