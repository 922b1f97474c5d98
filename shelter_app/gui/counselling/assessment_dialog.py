"""Record a new version of a resident's assessment (BAB II C.3.b.3): the problems, what
is needed in each domain, the root cause and the priorities. It starts from the latest
version; earlier versions are kept and can be read in the profile."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLineEdit

from shelter_app.domain.vocab import NeedDomain
from shelter_app.gui.date_field import DateField
from shelter_app.gui.save_dialog import SaveDialog
from shelter_app.gui.widgets import text_box
from shelter_app.i18n import _
from shelter_app.services.counselling import casework
from shelter_app.services.counselling.casework import AssessmentData


class AssessmentDialog(SaveDialog):
    def __init__(self, workspace, person_id: int, label: str, today: dt.date,
                 latest: casework.AssessmentVersion | None = None, parent=None):
        super().__init__(_("New assessment version"), parent,
                         heading=_("Assessment of {case}").format(case=label))
        self.workspace, self.person_id = workspace, person_id
        self.setMinimumWidth(720)
        data = latest.data if latest else None
        self.assessed_on = DateField(today, today=today, field="date")
        self.problems = text_box(data.problems if data else "")
        self.needs = {domain.value: QLineEdit((data.needs if data else {}).get(domain.value,
                                                                                ""))
                      for domain in NeedDomain}
        self.root_cause = text_box(data.root_cause if data else "", 2)
        self.priorities = text_box(data.priorities if data else "", 2)
        self.form.addRow(_("Date"), self.assessed_on)
        self.form.addRow(_("Problems"), self.problems)
        for domain in NeedDomain:
            self.form.addRow(_("Needs: {domain}").format(domain=domain.label),
                             self.needs[domain.value])
        self.form.addRow(_("Root cause"), self.root_cause)
        self.form.addRow(_("Priorities"), self.priorities)

    def work(self):
        data = AssessmentData(self.assessed_on.value(), self.problems.toPlainText(),
                              {code: edit.text() for code, edit in self.needs.items()},
                              self.root_cause.toPlainText(), self.priorities.toPlainText())
        workspace, person_id = self.workspace, self.person_id
        return lambda: casework.record_assessment(workspace, person_id, data)
