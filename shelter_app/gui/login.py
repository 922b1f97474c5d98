"""The login window: language, user name, password. Shown before the database
libraries are loaded, so it appears fast; they load while the user types."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout, QWidget

from shelter_app import i18n
from shelter_app.domain.clock import Clock, utc_now
from shelter_app.gui.background import Op, explain
from shelter_app.gui.forms.login_form import Ui_LoginForm
from shelter_app.i18n import _
from shelter_app.services.administration import shelter_folder

PREWARM_DELAY_MS = 400


def _login(data_dir: Path, username: str, password: str, clock: Clock):
    from shelter_app.services.administration import auth  # heavy: loaded on the worker thread

    return auth.login(data_dir, username, password, clock)


def show_message(label, text: str, error: bool = True) -> None:
    # gui/widgets is loaded only once there is something to say: importing it (and the
    # Qt classes it names) cost the login window 5 ms of its start-up
    from shelter_app.gui.widgets import show_message as show

    show(label, text, error)


def _prewarm() -> None:
    from shelter_app.services.administration import auth  # noqa: F401
    from shelter_app.services.shared import settings  # noqa: F401


class LoginDialog(QDialog):
    logged_in = Signal(object)  # Workspace
    language_changed = Signal(str)
    recovery_requested = Signal()

    def __init__(self, data_dir: Path, clock: Clock = utc_now, parent=None):
        super().__init__(parent)
        self.data_dir, self.clock = Path(data_dir), clock
        self.ui = Ui_LoginForm()
        form = self._form = QWidget(self)
        self.ui.setupUi(form)
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        self.restore_button = QPushButton()
        self.restore_button.setFlat(True)
        self.restore_button.clicked.connect(self.restore_from_backup)
        layout.addWidget(self.restore_button)
        title_font = QFont(self.ui.titleLabel.font())
        title_font.setPointSize(20)
        title_font.setBold(True)
        self.ui.titleLabel.setFont(title_font)
        for code, name in i18n.language_names().items():
            self.ui.languageCombo.addItem(name, code)
        self.ui.languageCombo.setCurrentIndex(
            max(0, self.ui.languageCombo.findData(i18n.current_language())))
        self.ui.languageCombo.currentIndexChanged.connect(self._change_language)
        self.ui.loginButton.clicked.connect(self.attempt_login)
        self.ui.usernameEdit.returnPressed.connect(self.ui.passwordEdit.setFocus)
        self.ui.passwordEdit.returnPressed.connect(self.attempt_login)
        # Enter belongs to the fields and the login button, never to the side buttons.
        for button in (self.ui.forgotButton, self.restore_button):
            button.setAutoDefault(False)
        self.ui.forgotButton.clicked.connect(self.recovery_requested.emit)
        # On a server's workstation an administrator gives a new password, and backups
        # are restored into a shelter on one PC: neither way out belongs here.
        on_server = shelter_folder.works_on_server(self.data_dir)
        self.ui.forgotButton.setVisible(not on_server)
        self.restore_button.setVisible(not on_server)
        self._demo = shelter_folder.is_demo(self.data_dir)
        self._retranslate()
        self.ui.usernameEdit.setFocus()
        self._prewarmed = False
        self._busy = False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._prewarmed:  # after the window is up, so it never delays it
            self._prewarmed = True
            QTimer.singleShot(PREWARM_DELAY_MS, lambda: Op(None, _prewarm).failure(
                lambda _e: None).run_in_background())

    def _retranslate(self) -> None:
        self.ui.retranslateUi(self._form)
        self.restore_button.setText(_("Restore from a backup…"))
        self.setWindowTitle(_("Rumah Aman: log in"))
        if self._demo:
            self.ui.demoLabel.setText(_(
                "Demo shelter with generated people. Users: admin, manager, staff, "
                "counsellor. Password: demo"))
            # a property, not set_role: the label is not polished yet, and re-polishing
            # it loaded Qt's namespace, 25 ms of the login window's start-up
            self.ui.demoLabel.setProperty("panel", "demo")

    def _change_language(self) -> None:
        language = self.ui.languageCombo.currentData()
        i18n.set_language(language)
        shelter_folder.save_language(self.data_dir, language)
        self._retranslate()
        self.language_changed.emit(language)

    def _set_busy(self, busy: bool) -> None:
        # The fields turn read-only, not disabled: disabling the focused field would hand
        # the focus (and the Enter key still being delivered) to the next button.
        self._busy = busy
        for field in (self.ui.usernameEdit, self.ui.passwordEdit):
            field.setReadOnly(busy)
        for widget in (self.ui.loginButton, self.ui.languageCombo, self.ui.forgotButton,
                       self.restore_button):
            widget.setEnabled(not busy)

    def attempt_login(self) -> None:
        if self._busy:
            return
        username = self.ui.usernameEdit.text().strip()
        password = self.ui.passwordEdit.text()
        if not username or not password:
            show_message(self.ui.messageLabel, _("Type your user name and password."))
            return
        self._set_busy(True)
        show_message(self.ui.messageLabel, _("Opening the records…"), error=False)
        Op(self, lambda: _login(self.data_dir, username, password, self.clock),
           self._succeeded).failure(self._failed).run_in_background()

    def _succeeded(self, workspace) -> None:
        # Stays on screen, busy, until the main window replaces it (AppController).
        self.ui.passwordEdit.clear()
        self.logged_in.emit(workspace)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.ui.passwordEdit.clear()
        self.ui.passwordEdit.setFocus()
        show_message(self.ui.messageLabel, explain(error))
        # A restore is offered only for damaged records, never for a full or read-only
        # disk: restoring then would throw away the recent work for nothing.
        if getattr(error, "offers_restore", False):
            self.restore_button.setFocus()

    def restore_from_backup(self):
        from shelter_app.gui.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.data_dir, self)
        dialog.accepted.connect(lambda: show_message(self.ui.messageLabel, _(
            "The backup is restored. Log in with your usual password."), error=False))
        dialog.open()
        return dialog
