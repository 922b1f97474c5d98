"""A throwaway PostgreSQL cluster for tests of the shared mode.

`throwaway_cluster()` makes one in a fresh folder under the system temp dir (not pytest's
tmp_path: as root that sits in /tmp/pytest-of-root, 0700, which the `postgres` account
cannot enter), on a free port, listening on 127.0.0.1 only, and removes it afterwards.
`pg_cluster` wraps it as a session fixture; a test module takes it with
`pg_cluster = pg_fixtures.pg_cluster` (each module that does so gets its own cluster;
importing it into a conftest.py shares one across the session)."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from shelter_app.storage import pg_server
from shelter_app.storage.pg_server import PgServerError, ServerInfo


def skip_without_postgres() -> None:
    """Skip the calling test module where PostgreSQL 15+ is not installed."""
    try:
        pg_server.find_pg_bin()
    except PgServerError as error:
        pytest.skip(str(error), allow_module_level=True)


@contextlib.contextmanager
def throwaway_folder() -> Iterator[Path]:
    """An empty folder the cluster's user can reach; stops whatever cluster ran in it."""
    pgdata = Path(tempfile.mkdtemp(prefix="ra-pg-"))
    try:
        yield pgdata
    finally:
        with contextlib.suppress(PgServerError):
            if (pgdata / "postmaster.pid").exists():
                pg_server.stop(pgdata)
        shutil.rmtree(pgdata, ignore_errors=True)


@contextlib.contextmanager
def throwaway_cluster(**init_kwargs) -> Iterator[tuple[ServerInfo, dict]]:
    """A running cluster: (ServerInfo, psycopg connect kwargs for its owner)."""
    init_kwargs = {"host_names": ["shelter-server.local"], "listen": "127.0.0.1",
                   **init_kwargs}
    with throwaway_folder() as pgdata:
        info = pg_server.init_cluster(pgdata, port=pg_server.free_port(), **init_kwargs)
        yield info, pg_server.owner_connect_kwargs(pgdata)


@pytest.fixture(scope="session")
def pg_cluster():
    skip_without_postgres()
    with throwaway_cluster() as cluster:
        yield cluster
