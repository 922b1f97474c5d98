"""Connecting a data folder to the shelter's server (the wizard's "Shared" choice and
`shelter-app connect`): the server is tried first, and a refusal writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from shelter_app.domain.errors import InputError, StorageError
from shelter_app.services.administration import auth, server_connect
from shelter_app.storage import pg_engine, pg_server, pg_tls
from tests import server_backend
from tests.conftest import ADMIN_PASSWORD, LIGHT_KDF


def server_shelter(request, tmp_path) -> tuple[object, str]:
    """A running server with a shelter in a database of its own: (ServerInfo, database)."""
    info, database, _recovery = server_backend.shelter_database(
        request, ADMIN_PASSWORD, LIGHT_KDF, tmp_path / "owner")
    return info, database


def ca_of(info) -> Path:
    return Path(info.pgdata) / "rumah-aman-ca.pem"


def another_ca(tmp_path) -> Path:
    path = tmp_path / "another-ca.pem"
    path.write_bytes(pg_tls.make_ca("Another shelter")[0])
    return path


def test_a_connected_folder_holds_the_profile_and_its_users_log_in(request, tmp_path):
    info, database = server_shelter(request, tmp_path)
    folder = tmp_path / "workstation"
    fingerprint = server_connect.connect_workstation(folder, " 127.0.0.1 ", info.port,
                                                     ca_of(info), database)
    assert fingerprint == info.ca_fingerprint
    assert server_connect.certificate_fingerprint(ca_of(info)) == fingerprint
    profile = pg_engine.ServerProfile.load(folder)
    assert (profile.host, profile.port, profile.database) == ("127.0.0.1", info.port,
                                                              database)
    auth.login(folder, "admin", ADMIN_PASSWORD).close_database()


def test_a_certificate_from_another_shelter_is_refused_and_nothing_is_written(tmp_path):
    info, _owner = server_backend.cluster()
    folder = tmp_path / "workstation"
    with pytest.raises(StorageError, match="not from this shelter's certificate file"):
        server_connect.connect_workstation(folder, "127.0.0.1", info.port,
                                           another_ca(tmp_path))
    assert not folder.exists()


def test_an_address_not_in_the_certificate_is_refused(tmp_path, monkeypatch):
    """A name that leads to the server (here by `hostaddr`, as a DNS entry would) but is
    not one the certificate holds."""
    info, _owner = server_backend.cluster()
    real_kwargs = pg_engine.connect_kwargs
    monkeypatch.setattr(pg_engine, "connect_kwargs", lambda *a: dict(
        real_kwargs(*a), hostaddr="127.0.0.1"))
    folder = tmp_path / "workstation"
    folder.mkdir()
    with pytest.raises(StorageError, match="not for the address"):
        server_connect.connect_workstation(folder, "not-the-server.example", info.port,
                                           ca_of(info))
    assert list(folder.iterdir()) == []


def test_no_server_at_the_address_is_told_plainly_and_nothing_is_written(tmp_path):
    folder = tmp_path / "workstation"
    with pytest.raises(StorageError, match="No answer from the shelter's server at "
                                           "127.0.0.1, port"):
        server_connect.connect_workstation(folder, "127.0.0.1", pg_server.free_port(),
                                           another_ca(tmp_path))
    assert not folder.exists()


def test_bad_input_is_refused_before_the_server_is_tried(tmp_path, monkeypatch):
    tried = []
    monkeypatch.setattr(pg_engine, "probe", lambda *a: tried.append(a))
    folder, ca = tmp_path / "workstation", another_ca(tmp_path)
    not_a_certificate = tmp_path / "notes.pem"
    not_a_certificate.write_text("not a certificate")
    for host, port, ca_file, message in (
            ("", 5432, ca, "server's name or address"),
            ("server pc", 5432, ca, "server's name or address"),
            ("server", 0, ca, "from 1 to 65535"),
            ("server", 5432, tmp_path / "missing.pem", "cannot be read"),
            ("server", 5432, not_a_certificate, "notes.pem is not a certificate")):
        with pytest.raises(InputError, match=message):
            server_connect.connect_workstation(folder, host, port, ca_file)
    with pytest.raises(InputError, match="not a certificate"):
        server_connect.certificate_fingerprint(not_a_certificate)
    assert not tried and not folder.exists()


def test_a_folder_holding_a_shelter_of_its_own_is_never_made_a_workstation(tmp_path,
                                                                           monkeypatch):
    monkeypatch.setattr(pg_engine, "probe", lambda *a: None)
    folder = tmp_path / "own"
    folder.mkdir()
    (folder / "keys.json").write_text("{}")
    with pytest.raises(InputError, match="holds a shelter of its own"):
        server_connect.connect_workstation(folder, "server", 5432, another_ca(tmp_path))
    assert sorted(p.name for p in folder.iterdir()) == ["keys.json"]


def test_a_profile_half_saved_is_taken_back(tmp_path, monkeypatch):
    monkeypatch.setattr(pg_engine, "probe", lambda *a: None)
    real_save = pg_engine.ServerProfile.save

    def save_then_fail(profile, root, ca_pem):
        real_save(profile, root, ca_pem)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pg_engine.ServerProfile, "save", save_then_fail)
    folder = tmp_path / "workstation"
    with pytest.raises(OSError):
        server_connect.connect_workstation(folder, "server", 5432, another_ca(tmp_path))
    assert list(folder.iterdir()) == []
