"""Password-only key slots kept inside the encrypted database, for restoring a backup on
another PC (see models.PortableSlot). Written whenever a password is set, since only
then is the password known."""

from __future__ import annotations

import json

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from shelter_app.domain.models import PortableSlot
from shelter_app.services.administration.auth import secret_bytes
from shelter_app.storage.keyfile import KeyFile, Slot, user_slot_id


def remember(session: Session, key_file: KeyFile, username: str, password: str,
             master_key: bytearray, private_key: bytes | None) -> None:
    """`private_key`: the user's X25519 private key, wrapped beside the master key so a
    restored backup still opens their role keys."""
    slot_id = user_slot_id(username)
    slot = key_file.make_slot(slot_id, secret_bytes(password), master_key, None, private_key)
    put(session, slot_id, slot)


def put(session: Session, slot_id: str, slot: Slot) -> None:
    body = json.dumps(slot.to_json())
    if session.bind.dialect.name == "postgresql":  # rows only through the server's checks
        session.execute(text("SELECT ra_put_slot(:id, :body)"), {"id": slot_id, "body": body})
    else:
        session.merge(PortableSlot(slot_id=slot_id, slot_json=body))


def forget(session: Session, username: str) -> None:
    if session.bind.dialect.name == "postgresql":
        session.execute(text("SELECT ra_drop_slot(:id)"), {"id": user_slot_id(username)})
        return
    session.execute(delete(PortableSlot).where(PortableSlot.slot_id == user_slot_id(username)))


def has(session: Session, username: str, with_private_key: bool = False) -> bool:
    """`with_private_key`: only a slot made since sealed keys counts."""
    text = session.scalar(select(PortableSlot.slot_json).where(
        PortableSlot.slot_id == user_slot_id(username)))
    if text is None:
        return False
    return not with_private_key or Slot.from_json(json.loads(text)).has_private_key


def all_slots(rows) -> dict[str, Slot]:
    """Slots as the database keeps them (made by this app, under the master key; older
    ones may predate the time-cost floor, and their cost is fixed in them)."""
    return {slot_id: Slot.from_json(json.loads(text), older_floor=True) for slot_id, text in rows}
