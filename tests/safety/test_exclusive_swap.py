"""Restore and rekey replace the database file only when no other window or command on
this PC has it open. Otherwise they refuse with one clear message and change nothing,
and the other window's later saves land in the file everyone uses. A window that logs
in while a restore runs waits for it and opens the restored file, never the old one."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from shelter_app.domain.errors import StorageError
from shelter_app.domain.models import Person
from shelter_app.services.administration import auth, backup, rekey
from shelter_app.storage.datadir import DataDir
from tests.conftest import ADMIN_PASSWORD
from tests.safety.conftest import admit

WINDOW = Path(__file__).with_name("open_window.py")
PAUSED_RESTORE = Path(__file__).with_name("paused_restore.py")
PASSPHRASE = "kunci cadangan 1"
ENV = dict(os.environ, SHELTER_PASSWORD=ADMIN_PASSWORD, SHELTER_BACKUP_PASSPHRASE=PASSPHRASE,
           PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
OPEN_ELSEWHERE = "open in another window or program on this PC: close it"


class Window:
    """Another Rumah Aman window on this PC: a separate process with the shelter open."""

    def __init__(self, data_dir: Path, password: str = ADMIN_PASSWORD):
        self.process = subprocess.Popen([sys.executable, str(WINDOW), str(data_dir)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, env=ENV | {"SHELTER_PASSWORD": password})
        assert self._answer() == "open"

    def _answer(self) -> str:
        line = self.process.stdout.readline()
        assert line, f"the other window ended (exit status {self.process.wait(30)})"
        return line.strip()

    def admit(self, name: str) -> str:
        self.process.stdin.write(f"admit {name}\n")
        self.process.stdin.flush()
        return self._answer()

    def end(self, how: str) -> None:
        if how == "killed":
            self.process.kill()  # SIGKILL: no logout, no clean-up
            self.process.wait(30)
            return
        self.process.stdin.write("quit\n")
        self.process.stdin.flush()
        assert self._answer() == "closed"
        assert self.process.wait(30) == 0


def _names_in(workspace) -> set[str]:
    with workspace.reading() as session:
        return set(session.scalars(select(Person.full_name)))


def _names(data_dir: Path, clock) -> set[str]:
    workspace = auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    try:
        return _names_in(workspace)
    finally:
        auth.logout(workspace)


@pytest.mark.parametrize("ending", ["closed", "killed"])
def test_restore_refuses_while_another_window_has_the_shelter_open(
        no_keyring, filled, data_dir, tmp_path, clock, run, ending):
    made = backup.backup(filled, tmp_path, PASSPHRASE).path
    admit(filled, "Sari After Backup")
    filled.close_database()
    layout = DataDir(data_dir)
    keys = layout.key_file.read_bytes()
    window = Window(data_dir)
    try:
        assert window.admit("Wati Before Restore") == "saved"
        with pytest.raises(StorageError, match=OPEN_ELSEWHERE) as refused:
            backup.restore(data_dir, made, passphrase=PASSPHRASE, clock=clock)
        assert not refused.value.offers_restore
        code, _out, err = run("--data-dir", str(data_dir), "restore", str(made),
                              SHELTER_BACKUP_PASSPHRASE=PASSPHRASE)
        assert code == 5 and OPEN_ELSEWHERE in err
        assert window.admit("Rina After Refusal") == "saved"
    finally:
        window.end(ending)
    assert layout.key_file.read_bytes() == keys
    assert list(layout.backups.glob("before-restore-*")) == []
    later = {"Sari After Backup", "Wati Before Restore", "Rina After Refusal"}
    assert later <= _names(data_dir, clock)
    # The other window is gone (closed, or killed: its lock went with it): now it works.
    backup.restore(data_dir, made, passphrase=PASSPHRASE, clock=clock)
    names = _names(data_dir, clock)
    assert names and not later & names


@pytest.mark.parametrize("ending", ["closed", "killed"])
def test_rekey_refuses_while_another_window_has_the_shelter_open(
        no_keyring, filled, data_dir, clock, run, ending):
    layout = DataDir(data_dir)
    keys = layout.key_file.read_bytes()
    window = Window(data_dir)
    try:
        with pytest.raises(StorageError, match=OPEN_ELSEWHERE):
            rekey.rekey(filled, ADMIN_PASSWORD)
        code, _out, err = run("--data-dir", str(data_dir), "rekey", "--user", "admin")
        assert code == 5 and OPEN_ELSEWHERE in err
        assert layout.key_file.read_bytes() == keys
        assert not any(path.exists() for path in layout.pending_rekey)
        admit(filled, "Sari This Window")  # both windows go on working
        assert window.admit("Wati Other Window") == "saved"
    finally:
        window.end(ending)
    both = {"Sari This Window", "Wati Other Window"}
    assert both <= _names_in(filled)
    result = rekey.rekey(filled, ADMIN_PASSWORD)
    assert result.recovery_key and layout.key_file.read_bytes() != keys
    admit(filled, "Rina After Rekey")
    filled.close_database()
    assert both | {"Rina After Rekey"} <= _names(data_dir, clock)


def test_a_login_during_a_restore_waits_and_opens_the_restored_file(
        no_keyring, filled, data_dir, tmp_path, clock):
    made = backup.backup(filled, tmp_path, PASSPHRASE).path
    admit(filled, "Sari After Backup")
    filled.close_database()
    restorer = subprocess.Popen([sys.executable, str(PAUSED_RESTORE), str(data_dir), str(made)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                env=ENV)
    opened = []
    try:
        assert restorer.stdout.readline().strip() == "swapping"  # the old file is still there
        login = threading.Thread(target=lambda: opened.append(
            auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)))
        login.start()
        login.join(timeout=1.0)
        assert login.is_alive(), "the login did not wait for the restore"
        restorer.stdin.write("go\n")
        restorer.stdin.flush()
        assert restorer.stdout.readline().startswith("restored")
        login.join(timeout=60)
        assert opened, "the login did not go on after the restore"
    finally:
        restorer.kill()
        restorer.wait(30)
    workspace = opened[0]
    assert "Sari After Backup" not in _names_in(workspace)  # the restored file, not the old
    admit(workspace, "Lina After Restore")
    auth.logout(workspace)
    assert "Lina After Restore" in _names(data_dir, clock)


def test_a_restore_over_an_interrupted_rekey_is_not_undone_at_the_next_login(
        no_keyring, filled, data_dir, tmp_path, clock):
    made = backup.backup(filled, tmp_path, PASSPHRASE).path
    filled.close_database()
    _new_database, new_keys = DataDir(data_dir).pending_rekey
    new_keys.write_bytes(b"a rekey stopped between its two renames")
    backup.restore(data_dir, made, passphrase=PASSPHRASE, clock=clock)
    assert _names(data_dir, clock)


def test_a_demo_open_in_another_window_is_not_made_again_under_it(no_keyring, tmp_path, clock):
    """`make run` makes the demo again: it deleted the folder under a demo window still
    open, whose saves then went into deleted files."""
    from shelter_app.services.administration import demo

    folder = tmp_path / "demo"
    auth.logout(demo.create_demo(folder, residents=2, clock=clock))
    window = Window(folder, password="demo")
    try:
        with pytest.raises(StorageError, match=OPEN_ELSEWHERE):
            demo.create_demo(folder, residents=2, replace=True, clock=clock)
        assert window.admit("Contoh Sesudah") == "saved"
    finally:
        window.end("closed")
    workspace = auth.login(folder, "admin", "demo", clock)
    assert "Contoh Sesudah" in _names_in(workspace)
    auth.logout(workspace)
    auth.logout(demo.create_demo(folder, residents=2, replace=True, clock=clock))
