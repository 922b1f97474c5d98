"""The set-up wizard's first choice: this PC only (the usual set-up, unchanged) or
shared, where this PC becomes a workstation of the shelter's server and goes to login."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QWizard

from shelter_app.gui.setup_wizard import SetupWizard
from shelter_app.services.administration import server_connect
from shelter_app.storage import pg_server, pg_tls
from tests import server_backend
from tests.conftest import ADMIN_PASSWORD, LIGHT_KDF

CONNECT = QWizard.WizardButton.FinishButton


def on_the_server_page(qtbot, data_dir) -> SetupWizard:
    wizard = SetupWizard(data_dir)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.welcome.shared.setChecked(True)
    wizard.next()
    assert wizard.currentPage() is wizard.server
    return wizard


def choose(wizard, monkeypatch, ca_file: Path) -> None:
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName",
                        lambda *a, **k: (str(ca_file), ""))
    wizard.server.choose_button.click()


def another_ca(tmp_path) -> Path:
    path = tmp_path / "another-ca.pem"
    path.write_bytes(pg_tls.make_ca("Another shelter")[0])
    return path


def cluster_ca() -> tuple[object, Path]:
    info, _owner = server_backend.cluster()
    return info, Path(info.pgdata) / "rumah-aman-ca.pem"


def test_this_pc_only_is_the_usual_choice_and_leads_to_the_usual_set_up(qtbot, data_dir):
    wizard = SetupWizard(data_dir)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.welcome.this_pc_only.isChecked() and not wizard.welcome.shared.isChecked()
    assert "the usual choice" in wizard.welcome.this_pc_only.text()
    wizard.next()
    assert wizard.currentPage() is wizard.shelter
    wizard.back()
    wizard.welcome.shared.setChecked(True)
    wizard.next()
    assert wizard.currentPage() is wizard.server
    assert wizard.server.port.value() == 5432
    back = wizard.button(QWizard.WizardButton.BackButton)
    assert back.isVisible()  # a last page, but the choice can be changed
    back.click()
    assert wizard.currentPage() is wizard.welcome


def test_the_recovery_key_page_still_has_no_way_back(qtbot, data_dir):
    from tests.gui.setup_steps import wizard_on_the_recovery_page

    wizard = wizard_on_the_recovery_page(qtbot, data_dir)
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()
    wizard.recovery.kept.setChecked(True)
    with qtbot.waitSignal(wizard.finished_setup, timeout=10000):
        wizard.button(QWizard.WizardButton.FinishButton).click()


def test_the_certificate_s_fingerprint_is_shown_to_compare_before_connecting(
        qtbot, data_dir, monkeypatch, tmp_path):
    wizard = on_the_server_page(qtbot, data_dir)
    page = wizard.server
    assert wizard.button(CONNECT).text() == "&Connect"
    assert "shelter-app server init" in page.explanation.text()
    assert "own account" in page.explanation.text()
    assert not wizard.button(CONNECT).isEnabled()
    ca = another_ca(tmp_path)
    choose(wizard, monkeypatch, ca)
    fingerprint = pg_tls.fingerprint(ca.read_bytes())
    assert page.fingerprint.text().replace("\n", "").endswith(fingerprint)
    assert page.compare_note.isVisibleTo(page)
    assert page.compare_note.text() == "Compare it with the fingerprint the server printed."
    assert not wizard.button(CONNECT).isEnabled()  # no address yet
    page.host.setText("server-kantor")
    assert wizard.button(CONNECT).isEnabled()

    not_a_certificate = tmp_path / "notes.pem"
    not_a_certificate.write_text("not a certificate")
    choose(wizard, monkeypatch, not_a_certificate)
    assert "notes.pem is not a certificate" in page.message.text()
    assert page.fingerprint.text() == "" and not page.compare_note.isVisibleTo(page)
    assert not wizard.button(CONNECT).isEnabled()


def tab_order(start, count: int) -> list:
    """The next `count` fields the Tab key reaches from `start` (a spin box once, not
    also its inner line edit)."""
    reached, widget = [], start
    while len(reached) < count:
        widget = widget.nextInFocusChain()
        if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible()
                and not isinstance(widget.parent(), QAbstractSpinBox)):
            reached.append(widget)
    return reached


def test_the_page_is_used_from_the_keyboard(qtbot, data_dir):
    from tests.gui.test_keyboard import labels_without_buddy, visible_alt_keys

    wizard = on_the_server_page(qtbot, data_dir)
    page = wizard.server
    assert [label.buddy() for label in page.labels] == [page.host, page.port, page.ca_file]
    assert labels_without_buddy(wizard) == []
    assert visible_alt_keys(wizard) == {}
    assert tab_order(page.host, 3) == [page.port, page.ca_file, page.choose_button]
    wizard.back()
    assert visible_alt_keys(wizard) == {}


def test_no_server_at_that_address_shows_one_message_and_saves_nothing(
        qtbot, data_dir, monkeypatch, tmp_path):
    wizard = on_the_server_page(qtbot, data_dir)
    page = wizard.server
    page.host.setText("127.0.0.1")
    page.port.setValue(pg_server.free_port())
    choose(wizard, monkeypatch, another_ca(tmp_path))
    wizard.button(CONNECT).click()
    qtbot.waitUntil(lambda: "No answer" in page.message.text(), timeout=15000)
    assert wizard.currentPage() is page and wizard.isVisible()
    assert wizard.button(CONNECT).isEnabled()  # to try again
    assert not data_dir.exists()


def test_a_certificate_from_another_shelter_shows_the_message_and_saves_nothing(
        qtbot, data_dir, monkeypatch, tmp_path):
    info, _ca = cluster_ca()
    wizard = on_the_server_page(qtbot, data_dir)
    page = wizard.server
    page.host.setText("127.0.0.1")
    page.port.setValue(info.port)
    choose(wizard, monkeypatch, another_ca(tmp_path))
    wizard.button(CONNECT).click()
    qtbot.waitUntil(lambda: "not from this shelter's certificate file" in
                    page.message.text(), timeout=15000)
    assert wizard.currentPage() is page and wizard.isVisible()
    assert not data_dir.exists()


@pytest.fixture
def server_shelter(request, tmp_path):
    """A database on the throwaway server holding a shelter (administrator "admin")."""
    info, database, _recovery = server_backend.shelter_database(
        request, ADMIN_PASSWORD, LIGHT_KDF, tmp_path / "owner")
    return info, database


def test_the_wizard_connects_and_the_app_goes_to_the_login_on_the_server(
        qtbot, data_dir, monkeypatch, server_shelter, clock):
    from shelter_app.gui.app import AppController

    info, database = server_shelter
    # The server's database is usually "rumah_aman"; this test's shelter has its own.
    monkeypatch.setattr(server_connect, "connect_workstation", functools.partial(
        server_connect.connect_workstation, database=database))
    controller = AppController(data_dir, clock)
    controller.quit = lambda: None
    controller.start()
    wizard = controller.wizard
    wizard.welcome.shared.setChecked(True)
    wizard.next()
    wizard.server.host.setText("127.0.0.1")
    wizard.server.port.setValue(info.port)
    choose(wizard, monkeypatch, Path(info.pgdata) / "rumah-aman-ca.pem")
    assert info.ca_fingerprint in wizard.server.fingerprint.text().replace("\n", "")
    wizard.button(CONNECT).click()
    qtbot.waitUntil(lambda: controller.login is not None and controller.login.isVisible(),
                    timeout=15000)
    assert controller.wizard is None  # handed over and deleted, as after a set-up
    assert sorted(p.name for p in data_dir.iterdir()) >= ["server-ca.pem", "server.json"]
    assert not (data_dir / "keys.json").exists()

    controller.login.ui.usernameEdit.setText("admin")
    controller.login.ui.passwordEdit.setText(ADMIN_PASSWORD)
    controller.login.attempt_login()
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=20000)
    assert controller.workspace.user.username == "admin"
    controller.shutdown()
