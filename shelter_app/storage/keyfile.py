"""The key file beside the database: one slot per user (and one for the recovery key),
each wrapping the master key with AES-256-GCM under an Argon2id key-encryption key.
A slot also wraps, under the same key-encryption key, its holder's X25519 private key
(storage/sealed.py); a slot from before sealed keys has none until its next login.

There is no password hash here to steal: logging in is unwrapping your slot.

The file carries two seals over the same canonical body: a plain SHA-256 checksum, which
tells damage apart before any password is typed, and an HMAC under a key derived from the
master key, checked right after a slot is unwrapped (`authenticate`), so that an edited
file (cheaper Argon2 settings, `demo: true`) is refused before anything is written with
what it says. Files of version 1 had no HMAC: they are taken once, inside the limits, and
sealed at the next save.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path

from shelter_app.domain.errors import StorageError, storage_fault
from shelter_app.i18n import _
from shelter_app.storage import kdf
from shelter_app.storage.atomic import atomic_write

FORMAT = "rumah-aman-keys"
VERSION = 2
UNSEALED_VERSION = 1  # before the HMAC: read once, sealed at the next save
MASTER_KEY_BYTES = 32
RECOVERY_SLOT = "recovery"


def user_slot_id(username: str) -> str:
    return "user:" + username


class WrongSecret(Exception):
    """The password or recovery key does not open this slot (not shown to users as is)."""


class DeviceSecretMissing(Exception):
    """The slot is bound to this PC's credential store, which does not answer."""


class KeyFileMissing(StorageError):
    offers_restore = True


class KeyFileCorrupt(StorageError):
    offers_restore = True


class KeyFileTampered(StorageError):
    """The HMAC does not match: the file was edited outside the app."""
    offers_restore = True


def _tampered() -> KeyFileTampered:
    return KeyFileTampered(_(
        "The key file was changed outside Rumah Aman, so it is not trusted and nothing was "
        "opened or saved. Restore the key file from a backup."))


@dataclass
class Slot:
    salt: bytes
    params: kdf.KdfParams
    device_bound: bool
    nonce: bytes = b""
    wrapped: bytes = b""
    disabled: bool = False
    private_nonce: bytes = b""
    private_wrapped: bytes = b""

    @property
    def has_private_key(self) -> bool:
        return bool(self.private_wrapped)

    def to_json(self) -> dict:
        data = {
            "salt": _b64(self.salt), "kdf": self.params.to_json(),
            "device_bound": self.device_bound, "nonce": _b64(self.nonce),
            "wrapped": _b64(self.wrapped), "disabled": self.disabled,
        }
        if self.private_wrapped:  # absent, the file reads as before sealed keys
            data["private_nonce"] = _b64(self.private_nonce)
            data["private_wrapped"] = _b64(self.private_wrapped)
        return data

    @classmethod
    def from_json(cls, data: dict, *, older_floor: bool = False) -> Slot:
        salt = _unb64(data["salt"])
        kdf.check_salt(salt)
        return cls(
            salt=salt,
            params=kdf.KdfParams.from_json(data["kdf"], older_floor=older_floor),
            device_bound=bool(data["device_bound"]), nonce=_unb64(data["nonce"]),
            wrapped=_unb64(data["wrapped"]), disabled=bool(data.get("disabled", False)),
            private_nonce=_unb64(data.get("private_nonce", "")),
            private_wrapped=_unb64(data.get("private_wrapped", "")),
        )


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _canonical(body: dict) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _checksum(body: dict) -> str:
    return hashlib.sha256(_canonical(body)).hexdigest()


def _mac_key(master_key: bytes | bytearray) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"rumah-aman/key-file-mac/v1").derive(bytes(master_key))


def _mac(key: bytes, canonical: bytes) -> str:
    return hmac.new(key, canonical, hashlib.sha256).hexdigest()


# The cryptography imports sit inside the functions that use them: the login window
# reads this file before it is shown and must not pay for them.


