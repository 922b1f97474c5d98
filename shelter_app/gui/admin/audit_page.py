"""The newest audit events, and the database check."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shelter_app.gui.background import Op
from shelter_app.gui.widgets import inform
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_datetime


class AuditPage(QWidget):
    def __init__(self, workspace, time_zone: str):
        super().__init__()
        self.workspace, self.time_zone = workspace, time_zone
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [_("Time"), _("User"), _("Role"), _("Action"), _("Record")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        refresh = QPushButton(_("&Refresh"))
        refresh.clicked.connect(self.refresh)
        check = QPushButton(_("&Check the database…"))
        check.clicked.connect(self.check)
        buttons = QHBoxLayout()
        buttons.addWidget(refresh)
        buttons.addWidget(check)
        buttons.addStretch()
        note = QLabel(_("The audit log says who did what to which record, never what the "
                        "record says. Each event is chained to the one before, so a change "
                        "to the log is found by the check."))
        note.setWordWrap(True)
        note.setStyleSheet("color:#555;")
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(note)
        self.refresh()

    def refresh(self) -> None:
        from shelter_app.services.audit_log import recent_events

        Op(self, lambda: recent_events(self.workspace), self._show).run_in_background()

    def _show(self, events) -> None:
        self.table.setRowCount(len(events))
        for row, event in enumerate(events):
            cells = (format_datetime(event.at, self.time_zone), event.username, event.role,
                     event.action, f"{event.entity} {event.entity_id}".strip())
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def check(self) -> None:
        from shelter_app.services.check import run_check

        Op(self, lambda: run_check(self.workspace), self._checked).with_progress(
            _("Checking the database…")).run_in_background()

    def _checked(self, findings) -> None:
        lines = [("✔ " if f.ok else "✘ ") + f.label + (f": {f.detail}" if f.detail else "")
                 for f in findings]
        title = _("All checks passed") if all(f.ok for f in findings) else _("Problems found")
        inform(self, title, "\n".join(lines))
        self.refresh()
