"""Failed logins, kept outside the encrypted database (which a failed login cannot
open) so that a lockout survives a restart. Holds user names of staff, never
anything about residents. Events here are moved into the audit log at the next
successful login. Anyone can delete this file to reset lockouts: its random generation,
kept in the database too, shows at the next login that it was (auth._flush_failed_logins)."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from shelter_app.storage.atomic import atomic_write

MAX_FAILURES = 6
LOCKOUT = dt.timedelta(minutes=30)


def _is_time(value) -> bool:
    if not isinstance(value, str):
        return False
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return parsed.tzinfo is not None


class LoginAttempts:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._data = self._read()

    def _read(self) -> dict:
        """The file as far as it makes sense; anything malformed is dropped, never
        trusted and never a crash (it lies outside the database, so anyone can edit it)."""
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            data = None
        users, events = {}, []
        if isinstance(data, dict):
            for name, entry in (data.get("users") or {}).items() if isinstance(
                    data.get("users"), dict) else ():
                if isinstance(entry, dict) and isinstance(entry.get("failures", 0), int):
                    clean = {"failures": max(0, entry.get("failures", 0))}
                    if _is_time(entry.get("locked_until")):
                        clean["locked_until"] = entry["locked_until"]
                    users[str(name)] = clean
            for event in data.get("pending_events") or [] if isinstance(
                    data.get("pending_events"), list) else []:
                if (isinstance(event, dict) and _is_time(event.get("at"))
                        and all(isinstance(event.get(k), str) for k in ("username", "action"))):
                    events.append({k: event[k] for k in ("at", "username", "action")})
        generation = data.get("generation") if isinstance(data, dict) else None
        if not (isinstance(generation, str) and len(generation) == 32):
            generation = None
        return {"users": users, "pending_events": events, "generation": generation}

    def _save(self) -> None:
        atomic_write(self.path, json.dumps(self._data, sort_keys=True).encode("utf-8"))

    @property
    def generation(self) -> str | None:
        """A random name this file was given when first made, kept in the database too: a
        file deleted or replaced (to reset lockouts) no longer carries the same one."""
        return self._data["generation"]

    def start_generation(self) -> str:
        self._data["generation"] = os.urandom(16).hex()
        self._save()
        return self._data["generation"]

    def locked_until(self, username: str, now: dt.datetime) -> dt.datetime | None:
        entry = self._data["users"].get(username)
        if not entry or not entry.get("locked_until"):
            return None
        until = dt.datetime.fromisoformat(entry["locked_until"])
        return until if until > now else None

    def record_failure(self, username: str, now: dt.datetime, known_user: bool,
                       action: str = "login_failed") -> dt.datetime | None:
        """Count a failure (a login, or a password typed again while logged in: one count
        for both); returns the lock's end when this failure locks the user."""
        self._data["pending_events"].append(
            {"at": now.isoformat(), "username": username if known_user else "?",
             "action": action})
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
