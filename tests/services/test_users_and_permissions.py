import errno

import pytest
from sqlalchemy import select

from shelter_app.domain.errors import (
    AuthenticationError,
    InputError,
    PermissionDenied,
    StorageError,
)
from shelter_app.domain.models import AuditEvent
from shelter_app.services.administration import auth, users
from shelter_app.services.administration.check import run_check
from shelter_app.storage import atomic
from shelter_app.storage.datadir import DataDir
from tests.conftest import ADMIN_PASSWORD


def test_an_admin_adds_a_user_who_can_log_in_with_their_role(admin, data_dir, clock):
    users.add_user(admin, "Siti", "counsellor", "siti password", "Siti Aminah")
    siti = auth.login(data_dir, "siti", "siti password", clock)
    assert siti.user.role.value == "counsellor"


@pytest.mark.parametrize("role", ["staff", "counsellor", "manager"])
def test_other_roles_are_denied_user_management_in_the_service_layer(admin, data_dir, clock,
                                                                     role):
    users.add_user(admin, "worker", role, "worker password")
    worker = auth.login(data_dir, "worker", "worker password", clock)
    with pytest.raises(PermissionDenied):
        users.add_user(worker, "intruder", "admin", "intruder password")
    with pytest.raises(PermissionDenied):
        users.list_users(worker)
    with admin.session() as session:
        denied = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "permission_denied")).all()
    assert [event.username for event in denied] == ["worker", "worker"]


@pytest.mark.file_only
def test_a_disabled_user_cannot_log_in_and_their_key_is_gone(admin, data_dir, clock):
    users.add_user(admin, "budi", "staff", "budi password")
    users.disable_user(admin, "budi")
    with pytest.raises(AuthenticationError, match="disabled"):
        auth.login(data_dir, "budi", "budi password", clock)
    assert "budi password" not in DataDir(data_dir).key_file.read_text()
    users.enable_user(admin, "budi", "budi new password")
    auth.login(data_dir, "budi", "budi new password", clock).close_database()


def test_the_last_admin_and_yourself_cannot_be_disabled(admin):
    users.add_user(admin, "admin2", "admin", "second admin")
    with pytest.raises(InputError, match="your own account"):
        users.disable_user(admin, "admin")
    users.disable_user(admin, "admin2")
    assert {u.username: u.disabled for u in users.list_users(admin)} == {
        "admin": False, "admin2": True}


def test_bad_input_is_refused_with_one_message(admin):
    with pytest.raises(InputError, match="at least 8"):
        users.add_user(admin, "siti", "staff", "short")
    with pytest.raises(InputError, match="Unknown role"):
        users.add_user(admin, "siti", "boss", "long enough")
    with pytest.raises(InputError, match="user name has"):
        users.add_user(admin, "9 bad name", "staff", "long enough")
    users.add_user(admin, "siti", "staff", "long enough")
    with pytest.raises(InputError, match="taken"):
        users.add_user(admin, "SITI", "staff", "long enough")


def test_an_admin_resets_a_password_and_the_lock(admin, data_dir, clock):
    users.add_user(admin, "rina", "staff", "rina password")
    for _attempt in range(6):
        with pytest.raises(AuthenticationError):
            auth.login(data_dir, "rina", "guess", clock)
    assert users.list_users(admin)[1].locked_until is not None
    users.reset_password(admin, "rina", "rina fresh password")
    auth.login(data_dir, "rina", "rina fresh password", clock).close_database()


def test_changing_your_own_password_rewraps_only_your_slot(admin, data_dir, clock):
    with pytest.raises(AuthenticationError, match="current password"):
        users.change_own_password(admin, "wrong", "another password")
    users.change_own_password(admin, ADMIN_PASSWORD, "another password")
    auth.login(data_dir, "admin", "another password", clock).close_database()
    with pytest.raises(AuthenticationError):
        auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)


