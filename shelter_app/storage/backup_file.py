"""The backup file: one file, encrypted, self-describing.

    MAGIC | header length (4 bytes) | header JSON | chunks

The header says which shelter and schema version it holds and carries the key slots
that open it: the backup key wrapped under the shelter's master key, under an Argon2id
passphrase when one was chosen, and the recovery key's slot copied from the key file
(which opens the master key). The payload is the SQLCipher database (already encrypted
under the master key) encrypted again with AES-256-GCM in 1 MiB chunks; each chunk's
associated data binds the header, its index and whether it is the last, so a truncated,
reordered or edited file is refused.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from shelter_app.domain.errors import StorageError
from shelter_app.i18n import _

MAGIC = b"RUMAH-AMAN-BACKUP\x00"
FORMAT_VERSION = 1
CHUNK = 1024 * 1024
TAG = 16
MAX_HEADER = 256 * 1024
KIND = "backup"  # the header's "kind"; storage/transfer_file.py writes "case-transfer"


class BackupUnreadable(StorageError):
    """Not a backup, damaged or incomplete."""


@dataclass
class BackupHeader:
    data: dict

    @property
    def shelter_id(self) -> str:
        return str(self.data.get("shelter_id", ""))

    @property
    def schema_revision(self) -> str:
        return str(self.data.get("schema_revision", ""))

    def to_bytes(self) -> bytes:
        return json.dumps(self.data, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _aad(header_digest: bytes, index: int, last: bool) -> bytes:
    return header_digest + struct.pack(">I?", index, last)


def _nonce(base: bytes, index: int) -> bytes:
    return base + struct.pack(">I", index)


def write(target_handle, header: BackupHeader, payload_path: Path, backup_key: bytes) -> None:
    """Write the whole backup into an open binary file (the caller makes it atomic)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    header.data["payload_nonce"] = os.urandom(8).hex()
    raw_header = header.to_bytes()
    digest = hashlib.sha256(raw_header).digest()
    target_handle.write(MAGIC + struct.pack(">I", len(raw_header)) + raw_header)
    cipher, base = AESGCM(backup_key), bytes.fromhex(header.data["payload_nonce"])
    size = payload_path.stat().st_size
    with payload_path.open("rb") as source:
        index = 0
        while True:
            chunk = source.read(CHUNK)
            last = source.tell() >= size
            target_handle.write(cipher.encrypt(_nonce(base, index), chunk,
                                               _aad(digest, index, last)))
            index += 1
            if last:
                break


def read_header(handle) -> tuple[BackupHeader, bytes]:
    """The header and its digest; the handle is left at the first chunk."""
    start = handle.read(len(MAGIC) + 4)
    if len(start) < len(MAGIC) + 4 or not start.startswith(MAGIC):
        raise BackupUnreadable(_("This file is not a Rumah Aman backup."))
    (length,) = struct.unpack(">I", start[len(MAGIC):])
    if not 0 < length <= MAX_HEADER:
        raise BackupUnreadable(_("The backup file is damaged."))
    raw = handle.read(length)
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("slots"), dict):
            raise ValueError
        bytes.fromhex(str(data["payload_nonce"]))
    except (ValueError, KeyError, UnicodeDecodeError):
        raise BackupUnreadable(_("The backup file is damaged.")) from None
    if data.get("format") != FORMAT_VERSION:
        raise BackupUnreadable(_("This backup was made by a newer version of Rumah Aman."))
    if data.get("kind", KIND) != KIND:  # the same format carries cases between shelters
        raise BackupUnreadable(_("This file is a case moved from another shelter, not a "
                                 "backup: receive it under Residents, \"Receive a case "
                                 "from another shelter…\"."))
    return BackupHeader(data), hashlib.sha256(raw).digest()


def decrypt_chunks(handle, header: BackupHeader, digest: bytes,
                   backup_key: bytes) -> Iterator[bytes]:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    cipher = AESGCM(backup_key)
    try:
        base = bytes.fromhex(header.data["payload_nonce"])
    except ValueError:
        raise BackupUnreadable(_("The backup file is damaged.")) from None
    if len(base) != 8:
        raise BackupUnreadable(_("The backup file is damaged."))
    index = 0
    while True:
        sealed = handle.read(CHUNK + TAG)
        if not sealed:
            raise BackupUnreadable(_("The backup file is incomplete: it was cut short."))
        last = not handle.peek(1) if hasattr(handle, "peek") else False
        try:
            yield cipher.decrypt(_nonce(base, index), sealed, _aad(digest, index, last))
        except InvalidTag:
            raise BackupUnreadable(_("The backup file is damaged or incomplete.")) from None
        if last:
            return
        index += 1


def extract(path: Path, backup_key: bytes, target: Path) -> None:
    """Decrypt the payload of the backup at `path` into `target` (a database file)."""
    with Path(path).open("rb") as handle, target.open("wb") as out:
        header, digest = read_header(handle)
        for plain in decrypt_chunks(handle, header, digest, backup_key):
            out.write(plain)
        out.flush()
        os.fsync(out.fileno())


def load_header(path: Path) -> BackupHeader:
    try:
        with Path(path).open("rb") as handle:
            return read_header(handle)[0]
    except FileNotFoundError:
        raise BackupUnreadable(_("The backup file was not found.")) from None
    except IsADirectoryError:
        raise BackupUnreadable(_("This file is not a Rumah Aman backup.")) from None
    except OSError as error:
        raise BackupUnreadable(_("The backup file cannot be read ({reason}).").format(
            reason=error.strerror or type(error).__name__)) from None
