"""The stage 2 review and a manager's extension, for the resident chosen in the round.
They start from the round's day; a review cannot be dated after today."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
)

from shelter_app.domain.vocab import DecisionKind
from shelter_app.gui.date_field import DateField
from shelter_app.gui.save_dialog import SaveDialog
from shelter_app.i18n import _
from shelter_app.services.provisions import rounds


class DecisionDialog(SaveDialog):
    def __init__(self, workspace, line, today: dt.date, kind: DecisionKind, parent=None,
                 day: dt.date | None = None):
        extension = kind == DecisionKind.EXTENSION
        super().__init__(kind.label, parent)
        self.workspace, self.line, self.kind = workspace, line, kind
        day = day or today
        self.on = (DateField(day + dt.timedelta(days=7), field="until") if extension
                   else DateField(day, today=today, field="date"))
        self.reason = QLineEdit()
        self.form.addRow(_("Resident"), QLabel(f"{line.case_number} {line.label}"))
        self.form.addRow(_("Day of the stay"), QLabel(str(line.day_number)))
        self.form.addRow(_("Extended until") if extension else _("Decided on"), self.on)
        self.form.addRow(_("Why") if extension else _("Notes"), self.reason)

    def work(self):
        stay, day, reason = self.line.stay_id, self.on.value(), self.reason.text()
        if self.kind == DecisionKind.EXTENSION:
            return lambda: rounds.record_extension(self.workspace, stay, day, reason)
        return lambda: rounds.record_stage_two_review(self.workspace, stay, day, reason)
