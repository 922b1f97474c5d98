"""The case-transfer file: a case sent to another shelter, in the backup's format.

    MAGIC | header length (4 bytes) | header JSON | chunks      (storage/backup_file.py)

The header (readable without a key, so it holds nothing about the person or the shelters)
says `"kind": "case-transfer"` and carries one key slot: the transfer key wrapped with
AES-256-GCM under Argon2id(passphrase), as a backup's passphrase slot is. The payload
(UTF-8 JSON, services/residents/transfer_payload.py) is encrypted with the transfer key
in the backup's AES-256-GCM chunks, whose associated data binds the header, the chunk's
index and whether it is the last: an edited, cut or reordered file is refused. A restore
refuses a transfer file by its kind, and reading a backup here is refused the same way.

The payload is small (one person), so the file is made and read in memory: the plain
JSON never touches the disk, not even as a temp file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import struct
from dataclasses import dataclass, field
from pathlib import Path

from shelter_app.domain.errors import AuthenticationError, InputError
from shelter_app.i18n import _
from shelter_app.storage import kdf
from shelter_app.storage.atomic import fsync_dir
from shelter_app.storage.backup_file import CHUNK, FORMAT_VERSION, MAGIC, MAX_HEADER, TAG
from shelter_app.storage.backup_file import KIND as BACKUP_KIND
from shelter_app.storage.backup_file import _aad as chunk_aad
from shelter_app.storage.backup_file import _nonce as chunk_nonce
from shelter_app.storage.untrusted import read_limited

KIND = "case-transfer"
SUFFIX = ".ratransfer"
MAX_FILE = 4 * 1024 * 1024  # one person's case is a few kilobytes
SLOT_AAD = b"rumah-aman/case-transfer/passphrase-slot"


class TransferUnreadable(InputError):
    """Not a transfer file, damaged, cut short, or from a newer version."""

    def __init__(self, message: str):
        super().__init__(message, "file")


def _damaged() -> TransferUnreadable:
    return TransferUnreadable(_("The transfer file is damaged or incomplete. Ask the other "
                                "shelter to send it again."))


@dataclass(frozen=True)
class PassphraseKey:
    """Argon2id of the passphrase with a new salt (the slow part, done before any
    transaction), and the parameters a reader needs to do it again."""

    salt: bytes
    params: kdf.KdfParams
    stretched: bytes = field(repr=False)


def passphrase_key(passphrase: bytes, params: kdf.KdfParams) -> PassphraseKey:
    salt = os.urandom(kdf.SALT_BYTES)
    return PassphraseKey(salt, params, kdf.derive(passphrase, salt, params))


def seal(plain: bytes, key: PassphraseKey) -> bytes:
    """The whole transfer file for the payload `plain`."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    transfer_key, slot_nonce = os.urandom(32), os.urandom(12)
    header = {
        "format": FORMAT_VERSION, "kind": KIND, "payload_nonce": os.urandom(8).hex(),
        "slots": {"passphrase": {
            "salt": key.salt.hex(), "kdf": key.params.to_json(), "nonce": slot_nonce.hex(),
            "wrapped": AESGCM(key.stretched).encrypt(slot_nonce, transfer_key,
                                                     SLOT_AAD).hex()}},
    }
    raw_header = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    digest = hashlib.sha256(raw_header).digest()
    cipher, base = AESGCM(transfer_key), bytes.fromhex(header["payload_nonce"])
    parts = [MAGIC, struct.pack(">I", len(raw_header)), raw_header]
    pieces = [plain[start:start + CHUNK] for start in range(0, len(plain), CHUNK)] or [b""]
    for index, piece in enumerate(pieces):
        parts.append(cipher.encrypt(chunk_nonce(base, index), piece,
                                    chunk_aad(digest, index, index == len(pieces) - 1)))
    return b"".join(parts)


def write_temp(target: Path, content: bytes) -> Path:
    """`content` in a temp file beside `target` (0600 from the first byte, synced): the
    caller commits its records, then puts it in place, or discards it."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        with os.fdopen(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC
                               | getattr(os, "O_BINARY", 0), 0o600), "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        discard(temp)
        raise
    return temp


def put_in_place(temp: Path, target: Path) -> None:
    os.replace(temp, target)
    fsync_dir(target.parent)


def discard(temp: Path) -> None:
    with contextlib.suppress(OSError):
        temp.unlink()


def open_file(path: Path, passphrase: bytes) -> bytes:
    """The payload of the transfer file at `path`, read within MAX_FILE; one clear
    message for each way it can fail (TransferUnreadable, AuthenticationError)."""
    content = read_limited(path, MAX_FILE, _("This file is too big to be a case transfer "
                                             "file."))
    header, digest, body = _header(content)
    transfer_key = _open_slot(header, passphrase)
    return _decrypt(body, header, digest, transfer_key)


def _header(content: bytes) -> tuple[dict, bytes, bytes]:
    start = len(MAGIC) + 4
    if len(content) < start or not content.startswith(MAGIC):
        raise TransferUnreadable(_("This file is not a case transfer file of Rumah Aman."))
    (length,) = struct.unpack(">I", content[len(MAGIC):start])
    raw = content[start:start + length]
    if not 0 < length <= MAX_HEADER or len(raw) != length:
        raise _damaged()
    try:
        header = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise _damaged() from None
    if not isinstance(header, dict):
        raise _damaged()
    kind = header.get("kind", BACKUP_KIND)
    if kind == BACKUP_KIND:
        raise TransferUnreadable(_("This is a Rumah Aman backup, not a case transfer file. "
                                   "A backup is restored under Administration."))
    if kind != KIND:
        raise TransferUnreadable(_("This file is not a case transfer file of Rumah Aman."))
    if header.get("format") != FORMAT_VERSION:
        raise TransferUnreadable(_("This transfer file was made by a newer version of Rumah "
                                   "Aman. Install that version to receive the case."))
    return header, hashlib.sha256(raw).digest(), content[start + length:]


def _open_slot(header: dict, passphrase: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        slot = header["slots"]["passphrase"]
        params = kdf.KdfParams.from_json(slot["kdf"])  # held to the limits before running
        salt, nonce = bytes.fromhex(slot["salt"]), bytes.fromhex(slot["nonce"])
        wrapped = bytes.fromhex(slot["wrapped"])
        kdf.check_salt(salt)
    except kdf.KdfParamsRejected:
        raise TransferUnreadable(_("This transfer file asks for password protection outside "
                                   "the safe limits. It was not opened.")) from None
    except (KeyError, ValueError, TypeError, AttributeError):
        raise _damaged() from None
    try:
        return AESGCM(kdf.derive(passphrase, salt, params)).decrypt(nonce, wrapped, SLOT_AAD)
    except (InvalidTag, ValueError):
        raise AuthenticationError(_("This passphrase does not open the transfer file. "
                                    "Check it with the shelter that sent it.")) from None


def _decrypt(body: bytes, header: dict, digest: bytes, transfer_key: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        base = bytes.fromhex(str(header["payload_nonce"]))
    except (KeyError, ValueError):
        raise _damaged() from None
    if len(base) != 8 or not body:
        raise _damaged()
    cipher, step, plain = AESGCM(transfer_key), CHUNK + TAG, []
    for index, start in enumerate(range(0, len(body), step)):
        last = start + step >= len(body)
        try:
            plain.append(cipher.decrypt(chunk_nonce(base, index), body[start:start + step],
                                        chunk_aad(digest, index, last)))
        except InvalidTag:
            raise _damaged() from None
    return b"".join(plain)
