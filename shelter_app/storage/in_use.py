"""Who has a shelter's database open, so that restore and rekey never replace the file
under another window or command.

Every process that opens the database holds a shared lock on `shelter.db.lock` for as
long as it has it open. Restore and rekey replace the file only while they hold that
lock exclusively, which they get only when no other process holds it: a second window
cannot go on writing into a file that has been swapped away (its saves would be lost,
or land in the restored file). The operating system drops a process's locks when it
ends, however it ends, so a crash never leaves the database claimed.

A claim changes kind (shared to exclusive and back) only while holding a second lock,
the gate (`shelter.db.gate`), for a moment: flock and LockFileEx change a lock by
dropping it and taking the other, and without the gate another process could take the
file in between.

The locks come from portalocker (flock on POSIX; LockFileEx through pywin32 on
Windows): the standard library has no shared lock on Windows (msvcrt.locking is
exclusive only), and filelock has none anywhere.
"""

from __future__ import annotations

import contextlib
import os
import time
import weakref
from pathlib import Path

from portalocker import LockFlags
from portalocker.exceptions import AlreadyLocked, LockException

from shelter_app.domain.errors import FileInUse, StorageError, storage_fault
from shelter_app.domain.errors import in_use as file_in_use
from shelter_app.i18n import _
from shelter_app.storage import faults

if os.name == "nt":
    from portalocker.portalocker import Win32Locker as _Locker
else:
    from portalocker.portalocker import FlockLocker as _Locker

# A window logging in while another restores or rekeys waits this long for it to end.
OPEN_WAIT_S = 10.0
# The gate is held for the time of two system calls: waiting longer means the process
# holding it is stopped (a debugger), not busy.
GATE_WAIT_S = 5.0
POLL_S = 0.01
SHARED, EXCLUSIVE = "shared", "exclusive"

_locker = _Locker()


class OpenElsewhere(FileInUse):
    """Another window or command has the database open: the file cannot be replaced."""


class SwapUnderway(FileInUse):
    """Another window is replacing the database (restore or rekey): it cannot be opened
    until that is done."""


def open_elsewhere() -> OpenElsewhere:
    return OpenElsewhere(_("Rumah Aman is open in another window or program on this PC: "
                           "close it, then try again. Nothing was changed."))


def swap_underway() -> SwapUnderway:
    return SwapUnderway(_("Another window on this PC is restoring a backup or giving the "
                          "database a new key. Wait until it has finished, then try again."))


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def gate_path(database: Path) -> Path:
    return database.with_name(database.name + ".gate")


def _open(path: Path, database: Path) -> int:
    """Read-only is enough to lock, and lets a read-only disk be named by the open."""
    try:
        return os.open(path, os.O_RDONLY | os.O_CREAT, 0o600)
    except OSError as error:
        if not path.parent.is_dir():
            raise StorageError(_("No shelter is set up in this data folder yet. Run the "
                                 "set-up first.")) from None
        raise (faults.probe(database) or storage_fault(error, records=True)
               or error) from None


def _try(handle: int, kind: str) -> bool:
    flags = LockFlags.SHARED if kind == SHARED else LockFlags.EXCLUSIVE
    try:
        _locker.lock(handle, flags | LockFlags.NON_BLOCKING)
    except AlreadyLocked:
        return False
    except LockException as error:  # not a conflict: the disk or system refused
        cause = error.__cause__
        fault = storage_fault(cause) if isinstance(cause, OSError) else None
        raise (fault or file_in_use()) from None
    return True


def _unlock(handle: int) -> None:
    with contextlib.suppress(LockException):
        _locker.unlock(handle)


def _close(handle: int) -> None:
    _unlock(handle)  # Windows may keep a closed handle's lock for a while
    with contextlib.suppress(OSError):
        os.close(handle)


@contextlib.contextmanager
def _gate(database: Path):
    handle = _open(gate_path(database), database)
    try:
        deadline = time.monotonic() + GATE_WAIT_S
        while not _try(handle, EXCLUSIVE):
            if time.monotonic() >= deadline:
                raise file_in_use()
            time.sleep(POLL_S)
        yield
    finally:
        _close(handle)


class InUse:
    """This process's claim on one database: shared while it has it open, exclusive while
    it replaces the file. Two claims in one process are as two processes."""

    def __init__(self, database: Path, handle: int):
        self.database = Path(database)
        self.kind: str | None = None
        self._handle = handle
        self._closer = weakref.finalize(self, _close, handle)  # a claim dropped unreleased

    @classmethod
    def shared(cls, database: Path, wait: float | None = None) -> InUse:
        """Claim the database for opening it. Waits up to `wait` seconds (OPEN_WAIT_S)
        while another window replaces it, then raises SwapUnderway."""
        database = Path(database)
        claim = cls(database, _open(lock_path(database), database))
        deadline = time.monotonic() + (OPEN_WAIT_S if wait is None else wait)
        try:
            while True:
                with _gate(database):
                    if _try(claim._handle, SHARED):
                        claim.kind = SHARED
                        return claim
                if time.monotonic() >= deadline:
                    raise swap_underway()
                time.sleep(POLL_S * 5)
        except BaseException:
            claim.release()
            raise

    @classmethod
    def exclusive(cls, database: Path) -> InUse:
        """Claim the database for replacing it, at once or never: raises OpenElsewhere
        while any other window or command (or another claim here) has it open."""
        database = Path(database)
        claim = cls(database, _open(lock_path(database), database))
        try:
            with _gate(database):
                if not _try(claim._handle, EXCLUSIVE):
                    raise open_elsewhere()
            claim.kind = EXCLUSIVE
        except BaseException:
            claim.release()
            raise
        return claim

    @property
    def held(self) -> bool:
        return self.kind is not None

    def make_exclusive(self) -> None:
        """Shared to exclusive, or OpenElsewhere and still shared."""
        if self.kind != SHARED:
            raise RuntimeError("only a shared claim can be made exclusive")
        with _gate(self.database):
            self._change(EXCLUSIVE, SHARED)
        if self.kind != EXCLUSIVE:
            raise open_elsewhere()

    def make_shared(self) -> None:
        """Exclusive to shared: others may open the (new) file again."""
        if self.kind != EXCLUSIVE:
            raise RuntimeError("only an exclusive claim can be made shared")
        with _gate(self.database):
            self._change(SHARED)

    def _change(self, *kinds: str) -> None:
        """Under the gate: drop the lock and take the first of `kinds` that is free.
        Nobody takes the exclusive lock without the gate, so shared (which this claim
        held or includes) cannot be refused; if the system still refuses, the claim is
        released rather than left looking held."""
        _unlock(self._handle)
        self.kind = None
        try:
            for wanted in kinds:
                if _try(self._handle, wanted):
                    self.kind = wanted
                    return
        finally:
            if self.kind is None:
                self.release()
        raise swap_underway()

    def release(self) -> None:
        self.kind = None
        self._handle = -1  # never touch a descriptor number the system may hand out again
        self._closer()


class NoClaim:
    """A server's workspace opened by its owner on the server: no file on this PC to
    claim (its workstations still claim their profile folder, as for a file)."""

    kind = SHARED
    held = True

    def release(self) -> None:
        self.kind = None
