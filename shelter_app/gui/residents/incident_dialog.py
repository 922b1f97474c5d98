"""The incident form (Residents -> Incidents): record an incident or change one. The
residents involved are chosen by part of a name or a case number (resident_picker), as the
role may see them; a refusal is shown at its field and goes once that field changes;
Cancel, Escape and the window's close ask before half-written typing is lost."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from shelter_app.domain.errors import InputError
from shelter_app.gui.background import explain
from shelter_app.gui.date_field import DateField, TimeField, first_problem, format_time, reveal
from shelter_app.gui.residents.fields import CodedCombo, FieldMessages
from shelter_app.gui.residents.resident_picker import ResidentPicker
from shelter_app.gui.save_dialog import SaveDialog
from shelter_app.gui.widgets import text_box
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date
from shelter_app.services.residents import incidents
from shelter_app.services.residents.incidents import IncidentData


def when(at: dt.datetime, zone) -> str:
    local = at.astimezone(zone)
    return f"{format_date(local.date(), 'short')} {format_time(local.time())}"


class IncidentDialog(SaveDialog):
    """Record an incident, or change one (`row`: what the list read, with its version).
    A role that may only read sees it without Save."""

    def __init__(self, workspace, today: dt.date, zone, row=None, parent=None):
        super().__init__(_("Change the incident") if row else _("Record an incident"), parent)
        self.workspace, self.zone, self.row = workspace, zone, row
        self.writes = workspace.may(incidents.WRITE)
        self.setMinimumWidth(620)
        self.fields = FieldMessages()
        self.kind = CodedCombo([(code, incidents.kind_label(code))
                                for code in incidents.KINDS], empty=_("Choose…"))
        self.day = DateField(today, today=today, field="at")
        self.time = TimeField(field="at")
        when_row = QHBoxLayout()
        when_row.addWidget(self.day)
        when_row.addWidget(self.time)
        when_row.addStretch()
        self.severity = CodedCombo([(code, incidents.severity_label(code))
                                    for code in incidents.SEVERITIES])
        if row is None:  # a new incident starts at its kind's severity
            self.kind.currentIndexChanged.connect(self._severity_of_kind)
        self.picker = ResidentPicker(workspace)
        self.description = text_box("", 4)
        self.action = text_box("", 3)
        self.told = {code: QCheckBox(incidents.told_label(code)) for code in incidents.TOLD}
        told_box = QWidget()
        told = QHBoxLayout(told_box)
        told.setContentsMargins(0, 0, 0, 0)
        for box in self.told.values():
            told.addWidget(box)
        told.addStretch()
        self.told_detail = QLineEdit()
        self.told_detail.setPlaceholderText(_("Who was told, and when"))
        self.follow_up = text_box("", 2)
        self.done_on = DateField(None, today=today, optional=True, field="follow_up_done_on")
        add = self.fields.add
        self.form.addRow(_("Kind"), add("kind", self.kind))
        self.form.addRow(_("When"), when_row)
        self.fields.add("at", self.time)  # a time in the future: said under the time
        self.form.addRow(_("Severity"), add("severity", self.severity))
        self.form.addRow(_("Residents involved"), add("case_numbers", self.picker))
        self.form.addRow(_("What happened"), add("description", self.description))
        self.form.addRow(_("What was done"), add("action_taken", self.action))
        self.form.addRow(_("Told"), add("told", told_box))
        self.form.addRow(_("Names and when"), add("told_detail", self.told_detail))
        self.form.addRow(_("Follow-up"), add("follow_up", self.follow_up))
        self.form.addRow(_("Follow-up done on"), self.done_on)
        self.fields.add("follow_up_done_on", self.done_on)
        self.recorded = QLabel("")  # who recorded it and who marked it handled, by name
        self.recorded.setWordWrap(True)
        self.recorded.hide()
        self.form.addRow("", self.recorded)
        note = QLabel(_("Serious and critical incidents alert the manager on the dashboard "
                        "until a manager marks them handled."))
        note.setWordWrap(True)
        self.form.addRow("", note)
        self._watch_changes()
        if row is not None:
            self._fill(row)
        if not self.writes:  # read only: nothing to choose or remove either
            self.buttons.button(self.buttons.StandardButton.Save).hide()
            self.picker.edit.hide()
            self.picker.remove.hide()
        self._opened_with = self._form_state()

    def _watch_changes(self) -> None:
        """A message about the form goes once the user changes something; a date's or a
        time's once that field, or the one it is checked against, changes."""
        for box in self.told.values():
            box.toggled.connect(lambda _on: self.fields.clear("told"))
        self.picker.edit.textEdited.connect(lambda _text: self.fields.clear("case_numbers"))
        for signal in (self.kind.currentIndexChanged, self.severity.currentIndexChanged,
                       self.picker.changed, self.picker.edit.textEdited,
                       self.description.textChanged, self.action.textChanged,
                       self.told_detail.textChanged, self.follow_up.textChanged,
                       self.day.changed, self.time.changed, self.done_on.changed,
                       *(box.toggled for box in self.told.values())):
            signal.connect(lambda *_args: self.message.setText(""))
        for signal in (self.day.changed, self.time.changed):
            signal.connect(lambda: self._recheck(self.day, self.time, self.done_on))
        self.done_on.changed.connect(lambda: self._recheck(self.done_on))

    @staticmethod
    def _recheck(*fields) -> None:
        for field in fields:
            if field.message.text():
                field.show_problem(field.problem())  # "" once the text itself is right

    def _severity_of_kind(self) -> None:
        kind = self.kind.value()
        if kind in incidents.SEVERITY_OF_KIND:
            self.severity.set_value(incidents.SEVERITY_OF_KIND[kind])

    def _fill(self, row) -> None:
        local = row.at.astimezone(self.zone)
        self.kind.set_value(row.kind)
        self.day.set_value(local.date())
        self.time.set_value(local.time().replace(second=0, microsecond=0))
        self.severity.set_value(row.severity)
        self.picker.set_chosen(row.involved)
        self.description.setPlainText(row.description)
        self.action.setPlainText(row.action_taken)
        for code, box in self.told.items():
            box.setChecked(code in row.told)
        self.told_detail.setText(row.told_detail)
        self.follow_up.setPlainText(row.follow_up)
        self.done_on.set_value(row.follow_up_done_on)
        lines = []
        if row.recorded_at is not None:
            lines.append(_("Recorded by {name}, {when}.").format(
                name=row.recorded_by_name, when=when(row.recorded_at, self.zone)))
        if row.handled_at is not None:
            lines.append(_("Marked handled by {name}, {when}.").format(
                name=row.handled_by_name, when=when(row.handled_at, self.zone)))
        self.recorded.setText(" ".join(lines))
        self.recorded.setVisible(bool(lines))
        self.fields.clear()
        self.message.setText("")

    def data(self) -> IncidentData:
        day, time = self.day.value(), self.time.value()
        at = (dt.datetime.combine(day, time, self.zone)
              if day is not None and time is not None else None)
        return IncidentData(
            kind=self.kind.value(), at=at, severity=self.severity.value(),
            case_numbers=self.picker.case_numbers(),
            description=self.description.toPlainText(), action_taken=self.action.toPlainText(),
            told=tuple(code for code, box in self.told.items() if box.isChecked()),
            told_detail=self.told_detail.text(), follow_up=self.follow_up.toPlainText(),
            follow_up_done_on=self.done_on.value())

    def work(self):
        data, workspace, row = self.data(), self.workspace, self.row
        if row is None:
            return lambda: incidents.record_incident(workspace, data)
        return lambda: incidents.update_incident(workspace, row.incident_id, data,
                                                 row.version)

    # -- saving: a refusal at its field ---------------------------------------------------
    def _save(self) -> None:
        self.fields.clear()
        self.message.setText("")
        wrong = first_problem(self)  # a date or a time that cannot be read: at the field
        if wrong is not None:
            reveal(wrong)
            return
        if self.picker.typed():
            self.fields.show("case_numbers", self.picker.unchosen_message())
            return
        super()._save()

    def _failed(self, error: BaseException) -> None:
        field = error.field if isinstance(error, InputError) else ""
        if field and self.fields.show(field, explain(error)):
            self.buttons.setEnabled(True)
            return
        super()._failed(error)

    # -- closing: ask before typing is lost -------------------------------------------
    def _form_state(self) -> tuple:
        return (self.kind.value(), self.day.text(), self.time.text(), self.severity.value(),
                self.picker.case_numbers(), self.picker.typed(),
                self.description.toPlainText(), self.action.toPlainText(),
                tuple(box.isChecked() for box in self.told.values()),
                self.told_detail.text(), self.follow_up.toPlainText(), self.done_on.text())

    def has_unsaved_typing(self) -> bool:
        return self.writes and self._form_state() != self._opened_with

    def reject(self) -> None:
        if not self.buttons.isEnabled():
            return  # the save is on its way: it closes the form when it is done
        super().reject()
