"""How the widgets of a form laid out in Qt Designer (ui/*.ui) hold a field's value.

A big form keeps one table of its fields: the field's name (as the service's plain data
and its InputError name it), the widget's object name in the .ui file, and one of the ways
below. The table alone fills the form, reads it into the service's value, tells whether
anything was typed and says an error at its widget; no field is listed twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, NamedTuple

from PySide6.QtWidgets import QAbstractButton, QLineEdit, QSpinBox

from shelter_app.gui.date_field import DateField, TypedField
from shelter_app.gui.residents.fields import CheckList, CodedCombo


class Way(NamedTuple):
    """How one kind of widget is read and written."""

    read: Callable[[Any], Any]  # the value, as the service takes it (a date: InputError
    # while its text is not one)
    write: Callable[[Any, Any], None]
    shown: Callable[[Any], Any]  # what it holds as typed: has the user changed anything?
    changed: str  # the signal it sends whenever its value changes


def _number_or_none(box: QSpinBox) -> int | None:
    """A spin box at its lowest value shows its special text ("not given"): no number."""
    return None if box.value() == box.minimum() and box.specialValueText() else box.value()


def _set_number_or_none(box: QSpinBox, number: int | None) -> None:
    box.setValue(box.minimum() if number is None else number)


TEXT = Way(QLineEdit.text, QLineEdit.setText, QLineEdit.text, "textChanged")
TICK = Way(QAbstractButton.isChecked, QAbstractButton.setChecked, QAbstractButton.isChecked,
           "toggled")
NUMBER = Way(QSpinBox.value, QSpinBox.setValue, QSpinBox.value, "valueChanged")
NUMBER_OR_NONE = Way(_number_or_none, _set_number_or_none, QSpinBox.value, "valueChanged")
CODE = Way(CodedCombo.value, CodedCombo.set_value, CodedCombo.value, "currentIndexChanged")
CODES = Way(CheckList.values, CheckList.set_values, CheckList.values, "itemChanged")
TYPED = Way(TypedField.value, TypedField.set_value, TypedField.text, "changed")  # a date, a time


def typed_rules(field: TypedField, name: str, *, optional: bool = False,
                today: dt.date | None = None) -> None:
    """What a date or time field's constructor takes, given to one a .ui file made: its
    name in an InputError, whether it may stay empty, and (a date) no day after `today`."""
    field.field, field.optional = name, optional
    if isinstance(field, DateField):
        field.today = field.latest = today
