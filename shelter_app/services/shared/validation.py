"""Checks on what people type for accounts and settings, each with one clear message."""

from __future__ import annotations

import re
import zoneinfo

from shelter_app.domain.errors import InputError
from shelter_app.i18n import _

MIN_PASSWORD_LENGTH = 8
_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")


def username(value: str) -> str:
    name = value.strip().lower()
    if not _USERNAME.match(name):
        raise InputError(_(
            "A user name has 2 to 32 characters: small letters, digits, dot, dash or "
            "underscore, starting with a letter."))
    return name


def password(value: str, *, demo: bool = False) -> str:
    if demo:
        return value
    if len(value) < MIN_PASSWORD_LENGTH:
        raise InputError(_("A password needs at least {count} characters.").format(
            count=MIN_PASSWORD_LENGTH))
    if value.strip() != value:
        raise InputError(_("A password cannot begin or end with a space."))
    return value


def shelter_name(value: str) -> str:
    name = " ".join(value.split())
    if not name:
        raise InputError(_("Enter the shelter's name."))
    if len(name) > 120:
        raise InputError(_("The shelter's name can have at most 120 characters."))
    return name


_PHONE = re.compile(r"^\+?[0-9(][0-9 ()./-]*$")


def _one_line(value: str, field: str, limit: int, too_long: str) -> str:
    text = " ".join(value.split())
    if len(text) > limit:
        raise InputError(too_long.format(count=limit), field)
    return text


def address(value: str) -> str:
    """The shelter's street address for the letterhead; empty prints no address line."""
    return _one_line(value, "address", 200,
                     _("The address can have at most {count} characters."))


def city(value: str) -> str:
    """The place written before the date of a letter ("Mataram, 30 November 2026")."""
    return _one_line(value, "city", 60, _("The city can have at most {count} characters."))


def phone(value: str) -> str:
    text = _one_line(value, "phone", 40,
                     _("The phone number can have at most {count} characters."))
    if text and (not _PHONE.match(text) or sum(c.isdigit() for c in text) < 5):
        raise InputError(_("A phone number has digits, spaces and + ( ) - / . only, for "
                           "example 0370 123456."), "phone")
    return text


def head_name(value: str) -> str:
    """The name signed under letters as the head of the shelter."""
    return _one_line(value, "head_name", 120,
                     _("The name can have at most {count} characters."))


def time_zone(value: str) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise InputError(_("Unknown time zone: {zone}.").format(zone=value)) from None
    return value


def idle_minutes(value: int) -> int:
    if not 1 <= int(value) <= 240:
        raise InputError(_("The idle lock must be between 1 and 240 minutes."))
    return int(value)


INDONESIAN_TIME_ZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")


def free_text(value: str, field: str, *, required: bool = False, limit: int = 4000) -> str:
    """Notes, reasons, decisions: trimmed, perhaps required, never past `limit`."""
    value = value.strip()
    if required and not value:
        raise InputError(_("This field is required."), field)
    if len(value) > limit:
        raise InputError(_("This text is too long."), field)
    return value
