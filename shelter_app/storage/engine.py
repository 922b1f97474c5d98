"""The SQLCipher engine: raw 256-bit key as the first statement of every connection.

Writers take turns. Every transaction starts with BEGIN IMMEDIATE, which takes the one
write lock at its start, so a second window or command waits (up to BUSY_TIMEOUT_MS)
instead of reading the same audit-chain head and failing when it writes; SQLite does not
wait for a transaction that read first and then wants to write. WAL lets readers run
alongside the writer: a connection opened `for_reading` starts a plain BEGIN and never
holds writers back.
"""

from __future__ import annotations

from pathlib import Path

import sqlcipher3
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from shelter_app.domain.errors import DatabaseDamaged, StorageError, storage_fault
from shelter_app.i18n import _
from shelter_app.storage import faults

PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"
# Decrypted pages kept per connection (4 KiB pages, SQLCipher's default). A page missed
# is decrypted again (its HMAC check is most of the cost), so the cache decides how far
# SQLCipher trails plain SQLite: the occupancy report reads about 54 MB of pages and was
# 1.3-1.5x plain SQLite with 32 MiB, 1.2-1.26x with 40 MiB; the provision report scans
# about 100 MB and stays near 1.22x at any size (benchmarks/cipher_overhead.py). Larger
# pages were worse (each scattered row decrypts more). The cost is memory: with 100,000
# residents the app holds 247 MB after login at 40 MiB, 251 MB at 44 MiB (the limit is
# 250, benchmarks/memory.py).
CACHE_KIB = 40 * 1024
# Longer than any one user action holds the write lock (a migration, a big import): a
# writer waits this long for its turn before it is told another program holds the file.
BUSY_TIMEOUT_MS = 30_000
TRANSACTION = "shelter_transaction"  # execution option: "write" (default), "read", "none"


class DatabaseUnreadable(DatabaseDamaged):
    """The right key (from the key file) does not open the file: damaged, or the key
    file belongs to another database. A backup is the way back."""


class NotEncrypted(StorageError):
    pass


def _apply_key(dbapi_connection, master_key: bytearray) -> None:
    dbapi_connection.isolation_level = None  # the driver's own BEGIN off: _begin says it
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA key = \"x'{bytes(master_key).hex()}'\"")
        cursor.execute("PRAGMA cipher_log_level = NONE")
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA temp_store = MEMORY")
        cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def _begin(connection) -> None:
    kind = connection.get_execution_options().get(TRANSACTION, "write")
    if kind == "write":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif kind == "read":
        connection.exec_driver_sql("BEGIN")
    # "none": each statement on its own (a WAL checkpoint cannot run in a transaction)


def for_reading(engine: Engine) -> Engine:
    """The same engine, whose transactions only read and never make writers wait."""
    return engine.execution_options(**{TRANSACTION: "read"})


def without_transaction(engine: Engine) -> Engine:
    return engine.execution_options(**{TRANSACTION: "none"})


def file_looks_plain(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(len(PLAIN_SQLITE_HEADER)) == PLAIN_SQLITE_HEADER


def _unreadable() -> DatabaseUnreadable:
    return DatabaseUnreadable(
        _("The database cannot be opened: it is damaged or belongs to another key file."))


def open_engine(path: Path, master_key: bytearray) -> Engine:
    """An engine on the encrypted file at `path` (created when absent), after checking
    that the key opens it and that it really is encrypted. A disk or folder that refuses
    is named as such (storage faults), never called damage."""
    path = Path(path)
    try:
        if path.exists() and path.stat().st_size > 0 and file_looks_plain(path):
            raise NotEncrypted(_("The database file is not encrypted. The app will not use it."))
        if not path.exists():
            path.touch(mode=0o600)  # SQLite gives the -wal and -shm files the same mode
    except OSError as error:
        raise (faults.probe(path) or storage_fault(error, records=True) or error) from None
    engine = create_engine(
        f"sqlite:///{path}", module=sqlcipher3.dbapi2, hide_parameters=True,
        connect_args={"check_same_thread": False},
        # The most recently returned connection first: one connection (and one page cache
        # of CACHE_KIB) does nearly all the work; a second is opened only while the first
        # is busy (the list fetching a page on the GUI thread while the worker runs) and
        # stays small. First-in-first-out alternated them, and both caches filled.
        pool_use_lifo=True,
    )
    event.listen(engine, "connect", lambda conn, _record: _apply_key(conn, master_key))
    event.listen(engine, "begin", _begin)
    faults.name_storage_faults(engine, path)
    try:
        with for_reading(engine).connect() as connection:
            version = connection.execute(text("PRAGMA cipher_version")).scalar()
            if not version:
                raise NotEncrypted(_("This SQLite library cannot encrypt. The app will not run."))
            connection.execute(text("SELECT count(*) FROM sqlite_master")).scalar()
    except (DBAPIError, DatabaseDamaged):  # not the disk (named by faults): key or file
        engine.dispose()
        raise _unreadable() from None
    except BaseException:
        engine.dispose()
        raise
    return engine


def assert_encrypted_on_disk(path: Path) -> None:
    if Path(path).exists() and file_looks_plain(path):
        raise NotEncrypted(_("The database file is not encrypted. The app will not use it."))
