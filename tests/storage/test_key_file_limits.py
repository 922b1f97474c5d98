"""The key file is sealed with a key only the master key gives, and no file (key file
or backup) can set Argon2 below the floor or above the ceiling (issue 13, finding 4)."""

import hashlib
import io
import json

import pytest

from shelter_app.domain.errors import StorageError
from shelter_app.services.administration import auth, backup, users
from shelter_app.storage import backup_file, kdf
from shelter_app.storage.datadir import DataDir
from shelter_app.storage.keyfile import KeyFile
from tests.conftest import ADMIN_PASSWORD

PASSPHRASE = "a long backup passphrase"
MEASURED = kdf.calibrate  # before the suite's fixture makes it light


def edit_key_file(path, change) -> None:
    """As an attacker would: change the body, and fix the plain checksum to match."""
    data = json.loads(path.read_text("utf-8"))
    data.pop("checksum")
    mac = data.pop("mac", None)
    change(data)
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    data["checksum"] = hashlib.sha256(canonical).hexdigest()
    if mac is not None:
        data["mac"] = mac
    path.write_text(json.dumps(data), "utf-8")


@pytest.fixture
def real_floor(monkeypatch):
    """The floor the app has outside the test suite."""
    monkeypatch.setattr(kdf, "MIN_MEMORY_KIB", 64 * 1024)
    monkeypatch.setattr(kdf, "MIN_TIME_COST", 2)
    monkeypatch.delenv(kdf.FLOOR_ENVIRONMENT)
    monkeypatch.setattr(kdf, "calibrate", MEASURED)


def argon2_must_not_run(monkeypatch) -> None:
    def refuse(*_args, **_kwargs):
        raise AssertionError("Argon2 ran with settings from the file")
    monkeypatch.setattr("argon2.low_level.hash_secret_raw", refuse)


@pytest.mark.parametrize("change", [
    lambda data: data.update(demo=True),
    lambda data: data["default_kdf"].update(memory_kib=2048, time_cost=1),
], ids=["demo", "cheaper default"])
def test_an_edited_key_file_is_refused_at_login_and_nothing_is_written(
        shelter, data_dir, clock, change):
    key_path = DataDir(data_dir).key_file
    edit_key_file(key_path, change)
    edited = key_path.read_bytes()
    with pytest.raises(StorageError, match="changed outside Rumah Aman"):
        auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    assert key_path.read_bytes() == edited


def test_an_edit_while_logged_in_seals_nothing_with_the_edited_settings(admin, data_dir):
    key_path = DataDir(data_dir).key_file
    edit_key_file(key_path, lambda data: data.update(demo=True))
    edited = key_path.read_bytes()
    with pytest.raises(StorageError, match="changed outside Rumah Aman"):
        users.add_user(admin, "petugas", "staff", "petugas password")
    assert key_path.read_bytes() == edited
    assert "petugas" not in {user.username for user in users.list_users(admin)}


def test_the_real_floor_and_ceiling(real_floor):
    for weak in ({"memory_kib": 8, "time_cost": 1}, {"memory_kib": 65536, "time_cost": 1},
                 {"memory_kib": 32768, "time_cost": 4}):
        with pytest.raises(kdf.KdfParamsRejected):
            kdf.KdfParams.from_json({**weak, "parallelism": 1})
    for heavy in ({"memory_kib": 4 * 1024 * 1024, "time_cost": 2},
                  {"memory_kib": 65536, "time_cost": 100_000},
                  {"memory_kib": 512 * 1024, "time_cost": 40}):
        with pytest.raises(kdf.KdfParamsRejected):
            kdf.KdfParams.from_json({**heavy, "parallelism": 1})
    assert kdf.KdfParams.from_json({"memory_kib": 65536, "time_cost": 2, "parallelism": 4})
    assert kdf.calibrate(target_seconds=0).time_cost >= 2


def test_a_key_file_under_the_real_floor_is_refused_before_argon2_runs(
        shelter, data_dir, real_floor, monkeypatch):
    argon2_must_not_run(monkeypatch)
    key_path = DataDir(data_dir).key_file
    edit_key_file(key_path, lambda data: data["default_kdf"].update(memory_kib=8, time_cost=1))
    with pytest.raises(StorageError, match="outside the safe limits"):
        KeyFile.load(key_path)


