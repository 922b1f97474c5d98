"""A new master key for the database, when someone must be locked out for good.

The database is exported under the new key into a new file, checked, and swapped in;
then a new key file holds only the administrator who did it and a new recovery key
(every other user's slot wrapped the old key and nobody else's password is known:
the administrator gives them new passwords). Old backups keep their own keys.

Crash safety: the new database, the audit anchor sealed under the new key, and the new
key file (last) are written beside the old ones first (`*.rekey`), then renamed in that
order (`DataDir.swap_in_pending`, which restore uses too). At every start
`DataDir.finish_interrupted_rekey` completes or discards an interrupted swap, so the
key file always opens the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete

from shelter_app.domain.models import PortableSlot
from shelter_app.domain.roles import Permission
from shelter_app.services.administration import portable_slots
from shelter_app.services.administration.auth import (
    open_database,
    recheck_password,
    secret_bytes,
)
from shelter_app.services.shared import audit
from shelter_app.services.shared.workspace import Workspace
from shelter_app.storage import device, recovery_key, snapshot
from shelter_app.storage.atomic import atomic_write
from shelter_app.storage.audit_anchor import write_anchor_for
from shelter_app.storage.keyfile import (
    RECOVERY_SLOT,
    KeyFile,
    new_master_key,
    user_slot_id,
)


@dataclass(frozen=True)
class RekeyResult:
    recovery_key: str
    users_needing_new_passwords: list[str]


def rekey(workspace: Workspace, password: str) -> RekeyResult:
    """`password` is the administrator's own, to wrap the new key for them."""
    workspace.require(Permission.MANAGE_BACKUPS)
    recheck_password(workspace, password)  # counted and audited, as a login is
    key_file = KeyFile.load(workspace.data_dir.key_file)
    key_file.authenticate(workspace.master_key)
    username = workspace.user.username
    # Nobody else may have the database open while it is replaced (their saves would
    # go into the old file and be lost): refused at once if another window has it.
    claim = workspace.in_use
    claim.make_exclusive()
    try:
        return _swap_in_new_key(workspace, key_file, username, password)
    finally:
        if workspace.is_locked:  # stopped between closing and reopening: log in again
            claim.release()
        elif claim.held:
            claim.make_shared()


def _swap_in_new_key(workspace: Workspace, key_file: KeyFile, username: str,
                     password: str) -> RekeyResult:
    data_dir, old_key = workspace.data_dir, bytes(workspace.master_key)
    new_key = new_master_key()
    new_db, new_keys = data_dir.pending_rekey
    data_dir.finish_interrupted_rekey()
    live = snapshot.connect(data_dir.database, old_key)
    try:
        expected = snapshot.table_hashes(live)
        # Bound, not formatted: a data folder's path may hold a quote (O'Brien's PC).
        live.execute("ATTACH DATABASE ? AS rekeyed KEY ?",
                     (str(new_db), f"x'{bytes(new_key).hex()}'"))
        live.execute("SELECT sqlcipher_export('rekeyed')")
        live.execute("DETACH DATABASE rekeyed")
    finally:
        live.close()
    snapshot.verify_copy(new_db, new_key, expected=expected)
    others = sorted(s.split(":", 1)[1] for s in key_file.slots
                    if s.startswith("user:") and s != user_slot_id(username)
                    and not key_file.slots[s].disabled)
    fresh = KeyFile(data_dir.key_file, key_file.installation_id, key_file.demo,
                    key_file.default_kdf, {})
    fresh.set_slot(user_slot_id(username), secret_bytes(password), new_key,
                   device.ensure_device_secret(key_file.installation_id))
    recovery = recovery_key.generate()
    fresh.set_slot(RECOVERY_SLOT, secret_bytes(recovery), new_key, None)
    write_anchor_for(data_dir.pending_anchor, new_db, new_key, key_file.installation_id)
    atomic_write(new_keys, fresh.to_bytes())  # last: its presence means "swap this in"
    workspace.close_database(keep_claim=True)
    data_dir.swap_in_pending()
    workspace.reopen(open_database(data_dir, new_key), new_key)
    workspace.key_file = fresh
    with workspace.session() as session:
        session.execute(delete(PortableSlot))
        portable_slots.remember(session, fresh, username, password, new_key)
        workspace.audit(session, audit.Action.REKEY, "database", "")
    return RekeyResult(recovery, others)
