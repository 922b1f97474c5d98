"""A consistent copy of the live database (SQLite's online backup, so others keep
working), its integrity checks, and per-table content hashes to compare copies by."""

from __future__ import annotations

import hashlib
from pathlib import Path

import sqlcipher3

from shelter_app.domain.errors import DatabaseDamaged
from shelter_app.i18n import _
from shelter_app.storage import faults

ALL_PAGES = -1


def connect(path: Path, master_key: bytes | bytearray) -> sqlcipher3.Connection:
    """A raw SQLCipher connection (no WAL switch: copies are read and checked only)."""
    connection = sqlcipher3.connect(str(path), check_same_thread=False)
    connection.execute(f"PRAGMA key = \"x'{bytes(master_key).hex()}'\"")
    connection.execute("PRAGMA cipher_log_level = NONE")
    return connection


def copy_live(live_path: Path, master_key: bytes | bytearray,
              target: Path) -> dict[str, tuple[int, str]]:
    """Copy the live database into `target`, under the same key, and return the hashes
    of what was copied. One read transaction holds both: other windows keep saving
    meanwhile (WAL), and neither the copy nor the hashes see their changes."""
    source = connect(live_path, master_key)
    try:
        destination = connect(target, master_key)
        try:
            source.execute("BEGIN")
            hashes = table_hashes(source)
            source.backup(destination, pages=ALL_PAGES)  # one step: no restarts
            destination.commit()
            source.rollback()
        finally:
            destination.close()
    except sqlcipher3.Error as error:
        raise (faults.diagnose(error, target) or faults.diagnose(error, live_path)
               or error) from None
    finally:
        source.close()
    return hashes


def integrity_problems(connection: sqlcipher3.Connection) -> list[str]:
    """Empty when both SQLite's structure check and SQLCipher's page HMACs are fine."""
    try:
        structure = [str(r[0]) for r in connection.execute("PRAGMA integrity_check")]
        pages = [str(r[0]) for r in connection.execute("PRAGMA cipher_integrity_check")]
    except sqlcipher3.DatabaseError as error:
        return [type(error).__name__]
    return ([] if structure == ["ok"] else structure[:5]) + pages[:5]


def _tables(connection: sqlcipher3.Connection) -> list[tuple[str, bool]]:
    """(name, has rowid) of every real table. A virtual table's rows live in its shadow
    tables, which are hashed themselves."""
    rows = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
        "'sqlite_%' ORDER BY name").fetchall()
    return [(name, "WITHOUT ROWID" not in (sql or "").upper()) for name, sql in rows
            if not (sql or "").upper().startswith("CREATE VIRTUAL")]


def table_hashes(connection: sqlcipher3.Connection) -> dict[str, tuple[int, str]]:
    """{table: (rows, sha256 of every row in rowid order)}."""
    found = {}
    for table, has_rowid in _tables(connection):
        digest, count = hashlib.sha256(), 0
        quoted = '"' + table.replace('"', '""') + '"'
        order = " ORDER BY rowid" if has_rowid else ""  # else stored in key order already
        for row in connection.execute(f"SELECT * FROM {quoted}{order}"):
            digest.update(repr(row).encode("utf-8"))
            count += 1
        found[table] = (count, digest.hexdigest())
    return found


def verify_copy(path: Path, master_key: bytes | bytearray,
                expected: dict[str, tuple[int, str]] | None = None) -> dict:
    """Open a copy, check it, and (when given) compare its hashes. Returns its hashes."""
    try:
        connection = connect(path, master_key)
        try:
            problems = integrity_problems(connection)
            if problems:
                raise DatabaseDamaged(_("The copy of the database is damaged."))
            hashes = table_hashes(connection)
        finally:
            connection.close()
    except sqlcipher3.DatabaseError:
        raise DatabaseDamaged(_("The copy of the database cannot be read.")) from None
    if expected is not None and hashes != expected:
        raise DatabaseDamaged(_("The copy does not hold the same records as the database."))
    return hashes
