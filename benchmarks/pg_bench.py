"""For the shared-mode benchmarks: a throwaway PostgreSQL cluster on this machine, a
shelter set up on it by the server's owner, and data folders made workstations of it.

The same steps as the tests' (tests/pg_fixtures.py, tests/server_backend.py): initdb as
the `postgres` account in a fresh folder under the system temp dir, TLS, a free port,
listening on 127.0.0.1 only; removed afterwards. Not a benchmark of its own (run_all
does not list it).

Set-up speed: shelters here use light Argon2 (LIGHT_KDF, with the floor lowered for this
process and those it starts, as the test suite does). Argon2 runs at login only, which
these benchmarks do not time.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

LIGHT_KDF_ARGS = (1, 1024, 1)  # KdfParams(time_cost, memory_kib, parallelism)
TIME_ZONE = "Asia/Jakarta"


def light_kdf():
    """KdfParams(1, 1024, 1), allowed in this process and the ones it starts."""
    from shelter_app.storage import kdf

    params = kdf.KdfParams(*LIGHT_KDF_ARGS)
    os.environ[kdf.FLOOR_ENVIRONMENT] = f"{params.memory_kib},{params.time_cost}"
    return params


@contextlib.contextmanager
def cluster() -> Iterator[tuple[object, dict]]:
    """A running cluster: (pg_server.ServerInfo, psycopg connect kwargs of its owner,
    for the shelter's database)."""
    from shelter_app.storage import pg_server
    from shelter_app.storage.pg_server import PgServerError

    pgdata = Path(tempfile.mkdtemp(prefix="ra-bench-pg-"))
    try:
        info = pg_server.init_cluster(pgdata, port=pg_server.free_port(),
                                      host_names=["shelter-server.local"],
                                      listen="127.0.0.1")
        yield info, pg_server.owner_connect_kwargs(pgdata)
    finally:
        with contextlib.suppress(PgServerError):
            if (pgdata / "postmaster.pid").exists():
                pg_server.stop(pgdata)
        shutil.rmtree(pgdata, ignore_errors=True)


def owner_connection(owner: dict):
    import psycopg

    return psycopg.connect(**owner, autocommit=True)


def server_shelter(info, owner: dict, scratch: Path, *, admin_password: str,
                   demo: bool = False):
    """(the owner's engine, the first administrator's workspace on it): a new shelter in
    the cluster's database. The caller closes the workspace and disposes the engine."""
    from shelter_app.services.administration import server_setup

    engine = server_setup.owner_engine(owner)
    _recovery, workspace = server_setup.create_server_shelter(
        engine, info.database, shelter_name="Bench", time_zone=TIME_ZONE,
        admin_username="admin", admin_password=admin_password, demo=demo,
        kdf_params=light_kdf(), workspace_dir=scratch)
    return engine, workspace


def connect_workstation(data_dir: Path, info) -> Path:
    """Make `data_dir` a workstation of the cluster's shelter (`shelter-app connect`)."""
    from shelter_app.storage import pg_engine

    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    ca_pem = (Path(info.pgdata) / "rumah-aman-ca.pem").read_bytes()
    profile = pg_engine.ServerProfile("127.0.0.1", info.port, info.database,
                                      data_dir / pg_engine.CA_FILE, info.ca_fingerprint)
    profile.save(data_dir, ca_pem)
    return data_dir


def percentile(values: list[float], share: float) -> float:
    """The `share` (0..1) percentile, linear between the nearest ranks."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
