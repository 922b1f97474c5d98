"""The stage 2 review and a manager's extension, for the resident chosen in the round."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from shelter_app.gui.background import Op, explain
from shelter_app.gui.residents.fields import date_edit, error_label, read_date
from shelter_app.gui.widgets import translate_buttons
from shelter_app.i18n import _
from shelter_app.services import provisions


class DecisionDialog(QDialog):
    def __init__(self, workspace, line, today: dt.date, kind: str, parent=None):
        super().__init__(parent)
        self.workspace, self.line, self.kind = workspace, line, kind
        extension = kind == provisions.EXTENSION
        self.setWindowTitle(_("Extension past day 14") if extension
                            else _("Review: into stage 2"))
        self.on = date_edit(today, today if not extension else None)
        if extension:
            self.on.setDate(self.on.date().addDays(7))
        self.reason = QLineEdit()
        self.message = error_label()
        form = QFormLayout()
        form.addRow(_("Resident"), QLabel(f"{line.case_number} {line.label}"))
        form.addRow(_("Day of the stay"), QLabel(str(line.day_number)))
        form.addRow(_("Extended until") if extension else _("Decided on"), self.on)
        form.addRow(_("Why") if extension else _("Notes"), self.reason)
        self.buttons = translate_buttons(QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _save(self) -> None:
        stay, day, reason = self.line.stay_id, read_date(self.on), self.reason.text()
        if self.kind == provisions.EXTENSION:
            def work():
                return provisions.record_extension(self.workspace, stay, day, reason)
        else:
            def work():
                return provisions.record_stage_two_review(self.workspace, stay, day, reason)
        self.buttons.setEnabled(False)
        Op(self, work, lambda _cleared: self.accept()).failure(self._failed
                                                               ).run_in_background()

    def _failed(self, error) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(explain(error))
