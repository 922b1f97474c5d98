"""Cutting the tail of the audit log with the master key in hand (delete the newest
events, rewrite the head in the database) is caught: `check` fails and the next
administrator to log in is told. Restore, rekey and several windows keep the copy
beside the key file consistent (issue 13, finding 3)."""

import pytest

from shelter_app.domain.audit_chain import GENESIS
from shelter_app.domain.errors import StorageError
from shelter_app.services.administration import auth, backup, rekey, users
from shelter_app.services.administration.check import run_check
from shelter_app.services.shared import audit
from shelter_app.storage import device, snapshot
from shelter_app.storage.datadir import DataDir
from shelter_app.storage.keyfile import KeyFile, user_slot_id
from tests.conftest import ADMIN_PASSWORD
from tests.safety.conftest import admit

CUT = "cut short outside Rumah Aman"


def master_key_of(data_dir, password=ADMIN_PASSWORD) -> bytes:
    """What anyone with a password and the data folder gets, outside the app."""
    key_file = KeyFile.load(DataDir(data_dir).key_file)
    return bytes(key_file.unwrap(user_slot_id("admin"), password.encode(),
                                 device.load_device_secret(key_file.installation_id)))


def cut_tail(data_dir, count: int) -> None:
    """Delete the newest `count` events and point the head at the new last one."""
    connection = snapshot.connect(DataDir(data_dir).database, master_key_of(data_dir))
    try:
        newest = connection.execute("SELECT max(id) FROM audit_events").fetchone()[0]
        connection.execute("DELETE FROM audit_events WHERE id > ?", (newest - count,))
        last = connection.execute(
            "SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()
        connection.execute("UPDATE settings SET value = ? WHERE key = ?",
                           (last[0] if last else GENESIS, audit.HEAD_KEY))
        connection.commit()
    finally:
        connection.close()


def test_a_cut_tail_is_caught_by_check_and_shown_to_the_next_administrator(
        filled, data_dir, clock, run):
    users.add_user(filled, "petugas", "staff", "petugas password")
    admit(filled, "Rina Yang Dihapus")
    auth.logout(filled)
    cut_tail(data_dir, 4)  # the admission, its audit and the logout: gone
    staff = auth.login(data_dir, "petugas", "petugas password", clock)
    assert staff.notices == []  # staff are not told; an administrator is
    auth.logout(staff)
    admin = auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    assert any(CUT in notice.text() for notice in admin.notices)
    findings = {finding.label: finding for finding in run_check(admin)}
    assert not findings["Audit log copy beside the key file"].ok
    auth.logout(admin)
    again = auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    assert again.notices == []  # told once; the audit log keeps the event
    with again.session() as session:
        assert "audit_log_cut" in [event.action for event in audit.recent(session)]
    auth.logout(again)


def test_the_command_line_check_fails_on_a_cut_tail(filled, data_dir, run):
    admit(filled, "Rina Yang Dihapus")
    auth.logout(filled)
    assert run("--data-dir", str(data_dir), "check", "--user", "admin")[0] == 0
    cut_tail(data_dir, 2)
    code, out, err = run("--data-dir", str(data_dir), "check", "--user", "admin")
    assert code != 0
    assert "FAILED  Audit log copy beside the key file" in out
    assert CUT in err
    assert run("--data-dir", str(data_dir), "check", "--user", "admin")[0] == 0  # reported


def test_a_deleted_copy_is_caught_too(filled, data_dir, clock):
    auth.logout(filled)
    DataDir(data_dir).audit_anchor.unlink()
    admin = auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    assert any("deleted or changed" in notice.text() for notice in admin.notices)
    auth.logout(admin)


def test_restore_and_rekey_keep_the_copy_consistent(filled, data_dir, tmp_path, clock, shelter):
    made = backup.backup(filled, tmp_path, None).path
    for number in range(3):
        admit(filled, f"Sesudah Cadangan {number}")
    result = rekey.rekey(filled, ADMIN_PASSWORD)
    auth.logout(filled)
    admin = auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    assert admin.notices == []
    assert all(finding.ok for finding in run_check(admin))
    auth.logout(admin)
    backup.restore(data_dir, made, typed_recovery_key=shelter)  # older: fewer events
    admin = auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    assert admin.notices == []
    assert all(finding.ok for finding in run_check(admin))
    auth.logout(admin)
    assert result.recovery_key


def test_two_windows_writing_in_turn_leave_a_consistent_copy(filled, data_dir, clock):
    other = auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    for number in range(3):
        admit(filled, f"Jendela Satu {number}")
        admit(other, f"Jendela Dua {number}")
    auth.logout(other)
    auth.logout(filled)
    admin = auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    assert admin.notices == []
    assert all(finding.ok for finding in run_check(admin))
    auth.logout(admin)


def test_a_commit_that_fails_after_the_copy_was_written_is_no_false_alarm(
        filled, data_dir, clock, monkeypatch):
    from shelter_app.storage import audit_anchor

    written = audit_anchor.write_pending

    def then_fail(*args):
        written(*args)
        raise OSError(5, "the power went")
    monkeypatch.setattr(audit_anchor, "write_pending", then_fail)
    with pytest.raises(StorageError, match="disk could not be read or written"):
        admit(filled, "Tidak Tersimpan")
    monkeypatch.setattr(audit_anchor, "write_pending", written)
    auth.logout(filled)
    admin = auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    assert admin.notices == []
    auth.logout(admin)


def test_a_window_stuck_holding_the_copys_lock_makes_a_save_fail_cleanly(
        filled, data_dir, clock, monkeypatch):
    import portalocker
    from sqlalchemy import select

    from shelter_app.domain.models import Person
    from shelter_app.storage import audit_anchor

    monkeypatch.setattr(audit_anchor, "LOCK_WAIT_S", 0.05)
    with portalocker.Lock(str(DataDir(data_dir).audit_anchor) + ".lock", mode="a", timeout=1):
        with pytest.raises(StorageError, match="Another window saved at the same moment"):
            admit(filled, "Tertahan")
    with filled.reading() as session:
        assert "Tertahan" not in set(session.scalars(select(Person.full_name)))
    admit(filled, "Sesudahnya")  # the lock let go: saves go on
