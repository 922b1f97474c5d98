"""Errors that carry one clear, already translated message for the user."""

from __future__ import annotations

import errno

from shelter_app.i18n import _


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


class RecordChanged(InputError):
    """Someone else saved the record (on another computer, or in another window) since
    this screen read it: nothing of this change was saved, and nothing of theirs was
    overwritten. The user reloads and makes the change again."""

    def __init__(self, message: str = "", field: str = ""):
        super().__init__(message or _("Someone else changed this record. Reload it and "
                                      "make your change again."), field)


class PermissionDenied(ShelterError):
    exit_code = 3


class AuthenticationError(ShelterError):
    exit_code = 4


class StorageError(ShelterError):
    """The data folder, key file or database cannot be used as it is."""

    exit_code = 5
    # Whether restoring a backup is the way out. Only for records that really are
    # damaged: a shelter that restores because of a full disk loses its recent work.
    offers_restore = False


class Locked(StorageError):
    """The user locked the app or logged out: the records are closed until a login. The
    lock screen says so; work that was still running when it happened has nobody to
    tell (gui/background.py drops it)."""

    def __init__(self):
        super().__init__(_("The app is locked. Log in again."))


class DatabaseDamaged(StorageError):
    """The database opens but its pages or structure are not sound."""

    offers_restore = True


class StorageFault(StorageError):
    """The disk, folder or file refuses (full, read-only, no permission, in use, a
    device error): the records themselves are as they were. Never offers a restore."""


class DiskFull(StorageFault):
    pass


class ReadOnlyStorage(StorageFault):
    pass


class NoStoragePermission(StorageFault):
    pass


class FileInUse(StorageFault):
    pass


class DeviceError(StorageFault):
    pass


_WINDOWS_SHARING_VIOLATION, _WINDOWS_LOCK_VIOLATION = 32, 33


def _records_untouched() -> str:
    return _("The records are not damaged: do not restore a backup because of this. "
             "A change being saved at that moment was not saved.")


def disk_full(records: bool = False) -> DiskFull:
    return DiskFull(_join(_("The disk is full. Free some space on it, then try again."),
                          records))


def read_only(records: bool = False, file: bool = False) -> ReadOnlyStorage:
    reason = (_("The file is marked read-only. Make it writable, then try again.") if file
              else _("The disk or folder is read-only (for example a write-protected USB "
                     "stick). Make it writable, then try again."))
    return ReadOnlyStorage(_join(reason, records))


def no_permission(records: bool = False) -> NoStoragePermission:
    return NoStoragePermission(_join(_(
        "This computer account has no permission to use these files. Ask whoever looks "
        "after the computer for access, then try again."), records))


def in_use(records: bool = False) -> FileInUse:
    return FileInUse(_join(_(
        "Another program is using the file (another Rumah Aman, or a backup, sync or "
        "antivirus program). Wait or close it, then try again."), records))


def device_error() -> DeviceError:
    return DeviceError(_("The disk could not be read or written. Check that the drive or "
                         "USB stick is still connected, then try again. If it happens "
                         "again, run the database check."))


def _join(reason: str, records: bool) -> str:
    return f"{reason} {_records_untouched()}" if records else reason


def storage_fault(error: OSError, records: bool = False) -> StorageFault | None:
    """The fault an operating-system error names (by errno, never by its English text),
    or None for one that is not about the disk. `records`: it happened to the records
    (database or key file), which an atomic write or a transaction left whole."""
    if getattr(error, "winerror", None) in (_WINDOWS_SHARING_VIOLATION,
                                            _WINDOWS_LOCK_VIOLATION):
        return in_use(records)
    code = error.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return disk_full(records)
    if code == errno.EROFS:
        return read_only(records)
    if code in (errno.EACCES, errno.EPERM):
        return no_permission(records)
    if code in (errno.EBUSY, errno.ETXTBSY):
        return in_use(records)
    if code == errno.EIO:
        return device_error()
    return None
