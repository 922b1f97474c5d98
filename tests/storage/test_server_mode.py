"""The shared mode against a real PostgreSQL: each role in raw SQL gets what the services
give it and no more, the audit chain stays one chain under concurrent writers, TLS
refusals are told plainly, a client survives the server stopping and starting, and the
command line sets a server up and connects a workstation."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

import psycopg
import pytest

from shelter_app.domain.errors import StorageError
from shelter_app.domain.roles import Role
from shelter_app.services.administration import users
from shelter_app.services.shared import audit
from shelter_app.storage import pg_engine, pg_server, pg_tls
from tests import server_backend
from tests.conftest import ADMIN_PASSWORD


@pytest.fixture
def backend():
    return "server"


def _raw(data_dir, username: str, password: str = ADMIN_PASSWORD):
    profile = pg_engine.ServerProfile.load(data_dir)
    return psycopg.connect(**pg_engine.connect_kwargs(profile, username, password),
                           autocommit=True)


def _denied(connection, sql: str) -> bool:
    try:
        connection.execute(sql)
    except psycopg.errors.InsufficientPrivilege:
        return True
    except psycopg.errors.RaiseException as error:
        return "permission denied" in str(error)
    return False


SECRETS = {
    "notes": "SELECT notes FROM counselling_sessions",
    "assessment texts": "SELECT problems FROM assessments",
    "hidden identities": "SELECT sealed_full_name FROM persons",
    "real names in the index": 'SELECT "full" FROM person_search',
    "the index's words of real names": "SELECT full_words FROM person_search",
    "the audit log": "SELECT * FROM audit_events",
}


@pytest.mark.parametrize("role", ["staff", "counsellor", "manager", "admin"])
def test_each_role_reads_in_raw_sql_only_what_its_services_allow(login_as, data_dir, role):
    login_as(role)
    allowed = {
        "staff": set(),
        "counsellor": {"notes", "assessment texts"},
        "manager": {"assessment texts", "hidden identities", "real names in the index",
                    "the index's words of real names", "the audit log"},
        # an administrator backs everything up: notes stay sealed to counsellors
        "admin": {"notes", "assessment texts", "hidden identities", "real names in the index",
                  "the index's words of real names", "the audit log"},
    }[role]
    with _raw(data_dir, role) as connection:
        for name, sql in SECRETS.items():
            assert _denied(connection, sql) == (name not in allowed), (role, name)
        # everyone reads the list's columns and their own key slot, never another's
        connection.execute("SELECT case_number, full_name FROM persons")
        slots = [row[0] for row in connection.execute("SELECT slot_id FROM portable_slots "
                                                      "ORDER BY slot_id")]
        if role == "admin":  # every slot, for the backup
            assert {"recovery", "user:admin"} <= set(slots)
        else:
            assert slots == [f"user:{role}"]


def test_nobody_writes_the_audit_log_or_logins_except_through_the_checked_functions(
        login_as, data_dir):
    login_as("staff")
    with _raw(data_dir, "staff") as staff:
        assert _denied(staff, "INSERT INTO audit_events (at, username, role, action, entity, "
                              "entity_id, prev_hash, hash) VALUES (now(), 'x', 'x', 'x', '', "
                              "'', '', '')")
        assert _denied(staff, "DELETE FROM audit_events")
        assert staff.execute("UPDATE settings SET value = 'x' WHERE key = 'audit_head'"
                             ).rowcount == 0
        assert _denied(staff, "SELECT ra_create_login('evil', 'x', 'admin')")
        assert _denied(staff, "SELECT ra_put_slot('user:admin', '{}')")
        with pytest.raises(psycopg.errors.RaiseException):
            staff.execute("SELECT ra_audit_append(now()::timestamp, 'admin', 'admin', "
                          "'login', 'user', 'admin')")  # not as someone else
        assert _denied(staff, "SELECT * FROM users WHERE role = 'admin'") is False
        assert staff.execute("SELECT count(*) FROM users WHERE role = 'admin'"
                             ).fetchone()[0] == 0  # row-level security hides them
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            staff.execute("CREATE ROLE evil LOGIN")


def test_staff_cannot_change_in_raw_sql_what_their_services_never_change(login_as, data_dir):
    """What a tester did with psql and a staff password: each is refused now."""
    login_as("counsellor")  # makes the counsellors' key and registers a public key
    login_as("staff")
    with _raw(data_dir, "staff") as staff:
        assert staff.execute("UPDATE public_keys SET public_key = 'x' "
                             "WHERE holder = 'counsellor'").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            staff.execute("INSERT INTO sealed_role_keys (role_key, holder, recipient_key, box, "
                          "sealed_by, sealed_at) VALUES ('counsellors', 'staff', 'x', 'x', "
                          "'staff', now())")
        assert staff.execute("UPDATE settings SET value = '0' "
                             "WHERE key = 'counselling_sealed'").rowcount == 0
        assert staff.execute("UPDATE settings SET value = 'x' "
                             "WHERE key = 'shelter_name'").rowcount == 0
        for table in ("stays", "persons", "rooms", "users", "role_keys", "referrals"):
            assert _denied(staff, f"DELETE FROM {table}"), table


def test_the_audit_chain_stays_one_chain_under_concurrent_writers(login_as, admin):
    staff = login_as("staff")
    counsellor = login_as("counsellor")
    errors = []

    def write(workspace, count):
        try:
            for number in range(count):
                with workspace.session() as session:
                    workspace.audit(session, audit.Action.VIEW, "person", number)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(ws, 25)) for ws in (admin, staff, counsellor)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with admin.session() as session:
        report = audit.verify_chain(session)
    assert report.ok and report.events >= 75


def test_a_disabled_user_cannot_connect_even_with_psql(login_as, admin, data_dir):
    login_as("staff")
    users.disable_user(admin, "staff")
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        _raw(data_dir, "staff")
    users.enable_user(admin, "staff", "a new password 9")
    _raw(data_dir, "staff", "a new password 9").close()


def test_plaintext_a_wrong_ca_and_a_wrong_host_name_are_refused(shelter, data_dir, tmp_path):
    profile = pg_engine.ServerProfile.load(data_dir)
    with pytest.raises(psycopg.OperationalError, match="no encryption"):
        psycopg.connect(host=profile.host, port=profile.port, dbname=profile.database,
                        user="admin", password=ADMIN_PASSWORD, sslmode="disable")
    other = tmp_path / "other-ca.pem"
    other.write_bytes(pg_tls.make_ca("Another shelter")[0])
    with pytest.raises(pg_engine.ServerRefused, match="not from this shelter"):
        pg_engine.probe(profile, other)
    wrong_name = dict(pg_engine.connect_kwargs(profile, "admin", ADMIN_PASSWORD),
                      host="not-the-server.example", hostaddr="127.0.0.1")
    with pytest.raises(psycopg.OperationalError) as refused:
        psycopg.connect(**wrong_name)
    explained = pg_engine.explain(refused.value)
    assert isinstance(explained, pg_engine.ServerRefused)
    assert "not for the address" in str(explained)
    pg_engine.probe(profile, profile.ca_file)  # the right one passes


def test_a_changed_certificate_file_on_the_workstation_is_refused(shelter, data_dir):
    (Path(data_dir) / pg_engine.CA_FILE).write_bytes(pg_tls.make_ca("Someone")[0])
    with pytest.raises(pg_engine.ServerRefused, match="was changed"):
        pg_engine.ServerProfile.load(data_dir)


def test_work_resumes_when_the_server_comes_back(admin):
    from shelter_app.services.residents import rooms

    info, _owner = server_backend.cluster()
    rooms.create_room(admin, "Melati", "female", 1)
    pg_server.stop(info.pgdata)
    try:
        with pytest.raises(StorageError, match="cannot be reached"):
            rooms.board(admin)
    finally:
        pg_server.start(info.pgdata)
    assert [room.name for room in rooms.board(admin)] == ["Melati"]


def test_server_init_status_and_connect_from_the_command_line(run, tmp_path):
    with server_backend.pg_fixtures.throwaway_folder() as pgdata:
        port = pg_server.free_port()
        code, out, err = run("server", "init", "--pgdata", str(pgdata), "--port", str(port),
                             "--shelter", "Rumah Uji", "--admin", "kepala",
                             "--host", "localhost")
        assert code == 0, err
        assert "Recovery key" in out and "rumah-aman-ca.pem" in out
        code, out, _err = run("server", "status", "--pgdata", str(pgdata))
        fingerprint = pg_tls.fingerprint((pgdata / "rumah-aman-ca.pem").read_bytes())
        assert code == 0
        assert out.splitlines()[:5] == [
            "database: rumah_aman", "host: localhost", f"port: {port}",
            f"ca: {pgdata / 'rumah-aman-ca.pem'}", f"ca fingerprint: {fingerprint}"]
        workstation = tmp_path / "workstation"
        code, out, err = run("--data-dir", str(workstation), "connect", "--host", "localhost",
                             "--port", str(port), "--ca", str(pgdata / "rumah-aman-ca.pem"))
        assert code == 0, err
        assert fingerprint in out
        code, out, err = run("--data-dir", str(workstation), "users", "--user", "kepala",
                             "list")
        assert code == 0, err
        assert "kepala" in out
        code, _out, err = run("--data-dir", str(workstation), "users", "--user", "kepala",
                              "list", SHELTER_PASSWORD="not the password")
        assert code != 0 and "Wrong user name or password" in err
        with contextlib.suppress(StorageError):
            pg_server.stop(pgdata)


def test_a_workstation_is_never_made_in_a_folder_holding_a_shelter(run, shelter, data_dir,
                                                                   tmp_path):
    info, _owner = server_backend.cluster()
    file_shelter = tmp_path / "own"
    from shelter_app.services.administration import setup

    setup.create_shelter(file_shelter, shelter_name="Rumah", time_zone="Asia/Jakarta",
                         admin_username="admin", admin_password=ADMIN_PASSWORD
                         ).workspace.close_database()
    code, _out, err = run("--data-dir", str(file_shelter), "connect", "--host", "127.0.0.1",
                          "--port", str(info.port), "--ca",
                          str(Path(info.pgdata) / "rumah-aman-ca.pem"))
    assert code != 0 and "holds a shelter of its own" in err


def test_users_made_in_the_app_are_database_logins_in_their_role_group(admin, data_dir):
    users.add_user(admin, "budi", Role.COUNSELLOR, "budi password 1")
    with _raw(data_dir, "budi", "budi password 1") as connection:
        groups = [row[0] for row in connection.execute(
            "SELECT b.rolname FROM pg_auth_members m JOIN pg_roles b ON b.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = 'budi'")]
    assert groups == ["ra_counsellor"]


def test_check_on_a_server_verifies_the_chain_and_the_connection(admin):
    from shelter_app.services.administration.check import run_check

    findings = {finding.label: finding for finding in run_check(admin)}
    assert all(finding.ok for finding in findings.values()), findings
    assert "Encrypted connection to the server" in findings
    assert "Audit log chain" in findings


def test_rekey_says_a_server_has_no_master_key_to_change(admin):
    from shelter_app.domain.errors import InputError
    from shelter_app.services.administration import rekey

    with pytest.raises(InputError, match="no key to change"):
        rekey.rekey(admin, ADMIN_PASSWORD)


def test_a_servers_backup_restores_into_a_shelter_on_one_pc(login_as, admin, tmp_path,
                                                             shelter):
    from shelter_app.services.administration import auth, backup
    from shelter_app.services.residents import rooms, search
    from tests.services.test_search import admit

    house = {}
    rooms.create_room(admin, "Melati", "female", 1)
    house["Melati"] = [rooms.board(admin)[0].beds[0].bed_id]
    admit(admin, "Dewi Lestari", bed=house["Melati"][0])
    staff = login_as("staff")
    staff.close_database()
    report = backup.backup(admin, tmp_path, passphrase="a long passphrase 1")
    assert report.path.suffix == ".rabackup"
    restored = tmp_path / "restored"
    backup.restore(restored, report.path, typed_recovery_key=shelter)
    on_one_pc = auth.login(restored, "admin", ADMIN_PASSWORD)
    assert not on_one_pc.is_server
    assert len(search.search(on_one_pc, search.ResidentFilter(text="dewi"))) == 1
    auth.login(restored, "staff", ADMIN_PASSWORD).close_database()
    on_one_pc.close_database()
    other = tmp_path / "by-passphrase"
    backup.restore(other, report.path, passphrase="a long passphrase 1")
    auth.login(other, "admin", ADMIN_PASSWORD).close_database()


def test_the_recovery_key_on_a_workstation_says_whom_to_ask(shelter, data_dir):
    from shelter_app.domain.errors import InputError

    with pytest.raises(InputError, match="an administrator gives"):
        users.reset_with_recovery_key(data_dir, shelter, "admin", "a new password 3")


def test_the_self_test_checks_the_postgresql_client():
    from shelter_app import self_test

    assert "SCRAM" in self_test._postgresql_client()


def test_server_init_on_a_port_another_program_holds_says_so_first(run, tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, _out, err = run("server", "init", "--pgdata", str(tmp_path / "db"), "--port",
                              str(port), "--shelter", "Rumah Uji", "--admin", "kepala")
    assert code != 0 and f"Another program already listens on port {port}" in err
    assert not (tmp_path / "db").exists()


def test_a_workstations_login_window_offers_no_recovery_key_or_restore(shelter, data_dir,
                                                                       qtbot):
    from shelter_app.gui.login import LoginDialog

    window = LoginDialog(data_dir)
    qtbot.addWidget(window)
    window.show()
    assert not window.ui.forgotButton.isVisible()
    assert not window.restore_button.isVisible()


def test_a_workstation_is_not_warned_about_this_pcs_credential_store(admin, no_keyring):
    """Keys on a server open by password on any of its PCs: 'no credential store on this
    PC' (shown at every login by a tester's workstation) says nothing true there."""
    from shelter_app.services.shared.settings import get_settings

    settings = get_settings(admin)
    assert settings.on_server and not settings.keyring_available
    assert not settings.keys_by_password_alone_here
