"""Input widgets for coded values, shared by the intake wizard and dialogs (dates:
shelter_app.gui.date_field)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
)

from shelter_app.gui.widgets import ERROR_STYLE
from shelter_app.i18n import _


class CodedCombo(QComboBox):
    """A combo over a coded vocabulary (or (code, label) pairs); `value()` is the code."""

    def __init__(self, choices, *, empty: str | None = None):
        super().__init__()
        if empty is not None:
            self.addItem(empty, "")
        for choice in choices:
            code, label = (choice.value, choice.label) if hasattr(choice, "label") else choice
            self.addItem(label, code)

    def value(self) -> str:
        return self.currentData() or ""

    def set_value(self, code: str) -> None:
        index = self.findData(code)
        self.setCurrentIndex(max(index, 0))


class CheckList(QListWidget):
    """Several codes chosen with tick boxes."""

    def __init__(self, choices, rows: int = 6):
        super().__init__()
        self.set_choices(choices)
        self.setMaximumHeight(rows * 21 + 6)
        self.setMinimumWidth(270)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def set_choices(self, choices) -> None:
        """Coded values, or (code, label) pairs, all unticked."""
        self.clear()
        for choice in choices:
            code, label = (choice.value, choice.label) if hasattr(choice, "label") else choice
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)

    def values(self) -> list[str]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def set_values(self, codes: list[str]) -> None:
        for i in range(self.count()):
            item = self.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                               in codes else Qt.CheckState.Unchecked)


def error_label() -> QLabel:
    label = QLabel("")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    return label


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")
