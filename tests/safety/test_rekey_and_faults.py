"""A new master key; full disks, read-only folders and vanishing USB sticks; damaged
databases, key files and backups. Each gives one clear message and loses nothing."""

import errno
import os

import pytest

from shelter_app.domain.errors import AuthenticationError, StorageError
from shelter_app.services.administration import auth, backup, rekey, users
from shelter_app.storage.datadir import DataDir
from shelter_app.storage.engine import open_engine
from tests.conftest import ADMIN_PASSWORD
from tests.safety.conftest import hashes_of


def test_rekey_makes_the_old_key_useless_and_keeps_every_record(filled, data_dir, clock):
    users.add_user(filled, "petugas", "staff", "petugas password")
    before = hashes_of(filled)
    old_key = bytearray(filled.master_key)
    result = rekey.rekey(filled, ADMIN_PASSWORD)
    assert result.users_needing_new_passwords == ["petugas"]
    after = hashes_of(filled)
    keys = ("audit_events", "settings", "portable_slots",
            "public_keys", "sealed_role_keys")  # a new recovery key pair holds the role keys
    assert {t: v for t, v in after.items() if t not in keys} == {
        t: v for t, v in before.items() if t not in keys}
    filled.close_database()
    with pytest.raises(StorageError, match="cannot be opened"):
        open_engine(DataDir(data_dir).database, old_key)
    with pytest.raises(AuthenticationError):
        auth.login(data_dir, "petugas", "petugas password", clock)
    admin = auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    users.reset_password(admin, "petugas", "new petugas pass")
    admin.close_database()
    auth.login(data_dir, "petugas", "new petugas pass", clock).close_database()
    users.reset_with_recovery_key(data_dir, result.recovery_key, "admin", "another pass 12")


def test_an_interrupted_rekey_is_finished_or_dropped_at_the_next_start(filled, data_dir,
                                                                        clock):
    layout = DataDir(data_dir)
    new_db, new_keys = layout.pending_rekey
    new_db.write_bytes(b"half")  # stopped before the swap: dropped
    new_keys.write_bytes(b"half")
    filled.close_database()
    auth.login(data_dir, "admin", ADMIN_PASSWORD, clock).close_database()
    assert not new_db.exists() and not new_keys.exists()


def _failing_write(error_number):
    real_write = backup.backup_file.write

    def write(handle, header, payload, key):
        handle.write(b"partial")
        raise OSError(error_number, os.strerror(error_number))
    return write, real_write


@pytest.mark.parametrize("error_number", [errno.ENOSPC, errno.EROFS, errno.EIO, errno.ENOENT])
def test_io_faults_leave_the_database_and_the_previous_backup_whole(
        filled, tmp_path, monkeypatch, error_number):
    first = backup.backup(filled, tmp_path / "usb.rabackup", "cadangan kunci")
    kept = first.path.read_bytes()
    before = hashes_of(filled)
    write, _real = _failing_write(error_number)
    monkeypatch.setattr(backup.backup_file, "write", write)
    with pytest.raises(StorageError, match="could not be written") as raised:
        backup.backup(filled, first.path, "cadangan kunci")
    assert os.strerror(error_number) in str(raised.value)
    assert first.path.read_bytes() == kept
    assert hashes_of(filled) == before
    assert [p.name for p in first.path.parent.iterdir() if "partial" in p.name] == []


def test_a_missing_backup_folder_is_said_plainly(filled, tmp_path):
    with pytest.raises(StorageError, match="does not exist"):
        backup.backup(filled, tmp_path / "no-usb" / "x.rabackup", None)


def test_changed_bytes_in_the_database_are_caught_on_open(filled, data_dir, clock):
    filled.close_database()
    database = DataDir(data_dir).database
    for leftover in ("shelter.db-wal", "shelter.db-shm"):
        if (data_dir / leftover).exists():
            (data_dir / leftover).unlink()
    data = bytearray(database.read_bytes())
    data[-100] ^= 0xFF  # inside the last page: nothing reads it at login but the check
    database.write_bytes(bytes(data))
    with pytest.raises(StorageError, match="damaged"):
        auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)


def test_changed_bytes_in_the_key_file_are_caught(filled, data_dir, clock):
    filled.close_database()
    key_file = DataDir(data_dir).key_file
    key_file.write_bytes(key_file.read_bytes().replace(b'"demo": false', b'"demo": true'))
    with pytest.raises(StorageError, match="key file is damaged"):
        auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)


def test_a_wrong_password_for_a_new_key_is_said_plainly_and_changes_nothing(filled, data_dir):
    keys = DataDir(data_dir).key_file.read_bytes()
    with pytest.raises(AuthenticationError, match="password is wrong"):
        rekey.rekey(filled, "not my password")
    assert DataDir(data_dir).key_file.read_bytes() == keys
    assert filled.in_use.kind == "shared"  # this window goes on as before
    users.add_user(filled, "petugas", "staff", "petugas password")
