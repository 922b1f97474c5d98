import datetime as dt
import errno
import os
import subprocess
from pathlib import Path

import pytest

from shelter_app.services.administration import auth, setup
from shelter_app.services.residents import records
from shelter_app.services.residents.fields import ContactData, PersonData, StayData
from shelter_app.storage import snapshot
from tests.conftest import ADMIN_PASSWORD

SMALL_DISK_MIB = 16


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
        records.admit_new(admin, PersonData(full_name=name, sex=sex,
                                            birth_date=dt.date(1990 + number, 1, 1)),
                          StayData(admission_date=dt.date(2026, 11, 20)),
                          [ContactData(name=f"Kontak {number}", relation="parent")])
    return admin


def admit(workspace, name: str) -> None:
    records.admit_new(workspace, PersonData(full_name=name, sex="F",
                                            birth_date=dt.date(1990, 1, 1)),
                      StayData(admission_date=dt.date(2026, 11, 20)), [])


@pytest.fixture
def small_disk(tmp_path):
    """A real 16 MiB file system (tmpfs; the tests run as root, as CI does), to fill."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SMALL_DISK_MIB}m,mode=0700",
                    "tmpfs", str(mount_point)], check=True)
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "--lazy", str(mount_point)], check=True)


@pytest.fixture
def shelter_on_disk(small_disk, no_keyring, clock):
    """A shelter with one resident in a folder on the small disk, nobody logged in."""
    folder = small_disk / "shelter"
    workspace = setup.create_shelter(folder, shelter_name="Rumah Uji", time_zone="Asia/Jakarta",
                                     admin_username="admin", admin_password=ADMIN_PASSWORD,
                                     clock=clock).workspace
    admit(workspace, "Dewi Lestari")
    auth.logout(workspace)
    return folder


def fill_disk(disk: Path) -> Path:
    """Write a file until the disk has not one byte left; delete it to free the space."""
    filler = disk / "filler"
    handle = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for chunk in (1 << 20, 1 << 12, 1):
            try:
                while True:
                    os.write(handle, bytes(chunk))
            except OSError as error:
                assert error.errno == errno.ENOSPC
    finally:
        os.close(handle)
    return filler
