"""The SQLCipher engine: raw 256-bit key as the first statement of every connection."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from shelter_app.domain.errors import StorageError
from shelter_app.i18n import _

PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"
CACHE_KIB = 64 * 1024


class DatabaseUnreadable(StorageError):
    pass


class NotEncrypted(StorageError):
    pass


def _apply_key(dbapi_connection, master_key: bytearray) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA key = \"x'{bytes(master_key).hex()}'\"")
        cursor.execute("PRAGMA cipher_log_level = NONE")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA temp_store = MEMORY")
        cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        cursor.execute("PRAGMA busy_timeout = 10000")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def file_looks_plain(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(len(PLAIN_SQLITE_HEADER)) == PLAIN_SQLITE_HEADER


def open_engine(path: Path, master_key: bytearray) -> Engine:
    """An engine on the encrypted file at `path` (created when absent), after checking
    that the key opens it and that it really is encrypted."""
    path = Path(path)
    if path.exists() and path.stat().st_size > 0 and file_looks_plain(path):
        raise NotEncrypted(_("The database file is not encrypted. The app will not use it."))
    if not path.exists():
        path.touch(mode=0o600)  # SQLite gives the -wal and -shm files the same mode
    engine = create_engine(
        f"sqlite:///{path}", module=sqlcipher3.dbapi2, hide_parameters=True,
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", lambda conn, _record: _apply_key(conn, master_key))
    try:
        with engine.connect() as connection:
            version = connection.execute(text("PRAGMA cipher_version")).scalar()
            if not version:
                raise NotEncrypted(_("This SQLite library cannot encrypt. The app will not run."))
            connection.execute(text("SELECT count(*) FROM sqlite_master")).scalar()
    except DBAPIError:
        engine.dispose()
        raise DatabaseUnreadable(
            _("The database cannot be opened: it is damaged or belongs to another key file.")
        ) from None
    except BaseException:
        engine.dispose()
        raise
    return engine


def assert_encrypted_on_disk(path: Path) -> None:
    if Path(path).exists() and file_looks_plain(path):
        raise NotEncrypted(_("The database file is not encrypted. The app will not use it."))
