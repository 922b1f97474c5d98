"""A credential store that does not answer is not an empty one: the device secret is
never replaced, the store is asked again, the user is told what happened, and users
keep logging in (issue 13, finding 5). Only the OS stores the app names are used."""

import keyring
import keyring.backend
import pytest

from shelter_app.domain.errors import AuthenticationError
from shelter_app.services.administration import auth, backup, users
from shelter_app.storage import device
from shelter_app.storage.attempts import LoginAttempts
from shelter_app.storage.datadir import DataDir
from tests.conftest import ADMIN_PASSWORD, MemoryKeyring


class HiccupKeyring(MemoryKeyring):
    """A real store (the test's), that fails to answer `silent` times in a row."""

    def __init__(self, store):
        super().__init__()
        self.store = store
        self.silent = 0
        self.writes = 0

    def get_password(self, service, username):
        if self.silent:
            self.silent -= 1
            raise keyring.errors.KeyringError("D-Bus timeout")
        return super().get_password(service, username)

    def set_password(self, service, username, password):
        self.writes += 1
        super().set_password(service, username, password)


@pytest.fixture
def hiccups(memory_keyring, monkeypatch):
    backend = HiccupKeyring(memory_keyring.store)
    named = f"{type(backend).__module__}.{type(backend).__qualname__}"
    monkeypatch.setattr(device, "ALLOWED_BACKENDS",
                        getattr(device, "ALLOWED_BACKENDS", set()) | {named}, raising=False)
    monkeypatch.setattr(device, "RETRY_DELAYS_S", (0.0, 0.0), raising=False)
    keyring.set_keyring(backend)
    return backend


def test_one_silent_answer_neither_replaces_the_secret_nor_locks_anyone_out(
        admin, data_dir, clock, hiccups):
    secret = dict(hiccups.store)
    hiccups.silent = 1
    users.add_user(admin, "petugas", "staff", "petugas password")
    hiccups.silent = 1
    auth.logout(auth.login(data_dir, "admin", ADMIN_PASSWORD, clock))
    auth.logout(auth.login(data_dir, "petugas", "petugas password", clock))
    assert hiccups.store == secret and hiccups.writes == 0


@pytest.mark.file_only
def test_a_store_silent_for_long_is_said_plainly_and_changes_nothing(
        admin, data_dir, clock, hiccups):
    secret = dict(hiccups.store)
    hiccups.silent = 1000
    users.add_user(admin, "petugas", "staff", "petugas password")  # password-only for now
    auth.logout(admin)
    with pytest.raises(AuthenticationError, match="did not answer.*Nothing was changed"):
        auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    assert LoginAttempts(DataDir(data_dir).attempts_file).pending_events() == []
    staff = auth.login(data_dir, "petugas", "petugas password", clock)
    assert [notice.kind for notice in staff.notices] == ["keyring_silent"]
    auth.logout(staff)
    assert hiccups.store == secret and hiccups.writes == 0
    hiccups.silent = 0  # it answers again: everyone logs in, the new user is bound now
    auth.logout(auth.login(data_dir, "admin", ADMIN_PASSWORD, clock))
    auth.logout(auth.login(data_dir, "petugas", "petugas password", clock))
    assert hiccups.store == secret


@pytest.mark.file_only
def test_a_silent_store_after_a_restore_leaves_slots_password_only(
        admin, data_dir, clock, hiccups, tmp_path, shelter):
    made = backup.backup(admin, tmp_path, None).path
    admin.close_database()
    backup.restore(data_dir, made, typed_recovery_key=shelter, clock=clock)
    secret = dict(hiccups.store)
    hiccups.silent = 1000
    workspace = auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    assert [notice.kind for notice in workspace.notices] == ["keyring_silent"]
    auth.logout(workspace)
    assert hiccups.store == secret and hiccups.writes == 0


class UnknownStore(keyring.backend.KeyringBackend):
    """A backend the app does not name (a plaintext file, one installed later)."""
    priority = 5

    def get_password(self, service, username):
        return None

    def set_password(self, service, username, password):
        raise AssertionError("a secret went to a store the app does not name")

    def delete_password(self, service, username):
        pass


def test_only_the_stores_the_app_names_are_used(memory_keyring):
    keyring.set_keyring(UnknownStore())
    assert not device.keyring_available()
    assert device.ensure_device_secret("an-installation") is None
