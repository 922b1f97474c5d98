"""A hidden person's real identity, sealed under the managers' key.

The full name, alias and NIK of a person whose identity is hidden are kept only sealed
(AES-256-GCM, the additional data binding the person's id and the field, so a sealed
value cannot be moved to another person or field); the plaintext columns then hold the
pseudonym and nothing. Whoever holds only the database key (every user) reads none of
it. Managers find such a person by real name through a keyed blind index: HMAC-SHA256
of every word's prefixes (and the NIK) under a key derived from the managers' key,
stored as opaque tokens in the search index's `sealed` column, which staff's search
never reads. The only way to the managers' key is `Workspace.role_key("managers")`.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from shelter_app.domain.errors import StorageError
from shelter_app.i18n import _
from shelter_app.services.shared.workspace import Workspace

MANAGERS = "managers"
FIELDS = ("full_name", "alias", "nik")
VERSION = b"\x01"
NONCE_BYTES = 12
PAD_TO = 64  # sealed values of one field look the same length, whatever the name's
PREFIX_CAP = 16  # words are indexed by their first 1..16 letters (a NIK by all 16)
TOKENS_PER_PERSON = 96  # padded with random tokens: the count says nothing of the name
TOKEN_BYTES = 10
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class RealIdentity:
    full_name: str
    alias: str
    nik: str | None


@dataclass(frozen=True)
class Keys:
    """What the managers' key gives: the sealing key and the blind index key (never in
    a repr, so never in a log or a traceback)."""

    seal: bytes = field(repr=False)
    index: bytes = field(repr=False)


def _derive(role_key: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(role_key)


def keys(workspace: Workspace) -> Keys | None:
    """None for a user who does not hold the managers' key."""
    role_key = workspace.role_key(MANAGERS)
    if role_key is None:
        return None
    return Keys(_derive(role_key, b"rumah-aman/hidden-identity/seal/v1"),
                _derive(role_key, b"rumah-aman/hidden-identity/blind-index/v1"))


def _aad(person_id: int, field: str) -> bytes:
    return f"rumah-aman/persons/{int(person_id)}/{field}".encode()


def _pad(value: bytes) -> bytes:
    """ISO/IEC 7816-4 padding to a multiple of PAD_TO (always at least one byte)."""
    size = (len(value) // PAD_TO + 1) * PAD_TO
    return value + b"\x80" + b"\x00" * (size - len(value) - 1)


def _unpad(value: bytes) -> bytes:
    return value[:value.rindex(b"\x80")]


def seal_value(key: bytes, person_id: int, field: str, value: str) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return VERSION + nonce + AESGCM(key).encrypt(nonce, _pad(value.encode("utf-8")),
                                                 _aad(person_id, field))


def open_value(key: bytes, person_id: int, field: str, sealed: bytes) -> str:
    if not sealed or sealed[:1] != VERSION:
        raise _unreadable()
    nonce, body = sealed[1:1 + NONCE_BYTES], sealed[1 + NONCE_BYTES:]
    try:
        plain = AESGCM(key).decrypt(nonce, body, _aad(person_id, field))
        return _unpad(plain).decode("utf-8")
    except (InvalidTag, ValueError):
        raise _unreadable() from None


NOTE_PAD_TO = 1024


def seal_note(key: bytes, name: str, value: str) -> bytes:
    """A note that belongs to no one person (the managers' notices), padded in 1 KiB."""
    nonce = os.urandom(NONCE_BYTES)
    plain = value.encode("utf-8")
    size = (len(plain) // NOTE_PAD_TO + 1) * NOTE_PAD_TO
    padded = plain + b"\x80" + b"\x00" * (size - len(plain) - 1)
    return VERSION + nonce + AESGCM(key).encrypt(nonce, padded, _note_aad(name))


def open_note(key: bytes, name: str, sealed: bytes) -> str:
    if not sealed or sealed[:1] != VERSION:
        raise _unreadable()
    try:
        plain = AESGCM(key).decrypt(sealed[1:1 + NONCE_BYTES], sealed[1 + NONCE_BYTES:],
                                    _note_aad(name))
        return _unpad(plain).decode("utf-8")
    except (InvalidTag, ValueError):
        raise _unreadable() from None


def _note_aad(name: str) -> bytes:
    return f"rumah-aman/notes/{name}".encode()


def _unreadable() -> StorageError:
    return StorageError(_("A protected identity could not be opened: its sealed data "
                          "do not match the managers' key."))


def seal(keys_: Keys, person, identity: RealIdentity) -> None:
    """Seal `identity` into `person` (which has its id): the plaintext columns keep the
    pseudonym and nothing else."""
    values = {"full_name": identity.full_name, "alias": identity.alias,
              "nik": identity.nik or ""}
    for name in FIELDS:
        setattr(person, f"sealed_{name}", seal_value(keys_.seal, person.id, name,
                                                     values[name]))
    person.full_name, person.alias, person.nik = person.pseudonym, "", None


def is_sealed(person) -> bool:
    return person.sealed_full_name is not None


def unseal(keys_: Keys, person) -> RealIdentity:
    """The real identity of a hidden person: opened from the seal, or (a record hidden
    before identities were sealed, not yet sealed) read from the plaintext columns."""
    if not is_sealed(person):
        return RealIdentity(person.full_name, person.alias, person.nik)
    return open_row(keys_, person.id, person.sealed_full_name, person.sealed_alias,
                    person.sealed_nik)


def open_row(keys_: Keys, person_id: int, full_name: bytes, alias: bytes,
             nik: bytes) -> RealIdentity:
    return RealIdentity(open_value(keys_.seal, person_id, "full_name", full_name),
                        open_value(keys_.seal, person_id, "alias", alias),
                        open_value(keys_.seal, person_id, "nik", nik) or None)


def clear_seal(person, identity: RealIdentity) -> None:
    """Un-hide: the real identity back in the plaintext columns, the seal gone."""
    person.full_name, person.alias, person.nik = identity.full_name, identity.alias, \
        identity.nik
    person.sealed_full_name = person.sealed_alias = person.sealed_nik = None


def words(text: str) -> list[str]:
    """The words of a name as the search index reads them: lower case, no accents."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.lower())
                    if not unicodedata.combining(c))
    return _WORD.findall(plain)


def token(index_key: bytes, word: str) -> str:
    """The blind token of a typed word (or of a word's prefix)."""
    digest = hmac.new(index_key, word[:PREFIX_CAP].encode("utf-8"), hashlib.sha256)
    return "t" + digest.hexdigest()[:TOKEN_BYTES * 2]


def index_tokens(keys_: Keys, identity: RealIdentity) -> str:
    """The blind index of a real identity: a token for each prefix of each word of the
    name, alias and NIK, padded with random tokens to a fixed count, in random order."""
    found = set()
    for word in words(" ".join([identity.full_name, identity.alias, identity.nik or ""])):
        for length in range(1, min(len(word), PREFIX_CAP) + 1):
            found.add(token(keys_.index, word[:length]))
    tokens = list(found)
    while len(tokens) < TOKENS_PER_PERSON:
        tokens.append("t" + os.urandom(TOKEN_BYTES).hex())
    secrets.SystemRandom().shuffle(tokens)
    return " ".join(tokens)
