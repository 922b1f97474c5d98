"""The small forms of the Training tab: a course, a resident put in it, her result; and
the resident picker (type part of a name or a case number, choose). Each checks in its
service; a refusal shows under the form and keeps it open."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.errors import InputError
from shelter_app.domain.vocab import CourseSkill, ParticipantStatus
from shelter_app.gui.background import Op
from shelter_app.gui.date_field import DateField
from shelter_app.gui.residents.fields import CodedCombo
from shelter_app.gui.save_dialog import SaveDialog
from shelter_app.gui.style import set_role
from shelter_app.gui.widgets import text_box
from shelter_app.i18n import _
from shelter_app.services.counselling import training
from shelter_app.services.counselling.training import CourseData
from shelter_app.services.referrals import institutions

SHELTER_ITSELF = 0  # the provider combo's item for "the shelter itself" (no institution)
PICKER_ROWS = 30  # residents shown at once: past that, type more


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
        for info in directory:
            if info.data.active or info.id == self._wanted:
                self.addItem(info.data.name, info.id)
        if self._wanted is not None:
            self.setCurrentIndex(max(self.findData(self._wanted), 0))
        self.loaded = True

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
        for label, widget in ((_("Name"), self.title), (_("Skill"), self.skill),
                              (_("Provider"), self.provider), (_("First day"), self.starts_on),
                              (_("Last day"), self.ends_on), (_("Place"), self.place),
                              (_("Note"), self.note)):
            self.form.addRow(label, widget)

    def work(self):
        data = CourseData(self.title.text(), self.skill.value(), self.provider.value(),
                          self.starts_on.value(), self.ends_on.value(), self.place.text(),
                          self.note.toPlainText())
        workspace, row = self.workspace, self.row
        if row is None:
            return lambda: training.add_course(workspace, data)
        return lambda: training.update_course(workspace, row.course_id, data, row.version)


class _SearchLine(QLineEdit):
    """The picker's text: Down goes on into the list of those found."""

    def __init__(self, found: QListWidget):
        super().__init__()
        self.found = found

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Down and self.found.count():
            self.found.setFocus()
            if self.found.currentItem() is None:
                self.found.setCurrentRow(0)
            return
        super().keyPressEvent(event)


class ResidentPicker(QWidget):
    """Type part of a name or a case number, then choose. Names are shown as the list of
    residents shows them (a hidden person by the name this user may see); with nothing
    typed, the residents staying now."""

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.found = QListWidget()
        self.text = _SearchLine(self.found)
        self.text.setPlaceholderText(_("Part of a name or a case number; Down: the list"))
        self.text.setClearButtonEnabled(True)
        self.found.setMinimumHeight(160)
        self.hint = QLabel("")
        set_role(self.hint, tone="muted")
        self.hint.setWordWrap(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.look_up)
        self.text.textEdited.connect(lambda _text: self._timer.start())
        self.loaded = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addWidget(self.found)
        self.setTabOrder(self.text, self.found)
        layout.addWidget(self.hint)
        self.setFocusProxy(self.text)
        self.look_up()

    def look_up(self) -> None:
        from shelter_app.services.residents import search

        typed, workspace = self.text.text().strip(), self.workspace
        wanted = search.ResidentFilter(text=typed,
                                       presence=search.EVERYONE if typed else search.PRESENT)

        def find():
            ids = search.search(workspace, wanted)
            shown = ids[:PICKER_ROWS]
            rows = search.rows(workspace, shown)
            return typed, [rows[pid] for pid in shown if pid in rows], len(ids) > len(shown)

        Op(self, find, self._show).run_in_background()

    def _show(self, loaded) -> None:
        typed, rows, more = loaded
        if typed != self.text.text().strip():
            return  # typed on since: the newer look-up will answer
        chosen = self.value()
        self.found.clear()
        for row in rows:
            item = QListWidgetItem(f"{row.case_number} · {row.label}")
            item.setData(Qt.ItemDataRole.UserRole, row.person_id)
            self.found.addItem(item)
            if row.person_id == chosen:
                self.found.setCurrentItem(item)
        if self.found.currentItem() is None and len(rows) == 1:
            self.found.setCurrentRow(0)
        self.hint.setText(_("More residents match: type more of the name or number.")
                          if more else "" if rows else
                          _("Nobody matches.") if typed else
                          _("Nobody is staying now: type a name or a case number."))
        self.loaded = True

    def value(self) -> int | None:
        item = self.found.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))


class EnrolDialog(SaveDialog):
    """A resident takes part in a course."""

    def __init__(self, workspace, course, parent=None):
        super().__init__(_("Add a resident to the course"), parent, heading=course.data.title)
        self.workspace, self.course_id = workspace, course.course_id
        self.setMinimumWidth(520)
        self.picker = ResidentPicker(workspace)
        self.note = text_box("", 2)
        self.form.addRow(_("Resident"), self.picker)
        self.form.addRow(_("Note"), self.note)

    def work(self):
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
        self.form.addRow(_("Result"), self.status)
        self.form.addRow(_("Completed on"), self.completed_on)
        self.form.addRow("", self.certificate)
        self.form.addRow(_("Certificate number"), self.number)
        self.form.addRow(_("Note"), self.note)
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
