"""One date field for the whole app, and its month and time siblings. The user types
day/month/year (shown as dd/mm/yyyy) or picks a day in the calendar, and the text stays
as they typed it: a text that is not a date, or a date outside the field's range, shows
a message at the field in the user's language and the form refuses to save. Nothing is
clamped or "fixed up" into another date, as QDateEdit did (with today as its maximum it
dropped the key that made 2027 and restored the last valid year on leaving: 15/03/2027
became a date in 2006). QTimeEdit did the same to times (13:00 typed became 09:00)."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.errors import InputError
from shelter_app.gui.style import set_role
from shelter_app.i18n import _, current_language

EARLIEST = dt.date(1900, 1, 1)
EXAMPLE = dt.date(1945, 8, 17)
_PARTS = re.compile(r"^(\d{1,2})[/.\-\s]+(\d{1,2})[/.\-\s]+(\d{4})$")
_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{4})$")  # 15032027, typed without separators
_MONTH = re.compile(r"^(\d{1,2})[/.\-\s]+(\d{4})$|^(\d{2})(\d{4})$")
# 13:00, 13.00 (as Indonesian writes it), 13 00, 1300, 930, or the hour alone (9, 13)
_TIME = re.compile(r"^(\d{1,2})(?:[:.\s]+(\d{2})|(\d{2}))?$")


def format_day(day: dt.date) -> str:
    """dd/mm/yyyy, the way forms in Indonesia (and the field) write a date."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def format_month(day: dt.date) -> str:
    return f"{day.month:02d}/{day.year:04d}"


def format_time(time: dt.time) -> str:
    return f"{time.hour:02d}:{time.minute:02d}"


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


def parse_month(text: str) -> dt.date | None:
    """The first day of the month written as month/yyyy; None for an empty text."""
    text = text.strip()
    if not text:
        return None
    parts = _MONTH.match(text)
    if parts is None:
        raise ValueError("not month/year")
    month, year = (int(part) for part in parts.groups() if part is not None)
    return dt.date(year, month, 1)


def parse_time(text: str) -> dt.time | None:
    """hours:minutes (or hours.minutes, hours minutes, three or four digits, or the hour
    alone); None for an empty text."""
    text = text.strip()
    if not text:
        return None
    parts = _TIME.match(text)
    if parts is None:
        raise ValueError("not hours:minutes")
    hour, minute = parts.group(1), parts.group(2) or parts.group(3) or "0"
    return dt.time(int(hour), int(minute))  # ValueError for 25:00 and the like


class TypedField(QWidget):
    """A one-line field that keeps what the user typed. `value()` is the value, None when
    an optional field is left empty; it raises an InputError (named `field`) while the
    text cannot be used. `check()` shows the problem at the field and says whether the
    form may save. Subclasses say how a text is read and written and what is wrong."""

    changed = Signal()
    problem_shown = Signal(str)  # "" when the message went: a table row may resize

    def __init__(self, text: str, *, placeholder: str, widest: str, tooltip: str,
                 optional: bool, field: str, parent=None):
        super().__init__(parent)
        self.optional, self.field = optional, field
        self._quiet = False  # see quiet_until_save
        self.edit = QLineEdit(text)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setMaxLength(12)
        self.edit.setFixedWidth(self.edit.fontMetrics().horizontalAdvance(widest) + 16)
        self.edit.setToolTip(tooltip)
        self.message = QLabel("")
        set_role(self.message, tone="error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(2)
        self.row.addWidget(self.edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self.row)
        layout.addWidget(self.message)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._finished)

    # -- what a subclass says -------------------------------------------------------------
    def parse(self, text: str):
        raise NotImplementedError  # abstract: the value in `text`, ValueError if none

    def write(self, value) -> str:
        raise NotImplementedError  # abstract: the text that shows `value`

    def problem(self) -> str:
        raise NotImplementedError  # abstract: what is wrong with the text, "" if nothing

    # -- reading and writing --------------------------------------------------------------
    def value(self):
        problem = self.problem()
        if problem:
            raise InputError(problem, self.field)
        return self.parse(self.edit.text())

    def set_value(self, value) -> None:
        self.edit.setText(self.write(value) if value is not None else "")
        self.show_problem("")
        self.changed.emit()

    def check(self) -> bool:
        """Show the problem at the field, if any; True when the form may use the value."""
        problem = self.problem()
        self.show_problem(problem)
        return not problem

    def text(self) -> str:
        return self.edit.text()

    def _typed(self, _text: str) -> None:
        if self.message.text():
            self.show_problem(self.problem())  # the message goes once the text is right
        self.changed.emit()

    def quiet_until_save(self) -> None:
        """In a dialog that checks on Save: leaving the field says nothing yet (a line
        appearing then moved the fields under the user's next click), and a message that
        goes keeps its line empty for the same reason."""
        self._quiet = True

    def says_on_leaving(self) -> bool:
        return not self._quiet

    def _finished(self) -> None:
        if self._quiet:
            fine = not self.problem()
            if self.message.text():
                self.show_problem(self.problem())
        else:
            fine = self.check()
        if fine and self.edit.text().strip():
            normal = self.write(self.parse(self.edit.text()))  # the same value, written out
            if normal != self.edit.text():
                self.edit.setText(normal)

    def show_problem(self, problem: str) -> None:
        """Show `problem` under the field ("" hides it); it goes when the text is fixed."""
        shown = self.message.text()
        if not problem and self._quiet and self.message.isVisible():
            self.message.setMinimumHeight(self.message.height())  # its line stays
        else:
            self.message.setVisible(bool(problem))
        self.message.setText(problem)
        if problem != shown:
            self.problem_shown.emit(problem)


