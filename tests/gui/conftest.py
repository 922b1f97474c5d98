import pytest
from PySide6.QtCore import Qt

from shelter_app.gui.background import wait_for_idle


@pytest.fixture(autouse=True)
def drain_worker():
    yield
    assert wait_for_idle(20000)


@pytest.fixture
def demo_dir(tmp_path, clock):
    from shelter_app.services import auth, demo

    folder = tmp_path / "demo"
    auth.logout(demo.create_demo(folder, residents=15, clock=clock))
    return folder


@pytest.fixture
def logged_in(qtbot, demo_dir, clock):
    """The app controller, logged in as the demo administrator, main window shown."""
    from shelter_app.gui.app import AppController

    controller = AppController(demo_dir, clock)
    controller.start()
    controller.login.ui.usernameEdit.setText("admin")
    controller.login.ui.passwordEdit.setText("demo")
    qtbot.mouseClick(controller.login.ui.loginButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=15000)
    qtbot.addWidget(controller.main_window)
    yield controller
    controller.shutdown()
