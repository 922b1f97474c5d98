"""The small forms of the Training tab: a course, a resident put in it, her result (the
resident chosen with the incident form's picker, gui/residents/resident_picker.py). Each
checks in its service; a refusal shows under the form and keeps it open."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
)

from shelter_app.domain.errors import InputError
from shelter_app.domain.vocab import CourseSkill, ParticipantStatus
from shelter_app.gui.background import Op
from shelter_app.gui.date_field import DateField
from shelter_app.gui.residents.fields import CodedCombo
from shelter_app.gui.residents.resident_picker import ResidentPicker
from shelter_app.gui.save_dialog import SaveDialog
from shelter_app.gui.widgets import text_box
from shelter_app.i18n import _
from shelter_app.services.counselling import training
from shelter_app.services.counselling.training import CourseData
from shelter_app.services.referrals import institutions

SHELTER_ITSELF = 0  # the provider combo's item for "the shelter itself" (no institution)


def shelter_itself() -> str:
    return _("The shelter itself")


class InstitutionCombo(QComboBox):
    """An institution from the directory (the active ones, and `keep` even when no longer
    active), after `first` (no institution: value() None)."""

    def __init__(self, workspace, first: str, keep: int | None = None, parent=None):
        super().__init__(parent)
        self._wanted = keep
        self.addItem(first, SHELTER_ITSELF)
        self.loaded = False
        Op(self, lambda: institutions.directory(workspace), self._fill).run_in_background()

    def _fill(self, directory) -> None:
        dialog = self.window()  # a dialog untouched so far stays so once the list is in
        untouched = isinstance(dialog, SaveDialog) and not dialog.has_unsaved_typing()
        for info in directory:
            if info.data.active or info.id == self._wanted:
                self.addItem(info.data.name, info.id)
        if self._wanted is not None:
            self.setCurrentIndex(max(self.findData(self._wanted), 0))
        self.loaded = True
        if untouched:
            dialog.remember_as_opened()

    def value(self) -> int | None:
        chosen = self.currentData()
        return None if chosen in (None, SHELTER_ITSELF) else int(chosen)

    def set_value(self, institution_id: int | None) -> None:
        self._wanted = institution_id
        self.setCurrentIndex(max(self.findData(institution_id or SHELTER_ITSELF), 0))


class CourseDialog(SaveDialog):
    """A new course, or (row) a course changed."""

    def __init__(self, workspace, today: dt.date, row=None, parent=None):
        super().__init__(_("Edit the course") if row else _("New course"), parent)
        self.workspace, self.row = workspace, row
        self.course_id = row.course_id if row else None
        self.setMinimumWidth(560)
        data = row.data if row else CourseData(starts_on=today)
        self.title = QLineEdit(data.title)
        self.title.setPlaceholderText(_("e.g. Menjahit dasar"))
        self.skill = CodedCombo(list(CourseSkill))
        self.skill.set_value(data.skill)
        self.provider = InstitutionCombo(workspace, shelter_itself(), data.institution_id)
        self.starts_on = DateField(data.starts_on, field="starts_on")
        self.ends_on = DateField(data.ends_on, optional=True, field="ends_on")
        self.ends_on.edit.setPlaceholderText(_("not fixed yet"))
        self.place = QLineEdit(data.place)
        self.place.setPlaceholderText(_("e.g. BLK, ruang 2"))
        self.note = text_box(data.note, 2)
        for label, name, widget in (
                (_("Name"), "title", self.title), (_("Skill"), "skill", self.skill),
                (_("Provider"), "institution", self.provider),
                (_("First day"), "starts_on", self.starts_on),
                (_("Last day"), "ends_on", self.ends_on), (_("Place"), "place", self.place),
                (_("Note"), "note", self.note)):
            self.form.addRow(label, self.fields.add(name, widget))

    def work(self):
        data = CourseData(self.title.text(), self.skill.value(), self.provider.value(),
                          self.starts_on.value(), self.ends_on.value(), self.place.text(),
                          self.note.toPlainText())
        workspace, row = self.workspace, self.row
        if row is None:
            def add():
                self.course_id = training.add_course(workspace, data)  # chosen once saved
                return self.course_id
            return add
        return lambda: training.update_course(workspace, row.course_id, data, row.version)


class EnrolDialog(SaveDialog):
    """A resident takes part in a course."""

    def __init__(self, workspace, course, parent=None):
        super().__init__(_("Add a resident to the course"), parent, heading=course.data.title)
        self.workspace, self.course_id = workspace, course.course_id
        self.setMinimumWidth(520)
        self.picker = ResidentPicker(workspace, single=True)  # the incident form's picker
        self.note = text_box("", 2)
        self.form.addRow(_("Resident"), self.picker)  # its refusals: under the form
        self.form.addRow(_("Note"), self.fields.add("note", self.note))

    def work(self):
        if self.picker.typed():  # typed and not chosen: not guessed, nor saved as nobody
            raise InputError(self.picker.unchosen_message(), "person")
        person_id, note = self.picker.value(), self.note.toPlainText()
        workspace, course_id = self.workspace, self.course_id

        def enrol():
            if person_id is None:
                raise InputError(_("Choose a resident in the list."), "person")
            return training.enrol(workspace, course_id, person_id, note)
        return enrol


class ResultDialog(SaveDialog):
    """How a resident's course ended: completed (on a day, perhaps with a certificate),
    left early, or back to taking part (a result recorded by mistake)."""

    def __init__(self, workspace, course, participant, today: dt.date, parent=None):
        super().__init__(_("Record the result"), parent, heading=_(
            "{case} · {name}: {course}").format(case=participant.case_number,
                                                name=participant.shown_name,
                                                course=course.data.title))
        self.workspace, self.participant = workspace, participant
        self.setMinimumWidth(520)
        self.status = CodedCombo([ParticipantStatus.COMPLETED, ParticipantStatus.DROPPED,
                                  ParticipantStatus.ENROLLED])
        if participant.status != training.ENROLLED:
            self.status.set_value(participant.status)
        self.completed_on = DateField(participant.completed_on or min(
            today, course.data.ends_on or today), today=today, field="completed_on")
        self.certificate = QCheckBox(_("She received a certificate"))
        self.certificate.setChecked(participant.certificate)
        self.number = QLineEdit(participant.certificate_number)
        self.number.setPlaceholderText(_("Optional"))
        self.number.setMaxLength(64)
        self.note = text_box(participant.note, 2)
        self.form.addRow(_("Result"), self.fields.add("status", self.status))
        self.form.addRow(_("Completed on"), self.completed_on)
        self.form.addRow("", self.fields.add("certificate", self.certificate))
        self.form.addRow(_("Certificate number"),
                         self.fields.add("certificate_number", self.number))
        self.form.addRow(_("Note"), self.fields.add("note", self.note))
        self.status.currentIndexChanged.connect(lambda _index: self._follow())
        self.certificate.toggled.connect(lambda _on: self._follow())
        self._follow()

    def _follow(self) -> None:
        completed = self.status.value() == training.COMPLETED
        for widget in (self.completed_on, self.certificate):
            widget.setEnabled(completed)
        self.number.setEnabled(completed and self.certificate.isChecked())

    def work(self):
        status = self.status.value()
        completed = status == training.COMPLETED
        on = self.completed_on.value() if completed else None
        certificate = completed and self.certificate.isChecked()
        number = self.number.text() if certificate else ""
        note = self.note.toPlainText()
        workspace, row = self.workspace, self.participant
        return lambda: training.record_result(
            workspace, row.participant_id, status, completed_on=on, certificate=certificate,
            certificate_number=number, note=note, expected_version=row.version)
