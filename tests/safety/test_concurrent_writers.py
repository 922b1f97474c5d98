"""Writers wait their turn: several windows or commands saving at the same moment all
succeed, one after the other, and the audit chain stays whole."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from shelter_app.domain.models import AuditEvent
from shelter_app.services.administration import auth, backup
from shelter_app.services.shared import audit
from tests.conftest import ADMIN_PASSWORD

WRITER = Path(__file__).with_name("audited_writer.py")
PROCESSES, OPERATIONS = 3, 8


def _events(workspace) -> int:
    with workspace.session() as session:
        return session.scalar(select(func.count(AuditEvent.id)))


def _start_writers(data_dir: Path, count: int, operations: int) -> list[subprocess.Popen]:
    env = dict(os.environ, SHELTER_PASSWORD=ADMIN_PASSWORD,
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    writers = [subprocess.Popen([sys.executable, str(WRITER), str(data_dir), str(operations)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                env=env) for _ in range(count)]
    for writer in writers:
        assert writer.stdout.readline().strip() == "ready"
    for writer in writers:  # all at once, as near as processes can be
        writer.stdin.write("go\n")
        writer.stdin.flush()
    return writers


def _outcomes(writers: list[subprocess.Popen]) -> list[str]:
    try:
        return [line for writer in writers
                for line in writer.communicate(timeout=300)[0].splitlines()]
    finally:
        for writer in writers:
            writer.kill()


def test_three_processes_writing_at_once_all_succeed_and_the_chain_holds(
        no_keyring, shelter, data_dir, clock):
    first = auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    before = _events(first)
    auth.logout(first)
    outcomes = _outcomes(_start_writers(data_dir, PROCESSES, OPERATIONS))
    assert [line for line in outcomes if line != "ok"] == []
    assert len(outcomes) == PROCESSES * OPERATIONS
    workspace = auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    assert workspace.notices == []  # the copy beside the key file kept up with them all
    with workspace.session() as session:
        assert audit.verify_chain(session).ok
    # the logout above; per process a warm-up login and logout, and per operation its
    # login, export and logout; and this login
    assert _events(workspace) == before + 1 + PROCESSES * (2 + 3 * OPERATIONS) + 1
    workspace.close_database()


def test_a_backup_while_others_write_is_whole_and_succeeds(no_keyring, shelter, data_dir,
                                                           clock, tmp_path):
    workspace = auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    writers = _start_writers(data_dir, 2, OPERATIONS)
    made = 0
    try:
        while made == 0 or any(writer.poll() is None for writer in writers):
            backup.backup(workspace, tmp_path / f"copy-{made}.rabackup", "cadangan kunci")
            made += 1
    finally:
        outcomes = _outcomes(writers)
    assert [line for line in outcomes if line != "ok"] == []
    auth.logout(workspace)


def test_two_connections_in_one_process_appending_at_once_both_succeed(admin, monkeypatch):
    """The first has read the chain's head when the second appends (as the background
    worker and a second window can): both must be saved, one after the other."""
    first_read_the_head, second_done = threading.Event(), threading.Event()
    errors: list[BaseException] = []
    real_event_hash, first = audit.event_hash, threading.current_thread()

    def event_hash(*parts):  # runs between reading the head and writing the new one
        if threading.current_thread() is first:
            first_read_the_head.set()
            # Only gives the second the chance to slip in between: once writers wait
            # their turn, it cannot finish before this transaction ends.
            second_done.wait(1)
        return real_event_hash(*parts)

    def second() -> None:
        try:
            first_read_the_head.wait(10)
            with admin.session() as session:
                admin.audit(session, audit.Action.VIEW, "person", "2")
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            second_done.set()

    monkeypatch.setattr(audit, "event_hash", event_hash)
    thread = threading.Thread(target=second)
    thread.start()
    try:
        with admin.session() as session:
            admin.audit(session, audit.Action.VIEW, "person", "1")
    finally:
        thread.join(60)
    assert errors == []
    with admin.session() as session:
        assert audit.verify_chain(session).ok
        last = [(e.action, e.entity_id) for e in audit.recent(session, 2)]
    assert sorted(last) == [("view", "1"), ("view", "2")]


def test_a_transaction_inside_another_on_one_thread_is_refused_at_once(admin):
    """It would wait for the outer one, which waits for it: refused, not hung."""
    with admin.session() as session:
        admin.audit(session, audit.Action.VIEW, "person", "1")
        with pytest.raises(RuntimeError, match="inside another"), admin.session():
            pass
    with admin.session() as session:  # the outer one was saved, and work goes on
        assert audit.recent(session, 1)[0].entity_id == "1"
