"""The key slots of a shared server, kept in its database instead of a key file.

A user's slot there is their portable slot (password only: a person logs in from any PC
of the shelter, so it cannot be bound to one PC's credential store). It wraps the
shelter's master key and the user's private key, as in a key file; row-level security
lets each login read and change only its own (storage/pg_schema.py). The settings row
`key_store` holds what a key file's header would: the installation id (the slots' AAD),
the demo flag and the key-derivation settings.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

from shelter_app.domain.errors import StorageError
from shelter_app.i18n import _
from shelter_app.storage import kdf
from shelter_app.storage.keyfile import KeyFile, Slot, _mac_key

KEY_STORE_SETTING = "key_store"


class ServerKeyFile(KeyFile):
    """A KeyFile whose slots are rows of the server's `portable_slots` table."""

    def __init__(self, installation_id: str, demo: bool, default_kdf: kdf.KdfParams,
                 slots: dict[str, Slot]):
        super().__init__(Path(os.devnull), installation_id, demo, default_kdf, slots)

    @classmethod
    def create_header(cls, default_kdf: kdf.KdfParams, demo: bool) -> ServerKeyFile:
        return cls(os.urandom(16).hex(), demo, default_kdf, {})

    @classmethod
    def load_for(cls, engine: Engine, slot_ids: list[str]) -> ServerKeyFile:
        """The header and the slots among `slot_ids` this login may read."""
        with engine.connect() as connection:
            header = connection.execute(text("SELECT value FROM settings WHERE key = :k"),
                                        {"k": KEY_STORE_SETTING}).scalar()
            rows = connection.execute(
                text("SELECT slot_id, slot_json FROM portable_slots WHERE slot_id = ANY(:ids)"),
                {"ids": slot_ids}).all()
        if header is None:
            raise StorageError(_("The shelter's database on the server is not set up. Run "
                                 "shelter-app server init on the server."))
        data = json.loads(header)
        return cls(str(data["installation_id"]), bool(data["demo"]),
                   kdf.KdfParams.from_json(data["default_kdf"]).raised_to_floor(),
                   {slot_id: Slot.from_json(json.loads(body), older_floor=True)
                    for slot_id, body in rows})

    def header_json(self) -> str:
        return json.dumps({"installation_id": self.installation_id, "demo": self.demo,
                           "default_kdf": self.default_kdf.to_json()})

    def authenticate(self, master_key: bytes | bytearray) -> None:
        """No file to prove: the server's grants keep the rows; only the key is taken."""
        self._sealing_key = _mac_key(master_key)

    def save(self) -> None:
        """Nothing to do: every service that sets a password writes the slot as a row in
        its own transaction (services/administration/portable_slots.py), so a second
        connection writing the same row would only wait for it."""
