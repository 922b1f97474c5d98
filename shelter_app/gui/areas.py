"""The main window's areas. Those that later work fills say plainly what will be there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from shelter_app.gui.widgets import heading
from shelter_app.i18n import N_, _

COMING = {
    "referrals": (N_("Referrals"), N_(
        "Here staff will keep the directory of partner institutions, refer residents "
        "(rujukan) and follow each referral, print referral letters and handover records, "
        "and record follow-up home visits and termination.")),
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
