"""Shared fixtures: a fresh encrypted shelter per test, an in-memory keyring, a fast KDF,
a clock the test moves. Qt runs offscreen."""

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication

import keyring
import keyring.backend
import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from shelter_app import i18n
from shelter_app.paths import locale_dir
from shelter_app.storage import kdf

ADMIN_PASSWORD = "correct horse"
LIGHT_KDF = kdf.KdfParams(1, 1024, 1)
# The processes tests start (some build their environment at import) share the light floor.
os.environ[kdf.FLOOR_ENVIRONMENT] = f"{LIGHT_KDF.memory_kib},{LIGHT_KDF.time_cost}"


def _compile_catalogs() -> None:
    """`make test` compiles them; this keeps a bare `pytest` honest too."""
    for po_path in locale_dir().glob("*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file)
            with mo_path.open("wb") as mo_file:
                write_mo(mo_file, catalog)


_compile_catalogs()


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


class FakeClock:
    def __init__(self, start: dt.datetime | None = None):
        self.now = start or dt.datetime(2026, 11, 27, 2, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    """Real Argon2id, light parameters: the calibrated ones are measured in benchmarks/.
    The floors are lowered alongside (and, above, for the processes a test starts); the
    real floor has a test of its own (tests/storage/test_key_file_limits.py)."""
    monkeypatch.setattr(kdf, "MIN_MEMORY_KIB", LIGHT_KDF.memory_kib)
    monkeypatch.setattr(kdf, "MIN_TIME_COST", LIGHT_KDF.time_cost)
    monkeypatch.setattr(kdf, "calibrate", lambda *a, **k: LIGHT_KDF)


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch):
    """The app uses only the OS stores it names: this one is added to them for the test."""
    from shelter_app.storage import device

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    monkeypatch.setattr(device, "ALLOWED_BACKENDS",
                        device.ALLOWED_BACKENDS | {device.backend_name(backend)})
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring():
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "shelter"


@pytest.fixture
def backend():
    """Where the shelter keeps its records: "file" (SQLCipher on this PC). The service
    and report suites take both ("file" and "server": tests/server_backend.py)."""
    return "file"


@pytest.fixture
def shelter(data_dir, clock, backend, request):
    """A new shelter with one administrator; returns the recovery key."""
    from shelter_app.services.administration import auth, setup

    if backend == "server":
        from tests import server_backend

        return server_backend.new_shelter(request, data_dir, clock, ADMIN_PASSWORD, LIGHT_KDF)
    result = setup.create_shelter(data_dir, shelter_name="Rumah Uji", time_zone="Asia/Jakarta",
                                  admin_username="admin", admin_password=ADMIN_PASSWORD,
                                  clock=clock)
    auth.logout(result.workspace)
    return result.recovery_key


@pytest.fixture
def admin(shelter, data_dir, clock):
    from shelter_app.services.administration import auth

    workspace = auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    yield workspace
    if not workspace.is_locked:
        workspace.close_database()


@pytest.fixture
def login_as(shelter, data_dir, clock, admin):
    """login_as("staff") -> a workspace for a new user with that role (named after it,
    or `username`: login_as("counsellor", "rina"), another person on another PC)."""
    from shelter_app.domain.roles import Role
    from shelter_app.services.administration import auth, users

    opened = []

    def login(role: str, username: str | None = None):
        username = username or role
        if username != "admin" and username not in {
                u.username for u in users.list_users(admin)}:
            users.add_user(admin, username, Role(role), ADMIN_PASSWORD)
        workspace = auth.login(data_dir, username, ADMIN_PASSWORD, clock)
        opened.append(workspace)
        return workspace

    yield login
    for workspace in opened:
        if not workspace.is_locked:
            workspace.close_database()


@pytest.fixture
def house(admin):
    """Rooms of the test shelter: {name: [bed ids]}."""
    from shelter_app.services.residents import rooms

    for name, designation, beds in (("Melati", "female", 2), ("Kenanga", "male", 1),
                                    ("Anggrek", "children", 1)):
        rooms.create_room(admin, name, designation, beds)
    return {room.name: [bed.bed_id for bed in room.beds] for room in rooms.board(admin)}


@pytest.fixture
def run(capsys, monkeypatch):
    """run("--data-dir", …, NAME=value): the command line with the administrator's
    password (or SHELTER_PASSWORD=…), no terminal, and no traceback ever printed.
    Returns (exit code, standard output, standard error)."""
    from shelter_app.cli import main

    def _run(*argv, **env):
        for name in ("SHELTER_BACKUP_PASSPHRASE", "SHELTER_RECOVERY_KEY"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("SHELTER_PASSWORD", ADMIN_PASSWORD)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setattr("sys.stdin", None)
        code = main(["--lang", "en", *argv])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err
    return _run


# tests/frozen checks a built bundle: `make bundle-check` names it, `make test` has none.
collect_ignore = [] if os.environ.get("RUMAH_AMAN_FROZEN_APP") else ["frozen"]


def pytest_sessionfinish(session, exitstatus):
    """The throwaway PostgreSQL cluster of the server suites, if one was started."""
    import sys

    backend_module = sys.modules.get("tests.server_backend")
    if backend_module is not None:
        backend_module.stop_cluster()


def pytest_collection_modifyitems(config, items):
    """A test marked `file_only` checks what only the file on one PC has (the key file,
    its device-bound slots, SQLCipher's pages): it runs for the "file" backend alone."""
    kept, dropped = [], []
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if "server" in (params.get("backend"), params.get("both_backends")) \
                and item.get_closest_marker("file_only"):
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
