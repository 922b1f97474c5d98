"""My account: who I am, and changing my own password."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from shelter_app.gui.background import Op, explain
from shelter_app.gui.widgets import show_message
from shelter_app.i18n import _
from shelter_app.services.shared import role_keys


class AccountPage(QWidget):
    def __init__(self, workspace):
        super().__init__()
        self.workspace = workspace
        self.old, self.new, self.again = QLineEdit(), QLineEdit(), QLineEdit()
        for edit in (self.old, self.new, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(_("User name"), QLabel(workspace.user.username))
        form.addRow(_("Role"), QLabel(workspace.user.role.label))
        self.fingerprint = QLabel()  # read out to a colleague who gives you access
        form.addRow(_("Your key's fingerprint"), self.fingerprint)
        Op(self, lambda: role_keys.own_fingerprint(workspace),
           self.fingerprint.setText).run_in_background()
        form.addRow(_("Current password"), self.old)
        form.addRow(_("New password"), self.new)
        form.addRow(_("New password again"), self.again)
        self.button = QPushButton(_("&Change my password"))
        self.button.clicked.connect(self.change)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.button)
        layout.addWidget(self.message)
        layout.addStretch()

    def change(self) -> None:
        from shelter_app.services.administration import users

        if self.new.text() != self.again.text():
            show_message(self.message, _("The two passwords differ."))
            return
        old, new = self.old.text(), self.new.text()
        for edit in (self.old, self.new, self.again):
            edit.clear()
        Op(self, lambda: users.change_own_password(self.workspace, old, new),
           lambda _r: show_message(self.message, _("Your password was changed."), error=False)
           ).failure(lambda error: show_message(self.message, explain(error))
                     ).run_in_background()
