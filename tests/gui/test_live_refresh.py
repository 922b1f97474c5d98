"""Live refresh in the shared mode, as a worker at one PC sees it: what another PC
changes shows on the open screen within 2 s, without losing what is being typed here,
and a lost connection to the server is said until it is back. Real Qt offscreen, a real
PostgreSQL server (tests/server_backend.py)."""

from __future__ import annotations

import psycopg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from shelter_app.gui.app import AppController
from shelter_app.gui.background import wait_for_idle
from shelter_app.gui.provisions.round_page import FIXED_COLUMNS
from shelter_app.services.residents import records
from shelter_app.storage import pg_engine, pg_notify
from tests.conftest import ADMIN_PASSWORD
from tests.services.test_residents import admitted_on, person

PROMPT_MS = 2000


@pytest.fixture
def backend():
    return "server"


def settle(qtbot, ms=50):
    assert wait_for_idle(20000)
    qtbot.wait(ms)


@pytest.fixture
def window(qtbot, shelter, data_dir, clock):
    """The administrator's main window on this PC, connected to the shelter's server."""
    controller = AppController(data_dir, clock)
    controller.start()
    controller.login.ui.usernameEdit.setText("admin")
    controller.login.ui.passwordEdit.setText(ADMIN_PASSWORD)
    qtbot.mouseClick(controller.login.ui.loginButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=15000)
    window = controller.main_window
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: listening_connections(data_dir) == 1, timeout=5000)
    settle(qtbot)
    yield window
    controller.shutdown()


@pytest.fixture
def other_pc(login_as):
    """A colleague at another PC of the same shelter."""
    return login_as("staff")


def listening_connections(data_dir, terminate: bool = False) -> int:
    from tests import server_backend

    _info, owner = server_backend.cluster()
    database = pg_engine.ServerProfile.load(data_dir).database
    what = "pg_terminate_backend(pid)" if terminate else "pid"
    with psycopg.connect(**dict(owner, dbname="postgres"), autocommit=True) as connection:
        return len(connection.execute(
            f"SELECT {what} FROM pg_stat_activity "  # noqa: S608 - our own two words
            "WHERE application_name = %s AND datname = %s",
            (pg_notify.LISTEN_APPLICATION, database)).fetchall())


def test_a_resident_admitted_at_another_pc_appears_in_the_open_list_within_2_s(
        window, other_pc, qtbot):
    window.show_area("residents")
    page = window.areas["residents"].list_page
    settle(qtbot)
    assert page.model.rowCount() == 0
    page.search.setFocus()
    qtbot.keyClicks(page.search, "RA-")  # typed here meanwhile: kept
    settle(qtbot, 200)
    admitted = records.admit_new(other_pc, person(), admitted_on())
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=PROMPT_MS)
    assert page.model.person_id(0) == admitted.person_id
    assert page.search.text() == "RA-"
    qtbot.waitUntil(lambda: "1 people present" in window.areas["residents"].counts.text(),
                    timeout=PROMPT_MS)


def test_the_round_takes_in_another_pcs_admission_and_keeps_what_is_typed_here(
        window, other_pc, qtbot):
    records.admit_new(other_pc, person(), admitted_on())
    window.show_area("provisions")
    page = window.areas["provisions"].round
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=5000)
    settle(qtbot)
    page.table.item(0, FIXED_COLUMNS).setText("3")  # changed, not confirmed yet
    page.table.setCurrentCell(0, FIXED_COLUMNS + 1)
    page.table.editItem(page.table.currentItem())  # and a cell being typed in
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.setText("2")
    records.admit_new(other_pc, person(full_name="Rina Susanti"), admitted_on())
    qtbot.wait(PROMPT_MS)
    assert page.table.rowCount() == 1, "not read again under the cell being typed in"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=PROMPT_MS)
    row = next(row for row, line in enumerate(page.lines) if line.stay_id in page.edited)
    assert page.table.item(row, FIXED_COLUMNS).text() == "3"
    assert page.table.item(row, FIXED_COLUMNS + 1).text() == "2"


def test_a_lost_connection_shows_the_banner_until_the_server_is_back(
        window, other_pc, qtbot, data_dir):
    window.show_area("residents")
    page = window.areas["residents"].list_page
    banner = window.live.banner
    settle(qtbot)
    assert banner.isHidden()
    assert listening_connections(data_dir, terminate=True) == 1
    qtbot.waitUntil(lambda: not banner.isHidden(), timeout=3000)
    assert "cannot be reached: reconnecting" in banner.text()
    qtbot.waitUntil(banner.isHidden, timeout=5000)
    admitted = records.admit_new(other_pc, person(), admitted_on())  # and changes flow
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=PROMPT_MS)
    assert page.model.person_id(0) == admitted.person_id


def test_a_locked_window_stops_listening_and_starts_again_when_unlocked(
        window, other_pc, qtbot, data_dir):
    window.show_area("residents")
    page = window.areas["residents"].list_page
    settle(qtbot)
    window.lock()
    qtbot.waitUntil(lambda: window.workspace.is_locked, timeout=10000)
    qtbot.waitUntil(lambda: listening_connections(data_dir) == 0, timeout=3000)
    records.admit_new(other_pc, person(), admitted_on())
    window.lock_screen.password.setText(ADMIN_PASSWORD)
    window.lock_screen.unlock()
    qtbot.waitUntil(lambda: not window.locked, timeout=10000)
    # what changed while it was locked shows at once, and listening goes on
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=PROMPT_MS)
    qtbot.waitUntil(lambda: listening_connections(data_dir) == 1, timeout=3000)


def test_the_dashboard_counts_another_pcs_admission_within_2_s(window, other_pc, qtbot):
    window.show_area("dashboard")
    board = window.areas["dashboard"]
    qtbot.waitUntil(lambda: board.tiles["present"].value.text() == "0", timeout=5000)
    records.admit_new(other_pc, person(), admitted_on())
    qtbot.waitUntil(lambda: board.tiles["present"].value.text() == "1", timeout=PROMPT_MS)
