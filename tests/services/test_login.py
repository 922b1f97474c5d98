import pytest

from shelter_app.domain.errors import AuthenticationError, StorageError
from shelter_app.services.administration import auth, users
from shelter_app.services.shared import audit
from shelter_app.storage.datadir import DataDir
from shelter_app.storage.keyfile import KeyFile, user_slot_id
from tests.conftest import ADMIN_PASSWORD


def _actions(workspace):
    with workspace.session() as session:
        return [event.action for event in reversed(audit.recent(session))]


def test_the_right_password_logs_in_with_the_users_role(shelter, data_dir, clock):
    workspace = auth.login(data_dir, "Admin ", ADMIN_PASSWORD, clock)
    assert workspace.user.username == "admin"
    assert workspace.user.role.value == "admin"
    assert _actions(workspace)[-1] == "login"


def test_the_logged_in_user_is_shown_by_the_display_name(admin, data_dir, clock):
    """The main window's "Logged in" line and every printed page's "printed by" name the
    user as people know her, not by the login name."""
    from shelter_app.domain.roles import Role

    assert admin.user.shown == "admin"  # no display name: the username
    users.add_user(admin, "sari", Role.STAFF, ADMIN_PASSWORD, display_name="Sari Wulandari")
    sari = auth.login(data_dir, "sari", ADMIN_PASSWORD, clock)
    try:
        assert (sari.user.username, sari.user.shown) == ("sari", "Sari Wulandari")
    finally:
        sari.close_database()


def test_a_wrong_password_is_refused(shelter, data_dir, clock):
    with pytest.raises(AuthenticationError, match="Wrong user name or password"):
        auth.login(data_dir, "admin", "not the password", clock)


def test_an_unknown_user_gets_the_same_message(shelter, data_dir, clock):
    with pytest.raises(AuthenticationError, match="Wrong user name or password"):
        auth.login(data_dir, "nobody", ADMIN_PASSWORD, clock)


def test_six_wrong_passwords_lock_for_30_minutes_across_restarts(shelter, data_dir, clock):
    for _attempt in range(5):
        with pytest.raises(AuthenticationError, match="Wrong"):
            auth.login(data_dir, "admin", "bad", clock)
    with pytest.raises(AuthenticationError, match="locked"):
        auth.login(data_dir, "admin", "bad", clock)
    # Locked: even the right password is refused; every call re-reads the file (a restart).
    clock.advance(minutes=29)
    with pytest.raises(AuthenticationError, match="locked for 1 more minutes"):
        auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    clock.advance(minutes=1, seconds=1)
    workspace = auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    actions = _actions(workspace)
    assert actions.count("login_failed") == 6
    assert "account_locked" in actions


def test_a_success_resets_the_count(shelter, data_dir, clock):
    for _attempt in range(5):
        with pytest.raises(AuthenticationError):
            auth.login(data_dir, "admin", "bad", clock)
    auth.login(data_dir, "admin", ADMIN_PASSWORD, clock).close_database()
    for _attempt in range(5):
        with pytest.raises(AuthenticationError, match="Wrong"):
            auth.login(data_dir, "admin", "bad", clock)


def test_lock_forgets_the_key_and_only_the_password_unlocks(admin):
    key = admin.master_key
    auth.lock(admin)
    assert admin.is_locked
    assert bytes(key) == bytes(len(key))
    with pytest.raises(StorageError, match="locked"):
        users.list_users(admin)
    with pytest.raises(AuthenticationError):
        auth.unlock(admin, "wrong")
    auth.unlock(admin, ADMIN_PASSWORD)
    assert [u.username for u in users.list_users(admin)] == ["admin"]
    assert _actions(admin)[-3:] == ["lock", "login_failed", "unlock"]


def test_no_keyring_means_password_only_slots_that_still_work(no_keyring, data_dir, clock):
    from shelter_app.services.administration import setup
    from shelter_app.services.shared import settings

    result = setup.create_shelter(data_dir, shelter_name="Rumah", time_zone="Asia/Jakarta",
                                  admin_username="admin", admin_password=ADMIN_PASSWORD,
                                  clock=clock)
    assert result.device_bound is False
    assert settings.get_settings(result.workspace).keyring_available is False
    auth.logout(result.workspace)
    key_file = KeyFile.load(DataDir(data_dir).key_file)
    assert not key_file.slots[user_slot_id("admin")].device_bound
    auth.login(data_dir, "admin", ADMIN_PASSWORD, clock).close_database()
    assert not list(data_dir.parent.glob("**/*keyring*"))  # no plaintext fallback file


@pytest.mark.file_only
def test_slots_are_bound_to_this_pcs_keyring_when_there_is_one(shelter, data_dir, clock,
                                                                memory_keyring):
    key_file = KeyFile.load(DataDir(data_dir).key_file)
    assert key_file.slots[user_slot_id("admin")].device_bound
    memory_keyring.store.clear()  # the same files on another PC
    with pytest.raises(AuthenticationError, match="credential store"):
        auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    users.reset_with_recovery_key(data_dir, shelter, "admin", "a new password", clock)
    auth.login(data_dir, "admin", "a new password", clock).close_database()


@pytest.mark.file_only
def test_a_missing_key_file_says_so(shelter, data_dir, clock):
    DataDir(data_dir).key_file.unlink()
    with pytest.raises(StorageError, match="key file is missing"):
        auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)


@pytest.mark.parametrize("damage", [
    lambda raw: raw[:-40],
    lambda raw: raw.replace(b'"demo": false', b'"demo": true'),
    lambda raw: b"\x00\xff" + raw,
])
@pytest.mark.file_only
def test_a_damaged_key_file_says_so_and_is_left_alone(shelter, data_dir, clock, damage):
    path = DataDir(data_dir).key_file
    damaged = damage(path.read_bytes())
    path.write_bytes(damaged)
    with pytest.raises(StorageError, match="key file is damaged"):
        auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    assert path.read_bytes() == damaged


def test_an_empty_folder_says_to_run_the_set_up(tmp_path):
    with pytest.raises(StorageError, match="No shelter is set up"):
        auth.login(tmp_path, "admin", ADMIN_PASSWORD)
