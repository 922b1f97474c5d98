"""The resident's profile tabs for counselling: the sessions they were in, and their
case work (assessment versions, the empowerment plan with its progress, conferences),
from where the case can move to its next stage."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import CaseStage, GoalStatus, NeedDomain, SessionKind, SessionStatus
from shelter_app.gui.background import Op
from shelter_app.gui.counselling.session_dialog import SessionDialog
from shelter_app.gui.residents.fields import CodedCombo
from shelter_app.gui.widgets import confirm, fill_table, open_dialog, read_only_table, shown_only_if
from shelter_app.i18n import _, ngettext
from shelter_app.i18n.formatting import format_date
from shelter_app.services.counselling import casework, session_views, training
from shelter_app.services.referrals import placements
from shelter_app.services.residents import records


class SessionsTab(QWidget):
    """The resident's sessions; Enter or a double-click opens one, as the calendar does
    (what the user may change there, and whether they see its notes, is the dialog's)."""

    def __init__(self, workspace, person_id: int):
        super().__init__()
        self.workspace, self.person_id = workspace, person_id
        self.today: dt.date | None = None  # comes with the profile
        self.views: list = []
        self.summary = QLabel("")
        self.table = read_only_table([_("Date"), _("Time"), _("Type"), _("Status"),
                                      _("Counsellors"), _("Came")])
        self.table.activated.connect(lambda index: self.open_session(index.row()))
        self.table.doubleClicked.connect(lambda index: self.open_session(index.row()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def reload(self) -> None:
        Op(self, lambda: session_views.of_person(self.workspace, self.person_id), self._show
           ).run_in_background()

    def open_session(self, row: int) -> None:
        if not 0 <= row < len(self.views) or self.today is None:
            return  # still loading
        view = self.views[row]
        open_dialog(self, SessionDialog(self.workspace, self.today, view.start.tzinfo,
                                        session_id=view.id, parent=self), self.reload)

    def _show(self, views) -> None:
        self.views = views
        rows = []
        for view in views:
            mine = [p.attended for p in view.participants if p.person_id == self.person_id]
            came = "" if not mine or mine[0] is None else (_("Yes") if mine[0] else _("No"))
            rows.append([format_date(view.start.date(), "short"),
                         f"{view.start:%H:%M}–{view.end:%H:%M}",
                         SessionKind(view.kind).label, SessionStatus(view.status).label,
                         ", ".join(view.counsellor_names), came])
        fill_table(self.table, rows)
        held = sum(view.status == "held" for view in views)
        self.summary.setText(ngettext(
            "{count} session, {held} held. Enter or a double-click opens it; only "
            "counsellors see its notes.", "{count} sessions, {held} held. Enter or a "
            "double-click opens one; only counsellors see its notes.", len(views)).format(count=len(views), held=held))


class CaseWorkTab(QWidget):
    changed = Signal()

    def __init__(self, workspace, person_id: int, today: dt.date | None):
        super().__init__()
        self.workspace, self.person_id, self.today = workspace, person_id, today
        self.label, self.plan, self.versions = "", None, []
        layout = QVBoxLayout(self)
        if not workspace.may(Permission.CASE_WORK):
            note = QLabel(_("Assessments and plans are shown to counsellors, managers and "
                            "administrators."))
            note.setWordWrap(True)
            layout.addWidget(note)
            layout.addStretch()
            self.enabled = False
            return
        self.enabled = True
        layout.addLayout(self._top(), 1)

    def _top(self) -> QHBoxLayout:
        assessment = QGroupBox(_("Assessment"))
        self.version = QComboBox()
        self.version.currentIndexChanged.connect(self._show_version)
        self.assessment_text = QTextBrowser()
        new_version = QPushButton(_("New &assessment version…"))
        new_version.clicked.connect(self._new_assessment)
        if not casework.may_record_assessment(self.workspace):
            new_version.setEnabled(False)
            new_version.setToolTip(_("Assessments are sealed for counsellors."))
        box = QVBoxLayout(assessment)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Version")))
        row.addWidget(self.version, 1)
        box.addLayout(row)
        box.addWidget(self.assessment_text, 1)
        box.addWidget(new_version)

        plan = QGroupBox(_("Empowerment plan"))
        self.progress = QProgressBar()
        self.progress.setFormat(_("%v of %m goals achieved"))
        self.stage = QLabel("")
        self.goals = read_only_table([_("Domain"), _("Goal"), _("Actions"), _("Who"), _("Target"),
                                      _("Status")])
        header = self.goals.horizontalHeader()
        for column in (0, 3, 4, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.goals.setWordWrap(True)
        self.goal_status = CodedCombo(list(GoalStatus))
        self.set_status = set_status = QPushButton(_("Set the goal's status"))
        set_status.clicked.connect(self._set_goal_status)
        self.goals.itemSelectionChanged.connect(self._goal_chosen)
        self._goal_chosen()
        conference = QPushButton(_("Record a case &conference…"))
        conference.clicked.connect(self._conference)
        self.advance = QPushButton("")
        self.advance.clicked.connect(self._advance)
        shown_only_if(self.advance, self.workspace.may(Permission.MOVE_CASE_STAGE))
        self.conferences = QLabel("")
        self.conferences.setWordWrap(True)
        self.training = QLabel("")  # her courses and placements, read only
        self.training.setWordWrap(True)
        self.training.setTextFormat(Qt.TextFormat.PlainText)
        box = QVBoxLayout(plan)
        box.addWidget(self.stage)
        box.addWidget(self.progress)
        box.addWidget(self.goals, 1)
        row = QHBoxLayout()
        row.addWidget(self.goal_status)
        row.addWidget(set_status)
        row.addStretch()
        box.addLayout(row)
        box.addWidget(QLabel("<b>{}</b>".format(escape(_("Training and placement")))))
        box.addWidget(self.training)
        box.addWidget(self.conferences)
        row = QHBoxLayout()
        row.addWidget(conference)
        row.addWidget(self.advance)
        row.addStretch()
        box.addLayout(row)
        top = QHBoxLayout()
        top.addWidget(assessment, 2)
        top.addWidget(plan, 3)
        return top

    def reload(self, label: str = "") -> None:
        if not self.enabled:
            return
        self.label = label or self.label
        workspace, person = self.workspace, self.person_id
        Op(self, lambda: (casework.assessments(workspace, person),
                          casework.plan(workspace, person),
                          training.training_of(workspace, person),
                          placements.placements_of(workspace, person)), self._show
           ).run_in_background()

    def _show(self, loaded) -> None:
        from shelter_app.gui.residents.training_tab import plan_lines

        self.versions, self.plan, courses, placed = loaded
        self.training.setText("\n".join(plan_lines(courses, placed)) or _(
            "No course or placement yet: see the Training and placement tab."))
        self.version.blockSignals(True)
        self.version.clear()
        for version in self.versions:
            self.version.addItem(_("{number}: {day}, by {user}").format(
                number=version.version, day=format_date(version.assessed_on),
                user=version.assessed_by))
        self.version.blockSignals(False)
        self._show_version(0)
        plan = self.plan
        achieved, counted = plan.progress
        self.progress.setRange(0, max(counted, 1))
        self.progress.setValue(achieved)
        self.progress.setFormat(_("%v of %m goals achieved") if counted
                                else _("No plan yet: a case conference makes one"))
        self.stage.setText(_("Case stage: {stage}").format(stage=CaseStage(plan.stage).label))
        fill_table(self.goals, [[NeedDomain(g.domain).label, g.goal, g.actions, g.responsible,
                                 format_date(g.target_date, "short"), GoalStatus(g.status).label]
                                for g in plan.goals])
        self._goal_chosen()
        self.conferences.setText("\n".join(
            _("Case conference {day}: {decision}").format(day=format_date(day),
                                                          decision=text or "–")
            for day, text in plan.conferences[:3]))
        following = casework.next_stage(plan.stage)
        self.advance.setEnabled(following is not None)
        self.advance.setText(_("Move the case to {stage}").format(
            stage=following.label) if following else _("The case is at the last "
                                                                   "stage"))

    def _show_version(self, index: int) -> None:
        if not 0 <= index < len(self.versions):
            self.assessment_text.setHtml("<p>" + escape(_(
                "No assessment yet. Record the first one with the button below.")) + "</p>")
            return
        if self.versions[index].sealed:  # this user holds no counsellors' key
            self.assessment_text.setHtml("<p>" + escape(_(
                "This assessment's text is sealed for counsellors.")) + "</p>")
            return
        data = self.versions[index].data
        problems, needs = escape(_("Problems")), escape(_("Needs"))
        cause, priorities = escape(_("Root cause")), escape(_("Priorities"))
        parts = [f"<h4>{problems}</h4><p>{escape(data.problems)}</p>", f"<h4>{needs}</h4><ul>"]
        parts += [f"<li><b>{escape(NeedDomain(code).label)}</b>: {escape(need)}</li>"
                  for code, need in data.needs.items()]
        parts += ["</ul>", f"<h4>{cause}</h4><p>{escape(data.root_cause)}</p>",
                  f"<h4>{priorities}</h4><p>{escape(data.priorities)}</p>"]
        self.assessment_text.setHtml("".join(parts))

    def _new_assessment(self) -> None:
        from shelter_app.gui.counselling.assessment_dialog import AssessmentDialog

        open_dialog(self, AssessmentDialog(self.workspace, self.person_id, self.label,
                                           self.today, self.versions[0] if self.versions
                                           else None, self), self.reload)

    def _conference(self) -> None:
        from shelter_app.gui.counselling.conference_dialog import ConferenceDialog

        open_dialog(self, ConferenceDialog(self.workspace, self.today, self,
                                           person_id=self.person_id),
                    lambda: (self.reload(), self.changed.emit()))

    def _chosen_goal(self):
        rows = self.goals.selectionModel().selectedRows()
        row = rows[0].row() if rows else -1
        goals = self.plan.goals if self.plan is not None else ()
        return goals[row] if 0 <= row < len(goals) else None

    def _goal_chosen(self) -> None:
        """The status box and its button work on the goal chosen in the plan: without
        one they are off, and say why."""
        goal = self._chosen_goal()
        for widget in (self.goal_status, self.set_status):
            widget.setEnabled(goal is not None)
            widget.setToolTip("" if goal is not None else _(
                "Choose a goal in the plan first (a case conference makes the plan)."))
        if goal is not None:
            self.goal_status.set_value(goal.status)

    def _set_goal_status(self) -> None:
        row = self.goals.currentRow()
        if self.plan is None or not 0 <= row < len(self.plan.goals):
            return
        goal_id, status = self.plan.goals[row].id, self.goal_status.value()
        Op(self, lambda: casework.set_goal_status(self.workspace, goal_id, status),
           lambda _r: self.reload()).run_in_background()

    def _advance(self, _checked=False, asked: bool = True) -> None:
        following = casework.next_stage(self.plan.stage) if self.plan else None
        if following is None:
            return
        if asked and not confirm(self, _("Move the case stage"), _(
                "Move the case to {stage}?").format(stage=following.label)):
            return
        Op(self, lambda: records.move_stage(self.workspace, self.person_id, following),
           lambda _r: (self.reload(), self.changed.emit())).run_in_background()
