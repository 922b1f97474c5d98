"""Counselling -> Training: courses and activities (BAB III stage 4), and for the chosen
course who takes part, who completed it and with what certificate. Counsellors, managers
and administrators plan courses and record results; others who see residents read."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import CourseSkill, ParticipantStatus
from shelter_app.gui.background import Op
from shelter_app.gui.counselling.training_dialogs import (
    CourseDialog,
    EnrolDialog,
    ResultDialog,
    shelter_itself,
)
from shelter_app.gui.widgets import (
    LoadsWhenShown,
    confirm,
    fill_table,
    heading,
    open_dialog,
    read_only_table,
    shown_only_if,
)
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date
from shelter_app.services.counselling import training

RECENT_DAYS = 180  # courses that ended longer ago show only when asked for


def course_days(data) -> str:
    """The first and last day, or "from" the first while the last is not fixed."""
    first = format_date(data.starts_on, "short")
    if data.ends_on is None:
        return _("from {day}").format(day=first)
    return f"{first} – {format_date(data.ends_on, 'short')}"


def certificate_text(participant) -> str:
    if not participant.certificate:
        return ""
    return participant.certificate_number or _("Yes")


class TrainingPage(LoadsWhenShown, QWidget):
    def __init__(self, workspace, today: dt.date, parent=None):
        super().__init__(parent)
        self.workspace, self.today = workspace, today
        self.rows: list = []
        self.courses = read_only_table([_("Course"), _("Skill"), _("Provider"), _("Days"),
                                        _("Participants"), _("Completed")])
        header = self.courses.horizontalHeader()
        for column in (3, 4, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.courses.itemSelectionChanged.connect(self._chosen)
        self.courses.doubleClicked.connect(lambda _index: self.edit_course())
        self.participants = read_only_table([_("Case number"), _("Name"), _("Status"),
                                             _("Completed on"), _("Certificate")])
        self.participants.itemSelectionChanged.connect(self._follow)
        self.older = QCheckBox(_("Show courses that ended long ago"))
        self.older.toggled.connect(lambda _on: self.refresh())
        self.chosen_title = QLabel("")
        self.chosen_title.setWordWrap(True)
        self.buttons = {
            "new": QPushButton(_("&New course…")),
            "edit": QPushButton(_("&Edit the course…")),
            "enrol": QPushButton(_("&Add a resident…")),
            "result": QPushButton(_("Record the &result…")),
            "withdraw": QPushButton(_("&Take out")),
        }
        for key, handler in (("new", self.new_course), ("edit", self.edit_course),
                             ("enrol", self.enrol), ("result", self.record_result),
                             ("withdraw", self.withdraw)):
            self.buttons[key].clicked.connect(lambda _c=False, h=handler: h())
        self.buttons["withdraw"].setToolTip(_("For a resident put in the course by mistake, "
                                              "before any result"))
        writes = workspace.may(Permission.CASE_WORK)
        for button in self.buttons.values():
            shown_only_if(button, writes)
        if writes:
            self.participants.doubleClicked.connect(lambda _index: self.record_result())
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Courses and activities by interest and talent, run by an "
                               "institution or the shelter itself.")), 1)
        top.addWidget(self.older)
        course_bar = QHBoxLayout()
        course_bar.addWidget(self.buttons["new"])
        course_bar.addWidget(self.buttons["edit"])
        course_bar.addStretch()
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addWidget(self.courses, 1)
        upper_layout.addLayout(course_bar)
        people_bar = QHBoxLayout()
        for key in ("enrol", "result", "withdraw"):
            people_bar.addWidget(self.buttons[key])
        people_bar.addStretch()
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(heading(_("Who takes part"), 12))
        lower_layout.addWidget(self.chosen_title)
        lower_layout.addWidget(self.participants, 1)
        lower_layout.addLayout(people_bar)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._chosen()

    def first_shown(self) -> None:
        self.refresh()

    def refresh(self, choose: int | None = None) -> None:
        """Read the courses again; `choose`: the course to select (one just saved)."""
        since = None if self.older.isChecked() else self.today - dt.timedelta(days=RECENT_DAYS)
        workspace = self.workspace
        Op(self, lambda: training.courses(workspace, since=since),
           lambda rows: self._show(rows, choose)).run_in_background()

    def _show(self, rows, choose: int | None = None) -> None:
        chosen = self.selected_course()
        chosen_id = choose if choose is not None else chosen.course_id if chosen else None
        self.rows = rows
        fill_table(self.courses, [[
            row.data.title, CourseSkill(row.data.skill).label, row.provider or shelter_itself(),
            course_days(row.data), str(len(row.participants)), str(row.completed)]
            for row in rows])
        ids = [row.course_id for row in rows]
        if chosen_id in ids:
            self.courses.selectRow(ids.index(chosen_id))
        elif rows:
            self.courses.selectRow(0)
        self._chosen()

    def selected_course(self):
        picked = self.courses.selectionModel().selectedRows()
        row = picked[0].row() if picked else -1
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def selected_participant(self):
        course = self.selected_course()
        picked = self.participants.selectionModel().selectedRows()
        row = picked[0].row() if picked else -1
        if course is None or not 0 <= row < len(course.participants):
            return None
        return course.participants[row]

    def _chosen(self) -> None:
        course = self.selected_course()
        people = course.participants if course is not None else ()
        self.chosen_title.setText(  # as the list says who runs it
            _("{course}: {provider}").format(course=course.data.title,
                                             provider=course.provider or shelter_itself())
            if course is not None else _("Choose a course above."))
        fill_table(self.participants, [[
            p.case_number, p.shown_name, ParticipantStatus(p.status).label,
            format_date(p.completed_on, "short") if p.completed_on else "",
            certificate_text(p)] for p in people])
        self._follow()

    def _follow(self) -> None:
        course, person = self.selected_course(), self.selected_participant()
        self.buttons["edit"].setEnabled(course is not None)
        self.buttons["enrol"].setEnabled(course is not None)
        self.buttons["result"].setEnabled(person is not None)
        self.buttons["withdraw"].setEnabled(person is not None
                                            and person.status == training.ENROLLED)

    def new_course(self) -> None:
        dialog = CourseDialog(self.workspace, self.today, parent=self)
        open_dialog(self, dialog, lambda: self.refresh(choose=dialog.course_id))

    def edit_course(self) -> None:
        course = self.selected_course()
        if course is not None and self.workspace.may(Permission.CASE_WORK):
            open_dialog(self, CourseDialog(self.workspace, self.today, course, self),
                        self.refresh)

    def enrol(self) -> None:
        course = self.selected_course()
        if course is not None:
            open_dialog(self, EnrolDialog(self.workspace, course, self), self.refresh)

    def record_result(self) -> None:
        course, person = self.selected_course(), self.selected_participant()
        if person is not None:
            open_dialog(self, ResultDialog(self.workspace, course, person, self.today, self),
                        self.refresh)

    def withdraw(self, asked: bool = True) -> None:
        course, person = self.selected_course(), self.selected_participant()
        if person is None:
            return
        if asked and not confirm(self, _("Take out of the course"), _(
                "Take {case} out of {course}? Only for a resident put in by mistake.").format(
                case=person.case_number, course=course.data.title), destructive=True):
            return
        Op(self, lambda: training.withdraw(self.workspace, person.participant_id),
           lambda _r: self.refresh()).run_in_background()
