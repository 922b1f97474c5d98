"""Logging in is unwrapping your key slot; locking forgets the key."""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import unicodedata
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine

from shelter_app.domain.clock import Clock, utc_now
from shelter_app.domain.errors import AuthenticationError, StorageError
from shelter_app.domain.models import Setting, User
from shelter_app.domain.roles import Role
from shelter_app.i18n import _
from shelter_app.services.shared import audit, audit_anchor, notices, role_keys
from shelter_app.services.shared.workspace import CurrentUser, Workspace
from shelter_app.storage import device, migrate, sealed
from shelter_app.storage.attempts import LOCKOUT, LoginAttempts
from shelter_app.storage.datadir import DataDir
from shelter_app.storage.engine import assert_encrypted_on_disk, for_reading, open_engine
from shelter_app.storage.in_use import InUse
from shelter_app.storage.keyfile import (
    DeviceSecretMissing,
    KeyFile,
    WrongSecret,
    user_slot_id,
)


def secret_bytes(password: str) -> bytes:
    """The same password typed on any keyboard gives the same bytes."""
    return unicodedata.normalize("NFC", password).encode("utf-8")


def normalise_username(username: str) -> str:
    return username.strip().lower()


def wrong_credentials() -> AuthenticationError:
    return AuthenticationError(_("Wrong user name or password."))


def wrong_password() -> AuthenticationError:
    """On the lock screen only the password is typed: the user name is not in question."""
    return AuthenticationError(_("Wrong password."))


def locked_out(minutes: int) -> AuthenticationError:
    return AuthenticationError(
        _("Too many wrong passwords. This account is locked for {minutes} more minutes.")
        .format(minutes=minutes))


def open_database(data_dir: DataDir, master_key: bytearray) -> Engine:
    """Open, prove encryption, and migrate to the newest schema (copy kept first)."""
    engine = open_engine(data_dir.database, master_key)
    try:
        _refuse_damaged(engine)
        migrate.upgrade(engine, data_dir.database, data_dir.backups)
        assert_encrypted_on_disk(data_dir.database)
    except BaseException:
        engine.dispose()
        raise
    return engine


def _refuse_damaged(engine: Engine) -> None:
    """Every page's HMAC, checked before any record is shown: half-broken data is never
    opened (a full read; tens of milliseconds for a shelter's database). A disk that
    refuses is named by the engine (full, read-only...) and is not damage."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from shelter_app.domain.errors import DatabaseDamaged

    with for_reading(engine).connect() as connection:
        try:
            broken = connection.execute(text("PRAGMA cipher_integrity_check")).first()
        except (DBAPIError, DatabaseDamaged):
            broken = ("unreadable",)
    if broken is not None:
        raise DatabaseDamaged(_("The database is damaged: some of its pages were changed or "
                                "broken. It was not opened. Restore the latest backup."))


def claim_database(root: Path) -> InUse:
    """The database's "in use" claim, taken before the key file is read: a restore or
    rekey in another window replaces both files, and a login waits for it to finish (or
    says so) rather than open half of the swap. Held until the workspace is locked or
    logged out; another window's restore or rekey refuses meanwhile."""
    return InUse.shared(DataDir(Path(root)).database)


def load_shelter(root: Path) -> tuple[DataDir, KeyFile]:
    data_dir = DataDir(Path(root))
    try:
        data_dir.finish_interrupted_rekey()
        data_dir.tighten()
    except OSError:
        pass  # read-only folder: nothing can have been half-swapped by us here
    if not data_dir.is_set_up():
        if data_dir.database.exists():
            KeyFile.load(data_dir.key_file)  # raises the "key file missing" message
        raise StorageError(_("No shelter is set up in this data folder yet. Run the set-up first."))
    return data_dir, KeyFile.load(data_dir.key_file)


def device_secret_for_slot(key_file: KeyFile) -> bytes:
    """This PC's device secret for a slot bound to it, or a clear message: a store that
    does not answer is asked again, and nothing is changed when it stays silent."""
    try:
        device_secret = device.read_device_secret(key_file.installation_id)
    except device.KeyringSilent:
        raise AuthenticationError(_(
            "This PC's credential store did not answer, so your key cannot be opened. "
            "Nothing was changed: try again in a moment, or restart the PC.")) from None
    if device_secret is None:
        raise AuthenticationError(_(
            "This PC's credential store does not hold the key your password needs (was "
            "Rumah Aman moved to another PC or user account?). An administrator can reset "
            "your password with the recovery key."))
    return device_secret


