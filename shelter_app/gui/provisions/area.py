"""The provisions area (jaminan hidup)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from shelter_app.gui.provisions.catalog_page import CatalogPage
from shelter_app.gui.provisions.round_page import RoundPage
from shelter_app.gui.widgets import heading
from shelter_app.i18n import _


class ProvisionsArea(QWidget):
    alerts_changed = Signal(list)

    def __init__(self, workspace, today):
        super().__init__()
        self.round = RoundPage(workspace, today)
        self.round.alerts_changed.connect(self.alerts_changed)
        self.catalog = CatalogPage(workspace, today)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.round, _("Daily round"))
        self.tabs.addTab(self.catalog, _("Items and daily package"))
        self.tabs.currentChanged.connect(lambda i: i == 1 and self.catalog.refresh())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 4)
        layout.addWidget(heading(_("Provisions (jaminan hidup)")))
        layout.addWidget(self.tabs, 1)
        self.round.refresh()
