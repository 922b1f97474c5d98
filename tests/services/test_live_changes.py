"""Live refresh between PCs (shared mode): a change on one workstation reaches another's
listener within 2 s, as a table and an id only, and listening survives a lost
connection."""

from __future__ import annotations

import json
import queue
import threading
import time
from types import SimpleNamespace

import psycopg
import pytest

from shelter_app.services.administration import auth
from shelter_app.services.residents import records
from shelter_app.services.shared import live
from shelter_app.storage import pg_engine, pg_notify
from tests.conftest import ADMIN_PASSWORD
from tests.services.test_residents import admitted_on, person

PROMPT_S = 2.0


@pytest.fixture
def backend():
    return "server"


class Heard:
    """What a listener tells, as the GUI would receive it, from the listener's thread."""

    def __init__(self):
        self.changes: queue.Queue = queue.Queue()
        self.states: queue.Queue = queue.Queue()
        self.threads: set[str] = set()

    def on_changes(self, changes) -> None:
        self.threads.add(threading.current_thread().name)
        for change in changes:
            self.changes.put(change)

    def on_state(self, connected: bool) -> None:
        self.states.put(connected)

    def next_change(self, wanted, timeout: float = PROMPT_S):
        deadline = time.monotonic() + timeout
        while True:
            change = self.changes.get(timeout=max(0.01, deadline - time.monotonic()))
            if wanted(change):
                return change

    def next_state(self, timeout: float) -> bool:
        return self.states.get(timeout=timeout)


@pytest.fixture
def listening(login_as):
    """(listener's workspace, Heard): staff on another PC, listening."""
    staff = login_as("staff")
    heard = Heard()
    listener = live.start_listening(staff, heard.on_changes, heard.on_state)
    assert listener is not None
    assert heard.next_state(5) is True  # listening before the test changes anything
    yield staff, heard
    listener.stop()


def test_an_admission_on_one_pc_reaches_the_other_within_2_seconds(admin, listening):
    _staff, heard = listening
    started = time.monotonic()
    admitted = records.admit_new(admin, person(), admitted_on())
    change = heard.next_change(lambda c: c.table == "persons")
    assert time.monotonic() - started < PROMPT_S
    assert change == pg_notify.Change("persons", str(admitted.person_id), "insert")
    assert heard.threads == {pg_notify.LISTEN_APPLICATION}  # never the caller's thread


def test_the_server_says_which_table_and_id_and_nothing_else(admin, login_as):
    staff = login_as("staff")
    with staff.listen_connector() as connection:
        connection.execute(f"LISTEN {pg_notify.CHANNEL}")
        records.admit_new(admin, person(full_name="Siti Rahayu Wulandari"), admitted_on())
        payloads = [n.payload for n in connection.notifies(timeout=1.5)]
    assert payloads
    for payload in payloads:
        assert set(json.loads(payload)) == {"table", "id", "op"}
        assert "Siti" not in payload and "Rahayu" not in payload and "Bandara" not in payload
    assert "persons" in {json.loads(p)["table"] for p in payloads}


def _terminate_listeners(data_dir, application=pg_notify.LISTEN_APPLICATION) -> int:
    from tests import server_backend

    _info, owner = server_backend.cluster()
    database = pg_engine.ServerProfile.load(data_dir).database
    with psycopg.connect(**dict(owner, dbname="postgres"), autocommit=True) as connection:
        return len(connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name LIKE %s AND datname = %s",
            (application, database)).fetchall())


def test_a_lost_connection_is_told_then_regained_and_changes_flow_again(
        admin, listening, data_dir):
    _staff, heard = listening
    assert _terminate_listeners(data_dir) == 1
    assert heard.next_state(3) is False
    assert heard.next_state(5) is True
    # anything may have changed meanwhile: the screens are told to read it all again
    assert heard.next_change(lambda c: True, timeout=1) == live.EVERYTHING
    admitted = records.admit_new(admin, person(), admitted_on())
    change = heard.next_change(lambda c: c.table == "persons")
    assert change.id == str(admitted.person_id)


def test_nothing_is_told_after_stop(admin, login_as):
    heard = Heard()
    listener = live.start_listening(login_as("staff"), heard.on_changes, heard.on_state)
    assert heard.next_state(5) is True
    listener.stop()
    assert not listener.running
    records.admit_new(admin, person(), admitted_on())
    time.sleep(0.5)
    assert heard.changes.empty() and heard.states.empty()


def test_a_locked_workspace_keeps_no_way_to_connect_until_unlocked(admin):
    assert admin.listen_connector is not None
    auth.lock(admin)
    assert admin.listen_connector is None  # it holds the password
    assert live.start_listening(admin, lambda _c: None) is None
    auth.unlock(admin, ADMIN_PASSWORD)
    with admin.listen_connector() as connection:
        assert connection.execute("SELECT current_setting('application_name')"
                                  ).fetchone()[0] == pg_notify.LISTEN_APPLICATION


def test_a_shelter_on_one_pc_has_nothing_to_listen_to():
    on_one_pc = SimpleNamespace(is_server=False, is_locked=False, listen_connector=None)
    assert live.start_listening(on_one_pc, lambda _c: None) is None


def test_a_payload_not_ours_is_ignored():
    assert pg_notify.parse("not json") is None
    assert pg_notify.parse('{"id": 3}') is None
    assert pg_notify.parse('{"table": "persons", "id": "3", "op": "update"}') == \
        pg_notify.Change("persons", "3", "update")


def test_while_the_server_stays_away_it_keeps_trying_and_work_resumes_after(
        admin, login_as, data_dir):
    staff = login_as("staff")
    away = threading.Event()

    def connect():
        if away.is_set():
            raise psycopg.OperationalError("connection refused")
        return staff.listen_connector()

    heard = Heard()
    listener = pg_notify.Listener(connect, heard.on_changes, heard.on_state,
                                  retry_s=(0.2, 0.4))
    listener.start()
    try:
        assert heard.next_state(5) is True
        away.set()
        assert _terminate_listeners(data_dir) == 1
        assert heard.next_state(3) is False
        with pytest.raises(queue.Empty):
            heard.next_state(1.5)  # tried again and again, still away: said once
        away.clear()
        assert heard.next_state(3) is True
        assert heard.next_change(lambda c: True, timeout=1) == live.EVERYTHING
        admitted = records.admit_new(admin, person(), admitted_on())
        assert heard.next_change(lambda c: c.table == "persons").id == str(
            admitted.person_id)
    finally:
        listener.stop()


def test_work_resumes_at_the_first_save_after_the_server_was_restarted(admin, data_dir):
    records.admit_new(admin, person(), admitted_on())
    assert _terminate_listeners(data_dir, "rumah-aman%") >= 1  # as a restart does
    records.admit_new(admin, person(), admitted_on())  # the pool connects again
