"""Two shelters: the sending one (conftest's `admin`, named Rumah Aman Mataram) with
Dewi, who agreed to share her data, and Agus, who did not; and a receiving one in
another data folder (Rumah Aman Kupang), on the same kind of storage."""

import contextlib
import datetime as dt
from dataclasses import dataclass

import pytest

from shelter_app.services.residents import records
from shelter_app.services.residents.fields import ContactData, PersonData, StayData
from shelter_app.services.shared import settings
from tests.conftest import ADMIN_PASSWORD, LIGHT_KDF

TODAY = dt.date(2026, 11, 27)
PASSPHRASE = "kupang-mataram-27"
DEWI_NIK = "3201014105960001"


@dataclass
class Sending:
    dewi: int  # consent recorded, in the shelter, in a bed, two contacts
    agus: int  # no consent, in the shelter


def dewi_data(**changes) -> PersonData:
    values = dict(full_name="Dewi Lestari", alias="Ewi", sex="F",
                  birth_date=dt.date(1996, 5, 1), nik=DEWI_NIK, nationality="ID",
                  languages=["ind", "sas"], province="ID-NB", regency="Lombok Timur",
                  education="junior", marital_status="single", children=1,
                  modus=["migrant_labour"], exploitation_types=["ForcedLabour"],
                  control_methods=["DebtBondage", "WithholdsDocuments"],
                  recruitment_methods=["ThroughFamilyOrFamilyEvents"],
                  exploitation_country="MY", exploitation_place="Johor",
                  police_report_number="LP/123/XI/2026", lpsk_protection=True,
                  consent_services_on=TODAY - dt.timedelta(days=29),
                  consent_sharing_on=TODAY - dt.timedelta(days=29),
                  consent_sharing_witness="Rina", risk_level="high")
    values.update(changes)
    return PersonData(**values)


CONTACTS = [ContactData(name="Ibu Sumi", relation="parent", phone="0812 3456 7890", safe=True),
            ContactData(name="Pak Joko", relation="relative", must_not_visit=True,
                        note="Took her to the agent")]


def sending_shelter(admin, house) -> Sending:
    settings.update_settings(admin, shelter_name="Rumah Aman Mataram")
    dewi = records.admit_new(admin, dewi_data(), StayData(
        admission_date=TODAY - dt.timedelta(days=30), bed_id=house["Melati"][0]),
        CONTACTS).person_id
    agus = records.admit_new(admin, PersonData(
        full_name="Agus Salim", sex="M", birth_date=dt.date(1990, 2, 3)),
        StayData(admission_date=TODAY - dt.timedelta(days=10))).person_id
    return Sending(dewi, agus)


@contextlib.contextmanager
def receiving_shelter(request, tmp_path, clock, backend):
    """The administrator of a second shelter (its own folder, its own database)."""
    from shelter_app.services.administration import auth, setup

    folder = tmp_path / "receiving"
    if backend == "server":
        from tests import server_backend

        server_backend.new_shelter(request, folder, clock, ADMIN_PASSWORD, LIGHT_KDF)
    else:
        made = setup.create_shelter(folder, shelter_name="Rumah Aman Kupang",
                                    time_zone="Asia/Jakarta", admin_username="admin",
                                    admin_password=ADMIN_PASSWORD, clock=clock)
        auth.logout(made.workspace)
    workspace = auth.login(folder, "admin", ADMIN_PASSWORD, clock)
    settings.update_settings(workspace, shelter_name="Rumah Aman Kupang")
    workspace.folder = folder
    try:
        yield workspace
    finally:
        if not workspace.is_locked:
            workspace.close_database()


@pytest.fixture
def sending(admin, house):
    return sending_shelter(admin, house)


@pytest.fixture
def receiving(request, tmp_path, clock, backend, shelter):
    with receiving_shelter(request, tmp_path, clock, backend) as workspace:
        yield workspace


# The suite runs on both kinds of storage (tests/server_backend.py).
from tests.server_backend import both_backends  # noqa: E402

backend = both_backends
