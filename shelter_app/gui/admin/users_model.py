"""The users table: a column enum and an object role (as Vorta's models do)."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from shelter_app.i18n import N_, _
from shelter_app.i18n.formatting import format_date

OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    USERNAME = 0
    NAME = 1
    ROLE = 2
    STATE = 3
    CREATED = 4


_HEADERS = {Column.USERNAME: N_("User name"), Column.NAME: N_("Full name"),
            Column.ROLE: N_("Role"), Column.STATE: N_("State"), Column.CREATED: N_("Added on")}


def user_state(user) -> str:
    if user.disabled:
        return _("Disabled")
    if user.locked_until is not None:
        return _("Locked (too many wrong passwords)")
    return _("Active")


class UsersModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._users: list = []

    def set_users(self, users: list) -> None:
        self.beginResetModel()
        self._users = list(users)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._users)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(_HEADERS[Column(section)])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._users):
            return None
        user = self._users[index.row()]
        if role == OBJECT_ROLE:
            return user
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = Column(index.column())
        if column == Column.USERNAME:
            return user.username
        if column == Column.NAME:
            return user.display_name
        if column == Column.ROLE:
            return user.role.label
        if column == Column.STATE:
            return user_state(user)
        return format_date(user.created_at.date(), "short")