def _crafted(path, tmp_path, change):
    raw = path.read_bytes()
    header, _digest = backup_file.read_header(io.BytesIO(raw))
    change(header.data)
    body = header.to_bytes()
    start = len(backup_file.MAGIC) + 4
    old_length = int.from_bytes(raw[len(backup_file.MAGIC):start], "big")
    crafted = tmp_path / "crafted.rabackup"
    crafted.write_bytes(backup_file.MAGIC + len(body).to_bytes(4, "big") + body
                        + raw[start + old_length:])
    return crafted


@pytest.mark.parametrize("slot", ["passphrase", "recovery"])
def test_a_backup_asking_for_gigabytes_of_argon2_is_refused_before_it_runs(
        admin, tmp_path, shelter, slot, monkeypatch):
    report = backup.backup(admin, tmp_path, PASSPHRASE)
    argon2_must_not_run(monkeypatch)
    crafted = _crafted(report.path, tmp_path, lambda data: data["slots"][slot]["kdf"].update(
        memory_kib=4 * 1024 * 1024, time_cost=8))
    with pytest.raises(StorageError, match="outside the safe limits"):
        backup.restore(tmp_path / "elsewhere", crafted, passphrase=PASSPHRASE,
                       typed_recovery_key=shelter if slot == "recovery" else None)
    assert not (tmp_path / "elsewhere" / "shelter.db").exists()


def test_a_key_file_of_the_first_version_is_sealed_at_the_next_login(shelter, data_dir, clock):
    key_path = DataDir(data_dir).key_file

    def first_version(data):
        data["version"] = 1
    edit_key_file(key_path, first_version)
    data = json.loads(key_path.read_text("utf-8"))
    data.pop("mac")
    key_path.write_text(json.dumps(data), "utf-8")
    auth.logout(auth.login(data_dir, "admin", ADMIN_PASSWORD, clock))
    sealed = json.loads(key_path.read_text("utf-8"))
    assert sealed["version"] == 2 and sealed["mac"]
    auth.logout(auth.login(data_dir, "admin", ADMIN_PASSWORD, clock))


def test_check_finds_a_key_file_edited_after_login(admin, data_dir):
    from shelter_app.services.administration.check import run_check

    edit_key_file(DataDir(data_dir).key_file, lambda data: data.update(demo=True))
    findings = {finding.label: finding for finding in run_check(admin)}
    assert not findings["Key file"].ok
    assert "changed outside Rumah Aman" in findings["Key file"].detail


@pytest.mark.parametrize("slot", ["passphrase", "recovery"])
def test_a_backup_with_a_salt_argon2_refuses_is_damaged_not_a_crash(
        admin, tmp_path, shelter, slot):
    report = backup.backup(admin, tmp_path, PASSPHRASE)
    crafted = _crafted(report.path, tmp_path, lambda data: data["slots"][slot].update(salt=""))
    with pytest.raises(StorageError, match="damaged"):
        backup.restore(tmp_path / "elsewhere", crafted, passphrase=PASSPHRASE,
                       typed_recovery_key=shelter if slot == "recovery" else None)


def test_a_key_file_slot_with_a_salt_argon2_refuses_is_damaged_not_a_crash(
        shelter, data_dir, clock):
    edit_key_file(DataDir(data_dir).key_file,
                  lambda data: data["slots"]["user:admin"].update(salt=""))
    with pytest.raises(StorageError, match="damaged"):
        auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)


def test_a_moment_of_load_during_calibration_does_not_make_guessing_cheap(real_floor,
                                                                          monkeypatch):
    """Argon2 here takes 0.05 s a pass; the first run (2 passes) comes when another
    program holds the CPU and takes 2 s. The settings are those of the unloaded PC (10
    passes for 0.5 s), not the floor's 2 that the slow run alone would give."""
    clock = [0.0]
    slowed = {"done": False}

    def derive(_secret, _salt, params):
        clock[0] += 0.05 * params.time_cost
        if not slowed["done"]:
            slowed["done"] = True
            clock[0] += 2.0

    monkeypatch.setattr(kdf, "derive", derive)
    monkeypatch.setattr(kdf.time, "perf_counter", lambda: clock[0])
    assert kdf.calibrate(target_seconds=0.5).time_cost == 10
