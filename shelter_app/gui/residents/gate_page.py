"""The gate (Residents -> Visitors): a visitor is checked against the contacts who must
not visit before anything else; on a match a full-window red stop says what to do. A
visit needs the resident's agreement, asked and recorded. Beside the form, the day's
visits; the profile's Visits tab lists one resident's (VisitsTab)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.errors import InputError
from shelter_app.domain.vocab import Relation
from shelter_app.gui.background import Op, explain
from shelter_app.gui.date_field import DateField
from shelter_app.gui.residents.fields import CodedCombo, FieldMessages, error_label
from shelter_app.gui.style import colour
from shelter_app.gui.widgets import fill_table, heading, read_only_table
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date
from shelter_app.services.residents import visitors
from shelter_app.services.residents.visitors import VisitorData

NOBODY = -1  # "someone not on this list": a name nobody here goes by, or a protected one


def _time(moment: dt.datetime | None, zone) -> str:
    return moment.astimezone(zone).strftime("%H:%M") if moment is not None else ""


def _asked_for(row) -> str:
    """The resident on the list, or the name the visitor gave as they said it."""
    if row.case_number:
        return f"{row.case_number} · {row.shown_name}"
    return f"\u201c{row.asked_for}\u201d" if row.asked_for else _("Nobody here")


def _answer(row) -> str:
    if row.agreed is None:
        return "–"
    answer = _("agreed") if row.agreed else _("did not agree")
    return f"{answer} ({row.agreement_asked_by})" if row.agreement_asked_by else answer


def _sized_to_text(button: QPushButton) -> None:
    """At least as wide as its text in its font, with room around it (the style's own
    hint left the stop's button tight at 1366x768, in Indonesian most)."""
    metrics = button.fontMetrics()
    text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    room = metrics.height()
    button.setMinimumSize(metrics.horizontalAdvance(text) + 3 * room,
                          max(48, metrics.height() + room))


class StopWindow(QDialog):
    """Full window, red: the visitor must not visit. What to do, in order. It closes
    only with its button (Escape does nothing), so it is read before the gate goes on."""

    def __init__(self, parent=None):
        super().__init__(parent)
        # "STOP!", not "STOP": the catalog had "STOP" left in English on the Indonesian
        # screen, and a new msgid is what gets its translation
        self.setWindowTitle(_("STOP! This visitor must not visit"))
        self.setObjectName("gateStop")
        # red, white text: the style sheet's QDialog#gateStop (style.py: one place for colours)
        title = QLabel(_("STOP!"))
        font = title.font()
        font.setPointSize(56)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        what = QLabel(_("This visitor matches someone who must not visit a resident."))
        steps = QLabel("<ol style='margin-left: 0'>" + "".join(f"<li>{step}</li>" for step in (
            _("Do <b>not</b> confirm that anyone is here. Do not say any resident's name, "
              "and do not let the visitor in."),
            _("Stay calm and polite; ask the visitor to wait outside the gate."),
            _("Call the manager now."),
            _("Call the police: 110."),
            _("Do not tell the resident's family or anyone else by phone until the manager "
              "says so."))) + "</ol>")
        recorded = QLabel(_("The visit is recorded as stopped."))
        steps.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        for label, size in ((what, 22), (steps, 20), (recorded, 14)):
            label_font = label.font()
            label_font.setPointSize(size)
            label_font.setBold(label is what)
            label.setFont(label_font)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText if label is steps
                                else Qt.TextFormat.PlainText)
        self.done_button = QPushButton(_("I have read this; the manager is being called"))
        button_font = self.done_button.font()
        button_font.setPointSize(14)
        self.done_button.setFont(button_font)
        _sized_to_text(self.done_button)
        self.done_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        layout.addWidget(title)
        layout.addWidget(what)
        layout.addWidget(steps, 1)
        layout.addWidget(recorded)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.done_button)
        row.addStretch()
        layout.addLayout(row)
        # the whole screen, also where no window manager maximises (a tester's kiosk
        # showed the steps cut off in a window of the dialog's own size)
        screen = (parent.screen() if parent is not None else None) or \
            QGuiApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.availableGeometry())
        self.setWindowState(Qt.WindowState.WindowMaximized)

    def reject(self) -> None:  # Escape: the stop stays until it is read
        pass


