"""What a failed database operation really was: a full disk, a read-only disk or file,
no permission, a file another program holds, a device error; or damage.

SQLite often says only "disk I/O error" or "unable to open database file" (a full disk
fails when the -shm file cannot grow), so its code alone cannot tell a full disk from a
broken one. The file system is asked instead, by errno: a small file is written beside
the database, and the database files are opened for writing.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

import sqlcipher3
from sqlalchemy import event
from sqlalchemy.engine import Engine

from shelter_app.domain.errors import (
    DatabaseDamaged,
    NoStoragePermission,
    StorageError,
    StorageFault,
    device_error,
    disk_full,
    in_use,
    no_permission,
    read_only,
    storage_fault,
)
from shelter_app.i18n import _

# More than SQLite needs first (the 32 KiB -shm file): a disk with less is full for it.
PROBE_BYTES = 64 * 1024

SQLITE_PERM, SQLITE_BUSY, SQLITE_READONLY, SQLITE_IOERR = 3, 5, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26
_ABOUT_STORAGE = {SQLITE_PERM, SQLITE_BUSY, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT,
                  SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB}


def _companions(database: Path) -> list[Path]:
    return [database, database.with_name(database.name + "-wal"),
            database.with_name(database.name + "-shm")]


def _probe_folder(folder: Path) -> StorageFault | None:
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=".space-check-")
    except OSError as error:
        return storage_fault(error, records=True)
    try:
        with os.fdopen(handle, "wb") as probe:
            probe.write(bytes(PROBE_BYTES))
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as error:
        return storage_fault(error, records=True)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)
    return None


def _marked_read_only(path: Path) -> bool:
    try:
        return not os.stat(path).st_mode & stat.S_IWUSR
    except OSError:
        return False


def _probe_file(path: Path) -> StorageFault | None:
    try:
        os.close(os.open(path, os.O_RDWR))
    except FileNotFoundError:
        return None
    except OSError as error:
        fault = storage_fault(error, records=True)
        if isinstance(fault, NoStoragePermission) and _marked_read_only(path):
            return read_only(records=True, file=True)
        return fault
    return None


def probe(database: Path) -> StorageFault | None:
    """What the file system says about the database's folder and files, if anything."""
    database = Path(database)
    fault = _probe_folder(database.parent)
    for path in _companions(database):
        if fault is not None:
            break
        fault = _probe_file(path)
    return fault


def _code(error: BaseException) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def diagnose(error: BaseException, database: Path) -> StorageError | None:
    """Our error for a SQLite error about the storage or the file, or None for any other
    (a constraint, a mistake in a query: not ours to rename)."""
    code = _code(error)
    if code not in _ABOUT_STORAGE:
        return None
    fault = probe(database)  # the disk first: never call a full disk damage
    if fault is not None:
        return fault
    if code == SQLITE_FULL:
        return disk_full(records=True)
    if code == SQLITE_BUSY:  # the lock stayed taken for all of BUSY_TIMEOUT_MS
        return in_use(records=True)
    if code == SQLITE_READONLY:
        return read_only(records=True)
    if code == SQLITE_PERM:
        return no_permission(records=True)
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return DatabaseDamaged(_("The database is damaged: some of its pages were changed "
                                 "or broken. Restore the latest backup."))
    return device_error()


def name_storage_faults(engine: Engine, database: Path) -> None:
    """Raise our named error instead of the driver's for storage faults and damage."""

    def handle_error(context):
        original = context.original_exception
        if isinstance(original, sqlcipher3.Error):
            return diagnose(original, database)
        return None

    event.listen(engine, "handle_error", handle_error)
