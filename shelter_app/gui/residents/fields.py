"""Input widgets for coded values, shared by the intake wizard and dialogs (dates:
shelter_app.gui.date_field)."""

from __future__ import annotations

from PySide6.QtCore import Property, QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shelter_app.gui.date_field import TypedField, reveal
from shelter_app.gui.style import set_role
from shelter_app.i18n import _, current_language

# the signal each kind of field sends when the user changes it (the first one it has)
_NO_LIMIT = 16777215  # Qt's QWIDGETSIZE_MAX
_CHANGE_SIGNALS = ("changed", "textChanged", "currentIndexChanged", "itemChanged",
                   "valueChanged", "toggled")


class CodedCombo(QComboBox):
    """A combo over a coded vocabulary (or (code, label) pairs); `value()` is the code."""

    def __init__(self, choices=(), *, empty: str | None = None, parent=None):
        super().__init__(parent)
        self.set_choices(choices, empty=empty)

    def set_choices(self, choices, *, empty: str | None = None) -> None:
        """Coded values, or (code, label) pairs, after `empty` (no choice: code "")."""
        self.clear()
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
    """Several codes chosen with tick boxes, `rows` of them in view."""

    def __init__(self, choices=(), rows: int = 6, *, parent=None):
        super().__init__(parent)
        self.set_choices(choices)
        self.rows = rows
        self.setMinimumWidth(270)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _rows(self) -> int:
        return self._shown_rows

    def _set_rows(self, rows: int) -> None:
        """As tall as `rows` choices; 0: as tall as there is room."""
        self._shown_rows = rows
        self.setMaximumHeight(rows * 21 + 6 if rows else _NO_LIMIT)

    # a Qt property, so a .ui file sets it: <property name="rows" stdset="0">
    rows = Property(int, _rows, _set_rows)

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


class RupiahBox(QSpinBox):
    """An amount of rupiah, written with the thousands separators of the user's language
    (Rp 2.500.000 in Indonesian, Rp 2,500,000 in English) and read back with or without
    them as typed. The C locale Qt starts with showed and took none."""

    def __init__(self, maximum: int, step: int, value: int = 0, parent=None):
        super().__init__(parent)
        self.setLocale(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
                       if current_language() == "id" else
                       QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        self.setRange(0, maximum)
        self.setSingleStep(step)
        self.setPrefix("Rp ")
        self.setGroupSeparatorShown(True)
        self.setValue(value)


def error_label() -> QLabel:
    label = QLabel("")
    set_role(label, tone="error")
    label.setWordWrap(True)
    return label


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


class FieldMessages:
    """Where a form says what is wrong: under the field an InputError names (its `field`),
    with the focus put there; the message goes as soon as that field changes. A date or
    time field shows it in its own message line."""

    def __init__(self, keep_room: bool = False):
        """`keep_room`: a message that goes leaves its line empty, so the fields under it
        do not move up while the user types (the next click lands where they aimed)."""
        self._fields: dict[str, tuple[QWidget, QLabel | None]] = {}
        self.keep_room = keep_room

    def knows(self, name: str) -> bool:
        return name in self._fields

    def add(self, name: str, widget: QWidget) -> QWidget:
        """Know `widget` as field `name`. Returns what to put in the form: the widget
        with a message line under it (a date or time field as it is). A widget a .ui
        file placed already gets its line where it is."""
        if isinstance(widget, TypedField):
            self._fields[name] = (widget, None)
            return widget
        label = error_label()
        label.hide()
        box = QWidget()
        placed_in = widget.parentWidget().layout() if widget.parentWidget() else None
        if placed_in is not None:
            placed_in.replaceWidget(widget, box)  # found in nested layouts too
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(label)
        # the box grows as its field does: a combo or a list of fixed height never
        # takes the form's spare height (which left gaps between the rows)
        grows = widget.sizePolicy().verticalPolicy()
        if widget.maximumHeight() < _NO_LIMIT:
            grows = QSizePolicy.Policy.Maximum
        box.setSizePolicy(QSizePolicy.Policy.Preferred, grows)
        self._fields[name] = (widget, label)
        for signal in _CHANGE_SIGNALS:
            if hasattr(widget, signal):
                getattr(widget, signal).connect(lambda *_args: self.clear(name))
                break
        return box

    def show(self, name: str, message: str, focus: bool = True) -> bool:
        """Show `message` at field `name` (and focus it); False if there is no such
        field, for the form to say it elsewhere."""
        found = self._fields.get(name)
        if found is None:
            return False
        widget, label = found
        if label is None:
            widget.show_problem(message)
        else:
            label.setText(message)
            label.show()
        if focus:
            reveal(widget)
        return True

    def shown(self, name: str) -> str:
        widget, label = self._fields[name]
        return widget.message.text() if label is None else label.text()

    def said(self) -> dict[str, str]:
        """The messages shown now, by field."""
        return {name: self.shown(name) for name in self._fields if self.shown(name)}

    def clear(self, name: str | None = None) -> None:
        """Take the message away from field `name`, or from every field."""
        for each in ([name] if name else list(self._fields)):
            widget, label = self._fields[each]
            if label is None:
                if widget.message.text():
                    widget.show_problem(widget.problem())  # "" unless its text is wrong
            elif self.keep_room and label.isVisible():
                label.setMinimumHeight(label.height())
                label.setText("")
            else:
                label.setText("")
                label.hide()


def discard_typing(parent: QWidget) -> bool:
    """Ask before a form with something typed in it is closed; True: let it go. Keep
    is the default, so Enter or Escape pressed once too often loses nothing."""
    box = QMessageBox(QMessageBox.Icon.Question, parent.windowTitle(),
                      _("Discard what you typed?"), parent=parent)
    discard = box.addButton(_("Discard"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(_("Keep typing"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.setObjectName("discard_typing")
    box.exec()
    return box.clickedButton() is discard


def may_discard(form) -> bool:
    """Whether `form` (with `has_unsaved_typing()`) may close on Escape or Cancel: nothing
    typed, or the user chose Discard. Asked once: a base class that asks too lets it go."""
    if getattr(form, "_discard_agreed", False):
        return True
    if form.has_unsaved_typing() and not discard_typing(form):
        return False
    form._discard_agreed = True  # until the closing is done: see AsksBeforeDiscarding
    return True


class AsksBeforeDiscarding:
    """For a dialog or wizard that takes typing: Escape, Cancel and the window's close
    button ask first when `has_unsaved_typing()`; a window the app itself closes (a
    log-out, another user after a lock) closes without asking. Put it before QDialog or
    QWizard in the bases."""

    def has_unsaved_typing(self) -> bool:
        raise NotImplementedError

    def reject(self) -> None:
        if not may_discard(self):
            return
        try:
            super().reject()
        finally:
            self._discard_agreed = False

    def closeEvent(self, event) -> None:
        if event.spontaneous():  # the window's close button: as Cancel
            super().closeEvent(event)
            return
        self.done(QDialog.DialogCode.Rejected)
        event.accept()
