"""Errors that carry one clear, already translated message for the user."""

from __future__ import annotations


class ShelterError(Exception):
    """Base: `str(error)` is the message to show. Never carries personal data."""

    exit_code = 1


class InputError(ShelterError):
    """The user typed something that cannot be accepted."""

    exit_code = 2


class PermissionDenied(ShelterError):
    exit_code = 3


class AuthenticationError(ShelterError):
    exit_code = 4


class StorageError(ShelterError):
    """The data folder, key file or database cannot be used as it is."""

    exit_code = 5
