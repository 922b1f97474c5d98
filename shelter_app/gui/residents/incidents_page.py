"""Incidents (Residents -> Incidents): the list, newest first, by day, filtered by kind
or severity; a dialog to record one or change it (version-checked: incident_dialog.py); a
manager marks a serious one handled, which ends its alert on the dashboard. The profile's
Incidents tab lists the incidents a resident was involved in (IncidentsTab)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_app.gui.background import Op
from shelter_app.gui.date_field import format_time
from shelter_app.gui.residents.fields import CodedCombo
from shelter_app.gui.residents.incident_dialog import IncidentDialog
from shelter_app.gui.widgets import (
    fill_table,
    read_only_table,
    shown_only_if,
    usable_with_a_row,
)
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date
from shelter_app.services.residents import incidents

__all__ = ["IncidentDialog", "IncidentsPage", "IncidentsTab"]


def _involved(row) -> str:
    return ", ".join(f"{p.case_number} · {p.shown_name}" for p in row.involved) or "–"


def _state(row) -> str:
    if row.handled_at is not None:
        return _("handled ({user})").format(user=row.handled_by_name)
    if row.alerting:
        return _("not yet handled")
    return ""


def _cells(row, zone) -> list[str]:
    local = row.at.astimezone(zone)
    return [format_date(local.date(), "short"), format_time(local.time()),
            incidents.kind_label(row.kind), incidents.severity_label(row.severity),
            _involved(row), " ".join(row.description.split())[:120], _state(row)]


def _headers() -> list[str]:
    return [_("Date"), _("Time"), _("Kind"), _("Severity"), _("Residents involved"),
            _("What happened"), _("Manager")]


def _table():
    """The list's table: the short columns as wide as they need, the text the rest."""
    table = read_only_table(_headers())
    header = table.horizontalHeader()
    for column in (0, 1, 2, 3, 6):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    table.setWordWrap(False)
    return table


class IncidentsPage(QWidget):
    """The Incidents tab of the Residents area."""

    def __init__(self, workspace):
        super().__init__()
        self.workspace, self.rows, self.today, self.zone = workspace, [], None, None
        self.kind = CodedCombo([(code, incidents.kind_label(code))
                                for code in incidents.KINDS], empty=_("All kinds"))
        self.severity = CodedCombo([(code, incidents.severity_label(code))
                                    for code in incidents.SEVERITIES],
                                   empty=_("All severities"))
        for combo in (self.kind, self.severity):
            combo.currentIndexChanged.connect(self.refresh)
        self.record = QPushButton(_("&Record an incident…"))
        self.record.clicked.connect(lambda: self.open_incident(None))
        self.open_button = QPushButton(_("&Open…"))
        self.open_button.clicked.connect(lambda: self.open_incident(self.chosen()))
        self.handled = QPushButton(_("Mark &handled"))
        self.handled.clicked.connect(self.mark_handled)
        self.table = _table()
        self.table.doubleClicked.connect(lambda _i: self.open_incident(self.chosen()))
        usable_with_a_row(self.table, self.open_button, self.handled)
        self.count = QLabel("")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Kind")))
        bar.addWidget(self.kind)
        bar.addWidget(QLabel(_("Severity")))
        bar.addWidget(self.severity)
        bar.addStretch()
        bar.addWidget(self.record)
        bar.addWidget(self.open_button)
        bar.addWidget(self.handled)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        # hidden only once in a layout: a parentless button shown opens as a window
        shown_only_if(self.record, workspace.may(incidents.WRITE))
        shown_only_if(self.handled, workspace.may(incidents.HANDLE))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)

    def refresh(self) -> None:
        kind, severity, workspace = self.kind.value(), self.severity.value(), self.workspace
        Op(self, lambda: (incidents.list_incidents(workspace, kind=kind, severity=severity),
                          incidents.today_and_zone(workspace)), self._show
           ).run_in_background()

    def _show(self, loaded) -> None:
        self.rows, (self.today, self.zone) = loaded
        fill_table(self.table, [_cells(row, self.zone) for row in self.rows])
        for index, row in enumerate(self.rows):  # the whole text where the cell cuts it
            self.table.item(index, 4).setToolTip(_involved(row))
            self.table.item(index, 5).setToolTip(row.description)
        self.count.setText(_("{count} incidents shown, newest first.").format(
            count=len(self.rows)))

    def chosen(self):
        selected = self.table.selectionModel().selectedRows()
        return self.rows[selected[0].row()] if selected else None

    def open_incident(self, row):
        if self.zone is None or (row is None and not self.workspace.may(incidents.WRITE)):
            return None
        dialog = IncidentDialog(self.workspace, self.today, self.zone, row, self)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    def mark_handled(self) -> None:
        row = self.chosen()
        if row is None:
            return
        Op(self, lambda: incidents.mark_handled(self.workspace, row.incident_id),
           lambda _r: self.refresh()).run_in_background()


class IncidentsTab(QWidget):
    """The profile's Incidents tab: the incidents this resident was involved in."""

    def __init__(self, workspace, person_id: int):
        super().__init__()
        self.workspace, self.person_id = workspace, person_id
        self.table = _table()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def reload(self) -> None:
        workspace, person_id = self.workspace, self.person_id
        Op(self, lambda: (incidents.incidents_of(workspace, person_id),
                          incidents.today_and_zone(workspace)[1]), self._show
           ).run_in_background()

    def _show(self, loaded) -> None:
        rows, zone = loaded
        fill_table(self.table, [_cells(row, zone) for row in rows])
