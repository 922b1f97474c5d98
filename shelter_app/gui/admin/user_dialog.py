"""Add a user, or give one a new password."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from shelter_app.domain.roles import Role
from shelter_app.gui.background import Op, explain
from shelter_app.gui.forms.user_dialog_form import Ui_UserForm
from shelter_app.gui.widgets import show_message, translate_buttons
from shelter_app.i18n import _


class UserDialog(QDialog):
    """`username` given: a new password for that user (`enable` to re-enable them)."""

    def __init__(self, workspace, parent=None, username: str | None = None,
                 enable: bool = False):
        super().__init__(parent)
        self.workspace, self.username, self.enable = workspace, username, enable
        self.ui = Ui_UserForm()
        form = QWidget(self)
        self.ui.setupUi(form)
        for role in Role:
            self.ui.roleCombo.addItem(role.label, role.value)
        self.ui.roleCombo.setCurrentIndex(self.ui.roleCombo.findData(Role.STAFF.value))
        buttons = translate_buttons(QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(buttons)
        if username is None:
            self.setWindowTitle(_("Add a user"))
        else:
            self.setWindowTitle(_("New password for {user}").format(user=username))
            self.ui.usernameEdit.setText(username)
            for widget in (self.ui.usernameEdit, self.ui.displayNameEdit, self.ui.roleCombo,
                           self.ui.displayNameLabel, self.ui.roleLabel):
                widget.setVisible(widget is self.ui.usernameEdit)
            self.ui.usernameEdit.setReadOnly(True)
            self.ui.introLabel.setText(_("Tell the user their new password in person. They "
                                         "can change it under My account."))
        self.resize(460, 0)

    def submit(self) -> None:
        from shelter_app.services.administration import users

        if self.ui.passwordEdit.text() != self.ui.confirmEdit.text():
            show_message(self.ui.messageLabel, _("The two passwords differ."))
            return
        password = self.ui.passwordEdit.text()
        if self.username is None:
            name, display = self.ui.usernameEdit.text(), self.ui.displayNameEdit.text()
            role = self.ui.roleCombo.currentData()

            def work():
                return users.add_user(self.workspace, name, role, password, display)
        elif self.enable:
            def work():
                return users.enable_user(self.workspace, self.username, password)
        else:
            def work():
                return users.reset_password(self.workspace, self.username, password)
        show_message(self.ui.messageLabel, _("Saving…"), error=False)
        Op(self, work, lambda _r: self.accept()).failure(
            lambda error: show_message(self.ui.messageLabel, explain(error))
        ).run_in_background()
