"""Staff accounts: each user's key slot is their credential; the users table their role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from shelter_app.domain.clock import Clock, utc_now
from shelter_app.domain.errors import AuthenticationError, InputError
from shelter_app.domain.models import User
from shelter_app.domain.roles import Permission, Role, parse_role
from shelter_app.i18n import _
from shelter_app.services.administration import portable_slots
from shelter_app.services.administration.auth import (
    claim_database,
    load_shelter,
    open_database,
    recheck_password,
    secret_bytes,
)
from shelter_app.services.shared import audit, role_keys, validation
from shelter_app.services.shared.settings import get_settings
from shelter_app.services.shared.workspace import CurrentUser, Workspace
from shelter_app.storage import device, recovery_key, sealed
from shelter_app.storage.attempts import LoginAttempts
from shelter_app.storage.datadir import DataDir
from shelter_app.storage.keyfile import RECOVERY_SLOT, KeyFile, WrongSecret, user_slot_id


@dataclass(frozen=True)
class UserInfo:
    username: str
    display_name: str
    role: Role
    disabled: bool
    created_at: dt.datetime
    locked_until: dt.datetime | None


def _fresh_key_file(workspace: Workspace) -> KeyFile:
    """Another process may have changed the key file since login: start from disk. (A
    server's slots are rows, written in the service's own transaction.)"""
    if workspace.is_server:
        return workspace.key_file
    key_file = KeyFile.load(workspace.data_dir.key_file)
    key_file.authenticate(workspace.master_key)  # edited since login: refused, not sealed
    workspace.key_file = key_file
    return key_file


def _wrap_for(workspace: Workspace, session, key_file: KeyFile, username: str,
              password: str, private_key: bytes | None = None) -> None:
    """The user's slot for `password`. Without `private_key` (a new user, or a password
    set by someone else) the user gets a new key pair: role keys sealed to the old one are
    dropped, and a member gives them access again. Whoever sets another's password thus
    never inherits that person's access to sealed records."""
    if workspace.is_server:  # the user's own database login takes the same password
        from shelter_app.services.administration import server_login

        own = username == workspace.user.username and private_key is not None
        role = None if own else session.scalar(select(User.role)
                                                .where(User.username == username))
        server_login.set_login(session, username, password, role)
    if private_key is None:
        private_key = sealed.new_private_key()
    role_keys.register_public_key(session, username, sealed.public_key_of(private_key),
                                  workspace.clock())
    device_secret = (None if workspace.is_server  # a person logs in from any of its PCs
                     else device.ensure_device_secret(key_file.installation_id))
    key_file.set_slot(user_slot_id(username), secret_bytes(password), workspace.master_key,
                      device_secret, private_key)
    portable_slots.remember(session, key_file, username, password, workspace.master_key,
                            private_key)


def _give_what_i_hold(workspace: Workspace, session, username: str, role: Role) -> None:
    """An administrator who adds (or re-admits) a manager vouches for them and holds the
    managers' key: it is given at once. A counsellor still waits for a counsellor, since
    no administrator holds the counsellors' key."""
    for name in role_keys.keys_of(role):
        held = workspace.role_key(name)
        if held is not None:
            role_keys.seal_for(session, name, held, username, workspace.user.username,
                               workspace.clock())


def _role(value: str | Role) -> Role:
    role = value if isinstance(value, Role) else parse_role(value)
    if role is None:
        raise InputError(_("Unknown role: {role}. Choose admin, manager, staff or counsellor.")
                         .format(role=value))
    return role


def list_users(workspace: Workspace) -> list[UserInfo]:
    workspace.require(Permission.MANAGE_USERS)
    attempts = LoginAttempts(workspace.data_dir.attempts_file)
    now = workspace.clock()
    zone = ZoneInfo(get_settings(workspace).time_zone)  # the shelter's day, not UTC's
    with workspace.session() as session:
        users = session.scalars(select(User).order_by(User.username)).all()
        return [UserInfo(u.username, u.display_name, Role(u.role), u.disabled,
                         u.created_at.astimezone(zone),
                         attempts.locked_until(u.username, now)) for u in users]


