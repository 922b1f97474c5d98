"""A new master key for the database, when someone must be locked out for good.

The database is exported under the new key into a new file, checked, and swapped in;
then a new key file holds only the administrator who did it and a new recovery key
(every other user's slot wrapped the old key and nobody else's password is known:
the administrator gives them new passwords). Old backups keep their own keys.

Sealed keys: the administrator keeps their key pair; the other users' copies of role
keys go with their slots (a new password brings a new key pair, and a member gives them
access again). The new recovery key gets a new key pair and every role key: those the
administrator holds (the managers' key), and those only the current recovery key holds
(the counsellors' key), opened with the current recovery key typed for the purpose.
Without it the counsellors' key would be lost with the counsellors' slots, so rekey
refuses rather than lose the notes.

Crash safety: the new database, the audit anchor sealed under the new key, and the new
key file (last) are written beside the old ones first (`*.rekey`), then renamed in that
order (`DataDir.swap_in_pending`, which restore uses too). At every start
`DataDir.finish_interrupted_rekey` completes or discards an interrupted swap, so the
key file always opens the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select

from shelter_app.domain.errors import AuthenticationError, InputError
from shelter_app.domain.models import PortableSlot, RoleKey, SealedRoleKey
from shelter_app.domain.roles import Permission
from shelter_app.i18n import _
from shelter_app.services.administration import portable_slots
from shelter_app.services.administration.auth import (
    open_database,
    recheck_password,
    secret_bytes,
)
from shelter_app.services.shared import audit, role_keys
from shelter_app.services.shared.workspace import Workspace
from shelter_app.storage import device, recovery_key, sealed, snapshot
from shelter_app.storage.atomic import atomic_write
from shelter_app.storage.audit_anchor import write_anchor_for
from shelter_app.storage.keyfile import (
    RECOVERY_SLOT,
    KeyFile,
    WrongSecret,
    new_master_key,
    user_slot_id,
)


class RecoveryKeyNeeded(InputError):
    """A role key only the recovery key can carry over: ask for it and try again."""


@dataclass(frozen=True)
class RekeyResult:
    recovery_key: str
    users_needing_new_passwords: list[str]


def needs_recovery_key(workspace: Workspace) -> bool:
    """Whether a rekey by this user must be given the current recovery key (a role key
    exists that they do not hold)."""
    with workspace.reading() as session:
        return bool(_not_held(workspace, session))


def _not_held(workspace: Workspace, session) -> list[str]:
    return [name for name in session.scalars(select(RoleKey.name))
            if workspace.role_key(name) is None]


def _held_role_keys(workspace: Workspace) -> dict[str, bytes]:
    """The role keys this administrator holds, by name."""
    keys = {name: workspace.role_key(name) for name in role_keys.MEMBERS}
    return {name: key for name, key in keys.items() if key is not None}


def _carried_keys(workspace: Workspace, key_file: KeyFile,
                  typed_recovery_key: str | None) -> dict[str, bytes]:
    """Every role key, to seal to the new recovery key: the administrator's own, and the
    others opened with the current recovery key."""
    held = _held_role_keys(workspace)
    with workspace.reading() as session:
        missing = _not_held(workspace, session)
        if not missing:
            return held
        recovery_holds = set(session.scalars(select(SealedRoleKey.role_key).where(
            SealedRoleKey.holder == role_keys.RECOVERY)))
        if not set(missing) <= recovery_holds:
            raise InputError(_("The recovery key does not hold the counsellors' key yet, so a "
                               "new master key would lose the counselling notes. A counsellor "
                               "first gives the recovery key access (offered at the bottom of "
                               "their window)."))
        key = recovery_key.normalise(typed_recovery_key or "")
        if key is None:
            raise RecoveryKeyNeeded(_("Type the current recovery key too: it carries the "
                                      "counsellors' key over to the new recovery key."),
                                    "recovery_key")
        try:
            _master, private = key_file.open_slot(RECOVERY_SLOT, secret_bytes(key), None)
        except WrongSecret:
            raise AuthenticationError(_("This recovery key does not belong to this "
                                        "shelter.")) from None
        opened = role_keys.open_held(session, role_keys.RECOVERY, private) if private else {}
    if not set(missing) <= set(opened):
        raise AuthenticationError(_("This recovery key does not belong to this shelter."))
    return {**held, **{name: opened[name] for name in missing}}


def rekey(workspace: Workspace, password: str,
          typed_recovery_key: str | None = None) -> RekeyResult:
    """`password` is the administrator's own, to wrap the new key for them;
    `typed_recovery_key` the current one when `needs_recovery_key`."""
    workspace.require(Permission.MANAGE_BACKUPS)
    if workspace.is_server:
        raise InputError(_("A shared server's records are not encrypted with a master key "
                           "(the server's disk is): there is no key to change. Disable the "
                           "user instead."))
    # counted and audited, as a login is; a slot from before sealed keys gets a key pair
    private_key = recheck_password(workspace, password,
                                   private_if_missing=sealed.new_private_key())
    key_file = KeyFile.load(workspace.data_dir.key_file)
    key_file.authenticate(workspace.master_key)
    username = workspace.user.username
    # Nobody else may have the database open while it is replaced (their saves would
    # go into the old file and be lost): refused at once if another window has it.
    claim = workspace.in_use
    claim.make_exclusive()
    try:
        carried = _carried_keys(workspace, key_file, typed_recovery_key)
        return _swap_in_new_key(workspace, key_file, username, password, private_key,
                                carried)
    finally:
        if workspace.is_locked:  # stopped between closing and reopening: log in again
            claim.release()
        elif claim.held:
            claim.make_shared()


def _swap_in_new_key(workspace: Workspace, key_file: KeyFile, username: str,
                     password: str, private_key: bytes,
                     carried: dict[str, bytes]) -> RekeyResult:
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
                   device.ensure_device_secret(key_file.installation_id), private_key)
    recovery = recovery_key.generate()
    recovery_private = sealed.new_private_key()
    fresh.set_slot(RECOVERY_SLOT, secret_bytes(recovery), new_key, None, recovery_private)
    held = _held_role_keys(workspace)
    write_anchor_for(data_dir.pending_anchor, new_db, new_key, key_file.installation_id)
    atomic_write(new_keys, fresh.to_bytes())  # last: its presence means "swap this in"
    workspace.close_database(keep_claim=True)
    data_dir.swap_in_pending()
    workspace.reopen(open_database(data_dir, new_key), new_key)
    workspace.key_file = fresh
    workspace.hold_role_keys(held)
    with workspace.session() as session:
        session.execute(delete(PortableSlot))
        portable_slots.remember(session, fresh, username, password, new_key, private_key)
        for other in others:
            role_keys.revoke(session, other)
        now = workspace.clock()
        role_keys.register_public_key(session, username, sealed.public_key_of(private_key),
                                      now)
        role_keys.register_public_key(session, role_keys.RECOVERY,
                                      sealed.public_key_of(recovery_private), now)
        for name, key in carried.items():
            holders = [username, role_keys.RECOVERY] if name in held else [role_keys.RECOVERY]
            for holder in holders:
                role_keys.seal_for(session, name, key, holder, username, now)
        workspace.audit(session, audit.Action.REKEY, "database", "")
    return RekeyResult(recovery, others)
