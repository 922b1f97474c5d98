"""Record a case conference (sidang kasus): who took part, the cases discussed, and for
each case its decision and the goals of its empowerment plan (new goals, or changes to
the plan's goals). Saved all at once, or not at all."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.vocab import GoalStatus, NeedDomain
from shelter_app.gui.background import Op
from shelter_app.gui.date_field import DateField
from shelter_app.gui.residents.fields import CodedCombo
from shelter_app.gui.save_dialog import SaveDialog
from shelter_app.gui.widgets import text_box
from shelter_app.i18n import _
from shelter_app.services.counselling import casework, session_views
from shelter_app.services.counselling.casework import CaseDecision, ConferenceData, GoalData

GOAL_COLUMNS = 6
TARGET_COLUMN = 4


class GoalsTable(QTableWidget):
    """The plan's goals, one row each: domain, goal, actions, who, target date, status.
    A row grows while its target date shows a message, so the message can be read."""

    def __init__(self, today: dt.date):
        super().__init__(0, GOAL_COLUMNS)
        self.today = today
        self.goal_ids: list[int | None] = []
        self.setHorizontalHeaderLabels([_("Domain"), _("Goal"), _("Actions"), _("Who"),
                                        _("Target date"), _("Status")])
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((150, 180, 180, 110, 110, 110)):
            self.setColumnWidth(column, width)
        header.sectionResized.connect(lambda *_sizes: self.fit_rows())
        self.verticalHeader().hide()

    def add_goal(self, goal: casework.Goal | None = None) -> None:
        row = self.rowCount()
        self.insertRow(row)
        domain = CodedCombo(list(NeedDomain))
        status = CodedCombo(list(GoalStatus))
        target = DateField(goal.target_date if goal else self.today + dt.timedelta(days=30),
                           field="goals")
        target.problem_shown.connect(lambda _problem: self.fit_rows())
        texts = [QLineEdit(goal.goal if goal else ""),
                 QLineEdit(goal.actions if goal else ""),
                 QLineEdit(goal.responsible if goal else "")]
        if goal:
            domain.set_value(goal.domain)
            status.set_value(goal.status)
        for column, widget in enumerate([domain, *texts, target, status]):
            self.setCellWidget(row, column, widget)
        self.goal_ids.append(goal.id if goal else None)
        self.fit_rows()

    def fit_rows(self) -> None:
        """Each row as tall as its target date needs at the column's width, its message
        wrapped over several lines included (a table sizes rows by one-line hints)."""
        grid = 1 if self.showGrid() else 0  # a cell widget leaves the grid line free
        width = self.columnWidth(TARGET_COLUMN) - grid
        for row in range(self.rowCount()):
            target = self.cellWidget(row, TARGET_COLUMN)
            needed = target.heightForWidth(width) + grid if target else 0
            self.setRowHeight(row, max(self.sizeHintForRow(row), needed))

    def remove_new_goal(self) -> None:
        row = self.currentRow()
        if row >= 0 and self.goal_ids[row] is None:  # a goal of the plan is dropped instead
            self.removeRow(row)
            del self.goal_ids[row]

    def goals(self) -> tuple[GoalData, ...]:
        found = []
        for row in range(self.rowCount()):
            cell = self.cellWidget
            found.append(GoalData(
                cell(row, 0).value(), cell(row, 1).text(), cell(row, 2).text(),
                cell(row, 3).text(), cell(row, TARGET_COLUMN).value(), cell(row, 5).value(),
                self.goal_ids[row]))
        return tuple(found)


class CaseEditor(QWidget):
    def __init__(self, person_id: int, label: str, today: dt.date):
        super().__init__()
        self.person_id, self.label = person_id, label
        self.decision = text_box(lines=3, placeholder=_(
            "What the conference decided for this case"))
        self.goals = GoalsTable(today)
        add, remove = QPushButton(_("Add a goal")), QPushButton(_("Remove the new goal"))
        add.clicked.connect(lambda: self.goals.add_goal())
        remove.clicked.connect(self.goals.remove_new_goal)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(_("Decision for {case}").format(case=label)))
        layout.addWidget(self.decision)
        layout.addWidget(QLabel(_("Empowerment plan: goals (goals already in the plan can "
                                  "be changed; set a dropped goal to Dropped)")))
        layout.addWidget(self.goals, 1)
        layout.addLayout(buttons)

    def show_plan(self, plan: casework.Plan) -> None:
        for goal in plan.goals:
            self.goals.add_goal(goal)

    def decision_data(self) -> CaseDecision:
        return CaseDecision(self.person_id, self.decision.toPlainText(), self.goals.goals())


class ConferenceDialog(SaveDialog):
    def __init__(self, workspace, today: dt.date, parent=None, person_id: int | None = None):
        super().__init__(_("Record a case conference"), parent)
        self.workspace, self.today = workspace, today
        self.resize(1080, 680)
        self.held_on = DateField(today, today=today, field="date")
        self.participants = text_box(lines=2, placeholder=_(
            "Staff and outside people who took part, with their role"))
        self.decisions = text_box(lines=2, placeholder=_(
            "Decisions for all the cases (optional)"))
        self.form.addRow(_("Date"), self.held_on)
        self.form.addRow(_("Participants"), self.participants)
        self.form.addRow(_("General decisions"), self.decisions)
        self.case_choice = QComboBox()
        add_case = QPushButton(_("Add this case"))
        add_case.clicked.connect(self._add_chosen)
        remove_case = QPushButton(_("Remove the case"))
        remove_case.clicked.connect(self._remove_case)
        self.cases = QListWidget()
        self.cases.setMaximumWidth(230)
        self.editors = QStackedWidget()
        self.cases.currentRowChanged.connect(self.editors.setCurrentIndex)
        self.editors.currentChanged.connect(self.cases.setCurrentRow)  # a refused date's case
        picker = QHBoxLayout()
        picker.addWidget(QLabel(_("Cases discussed")))
        picker.addWidget(self.case_choice, 1)
        picker.addWidget(add_case)
        picker.addWidget(remove_case)
        body = QHBoxLayout()
        body.addWidget(self.cases)
        body.addWidget(self.editors, 1)
        self.layout().insertLayout(1, picker)
        self.layout().insertLayout(2, body, 1)
        self._wanted = person_id
        also = (person_id,) if person_id is not None else ()
        Op(self, lambda: session_views.choices(workspace, today, also), self._fill_cases
           ).run_in_background()

    def _fill_cases(self, choices) -> None:
        for pid, label in choices.residents:
            self.case_choice.addItem(label, pid)
        if self._wanted is not None:
            index = self.case_choice.findData(self._wanted)
            if index >= 0:
                self.case_choice.setCurrentIndex(index)
                self._add_chosen()

    def editor_of(self, person_id: int) -> CaseEditor | None:
        for index in range(self.editors.count()):
            if self.editors.widget(index).person_id == person_id:
                return self.editors.widget(index)
        return None

    def _add_chosen(self) -> None:
        pid, label = self.case_choice.currentData(), self.case_choice.currentText()
        if pid is None or self.editor_of(pid) is not None:
            return
        editor = CaseEditor(pid, label, self.today)
        self.editors.addWidget(editor)
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, pid)
        self.cases.addItem(item)
        self.cases.setCurrentRow(self.cases.count() - 1)
        Op(self, lambda: casework.plan(self.workspace, pid), editor.show_plan
           ).run_in_background()

    def _remove_case(self) -> None:
        row = self.cases.currentRow()
        if row >= 0:
            self.cases.takeItem(row)
            widget = self.editors.widget(row)
            self.editors.removeWidget(widget)
            widget.deleteLater()

    def work(self):
        data = ConferenceData(
            self.held_on.value(), self.participants.toPlainText(),
            self.decisions.toPlainText(),
            tuple(self.editors.widget(i).decision_data() for i in range(self.editors.count())))
        workspace = self.workspace
        return lambda: casework.record_conference(workspace, data)
