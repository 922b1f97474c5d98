"""Two computers saving at once: nothing of either is lost or silently overwritten.

On one PC every transaction holds the write lock from its start (storage/engine.py), so
saves take turns. On a shared server two transactions run side by side (READ COMMITTED):

- a record a screen edits carries a version (models.Versioned). A service that saves what
  a form showed is given the version the form read (`expected_version`) and refuses a
  record changed since (`claim`); a save that meets a newer version at the database
  fails there, and the workspace tells it as RecordChanged;
- a rule checked in Python over several rows (a bed free, a room or counsellor free, a
  day's round not saved meanwhile) is checked under a transaction-scoped advisory lock
  (`serialise`), so the second computer checks after the first has saved.
"""

from __future__ import annotations

from enum import IntEnum

from sqlalchemy import text
from sqlalchemy.orm import Session, object_session

from shelter_app.domain.errors import RecordChanged


class Lock(IntEnum):
    """The first key of a two-key advisory lock (pg_schema's audit lock uses the one-key
    form, which PostgreSQL keeps apart)."""

    BOOKINGS = 74_301  # any session: clashes are among counsellors, residents and rooms
    BED = 74_302  # second key: the bed
    PROVISION_ROUND = 74_303  # second key: the day (its ordinal)


def serialise(session: Session, lock: Lock, key: int = 0) -> None:
    """Wait for any other transaction holding `lock` (for `key`) to end, and hold it
    until this one ends. Nothing to do on one PC, where writers take turns already."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:lock, :key)"),
                        {"lock": int(lock), "key": int(key)})


def claim(row, expected_version: int | None) -> None:
    """Refuse `row` when it is no longer at the version the screen read (None: the
    caller read nothing earlier, e.g. the command line), and count its version up now,
    before anything else is written: on a server a second computer saving the same
    record waits here for the first and is then refused (StaleDataError, RecordChanged),
    even when only its child rows change (a session's participants)."""
    if expected_version is not None and row.version != expected_version:
        raise RecordChanged()
    row.version = row.version + 1
    object_session(row).flush()
