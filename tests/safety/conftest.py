import datetime as dt

import pytest

from shelter_app.services import residents
from shelter_app.services.person_fields import ContactData, PersonData, StayData
from shelter_app.storage import snapshot


def hashes_of(workspace):
    connection = snapshot.connect(workspace.data_dir.database, workspace.master_key)
    try:
        return snapshot.table_hashes(connection)
    finally:
        connection.close()


@pytest.fixture
def filled(admin, house):
    """The test shelter with a few residents, contacts and beds."""
    for number, (name, sex) in enumerate((("Dewi Lestari", "F"), ("Agus Salim", "M"),
                                          ("Putri Ayu", "F"))):
        residents.admit_new(admin, PersonData(full_name=name, sex=sex,
                                              birth_date=dt.date(1990 + number, 1, 1)),
                            StayData(admission_date=dt.date(2026, 11, 20)),
                            [ContactData(name=f"Kontak {number}", relation="parent")])
    return admin
