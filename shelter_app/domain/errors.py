"""Errors that carry one clear, already translated message for the user."""

from __future__ import annotations


class ShelterError(Exception):
    """Base: `str(error)` is the message to show. Never carries personal data."""

    exit_code = 1


class InputError(ShelterError):
    """The user typed something that cannot be accepted. `field` names the input the
    message belongs to, so a form can show it there."""

    exit_code = 2

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


class PermissionDenied(ShelterError):
    exit_code = 3


class AuthenticationError(ShelterError):
    exit_code = 4


class StorageError(ShelterError):
    """The data folder, key file or database cannot be used as it is."""

    exit_code = 5


class DatabaseDamaged(StorageError):
    """The database opens but its pages or structure are not sound."""
