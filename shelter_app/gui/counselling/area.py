"""The counselling area: the calendar, the case conferences (sidang kasus), and the
courses and activities residents take part in (Training)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.roles import Permission
from shelter_app.gui.background import Op
from shelter_app.gui.counselling.calendar_page import CalendarPage
from shelter_app.gui.widgets import fill_table, heading, open_dialog, read_only_table
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date
from shelter_app.services.counselling import casework


class ConferencesPage(QWidget):
    def __init__(self, workspace, today: dt.date):
        super().__init__()
        self.workspace, self.today = workspace, today
        self.table = read_only_table([_("Date"), _("Cases"), _("Participants"), _("Decisions")])
        record = QPushButton(_("&Record a case conference…"))
        record.clicked.connect(self.record)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("The latest case conferences. Each one's decisions create or "
                               "update the plans of the cases discussed.")))
        bar.addStretch()
        bar.addWidget(record)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        Op(self, lambda: casework.conferences(self.workspace), self._show).run_in_background()

    def _show(self, rows) -> None:
        fill_table(self.table, [[format_date(c.held_on, "short"), ", ".join(c.cases), c.participants,
                                 c.decisions] for c in rows])
        self.table.resizeRowsToContents()

    def record(self) -> None:
        from shelter_app.gui.counselling.conference_dialog import ConferenceDialog

        open_dialog(self, ConferenceDialog(self.workspace, self.today, self), self.refresh)


class CounsellingArea(QWidget):
    def __init__(self, workspace, today: dt.date, zone):
        super().__init__()
        self.calendar = CalendarPage(workspace, today, zone)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.calendar, _("Calendar"))
        self.conferences = None
        if workspace.may(Permission.CASE_WORK):
            self.conferences = ConferencesPage(workspace, today)
            self.tabs.addTab(self.conferences, _("Case conferences"))
            self.tabs.currentChanged.connect(
                lambda index: index == 1 and self.conferences.refresh())
        from shelter_app.gui.counselling.training_page import TrainingPage

        self.training = TrainingPage(workspace, today)  # loads when first shown
        self.tabs.addTab(self.training, _("Training"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 4)
        layout.addWidget(heading(_("Counselling")))
        layout.addWidget(self.tabs, 1)
