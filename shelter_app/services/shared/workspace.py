"""An open, logged-in shelter: the engine, the user, and nothing for the GUI to misuse.

A workspace holds the database's "in use" claim (storage/in_use.py) for as long as its
database is open: restore and rekey in another window refuse while it does."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from shelter_app.domain.clock import Clock, utc_now
from shelter_app.domain.errors import (
    Locked,
    PermissionDenied,
    RecordChanged,
    StorageError,
    storage_fault,
)
from shelter_app.domain.roles import Permission, Role, may
from shelter_app.i18n import _
from shelter_app.services.shared import audit
from shelter_app.storage.datadir import DataDir
from shelter_app.storage.engine import for_reading
from shelter_app.storage.in_use import InUse, NoClaim
from shelter_app.storage.keyfile import KeyFile


@dataclass(frozen=True)
class CurrentUser:
    username: str
    role: Role
    display_name: str = ""

    @property
    def shown(self) -> str:
        """How screens and printed pages name the user: the display name, if any."""
        return self.display_name or self.username


class Workspace:
    def __init__(self, data_dir: DataDir, key_file: KeyFile, engine: Engine,
                 master_key: bytearray, user: CurrentUser, clock: Clock = utc_now,
                 in_use: InUse | None = None, server: bool | None = None):
        """`in_use`: the claim taken before the database was opened (login does); without
        one, the workspace claims it now."""
        self.data_dir = data_dir
        self._server = data_dir.is_server() if server is None else server
        self.key_file = key_file
        self.user = user
        self.clock = clock
        self._engine: Engine | None = engine
        self._master_key = master_key
        self._in_transaction = threading.local()
        self._role_keys: dict[str, bytearray] = {}
        self.notices: list = []  # services.shared.notices.Notice, shown after login
        # on a server: opens a listening connection as this user (services/shared/live.py)
        self.listen_connector = None
        if in_use is None:
            in_use = NoClaim() if self._server else InUse.shared(data_dir.database)
        self.in_use = in_use

    @property
    def is_server(self) -> bool:
        """A workstation of a shared server (not the encrypted file on this PC)."""
        return self._server

    @property
    def is_locked(self) -> bool:
        return self._engine is None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise Locked()
        return self._engine

    @property
    def master_key(self) -> bytearray:
        if self._engine is None:
            raise Locked()
        return self._master_key

    def role_key(self, name: str) -> bytes | None:
        """The role key `name` ("counsellors", "managers") this user holds, opened at login
        (services/shared/role_keys.py); None when they hold none, or while locked."""
        key = self._role_keys.get(name) if self._engine is not None else None
        return bytes(key) if key is not None else None

    def hold_role_keys(self, keys: dict[str, bytes]) -> None:
        """For login and unlock only: the role keys opened with this user's private key."""
        self._forget_role_keys()
        self._role_keys = {name: bytearray(key) for name, key in keys.items()}

    def _forget_role_keys(self) -> None:
        for key in self._role_keys.values():
            for index in range(len(key)):
                key[index] = 0
        self._role_keys = {}

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error. It
        holds the write lock from its start, so other windows' saves wait for it."""
        if getattr(self._in_transaction, "open", False):
            # A second one on this thread would wait for the first, which waits for it.
            raise RuntimeError("a transaction was opened inside another on one thread")
        self._in_transaction.open = True
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                with session.begin():
                    yield session
                    anchor = self._anchor_pending(session)
                if anchor is not None:
                    self._anchor_settled(anchor)
        except StaleDataError:
            # An UPDATE found its record at another version (models.Versioned): saved by
            # someone else since it was read. Rolled back; the message names no record.
            raise RecordChanged() from None
        finally:
            self._in_transaction.open = False

    def _anchor_pending(self, session: Session):
        """Events were appended: their head goes outside the database before the commit,
        under the write lock this transaction holds (storage/audit_anchor.py)."""
        from shelter_app.services.shared.audit_anchor import pending_from
        from shelter_app.storage import audit_anchor

        if self.is_server:  # the server's grants guard its chain; no copy on one PC
            return None
        anchor = pending_from(session)
        if anchor is not None:
            try:
                audit_anchor.write_pending(self.data_dir.audit_anchor, anchor,
                                           self._master_key, self.key_file.installation_id)
            except OSError as error:  # the work is rolled back: nothing saved half
                raise storage_fault(error, records=True) or error from None
            except audit_anchor.AnchorBusy:
                raise StorageError(_("Another window saved at the same moment. Please try "
                                     "again.")) from None
        return anchor

    def _anchor_settled(self, anchor) -> None:
        from shelter_app.storage import audit_anchor

        try:
            audit_anchor.settle(self.data_dir.audit_anchor, anchor, self._master_key,
                                self.key_file.installation_id)
        except (OSError, audit_anchor.AnchorBusy):
            pass  # committed; the pending copy already vouches for this state

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """A transaction that only reads: one consistent view that neither waits for a
        writer nor makes one wait. The resident list fetches its pages this way on the GUI
        thread, which must never stand still while the worker saves. Never write in it."""
        with Session(for_reading(self.engine), expire_on_commit=False) as session, \
                session.begin():
            yield session

    def audit(self, session: Session, action: str, entity: str = "",
              entity_id: str | int = "") -> None:
        audit.record(session, at=self.clock(), username=self.user.username,
                     role=self.user.role.value, action=action, entity=entity,
                     entity_id=entity_id)

    def may(self, permission: Permission) -> bool:
        return may(self.user.role, permission)

    def require(self, permission: Permission) -> None:
        if self.may(permission):
            return
        with self.session() as session:
            self.audit(session, audit.Action.PERMISSION_DENIED, "permission", permission.value)
        raise PermissionDenied(
            _("Your role ({role}) is not allowed to do this.").format(role=self.user.role.label))

    def close_database(self, *, keep_claim: bool = False) -> None:
        """Close every connection, overwrite the key held in memory, and let other windows
        replace the database (unless `keep_claim`: rekey, which replaces it itself)."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        for index in range(len(self._master_key)):
            self._master_key[index] = 0
        self._forget_role_keys()
        self.listen_connector = None  # it holds the password: gone with the key
        if not keep_claim:
            self.in_use.release()

    def reopen(self, engine: Engine, master_key: bytearray,
               in_use: InUse | None = None) -> None:
        """`in_use`: the claim taken before opening `engine` (unlock); rekey keeps its own."""
        if in_use is not None and in_use is not self.in_use:
            self.in_use.release()
            self.in_use = in_use
        self._engine = engine
        self._master_key = master_key
