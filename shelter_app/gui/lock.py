"""Locking: after the idle limit the records close and the key is forgotten; only the
same user's password opens them again. While locked, every window of the app is covered
(gui/curtain.py) and the lock screen is a window of its own over them all."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from shelter_app.domain.idle import IdleWatch
from shelter_app.gui.background import Op, explain
from shelter_app.gui.curtain import locked_title
from shelter_app.gui.widgets import heading, show_message
from shelter_app.i18n import _

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
             QEvent.Type.Wheel, QEvent.Type.TouchBegin}


_LOCK_KEYS = QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_L)


class IdleLocker(QObject):
    """Watches the keyboard and mouse across the app; says `idle` once the limit passes,
    and `lock_keys` when Ctrl+L is pressed in any window of the app: a profile or a dialog
    blocks the main window, whose own shortcut would never hear it."""

    idle = Signal()
    lock_keys = Signal()

    def __init__(self, minutes: int, clock, parent=None):
        super().__init__(parent)
        self.clock = clock
        self.watch = IdleWatch(dt.timedelta(minutes=minutes), clock())
        self.timer = QTimer(self)
        self.timer.setInterval(5000)
        self.timer.timeout.connect(self.check_now)
        QApplication.instance().installEventFilter(self)
        self.timer.start()

    def eventFilter(self, watched, event) -> bool:
        if event.type() in _ACTIVITY:
            self.watch.activity(self.clock())
            if (event.type() == QEvent.Type.KeyPress
                    and event.keyCombination() == _LOCK_KEYS):
                self.lock_keys.emit()
                return True  # not typed into the field that had the focus
        return False

    def check_now(self) -> None:
        if self.watch.is_idle(self.clock()):
            self.idle.emit()

    def reset(self) -> None:
        self.watch.activity(self.clock())

    def stop(self) -> None:
        self.timer.stop()
        QApplication.instance().removeEventFilter(self)


class LockScreen(QWidget):
    """A small window over the main window, application-modal: it takes the keyboard even
    from a dialog whose exec() loop was running when the lock came, and nothing else can
    be used until it is answered. It cannot be closed: unlock or log in as another user."""

    unlocked = Signal()
    switch_user = Signal()

    def __init__(self, workspace, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Dialog | Qt.WindowType.CustomizeWindowHint
                         | Qt.WindowType.WindowTitleHint)  # no close button
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowTitle(locked_title())  # the title every covered window shows
        self.setObjectName("lockScreen")
        self.workspace = workspace
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaximumWidth(320)
        self.password.returnPressed.connect(self.unlock)
        self.unlock_button = QPushButton(_("&Unlock"))
        self.unlock_button.setMaximumWidth(320)
        self.unlock_button.clicked.connect(self.unlock)
        other = QPushButton(_("Log in as another user"))
        other.setFlat(True)
        for button in (self.unlock_button, other):
            button.setAutoDefault(True)  # Enter presses the focused one, as Space does
        other.setMaximumWidth(320)
        other.clicked.connect(self.switch_user.emit)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(heading(_("Locked"), 18))
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        layout.addWidget(self.password)
        layout.addWidget(self.unlock_button)
        layout.addWidget(self.message)
        layout.addWidget(other)
        layout.addStretch()
        layout.setContentsMargins(40, 24, 40, 24)
        self.setMinimumWidth(460)

    def show_over(self, window: QWidget) -> None:
        """Centred over `window`, on top, with the keyboard in the password."""
        self.adjustSize()
        frame = self.frameGeometry()
        frame.moveCenter(window.frameGeometry().center())
        self.move(frame.topLeft())
        self.show()
        self.raise_()
        self.activateWindow()
        self.password.setFocus()

    def closeEvent(self, event) -> None:
        event.ignore()  # Alt+F4 would leave the app covered with no way to unlock

    def explain(self, idle: bool) -> None:
        """Why the records closed: a lock by hand is not blamed on a quiet spell."""
        user = self.workspace.user.username
        self.explanation.setText(
            _("The records were closed after a quiet spell, so that no one can read them "
              "from an unattended PC. Type the password of {user} to continue.").format(
                user=user) if idle
            else _("The records are closed. Type the password of {user} to continue.").format(
                user=user))

    def unlock(self) -> None:
        from shelter_app.services.administration import auth

        password = self.password.text()
        self.password.clear()
        if not password:
            show_message(self.message, _("Type your password."))
            return
        self.unlock_button.setEnabled(False)
        show_message(self.message, _("Opening the records…"), error=False)

        def failed(error):
            self.unlock_button.setEnabled(True)
            show_message(self.message, explain(error))

        def done(_result):
            self.unlock_button.setEnabled(True)
            self.message.clear()
            self.unlocked.emit()

        Op(self, lambda: auth.unlock(self.workspace, password), done).failure(
            failed).run_in_background()
