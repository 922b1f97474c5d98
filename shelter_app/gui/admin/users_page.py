"""Users: who may open the records, with which role."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shelter_app.gui.admin.user_dialog import UserDialog
from shelter_app.gui.admin.users_model import OBJECT_ROLE, UsersModel
from shelter_app.gui.background import Op
from shelter_app.gui.style import set_role
from shelter_app.gui.widgets import confirm
from shelter_app.i18n import _


class UsersPage(QWidget):
    def __init__(self, workspace):
        super().__init__()
        self.workspace = workspace
        self.model = UsersModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.add_button = QPushButton(_("&Add a user…"))
        self.reset_button = QPushButton(_("&New password…"))
        self.disable_button = QPushButton(_("&Disable"))
        self.enable_button = QPushButton(_("&Enable…"))
        self.add_button.clicked.connect(self.add_user)
        self.reset_button.clicked.connect(self.reset_password)
        self.disable_button.clicked.connect(self.disable_user)
        self.enable_button.clicked.connect(self.enable_user)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.reset_button, self.disable_button,
                       self.enable_button):
            buttons.addWidget(button)
        buttons.addStretch()
        hint = QLabel(_("A disabled user's key is destroyed at once: their password opens "
                        "nothing any more. Enabling them again needs a new password."))
        hint.setWordWrap(True)
        set_role(hint, tone="muted")
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(hint)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()
        self.refresh()

    def refresh(self) -> None:
        from shelter_app.services.administration import users

        Op(self, lambda: users.list_users(self.workspace), self._loaded).run_in_background()

    def _loaded(self, user_list) -> None:
        self.model.set_users(user_list)
        self._update_buttons()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.index(rows[0].row(), 0).data(OBJECT_ROLE) if rows else None

    def _update_buttons(self) -> None:
        user = self.selected()
        self.reset_button.setEnabled(user is not None and not user.disabled)
        self.disable_button.setEnabled(
            user is not None and not user.disabled
            and user.username != self.workspace.user.username)
        self.enable_button.setEnabled(user is not None and user.disabled)

    def add_user(self) -> None:
        if UserDialog(self.workspace, self).exec():
            self.refresh()

    def reset_password(self) -> None:
        user = self.selected()
        if user and UserDialog(self.workspace, self, username=user.username).exec():
            self.refresh()

    def enable_user(self) -> None:
        user = self.selected()
        if user and UserDialog(self.workspace, self, username=user.username,
                               enable=True).exec():
            self.refresh()

    def disable_user(self) -> None:
        from shelter_app.services.administration import users

        user = self.selected()
        if user is None or not confirm(self, _("Disable a user"), _(
                "Disable {user}? They will not be able to log in any more.").format(
                    user=user.username)):
            return
        Op(self, lambda: users.disable_user(self.workspace, user.username),
           lambda _r: self.refresh()).run_in_background()
