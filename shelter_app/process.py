"""Process-wide hardening, done first thing at start."""

from __future__ import annotations

import contextlib


def harden_process() -> None:
    """No core dumps: a crashed app must not leave decrypted records on the disk."""
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
