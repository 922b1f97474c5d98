"""Start the desktop app: set-up wizard on a new PC, else login, then the main window.

The controller, not Qt, decides when the app ends. Qt's default quits as soon as no
window is visible, and every hand-over here (login → main window while the settings
load, wizard → login while the set-up user logs out) has such a moment: on a real
display the app quit right after a successful login. So `quitOnLastWindowClosed` is
off, each window stays up until the next one is shown, and the app quits only when the
user closes the last thing they were using (the main window, the login or the wizard).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from shelter_app import APP_NAME, i18n
from shelter_app.domain.clock import Clock, utc_now
from shelter_app.gui.background import (
    Op,
    collect_garbage_on_gui_thread,
    show_error,
    wait_for_idle,
)
from shelter_app.gui.login import LoginDialog
from shelter_app.gui.style import apply_style
from shelter_app.paths import app_icon_path
from shelter_app.services.administration import shelter_folder

WHEEL_GUARD_DELAY_MS = 250


class AppController(QObject):
    def __init__(self, data_dir: Path, clock: Clock = utc_now):
        super().__init__()
        self.data_dir, self.clock = Path(data_dir), clock
        self.login: LoginDialog | None = None
        self.wizard = None
        self.main_window = None
        self.workspace = None

    def start(self) -> None:
        if shelter_folder.is_set_up(self.data_dir):
            self.show_login()
        else:
            self.show_wizard()

    def show_wizard(self) -> None:
        from shelter_app.gui.setup_wizard import SetupWizard

        self.wizard = SetupWizard(self.data_dir)
        self.wizard.finished_setup.connect(self._wizard_done)
        self.wizard.rejected.connect(self._wizard_cancelled)
        self.wizard.show()

    def _wizard_done(self) -> None:
        self.show_login()
        wizard, self.wizard = self.wizard, None
        if wizard is not None:  # only now: the login is already on screen
            wizard.hide()
            wizard.deleteLater()

    def _wizard_cancelled(self) -> None:
        if not shelter_folder.is_set_up(self.data_dir):
            self.quit()

    def show_login(self) -> None:
        self._close_login()
        self.login = LoginDialog(self.data_dir, self.clock)
        self.login.logged_in.connect(self._logged_in)
        self.login.recovery_requested.connect(self._recovery)
        self.login.rejected.connect(self._login_closed)
        self.login.show()

    def _close_login(self) -> None:
        login, self.login = self.login, None
        if login is not None:
            login.rejected.disconnect(self._login_closed)
            login.hide()
            login.deleteLater()

    def _login_closed(self) -> None:
        if self.main_window is None:
            self.quit()

    def quit(self) -> None:
        QApplication.instance().quit()

    def _recovery(self) -> None:
        from shelter_app.gui.recovery import RecoveryResetDialog

        RecoveryResetDialog(self.data_dir, self.login).exec()

    def _logged_in(self, workspace) -> None:
        from shelter_app.services.shared import settings

        self.workspace = workspace
        folder, username = self.data_dir, workspace.user.username
        Op(None, lambda: (settings.get_settings(workspace),
                          shelter_folder.saved_window(folder, username)),
           self._open_main).failure(self._fatal).run_in_background()

    def _fatal(self, error: BaseException) -> None:
        show_error(self.login, error)
        self.logout()

    def _open_main(self, loaded) -> None:
        from shelter_app.gui.main_window import MainWindow

        shelter_settings, saved_place = loaded
        previous = self.main_window
        self.main_window = MainWindow(self.workspace, shelter_settings, self.clock)
        self.main_window.logout_requested.connect(self.logout)
        self.main_window.language_changed.connect(self._rebuild)
        self.main_window.day_changed.connect(lambda: self._rebuild(""))
        self.main_window.closed.connect(self._main_closed)
        if os.environ.get("SHELTER_REPORT_FIRST_PAINT"):  # for benchmarks/login_display.py
            _report_first_paint(self.main_window)
        if previous is not None:
            self.main_window.show_area(previous.current_area)
        self.main_window.show_at(previous.place() if previous is not None else saved_place)
        if previous is not None:  # after the new one is up, so the screen is never empty
            self._discard(previous)
        self._close_login()

    @staticmethod
    def _discard(window) -> None:
        from shelter_app.gui.curtain import delete_when_unwound

        window.closed.disconnect()
        window.live.stop()
        window.idle.stop()
        window.day_timer.stop()
        window.discard_other_windows()
        window.hide()
        delete_when_unwound(window, window.loop_level)

    def _rebuild(self, _language: str) -> None:
        """A new language or a new day: build the window again, in the same place."""
        self._logged_in(self.workspace)

    def _main_closed(self) -> None:
        self._remember_place(self.main_window)
        self.quit()

    def _remember_place(self, window) -> None:
        """For this user's next login on this PC (saved before the app ends: shutdown
        waits for the worker)."""
        if window is None:
            return
        folder, username, place = self.data_dir, window.workspace.user.username, window.place()
        Op(None, lambda: shelter_folder.save_window(folder, username, place)
           ).run_in_background()

    def logout(self) -> None:
        from shelter_app.services.administration import auth

        workspace, self.workspace = self.workspace, None
        window, self.main_window = self.main_window, None
        self._remember_place(window)
        if window is not None:  # a locked user's dialogs go first: none stands over the login
            window.discard_other_windows()
        self.show_login()
        if window is not None:
            self._discard(window)
        if workspace is not None:
            Op(None, lambda: auth.logout(workspace)).run_in_background()

    def shutdown(self) -> None:
        from shelter_app.services.administration import auth

        if self.main_window is not None:
            self.main_window.live.stop()
        if self.workspace is not None and not self.workspace.is_locked:
            Op(None, lambda: auth.logout(self.workspace)).failure(
                lambda _e: None).run_in_background()
        wait_for_idle()


def make_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setWindowIcon(QIcon(str(app_icon_path())))  # the taskbar's and each title bar's
    app.setStyle("Fusion")
    apply_style(app)
    app.setQuitOnLastWindowClosed(False)  # the AppController decides: see the docstring
    collect_garbage_on_gui_thread()
    # After the login window is up: the guard filters every event and loads Qt's
    # namespace, which together slowed the first window by 40 ms; Qt's own words in
    # Indonesian need that namespace too (20 ms), and the login window has none of them.
    QTimer.singleShot(WHEEL_GUARD_DELAY_MS, lambda: _after_the_first_window(app))
    return app


def _after_the_first_window(app: QApplication) -> None:
    _speak_the_apps_language(app)
    _install_wheel_guard(app)


def _install_wheel_guard(app: QApplication) -> None:
    from shelter_app.gui import wheel_guard

    wheel_guard.install(app)


def _speak_the_apps_language(app: QApplication) -> None:
    from shelter_app.gui import qt_language

    qt_language.install(app)


def prepare_application(app: QApplication) -> None:
    """For tests: what make_application sets up, all at once."""
    apply_style(app)
    _speak_the_apps_language(app)
    collect_garbage_on_gui_thread()
    _install_wheel_guard(app)


def run_gui(data_dir: Path, language: str | None = None, clock: Clock = utc_now) -> int:
    i18n.set_language(language or shelter_folder.saved_language(data_dir)
                      or i18n.DEFAULT_LANGUAGE)
    app = make_application()
    controller = AppController(data_dir, clock)
    controller.start()
    if os.environ.get("SHELTER_EXIT_WHEN_SHOWN"):  # for the start-up benchmark
        QTimer.singleShot(0, lambda: _report_shown_and_quit(app))
    code = app.exec()
    controller.shutdown()
    return code


def _report_shown_and_quit(app: QApplication) -> None:
    import time

    print(f"shown-at {time.time():.6f}", flush=True)  # noqa: T201 - read by benchmarks/
    app.quit()


def _report_first_paint(window) -> None:
    """Print the time once `window` has painted for the first time."""
    import time

    from PySide6.QtCore import QEvent

    class FirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, lambda: print(  # noqa: T201 - read by benchmarks/
                    f"painted-at {time.time():.6f}", flush=True))  # after the whole pass
            return False

    window.installEventFilter(FirstPaint(window))
