"""Small shared pieces: translated dialog buttons (Qt has no Indonesian of its own),
message lines, headings."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox, QWidget

from shelter_app.i18n import _

ERROR_STYLE = "color: #b00020;"
INFO_STYLE = "color: #555;"


def translate_buttons(box: QDialogButtonBox) -> QDialogButtonBox:
    names = {
        QDialogButtonBox.StandardButton.Ok: _("OK"),
        QDialogButtonBox.StandardButton.Cancel: _("Cancel"),
        QDialogButtonBox.StandardButton.Save: _("Save"),
        QDialogButtonBox.StandardButton.Close: _("Close"),
        QDialogButtonBox.StandardButton.Yes: _("Yes"),
        QDialogButtonBox.StandardButton.No: _("No"),
    }
    for standard, text in names.items():
        button = box.button(standard)
        if button is not None:
            button.setText(text)
    return box


def heading(text: str, size: int = 15) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSize(size)
    font.setBold(True)
    label.setFont(font)
    return label


def show_message(label: QLabel, text: str, error: bool = True) -> None:
    label.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
    label.setText(text)


def confirm(parent: QWidget, title: str, text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton(_("Yes"), QMessageBox.ButtonRole.YesRole)
    box.addButton(_("No"), QMessageBox.ButtonRole.NoRole)
    box.exec()
    return box.clickedButton() is yes


def inform(parent: QWidget, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
    box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
