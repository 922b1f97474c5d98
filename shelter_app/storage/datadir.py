"""What lives in a shelter's data folder."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from shelter_app.domain.errors import StorageError
from shelter_app.i18n import _
from shelter_app.storage.atomic import atomic_write, fsync_dir


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
        return (self.root / "shelter.db.rekey", self.root / "keys.json.rekey")

    def finish_interrupted_rekey(self) -> None:
        """A new master key is swapped in as database first, key file second: finish a
        swap that stopped half-way, or drop one that never started."""
        new_db, new_keys = self.pending_rekey
        if new_keys.exists() and not new_db.exists():
            os.replace(new_keys, self.key_file)
            fsync_dir(self.root)
            return
        for leftover in (new_db, new_keys):
            if leftover.exists():
                leftover.unlink()

    def is_set_up(self) -> bool:
        return self.key_file.exists()

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
