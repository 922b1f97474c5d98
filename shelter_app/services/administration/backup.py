"""Backups that restore: one encrypted file, checked after it is written, and restore
that checks the backup before anything is replaced (format in storage/backup_file.py).

Open with the backup passphrase (chosen at backup time) or the recovery key.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from shelter_app.domain.clock import Clock, utc_now
from shelter_app.domain.errors import AuthenticationError, InputError, StorageError
from shelter_app.domain.models import Setting
from shelter_app.domain.roles import Permission
from shelter_app.i18n import _
from shelter_app.services.administration import portable_slots
from shelter_app.services.administration.auth import adopt_attempts_file, secret_bytes
from shelter_app.services.shared import audit
from shelter_app.services.shared.settings import SettingKey
from shelter_app.services.shared.workspace import Workspace
from shelter_app.storage import backup_file, kdf, migrate, recovery_key, snapshot
from shelter_app.storage.atomic import atomic_write, fsync_dir
from shelter_app.storage.audit_anchor import write_anchor_for
from shelter_app.storage.backup_file import BackupHeader, BackupUnreadable
from shelter_app.storage.datadir import DataDir
from shelter_app.storage.in_use import InUse
from shelter_app.storage.keyfile import RECOVERY_SLOT, KeyFile, Slot, WrongSecret
from shelter_app.storage.migrate import DatabaseTooNew

MIN_PASSPHRASE = 8
SUFFIX = ".rabackup"


@dataclass(frozen=True)
class BackupReport:
    path: Path
    size: int
    tables: int
    rows: int


@dataclass(frozen=True)
class RestoreReport:
    rows: int
    kept_copy: Path | None
    users: list[str]


def _hkdf(master_key: bytes, purpose: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"rumah-aman/" + purpose).derive(bytes(master_key))


def _seal(key: bytes, plain: bytes, aad: bytes) -> dict:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    return {"nonce": nonce.hex(), "wrapped": AESGCM(key).encrypt(nonce, plain, aad).hex()}


def _open(key: bytes, sealed: dict, aad: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(key).decrypt(bytes.fromhex(sealed["nonce"]),
                                   bytes.fromhex(sealed["wrapped"]), aad)
    except (InvalidTag, KeyError, ValueError, TypeError):
        raise WrongSecret from None


def default_name(now: dt.datetime) -> str:
    return f"rumah-aman-{now.strftime('%Y%m%d-%H%M')}{SUFFIX}"


def _header(workspace: Workspace, backup_key: bytes, passphrase: str | None) -> BackupHeader:
    key_file = workspace.key_file
    master = bytes(workspace.master_key)
    aad = key_file.installation_id.encode()
    slots: dict = {
        "by_master": _seal(_hkdf(master, b"backup-key"), backup_key, aad),
        "master_by_backup": _seal(backup_key, master, aad),
    }
    recovery = key_file.slots.get(RECOVERY_SLOT)
    if recovery is not None:
        slots["recovery"] = recovery.to_json()
    if passphrase:
        salt, params = os.urandom(kdf.SALT_BYTES), key_file.default_kdf
        stretched = kdf.derive(secret_bytes(passphrase), salt, params)
        slots["passphrase"] = {"salt": salt.hex(), "kdf": params.to_json(),
                               **_seal(stretched, backup_key, aad)}
    return BackupHeader({
        "format": backup_file.FORMAT_VERSION, "created_at": workspace.clock().isoformat(),
        "installation_id": key_file.installation_id, "demo": key_file.demo,
        "default_kdf": key_file.default_kdf.to_json(),
        "schema_revision": migrate.current_revision(workspace.engine) or "",
        "slots": slots,
    })


def _write_atomically(target: Path, header: BackupHeader, payload: Path,
                      backup_key: bytes) -> None:
    """Temp file beside the target, fsync, rename: a failure leaves any older backup of
    the same name whole, and no half file behind."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        # 0600 from the first byte: a backup opens with the recovery key, so only this
        # user may read it (the umask would leave it readable by every account).
        with os.fdopen(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC
                               | getattr(os, "O_BINARY", 0), 0o600), "wb") as handle:
            os.chmod(temp, 0o600)
            backup_file.write(handle, header, payload, backup_key)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
        fsync_dir(target.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _storage_error(error: OSError) -> StorageError:
    return StorageError(_("The backup could not be written ({reason}). Nothing was changed: "
                          "the database and any earlier backup are as they were.").format(
        reason=error.strerror or type(error).__name__))


def backup(workspace: Workspace, target: Path, passphrase: str | None = None) -> BackupReport:
    """Write a backup to `target` (a file, or a folder to put a dated file in), then read
    it back and compare every table with the database before saying it is done."""
    workspace.require(Permission.MANAGE_BACKUPS)
    if passphrase is not None and passphrase != "" and len(passphrase) < MIN_PASSPHRASE:
        raise InputError(_("A backup passphrase needs at least {count} characters.").format(
            count=MIN_PASSPHRASE), "passphrase")
    target = Path(target)
    if target.is_dir():
        target = target / default_name(workspace.clock())
    if not target.parent.is_dir():
        raise StorageError(_("The folder {folder} does not exist.").format(
            folder=target.parent))
    data_dir = workspace.data_dir
    backup_key = os.urandom(32)
    master = bytes(workspace.master_key)
    try:
        data_dir.backups.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.TemporaryDirectory(dir=data_dir.backups) as scratch:
            if workspace.is_server:  # one snapshot of the server, as a SQLCipher file
                from shelter_app.services.administration import server_backup

                copy, hashes = server_backup.snapshot_to_file(workspace, Path(scratch))
            else:
                copy = Path(scratch) / "snapshot.db"
                hashes = snapshot.copy_live(data_dir.database, master, copy)
                snapshot.verify_copy(copy, master, expected=hashes)
            _write_atomically(target, _header(workspace, backup_key, passphrase), copy,
                              backup_key)
            readback = Path(scratch) / "readback.db"
            backup_file.extract(target, backup_key, readback)
            snapshot.verify_copy(readback, master, expected=hashes)
    except OSError as error:
        raise _storage_error(error) from None
    size = target.stat().st_size
    with workspace.session() as session:
        session.merge(Setting(key=SettingKey.LAST_BACKUP_AT.value,
                              value=workspace.clock().isoformat()))
        workspace.audit(session, audit.Action.BACKUP, "backup", "")
    return BackupReport(target, size, len(hashes), sum(rows for rows, _h in hashes.values()))


def _keys_from(header: BackupHeader, passphrase: str | None,
               typed_recovery_key: str | None) -> tuple[bytes, bytes]:
    """(backup key, master key) from the passphrase or the recovery key."""
    slots = header.data["slots"]
    aad = str(header.data.get("installation_id", "")).encode()
    try:
        if typed_recovery_key:
            key = recovery_key.normalise(typed_recovery_key)
            if key is None:
                raise InputError(_("A recovery key has six groups of five letters and "
                                   "digits."), "recovery_key")
            if "recovery" not in slots:
                raise AuthenticationError(_("This backup cannot be opened with a recovery "
                                            "key."))
            holder = KeyFile(Path("-"), str(header.data["installation_id"]), False,
                             _header_kdf(header),
                             {RECOVERY_SLOT: Slot.from_json(slots["recovery"],
                                                            older_floor=True)})
            master = bytes(holder.unwrap(RECOVERY_SLOT, secret_bytes(key), None))
            return _open(_hkdf(master, b"backup-key"), slots["by_master"], aad), master
        if passphrase:
            sealed = slots.get("passphrase")
            if sealed is None:
                raise AuthenticationError(_("This backup has no passphrase: open it with the "
                                            "recovery key."))
            stretched = kdf.derive(secret_bytes(passphrase), bytes.fromhex(sealed["salt"]),
                                   kdf.KdfParams.from_json(sealed["kdf"], older_floor=True))
            backup_key = _open(stretched, sealed, aad)
            return backup_key, _open(backup_key, slots["master_by_backup"], aad)
    except WrongSecret:
        raise AuthenticationError(_("This passphrase or recovery key does not open the "
                                    "backup.")) from None
    except (KeyError, ValueError, TypeError):
        raise BackupUnreadable(_("The backup file is damaged.")) from None
    raise InputError(_("Give the backup passphrase or the recovery key."), "passphrase")


def _check_revision(header: BackupHeader) -> None:
    revision = header.schema_revision
    if revision and not migrate.is_known_revision(revision):
        raise DatabaseTooNew(_("This backup was made by a newer version of Rumah Aman. "
                               "Install that version to restore it."))


def _header_kdf(header: BackupHeader) -> kdf.KdfParams:
    """The settings for new slots after a restore: never under today's floor."""
    return kdf.KdfParams.from_json(header.data["default_kdf"], older_floor=True
                                   ).raised_to_floor()


def _check_kdf_limits(header: BackupHeader) -> None:
    """Every Argon2 setting the header names, held to the limits before any is run: a
    crafted backup must not make the app run gigabytes of Argon2. A slot of an older
    backup may have one pass (its cost is fixed in it); new slots get today's floor."""
    slots = header.data["slots"]
    settings = [header.data.get("default_kdf")] + [
        slots[name].get("kdf") for name in ("recovery", "passphrase")
        if isinstance(slots.get(name), dict)]
    try:
        for params in settings:
            kdf.KdfParams.from_json(params, older_floor=True)
    except kdf.KdfParamsRejected:
        raise BackupUnreadable(_("This backup asks for password protection outside the safe "
                                 "limits. It was not opened.")) from None
    except (KeyError, ValueError, TypeError, AttributeError):
        raise BackupUnreadable(_("The backup file is damaged.")) from None


def inspect(path: Path) -> BackupHeader:
    """What can be known without a key: is it a backup this version can restore."""
    header = backup_file.load_header(path)
    _check_revision(header)
    _check_kdf_limits(header)
    return header


def restore(root: Path, path: Path, *, passphrase: str | None = None,
            typed_recovery_key: str | None = None, clock: Clock = utc_now) -> RestoreReport:
    """Check the backup completely, keep the current database as a dated copy, then put
    the backup in its place. A shelter's users log in with their old passwords."""
    data_dir = DataDir(Path(root))
    if data_dir.is_server():
        raise InputError(_("A backup is restored into a shelter on one PC, not into a "
                           "workstation of a server."))
    header = inspect(path)
    backup_key, master = _keys_from(header, passphrase, typed_recovery_key)
    current = KeyFile.load(data_dir.key_file) if data_dir.is_set_up() else None
    if current is not None and current.installation_id != header.data["installation_id"]:
        raise StorageError(_("This backup is from another shelter. It was not restored; "
                             "nothing was changed."))
    data_dir.ensure_writable()
    # Nobody else may have the database open while it is replaced: a window writing on
    # into the old file would lose its saves, or put them into the restored one.
    claim = InUse.exclusive(data_dir.database)
    try:
        key_file, hashes, kept = _replace_database(data_dir, header, path, backup_key,
                                                   master, clock)
        _audit_restore(data_dir, key_file, master, clock, claim)
    finally:
        claim.release()
    users = sorted(slot_id.split(":", 1)[1] for slot_id in key_file.slots
                   if slot_id.startswith("user:"))
    return RestoreReport(sum(rows for rows, _h in hashes.values()), kept, users)


def _replace_database(data_dir: DataDir, header: BackupHeader, path: Path, backup_key: bytes,
                      master: bytes, clock: Clock) -> tuple[KeyFile, dict, Path | None]:
    """Extract and check the backup, keep the current files, and swap: (the new key
    file, the restored tables' hashes, the kept copy)."""
    try:
        data_dir.backups.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.TemporaryDirectory(dir=data_dir.root) as scratch:
            incoming = Path(scratch) / "incoming.db"
            backup_file.extract(path, backup_key, incoming)
            hashes = snapshot.verify_copy(incoming, master)
            key_file = _key_file_for(data_dir, header, incoming, master)
            # A rekey stopped half-way is finished first (and kept with the rest): left,
            # the next start would put its key file over the restored one.
            data_dir.finish_interrupted_rekey()
            kept = _keep_current(data_dir, clock()) if data_dir.database.exists() else None
            _swap_in(data_dir, incoming, key_file, master)
    except OSError as error:
        raise StorageError(_("The backup could not be restored ({reason}). Nothing was "
                             "replaced.").format(reason=error.strerror or
                                                 type(error).__name__)) from None
    return key_file, hashes, kept


def _swap_in(data_dir: DataDir, incoming: Path, key_file: KeyFile, master: bytes) -> None:
    """The same crash-safe swap as rekey: the new database, its audit anchor and key file
    (last) beside the old ones, then renamed in that order; an interrupted swap is
    finished at the next start, one that never began is dropped."""
    new_db, new_keys = data_dir.pending_rekey
    try:
        os.replace(incoming, new_db)
        write_anchor_for(data_dir.pending_anchor, new_db, master, key_file.installation_id)
        atomic_write(new_keys, key_file.to_bytes(), mode=0o600)
    except BaseException:
        for pending in (new_db, data_dir.pending_anchor, new_keys):
            with contextlib.suppress(OSError):
                pending.unlink()
        raise
    data_dir.swap_in_pending()


def _key_file_for(data_dir: DataDir, header: BackupHeader, database: Path,
                  master: bytes) -> KeyFile:
    """A key file for the restored database: the recovery slot from the backup, and each
    user's password-only slot from inside it (bound to this PC at their first login)."""
    connection = snapshot.connect(database, master)
    try:
        rows = connection.execute("SELECT slot_id, slot_json FROM portable_slots").fetchall()
        disabled = {row[0] for row in connection.execute(
            "SELECT username FROM users WHERE disabled = 1")}
    finally:
        connection.close()
    slots = {slot_id: slot for slot_id, slot in portable_slots.all_slots(rows).items()
             if slot_id.startswith("user:")  # a server's copy of the recovery slot: below
             and slot_id.split(":", 1)[1] not in disabled}
    if "recovery" in header.data["slots"]:
        slots[RECOVERY_SLOT] = Slot.from_json(header.data["slots"]["recovery"],
                                              older_floor=True)
    key_file = KeyFile(data_dir.key_file, str(header.data["installation_id"]),
                       bool(header.data.get("demo", False)),
                       _header_kdf(header), slots)
    key_file.authenticate(master)  # made here, under the master key the backup opened
    return key_file


def _keep_current(data_dir: DataDir, now: dt.datetime) -> Path:
    kept = data_dir.backups / f"before-restore-{now.strftime('%Y%m%dT%H%M%S')}"
    kept.mkdir(parents=True, exist_ok=True, mode=0o700)
    for name in ("shelter.db", "shelter.db-wal", "shelter.db-shm", "keys.json",
                 "audit-anchor.json"):
        source = data_dir.root / name
        if source.exists():
            shutil.copy2(source, kept / name)
    fsync_dir(kept)
    return kept


def _audit_restore(data_dir: DataDir, key_file: KeyFile, master: bytes, clock: Clock,
                   claim: InUse) -> None:
    from shelter_app.domain.roles import Role
    from shelter_app.services.administration.auth import open_database
    from shelter_app.services.shared.workspace import CurrentUser

    engine = open_database(data_dir, bytearray(master))  # also migrates an older backup
    workspace = Workspace(data_dir, key_file, engine, bytearray(master),
                          CurrentUser("restore", Role.ADMIN), clock, in_use=claim)
    try:
        with workspace.session() as session:
            workspace.audit(session, audit.Action.RESTORE, "backup", "")
        adopt_attempts_file(workspace)
    finally:
        workspace.close_database()