class GatePage(QWidget):
    """Visitors at the gate: the check, the resident's answer, and the day's log."""

    recorded = Signal()

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.zone = dt.UTC
        self.last_stop: StopWindow | None = None
        self.checked: VisitorData | None = None  # the visitor the answer is for
        self.rows: list = []
        self.fields = FieldMessages()
        self.name = QLineEdit()
        self.id_number = QLineEdit()
        self.id_number.setPlaceholderText(_("KTP (NIK) or passport number"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(_("for example 0812 3456 7890"))
        self.relation = CodedCombo(list(Relation))
        self.relation.set_value("other")
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.person.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        # Enter takes the highlighted match, or the first (as the forms' resident picker):
        # a tester's Enter left "Dewi" typed, and Check took it as nobody on the list
        self.person.lineEdit().returnPressed.connect(self._person_entered)
        self.person.lineEdit().textEdited.connect(lambda _text: self.fields.clear("person"))
        self.asked_for = QLineEdit()
        self.asked_for.setMaxLength(visitors.ASKED_FOR_LIMIT)
        self.asked_for.setPlaceholderText(_("as the visitor says it"))
        self.note = QLineEdit()
        self.message = error_label()
        self.check_button = QPushButton(_("&Check the visitor"))
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        for field in (self.name, self.id_number, self.phone, self.asked_for, self.note):
            field.textEdited.connect(lambda _text: self._forget_check())
            field.returnPressed.connect(self.check)
        self.person.currentIndexChanged.connect(lambda _index: self._forget_check())
        form = QFormLayout()
        form.addRow(_("Visitor's name"), self.fields.add("name", self.name))
        form.addRow(_("ID number"), self.fields.add("id_number", self.id_number))
        form.addRow(_("Phone"), self.fields.add("phone", self.phone))
        form.addRow(_("Relation"), self.relation)
        form.addRow(_("Asks for"), self.fields.add("asked_for", self.asked_for))
        form.addRow(_("Resident"), self.fields.add("person", self.person))
        form.addRow(_("Note"), self.note)
        hint = QLabel(_("Check every visitor before you say anything about who stays here. "
                        "Write whom they ask for as they say it, then find the resident "
                        "on the list; nobody on it by that name: choose \u201cSomeone not "
                        "on this list\u201d."))
        hint.setWordWrap(True)
        self.answer_box = self._answer_box()
        visitor_box = QGroupBox(_("A visitor at the gate"))
        left = QVBoxLayout(visitor_box)
        left.addWidget(hint)
        left.addLayout(form)
        left.addWidget(self.message)
        left.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignLeft)
        left.addWidget(self.answer_box)
        left.addStretch()
        self.day = DateField(field="day")  # the app's date field, as typed everywhere
        self.day.changed.connect(self._day_changed)
        self._day_set = False
        self.table = read_only_table([_("Time"), _("Visitor"), _("Relation"), _("Asked for"),
                                      _("Outcome"), _("Answer"), _("Left")])
        for column in (0, 2, 4, 6):  # times, relation, outcome: as wide as they are (the
            # outcome showed "Dikunju…" at 1366x768); the rest share what is left, and a
            # cell's tooltip has its whole text (fill_table)
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents)
        self.left_button = QPushButton(_("The visitor has &left"))
        self.left_button.clicked.connect(self.mark_left)
        log_box = QWidget()
        right = QVBoxLayout(log_box)
        day_row = QHBoxLayout()
        day_row.addWidget(heading(_("Visits on"), 12))
        day_row.addWidget(self.day)
        day_row.addStretch()
        right.addLayout(day_row)
        right.addWidget(self.table, 1)
        right.addWidget(self.left_button, 0, Qt.AlignmentFlag.AlignLeft)
        splitter = QSplitter()
        splitter.addWidget(visitor_box)
        splitter.addWidget(log_box)
        # the form needs no more than this; the day's visits get the rest (their columns
        # were cut at 1366x768 with the form as wide as they)
        visitor_box.setMaximumWidth(max(460, visitor_box.minimumSizeHint().width()))
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(splitter)
        # loaded when its tab is shown (ResidentsArea), not at every login

    def _answer_box(self) -> QFrame:
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        self.clear = QLabel("")
        self.clear.setWordWrap(True)
        self.asked_by = QLineEdit(self.workspace.user.username)
        self.agrees = QPushButton(_("The resident &agrees: let in"))
        self.agrees.clicked.connect(lambda: self.record(True))
        self.refuses = QPushButton(_("The resident does &not agree"))
        self.refuses.clicked.connect(lambda: self.record(False))
        self.send_away = QPushButton(_("&Record and send away"))
        self.send_away.clicked.connect(lambda: self.record(False))
        self.asked_row = QWidget()
        asked = QFormLayout(self.asked_row)
        asked.setContentsMargins(0, 0, 0, 0)
        asked.addRow(_("Who asked the resident"), self.fields.add("asked_by", self.asked_by))
        buttons = QHBoxLayout()
        for button in (self.agrees, self.refuses, self.send_away):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(box)
        layout.addWidget(self.clear)
        layout.addWidget(self.asked_row)
        layout.addLayout(buttons)
        box.hide()
        return box

    # --- loading -------------------------------------------------------------------------

    def refresh(self) -> None:
        Op(self, lambda: (visitors.gate_today(self.workspace),
                          visitors.present_residents(self.workspace),
                          visitors.my_shown_name(self.workspace)),
           self._loaded).run_in_background()

    def _loaded(self, loaded) -> None:
        (today, self.zone), candidates, me = loaded
        if self.asked_by.text() == self.workspace.user.username:  # not changed by hand
            self.asked_by.setText(me)
        chosen = self.person.currentData()
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItem(_("Someone not on this list"), NOBODY)
        for candidate in candidates:
            self.person.addItem(f"{candidate.case_number} · {candidate.shown_name}",
                                candidate.person_id)
        index = self.person.findData(chosen) if chosen is not None else -1
        self.person.setCurrentIndex(max(index, 0))
        self.person.blockSignals(False)
        if not self._day_set:
            self._day_set = True
            self.day.today = today
            self.day.set_value(today)  # shows the day's log through `changed`
            return
        self.refresh_log()

    def _day_changed(self) -> None:
        """A whole day typed or chosen: its visits (a half-typed day waits)."""
        if self._day_set and not self.day.problem() and self.day.text().strip():
            self.refresh_log()

    def refresh_log(self) -> None:
        try:
            day = self.day.value()
        except InputError:
            return  # shown at the field
        if day is None:
            return
        Op(self, lambda: visitors.visits_on(self.workspace, day), self._show_log
           ).run_in_background()

    def _show_log(self, rows) -> None:
        self.rows = rows
        fill_table(self.table, [[
            _time(row.at, self.zone), row.visitor_name or "–", Relation(row.relation).label,
            _asked_for(row), visitors.outcome_label(row.outcome), _answer(row),
            _time(row.left_at, self.zone)] for row in rows])
        for index, row in enumerate(rows):
            # who recorded it: on the row, the log has no room for a column of its own
            recorded = _("Recorded by {name}").format(name=row.recorded_by)
            for column in range(self.table.columnCount()):
                item = self.table.item(index, column)  # its whole text (fill_table) first
                item.setToolTip("\n".join(filter(None, (item.toolTip(), recorded))))
                if row.outcome == visitors.STOPPED:
                    item.setForeground(colour("error"))

    # --- the check -----------------------------------------------------------------------

    def _visitor(self) -> VisitorData:
        return VisitorData(name=self.name.text(), id_number=self.id_number.text(),
                           phone=self.phone.text(), relation=self.relation.value(),
                           note=self.note.text(), asked_for=self.asked_for.text())

    def _person_id(self) -> int | None:
        chosen = self.person.currentData()
        return None if chosen in (None, NOBODY) else int(chosen)

    def _forget_check(self) -> None:
        self.checked = None
        self.answer_box.hide()

    def _failed(self, error: BaseException) -> None:
        field = getattr(error, "field", "")
        if not self.fields.show(field, explain(error)):
            self.message.setText(explain(error))

    # --- the resident field: only a row of its list counts ---------------------------------

    def _person_entered(self) -> None:
        """Enter in the resident field (also while its matches are open)."""
        popup = self.person.completer().popup()
        if popup.isVisible() and popup.currentIndex().isValid():
            return  # highlighted with Down: the list's own Enter takes that one
        popup.hide()
        self.take_typed_person()

    def _typed_person(self) -> str:
        return self.person.lineEdit().text().strip()

    def _person_is_chosen(self) -> bool:
        index = self.person.currentIndex()
        return index >= 0 and self._typed_person() == self.person.itemText(index).strip()

    def _matching(self) -> list[int]:
        """The rows the typed text stands for: the one it names, else those that hold it
        (the list's names: a protected person by her pseudonym only), first to last."""
        typed = self._typed_person().casefold()
        if not typed:
            return []
        rows = [index for index in range(self.person.count())
                if typed in self.person.itemText(index).casefold()]
        return [index for index in rows
                if self.person.itemText(index).casefold() == typed] or rows

    def take_typed_person(self) -> bool:
        """The first row the typed text stands for; none: said at the field, False."""
        if self._person_is_chosen():
            return True
        rows = self._matching()
        if not rows:
            self._say_not_on_list()
            return False
        self.person.setCurrentIndex(rows[0])
        self.person.lineEdit().setText(self.person.itemText(rows[0]))
        self.fields.clear("person")
        return True

    def _say_not_on_list(self) -> None:
        self.fields.show("person", _(
            "Nobody on the list goes by what you typed. Choose a resident from the list, "
            "or \u201cSomeone not on this list\u201d."))

    def check(self) -> None:
        self.message.setText("")
        self._forget_check()
        if not self._person_is_chosen():  # typed, not chosen: never "not on the list"
            if self._matching():
                self.fields.show("person", _(
                    "Choose the resident from the list (Enter takes the first that "
                    "matches), or \u201cSomeone not on this list\u201d."))
            else:
                self._say_not_on_list()
            self.person.setFocus()
            return
        visitor, person_id = self._visitor(), self._person_id()
        Op(self, lambda: visitors.check_visitor(self.workspace, visitor, person_id),
           lambda result: self._checked(result, visitor, person_id)
           ).failure(self._failed).run_in_background()

    def _checked(self, result, visitor: VisitorData, person_id: int | None) -> None:
        if result.stop:
            self._stopped()
            return
        self.checked = visitor
        if person_id is None:
            self.clear.setText(visitors.not_here_line())
        else:
            self.clear.setText(visitors.clear_line())
        for widget in (self.asked_row, self.agrees, self.refuses):
            widget.setVisible(person_id is not None)
        self.send_away.setVisible(person_id is None)
        self.answer_box.show()
        # not on "let in": an Enter there admitted a visitor before anyone asked the
        # resident (a tester); the one who asks writes their name first
        (self.asked_by if person_id is not None else self.send_away).setFocus()

    def _stopped(self) -> None:
        self._clear_form()
        self.refresh_log()
        self.recorded.emit()
        self.last_stop = StopWindow(self)
        self.last_stop.open()

    def record(self, agreed: bool) -> None:
        if self.checked is None:
            return
        visitor, person_id = self.checked, self._person_id()
        asked_by = self.asked_by.text()
        Op(self, lambda: visitors.record_visit(self.workspace, visitor, person_id,
                                               agreed=agreed, asked_by=asked_by),
           self._recorded).failure(self._failed).run_in_background()

    def _recorded(self, result) -> None:
        if result.stop:  # a contact was marked "must not visit" since the check
            self._stopped()
            return
        self._clear_form()
        self.refresh_log()
        self.recorded.emit()

    def _clear_form(self) -> None:
        for field in (self.name, self.id_number, self.phone, self.asked_for, self.note):
            field.clear()
        self.relation.set_value("other")
        self.person.setCurrentIndex(0)
        self._forget_check()
        self.name.setFocus()

    def mark_left(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            return
        visit_id = self.rows[row].visit_id
        Op(self, lambda: visitors.mark_left(self.workspace, visit_id),
           lambda _r: self.refresh_log()).run_in_background()


class VisitsTab(QWidget):
    """The profile's Visits tab: everyone who came for this resident."""

    def __init__(self, workspace, person_id: int):
        super().__init__()
        self.workspace, self.person_id = workspace, person_id
        self.table = read_only_table([_("Date"), _("Time"), _("Visitor"), _("Relation"),
                                      _("Outcome"), _("Answer"), _("Left"),
                                      _("Recorded by")])
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def reload(self) -> None:
        Op(self, lambda: (visitors.visits_of(self.workspace, self.person_id),
                          visitors.gate_today(self.workspace)[1]), self._show
           ).run_in_background()

    def _show(self, loaded) -> None:
        rows, zone = loaded
        fill_table(self.table, [[
            format_date(row.at.astimezone(zone).date(), "short"), _time(row.at, zone),
            row.visitor_name or "–", Relation(row.relation).label,
            visitors.outcome_label(row.outcome), _answer(row), _time(row.left_at, zone),
            row.recorded_by] for row in rows])
