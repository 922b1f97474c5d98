"""Small dialogs on a stay: move to another bed, discharge, admit again, move the case
stage. Each checks in the service; a refusal shows at its field and keeps the dialog."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
)

from shelter_app.domain.errors import InputError
from shelter_app.domain.vocab import CaseStage, DischargeReason, RoomDesignation
from shelter_app.gui.background import Op
from shelter_app.gui.date_field import DateField
from shelter_app.gui.residents.fields import CodedCombo
from shelter_app.gui.save_dialog import SaveDialog
from shelter_app.gui.style import set_role
from shelter_app.i18n import _
from shelter_app.services.residents import records, rooms
from shelter_app.services.residents.fields import StayData


class _ActionDialog(SaveDialog):
    def __init__(self, title: str, profile, today: dt.date, parent=None):
        super().__init__(title, parent, heading=_("{case}: {name}").format(
            case=profile.case_number, name=profile.shown_name))
        self.profile, self.today = profile, today
        self.setMinimumWidth(480)


class _BedChoice(CodedCombo):
    def __init__(self, workspace, profile, today, warning: QLabel, allow_none: bool):
        super().__init__([], empty=_("No bed yet") if allow_none else None)
        self.profile, self.today, self.warning = profile, today, warning
        self.currentIndexChanged.connect(self._warn)
        Op(self, lambda: rooms.free_beds(workspace), self._fill).run_in_background()

    def _fill(self, free) -> None:
        self._designations = {}
        for bed in free:
            self.addItem(_("{room}, bed {bed} ({designation})").format(
                room=bed.room_name, bed=bed.bed_label,
                designation=RoomDesignation(bed.designation).label), bed.bed_id)
            self._designations[bed.bed_id] = bed.designation

    def _warn(self) -> None:
        bed = self.currentData()
        designation = getattr(self, "_designations", {}).get(bed)
        data = self.profile.data
        self.warning.setText(" ".join(rooms.allocation_warnings(
            designation, data.sex, data.birth_date, self.today)) if designation else "")


def _warning_label() -> QLabel:
    label = QLabel("")
    label.setWordWrap(True)
    set_role(label, tone="warning")
    return label


class TransferDialog(_ActionDialog):
    def __init__(self, workspace, profile, today, parent=None):
        super().__init__(_("Move to another bed"), profile, today, parent)
        self.workspace = workspace
        self.warning = _warning_label()
        self.bed = _BedChoice(workspace, profile, today, self.warning, allow_none=False)
        self.on = DateField(today, today=today, field="date")
        self.form.addRow(_("New bed"), self.bed)
        self.form.addRow("", self.warning)
        self.form.addRow(_("From"), self.on)

    def work(self):
        bed, on = self.bed.currentData(), self.on.value()
        person = self.profile.person_id
        if bed is None:
            return _no_free_bed
        return lambda: rooms.transfer(self.workspace, person, bed, on)


def _no_free_bed():
    raise InputError(_("There is no free bed to choose."), "bed")


class DischargeDialog(_ActionDialog):
    def __init__(self, workspace, profile, today, parent=None):
        super().__init__(_("Discharge"), profile, today, parent)
        self.workspace = workspace
        self.on = DateField(today, today=today, field="date")
        self.reason = CodedCombo(list(DischargeReason), empty=_("Choose…"))
        self.destination = QLineEdit()
        self.destination.setPlaceholderText(_("where the person goes (institution, family)"))
        self.form.addRow(_("Date of discharge"), self.on)
        self.form.addRow(_("Reason"), self.reason)
        self.form.addRow(_("Destination"), self.destination)

    def work(self):
        person, on = self.profile.person_id, self.on.value()
        reason, destination = self.reason.value(), self.destination.text()
        return lambda: records.discharge(self.workspace, person, on, reason, destination)


class ReadmitDialog(_ActionDialog):
    def __init__(self, workspace, profile, today, parent=None):
        super().__init__(_("Admit again (a returning person)"), profile, today, parent)
        self.workspace = workspace
        self.on = DateField(today, today=today, field="date")
        self.evacuated_from = QLineEdit()
        self.evacuated_by = QLineEdit()
        self.referred_by = QLineEdit()
        self.warning = _warning_label()
        self.bed = _BedChoice(workspace, profile, today, self.warning, allow_none=True)
        self.form.addRow(_("Date of admission"), self.on)
        self.form.addRow(_("Evacuated from"), self.evacuated_from)
        self.form.addRow(_("Evacuated by"), self.evacuated_by)
        self.form.addRow(_("Referring institution"), self.referred_by)
        self.form.addRow(_("Bed"), self.bed)
        self.form.addRow("", self.warning)

    def work(self):
        stay = StayData(admission_date=self.on.value(),
                        evacuated_on=self.on.value(),
                        evacuated_from=self.evacuated_from.text(),
                        evacuated_by=self.evacuated_by.text(),
                        referred_by=self.referred_by.text(), bed_id=self.bed.currentData())
        person = self.profile.person_id
        return lambda: records.readmit(self.workspace, person, stay)


class StageDialog(_ActionDialog):
    def __init__(self, workspace, profile, today, parent=None):
        super().__init__(_("Move the case to a stage"), profile, today, parent)
        self.workspace = workspace
        self.stage = CodedCombo([s for s in CaseStage if s.value != profile.stage])
        following = str(min(6, int(profile.stage) + 1))
        self.stage.set_value(following)
        self.on = DateField(today, today=today, field="date")
        self.form.addRow(_("Now at"), QLabel(CaseStage(profile.stage).label))
        self.form.addRow(_("New stage"), self.stage)
        self.form.addRow(_("Since"), self.on)

    def work(self):
        person, stage, on = self.profile.person_id, self.stage.value(), self.on.value()
        return lambda: records.move_stage(self.workspace, person, stage, on)
