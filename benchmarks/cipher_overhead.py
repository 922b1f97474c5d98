"""SQLCipher against plain SQLite on the same data, side by side: the occupancy report
and the provision report gathered from one shelter of 100,000 residents (120,000 stays,
as benchmarks/residents.py) and a year of about 900,000 provision lines for 500 more
stays (as benchmarks/provisions.py).

Requirement (issue 15): SQLCipher at most 1.3x plain SQLite on both reports.

The encrypted file is the app's own (storage.engine.open_engine, its key, cache and page
settings). The plain file holds the same data: the encrypted one is vacuumed, then
decrypted with sqlcipher_export into a database attached with KEY '' (SQLCipher's way
to write plaintext), so both are laid out alike. It is opened with the same pragmas but
the key, through the same SQLite library (sqlcipher3 without a key is plain SQLite):
the ratio is the encryption's cost alone. The standard library's sqlite3 (another
SQLite version, other build options) is timed too, for reference.

Runs alternate between the files; each figure is the median of the warm runs (the
database's page cache filled by the runs before). The first run on a fresh connection
is reported as cold: the operating system still holds the file, only SQLite's own
cache is empty.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

PROVISION_STAYS = 500
WARM_RUNS = 7
LIMIT_RATIO = 1.3


def build(folder: Path):
    """A new shelter in `folder` with both data sets; returns (workspace, lines)."""
    import provisions
    import residents

    from shelter_app.services.administration import setup

    workspace = setup.create_shelter(folder, shelter_name="Bench", time_zone="Asia/Jakarta",
                                     admin_username="admin",
                                     admin_password="bench password").workspace
    today = workspace.clock().date()
    residents._populate(workspace, today)
    lines = provisions._populate(workspace, today, PROVISION_STAYS, random.Random(5))
    return workspace, lines


def _raw_key_pragma(master_key: bytes) -> str:
    return f"\"x'{bytes(master_key).hex()}'\""


def export(source: Path, master_key: bytes, target: Path, *, key: bytes | None = None,
           page_size: int | None = None, vacuum: bool = True) -> None:
    """Vacuums the encrypted `source` (unless not `vacuum`), then writes its data to
    `target`: plaintext when `key` is None, else encrypted with `key` and
    cipher_page_size `page_size`."""
    import sqlcipher3

    connection = sqlcipher3.dbapi2.connect(str(source), isolation_level=None)
    try:
        connection.execute(f"PRAGMA key = {_raw_key_pragma(master_key)}")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if vacuum:
            connection.execute("VACUUM")
        attach_key = "''" if key is None else _raw_key_pragma(key)
        connection.execute(f"ATTACH DATABASE '{target}' AS target KEY {attach_key}")
        if key is not None and page_size:
            connection.execute(f"PRAGMA target.cipher_page_size = {int(page_size)}")
        connection.execute("SELECT sqlcipher_export('target')")
        connection.execute("DETACH DATABASE target")
    finally:
        connection.close()


def plain_engine(path: Path, module=None, cache_kib: int | None = None):
    """An engine on the plaintext file with the app's pragmas but the key (and its
    transactions: BEGIN IMMEDIATE, or BEGIN for reading). `module`: the DB-API module
    (the default: the standard library's sqlite3)."""
    from sqlalchemy import create_engine, event

    from shelter_app.storage import engine as storage

    cache = storage.CACHE_KIB if cache_kib is None else cache_kib
    engine = create_engine(f"sqlite:///{path}", module=module or sqlite3,
                           connect_args={"check_same_thread": False}, pool_use_lifo=True)

    def on_connect(connection, _record) -> None:
        connection.isolation_level = None
        cursor = connection.cursor()
        for pragma in (f"busy_timeout = {int(storage.BUSY_TIMEOUT_MS)}", "foreign_keys = ON",
                       "temp_store = MEMORY", f"cache_size = -{int(cache)}",
                       "journal_mode = WAL", "synchronous = FULL"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", storage._begin)
    return engine


def workspace_on(workspace, engine):
    """The same user and keys, on another engine (a benchmark's shortcut: login would
    open the app's encrypted file)."""
    from shelter_app.services.shared.workspace import Workspace

    other = Workspace(workspace.data_dir, workspace.key_file, engine,
                      bytearray(workspace.master_key), workspace.user, workspace.clock,
                      in_use=workspace.in_use)
    other.hold_role_keys({name: key for name in ("counsellors", "managers")
                          if (key := workspace.role_key(name)) is not None})
    return other


def _timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def compare(spaces: dict, work, runs: int = WARM_RUNS) -> dict:
    """{name: (cold, [warm...])}: one cold run each in the given order, then `runs`
    rounds over all of them, the order turned round every other round."""
    cold = {name: _timed(lambda s=space: work(s)) for name, space in spaces.items()}
    warm: dict[str, list[float]] = {name: [] for name in spaces}
    names = list(spaces)
    for number in range(runs):
        for name in names if number % 2 == 0 else reversed(names):
            warm[name].append(_timed(lambda s=spaces[name]: work(s)))
    return {name: (cold[name], warm[name]) for name in spaces}


def settings(engine) -> dict:
    from sqlalchemy import text

    with engine.connect() as connection:
        def value(pragma: str):
            return connection.execute(text(f"PRAGMA {pragma}")).scalar()
        return {"cipher_version": value("cipher_version"),
                "sqlite_version": connection.execute(text("SELECT sqlite_version()")).scalar(),
                "cipher_provider": value("cipher_provider"),
                "cache_kib": -int(value("cache_size")),
                "cipher_page_size": int(value("cipher_page_size")),
                "kdf_iter": int(value("kdf_iter")),
                "cipher_hmac_algorithm": value("cipher_hmac_algorithm"),
                "cipher_memory_security": value("cipher_memory_security"),
                "journal_mode": value("journal_mode"), "synchronous": value("synchronous")}


def measure(cache_kib: int | None = None) -> dict:
    """`cache_kib`: another page cache than storage.engine.CACHE_KIB for both files (to
    try one: `measure(40 * 1024)`); the data is built with the app's own."""
    import sqlcipher3

    from shelter_app.services.provisions import reports as provision_reports
    from shelter_app.services.residents import reports as resident_reports
    from shelter_app.services.shared import reporting
    from shelter_app.storage import engine as storage

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "shelter"
        started = time.perf_counter()
        workspace, lines = build(folder)
        load_s = time.perf_counter() - started
        database, key = workspace.data_dir.database, bytes(workspace.master_key)
        workspace.engine.dispose()  # the export below vacuums the file first
        plain_file = Path(scratch) / "plain.db"
        export(database, key, plain_file)
        app_cache_kib = storage.CACHE_KIB
        if cache_kib is not None:  # read by each new connection's pragmas
            storage.CACHE_KIB = cache_kib
        cipher = workspace  # reopened by its engine's pool, through open_engine's pragmas
        same_library = workspace_on(workspace, plain_engine(plain_file, sqlcipher3.dbapi2))
        stdlib = workspace_on(workspace, plain_engine(plain_file))
        spaces = {"sqlite": same_library, "sqlcipher": cipher, "stdlib_sqlite3": stdlib}
        today = workspace.clock().date()
        year = reporting.period(today - dt.timedelta(days=364), today)
        figures = {
            "occupancy": compare(spaces, lambda s: resident_reports.occupancy(s, year)),
            "provisions": compare(spaces, lambda s: provision_reports.gather(s, year)),
        }
        found = settings(cipher.engine)
        sizes_mb = {"sqlcipher_file_mb": round(database.stat().st_size / 1e6, 1),
                    "plain_file_mb": round(plain_file.stat().st_size / 1e6, 1)}
        for space in (same_library, stdlib):
            space.engine.dispose()
        workspace.close_database()
        storage.CACHE_KIB = app_cache_kib
    result: dict = {"persons": 100_000 + PROVISION_STAYS, "provision_lines": lines,
                    "load_s": round(load_s, 1)}
    for report, timings in figures.items():
        median = {name: statistics.median(warm) for name, (_cold, warm) in timings.items()}
        for name, (cold, warm) in timings.items():
            result[f"{report}_{name}_s"] = round(median[name], 3)
            result[f"{report}_{name}_cold_s"] = round(cold, 3)
            result[f"{report}_{name}_worst_s"] = round(max(warm), 3)
        result[f"{report}_ratio"] = round(median["sqlcipher"] / median["sqlite"], 2)
        # Each round's two runs are next to each other: the median of their ratios is
        # less moved by the machine's other work coming and going.
        result[f"{report}_ratio_paired"] = round(statistics.median(
            c / p for c, p in zip(timings["sqlcipher"][1], timings["sqlite"][1],
                                  strict=True)), 2)
        result[f"{report}_cold_ratio"] = round(timings["sqlcipher"][0]
                                               / timings["sqlite"][0], 2)
        result[f"{report}_ratio_to_stdlib_sqlite3"] = round(
            median["sqlcipher"] / median["stdlib_sqlite3"], 2)
    return result | sizes_mb | {
        "cache_kib": found["cache_kib"], "page_size": found["cipher_page_size"],
        "kdf_iter": found["kdf_iter"], "engine_cache_kib": app_cache_kib,
        "settings": found, "warm_runs": WARM_RUNS, "limit_ratio": LIMIT_RATIO}


def meets(result: dict) -> bool:
    return (result["occupancy_ratio"] <= result["limit_ratio"]
            and result["provisions_ratio"] <= result["limit_ratio"])


if __name__ == "__main__":
    import json

    print(json.dumps(measure(), indent=1))  # noqa: T201
