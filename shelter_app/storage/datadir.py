"""What lives in a shelter's data folder."""

from __future__ import annotations

import contextlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from shelter_app.domain.errors import StorageError
from shelter_app.i18n import _
from shelter_app.storage.atomic import atomic_write, fsync_dir

SERVER_PROFILE_FILE = "server.json"  # a server's workstation (storage/pg_engine.py)


@dataclass(frozen=True)
class DataDir:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "shelter.db"

    @property
    def key_file(self) -> Path:
        return self.root / "keys.json"

    @property
    def audit_anchor(self) -> Path:
        """The audit chain's head, sealed, outside the database (storage/audit_anchor.py)."""
        return self.root / "audit-anchor.json"

    @property
    def attempts_file(self) -> Path:
        return self.root / "login-attempts.json"

    @property
    def preferences_file(self) -> Path:
        """Plain, non-personal preferences needed before login (the language)."""
        return self.root / "preferences.json"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def pending_rekey(self) -> tuple[Path, Path]:
        """The new database and key file of a swap (rekey or restore), beside the old."""
        return (self.root / "shelter.db.rekey", self.root / "keys.json.rekey")

    @property
    def pending_anchor(self) -> Path:
        """The audit anchor that goes with the new database (storage/audit_anchor.py)."""
        return self.root / "audit-anchor.json.rekey"

    def swap_in_pending(self) -> None:
        """Put the pending database, audit anchor and key file in place, in that order;
        each rename is atomic, and `finish_interrupted_rekey` completes a swap a crash
        stopped. The caller wrote all three first (the key file last) and holds the
        database's exclusive claim."""
        new_db, new_keys = self.pending_rekey
        for leftover in ("shelter.db-wal", "shelter.db-shm"):
            with contextlib.suppress(FileNotFoundError):
                (self.root / leftover).unlink()
        os.replace(new_db, self.database)
        fsync_dir(self.root)
        self._finish_swap()

    def _finish_swap(self) -> None:
        _new_db, new_keys = self.pending_rekey
        if self.pending_anchor.exists():
            os.replace(self.pending_anchor, self.audit_anchor)
            fsync_dir(self.root)
        os.replace(new_keys, self.key_file)
        fsync_dir(self.root)

    def finish_interrupted_rekey(self) -> None:
        """A swap (rekey or restore) goes database first, then anchor, then key file:
        finish one that stopped half-way, or drop one that never started."""
        new_db, new_keys = self.pending_rekey
        if new_keys.exists() and not new_db.exists():
            self._finish_swap()
            return
        for leftover in (new_db, self.pending_anchor, new_keys):
            if leftover.exists():
                leftover.unlink()

    def tighten(self) -> None:
        """Only this user's account may read the folder and what is in it: a folder made
        by hand, copied or unpacked with the umask's 0755 and 0644 is closed at start.
        (POSIX only: on Windows the profile folder's own access list does this.)"""
        if os.name != "posix" or not self.root.is_dir():
            return
        if stat.S_IMODE(self.root.stat().st_mode) & 0o077:
            os.chmod(self.root, 0o700)
        for path in self.root.iterdir():
            with contextlib.suppress(OSError):  # another user's file: left as it is
                info = path.lstat()
                if stat.S_IMODE(info.st_mode) & 0o077:
                    if stat.S_ISREG(info.st_mode):
                        os.chmod(path, 0o600)
                    elif stat.S_ISDIR(info.st_mode):
                        os.chmod(path, 0o700)

    @property
    def server_profile(self) -> Path:
        """A workstation of a shared server keeps its connection here instead of a
        database and key file (storage/pg_engine.py)."""
        return self.root / SERVER_PROFILE_FILE

    def is_server(self) -> bool:
        return self.server_profile.exists()

    def is_set_up(self) -> bool:
        return self.key_file.exists() or self.server_profile.exists()

    def ensure_writable(self) -> None:
        """Create the folder if needed and prove that a file can be written there."""
        try:
            self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
            probe = self.root / ".write-test"
            atomic_write(probe, b"ok")
            probe.unlink()
        except OSError as error:
            raise StorageError(_("The data folder cannot be written to ({reason}).").format(
                reason=os.strerror(error.errno) if error.errno else type(error).__name__)) from None

    def read_preferences(self) -> dict:
        try:
            data = json.loads(self.preferences_file.read_text("utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def write_preferences(self, **values) -> None:
        prefs = self.read_preferences() | values
        try:
            atomic_write(self.preferences_file, json.dumps(prefs).encode("utf-8"), mode=0o600)
        except OSError:
            pass  # a preference is a comfort; never block the user for it
