"""A copy of the audit chain's head kept outside the database, beside the key file.

The chain in the database proves that no event was changed in the middle, but whoever
holds the master key can delete the newest events and rewrite the head in the same
database. This file says where the chain had reached: which event was last, and its
hash. It is sealed with an HMAC under a key derived from the master key (and bound to
the shelter), so it cannot be edited without the key, and a login or `check` that finds
the database's chain ending elsewhere says so.

It is written with every commit that appends audit events, twice: before the commit,
while the database's write lock is held, as *pending* (the head before and after the
commit, either of which may be the last event if the commit fails or the power goes),
then, after the commit, as *settled* (the new head only). Several windows or PCs on one
folder take turns through the database's write lock and a small lock of its own here, so
a settled write never replaces another window's newer pending one. Restore and rekey
write a new anchor for the database they put in place (see DataDir.pending_swap).

What it does not stop: someone with the master key can forge this file too, or put an
old copy of it back together with a cut database. It catches a tail cut made with
database tools that does not also redo this file.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
from dataclasses import dataclass
from pathlib import Path

from shelter_app.storage.atomic import atomic_write

FORMAT = "rumah-aman-audit-anchor"
VERSION = 1
LOCK_WAIT_S = 5.0


class AnchorUnreadable(Exception):
    """The file is there but is not a sealed anchor for this shelter and key."""


@dataclass(frozen=True)
class Anchor:
    last_id: int
    head: str
    # While a commit is under way: the last event before it (the state if it fails).
    previous_id: int | None = None
    previous_head: str | None = None

    @property
    def pending(self) -> bool:
        return self.previous_head is not None

    def settled(self) -> Anchor:
        return Anchor(self.last_id, self.head)

    def allows(self, last_id: int, head: str) -> bool:
        """Is a chain ending at (last_id, head) one this anchor vouches for?"""
        if (last_id, head) == (self.last_id, self.head):
            return True
        return self.pending and (last_id, head) == (self.previous_id, self.previous_head)


def _mac_key(master_key: bytes | bytearray) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"rumah-aman/audit-anchor/v1").derive(bytes(master_key))


def _body(anchor: Anchor, installation_id: str) -> dict:
    return {"format": FORMAT, "version": VERSION, "installation_id": installation_id,
            "last_id": anchor.last_id, "head": anchor.head,
            "previous_id": anchor.previous_id, "previous_head": anchor.previous_head}


def _mac(key: bytes, body: dict) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hmac.new(key, canonical, hashlib.sha256).hexdigest()


def to_bytes(anchor: Anchor, master_key: bytes | bytearray, installation_id: str) -> bytes:
    body = _body(anchor, installation_id)
    body["mac"] = _mac(_mac_key(master_key), body)
    return json.dumps(body, sort_keys=True).encode("utf-8")


def read(path: Path, master_key: bytes | bytearray, installation_id: str) -> Anchor | None:
    """The anchor, None when there is no file; AnchorUnreadable when it is not sealed
    under this key for this shelter (edited, or from another shelter or key)."""
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise AnchorUnreadable(type(error).__name__) from None
    try:
        mac = data.pop("mac")
        anchor = Anchor(int(data["last_id"]), str(data["head"]),
                        None if data["previous_id"] is None else int(data["previous_id"]),
                        None if data["previous_head"] is None else str(data["previous_head"]))
        expected = _mac(_mac_key(master_key), _body(anchor, installation_id))
        if data != _body(anchor, installation_id) or not hmac.compare_digest(expected, mac):
            raise ValueError
    except (ValueError, KeyError, TypeError, AttributeError):
        raise AnchorUnreadable("not sealed") from None
    return anchor


class AnchorBusy(Exception):
    """Another window held the anchor's lock for longer than LOCK_WAIT_S."""


@contextlib.contextmanager
def _lock(path: Path):
    import portalocker

    lock = portalocker.Lock(str(path) + ".lock", mode="a", timeout=LOCK_WAIT_S,
                            check_interval=0.005)
    try:
        lock.acquire()
    except portalocker.exceptions.BaseLockException:
        raise AnchorBusy from None
    try:
        yield
    finally:
        lock.release()


def write_pending(path: Path, anchor: Anchor, master_key: bytes | bytearray,
                  installation_id: str) -> None:
    """Before the commit, on disk for good (a power cut after the commit finds it)."""
    with _lock(path):
        atomic_write(path, to_bytes(anchor, master_key, installation_id))


def settle(path: Path, anchor: Anchor, master_key: bytes | bytearray,
           installation_id: str) -> None:
    """After the commit: only if the file still holds this commit's pending anchor (a
    window that committed after us has written a newer one, which stays)."""
    with _lock(path):
        try:
            on_disk = read(path, master_key, installation_id)
        except AnchorUnreadable:
            return
        if on_disk == anchor:
            atomic_write(path, to_bytes(anchor.settled(), master_key, installation_id))


def write_anchor_for(path: Path, database: Path, master_key: bytes | bytearray,
                     installation_id: str) -> None:
    """An anchor for the chain as it ends in `database` (a copy made by rekey or
    restore, about to be swapped in: nobody else writes to it)."""
    from shelter_app.domain.audit_chain import GENESIS
    from shelter_app.storage import snapshot

    connection = snapshot.connect(database, master_key)
    try:
        row = connection.execute(
            "SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        connection.close()
    anchor = Anchor(int(row[0]), str(row[1])) if row else Anchor(0, GENESIS)
    atomic_write(path, to_bytes(anchor, master_key, installation_id))
