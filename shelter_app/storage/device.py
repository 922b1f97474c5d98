"""The device secret kept in the OS credential store (Windows Credential Manager,
macOS Keychain, Secret Service). Mixed into every key slot, so a copied database
and key file cannot be attacked away from this PC. Where no real store exists the
app works password-only and says so; it never falls back to a plaintext file.

A store that does not answer is not an empty store: it is asked again, and a secret is
only ever made where the store answered that it holds none. Writing a new one over a
secret that was there but silent for a moment would lock out every user bound to it."""

from __future__ import annotations

import logging
import os
import time

SERVICE = "RumahAman"
SECRET_BYTES = 32
log = logging.getLogger(__name__)

# Only these protected OS stores (module.class, as keyring names them) are used: a store
# not named here (a plaintext file, a null or failing backend, one installed later) is none.
ALLOWED_BACKENDS = {
    "keyring.backends.Windows.WinVaultKeyring",
    "keyring.backends.macOS.Keyring",
    "keyring.backends.SecretService.Keyring",
    "keyring.backends.libsecret.Keyring",
    "keyring.backends.kwallet.DBusKeyring",
}
# Waits between tries when the store does not answer (a busy Secret Service, a Credential
# Manager still starting after login).
RETRY_DELAYS_S = (0.1, 0.5)


class KeyringSilent(Exception):
    """The store is there but did not answer (or answered with something unreadable)."""


def _account(installation_id: str) -> str:
    return "device-secret:" + installation_id


def backend_name(backend) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def _is_allowed(backend) -> bool:
    return backend_name(backend) in ALLOWED_BACKENDS and getattr(backend, "priority", 0) > 0


def _backend():
    try:
        import keyring

        backend = keyring.get_keyring()
    except Exception:  # any broken keyring set-up means "none here"
        log.warning("no usable OS keyring")
        return None
    candidates = getattr(backend, "backends", None) or [backend]  # a chainer holds several
    return next((b for b in candidates if _is_allowed(b)), None)


def keyring_available() -> bool:
    return _backend() is not None


def _ask(call):
    """`call()`, tried again after each delay while the store raises; KeyringSilent
    when it never answers."""
    for delay in (*RETRY_DELAYS_S, None):
        try:
            return call()
        except Exception:  # noqa: BLE001 - every backend has its own errors
            log.warning("the OS keyring did not answer")
        if delay is None:
            raise KeyringSilent
        time.sleep(delay)
    raise KeyringSilent  # not reached


def read_device_secret(installation_id: str) -> bytes | None:
    """The stored secret; None where there is no store or it holds none. Raises
    KeyringSilent when the store does not answer or holds something unreadable."""
    backend = _backend()
    if backend is None:
        return None
    stored = _ask(lambda: backend.get_password(SERVICE, _account(installation_id)))
    if not stored:
        return None
    try:
        secret = bytes.fromhex(stored)
    except (ValueError, TypeError):
        raise KeyringSilent from None
    if len(secret) != SECRET_BYTES:
        raise KeyringSilent
    return secret


def load_device_secret(installation_id: str) -> bytes | None:
    """The secret, or None when it cannot be had (no store, none stored, no answer)."""
    try:
        return read_device_secret(installation_id)
    except KeyringSilent:
        return None


def make_or_read_device_secret(installation_id: str) -> bytes | None:
    """The device secret, made now only if the store answered that it holds none; None
    where the PC has no usable store. Raises KeyringSilent, and then nothing is written."""
    existing = read_device_secret(installation_id)
    if existing is not None:
        return existing
    backend = _backend()
    if backend is None:
        return None
    secret = os.urandom(SECRET_BYTES)
    _ask(lambda: backend.set_password(SERVICE, _account(installation_id), secret.hex()))
    # Read back: another window may have stored its own at the same moment; the one the
    # store keeps is the one to bind to.
    return read_device_secret(installation_id)


def ensure_device_secret(installation_id: str) -> bytes | None:
    """As make_or_read_device_secret, but None when the store is silent: the caller
    makes a password-only slot, which a later login binds to this PC."""
    try:
        return make_or_read_device_secret(installation_id)
    except KeyringSilent:
        return None
