"""The residents area: the list and the room board as tabs; the profile and the intake
wizard open from either."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from shelter_app.domain.roles import Permission
from shelter_app.gui.background import Op
from shelter_app.gui.residents.list_page import ResidentListPage
from shelter_app.gui.residents.room_board import RoomBoard
from shelter_app.gui.widgets import heading
from shelter_app.i18n import _
from shelter_app.services.residents import records, visitors


class ResidentsArea(QWidget):
    def __init__(self, workspace, today):
        super().__init__()
        self.workspace, self.today = workspace, today
        self.counts = QLabel(_("Counting…"))
        self.list_page = ResidentListPage(workspace)
        self.board = RoomBoard(workspace, today)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.list_page, _("Resident list"))
        self.tabs.addTab(self.board, _("Rooms and beds"))
        self.tabs.currentChanged.connect(lambda index: index == 1 and self.board.refresh())
        self.gate = None  # Visitors: for the roles that keep the gate
        if workspace.may(visitors.GATE):
            from shelter_app.gui.residents.gate_page import GatePage

            self.gate = GatePage(workspace)
            self.tabs.addTab(self.gate, _("Visitors"))
            self.tabs.currentChanged.connect(
                lambda index: self.tabs.widget(index) is self.gate and self.gate.refresh())
        from shelter_app.gui.residents.incidents_page import IncidentsPage

        self.incidents = IncidentsPage(workspace)  # every role reads; staff and up write
        self.tabs.addTab(self.incidents, _("Incidents"))
        self.tabs.currentChanged.connect(
            lambda index: self.tabs.widget(index) is self.incidents and self.incidents.refresh())
        self.list_page.open_profile.connect(self.open_profile)
        self.board.open_profile.connect(self.open_profile)
        self.list_page.new_admission.connect(self.new_admission)
        self.list_page.receive_case.connect(self.receive_case)
        if workspace.may(Permission.EDIT_RESIDENTS):
            QShortcut(QKeySequence("Ctrl+N"), self, self.new_admission)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 4)
        title = heading(_("Residents (penghuni)"))
        layout.addWidget(title)
        layout.addWidget(self.counts)
        layout.addWidget(self.tabs, 1)
        self.refresh()

    def refresh(self) -> None:
        Op(self, lambda: records.overview(self.workspace), self._show_counts
           ).run_in_background()
        self.list_page.refresh()
        if self.tabs.currentIndex() == 1:
            self.board.refresh()

    def _show_counts(self, overview) -> None:
        self.counts.setText(_("{present} people present today; {persons} people on record.")
                            .format(present=overview.present_today, persons=overview.persons))

    def open_profile(self, person_id: int):
        from shelter_app.gui.residents.profile import ProfileDialog

        dialog = ProfileDialog(self.workspace, person_id, self)
        dialog.changed.connect(self.refresh)
        dialog.open()
        return dialog

    def new_admission(self):
        from shelter_app.gui.residents.intake import IntakeWizard

        wizard = IntakeWizard(self.workspace, self.today, self)
        wizard.admitted.connect(lambda person_id: (self.refresh(),
                                                   self.open_profile(person_id)))
        wizard.open_profile.connect(self.open_profile)
        wizard.open()
        return wizard

    def receive_case(self):
        from shelter_app.gui.residents.transfer_dialogs import ReceiveCaseDialog

        dialog = ReceiveCaseDialog(self.workspace, self)
        dialog.received.connect(lambda person_id: (self.refresh(),
                                                   self.open_profile(person_id)))
        dialog.open()
        return dialog
