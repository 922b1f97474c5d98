"""The service and report suites on a real PostgreSQL server as well as on SQLCipher.

One throwaway cluster for the whole run (tests/pg_fixtures.py); each test gets a new
database, copied from a template already migrated, with the shelter set up by the
server's owner and the test's data folder made a workstation of it, as `shelter-app
connect` does. A suite opts in with `backend = both_backends` in its conftest.py.
"""

from __future__ import annotations

import itertools
import os

import psycopg
import pytest

from tests import pg_fixtures

REQUIRE = "RUMAH_AMAN_REQUIRE_POSTGRES"  # .ci/run sets it: a missing server fails, not skips
TEMPLATE = "shelter_template"
_numbers = itertools.count(1)
_cluster = {}


def _skip_or_fail(reason: str) -> None:
    if os.environ.get(REQUIRE):
        pytest.fail(f"PostgreSQL is required here: {reason}")
    pytest.skip(reason)


def cluster():
    """(ServerInfo, owner kwargs), started at first use and stopped at exit."""
    if "info" not in _cluster:
        from shelter_app.storage.pg_server import PgServerError, find_pg_bin

        try:
            find_pg_bin()
        except PgServerError as error:
            _skip_or_fail(str(error))
        context = pg_fixtures.throwaway_cluster()
        _cluster["context"] = context
        _cluster["info"], _cluster["owner"] = context.__enter__()
        _make_template()
    return _cluster["info"], _cluster["owner"]


def stop_cluster() -> None:
    context = _cluster.pop("context", None)
    if context is not None:
        context.__exit__(None, None, None)
        _cluster.clear()


def _admin_connection():
    owner = dict(_cluster["owner"], dbname="postgres")
    return psycopg.connect(**owner, autocommit=True)


def _make_template() -> None:
    from shelter_app.services.administration import server_setup

    with _admin_connection() as connection:
        connection.execute(f"CREATE DATABASE {TEMPLATE}")
    engine = server_setup.owner_engine(dict(_cluster["owner"], dbname=TEMPLATE))
    server_setup.upgrade(engine, TEMPLATE)
    engine.dispose()


def new_database() -> str:
    name = f"shelter_{os.getpid()}_{next(_numbers)}"
    with _admin_connection() as connection:
        connection.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    return name


def drop_database(name: str) -> None:
    with _admin_connection() as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def connect_workstation(data_dir, info, database: str) -> None:
    from pathlib import Path

    from shelter_app.storage import pg_engine

    data_dir.mkdir(parents=True, exist_ok=True)
    ca_pem = (Path(info.pgdata) / "rumah-aman-ca.pem").read_bytes()
    profile = pg_engine.ServerProfile("127.0.0.1", info.port, database,
                                      data_dir / pg_engine.CA_FILE, info.ca_fingerprint)
    profile.save(data_dir, ca_pem)


def shelter_database(request, password: str, kdf_params, workspace_dir,
                     clock=None) -> tuple[object, str, str]:
    """A new database on the throwaway server holding a shelter set up by its owner
    (administrator "admin"), dropped after the test: (ServerInfo, database, recovery key)."""
    from shelter_app.domain.clock import utc_now
    from shelter_app.services.administration import server_setup

    info, owner = cluster()
    database = new_database()
    request.addfinalizer(lambda: drop_database(database))
    engine = server_setup.owner_engine(dict(owner, dbname=database))
    try:
        recovery, workspace = server_setup.create_server_shelter(
            engine, database, shelter_name="Rumah Uji", time_zone="Asia/Jakarta",
            admin_username="admin", admin_password=password, clock=clock or utc_now,
            kdf_params=kdf_params, workspace_dir=workspace_dir)
        workspace.close_database()
    finally:
        engine.dispose()
    return info, database, recovery


def new_shelter(request, data_dir, clock, password: str, kdf_params) -> str:
    """The server twin of conftest's `shelter`: returns the recovery key."""
    info, database, recovery = shelter_database(request, password, kdf_params, data_dir,
                                                clock)
    connect_workstation(data_dir, info, database)
    return recovery


@pytest.fixture(params=["file", "server"])
def both_backends(request):
    return request.param
