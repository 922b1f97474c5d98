"""What a user with the data folder in hand can do outside the app: read the key file,
unwrap their own slot with their password (and this PC's device secret, which they can
read as themselves), open the database with `sqlcipher3` and read every table. Written
from the published formats, with no app service: only `cryptography`, `argon2` and
`sqlcipher3`, as an attacker would."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import keyring
import sqlcipher3
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def _b64(text: str) -> bytes:
    import base64

    return base64.b64decode(text)


@dataclass
class Loot:
    """An opened database and what the attacker's own slot gave them."""

    connection: sqlcipher3.Connection
    private_key: bytes | None  # their X25519 private key, when the slot has one
    master_key: bytes
    database: Path

    def pages_containing(self, marker: str, page_size: int = 4096,
                         reserve: int = 80) -> list[int]:
        """Every page of the database file, free ones too, decrypted by hand (SQLCipher 4:
        AES-256-CBC under the raw key, the IV at the end of each page): the numbers of
        those that hold `marker`. What secure_delete must have overwritten."""
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        raw = self.database.read_bytes()
        found = []
        for number in range(len(raw) // page_size):
            page = raw[number * page_size:(number + 1) * page_size]
            iv = page[page_size - reserve:page_size - reserve + 16]
            decryptor = Cipher(algorithms.AES(self.master_key), modes.CBC(iv)).decryptor()
            body = page[16 if number == 0 else 0:page_size - reserve]
            if marker.encode("utf-8") in decryptor.update(body) + decryptor.finalize():
                found.append(number + 1)
        return found

    def places_of(self, marker: str) -> list[str]:
        """Every table.column whose stored value contains `marker` (text or bytes)."""
        found = []
        needle = marker.encode("utf-8")
        tables = [row[0] for row in self.connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            cursor = self.connection.execute(f'SELECT * FROM "{table}"')
            columns = [d[0] for d in cursor.description]
            for row in cursor:
                for column, value in zip(columns, row, strict=True):
                    raw = value if isinstance(value, bytes) else str(value).encode("utf-8")
                    if needle in raw:
                        found.append(f"{table}.{column}")
        return sorted(set(found))

    def role_key(self, name: str) -> bytes | None:
        """The role key `name`, if any sealed copy opens with the attacker's private key."""
        if self.private_key is None:
            return None
        mine = X25519PrivateKey.from_private_bytes(self.private_key)
        my_public = mine.public_key().public_bytes(serialization.Encoding.Raw,
                                                   serialization.PublicFormat.Raw)
        for holder, box in self.connection.execute(
                "SELECT holder, box FROM sealed_role_keys WHERE role_key = ?", (name,)):
            context = f"rumah-aman/role-key|{name}|{holder}".encode()
            ephemeral, nonce, sealed = box[:32], box[32:44], box[44:]
            shared = mine.exchange(X25519PublicKey.from_public_bytes(ephemeral))
            key = HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + my_public,
                       info=b"rumah-aman/sealed-box/v1|" + context).derive(shared)
            try:
                return AESGCM(key).decrypt(nonce, sealed, context)
            except InvalidTag:
                continue
        return None

    def session_notes(self, counsellors_key: bytes) -> list[str]:
        """Every sealed session note opened with a counsellors' key."""
        opened = []
        for session_id, value in self.connection.execute(
                "SELECT id, notes FROM counselling_sessions WHERE notes LIKE 'ra-sealed:1:%'"):
            raw = _b64(value[len("ra-sealed:1:"):])
            opened.append(AESGCM(counsellors_key).decrypt(
                raw[:12], raw[12:], f"counselling_sessions|{session_id}|notes".encode())
                .decode("utf-8"))
        return opened

    def close(self) -> None:
        self.connection.close()


def break_in(data_dir: Path, username: str, password: str) -> Loot:
    key_file = json.loads((Path(data_dir) / "keys.json").read_text("utf-8"))
    slot_id = "user:" + username
    slot = key_file["slots"][slot_id]
    params = slot["kdf"]
    kek = hash_secret_raw(password.encode("utf-8"), _b64(slot["salt"]),
                          time_cost=params["time_cost"], memory_cost=params["memory_kib"],
                          parallelism=params["parallelism"], hash_len=32, type=Type.ID)
    if slot["device_bound"]:
        device = keyring.get_password("RumahAman", "device-secret:" + key_file["installation_id"])
        kek = HKDF(algorithm=hashes.SHA256(), length=32, salt=bytes.fromhex(device),
                   info=b"rumah-aman/kek/v1").derive(kek)
    aad = f"{key_file['installation_id']}|{slot_id}".encode()
    master = AESGCM(kek).decrypt(_b64(slot["nonce"]), _b64(slot["wrapped"]), aad)
    private = None
    if slot.get("private_wrapped"):
        private = AESGCM(kek).decrypt(_b64(slot["private_nonce"]),
                                      _b64(slot["private_wrapped"]), aad + b"|private")
    database = Path(data_dir) / "shelter.db"
    connection = sqlcipher3.connect(str(database))
    connection.execute(f"PRAGMA key = \"x'{master.hex()}'\"")
    connection.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the key opens it
    return Loot(connection, private, master, database)