def _unwrap_user_slot(data_dir: DataDir, key_file: KeyFile, username: str, password: str,
                      now: dt.datetime, wrong=wrong_credentials) -> tuple[bytearray, bytes]:
    """(master key, the user's private key). A slot from before sealed keys gets a new
    key pair now, wrapped under the key-encryption key just derived (no second Argon2)."""
    attempts = LoginAttempts(data_dir.attempts_file)
    locked_until = attempts.locked_until(username, now)
    if locked_until is not None:
        raise locked_out(max(1, math.ceil((locked_until - now).total_seconds() / 60)))
    slot = key_file.slots.get(user_slot_id(username))
    if slot is not None and slot.disabled:
        raise AuthenticationError(_("This account is disabled. Ask an administrator."))
    device_secret = None
    if slot is not None and slot.device_bound:
        device_secret = device_secret_for_slot(key_file)
    had_private = slot is not None and slot.has_private_key
    try:
        master_key, private_key = key_file.open_slot(
            user_slot_id(username), secret_bytes(password), device_secret,
            private_if_missing=sealed.new_private_key())
    except (WrongSecret, DeviceSecretMissing):
        locked = attempts.record_failure(username, now, known_user=slot is not None)
        if locked is not None:
            raise locked_out(math.ceil(LOCKOUT.total_seconds() / 60)) from None
        raise wrong() from None
    attempts.record_success(username)
    if not had_private:
        key_file.save()
    return master_key, private_key


ATTEMPTS_GENERATION_KEY = "login_attempts_generation"


def flush_failed_logins(workspace: Workspace) -> None:
    """Move the failed logins kept outside the database into the audit log, tell the
    next administrator about them, and notice a failed-login file that was deleted or
    replaced since the last login (a reset of every lockout)."""
    attempts = LoginAttempts(workspace.data_dir.attempts_file)
    events, found = attempts.pending_events(), attempts.generation
    started = None
    if found is None:
        with contextlib.suppress(OSError):  # a read-only folder: compared next time
            started = attempts.start_generation()
    with workspace.session() as session:
        expected = session.scalar(select(Setting.value).where(
            Setting.key == ATTEMPTS_GENERATION_KEY))
        if expected is not None and found != expected:
            workspace.audit(session, audit.Action.ATTEMPTS_RESET, "login_attempts", "")
            notices.add_for_admins(session, notices.ATTEMPTS_RESET)
        for event in events:
            audit.record(session, at=dt.datetime.fromisoformat(event["at"]),
                         username=event["username"], role="", action=event["action"],
                         entity="user", entity_id=event["username"])
        if events:
            notices.add_failed_logins(session, [event["username"] for event in events])
        if (found or started) is not None:
            session.merge(Setting(key=ATTEMPTS_GENERATION_KEY, value=found or started))
    attempts.drop_pending(len(events))


def adopt_attempts_file(workspace: Workspace) -> None:
    """After a restore: the database is from another moment (or PC) than the failed-login
    file beside it; it takes that file's name, so no reset is reported."""
    attempts = LoginAttempts(workspace.data_dir.attempts_file)
    generation = attempts.generation
    if generation is None:
        with contextlib.suppress(OSError):
            generation = attempts.start_generation()
    if generation is not None:
        with workspace.session() as session:
            session.merge(Setting(key=ATTEMPTS_GENERATION_KEY, value=generation))


def recheck_password(workspace: Workspace, password: str,
                     private_if_missing: bytes | None = None) -> bytes | None:
    """The logged-in user's password typed again (to change it, to rekey): counted with
    the failed logins, so guessing here locks the account as guessing at the login does,
    and audited at once. Returns the user's private key from the same key derivation
    (`private_if_missing` for a slot from before sealed keys). Raises AuthenticationError."""
    if workspace.is_server:
        from shelter_app.services.administration import server_login

        return server_login.recheck_password(workspace, password, private_if_missing)
    username, now = workspace.user.username, workspace.clock()
    key_file = KeyFile.load(workspace.data_dir.key_file)
    attempts = LoginAttempts(workspace.data_dir.attempts_file)
    locked_until = attempts.locked_until(username, now)
    if locked_until is not None:
        raise locked_out(max(1, math.ceil((locked_until - now).total_seconds() / 60)))
    slot = key_file.slots.get(user_slot_id(username))
    device_secret = (device_secret_for_slot(key_file)
                     if slot is not None and slot.device_bound else None)
    try:
        master_key, private_key = key_file.open_slot(
            user_slot_id(username), secret_bytes(password), device_secret,
            private_if_missing=private_if_missing)
    except (WrongSecret, DeviceSecretMissing):
        locked = attempts.record_failure(username, now, known_user=True,
                                         action=audit.Action.PASSWORD_CHECK_FAILED.value)
        flush_failed_logins(workspace)
        if locked is not None:
            raise locked_out(math.ceil(LOCKOUT.total_seconds() / 60)) from None
        raise AuthenticationError(_("The current password is wrong.")) from None
    for index in range(len(master_key)):
        master_key[index] = 0
    attempts.record_success(username)
    return private_key