def _key_encryption_key(secret: bytes, slot: Slot, device_secret: bytes | None) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    stretched = kdf.derive(secret, slot.salt, slot.params)
    if not slot.device_bound:
        return stretched
    if device_secret is None:
        raise DeviceSecretMissing
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=device_secret, info=b"rumah-aman/kek/v1"
    ).derive(stretched)


class KeyFile:
    def __init__(self, path: Path, installation_id: str, demo: bool,
                 default_kdf: kdf.KdfParams, slots: dict[str, Slot]):
        self.path = Path(path)
        self.installation_id = installation_id
        self.demo = demo
        self.default_kdf = default_kdf
        self.slots = slots
        # As read from disk: the sealed body and its HMAC (None: made in memory, or v1).
        self._read_body: bytes | None = None
        self._read_mac: str | None = None
        self.unsealed = False  # read from a version-1 file, not yet sealed
        self._sealing_key: bytes | None = None

    @classmethod
    def create(cls, path: Path, default_kdf: kdf.KdfParams, demo: bool = False) -> KeyFile:
        return cls(path, os.urandom(16).hex(), demo, default_kdf, {})

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        path = Path(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise KeyFileMissing(
                _("The key file is missing from the data folder. Restore it from a backup.")
            ) from None
        except OSError as error:
            raise (storage_fault(error, records=True)
                   or StorageError(_("The key file cannot be read."))) from None
        try:
            data = json.loads(raw.decode("utf-8"))
            checksum, mac = data.pop("checksum"), data.pop("mac", None)
            if data.get("format") != FORMAT or checksum != _checksum(data):
                raise ValueError
            version = data.get("version")
            if version not in (VERSION, UNSEALED_VERSION) or (
                    (version == VERSION) != isinstance(mac, str)):
                raise ValueError
            installation_id, demo = str(data["installation_id"]), bool(data["demo"])
            raw_kdf, raw_slots = data["default_kdf"], data["slots"]
            if not isinstance(raw_slots, dict):
                raise ValueError
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
            raise KeyFileCorrupt(
                _("The key file is damaged. Restore it from a backup, or use the recovery key.")
            ) from None
        older = version == UNSEALED_VERSION
        try:
            default_kdf = kdf.KdfParams.from_json(raw_kdf, older_floor=older).raised_to_floor()
            key_file = cls(path, installation_id, demo, default_kdf,
                           {str(k): Slot.from_json(v, older_floor=older)
                            for k, v in raw_slots.items()})
        except kdf.KdfParamsRejected:
            raise KeyFileCorrupt(_(
                "The key file asks for password protection outside the safe limits (it was "
                "edited or damaged). Restore it from a backup.")) from None
        except (ValueError, KeyError, TypeError, AttributeError):
            raise KeyFileCorrupt(
                _("The key file is damaged. Restore it from a backup, or use the recovery key.")
            ) from None
        key_file._read_body, key_file._read_mac = _canonical(data), mac
        key_file.unsealed = older
        return key_file

    def authenticate(self, master_key: bytes | bytearray) -> None:
        """Check the file's HMAC with the master key a slot gave, and keep the key to seal
        what is saved next. Raises KeyFileTampered. A file made in memory only takes the
        key; a version-1 file (no HMAC yet) is taken if it asks for no demo shortcuts."""
        key = _mac_key(master_key)
        if self._read_body is not None:
            if self.unsealed:
                if self.demo:  # a v1 file cannot prove it: not trusted to weaken passwords
                    raise _tampered()
            elif not hmac.compare_digest(_mac(key, self._read_body), self._read_mac or ""):
                raise _tampered()
        self._sealing_key = key

    def to_bytes(self) -> bytes:
        """Sealed with the key `authenticate` (or a new slot) gave: saving a file nobody
        has authenticated is a programming error, never a silent unsealed file."""
        if self._sealing_key is None:
            raise RuntimeError("the key file is saved before it was authenticated")
        self.default_kdf.check()
        body = {
            "format": FORMAT, "version": VERSION, "installation_id": self.installation_id,
            "demo": self.demo, "default_kdf": self.default_kdf.to_json(),
            "slots": {slot_id: slot.to_json() for slot_id, slot in sorted(self.slots.items())},
        }
        checksum, mac = _checksum(body), _mac(self._sealing_key, _canonical(body))
        body["checksum"], body["mac"] = checksum, mac
        return json.dumps(body, indent=1, sort_keys=True).encode("utf-8")

    def save(self) -> None:
        """All or nothing: on a full or read-only disk the old key file stays whole."""
        try:
            atomic_write(self.path, self.to_bytes(), mode=0o600)
        except OSError as error:
            raise storage_fault(error, records=True) or error from None

    def set_slot(self, slot_id: str, secret: bytes, master_key: bytes,
                 device_secret: bytes | None, private_key: bytes | None = None) -> None:
        """Wrap the master key (and the holder's private key, when given) for `secret`;
        replaces any slot of that id (in memory)."""
        self.slots[slot_id] = self.make_slot(slot_id, secret, master_key, device_secret,
                                             private_key)

    def make_slot(self, slot_id: str, secret: bytes, master_key: bytes,
                  device_secret: bytes | None, private_key: bytes | None = None) -> Slot:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self.authenticate(master_key)  # never a slot made with an edited file's settings
        slot = Slot(salt=os.urandom(kdf.SALT_BYTES), params=self.default_kdf,
                    device_bound=device_secret is not None)
        kek = _key_encryption_key(secret, slot, device_secret)
        slot.nonce = os.urandom(12)
        slot.wrapped = AESGCM(kek).encrypt(slot.nonce, bytes(master_key), self._aad(slot_id))
        if private_key is not None:
            self._wrap_private(slot, slot_id, kek, private_key)
        return slot

    def unwrap(self, slot_id: str, secret: bytes, device_secret: bytes | None) -> bytearray:
        return self.open_slot(slot_id, secret, device_secret)[0]

    def open_slot(self, slot_id: str, secret: bytes, device_secret: bytes | None,
                  private_if_missing: bytes | None = None) -> tuple[bytearray, bytes | None]:
        """(master key, private key) from one key derivation. A slot without a private
        key gets `private_if_missing` wrapped in (in memory: the caller saves)."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        slot = self.slots.get(slot_id)
        if slot is None or slot.disabled:
            raise WrongSecret
        kek = _key_encryption_key(secret, slot, device_secret)
        try:
            master = AESGCM(kek).decrypt(slot.nonce, slot.wrapped, self._aad(slot_id))
            if slot.has_private_key:
                private = AESGCM(kek).decrypt(slot.private_nonce, slot.private_wrapped,
                                              self._aad(slot_id) + b"|private")
            else:
                private = private_if_missing
                if private is not None:
                    self._wrap_private(slot, slot_id, kek, private)
        except InvalidTag:
            raise WrongSecret from None
        self.authenticate(master)
        return bytearray(master), private

    def _wrap_private(self, slot: Slot, slot_id: str, kek: bytes, private_key: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        slot.private_nonce = os.urandom(12)
        slot.private_wrapped = AESGCM(kek).encrypt(slot.private_nonce, bytes(private_key),
                                                   self._aad(slot_id) + b"|private")

    def disable(self, slot_id: str) -> None:
        """Drop the wrapped key: a disabled user's password opens nothing any more."""
        slot = self.slots[slot_id]
        slot.disabled, slot.nonce, slot.wrapped = True, b"", b""
        slot.private_nonce, slot.private_wrapped = b"", b""

    def _aad(self, slot_id: str) -> bytes:
        return f"{self.installation_id}|{slot_id}".encode()


def new_master_key() -> bytearray:
    return bytearray(os.urandom(MASTER_KEY_BYTES))
