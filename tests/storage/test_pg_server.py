"""The shared mode's PostgreSQL server: a real cluster made by initdb takes only
verify-full TLS connections with SCRAM passwords, against the shelter's own CA."""

from __future__ import annotations

import ipaddress
import os
import re
import tempfile
from pathlib import Path

import pytest
from cryptography import x509

from shelter_app.storage import pg_server, pg_tls
from shelter_app.storage.pg_server import PgServerError, ServerDir
from tests import pg_fixtures

pg_fixtures.skip_without_postgres()
psycopg = pytest.importorskip("psycopg")

pg_cluster = pg_fixtures.pg_cluster  # one cluster shared by this module's tests


def _connect(kwargs: dict, **changes):
    return psycopg.connect(**{**kwargs, **changes})


def test_owner_connects_with_verify_full_tls(pg_cluster):
    info, kwargs = pg_cluster
    with _connect(kwargs) as conn:
        assert conn.info.dbname == info.database == "rumah_aman"
        assert conn.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
                            ).fetchone() == (True,)
        owner = conn.execute("SELECT pg_get_userbyid(datdba) FROM pg_database "
                             "WHERE datname = current_database()").fetchone()
        assert owner == (info.owner,)


def test_plaintext_is_refused(pg_cluster):
    _, kwargs = pg_cluster
    with pytest.raises(psycopg.OperationalError, match="no encryption"):
        _connect(kwargs, sslmode="disable")


def test_another_ca_is_refused(pg_cluster):
    _, kwargs = pg_cluster
    with tempfile.NamedTemporaryFile(suffix=".pem") as other_ca:
        other_ca.write(pg_tls.make_ca("Another shelter")[0])
        other_ca.flush()
        with pytest.raises(psycopg.OperationalError, match="certificate verify failed"):
            _connect(kwargs, sslrootcert=other_ca.name)


def test_a_name_not_in_the_certificate_is_refused(pg_cluster):
    _, kwargs = pg_cluster
    with pytest.raises(psycopg.OperationalError, match="does not match host name"):
        _connect(kwargs, host="not-the-server.example", hostaddr="127.0.0.1")
    # The same address under a name the certificate holds is accepted.
    with _connect(kwargs, host="shelter-server.local", hostaddr="127.0.0.1") as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)


def test_wrong_password_is_refused(pg_cluster):
    _, kwargs = pg_cluster
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        _connect(kwargs, password="not the password")


def test_pg_hba_has_only_hostssl_scram(pg_cluster):
    info, _ = pg_cluster
    lines = [line.split() for line in (info.pgdata / "pg_hba.conf").read_text().splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    assert lines == [["hostssl", "all", "all", "0.0.0.0/0", "scram-sha-256"],
                     ["hostssl", "all", "all", "::/0", "scram-sha-256"]]


def test_files_and_settings(pg_cluster):
    info, kwargs = pg_cluster
    server = ServerDir(info.pgdata)
    for secret in (server.ca_key_file, server.owner_secret_file, info.pgdata / "server.key"):
        assert secret.stat().st_mode & 0o077 == 0, secret
    assert kwargs["password"] == server.owner_secret_file.read_text().strip()
    if os.name == "posix" and os.geteuid() == 0:  # the cluster never runs as root
        assert info.pgdata.stat().st_uid != 0
        assert (info.pgdata / "server.key").stat().st_uid == info.pgdata.stat().st_uid
    with _connect(kwargs) as conn:
        def show(name):
            return conn.execute("SELECT current_setting(%s)", (name,)).fetchone()[0]
        assert show("ssl") == "on"
        assert show("log_statement") == "none"
        assert show("log_min_error_statement") == "panic"
        assert show("unix_socket_directories") == ""
        assert show("password_encryption") == "scram-sha-256"
        assert show("server_encoding") == "UTF8"


def test_certificate_names_every_host(pg_cluster):
    info, _ = pg_cluster
    cert = x509.load_pem_x509_certificate((info.pgdata / "server.crt").read_bytes())
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.DNSName) == ["shelter-server.local", "localhost"]
    assert san.get_values_for_type(x509.IPAddress) == [ipaddress.ip_address("127.0.0.1")]
    assert info.host_names == ["shelter-server.local", "localhost", "127.0.0.1"]


def test_status_reports_the_running_server(pg_cluster):
    info, _ = pg_cluster
    status = pg_server.status(info.pgdata)
    ca_pem = ServerDir(info.pgdata).ca_file.read_bytes()
    assert status.running
    assert (status.port, status.database, status.host) == (info.port, "rumah_aman",
                                                            "shelter-server.local")
    assert status.ca == ServerDir(info.pgdata).ca_file
    assert status.ca_fingerprint == pg_tls.fingerprint(ca_pem) == info.ca_fingerprint
    assert re.fullmatch(r"([0-9A-F]{2}:){31}[0-9A-F]{2}", status.ca_fingerprint)
    assert status.disk_encryption in {"luks", "bitlocker", "unknown"}


