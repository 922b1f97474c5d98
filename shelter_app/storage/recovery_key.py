"""The recovery key: 30 random letters and digits in six groups, easy to read aloud
and to type back. Written by hand rather than with base32: its alphabet drops the
look-alikes I, O, 0 and 1 that staff would mistype from a printed sheet."""

from __future__ import annotations

import secrets

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
GROUPS = 6
GROUP_LENGTH = 5


def generate() -> str:
    letters = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH))
    return format_key(letters)


def format_key(letters: str) -> str:
    return "-".join(letters[i:i + GROUP_LENGTH] for i in range(0, len(letters), GROUP_LENGTH))


def normalise(typed: str) -> str | None:
    """The canonical form of what someone typed, or None when it cannot be a key."""
    letters = "".join(ch for ch in typed.upper() if ch not in " -\t\n")
    if len(letters) != GROUPS * GROUP_LENGTH or any(ch not in ALPHABET for ch in letters):
        return None
    return format_key(letters)
