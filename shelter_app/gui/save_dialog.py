"""A small form with Save and Cancel: the save runs in the background, a refusal keeps
the dialog open, success closes it. A refusal that names a field the dialog knows shows
at that field (a date or time field's own problem always does), any other under the
form; a message goes as soon as the user changes its field (the one under the form: any
field). Messages show on Save, not while the user moves between fields, and a message
that goes keeps its line empty: the fields do not jump under the user's next click.
Escape and Cancel ask before typing is thrown away."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.errors import InputError
from shelter_app.gui.background import Op, explain
from shelter_app.gui.date_field import TypedField, first_problem, reveal
from shelter_app.gui.residents.fields import AsksBeforeDiscarding, FieldMessages
from shelter_app.gui.style import set_role
from shelter_app.gui.widgets import translate_buttons

_INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractButton, QListWidget,
           QAbstractSpinBox)


def _state(widget: QWidget):
    """What the user can change in `widget`, to tell whether they changed it."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentIndex(), widget.currentText()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    if isinstance(widget, QListWidget):  # ticks (a list of those found is filled later)
        return tuple(widget.item(i).checkState() for i in range(widget.count())
                     if widget.item(i).flags() & Qt.ItemFlag.ItemIsUserCheckable)
    return widget.text()  # a spin box


def _change_signals(widget: QWidget):
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        return (widget.textChanged,)
    if isinstance(widget, QComboBox):
        return (widget.currentIndexChanged,)
    if isinstance(widget, QAbstractButton):
        return (widget.toggled,)
    if isinstance(widget, QListWidget):
        return (widget.itemChanged, widget.itemSelectionChanged)
    return (widget.editingFinished,)


class SaveDialog(AsksBeforeDiscarding, QDialog):
    """Subclasses fill `self.form` and return the service call from `work()`. A field
    added with `self.fields.add(name, widget)` (the name a service's InputError gives)
    gets its messages under it; date and time fields are known by their `field`."""

    def __init__(self, title: str, parent=None, heading: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.fields = FieldMessages(keep_room=True)
        self.message = QLabel("")
        set_role(self.message, tone="error")
        self.message.setWordWrap(True)
        self.buttons = translate_buttons(QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self._ordered = self._watching = False
        self._inputs: list[QWidget] = []
        self._opened_with: list | None = None
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
            self._watch_inputs()
            self.remember_as_opened()
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

    def _watch_inputs(self) -> None:
        """The fields as the dialog opens: date and time fields known by name and quiet
        until Save; the message under the form goes when any field changes. (Once: when
        shown, or at a Save before that.)"""
        if self._watching:
            return
        self._watching = True
        for field in self.findChildren(TypedField):
            field.quiet_until_save()
            if field.field and not self.fields.knows(field.field):
                self.fields.add(field.field, field)
        self._inputs = [widget for widget in self.findChildren(QWidget)
                        if isinstance(widget, _INPUTS) and not self.buttons.isAncestorOf(widget)]
        for widget in self._inputs:
            for signal in _change_signals(widget):
                signal.connect(self._say_nothing)

    def _say_nothing(self, *_args) -> None:
        if self.message.text():
            self.message.setMinimumHeight(self.message.height())  # no jump: see above
            self.message.setText("")

    def _say(self, text: str) -> None:
        self.message.setText(text)

    # -- asking before typing is lost ---------------------------------------------------
    def _form_state(self) -> list:
        states = []
        for widget in self._inputs:
            try:
                states.append(_state(widget))
            except RuntimeError:  # a widget the dialog took away
                states.append(None)
        return states

    def remember_as_opened(self) -> None:
        """The form as it is now counts as nothing typed (for a dialog that fills in its
        fields after it is shown)."""
        self._opened_with = self._form_state()

    def saving(self) -> bool:
        return not self.buttons.isEnabled()

    def has_unsaved_typing(self) -> bool:
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        return (self._opened_with is not None and not save.isHidden()
                and self._form_state() != self._opened_with)

    def reject(self) -> None:
        """Escape, Cancel and the window's close button ask first when something was
        typed (AsksBeforeDiscarding); while a save is on its way nothing happens (it
        closes the dialog when done)."""
        if not self.saving():
            super().reject()

    # -- saving -------------------------------------------------------------------------
    def work(self) -> Callable[[], Any]:
        """The call to run on the worker, with the form's values already read."""
        raise NotImplementedError  # abstract: every subclass defines it

    def _save(self) -> None:
        self._watch_inputs()
        self._say_nothing()
        self.fields.clear()
        wrong = first_problem(self)  # shown at its field only; nothing is sent
        if wrong is not None:
            reveal(wrong)
            return
        try:
            work = self.work()
        except InputError as error:  # a value read from the form cannot be used
            self._failed(error)
            return
        self.buttons.setEnabled(False)
        Op(self, work, lambda _result: self.accept()).failure(
            self._failed).run_in_background()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        field = error.field if isinstance(error, InputError) else ""
        if field and self.fields.show(field, explain(error)):
            return
        self._say(explain(error))
