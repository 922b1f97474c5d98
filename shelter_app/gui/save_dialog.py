"""A small form with Save and Cancel: the save runs in the background, a refusal shows
under the form and keeps the dialog open, success closes it. A date or time field whose
text cannot be saved stops the save before anything is sent, its message at the field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
)

from shelter_app.gui.background import Op, explain
from shelter_app.gui.date_field import first_problem, reveal
from shelter_app.gui.style import set_role
from shelter_app.gui.widgets import translate_buttons


class SaveDialog(QDialog):
    """Subclasses fill `self.form` and return the service call from `work()`."""

    def __init__(self, title: str, parent=None, heading: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.message = QLabel("")
        set_role(self.message, tone="error")
        self.message.setWordWrap(True)
        self.buttons = translate_buttons(QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self._ordered = False
        layout = QVBoxLayout(self)
        if heading is not None:
            layout.addWidget(QLabel(heading))
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def showEvent(self, event) -> None:
        if not self._ordered:
            self._ordered = True
            self._fields_first()
        super().showEvent(event)

    def _fields_first(self) -> None:
        """The buttons are made here, before the subclass makes its fields, so Tab met
        Save first and the dialog opened on it. Put in again, they come last in the Tab
        order (a widget joins the end of it when it is given its parent), and the dialog
        opens in its first field."""
        layout = self.layout()
        layout.removeWidget(self.buttons)
        self.buttons.setParent(None)
        layout.addWidget(self.buttons)
        widget = self.nextInFocusChain()
        while widget is not self:
            if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled()
                    and widget.isVisibleTo(self)):
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
            widget = widget.nextInFocusChain()

    def work(self) -> Callable[[], Any]:
        """The call to run on the worker, with the form's values already read."""
        raise NotImplementedError  # abstract: every subclass defines it

    def _save(self) -> None:
        wrong = first_problem(self)  # shown at its field; nothing is sent
        if wrong is not None:
            self.message.setText(wrong.problem())
            reveal(wrong)
            return
        self.message.setText("")
        self.buttons.setEnabled(False)
        Op(self, self.work(), lambda _result: self.accept()).failure(
            self._failed).run_in_background()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(explain(error))
