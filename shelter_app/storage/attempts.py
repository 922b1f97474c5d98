"""Failed logins, kept outside the encrypted database (which a failed login cannot
open) so that a lockout survives a restart. Holds user names of staff, never
anything about residents. Events here are moved into the audit log at the next
successful login."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from shelter_app.storage.atomic import atomic_write

MAX_FAILURES = 6
LOCKOUT = dt.timedelta(minutes=30)


class LoginAttempts:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._data = self._read()

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            if isinstance(data, dict) and isinstance(data.get("users"), dict):
                data.setdefault("pending_events", [])
                return data
        except (OSError, ValueError):
            pass
        return {"users": {}, "pending_events": []}

    def _save(self) -> None:
        atomic_write(self.path, json.dumps(self._data, sort_keys=True).encode("utf-8"))

    def locked_until(self, username: str, now: dt.datetime) -> dt.datetime | None:
        entry = self._data["users"].get(username)
        if not entry or not entry.get("locked_until"):
            return None
        until = dt.datetime.fromisoformat(entry["locked_until"])
        return until if until > now else None

    def record_failure(self, username: str, now: dt.datetime, known_user: bool) -> dt.datetime | None:
        """Count a failure; returns the lock's end when this failure locks the user."""
        self._data["pending_events"].append(
            {"at": now.isoformat(), "username": username if known_user else "?",
             "action": "login_failed"})
        locked = None
        if known_user:
            entry = self._data["users"].setdefault(username, {"failures": 0})
            if entry.get("locked_until") and not self.locked_until(username, now):
                entry["failures"] = 0  # the previous lock has run out: start again
                entry.pop("locked_until", None)
            entry["failures"] += 1
            if entry["failures"] >= MAX_FAILURES:
                locked = now + LOCKOUT
                entry["locked_until"] = locked.isoformat()
                self._data["pending_events"].append(
                    {"at": now.isoformat(), "username": username, "action": "account_locked"})
        self._save()
        return locked

    def record_success(self, username: str) -> None:
        if self._data["users"].pop(username, None) is not None:
            self._save()

    def clear(self, username: str) -> None:
        self.record_success(username)

    def pending_events(self) -> list[dict]:
        return list(self._data["pending_events"])

    def drop_pending(self, count: int) -> None:
        """Forget the first `count` events, once they are safely in the audit log."""
        if count:
            del self._data["pending_events"][:count]
            self._save()
