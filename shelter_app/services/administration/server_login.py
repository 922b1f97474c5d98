"""Logging in to a shared server: the password is the user's own database login (the
server checks it, SCRAM over TLS), and it opens the user's key slot kept on the server
(storage/server_keys.py) for the master key and their private key, as on one PC."""

from __future__ import annotations

import math
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine

from shelter_app.domain.clock import Clock, utc_now
from shelter_app.domain.errors import AuthenticationError, StorageError
from shelter_app.domain.models import User
from shelter_app.domain.roles import Role
from shelter_app.i18n import _
from shelter_app.services.administration.auth import (
    claim_database,
    flush_failed_logins,
    locked_out,
    normalise_username,
    open_role_keys,
    secret_bytes,
    settle_protected_identities,
    welcome,
    wrong_credentials,
    wrong_password,
)
from shelter_app.services.shared import audit
from shelter_app.services.shared.workspace import CurrentUser, Workspace
from shelter_app.storage import migrate, pg_engine, pg_notify, sealed
from shelter_app.storage.attempts import LOCKOUT, LoginAttempts
from shelter_app.storage.datadir import DataDir
from shelter_app.storage.keyfile import WrongSecret, user_slot_id
from shelter_app.storage.server_keys import ServerKeyFile


def check_schema(engine: Engine) -> None:
    """The server is upgraded on the server (shelter-app server start migrates it): a
    workstation of another version refuses rather than read a schema it does not know."""
    current = migrate.current_revision(engine)
    if current == migrate.SCHEMA_HEAD:
        return
    if current is not None and not migrate.is_known_revision(current):
        raise StorageError(_("The shelter's server runs a newer version of Rumah Aman. "
                             "Install that version on this PC."))
    raise StorageError(_("The shelter's server has an older version of Rumah Aman. Upgrade "
                         "the server first (install the new version there and run "
                         "shelter-app server start)."))


def _open(data_dir: DataDir, username: str, password: str,
          wrong=None, clock: Clock = utc_now) -> tuple[Engine, ServerKeyFile, bytearray, bytes]:
    profile = pg_engine.ServerProfile.load(data_dir.root)
    # Wrong passwords are counted on this PC, as for a file, and the next login here
    # writes them into the audit log; the server refuses each one by itself.
    attempts = LoginAttempts(data_dir.attempts_file)
    now = clock()
    locked_until = attempts.locked_until(username, now)
    if locked_until is not None:
        raise locked_out(max(1, math.ceil((locked_until - now).total_seconds() / 60)))
    try:
        engine = pg_engine.open_server_engine(profile, username, password)
    except AuthenticationError as refused:
        if str(refused) != str(wrong_credentials()):
            raise  # disabled: not a guess
        locked = attempts.record_failure(username, now, known_user=True)
        if locked is not None:
            raise locked_out(math.ceil(LOCKOUT.total_seconds() / 60)) from None
        raise (wrong or wrong_credentials)() from None
    attempts.record_success(username)
    try:
        check_schema(engine)
        key_file = ServerKeyFile.load_for(engine, [user_slot_id(username)])
        try:
            master_key, private_key = key_file.open_slot(
                user_slot_id(username), secret_bytes(password), None,
                private_if_missing=sealed.new_private_key())
        except WrongSecret:  # the login took the password but the slot does not
            raise AuthenticationError(_(
                "Your password opens the server but not your key. An administrator can "
                "give you a new password.")) from None
    except BaseException:
        engine.dispose()
        raise
    return engine, key_file, master_key, private_key


def login(root: Path, username: str, password: str, clock: Clock = utc_now) -> Workspace:
    data_dir = DataDir(Path(root))
    username = normalise_username(username)
    claim = claim_database(root)
    engine = None
    try:
        engine, key_file, master_key, private_key = _open(data_dir, username, password,
                                                          clock=clock)
        with engine.connect() as connection:
            user = connection.execute(select(User.role, User.disabled, User.display_name)
                                      .where(User.username == username)).first()
        if user is None or user.disabled:
            raise AuthenticationError(_("This account is disabled. Ask an administrator."))
        workspace = Workspace(data_dir, key_file, engine, master_key,
                              CurrentUser(username, Role(user.role), user.display_name or ""),
                              clock, in_use=claim)
        workspace.listen_connector = _listen_connector(data_dir, username, password)
        flush_failed_logins(workspace)
        welcome(workspace, private_key)
        settle_protected_identities(workspace)
    except BaseException:
        if engine is not None:
            engine.dispose()
        claim.release()
        raise
    return workspace


def unlock(workspace: Workspace, password: str) -> None:
    claim = claim_database(workspace.data_dir.root)
    try:
        engine, key_file, master_key, private_key = _open(
            workspace.data_dir, workspace.user.username, password, wrong=wrong_password,
            clock=workspace.clock)
    except BaseException:
        claim.release()
        raise
    workspace.reopen(engine, master_key, claim)
    workspace.key_file = key_file
    workspace.listen_connector = _listen_connector(workspace.data_dir,
                                                   workspace.user.username, password)
    flush_failed_logins(workspace)
    with workspace.session() as session:
        workspace.audit(session, audit.Action.UNLOCK, "user", workspace.user.username)
        open_role_keys(workspace, session, private_key)


def _listen_connector(data_dir: DataDir, username: str, password: str):
    """For live refresh (services/shared/live.py): connects again as this user after a
    lost connection, so the workspace keeps it until it is locked or closed."""
    return pg_notify.connector(pg_engine.ServerProfile.load(data_dir.root), username,
                               password)


def recheck_password(workspace: Workspace, password: str,
                     private_if_missing: bytes | None = None) -> bytes | None:
    """The password typed again while logged in: the user's own slot on the server must
    open with it. A wrong one is audited (the server counts nothing of its own here)."""
    username = workspace.user.username
    key_file = ServerKeyFile.load_for(workspace.engine, [user_slot_id(username)])
    try:
        master_key, private_key = key_file.open_slot(
            user_slot_id(username), secret_bytes(password), None,
            private_if_missing=private_if_missing)
    except WrongSecret:
        with workspace.session() as session:
            workspace.audit(session, audit.Action.PASSWORD_CHECK_FAILED, "user", username)
        raise AuthenticationError(_("The current password is wrong.")) from None
    for index in range(len(master_key)):
        master_key[index] = 0
    return private_key


def set_login(session, username: str, password: str, role: str | None) -> None:
    """The user's database login gets this password (a SCRAM verifier made on this PC);
    with `role`, the login is made or re-made in that role's group (administrators)."""
    from sqlalchemy import text

    from shelter_app.storage.pg_schema import scram_verifier

    verifier = scram_verifier(session.connection(), username, password)
    if role is None:
        session.execute(text("SELECT ra_set_login_password(:u, :v)"),
                        {"u": username, "v": verifier})
    else:
        session.execute(text("SELECT ra_create_login(:u, :v, :r)"),
                        {"u": username, "v": verifier, "r": role})


def enable_login(session, username: str, enabled: bool) -> None:
    from sqlalchemy import text

    session.execute(text("SELECT ra_enable_login(:u, :e)"), {"u": username, "e": enabled})
