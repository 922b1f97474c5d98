import gc
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from shelter_app.gui.app import prepare_application
from shelter_app.gui.background import wait_for_idle

MODAL_PATIENCE_S = 10


@pytest.fixture(scope="session", autouse=True)
def prepared_as_the_app_does(qapp):
    """As the app does: never let the worker thread run the cyclic GC over Qt objects;
    the wheel changes only a focused field."""
    prepare_application(qapp)
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def drain_worker(qapp):
    yield
    assert wait_for_idle(20000)
    QApplication.processEvents()  # results are delivered to this test, not the next one
    gc.collect()


@pytest.fixture(autouse=True)
def no_forgotten_modal(qapp):
    """A modal dialog nobody answers would block the suite for ever (it once stalled
    CI for 90 minutes): close any that stays open too long and fail the test."""
    forgotten: list[str] = []
    first_seen: dict[int, float] = {}

    def sweep() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            return
        seen = first_seen.setdefault(id(modal), time.monotonic())
        if time.monotonic() - seen > MODAL_PATIENCE_S and isinstance(modal, QDialog):
            text = modal.text() if isinstance(modal, QMessageBox) else modal.windowTitle()
            forgotten.append(f"{type(modal).__name__}: {text}")
            modal.done(0)

    timer = QTimer()
    timer.timeout.connect(sweep)
    timer.start(500)
    yield
    timer.stop()
    assert not forgotten, f"a modal dialog was left open: {forgotten}"


@pytest.fixture
def demo_dir(tmp_path, clock):
    from shelter_app.services.administration import auth, demo

    folder = tmp_path / "demo"
    auth.logout(demo.create_demo(folder, residents=15, clock=clock))
    return folder


@pytest.fixture
def logged_in_as(qtbot, demo_dir, clock):
    """logged_in_as(user) -> the app controller, logged in to the demo shelter as that
    user through the login window, main window shown; shut down after the test."""
    from shelter_app.gui.app import AppController

    controllers = []

    def log_in(username: str):
        controller = AppController(demo_dir, clock)
        controllers.append(controller)
        controller.start()
        controller.login.ui.usernameEdit.setText(username)
        controller.login.ui.passwordEdit.setText("demo")
        qtbot.mouseClick(controller.login.ui.loginButton, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: controller.main_window is not None, timeout=15000)
        qtbot.addWidget(controller.main_window)
        return controller

    yield log_in
    for controller in controllers:
        controller.shutdown()


@pytest.fixture
def logged_in(logged_in_as):
    """The app controller, logged in as the demo administrator, main window shown."""
    return logged_in_as("admin")
