"""The failed-login record outside the database cannot be reset unseen, and a password
typed again while logged in (to change it, to rekey) is counted and audited like a
login (issue 13, finding 8)."""

import pytest

from shelter_app.domain.errors import AuthenticationError
from shelter_app.services.administration import auth, rekey, users
from shelter_app.services.shared import audit
from shelter_app.storage.datadir import DataDir
from tests.conftest import ADMIN_PASSWORD

STAFF_PASSWORD = "petugas password"


@pytest.fixture
def staff_user(admin, data_dir):
    users.add_user(admin, "petugas", "staff", STAFF_PASSWORD)
    auth.logout(admin)
    return "petugas"


def _texts(workspace) -> list[str]:
    return [notice.text() for notice in workspace.notices]


def _actions(workspace) -> list[str]:
    with workspace.session() as session:
        return [event.action for event in audit.recent(session)]


def test_failed_logins_are_shown_to_the_next_administrator(staff_user, data_dir, clock):
    for _attempt in range(3):
        with pytest.raises(AuthenticationError):
            auth.login(data_dir, "petugas", "not it", clock)
    staff = auth.login(data_dir, "petugas", STAFF_PASSWORD, clock)
    assert staff.notices == []  # moved into the audit log, for an administrator to see
    auth.logout(staff)
    admin = auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    assert _texts(admin) == [
        "Failed logins since an administrator last logged in: 3 (petugas). "
        "The audit log has each one."]
    auth.logout(admin)
    admin = auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    assert admin.notices == []
    auth.logout(admin)


@pytest.mark.file_only
def test_deleting_the_failed_login_file_is_recorded_and_shown(staff_user, data_dir, clock):
    auth.logout(auth.login(data_dir, "petugas", STAFF_PASSWORD, clock))
    for _attempt in range(5):
        with pytest.raises(AuthenticationError):
            auth.login(data_dir, "petugas", "guess", clock)
    DataDir(data_dir).attempts_file.unlink()  # one more guess before the lock, again
    staff = auth.login(data_dir, "petugas", STAFF_PASSWORD, clock)
    assert "attempts_reset" in _actions(staff)
    auth.logout(staff)
    admin = auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    assert any("record of failed logins was deleted" in text for text in _texts(admin))
    auth.logout(admin)


@pytest.mark.file_only
def test_wrong_passwords_to_change_a_password_are_counted_audited_and_lock(
        staff_user, data_dir, clock):
    staff = auth.login(data_dir, "petugas", STAFF_PASSWORD, clock)
    for _attempt in range(5):
        with pytest.raises(AuthenticationError, match="current password is wrong"):
            users.change_own_password(staff, "a guess", "a brand new password")
    assert _actions(staff).count("password_check_failed") == 5
    with pytest.raises(AuthenticationError, match="locked"):
        users.change_own_password(staff, "a guess", "a brand new password")
    with pytest.raises(AuthenticationError, match="locked"):  # even the right one, now
        users.change_own_password(staff, STAFF_PASSWORD, "a brand new password")
    auth.logout(staff)
    with pytest.raises(AuthenticationError, match="locked"):
        auth.login(data_dir, "petugas", STAFF_PASSWORD, clock)
    clock.advance(minutes=31)
    auth.logout(auth.login(data_dir, "petugas", STAFF_PASSWORD, clock))


@pytest.mark.file_only  # a server has no master key to change
def test_a_wrong_password_for_a_rekey_is_audited(admin):
    with pytest.raises(AuthenticationError, match="current password is wrong"):
        rekey.rekey(admin, "not my password")
    assert _actions(admin)[0] == "password_check_failed"
