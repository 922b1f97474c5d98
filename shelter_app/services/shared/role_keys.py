"""Role keys: the counsellors' key (session notes, assessments) and the managers' key
(hidden identities), which even the database's master key does not open.

Each holder (a user, or the recovery key) has a copy sealed to their X25519 public key
(storage/sealed.py). A role key is made for its first member (the administrator at set-up,
the first counsellor at their first login) and the recovery key; after that it reaches a
new member only when an existing member confirms them (`pending`, `give_access`) or
through the recovery key (services/administration/users.grant_with_recovery_key), the
pattern of organisation keys in password managers. An administrator who adds a
counsellor therefore cannot read notes. Leaving a role deletes the member's copy: nothing
old is re-keyed, nothing new reaches them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from shelter_app.domain.errors import InputError
from shelter_app.domain.models import PublicKey, RoleKey, SealedRoleKey, User
from shelter_app.domain.roles import Role
from shelter_app.i18n import _
from shelter_app.services.shared import audit
from shelter_app.services.shared.workspace import Workspace
from shelter_app.storage import sealed

COUNSELLORS = "counsellors"
MANAGERS = "managers"
RECOVERY = "#recovery"  # the recovery key's holder name: never a user name
MEMBERS: dict[str, frozenset[Role]] = {
    COUNSELLORS: frozenset({Role.COUNSELLOR}),
    MANAGERS: frozenset({Role.MANAGER, Role.ADMIN}),
}


@dataclass(frozen=True)
class PendingAccess:
    """A holder who should have a role key this user can give."""

    role_key: str
    holder: str  # a username, or RECOVERY
    display_name: str
    fingerprint: str  # of the public key the key will be sealed to


def keys_of(role: Role) -> list[str]:
    return [name for name, roles in MEMBERS.items() if role in roles]


def _context(name: str, holder: str) -> bytes:
    return f"rumah-aman/role-key|{name}|{holder}".encode()


def register_public_key(session: Session, holder: str, public_key: bytes,
                        now: dt.datetime) -> None:
    """A copy sealed to another (older) public key opens for nobody: it is dropped, and
    the holder waits for a member again."""
    row = session.get(PublicKey, holder)
    if row is not None and row.public_key == public_key:
        return
    if row is None:
        session.add(PublicKey(holder=holder, public_key=public_key, registered_at=now))
    else:
        row.public_key, row.registered_at = public_key, now
    session.flush()
    session.execute(delete(SealedRoleKey).where(SealedRoleKey.holder == holder,
                                                SealedRoleKey.recipient_key != public_key))


def seal_for(session: Session, name: str, role_key: bytes, holder: str, by: str,
             now: dt.datetime) -> None:
    public = session.get(PublicKey, holder)
    if public is None:
        raise InputError(_("{user} has not logged in since sealed keys came: access can be "
                           "given after their next login.").format(user=holder))
    session.merge(SealedRoleKey(role_key=name, holder=holder, recipient_key=public.public_key,
                                box=sealed.seal(public.public_key, role_key,
                                                _context(name, holder)),
                                sealed_by=by, sealed_at=now))


def create(session: Session, name: str, holders: list[str], by: str,
           now: dt.datetime) -> bytes:
    """A new role key, sealed to each holder that has a public key."""
    role_key = sealed.new_role_key()
    session.add(RoleKey(name=name, created_by=by, created_at=now))
    session.flush()
    for holder in holders:
        if session.get(PublicKey, holder) is not None:
            seal_for(session, name, role_key, holder, by, now)
    return role_key


def open_held(session: Session, holder: str, private_key: bytes) -> dict[str, bytes]:
    opened = {}
    for row in session.scalars(select(SealedRoleKey).where(SealedRoleKey.holder == holder)):
        try:
            opened[row.role_key] = sealed.open_box(private_key, row.box,
                                                   _context(row.role_key, holder))
        except sealed.NotForThisKey:
            continue  # sealed to a key pair this holder no longer has
    return opened


def unlock(session: Session, username: str, role: Role, private_key: bytes,
           now: dt.datetime) -> dict[str, bytes]:
    """At login: publish the user's public key, make a role key its first member finds
    missing, and open the role keys this user holds."""
    register_public_key(session, username, sealed.public_key_of(private_key), now)
    recovery = [RECOVERY] if session.get(PublicKey, RECOVERY) is not None else []
    for name in keys_of(role):
        if session.get(RoleKey, name) is None:
            create(session, name, [username, *recovery], username, now)
    return {name: key for name, key in open_held(session, username, private_key).items()
            if role in MEMBERS.get(name, ())}


def revoke(session: Session, holder: str, keep: list[str] | None = None) -> None:
    """Delete the holder's copies (except those in `keep`): nothing new reaches them."""
    query = delete(SealedRoleKey).where(SealedRoleKey.holder == holder)
    if keep:
        query = query.where(SealedRoleKey.role_key.not_in(keep))
    session.execute(query)


def waiting(session: Session, name: str) -> list[tuple[str, str, bytes]]:
    """(holder, display name, public key) of those who should hold `name` and do not."""
    if session.get(RoleKey, name) is None:
        return []
    holding = set(session.scalars(select(SealedRoleKey.holder)
                                  .where(SealedRoleKey.role_key == name)))
    rows = session.execute(
        select(User.username, User.display_name, PublicKey.public_key)
        .join(PublicKey, PublicKey.holder == User.username)
        .where(User.disabled.is_(False), User.role.in_([r.value for r in MEMBERS[name]]))
        .order_by(User.username)).all()
    found = [(u, d or u, p) for u, d, p in rows if u not in holding]
    recovery = session.get(PublicKey, RECOVERY)
    if recovery is not None and RECOVERY not in holding:
        found.append((RECOVERY, _("the recovery key"), recovery.public_key))
    return found


def pending(workspace: Workspace) -> list[PendingAccess]:
    """Who is waiting for a role key this user holds ("Give access to ...")."""
    names = [name for name in MEMBERS if workspace.role_key(name) is not None]
    if not names:
        return []
    with workspace.reading() as session:
        return [PendingAccess(name, holder, display, sealed.fingerprint(public))
                for name in names for holder, display, public in waiting(session, name)]


def give_access(workspace: Workspace, name: str, holder: str) -> None:
    """An existing member confirms a new one: the role key is sealed to their public key."""
    role_key = workspace.role_key(name)
    if role_key is None:
        raise InputError(_("Only someone who holds this access can give it."))
    with workspace.session() as session:
        if holder not in {h for h, _d, _p in waiting(session, name)}:
            raise InputError(_("{user} is not waiting for this access.").format(user=holder))
        seal_for(session, name, role_key, holder, workspace.user.username, workspace.clock())
        workspace.audit(session, audit.Action.GIVE_ACCESS, "role_key",
                        f"{name}:{holder}")


def has_access(workspace: Workspace, name: str) -> bool:
    return workspace.role_key(name) is not None


def own_fingerprint(workspace: Workspace) -> str:
    """This user's key fingerprint, to read out to a colleague who gives them access."""
    with workspace.reading() as session:
        row = session.get(PublicKey, workspace.user.username)
        return sealed.fingerprint(row.public_key) if row is not None else ""
