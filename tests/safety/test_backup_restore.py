"""Backups restore what was there, are refused when they should be, and never replace
anything before they are known to be good."""

import json

import pytest

from shelter_app.domain.errors import AuthenticationError, StorageError
from shelter_app.services.administration import auth, backup, users
from shelter_app.storage import backup_file
from shelter_app.storage.datadir import DataDir
from tests.conftest import ADMIN_PASSWORD
from tests.safety.conftest import hashes_of

PASSPHRASE = "kunci cadangan 1"


def test_a_restored_shelter_holds_the_same_records_and_users_keep_passwords(
        filled, tmp_path, clock, shelter):
    users.add_user(filled, "petugas", "staff", "petugas password")
    before = hashes_of(filled)
    report = backup.backup(filled, tmp_path, PASSPHRASE)
    assert report.path.suffix == ".rabackup" and report.rows > 0
    restored = tmp_path / "new-pc"
    result = backup.restore(restored, report.path, passphrase=PASSPHRASE, clock=clock)
    assert result.users == ["admin", "petugas"]
    workspace = auth.login(restored, "petugas", "petugas password", clock)
    after = hashes_of(workspace)
    workspace.close_database()
    same = {t for t in before if t not in ("audit_events", "settings")}
    assert {t: after[t] for t in same} == {t: before[t] for t in same}
    assert after["audit_events"][0] > before["audit_events"][0]  # + restore and login
    by_recovery = tmp_path / "by-recovery"
    backup.restore(by_recovery, report.path, typed_recovery_key=shelter)
    auth.login(by_recovery, "admin", ADMIN_PASSWORD, clock).close_database()


def test_restore_binds_slots_to_the_new_pcs_store_at_first_login(filled, tmp_path, clock):
    report = backup.backup(filled, tmp_path, PASSPHRASE)
    backup.restore(tmp_path / "pc2", report.path, passphrase=PASSPHRASE)
    key_file = json.loads((tmp_path / "pc2" / "keys.json").read_text())
    assert key_file["slots"]["user:admin"]["device_bound"] is False
    auth.login(tmp_path / "pc2", "admin", ADMIN_PASSWORD, clock).close_database()
    key_file = json.loads((tmp_path / "pc2" / "keys.json").read_text())
    assert key_file["slots"]["user:admin"]["device_bound"] is True


@pytest.mark.parametrize("spoil", ["truncate", "flip", "not_a_backup"])
def test_a_damaged_backup_is_refused_before_anything_is_replaced(filled, tmp_path, spoil):
    report = backup.backup(filled, tmp_path, PASSPHRASE)
    data = bytearray(report.path.read_bytes())
    if spoil == "truncate":
        data = data[:len(data) - 5000]
    elif spoil == "flip":
        data[-3000] ^= 0x40
    else:
        data = bytearray(b"PK\x03\x04 a zip file")
    report.path.write_bytes(bytes(data))
    filled.close_database()  # restored from the login window: nobody has it open
    before = DataDir(filled.data_dir.root).database.read_bytes()
    with pytest.raises(StorageError, match="backup"):
        backup.restore(filled.data_dir.root, report.path, passphrase=PASSPHRASE)
    assert DataDir(filled.data_dir.root).database.read_bytes() == before


def test_wrong_keys_and_other_shelters_and_newer_versions_are_refused(
        filled, tmp_path, clock):
    report = backup.backup(filled, tmp_path, PASSPHRASE)
    with pytest.raises(AuthenticationError, match="does not open"):
        backup.restore(tmp_path / "x", report.path, passphrase="wrong passphrase")
    with pytest.raises(AuthenticationError, match="does not open"):
        backup.restore(tmp_path / "x", report.path,
                       typed_recovery_key="AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF")
    from shelter_app.services.administration import setup

    other = setup.create_shelter(tmp_path / "other", shelter_name="Lain",
                                 time_zone="Asia/Jakarta", admin_username="admin",
                                 admin_password=ADMIN_PASSWORD, clock=clock)
    other.workspace.close_database()
    with pytest.raises(StorageError, match="another shelter"):
        backup.restore(tmp_path / "other", report.path, passphrase=PASSPHRASE)
    raw = report.path.read_bytes()
    header, _digest = backup_file.read_header(__import__("io").BytesIO(raw))
    header.data["schema_revision"] = "9999-future"
    newer = tmp_path / "newer.rabackup"
    body = header.to_bytes()
    start = len(backup_file.MAGIC) + 4
    old_length = int.from_bytes(raw[len(backup_file.MAGIC):start], "big")
    newer.write_bytes(backup_file.MAGIC + len(body).to_bytes(4, "big") + body
                      + raw[start + old_length:])
    with pytest.raises(StorageError, match="newer version"):
        backup.restore(tmp_path / "y", newer, passphrase=PASSPHRASE)
    assert not (tmp_path / "y" / "shelter.db").exists()


def test_restoring_over_the_same_shelter_keeps_a_dated_copy(filled, tmp_path, shelter):
    report = backup.backup(filled, tmp_path, None)
    current = filled.data_dir.database.read_bytes()
    filled.close_database()
    with pytest.raises(AuthenticationError):
        backup.restore(filled.data_dir.root, report.path, passphrase="anything at all")
    result = backup.restore(filled.data_dir.root, report.path,
                            typed_recovery_key=shelter)
    assert result.kept_copy is not None
    assert (result.kept_copy / "shelter.db").read_bytes()[:4096] == current[:4096]


def test_only_administrators_back_up(login_as, tmp_path):
    from shelter_app.domain.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        backup.backup(login_as("manager"), tmp_path, PASSPHRASE)
