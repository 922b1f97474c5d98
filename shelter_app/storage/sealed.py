"""Sealed keys: what even the database's master key does not open.

Each user (and the recovery key) has an X25519 key pair; the private key lives in their
key slot. A role key (a random 256-bit key) reaches a member as a *sealed box*:

    ephemeral X25519 key pair; shared = X25519(ephemeral private, recipient public);
    key = HKDF-SHA256(shared, salt = ephemeral public | recipient public, info = context);
    box = ephemeral public (32) | nonce (12) | AES-256-GCM(key, nonce, message, context)

Only the recipient's private key rebuilds `shared`. Fields sealed under a role key are
AES-256-GCM with associated data that names the table, the row and the field, so a sealed
value copied to another row or field does not open.
"""

from __future__ import annotations

import base64
import os

KEY_BYTES = 32
SEALED_PREFIX = "ra-sealed:1:"  # a stored text value sealed under a role key


class NotForThisKey(Exception):
    """The box or value does not open with this key (never shown to users as is)."""


def new_private_key() -> bytes:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    return _raw_private(X25519PrivateKey.generate())


def public_key_of(private_key: bytes) -> bytes:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    public = X25519PrivateKey.from_private_bytes(bytes(private_key)).public_key()
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def new_role_key() -> bytes:
    return os.urandom(KEY_BYTES)


def fingerprint(public_key: bytes) -> str:
    """A short, readable fingerprint of a public key (to compare with the member)."""
    import hashlib

    digest = hashlib.sha256(b"rumah-aman/fingerprint/v1" + public_key).hexdigest()[:16]
    return " ".join(digest[i:i + 4] for i in range(0, 16, 4)).upper()


def seal(recipient_public: bytes, message: bytes, context: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.x25519 import (
        X25519PrivateKey,
        X25519PublicKey,
    )
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = _raw_public(ephemeral)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    key = _box_key(shared, ephemeral_public, recipient_public, context)
    nonce = os.urandom(12)
    return ephemeral_public + nonce + AESGCM(key).encrypt(nonce, bytes(message), context)


def open_box(private_key: bytes, box: bytes, context: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.x25519 import (
        X25519PrivateKey,
        X25519PublicKey,
    )
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if len(box) < 32 + 12 + 16:
        raise NotForThisKey
    mine = X25519PrivateKey.from_private_bytes(bytes(private_key))
    ephemeral_public, nonce, sealed = box[:32], box[32:44], box[44:]
    try:
        shared = mine.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
        key = _box_key(shared, ephemeral_public, _raw_public(mine), context)
        return AESGCM(key).decrypt(nonce, sealed, context)
    except (InvalidTag, ValueError):
        raise NotForThisKey from None


def is_sealed(value: str | None) -> bool:
    return bool(value) and value.startswith(SEALED_PREFIX)


def seal_text(role_key: bytes, text: str, context: str) -> str:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    sealed = AESGCM(role_key).encrypt(nonce, text.encode("utf-8"), context.encode("utf-8"))
    return SEALED_PREFIX + base64.b64encode(nonce + sealed).decode("ascii")


def open_text(role_key: bytes, value: str, context: str) -> str:
    """The text of a sealed value; a value from before sealing comes back as it is."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not is_sealed(value):
        return value
    try:
        raw = base64.b64decode(value[len(SEALED_PREFIX):].encode("ascii"), validate=True)
        plain = AESGCM(role_key).decrypt(raw[:12], raw[12:], context.encode("utf-8"))
    except (InvalidTag, ValueError):
        raise NotForThisKey from None
    return plain.decode("utf-8")


def _box_key(shared: bytes, ephemeral_public: bytes, recipient_public: bytes,
             context: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES,
                salt=ephemeral_public + recipient_public,
                info=b"rumah-aman/sealed-box/v1|" + context).derive(shared)


def _raw_private(private) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                 serialization.NoEncryption())


def _raw_public(private) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return private.public_key().public_bytes(serialization.Encoding.Raw,
                                             serialization.PublicFormat.Raw)