def add_user(workspace: Workspace, username: str, role: str | Role, password: str,
             display_name: str = "") -> UserInfo:
    workspace.require(Permission.MANAGE_USERS)
    username = validation.username(username)
    role = _role(role)
    validation.password(password, demo=workspace.key_file.demo)
    key_file = _fresh_key_file(workspace)
    with workspace.session() as session:
        if session.scalar(select(User.id).where(User.username == username)) is not None:
            raise InputError(_("The user name {username} is taken.").format(username=username))
        user = User(username=username, role=role.value, display_name=display_name.strip(),
                    disabled=False, created_at=workspace.clock())
        session.add(user)
        workspace.audit(session, audit.Action.USER_ADD, "user", username)
        session.flush()
        _wrap_for(workspace, session, key_file, username, password)
        _give_what_i_hold(workspace, session, username, role)
        key_file.save()  # inside the transaction: if it fails, the user is not added
    return UserInfo(username, user.display_name, role, False, user.created_at, None)


def _load_user(session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise InputError(_("There is no user named {username}.").format(username=username))
    return user


def disable_user(workspace: Workspace, username: str) -> None:
    workspace.require(Permission.MANAGE_USERS)
    key_file = _fresh_key_file(workspace)
    with workspace.session() as session:
        user = _load_user(session, username)
        if user.username == workspace.user.username:
            raise InputError(_("You cannot disable your own account."))
        if user.role == Role.ADMIN and not user.disabled:
            active_admins = session.scalar(select(func.count(User.id)).where(
                User.role == Role.ADMIN.value, User.disabled.is_(False)))
            if active_admins <= 1:
                raise InputError(_("The last active administrator cannot be disabled."))
        user.disabled, user.disabled_at = True, workspace.clock()
        workspace.audit(session, audit.Action.USER_DISABLE, "user", user.username)
        portable_slots.forget(session, user.username)
        role_keys.revoke(session, user.username)
        if workspace.is_server:
            from shelter_app.services.administration import server_login

            server_login.enable_login(session, user.username, False)
        if user_slot_id(user.username) in key_file.slots:
            key_file.disable(user_slot_id(user.username))
            key_file.save()


def enable_user(workspace: Workspace, username: str, new_password: str) -> None:
    """A disabled user's key was destroyed; coming back needs a new password."""
    workspace.require(Permission.MANAGE_USERS)
    validation.password(new_password, demo=workspace.key_file.demo)
    key_file = _fresh_key_file(workspace)
    with workspace.session() as session:
        user = _load_user(session, username)
        user.disabled, user.disabled_at = False, None
        workspace.audit(session, audit.Action.USER_ENABLE, "user", user.username)
        if workspace.is_server:
            from shelter_app.services.administration import server_login

            server_login.enable_login(session, user.username, True)
        _wrap_for(workspace, session, key_file, user.username, new_password)
        _give_what_i_hold(workspace, session, user.username, Role(user.role))
        key_file.save()
    LoginAttempts(workspace.data_dir.attempts_file).clear(user.username)


def reset_password(workspace: Workspace, username: str, new_password: str) -> None:
    workspace.require(Permission.MANAGE_USERS)
    validation.password(new_password, demo=workspace.key_file.demo)
    key_file = _fresh_key_file(workspace)
    with workspace.session() as session:
        user = _load_user(session, username)
        if user.disabled:
            raise InputError(_("{username} is disabled. Enable the account to give it a new "
                               "password.").format(username=user.username))
        workspace.audit(session, audit.Action.PASSWORD_RESET, "user", user.username)
        _wrap_for(workspace, session, key_file, user.username, new_password)
        _give_what_i_hold(workspace, session, user.username, Role(user.role))
        key_file.save()
    LoginAttempts(workspace.data_dir.attempts_file).clear(user.username)


def change_own_password(workspace: Workspace, old_password: str, new_password: str) -> None:
    validation.password(new_password, demo=workspace.key_file.demo)
    # counted and audited, as a login is; the private key kept (new password, same access)
    private_key = recheck_password(workspace, old_password)
    key_file = _fresh_key_file(workspace)
    with workspace.session() as session:
        workspace.audit(session, audit.Action.PASSWORD_CHANGE, "user", workspace.user.username)
        _wrap_for(workspace, session, key_file, workspace.user.username, new_password,
                  private_key)
        key_file.save()


def _open_with_recovery_key(root: Path, typed_key: str,
                            clock: Clock) -> tuple[Workspace, KeyFile, bytes]:
    """A workspace opened with the recovery key, and the recovery key's private key (a
    recovery slot from before sealed keys gets its key pair now)."""
    if DataDir(Path(root)).is_server():
        raise InputError(_("On the shelter's server, an administrator gives a forgotten "
                           "password a new one (Administration, Users). Ask one."))
    claim = claim_database(root)  # before the key file: see auth.claim_database
    try:
        data_dir, key_file = load_shelter(root)
        key = recovery_key.normalise(typed_key)
        if key is None:
            raise InputError(_("A recovery key has six groups of five letters and digits."))
        had_private = key_file.slots.get(RECOVERY_SLOT) is not None and \
            key_file.slots[RECOVERY_SLOT].has_private_key
        try:
            master_key, recovery_private = key_file.open_slot(
                RECOVERY_SLOT, secret_bytes(key), None,
                private_if_missing=sealed.new_private_key())
        except WrongSecret:
            raise AuthenticationError(_("This recovery key does not belong to this "
                                        "shelter.")) from None
        engine = open_database(data_dir, master_key)
    except BaseException:
        claim.release()
        raise
    if not had_private:
        key_file.save()
    workspace = Workspace(data_dir, key_file, engine, master_key,
                          CurrentUser("recovery-key", Role.ADMIN), clock, in_use=claim)
    with workspace.session() as session:
        role_keys.register_public_key(session, role_keys.RECOVERY,
                                      sealed.public_key_of(recovery_private), clock())
    return workspace, key_file, recovery_private


def _give_held_keys(workspace: Workspace, session, user: User,
                    recovery_private: bytes) -> list[str]:
    """The role keys the recovery key holds that the user's role should have (their
    names)."""
    held = role_keys.open_held(session, role_keys.RECOVERY, recovery_private)
    given = [name for name in role_keys.keys_of(Role(user.role)) if name in held]
    for name in given:
        role_keys.seal_for(session, name, held[name], user.username, role_keys.RECOVERY,
                           workspace.clock())
        workspace.audit(session, audit.Action.GIVE_ACCESS, "role_key",
                        f"{name}:{user.username}")
    return given


def reset_with_recovery_key(root: Path, typed_key: str, username: str, new_password: str,
                            clock: Clock = utc_now) -> None:
    """For a forgotten admin password, or a PC whose credential store was lost. The user
    gets a new key pair, and the recovery key gives them the role keys it holds."""
    workspace, key_file, recovery_private = _open_with_recovery_key(root, typed_key, clock)
    try:
        validation.password(new_password, demo=key_file.demo)
        with workspace.session() as session:
            user = _load_user(session, username)
            user.disabled, user.disabled_at = False, None
            workspace.audit(session, audit.Action.PASSWORD_RESET, "user", user.username)
            _wrap_for(workspace, session, key_file, user.username, new_password)
            _give_held_keys(workspace, session, user, recovery_private)
            key_file.save()
        LoginAttempts(workspace.data_dir.attempts_file).clear(user.username)
    finally:
        workspace.close_database()


def grant_with_recovery_key(root: Path, typed_key: str, username: str,
                            clock: Clock = utc_now) -> list[str]:
    """When no member is left to confirm a new one: the recovery key gives the user the
    role keys of their role that it holds. Returns their names."""
    workspace, _key_file, recovery_private = _open_with_recovery_key(root, typed_key, clock)
    try:
        with workspace.session() as session:
            user = _load_user(session, username)
            if user.disabled:
                raise InputError(_("{username} is disabled.").format(username=user.username))
            return _give_held_keys(workspace, session, user, recovery_private)
    finally:
        workspace.close_database()
