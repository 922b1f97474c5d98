"""A shared server's backup, made by an administrator on a workstation, in the same
`.rabackup` format as one PC's: the records are read in one consistent snapshot of the
server (a repeatable-read transaction: saves on other PCs go on meanwhile and none is
half in the copy), written into a new SQLCipher file under the shelter's master key, and
every table's content hash is compared with the server's before the file is sealed.

It restores into a one-PC shelter as any backup does (the users' key slots are in it);
to put it back on a server, restore it on a PC and move that shelter with
migrate-to-server.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text

from shelter_app.domain.errors import DatabaseDamaged, StorageError
from shelter_app.i18n import _
from shelter_app.storage import migrate, snapshot, table_copy
from shelter_app.storage.engine import open_engine
from shelter_app.storage.keyfile import RECOVERY_SLOT, Slot


def _with_recovery_slot(workspace, connection):
    """The key store as the backup header wants it: with the recovery key's slot (an
    administrator may read it: it opens only with the recovery key)."""
    key_file = workspace.key_file
    body = connection.execute(text("SELECT slot_json FROM portable_slots WHERE slot_id = :s"),
                              {"s": RECOVERY_SLOT}).scalar()
    if body is not None:
        key_file.slots[RECOVERY_SLOT] = Slot.from_json(json.loads(body), older_floor=True)
    return key_file


def snapshot_to_file(workspace, scratch: Path) -> tuple[Path, dict]:
    """(the SQLCipher copy, its SQLite table hashes for the read-back check)."""
    copy = scratch / "snapshot.db"
    master = bytes(workspace.master_key)
    engine = open_engine(copy, bytearray(master))
    try:
        migrate.upgrade(engine, copy, scratch)  # a new file: the schema only, no copy kept
        with workspace.engine.connect() as server:
            server.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
            _with_recovery_slot(workspace, server)
            expected = table_copy.content_hashes(server)
            with engine.begin() as target:
                target.exec_driver_sql("DELETE FROM settings")  # a new file holds none yet
                table_copy.copy_all(server, target)
                if table_copy.content_hashes(target) != expected:
                    raise DatabaseDamaged(_("The copy does not hold the same records as the "
                                            "server. No backup was written."))
            server.rollback()
    finally:
        engine.dispose()
    for leftover in ("snapshot.db-wal", "snapshot.db-shm"):
        if (scratch / leftover).exists():
            raise StorageError(_("The copy of the database was not closed properly."))
    return copy, snapshot.verify_copy(copy, master)