class DateField(TypedField):
    """A day. With `today`, a date in the future is refused; `latest` and `earliest`
    bound it otherwise. Alt+Down or F4 opens a calendar, Monday first."""

    def __init__(self, day: dt.date | None = None, *, today: dt.date | None = None,
                 latest: dt.date | None = None, earliest: dt.date = EARLIEST,
                 optional: bool = False, field: str = "", parent=None):
        super().__init__(
            self.write(day) if day else "", placeholder=self.placeholder(), widest=self.widest,
            tooltip=self.tooltip(), optional=optional, field=field, parent=parent)
        self.today, self.earliest = today, earliest
        self.latest = min(d for d in (today, latest) if d) if today or latest else None
        self.pick = QToolButton()
        self.pick.setArrowType(Qt.ArrowType.DownArrow)
        self.pick.setToolTip(_("Choose in the calendar"))
        self.pick.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pick.clicked.connect(self.open_calendar)
        self.calendar: QCalendarWidget | None = None
        self.row.addWidget(self.pick)
        self.row.addStretch()
        self.edit.installEventFilter(self)

    widest = "00/00/00000"

    def placeholder(self) -> str:
        return _("dd/mm/yyyy")

    def tooltip(self) -> str:
        return _("Day/month/year, for example {example}. Alt+Down opens the calendar."
                 ).format(example=format_day(EXAMPLE))

    def parse(self, text: str) -> dt.date | None:
        return parse_day(text)

    def write(self, value: dt.date) -> str:
        return format_day(value)

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

    # -- picking --------------------------------------------------------------------------
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
            shown = self.parse(self.edit.text())
        except ValueError:
            shown = None
        near = self.today or min(dt.date.today(), self.latest or dt.date.max)
        shown = shown if shown and self.earliest <= shown <= (self.latest or shown) else near
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


class MonthField(DateField):
    """A calendar month, written mm/yyyy; `value()` is its first day. With `today`, a
    month that has not begun is refused. The calendar picks any day of it."""

    widest = "00/00000"

    def placeholder(self) -> str:
        return _("mm/yyyy")

    def tooltip(self) -> str:
        return _("Month/year, for example {example}. Alt+Down opens the calendar."
                 ).format(example=format_month(EXAMPLE))

    def parse(self, text: str) -> dt.date | None:
        return parse_month(text)

    def write(self, value: dt.date) -> str:
        return format_month(value)

    def problem(self) -> str:
        try:
            first = parse_month(self.edit.text())
        except ValueError:
            return _("This is not a month: write month/year, for example {example}."
                     ).format(example=format_month(EXAMPLE))
        if first is None:
            return "" if self.optional else _("Enter a month (month/year).")
        if self.today is not None and first > self.today:
            return _("This month has not begun yet: the current month is {month}.").format(
                month=format_month(self.today))
        if self.latest is not None and first > self.latest:
            return _("The month can be {month} at the latest.").format(
                month=format_month(self.latest))
        if first < self.earliest.replace(day=1):
            return _("The month cannot be before {month}.").format(
                month=format_month(self.earliest))
        return ""


class TimeField(TypedField):
    """A time of day, written hours:minutes (24 hours)."""

    def __init__(self, time: dt.time | None = None, *, optional: bool = False,
                 field: str = "", parent=None):
        super().__init__(
            format_time(time) if time is not None else "", placeholder=_("hh:mm"), widest="00:000",
            tooltip=_("Hours:minutes, 24 hours, for example 13:30."), optional=optional,
            field=field, parent=parent)
        self.row.addStretch()
        # a time sits beside another in a row: its message wraps under it, not across
        self.message.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("0" * 40))

    def show_problem(self, problem: str) -> None:
        """As wide as a short sentence, or its text if shorter: left to its size hint, a
        message in a row of fields stood in a column of a few words."""
        metrics = self.message.fontMetrics()
        self.message.setMinimumWidth(min(metrics.horizontalAdvance(problem),
                                         metrics.horizontalAdvance("0" * 40)))
        super().show_problem(problem)

    def parse(self, text: str) -> dt.time | None:
        return parse_time(text)

    def write(self, value: dt.time) -> str:
        return format_time(value)

    def problem(self) -> str:
        try:
            time = parse_time(self.edit.text())
        except ValueError:
            return _("This is not a time: write hours:minutes from 00:00 to 23:59, for "
                     "example 13:30.")
        if time is None and not self.optional:
            return _("Enter a time (hours:minutes).")
        return ""


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def first_problem(widget: QWidget) -> TypedField | None:
    """The first date or time field in `widget` whose text cannot be saved, its message
    shown: what a form checks before it saves."""
    for field in widget.findChildren(TypedField):
        if not field.check():
            return field
    return None


def reveal(field: QWidget) -> None:
    """Bring `field` into view (its tab, page, table row or scrolled place) and focus it:
    where a refused form sends the user."""
    child, parent = field, field.parentWidget()
    while parent is not None:
        if isinstance(parent, QStackedWidget):
            tabs = parent.parentWidget()
            if isinstance(tabs, QTabWidget):
                tabs.setCurrentWidget(child)
            else:
                parent.setCurrentWidget(child)
        elif isinstance(parent, QAbstractItemView) and child is parent.viewport():
            parent.scrollTo(parent.indexAt(field.mapTo(child, field.rect().center())))
        elif isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(field)
        child, parent = parent, parent.parentWidget()
    field.setFocus()
