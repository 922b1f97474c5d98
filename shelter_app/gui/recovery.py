"""Forgotten password: the recovery key from the office safe gives a user a new one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from shelter_app.gui.background import Op, explain
from shelter_app.gui.widgets import inform, show_message, translate_buttons
from shelter_app.i18n import _


def _reset(data_dir: Path, key: str, username: str, password: str) -> None:
    from shelter_app.services.administration import users

    users.reset_with_recovery_key(data_dir, key, username, password)


class RecoveryResetDialog(QDialog):
    def __init__(self, data_dir: Path, parent=None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.setWindowTitle(_("New password with the recovery key"))
        intro = QLabel(_("Type the recovery key from the recovery sheet kept in the office "
                         "safe, the user who needs a new password, and the new password."))
        intro.setWordWrap(True)
        self.key_edit = QLineEdit()
        self.key_edit.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.username_edit = QLineEdit("admin")
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(_("Recovery key"), self.key_edit)
        form.addRow(_("User name"), self.username_edit)
        form.addRow(_("New password"), self.password_edit)
        form.addRow(_("New password again"), self.confirm_edit)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = translate_buttons(QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for item in (intro, form, self.message, buttons):
            (layout.addLayout if isinstance(item, QFormLayout) else layout.addWidget)(item)
        self.resize(520, 0)

    def submit(self) -> None:
        if self.password_edit.text() != self.confirm_edit.text():
            show_message(self.message, _("The two passwords differ."))
            return
        key, user, password = (self.key_edit.text(), self.username_edit.text(),
                               self.password_edit.text())
        show_message(self.message, _("Checking the recovery key…"), error=False)
        Op(self, lambda: _reset(self.data_dir, key, user, password), self._done).failure(
            lambda error: show_message(self.message, explain(error))).run_in_background()

    def _done(self, _result) -> None:
        inform(self, _("Password changed"),
               _("{user} can log in with the new password.").format(
                   user=self.username_edit.text().strip().lower()))
        self.accept()