def test_no_statement_reaches_the_server_log(pg_cluster):
    info, kwargs = pg_cluster
    with _connect(kwargs) as conn, pytest.raises(psycopg.Error):
        conn.execute("SELECT 'Siti Rahayu' / 0")
    assert "Siti Rahayu" not in ServerDir(info.pgdata).log_file.read_text()


def test_stop_and_start_again():
    with pg_fixtures.throwaway_cluster(host_names=[]) as (info, kwargs):
        pg_server.stop(info.pgdata)
        assert not pg_server.is_running(info.pgdata)
        assert not pg_server.status(info.pgdata).running
        with pytest.raises(psycopg.OperationalError):
            _connect(kwargs)
        pg_server.stop(info.pgdata)  # stopping a stopped server is no error
        pg_server.start(info.pgdata)
        assert pg_server.is_running(info.pgdata)
        with _connect(kwargs) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
        assert info.host_names == ["localhost", "127.0.0.1"]


def test_init_refuses_a_folder_that_is_not_empty():
    with pg_fixtures.throwaway_folder() as folder:
        (folder / "notes.txt").write_text("keep me")
        with pytest.raises(PgServerError, match="not empty"):
            pg_server.init_cluster(folder, port=pg_server.free_port(), host_names=["x"])
        assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_init_refuses_a_folder_holding_a_cluster(pg_cluster):
    info, _ = pg_cluster
    with pytest.raises(PgServerError, match="not empty"):
        pg_server.init_cluster(info.pgdata, port=pg_server.free_port(), host_names=["x"])
    assert pg_server.is_running(info.pgdata)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="switching users needs root")
def test_root_names_the_problem_with_the_run_as_user():
    with pg_fixtures.throwaway_folder() as folder:
        with pytest.raises(PgServerError, match="no-such-user-ra"):
            pg_server.init_cluster(folder / "db", port=pg_server.free_port(), host_names=[],
                                   run_as="no-such-user-ra")
        # A parent folder closed to `postgres` (as /root or /tmp/pytest-of-root are).
        os.chmod(folder, 0o700)
        with pytest.raises(PgServerError, match=re.escape(str(folder))):
            pg_server.init_cluster(folder / "db", port=pg_server.free_port(), host_names=[])
        assert not (folder / "db").exists()  # the half-made folder was taken away


def test_init_failure_leaves_the_folder_as_it_was():
    """A port already taken: start fails, and the (empty) folder is emptied again."""
    with pg_fixtures.throwaway_folder() as folder, pg_fixtures.throwaway_cluster() as (info, _):
        with pytest.raises(PgServerError, match="did not start"):
            pg_server.init_cluster(folder, port=info.port, host_names=[], listen="127.0.0.1")
        assert list(folder.iterdir()) == []


def test_service_texts_name_the_cluster():
    pgdata = Path("/srv/rumah aman/db")
    unit = pg_server.systemd_unit(pgdata, "postgres")
    assert "User=postgres" in unit and '"/srv/rumah aman/db"' in unit
    assert "pg_ctl" in unit and "-m fast" in unit
    command = pg_server.windows_service_command(pgdata)
    assert "register -N RumahAmanDB" in command and "-S auto" in command


def test_find_pg_bin_respects_the_environment(monkeypatch, tmp_path):
    found = pg_server.find_pg_bin()
    assert (found / "initdb").exists() or (found / "initdb.exe").exists()
    monkeypatch.setenv(pg_server.PG_BIN_ENVIRONMENT, str(found))
    assert pg_server.find_pg_bin() == found
    monkeypatch.setenv(pg_server.PG_BIN_ENVIRONMENT, str(tmp_path))
    with pytest.raises(PgServerError, match="PostgreSQL 15 or newer is not installed"):
        pg_server.find_pg_bin()


def test_server_certificate_entries():
    ca_pem, ca_key = pg_tls.make_ca("Rumah Aman Surabaya")
    ca = x509.load_pem_x509_certificate(ca_pem)
    constraints = ca.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical and constraints.value.ca
    assert ca.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign
    cert_pem, key_pem = pg_tls.make_server_cert(ca_pem, ca_key, ["srv", "10.0.0.5", "::1", "srv"])
    cert = x509.load_pem_x509_certificate(cert_pem)
    cert.verify_directly_issued_by(ca)
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.DNSName) == ["srv"]
    assert san.get_values_for_type(x509.IPAddress) == [ipaddress.ip_address("10.0.0.5"),
                                                       ipaddress.ip_address("::1")]
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(eku) == [x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]
    assert key_pem.startswith(b"-----BEGIN PRIVATE KEY-----")
    assert (cert.not_valid_after_utc - cert.not_valid_before_utc).days in range(1824, 1827)
