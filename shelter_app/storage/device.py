"""The device secret kept in the OS credential store (Windows Credential Manager,
macOS Keychain, Secret Service). Mixed into every key slot, so a copied database
and key file cannot be attacked away from this PC. Where no real store exists the
app works password-only and says so; it never falls back to a plaintext file."""

from __future__ import annotations

import logging
import os

SERVICE = "RumahAman"
log = logging.getLogger(__name__)

# Backends that are not a protected OS store: refusing them is the point.
_UNSAFE_BACKEND_MODULES = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")


def _account(installation_id: str) -> str:
    return "device-secret:" + installation_id


def _is_safe(backend) -> bool:
    return (not type(backend).__module__.startswith(_UNSAFE_BACKEND_MODULES)
            and getattr(backend, "priority", 0) > 0)


def _backend():
    try:
        import keyring

        backend = keyring.get_keyring()
    except Exception:  # any broken keyring set-up means "none here"
        log.warning("no usable OS keyring")
        return None
    candidates = getattr(backend, "backends", None) or [backend]  # a chainer holds several
    return next((b for b in candidates if _is_safe(b)), None)


def keyring_available() -> bool:
    return _backend() is not None


def load_device_secret(installation_id: str) -> bytes | None:
    backend = _backend()
    if backend is None:
        return None
    try:
        stored = backend.get_password(SERVICE, _account(installation_id))
    except Exception:
        log.warning("the OS keyring did not answer")
        return None
    return bytes.fromhex(stored) if stored else None


def ensure_device_secret(installation_id: str) -> bytes | None:
    """The device secret for this installation, made now if there is none; None
    where the PC has no usable credential store."""
    existing = load_device_secret(installation_id)
    if existing is not None:
        return existing
    backend = _backend()
    if backend is None:
        return None
    secret = os.urandom(32)
    try:
        backend.set_password(SERVICE, _account(installation_id), secret.hex())
    except Exception:
        log.warning("the OS keyring refused to store the device secret")
        return None
    return secret