def login(root: Path, username: str, password: str, clock: Clock = utc_now) -> Workspace:
    if DataDir(Path(root)).is_server():
        from shelter_app.services.administration import server_login

        return server_login.login(root, username, password, clock)
    claim = claim_database(root)
    engine = None
    try:
        data_dir, key_file = load_shelter(root)
        username = normalise_username(username)
        master_key, private_key = _unwrap_user_slot(data_dir, key_file, username, password,
                                                    clock())
        engine = open_database(data_dir, master_key)
        with for_reading(engine).connect() as connection:
            user = connection.execute(select(User.role, User.disabled, User.display_name)
                                      .where(User.username == username)).first()
        if user is None or user.disabled:
            raise AuthenticationError(_("This account is disabled. Ask an administrator."))
        workspace = Workspace(data_dir, key_file, engine, master_key,
                              CurrentUser(username, Role(user.role), user.display_name or ""),
                              clock, in_use=claim)
        audit_anchor.check_at_open(workspace)  # before anything else is written
        flush_failed_logins(workspace)
        welcome(workspace, private_key)
        _settle_slots(workspace, username, password, private_key)
        settle_protected_identities(workspace)
    except BaseException:
        if engine is not None:
            engine.dispose()
        claim.release()
        raise
    return workspace


def welcome(workspace: Workspace, private_key: bytes) -> None:
    """The login's own transaction (on one PC or a server): audited, this user's role
    keys opened, an administrator's notices taken."""
    with workspace.session() as session:
        workspace.audit(session, audit.Action.LOGIN, "user", workspace.user.username)
        open_role_keys(workspace, session, private_key)
        if workspace.user.role == Role.ADMIN:
            workspace.notices.extend(notices.take_for_admin(session))


def open_role_keys(workspace: Workspace, session, private_key: bytes) -> None:
    """The role keys this user holds, opened with their private key (a role key its first
    member finds missing is made now); the first counsellor after the upgrade to sealed
    keys seals the notes written before it, in this same transaction."""
    from shelter_app.services.counselling import sealing

    user = workspace.user
    keys = role_keys.unlock(session, user.username, user.role, private_key, workspace.clock())
    if role_keys.COUNSELLORS in keys:
        sealing.seal_plaintext(session, keys[role_keys.COUNSELLORS])
    workspace.hold_role_keys(keys)


def _settle_slots(workspace: Workspace, username: str, password: str,
                  private_key: bytes) -> None:
    """While the password is known: keep a portable slot in the database (for restoring
    backups elsewhere), and bind a restored, password-only slot to this PC's store."""
    from shelter_app.services.administration import portable_slots

    with workspace.session() as session:
        if not portable_slots.has(session, username, with_private_key=True):
            portable_slots.remember(session, workspace.key_file, username, password,
                                    workspace.master_key, private_key)
    if workspace.key_file.unsealed:  # a version-1 file, authenticated by this login: seal it
        key_file = KeyFile.load(workspace.data_dir.key_file)
        key_file.authenticate(workspace.master_key)
        key_file.save()
        workspace.key_file = key_file
    slot = workspace.key_file.slots.get(user_slot_id(username))
    if slot is not None and not slot.device_bound:
        try:
            device_secret = device.make_or_read_device_secret(
                workspace.key_file.installation_id)
        except device.KeyringSilent:  # bound at a later login; the user is told once
            device_secret = None
            workspace.notices.append(notices.Notice(notices.KEYRING_SILENT))
        if device_secret is not None:
            key_file = KeyFile.load(workspace.data_dir.key_file)
            key_file.set_slot(user_slot_id(username), secret_bytes(password),
                              workspace.master_key, device_secret, private_key)
            key_file.save()
            workspace.key_file = key_file


def settle_protected_identities(workspace: Workspace) -> None:
    """A manager's login seals identities hidden before they were sealed and compares
    the admissions since with the protected records (the dashboard tells the result)."""
    from shelter_app.services.residents import protected

    protected.settle(workspace)


def lock(workspace: Workspace) -> None:
    if workspace.is_locked:
        return
    with workspace.session() as session:
        workspace.audit(session, audit.Action.LOCK, "user", workspace.user.username)
    workspace.close_database()


def logout(workspace: Workspace) -> None:
    if workspace.is_locked:
        return
    with workspace.session() as session:
        workspace.audit(session, audit.Action.LOGOUT, "user", workspace.user.username)
    workspace.close_database()


def unlock(workspace: Workspace, password: str) -> None:
    """Only the user who was logged in can unlock; anyone else logs in afresh."""
    if workspace.is_server:
        from shelter_app.services.administration import server_login

        server_login.unlock(workspace, password)
        return
    claim = claim_database(workspace.data_dir.root)
    try:
        data_dir, key_file = load_shelter(workspace.data_dir.root)
        username = workspace.user.username
        master_key, private_key = _unwrap_user_slot(data_dir, key_file, username, password,
                                                    workspace.clock(), wrong=wrong_password)
        engine = open_database(data_dir, master_key)
    except BaseException:
        claim.release()
        raise
    workspace.reopen(engine, master_key, claim)
    workspace.key_file = key_file
    audit_anchor.check_at_open(workspace)
    flush_failed_logins(workspace)
    with workspace.session() as session:
        workspace.audit(session, audit.Action.UNLOCK, "user", username)
        open_role_keys(workspace, session, private_key)