@pytest.mark.file_only
def test_the_recovery_key_resets_an_admin_password(shelter, data_dir, clock):
    typed = shelter.lower().replace("-", " ")
    users.reset_with_recovery_key(data_dir, typed, "admin", "remembered now", clock)
    auth.login(data_dir, "admin", "remembered now", clock).close_database()
    with pytest.raises(AuthenticationError, match="does not belong"):
        users.reset_with_recovery_key(data_dir, "ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2-34567",
                                      "admin", "whatever long", clock)
    with pytest.raises(InputError, match="six groups"):
        users.reset_with_recovery_key(data_dir, "not a key", "admin", "whatever long", clock)


@pytest.mark.file_only
def test_a_full_disk_while_adding_a_user_saves_nothing(admin, data_dir, monkeypatch):
    key_file_before = DataDir(data_dir).key_file.read_bytes()

    def disk_full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    with pytest.raises(StorageError, match="The disk is full"):
        users.add_user(admin, "siti", "staff", "siti password")
    monkeypatch.undo()
    assert DataDir(data_dir).key_file.read_bytes() == key_file_before
    assert [u.username for u in users.list_users(admin)] == ["admin"]
    assert not list(data_dir.glob(".keys.json.*"))


def test_set_up_in_a_folder_that_cannot_be_written_says_so(tmp_path):
    from shelter_app.services.administration import setup

    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match="cannot be written"):
        setup.create_shelter(blocker / "shelter", shelter_name="Rumah", time_zone="Asia/Jakarta",
                             admin_username="admin", admin_password=ADMIN_PASSWORD)


def test_a_failed_set_up_leaves_the_folder_empty(data_dir, monkeypatch):
    from shelter_app.services.administration import setup
    from shelter_app.storage.keyfile import KeyFile

    def disk_full(self):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(KeyFile, "save", disk_full)
    with pytest.raises(OSError):
        setup.create_shelter(data_dir, shelter_name="Rumah", time_zone="Asia/Jakarta",
                             admin_username="admin", admin_password=ADMIN_PASSWORD)
    assert not DataDir(data_dir).is_set_up()
    assert not DataDir(data_dir).database.exists()


@pytest.mark.file_only
def test_check_passes_on_a_sound_database(admin):
    findings = run_check(admin)
    assert all(f.ok for f in findings), findings


@pytest.mark.file_only
def test_check_finds_an_edited_audit_event(admin):
    with admin.session() as session:
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).first()
        event.action = "view"  # an insider rewriting history
    findings = {f.label: f for f in run_check(admin)}
    assert not findings["Audit log chain"].ok
    assert "event 1" in findings["Audit log chain"].detail


@pytest.mark.file_only
def test_check_finds_removed_newest_events(admin):
    with admin.session() as session:
        newest = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        session.delete(newest)
    findings = {f.label: f for f in run_check(admin)}
    assert not findings["Audit log chain"].ok


def test_audit_events_never_hold_field_contents(admin):
    users.add_user(admin, "siti", "staff", "siti password", "Siti Rahasia Aminah")
    with admin.session() as session:
        rows = session.execute(select(AuditEvent)).scalars().all()
    text = " ".join(f"{e.username} {e.role} {e.action} {e.entity} {e.entity_id}" for e in rows)
    assert "Rahasia" not in text and "siti password" not in text


def test_a_user_added_after_midnight_in_the_shelter_is_dated_the_shelters_day(admin, clock):
    """At 01:00 in Jakarta it is still the day before in UTC: the users page said a
    colleague added that night was added the day before."""
    import datetime as dt

    clock.now = dt.datetime(2026, 11, 30, 18, 0, tzinfo=dt.UTC)  # 1 December, 01:00 WIB
    users.add_user(admin, "malam", "staff", "late night password")
    [added] = [u for u in users.list_users(admin) if u.username == "malam"]
    assert added.created_at.date() == dt.date(2026, 12, 1)
