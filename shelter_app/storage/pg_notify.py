"""Live refresh between PCs: every change to a record says so on one channel, with the
table's name and the record's id only (never what the record says).

`install` puts one trigger function and a trigger per table on the server (the owner
runs it with the grants, storage/pg_schema.py). `Listener` hears them on a workstation,
on a connection of its own, and connects again when that connection is lost.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

log = logging.getLogger(__name__)
CHANNEL = "rumah_aman_changes"
# Tables whose changes no screen shows, or that would only repeat another's notice.
QUIET_TABLES = frozenset({"alembic_version", "audit_events", "person_search",
                          "portable_slots", "sealed_role_keys", "public_keys"})

TRIGGER_FUNCTION = f"""
CREATE OR REPLACE FUNCTION ra_notify_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_row jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
BEGIN
    PERFORM pg_notify('{CHANNEL}', json_build_object(
        'table', TG_TABLE_NAME, 'id', coalesce(v_row ->> 'id', ''), 'op', lower(TG_OP)
    )::text);
    RETURN NULL;
END $$;
"""


def install(connection: Connection) -> None:
    from shelter_app.storage.pg_schema import run_block

    run_block(connection, TRIGGER_FUNCTION)
    tables = connection.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars()
    for table in tables:
        if table in QUIET_TABLES:
            continue
        connection.exec_driver_sql(f'DROP TRIGGER IF EXISTS ra_notify ON "{table}"')
        connection.exec_driver_sql(
            f'CREATE TRIGGER ra_notify AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION ra_notify_change()")


# -- listening: another PC's changes, as they happen -----------------------------------
LISTEN_APPLICATION = "rumah-aman-listen"  # the listener's own connection, by this name
BATCH_S = 0.2  # changes arriving within this long go to the screens together
RETRY_S = (1.0, 2.0, 5.0)  # waits between attempts to connect again, the last repeated
HEARTBEAT_S = 10.0  # a quiet connection is asked something now and then: a dead one shows


@dataclass(frozen=True)
class Change:
    """One record changed: its table, its id (as text; '' for a table without one) and
    "insert", "update" or "delete". Nothing of what the record says."""

    table: str
    id: str
    op: str


# After the connection was lost: anything may have changed meanwhile, reload it all.
EVERYTHING = Change("*", "", "reconnected")


def parse(payload: str) -> Change | None:
    try:
        data = json.loads(payload)
        return Change(str(data["table"]), str(data.get("id", "")), str(data.get("op", "")))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None  # not one of ours: ignored


def connector(profile, username: str, password: str) -> Callable[[], object]:
    """A callable that opens a new listening connection as this user (for the workspace
    to keep while it is open: the listener connects again after a loss). The password
    stays inside it; it is never logged or shown."""
    import psycopg

    from shelter_app.storage.pg_engine import connect_kwargs

    arguments = dict(connect_kwargs(profile, username, password),
                     application_name=LISTEN_APPLICATION,
                     # a server that vanished without a word (cable, power) is noticed
                     # within seconds, not after the system's two-hour TCP default
                     keepalives=1, keepalives_idle=5, keepalives_interval=2,
                     keepalives_count=2, tcp_user_timeout=5000)

    def connect():
        return psycopg.connect(**arguments, autocommit=True)

    return connect


class Listener:
    """LISTEN on its own connection in a thread of its own. `on_changes(list[Change])` gets
    each batch; `on_state(connected)` each time the connection is lost or back; after a
    loss, the first batch is [EVERYTHING]. Both are called on the listener's thread, never
    after `stop()` has returned."""

    def __init__(self, connect: Callable[[], object],
                 on_changes: Callable[[list[Change]], None],
                 on_state: Callable[[bool], None] | None = None, *,
                 batch_s: float = BATCH_S, retry_s: tuple[float, ...] = RETRY_S,
                 heartbeat_s: float = HEARTBEAT_S):
        self._connect, self._on_changes = connect, on_changes
        self._on_state = on_state or (lambda _connected: None)
        self._batch_s, self._retry_s, self._heartbeat_s = batch_s, retry_s, heartbeat_s
        self._stopping = threading.Event()
        self._calling = threading.RLock()  # stop() from a callback must not wait on itself
        self._thread = threading.Thread(target=self._run, name=LISTEN_APPLICATION,
                                        daemon=True)
        self.connected: bool | None = None  # None until the first attempt is over

    def start(self) -> Listener:
        self._thread.start()
        return self

    def stop(self, wait_s: float = 1.0) -> None:
        with self._calling:  # a callback under way finishes first; none starts after
            self._stopping.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(wait_s)  # one still connecting closes once it has

    @property
    def running(self) -> bool:
        return self._thread.is_alive() and not self._stopping.is_set()

    def _tell(self, callback, value) -> None:
        with self._calling:
            if self._stopping.is_set():
                return
            try:
                callback(value)
            except Exception as error:  # a screen's fault must not end the listening
                log.error("live refresh: %s in a callback", type(error).__name__)

    def _state(self, connected: bool) -> None:
        if connected != self.connected:
            self.connected = connected
            self._tell(self._on_state, connected)

    def _run(self) -> None:
        failures, first = 0, True
        while not self._stopping.is_set():
            try:
                connection = self._connect()
            except Exception:  # refused, unreachable, timed out: tried again below
                connection = None
            if connection is not None:
                failures = 0
                self._listen(connection, reload_first=not first)
            first = False
            if self._stopping.is_set():
                break
            self._state(False)
            self._stopping.wait(self._retry_s[min(failures, len(self._retry_s) - 1)])
            failures += 1

    def _listen(self, connection, reload_first: bool) -> None:
        import psycopg

        try:
            connection.execute(f"LISTEN {CHANNEL}")
            self._state(True)
            if reload_first:
                self._tell(self._on_changes, [EVERYTHING])
            heard = time.monotonic()
            while not self._stopping.is_set():
                batch = [parse(n.payload) for n in connection.notifies(timeout=self._batch_s)]
                batch = list(dict.fromkeys(c for c in batch if c is not None))
                if batch:
                    self._tell(self._on_changes, batch)
                    heard = time.monotonic()
                elif time.monotonic() - heard > self._heartbeat_s:
                    connection.execute("SELECT 1")
                    heard = time.monotonic()
        except (psycopg.Error, OSError):
            pass  # lost: the caller says so and connects again
        finally:
            with contextlib.suppress(Exception):
                connection.close()
