"""Incidents (Residents -> Incidents): the list, newest first, by day, filtered by kind
or severity; a dialog to record one or change it (version-checked); a manager marks a
serious one handled, which ends its alert on the dashboard. The profile's Incidents tab
lists the incidents a resident was involved in (IncidentsTab)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_app.gui.background import Op
from shelter_app.gui.date_field import DateField, TimeField
from shelter_app.gui.residents.fields import CodedCombo
from shelter_app.gui.save_dialog import SaveDialog
from shelter_app.gui.widgets import (
    fill_table,
    read_only_table,
    shown_only_if,
    text_box,
    usable_with_a_row,
)
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date
from shelter_app.services.residents import incidents
from shelter_app.services.residents.incidents import IncidentData


def _involved(row) -> str:
    return ", ".join(f"{p.case_number} · {p.shown_name}" for p in row.involved) or "–"


def _state(row) -> str:
    if row.handled_at is not None:
        return _("handled ({user})").format(user=row.handled_by)
    if row.alerting:
        return _("not yet handled")
    return ""


def _cells(row, zone) -> list[str]:
    local = row.at.astimezone(zone)
    return [format_date(local.date(), "short"), local.strftime("%H:%M"),
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


class IncidentDialog(SaveDialog):
    """Record an incident, or change one (`row`: what the list read, with its version).
    A role that may only read sees it without Save."""

    def __init__(self, workspace, today: dt.date, zone, row=None, parent=None):
        super().__init__(_("Change the incident") if row else _("Record an incident"), parent)
        self.workspace, self.zone, self.row = workspace, zone, row
        self.setMinimumWidth(620)
        self.kind = CodedCombo([(code, incidents.kind_label(code))
                                for code in incidents.KINDS], empty=_("Choose…"))
        self.day = DateField(today, today=today, field="at")
        self.time = TimeField(field="at")
        when = QHBoxLayout()
        when.addWidget(self.day)
        when.addWidget(self.time)
        when.addStretch()
        self.severity = CodedCombo([(code, incidents.severity_label(code))
                                    for code in incidents.SEVERITIES])
        if row is None:  # a new incident starts at its kind's severity
            self.kind.currentIndexChanged.connect(self._severity_of_kind)
        self.cases = QLineEdit()
        self.cases.setPlaceholderText(_("Case numbers, separated by commas"))
        self.description = text_box("", 4)
        self.action = text_box("", 3)
        self.told = {code: QCheckBox(incidents.told_label(code)) for code in incidents.TOLD}
        told = QHBoxLayout()
        for box in self.told.values():
            told.addWidget(box)
        told.addStretch()
        self.told_detail = QLineEdit()
        self.told_detail.setPlaceholderText(_("Who was told, and when"))
        self.follow_up = text_box("", 2)
        self.done_on = DateField(None, today=today, optional=True, field="follow_up_done_on")
        self.form.addRow(_("Kind"), self.kind)
        self.form.addRow(_("When"), when)
        self.form.addRow(_("Severity"), self.severity)
        self.form.addRow(_("Residents involved"), self.cases)
        self.names = QLabel("")  # who the case numbers were when the incident was read
        self.names.setWordWrap(True)
        self.names.hide()
        self.form.addRow("", self.names)
        self.form.addRow(_("What happened"), self.description)
        self.form.addRow(_("What was done"), self.action)
        self.form.addRow(_("Told"), told)
        self.form.addRow(_("Names and when"), self.told_detail)
        self.form.addRow(_("Follow-up"), self.follow_up)
        self.form.addRow(_("Follow-up done on"), self.done_on)
        note = QLabel(_("Serious and critical incidents alert the manager on the dashboard "
                        "until a manager marks them handled."))
        note.setWordWrap(True)
        self.form.addRow("", note)
        if row is not None:
            self._fill(row)
        if not workspace.may(incidents.WRITE):
            self.buttons.button(self.buttons.StandardButton.Save).hide()

    def _severity_of_kind(self) -> None:
        kind = self.kind.value()
        if kind in incidents.SEVERITY_OF_KIND:
            self.severity.set_value(incidents.SEVERITY_OF_KIND[kind])

    def _fill(self, row) -> None:
        local = row.at.astimezone(self.zone)
        self.kind.set_value(row.kind)
        self.day.set_value(local.date())
        self.time.set_value(local.time().replace(second=0, microsecond=0))
        self.severity.set_value(row.severity)
        self.cases.setText(", ".join(p.case_number for p in row.involved))
        self.names.setText(_involved(row))
        self.names.setVisible(bool(row.involved))
        self.description.setPlainText(row.description)
        self.action.setPlainText(row.action_taken)
        for code, box in self.told.items():
            box.setChecked(code in row.told)
        self.told_detail.setText(row.told_detail)
        self.follow_up.setPlainText(row.follow_up)
        self.done_on.set_value(row.follow_up_done_on)

    def data(self) -> IncidentData:
        day, time = self.day.value(), self.time.value()
        at = (dt.datetime.combine(day, time, self.zone)
              if day is not None and time is not None else None)
        return IncidentData(
            kind=self.kind.value(), at=at, severity=self.severity.value(),
            case_numbers=tuple(part for part in self.cases.text().replace(";", ",")
                               .split(",") if part.strip()),
            description=self.description.toPlainText(), action_taken=self.action.toPlainText(),
            told=tuple(code for code, box in self.told.items() if box.isChecked()),
            told_detail=self.told_detail.text(), follow_up=self.follow_up.toPlainText(),
            follow_up_done_on=self.done_on.value())

    def work(self):
        data, workspace, row = self.data(), self.workspace, self.row
        if row is None:
            return lambda: incidents.record_incident(workspace, data)
        return lambda: incidents.update_incident(workspace, row.incident_id, data,
                                                 row.version)


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
