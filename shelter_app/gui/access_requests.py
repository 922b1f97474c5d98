"""In the status bar, for whoever holds a role key: colleagues waiting for it ("Give
access to ..."), each with a button that asks to confirm and then seals the key to them
(services/shared/role_keys.give_access). Counsellors and managers see it at login."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from shelter_app.gui.background import Op
from shelter_app.gui.style import set_role
from shelter_app.gui.widgets import confirm
from shelter_app.i18n import N_, _
from shelter_app.services.shared import role_keys

WHAT = {role_keys.COUNSELLORS: N_("counselling notes and assessments"),
        role_keys.MANAGERS: N_("protected identities")}


def holder_name(item: role_keys.PendingAccess) -> str:
    return item.display_name if item.holder == role_keys.RECOVERY else (
        f"{item.display_name} ({item.holder})" if item.display_name != item.holder
        else item.holder)


class AccessRequests(QWidget):
    given = Signal()  # access was given to a colleague
    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(2)
        self.setVisible(False)
        self.loaded = False  # the pending list has come back from the worker
        self.done = QLabel("", self)  # what the last confirmation did
        set_role(self.done, tone="good")
        self.done.hide()

    def refresh(self) -> None:
        workspace = self.workspace
        Op(self, lambda: role_keys.pending(workspace), self.show_pending).run_in_background()

    def show_pending(self, pending: list[role_keys.PendingAccess]) -> None:
        while self.rows.count():
            row = self.rows.takeAt(0).widget()
            if row is not None and row is not self.done:
                row.hide()
                row.setParent(None)  # gone from findChildren at once, not at deletion
                row.deleteLater()
        for item in pending:
            row = QWidget(self)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            label = QLabel(_("{user} is waiting for access to {what}.").format(
                user=holder_name(item), what=_(WHAT[item.role_key])))
            set_role(label, tone="warning")
            button = QPushButton(_("Give access to {user}").format(user=holder_name(item)))
            button.clicked.connect(lambda _checked=False, chosen=item: self.give(chosen))
            line.addWidget(label, 1)
            line.addWidget(button)
            self.rows.addWidget(row)
        if not self.done.isHidden():
            self.rows.addWidget(self.done)
        self.setVisible(bool(pending) or not self.done.isHidden())
        self.loaded = True

    def give(self, item: role_keys.PendingAccess) -> None:
        if not confirm(self, _("Give access"), _(
                "Give {user} access to {what}? Do it only for a colleague you expect. Their "
                "key's fingerprint (shown in their My account) should read: {fingerprint}")
                .format(user=holder_name(item), what=_(WHAT[item.role_key]),
                        fingerprint=item.fingerprint)):
            return
        workspace, name, holder = self.workspace, item.role_key, item.holder
        Op(self, lambda: role_keys.give_access(workspace, name, holder),
           lambda _result: self._given(item)).run_in_background()

    def _given(self, item: role_keys.PendingAccess) -> None:
        """Said where the request was; `given` lets the window take the focus back (it
        fell on the Lock button as the row went)."""
        self.done.setText(_("{user} has access now.").format(user=holder_name(item)))
        self.done.show()
        self.given.emit()
        self.refresh()
