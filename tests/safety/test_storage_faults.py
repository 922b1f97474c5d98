"""A disk that refuses is named for what it is (full, read-only, no permission, a file
another program holds), never called damage, and never answered with a restore: a shelter
that restores an old backup because its disk was full loses its recent work.

On real file systems: a small tmpfs (mounted here; the tests run as root, as CI does),
a process without the right to override file modes, a process holding a lock."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from shelter_app.domain.errors import StorageError
from shelter_app.services.administration import auth, users
from shelter_app.services.residents import records
from shelter_app.services.shared import audit
from shelter_app.storage import engine as engine_module
from shelter_app.storage import snapshot
from shelter_app.storage.datadir import DataDir
from tests.conftest import ADMIN_PASSWORD
from tests.safety.conftest import admit, fill_disk, hashes_of

UNCHANGED_BY_A_LOGIN = ("audit_events", "settings", "portable_slots")


def _records(folder: Path, clock) -> dict:
    workspace = auth.login(folder, "admin", ADMIN_PASSWORD, clock)
    try:
        with workspace.session() as session:
            assert audit.verify_chain(session).ok
        return {table: value for table, value in hashes_of(workspace).items()
                if table not in UNCHANGED_BY_A_LOGIN}
    finally:
        auth.logout(workspace)


def _empty_the_wal(workspace) -> None:
    connection = snapshot.connect(workspace.data_dir.database, workspace.master_key)
    try:
        assert connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0
    finally:
        connection.close()


def _named(error: BaseException, words: str) -> None:
    message = str(error)
    assert words in message
    assert "is damaged" not in message
    assert "do not restore a backup" in message
    assert not getattr(error, "offers_restore", False)


def test_a_full_disk_at_login_is_named_and_no_restore_is_offered(shelter_on_disk, small_disk,
                                                                 clock):
    before = _records(shelter_on_disk, clock)
    filler = fill_disk(small_disk)
    with pytest.raises(StorageError) as raised:
        auth.login(shelter_on_disk, "admin", ADMIN_PASSWORD, clock)
    _named(raised.value, "The disk is full")
    filler.unlink()
    assert _records(shelter_on_disk, clock) == before


def test_the_command_line_on_a_full_disk_names_it(shelter_on_disk, small_disk, tmp_path):
    fill_disk(small_disk)
    done = subprocess.run(
        [sys.executable, "-m", "shelter_app", "--lang", "en", "--data-dir",
         str(shelter_on_disk), "export", "stays", "--user", "admin",
         "--out", str(tmp_path / "stays.csv")],
        capture_output=True, text=True, timeout=120,
        env=dict(os.environ, SHELTER_PASSWORD=ADMIN_PASSWORD,
                 PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring"))
    assert done.returncode == 5
    assert "The disk is full" in done.stderr and "is damaged" not in done.stderr
    assert "Traceback" not in done.stderr


def test_a_save_when_the_disk_fills_says_so_and_saves_nothing(shelter_on_disk, small_disk,
                                                              clock):
    from shelter_app.gui.background import explain

    workspace = auth.login(shelter_on_disk, "admin", ADMIN_PASSWORD, clock)
    _empty_the_wal(workspace)  # so that the next save needs new space on the disk
    filler = fill_disk(small_disk)
    with pytest.raises(StorageError) as raised:
        admit(workspace, "Putri Ayu")
    _named(raised.value, "The disk is full")
    assert explain(raised.value) == str(raised.value)
    filler.unlink()
    assert records.overview(workspace).persons == 1  # nothing of the failed save
    admit(workspace, "Putri Ayu")  # the same save, once there is room
    with workspace.session() as session:
        assert audit.verify_chain(session).ok
    auth.logout(workspace)


def test_a_key_file_write_on_a_full_disk_keeps_the_old_key_file(shelter_on_disk, small_disk,
                                                                clock):
    workspace = auth.login(shelter_on_disk, "admin", ADMIN_PASSWORD, clock)
    key_file = DataDir(shelter_on_disk).key_file
    kept = key_file.read_bytes()
    filler = fill_disk(small_disk)
    with pytest.raises(StorageError) as raised:
        users.add_user(workspace, "petugas", "staff", "petugas password")
    _named(raised.value, "The disk is full")
    assert key_file.read_bytes() == kept
    assert sorted(p.name for p in shelter_on_disk.iterdir() if p.name.startswith(".")) == []
    filler.unlink()
    assert "petugas" not in [user.username for user in users.list_users(workspace)]
    users.add_user(workspace, "petugas", "staff", "petugas password")
    auth.logout(workspace)
    auth.logout(auth.login(shelter_on_disk, "petugas", "petugas password", clock))


def test_a_read_only_disk_is_named_and_no_restore_is_offered(shelter_on_disk, small_disk,
                                                             clock):
    before = _records(shelter_on_disk, clock)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        with pytest.raises(StorageError) as raised:
            auth.login(shelter_on_disk, "admin", ADMIN_PASSWORD, clock)
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    _named(raised.value, "read-only")
    assert _records(shelter_on_disk, clock) == before


def _without_overriding_file_modes() -> None:
    """In the child before it starts: drop root's right to ignore file modes (Linux
    capabilities DAC_OVERRIDE and DAC_READ_SEARCH), so modes and owners count."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _export_without_override(folder: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "shelter_app", "--lang", "en", "--data-dir", str(folder),
         "export", "stays", "--user", "admin", "--out", str(out)],
        capture_output=True, text=True, timeout=120, preexec_fn=_without_overriding_file_modes,
        env=dict(os.environ, SHELTER_PASSWORD=ADMIN_PASSWORD,
                 PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring"))


def test_a_read_only_database_file_is_named(no_keyring, shelter, data_dir, tmp_path):
    database = DataDir(data_dir).database
    database.chmod(0o400)
    try:
        done = _export_without_override(data_dir, tmp_path / "stays.csv")
    finally:
        database.chmod(0o600)
    assert done.returncode == 5, done.stderr
    assert "The file is marked read-only" in done.stderr
    assert "is damaged" not in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("whose", ["database", "folder"])
def test_no_permission_is_named(no_keyring, shelter, data_dir, tmp_path, whose):
    """The files (or the folder) belong to another account of the computer."""
    target = DataDir(data_dir).database if whose == "database" else data_dir
    os.chown(target, 65534, 65534)
    try:
        done = _export_without_override(data_dir, tmp_path / "stays.csv")
    finally:
        os.chown(target, 0, 0)
    assert done.returncode == 5, done.stderr
    assert "no permission" in done.stderr
    assert "is damaged" not in done.stderr and "Traceback" not in done.stderr


def test_a_file_locked_by_another_program_is_named(shelter, data_dir, clock, monkeypatch):
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 300)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl, os, sys\n"
         "handle = os.open(sys.argv[1], os.O_RDWR)\n"
         "fcntl.lockf(handle, fcntl.LOCK_EX)  # as a backup or sync program may\n"
         "print('locked', flush=True)\n"
         "sys.stdin.readline()\n",
         str(DataDir(data_dir).database)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(StorageError) as raised:
            auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    finally:
        holder.kill()
        holder.wait(30)
    _named(raised.value, "Another program is using the file")
    auth.logout(auth.login(data_dir, "admin", ADMIN_PASSWORD, clock))


def test_a_database_the_right_key_cannot_open_offers_the_restore(shelter, data_dir, clock):
    database = DataDir(data_dir).database
    data = bytearray(database.read_bytes())
    data[20:40] = bytes(20)  # inside the first page: its checksum fails
    database.write_bytes(bytes(data))
    with pytest.raises(StorageError, match="damaged") as raised:
        auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    assert raised.value.offers_restore
