"""The main window's areas. Those that later work fills say plainly what will be there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from shelter_app.gui.background import Op
from shelter_app.gui.widgets import heading
from shelter_app.i18n import N_, _

COMING = {
    "provisions": (N_("Provisions (jaminan hidup)"), N_(
        "Here staff will record the daily subsistence provisions: meals (permakanan), "
        "clothing and other basic needs, for stage 1 (days 1 to 7 of a stay) and stage 2 "
        "(days 8 to 14), with the reviews and extensions that decide them, and print the "
        "provision report and receipts.")),
    "counselling": (N_("Counselling"), N_(
        "Here counsellors will keep their calendar: individual counselling, group therapy "
        "and family counselling, with attendance, notes only counsellors can read, "
        "assessments, case conferences (sidang kasus) and empowerment plans.")),
    "referrals": (N_("Referrals"), N_(
        "Here staff will keep the directory of partner institutions, refer residents "
        "(rujukan) and follow each referral, print referral letters and handover records, "
        "and record follow-up home visits and termination.")),
    "reports": (N_("Reports"), N_(
        "Here managers will print the occupancy report, the provision report, the sessions "
        "report and the monthly report, each disaggregated by sex and age group.")),
}


def _text(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


class ComingArea(QWidget):
    def __init__(self, key: str):
        super().__init__()
        title, text = COMING[key]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(heading(_(title)))
        layout.addWidget(_text(_(text)))
        note = _text(_("This part of the app is not built yet."))
        note.setStyleSheet("color:#666; margin-top:12px;")
        layout.addWidget(note)
        layout.addStretch()


class ResidentsArea(QWidget):
    """Until the resident records arrive: how many people the database holds."""

    def __init__(self, workspace):
        super().__init__()
        self.workspace = workspace
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(heading(_("Residents (penghuni)")))
        self.counts = _text(_("Counting…"))
        self.counts.setStyleSheet("font-size: 13pt; margin: 8px 0;")
        layout.addWidget(self.counts)
        layout.addWidget(_text(_(
            "Here staff will admit people through the intake form (penerimaan), assign rooms "
            "and beds, follow each case through the six stages of empowerment, and find "
            "anyone quickly in the resident list. Lists show the case number and initials; "
            "names are shown only to those allowed to see them.")))
        note = _text(_("This part of the app is not built yet."))
        note.setStyleSheet("color:#666; margin-top:12px;")
        layout.addWidget(note)
        layout.addStretch()
        self.refresh()

    def refresh(self) -> None:
        from shelter_app.services import residents

        Op(self, lambda: residents.overview(self.workspace), self._show).run_in_background()

    def _show(self, overview) -> None:
        self.counts.setText(_("{present} people present today; {persons} people on record.")
                            .format(present=overview.present_today, persons=overview.persons))
