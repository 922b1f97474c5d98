"""The profile's Training and placement tab (BAB III stages 4 and 5): the courses she took
part in with their result and certificate, her placements by interest (work, school, her
own business with its start-up help, return to the family) and how each went; and the
forms that record a placement and how it is going. The empowerment plan shows the same in
short (plan_lines)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import (
    CourseSkill,
    ParticipantStatus,
    PlacementKind,
    PlacementOutcome,
    PlacementStatus,
)
from shelter_app.gui.background import Op
from shelter_app.gui.counselling.training_dialogs import InstitutionCombo, shelter_itself
from shelter_app.gui.counselling.training_page import certificate_text, course_days
from shelter_app.gui.date_field import DateField
from shelter_app.gui.residents.fields import CodedCombo, RupiahBox
from shelter_app.gui.save_dialog import SaveDialog
from shelter_app.gui.widgets import (
    fill_table,
    heading,
    open_dialog,
    read_only_table,
    shown_only_if,
    text_box,
)
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date, format_rupiah
from shelter_app.services.counselling import training
from shelter_app.services.referrals import placements
from shelter_app.services.referrals.placements import MAX_STARTUP_VALUE, PlacementData


def where(row) -> str:
    """Where a placement is: the institution from the directory, and what was written."""
    return " · ".join(part for part in (row.institution, row.data.place) if part) or "–"


def startup_text(data) -> str:
    parts = [data.startup_help] if data.startup_help else []
    if data.startup_value:
        parts.append(format_rupiah(data.startup_value))
    return ", ".join(parts)


def going_text(row) -> str:
    """The latest "how it's going", with its day."""
    if not row.checks:
        return ""
    last = row.checks[-1]
    return _("{outcome} ({day})").format(outcome=PlacementOutcome(last.outcome).label,
                                         day=format_date(last.on, "short"))


def result_text(mine) -> str:
    status = ParticipantStatus(mine.status).label
    if mine.completed_on is None:
        return status
    return f"{status} {format_date(mine.completed_on, 'short')}"


def unbroken(text: str) -> str:
    """`text` kept on one line where it wraps: a word joiner after each slash and
    hyphen (a certificate number BLK/MJ/2026/0157 broke after "BLK/")."""
    return text.replace("/", "/\u2060").replace("-", "\u2011")


def plan_lines(trainings, rows) -> list[str]:
    """Her courses and placements in a line each, for the empowerment plan."""
    lines = []
    for item in trainings:
        line = _("Course: {course} ({skill}), {result}").format(
            course=item.course.data.title, skill=CourseSkill(item.course.data.skill).label,
            result=result_text(item.me).lower())
        if item.me.certificate:
            line += ", " + _("certificate {number}").format(
                number=unbroken(item.me.certificate_number) or "–")
        lines.append(line)
    for row in rows:
        line = _("Placement: {kind}, {where}, from {day}: {status}").format(
            kind=PlacementKind(row.data.kind).label, where=where(row),
            day=format_date(row.data.starts_on, "short"),
            status=PlacementStatus(row.status).label.lower())
        if row.checks:
            line += "; " + _("last: {going}").format(going=going_text(row))
        lines.append(line)
    return lines


class PlacementDialog(SaveDialog):
    """A new placement, or (row) a placement changed."""

    def __init__(self, workspace, person_id: int, label: str, today: dt.date, row=None,
                 parent=None):
        super().__init__(_("Change the placement") if row else _("New placement"), parent,
                         heading=label)
        self.workspace, self.person_id, self.row = workspace, person_id, row
        self.setMinimumWidth(600)
        data = row.data if row else PlacementData(kind="work", starts_on=today)
        self.kind = CodedCombo(list(PlacementKind))
        self.kind.set_value(data.kind)
        self.institution = InstitutionCombo(workspace, _("Not in the directory"),
                                            data.institution_id)
        self.place = QLineEdit(data.place)
        self.place.setPlaceholderText(_("The employer, the school, the business or the "
                                        "family's village"))
        self.starts_on = DateField(data.starts_on, field="starts_on")
        self.readiness = text_box(data.readiness, 3, _(
            "Is she ready, and by what: skills, health, her own wish, the family's support"))
        self.startup_help = text_box(data.startup_help, 2, _(
            "e.g. a sewing machine and cloth (for her own business)"))
        self.startup_value = RupiahBox(MAX_STARTUP_VALUE, 50_000, data.startup_value or 0)
        for label, name, widget in (
                (_("Placement"), "kind", self.kind),
                (_("Institution"), "institution", self.institution),
                (_("Place"), "place", self.place), (_("First day"), "starts_on", self.starts_on),
                (_("Ready for it"), "readiness", self.readiness),
                (_("Start-up help"), "startup_help", self.startup_help),
                (_("Its value"), "startup_value", self.startup_value)):
            self.form.addRow(label, self.fields.add(name, widget))

    def work(self):
        data = PlacementData(self.kind.value(), self.institution.value(), self.place.text(),
                             self.starts_on.value(), self.readiness.toPlainText(),
                             self.startup_help.toPlainText(),
                             self.startup_value.value() or None)
        workspace, person_id, row = self.workspace, self.person_id, self.row
        if row is None:
            return lambda: placements.add_placement(workspace, person_id, data)
        return lambda: placements.update_placement(workspace, row.placement_id, data,
                                                   row.version)


class CheckDialog(SaveDialog):
    """How a placement is going, seen on a day (outside a follow-up visit)."""

    def __init__(self, workspace, row, today: dt.date, parent=None):
        super().__init__(_("How the placement is going"), parent, heading=_(
            "{kind}: {where}").format(kind=PlacementKind(row.data.kind).label,
                                      where=where(row)))
        self.workspace, self.placement_id = workspace, row.placement_id
        self.setMinimumWidth(520)
        self.on = DateField(today, today=today, field="on")
        self.outcome = CodedCombo(list(PlacementOutcome))
        self.note = text_box("", 3, _("What was seen; needed unless it is going well"))
        self.form.addRow(_("Date"), self.on)
        self.form.addRow(_("How it is going"), self.fields.add("outcome", self.outcome))
        self.form.addRow(_("Note"), self.fields.add("note", self.note))

    def work(self):
        on, outcome, note = self.on.value(), self.outcome.value(), self.note.toPlainText()
        workspace, placement_id = self.workspace, self.placement_id
        return lambda: placements.record_check(workspace, placement_id, on, outcome, note)


class TrainingTab(QWidget):
    changed = Signal()

    def __init__(self, workspace, person_id: int):
        super().__init__()
        self.workspace, self.person_id = workspace, person_id
        self.today: dt.date | None = None  # comes with the profile
        self.label = ""
        self.trainings: list = []
        self.rows: list = []
        self.courses = read_only_table([_("Course"), _("Skill"), _("Provider"), _("Days"),
                                        _("Result"), _("Certificate")])
        self.placements = read_only_table([_("Placement"), _("Place"), _("From"),
                                           _("Status"), _("Start-up help"),
                                           _("How it is going")])
        self.placements.itemSelectionChanged.connect(self._chosen)
        self.checks = read_only_table([_("Date"), _("How it is going"), _("Note"),
                                       _("Recorded by")])
        for table in (self.courses, self.placements, self.checks):  # long text wraps
            rows = table.verticalHeader()
            rows.setMinimumSectionSize(rows.defaultSectionSize())
        self.buttons = {
            "new": QPushButton(_("&New placement…")),
            "edit": QPushButton(_("C&hange the placement…")),
            "check": QPushButton(_("&Record how it is going…")),
        }
        for key, handler in (("new", self.new_placement), ("edit", self.edit_placement),
                             ("check", self.record_check)):
            self.buttons[key].clicked.connect(lambda _c=False, h=handler: h())
        for button in self.buttons.values():
            shown_only_if(button, workspace.may(Permission.CASE_WORK))
        bar = QHBoxLayout()
        for button in self.buttons.values():
            bar.addWidget(button)
        bar.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Courses and activities"), 11))
        layout.addWidget(self.courses, 2)
        layout.addWidget(heading(_("Placements"), 11))
        layout.addWidget(self.placements, 2)
        layout.addLayout(bar)
        layout.addWidget(QLabel(_("How the chosen placement went")))
        layout.addWidget(self.checks, 2)
        self._chosen()

    def reload(self, label: str = "", today: dt.date | None = None) -> None:
        self.label, self.today = label or self.label, today or self.today
        workspace, person = self.workspace, self.person_id
        Op(self, lambda: (training.training_of(workspace, person),
                          placements.placements_of(workspace, person)), self._show
           ).run_in_background()

    def _show(self, loaded) -> None:
        chosen = self.selected()
        self.trainings, self.rows = loaded
        fill_table(self.courses, [[
            t.course.data.title, CourseSkill(t.course.data.skill).label,
            t.course.provider or shelter_itself(), course_days(t.course.data),
            result_text(t.me), certificate_text(t.me)] for t in self.trainings])
        fill_table(self.placements, [[
            PlacementKind(r.data.kind).label, where(r), format_date(r.data.starts_on, "short"),
            PlacementStatus(r.status).label + (f" {format_date(r.ended_on, 'short')}"
                                               if r.ended_on else ""),
            startup_text(r.data), going_text(r)] for r in self.rows])
        self.courses.resizeRowsToContents()
        self.placements.resizeRowsToContents()
        ids = [row.placement_id for row in self.rows]
        if chosen is not None and chosen.placement_id in ids:
            self.placements.selectRow(ids.index(chosen.placement_id))
        elif self.rows:
            self.placements.selectRow(0)
        self._chosen()

    def selected(self):
        picked = self.placements.selectionModel().selectedRows()
        row = picked[0].row() if picked else -1
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _chosen(self) -> None:
        row = self.selected()
        fill_table(self.checks, [[
            format_date(c.on, "short"), PlacementOutcome(c.outcome).label, c.note,
            c.recorded_by + (" · " + _("follow-up visit") if c.at_follow_up else "")]
            for c in (row.checks if row is not None else ())])
        self.checks.resizeRowsToContents()
        self.buttons["new"].setEnabled(self.today is not None)
        self.buttons["edit"].setEnabled(row is not None)
        self.buttons["check"].setEnabled(row is not None and row.status != placements.ENDED)

    def _open(self, dialog) -> None:
        open_dialog(self, dialog, lambda: (self.reload(), self.changed.emit()))

    def new_placement(self) -> None:
        if self.today is not None:
            self._open(PlacementDialog(self.workspace, self.person_id, self.label, self.today,
                                       parent=self))

    def edit_placement(self) -> None:
        row = self.selected()
        if row is not None and self.today is not None:
            self._open(PlacementDialog(self.workspace, self.person_id, self.label, self.today,
                                       row, self))

    def record_check(self) -> None:
        row = self.selected()
        if row is not None and self.today is not None:
            self._open(CheckDialog(self.workspace, row, self.today, self))
