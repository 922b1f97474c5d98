"""One date field for the whole app. The user types day/month/year (shown as dd/mm/yyyy)
or picks a day in the calendar, and the text stays as they typed it: a text that is not
a date, or a date outside the field's range, shows a message at the field in the user's
language and the form refuses to save. Nothing is clamped or "fixed up" into another
date, as QDateEdit did (with today as its maximum it dropped the key that made 2027 and
restored the last valid year on leaving: 15/03/2027 became a date in 2006)."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.errors import InputError
from shelter_app.gui.widgets import ERROR_STYLE
from shelter_app.i18n import _, current_language

EARLIEST = dt.date(1900, 1, 1)
EXAMPLE = dt.date(1945, 8, 17)
_PARTS = re.compile(r"^(\d{1,2})[/.\-\s]+(\d{1,2})[/.\-\s]+(\d{4})$")
_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{4})$")  # 15032027, typed without separators


def format_day(day: dt.date) -> str:
    """dd/mm/yyyy, the way forms in Indonesia (and the field) write a date."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def parse_day(text: str) -> dt.date | None:
    """The date written in `text` as day, month and a four-digit year (separated by /,
    -, . or spaces, or eight digits); None for an empty text. ValueError otherwise."""
    text = text.strip()
    if not text:
        return None
    parts = _PARTS.match(text) or _DIGITS.match(text)
    if parts is None:
        raise ValueError("not day/month/year")
    day, month, year = (int(part) for part in parts.groups())
    return dt.date(year, month, day)  # ValueError for 31/02 and the like


class DateField(QWidget):
    """`value()` is the date, None when an optional field is left empty; it raises an
    InputError (named `field`) while the text is not an acceptable date. `check()` shows
    the problem at the field and says whether the form may save. With `today`, a date in
    the future is refused; `latest` and `earliest` bound it otherwise."""

    changed = Signal()

    def __init__(self, day: dt.date | None = None, *, today: dt.date | None = None,
                 latest: dt.date | None = None, earliest: dt.date = EARLIEST,
                 optional: bool = False, field: str = "", parent=None):
        super().__init__(parent)
        self.today, self.earliest, self.optional, self.field = today, earliest, optional, field
        self.latest = min(d for d in (today, latest) if d) if today or latest else None
        self.edit = QLineEdit(format_day(day) if day else "")
        self.edit.setPlaceholderText(_("dd/mm/yyyy"))
        self.edit.setMaxLength(12)
        self.edit.setFixedWidth(self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 16)
        self.edit.setToolTip(_("Day/month/year, for example {example}. Alt+Down opens the "
                               "calendar.").format(example=format_day(EXAMPLE)))
        self.pick = QToolButton()
        self.pick.setArrowType(Qt.ArrowType.DownArrow)
        self.pick.setToolTip(_("Choose in the calendar"))
        self.pick.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pick.clicked.connect(self.open_calendar)
        self.message = QLabel("")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        self.calendar: QCalendarWidget | None = None
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.edit)
        row.addWidget(self.pick)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._finished)
        self.edit.installEventFilter(self)

    # -- reading and writing --------------------------------------------------------------
    def problem(self) -> str:
        """What is wrong with the text, in the user's language; "" when it is a date in
        range (or empty where that is allowed)."""
        try:
            day = parse_day(self.edit.text())
        except ValueError:
            return _("This is not a date: write day/month/year, for example {example}."
                     ).format(example=format_day(EXAMPLE))
        if day is None:
            return "" if self.optional else _("Enter a date (day/month/year).")
        if self.today is not None and day > self.today:
            return _("This date is in the future: today is {today}.").format(
                today=format_day(self.today))
        if self.latest is not None and day > self.latest:
            return _("The date can be {day} at the latest.").format(
                day=format_day(self.latest))
        if day < self.earliest:
            return _("The date cannot be before {day}.").format(day=format_day(self.earliest))
        return ""

    def value(self) -> dt.date | None:
        problem = self.problem()
        if problem:
            raise InputError(problem, self.field)
        return parse_day(self.edit.text())

    def set_value(self, day: dt.date | None) -> None:
        self.edit.setText(format_day(day) if day else "")
        self.show_problem("")
        self.changed.emit()

    def check(self) -> bool:
        """Show the problem at the field, if any; True when the form may use the value."""
        problem = self.problem()
        self.show_problem(problem)
        return not problem

    def text(self) -> str:
        return self.edit.text()

    # -- typing and picking ---------------------------------------------------------------
    def _typed(self, _text: str) -> None:
        if self.message.text():
            self.show_problem(self.problem())  # the message goes once the date is right
        self.changed.emit()

    def _finished(self) -> None:
        if self.check() and self.edit.text().strip():
            normal = format_day(parse_day(self.edit.text()))  # the same date, as dd/mm/yyyy
            if normal != self.edit.text():
                self.edit.setText(normal)

    def show_problem(self, problem: str) -> None:
        """Show `problem` under the field ("" hides it); it goes when the text is fixed."""
        self.message.setText(problem)
        self.message.setVisible(bool(problem))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.edit and event.type() == QEvent.Type.KeyPress
                and (event.key() == Qt.Key.Key_F4 or (
                    event.key() == Qt.Key.Key_Down
                    and event.modifiers() & Qt.KeyboardModifier.AltModifier))):
            self.open_calendar()
            return True
        return super().eventFilter(watched, event)

    def open_calendar(self) -> None:
        if self.calendar is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setGridVisible(True)
            self.calendar.setVerticalHeaderFormat(
                QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
            if current_language() == "id":
                self.calendar.setLocale(QLocale(QLocale.Language.Indonesian,
                                                QLocale.Country.Indonesia))
            self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)  # after the locale's own
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
        self.calendar.setDateRange(_qdate(self.earliest), _qdate(self.latest or dt.date(
            2100, 12, 31)))
        try:
            shown = parse_day(self.edit.text())
        except ValueError:
            shown = None
        shown = shown if shown and self.earliest <= shown <= (self.latest or shown) else (
            self.latest or dt.date.today())
        self.calendar.setSelectedDate(_qdate(shown))
        self.calendar.adjustSize()
        self.calendar.move(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        self.calendar.show()
        self.calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        if self.calendar is not None:
            self.calendar.hide()
        self.set_value(day.toPython())
        self.edit.setFocus()


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def first_problem(widget: QWidget) -> DateField | None:
    """The first date field in `widget` whose text cannot be saved, its message shown:
    what a form checks before it saves."""
    for field in widget.findChildren(DateField):
        if not field.check():
            return field
    return None
