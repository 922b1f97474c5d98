"""Moving a one-PC shelter onto a new server: every table checked, users keep their
passwords and their sealed access, nothing half done when a check fails."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shelter_app.domain.errors import StorageError
from shelter_app.domain.roles import Role
from shelter_app.services.administration import auth, server_migration, users
from shelter_app.services.residents import search
from shelter_app.storage import pg_server, table_copy
from tests import pg_fixtures, server_backend
from tests.conftest import ADMIN_PASSWORD


@pytest.fixture
def empty_server(run):
    server_backend.cluster()  # skips (or fails in CI) without PostgreSQL
    with pg_fixtures.throwaway_folder() as pgdata:
        port = pg_server.free_port()
        code, out, err = run("server", "init", "--pgdata", str(pgdata), "--port", str(port),
                             "--shelter", "Rumah Uji", "--admin", "unused", "--host",
                             "localhost", "--empty")
        assert code == 0, err
        password = re.search(r"move after the move\):\n\s+(\S+)|:\n\s+(\S+)\n", out)
        one_time = next(g for g in password.groups() if g)
        yield pgdata, port, one_time
        pg_server.stop(pgdata)


def _file_shelter_with_people(admin, house):
    from tests.services.test_search import admit

    admit(admin, "Dewi Lestari", bed=house["Melati"][0])
    admit(admin, "Agus Salim", sex="M")
    users.add_user(admin, "petugas", Role.STAFF, "petugas password 1")
    users.add_user(admin, "konselor", Role.COUNSELLOR, "konselor password 1")
    auth.login(admin.data_dir.root, "petugas", "petugas password 1").close_database()


def test_a_shelter_moves_whole_and_its_users_keep_their_passwords(
        admin, house, data_dir, empty_server, run):
    _file_shelter_with_people(admin, house)
    admin.close_database()
    pgdata, port, one_time = empty_server
    code, out, err = run("--data-dir", str(data_dir), "migrate-to-server", "--host",
                         "localhost", "--port", str(port), "--ca",
                         str(pgdata / "rumah-aman-ca.pem"), "--user", "admin",
                         "--password-of", "petugas", SHELTER_MIGRATION_PASSWORD=one_time,
                         SHELTER_PASSWORD_PETUGAS="petugas password 1")
    assert code == 0, err
    assert "each table's contents checked" in out
    assert "admin, petugas" in out and "konselor" in out  # konselor needs a new password
    kept = [p for p in Path(data_dir).iterdir() if p.name.startswith("moved-to-server-")]
    assert len(kept) == 1 and (kept[0] / "shelter.db").exists()
    assert not (Path(data_dir) / "keys.json").exists()
    on_server = auth.login(data_dir, "admin", ADMIN_PASSWORD)
    assert on_server.is_server
    found = search.search(on_server, search.ResidentFilter(text="dewi"))
    assert len(found) == 1
    staff = auth.login(data_dir, "petugas", "petugas password 1")
    assert staff.is_server
    users.reset_password(on_server, "konselor", "a new password 2")
    auth.login(data_dir, "konselor", "a new password 2").close_database()
    from shelter_app.services.shared import audit

    with on_server.session() as session:
        assert audit.verify_chain(session).ok  # the file's chain went on, on the server
    # the one-time login is closed, and the server now refuses a second move
    import psycopg

    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(host="localhost", port=port, dbname="rumah_aman",
                        user=server_migration.MIGRATION_LOGIN, password=one_time,
                        sslmode="verify-full", sslrootcert=str(pgdata / "rumah-aman-ca.pem"))


def test_a_copy_that_does_not_match_is_not_kept_and_the_pc_keeps_its_shelter(
        admin, house, data_dir, empty_server, monkeypatch):
    _file_shelter_with_people(admin, house)
    admin.close_database()
    pgdata, port, one_time = empty_server
    real_copy = table_copy.copy_all

    def lossy_copy(source, target):
        real_copy(source, target)
        target.exec_driver_sql("DELETE FROM contacts")
        target.exec_driver_sql("UPDATE persons SET full_name = 'x' WHERE id = 1")

    monkeypatch.setattr(table_copy, "copy_all", lossy_copy)
    with pytest.raises(StorageError, match="does not hold the same records"):
        server_migration.migrate_to_server(
            data_dir, "admin", ADMIN_PASSWORD, host="localhost", port=port,
            ca_file=pgdata / "rumah-aman-ca.pem", migration_password=one_time)
    assert (Path(data_dir) / "keys.json").exists()  # still a one-PC shelter
    assert not auth.login(data_dir, "admin", ADMIN_PASSWORD).is_server
    monkeypatch.setattr(table_copy, "copy_all", real_copy)
    server_migration.migrate_to_server(  # the server was left empty: it can go again
        data_dir, "admin", ADMIN_PASSWORD, host="localhost", port=port,
        ca_file=pgdata / "rumah-aman-ca.pem", migration_password=one_time)


def test_a_wrong_password_for_another_user_stops_before_anything_is_copied(
        admin, house, data_dir, empty_server):
    from shelter_app.domain.errors import InputError

    _file_shelter_with_people(admin, house)
    admin.close_database()
    pgdata, port, one_time = empty_server
    with pytest.raises(InputError, match="petugas is wrong"):
        server_migration.migrate_to_server(
            data_dir, "admin", ADMIN_PASSWORD, host="localhost", port=port,
            ca_file=pgdata / "rumah-aman-ca.pem", migration_password=one_time,
            passwords={"petugas": "not it at all"})
    assert (Path(data_dir) / "keys.json").exists()
